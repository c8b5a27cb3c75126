"""Two columns naming one field with different values (hostile round 6: 'Custom: Support Tier' Premier Plus beside
'Custom: Tier' Premier; 'Contract Renewal Date' beside 'Contract End'): one is read, and a warning names both, how
many rows differ and the first with both values. Rows where they agree, or the other is blank, say nothing."""

from __future__ import annotations

from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv


def warned(path: Path) -> list[str]:
    return [f.message for f in load_book([path]).findings if f.severity is Severity.WARNING and "both name" in f.message]


def test_two_tier_columns_that_differ_are_one_warning_naming_both(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "tiers.csv",
        header=["Customer", "Product", "Custom: Support Tier", "Custom: Tier", "Start Date", "End Date"],
        rows=[
            ["Acme Corp", "Okta", "Premier", "Premier", "2026-01-01", "2026-12-31"],  # agree
            ["Initech", "Okta", "", "Premier", "2026-01-01", "2026-12-31"],  # the other blank
            ["Globex", "Okta", "Premier Plus", "Premier", "2026-01-01", "2026-12-31"],
            ["Umbrella", "Okta", "Basic", "Premier", "2026-01-01", "2026-12-31"],
        ],
    )
    (said,) = warned(book)
    assert said.startswith(
        "Columns 'Custom: Tier' and 'Custom: Support Tier' both name the tier and differ on 2 rows (first row 4: "
        "'Premier' and 'Premier Plus'): 'Custom: Tier' is read. To read 'Custom: Support Tier' instead, map its columns"
    )


def test_two_end_columns_compare_their_dates_and_agreeing_ones_say_nothing(tmp_path: Path) -> None:
    header = ["Customer", "Product", "Tier", "Start Date", "Contract End", "Contract Renewal Date"]
    same = write_csv(
        tmp_path / "same.csv", header=header, rows=[["Acme Corp", "Okta", "Premier", "2026-01-01", "2026-12-31", "12/31/2026"]]
    )
    assert warned(same) == []
    other = write_csv(
        tmp_path / "other.csv", header=header, rows=[["Acme Corp", "Okta", "Premier", "2026-01-01", "2026-12-31", "2027-06-30"]]
    )
    (said,) = warned(other)
    assert "'Contract End' and 'Contract Renewal Date' both name the term end and differ on 1 row (first row 2: " in said


def test_a_code_beside_a_name_and_an_anniversary_beside_its_end_are_no_disagreement(tmp_path: Path) -> None:
    """An order form's SKU beside its product's name is another vocabulary, not another product (only values the
    catalog reads are compared); a renewal date the day after the end is the same term written as an anniversary."""
    header = ["Customer", "Product", "SKU", "Tier", "Start Date", "Contract End", "Contract Renewal Date"]
    rows = [["Acme Corp", "Okta", "OKTA-SUP-PP", "Premier", "2026-01-01", "2026-12-31", "2027-01-01"]]
    assert warned(write_csv(tmp_path / "codes.csv", header=header, rows=rows)) == []
