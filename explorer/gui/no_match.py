"""What the detail pane shows when the customer filter matches nobody: never the last customer's data.

Signals: clear_requested() from its Clear filter button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

EMPTY_BOOK = "The book holds no customer: no contract was read from it. The Findings page says why."


def no_match_text(filter_text: str) -> str:
    if filter_text:
        return f"No customer matches '{filter_text}'"
    return "No customer matches the quick filters"


class NoMatchPane(QWidget):
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.message.setFont(font)
        self.clear_button = QPushButton("Clear filter", self)
        self.clear_button.setAccessibleName("Clear the customer filter")
        self.clear_button.clicked.connect(self.clear_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_filter(self, filter_text: str, customers: int) -> None:
        """Why no customer shows: the filter (which Clear filter undoes), or a book of none (which it would not)."""
        self.message.setText(no_match_text(filter_text) if customers else EMPTY_BOOK)
        self.clear_button.setVisible(bool(customers))
