"""A person a contacts table lists twice for the same customer and product counts once (trust round 7): an exact
repeated row, or the same address in other capitals, made 'Mobil Co' 11 of its 10 MCSE contacts in every output and
the report asked the customer to drop one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.app.session import open_session
from explorer.importing.book import load_book
from explorer.model import Severity, customer_key

from ..files import write_sheets

CONTRACTS = [
    ["Customer", "Product", "Support Tier", "Start", "End", "Region", "Time Zone", "MCSE"],
    ["Mobil Co", "Okta", "Premier Plus", date(2026, 1, 1), date(2026, 12, 31), "EMEA", "Europe/Berlin", "50%"],
]


def _people(*extra: list[object]) -> list[list[object]]:
    rows: list[list[object]] = [["Customer", "Product", "Name", "Email", "Region"]]
    rows += [["Mobil Co", "Okta", f"Person {n}", f"p{n}@mobil.test", "EMEA"] for n in range(1, 5)]
    rows += [["Mobil Co", "Okta", "Maria Schmidt", "maria.schmidt@mobil.test", "EMEA"], *extra]
    return rows


def test_a_person_listed_again_in_other_capitals_counts_once_and_is_said(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "book.xlsx",
        {"Contracts": CONTRACTS, "Contacts": _people(["Mobil Co", "Okta", "SCHMIDT, Maria", "Maria.Schmidt@Mobil.test", "EMEA"])},
    )
    session = open_session([path], date(2026, 12, 7))
    assert len(session.book.contacts) == 5
    assert not [f for f in session.findings if "allows 5" in f.message]  # at the limit, not over it
    (said,) = [f for f in session.findings if "listed twice" in f.message]
    assert (said.severity, said.source.sheet, said.source.row, said.customer) == (Severity.WARNING, "Contacts", 7, "Mobil Co")
    assert said.message == (
        "Maria Schmidt (maria.schmidt@mobil.test) is listed twice for this customer and product (rows 6 and 7, here as "
        "'SCHMIDT, Maria' <Maria.Schmidt@Mobil.test>): counted once. Remove the repeat."
    )
    sheet = session.sheet(customer_key("Mobil Co"))
    assert sheet is not None and said in sheet.findings  # on the customer's Findings tab and sheet too


def test_an_exact_repeat_counts_once_and_two_addresses_under_one_name_stay_two(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Contracts": CONTRACTS,
            "Contacts": _people(
                ["Mobil Co", "Okta", "Maria Schmidt", "maria.schmidt@mobil.test", "EMEA"],
                ["Mobil Co", "Okta", "Maria Schmidt", "maria@home.test", "EMEA"],  # another address: another person
            ),
        },
    )
    session = open_session([path], date(2026, 12, 7))
    contacts = session.book.contacts
    assert [c.email for c in contacts if c.name == "Maria Schmidt"] == ["maria.schmidt@mobil.test", "maria@home.test"]
    assert [f.source.row for f in session.findings if "listed twice" in f.message] == [7]
    (over,) = [f for f in session.findings if "allows 5" in f.message]
    assert over.message.startswith("6 named contacts")


def test_a_sheet_listing_many_twice_is_said_once_and_another_year_s_list_is_an_info(tmp_path: Path) -> None:
    many = [["Mobil Co", "Okta", f"Person {n}", f"P{n}@MOBIL.TEST", "EMEA"] for n in range(1, 5)]
    path = write_sheets(
        tmp_path / "book.xlsx",
        {"Contracts": CONTRACTS, "Contacts": _people(*many), "Contacts FY25": _people()},
    )
    book = load_book([path])
    assert len(book.contacts) == 5
    twice = [(f.severity, f.source.sheet, f.message) for f in book.findings if "twice" in f.message or "already" in f.message]
    assert twice == [
        (
            Severity.WARNING,
            "Contacts",
            "4 people are listed twice on this sheet for the same customer and product (Person 1, rows 2 and 7; "
            "Person 2, rows 3 and 8; Person 3, rows 4 and 9 and 1 more): each is counted once. Remove the repeats.",
        ),
        (
            Severity.INFO,
            "Contacts FY25",
            "5 named contacts listed here are listed already at book.xlsx, Contacts for the same customer and product: "
            "each person is counted once.",
        ),
    ]
