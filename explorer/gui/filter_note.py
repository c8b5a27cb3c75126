"""The note a book page shows while it follows a filtered customer list: "filtered: 3 of 44 customers · Show all".

Signals: clear_requested() from its Show all button.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from explorer.gui import plain


class FilterNote(QWidget):
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain.label(QLabel(self))
        self.button = QPushButton("Show all customers", self)
        self.button.setAccessibleName("Clear the customer filter")
        self.button.clicked.connect(self.clear_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.hide()

    def set_note(self, text: str) -> None:
        """'' hides the note (the list shows every customer)."""
        self.label.setText(f"Following the customer list ({text})" if text else "")
        self.setVisible(bool(text))
