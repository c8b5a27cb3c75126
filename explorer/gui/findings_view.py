"""Findings tables: the customer's, and the whole book's with a filter. Double-click shows the source.

Signals: customer_requested(str) with the customer name of a double-clicked book finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
from PySide6.QtCore import QModelIndex, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from explorer.gui import keyboard, messages
from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.filter_note import FilterNote
from explorer.gui.tables import fit_columns, make_view
from explorer.model import Finding, Severity, customer_key

SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "amber", Severity.INFO: ""}


def finding_columns(findings: list[Finding], with_customer: bool, customers: list[str] | None = None) -> list[Column]:
    columns = [Column("Severity", [f.severity.label for f in findings], np.array([-f.severity for f in findings]))]
    if with_customer:
        columns.append(Column("Customer", customers if customers is not None else [f.customer.strip() for f in findings]))
    columns += [
        Column(
            "File",
            [Path(f.source.file).name if f.source.file else "" for f in findings],
            tooltip=[f.source.file for f in findings],
        ),
        Column("Sheet", [f.source.sheet for f in findings]),
        Column(
            "Row",
            [str(f.source.row) if f.source.row else "" for f in findings],
            np.array([f.source.row or 0 for f in findings]),
            align_right=True,
        ),
        Column("Column", [f.column for f in findings]),
        Column("Message", [f.message for f in findings], tooltip=[f.message for f in findings]),
    ]
    return columns


class FindingsView(QWidget):
    customer_requested = Signal(str)

    def __init__(self, with_customer: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_customer = with_customer
        self.findings: list[Finding] = []
        self.model = ColumnTableModel(self)
        self.view = make_view(self, self.model, "book_findings" if with_customer else "customer_findings")
        self.view.empty_text = "No finding matches the filter." if with_customer else "No findings for this customer."
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.severity = QComboBox(self)
        self.search.setAccessibleName("Filter findings")
        self.severity.setAccessibleName("Severity")
        if with_customer:
            self.search.setPlaceholderText("Filter findings by customer, file or message")
            self.search.setClearButtonEnabled(True)
            self.severity.addItems(["All severities", "Errors", "Warnings", "Info"])
            row = QHBoxLayout()
            row.addWidget(self.search, 1)
            row.addWidget(self.severity)
            layout.addLayout(row)
            self.search.textChanged.connect(self.apply_filter)
            self.severity.currentIndexChanged.connect(self.apply_filter)
            keyboard.chain(self.search, self.severity, self.view)  # the filters first, as they are laid out
        else:
            self.search.hide()
            self.severity.hide()
        self.only: frozenset[str] | None = None  # the customer list's filter (book-wide view only)
        self.note = FilterNote(self)
        layout.insertWidget(0, self.note)
        layout.addWidget(self.view, 1)
        self.view.doubleClicked.connect(self._open)
        self._keys: list[frozenset[str]] = []
        self._text = np.empty(0, dtype=object)

    def set_findings_later(self, findings: list[Finding], named: Mapping[int, list[str]] | None = None) -> None:
        """Fill when next shown (the book-wide page is hidden at load time)."""
        self._pending: tuple[list[Finding], Mapping[int, list[str]] | None] | None = (findings, named)
        if self.isVisible():
            self.set_findings(findings, named)

    def showEvent(self, event: QShowEvent) -> None:
        pending = getattr(self, "_pending", None)
        if pending is not None:
            self.set_findings(*pending)
        super().showEvent(event)

    def set_findings(self, findings: list[Finding], named: Mapping[int, list[str]] | None = None) -> None:
        """``named``: the customers of the rows a finding said once for many rows names (findings.row_customers),
        shown and filtered as its customers."""
        self._pending = None
        order = sorted(
            range(len(findings)),
            key=lambda i: (-findings[i].severity, findings[i].source.file, findings[i].source.sheet, findings[i].source.row or 0),
        )
        self.findings = [findings[i] for i in order]
        names = [[f.customer.strip()] if f.customer else (named or {}).get(id(f), []) for f in self.findings]
        shown = [", ".join(n) for n in names]
        self.model.set_columns(
            finding_columns(self.findings, self.with_customer, shown), [SEVERITY_COLOURS[f.severity] for f in self.findings]
        )
        self._text = np.array(
            [f"{c} {f.source.file} {f.message}".casefold() for c, f in zip(shown, self.findings, strict=True)], dtype=object
        )
        self._keys = [frozenset(customer_key(n) for n in each) for each in names]
        fit_columns(self.view)
        self.apply_filter()

    def apply_filter(self) -> None:
        if not self.with_customer:
            return
        keep = np.ones(len(self.findings), dtype=bool)
        text = self.search.text().strip().casefold()
        if text:
            keep &= np.array([text in t for t in self._text], dtype=bool)
        wanted = {1: Severity.ERROR, 2: Severity.WARNING, 3: Severity.INFO}.get(self.severity.currentIndex())
        if wanted is not None:
            keep &= np.array([f.severity is wanted for f in self.findings], dtype=bool)
        if self.only is not None and len(self._keys) == len(keep):
            only = self.only
            keep &= np.array([not keys.isdisjoint(only) for keys in self._keys], dtype=bool)
        self.model.set_mask(None if keep.all() else keep)

    def set_list_filter(self, keys: list[str] | None, note: str = "") -> None:
        """Follow the customer list: only these customers' findings (None: all), with a note saying so."""
        self.only = None if keys is None else frozenset(keys)
        self.note.set_note(note if keys is not None else "")
        self.apply_filter()

    def _open(self, index: QModelIndex) -> None:
        finding = self.findings[int(index.data(RAW_ROLE))]
        if self.with_customer and finding.customer:
            self.customer_requested.emit(finding.customer)
            return
        where = finding.source
        text = (
            f"{finding.severity.label}: {finding.message}\n\nFile: {where.file or '(none)'}\n"
            f"Sheet: {where.sheet or '(none)'}\nRow: {where.row or '(none)'}\nColumn: {finding.column or '(none)'}"
        )
        buttons = ["Open file", "Close"] if where.file and Path(where.file).exists() else ["Close"]
        if messages.info(self, "Where this finding comes from", text, buttons, "Close") == "Open file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(where.file))
