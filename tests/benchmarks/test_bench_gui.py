"""GUI benchmark on a 10,000-customer synthetic book (offscreen), each step timed to repaint.

Ours: the app's column-array model (argsort sort, mask filter). Baseline, same run,
same rows: a plain list-backed table model behind a QSortFilterProxyModel.
Targets: load finished to first paint, filter keystroke to repaint, customer switch
to repaint, sort by a column, and a Cases-page filter change over every case (200,000)
each under 100 ms.
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_gui.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

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


def timed(step: Callable[[], None], paint: Callable[[], None], repeat: int = 5) -> float:
    """Best of ``repeat``: the step, then a synchronous repaint of what it changed (ms)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        paint()
        QApplication.processEvents()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


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
    ours["load finished -> first paint"] = timed(lambda: window.set_session(session), window.repaint, repeat=3)
    search, view = window.customers.search, window.customers.view
    keys = iter("abcdefghijklmnopqrstuvwxyz" * 3)

    def keystroke() -> None:
        search.clear()
        QTest.keyClick(search, next(keys))

    ours["filter keystroke -> repaint"] = timed(keystroke, view.viewport().repaint)
    search.clear()
    rows = iter(range(1, 1000, 37))
    ours["customer switch -> repaint"] = timed(lambda: view.selectRow(next(rows)), window.repaint)
    columns = iter([5, 2, 3, 0, 6, 1] * 2)
    ours["sort by a column"] = timed(
        lambda: view.sortByColumn(next(columns), Qt.SortOrder.AscendingOrder), view.viewport().repaint
    )

    window.pages.setCurrentIndex(PAGES.index("Cases"))  # fills the page once (not timed: once per load)
    QApplication.processEvents()
    cases_page = window.cases_page
    assert cases_page.model.total_rows >= 200_000
    choices = iter(["P1", "P2", "P3", "P4", "All"] * 2)
    ours["Cases filter change -> repaint"] = timed(
        lambda: cases_page.priority.setCurrentText(next(choices)), cases_page.view.viewport().repaint
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

    baseline = {"load finished -> first paint": timed(populate, base_view.repaint, repeat=2)}
    letters = iter("abcdefghijklmnopqrstuvwxyz" * 3)
    baseline["filter keystroke -> repaint"] = timed(
        lambda: proxy.setFilterFixedString(next(letters)), base_view.viewport().repaint
    )
    proxy.setFilterFixedString("")
    columns = iter([5, 2, 3, 0, 6, 1] * 2)
    baseline["sort by a column"] = timed(lambda: proxy.sort(next(columns)), base_view.viewport().repaint)

    case_headers = [cases_page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(cases_page.model.columnCount())]
    case_rows = [list(r) for r in zip(*(c.text.tolist() for c in cases_page.model.columns), strict=True)]
    case_proxy = QSortFilterProxyModel()
    case_proxy.setSourceModel(ListModel(case_rows, case_headers))
    case_proxy.setFilterKeyColumn(case_headers.index("Priority"))
    base_view.setModel(case_proxy)
    QApplication.processEvents()
    priorities = iter(["P1", "P2", "P3", "P4", ""] * 2)
    baseline["Cases filter change -> repaint"] = timed(
        lambda: case_proxy.setFilterFixedString(next(priorities)), base_view.viewport().repaint, repeat=3
    )

    print(
        f"\nGUI: {customers:,} customers, {len(session.book.contracts):,} contracts, "
        f"{len(session.sla.cases) if session.sla else 0:,} cases (offscreen, best of runs)"
    )
    print(f"  {'step':<34}{'ours':>10}{'QSortFilterProxyModel':>24}{'ratio':>8}")
    for step, ms in ours.items():
        base = baseline.get(step)
        ratio = f"{base / ms:.1f}x" if base else "-"
        print(f"  {step:<34}{ms:>8.1f} ms{(f'{base:.1f} ms' if base else 'n/a'):>24}{ratio:>8}")
    window.close()
    base_view.close()
    for step, ms in ours.items():
        assert ms < 100, step
