"""README's command table names every option each command's --help lists."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from explorer.cli import build_parser

README = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-o)\b")


def _rows() -> dict[str, set[str]]:
    """Each command's options as the table's first cell writes them (a command with two rows: both)."""
    rows: dict[str, set[str]] = {}
    section = README.split("## Using the command line", 1)[1].split("\n\n", 2)[1]
    for line in section.splitlines():
        if line.startswith("| `explorer "):
            cell = line.split(" | ", 1)[0]
            command = cell.split()[2].rstrip("`")
            rows.setdefault(command, set()).update(OPTION.findall(cell))
    return rows


def _shared() -> set[str]:
    """The options the paragraph under the table gives every command (or every one that reads a book)."""
    paragraph = README.split("Every command but `diff` takes `--workspace FILE`", 1)[1].split("\n\n", 1)[0]
    return {"--workspace", *OPTION.findall(paragraph)}


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: p for name, p in sub.choices.items() if name != "gui"}  # the app's options: its own section


def test_every_command_has_a_row_and_every_option_it_takes_is_named() -> None:
    rows, shared = _rows(), _shared()
    assert {"--as-of", "--sample", "--case-timezone", "--case-dates", "--mapping", "--catalog", "--cases"} <= shared
    missing: dict[str, list[str]] = {}
    for name, parser in _commands().items():
        assert name in rows, f"README's command table has no row for 'explorer {name}'"
        named = rows[name] | shared
        for action in parser._actions:
            flags = [f for f in action.option_strings if f != "-h" and f != "--help"]
            if flags and not any(f in named for f in flags):
                missing.setdefault(name, []).append(flags[-1])
    assert not missing, f"options --help lists that README's command table does not: {missing}"


def test_check_row_names_as_of() -> None:
    # trust round 7: `check --as-of` judges as of that day (as --workspace's day), yet its row left it out.
    assert "--as-of" in _rows()["check"]
