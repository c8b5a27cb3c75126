"""Inputs that are not regular files are refused by their kind before anything opens them.

/dev/zero as a catalog used to eat all memory, a FIFO to hang forever (opening one waits
for a writer); a workspace someone sends can name either.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from explorer.catalog import CatalogError, load_catalog
from explorer.filekinds import MAX_CONFIG_BYTES
from tests.hostile.harness import assert_refused, explorer, sample

ROLES = {  # how each kind of input is named on the command line
    "book": lambda p: ["check", str(p)],
    "case log": lambda p: ["check", "resources/sample/contracts.xlsx", "--cases", str(p)],
    "catalog": lambda p: ["check", "resources/sample/contracts.xlsx", "--catalog", str(p)],
    "mapping": lambda p: ["check", "resources/sample/contracts.xlsx", "--mapping", str(p)],
    "workspace": lambda p: ["check", "--workspace", str(p)],
}
SUFFIX = {"book": ".xlsx", "case log": ".csv", "catalog": ".toml", "mapping": ".toml", "workspace": ".toml"}


@pytest.mark.parametrize("role", list(ROLES))
def test_a_fifo_is_refused_by_its_kind(tmp_path: Path, role: str) -> None:
    fifo = tmp_path / f"input{SUFFIX[role]}"
    os.mkfifo(fifo)
    run = explorer(*ROLES[role](fifo), temp=tmp_path / "temp", timeout=30)
    assert_refused(run, "named pipe (FIFO)")


@pytest.mark.parametrize("role", ["catalog", "mapping", "book"])
def test_dev_zero_is_refused_as_a_device(tmp_path: Path, role: str) -> None:
    run = explorer(*ROLES[role]("/dev/zero"), temp=tmp_path / "temp", timeout=30)
    assert_refused(run, "a device")


def test_a_workspace_naming_a_fifo_catalog_is_refused(tmp_path: Path) -> None:
    book, _ = sample(tmp_path)
    os.mkfifo(tmp_path / "catalog.toml")
    (tmp_path / "work.toml").write_text(f'[workspace]\ncatalog = "catalog.toml"\n[files]\nbooks = ["{book.name}"]\n')
    run = explorer("check", "--workspace", tmp_path / "work.toml", temp=tmp_path / "temp", timeout=30)
    assert_refused(run, "catalog.toml", "named pipe (FIFO)")


@pytest.mark.parametrize("role", list(ROLES))
def test_a_symlink_loop_is_one_line(tmp_path: Path, role: str) -> None:
    # Python 3.11's Path.resolve raises RuntimeError for a loop: the read must still say it in one line.
    first, second = tmp_path / f"loop1{SUFFIX[role]}", tmp_path / f"loop2{SUFFIX[role]}"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    run = explorer(*ROLES[role](first), temp=tmp_path / "temp", timeout=30)
    assert_refused(run, "loop1", "Too many levels of symbolic links")


def test_an_output_named_by_a_symlink_loop_replaces_the_link(tmp_path: Path) -> None:
    book, _ = sample(tmp_path)
    (tmp_path / "out.xlsx").symlink_to("out.xlsx")
    run = explorer("report", book, "-o", tmp_path / "out.xlsx", temp=tmp_path / "temp", timeout=60)
    assert run.code in (0, 1), run.err[-2000:]
    assert not (tmp_path / "out.xlsx").is_symlink() and zipfile.is_zipfile(tmp_path / "out.xlsx")


def test_a_folder_is_called_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "book.xlsx"
    folder.mkdir()
    run = explorer("check", folder, temp=tmp_path / "temp")
    assert_refused(run, "book.xlsx", "this is a folder")


def test_a_config_file_has_a_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "catalog.toml"
    big.write_text("# padding\n" * (MAX_CONFIG_BYTES // 10 + 1))
    with pytest.raises(CatalogError, match=r"catalog.toml: cannot read the catalog \(the file is 4.0 MB, more than the 4 MB"):
        load_catalog(big)


def test_a_workbook_with_a_sheet_cut_short_says_its_xml_is_damaged(tmp_path: Path) -> None:
    """Calamine's own text for this is a bare tag name ('t'); the line says what it means. The file is untouched."""
    good, cut = tmp_path / "good.xlsx", tmp_path / "cut.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Customer", "Product", "Tier", "Term Start", "Term End"])
    book.active.append(["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31"])
    book.save(good)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(cut, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            target.writestr(member, data[: len(data) // 2] if member.filename == "xl/worksheets/sheet1.xml" else data)
    before = cut.read_bytes()
    assert_refused(explorer("check", cut, temp=tmp_path / "temp"), "cut.xlsx", "cut short or is not well-formed XML")
    assert cut.read_bytes() == before


def test_a_workspace_naming_a_symlink_loop_says_it_is_a_loop(tmp_path: Path) -> None:
    book, _ = sample(tmp_path)
    (tmp_path / "loop1.xlsx").symlink_to("loop2.xlsx")
    (tmp_path / "loop2.xlsx").symlink_to("loop1.xlsx")
    (tmp_path / "work.toml").write_text(f'[workspace]\n[files]\nbooks = ["{book.name}", "loop1.xlsx", "gone.xlsx"]\n')
    run = explorer("check", "--workspace", tmp_path / "work.toml", "--as-of", "2026-06-01", temp=tmp_path / "temp")
    assert run.code in (0, 1) and "Traceback" not in run.err, run.err[-2000:]
    warnings = [line for line in run.lines if "warning" in line]
    assert warnings == [
        f"explorer: warning: {tmp_path}/loop1.xlsx is named in the workspace but is a symbolic link that leads round "
        "in a loop; the rest is read",
        f"explorer: warning: {tmp_path}/gone.xlsx is named in the workspace but not found; the rest is read",
    ]
