"""Find the tables in a sheet by their header row, not by the sheet's name.

Title rows, blank rows and notes above the header are skipped; the header is the
row whose cells name the most fields of one table kind (contracts, contacts,
cases, holidays), through the header spellings in the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.catalog import Catalog, TableSpec, fold
from explorer.importing.readers import Cell, RawSheet

HEADER_SCAN_ROWS = 40


@dataclass(frozen=True)
class TableMatch:
    kind: str  # a table id of the catalog
    header_index: int  # 0-based index into RawSheet.rows
    columns: dict[str, int]  # field -> column index
    headers: dict[int, str]  # column index -> header as written, for every non-blank header
    extra: dict[int, str]  # unrecognised columns: index -> header as written

    @property
    def header_row(self) -> int:
        return self.header_index + 1


def _match_row(spec: TableSpec, cells: list[Cell], aliases: dict[str, set[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell.strip():
            continue
        key = fold(cell)
        for name, spellings in aliases.items():
            if name not in found and key in spellings:
                found[name] = index
                break
    return found


def find_table(sheet: RawSheet, catalog: Catalog) -> TableMatch | None:
    """The best header row of the sheet, or None when it holds no known table."""
    best: tuple[int, int, str, dict[str, int]] | None = None
    alias_sets = {
        spec.id: {name: {fold(a) for a in (name, *spellings)} for name, spellings in spec.fields.items()}
        for spec in catalog.tables.values()
    }
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        for spec in catalog.tables.values():
            found = _match_row(spec, row, alias_sets[spec.id])
            if len(found) < spec.min_fields or any(r not in found for r in spec.required):
                continue
            score = len(found)
            if best is None or score > best[0]:
                best = (score, index, spec.id, found)
    if best is None:
        return None
    _, index, kind, columns = best
    row = sheet.rows[index]
    headers = {i: str(c).strip() for i, c in enumerate(row) if isinstance(c, str) and c.strip()}
    used = set(columns.values())
    extra = {i: h for i, h in headers.items() if i not in used}
    return TableMatch(kind, index, columns, headers, extra)
