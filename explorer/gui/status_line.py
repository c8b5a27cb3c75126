"""The window's status line: what is shown or being done, and while work runs, its progress and Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from explorer.gui import plain


class StatusLine(QObject):
    def __init__(self, bar: QStatusBar, cancel: Callable[[], None]) -> None:
        super().__init__(bar)
        self.label = plain.label(QLabel(bar))  # names files and customers
        self.label.setWordWrap(True)  # wraps at 16 pt in a 1024 px window instead of being cut
        self.progress = QProgressBar(bar)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton("Cancel", bar)
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(lambda: cancel())
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        # as tall idle as busy: Cancel coming and going would resize the page above, repainting its table
        # while a worker holds the GIL (explorer.gui.operations)
        bar.setMinimumHeight(bar.sizeHint().height())
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
