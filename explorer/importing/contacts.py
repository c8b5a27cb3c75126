"""Named-contact rows and holiday rows."""

from __future__ import annotations

from explorer.catalog import Catalog
from explorer.importing import values
from explorer.importing.readers import RawSheet
from explorer.importing.rows import data_rows
from explorer.importing.tables import TableMatch
from explorer.model import Contact, Finding, Holiday, Severity


def read_contacts(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[list[Contact], list[Finding]]:
    findings: list[Finding] = []
    contacts = []
    for row in data_rows(sheet, match, findings):
        customer, name = row.text("customer"), row.text("name")
        header = row.match.headers.get
        if not customer:
            findings.append(Finding(Severity.ERROR, f"Contact {name or '(no name)'} has no customer.", row.source,
                                    header(match.columns["customer"], "customer")))
        named = True
        if row.has("named"):
            named, problem = values.parse_yes_no(row.get("named"), catalog)
            if problem:
                findings.append(Finding(Severity.WARNING, f"Named: {problem}.", row.source,
                                        header(match.columns["named"], "named"), customer))
        product = None
        if row.text("product"):
            found = catalog.product_for(row.text("product"))
            product = found.id if found else None
        contacts.append(Contact(customer, name, row.text("email"), row.text("region"), named, product, row.source,
                                row.extra()))
    return contacts, findings


def read_holidays(sheet: RawSheet, match: TableMatch) -> tuple[list[Holiday], list[Finding]]:
    findings: list[Finding] = []
    out = []
    rows = list(data_rows(sheet, match, findings))
    order = values.slash_order([r.get("date") for r in rows])
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
        out.append(Holiday(day, row.text("holiday_name"), country or "", row.source))
    return out, findings
