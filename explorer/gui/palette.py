"""Row and cell colours that stay readable in light and dark palettes.

Every coloured row names a state ("red", "amber", ...); each state has a background
and a text colour per palette, chosen so the text keeps a WCAG contrast of at least
4.5:1 (tests/gui/test_palette.py checks every pair). Views ask here instead of
hard-coding pastel hex codes that turn into light-on-pastel text in dark mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

MIN_CONTRAST = 4.5  # WCAG AA for normal text


@dataclass(frozen=True)
class Swatch:
    background: str
    text: str


# state -> (light, dark); the meaning is what the legend and tooltips say
STATES: dict[str, tuple[Swatch, Swatch]] = {
    "red": (Swatch("#F8D7DA", "#58151C"), Swatch("#5C1F25", "#FFE3E6")),
    "amber": (Swatch("#FFF3CD", "#523E02"), Swatch("#5A4708", "#FFF1C2")),
    "green": (Swatch("#D4EDDA", "#0F3D1C"), Swatch("#1E4A2A", "#DDF5E3")),
    "grey": (Swatch("#ECECEC", "#3A3A3A"), Swatch("#3C3C3C", "#E6E6E6")),
    "blue": (Swatch("#DCEBFA", "#0B3558"), Swatch("#163D5E", "#DDEEFF")),
    "violet": (Swatch("#EADCF8", "#3D1466"), Swatch("#43285E", "#F0E3FF")),
}


def is_dark(palette: QPalette | None = None) -> bool:
    """A dark palette: its window colour is darker than mid-grey."""
    if palette is None:
        app = QApplication.instance()
        palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def swatch(state: str, dark: bool | None = None) -> Swatch | None:
    pair = STATES.get(state)
    if pair is None:
        return None
    return pair[1] if (is_dark() if dark is None else dark) else pair[0]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour: str | QColor) -> float:
    c = QColor(colour)
    return 0.2126 * _linear(c.redF()) + 0.7152 * _linear(c.greenF()) + 0.0722 * _linear(c.blueF())


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def dark_palette() -> QPalette:
    """A plain dark palette (screenshots and tests; the desktop's own dark theme is used when it has one)."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2B2B2B",
        QPalette.ColorRole.WindowText: "#E8E8E8",
        QPalette.ColorRole.Base: "#1F1F1F",
        QPalette.ColorRole.AlternateBase: "#2A2A2A",
        QPalette.ColorRole.Text: "#E8E8E8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#E8E8E8",
        QPalette.ColorRole.Highlight: "#2F65CA",
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#3A3A3A",
        QPalette.ColorRole.ToolTipText: "#E8E8E8",
        QPalette.ColorRole.PlaceholderText: "#A0A0A0",
        QPalette.ColorRole.Link: "#8AB4F8",
        QPalette.ColorRole.Mid: "#555555",
        QPalette.ColorRole.Dark: "#1A1A1A",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#444444",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    return p
