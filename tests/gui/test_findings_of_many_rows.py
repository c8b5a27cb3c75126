"""A sheet with no term start column is one error naming its rows (Finding.rows) and no customer of its own: the
book-wide Findings page shows it as those rows' customers' and keeps it when the customer list is filtered to one of
them (GUI tryout 4: the Customer cell was blank and a filtered page hid the error its customer's tab showed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QTest

from explorer.gui.main_window import PAGES, MainWindow

from .conftest import AS_OF, wait_idle


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
    assert errors[0][-1].startswith("This sheet has no term start column. 3 rows have no term start date")
