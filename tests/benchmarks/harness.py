"""Run a measurement in a fresh interpreter: wall time of the timed part and the process's peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(tempfile.gettempdir()) / "explorer-bench"


@dataclass
class Measure:
    name: str
    seconds: float
    peak_mb: float


def measure(name: str, setup: str, timed: str, repeat: int = 1, warm: bool = False) -> Measure:
    """Best of ``repeat`` runs of ``timed`` after ``setup``, in a new process.

    warm=True runs ``timed`` once untimed first and then ``repeat`` times in the same
    process (steady state, as in an app that re-evaluates); otherwise each run gets
    a fresh process (cold start, as on the command line).
    """
    body = textwrap.indent(textwrap.dedent(timed).strip(), "    ")
    code = "\n".join(
        [
            "import json, resource, time",
            textwrap.dedent(setup).strip(),
            "def run():",
            body,
            *(["run()"] if warm else []),
            "times = []",
            f"for _ in range({repeat if warm else 1}):",
            "    start = time.perf_counter()",
            "    run()",
            "    times.append(time.perf_counter() - start)",
            # VmHWM is this program's own peak; ru_maxrss keeps the forking parent's size across exec on Linux,
            # so after a large benchmark in the same pytest run every child reported the parent's 612 MB.
            "try:",
            "    status = open('/proc/self/status').read()",
            "    peak = int(status.split('VmHWM:')[1].split()[0]) / 1024",
            "except (OSError, IndexError, ValueError):",
            "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024",
            "print(json.dumps({'seconds': min(times), 'peak_mb': peak}))",
        ]
    )
    runs = []
    for _ in range(1 if warm else repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900)
        if out.returncode:
            raise RuntimeError(out.stderr)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["seconds"])
    return Measure(name, best["seconds"], max(r["peak_mb"] for r in runs))


def report(title: str, ours: Measure, baseline: Measure) -> float:
    ratio = baseline.seconds / ours.seconds
    print(f"\n{title}")
    for m in (ours, baseline):
        print(f"  {m.name:<48} {m.seconds:8.2f} s   peak {m.peak_mb:7.0f} MB")
    print(f"  ratio (baseline / ours): {ratio:.1f}x")
    return ratio


def process(name: str, argv: list[str], repeat: int) -> Measure:
    """Best wall time of ``argv`` as a whole process (start-up, imports and all), as a user waits for it."""
    _compiled()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, timeout=1800)
        best = min(best, time.perf_counter() - start)
        assert done.returncode in (0, 1), done.stderr  # check and report exit 1 when the book has errors
    return Measure(name, best, 0.0)


def _compiled() -> None:
    """Our modules compiled, as an install leaves them (pip compiles each module it installs, and the bundle holds
    them compiled). This checkout is an editable install run with PYTHONDONTWRITEBYTECODE (as CI runs it), so each
    process would compile every module again: 0.2-0.3 s of each command, which no user waits for. The baselines'
    pandas and openpyxl are compiled already. compileall writes whatever the environment says."""
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parents[2] / "explorer"), quiet=1)


def report_setup(book: Path) -> str:
    """Setup code for timing write_report against to_excel: ``data`` (the report of ``book`` as of 2026-11-28),
    ``out`` (a file in a fresh folder) and ``plain`` (its sheets with zoned datetimes made naive, which Excel
    needs: untimed for the baseline, where our writer converts inside its timed call)."""
    return f"""
import tempfile
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
book = load_book([{str(book)!r}])
data = build_report(book, catalog, date(2026, 11, 28), evaluate(book, catalog, clock.end_of_day(date(2026, 11, 28))))
out = Path(tempfile.mkdtemp()) / "report.xlsx"
plain = {{name: frame.apply(lambda c: c.dt.tz_localize(None) if isinstance(c.dtype, pd.DatetimeTZDtype) else c)
         for name, frame in data.sheets.items()}}
"""


# The report baseline's timed part: the same sheets, unformatted, through openpyxl.
TO_EXCEL = """
with pd.ExcelWriter(out, engine="openpyxl") as writer:
    for name, frame in plain.items():
        frame.to_excel(writer, sheet_name=name, index=False)
"""
