"""Case logs (ticketing exports) into one vectorised DataFrame.

A year of cases runs to hundreds of thousands of rows, so every column is
parsed with pandas over the whole column; per-row Python runs only on the
distinct values of a column (priorities, customers) or on rows with problems.

Columns of the frame (CASE_COLUMNS): case_id, customer (as written),
customer_key, product (catalog id or None), priority (1-4 or NA, the priority
at opening where the log has it), priority_text, priority_at_open (whether it was), opened and first_response
(UTC timestamps, NaT where missing), response_unknown (answered, the log says, at a time it does not give: not
judged), response_early (its first response is before its opening: not judged), environment ("production" or
"non-production"), file, sheet, row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache, partial
from typing import Any

import numpy as np
import pandas as pd

from explorer import clock
from explorer.catalog import Catalog, fold, unaccented
from explorer.excel import EXCEL_EPOCH
from explorer.importing.case_zones import zone_column
from explorer.importing.columns import factorize, map_distinct, read_columns
from explorer.importing.day_and_time import joined
from explorer.importing.emails import address
from explorer.importing.headers import is_unix_time
from explorer.importing.places import iana_zone, parse_timezone
from explorer.importing.readers import RawSheet
from explorer.importing.repeats import earliest
from explorer.importing.tables import TableMatch
from explorer.importing.values import (
    UNSETTLED,
    DateOrder,
    both_readings,
    cell_text,
    english_months,
    full_year,
    parse_yes_no,
)
from explorer.model import Contact, Contract, Finding, Severity, Source, case_named, customer_key

CASE_COLUMNS = [
    "case_id",
    "customer",
    "customer_key",
    "product",
    "priority",
    "priority_text",
    "priority_at_open",
    "opened",
    "first_response",
    "response_unknown",
    "response_early",
    "environment",
    "requester_email",
    "file",
    "sheet",
    "row",
]
ZONE_SUFFIX = r"(?:Z|[+-]\d{2}:?\d{2}|\s?UTC|\s?GMT)$"
# nn/nn/yyyy and nn/nn/yy alike (Jira Data Center's dd/MM/yy): a year of two digits settles no day/month order
SLASH = r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?!\d)"
AMBIGUOUS = re.compile(r"^\s*(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?!\d)")  # read by the file's order; dotted is day first
DOTTED = r"^\s*\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d)"
ABBREVIATION = r"\s([A-Za-z]{2,5})$"
ABBREVIATION_RE = re.compile(ABBREVIATION)
IANA_SUFFIX = re.compile(r"(?:\s+|(?<=\d)\[)([A-Za-z]+(?:/[A-Za-z0-9_+\-]+)+)\]?$")  # '... America/New_York', '...[Asia/Tokyo]'
OFFSET_THEN_ZONE = r"(Z|[+-]\d{2}:?\d{2})\[[A-Za-z0-9_+\-/]+\]$"
CLOCK_DURATION = r"^\s*(\d+):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?\s*$"  # h:mm or h:mm:ss, hours past 24 allowed
# read where the log has them
RARE = ("requester_email", "milestone", "milestone_completed", "first_response_time", "first_response_sent", "time_zone")
CLOCKS = {"opened": "opened_time", "first_response": "first_response_clock"}  # a stamp's time of day, in its own column
# How data tools write a missing time (pandas' NaT and NaN, SQL's NULL, Python's None): no response yet, not an error
NO_VALUE = ["NaT", "nat", "NAT", "NaN", "nan", "NAN", "NULL", "null", "Null", "None", "none", "NONE", "<NA>"]
MAP_HINT = "(explorer map, or File \u2192 Map Columns\u2026)"
MAX_SPAN = timedelta(days=3650)  # a first response later than this is no reading of a first response
# The catalog's [units] a time to a first response is counted in, in minutes (their words are catalog data)
MINUTES = {"minute": 1.0, "hour": 60.0, "day": 1440.0, "week": 10080.0, "second": 1 / 60, "millisecond": 1 / 60000}
# A duration written as counts with their unit words: '0 hrs 45 mins', '1 day 3 hrs', '1d 3h 20m'
SPAN_PART = r"(\d+(?:\.\d+|,\d{1,2}(?!\d))?)\s*([^\W\d_]+)\.?"  # '1,5 hrs': a decimal comma, never '1,500'
SPAN_TEXT = re.compile(rf"\s*{SPAN_PART}(?:(?:\s*,\s*|\s+and\s+|\s*){SPAN_PART})*\s*", re.IGNORECASE)
UNIT = re.compile(r"[(\[]\s*(?:in\s+)?([^\W\d_]+)\.?\s*[)\]]")  # '(hrs)', '[in seconds]', '(Min.)'

IN_UNIT = re.compile(r"(?:^|[\s_.])in[\s_]+([A-Za-z]+?)(?=$|[\s_.])", re.IGNORECASE)  # reply_time_in_seconds


def empty_cases() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in CASE_COLUMNS})
    frame["priority"] = pd.Series(dtype="Int8")
    frame["priority_at_open"] = pd.Series(dtype=bool)
    frame["response_unknown"] = pd.Series(dtype=bool)
    frame["response_early"] = pd.Series(dtype=bool)
    frame["row"] = pd.Series(dtype="int64")
    for c in ("opened", "first_response"):
        frame[c] = pd.Series(dtype="datetime64[ns, UTC]")
    return frame


def categorical(texts: pd.Series, fn: Callable[[str], str | None]) -> pd.Series:
    """fn over the distinct values, as a categorical: the SLA engine joins on it without hashing a string per case."""
    codes, uniques = factorize(texts)
    small = pd.Categorical([fn(str(u)) for u in uniques])  # the distinct values only
    return pd.Series(pd.Categorical.from_codes(small.codes[codes], categories=small.categories), index=texts.index)


def zone_info(zone: str) -> str | tzinfo:
    """An IANA name as it is; a fixed offset from a header unit ('+02:00') as a timezone."""
    match = re.fullmatch(r"([+-])(\d{2}):(\d{2})", zone)
    if not match:
        return zone
    delta = timedelta(hours=int(match[2]), minutes=int(match[3]))
    return timezone(-delta if match[1] == "-" else delta)


def _unix_time(numbers: pd.Series) -> pd.Series:
    """The numbers that are Unix time (10 digits: seconds, 13: milliseconds, 2001-2103) as UTC instants."""
    seconds = numbers.where(numbers.between(1e9, 4.2e9), numbers.where(numbers.between(1e12, 4.2e12)) / 1000).dropna()
    return pd.to_datetime(seconds, unit="s", utc=True).dt.round("s")


def parse_timestamps(
    series: pd.Series,
    zone: str,
    order: DateOrder = UNSETTLED,
    abbreviations: Mapping[str, str] | None = None,
    row_zones: pd.Series | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(UTC timestamps, mask of cells that were filled but unreadable or ambiguous, and for local times in an
    hour a daylight-saving change repeats, both readings and which is used; "" elsewhere): read_stamps without the
    second readings."""
    out, bad, twice, _ = read_stamps(series, zone, order, abbreviations, row_zones)
    return out, bad, twice


Stamps = tuple[pd.Series, pd.Series, pd.Series, pd.Series]  # read_stamps: times, unread, twice-said notes, second readings


def read_stamps(
    series: pd.Series,
    zone: str,
    order: DateOrder = UNSETTLED,
    abbreviations: Mapping[str, str] | None = None,
    row_zones: pd.Series | None = None,
) -> Stamps:
    """parse_timestamps' three, and the second reading of each local time in an hour the clocks repeat (NaT
    elsewhere): the first is used, unless a case's times only hold together with the second.

    Date cells and naive text are read in ``zone``, or in the row's own where ``row_zones`` gives one (a zone
    column's: "" keeps ``zone``), DST-correct as ``zone`` is; text with Z, an offset or UTC
    keeps its own zone, and text ending in a known abbreviation (PST, CET) is read in
    its zone; numbers are Excel serials, or Unix time (10 or 13 digits, UTC) as API exports write it. nn/nn/yyyy
    follows the file's ``order``.
    """
    out = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns, UTC]")
    if pd.api.types.infer_dtype(series, skipna=False) == "string":  # a text export: one C pass, no per-cell type
        is_str = pd.Series(True, index=series.index)
        is_dt = is_date = is_num = out_of_range = ~is_str
    else:
        kinds = series.map(type)
        is_dt = kinds.isin([datetime, pd.Timestamp])
        is_date = kinds == date
        is_num = kinds.isin([float, int])
        is_str = kinds.isin([str])
        out_of_range = (is_dt | is_date) & ~series.map(_judged_day)
    naive = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    is_dt, is_date = is_dt & ~out_of_range, is_date & ~out_of_range  # year 9999 overflows pandas: unreadable, on its row
    if is_dt.any():
        naive[is_dt] = pd.to_datetime(series[is_dt].astype("datetime64[ns]"))
    if is_date.any():
        naive[is_date] = pd.to_datetime(series[is_date].map(lambda d: datetime(d.year, d.month, d.day)))
    if is_num.any():
        serial = series[is_num].astype(float)
        ok = serial.between(20_000, 80_000)
        naive[serial[ok].index] = pd.to_datetime(serial[ok], unit="D", origin=pd.Timestamp(EXCEL_EPOCH)).dt.round("s")
    bad = out_of_range.copy()
    bad[is_num] = ~series[is_num].astype(float).between(20_000, 80_000)
    if is_num.any():  # an API export's Unix time: seconds or milliseconds since 1970, UTC instants
        numbers = series[is_num].astype(float)
        unix = _unix_time(numbers)
        out[unix.index] = unix
        bad[unix.index] = False
        if len(unix):  # beside Unix times, 0 is the API's "not yet": a blank, not a date of 1970
            bad[numbers[numbers == 0].index] = False
    strings = series[is_str]
    strings = strings[strings != ""]
    if len(strings):
        fast, fast_aware = _parse_common_format(strings)
        if fast is not None:
            target = out if fast_aware else naive
            target[fast.index] = fast
            strings = strings[fast.isna()]
    if len(strings) and (digits := strings.str.fullmatch(r"\s*\d{10}(?:\d{3})?\s*")).any():  # what the formats left
        unix = _unix_time(strings[digits].astype(float))
        out[unix.index] = unix
        strings = strings[~strings.index.isin(unix.index) & ~(strings.str.strip() == "0")]  # 0: "not yet", as above
    if len(strings):
        strings = english_months(strings.str.strip())  # the slow path only: "02/Okt/26" (a German Jira) as "02/Oct/26"
        strings = _iso_offsets(strings[strings != ""])
    if len(strings):
        aware_mask = strings.str[-7:].str.contains(ZONE_SUFFIX, regex=True)  # the zone ends the text: its tail says
        aware = strings[aware_mask].str.replace(r"\s?(UTC|GMT)$", "+00:00", regex=True)
        if len(aware):
            parsed = _to_datetime(aware, utc=True, dayfirst=bool(order.day_first))
            out[aware.index] = parsed
            bad[aware.index] = parsed.isna()
        plain = strings[~aware_mask]
        if len(plain):
            named, bare = _zone_named(plain, abbreviations or {})
            for name, group in bare[named.notna()].groupby(named[named.notna()]):
                parsed = _parse_plain(group, order)
                ok = parsed.notna()
                local = parsed[ok].dt.tz_localize(
                    str(name), ambiguous=np.ones(int(ok.sum()), dtype=bool), nonexistent="shift_forward"
                )
                out[local.index] = local.dt.tz_convert("UTC")
                bad[group.index] = ~ok
            plain = plain[named.isna()]
        if len(plain):
            parsed = _parse_plain(plain, order)
            naive[plain.index] = parsed
            bad[plain.index] = parsed.isna()
    twice = pd.Series("", index=series.index)
    second = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns, UTC]")
    for zone_of, rows in _by_zone(naive.notna(), zone, row_zones):  # a log's few zones, each read over its rows
        local = naive[rows].dt.tz_localize(
            zone_info(zone_of), ambiguous=np.ones(int(rows.sum()), dtype=bool), nonexistent="shift_forward"
        )
        out[rows] = local.dt.tz_convert("UTC")
        twice[rows], later = _repeated_hour(naive[rows], local, zone_of)
        second[later.index] = later.dt.tz_convert("UTC")
    return out, bad, twice, second


def _by_zone(has_naive: pd.Series, zone: str, row_zones: pd.Series | None) -> list[tuple[str, pd.Series]]:
    """(zone, mask of its rows) for the rows holding a naive time: each row's own zone where ``row_zones`` gives
    one, else ``zone``."""
    if not has_naive.any():
        return []
    if row_zones is None:
        return [(zone, has_naive)]
    codes, uniques = pd.factorize(row_zones.where(has_naive, "").to_numpy(dtype=object))
    naive_rows = has_naive.to_numpy()
    groups = [(str(z) or zone, pd.Series(naive_rows & (codes == k), index=has_naive.index)) for k, z in enumerate(uniques)]
    return [(z, rows) for z, rows in groups if rows.any()]


# An offset written after UTC or GMT, as ticketing tools and JavaScript's Date write it: "UTC+1", "GMT-03:00",
# "GMT-0500 (Brasilia Standard Time)". The general parser reads "GMT-3" as POSIX zone names mean it, three hours
# ahead, the opposite of what the cell says; written as an ISO offset it is read as it is meant.
NAMED_OFFSET = re.compile(r"\s*(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?(?:\s*\([^()]*\))?$", re.IGNORECASE)


def _zone_named(plain: pd.Series, abbreviations: Mapping[str, str]) -> tuple[pd.Series, pd.Series]:
    """(the zone each text ends in, or None; the text without it): an IANA name ('2026-11-03 09:15 America/New_York',
    '...09:15[Europe/Paris]', as Java writes a zoned time) or a known abbreviation ('9:15 AM PST')."""
    zones: list[str | None] = []
    bare: list[str] = []
    for text in plain.tolist():
        last = (text.rsplit(None, 1) or [""])[-1]  # a zone's name is the last word (or the bracket that ends it)
        if "/" in last and (found := IANA_SUFFIX.search(text)) is not None and (zone := iana_zone(found[1])) is not None:
            zones.append(zone)
            bare.append(text[: found.start()])
        elif last.upper() in abbreviations and last != text and (found := ABBREVIATION_RE.search(text)) is not None:
            zones.append(abbreviations[last.upper()])
            bare.append(text[: found.start()])
        else:
            zones.append(None)
            bare.append(text)
    return pd.Series(zones, index=plain.index, dtype=object), pd.Series(bare, index=plain.index, dtype=object)


def _iso_offsets(strings: pd.Series) -> pd.Series:
    """Text ending in an offset after UTC or GMT, that offset written as ISO 8601 writes it (" +01:00"); a zone's
    name in brackets after an offset set aside."""
    # Plain tests first, the patterns only where they may match: over 200,000 times that hold neither, the
    # patterns alone took 0.9 s.
    texts = strings.tolist()
    bracketed = pd.Series([t.endswith("]") for t in texts], index=strings.index)
    if bracketed.any():  # the offset says it: '+01:00[Europe/Paris]'
        strings = strings.copy()
        strings[bracketed] = strings[bracketed].str.replace(OFFSET_THEN_ZONE, r"\1", regex=True)
        texts = strings.tolist()
    named = pd.Series(
        [("UTC" in (u := t.upper()) or "GMT" in u) and NAMED_OFFSET.search(t) is not None for t in texts], index=strings.index
    )
    if not named.any():
        return strings
    strings = strings.copy()
    strings[named] = strings[named].str.replace(NAMED_OFFSET, lambda m: f" {m[1]}{int(m[2]):02d}:{m[3] or '00'}", regex=True)
    return strings


def _unread(text: str, order: DateOrder) -> str:
    """Why a time was not read: its two readings where it is nn/nn/yyyy that nothing in the file settles."""
    found = AMBIGUOUS.match(text) if order.day_first is None else None
    if found is not None and int(found[1]) <= 12 and int(found[2]) <= 12 and found[1] != found[2]:
        a, b, year = int(found[1]), int(found[2]), full_year(found[3])
        why = (
            f"the file's dates settle neither order: {order.clash[0]} is written day first, {order.clash[1]} month first"
            if order.clash
            else "no date in the file has a day over 12 to tell day from month"
        )
        return f"is ambiguous: it could be {both_readings(a, b, year)} ({why})"
    return "cannot be read"


def _judged_day(value: object) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return isinstance(day, date) and clock.in_range(day)


FIRST_USED = "; the first is used"
SECOND_USED = "; the second is used, as the first is earlier than the opening time"


def _repeated_hour(naive: pd.Series, first: pd.Series, zone: str) -> tuple[pd.Series, pd.Series]:
    """For local times in the hour a daylight-saving change repeats: both readings, and which one is used, and
    the second readings; for those in the hour it skips (a clock never showed them): how they are read."""
    said = pd.Series("", index=naive.index)
    later = pd.Series(pd.NaT, index=naive.index[:0], dtype="datetime64[ns, UTC]")
    skipped = naive.dt.tz_localize(zone_info(zone), ambiguous="NaT", nonexistent="NaT").isna()
    repeated = naive.dt.tz_localize(zone_info(zone), ambiguous="NaT", nonexistent="shift_forward").isna()
    for i, a in first[skipped & ~repeated].items():
        said[i] = (
            f"is a time {zone} skipped (the clocks went forward over it): read as the first minute after, "
            f"{a:%H:%M} UTC{a:%z} = {a.tz_convert('UTC'):%H:%M} UTC"
        )
    if repeated.any():
        later = naive[repeated].dt.tz_localize(zone_info(zone), ambiguous=np.zeros(int(repeated.sum()), dtype=bool))
        for i, a, b in zip(later.index, first[repeated], later, strict=True):
            said[i] = (
                f"happened twice in {zone} (the clocks went back): {a:%H:%M} UTC{a:%z} = {a.tz_convert('UTC'):%H:%M} UTC "
                f"or {b:%H:%M} UTC{b:%z} = {b.tz_convert('UTC'):%H:%M} UTC{FIRST_USED}"
            )
    return said, later


def _parse_plain(plain: pd.Series, order: DateOrder) -> pd.Series:
    """Naive timestamps from text; nn/nn/yyyy by the file's order (dotted: day first unless it says otherwise).

    A slashed nn/nn with both parts 12 or less in a file that does not settle the order is left unread.
    """
    dotted = plain.str.match(DOTTED)
    settled = order.day_first is not None
    parsed = pd.Series(pd.NaT, index=plain.index, dtype="datetime64[ns]")
    if (~dotted).any():
        parsed[~dotted] = _to_datetime(plain[~dotted], utc=False, dayfirst=bool(order.day_first))
    if dotted.any():
        parsed[dotted] = _to_datetime(plain[dotted], utc=False, dayfirst=order.day_first is not False)
    if not settled:
        parts = plain.str.extract(SLASH).astype(float)
        ambiguous = ~dotted & (parts[0] <= 12) & (parts[1] <= 12) & (parts[0] != parts[1])
        parsed[ambiguous] = pd.NaT
    return parsed


ZONE_SUFFIXES = (" UTC", " GMT", " Z")
ISO_ZONE = r"(?:Z|[+-]\d{2}:?\d{2})$"


def _parse_common_format(strings: pd.Series) -> tuple[pd.Series | None, bool]:
    """Fast path for the layouts ticketing tools export: ISO 8601, with or without a zone.

    Judged on a sample, parsed for the whole column with pandas' C parser; rows it
    cannot read come back NaT and go through the general path. (None, _) where the
    sample does not fit, or mixes text with and without a zone.
    """
    sample = strings.iloc[:200]
    try:
        for suffix in ZONE_SUFFIXES:
            if sample.str.endswith(suffix).all():
                cut = len(suffix)
                # one pass, not .str (10x slower); a cell without the suffix is None, so NaT: the general path's
                bare = [t[:-cut] if t.endswith(suffix) else None for t in strings.tolist()]
                parsed = pd.to_datetime(
                    pd.Series(bare, index=strings.index, dtype=object), format="ISO8601", errors="coerce", utc=True
                )
                return parsed.astype("datetime64[ns, UTC]"), True
        zoned = sample.str.contains(ISO_ZONE, regex=True)
        if zoned.any() and not zoned.all():
            return None, False
        aware = bool(zoned.all())
        if pd.to_datetime(sample, format="ISO8601", errors="coerce", utc=aware).isna().any():
            return None, False
        parsed = pd.to_datetime(strings, format="ISO8601", errors="coerce", utc=aware)
        return parsed.astype("datetime64[ns, UTC]" if aware else "datetime64[ns]"), aware
    except (ValueError, TypeError):  # zones mixed further down the column
        return None, False


def _to_datetime(strings: pd.Series, utc: bool, dayfirst: bool) -> pd.Series:
    """ISO 8601 first (fast); only what that cannot read goes through the slow mixed-format parser."""
    parsed = pd.to_datetime(strings, format="ISO8601", utc=utc, errors="coerce")
    retry = parsed.isna()
    if retry.any():
        parsed = parsed.copy()
        rest = strings[retry]
        for layout in _layouts(rest, dayfirst):  # the column's own layouts, in pandas' C parser
            read = pd.to_datetime(rest, format=layout, utc=utc, errors="coerce")
            parsed[read.index] = read
            rest = rest[read.isna()]
        if len(rest):
            parsed[rest.index] = _mixed(rest, utc, dayfirst)
    # pandas reads year 9999 at microsecond resolution; outside the judged days a time is unreadable, on its row
    judged = parsed.dt.year.between(clock.FIRST_DAY.year, clock.LAST_DAY.year)
    return parsed.where(judged).astype("datetime64[ns, UTC]" if utc else "datetime64[ns]")


def _layouts(strings: pd.Series, dayfirst: bool, looked_at: int = 8) -> list[str]:
    """The strptime layouts a sample of the texts is written in ('%m/%d/%Y %I:%M %p' for a Salesforce report's
    '11/3/2026 9:15 AM'), the file's day order first: a column read by its layout in pandas' C parser takes 0.1 s
    for 200,000 times; read by the general parser one by one, 13 s."""
    step = max(1, len(strings) // looked_at)
    found: list[str] = []
    for text in dict.fromkeys(strings.iloc[::step].tolist()[:looked_at]):
        layout = next((c for c in _candidates(dayfirst) if _fits(text, c)), None)
        if layout is not None and layout not in found:
            found.append(layout)
    return found


@cache
def _candidates(dayfirst: bool) -> tuple[str, ...]:
    ordered = ["%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y", "%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y"]
    days = ordered if dayfirst else ordered[3:] + ordered[:3]
    dotted = ["%d.%m.%Y", "%d.%m.%y"] if dayfirst else ["%m.%d.%Y", "%m.%d.%y"]
    named = ["%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y", "%d/%b/%Y", "%d/%b/%y", "%Y/%m/%d"]
    times = ["%I:%M %p", "%I:%M:%S %p", "%I:%M%p", "%H:%M", "%H:%M:%S", "%H:%M:%S.%f"]
    return tuple(
        f"{day}{joint}{time}{zone}"
        for day in [*days, *dotted, *named]
        for joint in (" ", ", ")
        for time in times
        for zone in ("", " %z")
    )


def _fits(text: str, layout: str) -> bool:
    try:
        datetime.strptime(text, layout)
    except ValueError:
        return False
    return True


def _mixed(strings: pd.Series, utc: bool, dayfirst: bool) -> pd.Series:
    """The general parser over what ISO 8601 could not read; NaT (unreadable, said on its row) for text it reads with
    a zone where none was expected ("2026-11-03 09:15 EST5EDT"): a time zone it guessed is no reading."""
    try:
        parsed = pd.to_datetime(strings, format="mixed", dayfirst=dayfirst, utc=utc, errors="coerce")
    except (TypeError, ValueError, OverflowError):  # zones mixed with none: pandas refuses the column
        return _one_by_one(strings, utc, dayfirst)
    if not utc and not pd.api.types.is_datetime64_dtype(parsed.dtype):  # aware where naive was asked for
        return _one_by_one(strings, utc, dayfirst)
    return parsed


def _one_by_one(strings: pd.Series, utc: bool, dayfirst: bool) -> pd.Series:
    """Each cell parsed alone; a naive column keeps only the cells read without a zone."""
    values: list[Any] = []
    for text in strings.tolist():
        try:
            value = pd.to_datetime(text, format="mixed", dayfirst=dayfirst, utc=utc)
        except (TypeError, ValueError, OverflowError):
            value = pd.NaT
        values.append(value if value is pd.NaT or utc or value.tzinfo is None else pd.NaT)
    return pd.Series(values, index=strings.index, dtype="datetime64[ns, UTC]" if utc else "datetime64[ns]")


def written_numbers(texts: pd.Series) -> pd.Series:
    """Counts as the column writes them: '1,500' with a thousands comma, '40,5' or '1.500,5' with a decimal comma
    (a German or French export), told apart for the whole column: a comma followed by other than three digits,
    or a point before a comma, is a decimal comma. Spaces inside a number ('1 500') group thousands."""
    plain = texts.str.replace(r"[\s\u00a0\u202f']", "", regex=True)
    decimal_comma = bool(plain.str.contains(r",(?:\d{1,2}|\d{4,})(?!\d)|\.\d{3},", regex=True).any())
    if decimal_comma:
        plain = plain.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        plain = plain.str.replace(",", "", regex=False)
    return pd.to_numeric(plain, errors="coerce")


def minutes_per_unit(header: str, catalog: Catalog) -> float | None:
    """Minutes in the unit a count's header names: Zendesk Explore's 'First reply time (hrs)' counts hours,
    '(days)' days, its API's 'reply_time_in_seconds' seconds, a Tableau view's 'Hours to First Response' and
    'Stunden bis zur ersten Antwort' hours; None where it names none. A unit in brackets or after 'in' comes first;
    elsewhere only a whole word of two letters or more ('h' alone may be an initial)."""
    per = catalog.unit_words(MINUTES)
    anywhere = [w for w in re.findall(r"[^\W\d_]{2,}", header) if w.casefold() != "in"]
    for unit in [*UNIT.findall(header), *IN_UNIT.findall(header), *anywhere]:
        if (minutes := per.get(unaccented(unit.casefold()))) is not None:
            return minutes
    return None


def parse_durations(series: pd.Series, catalog: Catalog) -> tuple[pd.Series, pd.Series]:
    """(durations, mask of filled cells that are none): the time to a first response as a duration.

    Excel duration cells ([h]:mm:ss, as Kayako Classic exports them), h:mm or h:mm:ss text, and text with
    its units in the catalog's words (1h 30m, 90 min, HappyFox's 0 hrs 45 mins and 1 day 3 hrs) or as pandas reads
    them (1 day, 1:00:00). A bare number says no unit, so it is no duration. Zero is no
    response yet: no human answers in no time, and Kayako Classic keeps 0 until the first staff reply.
    """
    codes, uniques = factorize(series)
    per = catalog.unit_words(MINUTES)
    seconds = np.array([_duration_seconds(u, per) for u in uniques], dtype=np.float64)[codes]  # distinct values only
    filled = ~series.map(lambda v: v is None or v == "").to_numpy(dtype=bool)
    return spans(pd.Series(np.where(filled, seconds, 0.0), index=series.index), filled)


def _duration_seconds(value: object, minutes_per: Mapping[str, float]) -> float:
    """Seconds of one written duration; nan where it is none (blank cells are sorted out by the caller)."""
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, time):  # a duration under a day, formatted h:mm:ss
        return float(value.hour * 3600 + value.minute * 60 + value.second)
    if not isinstance(value, str):
        return float("nan")  # a bare number says no unit
    clock = re.fullmatch(CLOCK_DURATION, value)
    if clock:
        return int(clock[1]) * 3600 + int(clock[2]) * 60 + float(clock[3] or 0)
    if not re.search(r"[A-Za-z]", value):
        return float("nan")
    if SPAN_TEXT.fullmatch(value):  # each count with its unit word; one that names no unit is no duration
        parts = [(float(n.replace(",", ".")), minutes_per.get(unaccented(u.casefold()))) for n, u in re.findall(SPAN_PART, value)]
        units = [per for _, per in parts]
        if len(set(units)) < len(units):
            return float("nan")  # '1 hr 1 hr' says no one time
        if all(per is not None for per in units):
            return sum(n * (per or 0.0) * 60 for n, per in parts)
    try:
        span = pd.Timedelta(value.strip())  # 1h 30m, 90 min, 1 day, 1:00:00
    except (ValueError, OverflowError):
        return float("nan")
    return float("nan") if pd.isna(span) else float(span.total_seconds())


def spans(seconds: pd.Series, filled: np.ndarray | pd.Series, zero_is_none: bool = True) -> tuple[pd.Series, pd.Series]:
    """(times to the first response, mask of filled cells that say none): seconds from 0 to MAX_SPAN are
    kept (0 as no response yet where ``zero_is_none``); a negative time is one left to a target (Jira's SLA
    field) and nan, infinite or longer than MAX_SPAN is no time taken. The one place a duration becomes a
    timedelta, so no cell can overflow one."""
    values = seconds.to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore"):
        usable = np.isfinite(values) & (values >= 0) & (values <= MAX_SPAN.total_seconds())
    kept = np.where(usable & ((values > 0) | (not zero_is_none)), values, np.nan)
    out = pd.Series(pd.to_timedelta(kept, unit="s"), index=seconds.index, dtype="timedelta64[ns]")
    return out, pd.Series(np.asarray(filled, dtype=bool) & ~usable, index=seconds.index)


def _unknown_environments(texts: pd.Series, kinds: pd.Series) -> dict[str, int]:
    """Each environment value the catalog cannot place, with the position of its first row."""
    unknown = kinds.isna().to_numpy()
    if not unknown.any():
        return {}
    positions = np.flatnonzero(unknown)
    values = texts.to_numpy(dtype=object)[positions]
    _, first = np.unique(values.astype(str), return_index=True)
    return {str(values[i]): int(positions[i]) for i in sorted(first)}


# A title line above a case table that says the zone its times are in: "All times are in Pacific Time (US & Canada)",
# "Time zone: (GMT-08:00) Pacific Time", "Timezone = UTC", "Zeitzone: Europe/Berlin" (helpdesk report exports).
TITLE_ZONE = re.compile(
    r"(?:time\s*zone|timezone|times?\s+(?:are\s+|shown\s+|given\s+|displayed\s+)?in|zeitzone|fuseau\s+horaire|zona\s+horaria)"
    r"\s*(?:is\s+)?[:=]?\s*(.+?)[.;]?\s*$",
    re.IGNORECASE,
)


def title_zone(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[str, str] | None:
    """(zone, the line that names it) from the lines above the table's header, where one names a zone."""
    for row in sheet.rows[: match.header_index]:
        line = " ".join(t for c in row if (t := cell_text(c)))
        if (found := TITLE_ZONE.search(line)) is None:
            continue
        named = found[1].strip()
        for text in (named, re.sub(r"^\(?(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?\)?\s*", "", named)):
            zone, _ = parse_timezone(text, catalog)
            if zone is not None:
                return zone, line
    return None


def _lacking(sheet: RawSheet, match: TableMatch, cols: Mapping[str, int], timed: bool) -> Finding | None:
    """The error for a case table without a customer column (or a requester's email) or a first response (``timed``:
    a time to it or a milestone stands in), naming every one it lacks: map offers them all at once."""
    lacking = []
    if "customer" not in cols and "requester_email" not in cols:
        lacking.append(
            ("customer column (nor a requester email to find the customer by)", "no case can be matched to a contract")
        )
    if "first_response" not in cols and not timed and "first_response_sent" not in cols:
        lacking.append(("first-response column", "first responses cannot be judged"))
    if not lacking:
        return None
    seen = ", ".join(f"'{h}'" for h in match.layout)
    columns = " and no ".join(what for what, _ in lacking)
    why = " and ".join(why for _, why in lacking)
    holds = " and the one that holds the first response" if len(lacking) > 1 else ""
    target = "names the customer" + holds if lacking[0][0].startswith("customer") else "holds the first response"
    return Finding(
        Severity.ERROR,
        f"Sheet '{sheet.name}': the case table (header row {match.header_row}: {seen}) has no {columns}, so {why}; its "
        f"cases are not read. Map the column that {target} {MAP_HINT}.",
        Source(sheet.file, sheet.name, match.header_row),
    )


def read_cases(
    sheet: RawSheet, match: TableMatch, catalog: Catalog, case_timezone: str | None = None, order: DateOrder = UNSETTLED
) -> tuple[pd.DataFrame, list[Finding]]:
    """The cases of one table. Timestamps without a zone are read in the zone their header's unit
    names ('Created at (UTC)'), else ``case_timezone``; ``order`` is the file's day/month order."""
    zone = case_timezone or catalog.settings.case_timezone
    cols = match.columns
    findings: list[Finding] = []
    if (titled := title_zone(sheet, match, catalog)) is not None:  # the export's own words over a default
        zone, line = titled
        findings.append(
            Finding(
                Severity.INFO,
                f"Times without a zone of their own are read in {zone}, as the line above the header says ('{line}')"
                + (f", not in {case_timezone} as set for the case log." if case_timezone and case_timezone != zone else "."),
                Source(sheet.file, sheet.name, match.header_row),
            )
        )
    milestones = "milestone" in cols and "milestone_completed" in cols
    # the time to the first response, where the log gives no time of it: minutes, else a duration
    after = next((f for f in ("first_response_minutes", "first_response_time") if f in cols), None)
    if (lacking := _lacking(sheet, match, cols, after is not None or milestones)) is not None:
        findings.append(lacking)
        return empty_cases(), findings
    table = read_columns(
        sheet,
        match,
        (
            "case_id",
            "customer",
            "product",
            "priority",
            "priority_at_open",
            "opened",
            "first_response",
            "first_response_minutes",
            "environment",
            # rarely there
            *(f for f in (*RARE, *CLOCKS.values()) if f in cols),
        ),
        findings,
        catalog,
        raw_only=("opened", "first_response", "milestone_completed", "first_response_time", *CLOCKS.values()),
        needed=catalog.tables["cases"].required,
        lines=("milestone", "milestone_completed") if milestones else (),  # a report grouped by case
    )
    raw, texts, rows = table.raw, table.texts, pd.Series(table.rows)
    header = match.headers.get

    def column_findings(mask: pd.Series, field: str, message: str, severity: Severity = Severity.ERROR) -> None:
        for i in np.flatnonzero(mask.to_numpy()).tolist():
            case = case_named(texts["case_id"].iloc[i])
            findings.append(
                Finding(
                    severity,
                    message.format(case=case, value=(value := cell_text(raw[field].iloc[i])), why=_unread(value, order)),
                    Source(sheet.file, sheet.name, int(rows.to_numpy()[i])),
                    header(cols.get(field, -1), field),
                    str(texts["customer"].iloc[i]),
                )
            )

    findings += _join_split_stamps(raw, sheet, match)
    per_row, zone_said = zone_column(texts, rows.to_numpy(), sheet, match, catalog, zone)  # a row's zone over the log's
    findings += zone_said
    read_times = partial(_read_stamps, match=match, zone=zone, order=order, catalog=catalog, per_row=per_row)
    opened, bad_open, twice_open, _ = read_times("opened", raw["opened"])
    second = pd.Series(pd.NaT, index=opened.index, dtype="datetime64[ns, UTC]")  # a response's second reading
    if "first_response" in cols:
        responded, bad_resp, twice_resp, second = read_times("first_response", raw["first_response"])
    elif milestones and after is None:  # one row per case and milestone
        is_first = texts["milestone"].map(fold).isin(catalog.first_response_milestones).to_numpy()
        completed = raw["milestone_completed"].where(is_first, "")
        responded, bad_resp, twice_resp, second = read_times("milestone_completed", completed)
    elif after is not None:  # a time after opening: Zendesk's minutes, Kayako Classic's duration
        span, bad_resp = _elapsed(after, raw, texts, header(cols[after], ""), catalog)
        if (stamps := _stamps_not_spans(after, raw[after], span, read_times, order)) is not None:
            responded, bad_resp, twice_resp, second = stamps
            findings.append(_stamps_said(raw[after], sheet, match))
        elif (refused := _no_durations(after, raw, span, bad_resp, sheet, match)) is not None:
            return empty_cases(), [*findings, refused]
        else:
            findings += _unit_unsaid(after, sheet, match, catalog)
            responded = opened + span
            twice_resp = pd.Series("", index=opened.index)
    else:  # only whether a response was sent (Dynamics 365's First Response Sent): no time of any
        responded = pd.Series(pd.NaT, index=opened.index, dtype="datetime64[ns, UTC]")
        bad_resp, twice_resp = pd.Series(False, index=opened.index), pd.Series("", index=opened.index)
    response_field = next(f for f in ("first_response", after, "milestone_completed", "first_response_sent") if f and f in cols)
    bad_resp = _unless_none(bad_resp, raw[response_field])
    # a response in the repeated hour whose first reading is before the opening (itself read as its first pass):
    # the second reading holds together, so it is the one meant
    later = second.notna() & opened.notna() & (responded < opened) & (second >= opened)
    responded = responded.mask(later, second)
    twice_resp = twice_resp.mask(later, twice_resp.str.replace(FIRST_USED, SECOND_USED, regex=False))
    findings += [n for f in ("opened", response_field) if (n := _unix_note(f, raw.get(f), sheet, match)) is not None]
    two_way = _either_order(bad_open, raw["opened"], "opened", order, sheet, match, texts["case_id"], findings)
    bad_resp &= ~_either_order(bad_resp, raw[response_field], response_field, order, sheet, match, texts["case_id"], findings)
    column_findings(bad_open & ~two_way, "opened", "{case}: the opening time '{value}' {why}; the case is not counted.")
    column_findings(opened.isna() & ~bad_open, "opened", "{case}: the opening time is missing; the case is not counted.")
    column_findings(bad_resp, response_field, "{case}: the first response '{value}' {why}; it is treated as no response yet.")
    for field, twice in (("opened", twice_open), (response_field, twice_resp)):
        for i in np.flatnonzero(twice.ne("").to_numpy()).tolist():
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"{case_named(texts['case_id'].iloc[i])}: '{cell_text(raw[field].iloc[i])}' {twice.iloc[i]}.",
                    Source(sheet.file, sheet.name, int(rows.to_numpy()[i])),
                    header(cols.get(field, -1), field),
                    str(texts["customer"].iloc[i]),
                )
            )
    early = responded.notna() & opened.notna() & (responded < opened)
    column_findings(
        early,
        response_field,
        "{case}: the first response '{value}' is earlier than the opening time; the case is not counted.",
    )
    said = _sent_at_no_time(texts.get("first_response_sent"), responded, catalog)
    for word, message in (
        ("yes", "says a first response was sent, but the log gives no time of it"),
        ("unclear", "is neither yes nor no, and the log gives no time of a first response"),
    ):
        column_findings(
            said.eq(word),
            "first_response_sent",
            f"{{case}}: '{{value}}' {message}; the case is listed, not judged (its response time is unknown).",
            Severity.WARNING,
        )

    levelless = _levelless(texts, cols, match, catalog)
    for field in levelless:  # a flag or an empty column is no level: read as absent (decision no-priority)
        texts[field] = pd.Series("", index=texts[field].index, dtype=object)
    has_level = any(f in cols and f not in levelless for f in ("priority", "priority_at_open"))
    findings += _by_their_words(texts, cols, catalog, Source(sheet.file, sheet.name, match.header_row), header)
    priority = map_distinct(texts["priority"], lambda t: catalog.priority_for(t) if t else None)
    at_open = map_distinct(texts["priority_at_open"], lambda t: catalog.priority_for(t) if t else None)
    use_open = at_open.notna()
    target_priority = priority.where(~use_open, at_open)
    priority_text = texts["priority"].where(~use_open, texts["priority_at_open"])
    bad_priority = target_priority.isna() & has_level
    _priority_findings(bad_priority, priority_text, catalog, partial(column_findings, field=priority_of(cols)))

    def product_id(text: str) -> str | None:
        found = catalog.product_for(text) if text else None
        return found.id if found else ("?" if text else None)  # "?": named, but not a product we know

    product = categorical(texts["product"], product_id)
    unknown_product = product.eq("?")
    column_findings(
        unknown_product,
        "product",
        "{case}: product '{value}' is not in the catalog; the case is not counted.",
        Severity.WARNING,
    )
    environment = map_distinct(texts["environment"], catalog.environments.classify)
    non_prod = environment.eq("non-production")
    for value, first in _unknown_environments(texts["environment"], environment).items():
        count = int((texts["environment"] == value).sum())
        findings.append(
            Finding(
                Severity.WARNING,
                f"Environment '{value}' ({count} case{'s' if count != 1 else ''}) is neither a "
                "production nor a non-production spelling of the catalog; treated as production.",
                Source(sheet.file, sheet.name, int(rows.to_numpy()[first])),
                header(cols.get("environment", -1), "environment"),
            )
        )
    frame = pd.DataFrame(
        {
            "case_id": texts["case_id"],
            "customer": texts["customer"],
            "customer_key": categorical(texts["customer"], customer_key),
            "product": product,
            "priority": pd.array(target_priority.tolist(), dtype="Int8"),
            "priority_text": priority_text,
            "priority_at_open": use_open.to_numpy(dtype=bool),  # the target came from the priority at opening
            "opened": opened,
            "first_response": responded,
            "response_unknown": said.notna().to_numpy(dtype=bool),
            # a response before the case existed proves nothing: never Met, both times kept to be shown
            "response_early": early.to_numpy(dtype=bool),
            "environment": pd.Categorical.from_codes(
                non_prod.to_numpy(dtype=bool).astype(np.int8), categories=pd.Index(["production", "non-production"])
            ),
            "requester_email": texts.get("requester_email", ""),
            "file": pd.Categorical([sheet.file] * len(rows)),
            "sheet": pd.Categorical([sheet.name] * len(rows)),
            "row": rows,
        }
    )
    if milestones and "first_response" not in cols and after is None:
        frame = _one_row_per_case(frame.assign(_first=is_first), texts["milestone"], sheet, match, findings)
    if not has_level:
        findings.append(_no_priority(len(frame), levelless, sheet, match))
    return frame, findings


def _either_order(
    bad: pd.Series,
    values: pd.Series,
    field: str,
    order: DateOrder,
    sheet: RawSheet,
    match: TableMatch,
    ids: pd.Series,
    findings: list[Finding],
) -> pd.Series:
    """The mask of ``bad`` times that could be read day or month first (02/11/2026 where no date of the file has a
    day over 12): they are one error for the column, naming the remedy, not one per row."""
    none = pd.Series(False, index=bad.index)
    if order.day_first is not None or not bad.any():
        return none
    texts = values[bad].map(cell_text)
    two_way = texts.map(lambda t: _unread(t, order) != "cannot be read")
    if not two_way.any():
        return none
    column = match.headers.get(match.columns.get(field, -1), field)
    first = str(texts[two_way].iloc[0])
    named = list(dict.fromkeys(str(i) or "one with no ID" for i in ids[two_way.index[two_way]]))  # a milestone export repeats
    shown, count = named[:5], int(two_way.sum())
    more = f" and {len(named) - len(shown)} more" if len(named) > len(shown) else ""
    findings.append(
        Finding(
            Severity.ERROR,
            f"Column '{column}': '{first}' {_unread(first, order)}"
            + (f", and so {'is' if count == 2 else 'are'} {count - 1} more of its times" if count > 1 else "")
            + f"; {'cases' if len(named) > 1 else 'case'} {', '.join(shown)}{more} {'are' if len(named) > 1 else 'is'} "
            + ("not counted. " if field == "opened" else "read as not answered yet. ")
            + "Say how the log "
            "writes its dates: --case-dates day-first (or month-first) on the command line, File \u2192 Case Log Dates "
            'in the app, or dates = "day first" (or "month first") in its column mapping (explorer map, or '
            "File \u2192 Map Columns\u2026).",
            Source(sheet.file, sheet.name, match.header_row),
            column,
        )
    )
    return pd.Series(bad.index.isin(two_way.index[two_way]), index=bad.index)


def _unix_note(field: str, values: pd.Series | None, sheet: RawSheet, match: TableMatch) -> Finding | None:
    """The info for a time column written as Unix time (an API dump's created_at): read as UTC instants, said once."""
    if values is None or field not in ("opened", "first_response", "milestone_completed"):
        return None
    filled = values[values.map(lambda v: v is not None and v != "")].iloc[:200]  # a sample says how the column writes
    if filled.empty or not filled.map(is_unix_time).all():
        return None
    column = match.headers.get(match.columns[field], field)
    first = _unix_time(pd.Series([float(str(filled.iloc[0]).strip())])).iloc[0]
    return Finding(
        Severity.INFO,
        f"Read '{column}' as Unix time, as API exports write it (seconds or milliseconds since 1970, UTC instants): "
        f"{cell_text(filled.iloc[0])} is {first:%Y-%m-%d %H:%M} UTC.",
        Source(sheet.file, sheet.name, match.header_row),
        column,
    )


def _read_stamps(
    field: str, values: pd.Series, match: TableMatch, zone: str, order: DateOrder, catalog: Catalog, per_row: pd.Series | None
) -> Stamps:
    """A time column read in its header unit's zone where it names one, else in each row's (``per_row``) or ``zone``."""
    own = match.zones.get(field)
    return read_stamps(values, own or zone, order, catalog.timezone_abbreviations, None if own else per_row)


# A priority written as a help desk's own number and its word ('3 high', '4 urgent'): _counting_up
COUNTED = re.compile(r"\s*(\d{1,2})\s+([^\W\d_].*)")


def _by_their_words(
    texts: dict[str, pd.Series], cols: Mapping[str, int], catalog: Catalog, where: Source, header: Callable[[int, str], str]
) -> list[Finding]:
    """Each priority column written in a numbering that counts up, replaced in ``texts`` by its words; the infos."""
    out = []
    for field in ("priority", "priority_at_open"):
        if field in cols and (read := _counting_up(texts[field], catalog)) is not None:
            texts[field], why = read
            out.append(Finding(Severity.INFO, why, where, header(cols[field], "")))
    return out


@dataclass(frozen=True)
class _Counted:
    """A priority written as its help desk's number and word ('3 high'): the number, the word's level, the word."""

    number: int
    level: int
    word: str


def _counting_up(written: pd.Series, catalog: Catalog) -> tuple[pd.Series, str] | None:
    """A priority column written in a help desk's own numbering that counts up (Zammad's '1 low' .. '3 high', and a
    level an admin added to it, '4 urgent'): its words, each a level, and what the info says; None for any other
    column. The column holds one of the catalog's counting-up spellings, and every value written as a number and a
    word fits one order with them, the number rising as the word's level does; a value that is no level at all stays
    its case's error. A value of another scheme ('P1', 'Urgent') or a number and word out of that order ('2 high'
    beside '3 high') leaves the column as written: each such value whose number and word disagree is refused
    (catalog.priority_disagreement)."""
    distinct = [t for t in pd.unique(written) if t]
    if not any(fold(t) in catalog.priority_counting_up for t in distinct):
        return None  # no help desk's numbering (every log but Zammad's): nothing parsed
    counted = {t: c for t in distinct if (c := _counted(t, catalog)) is not None}
    other_scheme = any(_a_level(t, catalog) for t in distinct if t not in counted)
    if other_scheme or not _one_order(counted.values()):
        return None
    ranked = sorted(counted.items(), key=lambda item: item[1].number)
    shown = ", ".join(f"'{t}'" for t, _ in ranked)
    levels_said = ", ".join(f"{c.word.lower()} P{c.level}" for _, c in ranked)
    said = (
        f"Priorities are written as Zammad numbers them, counting up ({shown}): each is read by its word "
        f"({levels_said}), not its number."
    )
    return map_distinct(written, lambda t: counted[t].word if t in counted else t), said


def _counted(text: str, catalog: Catalog) -> _Counted | None:
    """``text`` as a number and a word naming a level ('3 high', '4 urgent'); None where it is not written so."""
    parts = COUNTED.fullmatch(text)
    level = catalog.priority_for(parts[2]) if parts is not None else None
    return None if parts is None or level is None else _Counted(int(parts[1]), level, parts[2].strip())


def _a_level(text: str, catalog: Catalog) -> bool:
    """Whether ``text`` is a level written another way ('P1', 'Urgent'), or a number and word naming two."""
    return catalog.priority_for(text) is not None or catalog.priority_disagreement(text) is not None


def _one_order(counted: Iterable[_Counted]) -> bool:
    """Whether the numbers count up in one order: each number names one level, and a higher number a more urgent one
    (a lower P): '2 high' beside '3 high' does not."""
    order = sorted({(c.number, c.level) for c in counted})
    numbers, levels = [n for n, _ in order], [lv for _, lv in order]
    return len(set(numbers)) == len(numbers) and all(b < a for a, b in zip(levels, levels[1:], strict=False))


def _elapsed(
    after: str, raw: Mapping[str, pd.Series], texts: Mapping[str, pd.Series], header: str, catalog: Catalog
) -> tuple[pd.Series, pd.Series]:
    """(times from opening to the first response, mask of unreadable cells): a count in its header's unit (Zendesk's
    First reply time in minutes, calendar minutes) or a written duration (Kayako Classic's First Response Time)."""
    if after == "first_response_minutes":
        seconds = written_numbers(texts[after]) * (minutes_per_unit(header, catalog) or 1.0) * 60
        return spans(seconds, texts[after].ne(""), zero_is_none=False)
    return parse_durations(raw[after], catalog)


def _unit_unsaid(after: str, sheet: RawSheet, match: TableMatch, catalog: Catalog) -> list[Finding]:
    """A warning where a count's header, found by a close spelling, names no unit (a bare number says none either):
    its counts are read as minutes, the field's unit, and an hour read as a minute turns a late answer into a met one."""
    guess = match.guesses.get(after)
    column = match.headers.get(match.columns[after], "")
    if after != "first_response_minutes" or (guess is not None and guess.how == "saved"):
        return []
    if minutes_per_unit(column, catalog) is not None:
        return []
    return [
        Finding(
            Severity.WARNING,
            f"Sheet '{sheet.name}': the case table's column '{column}' is read as the minutes to the first response, "
            "but neither its header nor its numbers say the unit; if they count hours or seconds, every verdict is "
            f"wrong. Name the unit in the header ('{column} (hours)') or map the column {MAP_HINT}.",
            Source(sheet.file, sheet.name, match.header_row),
            column,
        )
    ]


def _stamps_not_spans(
    after: str, values: pd.Series, span: pd.Series, read_times: Callable[..., Stamps], order: DateOrder
) -> Stamps | None:
    """A 'First Response Time' whose values are dates and times (SysAid's and ManageEngine's): the time of the first
    response, not a time taken to it; its readings as read_stamps gives them. None where one of its values is a
    duration or no time at all (the column stays a duration column, refused whole if it holds none: _no_durations)."""
    filled = values.map(lambda v: v is not None and v != "" and not (isinstance(v, str) and not v.strip()))
    if after != "first_response_time" or span.notna().any() or not filled.any():
        return None
    read: Stamps = read_times(after, values)
    bad = _unless_none(read[1], values)
    if bad.any() and values[bad].map(lambda v: _unread(cell_text(v), order) == "cannot be read").any():
        return None  # an ambiguous day/month is its column's error, as in any column of times
    return read


def _stamps_said(values: pd.Series, sheet: RawSheet, match: TableMatch) -> Finding:
    column = match.headers.get(match.columns["first_response_time"], "")
    first = next(cell_text(v) for v in values if v is not None and cell_text(v).strip())
    return Finding(
        Severity.INFO,
        f"Column '{column}' holds dates and times ('{first}'), not durations: each is read as the time of the first "
        "response, as SysAid and ManageEngine write it.",
        Source(sheet.file, sheet.name, match.header_row),
        column,
    )


def _no_durations(
    after: str, raw: Mapping[str, pd.Series], span: pd.Series, bad: pd.Series, sheet: RawSheet, match: TableMatch
) -> Finding | None:
    """The error for a duration column that holds none (bare numbers, say: no unit), so no case could be judged."""
    if after != "first_response_time" or not bad.any() or span.notna().any():
        return None
    column = match.headers.get(match.columns[after], "")
    return Finding(
        Severity.ERROR,
        f"Sheet '{sheet.name}': the case table's column '{column}' holds no durations ('{cell_text(raw[after][bad].iloc[0])}' "
        "says no unit; a time to the first response reads as 0:25:00 or 1h 30m), so first responses cannot be judged; "
        f"its cases are not read. Map the column that holds the first response {MAP_HINT}.",
        Source(sheet.file, sheet.name, match.header_row),
        column,
    )


def priority_of(cols: Mapping[str, int]) -> str:
    return "priority" if "priority" in cols else "priority_at_open"


def _priority_findings(bad: pd.Series, written: pd.Series, catalog: Catalog, report: Callable[..., None]) -> None:
    """An error per case whose priority gives no level. A number and a word naming two levels say why: Zammad
    numbers its priorities upwards ('3 high'), so neither can be taken."""
    unclear = map_distinct(written.where(bad, ""), lambda t: catalog.priority_disagreement(t) if t else None)
    report(
        unclear.isna() & bad,
        message="{case}: priority '{value}' is not 1-4, P1-P4, Sev 1-4 or Urgent/High/Normal/Low; the case is not counted.",
    )
    for why in pd.unique(unclear.dropna()):
        report(
            unclear.eq(why),
            message="{case}: priority '{value}' names two levels: "
            + str(why).replace("{", "{{").replace("}", "}}")
            + ". Zammad, for one, numbers its priorities upwards (1 low to 3 high), so the number may be no level; "
            "which was meant is not known, and the case is not counted. Write the level (P1-P4) or its word alone.",
        )


def _sent_at_no_time(sent: pd.Series | None, responded: pd.Series, catalog: Catalog) -> pd.Series:
    """'yes' where a yes/no column says a case was answered and no time of the answer is given, 'unclear' where its
    word is neither, else None: neither is judged, for a guess either way could be wrong. No (or blank) is not
    answered yet, judged against the clock like any open case."""
    if sent is None:
        return pd.Series(None, index=responded.index, dtype=object)

    def reading(text: str) -> str | None:
        yes, problem = parse_yes_no(text, catalog)  # the one reading of a yes/no cell; blank is no
        return "unclear" if problem else "yes" if yes else None

    return map_distinct(sent, reading).where(responded.isna())


def _unless_none(bad: pd.Series, values: pd.Series) -> pd.Series:
    """``bad`` without the cells that say there is no value (a data tool's NaT or NULL): no response yet, as a blank."""
    return bad & ~values.isin(NO_VALUE) if bad.any() else bad


def _join_split_stamps(raw: dict[str, pd.Series], sheet: RawSheet, match: TableMatch) -> list[Finding]:
    """Each stamp split into a day and a time-of-day column made one (day_and_time), in ``raw``; a finding says so.
    Salesforce's First Response Time beside a First Response Date is such a column: a duration column is read as a
    duration only where no first-response stamp is given."""
    cols, header = match.columns, match.headers.get
    pairs = {stamp: clock for stamp, clock in CLOCKS.items() if stamp in cols and clock in cols}
    if "first_response" in cols and "first_response" not in pairs and "first_response_time" in cols:
        pairs["first_response"] = "first_response_time"
    findings = []
    for stamp, clock_field in pairs.items():
        if (stamps := joined(raw[stamp], raw[clock_field])) is not None:
            raw[stamp] = stamps
            findings.append(
                Finding(
                    Severity.INFO,
                    f"Each day in '{header(cols[stamp], stamp)}' is read with the time of day beside it in "
                    f"'{header(cols[clock_field], clock_field)}'.",
                    Source(sheet.file, sheet.name, match.header_row),
                    header(cols[stamp], stamp),
                )
            )
    return findings


def _levelless(texts: Mapping[str, pd.Series], cols: Mapping[str, int], match: TableMatch, catalog: Catalog) -> dict[str, str]:
    """Priority columns that give no level, each with what it holds instead: nothing, or a yes/no flag (Intercom
    marks a conversation priority or not_priority). A column of real priority words is not one of them."""
    flags = catalog.flag_words
    out = {}
    for field in ("priority", "priority_at_open"):
        if field not in cols:
            continue
        header = match.headers.get(cols[field], field)
        distinct = [str(v) for v in pd.unique(texts[field].to_numpy(dtype=object)) if v != ""]
        if not distinct:
            out[field] = f"its column '{header}' is empty"
        elif all(fold(v) in flags for v in distinct) and not all(catalog.priority_for(v) for v in distinct):
            shown = ", ".join(f"'{v}'" for v in sorted(distinct)[:4])
            out[field] = f"its column '{header}' is a yes/no flag ({shown}), not a priority level"
    return out


def _no_priority(count: int, levelless: Mapping[str, str], sheet: RawSheet, match: TableMatch) -> Finding:
    """One warning for a log that gives no priority level: its cases are listed, matched and shown, not judged."""
    why = f" ({'; '.join(levelless.values())})" if levelless else ""
    cases = f"its {count} cases are" if count != 1 else "its 1 case is"
    field = next(iter(levelless), "")
    return Finding(
        Severity.WARNING,
        f"Sheet '{sheet.name}': the case table (header row {match.header_row}) has no priority column{why}; "
        f"{cases} listed but not judged against a response target. Add a Priority column or map one {MAP_HINT}.",
        Source(sheet.file, sheet.name, match.header_row),
        match.headers.get(match.columns[field], field) if field else "",
    )


def match_by_email(cases: pd.DataFrame, contacts: list[Contact]) -> list[Finding]:
    """Cases with no customer take it from their requester's email: a named contact's, else the email's domain
    where all of the book's contacts on that domain belong to one customer. Changes ``cases`` in place."""
    missing = (cases["customer"] == "") & (cases["requester_email"] != "")
    if not missing.any() or not contacts:
        return []
    by_email, by_domain = _email_owners(contacts)
    emails = cases.loc[missing, "requester_email"].map(lambda text: address(str(text))[0]).str.casefold()
    named = emails.map(by_email).astype(object)
    domain = emails.str.rsplit("@", n=1).str[-1].map(by_domain).astype(object).where(named.isna())
    found = named.where(named.notna(), domain).dropna()
    if found.empty:
        return []
    cases["customer"] = cases["customer"].astype(object)
    cases.loc[found.index, "customer"] = found
    cases["customer_key"] = categorical(cases["customer"], customer_key)
    first = cases.loc[found.index[0]]
    by_name, by_host = int(named.notna().sum()), int(domain.notna().sum())
    return [
        Finding(
            Severity.INFO,
            f"{len(found)} case{'s' if len(found) != 1 else ''} with no customer matched through the requester's "
            f"email: {by_name} to a contact of the book, {by_host} by the email's domain (one customer's contacts).",
            Source(str(first["file"]), str(first["sheet"])),
        )
    ]


EMAIL = re.compile(r"^[^@\s<>,;]+@([^@\s<>,;]+\.[^@\s<>,;]+)$")


def people_by_email(
    cases: pd.DataFrame,
    contacts: list[Contact],
    contracts: list[Contract],
    names_customer: Callable[[str], bool],
    columns: Mapping[tuple[str, str], Mapping[str, str]],
) -> list[Finding]:
    """A case log whose customer column names people (Gorgias's 'Customer name': Mara Voss), not companies, beside
    its requester's email: where none of the log's names is a customer of the book (``names_customer``: as written or
    spelled alike) and the emails find some, each case's customer is read from its email as match_by_email reads a
    blank one (a contact's address, else a domain one customer's contacts or contract rows hold: a billing export's
    customers.email), said in one info finding per log. A case the email finds no customer for names none, so its
    warning names the email. Changes ``cases`` in place."""
    if cases.empty or "requester_email" not in cases or not (contacts or contracts):
        return []
    owner: Callable[[str], str] | None = None  # built for a log that needs it: the usual one names customers
    findings = []
    # each log's rows, by its file and sheet (a row-wise join of the two columns took 2.6 s for 200,000 cases)
    for log, rows in cases.groupby(["file", "sheet"], sort=False, observed=True).indices.items():
        file, sheet = (str(part) for part in log)  # type: ignore[attr-defined]  # a (file, sheet) pair
        at = cases.index[rows]
        names = [str(n) for n in pd.unique(cases.loc[at, "customer"].astype(object).fillna("")) if str(n).strip()]
        if not names or any(names_customer(n) for n in names):
            continue
        emails = cases.loc[at, "requester_email"].astype(object).fillna("").astype(str)
        if not emails.str.strip().any():
            continue
        owner = owner or _email_owner(contacts, contracts)
        found = emails.map(owner)
        if not (found != "").any():
            continue  # the emails find no customer either: the names are left to say so
        cases["customer"] = cases["customer"].astype(object)
        cases.loc[at, "customer"] = found.to_numpy()
        headed = columns.get((file, sheet), {})
        column, email = headed.get("customer", "Customer"), headed.get("requester_email", "Requester email")
        shown = ", ".join(f"'{n}'" for n in names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        matched = int((found != "").sum())
        said = (
            f"Column '{column}' names people, not customers: none of its names ({shown}) is a customer of the book. "
            f"Each case's customer is read from its requester's email in '{email}' instead: {matched} of "
            f"{len(rows)} matched (by a contact's address or the email's domain)."
        )
        findings.append(Finding(Severity.INFO, said, Source(file, sheet), column))
    if findings:
        cases["customer_key"] = categorical(cases["customer"], customer_key)
    return findings


def _email_owners(contacts: list[Contact], contracts: Iterable[Contract] = ()) -> tuple[dict[str, str], dict[str, str]]:
    """(a contact's address -> its customer, a domain -> the one customer whose contacts, or contract rows' kept email
    columns (a billing export's customers.email), hold it): how a requester's email names a customer."""
    by_email = {c.email.strip().casefold(): c.customer for c in contacts if c.email.strip()}
    owners: dict[str, set[str]] = {}
    for contact in contacts:
        if "@" in contact.email:
            owners.setdefault(contact.email.strip().casefold().rsplit("@", 1)[1], set()).add(customer_key(contact.customer))
    first_of = {customer_key(c.customer): c.customer for c in contacts}
    for contract in contracts:
        for value in contract.extra.values():
            if (found := EMAIL.match(address(str(value))[0].strip())) is not None:
                owners.setdefault(found.group(1).casefold(), set()).add(customer_key(contract.customer))
                first_of.setdefault(customer_key(contract.customer), contract.customer)
    return by_email, {domain: first_of[next(iter(keys))] for domain, keys in owners.items() if len(keys) == 1}


def _email_owner(contacts: list[Contact], contracts: list[Contract]) -> Callable[[str], str]:
    """The customer an email names (_email_owners), "" for none."""
    by_email, by_domain = _email_owners(contacts, contracts)

    def owner(text: str) -> str:
        email = address(text)[0].strip().casefold()
        return by_email.get(email) or by_domain.get(email.rsplit("@", 1)[-1], "") if "@" in email else ""

    return owner


def _one_row_per_case(
    frame: pd.DataFrame, names: pd.Series, sheet: RawSheet, match: TableMatch, findings: list[Finding]
) -> pd.DataFrame:
    """A milestone export's rows folded to one per case: its first row, the First Response milestone's completion
    (``frame._first``: the rows of that milestone, catalog values.first_response_milestones). A case with no such
    row has no known first response: not judged (response_unknown), never read as unanswered and so breached."""
    responded = earliest(frame, "case_id", "first_response")
    has_first = frame.groupby("case_id", sort=False)["_first"].any()
    cases = frame.drop_duplicates("case_id").reset_index(drop=True).drop(columns="_first")
    cases["first_response"] = cases["case_id"].map(responded).astype("datetime64[ns, UTC]")
    unknown = ~cases["case_id"].map(has_first).astype(bool).to_numpy()
    cases["response_unknown"] = cases["response_unknown"].to_numpy(dtype=bool) | unknown
    where = Source(sheet.file, sheet.name, match.header_row)
    findings.append(
        Finding(
            Severity.INFO,
            f"A milestone export: {len(frame)} rows of {len(cases)} cases; each case's first response is its First "
            "Response milestone's completion time.",
            where,
        )
    )
    if unknown.any():
        given = list(dict.fromkeys(n for n in names.astype(str).str.strip() if n))
        shown = ", ".join(f"'{n}'" for n in given[:8]) + (f" and {len(given) - 8} more" if len(given) > 8 else "")
        ids = [str(i) or "one with no ID" for i in cases.loc[unknown, "case_id"]]
        which = (
            "no case has one"
            if unknown.all()
            else f"{len(ids)} case{'s have' if len(ids) != 1 else ' has'} none ({', '.join(ids[:10])}"
            + (f" and {len(ids) - 10} more)" if len(ids) > 10 else ")")
        )
        findings.append(
            Finding(
                Severity.WARNING,
                f"No First Response milestone: {which}, so {'their' if len(ids) != 1 else 'its'} first response is not "
                f"known and {'they are' if len(ids) != 1 else 'it is'} not judged. The export's milestones: {shown}. "
                "If one of them is your first response, add its name to the catalog's "
                "values.first_response_milestones.",
                where,
                match.headers.get(match.columns.get("milestone", -1), "milestone"),
            )
        )
    return cases
