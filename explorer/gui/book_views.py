"""Book-wide views: Upcoming key dates and the Timeline of every contract.

Signals: customer_requested(str) with a customer key, on double-click.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from explorer.gui.frame_model import RAW_ROLE, Column, FrameModel
from explorer.gui.key_dates_tab import STATUS_COLOURS
from explorer.gui.tables import date_column, fit_columns, make_view
from explorer.gui.timeline import TimelineCanvas, contract_row
from explorer.model import customer_key
from explorer.overview import upcoming
from explorer.session import Session


class UpcomingView(QWidget):
    customer_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.days = QSpinBox(self)
        self.days.setRange(1, 3650)
        self.days.setValue(90)
        self.days.setSuffix(" days")
        self.summary = QLabel(self)
        self.model = FrameModel(self)
        self.view = make_view(self, self.model, "upcoming")
        row = QHBoxLayout()
        row.addWidget(QLabel("Key dates from the as-of date to", self))
        row.addWidget(self.days)
        row.addStretch(1)
        row.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.days.valueChanged.connect(self.refresh)
        self.view.doubleClicked.connect(self._open)
        self.keys: list[str] = []

    def set_session(self, session: Session) -> None:
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        if self.session is None:
            return
        dates = upcoming(self.session.overview, self.days.value())
        self.keys = dates["key"].tolist()
        self.model.set_columns([
            date_column("Date", dates["date"].tolist()), Column("Customer", dates["customer"].tolist()),
            Column("Product", dates["product"].tolist()), Column("Event", dates["event"].tolist()),
            Column("Status", dates["status"].tolist()), Column("Note", dates["note"].tolist()),
        ], [STATUS_COLOURS.get(s, "") for s in dates["status"]])
        fit_columns(self.view, [95, 200, 150, 230, 80, 400])
        self.summary.setText(f"{len(dates)} dates")

    def _open(self, index: QModelIndex) -> None:
        self.customer_requested.emit(self.keys[int(index.data(RAW_ROLE))])


class _BookCanvas(TimelineCanvas):
    def __init__(self, view: TimelineView) -> None:
        super().__init__()
        self.owner = view

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(int(event.position().y()))
        if index >= 0:
            self.owner.customer_requested.emit(self.rows[index].key)


class TimelineView(QWidget):
    customer_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = _BookCanvas(self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(True)
        legend = QLabel("<span style='color:#4A7DB5'>■</span> term &nbsp; "
                        "<span style='color:#F0AD4E'>■</span> CSE/MCSE mobilization &nbsp; "
                        "<span style='color:#5CB85C'>■</span> kickoff window &nbsp; "
                        "<span style='color:#D9534F'>◆</span> add-on renewal deadline &nbsp; "
                        "<span style='color:#555555'>◆</span> CSE/MCSE available &nbsp; "
                        "<span style='color:#C0392B'>|</span> as-of date &nbsp; (double-click a row to open the "
                        "customer)", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(legend)
        layout.addWidget(self.scroll_area, 1)

    def set_session(self, session: Session) -> None:
        catalog = session.catalog
        ordered = sorted(session.book.contracts, key=lambda c: (customer_key(c.customer), c.product or ""))
        rows = []
        for contract in ordered:
            product = catalog.products[contract.product].name if contract.product else contract.product_text
            row = contract_row(catalog, contract, session.as_of, f"{contract.customer.strip()} · {product}")
            row.key = customer_key(contract.customer)
            rows.append(row)
        self.canvas.set_rows(rows, session.as_of)
