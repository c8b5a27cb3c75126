"""File names a user's file system may hold: bytes that are not UTF-8, new lines, names too long.

Every one is shown the same way (explorer.shown: U+FFFD in place of what cannot be shown), in the
workbooks, calendars, JSON, printed lines and the log, and never ends in a traceback.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import openpyxl
import pytest

from explorer import logs
from explorer.atomic import OutputError, write_atomically
from tests.hostile.harness import assert_refused, explorer

BOOK = """Account Name,Product,Support Tier,Order Form Start,Order Form End,Region,Country,Time Zone
Acme Corp,Okta,Premier Plus,2026-01-01,2026-12-31,AMER,US,America/New_York
Beta Bank,Auth0,Enterprise,2026-03-01,2027-02-28,EMEA,GB,Europe/London
"""
SHOWN = "bad\ufffd\ufffdname.csv"  # b"bad\xff\xfename.csv" as every output shows it


def _odd_name(folder: Path) -> Path:
    """A clean book saved under a name whose bytes are not UTF-8 (a Latin-1 file system, an old zip)."""
    path = Path(os.fsdecode(bytes(folder) + b"/bad\xff\xfename.csv"))
    path.write_text(BOOK, encoding="utf-8")
    return path


def _texts(workbook: Path) -> set[str]:
    book = openpyxl.load_workbook(workbook, read_only=True)
    return {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None}


def test_a_name_that_is_not_utf8_is_shown_with_replacement_characters(tmp_path: Path) -> None:
    book = _odd_name(tmp_path)
    run = explorer("report", book, "--as-of", "2026-06-01", "-o", tmp_path / "report.xlsx", temp=tmp_path / "temp")
    assert run.code == 0 and "Traceback" not in run.err, run.err[-2000:]
    assert SHOWN in _texts(tmp_path / "report.xlsx")  # the Summary's source files

    run = explorer("calendar", book, "--as-of", "2026-06-01", "-o", tmp_path / "dates.ics", temp=tmp_path / "temp")
    assert run.code == 0 and "Traceback" not in run.err, run.err[-2000:]
    assert SHOWN in (tmp_path / "dates.ics").read_text(encoding="utf-8").replace("\r\n ", "")

    other = tmp_path / "other.csv"
    other.write_text(BOOK.replace("Premier Plus", "Premier"))
    run = explorer("diff", book, other, "-o", tmp_path / "changes.xlsx", temp=tmp_path / "temp")
    assert run.code == 1 and "Traceback" not in run.err, run.err[-2000:]
    assert any(SHOWN in text for text in _texts(tmp_path / "changes.xlsx"))

    run = explorer("check", book, "--json", temp=tmp_path / "temp")
    said = json.loads(run.out)
    assert said["summary"]["files"] == [str(tmp_path / SHOWN)]
    assert {f["sheet"] for f in said["findings"]} <= {"bad\ufffd\ufffdname", ""}


def test_the_log_shows_such_a_name_as_the_outputs_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(logs, "log_file", lambda: tmp_path / "log" / "explorer.log")
    target = logs.setup_logging()
    assert target is not None
    logger = logging.getLogger("explorer")
    try:
        logger.info("opening %s", os.fsdecode(b"/books/bad\xff\xfename.csv"))
    finally:
        for handler in logger.handlers[:]:
            handler.close()
            logger.removeHandler(handler)
    assert "Logging error" not in capsys.readouterr().err
    assert f"opening /books/{SHOWN}" in target.read_text(encoding="utf-8")


def test_an_output_name_with_a_new_line_is_said_on_one_line(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(BOOK)
    run = explorer("report", book, "--as-of", "2026-06-01", "-o", tmp_path / "a\nb.xlsx", temp=tmp_path / "temp")
    assert run.code == 0, run.err[-2000:]
    assert run.out.splitlines() == [f"wrote {tmp_path}/a\ufffdb.xlsx"]
    assert (tmp_path / "a\nb.xlsx").is_file()  # the file keeps the name asked for


@pytest.mark.parametrize("command", ["report", "calendar", "map", "template"])
def test_an_output_name_longer_than_the_file_system_allows_is_one_line(tmp_path: Path, command: str) -> None:
    book = tmp_path / "book.csv"
    book.write_text(BOOK)
    suffix = {"calendar": ".ics", "map": ".toml"}.get(command, ".xlsx")
    name = "L" * 300 + suffix  # over the 255 bytes a name may have; 250 reached mkstemp and was said already
    inputs = [] if command == "template" else [book]
    run = explorer(command, *inputs, "-o", tmp_path / name, temp=tmp_path / "temp")
    assert_refused(run, f"{name}: cannot be written (File name too long)")


def test_a_write_whose_target_cannot_be_looked_at_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot be written"):
        write_atomically(tmp_path / ("L" * 300 + ".xlsx"), lambda temp: temp.write_bytes(b"PK"))
