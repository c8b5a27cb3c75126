"""Every message box of the app goes through here, so tests can run without blocking on one.

With ``record(True)`` boxes are not shown: each is appended to ``shown`` and the
default button is taken as the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


@dataclass
class Shown:
    kind: str  # "error", "warning", "info" or "question"
    title: str
    text: str
    detail: str = ""


shown: list[Shown] = []
_recording = False


def record(on: bool = True) -> None:
    global _recording
    _recording = on
    shown.clear()


def _box(
    parent: QWidget | None,
    kind: str,
    title: str,
    text: str,
    detail: str = "",
    buttons: list[str] | None = None,
    default: str = "",
) -> str:
    if _recording:
        shown.append(Shown(kind, title, text, detail))
        return default or (buttons[0] if buttons else "OK")
    icons = {
        "error": QMessageBox.Icon.Critical,
        "warning": QMessageBox.Icon.Warning,
        "info": QMessageBox.Icon.Information,
        "question": QMessageBox.Icon.Question,
    }
    box = QMessageBox(icons[kind], title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and causes come from outside: text, never markup
    if detail:
        box.setDetailedText(detail)
    made: dict[Any, str] = {}
    for name in buttons or ["OK"]:
        role = QMessageBox.ButtonRole.RejectRole if name in ("Cancel", "Close", "Not now") else QMessageBox.ButtonRole.AcceptRole
        made[box.addButton(name, role)] = name
    for button, name in made.items():
        if name == default:
            box.setDefaultButton(button)
    box.exec()
    return made.get(box.clickedButton(), "Cancel")


def error(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    _box(parent, "error", title, text, detail)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, "warning", title, text)


def info(parent: QWidget | None, title: str, text: str, buttons: list[str] | None = None, default: str = "") -> str:
    return _box(parent, "info", title, text, buttons=buttons, default=default)


def question(parent: QWidget | None, title: str, text: str, buttons: list[str], default: str) -> str:
    return _box(parent, "question", title, text, buttons=buttons, default=default)


def written(parent: QWidget | None, title: str, text: str, target: Path) -> None:
    """Say where an export went and offer to open it or its folder (every export ends here)."""
    answer = info(parent, title, f"{text}\n{target}", ["Open", "Show in folder", "Close"], "Close")
    if answer == "Open":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
    elif answer == "Show in folder":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))
