"""A full disk: every writer says so in one line (exit 2) and leaves the previous output as it was.

Qt's PDF writer and XlsxWriter's zip writer do not all raise when the disk fills; the
atomic writer checks the finished file before the rename (explorer/atomic.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.full_disk import PREVIOUS
from tests.hostile.harness import ROOT, Run, assert_refused

CAN_MOUNT = os.geteuid() == 0 and shutil.which("unshare") is not None and sys.platform == "linux"
pytestmark = pytest.mark.skipif(
    not CAN_MOUNT, reason="a full disk is a tmpfs in a private mount namespace: needs root and unshare (as in CI)"
)


def on_full_disk(tmp_path: Path, *args: str, output: str) -> tuple[Run, dict[str, str]]:
    disk = tmp_path / "disk"
    disk.mkdir()
    temp = tmp_path / "temp"
    temp.mkdir()
    command = [
        "unshare", "-m", "--propagation", "private",
        sys.executable, "-m", "tests.hostile.full_disk", str(disk),
        "--", *args, "-o", str(disk / output),
    ]  # fmt: skip
    env = {**os.environ, "TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert list(temp.iterdir()) == [], "XlsxWriter's scratch files were left in the temp folder"
    return Run(report["code"], report["out"], report["err"]), report["files"]


COMMANDS = {
    "report": (["report", "--sample", "--as-of", "2026-06-01"], "report.xlsx"),
    "sheet": (["sheet", "--sample", "--as-of", "2026-06-01", "--customer", "Overreach Media"], "sheet.pdf"),
    "calendar": (["calendar", "--sample", "--as-of", "2026-06-01"], "dates.ics"),
    "template": (["template"], "book.xlsx"),
    "diff": (["diff", "resources/sample/contracts.xlsx", "resources/sample/contracts.xlsx"], "changes.xlsx"),
    "map": (["map", "resources/sample/contracts.xlsx"], "mapping.toml"),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_full_disk_is_one_line_and_the_previous_output_stays(tmp_path: Path, command: str) -> None:
    args, output = COMMANDS[command]
    run, files = on_full_disk(tmp_path, *args, output=output)
    assert_refused(run, output, "cannot be written")
    previous = hashlib.sha256(PREVIOUS).hexdigest()
    suffix = Path(output).suffix
    assert files == {output: previous, f"previous{suffix}": previous}  # replaced by nothing, no temp file left
