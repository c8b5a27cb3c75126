"""Book-wide views: Upcoming key dates and the Timeline of every contract.

Signals: customer_requested(str) with a customer key, on double-click.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from explorer import heap, rules
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.overview import upcoming
from explorer.app.session import Session
from explorer.app.view_model import plural
from explorer.gui import combos, palette
from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.filter_note import FilterNote
from explorer.gui.operations import Operations, Progress
from explorer.gui.tables import date_column, fit_columns, make_view
from explorer.gui.timeline import DatedEvent, TimelineArea, TimelineCanvas, TimelineRow, drawn_once, legend, row_from_dates
from explorer.model import customer_key

T = TypeVar("T")
ALL_EVENTS = "All events"
SYNC_CONTRACTS = 2_000  # a book up to this size draws its timeline at once; a larger one has its rows made on a worker


class LazyView(QWidget):
    """A book-wide page fills itself when first shown after the session changed, not on every load."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self._stale = False
        self.only: frozenset[str] | None = None  # the customer list's filter (keys); None: every customer
        self.note = FilterNote(self)
        self.preparing = Operations(self, lambda text: self.say_preparing(text), lambda busy: None)  # see show_made

    def set_list_filter(self, keys: list[str] | None, note: str = "") -> None:
        """Follow the customer list: show only these customers' rows (None: all), with a note saying so."""
        self.only = None if keys is None else frozenset(keys)
        self.note.set_note(note if keys is not None else "")
        if self.session is not None:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def set_session(self, session: Session) -> None:
        unchanged = self.session is not None and self.shows_the_same(self.session, session)
        self.session = session
        if unchanged:  # e.g. a done-mark: no refill of 200,000 cases on the GUI thread for it
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    def shows_the_same(self, old: Session, new: Session) -> bool:
        """Whether the page shows ``new`` exactly as it shows ``old`` (a page that does not show done-marks
        says so for a session judged again with another mark: Session.with_marks)."""
        return False

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        if self.session is not None:
            self.fill(self.session)

    def fill(self, session: Session) -> None:
        raise NotImplementedError

    def show_made(self, make: Callable[[CancelToken], T], show: Callable[[T], None], large: bool, what: str) -> None:
        """Show what ``make`` makes: at once, or for a ``large`` book made on a worker while ``what`` is said
        (say_preparing), with the collector paused and the result kept out of full collections, as the book's
        own objects are (explorer.heap). A newer fill drops an older one still being made."""
        self.preparing.cancel()
        if not large:
            show(make(NEVER))
            return

        def work(cancel: CancelToken, progress: Progress) -> T:
            with heap.long_lived():
                return make(cancel)

        self.preparing.run(work, what, show)

    def say_preparing(self, text: str) -> None:
        """Where the page says what it is making on a worker (its summary line, its legend)."""


class UpcomingView(LazyView):
    customer_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = QSpinBox(self)
        self.days.setRange(1, 3650)
        self.days.setValue(90)
        self.days.setSuffix(" days")
        self.days.setAccessibleName("Days ahead")
        self.events = QComboBox(self)  # one kind of date: "which renewal requests are due in 30 days?"
        self.events.setAccessibleName("Event filter")
        self.events.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.events.addItem(ALL_EVENTS)
        self.summary = QLabel(self)
        self.model = ColumnTableModel(self)
        self.view = make_view(self, self.model, "upcoming")
        self.view.empty_text = "No key date falls in this window for the customers shown."
        row = QHBoxLayout()
        row.addWidget(QLabel("Key dates from the as-of date to", self))
        row.addWidget(self.days)
        row.addWidget(self.events)
        row.addStretch(1)
        row.addWidget(self.summary)
        row.setContentsMargins(4, 0, self.fontMetrics().averageCharWidth(), 0)  # the count keeps off the window's edge
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.days.valueChanged.connect(lambda _: self.refresh())
        self.events.currentIndexChanged.connect(lambda _: self.refresh())
        self.view.doubleClicked.connect(self._open)
        self.keys: list[str] = []

    def fill(self, session: Session) -> None:
        dates = upcoming(session.overview, self.days.value())
        if self.only is not None:
            dates = dates[dates["key"].isin(self.only)].reset_index(drop=True)
        events = sorted(set(session.overview.key_dates["event"].astype(str)))
        combos.refill(self.events, ALL_EVENTS, events)  # the choice stays while the book still has it
        chosen = self.events.currentText() if self.events.currentIndex() > 0 else ""
        if chosen:
            dates = dates[dates["event"] == chosen].reset_index(drop=True)
        self.keys = dates["key"].tolist()
        self.model.set_columns(
            [
                date_column("Date", dates["date"].tolist()),
                Column("Customer", dates["customer"].tolist()),
                Column("Product", dates["product"].tolist()),
                Column("Event", dates["event"].tolist()),
                Column("Status", dates["status"].tolist()),
                Column("Note", dates["note"].tolist()),
            ],
            dates["tone"].tolist(),
        )
        fit_columns(self.view)
        late = int(dates["overdue"].astype(bool).sum())  # upcoming() puts them first
        self.summary.setText(
            plural(len(dates), "date") + (" (" + palette.span(f"{late} overdue", "error", bold=True) + ")" if late else "")
        )

    def _open(self, index: QModelIndex) -> None:
        self.customer_requested.emit(self.keys[int(index.data(RAW_ROLE))])


class TimelineView(LazyView):
    customer_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = TimelineCanvas()
        self.canvas.row_activated.connect(lambda row: self.customer_requested.emit(self.canvas.rows[row].key))
        self.scroll_area = TimelineArea(self.canvas, self)  # the date axis stays in view while scrolling
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)  # a long legend must not widen the window past 1024 px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.legend)
        layout.addWidget(self.scroll_area, 1)

    def shows_the_same(self, old: Session, new: Session) -> bool:
        """The rows are the contracts' dates, which a done-mark never changes (only their statuses)."""
        return new.book is old.book and new.catalog is old.catalog and new.as_of == old.as_of

    def fill(self, session: Session) -> None:
        key = legend(session.catalog) + " &nbsp; (double-click or Enter: open the customer)"
        as_of, only, count = session.as_of, self.only, len(session.book.contracts)

        def show(rows: list[TimelineRow]) -> None:
            self.legend.setText(key)
            self.canvas.set_rows(rows, as_of)

        large = count > SYNC_CONTRACTS
        if large:
            self.canvas.set_rows([], as_of)
        self.show_made(lambda cancel: timeline_rows(session, only, cancel), show, large, f"Drawing {count:,} contracts…")

    def say_preparing(self, text: str) -> None:
        self.legend.setText(text)


def timeline_rows(session: Session, only: frozenset[str] | None = None, cancel: CancelToken = NEVER) -> list[TimelineRow]:
    """The contracts' rows (of the customers in ``only``; None: all), by customer then product. No widgets:
    a large book's rows are made on a worker (about 0.3 s at 10,000 contracts), not on the GUI thread."""
    catalog, contracts = session.catalog, session.book.contracts
    frame = session.overview.key_dates
    by_contract: dict[int, list[DatedEvent]] = {}
    for index, role, addon, event, day in zip(
        frame["contract"].tolist(),
        frame["role"].tolist(),
        frame["addon"].tolist(),
        frame["event"].tolist(),
        frame["date"].tolist(),
        strict=True,
    ):
        by_contract.setdefault(index, []).append((role, addon, event, day))
    shown = [i for i in range(len(contracts)) if only is None or customer_key(contracts[i].customer) in only]
    order = sorted(shown, key=lambda i: (customer_key(contracts[i].customer), contracts[i].product or ""))
    rows = []
    for n, i in enumerate(order):
        if n % 1000 == 0:
            cancel.check()
        contract = contracts[i]
        product = rules.product_name(catalog, contract)
        row = row_from_dates(catalog, contract, f"{contract.customer.strip()} · {product}", by_contract.get(i, []))
        row.key = customer_key(contract.customer)
        rows.append(row)
    return drawn_once(rows)
