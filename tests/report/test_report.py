"""The report re-opened with openpyxl: sheets, headers, cell types and values are pinned."""

from __future__ import annotations

import bisect
import hashlib
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from explorer import clock
from explorer.atomic import OutputError
from explorer.catalog import default_catalog
from explorer.cli import main
from explorer.importing.book import load_book
from explorer.outputs.report.build import build_report
from explorer.outputs.report.layout import LANDSCAPE_POINTS, PORTRAIT_POINTS
from explorer.outputs.report.schema import CASE_SHEETS, SHEETS, sheet_columns
from explorer.outputs.report.writer import write_report
from explorer.sla.engine import evaluate

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
    ["C-5", "Acme Corp", "Okta", "P1", "2026-11-20 10:00", "2026-11-20 12:00", ""],
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
    assert columns["Contracts"][8:11] == ["Public Holidays", "Dedicated CSE", "MCSE"]  # the bundled add-ons follow
    for name, headers in columns.items():
        if name == "Actions":  # the Owner column only where the book has one (this book's is "Owner notes")
            headers = [h for h in headers if h != "Owner"]
        if headers:
            assert [c.value for c in wb[name][1]] == headers, name
            assert wb[name].freeze_panes == "A2"
            assert wb[name].auto_filter.ref is not None and wb[name].auto_filter.ref.startswith("A1:")
            assert wb[name].print_title_rows == "$1:$1"
            setup = wb[name].page_setup
            # legible on paper: one page wide only where 11-pt type then prints at 8 pt or more, else a fixed
            # scale that keeps 8 pt (the columns run onto a further page across)
            widths = [wb[name].column_dimensions[get_column_letter(c + 1)].width for c in range(len(headers))]
            page = LANDSCAPE_POINTS if setup.orientation == "landscape" else PORTRAIT_POINTS
            if wb[name].sheet_properties.pageSetUpPr.fitToPage:
                # a stored width already holds the column's 5 pixels of padding (points() adds them to a set width)
                printed = sum(w * 7 * 0.75 * 1.07 for w in widths)
                assert setup.fitToWidth in (None, 1) and printed * 8 / 11 <= page, name
            else:
                assert int(setup.scale) >= 73 and wb[name].print_title_cols == "$A:$A", name
    assert wb["Contracts"].page_setup.orientation == "landscape" and wb["SLA Targets"].page_setup.orientation == "portrait"


def test_formula_like_text_stays_text(report: tuple[Path, Path, Path]) -> None:
    wb = openpyxl.load_workbook(report[0])
    contracts = rows(wb["Contracts"])
    names = [r[0] for r in contracts[1:]]
    assert EVIL in names and "-Minus Ltd" in names
    evil_cell = wb["Contracts"].cell(names.index(EVIL) + 2, 1)
    assert evil_cell.data_type == "s" and evil_cell.value == EVIL
    assert evil_cell.quotePrefix  # editing the cell in Excel keeps it text
    cases = rows(wb["Cases"])
    assert [r[0] for r in cases[1:]] == ["+C-4", "C-5", "C-3", "C-1", "C-2"]  # newest first
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_contract_values_and_types(report: tuple[Path, Path, Path]) -> None:
    wb = openpyxl.load_workbook(report[0])
    acme = next(r for r in rows(wb["Contracts"]) if r[0] == "Acme Corp")
    assert acme == [
        "Acme Corp",
        "Okta",
        "Premier Plus",
        datetime(2026, 1, 15),
        datetime(2027, 1, 14),
        "In force",
        "24x7",
        "Europe/Berlin",
        "– (24x7: holidays do not pause the clock)",  # Premier Plus's clock never closes (trust round 7 #7)
        "Yes",
        "50% Dedicated MCSE",
        5,
        0,
        7,
        None,
    ]
    assert wb["Contracts"]["D2"].number_format == "yyyy-mm-dd"
    (days,) = [r[13] for r in wb["Contracts"].iter_rows(min_row=2) if r[0].value == "Acme Corp"]
    assert days.value == 7 and days.number_format == "#,##0.0"  # 7.0 Administrative Days, to one decimal as the sheet
    key_dates = [r for r in rows(wb["Key Dates"]) if r[0] == "Acme Corp"]
    assert [
        "Acme Corp",
        "Okta",
        "Add-on renewal request deadline",
        datetime(2026, 11, 30),
        "Due soon",
        "Ask at least 45 days before the Order Form end date to keep the same add-on resource.",
    ] in key_dates
    assert key_dates[0][2:5] == ["Term start", datetime(2026, 1, 15), "Past"]
    assert [r[3] for r in rows(wb["Key Dates"])[1:]] == sorted(r[3] for r in rows(wb["Key Dates"])[1:])  # by date
    targets = [r for r in rows(wb["SLA Targets"]) if r[0] == "-Minus Ltd"]
    assert targets[0][:3] == ["-Minus Ltd", "Auth0", "Premier"] and targets[0][5:] == ["P1", 0.5, "24x7x365"]
    assert all(isinstance(day, datetime) for r in targets for day in r[3:5])  # each term's targets are dated


def test_cases_and_compliance(report: tuple[Path, Path, Path]) -> None:
    wb = openpyxl.load_workbook(report[0])
    cases = {r[0]: r for r in rows(wb["Cases"])[1:]}
    assert cases["C-1"] == [
        "C-1",
        "Acme Corp",
        "Okta",
        "P1",
        datetime(2026, 3, 2, 10, 0),
        datetime(2026, 3, 2, 11, 0),
        datetime(2026, 3, 2, 10, 30),
        "24x7",
        30,
        "Met",
    ]
    assert cases["C-3"][7:9] == ["Mon–Fri 9–17 local", None]  # Okta Basic: business minutes, none yet (short label)
    assert cases["C-2"][-1] == "Breached"
    assert cases["C-3"][5] == datetime(2026, 7, 7, 16, 0) and cases["C-3"][-1] == "Breached"
    assert cases["+C-4"][-1] == "At risk"  # 25 of its 30 minutes used at the end of the as-of day
    assert wb["Cases"]["E2"].number_format == "yyyy-mm-dd hh:mm"
    compliance = {(r[0], r[2]): r for r in rows(wb["Compliance"])[1:]}
    every = "All cases (to 2026-11-28)"  # the window, on every row
    assert compliance[("Acme Corp", "P1")] == ["Acme Corp", "Okta", "P1", 3, 1, 2, 0, 0, pytest.approx(1 / 3), every]
    acme_row = next(r for r in wb["Compliance"].iter_rows(min_row=2) if r[0].value == "Acme Corp")
    assert acme_row[8].number_format == "0.0%"
    assert next(r for r in rows(wb["Compliance"]) if r[0] == "-Minus Ltd")[8] is None  # nothing decided yet
    # ... and so neither green nor red: Excel's "< 95%" rule takes a blank for 0 and painted it red
    formulas = [rule.formula for cf in wb["Compliance"].conditional_formatting for rule in cf.rules]
    assert formulas == [["AND(ISNUMBER(I2),I2>=0.95)"], ["AND(ISNUMBER(I2),I2<0.95)"]]


def test_summary(report: tuple[Path, Path, Path]) -> None:
    out, book_file, cases_file = report
    wb = openpyxl.load_workbook(out)
    summary = {r[0]: r[1] for r in rows(wb["Summary"]) if r[0]}
    assert summary["As of"] == datetime(2026, 11, 28)
    assert summary["Catalog version"] == "2026.11.1"
    assert summary["Customers"] == 3
    lines = rows(wb["Summary"])  # each source file's name on a row of its own, its SHA-256 on the next
    digests = {r[1]: lines[i + 1][1] for i, r in enumerate(lines) if r[0] == "File" and lines[i + 1][0] == "SHA-256"}
    assert digests["book.csv"] == hashlib.sha256(book_file.read_bytes()).hexdigest()
    assert digests["cases.csv"] == hashlib.sha256(cases_file.read_bytes()).hexdigest()
    assert summary["Cases"] == 5 and summary["Error findings"] == 0
    texts = " ".join(str(r[1]) for r in rows(wb["Summary"]) if r[1])
    assert "Mon, Tue, Wed, Thu, Fri, 09:00-17:00 customer local time" in texts  # the calendar definition used
    assert "nights, weekends and public holidays do not" in texts  # ... and in words
    assert summary["24x7"].startswith("Every minute counts")
    assert "Okta's Business Support hours" in texts  # the Decision
    assert "Okta Access Gateway" not in texts  # no Access Gateway contract: its assumption does not apply
    assert summary["Compliance window"] == "All cases (to 2026-11-28)"
    assert summary["Window"] == "All cases opened (to 2026-11-28)."  # not "Cases opened in all cases"
    assert "First responses on time, all cases (to 2026-11-28): 25.0% against a 95% target; below target: P1, P2." in texts
    assert "3 things to act on (unanswered P1 1, deadline due soon 1, P1 answered late 1)" in texts
    with zipfile.ZipFile(out) as z:  # openpyxl drops charts on load: look in the package
        chart = z.read("xl/charts/chart1.xml").decode()
    # compliance % as bars, one series per colour so the legend's swatches are the bars' (green at or above the
    # target, red below), the target as a line; not stacked case counts
    assert "<c:barChart>" in chart and "<c:lineChart>" in chart and "stacked" not in chart
    assert "At or above target" in chart and "Below target" in chart and "Target 95%" in chart
    assert "<c:f>Summary!$J$" in chart and "<c:f>Summary!$K$" in chart and "<c:f>Summary!$H$" in chart
    series = re.findall(r"<c:ser>.*?</c:ser>", chart, re.S)
    assert ["63BE7B" in series[0], "F8696B" in series[1]] == [True, True]
    assert "plotVisOnly" not in chart  # the hidden series columns are drawn (Excel's default, XlsxWriter's show_hidden_data)
    # each bar's label at its base: at its top the target line (95%, where most bars end) ran through it
    assert re.findall(r'<c:dLblPos val="(\w+)"/>', chart) == ["inBase", "inBase"]


def test_actions(report: tuple[Path, Path, Path]) -> None:
    wb = openpyxl.load_workbook(report[0])
    assert wb.sheetnames[:2] == ["Summary", "Actions"]
    actions = rows(wb["Actions"])[1:]
    assert actions == [  # C-3's P2 breach in July is outside the 90 days Actions look back over
        [
            "-Minus Ltd",
            "Auth0",
            "Unanswered P1",
            "Unanswered for 25 min, still inside its target (due 2026-11-29 00:05 UTC): ask support to answer case +C-4 "
            "now, and tell the customer when.",
            datetime(2026, 11, 28),
            "Cases: +C-4",
        ],
        [
            "Acme Corp",
            "Okta",
            "Deadline due soon",
            "Add-on renewal request deadline on 2026-11-30. Ask at least 45 days "
            "before the Order Form end date to keep the same add-on resource.",
            datetime(2026, 11, 30),
            "Key Dates",
        ],
        [
            "Acme Corp",
            "Okta",
            "P1 answered late",
            "Review P1 case C-5 answered 1 h late on its clock in the last 90 days with the support team, and tell the "
            "customer what changes.",
            datetime(2026, 11, 20),
            "Cases: C-5",
        ],
    ]


def test_sample_actions_and_order(sample_report: Path) -> None:
    wb = openpyxl.load_workbook(sample_report)
    actions = rows(wb["Actions"])[1:]
    assert rows(wb["Actions"])[0][1] == "Owner"  # the book's Account Owner column
    issues = [r[3] for r in actions]
    ranks = [
        ("Unanswered P1", "Unanswered P2", "Deadline overdue"),
        ("Deadline due soon",),
        ("P1 answered late", "P2 answered late"),
        ("Named contacts over limit",),
        ("Contact out of region",),
        ("Contract error",),
        ("Cases not counted",),
        ("Lapsed with cases",),
    ]

    def rank(issue: str) -> int:
        return next(i for i, kinds in enumerate(ranks) if issue in kinds)

    assert issues == sorted(issues, key=rank)  # the most urgent first
    assert {"Unanswered P1", "Deadline overdue"} <= set(issues[:5])
    late = [r[5] for r in actions if r[3].endswith("answered late")]
    assert late == sorted(late, reverse=True)  # late answers newest first
    unanswered = next(r for r in actions if r[3] == "Unanswered P1")
    assert unanswered[:3] == ["Cascade Capital", "AM 2", "Okta"] and unanswered[4].startswith("Unanswered for ")
    assert issues.count("Contract error") == 5  # one per error finding
    # The Summary counts them in the sheet's order, but P1 before P2 where the sheet ranks them alike: its late
    # answers run newest first, and a P2's came first.
    glance = next(str(r[1]) for r in rows(wb["Summary"]) if str(r[1]).endswith("says who, what and where."))
    assert issues.index("P2 answered late") < issues.index("P1 answered late")
    assert glance.index("unanswered P1") < glance.index("unanswered P2") < glance.index("deadline due soon")
    assert glance.index("deadline due soon") < glance.index("P1 answered late") < glance.index("P2 answered late")
    counts = wb["Summary"]
    cell = next(counts.cell(r, 2) for r in range(1, counts.max_row + 1) if counts.cell(r, 1).value == "Named contacts")
    assert cell.alignment.horizontal == "right" and cell.number_format == "#,##0"  # digits under digits
    assert [
        "Cascade Capital",
        "AM 2",
        "Okta",
        "Named contacts over limit",
        "7 of 5 named contacts (50% Dedicated MCSE): ask the customer which 2 to drop, or offer a larger option.",
        None,
        "Named Contacts",
    ] in actions
    assert any(r[0] == "Birch Health" and r[3] == "Deadline due soon" and r[5] == datetime(2026, 12, 10) for r in actions)
    lapsed = [r for r in actions if r[3] == "Lapsed with cases"]
    assert lapsed and all(
        r[4].endswith("confirm the renewal or tell support the customer is no longer entitled.") for r in lapsed
    )
    contracts = [(r[0].casefold(), r[1]) for r in rows(wb["Contracts"])[1:]]
    assert contracts == sorted(contracts)  # customer, then product
    findings = rows(wb["Findings"])[1:]
    assert [r[0] or "" for r in findings] == sorted((r[0] or "" for r in findings), key=str.casefold)
    assert all(r[0] for r in findings if r[2] == "Error")  # every error names its customer
    opened = [r[4] for r in rows(wb["Cases"])[1:]]
    assert opened == sorted(opened, reverse=True)  # newest first


def test_customer_filter(tmp_path: Path, report: tuple[Path, Path, Path]) -> None:
    _, book_file, cases_file = report
    out = tmp_path / "acme.xlsx"
    assert (
        main(
            [
                "report",
                str(book_file),
                "--cases",
                str(cases_file),
                "--as-of",
                "2026-11-28",
                "--customer",
                "acme corp",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    wb = openpyxl.load_workbook(out)
    assert {r[0] for r in rows(wb["Contracts"])[1:]} == {"Acme Corp"}
    assert {r[1] for r in rows(wb["Cases"])[1:]} == {"Acme Corp"}
    # the Summary names the customer as the book writes it, not the lowercase key matched (trust tryout 4)
    assert [r[1] for r in rows(wb["Summary"]) if r[0] == "Customers"] == ["Acme Corp", 1]  # the filter, the count
    assert main(["report", str(book_file), "--customer", "Nobody", "-o", str(out)]) == 2
    minus = tmp_path / "minus.xlsx"  # an Auth0 Premier customer: only its own clock and assumptions
    assert main(["report", str(book_file), "--as-of", "2026-11-28", "--customer", "-Minus Ltd", "-o", str(minus)]) == 0
    summary = {r[0]: r[1] for r in rows(openpyxl.load_workbook(minus)["Summary"]) if r[0]}
    assert "24x7x365" in summary and "Business hours" not in summary and "24x7" not in summary


def test_report_without_case_log_has_no_case_sheets(tmp_path: Path, report: tuple[Path, Path, Path]) -> None:
    out = tmp_path / "plain.xlsx"
    assert main(["report", str(report[1]), "--as-of", "2026-11-28", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == [s for s in SHEETS if s not in CASE_SHEETS]


def test_report_with_errors_is_still_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample.xlsx"
    assert main(["report", "--sample", "--as-of", "2026-11-28", "--customer", "Backwards Bank", "-o", str(out)]) == 1
    assert "1 error finding is listed in it" in capsys.readouterr().out
    findings = rows(openpyxl.load_workbook(out)["Findings"])
    assert findings[0] == SHEETS["Findings"]
    assert findings[1][:3] == ["Backwards Bank", "Okta", "Error"]


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
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".keep.~explorer-")]  # no temp files left behind


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


def libreoffice_pdf(workbook: Path, folder: Path) -> tuple[Path, int]:
    """The workbook printed to PDF by LibreOffice, and its page count."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (tools/install-system-deps.sh installs it)")
    out = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    pdf = folder / f"{workbook.stem}.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return pdf, int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_libreoffice_converts_the_report(tmp_path: Path, report: tuple[Path, Path, Path]) -> None:
    _, pages = libreoffice_pdf(report[0], tmp_path)
    assert pages >= len(SHEETS)  # every sheet printed, none empty


def test_sample_report_prints_legibly(tmp_path: Path, sample_report: Path) -> None:
    pdf, pages = libreoffice_pdf(sample_report, tmp_path)
    print(f"\nthe sample report prints on {pages} pages")
    assert pages <= 48  # was 81: Cases print the latest 200, sheets portrait where legible, widths from content
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    first = subprocess.run(["pdftotext", "-l", "2", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "At a glance" in first and "Where to Look" in first  # Summary on page 1, Actions from page 2
    for page_text in ("Contracts", "Compliance", "Cases (printed: the "):
        assert page_text in text
    assert "16Met" not in text and "77 named" not in text
    pages_of = printed_pages(pdf)
    # every printed Cases page that shows a case ID shows its outcome: the record prints on one page width
    outcome = re.compile(r"(Met|Breached|Pending|At risk|Out of scope|No contract|Unmatched|Not evaluated)\s*$")
    cases = [page for page in pages_of if title(page).startswith("Cases (printed: the")]
    ids = [line for page in cases for line in page.splitlines() if re.match(r"\s*\d{6}\s", line)]
    assert cases and len(ids) >= 100 and [line for line in ids if not outcome.search(line)] == []
    findings = [page for page in pages_of if title(page) == "Findings"]
    assert findings and all("Severity" in page and "Column" in page for page in findings)  # one page wide
    compliance = [page for page in pages_of if title(page).startswith("Compliance")]
    assert compliance and {title(page) for page in compliance} == {"Compliance (Last 90 days (2026-08-31 – 2026-11-28))"}
    actions = next(page for page in pages_of if title(page) == "Actions")
    header, first, *_ = [line for line in actions.splitlines()[1:] if line.strip()]
    assert "Owner" in header.split() and re.search(r"Unanswered P[12]|Deadline overdue", first)
    assert unfilled_notes(pdf) == ("clear", "red")  # an Info note leaves its row white; an error's cell is red
    # No number is drawn against the next cell's text ("16Met", "2027-04-30Business"): measured on the page, the
    # gap after every word ending in a digit is a space wide or more. The report before this layout had 3,497.
    assert abutting_numbers(pdf) == []


def printed_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def title(page: str) -> str:
    """A printed page's sheet, from the right of its page header."""
    first = next((line for line in page.splitlines() if line.strip()), "")
    return re.split(r"\s{3,}", first.strip())[-1]


def unfilled_notes(pdf: Path) -> tuple[str, str]:
    """The fill behind the Contracts sheet's findings count ("1 note", "1 error"), as LibreOffice printed it:
    the page drawn at 72 dpi (a pixel a point) and sampled just right of the words."""
    from PySide6.QtGui import QColor, QImage

    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    word = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    found: dict[str, str] = {}
    for number, page in enumerate(xhtml.split("<page ")[1:], start=1):
        words = [(float(x0), float(y0), float(x1), float(y1), w) for x0, y0, x1, y1, w in re.findall(word, page)]
        if not any(w[4] == "Findings" for w in words) or not any(w[4] == "Administrative" for w in words):
            continue
        for kind, wanted in (("note", "clear"), ("error", "red")):
            if wanted in found:
                continue
            hit = next((w for w in words if w[4] == kind and w[1] > 60), None)  # "1 note" below the header
            if hit is None:
                continue
            png = pdf.parent / f"page-{number}"
            subprocess.run(
                ["pdftoppm", "-f", str(number), "-l", str(number), "-r", "72", "-png", "-singlefile", str(pdf), str(png)],
                check=True,
            )
            image = QImage(str(png) + ".png")
            colour = QColor(image.pixel(int(hit[2]) + 3, int((hit[1] + hit[3]) / 2)))
            found[kind] = "clear" if colour.lightness() > 250 else "red" if colour.red() > colour.green() + 30 else colour.name()
    return found.get("note", "none found"), found.get("error", "none found")


def abutting_numbers(pdf: Path, gap: float = 0.155) -> list[tuple[int, str, str]]:
    """(page, word, next word) where a word ending in a digit is followed on its line closer than ``gap`` of its
    height. A space in Carlito (Calibri) is 0.16-0.18 of a word's height; a right-aligned number against the next
    cell's text was 0.14-0.15 there and touching (0.08) with a wider fallback font."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(xhtml.split("<page ")[1:], start=1):
        words = sorted(
            (float(y0), float(x0), float(x1), word, float(y1) - float(y0))
            for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                r"([^<]*)</word>",
                page,
            )
        )
        tops = [w[0] for w in words]
        for y0, _, x1, word, height in words:
            if word[-1:].isdigit():
                same_line = words[bisect.bisect_left(tops, y0 - 1.5) : bisect.bisect_right(tops, y0 + 1.5)]
                found += [(number, word, w[3]) for w in same_line if 0 <= w[1] - x1 < gap * height]
    return found


def test_evaluation_used_by_report_matches_engine(report: tuple[Path, Path, Path]) -> None:
    book = load_book([report[1]], [report[2]])
    sla = evaluate(book, default_catalog(), clock.end_of_day(AS_OF))
    assert sla.cases["outcome"].tolist() == ["Met", "Breached", "Breached", "At risk", "Breached"]
    assert sla.cases["due"].iloc[3] == __import__("pandas").Timestamp("2026-11-29 00:05", tz="UTC")


def test_history_statuses_overdue_and_done_in_the_report(tmp_path: Path) -> None:
    """The sample, later on: Status per contract, Overdue and Done (marked) deadlines, cases outside every term."""
    from explorer import rules
    from explorer.importing.book import load_book as load
    from explorer.paths import resource_path

    book = load([resource_path("sample/contracts.xlsx")], [resource_path("sample/cases.csv")])
    catalog = default_catalog()
    day = date(2026, 11, 28)
    overdue = [(c, k) for c in book.contracts for k in rules.key_dates(catalog, c, day) if k.status is rules.DateStatus.OVERDUE]
    assert overdue  # the sample has add-on renewal requests that are late
    (first, first_key), *rest = overdue
    data = build_report(
        book, catalog, day, evaluate(book, catalog, clock.end_of_day(day)), done={first_key.key: date(2026, 11, 20)}
    )
    out = write_report(data, tmp_path / "history.xlsx")
    wb = openpyxl.load_workbook(out)
    contracts = {(r[0], r[3]): r[5] for r in rows(wb["Contracts"])[1:]}
    assert contracts[("Cascade Outfitters", datetime(2025, 7, 1))] == "Ended"
    assert contracts[("Cascade Outfitters", datetime(2026, 7, 1))] == "In force"
    assert contracts[("Faded Films", datetime(2025, 6, 1))] == "Ended"
    statuses = {(r[0], r[2], r[3]): r[4] for r in rows(wb["Key Dates"])[1:]}
    assert statuses[(first.customer, first_key.event, datetime.combine(first_key.day, datetime.min.time()))] == (
        "Done (marked 2026-11-20)"
    )
    assert all(statuses[(c.customer, k.event, datetime.combine(k.day, datetime.min.time()))] == "Overdue" for c, k in rest)
    cases = {r[0]: r[-1] for r in rows(wb["Cases"])[1:]}
    assert cases["999006"] == "No contract in force" and cases["999005"] == "Met"
    compliance_cases = sum(r[3] for r in rows(wb["Compliance"])[1:] if r[0] == "Faded Films")
    assert compliance_cases == 1  # listed, not counted


def test_period_names_each_customers_term(
    tmp_path: Path, report: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, book_file, cases_file = report
    out = tmp_path / "term.xlsx"
    args = ["report", str(book_file), "--cases", str(cases_file), "--as-of", "2026-11-28", "-o", str(out)]
    assert main([*args, "--period", "term"]) == 0
    wb = openpyxl.load_workbook(out)
    windows = {r[0]: r[9] for r in rows(wb["Compliance"])[1:]}
    assert windows["Acme Corp"] == "This term (2026-01-15 – 2026-11-28)"
    assert windows["-Minus Ltd"] == "This term (2026-02-01 – 2026-11-28)"
    summary = {r[0]: r[1] for r in rows(wb["Summary"]) if r[0]}
    assert summary["Compliance window"] == "This term (each customer's term in force on 2026-11-28, or its last one)"
    assert main([*args, "--period", "2026-11-01..2026-11-30"]) == 0  # C-5 alone: a chosen range, cut at the as-of day
    acme = next(r for r in rows(openpyxl.load_workbook(out)["Compliance"])[1:] if r[0] == "Acme Corp")
    assert acme[3:6] == [1, 0, 1] and acme[9] == "2026-11-01 – 2026-11-28"
    capsys.readouterr()
    assert main([*args, "--period", "fortnight"]) == 2  # a usage error: one line
    error = capsys.readouterr().err
    assert "unknown period 'fortnight'" in error and len(error.strip().splitlines()) == 1


def test_a_long_legal_name_wraps_instead_of_widening_every_sheet(tmp_path: Path) -> None:
    """An 85-character legal name made the Customer column 85 wide, and sheets printed their notes cut at the page
    edge; the name now wraps in a column of at most 32 characters where the sheet fits a page (Key Dates)."""
    name = "The Board of Trustees of the Leland Stanford Junior University (Stanford Health Care)"
    book = write_csv(tmp_path / "book.csv", header=HEADER[:5], rows=[[name, "Okta", "Premier Plus", "2026-01-01", "2026-12-31"]])
    out = tmp_path / "r.xlsx"
    assert main(["report", str(book), "--as-of", "2026-12-05", "-o", str(out)]) in (0, 1)
    ws = openpyxl.load_workbook(out)["Key Dates"]
    assert ws.column_dimensions["A"].width < 40  # 32 characters and padding, not 85
    assert ws["A2"].value == name and ws["A2"].alignment.wrap_text


def test_an_input_gone_before_its_digest_is_said_so_not_a_traceback(tmp_path: Path) -> None:
    """A sync client may replace or remove the book while a long report runs (probe6): the Summary says the digest
    is not recorded; it never re-reads a vanished input with a traceback."""
    from explorer.outputs.report.build import UNHASHED

    book_file = write_csv(tmp_path / "book.csv", rows=ROWS, header=HEADER)
    book = load_book([book_file])
    book.digests.clear()  # as when the file went before its bytes could be hashed
    book_file.unlink()
    data = build_report(book, default_catalog(), date(2026, 11, 28))
    assert dict(data.sources) == {str(book_file): UNHASHED}


def test_the_report_is_zipped_in_blocks_at_our_level_and_xlsxwriter_is_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import xlsxwriter.workbook
    from zlib_ng import zlib_ng

    from explorer.outputs.report import zipping

    calls: list[tuple[int, str]] = []
    compressobj = zlib_ng.compressobj

    def spying(level: int = -1, *args: object, **kwargs: object) -> object:
        calls.append((level, threading.current_thread().name))
        return compressobj(level, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipping.zlib_ng, "compressobj", spying)
    monkeypatch.setattr(zipping, "BLOCK", 4096)  # a small report still spans many blocks
    book_file = write_csv(tmp_path / "book.csv", rows=ROWS, header=HEADER)
    out = tmp_path / "report.xlsx"
    assert main(["report", str(book_file), "--as-of", "2026-11-28", "-o", str(out)]) == 0
    assert calls and {level for level, _ in calls} == {zipping.LEVEL}
    assert all(name.startswith("deflate") for _, name in calls)  # off the writing thread, on the pool
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[0] == "Summary"


def test_the_upgrade_evidence_sentence_wraps_and_its_minutes_are_the_sentence_s(tmp_path: Path) -> None:
    """The Upgrade Evidence sheet prints across two pages, where nothing wraps; its Evidence sentence was cut at
    the column's edge mid-word on paper. It wraps there too (the numbers' columns do not), as wide as its page
    allows: at 60 characters its 3-4 lines padded every row of the other page. Its waits are whole minutes with
    the unit in the header (0.67 h read as a fault), the minute the sentence says."""
    from explorer.durations import duration

    out = tmp_path / "r.xlsx"
    assert main(["report", "--sample", "--as-of", "2026-12-07", "-o", str(out)]) == 1
    ws = openpyxl.load_workbook(out)["Upgrade Evidence"]
    headers = [c.value for c in ws[1]]
    evidence, customer = headers.index("Evidence") + 1, headers.index("Customer") + 1
    assert ws.col_breaks.count == 1  # printed across two pages
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows and all(ws.cell(r, evidence).alignment.wrap_text for r in range(2, len(rows) + 2))
    # printed across pages: only the sentence and the customer (printed on every page) wrap
    assert all(not ws.cell(2, c).alignment.wrap_text for c in range(1, len(headers) + 1) if c not in (evidence, customer))
    assert ws.cell(2, customer).alignment.wrap_text
    assert ws.column_dimensions[get_column_letter(evidence)].width > 100  # the page's room, not a 60 cap
    tall = [ws.row_dimensions[r].height or 15 for r in range(2, min(len(rows), 10) + 2)]
    assert max(tall) <= 30 and min(tall) >= 30  # two lines each, where 60 characters took three or four
    checked = 0
    for row in rows:
        record = dict(zip(headers, row, strict=True))
        said = re.search(r"median (\d+ h(?: \d+ min)?|\d+ min)", str(record["Evidence"]))
        minutes = record["Median Wait Next (min)"]
        if said and isinstance(minutes, int | float):
            assert float(minutes).is_integer() and duration(float(minutes)) == said[1], record
            checked += 1
    assert checked > 20


def test_a_finding_counts_on_its_own_record_where_two_tables_share_a_sheet_row(tmp_path: Path) -> None:
    """Two contract tables side by side (FY25 | FY26) share their sheet rows: an unknown tier on the left record was
    counted on the right record's row too (found by a tryout of hand-kept books)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    header = ["Customer", "Product", "Tier", "Start", "End", "Time Zone"]
    ws.append([*header, None, *header])
    ws.append(["Alpine", "Okta", "Premier Gold", "2026-01-01", "2026-12-31", "UTC", None])
    ws.append(["Bellows", "Okta", "Premier", "2026-01-01", "2026-12-31", "UTC"])
    ws["H2"], ws["I2"], ws["J2"], ws["K2"], ws["L2"], ws["M2"] = "Zeta", "Okta", "Premier", "2026-01-01", "2026-12-31", "UTC"
    book = tmp_path / "side.xlsx"
    wb.save(book)
    out = tmp_path / "r.xlsx"
    assert main(["report", str(book), "--as-of", "2026-12-05", "-o", str(out)]) == 1
    contracts = rows(openpyxl.load_workbook(out)["Contracts"])
    column = contracts[0].index("Findings")
    counted = {r[0]: r[column] for r in contracts[1:]}
    assert counted["Alpine"] == "1 error" and not counted["Zeta"] and not counted["Bellows"]


def test_a_long_name_wraps_on_a_sheet_printed_across_pages_and_an_empty_upgrade_sheet_says_why(tmp_path: Path) -> None:
    # The Contracts print cut a 140-character name after its first 36 (nothing wrapped on a sheet printed across
    # pages); the first column prints on every page, so it wraps. An Upgrade Evidence sheet with no row printed
    # only its headers, titled 'the 0 strongest rows'.
    from explorer.outputs.report.upgrade_sheet import NO_PROGRAM_UP
    from tools import synth

    long = (
        "The Extraordinarily Long-Named International Consolidated Holdings and Subsidiaries of the Northern "
        "Hemisphere Limited Liability Partnership"
    )
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Time Zone", "MCSE"],
        rows=[
            [long, "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "Europe/Berlin", "50% Dedicated MCSE"],
            ["Short Co", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "Europe/Berlin", ""],
        ],
    )
    cases = write_csv(
        tmp_path / "cases.csv",
        header=synth.CASE_HEADERS,
        rows=[["C1", "Short Co", "Okta", "P2", "2026-05-04 14:00", "2026-05-04 14:30", "production"]],
    )
    out = tmp_path / "r.xlsx"
    assert main(["report", str(book), "--cases", str(cases), "--as-of", "2026-11-28", "-o", str(out)]) == 0
    workbook = openpyxl.load_workbook(out)
    ws = workbook["Contracts"]
    assert ws.col_breaks.count >= 1  # printed across pages
    (row,) = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == long]
    assert ws.cell(row, 1).alignment.wrap_text and (ws.row_dimensions[row].height or 0) >= 4 * 15
    assert not ws.cell(row, 2).alignment.wrap_text
    ws = workbook["Upgrade Evidence"]
    assert ws.max_row == 2 and ws.cell(2, 1).value == NO_PROGRAM_UP  # every term on the top program
    assert all(ws.cell(2, c).value is None for c in range(2, ws.max_column + 1))
    assert "nothing to compare: its first row says why" in (ws.oddHeader.right.text or "")


def test_priorities_read_p1_where_one_case_has_none(tmp_path: Path) -> None:
    # A log with one case whose priority could not be read (Zammad's '3 high') made every priority 'P1.0', 'P2.0' in the
    # Compliance sheet, the Summary and the app's SLA tab: the column was read out as floats around the missing one.
    from explorer.sla.compliance import priority_label

    book_file = write_csv(tmp_path / "book.csv", rows=ROWS, header=HEADER)
    cases = [*CASES, ["C-6", "Acme Corp", "Okta", "3 high", "2026-11-21 10:00", "2026-11-21 12:00", ""]]
    cases_file = write_csv(tmp_path / "cases.csv", rows=cases, header=CASE_HEADER)
    out = tmp_path / "report.xlsx"
    main(["report", str(book_file), "--cases", str(cases_file), "--as-of", "2026-11-28", "--period", "all", "-o", str(out)])
    wb = openpyxl.load_workbook(out, read_only=True)
    said = {str(r[2]) for r in wb["Compliance"].iter_rows(min_row=2, values_only=True) if r[2] is not None}
    assert said and said <= {"P1", "P2", "P3", "P4"}, said
    assert [priority_label(p) for p in (1, 2.0, float("nan"), None)] == ["P1", "P2", "", ""]


def test_an_error_said_once_for_many_rows_is_an_action_for_each_of_their_customers(tmp_path: Path) -> None:
    """A sheet with no term start column is one error naming its rows (no customer of its own): the Actions sheet
    gives each customer whose row it names its own 'Contract error' with its owner, not one row with none (GUI
    tryout 4), and the Summary says the rows it names."""
    book = tmp_path / "renewals.csv"
    book.write_text(
        "Customer,Product,Support Tier,Term End,Account Owner\n"
        "Juliet Co,Okta,Premier,2027-03-31,Ann\nKilo Co,Okta,Premier Plus,2027-04-16,Bob\n"
    )
    out = tmp_path / "r.xlsx"
    assert main(["report", str(book), "--as-of", "2026-04-03", "-o", str(out)]) == 1
    wb = openpyxl.load_workbook(out)
    errors = [r[:4] for r in rows(wb["Actions"])[1:] if r[3] == "Contract error"]
    assert errors == [["Juliet Co", "Ann", "Okta", "Contract error"], ["Kilo Co", "Bob", "Okta", "Contract error"]]
    summary = " ".join(str(r[1]) for r in rows(wb["Summary"]))
    assert "1 contract error makes answers for the rows it names unreliable" in summary


def test_a_report_whose_cases_no_term_judged_says_so_in_its_summary(tmp_path: Path) -> None:
    """Every case in no dated term: the compliance tables are empty, and the Summary says why rather than nothing
    (GUI tryout 4: Counts said 2 cases, and the compliance lines were missing without a word)."""
    book = tmp_path / "renewals.csv"
    book.write_text("Customer,Product,Support Tier,Term End,Time Zone\nKilo Co,Okta,Premier Plus,2027-04-16,UTC\n")
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case ID,Customer,Product,Priority,Opened,First response\n"
        "K1,Kilo Co,Okta,P1,2026-04-02 13:00,2026-04-02 13:20\nK2,Kilo Co,Okta,P2,2026-04-02 14:00,2026-04-02 15:00\n"
    )
    out = tmp_path / "r.xlsx"
    assert main(["report", str(book), "--cases", str(log), "--as-of", "2026-04-03", "-o", str(out)]) == 1
    summary = " ".join(str(c) for r in rows(openpyxl.load_workbook(out)["Summary"]) for c in r if c)
    assert "no case counts toward compliance" in summary
    assert "every priority meets it" not in summary
