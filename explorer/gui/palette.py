"""Every colour the app shows, readable in light and dark palettes: the one place colours are named.

Every coloured row names a state ("red", "amber", ...); each state has a background
and a text colour per palette. Text and drawn marks on a window or view background
("error", "muted", the timeline's "term"...) are inks, one per palette. All are chosen
so text keeps a WCAG contrast of at least 4.5:1 (tests/gui/test_palette.py checks every
pair). Views ask here instead of hard-coding hex codes that turn into light-on-pastel
text, or vanish, in dark mode; tests/gui/test_palette.py also fails on a colour literal
anywhere else in explorer/gui.
"""

from __future__ import annotations

import html
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
    # a cell changed since another version of the book (bold too), and the banners that ask for attention
    "mark": (Swatch("#FFD54F", "#3D2E00"), Swatch("#6B5200", "#FFF0C0")),
}

# ink -> (light, dark): text and drawn marks on the window or a view's base background
INKS: dict[str, tuple[str, str]] = {
    "error": ("#B02A37", "#FF8A93"),  # errors, overdue, an ended term
    "ok": ("#1E7B34", "#7BD88F"),  # in force, included
    "warning": ("#7A5C00", "#F2C94C"),  # not started yet
    "over_limit": ("#6B2FA0", "#CDA8F5"),  # more named contacts than an add-on allows (violet, as its rows)
    "muted": ("#5F5F5F", "#ABABAB"),  # secondary text: counts beside a title, what is not included
    "control": ("#6B6B6B", "#959595"),  # the edges of check boxes, fields, drop-downs and buttons (non-text, 3:1 needed)
    # the timeline's spans and marks (timeline.legend names them)
    "term": ("#3A6799", "#7FA9E0"),
    "mobilization": ("#94530A", "#F0AD4E"),
    "kickoff": ("#2E7031", "#6FCF73"),
    "deadline": ("#B7332A", "#FF8177"),
    "event": ("#4F4F4F", "#C4C4C4"),
    "as_of": ("#1D1D6B", "#B9C4FF"),  # dashed, and unlike the deadline's red
}

# the header and footer of a printed sheet: paper is white whatever the screen's palette
PAPER_INK = "#555555"
PAPER_DRAFT = "#F4C7C3"  # the DRAFT mark across a sheet with contract errors: pale, the text stays readable
# paper on screen (the Renewal tab shows the brief as it prints): its background and body text
PAPER, PAPER_TEXT = "#FFFFFF", "#1A1A1A"

# the backgrounds inks are drawn on: (base, window) of the light (Fusion) and the dark palette
SURFACES = (("#FFFFFF", "#EFEFEF"), ("#1F1F1F", "#2B2B2B"))


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


def ink(name: str, dark: bool | None = None) -> str:
    """The ink's colour (a #RRGGBB name) for the palette in use, or the light/dark one asked for."""
    light, darker = INKS[name]
    return darker if (is_dark() if dark is None else dark) else light


def ink_colour(name: str, dark: bool | None = None) -> QColor:
    return QColor(ink(name, dark))


def span(text: str, name: str, bold: bool = False) -> str:
    """Rich text in an ink: for labels that mix colours."""
    weight = "; font-weight:600" if bold else ""
    return f"<span style='color:{ink(name)}{weight}'>{html.escape(text)}</span>"  # text, never markup


def unbroken(text: str) -> str:
    """Rich text that never wraps inside (a legend entry, a count with its noun); it still wraps around."""
    # U+2011: a hyphen that never breaks; U+2060 (word joiner) after a slash, which may otherwise end a line
    return html.escape(text).replace(" ", "&nbsp;").replace("-", "&#8209;").replace("/", "/&#8288;")


def control_sheet(font_height: int, dark: bool | None = None) -> str:
    """Check boxes as tall as most of a text line, their edges in the "control" ink (3:1 against the window in
    both palettes; Fusion's were about 1.2:1 on the dark window), ticked ones filled with the highlight.

    A style sheet rather than a Python QProxyStyle: PySide6 6.12 drops a reference to None each time Qt calls a
    Python style method with no option or widget, and CPython 3.11 aborts once None's count runs out.
    """
    dark = is_dark() if dark is None else dark
    size = max(13, round(font_height * 0.8))
    edge, base = ink("control", dark), SURFACES[dark][0]
    tick = "#2F65CA" if dark else "#2A6CC4"
    box = f"width: {size}px; height: {size}px; border: 1px solid {edge}; border-radius: 2px; background: {base};"
    return (
        f"QCheckBox::indicator, QAbstractItemView::indicator {{ {box} }}"
        f" QCheckBox::indicator:checked, QAbstractItemView::indicator:checked"
        f" {{ background: {tick}; border: 1px solid {edge}; }}"
        f" QCheckBox::indicator:disabled {{ border: 1px solid {ink('muted', dark)}; background: {SURFACES[dark][1]}; }}"
    )


def banner_style(selector: str = "QFrame", padding: int = 0) -> str:
    """A style sheet for a bar that asks for attention (a file changed on disk, a warning)."""
    sw = swatch("mark")
    assert sw is not None
    pad = f" padding: {padding}px;" if padding else ""
    return f"{selector} {{ background: {sw.background}; color: {sw.text}; border-bottom: 1px solid {sw.text};{pad} }}"


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
    disabled = {  # greyed out, as a light palette does: a disabled date box must not look editable
        QPalette.ColorRole.WindowText: "#7A7A7A",
        QPalette.ColorRole.Text: "#7A7A7A",
        QPalette.ColorRole.ButtonText: "#7A7A7A",
        QPalette.ColorRole.Base: "#2B2B2B",
        QPalette.ColorRole.Button: "#2E2E2E",
    }
    for role, colour in disabled.items():
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return p
