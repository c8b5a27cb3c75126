"""A case dated inside a term's window in UTC but opened on another term's day where the customer is (trust7 #5).

*This term* rightly leaves it out (README: the cases its term judged, by the customer's own day), but "no case was
opened in this window" read as false beside the Cases page's UTC date: the SLA tab and the renewal brief say why.
"""

from __future__ import annotations

import html
from datetime import date

import pytest

from explorer.app import periods
from explorer.app.renewal import brief_for
from explorer.app.session import Session, open_session
from explorer.outputs.renewal import brief_html

from ..files import CASE_HEADER, write_csv

AS_OF = date(2026, 12, 8)
CONTRACTS = [
    ["Keep Co", "Okta", "Premier", "2025-12-01", "2026-11-30", "AMER", "America/New_York", "US", "", "", ""],
    ["Keep Co", "Okta", "Premier", "2026-12-01", "2027-11-30", "AMER", "America/New_York", "US", "", "", ""],
    # as of 2026-11-20, the next term starts the day after (Sydney): a case of its first morning is dated before
    ["East Co", "Okta", "Premier", "2025-11-21", "2026-11-20", "APAC", "Australia/Sydney", "AU", "", "", ""],
    ["East Co", "Okta", "Premier", "2026-11-21", "2027-11-20", "APAC", "Australia/Sydney", "AU", "", "", ""],
]
CASES = [
    # 2026-12-01 04:00 UTC is 2026-11-30 23:00 in New York: the previous term's
    ["KC-1", "Keep Co", "Okta", "P1", "2026-12-01 04:00", "2026-12-01 05:30", "production"],
    # 2026-11-20 20:00 UTC is 2026-11-21 07:00 in Sydney: the next term's
    ["EC-1", "East Co", "Okta", "P1", "2026-11-20 20:00", "2026-11-20 20:30", "production"],
]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    folder = tmp_path_factory.mktemp("elsewhere")
    book = write_csv(folder / "book.csv", rows=CONTRACTS)
    cases = write_csv(folder / "cases.csv", rows=CASES, header=CASE_HEADER)
    return open_session([book, cases], AS_OF)


def test_a_case_of_the_previous_term_by_the_customers_day_is_said(session: Session) -> None:
    sheet = session.sheet("keep co")
    assert sheet is not None and sheet.cases is not None
    window = sheet.window(periods.TERM)
    assert window.label == "This term (2026-12-01 – 2026-12-08)" and window.cases(sheet.cases).empty  # rightly left out
    assert window.elsewhere(sheet.cases)["case_id"].tolist() == ["KC-1"]
    assert periods.elsewhere_words(window, sheet.cases) == (
        "1 case opened on these dates in UTC belongs to the previous term: it opened 2026-11-30 in the customer's "
        "time zone (America/New_York)."
    )
    brief = brief_for(session, "keep co")
    assert brief is not None
    said = (
        "No cases in the term. 1 case opened on the term's dates in UTC belongs to the previous term: it opened "
        "2026-11-30 in the customer's time zone (America/New_York)."
    )
    assert brief.months_note == said and html.escape(said) in brief_html(brief, chart=False)


def test_a_case_of_the_next_term_by_the_customers_day_is_said(session: Session) -> None:
    sheet = session.with_as_of(date(2026, 11, 20)).sheet("east co")
    assert sheet is not None and sheet.cases is not None
    window = sheet.window(periods.TERM)
    assert window.label == "This term (2025-11-21 – 2026-11-20)" and window.cases(sheet.cases).empty
    assert periods.elsewhere_words(window, sheet.cases) == (
        "1 case opened on these dates in UTC belongs to the next term: it opened 2026-11-21 in the customer's "
        "time zone (Australia/Sydney)."
    )


def test_a_window_of_utc_days_has_nothing_elsewhere(session: Session) -> None:
    sheet = session.sheet("keep co")
    assert sheet is not None and sheet.cases is not None
    window = sheet.window(periods.recent())
    assert window.elsewhere(sheet.cases).empty and periods.elsewhere_words(window, sheet.cases) == ""
    assert window.cases(sheet.cases)["case_id"].tolist() == ["KC-1"]
