"""Named-contact rows and holiday rows."""

from __future__ import annotations

import numpy as np

from explorer.catalog import Catalog, fold
from explorer.importing import values
from explorer.importing.columns import map_distinct, read_columns
from explorer.importing.readers import RawSheet
from explorer.importing.rows import data_rows
from explorer.importing.tables import TableMatch
from explorer.model import Contact, Finding, Holiday, Severity, Source
from explorer.sla.subdivisions import resolve_subdivision


def read_contacts(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[list[Contact], list[Finding]]:
    """Named contacts, column by column (books hold tens of thousands of them)."""
    findings: list[Finding] = []
    split = "name" not in match.columns  # HubSpot and Salesforce: First Name + Last Name
    table = read_columns(sheet, match, ("customer", "name", "first_name", "last_name", "email", "region", "named",
                                        "product"), findings, needed=("customer", "last_name" if split else "name"))
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
        findings.append(Finding(Severity.ERROR, f"Contact {names[i] or '(no name)'} has no customer.", sources[i],
                                header(match.columns["customer"], "customer")))
    for i, (_, problem) in enumerate(parsed):
        if problem:
            findings.append(Finding(Severity.WARNING, f"Named: {problem}.", sources[i],
                                    header(match.columns["named"], "named"), customers[i]))
    contacts = [Contact(customer, name, email, region, named, product.id if product else None, source, extra)
                for customer, name, email, region, (named, _), product, source, extra in zip(
                    customers, names, texts["email"].tolist(), texts["region"].tolist(), parsed, products, sources,
                    table.extras(), strict=True)]
    return contacts, findings


def read_holidays(sheet: RawSheet, match: TableMatch, catalog: Catalog,
                  order: values.DateOrder = values.UNSETTLED) -> tuple[list[Holiday], list[Finding]]:
    findings: list[Finding] = []
    out = []
    rows = data_rows(sheet, match, findings, ("date", "holiday_name"))
    for row in rows:
        day, problem = values.parse_date(row.get("date"), order)
        country, country_problem = values.parse_country(row.text("country"))
        column = match.headers.get(match.columns["date"], "date")
        if day is None:
            findings.append(Finding(Severity.ERROR, f"Holiday {row.text('holiday_name')!r}: "
                                    f"{problem or 'the date is missing'}; it is not used.", row.source, column))
            continue
        if country_problem:
            findings.append(Finding(Severity.WARNING, f"Holiday {row.text('holiday_name')!r}: {country_problem}; "
                                    "it is applied to every customer.", row.source, "country"))
        region = row.text("subdivision")
        if region and not country and region[2:3] == "-":  # "AU-NSW" names its country
            country = values.parse_country(region[:2])[0]
        subdivision, problem = resolve_subdivision(country or "", region, catalog)
        if problem:  # applied to the whole country (or every customer) it would close days it should not
            findings.append(Finding(Severity.WARNING, f"Holiday {row.text('holiday_name')!r}: {problem.split(';')[0]}; "
                                    "the row is not used.", row.source,
                                    match.headers.get(match.columns.get("subdivision", -1), "subdivision")))
            continue
        opens = fold(row.text("status")) in catalog.open_day_words if row.text("status") else False
        out.append(Holiday(day, row.text("holiday_name"), country or "", row.source, subdivision, opens))
    return out, findings
