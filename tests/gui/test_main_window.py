"""The real window, driven offscreen: open, filter, select, read every tab, change the date, export."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from explorer import clock
from explorer.gui import messages
from explorer.gui.column_model import ColumnTableModel
from explorer.gui.export_dialog import Scope
from explorer.gui.main_window import CUSTOMER_TABS, MainWindow, sample_files
from explorer.logs import log_file
from explorer.outputs.report.schema import CASE_COLUMNS

from .conftest import AS_OF, open_tab, wait_idle


def texts(model: ColumnTableModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_opens_the_sample(window: MainWindow) -> None:
    assert window.customers.model.rowCount() == 47
    assert "47 of 47 customers · 63 contracts (64 terms) · 3006 cases · 5 errors" in window.status_label.text()
    assert window.windowTitle() == "contracts.xlsx, cases.csv — Entitlement Explorer"
    names = texts(window.customers.model, 0)
    assert names == sorted(names, key=str.casefold)  # sorted by customer
    assert window.customers.selected_key() == names[0].casefold()


def test_filter_as_you_type_and_quick_filters(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.customers.focus_filter()
    qtbot.keyClicks(window.customers.search, "bank")
    assert texts(window.customers.model, 0) == ["Backwards Bank", "Bellows Bank", "Umber Bank"]
    assert window.customers.count.text() == "3 of 47"
    window.customers.search.clear()
    window.customers.product.setCurrentText("Auth0")
    assert all("Auth0" in p for p in texts(window.customers.model, 1))
    window.customers.product.setCurrentIndex(0)
    window.customers.with_findings.setChecked(True)
    assert all(int(n) > 0 for n in texts(window.customers.model, 6))
    window.customers.due_soon.setChecked(True)
    # both quick filters at once: Overreach Media's add-ons are errors, so they give it no renewal deadline;
    # Birch Health's one finding is an Info note (its state is taken from its time zone): not counted
    assert texts(window.customers.model, 0) == []
    window.customers.with_findings.setChecked(False)
    window.customers.info_only.setChecked(True)
    assert texts(window.customers.model, 0) == ["Birch Health"]
    window.customers.info_only.setChecked(False)
    assert set(texts(window.customers.model, 0)) == {"Birch Health", "Northwind Hotels", "Proseware University"}


def test_sorting_by_a_column(window: MainWindow) -> None:
    window.customers.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # Term End
    ends = [t for t in texts(window.customers.model, 5) if t]
    assert ends == sorted(ends, reverse=True)
    window.customers.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # Programs, by the highest one's rank
    programs = texts(window.customers.model, 2)
    assert programs.index("Okta Basic") < programs.index("Okta Premier Access") < programs.index("Okta Premier Plus")


def test_customer_tabs(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.customers.select("cascade capital")
    assert "Cascade Capital" in window.title.text()
    # Benefits: one section per contract, included and not included, Decision tooltips
    top = window.benefits.tree.topLevelItem(0)
    assert top.text(0).startswith("Okta — Premier Plus")
    labels = {}
    for i in range(top.childCount()):
        group = top.child(i)
        for j in range(group.childCount()):
            labels[group.child(j).text(0)] = group.child(j).text(1)
    assert labels["Customer Success Manager (CSM)"] == "✓ Included"
    assert labels["50% Dedicated MCSE (5 named contacts)"] == "✓ Purchased"
    # Named contacts: the indicator and the highlighted rows
    open_tab(window, "Named Contacts")
    assert "7 of 5 named contacts" in window.contacts.indicator.text()
    colours = [
        window.contacts.model.colours[window.contacts.model.source_row(r)] for r in range(window.contacts.model.rowCount())
    ]
    named = texts(window.contacts.model, 3)
    # over the limit: every named contact is flagged, none picked by position; the one outside the MCSE's region
    # (APAC, the MCSE's AMER) is told apart in amber
    names = texts(window.contacts.model, 0)
    assert named.count("Yes") == 7 and colours.count("violet") + colours.count("amber") == 7
    assert [n for n, c in zip(names, colours, strict=True) if c == "amber"] == ["Extra Named 3"]
    assert "One of 7 named contacts; 50% Dedicated MCSE allows 5" in texts(window.contacts.model, 4)[0]
    assert window.tabs.tabText(CUSTOMER_TABS.index("Named Contacts")) == "Named Contacts (7 of 5)"  # as its header counts
    # Key dates: the events with statuses, and the drawn timeline
    open_tab(window, "Key Dates")
    events = dict(zip(texts(window.key_dates.model, 1), texts(window.key_dates.model, 3), strict=True))
    assert events["Add-on renewal request deadline"] == "Upcoming" and events["CSE available"] == "Past"
    assert len(window.key_dates.timeline.rows) == 1
    # SLA: targets, compliance and cases
    open_tab(window, "SLA")
    assert texts(window.sla.targets, 3) == ["1 h", "2 h", "2 h", "8 h"]
    assert window.sla.compliance.rowCount() == 4 and window.sla.cases.rowCount() == 62
    assert "Breached" in texts(window.sla.cases, 2)  # Outcome beside Priority
    headers = [window.sla.cases.headerData(c, Qt.Orientation.Horizontal) for c in range(window.sla.cases.columnCount())]
    # the report's names for the same columns, and the app's own: the holidays each case's clock skipped
    assert sorted(headers) == sorted([h for h in CASE_COLUMNS if h != "Customer"] + ["Holidays Skipped"])
    assert headers[:3] == ["Case ID", "Priority", "Outcome"]  # the outcome in view in a narrow window
    assert set(texts(window.sla.cases, headers.index("Clock"))) <= {"24x7", "Business hours"}
    # Findings
    open_tab(window, "Findings")
    assert window.customer_findings.model.rowCount() == 2
    assert window.tabs.tabText(CUSTOMER_TABS.index("Findings")) == "Findings (2)"


def test_sla_tab_names_the_holidays_a_case_skipped(window: MainWindow) -> None:
    window.customers.select("redwood games")  # Australia/Sydney, no state given: New South Wales from the zone
    open_tab(window, "SLA")
    headers = [window.sla.cases.headerData(c, Qt.Orientation.Horizontal) for c in range(window.sla.cases.columnCount())]
    opened = texts(window.sla.cases, headers.index("Opened (UTC)"))
    skipped = texts(window.sla.cases, headers.index("Holidays Skipped"))
    named = [(o[:10], s) for o, s in zip(opened, skipped, strict=True) if s]
    assert ("2026-10-04", "Labor Day, New South Wales") in named  # a Sunday case: NSW closes Monday the 5th
    assert all(s.endswith(("New South Wales", "Australia", "holiday table")) for _, s in named)
    tip = window.sla.targets.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "Public holidays: New South Wales, Australia (AU-NSW)" in tip


def test_auth0_customer_shows_auth0_terms(window: MainWindow) -> None:
    window.customers.select("contoso labs")
    open_tab(window, "SLA")
    assert texts(window.sla.targets, 0)[0] == "Auth0"
    assert "24x7x365" in texts(window.sla.targets, 4) or "24 hours a day" in " ".join(texts(window.sla.targets, 4))
    open_tab(window, "Named Contacts")
    assert "No Mission Critical Support" in window.contacts.indicator.text()


def test_as_of_date_changes_statuses(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.customers.select("birch health")
    open_tab(window, "Key Dates")
    before = dict(zip(texts(window.key_dates.model, 1), texts(window.key_dates.model, 3), strict=True))
    assert before["Add-on renewal request deadline"] == "Due soon"
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.as_of_edit.setDate(QDate(2026, 12, 28))
    after = dict(zip(texts(window.key_dates.model, 1), texts(window.key_dates.model, 3), strict=True))
    assert after["Add-on renewal request deadline"] == "Overdue"  # passed while the term still runs
    assert after["Term end"] == "Due soon"
    assert window.customers.selected_key() == "birch health"  # the user keeps their place
    assert "as of 2026-12-28" in window.status_label.text()


def test_export_filtered_customers(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.customers.search, "bank")
    target = tmp_path / "banks.xlsx"
    window.exports.export_report(str(target), Scope.FILTERED)
    wait_idle(qtbot, window)
    assert messages.shown[-1].title == "Report written"
    book = openpyxl.load_workbook(target)
    assert {r[0].value for r in book["Contracts"].iter_rows(min_row=2)} == {"Backwards Bank", "Bellows Bank", "Umber Bank"}


def test_export_refuses_an_input_file(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.exports.export_report(window.session.files[0], Scope.ALL)  # type: ignore[union-attr]
    wait_idle(qtbot, window)
    assert messages.shown[-1].kind == "error" and "one of the input files" in messages.shown[-1].text


def test_bad_file_gets_a_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(win)
    bad = tmp_path / "contracts.xlsx"
    bad.write_bytes(b"%PDF-1.7 not a workbook")
    win.open_files([str(bad)])
    wait_idle(qtbot, win)
    assert [(m.kind, m.title) for m in messages.shown] == [("error", "Cannot open the file")]
    assert "this is a PDF document, not a spreadsheet" in messages.shown[0].text
    assert win.session is None and win.customer_page.currentWidget() is win.empty


def test_drop_adds_files_and_change_offers_reload(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "extra.csv"
    extra.write_text("Customer,Product,Tier,Start,End\nDropped Co,Okta,Premier,2026-01-01,2026-12-31\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(extra))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.dropEvent(event)
    assert window.customers.model.rowCount() == 48 and window.customers.select("dropped co")
    extra.write_text(extra.read_text(encoding="utf-8") + "Later Co,Okta,Basic,2026-01-01,2026-12-31\n", encoding="utf-8")
    qtbot.waitUntil(lambda: window.changed_bar.isVisible(), timeout=10_000)
    assert "extra.csv has changed on disk" in window.changed_bar.label.text()
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.sessions.reload()
    assert window.customers.model.rowCount() == 49


def test_book_views_jump_to_customer(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.pages.setCurrentIndex(1)
    dates = window.upcoming.model
    assert texts(dates, 1)[:2] == ["Tardy Telecom", "Proseware University"]  # overdue first, then the soonest
    window.upcoming.view.doubleClicked.emit(dates.index(1, 0))
    assert window.pages.currentIndex() == 0 and window.customers.selected_key() == "proseware university"
    assert window.book_findings.model.rowCount() == 0  # pages fill when first shown, not on every load
    window.pages.setCurrentIndex(2)
    findings = window.book_findings.model
    assert findings.rowCount() > 80
    window.book_findings.severity.setCurrentIndex(1)  # errors only
    assert findings.rowCount() == 5
    window.book_findings.search.setText("ambiguous")
    assert findings.rowCount() == 1
    window.book_findings.view.doubleClicked.emit(findings.index(0, 0))
    assert window.customers.selected_key() == "ambiguous airlines"
    window.pages.setCurrentIndex(3)
    canvas = window.timeline.canvas
    assert len(canvas.rows) == 64  # the sample lists one term twice (Zephyr Logistics): read once
    row = next(i for i, r in enumerate(canvas.rows) if r.label == "Cascade Capital · Okta")
    deadline = next(m for m in canvas.rows[row].marks if m.kind == "deadline")
    y = canvas.row_top(row) + canvas.row_height // 2
    assert "Add-on renewal request deadline: 2027-02-18" in canvas.describe(QPoint(round(canvas.x_of(deadline.day)), y))


def test_recent_files_are_remembered(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "book.xlsx"
    shutil.copy(sample_files()[0], copy)
    window = MainWindow(as_of=AS_OF)  # keeps its settings (the test's own, isolated)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.open_files([str(copy)])
    actions = window.recent_menu.actions()
    assert actions and actions[0].text() == "book.xlsx"
    assert window.session is not None and window.session.sla is None  # no case log in this book
    assert not window.sla.cases_view.isVisibleTo(window)


def test_a_window_that_keeps_no_settings_leaves_recent_files_alone(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A --screenshot run (persist=False) must not add its files to the user's recent files."""
    from explorer.gui import recent

    copy = tmp_path / "book.xlsx"
    shutil.copy(sample_files()[0], copy)
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=60_000):
        window.open_files([str(copy)])
    assert all(str(copy.resolve()) not in files for files in recent.recent())


def test_about_names_versions(window: MainWindow) -> None:
    window.about()
    assert "Catalog 2026.11.1" in messages.shown[-1].text
    assert str(log_file()) in messages.shown[-1].text


def test_as_of_default_is_today(qtbot) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(persist=False)
    qtbot.addWidget(win)
    assert win.as_of_value() == clock.today()


def test_other_columns_are_shown(window: MainWindow) -> None:
    window.customers.select("cascade capital")
    top = window.benefits.tree.topLevelItem(0)
    groups = {top.child(i).text(0): top.child(i) for i in range(top.childCount())}
    other = groups["Other columns in the book"]
    assert (other.child(0).text(0), other.child(0).text(2)) == ("Account Owner", "AM 2")


def test_crash_hook_shows_a_dialog_and_writes_a_log(qtbot) -> None:  # type: ignore[no-untyped-def]
    import sys

    from explorer.gui.app import install_crash_hook
    from explorer.logs import log_file

    saved = sys.excepthook
    try:
        install_crash_hook()
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = saved
    shown = messages.shown[-1]
    assert shown.kind == "error" and "boom" in shown.text and "Your files were not changed" in shown.text
    assert f"The details were saved to {log_file()}." in shown.text
    assert "RuntimeError: boom" in log_file().read_text(encoding="utf-8")


def test_export_calendar_of_selected_customers(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar
    from PySide6.QtCore import QItemSelectionModel

    from explorer.gui.export_dialog import CALENDAR

    view, selection = window.customers.view, window.customers.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.selectRow(0)
    selection.select(view.model().index(2, 0), flags)  # Ctrl-click a second customer
    keys = window.customers.selected_keys()
    assert len(keys) == 2
    dialog = window.exports.dialog(CALENDAR, Scope.SELECTED)
    assert dialog.selected.isChecked() and dialog.selected.text() == "The selected customers (2)"
    assert dialog.target.endswith(".ics")
    dialog.deleteLater()
    target = tmp_path / "dates.ics"
    window.exports.export_calendar(str(target), Scope.SELECTED)
    wait_idle(qtbot, window)
    assert messages.shown[-1].title == "Calendar written"
    names = {str(e["SUMMARY"]).split(" · ")[0].casefold() for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert names == set(keys)


def test_entitlement_sheet_export_and_print(window: MainWindow, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from explorer.gui import entitlement_sheet

    window.customers.select("cascade capital")
    target = tmp_path / "cascade.pdf"
    window.exports.export_sheets(str(target), Scope.SELECTED)
    assert window.busy  # written in the background
    wait_idle(qtbot, window)
    assert messages.shown[-1].title == "Entitlement sheet written"
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Cascade Capital" in text and "7 of 5 named contacts" in text
    printed = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:  # the user presses Print, with the printer writing to a file
        printer: QPrinter = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return int(QPrintDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    window.exports.print_sheets()
    assert printed.exists()
    assert (
        "7 of 5 named contacts"
        in subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert "Printed the entitlement sheet of 1 customer" in window.status_label.text()
    assert entitlement_sheet.default_paper() in ("a4", "letter")
