"""Filter drop-downs refilled from new data without losing the user's choice."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, everything: str, values: list[str]) -> None:
    """``everything`` then ``values``; the current choice stays when it is still offered, and no signal fires."""
    current = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems([everything, *values])
    combo.setCurrentText(current if current in values else everything)
    combo.blockSignals(False)
