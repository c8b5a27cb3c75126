"""Read an Excel 2003 XML spreadsheet (SpreadsheetML), which python-calamine does not read.

Salesforce Classic's report export and NetSuite's saved-search "Export - Microsoft Excel" write one,
usually under an .xls name: a <Workbook> of <Worksheet ss:Name> each holding a <Table> of <Row> and
<Cell> elements, a cell's <Data ss:Type> saying String, Number, DateTime, Boolean or Error. Cells and
rows after a gap say where they are (ss:Index, 1-based); a cell may span others (ss:MergeAcross,
ss:MergeDown) and a row may be hidden (ss:Hidden). Values are typed as calamine types an .xlsx's, so
every later step reads both alike. Parsed with the standard library's streaming iterparse, each row
cleared once read, after the file was checked for entity declarations (safety.check_xml_declarations).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from explorer.importing import safety
from explorer.importing.safety import (
    EXCEL_COLUMNS,
    EXCEL_ROWS,
    FIELD_BYTES,
    MEMORY_BUDGET,
    UnreadableFile,
    check_xml_declarations,
)

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
EXCEL = "{urn:schemas-microsoft-com:office:excel}"  # WorksheetOptions, where a hidden sheet says so
MAX_CELLS = MEMORY_BUDGET // FIELD_BYTES  # a cell as a Python value in its row list, as a CSV field costs
Range = tuple[tuple[int, int], tuple[int, int]]  # ((top, left), (bottom, right)), 0-based, as readers.fill_merged takes


@dataclass
class XmlSheet:
    name: str
    rows: list[list[Any]] = field(default_factory=list)
    ranges: list[Range] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # 1-based
    hidden_spans: list[tuple[int, int]] = field(default_factory=list)  # (first, last) 1-based, as read
    hidden: str = ""  # "hidden" or "very hidden"
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (1-based row, 0-based column) -> what it holds


def read_spreadsheet_xml(path: Path) -> list[XmlSheet]:
    """Every worksheet of the file in order; UnreadableFile where it is damaged, hostile or past the budget."""
    check_xml_declarations(path)
    with open(path, "rb") as head:
        if head.read(2) in (b"\xff\xfe", b"\xfe\xff"):  # the entity check reads bytes: it cannot see UTF-16's
            raise UnreadableFile(
                path, "this Excel 2003 XML spreadsheet is written as UTF-16, which is not read; save it as .xlsx"
            )
    try:
        return _Reader(path).read()
    except ParseError as exc:
        raise UnreadableFile(path, f"the Excel 2003 XML spreadsheet is damaged or not well-formed XML ({exc})") from None
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be read ({exc.strerror or exc})") from None


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.cells = 0  # row slots made so far, held to MAX_CELLS
        self.extent = 0  # the sheets' rows times columns so far, held to the workbook budget's cell count
        self.sheets: list[XmlSheet] = []

    def refuse(self, sheet: XmlSheet, row: int, why: str) -> UnreadableFile:
        where = f"sheet '{sheet.name}', row {row:,}" if row else f"sheet '{sheet.name}'"
        return UnreadableFile(self.path, f"{where}: {why} (a damaged or hostile file); not read")

    def read(self) -> list[XmlSheet]:
        sheet: XmlSheet | None = None
        table: Element | None = None
        row = 0  # 1-based number of the row being read (or last read)
        column = 0  # 0-based column of the next cell in the row
        in_row = False
        for event, element in iterparse(self.path, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "Worksheet":
                    sheet = XmlSheet(_attribute(element, "Name") or f"Sheet{len(self.sheets) + 1}")
                    row = 0
                elif tag == "Table" and sheet is not None:
                    table = element
                elif tag == "Row" and sheet is not None:
                    row = self._index(sheet, element, row, EXCEL_ROWS)
                    column, in_row = 0, True
                continue
            if sheet is None:
                continue
            if tag == "Cell" and table is not None:
                if not in_row:  # Excel refuses such a file; read, it would land in the row before or in none
                    raise self.refuse(sheet, row, "a <Cell> stands outside any <Row>" + (f", after row {row:,}" if row else ""))
                column = self._cell(sheet, element, row, column)
            elif tag == "Row" and table is not None:
                in_row = False
                span = _number(_attribute(element, "Span"), 0, EXCEL_ROWS)  # rows alike, written once
                if _attribute(element, "Hidden") in ("1", "true"):
                    sheet.hidden_spans.append((row, row + span))
                row += span
                table.clear()  # the rows read are dropped: memory stays one row's
            elif tag == "Visible" and element.tag.startswith(EXCEL):
                text = (element.text or "").strip()
                sheet.hidden = {"SheetHidden": "hidden", "SheetVeryHidden": "very hidden"}.get(text, sheet.hidden)
            elif tag == "Worksheet":
                self._finish(sheet)
                sheet = table = None
                element.clear()
        return self.sheets

    def _index(self, sheet: XmlSheet, element: Element, after: int, last: int, row: int = 0) -> int:
        """The row's (or, given its ``row``, the cell's) 1-based ss:Index, else the next after ``after``; it must
        come after ``after``, as Excel requires, and not pass Excel's ``last``."""
        what = "column" if row else "row"
        given = _attribute(element, "Index")
        if given is None:
            index = after + 1
        else:
            try:
                index = int(given)
            except ValueError:
                raise self.refuse(sheet, row, f"a {what} index '{given[:20]}' is not a number") from None
            if index <= after:  # Excel refuses such a file: rows, and cells in a row, only go forward
                raise self.refuse(sheet, row, f"{what} {index:,} is placed after {what} {after:,}; they only go forward")
        if index > last:
            raise self.refuse(sheet, row, f"{what} {index:,} is past Excel's last {what} ({last:,})")
        return index

    def _cell(self, sheet: XmlSheet, element: Element, row: int, column: int) -> int:
        """Place the cell; the 0-based column of the next one."""
        at = self._index(sheet, element, column, EXCEL_COLUMNS, row) - 1
        across = _number(_attribute(element, "MergeAcross"), 0, EXCEL_COLUMNS)
        down = _number(_attribute(element, "MergeDown"), 0, EXCEL_ROWS)
        value, error = _value(element)
        if value != "" or across or down or error:
            cells = sheet.rows
            if len(cells) < row:
                self._spend(sheet, row, row - len(cells))
                cells.extend([] for _ in range(row - len(cells)))
            line = cells[row - 1]
            if len(line) <= at:
                self._spend(sheet, row, at + 1 - len(line))
                line.extend([""] * (at + 1 - len(line)))
            line[at] = value
            if across or down:  # bounded by the data's extent when carried (readers.fill_merged)
                sheet.ranges.append(((row - 1, at), (row - 1 + down, at + across)))
            if error:
                sheet.errors[row, at] = f"the cell holds Excel's error {error}"
        element.clear()
        return at + 1 + across

    def _spend(self, sheet: XmlSheet, row: int, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise UnreadableFile(
                self.path,
                f"sheet '{sheet.name}' reaches row {row:,} with more than {MAX_CELLS:,} cells in the file: reading it would "
                "need more than the memory budget; not read",
            )

    def _finish(self, sheet: XmlSheet) -> None:
        height = len(sheet.rows)
        width = max((len(r) for r in sheet.rows), default=0)
        ranges = [(start, (min(bottom, height - 1), min(right, width - 1))) for start, (bottom, right) in sheet.ranges]
        carried = sum((b - t + 1) * (r - left + 1) for (t, left), (b, r) in ranges if b >= t and r >= left)
        self._spend(sheet, height, carried)  # what readers.fill_merged may add, counted before it does
        # every row up to the last placed one is a row of the sheet, as a workbook's extent is counted (25 sheets
        # each with one cell at row 1,048,576 took 2.2 GB to read)
        self.extent += height * width
        if self.extent > safety.MAX_CELLS:
            raise UnreadableFile(
                self.path,
                f"sheet '{sheet.name}' reaches row {height:,} and column {width:,}: with the sheets before it, reading it "
                f"would need more than the memory budget ({safety.MAX_CELLS:,} cells in the file); not read",
            )
        sheet.ranges = ranges
        sheet.hidden_rows = sorted({r for first, last in sheet.hidden_spans for r in range(first, min(last, height) + 1)})
        self.sheets.append(sheet)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attribute(element: Element, name: str) -> str | None:
    """ss:Name and its kin; some writers leave the prefix off."""
    value = element.get(SS + name)
    return value if value is not None else element.get(name)


def _number(text: str | None, default: int, most: int) -> int:
    """A span or count attribute, held to 0..``most`` (a damaged one counts as ``default``)."""
    try:
        return max(0, min(int(text), most)) if text is not None else default
    except ValueError:
        return default


def _value(cell: Element) -> tuple[Any, str]:
    """(the cell's value as calamine gives an .xlsx cell's, the error it holds or "")."""
    data = next((child for child in cell if _local(child.tag) == "Data"), None)
    if data is None:
        return "", ""
    text = "".join(data.itertext())  # rich text: the string is spread over <Font>, <B>... elements
    kind = _attribute(data, "Type") or "String"
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text.strip(), ""
        return (number, "") if math.isfinite(number) else (text.strip(), "")
    if kind == "DateTime":
        return _datetime(text), ""
    if kind == "Boolean":
        return text.strip().lower() in ("1", "true"), ""
    if kind == "Error":  # calamine reads an error cell as empty; the finding on it says what it held
        return "", text.strip() or "#VALUE!"
    return text, ""


EXCEL_TIME_DAY = date(1899, 12, 31)  # the day Excel writes for a time of day with no date


def _datetime(text: str) -> Any:
    """A date at midnight, a time of day on Excel's day zero, else a datetime, as calamine gives an .xlsx's."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return text.strip()
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    if moment.date() == EXCEL_TIME_DAY:  # an earlier day is a day (Excel writes none), read as the day it is
        return moment.time()
    return moment.date() if moment.time() == time() else moment
