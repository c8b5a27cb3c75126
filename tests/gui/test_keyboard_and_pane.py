"""The detail pane never shows a customer the list hides; the keyboard reaches everything; Ctrl+C copies rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QTabBar

from explorer.gui import keyboard
from explorer.gui.app import parse_size
from explorer.gui.main_window import CUSTOMER_TABS, PAGES, MainWindow
from explorer.gui.no_match import EMPTY_BOOK

from .conftest import AS_OF, wait_idle


def test_filter_hiding_the_customer_moves_the_pane(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.customers.select("alpine media")
    assert "Alpine Media" in window.title.text()
    qtbot.keyClicks(window.customers.search, "birch")
    assert window.customers.selected_key() == "birch health"
    assert "Birch Health" in window.title.text() and "Alpine" not in window.title.text()
    assert window.detail.currentWidget() is not window.no_match


def test_no_match_shows_an_empty_state_with_clear(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.customers.search, "xyz")
    assert window.customers.model.rowCount() == 0
    assert window.detail.currentWidget() is window.no_match
    assert window.no_match.message.text() == "No customer matches 'xyz'"
    assert window.title.text() == ""
    qtbot.mouseClick(window.no_match.clear_button, Qt.MouseButton.LeftButton)
    assert window.customers.search.text() == ""
    assert window.customers.model.rowCount() == len(window.customers.frame)
    assert window.detail.currentIndex() == 0
    assert window.customers.selected_key() and window.customers.selected_key().casefold() in window.title.text().casefold()


def test_a_book_of_no_customer_says_so_with_no_clear_filter(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A contracts header with no rows: no filter hides anyone, so the pane does not offer to clear one."""
    book = tmp_path / "header.csv"
    book.write_text("Customer,Product,Tier,Term Start,Term End\n", encoding="utf-8")
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book)])
    wait_idle(qtbot, window)
    assert window.session is not None and window.customers.model.rowCount() == 0
    assert window.detail.currentWidget() is window.no_match
    assert window.no_match.message.text() == EMPTY_BOOK and not window.no_match.clear_button.isVisibleTo(window)
    window.pages.setCurrentIndex(PAGES.index("Findings"))  # where it points: the reason is there
    texts = [
        window.book_findings.model.index(r, c).data()
        for r in range(window.book_findings.model.rowCount())
        for c in range(window.book_findings.model.columnCount())
    ]
    assert any("Its header row was found, with no rows below it" in str(t) for t in texts)


def test_filter_box_keys(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QApplication.focusWidget() is window.customers.search  # not the as-of year
    qtbot.keyClicks(window.customers.search, "bank")
    qtbot.keyClick(window.customers.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.customers.view
    qtbot.keyClick(window.customers.view, Qt.Key.Key_Down)
    assert window.customers.selected_key() == "bellows bank"
    window.customers.focus_filter()
    qtbot.keyClick(window.customers.search, Qt.Key.Key_Escape)
    assert window.customers.search.text() == "" and window.customers.model.rowCount() == len(window.customers.frame)
    assert window.customers.selected_key() == "bellows bank"  # still shown, so still selected
    qtbot.keyClicks(window.customers.search, "umber")
    qtbot.keyClick(window.customers.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.customers.view
    assert window.customers.selected_key() == "umber bank"


def test_ctrl_c_copies_selected_rows_with_headers(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.customers.search.setText("bank")
    view = window.customers.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    lines = text.split("\r\n")
    header = lines[0].split("\t")
    assert header[0] == "Customer" and "Findings" in header
    assert lines[1].split("\t")[0] == "Backwards Bank" and len(lines[1].split("\t")) == len(header)
    assert lines[2:] == [""]  # one selected row, then the closing line end
    # a table that selects several rows copies them all, in view order
    window.customers.search.clear()  # Upcoming follows the customer filter
    window.pages.setCurrentIndex(PAGES.index("Upcoming"))
    upcoming = window.upcoming.view
    model = upcoming.model()
    selection = upcoming.selectionModel()
    for row in (2, 0):
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    upcoming.setFocus()
    qtbot.keyClick(upcoming, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    rows = [line.split("\t") for line in QGuiApplication.clipboard().text().split("\r\n")[1:-1]]
    assert [r[0] for r in rows] == [model.index(0, 0).data(), model.index(2, 0).data()]
    assert rows[0][1] == model.index(0, 1).data()


def test_ctrl_tab_reaches_every_tab_and_alt_digits_the_pages(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.customers.view.setFocus()
    seen = []
    every = keyboard.stops(window.pages, window.tabs)
    assert len(every) >= len(CUSTOMER_TABS) + len(PAGES) - 1
    for _ in range(len(every)):
        seen.append(keyboard.current_stop(window.pages, window.tabs))
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert keyboard.current_stop(window.pages, window.tabs) == seen[0]  # wrapped round
    assert sorted(set(seen)) == sorted(keyboard.stops(window.pages, window.tabs))
    assert len(set(seen)) == len(every)
    qtbot.keyClick(
        QApplication.focusWidget() or window,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert keyboard.current_stop(window.pages, window.tabs) == seen[-1]
    assert window.pages.count() == len(PAGES) + 1  # and Changes, added after them: Alt+1…6 as the README says
    for i in range(window.pages.count()):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.AltModifier)
        assert window.pages.currentIndex() == i
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert [a.text() for a in view.actions() if a.text()][1:] == [*PAGES, "Changes"]  # after Filter Customers


def test_tab_leaves_the_list_and_reaches_the_tab_bars(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.customers.focus_filter()
    reached = set()
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    bars = {w for w in reached if isinstance(w, QTabBar)}
    assert window.customers.view in reached
    assert window.tabs.tabBar() in bars and window.pages.tabBar() in bars
    assert window.benefits.tree in reached or window.tabs.currentWidget().isAncestorOf(
        next(w for w in reached if w is not None and window.tabs.isAncestorOf(w) and not isinstance(w, QTabBar))
    )
    # every tab of both bars can then be chosen with the arrow keys
    bar = window.tabs.tabBar()
    bar.setFocus()
    for i in range(1, bar.count()):
        qtbot.keyClick(bar, Qt.Key.Key_Right)
        assert window.tabs.currentIndex() == i
    for widget in (
        window.customers.search,
        window.customers.product,
        window.customers.program,
        window.customers.view,
        window.no_match.clear_button,
    ):
        assert widget.accessibleName()


def test_screenshot_size_option(tmp_path: Path) -> None:
    assert parse_size("1024x700") == (1024, 700) and parse_size("1400×900") == (1400, 900)
    assert parse_size("big") is None and parse_size("10x10") is None
    out = tmp_path / "small.png"
    done = subprocess.run(
        [sys.executable, "-m", "explorer", "--sample", "--as-of", "2026-11-28", "--screenshot", str(out), "--size", "1024x700"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert "propagateSizeHints" not in done.stderr  # the offscreen platform's noise, which users took for an error
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)
    bad = subprocess.run(
        [sys.executable, "-m", "explorer", "--screenshot", str(out), "--size", "huge"], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "not a window size" in bad.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "explorer", str(tmp_path / "nofile.xlsx"), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    # one line, as 'explorer check' says it (the dialog's text came out over three lines)
    assert missing.returncode == 2 and missing.stderr.splitlines() == [
        f"explorer: {tmp_path / 'nofile.xlsx'}: the file does not exist"
    ]


def test_a_screenshot_opens_the_workspace_it_is_given(tmp_path: Path) -> None:
    # --workspace was read only by the interactive path: the screenshot showed an empty window (or, with the book
    # named too, no done-marks), so every picture of a workspace's marks disagreed with the report.
    from explorer.app.workspace import Workspace
    from explorer.gui.sessions import sample_files

    saved = Workspace(files=list(sample_files())).save(tmp_path / "book.explorer.toml")
    out = tmp_path / "marks.png"
    done = subprocess.run(
        [sys.executable, "-m", "explorer", "--workspace", str(saved), "--as-of", "2026-11-28", "--screenshot", str(out)]
        + ["--tab", "Key Dates", "--customer", "Tardy Telecom"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
