"""Named-contact rows, read column by column."""

from __future__ import annotations

import numpy as np

from explorer.catalog import Catalog
from explorer.importing import values
from explorer.importing.columns import map_distinct, read_columns
from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch
from explorer.model import Contact, Finding, Severity, Source


def read_contacts(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[list[Contact], list[Finding]]:
    """Named contacts, column by column (books hold tens of thousands of them)."""
    findings: list[Finding] = []
    split = "name" not in match.columns  # HubSpot and Salesforce: First Name + Last Name
    table = read_columns(
        sheet,
        match,
        ("customer", "name", "first_name", "last_name", "email", "region", "named", "product"),
        findings,
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
    contacts = [
        Contact(customer, name, email, region, named, product.id if product else None, source, extra)
        for customer, name, email, region, (named, _), product, source, extra in zip(
            customers,
            names,
            texts["email"].tolist(),
            texts["region"].tolist(),
            parsed,
            products,
            sources,
            table.extras(),
            strict=True,
        )
    ]
    return contacts, findings
