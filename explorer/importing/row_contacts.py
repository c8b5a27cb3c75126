"""Named contacts kept in the contracts table itself: a "Named contacts" cell holding a list, or "Contact 1".."Contact N".

Small books rarely keep a contacts table; the people an MCSE serves sit beside the contract instead. Each
entry becomes a named contact of the row's customer for the row's product, sourced to the row and the
column, so the named-contact limit and the region check count them as they count a contacts table's.
"""

from __future__ import annotations

import re

from explorer.catalog import Catalog, fold
from explorer.importing.emails import address
from explorer.importing.headers import undecorated
from explorer.importing.tables import TableMatch
from explorer.model import Contact, Finding, Severity, Source, customer_key

NUMBERED = re.compile(r"(.*?)\s*(?:#|no\.?|nr\.?)?\s*\d{1,3}")  # "Contact 3", "Named Contact #2"
SEPARATORS = re.compile(r"[;\n\r]+|,(?![^<]*>)")  # a comma inside "<...>" is no separator


def contact_columns(match: TableMatch, catalog: Catalog) -> dict[int, str]:
    """The contracts table's unrecognised columns that list named contacts: column index -> header."""
    if match.kind != "contracts":
        return {}
    lists = {fold(h) for h in catalog.contact_list_columns}
    numbered = {fold(h) for h in catalog.numbered_contact_columns}
    out = {}
    for index, header in match.extra.items():
        key = fold(undecorated(header))
        number = NUMBERED.fullmatch(undecorated(header))
        if key in lists or (number is not None and fold(number.group(1)) in numbered):
            out[index] = header
    return out


# A linked record as Notion and Airtable export it: the person's name, then the record's address in brackets.
LINKED = re.compile(r"\s*[(<\[]\s*https?://[^\s()<>\[\]]*\s*[)>\]]")


def entries(text: str) -> list[tuple[str, str]]:
    """(name, email) of each person a cell lists: "Jane Doe <jane@x>", an address alone, or a name alone."""
    out = []
    for piece in SEPARATORS.split(text):
        piece = piece.strip()
        if not piece:
            continue
        found, shown = address(piece)
        out.append((shown or found, found) if "@" in found else (LINKED.sub("", piece).strip() or piece, ""))
    return out


def row_contacts(
    customer: str, product: str | None, cells: dict[str, str], columns: dict[int, str], source: Source
) -> list[Contact]:
    """The named contacts one contract row lists in its contact columns (``cells``: header -> text)."""
    out = []
    for header in columns.values():
        for name, email in entries(cells.get(header, "")):
            where = Source(source.file, source.sheet, source.row, header)
            out.append(Contact(customer, name, email, "", True, product, where))
    return out


def once(contacts: list[Contact]) -> tuple[list[Contact], int]:
    """The contacts with each person listed once per customer and product: a contacts table's entry wins over one
    in a contract row (read later or not), and a person a contract row lists again (a renewal row repeating the
    list, or both a list and a Contact N column) counts once. Returns them and how many in-row entries went."""

    def person(c: Contact) -> tuple[str, str | None, str]:
        return customer_key(c.customer), c.product, c.email.casefold() or " ".join(c.name.split()).casefold()

    def in_row(c: Contact) -> bool:
        return bool(c.source.column)

    listed = {person(c) for c in contacts if not in_row(c)}  # one without a product counts for every product
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for c in contacts:
        if in_row(c):
            key = person(c)
            if key in listed or (key[0], None, key[2]) in listed or key in seen:
                continue
            seen.add(key)
        out.append(c)
    return out, len(contacts) - len(out)


def read_finding(columns: dict[int, str], count: int, source: Source) -> Finding:
    headers = ", ".join(f"'{h}'" for h in columns.values())
    return Finding(
        Severity.INFO,
        f"Column{'s' if len(columns) != 1 else ''} {headers} list{'' if len(columns) != 1 else 's'} named contacts of "
        f"each row's customer: {count} read as named contact{'s' if count != 1 else ''} of the row's product.",
        source,
    )
