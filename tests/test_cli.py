"""The command line as a user runs it: exit codes, output, JSON, template, terms."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from explorer.cli import main
from explorer.importing.book import load_book

from .files import write_csv, write_openpyxl


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, timeout=120)


def test_version_and_terms_start_without_qt_or_pandas() -> None:
    code = (
        "import sys, io, contextlib\nfrom explorer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n    main(['terms'])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pandas', 'numpy', 'openpyxl')]\n"
        "print(heavy, 'Premier Plus' in out.getvalue())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[] True"
    assert run("--version").stdout.strip().startswith("Entitlement Explorer 0.")


def test_terms_for_one_product(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["terms", "--product", "auth0"]) == 0
    out = capsys.readouterr().out
    assert "Enterprise  30 min  2 h  12 h  24 h" in out and "Program: A blank tier means Enterprise." in out
    assert "  > The Support Program applies to production Tenants of the Auth0 Platform only." in out
    assert "Okta Access Gateway" not in out
    assert main(["terms", "--product", "Okta Gold"]) == 2
    assert "unknown product 'Okta Gold'" in capsys.readouterr().err


def test_terms_for_one_program_and_as_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["terms", "--product", "okta", "--program", "premier+", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Okta and Auth0 support and success terms\n") and "\n## Okta Premier Plus\n" in out
    assert "| Premier Plus | 1 h | 2 h | 2 h | 8 h | 24x7 |" in out and "| Basic |" not in out
    assert "> If Customer selects a Priority Level 1 case priority" in out
    assert main(["terms", "--markdown", "3"]) == 0
    assert capsys.readouterr().out.startswith("### Okta and Auth0")
    assert main(["terms", "--program", "basic"]) == 2
    assert "--program needs --product" in capsys.readouterr().err
    assert main(["terms", "--product", "auth0", "--program", "Premier Plus"]) == 2
    assert "unknown program 'Premier Plus' for Auth0; it has Enterprise, Premier" in capsys.readouterr().err


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = write_openpyxl(tmp_path / "book.xlsx")
    assert main(["check", str(messy)]) == 1  # error findings
    out = capsys.readouterr().out
    assert "5 contracts" in out and "ERROR   book.xlsx, FY27, row 8, column 'Support Tier'" in out
    clean_rows = [["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31", "EMEA", "Europe/Berlin", "DE", "", "", ""]]
    clean = write_csv(tmp_path / "clean.csv", rows=clean_rows)
    assert main(["check", str(clean)]) == 0
    assert main(["check", str(tmp_path / "missing.xlsx")]) == 2
    assert "missing.xlsx: the file does not exist" in capsys.readouterr().err
    assert main(["check"]) == 2


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--json", str(write_openpyxl(tmp_path / "book.xlsx"))])
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["contracts"] == 5 and data["summary"]["customers"] == 5
    first = data["findings"][0]
    assert set(first) == {"severity", "file", "sheet", "row", "column", "customer", "message"}
    assert first["severity"] == "Error"


def test_check_sample_with_cases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--sample", "--as-of", "2026-11-28"]) == 1  # the sample has deliberate errors
    out = capsys.readouterr().out
    assert "47 customers, 65 contracts" in out and "cases" in out
    assert "Case 999001: no contract for 'Unknown Prospect Ltd'" in out


def test_bad_arguments_are_one_line() -> None:
    out = run("check", "--sample", "--as-of", "28/11/2026")
    assert out.returncode == 2 and "is not a date like 2026-11-28" in out.stderr and "Traceback" not in out.stderr
    out = run("check", "--sample", "--case-timezone", "Mars/Base")
    assert out.returncode == 2 and "is not an IANA time zone" in out.stderr


def test_template_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "new-book.xlsx"
    assert main(["template", "-o", str(target)]) == 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Lists", "Contracts", "Named contacts", "Holidays", "Instructions"]
    contracts = wb["Contracts"]
    assert [c.value for c in contracts[1]] == [
        "Customer",
        "Product",
        "Tier",
        "Start",
        "End",
        "Initial Term Start",
        "Region",
        "Country",
        "Time Zone",
        "State/Province",
        "Dedicated CSE",
        "MCSE",
    ]
    validations = {str(v.sqref): v.formula1 for v in contracts.data_validations.dataValidation}
    assert validations["B2:B2001"] == "Lists!$A$1:$A$3"
    assert [wb["Lists"].cell(r, 1).value for r in range(1, 4)] == ["Okta", "Okta Access Gateway", "Auth0"]
    assert "50% Dedicated MCSE" in [wb["Lists"].cell(r, 3).value for r in range(1, 3)]
    contracts.append(
        [
            "Acme",
            "Okta",
            "Premier Plus",
            "2026-01-15",
            "2027-01-14",
            None,
            "EMEA",
            "DE",
            "Europe/Berlin",
            "Bavaria",
            "Yes",
            "50% Dedicated MCSE",
        ]
    )
    wb["Holidays"].append([date(2026, 1, 6), "Epiphany", "DE", "BY", "Open"])
    wb.save(target)
    capsys.readouterr()
    assert main(["check", str(target)]) == 0
    assert "1 customers, 1 contracts" in capsys.readouterr().out
    book = load_book([target])
    assert book.contracts[0].subdivision == "BY"
    assert [(h.day, h.subdivision, h.opens) for h in book.holidays] == [(date(2026, 1, 6), "BY", True)]


def test_terms_prints_a_state_calendar() -> None:
    out = run("terms", "--holidays", "AU-NSW", "--year", "2026")
    assert out.returncode == 0
    assert "Public holidays of New South Wales, Australia (AU-NSW), 2026" in out.stdout
    assert "2026-12-28  Mon  Boxing Day (observed)  New South Wales" in out.stdout
    assert "2026-10-05  Mon  Labor Day              New South Wales" in out.stdout
    assert "2026-12-25  Fri  Christmas Day          Australia" in out.stdout
    bavaria = run("terms", "--holidays", "DE-Bavaria", "--year", "2026").stdout
    assert "2026-06-04  Thu  Corpus Christi" in bavaria and "Data: holidays 0.109" in bavaria
    national = run("terms", "--holidays", "AU", "--year", "2026").stdout
    assert "Boxing Day (observed)" not in national


def test_terms_refuses_an_unknown_state_in_one_line() -> None:
    out = run("terms", "--holidays", "AU-Narnia")
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    assert out.stderr.startswith("explorer: state or province 'Narnia' is not one of Australia's (ACT ")
    assert len(out.stderr.splitlines()) == 1
    out = run("terms", "--holidays", "XX")
    assert out.returncode == 2 and "country 'XX' is unknown" in out.stderr


def test_template_refuses_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "-o", str(tmp_path)]) == 2
    assert "this is a folder" in capsys.readouterr().err


def test_app_without_a_display_says_so() -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "explorer", "--sample"], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 2 and "there is no display" in out.stderr and "Traceback" not in out.stderr


def test_explain_a_case(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["explain", "999004", "--sample", "--as-of", "2026-11-28"]) == 0
    out = capsys.readouterr().out
    assert "Contract in force: Cascade Outfitters, Okta Premier, term 2026-07-01 – 2027-06-30" in out
    assert "Outcome: Breached" in out and "Margin: 30 min late" in out
    assert main(["explain", "999004", "--sample", "--as-of", "2026-09-14"]) == 1  # not opened yet on that day
    assert "opened after the as-of moment" in capsys.readouterr().out
    assert main(["explain", "no-such-case", "--sample"]) == 1
    assert main(["explain", "1", str(tmp_path / "missing.xlsx")]) == 2
    assert "explorer: " in capsys.readouterr().err
