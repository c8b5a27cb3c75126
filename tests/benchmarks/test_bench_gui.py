"""GUI benchmark on a 10,000-customer synthetic book (offscreen), each step timed until painted.

Ours: the app's column-array model (argsort sort, mask filter). Baseline, same run,
same rows: a plain list-backed table model behind a QSortFilterProxyModel.
Targets: load finished to first paint, filter keystroke to repaint, customer switch
to repaint, sort by a column, and a Cases-page filter change over every case (200,000)
each under 100 ms.
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_gui.py
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from explorer.app.session import open_session
from explorer.gui import messages
from explorer.gui.main_window import PAGES, MainWindow
from tools.synth import benchmark_book

from .harness import CACHE

pytestmark = pytest.mark.benchmark
AS_OF = date(2026, 11, 28)


class ListModel(QAbstractTableModel):
    """The textbook model: a list of rows, one Python lookup per cell."""

    def __init__(self, rows: list[list[str]], headers: list[str]) -> None:
        super().__init__()
        self.rows, self.headers = rows, headers

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return self.rows[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


@dataclass
class Timing:
    wall: float  # ms, best of the runs
    cpu: float  # ms of the GUI thread's own CPU time, best of the runs


class PaintCounter(QObject):
    """Counts paint events of a widget and its children (to know a step was painted, and painted once)."""

    def __init__(self, target: QWidget) -> None:
        super().__init__()
        self.target, self.count = target, 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        painted = event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
        if painted and (watched is self.target or self.target.isAncestorOf(watched)):
            self.count += 1
        return False


def timed(step: Callable[[], None], painted: QWidget, repeat: int = 5) -> Timing:
    """Best of ``repeat``: the step, then the event loop until it has painted ``painted``.

    The event loop paints once what the step changed, as in the app (an extra forced
    repaint() would paint twice). Wall time is what the user waits; on a shared machine it
    also counts waiting for a core, so the GUI thread's CPU time is kept beside it.
    """
    counter = PaintCounter(painted)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    wall = cpu = float("inf")
    try:
        for _ in range(repeat):
            counter.count = 0
            start, start_cpu = time.perf_counter(), time.thread_time()
            step()
            for _ in range(10):
                QApplication.processEvents()
                if counter.count:
                    break
            assert counter.count, "the step painted nothing"
            wall = min(wall, (time.perf_counter() - start) * 1000)
            cpu = min(cpu, (time.thread_time() - start_cpu) * 1000)
    finally:
        app.removeEventFilter(counter)
    return Timing(wall, cpu)


def test_gui_responsiveness(qapp) -> None:  # type: ignore[no-untyped-def]
    messages.record(True)
    path = benchmark_book(CACHE, 14_000, 50_000, 200_000)
    session = open_session([str(path)], AS_OF)
    customers = len(session.overview.customers)
    assert customers >= 10_000
    window = MainWindow(as_of=AS_OF, persist=False)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()

    ours = {}
    ours["load finished -> first paint"] = timed(lambda: window.set_session(session), window.customers.view.viewport(), repeat=3)
    search, view = window.customers.search, window.customers.view
    keys = iter("abcdefghijklmnopqrstuvwxyz" * 3)

    def keystroke() -> None:
        search.clear()
        QTest.keyClick(search, next(keys))

    ours["filter keystroke -> repaint"] = timed(keystroke, view.viewport())
    search.clear()
    rows = iter(range(1, 1000, 37))
    ours["customer switch -> repaint"] = timed(lambda: view.selectRow(next(rows)), window.tabs)
    columns = iter([5, 2, 3, 0, 6, 1] * 2)
    ours["sort by a column"] = timed(lambda: view.sortByColumn(next(columns), Qt.SortOrder.AscendingOrder), view.viewport())

    window.pages.setCurrentIndex(PAGES.index("Cases"))  # fills the page once (not timed: once per load)
    cases_page = window.cases_page
    deadline = time.monotonic() + 120
    while not cases_page.table_ready and time.monotonic() < deadline:  # a large log is prepared in the background
        QApplication.processEvents()
        time.sleep(0.01)
    assert cases_page.model.total_rows >= 200_000
    choices = iter(["P1", "P2", "P3", "P4", "All"] * 2)
    ours["Cases filter change -> repaint"] = timed(
        lambda: cases_page.priority.setCurrentText(next(choices)), cases_page.view.viewport()
    )

    frame = session.overview.customers
    headers = ["Customer", "Products", "Highest Program", "Next Key Date", "Next Event", "Term End", "Findings"]
    table = [[str(v) if v is not None else "" for v in row] for row in frame[headers].itertuples(index=False)]
    base_view = QTableView()
    base_view.resize(800, 800)
    base_view.show()
    proxy = QSortFilterProxyModel()
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    sources = []

    def populate() -> None:
        sources.append(ListModel(table, headers))
        proxy.setSourceModel(sources[-1])
        base_view.setModel(proxy)
        proxy.sort(0)

    baseline = {"load finished -> first paint": timed(populate, base_view.viewport(), repeat=2)}
    letters = iter("abcdefghijklmnopqrstuvwxyz" * 3)
    baseline["filter keystroke -> repaint"] = timed(lambda: proxy.setFilterFixedString(next(letters)), base_view.viewport())
    proxy.setFilterFixedString("")
    columns = iter([5, 2, 3, 0, 6, 1] * 2)
    baseline["sort by a column"] = timed(lambda: proxy.sort(next(columns)), base_view.viewport())

    case_headers = [cases_page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(cases_page.model.columnCount())]
    case_rows = [list(r) for r in zip(*(c.text.tolist() for c in cases_page.model.columns), strict=True)]
    case_proxy = QSortFilterProxyModel()
    case_proxy.setSourceModel(ListModel(case_rows, case_headers))
    case_proxy.setFilterKeyColumn(case_headers.index("Priority"))
    base_view.setModel(case_proxy)
    QApplication.processEvents()
    priorities = iter(["P1", "P2", "P3", "P4", ""] * 2)
    baseline["Cases filter change -> repaint"] = timed(
        lambda: case_proxy.setFilterFixedString(next(priorities)), base_view.viewport(), repeat=3
    )

    load = os.getloadavg()[0]
    print(
        f"\nGUI: {customers:,} customers, {len(session.book.contracts):,} contracts, "
        f"{len(session.sla.cases) if session.sla else 0:,} cases (offscreen, best of runs, load average {load:.1f})"
    )
    print(f"  {'step':<34}{'ours wall':>11}{'ours CPU':>10}{'QSortFilterProxyModel':>24}{'ratio':>8}")
    for step, ours_t in ours.items():
        base = baseline.get(step)
        ratio = f"{base.wall / ours_t.wall:.1f}x" if base else "-"
        base_text = f"{base.wall:.1f} ms" if base else "n/a"
        print(f"  {step:<34}{ours_t.wall:>8.1f} ms{ours_t.cpu:>7.1f} ms{base_text:>24}{ratio:>8}")
    window.close()
    base_view.close()
    quiet = load < 1.5  # with other work on the cores, wall time measures the queue, not the app
    for step, ours_t in ours.items():
        assert (ours_t.wall if quiet else ours_t.cpu) < 100, step
