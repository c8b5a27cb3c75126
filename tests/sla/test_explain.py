"""The explanation of a due time: same clock as the engine, held against the minute-stepping reference."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import clock
from explorer.catalog import Catalog, default_catalog
from explorer.importing.book import load_book
from explorer.model import Book, Contract
from explorer.sla.calendars import public_holidays
from explorer.sla.engine import evaluate
from explorer.sla.explain import Explanation, explain

from ..files import write_csv
from .reference_clock import reference_due, utc
from .test_history_cases import log

AS_OF = date(2027, 6, 30)  # after every case the tests open (the latest: 2026-12-22 + 10 days), so none is hidden


def explained(
    program: str,
    zone: str,
    country: str,
    priority: int,
    opened: datetime,
    responded: datetime | None = None,
    product: str = "okta",
) -> tuple[Explanation, pd.Series]:
    contract = Contract("Acme", product, program, date(2025, 1, 1), date(2027, 12, 31), time_zone=zone, country=country)
    book = Book(
        contracts=[contract],
        cases=log([("C-1", "Acme", product, priority, pd.Timestamp(opened), pd.Timestamp(responded) if responded else pd.NaT)]),
    )
    sla = evaluate(book, default_catalog(), clock.end_of_day(AS_OF))
    return explain(book, default_catalog(), sla, "C-1"), sla.cases.iloc[0]


def test_a_case_across_a_weekend(catalog: Catalog) -> None:
    # Friday 2026-07-10 16:00 EDT, Basic P1 (4 business hours): one hour on Friday, three on Monday
    found, row = explained("okta-basic", "America/New_York", "US", 1, utc(2026, 7, 10, 20, 0), utc(2026, 7, 13, 15, 0))
    assert found.due == utc(2026, 7, 13, 16, 0) == row["due"]
    assert [(s.open, s.minutes) for s in found.spans] == [(True, 60), (False, 64 * 60), (True, 180)]
    assert found.spans[1].reasons == ("outside hours", "weekend (Sat 2026-07-11 – Sun 2026-07-12)")
    text = found.text
    assert "Opened: 2026-07-10 20:00 UTC; Fri 2026-07-10 16:00 EDT customer local time" in text
    assert "Contract in force: Acme, Okta Basic, term 2025-01-01 – 2027-12-31" in text
    assert "Priority: P1 ('1', the case's recorded priority)" in text
    assert "Target: first human response within 4 h on the Business hours clock" in text
    assert "zone America/New_York, country US" in text
    assert "Due: 2026-07-13 16:00 UTC; Mon 2026-07-13 12:00 EDT customer local time" in text
    assert "Outcome: Met" in text and "Margin: 1 h early" in text


def test_a_case_across_a_holiday(catalog: Catalog) -> None:
    # Thursday 2026-07-02 16:00 EDT, Basic P2 (12 business hours); Friday 3 July is Independence Day (observed)
    found, row = explained("okta-basic", "America/New_York", "US", 2, utc(2026, 7, 2, 20, 0))
    assert found.due == utc(2026, 7, 7, 16, 0) == row["due"]
    gap = found.spans[1]
    assert not gap.open and gap.reasons[0] == "outside hours"
    assert gap.reasons[1].startswith("Independence Day (observed)") and "Fri 2026-07-03 (holiday)" in gap.reasons[1]
    assert gap.reasons[2] == "weekend (Sat 2026-07-04 – Sun 2026-07-05)"
    assert "Outcome: Breached" in found.text
    assert "late on its clock at the as-of moment, and still unanswered (the as-of moment is 358 days after" in found.text


def test_a_case_across_a_daylight_saving_change(catalog: Catalog) -> None:
    # Friday 2026-10-23 16:00 CEST, Basic P1; Berlin leaves summer time on Sunday 25 October
    found, row = explained("okta-basic", "Europe/Berlin", "DE", 1, utc(2026, 10, 23, 14, 0), utc(2026, 10, 26, 12, 0))
    assert found.due == utc(2026, 10, 26, 11, 0) == row["due"]
    assert found.spans[1].reasons[-1] == "a daylight-saving change (UTC+02:00 to UTC+01:00)"
    assert "Margin: 1 h late" in found.text and "Outcome: Breached" in found.text


def test_an_open_span_across_a_daylight_saving_change_says_so(catalog: Catalog) -> None:
    # Thursday 2026-10-29 22:30 EEST in Cairo, Auth0 Enterprise P2 (2 h, weekdays around the clock); clocks go
    # back at midnight, so the two hours run 22:30 -> 23:30 on the wall clock (probe8 C)
    found, row = explained("auth0-enterprise", "Africa/Cairo", "EG", 2, utc(2026, 10, 29, 19, 30), product="auth0")
    assert found.due == utc(2026, 10, 29, 21, 30) == row["due"]
    assert "Thu 2026-10-29 22:30 → Thu 2026-10-29 23:30  2 h open, counted: across a daylight-saving change " in found.text
    assert "(UTC+03:00 to UTC+02:00); counted in real time" in found.text


def test_around_the_clock_and_not_found(catalog: Catalog) -> None:
    found, row = explained("okta-premier", "Europe/Berlin", "DE", 1, utc(2026, 7, 4, 10, 0), utc(2026, 7, 4, 10, 20))
    assert found.due == utc(2026, 7, 4, 11, 0) and [s.open for s in found.spans] == [True]
    assert "runs without a break, so due = opened + 1 h" in found.text and "Margin: 40 min early" in found.text
    contract = Contract("Acme", "okta", "okta-premier", date(2025, 1, 1), date(2025, 12, 31))
    book = Book(
        contracts=[contract],
        cases=log(
            [("L", "Acme", "okta", 1, utc(2026, 7, 4, 10, 0), pd.NaT), ("F", "Acme", "okta", 1, utc(2027, 7, 4, 10, 0), pd.NaT)]
        ),
    )
    sla = evaluate(book, catalog, clock.end_of_day(AS_OF))
    lapsed = explain(book, catalog, sla, "L")
    assert lapsed.found and "Outcome: No contract in force (listed, not counted in compliance)" in lapsed.text
    assert not explain(book, catalog, sla, "nope").found
    future = explain(book, catalog, sla, "F")
    assert not future.found and "opened after the as-of moment" in future.text


PLACES = {"America/New_York": "US", "Europe/Berlin": "DE", "Australia/Sydney": "AU", "Asia/Kolkata": "IN"}
FOCUS = [utc(2026, 3, 6), utc(2026, 3, 27), utc(2026, 4, 2), utc(2026, 10, 1), utc(2026, 10, 23), utc(2026, 12, 22)]
PROGRAMS = [("okta", "okta-basic"), ("auth0", "auth0-enterprise"), ("okta", "okta-premier")]


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(FOCUS),
    st.integers(0, 10 * 24 * 60),
    st.sampled_from(sorted(PLACES)),
    st.sampled_from(PROGRAMS),
    st.integers(1, 4),
)
def test_explanation_adds_up_to_the_target_and_the_engine_due(
    base: datetime, offset: int, zone: str, program: tuple[str, str], priority: int
) -> None:
    catalog = default_catalog()
    opened = base + timedelta(minutes=offset)
    found, row = explained(program[1], zone, PLACES[zone], priority, opened, product=program[0])
    target = catalog.programs[program[1]].targets[priority]
    calendar = catalog.calendars[target.calendar]
    closed = set(public_holidays(PLACES[zone], 2025, 2027)) if calendar.holidays == "country" else set()
    assert found.open_minutes == target.minutes == found.target_minutes
    assert found.due == row["due"] == reference_due(opened, target.minutes, calendar, zone, closed)
    assert all(s.reasons for s in found.spans if not s.open)  # every closed span says why
    assert all(a.end == b.start for a, b in zip(found.spans, found.spans[1:], strict=False))


def test_an_id_two_help_desks_share_explains_both_cases_in_one_order(tmp_path: Path) -> None:
    """R-3 is Acme's in one log and Initech's in the other: both are explained, named by customer, whatever the order
    the logs are given in."""
    book_file = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Term Start", "Term End"],
        rows=[[name, "Okta", "Premier", "2026-01-01", "2026-12-31"] for name in ("Initech", "Acme")],
    )
    header = ["Case Number", "Account Name", "Product", "Priority", "Created", "First Response"]
    acme = write_csv(
        tmp_path / "acme.csv", header=header, rows=[["R-3", "Acme", "Okta", "P2", "2026-03-03 10:00", "2026-03-03 11:00"]]
    )
    initech = write_csv(
        tmp_path / "initech.csv", header=header, rows=[["R-3", "Initech", "Okta", "P2", "2026-03-03 09:00", "2026-03-03 12:00"]]
    )
    texts = []
    for order in ([acme, initech], [initech, acme]):
        book = load_book([book_file], order)
        found = explain(book, default_catalog(), evaluate(book, default_catalog(), clock.end_of_day(AS_OF)), "R-3")
        assert found.found
        texts.append(found.text)
    assert texts[0] == texts[1]
    lines = texts[0].splitlines()
    assert lines[0] == (
        "Case R-3 names 2 cases (Acme, Okta; Initech, Okta): help desks number their tickets independently, so each is "
        "judged on its own."
    )
    assert [line for line in lines if line.startswith(("Case R-3,", "Outcome"))] == [
        "Case R-3, Acme, Okta (acme.csv, row 2)",
        "Outcome: Met",
        "Case R-3, Initech, Okta (initech.csv, row 2)",
        "Outcome: Breached",
    ]
