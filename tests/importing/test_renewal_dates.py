"""A CRM's account record of a renewed contract: 'Contract Start' (the first term's), 'Last Renewal Date' (the
current term's start) and 'Next Renewal Date' (the anniversary the next term starts on). Read before as a summary
('Last' as Power BI's) of the term end, the current term ran from 2024 and ended on the day it was renewed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.catalog import load_catalog
from explorer.importing.book import load_book
from explorer.model import Severity
from explorer.rules import key_dates

from ..files import write_csv

HEADER = [
    "Account Name",
    "Product",
    "Support Tier",
    "Contract Start",
    "Last Renewal Date",
    "Next Renewal Date",
    "Time Zone",
    "CSE",
]


def _book(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    return write_csv(path, rows=rows, header=header)


def test_a_renewed_row_runs_from_its_last_renewal_and_keeps_its_first_start(tmp_path: Path) -> None:
    book = load_book(
        [
            _book(
                tmp_path / "accounts.csv",
                [
                    ["Acme Corp", "Okta", "Premier Plus", "2024-03-01", "2026-03-01", "2027-03-01", "America/Chicago", "Yes"],
                    ["Fresh Inc", "Okta", "Premier Plus", "2026-10-01", "", "2027-10-01", "America/Chicago", "Yes"],
                ],
            )
        ]
    )
    terms = {c.customer: (c.term_start, c.term_end, c.initial_term_start) for c in book.contracts}
    assert terms == {
        "Acme Corp": (date(2026, 3, 1), date(2027, 2, 28), date(2024, 3, 1)),  # the anniversary read to the day before
        "Fresh Inc": (date(2026, 10, 1), date(2027, 9, 30), None),  # never renewed: its start is its own
    }
    assert not [f for f in book.findings if f.severity is not Severity.INFO]
    said = [f for f in book.findings if f.column == "Last Renewal Date"]
    assert [f.message for f in said] == [
        "Read 'Last Renewal Date' as the current term's start where a row gives it, and 'Contract Start' where it does "
        "not; a renewed row's 'Contract Start' is its initial term start, which a renewal keeps."
    ]
    # the renewal starts no new mobilization (domain.md §5): the CSE was available in 2024, the kickoff is this term's
    acme = next(c for c in book.contracts if c.customer == "Acme Corp")
    dates = {k.role: k.day for k in key_dates(load_catalog(), acme, date(2026, 12, 8))}
    assert dates["addon_available"] == date(2024, 5, 30)
    assert dates["term_start"] == date(2026, 3, 1)


def test_a_last_renewal_date_is_the_start_where_the_sheet_gives_no_other(tmp_path: Path) -> None:
    header = ["Account Name", "Product", "Support Tier", "Original Start Date", "Last Renewal Date", "Next Renewal Date"]
    book = load_book(
        [
            _book(
                tmp_path / "renewals.csv",
                [["Acme Corp", "Auth0", "Enterprise", "2023-06-01", "2026-06-01", "2027-06-01"]],
                header,
            )
        ]
    )
    (acme,) = book.contracts
    assert (acme.term_start, acme.term_end, acme.initial_term_start) == (date(2026, 6, 1), date(2027, 5, 31), date(2023, 6, 1))
    assert not [f for f in book.findings if f.severity is Severity.ERROR]


def test_a_renewal_after_the_term_end_is_said_and_the_term_read_as_given(tmp_path: Path) -> None:
    book = load_book(
        [
            _book(
                tmp_path / "accounts.csv",
                [["Acme Corp", "Okta", "Premier", "2025-03-01", "2027-04-01", "2026-03-01", "America/Chicago", ""]],
            )
        ]
    )
    (acme,) = book.contracts
    assert (acme.term_start, acme.initial_term_start) == (date(2025, 3, 1), None)
    (warning,) = [f for f in book.findings if f.severity is Severity.WARNING]
    assert warning.column == "Last Renewal Date"
    assert "after the term end 2026-03-01" in warning.message
