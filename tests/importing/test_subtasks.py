"""An Asana task export kept as a renewals tracker: a subtask ('Send renewal quote', its Parent task filled) became
a customer '(no customer name: ...)' with three errors (tryout 13)."""

from __future__ import annotations

from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv

HEADER = ["Task ID", "Name", "Start Date", "End Date", "Parent task", "Customer", "Product", "Support Tier"]


def test_a_subtask_is_a_step_of_its_parent_not_a_contract(tmp_path: Path) -> None:
    parent = "Renew Okta Premier Plus – Norrland Paper"
    rows = [
        ["1001", parent, "2026-02-01", "2027-01-31", "", "Norrland Paper AB", "Okta", "Premier Plus"],
        ["1002", "Send renewal quote", "", "", parent, "", "", ""],
        ["1003", "Renew Auth0 Premier – Caldera Mining", "2026-04-10", "2027-04-09", "", "Caldera Mining", "Auth0", "Premier"],
    ]
    book = load_book([write_csv(tmp_path / "asana.csv", header=HEADER, rows=rows)])
    assert [c.customer for c in book.contracts] == ["Norrland Paper AB", "Caldera Mining"]
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    (said,) = [f.message for f in book.findings if "subtask" in f.message]
    assert said == f"Row 3 is a subtask of '{parent}' (its 'Parent task' column); it is not read as a record."


def test_a_header_repeated_per_group_is_no_row_the_term_range_column_misreads(tmp_path: Path) -> None:
    """monday.com writes each group's header again: the Timeline info said 'all but row 5, not a range of two dates
    (an error on each)' of that repeated header, where no error is (tryout 13)."""
    from ..files import write_sheets

    header = ["Name", "Product", "Tier", "Timeline"]
    rows = [
        ["Active"],
        header,
        ["Brightwater Energy", "Okta", "Premier Plus", "2026-01-05 - 2027-01-04"],
        [],
        ["Up for renewal"],
        header,
        ["Cinderford Council", "Okta", "Premier", "2025-12-15 - 2026-12-14"],
    ]
    book = load_book([write_sheets(tmp_path / "board.xlsx", {"Customer Renewals": rows})])
    assert [c.customer for c in book.contracts] == ["Brightwater Energy", "Cinderford Council"]
    (said,) = [f.message for f in book.findings if f.message.startswith("Read 'Timeline'")]
    assert said == "Read 'Timeline' as the term start and end: each cell holds both dates ('2026-01-05 - 2027-01-04')."
