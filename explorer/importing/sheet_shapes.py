"""Sheets that hold no table and never will: a pivot, a two-column lookup list, Apple Numbers' export summary.

A sheet with rows of data and no table is a warning that asks the user to map its columns; for these
shapes that advice is wrong (no mapping makes a pivot or a lookup list a table of contracts), so the
sheet is named for what it looks like in an info finding instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from explorer.catalog import Catalog
from explorer.importing.readers import Cell, RawSheet
from explorer.importing.tables import find_tables, is_blank, is_filled

PIVOT_LABELS = {"row labels", "column labels", "grand total"}  # Excel's pivot table captions
PIVOT_VALUES = re.compile(r"(?:count|sum|average|max|min) of \S", re.IGNORECASE)  # "Count of Customer"
# Numbers' "Include a summary worksheet": its note, then 'Numbers Sheet Name', 'Numbers Table Name', 'Excel Worksheet Name'
NUMBERS_SUMMARY = {"sheet name", "table name"}
NUMBERS_NOTE = "this document was exported from numbers"
LOOK_ROWS = 200  # rows looked at for the captions


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _quoted(texts: list[str]) -> str:
    return ", ".join(f"'{t}'" for t in dict.fromkeys(texts))


def _captions(row: Sequence[Cell]) -> list[str]:
    """A row's pivot table captions. 'Grand Total' is one only where it begins the row (a pivot's totals line) or
    the row holds another caption ('Row Labels | 2025 | Grand Total'): a header cell among ordinary headers
    (PandaDoc's 'Grand total', a document's amount) is a column."""
    texts = [c.strip() for c in row if isinstance(c, str) and c.strip()]
    found = [t for t in texts if _words(t) in PIVOT_LABELS or PIVOT_VALUES.match(t)]
    first = next((str(c).strip() for c in row if is_filled(c)), "")
    totals = [t for t in found if _words(t) == "grand total"]
    if totals and len(found) == len(totals) and first not in totals:
        return []
    return found


def _columns_at_most(sheet: RawSheet, most: int) -> bool:
    """Whether the sheet's filled cells lie in ``most`` columns or fewer (stops at the first beyond)."""
    columns: set[int] = set()
    for row in sheet.rows:
        columns.update(i for i, cell in enumerate(row) if is_filled(cell))
        if len(columns) > most:
            return False
    return True


def summary_shape(sheet: RawSheet, near_kind: str | None) -> str | None:
    """The info finding for a sheet shaped like a summary or a lookup list, else None (``near_kind``: the table
    kind its closest header came to, if any; a two-column holiday list is a table that failed, not a list)."""
    texts = [c.strip() for row in sheet.rows[:LOOK_ROWS] for c in row if isinstance(c, str) and c.strip()]
    captions = [t for row in sheet.rows[:LOOK_ROWS] for t in _captions(row)]
    if any(_words(t) in PIVOT_LABELS for t in captions):
        return f"Sheet '{sheet.name}' looks like a pivot table ({_quoted(captions)}): a summary of other rows; not read."
    if {_words(t).removeprefix("numbers ") for t in texts} >= NUMBERS_SUMMARY or any(
        _words(t).startswith(NUMBERS_NOTE) for t in texts[:3]
    ):
        return (
            f"Sheet '{sheet.name}' is the summary sheet Apple Numbers adds to an export (it lists the sheets and "
            "tables); not read."
        )
    if _columns_at_most(sheet, 2) and near_kind != "holidays":
        first = next(row for row in sheet.rows if not is_blank(row))
        rows = sum(1 for row in sheet.rows if not is_blank(row)) - 1
        headers = _quoted([str(c).strip() for c in first if is_filled(c)])
        return (
            f"Sheet '{sheet.name}' looks like a lookup list of two columns ({headers}, "
            f"{rows} row{'s' if rows != 1 else ''} below), not a table of contracts, contacts, cases or holidays; not read."
        )
    return None


def turned_table(sheet: RawSheet, catalog: Catalog) -> str | None:
    """Where a sheet writes its fields down a column and a record per column (a hand-kept sheet laid out sideways):
    what to do, as a clause; None where it does not. No mapping turns a sheet: the advice to map one is wrong."""
    rows = sheet.rows[:LOOK_ROWS]
    width = min(max((len(r) for r in rows), default=0), LOOK_ROWS)
    if width < 2:
        return None
    turned = [[r[i] if i < len(r) else "" for r in rows] for i in range(width)]
    tables, _ = find_tables(replace(sheet, rows=turned), catalog)
    if not tables:
        return None
    match = tables[0]
    names = ", ".join(f"'{match.headers[c]}'" for c in sorted(match.columns.values())[:5])
    what = catalog.tables[match.kind].label.lower()
    return (
        f"its fields run down a column ({names}), a {what} record in each column: turn the table (copy it, then "
        "Paste Special > Transpose) so each record is a row"
    )
