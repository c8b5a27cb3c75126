"""A Renewal Status saying the renewal was lost (trust round 8 #2, #3, #7): the term runs to its end, its add-on
renewal request asks nothing (Not renewing, in every output), the brief says so, and a book that holds the renewal
anyway is read by its next row with a warning naming both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from explorer.app.renewal import brief_for
from explorer.app.session import open_session
from explorer.cli import main
from explorer.model import Severity, customer_key
from explorer.outputs.renewal import brief_html
from explorer.rules import DateStatus

BOOK = (
    "Customer,Product,Tier,Start,End,CSE,Renewal Status,Customer Since\n"
    "Lost Co,Okta,Premier Plus,2026-01-01,2026-12-31,Yes,Lost,\n"
    "Lost Renewed Co,Okta,Premier Plus,2025-01-01,2025-12-31,Yes,Lost,\n"
    "Lost Renewed Co,Okta,Premier Plus,2026-01-01,2026-12-31,Yes,,\n"
    "Kept Co,Okta,Premier Plus,2026-01-01,2026-12-31,Yes,,\n"
    "Since Co,Okta,Premier,2025-05-01,2026-04-30,No,,2021-05-01\n"
    "Since Co,Okta,Premier Plus,2026-05-01,2027-04-30,Yes,,2021-05-01\n"
)
AS_OF = date(2026, 11, 17)  # the day after the add-on renewal requests of the 2026 terms were due (2026-11-16)


def _deadline(session, customer: str, start: date):  # type: ignore[no-untyped-def]
    sheet = session.sheet(customer_key(customer))
    assert sheet is not None
    return next(d for d in sheet.dates if d.date.role == "action_deadline" and d.contract.term_start == start)


def test_a_lost_renewal_asks_nothing_of_its_add_on_and_the_brief_says_so(tmp_path: Path) -> None:
    book = tmp_path / "renewals.csv"
    book.write_text(BOOK, "utf-8")
    session = open_session([book], AS_OF)
    lost = _deadline(session, "Lost Co", date(2026, 1, 1))
    assert lost.date.status is DateStatus.NOT_RENEWING and lost.settled
    assert "Renewal Status 'Lost' says the renewal was lost" in lost.date.note
    assert _deadline(session, "Kept Co", date(2026, 1, 1)).date.status is DateStatus.OVERDUE  # the same day, no status
    brief = brief_for(session, customer_key("Lost Co"))
    assert brief is not None and brief.not_renewing == ["Okta: Renewal Status 'Lost' says the renewal was lost"]
    assert "Not renewing:" in brief_html(brief, chart=False)
    # the report's Key Dates say the same, and its Actions ask nothing of Lost Co
    out = tmp_path / "r.xlsx"
    assert main(["report", str(book), "--as-of", AS_OF.isoformat(), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out, read_only=True)
    dates = [r for r in wb["Key Dates"].iter_rows(values_only=True) if r[0] == "Lost Co"]
    assert any("Not renewing" in r for r in dates)
    assert not [r for r in wb["Actions"].iter_rows(values_only=True) if "Lost Co" in r]
    assert [r for r in wb["Actions"].iter_rows(values_only=True) if "Kept Co" in r]


def test_a_lost_renewal_the_book_holds_anyway_is_read_by_its_next_row_and_warned(tmp_path: Path) -> None:
    book = tmp_path / "renewals.csv"
    book.write_text(BOOK, "utf-8")
    session = open_session([book], AS_OF)
    assert _deadline(session, "Lost Renewed Co", date(2025, 1, 1)).date.status is DateStatus.RENEWED
    clash = [f for f in session.findings if f.customer == "Lost Renewed Co" and f.column == "Renewal Status"]
    clash = [f for f in clash if f.severity is Severity.WARNING]
    assert [(f.source.row, f.column) for f in clash] == [(3, "Renewal Status")]
    assert "but the book holds it (row 4, from 2026-01-01)" in clash[0].message


def test_a_finding_about_a_customer_since_names_that_column(tmp_path: Path) -> None:
    book = tmp_path / "renewals.csv"
    book.write_text(BOOK, "utf-8")
    session = open_session([book], AS_OF)
    about = [f for f in session.findings if f.customer == "Since Co" and "earlier than the first term" in f.message]
    assert [f.column for f in about] == ["Customer Since"] and about[0].message.startswith("Customer Since 2021-05-01")


def test_a_lost_renewal_then_a_term_after_a_gap_says_not_renewing_and_booked_alike(tmp_path: Path) -> None:
    """Second read B4: Gap Co's Renewal Status says Lost and the book holds a term from 2027-02-01, after a month's
    gap (no renewal: a new purchase). Key Dates read Not renewing; the brief said only 'Booked'. One test decides it
    (Contract.not_renewing): the brief says both, and no warning is given (the book does not contradict itself)."""
    book = tmp_path / "gap.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,CSE,Renewal Status\n"
        "Gap Co,Okta,Premier Plus,2026-01-01,2026-12-31,Yes,Lost\n"
        "Gap Co,Okta,Premier Plus,2027-02-01,2028-01-31,Yes,\n",
        "utf-8",
    )
    session = open_session([book], AS_OF)
    assert _deadline(session, "Gap Co", date(2026, 1, 1)).date.status is DateStatus.NOT_RENEWING
    brief = brief_for(session, customer_key("Gap Co"))
    assert brief is not None
    assert brief.not_renewing == ["Okta: Renewal Status 'Lost' says the renewal was lost"]
    assert [line.split(":")[0] for line in brief.booked] == ["Okta"]  # the term after the gap, booked
    assert not [f for f in session.findings if f.customer == "Gap Co" and "says the renewal was lost, but" in f.message]
