"""Row-by-row access to a table's body, for the tables whose rows need per-row rules (contracts, holidays)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from explorer.catalog import Catalog
from explorer.importing.columns import read_columns
from explorer.importing.headers import LINE_PATH
from explorer.importing.readers import RawSheet
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
    columns. The export says so by its headers; a hand-kept book's blank customer is never carried down."""
    lined = {i for i, h in match.headers.items() if LINE_PATH.fullmatch(h.strip())}
    own = [f for f, i in match.columns.items() if i not in lined]
    own_extras = [h for i, h in match.extra.items() if i not in lined]
    out: list[DataRow] = []
    record: DataRow | None = None
    continued: list[int] = []
    for row in rows:
        blank = not any(row.text(f) for f in own) and not any(row.extras.get(h) for h in own_extras)
        if blank and record is not None and any(row.text(f) for f in match.columns if f not in own):
            cells = {**row.cells, **{f: record.cells[f] for f in own if f in record.cells}}
            texts = {**row.texts, **{f: record.texts[f] for f in own if f in record.texts}}
            extras = {**row.extras, **{h: record.extras.get(h, "") for h in own_extras}}
            out.append(replace(row, cells=cells, texts=texts, extras=extras))
            continued.append(row.source.row or 0)
            continue
        record = row if not blank else record
        out.append(row)
    if continued:
        taken = ", ".join(f"'{match.headers.get(match.columns[f], f)}'" for f in own)
        first = match.headers[min(lined)]
        said = f"{row_spans(continued)} continue{'s' if len(continued) == 1 else ''} the record above them"
        findings.append(
            Finding(
                Severity.INFO,
                f"{said[:1].upper()}{said[1:]}, as an export of records with their lines ('{first}') writes them: "
                f"they take its {taken}.",
                Source(rows[0].source.file, rows[0].source.sheet, match.header_row),
            )
        )
    return out


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
