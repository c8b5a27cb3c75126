"""The window says what the customer's sheet says, on every as-of day: list row, Named Contacts, Key Dates, Benefits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt

from explorer.app import renewal
from explorer.app.tones import DATE_TONES, Tone
from explorer.gui.column_model import ROW_COLOURS
from explorer.gui.main_window import MainWindow

from ..consistency.books import history_book
from .conftest import open_tab, wait_idle
from .test_main_window import texts

DAYS = [date(2025, 6, 1), date(2026, 3, 1), date(2026, 9, 1), date(2026, 12, 20)]


def test_window_agrees_with_the_sheet_on_every_day(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(as_of=DAYS[0], persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(f) for f in history_book(tmp_path)])
    wait_idle(qtbot, window)
    for day in DAYS:
        window.as_of_edit.setDate(QDate(day.year, day.month, day.day))
        qtbot.waitUntil(lambda day=day: window.session is not None and window.session.as_of == day and not window.busy)
        session = window.session
        assert session is not None
        names = texts(window.customers.model, 0)
        for name in names:
            sheet = session.sheet(name.casefold())
            assert sheet is not None
            row = names.index(name)
            colour = window.customers.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
            colour = colour.color().name().upper() if colour is not None else ""
            if any(limit.over for limit in sheet.limits) and not any(d.overdue for d in sheet.dates) and not sheet.findings:
                assert colour == ROW_COLOURS["violet"].upper(), (day, name)
            if sheet.state.lapsed:  # ended with nothing ahead (between terms is no lapse)
                assert colour == ROW_COLOURS["grey"].upper(), (day, name)
            window.customers.select(name.casefold())
            title = window.title.text()
            assert "&amp;" not in title and "contract" in title, title  # the header's words, not escaped markup
            open_tab(window, "Named Contacts")
            indicator = window.contacts.indicator.text()
            for limit in sheet.limits:
                assert f"{limit.count} of {limit.limit} named contacts" in indicator, (day, name)
            if not sheet.limits:
                assert "with no limit" in indicator, (day, name)
            # over the limit in violet, but one outside the region too in amber (renewal.outside_region)
            away = renewal.outside_region(sheet)
            flags = [line.flag if not where else "region" for line, where in zip(sheet.contacts, away, strict=True)]
            assert list(window.contacts.model.colours).count("violet") == flags.count("over"), (day, name)
            open_tab(window, "Key Dates")
            model = window.key_dates.model
            shown = sorted(zip(texts(model, 1), texts(model, 3), strict=True))
            unknown = sheet.unknown_dates  # listed after the dated ones, in red: a refused Initial Term Start
            assert shown == sorted([(d.date.event, d.status) for d in sheet.dates] + [(u.event, u.status) for u in unknown])
            tones = [DATE_TONES[d.date.status].value for d in sheet.dates] + [Tone.RED.value for _ in unknown]
            assert sorted(model.colours) == sorted(tones), (day, name)
