"""newuser5 F7: the renewal brief's chart drew nothing for a month with none met (only its count, "1"), and its
named contacts were all starred "(* over the limit or outside the region)", so the one outside the region could
not be told apart there, nor on the Named Contacts tab, which coloured every row alike."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from explorer.app import renewal
from explorer.app.renewal import Month
from explorer.app.session import open_session
from explorer.gui import palette
from explorer.gui.main_window import MainWindow
from explorer.gui.renewal_brief import paint_chart
from explorer.outputs.renewal import brief_html

from ..files import write_openpyxl
from .conftest import open_tab, wait_idle

AS_OF = date(2026, 12, 8)


def _inked(image: QImage, colour: QColor) -> int:
    return sum(image.pixelColor(x, y).name() == colour.name() for x in range(image.width()) for y in range(image.height()))


def test_a_month_with_none_met_draws_a_bar_in_the_under_target_ink(qapp) -> None:  # type: ignore[no-untyped-def]
    image = QImage(300, 150, QImage.Format.Format_ARGB32)
    image.fill(QColor(palette.PAPER))
    painter = QPainter(image)  # no antialiasing: the bar's own ink, pixel for pixel
    paint_chart(painter, QRectF(0, 0, 300, 150), [Month(date(2026, 12, 1), met=0, breached=1, open=0)], 0.95)
    painter.end()
    assert _inked(image, palette.ink_colour("error", dark=False)) > 50  # a visible stub, not nothing


def test_only_a_contact_outside_the_region_is_starred_and_toned_apart(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Acme Corp: Okta Premier Plus with 50% MCSE (5 named contacts) in EMEA; 6 named contacts, Person 5 in APAC
    book = write_openpyxl(tmp_path / "book.xlsx")
    session = open_session([book], AS_OF)
    sheet = session.sheet("acme corp")
    assert sheet is not None and any(limit.over for limit in sheet.limits)
    assert renewal.outside_region(sheet) == [""] * 5 + ["the MCSE's region (EMEA)"]
    brief = renewal.brief_for(session, "acme corp")
    assert brief is not None
    text = html.unescape(brief_html(brief))
    assert "6 of 5 named contacts" in text  # the limit's line says over the limit, once
    assert "Person 0, Person 1" in text and "Person 0 *" not in text
    assert "Person 5 * (* outside the MCSE's region (EMEA))" in text and "over the limit or" not in text

    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book)])
    wait_idle(qtbot, window)
    assert window.customers.select("acme corp")
    open_tab(window, "Named Contacts")
    tab = window.contacts
    assert list(tab.model.colours) == ["violet"] * 5 + ["amber"]
    assert "Outside the MCSE&#x27;s region (EMEA) (amber rows): Person 5" in tab.indicator.text()
