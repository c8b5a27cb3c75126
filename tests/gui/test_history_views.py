"""Contracts over time in the window: lapsed and renewed customers, overdue deadlines marked done, explanations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItemIterator

from explorer.gui.column_model import ROW_COLOURS
from explorer.gui.main_window import MainWindow

from .conftest import open_tab
from .test_main_window import texts


def row_of(window: MainWindow, name: str) -> int:
    return texts(window.customers.model, 0).index(name)


def benefit_rows(window: MainWindow) -> list[tuple[str, str]]:
    out = []
    it = QTreeWidgetItemIterator(window.benefits.tree)
    while it.value():
        out.append((it.value().text(0), it.value().text(1)))
        it += 1
    return out


def background(window: MainWindow, row: int) -> str:
    brush = window.customers.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    return brush.color().name().upper() if brush is not None else ""


def test_lapsed_and_renewed_customers(window: MainWindow) -> None:
    status = dict(zip(texts(window.customers.model, 0), texts(window.customers.model, 7), strict=True))
    assert status["Faded Films"] == "Ended 2026-05-31" and status["Cascade Outfitters"] == "In force"
    faded = row_of(window, "Faded Films")
    assert window.customers.model.index(faded, 3).data() == "ended"  # its next key date
    assert background(window, faded) == ROW_COLOURS["grey"].upper()  # its own colour
    window.customers.select("faded films")
    rows = benefit_rows(window)
    assert ("The entitlement ended on 2026-05-31; none of these benefits is in force.", "") in rows
    assert not [r for r in rows if r[1].startswith("✓")]  # nothing ticked for an ended customer
    assert "Ended 2026-05-31" in window.title.text()
    window.customers.select("cascade outfitters")
    rows = benefit_rows(window)
    assert rows[0] == ("Okta — Premier (2026-07-01 to 2027-06-30)", "In force")
    assert rows[1][0] == "Terms: Premier from 2026-07-01; Basic 2025-07-01 – 2026-06-30"
    assert any(r[1] == "✓ Included" for r in rows)


def test_overdue_deadline_heads_upcoming_and_is_marked_done(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert background(window, row_of(window, "Tardy Telecom")) == ROW_COLOURS["red"].upper()
    window.upcoming.refresh()
    assert window.upcoming.model.index(0, 1).data() == "Tardy Telecom"
    assert window.upcoming.model.index(0, 4).data() == "Overdue" and "1 overdue" in window.upcoming.summary.text()
    window.customers.select("tardy telecom")
    open_tab(window, "Key Dates")
    model = window.key_dates.model
    row = texts(model, 1).index("Add-on renewal request deadline")
    assert texts(model, 3)[row] == "Overdue"
    box = model.index(row, 4)
    assert box.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index(texts(model, 1).index("Term end"), 4).data(Qt.ItemDataRole.CheckStateRole) is None
    assert model.setData(box, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.session is not None and any(m.done for m in window.session.workspace.marks.values())
    model = window.key_dates.model
    status = texts(model, 3)[texts(model, 1).index("Add-on renewal request deadline")]
    assert status.startswith("Done (marked ")
    assert background(window, row_of(window, "Tardy Telecom")) != ROW_COLOURS["red"].upper()
    window.upcoming.refresh()
    assert "overdue" not in window.upcoming.summary.text()


def test_double_click_a_case_explains_it(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.customers.select("cascade outfitters")
    window.tabs.setCurrentWidget(window.sla)
    row = texts(window.sla.cases, 0).index("999004")
    window.sla.cases_view.doubleClicked.emit(window.sla.cases.index(row, 3))
    dialog = window.explanation
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert "Contract in force: Cascade Outfitters, Okta Premier" in text and "Margin: 30 min late on its clock" in text
    dialog.copy()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == text
    dialog.close()
