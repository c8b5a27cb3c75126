"""Which of two files holding the same bytes is read: the one not named as a copy, whichever order they were named in.

A shell sorts "contracts (1).csv" before "contracts.csv", so the first named is often the re-download; every finding
would then name it. Names a copy gets: a browser's re-download "name (1).ext", Windows' "name - Copy.ext" (and
"name - Copy (2).ext"), macOS' "name copy.ext" (and "name copy 2.ext"), Google Drive's and Office's "Copy of name.ext".
A link (a symlink, or a folder reached through one) is never the original: the file it leads to is, whatever its name.
A hard link is the same file under a second name, not a copy of its bytes, and is said to be so.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

_COPY_NAME = re.compile(r"^copy of |(?: ?\(\d{1,3}\)| - copy(?: \(\d{1,3}\))?| copy(?: \d{1,3})?)$", re.IGNORECASE)


def is_copy_name(path: Path) -> bool:
    """True where the file's name (its stem) is one a copy or a re-download is given."""
    return _COPY_NAME.search(path.stem) is not None


def is_link(path: Path) -> bool:
    """True where ``path`` reaches its file through a link (its own name, or a folder on the way)."""
    try:
        return os.path.normpath(path.absolute()) != str(path.resolve())
    except (OSError, RuntimeError):  # a link loop: Python 3.11 raises RuntimeError for one
        return True


def same_bytes_said(path: Path, read: Path) -> str:
    """The info for ``path``, whose bytes are those of ``read`` (the file read): a hard link is the same file, not a
    copy of it; ``read`` by its name, or its whole path where the two names are alike."""
    shown = read.name if read.name != path.name else str(read)
    try:
        same = os.path.samefile(path, read)
    except OSError:
        same = False
    how = f"is the same file as {shown} (a hard link)" if same else f"holds the same bytes as {shown}"
    return f"This file {how}; it is read once."


def _rank(path: Path) -> tuple[bool, bool]:
    """Which of the same file or bytes is read first: a path with no link, then a name that is not a copy's."""
    return is_link(path), is_copy_name(path)


def originals_first(named: list[tuple[Path, bool]], sha: Callable[[Path, bool], str | None]) -> list[tuple[Path, bool]]:
    """``named`` (path, read as a case log) reordered so that of the files with the same bytes (``sha``, None where
    not hashed; the same file under two paths has the same) read the same way, the one reached by no link and not
    named as a copy takes the place of the first named; on a tie the first named stays first. Every other file keeps
    its place."""
    order = list(named)
    firsts: dict[tuple[str, bool], int] = {}  # (SHA-256, read as a case log) -> where the one read stands
    for at, (path, is_case_log) in enumerate(named):
        if (key := sha(path, is_case_log)) is None:
            continue
        first = firsts.setdefault((key, is_case_log), at)
        if first != at and _rank(path) < _rank(order[first][0]):
            order[first], order[at] = order[at], order[first]
    return order
