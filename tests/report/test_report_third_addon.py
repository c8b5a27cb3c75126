"""An add-on defined only in a test catalog reaches the report: its column, its option and its named-contact limit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.importing.book import load_book
from explorer.outputs.report.build import build_report

from ..catalogs import with_third_addon
from ..files import write_csv


def test_third_addon_in_the_report(tmp_path: Path) -> None:
    catalog = with_third_addon()
    book_file = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Region", "TAM"],
        rows=[["Acme Corp", "Okta", "Premier Plus", "2026-01-15", "2027-01-14", "EMEA", "3"]],
    )
    contacts = write_csv(
        tmp_path / "contacts.csv",
        header=["Customer", "Name", "Email", "Region", "Named"],
        rows=[["Acme Corp", f"Person {i}", f"p{i}@acme.test", "EMEA", "yes"] for i in range(4)],
    )
    book = load_book([book_file, contacts], catalog=catalog)
    report = build_report(book, catalog, date(2026, 11, 28))
    contracts = report.sheets["Contracts"]
    row = contracts.iloc[0]
    assert row["TAM Option"] == "TAM for 3 named contacts"  # the catalog's column name for it
    assert (row["Named Contact Limit"], row["Named Contacts"]) == (3, 4)
    dates = report.sheets["Key Dates"]
    assert "TAM on board" in set(dates["Event"])
