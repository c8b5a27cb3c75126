"""A drawn timeline: one row per contract with its term, mobilization, kickoff window and deadlines.

Only the rows inside the exposed rectangle are painted, so the book-wide
timeline stays smooth with ten thousand contracts in a scroll area.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygon
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from explorer.catalog import Catalog
from explorer.model import Contract

ROW = 26
AXIS = 40
GUTTER = 230
COLOURS = {
    "term": "#4A7DB5",
    "mobilization": "#F0AD4E",
    "kickoff": "#5CB85C",
    "deadline": "#D9534F",
    "event": "#555555",
    "as_of": "#C0392B",
    "grid": "#E3E3E3",
}


@dataclass
class Span:
    start: date
    end: date
    kind: str
    label: str


@dataclass
class Mark:
    day: date
    kind: str
    label: str


@dataclass
class TimelineRow:
    label: str
    spans: list[Span] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    key: str = ""  # the customer key, for jumping to the customer


DatedEvent = tuple[str, str, str, date]  # (role, add-on id, event, day), as a rules.KeyDate gives them


def row_from_dates(catalog: Catalog, contract: Contract, label: str, dates: Iterable[DatedEvent]) -> TimelineRow:
    """A contract's row from its key dates, placed by each date's role (never by its event name)."""
    row = TimelineRow(label)
    by_role: dict[str, list[tuple[str, str, date]]] = {}
    for role, addon, event, day in dates:
        by_role.setdefault(role, []).append((addon, event, day))
    starts, ends = by_role.get("term_start", []), by_role.get("term_end", [])
    if starts and ends and ends[0][2] >= starts[0][2]:
        row.spans.append(Span(starts[0][2], ends[0][2], "term", f"Term {starts[0][2]:%Y-%m-%d} to {ends[0][2]:%Y-%m-%d}"))
    first, last = by_role.get("kickoff_start", []), by_role.get("kickoff_end", [])
    if first and last:
        begin, end = first[0][2], last[0][2]
        row.spans.append(Span(begin, end, "kickoff", f"Kickoff window {begin:%Y-%m-%d} to {end:%Y-%m-%d}"))
    start = contract.initial_term_start or contract.term_start
    for addon_id, event, day in by_role.get("addon_available", []):
        held = catalog.addons.get(addon_id)
        if start and held is not None:
            row.spans.append(Span(start, day, "mobilization", f"{held.short} mobilization period"))
        row.marks.append(Mark(day, "event", f"{event}: {day:%Y-%m-%d}"))
    for kind, role in (("deadline", "action_deadline"), ("event", "event")):
        for _, event, day in by_role.get(role, []):
            row.marks.append(Mark(day, kind, f"{event}: {day:%Y-%m-%d}"))
    return row


def legend(catalog: Catalog) -> str:
    """The timeline's colour key in the catalog's own words."""
    shorts = "/".join(a.short for a in catalog.addons.values())
    deadlines = " / ".join(catalog.key_date_events("action_deadline")).lower() or "deadline"
    parts = [
        ("term", "■", "term"),
        ("mobilization", "■", f"{shorts} mobilization"),
        ("kickoff", "■", "kickoff window"),
        ("deadline", "◆", deadlines),
        ("event", "◆", f"{shorts} available"),
        ("as_of", "|", "as-of date"),
    ]
    return " &nbsp; ".join(f"<span style='color:{COLOURS[kind]}'>{glyph}</span> {text}" for kind, glyph, text in parts)


class TimelineCanvas(QWidget):
    """Paints TimelineRows against a date axis, with the as-of date as a red line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TimelineRow] = []
        self.as_of = date.today()
        self.first = self.last = date.today()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(GUTTER + 300)

    def set_rows(self, rows: list[TimelineRow], as_of: date) -> None:
        self.rows, self.as_of = rows, as_of
        days = [d for r in rows for s in r.spans for d in (s.start, s.end)] + [m.day for r in rows for m in r.marks]
        days.append(as_of)
        self.first = min(days) - timedelta(days=20)
        self.last = max(days) + timedelta(days=20)
        self.setFixedHeight(AXIS + max(1, len(rows)) * ROW + 6)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, AXIS + max(1, len(self.rows)) * ROW + 6)

    def x_of(self, day: date) -> int:
        span = max(1, (self.last - self.first).days)
        width = max(50, self.width() - GUTTER - 16)
        return GUTTER + int((day - self.first).days / span * width)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        exposed: QRect = event.rect()
        painter.fillRect(exposed, self.palette().base())
        self._paint_axis(painter, exposed)
        first_row = max(0, (exposed.top() - AXIS) // ROW)
        last_row = min(len(self.rows), (exposed.bottom() - AXIS) // ROW + 1)
        for i in range(first_row, last_row):
            self._paint_row(painter, i, self.rows[i])
        x = self.x_of(self.as_of)
        painter.setPen(QPen(QColor(COLOURS["as_of"]), 2))
        painter.drawLine(x, AXIS - 18, x, self.height())
        painter.end()

    def _paint_axis(self, painter: QPainter, exposed: QRect) -> None:
        painter.setPen(QColor("#777777"))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        painter.setFont(small)
        months = max(1, (self.last.year - self.first.year) * 12 + self.last.month - self.first.month)
        per_month = max(1.0, (self.width() - GUTTER - 16) / months)
        label = painter.fontMetrics().horizontalAdvance("Mar 2026") + 10
        step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if s * per_month >= label or s == 60)
        day = date(self.first.year, self.first.month, 1)
        while day <= self.last:
            if (day.month - 1) % step == 0:
                x = self.x_of(day)
                painter.setPen(QColor(COLOURS["grid"]))
                painter.drawLine(x, AXIS, x, exposed.bottom())
                painter.setPen(QColor("#555555"))
                painter.drawText(x + 3, 14, day.strftime("%b %Y") if step < 12 else day.strftime("%Y"))
            day = date(day.year + (day.month // 12), day.month % 12 + 1, 1)
        painter.setPen(QColor(COLOURS["as_of"]))
        painter.drawText(self.x_of(self.as_of) + 4, AXIS - 6, f"as of {self.as_of:%Y-%m-%d}")

    def _paint_row(self, painter: QPainter, i: int, row: TimelineRow) -> None:
        top = AXIS + i * ROW
        painter.setPen(QColor("#222222"))
        painter.setFont(self.font())
        text = painter.fontMetrics().elidedText(row.label, Qt.TextElideMode.ElideRight, GUTTER - 12)
        painter.drawText(QRect(6, top, GUTTER - 12, ROW), int(Qt.AlignmentFlag.AlignVCenter), text)
        for span in sorted(row.spans, key=lambda s: s.kind != "term"):  # the term first, details on top
            x1, x2 = self.x_of(span.start), max(self.x_of(span.end), self.x_of(span.start) + 3)
            height = 12 if span.kind == "term" else 6
            y = top + (ROW - height) // 2 + (0 if span.kind == "term" else 9)
            painter.fillRect(QRect(x1, y, x2 - x1, height), QColor(COLOURS[span.kind]))
        for mark in row.marks:
            x, y = self.x_of(mark.day), top + ROW // 2
            painter.setBrush(QColor(COLOURS[mark.kind]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(QPolygon([QPoint(x, y - 7), QPoint(x + 6, y), QPoint(x, y + 7), QPoint(x - 6, y)]))

    def row_at(self, y: int) -> int:
        index = (y - AXIS) // ROW
        return index if 0 <= index < len(self.rows) and y >= AXIS else -1

    def describe(self, pos: QPoint) -> str:
        """What is under the pointer, for the tooltip."""
        index = self.row_at(pos.y())
        if index < 0:
            return ""
        row = self.rows[index]
        near = [m.label for m in row.marks if abs(self.x_of(m.day) - pos.x()) <= 7]
        if near:
            return "\n".join(near)
        inside = [s.label for s in row.spans if self.x_of(s.start) <= pos.x() <= self.x_of(s.end)]
        return "\n".join([row.label, *inside])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        text = self.describe(event.position().toPoint())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()
