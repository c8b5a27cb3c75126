"""Controls are seen in both palettes and at any font size: check boxes grow with the font, and the edges of
check boxes, fields, drop-downs and buttons keep a 3:1 contrast against the window (as text keeps 4.5:1)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from explorer.gui import control_style, palette

NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11


@pytest.fixture(params=[False, True], ids=["light", "dark"])
def dark(request, qapp) -> Iterator[bool]:  # type: ignore[no-untyped-def]
    control_style.install()
    before = QPalette(qapp.palette())
    qapp.setPalette(palette.dark_palette() if request.param else qapp.style().standardPalette())
    yield request.param
    qapp.setPalette(before)


def edge_contrast(image: QImage, window: QColor) -> float:
    """The highest contrast against the window colour along the image's outer edge."""
    w, h = image.width(), image.height()
    edge = [(x, y) for x in range(w) for y in (0, 1, h - 2, h - 1)] + [(x, y) for y in range(h) for x in (0, 1, w - 2, w - 1)]
    return max(palette.contrast(image.pixelColor(x, y), window) for x, y in edge)


def test_the_control_ink_keeps_3_to_1_on_both_surfaces() -> None:
    for dark in (False, True):
        for surface in palette.SURFACES[dark]:
            assert palette.contrast(palette.ink("control", dark), surface) >= NON_TEXT_CONTRAST


def test_control_edges_stand_out_from_the_window(dark: bool, qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    box, field, combo, button = QCheckBox("Has findings", host), QLineEdit(host), QComboBox(host), QPushButton("Today", host)
    combo.addItems(["All programs"])
    for widget in (box, field, combo, button):
        layout.addWidget(widget)
    host.show()
    qtbot.waitExposed(host)
    window = host.palette().color(QPalette.ColorRole.Window)
    assert (window.lightness() < 128) == dark
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert edge_contrast(box.grab(indicator).toImage(), window) >= NON_TEXT_CONTRAST
    for widget in (field, combo, button):
        assert edge_contrast(widget.grab().toImage(), window) >= NON_TEXT_CONTRAST, type(widget).__name__


def test_check_boxes_grow_with_the_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    control_style.install()
    sizes = {}
    for points in (10.0, 16.0, 28.0):
        box = QCheckBox("Due soon")
        qtbot.addWidget(box)
        font = QFont(box.font())
        font.setPointSizeF(points)
        box.setFont(font)
        sizes[points] = box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, None, box)
        assert sizes[points] >= 0.7 * box.fontMetrics().height()
    assert sizes[10.0] < sizes[16.0] < sizes[28.0]
    assert QApplication.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box) == sizes[28.0]
