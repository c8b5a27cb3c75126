"""BI and customer-success contract exports as their tools write them (tryout 12): Power BI's summarized columns,
Looker's view-prefixed headers, Planhat, Totango, Microsoft Lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv


def _errors(book) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in book.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("Earliest Contract Start", "Latest Contract End"),
        ("First Start Date", "Last End Date"),
        ("Min of Start Date", "Max of End Date"),
        ("Minimum of Term Start", "Maximum of Term End"),
    ],
)
def test_power_bi_summarized_dates_are_the_terms_start_and_end(tmp_path: Path, start: str, end: str) -> None:
    """Power BI's "Export data" of a summarized visual names each column by its summary."""
    header = ["Account", "Product", "Support Tier", start, end, "Sum of ARR", "Count of Contract ID"]
    rows = [["Contoso GmbH", "Okta", "Basic", "2026-01-01", "2026-12-31", "18500", "1"]]
    book = load_book([write_csv(tmp_path / "powerbi.csv", rows=rows, header=header)])
    assert [(c.term_start, c.term_end) for c in book.contracts] == [(date(2026, 1, 1), date(2026, 12, 31))]
    assert not _errors(book)
    said = [f.message for f in book.findings if f.column == start]
    how = "its header after its summary, as a BI tool writes a summarized column ('Earliest', 'Max of')"
    assert said == [f"Read '{start}' as Term start ({how})."]
    assert book.contracts[0].extra == {"Sum of ARR": "18500", "Count of Contract ID": "1"}


def test_a_catalog_spelling_goes_before_a_summary(tmp_path: Path) -> None:
    """'First Term Start' is the initial term's start, as the catalog spells it, not a summarized term start."""
    header = ["Account", "Product", "Support Tier", "First Term Start", "Start Date", "End Date"]
    rows = [["Contoso GmbH", "Okta", "Basic", "2024-01-01", "2026-01-01", "2026-12-31"]]
    book = load_book([write_csv(tmp_path / "book.csv", rows=rows, header=header)])
    assert [(c.initial_term_start, c.term_start) for c in book.contracts] == [(date(2024, 1, 1), date(2026, 1, 1))]


LOOKER = [
    "Accounts Name",
    "Contracts Product",
    "Contracts Support Tier",
    "Contracts Start Date",
    "Contracts End Date",
    "Accounts Billing Country",
    "Accounts Time Zone",
    "Contracts Total ARR",
]
LOOKER_ROWS = [
    ["Tailspin Toys", "Auth0", "Premier", "2025-12-01", "2026-11-30", "AU", "Australia/Sydney", "31000.00"],
    ["Contoso GmbH", "Okta", "Basic", "2026-01-01", "2026-12-31", "DE", "Europe/Berlin", "18500.00"],
]


def test_looker_view_prefixed_headers_read_as_their_fields(tmp_path: Path) -> None:
    """Looker heads its CSV columns "View Field": the view (the table's subject) before each field's name."""
    book = load_book([write_csv(tmp_path / "looker.csv", rows=LOOKER_ROWS, header=LOOKER)])
    got = [(c.customer, c.product, c.program, c.term_end, c.country, c.time_zone) for c in book.contracts]
    assert got == [
        ("Tailspin Toys", "auth0", "auth0-premier", date(2026, 11, 30), "AU", "Australia/Sydney"),
        ("Contoso GmbH", "okta", "okta-basic", date(2026, 12, 31), "DE", "Europe/Berlin"),
    ]
    assert not _errors(book)
    said = [f.message for f in book.findings if f.column == "Contracts Support Tier"]
    assert said == [
        "Read 'Contracts Support Tier' as Tier (its header after the table's subject, as a BI tool's view "
        "('Contracts Product') or a CLM's counterparty ('Counterparty Region') writes it)."
    ]


def test_headers_beginning_with_a_subject_word_keep_their_own_meaning(tmp_path: Path) -> None:
    """'Account Name' is the customer and 'Contract Number' an id, not the product or anything else."""
    header = ["Contract Number", "Account Name", "Contract Product", "Subscription Plan", "Start Date", "End Date"]
    rows = [["C-1", "Contoso GmbH", "Okta", "Basic", "2026-01-01", "2026-12-31"]]
    book = load_book([write_csv(tmp_path / "book.csv", rows=rows, header=header)])
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [("Contoso GmbH", "okta", "okta-basic")]
    assert book.contracts[0].extra == {"Contract Number": "C-1"}


@pytest.mark.parametrize(
    ("start", "end"),
    [("Customer From", "Customer To"), ("From Date", "To Date"), ("Date From", "Date To")],
)
def test_planhat_from_and_to_are_the_terms_start_and_end(tmp_path: Path, start: str, end: str) -> None:
    """Planhat's company export writes the term as Customer From / To, its Licenses export as From Date / To Date."""
    header = ["Company Name", "Product", start, end, "Renewal Status"]
    rows = [["Contoso GmbH", "Okta Basic Support", "01/01/2027", "31/12/2027", "renewed"]]
    book = load_book([write_csv(tmp_path / "planhat.csv", rows=rows, header=header)])
    assert [(c.term_start, c.term_end) for c in book.contracts] == [(date(2027, 1, 1), date(2027, 12, 31))]
    assert not _errors(book)


def test_a_one_word_header_is_no_near_miss_of_another_word(tmp_path: Path) -> None:
    """Planhat's 'Phase' (Adoption, Onboarding) shares four letters with Italian's 'paese' (country): it is no
    misspelling of it, and no column is offered as the country; a one-letter slip still is ('Contry')."""
    header = ["Name", "Phase", "Renewal Date", "Customer From", "Support Tier", "Product"]
    rows = [["Contoso GmbH", "Adoption", "2026-12-31", "2026-01-01", "Basic", "Okta"]]
    book = load_book([write_csv(tmp_path / "planhat.csv", rows=rows, header=header)])
    assert not [f for f in book.findings if f.column == "Phase"]
    assert [(c.customer, c.term_start, c.term_end) for c in book.contracts] == [
        ("Contoso GmbH", date(2026, 1, 1), date(2026, 12, 31))
    ]
    header[1] = "Contry"
    rows[0][1] = "DE"
    book = load_book([write_csv(tmp_path / "typo.csv", rows=rows, header=header)])
    assert [c.country for c in book.contracts] == ["DE"]


@pytest.mark.parametrize("renewal", ["Contract Renewal Date", "Subscription Renewal Date"])
def test_totango_contract_renewal_date_is_the_anniversary_end(tmp_path: Path, renewal: str) -> None:
    """Totango's Contract Renewal Date is the day the next term starts, read as Gainsight's Renewal Date is: the
    term ends the day before."""
    header = ["Account Name", "Product", "Support Level", "Contract Start Date", renewal]
    rows = [["Contoso GmbH", "Okta", "Basic", "Jan 01, 2026", "Jan 01, 2027"]]
    book = load_book([write_csv(tmp_path / "totango.csv", rows=rows, header=header)])
    assert [(c.term_start, c.term_end) for c in book.contracts] == [(date(2026, 1, 1), date(2026, 12, 31))]
    assert not _errors(book)
    said = [f.message for f in book.findings if f.column == renewal]
    assert said[-1].startswith(f"Column '{renewal}' gives each term's anniversary, the day the next term starts")


MS_LIST = ["Title", "Product", "Support Tier", "Start Date", "End Date", "Item Type", "Path"]


def test_a_microsoft_lists_title_column_is_the_customer(tmp_path: Path) -> None:
    """A list made from blank keeps its first column's internal name, Title, in the export however it was renamed."""
    rows = [["Contoso GmbH", "Okta", "Basic", "2026-01-01", "2026-12-31", "Item", "sites/CS/Lists/Contracts"]]
    book = load_book([write_csv(tmp_path / "owssvr.csv", rows=rows, header=MS_LIST)])
    assert [(c.customer, c.program) for c in book.contracts] == [("Contoso GmbH", "okta-basic")]
    assert not _errors(book)
    said = [f.message for f in book.findings if f.column == "Title"]
    assert said == [
        "Read 'Title' as Customer (the title column monday.com, Notion and Airtable head 'Name' and Microsoft Lists "
        "'Title'; the table has no column named for it)."
    ]


@pytest.mark.parametrize("header", [["Title", "Name"], ["Name", "Title"]])
def test_name_beside_title_is_the_customer_whatever_the_order(tmp_path: Path, header: list[str]) -> None:
    """Beside a 'Name', a 'Title' holds job titles: Name is the customer in either column order, Title kept and said."""
    cells = {"Title": "VP Engineering", "Name": "Acme Corp"}
    rows = [[cells[h] for h in header] + ["Okta", "Premier", "2026-01-01", "2026-12-31"]]
    book = load_book([write_csv(tmp_path / "list.csv", rows=rows, header=[*header, *MS_LIST[1:5]])])
    assert [(c.customer, c.extra) for c in book.contracts] == [("Acme Corp", {"Title": "VP Engineering"})]
    said = [f.message for f in book.findings if f.column == "Name"]
    assert len(said) == 1
    assert "'Title', which names it too, is kept as it is (of two title columns, 'Name' goes first" in said[0]


@pytest.mark.parametrize(
    ("exact", "other", "field"),
    [
        ("Account Name", "Account: Name", "customer"),
        ("Account Name", "Accounts Name", "customer"),
        ("Product", "Contracts Product", "product"),
        ("Start Date", "Earliest Start Date", "term_start"),
    ],
)
@pytest.mark.parametrize("exact_first", [True, False])
def test_a_spelling_as_written_goes_before_a_form_whatever_the_order(
    tmp_path: Path, exact: str, other: str, field: str, exact_first: bool
) -> None:
    """An exact spelling beats a header that only comes to it (an object's name before a colon, a view's subject, a
    summary) in either column order, and the info naming the column read names the one not used."""
    base = {"customer": "Account Name", "product": "Product", "program": "Support Tier"}
    base |= {"term_start": "Start Date", "term_end": "End Date"}
    values = {"customer": "Acme Corp", "product": "Okta", "program": "Premier", "term_start": "2026-01-01"}
    values |= {"term_end": "2026-12-31"}
    decoy = {"customer": "Globex GmbH", "product": "Auth0", "term_start": "2024-01-01"}[field]
    header, row = [], []
    for name, spelling in base.items():
        pair = [(exact, values[name]), (other, decoy)] if name == field else [(spelling, values[name])]
        for h, v in pair if exact_first or name != field else pair[::-1]:
            header.append(h)
            row.append(v)
    book = load_book([write_csv(tmp_path / "book.csv", rows=[row], header=header)])
    got = [(c.customer, c.product, c.term_start, c.extra) for c in book.contracts]
    assert got == [("Acme Corp", "okta", date(2026, 1, 1), {other: decoy})]
    said = [f.message for f in book.findings if f.column == exact]
    assert any(f"'{other}', which names it too, is kept as it is" in m for m in said), said


def test_a_title_beside_a_customer_column_is_no_customer(tmp_path: Path) -> None:
    """A contact's job title beside the account, in a contracts table or a contacts one, stays what it is."""
    header = ["Account", "Title", "Product", "Support Tier", "Start Date", "End Date"]
    rows = [["Contoso GmbH", "CTO", "Okta", "Basic", "2026-01-01", "2026-12-31"]]
    book = load_book([write_csv(tmp_path / "book.csv", rows=rows, header=header)])
    assert [(c.customer, c.extra) for c in book.contracts] == [("Contoso GmbH", {"Title": "CTO"})]
    contacts = write_csv(
        tmp_path / "contacts.csv",
        rows=[["Contoso GmbH", "Jane Doe", "CTO", "jane@contoso.test"]],
        header=["Company", "Name", "Title", "Email"],
    )
    book = load_book([write_csv(tmp_path / "book.csv", rows=rows, header=header), contacts])
    assert [(c.customer, c.name) for c in book.contacts] == [("Contoso GmbH", "Jane Doe")]
