"""The 2 KB workbook that made the reader abort (one cell at XFD1048576) among good files: the app stays up.

Before the budget checks (explorer/importing/safety.py) the reader asked for 550 GB and the
whole app died with unsaved marks; now the other files open and Findings lists the refusal.
"""

from __future__ import annotations

from pathlib import Path

from explorer.gui import messages
from explorer.gui.main_window import PAGES, MainWindow, sample_files
from tests.hostile.books import FAR_CELL, workbook

from .conftest import AS_OF, wait_idle


def test_the_aborting_workbook_is_a_finding_and_the_rest_opens(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    hostile = workbook(tmp_path / "far.xlsx", FAR_CELL)
    assert hostile.stat().st_size < 2500
    window.open_files([str(hostile), *sample_files()])
    wait_idle(qtbot, window)
    assert window.session is not None, [m.text for m in messages.shown]
    assert window.customers.model.rowCount() == 47  # the sample opened beside it
    window.pages.setCurrentIndex(PAGES.index("Findings"))
    model = window.book_findings.model
    messages_shown = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    refusal = [m for m in messages_shown if isinstance(m, str) and "memory budget" in m]
    assert refusal and "row 1,048,576 and column 16,384" in refusal[0], messages_shown[:20]


def test_a_symlink_loop_is_a_finding_and_the_rest_opens(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    (tmp_path / "loop1.xlsx").symlink_to("loop2.xlsx")
    (tmp_path / "loop2.xlsx").symlink_to("loop1.xlsx")
    window.open_files([str(tmp_path / "loop1.xlsx"), *sample_files()])
    wait_idle(qtbot, window)
    assert window.session is not None, [m.text for m in messages.shown]
    assert window.customers.model.rowCount() == 47
    window.pages.setCurrentIndex(PAGES.index("Findings"))
    model = window.book_findings.model
    shown = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert any(isinstance(m, str) and "Too many levels of symbolic links" in m for m in shown), shown[:20]
