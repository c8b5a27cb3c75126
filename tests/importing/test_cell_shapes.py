"""Values and sheet shapes real exports write (monday, Notion, Airtable, Excel's own errors), read as a person reads them."""

from __future__ import annotations

from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_formula_errors


def test_excel_error_cells_are_named_with_their_formula(tmp_path: Path) -> None:
    book = load_book([write_formula_errors(tmp_path / "errors.xlsx")])
    errors = {(f.source.row, f.column): f.message for f in book.findings if f.severity is Severity.ERROR}
    assert errors == {
        (3, "Tier"): "Tier: the cell holds Excel's error #N/A (its formula =VLOOKUP(A3,Tiers!A:B,2,FALSE) failed).",
        (4, "Term End"): "Term end: the cell holds Excel's error #REF! (its formula =#REF!+364 failed).",
        (5, "Term End"): "Term end: the cell holds Excel's error #VALUE! (its formula =EDATE(D5,12)-1 failed).",
    }
    assert [c.program for c in book.contracts] == ["okta-premier-plus", None, "okta-premier", "okta-basic"]
