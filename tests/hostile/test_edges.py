"""Clocks at the edges and the smaller hostile values: each a finding on its row or one line, never a traceback."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from explorer.catalog import CatalogError, default_catalog, load_catalog
from explorer.cli import main
from explorer.importing.book import load_book
from explorer.importing.tables import header_text
from explorer.importing.values import cell_text
from explorer.outputs.report.build import build_report
from explorer.paths import resource_path
from tests.hostile.harness import assert_refused, explorer

CASES = """Ticket ID,Organization,Product,Priority,Created at,First reply at,Environment
900001,Humongous Airlines,Okta,P3,2026-10-25 02:30,2026-10-25 02:50,production
900002,Humongous Airlines,Okta,P3,2026-11-04 08:22,2026-11-04 07:44,production
900003,Humongous Airlines,Okta,P3,9999-12-31 08:22,9999-12-31 09:44,production
900004,Humongous Airlines,Okta,P3,2026-03-29 02:30,2026-03-29 03:10,production
"""


def test_clock_edges_are_findings_on_their_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text(CASES)
    book = str(resource_path("sample/contracts.xlsx"))
    code = main(["check", book, "--cases", str(cases), "--case-timezone", "Europe/Berlin", "--as-of", "2026-12-01", "--json"])
    assert code == 1
    out = capsys.readouterr().out
    found = {f["message"] for f in json.loads(out)["findings"] if f["message"].startswith("Case 90000")}
    assert (
        "Case 900001: '2026-10-25 02:30' happened twice in Europe/Berlin (the clocks went back): 02:30 UTC+0200 = "
        "00:30 UTC or 02:30 UTC+0100 = 01:30 UTC; the first is used." in found
    )
    assert (
        "Case 900002: the first response '2026-11-04 07:44' is earlier than the opening time; the case is not counted." in found
    )
    assert any(m.startswith("Case 900003: the opening time '9999-12-31 08:22' cannot be read") for m in found)
    assert (  # the hour the clocks skip is read, and said, not silently moved
        "Case 900004: '2026-03-29 02:30' is a time Europe/Berlin skipped (the clocks went forward over it): read as "
        "the first minute after, 03:00 UTC+0200 = 01:00 UTC." in found
    )


def test_as_of_year_9999_is_one_line(tmp_path: Path) -> None:
    run = explorer("check", "--sample", "--as-of", "9999-12-31", temp=tmp_path / "temp")
    assert_refused(run, "9999-12-31", "1900-01-01 to 2200-12-31")


def test_terminal_codes_in_book_data_are_not_printed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(
        "Account Name,Product,Support Tier,Order Form Start,Order Form End\n"
        "\x1b]0;owned\x07Evil\x1b[2J Corp,Okta,Gold,2026-01-15,2027-01-14\n"
    )
    main(["check", str(book), "--as-of", "2026-06-01"])
    out = capsys.readouterr().out
    assert "Evil[2J Corp" in out or "]0;ownedEvil[2J Corp" in out
    assert "\x1b" not in out and "\x07" not in out


def test_calendar_text_carries_no_control_characters(tmp_path: Path) -> None:
    from explorer.outputs.calendar import _text

    assert _text("Acme\x1b[31m\x00 Corp\tA\nB") == "Acme\ufffd[31m\ufffd Corp\tA\nB"


def test_a_negative_due_soon_days_is_refused(tmp_path: Path) -> None:
    text = resource_path("catalog.toml").read_text(encoding="utf-8")
    assert "due_soon_days = " in text
    edited = tmp_path / "catalog.toml"
    edited.write_text("\n".join("due_soon_days = -5" if line.startswith("due_soon_days") else line for line in text.splitlines()))
    with pytest.raises(CatalogError, match=r"settings.due_soon_days: must be a number of days from 0 to 3,650"):
        load_catalog(edited)


def test_the_summary_hash_is_of_the_bytes_that_were_read(tmp_path: Path) -> None:
    book_file = tmp_path / "contracts.xlsx"
    shutil.copy(resource_path("sample/contracts.xlsx"), book_file)
    read = hashlib.sha256(book_file.read_bytes()).hexdigest()
    book = load_book([str(book_file)])
    book_file.write_bytes(b"rewritten after the read")  # the report must not name these bytes
    data = build_report(book, default_catalog(), date(2026, 6, 1))
    assert data.sources == [(str(book_file), read)]


def test_a_cell_longer_than_excel_allows_is_cut_with_a_finding(tmp_path: Path) -> None:
    book_file = tmp_path / "book.csv"
    name = "Acme " + "x" * 40_000
    book_file.write_text(
        f"Account Name,Product,Support Tier,Order Form Start,Order Form End\n{name},Okta,Premier,2026-01-15,2027-01-14\n"
    )
    book = load_book([str(book_file)])
    assert len(book.contracts[0].customer) == 32_767
    (finding,) = [f for f in book.findings if "longer than" in f.message]
    assert finding.message == "1 cell longer than 32,767 characters (Excel's limit) cut to that length."
    assert (finding.source.row, finding.column) == (2, "Account Name")


def test_text_that_looks_like_rich_text_markup_is_written_as_text(tmp_path: Path) -> None:
    """XlsxWriter writes a string that begins "<r>" and ends "</r>" into the sheet as markup: a customer so named
    came out empty, or added a cell of its own ("evil" in B1) to the report."""
    import csv

    import python_calamine

    name = '<r><t>a</t></r></is></c><c r="B1" t="inlineStr"><is><r><t>evil</t></r>'
    book = tmp_path / "book.csv"
    with book.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["Account Name", "Product", "Support Tier", "Order Form Start", "Order Form End"],
                [name, "Okta", "Premier", "2026-01-15", "2027-01-14"],
                ["<r>rich?</r>", "Okta", "Premier", "2026-01-15", "2027-01-14"],
            ]
        )
    out = tmp_path / "report.xlsx"
    assert main(["report", str(book), "--as-of", "2026-06-01", "-o", str(out)]) == 0
    workbook = python_calamine.CalamineWorkbook.from_path(str(out))
    contracts = workbook.get_sheet_by_name("Contracts").to_python()
    customers = [row[0] for row in contracts[1:]]
    assert sorted(customers) == sorted([name, "<r>rich?</r>"])
    cells = [c for sheet in workbook.sheet_names for row in workbook.get_sheet_by_name(sheet).to_python() for c in row]
    assert "evil" not in cells and "a" not in cells


def test_a_date_cell_outside_every_calendar_is_one_line_not_a_panic(tmp_path: Path) -> None:
    # calamine panics (a BaseException) converting a date-formatted -7e11: check printed a traceback and the app
    # lost every other file opened with it.
    import openpyxl

    path = tmp_path / "contracts.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Contracts"
    ws.append(["Customer", "Product", "Tier", "Start", "End"])
    ws.append(["Acme", "Okta", "Premier", date(2026, 1, 1), -7e11])
    ws.cell(2, 5).number_format = "yyyy-mm-dd"
    wb.save(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    run = explorer("check", path, temp=tmp_path / "temp")
    # Rust's panic hook still reports on stderr before it (python-calamine has no way to quiet it); the last line is ours
    assert run.code == 2 and "Traceback" not in run.err, run.err
    assert run.lines[-1].startswith("explorer: contracts.xlsx: sheet 'Contracts', row 2: a cell the reader cannot convert")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("column", ["Notes", "Term (Months)", "Term"])
def test_a_long_run_of_spaces_in_a_cell_is_read_at_once(tmp_path: Path, column: str) -> None:
    """'1' + 32,000 spaces + 'x' in a Notes, length or range cell: the patterns that read lengths, tiers, ranges and
    dates searched it in time growing with the square of the run (16 s at 10,000 spaces, minutes at 32,000: hostile
    tryout 4). A run of blanks that long is one space wherever a cell's text is read (values.calm)."""
    book_file = tmp_path / "book.csv"
    odd = "1" + " " * 32_000 + "x"
    book_file.write_text(
        f"Account Name,Product,Support Tier,Order Form Start,{column}\nAcme,Okta,Premier,2026-01-15,{odd}\n", "utf-8"
    )
    run = explorer("check", book_file, "--as-of", "2026-12-07", temp=tmp_path / "temp", timeout=60)
    assert run.code in (0, 1) and "Traceback" not in run.err
    assert cell_text(odd) == "1 x" and header_text(odd) == "1 x"  # what the patterns see
