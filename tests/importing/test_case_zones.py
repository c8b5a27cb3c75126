"""A case log's per-row zone column (speed tryout 8): Excel date cells in each row's local time, with a 'Time Zone'
column beside them (America/New_York, Europe/Berlin, ...). It was kept and not used, so local times were read as UTC:
case 500000, opened 16:49 in New York (20:49 UTC), was read as 16:49 UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from explorer.catalog import default_catalog
from explorer.cli import main
from explorer.importing.book import load_book
from explorer.importing.case_zones import case_zone
from explorer.model import Book, Severity
from explorer.sla.engine import evaluate

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "files"
BOOK = CORPUS / "companion_contracts.csv"  # Acme Corp: Okta Premier Plus, P1 in 60 min 24x7
HEADER = ["Case Number", "Account Name", "Product", "Priority", "Date/Time Opened", "First Response", "Time Zone"]


def excel_log(tmp_path: Path, rows: list[tuple[object, ...]], header: list[str] = HEADER) -> Path:
    """A log as the tryout's generator wrote it: date cells in local time, the row's zone in the last column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Cases"
    sheet.append(header)
    for i, (opened, responded, zone) in enumerate(rows):
        sheet.append([f"C{i + 1}", "Acme Corp", "Okta", "P1", opened, responded, zone])
    path = tmp_path / "cases.xlsx"
    workbook.save(path)
    return path


def opened_utc(book: Book) -> list[str]:
    assert book.cases is not None
    return [t.strftime("%Y-%m-%d %H:%M") for t in book.cases["opened"]]


def said(book: Book, severity: Severity, words: str) -> list[str]:
    return [f.message for f in book.findings if f.severity is severity and words in f.message]


def test_each_row_is_read_in_its_own_zone(tmp_path: Path) -> None:
    log = excel_log(
        tmp_path,
        [
            (datetime(2026, 8, 1, 16, 49), datetime(2026, 8, 1, 17, 20), "America/New_York"),
            (datetime(2026, 8, 1, 16, 49), datetime(2026, 8, 1, 17, 20), "Europe/Berlin"),
            (datetime(2026, 8, 1, 16, 49), None, "Australia/Sydney"),
            (datetime(2026, 8, 1, 16, 49), None, "UTC"),
            (datetime(2026, 12, 1, 16, 49), None, "America/New_York"),  # winter: EST, five hours
        ],
    )
    book = load_book([BOOK], [log])
    summer = ["2026-08-01 20:49", "2026-08-01 14:49", "2026-08-01 06:49", "2026-08-01 16:49"]
    assert opened_utc(book) == [*summer, "2026-12-01 21:49"]
    assert book.cases is not None and book.cases["first_response"].iloc[0] == pd.Timestamp("2026-08-01 21:20", tz="UTC")
    (info,) = said(book, Severity.INFO, "each row's zone")
    assert info.startswith(
        "Case times read in each row's zone from 'Time Zone' (4 zones: America/New_York, Australia/Sydney, Europe/Berlin, UTC)"
    )
    assert not said(book, Severity.INFO, "not used by the rules")  # the column is no longer kept unread


def test_a_clock_change_day_is_read_as_a_header_zone_is(tmp_path: Path) -> None:
    """The repeated autumn hour is read as its first (daylight) time, the skipped spring hour as the first minute
    after it, each with its warning, as for a log's one zone; the hours around them in their own offsets."""
    log = excel_log(
        tmp_path,
        [
            (datetime(2026, 11, 1, 0, 30), None, "America/New_York"),  # EDT
            (datetime(2026, 11, 1, 1, 30), None, "America/New_York"),  # twice: 05:30 UTC (EDT) or 06:30 (EST)
            (datetime(2026, 11, 1, 3, 0), None, "America/New_York"),  # EST
            (datetime(2026, 3, 8, 2, 30), None, "America/New_York"),  # skipped: 03:00 EDT
            (datetime(2026, 3, 29, 2, 30), None, "Europe/Berlin"),  # skipped in Berlin, three weeks later
            (datetime(2026, 3, 8, 2, 30), None, "Europe/Berlin"),  # an ordinary night in Berlin
        ],
    )
    book = load_book([BOOK], [log])
    assert opened_utc(book) == [
        "2026-11-01 04:30",
        "2026-11-01 05:30",
        "2026-11-01 08:00",
        "2026-03-08 07:00",
        "2026-03-29 01:00",
        "2026-03-08 01:30",
    ]
    warned = said(book, Severity.WARNING, "the clocks")
    assert len(warned) == 3
    assert "happened twice in America/New_York" in warned[0] and "the first is used" in warned[0]
    assert "is a time America/New_York skipped" in warned[1]
    assert "is a time Europe/Berlin skipped" in warned[2]


def test_a_reply_in_the_repeated_hour_before_its_opening_read_first_is_its_second_pass(tmp_path: Path) -> None:
    """Opened 01:30 and answered 01:10 in the hour the clocks repeat: the reply is the second 01:10 (40 minutes
    later), not a response before the opening; a reply whose second reading is still early stays refused, and one
    that holds together read first keeps its first reading."""
    log = excel_log(
        tmp_path,
        [
            (datetime(2026, 11, 1, 1, 30), datetime(2026, 11, 1, 1, 10), "America/New_York"),
            (datetime(2026, 10, 25, 2, 30), datetime(2026, 10, 25, 2, 20), "Europe/Berlin"),
            (datetime(2026, 11, 1, 1, 10), datetime(2026, 11, 1, 1, 30), "America/New_York"),  # holds read first
            (datetime(2026, 11, 1, 3, 0), datetime(2026, 11, 1, 1, 50), "America/New_York"),  # early either way
        ],
    )
    book = load_book([BOOK], [log])
    assert book.cases is not None
    assert [f"{t:%H:%M}" for t in book.cases["first_response"]] == ["06:10", "01:20", "05:30", "05:50"]
    assert book.cases["response_early"].tolist() == [False, False, False, True]
    assert said(book, Severity.WARNING, "the second is used") == [
        "Case C1: '2026-11-01 01:10' happened twice in America/New_York (the clocks went back): 01:10 UTC-0400 = "
        "05:10 UTC or 01:10 UTC-0500 = 06:10 UTC; the second is used, as the first is earlier than the opening time.",
        "Case C2: '2026-10-25 02:20' happened twice in Europe/Berlin (the clocks went back): 02:20 UTC+0200 = "
        "00:20 UTC or 02:20 UTC+0100 = 01:20 UTC; the second is used, as the first is earlier than the opening time.",
    ]
    assert [m.split(":")[0] for m in said(book, Severity.ERROR, "earlier than the opening time")] == ["Case C4"]
    sla = evaluate(book, default_catalog(), pd.Timestamp("2026-12-01", tz=UTC).to_pydatetime())
    assert sla.cases["outcome"].astype(str).tolist() == ["Met", "Met", "Met", "Not evaluated"]


@pytest.mark.parametrize(
    ("written", "zone"),
    [
        ("Eastern Standard Time", "America/New_York"),  # Windows' name, by tzlocal's CLDR table
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"),  # Rails' display name, as Zendesk writes it
        ("EST", "America/New_York"),  # the catalog's abbreviations
        ("CET", "Europe/Berlin"),
        ("america/new_york", "America/New_York"),
        ("+02:00", "+02:00"),  # an offset is a fixed one
        ("UTC-5", "-05:00"),
        ("GMT+1", "+01:00"),
        ("UTC+05:30", "+05:30"),
        ("GMT", "UTC"),  # UTC, not London's summer time
        ("Mars/Olympus", None),
        ("EMEA", None),
    ],
)
def test_zone_spellings(written: str, zone: str | None) -> None:
    assert case_zone(written, default_catalog()) == zone


def test_windows_abbreviation_and_offset_spellings_read_in_a_log(tmp_path: Path) -> None:
    summer = datetime(2026, 8, 1, 16, 49)
    spellings = ["Eastern Standard Time", "EST", "CET", "+02:00", "UTC-5", "GMT+1"]
    book = load_book([BOOK], [excel_log(tmp_path, [(summer, None, z) for z in spellings])])
    # EST as the catalog maps it: New York's zone, daylight saving in August; an offset is fixed all year
    assert opened_utc(book) == [
        "2026-08-01 20:49",
        "2026-08-01 20:49",
        "2026-08-01 14:49",
        "2026-08-01 14:49",
        "2026-08-01 21:49",
        "2026-08-01 15:49",
    ]
    (info,) = said(book, Severity.INFO, "each row's zone")
    assert "'Eastern Standard Time' as America/New_York" in info


def test_an_unknown_zone_warns_once_and_keeps_the_logs_zone(tmp_path: Path) -> None:
    opened = datetime(2026, 8, 1, 16, 49)
    rows = [(opened, None, zone) for zone in ("America/New_York", "Mars/Olympus", "", "Mars/Olympus")]
    book = load_book([BOOK], [excel_log(tmp_path, rows)], case_timezone="Asia/Tokyo")
    assert opened_utc(book) == ["2026-08-01 20:49", "2026-08-01 07:49", "2026-08-01 07:49", "2026-08-01 07:49"]
    (warning,) = said(book, Severity.WARNING, "Mars/Olympus")
    assert warning.startswith("Time zone 'Mars/Olympus' (2 cases, first on row 3) is not a time zone")
    assert "read in Asia/Tokyo" in warning
    (found,) = [f for f in book.findings if f.message == warning]
    assert (found.source.row, found.column) == (3, "Time Zone")
    (info,) = said(book, Severity.INFO, "each row's zone")
    assert "1 row with no zone read in Asia/Tokyo" in info


def test_a_zone_column_of_no_zones_is_not_read(tmp_path: Path) -> None:
    """A sales 'Zone' of regions: one info, not a warning per value; times in the log's zone."""
    opened = datetime(2026, 8, 1, 16, 49)
    header = [*HEADER[:-1], "Zone"]
    book = load_book([BOOK], [excel_log(tmp_path, [(opened, None, "EMEA"), (opened, None, "North")], header)])
    assert opened_utc(book) == ["2026-08-01 16:49", "2026-08-01 16:49"]
    assert said(book, Severity.INFO, "Column 'Zone' names no time zone ('EMEA', 'North')")
    assert not said(book, Severity.WARNING, "EMEA")


def test_a_header_unit_and_a_time_of_its_own_zone_keep_their_zone(tmp_path: Path) -> None:
    """'Date/Time Opened (UTC)' says it of its column: it keeps UTC; the row's zone reads the other column, and a
    time written with its offset keeps it."""
    header = ["Case Number", "Account Name", "Product", "Priority", "Date/Time Opened (UTC)", "First Response", "Time Zone"]
    rows = [
        (datetime(2026, 8, 1, 20, 49), datetime(2026, 8, 1, 17, 20), "America/New_York"),
        (datetime(2026, 8, 1, 20, 49), "2026-08-01T21:20:00Z", "America/New_York"),
    ]
    book = load_book([BOOK], [excel_log(tmp_path, rows, header)])
    assert opened_utc(book) == ["2026-08-01 20:49", "2026-08-01 20:49"]
    assert book.cases is not None
    assert list(book.cases["first_response"]) == [pd.Timestamp("2026-08-01 21:20", tz="UTC")] * 2
    (info,) = said(book, Severity.INFO, "each row's zone")
    assert "'Date/Time Opened (UTC)' in UTC" in info


def test_the_verdict_and_the_explanation_follow_the_rows_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Opened 16:49 New York (20:49 UTC), answered 21:20 UTC: 31 minutes, Met within P1's hour. Read as 16:49 UTC
    it was 4 h 31 min: Breached."""
    log = excel_log(tmp_path, [(datetime(2026, 8, 1, 16, 49), "2026-08-01T21:20:00Z", "America/New_York")])
    book = load_book([BOOK], [log])
    result = evaluate(book, default_catalog(), datetime(2026, 12, 7, tzinfo=UTC)).cases
    assert list(result["outcome"].astype(str)) == ["Met"]
    assert main(["explain", "C1", str(BOOK), "--cases", str(log), "--as-of", "2026-12-07"]) == 0
    out = capsys.readouterr().out
    assert "Opened: 2026-08-01 20:49 UTC" in out and "Outcome: Met" in out


def test_a_contracts_time_zone_stays_the_customers(tmp_path: Path) -> None:
    """A contracts table's Time Zone is the customer's business-hours zone, even beside an ID and a created date."""
    book_path = tmp_path / "contracts.csv"
    book_path.write_text(
        "ID,Created,Customer,Product,Tier,Start,End,Time Zone\n"
        "1,2026-01-02,Acme Corp,Okta,Premier,2026-01-15,2027-01-14,America/New_York\n",
        encoding="utf-8",
    )
    book = load_book([book_path])
    assert [c.time_zone for c in book.contracts] == ["America/New_York"]
    assert not said(book, Severity.INFO, "each row's zone")


def test_a_requesters_time_zone_is_a_persons_not_the_logs(tmp_path: Path) -> None:
    """Zendesk and Freshdesk write the requester's own zone beside times in the account's zone: not read as the
    zone the row's times are written in."""
    header = [*HEADER[:-1], "Requester time zone"]
    log = excel_log(tmp_path, [(datetime(2026, 8, 1, 16, 49), datetime(2026, 8, 1, 17, 0), "America/New_York")], header)
    book = load_book([BOOK], [log])
    assert opened_utc(book) == ["2026-08-01 16:49"]
    assert said(book, Severity.INFO, "Columns kept as they are (not used by the rules): Requester time zone")
