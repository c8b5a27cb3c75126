"""Two columns naming one field ('Custom: Support Tier' beside 'Custom: Tier', 'Contract Renewal Date' beside
'Contract End'): one is read (headers._rivals names the other). Where the other holds another value on some row, the
info naming it is not enough: one warning for the table says how many rows differ, the first with both values, and
how to choose. Rows where the two agree, or the other is blank, are fine."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from explorer.catalog import Catalog
from explorer.importing import values
from explorer.importing.headers import Guess, label
from explorer.importing.tables import TableMatch
from explorer.importing.values import cell_text
from explorer.model import Finding, Severity, Source


def _reading(field: str, cell: object, row: Sequence[object], match: TableMatch, catalog: Catalog) -> object | None:
    """What the catalog reads ``cell`` as, for the field: a day, a product, its row's product's program; None where
    it reads nothing (a SKU 'OKTA-WF-SSO' beside the product's name is no disagreement, only another vocabulary)."""
    text = cell_text(cell).strip()
    if not text:
        return None
    if catalog.tables[match.kind].field_type(field) == "date":
        return values.parse_date(cell, values.UNSETTLED)[0]
    if field == "product":
        product = catalog.product_for(text)
        return product.id if product else None
    if field == "program" and (at := match.columns.get("product")) is not None and at < len(row):
        product = catalog.product_for(cell_text(row[at]).strip())
        program = catalog.program_for(product, text) if product else None
        return program.id if program else None
    return None


def _anniversary(field: str, read: object, held: object) -> bool:
    """An end beside the renewal (anniversary) date the day after it: one term written both ways (anniversary.py)."""
    return field == "term_end" and isinstance(read, date) and isinstance(held, date) and abs((held - read).days) == 1


def rivals_differ(
    guess: Guess, rows: Sequence[Sequence[object]], match: TableMatch, catalog: Catalog, where: Source, hint: str
) -> list[Finding]:
    """A warning per column naming ``guess``'s field too (its rivals) whose value the catalog reads as another than
    the column read's on some row of ``match``'s table in the sheet's ``rows`` (dates, products, tiers: where both
    are read); ``hint`` how to choose."""
    if not guess.rivals:
        return []
    body, first_row = match.body(rows), match.header_index + 2
    found = []
    for rival in guess.rivals:
        other = next((c for c, h in match.headers.items() if h == rival), None)
        if other is None:
            continue
        differ = []
        for at, row in enumerate(body):
            if max(other, guess.column) >= len(row):
                continue
            read, held = (
                _reading(guess.field, row[guess.column], row, match, catalog),
                _reading(guess.field, row[other], row, match, catalog),
            )
            if read is not None and held is not None and read != held and not _anniversary(guess.field, read, held):
                differ.append((first_row + at, row[guess.column], row[other]))
        if not differ:
            continue
        first, written, other_written = differ[0]
        said = (
            f"Columns '{guess.header}' and '{rival}' both name the {label(guess.field)} and differ on "
            f"{len(differ)} row{'s' if len(differ) != 1 else ''} (first row {first}: '{cell_text(written)}' and "
            f"'{cell_text(other_written)}'): '{guess.header}' is read. To read '{rival}' instead, {hint}."
        )
        found.append(Finding(Severity.WARNING, said, where, rival))
    return found
