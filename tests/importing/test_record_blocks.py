"""An account manager's sheet per customer: the contract written down a column (label beside value) above the
customer's contacts (tryout 9, k01). Read as the contract row it is, or said; never dropped silently."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Book, Severity

from ..files import write_sheets


def _plan(customer: str, block: list[list[object]], contacts: list[list[object]]) -> list[list[object]]:
    """A sheet as an AM keeps one: a title, the block, then a 'Contacts' heading over the contacts table."""
    return [[f"{customer} - account plan"], [], *block, [], ["Contacts"], ["Name", "Email", "Role", "Region"], *contacts]


def _plans(path: Path) -> Path:
    contoso = [
        ["Customer", "Contoso Pharma"],
        ["Product", "Okta"],
        ["Support Tier", "Premier Plus"],
        ["Contract Start", date(2026, 2, 1)],
        ["Contract End", date(2027, 1, 31)],
        ["Add-ons", "50% Dedicated MCSE"],
        ["Region", "EMEA"],
        ["Time Zone", "Europe/Berlin"],
        ["AM", "J. Smith"],
    ]
    relecloud = [  # its labels with colons, a field left blank, no title above
        ["Customer:", "Relecloud"],
        ["Product:", "Auth0"],
        ["Tier:", "Premier"],
        ["Start:", date(2026, 4, 15)],
        ["End:", date(2027, 4, 14)],
        ["Add-ons:"],
        ["Time Zone:", "Australia/Sydney"],
    ]
    return write_sheets(
        path,
        {
            "Contoso Pharma": _plan(
                "Contoso Pharma",
                contoso,
                [
                    ["Anna Keller", "anna@contoso.test", "IT Director", "EMEA"],
                    ["Priya Natarajan", "priya@contoso.test", "Security", "APAC"],
                ],
            ),
            "Account 2": [*relecloud, [], ["Name", "Email", "Role", "Region"], ["Mia Chen", "mia@relecloud.test", "Dev", "APAC"]],
        },
    )


def _said(book: Book, severity: Severity) -> list[tuple[str, str, int | None, str]]:
    return [(f.source.file, f.source.sheet, f.source.row, f.message) for f in book.findings if f.severity is severity]


def test_a_sheet_per_customer_is_read_as_its_contract_and_the_contacts_below_it(tmp_path: Path) -> None:
    path = _plans(tmp_path / "am_tracker.xlsx")
    book = load_book([path])
    assert [(c.customer, c.product, c.program, c.term_start, c.term_end, c.region) for c in book.contracts] == [
        ("Contoso Pharma", "okta", "okta-premier-plus", date(2026, 2, 1), date(2027, 1, 31), "EMEA"),
        ("Relecloud", "auth0", "auth0-premier", date(2026, 4, 15), date(2027, 4, 14), ""),
    ]
    assert book.contracts[0].addons == {"mcse": "50"}
    assert [(c.source.sheet, c.source.row) for c in book.contracts] == [("Contoso Pharma", 3), ("Account 2", 2)]
    # the contacts below each block are its customer's, whatever the sheet is named
    assert [(c.customer, c.name) for c in book.contacts] == [
        ("Contoso Pharma", "Anna Keller"),
        ("Contoso Pharma", "Priya Natarajan"),
        ("Relecloud", "Mia Chen"),
    ]
    assert _said(book, Severity.ERROR) == []
    infos = [m for *_, m in _said(book, Severity.INFO)]
    assert (
        "Rows 3–11 of sheet 'Contoso Pharma' hold one record written down a column, each label beside its value: read "
        "as one contract row (Customer 'Contoso Pharma', Product 'Okta', Tier 'Premier Plus', Term start '2026-02-01', "
        "Term end '2027-01-31', Region 'EMEA', Time zone 'Europe/Berlin')." in infos
    )
    assert any(m.startswith("Rows 1–7 of sheet 'Account 2' hold one record") for m in infos)
    assert (
        "Sheet 'Account 2' has no customer column: its rows are read as the named contacts of Relecloud, the customer "
        "of the sheet's contract." in infos
    )
    # no advice to turn the sheet, and nothing said of a row the block does not hold
    assert not any("Transpose" in m or "lookup list" in m for *_, m in _said(book, Severity.WARNING) + _said(book, Severity.INFO))
    assert all(row != 2 for _, sheet, row, _ in _said(book, Severity.INFO) if sheet == "Contoso Pharma")


def test_beside_an_older_book_the_block_is_the_renewal_not_dropped(tmp_path: Path) -> None:
    """Given with an older contract book, the block was dropped with no finding and only the contacts read, so
    Contoso read as Ended."""
    old = tmp_path / "book_old.csv"
    old.write_text("Customer,Product,Tier,Start,End,Region\nContoso Pharma,Okta,Premier,2025-02-01,2026-01-31,EMEA\n")
    book = load_book([old, _plans(tmp_path / "am_tracker.xlsx")])
    contoso = [(c.source.file, c.term_start) for c in book.contracts if c.customer == "Contoso Pharma"]
    assert contoso == [(str(old), date(2025, 2, 1)), (str(tmp_path / "am_tracker.xlsx"), date(2026, 2, 1))]
    assert _said(book, Severity.ERROR) == []


def test_a_block_like_a_contract_that_is_not_read_is_a_warning_naming_its_rows(tmp_path: Path) -> None:
    """No product label; two labels for the customer: not guessed at, and said whatever else the sheet gives."""
    book_csv = tmp_path / "book.csv"
    book_csv.write_text("Customer,Product,Tier,Start,End\nContoso Pharma,Okta,Premier,2025-02-01,2026-01-31\n")
    contacts = [["Anna Keller", "anna@contoso.test", "IT", "EMEA"]]
    path = write_sheets(
        tmp_path / "plans.xlsx",
        {
            "Contoso Pharma": _plan(
                "Contoso Pharma", [["Customer", "Contoso Pharma"], ["Support Tier", "Premier"], ["Owner", "JS"]], contacts
            ),
            "Northwind": _plan(
                "Northwind",
                [
                    ["Account", "Northwind"],
                    ["Customer", "Northwind Traders"],
                    ["Product", "Okta"],
                    ["Tier", "Premier"],
                    ["Start", date(2026, 1, 1)],
                    ["End", date(2026, 12, 31)],
                ],
                [],
            ),
        },
    )
    book = load_book([book_csv, path])
    assert [c.customer for c in book.contracts] == ["Contoso Pharma"]  # the book's: no block was read
    assert [c.name for c in book.contacts] == ["Anna Keller"]  # the sheet is named after the book's customer
    warnings = [(f, s, r, m) for f, s, r, m in _said(book, Severity.WARNING) if m.startswith("Rows ")]
    assert warnings == [
        (
            str(path),
            "Contoso Pharma",
            3,
            "Rows 3–5 of sheet 'Contoso Pharma' hold one record written down a column, each label beside its value, "
            "like a contract ('Customer', 'Support Tier', 'Owner'), but it is not read as one: it has no label for "
            "product. Give each field one label (Customer, Product, Tier, Term Start, Term End), or write the contract "
            "as a row under a header row.",
        ),
        (
            str(path),
            "Northwind",
            3,
            "Rows 3–8 of sheet 'Northwind' hold one record written down a column, each label beside its value, like a "
            "contract ('Account', 'Customer', 'Product', 'Tier', 'Start', 'End'), but it is not read as one: "
            "'Customer' and 'Account' both name its customer. Give each field one label (Customer, Product, Tier, "
            "Term Start, Term End), or write the contract as a row under a header row.",
        ),
    ]


def test_a_reports_filters_above_its_table_are_no_contract(tmp_path: Path) -> None:
    """A report exported with its filters above the table ('Customer | All accounts', a product, the period) was read
    as a contract of a customer called 'All accounts', with an error (hostile tryout 4): a block whose customer is
    the catalog's word for every customer ([layout] filter_all) is passed over, and the table below read as always."""
    filters = [["Customer", "All accounts"], ["Product", "Okta"], ["Start", date(2026, 1, 1)], ["End", date(2026, 12, 31)]]
    table = [["Customer", "Product", "Tier", "Term Start", "Term End"]]
    table += [[f"Cust{n}", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)] for n in range(3)]
    book = load_book([write_sheets(tmp_path / "report.xlsx", {"Report": [*filters, [], *table]})])
    assert sorted(c.customer for c in book.contracts) == ["Cust0", "Cust1", "Cust2"]
    assert not [f for f in book.findings if f.severity is Severity.ERROR or "All accounts" in f.message]
