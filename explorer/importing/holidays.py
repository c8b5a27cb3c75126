"""Holiday rows of a contract book: company closing days (or opening days) per country and state."""

from __future__ import annotations

from explorer.catalog import Catalog, fold
from explorer.importing import places, values
from explorer.importing.readers import RawSheet
from explorer.importing.rows import data_rows
from explorer.importing.tables import TableMatch
from explorer.model import Finding, Holiday, Severity
from explorer.sla.subdivisions import resolve_subdivision


def read_holidays(
    sheet: RawSheet, match: TableMatch, catalog: Catalog, order: values.DateOrder = values.UNSETTLED
) -> tuple[list[Holiday], list[Finding]]:
    findings: list[Finding] = []
    out = []
    rows = data_rows(sheet, match, findings, catalog, ("date", "holiday_name"))
    for row in rows:
        day, problem = values.parse_date(row.get("date"), order)
        country, country_problem = places.parse_country(row.text("country"))
        column = match.headers.get(match.columns["date"], "date")
        if day is None:
            findings.append(
                Finding(
                    Severity.ERROR,
                    f"Holiday {row.text('holiday_name')!r}: {problem or 'the date is missing'}; it is not used.",
                    row.source,
                    column,
                )
            )
            continue
        if country_problem:
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"Holiday {row.text('holiday_name')!r}: {country_problem}; it is applied to every customer.",
                    row.source,
                    "country",
                )
            )
        region = row.text("subdivision")
        if region and not country and region[2:3] == "-":  # "AU-NSW" names its country
            country = places.parse_country(region[:2])[0]
        subdivision, problem = resolve_subdivision(country or "", region, catalog)
        if problem:  # applied to the whole country (or every customer) it would close days it should not
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"Holiday {row.text('holiday_name')!r}: {problem.split(';')[0]}; the row is not used.",
                    row.source,
                    match.headers.get(match.columns.get("subdivision", -1), "subdivision"),
                )
            )
            continue
        opens = fold(row.text("status")) in catalog.open_day_words if row.text("status") else False
        out.append(Holiday(day, row.text("holiday_name"), country or "", row.source, subdivision, opens))
    return out, findings
