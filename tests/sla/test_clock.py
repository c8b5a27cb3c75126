"""The vectorised clock agrees with the minute-by-minute reference clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from explorer.catalog import Catalog, default_catalog
from explorer.sla.calendars import OpenHours, open_hours, public_holidays

from .reference_clock import reference_due, reference_minutes_between, utc

ZONES = {"America/New_York": "US", "Europe/Berlin": "DE", "Australia/Sydney": "AU", "Asia/Kolkata": "IN", "UTC": ""}


def hours_for(catalog: Catalog, calendar_id: str, zone: str, country: str) -> tuple[OpenHours, set[date]]:
    calendar = catalog.calendars[calendar_id]
    closed = set(public_holidays(country, 2025, 2027)) if calendar.holidays == "country" else set()
    return open_hours(calendar, zone, closed, date(2025, 12, 1), date(2027, 3, 1)), closed


def engine_due(hours: OpenHours, opened: datetime, minutes: int) -> datetime:
    start = np.array([int(opened.timestamp())])
    due, _ = hours.clock(start, np.array([minutes * 60]), start)
    return datetime.fromtimestamp(int(due[0]), tz=opened.tzinfo)


# Around every daylight-saving change of 2026 in both hemispheres, holidays with observed
# days, and plain weeks.
FOCUS = [
    utc(2026, 3, 6),
    utc(2026, 3, 27),
    utc(2026, 4, 2),
    utc(2026, 7, 1),
    utc(2026, 10, 1),
    utc(2026, 10, 23),
    utc(2026, 10, 30),
    utc(2026, 12, 22),
    utc(2026, 5, 22),
]

cases = st.builds(
    lambda base, offset, zone, calendar, minutes: (base + timedelta(minutes=offset), zone, calendar, minutes),
    st.sampled_from(FOCUS),
    st.integers(0, 14 * 24 * 60),
    st.sampled_from(sorted(ZONES)),
    st.sampled_from(["business-hours", "weekdays-24h"]),
    st.sampled_from([1, 30, 60, 120, 240, 479, 480, 481, 720]),
)


@settings(max_examples=120, deadline=None)
@given(cases)
# Opened exactly at opening and at closing time (New York, 09:00 and 17:00 EDT), and on a holiday.
@example((utc(2026, 7, 6, 13, 0), "America/New_York", "business-hours", 60))
@example((utc(2026, 7, 6, 21, 0), "America/New_York", "business-hours", 60))
@example((utc(2026, 7, 3, 14, 0), "America/New_York", "business-hours", 480))
@example((utc(2026, 10, 24, 22, 30), "Europe/Berlin", "weekdays-24h", 720))
def test_engine_agrees_with_reference(case: tuple[datetime, str, str, int]) -> None:
    opened, zone, calendar_id, minutes = case
    catalog = default_catalog()
    hours, closed = hours_for(catalog, calendar_id, zone, ZONES[zone])
    expected = reference_due(opened, minutes, catalog.calendars[calendar_id], zone, closed)
    assert engine_due(hours, opened, minutes) == expected


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(FOCUS), st.integers(0, 10 * 24 * 60), st.integers(0, 3 * 24 * 60), st.sampled_from(sorted(ZONES)))
def test_business_minutes_between_agree(base: datetime, offset: int, span: int, zone: str) -> None:
    catalog = default_catalog()
    hours, closed = hours_for(catalog, "business-hours", zone, ZONES[zone])
    start = base + timedelta(minutes=offset)
    end = start + timedelta(minutes=span)
    _, used = hours.clock(np.array([int(start.timestamp())]), np.array([60]), np.array([int(end.timestamp())]))
    got = used[0]
    assert got == 60 * reference_minutes_between(start, end, catalog.calendars["business-hours"], zone, closed)


def test_worked_example_basic_priority_2_over_independence_day(catalog: Catalog) -> None:
    hours, _ = hours_for(catalog, "business-hours", "America/New_York", "US")
    # Thursday 2026-07-02 20:00 UTC = 16:00 EDT; Friday July 3 is the observed Independence Day.
    assert engine_due(hours, utc(2026, 7, 2, 20, 0), 12 * 60) == utc(2026, 7, 7, 16, 0)


def test_opened_at_closing_time_starts_at_next_opening(catalog: Catalog) -> None:
    hours, _ = hours_for(catalog, "business-hours", "Europe/Berlin", "DE")
    # Monday 2026-07-06 17:00 CEST = 15:00 UTC; one hour later is Tuesday 10:00 CEST.
    assert engine_due(hours, utc(2026, 7, 6, 15, 0), 60) == utc(2026, 7, 7, 8, 0)
    # A target that ends exactly at closing time is due at closing time, not the next morning.
    assert engine_due(hours, utc(2026, 7, 6, 7, 0), 480) == utc(2026, 7, 6, 15, 0)


def test_business_day_is_eight_real_hours_on_changeover(catalog: Catalog) -> None:
    # Sydney leaves daylight saving on Sunday 2026-04-05; Monday opens at 09:00 AEST = 23:00 UTC Sunday.
    hours, _ = hours_for(catalog, "business-hours", "Australia/Sydney", "AU")
    assert engine_due(hours, utc(2026, 4, 3, 12, 0), 480) == utc(2026, 4, 7, 7, 0)  # Good Friday, Easter Monday closed


def test_half_hour_offset_zone(catalog: Catalog) -> None:
    hours, _ = hours_for(catalog, "business-hours", "Asia/Kolkata", "IN")
    # Wednesday 2026-07-01 03:30 UTC = 09:00 IST: four hours later is 13:00 IST = 07:30 UTC.
    assert engine_due(hours, utc(2026, 7, 1, 3, 30), 240) == utc(2026, 7, 1, 7, 30)
