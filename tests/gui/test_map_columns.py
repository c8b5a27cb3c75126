"""The Map Columns dialog with real widgets: it opens for unknown headers, maps them, is saved, maps values."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from explorer.gui import messages
from explorer.gui.main_window import MainWindow
from explorer.gui.map_columns import MapColumnsDialog

from ..files import write_csv, write_sheets
from .conftest import AS_OF, wait_idle

LAYOUT = ["Kunde", "Erzeugnis", "Stufe", "Beginn", "Ende", "Zeitzone"]


def german(folder: Path) -> Path:
    return write_csv(
        folder / "vertraege.csv",
        header=LAYOUT,
        rows=[
            ["Acme", "Okta", "Premium", "2026-01-01", "2026-12-31", "Europe/Berlin"],
            ["Beta", "Auth0", "Enterprise", "2026-02-01", "2027-01-31", "Europe/Berlin"],
        ],
    )


def opened(qtbot, files: list[Path]) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(win)
    win.show()
    win.open_files([str(f) for f in files])
    wait_idle(qtbot, win)
    return win


def shown(qtbot, dialog: MapColumnsDialog | None) -> MapColumnsDialog:  # type: ignore[no-untyped-def]
    """The dialog once its file is read (on a worker thread)."""
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.ready, timeout=60_000)
    return dialog


def pick(dialog: MapColumnsDialog, field: str, header: str) -> None:
    box = dialog.field_boxes[field]
    box.setCurrentIndex(box.findText(header))


def test_unknown_headers_open_the_dialog_and_the_mapping_reads_and_is_reused(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = german(tmp_path)
    win = opened(qtbot, [book])
    dialog = shown(qtbot, win.sessions.map_dialog)
    assert dialog.sheet_box.currentText() == "vertraege" and dialog.header_spin.value() == 1
    assert dialog.kind_box.currentData() == "contracts"
    assert dialog.preview.rowCount() == 3 and dialog.preview.item(1, 0).text() == "Acme"
    assert dialog.field_boxes["term_start"].currentText() == "Beginn"  # a guess, with its confidence shown
    assert dialog.confidence["term_start"].text() == "exact"  # a German spelling of the catalog
    assert not dialog.save_button.isEnabled()  # customer and product are still missing
    for field, header in (("customer", "Kunde"), ("product", "Erzeugnis"), ("program", "Stufe"), ("time_zone", "Zeitzone")):
        pick(dialog, field, header)
    assert dialog.unused.text() == "Kept, not used: none"
    premium = dialog.value_boxes[("program", "Premium")]  # the unknown tier, offered the catalog's tiers
    premium.setCurrentIndex(premium.findText("Premier"))
    assert dialog.save_button.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)  # both buttons are real
    dialog.save_button.click()
    qtbot.waitUntil(lambda: win.session is not None and len(win.session.book.contracts) == 2, timeout=60_000)
    wait_idle(qtbot, win)
    contracts = win.session.book.contracts
    assert [(c.customer, c.program) for c in contracts] == [("Acme", "okta-premier"), ("Beta", "auth0-enterprise")]
    assert win.session.book.error_count == 0  # the tier mapped in the dialog is applied
    win.sessions.map_dialog = None
    again = opened(qtbot, [book])  # a new window: the saved mapping is used, no dialog
    assert again.sessions.map_dialog is None and again.session is not None and len(again.session.book.contracts) == 2


def test_file_menu_opens_the_dialog_on_the_open_book(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = opened(
        qtbot,
        [
            write_csv(
                tmp_path / "b.csv",
                header=["Customer", "Product", "Tier", "Start", "End"],
                rows=[["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
            )
        ],
    )
    assert win.sessions.map_dialog is None
    win.sessions.map_action.trigger()
    dialog = shown(qtbot, win.sessions.map_dialog)
    assert dialog.field_boxes["customer"].currentText() == "Customer"
    assert dialog.confidence["customer"].text() == "exact"
    pick(dialog, "term_end", "Start")  # two fields on one column is refused in place
    assert not dialog.save_button.isEnabled() and "same column" in dialog.problem.text()
    for field in ("term_start", "term_end"):  # a contract with no term dates would read as in force for ever
        dialog.field_boxes[field].setCurrentIndex(0)  # not used
    assert not dialog.save_button.isEnabled()
    assert dialog.problem.text() == "Pick a column for each field marked *: Term start, Term end"
    dialog.reject()


def test_one_unreadable_file_does_not_discard_the_others(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = write_csv(
        tmp_path / "b.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )
    bad = tmp_path / "scan.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a workbook")
    win = opened(qtbot, [good, bad])
    assert win.session is not None and len(win.session.book.contracts) == 1
    assert messages.shown == []  # no dialog: the book opens without the bad file
    assert "Not read: scan.xlsx" in win.status_label.text()
    assert any("PDF document" in f.message for f in win.session.book.findings)
    assert win.sessions.map_dialog is None  # a damaged file is not offered for mapping


def test_a_hidden_sheet_is_offered_and_its_mapping_asks_for_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from explorer.catalog import default_catalog

    wb = openpyxl.Workbook()
    wb.active.title = "Live"
    wb.active.append(["Customer", "Product", "Tier", "Start", "End"])
    backup = wb.create_sheet("Backup")
    backup.append(["Customer", "Product", "Tier", "Start", "End"])
    backup.append(["Vandelay", "Okta", "Basic", "2025-01-01", "2025-12-31"])
    backup.sheet_state = "hidden"
    wb.save(tmp_path / "b.xlsx")
    dialog = MapColumnsDialog(None, [str(tmp_path / "b.xlsx")], default_catalog(), sheet="Backup")
    qtbot.addWidget(dialog)
    dialog.show()
    shown(qtbot, dialog)
    assert dialog.sheet_box.currentText() == "Backup (hidden)"
    assert dialog.hidden_box.isVisible() and dialog.hidden_box.isChecked()
    assert dialog.mapping().read_hidden == ("Backup",)
    dialog.hidden_box.setChecked(False)
    assert dialog.mapping().read_hidden == ()
    dialog.sheet_box.setCurrentIndex(dialog.sheet_box.findData("Live"))
    assert not dialog.hidden_box.isVisible()


def test_a_sheet_named_do_not_use_is_offered_like_a_hidden_one(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from explorer.catalog import default_catalog
    from explorer.importing.book import load_book
    from explorer.importing.mappings import Lookup

    header = ["Customer", "Product", "Tier", "Start", "End"]
    rows = {"Live": [header], "Do not use - old": [header, ["Nightjar Ltd", "Okta", "Premier", "2022-01-01", "2026-12-31"]]}
    path = write_sheets(tmp_path / "b.xlsx", rows)
    dialog = MapColumnsDialog(None, [str(path)], default_catalog(), sheet="Do not use - old")
    qtbot.addWidget(dialog)
    dialog.show()
    shown(qtbot, dialog)
    assert dialog.hidden_box.isVisible() and dialog.hidden_box.isChecked()
    assert dialog.hidden_box.text() == "Read this sheet, whose name says to leave it alone"
    mapping = dialog.mapping()
    assert mapping.read_hidden == ("Do not use - old",)
    dialog.reject()
    book = load_book([path], saved=Lookup([mapping]))  # the saved mapping asks for it: it is read
    assert [c.customer for c in book.contracts] == ["Nightjar Ltd"]


def test_the_file_is_read_only_once_the_dialog_has_drawn_itself(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Read at once, the read's long calls made the dialog's first drawing wait for the GIL (the window held up to
    171 ms on a big book): the read starts after the dialog is drawn, and never for a dialog closed before that."""
    from explorer.catalog import default_catalog
    from explorer.gui import map_columns

    monkeypatch.setattr(map_columns, "FIRST_READ_MS", 10)
    started: list[str] = []
    load = MapColumnsDialog._load_file
    monkeypatch.setattr(MapColumnsDialog, "_load_file", lambda self: started.append("read") or load(self))
    book = german(tmp_path)
    dialog = MapColumnsDialog(None, [str(book)], default_catalog())
    qtbot.addWidget(dialog)
    qtbot.wait(50)
    assert not started and not dialog.ready  # not drawn yet: nothing read
    assert dialog.reading.text() == "Reading vertraege.csv…" and not dialog.save_button.isEnabled()
    dialog.show()
    shown(qtbot, dialog)
    assert started == ["read"] and dialog.preview.rowCount() == 3  # the header row and both contracts
    closed = MapColumnsDialog(None, [str(book)], default_catalog())
    qtbot.addWidget(closed)
    closed.show()
    closed.reject()  # closed before its read began
    monkeypatch.setattr(map_columns, "FIRST_READ_MS", 300)
    waiting = MapColumnsDialog(None, [str(book)], default_catalog())
    qtbot.addWidget(waiting)
    waiting.show()
    qtbot.waitUntil(waiting._first_read.isActive)  # drawn; its read would start in 300 ms
    waiting.reject()  # closed meanwhile
    stopped = MapColumnsDialog(None, [str(book)], default_catalog())
    qtbot.addWidget(stopped)
    stopped.show()
    qtbot.waitUntil(stopped._first_read.isActive)  # drawn; its read starts in 300 ms
    assert not stopped.hidden_box.isVisible()  # no sheet yet, hidden or not
    stopped.stop_button.click()  # Stop Reading before the read began
    qtbot.wait(500)
    assert started == ["read"] and not closed.ready and not waiting.ready and not stopped.ready
    assert not stopped.stop_button.isVisible() and "was not read" in stopped.problem.text()


def test_the_dialog_fits_a_laptop_screen_at_16_points(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """At 16 points the dialog needed 1114 x 820 pixels: on a 1366 x 768 screen its Save and Cancel buttons were below
    the edge (found by a user's tryout). Its fields scroll now, so it shrinks to a laptop's screen."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from explorer.catalog import default_catalog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    large = QFont(before)
    large.setPointSizeF(16)
    app.setFont(large)
    try:
        book = write_csv(
            tmp_path / "b.csv",
            header=["Kunde", "Erzeugnis", "Stufe", "Beginn", "Ende"],
            rows=[["A", "Okta", "Gold", "2026-01-01", "2026-12-31"]],
        )
        dialog = MapColumnsDialog(None, [str(book)], default_catalog())
        qtbot.addWidget(dialog)
        dialog.show()
        shown(qtbot, dialog)
        need = dialog.minimumSizeHint()
        assert need.width() <= 1024 and need.height() <= 680, need
        dialog.resize(1024, 680)
        buttons = dialog.buttons.geometry()
        assert dialog.rect().contains(buttons)  # Save and Cancel within the window
    finally:
        app.setFont(before)


def test_long_unknown_values_wrap_beside_their_boxes_with_no_sideways_scroll(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Odoo's order lines named products at length: their labels pushed the value boxes under the scroll bar.
    from explorer.catalog import default_catalog

    long_names = [
        "Mission Critical Support - 100% Dedicated MCSE for every production tenant of the enterprise",
        "Okta Workforce Identity Premier Plus Support with the Dedicated Customer Success Engineer",
        "Auth0 Customer Identity Cloud Enterprise Support for the B2C and B2B tenants",
    ]
    rows = [[f"Customer {i}", name, "2026-01-01", "2026-12-31"] for i, name in enumerate(long_names)]
    path = write_csv(tmp_path / "lines.csv", header=["Customer", "Item", "Start", "End"], rows=rows)
    dialog = MapColumnsDialog(None, [str(path)], default_catalog())
    qtbot.addWidget(dialog)
    dialog.resize(960, 720)
    dialog.show()
    shown(qtbot, dialog)
    pick(dialog, "product", "Item")
    qtbot.waitUntil(lambda: len(dialog.value_boxes) == 3)
    qtbot.wait(50)
    area = dialog.choices_area
    assert not area.horizontalScrollBar().isVisible()
    right = area.viewport().mapToGlobal(area.viewport().rect().topRight()).x()
    for box in dialog.value_boxes.values():
        assert box.mapToGlobal(box.rect().topRight()).x() <= right


def test_the_dialog_says_which_kept_columns_are_read_as_map_does(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A Stage and an Account Owner are read (the term's status, the report's Owner): not "kept, not used"."""
    book = write_csv(
        tmp_path / "deals.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Stage", "Account Owner", "Notes"],
        rows=[["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31", "Closed Won", "Dana", "vip"]],
    )
    win = opened(qtbot, [book])
    win.sessions.map_action.trigger()
    dialog = shown(qtbot, win.sessions.map_dialog)
    assert dialog.unused.text() == (
        "Read: Stage (term status: ended early, never ran or not signed yet)\n"
        "Read: Account Owner (who looks after the account: the Owner column of the report's Actions)\n"
        "Kept, not used: Notes"
    )
    pick(dialog, "program", "Stage")  # a column given a field is the field's, no longer a kept one
    assert dialog.unused.text().startswith("Read: Account Owner") and dialog.unused.text().endswith("Kept, not used: Tier, Notes")
    dialog.reject()


def test_the_dialog_states_how_the_file_writes_dates_and_keeps_a_saved_choice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every date of this book reads either way (03/04/2026): the dialog says which the file means, the mapping
    carries it (dates = "day first"), and a saved mapping opened again shows its choice; re-saving kept no order."""
    from explorer.catalog import default_catalog
    from explorer.importing.book import load_book

    book = write_csv(
        tmp_path / "ambiguous.csv",
        header=["Acct", "Prod", "Level", "From", "To"],
        rows=[["Acme", "Okta", "Premier", "03/04/2026", "02/04/2027"], ["Beta", "Okta", "Premier", "05/06/2026", "04/06/2027"]],
    )
    dialog = MapColumnsDialog(None, [str(book)], default_catalog())
    qtbot.addWidget(dialog)
    dialog.show()
    shown(qtbot, dialog)
    for field, header in (("customer", "Acct"), ("product", "Prod"), ("program", "Level"), ("term_start", "From")):
        pick(dialog, field, header)
    pick(dialog, "term_end", "To")
    assert dialog.dates_box.currentText() == "As the file's dates show" and dialog.mapping().day_first is None
    dialog.dates_box.setCurrentIndex(dialog.dates_box.findText("Day first (3 April)"))
    mapping = dialog.mapping()
    assert mapping.day_first is True
    loaded = load_book([book], saved=lambda layout: mapping if tuple(layout) == mapping.layout else None)
    assert [c.term_start.isoformat() for c in loaded.contracts if c.term_start] == ["2026-04-03", "2026-06-05"]
    again = MapColumnsDialog(None, [str(book)], default_catalog(), saved=lambda layout: mapping)
    qtbot.addWidget(again)
    again.show()
    shown(qtbot, again)
    assert again.dates_box.currentText() == "Day first (3 April)" and again.mapping().day_first is True
