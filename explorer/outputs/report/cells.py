"""Typed, formula-safe cells and the formats they use: shared by every workbook we write.

Every cell is written with a typed call (never XlsxWriter's guessing write()), so
text that looks like a formula stays text; such text also gets Excel's quote
prefix so editing the cell keeps it text.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.worksheet import Worksheet

from explorer.excel import EXCEL_EPOCH
from explorer.outputs.report.body import BodyColumn
from explorer.outputs.report.schema import DATE_COLUMNS, DATETIME_COLUMNS, PERCENT_COLUMNS, TENTHS_COLUMNS, WRAPPED_COLUMNS
from explorer.outputs.report.zipping import BlockZipFile, DeflatedRows, new_pool

HEADLINE_POINTS = 12  # the Summary's At a glance sentences
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLOURS = {
    "red": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "amber": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    "green": {"bg_color": "#C6EFCE", "font_color": "#006100"},
    "grey": {"font_color": "#808080"},
}


class TextWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet whose text is always text. XlsxWriter takes a string that begins "<r>" and ends "</r>" for rich
    text markup and writes it into the sheet as it is: a book's cell so written came out empty, or added cells of
    its own. Such text goes in as three plain runs instead, which show it as written."""

    row_data_fh: Any  # XlsxWriter's row file in constant-memory mode (a DeflatedRows here)
    fh: Any

    def write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> int:
        if string.startswith("<r>") and string.endswith("</r>"):
            runs = (string[:1], string[1:2], string[2:])
            return int(self.write_rich_string(row, col, *runs, *([cell_format] if cell_format is not None else [])))
        return int(super().write_string(row, col, string, cell_format))

    def deflate_rows(self, pool: ThreadPoolExecutor, spliced: dict[str, DeflatedRows]) -> None:
        """Deflate the rows as they are written, on ``pool``, instead of holding them as text: at the close they are
        spliced into the sheet's zip entry (``spliced``, by the sheet's XML file), never copied or read back."""
        if self.constant_memory and isinstance(self.row_data_fh, io.TextIOWrapper):
            self.row_data_fh.close()
            self.row_data_fh = self.fh = DeflatedRows(self.row_data_filename, pool)
            self._spliced = spliced

    def _set_xml_writer(self, filename: str) -> None:
        super()._set_xml_writer(filename)
        self._xml_path = filename

    def _write_optimized_sheet_data(self) -> None:
        rows, sheet = self.row_data_fh, self.fh
        if isinstance(rows, DeflatedRows):
            if self.dim_rowmin is None:  # no rows (XlsxWriter's own test): an empty sheetData, the row file dropped
                rows.close()
                os.unlink(self.row_data_filename)
                super()._write_optimized_sheet_data()
                return
            self._xml_start_tag("sheetData")
            sheet.flush()
            rows.finish(at=sheet.buffer.tell())  # the rows go here, between the head and the tail
            self._spliced[self._xml_path] = rows
            self._xml_end_tag("sheetData")
            return
        super()._write_optimized_sheet_data()  # a row file of XlsxWriter's own


_zipping = threading.Lock()


class TextWorkbook(xlsxwriter.Workbook):  # type: ignore[misc]
    """XlsxWriter's workbook with TextWorksheets, whose constant-memory rows are deflated as they are written, on
    a pool of the workbook's, and zipped at the close by a BlockZipFile on the same pool."""

    worksheet_class = TextWorksheet

    def __init__(self, filename: Any = None, options: dict[str, Any] | None = None) -> None:
        super().__init__(filename, options)
        self._pool: ThreadPoolExecutor | None = None
        self._spliced: dict[str, DeflatedRows] = {}

    def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> Any:
        sheet = super().add_worksheet(name, worksheet_class)
        if isinstance(sheet, TextWorksheet) and sheet.constant_memory:
            if self._pool is None:
                self._pool = new_pool()
            sheet.deflate_rows(self._pool, self._spliced)
        return sheet

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None

    def _store_workbook(self) -> None:
        """XlsxWriter's close, zipping into a BlockZipFile (every core, zipping.LEVEL). XlsxWriter has no setting
        for its zip file and makes it by its module's name, so that name is ours while one of our workbooks
        closes (one close at a time)."""
        with _zipping:
            module = xlsxwriter.workbook
            zipping = functools.partial(BlockZipFile, pool=self._pool, spliced=self._spliced)
            own, module.ZipFile = module.ZipFile, zipping
            try:
                super()._store_workbook()
            finally:
                module.ZipFile = own
        if self._spliced:  # a sheet XlsxWriter zipped by another path than BlockZipFile.write: zipped without its rows
            missed = ", ".join(sorted(os.path.basename(p) for p in self._spliced))
            for rows in self._spliced.values():  # their deflated row files go with the failed workbook
                rows.close()
                with contextlib.suppress(OSError):
                    os.unlink(rows.path)
            self._spliced.clear()
            raise RuntimeError(f"the rows of {missed} were not zipped into the workbook (an XlsxWriter change?)")


class Formats:
    """The workbook's cell formats, made once per workbook (reusable by every workbook we write)."""

    def __init__(self, book: Any) -> None:
        self.header = book.add_format(
            {"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "text_wrap": True, "valign": "top", "border": 1}
        )
        self.text = book.add_format({"valign": "top"})
        self.quoted = book.add_format({"quote_prefix": True, "valign": "top"})
        self.wrapped_text = book.add_format({"text_wrap": True, "valign": "top"})
        self.wrapped_quoted = book.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"})
        # Numbers and dates are centred in widths padded beyond their content, so none touches its
        # neighbour's text when a spreadsheet app or a printer draws them.
        self.date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "align": "center"})
        self.datetime = book.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top", "align": "center"})
        self.percent = book.add_format({"num_format": "0.0%", "valign": "top", "align": "center"})
        # Counts as whole numbers; a column with fractions shows them (never Excel's "3." of "0.##").
        self.number = book.add_format({"num_format": "#,##0.0##", "valign": "top", "align": "center"})
        self.integer = book.add_format({"num_format": "#,##0", "valign": "top", "align": "center"})
        self.tenths = book.add_format({"num_format": "#,##0.0", "valign": "top", "align": "center"})
        self.integer_left = book.add_format({"num_format": "#,##0", "valign": "top", "align": "left"})
        self.integer_right = book.add_format({"num_format": "#,##0", "valign": "top", "align": "right"})
        self.date_left = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "align": "left"})
        self.datetime_left = book.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top", "align": "left"})
        self.title = book.add_format({"bold": True, "font_size": 16, "font_color": "#1F4E78"})
        self.headline = book.add_format({"font_size": HEADLINE_POINTS, "text_wrap": True, "valign": "top"})
        self.label = book.add_format({"bold": True, "valign": "top"})
        self.label_wrap = book.add_format({"bold": True, "valign": "top", "text_wrap": True})
        self.section = book.add_format(
            {"bold": True, "font_size": 12, "font_color": "#1F4E78", "bottom": 1, "bottom_color": "#1F4E78"}
        )
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.small = book.add_format({"font_color": "#595959", "font_size": 9})
        self.colour = {name: book.add_format(spec) for name, spec in COLOURS.items()}
        self.colour_percent = {  # a compliance figure against its target
            name: book.add_format({**COLOURS[name], "num_format": "0.0%", "valign": "top", "align": "center"})
            for name in ("green", "red")
        }


def write_text(ws: Any, row: int, col: int, text: str, plain: Any, quoted: Any) -> None:
    """A string cell that stays text: formula-like text gets the quote prefix."""
    ws.write_string(row, col, text, quoted if text.startswith(FORMULA_STARTS) else plain)


def excel_serials(series: pd.Series) -> np.ndarray:
    """Dates and datetimes as Excel serial numbers (days since 1899-12-30), NaN for blanks; vectorised."""
    values = pd.to_datetime(series, utc=False, errors="coerce")
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_convert("UTC").dt.tz_localize(None)
    seconds = values.to_numpy(dtype="datetime64[s]")
    serial = (seconds - np.datetime64(EXCEL_EPOCH, "s")).astype("float64") / 86400.0
    serial[np.isnat(seconds)] = np.nan
    return serial


def column_cells(series: pd.Series, name: str, f: Formats, ws: Any, wrapped: bool | None = None) -> BodyColumn:
    """The column's distinct values, which each row holds, and the typed write call that suits them; text wraps where
    ``wrapped`` says (by default: a column of WRAPPED_COLUMNS). Blanks (None, NaN, NaT, "") leave the cell empty."""
    if name in DATE_COLUMNS or name in DATETIME_COLUMNS:
        fmt = f.date if name in DATE_COLUMNS else f.datetime
        return _numbers(excel_serials(series), lambda r, c, v: ws.write_number(r, c, v, fmt))
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        numbers = series.astype("float64").to_numpy()
        whole = bool(np.all(np.isnan(numbers) | (numbers == np.round(numbers))))
        fmt = f.percent if name in PERCENT_COLUMNS else f.tenths if name in TENTHS_COLUMNS else f.integer if whole else f.number
        return _numbers(numbers, lambda r, c, v: ws.write_number(r, c, v, fmt))
    try:
        codes, uniques = pd.factorize(series)  # None, NaN and NaT get code -1
        values = [cell(v) for v in uniques]
    except TypeError:  # an unhashable cell (a list): every row its own value
        codes, values = np.arange(len(series)), [cell(v) for v in series.tolist()]
    blank = [i for i, v in enumerate(values) if v is None]
    if blank:
        codes = np.where(np.isin(codes, blank), -1, codes)
    wrapped = name in WRAPPED_COLUMNS if wrapped is None else wrapped
    plain, quoted = (f.wrapped_text, f.wrapped_quoted) if wrapped else (f.text, f.quoted)

    def write(r: int, c: int, v: Any) -> None:
        if isinstance(v, str):
            ws.write_string(r, c, v, quoted if v.startswith(FORMULA_STARTS) else plain)
        elif isinstance(v, (int, float)):
            ws.write_number(r, c, v, f.percent if name in PERCENT_COLUMNS else f.number)
        elif isinstance(v, datetime):
            ws.write_datetime(r, c, v, f.datetime)
        elif isinstance(v, date):
            ws.write_datetime(r, c, datetime(v.year, v.month, v.day), f.date)

    return BodyColumn(np.asarray(codes), values, write)


def _numbers(numbers: np.ndarray, write: Callable[..., Any]) -> BodyColumn:
    codes, uniques = pd.factorize(numbers)  # NaN gets code -1
    return BodyColumn(np.asarray(codes), [float(v) for v in uniques], write, numbers=True)


def cell(value: Any) -> Any:
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    if isinstance(value, str) and not value:
        return None
    return value
