"""A table model over column arrays: the one model behind every table of the app.

Display text is computed once per column (not per paint), sorting is a numpy
argsort of a per-column key, and filtering is a boolean mask: at 100k rows a
sort or filter takes milliseconds where QSortFilterProxyModel takes seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from explorer.gui import palette

Index = QModelIndex | QPersistentModelIndex
ROW_COLOURS = {name: light.background for name, (light, _) in palette.STATES.items()}  # the light palette's
MARK_COLOUR = ROW_COLOURS["mark"]  # a cell marked as changed since another version of the book (and bold)
RAW_ROLE = Qt.ItemDataRole.UserRole  # the row's index into the source arrays


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

    def __post_init__(self) -> None:
        self.text = np.asarray(self.text, dtype=object)  # type: ignore[assignment]  # fast fancy indexing

    @property
    def sort_key(self) -> np.ndarray:
        """What the column sorts on; text keys are lower-cased on the first sort, not on every fill."""
        if self._sort is None:
            self._sort = np.asarray(self.key) if self.key is not None else np.char.lower(np.asarray(self.text).astype(str))
        return self._sort


class ColumnTableModel(QAbstractTableModel):
    """Rows are shown in ``order`` (indices into the column arrays); colours name palette.STATES.

    Signals: check_toggled(int, bool): the user ticked or cleared a checkbox (source row, checked).
    """

    check_toggled = Signal(int, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Column] = []
        self.colours: np.ndarray = np.empty(0, dtype=object)
        self.order: np.ndarray = np.empty(0, dtype=np.int64)
        self._mask: np.ndarray | None = None
        self._sorted = (-1, Qt.SortOrder.AscendingOrder)
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
    def set_columns(self, columns: list[Column], colours: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        self.columns = columns
        n = len(columns[0].text) if columns else 0
        self.colours = np.asarray(colours if colours is not None else [""] * n, dtype=object)
        self._use_palette()
        self.marks = {}
        self._mask = None
        self.order = self._arrange(np.arange(n))
        self.endResetModel()

    def set_marks(self, marks: dict[tuple[int, int], str]) -> None:
        """Highlight cells by (source row, column index), with the text as their tooltip; {} clears."""
        self.marks = dict(marks)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole],
            )

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
        self.order = self._arrange(rows)
        self.endResetModel()

    def _arrange(self, rows: np.ndarray) -> np.ndarray:
        column, direction = self._sorted
        if column < 0 or column >= len(self.columns) or len(rows) == 0:
            return rows
        keys = self.columns[column].sort_key[rows]
        ranked = rows[np.argsort(keys, kind="stable")]
        return ranked[::-1].copy() if direction == Qt.SortOrder.DescendingOrder else ranked

    def source_row(self, view_row: int) -> int:
        return int(self.order[view_row])

    def view_row(self, source_row: int) -> int:
        found = np.flatnonzero(self.order == source_row)
        return int(found[0]) if len(found) else -1

    # -- Qt interface -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = int(self.order[index.row()])
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text[row]
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.marks and (row, index.column()) in self.marks:
                return self._mark_brush
            colour = self.colours[row]
            return self._brushes[colour][0] if colour in self._brushes else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.marks and (row, index.column()) in self.marks:
                return self._brushes["mark"][1]
            colour = self.colours[row]
            return self._brushes[colour][1] if colour in self._brushes else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.marks and (row, index.column()) in self.marks:
                return self.marks[(row, index.column())]
            return column.tooltip[row] if column.tooltip is not None and column.tooltip[row] else None
        if role == Qt.ItemDataRole.FontRole and self.marks and (row, index.column()) in self.marks:
            return self._mark_font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RAW_ROLE:
            return row
        if role == Qt.ItemDataRole.CheckStateRole and column.checks is not None and column.checks[row] is not None:
            return Qt.CheckState.Checked if column.checks[row] else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            checks = self.columns[index.column()].checks
            if checks is not None and checks[int(self.order[index.row()])] is not None:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        checks = self.columns[index.column()].checks if index.isValid() else None
        row = int(self.order[index.row()]) if index.isValid() else -1
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
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].header_tip:
            return self.columns[section].header_tip
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        rows_before = [int(self.order[i.row()]) for i in persistent]
        self._sorted = (column, order)
        self.order = self._arrange(self.order.copy())
        position = {int(r): i for i, r in enumerate(self.order)} if persistent else {}
        self.changePersistentIndexList(
            persistent, [self.index(position[r], i.column()) for r, i in zip(rows_before, persistent, strict=True)]
        )
        self.layoutChanged.emit()
