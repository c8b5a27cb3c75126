"""Row-by-row access to a table's body, for the tables whose rows need per-row rules (contracts, holidays)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from explorer.catalog import Catalog
from explorer.importing.columns import read_columns
from explorer.importing.headers import LINE_PATH
from explorer.importing.readers import RawSheet
from explorer.importing.record_lines import continued, continued_note
from explorer.importing.tables import TableMatch
from explorer.model import Finding, Severity, Source


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
    out = [
        DataRow(
            Source(sheet.file, sheet.name, int(row)),
            dict(zip(fields, c, strict=True)),
            dict(zip(fields, t, strict=True)),
            extra,
            match,
        )
        for row, c, t, extra in zip(table.rows.tolist(), cells, texts, table.extras(), strict=True)
    ]
    return _record_lines(out, match, findings) if any(LINE_PATH.fullmatch(h.strip()) for h in match.layout) else out


def _record_lines(rows: list[DataRow], match: TableMatch, findings: list[Finding]) -> list[DataRow]:
    """An ERP's export of records with their lines (Odoo: "Order Lines/Product"): a record's own columns are written
    on its first line only, so a row that fills only line columns continues the record above and takes its
    columns (continued). The export says so by its headers; a hand-kept book's blank customer is never carried down."""
    lined = {i for i, h in match.headers.items() if LINE_PATH.fullmatch(h.strip())}
    own = [f for f, i in match.columns.items() if i not in lined]
    own_extras = [h for i, h in match.extra.items() if i not in lined]
    own_blank = np.array([not any(row.text(f) for f in own) and not any(row.extras.get(h) for h in own_extras) for row in rows])
    line_filled = np.array([any(row.text(f) for f in match.columns if f not in own) for row in rows])
    above = continued(own_blank, line_filled)
    out: list[DataRow] = []
    for row, at in zip(rows, above.tolist(), strict=True):
        if at < 0:
            out.append(row)
            continue
        record = rows[at]
        cells = {**row.cells, **{f: record.cells[f] for f in own if f in record.cells}}
        texts = {**row.texts, **{f: record.texts[f] for f in own if f in record.texts}}
        extras = {**row.extras, **{h: record.extras.get(h, "") for h in own_extras}}
        out.append(replace(row, cells=cells, texts=texts, extras=extras))
    if (above >= 0).any():
        taken = [match.headers.get(match.columns[f], f) for f in own]
        how = f"an export of records with their lines ('{match.headers[min(lined)]}')"
        said = continued_note([r.source.row or 0 for r, a in zip(rows, above, strict=True) if a >= 0], "record", how, taken)
        findings.append(
            Finding(
                Severity.INFO,
                said,
                Source(rows[0].source.file, rows[0].source.sheet, match.header_row),
            )
        )
    return out
