"""Named-contact rows, read column by column."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd

from explorer.catalog import Catalog
from explorer.importing import places, values
from explorer.importing.columns import map_distinct, read_columns
from explorer.importing.emails import address
from explorer.importing.readers import RawSheet
from explorer.importing.row_contacts import entries
from explorer.importing.tables import TableMatch
from explorer.model import Contact, Finding, Severity, Source

MAY_LIST = re.compile(r"[;,\n\r<@]")  # a name cell without these holds one plain name: entries() is not asked


def read_contacts(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[list[Contact], list[Finding]]:
    """Named contacts, column by column (books hold tens of thousands of them)."""
    findings: list[Finding] = []
    split = "name" not in match.columns  # HubSpot and Salesforce: First Name + Last Name
    table = read_columns(
        sheet,
        match,
        ("customer", "name", "first_name", "last_name", "email", "region", "named", "product"),
        findings,
        catalog,
        needed=("customer", "last_name" if split else "name"),
    )
    texts = table.texts
    header = match.headers.get
    customers = texts["customer"].tolist()
    names = ((texts["first_name"] + " " + texts["last_name"]).str.strip() if split else texts["name"]).tolist()
    if "named" in match.columns:
        parsed = map_distinct(texts["named"], lambda t: values.parse_yes_no(t, catalog)).tolist()
    else:
        parsed = [(True, None)] * len(table)  # a list of contacts without the column: all are named
    products = map_distinct(texts["product"], lambda t: catalog.product_for(t) if t else None).tolist()
    sources = [Source(sheet.file, sheet.name, int(r)) for r in table.rows]
    for i in np.flatnonzero(texts["customer"].to_numpy(dtype=object) == "").tolist():
        findings.append(
            Finding(
                Severity.ERROR,
                f"Contact {names[i] or '(no name)'} has no customer.",
                sources[i],
                header(match.columns["customer"], "customer"),
            )
        )
    for i, (_, problem) in enumerate(parsed):
        if problem:
            findings.append(
                Finding(Severity.WARNING, f"Named: {problem}.", sources[i], header(match.columns["named"], "named"), customers[i])
            )
    emails, names = _addresses(texts["email"], names, sheet, match, findings)
    regions = _regions(texts["region"], catalog, sheet, match, findings)
    contacts: list[Contact] = [
        Contact(customer, name, email, region, named, product.id if product else None, source, extra)
        for customer, name, email, region, (named, _), product, source, extra in zip(
            customers,
            names,
            emails,
            regions,
            parsed,
            products,
            sources,
            table.extras(),
            strict=True,
        )
    ]
    if not split:
        contacts = _listed(contacts, header(match.columns["name"], "name"), sheet, match, findings)
    return contacts, findings


def _listed(contacts: list[Contact], header: str, sheet: RawSheet, match: TableMatch, findings: list[Finding]) -> list[Contact]:
    """A name cell listing several people, as a 'Named contacts' column keeps one customer's people in one row: a
    contact per person (the contracts table's split, row_contacts.entries), each with its row's customer, region
    and other columns, sourced to the cell; one info finding says how many. A row whose email cell holds one
    address is one person whatever its name cell holds; an email cell listing as many addresses pairs them."""
    out: list[Contact] = []
    read: dict[str, list[tuple[str, str]]] = {}
    cells = 0
    for c in contacts:
        if not MAY_LIST.search(c.name):
            out.append(c)
            continue
        if c.name not in read:
            read[c.name] = entries(c.name)
        people = read[c.name]
        given = entries(c.email) if c.email else []
        if len(people) > 1 and (not c.email or len(given) == len(people) or all(email for _, email in people)):
            paired = [email for _, email in given] if len(given) == len(people) else [""] * len(people)
            where = replace(c.source, column=header)
            out.extend(
                replace(c, name=name, email=email or other, source=where)
                for (name, email), other in zip(people, paired, strict=True)
            )
            cells += 1
        elif len(people) == 1 and people[0][1] and c.email in ("", people[0][1]):  # "Ann One <ann@x>" alone
            out.append(replace(c, name=people[0][0], email=people[0][1]))
        else:
            out.append(c)
    if cells:
        count = len(out) - len(contacts) + cells
        findings.append(
            Finding(
                Severity.INFO,
                f"Column '{header}' lists several people in a cell: {cells} cell{'s' if cells != 1 else ''} read as "
                f"{count} named contacts, each of its row's customer (and region and other columns).",
                Source(sheet.file, sheet.name, match.header_row),
                header,
            )
        )
    return out


def _addresses(
    texts: pd.Series, names: list[str], sheet: RawSheet, match: TableMatch, findings: list[Finding]
) -> tuple[list[str], list[str]]:
    """Each contact's address out of "Jane Doe <jane@x>" or "mailto:jane@x" (one info finding says how many), and
    the display name as the contact's name where the book gives none."""
    written = texts.tolist()  # stripped texts (texts_of)
    joined = "\x00".join(written)
    if "<" not in joined and " " not in joined and "mailto:" not in joined.casefold():  # the usual: addresses alone
        return written, names
    read = map_distinct(texts, address).tolist()
    changed = [i for i, (found, _) in enumerate(read) if found != written[i]]
    if changed:
        findings.append(
            Finding(
                Severity.INFO,
                f"{len(changed)} email{'s' if len(changed) != 1 else ''} written with a name or as a mailto: link "
                f"({written[changed[0]]!r}, ...) {'were' if len(changed) != 1 else 'was'} read as the address alone.",
                Source(sheet.file, sheet.name, match.header_row),
                match.headers.get(match.columns["email"], "email"),
            )
        )
    return [found for found, _ in read], [name or shown for name, (_, shown) in zip(names, read, strict=True)]


def _regions(texts: pd.Series, catalog: Catalog, sheet: RawSheet, match: TableMatch, findings: list[Finding]) -> list[str]:
    """Each contact's region; a country ("Germany", "UK") or a sub-region ("EU-West") written there is read as its
    region, said once per column."""
    written = texts.tolist()  # stripped texts (texts_of)
    regions = {text: places.region_of(text, catalog) for text in dict.fromkeys(written)}  # a handful, in book order
    if not any(country for _, country in regions.values()):
        return written
    countries = [f"{text} as {region}" for text, (region, country) in regions.items() if country]
    shown = ", ".join(countries[:3]) + (", ..." if len(countries) > 3 else "")
    findings.append(
        Finding(
            Severity.INFO,
            f"Region cells holding a country or a sub-region were read as its region ({shown}).",
            Source(sheet.file, sheet.name, match.header_row),
            match.headers.get(match.columns["region"], "region"),
        )
    )
    return [regions[text][0] if regions[text][1] else text for text in written]
