"""Key dates: every event of the customer's contracts with its status, and a drawn timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from explorer.app.sheet import CustomerSheet
from explorer.app.tones import DATE_TONES, Tone
from explorer.app.workspace import DateKey
from explorer.gui.column_model import Column, ColumnTableModel
from explorer.gui.tables import date_column, fit_columns, make_view
from explorer.gui.timeline import TimelineArea, legend, row_from_dates


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
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.legend)
        lower_layout.addWidget(self.timeline_area, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([300, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_sheet(self, sheet: CustomerSheet) -> None:
        dates, unknown = sheet.dates, sheet.unknown_dates  # the unknown ones after the dated: no day to sort by
        notes = [d.date.note for d in dates] + [u.note for u in unknown]
        self.keys = [d.key for d in dates]
        # Only action deadlines can be marked done; the mark is kept in the workspace.
        done: list[bool | None] = [d.mark.done if d.date.is_action else None for d in dates] + [None for _ in unknown]
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
        rows = [
            row_from_dates(
                sheet.catalog, c.contract, c.product, [(d.date.role, d.date.addon, d.date.event, d.date.day) for d in c.dates]
            )
            for c in sheet.contracts
        ]
        self.legend.setText(f"<small>{legend(sheet.catalog)}</small>")  # the pane is narrow: a smaller key
        self.timeline.set_rows(rows, sheet.as_of)
