"""Formula cells saved without their value (files written by scripts, never opened in Excel).

Spreadsheet readers see such a cell as empty. Asked only when a needed cell is
empty, this reads the sheet's XML once and says which cells hold a formula with
no cached value, so the finding can say why the value is missing.
"""

from __future__ import annotations

import re
import zipfile

from explorer.importing.xlsx_parts import sheet_parts

CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?<!/)>\s*<f[^>]*?(?:/>|>(.*?)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>', re.DOTALL)
NOTE = "calculated in Excel but never saved with its value: open and save the file in Excel or LibreOffice"


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


def uncalculated_cells(path: str, sheet: str) -> dict[tuple[int, int], str]:
    """(1-based row, 0-based column) -> formula, for each formula cell of ``sheet`` without a cached value."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_parts(archive).get(sheet)
            if part is None:
                return {}
            xml = archive.read(part)
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return {}
    if b"<f" not in xml:
        return {}
    return {
        (int(row), _column_index(letters)): (formula or b"").decode("utf-8", "replace")
        for letters, row, formula in CELL.findall(xml)
    }
