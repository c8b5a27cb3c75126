"""The report records the holiday data that judged its cases: package version, calendars, days, choices."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from explorer.cli import main

from ..files import CASE_HEADER, write_csv

HEADER = ["Customer", "Product", "Tier", "Start", "End", "Time Zone", "Country", "State"]
BOOK = [
    ["Sydney Co", "Okta", "Basic", "2026-01-01", "2027-12-31", "Australia/Sydney", "AU", ""],
    ["Munich Co", "Okta", "Basic", "2026-01-01", "2027-12-31", "Europe/Berlin", "DE", "Bavaria"],
    ["Gotham Inc", "Okta", "Basic", "2026-01-01", "2027-12-31", "America/New_York", "US", ""],
]
CASES = [
    ["S-1", "Sydney Co", "Okta", "P1", "2026-12-24 05:00", "", ""],
    ["M-1", "Munich Co", "Okta", "P1", "2026-12-01 09:00", "2026-12-01 09:30", ""],
    ["G-1", "Gotham Inc", "Okta", "P1", "2026-12-20 15:00", "2026-12-21 15:00", ""],
]


def test_summary_records_package_calendars_and_days(tmp_path: Path) -> None:
    book = write_csv(tmp_path / "book.csv", rows=BOOK, header=HEADER)
    cases = write_csv(tmp_path / "cases.csv", rows=CASES, header=CASE_HEADER)
    out = tmp_path / "report.xlsx"
    assert main(["report", str(book), "--cases", str(cases), "--as-of", "2027-01-15", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    summary = [[c.value for c in r] for r in wb["Summary"].iter_rows()]
    data = next(r for r in summary if r[0] == "Data")[1]
    assert data.startswith("The holidays package 0.109. From 2026-12-01 to 2026-12-29 (first case opened to last due")
    assert (
        "New South Wales, Australia (AU-NSW): 3 holidays; Bayern, Germany (DE-BY): 2 holidays; "
        "United States (US): 1 holiday; each day is listed on the Holidays sheet."
    ) in data
    holidays = [[c.value for c in r] for r in wb["Holidays"].iter_rows()]
    assert holidays == [
        ["Calendar", "Date", "Holiday", "Whose", "Status"],
        ["New South Wales, Australia (AU-NSW)", datetime(2026, 12, 25), "Christmas Day", "Australia", "Closed"],
        ["New South Wales, Australia (AU-NSW)", datetime(2026, 12, 26), "Boxing Day", "Australia", "Closed"],
        ["New South Wales, Australia (AU-NSW)", datetime(2026, 12, 28), "Boxing Day (observed)", "New South Wales", "Closed"],
        ["Bayern, Germany (DE-BY)", datetime(2026, 12, 25), "Christmas Day", "Germany", "Closed"],
        ["Bayern, Germany (DE-BY)", datetime(2026, 12, 26), "Second Day of Christmas", "Germany", "Closed"],
        ["United States (US)", datetime(2026, 12, 25), "Christmas Day", "United States", "Closed"],
    ]
    texts = [str(r[1]) for r in summary if r[1]]
    assert any("Gotham Inc (US, America/New_York)" in t for t in texts)  # kept the national calendar, and says so
    assert not any("Sydney Co (AU" in t for t in texts)  # New South Wales came from its time zone
    contracts = [[c.value for c in r] for r in wb["Contracts"].iter_rows()]
    column = contracts[0].index("Public Holidays")
    assert {r[0]: r[column] for r in contracts[1:]} == {
        "Sydney Co": "New South Wales, Australia (AU-NSW)",
        "Munich Co": "Bayern, Germany (DE-BY)",
        "Gotham Inc": "United States (US)",
    }


def test_an_opened_day_is_listed_as_open(tmp_path: Path) -> None:
    from datetime import date

    book_file = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active.append(BOOK[1])
    holidays = wb.create_sheet("Holidays")
    holidays.append(["Date", "Holiday", "Country", "State", "Status"])
    holidays.append([date(2026, 12, 26), "Second Day of Christmas", "DE", "", "working day"])
    wb.save(book_file)
    cases = write_csv(
        tmp_path / "cases.csv", rows=[["M-2", "Munich Co", "Okta", "P1", "2026-12-24 15:00", "", ""]], header=CASE_HEADER
    )
    out = tmp_path / "report.xlsx"
    assert main(["report", str(book_file), "--cases", str(cases), "--as-of", "2027-01-15", "-o", str(out)]) == 0
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out)["Holidays"].iter_rows(min_row=2)]
    assert rows == [
        ["Bayern, Germany (DE-BY)", datetime(2026, 12, 25), "Christmas Day", "Germany", "Closed"],
        ["Bayern, Germany (DE-BY)", datetime(2026, 12, 26), "Second Day of Christmas", "Germany", "Open (holiday table)"],
    ]  # opened Thursday the 24th, due Monday the 28th


def test_public_holidays_names_a_calendar_only_for_clocks_that_close_on_holidays(tmp_path: Path) -> None:
    # trust round 7 #7: a 24x7 or Auth0 contract's cell named a holiday calendar its clocks never close on.
    import copy

    import tomli_w

    from ..catalogs import catalog_data

    rows = [
        ["Syd Premier Co", "Okta", "Premier", "2026-01-01", "2027-12-31", "Australia/Sydney", "AU", ""],
        ["Tokyo Co", "Auth0", "Enterprise", "2026-01-01", "2027-12-31", "Asia/Tokyo", "JP", ""],
        ["Auth0 Prem Co", "Auth0", "Premier", "2026-01-01", "2027-12-31", "America/New_York", "US", ""],
        *BOOK[:1],
    ]
    book = write_csv(tmp_path / "book.csv", rows=rows, header=HEADER)
    out = tmp_path / "report.xlsx"
    assert main(["report", str(book), "--as-of", "2026-12-04", "-o", str(out)]) == 0
    contracts = [[c.value for c in r] for r in openpyxl.load_workbook(out)["Contracts"].iter_rows()]
    column = contracts[0].index("Public Holidays")
    assert {r[0]: r[column] for r in contracts[1:]} == {
        "Syd Premier Co": "– (24x7: holidays do not pause the clock)",
        "Tokyo Co": "– (P1 24x7x365; P2–P4 Mon–Fri 24h local: holidays do not pause these clocks)",
        "Auth0 Prem Co": "– (24x7x365: holidays do not pause the clock)",
        "Sydney Co": "New South Wales, Australia (AU-NSW)",
    }
    # A program that mixes clocks (decided by the catalog's calendars, not by its name): the holidays are its
    # business-hours priorities'.
    data = copy.deepcopy(catalog_data())
    data["programs"]["okta-premier"]["targets"] = {
        "1": [60, "24x7"],
        "2": [240, "business-hours"],
        "3": [480, "business-hours"],
        "4": [960, "business-hours"],
    }
    catalog = tmp_path / "mixed.toml"
    catalog.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert main(["report", str(book), "--catalog", str(catalog), "--as-of", "2026-12-04", "-o", str(out)]) == 0
    contracts = [[c.value for c in r] for r in openpyxl.load_workbook(out)["Contracts"].iter_rows()]
    assert {r[0]: r[column] for r in contracts[1:]}["Syd Premier Co"] == (
        "New South Wales, Australia (AU-NSW) for P2–P4 Mon–Fri 9–17 local; P1 24x7: holidays do not pause the clock"
    )
