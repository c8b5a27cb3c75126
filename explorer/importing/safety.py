"""Checks a file before any parser sees it: kind, size, zip bombs, XML entities, encryption.

Spreadsheet parsers are fast but trusting. These checks turn a corrupt, truncated,
encrypted, renamed or hostile file into one clear sentence within a second, with
bounded memory, before the file is parsed.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from explorer.filekinds import UnreadableFile as UnreadableFile  # re-exported: the readers raise it
from explorer.filekinds import regular_file_size

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
MAX_UNCOMPRESSED_BYTES = 768 * 1024 * 1024  # a 200,000-case sheet expands to about 60 MB
MAX_TEXT_BYTES = 512 * 1024 * 1024
# Memory: what a read may need at most. calamine holds a sheet as one dense block from its
# first to its last cell (32 bytes a cell, 8 more in the Python rows), so one cell at XFD1048576
# would ask for 550 GB and abort the process; the sheet's cells are counted before it is read.
MEMORY_BUDGET = 2 * 1024**3
# calamine's 32 bytes a cell, and the row lists' 8-byte slot for it held at the same time: a sheet of 40 bytes a
# cell measured 2.2 GB at the budget's edge (52 million cells), so 48
CELL_BYTES = 48
MAX_CELLS = MEMORY_BUDGET // CELL_BYTES  # about 44.7 million cells, e.g. 1,048,576 rows x 42 columns
MAX_SHARED_STRINGS = 20_000_000  # calamine reserves 24 bytes for each string the table claims
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell: only a hand-made or hostile file holds more
STREAMED_CHARS = 64 * 1024 * 1024  # readers.text_lines: a shorter text is read through a copy of it
FIELD_BYTES = 80  # a CSV field as a Python string in its row list (measured: 10M two-letter fields, 935 MB)
XML_HEAD_BYTES = 4096  # a DOCTYPE must come before the root element
TEXT_SNIFF_BYTES = 4096  # enough of a file to tell text from a binary format
XML_SNIFF_BYTES = 1 << 20  # an XML file's head looked at for its root past a long banner comment

ZIP_MAGIC = b"PK\x03\x04"
_DECLARATION = re.compile(rb"<!(?i:DOCTYPE|ENTITY)")
_UTF16_XML = re.compile(rb"(?:\xff\xfe|\xfe\xff)?(?:<\x00|\x00<)")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


class NoTable(UnreadableFile):
    """A readable file in which no table was recognised: mapping its columns can help."""


@dataclass(frozen=True)
class Screened:
    """What the checks learned of a file: how to read it, and the rows its sheets hide (the scan sees them free)."""

    kind: str  # "zip", "ole", "text", or "html" or "xml2003" (MARKUP_KINDS)
    hidden_rows: dict[str, tuple[int, ...]] = field(default_factory=dict)  # sheet part -> 1-based rows hidden or filtered out


def _sniff_foreign(head: bytes) -> str | None:
    if head.startswith(b"%PDF"):
        return "this is a PDF document, not a spreadsheet"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "this is an image, not a spreadsheet"
    return None


def _sniff_markup(head: bytes) -> str | None:
    """What web apps and report servers write under an .xls name: "html" for a web page (Jira's Excel export),
    "xml2003" for an Excel 2003 XML spreadsheet (Salesforce Classic's and NetSuite's reports), else None."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):  # told apart by its text; XML this way is refused by its reader
            head = head[len(bom) : len(head) // 2 * 2].decode(codec, errors="replace").encode("utf-8", errors="replace")
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    root = _PROLOGUE.sub(b"", start, count=1)  # past an XML declaration, processing instructions and comments
    if root.startswith((b"<workbook", b"<ss:workbook")):  # its root names it, whatever the namespace's place
        return "xml2003"
    if start.startswith(b"<?xml"):  # XML: an XHTML page's root says so; else only the spreadsheet's namespace
        if root.startswith((b"<html", b"<!doctype html")):
            return "html"
        return "xml2003" if SPREADSHEET_XML_NAMESPACE in start else None
    if start.startswith(_HTML_STARTS) or root.startswith(_HTML_STARTS):
        return "html"
    # a report server's line or two of text above the page ('Report generated 2026-12-01', then <html>)
    if any(line.lstrip().startswith((b"<!doctype html", b"<html")) for line in start.splitlines()[1:4]):
        return "html"
    return None


# what an XML or HTML file may hold before its root element: the declaration, processing instructions (Excel's
# <?mso-application?>), comments (a generator's banner) and space
_PROLOGUE = re.compile(rb"(?:\s*(?:<\?.*?\?>|<!--.*?-->))*\s*", re.DOTALL)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body", b"<style", b"<!--")
SPREADSHEET_XML_NAMESPACE = b"urn:schemas-microsoft-com:office:spreadsheet"
MARKUP_KINDS = {"html", "xml2003"}  # what Screened.kind says of a web page or an Excel 2003 XML spreadsheet


def _head(path: Path, size: int) -> bytes:
    """The file's first ``size`` bytes (b"" where it cannot be read: the reader says why)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def check_file(path: Path) -> str:
    """Validate ``path`` and say how to read it by what its bytes are: "zip", "ole", "text", "html" or "xml2003".

    The suffix does not decide: an .xlsx saved under a .csv name is read as a workbook, a CSV
    named .xls as text (content_suffix says what the name should have been).
    """
    return screen_file(path).kind


def screen_file(path: Path) -> Screened:
    """check_file, with what the scan of a workbook's sheets saw on the way (their hidden rows)."""
    size = regular_file_size(path)
    try:
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
    if (markup := _sniff_markup(head)) is None and head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<?xml"):
        markup = _sniff_markup(_head(path, XML_SNIFF_BYTES))  # a long banner comment before the root: look further
    if markup is not None:
        limit = MAX_TEXT_BYTES if markup == "html" else MAX_UNCOMPRESSED_BYTES  # as a CSV text, as a workbook's XML
        if size > limit:
            raise UnreadableFile(path, f"the file is {size / 2**20:.0f} MB, more than the {limit // 2**20} MB limit")
        return Screened(markup)
    if head.startswith(OLE_MAGIC):
        if _has_encrypted_package(path):
            raise UnreadableFile(path, "the workbook is password-protected (encrypted); save an unprotected copy")
        _check_biff(path)
        return Screened("ole")
    if head.startswith(ZIP_MAGIC):
        try:
            hidden = _check_zip(path)
        except UnreadableFile:
            if suffix not in SPREADSHEET_SUFFIXES | TEXT_SUFFIXES:  # some other zipped format (.numbers, .docx)
                raise UnreadableFile(path, _unsupported(path)) from None
            raise
        return Screened("zip", hidden)
    if suffix in TEXT_SUFFIXES or _looks_like_text(head):
        if size > MAX_TEXT_BYTES:
            raise UnreadableFile(path, f"the file is {size / 2**20:.0f} MB, more than the {MAX_TEXT_BYTES // 2**20} MB limit")
        return Screened("text")
    if suffix == ".xls":
        raise UnreadableFile(path, "not an Excel 97-2003 workbook (the file is damaged or of another type)")
    if suffix not in SPREADSHEET_SUFFIXES:
        raise UnreadableFile(path, _unsupported(path))
    raise UnreadableFile(path, "not a spreadsheet, or the file is damaged (it is not a zipped workbook)")


def check_xml_declarations(path: Path) -> None:
    """Refuse an XML file (an Excel 2003 XML spreadsheet) that declares a DOCTYPE or entities anywhere: the rule
    for a workbook's parts, as no spreadsheet needs one and a parser that expanded them could exhaust memory."""
    tail = b""
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            piece = tail + block
            if b"!" in piece and _DECLARATION.search(piece):
                raise UnreadableFile(
                    path,
                    "the file declares XML entities, which workbooks never need (possible entity-expansion attack); not read",
                )
            tail = piece[-16:]  # "<!DOCTYPE" cut where a block ends is whole in the next piece


def _unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix or '(none)'}'; use .xlsx, .xlsm, .xlsb, .xls, .ods or .csv"


def _looks_like_text(head: bytes) -> bool:
    """Text as a CSV export writes it: a BOM, or no NUL and almost no other control bytes."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return b"\x00" not in head and controls <= len(head) // 100


def content_suffix(path: Path, kind: str) -> str:
    """The suffix the file's bytes call for (".xlsx", ".xlsb", ".ods", ".xls", ".csv", ".html" or ".xml")."""
    if kind in MARKUP_KINDS:
        return ".html" if kind == "html" else ".xml"
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


def _check_zip(path: Path) -> dict[str, tuple[int, ...]]:
    """Refuse a hostile or damaged archive; the rows each sheet part hides (as _check_budget finds them)."""
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
            for member in members:  # whatever its name: the reader follows the relationships to any part
                if member.file_size:
                    with archive.open(member) as part:
                        head = part.read(XML_HEAD_BYTES)
                    if _DECLARATION.search(head):
                        raise _Declared(member.filename)
                    if _UTF16_XML.match(head):  # the reader finds no cell in it: a sheet would read as empty
                        raise UnreadableFile(
                            path,
                            f"part {member.filename} is XML written as UTF-16, which the reader cannot read; "
                            "save the workbook again from Excel or LibreOffice",
                        )
            if "xl/workbook.bin" in names:
                _check_binary_sheets(path, archive, members)
            hidden = _check_budget(path, archive, members)  # before the .ods parse: it refuses a late DOCTYPE
            if "content.xml" in names and not {"xl/workbook.xml", "xl/workbook.bin"} & names:
                _check_ods(path, archive)
            return hidden
    except zipfile.BadZipFile:
        raise UnreadableFile(path, "the workbook is damaged or truncated (its zip directory is unreadable)") from None
    except (zipfile.LargeZipFile, NotImplementedError) as exc:
        raise UnreadableFile(path, f"the workbook uses an unsupported compression ({exc})") from None
    except _Declared as exc:
        raise UnreadableFile(path, str(exc)) from None
    except _HostilePart as exc:
        raise UnreadableFile(path, f"{exc} (a damaged or hostile file); not read") from None
    except (EOFError, OSError, ValueError) as exc:
        raise UnreadableFile(path, f"the workbook is damaged or truncated ({exc})") from None


# Excel 97-2003 (BIFF8) cell records: each starts with its row and column (two bytes each). Excel's sheet has
# 256 columns; the reader sizes the sheet by whatever column a record names (65,535 x 65,536 cells: 137 GB).
_BIFF_CELLS = {0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x0201, 0x00D6, 0x00BD, 0x00BE}
_BIFF_MULTIPLE = {0x00BD, 0x00BE}  # MULRK, MULBLANK: a run of cells, its last column in the record's last 2 bytes
BIFF_COLUMNS = 256


def _check_biff(path: Path) -> None:
    """Refuse an Excel 97-2003 workbook with a cell past column IV (256), which Excel never writes."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                return  # not a workbook: the reader says what it is
            stream = ole.openstream(name).read()
    except (OSError, ValueError, IndexError, struct.error):  # damaged: the reader says so in its own words
        return
    position, end = 0, len(stream) - 4
    while position <= end:
        kind, size = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind in _BIFF_CELLS and size >= 4:
            column = struct.unpack_from("<H", stream, body + 2)[0]
            if kind in _BIFF_MULTIPLE and size >= 6:
                column = max(column, struct.unpack_from("<H", stream, body + size - 2)[0])
            if column >= BIFF_COLUMNS:
                row = struct.unpack_from("<H", stream, body)[0]
                raise UnreadableFile(
                    path,
                    f"a sheet places a cell at row {row + 1:,} and column {column + 1:,}, past Excel 97-2003's last "
                    f"column {BIFF_COLUMNS} (IV) (a damaged or hostile file); not read",
                )
        position = body + size


def _check_binary_sheets(path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse an .xlsb whose sheet would need more than MEMORY_BUDGET, or places a cell past Excel's last row or
    column: its records carry row and column numbers the reader sizes the sheet by, as XML references do."""
    named = _targets(archive, members)
    for member in members:
        name = member.filename.lower()
        if not member.file_size or not (name.endswith(".bin") or name.startswith("xl/worksheets/") or name in named):
            continue
        data = archive.read(member)
        if data.startswith(OLE_MAGIC) or data[:64].removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
            continue  # the macros (vbaProject.bin), or XML (a sheet's relationships), which _check_budget measures
        rows, columns = _binary_extent(data)
        _refuse_extent(path, member.filename, rows, columns)


def _refuse_extent(path: Path, name: str, rows: int, columns: int) -> None:
    """Refuse a sheet part (XML or BIFF12) whose cells reach past Excel's last row or column, or past the budget."""
    part = name.rsplit("/", 1)[-1]
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        where = f"row {rows:,}" if rows > EXCEL_ROWS else f"column {columns:,}"
        last = f"row {EXCEL_ROWS:,}" if rows > EXCEL_ROWS else f"column {EXCEL_COLUMNS:,} (XFD)"
        raise UnreadableFile(
            path, f"part {part} places a cell at {where}, past Excel's last {last} (a damaged or hostile file); not read"
        )
    if rows * columns > MAX_CELLS:
        raise UnreadableFile(
            path,
            f"sheet part {part} reaches row {rows:,} and column {columns:,}: reading it would "
            f"need more than the {_size(MEMORY_BUDGET)} memory budget ({MAX_CELLS:,} cells); not read",
        )


_TARGET = re.compile(rb"""\bTarget\s*=\s*["']/?([^"']+)["']""")


def _targets(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> set[str]:
    """Every part the workbook's relationships name, in lower case (the reader matches names so)."""
    rels = next((m for m in members if m.filename.lower() == "xl/_rels/workbook.bin.rels"), None)
    if rels is None:
        return set()
    with archive.open(rels) as part:
        text = part.read(XML_HEAD_BYTES * 16)
    names = (t.decode("utf-8", "replace").lower() for t in _TARGET.findall(text))
    return {name if name.startswith("xl/") else posixpath.normpath("xl/" + name) for name in names}


# The OpenDocument reader holds an expanded cell in about 136 bytes (measured: 2,000 x 10,000 repeated text
# cells, 2,674 MB), more than the .xlsx reader's 40.
ODS_CELL_BYTES = 136


def _check_ods(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse an .ods whose repeated rows and cells expand past MEMORY_BUDGET: 900 bytes can ask for 100
    million cells, and the reader expands them all."""
    from explorer.importing.ods import table_extents

    try:
        with archive.open("content.xml") as content:
            extents = table_extents(content)
    except (SyntaxError, ValueError):  # damaged (ParseError is a SyntaxError): the reader says so in its own words
        return
    limit = MEMORY_BUDGET // ODS_CELL_BYTES
    for name, rows, columns in extents:
        if rows * columns > limit:
            raise UnreadableFile(
                path,
                f"sheet '{name}' repeats its cells to row {rows:,} and column {columns:,}: reading it would need more "
                f"than the {_size(MEMORY_BUDGET)} memory budget ({limit:,} cells of an OpenDocument sheet); not read",
            )


_XLSB_ROW = 0  # BrtRowHdr: the row (4 bytes, from 0) of the cell records after it
_XLSB_CELLS = range(1, 12)  # BrtCellBlank .. BrtFmlaError: each starts with its column (4 bytes, from 0)


def _binary_extent(data: bytes) -> tuple[int, int]:
    """(last row, last column), 1-based, of the cells a BIFF12 sheet part holds; (0, 0) for none.

    A record is its type (1-2 bytes) and size (1-4 bytes), 7 bits a byte with the high bit saying more
    follows, then its body. A part cut short ends the walk: the reader then says it is damaged.
    """
    row = last_row = last_column = -1
    position, end = 0, len(data)
    cells = set(_XLSB_CELLS)
    try:
        while position < end:
            kind = data[position]
            if kind < 0x80:  # the usual record: a one-byte type and a one-byte size
                position += 1
            else:
                kind = (kind & 0x7F) | (data[position + 1] & 0x7F) << 7
                position += 2
            size = data[position]
            position += 1
            if size >= 0x80:
                size &= 0x7F
                for shift in (7, 14, 21):
                    byte = data[position]
                    position += 1
                    size |= (byte & 0x7F) << shift
                    if byte < 0x80:
                        break
            if kind in cells:
                if size >= 4:
                    column = int.from_bytes(data[position : position + 4], "little")
                    if column > last_column:
                        last_column = column
                    if row > last_row:
                        last_row = row
            elif kind == _XLSB_ROW and size >= 4:
                row = int.from_bytes(data[position : position + 4], "little")
            position += size
    except IndexError:
        pass
    return last_row + 1, last_column + 1


def check_text_budget(path: Path, text: str, delimiter: str) -> None:
    """Refuse a CSV text whose rows of fields would need more than MEMORY_BUDGET (short fields cost most)."""
    fields = text.count(delimiter) + text.count("\n")
    width = 1 if text.isascii() else 4
    need = len(text) * width * 2 + fields * FIELD_BYTES  # the text, each field's copy, the row lists' slots
    if len(text) <= STREAMED_CHARS:
        need += len(text) * 4  # read through io.StringIO, a copy at 4 bytes a character (readers.text_lines)
    if need > MEMORY_BUDGET:
        raise UnreadableFile(
            path,
            f"{fields:,} fields in {len(text) / 2**20:,.0f} MB of text: reading it would need about "
            f"{_size(need)}, more than the {_size(MEMORY_BUDGET)} memory budget; not read",
        )


def _size(count: int) -> str:
    return f"{count / 1024**3:.3g} GB" if count >= 1024**3 else f"{count / 2**20:.3g} MB"


_CHUNK = 4 * 1024 * 1024
# The string table's claim, however it is spelled (quotes, spacing, a prefix) and wherever its part is:
# the reader reserves 24 bytes a string it claims before it reads one.
_UNIQUE = re.compile(rb"""<(?:[\w.-]+:)?sst\b[^>]*?\buniqueCount\s*=\s*["']\s*(\d+)""")
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384  # XFD
_TAG = rb"<(?:[\w.-]+:)?"  # any namespace prefix: the reader matches local names
_PREFIXED = re.compile(rb":c[\s/>]")  # a plain search first: Excel writes no prefix, and a prefix slows every scan
# A tag's name holding a quote, which the reader takes as opening a value: from there to the next quote, spaces and
# tags too, is the name ('<"<c>..</c><x:c r="XFD1048576" a=">"/>' names a cell "c" at XFD1048576 that the scan's
# patterns never see). Only a prefixed name can end in such a cell; no workbook writes a quote in a tag's name (a
# comment or a declaration, "<!" and "<?", is not a tag).
_QUOTED_CELL_NAME = re.compile(rb"""<(?![!?])[^\s>]*?["']""")
# A cell tag's attributes, read as the reader reads them: a quoted value may hold ">", "/" or "<".
_BODY = rb"""((?:[^>"']|"[^"]*"|'[^']*')*)>"""
# The usual cell as spreadsheet programs write it: its reference first (double quotes, upper case, a row under
# 1,000,000), then only the attributes Excel gives a cell, with plain values; it may be empty (self-closing).
_USUAL_ATTRIBUTES = rb'(?: (?:s|t|cm|vm|ph)="[^"<>]*")*'
_USUAL_TO_Z = rb' r="[A-Z][0-9]{1,6}"' + _USUAL_ATTRIBUTES + rb"/?>"
_USUAL_PAST_Z = rb' r="([A-Z]{2,3})[0-9]{1,6}"' + _USUAL_ATTRIBUTES + rb"(/?)>"
# One scan finds what the budget needs of a sheet. The usual cell up to column Z is passed over; of the usual cell
# past it, the column letters (and whether it is empty, which is not read); of every other cell (no reference, two,
# other quotes, spacing or case, attributes Excel does not write, a row of 1,000,000 or more) its attributes, each
# distinct set looked at in Python.
_CELLS = rb"c(?=[\s/>])(?!" + _USUAL_TO_Z + rb")(?:" + _USUAL_PAST_Z + rb"|" + _BODY + rb")"
_SCANS = {False: re.compile(b"<" + _CELLS), True: re.compile(_TAG + _CELLS)}
# The rows of the usual cells that hold something, for a sheet too wide for the budget to assume all rows.
_ROW_CELL = {
    False: re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,6})"' + _USUAL_ATTRIBUTES + rb">"),
    True: re.compile(_TAG + rb'c r="[A-Z]{1,3}([0-9]{1,6})"' + _USUAL_ATTRIBUTES + rb">"),
}
_ROW_BOUND = 100_000
_SIX_DIGIT_ROW = {False: re.compile(rb'<c r="[A-Z]{1,3}[0-9]{6}"'), True: re.compile(_TAG + rb'c r="[A-Z]{1,3}[0-9]{6}"')}
_ATTRIBUTE = re.compile(rb"""([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_REFERENCE = re.compile(rb"([A-Za-z]*)([0-9]*)")
_HIDING = re.compile(_TAG + rb'row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')


def _check_budget(path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> dict[str, tuple[int, ...]]:
    """Refuse a workbook whose sheet or string table would need more than MEMORY_BUDGET to read; the rows
    each sheet part hides.

    Every member is measured, whatever its name: the reader follows the workbook's relationships to any
    part (another folder, a .bin name, upper case) and reads cells out of whatever XML it finds there.
    """
    hidden: dict[str, tuple[int, ...]] = {}
    for member in members:
        name = member.filename
        if member.is_dir() or not member.file_size:
            continue
        rows, columns, hidden_rows, claimed = _sheet_extent(archive, member)
        if hidden_rows:
            hidden[name] = hidden_rows
        _refuse_extent(path, name, rows, columns)
        if claimed > MAX_SHARED_STRINGS or claimed > member.file_size // 4:
            raise UnreadableFile(
                path,
                f"the string table claims {claimed:,} strings in {member.file_size:,} bytes (the limit is "
                f"{MAX_SHARED_STRINGS:,}; a damaged or hostile file); not read",
            )
    return hidden


def _sheet_extent(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[int, int, tuple[int, ...], int]:
    """(last row, last column) a reader would give the part if it read it as a sheet, or an upper bound where
    that is enough; the rows the sheet hides (by hand, by a filter or in a collapsed outline), which a
    reader does not report; and the strings it claims if the reader took it for the string table.

    Up to column AX, 1,048,576 rows fit the budget, so the usual sheet (every cell carries its
    reference, few columns) costs one scan for references past column Z or row 999,999. Rows are counted
    only for wider sheets, and cells placed by their order alone are walked one by one, as the reader would.
    """
    last_row = last_column = claimed = 0
    placed = False
    hidden: set[int] = set()
    for chunk in chunks(archive, member):
        # past the head too: one rule for every part. A one-byte search first (memchr: 0.005 s for the 10k book's
        # cases, where a search for "<!" took 0.075 s), the pattern only where a '!' is
        if b"!" in chunk and _DECLARATION.search(chunk):
            raise _Declared(member.filename)
        if b"uniqueCount" in chunk and (found := _UNIQUE.search(chunk)):  # a plain search first, as for hidden rows
            claimed = max(claimed, int(found.group(1)))
        prefixed = bool(_PREFIXED.search(chunk))
        if prefixed and _QUOTED_CELL_NAME.search(chunk):
            raise _QuotedName(member.filename)
        for letters, empty, attributes in set(_SCANS[prefixed].findall(chunk)):
            if letters:
                if not empty:
                    last_column = max(last_column, _column_number(letters))
            elif (reference := _reference(attributes)) is None:
                placed = True  # numbered by its place in the row: only a walk can tell
            elif not attributes.rstrip().endswith(b"/"):  # an empty cell is not read
                last_row = max(last_row, int(reference[1]))
                last_column = max(last_column, _column_number(reference[0].upper()))
        if b'hidden="1"' in chunk or b'hidden="true"' in chunk:  # a plain search first: most sheets hide nothing
            hidden.update(int(row) for tag in _HIDING.findall(chunk) if (row := _r(tag)[1]))
    rows_hidden = tuple(sorted(hidden))
    if placed:
        walker = _Walker()
        for repeated, piece in _pieces(archive, member):
            walker.walk(piece, repeated)
        return max(last_row, walker.last_row), max(last_column, walker.last_column), rows_hidden, claimed
    if last_row > EXCEL_ROWS or last_column > EXCEL_COLUMNS:
        return last_row, last_column, rows_hidden, claimed
    # Excel's references (counted here as if all 26 columns were there) stop at row 1,048,576
    last_column = max(last_column, 26)
    if last_column * EXCEL_ROWS <= MAX_CELLS:
        return EXCEL_ROWS, last_column, rows_hidden, claimed
    # Wider: no usual cell in a row of six digits (the first scan measured every other cell) bounds the rows under
    # 100,000, where that is enough; one search, where counting took a number a cell (a 200-column sheet: 1.3 s)
    if (
        last_row < _ROW_BOUND
        and _ROW_BOUND * last_column <= MAX_CELLS
        and not any(_SIX_DIGIT_ROW[bool(_PREFIXED.search(chunk))].search(chunk) for chunk in chunks(archive, member))
    ):
        return _ROW_BOUND - 1, last_column, rows_hidden, claimed
    for chunk in chunks(archive, member):
        last_row = max([last_row, *(int(n) for n in _ROW_CELL[bool(_PREFIXED.search(chunk))].findall(chunk))])
    return last_row, last_column, rows_hidden, claimed


_OVERLAP = 64 * 1024  # each piece repeats this much of the one before: a tag cut at a piece's end is whole in the next
_LONGEST_TAG = 1024 * 1024  # an unfinished tag is carried whole up to this; Excel's longest are a few hundred bytes


class _HostilePart(ValueError):
    """A part written as no workbook writes it, which the scan cannot measure as the reader would read it."""


class _LongTag(_HostilePart):
    """A part holds a tag longer than _LONGEST_TAG: no workbook writes one, and the scan could not see it whole."""

    def __init__(self, part: str) -> None:
        super().__init__(f"part {part} holds a tag longer than {_LONGEST_TAG // 1024:,} KB")


class _Declared(_HostilePart):
    """A part declares a DOCTYPE or entities, wherever in it: no workbook needs one, and a reader that expanded
    them could be made to exhaust memory or read other files."""

    def __init__(self, part: str) -> None:
        super().__init__(
            f"part {part} declares XML entities, which workbooks never need (possible entity-expansion attack); not read"
        )


class _QuotedName(_HostilePart):
    """A part holds a cell tag whose name holds a quote ('<"<x:c r=...'): the reader takes the quote as opening a
    value and reads the tag's attributes out of step with the scan's patterns. No workbook writes one."""

    def __init__(self, part: str) -> None:
        super().__init__(f"part {part} names a cell with quotes in its tag")


def chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part in pieces of about 4 MB, each repeating the last 64 KB of the one before (so a scan that takes
    the largest row, column or string count it finds sees each one whole, whatever the cut)."""
    for _, piece in _pieces(archive, member):
        yield piece


def _pieces(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[tuple[int, bytes]]:
    """(how many leading bytes the piece before held too, the piece).

    A piece is not cut before its last "<": the reader takes a "<" inside an attribute's quotes, so a cut there
    split a far cell's tag in two and neither half was seen (a 6 KB file then asked calamine for 550 GB). The
    overlap keeps every tag of up to 64 KB whole in some piece, and a tag still open at a piece's end that began
    further back is carried whole into the next piece, up to _LONGEST_TAG.

    (Inflating the next piece on another thread while this one is scanned was measured slower: 0.59 s
    against 0.54 s for a 200,000-case book. zlib takes the GIL back between output blocks, and each time
    waits for the scan's long regular-expression call to end.)
    """
    kept = b""
    with archive.open(member) as part:
        while block := part.read(_CHUNK):
            piece = kept + block
            yield len(kept), piece
            start = piece.rfind(b"<")
            if start >= 0 and len(piece) - start > _OVERLAP and piece.find(b">", start) < 0:
                if len(piece) - start > _LONGEST_TAG and piece[start + 1 : start + 2].isalpha():
                    raise _LongTag(member.filename)
                kept = piece[start:]  # an unfinished tag longer than the overlap
            else:
                kept = piece[-_OVERLAP:]


class _Walker:
    """Rows and cells in document order, numbered as a reader numbers them when they carry no reference."""

    tags = re.compile(_TAG + rb"(row|c)(?=[\s/>])" + _BODY)

    def __init__(self) -> None:
        self.row = self.column = self.last_row = self.last_column = 0
        self.end = 0  # where in the part the piece walked last ends
        self.walked = 0  # where in the part the last tag walked ends

    def walk(self, piece: bytes, repeated: int = 0) -> None:
        """Walk the tags of the next piece; its first ``repeated`` bytes were in the piece before, and a tag
        walked there is not walked again."""
        start = self.end - repeated  # where in the part this piece starts
        self.end = start + len(piece)
        for tag in self.tags.finditer(piece, max(0, self.walked - start)):
            self.walked = start + tag.end()
            letters, digits = _r(tag.group(2))
            if tag.group(1) == b"row":
                self.row = int(digits) if digits else self.row + 1
                self.column = 0
                continue
            self.column = _column_number(letters.upper()) if letters else self.column + 1
            row = int(digits) if digits else self.row
            if not tag.group(2).rstrip().endswith(b"/"):  # a self-closing cell holds no value and is not read
                self.last_row = max(self.last_row, row)
                self.last_column = max(self.last_column, self.column)


def _r(attributes: bytes) -> tuple[bytes, bytes]:
    """A tag's "r" attribute as the reader takes it (the last one, its quotes respected) in column letters and row
    digits, either of them empty where the tag gives none."""
    value = b""
    for name, double, single in _ATTRIBUTE.findall(attributes):
        if name == b"r":
            value = double or single
    found = _CELL_REFERENCE.fullmatch(value)
    return (found[1], found[2]) if found else (b"", b"")


def _reference(attributes: bytes) -> tuple[bytes, bytes] | None:
    """A cell's reference, or None where the reader places the cell by its order instead."""
    letters, digits = _r(attributes)
    return (letters, digits) if letters and digits else None


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
