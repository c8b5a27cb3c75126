"""One mapping from the exceptions the core raises on bad input to what the user is told.

The command line prints ``line``; the desktop app shows ``title`` and ``text`` in a
dialog. Anything not listed here is a bug and goes to the crash handler instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.atomic import OutputError
from explorer.catalog import CatalogError
from explorer.importing.mappings import MappingError
from explorer.importing.safety import UnreadableFile
from explorer.shown import shown


class WorkspaceError(ValueError):
    """A workspace file that cannot be read or written; str() is the one-line message."""


@dataclass(frozen=True)
class UserMessage:
    title: str  # the dialog's title
    text: str  # the dialog's text (may span lines)
    line: str  # the same in one line, for the command line


def user_message(error: BaseException) -> UserMessage | None:
    """What to tell the user about ``error``; None for an unexpected exception (a bug)."""
    found = _message(error)
    return None if found is None else UserMessage(found.title, found.text, _one_line(found.line))


def _one_line(text: str) -> str:
    """A line break quoted from a file (a header, a cell) shown as ⏎, so the message stays one line."""
    return " ⏎ ".join(part.strip() for part in text.splitlines()) if "\n" in text or "\r" in text else text


def _message(error: BaseException) -> UserMessage | None:
    if isinstance(error, UnreadableFile):
        return UserMessage("Cannot open the file", f"{shown(error.path)}\n\n{error.cause}", str(error))
    if isinstance(error, OutputError):
        return UserMessage("Cannot write the file", str(error), str(error))
    if isinstance(error, CatalogError):
        return UserMessage("Cannot read the catalog", str(error), str(error))
    if isinstance(error, MappingError):
        return UserMessage("Cannot use the column mapping", str(error), str(error))
    if isinstance(error, WorkspaceError):
        return UserMessage("Cannot open the workspace", str(error), str(error))
    return None
