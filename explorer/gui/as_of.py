"""The as-of date in the toolbar: every status and SLA outcome is judged on it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from explorer.gui.keyboard import DateEdit


class AsOfEdit(DateEdit):
    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(QDate(day.year, day.month, day.day), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setToolTip("Every status and SLA outcome is judged on this date")
        self.setAccessibleName("As-of date")

    def value(self) -> date:
        shown = self.date()
        return date(shown.year(), shown.month(), shown.day())

    def set_quietly(self, day: date) -> None:
        """Show ``day`` without announcing a change (a workspace about to open brings its own day)."""
        self.blockSignals(True)
        self.setDate(QDate(day.year, day.month, day.day))
        self.blockSignals(False)
