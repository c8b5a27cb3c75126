"""Case logs as other tools write their times: a stamp split into a day and a time-of-day column (Salesforce
reports), counts with a decimal comma (German and French exports), counts in milliseconds (Kustomer), pandas'
NaT for no response, and priorities written as a level with its scheme's word ('Severity 3 - Normal')."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from explorer import clock
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.day_and_time import clock_text, joined
from explorer.model import Book, Severity
from explorer.sla.engine import evaluate

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "files"
BOOK = CORPUS / "companion_contracts.csv"  # Acme Corp: Okta Premier Plus (P1 within 1 h, around the clock)


def read_log(tmp_path: Path, text: str, name: str = "log.csv", encoding: str = "utf-8") -> Book:
    path = tmp_path / name
    path.write_text(text, encoding)
    return load_book([BOOK], case_files=[path])


def responses(book: Book) -> dict[str, pd.Timestamp]:
    assert book.cases is not None
    return dict(zip(book.cases["case_id"], book.cases["first_response"], strict=True))


def outcomes(book: Book) -> dict[str, str]:
    result = evaluate(book, default_catalog(), clock.now()).cases
    return dict(zip(result["case_id"], result["outcome"].astype(str), strict=True))


def errors(book: Book) -> list[str]:
    return [f.message for f in book.findings if f.severity is Severity.ERROR]


def utc(*parts: int) -> pd.Timestamp:
    return pd.Timestamp(datetime(*parts, tzinfo=UTC))  # type: ignore[misc]


SALESFORCE = (
    "Case Number,Account Name,Product,Priority,Date Opened,Time Opened,First Response Date,First Response Time\n"
    "00001,Acme Corp,Okta,Severity 1 - Critical,11/2/2026,2:00 PM,11/2/2026,2:40 PM\n"
    "00002,Acme Corp,Okta,Severity 1 - Critical,11/3/2026,11:30 PM,11/4/2026,1:15 AM\n"
    "00003,Acme Corp,Okta,Severity 1 - Critical,11/15/2026,9:00 AM,,\n"  # a day over 12: month first
)


def test_a_day_and_its_time_of_day_in_two_columns_are_one_stamp(tmp_path: Path) -> None:
    # Read alone, Date Opened put every case at midnight and every answer at 00:00: all Met, no finding.
    book = read_log(tmp_path, SALESFORCE)
    assert errors(book) == []
    assert book.cases is not None
    opened = dict(zip(book.cases["case_id"], book.cases["opened"], strict=True))
    assert opened["00001"] == utc(2026, 11, 2, 14, 0) and opened["00002"] == utc(2026, 11, 3, 23, 30)
    assert responses(book)["00001"] == utc(2026, 11, 2, 14, 40)
    assert responses(book)["00002"] == utc(2026, 11, 4, 1, 15)  # after midnight: the next day's date
    assert pd.isna(responses(book)["00003"])
    verdicts = outcomes(book)
    assert verdicts["00001"] == "Met" and verdicts["00002"] == "Breached"  # 40 min; 1 h 45 min against 1 h
    said = [f.message for f in book.findings if "time of day beside it" in f.message]
    assert said == [
        "Each day in 'Date Opened' is read with the time of day beside it in 'Time Opened'.",
        "Each day in 'First Response Date' is read with the time of day beside it in 'First Response Time'.",
    ]


def test_day_and_time_cells_of_a_workbook_are_one_stamp(tmp_path: Path) -> None:
    path = tmp_path / "cases.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Case Number", "Account Name", "Product", "Priority", "Date Opened", "Time Opened", "First Response"])
    ws.append(["7", "Acme Corp", "Okta", "P1", datetime(2026, 11, 2), time(14, 0), datetime(2026, 11, 2, 14, 50)])
    ws.cell(2, 5).number_format, ws.cell(2, 6).number_format = "yyyy-mm-dd", "h:mm AM/PM"
    wb.save(path)
    book = load_book([BOOK], case_files=[path])
    assert errors(book) == [] and book.cases is not None
    assert book.cases["opened"].iloc[0] == utc(2026, 11, 2, 14, 0)
    assert outcomes(book)["7"] == "Met"


def test_a_duration_beside_a_full_stamp_is_not_taken_for_a_time_of_day() -> None:
    stamps = pd.Series(["2026-11-02 14:00", "2026-11-03 15:00"], dtype=object)
    assert joined(stamps, pd.Series(["0:40", "2:30"], dtype=object)) is None  # the stamp has its time already
    assert joined(pd.Series(["11/2/2026"], dtype=object), pd.Series(["40 min"], dtype=object)) is None
    assert [clock_text(v) for v in ("2:40 PM", "12:05 am", "14:40:05", "25:10", "13:00 PM", "9:15 PM PST")] == [
        "14:40:00",
        "00:05:00",
        "14:40:05",
        None,
        None,
        "21:15:00 PST",
    ]


def test_minutes_with_a_decimal_comma_are_minutes(tmp_path: Path) -> None:
    # A German export: '40,5' was read as 405 minutes, so every case breached, with no finding.
    text = (
        "Ticket-Nr.;Kunde;Produkt;Priorität;Erstellt am;Erste Antwort (Min.)\n"
        "1;Acme Corp;Okta;Dringend;02.11.2026 14:00;40,5\n"
        "2;Acme Corp;Okta;Dringend;03.11.2026 14:00;1.150,0\n"
        "3;Acme Corp;Okta;Dringend;04.11.2026 14:00;\n"
    )
    book = read_log(tmp_path, text, encoding="cp1252")
    assert errors(book) == []
    start = utc(2026, 11, 2, 14, 0)  # a log without a zone is read in UTC (the catalog default)
    assert responses(book)["1"] == start + pd.Timedelta(minutes=40.5)
    assert responses(book)["2"] == start + pd.Timedelta(days=1, minutes=1150)
    assert outcomes(book)["1"] == "Met" and outcomes(book)["2"] == "Breached"


def test_a_thousands_comma_is_still_a_thousands_comma(tmp_path: Path) -> None:
    text = 'Ticket ID,Organization,Priority,Created at,First reply time in minutes\n1,Acme Corp,P1,2026-03-02T10:00Z,"1,500"\n'
    assert responses(read_log(tmp_path, text))["1"] == utc(2026, 3, 2, 10) + pd.Timedelta(minutes=1500)


@pytest.mark.parametrize(
    ("header", "value", "minutes"),
    [
        ("First Response Time (ms)", "2400000", 40),
        ("First response time (sec)", "2400", 40),
        ("First response time (hrs)", "2", 120),
        # a unit named as a word of the header, not in brackets: a Tableau view's computed column, a German export
        ("Hours to First Response", "3.00", 180),
        ("First Reply (hours)", "1.5", 90),
        ("Minutes to first reply", "3", 3),
        ("Stunden bis zur ersten Antwort", "2", 120),
    ],
)
def test_a_count_in_the_unit_its_header_names(tmp_path: Path, header: str, value: str, minutes: int) -> None:
    text = f"Conversation Id,Company Name,Priority,Created At,{header}\nc1,Acme Corp,urgent,2026-11-02T14:00:00.000Z,{value}\n"
    book = read_log(tmp_path, text)
    assert errors(book) == []
    assert responses(book)["c1"] == utc(2026, 11, 2, 14, 0) + pd.Timedelta(minutes=minutes)


def test_a_count_whose_header_names_no_unit_is_said_to_be_read_as_minutes(tmp_path: Path) -> None:
    text = "Conversation Id,Company Name,Priority,Created At,Erste Antwort Zeit\nc1,Acme Corp,urgent,2026-11-02T14:00:00Z,3\n"
    book = read_log(tmp_path, text)
    assert responses(book)["c1"] == utc(2026, 11, 2, 14, 3)
    said = [f for f in book.findings if f.severity is Severity.WARNING and f.column == "Erste Antwort Zeit"]
    assert len(said) == 1 and "neither its header nor its numbers say the unit" in said[0].message


def test_pandas_nat_is_no_response_yet_not_an_error(tmp_path: Path) -> None:
    text = (
        "case_id,account_name,product,priority,created_at,first_response_time\n"
        "CS-1,Acme Corp,okta,1,2026-11-02 14:00:00+00:00,0 days 00:40:00\n"
        "CS-2,Acme Corp,okta,1,2026-11-03 14:00:00+00:00,NaT\n"
    )
    book = read_log(tmp_path, text)
    assert errors(book) == []
    assert responses(book)["CS-1"] == utc(2026, 11, 2, 14, 40) and pd.isna(responses(book)["CS-2"])


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("Severity 3 - Normal", 3),
        ("S3 - Normal", 3),
        ("Severity 3 (Normal)", 3),
        ("Severity One", 1),
        ("P1 (Urgent)", 1),
        ("P1 - Production down", 1),
        ("Priority: 2", 2),
        ("Level 4 \u2013 Low", 4),
        ("Severity 2 - Urgent", None),  # the number and the word disagree: which was meant is not known
        ("3 days", None),
        ("Severity 6", None),
    ],
)
def test_a_priority_written_as_a_level_and_its_word(written: str, level: int | None) -> None:
    assert default_catalog().priority_for(written) == level
