"""A renewal row that gives no place (tryout 12: this year's CRM export beside last year's book) is clocked in the
customer's own zone and holidays, which the customer's other terms of the product give, not the default UTC."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer import clock
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.model import Book, Severity
from explorer.sla.engine import evaluate

from ..files import write_csv, write_sheets

RENEWAL = ["Company Name", "Product", "Support Tier", "Start Date", "End Date"]


def last_year(folder: Path, *places: tuple[str, str]) -> Path:
    """Last year's book: a Contoso GmbH Okta Basic term per (country, zone)."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Country", "Time Zone"]
    rows: list[list[object]] = [
        ["Contoso GmbH", "Okta", "Basic", date(2024 + i, 1, 1), date(2024 + i, 12, 31), country, zone]
        for i, (country, zone) in enumerate(places)
    ]
    return write_sheets(folder / "fy25.xlsx", {"FY25": [header, *rows]})


def renewal(folder: Path) -> Path:
    return write_csv(folder / "renewal.csv", header=RENEWAL, rows=[["Contoso GmbH", "Okta", "Basic", "2026-01-01", "2026-12-31"]])


def renewed(book: Book) -> tuple[str, str]:
    (row,) = [c for c in book.contracts if c.term_start == date(2026, 1, 1)]
    return row.time_zone, row.country


def said(book: Book) -> list[str]:
    return [f.message for f in book.findings if f.severity is Severity.WARNING and f.source.file.endswith("renewal.csv")]


def test_a_row_with_no_place_takes_the_customer_s_own_from_its_other_terms(tmp_path: Path) -> None:
    cases = write_csv(
        tmp_path / "cases.csv",
        header=["Case ID", "Organization", "Product", "Priority", "Created (UTC)", "First Response (UTC)"],
        rows=[["9001", "Contoso GmbH", "Okta", "P1", "2026-11-02 08:00", "2026-11-02 12:30"]],
    )
    book = load_book([last_year(tmp_path, ("DE", "Europe/Berlin")), renewal(tmp_path)], [cases])
    assert renewed(book) == ("Europe/Berlin", "DE")
    assert not any(c.zone_unsaid for c in book.contracts)  # stated on its other term: the sheet calls it theirs
    assert said(book) == [
        "No time zone, country or state is given; Europe/Berlin (DE) is used, as the customer's other Okta term says "
        "(fy25.xlsx, FY25, row 2); give the row's own time zone to be exact."
    ]
    # due 12:00 UTC on the customer's Berlin business clock (09:00 local opening, 4 h), answered 12:30: late
    result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 12, 7)))
    assert result.cases["outcome"].astype(str).tolist() == ["Breached"]


def test_other_terms_that_disagree_give_no_place_and_the_warning_says_so(tmp_path: Path) -> None:
    book = load_book([last_year(tmp_path, ("DE", "Europe/Berlin"), ("GB", "Europe/London")), renewal(tmp_path)])
    assert renewed(book) == ("UTC", "")
    assert said(book) == [
        "No time zone is given; UTC (the default) is used: the customer's other Okta terms disagree "
        "(Europe/Berlin (DE); Europe/London (GB))."
    ]


def test_a_row_with_no_other_term_keeps_the_default(tmp_path: Path) -> None:
    book = load_book([renewal(tmp_path)])
    assert renewed(book) == ("UTC", "")
    assert said(book) == ["No time zone is given; UTC (the default) is used."]


def test_a_region_taken_from_the_other_term_withdraws_the_mcse_s_unchecked_region_warning(tmp_path: Path) -> None:
    """hostile round 6: a renewal row with an MCSE and no place took its region from last year's term, and still
    warned 'No region is given ... not checked'. The taken place's warning names the region; nothing else is said."""
    header = ["Customer", "Product", "Tier", "Start", "End", "MCSE", "Country", "Time Zone", "Region"]
    book_file = write_sheets(
        tmp_path / "fy25.xlsx",
        {
            "FY25": [
                header,
                [
                    "Contoso GmbH",
                    "Okta",
                    "Premier Plus",
                    date(2025, 1, 1),
                    date(2025, 12, 31),
                    "50%",
                    "DE",
                    "Europe/Berlin",
                    "EMEA",
                ],
            ]
        },
    )
    renewal = write_csv(
        tmp_path / "renewal.csv",
        header=[*RENEWAL, "MCSE"],
        rows=[["Contoso GmbH", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "50%"]],
    )
    book = load_book([book_file, renewal])
    (row,) = [c for c in book.contracts if c.term_start == date(2026, 1, 1)]
    assert row.region == "EMEA" and "mcse" in row.addons
    assert said(book) == [
        "No time zone, country or state is given; Europe/Berlin (DE), region EMEA is used, as the customer's other Okta "
        "term says (fy25.xlsx, FY25, row 2); give the row's own time zone to be exact."
    ]


def test_a_zone_a_term_states_goes_before_one_worked_out_from_a_country(tmp_path: Path) -> None:
    """Last year's row states America/Chicago; another tool's row gives only the country US (so the app's guess, New
    York): the renewal takes Chicago, not UTC for a disagreement with a guess (GUI tryout 4); its warning names the
    product, not the renewal row's own text."""
    book = last_year(tmp_path, ("US", "America/Chicago"), ("US", ""))
    rows = [["Contoso GmbH", "Okta Basic Support (12 months)", "Basic", "2026-01-01", "2026-12-31"]]
    loaded = load_book([book, write_csv(tmp_path / "renewal.csv", header=RENEWAL, rows=rows)])
    assert renewed(loaded) == ("America/Chicago", "US")
    (taken,) = [m for m in said(loaded) if "is used, as" in m]
    assert "the customer's other Okta terms say" in taken or "the customer's other Okta term says" in taken
