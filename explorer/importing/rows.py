"""Row-by-row access to a table's body, for the tables whose rows need per-row rules (contracts, holidays)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explorer.catalog import Catalog
from explorer.importing.columns import read_columns
from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch
from explorer.model import Finding, Source


@dataclass(frozen=True)
class DataRow:
    source: Source
    cells: dict[str, Any]  # field -> the cell as read
    texts: dict[str, str]  # field -> its text
    extras: dict[str, str]  # unrecognised column header -> text
    match: TableMatch

    def get(self, field: str) -> Any:
        return self.cells.get(field, "")

    def text(self, field: str) -> str:
        return self.texts.get(field, "")

    def has(self, field: str) -> bool:
        return field in self.match.columns

    def extra(self) -> dict[str, str]:
        return self.extras


def data_rows(
    sheet: RawSheet, match: TableMatch, findings: list[Finding], catalog: Catalog, needed: tuple[str, ...] = ()
) -> list[DataRow]:
    """Every record below the header; totals, footers and repeated headers become info findings, not records.
    A table without a Region column may still take one from a group heading that names it (read_columns)."""
    fields = list(match.columns)
    if "region" in catalog.tables[match.kind].fields and "region" not in match.columns:
        fields.append("region")
    table = read_columns(sheet, match, fields, findings, catalog, needed=needed)
    fields = list(table.raw)
    cells = list(zip(*(table.raw[f].tolist() for f in fields), strict=True)) if fields else []
    texts = list(zip(*(table.texts[f].tolist() for f in fields), strict=True)) if fields else []
    return [
        DataRow(
            Source(sheet.file, sheet.name, int(row)),
            dict(zip(fields, c, strict=True)),
            dict(zip(fields, t, strict=True)),
            extra,
            match,
        )
        for row, c, t, extra in zip(table.rows.tolist(), cells, texts, table.extras(), strict=True)
    ]
