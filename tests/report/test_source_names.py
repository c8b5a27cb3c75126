"""The Summary's source files print whole: a name in column A alone was cut at the SHA-256 beside it on paper
(`01_renewals_and_accounts_o`, `cases_01_fabrikam_contoso.c`: renew14 D12, tryout14 #12), and the name is the
only link between the hash and the file."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from explorer.app.session import open_session
from explorer.outputs.report.build import build_report
from explorer.outputs.report.writer import write_report

BOOK = "01_renewals_and_accounts_one_row_per_year.csv"
LONG = "cases_" + "_".join(["fabrikam_contoso_northwind_export"] * 4) + ".csv"


def _report(tmp_path: Path) -> Path:
    book = tmp_path / BOOK
    book.write_text("Customer,Product,Tier,Start,End\nNorthwind Bank,Okta,Premier,2026-01-15,2027-01-14\n", "utf-8")
    log = tmp_path / LONG
    log.write_text(
        "Case ID,Customer,Product,Priority,Opened (UTC),First Response (UTC)\n"
        "N-1,Northwind Bank,Okta,P3,2026-11-02 10:00:00,2026-11-02 11:00:00\n",
        "utf-8",
    )
    session = open_session([book, log], date(2026, 12, 8))
    data = build_report(session.book, session.catalog, session.as_of, session.sla)
    return write_report(data, tmp_path / "report.xlsx")


def test_each_source_name_has_a_row_of_its_own_tall_enough_for_it(tmp_path: Path) -> None:
    out = _report(tmp_path)
    ws = openpyxl.load_workbook(out)["Summary"]
    named = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "File"}
    assert set(named) == {BOOK, LONG}
    for name, r in named.items():
        assert f"B{r}:H{r}" in {str(m) for m in ws.merged_cells.ranges}  # across the page, not column A's width
        assert ws.cell(r, 2).alignment.wrap_text
        assert ws.cell(r + 1, 1).value == "SHA-256"
        assert ws.cell(r + 1, 2).value == hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
    assert ws.row_dimensions[named[LONG]].height and ws.row_dimensions[named[LONG]].height > 15  # wraps: two lines


def test_the_printed_summary_holds_the_names_whole(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and poppler are not installed (tools/install-system-deps.sh installs them)")
    out = _report(tmp_path)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(tmp_path / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert BOOK in text  # whole on its line, the hash on the next
    assert "".join(text.split()).count("".join(LONG.split())) == 1  # wrapped over lines, but every character printed
