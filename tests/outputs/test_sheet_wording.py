"""The entitlement sheet says each fact once and as the report counts it (probe5: a pending case, a done-mark, two errors)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from explorer.app.session import open_session
from explorer.outputs.entitlement import sheet_html
from explorer.paths import resource_path

from ..files import write_csv


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


def test_a_case_still_open_is_not_counted_as_on_time(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Term Start", "Term End"],
        rows=[["Chain Co", "Okta", "Premier", "2025-03-31", "2027-03-30"]],
    )
    cases = write_csv(
        tmp_path / "cases.csv",
        header=["Case Number", "Account Name", "Product", "Priority", "Created Date (UTC)", "First Response (UTC)"],
        rows=[
            ["E014", "Chain Co", "Okta", "P2", "2026-03-20T10:00:00Z", "2026-03-20T10:30:00Z"],  # met
            ["E015", "Chain Co", "Okta", "P2", "2026-03-30T22:30:00Z", ""],  # due 00:30 the next day: pending at 23:59:59
        ],
    )
    sheet = open_session([book, cases], date(2026, 3, 30)).sheet("chain co")
    assert sheet is not None
    page = text(sheet_html(sheet))
    assert "P2 100.0% of 1 (1 open)" in page  # met / (met + breached), as the report's Compliance % (README)


def test_a_done_mark_and_two_errors_are_each_said_once() -> None:
    session = open_session([resource_path("sample/contracts.xlsx")], date(2027, 1, 20))
    late = session.overview.key_dates[session.overview.key_dates["overdue"].astype(bool)].iloc[0]
    sheet = session.sheet(str(late["key"]))
    assert sheet is not None
    line = next(d for d in sheet.dates if d.overdue and d.date.event == late["event"])
    session.workspace.set_mark(line.key, done=True)
    marked = session.with_marks(line.key.customer).sheet(line.key.customer)
    assert marked is not None
    page = text(sheet_html(marked))
    assert "Done (marked " in page and "(marked done)" not in page
    overreach = session.sheet("overreach media")
    assert overreach is not None
    draft = text(sheet_html(overreach))
    assert "DRAFT" in draft and ".;" not in draft  # each error a sentence of its own


def test_a_term_not_started_says_what_it_will_include(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Term Start", "Term End", "Dedicated CSE"],
        rows=[["Soon Co", "Okta", "Premier Plus", "2027-01-01", "2027-12-31", "yes"]],
    )
    sheet = open_session([book], date(2026, 12, 6)).sheet("soon co")
    assert sheet is not None
    page = text(sheet_html(sheet))
    assert "Okta Premier Plus starts 2027-01-01: nothing is included on this day. The program will include:" in page
    assert "CSE mobilization. Until 2027-04-01: A Customer Success Manager is provided." in page  # a sentence, ended
