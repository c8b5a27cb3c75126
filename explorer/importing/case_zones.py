"""A case log's zone column (Time Zone, TZ, Ticket time zone): the zone each row's times are written in.

Each distinct value is read once (a log has few): an IANA name, a Windows or display name, an abbreviation as the
catalog maps it, or an offset ('+02:00', 'UTC-5', 'GMT+1') as a fixed one. cases.parse_timestamps reads each
row's naive times in its zone, grouped by zone.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from explorer.catalog import Catalog
from explorer.importing.columns import factorize
from explorer.importing.places import OFFSET, parse_timezone
from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch
from explorer.model import Finding, Severity, Source

UTC_WORDS = {"UTC", "GMT", "Z", "ZULU", "UCT", "ETC/UTC", "ETC/GMT"}  # the catalog reads the abbreviation GMT as London's
SHOWN = 4  # zones named in the info; more are counted
STAMPS = ("opened", "first_response", "milestone_completed")  # a case log's fields that hold times of day


def case_zone(text: str, catalog: Catalog) -> str | None:
    """The zone one cell names (an IANA name, or a fixed offset as '+05:30'); None for text that names none."""
    raw = text.strip()
    if raw.upper() in UTC_WORDS:
        return "UTC"
    offset = OFFSET.match(raw.replace(" ", ""))
    if offset:  # an offset is a fixed one here: the row gives no country to pick a zone at it
        hours, minutes = int(offset[2]), int(offset[3] or 0)
        if hours > 14 or minutes >= 60:
            return None
        sign = "-" if offset[1] in "-\u2212" and (hours or minutes) else "+"
        return f"{sign}{hours:02d}:{minutes:02d}"
    zone, _ = parse_timezone(raw, catalog)  # abbreviations, IANA, Windows and display names, tz database cities
    return zone


def zone_column(
    texts: Mapping[str, pd.Series], rows: np.ndarray, sheet: RawSheet, match: TableMatch, catalog: Catalog, log_zone: str
) -> tuple[pd.Series | None, list[Finding]]:
    """(each row's zone, "" where it keeps the log's ``log_zone``; the findings), None where the log has no zone
    column. A time header's unit ('Created at (UTC)') is said of that column alone, so it keeps it over the row's
    zone. None too where no time column is left to read in the row's zone, or where the column names no zone at
    all (a sales 'Zone' of regions, say): one info says it is not read."""
    if "time_zone" not in match.columns:
        return None, []
    column = match.headers.get(match.columns["time_zone"], "")
    where = Source(sheet.file, sheet.name, match.header_row)
    stamps = {match.headers.get(match.columns[f], f): match.zones.get(f) for f in STAMPS if f in match.columns}
    header_zones = {h: z for h, z in stamps.items() if z is not None}
    if len(header_zones) == len(stamps):
        kept = ", ".join(f"'{h}' in {z}" for h, z in header_zones.items())
        said = f"Column '{column}' is not used: each time column's header names its zone ({kept})."
        return None, [Finding(Severity.INFO, said, where, column)]
    codes, uniques = factorize(texts["time_zone"])
    read = [case_zone(str(u), catalog) if str(u).strip() else "" for u in uniques]
    values = [str(u).strip() for u in uniques]
    unknown = [k for k, z in enumerate(read) if z is None]
    if len(unknown) == len([v for v in values if v]):
        shown = ", ".join(f"'{v}'" for v in values if v)[:120]
        said = (
            f"Column '{column}' names no time zone ({shown}); it is kept as it is, and case times are read in {log_zone}."
            if shown
            else f"Column '{column}' is empty; case times are read in {log_zone}."
        )
        return None, [Finding(Severity.INFO, said, where, column)]
    findings = []
    counts = np.bincount(codes, minlength=len(uniques))
    for k in unknown:
        first = int(rows[int(np.flatnonzero(codes == k)[0])])
        n = int(counts[k])
        findings.append(
            Finding(
                Severity.WARNING,
                f"Time zone '{values[k]}' ({n} case{'s' if n != 1 else ''}, first on row {first}) is not a time zone "
                f"this app knows; {'their' if n != 1 else 'its'} times are read in {log_zone}, as the log's times "
                "without a zone are. Write an IANA name (America/New_York).",
                Source(where.file, where.sheet, first),
                column,
            )
        )
    zones = [z or "" for z in read]
    per_row = pd.Series(np.asarray(zones, dtype=object)[codes], index=texts["time_zone"].index, dtype=object)
    findings.insert(0, _read_info(values, zones, counts, column, log_zone, header_zones, where))
    return per_row, findings


def _read_info(
    values: list[str],
    zones: list[str],
    counts: np.ndarray,
    column: str,
    log_zone: str,
    header_zones: Mapping[str, str],
    where: Source,
) -> Finding:
    distinct = sorted({z for z in zones if z})
    named = ", ".join(distinct[:SHOWN]) + (f" and {len(distinct) - SHOWN} more" if len(distinct) > SHOWN else "")
    zones_read = f"{len(distinct)} zone{'s' if len(distinct) != 1 else ''}: {named}"
    parts = [f"Case times read in each row's zone from '{column}' ({zones_read})"]
    spelled = [f"'{v}' as {z}" for v, z in zip(values, zones, strict=True) if z and v != z]
    if spelled:
        parts.append("read " + ", ".join(spelled[:SHOWN]) + (", ..." if len(spelled) > SHOWN else ""))
    blank = sum(int(n) for v, n in zip(values, counts, strict=True) if not v)
    if blank:
        parts.append(f"{blank} row{'s' if blank != 1 else ''} with no zone read in {log_zone}")
    said = "; ".join(parts) + ". A time written with its own zone or offset keeps it"
    if header_zones:
        kept = ", ".join(f"'{h}' in {z}" for h, z in header_zones.items())
        said += f"; a header that names its zone keeps it too ({kept}), over the row's zone"
    return Finding(Severity.INFO, said + ".", where, column)
