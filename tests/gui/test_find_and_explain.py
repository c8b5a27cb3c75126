"""Find what you see (the filter box reads the shown columns, the Status filter, Status sorting) and every
coloured row explained in the customer's header, each reason a link to the tab that shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.gui.customer_pane import CUSTOMER_TABS
from explorer.gui.main_window import MainWindow

from .test_main_window import texts


def column(window: MainWindow, title: str) -> list[str]:
    return texts(window.customers.model, window.customers.model.column_index(title))


def lapsed(window: MainWindow) -> int:
    return int(window.customers.frame["ended"].sum())


def test_the_filter_box_matches_status_words_and_programs(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.customers.search, "Ended")
    statuses = column(window, "Status")
    assert len(statuses) == lapsed(window) == 7 and all(s.startswith("Ended 20") for s in statuses)
    assert set(column(window, "Match")) == {f"Status: {s}" for s in statuses}  # says what matched
    window.customers.search.clear()
    qtbot.keyClicks(window.customers.search, "Premier Plus")
    programs = column(window, "Programs")
    assert programs and all("Premier Plus" in p for p in programs)
    assert len(programs) == sum("Premier Plus" in p for p in window.customers.frame["Programs"])


def test_the_status_filter_and_sorting_by_status(window: MainWindow) -> None:
    lst = window.customers
    lst.status.setCurrentText("Ended")
    ended = column(window, "Status")
    assert len(ended) == lapsed(window) and all(s.startswith("Ended") for s in ended)
    lst.status.setCurrentText("Not started")
    assert set(column(window, "Status")) <= {"Not started"}
    lst.clear_filters()
    assert lst.status.currentIndex() == 0 and lst.model.rowCount() == lst.total()
    status = lst.model.column_index("Status")
    lst.view.sortByColumn(status, Qt.SortOrder.AscendingOrder)
    shown = column(window, "Status")
    groups = [s.split(" ")[0] for s in shown]
    assert groups == sorted(groups, key=["In", "Not", "Ended", "Dates"].index)  # in force, not started, ended, invalid
    # Backwards Bank, whose term ends before it starts, then Ambiguous Airlines, whose term start cannot be read
    assert shown[-2:] == ["Dates invalid", "Dates missing"]
    ended_days = [s.removeprefix("Ended ") for s in shown if s.startswith("Ended")]
    assert ended_days == sorted(ended_days)  # then by date


def test_the_header_names_why_a_row_is_coloured(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.customers.select("tardy telecom")
    reasons = window.pane.reasons
    assert reasons.isVisible() and "Add-on renewal request overdue since 2026-11-16" in reasons.text()
    reasons.linkActivated.emit("tab:Key Dates")  # as a click on the reason does
    assert window.tabs.currentIndex() == CUSTOMER_TABS.index("Key Dates")
    window.customers.select("cascade capital")
    assert "7 of 5 named contacts" in reasons.text() and "href='tab:Named Contacts'" in reasons.text()
    assert window.tabs.tabText(CUSTOMER_TABS.index("Named Contacts")) == "Named Contacts (7 of 5)"
    window.customers.select("faded films")
    assert "Every term has ended" in reasons.text()
    uncoloured = next(k for k, c in zip(window.customers.frame["key"], window.customers.model.colours, strict=True) if not c)
    window.customers.select(uncoloured)
    assert reasons.isHidden()


def test_the_title_scales_with_the_font(window: MainWindow) -> None:
    from PySide6.QtGui import QFont

    big = QFont(window.pane.font())
    big.setPointSizeF(28)
    window.pane.setFont(big)
    window.customers.select("cascade capital")
    assert "font-size:39.2pt" in window.title.text()  # larger than the 28 pt text beside it
