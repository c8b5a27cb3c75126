"""The file a user names in a Save dialog, with the kind's suffix where the name was typed without it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def with_suffix(name: str, suffix: str) -> str:
    """``name`` ending in ``suffix`` (a name typed without its extension, 'cases', gets it; 'cases.xlsx' keeps it)."""
    return name if name.lower().endswith(suffix) else f"{name}{suffix}"


def ask_save_path(parent: QWidget, title: str, start: Path, label: str, suffix: str) -> str | None:
    """The path chosen in a Save dialog that offers ``label (*suffix)``; None where the user cancels."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), f"{label} (*{suffix})")
    return with_suffix(name, suffix) if name else None
