"""NetSuite's customer names: the entity number it puts before a name where auto-generated numbers are on
('1042 Acme Corp'), and a sub-customer written as its parent's path ('Globex Holdings : Globex GmbH'). Another
tool's case log or contacts list names 'Acme Corp' and 'Globex GmbH', so those are read, where the column writes
most of its names so: a book whose one name starts with a number ('1 800 Flowers') keeps it.

Odoo's customer (a many2one partner) is written as its display name: a contact person under a company is
'Harbor Lane Logistics, Mara Quinn'. In Odoo's export (its 'External ID' or '<...> Lines/<field>' headers) the
company before the comma is the customer where the part after it looks like a person's name: not a legal suffix
('Acme, Inc.', 'Smith, Jones & Co'), nor a region, division or address ('Globex, Latin America', 'Acme, Invoice
Address': the catalog's [values] company_part and [regions]). Outside Odoo's export the look of the words proves
nothing ('Bank of America, Merrill Lynch' is a customer of its own): a name is read so only where the book itself
knows the person after the comma as a contact of the company (a contacts table, or a contract row's named
contacts), once the whole book is read (known_contacts). A case log's organisation column, where such display
names occur most, is read so too where the book or another case names the company alone and the part after the
comma looks like a person's name, but never where the book holds the whole name as a customer (case_companies)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from explorer.catalog import Catalog, fold
from explorer.importing.headers import LINE_PATH
from explorer.model import Contact, Contract, Finding, Severity, Source, customer_key

NUMBERED = re.compile(r"\d+\s+(.*[^\W\d_].*)")  # an entity number, a space, then a name with a letter in it
PATH = re.compile(r"\s+:\s+")  # NetSuite joins a parent and its child with ' : '
EXAMPLES = 2
# A word of a person's name: capitalised letters, a hyphen or an apostrophe inside ('Anne-Marie', "O'Neil"), or an
# initial ('J.'); a particle of a surname ('van', 'de') may be lower case.
NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'\u2019-]*(?:['\u2019-][^\W\d_]+)*\.?|[^\W\d_]\.")
PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "du", "la", "le", "bin", "al", "ten", "ter"}
)
ODOO_HEADERS = frozenset({"external id"})  # Odoo's export names each record's XML id in its first column


def entity_name(written: str) -> str:
    """The customer a NetSuite name names: the last part of its path, without its entity number."""
    last = PATH.split(written.strip())[-1]
    numbered = NUMBERED.fullmatch(last)
    return numbered[1].strip() if numbered else last


def person_like(text: str, catalog: Catalog) -> bool:
    """Whether ``text`` looks like a person's name: two to four words of letters, the first and last capitalised,
    none a legal suffix ('Inc', 'Co') nor an '&', and neither a region the catalog reads ('North America') nor a
    part of a company (company_part: 'Latin America', 'Invoice Address', 'HQ')."""
    parts = text.split()
    if not 2 <= len(parts) <= 4 or not all(NAME_WORD.fullmatch(p) for p in parts):
        return False
    legal = catalog.legal_suffixes
    if any(p.casefold() in legal or p.casefold().rstrip(".") in legal for p in parts):
        return False
    if fold(text) in catalog.regions or company_part(parts, catalog):
        return False
    inner = parts[1:-1]
    return parts[0][:1].isupper() and parts[-1][:1].isupper() and all(p[:1].isupper() or p.casefold() in PARTICLES for p in inner)


def company_part(parts: Sequence[str], catalog: Catalog) -> bool:
    """Whether words after a name's comma name a part of the company: a phrase of the catalog's company_part that
    is the words, or leads or ends them ('Latin America', 'Invoice Address', 'HQ London'), never one word of
    several looked at alone, so a surname that is also a compass or company word ('Rebecca West', 'Oliver North',
    'Mara Branch') is a person's name."""
    company = catalog.company_parts
    leading = (" ".join(parts[:k]) for k in range(1, len(parts) + 1))  # the first word, ..., all of them
    trailing = (" ".join(parts[k:]) for k in range(1, len(parts)))  # ..., the last word
    return any(fold(words).rstrip(".") in company for words in (*leading, *trailing))


def contact_company(written: str, catalog: Catalog) -> str | None:
    """The company a 'Company, Person' name (Odoo's display name of a contact under its company) names, or None
    where the part after its last comma is no person's name or nothing is before it."""
    company, comma, person = written.strip().rpartition(",")
    company = company.strip()
    if not comma or not company or not person_like(person.strip(), catalog):
        return None
    return company


def odoo_export(layout: Sequence[str]) -> bool:
    """Whether a table's headers are Odoo's export: an 'External ID' column or a path into its records' lines
    ('Order Lines/Product'), as rows.py reads such a record's lines."""
    return any(" ".join(h.split()).casefold() in ODOO_HEADERS or LINE_PATH.fullmatch(h.strip()) for h in layout)


def _said(read: dict[str, str], how: str, kept: str = "The name as written is kept beside the row.") -> str:
    """The info saying which 'Company, Person' names were read as their company (two examples, then a count)."""
    shaped = list(read)
    shown = "; ".join(f"'{w}' is {read[w]}" for w in shaped[:EXAMPLES])
    rest = len(shaped) - EXAMPLES
    more = f"; and {rest} more name{'s' if rest > 1 else ''} read so" if rest > 0 else ""
    return (
        f"Customer names written 'Company, Person' ({how}) are read as the company, the person being a contact, so "
        f"they match the same customer in other files: {shown}{more}. {kept}"
    )


def contact_companies(written: Sequence[str], used: Sequence[bool], catalog: Catalog) -> tuple[list[str], str]:
    """(each name of an Odoo export's customer column, a 'Company, Person' read as its company, what was read, for
    an info), or (the names as written, ""). A name is read so where the part after its comma looks like a
    person's name (person_like)."""
    read: dict[str, str] = {}
    for w, u in zip(written, used, strict=True):
        company = contact_company(w, catalog) if u and w not in read else None
        if company is not None:
            read[w] = company
    if not read:
        return list(written), ""
    return [read.get(w, w) for w in written], _said(read, "as Odoo writes a contact under its company")


def _person(name: str) -> str:
    return " ".join(name.split()).casefold()


def known_contacts(
    contracts: list[Contract], contacts: list[Contact], cases: list[pd.DataFrame], catalog: Catalog
) -> tuple[list[Contract], list[Contact], list[pd.DataFrame], list[Finding]]:
    """The contracts and contacts of a customer written 'Company, Person' read as the company's, where the book
    names that person as a contact of the company (a contacts table's row, or a named-contacts cell of the company's
    or of that name's own row); with an info per sheet saying so. Anything else after a comma ('Globex, Latin
    America', 'Bank of America, Merrill Lynch') is a customer's own name, however it looks. The case logs' customers
    are read then (case_companies)."""
    people = {(customer_key(c.customer), _person(c.name)) for c in contacts if c.name.strip()}
    read: dict[str, str] = {}  # a customer key as written -> the company
    for contract in contracts:
        written = contract.customer
        company, comma, person = written.strip().rpartition(",")
        company, person = company.strip(), _person(person)
        key = customer_key(written)
        known = (customer_key(company), person) in people or (key, person) in people
        if comma and company and person and key not in read and known:
            read[key] = company
    by_sheet: dict[tuple[str, str], dict[str, str]] = {}
    out: list[Contract] = []
    for contract in contracts:
        owner = read.get(customer_key(contract.customer))
        if owner is None:
            out.append(contract)
            continue
        by_sheet.setdefault((contract.source.file, contract.source.sheet), {})[contract.customer] = owner
        extra = {"Customer as written": contract.customer, **contract.extra}
        out.append(replace(contract, customer=owner, extra=extra))
    people_read = [replace(c, customer=read.get(customer_key(c.customer), c.customer)) for c in contacts] if read else contacts
    findings = [Finding(Severity.INFO, _said(names, KNOWN), Source(file, sheet)) for (file, sheet), names in by_sheet.items()]
    cases_read, of_cases = case_companies(cases, out, people_read, catalog)
    return out, people_read, cases_read, findings + of_cases


KNOWN = "where the book names the person as a contact of the company"
ALONE = "where the book or another case names the company alone"


def case_companies(
    cases: list[pd.DataFrame], contracts: list[Contract], contacts: list[Contact], catalog: Catalog
) -> tuple[list[pd.DataFrame], list[Finding]]:
    """The case logs' customers written 'Company, Person' (a help desk's organisation column, where such display
    names occur most) read as the company: where the book names that person as the company's contact, or where the
    book or another case names the company alone and the part after the comma looks like a person's name
    (person_like). Never a name the book holds as a customer of its own ('Bank of America, Merrill Lynch' beside
    'Bank of America'). With an info per sheet and reason saying so."""
    customers = {customer_key(c.customer) for c in contracts} | {customer_key(c.customer) for c in contacts}
    people = {(customer_key(c.customer), _person(c.name)) for c in contacts if c.name.strip()}
    written = {str(n) for frame in cases for n in pd.unique(frame["customer"].astype(object)) if isinstance(n, str)}
    alone = customers | {customer_key(n) for n in written}
    read: dict[str, tuple[str, str]] = {}  # a name as written -> (the company, why)
    for name in written:
        company, comma, person = name.strip().rpartition(",")
        company, key = company.strip(), customer_key(company.strip())
        if not comma or not company or customer_key(name) in customers:
            continue
        if (key, _person(person)) in people:
            read[name] = (company, KNOWN)
        elif key in alone and person_like(person.strip(), catalog):
            read[name] = (company, ALONE)
    if not read:
        return cases, []
    by_sheet: dict[tuple[str, str, str], dict[str, str]] = {}
    out: list[pd.DataFrame] = []
    for frame in cases:
        at = frame["customer"].isin(list(read))
        if not at.any():
            out.append(frame)
            continue
        frame = frame.copy()
        for file, sheet, name in frame.loc[at, ["file", "sheet", "customer"]].drop_duplicates().itertuples(index=False):
            company, how = read[name]
            by_sheet.setdefault((str(file), str(sheet), how), {})[name] = company
        companies = frame.loc[at, "customer"].map(lambda n: read[n][0])
        frame["customer"] = frame["customer"].astype(object)
        frame.loc[at, "customer"] = companies
        keys = frame["customer_key"].astype("category")
        new = [k for k in {customer_key(c) for c in companies} if k not in keys.cat.categories]
        frame["customer_key"] = keys.cat.add_categories(new) if new else keys
        frame.loc[at, "customer_key"] = companies.map(customer_key)
        out.append(frame)
    kept = "Their cases are counted for the company."
    findings = [
        Finding(Severity.INFO, _said(names, how, kept), Source(file, sheet)) for (file, sheet, how), names in by_sheet.items()
    ]
    return out, findings


def entity_names(written: Sequence[str], used: Sequence[bool]) -> tuple[list[str], str]:
    """(each distinct name of a customer column read as an entity's, what was read, for an info), or (the names
    as written, "") where most of the distinct names ``used`` by records are not written with a number before
    them or a parent's path."""
    filled = [w for w, u in zip(written, used, strict=True) if u and w.strip()]
    shaped = [w for w in filled if entity_name(w) != w.strip()]
    if not shaped or 2 * len(shaped) <= len(filled):
        return list(written), ""
    shown = "; ".join(f"'{w}' is {entity_name(w)}" for w in shaped[:EXAMPLES])
    rest = len(shaped) - EXAMPLES  # said as names, not as more customers the last example maps to
    more = f"; and {rest} more name{'s' if rest > 1 else ''} read so" if rest > 0 else ""
    said = (
        "Customer names read as NetSuite writes them, its entity number before the name and a sub-customer's parent "
        f"path (' : ') set aside, so they match the same customer in other files: {shown}{more}. The name as written "
        "is kept beside the row."
    )
    return [entity_name(w) if w.strip() else w for w in written], said
