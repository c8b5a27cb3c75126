"""Key dates: every event of the customer's contracts with its status, and a drawn timeline."""

from __future__ import annotations

from datetime import date

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from explorer import rules
from explorer.catalog import Catalog
from explorer.gui.frame_model import Column, FrameModel
from explorer.gui.tables import date_column, fit_columns, make_view
from explorer.gui.timeline import TimelineCanvas, contract_row
from explorer.model import Contract

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

    def show_dates(self, catalog: Catalog, contracts: list[Contract], dates: pd.DataFrame, as_of: date) -> None:
        dates = dates.sort_values("date", kind="stable")
        self.model.set_columns([
            Column("Product", dates["product"].tolist()),
            Column("Event", dates["event"].tolist(), tooltip=dates["note"].tolist()),
            date_column("Date", dates["date"].tolist()),
            Column("Status", dates["status"].tolist()),
            Column("Note", dates["note"].tolist()),
        ], [STATUS_COLOURS.get(s, "") for s in dates["status"]])
        fit_columns(self.view, [150, 230, 95, 80, 400])
        rows = []
        for contract in contracts:
            product = rules.product_name(catalog, contract)
            rows.append(contract_row(catalog, contract, as_of, product))
        self.timeline.set_rows(rows, as_of)
