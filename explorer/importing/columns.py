"""A table's body column by column: the one place blank and totals rows are told apart.

Each field becomes a Series; text is computed once per distinct value; blank rows
are dropped and totals rows set aside (with an info finding) in one vectorised pass.
Long tables (contacts, cases) work on the columns; contracts and holidays walk
them row by row through explorer.importing.rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch
from explorer.importing.values import cell_text
from explorer.model import Finding, Severity, Source

TOTAL_WORDS = {"total", "totals", "grand total", "sum", "count", "subtotal"}


@dataclass
class Columns:
    rows: np.ndarray  # the spreadsheet row number of each kept row
    raw: dict[str, pd.Series]  # field -> cells as read
    texts: dict[str, pd.Series]  # field -> cell text
    extra: dict[str, pd.Series]  # unrecognised column header -> cell text

    def __len__(self) -> int:
        return len(self.rows)

    def extras(self) -> list[dict[str, str]]:
        """Each row's unrecognised columns, as written."""
        if not self.extra:
            return [{} for _ in range(len(self))]
        headers = list(self.extra)
        return [dict(zip(headers, values, strict=True)) for values in
                zip(*(self.extra[h].tolist() for h in headers), strict=True)]


def _column(body: list[list[Any]], index: int | None) -> pd.Series:
    if index is None:
        return pd.Series([""] * len(body), dtype=object)
    return pd.Series([r[index] if index < len(r) else "" for r in body], dtype=object)


def texts_of(series: pd.Series) -> pd.Series:
    """cell_text over a column, computed once per distinct value (IDs are all distinct: fast paths for them)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    values = list(uniques)
    if all(type(v) is str for v in values):
        mapped = np.array([v.strip() for v in values], dtype=object)
    elif all(type(v) is float and v.is_integer() for v in values):  # numeric IDs read as floats
        mapped = np.asarray(uniques, dtype=np.float64).astype(np.int64).astype(str).astype(object)
    else:
        mapped = np.array([cell_text(u) for u in values], dtype=object)
    return pd.Series(mapped[codes], index=series.index, dtype=object)


def map_distinct(texts: pd.Series, fn: Callable[[str], Any]) -> pd.Series:
    codes, uniques = pd.factorize(texts, use_na_sentinel=False)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [fn(str(u)) for u in uniques]
    return pd.Series(mapped[codes], index=texts.index, dtype=object)


def read_columns(sheet: RawSheet, match: TableMatch, fields: Iterable[str], findings: list[Finding],
                 raw_only: Iterable[str] = ()) -> Columns:
    """The fields of a table's body; ``raw_only`` fields (timestamps: a distinct value per row) get no text."""
    body = sheet.rows[match.header_index + 1:]
    raw = {field: _column(body, match.columns.get(field)) for field in fields}
    texts = {field: texts_of(series) for field, series in raw.items() if field not in set(raw_only)}
    extra = {header: texts_of(_column(body, index)) for index, header in match.extra.items()}
    rows = np.arange(len(body), dtype=np.int64) + match.header_index + 2
    filled = np.zeros(len(body), dtype=bool)
    for field, series in raw.items():
        if field in match.columns:
            values = texts.get(field, series).to_numpy(dtype=object)
            filled |= values != ""
    for series in extra.values():
        filled |= series.to_numpy(dtype=object) != ""
    # Cells under no header at all still make a row non-blank, and can hold its "Total" label.
    named = {*match.columns.values(), *match.extra}
    width = max((len(r) for r in body), default=0)
    unnamed = {i: texts_of(_column(body, i)) for i in range(width) if i not in named}
    unnamed = {i: t for i, t in unnamed.items() if (t.to_numpy(dtype=object) != "").any()}
    for series in unnamed.values():
        filled |= series.to_numpy(dtype=object) != ""
    # A totals row: its first filled cell, in column order, says Total (or Sum, Count...).
    by_position = sorted([(match.columns[f], t) for f, t in texts.items() if f in match.columns]
                         + [(i, extra[h]) for i, h in match.extra.items()] + list(unnamed.items()),
                         key=lambda pair: pair[0])
    first_text = np.full(len(body), "", dtype=object)
    for _, series in by_position:
        cells = series.to_numpy(dtype=object)
        take = (first_text == "") & (cells != "")
        first_text[take] = cells[take]
    first = pd.Series(first_text, dtype=object)
    totals = first.str.casefold().str.rstrip(":").isin(TOTAL_WORDS).to_numpy(dtype=bool) & filled
    for i in np.flatnonzero(totals).tolist():
        findings.append(Finding(Severity.INFO, f"Row {rows[i]} looks like a totals row ('{first_text[i]}'); "
                                "it is not read as a record.", Source(sheet.file, sheet.name, int(rows[i]))))
    keep = filled & ~totals
    return Columns(rows[keep], {k: v[keep].reset_index(drop=True) for k, v in raw.items()},
                   {k: v[keep].reset_index(drop=True) for k, v in texts.items()},
                   {k: v[keep].reset_index(drop=True) for k, v in extra.items()})
