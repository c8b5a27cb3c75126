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
from explorer.importing.headers import label, recognise, spelled
from explorer.importing.kept import STATUS
from explorer.importing.readers import Cell, RawSheet
from explorer.importing.tables import NearMiss, SavedLookup, TableMatch, find_tables, header_text, is_filled
from explorer.importing.values import cell_text
from explorer.model import Finding, Severity, Source

MAX_ROWS = 200  # rows of one block read: a longer run of label-value rows is a list, its first rows looked at
MIN_PAIRS = 3  # label-value rows that make a block (two are as likely a note beside a figure)
BESIDE = 8  # blocks side by side looked for, one pass each
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
    held: tuple[tuple[int, str], ...] = ()  # (index in labels, what the empty value cell holds): a formula, an error
    struck: tuple[int, ...] = ()  # 1-based rows struck through inside the block: deleted, none of its fields
    lines: tuple[int, ...] = ()  # the 1-based row of each label
    stop: int = 0  # the 0-based column its cells end before: a table may stand beside it, past an empty column

    def line(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.first + index


@dataclass(frozen=True)
class BlockRead:
    """A block and what it was found to be: a contracts table over ``sheet`` (the block as a header and a record)
    where it reads as one contract, else None and, for a block that looks like one, ``why`` it is not read."""

    block: Block
    sheet: RawSheet
    match: TableMatch | None
    why: str = ""


def _pair(row: list[Cell]) -> tuple[int, str, Cell, int] | None:
    """(label column, label, value, the column after the value) of a row holding a text label and at most one value
    right of it (a value merged over several cells counts once), and past an empty cell perhaps a table's row beside
    it; None for any other row, known at the first cell that breaks the shape."""
    if len(row) > 2 and is_filled(row[2]) and is_filled(row[1]) and row[1] != row[2] and is_filled(row[0]):
        return None  # a table's row, the most a sheet has: known at once
    first, last, value = -1, -1, None
    for i, cell in enumerate(row):
        if not is_filled(cell):
            continue
        if first < 0:
            if not isinstance(cell, str) or not header_text(cell):
                return None
            first = last = i
            continue
        if i > last + 1 and last > first:  # an empty cell after the value: what follows stands beside the block
            break
        if i != last + 1 or (i > first + 1 and cell != value):
            return None
        value, last = cell if i == first + 1 else value, i
    return (first, header_text(row[first]).rstrip(":").strip(), value, last + 1) if first >= 0 else None


def _struck_row(row: list[Cell], struck: set[int]) -> bool:
    """A row deleted by striking it through: every filled cell, or its label, struck."""
    filled = [i for i, c in enumerate(row) if is_filled(c)]
    return bool(filled) and (filled[0] in struck or set(filled) <= struck)


def blocks(sheet: RawSheet) -> list[Block]:
    """The sheet's label-value blocks, wherever they start: runs of at least MIN_PAIRS rows with a value beside a
    label in one column (a label alone inside a run is a field left blank, or one whose cell holds a formula saved
    without its value or an Excel error; at the run's end, a title of what follows). A struck-through row inside a
    run is deleted. One pass over the rows, each left at its third filled cell; a block is read to MAX_ROWS rows,
    the rest of its run passed over."""
    out: list[Block] = []
    run: list[tuple[int, str, Cell]] = []  # (0-based row, label, value); the value None for a label alone
    crossed: list[int] = []  # 0-based rows of the run struck through
    column, spent = -1, -1  # spent: the column of a block cut at MAX_ROWS, the rest of its run passed over
    valued = -1  # the 0-based row of the run's first value: a block's MAX_ROWS are counted from it
    reach = 0  # the column after the run's widest value
    struck = sheet.struck()

    def close() -> bool:
        nonlocal valued, reach
        valued = -1
        held = {}
        if len(run) >= MIN_PAIRS:
            held = {r: h for r, _, v in run if v is None and (h := sheet.uncalculated(r + 1, column + 1)) is not None}
        kept = [i for i, (r, _, v) in enumerate(run) if v is not None or r in held]
        if len(kept) >= MIN_PAIRS:
            rows = run[kept[0] : kept[-1] + 1]  # the titles above and below it left out
            gone = tuple(r + 1 for r in crossed if r > rows[0][0])
            out.append(
                Block(
                    rows[0][0] + 1,
                    max((rows[-1][0] + 1, *gone)),
                    column,
                    tuple(label for _, label, _ in rows),
                    tuple(value for _, _, value in rows),
                    tuple((i, held[r]) for i, (r, _, _) in enumerate(rows) if r in held),
                    gone,
                    tuple(r + 1 for r, _, _ in rows),
                    reach,
                )
            )
        reach = 0
        run.clear()
        crossed.clear()
        return len(kept) >= MIN_PAIRS

    rows = sheet.rows
    for index in range(len(rows) + 1):
        row = rows[index] if index < len(rows) else []
        if index + 1 in struck and _struck_row(row, struck[index + 1]):
            crossed.extend([index] if run else [])
            continue
        pair = _pair(row)
        if pair is not None and pair[0] == spent:
            continue
        spent = -1
        if run and (pair is None or pair[0] != column):
            close()
        if pair is None:
            continue
        column = pair[0]
        ahead = _pair(rows[index + 1]) if pair[2] is None and not run and index + 1 < len(rows) else None
        if run or pair[2] is not None or (ahead is not None and ahead[0] == column):
            run.append((index, pair[1], pair[2]))
            reach = max(reach, pair[3])
            valued = index if valued < 0 and pair[2] is not None else valued
        if valued < 0 and len(run) > MAX_ROWS:  # a list of labels alone: only the last few may head a block
            del run[0]
        elif valued >= 0 and index - valued + 1 >= MAX_ROWS and close():
            spent = column
    return out


def as_table(sheet: RawSheet, block: Block) -> RawSheet:
    """The block as a header row and one record, the record on the block's first row (so its findings name a row of
    the block; its second where the block starts the sheet), the header on the row above; the other rows blank.
    A value cell holding a formula saved without its value or an Excel error is said to hold it, as a table's
    cell is; the block's struck rows are not in it."""
    at = max(block.first - 1, 1)  # the record's 0-based row
    rows: list[list[Cell]] = [[] for _ in range(at - 1)]
    rows += [list(block.labels), [v if v is not None else "" for v in block.values]]
    held = {(at + 1, i): text for i, text in block.held}  # said of the record's cell as of a table's
    return replace(sheet, rows=rows, hidden_rows=(), merged=0, _formulas=held, _struck={})


def without_blocks(sheet: RawSheet, read: list[Block]) -> RawSheet:
    """The sheet with the cells of the blocks read emptied, for its other tables (a contacts list below, a table
    beside) to be found."""
    if not read:
        return sheet
    spans: dict[int, list[tuple[int, int]]] = {}
    for b in read:
        for i in range(b.first - 1, b.last):
            spans.setdefault(i, []).append((b.column, b.stop))
    rows = [_emptied(r, spans[i]) if i in spans else r for i, r in enumerate(sheet.rows)]
    return replace(sheet, rows=rows)


def _emptied(row: list[Cell], spans: list[tuple[int, int]]) -> list[Cell]:
    out = list(row)
    for start, stop in spans:
        out[start:stop] = [""] * len(out[start:stop])
    return out


def read_blocks(sheet: RawSheet, catalog: Catalog, saved: SavedLookup | None) -> list[BlockRead]:
    """Each block of the sheet and the contract it reads as, where it is one plain record of a contract; for one
    that looks like a contract (a customer, and a tier or a term date), why it is not read. Blocks side by side
    (an account plan per column pair): the ones read are emptied and the sheet looked at again, a few times."""
    out: list[BlockRead] = []
    seen: set[tuple[int, int]] = set()
    for _ in range(BESIDE):
        found = [b for b in _read_blocks(sheet, catalog, saved) if (b.block.first, b.block.column) not in seen]
        out += found
        seen |= {(b.block.first, b.block.column) for b in found}
        read = [b.block for b in found if b.match is not None]
        if not read:
            break
        sheet = without_blocks(sheet, read)
    return sorted(out, key=lambda b: (b.block.first, b.block.column))


def _read_blocks(sheet: RawSheet, catalog: Catalog, saved: SavedLookup | None) -> list[BlockRead]:
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
            rows = "a row for it" if near is None or len(near.missing) < 2 else "a row for each"
            out.append(BlockRead(block, turned, None, f"it has no label for {missing}: add {rows}, label beside value"))
        elif why := _ambiguous(block, match, catalog):
            out.append(BlockRead(block, turned, None, why))
        else:
            out.append(BlockRead(block, turned, match))
    return out


def not_read(sheet: RawSheet, catalog: Catalog) -> str | None:
    """Where the sheet holds a block like a contract that is not read (read_blocks): its rows and why, as a clause
    (the advice for the sheet: turning it or mapping its columns would not help); else None."""
    unread = next((b for b in read_blocks(sheet, catalog, None) if b.match is None), None)
    if unread is None:
        return None
    block = unread.block
    return f"rows {block.first}\u2013{block.last} hold a contract written down a column, not read as one: {unread.why}"


def _ambiguous(block: Block, match: TableMatch, catalog: Catalog) -> str:
    """Why a block's one record may not be the contract it looks like, and what to do: two records with no blank row
    between them, a field labelled twice (two customers, two tiers), or a field the contract needs left blank; ""
    where it is one plain record."""
    spec = catalog.tables["contracts"]
    alone = [recognise(spec, {i: text}, {}, catalog).columns for i, text in enumerate(block.labels)]
    again = next((j for j in range(2, len(alone) - 1) if alone[0] and set(alone[j]) == set(alone[0])), None)
    if again is not None:  # 'Customer' again below a whole record
        return (
            f"row {block.line(again)} '{block.labels[again]}' starts a second record right below the first: leave a "
            "blank row between the two, so each is read as a contract of its own"
        )
    for field, column in match.columns.items():
        others = [block.labels[i] for i, fields in enumerate(alone) if field in fields and i != column]
        if others:
            return (
                f"'{block.labels[column]}' and '{others[0]}' both name its {label(field)}: keep one of the two rows "
                "(delete the other, or give it a label of its own)"
            )
    needed = {*spec.required, *spec.needed}
    held = {i for i, _ in block.held}
    blank = [
        block.labels[c] for f, c in match.columns.items() if f in needed and c not in held and not is_filled(block.values[c])
    ]
    return f"'{blank[0]}' is blank: write its value beside it" if blank else ""


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
    statuses = {k for h in (*labels, *near.headers) if (k := STATUS.spelling(h, catalog))}
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
    if any(spelled(n, spec.by_values.get("term_months", frozenset())) for n in names):  # 'Subscription Term | 12 months'
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
