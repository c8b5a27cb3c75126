"""Settings: what the window keeps between runs (geometry, the splitter, column widths, recent files).

A window made with ``persist=False`` (a ``--screenshot`` run, the tests) reads none of it and writes
none of it: it must leave the user's settings and recent files as they were.

Signals: recent_changed() after the recent files changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QTableView

from explorer.gui import recent, settings
from explorer.gui.actions import action
from explorer.gui.tables import restore_header, save_header

DEFAULT_SIZE = (1400, 900)


class WindowState(QObject):
    recent_changed = Signal()

    def __init__(self, persist: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.persist = persist

    def restore(self, window: QMainWindow, splitter: QSplitter, views: list[QTableView]) -> None:
        geometry = QSettings().value(settings.WINDOW_GEOMETRY) if self.persist else None
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        else:
            window.resize(*DEFAULT_SIZE)
        if not self.persist:
            return
        state = QSettings().value(settings.WINDOW_SPLITTER)
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
        for view in views:
            restore_header(view)

    def save(self, window: QMainWindow, splitter: QSplitter, views: list[QTableView]) -> None:
        if not self.persist:
            return
        store = QSettings()
        store.setValue(settings.WINDOW_GEOMETRY, window.saveGeometry())
        store.setValue(settings.WINDOW_SPLITTER, splitter.saveState())
        for view in views:
            save_header(view)

    def remember(self, files: list[str]) -> None:
        """Files just opened go to the top of the recent files (not in a run that must leave settings alone)."""
        if self.persist:
            recent.remember(files)
            self.recent_changed.emit()

    def fill_recent(self, menu: QMenu, open_files: Callable[[list[str]], None]) -> None:
        """File ▸ Open Recent: one entry per file set, newest first."""
        menu.clear()
        entries = recent.recent()
        for files in entries:
            menu.addAction(action(recent.label(files), menu, partial(open_files, files)))
        menu.setEnabled(bool(entries))
