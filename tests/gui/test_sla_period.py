"""The SLA tab in any window: the reports' periods or a chosen range, the window stated, priorities under
the compliance target flagged, empty grids saying why, the outcome in view."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from explorer.app import periods
from explorer.gui.main_window import MainWindow
from explorer.gui.period_choice import CHOSEN

from .conftest import open_tab
from .test_main_window import texts


def test_last_quarter_for_one_customer(window: MainWindow) -> None:
    window.customers.select("cascade capital")
    open_tab(window, "SLA")
    sla = window.sla
    assert "Cases opened this term (2026-04-05 – 2026-11-28)" in sla.window_label.text()
    sla.period.combo.setCurrentText("Last quarter")
    assert "Cases opened last quarter (2026-07-01 – 2026-09-30)" in sla.window_label.text()
    sheet = window.session.sheet("cascade capital")  # type: ignore[union-attr]
    expected = sheet.compliance(periods.LAST_QUARTER)
    p1 = expected[expected["priority"] == 1].iloc[0]
    row = texts(sla.compliance, 0).index("P1")
    assert texts(sla.compliance, 1)[row] == str(int(p1["Cases"]))
    assert texts(sla.compliance, 6)[row] == f"{p1['Compliance %'] * 100:.1f}%"
    opened = texts(sla.cases, 3)
    assert opened and all("2026-07-01" <= day[:10] <= "2026-09-30" for day in opened)


def test_a_priority_under_target_is_flagged(window: MainWindow) -> None:
    window.customers.select("cascade capital")
    open_tab(window, "SLA")
    model = window.sla.compliance
    target = window.session.catalog.settings.compliance_target  # type: ignore[union-attr]
    assert model.headerData(7, Qt.Orientation.Horizontal) == f"Target {target:.0%}"
    for row in range(model.rowCount()):
        share = float(texts(model, 6)[row].rstrip("%")) / 100
        under = share < target
        assert (texts(model, 7)[row] == "under target") == under
        assert (model.colours[model.source_row(row)] == "red") == under
    assert "under target" in texts(model, 7)  # Cascade's P1 this term: 4 of 5


def test_a_chosen_range_and_an_empty_window_say_what_they_cover(window: MainWindow) -> None:
    window.customers.select("cascade capital")
    open_tab(window, "SLA")
    choice = window.sla.period
    choice.combo.setCurrentText(CHOSEN)
    assert choice.start.isVisible() and choice.end.isVisible()
    choice.choose(periods.chosen(date(2026, 1, 1), date(2026, 2, 28)))  # before any case was opened
    assert window.sla.cases.rowCount() == 0 and window.sla.cases_view.isHidden()
    why = window.sla.cases_empty.text()
    assert why.startswith("No case was opened in this window (2026-01-01 – 2026-02-28)") and "62 cases" in why
    assert window.sla.compliance_empty.isVisible() and window.sla.compliance_view.isHidden()
    choice.choose(periods.ALL)
    assert window.sla.cases.rowCount() == 62
    assert "Every case in the log: all cases (to 2026-11-28)" in window.sla.window_label.text()


def test_a_customer_without_cases_says_so(window: MainWindow) -> None:
    frame = window.customers.frame
    session = window.session
    assert session is not None
    key = next(k for k in frame["key"] if (s := session.sheet(k)) is not None and s.cases is not None and s.cases.empty)
    window.customers.select(key)
    open_tab(window, "SLA")
    assert window.sla.cases_empty.isVisible() and window.sla.cases_empty.text().endswith("has no cases in the case log.")


def test_the_outcome_is_in_view_at_1400(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1400, 900)
    window.customers.select("cascade capital")
    open_tab(window, "SLA")
    QApplication.processEvents()
    view = window.sla.cases_view
    outcome = texts(window.sla.cases, 2)
    assert outcome and window.sla.cases.headerData(2, Qt.Orientation.Horizontal) == "Outcome"
    right = view.columnViewportPosition(2) + view.columnWidth(2)
    assert view.columnViewportPosition(2) >= 0 and right <= view.viewport().width()


def test_an_empty_table_says_why(window: MainWindow) -> None:
    from PySide6.QtGui import QColor

    from explorer.gui import palette

    window.customers.select("tardy telecom")  # the book lists no contacts for it
    open_tab(window, "Named Contacts")
    view = window.contacts.view
    assert window.contacts.model.rowCount() == 0 and view.empty_text
    image = view.viewport().grab().toImage()
    muted = QColor(palette.ink("muted"))
    inked = sum(
        1
        for x in range(0, min(image.width(), 400), 2)
        for y in range(0, min(image.height(), 60), 2)
        if abs(image.pixelColor(x, y).red() - muted.red()) < 40 and image.pixelColor(x, y).lightness() < 200
    )
    assert inked > 20  # the note is drawn, not only set


def test_the_case_count_says_how_many_compliance_leaves_out(window: MainWindow) -> None:
    """The cases listed that no priority's row counts (out of scope, not evaluated) are said beside the count,
    so the title and the compliance table add up."""
    window.customers.select("adatum hotels")
    open_tab(window, "SLA")
    sla = window.sla
    sla.period.combo.setCurrentText(periods.ALL.name)
    listed, counted = sla.cases.rowCount(), sum(int(t) for t in texts(sla.compliance, 1))
    outcomes = texts(sla.cases, 2)
    left_out = sum(o not in ("Met", "Breached", "Pending", "At risk", "At Risk") for o in outcomes)
    assert listed - counted == left_out > 0
    assert f"Cases ({listed})" in sla.cases_title.text() and f"{left_out} not counted in compliance" in sla.cases_title.text()


def test_before_its_first_case_the_tab_says_the_cases_come_later(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Cascade Capital's 62 cases are all opened after 2025-01-01: not 'no cases in the case log' but when."""
    window.as_of_edit.setDate(QDate(2025, 1, 1))
    qtbot.waitUntil(lambda: window.session is not None and window.session.as_of == date(2025, 1, 1) and not window.busy)
    window.customers.select("cascade capital")
    open_tab(window, "SLA")
    assert window.sla.cases_empty.text() == (
        "No case of Cascade Capital was opened by the as-of day (2025-01-01); 62 cases of the log are opened later."
    )
