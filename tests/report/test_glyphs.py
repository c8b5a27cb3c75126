"""Row heights from text measured as the font draws it: checked against Qt laying out the same text in Carlito."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from explorer.outputs.report.glyphs import CELL_MARGIN_PIXELS, column_pixels, text_pixels, wrapped_lines
from explorer.outputs.report.layout import LINE_POINTS

SENTENCE = (
    "Review P2 case 100176 answered 2 h late in the last 90 days with the support team, and tell the customer what changes."
)


def test_a_sentence_takes_the_lines_it_is_drawn_in_not_its_count_of_characters() -> None:
    # What to Do's width on the sample's Actions sheet: counting 1.1 characters a unit gave this 118-character
    # sentence three lines; it takes two.
    assert wrapped_lines(SENTENCE, 53.29) == 2
    assert wrapped_lines(SENTENCE, 20) > wrapped_lines(SENTENCE, 30) > 2
    assert wrapped_lines("", 10) == 1 and wrapped_lines("Short", 10) == 1
    assert wrapped_lines("one\ntwo\n\nfour", 40) == 4  # each line break starts a line, an empty one too


def test_a_word_longer_than_the_line_breaks_inside_itself() -> None:
    url = "https://support.example.com/hc/en-us/requests/100176?page=1&sort=updated_at"
    assert wrapped_lines(url, 12) >= 4 and wrapped_lines(f"See {url} now", 12) >= wrapped_lines(url, 12)


def test_wide_east_asian_text_and_bold_and_larger_type_take_more_room() -> None:
    assert text_pixels("契約更新の期限") > 1.8 * text_pixels("abcdefg")
    assert text_pixels(SENTENCE, bold=True) > text_pixels(SENTENCE)
    assert wrapped_lines(SENTENCE, 40, size=14) > wrapped_lines(SENTENCE, 40)


@pytest.fixture(scope="module")
def qt_metrics():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])
    if "Carlito" not in QFontDatabase.families():
        pytest.skip("the Carlito font is not installed (tools/install-system-deps.sh installs it)")
    font = QFont("Carlito")
    font.setPixelSize(round(11 * 96 / 72 * 64))  # 64 times over: Qt then rounds no glyph to a whole pixel
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(False)  # spreadsheet apps draw cell text unkerned
    yield QFontMetricsF(font)
    del app


def test_the_widths_are_carlitos_as_qt_draws_them(qt_metrics) -> None:  # type: ignore[no-untyped-def]
    for text in (SENTENCE, "Add-on renewal request deadline on 2026-12-10.", "Müller & Søn GmbH – “Premier Plus”", "0123456789"):
        assert text_pixels(text) == pytest.approx(qt_metrics.horizontalAdvance(text) / 64, rel=0.005)


def test_every_wrapped_cell_of_the_sample_report_gets_the_lines_qt_breaks_it_into(
    qt_metrics,
    sample_report: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Each wrapped cell's text, broken into lines by Qt in a cell as wide as the room the report allows: the row is
    at least that tall (no text cut), and no taller than it needs (a row of two lines is not given three)."""
    from PySide6.QtCore import QRectF, Qt

    wb = openpyxl.load_workbook(sample_report)
    checked = 0
    for name in ("Actions", "Key Dates", "Findings", "Contracts"):
        ws = wb[name]
        for column in ws.iter_cols(min_row=2):
            letter = column[0].column_letter
            width = ws.column_dimensions[letter].width - 0.71  # XlsxWriter stores the width asked for plus 0.71
            room = (column_pixels(width) - CELL_MARGIN_PIXELS) * 64
            for cell in column:
                if not (cell.alignment.wrap_text and isinstance(cell.value, str)):
                    continue
                flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
                drawn = qt_metrics.boundingRect(QRectF(0, 0, room, 1e9), flags, cell.value).height()
                qt_lines = round(drawn / qt_metrics.lineSpacing())
                height = ws.row_dimensions[cell.row].height or LINE_POINTS
                assert height >= qt_lines * LINE_POINTS, (name, cell.coordinate, cell.value)
                assert wrapped_lines(cell.value, width) == qt_lines, (name, cell.coordinate, cell.value)
                checked += 1
    assert checked > 100
