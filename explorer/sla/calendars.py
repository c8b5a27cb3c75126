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
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd

from explorer.catalog import Calendar

Seconds = npt.NDArray[np.int64]
NO_TIME = np.iinfo(np.int64).min  # stands for "no such moment" in int64 second arrays


@lru_cache(maxsize=256)
def public_holidays(country: str, first_year: int, last_year: int) -> frozenset[date]:
    """The public holidays (observed days included) of a country; empty when unknown to `holidays`."""
    import holidays

    if not country:
        return frozenset()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = holidays.country_holidays(country, years=range(first_year, last_year + 1), observed=True)
    except (NotImplementedError, KeyError, AttributeError):
        return frozenset()
    return frozenset(found.keys())


@lru_cache(maxsize=1)
def _supported_countries() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


def has_holiday_data(country: str) -> bool:
    return country in _supported_countries()


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
