"""One record written down a column, each label beside its value: the block an account plan keeps at the top of
a sheet per customer (Customer | Contoso, Support Tier | Premier Plus, Contract Start | ...), often with the
customer's contacts as a table below it.

The block is turned into a header row and one record, and found as a table as any other (find_tables), so its
labels are recognised by the catalog's spellings and a saved mapping as a header row's would be. Only a block of
one record is turned: a sheet with a record per column is a table laid out sideways (sheet_shapes.turned_table).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from explorer.catalog import Catalog, fold
from explorer.importing.headers import label, recognise
from explorer.importing.readers import Cell, RawSheet
from explorer.importing.tables import NearMiss, SavedLookup, TableMatch, find_tables, header_text, is_filled
from explorer.importing.values import cell_text
from explorer.model import Finding, Severity, Source

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
        if match is not None and fold(cell_text(block.values[match.columns["customer"]])) in catalog.filter_all:
            continue  # a report's filters above its table ("Customer: All accounts"), no customer's contract
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


@dataclass(frozen=True)
class ItemsBelow:
    """An order form's or quote's line items with its header block's fields written on each item row."""

    sheet: RawSheet  # the block's rows emptied, its fields as columns right of the items
    block: Block
    given: tuple[int, ...]  # the block's rows (0-based in the block) each item takes
    own: tuple[int, ...]  # the block's rows left to a column of the items' own (their Start Date over its)
    title: str = ""  # where the block has no status: the title or sheet name calling it a draft quote
    found: frozenset[str] = frozenset()  # the contract fields the items and the block give, as far as labels tell
    header_row: int = 0  # the items' (1-based)


DRAFT_LABEL = "Quote Status"  # the status a draft quote's title gives its items, read as any Quote Status


def items_below(sheet: RawSheet, catalog: Catalog, saved: SavedLookup | None) -> ItemsBelow | None:
    """An order form or quote (a CPQ's export, a reseller's form): a label-value header block (Customer or Bill To,
    Order Start, Term, Status) above a table of line items with no customer column (SKU | Product | Quantity | Net
    Price ...). The sheet with the block's fields written on each item row, in columns at its right, so the items
    read as the lines of one contract (line_items); a field the items give in a column of their own is theirs. A
    block with no status takes Draft from a title or sheet name calling it a draft quote. None for any other sheet."""
    spec = catalog.tables["contracts"]
    for block in reversed(blocks(sheet)):
        fields = [set(recognise(spec, {0: text}, {}, catalog).columns) for text in block.labels]
        labels = list(block.labels)
        if not any("customer" in f for f in fields):  # "Bill To": the order's customer, never a table's column
            named = [i for i, text in enumerate(labels) if fold(text) in catalog.order_customer_labels]
            if not named:
                continue
            labels[named[0]], fields[named[0]] = "Customer", {"customer"}
        tables, near = find_tables(without_blocks(sheet, [block]), catalog, ("contracts",), saved)
        if tables or near is None or near.row <= block.last or "customer" not in near.missing or "product" not in near.found:
            return None
        return _written_on_items(sheet, block, labels, fields, near, catalog)
    return None


def _written_on_items(
    sheet: RawSheet, block: Block, labels: list[str], fields: list[set[str]], near: NearMiss, catalog: Catalog
) -> ItemsBelow:
    """The sheet with the block's fields (``labels``, each naming ``fields``) written on each item row of ``near``."""
    spec, words = catalog.tables["contracts"], catalog.term_status
    headers = {fold(h) for h in near.headers}
    filled = [i for i, v in enumerate(block.values) if is_filled(v)]
    own = tuple(i for i in filled if fields[i] & set(near.found) or fold(labels[i]) in headers)
    given = tuple(i for i in filled if i not in own)
    names = [labels[i] for i in given]
    values = [_first_line(block.values[i]) if "customer" in fields[i] else block.values[i] for i in given]
    title = ""
    statuses = {words.key(h) for h in (*labels, *near.headers)} & words.columns
    above = (cell_text(c) for r in sheet.rows[: block.first - 1] for c in r if isinstance(c, str))
    titles = " ".join(dict.fromkeys(t for t in above if t))  # a merged title is carried across its cells: once
    if not statuses and words.draft_quote(f"{titles} {sheet.name}"):
        title = titles or sheet.name
        names.append(DRAFT_LABEL)
        values.append("Draft")
    header, width = near.row - 1, max((len(r) for r in sheet.rows), default=0)
    rows: list[list[Cell]] = []
    for i, row in enumerate(sheet.rows):
        padded = [*row, *[None] * (width - len(row))]
        if block.first - 1 <= i < block.last:
            rows.append([])
        elif i == header:
            rows.append([*padded, *names])
        else:
            rows.append([*padded, *values] if i > header and _item(padded, near) else row)
    found = {*near.found, *(f for i in given for f in fields[i])}
    if {fold(n) for n in names} & spec.by_values.get("term_months", frozenset()):  # 'Subscription Term | 12 months'
        found.add("term_months")
    return ItemsBelow(replace(sheet, rows=rows), block, given, own, title, frozenset(found), near.row)


def _first_line(value: Cell) -> Cell:
    """A Bill To's company, the address below it in the same cell set aside."""
    return value.strip().splitlines()[0].strip() if isinstance(value, str) and value.strip() else value


def _item(row: list[Cell], near: NearMiss) -> bool:
    """Whether a row below the items' header is an item: a product or date of its own and a cell beside it (a totals
    line's figures or a footnote are no item: they take none of the block's fields, and read as they would without)."""
    return any(is_filled(row[p]) for p in near.positions.values()) and sum(map(is_filled, row)) >= 2


def lacking(items: ItemsBelow, catalog: Catalog, table: TableMatch | None = None) -> list[str]:
    """The fields a contract needs that neither the items (``table``, as read) nor their header block give."""
    spec = catalog.tables["contracts"]
    found = set(table.columns) if table is not None else set(items.found)
    return [f for f in spec.needed if not spec.met(f, found)]


def what_to_add(items: ItemsBelow, missing: list[str]) -> str:
    """Which rows the block lacks, and where to add them (its rows, or a column to each item)."""
    rows = {"term_start": "'Term Start' (the day the order's term begins)", "term_end": "'Term End' (or 'Term (months)')"}
    block = items.block
    return (
        f"rows {block.first}\u2013{block.last} are the header block of the line items below (header row "
        f"{items.header_row}), whose fields each item takes, but neither gives a {' or '.join(label(m) for m in missing)}: "
        f"add a row {' and a row '.join(rows.get(m, label(m)) for m in missing)} to the block, each label beside its "
        "value, or give each item its own column"
    )


def items_finding(items: ItemsBelow, table: TableMatch, catalog: Catalog) -> Finding:
    """What the items took from their header block, and what they kept of their own; a warning where the two still
    lack a field a contract needs."""
    block = items.block
    given = ", ".join(f"{block.labels[i]} '{cell_text(_first_line(block.values[i]))}'" for i in items.given)
    own = ", ".join(f"'{block.labels[i]}'" for i in items.own)
    said = (
        f"Rows {block.first}\u2013{block.last} of sheet '{items.sheet.name}' are the header block of the line items "
        f"below (header row {table.header_row}): each item is read with its {given}"
    )
    if items.title:
        said += f", and Quote Status 'Draft', as the title '{items.title}' calls it a draft quote"
    if own:
        said += f"; the items' own columns are read over its {own}"
    where = Source(items.sheet.file, items.sheet.name, block.first)
    if missing := lacking(items, catalog, table):
        return Finding(Severity.WARNING, f"{said}. But {what_to_add(items, missing)}.", where)
    return Finding(Severity.INFO, said + ".", where)
