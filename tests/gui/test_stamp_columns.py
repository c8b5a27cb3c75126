"""A timestamp column always shows its time of day, a date column never does (newuser5 F4): the SLA tab showed
"2026-10-01" for a case opened at 00:00 UTC beside "2026-10-01 08:00" due, while the Cases page read "2026-10-01 00:00"
— the format was picked from the values (every opening at midnight), not from the column's kind."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from explorer.gui.main_window import MainWindow
from explorer.gui.tables import date_column, date_text, stamp_column

from ..files import CASE_HEADER, write_csv
from .conftest import open_tab, wait_idle

AS_OF = date(2026, 12, 8)
CONTRACTS = [["Wide World", "Okta", "Premier", "2026-01-01", "2026-12-31", "AMER", "America/New_York", "US", "", "", ""]]
CASES = [["C-1014", "Wide World", "Okta", "P4", "2026-10-01 00:00", "2026-10-01 09:00", "production"]]


def test_a_timestamp_column_shows_midnight_and_a_date_column_no_time() -> None:
    midnight = pd.Series(pd.to_datetime(["2026-10-01 00:00", None], utc=True))
    assert stamp_column("Opened (UTC)", midnight).text.tolist() == ["2026-10-01 00:00", ""]
    assert stamp_column("Opened (UTC)", [datetime(2026, 10, 1), None]).text.tolist() == ["2026-10-01 00:00", ""]
    assert date_column("Date", [date(2026, 10, 1), None]).text.tolist() == ["2026-10-01", ""]
    assert date_column("Date", [datetime(2026, 10, 1, 10, 30)]).text.tolist() == ["2026-10-01"]  # a day, whatever it holds
    assert date_text(["2026-10-01 00:00", "n/a"], with_time=True) == ["2026-10-01 00:00", "n/a"]


def test_the_sla_tab_and_the_cases_page_show_a_midnight_opening_alike(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = write_csv(tmp_path / "book.csv", rows=CONTRACTS)
    cases = write_csv(tmp_path / "cases.csv", rows=CASES, header=CASE_HEADER)
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book), str(cases)])
    wait_idle(qtbot, window)
    window.customers.select("wide world")
    open_tab(window, "SLA")
    window.sla.period.combo.setCurrentText("Last 90 days")
    model = window.sla.cases
    assert model.rowCount() == 1
    row = {model.columns[c].title: model.index(0, c).data() for c in range(model.columnCount())}
    assert row["Opened (UTC)"] == "2026-10-01 00:00"
    assert row["First Response (UTC)"] == "2026-10-01 09:00"
