"""Budgets before work: a 2 KB workbook must not make the reader ask for 550 GB and abort the process.

Each case runs the real command line under a 3 GB address-space limit: without the
checks in explorer/importing/safety.py the reader aborts (exit 134) or takes minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.importing import safety
from explorer.importing.readers import read_csv_rows
from explorer.importing.safety import UnreadableFile, check_file
from tests.hostile.books import EMPTY_FAR_CELL, FAR_CELL, PLACED_CELLS, TALL_CELL, cells, workbook
from tests.hostile.harness import assert_refused, explorer, fingerprint

REFUSED = {
    "one cell at XFD1048576": (FAR_CELL, (1, 1), "row 1,048,576 and column 16,384"),
    "one cell at CV1048576": (TALL_CELL, (1, 1), "column 100"),
    "16,384 cells placed by order": (PLACED_CELLS, (1, 1), "column 16,384"),
    "two billion shared strings": ("", (1, 2_000_000_000), "2,000,000,000 strings"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_tiny_workbook_that_would_exhaust_memory_is_one_line(tmp_path: Path, case: str) -> None:
    rows, strings, words = REFUSED[case]
    (tmp_path / "in").mkdir()
    book = workbook(tmp_path / "in" / "book.xlsx", rows, strings)
    assert book.stat().st_size < 3000
    before = fingerprint(tmp_path / "in")
    run = explorer("check", book, temp=tmp_path / "temp")
    line = assert_refused(run, "book.xlsx", words)
    assert "memory budget" in line or "limit" in line
    assert fingerprint(tmp_path / "in") == before
    assert list((tmp_path / "temp").iterdir()) == []


@pytest.mark.parametrize("extra", [EMPTY_FAR_CELL, "".join(cells(r, ["x"] * 26) for r in range(3, 40))])
def test_what_a_reader_needs_little_for_is_read(tmp_path: Path, extra: str) -> None:
    assert check_file(workbook(tmp_path / "book.xlsx", extra)) == "zip"


def test_a_wide_short_sheet_is_counted_by_its_rows(tmp_path: Path) -> None:
    wide = '<row r="3"><c r="XFD3"><v>1</v></c></row>'  # 16,384 columns, 3 rows: 49,152 cells
    assert check_file(workbook(tmp_path / "book.xlsx", wide)) == "zip"
    tall = '<row r="5000"><c r="XFD5000"><v>1</v></c></row>'  # 16,384 x 5,000 cells: over the budget
    with pytest.raises(UnreadableFile, match="row 5,000 and column 16,384"):
        check_file(workbook(tmp_path / "tall.xlsx", tall))


def test_a_csv_of_many_short_fields_is_measured_before_it_is_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MEMORY_BUDGET", 4 * 2**20)  # the same arithmetic as for 2 GB, on a small file
    path = tmp_path / "cases.csv"
    path.write_text("Case,Customer\n" + "a,b\n" * 40_000)
    with pytest.raises(UnreadableFile, match=r"^cases.csv: 80,00\d fields in 0 MB of text: .* 4 MB memory budget"):
        read_csv_rows(path)
    monkeypatch.setattr(safety, "MEMORY_BUDGET", 2 * 1024**3)
    assert len(read_csv_rows(path)) == 40_001
