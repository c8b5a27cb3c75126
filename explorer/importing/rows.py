"""Walk the data rows below a header: skip blanks, set totals rows aside, keep the rest."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch
from explorer.importing.values import cell_text
from explorer.model import Finding, Severity, Source

TOTAL_WORDS = {"total", "totals", "grand total", "sum", "count", "subtotal"}


@dataclass(frozen=True)
class DataRow:
    source: Source
    cells: list[Any]
    match: TableMatch

    def get(self, field: str) -> Any:
        index = self.match.columns.get(field)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]

    def text(self, field: str) -> str:
        return cell_text(self.get(field))

    def has(self, field: str) -> bool:
        return field in self.match.columns

    def extra(self) -> dict[str, str]:
        return {header: cell_text(self.cells[i]) if i < len(self.cells) else "" for i, header in self.match.extra.items()}


def data_rows(sheet: RawSheet, match: TableMatch, findings: list[Finding]) -> Iterator[DataRow]:
    """Every non-blank row below the header; a totals row becomes an info finding, not a record."""
    for index in range(match.header_index + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        first = next((c for c in cells if c is not None and c != "" and not (isinstance(c, str) and c.isspace())),
                     None)
        if first is None:
            continue  # a blank row separates nothing from nothing
        source = Source(sheet.file, sheet.name, index + 1)
        if isinstance(first, str) and first.strip().casefold().rstrip(":") in TOTAL_WORDS:
            findings.append(Finding(Severity.INFO, f"Row {index + 1} looks like a totals row ('{first.strip()}'); "
                                    "it is not read as a record.", source))
            continue
        yield DataRow(source, cells, match)
