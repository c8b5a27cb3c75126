"""The report's Public Holidays cell wraps wherever it prints (new user 6 D4)."""

from __future__ import annotations

from pathlib import Path


def test_the_public_holidays_cell_wraps_so_its_point_prints(tmp_path: Path) -> None:
    """New user 6 D4: Auth0 Enterprise's Public Holidays cell ('– (P1 24x7x365; P2–P4 Mon–Fri 24h local: holidays do
    not pause these clocks)') printed cut at 'holida' on the Contracts sheet, which prints across pages (where
    nothing else wraps): whether holidays pause the clock is the cell's point, so it wraps."""
    import openpyxl

    from explorer.cli import main

    book = tmp_path / "book.csv"
    book.write_text("Customer,Product,Tier,Start,End\nCedar Health,Auth0,Enterprise,2026-01-01,2026-12-31\n", "utf-8")
    out = tmp_path / "r.xlsx"
    assert main(["report", str(book), "--as-of", "2026-12-08", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Contracts"]
    column = [c.value for c in ws[1]].index("Public Holidays") + 1
    cell = ws.cell(2, column)
    assert "holidays do not pause" in str(cell.value) and cell.alignment.wrap_text
