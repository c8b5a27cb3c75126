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
