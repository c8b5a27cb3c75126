"""Odoo writes a customer that is a contact person under a company as its display name, 'Company, Person'
(tryout 14, T3): the company before the comma is the customer, so another tool's cases naming the company match.
A legal name with a comma ('Acme, Inc.', 'Smith, Jones & Co') is never split, nor a region, division or address
('Globex, Latin America'); outside Odoo's export only a person the book knows as the company's contact is (review 37,
finding 2: 'Bank of America, Merrill Lynch' is a customer of its own)."""

from __future__ import annotations

from pathlib import Path

from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.entity_names import contact_company, person_like
from explorer.model import Severity
from tests.files import write_sheets

ODOO = ["External ID", "Order Reference", "Customer", "Start Date", "End Date", "Order Lines/Product"]


def _log(tmp_path: Path, *customers: str) -> Path:
    log = tmp_path / "kayako.csv"
    rows = [f"{5500 + i},{c},Okta,Urgent,2026-12-0{i + 1}T08:00:00Z,2026-12-0{i + 1}T08:30:00Z" for i, c in enumerate(customers)]
    log.write_text("ID,Organization,Product,Priority,Created at,First reply at\n" + "\n".join(rows) + "\n")
    return log


def test_an_odoo_contact_under_its_company_reads_as_the_company_so_its_cases_match(tmp_path: Path) -> None:
    book_file = write_sheets(
        tmp_path / "odoo.xlsx",
        {
            "Sheet1": [
                ODOO,
                [
                    "__export__.so_42",
                    "S00042",
                    "Harbor Lane Logistics, Mara Quinn",
                    "2026-03-01",
                    "2027-02-28",
                    "[OKTA-PP] Okta Premier Plus Support (12 months)",
                ],
                [None, None, None, None, None, "[MCSE-50] Mission Critical Support - 50% Dedicated MCSE"],
                [
                    "__export__.so_57",
                    "S00057",
                    "Tamarind Health Pty Ltd, Ruby Adeyemi",
                    "2026-02-15",
                    "2027-02-14",
                    "[OKTA-PREM] Okta Premier Support",
                ],
                ["__export__.so_58", "S00058", "Acme, Inc.", "2026-02-15", "2027-02-14", "[OKTA-PREM] Okta Premier Support"],
                [
                    "__export__.so_59",
                    "S00059",
                    "Smith, Jones & Co",
                    "2026-02-15",
                    "2027-02-14",
                    "[OKTA-PREM] Okta Premier Support",
                ],
                [
                    "__export__.so_61",
                    "S00061",
                    "Quillfeather Media",
                    "2025-12-15",
                    "2026-12-14",
                    "[OKTA-PREM] Okta Premier Support",
                ],
            ]
        },
    )
    book = load_book([book_file], [_log(tmp_path, "Harbor Lane Logistics", "Tamarind Health Pty Ltd")])
    customers = [c.customer for c in book.contracts]
    assert customers == [
        "Harbor Lane Logistics",
        "Tamarind Health Pty Ltd",
        "Acme, Inc.",
        "Smith, Jones & Co",
        "Quillfeather Media",
    ]
    assert book.contracts[0].extra["Customer as written"] == "Harbor Lane Logistics, Mara Quinn"
    assert book.contracts[0].addons, "the MCSE line still folds onto its order's contract"
    assert book.cases is not None
    assert sorted(book.cases["customer"]) == ["Harbor Lane Logistics", "Tamarind Health Pty Ltd"]
    assert not [f for f in book.findings if "could be" in f.message]
    said = [f for f in book.findings if "'Company, Person'" in f.message]
    assert [(f.severity, f.column, f.source.row) for f in said] == [(Severity.INFO, "Customer", 1)]
    assert "'Harbor Lane Logistics, Mara Quinn' is Harbor Lane Logistics" in said[0].message


HEAD = ["Customer", "Product", "Tier", "Start", "End"]
TERM = ["Okta", "Premier", "2026-01-01", "2026-12-31"]


def test_a_book_not_odoos_reads_company_person_only_where_the_book_knows_the_person_as_the_companys_contact(
    tmp_path: Path,
) -> None:
    alone = write_sheets(tmp_path / "alone.xlsx", {"Contracts": [HEAD, ["Harbor Lane Logistics, Mara Quinn", *TERM]]})
    assert [c.customer for c in load_book([alone]).contracts] == ["Harbor Lane Logistics, Mara Quinn"]
    earlier = ["Harbor Lane Logistics", "Okta", "Premier", "2025-01-01", "2025-12-31"]
    beside = write_sheets(tmp_path / "beside.xlsx", {"Contracts": [HEAD, earlier, ["Harbor Lane Logistics, Mara Quinn", *TERM]]})
    assert [c.customer for c in load_book([beside]).contracts] == ["Harbor Lane Logistics", "Harbor Lane Logistics, Mara Quinn"]
    people = [["Customer", "Name", "Email"], ["Harbor Lane Logistics", "Mara Quinn", "mara@harbor.test"]]
    known = write_sheets(
        tmp_path / "known.xlsx",
        {"Contracts": [HEAD, earlier, ["Harbor Lane Logistics, Mara Quinn", *TERM]], "Contacts": people},
    )
    book = load_book([known])
    assert [c.customer for c in book.contracts] == ["Harbor Lane Logistics"] * 2
    assert book.contracts[1].extra["Customer as written"] == "Harbor Lane Logistics, Mara Quinn"
    said = [f for f in book.findings if "'Company, Person'" in f.message]
    assert [(f.severity, f.source.sheet) for f in said] == [(Severity.INFO, "Contracts")]
    assert "'Harbor Lane Logistics, Mara Quinn' is Harbor Lane Logistics" in said[0].message
    listed = write_sheets(
        tmp_path / "listed.xlsx",
        {"Contracts": [[*HEAD, "Named contacts"], ["Harbor Lane Logistics, Mara Quinn", *TERM, "Mara Quinn <mara@harbor.test>"]]},
    )
    book = load_book([listed])
    assert [c.customer for c in book.contracts] == ["Harbor Lane Logistics"]
    assert [(c.customer, c.name) for c in book.contacts] == [("Harbor Lane Logistics", "Mara Quinn")]


def test_a_subsidiary_or_region_after_the_comma_is_a_customer_of_its_own(tmp_path: Path) -> None:
    """Review 37's t2_comma.csv: each parent beside a row naming it, the part after the comma two capitalised words."""
    rows = [
        ["Globex", "Okta", "Premier", "2026-01-01", "2026-12-31"],
        ["Globex, Latin America", "Okta", "Basic", "2026-01-01", "2026-12-31"],
        ["Bank of America", "Okta", "Premier Access", "2026-01-01", "2026-12-31"],
        ["Bank of America, Merrill Lynch", "Okta", "Basic", "2026-03-01", "2027-02-28"],
    ]
    book_file = tmp_path / "t2_comma.csv"
    book_file.write_text("\n".join(",".join(f'"{v}"' for v in row) for row in [HEAD, *rows]) + "\n")
    book = load_book([book_file])
    assert [c.customer for c in book.contracts] == [r[0] for r in rows]
    assert not [f for f in book.findings if "'Company, Person'" in f.message or "overlaps" in f.message]
    # a person named for another customer proves nothing about this one
    people = tmp_path / "contacts.csv"
    people.write_text("Customer,Name,Email\nMerrill Lynch,Merrill Lynch,ml@x.test\n")
    assert [c.customer for c in load_book([book_file, people]).contracts] == [r[0] for r in rows]


def test_an_odoo_export_keeps_a_region_division_or_address_after_the_comma(tmp_path: Path) -> None:
    orders = [
        [f"__export__.so_{i}", f"S000{i}", name, "2026-02-15", "2027-02-14", "[OKTA-PREM] Okta Premier Support"]
        for i, name in enumerate(
            ["Globex", "Globex, Latin America", "Acme Corp, Invoice Address", "Initech, EMEA", "Initech, North America"], 10
        )
    ]
    book = load_book([write_sheets(tmp_path / "odoo.xlsx", {"Sheet1": [ODOO, *orders]})])
    assert [c.customer for c in book.contracts] == [o[2] for o in orders]
    assert not [f for f in book.findings if "'Company, Person'" in f.message]


def test_only_a_persons_name_after_the_comma_is_set_aside() -> None:
    catalog = default_catalog()
    assert contact_company("Harbor Lane Logistics, Mara Quinn", catalog) == "Harbor Lane Logistics"
    assert contact_company("Smith, Jones & Co, Anne-Marie van der Berg", catalog) == "Smith, Jones & Co"
    names = ["Acme, Inc.", "Smith, Jones & Co", "Doe, John", "Widgets, Gadgets and More", "Acme, Ltd Co", ", Mara Quinn"]
    names += ["Globex, Latin America", "Acme, Delivery Address", "Initech, HQ London", "Umbrella, Asia Pacific"]
    for name in names:
        assert contact_company(name, catalog) is None, name
    assert not person_like("North 42", catalog)


def test_an_odoo_contact_surnamed_with_a_compass_or_company_word_is_still_a_person(tmp_path: Path) -> None:
    """Review 37b, B5 (o1_odoo.csv): the part after the comma is compared as a phrase, not word by word."""
    names = ["Harbor Lane Logistics, Rebecca West", "Blue Yonder Air, Oliver North", "Coho Winery, Mara Branch"]
    orders = [
        [f"__export__.so_{i}", f"S000{i}", name, "2026-02-15", "2027-02-14", "[OKTA-PREM] Okta Premier Support"]
        for i, name in enumerate(names, 10)
    ]
    book = load_book([write_sheets(tmp_path / "odoo.xlsx", {"Sheet1": [ODOO, *orders]})])
    assert [c.customer for c in book.contracts] == ["Harbor Lane Logistics", "Blue Yonder Air", "Coho Winery"]
    catalog = default_catalog()
    for person in ["Rebecca West", "Oliver North", "Mara Branch", "Ana Coast", "America Ferrera", "Asia Kate Dillon"]:
        assert person_like(person, catalog), person
    for part in ["West Coast", "Latin America", "Middle East", "HQ", "HQ London", "Invoice Address", "Sales EMEA"]:
        assert not person_like(part, catalog), part


def _quoted_log(tmp_path: Path, *customers: str) -> Path:
    log = tmp_path / "helpdesk.csv"
    rows = [f'T-{i},"{c}",Okta,P2,2026-12-0{i + 1} 10:00,2026-12-0{i + 1} 10:30' for i, c in enumerate(customers)]
    log.write_text("Ticket ID,Organization,Product,Priority,Created At,First Response At\n" + "\n".join(rows) + "\n")
    return log


def _book(tmp_path: Path, *rows: list[str]) -> Path:
    book_file = tmp_path / "book.csv"
    head = "Customer,Product,Tier,Start,End,Time Zone,Named Contacts"
    book_file.write_text(head + "\n" + "\n".join(",".join(f'"{v}"' for v in row) for row in rows) + "\n")
    return book_file


def test_a_case_logs_company_person_matches_the_company_the_book_or_another_case_names_alone(tmp_path: Path) -> None:
    """Review 37b, B2 (c1_book.csv, c1_cases.csv): outside Odoo's export a help desk's organisation column writes
    'Company, Person'; the company is a customer of the book, so the case is counted for it."""
    harbor = ["Harbor Lane Logistics", "Okta", "Premier", "2026-01-01", "2026-12-31", "UTC", ""]
    log = _quoted_log(tmp_path, "Harbor Lane Logistics", "Harbor Lane Logistics, Mara Quinn")
    book = load_book([_book(tmp_path, harbor)], [log])
    assert book.cases is not None
    assert list(book.cases["customer"]) == ["Harbor Lane Logistics"] * 2
    assert list(book.cases["customer_key"].astype(str)) == ["harbor lane logistics"] * 2
    assert not [f for f in book.findings if "could be" in f.message]
    said = [f for f in book.findings if "'Company, Person'" in f.message]
    assert [(f.severity, Path(f.source.file).name) for f in said] == [(Severity.INFO, "helpdesk.csv")]
    assert "names the company alone" in said[0].message
    # only another case names the company alone: the name is read as it, though the book does not know it
    other = load_book([_book(tmp_path, harbor)], [_quoted_log(tmp_path, "Coho Winery", "Coho Winery, Mara Quinn")])
    assert other.cases is not None and list(other.cases["customer"]) == ["Coho Winery"] * 2


def test_a_case_logs_company_person_matches_where_the_book_names_the_person_as_the_companys_contact(
    tmp_path: Path,
) -> None:
    """Review 37b, B2 (c2_book.csv): the proof known_contacts asks of a contract book holds for a case log too,
    whatever the words after the comma look like."""
    harbor = ["Harbor Lane Logistics", "Okta", "Premier", "2026-01-01", "2026-12-31", "UTC", "mara quinn-o'hara de la vega"]
    log = _quoted_log(tmp_path, "Harbor Lane Logistics, mara quinn-o'hara de la vega")
    book = load_book([_book(tmp_path, harbor)], [log])
    assert book.cases is not None and list(book.cases["customer"]) == ["Harbor Lane Logistics"]
    said = [f for f in book.findings if "'Company, Person'" in f.message]
    assert len(said) == 1 and "names the person as a contact of the company" in said[0].message


def test_a_case_logs_company_person_stays_a_customer_the_book_holds_of_its_own_or_a_part_of_the_company(
    tmp_path: Path,
) -> None:
    rows = [
        ["Bank of America", "Okta", "Premier", "2026-01-01", "2026-12-31", "UTC", ""],
        ["Bank of America, Merrill Lynch", "Okta", "Basic", "2026-01-01", "2026-12-31", "UTC", ""],
        ["Globex", "Okta", "Premier", "2026-01-01", "2026-12-31", "UTC", ""],
    ]
    names = ["Bank of America, Merrill Lynch", "Globex, Latin America", "Globex, Invoice Address"]
    book = load_book([_book(tmp_path, *rows)], [_quoted_log(tmp_path, *names)])
    assert book.cases is not None and list(book.cases["customer"]) == names
    assert not [f for f in book.findings if "'Company, Person'" in f.message]
