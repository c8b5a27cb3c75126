"""A report being written when the process is stopped: run as ``python -m tests.hostile.interrupted_writer TARGET``.

It writes a streamed XlsxWriter workbook (scratch files in the temp folder, the
temporary file beside the target), says "writing" on stdout and waits to be stopped.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from explorer.atomic import remove_on_signals, write_atomically
from explorer.outputs.report.writer import new_workbook


def write(path: Path) -> None:
    book = new_workbook(path, constant_memory=True)
    sheet = book.add_worksheet("Cases")
    for row in range(2000):
        sheet.write_row(row, 0, [f"customer data {row}"] * 8)
    print("writing", flush=True)
    time.sleep(60)
    book.close()


if __name__ == "__main__":
    remove_on_signals()
    write_atomically(Path(sys.argv[1]), write)
