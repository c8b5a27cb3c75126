"""File ▸ Case Log Dates: how the case logs write 03/04/2026 where no date of theirs has a day over 12 to tell
(--case-dates on the command line, case_dates in a workspace). The choices are the Map Columns dialog's.

Signals: chosen(object) with "day first", "month first" or None (the logs' own dates say) when the user picks one.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from explorer.gui.map_columns import DATE_ORDERS
from explorer.importing.mappings import stated_order

APP_SETTING = "the app's setting (File \u25b8 Case Log Dates)"  # who stated the order, as a finding names it
TITLE = "Case Log Dates such as 03/04/2026"


def order_text(day_first: bool | None) -> str | None:
    """A workspace's case_dates for a choice: "day first", "month first", or None."""
    return None if day_first is None else "day first" if day_first else "month first"


class CaseDatesMenu(QMenu):
    chosen = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(TITLE, parent)
        self.setToolTip("Where every date of a case log could be read either way (03/04/2026), say which it means")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.choices: dict[str | None, QAction] = {}
        for text, day_first in DATE_ORDERS:
            order = order_text(day_first)
            made = QAction(text.replace("file's", "logs'"), self.group, checkable=True)
            made.triggered.connect(partial(self.chosen.emit, order))
            self.addAction(made)
            self.choices[order] = made
        self.choices[None].setChecked(True)

    def show_order(self, case_dates: str | None) -> None:
        """Check the choice ``case_dates`` (the open workspace's, "day first", "month first" or None) without
        choosing it."""
        self.choices[order_text(stated_order(case_dates) if case_dates else None)].setChecked(True)
