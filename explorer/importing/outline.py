"""A contracts list kept as an outline in one column: each customer's name on a row of its own, its products below.

    Account / Product | Tier         | Start      | End        | Time Zone
    Blue Yonder       |              |            |            | America/New_York
        Okta          | Premier Plus | 2026-02-01 | 2027-01-31 |
        Auth0         | Premier      | 2026-02-01 | 2027-01-31 |

Hand-kept books group a customer's terms so, the products indented (by spaces, or by Excel's indent, which the
reader does not see) under the customer. A mapping cannot read it, as a column serves one field; this reads the
column as both: the customer from the heading row above, the product from the row's own cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from explorer.catalog import Catalog
from explorer.importing.readers import Cell, RawSheet
from explorer.importing.tables import NearMiss, is_filled

# A row holding any of these is a term; a row holding none, with a name in the outline column, is a heading.
TERM_FIELDS = ("program", "term_start", "term_end")
PRODUCT_HEADER = "Product"


@dataclass(frozen=True)
class Outline:
    sheet: RawSheet  # the sheet with a product column added and each term's customer filled in
    headings: list[tuple[int, str]]  # (1-based row, customer) of each heading row
    column: str  # the outline column's header as written
    empty: list[tuple[int, str]] = field(default_factory=list)  # headings with no product below them


def product_outline(sheet: RawSheet, near: NearMiss | None, catalog: Catalog) -> Outline | None:
    """The sheet read as an outline, or None where it is not one: a contracts header lacking only the product, its
    customer column holding heading rows (a name, no tier or dates) and, below them, rows whose cell there names a
    product of the catalog (most of them: one the catalog does not know is still read, and then refused by name).

    A heading's other cells (region, time zone, owner) hold for each term below it that leaves them blank; the
    heading rows themselves are emptied.
    """
    if near is None or near.kind != "contracts" or catalog.tables["contracts"].unmet(set(near.found)) != ["product"]:
        return None
    at = near.positions.get("customer")
    terms = [near.positions[f] for f in TERM_FIELDS if f in near.positions]
    if at is None or not terms:
        return None
    header = near.row - 1
    width = max((len(r) for r in sheet.rows), default=0)
    rows: list[list[Cell]] = []
    headings: list[tuple[int, str]] = []
    customer, held = "", {}
    products = named = 0
    under: dict[int, int] = {}  # heading row -> products read below it
    for i, raw in enumerate(sheet.rows):
        row = [*raw, *[""] * (width - len(raw))]
        if i < header:
            rows.append([*row, ""])
            continue
        if i == header:
            rows.append([*row, PRODUCT_HEADER])
            continue
        cell = row[at]
        if not is_filled(cell):
            rows.append([*row, ""])
            continue
        if not any(is_filled(row[t]) for t in terms) and catalog.product_for(str(cell).strip()) is None:
            customer = str(cell).strip()
            held = {j: c for j, c in enumerate(row) if j != at and is_filled(c)}
            headings.append((i + 1, customer))
            under[i + 1] = 0
            rows.append([""] * (width + 1))
            continue
        product = str(cell).strip()
        products += 1
        if headings:
            under[headings[-1][0]] += 1
        named += catalog.product_for(product) is not None
        term = [held.get(j, c) if not is_filled(c) else c for j, c in enumerate(row)]
        term[at] = customer  # a term above the first heading has no customer: refused as such
        rows.append([*term, product])
    if not headings or not named or named * 2 < products:
        return None
    empty = [(row, name) for row, name in headings if not under[row]]
    return Outline(replace(sheet, rows=rows), headings, near.columns.get("customer", ""), empty)
