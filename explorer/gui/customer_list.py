"""The customer list: filter as you type, quick filters, sortable columns.

Signals: customer_selected(str) with the customer key ("" when none).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.app.overview import Overview
from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.tables import fit_columns, make_view, number_column

ALL_PRODUCTS, ALL_PROGRAMS = "All products", "All programs"


class CustomerList(QWidget):
    customer_selected = Signal(str)
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame = pd.DataFrame()
        self._lower = np.empty(0, dtype=object)
        self.model = ColumnTableModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter customers (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.product = QComboBox(self)
        self.program = QComboBox(self)
        self.with_findings = QCheckBox("Has findings", self)
        self.due_soon = QCheckBox("Dates due soon", self)
        self.changed_only = QCheckBox("Changed", self)
        self.changed_only.setToolTip("Only customers that changed since the compared version (Changes page)")
        self.changed_only.hide()
        self.changed: dict[str, str] = {}  # customer key -> what changed since the compared version
        self._overview: Overview | None = None
        self.count = QLabel(self)
        self.view = make_view(self, self.model, "customer_list", sort_column=0)

        quick = QHBoxLayout()
        quick.addWidget(self.product, 1)
        quick.addWidget(self.program, 1)
        checks = QHBoxLayout()
        checks.addWidget(self.with_findings)
        checks.addWidget(self.due_soon)
        checks.addWidget(self.changed_only)
        checks.addStretch(1)
        checks.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(quick)
        layout.addLayout(checks)
        layout.addWidget(self.view, 1)

        self.search.textChanged.connect(self.apply_filter)
        self.product.currentIndexChanged.connect(self.apply_filter)
        self.program.currentIndexChanged.connect(self.apply_filter)
        self.with_findings.toggled.connect(self.apply_filter)
        self.due_soon.toggled.connect(self.apply_filter)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several for exports
        self.changed_only.toggled.connect(self.apply_filter)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

    def set_overview(self, overview: Overview, keep: str = "") -> None:
        frame = overview.customers
        self.frame = frame
        self._overview = overview
        self._lower = frame["Customer"].str.casefold().to_numpy(dtype=object) if len(frame) else self._lower[:0]
        # errors and overdue deadlines red, lapsed customers grey, dates due soon amber
        colours = np.select([frame["errors"].to_numpy() > 0, frame["overdue"].to_numpy(dtype=bool),
                             frame["ended"].to_numpy(dtype=bool), frame["due_soon"].to_numpy(dtype=bool)],
                            ["red", "red", "grey", "amber"], "")
        self.model.set_columns([
            self._customer_column(frame),
            Column("Products", frame["Products"].tolist()),
            Column("Highest Program", frame["Highest Program"].tolist(), frame["rank"].to_numpy()),
            Column("Next Key Date", frame["Next Key Date text"].tolist(), frame["Next Key Date key"].to_numpy()),
            Column("Next Event", frame["Next Event"].tolist()),
            Column("Term End", frame["Term End text"].tolist(), frame["Term End key"].to_numpy()),
            number_column("Findings", frame["Findings"].tolist()),
            Column("Status", frame["Status"].tolist(),
                   header_tip="In force, Not started, or Ended on the last term's end (judged on the as-of day)"),
        ], colours.tolist())
        fit_columns(self.view, [165, 120, 105, 92, 190, 88, 60, 120])
        products = {p for ps in frame["Products"].unique() for p in ps.split(", ") if p}
        self._fill_combo(self.product, ALL_PRODUCTS, sorted(products))
        self._fill_combo(self.program, ALL_PROGRAMS, sorted(p for p in frame["Highest Program"].unique() if p))
        self.apply_filter()
        if keep:
            self.select(keep, emit=False)

    def _customer_column(self, frame: pd.DataFrame) -> Column:
        """Names, with changed customers marked ● and what changed as the tooltip; sorted by the name alone."""
        names = frame["Customer"].tolist()
        if not self.changed:
            return Column("Customer", names)
        notes = [self.changed.get(k, "") for k in frame["key"]]
        return Column("Customer", [f"● {n}" if note else n for n, note in zip(names, notes, strict=True)],
                      key=np.char.lower(np.asarray(names, dtype=str)), tooltip=notes)

    def set_changed(self, changed: dict[str, str]) -> None:
        """Mark these customers (key -> tooltip) as changed since the compared version; {} clears."""
        self.changed = dict(changed)
        self.changed_only.setVisible(bool(changed))
        if not changed:
            self.changed_only.setChecked(False)
        if self._overview is not None:
            self.set_overview(self._overview, self.selected_key())

    def _fill_combo(self, combo: QComboBox, everything: str, values: list[str]) -> None:
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems([everything, *values])
        combo.setCurrentText(current if current in values else everything)
        combo.blockSignals(False)

    def filter_mask(self) -> np.ndarray:
        """The rows that pass the filter box and the quick filters (vectorised)."""
        frame = self.frame
        keep = np.ones(len(frame), dtype=bool)
        text = self.search.text().strip().casefold()
        if text:
            keep &= pd.Series(self._lower, dtype=str).str.contains(text, regex=False).to_numpy(dtype=bool)
        if self.product.currentIndex() > 0:
            keep &= frame["Products"].str.split(", ").map(lambda ps: self.product.currentText() in ps)\
                .to_numpy(dtype=bool)
        if self.program.currentIndex() > 0:
            keep &= (frame["Highest Program"] == self.program.currentText()).to_numpy()
        if self.with_findings.isChecked():
            keep &= frame["Findings"].to_numpy() > 0
        if self.due_soon.isChecked():
            keep &= frame["due_soon"].to_numpy(dtype=bool)
        if self.changed_only.isChecked():
            keep &= frame["key"].isin(list(self.changed)).to_numpy(dtype=bool)
        return keep

    def apply_filter(self) -> None:
        selected = self.selected_key()
        mask = self.filter_mask()
        self.model.set_mask(None if mask.all() else mask)
        self.count.setText(f"{self.model.rowCount()} of {self.model.total_rows}")
        if selected:
            self.select(selected, emit=False)
        self.filter_changed.emit()

    def visible_keys(self) -> list[str]:
        keys = self.frame["key"].to_numpy(dtype=object)
        return [keys[r] for r in self.model.order]

    def selected_key(self) -> str:
        """The customer shown: the current row among the selected ones."""
        model = self.view.selectionModel()
        rows = model.selectedRows() if model else []
        if not rows or self.frame.empty:
            return ""
        current = model.currentIndex().row()
        row = next((r for r in rows if r.row() == current), rows[0])
        return str(self.frame["key"].iat[int(row.data(RAW_ROLE))])

    def selected_keys(self) -> list[str]:
        """Every selected customer (Ctrl- or Shift-click), in list order."""
        model = self.view.selectionModel()
        if model is None or self.frame.empty:
            return []
        rows = sorted(model.selectedRows(), key=lambda r: r.row())
        return [str(self.frame["key"].iat[int(r.data(RAW_ROLE))]) for r in rows]

    def select(self, key: str, emit: bool = True) -> bool:
        if self.frame.empty:
            return False
        matches = np.flatnonzero(self.frame["key"].to_numpy(dtype=object) == key)
        row = self.model.view_row(int(matches[0])) if len(matches) else -1
        if row < 0:
            return False
        if not emit:
            self.view.selectionModel().blockSignals(True)
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        if not emit:
            self.view.selectionModel().blockSignals(False)
        return True

    def _selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        self.customer_selected.emit(self.selected_key())

    def focus_filter(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
