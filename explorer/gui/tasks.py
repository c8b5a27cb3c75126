"""Run work off the GUI thread and hand the result back on it.

A Task wraps a function ``fn(progress, cancelled)``; it runs on Qt's thread pool,
reports progress (throttled by the caller's wording, not per row) and ends with
``succeeded(result)`` or ``failed(exception)``, both delivered on the GUI thread.
Workers never touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from explorer.app.session import Cancelled

Work = Callable[[Callable[[str], None], Callable[[], bool]], Any]


class Task(QObject):
    """Signals: progressed(str), succeeded(object), failed(object)."""

    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancelled = False
        self.running = False

    def start(self) -> None:
        self.running = True
        self.succeeded.connect(self._done)
        self.failed.connect(self._done)
        QThreadPool.globalInstance().start(_Runner(self))

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def _done(self, _: object) -> None:
        self.running = False

    def _run(self) -> None:
        def progress(text: str) -> None:
            if self._cancelled:
                raise Cancelled()
            self.progressed.emit(text)

        try:
            result = self._work(progress, lambda: self._cancelled)
        except BaseException as exc:  # every failure is reported to the GUI thread, none escapes the pool
            self.failed.emit(exc)
        else:
            if self._cancelled:
                self.failed.emit(Cancelled())
            else:
                self.succeeded.emit(result)


class _Runner(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task._run()
