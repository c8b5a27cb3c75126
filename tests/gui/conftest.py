from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from explorer.catalog import Catalog
from explorer.gui import messages
from explorer.gui.main_window import MainWindow, sample_files

AS_OF = date(2026, 11, 28)


@pytest.fixture(autouse=True)
def isolated_settings(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("Entitlement Explorer Tests")
    QCoreApplication.setApplicationName("Entitlement Explorer Tests")
    messages.record(True)
    yield
    QThreadPool.globalInstance().waitForDone(30_000)  # no worker outlives its test
    messages.record(False)
    assert QThreadPool.globalInstance().activeThreadCount() == 0, "a background operation is still running"


@pytest.fixture(autouse=True)
def no_leaked_widgets(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A test that leaves a top-level widget behind fails (napari's conftest does the same): every window
    and dialog a test makes is handed to qtbot.addWidget, or parented, or deleted."""
    before = set(QApplication.topLevelWidgets())
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # qtbot deletes its widgets later
    QApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if w not in before and not _qt_internal(w)]
    for widget in leaked:  # clean up so one leak does not fail every later test
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not leaked, f"top-level widgets left behind: {[type(w).__name__ for w in leaked]}"


@pytest.fixture(autouse=True)
def no_modifiers_left(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A keyClick with Ctrl or Shift leaves Qt believing the key is still held until the next key event, so the
    next test's click would be a Ctrl-click: every test ends with the keyboard released."""
    yield
    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        release = QWidget()
        release.show()
        QTest.keyRelease(release, Qt.Key.Key_Control, Qt.KeyboardModifier.NoModifier)
        release.close()
        release.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


def _qt_internal(widget: QWidget) -> bool:
    """Qt's own shared popups (the tooltip label) live for the whole application."""
    return type(widget).__name__ in ("QTipLabel",) or widget.metaObject().className() == "QTipLabel"


def wait_idle(qtbot, window: MainWindow, timeout: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.busy, timeout=timeout)


def open_window(qtbot, files: list[str], catalog: Catalog | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    """A shown window as of AS_OF that keeps no settings, with ``files`` read (the messages shown if they were not)."""
    win = MainWindow(catalog=catalog, as_of=AS_OF, persist=False)
    qtbot.addWidget(win)
    win.show()
    win.open_files(files)
    wait_idle(qtbot, win)  # ends on failure too, so a broken load fails fast instead of waiting out a timeout
    assert win.session is not None, [m.text for m in messages.shown]
    return win


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(qtbot, sample_files())


def open_tab(window: MainWindow, name: str) -> None:
    """Show one of the customer's tabs, as a click would: a tab is filled when it is opened."""
    from explorer.gui.main_window import CUSTOMER_TABS

    window.tabs.setCurrentIndex(CUSTOMER_TABS.index(name))
