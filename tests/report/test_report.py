"""The report re-opened with openpyxl: sheets, headers, cell types and values are pinned."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from explorer.atomic import OutputError
from explorer.catalog import default_catalog
from explorer.cli import main
from explorer.importing.book import load_book
from explorer.outputs.report.build import build_report
from explorer.outputs.report.schema import SHEETS, sheet_columns
from explorer.outputs.report.writer import write_report
from explorer.sla.engine import as_of_moment, evaluate

from ..files import CASE_HEADER, HEADER, write_csv

EVIL = '=HYPERLINK("http://x","y")'
ROWS = [
    ["Acme Corp", "Okta", "Premier Plus", "2026-01-15", "2027-01-14", "EMEA", "Europe/Berlin", "DE", "Yes", "50%", ""],
    [EVIL, "Okta", "Basic", "2026-03-01", "2027-02-28", "AMER", "America/New_York", "US", "", "", "@risk"],
    ["-Minus Ltd", "Auth0", "Premier", "2026-02-01", "2027-01-31", "APAC", "Asia/Tokyo", "JP", "", "", ""],
]
CASES = [
    ["C-1", "Acme Corp", "Okta", "P1", "2026-03-02 10:00", "2026-03-02 10:30", ""],
    ["C-2", "Acme Corp", "Okta", "P1", "2026-03-02 10:00", "2026-03-02 12:00", ""],
    ["C-3", EVIL, "Okta", "P2", "2026-07-02 20:00", "", ""],
    ["+C-4", "-Minus Ltd", "Auth0", "Urgent", "2026-11-28 23:35", "", "production"],
]
AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("report")
    book_file = write_csv(folder / "book.csv", rows=ROWS, header=HEADER)
    cases_file = write_csv(folder / "cases.csv", rows=CASES, header=CASE_HEADER)
    out = folder / "report.xlsx"
    assert main(["report", str(book_file), "--cases", str(cases_file), "--as-of", "2026-11-28", "-o", str(out)]) == 0
    return out, book_file, cases_file


def rows(ws) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return [[c.value for c in r] for r in ws.iter_rows()]


def test_sheets_and_headers(report: tuple[Path, Path, Path]) -> None:
    wb = openpyxl.load_workbook(report[0])
    assert wb.sheetnames == list(SHEETS)
    columns = sheet_columns(default_catalog())
    assert columns["Contracts"][7:9] == ["Dedicated CSE", "MCSE"]  # the bundled catalog's add-ons, as documented
    for name, headers in columns.items():
        if headers:
            assert [c.value for c in wb[name][1]] == headers, name
            assert wb[name].freeze_panes == "A2"
            assert wb[name].auto_filter.ref is not None and wb[name].auto_filter.ref.startswith("A1:")
            assert wb[name].print_title_rows == "$1:$1"
            assert wb[name].page_setup.orientation == "landscape"


def test_formula_like_text_stays_text(report: tuple[Path, Path, Path]) -> None:
    wb = openpyxl.load_workbook(report[0])
    contracts = rows(wb["Contracts"])
    names = [r[0] for r in contracts[1:]]
    assert EVIL in names and "-Minus Ltd" in names
    evil_cell = wb["Contracts"].cell(names.index(EVIL) + 2, 1)
    assert evil_cell.data_type == "s" and evil_cell.value == EVIL
    assert evil_cell.quotePrefix  # editing the cell in Excel keeps it text
    cases = rows(wb["Cases"])
    assert [r[0] for r in cases[1:]] == ["C-1", "C-2", "C-3", "+C-4"]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_contract_values_and_types(report: tuple[Path, Path, Path]) -> None:
    wb = openpyxl.load_workbook(report[0])
    acme = next(r for r in rows(wb["Contracts"]) if r[0] == "Acme Corp")
    assert acme == ["Acme Corp", "Okta", "Premier Plus", datetime(2026, 1, 15), datetime(2027, 1, 14), "24x7",
                    "Europe/Berlin", "Yes", "50% Dedicated MCSE", 5, 0, 7, None]
    assert wb["Contracts"]["D2"].number_format == "yyyy-mm-dd"
    key_dates = [r for r in rows(wb["Key Dates"]) if r[0] == "Acme Corp"]
    assert ["Acme Corp", "Okta", "Add-on renewal request deadline", datetime(2026, 11, 30), "Due soon"] in key_dates
    assert ["Acme Corp", "Okta", "MCSE available", datetime(2026, 4, 15), "Past"] in key_dates
    targets = [r for r in rows(wb["SLA Targets"]) if r[0] == "-Minus Ltd"]
    assert targets[0] == ["-Minus Ltd", "Auth0", "Premier", "P1", 0.5, "24x7x365"]


def test_cases_and_compliance(report: tuple[Path, Path, Path]) -> None:
    wb = openpyxl.load_workbook(report[0])
    cases = {r[0]: r for r in rows(wb["Cases"])[1:]}
    assert cases["C-1"] == ["C-1", "Acme Corp", "Okta", "P1", datetime(2026, 3, 2, 10, 0), datetime(2026, 3, 2, 11, 0),
                            datetime(2026, 3, 2, 10, 30), 30, "Met"]
    assert cases["C-2"][-1] == "Breached"
    assert cases["C-3"][5] == datetime(2026, 7, 7, 16, 0) and cases["C-3"][-1] == "Breached"
    assert cases["+C-4"][-1] == "At risk"  # 25 of its 30 minutes used at the end of the as-of day
    assert wb["Cases"]["E2"].number_format == "yyyy-mm-dd hh:mm"
    compliance = {(r[0], r[2]): r for r in rows(wb["Compliance"])[1:]}
    assert compliance[("Acme Corp", "P1")] == ["Acme Corp", "Okta", "P1", 2, 1, 1, 0, 0, 0.5]
    acme_row = next(r for r in wb["Compliance"].iter_rows(min_row=2) if r[0].value == "Acme Corp")
    assert acme_row[8].number_format == "0.0%"
    assert next(r for r in rows(wb["Compliance"]) if r[0] == "-Minus Ltd")[8] is None  # nothing decided yet


def test_summary(report: tuple[Path, Path, Path]) -> None:
    out, book_file, cases_file = report
    wb = openpyxl.load_workbook(out)
    summary = {r[0]: r[1] for r in rows(wb["Summary"]) if r[0]}
    assert summary["As of"] == datetime(2026, 11, 28)
    assert summary["Catalog version"] == "2026.11.1"
    assert summary["Customers"] == 3
    assert summary["book.csv"] == hashlib.sha256(book_file.read_bytes()).hexdigest()
    assert summary["cases.csv"] == hashlib.sha256(cases_file.read_bytes()).hexdigest()
    assert summary["Cases"] == 4 and summary["Error findings"] == 0
    texts = " ".join(str(r[1]) for r in rows(wb["Summary"]) if r[1])
    assert "Mon, Tue, Wed, Thu, Fri, 09:00-17:00 customer local time" in texts  # the calendar definition used
    assert "Okta's Business Support hours" in texts  # the Decision
    with zipfile.ZipFile(out) as z:  # openpyxl drops charts on load: look in the package
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())


def test_customer_filter(tmp_path: Path, report: tuple[Path, Path, Path]) -> None:
    _, book_file, cases_file = report
    out = tmp_path / "acme.xlsx"
    assert main(["report", str(book_file), "--cases", str(cases_file), "--as-of", "2026-11-28",
                 "--customer", "acme corp", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert {r[0] for r in rows(wb["Contracts"])[1:]} == {"Acme Corp"}
    assert {r[1] for r in rows(wb["Cases"])[1:]} == {"Acme Corp"}
    assert main(["report", str(book_file), "--customer", "Nobody", "-o", str(out)]) == 2


def test_report_without_case_log_has_no_case_sheets(tmp_path: Path, report: tuple[Path, Path, Path]) -> None:
    out = tmp_path / "plain.xlsx"
    assert main(["report", str(report[1]), "--as-of", "2026-11-28", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == [s for s in SHEETS if s not in ("Cases", "Compliance")]


def test_report_with_errors_is_still_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample.xlsx"
    assert main(["report", "--sample", "--as-of", "2026-11-28", "-o", str(out)]) == 1
    assert "5 error findings are listed in it" in capsys.readouterr().out
    findings = rows(openpyxl.load_workbook(out)["Findings"])
    assert findings[1][0] == "Error" and len(findings) > 10


def test_target_safety(tmp_path: Path, report: tuple[Path, Path, Path]) -> None:
    _, book_file, _ = report
    book = load_book([book_file])
    data = build_report(book, default_catalog(), AS_OF)
    with pytest.raises(OutputError, match="one of the input files"):
        write_report(data, book_file, [book_file])
    existing = tmp_path / "keep.xlsx"
    existing.write_bytes(b"previous report")
    with pytest.raises(OutputError, match="cannot write here"):
        write_report(data, Path("/sys/report.xlsx"))  # read-only even for root
    with pytest.raises(OutputError, match="does not exist"):
        write_report(data, tmp_path / "no-such-folder" / "r.xlsx")
    assert existing.read_bytes() == b"previous report"
    write_report(data, existing)
    assert existing.read_bytes().startswith(b"PK")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".keep-")]  # no temp files left behind


def test_failed_write_leaves_the_old_file(tmp_path: Path, report: tuple[Path, Path, Path]) -> None:
    existing = tmp_path / "keep.xlsx"
    existing.write_bytes(b"previous report")
    book = load_book([report[1]])
    data = build_report(book, default_catalog(), AS_OF)
    data.sheets["Contracts"] = None  # type: ignore[assignment]  # the writer fails half-way
    with pytest.raises(AttributeError):
        write_report(data, existing)
    assert existing.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.xlsx"]


def test_libreoffice_converts_the_report(tmp_path: Path, report: tuple[Path, Path, Path]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (tools/install-system-deps.sh installs it)")
    out = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                          "pdf", "--outdir", str(tmp_path), str(report[0])], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= len(SHEETS)  # every sheet printed, none empty


def test_evaluation_used_by_report_matches_engine(report: tuple[Path, Path, Path]) -> None:
    book = load_book([report[1]], [report[2]])
    sla = evaluate(book, default_catalog(), as_of_moment(AS_OF))
    assert sla.cases["outcome"].tolist() == ["Met", "Breached", "Breached", "At risk"]
    assert sla.cases["due"].iloc[3] == __import__("pandas").Timestamp("2026-11-29 00:05", tz="UTC")
