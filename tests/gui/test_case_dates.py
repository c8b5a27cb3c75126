"""File ▸ Case Log Dates (explorer gui --case-dates, case_dates in a workspace): how case logs write 02/11/2026 where
no date of theirs tells, stated in the app, read again through the operations runner, saved in the workspace and set
back from it; the info naming the order says who stated it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from PySide6.QtGui import QAction

from explorer.app.session import Session
from explorer.gui.case_dates import APP_SETTING
from explorer.gui.main_window import MainWindow
from explorer.model import Severity

from .conftest import AS_OF, wait_idle

BOOK = Path(__file__).parents[1] / "corpus" / "files" / "companion_contracts.csv"
LOG = [  # ServiceNow CSM: every day 12 or less, so its dates read either way
    "Number,Account,Product,Priority,Opened,Response time",
    "CS0012001,Acme Corp,Okta,1 - Critical,02/11/2026 14:00:00,40 Minutes",
    "CS0012002,Initech,Okta,2 - High,06/11/2026 09:00:00,1 Hour 30 Minutes",
]


def said(session: Session, severity: Severity, start: str) -> list[str]:
    return [f.message for f in session.book.findings if f.severity is severity and f.message.startswith(start)]


def opened(session: Session) -> str:
    assert session.book.cases is not None
    return f"{session.book.cases.set_index('case_id').loc['CS0012001', 'opened']:%Y-%m-%d}"


def file_menu_actions(win: MainWindow) -> list[QAction]:
    (file_menu,) = [a.menu() for a in win.menuBar().actions() if a.text() == "&File"]
    return file_menu.actions()


def test_case_log_dates_are_chosen_in_the_app_saved_and_read_back(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "servicenow.csv"
    log.write_text("\n".join(LOG) + "\n", "utf-8")
    win = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(win)
    win.show()
    menu = win.sessions.dates_menu
    assert menu.menuAction() in file_menu_actions(win)  # beside Add Files, where a case log is opened
    assert [a.text() for a in menu.actions()] == ["As the logs' dates show", "Day first (3 April)", "Month first (March 4)"]
    win.open_files([str(BOOK), str(log)])
    wait_idle(qtbot, win)
    assert win.session is not None and said(win.session, Severity.ERROR, "Column 'Opened': '02/11/2026 14:00:00' is ambiguous")
    assert menu.choices[None].isChecked()

    menu.choices["day first"].trigger()  # read again in the background: the window stays responsive
    assert win.busy
    wait_idle(qtbot, win)
    session = win.session
    assert session is not None and session.workspace.case_dates == "day first" and opened(session) == "2026-11-02"
    assert not said(session, Severity.ERROR, "Column 'Opened'")
    assert said(session, Severity.INFO, "Dates are read day first") == [
        f"Dates are read day first, as {APP_SETTING} says: 02/11/2026 is 2 November 2026."
    ]
    assert menu.choices["day first"].isChecked()

    target = tmp_path / "q4.explorer.toml"
    win.sessions.save_workspace(str(target))
    assert tomllib.loads(target.read_text("utf-8"))["workspace"]["case_dates"] == "day first"

    other = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(other)
    other.sessions.open_workspace_file(str(target))
    wait_idle(qtbot, other)
    assert other.session is not None and opened(other.session) == "2026-11-02"
    assert other.sessions.dates_menu.choices["day first"].isChecked()  # the workspace sets the control
    assert said(other.session, Severity.INFO, "Dates are read day first") == [
        "Dates are read day first, as case_dates in q4.explorer.toml says: 02/11/2026 is 2 November 2026."
    ]
    other.sessions.dates_menu.choices["month first"].trigger()
    wait_idle(qtbot, other)
    assert other.session.workspace.case_dates == "month first" and opened(other.session) == "2026-02-11"
    other.sessions.dates_menu.choices[None].trigger()  # back to the logs' own dates: the error again
    wait_idle(qtbot, other)
    assert other.session.workspace.case_dates is None and said(other.session, Severity.ERROR, "Column 'Opened'")


def test_the_command_lines_case_dates_open_the_books_and_win_over_the_workspace(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`explorer gui --case-dates day-first FILES`, and beside --workspace: the command line on top, as in check."""
    log = tmp_path / "servicenow.csv"
    log.write_text("\n".join(LOG) + "\n", "utf-8")
    win = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(win)
    win.sessions.use_command_line("day first", "Europe/London")
    assert win.sessions.dates_menu.choices["day first"].isChecked()
    win.open_files([str(BOOK), str(log)])
    wait_idle(qtbot, win)
    assert win.session is not None and win.session.workspace.case_timezone == "Europe/London"
    assert said(win.session, Severity.INFO, "Dates are read day first, as --case-dates says")
    target = tmp_path / "month.explorer.toml"
    win.sessions.dates_menu.choices["month first"].trigger()
    wait_idle(qtbot, win)
    win.sessions.save_workspace(str(target))
    other = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(other)
    other.sessions.open_workspace_file(str(target), case_dates="day first", case_timezone="Asia/Tokyo")
    wait_idle(qtbot, other)
    assert other.session is not None and other.session.workspace.case_timezone == "Asia/Tokyo"
    assert opened(other.session) == "2026-11-02" and other.sessions.dates_menu.choices["day first"].isChecked()
    assert said(other.session, Severity.INFO, "Dates are read day first, as --case-dates says")


def test_explorer_gui_takes_case_dates_and_case_timezone() -> None:
    run = [sys.executable, "-m", "explorer", "gui"]
    shown = subprocess.run([*run, "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert "--case-dates {day-first,month-first}" in shown.stdout and "--case-timezone ZONE" in shown.stdout
    for wrong, error in (
        (["--case-dates", "sideways"], "invalid choice: 'sideways'"),
        (["--case-timezone", "Mars/Base", "--screenshot", "x.png"], "'Mars/Base' is not an IANA time zone"),
    ):
        refused = subprocess.run([*run, *wrong], capture_output=True, text=True, timeout=60, check=False)
        assert refused.returncode == 2 and error in refused.stderr, refused.stderr


def test_a_choice_whose_read_fails_is_not_left_checked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The book read again with the new order failed (its files gone meanwhile): the dialog said so, and the menu
    kept the new choice checked while the open book was still read with the old one."""
    from explorer.gui import messages

    book, log = tmp_path / "contracts.csv", tmp_path / "servicenow.csv"
    book.write_bytes(BOOK.read_bytes())
    log.write_text("\n".join(LOG) + "\n", "utf-8")
    win = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(win)
    win.show()
    win.open_files([str(book), str(log)])
    wait_idle(qtbot, win)
    menu = win.sessions.dates_menu
    before = win.session
    assert before is not None and menu.choices[None].isChecked()
    book.unlink()
    log.unlink()
    shown = len(messages.shown)
    menu.choices["day first"].trigger()
    wait_idle(qtbot, win)
    assert len(messages.shown) > shown  # the failure was said
    assert win.session is before and before.workspace.case_dates is None  # the open book, read as before
    assert menu.choices[None].isChecked() and not menu.choices["day first"].isChecked()
    target = tmp_path / "kept.explorer.toml"
    win.sessions.save_workspace(str(target))  # what is saved is the open book's order, not the failed choice
    assert "case_dates" not in tomllib.loads(target.read_text("utf-8")).get("workspace", {})
