"""An add-on defined only in a test catalog reaches the report: its column, its option and its named-contact limit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.importing.book import load_book
from explorer.outputs.report.build import build_report

from ..catalogs import third_addon_book, with_third_addon


def test_third_addon_in_the_report(tmp_path: Path) -> None:
    catalog = with_third_addon()
    book = load_book(third_addon_book(tmp_path), catalog=catalog)
    report = build_report(book, catalog, date(2026, 11, 28))
    contracts = report.sheets["Contracts"]
    row = contracts.iloc[0]
    assert row["TAM Option"] == "TAM for 3 named contacts"  # the catalog's column name for it
    assert (row["Named Contact Limit"], row["Named Contacts"]) == (3, 4)
    dates = report.sheets["Key Dates"]
    assert "TAM on board" in set(dates["Event"])
