"""Support calendars as sorted open intervals in UTC seconds, and the clock over them.

A calendar clock consumes only open time. With open intervals [s_i, e_i) and
C_i the open seconds before s_i, the open time consumed up to t is
F(t) = C_i + clamp(t - s_i, 0, e_i - s_i) for the last s_i <= t. A case opened at
o with target T is due at the first t where F(t) = F(o) + T. Both directions are
one np.searchsorted over all cases at once, so the clock is vectorised and
exact to the second: a case opened while closed starts at the next opening, one
opened exactly at closing time too, and a target ending exactly at closing time
is due at closing time.
"""

from __future__ import annotations

import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
import pandas as pd

from explorer.catalog import Calendar
from explorer.model import Holiday

if TYPE_CHECKING:  # the package loads on first use: `explorer --version` and the GUI start without it
    import holidays

Seconds = npt.NDArray[np.int64]
NO_TIME = np.iinfo(np.int64).min  # stands for "no such moment" in int64 second arrays


@dataclass(frozen=True)
class Closure:
    """One holiday that closes a day of a business-hours calendar, and whose it is."""

    day: date
    name: str  # "Boxing Day (observed)"
    where: str  # "New South Wales" (a state's own day), "Australia" (a national one) or "holiday table" (the book's)

    def describe(self) -> str:
        return f"{self.name}, {self.where}"


@dataclass(frozen=True)
class HolidayCalendar:
    """The closed days of one (country, subdivision): the package's holidays, then the book's table applied.

    Build it with ``holiday_calendar``; ``closures_between`` says which holidays a closed
    span was for, ``skipped`` which ones a clock running between two instants passed over.
    """

    country: str  # ISO 3166 alpha-2, "" when unknown
    subdivision: str  # the package's subdivision code ("NSW", "BY"), "" for the national calendar
    closures: tuple[Closure, ...]  # sorted by day; a day with two holidays has two closures
    opened: tuple[Closure, ...] = ()  # package days the book's table opened again

    @property
    def key(self) -> str:
        """ "AU-NSW", "AU", or "" without a country."""
        return f"{self.country}-{self.subdivision}" if self.subdivision else self.country

    @cached_property
    def closed_days(self) -> frozenset[date]:
        return frozenset(c.day for c in self.closures)

    @cached_property
    def _days(self) -> list[date]:
        return [c.day for c in self.closures]

    def closures_between(self, first: date, last: date) -> list[Closure]:
        """The closures on local days first..last, both included, in day order."""
        return list(self.closures[bisect_left(self._days, first) : bisect_right(self._days, last)])

    def skipped(self, calendar: Calendar, zone: str, start: int, end: int) -> list[Closure]:
        """The holidays a ``calendar`` clock running from ``start`` to ``end`` (UTC epoch seconds) passed over.

        A holiday counts when the hours it closed (its day's would-be opening to
        closing, local time in ``zone``) overlap [start, end): a case opened on a
        holiday evening skipped nothing that day, one opened the day before did.
        """
        if calendar.always_open or end <= start or not self.closures:
            return []
        tz = ZoneInfo(zone)
        first = datetime.fromtimestamp(start, tz).date()
        last = datetime.fromtimestamp(end, tz).date()
        out = []
        for closure in self.closures_between(first, last):
            if closure.day.weekday() not in calendar.days:
                continue  # closed that weekday anyway
            midnight = datetime.combine(closure.day, time(), tz)
            opens = (midnight + timedelta(minutes=calendar.open_minute)).timestamp()
            closes = (midnight + timedelta(minutes=calendar.close_minute)).timestamp()
            if opens < end and closes > start:
                out.append(closure)
        return out


def holiday_calendar(
    country: str, subdivision: str, first_year: int, last_year: int, book: Iterable[Holiday] = ()
) -> HolidayCalendar:
    """The holidays of ``country`` (and ``subdivision``) in the years given, with the book's table applied.

    The package's days (observed days included) come first. A book row for this
    country (or every country) and this subdivision (or the whole country) adds its
    day or renames a package day; a row marked open removes the day. Package data is
    built once per (country, subdivision, years) and cached.
    """
    package = _package_closures(country, subdivision, first_year, last_year)
    by_day: dict[date, list[Closure]] = {}
    for closure in package:
        by_day.setdefault(closure.day, []).append(closure)
    opened: list[Closure] = []
    rows = [
        h
        for h in book
        if h.country in ("", country) and h.subdivision in ("", subdivision) and first_year <= h.day.year <= last_year
    ]
    for h in sorted(rows, key=lambda h: h.opens):  # closing rows first, so an open row wins its day
        if h.opens:
            opened += by_day.pop(h.day, [])
        else:
            by_day[h.day] = [Closure(h.day, h.name or "Holiday", BOOK_TABLE)]
    closures = tuple(c for day in sorted(by_day) for c in by_day[day])
    return HolidayCalendar(country, subdivision, closures, tuple(opened))


BOOK_TABLE = "holiday table"


@lru_cache(maxsize=256)
def _package_closures(country: str, subdivision: str, first_year: int, last_year: int) -> tuple[Closure, ...]:
    found = _package_holidays(country, subdivision, first_year, last_year)
    if not found:
        return ()
    national: Container[date] = (_package_holidays(country, "", first_year, last_year) or frozenset()) if subdivision else found
    from explorer.sla.subdivisions import country_name, subdivision_name

    nation, region = country_name(country), subdivision_name(country, subdivision)
    return tuple(
        Closure(day, name, nation if day in national else region) for day in sorted(found) for name in found.get_list(day)
    )


@lru_cache(maxsize=256)
def _package_holidays(country: str, subdivision: str, first_year: int, last_year: int) -> holidays.HolidayBase | None:
    import holidays

    if not country:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return holidays.country_holidays(
                country, subdiv=subdivision or None, years=range(first_year, last_year + 1), observed=True
            )
    except (NotImplementedError, KeyError, AttributeError):
        return None


@lru_cache(maxsize=256)
def public_holidays(country: str, first_year: int, last_year: int, subdivision: str = "") -> frozenset[date]:
    """The public holidays (observed days included) of a country or one of its subdivisions; empty when unknown."""
    return frozenset(c.day for c in _package_closures(country, subdivision, first_year, last_year))


@lru_cache(maxsize=1)
def _supported_countries() -> frozenset[str]:
    """The ISO codes (alpha-2 and alpha-3) the package has holidays for, from its registry: the same set as
    holidays.list_supported_countries(), which imports every country's module to list its subdivisions too
    (about 0.1-0.5 s of every run)."""
    from holidays.registry import COUNTRIES

    # (class name, alpha-2, alpha-3, then other names: 'UK' for GB, and 'HolidaysAX'-style class aliases)
    return frozenset(code for entry in COUNTRIES.values() for code in entry[1:] if code.isupper() and len(code) <= 3)


def has_holiday_data(country: str) -> bool:
    return country in _supported_countries()


def holidays_version() -> str:
    """The version of the `holidays` package whose data judges the cases (a report records it)."""
    import holidays

    return str(getattr(holidays, "__version__", "unknown"))  # an attribute, so a frozen bundle knows it too


class OpenHours:
    """Sorted, non-overlapping open intervals [starts, ends) in UTC epoch seconds."""

    def __init__(self, starts: Seconds, ends: Seconds) -> None:
        self.starts, self.ends = starts, ends
        lengths = ends - starts
        self.cum_end: Seconds = np.cumsum(lengths)
        self.cum_start: Seconds = self.cum_end - lengths

    def consumed(self, t: Seconds) -> Seconds:
        """F(t): open seconds from the first opening up to each t."""
        if len(self.starts) == 0:
            return np.zeros_like(t)
        i = np.searchsorted(self.starts, t, side="right") - 1
        ic = np.clip(i, 0, None)
        within = np.clip(t - self.starts[ic], 0, self.ends[ic] - self.starts[ic])
        return np.where(i < 0, 0, self.cum_start[ic] + within)

    def moment(self, amount: Seconds) -> Seconds:
        """The first t with F(t) = amount (amount > 0); NO_TIME past the last interval."""
        if len(self.starts) == 0:
            return np.full_like(amount, NO_TIME)
        j = np.searchsorted(self.cum_end, amount, side="left")
        jc = np.clip(j, 0, len(self.starts) - 1)
        return np.where(j >= len(self.starts), NO_TIME, self.starts[jc] + (amount - self.cum_start[jc]))

    def clock(self, opened: Seconds, target: Seconds, stopped: Seconds) -> tuple[Seconds, Seconds]:
        """(due time, open seconds used from opening to ``stopped``) for cases opened at ``opened``."""
        at_opening = self.consumed(opened)
        used: Seconds = np.maximum(self.consumed(stopped) - at_opening, 0)
        return self.moment(at_opening + target), used


def open_hours(calendar: Calendar, zone: str, closed_days: Iterable[date], first: date, last: date) -> OpenHours:
    """The calendar's open intervals for local days first..last in ``zone``.

    Local opening and closing times are converted to UTC one by one, so a business
    day is its real length even on a daylight-saving changeover day.
    """
    days = pd.date_range(first, last, freq="D")
    closed = pd.DatetimeIndex(sorted(closed_days)) if closed_days else pd.DatetimeIndex([])
    keep = np.isin(days.day_of_week, calendar.days) & ~days.isin(closed)
    days = days[keep]
    starts = _local_to_utc_seconds(days + pd.Timedelta(minutes=calendar.open_minute), zone)
    ends = _local_to_utc_seconds(days + pd.Timedelta(minutes=calendar.close_minute), zone)
    return OpenHours(starts, ends)


def _local_to_utc_seconds(local: pd.DatetimeIndex, zone: str) -> Seconds:
    # Wall times that do not exist (spring forward) move forward; repeated ones take the first.
    aware = local.tz_localize(zone, ambiguous=np.ones(len(local), dtype=bool), nonexistent="shift_forward")
    return np.asarray(aware.as_unit("s").asi8, dtype=np.int64)


def day_range(seconds: Seconds, zone_margin_days: int = 2) -> tuple[date, date]:
    lo = pd.Timestamp(int(seconds.min()), unit="s").date() - timedelta(days=zone_margin_days)
    hi = pd.Timestamp(int(seconds.max()), unit="s").date() + timedelta(days=zone_margin_days)
    return lo, hi
