"""How a path is shown: the one form every message, log line, printed line and written file uses.

A file name on Linux is bytes; Python keeps the bytes that are not UTF-8 as lone surrogates
(os.fsdecode), which no UTF-8 workbook, calendar, log or terminal can encode. A name may also
hold a new line or another control character, which would break a printed line in two.
Both become U+FFFD here; the path string itself stays as it was, so the file can still be opened.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePath

_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def encodable(text: str) -> str:
    """``text`` with the undecodable bytes of a file name it holds as U+FFFD (new lines kept: a log's traceback)."""
    if not _SURROGATES.search(text):
        return text
    try:  # the file system's own bytes, read as UTF-8 with replacement characters
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate surrogateescape did not make (a Windows name)
        return _SURROGATES.sub("\ufffd", text)


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` as it is shown: undecodable bytes and control characters (a new line) as U+FFFD."""
    return _CONTROLS.sub("\ufffd", encodable(os.fspath(path)))


def shown_name(path: str | os.PathLike[str]) -> str:
    """The last part of ``path`` (its file name) as it is shown; "" for no path."""
    return shown(PurePath(path).name) if os.fspath(path) else ""
