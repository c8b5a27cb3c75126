"""The window on a real X server: Qt's xcb platform under Xvfb, captured through the window system.

Marked `xcb` and left out of the default (offscreen) run. .ci/run runs them with
`xvfb-run -a -s "-screen 0 1600x1200x24" env QT_QPA_PLATFORM=xcb python -m pytest -m xcb`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage, QPixmap

from explorer.gui.main_window import CUSTOMER_TABS, PAGES, MainWindow

pytestmark = pytest.mark.xcb
SIZE = QSize(1024, 700)


@pytest.fixture(autouse=True)
def on_x11(qapp) -> None:  # type: ignore[no-untyped-def]
    assert QGuiApplication.platformName() == "xcb", "run under xvfb-run with QT_QPA_PLATFORM=xcb (see .ci/run)"


def pixels(pixmap: QPixmap) -> QImage:
    return pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)


def differing(a: QImage, b: QImage) -> float:
    """The share of pixels (every 4th row and column) that differ."""
    assert a.size() == b.size()
    points = [(x, y) for y in range(0, a.height(), 4) for x in range(0, a.width(), 4)]
    return sum(a.pixel(x, y) != b.pixel(x, y) for x, y in points) / len(points)


def from_x_server(window: MainWindow, qtbot) -> QImage:  # type: ignore[no-untyped-def]
    """The window's pixels as the X server holds them, once what Qt painted has reached it."""
    qtbot.wait(50)
    shot = pixels(window.screen().grabWindow(window.winId()))
    assert shot.size() == SIZE * window.devicePixelRatio()
    return shot


def test_window_on_x_server(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitExposed(window)
    window.resize(SIZE)
    qtbot.waitUntil(lambda: window.windowHandle().geometry().size() == SIZE)
    first = from_x_server(window, qtbot)
    assert differing(first, pixels(window.grab())) < 0.001  # the server shows what Qt painted
    # Switch customer and tab: the server's copy follows.
    assert window.customers.select("cascade capital")
    window.tabs.setCurrentIndex(CUSTOMER_TABS.index("SLA"))
    sla = from_x_server(window, qtbot)
    assert differing(sla, pixels(window.grab())) < 0.001
    assert differing(sla, first) > 0.05
    window.pages.setCurrentIndex(PAGES.index("Timeline"))
    timeline = from_x_server(window, qtbot)
    assert differing(timeline, pixels(window.grab())) < 0.001
    assert differing(timeline, sla) > 0.05
    assert timeline.save(str(tmp_path / "timeline.png"))


def test_screenshot_command_on_x_server(tmp_path: Path) -> None:
    shot = tmp_path / "sla.png"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "explorer",
            "--sample",
            "--as-of",
            "2026-11-28",
            "--screenshot",
            str(shot),
            "--tab",
            "SLA",
            "--customer",
            "Cascade Capital",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
    )
    assert out.returncode == 0, out.stderr
    image = QImage(str(shot))
    assert image.size() == QSize(1400, 900)
    # Not a blank or black frame: the light window background dominates, with text and coloured rows on it.
    colours = {image.pixel(x, y) for y in range(0, 900, 7) for x in range(0, 1400, 7)}
    assert len(colours) > 50
