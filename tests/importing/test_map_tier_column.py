"""`explorer map` offers a column of tiers as the tier and lists the tier among the needed fields where none is."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from explorer.cli import main

from ..files import write_csv, write_sheets

HEADER = ["Acct", "Offering", "Plan level", "Commencement", "Expiry", "CSE?", "Renewal Status", "TZ"]
ROWS: list[list[object]] = [
    ["Pine Robotics", "Okta", "Premier Plus", datetime(2026, 3, 1), datetime(2027, 2, 28), "Yes", "Lost", "America/New_York"],
    ["Quince Labs", "Okta", "Premier", datetime(2026, 1, 10), datetime(2027, 1, 9), None, "In progress", "Europe/Madrid"],
    ["Teak Capital", "Auth0", "Premier", datetime(2026, 6, 1), datetime(2027, 5, 31), None, "Churned", "Europe/Zurich"],
    ["Umber Retail", "Okta", "Basic", datetime(2026, 8, 1), datetime(2027, 7, 31), None, None, "America/Phoenix"],
]


def titled_book(folder: Path, tier: bool = True) -> Path:
    """The report's renewal_status_title_row.xlsx: a title row, a blank one, then headers the importer half knows."""
    keep = [i for i, h in enumerate(HEADER) if tier or h != "Plan level"]
    rows = [[r[i] for i in keep] for r in [HEADER, *ROWS]]
    return write_sheets(folder / "titled.xlsx", {"Book": [["Q4 renewals tracker - confidential"], [], *rows]})


def test_a_column_of_tiers_is_offered_as_the_tier_and_the_edited_mapping_reads_auth0_premier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, out = titled_book(tmp_path), tmp_path / "map.toml"
    assert main(["map", str(book), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    written = tomllib.loads(text)["mapping"][0]
    assert written["columns"]["program"] == "Plan level"  # a guess to check, as the sheet could not be read
    assert "#   program = 'Plan level': every filled cell is a tier of its row's product" in text
    assert "#   needed: customer, term_start;" in text  # the tier is given, so not needed
    edited = text.replace('product = "Offering"', 'customer = "Acct"\nproduct = "Offering"\nterm_start = "Commencement"')
    out.write_text(edited, "utf-8")
    capsys.readouterr()
    main(["check", str(book), "--mapping", str(out), "--as-of", "2026-12-08"])
    seen = capsys.readouterr().out
    assert "0 errors" in seen and "no tier column" not in seen.lower()


def test_a_sheet_without_a_tier_column_lists_the_tier_as_needed_with_auth0s_default(tmp_path: Path) -> None:
    out = tmp_path / "map.toml"
    assert main(["map", str(titled_book(tmp_path, tier=False)), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert (
        "#   needed: customer, term_start, program (tier: Okta and Okta Access Gateway need one; without one Auth0 is "
        "read as Enterprise);" in text
    )
    assert "program" not in tomllib.loads(text)["mapping"][0]["columns"]


def test_a_read_table_offers_its_column_of_tiers_commented_and_says_what_no_tier_costs(tmp_path: Path) -> None:
    header = ["Customer", "Product", "Segment", "Start Date", "End Date", "Time Zone"]
    rows = [
        ["Pine", "Okta", "Premier Plus", "2026-03-01", "2027-02-28", "UTC"],
        ["Teak", "Auth0", "Premier", "2026-06-01", "2027-05-31", "UTC"],
    ]
    out = tmp_path / "map.toml"
    assert main(["map", str(write_csv(tmp_path / "seg.csv", header=header, rows=rows)), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "program" not in tomllib.loads(text)["mapping"][0]["columns"]  # the import does not read it unasked
    assert "#   maybe program = 'Segment' (every filled cell is a tier of its row's product" in text
    plain = [[c for j, c in enumerate(r) if j != 2] for r in rows]
    header.remove("Segment")
    assert main(["map", str(write_csv(tmp_path / "bare.csv", header=header, rows=plain)), "-o", str(out)]) == 0
    assert "#   no tier column: Okta and Okta Access Gateway need one; without one Auth0 is read as Enterprise" in (
        out.read_text("utf-8")
    )
