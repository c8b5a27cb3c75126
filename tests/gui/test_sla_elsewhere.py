"""The SLA tab says why *This term* holds no case when one is dated in it in UTC (trust7 #5): Keep Co's KC-1 opened
2026-12-01 04:00 UTC, 2026-11-30 in New York, so the previous term judged it; "No case was opened in this window"
alone read as false beside the Cases page's date."""

from __future__ import annotations

from pathlib import Path

from explorer.gui.main_window import MainWindow

from ..app.test_term_elsewhere import AS_OF, CASES, CONTRACTS
from ..files import CASE_HEADER, write_csv
from .conftest import open_tab, wait_idle


def test_an_empty_term_says_which_term_a_case_dated_in_it_belongs_to(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = write_csv(tmp_path / "book.csv", rows=CONTRACTS)
    cases = write_csv(tmp_path / "cases.csv", rows=CASES, header=CASE_HEADER)
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book), str(cases)])
    wait_idle(qtbot, window)
    window.customers.select("keep co")
    open_tab(window, "SLA")
    sla = window.sla
    assert sla.period.combo.currentText() == "This term" and sla.cases.rowCount() == 0
    said = (
        "No case was opened in this window (This term (2026-12-01 – 2026-12-08)) in the customer's time zone. "
        "1 case opened on these dates in UTC belongs to the previous term: it opened 2026-11-30 in the customer's "
        "time zone (America/New_York). Choose another period."
    )
    assert sla.cases_empty.isVisible() and sla.cases_empty.text() == said
    assert sla.compliance_empty.text() == said
    sla.period.combo.setCurrentText("Last 90 days")  # a window of UTC days holds it
    assert sla.cases.rowCount() == 1 and sla.cases_empty.isHidden()
