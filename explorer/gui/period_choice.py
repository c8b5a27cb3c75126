"""A compliance window to choose: the periods the reports offer (explorer.app.periods), or a chosen range.

Signals: changed() after another window was chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from explorer.app import periods
from explorer.app.periods import Period
from explorer.gui.keyboard import DateEdit

CHOSEN = "Chosen range…"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodChoice(QWidget):
    changed = Signal()

    def __init__(self, choices: Sequence[Period] = periods.CUSTOMER_CHOICES, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = list(choices)
        self.combo = QComboBox(self)
        self.combo.addItems([p.name for p in self.choices] + [CHOSEN])
        self.combo.setAccessibleName("Period")
        self.combo.setToolTip("Which cases count: those opened in this window (up to the as-of date)")
        self.start, self.end = DateEdit(self), DateEdit(self)
        for edit, name in ((self.start, "Period from"), (self.end, "Period to")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._range_changed)
        self.dash = QLabel("–", self)
        caption = QLabel("Period", self)
        caption.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (caption, self.combo, self.start, self.dash, self.end):
            layout.addWidget(widget)
        self.combo.currentIndexChanged.connect(self._combo_changed)
        self._show_range(False)

    def period(self) -> Period:
        index = self.combo.currentIndex()
        if 0 <= index < len(self.choices):
            return self.choices[index]
        start, end = _day(self.start.date()), _day(self.end.date())
        return periods.chosen(min(start, end), max(start, end))

    def choose(self, period: Period) -> None:
        """Show ``period`` (a chosen range fills the two dates)."""
        if period in self.choices:
            self.combo.setCurrentIndex(self.choices.index(period))
            return
        if period.start is not None and period.end is not None:
            self.set_range(period.start, period.end)
        if self.combo.currentText() == CHOSEN:
            self.changed.emit()  # the same choice, other days
        self.combo.setCurrentText(CHOSEN)

    def set_range(self, start: date, end: date) -> None:
        """The dates a chosen range starts from (the window shown, when the user switches to a range)."""
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _show_range(self, shown: bool) -> None:
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(shown)

    def _combo_changed(self) -> None:
        self._show_range(self.combo.currentText() == CHOSEN)
        self.changed.emit()

    def _range_changed(self) -> None:
        if self.combo.currentText() == CHOSEN:
            self.changed.emit()
