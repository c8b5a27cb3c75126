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


@dataclass
class WebSheet:
    rows: list[list[str]]
    ranges: list[Range]
    hidden_rows: list[int]  # 1-based
    decoding: str  # what of the text could not be read as its encoding says, as readers.decoded says it


def read_web_table(path: Path) -> WebSheet:
    """The tables of the page at ``path`` stacked into one sheet; UnreadableFile where it holds none."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be read ({exc.strerror or exc})") from None
    text, note = _decoded(data)
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
    parser.feed(text)
    parser.close()
    del text
    sheet = parser.stacked()
    if not sheet.rows:
        raise UnreadableFile(path, _NO_TABLE)
    sheet.decoding = note
    return sheet


_NO_TABLE = (
    "this is a web page with no table in it, not a spreadsheet (a sign-in or error page saved in place of an export?); "
    "export the file again"
)


def _decoded(data: bytes) -> tuple[str, str]:
    """The page's text by its BOM, else the charset its <meta> names, else as a CSV's text is decoded."""
    from explorer.importing.readers import decoded  # readers imports this module

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decoded(data)
    found = _CHARSET.search(data[:4096])
    name = found.group(1).decode("ascii", errors="replace").lower() if found else ""
    if name in _WINDOWS_1252:
        name = "cp1252"
    try:
        codec = codecs.lookup(name).name if name else ""
    except LookupError:
        codec = ""
    if codec and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):  # UTF-8 as a CSV's: a stray line is said
        try:
            return data.decode(codec), ""
        except UnicodeDecodeError:
            pass
    return decoded(data)


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
        self.skipping = 0  # inside <script> or <style>: no cell text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            table = _Table()
            self.open.append(table)
            self.tables.append(table)
            return
        if tag in ("script", "style"):
            self.skipping += 1
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
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.open:
            self._end_table(self.open.pop())
        elif tag in ("td", "th") and self.open:
            self._end_cell(self.open[-1])
        elif tag == "tr" and self.open:
            self._end_row(self.open[-1])

    def handle_data(self, data: str) -> None:
        if not self.open or self.skipping:
            return
        table = self.open[-1]
        if table.cell is None or table.size > MAX_CELL_CHARS:  # longer is cut to Excel's limit, with a warning
            return
        piece = _SPACE.sub(" ", data[: MAX_CELL_CHARS * 4])
        table.cell[-1].append(piece)
        table.size += len(piece)

    def close(self) -> None:
        super().close()
        while self.open:  # a page cut short: what it holds is read
            self._end_table(self.open.pop())

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
        return WebSheet(rows, ranges, hidden, "")


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
