"""Marks: the key dates a user ticked Done, kept in the workspace, the statuses following at once.

Signals: marked(Session), the session judged again with the marks, to be shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from explorer.app.session import Session
from explorer.app.workspace import DateKey


class MarksController(QObject):
    marked = Signal(object)

    def __init__(self, session: Callable[[], Session | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def mark_done(self, key: DateKey, done: bool) -> None:
        """A key date ticked or cleared."""
        session = self._session()
        if session is not None:
            session.workspace.set_mark(key, done=done)
            self.marked.emit(session.with_marks(key.customer))  # re-judges that customer alone
