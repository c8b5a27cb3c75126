"""The internal entitlement sheet gives the user's workspace note on a key date after its status; the customer's
copy never does (notes are the account team's)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.app.session import open_session
from explorer.outputs.entitlement import sheet_html

from ..files import write_csv


def test_the_internal_copy_gives_the_note_after_the_status(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Term Start", "Term End", "Dedicated CSE", "Time Zone"],
        rows=[["Fabrikam", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "Yes", "Europe/Berlin"]],
    )
    session = open_session([book], date(2026, 12, 8))
    sheet = session.sheet("fabrikam")
    assert sheet is not None
    deadline = next(d for d in sheet.dates if d.date.is_action)
    session.workspace.set_mark(deadline.key, True, "Renewal request sent to legal", date(2026, 12, 1))
    sheet = session.sheet("fabrikam")
    assert sheet is not None
    internal = sheet_html(sheet, internal=True)
    assert "Done (marked 2026-12-01)<br><span class='muted'>Your note: Renewal request sent to legal</span>" in internal
    customer = sheet_html(sheet)
    assert "Done (marked 2026-12-01)" in customer and "legal" not in customer
