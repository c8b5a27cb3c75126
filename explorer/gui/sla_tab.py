"""SLA: first-response targets with their clocks; with a case log, compliance and the customer's cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from explorer.app.sheet import CustomerSheet
from explorer.app.tones import outcome_tone
from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.tables import date_column, fit_columns, make_view, number_column
from explorer.outputs.terms import format_minutes


def _section(text: str, parent: QWidget) -> QLabel:
    label = QLabel(f"<b>{text}</b>", parent)
    label.setContentsMargins(2, 6, 0, 2)
    return label


def _pane(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets stacked in one splitter pane."""
    pane = QWidget(parent)
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return pane


class SlaTab(QWidget):
    """Signals: case_requested(str): the user double-clicked a case (its id) to see why it is due when it is."""

    case_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.targets = ColumnTableModel(self)
        self.compliance = ColumnTableModel(self)
        self.cases = ColumnTableModel(self)
        self.targets_view = make_view(self, self.targets, "sla_targets")
        self.compliance_view = make_view(self, self.compliance, "sla_compliance")
        self.cases_view = make_view(self, self.cases, "sla_cases")
        self.cases_view.setToolTip("Double-click a case to see how its due time and outcome were reached")
        self.cases_view.doubleClicked.connect(
            lambda index: self.case_requested.emit(self.cases.columns[0].text[int(index.data(RAW_ROLE))])
        )
        self.no_log = QLabel(
            "No case log is loaded: open a ticketing export (File ▸ Add Files) to see compliance and cases.", self
        )
        self.no_log.setWordWrap(True)
        self.compliance_title = _section("Compliance by priority", self)
        self.cases_title = _section("Cases", self)
        top = _pane(self, _section("First-response targets", self), self.targets_view)
        middle = _pane(self, self.compliance_title, self.compliance_view, self.no_log)
        bottom = _pane(self, self.cases_title, self.cases_view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for part in (top, middle, bottom):
            splitter.addWidget(part)
        splitter.setSizes([220, 150, 330])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_sheet(self, sheet: CustomerSheet) -> None:
        rows = [
            (
                r.product,
                r.program,
                f"P{r.target.priority}",
                format_minutes(r.target.minutes),
                r.target.minutes,
                r.target.calendar.label,
                r.target.description,
                r.assumption,
            )
            for r in sheet.targets
        ]
        frame = pd.DataFrame(rows, columns=["product", "tier", "priority", "target", "minutes", "clock", "meaning", "tip"])
        self.targets.set_columns(
            [
                Column("Product", frame["product"].tolist()),
                Column("Tier", frame["tier"].tolist()),
                Column("Priority", frame["priority"].tolist()),
                Column("First Response", frame["target"].tolist(), frame["minutes"].to_numpy(), align_right=True),
                Column("Clock", frame["clock"].tolist(), tooltip=frame["tip"].tolist()),
                Column("Meaning", frame["meaning"].tolist(), tooltip=frame["meaning"].tolist()),
            ]
        )
        fit_columns(self.targets_view)
        cases, table = sheet.cases, sheet.compliance()
        has_log = cases is not None and table is not None
        for widget in (self.compliance_view, self.compliance_title, self.cases_view, self.cases_title):
            widget.setVisible(has_log)
        self.no_log.setVisible(not has_log)
        if cases is None or table is None:
            return
        self.compliance.set_columns(
            [
                Column("Priority", [f"P{p}" for p in table["priority"]], table["priority"].to_numpy()),
                *(number_column(c, table[c].tolist(), "{:.0f}") for c in ("Cases", "Met", "Breached", "Pending", "At Risk")),
                number_column("Compliance %", (table["Compliance %"] * 100).tolist(), "{:.1f}%"),
            ]
        )
        fit_columns(self.compliance_view)
        by_row = pd.Series(sheet.holidays_skipped or [""] * len(cases), index=cases.index, dtype=object)
        cases = cases.sort_values("opened", ascending=False, kind="stable")  # the latest cases first
        labels = {cid: cal.label for cid, cal in sheet.catalog.calendars.items()}  # minutes count on their clock
        skipped: list[str] = by_row[cases.index].tolist()
        outcome = cases["outcome"].astype(str)
        self.cases.set_columns(
            [
                Column("Case ID", cases["case_id"].astype(str).tolist()),
                Column("Product", cases["product"].astype(str).tolist()),
                Column(
                    "Priority",
                    [f"P{p}" if pd.notna(p) else "" for p in cases["priority"]],
                    cases["priority"].fillna(9).to_numpy(dtype="float64"),
                ),
                date_column("Opened (UTC)", cases["opened"].tolist()),
                date_column("Due (UTC)", cases["due"].tolist()),
                date_column("First Response (UTC)", cases["first_response"].tolist()),
                Column("Clock", [labels.get(c, "") for c in cases["clock"].astype(str)]),
                number_column("Minutes to Response", np.round(cases["business_minutes"].to_numpy(dtype="float64"), 1).tolist()),
                Column("Outcome", outcome.tolist()),
                Column(
                    "Holidays Skipped",
                    skipped,
                    tooltip=skipped,
                    header_tip="Public holidays between opening and the due time: the clock did not count them",
                ),
            ],
            [outcome_tone(o) for o in outcome],
        )
        fit_columns(self.cases_view)
        self.cases_title.setText(f"<b>Cases ({len(cases)})</b>")
