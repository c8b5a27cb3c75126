"""An add-on written in the tier cell ('Premier Plus w/ 50% MCSE') beside the add-on's own column (renew14 D5)."""

from __future__ import annotations

from pathlib import Path

from explorer import rules
from explorer.catalog import default_catalog
from explorer.importing.book import load_book

from .files import write_csv


def test_a_blank_add_on_cell_leaves_the_tier_cells_add_on_and_a_filled_one_that_disagrees_is_warned_of(
    tmp_path: Path,
) -> None:
    """The MCSE column blank on the row: the MCSE, its 5-contact limit and the over-limit warning were dropped
    without a word. A blank cell says nothing, as for an Add-ons list; a filled cell still decides, said."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "MCSE", "Region", "Time Zone"],
        rows=[
            ["Datum Pharma", "Okta", "Premier Plus w/ 50% MCSE", "2026-03-01", "2027-02-28", "", "EMEA", "UTC"],
            ["Coho", "Okta", "Premier Plus w/ 50% MCSE", "2026-03-01", "2027-02-28", "100%", "EMEA", "UTC"],
            ["Fabrikam", "Okta", "Premier Plus w/ 50% MCSE", "2026-03-01", "2027-02-28", "No", "EMEA", "UTC"],
            ["Litware", "Okta", "Premier Plus w/ 50% MCSE", "2026-03-01", "2027-02-28", "50%", "EMEA", "UTC"],
        ],
    )
    loaded = load_book([book])
    catalog = default_catalog()
    by_name = {c.customer: c for c in loaded.contracts}
    assert by_name["Datum Pharma"].addons == {"mcse": "50"}
    assert rules.named_contact_limit(catalog, by_name["Datum Pharma"]) == 5
    assert by_name["Datum Pharma"].addon_columns == {"mcse": "Tier"}  # its findings name the cell it was read from
    read = [f for f in loaded.findings if f.customer == "Datum Pharma" and "read as Premier Plus with the add-on" in f.message]
    assert [(f.severity.label, f.column) for f in read] == [("Info", "Tier")]
    # a filled cell decides, and where it disagrees with the tier cell a warning names both
    assert by_name["Coho"].addons == {"mcse": "100"} and by_name["Fabrikam"].addons == {}
    assert by_name["Litware"].addons == {"mcse": "50"}
    warned = {f.customer: f for f in loaded.findings if "names the add-on" in f.message}
    assert sorted(warned) == ["Coho", "Fabrikam"]
    assert warned["Coho"].message == (
        "Tier 'Premier Plus w/ 50% MCSE' (Tier) names the add-on 50% Dedicated MCSE (MCSE), but column 'MCSE' says "
        "'100%': the MCSE is read from 'MCSE', the add-on's own column."
    )
    assert (warned["Coho"].severity.label, warned["Coho"].column) == ("Warning", "MCSE")
