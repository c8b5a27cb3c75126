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

from explorer.catalog import Catalog, Program, fold

DURATION = re.compile(
    r"[(\[]?\s*\b\d+\s*-?\s*(?:months?|mos?|years?|yrs?|m|y)\b\s*[)\]]?|\b(?:annual(?:ly)?|yearly|monthly)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LineItem:
    """What a line's product name names: a product and program, or an add-on (and its option)."""

    product: str | None = None
    program: str | None = None
    addon: str | None = None
    option: str | None = None


def line_key(text: str, filler: tuple[str, ...]) -> str:
    """The folded words that name something: no duration, no filler word."""
    text = DURATION.sub(" ", text.casefold()).replace(",", " ").replace(";", " ")
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
