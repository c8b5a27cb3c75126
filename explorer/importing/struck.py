"""Cells an .xlsx workbook draws struck through: how a hand-kept book deletes a row and keeps it in sight.

The readers give values, not fonts, so the styles are read here from the archive: the fonts with a
<strike/>, the cell formats (cellXfs) that use them, and the cells of a sheet whose s= attribute names
one of those formats. The sheet's XML is scanned only where some format strikes (most books have none),
in pieces, by one pattern that matches only the struck cells; the archive's sizes were measured by
explorer.importing.safety before any of this is read.
"""

from __future__ import annotations

import re
import zipfile

from explorer.importing.safety import chunks
from explorer.importing.xlsx_parts import sheet_parts

STYLES = "xl/styles.xml"
MAX_STYLES_BYTES = 32 * 1024 * 1024  # a workbook's styles are kilobytes; past this they are not looked at
_TAG = rb"<(?:[\w.-]+:)?"
_FONTS = re.compile(_TAG + rb"fonts\b[^>]*>(.*?)</(?:[\w.-]+:)?fonts>", re.DOTALL)
_FONT = re.compile(_TAG + rb"font\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?font>)", re.DOTALL)
_STRIKE = re.compile(_TAG + rb"strike\b([^>]*)/?>")
_OFF = re.compile(rb"""\bval\s*=\s*["'](?:0|false)["']""")
_CELL_XFS = re.compile(_TAG + rb"cellXfs\b[^>]*>(.*?)</(?:[\w.-]+:)?cellXfs>", re.DOTALL)
_XF = re.compile(_TAG + rb"xf\b([^>]*)>")
_FONT_ID = re.compile(rb"""\bfontId\s*=\s*["'](\d+)["']""")
_REFERENCE = re.compile(rb"""\br\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")


def struck_formats(styles: bytes) -> set[int]:
    """The cell formats (indexes into cellXfs) whose font is struck through."""
    fonts_part = _FONTS.search(styles)
    formats_part = _CELL_XFS.search(styles)
    if fonts_part is None or formats_part is None or b"strike" not in fonts_part.group(1):
        return set()
    struck_fonts = set()
    for index, body in enumerate(_FONT.findall(fonts_part.group(1))):
        found = _STRIKE.search(body or b"")
        if found is not None and not _OFF.search(found.group(1)):
            struck_fonts.add(index)
    formats = set()
    for index, attributes in enumerate(_XF.findall(formats_part.group(1))):
        font = _FONT_ID.search(attributes)
        if int(font.group(1) if font else b"0") in struck_fonts:
            formats.add(index)
    return formats


def struck_cells(path: str, sheet: str) -> dict[int, set[int]]:
    """1-based row -> the 0-based columns of its cells drawn struck through, in ``sheet`` of the .xlsx ``path``
    ({} where none is, or the archive cannot be read: the reader says what is wrong with it, if anything)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(STYLES) if STYLES in archive.namelist() else None
            if info is None or info.file_size > MAX_STYLES_BYTES:
                return {}
            formats = struck_formats(archive.read(info))
            part = sheet_parts(archive).get(sheet) if formats else None
            if part is None:
                return {}
            wanted = b"|".join(str(f).encode() for f in sorted(formats))
            cell = re.compile(_TAG + rb"c\b[^>]*?\bs\s*=\s*[\"'](?:" + wanted + rb")[\"'][^>]*>")
            struck: dict[int, set[int]] = {}
            for chunk in chunks(archive, archive.getinfo(part)):
                for tag in cell.findall(chunk):
                    if (found := _REFERENCE.search(tag)) is not None:
                        struck.setdefault(int(found.group(2)), set()).add(_column_index(found.group(1)))
            return struck
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError, RuntimeError):
        return {}


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (char - 64)
    return index - 1
