"""Ctrl+C on any table copies the selected rows with their headers as tab-separated text.

Tab-separated lines paste into Excel, LibreOffice and Google Sheets as cells, so a
selection leaves the app as a small table rather than the one cell Qt copies by default.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QTableView


def _cell(value: object) -> str:
    """A cell's text on one line: a tab or newline inside it would split the pasted cell."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("\t", " ").splitlines())


def rows_as_text(view: QTableView) -> str:
    """The selected rows (all rows when nothing is selected) of the visible columns, in view order, with headers."""
    model = view.model()
    header = view.horizontalHeader()
    columns = [header.logicalIndex(v) for v in range(header.count())]
    columns = [c for c in columns if not view.isColumnHidden(c)]
    selection = view.selectionModel()
    rows = sorted({i.row() for i in selection.selectedIndexes()}) if selection is not None else []
    if not rows:
        rows = list(range(model.rowCount()))
    lines = ["\t".join(_cell(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)]
    lines += ["\t".join(_cell(model.index(r, c).data()) for c in columns) for r in rows]
    return "\r\n".join(lines) + "\r\n"  # Excel's own clipboard line ends


def copy_rows(view: QTableView) -> str:
    text = rows_as_text(view)
    QGuiApplication.clipboard().setText(text)
    return text


def install(view: QTableView) -> QAction:
    """Ctrl+C (the platform's Copy) on this view copies rows, not the current cell."""
    action = QAction("Copy Rows", view)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda checked=False: copy_rows(view))
    view.addAction(action)
    return action
