"""A table model over column arrays: the one model behind every table of the app.

Display text is computed once per column (not per paint), sorting is a numpy
argsort of a per-column key, and filtering is a boolean mask: at 100k rows a
sort or filter takes milliseconds where QSortFilterProxyModel takes seconds.

A paint asks ``data`` seven roles per visible cell (a few thousand calls), so ``data``
looks each role up in a table of what this model can answer and returns at once for
the rest; the row order and the row colours are plain lists for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from explorer.gui import palette, plain

Index = QModelIndex | QPersistentModelIndex
ROW_COLOURS = {name: light.background for name, (light, _) in palette.STATES.items()}  # the light palette's
MARK_COLOUR = ROW_COLOURS["mark"]  # a cell marked as changed since another version of the book (and bold)
RAW_ROLE = Qt.ItemDataRole.UserRole  # the row's index into the source arrays
_R = Qt.ItemDataRole
PLAIN_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


@dataclass
class Column:
    title: str
    text: Sequence[str]  # what the cell shows
    key: Any = None  # numpy array sorted on; defaults to the text
    tooltip: Sequence[str] | None = None
    align_right: bool = False
    header_tip: str = ""
    checks: list[bool | None] | None = None  # a checkbox per row (None: none on that row); see check_toggled
    _sort: np.ndarray | None = field(init=False, repr=False, default=None)
    _ranking: np.ndarray | None = field(init=False, repr=False, default=None)
    _longest: dict[int, list[str]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.text = np.asarray(self.text, dtype=object)  # type: ignore[assignment]  # fast fancy indexing

    def set_text(self, texts: Sequence[str]) -> None:
        """New texts: what was worked out from the old ones is worked out again when next asked for."""
        self.text = np.asarray(texts, dtype=object)  # type: ignore[assignment]
        self._sort, self._ranking, self._longest = None, None, {}

    # The three below are worked out once per column and kept, so a page that builds a large table on a
    # worker (the Cases page) can work them out there too, leaving the GUI thread only the widgets.
    @property
    def sort_key(self) -> np.ndarray:
        """What the column sorts on; text keys are lower-cased on the first sort, not on every fill."""
        if self._sort is None:
            self._sort = np.asarray(self.key) if self.key is not None else np.char.lower(np.asarray(self.text).astype(str))
        return self._sort

    @property
    def ranking(self) -> np.ndarray:
        """Every row in ascending order of the sort key (stable: equal keys keep their order)."""
        if self._ranking is None:
            self._ranking = np.argsort(self.sort_key, kind="stable")
        return self._ranking

    def longest(self, n: int) -> list[str]:
        """The ``n`` longest texts by character count: what a column's width is measured on."""
        if n not in self._longest:
            texts = self.text.tolist()  # type: ignore[attr-defined]  # a list iterates faster than an array
            try:
                lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
            except TypeError:  # a cell that is not text
                texts = [str(t) for t in texts]
                lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
            rows = np.argpartition(lengths, -n)[-n:] if len(texts) > n else range(len(texts))
            self._longest[n] = [texts[i] for i in rows]
        return self._longest[n]


class ColumnTableModel(QAbstractTableModel):
    """Rows are shown in ``order`` (indices into the column arrays); colours name palette.STATES.

    Signals: check_toggled(int, bool): the user ticked or cleared a checkbox (source row, checked).
    """

    check_toggled = Signal(int, bool)
    marks_changed = Signal()  # cells were highlighted or cleared: the view re-measures them in the highlight font

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Column] = []
        self.colours: np.ndarray = np.empty(0, dtype=object)
        self.order: np.ndarray = np.empty(0, dtype=np.int64)
        self._rows: list[int] = []  # order as a list: a paint indexes it thousands of times
        self._colour_of: list[str] = []  # colours as a list: a paint looks rows up one by one
        self._roles: dict[int, Any] = {}  # role -> (source row, column) -> value; see _answer
        self._mask: np.ndarray | None = None
        self._sorted = (-1, Qt.SortOrder.AscendingOrder)
        self._ranking: np.ndarray | None = None  # every row in the current sort order (argsorted once per sort)
        self._brushes: dict[str, tuple[QBrush, QBrush]] = {}
        self.marks: dict[tuple[int, int], str] = {}  # (source row, column) -> tooltip, e.g. the old value
        self._mark_font = QFont()
        self._mark_font.setBold(True)
        self._use_palette()

    def _use_palette(self) -> None:
        """Background and text brush per state, for the light or dark palette in use (readable in both)."""
        dark = palette.is_dark()
        self._brushes = {
            name: (QBrush(QColor(pair[dark].background)), QBrush(QColor(pair[dark].text)))
            for name, pair in palette.STATES.items()
        }
        self._mark_brush = self._brushes["mark"][0]

    # -- filling ----------------------------------------------------------------
    def set_columns(self, columns: list[Column], colours: Sequence[str] | np.ndarray | None = None) -> None:
        self.beginResetModel()
        self.columns = columns
        n = len(columns[0].text) if columns else 0
        self.colours = np.asarray(colours if colours is not None else [""] * n, dtype=object)
        self._use_palette()
        self.marks = {}
        self._mask = None
        self._ranking = None
        self._set_order(self._arrange(np.arange(n)))
        self._answer()
        self.endResetModel()

    def _set_order(self, order: np.ndarray) -> None:
        self.order = order
        self._rows = order.tolist()

    def _answer(self) -> None:
        """Which roles this model answers, each as a function of (source row, column); the rest are None."""
        self._colour_of = self.colours.tolist()
        roles: dict[int, Any] = {
            _R.DisplayRole: lambda row, c: self.columns[c].text[row],
            _R.ToolTipRole: self._tooltip,
            RAW_ROLE: lambda row, c: row,
        }
        if any(self._colour_of):
            roles[_R.BackgroundRole] = lambda row, c: self._brush(row, 0)
            roles[_R.ForegroundRole] = lambda row, c: self._brush(row, 1)
        if self.marks:
            roles[_R.BackgroundRole] = self._marked_background
            roles[_R.ForegroundRole] = self._marked_foreground
            roles[_R.FontRole] = lambda row, c: self._mark_font if (row, c) in self.marks else None
        if any(c.align_right for c in self.columns):
            right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            roles[_R.TextAlignmentRole] = lambda row, c: right if self.columns[c].align_right else None
        if any(c.checks is not None for c in self.columns):
            roles[_R.CheckStateRole] = self._check_state
        self._roles = roles

    def _brush(self, row: int, part: int) -> QBrush | None:
        """The row's background (part 0) or text (part 1) brush, from its colour name."""
        pair = self._brushes.get(self._colour_of[row])
        return pair[part] if pair is not None else None

    def marked_columns(self) -> set[int]:
        return {c for _, c in self.marks}

    def _marked_background(self, row: int, column: int) -> QBrush | None:
        if (row, column) in self.marks:
            return self._mark_brush
        return self._brush(row, 0) if self._colour_of else None

    def _marked_foreground(self, row: int, column: int) -> QBrush | None:
        if (row, column) in self.marks:
            return self._brushes["mark"][1]
        return self._brush(row, 1) if self._colour_of else None

    def _tooltip(self, row: int, column: int) -> str | None:
        if (row, column) in self.marks:
            return self.marks[(row, column)]
        tips = self.columns[column].tooltip
        return plain.tip(tips[row]) if tips is not None and tips[row] else None

    def _check_state(self, row: int, column: int) -> Qt.CheckState | None:
        checks = self.columns[column].checks
        if checks is None or checks[row] is None:
            return None
        return Qt.CheckState.Checked if checks[row] else Qt.CheckState.Unchecked

    def set_marks(self, marks: dict[tuple[int, int], str]) -> None:
        """Highlight cells by (source row, column index), with the text as their tooltip; {} clears."""
        self.marks = dict(marks)
        self._answer()
        self.marks_changed.emit()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole],
            )

    def set_texts(self, column: int, texts: Sequence[str]) -> None:
        """New texts for one column (shown on the next paint); a sort on it is redone on the next arrange."""
        self.columns[column].set_text(texts)
        if self._sorted[0] == column:
            self._ranking = None

    def column_index(self, title: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.title == title), -1)

    @property
    def total_rows(self) -> int:
        return len(self.columns[0].text) if self.columns else 0

    def set_mask(self, mask: np.ndarray | None) -> None:
        """Show only rows where mask is True (None shows all), keeping the sort."""
        self.beginResetModel()
        self._mask = mask
        rows = np.arange(self.total_rows) if mask is None else np.flatnonzero(mask)
        self._set_order(self._arrange(rows))
        self.endResetModel()

    def _arrange(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` in the sort order: a filter picks from the ranking of all rows, no new argsort."""
        column, direction = self._sorted
        if column < 0 or column >= len(self.columns) or len(rows) == 0:
            return rows
        if self._ranking is None:
            ranking: np.ndarray = self.columns[column].ranking
            self._ranking = ranking[::-1].copy() if direction == Qt.SortOrder.DescendingOrder else ranking
        if len(rows) == self.total_rows:
            return self._ranking.copy()
        shown = np.zeros(self.total_rows, dtype=bool)
        shown[rows] = True
        picked: np.ndarray = self._ranking[shown[self._ranking]]
        return picked

    def source_row(self, view_row: int) -> int:
        return int(self.order[view_row])

    def view_row(self, source_row: int) -> int:
        found = np.flatnonzero(self.order == source_row)
        return int(found[0]) if len(found) else -1

    def source_rows(self) -> list[int]:
        """The source row of every shown row, in view order."""
        return self._rows

    # -- Qt interface -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        answer = self._roles.get(role)
        if answer is None or not index.isValid():
            return None
        return answer(self._rows[index.row()], index.column())

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        checks = self.columns[index.column()].checks
        if checks is not None and checks[self._rows[index.row()]] is not None:
            return PLAIN_FLAGS | Qt.ItemFlag.ItemIsUserCheckable
        return PLAIN_FLAGS

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        checks = self.columns[index.column()].checks if index.isValid() else None
        row = self._rows[index.row()] if index.isValid() else -1
        if role != Qt.ItemDataRole.CheckStateRole or checks is None or checks[row] is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        checks[row] = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.check_toggled.emit(row, checked)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole title, where a narrow column ends it in "…"
            column = self.columns[section]
            return f"{column.title}: {column.header_tip}" if column.header_tip else column.title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        rows_before = [self._rows[i.row()] for i in persistent]
        self._sorted, self._ranking = (column, order), None
        self._set_order(self._arrange(self.order.copy()))
        position = np.empty(self.total_rows, dtype=np.int64)  # source row -> view row (unshown rows: unused)
        position[self.order] = np.arange(len(self.order))
        self.changePersistentIndexList(
            persistent, [self.index(int(position[r]), i.column()) for r, i in zip(rows_before, persistent, strict=True)]
        )
        self.layoutChanged.emit()
