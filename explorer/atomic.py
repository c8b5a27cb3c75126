"""Write output files atomically: a temporary file beside the target, checked whole, then one rename.

A crash, a full disk or a locked target never leaves a half-written file, and an
existing file is only replaced once the new one is complete. "Complete" is checked,
not assumed: some writers (Qt's PDF writer) do not raise when the disk fills, so the
finished file is flushed to disk and opened again by its format before the rename.

Temporary files carry the writing process's id (``.report.~explorer-4711-x1y2.xlsx``):
they are removed on any failure and on SIGTERM/SIGINT, and those a killed run left
behind (their process is gone) are swept on the next write into the same folder.
XlsxWriter's own scratch files go to a private folder of this process
(:func:`scratch_folder`), removed on exit and swept the same way when a run was killed.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import gc
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
import traceback
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from explorer.filekinds import resolved
from explorer.shown import shown, shown_name

TEMP_MARK = ".~explorer-"  # in every temporary name, followed by the writer's process id
SCRATCH_PREFIX = "explorer-scratch-"
_STALE_TEMP = re.compile(r"^\..*\.~explorer-(\d+)-")
_STALE_SCRATCH = re.compile("^" + re.escape(SCRATCH_PREFIX) + r"(\d+)-")

_live: set[Path] = set()  # temporary files being written now (any thread)
_scratch: Path | None = None
_lock = threading.RLock()  # re-entrant: a signal handler may run while its own thread holds it


class OutputError(Exception):
    """The output cannot be written; str() is the one-line message for the user."""


def check_target(target: Path, inputs: Iterable[Path | str] = ()) -> None:
    try:
        _check_target(target, inputs)
    except OSError as exc:  # a name over 255 bytes, a folder that cannot be searched: met by the checks' own stat
        raise OutputError(unwritable(target, exc)) from None


def unwritable(target: Path, error: OSError) -> str:
    """The one line for an OSError met writing ``target``, or on the way to it."""
    return f"{shown_name(target)}: cannot be written ({error.strerror or error})"


def _check_target(target: Path, inputs: Iterable[Path | str]) -> None:
    target_path = resolved(target)
    for source in inputs:
        if resolved(source) == target_path:
            raise OutputError(f"{shown_name(target)}: this is one of the input files; choose another name for the output")
    if target.is_dir():
        raise OutputError(f"{shown(target)}: this is a folder; give a file name such as report.xlsx")
    if not target.parent.exists():
        raise OutputError(f"{shown(target.parent)}: the folder does not exist")
    mode = _mode(target)
    if mode is not None and stat.S_ISREG(mode) and not mode & 0o222:
        raise OutputError(f"{shown_name(target)}: the file is read-only; choose another name or make it writable first")


def write_atomically(target: Path | str, write: Callable[[Path], None], inputs: Iterable[Path | str] = ()) -> Path:
    """Call ``write(temp_path)``, check the result is whole, then move it onto ``target``."""
    target = Path(target)
    if "\x00" in str(target):
        raise OutputError("the output path contains a NUL character; choose another name")
    check_target(target, inputs)
    sweep_stale(target.parent)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.stem}{TEMP_MARK}{os.getpid()}-", suffix=target.suffix, dir=target.parent
        )
    except OSError as exc:
        raise OutputError(f"{shown(target.parent)}: cannot write here ({exc.strerror or exc})") from None
    os.close(handle)
    temp = Path(temp_name)
    with _lock:
        _live.add(temp)
    try:
        write(temp)
        check_whole(temp, target.suffix)
        old = _mode(target)
        keep = old & 0o777 if old is not None and stat.S_ISREG(old) else 0o666 & ~_umask()
        os.chmod(temp, keep)
        os.replace(temp, target)
    except Exception as exc:
        message = _failure(target, exc)
        if message is None:  # not a write error (a bug, or Cancelled): as it was
            raise
        _release(exc)
        raise OutputError(message) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
        with _lock:
            _live.discard(temp)
    return target


def _failure(target: Path, exc: Exception) -> str | None:
    """The one-line message for a failed write; None when ``exc`` is not one."""
    if isinstance(exc, PermissionError):
        return f"{shown_name(target)}: cannot be replaced; is it open in Excel or read-only? Close it or choose another name"
    # XlsxWriter's FileCreateError carries the OSError it met as its argument
    error = exc if isinstance(exc, OSError) else exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
    return None if error is None else unwritable(target, error)


def _release(exc: BaseException) -> None:
    """Close what the failed writer left open, quietly.

    A writer's half-closed files (XlsxWriter's zip) live on in the traceback's frames;
    closing them later would fail again on the full disk and print "Exception ignored".
    """
    previous = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        todo, done = [exc], set()
        while todo:  # the exception, what it wraps (FileCreateError's OSError) and its context
            error = todo.pop()
            if id(error) in done:
                continue
            done.add(id(error))
            traceback.clear_frames(error.__traceback__)
            error.__traceback__ = None
            todo += [e for e in (error.__context__, error.__cause__, *error.args) if isinstance(e, BaseException)]
        gc.collect()
    finally:
        sys.unraisablehook = previous


def check_whole(path: Path, suffix: str) -> None:
    """Flush ``path`` to disk and open it again by its format; OSError when it is not whole.

    A full disk shows here even when the writer said nothing: the data does not reach
    the disk (fsync fails) or the file ends early (no zip directory, no %%EOF).
    """
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(16)
        handle.seek(max(0, size - 1024))
        tail = handle.read()
    if size == 0:
        raise OSError(errno.EIO, "the written file is empty; is the disk full?")
    problem = None
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                problem = "the written workbook has no content list"
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            problem = f"the written workbook is incomplete: {exc}"
    elif head.startswith(b"%PDF-"):
        if b"%%EOF" not in tail or b"startxref" not in tail:
            problem = "the written PDF is incomplete, it has no end marker"
    elif head.startswith(b"BEGIN:VCALENDAR"):
        if not tail.rstrip().endswith(b"END:VCALENDAR"):
            problem = "the written calendar is incomplete"
    elif suffix.lower() == ".toml":
        import tomllib

        try:
            tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problem = f"the written TOML does not read back: {exc}"
    elif suffix.lower() in (".xlsx", ".pdf", ".ics"):
        problem = f"the written file is not a whole {suffix} file"
    if problem:
        raise OSError(errno.EIO, f"{problem}; is the disk full?")


def sweep_stale(folder: Path) -> None:
    """Remove temporary files and scratch folders that a killed run left in ``folder`` (their process is gone)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _STALE_TEMP.match(entry.name) or _STALE_SCRATCH.match(entry.name)
            if not match:
                continue
            pid = int(match.group(1))
            if pid == os.getpid() or _alive(pid):
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)


def scratch_folder() -> Path:
    """This process's private folder (mode 0700) for writers' scratch files; removed on exit."""
    global _scratch
    with _lock:
        if _scratch is None or not _scratch.is_dir():
            base = Path(tempfile.gettempdir())
            sweep_stale(base)
            _scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=base))
            atexit.unregister(_remove_scratch)
            atexit.register(_remove_scratch)
        return _scratch


def clean_up() -> None:
    """Remove every temporary file being written now and the scratch folder (on a signal or at exit)."""
    with _lock:
        live = list(_live)
    for temp in live:
        with contextlib.suppress(OSError):
            temp.unlink()
    _remove_scratch()


def remove_on_signals() -> None:
    """SIGTERM and SIGINT remove the temporary files first, then end the process as the signal would have.

    Call once from the main thread (the command line, the app). SIGINT still raises
    KeyboardInterrupt where Python would, so ``finally`` blocks run as before.
    """
    if threading.current_thread() is not threading.main_thread():
        return

    def on_term(number: int, frame: object) -> None:
        clean_up()
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)

    def on_int(number: int, frame: object) -> None:
        clean_up()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    current = signal.getsignal(signal.SIGINT)
    if current is signal.default_int_handler:
        signal.signal(signal.SIGINT, on_int)
    elif current == signal.SIG_DFL:
        signal.signal(signal.SIGINT, on_term)


def _remove_scratch() -> None:
    global _scratch
    folder, _scratch = _scratch, None
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but is not ours
        return True
    return True


def _mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except OSError:
        return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
