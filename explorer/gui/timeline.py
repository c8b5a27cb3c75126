"""A drawn timeline: one row per contract with its term, mobilization, kickoff window and deadlines.

TimelineArea scrolls the rows (a TimelineCanvas) under a date axis (a TimelineAxis)
that sits in the scroll area's top margin, as a table's header does, so the axis
stays in view however far down the book is scrolled. Only the rows inside the
exposed rectangle are painted, so ten thousand contracts stay smooth. Sizes follow
the font, colours come from the palette, and painting uses float coordinates, so the
timeline is sharp at any device pixel ratio.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QToolTip, QWidget

from explorer import clock
from explorer.catalog import Catalog
from explorer.gui import palette, plain
from explorer.model import Contract

MARGIN = 20  # days of air before the first and after the last date
RIGHT = 16  # pixels kept free right of the last date
NO_DATES = "the term dates are missing or unreadable (see Findings)"


@dataclass
class Span:
    start: date
    end: date
    kind: str
    label: str
    text: str = ""  # drawn on the bar (a term's program), where it fits


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
    note: str = ""  # why a row has nothing to draw


DatedEvent = tuple[str, str, str, date]  # (role, add-on id, event, day), as a rules.KeyDate gives them


def row_from_dates(catalog: Catalog, contract: Contract, label: str, dates: Iterable[DatedEvent]) -> TimelineRow:
    """A contract's row from its key dates, placed by each date's role (never by its event name).

    Dates are written with isoformat, not an f-string's %Y-%m-%d: strftime imports a module on every call,
    which PySide's import hook makes cost a third of a 10,000-contract timeline."""
    row = TimelineRow(label)
    by_role: dict[str, list[tuple[str, str, date]]] = {}
    for role, addon, event, day in dates:
        by_role.setdefault(role, []).append((addon, event, day))
    program = catalog.programs.get(contract.program) if contract.program else None
    name = program.name if program is not None else contract.program_text
    starts, ends = by_role.get("term_start", []), by_role.get("term_end", [])
    early = contract.runs_until if contract.ended_on is not None and not contract.never_ran else None
    if starts and (ends or early) and (early or ends[0][2]) >= starts[0][2]:
        begin, end = starts[0][2], early or ends[0][2]
        said = f" (ended early; contracted to {contract.term_end.isoformat()})" if early and contract.term_end else ""
        row.spans.append(Span(begin, end, "term", f"{name or 'Term'} {begin.isoformat()} to {end.isoformat()}{said}", name))
    if contract.never_ran:
        row.note = "never ran: the book's status says so (see Findings)"
    elif contract.term_start and contract.term_end and contract.term_end < contract.term_start:
        row.note = "dates invalid: the term ends before it starts (see Findings)"
    elif not contract.term_start or not contract.term_end:  # name the one missing: the other shows on other pages
        missing = [part for part, day in (("start", contract.term_start), ("end", contract.term_end)) if not day]
        # an end may be left open on purpose (9999-12-31); a start never is
        why = "missing or unreadable" if missing == ["start"] else "missing, unreadable or open-ended"
        row.note = NO_DATES if len(missing) == 2 else f"no term {missing[0]}: {why} (see Findings)"
    first, last = by_role.get("kickoff_start", []), by_role.get("kickoff_end", [])
    if first and last:
        begin, end = first[0][2], last[0][2]
        row.spans.append(Span(begin, end, "kickoff", f"Kickoff window {begin.isoformat()} to {end.isoformat()}"))
    for addon_id, event, day in by_role.get("addon_available", []):
        held = catalog.addons.get(addon_id)
        if held is not None:  # the period the available date ends: from the add-on's run start (bought mid-term: later)
            start = day - timedelta(days=held.mobilization_days)
            row.spans.append(Span(start, day, "mobilization", f"{held.short} mobilization period"))
        row.marks.append(Mark(day, "event", f"{event}: {day.isoformat()}"))
    for kind, role in (("deadline", "action_deadline"), ("event", "event")):
        for _, event, day in by_role.get(role, []):
            row.marks.append(Mark(day, kind, f"{event}: {day.isoformat()}"))
    return row


def drawn_once(rows: list[TimelineRow]) -> list[TimelineRow]:
    """``rows`` with each add-on's mobilization drawn on the first row of its contract only: a renewal keeps its
    initial term start (domain.md §5), so every term of it gives the same period and available date, and three
    lanes drew one period three times, two of them before their own terms began."""
    seen: set[tuple[str, str, date, date]] = set()
    for row in rows:
        spans = [s for s in row.spans if s.kind != "mobilization" or (row.label, s.label, s.start, s.end) not in seen]
        seen.update((row.label, s.label, s.start, s.end) for s in spans if s.kind == "mobilization")
        marks = [m for m in row.marks if m.kind != "event" or (row.label, m.label, m.day, m.day) not in seen]
        seen.update((row.label, m.label, m.day, m.day) for m in marks if m.kind == "event")
        row.spans, row.marks = spans, marks
    return rows


def legend(catalog: Catalog) -> str:
    """The timeline's colour key in the catalog's own words."""
    shorts = "/".join(a.short for a in catalog.addons.values())
    deadlines = " / ".join(catalog.key_date_events("action_deadline")).lower() or "deadline"
    parts = [
        ("term", "■", "term (its program on it)"),
        ("muted", "■", "ended term"),
        ("mobilization", "■", f"{shorts} mobilization"),
        ("kickoff", "■", "kickoff window"),
        ("deadline", "◆", deadlines),
        ("event", "◆", f"{shorts} available"),
        ("as_of", "¦", "as-of date"),
    ]
    return " &nbsp; ".join(f"{palette.span(glyph, kind)}&nbsp;{palette.unbroken(text)}" for kind, glyph, text in parts)


def _as_of_pen() -> QPen:
    """The as-of line: dashed, in its own ink, so it is never taken for a deadline's red diamond."""
    pen = QPen(palette.ink_colour("as_of"), 2)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
    return small


def _next_month(day: date) -> date:
    return date(day.year + (day.month // 12), day.month % 12 + 1, 1)


def text_left(left: float, right: float, width: float, marks: Sequence[tuple[float, float]], gap: float = 3) -> float:
    """Where a bar's text of ``width`` starts so no mark (its left and right x) covers it: at the bar's start,
    else just right of each mark it would meet, left to right (a 'Premier Plus' under the CSE diamond read
    'Premier ◆us')."""
    for a, b in sorted(marks):
        if a < left + width and b > left and b < right:
            left = b + gap
    return left


class TimelineCanvas(QWidget):
    """Paints TimelineRows under the axis's dates, with the as-of date as a line; the rows' names in a gutter.

    The keyboard walks the rows (Up, Down, Page Up/Down, Home, End) and Enter activates one,
    as a double-click does.

    Signals: dates_changed(): new rows or a new as-of date moved the dates (the axis repaints);
    row_activated(int): Enter or a double-click on a row; current_moved(int, int): the current
    row's top and height, for the scroll area to bring it into view.
    """

    dates_changed = Signal()
    row_activated = Signal(int)
    current_moved = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TimelineRow] = []
        self.as_of = self.first = self.last = clock.today()
        self.current = -1  # the row the keyboard is on
        self._widest: float | None = None  # the widest row name (gutter)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit()

    # -- geometry, all from the font ------------------------------------------------
    @property
    def row_height(self) -> int:
        return max(22, round(QFontMetricsF(self.font()).height() * 1.9))

    def gutter(self) -> float:
        """Room for the rows' names: the longest one, but never more than a third of the width."""
        metrics = QFontMetricsF(self.font())
        if self._widest is None:  # measured once per rows and font: a paint asks for every date it places
            self._widest = max((metrics.horizontalAdvance(r.label) for r in self.rows[:2000]), default=0.0)
        least = metrics.averageCharWidth() * 12
        return max(least, min(self._widest + 18, self.width() / 3))

    def _fit(self) -> None:
        metrics = QFontMetricsF(self.font())
        self.setMinimumWidth(round(metrics.averageCharWidth() * 12 + metrics.horizontalAdvance("Mar 2026") * 4))
        self.setFixedHeight(max(1, len(self.rows)) * self.row_height + 6)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._widest = None
            self._fit()
        super().changeEvent(event)

    def set_rows(self, rows: list[TimelineRow], as_of: date) -> None:
        self.rows, self.as_of, self._widest = rows, as_of, None
        self.current = min(self.current, len(rows) - 1)
        days = [d for r in rows for s in r.spans for d in (s.start, s.end)] + [m.day for r in rows for m in r.marks]
        days.append(as_of)
        self.first = min(days) - timedelta(days=MARGIN)
        self.last = max(days) + timedelta(days=MARGIN)
        self._fit()
        self.update()
        self.dates_changed.emit()

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.minimumHeight())

    def x_of(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        left = self.gutter()
        width = max(50.0, self.width() - left - RIGHT)
        return left + (day - self.first).days / span * width

    def ticks(self, metrics: QFontMetricsF) -> list[tuple[date, str]]:
        """The month (or year) lines, spaced so their labels in ``metrics`` never overlap."""
        months = max(1, (self.last.year - self.first.year) * 12 + self.last.month - self.first.month)
        per_month = max(1.0, (self.width() - self.gutter() - RIGHT) / months)
        room = metrics.horizontalAdvance("Mar 2026") + metrics.averageCharWidth() * 2
        step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if s * per_month >= room or s == 60)
        out, day = [], date(self.first.year, self.first.month, 1)
        while day <= self.last:
            if (day.month - 1) % step == 0:
                out.append((day, day.strftime("%b %Y") if step < 12 else day.strftime("%Y")))
            day = _next_month(day)
        return out

    def row_top(self, index: int) -> int:
        return index * self.row_height

    # -- painting -------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        exposed = event.rect()
        painter.fillRect(exposed, self.palette().base())
        grid = QPen(self.palette().color(QPalette.ColorRole.Midlight), 0)  # width 0: one device pixel at any scale
        painter.setPen(grid)
        for day, _ in self.ticks(QFontMetricsF(_small(self.font()))):
            x = self.x_of(day)
            painter.drawLine(QPointF(x, exposed.top()), QPointF(x, exposed.bottom() + 1))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        first_row = max(0, exposed.top() // self.row_height)
        last_row = min(len(self.rows), exposed.bottom() // self.row_height + 1)
        for i in range(first_row, last_row):
            self._paint_row(painter, i, self.rows[i])
        x = self.x_of(self.as_of)
        painter.setPen(_as_of_pen())
        painter.drawLine(QPointF(x, exposed.top()), QPointF(x, exposed.bottom() + 1))
        if self.hasFocus() and 0 <= self.current < len(self.rows):
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1.5, self.row_top(self.current) + 0.5, self.width() - 3, self.row_height - 1))
        painter.end()

    # -- the keyboard ---------------------------------------------------------------
    def set_current(self, index: int) -> None:
        if not self.rows:
            return
        self.current = max(0, min(len(self.rows) - 1, index))
        row = self.rows[self.current]
        self.setAccessibleDescription("; ".join([row.label, *(s.label for s in row.spans), *(m.label for m in row.marks)]))
        self.current_moved.emit(self.row_top(self.current), self.row_height)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        page = max(1, (self.visibleRegion().boundingRect().height() // self.row_height) - 1)
        moves = {
            Qt.Key.Key_Up: self.current - 1,
            Qt.Key.Key_Down: self.current + 1,
            Qt.Key.Key_PageUp: self.current - page,
            Qt.Key.Key_PageDown: self.current + page,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self.rows) - 1,
        }
        key = Qt.Key(event.key())
        if key in moves and self.rows:
            self.set_current(moves[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and 0 <= self.current < len(self.rows):
            self.row_activated.emit(self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.current < 0 and self.rows:
            self.set_current(0)
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(int(event.position().y()))
        if index >= 0:
            self.set_current(index)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(int(event.position().y()))
        if index >= 0:
            self.row_activated.emit(index)

    def _paint_row(self, painter: QPainter, i: int, row: TimelineRow) -> None:
        top, height = self.row_top(i), self.row_height
        gutter = self.gutter()
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.setFont(self.font())
        text = painter.fontMetrics().elidedText(row.label, Qt.TextElideMode.ElideRight, int(gutter - 12))
        painter.drawText(QRectF(6, top, gutter - 12, height), int(Qt.AlignmentFlag.AlignVCenter), text)
        if not row.spans and not row.marks:  # say why the row is empty instead of leaving it blank
            painter.setPen(palette.ink_colour("muted"))
            note = row.note or NO_DATES
            painter.drawText(
                QRectF(gutter + 6, top, self.width() - gutter - 12, height), int(Qt.AlignmentFlag.AlignVCenter), note
            )
            return
        bar = height * 0.62
        for span in sorted(row.spans, key=lambda s: s.kind != "term"):  # the term first, details on top
            x1 = self.x_of(span.start)
            x2 = max(self.x_of(span.end), x1 + (6 if span.kind == "kickoff" else 3))  # a week's window on a years' axis
            ended = span.kind == "term" and span.end < self.as_of
            if span.kind == "term":
                rect = QRectF(x1, top + (height - bar) / 2, x2 - x1, bar)
            elif span.kind == "kickoff":  # a thin lane along the term's top edge: never under the mobilization
                rect = QRectF(x1, top + (height - bar) / 2, x2 - x1, bar / 4)
            else:  # the mobilization along its bottom edge
                rect = QRectF(x1, top + (height + bar) / 2 - bar / 4, x2 - x1, bar / 4)
            painter.fillRect(rect, palette.ink_colour("muted" if ended else span.kind))  # an ended term greyed
            if span.text:
                reach, now = height * 0.27 * 0.85, self.x_of(self.as_of)  # a diamond's half width; the as-of line
                marks = [(self.x_of(m.day) - reach, self.x_of(m.day) + reach) for m in row.marks] + [(now - 1, now + 1)]
                self._bar_text(painter, rect, span.text, marks)
        half = height * 0.27
        painter.setPen(QPen(self.palette().base().color(), 1))  # an edge in the view's base: seen on a grey (ended) bar
        for mark in row.marks:
            x, y = self.x_of(mark.day), top + height / 2
            painter.setBrush(palette.ink_colour(mark.kind))
            painter.drawPolygon(
                QPolygonF([QPointF(x, y - half), QPointF(x + half * 0.85, y), QPointF(x, y + half), QPointF(x - half * 0.85, y)])
            )

    def _bar_text(self, painter: QPainter, rect: QRectF, text: str, marks: Sequence[tuple[float, float]]) -> None:
        """The term's program on its bar, in the view's base colour (it keeps its contrast on every ink), clear of
        what is drawn over the bar (the row's date marks, the as-of line: each its left and right x) where the bar
        has room."""
        small = _small(self.font())
        metrics = QFontMetricsF(small)
        inner = rect.adjusted(4, 0, -4, 0)
        least = metrics.averageCharWidth() * 4
        if inner.width() < least:
            return
        left = text_left(inner.left(), inner.right(), metrics.horizontalAdvance(text), marks)
        if inner.right() - left < least:  # no clear room: on the bar's start, as the marks allow none
            left = inner.left()
        area = QRectF(left, inner.top(), inner.right() - left, inner.height())
        painter.save()
        painter.setFont(small)
        painter.setPen(self.palette().color(QPalette.ColorRole.Base))
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.restore()

    # -- pointing -------------------------------------------------------------------
    def row_at(self, y: int) -> int:
        index = y // self.row_height
        return index if 0 <= index < len(self.rows) and y >= 0 else -1

    def describe(self, pos: QPoint) -> str:
        """What is under the pointer, for the tooltip."""
        index = self.row_at(pos.y())
        if index < 0:
            return ""
        row = self.rows[index]
        reach = self.row_height * 0.3
        near = [m.label for m in row.marks if abs(self.x_of(m.day) - pos.x()) <= reach]
        if near:
            return "\n".join(near)
        inside = [s.label for s in row.spans if self.x_of(s.start) <= pos.x() <= self.x_of(s.end)]
        return "\n".join([row.label, *inside])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        text = self.describe(event.position().toPoint())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), plain.tip(text), self)
        else:
            QToolTip.hideText()


class TimelineAxis(QWidget):
    """The dates above a TimelineCanvas, and the as-of date's label, kept inside the axis at either end."""

    def __init__(self, canvas: TimelineCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.offset = 0  # the canvas's horizontal scroll, in pixels
        self.setAutoFillBackground(False)

    def preferred_height(self) -> int:
        line = QFontMetricsF(_small(self.font())).height()
        return round(line * 2 + 10)

    def as_of_text(self) -> str:
        return f"as of {self.canvas.as_of:%Y-%m-%d}"

    def as_of_label_rect(self) -> QRectF:
        """Where the as-of label goes: right of its line, or left of it when that would run off the edge."""
        metrics = QFontMetricsF(_small(self.font()))
        text = metrics.boundingRect(self.as_of_text())
        width, line = text.width() + 2, metrics.height()
        x = self.canvas.x_of(self.canvas.as_of) - self.offset
        left = x + 4 if x + 4 + width <= self.width() - 2 else x - 4 - width
        left = min(max(2.0, left), max(2.0, self.width() - 2 - width))
        return QRectF(left, 6 + line, width, line)

    def tick_label_rect(self, x: float, label: str, metrics: QFontMetricsF) -> QRectF:
        """A month's label right of its line, or left of it where it would run off the edge (never cut)."""
        width = metrics.horizontalAdvance(label) + 4
        left = x + 3 if x + 3 + width <= self.width() else x - 3 - width
        return QRectF(left, 2, width, metrics.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        small = _small(self.font())
        painter.setFont(small)
        metrics = QFontMetricsF(small)
        line = metrics.height()
        text = self.palette().color(QPalette.ColorRole.Text)
        grid = QPen(self.palette().color(QPalette.ColorRole.Midlight), 0)
        shown_to = float("-inf")
        for day, label in self.canvas.ticks(metrics):
            x = self.canvas.x_of(day) - self.offset
            painter.setPen(grid)
            painter.drawLine(QPointF(x, 4 + line), QPointF(x, self.height()))
            painter.setPen(text)
            rect = self.tick_label_rect(x, label, metrics)
            if rect.left() >= shown_to:  # a label moved left of its line must not run over the one before
                painter.drawText(rect, label)
                shown_to = rect.right() + metrics.averageCharWidth()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = self.canvas.x_of(self.canvas.as_of) - self.offset
        painter.setPen(_as_of_pen())
        painter.drawLine(QPointF(x, 6 + line), QPointF(x, self.height()))
        painter.setPen(palette.ink_colour("as_of"))
        painter.drawText(
            self.as_of_label_rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.as_of_text()
        )
        painter.setPen(grid)
        painter.drawLine(QPointF(0, self.height() - 0.5), QPointF(self.width(), self.height() - 0.5))
        painter.end()


class TimelineArea(QScrollArea):
    """A TimelineCanvas that scrolls under its pinned TimelineAxis (in the viewport's top margin)."""

    def __init__(self, canvas: TimelineCanvas | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas or TimelineCanvas()
        self.axis = TimelineAxis(self.canvas, self)
        self.canvas.dates_changed.connect(self.axis.update)
        self.setWidget(self.canvas)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the canvas takes the keys; the area follows its current row
        self.canvas.current_moved.connect(lambda top, height: self.ensureVisible(0, top + height // 2, 0, height // 2 + 1))
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.canvas.installEventFilter(self)
        self._place_axis()

    def _scrolled(self, value: int) -> None:
        self.axis.offset = value
        self.axis.update()

    def _place_axis(self) -> None:
        height = self.axis.preferred_height()
        self.setViewportMargins(0, height, 0, 0)
        viewport = self.viewport().geometry()
        self.axis.setGeometry(viewport.x(), viewport.y() - height, viewport.width(), height)
        self.axis.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_axis()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas and event.type() == QEvent.Type.Resize:
            self.axis.update()  # the dates spread over the canvas's width
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._place_axis()
        super().changeEvent(event)
