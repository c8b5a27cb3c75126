"""At 1024x700, with the default font and at 16 pt, nothing in the filter row or the status bar is cut off."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from explorer.gui.main_window import MainWindow


@pytest.fixture(params=[None, 16.0], ids=["default font", "16 pt"])
def font_size(request, qapp) -> Iterator[float | None]:  # type: ignore[no-untyped-def]
    before = QFont(qapp.font())
    if request.param:
        font = QFont(before)
        font.setPointSizeF(request.param)
        qapp.setFont(font)
    yield request.param
    qapp.setFont(before)


def _inside(widget: QWidget, frame: QWidget) -> bool:
    rect = widget.rect().translated(widget.mapTo(frame, widget.rect().topLeft()))
    return frame.rect().contains(rect)


def test_filter_row_and_status_bar_fit_at_1024(font_size, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    # font_size comes first, so the window is made and filled in that font
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    QApplication.processEvents()
    assert window.width() == 1024 and window.minimumSizeHint().width() <= 1024  # no page pushes the window wider
    lst = window.customers
    row = [lst.search, lst.save_mine, lst.product, lst.program, lst.with_findings, lst.due_soon, lst.info_only, lst.my_accounts]
    row += [lst.count]
    for widget in row:
        assert widget.isVisible()
        name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
        assert widget.sizeHint().width() <= widget.width(), (name, widget.sizeHint(), widget.width())
        assert _inside(widget, lst), name
    assert "30 days" in lst.due_soon.text()
    status = window.status_label
    assert status.text() and _inside(status, window.statusBar())
    assert status.width() >= status.sizeHint().width() or status.heightForWidth(status.width()) <= status.height()
    for label in window.statusBar().findChildren(QLabel):
        if label.isVisible():
            assert _inside(label, window.statusBar())


def test_screenshot_at_16pt_in_dark_stays_1024_wide(tmp_path: Path) -> None:
    out = tmp_path / "dark16.png"
    command = [sys.executable, "-m", "explorer", "--sample", "--as-of", "2026-11-28", "--screenshot", str(out)]
    command += ["--size", "1024x700", "--font-size", "16", "--dark", "--tab", "Cases"]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)
    assert image.pixelColor(image.width() // 2, image.height() // 2).lightness() < 100  # dark
    bad = subprocess.run([*command[:3], "--font-size", "100"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "between 4 and 72" in bad.stderr
