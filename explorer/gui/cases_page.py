"""The book-wide Cases page: every case of the log, filtered by priority, outcome, product, customer and date.

"Which P1 cases breached last quarter?" is three choices here. Filters are masks over
the coded columns of explorer.app.case_filter, the table is the column-array ColumnTableModel
(text made once per load), so a filter change stays well under 100 ms at 200,000 cases.

Signals: case_requested(str) with a case ID (double-click: explain it), customer_requested(str) with a
customer key (double-click on the Customer column: open it), exported(Path) when an export (written in
the background, with Cancel) is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.app import periods
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.case_filter import RESPONSE_MINUTES, RESPONSE_MINUTES_TIP, CaseFilter, CaseTable
from explorer.app.session import Session
from explorer.app.tones import outcome_tone
from explorer.gui import combos, keyboard, plain, settings
from explorer.gui.book_views import LazyView
from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.columns import SAMPLE
from explorer.gui.flow_layout import FlowLayout
from explorer.gui.operations import Operations
from explorer.gui.save_as import ask_save_path, with_suffix
from explorer.gui.tables import fit_columns, make_view, number_column, stamp_column
from explorer.outputs.cases_export import export_cases

ALL = "All"
LIST_SCOPE, ALL_SCOPE = "Customers in the list", "All customers"
CUSTOM = "Custom"  # the Opened choice that takes the two date boxes
OPENED = "Opened (UTC)"  # the column the table is first sorted on, latest first
SYNC_ROWS = 10_000  # a log up to this size fills at once (about 50 ms); a larger one is prepared on a worker


@dataclass(frozen=True)
class PreparedCases:
    table: CaseTable
    columns: list[Column]
    colours: np.ndarray  # a palette state per case, from its outcome


def prepare(cases: pd.DataFrame, cancel: CancelToken = NEVER) -> PreparedCases:
    """The page's table from the judged cases: codes, texts, sort order and longest texts, everything but the
    widgets, so that a large log is worked out on a worker (about 1 s at 200,000 cases) and not on the GUI thread."""
    table = CaseTable(cases)
    cancel.check()
    frame = table.cases
    outcome = frame["outcome"].astype(str)
    opened = stamp_column(OPENED, frame["opened"])  # the view's first sort
    columns = [
        Column("Case ID", frame["case_id"].astype(str).tolist()),
        Column("Customer", frame["customer"].astype(str).str.strip().tolist()),
        Column("Product", frame["product"].astype(str).tolist()),
        Column("Program", frame["program"].astype(str).tolist()),
        Column(
            "Priority",
            np.where(
                np.isnan(table.priority),
                "",
                np.char.add("P", np.nan_to_num(table.priority, nan=0).astype(int).astype(str)),
            ).tolist(),
            np.nan_to_num(table.priority, nan=9.0),
        ),
        Column("Outcome", outcome.tolist()),  # beside the priority: in view on a narrow window
        opened,
        stamp_column("Due (UTC)", frame["due"]),
        stamp_column("First Response (UTC)", frame["first_response"]),
        number_column(
            RESPONSE_MINUTES,
            np.round(frame["business_minutes"].to_numpy(dtype="float64"), 1).tolist(),
            header_tip=RESPONSE_MINUTES_TIP,
        ),
    ]
    cancel.check()
    for column in columns:  # what the view's column widths ask for
        column.longest(SAMPLE)
    _ = opened.ranking  # and its first sort, by opening time
    colours = np.asarray([outcome_tone(o) for o in table.outcomes], dtype=object)[table.outcome_code]
    return PreparedCases(table, columns, colours)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class CasesPage(LazyView):
    case_requested = Signal(str)
    customer_requested = Signal(str)
    exported = Signal(Path)  # an export finished: where it was written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = CaseTable(
            pd.DataFrame(columns=["case_id", "customer", "product", "program", "priority", "opened", "outcome"])
        )
        self.table_ready = False
        self.list_keys: frozenset[str] | None = None  # the customer list's filter; None when it shows everyone
        self.list_note = ""
        self.priority = self._combo("Priority", [ALL, "P1", "P2", "P3", "P4"])
        self.outcome = self._combo("Outcome", [ALL])
        self.product = self._combo("Product", [ALL])
        self.scope = self._combo("Customers", [LIST_SCOPE, ALL_SCOPE])
        self.period = self._combo("Opened", [p.name for p in periods.BOOK_CHOICES] + [CUSTOM])
        self.start, self.end = keyboard.DateEdit(self), keyboard.DateEdit(self)  # one Tab leaves each
        for edit, name in ((self.start, "Opened from"), (self.end, "Opened to")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setEnabled(False)
            edit.dateChanged.connect(self.apply_filter)
        self.summary = plain.label(QLabel(self))
        self.summary.setWordWrap(True)
        self.export_button = QPushButton("Export to Excel…", self)
        self.export_button.setToolTip("Write the cases shown here to an .xlsx file")
        self.export_button.clicked.connect(self.choose_export)
        self.export_progress = QProgressBar(self)  # busy indicator while an export writes in the background
        self.export_progress.setRange(0, 0)
        self.export_progress.setMaximumWidth(120)
        self.export_progress.setAccessibleName("Export progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the export; no file is left behind")
        self.export_progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.operations = Operations(self, self._export_progress, self._set_busy, self._show_summary)
        self.cancel_button.clicked.connect(self.operations.cancel)
        self.model = ColumnTableModel(self)
        self.view = make_view(self, self.model, "book_cases")
        self.view.empty_text = "No case matches these filters."
        # The last column holds minutes, right-aligned: stretched over the spare width, they sat far from their row.
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.setAccessibleName("Cases")
        self.view.doubleClicked.connect(self._open)
        self.view.setToolTip(
            "Double-click a case to see how its due time was reached; double-click its customer to open that customer"
        )

        filters = FlowLayout()  # each caption with its box; the row wraps in a narrow window or a large font
        for label, widget in (
            ("Priority", self.priority),
            ("Outcome", self.outcome),
            ("Product", self.product),
            ("Customers", self.scope),
            ("Opened", self.period),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            filters.addWidget(_pair(self, caption, widget))
        filters.addWidget(_pair(self, self.start, QLabel("–", self), self.end))
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.export_progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(filters)
        layout.addLayout(bottom)
        layout.addWidget(self.view, 1)
        self.case_mask = np.zeros(0, dtype=bool)

    def _combo(self, name: str, items: list[str]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItems(items)
        combo.setAccessibleName(name)
        combo.currentIndexChanged.connect(self._combo_changed if name == "Opened" else self.apply_filter)
        return combo

    # -- filling ------------------------------------------------------------------
    def shows_the_same(self, old: Session, new: Session) -> bool:
        """The cases and their SLA outcomes, which a done-mark never changes."""
        return new.sla is old.sla and new.as_of == old.as_of and new.files == old.files

    def fill(self, session: Session) -> None:
        cases = session.sla.cases if session.sla is not None else None
        if cases is None or cases.empty:
            self.preparing.cancel()  # a table still being prepared for an earlier session is dropped
            self.table_ready = False
            self.model.set_columns([])
            self.summary.setText("No case log is loaded: add a ticketing export (File ▸ Add Files) to list cases.")
            self.export_button.setEnabled(False)
            return
        if not self.start.isEnabled():  # the Opened boxes follow the as-of date until the user picks Custom
            self.start.blockSignals(True)
            self.end.blockSignals(True)
            self.start.setDate(_qdate(session.as_of.replace(day=1)))
            self.end.setDate(_qdate(session.as_of))
            self.start.blockSignals(False)
            self.end.blockSignals(False)
        large = len(cases) > SYNC_ROWS
        if large:
            self.table_ready = False
            self.export_button.setEnabled(False)
            self.model.set_columns([])
        self.show_made(lambda cancel: prepare(cases, cancel), self._show, large, f"Preparing {len(cases):,} cases…")

    def say_preparing(self, text: str) -> None:
        self.summary.setText(text)

    def _show(self, prepared: PreparedCases) -> None:
        """Put a prepared table in the view: the widgets' part of a fill, a few milliseconds at 200,000 cases."""
        self.table = prepared.table
        self.table_ready = True
        self.model.set_columns(prepared.columns, prepared.colours)
        self.view.sortByColumn(self.model.column_index(OPENED), Qt.SortOrder.DescendingOrder)  # the latest first
        fit_columns(self.view)
        combos.refill(self.outcome, ALL, sorted(self.table.outcomes))
        combos.refill(self.product, ALL, sorted(self.table.products))
        self.export_button.setEnabled(True)
        self._combo_changed()

    # -- filtering ----------------------------------------------------------------
    def set_list_filter(self, keys: list[str] | None, note: str = "") -> None:
        """The customer list's filter: the keys it shows (None when it shows every customer)."""
        self.list_keys = None if keys is None else frozenset(keys)
        self.list_note = note
        if self.isVisible():
            self.apply_filter()

    def _combo_changed(self) -> None:
        preset = self.period.currentText()
        custom = preset == CUSTOM
        self.start.setEnabled(custom)
        self.end.setEnabled(custom)
        chosen = next((p for p in periods.BOOK_CHOICES if p.name == preset), None)
        window = chosen.window(self.session.as_of) if chosen is not None and self.session is not None else None
        if window is not None and window.start is not None and window.end is not None:
            for edit, day in zip((self.start, self.end), (window.start, window.end), strict=True):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.apply_filter()

    def current_filter(self) -> CaseFilter:
        preset = self.period.currentText()
        dated = preset != periods.ALL.name
        return CaseFilter(
            priority=self.priority.currentIndex() or None,
            outcome="" if self.outcome.currentIndex() <= 0 else self.outcome.currentText(),
            product="" if self.product.currentIndex() <= 0 else self.product.currentText(),
            customers=self.list_keys if self.scope.currentText() == LIST_SCOPE else None,
            opened_from=_day(self.start.date()) if dated else None,
            opened_to=_day(self.end.date()) if dated else None,
        )

    def apply_filter(self) -> None:
        if not self.table_ready:
            return
        self.case_mask = self.table.mask(self.current_filter())
        self.model.set_mask(None if self.case_mask.all() else self.case_mask)
        self._show_summary()

    def _show_summary(self) -> None:
        """The cases shown and their compliance, in the summary line (again after an export's progress)."""
        if not self.table_ready:
            return
        text = self.table.counts(self.case_mask).text()
        window = self.window_label()
        if window:
            text = f"Opened: {window} · {text}"  # every compliance figure states its window
        if self.list_keys is not None and self.scope.currentText() == LIST_SCOPE and self.list_note:
            text += f" · {self.list_note}"
        self.summary.setText(text)

    def window_label(self) -> str:
        """The opening days the counts cover, as the report and the sheet name them ("" before a book opens)."""
        if self.session is None:
            return ""
        preset = self.period.currentText()
        chosen = next((p for p in periods.BOOK_CHOICES if p.name == preset), None)
        if chosen is None:  # Custom: the two date boxes
            start, end = _day(self.start.date()), _day(self.end.date())
            if end < start:
                return f"nothing (the range ends {end:%Y-%m-%d}, before it starts)"
            chosen = periods.chosen(start, end)
        return chosen.window(self.session.as_of).label

    # -- actions ------------------------------------------------------------------
    def _open(self, index: QModelIndex) -> None:
        row = int(index.data(RAW_ROLE))
        if self.model.columns[index.column()].title == "Customer":
            self.customer_requested.emit(self.table.customer_of(row))
        else:
            self.case_requested.emit(str(self.table.cases["case_id"].iat[row]))

    def shown_cases(self) -> pd.DataFrame:
        return self.table.cases.iloc[self.model.order]

    def choose_export(self) -> None:
        start = Path(str(QSettings().value(settings.LAST_EXPORT_FOLDER, str(Path.home())))) / "cases.xlsx"
        target = ask_save_path(self, "Export cases", start, "Excel workbook", ".xlsx")
        if target:
            self.export(target)

    def export(self, target: str) -> None:
        """Write the cases shown to ``target`` in the background (200,000 rows take about 15 s); ``exported``
        says where once written. A failure is a dialog; Cancel leaves no file."""
        target = with_suffix(target, ".xlsx")  # the file says what it is, however its name was typed
        files = self.session.files if self.session is not None else []
        cases, order = self.table.cases, self.model.order.copy()  # the rows shown, in their order, taken on the worker
        count = len(order)

        def done(written: Path) -> None:
            QSettings().setValue(settings.LAST_EXPORT_FOLDER, str(written.parent))
            self._show_summary()
            self.summary.setText(f"{self.summary.text()} · exported {count:,} cases to {written.name}")
            self.exported.emit(written)

        self.operations.run(
            lambda cancel, progress: export_cases(cases.iloc[order], target, files, cancel, progress),
            f"Exporting {count:,} cases to {Path(target).name}",
            done,
        )

    def _export_progress(self, text: str) -> None:
        self.summary.setText(text)

    def _set_busy(self, busy: bool) -> None:
        self.export_progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy)


def _pair(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets that stay together on one line of a FlowLayout."""
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return box
