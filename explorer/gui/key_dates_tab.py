"""Key dates: every event of the customer's contracts with its status, and a drawn timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSplitter, QVBoxLayout, QWidget

from explorer.app.sheet import CustomerSheet, DateLine
from explorer.app.tones import DATE_TONES, Tone
from explorer.app.workspace import DateKey
from explorer.gui.column_model import Column, ColumnTableModel
from explorer.gui.tables import date_column, fit_columns, make_view
from explorer.gui.timeline import TimelineArea, drawn_once, legend, row_from_dates
from explorer.rules import DateStatus


class KeyDatesTab(QWidget):
    """Signals: done_toggled(DateKey, bool): the user ticked or cleared an action deadline's Done box."""

    done_toggled = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ColumnTableModel(self)
        self.keys: list[DateKey] = []
        self.model.check_toggled.connect(lambda row, done: self.done_toggled.emit(self.keys[row], done))
        self.view = make_view(self, self.model, "key_dates")
        self.view.empty_text = "No key dates: the book gives this customer's contracts no term dates (see Findings)."
        self.timeline_area = TimelineArea(parent=self)
        self.timeline = self.timeline_area.canvas
        self.timeline.setAccessibleName("Key dates timeline")
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        lower = QWidget(self)
        lower_layout = self.lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.legend)
        lower_layout.addWidget(self.timeline_area, 1)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([300, 200])
        self.dragged = False  # once the user moves the split, it is theirs
        splitter.splitterMoved.connect(lambda *_: setattr(self, "dragged", True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._balance()

    def _balance(self) -> None:
        """Give the timeline the room its lanes need, taken from the table's empty rows: at 16 pt in a laptop's
        window a fixed split of 3:2 left it its date axis and half a lane. The table keeps a third at least."""
        total = sum(self.splitter.sizes())
        if self.dragged or total <= 0:
            return
        area = self.timeline_area
        frame = 2 * area.frameWidth() + area.horizontalScrollBar().sizeHint().height() + self.lower_layout.spacing()
        width = self.legend.width() or self.width()
        lower = self.legend.heightForWidth(width) + area.axis.preferred_height() + self.timeline.minimumHeight() + frame
        rows = max(1, self.model.rowCount())
        table = (
            self.view.horizontalHeader().height()
            + rows * self.view.verticalHeader().defaultSectionSize()
            + 2 * self.view.frameWidth()
            + self.view.horizontalScrollBar().sizeHint().height()
        )
        lower = max(min(lower, total - min(table, total // 3), total - total // 3), total * 2 // 5)  # 2/5: the split it had
        self.splitter.setSizes([total - lower, lower])

    def show_sheet(self, sheet: CustomerSheet) -> None:
        dates, unknown = sheet.dates, sheet.unknown_dates  # the unknown ones after the dated: no day to sort by
        notes = [d.note for d in dates] + [u.note for u in unknown]
        self.keys = [d.key for d in dates]
        # Only action deadlines still asking something can be marked done; the mark is kept in the workspace.
        done: list[bool | None] = [d.mark.done if d.can_mark else None for d in dates] + [None for _ in unknown]
        self.model.set_columns(
            [
                Column("Product", [d.product for d in dates] + [u.product for u in unknown]),
                Column("Event", [d.date.event for d in dates] + [u.event for u in unknown], tooltip=notes),
                date_column("Date", [d.date.day for d in dates] + [None for _ in unknown]),
                Column("Status", [d.status for d in dates] + [u.status for u in unknown]),
                Column(
                    "Done",
                    ["" for _ in notes],
                    checks=done,
                    header_tip="Tick an action deadline once it has been acted on; kept with the saved workspace",
                ),
                Column("Note", notes),
            ],
            [DATE_TONES[d.date.status] for d in dates] + [Tone.RED for _ in unknown],
        )
        if self.view.horizontalHeader().visualIndex(2) != 0:  # when, and its status, first: in view in a narrow pane
            header = self.view.horizontalHeader()
            header.moveSection(header.visualIndex(2), 0)
            header.moveSection(header.visualIndex(3), 1)
        fit_columns(self.view)
        rows = drawn_once(
            [
                row_from_dates(
                    sheet.catalog, c.contract, c.product, [(d.date.role, d.date.addon, d.date.event, d.date.day) for d in c.dates]
                )
                for c in sheet.contracts
            ]
        )
        self.legend.setText(f"<small>{legend(sheet.catalog)}</small>")  # the pane is narrow: a smaller key
        self.timeline.set_rows(rows, sheet.as_of)
        self._balance()
        self._to_what_matters(dates)

    def _to_what_matters(self, dates: list[DateLine]) -> None:
        """The first date still to act on (an overdue one first, else the first neither past nor settled) in view, and
        the timeline at the as-of day: the header's 'overdue since' link opened the tab on four Past rows and the
        timeline's start."""
        wanted = next((i for i, d in enumerate(dates) if d.overdue), None)
        if wanted is None:
            wanted = next((i for i, d in enumerate(dates) if d.date.status is not DateStatus.PAST and not d.settled), None)
        if wanted is not None:
            when = self.model.column_index("Date")  # shown first: the row comes into view from its date, not scrolled past it
            self.view.scrollTo(self.model.index(self.model.view_row(wanted), when), QAbstractItemView.ScrollHint.PositionAtCenter)
        bar = self.timeline_area.horizontalScrollBar()
        if bar.maximum() > 0:  # the as-of line a third in from the left, where the days ahead are seen
            bar.setValue(max(0, round(self.timeline.x_of(self.timeline.as_of) - self.timeline_area.viewport().width() / 3)))
