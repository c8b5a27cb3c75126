"""The note above the pages when a file of the open book changed on disk: Reload, or Dismiss.

Signals: reload_requested().
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from explorer.gui import palette, plain


class ChangedFilesBar(QFrame):
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changed_bar")
        self.setStyleSheet(palette.banner_style("QFrame#changed_bar"))
        self.label = plain.label(QLabel(self))
        reload_button = QPushButton("Reload", self)
        reload_button.setAccessibleName("Reload the changed files")
        reload_button.clicked.connect(self.hide)
        reload_button.clicked.connect(self.reload_requested)
        dismiss = QPushButton("Dismiss", self)
        dismiss.setAccessibleName("Dismiss the changed-files note")
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(reload_button)
        layout.addWidget(dismiss)
        self.hide()

    def show_file(self, path: str) -> None:
        self.label.setText(f"{Path(path).name} has changed on disk. Reload to see the new version.")
        self.show()
