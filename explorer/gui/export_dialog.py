"""Export: which customers (all, the filtered list, the selected one) and where to write the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from explorer.app.view_model import Scope
from explorer.gui import settings


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget, total: int, shown: int, has_selection: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export SLA report")
        self.all = QRadioButton(f"All customers ({total})", self)
        self.filtered = QRadioButton(f"The customers in the filtered list ({shown})", self)
        self.selected = QRadioButton("The selected customer", self)
        self.all.setChecked(True)
        self.filtered.setEnabled(shown != total)
        self.selected.setEnabled(has_selection)
        folder = QSettings().value(settings.LAST_EXPORT_FOLDER, str(Path.home()))
        self.path = QLineEdit(str(Path(str(folder)) / f"SLA report {date.today():%Y-%m-%d}.xlsx"), self)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Include:", self))
        for radio in (self.all, self.filtered, self.selected):
            layout.addWidget(radio)
        layout.addWidget(QLabel("Save as:", self))
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save report as", self.path.text(), "Excel workbook (*.xlsx)")
        if name:
            self.path.setText(name if name.lower().endswith(".xlsx") else f"{name}.xlsx")

    @property
    def target(self) -> str:
        text = self.path.text().strip()
        return text if text.lower().endswith(".xlsx") else f"{text}.xlsx"

    @property
    def scope(self) -> Scope:
        return Scope.FILTERED if self.filtered.isChecked() else Scope.SELECTED if self.selected.isChecked() else \
            Scope.ALL
