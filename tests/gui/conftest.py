from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths, QThreadPool

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


def wait_idle(qtbot, window: MainWindow, timeout: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.busy, timeout=timeout)


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(win)
    win.show()
    win.open_files(sample_files())
    wait_idle(qtbot, win)  # ends on failure too, so a broken load fails fast instead of waiting out a timeout
    assert win.session is not None, [m.text for m in messages.shown]
    return win
