"""Checks a file before any parser sees it: kind, size, zip bombs, XML entities, encryption.

Spreadsheet parsers are fast but trusting. These checks turn a corrupt, truncated,
encrypted, renamed or hostile file into one clear sentence within a second, with
bounded memory, before the file is parsed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
MAX_UNCOMPRESSED_BYTES = 768 * 1024 * 1024  # a 200,000-case sheet expands to about 60 MB
MAX_TEXT_BYTES = 512 * 1024 * 1024
XML_HEAD_BYTES = 4096
TEXT_SNIFF_BYTES = 4096  # enough of a file to tell text from a binary format  # a DOCTYPE must come before the root element

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


class UnreadableFile(Exception):
    """A file that cannot be read; str() is the one-line message for the user."""

    def __init__(self, path: Path | str, cause: str) -> None:
        super().__init__(f"{Path(path).name}: {cause}")
        self.path = str(path)
        self.cause = cause


class NoTable(UnreadableFile):
    """A readable file in which no table was recognised: mapping its columns can help."""


def _sniff_foreign(head: bytes) -> str | None:
    if head.startswith(b"%PDF"):
        return "this is a PDF document, not a spreadsheet"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "this is an image, not a spreadsheet"
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "this is a web page, not a spreadsheet"
    return None


def check_file(path: Path) -> str:
    """Validate ``path`` and say how to read it by what its bytes are: "zip", "ole" or "text".

    The suffix does not decide: an .xlsx saved under a .csv name is read as a workbook, a CSV
    named .xls as text (content_suffix says what the name should have been).
    """
    if not path.exists():
        raise UnreadableFile(path, "the file does not exist")
    if not path.is_file():
        raise UnreadableFile(path, "this is a folder, not a file")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(TEXT_SNIFF_BYTES)
    except PermissionError:
        raise UnreadableFile(path, "permission denied; the file cannot be opened for reading") from None
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be opened ({exc.strerror or exc})") from None
    if size == 0:
        raise UnreadableFile(path, "the file is empty")
    suffix = path.suffix.lower()
    foreign = _sniff_foreign(head)
    if foreign:
        raise UnreadableFile(path, foreign)
    if head.startswith(OLE_MAGIC):
        if _has_encrypted_package(path):
            raise UnreadableFile(path, "the workbook is password-protected (encrypted); save an unprotected copy")
        return "ole"
    if head.startswith(ZIP_MAGIC):
        try:
            _check_zip(path)
        except UnreadableFile:
            if suffix not in SPREADSHEET_SUFFIXES | TEXT_SUFFIXES:  # some other zipped format (.numbers, .docx)
                raise UnreadableFile(path, _unsupported(path)) from None
            raise
        return "zip"
    if suffix in TEXT_SUFFIXES or _looks_like_text(head):
        if size > MAX_TEXT_BYTES:
            raise UnreadableFile(path, f"the file is {size / 2**20:.0f} MB, more than the {MAX_TEXT_BYTES // 2**20} MB limit")
        return "text"
    if suffix == ".xls":
        raise UnreadableFile(path, "not an Excel 97-2003 workbook (the file is damaged or of another type)")
    if suffix not in SPREADSHEET_SUFFIXES:
        raise UnreadableFile(path, _unsupported(path))
    raise UnreadableFile(path, "not a spreadsheet, or the file is damaged (it is not a zipped workbook)")


def _unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix or '(none)'}'; use .xlsx, .xlsm, .xlsb, .xls, .ods or .csv"


def _looks_like_text(head: bytes) -> bool:
    """Text as a CSV export writes it: a BOM, or no NUL and almost no other control bytes."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return b"\x00" not in head and controls <= len(head) // 100


def content_suffix(path: Path, kind: str) -> str:
    """The suffix the file's bytes call for (".xlsx", ".xlsb", ".ods", ".xls" or ".csv")."""
    if kind == "text":
        return path.suffix.lower() if path.suffix.lower() in TEXT_SUFFIXES else ".csv"
    if kind == "ole":
        return ".xls"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    if "xl/workbook.bin" in names:
        return ".xlsb"
    if "content.xml" in names:
        return ".ods"
    return ".xlsm" if "xl/vbaProject.bin" in names else ".xlsx"


def _has_encrypted_package(path: Path) -> bool:
    with open(path, "rb") as handle:
        return ENCRYPTED_PACKAGE in handle.read(1 << 20)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise UnreadableFile(
                    path,
                    f"the workbook expands to {total / 2**20:,.0f} MB, more than the "
                    f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB limit (a damaged or hostile file)",
                )
            names = {m.filename for m in members}
            if not ({"xl/workbook.xml", "xl/workbook.bin"} & names or "content.xml" in names):
                raise UnreadableFile(path, "the zip archive holds no workbook (not an Excel or OpenDocument file)")
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and member.file_size:
                    with archive.open(member) as part:
                        head = part.read(XML_HEAD_BYTES)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise UnreadableFile(
                            path,
                            f"part {member.filename} declares XML entities, which workbooks never need "
                            "(possible entity-expansion attack); not read",
                        )
    except zipfile.BadZipFile:
        raise UnreadableFile(path, "the workbook is damaged or truncated (its zip directory is unreadable)") from None
    except (zipfile.LargeZipFile, NotImplementedError) as exc:
        raise UnreadableFile(path, f"the workbook uses an unsupported compression ({exc})") from None
    except (EOFError, OSError, ValueError) as exc:
        raise UnreadableFile(path, f"the workbook is damaged or truncated ({exc})") from None
