"""The renewal brief on paper and on screen: its monthly compliance chart drawn with Qt's painter.

The content is explorer.outputs.renewal's HTML (from explorer.app.renewal's facts); the
chart is painted here, as the timeline is, into an image the document names; the pages
go through the entitlement sheet's PDF path (explorer.gui.entitlement_sheet.write_pages),
so both print alike. The brief is paper: light inks whatever the screen's palette.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from explorer.app.cancel import NEVER, CancelToken
from explorer.app.renewal import Month, RenewalBrief
from explorer.gui import palette
from explorer.gui.entitlement_sheet import Page, ensure_app, write_pages
from explorer.outputs.renewal import CHART_SIZE, CHART_URL, brief_html, header_text

BODY_POINTS = 8.0  # a little smaller than the entitlement sheet's: a customer with three products still fits a page
CHART_SCALE = 4  # image pixels per point: sharp at the PDF's 300 dpi and on a high-density screen
ZERO_BAR = 0.03  # the least a bar of a month with something decided is drawn, of the plot's height: 0% shows


def paint_chart(painter: QPainter, area: QRectF, months: Sequence[Month], target: float) -> None:
    """Bars of the share met per month (green at or above the target, red below, a red stub for none met; a dotted
    grey one with nothing decided), the target as a dashed line, each month's label under its bar and its decided
    count above it."""
    ok, bad, muted = (palette.ink_colour(name, dark=False) for name in ("ok", "error", "muted"))
    ink = QColor(palette.PAPER_INK)
    font = QFont(["Calibri", "Carlito", "Arial"])
    font.setPixelSize(max(8, int(area.height() / 11)))
    painter.setFont(font)
    text_h = painter.fontMetrics().height()
    axis_w = painter.fontMetrics().horizontalAdvance("100%") + 4
    plot = QRectF(area.left() + axis_w, area.top() + text_h, area.width() - axis_w, area.height() - 2.2 * text_h)
    painter.setPen(QPen(ink, 1))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    for share in (0.0, 0.5, 1.0):
        y = plot.bottom() - share * plot.height()
        painter.drawText(QRectF(area.left(), y - text_h / 2, axis_w - 4, text_h), Qt.AlignmentFlag.AlignRight, f"{share:.0%}")
    if not months:
        return
    slot = plot.width() / len(months)
    bar = slot * 0.62
    for i, month in enumerate(months):
        x = plot.left() + i * slot + (slot - bar) / 2
        rate = month.rate
        # a month with none met still gets a bar in the under-target ink, a stub on the axis: 0 of 1 met drew nothing
        height = 0.0 if rate is None else max(rate * plot.height(), plot.height() * ZERO_BAR)
        if rate is None:
            painter.setPen(QPen(muted, 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x, plot.bottom() - 2, bar, 2))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ok if rate >= target else bad)
            painter.drawRect(QRectF(x, plot.bottom() - height, bar, height))
        painter.setPen(ink)
        below = QRectF(plot.left() + i * slot, plot.bottom() + 1, slot, text_h)
        painter.drawText(below, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, month.label)
        top = plot.bottom() - height - text_h
        painter.setPen(muted)
        painter.drawText(QRectF(plot.left() + i * slot, top, slot, text_h), Qt.AlignmentFlag.AlignHCenter, str(month.decided))
    y = plot.bottom() - target * plot.height()
    painter.setPen(QPen(ink, 1, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))


def chart_image(brief: RenewalBrief, scale: int = CHART_SCALE) -> QImage:
    width, height = CHART_SIZE
    image = QImage(width * scale, height * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor(palette.PAPER))  # the brief is paper, on screen too
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        paint_chart(painter, QRectF(0, 0, width * scale, height * scale), brief.months, brief.target)
    finally:
        painter.end()
    return image


def brief_page(brief: RenewalBrief) -> Page:
    """The brief as a page for the entitlement sheet's PDF path (and the Renewal tab's document)."""
    return Page(brief_html(brief), header_text(brief), brief.sheet.name, {CHART_URL: chart_image(brief)}, BODY_POINTS, fit=True)


def write_pdf(
    briefs: Sequence[RenewalBrief],
    target: Path | str,
    inputs: Sequence[Path | str] = (),
    paper: str | None = None,
    cancel: CancelToken = NEVER,
) -> Path:
    """The briefs as one PDF, a page each, written atomically; raises OutputError with a one-line message, or
    Cancelled (leaving no file) when ``cancel`` is set."""
    ensure_app()
    title = f"Renewal brief: {', '.join(b.sheet.name for b in briefs)}"
    return write_pages([brief_page(b) for b in briefs], target, title, inputs, paper, cancel)
