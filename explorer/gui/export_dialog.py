"""Export: which customers (all, the filtered list, the selected ones) and where to write the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from explorer import clock
from explorer.app import periods
from explorer.app.periods import Period
from explorer.app.view_model import Scope
from explorer.gui import settings
from explorer.gui.save_as import with_suffix


@dataclass(frozen=True)
class ExportKind:
    title: str  # the dialog's title
    stem: str  # the suggested file name, before the date
    suffix: str
    filter: str  # for the file dialog
    internal: bool = False  # offers "with the book's findings" (the entitlement sheet: the customer's copy by default)
    window: bool = False  # offers the compliance window (the report)


REPORT = ExportKind("Export SLA report", "SLA report", ".xlsx", "Excel workbook (*.xlsx)", window=True)
CALENDAR = ExportKind("Export calendar", "Key dates", ".ics", "iCalendar file (*.ics)")
SHEET = ExportKind("Export entitlement sheet", "Entitlement sheet", ".pdf", "PDF document (*.pdf)", internal=True)
BRIEF = ExportKind("Export renewal brief", "Renewal brief", ".pdf", "PDF document (*.pdf)")


class ExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        total: int,
        shown: int,
        selected: int,
        kind: ExportKind = REPORT,
        default: Scope = Scope.ALL,
        period: Period = periods.ALL,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(kind.title)
        self.all = QRadioButton(f"All customers ({total})", self)
        self.filtered = QRadioButton(f"The customers in the filtered list ({shown})", self)
        self.selected = QRadioButton(f"The selected customers ({selected})" if selected != 1 else "The selected customer", self)
        self.filtered.setEnabled(shown != total)
        self.selected.setEnabled(selected > 0)
        chosen = {Scope.ALL: self.all, Scope.FILTERED: self.filtered, Scope.SELECTED: self.selected}[default]
        (chosen if chosen.isEnabled() else self.all).setChecked(True)
        folder = QSettings().value(settings.LAST_EXPORT_FOLDER, str(Path.home()))
        self.path = QLineEdit(str(Path(str(folder)) / f"{kind.stem} {clock.today():%Y-%m-%d}{kind.suffix}"), self)
        self.path.setAccessibleName("File to save")
        browse = QPushButton("Browse…", self)
        browse.setAccessibleName("Choose where to save")
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
        self.internal = QCheckBox("Include the contract book's findings (an internal copy, not for the customer)", self)
        self.internal.setAccessibleName("Include the contract book's findings")
        if kind.internal:
            layout.addWidget(self.internal)
        else:
            self.internal.hide()
        self.period = QComboBox(self)  # the compliance window: the same choices as everywhere (explorer.app.periods)
        self.period.setAccessibleName("Compliance window")
        for choice in periods.CUSTOMER_CHOICES:
            self.period.addItem(choice.name, choice.spelling)
        self.period.setCurrentText(period.name)
        if kind.window:
            row_window = QHBoxLayout()
            row_window.addWidget(QLabel("Compliance window:", self))
            row_window.addWidget(self.period, 1)
            layout.addLayout(row_window)
        else:
            self.period.hide()
        layout.addWidget(QLabel("Save as:", self))
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save as", self.path.text(), self.kind.filter)
        if name:
            self.path.setText(with_suffix(name, self.kind.suffix))

    @property
    def target(self) -> str:
        text = self.path.text().strip()
        return with_suffix(text, self.kind.suffix)

    @property
    def chosen_period(self) -> Period:
        return periods.parse(str(self.period.currentData()))

    @property
    def scope(self) -> Scope:
        return Scope.FILTERED if self.filtered.isChecked() else Scope.SELECTED if self.selected.isChecked() else Scope.ALL
