"""`explorer diff` as a user runs it: the printed summary, JSON, exit codes, the short and the long form."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from explorer.app.diff import CHANGE_COLUMNS
from explorer.cli import main
from explorer.outputs.changes import CHANGE_KINDS

from .diff_books import EXPECTED, write_new, write_old
from .files import HEADER, write_csv


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("books")
    return write_old(folder / "book-q3.xlsx"), write_new(folder)


def diff_args(books: tuple[Path, list[Path]]) -> list[str]:
    old, new = books
    return ["diff", str(old), "--against", *map(str, new)]


def test_printed_summary_row_by_row(books: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(diff_args(books)) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["Old: book-q3.xlsx", "New: contracts-q4.csv, contacts-q4.csv", "15 changes:"]
    assert [line.split() for line in lines[3:12]] == [
        ["Added", "1"],
        ["Removed", "1"],
        ["Renewed", "2"],
        ["Changed", "3"],
        ["Upgrade", "2"],
        ["Downgrade", "1"],
        ["Contact", "added", "1"],
        ["Contact", "removed", "1"],
        ["Contact", "changed", "3"],
    ]
    customers = [line for line in lines[12:] if line and not line.startswith(" ")]
    assert customers == list(dict.fromkeys(e[0] for e in EXPECTED))  # grouped, alphabetical
    changes = [line.strip() for line in lines[12:] if line.startswith("  ") and not line.strip().startswith("key")]
    assert len(changes) == len(EXPECTED)
    for line, (_, product, kind, field, old, new) in zip(changes, EXPECTED, strict=True):
        assert line.startswith(kind), line
        if kind in ("Added", "Removed"):
            assert line.endswith(f"{product}: {old or new}")
        elif kind.startswith("Contact") and field == "Contact":
            assert line.endswith(old or new)
        else:
            assert line.endswith(f"{product} · {field}: {old} → {new}".lstrip(" ·")), line
    text = "\n".join(lines)
    assert "key dates: Add-on renewal request deadline 2026-11-16 → 2026-12-17; Term end 2026-12-31 → 2027-01-31" in text
    assert "Eta Media" not in text  # only whitespace and spelling differ


def test_json_row_by_row(books: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*diff_args(books), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(c["customer"], c["product"], c["change"], c["field"], c["old"], c["new"]) for c in data["changes"]] == EXPECTED
    assert data["counts"]["Renewed"] == 2 and sum(data["counts"].values()) == 15
    delta_end = next(c for c in data["changes"] if c["field"] == "Term End")
    assert delta_end["key_dates_affected"] == [
        {"event": "Add-on renewal request deadline", "old": "2026-11-16", "new": "2026-12-17"},
        {"event": "Term end", "old": "2026-12-31", "new": "2027-01-31"},
    ]
    assert [Path(f["file"]).name for f in data["old"]["files"]] == ["book-q3.xlsx"]
    assert all(len(f["sha256"]) == 64 for f in data["old"]["files"] + data["new"]["files"])
    assert data["warnings"] == []


def test_same_book_short_form_exits_0(books: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = books
    assert main(["diff", str(old), str(old)]) == 0
    printed = capsys.readouterr().out
    assert "0 changes (the books say the same)" in printed
    assert f"Old: {old.name}" in printed and f"New: {old.name}" in printed  # not "Old: ." (new-user tryout)


def test_two_books_of_one_name_are_told_apart_by_their_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 'Old: 00_book.csv' and 'New: 00_book.csv': two exports of one name could not be told apart (new-user tryout)
    rows = [["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31", "", "", "", "", "", ""]]
    (tmp_path / "october").mkdir()
    (tmp_path / "november").mkdir()
    old = write_csv(tmp_path / "october" / "book.csv", rows=rows, header=HEADER)
    new = write_csv(tmp_path / "november" / "book.csv", rows=rows, header=HEADER)
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["Old: october/book.csv", "New: november/book.csv"]


def test_unreadable_book_exits_2_naming_it(
    books: tuple[Path, list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = books
    broken = tmp_path / "q4.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert main(["diff", str(old), str(broken)]) == 2
    assert capsys.readouterr().err.startswith("explorer: q4.xlsx: ")
    assert main(["diff", str(tmp_path / "gone.xlsx"), "--against", *map(str, new)]) == 2
    assert "gone.xlsx: the file does not exist" in capsys.readouterr().err
    assert main(["diff", str(old)]) == 2  # one book is not a comparison
    assert "name the old and the new book" in capsys.readouterr().err


def test_duplicates_warn_not_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .files import HEADER, write_csv

    row = ["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31", "EMEA", "Europe/Berlin", "DE", "", "", ""]
    overlapping = ["Acme", "Okta", "Premier Plus", "2026-06-01", "2027-05-31", "EMEA", "Europe/Berlin", "DE", "", "", ""]
    old = write_csv(tmp_path / "old.csv", rows=[row], header=HEADER)
    new = write_csv(tmp_path / "new.csv", rows=[row, overlapping], header=HEADER)
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "WARNING  The new book has 2 Acme Okta rows with overlapping terms (new.csv, new, row 2; new.csv, new, row 3)" in out
    assert "Added            Okta: Premier Plus, 2026-06-01 – 2027-05-31" in out


def test_a_saved_workspace_is_a_version(
    books: tuple[Path, list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from explorer.app.workspace import Workspace

    old, new = books
    q3 = Workspace(files=[str(old)]).save(tmp_path / "q3.explorer.toml")
    q4 = Workspace(files=[*map(str, new), str(tmp_path / "gone.csv")]).save(tmp_path / "q4.explorer.toml")
    assert main(["diff", str(q3), "--against", str(q4), "--json"]) == 1
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["changes"]) == len(EXPECTED)
    assert "gone.csv is named in the workspace but not found; the rest is read" in captured.err
    assert main(["diff", str(q3), str(q3)]) == 0
    bad = tmp_path / "bad.explorer.toml"
    bad.write_text("[[[", encoding="utf-8")
    assert main(["diff", str(bad), str(q3)]) == 2
    assert "bad.explorer.toml: not a workspace file" in capsys.readouterr().err


def test_workbook_row_by_row(books: tuple[Path, list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "changes.xlsx"
    assert main([*diff_args(books), "-o", str(out)]) == 1
    assert capsys.readouterr().out.endswith(f"wrote {out}\n")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Changes", "Summary"]
    ws = wb["Changes"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == CHANGE_COLUMNS
    assert [tuple(v or "" for v in row[:6]) for row in values[1:]] == EXPECTED
    delta_end = next(row for row in values[1:] if row[3] == "Term End")
    assert delta_end[6] == ("Add-on renewal request deadline 2026-11-16 → 2026-12-17; Term end 2026-12-31 → 2027-01-31")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:G16" and ws.print_title_rows == "$1:$1"
    summary = [[c.value for c in row] for row in wb["Summary"].iter_rows()]
    counts = {row[0]: row[1] for row in summary if row[0] in [*CHANGE_KINDS, "Total"]}
    assert counts == {
        "Added": 1,
        "Removed": 1,
        "Renewed": 2,
        "Changed": 3,
        "Upgrade": 2,
        "Downgrade": 1,
        "Contact added": 1,
        "Contact removed": 1,
        "Contact changed": 3,
        "Total": 15,
    }
    old, new = books
    digests = {row[0]: row[1] for row in summary if row[0] in ("book-q3.xlsx", "contracts-q4.csv", "contacts-q4.csv")}
    assert digests == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in [old, *new]}


def test_workbook_is_formula_safe_and_atomic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .files import HEADER, write_csv

    evil = '=HYPERLINK("http://x","y")'
    row = [evil, "Okta", "Premier", "2026-01-01", "2026-12-31", "EMEA", "Europe/Berlin", "DE", "", "", ""]
    old = write_csv(tmp_path / "old.csv", rows=[row], header=HEADER)
    new = write_csv(tmp_path / "new.csv", rows=[[*row[:2], "Basic", *row[3:]]], header=HEADER)
    out = tmp_path / "changes.xlsx"
    out.write_bytes(b"the previous export")
    assert main(["diff", str(old), str(new), "-o", str(tmp_path / "no-such-folder" / "x.xlsx")]) == 2
    assert "the folder does not exist" in capsys.readouterr().err
    assert main(["diff", str(old), str(new), "-o", str(old)]) == 2  # never over an input
    assert old.read_text().startswith("Account Name")
    assert main(["diff", str(old), str(new), "-o", str(out)]) == 1
    cell = openpyxl.load_workbook(out)["Changes"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (evil, "s", True)
    assert openpyxl.load_workbook(out)["Changes"]["C2"].value == "Downgrade"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".changes.~explorer-")]  # no temp file left


def test_comparing_with_a_file_that_holds_no_contract_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Compared with a contacts list, every contract read as removed (exit 1, no warning); now one line, exit 2."""
    old = write_csv(tmp_path / "old.csv", header=HEADER[:5], rows=[["Acme Corp", "Okta", "Premier", "2026-01-01", "2026-12-31"]])
    people = write_csv(
        tmp_path / "people.csv", header=["Customer", "Name", "Email"], rows=[["Acme Corp", "Ada", "ada@acme.test"]]
    )
    assert main(["diff", str(old), str(people)]) == 2
    err = capsys.readouterr().err
    assert "people.csv: nothing to compare: no contract was read: people.csv holds a named contacts table of 1 row " in err
