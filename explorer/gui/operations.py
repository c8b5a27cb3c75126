"""Typed background operations, in the style of Anki's ``aqt.operations.QueryOp``.

``QueryOp(parent, op, success)`` runs ``op(cancel, progress) -> T`` on Qt's thread
pool and calls ``success(result)`` on the GUI thread; ``.failure(handler)`` gets
the exception instead (``Cancelled`` when the user cancelled), and
``.with_progress(handler)`` gets progress texts, throttled to the screen's refresh
rate so a worker that reports per file or per sheet never floods the event loop.
``cancel()`` sets the operation's CancelToken; the core checks it between steps
(loading, re-judging, exporting) and stops by raising Cancelled, leaving no
partial file. Workers never touch widgets: they only emit signals.

``Operations`` is what a window or page runs its work through: one operation at a
time, a newer one superseding (and cancelling) a running one, the host's busy
state following, and failures shown the one way (``show_error``).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from explorer.app.cancel import Cancelled, CancelToken
from explorer.app.errors import user_message
from explorer.gui import messages

T = TypeVar("T")
Progress = Callable[[str], None]
log = logging.getLogger(__name__)


class _Bridge(QObject):
    """Carries a worker's signals to the GUI thread (queued, as the bridge lives there)."""

    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)


class QueryOp(Generic[T]):
    def __init__(
        self, parent: QObject, op: Callable[[CancelToken, Progress], T], success: Callable[[T], None], label: str = ""
    ) -> None:
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._progress: Progress | None = None
        self.label = label
        self.cancel_token = CancelToken()
        self.running = False
        self._bridge = _Bridge(parent)
        self._bridge.succeeded.connect(self._succeeded)
        self._bridge.failed.connect(self._failed)
        self._bridge.progressed.connect(self._progressed)
        mine = weakref.ref(self)  # a host deleted first takes the bridge, and with it the report, along
        self._bridge.destroyed.connect(lambda *_: _forget(mine()))

    def failure(self, handler: Callable[[BaseException], None]) -> QueryOp[T]:
        self._failure = handler
        return self

    def with_progress(self, handler: Progress) -> QueryOp[T]:
        self._progress = handler
        return self

    def run_in_background(self) -> QueryOp[T]:
        self.running = True
        _live.add(self)
        log.info("started: %s", self.label or self._op)
        _switching.started()
        QThreadPool.globalInstance().start(_Runner(self, _frame_interval()))
        return self

    def cancel(self) -> None:
        self.cancel_token.cancel()

    # -- on the GUI thread --------------------------------------------------------
    def _reported(self) -> None:
        """The worker's last word arrived: the op may now be freed, and its bridge with it."""
        self.running = False
        _switching.stopped()
        _live.discard(self)
        self._bridge.deleteLater()

    def _succeeded(self, result: object) -> None:
        self._reported()
        log.info("finished: %s", self.label or self._op)
        self._success(result)  # type: ignore[arg-type]  # the op's own T, carried through a Qt signal

    def _failed(self, error: object) -> None:
        self._reported()
        assert isinstance(error, BaseException)
        if isinstance(error, Cancelled):
            log.info("cancelled: %s", self.label or self._op)
        else:
            log.warning("failed: %s: %r", self.label or self._op, error)
        if self._failure is None:
            raise error
        self._failure(error)

    def _progressed(self, text: str) -> None:
        if self._progress is not None and self.running:
            self._progress(text)

    # -- on the worker thread -----------------------------------------------------
    def _work(self, interval: float) -> None:
        last = 0.0

        def progress(text: str) -> None:
            nonlocal last
            self.cancel_token.check()
            now = time.monotonic()
            if now - last >= interval:  # at most one update per frame
                last = now
                self._bridge.progressed.emit(text)

        report: Any
        value: object
        try:
            result = self._op(self.cancel_token, progress)
            self.cancel_token.check()  # cancelled after the last step: the result is dropped
        except Cancelled:  # a fresh one: the traceback would carry the work's data (200,000 rows) to the GUI
            report, value = self._bridge.failed, Cancelled()  # thread, to be freed there; it is freed here
        except BaseException as exc:  # every failure goes to the GUI thread; none escapes the pool
            report, value = self._bridge.failed, exc
        else:
            report, value = self._bridge.succeeded, result
        with contextlib.suppress(RuntimeError):  # the host was deleted meanwhile, and its bridge: nobody to tell
            report.emit(value)


class _Switching:
    """The interpreter's thread switch interval, short while background work runs.

    Each time Qt calls into Python on the GUI thread (a model's data(), a layout's sizeHint, a slot, even the
    check for a Python override of a virtual method) it takes the GIL; while a worker runs Python, the GUI
    thread waits for the worker's switch interval (5 ms by default) every time, and a paint of a table makes
    a few thousand such calls. Measured on the 10k book (tests/benchmarks/test_gui_thread.py): one paint of
    the Cases table during the PDF export took 530-680 ms at 5 ms, 80-97 ms at 0.5 ms. The worker is
    interrupted only when another thread asks for the GIL, so an idle window costs it nothing.
    """

    WHILE_WORKING = 0.0005  # seconds

    def __init__(self) -> None:
        self.running = 0
        self.default = sys.getswitchinterval()

    def started(self) -> None:
        if self.running == 0:
            self.default = sys.getswitchinterval()
            sys.setswitchinterval(self.WHILE_WORKING)
        self.running += 1

    def stopped(self) -> None:
        self.running = max(0, self.running - 1)
        if self.running == 0:
            sys.setswitchinterval(self.default)


_switching = _Switching()  # counted on the GUI thread, where operations start and finish
# Every op from its start until its report has arrived (GUI thread). PySide holds a connected bound method by a
# weak reference: an op freed while its report was queued had that report delivered to whatever object came to
# live at its address ("'Span' object has no attribute '_failure'"), or crashed the process.
_live: set[QueryOp[Any]] = set()


def _forget(op: QueryOp[Any] | None) -> None:
    """An op whose bridge is gone: if its report never came (its host was deleted first), it is over all the same."""
    if op is not None and op in _live:
        _live.discard(op)
        _switching.stopped()


def stop_all(timeout_ms: int = 10_000) -> None:
    """Cancel every background operation and wait for its worker to stop: the window is closing, and no
    worker may outlive the widgets whose signals it would emit (emitting on a deleted QObject crashes)."""
    for op in list(_live):
        op.cancel()
    QThreadPool.globalInstance().waitForDone(timeout_ms)


def _frame_interval() -> float:
    screen = QGuiApplication.primaryScreen()
    rate = screen.refreshRate() if screen is not None else 60.0
    return 1.0 / (rate if rate > 1 else 60.0)


class _Runner(QRunnable):
    def __init__(self, op: QueryOp[Any], interval: float) -> None:
        super().__init__()
        self.op, self.interval = op, interval

    def run(self) -> None:
        # dropped before the work ends, as concurrent.futures drops its work item: when the pool frees this runnable's
        # Python side is up to PySide, and until then it held the op (and whatever the op's work captured)
        op = self.op
        del self.op
        op._work(self.interval)


def show_error(parent: QWidget, error: BaseException) -> None:
    """A dialog for bad input (explorer.app.errors.user_message); anything else is a bug for the crash handler."""
    message = user_message(error)
    if message is None:
        raise error
    messages.error(parent, message.title, message.text)


class Operations:
    """A host's background operations, one at a time.

    ``run`` cancels a running operation it supersedes and drops that one's result or failure.
    ``busy(True/False)`` follows the current operation; ``progress`` gets its texts (the first is
    ``what``). A failure is a dialog for bad input (a bug raises, for the crash handler); Cancel
    shows nothing. ``stopped()`` runs after either, so the host can restore its status line.
    """

    def __init__(
        self,
        host: QWidget,
        progress: Progress,
        busy: Callable[[bool], None],
        stopped: Callable[[], None] | None = None,
    ) -> None:
        self._host, self._progress, self._busy, self._stopped = host, progress, busy, stopped
        self.task: QueryOp[Any] | None = None

    def run(self, work: Callable[[CancelToken, Progress], T], what: str, done: Callable[[T], None]) -> QueryOp[T]:
        if self.task is not None and self.task.running:
            self.task.cancel()
        op: QueryOp[T] = QueryOp(self._host, work, lambda result: self._finished(op, result, done), what)
        op.failure(lambda error: self._failed(op, error)).with_progress(self._progress)
        self.task = op
        self._progress(what)
        self._busy(True)
        return op.run_in_background()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def _finished(self, op: QueryOp[T], result: T, done: Callable[[T], None]) -> None:
        if op is not self.task:
            return  # superseded by a newer operation
        self._busy(False)
        done(result)

    def _failed(self, op: QueryOp[Any], error: BaseException) -> None:
        if op is not self.task:
            return
        self._busy(False)
        if not isinstance(error, Cancelled):
            show_error(self._host, error)
        if self._stopped is not None:
            self._stopped()
