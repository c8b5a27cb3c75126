"""Merged ranges of an OpenDocument sheet, which python-calamine does not report for .ods files.

An .ods cell that spans others says so itself (table:number-rows-spanned and
table:number-columns-spanned); the cells it covers follow as covered-table-cell
elements. Rows and cells may stand for several (number-rows-repeated,
number-columns-repeated), so positions are counted, never allocated.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import iterparse

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
Range = tuple[tuple[int, int], tuple[int, int]]  # ((top, left), (bottom, right)), 0-based, as calamine gives them


def merged_ranges(path: Path | str, sheet: str) -> list[Range]:
    """The merged ranges of ``sheet`` in the .ods at ``path``; none where the file holds none or cannot say."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            return _ranges(content, sheet)
    except (OSError, KeyError, zipfile.BadZipFile, SyntaxError, ValueError):  # ParseError is a SyntaxError
        return []  # the reader has read the sheet already; a damaged part only means no ranges to carry


def _ranges(content, sheet: str) -> list[Range]:  # type: ignore[no-untyped-def]
    out: list[Range] = []
    inside = False
    row = column = 0
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if tag == f"{TABLE}table":
            if event == "start":
                inside, row = element.get(f"{TABLE}name") == sheet, 0
            elif inside:
                break
            continue
        if not inside:
            if event == "end":
                element.clear()
            continue
        if tag == f"{TABLE}table-row":
            if event == "start":
                column = 0
            else:
                row += int(element.get(f"{TABLE}number-rows-repeated", "1"))
                element.clear()
        elif tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell") and event == "start":
            rows = int(element.get(f"{TABLE}number-rows-spanned", "1"))
            columns = int(element.get(f"{TABLE}number-columns-spanned", "1"))
            if rows > 1 or columns > 1:
                out.append(((row, column), (row + rows - 1, column + columns - 1)))
            column += int(element.get(f"{TABLE}number-columns-repeated", "1"))
    return out
