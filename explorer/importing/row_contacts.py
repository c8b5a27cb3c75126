"""Named contacts kept in the contracts table itself: a "Named contacts" cell holding a list, or "Contact 1".."Contact N".

Small books rarely keep a contacts table; the people an MCSE serves sit beside the contract instead. Each
entry becomes a named contact of the row's customer for the row's product, sourced to the row and the
column, so the named-contact limit and the region check count them as they count a contacts table's. A contacts
table's name cell listing several people is split by the same rule (entries; explorer.importing.contacts).
"""

from __future__ import annotations

import re
from dataclasses import replace

from explorer.catalog import Catalog, fold
from explorer.importing.emails import address
from explorer.importing.headers import spelled, variants
from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch
from explorer.importing.values import cell_text, parse_yes_no
from explorer.model import Contact, Finding, Severity, Source, customer_key

NUMBERED = re.compile(r"(.*?)\s*(?:#|no\.?|nr\.?)?\s*\d{1,3}")  # "Contact 3", "Named Contact #2"
PERSON = re.compile(r"[^\W\d_][\w'.\-]*(?:\s+[^\W\d_][\w'.\-]*){1,3}")  # "Ann Lee", "Mary-Jo O'Neil Smith"
SEPARATORS = re.compile(r"[;\n\r]+")
COMMA = re.compile(r',(?![^<]*>)(?=(?:[^"]*"[^"]*")*[^"]*$)')  # a comma inside "<...>" or quotes is no separator


def contact_columns(match: TableMatch, catalog: Catalog) -> dict[int, str]:
    """The contracts table's unrecognised columns that list named contacts: column index -> header."""
    if match.kind != "contracts":
        return {}
    lists = frozenset(fold(h) for h in catalog.contact_list_columns)
    numbered = frozenset(fold(h) for h in catalog.numbered_contact_columns)
    out = {}
    for index, header in match.extra.items():
        numbers = (n for v in variants(header) if (n := NUMBERED.fullmatch(v)))  # 'Contact_2__c' is Contact 2
        if spelled(header, lists) or index in match.people_columns or any(fold(n.group(1)) in numbered for n in numbers):
            out[index] = header
    return out


def people_by_values(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str]:
    """A contracts table's kept column headed as one contact ('Support Contact', 'Contact Name': Salesforce Classic's
    Contracts with Contacts) whose every value is people (addresses, or names of two words or more), read as the
    row's named contacts; a yes/no column under that header is no list of people. (The match, the header or "".)"""
    if match.kind != "contracts":
        return match, ""
    singular = frozenset(fold(h) for h in catalog.numbered_contact_columns)
    for index, header in sorted(match.extra.items()):
        if not spelled(header, singular):
            continue
        # not a heading or totals line merged across the row ('Account Name: Acme Corp' in every cell)
        body = [r for r in match.body(sheet.rows) if len({cell_text(c) for c in r} - {""}) > 1]
        values = {cell_text(r[index]) for r in body if index < len(r)} - {""}
        people = all(all(email or PERSON.fullmatch(name) for name, email in entries(v)) for v in values)
        if values and people and not any(parse_yes_no(v, catalog)[1] is None for v in values):
            return replace(match, people_columns=(*match.people_columns, index)), header
    return match, ""


# A linked record as Notion and Airtable export it: the person's name, then the record's address in brackets.
LINKED = re.compile(r"\s*[(<\[]\s*https?://[^\s()<>\[\]]*\s*[)>\]]")


def entries(text: str) -> list[tuple[str, str]]:
    """(name, email) of each person a cell lists: "Jane Doe <jane@x>", an address alone, or a name alone.
    People are separated by ';' or line breaks, and by commas where each part is a person on its own."""
    out = []
    for piece in (p for part in SEPARATORS.split(text) for p in _by_commas(part)):
        piece = piece.strip()
        if not piece:
            continue
        found, shown = address(piece)
        out.append((shown or found, found) if "@" in found else (LINKED.sub("", piece).strip() or piece, ""))
    return out


def _by_commas(text: str) -> list[str]:
    """``text`` split at its commas where every part stands alone as a person (an address, a linked record, or a
    name of two words or more); else whole: "Smith, Jane" and "Smith, Jane <jane@x>" are one person, written
    surname first."""
    parts = COMMA.split(text)
    alone = all("@" in p or LINKED.search(p) or len(p.split()) > 1 for p in parts)
    return parts if alone else [text]


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


def once(contacts: list[Contact]) -> tuple[list[Contact], list[Contact], list[tuple[Contact, Contact]]]:
    """The contacts with each person listed once per customer and product: a contacts table's row of one person
    wins over an entry read out of a cell (a contract row's, or a contacts table's cell listing several people;
    read later or not), and a person such cells list again (a renewal row repeating the list, both a list and a
    Contact N column, one customer's two rows) counts once. Where the table's row marks the person not named and a
    cell names them, the book contradicts itself: the cell's listing wins (a contract row writing a person down
    names them), the row kept as named. Returns the contacts, the in-cell entries that went as repeats, and each
    (row kept as named, the cell entry naming them)."""

    def person(c: Contact) -> tuple[str, str | None, str]:
        return customer_key(c.customer), c.product, c.email.casefold() or " ".join(c.name.split()).casefold()

    def in_cell(c: Contact) -> bool:
        return bool(c.source.column)

    rows: dict[tuple[str, str | None, str], list[int]] = {}  # one without a product counts for every product
    for i, c in enumerate(contacts):
        if not in_cell(c):
            rows.setdefault(person(c), []).append(i)
    named = {i: c.named for i, c in enumerate(contacts)}
    seen: set[tuple[str, str | None, str]] = set()
    repeated: list[Contact] = []
    conflicts: dict[int, Contact] = {}  # the table row's index -> the first cell entry naming it against its mark
    for c in contacts:
        if not in_cell(c):
            continue
        key = person(c)
        listed = rows.get(key, []) + rows.get((key[0], None, key[2]), [])
        if listed and c.named and not any(named[i] for i in listed):
            for i in listed:
                named[i] = True
                conflicts.setdefault(i, c)
        elif listed or key in seen:
            repeated.append(c)
        seen.add(key)
    gone = {id(c) for c in repeated} | {id(c) for c in conflicts.values()}
    out = [replace(c, named=True) if named[i] != c.named else c for i, c in enumerate(contacts) if id(c) not in gone]
    return out, repeated, [(replace(contacts[i], named=True), c) for i, c in conflicts.items()]


def read_finding(columns: dict[int, str], count: int, source: Source) -> Finding:
    headers = ", ".join(f"'{h}'" for h in columns.values())
    return Finding(
        Severity.INFO,
        f"Column{'s' if len(columns) != 1 else ''} {headers} list{'' if len(columns) != 1 else 's'} named contacts of "
        f"each row's customer: {count} read as named contact{'s' if count != 1 else ''} of the row's product.",
        source,
    )
