"""Report benchmark: the workbook for 10,000 contracts and 200,000 cases.

Ours: explorer.outputs.report.writer.write_report (XlsxWriter, formatted). Baseline, same
run, same frames: DataFrame.to_excel(engine="openpyxl"), one sheet per frame,
unformatted. Target: at least 2x faster.
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_report.py
"""

from __future__ import annotations

import pytest

from tools.synth import benchmark_book

from .harness import CACHE, measure, report

pytestmark = pytest.mark.benchmark


def test_report_speed() -> None:
    path = benchmark_book(CACHE, 10_000, 50_000, 200_000)
    setup = f"""
import pickle, tempfile
from datetime import date
from pathlib import Path
import pandas as pd
from explorer import clock
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.outputs.report.build import build_report
from explorer.outputs.report.writer import write_report
from explorer.sla.engine import evaluate
catalog = default_catalog()
book = load_book([{str(path)!r}])
sla = evaluate(book, catalog, clock.end_of_day(date(2026, 11, 28)))
data = build_report(book, catalog, date(2026, 11, 28), sla)
assert len(data.sheets["Cases"]) == 200_000 and len(data.sheets["Contracts"]) == 10_000
out = Path(tempfile.mkdtemp()) / "report.xlsx"
# Excel has no zoned datetimes: the baseline gets them pre-converted (untimed); our writer converts inside.
plain = {{name: frame.apply(lambda c: c.dt.tz_localize(None) if isinstance(c.dtype, pd.DatetimeTZDtype) else c)
         for name, frame in data.sheets.items()}}
"""
    ours = measure("explorer write_report (XlsxWriter, formatted)", setup, "write_report(data, out)", repeat=2)
    baseline = measure(
        "DataFrame.to_excel(engine='openpyxl')",
        setup,
        """
with pd.ExcelWriter(out, engine="openpyxl") as writer:
    for name, frame in plain.items():
        frame.to_excel(writer, sheet_name=name, index=False)
""",
    )
    ratio = report("Report: 10k contracts, 200k cases (.xlsx)", ours, baseline)
    assert ratio >= 2
