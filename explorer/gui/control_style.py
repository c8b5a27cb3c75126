"""The app's style: Fusion, with check boxes that grow with the font and controls whose edges keep a 3:1
contrast against the window in the light and the dark palette (WCAG 1.4.11, non-text contrast).

Fusion draws a check box 13 px at any font size and outlines controls in the window colour darkened, which
all but vanishes on a dark window (about 1.2:1). This proxy draws the indicator and the edges of line edits,
combo boxes and buttons in the palette's "control" ink instead.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QStyleOption, QStyleOptionComplex, QWidget

from explorer.gui import palette

_PM = QStyle.PixelMetric
_PE = QStyle.PrimitiveElement
INDICATORS = (_PM.PM_IndicatorWidth, _PM.PM_IndicatorHeight, _PM.PM_ExclusiveIndicatorWidth, _PM.PM_ExclusiveIndicatorHeight)
CHECKS = (_PE.PE_IndicatorCheckBox, _PE.PE_IndicatorItemViewItemCheck)


def indicator_size(widget: QWidget | None) -> int:
    """A check box as tall as most of a line of the widget's text (13 px at 10 pt, 21 at 16 pt)."""
    metrics = widget.fontMetrics() if widget is not None else QApplication.fontMetrics()
    return max(13, round(metrics.height() * 0.8))


class ControlStyle(QProxyStyle):
    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None) -> int:
        if metric in INDICATORS:
            return indicator_size(widget)
        return super().pixelMetric(metric, option, widget)

    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        if element in CHECKS:
            self._check_box(option, painter)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element == _PE.PE_PanelLineEdit and option.rect.height() > 4:
            self._edge(option, painter)

    def drawComplexControl(
        self, control: QStyle.ComplexControl, option: QStyleOptionComplex, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control == QStyle.ComplexControl.CC_ComboBox:
            self._edge(option, painter)

    def drawControl(
        self, element: QStyle.ControlElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_PushButtonBevel:
            self._edge(option, painter)

    def _edge(self, option: QStyleOption, painter: QPainter) -> None:
        dark = palette.is_dark(option.palette)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(palette.ink_colour("control", dark), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        painter.restore()

    def _check_box(self, option: QStyleOption, painter: QPainter) -> None:
        pal = option.palette
        dark = palette.is_dark(pal)
        rect = option.rect
        side = min(rect.width(), rect.height())
        box = QRectF(rect.x() + (rect.width() - side) // 2, rect.y() + (rect.height() - side) // 2, side, side)
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        line = float(max(1, round(side / 12)))  # whole pixels: a crisp edge
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(palette.ink_colour("control" if enabled else "muted", dark), line))
        painter.setBrush(pal.base())
        painter.drawRoundedRect(box.adjusted(line / 2, line / 2, -line / 2, -line / 2), 2, 2)
        mark = QPen(pal.text().color(), max(1.5, side / 7))
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        mark.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(mark)
        x, y, s = box.x(), box.y(), side
        if option.state & QStyle.StateFlag.State_On:
            painter.drawPolyline(
                [QPointF(x + s * 0.24, y + s * 0.52), QPointF(x + s * 0.42, y + s * 0.7), QPointF(x + s * 0.76, y + s * 0.3)]
            )
        elif option.state & QStyle.StateFlag.State_NoChange:
            painter.drawLine(QPointF(x + s * 0.25, y + s / 2), QPointF(x + s * 0.75, y + s / 2))
        painter.restore()


def install() -> None:
    """Use the style app-wide (once; the window calls this, so tests and screenshots see what users see)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), ControlStyle):
        app.setStyle(ControlStyle(QStyleFactory.create("Fusion")))
