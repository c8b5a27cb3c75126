"""The streamed table body (explorer.outputs.report.body) writes the bytes XlsxWriter writes cell by cell.

Each table is written twice: through table_sheet, and through table_sheet with its body written the old way,
every cell through XlsxWriter's public typed calls (the one cell(v) per row, set_row for tall rows). Every part
of the two workbooks must be the same bytes.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from explorer.atomic import OutputError
from explorer.outputs.report import body, writer
from explorer.outputs.report.cells import Formats, cell, excel_serials
from explorer.outputs.report.schema import DATE_COLUMNS, DATETIME_COLUMNS

CREATED = datetime(2026, 1, 2, 3, 4, 5)
TRICKY = [
    "Acme Corp",
    "Ünïcödé GmbH 株式会社 🚀",
    "A & B <c> \"d\" 'e'",
    " leading space",
    "trailing space ",
    "line one\nline two",
    "tab\there",
    "bell\x07char",
    "_x0041_ looks escaped",
    "non-char \ufffe",
    "=1+1",
    "+44 20 7946 0000",
    "-minus",
    "@handle",
    "<r>rich?</r>",
    "x" * 20_000,
    "y" * 40_000,
    "",
    None,
    "\u3000ideographic space",
    "no\xa0break",
]


def _frame(rows: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    texts = [TRICKY[i % len(TRICKY)] for i in range(rows)]
    mixed: list[Any] = [
        "text",
        3,
        2.5,
        True,
        datetime(2026, 3, 4, 5, 6),
        date(2026, 3, 4),
        None,
        float("nan"),
        pd.NaT,
        "",
        "=SUM(A1)",
        np.int64(9),
        pd.Timestamp("2026-05-06 07:08"),
    ]
    numbers = rng.normal(1000, 500, rows)
    numbers[::7] = np.nan
    opened = pd.Series(pd.date_range("2026-01-01", periods=rows, freq="37min", tz="Europe/Berlin"))
    opened[::11] = pd.NaT
    return pd.DataFrame(
        {
            "Customer": texts,
            "Notes": [("long wrapped words " * (i % 9)).strip() or None for i in range(rows)],  # wraps: tall rows
            "Count": rng.integers(0, 50, rows),
            "Share": numbers,
            "Mixed": [mixed[i % len(mixed)] for i in range(rows)],
            sorted(DATE_COLUMNS)[0]: [date(2026, 1, 1 + i % 28) if i % 5 else None for i in range(rows)],
            sorted(DATETIME_COLUMNS)[0]: opened,
            "Case": [f"{500000 + i}" for i in range(rows)],
        }
    )


def _cell_by_cell(frame: pd.DataFrame):  # type: ignore[no-untyped-def]
    """write_body as it was: each row's cells through the public typed calls, heights set before them."""

    def write(ws: Any, columns: list[body.BodyColumn], heights: Any = None, cancel: Any = None, progress: Any = None) -> None:
        values = []
        for h in frame.columns:
            if h in DATE_COLUMNS or h in DATETIME_COLUMNS:
                values.append([None if np.isnan(v) else float(v) for v in excel_serials(frame[h])])
            elif pd.api.types.is_numeric_dtype(frame[h].dtype) and not pd.api.types.is_bool_dtype(frame[h].dtype):
                values.append([None if np.isnan(v) else float(v) for v in frame[h].astype("float64")])
            else:
                values.append([cell(v) for v in frame[h].tolist()])
        for r in range(len(frame)):
            if heights is not None and heights[r]:
                ws.set_row(r + 1, int(heights[r]))
            for c, column in enumerate(columns):
                if values[c][r] is not None:
                    column.write(r + 1, c, values[c][r])

    return write


WRAPS = {"Customer": 20, "Notes": 16, "Mixed": 10}


def _workbook(path: Path, frame: pd.DataFrame) -> dict[str, bytes]:
    """The frame on two sheets: one wrapping its text (tall rows), one printed across pages (only its first column,
    printed on every page, wraps)."""
    with writer.open_workbook(path, "t", "1") as book:
        book.set_properties({"created": CREATED})
        f = Formats(book)
        for i, wraps in enumerate((WRAPS, {"Customer": 32, "Notes": 60})):
            fills = [("Customer", "=", "red")]
            writer.table_sheet(book, f"Sheet {i}", frame, f, "&Lh", "&Rf", row_fills=fills, wraps=wraps)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("rows", [0, 1, 300, body.CHUNK + 17])
def test_streamed_body_is_xlsxwriters_own_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    frame = _frame(rows)
    streamed = _workbook(tmp_path / "streamed.xlsx", frame)
    monkeypatch.setattr(writer, "write_body", _cell_by_cell(frame))
    one_by_one = _workbook(tmp_path / "cells.xlsx", frame)
    assert streamed.keys() == one_by_one.keys()
    for name, data in one_by_one.items():
        assert streamed[name] == data, name
    if rows >= 300:  # the test would pass on a frame without the hard cases: make sure it has them
        wrapping, across = (one_by_one[f"xl/worksheets/sheet{i}.xml"].decode() for i in (1, 2))
        assert 'customHeight="1"' in wrapping and "colBreaks" in across
        # printed across pages only the first column (on every page) wraps: fewer tall rows
        assert 0 < across.count("customHeight") < wrapping.count("customHeight")
        for needle in ('xml:space="preserve"', "_x005F_x0041_", "_x0007_", "&amp;", "_xFFFE_", "<t>&gt;rich?&lt;/r&gt;</t>"):
            assert needle in wrapping, needle
        assert 'quotePrefix="1"' in one_by_one["xl/styles.xml"].decode()


def test_every_row_tall_and_rows_left_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row taller than the default (no default-height entry among the rows), some rows with nothing in them."""
    frame = pd.DataFrame({"Notes": ["word " * 40] * 5 + [None] * 3 + ["word " * 40], "Customer": [None] * 9})
    streamed = _workbook(tmp_path / "streamed.xlsx", frame)
    monkeypatch.setattr(writer, "write_body", _cell_by_cell(frame))
    assert streamed == _workbook(tmp_path / "cells.xlsx", frame)


def test_rows_past_the_sheet_are_refused_not_dropped(tmp_path: Path) -> None:
    class Sheet:
        xls_rowmax = 10

    column = body.BodyColumn(np.zeros(10, dtype=np.int64), ["x"], lambda r, c, v: None)
    with pytest.raises(OutputError, match="10 rows do not fit on one Excel sheet"):
        body.write_body(Sheet(), [column])


def test_zoned_datetimes_are_written_as_utc(tmp_path: Path) -> None:
    """The serials of a zoned column are UTC wall times (what the report's "(UTC)" columns say)."""
    series = pd.Series([pd.Timestamp(2026, 3, 1, 12, tzinfo=UTC).tz_convert("Asia/Tokyo"), pd.NaT])
    serials = excel_serials(series)
    assert serials[0] == pytest.approx((datetime(2026, 3, 1, 12) - datetime(1899, 12, 30)).total_seconds() / 86400)
    assert np.isnan(serials[1])


def test_a_column_whose_rendering_is_not_its_value_goes_cell_by_cell(tmp_path: Path) -> None:
    """The shared rendering is used only where XlsxWriter wrote the value as expected: a write call that writes
    something else (here the value plus one, as a changed XlsxWriter might format it) sends every cell of the
    column through XlsxWriter on its own, and each cell still holds what its own write made."""

    def written(path: Path, streamed: bool) -> bytes:
        with writer.open_workbook(path, "t", "1") as book:
            book.set_properties({"created": CREATED})
            ws = book.add_worksheet("S")
            ws.write_string(0, 0, "N")

            def write(r: int, c: int, v: float) -> None:
                ws.write_number(r, c, v + 1)

            values = [1.0, 2.5, 7.0]
            column = body.BodyColumn(np.array([0, 1, 2, 1, -1, 0]), values, write, numbers=True)
            if streamed:
                body.write_body(ws, [column])
            else:
                ws._write_single_row(1)
                for r, code in enumerate(column.codes.tolist()):
                    if code >= 0:
                        write(r + 1, 0, values[code])
        with zipfile.ZipFile(path) as archive:
            return archive.read("xl/worksheets/sheet1.xml")

    streamed = written(tmp_path / "a.xlsx", True)
    assert streamed == written(tmp_path / "b.xlsx", False)
    assert b'<c r="A2"><v>2</v></c>' in streamed and b'<c r="A3"><v>3.5</v></c>' in streamed


def test_unhashable_cells_are_written_row_by_row(tmp_path: Path) -> None:
    """A column holding a list cannot be grouped by value: each row keeps its own (a list is no cell type, so it is
    left empty, as the cell-by-cell write left it), and the text beside it is still written."""
    frame = pd.DataFrame({"Customer": ["Acme", "Beta", "Acme"], "Mixed": [["a"], "text", 3]})
    with writer.open_workbook(tmp_path / "r.xlsx", "t", "1") as book:
        writer.table_sheet(book, "S", frame, Formats(book), "", "")
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "r.xlsx")).get_sheet_by_name("S").to_python()
    assert rows == [["Customer", "Mixed"], ["Acme", ""], ["Beta", "text"], ["Acme", 3.0]]


def _one_by_one(ws: Any, columns: list[body.BodyColumn], heights: Any = None, cancel: Any = None, progress: Any = None) -> None:
    for r in range(len(columns[0].codes) if columns else 0):
        if heights is not None and heights[r]:
            ws.set_row(r + 1, int(heights[r]))
        for c, column in enumerate(columns):
            if (code := int(column.codes[r])) >= 0:
                column.write(r + 1, c, column.values[code])


def test_formats_are_numbered_as_xlsxwriter_numbers_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """XlsxWriter numbers a format when it writes out the first cell that uses it, and holds a sheet's last row (and
    the header of a table without rows) until the workbook closes: a format first used in a last row, or a sheet
    without rows before others, must come out numbered as it did, or styles.xml and every s= differ."""
    first = pd.DataFrame({"Customer": ["Acme", "=last row only"], "Share": [None, 0.5], "Count": [1, 2]})
    empty = pd.DataFrame({"Customer": pd.Series([], dtype=object), "Notes": pd.Series([], dtype=object)})
    after = pd.DataFrame({"Customer": ["Beta", "Gamma"], "Share": [0.25, 1.5], sorted(DATE_COLUMNS)[0]: [date(2026, 1, 2)] * 2})

    def workbook(path: Path) -> dict[str, bytes]:
        with writer.open_workbook(path, "t", "1") as book:
            book.set_properties({"created": CREATED})
            f = Formats(book)
            for i, frame in enumerate((first, empty, after, first.iloc[:1])):
                writer.table_sheet(book, f"S{i}", frame, f, "", "")
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    streamed = workbook(tmp_path / "streamed.xlsx")
    monkeypatch.setattr(writer, "write_body", _one_by_one)
    assert streamed == workbook(tmp_path / "cells.xlsx")


def test_a_workbook_that_keeps_its_cells_in_memory_takes_them_one_by_one(tmp_path: Path) -> None:
    """Streaming writes to the constant-memory sheet's row file; a shared-strings workbook has none, so its rows go
    through the public calls, and read back the same."""
    frame = pd.DataFrame({"Customer": ["Acme", "=x", None], "Count": [1, 2, 3]})
    path = tmp_path / "shared.xlsx"
    book = writer.new_workbook(path)  # not constant memory
    writer.table_sheet(book, "S", frame, Formats(book), "", "")
    book.close()
    import python_calamine

    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S").to_python()
    assert rows == [["Customer", "Count"], ["Acme", 1.0], ["=x", 2.0], ["", 3.0]]


def test_rows_held_on_disk_are_copied_into_the_sheet_as_xlsxwriter_copies_them(tmp_path: Path) -> None:
    import xlsxwriter

    from explorer.outputs.report.cells import TextWorkbook

    texts = ["plain", "two\nlines", "crlf\r\nkept", "naïve café", "日本語のテキスト", "emoji 🙂", "<&>\"'", " edge "]

    def parts(kind: type, path: Path) -> dict[str, bytes]:
        book = kind(str(path), {"constant_memory": True, "tmpdir": str(tmp_path)})
        book.add_worksheet("Empty")
        sheet = book.add_worksheet("Rows")
        for r in range(3000):  # past XlsxWriter's 64 K-character copy
            sheet.write_string(r, 0, texts[r % len(texts)] * (1 + r % 7))
            sheet.write_number(r, 1, r / 7)
        book.set_properties({"created": datetime(2026, 1, 1)})
        book.close()
        with zipfile.ZipFile(path) as archive:
            return {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")}

    ours, theirs = parts(TextWorkbook, tmp_path / "ours.xlsx"), parts(xlsxwriter.Workbook, tmp_path / "theirs.xlsx")
    assert ours == theirs and len(ours["xl/worksheets/sheet2.xml"]) > 200_000
