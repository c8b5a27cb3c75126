"""Key dates: every event of the customer's contracts with its status, and a drawn timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from explorer.app.sheet import CustomerSheet
from explorer.gui.frame_model import Column, FrameModel
from explorer.gui.tables import date_column, fit_columns, make_view
from explorer.gui.timeline import TimelineCanvas, row_from_dates

STATUS_COLOURS = {"Past": "grey", "Due soon": "amber", "Upcoming": ""}


class KeyDatesTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FrameModel(self)
        self.view = make_view(self, self.model, "key_dates")
        self.timeline = TimelineCanvas()
        scroll = QScrollArea(self)
        scroll.setWidget(self.timeline)
        scroll.setWidgetResizable(True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(scroll)
        splitter.setSizes([300, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_sheet(self, sheet: CustomerSheet) -> None:
        dates = sheet.dates
        notes = [d.date.note for d in dates]
        self.model.set_columns([
            Column("Product", [d.product for d in dates]),
            Column("Event", [d.date.event for d in dates], tooltip=notes),
            date_column("Date", [d.date.day for d in dates]),
            Column("Status", [d.status for d in dates]),
            Column("Note", notes),
        ], [STATUS_COLOURS.get(d.status, "") for d in dates])
        fit_columns(self.view, [150, 230, 95, 80, 400])
        rows = [row_from_dates(sheet.catalog, c.contract, c.product,
                               [(d.date.role, d.date.addon, d.date.event, d.date.day) for d in c.dates])
                for c in sheet.contracts]
        self.timeline.set_rows(rows, sheet.as_of)
