"""Every kind of bad file gets one clear line, quickly, and nothing is written to it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.importing.book import load_book
from explorer.importing.safety import UnreadableFile

from ..files import write_entity_bomb, write_openpyxl, write_zip_bomb


def encrypted(path: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_openpyxl(path.with_name("plain.xlsx"))
    with open(plain, "rb") as fh, open(path, "wb") as out:
        OOXMLFile(fh).encrypt("secret", out)
    return path


def truncated(path: Path) -> Path:
    data = write_openpyxl(path.with_name("whole.xlsx")).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def no_table(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Quarterly notes"])
    wb.active.append(["Nothing tabular here", 42])
    wb.save(path)
    return path


BAD_FILES = {
    "empty.xlsx": (lambda p: p.write_bytes(b"") and p, "the file is empty"),
    "report.xlsx": (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj") and p, "this is a PDF"),
    "random.xlsx": (lambda p: p.write_bytes(os.urandom(4096)) and p, "not a spreadsheet, or the file is damaged"),
    "truncated.xlsx": (truncated, "damaged or truncated"),
    "locked.xlsx": (encrypted, "password-protected"),
    "entities.xlsx": (write_entity_bomb, "declares XML entities"),
    "notes.xlsx": (no_table, "no contract, contact, case or holiday table"),
    "empty.csv": (lambda p: p.write_text("\n \n", encoding="utf-8") and p, "the file is empty"),
    "binary.csv": (lambda p: p.write_bytes(b"\x00\x01\x02" * 2000) and p, "binary file"),
    "fake.xls": (lambda p: p.write_bytes(b"\x07\x01garbage\x02" * 50) and p, "not an Excel 97-2003 workbook"),
    "picture.ods": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100) and p, "this is an image"),
    "contracts.pdf": (lambda p: p.write_bytes(b"%PDF-1.4") and p, "this is a PDF"),
    "contracts.numbers": (lambda p: p.write_bytes(b"PK\x03\x04whatever") and p, "unsupported file type"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gets_one_clear_line(tmp_path: Path, name: str) -> None:
    make, expected = BAD_FILES[name]
    path = tmp_path / name
    make(path)
    before = path.read_bytes()
    start = time.perf_counter()
    with pytest.raises(UnreadableFile) as caught:
        load_book([path])
    assert time.perf_counter() - start < 5
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and expected in message and "\n" not in message
    assert path.read_bytes() == before


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="does not exist"):
        load_book([tmp_path / "gone.xlsx"])


def test_zip_bomb_is_refused_fast_with_bounded_memory(tmp_path: Path) -> None:
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx", gigabytes=1.0)
    assert bomb.stat().st_size < 5 * 2**20
    code = (
        "import time, sys\n"
        "from explorer.importing.book import load_book\n"
        "t = time.perf_counter()\n"
        "try:\n    load_book([sys.argv[1]])\nexcept Exception as e:\n    print(e)\n"
        "print(time.perf_counter() - t)\n"
        # VmHWM, not ru_maxrss: Linux carries the parent's peak into ru_maxrss across fork and exec, so a
        # large test process would be counted as this child's memory
        "print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, timeout=60)
    message, seconds, max_rss_kb = out.stdout.strip().splitlines()
    assert "expands to" in message and "limit" in message
    assert float(seconds) < 5
    assert int(max_rss_kb) < 400 * 1024  # the gigabyte is never inflated


def test_cli_bad_file_exit_code_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"%PDF-1.7")
    out = subprocess.run([sys.executable, "-m", "explorer", "check", str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.strip() == "explorer: report.xlsx: this is a PDF document, not a spreadsheet"
    assert "Traceback" not in out.stdout + out.stderr


def _rewritten(source: Path, path: Path, part: str, change) -> Path:  # type: ignore[no-untyped-def]
    """``source`` copied to ``path`` with ``part``'s bytes passed through ``change``."""
    import zipfile

    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, change(data) if item.filename == part else data)
    return path


LATE_DOCTYPE = b"<!--" + b" " * 6000 + b'--><!DOCTYPE t [<!ENTITY e "x">]>'  # past the first 4 KB of the part
CORPUS = Path(__file__).parents[1] / "corpus" / "files"


@pytest.mark.parametrize(
    ("suffix", "part"),
    [(".xlsx", "[Content_Types].xml"), (".xlsx", "xl/worksheets/sheet1.xml"), (".ods", "content.xml")],
)
def test_a_doctype_anywhere_in_any_part_is_refused_alike(tmp_path: Path, suffix: str, part: str) -> None:
    source = write_openpyxl(tmp_path / "source.xlsx") if suffix == ".xlsx" else CORPUS / "finance_regions.ods"

    def late(data: bytes) -> bytes:  # after the XML declaration (if any), before the root element
        end = data.find(b"?>") + 2 if b"?>" in data else 0
        return data[:end] + LATE_DOCTYPE + data[end:]

    path = _rewritten(source, tmp_path / f"late{suffix}", part, late)
    with pytest.raises(UnreadableFile, match=f"part {re.escape(part)} declares XML entities"):
        load_book([path])


def test_a_sheet_written_as_utf16_is_refused_not_read_as_empty(tmp_path: Path) -> None:
    # Excel opens it; the reader finds no cell in it, and a far cell in it would escape the size scan
    def utf16(data: bytes) -> bytes:
        return data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

    path = _rewritten(write_openpyxl(tmp_path / "source.xlsx"), tmp_path / "wide.xlsx", "xl/worksheets/sheet1.xml", utf16)
    with pytest.raises(UnreadableFile, match="part xl/worksheets/sheet1.xml is XML written as UTF-16"):
        load_book([path])


def test_an_empty_sheet_is_called_empty(tmp_path: Path) -> None:
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "blank.xlsx")
    with pytest.raises(UnreadableFile, match="sheet 'Sheet' holds no cells;"):
        load_book([tmp_path / "blank.xlsx"])
