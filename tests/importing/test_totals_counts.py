"""A hand-kept sheet per region ending in a totals row whose product cell counts them ('3 products', from
=COUNTA(B2:B4)&" products"): the row was read as a customer 'Total AMER' with three errors (tryout 13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_sheets

HEADER = ["Customer", "Product", "Support Tier", "Start", "End", "ARR (USD)"]


def test_a_totals_row_counting_its_rows_in_words_is_no_customer(tmp_path: Path) -> None:
    term = [date(2026, 3, 1), date(2027, 2, 28)]
    amer = [
        HEADER,
        ["Harbor Lane Inc", "Okta", "Premier", *term, 120000],
        ["Pike Street LLC", "Auth0", "Enterprise", *term, 90000],
        ["Total AMER", "2 products", "", "", "", 210000],
    ]
    book = load_book([write_sheets(tmp_path / "regions.xlsx", {"AMER": amer})])
    assert sorted(c.customer for c in book.contracts) == ["Harbor Lane Inc", "Pike Street LLC"]
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    (said,) = [f.message for f in book.findings if "totals line" in f.message]
    assert said == "Row 4 is a totals line ('Total AMER | 2 products | 210000'); it is not read as a record."


def test_a_customer_whose_name_begins_with_total_keeps_its_term(tmp_path: Path) -> None:
    """A count phrase is a figure only beside a totals label and other figures: 'Total Fitness Ltd' with its tier and
    a '12 months' term is a record."""
    rows = [HEADER[:5] + ["Term"], ["Total Fitness Ltd", "Okta", "Premier", date(2026, 3, 1), date(2027, 2, 28), "12 months"]]
    book = load_book([write_sheets(tmp_path / "book.xlsx", {"Contracts": rows})])
    assert [c.customer for c in book.contracts] == ["Total Fitness Ltd"]
