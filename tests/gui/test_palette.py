"""Every colour comes from explorer/gui/palette.py and stays readable in the light and the dark palette."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication

import explorer.gui
from explorer.gui import palette
from explorer.gui.main_window import MainWindow

GUI = Path(explorer.gui.__file__).parent
HEX = re.compile(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?(?:[0-9A-Fa-f]{2})?\b")
CSS = re.compile(
    r"(?:color|background(?:-color)?|border[a-z-]*)\s*:\s*(?!\{)[^;'\"{}]*?\b(?:rgba?\(|[a-z]+\b(?<!solid)(?<!none))"
)
NAMED = re.compile(r"\b(?:red|green|blue|yellow|orange|gray|grey|black|white|darkGray|lightGray|purple)\b")


def literal_colours(source: str) -> Iterator[tuple[int, str]]:
    """Colour literals in Python source: hex codes and CSS colours in strings, QColor("name"), Qt.GlobalColor."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    for i, token in enumerate(tokens):
        if token.type == tokenize.STRING:
            if HEX.search(token.string):
                yield token.start[0], token.string
            for css in CSS.finditer(token.string):
                if NAMED.search(css.group(0)) or "rgb" in css.group(0):
                    yield token.start[0], css.group(0)
        elif token.type == tokenize.NAME and token.string == "QColor":
            after = tokens[i + 1 : i + 3]
            if len(after) == 2 and after[0].string == "(" and after[1].type == tokenize.STRING:
                yield token.start[0], f"QColor({after[1].string})"
        elif token.type == tokenize.NAME and token.string == "GlobalColor":
            yield token.start[0], "Qt.GlobalColor"


def test_the_literal_finder_finds_them() -> None:
    sample = (
        'a = QColor("#B02A37")\nb = QColor("red")\nc = "color: #666"\nd = "QFrame { background: yellow; }"\n'
        "e = Qt.GlobalColor.darkGray\nf = f\"color:{x}\"  # #fine in a comment\ng = 'border: 1px solid {c}'\n"
    )
    assert sorted({line for line, _ in literal_colours(sample)}) == [1, 2, 3, 4, 5]


def test_no_colour_literals_outside_the_palette() -> None:
    found = [
        f"{path.name}:{line}: {text}"
        for path in sorted(GUI.glob("*.py"))
        if path.name != "palette.py"
        for line, text in literal_colours(path.read_text(encoding="utf-8"))
    ]
    assert not found, "colours belong in explorer/gui/palette.py:\n" + "\n".join(found)


@pytest.mark.parametrize("dark", [False, True])
def test_every_colour_is_readable_in_both_palettes(dark: bool) -> None:
    surfaces = palette.SURFACES[dark]
    for state, pair in palette.STATES.items():
        assert palette.contrast(pair[dark].text, pair[dark].background) >= palette.MIN_CONTRAST, state
    for name in palette.INKS:
        for surface in surfaces:
            assert palette.contrast(palette.ink(name, dark), surface) >= palette.MIN_CONTRAST, (name, surface)
    assert palette.contrast(palette.PAPER_INK, "#FFFFFF") >= palette.MIN_CONTRAST
    # the surfaces are the palettes' own backgrounds
    ours = palette.dark_palette() if dark else QApplication.style().standardPalette()
    assert ours.color(QPalette.ColorRole.Base).name().upper() == surfaces[0]
    assert ours.color(QPalette.ColorRole.Window).name().upper() == surfaces[1]


@pytest.fixture
def dark_app(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    before = QPalette(qapp.palette())
    qapp.setPalette(palette.dark_palette())
    yield
    qapp.setPalette(before)


def test_dark_palette_reaches_titles_legends_and_the_timeline(dark_app, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    # dark_app comes first, so the window is made under the dark palette
    assert window.customers.select("cascade capital")
    title = window.title.text()
    assert palette.ink("muted", dark=True) in title and palette.ink("muted", dark=False) not in title
    window.tabs.setCurrentWidget(window.key_dates)
    tab = window.key_dates
    assert palette.ink("term", dark=True) in tab.legend.text()
    # the rows' names are painted in the palette's text colour: light on the dark base, not the old #222222
    qtbot.waitExposed(tab.timeline_area)
    canvas = tab.timeline
    image = canvas.grab().toImage()
    height = canvas.row_height
    width = int(QFontMetricsF(canvas.font()).horizontalAdvance(canvas.rows[0].label))
    pixels = [image.pixelColor(x, y) for x in range(4, 4 + width) for y in range(height)]
    base = canvas.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 60
    assert max(palette.contrast(p, base) for p in pixels) >= palette.MIN_CONTRAST


def test_disabled_controls_look_disabled_in_the_dark_palette() -> None:
    from PySide6.QtGui import QPalette

    p = palette.dark_palette()
    enabled = p.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    disabled = p.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert disabled.lightness() < enabled.lightness() - 60  # visibly dimmer text
    assert p.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base) == p.color(QPalette.ColorRole.Window)


def test_a_legend_entry_never_breaks_at_its_slash() -> None:
    """'CSE/MCSE mobilization' broke after its slash in the Key Dates legend at 16 points (found by a user's tryout):
    Qt may end a line after '/', so unbroken joins it to the next word."""
    from PySide6.QtGui import QTextDocument

    from explorer.gui.palette import unbroken

    entry = unbroken("CSE/MCSE mobilization")
    document = QTextDocument()
    document.setHtml(f"<p>{entry}</p>")
    document.setTextWidth(document.idealWidth() - 1)  # a pixel too narrow for the entry: Qt must break somewhere
    block = document.firstBlock()
    layout = block.layout()
    lines = [block.text()[layout.lineAt(i).textStart() :][: layout.lineAt(i).textLength()] for i in range(layout.lineCount())]
    assert not lines[0].endswith("/")  # not where the slash invites it
