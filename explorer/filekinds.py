"""What kind of file a path names, checked before anything opens it, and small configuration files read safely.

Devices, FIFOs and sockets are refused by kind before they are opened: /dev/zero never
ends and opening a FIFO waits for a writer forever. Every input goes through here: books
and case logs (explorer.importing.safety), catalogs, mappings and workspaces.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from explorer.shown import shown_name

MAX_CONFIG_BYTES = 4 * 1024 * 1024  # catalogs, mappings and workspaces are a few kilobytes


class UnreadableFile(Exception):
    """A file that cannot be read; str() is the one-line message for the user (its name, then the cause)."""

    def __init__(self, path: Path | str, cause: str) -> None:
        super().__init__(f"{shown_name(path)}: {cause}")
        self.path = str(path)
        self.cause = cause


def lock_file(path: Path | str) -> str | None:
    """What an office suite's lock file is, for a path that names one, else None: Excel leaves ~$Book.xlsx and
    LibreOffice .~lock.Book.xlsx# beside a workbook while it is open, and *.xlsx picks them up."""
    name = Path(path).name
    if name.startswith("~$"):
        return "Excel's lock file for a workbook open in Excel"
    if name.startswith(".~lock.") and name.endswith("#"):
        return "LibreOffice's lock file for a workbook open in LibreOffice"
    return None


def resolved(path: Path | str) -> Path:
    """``path`` made absolute with its links followed; made absolute only when they cannot be followed (a link
    loop: Python 3.11 raises RuntimeError for one), so the read that follows says what is wrong in one line."""
    path = Path(path)
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def regular_file_size(path: Path) -> int:
    """The size of ``path``; UnreadableFile naming its kind when it is not a regular file.

    Devices, FIFOs and sockets are refused before anything opens them: /dev/zero never
    ends and opening a FIFO waits for a writer forever.
    """
    if "\x00" in str(path):
        raise UnreadableFile(str(path).replace("\x00", "\\0"), "the path contains a NUL character")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFile(path, "the file does not exist") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise UnreadableFile(path, f"cannot be opened ({getattr(exc, 'strerror', None) or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(path, f"this is {_kind(info.st_mode)}, not a file")
    return info.st_size


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_config(path: Path | str, limit: int = MAX_CONFIG_BYTES) -> str:
    """The text of a small configuration file (catalog, mapping, workspace), refused by kind and size."""
    path = Path(path)
    size = regular_file_size(path)
    if size > limit:
        raise UnreadableFile(
            path, f"the file is {size / 2**20:,.1f} MB, more than the {limit / 2**20:g} MB limit for this kind of file"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # a file that grows while read is still capped
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise UnreadableFile(path, f"the file is larger than the {limit / 2**20:g} MB limit for this kind of file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile(path, "not UTF-8 text (is it a configuration file?)") from None


def load_toml(path: Path | str, limit: int = MAX_CONFIG_BYTES) -> dict[str, Any]:
    """A configuration file parsed as TOML; UnreadableFile (cause 'not valid TOML (...)') when it is not.

    tomllib has no depth limit and Python refuses integers of over 4,300 digits: both come
    back here as the one line, never a traceback.
    """
    text = read_config(path, limit)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UnreadableFile(path, f"not valid TOML ({exc})") from None
    except RecursionError:
        raise UnreadableFile(path, "not valid TOML (its values are nested too deeply)") from None
    except ValueError as exc:  # an integer too long to convert
        raise UnreadableFile(path, f"not valid TOML ({str(exc).splitlines()[0][:120]})") from None


def digest(path: Path | str) -> str:
    """The SHA-256 of a file's bytes (hex), for the record of what a result was made from."""
    import hashlib

    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
