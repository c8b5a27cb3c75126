"""Contract rows: normalise each value through the catalog, keep every row, report every problem."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from explorer import clock
from explorer.catalog import Catalog, Product, Program
from explorer.importing import kept, places, ranges, values
from explorer.importing.anniversary import anniversary_ends
from explorer.importing.column_reads import kept_reads
from explorer.importing.line_items import (
    LISTED,
    LineItem,
    customer_splits,
    licence_part,
    line_item_for,
    listed_addons,
    listed_products,
    product_and_tier,
    product_named,
    program_named,
    tier_in_product,
    tier_with_addon,
)
from explorer.importing.readers import RawSheet
from explorer.importing.record_lines import row_spans
from explorer.importing.renewed_to import with_renewals
from explorer.importing.row_contacts import contact_columns, read_finding, row_contacts
from explorer.importing.rows import DataRow, data_rows
from explorer.importing.tables import TableMatch
from explorer.importing.term_length import add_months, bare_length_columns, header_unit, months_in, named_start
from explorer.importing.term_status import apply_status, deal_table
from explorer.importing.year_columns import fiscal_rows
from explorer.model import Contact, Contract, Finding, Severity, Source, Unsaid, customer_key
from explorer.sla.subdivisions import resolve_subdivision, subdivision_name, subdivision_of_zone

DATE_FIELDS = ("term_start", "term_end", "initial_term_start")
LENGTHS = "12, '12 months', '1 yr'"  # a term length as the errors show it
NO_NAME = "(no customer name:"  # a row without its customer is listed as "(no customer name: book.csv, row 3)"


def read_contracts(
    sheet: RawSheet, match: TableMatch, catalog: Catalog, order: values.DateOrder = values.UNSETTLED
) -> tuple[list[Contract], list[Finding], list[Contact]]:
    """The contract rows of one table, and the named contacts its rows list (row_contacts); ``order`` is its
    file's day/month order (values.day_order)."""
    findings: list[Finding] = []
    rows = data_rows(sheet, match, findings, catalog, catalog.tables["contracts"].required)
    terms, sets_said = fiscal_rows(rows, sheet, match)  # a row per fiscal year's set it fills ('FY26 Tier | FY26 Start ...')
    findings += sets_said
    contracts: list[Contract] = []
    contacts: list[Contact] = []
    listing = contact_columns(match, catalog)
    addon_lines: list[tuple[DataRow, LineItem]] = []
    licences: list[DataRow] = []  # lines selling a licence, not support: set aside, named in one info
    above = ""  # the customer the nearest row above names: a blank one below it is likely meant to carry it
    for whole in terms:
        parts, unpaired = _one_row_per_product(whole, catalog, findings)
        for row in parts:
            item = _addon_line(row, catalog)
            if item is not None:
                addon_lines.append((row, item))
                customer, product = row.text("customer"), None
                if len(parts) > 1:
                    continue  # an add-on listed beside its product: the row's contacts go with the product
            elif _licence_line(row, catalog):
                licences.append(row)
                continue
            else:
                contract = _contract(sheet, row, catalog, order, findings, above, unpaired)
                unpaired = () if unpaired else unpaired  # the row's one tier error is said by its first contract
                contracts.append(contract)
                customer, product = contract.customer, contract.product
            if listing:
                contacts += row_contacts(customer, product, row.extra(), listing, row.source, catalog)
        above = whole.text("customer") or above
    if sets_said:
        contracts = _year_addons(contracts, catalog, findings)
    findings[:] = _lacking_once(findings, rows, sheet, match, catalog)
    findings.extend(_unread_lines(rows, catalog))
    findings.extend(_unread_addon_columns(rows, match, catalog))
    if addon_lines:
        contracts = _fold_addons(contracts, addon_lines, catalog, order, findings)
    recordable = _recordable(contracts, match, catalog, addon_lines)
    if recordable:  # one table, one set: only an older sheet that records no add-on keeps None
        contracts = [replace(c, addons_recordable=recordable) for c in contracts]
    if "term_end" in match.columns:  # a billing tool's period end is the next term's first day
        where = Source(sheet.file, sheet.name, match.header_row)
        contracts, said = anniversary_ends(contracts, match.headers.get(match.columns["term_end"], ""), where)
        findings.extend([said] if said else [])
    if licences:
        findings.append(_licences_set_aside(licences, Source(sheet.file, sheet.name, match.header_row)))
    if listing:
        findings.append(read_finding(listing, len(contacts), Source(sheet.file, sheet.name, match.header_row)))
    return with_renewals(_regional(contracts, catalog, findings), catalog, order, findings), findings, contacts


def _year_addons(contracts: list[Contract], catalog: Catalog, findings: list[Finding]) -> list[Contract]:
    """A row's fiscal years read as terms of their own (year_columns.fiscal_rows) share its columns without a year:
    an add-on cell there ('CSE: Yes' beside FY26 Premier and FY27 Premier Plus) goes with the years whose program
    carries it, where one does, not with a year it would be a contract error on; an info says so."""
    by_row: dict[tuple[str, str, int | None, str | None], list[int]] = {}
    for i, c in enumerate(contracts):
        by_row.setdefault((c.source.file, c.source.sheet, c.source.row, c.product), []).append(i)
    out = list(contracts)
    for group in (g for g in by_row.values() if len(g) > 1):
        for addon in dict.fromkeys(a for i in group for a in contracts[i].addons if a in catalog.addons):
            holders = [i for i in group if addon in contracts[i].addons]
            carried = [i for i in holders if catalog.addon_allowed(addon, contracts[i].product, contracts[i].program)]
            if not carried or len(carried) == len(holders):
                continue
            for i in (i for i in holders if i not in carried):
                c = out[i]
                column = c.addon_columns.get(addon, addon)
                out[i] = replace(
                    c,
                    addons={a: o for a, o in c.addons.items() if a != addon},
                    addon_columns={a: h for a, h in c.addon_columns.items() if a != addon},
                )
                with_it = ", ".join(f"from {contracts[j].term_start}" for j in carried)
                findings.append(
                    Finding(
                        Severity.INFO,
                        f"Column '{column}' names no year: the {catalog.addons[addon].short} is read with the term "
                        f"{with_it}, whose program carries it, not with the term from {c.term_start} "
                        f"({c.program_text or 'no tier'}), which does not.",
                        c.source,
                        column,
                        c.customer,
                        c.product or "",
                    )
                )
    return out


def _regional(contracts: list[Contract], catalog: Catalog, findings: list[Finding]) -> list[Contract]:
    """A regional add-on (MCSE) serves its own region: a row that gives none takes its country's region (an info
    says so), else a warning says its named contacts' regions cannot be checked. Never silently unchecked."""
    out = []
    for c in contracts:
        regional = [catalog.addons[a] for a in c.addons if a in catalog.addons and catalog.addons[a].regional]
        if c.region.strip() or not regional:
            out.append(c)
            continue
        short = regional[0].short
        region = places.region_of(c.country, catalog)[0] if c.country else ""
        if region in catalog.regions.values():
            message = (
                f"No region is given; the {short}'s region is read as {region}, from the country {c.country}. "
                "Give the row a Region to be exact."
            )
            findings.append(Finding(Severity.INFO, message, c.source, "Region", c.customer, c.product or ""))
            out.append(replace(c, region=region))
            continue
        message = f"No region is given, so whether the {short}'s named contacts are in its region is not checked."
        # an accounts sheet or the customer's other terms may give the region (joins, borrowed_place) and withdraw it
        findings.append(Finding(Severity.WARNING, message, c.source, "Region", c.customer, c.product or "", unsaid=Unsaid.REGION))
        out.append(c)
    return out


def _one_row_per_product(row: DataRow, catalog: Catalog, findings: list[Finding]) -> tuple[list[DataRow], tuple[str, ...] | None]:
    """A row whose product cell lists several products ('Okta Premier Plus,Auth0 Enterprise', an Airtable
    multi-select) as one row per product, each with the row's customer, dates, contacts and source, said in an
    info finding; an add-on listed beside them is an add-on line. A list with a part no spelling reads stays one
    row: its error names the part (_contract). Also the products a tier list of another length pairs with none
    (for _program's one error on the row's tier cell), else None."""
    text = row.text("product")
    listed = listed_products(catalog, text) if text else None
    if listed is None or listed[1]:
        return [row], None
    parts = listed[0]
    items = {part: line_item_for(catalog, part) for part in parts}
    licences = [p for p in parts if items[p] is None and licence_part(catalog, p)]  # set aside as licence lines are
    products = [p for p in parts if ((item := items[p]) is None or not item.addon) and p not in licences]  # 'Okta; Okta' is two
    addons = len(parts) - len(products) - len(licences)
    read = (
        f"{products[0]} is read as a contract"
        if len(products) == 1
        else f"each product is read as a contract of its own ({'; '.join(products)})"
    )
    said = (
        f"Product '{_one_line(text)}' lists {_count(len(products), 'product')}"
        + (f" and {_count(addons, 'add-on')}" if addons else "")
        + (f" beside {_count(len(licences), 'licence')} ({', '.join(repr(p) for p in licences)})" if licences else "")
        + f": {read}, with the row's customer, dates and contacts"
        + ("; each add-on goes onto the contract that may carry it." if addons else ".")
    )
    sold = products
    tiers = _paired_tiers(row.text("program"), sold)
    named = [t for t in LISTED.split(row.text("program").strip()) if t]
    if tiers:
        said = said.removesuffix(".") + f", each with its tier from '{_one_line(row.text('program'))}' in turn."
    elif len(named) > 1:
        said += f" Its tier cell lists {len(named)} tiers for {len(sold)} products, so none is paired with a product."
    out = []
    for part in parts:
        texts = {**row.texts, "product": part}
        item = items[part]
        tier = tiers.pop(0) if tiers and part in sold else None  # the n-th product's
        if item is not None and item.program or part in licences:
            texts["program"] = ""  # the part names its own tier, or sells a licence (set aside, _licence_line)
        elif tier is not None:
            texts["program"] = tier
        out.append(replace(row, cells={**row.cells, "product": part}, texts=texts))
    out, carried = _addons_to_their_products(out, catalog)
    header = row.match.headers.get(row.match.columns.get("product", -1), "Product")
    aside = f" The licence{'s are' if len(licences) > 1 else ' is'} set aside, as a licence line is." if licences else ""
    findings.append(Finding(Severity.INFO, said + carried + aside, row.source, header, row.text("customer")))
    return out, tuple(sold) if not tiers and len(named) > 1 else None


def _paired_tiers(text: str, products: list[str]) -> list[str]:
    """The listed products' tiers in order where the tier cell lists as many ('Okta; Auth0' beside 'Premier Plus;
    Enterprise': the n-th with the n-th); [] otherwise (one tier for all, or lists of two lengths: _program's error
    says so)."""
    tiers = [t for t in LISTED.split(text.strip()) if t] if text else []
    return tiers if len(tiers) > 1 and len(tiers) == len(products) else []


def _addons_to_their_products(parts: list[DataRow], catalog: Catalog) -> tuple[list[DataRow], str]:
    """The row's add-on columns (an MCSE option) given only to the parts whose product and tier may carry the
    add-on, where some part may: the other products were not sold it. Returns the parts and what the info adds."""
    held = []
    for part in parts:
        product, tier = product_and_tier(catalog, part.text("product"), part.text("program"))
        program = program_named(catalog, product, tier) if product else None
        held.append((product.id if product else None, program.id if program else None))
    said = ""
    for addon in catalog.addons.values():
        if not parts[0].has(addon.id) or not parts[0].text(addon.id):
            continue
        carriers = [catalog.addon_allowed(addon.id, pid, program) for pid, program in held]
        if not any(carriers) or all(carriers):
            continue
        parts = [
            p if carries else replace(p, cells={**p.cells, addon.id: ""}, texts={**p.texts, addon.id: ""})
            for p, carries in zip(parts, carriers, strict=True)
        ]
        names = "; ".join(p.text("product") for p, carries in zip(parts, carriers, strict=True) if carries)
        said += f" The {addon.short} column goes with {names}, as only {'it' if names.count(';') == 0 else 'they'} may carry it."
    return parts, said


def _unread_part(catalog: Catalog, text: str, known: str) -> str | None:
    """The error for a product cell listing several products where some part names none the catalog knows."""
    listed = listed_products(catalog, text)
    if listed is None:
        return None
    unread = " and ".join(f"'{p}'" for p in listed[1])
    return (
        f"Product '{_one_line(text)}' lists several products, and {unread} "
        f"{'is' if len(listed[1]) == 1 else 'are'} not in the catalog (known: {known}, each with its tier): "
        "correct it, or write one row per product."
    )


def _one_line(text: str) -> str:
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _recordable(
    contracts: list[Contract], match: TableMatch, catalog: Catalog, lines: list[tuple[DataRow, LineItem]]
) -> frozenset[str]:
    """The add-ons a row of this table could say it holds, so a row not holding one says it lacked it (history.
    with_runs): each with its own column; every one where an Add-ons list column is read; and each that the table
    names in a tier cell ('Premier Plus w/ 50% MCSE') or on an add-on line. An older sheet with no such column
    records none: its blank says nothing of the add-on."""
    if any(kept.ADDON_LIST.reads(header, catalog) for header in match.extra.values()):
        return frozenset(catalog.addons)
    tier = match.headers.get(match.columns["program"], "") if "program" in match.columns else None
    tiered = {a for c in contracts for a, header in c.addon_columns.items() if header == tier}
    lined = {item.addon for _, item in lines if item.addon is not None}
    return frozenset({a for a in catalog.addons if a in match.columns} | tiered | lined)


def _line_cell(row: DataRow) -> tuple[str, str]:
    """(header, text) of the row's line-item column kept beside its tier column (TableMatch.line_column: ServiceNow's
    Entitlements 'name'), or ("", "") where the table has none or reads it as the tier."""
    index = row.match.line_column
    if index is None or index == row.match.columns.get("program"):
        return "", ""
    header = row.match.headers[index]
    return header, row.extras.get(header, "")


def _addon_line(row: DataRow, catalog: Catalog) -> LineItem | None:
    """The add-on a line-item row sells ('Dedicated CSE Add-On'), or None for a contract row: named in its line-item
    column whatever its tier cell says, else in its product cell, or in its tier cell beside a product (ServiceNow's
    Entitlements, a 'name' read or mapped as the tier) where that names none of the product's tiers."""
    if (line := _line_cell(row)[1]) and (named := line_item_for(catalog, line)) is not None:
        return named if named.addon else None
    text = row.text("product")
    product = product_named(catalog, text) if text else None
    if product is not None:
        tier = row.text("program")
        if not tier or program_named(catalog, product, tier) is not None:
            return None
        item = line_item_for(catalog, tier)
        return item if item is not None and item.addon else None
    item = line_item_for(catalog, text) if text else None
    return item if item is not None and item.addon else None


def _licence_line(row: DataRow, catalog: Catalog) -> bool:
    """A line item selling a licence, not support ('Okta Workforce Identity - SSO (per user)'): its product name holds
    a licence word of the catalog and, with no tier beside it, names no support program. A product name alone ('Okta
    SSO', a spelling of Okta) or a tier given in its own cell is a contract row, read (or in error) as such."""
    text = row.text("product")
    if not text or row.text("program") or not licence_part(catalog, text):
        return False
    return listed_products(catalog, text) is None  # a list with a support product in it: one row per part


def _untiered_owner(
    contracts: list[Contract], row: DataRow, addon: str, product: Product | None, catalog: Catalog
) -> Contract | None:
    """The contract of the add-on line's own row ('Okta; Dedicated CSE Add-On' in one product cell) whose tier was
    not read (its tier error says why) and whose product may carry the add-on with some tier: the line waits on it,
    so an error saying it has no such contract would be a second error for one fault."""
    return next(
        (
            c
            for c in contracts
            if c.source == row.source
            and c.program is None
            and (product is None or c.product == product.id)
            and any(catalog.addon_allowed(addon, c.product, p) for p in catalog.programs)
        ),
        None,
    )


def _licences_set_aside(rows: list[DataRow], where: Source) -> Finding:
    names = list(dict.fromkeys(f"'{_one_line(r.text('product'))}'" for r in rows))
    lines = ", ".join(str(r.source.row) for r in rows)
    one = len(rows) == 1
    return Finding(
        Severity.INFO,
        f"{_count(len(rows), 'line')} ({'row' if one else 'rows'} {lines}) {'sells' if one else 'sell'} a licence, not "
        f"support, and {'is' if one else 'are'} set aside: {', '.join(names)}. A line naming a support program or "
        "add-on is read as a contract; correct one that means a support program.",
        where,
    )


def _fold_addons(
    contracts: list[Contract],
    lines: list[tuple[DataRow, LineItem]],
    catalog: Catalog,
    order: values.DateOrder,
    findings: list[Finding],
) -> list[Contract]:
    """Each add-on line onto the contract of the same account and term (and product, where the line names one) that
    may carry it; an error where none."""
    folded = 0
    for row, item in lines:
        assert item.addon is not None
        addon = catalog.addons[item.addon]
        customer, product = row.text("customer"), product_named(catalog, row.text("product"))
        header, text = _addon_cell(row, product is not None)
        start, end = _line_term(row, order, catalog)
        may_carry = [
            i
            for i, c in enumerate(contracts)
            if customer_key(c.customer) == customer_key(customer)
            and (product is None or c.product == product.id)
            and catalog.addon_allowed(addon.id, c.product, c.program)
        ]
        owner = next((i for i in may_carry if _within(start, end, contracts[i])), None)
        # not co-termed: bought mid-term for its own Order Form term, it goes onto the term it starts in only, said in
        # a warning naming the book's renewals it runs into: a term's add-ons hold for its whole term, so carried onto
        # a renewal the line would be in force, limit contacts and set Administrative Days after its own end
        past = [] if owner is not None else _runs_past(contracts, may_carry, start, end)
        owner = past[0] if past else owner
        of = _addon_product(catalog, addon.id, product)  # the findings name the product (the report's Actions too)
        if addon.options and item.option is None:
            labels = " or ".join(o.label for o in addon.options.values())
            findings.append(
                Finding(
                    Severity.ERROR,
                    f"Add-on line '{text}' does not say which {addon.short} ({labels}).",
                    row.source,
                    header,
                    customer,
                    of,
                )
            )
            continue
        if owner is None and (waits := _untiered_owner(contracts, row, addon.id, product, catalog)) is not None:
            name = catalog.products[waits.product].name if waits.product in catalog.products else "product"
            said = (
                f"Add-on line '{text}' is not read: the {name} contract it would go onto "
                f"has no tier read (the error on its tier says why), so whether it may carry the {addon.short} is not known."
            )
            findings.append(Finding(Severity.INFO, said, row.source, header, customer, of))
            continue
        if owner is None:
            term = f" for {start} to {end}" if start and end else ""
            sold = " or ".join(catalog.addon_sold_with(addon.id))
            findings.append(
                Finding(
                    Severity.ERROR,
                    f"Add-on line '{text}' of {customer or '(no customer)'}{term} has no {sold} contract of the same "
                    f"account and term to belong to; the {addon.short} is not read.",
                    row.source,
                    header,
                    customer,
                    of,
                )
            )
            continue
        contract = contracts[owner]
        starts = contract.addon_starts
        if start is not None and contract.term_start is not None and start > contract.term_start:
            starts = {**starts, addon.id: start}  # bought later: its mobilization counts from its own start
        if start is not None and contract.term_start is not None and start > contract.term_start and not past:
            findings.append(
                Finding(
                    Severity.INFO,
                    f"Add-on line '{text}' starts {start:%Y-%m-%d}, within the term from {contract.term_start:%Y-%m-%d}: "
                    f"the {addon.short} is read as held from {start:%Y-%m-%d}, and its dates count from then.",
                    row.source,
                    header,
                    customer,
                    contract.product or "",
                )
            )
        until = contract.addon_until
        if past and end is not None:  # runs into the renewals: its own Order Form ends later than the term
            until = {**until, addon.id: end}
        contracts[owner] = replace(
            contract, addons={**contract.addons, addon.id: item.option}, addon_starts=starts, addon_until=until
        )
        if past:
            findings.append(_past_term(text, addon.short, start, end, [contracts[i] for i in past], row, header, customer))
        folded += 1
    if folded:
        first = lines[0][0]
        findings.append(
            Finding(
                Severity.INFO,
                f"{folded} add-on line{'s' if folded != 1 else ''} read as add-ons of their account's contract "
                "(the term that holds the line's dates), not as contracts of their own.",
                Source(first.source.file, first.source.sheet, first.match.header_row),
            )
        )
    return contracts


def _runs_past(contracts: list[Contract], may_carry: list[int], start: date | None, end: date | None) -> list[int]:
    """The term an add-on line starts in after its start and runs past the end of (bought mid-term for its own Order
    Form term, not co-termed), then each renewal of it (starting the day after) that the line's term runs into; []
    where no term holds its start so."""
    if start is None or end is None:
        return []
    dated = sorted(
        (i for i in may_carry if contracts[i].term_start is not None and contracts[i].term_end is not None),
        key=lambda i: contracts[i].term_start or date.min,
    )

    def holds(i: int, day: date) -> bool:
        c = contracts[i]
        return c.term_start is not None and c.term_end is not None and c.term_start <= day <= c.term_end

    # bought mid-term (after the term's start): a line starting with the term and running longer is another term
    first = next(
        (
            i
            for i in dated
            if holds(i, start) and start > (contracts[i].term_start or date.max) and (contracts[i].term_end or date.max) < end
        ),
        None,
    )
    if first is None:
        return []
    out = [first]
    while (last := contracts[out[-1]].term_end) is not None and last < end:
        following = next((i for i in dated if contracts[i].term_start == last + timedelta(days=1)), None)
        if following is None:
            break
        out.append(following)
    return out


def _past_term(
    text: str, short: str, start: date | None, end: date | None, terms: list[Contract], row: DataRow, header: str, customer: str
) -> Finding:
    """The warning on an add-on line that runs past the end of the term it starts in: it is read on that term only
    (``terms[0]``), so what its months in the renewals it runs into (``terms[1:]``) would give is not counted."""
    assert start is not None and end is not None
    first = terms[0]
    renewals = [f"{c.term_start:%Y-%m-%d} (row {c.source.row})" for c in terms[1:] if c.term_start]
    shown = f"the renewal from {' and the one from '.join(renewals)} shows no {short} from it" if renewals else ""
    later = f": {shown} (no named-contact limit, no Administrative Days)" if shown else ""
    said = (
        f"Add-on line '{text}' runs {start:%Y-%m-%d} to {end:%Y-%m-%d}, past the end of the term it starts in "
        f"({first.term_start:%Y-%m-%d} – {first.term_end:%Y-%m-%d}): the {short} is read as held from "
        f"{start:%Y-%m-%d} to {first.term_end:%Y-%m-%d} on that term (row {first.source.row}) only, and its dates "
        f"count from then. Its months after {first.term_end:%Y-%m-%d} are not counted{later}. "
        "Check the line's dates, or give its term on the contract's rows."
    )
    return Finding(Severity.WARNING, said, row.source, header, customer, first.product or "")


def _addon_product(catalog: Catalog, addon: str, product: Product | None) -> str:
    """The product an add-on line is of: the one it names, else the only one that may carry the add-on ('' if several)."""
    if product is not None:
        return product.id
    products = {p.id for p in catalog.products.values() for pid in p.programs if catalog.addon_allowed(addon, p.id, pid)}
    return next(iter(products)) if len(products) == 1 else ""


def _addon_cell(row: DataRow, product: bool) -> tuple[str, str]:
    """(header, text) of the cell naming an add-on line's add-on: its line-item column, else its tier cell beside a
    product, else its product cell."""
    if (line := _line_cell(row))[1]:
        return line
    field = "program" if product else "product"
    return row.match.headers.get(row.match.columns.get(field, -1), "Tier" if product else "Product"), row.text(field)


def _unread_lines(rows: list[DataRow], catalog: Catalog) -> list[Finding]:
    """A warning for each distinct value of the line-item column (tables.tier_by_values) naming no tier or add-on,
    with its rows: the column is read by its other values, and this one is not."""
    first = rows[0].match if rows else None
    if first is None or first.line_column is None:
        return []
    index = first.line_column
    header = first.headers[index]
    tier = index == first.columns.get("program")
    unread: dict[str, list[DataRow]] = {}
    for row in rows:
        text = row.text("program") if tier else row.extras.get(header, "")
        item = line_item_for(catalog, text) if text else None
        if text and (item is None or not (item.addon or item.product and item.program)):
            unread.setdefault(text, []).append(row)
    out = []
    for text, named in unread.items():
        lines = ", ".join(str(r.source.row) for r in named)
        then = "its tier is not read" if tier else f"{'it is' if len(named) == 1 else 'they are'} read from the tier column"
        said = (
            f"'{_one_line(text)}' in '{header}' (row{'s' if len(named) > 1 else ''} {lines}) names no tier or add-on "
            f"of the catalog, as the column's other values do: {then}. Correct its spelling."
        )
        out.append(Finding(Severity.WARNING, said, named[0].source, header, named[0].text("customer")))
    return out


def _line_term(row: DataRow, order: values.DateOrder, catalog: Catalog) -> tuple[date | None, date | None]:
    """An add-on line's term as its contract row's is read: its start and end, a range cell, or a start and a length
    (Term (months), P12M), so it is compared with the contract's worked-out end."""
    ranged = ranges.split_range(row.text(ranges.FIELD), order)[:2] if row.has(ranges.FIELD) else (None, None)
    start = values.parse_date(row.get("term_start"), order)[0] if row.has("term_start") else ranged[0]
    end = values.parse_date(row.get("term_end"), order)[0] if row.has("term_end") else ranged[1]
    if end is None and start is not None and (count := _months(row, row.text("term_months"), catalog)) is not None:
        end = add_months(start, count) - timedelta(days=1)
    return start, end


def _within(start: date | None, end: date | None, contract: Contract) -> bool:
    """The add-on's term lies in the contract's (a line without dates goes with any term of its account)."""
    if start is None or end is None or contract.term_start is None or contract.term_end is None:
        return start is None and end is None or (contract.term_start, contract.term_end) == (start, end)
    return contract.term_start <= start and end <= contract.term_end


def _contract(
    sheet: RawSheet,
    row: DataRow,
    catalog: Catalog,
    order: values.DateOrder,
    findings: list[Finding],
    above: str = "",
    unpaired: tuple[str, ...] | None = None,
) -> Contract:
    """One contract row; ``above``: the customer the nearest row above it names, for the hint on a blank one;
    ``unpaired``: the products its row lists that a tier list of another length pairs with none (() once said)."""
    customer = row.text("customer")
    product_text, program_text = row.text("product"), row.text("program")

    def report(severity: Severity, field: str, message: str, product: str = "", unsaid: Unsaid | None = None) -> None:
        column = row.match.columns.get(field)  # a field's column, or a header of the row's own (an Add-ons list)
        header = row.match.headers.get(column, "") if column is not None else field if field in row.extra() else ""
        findings.append(Finding(severity, message, row.source, header, customer, product, unsaid=unsaid))

    def uncalculated(field: str) -> str | None:
        """The finding for an empty cell that holds something a reader does not see (a formula saved without its
        value, an Excel error such as #N/A), if it is one."""
        column = row.match.columns.get(field)
        held = sheet.uncalculated(row.source.row or 0, column) if column is not None else None
        return None if held is None else f"{_label(field)}: {held}."

    if not customer:  # kept as a customer of its own, named by its row: listed, with its error, never merged
        customer = f"{NO_NAME} {row.source.describe()})"
        report(Severity.ERROR, "customer", uncalculated("customer") or _no_customer(above))
    product, program_text = product_and_tier(catalog, product_text, program_text, customer)
    pid = product.id if product else None
    program_text = _tier_of_line(row, catalog, pid, program_text, lambda m: report(Severity.INFO, "program", m, pid or ""))
    if product is None:
        known = ", ".join(p.name for p in catalog.products.values())
        message = (
            _unread_part(catalog, product_text, known) or f"Product '{product_text}' is not in the catalog (known: {known})."
            if product_text
            else uncalculated("product") or f"The product is missing (one of {known})."
        )
        report(Severity.ERROR, "product", message)
    program, with_addon = (
        _program(catalog, product, program_text, customer, row.has("program"), report, uncalculated, not product_text, unpaired)
        if product
        else (None, None)
    )
    _another_tier(row, catalog, program, lambda said: report(Severity.WARNING, "program", said, pid or ""))
    _line_disagrees(row, catalog, pid, program, lambda said: report(Severity.WARNING, "program", said, pid or ""))
    if product is not None and program is not None and not program_text and not row.has("program"):
        # Auth0's terms make a blank tier Enterprise; a sheet with no tier column at all may have lost it: said
        said = f"This sheet has no tier column; {product.name} is read as {program.name}, its tier when none is written."
        report(Severity.WARNING, "program", said, product.id)

    order = values.settle_row(order, [*(row.get(f) for f in DATE_FIELDS), *row.extra().values()])
    dates, rejected_initial, open_ended = _term_dates(row, catalog, order, report, uncalculated, pid or "")

    zone, country = _place(row, catalog, lambda sev, f, msg, unsaid=None: report(sev, f, msg, pid or "", unsaid))
    subdivision = _subdivision(row, catalog, zone, country, lambda sev, f, msg: report(sev, f, msg, pid or ""))

    addons = _addons(row, catalog, lambda sev, f, msg: report(sev, f, msg, pid or ""))
    if with_addon is not None and with_addon.addon is not None:
        held = catalog.addons[with_addon.addon]
        option = held.options.get(with_addon.option or "")
        said = f"{option.label} ({held.short})" if option else held.name
        if not row.text(with_addon.addon):  # no column, or its cell blank (which says nothing): the tier cell's holds
            addons[with_addon.addon] = with_addon.option  # as its own column would say it
            named = program.name if program else ""
            report(Severity.INFO, "program", f"Tier '{program_text}' read as {named} with the add-on {said}.", pid or "")
        elif addons.get(with_addon.addon, False) != with_addon.option:  # a filled cell decides; where it disagrees, said
            own = row.match.headers.get(row.match.columns.get(with_addon.addon, -1), held.short)
            tier = row.match.headers.get(row.match.columns["program"], "tier") if row.has("program") else "tier"
            message = (
                f"Tier '{program_text}' ({tier}) names the add-on {said}, but column '{own}' says "
                f"'{row.text(with_addon.addon)}': the {held.short} is read from '{own}', the add-on's own column."
            )
            report(Severity.WARNING, with_addon.addon, message, pid or "")
    addon_columns = _listed_addons(row, catalog, addons, lambda sev, f, msg: report(sev, f, msg, pid or ""))
    tiered = with_addon.addon if with_addon is not None else None  # read from the tier's cell ('Premier Plus w/ CSE')
    if tiered is not None and tiered in addons and tiered not in addon_columns and not row.text(tiered) and row.has("program"):
        addon_columns[tiered] = row.match.headers.get(row.match.columns["program"], "")
    for addon in addons:  # its own column's header as the file writes it ('Dedicated CSE'), for the findings
        if addon not in addon_columns and row.has(addon):
            addon_columns[addon] = row.match.headers.get(row.match.columns[addon], addon)
    contract = Contract(
        customer=customer,
        product=pid,
        program=program.id if program else None,
        term_start=dates["term_start"],
        term_end=dates["term_end"],
        initial_term_start=dates["initial_term_start"],
        initial_rejected=bool(rejected_initial),
        dates_missing=dates["term_start"] is None or dates["term_end"] is None and not open_ended,
        end_column=_end_column(row),
        initial_column=_initial_column(row),
        region=_region(row, catalog, lambda sev, f, msg: report(sev, f, msg, pid or "")),
        country=country,
        time_zone=zone,
        place_unsaid=not any(row.text(f) for f in ("time_zone", "country", "subdivision")),
        zone_unsaid=not row.text("time_zone"),
        subdivision=subdivision,
        addons=addons,
        addon_columns=addon_columns,
        product_text=product_text,
        program_text=program_text,
        source=row.source,
        extra=row.extra(),
    )
    return apply_status(contract, catalog, order, findings, deal_table(row.match.layout, catalog.term_status))


def _end_column(row: DataRow) -> str:
    """The header of the cell the row's term end comes from: its own column, else a range's, else a length's."""
    field = next((f for f in ("term_end", ranges.FIELD, "term_months") if row.has(f)), None)
    return row.match.headers.get(row.match.columns[field], "") if field else ""


def _initial_column(row: DataRow) -> str:
    """The header of the cell the row's Initial Term Start comes from: its own column ('Customer Since'), else the
    start column a Last Renewal Date leaves as the initial start (_renewed_on)."""
    field = "initial_term_start" if row.has("initial_term_start") else "term_start" if row.has("renewed_on") else None
    return row.match.headers.get(row.match.columns[field], "") if field and row.has(field) else ""


def _term_dates(  # type: ignore[no-untyped-def]
    row: DataRow, catalog: Catalog, order: values.DateOrder, report, uncalculated, pid: str
) -> tuple[dict[str, date | None], bool, bool]:
    """The row's term dates (start, end, initial start), from their columns, a range, a length; each problem said.
    Also whether an initial start was rejected and whether the end is open (past the clock's range)."""

    def of_product(severity: Severity, field: str, message: str) -> None:
        report(severity, field, message, pid)

    dates: dict[str, date | None] = {}
    rejected_initial = open_ended = False
    ranged = _from_range(row, order, report, pid)
    named_error = False  # the start a length names ('12 months from 01/03/2026') cannot be read: said on the length
    for field in DATE_FIELDS:
        if not row.has(field):
            dates[field] = ranged.get(field)
            if field == "term_start":
                dates[field], named_error = _named_start(row, dates[field], order, of_product)
            continue
        day, problem = values.parse_date(row.get(field), order)
        if field == "term_start" and not problem:
            day, named_error = _named_start(row, day, order, of_product)
        dates[field] = day
        if day is not None and not clock.in_range(day):
            dates[field] = None  # nothing is worked out from it: date arithmetic past 2200 only overflows
            severity, column, said = _out_of_range(field, day)
            report(severity, column, said, pid)
            open_ended = open_ended or (field == "term_end" and severity is not Severity.ERROR)
            rejected_initial = rejected_initial or field == "initial_term_start"
        elif problem:  # a formula saved with 0 reads as a time of day: the formula is the cause to name
            report(Severity.ERROR, field, uncalculated(field) or f"{_label(field)}: {problem}.", pid)
            rejected_initial = rejected_initial or field == "initial_term_start"
        elif day is None and (formula := uncalculated(field)):
            report(Severity.ERROR, field, formula, pid)
        elif day is None and field == "term_end" and (end := _end_from_length(row, dates["term_start"], catalog, of_product)):
            dates[field] = end
        elif day is None and field != "initial_term_start" and not (field == "term_start" and named_error):
            report(Severity.ERROR, *_missing(field, row, catalog), pid)
    if not row.has("term_end") and (end := _end_from_length(row, dates["term_start"], catalog, of_product, alone=True)):
        dates["term_end"] = end
    for field in _no_columns(row, dates):
        if not (field == "term_start" and named_error):
            report(Severity.ERROR, field, _no_column(field, row, catalog), pid)
    _renewed(row, dates, order, of_product)
    return dates, rejected_initial, open_ended


def _renewed(row: DataRow, dates: dict[str, date | None], order: values.DateOrder, report) -> None:  # type: ignore[no-untyped-def]
    """A CRM's 'Last Renewal Date' beside its 'Contract Start': the current term starts on the renewal, and the
    contract's first start is its initial term start (domain.md §5: a renewal keeps it, so no new mobilization). A
    blank renewal cell is a term never renewed; a renewal on or before the start changes nothing."""
    if not row.has("renewed_on") or not row.text("renewed_on"):
        return
    day, problem = values.parse_date(row.get("renewed_on"), order)
    if problem or day is None or not clock.in_range(day):
        report(
            Severity.WARNING,
            "renewed_on",
            f"The last renewal date {problem or 'is not a date we can use'}; the term start is read as given.",
        )
        return
    start, end = dates["term_start"], dates["term_end"]
    if start is None or day <= start:
        return
    if end is not None and day > end:
        report(
            Severity.WARNING,
            "renewed_on",
            f"The last renewal date {day} is after the term end {end}; the term is read from {start} as given.",
        )
        return
    if dates["initial_term_start"] is None:
        dates["initial_term_start"] = start
    dates["term_start"] = day


def _another_tier(row: DataRow, catalog: Catalog, program: Program | None, warn) -> None:  # type: ignore[no-untyped-def]
    """A warning where the product cell (or its mapped meaning) names a tier the tier column does not ('Okta Premier
    Plus' beside 'Basic'): the tier column, the field's own, is read."""
    product_text = row.text("product")
    named = tier_in_product(catalog, product_text) if program is not None and row.text("program") else None
    if program is None or named is None or named.id == program.id:
        return
    written = values.cell_text(row.get("product")).strip()
    meant = f"'{written}' (mapped to '{product_text}')" if written and written != product_text else f"'{product_text}'"
    warn(
        f"Product {meant} names the tier {named.name}, but the tier column says '{row.text('program')}': "
        f"{program.name} is read, from the tier column."
    )


def _tier_of_line(row: DataRow, catalog: Catalog, pid: str | None, text: str, say) -> str:  # type: ignore[no-untyped-def]
    """The tier cell's ``text``; where blank, the tier the row's line item names (ServiceNow's 'name'), said in an
    info, else ""."""
    header, line = _line_cell(row)
    named = line_item_for(catalog, line) if line and pid and not text else None
    if named is None or named.product != pid or named.program is None:
        return text
    tier = catalog.programs[named.program].name
    say(f"The tier cell is blank; {tier} is read from '{header}' ('{line}').")
    return tier


def _line_disagrees(row: DataRow, catalog: Catalog, pid: str | None, program: Program | None, warn) -> None:  # type: ignore[no-untyped-def]
    """A warning where the row's line item (ServiceNow's 'name': 'Okta Premier Plus Support (12 months)') names
    another tier of its product than the tier column: the tier column, the field's own, is read."""
    header, line = _line_cell(row)
    item = line_item_for(catalog, line) if line else None
    if program is None or item is None or item.product != pid or item.program in (None, program.id):
        return
    named = catalog.programs[item.program].name
    warn(
        f"'{header}' names {named} ('{line}'), but the tier column says '{row.text('program')}': {program.name} is "
        "read, from the tier column; correct whichever is wrong."
    )


def _no_customer(above: str) -> str:
    """A blank customer below a named one is most often a name written once for its group (not merged, no Subtotal
    lines): nothing is guessed, but the error says so and how to fix it."""
    if not above:
        return "The customer name is missing."
    return (
        f"The customer name is missing; the nearest row above names '{above}'. If the name is meant to carry down, "
        "write it on every row (or merge its cells down the rows it covers)."
    )


def _no_columns(row: DataRow, dates: dict[str, date | None]) -> list[str]:
    """The term dates the sheet has no column for and the row gives nowhere else; not the end where the sheet gives it
    as the start plus a length: the start's own error, or the length's (_end_from_length), is the one problem."""
    lengthened = row.has("term_months")
    return [
        field
        for field in ("term_start", "term_end")
        if not row.has(field) and not row.has(ranges.FIELD) and dates[field] is None and not (field == "term_end" and lengthened)
    ]


def _missing(field: str, row: DataRow, catalog: Catalog) -> tuple[str, str]:
    """(the field, the error) for a blank date cell. A blank start on a sheet whose end is its start plus a length,
    beside a length cell that is no length ('12 months from signature': its start is no date), quotes that
    cell: it is the one to correct."""
    said = f"The {_label(field).lower()} date is missing"
    text = row.text("term_months")
    if field != "term_start" or row.has("term_end") or not text or _months(row, text, catalog) is not None:
        return field, said + "."
    return "term_months", (
        f"{said}, and the term length '{_one_line(text)}' is not a number of months or years ({LENGTHS}), "
        "so no term end is worked out: write the start in its own column and the length alone."
    )


def _lacking_once(
    findings: list[Finding], rows: list[DataRow], sheet: RawSheet, match: TableMatch, catalog: Catalog
) -> list[Finding]:
    """The error for a term date the sheet has no column for, said once for the sheet (at its header row) naming the
    rows it leaves without that date, not once per row; each row keeps it (Finding.rows) for the report's marks."""
    if not rows:
        return findings
    said = {_no_column(f, rows[0], catalog): f for f in ("term_start", "term_end")}  # the same for every row of a sheet
    lacking: dict[str, list[Finding]] = {}
    kept = []
    for f in findings:
        if f.severity is Severity.ERROR and f.message in said and f.source.sheet == sheet.name and f.source.file == sheet.file:
            lacking.setdefault(f.message, []).append(f)
        else:
            kept.append(f)
    for message, each in lacking.items():
        at = sorted({f.source.row or 0 for f in each})
        date_of = _label(said[message]).lower()
        many = f"{len(at)} rows have" if len(at) != 1 else "1 row has"
        plain = message == f"This sheet has no {date_of} column."  # not a bare 'Term' column's, which says what to give
        remedy = f" Map the column that holds the {date_of} (explorer map, or File \u2192 Map Columns\u2026)." if plain else ""
        # the sheet by its name: the message reaches a customer's entitlement sheet, where "this sheet" is that
        named = message.replace("This sheet", f"Sheet '{sheet.name}'", 1)
        kept.append(
            Finding(
                Severity.ERROR,
                f"{named} {many} no {date_of} date ({row_spans(at)}), "
                f"so {'they run' if len(at) != 1 else 'it runs'} "
                f"on no day.{remedy}",
                Source(sheet.file, sheet.name, match.header_row),
                rows=tuple(at),
            )
        )
    return kept


def _no_column(field: str, row: DataRow, catalog: Catalog) -> str:
    """The error for a sheet with no column for a term date, naming a bare 'Term' column it did not read as one."""
    said = f"This sheet has no {_label(field).lower()} column"
    bare = bare_length_columns(row.match, catalog) if field == "term_end" and not row.has("term_months") else {}
    if not bare:
        return said + "."
    header = next(iter(bare.values()))
    return (
        f"{said}, and its '{header}' column is not read as the term length or its dates: no one kind is most of its "
        f"values (a number of months or years: {LENGTHS}; or a range of two dates). Give the term end, or one kind in "
        "each row."
    )


def _from_range(row: DataRow, order: values.DateOrder, report, pid: str) -> dict[str, date | None]:  # type: ignore[no-untyped-def]
    """The term start and end from a cell holding both ('2026-03-01 - 2027-02-28'); an error where it cannot."""
    if not row.has(ranges.FIELD):
        return {}
    text = row.text(ranges.FIELD)
    if not text:
        report(Severity.ERROR, ranges.FIELD, "The term is missing (a start and an end date).", pid)
        return {}
    start, end, problem = ranges.split_range(text, order)
    if problem:
        report(Severity.ERROR, ranges.FIELD, f"Term: {problem}.", pid)
    return {"term_start": start, "term_end": end}


def _named_start(row: DataRow, given: date | None, order: values.DateOrder, report) -> tuple[date | None, bool]:  # type: ignore[no-untyped-def]
    """The term start, where the length names one ('12 months from 1 March 2026': the cell says both): the row's own
    start where it gives one (a warning where the two differ), else the named one (an info); and whether the named
    one, needed, could not be read (an error on the length)."""
    text = row.text("term_months")
    named = named_start(text, order) if text else None
    if named is None:
        return given, False
    day, problem = named
    if given is not None:
        if day is not None and day != given:
            said = (
                f"The term length '{text}' starts the term on {day:%Y-%m-%d}, but the row's term start is "
                f"{given:%Y-%m-%d}: the term start is used."
            )
            report(Severity.WARNING, "term_months", said)
        return given, False
    if day is None:
        report(Severity.ERROR, "term_months", f"Term start: {problem} (in the term length '{text}').")
        return None, True
    said = f"Term start {day:%Y-%m-%d} read from the term length '{text}', which names it (the row gives no start of its own)."
    report(Severity.INFO, "term_months", said)
    return day, False


def _end_from_length(row: DataRow, start: date | None, catalog: Catalog, report, alone: bool = False) -> date | None:  # type: ignore[no-untyped-def]
    """The term end a term length gives (Salesforce's Contract Term: the start plus so many months, less a day),
    said in an info finding; None where the row gives no start or no readable length. ``alone``: the sheet has no
    end column, so a blank or unreadable length leaves the row with no end, an error on the length's cell."""
    text = row.text("term_months")
    if start is None or not text:
        if start is not None and alone and row.has("term_months"):
            said = "The term length is missing, so no term end is worked out (this sheet's end is its start plus its length)."
            report(Severity.ERROR, "term_months", said)
        return None
    count = _months(row, text, catalog)
    if count is None:
        said = f"Term length '{text}' is not a number of months or years ({LENGTHS}); no term end is worked out from it."
        report(Severity.ERROR if alone else Severity.WARNING, "term_months", said)
        return None
    end = add_months(start, count) - timedelta(days=1)
    said = f"Term end {end:%Y-%m-%d} worked out from the term start and its length of {count} month{'s' if count != 1 else ''}."
    report(Severity.INFO, "term_months", said)
    return end


def _months(row: DataRow, text: str, catalog: Catalog) -> int | None:
    """The months the row's term length says, a bare count in the unit its header names ('Term (Years)': 3 is 36)."""
    column = row.match.columns.get("term_months")
    return months_in(text, catalog, header_unit(row.match.headers.get(column, ""), catalog) if column is not None else 1)


def _program(  # type: ignore[no-untyped-def]
    catalog: Catalog,
    product: Product,
    text: str,
    customer: str,
    column: bool,
    report,
    uncalculated,
    both: bool = False,
    unpaired: tuple[str, ...] | None = None,
) -> tuple[Program | None, LineItem | None]:
    """(the product's program the tier cell names, an add-on it names beside it: "Premier Plus w/ 50% MCSE"), the
    customer's name beside it set aside (said in an info); an error finding where it names no program of the product.
    ``both``: the product was read from the tier cell too (the product cell blank). ``unpaired``: the row's products
    a tier list of another length pairs with none: one error for the row's tier cell names them all, said by its
    first product (``()`` for the rest)."""
    program = program_named(catalog, product, text)
    if program is not None:
        return program, None
    if (paired := tier_with_addon(catalog, product, text)) is not None:
        return paired
    rest, *overlaps = (customer_splits(text, customer, catalog.legal_suffixes) if text else []) or [""]
    if rest and (program := program_named(catalog, product, rest)) is not None:
        other = {p.name for o in overlaps if (p := program_named(catalog, product, o)) not in (None, program)}
        if other:  # 'Premier Plus Corp' on Plus Corp's row: Premier beside the name, or Premier Plus and 'Corp'?
            said = (
                f"Tier '{text}' could be {program.name} beside the customer's name '{customer}', or "
                f"{' or '.join(sorted(other))}: write the tier in a cell of its own."
            )
            report(Severity.ERROR, "program", said, product.id)
            return None, None
        read = f"Product {product.name} and tier {program.name}" if both else f"Tier {program.name}"
        said = f"{read} read from '{text}', the customer's name beside it set aside."
        report(Severity.INFO, "program", said, product.id)
        return program, None
    tiers = ", ".join(catalog.programs[p].name for p in catalog.program_ids_by_rank(product))
    listed = [t for t in LISTED.split(text.strip()) if t] if text else []
    if len(listed) > 1 and unpaired is not None:
        if unpaired:
            report(Severity.ERROR, "program", _unpaired_tiers(catalog, text, len(listed), unpaired))
        return None, None
    message = (
        f"Tier '{_one_line(text)}' lists {len(listed)} tiers: they go with the products one for one (the first with the "
        f"first) only where the product cell lists as many; {product.name} needs one of {tiers}."
        if len(listed) > 1
        else f"Tier '{text}' is not one of the {product.name} programs ({tiers})."
        if text
        else uncalculated("program")
        or f"{'The tier is missing' if column else 'This sheet has no tier column'}; {product.name} needs one of {tiers}."
    )
    report(Severity.ERROR, "program", message, product.id)
    return None, None


def _unpaired_tiers(catalog: Catalog, text: str, count: int, products: tuple[str, ...]) -> str:
    """The one error for a tier cell listing ``count`` tiers beside a product cell listing another number of
    ``products``: none is paired, and each product's tiers to choose from."""
    needs = []
    for part in dict.fromkeys(products):
        if (product := product_named(catalog, part)) is not None:
            needs.append(
                f"{part} needs one of {', '.join(catalog.programs[p].name for p in catalog.program_ids_by_rank(product))}"
            )
    return (
        f"Tier '{_one_line(text)}' lists {count} tiers for {_count(len(products), 'product')} ({'; '.join(products)}), so "
        "none is paired with its product: they go with the products one for one (the first with the first) only where "
        f"the product cell lists as many" + (f"; {'; '.join(needs)}." if needs else ".")
    )


def _addons(row: DataRow, catalog: Catalog, report) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """Each catalog add-on from its own column: yes/no, or the option bought where the add-on has options. A cell
    naming the column's own add-on by the add-ons' spellings ('Dedicated CSE' under 'Dedicated CSE', 'Mission
    Critical Support - 50% Dedicated MCSE' under 'MCSE') says it is held, as a line item or an Add-ons list would."""
    held: dict[str, str | None] = {}
    for addon in catalog.addons.values():
        if not row.has(addon.id):
            continue
        text = row.text(addon.id)
        item = line_item_for(catalog, text) if text else None
        own = item if item is not None and item.addon == addon.id else None  # the cell names this very add-on
        if not addon.options:
            yes, problem = values.parse_yes_no(row.get(addon.id), catalog)
            if problem and own is not None:
                yes, problem = True, None
            if problem:
                report(Severity.WARNING, addon.id, f"{addon.column}: {problem}.")
            if yes:
                held[addon.id] = None
            continue
        if not text or values.parse_yes_no(text, catalog) == (False, None):
            continue
        option = catalog.addon_option_for(addon.id, text) or (addon.options.get(own.option) if own and own.option else None)
        if option is None:
            labels = " or ".join(o.label for o in addon.options.values())
            report(Severity.ERROR, addon.id, f"{addon.short} option '{text}' is not known; use {labels}.")
        else:
            held[addon.id] = option.id
    return held


def _listed_addons(row: DataRow, catalog: Catalog, addons: dict[str, str | None], report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The add-ons a column listing them names (Zoho CRM's "Add-ons": "Dedicated CSE;Mission Critical Support - 50%
    Dedicated MCSE") into ``addons``; returns each add-on so read with the list's header, the column its findings
    name. The add-on's own cell, where filled, decides (it is the more specific) and a warning says where the list
    disagrees; a blank one leaves the list to decide. Two levels of one add-on are an error: neither is read, as
    which was bought is not known. The parts naming no add-on are one warning per cell."""
    read: dict[str, str] = {}
    for header, text in kept.ADDON_LIST.named(row.extra(), catalog):
        if values.parse_yes_no(text, catalog) == (False, None):
            continue
        items, unread = listed_addons(catalog, text)
        named: dict[str, dict[str | None, str]] = {}  # add-on id -> option -> the first part naming it
        for part, item in items:
            assert item.addon is not None
            named.setdefault(item.addon, {}).setdefault(item.option, part)
        for addon_id, options in named.items():
            addon = catalog.addons[addon_id]
            parts = " and ".join(f"'{p}'" for p in options.values())
            if row.text(addon_id):  # its own cell is filled: it decides
                if set(options) != ({addons[addon_id]} if addon_id in addons else set()):
                    own = row.match.headers.get(row.match.columns.get(addon_id, -1), addon.short)
                    said = (
                        f"{header} names {parts}, but column '{own}' says '{row.text(addon_id)}': the {addon.short} is "
                        f"read from '{own}', the add-on's own column."
                    )
                    report(Severity.WARNING, addon_id, said)
                continue
            if len(options) > 1:
                said = (
                    f"{header}: {parts} are two levels of the {addon.short}; which one was bought is not known, so "
                    f"neither is read. Keep the one bought."
                )
                report(Severity.ERROR, header, said)
                continue
            addons[addon_id] = next(iter(options))
            read[addon_id] = header
        if unread:
            known = ", ".join(a.name for a in catalog.addons.values())
            count = len(unread) if len(unread) <= LISTED_SHOWN + 1 else LISTED_SHOWN  # never "and 1 more"
            shown = ", ".join(f"'{p}'" for p in unread[:count])
            more = f" and {len(unread) - count} more" if len(unread) > count else ""
            one = len(unread) == 1
            said = (
                f"{header}: {shown}{more} name{'s' if one else ''} no add-on ({known}); "
                f"{'it is' if one else 'they are'} not read."
            )
            report(Severity.WARNING, header, said)
    return read


def _unread_addon_columns(rows: list[DataRow], match: TableMatch, catalog: Catalog) -> list[Finding]:
    """A warning for each kept column no rule reads whose filled cells all name add-ons ('100% Dedicated MCSE' under
    a header the catalog does not know as an add-ons list), a no aside: the add-ons it names are not read, and a
    column of them is never kept silently (domain.md section 9)."""
    reads = kept_reads(match, catalog)
    out = []
    for index, header in match.extra.items():
        if index in reads:
            continue
        named: list[str] = []
        for row in rows:
            text = row.extras.get(header, "").strip()
            if not text or values.parse_yes_no(text, catalog) == (False, None):
                continue
            items, unread = listed_addons(catalog, text)
            if unread or not items:
                break
            named.append(text)
        else:
            if not named:
                continue
            shown = ", ".join(f"'{_one_line(t)}'" for t in list(dict.fromkeys(named))[:LISTED_SHOWN])
            said = (
                f"Column '{header}' names add-ons ({shown}), but its header is not one the add-ons bought are read "
                f"from, so they are not read. Head it 'Add-ons' to read them."
            )
            first = next(r for r in rows if r.extras.get(header, "").strip() in named)
            out.append(Finding(Severity.WARNING, said, first.source, header, first.text("customer")))
    return out


LISTED_SHOWN = 3  # parts of a list cell a finding quotes: a cell of a thousand is one warning, not a thousand


def _place(row: DataRow, catalog: Catalog, report) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(IANA zone, ISO country) with the fallbacks of domain.md section 7."""
    default = catalog.settings.default_timezone
    country, country_problem = places.parse_country(row.text("country"))
    zone, problem = places.parse_timezone(row.text("time_zone"), catalog, country)
    if problem and zone:
        report(Severity.WARNING, "time_zone", problem[0].upper() + problem[1:] + ".")
    if zone is None:
        state = _state_of(row, catalog, country) if country else ""
        by_state = places.zone_of_subdivision(country, state, catalog) if country and state else None
        fallback = by_state or (places.zone_of_country(country, catalog) if country else None)
        used = fallback or default
        why = f"{problem}" if problem else "no time zone is given"
        source = (
            "the default"
            if not (fallback and country)
            else f"the zone of {subdivision_name(country, state)}, {country}-{state}; give the row's time zone to be exact"
            if by_state
            else places.country_zone_words(country)
        )
        # an accounts sheet or the customer's other terms may give the zone (joins, borrowed_place): marked for them
        unsaid = None if problem else Unsaid.TIME_ZONE
        report(Severity.WARNING, "time_zone", f"{why[0].upper() + why[1:]}; {used} ({source}) is used.", unsaid)
        zone = used
    if country is None:
        derived = places.country_of_zone(zone)
        if country_problem:
            used = (
                f"{places.country_name(derived)} ({derived}), from the time zone, is used"
                if derived
                else "no public holidays are applied"
            )
            report(Severity.WARNING, "country", f"{country_problem[0].upper() + country_problem[1:]}; {used}.")
        country = derived
    return zone, country or ""


def _state_of(row: DataRow, catalog: Catalog, country: str) -> str:
    """The row's State/Province as the holidays package's code, "" where it gives none it knows (its problem is
    reported once, by _subdivision)."""
    text = row.text("subdivision")
    return resolve_subdivision(country, text, catalog)[0] if text else ""


def _subdivision(row: DataRow, catalog: Catalog, zone: str, country: str, report) -> str:  # type: ignore[no-untyped-def]
    """The state or province whose public holidays close the clock: as given, else from a one-state time zone."""
    text = row.text("subdivision")
    if text:
        code, problem = resolve_subdivision(country, text, catalog)
        if problem:
            report(Severity.WARNING, "subdivision", problem[0].upper() + problem[1:] + ".")
        return code
    code = subdivision_of_zone(zone, country, catalog)
    if code:
        name = subdivision_name(country, code)
        report(
            Severity.INFO,
            "time_zone",
            f"No state or province is given; the public holidays of {name} "
            f"({country}-{code}) are used, from the time zone {zone}.",
        )
    return code


def _region(row: DataRow, catalog: Catalog, report) -> str:  # type: ignore[no-untyped-def]
    """The contract's region; a country written there is read as its region (an info finding says so)."""
    text = row.text("region")
    region, country = places.region_of(text, catalog)
    if not country:
        return text
    report(Severity.INFO, "region", f"Region '{text.strip()}' is read as {region} (a country or a sub-region of it).")
    return region


OPEN_END_YEAR = 2999  # 9999-12-31 (SAP, Salesforce), 4000-12-31, 2999-12-31: how systems write "no end"


def _out_of_range(field: str, day: date) -> tuple[Severity, str, str]:
    """A date before 1900 or after 2200: a term end far ahead is how exports write an open end (SAP's and
    Salesforce's 9999-12-31), so the term is read as having none; anything else is a typo to fix."""
    if field == "term_end" and day > clock.LAST_DAY:
        unworked = "so no term end, renewal request deadline or reminder is worked out from it"
        if day.year >= OPEN_END_YEAR and (day.year == 9999 or (day.month, day.day) == (12, 31)):
            return (
                Severity.INFO,
                field,
                f"Term end {day:%Y-%m-%d} marks an open-ended term: it is read as having no end, {unworked}.",
            )
        # 2526-01-01 for 2026-01-01: read as no end all the same (the term runs), but a slip to look at, not a habit
        return (
            Severity.WARNING,
            field,
            f"Term end {day:%Y-%m-%d} is past {clock.LAST_DAY.year} but is not how exports write an open end "
            f"(9999-12-31): read as an open-ended term, {unworked}. If it is a typo, correct it in the book.",
        )
    return (
        Severity.ERROR,
        field,
        f"{_label(field)}: {day.isoformat()} is outside the years {clock.FIRST_DAY.year}–{clock.LAST_DAY.year} "
        "that contracts are judged in; check the book.",
    )


def _label(field: str) -> str:
    labels = {"term_start": "Term start", "term_end": "Term end", "initial_term_start": "Initial term start", "program": "Tier"}
    return labels.get(field, field.replace("_", " ").capitalize())
