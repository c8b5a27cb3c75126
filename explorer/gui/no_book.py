"""What the Customers page shows before a book is open: what to do, and the two ways to start.

Signals: open_requested(), sample_requested().
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class NoBookPane(QWidget):
    open_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hint = QLabel(
            "<h2>No contract book is open</h2><p>Open your contract spreadsheets (.xlsx, .xls, .ods, .csv) "
            "with <b>File ▸ Open</b>, drop them on this window, or look around in the bundled sample.</p>",
            self,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        open_button = QPushButton("Open contract book…", self)
        open_button.clicked.connect(self.open_requested)
        sample_button = QPushButton("Open the sample", self)
        sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(sample_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addStretch(2)
