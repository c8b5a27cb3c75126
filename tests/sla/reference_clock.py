"""A slow, obviously correct clock: walk real time one minute at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from explorer.catalog import Calendar


def minute_is_open(moment: datetime, calendar: Calendar, zone: ZoneInfo, closed: set[date]) -> bool:
    if calendar.always_open:
        return True
    local = moment.astimezone(zone)
    minute_of_day = local.hour * 60 + local.minute
    return (
        local.weekday() in calendar.days
        and local.date() not in closed
        and calendar.open_minute <= minute_of_day < calendar.close_minute
    )


def reference_due(opened: datetime, target_minutes: int, calendar: Calendar, zone_name: str, closed: set[date]) -> datetime:
    """Count open minutes from ``opened`` (minute-aligned, UTC) until the target is used up."""
    zone = ZoneInfo(zone_name)
    moment, used = opened, 0
    while True:
        if minute_is_open(moment, calendar, zone, closed):
            used += 1
            if used == target_minutes:
                return moment + timedelta(minutes=1)
        moment += timedelta(minutes=1)


def reference_minutes_between(start: datetime, end: datetime, calendar: Calendar, zone_name: str, closed: set[date]) -> int:
    zone = ZoneInfo(zone_name)
    moment, used = start, 0
    while moment < end:
        used += minute_is_open(moment, calendar, zone, closed)
        moment += timedelta(minutes=1)
    return used


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)
