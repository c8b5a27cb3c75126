"""Line-item product names: a product with its program, or an add-on with its option, in one cell.

Salesforce Opportunity Products and Quote Line Items write `Okta Premier Plus Support (12 months)`,
`Dedicated CSE Add-On` or `Mission Critical Support - 50% Dedicated MCSE` where a contract book
has a product and a tier column. The spellings are the catalog's own (products, programs, add-ons,
options and the contract headers of each add-on), combined; a duration and the catalog's filler
words ([line_items] filler) are dropped first. Built once per catalog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from explorer.catalog import Catalog, Product, Program, fold

# A note beside a name in a hand-kept book: "Premier+ (renewed)", "Premier (legacy)", "Premier Plus 2024".
NOTE = re.compile(r"[(\[][^()\[\]]*[)\]]|\b(?:19|20)\d{2}\b")
_BRACKETED = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
DURATION = re.compile(
    r"[(\[]?\s*\b\d+\s*-?\s*(?:months?|mos?|years?|yrs?|m|y|monate?|jahre?|mois|ans?|meses|mes|años?|mesi|anni|meses|anos?)\b\s*[)\]]?"
    r"|\b(?:annual(?:ly)?|yearly|monthly)\b",
    re.IGNORECASE,
)


# An ERP's product code before the name: Odoo writes "[OKTA-PP] Okta Premier Plus Support"
SKU = re.compile(r"^\s*\[[A-Za-z0-9][\w.\-/]{0,39}\]\s+")


@dataclass(frozen=True)
class LineItem:
    """What a line's product name names: a product and program, or an add-on (and its option)."""

    product: str | None = None
    program: str | None = None
    addon: str | None = None
    option: str | None = None


@lru_cache(maxsize=8192)  # asked of each row's product cell up to three times (line, tier, add-on list); few distinct
def line_key(text: str, filler: tuple[str, ...]) -> str:
    """The folded words that name something: no product code, no duration, no filler word."""
    text = DURATION.sub(" ", SKU.sub("", text).casefold()).replace(",", " ").replace(";", " ")
    for word in sorted(filler, key=len, reverse=True):
        text = re.sub(rf"(?<![\w]){re.escape(word.casefold())}(?![\w])", " ", text)
    return fold(text)


_BUILT: dict[int, tuple[Catalog, dict[str, LineItem], dict[tuple[str, str], Program]]] = {}


def _built(catalog: Catalog) -> tuple[dict[str, LineItem], dict[tuple[str, str], Program]]:
    """The two spelling maps of a catalog, built on first use (catalogs are frozen but not hashable)."""
    known = _BUILT.get(id(catalog))
    if known is None or known[0] is not catalog:
        known = (catalog, _index(catalog), _programs(catalog))
        _BUILT[id(catalog)] = known
    return known[1], known[2]


def _index(catalog: Catalog) -> dict[str, LineItem]:
    def key(text: str) -> str:
        return line_key(text, catalog.line_filler)

    out: dict[str, LineItem] = {}
    for product in catalog.products.values():
        for pid in reversed(product.programs):
            program = catalog.programs[pid]
            for p in (product.name, *product.aliases):
                for g in (program.name, *program.aliases):
                    out.setdefault(key(f"{p} {g}"), LineItem(product.id, pid))
                    out.setdefault(key(f"{g} {p}"), LineItem(product.id, pid))  # "Enterprise (Auth0)"
    headers = catalog.tables["contracts"].fields
    for addon in catalog.addons.values():
        spellings = {addon.name, addon.short, addon.column, *headers.get(addon.id, ())} - {""}
        for spelling in spellings:
            out.setdefault(key(spelling), LineItem(addon=addon.id))
            for option in addon.options.values():
                for o in (option.label, *option.aliases):
                    out.setdefault(key(f"{spelling} {o}"), LineItem(addon=addon.id, option=option.id))
                    out.setdefault(key(f"{o} {spelling}"), LineItem(addon=addon.id, option=option.id))
        for option in addon.options.values():
            for o in (option.label, *option.aliases):
                if fold(addon.short) in fold(o):  # "50% Dedicated MCSE" names its add-on
                    out.setdefault(key(o), LineItem(addon=addon.id, option=option.id))
    return {k: v for k, v in out.items() if k}


def line_item_for(catalog: Catalog, text: str) -> LineItem | None:
    """The product and program, or the add-on and option, a line-item product name carries; None if neither."""
    return _built(catalog)[0].get(line_key(text, catalog.line_filler)) if text.strip() else None


def _programs(catalog: Catalog) -> dict[tuple[str, str], Program]:
    return {
        (product.id, line_key(spelling, catalog.line_filler)): catalog.programs[pid]
        for product in catalog.products.values()
        for pid in reversed(product.programs)
        for spelling in (catalog.programs[pid].name, *catalog.programs[pid].aliases)
    }


def program_with_filler(catalog: Catalog, product_id: str, text: str) -> Program | None:
    """A tier written with a filler word ('Premier Plus Support', 'Enterprise Plan')."""
    return _built(catalog)[1].get((product_id, line_key(text, catalog.line_filler)))


def _with_notes_set_aside(text: str) -> list[str]:
    """The text, then the text without its notes in brackets and years and its abbreviations' dots ("Prem. Plus"),
    if that leaves a name."""
    bare = " ".join(NOTE.sub(" ", text).replace(".", " ").split())
    return [text, bare] if bare and bare != text.strip() else [text]


def product_named(catalog: Catalog, text: str) -> Product | None:
    """The product a product cell names, a note beside it set aside ("Customer Identity Cloud (Auth0)" is Auth0 by
    its own name, "Okta (EMEA)" is Okta); else a product named in its brackets."""
    if (product := catalog.product_for(text)) is not None:  # the usual cell, at a lookup's cost
        return product
    for candidate in _with_notes_set_aside(text)[1:]:
        if (product := catalog.product_for(candidate)) is not None:
            return product
    named = {p.id: p for note in _BRACKETED.findall(text) if (p := catalog.product_for(note))}
    return next(iter(named.values())) if len(named) == 1 else None


def program_named(catalog: Catalog, product: Product, text: str) -> Program | None:
    """The product's program a tier cell names: a spelling of it, with a filler word ("Premier Plus Support"), with
    the product named too ("Okta - Premier+", "Enterprise (Auth0)"), or with a note beside it ("Premier+
    (renewed)", "Premier Plus 2024"). A tier cell that names only the product is no tier: the product's default
    program, as for a blank one."""
    if (found := catalog.program_for(product, text)) is not None:  # the usual cell, at a lookup's cost
        return found
    if text.strip() and product_named(catalog, text) is product:
        return catalog.program_for(product, "")
    noted = {p.id for note in _BRACKETED.findall(text) if (p := catalog.product_for(note)) is not None}
    for candidate in _with_notes_set_aside(text) if noted <= {product.id} else [text]:  # "Premier (Auth0)" on Okta
        found = catalog.program_for(product, candidate) or program_with_filler(catalog, product.id, candidate)
        if found is not None:
            return found
        item = line_item_for(catalog, candidate)
        if item is not None and item.product == product.id and item.program:
            return catalog.programs[item.program]
    return None


def beside_customer(text: str, customer: str, suffixes: frozenset[str]) -> str | None:
    """The tier cell's text with the row's customer name set aside, where it begins or ends with it: Salesforce's
    Entitlement Name ("Acme Corp - Premier Support", "Premier (Acme)") names the account and the support bought.
    None where the cell does not name the customer, or names nothing else."""
    splits = customer_splits(text, customer, suffixes)
    return splits[0] if splits else None


def customer_splits(text: str, customer: str, suffixes: frozenset[str]) -> list[str]:
    """What the tier cell holds beside the row's customer name, first with all of the name set aside, then with only
    part of it (its words where name and tier meet counted to the tier: 'Premier Plus Corp' on Plus Corp's row is
    'premier', then 'premier plus'); [] where the cell does not begin or end with the name."""
    from explorer.importing.spelling import loose_name  # spelling reads the catalog's tables: imported when needed

    name = loose_name(customer, frozenset()).split()
    short = loose_name(customer, suffixes).split()  # "Acme" for "Acme Corp", as a name is often shortened
    cell = loose_name(text, frozenset()).split()
    for words in dict.fromkeys((tuple(name), tuple(short))):
        size = len(words)
        if not words or size >= len(cell):
            continue
        if tuple(cell[:size]) == words:
            return [" ".join(cell[size - j :]) for j in range(size)]
        if tuple(cell[-size:]) == words:
            return [" ".join(cell[: len(cell) - size + j]) for j in range(size)]
    return []


def product_and_tier(catalog: Catalog, product_text: str, tier_text: str, customer: str = "") -> tuple[Product | None, str]:
    """(the product a row names, its tier text): the product cell's own ("Okta", "Customer Identity Cloud
    (Auth0)"); a line item's, which gives the tier too where the tier cell is blank ("Okta Premier Plus Support
    (12 months)"); else, with the product cell blank, a tier cell naming both ("Okta Premier Plus"), the row's
    ``customer`` beside them set aside (Salesforce's Entitlement Name "Acme Corp - Okta Premier Plus Support")."""
    product = product_named(catalog, product_text) if product_text else None
    if product is not None:
        return product, tier_text
    line = line_item_for(catalog, product_text) if product_text else _product_in_tier(catalog, tier_text)
    if line is None and not product_text and customer and tier_text:
        rest = beside_customer(tier_text, customer, catalog.legal_suffixes)
        line = _product_in_tier(catalog, rest) if rest else None
    if line is None or line.product is None:
        return None, tier_text
    return catalog.products[line.product], tier_text or catalog.programs[line.program or ""].name


def tier_in_product(catalog: Catalog, product_text: str) -> Program | None:
    """The program a product cell names beside its product ('Okta Premier Plus', a line item's name), which a tier
    cell naming another overrides (product_and_tier); None for a cell naming a product alone."""
    if not product_text or product_named(catalog, product_text) is not None:
        return None
    line = line_item_for(catalog, product_text)
    return catalog.programs[line.program] if line is not None and line.product and line.program else None


def _product_in_tier(catalog: Catalog, text: str) -> LineItem | None:
    for candidate in _with_notes_set_aside(text):
        item = line_item_for(catalog, candidate)
        if item is not None and item.product and item.program:
            return item
    return None


# A tier written with the add-on bought on it: "Premier Plus w/ 50% MCSE", "Premier Plus + CSE", "Premier Plus with
# Dedicated CSE". ("plus" is no joiner: it is part of a program's name.)
WITH_ADDON = re.compile(r"\s+(?:w/|with|incl\.?|including|\+|&)\s+", re.IGNORECASE)


def tier_with_addon(catalog: Catalog, product: Product, text: str) -> tuple[Program, LineItem] | None:
    """(the program, the add-on and its option) a tier cell names together; None where it names no such pair."""
    parts = WITH_ADDON.split(text.strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    program = program_named(catalog, product, parts[0])
    item = line_item_for(catalog, parts[1])
    if program is None or item is None or item.addon is None:
        return None
    return program, item


# Several products in one cell: an Airtable or Notion multi-select ("Okta Premier Plus,Auth0 Enterprise"), or a list
# split by "; " or line breaks. A comma inside brackets is a note's ("Premier Plus (renewed, 2026)").
LISTED = re.compile(r"\s*(?:[;\n\r]|,(?![^()\[\]]*[)\]]))\s*")


def _reads(catalog: Catalog, text: str) -> bool:
    """Whether a product cell's text names a product (with its tier or not) or an add-on line."""
    if product_and_tier(catalog, text, "")[0] is not None:
        return True
    item = line_item_for(catalog, text)
    return item is not None and item.addon is not None


def listed_products(catalog: Catalog, text: str) -> tuple[list[str], list[str]] | None:
    """(the parts, the parts no spelling reads) of a product cell that lists several products or add-ons; None where
    it is no such list: it reads whole, holds one part, or no part of it reads. A part selling a licence beside them
    ('Okta Premier,Okta Workforce Identity - SSO', licence_part) is read, to be set aside as a licence line is."""
    parts = [p for p in LISTED.split(text.strip()) if p]
    if len(parts) < 2 or _reads(catalog, text):
        return None
    read = [p for p in parts if _reads(catalog, p)]
    unread = [p for p in parts if p not in read and not licence_part(catalog, p)]
    return (parts, unread) if read else None


def licence_part(catalog: Catalog, text: str) -> bool:
    """A product name selling a licence, not support ('Okta Workforce Identity - SSO (per user)'): it holds a licence
    word of the catalog ([line_items] licences) and names no product's support program nor an add-on. A product name
    alone ('Okta SSO', a spelling of Okta) is no licence: it is a product."""
    if catalog.product_for(text) is not None or catalog.licence_word(text) is None:
        return False
    item = line_item_for(catalog, text)
    if item is not None and item.addon is not None:
        return False
    product, tier = product_and_tier(catalog, text, "")
    return product is None or program_named(catalog, product, tier) is None


def listed_addons(catalog: Catalog, text: str) -> tuple[list[tuple[str, LineItem]], list[str]]:
    """((each part, the add-on it names), the parts naming none) of a cell listing the add-ons bought: "Dedicated
    CSE;Mission Critical Support - 50% Dedicated MCSE" (catalog [layout] addon_list_columns)."""
    items: list[tuple[str, LineItem]] = []
    unread: list[str] = []
    for part in (p for p in LISTED.split(text.strip()) if p):
        item = line_item_for(catalog, part)
        if item is not None and item.addon is not None:
            items.append((part, item))
        else:
            unread.append(part)
    return items, unread
