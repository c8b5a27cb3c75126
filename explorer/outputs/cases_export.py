"""The book-wide Cases page's filtered rows as one Excel sheet (written atomically, formula-safe)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from explorer import heap
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.case_filter import RESPONSE_MINUTES
from explorer.atomic import write_atomically

EXPORT_COLUMNS = {
    "case_id": "Case ID",
    "customer": "Customer",
    "product": "Product",
    "program": "Program",
    "priority": "Priority",
    "opened": "Opened (UTC)",
    "due": "Due (UTC)",
    "first_response": "First Response (UTC)",
    "business_minutes": RESPONSE_MINUTES,
    "outcome": "Outcome",
}


def export_cases(
    cases: pd.DataFrame,
    target: str | Path,
    inputs: list[str],
    cancel: CancelToken = NEVER,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """The given cases to one Excel sheet, written atomically; text that looks like a formula stays text.

    ``cancel`` is checked every few thousand rows (Cancelled leaves no file); ``progress`` hears how far it got.
    """
    from explorer.outputs.report.writer import new_workbook

    frame = cases[list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS).reset_index(drop=True)
    frame["Priority"] = [f"P{int(p)}" if pd.notna(p) else "" for p in frame["Priority"]]

    def write(path: Path) -> None:
        book = new_workbook(path, constant_memory=True)  # text as text, scratch files in the private folder
        try:
            _write_cases(book, frame, cancel, progress)
        except BaseException:  # Cancel or a failure: close quietly, releasing the streamed row files
            with contextlib.suppress(Exception):
                book.close()
            raise
        if progress is not None:
            progress(f"Saving {len(frame):,} cases")  # zipping the sheet: about half the export's time
        book.close()
        cancel.check()  # a Cancel while it was zipped still leaves no file: the temporary one is removed

    return write_atomically(target, write, inputs)


@heap.paused()  # a row's height is a dict of XlsxWriter's: 200,000 of them set off full collections that froze the window
def _write_cases(book: Any, frame: pd.DataFrame, cancel: CancelToken, progress: Callable[[str], None] | None) -> None:
    """The rows as the report writes its Cases sheet (explorer.outputs.report.writer.table_sheet): columns as wide as
    their content, long names wrapped, outcomes coloured, frozen and filterable, set up to print."""
    from explorer.outputs.report.cells import Formats
    from explorer.outputs.report.schema import wraps_for
    from explorer.outputs.report.writer import HIGHLIGHTS, table_sheet

    def told(done: int) -> None:
        if progress is not None:
            progress(f"Writing cases: {done:,} of {len(frame):,}")

    header = "&L&8Entitlement Explorer: cases&R&8Cases"
    table_sheet(
        book,
        "Cases",
        frame,
        Formats(book),
        header,
        "&R&8Page &P of &N",
        HIGHLIGHTS["Cases"],
        cancel=cancel,
        wraps=wraps_for("Cases"),
        progress=told,
    )
