"""Which part of an .xlsx archive holds each named sheet (workbook.xml and its relationships).

The reader names sheets; the raw XML scans (formulas saved without values, hidden rows) need
the part a name lives in.
"""

from __future__ import annotations

import re
import zipfile
from posixpath import dirname, join, normpath

SHEET = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
SHEET_ID_FIRST = re.compile(rb'<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"')
REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
REL_TARGET_FIRST = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')


def _unescape(name: bytes) -> str:
    return (
        name.decode("utf-8")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the archive member holding it, for every sheet whose part is in the archive ({} if none).

    Raises what zipfile raises for a damaged archive, and UnicodeDecodeError for a name that is not UTF-8.
    """
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    book = archive.read("xl/workbook.xml")
    ids = {_unescape(n): i for n, i in SHEET.findall(book)} or {_unescape(n): i for i, n in SHEET_ID_FIRST.findall(book)}
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {i: t for i, t in REL.findall(rels)} or {i: t for t, i in REL_TARGET_FIRST.findall(rels)}
    parts: dict[str, str] = {}
    for name, rel in ids.items():
        target = targets.get(rel)
        if target is None:
            continue
        part = target.decode("utf-8")
        part = part.lstrip("/") if part.startswith("/") else normpath(join(dirname("xl/workbook.xml"), part))
        if part in names:
            parts[name] = part
    return parts
