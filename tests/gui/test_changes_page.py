"""Compare With… driven offscreen: the Changes page's rows, its filters, the marked customers and tabs, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from explorer.gui import messages
from explorer.gui.column_model import MARK_COLOUR, ColumnTableModel
from explorer.gui.main_window import MainWindow

from ..diff_books import EXPECTED, write_new, write_old
from .conftest import AS_OF, open_tab


def rows(model: ColumnTableModel, columns: int = 6) -> list[tuple[str, ...]]:
    return [tuple(model.index(r, c).data() for c in range(columns)) for r in range(model.rowCount())]


@pytest.fixture
def compared(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    old, new = write_old(tmp_path / "book-q3.xlsx"), write_new(tmp_path)
    win = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(win)
    win.show()
    win.open_files([str(f) for f in new])
    qtbot.waitUntil(lambda: not win.busy, timeout=60_000)
    assert win.session is not None, [m.text for m in messages.shown]
    with qtbot.waitSignal(win.changes.compared, timeout=60_000):
        win.changes.compare_with([str(old)])
    return win


def test_compare_with_shows_every_change(compared: MainWindow) -> None:
    page = compared.changes
    assert rows(page.model) == EXPECTED
    assert "Changes from <b>book-q3.xlsx</b>" in page.header.text() and "<b>15</b> changes for 8 customers" in page.header.text()
    assert page.warnings.isHidden()
    assert page.export_action.isEnabled()


def test_filter_by_kind_and_customer(compared: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = compared.changes
    page.kind.setCurrentIndex(page.kind.findData("Upgrade"))
    assert page.kind.currentText() == "Upgrade (2)"
    assert [r[0] for r in rows(page.model)] == ["Beta Bank", "Theta Labs"]
    page.kind.setCurrentIndex(0)
    qtbot.keyClicks(page.customer, "delta")
    assert {r[0] for r in rows(page.model)} == {"Delta Health"} and page.count.text() == "4 of 15"


def test_changed_customers_are_marked(compared: MainWindow) -> None:
    customers = compared.customers
    names = [customers.model.index(r, 0).data() for r in range(customers.model.rowCount())]
    assert "● Beta Bank" in names and "Eta Media" in names  # Eta only changed its spacing: not marked, shown clean
    beta = names.index("● Beta Bank")
    assert customers.model.index(beta, 0).data(Qt.ItemDataRole.ToolTipRole) == "Changed since book-q3.xlsx: Upgrade"
    customers.changed_only.setChecked(True)
    assert customers.model.rowCount() == 7  # Epsilon Energy is gone from the open book


def test_double_click_opens_the_customer_with_old_values(compared: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = compared.changes
    compared.pages.setCurrentWidget(page)
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == "Delta Health")
    index = page.model.index(row, 0)
    qtbot.waitExposed(page.view)
    page.view.scrollTo(index)
    where = page.view.visualRect(index).center()
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert compared.pages.currentIndex() == 0 and compared.customers.selected_key() == "delta health"
    top = compared.benefits.tree.topLevelItem(0)
    assert top.background(0).color().name().upper() == MARK_COLOUR
    assert "Changed: Okta · Term End: 2026-12-31 → 2027-01-31" in top.toolTip(0)
    mcse = next(
        top.child(g).child(i)
        for g in range(top.childCount())
        for i in range(top.child(g).childCount())
        if top.child(g).child(i).text(0).startswith("100% Dedicated MCSE")
    )
    assert mcse.toolTip(0) == "Was: 50% Dedicated MCSE (in book-q3.xlsx)"
    open_tab(compared, "Named Contacts")
    contacts = compared.contacts.model
    region = contacts.column_index("Region")
    dee = next(r for r in range(contacts.rowCount()) if contacts.index(r, 1).data() == "dee@delta.test")
    assert contacts.index(dee, region).data(Qt.ItemDataRole.ToolTipRole) == "Was: APAC (in book-q3.xlsx)"
    assert contacts.index(dee, region).data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == MARK_COLOUR
    open_tab(compared, "Key Dates")
    dates = compared.key_dates.model
    date_column = dates.column_index("Date")
    tips = {
        dates.index(r, 1).data(): dates.index(r, date_column).data(Qt.ItemDataRole.ToolTipRole) for r in range(dates.rowCount())
    }
    assert tips["Term end"] == "Was 2026-12-31 in book-q3.xlsx (Term End 2026-12-31 → 2027-01-31)"
    assert tips["Term start"] is None  # unchanged dates are not marked
    assert top.toolTip(0).count("Since book-q3.xlsx") == 1  # filling the other tabs marked it again, not twice


def test_unreadable_other_version_is_a_dialog(compared: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "q2.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    messages.shown.clear()
    compared.changes.compare_with([str(broken)])
    qtbot.waitUntil(lambda: not compared.changes.busy, timeout=60_000)
    assert [(m.kind, m.title) for m in messages.shown] == [("error", "Cannot open the file")]
    assert compared.changes.model.rowCount() == 15  # the last comparison stays


def test_compare_with_a_saved_workspace(compared: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from explorer.app.workspace import Workspace

    saved = Workspace(files=[str(tmp_path / "book-q3.xlsx")]).save(tmp_path / "q3.explorer.toml")
    compared.changes.clear()
    assert compared.changes.model.rowCount() == 0 and not compared.customers.changed_only.isVisibleTo(compared)
    with qtbot.waitSignal(compared.changes.compared, timeout=60_000):
        compared.changes.compare_with([str(saved)])
    assert rows(compared.changes.model) == EXPECTED


def test_export_changes_writes_the_cli_workbook(compared: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    target = tmp_path / "out" / "changes.xlsx"
    target.parent.mkdir()
    messages.shown.clear()
    compared.changes.export(str(target))
    qtbot.waitUntil(lambda: not compared.changes.busy, timeout=60_000)
    assert [(m.kind, m.title) for m in messages.shown] == [("info", "Changes written")]
    sheet = openpyxl.load_workbook(target)["Changes"]
    assert [tuple(c.value or "" for c in row[:6]) for row in sheet.iter_rows(min_row=2)] == EXPECTED
