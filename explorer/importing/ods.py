"""Merged ranges and hidden rows of an OpenDocument sheet, which python-calamine does not report for .ods files.

An .ods cell that spans others says so itself (table:number-rows-spanned and
table:number-columns-spanned); the cells it covers follow as covered-table-cell
elements. A row hidden by hand or in a collapsed group has table:visibility="collapse",
one a filter hides "filter". Rows and cells may stand for several (number-rows-repeated,
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
    return sheet_layout(path, sheet, 0)[0]


def sheet_layout(path: Path | str, sheet: str, rows: int) -> tuple[list[Range], tuple[int, ...]]:
    """The merged ranges of ``sheet`` in the .ods at ``path``, and which of its first ``rows`` rows it hides
    (1-based); none where the file holds none or cannot say."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            return _layout(content, sheet, rows)
    except (OSError, KeyError, zipfile.BadZipFile, SyntaxError, ValueError):  # ParseError is a SyntaxError
        return [], ()  # the reader has read the sheet already; a damaged part only means nothing to carry or say


def _layout(content, sheet: str, rows_read: int) -> tuple[list[Range], tuple[int, ...]]:  # type: ignore[no-untyped-def]
    out: list[Range] = []
    hidden: list[int] = []
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
                repeated = int(element.get(f"{TABLE}number-rows-repeated", "1"))
                if element.get(f"{TABLE}visibility", "visible") != "visible" and row < rows_read:
                    hidden.extend(range(row + 1, min(row + repeated, rows_read) + 1))  # a trailing run may repeat a million times
                row += repeated
                element.clear()
        elif tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell") and event == "start":
            rows = int(element.get(f"{TABLE}number-rows-spanned", "1"))
            columns = int(element.get(f"{TABLE}number-columns-spanned", "1"))
            if rows > 1 or columns > 1:
                out.append(((row, column), (row + rows - 1, column + columns - 1)))
            column += int(element.get(f"{TABLE}number-columns-repeated", "1"))
    return out, tuple(hidden)


OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def table_extents(content) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    """(name, rows, columns) of each table as a reader expands it: repeated rows and cells counted out, up to the
    last row and column holding a value (trailing empty repeats, which fill every saved sheet, cost nothing)."""
    found: list[tuple[str, int, int]] = []
    name, row, last_row, last_column = "", 0, 0, 0
    column = row_end = 0
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if tag == f"{TABLE}table":
            if event == "start":
                name, row, last_row, last_column = element.get(f"{TABLE}name", ""), 0, 0, 0
            else:
                found.append((name, last_row, last_column))
                element.clear()
        elif tag == f"{TABLE}table-row":
            if event == "start":
                column = row_end = 0
            else:
                repeated = int(element.get(f"{TABLE}number-rows-repeated", "1"))
                if row_end:
                    last_row, last_column = row + repeated, max(last_column, row_end)
                row += repeated
                element.clear()
        elif tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell") and event == "end":
            repeated = int(element.get(f"{TABLE}number-columns-repeated", "1"))
            if len(element) or element.get(f"{OFFICE}value-type"):
                row_end = column + repeated
            column += repeated
    return found
