"""A renewal written as a later end on the old row (`Renewed To`, `Extended To`...): one more term, said in a finding."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer import history, rules
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.model import Severity

HEADER = "Customer,Product,Tier,Start,End,{},CSE,Region,Time Zone\n"
ROW = "Tailspin Toys,Okta,Premier Plus,2025-01-01,2025-12-31,{},Yes,EMEA,Europe/Berlin\n"


@pytest.mark.parametrize(
    "header", ["Renewed To", "Renewed Until", "Extended To", "New End Date", "Renewal End Date", "Auto-renewed to"]
)
def test_a_later_end_on_the_row_is_a_renewal_term(tmp_path: Path, header: str) -> None:
    # renewals tryout #3: the customer read Ended and its overdue CSE deadline (2026-11-16) never appeared
    path = tmp_path / "book.csv"
    path.write_text(HEADER.format(header) + ROW.format("2026-12-31"), "utf-8")
    book = load_book([path])
    old, renewal = book.contracts
    assert (renewal.term_start, renewal.term_end, renewal.program, renewal.addons) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        "okta-premier-plus",
        {"cse": None},
    )
    assert (renewal.source.row, renewal.source.column) == (2, header)
    said = [(f.severity, f.column, f.message) for f in book.findings if f.column == header]
    assert said == [
        (
            Severity.INFO,
            header,
            f"{header} 2026-12-31: read as a renewal term from 2026-01-01 to 2026-12-31, with this row's tier and add-ons.",
        )
    ]
    assert not [f for f in book.findings if "kept as they are" in f.message]
    day = date(2026, 12, 7)
    assert history.customer_state(book.contracts, day).status is history.Status.IN_FORCE
    catalog = default_catalog()
    deadlines = [(k.day, k.status) for c in book.contracts for k in rules.key_dates(catalog, c, day) if k.is_action]
    assert deadlines == [(date(2025, 11, 16), rules.DateStatus.RENEWED), (date(2026, 11, 16), rules.DateStatus.OVERDUE)]
    available = {k.day for c in book.contracts for k in rules.key_dates(catalog, c, day) if k.role == "addon_available"}
    assert available == {date(2025, 4, 1)}  # the renewal keeps the CSE: no second mobilization


def test_a_renewed_to_date_not_after_the_end_is_a_warning_and_reads_nothing(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    other = ROW.replace("Tailspin Toys", "Wingtip")
    path.write_text(HEADER.format("Renewed To") + ROW.format("2025-12-31") + other.format("soon"), "utf-8")
    book = load_book([path])
    assert len(book.contracts) == 2  # the two rows, no renewal term
    said = [(f.severity, f.source.row, f.message) for f in book.findings if f.column == "Renewed To"]
    assert said == [
        (
            Severity.WARNING,
            2,
            "Renewed To 2025-12-31 is not after the term end (2025-12-31), so it renews nothing; no renewal is read "
            "from it. Correct the date, or clear the 'Renewed To' cell.",
        ),
        (
            Severity.WARNING,
            3,
            "Renewed To: 'soon' is not a date this app can read (use 2026-01-15, 15.01.2026 or 15 Jan 2026); no "
            "renewal is read from it.",
        ),
    ]


def test_a_renewal_the_book_also_holds_as_a_row_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_text(
        HEADER.format("Renewed To")
        + ROW.format("2026-12-31")
        + "Tailspin Toys,Okta,Premier Plus,2026-01-01,2026-12-31,,Yes,EMEA,Europe/Berlin\n",
        "utf-8",
    )
    book = load_book([path])
    assert [(c.term_start, c.source.row, c.source.column) for c in book.contracts] == [
        (date(2025, 1, 1), 2, ""),
        (date(2026, 1, 1), 3, ""),
    ]
    said = [f.message for f in book.findings if f.column == "Renewed To"]
    assert said == ["Renewed To 2026-12-31: the book holds that renewal as a row of its own (book, row 3); read from there."]


def test_current_term_end_is_left_as_it_is(tmp_path: Path) -> None:
    # it may be the row's own end, or the renewal's: not guessed
    path = tmp_path / "book.csv"
    path.write_text(HEADER.format("Current Term End") + ROW.format("2026-12-31"), "utf-8")
    book = load_book([path])
    assert len(book.contracts) == 1
    assert any("kept as they are (not used by the rules): Current Term End" in f.message for f in book.findings)
