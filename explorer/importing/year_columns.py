"""Tiers kept a column per year ('2024 | 2025 | 2026' holding 'Premier', 'Premier Plus'): which is the tier?

A hand-kept book tracks upgrades so, and has no Tier column. Which year's column is the term's tier depends on
when the term runs and on the book's own fiscal year, so nothing is guessed: the columns are named once, with
how to map the right one, instead of a bare 'the tier is missing' on every row.
"""

from __future__ import annotations

import re

from explorer.catalog import Catalog
from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch, is_filled

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
