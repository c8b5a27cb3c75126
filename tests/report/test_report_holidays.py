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
