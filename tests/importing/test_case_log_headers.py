"""A help desk's export a new user brought (new user round 5): 'Opened On', '1st Reply At' and 'Org' were not read,
so the log was refused; and what the log lacked was said one field at a time: check named the opening, map the
first response, and with that mapped check named the customer."""

from __future__ import annotations

from pathlib import Path

from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.mapper import proposed_mappings
from explorer.model import Severity

from ..files import write_csv

BOOK_HEADER = ["Customer", "Product", "Support Tier", "Start", "End", "Time Zone"]
LINES = [
    "Support desk ticket export - generated 12/8/2026",
    "All times are in Pacific Time (US & Canada)",
]


def _book(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "book.csv",
        header=BOOK_HEADER,
        rows=[["Northwind Traders", "Okta", "Premier", "2026-01-01", "2026-12-31", "America/Los_Angeles"]],
    )


def _log(tmp_path: Path, header: str) -> Path:
    path = tmp_path / "tickets.csv"
    rows = [
        "88001,Northwind Traders,okta,Sev 1 - Urgent,12/3/2026 9:15 AM,12/3/2026 10:30 AM",
        "88002,Northwind Traders,Okta,High,11/30/2026 4:00 PM,12/1/2026 8:00 AM",
    ]
    path.write_text("\n".join([*LINES, header, *rows]) + "\n", "utf-8")
    return path


def test_opened_on_first_reply_at_written_1st_and_org_are_read(tmp_path: Path) -> None:
    book = load_book([_book(tmp_path)], [_log(tmp_path, "Ticket #,Org,Product line,Sev,Opened On,1st Reply At")])
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    assert book.cases is not None and book.cases["case_id"].tolist() == ["88001", "88002"]
    assert book.cases["customer"].tolist() == ["Northwind Traders"] * 2
    # 9:15 AM Pacific is 17:15 UTC: the line above the header gives the zone
    assert [f"{t:%Y-%m-%d %H:%M}" for t in book.cases["opened"]] == ["2026-12-03 17:15", "2026-12-01 00:00"]


def test_a_log_lacking_its_customer_and_first_response_is_told_both_at_once(tmp_path: Path) -> None:
    log = _log(tmp_path, "Ticket #,Where,Product line,Sev,Created,Answer")
    book = load_book([_book(tmp_path)], [log])
    (error,) = [f.message for f in book.findings if f.severity is Severity.ERROR]
    assert "has no customer column (nor a requester email to find the customer by) and no first-response column" in error
    assert "Map the column that names the customer and the one that holds the first response" in error
    text, _ = proposed_mappings([str(log)], [], default_catalog())
    assert "#   not found: customer, " in text and ", first_response, " in text
