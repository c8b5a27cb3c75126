"""Nothing is left behind: not by SIGTERM or Ctrl+C mid-write, and what SIGKILL left is swept next time.

Targets keep their mode only when they were regular files; a read-only one is refused.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.atomic import OutputError, write_atomically
from tests.hostile.harness import ROOT, assert_refused, explorer, fingerprint, limit_memory


def _as_a_foreground_job() -> None:
    """Ctrl+C reaches a command run in a terminal. A suite started in the background of a non-interactive shell
    hands its children SIGINT ignored, which Python (rightly) leaves ignored: the child gets the default back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    limit_memory()


def start_writing(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, Path]:
    out, temp = tmp_path / "out", tmp_path / "temp"
    out.mkdir()
    temp.mkdir()
    (out / "report.xlsx").write_bytes(b"previous report")
    env = {**os.environ, "TMPDIR": str(temp)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.hostile.interrupted_writer", str(out / "report.xlsx")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        preexec_fn=_as_a_foreground_job,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    assert any(p.name.startswith(".report.~explorer-") for p in out.iterdir())  # mid-write: the temp file exists
    assert any(temp.rglob("*")), "XlsxWriter's scratch files are in the private folder"
    return process, out, temp


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_write_leaves_nothing_behind(tmp_path: Path, stop: signal.Signals) -> None:
    process, out, temp = start_writing(tmp_path)
    process.send_signal(stop)
    _, err = process.communicate(timeout=20)
    assert process.returncode != 0
    assert [p.name for p in out.iterdir()] == ["report.xlsx"]
    assert (out / "report.xlsx").read_bytes() == b"previous report"
    assert list(temp.iterdir()) == []


def test_what_a_killed_run_left_is_swept_by_the_next_write(tmp_path: Path) -> None:
    process, out, temp = start_writing(tmp_path)
    process.kill()
    process.communicate(timeout=20)
    left = sorted(p.name for p in out.iterdir())
    assert len(left) == 2 and any(temp.iterdir())  # SIGKILL cannot be caught: the leftovers stay for now
    ours = out / f".report.~explorer-{os.getpid()}-live.xlsx"  # a live process's file is not touched
    ours.write_bytes(b"being written")
    run = explorer("template", "-o", out / "report.xlsx", temp=temp)
    assert run.code == 0 and "wrote" in run.out, run.err
    assert sorted(p.name for p in out.iterdir()) == sorted(["report.xlsx", ours.name])
    assert list(temp.iterdir()) == []


def test_a_read_only_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"previous report")
    target.chmod(0o444)
    before = fingerprint(tmp_path)
    run = explorer("template", "-o", target, temp=tmp_path / "temp")
    assert_refused(run, "report.xlsx", "read-only")
    (tmp_path / "temp").rmdir()  # empty
    assert fingerprint(tmp_path) == before


def test_a_replaced_link_to_a_device_gets_a_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "dates.ics"
    target.symlink_to("/dev/null")
    old_mask = os.umask(0o022)
    try:
        written = write_atomically(target, lambda temp: temp.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
    finally:
        os.umask(old_mask)
    assert not written.is_symlink()
    assert written.stat().st_mode & 0o777 == 0o644  # not the device's rw-rw-rw-


def test_a_regular_targets_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "dates.ics"
    target.write_text("old")
    target.chmod(0o600)
    write_atomically(target, lambda temp: temp.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_truncated_file_is_never_renamed_into_place(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"previous sheet")
    with pytest.raises(OutputError, match=r"^sheet.pdf: cannot be written \(the written PDF is incomplete"):
        write_atomically(target, lambda temp: temp.write_bytes(b"%PDF-1.4\n1 0 obj\n<<"))
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
    assert target.read_bytes() == b"previous sheet"
