"""The clock with state and provincial holidays agrees with the minute-stepping reference clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.catalog import Catalog, default_catalog
from explorer.sla.calendars import OpenHours, holiday_calendar, open_hours

from .reference_clock import reference_due, reference_minutes_between

# (zone, country, subdivision): states whose days differ from their nation's, in both hemispheres.
PLACES = [
    ("Australia/Sydney", "AU", "NSW"),
    ("Australia/Melbourne", "AU", "VIC"),
    ("Europe/Berlin", "DE", "BY"),
    ("America/Los_Angeles", "US", "CA"),
    ("America/Toronto", "CA", "ON"),
    ("Europe/Zurich", "CH", "ZH"),
    ("Asia/Kolkata", "IN", "MH"),
]


def regional_hours(catalog: Catalog, zone: str, country: str, state: str) -> tuple[OpenHours, set[date]]:
    closed = set(holiday_calendar(country, state, 2025, 2027).closed_days)
    return open_hours(catalog.calendars["business-hours"], zone, closed, date(2024, 12, 1), date(2028, 2, 1)), closed


def engine_due(hours: OpenHours, opened: datetime, minutes: int) -> datetime:
    start = np.array([int(opened.timestamp())])
    due, _ = hours.clock(start, np.array([minutes * 60]), start)
    return datetime.fromtimestamp(int(due[0]), tz=opened.tzinfo)


@pytest.mark.parametrize(("zone", "country", "state"), PLACES[:5])
def test_every_regional_holiday_of_2025_to_2027(zone: str, country: str, state: str) -> None:
    """Opened at 16:00 on the weekday before each of the state's own weekday holidays, 4 business hours."""
    catalog = default_catalog()
    calendar = catalog.calendars["business-hours"]
    hours, closed = regional_hours(catalog, zone, country, state)
    national = holiday_calendar(country, "", 2025, 2027).closed_days
    own = sorted(d for d in closed - national if d.weekday() < 5)
    assert own, f"{country}-{state} has no day of its own"
    tz = ZoneInfo(zone)
    for day in own:
        before = day - timedelta(days=3 if day.weekday() == 0 else 1)
        opened = datetime.combine(before, time(16), tz)
        expected = reference_due(opened.astimezone(ZoneInfo("UTC")), 240, calendar, zone, closed)
        assert engine_due(hours, opened, 240) == expected, f"{country}-{state} {day}"
        assert expected.astimezone(tz).date() > day  # the state's holiday really was skipped


cases = st.tuples(
    st.sampled_from(PLACES),
    st.datetimes(datetime(2025, 1, 1), datetime(2027, 11, 30)),
    st.sampled_from([1, 60, 240, 480, 481, 720, 1440]),
)


@settings(max_examples=80, deadline=None)
@given(cases)
def test_regional_clock_agrees_with_reference(case: tuple[tuple[str, str, str], datetime, int]) -> None:
    (zone, country, state), naive, minutes = case
    catalog = default_catalog()
    hours, closed = regional_hours(catalog, zone, country, state)
    opened = naive.replace(second=0, microsecond=0, tzinfo=ZoneInfo("UTC"))
    assert engine_due(hours, opened, minutes) == reference_due(opened, minutes, catalog.calendars["business-hours"], zone, closed)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PLACES), st.datetimes(datetime(2025, 1, 1), datetime(2027, 11, 30)), st.integers(0, 4 * 1440))
def test_regional_minutes_between_agree(place: tuple[str, str, str], naive: datetime, span: int) -> None:
    zone, country, state = place
    catalog = default_catalog()
    hours, closed = regional_hours(catalog, zone, country, state)
    start = naive.replace(second=0, microsecond=0, tzinfo=ZoneInfo("UTC"))
    end = start + timedelta(minutes=span)
    _, used = hours.clock(np.array([int(start.timestamp())]), np.array([60]), np.array([int(end.timestamp())]))
    assert used[0] == 60 * reference_minutes_between(start, end, catalog.calendars["business-hours"], zone, closed)
