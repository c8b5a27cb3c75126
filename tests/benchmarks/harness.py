"""Run a measurement in a fresh interpreter: wall time of the timed part and the process's peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(tempfile.gettempdir()) / "explorer-bench"


@dataclass
class Measure:
    name: str
    seconds: float
    peak_mb: float


def measure(name: str, setup: str, timed: str, repeat: int = 1) -> Measure:
    """Best of ``repeat`` runs of ``timed`` (after ``setup``), each in a new process."""
    code = textwrap.dedent("""
        import json, resource, time
        {setup}
        start = time.perf_counter()
        {timed}
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({{"seconds": seconds, "peak_mb": peak}}))
    """).format(setup=textwrap.dedent(setup).strip().replace("\n", "\n"),
                timed=textwrap.dedent(timed).strip().replace("\n", "\n"))
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=900)
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
