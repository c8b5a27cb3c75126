"""Report benchmark: the workbook for 10,000 contracts and 200,000 cases.

Ours: explorer.outputs.report.writer.write_report (XlsxWriter, formatted). Baseline, same
run, same frames: DataFrame.to_excel(engine="openpyxl"), one sheet per frame,
unformatted. Target (issue 22): at least 4x faster. Also printed: XlsxWriter's own floor, the same cells
written row by row with write_row and nothing else (no formats, widths, fills or print setup),
rows made before the timing: how much of our time is the library's and not ours.
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_report.py
"""

from __future__ import annotations

import pytest

from tools.synth import benchmark_book

from .harness import CACHE, TO_EXCEL, measure, report, report_setup

pytestmark = pytest.mark.benchmark

CELLS = """
cells = {name: [list(frame.columns)] + frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
         for name, frame in plain.items()}
"""
XLSXWRITER_FLOOR = """
import xlsxwriter
text = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
book = xlsxwriter.Workbook(str(out), {"constant_memory": True, "default_date_format": "yyyy-mm-dd", **text})
for name, rows in cells.items():
    sheet = book.add_worksheet(name)
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
book.close()
"""


def test_report_speed() -> None:
    path = benchmark_book(CACHE, 10_000, 50_000, 200_000)
    setup = report_setup(path) + 'assert len(data.sheets["Cases"]) == 200_000 and len(data.sheets["Contracts"]) == 10_000\n'
    ours = measure("explorer write_report (XlsxWriter, formatted)", setup, "write_report(data, out)", repeat=2)
    baseline = measure("DataFrame.to_excel(engine='openpyxl')", setup, TO_EXCEL)
    ratio = report("Report: 10k contracts, 200k cases (.xlsx)", ours, baseline)
    floor = measure("XlsxWriter write_row, same cells, nothing else", setup + CELLS, XLSXWRITER_FLOOR)
    report("Report against XlsxWriter's own floor (ratio over 1: faster than the bare library)", ours, floor)
    assert ratio >= 4
