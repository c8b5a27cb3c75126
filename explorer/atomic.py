"""Write output files atomically: a temporary file beside the target, then one rename.

A crash, a full disk or a locked target never leaves a half-written file, and an
existing file is only replaced once the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written; str() is the one-line message for the user."""


def check_target(target: Path, inputs: Iterable[Path | str] = ()) -> None:
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise OutputError(f"{target.name}: this is one of the input files; choose another name for the output")
    if target.is_dir():
        raise OutputError(f"{target}: this is a folder; give a file name such as report.xlsx")
    if not target.parent.exists():
        raise OutputError(f"{target.parent}: the folder does not exist")


def write_atomically(target: Path | str, write: Callable[[Path], None], inputs: Iterable[Path | str] = ()) -> Path:
    """Call ``write(temp_path)``, then move the finished file onto ``target``."""
    target = Path(target)
    check_target(target, inputs)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write here ({exc.strerror or exc})") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except PermissionError:
        raise OutputError(
            f"{target.name}: cannot be replaced; is it open in Excel or read-only? Close it or choose another name"
        ) from None
    except OSError as exc:
        raise OutputError(f"{target.name}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if temp.exists():
            temp.unlink()
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
