"""Report benchmark: the workbook for 10,000 contracts and 200,000 cases.

Ours: explorer.outputs.report.writer.write_report (XlsxWriter, formatted). Baseline, same
run, same frames: DataFrame.to_excel(engine="openpyxl"), one sheet per frame,
unformatted. Target: at least 2x faster.
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_report.py
"""

from __future__ import annotations

import pytest

from tools.synth import benchmark_book

from .harness import CACHE, TO_EXCEL, measure, report, report_setup

pytestmark = pytest.mark.benchmark


def test_report_speed() -> None:
    path = benchmark_book(CACHE, 10_000, 50_000, 200_000)
    setup = report_setup(path) + 'assert len(data.sheets["Cases"]) == 200_000 and len(data.sheets["Contracts"]) == 10_000\n'
    ours = measure("explorer write_report (XlsxWriter, formatted)", setup, "write_report(data, out)", repeat=2)
    baseline = measure("DataFrame.to_excel(engine='openpyxl')", setup, TO_EXCEL)
    ratio = report("Report: 10k contracts, 200k cases (.xlsx)", ours, baseline)
    assert ratio >= 2
