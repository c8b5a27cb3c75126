"""Write the report workbook with XlsxWriter: formatted, filterable, printable, safe.

XlsxWriter was picked by measurement: it wrote a 200,000-row formatted sheet in
about a third of openpyxl's time, and its constant-memory mode streams rows to
disk. Cells go through explorer.outputs.report.cells (typed, formula-safe), sizes
and print setup through explorer.outputs.report.layout.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from explorer import __version__, heap
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.tones import DATE_TONES, OUTCOME_TONES, SEVERITY_TONES, TERM_TONES, Tone
from explorer.atomic import scratch_folder, write_atomically
from explorer.outputs.report.actions import ISSUE_FILLS
from explorer.outputs.report.body import write_body
from explorer.outputs.report.build import ReportData
from explorer.outputs.report.cells import Formats, TextWorkbook, column_cells
from explorer.outputs.report.layout import (
    LINE_POINTS,
    catalog_footer,
    column_widths,
    escape,
    fill_pages,
    header_lines,
    print_layout,
    row_lines,
)
from explorer.outputs.report.schema import ALWAYS_WRAPPED, SHEETS, WRAPPED_COLUMNS, wraps_for
from explorer.outputs.report.summary_sheet import summary_sheet


def _toned(column: str, tones: Mapping[Any, Tone]) -> list[tuple[str, str, str]]:
    """Conditional fills for a column of enum words, from the one table of tones (explorer.app.tones)."""
    return [(column, str(member.value), tone.value) for member, tone in tones.items() if tone is not Tone.NONE]


HIGHLIGHTS = {  # sheet: (column, value, colour)
    "Cases": _toned("Outcome", OUTCOME_TONES),
    "Key Dates": _toned("Status", DATE_TONES),
    "Contracts": _toned("Status", TERM_TONES),
    "Findings": [("Severity", s.label, tone.value) for s, tone in SEVERITY_TONES.items() if tone is not Tone.NONE],
}
UNWRAPPED_CAP = 36  # characters shown of long text on a sheet printed across pages (the cell holds it all)
# A findings cell is coloured by its worst finding: errors red, warnings amber, Info notes not at all.
# (column, XlsxWriter text criteria, [(text, colour)]): Contracts counts them ("1 error, 2 notes"),
# Named Contacts words them, worst first ("Warning: …").
FINDING_CELLS = {
    "Contracts": ("Findings", "containing", [(" error", "red"), (" warning", "amber")]),
    "Named Contacts": ("Finding", "begins with", [("Error:", "red"), ("Warning:", "amber")]),
}


def write_report(data: ReportData, target: Path | str, inputs: Iterable[Path | str] = (), cancel: CancelToken = NEVER) -> Path:
    """Write the workbook atomically; raises OutputError with a one-line message, or Cancelled
    (checked between sheets and every few thousand rows; the target is then left as it was)."""
    return write_atomically(target, lambda path: _write(data, path, cancel), inputs)


def new_workbook(path: Path, **options: Any) -> Any:
    """An XlsxWriter workbook that writes text as text (never a formula, link, number or markup), its scratch
    files in this process's private folder (removed on exit, never left in the shared temp folder)."""
    safe = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    return TextWorkbook(str(path), {**safe, "tmpdir": str(scratch_folder()), **options})


@contextlib.contextmanager
def open_workbook(path: Path, title: str, catalog_version: str, **options: Any) -> Iterator[Any]:
    """A streamed XlsxWriter workbook that writes text as text (never a formula, link or number) and names
    the program and catalog in its properties. Closed at the end; on a failure or Cancel it is closed
    quietly, which releases its streamed row files so the atomic writer can delete the half-written file."""
    book = new_workbook(path, constant_memory=True, **options)
    book.set_properties(
        {
            "title": title,
            "subject": "Support entitlements",
            "author": "Entitlement Explorer",
            "comments": f"Entitlement Explorer {__version__}, catalog {catalog_version}",
        }
    )
    try:
        yield book
    except BaseException:
        with contextlib.suppress(Exception):
            book.close()
        raise
    book.close()


@heap.paused()
def _write(data: ReportData, path: Path, cancel: CancelToken = NEVER) -> None:
    title = f"SLA report as of {data.as_of:%Y-%m-%d}"
    with open_workbook(path, title, data.catalog_version, default_date_format="yyyy-mm-dd") as book:
        formats = Formats(book)
        summary_sheet(book, data, formats)
        for name in SHEETS:
            if name != "Summary" and name in data.sheets:
                cancel.check()
                _report_sheet(book, name, data.sheets[name], formats, data, cancel)
    cancel.check()  # after the close: a Cancel while the workbook was zipped still leaves the target as it was


def table_sheet(
    book: Any,
    name: str,
    frame: pd.DataFrame,
    f: Formats,
    header: str,
    footer: str,
    highlights: Sequence[tuple[str, str, str]] = (),
    row_fills: Sequence[tuple[str, str, str]] = (),
    printed_rows: int | None = None,
    cancel: CancelToken = NEVER,
    wraps: dict[str, int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Any:
    """One table on its own sheet: sized, typed, frozen, filterable, coloured and set up to print.

    header and footer are print header and footer strings (XlsxWriter's &L, &R, &P codes). highlights colour
    a cell whose value is the one given; row_fills (column, leading text, colour) a whole row whose cell in
    that column begins with the text. wraps: the columns that wrap and their caps (default WRAPPED_COLUMNS);
    on a sheet printed across several pages nothing wraps but ALWAYS_WRAPPED, so no row is padded by text printed
    on another page (capped text is then cut on paper, whole in the cell). progress hears how many rows are out.
    """
    ws = book.add_worksheet(name)
    headers = list(frame.columns)
    wraps = dict(WRAPPED_COLUMNS if wraps is None else wraps)
    widths = column_widths(frame, wraps)
    if print_layout(widths).breaks:  # printed across pages: one line per row, long text a little wider instead
        # but a sentence that is the point, and the first column: repeated on every page, its lines pad none
        kept = {h: cap for h, cap in wraps.items() if h in ALWAYS_WRAPPED or h == headers[0]}
        widths = column_widths(frame, {**{h: max(cap, UNWRAPPED_CAP) for h, cap in wraps.items()}, **kept})
        widths = fill_pages(widths, {headers.index(h) for h in kept if h in headers})
        wraps = kept
    ws.set_row(0, LINE_POINTS * max(header_lines(h, w) for h, w in zip(headers, widths, strict=True)))
    for c, (title, width) in enumerate(zip(headers, widths, strict=True)):  # before the rows: constant memory
        ws.set_column(c, c, width)
        ws.write_string(0, c, title, f.header)
    columns = [column_cells(frame[h], h, f, ws, h in wraps) for h in headers]
    n = len(frame)
    lines = row_lines(frame, {h: w for h, w in zip(headers, widths, strict=True) if h in wraps})
    heights = None if lines is None else np.where(lines > 1, LINE_POINTS * lines, 0)
    write_body(ws, columns, heights, cancel, progress)
    last_row, last_col = max(n, 1), len(headers) - 1
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, last_row, last_col)
    for column, value, colours in highlights:
        c = headers.index(column)
        ws.conditional_format(
            1, c, last_row, c, {"type": "cell", "criteria": "==", "value": f'"{value}"', "format": f.colour[colours]}
        )
        # ... and the word with its detail after it ("Ended 2026-06-30": a term the book's status ended early)
        said, width = f"{value} ".replace('"', '""'), len(value) + 1
        ws.conditional_format(
            1,
            c,
            last_row,
            c,
            {"type": "formula", "criteria": f'=LEFT({xl_col_to_name(c)}2,{width})="{said}"', "format": f.colour[colours]},
        )
    for column, text, colours in row_fills:
        letter = xl_col_to_name(headers.index(column))
        quoted = text.replace('"', '""')
        ws.conditional_format(
            1,
            0,
            last_row,
            last_col,
            {"type": "formula", "criteria": f'=LEFT(${letter}2,{len(text)})="{quoted}"', "format": f.colour[colours]},
        )
    print_setup(ws, widths, header, footer)
    if printed_rows is not None and printed_rows < n:
        ws.print_area(0, 0, max(printed_rows, 1), last_col)
    return ws


def _report_sheet(book: Any, name: str, frame: pd.DataFrame, f: Formats, data: ReportData, cancel: CancelToken = NEVER) -> None:
    note = data.notes.get(name, "")
    header = f"&L&8Entitlement Explorer: SLA report as of {data.as_of:%Y-%m-%d}&R&8" + escape(
        f"{name} ({note})" if note else name
    )
    fills = [("Issue", text, colour) for text, colour in ISSUE_FILLS] if name == "Actions" else []
    ws = table_sheet(
        book,
        name,
        frame,
        f,
        header,
        catalog_footer(data.catalog_version),
        HIGHLIGHTS.get(name, []),
        fills,
        data.printed_rows.get(name),
        cancel,
        wraps_for(name),
    )
    headers, last_row = list(frame.columns), max(len(frame), 1)
    if name in FINDING_CELLS:
        column, criteria, rules = FINDING_CELLS[name]
        c = headers.index(column)
        for text, colour in rules:
            ws.conditional_format(
                1, c, last_row, c, {"type": "text", "criteria": criteria, "value": text, "format": f.colour[colour]}
            )
    for mark in data.marks.get(name, []):  # a cell whose own value a finding questions
        c = headers.index(mark.column)
        ws.conditional_format(
            mark.row + 1, c, mark.row + 1, c, {"type": "formula", "criteria": "=TRUE", "format": f.colour[mark.colour]}
        )
    if name == "Compliance":  # against the target: at or above green, below red; blank (nothing judged yet) neither
        c = headers.index("Compliance %")
        cell = f"{xl_col_to_name(c)}2"
        for compare, colour in ((">=", "green"), ("<", "red")):
            rule = f"=AND(ISNUMBER({cell}),{cell}{compare}{data.compliance_target})"
            ws.conditional_format(1, c, last_row, c, {"type": "formula", "criteria": rule, "format": f.colour[colour]})


def print_setup(ws: Any, widths: list[float], header: str, footer: str) -> None:
    """Portrait or landscape by width, type never under 8 pt, header row (and first column if split) repeated."""
    layout = print_layout(widths)
    if layout.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if layout.scale is None:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(layout.scale)
        ws.repeat_columns(0)  # the customer on every page across
        ws.set_v_pagebreaks(list(layout.breaks))
    ws.repeat_rows(0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header(header)
    ws.set_footer(footer)
