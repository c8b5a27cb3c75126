"""One record written down a column, each label beside its value: the block an account plan keeps at the top of
a sheet per customer (Customer | Contoso, Support Tier | Premier Plus, Contract Start | ...), often with the
customer's contacts as a table below it.

The block is turned into a header row and one record, and found as a table as any other (find_tables), so its
labels are recognised by the catalog's spellings and a saved mapping as a header row's would be. Only a block of
one record is turned: a sheet with a record per column is a table laid out sideways (sheet_shapes.turned_table).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from explorer.catalog import Catalog
from explorer.importing.headers import label, recognise
from explorer.importing.readers import Cell, RawSheet
from explorer.importing.tables import SavedLookup, TableMatch, find_tables, header_text, is_filled

LOOK_ROWS = 200  # rows looked at for a block
MIN_PAIRS = 3  # label-value rows that make a block (two are as likely a note beside a figure)
# what makes a block look like a contract: a customer and a tier or a term date
CONTRACT_LIKE = {"program", "term_start", "term_end", "initial_term_start"}


@dataclass(frozen=True)
class Block:
    """A run of label-value rows: rows[first - 1:last] of the sheet, labels in ``column`` (0-based)."""

    first: int  # 1-based
    last: int  # 1-based
    column: int
    labels: tuple[str, ...]
    values: tuple[Cell, ...]


@dataclass(frozen=True)
class BlockRead:
    """A block and what it was found to be: a contracts table over ``sheet`` (the block as a header and a record)
    where it reads as one contract, else None and, for a block that looks like one, ``why`` it is not read."""

    block: Block
    sheet: RawSheet
    match: TableMatch | None
    why: str = ""


def _pair(row: list[Cell]) -> tuple[int, str, Cell] | None:
    """(label column, label, value) of a row holding a text label and at most one value right of it (a value merged
    over several cells counts once); None for any other row."""
    filled = [i for i, c in enumerate(row) if is_filled(c)]
    if not filled or not isinstance(row[filled[0]], str) or not header_text(row[filled[0]]):
        return None
    first, rest = filled[0], filled[1:]
    if rest != list(range(first + 1, first + 1 + len(rest))) or any(row[i] != row[first + 1] for i in rest):
        return None
    return first, header_text(row[first]).rstrip(":").strip(), row[rest[0]] if rest else None


def blocks(sheet: RawSheet) -> list[Block]:
    """The sheet's label-value blocks: runs of at least MIN_PAIRS rows with a value beside a label in one column
    (a label alone inside a run is a field left blank; at the run's end, a title of what follows)."""
    out: list[Block] = []
    run: list[tuple[int, str, Cell]] = []  # (0-based row, label, value)
    column = -1

    def close() -> None:
        while run and run[-1][2] is None:
            run.pop()
        if sum(1 for _, _, v in run if v is not None) >= MIN_PAIRS:
            out.append(Block(run[0][0] + 1, run[-1][0] + 1, column, tuple(r[1] for r in run), tuple(r[2] for r in run)))
        run.clear()

    for index, row in enumerate([*sheet.rows[:LOOK_ROWS], []]):
        pair = _pair(row)
        if pair is None or (run and pair[0] != column):
            close()
        if pair is not None:
            column = pair[0]
            if run or pair[2] is not None:
                run.append((index, pair[1], pair[2]))
    return out


def as_table(sheet: RawSheet, block: Block) -> RawSheet:
    """The block as a header row and one record, the record on the block's first row (so its findings name a row of
    the block; its second where the block starts the sheet), the header on the row above; the other rows blank.
    Struck cells and unsaved formulas are looked up by the sheet's own cells, which these are not: none are."""
    at = max(block.first - 1, 1)  # the record's 0-based row
    rows: list[list[Cell]] = [[] for _ in range(at - 1)]
    rows += [list(block.labels), [v if v is not None else "" for v in block.values]]
    return replace(sheet, rows=rows, hidden_rows=(), merged=0, _formulas={}, _struck={})


def without_blocks(sheet: RawSheet, read: list[Block]) -> RawSheet:
    """The sheet with the rows of the blocks read emptied, for its other tables (a contacts list below) to be found."""
    if not read:
        return sheet
    gone = {i for b in read for i in range(b.first - 1, b.last)}
    return replace(sheet, rows=[[] if i in gone else r for i, r in enumerate(sheet.rows)])


def read_blocks(sheet: RawSheet, catalog: Catalog, saved: SavedLookup | None) -> list[BlockRead]:
    """Each block of the sheet and the contract it reads as, where it is one plain record of a contract; for one
    that looks like a contract (a customer, and a tier or a term date), why it is not read."""
    out = []
    for block in blocks(sheet):
        turned = as_table(sheet, block)
        tables, near = find_tables(turned, catalog, ("contracts",), saved)
        match = tables[0] if len(tables) == 1 else None
        found = set(match.columns) if match else set(near.found if near else ())
        if "customer" not in found or not CONTRACT_LIKE & found:
            continue
        if match is None:
            missing = ", ".join(label(m) for m in (near.missing if near else ())) or "the fields a contract needs"
            out.append(BlockRead(block, turned, None, f"it has no label for {missing}"))
        elif why := _ambiguous(block, match, catalog):
            out.append(BlockRead(block, turned, None, why))
        else:
            out.append(BlockRead(block, turned, match))
    return out


def _ambiguous(block: Block, match: TableMatch, catalog: Catalog) -> str:
    """Why a block's one record may not be the contract it looks like: a field labelled twice (two customers, two
    tiers), or a field the contract needs left blank; "" where it is one plain record."""
    spec = catalog.tables["contracts"]
    alone = [recognise(spec, {i: text}, {}, catalog).columns for i, text in enumerate(block.labels)]
    for field, column in match.columns.items():
        others = [block.labels[i] for i, fields in enumerate(alone) if field in fields and i != column]
        if others:
            return f"'{block.labels[column]}' and '{others[0]}' both name its {label(field)}"
    needed = {*spec.required, *spec.needed}
    blank = [block.labels[c] for f, c in match.columns.items() if f in needed and block.values[c] in (None, "")]
    return f"'{blank[0]}' is blank" if blank else ""
