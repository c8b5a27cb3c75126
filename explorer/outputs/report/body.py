"""A table's rows streamed into a constant-memory XlsxWriter sheet, each distinct cell rendered once by XlsxWriter.
(A workbook that keeps its cells in memory takes them through the public write calls, one by one.)

Written cell by cell, XlsxWriter spends about 12 µs on each (argument checks, a tuple, an attribute list,
escaping, a file write): 95% of the report's time, 37 s for the 200,000-case book. A column holds few distinct
values (the customer, the priority, the outcome; a date or an ID repeats less, but still goes through here once).
So each column's distinct values go through the sheet's own typed write call and its own cell writer once, and
each row is assembled from those renderings, only its cell references added. The bytes are XlsxWriter's:
tests/report/test_report_body.py writes the same cells one by one through its public calls and compares the sheets.

This leans on four of XlsxWriter's internals (the row table, the last flushed row, and its row and cell
writers), which is why XlsxWriter is pinned below 4 and the comparison runs in every test run.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from xlsxwriter.utility import xl_col_to_name

from explorer.app.cancel import NEVER, CancelToken
from explorer.atomic import OutputError

# Text XlsxWriter writes as it is (in a shared format: a formula's first character takes the quoted one); anything
# else goes through XlsxWriter cell by cell. Under half its 32,767 limit, so no cut is ever needed.
_UNPLAIN = re.compile(r'^[=+\-@\t\r]|[&<>"\x00-\x1f\ufffe\uffff]|_x|^\s|\s$')
PLAIN_LENGTH = 16_000
CHUNK = 5_000  # rows assembled at a time: Cancel is checked and progress told between chunks


@dataclass
class BodyColumn:
    codes: np.ndarray  # per row: which of ``values`` the cell holds, -1 where it is left empty
    values: list[Any]  # the distinct values, as the write call takes them
    write: Callable[[int, int, Any], Any]  # the sheet's typed write call for one cell (row, column, value)
    numbers: bool = False  # every value a number, written in one format


def write_body(
    ws: Any,
    columns: Sequence[BodyColumn],
    heights: np.ndarray | None = None,
    cancel: CancelToken = NEVER,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write the rows below the header row (row 0, already written): row r + 1 holds each column's cell r.

    heights: each row's height in points, 0 for the default. Raises OutputError if the rows do not fit on a sheet
    (XlsxWriter would drop the rows past its last one without a word)."""
    n = len(columns[0].codes) if columns else 0
    if n + 1 > ws.xls_rowmax:
        raise OutputError(f"{n:,} rows do not fit on one Excel sheet ({ws.xls_rowmax - 1:,} at most below its header).")
    tall = np.flatnonzero(heights) if heights is not None else np.empty(0, dtype=np.int64)
    for r in tall.tolist():  # the public call, so the sheet keeps every row's size as it would
        ws.set_row(r + 1, int(heights[r]))  # type: ignore[index]
    # The last row goes in through the public calls: XlsxWriter holds a sheet's last row (and the header of a
    # table without rows) until the workbook closes, and numbers a format when it writes its first cell out.
    # A workbook that keeps its cells in memory (shared strings) takes every row so.
    streamed = n - 1 if ws.constant_memory else 0
    if streamed > 0:
        ws._write_single_row(1)  # the header row goes out; row 1 is the sheet's current row
        _stream(ws, columns, streamed, heights, tall, cancel, progress)
    for r in range(max(streamed, 0), n):
        if r % CHUNK == 0:
            cancel.check()
            if progress is not None:
                progress(r)
        for c, column in enumerate(columns):
            if (code := int(column.codes[r])) >= 0:
                column.write(r + 1, c, column.values[code])


def _stream(
    ws: Any,
    columns: Sequence[BodyColumn],
    n: int,
    heights: np.ndarray | None,
    tall: np.ndarray,
    cancel: CancelToken,
    progress: Callable[[int], None] | None,
) -> None:
    """The first n rows, assembled from each column's distinct cells rendered once, written a chunk at a time."""
    cells = _rendered(ws, columns, n)
    codes = [np.where(cells[c][column.codes[:n]] == "", -1, column.codes[:n]) for c, column in enumerate(columns)]
    row_tags, row_of = _row_tags(ws, heights, tall)
    letters = [f'<c r="{xl_col_to_name(c)}' for c in range(len(columns))]
    filled_rows = np.zeros(n, dtype=bool)
    for kept in codes:
        filled_rows |= kept >= 0
    for start in range(0, n, CHUNK):
        cancel.check()
        if progress is not None:
            progress(start)
        stop = min(n, start + CHUNK)
        numbers = np.array([f'{r}"' for r in range(start + 2, stop + 2)], dtype=object)
        parts = []
        for c in range(len(columns)):
            chunk = codes[c][start:stop]
            rendered = letters[c] + numbers + cells[c][chunk]  # codes of -1 take the last entry: ""
            parts.append(np.where(chunk >= 0, rendered, ""))
        filled = filled_rows[start:stop]
        shape = row_of[start:stop] if row_of is not None else np.zeros(stop - start, dtype=np.int64)
        opened = '<row r="' + numbers + row_tags[0][shape]
        empty = '<row r="' + numbers + row_tags[1][shape]
        lines = [
            (head + "".join(row) + "</row>") if full else (bare if tall_row else "")
            for head, bare, full, tall_row, *row in zip(opened, empty, filled, shape > 0, *parts, strict=True)
        ]
        ws.fh.write("".join(lines))
    if filled_rows.any():  # (rows set taller have counted themselves, through set_row)
        ws.dim_rowmax = max(ws.dim_rowmax or 0, int(np.flatnonzero(filled_rows)[-1]) + 1)
    ws.previous_row = n + 1  # these rows are out: the next one is the sheet's current row


def _rendered(ws: Any, columns: Sequence[BodyColumn], n: int) -> list[np.ndarray]:
    """Each column's distinct cells in the first n rows as XlsxWriter writes them, from just after the cell reference
    to the cell's end; one more entry, "", for the empty cell. Rendered in the order the cells first appear row by
    row, as XlsxWriter would render them, so each format is numbered as it would be.

    A column of numbers in one format differs from cell to cell only in the number: its first cell is rendered,
    the others take their number in that rendering as XlsxWriter writes it (a 200,000-row log has as many distinct
    timestamps); a rendering that does not end in the number so written sends the column the slow way."""
    plain = [_plain(column) for column in columns]
    firsts = []
    for c, column in enumerate(columns):
        seen, first_row = np.unique(column.codes[:n], return_index=True)
        seen, first_row = seen[seen >= 0], first_row[seen >= 0]
        kept = ~plain[c][seen]  # the plain values' first one stands for them all; the others are rendered one by one
        if not kept.all():
            kept[np.flatnonzero(~kept)[np.argmin(first_row[~kept])]] = True
        firsts += [(row, c, code) for row, code in zip(first_row[kept].tolist(), seen[kept].tolist(), strict=True)]
    out = [np.empty(len(column.values) + 1, dtype=object) for column in columns]
    for o in out:
        o[-1] = ""
    for _, c, code in sorted(firsts):
        out[c][code] = _cell(ws, columns[c], c, code)
        if plain[c][code]:
            _fill_plain(ws, columns[c], c, out[c], plain[c], code)
    return out


def _plain(column: BodyColumn) -> np.ndarray:
    """Which values of the column XlsxWriter writes unchanged in one shared format (numbers; text without markup
    characters, control characters, escape-like "_x", edge spaces or a formula's first character)."""
    if column.numbers:
        return np.ones(len(column.values), dtype=bool)
    return np.fromiter(
        (isinstance(v, str) and len(v) <= PLAIN_LENGTH and not _UNPLAIN.search(v) for v in column.values),
        dtype=bool,
        count=len(column.values),
    )


def _fill_plain(ws: Any, column: BodyColumn, c: int, out: np.ndarray, plain: np.ndarray, sample: int) -> None:
    """The column's plain cells, as XlsxWriter rendered the sample: only the value differs. A rendering that does not
    end in the value so written sends them the slow way, one by one."""
    value, text = column.values[sample], out[sample]
    ending = f"<v>{value:.16G}</v></c>" if column.numbers else f"{value}</t></is></c>"
    at = np.flatnonzero(plain)
    if not text.endswith(ending):
        out[at] = [_cell(ws, column, c, code) for code in at.tolist()]
        return
    head = text[: -len(ending)]
    values = np.asarray(column.values, dtype=object)[at]
    out[at] = [f"{head}<v>{v:.16G}</v></c>" for v in values] if column.numbers else [f"{head}{v}</t></is></c>" for v in values]


def _cell(ws: Any, column: BodyColumn, c: int, code: int) -> str:
    """One cell as the sheet's write call and cell writer make it, after its reference, or "" if the call writes
    none (the sheet's row 1 is the scratch row: nothing of it is kept)."""
    column.write(1, c, column.values[code])
    cell = ws.table[1].pop(c, None)
    if cell is None:  # a value the write call leaves out (no cell type): the cell stays empty
        return ""
    with _captured(ws) as buffer:
        ws._write_cell(1, c, cell)
    text = buffer.getvalue()
    reference = f'<c r="{xl_col_to_name(c)}2"'
    if not text.startswith(reference):  # a cell writer that no longer starts so: fail here, not in Excel
        raise RuntimeError(f"XlsxWriter wrote a cell as {text[:40]!r}")
    return text[len(reference) :]


def _row_tags(ws: Any, heights: np.ndarray | None, tall: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray | None]:
    """(the <row> tags' endings after the row number, opened and empty, for each distinct height, the default's
    first; each row's entry, or None if every row has the default)."""
    if heights is None or not len(tall):
        shown, row_of = [None], None
    else:
        distinct, row_of = np.unique(np.concatenate([[0], heights]), return_inverse=True)
        row_of = row_of[1:]  # the 0 put first makes entry 0 the default's, whether a row has it or not
        examples = {int(heights[r]): r for r in reversed(tall.tolist())}
        shown = [ws.row_info[examples[int(h)] + 1] if h else None for h in distinct.tolist()]
    opened = np.empty(len(shown), dtype=object)
    empty = np.empty(len(shown), dtype=object)
    for i, info in enumerate(shown):
        for target, bare in ((opened, False), (empty, True)):
            with _captured(ws) as buffer:
                ws._write_row(0, None, info, empty_row=bare)
            target[i] = buffer.getvalue()[len('<row r="1"') :]
    return (opened, empty), row_of


@contextlib.contextmanager
def _captured(ws: Any) -> Iterator[io.StringIO]:
    """What XlsxWriter's row and cell writers write to the sheet's file meanwhile, kept out of it."""
    saved, buffer = ws.fh, io.StringIO()
    ws.fh = buffer
    try:
        yield buffer
    finally:
        ws.fh = saved
