"""Typed background operations: results, failures, throttled progress, and a Cancel the core honours."""

from __future__ import annotations

import gc
import sys
import threading
import time
import weakref
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QObject, QRunnable, QThreadPool
from PySide6.QtWidgets import QWidget

from explorer.app.cancel import Cancelled, CancelToken
from explorer.app.errors import WorkspaceError
from explorer.gui import messages, operations
from explorer.gui.main_window import MainWindow
from explorer.gui.operations import Operations, QueryOp
from explorer.outputs.report import writer

from .conftest import wait_idle


def test_typed_result_failure_and_throttled_progress(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    results: list[int] = []
    texts: list[str] = []

    def count(cancel: CancelToken, progress) -> int:  # type: ignore[no-untyped-def]
        for i in range(20_000):
            progress(f"step {i}")
        return 42

    op = QueryOp(parent, count, results.append).with_progress(texts.append).run_in_background()
    qtbot.waitUntil(lambda: not op.running, timeout=10_000)
    assert results == [42]
    assert 0 < len(texts) < 2_000  # one update per frame at most, not one per step

    errors: list[BaseException] = []

    def fail(cancel: CancelToken, progress) -> int:  # type: ignore[no-untyped-def]
        raise ValueError("bad input")

    op = QueryOp(parent, fail, results.append).failure(errors.append).run_in_background()
    qtbot.waitUntil(lambda: not op.running, timeout=10_000)
    assert [str(e) for e in errors] == ["bad input"] and results == [42]


def test_one_operation_at_a_time_supersedes_fails_and_cancels(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The host's runner (MainWindow and the Changes page share it): a newer run cancels the running one and
    drops its result; bad input is a dialog; Cancel is quiet; the busy state and the status follow."""
    host = QWidget()
    qtbot.addWidget(host)
    texts: list[str] = []
    busy: list[bool] = []
    stopped: list[str] = []
    done: list[str] = []
    runner = Operations(host, texts.append, busy.append, lambda: stopped.append(texts[-1]))
    started, release = threading.Event(), threading.Event()

    def slow(cancel: CancelToken, progress) -> str:  # type: ignore[no-untyped-def]
        started.set()
        assert release.wait(30)
        progress("after the wait")  # checks the token: a superseded run stops here
        return "slow"

    first = runner.run(slow, "Reading the old book", done.append)
    assert started.wait(30) and runner.running
    runner.run(lambda cancel, progress: "fast", "Reading the new book", done.append)
    release.set()
    qtbot.waitUntil(lambda: not runner.running and not first.running, timeout=10_000)
    assert done == ["fast"] and first.cancel_token.cancelled
    assert texts[:2] == ["Reading the old book", "Reading the new book"] and busy[-1] is False and stopped == []

    def bad(cancel: CancelToken, progress) -> str:  # type: ignore[no-untyped-def]
        raise WorkspaceError("old.explorer.toml: not a workspace file")

    messages.shown.clear()
    runner.run(bad, "Opening old.explorer.toml", done.append)
    qtbot.waitUntil(lambda: not runner.running, timeout=10_000)
    assert [(m.kind, m.title, m.text) for m in messages.shown] == [
        ("error", "Cannot open the workspace", "old.explorer.toml: not a workspace file")
    ]
    assert stopped == ["Opening old.explorer.toml"] and busy[-1] is False

    def cancelled(cancel: CancelToken, progress) -> str:  # type: ignore[no-untyped-def]
        runner.cancel()
        cancel.check()
        return "never"

    messages.shown.clear()
    runner.run(cancelled, "Exporting report.xlsx", done.append)
    qtbot.waitUntil(lambda: not runner.running, timeout=10_000)
    assert messages.shown == [] and done == ["fast"] and stopped[-1] == "Exporting report.xlsx" and busy[-1] is False


def no_thread_left(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=10_000)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Holds the worker inside a step until the test has pressed Cancel."""
    reached, release = threading.Event(), threading.Event()

    def hold(original):  # type: ignore[no-untyped-def]
        def held(*args, **kwargs):  # type: ignore[no-untyped-def]
            reached.set()
            assert release.wait(30)
            return original(*args, **kwargs)

        return held

    return reached, release, hold


def test_cancelling_an_export_leaves_no_file_and_no_thread(
    window: MainWindow,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    gate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reached, release, hold = gate
    monkeypatch.setattr(writer, "summary_sheet", hold(writer.summary_sheet))  # inside the write: the temp file exists
    target = tmp_path / "report.xlsx"
    window.exports.export_report(str(target))
    assert reached.wait(30)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.~explorer-")]  # the temp file, half written
    window.cancel()
    release.set()
    wait_idle(qtbot, window)
    no_thread_left(qtbot)
    assert list(tmp_path.iterdir()) == []  # neither the report nor its temp file
    assert window.status_label.text().endswith(f"as of {window.session.as_of:%Y-%m-%d}")  # type: ignore[union-attr]


def test_cancelling_a_rejudge_keeps_the_old_day(
    window: MainWindow,
    qtbot,
    gate,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from explorer.app import session as session_module

    reached, release, hold = gate
    monkeypatch.setattr(session_module, "evaluate", hold(session_module.evaluate))
    before = window.session
    window.as_of_edit.setDate(QDate(2026, 12, 28))
    assert reached.wait(30)
    window.cancel()
    release.set()
    wait_idle(qtbot, window)
    no_thread_left(qtbot)
    assert window.session is before and window.session.as_of != date(2026, 12, 28)


def test_the_core_stops_mid_write(tmp_path: Path) -> None:
    """Without Qt: a token cancelled part-way through a long sheet stops the writer; the old file survives."""
    from explorer.app.session import open_session
    from explorer.outputs.report.build import build_report
    from explorer.paths import resource_path

    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 11, 28))
    data = build_report(session.book, session.catalog, session.as_of, session.sla)
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the previous report")

    class Countdown(CancelToken):
        def __init__(self, checks: int) -> None:
            super().__init__()
            self.left = checks

        def check(self) -> None:
            self.left -= 1
            if self.left == 0:
                self.cancel()
            super().check()

    started = time.monotonic()
    with pytest.raises(Cancelled):
        writer.write_report(data, target, cancel=Countdown(4))
    assert time.monotonic() - started < 30
    assert target.read_bytes() == b"the previous report" and [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_closing_the_window_stops_every_background_operation(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Not only the window's own: a page's work (here the Cases page's) is cancelled and waited for, so no worker
    emits into a page that closing deleted."""
    started = threading.Event()

    def endless(cancel: CancelToken, progress) -> None:  # type: ignore[no-untyped-def]
        started.set()
        while True:
            cancel.check()
            time.sleep(0.005)

    stopped: list[bool] = []
    window.cases_page.preparing.run(endless, "Preparing", lambda _: stopped.append(False))
    assert started.wait(10)
    window.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0  # stopped before close returned
    assert window.cases_page.preparing.task is not None and window.cases_page.preparing.task.cancel_token.cancelled


def test_an_operation_nobody_holds_still_reports_and_is_then_freed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A superseded op is held by nobody once its worker ends, while its report still waits in the event queue;
    PySide reaches a connected method through a weak reference, so the op must live until the report arrives."""
    parent = QObject()
    results: list[int] = []
    op = QueryOp(parent, lambda cancel, progress: 7, results.append).run_in_background()
    freed = weakref.ref(op)
    del op
    QThreadPool.globalInstance().waitForDone(10_000)  # the worker is done and its runner deleted: the report is queued
    gc.collect()
    qtbot.waitUntil(lambda: results == [7], timeout=5_000)
    # and then it goes, with its bridge: nothing holds it (a cycle through its bridge's wrapper waits for the
    # collector, which an idle test does not otherwise run, so the check runs it each time)
    qtbot.waitUntil(lambda: gc.collect() >= 0 and freed() is None, timeout=5_000)


def test_an_operation_whose_host_is_deleted_first_is_over_all_the_same(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Its report goes with the host's bridge; the worker does not raise, and the op no longer counts as running
    (the GIL switch interval, short while work runs, comes back)."""
    before = sys.getswitchinterval()
    host = QObject()
    release = threading.Event()
    op = QueryOp(host, lambda cancel, progress: release.wait(10), lambda _: None).run_in_background()
    assert sys.getswitchinterval() < before and op in operations._live
    del host  # the C++ object, and the bridge it parents, are deleted here
    release.set()
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)
    assert op not in operations._live and sys.getswitchinterval() == before


def test_an_operation_is_freed_while_its_runnable_lingers(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """When the pool's runnable is freed is up to PySide (its Python side can outlive the run); a runnable kept here
    stands for one that lingers, and the op it ran, with what its work captured, is freed all the same."""
    kept: list[QRunnable] = []

    class Lingering(operations._Runner):
        def __init__(self, op, interval) -> None:  # type: ignore[no-untyped-def]
            super().__init__(op, interval)
            self.setAutoDelete(False)
            kept.append(self)

    monkeypatch.setattr(operations, "_Runner", Lingering)
    parent = QObject()
    results: list[int] = []
    op = QueryOp(parent, lambda cancel, progress: 7, results.append).run_in_background()
    freed = weakref.ref(op)
    del op
    qtbot.waitUntil(lambda: results == [7], timeout=5_000)
    qtbot.waitUntil(lambda: gc.collect() >= 0 and freed() is None, timeout=5_000)
    assert len(kept) == 1
