"""Rows that continue the record above them: an export that writes a record's own columns once, on its first row,
with a row per line under it (Odoo's order lines, Salesforce's Case Milestones report grouped by case). One rule for
every table: rows.py applies it to a contract's lines, read_columns to a case's milestones."""

from __future__ import annotations

import numpy as np
import pandas as pd

from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch
from explorer.importing.values import cell_text
from explorer.model import Finding, Severity, Source


def continued(own_blank: np.ndarray, line_filled: np.ndarray) -> np.ndarray:
    """For each row, the index of the record it continues, else -1: a line row leaves the record's own columns blank.
    Such a row that fills a line column continues the nearest row above that fills its own (a wholly blank row
    between them does not end the record); one with no record above continues none."""
    index = pd.Series(np.where(own_blank, np.nan, np.arange(len(own_blank))), dtype="float64").ffill()
    above = index.fillna(-1).to_numpy(dtype=np.int64)
    return np.where(own_blank & line_filled & (above >= 0), above, -1)


def continued_note(rows: list[int], what: str, how: str, taken: list[str]) -> str:
    """The sentence saying which rows continue the ``what`` above them, as ``how`` writes them, and the columns they
    take from it."""
    said = f"{row_spans(rows)} continue{'s' if len(rows) == 1 else ''} the {what} above them, as {how} writes them"
    columns = ", ".join(f"'{t}'" for t in taken)
    return f"{said[:1].upper()}{said[1:]}: they take its {columns}."


def fill_lines(
    raw: dict[str, pd.Series],
    texts: dict[str, pd.Series],
    match: TableMatch,
    lines: tuple[str, ...],
    live: np.ndarray,
    rows: np.ndarray,
    sheet: RawSheet,
) -> list[Finding]:
    """The table's ``lines`` fields (a case's Milestone and its Completion Date) are a line's; every other field read
    is the record's own: a live row whose own fields are all blank and that fills a line field takes the record's
    own fields from the row it continues, filled in place. An info says so."""
    if not lines or not all(f in match.columns and f in raw for f in lines):
        return []
    own = [f for f in match.columns if f in raw and f not in lines]
    blank = {f: raw[f].map(lambda v: cell_text(v) == "").to_numpy(dtype=bool) for f in (*own, *lines)}
    own_blank = np.logical_and.reduce([blank[f] for f in own]) | ~live  # a title or totals line is no record
    above = continued(own_blank, ~np.logical_and.reduce([blank[f] for f in lines]) & live)
    taken = above >= 0
    if not taken.any():
        return []
    for f in own:
        for columns in (raw, texts):
            if f in columns:
                values = columns[f].to_numpy(dtype=object)
                columns[f] = pd.Series(np.where(taken, values[above], values), index=columns[f].index, dtype=object)
    what = "case" if match.kind == "cases" else "record"
    how = f"a report grouped by {what} with a row per '{match.headers.get(match.columns[lines[0]], lines[0])}'"
    said = continued_note(rows[taken].tolist(), what, how, [match.headers.get(match.columns[f], f) for f in own])
    return [Finding(Severity.INFO, said, Source(sheet.file, sheet.name, match.header_row))]


def row_spans(rows: list[int], shown: int = 8) -> str:
    """Sorted 1-based rows as runs: "row 7", or "rows 5, 9–12, 40 and 3 more spans"."""
    spans: list[list[int]] = []
    for r in rows:
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans[:shown])
    more = len(spans) - shown
    return f"row{'' if len(rows) == 1 else 's'} {text}" + (f" and {more} more span{'s' if more != 1 else ''}" if more > 0 else "")
