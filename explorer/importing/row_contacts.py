"""Named contacts kept in the contracts table itself: a "Named contacts" cell holding a list, or "Contact 1".."Contact N".

Small books rarely keep a contacts table; the people an MCSE serves sit beside the contract instead. Each
entry becomes a named contact of the row's customer for the row's product, sourced to the row and the
column, so the named-contact limit and the region check count them as they count a contacts table's. A contacts
table's name cell listing several people is split by the same rule (entries; explorer.importing.contacts).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from explorer.catalog import Catalog, fold
from explorer.importing.emails import address
from explorer.importing.headers import spelled, variants
from explorer.importing.readers import RawSheet
from explorer.importing.spelling import loose_name
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


def people_by_values(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str, str]:
    """A contracts table's kept column headed as one contact ('Support Contact', 'Contact Name': Salesforce Classic's
    Contracts with Contacts) whose every value is people (addresses, or names of two words or more), read as the
    row's named contacts; a yes/no column under that header is no list of people. A placeholder ('TBD', 'Not
    Assigned') is a blank; a company's name (a customer of the table, or one ending in 'GmbH', 'Inc') is no person.
    (The match; the header read, or left unread for the warning that follows, or ""; that warning or "".)"""
    if match.kind != "contracts":
        return match, "", ""
    singular = frozenset(fold(h) for h in catalog.numbered_contact_columns)
    # not a heading or totals line merged across the row ('Account Name: Acme Corp' in every cell)
    body = [r for r in match.body(sheet.rows) if len({cell_text(c) for c in r} - {""}) > 1]
    at = match.columns.get("customer")
    customers = {loose_name(cell_text(r[at]), catalog.legal_suffixes) for r in body if at is not None and at < len(r)}
    for index, header in sorted(match.extra.items()):
        if not spelled(header, singular):
            continue
        values = {cell_text(r[index]) for r in body if index < len(r)} - {""}
        if not values or all(parse_yes_no(v, catalog)[1] is None for v in values):  # a checkbox: named_by_values'
            continue
        odd = [n for v in sorted(values) for n, email in entries(v) if not email and not _person(n, customers, catalog)]
        odd = [n for n in dict.fromkeys(odd) if not no_one(n, catalog)]
        if not odd and any(not no_one(n, catalog) for v in values for n, _ in entries(v)):
            return replace(match, people_columns=(*match.people_columns, index)), header, ""
        if odd:
            shown = ", ".join(f"'{n}'" for n in odd[:3]) + (f" and {len(odd) - 3} more" if len(odd) > 3 else "")
            return (
                match,
                header,
                (
                    f"Column '{header}' is not read as named contacts: {shown} "
                    f"{'is not a person' if len(odd) == 1 else 'are not people'} (a person is a name of two words or "
                    "more, or an address; a company's name is none). To read it, write each person in full and leave "
                    "the others blank (or 'TBD'), or head the column 'Named contacts' to read every value as a contact."
                ),
            )
    return match, "", ""


def no_one(name: str, catalog: Catalog) -> bool:
    """Whether a contact entry names no one yet: 'TBD', 'N/A', 'To Be Determined', 'Not Assigned' (a blank)."""
    key = fold(name)
    return not key or key in catalog.no_one_words or key in catalog.no_words


def _person(name: str, customers: set[str], catalog: Catalog) -> bool:
    """Whether a name reads as a person's: two words or more, and no company (a customer of the table, or a name
    ending in a legal suffix: 'Globex GmbH', 'Acme Corp')."""
    if not PERSON.fullmatch(name):
        return False
    loose = loose_name(name, catalog.legal_suffixes)
    return loose not in customers and loose == loose_name(name, frozenset())


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
    customer: str, product: str | None, cells: dict[str, str], columns: dict[int, str], source: Source, catalog: Catalog
) -> list[Contact]:
    """The named contacts one contract row lists in its contact columns (``cells``: header -> text); a placeholder
    ('TBD', 'Not Assigned') names no one."""
    out = []
    for header in columns.values():
        for name, email in entries(cells.get(header, "")):
            if not email and no_one(name, catalog):
                continue
            where = Source(source.file, source.sheet, source.row, header)
            out.append(Contact(customer, name, email, "", True, product, where))
    return out


def once(
    contacts: list[Contact],
) -> tuple[list[Contact], list[Contact], list[tuple[Contact, Contact]], list[tuple[Contact, Contact]]]:
    """The contacts with each person listed once per customer and product: a contacts table's row of one person
    wins over an entry read out of a cell (a contract row's, or a contacts table's cell listing several people;
    read later or not), and a person such cells list again (a renewal row repeating the list, both a list and a
    Contact N column, one customer's two rows) counts once. Where the table's row marks the person not named and a
    cell names them, the book contradicts itself: the cell's listing wins (a contract row writing a person down
    names them), the row kept as named. A person a contacts table lists twice counts once (_table_repeats). Returns
    the contacts, the in-cell entries that went as repeats, each (row kept as named, the cell entry naming them), and
    each (table row kept, table row listing the person again)."""

    def name_of(c: Contact) -> str:
        return " ".join(c.name.split()).casefold()

    def in_cell(c: Contact) -> bool:
        return bool(c.source.column)

    contacts, twice = _table_repeats(contacts, in_cell)

    # a person is matched by email, else by name: a cell giving 'Fay Foxtrot' alone is the contacts table's
    # 'Fay Foxtrot, fay@foxtrot.test' (both counted, she was over a limit that holds); two addresses are two people
    by_email: dict[tuple[str, str | None, str], list[int]] = {}  # one without a product counts for every product
    by_name: dict[tuple[str, str | None, str], list[int]] = {}
    for i, c in enumerate(contacts):
        if not in_cell(c):
            if c.email:
                by_email.setdefault((customer_key(c.customer), c.product, c.email.casefold()), []).append(i)
            by_name.setdefault((customer_key(c.customer), c.product, name_of(c)), []).append(i)

    def listed_for(c: Contact) -> list[int]:
        customer, email, name = customer_key(c.customer), c.email.casefold(), name_of(c)
        found = [i for p in (c.product, None) for i in by_email.get((customer, p, email), [])] if email else []
        found += [
            i for p in (c.product, None) for i in by_name.get((customer, p, name), []) if not email or not contacts[i].email
        ]
        return list(dict.fromkeys(found))

    named = {i: c.named for i, c in enumerate(contacts)}
    seen_email: set[tuple[str, str | None, str]] = set()
    seen_name: set[tuple[str, str | None, str]] = set()  # every cell entry's name
    seen_bare: set[tuple[str, str | None, str]] = set()  # the names of cell entries that give no address
    repeated: list[Contact] = []
    conflicts: dict[int, Contact] = {}  # the table row's index -> the first cell entry naming it against its mark
    for c in contacts:
        if not in_cell(c):
            continue
        listed = listed_for(c)
        at_email = (customer_key(c.customer), c.product, c.email.casefold())
        at_name = (customer_key(c.customer), c.product, name_of(c))
        again = at_email in seen_email or at_name in seen_bare if c.email else at_name in seen_name
        if listed and c.named and not any(named[i] for i in listed):
            for i in listed:
                named[i] = True
                conflicts.setdefault(i, c)
        elif listed or again:
            repeated.append(c)
        if c.email:
            seen_email.add(at_email)
        else:
            seen_bare.add(at_name)
        seen_name.add(at_name)
    gone = {id(c) for c in repeated} | {id(c) for c in conflicts.values()}
    out = [replace(c, named=True) if named[i] != c.named else c for i, c in enumerate(contacts) if id(c) not in gone]
    return out, repeated, [(replace(contacts[i], named=True), c) for i, c in conflicts.items()], twice


def _table_repeats(
    contacts: list[Contact], in_cell: Callable[[Contact], bool]
) -> tuple[list[Contact], list[tuple[Contact, Contact]]]:
    """The contacts with a contacts table's person listed again for the same customer and product (the same address,
    its case aside, or the same name where neither row gives one) kept once, at the first row, named where either
    row names them; and each (row kept, row listing them again), for the warning: a person counted twice put a
    customer over its MCSE limit in every output (trust round 7)."""
    first: dict[tuple[tuple[str, str], str | None], int] = {}
    twice: list[tuple[int, Contact]] = []
    for i, c in enumerate(contacts):
        if in_cell(c):
            continue
        key = (c.person, c.product)
        if key in first:
            twice.append((first[key], c))
        else:
            first[key] = i
    if not twice:
        return contacts, []
    gone = {id(c) for _, c in twice}
    named = {i for i, c in twice if c.named and not contacts[i].named}
    kept = [replace(c, named=True) if i in named else c for i, c in enumerate(contacts) if id(c) not in gone]
    return kept, [(contacts[i], c) for i, c in twice]


def read_finding(columns: dict[int, str], count: int, source: Source) -> Finding:
    headers = ", ".join(f"'{h}'" for h in columns.values())
    return Finding(
        Severity.INFO,
        f"Column{'s' if len(columns) != 1 else ''} {headers} list{'' if len(columns) != 1 else 's'} named contacts of "
        f"each row's customer: {count} read as named contact{'s' if count != 1 else ''} of the row's product.",
        source,
    )
