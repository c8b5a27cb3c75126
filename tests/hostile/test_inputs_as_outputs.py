"""No command writes its output over a file it reads: the catalog, the workspace and the mapping files included.

'explorer map -o cat.toml --catalog cat.toml' used to replace a team's edited catalog with a column
mapping (exit 0); every later command with that catalog then failed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.harness import ROOT, assert_refused, explorer, fingerprint, sample

CASES = {  # the command, with {x} for a file in the folder; the input it names as output
    "map onto its catalog": ("map {contracts.xlsx} --catalog {cat.toml} -o {cat.toml}", "cat.toml"),
    "map onto its workspace": ("map {contracts.xlsx} --workspace {ws.toml} -o {ws.toml}", "ws.toml"),
    "map onto its mapping file": ("map {contracts.xlsx} --mapping {m.toml} -o {m.toml}", "m.toml"),
    "map onto the workspace's catalog": ("map {contracts.xlsx} --workspace {ws.toml} -o {cat.toml}", "cat.toml"),
    "template onto its catalog": ("template --catalog {cat.xlsx} -o {cat.xlsx}", "cat.xlsx"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_input_is_refused_as_the_output(tmp_path: Path, case: str) -> None:
    command, victim = CASES[case]
    folder = tmp_path / "in"
    sample(folder)
    shutil.copy(ROOT / "resources/catalog.toml", folder / "cat.toml")
    shutil.copy(ROOT / "resources/catalog.toml", folder / "cat.xlsx")  # a catalog under any name is read as one
    (folder / "ws.toml").write_text('[workspace]\ncatalog = "cat.toml"\n[files]\nbooks = ["contracts.xlsx"]\n')
    assert explorer("map", folder / "contracts.xlsx", "-o", folder / "m.toml", temp=tmp_path / "temp").code == 0
    before = fingerprint(folder)
    args = [str(folder / part[1:-1]) if part.startswith("{") else part for part in command.split()]
    run = explorer(*args, temp=tmp_path / "temp")
    assert_refused(run, f"{victim}: this is one of the input files; choose another name for the output")
    assert fingerprint(folder) == before


def test_an_output_in_a_missing_folder_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    # It used to be found only after the whole book was read and judged (20 s for a 200,000-case book).
    run = explorer("report", tmp_path / "not-read.xlsx", "-o", tmp_path / "no-folder" / "r.xlsx", temp=tmp_path / "temp")
    assert_refused(run, "no-folder: the folder does not exist")
