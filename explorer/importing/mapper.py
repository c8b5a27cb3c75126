"""`explorer map`: the mapping the importer would use for some files, written for the user to edit.

Each table becomes a [[mapping]] with its guesses and their confidence, the weaker
candidates, the kept columns the import reads (and what for) and those it does not use as
comments; a sheet that could not be read becomes one too, started from the row that came
closest, with the missing fields named, so the user only has to fill them in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.catalog import Catalog
from explorer.importing import ranges, term_length, values
from explorer.importing.book import date_columns, deciding_date, language_order
from explorer.importing.column_reads import TERM_LENGTH, TERM_RANGE, kept_reads
from explorer.importing.headers import column_kinds, label, recognise
from explorer.importing.mappings import ColumnMapping, dump_mappings, value_known
from explorer.importing.ranges import term_range
from explorer.importing.readers import Cell, RawSheet, iter_sheets
from explorer.importing.record_block import items_below
from explorer.importing.row_contacts import people_by_values
from explorer.importing.tables import (
    NearMiss,
    SavedLookup,
    TableMatch,
    find_tables,
    is_blank,
    line_item_columns,
    named_by_values,
    product_by_values,
    region_by_values,
    states_in_region,
    tier_by_values,
)
from explorer.importing.term_length import length_column
from explorer.importing.values import cell_text
from explorer.importing.year_columns import tier_like_columns

HOW = {
    "exact": "a catalog spelling",
    "normalised": "the header without units or decorations",
    "saved": "a saved mapping",
    "title": "the table's title column (no other column gives it)",
    "subject": "the header after the table's subject, as a BI tool's view or a CLM's counterparty writes it",
    "summary": "the header after its summary, as a BI tool writes a summarized column",
    "preferred": "an organisation's column, read over {over!r}, which may name the person who asked",
    "levels": "its values are priority levels, read over {over!r}, a yes/no flag",
    "times": "its values are dates and times, read over {over!r}, which holds none",
}


def _table_notes(where: str, sheet: RawSheet, match: TableMatch, catalog: Catalog) -> list[str]:
    spec = catalog.tables[match.kind]
    notes = [f"{where}, header row {match.header_row}: read as {spec.label.lower()}"]
    for name, guess in match.guesses.items():
        how = HOW.get(guess.how, f"a close spelling, {guess.score:.0f}% sure").format(over=guess.over)
        notes.append(f"  {name} = {guess.header!r}: {how}")
    for name, guess in match.suggestions.items():
        if name in match.columns:  # read by its values since the guess (product_by_values and its neighbours)
            continue
        notes.append(f"  maybe {name} = {guess.header!r} ({guess.score:.0f}% match): add the line to use it")
    reads = kept_column_reads(sheet, match, catalog)
    tiered = tier_column(sheet, match, catalog, reads)
    if tiered and "program" not in match.suggestions:
        notes.append(f"  maybe program = {tiered!r} ({TIER_CELLS}): add the line to use it")
    missing = [_key(f) for f in spec.fields if f not in match.columns and f not in match.suggestions]
    if missing:
        notes.append(f"  not found: {', '.join(missing)}")
    if not tiered and (tier := tier_needed(catalog, match.kind, match.columns)):
        notes.append(f"  no tier column: {tier}")
    notes += [f"  read: {match.extra[i]} ({what})" for i, what in reads.items()]
    unused = [h for i, h in match.extra.items() if i not in reads]
    if unused:
        notes.append(f"  kept, not used: {', '.join(unused)}")
    notes += [f"  {n}" for n in match.notes]
    return notes


def kept_column_reads(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> dict[int, str]:
    """The kept columns the import reads (column_reads), and the one it takes as the term's range or length by its
    cells (as book._read_table does; the mapping holds no such field, so they stay kept columns here)."""
    reads = kept_reads(match, catalog)
    bare = term_length.bare_length_columns(match, catalog) if match.kind == "contracts" else {}
    taken, ranged, _, _ = term_range(sheet, match, bare, lambda text: term_length.months_in(text, catalog) is not None)
    if ranged:
        reads[taken.columns[ranges.FIELD]] = TERM_RANGE
    lengthened, length, _, _ = length_column(sheet, taken, catalog)
    if length:
        reads[lengthened.columns[term_length.FIELD]] = TERM_LENGTH
    return dict(sorted(reads.items()))


TIER = "program"
TIER_CELLS = "every filled cell is a tier of its row's product; a segment may only share a tier's name, so check it"


def tier_column(sheet: RawSheet, match: TableMatch, catalog: Catalog, reads: dict[int, str] | None = None) -> str:
    """The header of a kept column of a contracts table with no tier column whose every filled cell is a tier of its
    row's product (tier_like_columns: the column check's warning names), "" where none. ``reads``: the kept columns a
    rule reads (kept_column_reads), never offered."""
    if match.kind != "contracts" or TIER in match.columns:
        return ""
    reads = kept_column_reads(sheet, match, catalog) if reads is None else reads
    found = tier_like_columns(sheet, match, catalog, [h for i, h in match.extra.items() if i not in reads])
    return found[0] if found else ""


def tier_needed(catalog: Catalog, kind: str, found: Mapping[str, object] | set[str]) -> str:
    """Where a contracts table has no tier column, what that costs, in words: the products that need a tier and those
    read at their default tier without one (Auth0 at Enterprise: the catalog's default_program); "" otherwise."""
    if kind != "contracts" or TIER in found:
        return ""
    return tier_note(catalog)


def tier_note(catalog: Catalog) -> str:
    """A contract's tier, in words: which products need it and which default without it (the catalog's)."""
    products = [p for p in catalog.products.values() if p.programs]
    need = [p.name for p in products if not p.default_program]
    default = [
        f"{p.name} is read as {catalog.programs[p.default_program].name}"
        for p in products
        if p.default_program and p.default_program in catalog.programs
    ]
    said = f"{' and '.join(need)} {'need' if len(need) > 1 else 'needs'} one" if need else ""
    return "; ".join(x for x in (said, *(f"without one {d}" for d in default)) if x)


def _key(name: str) -> str:
    """A field as the mapping's key it takes, with what people call it where that differs: 'program (tier)'."""
    said = label(name)
    return name if said == name.replace("_", " ") else f"{name} ({said})"


def _near_columns(near: NearMiss, sheet: RawSheet, catalog: Catalog) -> dict[str, str]:
    """The fields a near-miss sheet's mapping starts from: every column recognised, the weaker guesses at the
    others (one field a column), and a kept column every filled cell of which is a tier where no column is the tier
    (tier_column): a mapping is read as written, so a field it leaves out is not read at all."""
    columns = dict(near.columns)
    for name, (header, _) in near.suggested.items():
        if name not in columns and header not in columns.values():
            columns[name] = header
    if tiered := _near_tier(near, sheet, columns, catalog):
        columns[TIER] = tiered
    return columns


def _near_tier(near: NearMiss, sheet: RawSheet, columns: dict[str, str], catalog: Catalog) -> str:
    """The near-miss sheet's tier_column, its fields those of ``columns``."""
    if near.kind != "contracts" or TIER in columns or not 0 < near.row <= len(sheet.rows):
        return ""
    headers = {i: text for i, c in enumerate(sheet.rows[near.row - 1]) if (text := cell_text(c).strip())}
    at = {h: i for i, h in reversed(headers.items())}  # a header's first column
    fields = {n: at[h] for n, h in columns.items() if h in at}
    extra = {i: h for i, h in headers.items() if i not in fields.values()}
    end = near.row + LOOK_ROWS
    return tier_column(sheet, TableMatch(near.kind, near.row - 1, fields, headers, extra, end_index=end), catalog)


def _near_notes(where: str, near: NearMiss, sheet: RawSheet, catalog: Catalog) -> list[str]:
    spec = catalog.tables[near.kind]
    notes = [f"{where}, row {near.row}: NOT READ; closest to {spec.label.lower()}"]
    columns = _near_columns(near, sheet, catalog)
    guessed = {n: near.suggested[n] for n in columns if n not in near.columns and n in near.suggested}
    unmet = spec.unmet({*near.found, *guessed})  # required, and needed by the rules (a contract's term dates)
    tier = tier_needed(catalog, near.kind, {*near.found, *columns})
    if unmet or tier:
        first = unmet[0] if unmet else TIER
        needed = [*unmet, *([f"{TIER} (tier: {tier})"] if tier else [])]
        notes.append(f'  needed: {", ".join(needed)}; add a line such as {first} = "<header>"')
    notes += [f"  {n} = {h!r}: a close spelling, {score:.0f}% sure; check it" for n, (h, score) in guessed.items()]
    if TIER in columns and TIER not in near.columns and TIER not in guessed:
        notes.append(f"  {TIER} = {columns[TIER]!r}: {TIER_CELLS}")
    notes.append(f"  fields: {', '.join(spec.fields)}")
    notes.append("  the columns below are read as written: a field not listed is not read, whatever its column's header")
    return notes


def proposed_mappings(
    files: Sequence[str], case_files: Sequence[str], catalog: Catalog, saved: SavedLookup | None = None
) -> tuple[str, int]:
    """(TOML text, number of mappings) for every table and near-miss sheet of the files."""
    mappings: list[ColumnMapping] = []
    notes: dict[tuple[str, ...], list[str]] = {}
    orders: list[tuple[str, bool | None, list[str], list[int]]] = []  # per file: its order, why, its dated tables
    for path, is_case_log in [*((f, False) for f in files), *((f, True) for f in case_files)]:
        read: list[tuple[RawSheet, list[TableMatch], None]] = []  # the file's tables, whose dates settle its order
        own: list[int] = []  # the places in ``mappings`` of the file's tables
        owned: list[TableMatch] = []  # ... and the tables themselves, as read
        for sheet in iter_sheets(path):
            tables, near = find_tables(sheet, catalog, ("cases",) if is_case_log else None, saved)
            if not tables and not is_case_log and (items := items_below(sheet, catalog, saved)) is not None:
                found, _ = find_tables(items.sheet, catalog, None, saved)  # as the import reads an order form
                if found:
                    block = f"rows {items.block.first}-{items.block.last}: the header block whose fields each item takes"
                    sheet, tables = items.sheet, [dataclasses.replace(m, notes=(*m.notes, block)) for m in found]
            aside = catalog.set_aside(sheet.name) if not sheet.hidden else None
            where = f"{Path(path).name}, sheet '{sheet.name}'" + (
                f" ({sheet.hidden}: read only if read_hidden names it)"
                if sheet.hidden
                else f" (its name says '{aside}': read only if read_hidden names it)"
                if aside
                else ""
            )
            read.append((sheet, tables, None))
            for table in tables:
                match = table
                match, by_values = product_by_values(sheet, match, catalog)  # as the import reads the table
                if by_values:
                    match = dataclasses.replace(
                        match, notes=(*match.notes, f"product = {by_values!r}: every value is a product's name")
                    )
                match, tiers = tier_by_values(sheet, match, catalog)
                if tiers:
                    note = f"program = {tiers!r}: every value names a product's tier or an add-on"
                    match = dataclasses.replace(match, notes=(*match.notes, note))
                match, people, unread = people_by_values(sheet, match, catalog)
                if people and not unread:
                    match = dataclasses.replace(match, notes=(*match.notes, f"{people!r} lists each row's named contacts"))
                if unread:
                    match = dataclasses.replace(match, notes=(*match.notes, unread))
                match, flag = named_by_values(sheet, match, catalog)
                if flag:
                    match = dataclasses.replace(match, notes=(*match.notes, f"named = {flag!r}: every value is yes or no"))
                match, states = states_in_region(sheet, match, catalog)
                if states:
                    match = dataclasses.replace(match, notes=(*match.notes, states))
                match, regions, as_region = region_by_values(sheet, match, catalog)
                if regions:
                    note = f"{'region' if as_region else 'kept'} = {regions!r}: every value is a sales region, no state"
                    match = dataclasses.replace(match, notes=(*match.notes, note))
                match, lines = line_item_columns(sheet, match, catalog)
                if lines:
                    match = dataclasses.replace(match, notes=(*match.notes, lines))
                mapping = ColumnMapping(
                    match.kind,
                    match.layout,
                    {n: match.headers[c] for n, c in match.columns.items()},
                    match.values,
                    day_first=match.day_first,  # a given mapping's stated order
                )
                if mapping.key not in notes:
                    own.append(len(mappings))
                    owned.append(table)
                    mappings.append(mapping)
                    notes[mapping.key] = _table_notes(where, sheet, match, catalog)
            if not tables and near is not None:
                mapping = ColumnMapping(near.kind, near.headers, _near_columns(near, sheet, catalog))
                if mapping.key not in notes:
                    mappings.append(mapping)
                    notes[mapping.key] = _near_notes(where, near, sheet, catalog)
        day_first, said = _date_order(read, catalog)
        dated = [place for place, match in zip(own, owned, strict=True) if _ambiguous_dates(match, read, catalog)]
        orders.append((Path(path).name, day_first, said, dated))
    _state_orders(mappings, notes, orders)
    return dump_mappings(mappings, notes), len(mappings)


def _state_orders(
    mappings: list[ColumnMapping],
    notes: dict[tuple[str, ...], list[str]],
    orders: list[tuple[str, bool | None, list[str], list[int]]],
) -> None:
    """Each file's date order on its tables that write dates nn/nn/yyyy: as its own dates or headers settle it, else
    as another file of the book does (as check borrows it, whatever the files' order), else the lines to choose from."""
    for name, day_first, said, dated in orders:
        if said and day_first is None:
            others = {d for n, d, _, _ in orders if d is not None and n != name}
            if len(others) == 1:
                day_first = others.pop()
                lenders = ", ".join(n for n, d, _, _ in orders if d is not None and n != name)
                first = "day" if day_first else "month"
                said = [f"dates = '{first} first': as {lenders} writes them (no date here has a part over 12)"]
        for place in dated if said else []:
            if mappings[place].day_first is None:
                mappings[place] = dataclasses.replace(mappings[place], day_first=day_first)
                notes[mappings[place].key] += said


def _ambiguous_dates(match: TableMatch, read: list[tuple[RawSheet, list[TableMatch], None]], catalog: Catalog) -> bool:
    """Whether the table's own date columns hold a date written nn/nn/yyyy (the ones a stated order is about)."""
    sheet = next(s for s, tables, _ in read if any(m is match for m in tables))
    return values.either_way(values.date_parts(date_columns([(sheet, [match], None)], catalog))) is not None


def _date_order(read: list[tuple[RawSheet, list[TableMatch], None]], catalog: Catalog) -> tuple[bool | None, list[str]]:
    """How the file writes nn/nn/yyyy as the import settles it (book.read_file), for its mappings: (day first or not,
    why) where its dates or its headers' language settle it; (None, the two lines to choose from, commented, and
    why) where every such date reads both ways, which check refuses unless told; (None, []) where it has none."""
    parts = values.date_parts(date_columns(read, catalog))
    own = values.order_of(parts)
    if own.day_first is not None:
        said = "day" if own.day_first else "month"
        shown = deciding_date(None, own.day_first, read, catalog)  # the date check's warning names, from the same code
        return own.day_first, [f"dates = '{said} first': as the file's own dates show ({shown})"]
    example = values.either_way(parts)
    if example is None or not values.open_order(parts):  # none reads both ways (ISO, dotted), or its sheets disagree
        return None, []
    order, spoken = language_order(own, parts, [m for _, tables, _ in read for m in tables], catalog)
    if order.day_first is not None and spoken is not None:
        return True, [f"dates = 'day first': no date has a day over 12, and the headers are {spoken[0]}, which writes so"]
    text, day = example
    return None, [
        f"dates: no date has a day over 12, so {text} could be {values.both_readings(day.day, day.month, day.year)} "
        "(check refuses such dates unless another file of the book settles the order); say which by removing the '#' "
        "before one of these two lines",
        'dates = "day first"',
        'dates = "month first"',
    ]


# -- the Map Columns dialog's model (Qt-free) -------------------------------------
PREVIEW_ROWS = 20
VALUE_FIELDS = ("product", "program", "priority", "priority_at_open")
LOOK_ROWS = 1000  # rows a column is told a term range or length by in the dialog (30 filled cells decide)


@dataclass
class Proposal:
    """What the importer would read from a sheet with this header row and table kind."""

    kind: str
    header_index: int  # 0-based
    headers: dict[int, str]  # column -> header as written
    columns: dict[str, int]  # field -> column, confident guesses
    confidence: dict[str, str]  # field -> how sure, in words
    saved: ColumnMapping | None = None


def first_header(sheet: RawSheet, catalog: Catalog, saved: SavedLookup | None = None) -> tuple[int, str]:
    """(header row index, kind) to start from: the first table, else the row that came closest."""
    tables, near = find_tables(sheet, catalog, None, saved)
    if tables:
        return tables[0].header_index, tables[0].kind
    if near is not None:
        return near.row - 1, near.kind
    first = next((i for i, r in enumerate(sheet.rows) if not is_blank(r)), 0)
    return first, "contracts"


def propose(sheet: RawSheet, header_index: int, kind: str, catalog: Catalog, saved: SavedLookup | None = None) -> Proposal:
    rows = sheet.rows
    headers = {i: str(c).strip() for i, c in enumerate(rows[header_index]) if str(c).strip()} if rows else {}
    layout = tuple(headers[i] for i in sorted(headers))
    mapping = saved(layout) if saved else None
    spec = catalog.tables[kind]
    if mapping is not None and mapping.kind == kind:
        ordered = sorted(headers)
        columns = {name: ordered[p] for name, p in mapping.positions().items()}
        return Proposal(kind, header_index, headers, columns, dict.fromkeys(columns, "saved"), mapping)
    sample = rows[header_index + 1 : header_index + 31]
    read = {i: h for i, h in headers.items() if not catalog.bookkeeping(h)}  # Dynamics' '(Do Not Modify) ...'
    found = recognise(spec, read, column_kinds(sample, list(read), catalog.flag_words, catalog), catalog)
    confidence = {n: ("exact" if g.exact else f"{g.score:.0f}%") for n, g in found.guesses.items()}
    columns = dict(found.columns)
    for name, guess in found.suggestions.items():  # weaker guesses pre-filled too, their confidence shown
        if guess.column not in columns.values():
            columns[name] = guess.column
            confidence[name] = f"{guess.score:.0f}%?"
    extra = {c: h for c, h in read.items() if c not in columns.values()}
    match = TableMatch(kind, header_index, dict(columns), dict(headers), extra, end_index=header_index + 1 + LOOK_ROWS)
    if tiered := tier_column(sheet, match, catalog):  # a column of tiers, as `explorer map` offers it: to check
        columns[TIER] = next(c for c, h in extra.items() if h == tiered)
        confidence[TIER] = "its cells are tiers?"
    return Proposal(kind, header_index, headers, columns, confidence)


def field_note(catalog: Catalog, kind: str, name: str) -> str:
    """What Map Columns says under a field it does not star though the rules want it: a contract's tier, which
    a product with a default tier (Auth0) does without (tier_note)."""
    return f"Without a tier column: {tier_note(catalog)}." if kind == "contracts" and name == TIER else ""


def chosen_reads(sheet: RawSheet, proposal: Proposal, chosen: dict[str, int], catalog: Catalog) -> dict[int, str]:
    """What the import reads the columns left out of ``chosen`` for (kept_column_reads): column -> in words. The
    dialog asks on every change of field, on the window's thread: a range or a length is told by its first rows."""
    extra = {c: h for c, h in proposal.headers.items() if c not in chosen.values()}
    end = proposal.header_index + 1 + LOOK_ROWS
    match = TableMatch(proposal.kind, proposal.header_index, dict(chosen), dict(proposal.headers), extra, end_index=end)
    return kept_column_reads(sheet, match, catalog)


def canonical_values(catalog: Catalog, name: str) -> list[str]:
    """What a value of a field can mean: product names, program names, priorities."""
    addons = [o.label for a in catalog.addons.values() for o in a.options.values()]
    addons += [a.name for a in catalog.addons.values() if not a.options]
    if name == "product":  # a product, a product with its tier (an order line names both), or an add-on's line
        products = list(catalog.products.values())
        tiers = [f"{p.name} {catalog.programs[t].name}" for p in products for t in p.programs if t in catalog.programs]
        return [*(p.name for p in products), *tiers, *addons]
    if name == "program":  # a tier, or an add-on's line beside its product (contracts._addon_line)
        return [*dict.fromkeys(p.name for p in catalog.programs.values()), *addons]
    if name in ("priority", "priority_at_open"):
        return ["1", "2", "3", "4"]
    return []


def unknown_values(
    sheet: RawSheet,
    header_index: int,
    columns: dict[str, int],
    catalog: Catalog,
    limit: int = 20,
    distinct: Callable[[int], list[Cell]] | None = None,
) -> dict[str, list[str]]:
    """The distinct values of the product, tier and priority columns that do not normalise.

    ``distinct(column)`` gives a column's distinct cells below the header (distinct_cells; the Map Columns
    dialog keeps them, so a change of field asks no column twice).
    """
    out: dict[str, list[str]] = {}
    for name in VALUE_FIELDS:
        column = columns.get(name)
        if column is None:
            continue
        seen: dict[str, None] = {}
        for cell in distinct(column) if distinct else distinct_cells(sheet, header_index, column):
            text = cell_text(cell)
            if text and text not in seen and not value_known(catalog, name, text):
                seen[text] = None
                if len(seen) >= limit:
                    break
        if seen:
            out[name] = list(seen)
    return out


def distinct_cells(sheet: RawSheet, header_index: int, column: int) -> list[Cell]:
    """A column's distinct cells below the header row, in the order met (a TRUE cell is not the number 1)."""
    cells = [row[column] if column < len(row) else "" for row in sheet.rows[header_index + 1 :]]
    kinds: set[type] = set()
    for start in range(0, len(cells), _PIECE):
        kinds.update(map(type, cells[start : start + _PIECE]))
    if bool in kinds and kinds & {int, float}:  # True == 1: tell them apart by type
        return [c for _, c in _in_order(list(zip(map(type, cells), cells, strict=True)))]
    return _in_order(cells)


# Map Columns reads on a worker while the window stays live: one C call over a 200,000-row column (a set, a
# dict) holds the GIL 30-50 ms, and every call the window makes into Python meanwhile waits for it.
_PIECE = 20_000


def _in_order(items: list[Any]) -> list[Any]:
    """The distinct items in the order met (dict.fromkeys), a piece at a time."""
    seen: dict[Any, None] = {}
    for start in range(0, len(items), _PIECE):
        seen.update(dict.fromkeys(items[start : start + _PIECE]))
    return list(seen)
