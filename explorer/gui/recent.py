"""Recently opened file sets, newest first, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from explorer.filekinds import resolved
from explorer.gui import settings

MAX_RECENT = 8


def recent() -> list[list[str]]:
    stored = QSettings().value(settings.RECENT, [])
    return [[str(f) for f in entry] for entry in stored] if isinstance(stored, list) else []


def remember(files: list[str]) -> None:
    entry = [str(resolved(f)) for f in files]
    QSettings().setValue(settings.RECENT, [entry, *[r for r in recent() if r != entry]][:MAX_RECENT])


def label(files: list[str]) -> str:
    return ", ".join(Path(f).name for f in files)
