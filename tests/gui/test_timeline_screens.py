"""The timeline on any screen: a pinned date axis, an as-of label that is never clipped, sharp at scale 2."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetricsF, QImage

from explorer.gui import palette
from explorer.gui.main_window import PAGES, MainWindow
from explorer.gui.timeline import Span, TimelineArea, TimelineRow


def _band(image: QImage, rect: QRect) -> bytes:
    return bytes(image.copy(rect).constBits())


def test_date_axis_stays_in_view_while_scrolling(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 700)
    window.pages.setCurrentIndex(PAGES.index("Timeline"))
    area = window.timeline.scroll_area
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    axis = area.axis
    # the resized window's layout settles (the legend wraps, the axis is laid out again): the axis band is grabbed
    # until two grabs agree, so "before" is the settled axis (a loaded machine grabbed it mid-layout, and the band
    # the test compares against never came back)
    last = None
    for _ in range(120):
        qtbot.wait(25)
        now = _band(area.grab().toImage(), QRect(axis.geometry()))
        if now == last:
            break
        last = now
    top_before = axis.mapTo(window, axis.rect().topLeft())
    before = area.grab().toImage()
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    qtbot.wait(10)
    after = area.grab().toImage()
    assert axis.isVisible() and axis.mapTo(window, axis.rect().topLeft()) == top_before
    assert area.rect().contains(axis.geometry()) and axis.geometry().bottom() < area.viewport().geometry().top()
    band = QRect(axis.geometry())
    rows = QRect(area.viewport().geometry())
    # the axis did not move ... (a loaded machine may grab before the last repaint: it settles, or the test fails)
    qtbot.waitUntil(lambda: _band(before, band) == _band(area.grab().toImage(), band), timeout=3000)
    after = area.grab().toImage()
    assert _band(before, rows) != _band(after, rows)  # ... while the rows did
    # and it shows the dates: text pixels in the axis band, the month labels the canvas lays out
    labels = window.timeline.canvas.ticks(QFontMetricsF(axis.font()))
    assert len(labels) >= 4
    text = axis.palette().text().color()
    axis_image = after.copy(band)
    dark = sum(
        1
        for x in range(0, axis_image.width(), 2)
        for y in range(axis_image.height())
        if palette.contrast(axis_image.pixelColor(x, y), text) < 2
    )
    assert dark > 50


def _area(qtbot, as_of: date, first: date, last: date, points: float = 16) -> TimelineArea:  # type: ignore[no-untyped-def]
    area = TimelineArea()
    qtbot.addWidget(area)
    font = QFont(area.font())
    font.setPointSizeF(points)
    area.setFont(font)
    area.resize(1024, 300)
    rows = [TimelineRow(f"Customer {i} · Okta", [Span(first, last, "term", "term")]) for i in range(3)]
    area.canvas.set_rows(rows, as_of)
    area.show()
    qtbot.waitExposed(area)
    return area


def test_as_of_label_is_never_clipped(qtbot) -> None:  # type: ignore[no-untyped-def]
    first, last = date(2025, 1, 1), date(2026, 12, 31)
    for as_of in (first, last, date(2026, 1, 1)):  # the first and last day of the range, and the middle
        area = _area(qtbot, as_of, first, last)
        axis = area.axis
        label = axis.as_of_label_rect()
        needed = QFontMetricsF(axis.font()).boundingRect(axis.as_of_text())
        needed.moveTopLeft(label.topLeft())
        assert axis.rect().toRectF().contains(needed), (as_of, needed, axis.rect())
        assert axis.rect().toRectF().contains(label)
        line = area.canvas.x_of(as_of)
        assert not (label.left() < line < label.right())  # beside its line, not across it
        if as_of == last:
            assert label.right() <= line  # at the right edge it turns to the left of the line
        area.close()


def test_axis_and_rows_follow_the_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    small = _area(qtbot, date(2026, 6, 1), date(2025, 1, 1), date(2026, 12, 31), points=9)
    large = _area(qtbot, date(2026, 6, 1), date(2025, 1, 1), date(2026, 12, 31), points=16)
    assert large.canvas.row_height > small.canvas.row_height
    assert large.axis.height() > small.axis.height()
    assert large.canvas.row_height >= QFontMetricsF(large.canvas.font()).height() * 1.5


SCALED = textwrap.dedent(
    """
    import sys
    from datetime import date
    from PySide6.QtWidgets import QApplication
    from explorer.gui.timeline import Mark, Span, TimelineArea, TimelineRow

    app = QApplication([])
    area = TimelineArea()
    area.resize(600, 300)
    term = Span(date(2025, 1, 1), date(2026, 12, 31), "term", "t")
    rows = [TimelineRow("Okta", [term], [Mark(date(2026, 3, 1), "deadline", "d")])]
    area.canvas.set_rows(rows, date(2026, 6, 1))
    area.show()
    app.processEvents()
    shot = area.grab()
    axis = area.axis.geometry()
    print(shot.devicePixelRatio(), shot.width(), shot.height(), axis.x(), axis.y(), axis.width(), axis.height())
    shot.save(sys.argv[1])
    """
)


def test_timeline_is_drawn_at_twice_the_pixels_at_scale_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "scaled.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    done = subprocess.run([sys.executable, "-c", SCALED, str(out)], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    ratio, width, height, x, y, w, h = (float(v) for v in done.stdout.split())
    assert ratio == 2 and (width, height) == (1200, 600)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 600)
    band = image.copy(QRect(int(x * 2), int(y * 2), int(w * 2), int(h * 2)))
    # the month labels are there, drawn at device resolution: dark text pixels, some of them half-pixel detail
    # (a 1x drawing scaled up would come in 2x2 blocks of one colour)
    inked = [(px, py) for px in range(band.width()) for py in range(band.height()) if band.pixelColor(px, py).lightness() < 100]
    assert len(inked) > 200
    odd = sum(
        1 for px, py in inked if band.pixelColor(px ^ 1, py).lightness() >= 100 or band.pixelColor(px, py ^ 1).lightness() >= 100
    )
    assert odd > len(inked) // 10


def test_app_icon_is_drawn_for_every_size_it_is_shown_at() -> None:
    from PySide6.QtCore import QSize

    from explorer.gui.app import app_icon
    from explorer.paths import resource_path

    icon = app_icon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 24, 32, 48, 64, 128, 256, 512} <= sizes
    # a 32 px icon on a scale-2 screen uses the 64 px drawing itself, not a blurred enlargement of the 32
    sharp = icon.pixmap(QSize(32, 32), 2.0)
    assert (sharp.width(), sharp.devicePixelRatio()) == (64, 2.0)
    drawn = QImage(str(resource_path("icons/explorer-64.png"))).convertToFormat(QImage.Format.Format_ARGB32)
    assert sharp.toImage().convertToFormat(QImage.Format.Format_ARGB32) == drawn


def test_keyboard_walks_the_timeline_and_enter_opens_the_customer(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window.resize(1024, 700)
    window.pages.setCurrentIndex(PAGES.index("Timeline"))
    canvas, area = window.timeline.canvas, window.timeline.scroll_area
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    canvas.setFocus()
    assert canvas.hasFocus() and canvas.current == 0
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert canvas.current == len(canvas.rows) - 1
    last = QRect(0, canvas.row_top(canvas.current), canvas.width(), canvas.row_height)
    assert canvas.visibleRegion().boundingRect().contains(last)  # the area scrolled the current row into view
    assert area.verticalScrollBar().value() > area.verticalScrollBar().maximum() // 2
    assert canvas.rows[-1].label in canvas.accessibleDescription()
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert area.verticalScrollBar().value() == 0
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    wanted = canvas.rows[2].key
    with qtbot.waitSignal(window.timeline.customer_requested) as opened:
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert opened.args == [wanted]
    assert window.pages.currentIndex() == PAGES.index("Customers") and window.customers.selected_key() == wanted
