"""The changes between two versions of a book as a workbook: Changes, then Summary.

Written like the report (explorer.outputs.report): typed, formula-safe cells, widths
from the content, frozen filterable header, print setup, atomic replace.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from explorer import clock
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.diff import CHANGE_COLUMNS
from explorer.atomic import write_atomically
from explorer.outputs.changes import Comparison
from explorer.outputs.report.build import sha256
from explorer.outputs.report.cells import Formats, write_text
from explorer.outputs.report.glyphs import merged_width, wrapped_lines
from explorer.outputs.report.layout import LINE_POINTS, catalog_footer
from explorer.outputs.report.writer import open_workbook, table_sheet
from explorer.shown import shown_name

HIGHLIGHTS = [
    ("Change", kind, colour)
    for kind, colour in (
        ("Added", "green"),
        ("Upgrade", "green"),
        ("Contact added", "green"),
        ("Removed", "red"),
        ("Contact removed", "red"),
        ("Downgrade", "amber"),
    )
]
TITLE = "Changes between two versions of a contract book"
WIDTHS = [30, 68]  # the Summary's labels and values; a warning is merged across both


def write_changes(diff: Comparison, target: Path | str, inputs: Iterable[Path | str] = (), cancel: CancelToken = NEVER) -> Path:
    """Write the workbook atomically; raises OutputError with a one-line message, or Cancelled (the target is
    then left as it was)."""
    return write_atomically(target, lambda path: _write(diff, path, cancel), inputs)


def _write(diff: Comparison, path: Path, cancel: CancelToken) -> None:
    with open_workbook(path, TITLE, diff.catalog_version) as book:
        formats = Formats(book)
        header = "&L&8Entitlement Explorer: " + _files(diff.old_files) + " → " + _files(diff.new_files) + "&R&8Changes"
        ws = table_sheet(
            book,
            "Changes",
            diff.changes[CHANGE_COLUMNS],
            formats,
            header,
            catalog_footer(diff.catalog_version),
            HIGHLIGHTS,
            cancel=cancel,
        )
        ws.activate()
        _summary(book, diff, formats)
        cancel.check()


def _files(files: list[str]) -> str:
    return ", ".join(shown_name(f) for f in files).replace("&", "&&")


def _summary(book: Any, diff: Comparison, f: Formats) -> None:
    ws = book.add_worksheet("Summary")
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    ws.write_string(0, 0, TITLE, f.title)
    row = 2
    for label, value in (
        ("Generated (UTC)", clock.now().replace(tzinfo=None)),
        ("Catalog version", diff.catalog_version),
    ):
        ws.write_string(row, 0, label, f.label)
        if isinstance(value, datetime):
            ws.write_datetime(row, 1, value, f.datetime_left)
        else:
            write_text(ws, row, 1, str(value), f.text, f.quoted)
        row += 1
    row += 1
    ws.write_string(row, 0, "Changes by kind", f.section)
    row += 1
    counts = diff.counts()
    for kind, n in [*counts.items(), ("Total", sum(counts.values()))]:
        ws.write_string(row, 0, kind, f.label if kind == "Total" else f.text)
        ws.write_number(row, 1, n, f.integer_left)
        row += 1
    if diff.warnings:
        row += 1
        ws.write_string(row, 0, "Warnings", f.section)
        row += 1
        for warning in diff.warnings:
            ws.set_row(row, LINE_POINTS * wrapped_lines(warning, merged_width(WIDTHS)))
            ws.merge_range(row, 0, row, 1, "", f.wrap)
            write_text(ws, row, 0, warning, f.wrap, f.wrapped_quoted)
            row += 1
    for title, files in (("Old book", diff.old_files), ("New book", diff.new_files)):
        row += 1
        ws.write_string(row, 0, title, f.section)
        row += 1
        ws.write_string(row, 0, "File", f.label)
        ws.write_string(row, 1, "SHA-256", f.label)
        row += 1
        for file in files:
            write_text(ws, row, 0, shown_name(file), f.text, f.quoted)
            ws.write_string(row, 1, sha256(file), f.small)
            row += 1
    ws.set_portrait()
    ws.fit_to_pages(1, 1)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_header("&L&8Entitlement Explorer: changes&R&8Summary")
    ws.set_footer(catalog_footer(diff.catalog_version))
