"""The one-page entitlement sheet, read back from its PDF with poppler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from explorer.cli import main

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


@pytest.fixture(scope="module")
def cascade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sheet") / "cascade.pdf"
    assert (
        main(["sheet", "--sample", "--as-of", "2026-11-28", "--customer", "cascade capital", "--paper", "a4", "-o", str(out)])
        == 0
    )
    return out


def test_a_customer_on_one_page(cascade: Path) -> None:
    pages, size = pdf_pages(cascade)
    print(f"\nCascade Capital's entitlement sheet: {pages} page(s), {size}")
    assert pages == 1 and "A4" in size
    text = pdf_text(cascade)
    assert "Entitlement sheet · as of 2026-11-28 · catalog 2026.11.1" in text and "Page 1 of 1" in text
    assert "Cascade Capital" in text and "Premier Plus" in text and "In force" in text
    for day, event in (
        ("2026-04-05", "Term start"),
        ("2026-04-19", "Success kickoff (earliest)"),
        ("2026-07-04", "MCSE available"),
        ("2027-02-18", "Add-on renewal request deadline"),
        ("2027-04-04", "Term end"),
    ):
        assert any(day in line and event in line for line in text.splitlines()), event
    assert "7 of 5 named contacts" in text and "2 over the 50% Dedicated MCSE limit" in text
    assert "Extra Named 3 (APAC)" in text  # outside the MCSE's region
    assert "Dedicated Customer Success Executive (CSE)" in text
    targets = next(line for line in text.splitlines() if "Okta Premier Plus" in line)
    assert targets.replace(" ", "").endswith("1h2h2h8h24x7") and "every minute counts" in text  # clock in words
    assert "Last 90 days" in text and "This term (2026-04-05 – " in text
    assert "☑ Customer Success Manager (CSM)" in text


def test_several_customers_one_pdf_a_page_each(tmp_path: Path) -> None:
    out = tmp_path / "two.pdf"
    assert (
        main(
            [
                "sheet",
                "--sample",
                "--as-of",
                "2026-11-28",
                "--customer",
                "Birch Health",
                "--customer",
                "Umber Bank",
                "--paper",
                "letter",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    pages, size = pdf_pages(out)
    assert pages == 2 and "letter" in size.lower()
    assert "Birch Health" in pdf_text(out, 1) and "Umber Bank" in pdf_text(out, 2)
    assert "4 of 10 named contacts" in pdf_text(out, 1)


def test_bad_requests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sheet", "--sample", "--customer", "Nobody", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "no customer named 'Nobody'" in capsys.readouterr().err
    existing = tmp_path / "keep.pdf"
    existing.write_bytes(b"old")
    assert main(["sheet", "--sample", "--customer", "<b>", "-o", str(existing)]) == 2
    assert existing.read_bytes() == b"old" and not (tmp_path / "x.pdf").exists()
