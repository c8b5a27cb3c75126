"""Formula cells saved without their value (files written by scripts, never opened in Excel).

Spreadsheet readers see such a cell as empty. Asked only when a needed cell is
empty, this reads the sheet's XML once and says which cells hold a formula with
no cached value, so the finding can say why the value is missing.
"""

from __future__ import annotations

import re
import zipfile
from posixpath import dirname, join, normpath

CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?<!/)>\s*<f[^>]*?(?:/>|>(.*?)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>', re.DOTALL)
SHEET = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
SHEET_ID_FIRST = re.compile(rb'<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"')
REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
REL_TARGET_FIRST = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
NOTE = "calculated in Excel but never saved with its value: open and save the file in Excel or LibreOffice"


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1


def _unescape(name: bytes) -> str:
    return (
        name.decode("utf-8")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def uncalculated_cells(path: str, sheet: str) -> dict[tuple[int, int], str]:
    """(1-based row, 0-based column) -> formula, for each formula cell of ``sheet`` without a cached value."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                return {}
            book = archive.read("xl/workbook.xml")
            ids = {_unescape(n): i for n, i in SHEET.findall(book)} or {_unescape(n): i for i, n in SHEET_ID_FIRST.findall(book)}
            rels = archive.read("xl/_rels/workbook.xml.rels")
            targets = {i: t for i, t in REL.findall(rels)} or {i: t for t, i in REL_TARGET_FIRST.findall(rels)}
            target = targets.get(ids.get(sheet, b""))
            if target is None:
                return {}
            part = target.decode("utf-8")
            part = part.lstrip("/") if part.startswith("/") else normpath(join(dirname("xl/workbook.xml"), part))
            if part not in names:
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
