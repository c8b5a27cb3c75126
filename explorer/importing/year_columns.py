"""Columns kept a year apart in a contracts table.

Tiers a column per year ('2024 | 2025 | 2026' holding 'Premier', 'Premier Plus'): which is the tier? A hand-kept
book tracks upgrades so, and has no Tier column. Which year's column is the term's tier depends on when the term
runs and on the book's own fiscal year, so nothing is guessed: the columns are named once, with how to map the right
one, instead of a bare 'the tier is missing' on every row.

A renewal book's fiscal-year sets side by side ('FY26 Tier | FY26 Start | FY26 End | FY27 Tier | FY27 Start | FY27
End'): each is a term of its own (fiscal_rows), so the one in force on any day is read whichever year it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from explorer.catalog import Catalog
from explorer.importing.headers import fiscal_sets, fiscal_unpaired
from explorer.importing.readers import RawSheet
from explorer.importing.rows import DataRow
from explorer.importing.tables import TableMatch, is_filled
from explorer.importing.values import cell_text
from explorer.model import Finding, Severity, Source

YEAR_HEADER = re.compile(r"(?:FY\s*'?)?(?:19|20)\d{2}|FY\s*'?\d{2}", re.IGNORECASE)  # 2024, FY25, FY 2026
LOOK_ROWS = 200


def tier_year_columns(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> list[str]:
    """The headers of a contracts table's year columns that hold tiers (most of their filled cells name one of the
    row's product's programs), where the table has no tier column; empty otherwise."""
    if match.kind != "contracts" or "program" in match.columns:
        return []
    years = {i: h for i, h in match.extra.items() if YEAR_HEADER.fullmatch(h.strip())}
    if not years:
        return []
    filled, tiers = _tiers(sheet, match, catalog, list(years))
    return list(years.values()) if tiers and tiers * 2 >= filled else []


def tier_like_columns(sheet: RawSheet, match: TableMatch, catalog: Catalog, kept: list[str]) -> list[str]:
    """Of a contracts table's ``kept`` headers (columns no rule reads), those whose every filled cell is a tier of
    its row's product (Catalyst's 'Segment': Premier Plus, Premier), where the table has no tier column. Such a
    column is named, not read: a segment may only happen to share a tier's name."""
    if match.kind != "contracts" or "program" in match.columns:
        return []
    out = []
    for i, header in match.extra.items():
        if header in kept and not YEAR_HEADER.fullmatch(header.strip()):
            filled, tiers = _tiers(sheet, match, catalog, [i])
            if filled and tiers == filled:
                out.append(header)
    return out


def _tiers(sheet: RawSheet, match: TableMatch, catalog: Catalog, columns: list[int]) -> tuple[int, int]:
    """(Filled cells, cells naming a tier of their row's product, of any where it names none) of ``columns``."""
    at = match.columns.get("product")
    products = list(catalog.products.values())
    filled = tiers = 0
    for row in match.body(sheet.rows)[:LOOK_ROWS]:
        named = catalog.product_for(str(row[at]).strip()) if at is not None and at < len(row) else None
        for i in columns:
            cell = row[i] if i < len(row) else None
            if is_filled(cell):
                filled += 1
                text = str(cell).strip()
                tiers += any(catalog.program_for(p, text) is not None for p in ([named] if named else products))
    return filled, tiers


def fiscal_rows(rows: list[DataRow], sheet: RawSheet, match: TableMatch) -> tuple[list[DataRow], list[Finding]]:
    """A contracts table's rows with one row per fiscal-year set each fills ('FY26 Tier | FY26 Start | FY26 End'
    beside 'FY27 ...'), oldest first: the set's own cells and columns (its findings name them), the row's other
    columns and its source; and an info naming the sets. A set left blank is no term; a row that leaves every set
    blank keeps the one read (its missing cells are its errors). Rows as they are where the table has no such sets.

    The book is loaded once and judged on any day, so no year is chosen: the term in force is the one whose dates
    hold the day, and history sees each year's term as a row of its own (a renewal keeps its add-ons' first start)."""
    sets = fiscal_sets(match.headers, match.columns) if match.kind == "contracts" else []
    if not sets:
        return rows, _unpaired(sheet, match)
    read = next((s for s in sets if s.read), None)  # None: the table read its fields from two years' columns
    fields = {f for s in sets for f in s.columns}
    kept = {f: i for f, i in match.columns.items() if f not in fields}  # the row's own: customer, product...
    matches = {s.year: replace(match, columns={**kept, **s.columns}) for s in sets if s is not read}
    by_year = {match.headers[i] for s in sets for i in s.columns.values()}  # every year's columns, as headed
    out: list[DataRow] = []
    for row in rows:
        each, fallback = [], row  # a row that leaves every year blank: the read columns name its errors
        for fiscal in sets:
            if fiscal is read:
                if any(row.text(f) for f in fiscal.columns):
                    each.append(row)
                continue
            cells = sheet.rows[(row.source.row or 0) - 1] if row.source.row else ()
            raw = {f: cells[i] if i < len(cells) else "" for f, i in fiscal.columns.items()}
            texts = {f: row.extras.get(match.headers[i], cell_text(raw[f])) for f, i in fiscal.columns.items()}
            blank = {f: "" for f in fields if f not in fiscal.columns}  # this year has no such column
            year = replace(
                row,
                cells={**row.cells, **blank, **raw},
                texts={**row.texts, **blank, **texts},
                match=matches[fiscal.year],
            )
            if any(texts.values()):
                each.append(year)
            elif fiscal is sets[-1] and read is None:
                fallback = year  # read from two years' columns: the latest year's name them
        # each year's term is read from its own columns: none of the years' columns is an 'other column' of any
        out += [replace(r, extras={h: v for h, v in r.extras.items() if h not in by_year}) for r in each or [fallback]]
    named = "; ".join(f"{s.label} ({', '.join(repr(h) for h in s.headers(match.headers))})" for s in sets)
    said = (
        f"Columns of {len(sets)} fiscal years name the term: {named}. Each year's is read as a term of its own, with "
        "the row's other columns; a year a row leaves blank is no term of that row."
    )
    return out, [Finding(Severity.INFO, said, Source(sheet.file, sheet.name, match.header_row))]


def _unpaired(sheet: RawSheet, match: TableMatch) -> list[Finding]:
    """A warning where a contracts table reads its term from a fiscal year's columns beside another year's that could
    not be read as a term of their own (headers.fiscal_unpaired): that year's term is not judged, and is never
    dropped in silence."""
    years = fiscal_unpaired(match.headers, match.columns) if match.kind == "contracts" else {}
    if not years:
        return []
    named = "; ".join(f"{y} ({', '.join(repr(h) for h in hs)})" for y, hs in years.items())
    read = ", ".join(repr(match.headers[i]) for i in sorted(match.columns.values()))
    said = (
        f"Columns of {len(years)} fiscal years: {named}. Their headers do not pair up year by year (the same words "
        f"after each year), so no year is read as a term of its own: only {read} are read, and the other years' terms "
        "are not judged. Give each year's columns the same words after the year, or map the columns."
    )
    return [Finding(Severity.WARNING, said, Source(sheet.file, sheet.name, match.header_row))]
