"""A row naming two products lists its people once per product (each product's MCSE counts its own): check counted
4 named contacts for 2 people, and the report's Named Contacts sheet showed each person on two identical rows with
no product to tell them apart (tryout 13: Notion's 'Okta, Auth0' multi-select)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.app.session import open_session
from explorer.cli import main
from explorer.outputs.report.build import build_report

from ..files import write_csv


def test_people_of_a_two_product_row_are_counted_once_and_listed_per_product(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write_csv(
        tmp_path / "accounts.csv",
        header=["Name", "Products", "Support Tier", "Start", "End", "Contacts"],
        rows=[["Fenwick Robotics", "Okta, Auth0", "Premier", "2026-01-01", "2026-12-31", "Jane Park, Liam Ortiz"]],
    )
    assert main(["check", str(book), "--as-of", "2026-06-01"]) in (0, 1)
    assert "1 customer, 2 contracts, 2 named contacts" in capsys.readouterr().out
    session = open_session([book], date(2026, 6, 1))
    people = build_report(session.book, session.catalog, session.as_of).sheets["Named Contacts"]
    assert sorted(zip(people["Name"], people["Product"], strict=True)) == [
        ("Jane Park", "Auth0"),
        ("Jane Park", "Okta"),
        ("Liam Ortiz", "Auth0"),
        ("Liam Ortiz", "Okta"),
    ]
