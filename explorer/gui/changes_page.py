"""The Changes page: what changed between another version of the book and the one open.

File ▸ Compare With… reads the other version in the background (the same importer,
mappings and catalog) and compares it with the open book through explorer.app.diff:
the other version is the old one, the open book the new. The page lists every
change, filterable by kind and customer; double-click opens the customer.

Signals: customer_requested(str) with a customer key; compared() after a comparison
is shown or cleared.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.app.cancel import CancelToken
from explorer.app.diff import CHANGE_COLUMNS, BookDiff, compare_books, load_version
from explorer.app.session import Session
from explorer.app.workspace import SUFFIX as WORKSPACE_SUFFIX
from explorer.app.workspace import missing_line
from explorer.gui import messages, palette, plain, settings
from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.operations import Operations
from explorer.gui.save_as import ask_save_path
from explorer.gui.tables import fit_columns, make_view
from explorer.model import Book
from explorer.outputs.changes import CHANGE_KINDS

OPEN_FILTER = f"Contract books or workspaces (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv *{WORKSPACE_SUFFIX});;All files (*)"
KIND_COLOURS = {
    "Added": "green",
    "Upgrade": "green",
    "Contact added": "green",
    "Removed": "red",
    "Contact removed": "red",
    "Downgrade": "amber",
    "Renewed": "blue",
}
ALL_KINDS = "All changes"


class ChangesPage(QWidget):
    customer_requested = Signal(str)
    compared = Signal()

    def __init__(self, session: Callable[[], Session | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.diff: BookDiff | None = None
        self.compared_book: Book | None = None  # the open book the comparison was made with
        self.other_files: list[str] = []
        self._kinds = np.empty(0, dtype=object)
        self._customers = np.empty(0, dtype=object)
        self.compare_action = QAction("Compare With…", self)
        self.compare_action.setToolTip("Compare the open book with another version of it (last quarter's, say)")
        self.compare_action.triggered.connect(lambda checked=False: self.choose_other())
        self.export_action = QAction("Export Changes…", self)
        self.export_action.triggered.connect(lambda checked=False: self.choose_export())
        self.export_action.setEnabled(False)

        self.empty = QWidget(self)
        hint = QLabel(
            "<h3>Nothing compared yet</h3><p>Open this quarter's book, then compare it with an earlier "
            "version (its files, or a saved workspace) to see who renewed, upgraded, dropped an add-on, "
            "changed term or named contacts.</p>",
            self.empty,
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        start = QPushButton("Compare With…", self.empty)
        start.clicked.connect(lambda: self.choose_other())
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(hint)
        empty_layout.addWidget(start, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.content = QWidget(self)
        self.header = QLabel(self.content)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        # notes about the comparison that are not changes (rows in both books twice, say): below the changes,
        # in the secondary ink, so the changes stay the page's first and largest thing
        self.warnings = plain.label(QLabel(self.content))
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setAccessibleName("Notes on the comparison")
        self.kind = QComboBox(self.content)
        self.kind.setAccessibleName("Kind of change")
        self.customer = QLineEdit(self.content)
        self.customer.setPlaceholderText("Filter by customer")
        self.customer.setAccessibleName("Filter changes by customer")
        self.customer.setClearButtonEnabled(True)
        self.count = QLabel(self.content)
        export = QPushButton("Export Changes…", self.content)
        export.clicked.connect(lambda: self.choose_export())
        self.model = ColumnTableModel(self)
        self.view = make_view(self.content, self.model, "changes")
        self.view.empty_text = "No change matches the filter."
        self.view.doubleClicked.connect(self._open_customer)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.customer, 1)
        filters.addWidget(self.count)
        filters.addWidget(export)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(4, 4, 4, 0)
        content_layout.addWidget(self.header)
        content_layout.addLayout(filters)
        content_layout.addWidget(self.view, 1)
        content_layout.addWidget(self.warnings)

        self.progress_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel)
        busy = QHBoxLayout()
        busy.addWidget(self.progress_label, 1)
        busy.addWidget(self.progress)
        busy.addWidget(self.cancel_button)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addLayout(busy)
        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.customer.textChanged.connect(self.apply_filter)
        self.operations = Operations(self, self.progress_label.setText, self._set_busy)
        self._set_busy(False)

    # -- comparing ------------------------------------------------------------------
    def choose_other(self) -> None:
        if self._session() is None:
            messages.info(
                self, "Open a book first", "Open the current contract book first, then compare it with another version of it."
            )
            return
        start = str(QSettings().value("last_compare_folder", QSettings().value("last_folder", str(Path.home()))))
        files, _ = QFileDialog.getOpenFileNames(self, "Compare the open book with", start, OPEN_FILTER)
        if files:
            QSettings().setValue("last_compare_folder", str(Path(files[0]).parent))
            self.compare_with(files)

    def compare_with(self, files: list[str]) -> None:
        """Read ``files`` as the old version and compare the open book (the new one) with it, in the background."""
        session = self._session()
        if session is None:
            return
        book, catalog = session.book, session.catalog

        def work(cancel: CancelToken, progress: Callable[[str], None]) -> tuple[list[str], BookDiff]:
            other = load_version(files, catalog, progress)
            progress("Comparing")
            return other.missing, compare_books(other.book, book, catalog)

        def done(result: tuple[list[str], BookDiff]) -> None:
            missing, diff = result
            self.compared_book = book
            self.show_diff(diff, files)
            if missing:
                messages.warning(
                    self,
                    "Some files are missing",
                    "These files named in the workspace cannot be opened; the rest was compared:\n\n"
                    + "\n".join(map(missing_line, missing)),
                )

        self.operations.run(work, f"Reading {', '.join(Path(f).name for f in files)}", done)

    def show_diff(self, diff: BookDiff, files: list[str]) -> None:
        self.diff, self.other_files = diff, list(files)
        changes = diff.changes
        counts = diff.counts()
        customers = changes["key"].nunique()
        old = html.escape(", ".join(Path(f).name for f in diff.old_files))
        new = html.escape(", ".join(Path(f).name for f in diff.new_files))
        total = len(changes)
        self.header.setText(
            f"Changes from <b>{old}</b> to the open book (<b>{new}</b>): "
            + (
                f"<b>{total}</b> change{'s' if total != 1 else ''} for {customers} customer{'s' if customers != 1 else ''}"
                if total
                else "<b>no changes</b>"
            )
        )
        self.warnings.setText("Notes, not changes:\n" + "\n".join(f"• {w}" for w in diff.warnings))
        self.warnings.setStyleSheet(f"QLabel {{ color: {palette.ink('muted')}; }}")
        self.warnings.setVisible(bool(diff.warnings))
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(f"{ALL_KINDS} ({total})", "")
        for kind in CHANGE_KINDS:
            if counts.get(kind):
                self.kind.addItem(f"{kind} ({counts[kind]})", kind)
        self.kind.blockSignals(False)
        self._kinds = changes["Change"].to_numpy(dtype=object)
        self._customers = np.asarray([c.casefold() for c in changes["Customer"]], dtype=object)
        self.model.set_columns(
            [
                Column(
                    title,
                    changes[title].tolist(),
                    tooltip=changes[title].tolist() if title in ("Old", "New", "Key Dates Affected") else None,
                )
                for title in CHANGE_COLUMNS
            ],
            [KIND_COLOURS.get(k, "") for k in self._kinds],
        )
        fit_columns(self.view)
        self.stack.setCurrentWidget(self.content)
        self.export_action.setEnabled(True)
        self.apply_filter()
        self.compared.emit()

    def clear(self) -> None:
        """Forget the comparison (a new book was opened: it would compare the wrong things)."""
        self.diff, self.other_files, self.compared_book = None, [], None
        self.model.set_columns([])
        self.stack.setCurrentWidget(self.empty)
        self.export_action.setEnabled(False)
        self.compared.emit()

    def apply_filter(self) -> None:
        if self.diff is None:
            return
        keep = np.ones(len(self._kinds), dtype=bool)
        kind = self.kind.currentData()
        if kind:
            keep &= self._kinds == kind
        text = self.customer.text().strip().casefold()
        if text:
            keep &= np.fromiter((text in c for c in self._customers), dtype=bool, count=len(self._customers))
        self.model.set_mask(None if keep.all() else keep)
        self.count.setText(f"{self.model.rowCount()} of {self.model.total_rows}")

    def changed_keys(self) -> set[str]:
        return self.diff.changed_customers() if self.diff is not None else set()

    def _open_customer(self, index: QModelIndex) -> None:
        if self.diff is not None and index.isValid():
            self.customer_requested.emit(str(self.diff.changes["key"].iat[int(index.data(RAW_ROLE))]))

    # -- export -----------------------------------------------------------------------
    def choose_export(self) -> None:
        if self.diff is None:
            return
        start = Path(str(QSettings().value(settings.LAST_EXPORT_FOLDER, str(Path.home())))) / "changes.xlsx"
        target = ask_save_path(self, "Export changes", start, "Excel workbook", ".xlsx")
        if target:
            self.export(target)

    def export(self, target: str) -> None:
        diff = self.diff
        if diff is None:
            return

        def work(cancel: CancelToken, progress: Callable[[str], None]) -> Path:
            from explorer.outputs.changes_workbook import write_changes

            return write_changes(diff, target, diff.old_files + diff.new_files, cancel)

        self.operations.run(work, f"Writing {Path(target).name}", self._exported)

    def _exported(self, target: Path) -> None:
        QSettings().setValue(settings.LAST_EXPORT_FOLDER, str(target.parent))
        messages.written(self, "Changes written", "The changes were written to", target)

    def cancel(self) -> None:
        self.operations.cancel()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.progress_label, self.progress, self.cancel_button):
            widget.setVisible(busy)
        self.compare_action.setEnabled(not busy)

    @property
    def busy(self) -> bool:
        return self.operations.running
