"""QActions made the one way: a text, what it runs, an optional shortcut."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def action(text: str, parent: QObject, slot: Callable[[], object], shortcut: QKeySequence | None = None) -> QAction:
    made = QAction(text, parent)
    if shortcut is not None:
        made.setShortcut(shortcut)
    made.triggered.connect(lambda checked=False: slot())
    return made


def fill_menu(menu: QMenu, *groups: Sequence[QAction]) -> None:
    """Add the groups of actions to ``menu``, a separator between groups (a submenu is its menuAction())."""
    for i, group in enumerate(groups):
        if i:
            menu.addSeparator()
        for made in group:
            menu.addAction(made)
