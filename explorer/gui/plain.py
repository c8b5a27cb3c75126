"""Book data shown as text, never as markup.

Qt reads a tooltip, a message box or an AutoText label as HTML when it merely looks like
HTML: a customer named '<img src="/dev/zero">' would load that file, 2,000 nested tables
would freeze the window. Tooltips that carry book data go through :func:`tip`; labels that
carry it are PlainText (:func:`label`); rich labels escape what they insert.
"""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

MAX_TIP = 2000  # characters: a tooltip is a glance, and a 130,000-character name would fill the screen
_OPEN, _CLOSE = "<p style='white-space:pre-wrap'>", "</p>"


def tip(text: str) -> str:
    """``text`` as a tooltip that shows it literally: as it is, or as escaped rich text where Qt would guess HTML."""
    if not text or text.startswith(_OPEN):
        return text
    cut = text if len(text) <= MAX_TIP else text[:MAX_TIP] + "…"
    if not QtGui.Qt.mightBeRichText(cut):  # Qt shows it as text already: leave it as it is
        return cut
    return _OPEN + html.escape(cut) + _CLOSE


def untip(shown: str) -> str:
    """The text a :func:`tip` was made from."""
    return html.unescape(shown[len(_OPEN) : -len(_CLOSE)]) if shown.startswith(_OPEN) else shown


def label(widget: QLabel) -> QLabel:
    """``widget`` set to show its text literally."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget
