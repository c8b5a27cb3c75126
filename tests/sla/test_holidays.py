"""Regional public holidays: a state or province per contract closes the business-hours clock on its days."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from explorer.catalog import Catalog
from explorer.importing.book import load_book
from explorer.model import Book, Severity
from explorer.sla.engine import SlaResult, evaluate

AS_OF = datetime(2027, 1, 31, tzinfo=UTC)
CONTRACT_HEADER = ["Customer", "Product", "Tier", "Start", "End", "Time Zone", "Country", "State/Province"]


def write_book(
    path: Path,
    contracts: list[list[object]],
    holidays: list[list[object]] | None = None,
    holiday_header: tuple[str, ...] = ("Date", "Holiday", "Country", "State", "Status"),
) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Contracts"
    sheet.append(CONTRACT_HEADER)
    for row in contracts:
        sheet.append([*row[:1], "Okta", "Basic", date(2026, 1, 1), date(2027, 12, 31), *row[1:]])
    if holidays:
        table = wb.create_sheet("Holidays")
        table.append(list(holiday_header))
        for row in holidays:
            table.append(row)
    wb.save(path)
    return path


def write_cases(path: Path, cases: list[tuple[str, str, str]]) -> Path:
    """(case id, customer, opened in UTC) rows, all Okta P1 (4 business hours) and unanswered."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Case ID", "Customer", "Product", "Priority", "Opened", "First Response"])
        writer.writerows([(case_id, customer, "Okta", "P1", opened, "") for case_id, customer, opened in cases])
    return path


def judged(
    tmp_path: Path,
    catalog: Catalog,
    contracts: list[list[object]],
    cases: list[tuple[str, str, str]],
    holidays: list[list[object]] | None = None,
) -> tuple[Book, SlaResult, dict[str, pd.Timestamp]]:
    book = load_book(
        [write_book(tmp_path / "book.xlsx", contracts, holidays)], [write_cases(tmp_path / "cases.csv", cases)], catalog
    )
    result = evaluate(book, catalog, AS_OF)
    return book, result, dict(zip(result.cases["case_id"], result.cases["due"], strict=True))


def local(text: str, zone: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=zone).tz_convert("UTC")


# Thursday 2026-12-24 16:00 AEDT: one hour that day, Christmas on Friday, then the weekend.
# New South Wales also closes Monday the 28th (Boxing Day observed); Australia's national calendar does not.
SYDNEY_OPENED = "2026-12-24 05:00"
NSW_DUE = local("2026-12-29 12:00", "Australia/Sydney")
NATIONAL_DUE = local("2026-12-28 12:00", "Australia/Sydney")


def test_sydney_case_waits_for_boxing_day_observed_with_nsw_given_or_guessed(tmp_path: Path, catalog: Catalog) -> None:
    book, result, due = judged(
        tmp_path,
        catalog,
        [
            ["Given", "Australia/Sydney", "AU", "NSW"],
            ["Guessed", "Australia/Sydney", "AU", ""],
            ["Named", "Australia/Sydney", "Australia", "New South Wales"],
            ["Coded", "Australia/Sydney", "AU", "AU-NSW"],
            ["Melbourne", "Australia/Melbourne", "AU", ""],
        ],
        [(name, name, SYDNEY_OPENED) for name in ("Given", "Guessed", "Named", "Coded", "Melbourne")],
    )
    assert [c.subdivision for c in book.contracts] == ["NSW", "NSW", "NSW", "NSW", "VIC"]
    assert due == {
        "Given": NSW_DUE,
        "Guessed": NSW_DUE,
        "Named": NSW_DUE,
        "Coded": NSW_DUE,
        "Melbourne": local("2026-12-29 12:00", "Australia/Melbourne"),
    }  # Victoria closes the 28th too
    guesses = [f for f in book.findings if "No state or province is given" in f.message]
    assert [(f.severity, f.source.row, f.column) for f in guesses] == [
        (Severity.INFO, 3, "Time Zone"),
        (Severity.INFO, 6, "Time Zone"),
    ]
    assert "New South Wales (AU-NSW)" in guesses[0].message and "Australia/Sydney" in guesses[0].message
    named = result.holidays_skipped(result.cases[result.cases["case_id"] == "Given"], catalog)
    assert [c.describe() for c in named[0]] == ["Christmas Day, Australia", "Boxing Day (observed), New South Wales"]


def test_sydney_case_on_the_national_calendar_is_due_monday(tmp_path: Path, catalog: Catalog) -> None:
    # Australia/Broken_Hill is in New South Wales too, but the zone table does not list it: national calendar.
    book, result, due = judged(
        tmp_path, catalog, [["National", "Australia/Broken_Hill", "AU", ""]], [("n", "National", "2026-12-24 05:30")]
    )  # 16:00 local
    assert book.contracts[0].subdivision == ""
    assert due["n"] == local("2026-12-28 12:00", "Australia/Broken_Hill")
    assert set(result.holiday_calendars) == {"AU"}


def test_bavarian_customer_on_epiphany_and_corpus_christi(tmp_path: Path, catalog: Catalog) -> None:
    # Monday 2026-01-05 and Wednesday 2026-06-03, 16:00 in Munich: Bavaria closes Tuesday (Epiphany) and
    # Thursday (Corpus Christi); Berlin is open both days.
    _, result, due = judged(
        tmp_path,
        catalog,
        [
            ["Munich", "Europe/Berlin", "DE", "Bavaria"],
            ["Munich GmbH", "Europe/Berlin", "Germany", "DE-BY"],
            ["Berlin", "Europe/Berlin", "DE", "Berlin"],
        ],
        [
            ("epiphany", "Munich", "2026-01-05 15:00"),
            ("corpus", "Munich GmbH", "2026-06-03 14:00"),
            ("epiphany-berlin", "Berlin", "2026-01-05 15:00"),
            ("corpus-berlin", "Berlin", "2026-06-03 14:00"),
        ],
    )
    assert due == {
        "epiphany": local("2026-01-07 12:00", "Europe/Berlin"),
        "corpus": local("2026-06-05 12:00", "Europe/Berlin"),
        "epiphany-berlin": local("2026-01-06 12:00", "Europe/Berlin"),
        "corpus-berlin": local("2026-06-04 12:00", "Europe/Berlin"),
    }
    skipped = result.holidays_skipped(result.cases.iloc[:2], catalog)
    assert [[c.describe() for c in row] for row in skipped] == [["Epiphany, Bayern"], ["Corpus Christi, Bayern"]]


def test_us_california_customer(tmp_path: Path, catalog: Catalog) -> None:
    # California closes Cesar Chavez Day (Tuesday 2026-03-31) and keeps Columbus Day (Monday 2026-10-12) open;
    # the national calendar does the opposite.
    _, result, due = judged(
        tmp_path,
        catalog,
        [["Golden", "America/Los_Angeles", "US", "California"], ["Federal", "America/Los_Angeles", "US", ""]],
        [
            ("chavez", "Golden", "2026-03-30 23:00"),
            ("columbus", "Golden", "2026-10-09 23:00"),
            ("chavez-us", "Federal", "2026-03-30 23:00"),
            ("columbus-us", "Federal", "2026-10-09 23:00"),
        ],
    )
    zone = "America/Los_Angeles"
    assert due == {
        "chavez": local("2026-04-01 12:00", zone),
        "columbus": local("2026-10-12 12:00", zone),
        "chavez-us": local("2026-03-31 12:00", zone),
        "columbus-us": local("2026-10-13 12:00", zone),
    }
    assert set(result.holiday_calendars) == {"US-CA", "US"}
    chavez = result.holiday_calendars["US-CA"].closures_between(date(2026, 3, 31), date(2026, 3, 31))
    assert [c.describe() for c in chavez] == ["Cesar Chavez Day, California"]


def test_unknown_subdivision_warns_with_the_valid_ones_and_uses_the_national_calendar(tmp_path: Path, catalog: Catalog) -> None:
    book, _, due = judged(
        tmp_path, catalog, [["Narnia Pty", "Australia/Sydney", "AU", "Narnia"]], [("n", "Narnia Pty", SYDNEY_OPENED)]
    )
    assert book.contracts[0].subdivision == ""
    assert due["n"] == NATIONAL_DUE  # neither the given state nor a guess from the zone
    [warning] = [f for f in book.findings if "Narnia" in f.message]
    assert warning.severity is Severity.WARNING and warning.column == "State/Province"
    assert "NSW (New South Wales)" in warning.message and "VIC (Victoria)" in warning.message
    assert warning.message.endswith("the national calendar is used.")


def test_book_holiday_table_adds_a_day_for_one_state_and_opens_another(tmp_path: Path, catalog: Catalog) -> None:
    _, result, due = judged(
        tmp_path,
        catalog,
        [
            ["Sydney Co", "Australia/Sydney", "AU", "NSW"],
            ["Brisbane Co", "Australia/Brisbane", "AU", "QLD"],
            ["Munich Co", "Europe/Berlin", "DE", "BY"],
        ],
        [
            ("syd", "Sydney Co", SYDNEY_OPENED),
            ("bne", "Brisbane Co", "2026-12-24 06:00"),
            ("muc", "Munich Co", "2026-01-05 15:00"),
        ],
        holidays=[
            [date(2026, 12, 29), "Company shutdown", "AU", "New South Wales", ""],  # NSW only
            [date(2026, 1, 6), "Epiphany", "DE", "BY", "Open"],  # this customer works on Epiphany
        ],
    )
    assert due["syd"] == local("2026-12-30 12:00", "Australia/Sydney")  # the 28th (package) and 29th (book)
    assert due["bne"] == local("2026-12-29 12:00", "Australia/Brisbane")  # Queensland: not the shutdown
    assert due["muc"] == local("2026-01-06 12:00", "Europe/Berlin")  # Epiphany opened: as in Berlin
    bavaria = result.holiday_calendars["DE-BY"]
    assert [c.describe() for c in bavaria.opened] == ["Epiphany, Bayern"]
    assert date(2026, 1, 6) not in bavaria.closed_days and date(2026, 6, 4) in bavaria.closed_days
    shutdown = result.holiday_calendars["AU-NSW"].closures_between(date(2026, 12, 29), date(2026, 12, 29))
    assert [c.describe() for c in shutdown] == ["Company shutdown, holiday table"]


def test_book_holiday_row_with_an_unknown_state_is_not_used(tmp_path: Path, catalog: Catalog) -> None:
    book, _, due = judged(
        tmp_path,
        catalog,
        [["Sydney Co", "Australia/Sydney", "AU", "NSW"]],
        [("syd", "Sydney Co", SYDNEY_OPENED)],
        holidays=[[date(2026, 12, 29), "Picnic day", "AU", "Atlantis", ""]],
    )
    assert due["syd"] == NSW_DUE
    [warning] = [f for f in book.findings if "Picnic day" in f.message]
    assert warning.severity is Severity.WARNING and warning.message.endswith("the row is not used.")


def test_calendars_are_built_once_per_country_and_state(catalog: Catalog) -> None:
    from explorer.sla.calendars import _package_closures

    from ..benchmarks.sla_data import million_case_book

    book = million_case_book(5_000, 100)
    places = [
        ("Australia/Sydney", "AU", "NSW"),
        ("Australia/Melbourne", "AU", "VIC"),
        ("America/New_York", "US", ""),
        ("America/Chicago", "US", ""),
        ("Europe/Berlin", "DE", "BY"),
        ("Europe/Berlin", "DE", ""),
    ]
    book.contracts = [
        replace(c, time_zone=zone, country=country, subdivision=state)
        for i, c in enumerate(book.contracts)
        for zone, country, state in [places[i % len(places)]]
    ]
    _package_closures.cache_clear()
    first = evaluate(book, catalog, AS_OF)
    built = _package_closures.cache_info().misses
    assert built == len(first.holiday_calendars) >= 3  # one per (country, state) in use, for 5,000 cases
    assert "AU-NSW" in first.holiday_calendars
    evaluate(book, catalog, AS_OF)
    assert _package_closures.cache_info().misses == built  # the next evaluation builds nothing


@pytest.mark.parametrize("text", ["NSW", "nsw", "AU-NSW", "New South Wales", "new south wales"])
def test_spellings_of_a_state(text: str, catalog: Catalog) -> None:
    from explorer.sla.subdivisions import resolve_subdivision

    assert resolve_subdivision("AU", text, catalog) == ("NSW", None)


def test_the_states_a_problem_names_are_states_not_the_cities_the_package_also_files(catalog: Catalog) -> None:
    """The holidays package files Augsburg (its own Peace Festival) among Germany's subdivisions: it is still read,
    but the list of valid states no longer names a city (nor France's school zones)."""
    from explorer.sla.subdivisions import resolve_subdivision

    code, problem = resolve_subdivision("DE", "Atlantis", catalog)
    assert code == "" and problem is not None and "BY (Bayern)" in problem and "Augsburg" not in problem
    assert resolve_subdivision("DE", "Augsburg", catalog) == ("Augsburg", None)
    assert "Zone A" not in (resolve_subdivision("FR", "Atlantis", catalog)[1] or "Zone A")
