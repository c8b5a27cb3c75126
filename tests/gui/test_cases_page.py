"""The book-wide Cases page: last quarter's P1 breaches in three choices, counts, list filter, export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
from PySide6.QtCore import Qt

from explorer.app import periods
from explorer.app.case_filter import RESPONSE_MINUTES
from explorer.gui import cases_page
from explorer.gui.main_window import PAGES, MainWindow
from explorer.outputs.report.schema import CASE_COLUMNS


def show_cases(window: MainWindow):  # type: ignore[no-untyped-def]
    window.pages.setCurrentIndex(PAGES.index("Cases"))
    return window.cases_page


def test_p1_breaches_last_quarter(window: MainWindow) -> None:
    page = show_cases(window)
    assert page.model.rowCount() == len(window.session.sla.cases) > 3000
    page.priority.setCurrentText("P1")
    page.outcome.setCurrentText("Breached")
    page.period.setCurrentText("Last quarter")
    cases = window.session.sla.cases
    opened = pd.to_datetime(cases["opened"], utc=True)
    expected = cases[
        (cases["priority"] == 1)
        & (cases["outcome"] == "Breached")
        & (opened >= pd.Timestamp("2026-07-01", tz="UTC"))
        & (opened < pd.Timestamp("2026-10-01", tz="UTC"))
    ]
    assert len(expected) > 0
    assert page.model.rowCount() == len(expected)
    shown = {page.model.index(r, 0).data() for r in range(page.model.rowCount())}
    assert shown == set(expected["case_id"].astype(str))
    for r in range(page.model.rowCount()):
        assert page.model.index(r, 4).data() == "P1"
        assert page.model.index(r, 5).data() == "Breached"
        assert "2026-07-01" <= page.model.index(r, 6).data()[:10] <= "2026-09-30"
    last_quarter = periods.LAST_QUARTER.window(window.session.as_of).label
    assert page.summary.text().startswith(
        f"Opened: {last_quarter} · {len(expected):,} cases · 0 met · {len(expected):,} breached"
    )
    assert "compliance 0.0%" in page.summary.text()


def test_last_90_days_is_the_reports_window(window: MainWindow) -> None:
    page = show_cases(window)
    page.period.setCurrentText("Last 90 days")
    as_of = window.session.as_of
    window_days = periods.recent().window(as_of)
    assert (page.start.date().toPython(), page.end.date().toPython()) == (window_days.start, as_of)
    cases = window.session.sla.cases
    assert page.model.rowCount() == len(window_days.cases(cases)) > 0


def test_cases_follow_the_customer_list_and_open_the_customer(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.customers.search.setText("cascade capital")
    page = show_cases(window)
    customers = {page.model.index(r, 1).data() for r in range(page.model.rowCount())}
    assert customers == {"Cascade Capital"}
    assert f"filtered: 1 of {len(window.customers.frame)} customers" in page.summary.text()
    page.scope.setCurrentText("All customers")
    assert page.model.rowCount() == len(window.session.sla.cases)
    page.scope.setCurrentText("Customers in the list")
    # counts and compliance of the filtered set, against an independent count
    cases = window.session.sla.cases
    mine = cases[cases["customer"].str.strip() == "Cascade Capital"]
    met, breached = int((mine["outcome"] == "Met").sum()), int((mine["outcome"] == "Breached").sum())
    everything = periods.ALL.window(window.session.as_of).label  # "All cases (to ...)": the window is said too
    assert page.summary.text().startswith(f"Opened: {everything} · {len(mine):,} cases · {met:,} met · {breached:,} breached")
    window.customers.search.setText("")
    page.view.doubleClicked.emit(page.model.index(0, 1))  # the Customer column
    assert window.pages.currentIndex() == 0
    assert window.customers.selected_key() == page.table.customer_of(int(page.model.order[0]))


def test_double_click_explains_the_case(window: MainWindow) -> None:
    page = show_cases(window)
    page.priority.setCurrentText("P1")
    case_id = page.model.index(0, 0).data()
    page.view.doubleClicked.emit(page.model.index(0, 0))
    assert window.explanation is not None and window.explanation.isVisible()
    assert case_id in window.explanation.windowTitle()
    assert window.explanation.text.toPlainText()
    window.explanation.close()


def test_export_filtered_cases(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = show_cases(window)
    page.priority.setCurrentText("P1")
    with qtbot.waitSignal(page.exported, timeout=60_000) as done:
        page.export(str(tmp_path / "p1.xlsx"))
        assert page.cancel_button.isVisibleTo(page) and not page.export_button.isEnabled()  # written in the background
    written = done.args[0]
    assert not page.cancel_button.isVisibleTo(page) and page.export_button.isEnabled()
    book = openpyxl.load_workbook(written, read_only=True)
    rows = list(book["Cases"].iter_rows(values_only=True))
    book.close()
    assert rows[0][:5] == ("Case ID", "Customer", "Product", "Program", "Priority")
    assert len(rows) - 1 == page.model.rowCount() > 0
    assert {r[4] for r in rows[1:]} == {"P1"}
    assert all(isinstance(r[5], type(rows[1][5])) and r[5] is not None for r in rows[1:])  # real date-times


def shown_texts(page: cases_page.CasesPage) -> list[list[str]]:
    model = page.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_a_large_log_is_prepared_on_a_worker_and_shown_the_same(window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = show_cases(window)  # the sample's few thousand cases fill at once
    page.priority.setCurrentText("P1")
    at_once, summary = shown_texts(page), page.summary.text()
    monkeypatch.setattr(cases_page, "SYNC_ROWS", 100)  # the sample's log is now a large one
    shown: list[cases_page.PreparedCases] = []
    show = page._show
    monkeypatch.setattr(page, "_show", lambda prepared: (shown.append(prepared), show(prepared)))
    page.fill(window.session)
    page.fill(window.session)  # filled again before the first was ready: only the second is shown
    n = len(window.session.sla.cases)
    assert not page.table_ready and page.model.rowCount() == 0 and not page.export_button.isEnabled()
    assert page.summary.text() == f"Preparing {n:,} cases…"
    qtbot.waitUntil(lambda: page.table_ready, timeout=30_000)
    qtbot.wait(100)  # the superseded preparation, had it been shown, would have been by now
    assert len(shown) == 1 and page.export_button.isEnabled()
    assert page.priority.currentText() == "P1" and shown_texts(page) == at_once and page.summary.text() == summary
    page.priority.setCurrentText("All")  # and it filters as before
    assert page.model.rowCount() == n


def test_response_minutes_say_they_are_the_sla_clocks(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Case 102374 was answered 2 h 24 min after it opened, outside business hours: 0 minutes on its clock, which
    the title (the same on the page, the export and the report) and its header tip say."""
    page = show_cases(window)
    column = page.model.column_index(RESPONSE_MINUTES)
    assert column >= 0 and "outside business hours" in page.model.headerData(
        column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == "102374")
    assert page.model.index(row, column).data() == "0"
    with qtbot.waitSignal(page.exported, timeout=60_000) as done:
        page.export(str(tmp_path / "cases.xlsx"))
    book = openpyxl.load_workbook(done.args[0], read_only=True)
    header = next(book["Cases"].iter_rows(max_row=1, values_only=True))
    book.close()
    assert RESPONSE_MINUTES in header and RESPONSE_MINUTES in CASE_COLUMNS  # the report's Cases sheet


def test_the_minutes_column_stays_beside_its_row_in_a_wide_window(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The last column (minutes, right-aligned) was stretched over the window's spare width, its numbers far from
    the row they belong to; it keeps the width its header and values need."""
    window.resize(1800, 900)
    page = show_cases(window)
    qtbot.waitUntil(lambda: page.view.isVisible())
    header = page.view.horizontalHeader()
    last = page.model.column_index(RESPONSE_MINUTES)
    assert last == page.model.columnCount() - 1
    need = max(header.sectionSizeHint(last), page.view.sizeHintForColumn(last))
    assert header.sectionSize(last) <= need + 24
    assert header.length() < page.view.viewport().width()  # the spare width is left, not given to the minutes


def test_an_export_named_without_its_suffix_gets_it(window: MainWindow, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A name typed without '.xlsx' wrote a file named 'cases' (found by a user's tryout); the other exports add it."""
    page = show_cases(window)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "cases"), ""))
    with qtbot.waitSignal(page.exported, timeout=60_000) as done:
        page.choose_export()
    assert done.args[0] == tmp_path / "cases.xlsx" and (tmp_path / "cases.xlsx").is_file()
    assert not (tmp_path / "cases").exists() and page.summary.text().endswith("to cases.xlsx")


def test_a_header_wider_than_its_column_ends_in_an_ellipsis_and_its_tip_says_it_whole(window: MainWindow) -> None:
    """In a narrow pane prose columns give way, and their centred headers were cut at both sides (': Minutes (S',
    'liday'; found by a user's tryout): they now end in '…', and the header's tooltip holds the whole title."""
    page = show_cases(window)
    header = page.view.horizontalHeader()
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    for c in range(page.model.columnCount()):
        title = page.model.headerData(c, Qt.Orientation.Horizontal)
        assert str(page.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)).startswith(title)
