"""Case times as ticketing and CRM reports write them, not ISO 8601: 200,000 of a Salesforce case report's
'11/3/2026 9:15 AM' (the day order settled by the file).

Ours: explorer.importing.cases.parse_timestamps, which reads each layout it finds in a sample in pandas' C parser.
Baseline, same run, same texts: pandas.to_datetime(format="mixed"), the general parser one text at a time, which
is what the importer did for every time that is not ISO 8601 (16.5 s with its other passes before, 0.9 s after,
2026-12-07). Half of ours is pandas' strptime of the layout; ours also localises each time in its zone, which the
baseline does not. Floor: 6x (measured 9.7x while another suite ran, 7.3x on a quiet machine where the general
parser ran faster: 6.6 s against 8.9 s).
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_case_times.py
"""

from __future__ import annotations

import pytest

from .harness import measure, report

pytestmark = pytest.mark.benchmark

SETUP = """
import numpy as np
import pandas as pd
from explorer.catalog import default_catalog
from explorer.importing.cases import parse_timestamps
from explorer.importing.values import DateOrder
abbreviations = default_catalog().timezone_abbreviations
rng = np.random.default_rng(7)
texts = pd.Series(
    [f"{m}/{d}/2026 {h}:{mi:02d} {'AM' if i % 2 else 'PM'}" for i, (m, d, h, mi) in enumerate(zip(
        rng.integers(1, 13, 200_000), rng.integers(1, 29, 200_000), rng.integers(1, 13, 200_000), rng.integers(0, 60, 200_000)
    ))],
    dtype=object,
)
"""


def test_case_times_in_a_report_layout() -> None:
    ours = measure(
        "explorer parse_timestamps (layouts in pandas' C parser)",
        SETUP,
        "read, bad, _ = parse_timestamps(texts, 'America/New_York', DateOrder(False), abbreviations)\nassert not bad.any()",
        repeat=3,
        warm=True,
    )
    baseline = measure(
        "pandas.to_datetime(format='mixed')",
        SETUP,
        "read = pd.to_datetime(texts, format='mixed', dayfirst=False)\nassert read.notna().all()",
        warm=True,
    )
    assert report("Case times in a report's layout, 200,000", ours, baseline) >= 6
