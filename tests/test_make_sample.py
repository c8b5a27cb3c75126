"""`python -m tools.make_sample` (the README's Layout names it): the same bytes on every run, the committed ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_make_sample_writes_the_committed_sample_byte_for_byte_on_every_run(tmp_path: Path) -> None:
    """newuser2 #9: each run dated the workbook's document properties now, so git saw resources/sample changed."""
    runs = []
    for n, zone in enumerate(("UTC", "Asia/Tokyo")):  # another day, another zone: the same bytes
        folder = tmp_path / f"run{n}"
        env = {**os.environ, "TZ": zone}
        subprocess.run([sys.executable, "-m", "tools.make_sample", str(folder)], cwd=ROOT, env=env, check=True)
        runs.append({f.name: f.read_bytes() for f in sorted(folder.iterdir())})
    committed = {f.name: f.read_bytes() for f in sorted((ROOT / "resources" / "sample").iterdir())}
    assert set(runs[0]) == {"contracts.xlsx", "cases.csv"}
    assert runs[0] == runs[1] == committed
