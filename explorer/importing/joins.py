"""A CRM's line items exported apart from their deals, read together (catalog [line_items] deal_reference, deal_id).

HubSpot exports deals and line items as two files (Pipedrive: deals and deal products): the deal carries the
customer, stage and close date, the item the product line, its start and term, and the deal's ID. An items table
with no customer column is read as one table with the deals table its references find: each item row takes its
deal's columns, appended on its right, so every finding still names the item's own file, sheet, row and column,
and the items then fold into contracts as line items do (a tier line and its add-on lines of one deal are one
contract). The sheets are held while the book's files are read (the deals may come in a later file), then joined.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from explorer.catalog import Catalog, fold
from explorer.importing.headers import variants
from explorer.importing.readers import RawSheet, iter_sheets
from explorer.importing.tables import TableMatch
from explorer.importing.values import cell_text
from explorer.model import Finding, Severity, Source


@dataclass
class _Held:
    sheet: RawSheet
    header: int  # 0-based row of the header
    key: int  # the deal reference column (items) or the deal ID column (deals)


@dataclass
class Joiner:
    """Holds the sheets that may join while the files are read; ``joined`` pairs them once all are read."""

    catalog: Catalog | None  # None: holds nothing (a case log's sheets, a file read on its own)
    items: list[_Held] = field(default_factory=list)
    deals: list[_Held] = field(default_factory=list)

    def holds(self, sheet: RawSheet, tables: list[TableMatch], blocks: Sequence[object] = (), kinds: object = None) -> bool:
        """Whether a contract file's sheet is held: items naming a deal and no customer, or deals with a customer,
        where no table was read from it (or only one whose customer is its 'Name' title column: HubSpot's item name).
        ``kinds``: the tables the file is read for (a case log's: none held)."""
        titled = all(m.kind == "contracts" and getattr(m.guesses.get("customer"), "how", "") == "title" for m in tables)
        if self.catalog is None or blocks or kinds is not None or not titled:
            return False
        catalog = self.catalog
        header = next((i for i, r in enumerate(sheet.rows[:30]) if sum(bool(cell_text(c)) for c in r) >= 2), None)
        if header is None:
            return False
        heads = [{fold(v) for v in variants(cell_text(c))} for c in sheet.rows[header]]
        customer = {fold(w) for w in catalog.tables["contracts"].fields["customer"]}
        has_customer = any(h & customer for h in heads)
        words = catalog.deal_ids if has_customer else catalog.deal_references
        # items reference a deal by its ID ('Associated Deal IDs' before a bare 'Record ID' of the item's own)
        key = min(
            (i for i, h in enumerate(heads) if h & words),
            key=lambda i: 0 if has_customer or heads[i] & (catalog.deal_references - catalog.deal_ids) else 1,
            default=None,
        )
        if key is None:
            return False
        (self.deals if has_customer else self.items).append(_Held(sheet, header, key))
        return True

    def held_from(self, path: Path) -> bool:
        return any(h.sheet.file == str(path) for h in (*self.items, *self.deals))

    def joined(self, findings: list[Finding]) -> dict[str, list[RawSheet]]:
        """File -> its sheets to read now: each items sheet joined with its deals, and every sheet that joined
        nothing as it was (read as before, with its warnings). A deal no item names, and an item whose deal is not
        found, are each a warning naming its row."""
        out: dict[str, list[RawSheet]] = {}
        used: set[int] = set()
        for items in self.items:
            refs = {r: _ids(items.sheet.rows[r], items.key) for r in range(items.header + 1, len(items.sheet.rows))}
            refs = {r: ids for r, ids in refs.items() if any(cell_text(c) for c in items.sheet.rows[r])}
            best = max(self.deals, key=lambda d: _matches(refs, _index(d)), default=None)
            if best is None or not _matches(refs, _index(best)):
                out.setdefault(items.sheet.file, []).append(items.sheet)
                continue
            used.add(id(best))
            out.setdefault(items.sheet.file, []).append(_join(items, best, refs, findings))
        for deals in self.deals:
            if id(deals) not in used:
                out.setdefault(deals.sheet.file, []).append(deals.sheet)
        return out


def _ids(row: list[object], column: int) -> list[str]:
    """The deal IDs a reference cell holds: one, or several split by ';' or ',' (a line on several deals)."""
    text = cell_text(row[column]) if column < len(row) else ""
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


def _index(deals: _Held) -> dict[str, int]:
    """Deal ID -> its 0-based row (the first, where an ID is written twice)."""
    rows = deals.sheet.rows
    out: dict[str, int] = {}
    for r in range(deals.header + 1, len(rows)):
        if ids := _ids(rows[r], deals.key):
            out.setdefault(ids[0], r)
    return out


def _matches(refs: dict[int, list[str]], index: dict[str, int]) -> int:
    return sum(1 for ids in refs.values() if len(ids) == 1 and ids[0] in index)


def _join(items: _Held, deals: _Held, refs: dict[int, list[str]], findings: list[Finding]) -> RawSheet:
    """The items sheet with each row's deal's columns appended (the deal's ID and columns the items head too left
    out); the findings for the join, the items whose deal is not found and the deals no item names."""
    index = _index(deals)
    own = {fold(cell_text(c)) for c in items.sheet.rows[items.header]}
    head = deals.sheet.rows[deals.header]
    taken = [c for c in range(len(head)) if c != deals.key and cell_text(head[c]) and fold(cell_text(head[c])) not in own]
    width = max(len(r) for r in items.sheet.rows[items.header :])
    item_file, deal_file = Path(items.sheet.file).name, Path(deals.sheet.file).name
    ref_head = cell_text(items.sheet.rows[items.header][items.key])
    rows: list[list[object]] = []
    named: set[int] = set()
    for r, row in enumerate(items.sheet.rows):
        padded = [*row, *[None] * (width - len(row))]
        if r < items.header:
            rows.append(list(row))
            continue
        if r == items.header:
            rows.append(padded + [head[c] for c in taken])
            continue
        ids = refs.get(r, [])
        deal = index.get(ids[0]) if len(ids) == 1 else None
        if deal is None and r in refs:
            said = (
                f"Line item's deal {', '.join(repr(i) for i in ids)} is not in {deal_file}" if ids else "Line item names no deal"
            )
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"{said} (column '{ref_head}'): its customer, stage and other deal columns are blank.",
                    Source(items.sheet.file, items.sheet.name, r + 1, ref_head),
                )
            )
        if deal is not None:
            named.add(deal)
        values = deals.sheet.rows[deal] if deal is not None else []
        rows.append(padded + [values[c] if c < len(values) else None for c in taken])
    joined = sum(1 for ids in refs.values() if len(ids) == 1 and ids[0] in index)
    findings.append(
        Finding(
            Severity.INFO,
            f"Read {joined} line item{'s' if joined != 1 else ''} of {item_file} with their deals in {deal_file} by "
            f"'{ref_head}': each item takes its deal's {', '.join(repr(cell_text(head[c])) for c in taken)}.",
            Source(items.sheet.file, items.sheet.name, items.header + 1, ref_head),
        )
    )
    id_head = cell_text(head[deals.key])
    for deal_row in sorted(set(index.values()) - named):
        deal_id = _ids(deals.sheet.rows[deal_row], deals.key)[0]
        findings.append(
            Finding(
                Severity.WARNING,
                f"Deal {deal_id!r} has no line item in {item_file}: no contract is read from it.",
                Source(deals.sheet.file, deals.sheet.name, deal_row + 1, id_head),
            )
        )
    return replace(items.sheet, rows=rows)


NO_JOIN = Joiner(None)


def sheets_of(path: Path, given: Iterable[RawSheet] | None) -> Iterable[RawSheet]:
    """The sheets to read of a file: those given (held, then joined), else the file's own."""
    return iter_sheets(path) if given is None else given
