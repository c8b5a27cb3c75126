"""Column widths from the font in use, and a header menu to choose which columns show.

Widths are measured with the view's font metrics on the header text and the longest
texts of the column (a sample of the longest by character count, so a 200,000-row
table is not measured row by row), so a 16 pt font or a high-DPI screen widens the
columns instead of cutting headers to "hest Progr".
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import QMenu, QTableView

from explorer.gui.column_model import ColumnTableModel

SAMPLE = 12  # the longest texts measured per column
MAX_EMS = 40  # a very long column (messages, notes) starts at this many character widths; the user can widen it
MIN_PROSE_EMS = 12  # a prose column gives way down to this many character widths (its full text on hover)
FITTED = "columns_fitted"  # view property: default hidden columns applied once
# Values a reader scans for and must see whole (never elided): dates, statuses, programs. Their columns get
# their full width first; every other column is prose that gives way when the view is too narrow for all.
KEPT_WHOLE = frozenset(
    {
        "Date",
        "Status",
        "Program",
        "Programs",
        "Tier",
        "Outcome",
        "Priority",
        "Term End",
        "Next Key Date",
        "Opened (UTC)",
        "Due (UTC)",
        "First Response (UTC)",
    }
)


def kept_whole(title: str) -> bool:
    return title in KEPT_WHOLE


def text_width(view: QTableView, column: int) -> int:
    """Pixels the column needs: its header (with room for the sort arrow) or its longest texts, measured in the
    highlight (bold) font where the column has highlighted cells; a prose column starts at most MAX_EMS wide."""
    model = view.model()
    assert isinstance(model, ColumnTableModel)
    header = view.horizontalHeader()
    title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    em = view.fontMetrics().averageCharWidth()
    metrics = view.fontMetrics()
    if column in model.marked_columns():
        bold = QFont(view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
    needed = header.fontMetrics().horizontalAdvance(title) + 5 * em // 2  # padding and the sort indicator
    texts = model.columns[column].longest(SAMPLE)
    if texts:
        needed = max(needed, max(metrics.horizontalAdvance(t) for t in texts) + 2 * em)
    return int(needed if kept_whole(title) else min(needed, MAX_EMS * em))


def fit(view: QTableView, hidden_by_default: Iterable[str] = ()) -> None:
    """Size every shown column from the font; the first time, hide the named columns (the header menu shows them)."""
    model = view.model()
    assert isinstance(model, ColumnTableModel)
    hidden = set(hidden_by_default)
    if not view.property(FITTED) and model.columns:
        view.setProperty(FITTED, True)
        for c, column in enumerate(model.columns):
            view.setColumnHidden(c, column.title in hidden)
        install_menu(view)
    metrics = view.fontMetrics()
    view.verticalHeader().setDefaultSectionSize(metrics.height() + max(4, metrics.height() // 3))
    shown = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    widths = {c: text_width(view, c) for c in shown}
    room = view.viewport().width() if view.isVisible() else 0
    over = sum(widths.values()) - room
    if room and over > 0:  # too narrow for all: prose gives way, widest first, so the values stay whole
        floor = MIN_PROSE_EMS * metrics.averageCharWidth()
        for c in sorted((c for c in shown[1:] if not kept_whole(model.columns[c].title)), key=lambda c: -widths[c]):
            give = min(over, max(0, widths[c] - floor))
            widths[c] -= give
            over -= give
    for c, width in widths.items():
        view.setColumnWidth(c, width)


def fit_marked(view: QTableView) -> None:
    """Widen the columns with highlighted cells to their highlight font (a bold date is wider)."""
    model = view.model()
    assert isinstance(model, ColumnTableModel)
    for c in model.marked_columns():
        if not view.isColumnHidden(c):
            view.setColumnWidth(c, max(view.columnWidth(c), text_width(view, c)))


def install_menu(view: QTableView) -> None:
    """Right-click on the header: a checkable list of the columns (the first always shows)."""
    header = view.horizontalHeader()
    if header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu:
        return
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda point: column_menu(view).popup(header.mapToGlobal(point)))


def column_menu(view: QTableView) -> QMenu:
    menu = QMenu(view)
    model = view.model()
    for c in range(model.columnCount()):
        action = QAction(str(model.headerData(c, Qt.Orientation.Horizontal)), menu)
        action.setCheckable(True)
        action.setChecked(not view.isColumnHidden(c))
        action.setEnabled(c != 0)
        action.toggled.connect(lambda shown, c=c: show_column(view, c, shown))
        menu.addAction(action)
    return menu


def show_column(view: QTableView, column: int, shown: bool) -> None:
    view.setColumnHidden(column, not shown)
    if shown:
        view.setColumnWidth(column, text_width(view, column))
