"""A CRM's line items exported apart from their deals, read together (catalog [line_items] deal_reference, deal_id).

HubSpot exports deals and line items as two files (Pipedrive: deals and deal products): the deal carries the
customer, stage and close date, the item the product line, its start and term, and the deal's ID. An items table
with no customer column is read as one table with the deals table its references find: each item row takes its
deal's columns, appended on its right, so every finding still names the item's own file, sheet, row and column,
and the items then fold into contracts as line items do (a tier line and its add-on lines of one deal are one
contract). The sheets are held while the book's files are read (the deals may come in a later file), then joined.

An accounts sheet beside the contracts ('Customer | Region | Country | Time Zone | Account Owner', one row per
customer, no product) is no contract table: it is held as a lookup, and once every file is read (accounts_onto) each
contract row of a customer it lists takes its time zone, country, state, region and owner where the row's own cells
are blank. Its customers match the contracts' as a case log's do (spelling.spelled_alike: 'SPELLING CO.' is Spelling
Co). A row's own value wins; one that disagrees with the account's is a warning; a row whose own place disagrees
with the account's takes no region from it either (a region goes with its place). Other columns (a 'Customer
Since') are not applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from explorer.catalog import Catalog, fold
from explorer.importing import places
from explorer.importing.borrowed_place import unsaid_warnings
from explorer.importing.headers import variants
from explorer.importing.kept import OWNER
from explorer.importing.readers import RawSheet, iter_sheets
from explorer.importing.spelling import spelled_alike
from explorer.importing.tables import TableMatch
from explorer.importing.values import cell_text
from explorer.model import Contract, Finding, Severity, Source, Unsaid, customer_key
from explorer.sla.subdivisions import resolve_subdivision, subdivision_of_zone

PLACE_FIELDS = ("time_zone", "country", "subdivision", "region")  # an accounts sheet's columns read onto contracts
NAMED = 10  # accounts rows the accounts info names (read as another spelling, or with no contract row)


@dataclass
class _Held:
    sheet: RawSheet
    header: int  # 0-based row of the header
    key: int  # the deal reference column (items) or the deal ID column (deals), or the customer (accounts)
    columns: dict[str, int] = field(default_factory=dict)  # accounts: field (PLACE_FIELDS, "owner") -> column


@dataclass
class Joiner:
    """Holds the sheets that may join while the files are read; ``joined`` pairs them once all are read."""

    catalog: Catalog | None  # None: holds nothing (a case log's sheets, a file read on its own)
    items: list[_Held] = field(default_factory=list)
    deals: list[_Held] = field(default_factory=list)
    accounts: list[_Held] = field(default_factory=list)

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
            return not tables and has_customer and self._accounts(sheet, header, heads)
        (self.deals if has_customer else self.items).append(_Held(sheet, header, key))
        return True

    def _accounts(self, sheet: RawSheet, header: int, heads: list[set[str]]) -> bool:
        """Whether a sheet no table was read from is a list of accounts (a customer column and a time zone, country
        or region, no product or tier), held as one (accounts_onto); else False."""
        assert self.catalog is not None
        spec = self.catalog.tables["contracts"]

        def column(name: str, words: Iterable[str]) -> int | None:
            folded = {fold(w) for w in words}
            return next((i for i, h in enumerate(heads) if h & folded), None)

        if any(column(f, spec.fields[f]) is not None for f in ("product", "program") if f in spec.fields):
            return False
        columns = {f: c for f in PLACE_FIELDS if f in spec.fields and (c := column(f, spec.fields[f])) is not None}
        customer = column("customer", spec.fields["customer"])
        if not columns or customer is None:
            return False
        if (owner := column("owner", self.catalog.settings.owner_columns)) is not None:
            columns["owner"] = owner
        self.accounts.append(_Held(sheet, header, customer, columns))
        return True

    def held_from(self, path: Path) -> bool:
        return any(h.sheet.file == str(path) for h in (*self.items, *self.deals, *self.accounts))

    def accounts_from(self, path: Path) -> list[tuple[str, int]]:
        """(sheet, rows) of each accounts sheet held from the file, for the no-contract error."""
        return [(h.sheet.name, len(_account_rows(h))) for h in self.accounts if h.sheet.file == str(path)]

    def accounts_onto(self, contracts: list[Contract], findings: list[Finding]) -> list[Contract]:
        """``contracts`` with each row of a customer an accounts sheet lists taking the account's place (time zone,
        country, state: where the row gives none of them), region and owner where its own are blank; one info per
        sheet says what was filled from where, a row whose own value disagrees is a warning (its own is kept)."""
        if self.catalog is None or not self.accounts:
            return contracts
        out = contracts
        for held in self.accounts:
            out = _onto(held, out, findings, self.catalog)
        return out

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


def _account_rows(held: _Held) -> dict[str, tuple[int, dict[str, str]]]:
    """Customer key -> (0-based row, field -> text) of an accounts sheet: the first row of a customer listed twice."""
    out: dict[str, tuple[int, dict[str, str]]] = {}
    rows = held.sheet.rows
    for r, name in _account_names(held).items():
        row = rows[r]
        out.setdefault(customer_key(name), (r, {f: cell_text(row[c]) if c < len(row) else "" for f, c in held.columns.items()}))
    return out


def _account_names(held: _Held) -> dict[int, str]:
    """0-based row -> the customer as the accounts sheet writes it, for each row that names one."""
    rows = held.sheet.rows
    names = {r: cell_text(rows[r][held.key]) if held.key < len(rows[r]) else "" for r in range(held.header + 1, len(rows))}
    return {r: name for r, name in names.items() if name}


def _by_customer(
    held: _Held, accounts: dict[str, tuple[int, dict[str, str]]], contracts: list[Contract], catalog: Catalog
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(contract customer key -> the account key it takes, account key -> the contract customer it was read as where
    the sheet spells it otherwise, account key -> what could_be_said of one it could not place). An account whose
    name no contract row writes is matched as a case log's customer is (spelling.spelled_alike, domain.md section 9):
    'SPELLING CO.' is Spelling Co; a customer with an account row of its own spelling keeps that one."""
    keys = {customer_key(c.customer) for c in contracts}
    onto = {key: key for key in accounts if key in keys}
    names = {customer_key(name): name for name in reversed(_account_names(held).values())}  # the first row's spelling
    found, could, _ = spelled_alike((names[k] for k in accounts if k not in keys), contracts, catalog)
    read_as: dict[str, str] = {}
    for written, customer in found.items():
        if (key := customer_key(customer)) not in onto:
            onto[key] = customer_key(written)
            read_as[customer_key(written)] = customer
    return onto, read_as, could


def _account_place(values: dict[str, str], catalog: Catalog) -> tuple[str, str, str] | None:
    """(zone, country, state) an account's row says, as a contract row's would read (domain.md section 7), or None
    where it says no zone or country that reads."""
    country = places.parse_country(values.get("country", ""))[0] if values.get("country") else None
    zone = places.parse_timezone(values["time_zone"], catalog, country)[0] if values.get("time_zone") else None
    if zone is None and country:
        zone = places.zone_of_country(country, catalog)
    if zone is None:
        return None
    country = country or places.country_of_zone(zone) or ""
    state = resolve_subdivision(country, values["subdivision"], catalog)[0] if values.get("subdivision") and country else ""
    return zone, country, state or (subdivision_of_zone(zone, country, catalog) if country else "")


@dataclass
class _Fill:
    """What one accounts sheet gave while it is applied: the account's row, its columns' headers, the default-zone and
    no-region warnings a filled row withdraws (by Unsaid, found once), and what was filled, for its info."""

    held: _Held
    catalog: Catalog
    findings: list[Finding]
    header: dict[str, str] = field(default_factory=dict)  # field -> its header as the sheet writes it
    defaults: dict[tuple[Source, str], int] = field(default_factory=dict)  # (row, customer) -> its default-zone warning
    no_region: dict[tuple[Source, str, str], int] = field(default_factory=dict)  # (row, customer, product) -> warning
    withdrawn: set[int] = field(default_factory=set)
    filled: dict[str, int] = field(default_factory=dict)  # what was filled -> rows

    def count(self, what: str) -> None:
        self.filled[what] = self.filled.get(what, 0) + 1


def _onto(held: _Held, contracts: list[Contract], findings: list[Finding], catalog: Catalog) -> list[Contract]:
    """``contracts`` with the accounts sheet's place, region and owner filled where a row's own are blank (a clash
    is a warning); the warnings a filled row no longer needs withdrawn; one info saying what the sheet gave."""
    accounts = _account_rows(held)
    heads = held.sheet.rows[held.header]
    fill = _Fill(held, catalog, findings, {f: cell_text(heads[c]) for f, c in held.columns.items()})
    fill.defaults = {(source, who): i for (source, who, _), i in unsaid_warnings(findings, Unsaid.TIME_ZONE).items()}
    fill.no_region = unsaid_warnings(findings, Unsaid.REGION)
    onto, read_as, could = _by_customer(held, accounts, contracts, catalog)
    used: set[str] = set()
    out: list[Contract] = []
    for c in contracts:
        key = onto.get(customer_key(c.customer))
        if key is None:
            out.append(c)
            continue
        used.add(key)
        r, values = accounts[key]
        where = Source(held.sheet.file, held.sheet.name, r + 1)
        place, clashed = _place_onto(c, values, where, fill)
        changes = {
            **place,
            **({} if clashed else _region_onto(c, values, where, fill)),
            **_owner_onto(c, values, where, fill),
        }
        out.append(replace(c, **changes) if changes else c)  # type: ignore[arg-type]
    findings[:] = [f for i, f in enumerate(findings) if i not in fill.withdrawn]
    rows = {customer_key(name): (r, name) for r, name in reversed(_account_names(held).items())}
    spelled = [(*rows[k], read_as[k]) for k in read_as if k in used]
    unused = [(*rows[k], could.get(k, "")) for k in accounts if k not in used]
    findings.append(_accounts_read(fill, sorted(spelled), sorted(unused)))
    return out


def _place_onto(c: Contract, values: dict[str, str], where: Source, fill: _Fill) -> tuple[dict[str, object], bool]:
    """(the account's zone, country and state for a row that gives none, its default-zone warning withdrawn; whether
    the row's own place disagrees with the account's). A row's own place (any of zone, country, state) is the row's:
    its own zone where both give one and they differ, else its country (its own, or its zone's) where the account's
    is another, is a warning naming the account's row, and the account's region is not filled (it goes with its
    place: domain.md sections 7 and 8)."""
    place = _account_place(values, fill.catalog)
    if place is None:
        return {}, False
    zone, country, state = place
    if not c.place_unsaid:
        column = "country" if c.zone_unsaid else "time_zone"
        own = c.country if c.zone_unsaid else c.time_zone
        if not c.zone_unsaid and values.get("time_zone") and zone != c.time_zone:
            said = zone
        elif c.country and country != c.country:
            said = values.get("country") or zone
        else:
            return {}, False
        region = values.get("region", "") if not c.region.strip() else ""
        head = fill.header.get(column) or {"country": "Country", "time_zone": "Time Zone"}[column]
        fill.findings.append(_clash(c, head, own, said, where, region))
        return {}, True
    fill.count("time zone" if values.get("time_zone") else "country (its zone)")
    if (at := fill.defaults.get((c.source, c.customer))) is not None:
        if values.get("time_zone"):
            fill.withdrawn.add(at)
        else:  # a zone worked out from the account's country is as much a guess as the row's own country's: said so
            said = f"{places.country_zone_words(country)}; the country is {where.describe()}'s"
            fill.findings[at] = replace(fill.findings[at], message=f"No time zone is given; {zone} ({said}) is used.")
    return {
        "time_zone": zone,
        "country": country,
        "subdivision": state,
        "place_unsaid": False,
        "zone_unsaid": not values.get("time_zone"),
    }, False


def _region_onto(c: Contract, values: dict[str, str], where: Source, fill: _Fill) -> dict[str, object]:
    """The account's region for a row with none (its no-region warning withdrawn); a row's own region that is
    another region as the catalog reads them ('NA' and 'Americas' are both AMER: no clash) is a warning."""
    region = values.get("region", "")
    if not region:
        return {}
    if c.region.strip():
        reads = fill.catalog.region_for
        if fold(reads(region)) != fold(reads(c.region)):
            fill.findings.append(_clash(c, fill.header["region"], c.region, region, where))
        return {}
    fill.count("region")
    if (gone := fill.no_region.get((c.source, c.customer, c.product or ""))) is not None:
        fill.withdrawn.add(gone)
    return {"region": region}


def _owner_onto(c: Contract, values: dict[str, str], where: Source, fill: _Fill) -> dict[str, object]:
    """The account's owner for a row that names none; a row's own owner that is another person is a warning."""
    owner = values.get("owner", "")
    own = [v.strip() for _, v in OWNER.named(c.extra, fill.catalog) if v.strip()]
    if not owner:
        return {}
    if own:
        if fold(owner) not in {fold(o) for o in own}:
            fill.findings.append(_clash(c, fill.header["owner"], own[0], owner, where))
        return {}
    fill.count("owner")
    column = fill.header["owner"]
    return {"extra": {**{k: v for k, v in c.extra.items() if k != column}, column: owner}}


def _accounts_read(fill: _Fill, spelled: list[tuple[int, str, str]], unused: list[tuple[int, str, str]]) -> Finding:
    """The info saying an accounts sheet was read as one, what it gave, which of its columns were not applied, the
    rows it read as a customer the contracts spell otherwise ((0-based row, name, customer)) and the rows of
    customers with no contract row ((0-based row, name, what they could be))."""
    held, heads = fill.held, fill.held.sheet.rows[fill.held.header]
    what = ", ".join(f"{n} row{'s' if n != 1 else ''} their {w}" for w, n in fill.filled.items()) or "no row a value"
    read = {held.key, *held.columns.values()}
    left = [cell_text(h) for i, h in enumerate(heads) if cell_text(h) and i not in read]
    sheet = held.sheet.name

    def listed(rows: list[str]) -> str:
        more = f" and {len(rows) - NAMED} more" if len(rows) > NAMED else ""
        return "; ".join(rows[:NAMED]) + more

    as_read = [f"'{name}' ({sheet}, row {r + 1}) as {customer}" for r, name, customer in spelled]
    none = [f"'{name}' ({sheet}, row {r + 1}{f'; {could}' if could else ''})" for r, name, could in unused]
    said = (
        f"Sheet '{sheet}' is read as a list of accounts (one row per customer, by '{cell_text(heads[held.key])}'), "
        f"not as contracts: it gave {what}, where the contract row's own cells are blank; a row's own value is kept."
        + (f" Not applied: {', '.join(repr(h) for h in left)}." if left else "")
        + (
            f" Read as the customer the contracts spell otherwise (the name differs only in punctuation, accents, a "
            f"legal suffix or a region): {listed(as_read)}."
            if as_read
            else ""
        )
        + (
            f" {len(none)} of its customers {'have' if len(none) != 1 else 'has'} no contract row, so "
            f"{'they give' if len(none) != 1 else 'it gives'} nothing: {listed(none)}."
            if none
            else ""
        )
    )
    return Finding(Severity.INFO, said, Source(held.sheet.file, held.sheet.name, held.header + 1))


def _clash(c: Contract, column: str, own: str, account: str, where: Source, region: str = "") -> Finding:
    """The warning for a row whose own ``column`` disagrees with its account's; ``region``: the account's region that
    is therefore not filled (it goes with the account's place)."""
    unfilled = f"; its Region {region} is not taken either (a region goes with its place)" if region else ""
    return Finding(
        Severity.WARNING,
        f"The row's {column} is {own}, but {where.describe()} says {account} for {c.customer}: the row's own is used{unfilled}.",
        c.source,
        column,
        c.customer,
        c.product or "",
    )
