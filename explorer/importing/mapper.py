"""`explorer map`: the mapping the importer would use for some files, written for the user to edit.

Each table becomes a [[mapping]] with its guesses and their confidence, the weaker
candidates and the columns kept but not used as comments; a sheet that could not be
read becomes one too, started from the row that came closest, with the missing
fields named, so the user only has to fill them in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from explorer.catalog import Catalog
from explorer.importing.headers import label
from explorer.importing.mappings import ColumnMapping, dump_mappings
from explorer.importing.readers import iter_sheets
from explorer.importing.tables import NearMiss, SavedLookup, TableMatch, find_tables

HOW = {"exact": "a catalog spelling", "normalised": "the header without units or decorations",
       "saved": "a saved mapping"}


def _table_notes(where: str, match: TableMatch, catalog: Catalog) -> list[str]:
    spec = catalog.tables[match.kind]
    notes = [f"{where}, header row {match.header_row}: read as {spec.label.lower()}"]
    for name, guess in match.guesses.items():
        how = HOW.get(guess.how, f"a close spelling, {guess.score:.0f}% sure")
        notes.append(f"  {name} = {guess.header!r}: {how}")
    for name, guess in match.suggestions.items():
        notes.append(f"  maybe {name} = {guess.header!r} ({guess.score:.0f}% match): add the line to use it")
    missing = [label(f) for f in spec.fields if f not in match.columns and f not in match.suggestions]
    if missing:
        notes.append(f"  not found: {', '.join(missing)}")
    if match.extra:
        notes.append(f"  kept, not used: {', '.join(match.extra.values())}")
    notes += [f"  {n}" for n in match.notes]
    return notes


def _near_notes(where: str, near: NearMiss, catalog: Catalog) -> list[str]:
    spec = catalog.tables[near.kind]
    notes = [f"{where}, row {near.row}: NOT READ; closest to {spec.label.lower()}"]
    if near.missing:
        notes.append(f"  needed: {', '.join(near.missing)}; add a line such as {near.missing[0]} = \"<header>\"")
    notes.append(f"  fields: {', '.join(spec.fields)}")
    return notes


def proposed_mappings(files: Sequence[str], case_files: Sequence[str], catalog: Catalog,
                      saved: SavedLookup | None = None) -> tuple[str, int]:
    """(TOML text, number of mappings) for every table and near-miss sheet of the files."""
    mappings: list[ColumnMapping] = []
    notes: dict[tuple[str, ...], list[str]] = {}
    for path, is_case_log in [*((f, False) for f in files), *((f, True) for f in case_files)]:
        for sheet in iter_sheets(path):
            tables, near = find_tables(sheet, catalog, ("cases",) if is_case_log else None, saved)
            where = f"{Path(path).name}, sheet '{sheet.name}'"
            for match in tables:
                mapping = ColumnMapping(match.kind, match.layout,
                                        {n: match.headers[c] for n, c in match.columns.items()}, match.values)
                if mapping.key not in notes:
                    mappings.append(mapping)
                    notes[mapping.key] = _table_notes(where, match, catalog)
            if not tables and near is not None:
                mapping = ColumnMapping(near.kind, near.headers, dict(near.columns))
                if mapping.key not in notes:
                    mappings.append(mapping)
                    notes[mapping.key] = _near_notes(where, near, catalog)
    return dump_mappings(mappings, notes), len(mappings)
