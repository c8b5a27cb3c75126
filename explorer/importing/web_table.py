"""Read a web page's tables as one sheet: what Jira's and many report servers' "Export to Excel" write.

Such a file is an HTML page named .xls, which Excel opens with a warning that its format and name
differ. Every <table> becomes a block of rows, stacked in the order the tables open with a blank row
between (Jira's small "Displaying N issues" table above the issue table then reads as a title, as
in any sheet); a table inside another's cell holds its own rows. Cells are text, as a CSV's are (the
importer reads text dates and numbers), whitespace collapsed and <br> a line break; colspan and
rowspan are carried like merged cells, and a row styled display:none is a hidden row. Parsed with
the standard library's html.parser, spans clamped as browsers clamp them and every cell counted
against the budget a CSV's fields are held to.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from explorer.importing.safety import EXCEL_COLUMNS, FIELD_BYTES, MAX_CELL_CHARS, MEMORY_BUDGET, UnreadableFile
from explorer.model import Severity

MAX_CELLS = MEMORY_BUDGET // FIELD_BYTES  # a cell as a Python string in its row list, as a CSV field costs
MAX_COLSPAN = 1000  # HTML's own limits: a browser (and Excel) reads a larger span as these
MAX_ROWSPAN = 65534
MAX_TAGS = 1_000_000  # about 450,000 cells, read in 4-8 s: Jira's export of 1,000 issues by 60 fields holds 130,000
Range = tuple[tuple[int, int], tuple[int, int]]  # ((top, left), (bottom, right)), 0-based, as readers.fill_merged takes
_SPACE = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# WHATWG: a page that says Latin-1 or ASCII is read as Windows-1252, as every browser reads it
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252"}
_LINE_BREAKS = {"p", "div", "li"}  # a block inside a cell starts a line, as <br> does
# Text to its end tag, tags in it too, as browsers read them: a table inside <textarea> is text, not data
_RAW_TEXT = ("script", "style", "textarea", "title")
# a table row, or a cell, in the text an unclosed <style> or <script> swallowed: data not read
_ROW_TAG = re.compile(r"<tr[\s/>]", re.IGNORECASE)
_CELL_TAG = re.compile(r"<t[rdh][\s/>]", re.IGNORECASE)
Note = tuple[Severity, str, int]  # (severity, what the reader says of the page, 1-based row or 0 for the whole file)


@dataclass
class WebSheet:
    rows: list[list[str]]
    ranges: list[Range]
    hidden_rows: list[int]  # 1-based
    decoding: str  # what of the text could not be read as its encoding says, as readers.decoded says it
    notes: list[Note] = field(default_factory=list)
    cut: int = 0  # the 1-based row an unclosed <script>, <style>... opened in, cut short there; 0 if none


def read_web_table(path: Path) -> WebSheet:
    """The tables of the page at ``path`` stacked into one sheet; UnreadableFile where it holds none."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be read ({exc.strerror or exc})") from None
    text, note, notes = _decoded(data)
    del data
    if not re.search("<table", text, re.IGNORECASE):
        raise UnreadableFile(path, _NO_TABLE)
    if (tags := text.count("<")) > MAX_TAGS:  # the parser's time goes by its tags (8 us each on a busy 2-core machine)
        raise UnreadableFile(
            path,
            f"the web page holds {tags:,} tags, more than the {MAX_TAGS:,} read as a web page (it would take minutes); "
            "open it in Excel and save it as .xlsx",
        )
    parser = _Tables(path)
    parser.feed(_closable(text))
    del text
    parser.close()
    sheet = parser.stacked()
    if not sheet.rows:
        raise UnreadableFile(path, _NO_TABLE)
    sheet.decoding = note
    sheet.notes = notes + sheet.notes
    return sheet


def _closable(text: str) -> str:
    """The page with every "<" after its last ">" written as "&lt;": no tag can end there, and html.parser, at the
    end of the page, rescans from each such "<" to the page's end before reading it as text (20,000 of them took
    a minute). The text read is the same."""
    last = text.rfind(">")
    if text.find("<", last + 1) < 0:
        return text
    return text[: last + 1] + text[last + 1 :].replace("<", "&lt;")


_NO_TABLE = (
    "this is a web page with no table in it, not a spreadsheet (a sign-in or error page saved in place of an export?); "
    "export the file again"
)


def _decoded(data: bytes) -> tuple[str, str, list[Note]]:
    """The page's text by its BOM, else the charset its <meta> names, else as a CSV's text is decoded; and what
    is said of a charset not taken."""
    from explorer.importing.readers import decoded  # readers imports this module

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return *decoded(data), []
    found = _CHARSET.search(data[:4096])
    said = found.group(1).decode("ascii", errors="replace") if found else ""
    name = "cp1252" if said.lower() in _WINDOWS_1252 else said.lower()
    try:
        codec = codecs.lookup(name).name if name else ""
    except LookupError:
        codec = ""
    if codec and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):  # UTF-8 as a CSV's: a stray line is said
        if not data.isascii() and _utf8(data):  # Excel's "Save as Web Page" says windows-1252 over UTF-8 text
            return data.decode("utf-8"), "", [(Severity.INFO, _UTF8_UNDER.format(said=said), 0)]
        try:  # a codec that is not a text encoding (hex, rot13, base64) or decodes nothing (undefined) is not taken
            return data.decode(codec), "", []
        except (UnicodeError, LookupError):
            pass
    return *decoded(data), []


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_UTF8_UNDER = (
    "The page's <meta> says its text is '{said}', but the text is UTF-8 (its accented letters are written as UTF-8 "
    "writes them): it was read as UTF-8, so a name such as 'Müller' is not read as 'MÃ¼ller'."
)


@dataclass
class _Table:
    rows: list[list[str]] = field(default_factory=list)
    ranges: list[Range] = field(default_factory=list)  # in the table's own rows
    hidden: list[int] = field(default_factory=list)  # 0-based, the table's own rows
    below: dict[int, int] = field(default_factory=dict)  # column -> last row a rowspan from above covers
    row: list[str] | None = None  # the row being read
    cell: list[list[str]] | None = None  # the cell being read: its lines, each a list of text pieces
    size: int = 0  # characters the cell holds so far
    column: int = 0  # where the next cell goes
    at: int = 0  # where the cell being read is

    def text(self) -> str:
        lines = [_SPACE.sub(" ", "".join(line)).strip() for line in self.cell or ()]
        return "\n".join(lines).strip("\n")


class _Tables(HTMLParser):
    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.open: list[_Table] = []  # the tables open, innermost last
        self.tables: list[_Table] = []  # every table, in the order it opened
        self.cells = 0
        # where the last <script>, <style>... opened: (its sheet row or 0, tables opened before, whether inside a row)
        self.raw_text = (0, 0, False)
        self.cut = 0  # the row such an element opened inside and never closed: its cells after it are lost
        self.unclosed_comment: tuple[str, int] = ("", -1)  # (the text, where) a comment was last found never to close
        self.notes: list[Note] = []

    def parse_comment(self, i: int, report: bool = True) -> int:
        """A comment never closed is text to the next ">" (html.parser, at the page's end); each later "<!--"
        is known not to close either, without a search to the page's end (a page of them took minutes)."""
        text, where = self.unclosed_comment
        if text is self.rawdata and 0 <= where <= i:
            return -1
        end = super().parse_comment(i, report)
        if end < 0:
            self.unclosed_comment = (self.rawdata, i)
        return end

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """'<![' as a browser reads it in a page: a bogus comment to the next ">" (html.parser stops with an
        AssertionError on a name it does not know, '<![foo[', and searches to the end for ']]>')."""
        return self.parse_bogus_comment(i, report)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            table = _Table()
            self.open.append(table)
            self.tables.append(table)
            return
        if tag in _RAW_TEXT:
            if tag in ("textarea", "title"):  # html.parser itself reads only <script> and <style> so
                self.set_cdata_mode(tag)
            self.raw_text = (self._row_at(), len(self.tables), bool(self.open) and self.open[-1].row is not None)
            return
        if not self.open:
            return
        table = self.open[-1]
        if tag == "tr":
            self._end_row(table)
            table.row, table.column = [], 0
            attributes = dict(attrs)
            if "hidden" in attributes or _HIDDEN_STYLE.search(attributes.get("style") or ""):
                table.hidden.append(len(table.rows))
        elif tag in ("td", "th"):
            self._end_cell(table)
            if table.row is None:
                table.row, table.column = [], 0
            attributes = dict(attrs)
            across, down = _span(attributes.get("colspan"), MAX_COLSPAN, 1), _span(attributes.get("rowspan"), MAX_ROWSPAN)
            self._place(table, across, down)
        elif table.cell is not None and (tag == "br" or (tag in _LINE_BREAKS and table.size)):
            table.cell.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.open:
            self._end_table(self.open.pop())
        elif tag in ("td", "th") and self.open:
            self._end_cell(self.open[-1])
        elif tag == "tr" and self.open:
            self._end_row(self.open[-1])

    def handle_data(self, data: str) -> None:
        if not self.open or self.cdata_elem:  # <script>, <style>... hold no cell text
            return
        table = self.open[-1]
        if table.cell is None or table.size > MAX_CELL_CHARS:  # longer is cut to Excel's limit, with a warning
            return
        piece = _SPACE.sub(" ", data[: MAX_CELL_CHARS * 4])
        table.cell[-1].append(piece)
        table.size += len(piece)

    def close(self) -> None:
        super().close()
        if self.cdata_elem and "<t" in self.rawdata.lower():  # rows a browser would not show either, said not dropped
            row, tables, inside = self.raw_text
            where = f"at row {row:,}" if row else "before the tables" if tables == 0 else "among the tables"
            # a table row swallowed is a contract or case not read: an error, so the book is not clean
            rows = len(_ROW_TAG.findall(self.rawdata))
            lost = {0: "no row from there on was read", 1: "the table row after it was not read"}
            said = lost.get(rows, f"the {rows:,} table rows after it were not read")
            cut = (
                inside and row and _CELL_TAG.search(self.rawdata)
            )  # a cell of its own row is swallowed too ('<td>x<script></td><td>')
            if cut:
                self.cut = row
                said = f"row {row:,} is cut short there and " + (
                    f"{said} ({rows + 1:,} rows lost)" if rows else "no row after it was read"
                )
            self.notes.append(
                (
                    Severity.ERROR if _CELL_TAG.search(self.rawdata) else Severity.WARNING,
                    f"The page opens a <{self.cdata_elem}> {where} and never closes it: everything after it is the "
                    f"{self.cdata_elem}'s text, as a browser reads it, so {said}. "
                    f"Close it (</{self.cdata_elem}>) or export the file again.",
                    row,
                )
            )
        while self.open:  # a page cut short: what it holds is read
            self._end_table(self.open.pop())

    def _row_at(self) -> int:
        """The 1-based row of the stacked sheet the table row being read will be (0 outside a table, or in a nested
        one, whose rows stack after the rows its outer table has yet to read)."""
        if len(self.open) != 1:
            return 0
        before = sum(len(t.rows) + 1 for t in self.tables if t is not self.open[-1] and any(any(r) for r in t.rows))
        return before + len(self.open[-1].rows) + 1

    def _place(self, table: _Table, across: int, down: int) -> None:
        """Start a cell spanning ``across`` columns and ``down`` rows at the next column no rowspan covers."""
        row, at = table.row, table.column
        assert row is not None
        number = len(table.rows)
        while table.below.get(at, -1) >= number:
            at += 1
        if at + across > EXCEL_COLUMNS:
            raise UnreadableFile(
                self.path,
                f"a table's row {number + 1:,} reaches past column {EXCEL_COLUMNS:,} (XFD), more than a sheet holds; not read",
            )
        if len(row) < at + across:
            self._spend(at + across - len(row))
            row.extend([""] * (at + across - len(row)))
        if across > 1 or down > 1:
            table.ranges.append(((number, at), (number + down - 1, at + across - 1)))
        if down > 1:
            for column in range(at, at + across):
                table.below[column] = number + down - 1
        table.cell, table.size, table.column = [[]], 0, at + across
        table.at = at

    def _end_cell(self, table: _Table) -> None:
        if table.cell is not None and table.row is not None:
            table.row[table.at] = table.text()
        table.cell = None

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row is not None:
            table.rows.append(table.row)
            table.row = None

    def _end_table(self, table: _Table) -> None:
        self._end_row(table)

    def _spend(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise UnreadableFile(
                self.path,
                f"the page's tables hold more than {MAX_CELLS:,} cells: reading them would need more than the memory "
                "budget; not read",
            )

    def stacked(self) -> WebSheet:
        """Every table with a value in it, in the order they opened, a blank row between two."""
        rows: list[list[str]] = []
        ranges: list[Range] = []
        hidden: list[int] = []
        for table in self.tables:
            if not any(any(row) for row in table.rows):
                continue  # a layout table whose cells hold only other tables
            if rows:
                rows.append([])
            top, last = len(rows), len(table.rows) - 1
            width = max(len(row) for row in table.rows)
            for (t, left), (bottom, right) in table.ranges:  # a span is held to its own table's rows and columns
                bottom, right = min(bottom, last), min(right, width - 1)
                if (t, left) != (bottom, right):
                    self._spend((bottom - t + 1) * (right - left + 1))  # what fill_merged may add, before it does
                    ranges.append(((top + t, left), (top + bottom, right)))
            hidden.extend(top + r + 1 for r in table.hidden if r <= last)
            rows.extend(table.rows)
        return WebSheet(rows, ranges, hidden, "", self.notes, self.cut)


def _span(text: str | None, most: int, zero: int | None = None) -> int:
    """A colspan or rowspan as a browser reads it: digits at the start, 1 where there are none, at most ``most``;
    0 reads as ``zero`` (a rowspan of 0 spans to the table's end, a colspan of 0 is 1)."""
    found = re.match(r"\s*(\d+)", text or "")
    if not found:
        return 1
    number = int(found.group(1)[:7])
    if number == 0:
        return most if zero is None else zero
    return min(number, most)
