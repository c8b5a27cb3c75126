"""The customer list: filter as you type, quick filters, sortable columns.

The selection always names a customer the list shows: when the filter hides the
selected one, the first visible row is selected; when nothing matches, "" is sent.
Enter or Down in the filter box moves into the list, Esc clears the box.

Signals: customer_selected(str) with the customer key ("" when none), filter_changed().
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import numpy as np
import pandas as pd
from PySide6.QtCore import QEvent, QItemSelection, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer import history
from explorer.app.overview import Overview
from explorer.app.search import SearchIndex
from explorer.gui import columns, combos, palette, plain, settings
from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.flow_layout import FlowLayout
from explorer.gui.tables import make_view, number_column

ALL_PRODUCTS, ALL_PROGRAMS, ALL_STATUSES = "All products", "All programs", "All statuses"
STATUSES = [s.value for s in history.CUSTOMER_STATUSES]  # the Status quick filter, and the order Status sorts in
# the columns the filter box reads as they show (the search index has names, contacts, cases, extra columns)
SHOWN_TEXT = {
    "Programs": "Programs",
    "Products": "Products",
    "Status": "Status",
    "Next Event": "Next Event",
    "Next Key Date": "Next Key Date text",
    "Term End": "Term End text",
}
SMALLEST_WINDOW = 1024  # px: the narrowest window every layout must fit, at any font size
HIDDEN_BY_DEFAULT = ("Products", "Next Event", "Term End", "Match")  # shown from the header's menu; Programs names products


def row_colours(frame: pd.DataFrame) -> np.ndarray:
    """Errors, overdue deadlines and P1/P2 cases unanswered past their due time red, over the named-contact limit
    violet, lapsed grey, due soon and P1/P2 cases unanswered inside their target amber."""
    return np.select(
        [
            frame["errors"].to_numpy() > 0,
            frame["overdue"].to_numpy(dtype=bool),
            frame["unanswered"].to_numpy() > 0,
            frame["over_limit"].to_numpy(dtype=bool),
            frame["ended"].to_numpy(dtype=bool),
            frame["inside_target"].to_numpy() > 0,
            frame["due_soon"].to_numpy(dtype=bool),
        ],
        ["red", "red", "red", "violet", "grey", "amber", "amber"],
        "",
    )


class RowReasons(Sequence[str]):
    """Each row's tooltip: every reason it is coloured, in words. Worded when a tooltip asks
    (one row at a time), not for every row of a 10,000-customer book at load."""

    def __init__(self, frame: pd.DataFrame, days: int) -> None:
        self._flags = [
            frame[c].tolist() for c in ("errors", "overdue", "unanswered", "over_limit", "ended", "inside_target", "due_soon")
        ]
        self.days = days

    def __len__(self) -> int:
        return len(self._flags[0])

    @overload
    def __getitem__(self, row: int) -> str: ...
    @overload
    def __getitem__(self, row: slice) -> list[str]: ...
    def __getitem__(self, row: int | slice) -> str | list[str]:
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        errors, overdue, unanswered, over, ended, inside, soon = (flags[row] for flags in self._flags)
        why = []
        if errors:
            why.append(f"{errors} error finding{'s' if errors != 1 else ''} in its contracts")
        if overdue:
            why.append("an action deadline is overdue")
        if unanswered:
            why.append(f"{unanswered} P1/P2 case{'s' if unanswered != 1 else ''} unanswered past the due time")
        if over:
            why.append("more named contacts than an add-on allows")
        if ended:
            why.append("every term has ended")
        if inside:
            why.append(f"{inside} P1/P2 case{'s' if inside != 1 else ''} unanswered, still inside the target")
        if soon:
            why.append(f"a key date within {self.days} days")
        text = "; ".join(why)
        return text[:1].upper() + text[1:]


def status_order(frame: pd.DataFrame) -> np.ndarray:
    """Status sorts by status (in force, not started, ended), then by the term's end within each."""
    codes, labels = pd.factorize(frame["Status"])  # a few distinct labels, each matched once (not per row)
    ranks = [max((i for i, status in enumerate(STATUSES) if str(label).startswith(status)), default=0) for label in labels]
    rank = np.append(np.asarray(ranks, dtype="float64"), 0.0)[codes]  # code -1 (a blank) ranks 0
    ends = frame["Term End key"].to_numpy(dtype="float64")
    return rank * 1e7 + np.where(np.isfinite(ends), ends, 1e7 - 1)


def legend_html(days: int) -> str:
    """What each row colour means, with the colour itself (in the palette in use)."""
    parts = []
    for state, meaning in (
        ("red", "errors or something overdue"),
        ("violet", "over a named-contact limit"),
        ("amber", f"a key date within {days} days or a P1/P2 case to answer"),
        ("grey", "ended"),
    ):
        sw = palette.swatch(state)
        assert sw is not None
        parts.append(f"<span style='background:{sw.background}; color:{sw.text}'>&nbsp;{palette.unbroken(meaning)}&nbsp;</span>")
    return "<small>" + " ".join(parts) + f" · {palette.unbroken('hover a name for why')}</small>"


class CustomerList(QWidget):
    customer_selected = Signal(str)
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame = pd.DataFrame()
        self.model = ColumnTableModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter customers (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.product = QComboBox(self)
        self.program = QComboBox(self)
        self.status = QComboBox(self)
        combos.refill(self.status, ALL_STATUSES, STATUSES)
        self.status.setToolTip("Only customers in force, ended (lapsed), or not started yet on the as-of date")
        for combo in (self.product, self.program):
            # as wide as "All programs" asks, not the longest program: the row fits at 1024 px and 16 pt;
            # the drop-down list still shows every name in full (_fill_combo widens it)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(len(ALL_PROGRAMS))
            combo.currentTextChanged.connect(lambda text, c=combo: c.setToolTip(plain.tip(text)))  # the full name, if cut
        self.with_findings = QCheckBox("Has findings", self)
        self.due_soon = QCheckBox("Due soon (30 days)", self)
        self.info_only = QCheckBox("Info notes", self)
        self.info_only.setToolTip("Customers with Info findings (notes that need no action), which 'Has findings' leaves out")
        self.with_findings.setToolTip("Customers with error or warning findings")
        self._program_lists: list[list[str]] = []  # per row, the program labels it holds
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.changed_only = QCheckBox("Changed", self)
        self.changed_only.setToolTip("Only customers that changed since the compared version (Changes page)")
        self.changed_only.hide()
        self.changed: dict[str, str] = {}  # customer key -> what changed since the compared version
        self._overview: Overview | None = None
        self.count = QLabel(self)
        self.my_accounts = QCheckBox("My accounts", self)
        self.save_mine = QToolButton(self)
        self.save_mine.setText("Save as My accounts")
        self.save_mine.setAccessibleName("Save the filter as My accounts")
        self.save_mine.setToolTip("Keep the filter box's text (e.g. 'Account Owner: AM 3') as the My accounts filter")
        self.save_mine.clicked.connect(self.save_my_accounts)
        self._index: SearchIndex | None = None
        self._why: list[str] = []
        self._show_my_accounts()
        self.view = make_view(self, self.model, "customer_list", sort_column=0)
        self.search.installEventFilter(self)
        for widget, name in (
            (self.search, "Filter customers"),
            (self.product, "Product filter"),
            (self.program, "Program filter"),
            (self.status, "Status filter"),
            (self.view, "Customers"),
        ):
            widget.setAccessibleName(name)

        quick = QHBoxLayout()
        quick.addWidget(self.product, 1)
        quick.addWidget(self.program, 1)
        quick.addWidget(self.count)  # "12 of 47", beside the filters
        checks = FlowLayout()  # wraps onto a second line in a narrow window or a large font, never clips
        for item in (self.status, self.with_findings, self.due_soon, self.info_only, self.my_accounts, self.changed_only):
            checks.addWidget(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.save_mine)
        layout.addLayout(top)
        layout.addLayout(quick)
        layout.addLayout(checks)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)

        self.search.textChanged.connect(self.apply_filter)
        self.product.currentIndexChanged.connect(self.apply_filter)
        self.program.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.with_findings.toggled.connect(self.apply_filter)
        self.due_soon.toggled.connect(self.apply_filter)
        self.info_only.toggled.connect(self.apply_filter)
        self.my_accounts.toggled.connect(self.apply_filter)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several for exports
        self.changed_only.toggled.connect(self.apply_filter)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

    def set_overview(self, overview: Overview, keep: str = "") -> None:
        frame = overview.customers
        self.frame = frame
        self._overview = overview
        self._index = overview.search
        self._why = [""] * len(frame)
        days = overview.due_soon_days
        self.due_soon.setText(f"Due soon ({days} days)")
        self.due_soon.setToolTip(f"Customers with a key date in the next {days} days (the catalog's due_soon_days)")
        reasons = RowReasons(frame, days)
        colours = row_colours(frame)
        self.model.set_columns(
            [
                self._customer_column(frame, reasons),
                Column("Products", frame["Products"].tolist()),
                Column(
                    "Programs",
                    frame["Programs"].tolist(),
                    frame["rank"].to_numpy(),
                    tooltip=frame["Programs"].tolist(),
                    header_tip="Each product's program in force (highest first when sorted)",
                ),
                Column("Next Key Date", frame["Next Key Date text"].tolist(), frame["Next Key Date key"].to_numpy()),
                Column("Next Event", frame["Next Event"].tolist()),
                Column("Term End", frame["Term End text"].tolist(), frame["Term End key"].to_numpy()),
                number_column("Findings", frame["Findings"].tolist()),
                Column(
                    "Status",
                    frame["Status"].tolist(),
                    status_order(frame),
                    header_tip="In force, Not started, or Ended on the last term's end (judged on the as-of day), or Dates "
                    "invalid where the term ends before it starts; "
                    "sorted by status, then by the term's end",
                ),
                Column("Match", self._why, header_tip="What the filter text matched, when not the customer's name"),
            ],
            colours.tolist(),
        )
        self.model.columns[6].header_tip = "Errors and warnings (Info notes are not counted)"
        first_fill = not self.view.property(columns.FITTED)
        columns.fit(self.view, HIDDEN_BY_DEFAULT)
        header = self.view.horizontalHeader()
        programs = self.model.column_index("Programs")
        if first_fill:  # Programs is shown whole and last: a customer with three products reads on to the right
            header.setStretchLastSection(False)
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # titles in view
            header.moveSection(header.visualIndex(programs), header.count() - 1)
        metrics = self.view.fontMetrics()
        # the list never gets narrower than its other shown columns plus a single program, unless a large font
        # would push the window past 1024 px: then it takes 55% of that and scrolls sideways
        fixed = sum(
            self.view.columnWidth(c) for c in range(self.model.columnCount()) if c != programs and not self.view.isColumnHidden(c)
        )
        lists = frame["program list"].tolist()
        labels = sorted({p for ps in lists for p in ps})  # a few dozen programs, measured once each (not per row)
        one = max((metrics.horizontalAdvance(p) for p in labels), default=0)
        wanted = fixed + one + 2 * metrics.averageCharWidth() + self.view.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(min(wanted, SMALLEST_WINDOW * 55 // 100))
        self.legend.setText(legend_html(days))
        products = {p for ps in frame["Products"].unique() for p in ps.split(", ") if p}
        self._fill_combo(self.product, ALL_PRODUCTS, sorted(products))
        self._program_lists = lists
        self._fill_combo(self.program, ALL_PROGRAMS, labels)
        self.apply_filter(follow=False)
        if keep:
            self.select(keep, emit=False)

    def _customer_column(self, frame: pd.DataFrame, reasons: Sequence[str]) -> Column:
        """Names, with changed customers marked ● and what changed as the tooltip (after why the row is
        coloured); sorted by the name alone."""
        names = frame["Customer"].tolist()
        by_name = frame["key"].to_numpy(dtype=str)  # the casefolded name (a fixed-width array sorts fast)
        if not self.changed:
            return Column("Customer", names, by_name, tooltip=reasons)
        notes = [self.changed.get(k, "") for k in frame["key"]]
        tips = ["\n".join(t for t in (why, note) if t) for why, note in zip(reasons, notes, strict=True)]
        return Column(
            "Customer",
            [f"● {n}" if note else n for n, note in zip(names, notes, strict=True)],
            key=by_name,
            tooltip=tips,
        )

    def set_changed(self, changed: dict[str, str]) -> None:
        """Mark these customers (key -> tooltip) as changed since the compared version; {} clears."""
        self.changed = dict(changed)
        self.changed_only.setVisible(bool(changed))
        if not changed:
            self.changed_only.setChecked(False)
        if self._overview is not None:
            self.set_overview(self._overview, self.selected_key())

    def _fill_combo(self, combo: QComboBox, everything: str, values: list[str]) -> None:
        """Refill a filter and let its drop-down show every name in full."""
        combos.refill(combo, everything, values)
        view = combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width())

    def filter_mask(self) -> np.ndarray:
        """The rows that pass the filter box and the quick filters (vectorised)."""
        frame = self.frame
        keep = np.ones(len(frame), dtype=bool)
        text = self.search.text().strip()
        self._why = [""] * len(frame)
        if text and self._index is not None:
            found, self._why = self._index.match(text)
            keep &= found | self._shown_text_match(text, found)
        elif text:
            keep &= frame["key"].str.contains(text.casefold(), regex=False).to_numpy(dtype=bool)
        mine = self.saved_my_accounts()
        if self.my_accounts.isChecked() and mine and self._index is not None:
            keep &= self._index.match(mine)[0]
        if self.product.currentIndex() > 0:
            keep &= frame["Products"].str.split(", ").map(lambda ps: self.product.currentText() in ps).to_numpy(dtype=bool)
        if self.program.currentIndex() > 0:
            label, lists = self.program.currentText(), self._program_lists
            keep &= np.fromiter((label in ps for ps in lists), dtype=bool, count=len(lists))
        if self.status.currentIndex() > 0:
            keep &= frame["Status"].str.startswith(self.status.currentText()).to_numpy(dtype=bool)
        if self.with_findings.isChecked():
            keep &= frame["Findings"].to_numpy() > 0
        if self.info_only.isChecked():
            keep &= frame["info"].to_numpy() > 0
        if self.due_soon.isChecked():
            keep &= frame["due_soon"].to_numpy(dtype=bool)
        if self.changed_only.isChecked():
            keep &= frame["key"].isin(list(self.changed)).to_numpy(dtype=bool)
        return keep

    def _shown_text_match(self, text: str, found: np.ndarray) -> np.ndarray:
        """Rows whose shown columns (Status, Programs, dates...) hold the text, as each cell reads; the Match
        column says which, for the rows the search index did not match."""
        needle = text.casefold()
        hit = np.zeros(len(self.frame), dtype=bool)
        for title, source in SHOWN_TEXT.items():
            column = self.model.column_index(title)
            if column < 0 or self.view.isColumnHidden(column):
                continue
            cells = self.frame[source].astype(str)
            here = cells.str.casefold().str.contains(needle, regex=False).to_numpy(dtype=bool)
            for row in np.flatnonzero(here & ~found & ~hit).tolist():
                self._why[row] = f"{title}: {cells.iat[row]}"
            hit |= here
        return hit

    def apply_filter(self, follow: bool = True) -> None:
        """Filter; with ``follow`` the selection (and so the detail pane) moves to a customer still shown."""
        selected = self.selected_key()
        mask = self.filter_mask()
        self._show_matches()
        self.model.set_mask(None if mask.all() else mask)
        self.count.setText(f"{self.model.rowCount()} of {self.model.total_rows}")
        kept = bool(selected) and self.select(selected, emit=False)
        if follow and not kept:
            if self.model.rowCount():
                self.view.selectRow(0)
            else:
                self.customer_selected.emit("")
        self.filter_changed.emit()

    def _show_matches(self) -> None:
        """The Match column says why each row matched; it shows while something other than a name matched."""
        match = self.model.column_index("Match")
        if match < 0:
            return
        self.model.set_texts(match, self._why)
        self.view.setColumnHidden(match, not any(self._why))

    def saved_my_accounts(self) -> str:
        return str(QSettings().value(settings.MY_ACCOUNTS, "") or "")

    def save_my_accounts(self) -> None:
        """The filter box's text becomes the My accounts filter, kept between sessions."""
        text = self.search.text().strip()
        QSettings().setValue(settings.MY_ACCOUNTS, text)
        self._show_my_accounts()
        if text:
            self.search.clear()
            self.my_accounts.setChecked(True)
        self.apply_filter()

    def _show_my_accounts(self) -> None:
        mine = self.saved_my_accounts()
        self.my_accounts.setEnabled(bool(mine))
        self.my_accounts.setToolTip(
            f"Only customers matching '{mine}'"
            if mine
            else "Type a filter such as 'Account Owner: AM 3' and press Save as My accounts"
        )
        if not mine:
            self.my_accounts.setChecked(False)

    def filter_note(self) -> str:
        """'filtered: 3 of 44 customers' while the list hides some, else ''."""
        shown, total = self.model.rowCount(), self.model.total_rows
        return "" if shown == total else f"filtered: {shown} of {total} customers"

    def filter_text(self) -> str:
        return self.search.text().strip()

    def clear_filters(self) -> None:
        """Show every customer: empty filter box, all products and programs, no quick filter."""
        checks = (self.with_findings, self.due_soon, self.info_only, self.my_accounts)
        boxes = (self.product, self.program, self.status)
        for widget in (self.search, *boxes, *checks):
            widget.blockSignals(True)
        self.search.clear()
        for box in boxes:
            box.setCurrentIndex(0)
        for check in checks:
            check.setChecked(False)
        for widget in (self.search, *boxes, *checks):
            widget.blockSignals(False)
        self.apply_filter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down) and self.model.rowCount():
                if not self.view.selectionModel().hasSelection():
                    self.view.selectRow(0)
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def total(self) -> int:
        """Customers in the book."""
        return len(self.frame)

    def shown(self) -> int:
        """Customers the filter shows."""
        return self.model.rowCount()

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
        self.view.setCurrentIndex(self.model.index(row, 0))
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
