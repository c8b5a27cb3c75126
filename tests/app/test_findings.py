"""One findings pipeline: collected and ordered in one place, counted by severity, never by text."""

from __future__ import annotations

from datetime import date

from explorer.app import findings
from explorer.app.book_sheets import session_sheets
from explorer.app.errors import user_message
from explorer.app.session import open_session
from explorer.atomic import OutputError
from explorer.catalog import Catalog, CatalogError
from explorer.importing.safety import UnreadableFile
from explorer.model import Book, Finding, Severity, Source
from explorer.paths import resource_path


def test_order_and_counts(catalog: Catalog) -> None:
    book = Book(
        findings=[
            Finding(Severity.INFO, "same words", Source("b.xlsx", "S", 3)),
            Finding(Severity.ERROR, "same words", Source("b.xlsx", "S", 9)),
            Finding(Severity.WARNING, "Error in the text is not an error", Source("a.xlsx", "S", 1)),
            Finding(Severity.ERROR, "x", Source("a.xlsx", "S", 2)),
        ]
    )
    collected = findings.collect(book, catalog, date(2026, 11, 28), None)
    assert [(f.severity, f.source.file, f.source.row) for f in collected] == [
        (Severity.ERROR, "a.xlsx", 2),
        (Severity.ERROR, "b.xlsx", 9),
        (Severity.WARNING, "a.xlsx", 1),
        (Severity.INFO, "b.xlsx", 3),
    ]
    assert findings.count(collected) == {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 1}
    assert findings.errors(collected) == 2


def test_a_row_read_into_many_contracts_says_its_finding_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A product cell naming one product again and again: its repeats are one term, and the row's warning is said
    once, not once a repeat (a cell of 1,000 items gave 1,000 'No time zone is given')."""
    book = tmp_path / "book.csv"
    products = "; ".join(["Okta"] * 50)
    book.write_text(f"Customer,Product,Support Tier,Term Start,Term End\nAcme Corp,{products},Premier,2026-01-01,2026-12-31\n")
    session = open_session([book], date(2026, 12, 7))
    no_zone = [f for f in session.findings if f.message.startswith("No time zone is given")]
    assert len(no_zone) == 1
    assert findings.count(session.findings)[Severity.WARNING] < 5


def test_the_list_counts_a_row_s_error_once_as_the_findings_list_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same cell with an unknown tier: one error in the Findings list, and the customer list said 5 (it counted
    the book's findings before they were said once)."""
    book = tmp_path / "book.csv"
    products = "; ".join(["Okta"] * 5)
    book.write_text(f"Customer,Product,Support Tier,Term Start,Term End\nAcme Corp,{products},Bogus,2026-01-01,2026-12-31\n")
    session = open_session([book], date(2026, 12, 7))
    errors = [f for f in session.findings if f.severity is Severity.ERROR]
    assert len(errors) == 1
    assert session.overview.customers["errors"].tolist() == [1]


def test_session_findings_are_the_pipelines() -> None:
    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 11, 28))
    assert session.findings == findings.collect(session.book, session.catalog, session.as_of, session.sla)
    by_key = findings.by_customer(session.findings)
    assert session.overview.findings_by_key == by_key
    sheet = session.sheet("cascade capital")
    assert sheet is not None and sheet.findings == by_key["cascade capital"]


def test_one_message_per_kind_of_bad_input() -> None:
    cases = [
        (UnreadableFile("/x/book.xlsx", "this is a PDF document"), "Cannot open the file"),
        (OutputError("out.xlsx: cannot be written"), "Cannot write the file"),
        (CatalogError("settings.due_soon_days: missing"), "Cannot read the catalog"),
    ]
    for error, title in cases:
        message = user_message(error)
        assert message is not None and message.title == title and message.line == str(error)
    assert user_message(RuntimeError("a bug")) is None  # bugs go to the crash handler, not a polite dialog


def test_a_finding_said_once_for_many_rows_is_each_rows_customers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A column the sheet lacks is one error for the sheet (Finding.rows), and still each row's: the customer list's
    error count, every customer's findings and each row's errors (the calendar's and the sheet's "check the book")
    hold it, as the report's per-row marks do (trust round 6: only the report did)."""
    book = tmp_path / "renewals.csv"
    rows = ["Customer,Product,Support Tier,Term End", "Juliet Co,Okta,Premier,2027-03-31", "Kilo Co,Okta,Premier Plus,2027-04-16"]
    book.write_text("\n".join(rows) + "\n")
    session = open_session([book], date(2026, 4, 3))
    (said,) = [f for f in session.findings if f.severity is Severity.ERROR]
    assert said.rows == (2, 3) and not said.customer
    by_key = findings.by_customer(session.findings, session.book.contracts)
    assert {key for key, items in by_key.items() if said in items} == {"juliet co", "kilo co"}
    assert session.overview is not None
    assert dict(zip(session.overview.customers["key"], session.overview.customers["errors"], strict=True)) == {
        "juliet co": 1,
        "kilo co": 1,
    }
    for sheet in session_sheets(session).values():
        assert [sheet.row_errors(row.contract) for row in sheet.contracts] == [[said.message]]


def test_a_case_in_a_term_the_book_gives_no_dates_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A case of a customer whose only term of the product has no start: not 'when no term was in force' (the term
    exists; its dates do not), but which row gives no dates (trust round 6)."""
    book = tmp_path / "renewals.csv"
    book.write_text("Customer,Product,Support Tier,Term End,Time Zone\nKilo Co,Okta,Premier Plus,2027-04-16,UTC\n")
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case ID,Customer,Product,Priority,Opened,First response\nK1,Kilo Co,Okta,P1,2026-04-02 13:00,2026-04-02 13:20\n"
    )
    session = open_session([book, log], date(2026, 4, 3))
    (said,) = [f.message for f in session.findings if f.message.startswith("Case K1")]
    assert "in no dated Okta term of Kilo Co" in said and "renewals.csv, renewals, row 2 gives no start or end date" in said
