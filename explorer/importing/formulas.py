"""Cells a spreadsheet reader sees as empty though Excel shows something: why a needed value is missing.

A formula saved without its value (files written by scripts, never opened in Excel) and a cell
holding one of Excel's errors (#N/A from a VLOOKUP that found nothing, #REF!, #VALUE!, ...) both
read as empty. Asked only when a needed cell is empty, this reads the sheet's XML once and says,
for each such cell, what it holds, so the finding can say why the value is missing.
"""

from __future__ import annotations

import html
import re
import zipfile

from explorer.importing.xlsx_parts import sheet_parts

# A formula's text holds no '<' (XML writes it &lt;): a match never runs on into the next cell
CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?<!/)>\s*<f[^>]*?(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>', re.DOTALL)
# t="e": the cached value is an error; its formula (if any) comes before it.
ERROR_CELL = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*?\st="e"[^>]*?(?<!/)>\s*(?:<f[^>]*?(?:/>|>([^<]*)</f>)\s*)?<v>\s*([^<]*?)\s*</v>', re.DOTALL
)
NOTE = "calculated in Excel but never saved with its value: open and save the file in Excel or LibreOffice"
# A formula saved with 0 as its value: XlsxWriter's default until Excel recalculates. A date cell of 0 reads as a
# time of day and a text cell as '0': the cell's own problem is said as the formula's.
ZERO_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?<!/)>\s*<f[^>]*?(?:/>|>([^<]*)</f>)\s*<v>\s*0\s*</v>\s*</c>', re.DOTALL)
ZERO_NOTE = (
    "saved with 0 as its value, as a script writes it before Excel calculates: open and save the file in Excel or LibreOffice"
)


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


def _text(raw: bytes | None) -> str:
    return html.unescape((raw or b"").decode("utf-8", "replace"))


def uncalculated_cells(path: str, sheet: str) -> dict[tuple[int, int], str]:
    """(1-based row, 0-based column) -> what the cell holds, said for a finding ("the cell holds ..."), for each
    cell of ``sheet`` a reader sees as empty or as 0: a formula without a cached value (or XlsxWriter's 0), or an Excel
    error."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_parts(archive).get(sheet)
            if part is None:
                return {}
            xml = archive.read(part)
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return {}
    held: dict[tuple[int, int], str] = {}
    if b"<f" in xml:
        for letters, row, formula in CELL.findall(xml):
            held[int(row), _column_index(letters)] = f"the cell holds the formula ={_text(formula)}, {NOTE}"
        for letters, row, formula in ZERO_CELL.findall(xml):
            held[int(row), _column_index(letters)] = f"the cell holds the formula ={_text(formula)}, {ZERO_NOTE}"
    if b't="e"' in xml:
        for letters, row, formula, error in ERROR_CELL.findall(xml):
            cause = f" (its formula ={_text(formula)} failed)" if formula else ""
            held[int(row), _column_index(letters)] = f"the cell holds Excel's error {_text(error)}{cause}"
    return held
