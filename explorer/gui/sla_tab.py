"""SLA: first-response targets with their clocks; with a case log, compliance and the customer's cases in a
window the user chooses (this term, the last 90 days, last quarter, every case, or a chosen range).

The window is stated above the figures, and a priority under the catalog's compliance target is flagged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from explorer.app import periods, view_model
from explorer.app.case_filter import RESPONSE_MINUTES, RESPONSE_MINUTES_TIP
from explorer.app.periods import Window
from explorer.app.sheet import CustomerSheet
from explorer.app.tones import outcome_tone
from explorer.durations import duration
from explorer.gui import palette, plain
from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.period_choice import PeriodChoice
from explorer.gui.tables import fit_columns, make_view, number_column, stamp_column
from explorer.sla.compliance import priority_label


def _section(text: str, parent: QWidget) -> QLabel:
    label = QLabel(f"<b>{text}</b>", parent)
    label.setContentsMargins(2, 6, 0, 2)
    label.setWordWrap(True)  # "Cases (95) · 4 not counted in compliance" at 16 pt widened a 1024 px window to 1184
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
        self.targets_view.empty_text = "No first-response targets: the customer's program is not known (see Findings)."
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
        self.no_log.hide()
        self.period = PeriodChoice(parent=self)
        self.period.changed.connect(self._period_changed)
        self.window_label = QLabel(self)  # the window the figures cover, in words and days
        self.window_label.setWordWrap(True)
        self.window_label.setContentsMargins(2, 0, 0, 0)
        self.compliance_title = _section("Compliance by priority", self)
        self.compliance_empty = plain.label(QLabel(self))  # why the compliance grid is empty (names the customer)
        self.cases_empty = plain.label(QLabel(self))  # why the cases grid is empty
        for label in (self.compliance_empty, self.cases_empty):
            label.setWordWrap(True)
            label.setContentsMargins(2, 2, 0, 2)
            label.hide()  # shown only for an empty grid: the tab's least height stays small at 16 pt
        self.cases_title = _section("Cases", self)
        # a case counted under a term that has not started ("On the As-of Day: Starts ..."): why it counts, as the
        # entitlement sheet says under its compliance table (CustomerSheet.judged_before_start)
        self.early = QLabel(self)
        self.early.setTextFormat(Qt.TextFormat.RichText)  # palette.span: the text escaped, in the muted ink
        self.early.setWordWrap(True)
        self.early.setContentsMargins(2, 2, 0, 2)
        self.early.hide()
        self.sheet: CustomerSheet | None = None
        top = _pane(self, _section("First-response targets", self), self.targets_view)
        choice = QWidget(self)  # the period, and below it the window it covers in days: a narrow pane cut it beside
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.period)
        row.addStretch(1)
        middle = _pane(
            self,
            self.compliance_title,
            choice,
            self.window_label,
            self.compliance_empty,
            self.compliance_view,
            self.early,
            self.no_log,
        )
        bottom = _pane(self, self.cases_title, self.cases_empty, self.cases_view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for part in (top, middle, bottom):
            splitter.addWidget(part)
            splitter.setCollapsible(splitter.indexOf(part), False)
        splitter.setSizes([200, 200, 300])
        # At 16 pt in a laptop's window the three panes need more height than the tab has: its wrapped texts keep
        # their lines (fit_wrapped) and the tab scrolls, where they were drawn over one another.
        self.wrapped = [self.no_log, self.window_label, self.compliance_empty, self.early, self.cases_empty, self.cases_title]
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_wrapped()

    def fit_wrapped(self) -> None:
        """Each wrapped text at least as tall as its lines at the tab's width, so no pane squeezes it."""
        width = max(80, self.width() - 24)
        for label in self.wrapped:
            label.setMinimumHeight(label.heightForWidth(width) if label.isVisibleTo(self) and label.text() else 0)

    def focus_order(self) -> list[QWidget]:
        """The tab's controls in the order Tab visits them."""
        period = self.period
        return [self.targets_view, period.combo, period.start, period.end, self.compliance_view, self.cases_view]

    def show_sheet(self, sheet: CustomerSheet) -> None:
        rows = [
            (
                r.product,
                r.program,
                term.on_the_day,
                f"P{r.target.priority}",
                duration(r.target.minutes),
                r.target.minutes,
                r.target.calendar.label,
                r.target.description,
                r.assumption,
                term.contract.time_zone,
                term.zone_note,
            )
            for term in sheet.target_terms()  # per product, the term the sheet and the brief show: not every renewal
            for r in term.targets
        ]
        frame = pd.DataFrame(
            rows,
            columns=["product", "tier", "day", "priority", "target", "minutes", "clock", "meaning", "tip", "zone", "zone_tip"],
        )
        self.targets.set_columns(
            [
                Column("Product", frame["product"].tolist()),
                Column("Tier", frame["tier"].tolist()),
                Column("Priority", frame["priority"].tolist()),
                Column("First Response", frame["target"].tolist(), frame["minutes"].to_numpy(), align_right=True),
                Column("Clock", frame["clock"].tolist(), tooltip=frame["tip"].tolist()),
                # the zone business hours open and close in (and each case's day): how the book says it, on hover
                Column("Time Zone", frame["zone"].tolist(), tooltip=frame["zone_tip"].tolist()),
                Column(
                    "On the As-of Day",
                    frame["day"].tolist(),
                    header_tip="Whether these targets apply on the as-of day: a term ended or not yet started says when",
                ),
                Column("Meaning", frame["meaning"].tolist(), tooltip=frame["meaning"].tolist()),
            ]
        )
        fit_columns(self.targets_view)
        self.sheet = sheet
        self._show_cases(sheet)

    def _period_changed(self) -> None:
        if self.sheet is not None:
            self._show_cases(self.sheet)

    def _show_cases(self, sheet: CustomerSheet) -> None:
        """Compliance and the cases opened in the chosen window."""
        has_log = sheet.cases is not None
        shown: list[QWidget] = [self.period, self.window_label, self.compliance_title, self.cases_title]
        for widget in shown:
            widget.setVisible(has_log)
        self.no_log.setVisible(not has_log)
        if sheet.cases is None:
            hidden: list[QWidget] = [self.compliance_view, self.cases_view, self.compliance_empty, self.cases_empty, self.early]
            for widget in hidden:
                widget.hide()
            self.fit_wrapped()
            return
        period = self.period.period()
        window = sheet.window(period)
        if window.start is not None and window.end is not None and period.kind != "range":
            self.period.set_range(window.start, window.end)  # a switch to a chosen range starts from this window
        cases = window.cases(sheet.cases)
        table = sheet.compliance(period)
        assert table is not None
        target = sheet.catalog.settings.compliance_target
        self.window_label.setText(palette.span(_window_words(period.kind, window.label), "muted"))
        under = [bool(pd.notna(c) and c < target) for c in table["Compliance %"]]
        self.compliance.set_columns(
            [
                Column("Priority", [priority_label(p) for p in table["priority"]], table["priority"].to_numpy()),
                *(number_column(c, table[c].tolist(), "{:.0f}") for c in ("Cases", "Met", "Breached", "Pending", "At Risk")),
                number_column("Compliance %", (table["Compliance %"] * 100).tolist(), "{:.1f}%"),
                Column(
                    f"Target {target:.0%}",
                    [_against(c, target) for c in table["Compliance %"]],
                    header_tip=f"The catalog's compliance target ({target:.0%} of decided cases met)",
                ),
            ],
            ["red" if u else "" for u in under],
        )
        fit_columns(self.compliance_view)
        early = " ".join(e.text for e in sheet.judged_before_start([period]))
        self.early.setText(palette.span(early, "muted") if early else "")
        self.early.setVisible(bool(early) and not table.empty)
        by_row = pd.Series(sheet.holidays_skipped or [""] * len(sheet.cases), index=sheet.cases.index, dtype=object)
        cases = cases.sort_values("opened", ascending=False, kind="stable")  # the latest cases first
        labels = {cid: cal.label for cid, cal in sheet.catalog.calendars.items()}  # minutes count on their clock
        skipped: list[str] = by_row[cases.index].tolist()
        outcome = cases["outcome"].astype(str)
        self.cases.set_columns(
            [
                Column("Case ID", cases["case_id"].astype(str).tolist()),
                Column(
                    "Priority",
                    [priority_label(p) for p in cases["priority"]],
                    cases["priority"].fillna(9).to_numpy(dtype="float64"),
                ),
                Column("Outcome", outcome.tolist()),  # beside the priority: in view in a narrow window
                stamp_column("Opened (UTC)", cases["opened"]),
                stamp_column("Due (UTC)", cases["due"]),
                stamp_column("First Response (UTC)", cases["first_response"]),
                Column("Product", cases["product"].astype(str).tolist()),
                Column("Clock", [labels.get(c, "") for c in cases["clock"].astype(str)]),
                number_column(
                    RESPONSE_MINUTES,
                    np.round(cases["business_minutes"].to_numpy(dtype="float64"), 1).tolist(),
                    header_tip=RESPONSE_MINUTES_TIP,
                ),
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
        others = len(cases) - int(table["Cases"].sum())  # out of scope, unmatched, not evaluated: in no priority's row
        self.cases_title.setText(
            f"<b>Cases ({len(cases)})</b>"
            + (palette.span(f" · {others} not counted in compliance (see Outcome)", "muted") if others else "")
        )
        why = _empty_reason(sheet, window, len(cases))
        self.compliance_empty.setText(why if table.empty else "")
        self.cases_empty.setText(why if cases.empty else "")
        for label, view, empty in (
            (self.compliance_empty, self.compliance_view, table.empty),
            (self.cases_empty, self.cases_view, cases.empty),
        ):
            label.setVisible(empty)
            view.setVisible(not empty)
        self.fit_wrapped()


def _window_words(kind: str, label: str) -> str:
    """What the figures cover: 'Cases opened last quarter (2026-07-01 – 2026-09-30)'."""
    if kind == "all":
        return f"Every case in the log: {label[:1].lower()}{label[1:]}"
    return f"Cases opened {label[:1].lower()}{label[1:]}" if label[:1].isalpha() else f"Cases opened {label}"


def _against(share: float, target: float) -> str:
    if pd.isna(share):
        return "nothing decided yet"
    return "under target" if share < target else "met"


def _empty_reason(sheet: CustomerSheet, window: Window, shown: int = 0) -> str:
    """Why a grid shows nothing: no cases at all, no term to count from, none in the window (or those dated in it
    another term's, by the customer's own day), or (``shown`` cases in the window) none of them counted in
    compliance."""
    label = window.label
    if sheet.cases is None or sheet.cases.empty:
        later = sheet.sla.later.get(sheet.key, 0) if sheet.sla is not None else 0
        if later:  # a case opened after the as-of moment is not known yet (domain.md §8)
            return (
                f"No case of {sheet.name} was opened by the as-of day ({sheet.as_of:%Y-%m-%d}); "
                f"{view_model.plural(later, 'case')} of the log {'is' if later == 1 else 'are'} opened later."
            )
        return f"{sheet.name} has no cases in the case log."
    if window.empty:
        return f"No window to count: {label}. Choose another period."
    if shown:  # opened in the window, but no term judged them (no contract in force, out of scope, not evaluated)
        cases = view_model.plural(shown, "case")
        return f"None of the {cases} opened in this window counts toward compliance: see each one's Outcome below."
    total = view_model.plural(len(sheet.cases), "case")
    elsewhere = periods.elsewhere_words(window, sheet.cases)  # the brief says it too
    if elsewhere:  # dated in the window in UTC, but opened on another term's day where the customer is
        return f"No case was opened in this window ({label}) in the customer's time zone. {elsewhere} Choose another period."
    return f"No case was opened in this window ({label}); the log holds {total} for {sheet.name}. Choose another period."
