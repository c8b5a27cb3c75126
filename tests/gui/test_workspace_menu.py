"""File > Save Workspace and Open Workspace, with a file gone missing in between."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from explorer.app.workspace import open_workspace
from explorer.gui import messages
from explorer.gui.main_window import MainWindow, sample_files

from .conftest import wait_idle

DAY = date(2026, 10, 1)  # not today: a workspace saved on "today" follows the calendar instead


def test_save_and_open_workspace(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, cases = (Path(shutil.copy(f, tmp_path)) for f in sample_files())
    win = MainWindow(as_of=DAY, persist=False)
    qtbot.addWidget(win)
    assert not win.sessions.save_workspace_action.isEnabled()
    win.open_files([str(book), str(cases)])
    wait_idle(qtbot, win)
    assert win.sessions.save_workspace_action.isEnabled()
    target = tmp_path / "q4.explorer.toml"
    win.sessions.save_workspace(str(target))
    assert open_workspace(target).workspace.as_of == DAY
    cases_copy = Path(shutil.copy(cases, tmp_path / "cases-again.csv"))
    cases.unlink()
    other = MainWindow(as_of=date(2025, 1, 1), persist=False)
    qtbot.addWidget(other)
    other.sessions.open_workspace_file(str(target))
    wait_idle(qtbot, other)
    assert messages.shown[-1].kind == "warning" and str(cases) in messages.shown[-1].text
    assert other.session is not None and other.session.sla is None  # the book opened without its case log
    assert other.as_of_value() == DAY and other.session.as_of == DAY
    assert other.customers.model.rowCount() == win.customers.model.rowCount() > 40
    # the command line wins over the workspace, as in the CLI: explorer --workspace W --as-of D FILE
    third = MainWindow(persist=False)
    qtbot.addWidget(third)
    third.sessions.open_workspace_file(str(target), date(2026, 11, 28), [str(cases_copy)])
    wait_idle(qtbot, third)
    assert third.as_of_value() == date(2026, 11, 28) and third.session is not None
    assert third.session.as_of == date(2026, 11, 28) and third.session.sla is not None  # the case log given on top
    bad = tmp_path / "bad.explorer.toml"
    bad.write_text("[[[", encoding="utf-8")
    other.sessions.open_workspace_file(str(bad))
    assert messages.shown[-1].title == "Cannot open the workspace"
