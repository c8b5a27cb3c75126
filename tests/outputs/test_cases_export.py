"""The Cases page's export (explorer.outputs.cases_export): what it writes, and Cancel up to the last moment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import python_calamine

from explorer.app.cancel import Cancelled, CancelToken
from explorer.app.session import open_session
from explorer.catalog import default_catalog
from explorer.outputs.cases_export import export_cases
from explorer.paths import resource_path

AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="module")
def cases():  # type: ignore[no-untyped-def]
    files = [resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")]
    return open_session(files, AS_OF, default_catalog()).sla.cases


def test_every_case_is_written_with_its_progress_told(cases, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    told: list[str] = []
    target = export_cases(cases, tmp_path / "cases.xlsx", [], progress=told.append)
    rows = python_calamine.CalamineWorkbook.from_path(str(target)).get_sheet_by_name("Cases").to_python()
    assert len(rows) == len(cases) + 1
    assert str(rows[1][0]) == str(cases.iloc[0]["case_id"])
    assert told[0] == f"Writing cases: 0 of {len(cases):,}" and told[-1] == f"Saving {len(cases):,} cases"


def test_a_cancel_while_the_workbook_is_saved_leaves_no_file(cases, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every row written, the workbook being zipped (half the export's time): Cancel still leaves nothing behind."""
    token = CancelToken()

    def told(message: str) -> None:
        if message.startswith("Saving"):
            token.cancel()

    with pytest.raises(Cancelled):
        export_cases(cases, tmp_path / "cases.xlsx", [], token, told)
    assert list(tmp_path.iterdir()) == []


def test_the_export_is_laid_out_as_the_reports_cases_sheet(cases, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every column was 12 characters or its header wide: the due times printed as ###, long names ran over the next
    rows and the sheet printed two pages wide (found by a user's tryout). It is now the report's Cases sheet."""
    import openpyxl

    from explorer.outputs.report.glyphs import column_pixels, text_pixels

    target = export_cases(cases, tmp_path / "cases.xlsx", [])
    ws = openpyxl.load_workbook(target)["Cases"]
    spans = [(d.min, d.max, d.width) for d in ws.column_dimensions.values() if d.min]  # openpyxl groups equal widths
    widths = {c.value: next(w for lo, hi, w in spans if lo <= c.column <= hi) for c in ws[1]}
    for header in ("Opened (UTC)", "Due (UTC)", "First Response (UTC)"):  # a date-time shown whole, not as ###
        assert column_pixels(widths[header]) > text_pixels("2026-11-28 23:59") + 8, header
    customers = [c for c in ws["B"][1:] if c.value]
    assert all(c.alignment.wrap_text for c in customers)
    tall = [c for c in customers if text_pixels(c.value) > column_pixels(widths["Customer"]) - 8]
    assert tall and all((ws.row_dimensions[c.row].height or 15) >= 30 for c in tall)  # a wrapped name has its lines
    setup = ws.page_setup  # one page wide (fitToWidth left out: OOXML reads it as 1), as many pages down as it takes
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    assert any("Breached" in str(rule.formula) for rules in ws.conditional_formatting for rule in rules.rules)
