"""A sheet with no term start column is one error naming its rows (Finding.rows) and no customer of its own: the
book-wide Findings page shows it as those rows' customers' and keeps it when the customer list is filtered to one of
them (GUI tryout 4: the Customer cell was blank and a filtered page hid the error its customer's tab showed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QTest

from explorer.app import periods
from explorer.gui.main_window import PAGES, MainWindow

from .conftest import AS_OF, open_tab, wait_idle


def test_the_book_findings_page_names_and_keeps_a_many_rows_errors_customers(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "renewals.csv"
    book.write_text(
        "Customer,Product,Support Tier,Term End\nJuliet Co,Okta,Premier,2027-03-31\nKilo Co,Okta,Premier Plus,2027-04-16\n"
        "Lima Co,Okta,Premier,2027-05-31\n"
    )
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book)])
    wait_idle(qtbot, window)
    QTest.keyClicks(window.customers.search, "Kilo")
    window.pages.setCurrentIndex(PAGES.index("Findings"))
    model = window.book_findings.model
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    errors = [row for row in shown if row[0] == "Error"]
    assert len(errors) == 1, shown
    assert errors[0][1] == "Juliet Co, Kilo Co, Lima Co"
    assert errors[0][-1].startswith("Sheet 'renewals' has no term start column. 3 rows have no term start date")


def test_the_sla_tab_says_why_cases_of_an_undated_term_are_not_counted(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The term has no start, so no term judged its two cases: the compliance grid is empty above two cases, and said
    so, not 'No case was opened in this window' (GUI tryout 4)."""
    book = tmp_path / "renewals.csv"
    book.write_text("Customer,Product,Support Tier,Term End,Time Zone\nKilo Co,Okta,Premier Plus,2027-04-16,UTC\n")
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case ID,Customer,Product,Priority,Opened,First response\n"
        "K1,Kilo Co,Okta,P1,2026-04-02 13:00,2026-04-02 13:20\nK2,Kilo Co,Okta,P2,2026-04-02 14:00,2026-04-02 15:00\n"
    )
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book), str(log)])
    wait_idle(qtbot, window)
    window.customers.select("kilo co")
    open_tab(window, "SLA")
    window.sla.period.choose(periods.ALL)
    assert window.sla.cases.rowCount() == 2
    assert window.sla.compliance_empty.text().startswith("None of the 2 cases opened in this window counts toward compliance")
