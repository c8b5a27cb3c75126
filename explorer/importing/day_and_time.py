"""A case log that splits a time stamp into a date column and a time-of-day column.

Salesforce reports do (Date Opened and Time Opened, First Response Date and First Response Time), as do
hand-kept logs. Read alone, the date column puts every case at midnight: a response at 14:40 to a case
opened at 14:00 becomes one at 00:00, and every verdict is Met. So where every filled cell of the date
column is a day without a time, and every filled cell of the other column is a time of day, each day is
written with its time and the two are read as one stamp, in the file's own day order and zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from explorer.excel import EXCEL_EPOCH
from explorer.importing.columns import factorize

# 2:40 PM, 14:40, 14:40:05, 2:40:05.250 p.m., then anything after it (a zone: 'PST', '+01:00') kept as written
CLOCK = re.compile(r"^\s*(\d{1,2}):([0-5]\d)(?::([0-5]\d)(?:[.,]\d+)?)?\s*(?:([AaPp])\.?\s*[Mm]\.?(?![A-Za-z]))?(.*)$")
HAS_TIME = re.compile(r"\d:\d")


def is_day(value: object) -> bool:
    """A filled cell holding a day and no time of day: '11/2/2026', a date cell, a datetime at midnight."""
    if isinstance(value, datetime):
        return value.time() == time() and value.tzinfo is None
    if isinstance(value, date):
        return True
    if isinstance(value, str):
        return bool(value.strip()) and HAS_TIME.search(value) is None
    if isinstance(value, float | int) and not isinstance(value, bool):
        return float(value).is_integer()  # an Excel serial day
    return False


def clock_text(value: object) -> str | None:
    """A time of day as 24-hour 'HH:MM:SS' (with whatever followed it in the cell), or None if it is none."""
    seconds: float | None = None
    rest = ""
    if isinstance(value, time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
    elif isinstance(value, datetime) and value.date() in (EXCEL_EPOCH, date(1899, 12, 31), date(1900, 1, 1)):
        seconds = value.hour * 3600 + value.minute * 60 + value.second  # a time cell read as day 0 of Excel
    elif isinstance(value, timedelta) and timedelta(0) <= value < timedelta(days=1):
        seconds = value.total_seconds()
    elif isinstance(value, float) and 0 <= value < 1:
        seconds = round(value * 86400)  # an unformatted time cell: a fraction of a day
    elif isinstance(value, str) and (found := CLOCK.match(value)) is not None:
        hour, minute, second, half, rest = found.groups()
        hour = int(hour)
        if half is not None:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if half in "Pp" else 0)
        if hour > 23:
            return None  # 25:10 is a duration, not a time of day
        seconds = hour * 3600 + int(minute) * 60 + int(second or 0)
        rest = rest.rstrip()
    if seconds is None:
        return None
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}" + (f" {rest.strip()}" if rest.strip() else "")


def day_text(value: object) -> str:
    """The day as the cell wrote it (text keeps its own order, read with the file's), else ISO."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime | date):
        return f"{value:%Y-%m-%d}"
    return f"{EXCEL_EPOCH + timedelta(days=int(float(value))):%Y-%m-%d}"  # type: ignore[arg-type]


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def joined(days: pd.Series, clocks: pd.Series) -> pd.Series | None:
    """Each day written with its time of day, as one cell's text, where the two columns split one stamp; None
    where they do not (the date column holds times already, or the other column holds no times of day).

    A row with a day and no time keeps its day alone; one with a time and no day stays blank."""
    day_codes, day_values = factorize(days)
    clock_codes, clock_values = factorize(clocks)
    day_blank = np.array([_blank(v) for v in day_values], dtype=bool)
    clock_blank = np.array([_blank(v) for v in clock_values], dtype=bool)
    if day_blank.all() or clock_blank.all() or not all(is_day(v) for v, b in zip(day_values, day_blank, strict=True) if not b):
        return None
    said = [None if b else clock_text(v) for v, b in zip(clock_values, clock_blank, strict=True)]
    if any(s is None for s, b in zip(said, clock_blank, strict=True) if not b):
        return None
    day_of = np.array(["" if b else day_text(v) for v, b in zip(day_values, day_blank, strict=True)], dtype=object)[day_codes]
    clock_of = np.array([s or "" for s in said], dtype=object)[clock_codes]
    both = ~day_blank[day_codes] & ~clock_blank[clock_codes]
    out = day_of.copy()
    out[both] = day_of[both] + " " + clock_of[both]
    return pd.Series(out, index=days.index, dtype=object)
