"""Named contacts kept in the contracts table (probe 7 finding 8): a 'Named contacts' cell, or 'Contact 1'..'Contact N'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.app.findings import term_findings
from explorer.app.session import open_session
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.model import Severity
from explorer.outputs.report.build import build_report

from ..files import write_csv, write_sheets

AS_OF = date(2026, 11, 28)
HEADER = ["Customer", "Product", "Tier", "Start", "End", "MCSE", "Region"]
TERM = ["Okta", "Premier Plus", date(2026, 1, 1), date(2026, 12, 31)]
LAST_TERM = ["Okta", "Premier Plus", date(2025, 1, 1), date(2025, 12, 31)]


def _limits(path: Path) -> list[str]:
    book = load_book([path])
    found = term_findings(book, default_catalog(), AS_OF)
    return [f"{f.customer}: {f.message}" for f in found if f.severity is not Severity.INFO]


def _unchecked(path: Path) -> list[str]:
    """What the term's findings say of named contacts whose region is not checked (they give none)."""
    found = term_findings(load_book([path]), default_catalog(), AS_OF)
    return [f"{f.customer}: {f.message}" for f in found if f.severity is Severity.INFO]


def test_a_named_contacts_cell_lists_the_rows_named_contacts(tmp_path: Path) -> None:
    listed = "; ".join(f"{c}@foxtrot.test" for c in "abcdef")
    path = write_sheets(
        tmp_path / "in_cell.xlsx",
        {
            "Contracts": [
                [*HEADER, "Named contacts"],
                ["Foxtrot Ltd", *TERM, "50%", "EMEA", listed],
                ["Golf Inc", *TERM, "100%", "AMER", "Gina Golf <gina@golf.test>, hal@golf.test\nIvo Ivanov"],
            ]
        },
    )
    book = load_book([path])
    golf = [(c.name, c.email, c.product, c.source.describe()) for c in book.contacts if c.customer == "Golf Inc"]
    assert golf == [
        ("Gina Golf", "gina@golf.test", "okta", "in_cell.xlsx, Contracts, row 3, column 'Named contacts'"),
        ("hal@golf.test", "hal@golf.test", "okta", "in_cell.xlsx, Contracts, row 3, column 'Named contacts'"),
        ("Ivo Ivanov", "", "okta", "in_cell.xlsx, Contracts, row 3, column 'Named contacts'"),
    ]
    assert _limits(path) == ["Foxtrot Ltd: 6 named contacts, but 50% Dedicated MCSE allows 5."]
    # listed in the contract's own row, the people carry no region: whether they are in the MCSE's is not checked, and
    # that is said (it was silent)
    assert _unchecked(path) == [
        "Foxtrot Ltd: 6 named contacts give no region (a@foxtrot.test, b@foxtrot.test, c@foxtrot.test and 3 more), so "
        "whether they are in the MCSE's region EMEA is not checked.",
        "Golf Inc: 3 named contacts give no region (Gina Golf, hal@golf.test, Ivo Ivanov), so whether they are in the "
        "MCSE's region AMER is not checked.",
    ]
    messages = [f.message for f in book.findings]
    assert (
        "Column 'Named contacts' lists named contacts of each row's customer: 9 read as named contacts of the row's product."
        in messages
    )
    assert not [m for m in messages if m.startswith("Columns kept as they are")]


def test_contact_columns_are_named_contacts_of_the_row(tmp_path: Path) -> None:
    hotel = [f"h{i}@hotel.test" for i in range(1, 8)]
    path = write_sheets(
        tmp_path / "columns.xlsx",
        {
            "Contracts": [
                [*HEADER, *(f"Contact {i}" for i in range(1, 8)), "Notes"],
                ["Hotel SpA", *TERM, "50%", "EMEA", *hotel, ""],
                ["India Pvt", *TERM, "50%", "APAC", "Raj Kumar", "h1@hotel.test", "", "", "", "", "", "call Q1"],
            ]
        },
    )
    assert _limits(path) == ["Hotel SpA: 7 named contacts, but 50% Dedicated MCSE allows 5."]
    book = load_book([path])
    india = [(c.name, c.email, c.source.column) for c in book.contacts if c.customer == "India Pvt"]
    assert india == [("Raj Kumar", "", "Contact 1"), ("h1@hotel.test", "h1@hotel.test", "Contact 2")]
    assert "Columns kept as they are (not used by the rules): Notes." in [f.message for f in book.findings]


def test_a_person_listed_twice_counts_once(tmp_path: Path) -> None:
    """The contacts table and a contract row name Ann; a renewal row repeats the row's list: each person once."""
    path = write_sheets(
        tmp_path / "twice.xlsx",
        {
            "Contracts": [
                [*HEADER, "Named contacts"],
                [
                    "Acme Corp",
                    "Okta",
                    "Premier Plus",
                    date(2025, 1, 1),
                    date(2025, 12, 31),
                    "50%",
                    "EMEA",
                    "ANN@acme.test; bob@acme.test",
                ],
                ["Acme Corp", *TERM, "50%", "EMEA", "ann@acme.test; Bob B <bob@acme.test>; cy@acme.test"],
            ],
            "Contacts": [["Customer", "Name", "Email", "Region"], ["Acme Corp", "Ann A", "ann@acme.test", "APAC"]],
        },
    )
    # another book given first (trust5 #7: the note named the first file given, and no customer)
    other = write_sheets(tmp_path / "other.xlsx", {"Contracts": [HEADER, ["Beta Bank", *TERM, "", "AMER"]]})
    book = load_book([other, path])
    assert [(c.name, c.source.sheet, c.source.row) for c in book.contacts] == [
        ("bob@acme.test", "Contracts", 2),
        ("cy@acme.test", "Contracts", 3),
        ("Ann A", "Contacts", 2),
    ]
    said = [(f.message, f.source.describe(), f.customer) for f in book.findings if "counted once" in f.message]
    assert said == [
        (
            "3 named contacts of Acme Corp read from a contract row or a cell listing several people are listed again "
            "(in a contacts table or another such row or cell) for the same customer and product; each person is "
            "counted once.",
            "twice.xlsx, Contracts",
            "Acme Corp",
        )
    ]
    # the contacts table's Ann is the one the region check sees: APAC, outside the MCSE's EMEA
    assert _limits(path) == [
        "Acme Corp: Named contact Ann A is in APAC, outside the MCSE's region EMEA; Mission Critical Support (MCSE) serves "
        "its own region."
    ]


def test_the_report_and_the_app_say_where_each_contact_is_listed(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "in_cell.xlsx",
        {"Contracts": [[*HEADER, "Named contacts"], ["Foxtrot Ltd", *TERM, "50%", "EMEA", "a@foxtrot.test"]]},
    )
    session = open_session([path], AS_OF)
    data = build_report(session.book, session.catalog, session.as_of, session.sla)
    named = data.sheets["Named Contacts"]
    assert named[["Customer", "Name", "Source"]].values.tolist() == [
        ["Foxtrot Ltd", "a@foxtrot.test", "Contracts, row 2, column 'Named contacts'"]
    ]


def test_a_contacts_tables_cell_listing_several_people_is_a_contact_each(tmp_path: Path) -> None:
    """A contacts sheet keeping one row per customer, its people packed into a 'Named contacts' cell (tryout 3,
    b07): each person is a contact of the row's customer and region, sourced to the cell; a name written surname
    first stays one person."""
    acme = "; ".join(f"{n} <{n.split()[0].lower()}@acme.test>" for n in ("Ann One", "Bo Two", "Cy Three", "Di Four", "Ed Five"))
    path = write_sheets(
        tmp_path / "packed.xlsx",
        {
            "Contracts": [
                HEADER,
                ["Acme Corp.", *TERM, "50%", "EMEA"],
                ["Fabrikam Inc", *TERM, "50%", "AMER"],
            ],
            "Named Contacts": [
                ["Customer", "Named contacts", "Region"],
                ["Acme Corp.", f"{acme}\nFlo Six <flo@acme.test>", "EMEA"],
                ["Fabrikam Inc", "Raj Patel <raj@fabrikam.test>, Sue Kim <sue@fabrikam.test>", "APAC"],
                ["Fabrikam Inc", "Smith, Jane <jane@fabrikam.test>", "AMER"],
                ["Fabrikam Inc", "Doe, John", "AMER"],
            ],
        },
    )
    book = load_book([path])
    fabrikam = [(c.name, c.email, c.region, c.source.describe(file=False)) for c in book.contacts if c.customer == "Fabrikam Inc"]
    assert fabrikam == [
        ("Raj Patel", "raj@fabrikam.test", "APAC", "Named Contacts, row 3, column 'Named contacts'"),
        ("Sue Kim", "sue@fabrikam.test", "APAC", "Named Contacts, row 3, column 'Named contacts'"),
        ("Smith, Jane", "jane@fabrikam.test", "AMER", "Named Contacts, row 4"),
        ("Doe, John", "", "AMER", "Named Contacts, row 5"),
    ]
    assert len([c for c in book.contacts if c.customer == "Acme Corp."]) == 6
    assert _limits(path) == [
        "Acme Corp.: 6 named contacts, but 50% Dedicated MCSE allows 5.",
        "Fabrikam Inc: Named contact Raj Patel is in APAC, outside the MCSE's region AMER; Mission Critical Support "
        "(MCSE) serves its own region.",
        "Fabrikam Inc: Named contact Sue Kim is in APAC, outside the MCSE's region AMER; Mission Critical Support "
        "(MCSE) serves its own region.",
    ]
    assert (
        "Column 'Named contacts' lists several people in a cell: 2 cells read as 8 named contacts, each of its row's "
        "customer (and region and other columns)." in [f.message for f in book.findings]
    )


def test_a_name_cell_beside_one_email_is_one_person(tmp_path: Path) -> None:
    """A Name and Email table: a row whose email cell holds one address is one person whatever its name cell says
    ('Jane Doe, VP Sales'); an email cell listing as many addresses as the name cell lists people pairs them."""
    path = write_sheets(
        tmp_path / "pairs.xlsx",
        {
            "Contracts": [HEADER, ["Acme Corp", *TERM, "50%", "EMEA"]],
            "Contacts": [
                ["Customer", "Name", "Email", "Region"],
                ["Acme Corp", "Jane Doe, VP Sales", "jane@acme.test", "EMEA"],
                ["Acme Corp", "Ann One; Bo Two", "ann@acme.test; bo@acme.test", "EMEA"],
            ],
        },
    )
    book = load_book([path])
    assert [(c.name, c.email, c.source.row) for c in book.contacts] == [
        ("Jane Doe, VP Sales", "jane@acme.test", 2),
        ("Ann One", "ann@acme.test", 3),
        ("Bo Two", "bo@acme.test", 3),
    ]


def test_an_address_written_beside_its_name_by_hand_is_read_apart(tmp_path: Path) -> None:
    # 'Liam Ortiz (liam@x)' and 'mia@x - Mia Chen' kept whole as names: each person counted twice beside the contract
    # row's 'Liam Ortiz <liam@x>', and the Email column showing the whole text.
    from explorer.importing.emails import address

    assert [address(t) for t in ("Liam Ortiz (liam@contoso.test)", "mia@contoso.test - Mia Chen", "Mia: mia@c.test")] == [
        ("liam@contoso.test", "Liam Ortiz"),
        ("mia@contoso.test", "Mia Chen"),
        ("mia@c.test", "Mia"),
    ]
    contracts = tmp_path / "contracts.csv"
    contracts.write_text(
        "Customer,Product,Tier,Start,End,MCSE,Region,Time Zone,Named contacts\n"
        'Contoso Ltd,Okta,Premier Plus,2026-03-01,2027-02-28,50%,AMER,America/New_York,"Liam Ortiz <liam@contoso.test>; '
        'Mia Chen <mia@contoso.test>"\n'
    )
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "Customer,Contact,Region\nContoso Ltd,Liam Ortiz (liam@contoso.test),AMER\nContoso Ltd,mia@contoso.test - Mia Chen,AMER\n"
    )
    book = load_book([contracts, contacts])
    assert sorted((c.name, c.email) for c in book.contacts) == [
        ("Liam Ortiz", "liam@contoso.test"),
        ("Mia Chen", "mia@contoso.test"),
    ]


def test_a_support_contact_column_of_people_lists_the_rows_named_contacts(tmp_path: Path) -> None:
    """Tryout 11: Salesforce Classic's Contracts with Contacts heads one person a row 'Support Contact' (or 'Contact
    Name'); it was only kept and the book had 0 named contacts with no word. A column of people (names of two words or
    more, or addresses) is read as the row's named contacts; one of yes/no or single words is not."""
    header = ["Account Name", "Product", "Support Level", "Start Date", "End Date"]
    rows = [
        ["Acme Corp", "Okta", "Premier Plus", "2026-01-15", "2027-01-14"],
        ["Globex GmbH", "Auth0", "Premier", "2026-02-01", "2027-01-31"],
    ]

    def book(column: str, values: tuple[str, str]) -> list[tuple[str, str, str]]:
        table = [[*r, v] for r, v in zip(rows, values, strict=True)]
        path = write_csv(tmp_path / "book.csv", header=[*header, column], rows=table)
        return [(c.customer, c.name, c.email) for c in load_book([path]).contacts]

    assert book("Support Contact", ("Ann Lee", "Uwe Kurz")) == [("Acme Corp", "Ann Lee", ""), ("Globex GmbH", "Uwe Kurz", "")]
    assert book("Contact Name", ("ann@acme.test", "Uwe Kurz <uwe@globex.test>")) == [
        ("Acme Corp", "ann@acme.test", "ann@acme.test"),
        ("Globex GmbH", "Uwe Kurz", "uwe@globex.test"),
    ]
    assert book("Support Contact", ("Yes", "No")) == []
    assert book("Support Contact", ("Acme", "Ann Lee")) == []


SUPPORT_HEADER = ["Customer", "Product", "Tier", "MCSE", "Start Date", "End Date", "Support Contact"]


def _support_book(tmp_path: Path, people: list[str], customers: list[str] | None = None) -> tuple[list[str], list[str]]:
    """The named contacts and the warnings about 'Support Contact' of a table whose rows list ``people``."""
    names = customers or [f"Customer {i}" for i in range(len(people))]
    rows = [[c, "Okta", "Premier Plus", "50%", "2026-01-01", "2026-12-31", p] for c, p in zip(names, people, strict=True)]
    book = load_book([write_csv(tmp_path / "book.csv", header=SUPPORT_HEADER, rows=rows)])
    warned = [f.message for f in book.findings if f.severity is Severity.WARNING and f.column == "Support Contact"]
    return [c.name for c in book.contacts], warned


def test_a_placeholder_in_a_support_contact_column_is_a_blank(tmp_path: Path) -> None:
    """Hostile round 6 (c02, c03, c05): one 'TBD' or 'N/A' left the whole column unread with no word, and 'To Be
    Determined' or 'Not Assigned' counted as a person. A placeholder is a blank: the others are read, it is not."""
    for placeholder in ("TBD", "N/A", "To Be Determined", "Not Assigned", "No Contact", "unassigned", "Pending", "-"):
        got = _support_book(tmp_path, ["Ann Lee", placeholder, "Bob Stone"])
        assert got == (["Ann Lee", "Bob Stone"], []), placeholder
    assert _support_book(tmp_path, ["Not Assigned", "To Be Determined", "No Contact"]) == ([], [])


def test_a_placeholder_person_is_not_counted_against_the_mcse_limit(tmp_path: Path) -> None:
    """c09: five people and a 'To Be Determined' on rows of one MCSE term: 5 named contacts, the limit met."""
    people = ["Ann Lee", "Bob Stone", "Cy Twombly", "Di Prince", "Ed Wood", "To Be Determined"]
    rows = [["Acme Corp", "Okta", "Premier Plus", "50%", "2026-01-01", "2026-12-31", p] for p in people]
    path = write_csv(tmp_path / "book.csv", header=SUPPORT_HEADER, rows=rows)
    assert len(load_book([path]).contacts) == 5
    assert not [m for m in _limits(path) if "named contacts" in m and "allows" in m]


def test_company_names_and_single_words_in_a_support_contact_column_are_a_warning(tmp_path: Path) -> None:
    """c01, c04: companies ('Globex GmbH', a customer of the book 'Acme Corp') are no people, and a column holding
    them or a one-word name is not read: a warning names the column and the values, and how to read it."""
    contacts, warned = _support_book(
        tmp_path, ["Globex GmbH", "Umbrella Health", "Acme Corp"], ["Acme Corp", "Globex GmbH", "Initech"]
    )
    assert contacts == []
    assert len(warned) == 1
    assert warned[0].startswith("Column 'Support Contact' is not read as named contacts: 'Acme Corp', 'Globex GmbH' ")
    assert "head the column 'Named contacts'" in warned[0]
    contacts, warned = _support_book(tmp_path, ["Ann Lee", "Cher", "Initech Inc."])
    assert contacts == []
    assert warned and "'Cher', 'Initech Inc.' are not people" in warned[0]
    assert _support_book(tmp_path, ["Yes", "No", "Yes"]) == ([], [])  # a checkbox: the Named column, no warning


def test_one_contact_a_row_is_no_repeated_term(tmp_path: Path) -> None:
    """c07: Salesforce's one contact a row repeats the term on each row to name one more person: no 'listed again'
    warning. A row naming the same person again is a repeat, still said."""
    rows = [["Acme Corp", "Okta", "Premier Plus", "50%", "2026-01-01", "2026-12-31", p] for p in ("Ann Lee", "Bob Stone")]
    book = load_book([write_csv(tmp_path / "book.csv", header=SUPPORT_HEADER, rows=rows)])
    assert [c.name for c in book.contacts] == ["Ann Lee", "Bob Stone"]
    assert len(book.contracts) == 1
    assert not [f for f in book.findings if "listed again" in f.message]
    rows.append(rows[0])
    book = load_book([write_csv(tmp_path / "book.csv", header=SUPPORT_HEADER, rows=rows)])
    again = [f for f in book.findings if "listed again" in f.message and "term" in f.message]
    assert [(f.source.row, f.message.split(" with ")[0]) for f in again] == [
        (2, "This Okta term (2026-01-01 – 2026-12-31) is listed again at book, row 4")
    ]


def test_a_product_cell_listing_its_products_again_is_one_warning(tmp_path: Path) -> None:
    """t03: a product cell of 1,000 items gave 998 'listed again' warnings, all on its own row: one, with a count."""
    cell = ";".join(["Okta", "Auth0"] * 50)
    rows = [["Acme Corp", cell, "Premier", "2026-01-01", "2026-12-31"]]
    header = ["Customer", "Product", "Tier", "Start Date", "End Date"]
    book = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)])
    assert sorted(c.product or "" for c in book.contracts) == ["auth0", "okta"]
    again = [f.message for f in book.findings if "listed again" in f.message]
    assert len(again) == 1
    assert again[0].startswith("This row's terms are listed again 98 times with the same tier, dates and add-ons")
    assert "the Okta term (2026-01-01 – 2026-12-31) at this same row (its cell lists it again) (49 times)" in again[0]


def test_a_name_a_contract_row_gives_is_the_contacts_tables_person_with_that_name(tmp_path: Path) -> None:
    """Matched by email, else by name: a Support Contact cell's 'Fay Foxtrot' is the contacts table's Fay Foxtrot with
    her address (both were counted, over a limit that holds: trust round 6); two addresses under one name are two."""
    contracts = tmp_path / "contracts.csv"
    contracts.write_text(
        "Customer,Product,Tier,Start,End,MCSE,Region,Time Zone,Named contacts\n"
        "Foxtrot Co,Okta,Premier Plus,2026-03-01,2027-02-28,50%,EMEA,Europe/Berlin,Fay Foxtrot; Gus Foxtrot <gus@b.test>\n"
    )
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "Customer,Contact,Email,Region\n"
        "Foxtrot Co,Fay Foxtrot,fay@foxtrot.test,EMEA\n"
        "Foxtrot Co,Gus Foxtrot,gus@foxtrot.test,EMEA\n"
    )
    book = load_book([contracts, contacts])
    assert sorted((c.name, c.email) for c in book.contacts) == [
        ("Fay Foxtrot", "fay@foxtrot.test"),
        ("Gus Foxtrot", "gus@b.test"),
        ("Gus Foxtrot", "gus@foxtrot.test"),
    ]
