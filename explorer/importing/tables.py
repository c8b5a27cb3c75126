"""Find the tables in a sheet by their header rows, not by the sheet's name.

A sheet can hold several tables: side by side (their header cells separated by
an empty column) or stacked (a blank row, perhaps a title, then the next header).
Title rows and notes above a header are skipped. A header row is one whose cells
name the required fields of a table kind (contracts, contacts, cases, holidays)
through explorer.importing.headers; when it names fields of several kinds, the
kind with the catalog's higher precedence wins (a case export that also carries
account columns is a case log).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from explorer.catalog import Catalog, TableSpec, fold
from explorer.importing.headers import Guess, Recognition, column_kinds, recognise, spelled
from explorer.importing.line_items import LineItem, line_item_for, product_and_tier, product_named, program_named
from explorer.importing.mappings import ColumnMapping
from explorer.importing.places import parse_country, sales_region
from explorer.importing.readers import Cell, RawSheet
from explorer.importing.values import calm, cell_text, parse_yes_no
from explorer.sla.subdivisions import resolve_subdivision

HEADER_SCAN_ROWS = 40  # any of these rows can be the first header; further down, only rows after a blank row
SAMPLE_ROWS = 30  # rows below a header whose values tell a column's type
PRODUCT_SAMPLE = 200  # rows of an unrecognised column looked at before all of it, for product names
WIDE = 1 << 30

# The saved (or given) mapping for a header layout, or None.
SavedLookup = Callable[[tuple[str, ...]], ColumnMapping | None]


@dataclass(frozen=True)
class TableMatch:
    kind: str  # a table id of the catalog
    header_index: int  # 0-based index into RawSheet.rows
    columns: dict[str, int]  # field -> column index
    headers: dict[int, str]  # column index -> header as written, for every non-blank header in the span
    extra: dict[int, str]  # unrecognised columns: index -> header as written
    span: tuple[int, int] = (0, WIDE)  # the table's columns: [start, stop)
    end_index: int = WIDE  # rows[header_index + 1:end_index] is the body
    guesses: dict[str, Guess] = field(default_factory=dict)  # how each field was matched
    suggestions: dict[str, Guess] = field(default_factory=dict)  # weak candidates for unmatched fields
    zones: dict[str, str] = field(default_factory=dict)  # timestamp field -> zone from its header's unit
    notes: tuple[str, ...] = ()  # columns deliberately not used, and why
    saved: bool = False  # the columns come from a saved mapping
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {value as written: its meaning}
    set_aside: tuple[str, ...] = ()  # a tool's bookkeeping columns (catalog [layout] bookkeeping_columns): never read
    line_column: int | None = None  # the column naming each row's line item (tier_by_values): the tier, or kept
    day_first: bool | None = None  # the order a saved mapping states for its nn/nn/yyyy dates (dates = "day first")
    people_columns: tuple[int, ...] = ()  # kept 'Support Contact' columns of people's names (row_contacts.people_by_values)
    mapping_file: str = ""  # the --mapping file the columns come from ("" for one the user saved)

    @property
    def header_row(self) -> int:
        return self.header_index + 1

    @property
    def layout(self) -> tuple[str, ...]:
        """The header cells as written, in order: the key a saved mapping is stored under."""
        return tuple(self.headers[i] for i in sorted(self.headers))

    def body(self, rows: Sequence[Sequence[Cell]]) -> Sequence[Sequence[Cell]]:
        return rows[self.header_index + 1 : min(self.end_index, len(rows))]


@dataclass(frozen=True)
class NearMiss:
    """The row that came closest to a table header, for the warning about a sheet that was not read."""

    row: int  # 1-based
    headers: tuple[str, ...]
    kind: str
    found: tuple[str, ...]
    missing: tuple[str, ...]
    columns: dict[str, str] = field(default_factory=dict)  # field -> header, for the mapping to start from
    positions: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    # field -> (header, % match) of the weaker guesses at columns not read, for the mapping to offer too
    suggested: dict[str, tuple[str, float]] = field(default_factory=dict)


def is_filled(cell: Cell) -> bool:
    """The cell holds something but spaces (a row of none is_blank)."""
    return not (cell is None or (isinstance(cell, str) and not cell.strip()))


def is_blank(row: Sequence[Cell]) -> bool:
    """No cell holds anything but spaces (the first filled cell ends the look: this runs once per row)."""
    for cell in row:
        if cell is None or cell == "":
            continue
        if type(cell) is str and cell.isspace():
            continue
        return False
    return True


def header_text(cell: Cell) -> str:
    """A header cell's text: its words, or a year typed as a number (Excel stores '2024' over a column as 2024)."""
    if isinstance(cell, str):
        return calm(cell.strip())
    if isinstance(cell, float | int) and not isinstance(cell, bool) and float(cell).is_integer() and 1900 <= cell <= 2200:
        return str(int(cell))
    return ""


def _header_cells(row: Sequence[Cell], start: int, stop: int) -> dict[int, str]:
    return {i: text for i, c in enumerate(row[start:stop], start) if (text := header_text(c))}


# A date written as text ('2026-01-31', '31/01/2026', '1.3.26'): a CSV's record holds them, a header row never two
DATE_TEXT = re.compile(r"\s*(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:[ T]\d.*)?\s*")


def _header_like(row: Sequence[Cell]) -> bool:
    dated = sum(1 for c in row if isinstance(c, str) and DATE_TEXT.fullmatch(c))
    texts = sum(1 for c in row if isinstance(c, str) and c.strip()) - dated
    years = sum(1 for c in row if not isinstance(c, str) and header_text(c))
    others = sum(1 for c in row if not isinstance(c, str) and c is not None and c != "") - years + dated
    return texts >= 2 and others <= 1


def _segments(row: Sequence[Cell]) -> list[tuple[int, int]]:
    """Runs of filled cells separated by empty ones: [start, stop) each."""
    out: list[tuple[int, int]] = []
    start = None
    for i, cell in enumerate([*row, ""]):
        filled = cell is not None and cell != "" and not (isinstance(cell, str) and not cell.strip())
        if filled and start is None:
            start = i
        elif not filled and start is not None:
            out.append((start, i))
            start = None
    return out


@dataclass
class _Candidate:
    matches: list[TableMatch]
    score: int


class _Finder:
    def __init__(self, sheet: RawSheet, catalog: Catalog, kinds: Sequence[str] | None, saved: SavedLookup | None):
        self.sheet, self.catalog, self.saved = sheet, catalog, saved
        self.specs = [catalog.tables[k] for k in (kinds or catalog.tables)]
        self.near: NearMiss | None = None
        self.near_score = 0

    def match(self, index: int, start: int, stop: int) -> TableMatch | None:
        """The table whose header is row ``index`` between columns start and stop, or None."""
        rows = self.sheet.rows
        headers = _header_cells(rows[index], start, stop)
        if len(headers) < 2:
            return None
        layout = tuple(headers[i] for i in sorted(headers))
        mapping = self.saved(layout) if self.saved else None
        fixed = None
        if mapping is not None:
            ordered = sorted(headers)
            fixed = {name: ordered[position] for name, position in mapping.positions().items()}
        sample = rows[index + 1 : index + 1 + SAMPLE_ROWS]
        read = {i: h for i, h in headers.items() if not self.catalog.bookkeeping(h)}
        shares = column_kinds(sample, list(read), self.catalog.flag_words, self.catalog)
        best: tuple[tuple[int, int], TableMatch] | None = None
        for spec in self.specs:
            if mapping is not None and mapping.kind != spec.id:
                continue
            found = recognise(spec, read, shares, self.catalog, fixed)
            valid = spec.has_required(found.columns) and len(found.columns) >= spec.min_fields
            valid = valid or spec.id == "contracts" and _tiers_name_products(rows, index, found.columns, self.catalog)
            if not valid:
                self._remember(index, layout, spec, found)
                continue
            decided = not spec.decisive or any(f in found.columns for f in spec.decisive)
            rank = (spec.precedence if decided else 0, len(found.columns))
            if best is None or rank > best[0]:
                used = set(found.columns.values())
                best = (
                    rank,
                    TableMatch(
                        spec.id,
                        index,
                        found.columns,
                        headers,
                        {i: h for i, h in read.items() if i not in used},
                        (start, stop),
                        WIDE,
                        found.guesses,
                        found.suggestions,
                        found.zones,
                        tuple(found.notes),
                        mapping is not None,
                        mapping.values if mapping else {},
                        tuple(h for i, h in headers.items() if i not in read),
                        day_first=mapping.day_first if mapping else None,
                        mapping_file=mapping.origin if mapping else "",
                    ),
                )
        return best[1] if best else None

    def _remember(self, index: int, layout: tuple[str, ...], spec: TableSpec, recognised: Recognition) -> None:
        found = recognised.columns
        if len(found) > self.near_score or self.near is None:
            self.near_score = len(found)
            missing = tuple(r for r in spec.required if r not in found)
            row = self.sheet.rows[index]
            columns = {name: str(row[i]).strip() for name, i in found.items()}
            suggested = {n: (str(row[g.column]).strip(), g.score) for n, g in recognised.suggestions.items()}
            self.near = NearMiss(index + 1, layout, spec.id, tuple(found), missing, columns, dict(found), suggested)

    def row(self, index: int) -> _Candidate | None:
        """The tables whose header is row ``index``: one, or several side by side."""
        row = self.sheet.rows[index]
        if not _header_like(row):
            return None
        whole = self.match(index, 0, WIDE)
        segments = _segments(row)
        if len(segments) > 1:
            parts = [m for m in (self.match(index, a, b) for a, b in segments) if m is not None]
            if len(parts) > 1:  # side by side: each table reaches to the next one's first column
                starts = [0] + [m.span[0] for m in parts[1:]]
                stops = [m.span[0] for m in parts[1:]] + [WIDE]
                widened = [self._respan(m, a, b) for m, a, b in zip(parts, starts, stops, strict=True)]
                return _Candidate(widened, sum(len(m.columns) for m in widened))
        return _Candidate([whole], len(whole.columns)) if whole else None

    def _respan(self, match: TableMatch, start: int, stop: int) -> TableMatch:
        headers = _header_cells(self.sheet.rows[match.header_index], start, stop)
        used = set(match.columns.values())
        extra = {i: h for i, h in headers.items() if i not in used and not self.catalog.bookkeeping(h)}
        aside = tuple(h for h in headers.values() if self.catalog.bookkeeping(h))
        return replace(match, headers=headers, extra=extra, span=(start, stop), end_index=WIDE, set_aside=aside)


def _tiers_name_products(rows: Sequence[Sequence[Cell]], index: int, columns: Mapping[str, int], catalog: Catalog) -> bool:
    """Whether a contracts header lacking only a product column has a tier column naming a product on each filled
    row down to the first blank one (Salesforce's Entitlements report has no product field; its Entitlement Name
    says 'Acme Corp - Okta Premier Plus Support'): each row then reads its product from its tier (product_and_tier). A
    billing export's add-on line (Recurly's 'Dedicated CSE Add-On - Annual') names none, and folds onto its account's
    contract as a line item does."""
    spec = catalog.tables["contracts"]
    tier, customer = columns.get("program"), columns.get("customer")
    if tier is None or customer is None or "product" in columns or not spec.has_required({*columns, "product"}):
        return False
    named = 0
    for row in rows[index + 1 : index + 1 + PRODUCT_SAMPLE]:
        if is_blank(row):
            break
        text = cell_text(row[tier]) if tier < len(row) else ""
        if not text:
            continue
        name = cell_text(row[customer]) if customer < len(row) else ""
        item = line_item_for(catalog, text)  # an add-on's own line (Recurly's 'Dedicated CSE Add-On - Annual') folds
        if product_and_tier(catalog, "", text, name)[0] is None and not (item is not None and item.addon):
            return False
        named += 1
    return named > 0


def _same_header(a: TableMatch, b: TableMatch) -> bool:
    return a.kind == b.kind and [fold(h) for h in a.layout] == [fold(h) for h in b.layout]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def find_tables(
    sheet: RawSheet, catalog: Catalog, kinds: Sequence[str] | None = None, saved: SavedLookup | None = None
) -> tuple[list[TableMatch], NearMiss | None]:
    """Every table of the sheet in reading order, and (when there is none) the row that came closest."""
    finder = _Finder(sheet, catalog, kinds, saved)
    rows = sheet.rows
    blank = [is_blank(r) for r in rows]
    candidates = [i for i in range(min(HEADER_SCAN_ROWS, len(rows))) if not blank[i]]
    candidates += [i for i in range(HEADER_SCAN_ROWS, len(rows)) if not blank[i] and (blank[i - 1] or blank[i - 2])]
    done: list[TableMatch] = []
    active: list[TableMatch] = []
    previous: tuple[int, _Candidate] | None = None
    for index in candidates:
        inside = (
            active
            and index > 1
            and not (blank[index - 1] or blank[index - 2])
            and not (previous is not None and previous[0] == index - 1)
        )
        if inside:
            continue  # a row within a table's body; a new header follows a blank row
        found = finder.row(index)
        if found is None:
            continue
        if any(_same_header(m, a) for m in found.matches for a in active):
            continue  # a repeated header row inside a table: its body skips it
        if previous is not None and previous[0] == index - 1:
            if found.score <= previous[1].score:
                continue  # the row under a header is its first record, not a second header
            active = [a for a in active if a.header_index != index - 1]  # a better header one row down
        for a in list(active):
            if any(_overlap(a.span, m.span) for m in found.matches):
                active.remove(a)
                done.append(_ended(a, index))
        active.extend(found.matches)
        previous = (index, found)
    done.extend(active)
    done.sort(key=lambda m: (m.header_index, m.span[0]))
    return done, (finder.near if not done else None)


def _ended(match: TableMatch, end: int) -> TableMatch:
    return replace(match, end_index=end)


def product_by_values(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str]:
    """A table with no product column takes, as its product, a column whose values are all product names
    (ServiceNow's 'Configuration item'); (the match, the header used or ""). A sample of rows rules a column
    out before its whole body is read."""
    if "product" in match.columns or "product" not in catalog.tables[match.kind].fields:
        return match, ""
    return _by_values(sheet, match, "product", lambda values: all(catalog.product_for(v) is not None for v in values))


def named_by_values(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str]:
    """A contacts table with no Named column takes a kept column headed as a support-contact flag (the catalog's
    contacts ``by_values``: Salesforce's 'Support Contact' checkbox) whose values are yes or no (_flags); the same header
    may head the people's names ('Account | Support Contact | Email'), so the values decide. (The match, its header
    or "".)"""
    flags = catalog.tables[match.kind].by_values.get("named", frozenset())
    if "named" in match.columns or not flags:
        return match, ""
    flagged = {i: h for i, h in match.extra.items() if spelled(h, flags)}
    if not flagged:
        return match, ""
    found, header = _by_values(sheet, replace(match, extra=flagged), "named", lambda values: _flags(values, catalog))
    if not header:
        return match, ""
    index = found.columns["named"]
    return replace(match, columns=found.columns, extra={i: h for i, h in match.extra.items() if i != index}), header


def _flags(values: set[str], catalog: Catalog) -> bool:
    """Whether a column's distinct values are yes and no words, one odd value aside ('maybe': its row's warning says
    how it is read), as a checkbox column is; a column of names is not."""
    odd = [v for v in values if parse_yes_no(v, catalog)[1] is not None]
    return len(values) - len(odd) >= 1 and len(odd) <= max(1, len(values) // 5) and len(odd) < len(values) / 2


def tier_by_values(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str]:
    """A contract table with a product column takes a kept column most of whose values are line items naming a
    product's tier or an add-on (ServiceNow's Entitlements 'name': 'Okta Premier Plus Support (12 months)',
    'Dedicated CSE Add-On') as each row's line item (TableMatch.line_column): its tier where the table has no tier
    column, else kept beside it, one value at least naming a tier. A row whose line names an add-on is that add-on's
    line (contracts._addon_line); the values it does not read are named (unread_lines). (The match, its header or "".)"""
    if match.kind != "contracts" or "product" not in match.columns or match.line_column is not None:
        return match, ""
    beside = "program" in match.columns
    body = match.body(sheet.rows)
    for index, header in sorted(match.extra.items()):
        if _mostly_lines(body, index, catalog, beside):
            if beside:
                return replace(match, line_column=index), header
            extra = {i: h for i, h in match.extra.items() if i != index}
            return replace(match, columns={**match.columns, "program": index}, extra=extra, line_column=index), header
    return match, ""


def _mostly_lines(body: Sequence[Sequence[Cell]], index: int, catalog: Catalog, tier: bool) -> bool:
    """Whether more than half the distinct filled values of column ``index`` name a line item (a product and its
    tier, or an add-on), one at least a tier where ``tier``: a sample of rows rules a column out first."""
    for rows in (body[:PRODUCT_SAMPLE], body):
        values = {cell_text(r[index]) for r in rows if index < len(r)} - {""}
        named = [i for v in values if (i := _line(catalog, v)) is not None]
        if 2 * len(named) <= len(values) or tier and not any(i.program for i in named):
            return False
    return True


def _line(catalog: Catalog, text: str) -> LineItem | None:
    item = line_item_for(catalog, text)
    return item if item is not None and (item.addon or (item.product and item.program)) else None


def _by_values(sheet: RawSheet, match: TableMatch, name: str, reads: Callable[[set[str]], bool]) -> tuple[TableMatch, str]:
    """The match with the first kept column whose filled values all ``reads`` read as field ``name``, and its
    header ("" where none does). A sample of rows rules a column out before its whole body is read."""
    body = match.body(sheet.rows)
    for index, header in sorted(match.extra.items()):
        if _all_read(body, index, reads):
            extra = {i: h for i, h in match.extra.items() if i != index}
            return replace(match, columns={**match.columns, name: index}, extra=extra), header
    return match, ""


def _all_read(body: Sequence[Sequence[Cell]], index: int, reads: Callable[[set[str]], bool]) -> bool:
    """Whether column ``index`` holds a value and ``reads`` reads its filled values: a sample of rows rules a column
    out before its whole body is read."""
    for rows in (body[:PRODUCT_SAMPLE], body):
        values = {cell_text(r[index]) for r in rows if index < len(r)} - {""}
        if not values or not reads(values):
            return False
    return True


def region_by_values(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str, bool]:
    """A column of sales regions (EMEA, AMER, APAC) is the Region, whatever its header: a State/Province column
    (Freshsales' 'Territory') whose values all are is no state, and a table with no Region column takes a kept
    column whose values all are. (The match, the header or "", whether it is now the Region: a State/Province
    column beside a Region column is kept.)"""
    if match.saved or "region" not in catalog.tables[match.kind].fields:
        return match, "", False

    def regions(values: set[str]) -> bool:
        return all(sales_region(v, catalog) for v in values)

    index = match.columns.get("subdivision")
    if index is None or not _all_read(match.body(sheet.rows), index, regions):
        if "region" in match.columns:
            return match, "", False
        found, header = _by_values(sheet, match, "region", regions)
        return found, header, bool(header)
    header = match.headers[index]
    columns = {f: i for f, i in match.columns.items() if f != "subdivision"}
    guesses = {f: g for f, g in match.guesses.items() if f != "subdivision"}
    if "region" in columns:
        return replace(match, columns=columns, extra={**match.extra, index: header}, guesses=guesses), header, False
    return replace(match, columns={**columns, "region": index}, guesses=guesses), header, True


def states_in_region(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str]:
    """A Region column of states or provinces (Bavaria, California: of each row's country), none a sales region,
    beside a column of sales regions (a 'Sales Territory' of EMEA, AMER, headed as the state or kept): that column is
    the Region and the states the State/Province, kept where the table has another. (The match, what was done or "".)"""
    index, country = match.columns.get("region"), match.columns.get("country")
    body = match.body(sheet.rows)
    if match.saved or index is None or country is None or not _names_states(body, index, country, catalog):
        return match, ""

    def regions(values: set[str]) -> bool:
        return all(sales_region(v, catalog) for v in values)

    guesses = {f: g for f, g in match.guesses.items() if f not in ("region", "subdivision")}
    states, sub = match.headers[index], match.columns.get("subdivision")
    if sub is not None and _all_read(body, sub, regions):  # Freshsales' 'Territory', headed as a state
        found = replace(match, columns={**match.columns, "region": sub, "subdivision": index}, guesses=guesses)
        territory = match.headers[sub]
    else:
        found, territory = _by_values(sheet, match, "region", regions)
        if not territory:
            return match, ""
        if sub is None and "subdivision" in catalog.tables[match.kind].fields:
            found = replace(found, columns={**found.columns, "subdivision": index}, guesses=guesses)
        else:
            found = replace(found, extra={**found.extra, index: states}, guesses=guesses)
    said = f"Column '{states}' holds states or provinces, not sales regions: the region is read from '{territory}'"
    if found.columns.get("subdivision") == index:
        return found, said + f", and '{states}' as the State/Province (for its public holidays)."
    return found, said + f", and '{states}' is kept (the table has a State/Province column)."


def _names_states(body: Sequence[Sequence[Cell]], index: int, country: int, catalog: Catalog) -> bool:
    """Whether most distinct filled cells of column ``index`` name a state or province of their row's country
    (column ``country``) and none a sales region."""
    pairs = {(cell_text(r[index]), cell_text(r[country]) if country < len(r) else "") for r in body if index < len(r)}
    pairs = {(text, where) for text, where in pairs if text}
    if not pairs or any(sales_region(text, catalog) for text, _ in pairs):
        return False
    states = 0
    for text, where in pairs:
        code = parse_country(where)[0] if where else None
        read, problem = resolve_subdivision(code, text, catalog) if code else ("", None)
        states += bool(read) and problem is None
    return 2 * states > len(pairs)


def line_item_columns(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str]:
    """Billing tools name a line item (product and tier, or an add-on) in one column and something else in the one
    headed as the other: (the match with the line items read, what was done, or "").

    Zuora's 'Rate Plan: Name' is the line item ('Okta Premier Plus Support (12 months)') and its 'Product: Name' a
    product family no catalog product is named by ('Okta Support Programs'): the tier column is read as the product
    and the product column kept. Stripe's 'Plan' holds price ids ('price_1P...') and its 'Product' the line item:
    a tier column none of whose values is a tier is kept, and the tier read from the product's line item. A saved
    mapping decides for itself."""
    if match.saved or match.kind != "contracts":
        return match, ""
    if "product" not in match.columns and "program" in match.columns:
        return _lines_as_products(sheet, match, catalog)
    if not {"product", "program"} <= set(match.columns):
        return match, ""
    body = match.body(sheet.rows)
    product, program = match.columns["product"], match.columns["program"]

    def texts(index: int) -> list[str]:
        return list(dict.fromkeys(t for r in body if index < len(r) and (t := cell_text(r[index]))))

    products, tiers = texts(product), texts(program)
    if not products or not tiers:
        return match, ""
    # each test only where the one before holds: the usual book's product cells name products. A column of product
    # codes (HubSpot's SKU) may name one by chance ('OKTA-PP'): most of it naming nothing is enough.
    family = 2 * sum(1 for t in products if product_named(catalog, t) or line_item_for(catalog, t)) < len(products)
    if family and all((i := line_item_for(catalog, t)) is not None and (i.program or i.addon) for t in tiers):
        extra = {**match.extra, product: match.headers[product]}
        columns = {**{f: i for f, i in match.columns.items() if f != "program"}, "product": program}
        said = (
            f"Read '{match.headers[program]}' as Product: its values name product and tier or an add-on "
            f"('{tiers[0]}'); '{match.headers[product]}' names no product of the catalog "
            f"('{next(t for t in products if not (product_named(catalog, t) or line_item_for(catalog, t)))}') and is kept."
        )
        guesses = {f: g for f, g in match.guesses.items() if f not in ("product", "program")}  # said here instead
        return replace(match, columns=columns, extra=extra, guesses=guesses), said
    no_tier = not any(program_named(catalog, p, t) for t in tiers for p in catalog.products.values())
    if no_tier and any((i := line_item_for(catalog, t)) is not None and i.program for t in products):
        extra = {**match.extra, program: match.headers[program]}
        columns = {f: i for f, i in match.columns.items() if f != "program"}
        said = (
            f"'{match.headers[program]}' is not read as the tier: none of its values is one ('{tiers[0]}'); each "
            f"row's tier is read from '{match.headers[product]}', which names product and tier ('{products[0]}')."
        )
        guesses = {f: g for f, g in match.guesses.items() if f != "program"}
        return replace(match, columns=columns, extra=extra, guesses=guesses), said
    return match, ""


def _lines_as_products(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str]:
    """A billing export with no product column whose tier column names each row's line item, an add-on's own line
    among them (Recurly's 'plan_name': 'Okta Premier Plus Support - Annual', 'Dedicated CSE Add-On - Annual'): the
    column is read as the product, as a line item's name is, so the add-on's line folds onto its account's contract."""
    program = match.columns["program"]
    body = match.body(sheet.rows)
    tiers = list(dict.fromkeys(t for r in body if program < len(r) and (t := cell_text(r[program]))))
    items = [line_item_for(catalog, t) for t in tiers]
    if not tiers or not all(i is not None and (i.program or i.addon) for i in items):
        return match, ""
    if not any(i is not None and i.addon and not i.product for i in items):
        return match, ""  # every line names its product and tier: read as the tier (Chargebee's Plan Name)
    columns = {**{f: i for f, i in match.columns.items() if f != "program"}, "product": program}
    said = (
        f"Read '{match.headers[program]}' as Product: its values name product and tier or an add-on "
        f"('{tiers[0]}'), an add-on's line folding onto its account's contract."
    )
    guesses = {f: g for f, g in match.guesses.items() if f not in ("product", "program")}
    return replace(match, columns=columns, guesses=guesses), said


def find_table(sheet: RawSheet, catalog: Catalog) -> TableMatch | None:
    """The sheet's first table, or None."""
    tables, _ = find_tables(sheet, catalog)
    return tables[0] if tables else None
