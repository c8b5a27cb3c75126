"""Running the command line the way a hostile input meets it: a real process, with a memory ceiling.

Every case checks the same promises (issue 23): the exit code, one line on stderr and
no traceback, memory bounded by ``resource`` limits, the inputs and any previous
output unchanged, and nothing left behind in the target or the temp folder.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MEMORY_LIMIT = 3 * 2**30  # address space: pandas, numpy and Qt reserve far more than they touch
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def explorer(*args: str | Path, temp: Path, timeout: float = 60, prefix: tuple[str, ...] = ()) -> Run:
    """``python -m explorer ARGS`` in a fresh process whose temp folder is ``temp`` (so its leftovers show)."""
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "explorer", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
        preexec_fn=limit_memory,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def assert_refused(run: Run, *words: str, code: int = 2) -> str:
    """Exit ``code``, exactly one line on stderr naming ``words``, no traceback, nothing claimed written."""
    assert run.code == code, (run.code, run.err[-2000:])
    assert "Traceback" not in run.err and "Exception ignored" not in run.err, run.err[-2000:]
    assert len(run.lines) == 1, run.err
    line = run.lines[0]
    assert line.startswith(("explorer: ", "explorer ")), line
    for word in words:
        assert word in line, line
    assert "wrote" not in run.out, run.out
    return line


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder`` (hidden ones too): its content hash and mode."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode)
    return found


def sample(folder: Path) -> tuple[Path, Path]:
    """Copies of the bundled sample book and case log in ``folder``."""
    folder.mkdir(exist_ok=True)
    book, cases = folder / "contracts.xlsx", folder / "cases.csv"
    shutil.copy(ROOT / "resources/sample/contracts.xlsx", book)
    shutil.copy(ROOT / "resources/sample/cases.csv", cases)
    return book, cases
