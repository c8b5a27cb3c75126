"""Check boxes are seen in both palettes and at any font size: they grow with the font, and their edges keep a
3:1 contrast against the window (WCAG 1.4.11, non-text contrast), as text keeps 4.5:1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton, QVBoxLayout, QWidget

from explorer.gui import palette

NON_TEXT_CONTRAST = 3.0


@pytest.fixture(params=[False, True], ids=["light", "dark"])
def dark(request, qapp) -> Iterator[bool]:  # type: ignore[no-untyped-def]
    before = QPalette(qapp.palette())
    qapp.setPalette(palette.dark_palette() if request.param else qapp.style().standardPalette())
    yield request.param
    qapp.setPalette(before)


def edge_contrast(image: QImage, window: QColor) -> float:
    """The highest contrast against the window colour along the image's outer edge."""
    w, h = image.width(), image.height()
    edge = [(x, y) for x in range(w) for y in (0, 1, h - 2, h - 1)] + [(x, y) for y in range(h) for x in (0, 1, w - 2, w - 1)]
    return max(palette.contrast(image.pixelColor(x, y), window) for x, y in edge)


def indicator(box: QCheckBox) -> QImage:
    option = QStyleOptionButton()
    option.initFrom(box)
    return box.grab(box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)).toImage()


def test_the_control_ink_keeps_3_to_1_on_both_surfaces() -> None:
    for dark in (False, True):
        for surface in palette.SURFACES[dark]:
            assert palette.contrast(palette.ink("control", dark), surface) >= NON_TEXT_CONTRAST


def test_check_box_edges_stand_out_from_the_window(dark: bool, qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(palette.control_sheet(host.fontMetrics().height()))
    layout = QVBoxLayout(host)
    off, on = QCheckBox("Has findings", host), QCheckBox("Due soon", host)
    on.setChecked(True)
    layout.addWidget(off)
    layout.addWidget(on)
    host.show()
    qtbot.waitExposed(host)
    window = host.palette().color(QPalette.ColorRole.Window)
    assert (window.lightness() < 128) == dark
    for box in (off, on):
        assert edge_contrast(indicator(box), window) >= NON_TEXT_CONTRAST, box.text()
    assert indicator(off) != indicator(on)  # ticked looks unlike clear


def test_check_boxes_grow_with_the_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    sizes = {}
    for points in (10.0, 16.0, 28.0):
        host = QWidget()
        qtbot.addWidget(host)
        font = QFont(host.font())
        font.setPointSizeF(points)
        host.setFont(font)
        host.setStyleSheet(palette.control_sheet(host.fontMetrics().height()))
        box = QCheckBox("Due soon", host)
        QVBoxLayout(host).addWidget(box)
        host.show()
        qtbot.waitExposed(host)
        sizes[points] = indicator(box).height()
        assert sizes[points] >= 0.7 * box.fontMetrics().height()
    assert sizes[10.0] < sizes[16.0] < sizes[28.0]
