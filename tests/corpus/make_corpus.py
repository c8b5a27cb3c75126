"""Write the import test corpus: files shaped like the exports account managers bring, and what a correct
importer reads from each (issue 10).

Run ``python tests/corpus/make_corpus.py`` from the repository root to regenerate ``files/`` and
``expected.toml``. The data are fixed, so the output is the same every run (LibreOffice makes the .xls/.ods
copies; the zip timestamps inside .xlsx files differ, their content does not). The ``pending`` flags already
in expected.toml are kept, so regenerating does not undo the importer work that cleared them.

Each writer below imitates one tool's documented export layout; the expectations say what a correct importer
must produce (issue 10), not what today's importer does.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import shutil
import struct
import subprocess
import tempfile
import tomllib
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import openpyxl.styles
import xlsxwriter

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
MANIFEST = HERE / "expected.toml"
FIXED_TIME = datetime(2026, 11, 27, 9, 0, 0)

SF_COPYRIGHT = "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
SF_CONFIDENTIAL = "Confidential Information - Do Not Distribute"


# ---------------------------------------------------------------------------------------------------------------
# The data every file draws on: one set of contracts, contacts and cases, spelled the way each tool spells them.


@dataclass(frozen=True)
class Deal:
    customer: str
    product: str  # catalog product id
    program: str  # catalog program id
    start: date
    end: date
    region: str
    country: str
    zone: str


DEALS = [
    Deal("Acme Corp", "okta", "okta-premier-plus", date(2026, 1, 15), date(2027, 1, 14), "EMEA", "DE", "Europe/Berlin"),
    Deal("Globex GmbH", "auth0", "auth0-premier", date(2026, 2, 1), date(2027, 1, 31), "EMEA", "DE", "Europe/Berlin"),
    Deal("Initech", "okta", "okta-premier", date(2026, 3, 1), date(2027, 2, 28), "AMER", "US", "America/Chicago"),
    Deal(
        "Umbrella Health",
        "okta-access-gateway",
        "okta-premier-access",
        date(2026, 4, 1),
        date(2027, 3, 31),
        "AMER",
        "US",
        "America/New_York",
    ),
    Deal("Soylent Foods", "auth0", "auth0-enterprise", date(2026, 5, 1), date(2027, 4, 30), "APAC", "AU", "Australia/Sydney"),
    Deal("Hooli", "okta", "okta-basic", date(2026, 6, 1), date(2027, 5, 31), "AMER", "US", "America/Los_Angeles"),
    Deal("Tyrell Systems", "okta", "okta-premier-access", date(2026, 7, 1), date(2027, 6, 30), "APAC", "SG", "Asia/Singapore"),
    Deal("Wayne Logistics", "auth0", "auth0-premier", date(2026, 8, 15), date(2027, 8, 14), "EMEA", "GB", "Europe/London"),
]
MORE_DEALS = [  # a second region's worth, for the multi-sheet and stacked books
    Deal("Stark Industries", "okta", "okta-premier-plus", date(2026, 9, 1), date(2027, 8, 31), "AMER", "US", "America/New_York"),
    Deal(
        "Cyberdyne Labs", "auth0", "auth0-enterprise", date(2026, 10, 1), date(2027, 9, 30), "AMER", "US", "America/Los_Angeles"
    ),
    Deal("Oscorp", "okta", "okta-premier", date(2026, 11, 1), date(2027, 10, 31), "AMER", "CA", "America/Toronto"),
    Deal(
        "Nakatomi Trading", "okta-access-gateway", "okta-basic", date(2026, 12, 1), date(2027, 11, 30), "APAC", "JP", "Asia/Tokyo"
    ),
]

PRODUCT_PLAIN = {"okta": "Okta", "auth0": "Auth0", "okta-access-gateway": "Okta Access Gateway"}
PRODUCT_MARKETING = {
    "okta": "Okta Workforce Identity Cloud",
    "auth0": "Okta Customer Identity Cloud",
    "okta-access-gateway": "Okta Access Gateway",
}
TIER_PLAIN = {
    "okta-basic": "Basic",
    "okta-premier": "Premier",
    "okta-premier-access": "Premier Access",
    "okta-premier-plus": "Premier Plus",
    "auth0-enterprise": "Enterprise",
    "auth0-premier": "Premier",
}
TIER_SLOPPY = {
    "okta-basic": "basic",
    "okta-premier": "PREMIER",
    "okta-premier-access": "prem access",
    "okta-premier-plus": "Premier+",
    "auth0-enterprise": "Enterprise",
    "auth0-premier": "Premier",
}


def marketing(deal: Deal, index: int) -> str:
    """Okta's marketing names; Auth0 alternates between its two."""
    if deal.product == "auth0" and index % 2:
        return "Auth0 by Okta"
    return PRODUCT_MARKETING[deal.product]


@dataclass(frozen=True)
class Person:
    customer: str
    first: str
    last: str
    email: str
    named: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


PEOPLE = [
    Person("Acme Corp", "Ada", "Lovelace", "ada.lovelace@acme.example", True),
    Person("Acme Corp", "Grace", "Hopper", "grace.hopper@acme.example", True),
    Person("Acme Corp", "Alan", "Turing", "alan.turing@acme.example", False),
    Person("Globex GmbH", "Hank", "Scorpio", "hank@globex.example", True),
    Person("Initech", "Peter", "Gibbons", "peter.gibbons@initech.example", True),
    Person("Initech", "Samir", "Nagheenanajar", "samir@initech.example", False),
    Person("Umbrella Health", "Alice", "Abernathy", "alice@umbrella.example", True),
    Person("Tyrell Systems", "Rachael", "Tyrell", "rachael@tyrell.example", True),
    Person("Wayne Logistics", "Lucius", "Fox", "lucius.fox@wayne.example", True),
]


@dataclass(frozen=True)
class Ticket:
    number: int
    customer: str
    product: str  # catalog product id
    priority: int
    opened: datetime  # UTC
    reply_minutes: int | None  # minutes from opening to first response; None = no response yet
    production: bool = True

    @property
    def first_response(self) -> datetime | None:
        return None if self.reply_minutes is None else self.opened + timedelta(minutes=self.reply_minutes)


def utc(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


TICKETS = [
    Ticket(1, "Acme Corp", "okta", 1, utc(2026, 3, 2, 10, 0), 25),
    Ticket(2, "Globex GmbH", "auth0", 2, utc(2026, 3, 3, 14, 30), 95, production=False),
    Ticket(3, "Initech", "okta", 3, utc(2026, 3, 5, 8, 15), 300),
    Ticket(4, "Umbrella Health", "okta-access-gateway", 1, utc(2026, 3, 9, 23, 40), 50),
    Ticket(5, "Soylent Foods", "auth0", 4, utc(2026, 3, 11, 6, 5), None),
    Ticket(6, "Acme Corp", "okta", 2, utc(2026, 4, 1, 12, 0), 130),
    Ticket(7, "Hooli", "okta", 3, utc(2026, 4, 6, 16, 45), 1500),
    Ticket(8, "Tyrell Systems", "okta", 2, utc(2026, 4, 8, 1, 20), 45),
    Ticket(9, "Wayne Logistics", "auth0", 1, utc(2026, 4, 10, 19, 0), 12),
    Ticket(10, "Globex GmbH", "auth0", 3, utc(2026, 4, 21, 9, 30), 240),  # day 21 settles day-first / month-first
]

ENV_ZENDESK = {True: "production", False: "staging"}
PRI_ZENDESK = {1: "Urgent", 2: "High", 3: "Normal", 4: "Low"}
PRI_JIRA = {1: "Highest", 2: "High", 3: "Medium", 4: "Low"}
PRI_FRESHDESK = {1: "Urgent", 2: "High", 3: "Medium", 4: "Low"}
PRI_SERVICENOW = {1: "1 - Critical", 2: "2 - High", 3: "3 - Moderate", 4: "4 - Low"}
PRI_SALESFORCE = {1: "P1 - Critical", 2: "P2 - High", 3: "P3 - Medium", 4: "P4 - Low"}
PRI_HAND = {1: "Sev 1", 2: "Severity 2", 3: "Sev 3", 4: "Severity 4"}
SUBJECTS = [
    "Users cannot sign in",
    "Token refresh fails",
    "MFA enrolment question",
    "Gateway returns 502",
    "Feature request: custom domain",
    "Slow admin console",
    "SCIM push errors",
    "SAML assertion rejected",
    "Production tenant outage",
    "Rate limit question",
]


# ---------------------------------------------------------------------------------------------------------------
# Manifest entries.

ENTRIES: dict[str, dict[str, Any]] = {}


def entry(
    name: str,
    *,
    imitates: str,
    writer: str,
    tricky: str,
    encoding: str = "",
    role: str = "book",
    also: tuple[str, ...] = (),
    contracts: int = 0,
    contacts: int = 0,
    cases: int = 0,
    holidays: int = 0,
    errors: int | None = 0,
    contract: list[dict[str, Any]] = (),
    contact: list[dict[str, Any]] = (),
    case: list[dict[str, Any]] = (),
    finding: list[dict[str, Any]] = (),
    refused: str = "",
    headers_seen: tuple[str, ...] = (),
    pending: bool = True,
) -> None:
    spec: dict[str, Any] = {
        "imitates": imitates,
        "writer": writer,
        "encoding": encoding,
        "tricky": tricky,
        "role": role,
        "pending": pending,
    }
    if also:
        spec["also"] = list(also)
    if refused:
        spec["refused"] = refused
        spec["headers_seen"] = list(headers_seen)
    else:
        spec |= {"contracts": contracts, "contacts": contacts, "cases": cases, "holidays": holidays}
        if errors is not None:
            spec["errors"] = errors
    for key, tables in (("contract", contract), ("contact", contact), ("case", case), ("finding", finding)):
        if tables:
            spec[key] = list(tables)
    ENTRIES[name] = spec


def deal_check(deal: Deal, index: int = 0, **more: Any) -> dict[str, Any]:
    return {
        "index": index,
        "customer": deal.customer,
        "product": deal.product,
        "program": deal.program,
        "term_start": deal.start,
        "term_end": deal.end,
        **more,
    }


def person_check(person: Person, index: int = 0) -> dict[str, Any]:
    return {"index": index, "customer": person.customer, "name": person.name, "email": person.email, "named": person.named}


def ticket_check(ticket: Ticket, case_id: str, **more: Any) -> dict[str, Any]:
    """No environment column in a file means production: pass environment="production" there."""
    return {
        "case_id": case_id,
        "customer": ticket.customer,
        "priority": ticket.priority,
        "opened": ticket.opened,
        "first_response": ticket.first_response or "",
        "environment": "production" if ticket.production else "non-production",
    } | more


def info(contains: str = "", row: int | None = None, severity: str = "INFO") -> dict[str, Any]:
    out: dict[str, Any] = {"severity": severity}
    if contains:
        out["contains"] = contains
    if row is not None:
        out["row"] = row
    return out


# ---------------------------------------------------------------------------------------------------------------
# Writers.


def out(name: str) -> Path:
    return FILES / name


def new_openpyxl() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.properties.creator = "corpus"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    return wb


def new_xlsxwriter(name: str) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(out(name)), {"default_date_format": "yyyy-mm-dd"})
    wb.set_properties({"author": "corpus", "created": FIXED_TIME})
    return wb


def write_rows(ws: Any, rows: list[list[Any]], start_row: int = 0, start_col: int = 0) -> None:
    """XlsxWriter: write a block of rows (dates and datetimes as date cells)."""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, (date, datetime)):
                ws.write_datetime(start_row + r, start_col + c, value)
            else:
                ws.write(start_row + r, start_col + c, value)


def write_text(
    name: str,
    rows: list[list[Any]],
    encoding: str = "utf-8",
    delimiter: str = ",",
    quoting: int = csv.QUOTE_MINIMAL,
    bom: bytes = b"",
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    out(name).write_bytes(bom + buffer.getvalue().encode(encoding))


def soffice(source: str, suffix: str) -> None:
    """A LibreOffice copy of a corpus file (.xls or .ods), as a user saving it in LibreOffice would make."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the .xls and .ods files")
    filters = {"ods": "ods", "xls": "xls:MS Excel 97"}
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                binary,
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                filters[suffix],
                "--outdir",
                str(FILES),
                str(out(source)),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )


def us_date(d: date) -> str:
    return f"{d.month}/{d.day}/{d.year}"


def eu_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def dotted(d: date | datetime) -> str:
    text = f"{d.day:02d}.{d.month:02d}.{d.year}"
    return text + (f" {d.hour:02d}:{d.minute:02d}" if isinstance(d, datetime) else "")


def naive(t: datetime, shift_hours: int = 0) -> datetime:
    return (t + timedelta(hours=shift_hours)).replace(tzinfo=None)


def stamp(t: datetime | None, shift_hours: int = 0) -> str:
    return "" if t is None else naive(t, shift_hours).strftime("%Y-%m-%d %H:%M:%S")


# ---------------------------------------------------------------------------------------------------------------
# Contract books.


def companion() -> None:
    """The plain book the contact lists and mixed case exports are loaded with (canonical catalog headers)."""
    rows = [["Customer", "Product", "Tier", "Start", "End", "Region", "Country", "Time Zone"]]
    rows += [
        [
            d.customer,
            PRODUCT_PLAIN[d.product],
            TIER_PLAIN[d.program],
            d.start.isoformat(),
            d.end.isoformat(),
            d.region,
            d.country,
            d.zone,
        ]
        for d in DEALS
    ]
    write_text("companion_contracts.csv", rows)
    entry(
        "companion_contracts.csv",
        imitates="plain contract book with the catalog's own header spellings",
        writer="csv",
        encoding="utf-8",
        tricky="none: the baseline the contact lists are loaded with",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0], time_zone="Europe/Berlin", country="DE")],
        pending=False,
    )


SF_ACCOUNT_HEADER = [
    "Account Name",
    "Product Line",
    "Support Level",
    "Contract Start Date",
    "Contract End Date",
    "Billing Country",
    "Account Owner",
]


def sf_report_xlsx() -> None:
    """Salesforce Lightning 'Formatted report' export: title block, Filtered By lines, footer lines."""
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Accounts with Support"
    ws.append(["Accounts with Support Contracts"])
    ws.append(["Filtered By:"])
    ws.append(["    Contract Status equals Activated"])
    ws.append(["    Account Type equals Customer"])
    ws.append([])
    ws.append(SF_ACCOUNT_HEADER)
    for i, d in enumerate(DEALS):
        ws.append([d.customer, marketing(d, i), TIER_PLAIN[d.program], d.start, d.end, d.country, "Jane Doe"])
    ws.append([])
    ws.append([f"Grand Totals ({len(DEALS)} records)"])
    ws.append([])
    ws.append([SF_CONFIDENTIAL])
    ws.append([SF_COPYRIGHT])
    wb.save(out("sf_report_accounts.xlsx"))
    entry(
        "sf_report_accounts.xlsx",
        imitates="Salesforce report, Export > Formatted Report (.xlsx)",
        writer="openpyxl",
        tricky="title block and Filtered By lines; Product Line; marketing product names; "
        "Grand Totals / Confidential / Copyright footer",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0]), deal_check(DEALS[3], 3)],
        finding=[
            info(f"Grand Totals ({len(DEALS)} records)"),
            info(SF_CONFIDENTIAL),
            info("Copyright (c) 2000-2026 salesforce.com"),
        ],
    )


def sf_report_csv() -> None:
    """Salesforce Classic 'Details Only' CSV export: everything quoted, M/D/YYYY dates, the classic footer."""
    rows: list[list[Any]] = [SF_ACCOUNT_HEADER]
    for i, d in enumerate(DEALS):
        rows.append(
            [d.customer, marketing(d, i + 1), TIER_SLOPPY[d.program], us_date(d.start), us_date(d.end), d.country, "Jane Doe"]
        )
    rows += [
        [],
        ["Accounts with Support Contracts"],
        [SF_COPYRIGHT],
        [SF_CONFIDENTIAL],
        ["Generated By:  Jane Doe  11/27/2026 8:01 AM"],
        ["Acme Support Operations"],
    ]
    write_text("sf_report_accounts.csv", rows, quoting=csv.QUOTE_ALL)
    entry(
        "sf_report_accounts.csv",
        imitates="Salesforce Classic report, Export Details > Comma Delimited .csv",
        writer="csv",
        encoding="utf-8",
        tricky="all cells quoted; M/D/YYYY dates; Premier+ and prem access; "
        "report-name / copyright / confidential / Generated By footer",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0]), deal_check(DEALS[6], 6)],
        finding=[info("Copyright (c) 2000-2026 salesforce.com"), info(SF_CONFIDENTIAL), info("Generated By:")],
    )


GROUPED_HEADER = ["Account Name", "Product", "Support Level", "Contract Start Date", "Contract End Date", "Annual Contract Value"]


def grouped_rows() -> tuple[list[list[Any]], list[int], list[Deal]]:
    """A Salesforce summary report grouped by region: group header row, records, Subtotal row per group.

    Returns the rows (title block included), the 1-based rows of the group headers and subtotals, and the deals
    in the order written.
    """
    rows: list[list[Any]] = [["Support Contracts by Region"], ["Summary report, grouped by Billing Region"], [], GROUPED_HEADER]
    skipped: list[int] = []
    order: list[Deal] = []
    for region in ("AMER", "APAC", "EMEA"):
        group = [d for d in DEALS if d.region == region]
        rows.append([f"Billing Region: {region} ({len(group)} records)"])
        skipped.append(len(rows))
        for d in group:
            rows.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end, 120000.0])
            order.append(d)
        rows.append(["Subtotal", "", "", "", "", 120000.0 * len(group)])
        skipped.append(len(rows))
    rows.append([f"Grand Totals ({len(DEALS)} records)", "", "", "", "", 120000.0 * len(DEALS)])
    rows += [[], [SF_CONFIDENTIAL], [SF_COPYRIGHT]]
    return rows, skipped, order


def sf_grouped() -> None:
    rows, skipped, order = grouped_rows()
    wb = new_xlsxwriter("sf_report_grouped.xlsx")
    ws = wb.add_worksheet("Support Contracts by Region")
    write_rows(ws, rows)
    wb.close()
    spec = dict(
        contracts=len(DEALS),
        contract=[deal_check(order[0]), deal_check(order[-1], len(order) - 1)],
        finding=[info(row=r) for r in skipped] + [info(f"Grand Totals ({len(DEALS)} records)"), info(SF_CONFIDENTIAL)],
    )
    entry(
        "sf_report_grouped.xlsx",
        imitates="Salesforce summary report grouped by Billing Region, Export > Formatted Report",
        writer="xlsxwriter",
        tricky="group header rows 'Billing Region: AMER (3 records)', "
        "Subtotal rows with an amount, Grand Totals row with an amount, footer",
        **spec,
    )
    soffice("sf_report_grouped.xlsx", "xls")
    entry(
        "sf_report_grouped.xls",
        imitates="the same grouped Salesforce report, saved as Excel 97 (.xls)",
        writer="LibreOffice (xls)",
        tricky="BIFF8 .xls; group headers, subtotals and footer as in the .xlsx",
        **spec,
    )


def sf_data_export() -> None:
    """Salesforce Data Loader / Data Export of Contract: API names, 18-character ids, ISO dates."""
    header = [
        "Id",
        "AccountId",
        "Account_Name__c",
        "Product_Family__c",
        "Support_Level__c",
        "StartDate",
        "EndDate",
        "BillingCountry",
        "Time_Zone__c",
        "CreatedDate",
    ]
    rows: list[list[Any]] = [header]
    for i, d in enumerate(DEALS):
        rows.append(
            [
                f"8005g00000Ab{i:02d}XAAY",
                f"0015g00000Zx{i:02d}QAAY",
                d.customer,
                PRODUCT_PLAIN[d.product],
                TIER_PLAIN[d.program],
                d.start.isoformat(),
                d.end.isoformat(),
                d.country,
                d.zone,
                "2025-12-01T10:00:00.000Z",
            ]
        )
    write_text("sf_data_export_contract.csv", rows, quoting=csv.QUOTE_ALL)
    entry(
        "sf_data_export_contract.csv",
        imitates="Salesforce Data Loader export of Contract (API field names)",
        writer="csv",
        encoding="utf-8",
        tricky="API names with __c and camelCase; AccountId must not be taken "
        "for the customer; CreatedDate must not be taken for a term date",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0], time_zone="Europe/Berlin", country="DE")],
        finding=[info("'Account_Name__c' as"), info("'Support_Level__c' as"), info("'StartDate' as")],
    )


def sf_contacts_export() -> None:
    header = ["Id", "AccountId", "Account.Name", "FirstName", "LastName", "Email", "Named_Support_Contact__c"]
    rows: list[list[Any]] = [header]
    for i, p in enumerate(PEOPLE):
        rows.append(
            [
                f"0035g00000Qw{i:02d}AAAQ",
                f"0015g00000Zx{i:02d}QAAY",
                p.customer,
                p.first,
                p.last,
                p.email,
                "true" if p.named else "false",
            ]
        )
    write_text("sf_data_export_contact.csv", rows, quoting=csv.QUOTE_ALL)
    entry(
        "sf_data_export_contact.csv",
        imitates="Salesforce Data Loader export of Contact (API field names)",
        writer="csv",
        encoding="utf-8",
        also=("companion_contracts.csv",),
        tricky="FirstName + LastName make the name; Account.Name is the customer, not the contact's name; "
        "a Named__c checkbox as true/false; AccountId is a trap",
        contracts=len(DEALS),
        contacts=len(PEOPLE),
        contact=[person_check(PEOPLE[0]), person_check(PEOPLE[2], 2)],
    )


HUBSPOT_HEADER = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Company Name",
    "Lifecycle Stage",
    "Contact owner",
    "Create Date",
    "Named Support Contact",
]


def hubspot_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [HUBSPOT_HEADER]
    for i, p in enumerate(PEOPLE):
        rows.append(
            [
                str(51000 + i),
                p.first,
                p.last,
                p.email,
                f"+1 555 010{i}",
                p.customer,
                "Customer",
                "Jane Doe",
                f"2025-0{1 + i % 9}-1{i % 10} 09:3{i % 10}",
                "Yes" if p.named else "No",
            ]
        )
    return rows


def hubspot() -> None:
    write_text("hubspot_contacts.csv", hubspot_rows())
    common = dict(
        also=("companion_contracts.csv",),
        contracts=len(DEALS),
        contacts=len(PEOPLE),
        contact=[person_check(PEOPLE[0]), person_check(PEOPLE[5], 5)],
    )
    entry(
        "hubspot_contacts.csv",
        imitates="HubSpot contacts export (All contacts > Export, CSV)",
        writer="csv",
        encoding="utf-8",
        tricky="First Name + Last Name; Company Name; Record ID and Create Date must not make it a case table",
        **common,
    )
    wb = new_xlsxwriter("hubspot_contacts.xlsx")
    ws = wb.add_worksheet("All contacts")
    write_rows(ws, hubspot_rows())
    wb.close()
    entry(
        "hubspot_contacts.xlsx",
        imitates="HubSpot contacts export (All contacts > Export, XLSX)",
        writer="xlsxwriter",
        tricky="as the CSV, in a workbook whose only sheet is 'All contacts'",
        **common,
    )


def finance_regions() -> None:
    """A hand-kept finance workbook: one sheet per region, each a little different, plus holidays."""
    wb = new_openpyxl()
    layouts = {
        "EMEA": ["Customer", "Product", "Tier", "Start", "End", "ACV (USD)", "Owner"],
        "AMER": ["Account", "Platform", "Support Plan", "Start Date", "End Date", "ACV (USD)", "Owner"],
        "APAC": ["Client", "Product Line", "Support Tier", "Contract Start", "Renewal Date", "ACV (USD)", "Owner"],
    }
    deals = DEALS + MORE_DEALS
    first = True
    order: list[Deal] = []
    for region, header in layouts.items():
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = region
        ws.append([f"FY27 support renewals — {region}"])
        ws.append(["Figures in USD. Maintained by Finance; do not sort."])
        ws.append([])
        ws.append(header)
        for d in (d for d in deals if d.region == region):
            ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end, 98000, "M. Rossi"])
            order.append(d)
    hol = wb.create_sheet("Holidays")
    hol.append(["Date", "Holiday", "Country"])
    for day, name, country in (
        (date(2026, 12, 25), "Christmas Day", "DE"),
        (date(2026, 12, 26), "Boxing Day", "GB"),
        (date(2027, 1, 1), "New Year's Day", ""),
    ):
        hol.append([day, name, country])
    wb.create_sheet("Notes").append(["Ask Legal before changing the APAC layout."])
    wb.save(out("finance_regions.xlsx"))
    spec = dict(contracts=len(deals), holidays=3, contract=[deal_check(order[0]), deal_check(order[-1], len(order) - 1)])
    entry(
        "finance_regions.xlsx",
        imitates="hand-kept finance workbook: a sheet per region plus Holidays and Notes",
        writer="openpyxl",
        tricky="title and note rows; the APAC sheet says Client / Product Line / Renewal Date, "
        "the AMER sheet Account / Platform / Support Plan",
        **spec,
    )
    soffice("finance_regions.xlsx", "ods")
    entry(
        "finance_regions.ods",
        imitates="the same finance workbook saved by LibreOffice Calc (.ods)",
        writer="LibreOffice (ods)",
        tricky="ODS; the region sheets as in the .xlsx",
        **spec,
    )


def side_by_side() -> None:
    """Contracts and their named contacts side by side on one sheet, an empty column between them."""
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Accounts"
    left = ["Customer", "Product", "Tier", "Start", "End"]
    right = ["Customer", "Contact", "Email", "Named"]
    ws.append(["Key accounts and their named contacts"])
    ws.append([])
    ws.append(left + [None] + right)
    height = max(len(DEALS), len(PEOPLE))
    for i in range(height):
        row: list[Any] = [None] * 10
        if i < len(DEALS):
            d = DEALS[i]
            row[0:5] = [d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end]
        if i < len(PEOPLE):
            p = PEOPLE[i]
            row[6:10] = [p.customer, p.name, p.email, "yes" if p.named else "no"]
        ws.append(row)
    wb.save(out("finance_side_by_side.xlsx"))
    entry(
        "finance_side_by_side.xlsx",
        imitates="hand-kept account sheet: contracts and contacts side by side",
        writer="openpyxl",
        tricky="two tables on one sheet separated by an empty column; the right one is longer",
        contracts=len(DEALS),
        contacts=len(PEOPLE),
        contract=[deal_check(DEALS[0]), deal_check(DEALS[7], 7)],
        contact=[person_check(PEOPLE[8], 8)],
    )
    soffice("finance_side_by_side.xlsx", "ods")
    entry(
        "finance_side_by_side.ods",
        imitates="the same side-by-side sheet saved by LibreOffice Calc (.ods)",
        writer="LibreOffice (ods)",
        tricky="ODS; two tables separated by an empty column",
        contracts=len(DEALS),
        contacts=len(PEOPLE),
        contract=[deal_check(DEALS[0]), deal_check(DEALS[7], 7)],
        contact=[person_check(PEOPLE[8], 8)],
    )


def stacked() -> None:
    """Stacked tables: Okta section, Auth0 section (own header), then the named contacts, blank rows between."""
    okta = [d for d in DEALS + MORE_DEALS if d.product != "auth0"]
    auth0 = [d for d in DEALS + MORE_DEALS if d.product == "auth0"]
    rows: list[list[Any]] = [
        ["Support entitlements — all regions"],
        ["Okta"],
        ["Customer", "Product", "Tier", "Term Start", "Term End", "Region"],
    ]
    skipped = [2]
    for i, d in enumerate(okta):
        rows.append([d.customer, marketing(d, i), TIER_PLAIN[d.program], d.start, d.end, d.region])
    rows += [[], [], ["Auth0"]]
    skipped.append(len(rows))
    rows.append(["Customer", "Platform", "Support Program", "Start", "End", "Region"])
    for i, d in enumerate(auth0):
        rows.append([d.customer, marketing(d, i), TIER_PLAIN[d.program], d.start, d.end, d.region])
    rows += [[], ["Named contacts"]]
    skipped.append(len(rows))
    rows.append(["Company", "Full Name", "E-mail", "Named?"])
    for p in PEOPLE:
        rows.append([p.customer, p.name, p.email, "Yes" if p.named else "No"])
    wb = new_xlsxwriter("finance_stacked.xlsx")
    write_rows(wb.add_worksheet("Entitlements"), rows)
    wb.close()
    entry(
        "finance_stacked.xlsx",
        imitates="hand-kept entitlement sheet with stacked sections",
        writer="xlsxwriter",
        tricky="three tables stacked on one sheet, each with its own header and a section "
        "title above it; Auth0 table headed Platform / Support Program",
        contracts=len(okta) + len(auth0),
        contacts=len(PEOPLE),
        contract=[deal_check(okta[0]), deal_check(auth0[0], len(okta))],
        contact=[person_check(PEOPLE[0])],
        finding=[info(row=r) for r in skipped[1:]],
    )
    soffice("finance_stacked.xlsx", "xls")
    entry(
        "finance_stacked.xls",
        imitates="the same stacked sheet saved as Excel 97 (.xls)",
        writer="LibreOffice (xls)",
        tricky="BIFF8; three stacked tables with section titles",
        contracts=len(okta) + len(auth0),
        contacts=len(PEOPLE),
        contract=[deal_check(okta[0]), deal_check(auth0[0], len(okta))],
        contact=[person_check(PEOPLE[0])],
        finding=[info(row=r) for r in skipped[1:]],
    )


def repeated_headers() -> None:
    """A printed-and-pasted list: the header repeats every page, section titles per region, a Total line."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Region"]
    deals = DEALS + MORE_DEALS
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Contracts"
    ws.append(["Contract list (printed from the old CRM, pages pasted together)"])
    ws.append(header)
    skipped: list[int] = []
    for i, d in enumerate(deals):
        if i and i % 4 == 0:
            ws.append(header)
            skipped.append(ws.max_row)
            ws.append([f"— {d.region} —"])
            skipped.append(ws.max_row)
        ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_SLOPPY[d.program], d.start, d.end, d.region])
    ws.append([])
    ws.append([f"Total: {len(deals)} contracts"])
    wb.save(out("finance_repeated_headers.xlsx"))
    entry(
        "finance_repeated_headers.xlsx",
        imitates="contract list pasted from printed pages",
        writer="openpyxl",
        tricky="header row repeated inside the table; section title rows; 'Total: 12 contracts'",
        contracts=len(deals),
        contract=[deal_check(deals[0]), deal_check(deals[11], 11)],
        finding=[info(row=r) for r in skipped] + [info(f"Total: {len(deals)} contracts")],
    )


def checkmarks() -> None:
    wb = new_xlsxwriter("finance_checkmarks.xlsx")
    ws = wb.add_worksheet("Contracts")
    write_rows(
        ws,
        [["Customer", "Product", "Tier", "Start", "End", "Dedicated CSE"]]
        + [
            [
                d.customer,
                PRODUCT_PLAIN[d.product],
                TIER_PLAIN[d.program],
                d.start,
                d.end,
                "✔" if d.program == "okta-premier-plus" else "✗",
            ]
            for d in DEALS
        ],
    )
    people = wb.add_worksheet("Named contacts")
    marks = ["✔", "✓", "✗", "☑", "✔", "✗", "✔", "✓", "✔"]
    write_rows(
        people,
        [["Customer", "Name", "Email", "Named"]]
        + [[p.customer, p.name, p.email, mark] for p, mark in zip(PEOPLE, marks, strict=True)],
    )
    wb.close()
    entry(
        "finance_checkmarks.xlsx",
        imitates="hand-kept workbook with check marks for yes/no",
        writer="xlsxwriter",
        tricky="✔ ✓ ☑ mean yes and ✗ means no, in the Named and Dedicated CSE columns",
        contracts=len(DEALS),
        contacts=len(PEOPLE),
        contract=[deal_check(DEALS[0], cse=True), deal_check(DEALS[1], 1, cse=False)],
        contact=[person_check(PEOPLE[0]), person_check(PEOPLE[2], 2), person_check(PEOPLE[3], 3)],
    )


def formulas() -> None:
    """Term end as a formula (openpyxl writes formulas without their cached values)."""
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Renewals"
    ws.append(["Customer", "Product", "Tier", "Start", "End"])
    for i, d in enumerate(DEALS):
        ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, f"=EDATE(D{i + 2},12)-1"])
    wb.save(out("finance_formulas.xlsx"))
    checks = [deal_check(DEALS[0]) | {"term_end": ""}]
    entry(
        "finance_formulas.xlsx",
        imitates="finance workbook written by a script (openpyxl): formulas, no values",
        writer="openpyxl",
        tricky="every End cell is =EDATE(D2,12)-1 with no cached value",
        contracts=len(DEALS),
        errors=None,
        contract=checks,
        finding=[{"contains": "never saved with its value"}],
    )
    soffice("finance_formulas.xlsx", "ods")
    entry(
        "finance_formulas.ods",
        imitates="the same workbook after opening and saving it in LibreOffice",
        writer="LibreOffice (ods)",
        tricky="formulas now carry their computed values",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0]), deal_check(DEALS[7], 7)],
        pending=False,
    )


def latin1_semicolon() -> None:
    deals = [
        Deal("Müller & Söhne AG", "okta", "okta-premier", date(2026, 3, 1), date(2027, 2, 28), "EMEA", "DE", "Europe/Berlin"),
        Deal(
            "Société Générale d'Études",
            "auth0",
            "auth0-enterprise",
            date(2026, 4, 13),
            date(2027, 4, 12),
            "EMEA",
            "FR",
            "Europe/Paris",
        ),
        Deal(
            "Ærø Værft ApS",
            "okta-access-gateway",
            "okta-premier-access",
            date(2026, 5, 1),
            date(2027, 4, 30),
            "EMEA",
            "DK",
            "Europe/Copenhagen",
        ),
        Deal("Café Zürich GmbH", "okta", "okta-basic", date(2026, 6, 15), date(2027, 6, 14), "EMEA", "CH", "Europe/Zurich"),
    ]
    rows: list[list[Any]] = [["Customer", "Product", "Tier", "Start", "End", "Country", "Remarks"]]
    rows += [
        [
            d.customer,
            PRODUCT_PLAIN[d.product],
            TIER_PLAIN[d.program],
            dotted(d.start),
            dotted(d.end),
            d.country,
            "Verlängerung geprüft",
        ]
        for d in deals
    ]
    write_text("latin1_semicolon_contracts.csv", rows, encoding="cp1252", delimiter=";")
    entry(
        "latin1_semicolon_contracts.csv",
        imitates="contract list saved by German Excel as 'CSV (Trennzeichen-getrennt)'",
        writer="csv",
        encoding="cp1252",
        tricky="semicolons; Windows-1252 umlauts and accents; dd.mm.yyyy dates",
        contracts=len(deals),
        contract=[deal_check(deals[0]), deal_check(deals[1], 1)],
        pending=False,
    )


def gb18030() -> None:
    deals = [
        Deal(
            "上海云桥科技有限公司", "auth0", "auth0-premier", date(2026, 3, 1), date(2027, 2, 28), "APAC", "CN", "Asia/Shanghai"
        ),
        Deal(
            "北京星河数据有限公司",
            "okta",
            "okta-premier-access",
            date(2026, 4, 1),
            date(2027, 3, 31),
            "APAC",
            "CN",
            "Asia/Shanghai",
        ),
        Deal(
            "深圳鹏程网络股份有限公司", "okta", "okta-basic", date(2026, 5, 1), date(2027, 4, 30), "APAC", "CN", "Asia/Shanghai"
        ),
        Deal(
            "广州南方智能制造集团",
            "auth0",
            "auth0-enterprise",
            date(2026, 6, 1),
            date(2027, 5, 31),
            "APAC",
            "CN",
            "Asia/Shanghai",
        ),
    ]
    rows: list[list[Any]] = [["Customer", "Product", "Tier", "Start", "End", "Country", "备注"]]
    rows += [
        [
            d.customer,
            PRODUCT_PLAIN[d.product],
            TIER_PLAIN[d.program],
            d.start.isoformat(),
            d.end.isoformat(),
            d.country,
            "续约谈判中，请联系客户成功经理",
        ]
        for d in deals
    ]
    write_text("gb18030_contracts.csv", rows, encoding="gb18030")
    entry(
        "gb18030_contracts.csv",
        imitates="contract list saved by Chinese Excel as CSV",
        writer="csv",
        encoding="gb18030",
        tricky="GB18030 customer names (no BOM); must not be decoded as Windows-1252",
        contracts=len(deals),
        contract=[deal_check(deals[0]), deal_check(deals[3], 3)],
    )


def utf16_tab() -> None:
    rows: list[list[Any]] = [["Customer", "Product", "Support Tier", "Start", "End", "Region"]]
    rows += [
        [d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], eu_date(d.start), eu_date(d.end), d.region] for d in DEALS
    ]
    write_text("utf16_unicode_text.txt", rows, encoding="utf-16-le", delimiter="\t", bom=codecs.BOM_UTF16_LE)
    entry(
        "utf16_unicode_text.txt",
        imitates="Excel 'Save As > Unicode Text (*.txt)'",
        writer="csv",
        encoding="utf-16-le with BOM",
        tricky="UTF-16, tab-separated, dd/mm/yyyy",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0]), deal_check(DEALS[7], 7)],
        pending=False,
    )


def utf8_bom_japanese() -> None:
    deals = [
        Deal("株式会社ヤマト精機", "okta", "okta-premier-plus", date(2026, 4, 1), date(2027, 3, 31), "APAC", "JP", "Asia/Tokyo"),
        Deal("東京データ株式会社", "auth0", "auth0-premier", date(2026, 7, 1), date(2027, 6, 30), "APAC", "JP", "Asia/Tokyo"),
        Deal(
            "さくらネットワークス合同会社",
            "okta",
            "okta-premier",
            date(2026, 10, 1),
            date(2027, 9, 30),
            "APAC",
            "JP",
            "Asia/Tokyo",
        ),
    ]
    rows: list[list[Any]] = [["Account Name", "Product", "Support Level", "Start Date", "End Date", "Country"]]
    rows += [
        [d.customer, marketing(d, i), TIER_SLOPPY[d.program], d.start.strftime("%Y/%m/%d"), d.end.strftime("%Y/%m/%d"), d.country]
        for i, d in enumerate(deals)
    ]
    write_text("utf8_bom_japanese.csv", rows, encoding="utf-8-sig")
    entry(
        "utf8_bom_japanese.csv",
        imitates="Excel 'CSV UTF-8 (Comma delimited)' from a Japanese team",
        writer="csv",
        encoding="utf-8 with BOM",
        tricky="BOM; Japanese names; yyyy/mm/dd; marketing product names",
        contracts=len(deals),
        contract=[deal_check(deals[0]), deal_check(deals[1], 1)],
    )


def day_month_across_columns() -> None:
    """Every start date is ambiguous (day <= 12); the end column proves the file writes day first."""
    deals = [
        Deal("Acme Corp", "okta", "okta-premier", date(2026, 4, 3), date(2027, 4, 30), "EMEA", "GB", "Europe/London"),
        Deal("Globex GmbH", "auth0", "auth0-premier", date(2026, 5, 2), date(2027, 5, 31), "EMEA", "DE", "Europe/Berlin"),
        Deal("Initech", "okta", "okta-basic", date(2026, 1, 11), date(2027, 1, 20), "EMEA", "IE", "Europe/Dublin"),
    ]
    rows: list[list[Any]] = [["Customer", "Product", "Tier", "Start", "End"]]
    rows += [[d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], eu_date(d.start), eu_date(d.end)] for d in deals]
    write_text("daymonth_settled_by_file.csv", rows)
    entry(
        "daymonth_settled_by_file.csv",
        imitates="UK contract list in dd/mm/yyyy",
        writer="csv",
        encoding="utf-8",
        tricky="every Start is ambiguous (03/04/2026); the End column's 30/04/2027 settles day-first for the whole file",
        contracts=len(deals),
        contract=[deal_check(deals[0]), deal_check(deals[2], 2)],
    )


def sf_cases_as_book() -> None:
    """A Salesforce case report that also carries account columns, handed in as a contract file."""
    rows: list[list[Any]] = [
        ["Open and Closed Cases"],
        [],
        ["Case Number", "Account Name", "Support Level", "Product", "Priority", "Date/Time Opened", "First Response", "Status"],
    ]
    for t in TICKETS:
        deal = next(d for d in DEALS if d.customer == t.customer)
        rows.append(
            [
                f"{t.number:08d}",
                t.customer,
                TIER_PLAIN[deal.program],
                PRODUCT_PLAIN[t.product],
                PRI_SALESFORCE[t.priority],
                naive(t.opened),
                naive(t.first_response) if t.first_response else None,
                "Closed",
            ]
        )
    rows += [[], [f"Grand Totals ({len(TICKETS)} records)"], [SF_CONFIDENTIAL], [SF_COPYRIGHT]]
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Cases"
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=4, min_col=6, max_col=7):
        for cell in cells:
            cell.number_format = "m/d/yyyy h:mm AM/PM"
    wb.save(out("sf_cases_with_accounts.xlsx"))
    entry(
        "sf_cases_with_accounts.xlsx",
        imitates="Salesforce case report (Formatted Report export) that carries Account Name and Support Level",
        writer="openpyxl",
        also=("companion_contracts.csv",),
        tricky="given as a contract file: its header names case fields, so it is a case table, not 10 contracts; "
        "P1 - Critical priorities",
        contracts=len(DEALS),
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "00000001"), ticket_check(TICKETS[4], "00000005")],
        finding=[info(f"Grand Totals ({len(TICKETS)} records)")],
    )


def sf_lightning_grouped() -> None:
    """Lightning formatted export of a summary report: the group value only on a group's first row."""
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Report"
    ws.append(["Support Contracts by Region (Lightning)"])
    ws.append(["Total Records: 8"])
    ws.append([])
    ws.append(
        ["Billing Region", "Account Name", "Product", "Support Level", "Contract Start Date", "Contract End Date", "Record Count"]
    )
    subtotals: list[int] = []
    order: list[Deal] = []
    for region in ("AMER", "APAC", "EMEA"):
        group = [d for d in DEALS if d.region == region]
        for i, d in enumerate(group):
            ws.append(
                [region if i == 0 else None, d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end, 1]
            )
            order.append(d)
        ws.append(["Subtotal", None, None, None, None, None, len(group)])
        subtotals.append(ws.max_row)
    ws.append(["Total", None, None, None, None, None, len(DEALS)])
    ws.append([])
    ws.append([SF_CONFIDENTIAL])
    ws.append([SF_COPYRIGHT])
    wb.save(out("sf_report_lightning_grouped.xlsx"))
    entry(
        "sf_report_lightning_grouped.xlsx",
        imitates="Salesforce Lightning summary report grouped by Billing Region, Export > Formatted Report",
        writer="openpyxl",
        tricky="group value only on each group's first "
        "row; 'Total Records: 8' above the header; Subtotal rows with a count; Total row",
        contracts=len(DEALS),
        contract=[deal_check(order[0]), deal_check(order[1], 1)],
        finding=[info(row=r) for r in subtotals] + [info(SF_CONFIDENTIAL)],
    )


def template_stars() -> None:
    """A company template: required columns marked *, the date format in the header, an instruction row."""
    rows: list[list[Any]] = [
        ["Contract intake template v3 — fields marked * are required; one row per product."],
        [
            "Customer*",
            "Product*",
            "Support Tier*",
            "Start Date (dd/mm/yyyy)*",
            "End Date (dd/mm/yyyy)*",
            "Time Zone (IANA)",
            "Comments",
        ],
    ]
    rows += [
        [d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], eu_date(d.start), eu_date(d.end), d.zone, ""] for d in DEALS
    ]
    wb = new_xlsxwriter("template_required_stars.xlsx")
    write_rows(wb.add_worksheet("Intake"), rows)
    wb.close()
    entry(
        "template_required_stars.xlsx",
        imitates="company contract-intake template filled in by hand",
        writer="xlsxwriter",
        tricky="trailing * on required headers; '(dd/mm/yyyy)' and '(IANA)' in headers; dates as dd/mm/yyyy text",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0], time_zone="Europe/Berlin"), deal_check(DEALS[7], 7, time_zone="Europe/London")],
        finding=[info("'Customer*' as")],
    )


def side_by_side_products() -> None:
    """Okta and Auth0 contracts side by side, each under its own section title."""
    okta = [d for d in DEALS + MORE_DEALS if d.product != "auth0"]
    auth0 = [d for d in DEALS + MORE_DEALS if d.product == "auth0"]
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "FY27"
    ws.append(["Okta", None, None, None, None, None, "Auth0"])
    ws.append(["Customer", "Product", "Tier", "Start", "End", None, "Customer", "Product", "Plan", "Start", "End"])
    for i in range(max(len(okta), len(auth0))):
        row: list[Any] = [None] * 11
        if i < len(okta):
            d = okta[i]
            row[0:5] = [d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end]
        if i < len(auth0):
            d = auth0[i]
            row[6:11] = [d.customer, "Auth0 by Okta", TIER_PLAIN[d.program], d.start, d.end]
        ws.append(row)
    wb.save(out("side_by_side_okta_auth0.xlsx"))
    entry(
        "side_by_side_okta_auth0.xlsx",
        imitates="hand-kept FY sheet: Okta contracts left, Auth0 right",
        writer="openpyxl",
        tricky="two contract tables side by side with section titles in the row above; the right one is shorter",
        contracts=len(okta) + len(auth0),
        contract=[deal_check(okta[0]), deal_check(auth0[0], len(okta))],
    )


def unknown_tiers() -> None:
    """Tier spellings nobody can map without the user: read, with an error naming each."""
    tiers = {"Initech": "Gold", "Hooli": "Premium"}
    rows: list[list[Any]] = [["Customer", "Product", "Tier", "Start", "End"]]
    rows += [
        [
            d.customer,
            PRODUCT_PLAIN[d.product],
            tiers.get(d.customer, TIER_PLAIN[d.program]),
            d.start.isoformat(),
            d.end.isoformat(),
        ]
        for d in DEALS
    ]
    write_text("unknown_tier_values.csv", rows)
    entry(
        "unknown_tier_values.csv",
        imitates="hand-kept contract list with two tier spellings of its own",
        writer="csv",
        encoding="utf-8",
        tricky="'Gold' and 'Premium' are no program: both rows kept, an ERROR for each naming the value",
        contracts=len(DEALS),
        errors=2,
        contract=[deal_check(DEALS[2], 2) | {"program": ""}, deal_check(DEALS[5], 5) | {"program": ""}],
        finding=[info("'Gold'", severity="ERROR"), info("'Premium'", severity="ERROR")],
        pending=False,
    )


def ambiguous_dates() -> None:
    """Every date could be day-first or month-first: nothing settles it, so nothing is guessed."""
    deals = [
        Deal("Acme Corp", "okta", "okta-premier", date(2026, 4, 3), date(2027, 4, 2), "EMEA", "GB", "Europe/London"),
        Deal("Globex GmbH", "auth0", "auth0-premier", date(2026, 5, 2), date(2027, 5, 1), "EMEA", "DE", "Europe/Berlin"),
    ]
    rows: list[list[Any]] = [["Customer", "Product", "Tier", "Start", "End"]]
    rows += [[d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], eu_date(d.start), eu_date(d.end)] for d in deals]
    write_text("ambiguous_dates_unsettled.csv", rows)
    entry(
        "ambiguous_dates_unsettled.csv",
        imitates="short contract list whose dates never show a day above 12",
        writer="csv",
        encoding="utf-8",
        tricky="03/04/2026 and 02/04/2027 with nothing in the file to settle the order: each date is an ERROR, none is guessed",
        contracts=len(deals),
        errors=4,
        contract=[{"index": 0, "customer": "Acme Corp", "term_start": "", "term_end": ""}],
        finding=[info("ambiguous", severity="ERROR")],
        pending=False,
    )


def cached_formulas() -> None:
    """XlsxWriter formulas saved with their values (as Excel does): read like plain dates."""
    wb = new_xlsxwriter("xlsxwriter_cached_formulas.xlsx")
    ws = wb.add_worksheet("Renewals")
    dates = wb.add_format({"num_format": "yyyy-mm-dd"})
    write_rows(ws, [["Customer", "Product", "Tier", "Start", "End"]])
    for i, d in enumerate(DEALS, start=1):
        write_rows(ws, [[d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start]], start_row=i)
        serial = (d.end - date(1899, 12, 30)).days
        ws.write_formula(i, 4, f"=EDATE(D{i + 1},12)-1", dates, serial)
    wb.close()
    entry(
        "xlsxwriter_cached_formulas.xlsx",
        imitates="finance workbook whose End column is a formula saved with its value",
        writer="xlsxwriter",
        tricky="formulas with cached values read as dates",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0]), deal_check(DEALS[7], 7)],
        pending=False,
    )


def sf_report_latin1() -> None:
    deals = [
        Deal(
            "Société Générale d'Études",
            "okta",
            "okta-premier-plus",
            date(2026, 1, 15),
            date(2027, 1, 14),
            "EMEA",
            "FR",
            "Europe/Paris",
        ),
        Deal(
            "Øresund Energi A/S",
            "auth0",
            "auth0-enterprise",
            date(2026, 2, 1),
            date(2027, 1, 31),
            "EMEA",
            "DK",
            "Europe/Copenhagen",
        ),
        Deal("Müller & Söhne AG", "okta", "okta-premier", date(2026, 3, 20), date(2027, 3, 19), "EMEA", "DE", "Europe/Berlin"),
    ]
    rows: list[list[Any]] = [SF_ACCOUNT_HEADER]
    rows += [
        [d.customer, marketing(d, 0), TIER_PLAIN[d.program], us_date(d.start), us_date(d.end), d.country, "Zoë Lefèvre"]
        for d in deals
    ]
    rows += [
        [],
        ["EMEA Support Accounts"],
        [SF_COPYRIGHT],
        [SF_CONFIDENTIAL],
        ["Generated By:  Zoë Lefèvre  11/27/2026 8:01 AM"],
        ["Acme Support Operations"],
    ]
    write_text("sf_report_latin1.csv", rows, encoding="latin-1", quoting=csv.QUOTE_ALL)
    entry(
        "sf_report_latin1.csv",
        imitates="Salesforce Classic report CSV with export encoding 'ISO-8859-1 (General US & Western European)'",
        writer="csv",
        encoding="iso-8859-1",
        tricky="Latin-1 accents in customers and owner; Salesforce footer; Product Line",
        contracts=len(deals),
        contract=[deal_check(deals[0]), deal_check(deals[1], 1)],
        finding=[info(SF_CONFIDENTIAL)],
    )


def tab_cp1252_contacts() -> None:
    people = [
        Person("Acme Corp", "José", "Núñez", "jose.nunez@acme.example", True),
        Person("Acme Corp", "Françoise", "Dubois", "f.dubois@acme.example", False),
        Person("Globex GmbH", "Jürgen", "Weiß", "j.weiss@globex.example", True),
        Person("Wayne Logistics", "Siobhán", "O'Brien", "siobhan@wayne.example", True),
    ]
    rows: list[list[Any]] = [["Account Name", "Contact Name", "Email", "Named Contact"]]
    rows += [[p.customer, p.name, p.email, "x" if p.named else ""] for p in people]
    write_text("contacts_tab_cp1252.txt", rows, encoding="cp1252", delimiter="\t")
    entry(
        "contacts_tab_cp1252.txt",
        imitates="Excel 'Save As > Text (Tab delimited) (*.txt)' of a contact list",
        writer="csv",
        encoding="cp1252",
        also=("companion_contracts.csv",),
        tricky="tabs; Windows-1252 accents; x means named, blank means not",
        contracts=len(DEALS),
        contacts=len(people),
        contact=[person_check(people[0]), person_check(people[1], 1), person_check(people[2], 2)],
        pending=False,
    )


# ---------------------------------------------------------------------------------------------------------------
# Case logs.


def zendesk_utc() -> None:
    header = [
        "Id",
        "Requester",
        "Organization",
        "Priority",
        "Status",
        "Subject",
        "Created at (UTC)",
        "First reply at (UTC)",
        "Tenant Environment [list]",
    ]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        rows.append(
            [
                t.number,
                f"user{t.number}@example.com",
                t.customer,
                PRI_ZENDESK[t.priority],
                "Solved",
                SUBJECTS[t.number - 1],
                stamp(t.opened),
                stamp(t.first_response),
                ENV_ZENDESK[t.production],
            ]
        )
    write_text("zendesk_tickets_utc.csv", rows)
    entry(
        "zendesk_tickets_utc.csv",
        imitates="Zendesk ticket view export (CSV) with (UTC) in the headers",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="Created at (UTC) / First reply at (UTC); Tenant Environment [list]; one ticket not answered yet",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "1"), ticket_check(TICKETS[1], "2"), ticket_check(TICKETS[4], "5")],
    )


ZENDESK_WIDE = [
    "Summation column",
    "Id",
    "Requester",
    "Requester id",
    "Requester email",
    "Submitter",
    "Assignee",
    "Group",
    "Subject",
    "Tags",
    "Status",
    "Priority",
    "Via",
    "Ticket type",
    "Created at",
    "Updated at",
    "Assigned at",
    "Organization",
    "Due date",
    "Solved at",
    "Replies",
    "First reply time in minutes",
    "First reply time in minutes within business hours",
    "Full resolution time in minutes",
    "Full resolution time in minutes within business hours",
    "Tenant Environment [list]",
]


def zendesk_wide_rows(cells: bool) -> list[list[Any]]:
    rows: list[list[Any]] = [ZENDESK_WIDE]
    for t in TICKETS:
        opened = naive(t.opened) if cells else stamp(t.opened)
        later = naive(t.opened + timedelta(days=2)) if cells else stamp(t.opened + timedelta(days=2))
        reply = t.reply_minutes
        business = None if reply is None else max(0, reply - 60)  # a different, business-hours figure
        rows.append(
            [
                "",
                t.number,
                f"Requester {t.number}",
                360000000 + t.number,
                f"user{t.number}@example.com",
                f"Requester {t.number}",
                "Agent Smith",
                "Tier 1",
                SUBJECTS[t.number - 1],
                "okta sso",
                "Solved",
                PRI_ZENDESK[t.priority],
                "Web form",
                "Incident",
                opened,
                later,
                opened,
                t.customer,
                "",
                later,
                3,
                "" if reply is None else reply,
                "" if business is None else business,
                2880,
                960,
                ENV_ZENDESK[t.production],
            ]
        )
    return rows


def zendesk_minutes() -> None:
    write_text("zendesk_tickets_minutes.csv", zendesk_wide_rows(cells=False))
    spec = dict(
        role="cases",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "1"), ticket_check(TICKETS[6], "7"), ticket_check(TICKETS[4], "5")],
        finding=[{"contains": "First reply time in minutes within business hours"}],
    )
    entry(
        "zendesk_tickets_minutes.csv",
        imitates="Zendesk Admin Center > Reports > Export, ticket CSV",
        writer="csv",
        encoding="utf-8",
        tricky="no first-reply timestamp: first response = Created at + 'First "
        "reply time in minutes'; the business-hours variant is not a timestamp; Requester id and Due date "
        "are traps",
        **spec,
    )
    wb = new_xlsxwriter("zendesk_tickets.xlsx")
    ws = wb.add_worksheet("Tickets")
    ws.set_column(14, 16, 18, wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}))
    write_rows(ws, zendesk_wide_rows(cells=True))
    wb.close()
    entry(
        "zendesk_tickets.xlsx",
        imitates="Zendesk ticket export opened in Excel and saved as .xlsx",
        writer="xlsxwriter",
        tricky="as the CSV, with date-time cells and numeric ids and minutes",
        **spec,
    )


def zendesk_shift_jis() -> None:
    """A Japanese team's Zendesk export re-saved by Excel in Shift-JIS, times in Tokyo time (+09:00)."""
    orgs = {"Acme Corp": "株式会社ヤマト精機", "Globex GmbH": "東京データ株式会社", "Initech": "さくらネットワークス合同会社"}
    subjects = ["ログインできません", "トークンの更新に失敗します", "多要素認証の設定について", "管理画面が遅い", "SAML エラー"]
    tickets = [t for t in TICKETS if t.customer in orgs]
    header = ["Id", "Requester", "Organization", "Priority", "Subject", "Created at (+09:00)", "First reply at (+09:00)"]
    rows: list[list[Any]] = [header]
    for i, t in enumerate(tickets):
        rows.append(
            [
                t.number,
                f"担当者{i + 1}",
                orgs[t.customer],
                PRI_ZENDESK[t.priority],
                subjects[i % len(subjects)],
                stamp(t.opened, 9),
                stamp(t.first_response, 9),
            ]
        )
    write_text("zendesk_shift_jis_tokyo.csv", rows, encoding="cp932")
    first = tickets[0]
    entry(
        "zendesk_shift_jis_tokyo.csv",
        imitates="Zendesk ticket export re-saved by Japanese Excel (CSV, Shift-JIS)",
        writer="csv",
        encoding="shift_jis (cp932)",
        role="cases",
        tricky="Shift-JIS organisation names; (+09:00) in the headers sets the zone (opened 19:00 Tokyo = 10:00 UTC)",
        cases=len(tickets),
        case=[
            ticket_check(first, "1") | {"customer": orgs[first.customer]},
            ticket_check(tickets[-1], str(tickets[-1].number)) | {"customer": orgs[tickets[-1].customer]},
        ],
    )


def jira_time(t: datetime) -> str:
    return naive(t).strftime("%d/%b/%y %I:%M %p")


def jira() -> None:
    header = [
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Project key",
        "Priority",
        "Resolution",
        "Assignee",
        "Reporter",
        "Created",
        "Updated",
        "Resolved",
        "Labels",
        "Labels",
        "Custom field (Organizations)",
        "Custom field (Product)",
        "Custom field (Date of First Response)",
        "Custom field (Tenant type)",
    ]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        later = t.opened + timedelta(days=1, hours=3)
        rows.append(
            [
                SUBJECTS[t.number - 1],
                f"SUP-{100 + t.number}",
                str(10100 + t.number),
                "Incident",
                "Resolved",
                "SUP",
                PRI_JIRA[t.priority],
                "Done",
                "Agent Smith",
                "Portal user",
                jira_time(t.opened),
                jira_time(later),
                jira_time(later),
                "okta",
                "customer",
                t.customer,
                PRODUCT_PLAIN[t.product],
                jira_time(t.first_response) if t.first_response else "",
                "Production" if t.production else "Sandbox",
            ]
        )
    write_text("jira_service_management.csv", rows)
    entry(
        "jira_service_management.csv",
        imitates="Jira Service Management issue search > Export > CSV (all fields)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="Issue key is the case id (Issue id is not); "
        "dd/Mon/yy h:mm AM dates; Highest/High/Medium/Low; 'Custom field (...)' headers; two Labels columns",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "SUP-101"), ticket_check(TICKETS[1], "SUP-102"), ticket_check(TICKETS[4], "SUP-105")],
    )


def freshdesk() -> None:
    header = [
        "Ticket ID",
        "Subject",
        "Status",
        "Priority",
        "Source",
        "Type",
        "Agent",
        "Group",
        "Created time",
        "Due by Time",
        "Resolved time",
        "Closed time",
        "Last update time",
        "Initial response time",
        "Time tracked",
        "First response time (in hrs)",
        "Resolution time (in hrs)",
        "Agent interactions",
        "Customer interactions",
        "Resolution status",
        "First response status",
        "Tags",
        "Product",
        "Full name",
        "Contact ID",
        "Company Name",
        "Tenant",
    ]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        due = t.opened + timedelta(hours=4)
        done = t.opened + timedelta(days=1)
        hours = "" if t.reply_minutes is None else f"{t.reply_minutes / 60:.2f}"
        rows.append(
            [
                t.number,
                SUBJECTS[t.number - 1],
                "Closed",
                PRI_FRESHDESK[t.priority],
                "Portal",
                "Incident",
                "Agent Smith",
                "Support",
                stamp(t.opened),
                stamp(due),
                stamp(done),
                stamp(done),
                stamp(done),
                stamp(t.first_response),
                "00:30",
                hours,
                "24.00",
                2,
                1,
                "Within SLA",
                "Within SLA",
                "",
                PRODUCT_PLAIN[t.product],
                f"Requester {t.number}",
                4300000 + t.number,
                t.customer,
                "prod" if t.production else "dev",
            ]
        )
    write_text("freshdesk_tickets.csv", rows)
    entry(
        "freshdesk_tickets.csv",
        imitates="Freshdesk Tickets > Export (CSV)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="Ticket ID / Created time / Initial response time; Due by Time is a timestamp trap; "
        "First response time (in hrs) is a duration; Company Name is the customer; Contact ID is not the id",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "1"), ticket_check(TICKETS[3], "4"), ticket_check(TICKETS[4], "5")],
    )


def servicenow() -> None:
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Page 1"
    ws.append(
        [
            "Number",
            "Opened",
            "Account",
            "Contact",
            "Product",
            "Priority",
            "State",
            "Short description",
            "Assignment group",
            "First response",
            "Updated",
        ]
    )
    for t in TICKETS:
        ws.append(
            [
                f"CS{1000 + t.number:07d}",
                naive(t.opened),
                t.customer,
                f"Contact {t.number}",
                PRODUCT_PLAIN[t.product],
                PRI_SERVICENOW[t.priority],
                "Closed",
                SUBJECTS[t.number - 1],
                "Identity Support",
                naive(t.first_response) if t.first_response else None,
                naive(t.opened + timedelta(days=3)),
            ]
        )
    for cells in ws.iter_rows(min_row=2, min_col=2, max_col=11):
        for cell in cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
    wb.save(out("servicenow_cases.xlsx"))
    spec = dict(
        role="cases", cases=len(TICKETS), case=[ticket_check(TICKETS[0], "CS0001001"), ticket_check(TICKETS[2], "CS0001003")]
    )
    entry(
        "servicenow_cases.xlsx",
        imitates="ServiceNow CSM case list > Export > Excel (sheet 'Page 1')",
        writer="openpyxl",
        tricky="Number / Opened; priorities '1 - Critical' .. '3 - Moderate'; Updated is a "
        "later timestamp; a Contact column must not make it a contact list",
        **spec,
    )
    soffice("servicenow_cases.xlsx", "xls")
    entry(
        "servicenow_cases.xls",
        imitates="the same ServiceNow export saved as Excel 97 (.xls)",
        writer="LibreOffice (xls)",
        tricky="BIFF8 .xls with date-time cells",
        **spec,
    )
    header = [
        "number",
        "opened_at",
        "account",
        "contact",
        "product",
        "priority",
        "state",
        "short_description",
        "sys_updated_on",
        "u_first_response",
    ]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        rows.append(
            [
                f"CS{1000 + t.number:07d}",
                stamp(t.opened),
                t.customer,
                f"Contact {t.number}",
                PRODUCT_PLAIN[t.product],
                PRI_SERVICENOW[t.priority],
                "Closed",
                SUBJECTS[t.number - 1],
                stamp(t.opened + timedelta(days=3)),
                stamp(t.first_response),
            ]
        )
    write_text("servicenow_cases.csv", rows, quoting=csv.QUOTE_ALL)
    entry(
        "servicenow_cases.csv",
        imitates="ServiceNow list > Export > CSV (column names are field names)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="snake_case field names (opened_at, u_first_response, sys_updated_on); '1 - Critical' priorities",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "CS0001001"), ticket_check(TICKETS[4], "CS0001005")],
    )


def dotted_cases() -> None:
    """An old helpdesk's export kept by hand: dd.mm.yyyy HH:MM, days <= 12 first, a later row settles it."""
    rows: list[list[Any]] = [
        ["Support cases, Q1-Q2 2026 (old helpdesk export)"],
        [],
        ["Case", "Customer", "Severity", "Opened", "First response", "Notes"],
    ]
    for t in TICKETS:
        rows.append(
            [
                f"HD-{t.number:04d}",
                t.customer,
                PRI_HAND[t.priority],
                dotted(naive(t.opened)),
                dotted(naive(t.first_response)) if t.first_response else "",
                "",
            ]
        )
    rows += [[], ["Times are UTC. Generated by HelpDesk Pro 4.2"]]
    write_text("helpdesk_dotted_times.csv", rows, delimiter=";")
    entry(
        "helpdesk_dotted_times.csv",
        imitates="old helpdesk export kept by hand (semicolons, dotted times)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="';' separated under a title line that holds commas; "
        "dd.mm.yyyy HH:MM with days <= 12 in the first rows (02.03.2026 is 2 March); 21.04.2026 settles the "
        "order; Sev 1 / Severity 2; footnote line",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "HD-0001"), ticket_check(TICKETS[5], "HD-0006"), ticket_check(TICKETS[9], "HD-0010")],
        finding=[info("Generated by HelpDesk Pro")],
    )


def sf_case_report_csv() -> None:
    header = [
        "Case Number",
        "Account Name",
        "Support Level",
        "Priority",
        "Date/Time Opened",
        "First Response (Date/Time)",
        "Case Owner",
        "Subject",
    ]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        deal = next(d for d in DEALS if d.customer == t.customer)
        fmt = "%-m/%-d/%Y %-I:%M %p"
        rows.append(
            [
                f"{t.number:08d}",
                t.customer,
                TIER_PLAIN[deal.program],
                PRI_SALESFORCE[t.priority],
                naive(t.opened).strftime(fmt),
                naive(t.first_response).strftime(fmt) if t.first_response else "",
                "Support Queue",
                SUBJECTS[t.number - 1],
            ]
        )
    rows += [
        [],
        ["Cases with First Response"],
        [SF_COPYRIGHT],
        [SF_CONFIDENTIAL],
        ["Generated By:  Jane Doe  11/27/2026 8:01 AM"],
        ["Acme Support Operations"],
    ]
    write_text("sf_case_report.csv", rows, quoting=csv.QUOTE_ALL, bom=codecs.BOM_UTF8)
    entry(
        "sf_case_report.csv",
        imitates="Salesforce Classic case report, Export Details > CSV (UTF-8)",
        writer="csv",
        encoding="utf-8 with BOM",
        role="cases",
        tricky="given with --cases although it names "
        "Account Name and Support Level; M/D/YYYY h:mm AM; 'First Response (Date/Time)'; P1 - Critical; footer",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "00000001"), ticket_check(TICKETS[9], "00000010")],
        finding=[info(SF_CONFIDENTIAL), info("Generated By:")],
    )


def zendesk_pst() -> None:
    """Times in Pacific Standard Time, said so in the headers (tickets before the DST change only)."""
    tickets = [t for t in TICKETS if t.opened < utc(2026, 3, 8, 10)]
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Tickets"
    ws.append(["Id", "Organization", "Priority", "Subject", "Created at (PST)", "First reply at (PST)"])
    for t in tickets:
        ws.append(
            [
                t.number,
                t.customer,
                PRI_ZENDESK[t.priority],
                SUBJECTS[t.number - 1],
                stamp(t.opened, -8),
                stamp(t.first_response, -8),
            ]
        )
    wb.save(out("zendesk_pst_headers.xlsx"))
    entry(
        "zendesk_pst_headers.xlsx",
        imitates="Zendesk ticket export re-saved in Excel by a US team",
        writer="openpyxl",
        role="cases",
        tricky="(PST) in the headers: 02:00 PST is 10:00 UTC; times as text",
        cases=len(tickets),
        case=[ticket_check(tickets[0], "1"), ticket_check(tickets[-1], str(tickets[-1].number))],
    )


def warehouse_pipe() -> None:
    header = [
        "CASE_NUMBER",
        "ACCOUNT_NAME",
        "PRODUCT_NAME",
        "PRIORITY",
        "CREATED_AT_UTC",
        "FIRST_RESPONSE_AT_UTC",
        "TENANT_ENVIRONMENT",
    ]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        rows.append(
            [
                f"{t.number:08d}",
                t.customer,
                PRODUCT_PLAIN[t.product],
                f"P{t.priority}",
                naive(t.opened).strftime("%Y-%m-%d %H:%M:%S.000"),
                naive(t.first_response).strftime("%Y-%m-%d %H:%M:%S.000") if t.first_response else "",
                ENV_ZENDESK[t.production].upper(),
            ]
        )
    write_text("warehouse_cases_pipe.txt", rows, delimiter="|")
    entry(
        "warehouse_cases_pipe.txt",
        imitates="case extract from the data warehouse (Snowflake unload, '|' separated)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="pipes; UPPER_SNAKE headers with _UTC; milliseconds",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "00000001"), ticket_check(TICKETS[1], "00000002")],
    )


def jira_sla_only() -> None:
    header = ["Issue key", "Summary", "Priority", "Created", "Time to first response", "Organizations"]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        left = 60 - (t.reply_minutes or 90)
        sla = f"{'-' if left < 0 else ''}{abs(left) // 60}h {abs(left) % 60}m"
        rows.append([f"SUP-{100 + t.number}", SUBJECTS[t.number - 1], PRI_JIRA[t.priority], jira_time(t.opened), sla, t.customer])
    write_text("refuse_jira_sla_text_only.csv", rows)
    entry(
        "refuse_jira_sla_text_only.csv",
        imitates="Jira Service Management CSV (current fields) with only the SLA column",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="'Time to first response' holds SLA remaining time ('-0h 30m'), not a timestamp: first responses cannot be judged",
        refused="first responses cannot be judged",
        headers_seen=tuple(header),
    )


def unread_sheet() -> None:
    """A good contracts sheet beside a sheet whose headers nothing recognises: read one, warn about the other."""
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Contracts"
    ws.append(["Customer", "Product", "Tier", "Start", "End"])
    for d in DEALS:
        ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end])
    pipeline = wb.create_sheet("Pipeline DACH")
    pipeline.append(["Kunde", "Erzeugnis", "Stufe", "Beginn", "Ende"])
    for d in MORE_DEALS[:3]:
        pipeline.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end])
    wb.save(out("finance_unread_sheet.xlsx"))
    entry(
        "finance_unread_sheet.xlsx",
        imitates="finance workbook with a German pipeline sheet",
        writer="openpyxl",
        tricky="the second sheet holds data rows under headers nothing recognises: a WARNING naming the sheet "
        "and the headers it saw, not a silent skip",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0])],
        finding=[info("Pipeline DACH", severity="WARNING"), info("Erzeugnis", severity="WARNING")],
    )


def lcg(seed: int):  # type: ignore[no-untyped-def]
    """A tiny deterministic number stream (no dependence on the random module's version)."""
    state = seed
    while True:
        state = (state * 1103515245 + 12345) % 2**31
        yield state


def big_tickets() -> list[Ticket]:
    numbers = lcg(10)
    out_: list[Ticket] = []
    start = utc(2026, 1, 1, 0, 0)
    for i in range(300):
        deal = DEALS[next(numbers) % len(DEALS)]
        opened = start + timedelta(minutes=next(numbers) % (300 * 24 * 60))
        reply = None if i % 37 == 5 else next(numbers) % 2000
        out_.append(Ticket(5000 + i, deal.customer, deal.product, 1 + next(numbers) % 4, opened, reply, production=i % 9 != 4))
    return sorted(out_, key=lambda t: t.opened)


def zendesk_300() -> None:
    tickets = big_tickets()
    header = [
        "Id",
        "Requester",
        "Organization",
        "Subject",
        "Status",
        "Priority",
        "Created at",
        "Updated at",
        "First reply time in minutes",
        "First reply time in minutes within business hours",
        "Tenant Environment [list]",
    ]
    rows: list[list[Any]] = [header]
    for t in tickets:
        rows.append(
            [
                t.number,
                f"user{t.number}@example.com",
                t.customer,
                SUBJECTS[t.number % 10],
                "Closed",
                PRI_ZENDESK[t.priority],
                stamp(t.opened),
                stamp(t.opened + timedelta(days=3)),
                "" if t.reply_minutes is None else t.reply_minutes,
                "" if t.reply_minutes is None else t.reply_minutes // 3,
                ENV_ZENDESK[t.production],
            ]
        )
    write_text("zendesk_tickets_300.csv", rows)
    unanswered = next(t for t in tickets if t.reply_minutes is None)
    staging = next(t for t in tickets if not t.production)
    entry(
        "zendesk_tickets_300.csv",
        imitates="a year of Zendesk tickets (Reports > Export, CSV)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="300 rows: nothing lost; minutes to first reply; unanswered and staging tickets scattered through the file",
        cases=len(tickets),
        case=[
            ticket_check(tickets[0], str(tickets[0].number)),
            ticket_check(tickets[-1], str(tickets[-1].number)),
            ticket_check(unanswered, str(unanswered.number)),
            ticket_check(staging, str(staging.number)),
        ],
        finding=[{"contains": "First reply time in minutes within business hours"}],
    )


def sf_grouped_240() -> None:
    """A long Salesforce summary report: 240 contracts grouped by Account Owner, six groups."""
    numbers = lcg(7)
    owners = ["Ana Silva", "Ben Okafor", "Chen Wei", "Dana Levi", "Eli Novak", "Fay Tanaka"]
    programs = list(TIER_PLAIN)
    deals: list[tuple[str, Deal]] = []
    for i in range(240):
        program = programs[next(numbers) % len(programs)]
        product = "auth0" if program.startswith("auth0") else ("okta-access-gateway" if i % 7 == 0 else "okta")
        start = date(2026, 1, 1) + timedelta(days=next(numbers) % 360)
        end = start + timedelta(days=364)
        deals.append(
            (
                owners[i % len(owners)],
                Deal(f"Customer {i + 1:03d} Ltd", product, program, start, end, "AMER", "US", "America/New_York"),
            )
        )
    rows: list[list[Any]] = [
        ["Renewals by Account Owner"],
        ["Filtered By:"],
        ["    Fiscal Year equals FY2027"],
        [],
        ["Account Owner", "Account Name", "Product", "Support Level", "Contract Start Date", "Contract End Date"],
    ]
    skipped: list[int] = []
    order: list[Deal] = []
    for owner in owners:
        group = [d for o, d in deals if o == owner]
        rows.append([f"Account Owner: {owner} ({len(group)} records)"])
        skipped.append(len(rows))
        for d in group:
            rows.append([owner, d.customer, PRODUCT_MARKETING[d.product], TIER_PLAIN[d.program], d.start, d.end])
            order.append(d)
        rows.append([f"Subtotal ({len(group)} records)"])
        skipped.append(len(rows))
    rows += [[f"Grand Totals ({len(deals)} records)"], [], [SF_CONFIDENTIAL], [SF_COPYRIGHT]]
    wb = new_xlsxwriter("sf_report_grouped_240.xlsx")
    write_rows(wb.add_worksheet("Renewals by Account Owner"), rows)
    wb.close()
    entry(
        "sf_report_grouped_240.xlsx",
        imitates="long Salesforce summary report grouped by Account Owner",
        writer="xlsxwriter",
        tricky="240 records in six groups: group headers and 'Subtotal (40 records)' rows every 42 rows; marketing product names",
        contracts=len(deals),
        contract=[deal_check(order[0]), deal_check(order[100], 100), deal_check(order[-1], len(order) - 1)],
        finding=[info(row=skipped[0]), info(row=skipped[-1]), info(f"Grand Totals ({len(deals)} records)")],
    )


def freshdesk_cest() -> None:
    """Freshdesk export saved as a workbook by a team in Berlin, with the offset written in the headers."""
    tickets = [t for t in TICKETS if t.opened >= utc(2026, 3, 30, 0)]  # after the change to summer time
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Tickets"
    ws.append(
        [
            "Ticket ID",
            "Subject",
            "Status",
            "Priority",
            "Created time (+02:00)",
            "Due by Time (+02:00)",
            "Initial response time (+02:00)",
            "Company Name",
            "Product",
        ]
    )
    for t in tickets:
        ws.append(
            [
                t.number,
                SUBJECTS[t.number - 1],
                "Closed",
                PRI_FRESHDESK[t.priority],
                naive(t.opened, 2),
                naive(t.opened + timedelta(hours=8), 2),
                naive(t.first_response, 2) if t.first_response else None,
                t.customer,
                PRODUCT_PLAIN[t.product],
            ]
        )
    for cells in ws.iter_rows(min_row=2, min_col=5, max_col=7):
        for cell in cells:
            cell.number_format = "dd.mm.yyyy hh:mm"
    wb.save(out("freshdesk_cest_offset.xlsx"))
    entry(
        "freshdesk_cest_offset.xlsx",
        imitates="Freshdesk ticket export re-saved as .xlsx by a Berlin team",
        writer="openpyxl",
        role="cases",
        tricky="(+02:00) in the headers: date-time cells are local; 14:00 "
        "local is 12:00 UTC; Due by Time is not the first response",
        cases=len(tickets),
        case=[ticket_check(tickets[0], str(tickets[0].number)), ticket_check(tickets[-1], str(tickets[-1].number))],
    )


def zendesk_unicode_text() -> None:
    """Zendesk tickets saved from Excel as Unicode Text: UTF-16, tabs, Excel's own date-time text."""
    rows: list[list[Any]] = [
        ["Id", "Requester", "Organization", "Priority", "Created at", "First reply at", "Tenant Environment [list]"]
    ]
    for t in TICKETS:
        fmt = "%-m/%-d/%Y %H:%M"
        rows.append(
            [
                t.number,
                f"Requester {t.number}",
                t.customer,
                PRI_ZENDESK[t.priority],
                naive(t.opened).strftime(fmt),
                naive(t.first_response).strftime(fmt) if t.first_response else "",
                ENV_ZENDESK[t.production],
            ]
        )
    write_text("zendesk_unicode_text.txt", rows, encoding="utf-16-le", delimiter="\t", bom=codecs.BOM_UTF16_LE)
    entry(
        "zendesk_unicode_text.txt",
        imitates="Zendesk export opened in US Excel, Save As > Unicode Text",
        writer="csv",
        encoding="utf-16-le with BOM",
        role="cases",
        tricky="UTF-16 and tabs; M/D/YYYY H:MM settled month-first by 4/21/2026",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "1"), ticket_check(TICKETS[9], "10")],
    )


def zone_abbreviations() -> None:
    """A log merged from regional desks: each time carries its desk's zone abbreviation (no DST in play)."""
    zones = {1: ("CET", 1), 2: ("JST", 9), 3: ("GMT", 0), 4: ("CET", 1), 5: ("JST", 9)}
    tickets = [t for t in TICKETS if t.number in zones]
    rows: list[list[Any]] = [["Ticket", "Customer", "Priority", "Opened", "First response"]]
    for t in tickets:
        abbr, hours = zones[t.number]
        rows.append(
            [
                f"INC-{t.number:03d}",
                t.customer,
                f"P{t.priority}",
                f"{stamp(t.opened, hours)[:16]} {abbr}",
                f"{stamp(t.first_response, hours)[:16]} {abbr}" if t.first_response else "",
            ]
        )
    write_text("regional_desks_zone_abbrev.csv", rows)
    entry(
        "regional_desks_zone_abbrev.csv",
        imitates="case log merged by hand from the Berlin, Tokyo and London desks",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="each time ends in its zone abbreviation (CET, JST, GMT): 11:00 CET is 10:00 UTC",
        cases=len(tickets),
        case=[ticket_check(t, f"INC-{t.number:03d}", environment="production") for t in tickets[:3]],
    )


# ---------------------------------------------------------------------------------------------------------------
# Files that must be refused, with a message that lists the headers seen.


def refusals() -> None:
    header = ["Id", "Requester", "Organization", "Priority", "Status", "Created at", "Updated at", "Solved at"]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        rows.append(
            [
                t.number,
                f"user{t.number}@example.com",
                t.customer,
                PRI_ZENDESK[t.priority],
                "Solved",
                stamp(t.opened),
                stamp(t.opened + timedelta(days=1)),
                stamp(t.opened + timedelta(days=2)),
            ]
        )
    write_text("refuse_zendesk_no_first_reply.csv", rows)
    entry(
        "refuse_zendesk_no_first_reply.csv",
        imitates="Zendesk ticket export with the reply columns left out",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="no first-response column at all: an ERROR, never a log of breaches",
        refused="first responses cannot be judged",
        headers_seen=tuple(header),
    )

    header = ["Id", "Organization", "Priority", "Created at", "First reply time in minutes within business hours"]
    rows = [header] + [
        [t.number, t.customer, PRI_ZENDESK[t.priority], stamp(t.opened), "" if t.reply_minutes is None else t.reply_minutes]
        for t in TICKETS
    ]
    write_text("refuse_zendesk_business_minutes_only.csv", rows)
    entry(
        "refuse_zendesk_business_minutes_only.csv",
        imitates="Zendesk export with only the business-hours reply time",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="business-hours minutes are not a timestamp: first responses cannot be judged",
        refused="first responses cannot be judged",
        headers_seen=tuple(header),
    )

    header = ["Kunde", "Erzeugnis", "Stufe", "Beginn", "Ende"]
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Verträge"
    ws.append(header)
    for d in DEALS[:4]:
        ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end])
    wb.save(out("refuse_unknown_headers.xlsx"))
    entry(
        "refuse_unknown_headers.xlsx",
        imitates="contract sheet with German headers no alias knows",
        writer="openpyxl",
        tricky="nothing can be recognised: no contract is an ERROR naming the headers seen",
        refused="contract",
        headers_seen=tuple(header),
    )

    write_text("refuse_hubspot_alone_as_book.csv", hubspot_rows())
    entry(
        "refuse_hubspot_alone_as_book.csv",
        imitates="HubSpot contacts export given alone as the contract book",
        writer="csv",
        encoding="utf-8",
        tricky="a contact list read fine, but contract files that yield no contract are an ERROR",
        refused="contract",
        headers_seen=("First Name", "Last Name", "Company Name"),
    )

    header = ["Account Name", "Product Line", "Support Level", "Contract Start Date", "Contract End Date"]
    write_text("refuse_header_only.csv", [header, [], ["Grand Totals (0 records)"], [SF_CONFIDENTIAL]], quoting=csv.QUOTE_ALL)
    entry(
        "refuse_header_only.csv",
        imitates="Salesforce report export whose filter matched nothing",
        writer="csv",
        encoding="utf-8",
        tricky="a header, zero records and a footer: no contract is an ERROR",
        refused="contract",
        headers_seen=tuple(header),
    )


# ---------------------------------------------------------------------------------------------------------------
# Issue 24: the shapes account managers meet every week (hidden and merged cells, misnamed files, ...).

CHURNED = Deal(
    "Vandelay Industries", "okta", "okta-premier", date(2025, 2, 1), date(2026, 1, 31), "AMER", "US", "America/New_York"
)


def hidden_sheets() -> None:
    """Last year's data kept on a hidden 'Backup 2025' sheet (and a very hidden scratch sheet): not read, each named."""
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Contracts 2026"
    header = ["Customer", "Product", "Tier", "Start", "End", "Time Zone"]
    ws.append(header)
    for d in DEALS:
        ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end, d.zone])
    backup = wb.create_sheet("Backup 2025")
    backup.sheet_state = "hidden"
    backup.append(header)
    for d in [*DEALS, CHURNED]:
        backup.append(
            [
                d.customer,
                PRODUCT_PLAIN[d.product],
                TIER_PLAIN[d.program],
                d.start.replace(year=2025),
                d.end.replace(year=2026),
                d.zone,
            ]
        )
    scratch = wb.create_sheet("lookup")
    scratch.sheet_state = "veryHidden"
    scratch.append(["Code", "Tier"])
    for code, tier in (("B", "Basic"), ("P", "Premier"), ("PA", "Premier Access")):
        scratch.append([code, tier])
    wb.save(out("finance_hidden_backup.xlsx"))
    checks = dict(
        tricky="a hidden sheet of last year's contracts (and a churned customer found only there) and a very hidden "
        "lookup sheet: neither is read, an INFO names each with its row count",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0], time_zone="Europe/Berlin"), deal_check(DEALS[-1], index=len(DEALS) - 1)],
        finding=[info("Sheet 'Backup 2025' is hidden in the workbook; its 9 rows under the header were not read")],
    )
    entry(
        "finance_hidden_backup.xlsx",
        imitates="hand-kept finance workbook with a hidden backup sheet",
        writer="openpyxl",
        **(checks | {"finding": [*checks["finding"], info("Sheet 'lookup' is very hidden in the workbook; its 4 filled rows")]}),
    )
    for suffix in ("xls", "ods"):
        soffice("finance_hidden_backup.xlsx", suffix)
        entry(
            f"finance_hidden_backup.{suffix}",
            imitates=f"the same workbook saved by LibreOffice as .{suffix} (very hidden becomes hidden)",
            writer="LibreOffice from openpyxl",
            **checks,
        )


MERGED_DEALS = [  # a hand-kept book: several products per customer, each customer written once
    Deal("Acme Corp", "okta", "okta-premier-plus", date(2026, 1, 15), date(2027, 1, 14), "EMEA", "DE", "Europe/Berlin"),
    Deal("Acme Corp", "auth0", "auth0-premier", date(2026, 1, 15), date(2027, 1, 14), "EMEA", "DE", "Europe/Berlin"),
    Deal("Acme Corp", "okta-access-gateway", "okta-premier", date(2026, 1, 15), date(2027, 1, 14), "EMEA", "DE", "Europe/Berlin"),
    Deal("Initech", "okta", "okta-premier", date(2026, 3, 1), date(2027, 2, 28), "AMER", "US", "America/Chicago"),
    Deal("Initech", "auth0", "auth0-enterprise", date(2026, 3, 1), date(2027, 2, 28), "AMER", "US", "America/Chicago"),
    Deal("Soylent Foods", "auth0", "auth0-enterprise", date(2026, 5, 1), date(2027, 4, 30), "APAC", "AU", "Australia/Sydney"),
    Deal("Tyrell Systems", "okta", "okta-premier-access", date(2026, 7, 1), date(2027, 6, 30), "APAC", "SG", "Asia/Singapore"),
    Deal(
        "Tyrell Systems", "okta-access-gateway", "okta-basic", date(2026, 7, 1), date(2027, 6, 30), "APAC", "SG", "Asia/Singapore"
    ),
]


def merged_cells() -> None:
    """Each customer (and its region and time zone) written once, merged down over its product rows."""
    name = "handkept_merged_customers.xlsx"
    wb = new_xlsxwriter(name)
    ws = wb.add_worksheet("Accounts")
    title = wb.add_format({"bold": True, "align": "center"})
    ws.merge_range(0, 0, 0, 6, "Support contracts 2026 (kept by the EMEA desk)", title)
    header = ["Customer", "Region", "Time Zone", "Product", "Tier", "Start", "End"]
    write_rows(ws, [header], start_row=2)
    row = 3
    date_format = wb.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    top = wb.add_format({"valign": "top"})
    groups: dict[str, list[Deal]] = {}
    for d in MERGED_DEALS:
        groups.setdefault(d.customer, []).append(d)
    for deals in groups.values():
        first, last = row, row + len(deals) - 1
        for column, value in enumerate((deals[0].customer, deals[0].region, deals[0].zone)):
            if last > first:
                ws.merge_range(first, column, last, column, value, top)
            else:
                ws.write(first, column, value, top)
        for offset, d in enumerate(deals):
            ws.write(row + offset, 3, PRODUCT_PLAIN[d.product])
            ws.write(row + offset, 4, TIER_PLAIN[d.program])
        if len({(d.start, d.end) for d in deals}) == 1 and last > first:  # one term for the whole account
            ws.merge_range(first, 5, last, 5, "", date_format)
            ws.write_datetime(first, 5, deals[0].start, date_format)
            ws.merge_range(first, 6, last, 6, "", date_format)
            ws.write_datetime(first, 6, deals[0].end, date_format)
        else:
            for offset, d in enumerate(deals):
                ws.write_datetime(row + offset, 5, d.start, date_format)
                ws.write_datetime(row + offset, 6, d.end, date_format)
        row = last + 1
    wb.close()
    checks = dict(
        tricky="customer, region and time zone merged down over each account's product rows, the term dates too, "
        "a title merged across the top: every row gets its account's values, one INFO per sheet",
        contracts=len(MERGED_DEALS),
        contract=[deal_check(d, i, region=d.region, time_zone=d.zone) for i, d in enumerate(MERGED_DEALS) if i in (0, 2, 4, 7)],
        finding=[info("Sheet 'Accounts' has 16 merged ranges")],
    )
    entry(name, imitates="hand-kept account book with merged customer cells", writer="xlsxwriter", **checks)
    soffice(name, "xls")
    entry(
        name.replace(".xlsx", ".xls"),
        imitates="the same book saved by LibreOffice as Excel 97-2003",
        writer="LibreOffice from xlsxwriter",
        **checks,
    )


def misnamed_files() -> None:
    """Files whose name says another format: read by their bytes, an INFO says the name misleads."""
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Contracts"
    ws.append(["Customer", "Product", "Tier", "Start", "End"])
    for d in DEALS:
        ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end])
    wb.save(out("export_really_xlsx.csv"))
    checks = dict(contracts=len(DEALS), contract=[deal_check(DEALS[0]), deal_check(DEALS[-1], len(DEALS) - 1)])
    entry(
        "export_really_xlsx.csv",
        imitates="an .xlsx workbook saved under a .csv name (a browser download renamed)",
        writer="openpyxl",
        tricky="the bytes are a zipped workbook: read as one, an INFO says the name misleads",
        **checks,
        finding=[info("export_really_xlsx.csv is named .csv but is a .xlsx workbook")],
    )
    rows = [["Customer", "Product", "Tier", "Start", "End"]]
    rows += [[d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start.isoformat(), d.end.isoformat()] for d in DEALS]
    write_text("export_really_csv.xlsx", rows)
    entry(
        "export_really_csv.xlsx",
        imitates="a CRM's CSV export that names its download .xlsx",
        writer="csv",
        encoding="utf-8",
        tricky="text under a workbook's name: read as CSV, an INFO says so",
        **checks,
        finding=[info("export_really_csv.xlsx is named .xlsx but is a CSV text file")],
    )
    wb.save(out("legacy_copy.xlsx"))
    soffice("legacy_copy.xlsx", "xls")
    out("legacy_copy.xlsx").unlink()
    out("legacy_copy.xls").rename(out("legacy_really_xls.xlsx"))
    entry(
        "legacy_really_xls.xlsx",
        imitates="an Excel 97-2003 workbook someone renamed to .xlsx",
        writer="LibreOffice from openpyxl",
        tricky="an OLE workbook under an .xlsx name: read as .xls, an INFO says so",
        **checks,
        finding=[info("legacy_really_xls.xlsx is named .xlsx but is a .xls workbook")],
    )


INVISIBLE = {  # how copy-paste from a web page, a right-to-left CRM or macOS spells the companion's customers
    "Acme Corp": "\u200fAcme Corp",  # a right-to-left mark in front
    "Globex GmbH": "Globex\u00a0GmbH",  # a non-breaking space
    "Initech": "\ufeffInitech",  # a stray BOM pasted from a UTF-8 file
    "Umbrella Health": "Umbrella\u200b Health",  # a zero-width space
    "Soylent Foods": "Soylent Foods\u200e",  # a left-to-right mark at the end
}


def invisible_marks() -> None:
    """Zendesk tickets whose organization names carry bidi marks, BOMs and zero-width spaces."""
    rows: list[list[Any]] = [["Id", "Organization", "Priority", "Created at", "First reply at"]]
    for t in TICKETS:
        reply = stamp(t.first_response) if t.first_response else ""
        rows.append([t.number, INVISIBLE.get(t.customer, t.customer), PRI_ZENDESK[t.priority], stamp(t.opened), reply])
    write_text("zendesk_invisible_marks.csv", rows)
    entry(
        "zendesk_invisible_marks.csv",
        imitates="Zendesk ticket export whose organization names were pasted from a right-to-left CRM and web pages",
        writer="csv",
        encoding="utf-8",
        role="cases",
        also=("companion_contracts.csv",),
        tricky="RLM, LRM, BOM, zero-width and non-breaking spaces inside names: each name is cleaned to the book's "
        "spelling (the app shows the clean name) and an INFO says what was removed",
        contracts=len(DEALS),
        cases=len(TICKETS),
        case=[ticket_check(t, str(t.number), environment="production", customer_key=t.customer.casefold()) for t in TICKETS[:5]],
        finding=[info("'Acme Corp' (a right-to-left mark; 2 rows)"), info("'Initech' (a stray byte-order mark; 1 row)")],
    )


NFD_DEALS = [
    Deal("Société Générale", "okta", "okta-premier", date(2026, 2, 1), date(2027, 1, 31), "EMEA", "FR", "Europe/Paris"),
    Deal("Zürich Rück", "auth0", "auth0-premier", date(2026, 3, 1), date(2027, 2, 28), "EMEA", "CH", "Europe/Zurich"),
    Deal(
        "São Paulo Saúde", "okta", "okta-premier-access", date(2026, 4, 1), date(2027, 3, 31), "AMER", "BR", "America/Sao_Paulo"
    ),
]


def macos_decomposed() -> None:
    """A contract list exported from macOS Numbers (names in NFD) beside contacts typed on Windows (NFC)."""
    rows: list[list[Any]] = [["Customer", "Product", "Tier", "Start", "End", "Time Zone"]]
    for d in NFD_DEALS:
        name = unicodedata.normalize("NFD", d.customer)
        rows.append([name, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start.isoformat(), d.end.isoformat(), d.zone])
    rows += [[], ["Contact", "Customer", "Email"]]
    rows += [["Amélie Durand", "Société Générale", "amelie@socgen.example"], ["Jonas Brügger", "Zürich Rück", "jonas@zr.example"]]
    write_text("numbers_decomposed_names.csv", rows)
    entry(
        "numbers_decomposed_names.csv",
        imitates="macOS Numbers CSV export: accents written decomposed (NFD), a contacts table typed on Windows below",
        writer="csv",
        encoding="utf-8 (NFD)",
        tricky="'Société Générale' in NFD and in NFC are one customer: the contacts find their contract, no orphan warning",
        contracts=len(NFD_DEALS),
        contacts=2,
        contract=[deal_check(d, i) for i, d in enumerate(NFD_DEALS)],
        contact=[{"index": 0, "customer": "Société Générale", "name": "Amélie Durand"}],
        finding=[info("decomposed accents, as macOS writes them")],
    )


# An .xlsb writer: no Python library writes the binary workbook, so the records are written here as MS-XLSB
# (Excel Binary File Format) documents them: a record is a type and a size, each a 7-bit varint, then its data.


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _record(kind: int, data: bytes = b"") -> bytes:
    return _varint(kind) + _varint(len(data)) + data


def _wide(text: str) -> bytes:  # XLWideString: a character count, then UTF-16LE
    return len(text).to_bytes(4, "little") + text.encode("utf-16-le")


def write_xlsb(path: Path, sheets: list[tuple[str, list[list[Any]]]]) -> None:
    """Strings as inline BrtCellSt, numbers as BrtCellReal, dates as serials in a date style (XF 1, format 14)."""
    rels = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    ]
    book = _record(0x0083) + _record(0x008F)  # BrtBeginBook, BrtBeginBundleShs
    parts: dict[str, bytes] = {}
    for index, (name, rows) in enumerate(sheets, 1):
        rels.append(
            f'<Relationship Id="rId{index}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{index}.bin"/>'
        )
        state = (0).to_bytes(4, "little") + index.to_bytes(4, "little")
        book += _record(0x009C, state + _wide(f"rId{index}") + _wide(name))  # BrtBundleSh
        width = max((len(r) for r in rows), default=1)
        dimension = b"".join(v.to_bytes(4, "little") for v in (0, max(len(rows) - 1, 0), 0, width - 1))
        sheet = _record(0x0081) + _record(0x0094, dimension) + _record(0x0091)  # BeginSheet, WsDim, BeginSheetData
        for r, row in enumerate(rows):
            sheet += _record(0x0000, r.to_bytes(4, "little") + bytes(13))  # BrtRowHdr
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, (date, datetime)):
                    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
                    serial = (moment - datetime(1899, 12, 30)).total_seconds() / 86400
                    sheet += _record(0x0005, c.to_bytes(4, "little") + (1).to_bytes(4, "little") + struct.pack("<d", serial))
                elif isinstance(value, (int, float)):
                    sheet += _record(0x0005, c.to_bytes(4, "little") + bytes(4) + struct.pack("<d", float(value)))
                else:
                    sheet += _record(0x0006, c.to_bytes(4, "little") + bytes(4) + _wide(str(value)))
        parts[f"xl/worksheets/sheet{index}.bin"] = sheet + _record(0x0092) + _record(0x0082)  # EndSheetData, EndSheet
    book += _record(0x0090) + _record(0x0084)  # BrtEndBundleShs, BrtEndBook
    xf = bytes(2)  # BrtXF: ixfeParent, then iFmt, then the rest of the 16 bytes
    styles = _record(0x0267, bytes(4)) + _record(0x0269, (2).to_bytes(4, "little"))  # no custom formats; two XFs
    styles += _record(0x002F, xf + (0).to_bytes(2, "little") + bytes(12)) + _record(
        0x002F, xf + (14).to_bytes(2, "little") + bytes(12)
    )
    styles += _record(0x026A)  # BrtEndCellXFs
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.bin"/></Relationships>'
    )
    rels.append(
        f'<Relationship Id="rId{len(sheets) + 1}" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.bin"/></Relationships>'
    )
    stamp_ = FIXED_TIME.timetuple()[:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in {
            "[Content_Types].xml": types.encode(),
            "_rels/.rels": root_rels.encode(),
            "xl/workbook.bin": book,
            "xl/_rels/workbook.bin.rels": "".join(rels).encode(),
            "xl/styles.bin": styles,
            **parts,
        }.items():
            archive.writestr(zipfile.ZipInfo(member, date_time=stamp_), data)


def xlsb_book() -> None:
    """Finance's contract book saved by Excel as a binary workbook (.xlsb), with a hidden sheet too."""
    header = ["Account Name", "Product", "Support Level", "Contract Start Date", "Contract End Date", "Time Zone"]
    rows = [header] + [[d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end, d.zone] for d in DEALS]
    write_xlsb(out("finance_binary.xlsb"), [("Contracts", rows)])
    entry(
        "finance_binary.xlsb",
        imitates="Excel Binary Workbook (.xlsb) as MS-XLSB documents it: inline strings, dates as serials in a date style",
        writer="MS-XLSB records (make_corpus.write_xlsb)",
        tricky="a binary workbook, read through python-calamine like any other",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0], time_zone="Europe/Berlin"), deal_check(DEALS[-1], len(DEALS) - 1)],
    )


RENEWAL = Deal("Acme Corp", "okta", "okta-premier-plus", date(2027, 1, 5), date(2028, 1, 4), "EMEA", "DE", "Europe/Berlin")


def two_desks_dates() -> None:
    """One finance book, two desks: AMER writes M/D/YYYY, EMEA DD/MM/YYYY; the file as a whole does not settle
    the order, each sheet does, and on a sheet that mixes both each row's own dates do."""
    by_name = {d.customer: d for d in DEALS}
    header = ["Customer", "Product", "Tier", "Start", "End"]

    def line(d: Deal, write: Any, *more: str) -> list[Any]:
        return [d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], write(d.start), write(d.end), *more]

    wb = new_openpyxl()
    amer = wb.active
    amer.title = "AMER"
    amer.append(header)
    amer.append(line(by_name["Initech"], us_date))
    amer.append(line(by_name["Hooli"], us_date))
    emea = wb.create_sheet("EMEA")
    emea.append(header)
    emea.append(line(by_name["Globex GmbH"], eu_date))
    emea.append(line(by_name["Umbrella Health"], eu_date))
    mixed = wb.create_sheet("Pasted from both desks")
    mixed.append(header)
    mixed.append(line(by_name["Soylent Foods"], us_date))  # 5/1/2026 beside 4/30/2027: month first
    mixed.append(line(by_name["Tyrell Systems"], eu_date))  # 01/07/2026 beside 30/06/2027: day first
    renewals = wb.create_sheet("Renewals")
    renewals.append([*header, "Signed"])
    renewals.append(line(RENEWAL, us_date, "11/20/2026"))  # 1/5/2027 - 1/4/2028: the Signed column settles it
    wb.save(out("finance_two_desks_dates.xlsx"))
    order = [by_name[n] for n in ("Initech", "Hooli", "Globex GmbH", "Umbrella Health", "Soylent Foods", "Tyrell Systems")]
    entry(
        "finance_two_desks_dates.xlsx",
        imitates="finance book kept by two desks, dates typed as text in each desk's order",
        writer="openpyxl",
        tricky="the file holds 30/06 and 5/31 both: each sheet settles its own order, a sheet that mixes them settles "
        "each row by its own other date, and a column kept as it is (Signed) settles a row of ambiguous dates",
        contracts=7,
        contract=[deal_check(d, i) for i, d in enumerate(order)] + [deal_check(RENEWAL, 6)],
    )


def line_items() -> None:
    """Salesforce 'Quotes with Quote Line Items' (Classic CSV) and 'Opportunities with Products' (Lightning xlsx)."""
    by_name = {d.customer: d for d in [*DEALS, *MORE_DEALS]}
    acme, stark, tyrell = by_name["Acme Corp"], by_name["Stark Industries"], by_name["Tyrell Systems"]
    lines: list[tuple[Deal, str]] = [
        (acme, "Okta Premier Plus Support (12 months)"),
        (acme, "Dedicated CSE Add-On"),
        (acme, "Mission Critical Support - 50% Dedicated MCSE"),
        (by_name["Globex GmbH"], "Auth0 Premier Support - 12 Months"),
        (by_name["Initech"], "Okta Premier Support (12 months)"),
        (stark, "Okta Premier Plus Support (12 months)"),
        (stark, "Mission Critical Support - 100% Dedicated MCSE"),
        (by_name["Hooli"], "Okta Basic Support (12 months)"),
        (tyrell, "Okta Workforce Identity Cloud - Premier Access Subscription"),
        (tyrell, "Dedicated CSE Add-On"),  # Premier Access may not carry a CSE: no contract to fold onto
    ]
    header = ["Quote Name", "Account Name", "Product Name", "Product Code", "Quantity", "Sales Price", "Total Price"]
    header += ["Start Date", "End Date"]
    rows: list[list[Any]] = [header]
    for i, (d, product) in enumerate(lines):
        price = 12_000 + 1_000 * i
        code = f"SKU-{1000 + i}"
        rows.append(
            [f"Q-{d.customer.split()[0]}-2026", d.customer, product, code, 1, price, price, us_date(d.start), us_date(d.end)]
        )
    rows += [[""], ["Grand Totals (10 records)"], [SF_CONFIDENTIAL], [SF_COPYRIGHT]]
    write_text("sf_quote_line_items.csv", rows, quoting=csv.QUOTE_ALL)
    entry(
        "sf_quote_line_items.csv",
        imitates="Salesforce Classic report 'Quotes with Quote Line Items', Details Only CSV",
        writer="csv",
        encoding="utf-8",
        tricky="one row per product line: program and duration inside the product name, add-on lines folded onto the "
        "account's Premier Plus contract of the same term, an add-on of a Premier Access account is an ERROR naming it",
        contracts=6,
        errors=1,
        contract=[
            deal_check(acme, 0, cse=True, mcse="50"),
            deal_check(stark, 3, cse=False, mcse="100"),
            deal_check(tyrell, 5, cse=False),
        ],
        finding=[
            info(
                "Add-on line 'Dedicated CSE Add-On' of Tyrell Systems for 2026-07-01 to 2027-06-30 has no Okta Premier Plus",
                severity="ERROR",
            ),
            info("3 add-on lines read as add-ons"),
        ],
    )

    tiers = {
        "okta-premier-plus": "Premier Plus Support",
        "auth0-enterprise": "Enterprise Plan",
        "okta-premier": "Premier Package",
    }
    deals = [acme, by_name["Soylent Foods"], by_name["Initech"]]
    wb = new_xlsxwriter("sf_opportunity_products.xlsx")
    ws = wb.add_worksheet("Opportunities with Products")
    bold = wb.add_format({"bold": True})
    ws.write(0, 0, "Opportunities with Products", bold)
    ws.write(1, 0, "Filtered By: Stage equals Closed Won")
    header = ["Opportunity Name", "Account Name", "Product Name", "Support Level", "Quantity", "Total Price"]
    header += ["Subscription Start Date", "Subscription End Date"]
    body: list[list[Any]] = [header]
    for d in deals:
        body.append([f"{d.customer} renewal", d.customer, PRODUCT_PLAIN[d.product], tiers[d.program], 1, 50_000, d.start, d.end])
    body.append([f"{acme.customer} renewal", acme.customer, "Dedicated CSE Add-On", "", 1, 90_000, acme.start, acme.end])
    write_rows(ws, body, start_row=3)
    wb.close()
    entry(
        "sf_opportunity_products.xlsx",
        imitates="Salesforce Lightning report 'Opportunities with Products', formatted export",
        writer="xlsxwriter",
        tricky="tiers written with a filler word (Premier Plus Support, Enterprise Plan, Premier Package) and an "
        "add-on line with no tier, folded onto Acme's Premier Plus contract",
        contracts=3,
        contract=[deal_check(d, i) for i, d in enumerate(deals)] + [deal_check(acme, 0, cse=True)],
    )


def order_forms() -> None:
    """A vendor's order form and next year's renewal quote, as a CPQ (Salesforce CPQ, DealHub, PandaDoc) exports them:
    a header block of labels beside values above a table of line items with no customer column."""
    litware = Deal("Litware Inc.", "okta", "okta-premier-plus", date(2026, 3, 1), date(2027, 2, 28), "AMER", "US", "")
    renewal = replace(litware, start=date(2027, 3, 1), end=date(2028, 2, 29))
    header = ["Product Code", "Product Name", "Quantity", "List Unit Price", "Discount", "Net Total"]
    sso = ["OKTA-WF-SSO", "Okta Workforce Identity - SSO (per user)", 800, 19_200, 0.2, 15_360]
    support = ["OKTA-SUP-PP", "Okta Premier Plus Support (12 months)", 1, 12_000, 0.1, 10_800]
    mcse = ["OKTA-MCSE-50", "Mission Critical Support - 50% Dedicated MCSE", 1, 90_000, 0.1, 81_000]
    wb = new_openpyxl()
    bold = openpyxl.styles.Font(bold=True)
    sheets = [
        (
            "Order Form",
            "Okta, Inc. - Order Form Q-01877",
            [
                ["Bill To", "Litware Inc.\n500 Market St\nSan Francisco, CA 94105"],  # the company, its address below
                ["Order Form #", "Q-01877"],
                ["Subscription Start Date", litware.start],
                ["Subscription Term (months)", 12],
                ["Payment Terms", "Net 30"],
                ["Status", "Accepted"],
            ],
            [sso, support, mcse],
        ),
        (
            "Renewal Quote FY28",
            "Okta, Inc. - Renewal Quote Q-02210 - DRAFT",  # no Status label: the title says it is a draft
            [
                ["Account", litware.customer],
                ["Quote #", "Q-02210"],
                ["Quote Expiration Date", date(2027, 1, 31)],  # no term end: the End Date below is
                ["Start Date", renewal.start],
                ["End Date", renewal.end],
            ],
            [sso, support],
        ),
    ]
    for index, (name, title, block, lines) in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = name
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
        ws.append([])
        for row in block:
            ws.append(row)
            ws.cell(ws.max_row, 1).font = bold
            if isinstance(row[1], date):
                ws.cell(ws.max_row, 2).number_format = "mmmm d, yyyy"
        ws.append([])
        ws.append(header)
        for line in lines:
            ws.append(line)
            ws.cell(ws.max_row, 5).number_format = "0%"
        ws.append(["", "", "", "", "Total", sum(int(line[5]) for line in lines)])
        ws.append([])
        ws.append(["All prices in USD. This Order Form is governed by the Okta Master Subscription Agreement."])
    wb.save(out("cpq_order_form_and_quote.xlsx"))
    entry(
        "cpq_order_form_and_quote.xlsx",
        imitates="a vendor's Order Form and a renewal quote exported from a CPQ to Excel, a sheet each",
        writer="openpyxl",
        tricky="the customer, term and status are in a header block (Bill To with its address in the cell, Account) "
        "above line items with no customer column: every item takes them and the items fold into one contract (a "
        "licence line set aside, the MCSE line an add-on); the order's end is its start plus 12 months; the quote has "
        "no status label, its title says DRAFT: not signed, in force on no day; totals and footnote lines are no items",
        contracts=2,
        contract=[
            deal_check(litware, 0, mcse="50", ended_on=""),
            deal_check(renewal, 1, mcse="", ended_on=date(2027, 2, 28)),
        ],
        finding=[
            info("Rows 3\u20138 of sheet 'Order Form' are the header block of the line items below", row=3),
            info("Quote Status 'Draft', as the title 'Okta, Inc. - Renewal Quote Q-02210 - DRAFT' calls it a draft quote"),
            info("Quote Status 'Draft': the deal is not signed", severity="WARNING"),
        ],
    )


def outlines() -> None:
    """A customer on a parent row, its products on the rows under it: Smartsheet, an Excel outline, an indented CSV."""
    groups: dict[str, list[Deal]] = {}
    for d in MERGED_DEALS:
        groups.setdefault(d.customer, []).append(d)
    checks = dict(
        contracts=len(MERGED_DEALS),
        contract=[deal_check(d, i) for i, d in enumerate(MERGED_DEALS) if i in (0, 2, 4, 5, 7)],
        finding=[info("4 rows hold only a customer (an outline's parent rows)")],
    )

    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Support Renewals Tracker"  # Smartsheet names the sheet after the Smartsheet
    ws.append(["Account", "Product", "Support Tier", "Start Date", "End Date", "Status", "Assigned To"])
    for cell in ws[1]:
        cell.font = openpyxl.styles.Font(bold=True)
    for customer, deals in groups.items():
        ws.append([customer])
        ws.cell(ws.max_row, 1).font = openpyxl.styles.Font(bold=True)
        for d in deals:
            ws.append(["", PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end, "Active", "am@corp.example"])
            ws.row_dimensions[ws.max_row].outline_level = 1  # Smartsheet writes its hierarchy as outline levels
            ws.cell(ws.max_row, 2).alignment = openpyxl.styles.Alignment(indent=1)
    wb.save(out("smartsheet_hierarchy.xlsx"))
    entry(
        "smartsheet_hierarchy.xlsx",
        imitates="Smartsheet 'Export to Microsoft Excel' of a sheet with parent rows (hierarchy as outline levels)",
        writer="openpyxl",
        tricky="accounts on parent rows with nothing else, products on indented child rows: each child gets its "
        "parent's customer, the parents are not contracts without a product",
        **checks,
    )

    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Contracts"
    ws.sheet_properties.outlinePr.summaryBelow = False
    ws.append(["Customer", "Product", "Tier", "Start", "End", "Region"])
    for customer, deals in groups.items():
        ws.append([customer, None, None, None, None, deals[0].region])
        for d in deals:
            ws.append([None, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end, None])
            ws.row_dimensions[ws.max_row].outline_level = 1
    wb.save(out("excel_outline_grouped.xlsx"))
    entry(
        "excel_outline_grouped.xlsx",
        imitates="hand-kept book using Excel's Data > Group (outline, summary rows above detail)",
        writer="openpyxl",
        tricky="each account's summary row above its grouped detail rows holds the customer and its region only",
        **checks,
    )

    rows: list[list[Any]] = [["Customer", "Product", "Tier", "Start", "End"]]
    for customer, deals in groups.items():
        rows.append([customer, "", "", "", ""])
        rows += [
            ["", "    " + PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start.isoformat(), d.end.isoformat()] for d in deals
        ]
    write_text("indented_accounts.csv", rows)
    entry(
        "indented_accounts.csv",
        imitates="an outline pasted from a planning tool into a CSV: products indented with spaces under each account",
        writer="csv",
        encoding="utf-8",
        tricky="indent written as leading spaces; parent rows carry only the account",
        **checks,
    )


PRI_DE = {1: "Dringend", 2: "Hoch", 3: "Mittel", 4: "Niedrig"}
PRI_ES = {1: "Urgente", 2: "Alta", 3: "Media", 4: "Baja"}
PRI_JA = {1: "緊急", 2: "高", 3: "通常", 4: "低"}
TIER_FR = {"okta-basic": "Basique", "okta-premier": "Premier", "okta-premier-access": "Premier Access"}
TIER_FR |= {"okta-premier-plus": "Premier Plus", "auth0-enterprise": "Entreprise", "auth0-premier": "Premier"}
TIER_JA = {"okta-basic": "ベーシック", "okta-premier": "プレミア", "okta-premier-access": "プレミアアクセス"}
TIER_JA |= {"okta-premier-plus": "プレミアプラス", "auth0-enterprise": "エンタープライズ", "auth0-premier": "プレミア"}


def languages() -> None:
    """Books and case logs kept in French, German, Portuguese, Spanish and Japanese, some with bilingual headers."""
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Contrats"
    ws.append(["Client / Customer", "Produit / Product", "Niveau de support", "Début", "Fin", "Fuseau horaire", "Pays"])
    for d in DEALS:
        ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_FR[d.program], eu_date(d.start), eu_date(d.end), d.zone, d.country])
    wb.save(out("fr_contrats_bilingue.xlsx"))
    entry(
        "fr_contrats_bilingue.xlsx",
        imitates="a French account team's book with bilingual headers, dates typed as JJ/MM/AAAA",
        writer="openpyxl",
        tricky="'Client / Customer' and 'Produit / Product' match on either part; 'Niveau de support', 'Début', 'Fin', "
        "'Fuseau horaire', 'Pays' are French spellings; 'Basique' and 'Entreprise' are tiers",
        contracts=len(DEALS),
        contract=[deal_check(d, i, time_zone=d.zone) for i, d in enumerate(DEALS) if i in (0, 4, 5)],
    )

    rows: list[list[Any]] = [["Kunde (Customer)", "Produkt", "Supportstufe", "Vertragsbeginn", "Vertragsende", "Zeitzone"]]
    rows += [[d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], dotted(d.start), dotted(d.end), d.zone] for d in DEALS]
    write_text("de_vertraege.csv", rows, encoding="cp1252", delimiter=";")
    entry(
        "de_vertraege.csv",
        imitates="German Excel 'CSV (Trennzeichen-getrennt)': semicolons, Windows-1252, TT.MM.JJJJ dates",
        writer="csv",
        encoding="cp1252",
        tricky="'Kunde (Customer)' matches on either part; German headers for every field",
        contracts=len(DEALS),
        contract=[deal_check(DEALS[0], time_zone="Europe/Berlin"), deal_check(DEALS[7], 7)],
    )

    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Contratos"
    ws.append(["Cliente", "Produto", "Nível de suporte", "Data de início", "Data de término", "Fuso horário", "Região"])
    for d in DEALS:
        ws.append([d.customer, PRODUCT_PLAIN[d.product], TIER_PLAIN[d.program], d.start, d.end, d.zone, d.region])
    wb.save(out("pt_contratos.xlsx"))
    entry(
        "pt_contratos.xlsx",
        imitates="a Brazilian team's contract book in Portuguese",
        writer="openpyxl",
        tricky="Portuguese headers with accents (Nível, início, término, Região)",
        contracts=len(DEALS),
        contract=[deal_check(d, i, region=d.region) for i, d in enumerate(DEALS) if i in (0, 3)],
    )

    header = ["Número de ticket", "Cliente", "Asunto", "Prioridad", "Fecha de creación", "Primera respuesta", "Entorno"]
    rows = [header]
    for t in TICKETS:
        reply = stamp(t.first_response) if t.first_response else ""
        env = "Producción" if t.production else "Pruebas"
        rows.append([f"ES-{t.number}", t.customer, SUBJECTS[t.number - 1], PRI_ES[t.priority], stamp(t.opened), reply, env])
    write_text("es_tickets.csv", rows)
    entry(
        "es_tickets.csv",
        imitates="a Spanish-language helpdesk export",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="Spanish headers, priorities (Urgente, Alta, Media, Baja) and environments (Producción, Pruebas)",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "ES-1"), ticket_check(TICKETS[1], "ES-2"), ticket_check(TICKETS[4], "ES-5")],
    )

    header = ["チケット番号", "組織名", "件名", "優先度", "作成日時 (JST)", "初回応答日時 (JST)", "環境"]
    rows = [header]
    for t in TICKETS:
        reply = stamp(t.first_response, 9) if t.first_response else ""
        env = "本番" if t.production else "検証"
        rows.append([t.number, t.customer, SUBJECTS[t.number - 1], PRI_JA[t.priority], stamp(t.opened, 9), reply, env])
    write_text("ja_tickets_jst.csv", rows, bom=codecs.BOM_UTF8)
    entry(
        "ja_tickets_jst.csv",
        imitates="a Japanese helpdesk export (UTF-8 with BOM), times in JST with the zone in the header",
        writer="csv",
        encoding="utf-8-sig",
        role="cases",
        tricky="Japanese headers, priorities (緊急, 高, 通常, 低) and environments (本番, 検証); '(JST)' is the times' zone",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "1"), ticket_check(TICKETS[1], "2"), ticket_check(TICKETS[4], "5")],
    )


def sf_time(t: datetime) -> str:
    """Salesforce's US report format: 3/2/2026 10:00 AM."""
    return f"{t.month}/{t.day}/{t.year} {(t.hour % 12) or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def case_logs() -> None:
    """Salesforce 'Cases with Milestones', a Zendesk log with blank organizations, ServiceNow's configuration item,
    Zendesk Explore, and a log with no customer column at all."""
    header = ["Case Number", "Account Name", "Priority", "Date/Time Opened", "Milestone", "Completion Date", "Target Date"]
    header += ["Violation"]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        number = f"{t.number:08d}"
        target = t.opened + timedelta(hours=1)
        done = sf_time(naive(t.first_response)) if t.first_response else ""
        late = "1" if t.first_response and t.first_response > target else "0"
        rows.append(
            [
                number,
                t.customer,
                PRI_SALESFORCE[t.priority],
                sf_time(naive(t.opened)),
                "First Response",
                done,
                sf_time(naive(target)),
                late,
            ]
        )
        rows.append(
            [
                number,
                t.customer,
                PRI_SALESFORCE[t.priority],
                sf_time(naive(t.opened)),
                "Resolution",
                "",
                sf_time(naive(t.opened + timedelta(days=5))),
                "0",
            ]
        )
    rows += [[""], ["Grand Totals (20 records)"], [SF_CONFIDENTIAL], [SF_COPYRIGHT]]
    write_text("sf_case_milestones.csv", rows, quoting=csv.QUOTE_ALL)
    entry(
        "sf_case_milestones.csv",
        imitates="Salesforce Classic report 'Cases with Milestones' "
        "(Case Milestone: Milestone, Completion Date, Target Date, Violation)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="one row per case per milestone and no first-response column: the First Response milestone's "
        "completion is the first response, the Resolution rows fold into their case",
        cases=len(TICKETS),
        case=[ticket_check(t, f"{t.number:08d}", environment="production") for t in (TICKETS[0], TICKETS[4], TICKETS[9])],
        finding=[info("A milestone export: 20 rows of 10 cases")],
    )

    emails = {p.customer: p.email for p in PEOPLE if p.named}
    by_domain = {6: "it-desk@acme.example", 10: "newhire@globex.example", 5: "ops@soylent.example", 7: "help@hooli.example"}
    header = ["Id", "Requester", "Requester email", "Organization", "Priority", "Created at", "First reply at"]
    rows = [header]
    for t in TICKETS:
        email = by_domain.get(t.number) or emails.get(t.customer, "")
        organization = t.customer if t.number == 3 else ""
        reply = stamp(t.first_response) if t.first_response else ""
        rows.append([t.number, f"Requester {t.number}", email, organization, PRI_ZENDESK[t.priority], stamp(t.opened), reply])
    write_text("zendesk_blank_organizations.csv", rows)
    entry(
        "zendesk_blank_organizations.csv",
        imitates="Zendesk ticket export whose Organization is blank for end users never added to one",
        writer="csv",
        encoding="utf-8",
        role="cases",
        also=("companion_contracts.csv", "hubspot_contacts.csv"),
        tricky="the customer comes from the requester's email: a contact's address, else the one customer whose "
        "contacts share the domain; unknown domains stay without a customer",
        contracts=len(DEALS),
        contacts=len(PEOPLE),
        cases=len(TICKETS),
        case=[
            ticket_check(TICKETS[0], "1", environment="production"),
            ticket_check(TICKETS[5], "6", environment="production"),
            ticket_check(TICKETS[9], "10", environment="production"),
            ticket_check(TICKETS[4], "5", environment="production", customer=""),
        ],
        finding=[info("7 cases with no customer matched through the requester's email: 5 to a contact of the book, 2 by")],
    )

    header = ["Number", "Opened", "Company", "Configuration item", "Priority", "State", "Short description", "First response"]
    rows = [header]
    for t in TICKETS:
        reply = stamp(t.first_response) if t.first_response else ""
        rows.append(
            [
                f"INC{1000 + t.number:07d}",
                stamp(t.opened),
                t.customer,
                PRODUCT_PLAIN[t.product],
                PRI_SERVICENOW[t.priority],
                "Closed",
                SUBJECTS[t.number - 1],
                reply,
            ]
        )
    write_text("servicenow_configuration_item.csv", rows)
    entry(
        "servicenow_configuration_item.csv",
        imitates="ServiceNow incident list > Export > CSV, the product in 'Configuration item'",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="no column is headed Product: the column whose values are all product names is the product column",
        cases=len(TICKETS),
        case=[
            ticket_check(TICKETS[0], "INC0001001", environment="production", product="okta"),
            ticket_check(TICKETS[1], "INC0001002", environment="production", product="auth0"),
        ],
        finding=[info("Read 'Configuration item' as Product")],
    )

    header = ["Ticket ID", "Ticket organization name", "Ticket priority", "Ticket created - Timestamp", "First reply time (min)"]
    rows = [header]
    for t in TICKETS:
        rows.append(
            [
                t.number,
                t.customer,
                PRI_ZENDESK[t.priority].lower(),
                stamp(t.opened),
                "" if t.reply_minutes is None else t.reply_minutes,
            ]
        )
    write_text("zendesk_explore_tickets.csv", rows)
    entry(
        "zendesk_explore_tickets.csv",
        imitates="Zendesk Explore report export (attributes Ticket ID, Ticket organization name, Ticket priority, "
        "Ticket created - Timestamp; metric First reply time (min))",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="Explore's own attribute names: 'Ticket organization name' is the customer",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "1", environment="production"), ticket_check(TICKETS[4], "5", environment="production")],
    )

    header = ["Ticket ID", "Ticket priority", "Ticket created - Timestamp", "First reply time (min)", "Ticket subject"]
    rows = [header] + [
        [t.number, PRI_ZENDESK[t.priority], stamp(t.opened), t.reply_minutes or "", SUBJECTS[t.number - 1]] for t in TICKETS
    ]
    write_text("refuse_explore_no_organization.csv", rows)
    entry(
        "refuse_explore_no_organization.csv",
        imitates="Zendesk Explore export built without the organization attribute",
        writer="csv",
        encoding="utf-8",
        role="cases",
        tricky="no customer column at all: one ERROR naming the missing field, not a warning per case",
        refused="has no customer column",
        headers_seen=tuple(header),
    )


PRI_KAYAKO = {1: "Urgent", 2: "High", 3: "Medium", 4: "Low"}  # Kayako Classic's default priorities
PRI_ZOHO = {1: "High", 2: "High", 3: "Medium", 4: "Low"}  # Zoho Desk's default priorities


def other_helpdesks() -> None:
    """Intercom, Kayako Classic, Zoho Desk and Help Scout, each from its documented export columns (the sources
    are listed in tests/importing/test_helpdesk_exports.py). Intercom gives no priority level, Kayako a duration
    to the first response; Zoho Desk and Help Scout document no calendar time of a first response at all."""
    # Intercom: a reporting export of the conversation dataset; timestamps in the workspace zone (UTC here).
    header = ["Conversation ID", "Conversation started at", "Conversation first replied at", "Company name"]
    header += ["Channel", "State"]
    rows: list[list[Any]] = [header]
    for t in TICKETS:
        reply = f"{naive(t.first_response):%Y-%m-%d %H:%M:%S}" if t.first_response else ""
        state = "closed" if t.first_response else "open"
        rows.append([215470000000 + t.number, f"{naive(t.opened):%Y-%m-%d %H:%M:%S}", reply, t.customer, "Email", state])
    write_text("intercom_conversations.csv", rows)
    no_level = "has no priority column; its 10 cases are listed but not judged against a response target"
    entry(
        "intercom_conversations.csv",
        imitates="Intercom reporting data export, conversation dataset (Conversation ID, Conversation started at, "
        "Conversation first replied at, Company name)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        pending=False,
        tricky="no priority column at all: the cases are read, matched and shown with their first response, "
        "and one warning names the missing priority (decision no-priority), not one error per case",
        cases=len(TICKETS),
        case=[
            ticket_check(t, str(215470000000 + t.number), environment="production", priority="")
            for t in (TICKETS[0], TICKETS[4], TICKETS[9])
        ],
        finding=[info(no_level, row=1, severity="WARNING")],
    )

    rows = [[*header[:4], "Priority"]]
    for t in TICKETS:
        reply = f"{naive(t.first_response):%Y-%m-%d %H:%M:%S}" if t.first_response else ""
        flag = "priority" if t.priority == 1 else "not_priority"
        rows.append([215470000000 + t.number, f"{naive(t.opened):%Y-%m-%d %H:%M:%S}", reply, t.customer, flag])
    write_text("intercom_priority_flag.csv", rows)
    entry(
        "intercom_priority_flag.csv",
        imitates="Intercom conversation export with the conversation's priority flag (priority / not_priority)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        pending=False,
        tricky="'Priority' holds Intercom's yes/no flag, not a level: read as no priority column, said once",
        cases=len(TICKETS),
        case=[ticket_check(TICKETS[0], "215470000001", environment="production", priority="")],
        finding=[info("is a yes/no flag ('not_priority', 'priority'), not a priority level", severity="WARNING")],
    )

    # Kayako Classic: a tabular report exported as Excel 2007 (PHPExcel). KQL:
    # SELECT 'Tickets.Ticket Mask ID', 'Tickets.Subject', 'Tickets.Full Name', 'Tickets.Email',
    #   'User Organizations.Name' AS Organization, 'Tickets.Priority', 'Tickets.Status', 'Tickets.Creation Date',
    #   'Tickets.First Response Time' FROM 'Tickets'
    # Dates are Excel date cells (m/d/yyyy h:mm:ss, the desk's zone: UTC here); seconds are Excel durations
    # (seconds / 86400 under an elapsed-time format); an unanswered ticket's First Response Time is 0.
    wb = new_openpyxl()
    ws = wb.active
    ws.title = "Worksheet"
    header = ["Ticket Mask ID", "Subject", "Full Name", "Email", "Organization", "Priority", "Status"]
    header += ["Creation Date", "First Response Time"]
    ws.append(["Tickets with first response times"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    people = {p.customer: p for p in PEOPLE}
    elapsed = "[>0.0416550925925926][h]:mm:ss;[>0.00068287037037037]mm:ss;ss"
    for t in TICKETS:
        person = people.get(t.customer, Person(t.customer, "Requester", str(t.number), f"it@{t.number}.example", False))
        seconds = 0 if t.reply_minutes is None else t.reply_minutes * 60
        row = [f"KQX-{510 + t.number}-{40217 + t.number:05d}", SUBJECTS[t.number - 1], person.name, person.email]
        row += [t.customer, PRI_KAYAKO[t.priority], "Closed" if t.reply_minutes is not None else "Open"]
        ws.append([*row, naive(t.opened), seconds / 86400])
        ws.cell(ws.max_row, 8).number_format = "m/d/yyyy h:mm:ss"
        ws.cell(ws.max_row, 9).number_format = elapsed
    wb.save(out("kayako_classic_report.xlsx"))
    entry(
        "kayako_classic_report.xlsx",
        imitates="Kayako Classic report (KQL on Tickets) exported to Excel: Ticket Mask ID, Creation Date, "
        "First Response Time (an elapsed-time cell), Priority, the organization",
        writer="openpyxl",
        role="cases",
        pending=False,
        tricky="the first response is a duration after the creation date, not a time of day; an unanswered "
        "ticket's duration is 0, which is no response yet; a merged report title above the header",
        cases=len(TICKETS),
        case=[
            ticket_check(TICKETS[0], "KQX-511-40218", environment="production"),
            ticket_check(TICKETS[4], "KQX-515-40222", environment="production"),
            ticket_check(TICKETS[6], "KQX-517-40224", environment="production"),
        ],
    )

    # Zoho Desk: the Tickets module's documented fields. 'Time to Respond' is the response due time and 'Agent
    # Responded Time' is not documented as the first response: no first-response column.
    header = ["Ticket Id", "Subject", "Contact Name", "Account Name", "Email", "Status", "Priority", "Channel"]
    header += ["Product Name", "Classifications", "Created Time", "Time to Respond", "Agent Responded Time"]
    header += ["Ticket Closed Time"]
    rows = [header]
    for t in TICKETS:
        person = people.get(t.customer)
        reply = eu_stamp(t.first_response) if t.first_response else ""
        rows.append(
            [
                100 + t.number,
                SUBJECTS[t.number - 1],
                person.name if person else f"Requester {t.number}",
                t.customer,
                person.email if person else "",
                "Closed" if t.first_response else "Open",
                PRI_ZOHO[t.priority],
                "Email",
                PRODUCT_PLAIN[t.product],
                "Problem",
                eu_stamp(t.opened),
                eu_stamp(t.opened + timedelta(hours=2)),
                reply,
                eu_stamp(t.opened + timedelta(days=1)) if t.first_response else "",
            ]
        )
    write_text("refuse_zoho_desk_tickets.csv", rows)
    entry(
        "refuse_zoho_desk_tickets.csv",
        imitates="Zoho Desk tickets export (Ticket Id, Account Name, Contact Name, Email, Priority, Product Name, "
        "Created Time, Time to Respond, Agent Responded Time, Ticket Closed Time)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        pending=False,
        tricky="Zoho Desk documents no time of the first response: 'Time to Respond' is the response due time and "
        "'Agent Responded Time' may be a later reply, so neither is read as one; refused, naming the column",
        refused="has no first-response column",
        headers_seen=tuple(header),
    )

    # Help Scout: conversations as the Mailbox API documents them (number, status, subject, customer, createdAt,
    # closedAt, ISO 8601 UTC); its first reply is a thread of its own, not a field of the conversation.
    header = ["id", "number", "subject", "status", "customerName", "customerEmail", "createdAt", "closedAt"]
    rows = [header]
    for t in TICKETS:
        person = people.get(t.customer)
        closed = f"{t.opened + timedelta(days=1):%Y-%m-%dT%H:%M:%SZ}" if t.first_response else ""
        rows.append(
            [
                2391938000 + t.number,
                340 + t.number,
                SUBJECTS[t.number - 1],
                "closed" if t.first_response else "active",
                person.name if person else f"Requester {t.number}",
                person.email if person else f"help@{t.number}.example",
                f"{t.opened:%Y-%m-%dT%H:%M:%SZ}",
                closed,
            ]
        )
    write_text("refuse_helpscout_conversations.csv", rows)
    entry(
        "refuse_helpscout_conversations.csv",
        imitates="Help Scout conversations through the Mailbox API (id, number, subject, status, customerName, "
        "customerEmail, createdAt, closedAt)",
        writer="csv",
        encoding="utf-8",
        role="cases",
        pending=False,
        tricky="a conversation carries no first-response time (the first reply is one of its threads) and no "
        "priority: refused, naming the missing first response, never a log of breaches",
        refused="has no first-response column",
        headers_seen=tuple(header),
    )


def eu_stamp(t: datetime) -> str:
    """Day-first with a 24-hour clock, as a Zoho Desk portal set to dd/MM/yyyy writes it."""
    return f"{naive(t):%d/%m/%Y %H:%M}"


# ---------------------------------------------------------------------------------------------------------------
# The manifest.


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def fix_zip_times() -> None:
    """Give every member of the .xlsx files one fixed timestamp, so regenerating changes no bytes."""
    for path in sorted(FILES.glob("*.xlsx")) + [FILES / "export_really_xlsx.csv"]:
        if not zipfile.is_zipfile(path):  # a CSV or .xls under an .xlsx name
            continue
        with zipfile.ZipFile(path) as src:
            members = [(item, src.read(item.filename)) for item in src.infolist()]
        stamp_text = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()  # openpyxl stamps 'modified' on save
        members = [
            (
                item,
                re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp_text, data)
                if item.filename == "docProps/core.xml"
                else data,
            )
            for item, data in members
        ]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for item, data in members:
                fixed = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = item.external_attr
                dst.writestr(fixed, data)


def write_manifest() -> None:
    previous = tomllib.loads(MANIFEST.read_text("utf-8")).get("files", {}) if MANIFEST.exists() else {}
    lines = [
        "# What a correct importer reads from each corpus file (issue 10). Written by make_corpus.py.",
        "# role: 'book' = load_book(files=[file, *also]); 'cases' = load_book([], case_files=[file]).",
        "# Counts and [[...contract/contact/case]] values are exact; [[...finding]]: at least one finding",
        "# of that severity (any if none given) whose message contains the text / whose row is that row.",
        "# refused: load_book raises, or reports an ERROR, whose message contains the text and every header",
        "# in headers_seen. pending = true: the importer cannot read it yet (xfail); remove it when it can.",
        "",
    ]
    for name, spec in ENTRIES.items():
        spec = dict(spec)
        if name in previous:  # keep what the importer work has cleared
            spec["pending"] = previous[name].get("pending", False)
        tables = {k: spec.pop(k) for k in ("contract", "contact", "case", "finding") if k in spec}
        if not spec["pending"]:
            del spec["pending"]
        lines.append(f"[files.{json.dumps(name, ensure_ascii=False)}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in spec.items()]
        for key, items in tables.items():
            for item in items:
                lines.append("")
                lines.append(f"[[files.{json.dumps(name, ensure_ascii=False)}.{key}]]")
                lines += [f"{k} = {toml_value(v)}" for k, v in item.items()]
        lines.append("")
    MANIFEST.write_text("\n".join(lines), "utf-8")


def crm_deals_and_items() -> None:
    """HubSpot's deals and line items, Pipedrive's deals and deal products: two files joined by the deal's ID."""
    hs_deals: list[list[Any]] = [
        ["Record ID", "Deal Name", "Deal Stage", "Pipeline", "Close Date", "Amount", "Deal owner", "Associated Company"]
        + ["Associated Company IDs", "Create Date"],
        [9001, "Acme Corp - Okta renewal 2026", "Closed won", "Renewals", "2026-01-10", 250000, "Jane Doe", "Acme Corp"]
        + [7001, "2025-10-01"],
        [9002, "Initech - Okta 2026", "Closed won", "Renewals", "2026-02-20", 90000, "Jane Doe", "Initech", 7002, "2025-11-01"],
        [9003, "Hooli - Okta upsell", "Closed lost", "New business", "2026-05-01", 40000, "Jane Doe", "Hooli", 7004]
        + ["2026-02-05"],
        [9004, "Soylent - Auth0 new", "Contract sent", "New business", "2026-12-20", 60000, "Jane Doe", "Soylent Foods"]
        + [7003, "2026-11-05"],
    ]
    head = ["Record ID", "Name", "Quantity", "Unit price", "Amount", "Term", "Billing start date", "Billing frequency"]
    hs_items: list[list[Any]] = [[*head, "SKU", "Associated Deal", "Associated Deal IDs"]]
    for n, (deal, name, sku, start) in enumerate(
        [
            (1, "Okta Premier Plus Support (12 months)", "OKTA-PP", "2026-01-15"),
            (1, "Dedicated CSE Add-On", "OKTA-CSE", "2026-01-15"),
            (2, "Okta Premier Support (12 months)", "OKTA-P", "2026-03-01"),
            (3, "Okta Premier Support (12 months)", "OKTA-P", "2026-06-01"),
        ]
    ):
        hs_items.append([8001 + n, name, 1, 50000, 50000, "P12M", start, "Annually", sku, hs_deals[deal][1], 9000 + deal])
    write_text("hubspot_deals.csv", hs_deals)
    write_text("hubspot_line_items.csv", hs_items)
    hubspot = dict(
        imitates="HubSpot deals and their line items, exported as two files (Export > CSV of each object)",
        writer="csv",
        encoding="utf-8",
        tricky="no customer in the items: each takes its deal's Associated Company by Associated Deal IDs; P12M terms; "
        "SKU codes beside the line's Name; a lost deal; an open deal with no line item",
        contracts=3,
        contract=[
            dict(index=0, customer="Acme Corp", product="okta", program="okta-premier-plus", term_start=date(2026, 1, 15))
            | dict(term_end=date(2027, 1, 14)),
        ],
        finding=[
            info("Read 4 line items of hubspot_line_items.csv with their deals in hubspot_deals.csv by 'Associated Deal IDs'"),
            info("Deal '9004' has no line item in hubspot_line_items.csv", severity="WARNING"),
            info("Deal Stage 'Closed lost'", severity="WARNING"),
        ],
        pending=False,
    )
    entry("hubspot_line_items.csv", also=("hubspot_deals.csv",), **hubspot)  # type: ignore[arg-type]
    entry("hubspot_deals.csv", also=("hubspot_line_items.csv",), **hubspot)  # type: ignore[arg-type]
    pd_deals: list[list[Any]] = [
        ["Deal - ID", "Deal - Title", "Deal - Organization", "Deal - Status", "Deal - Won time", "Deal - Value"]
        + ["Deal - Currency", "Deal - Owner", "Deal - Expected close date"],
        [41, "Acme Okta 2026", "Acme Corp", "Won", "2026-01-12 10:00:00", 250000, "USD", "Jane Doe", "2026-01-10"],
        [42, "Tyrell Okta 2026", "Tyrell Systems", "Won", "2026-06-28 10:00:00", 120000, "USD", "Jane Doe", "2026-06-30"],
        [43, "Wayne Auth0", "Wayne Logistics", "Lost", "", 80000, "USD", "Jane Doe", "2026-08-01"],
    ]
    pd_items: list[list[Any]] = [
        ["Deal ID", "Product name", "Product code", "Quantity", "Item price", "Billing frequency", "Billing start date"]
        + ["Billing frequency cycles"],
        [41, "Okta Premier Plus Support (12 months)", "OKTA-PP", 1, 200000, "Annually", "2026-01-15", 1],
        [41, "Mission Critical Support - 50% Dedicated MCSE", "OKTA-MCSE50", 1, 50000, "Annually", "2026-01-15", 1],
        [42, "Okta Premier Access Support (12 months)", "OKTA-PA", 1, 120000, "Annually", "2026-07-01", 1],
        [43, "Auth0 Premier Support", "A0-PREM", 1, 80000, "Annually", "2026-08-15", 1],
    ]
    write_text("pipedrive_deals.csv", pd_deals)
    write_text("pipedrive_deal_products.csv", pd_items)
    pipedrive = dict(
        imitates="Pipedrive deals and deal products, exported as two files (Export data > Deals, Deal products)",
        writer="csv",
        encoding="utf-8",
        tricky="no customer in the products: each takes its deal's 'Deal - Organization' by Deal ID; an MCSE line folds "
        "onto its deal's tier line; a Lost deal; no term end or length (billing cycles only): each row says so",
        contracts=3,
        errors=None,
        contract=[dict(index=0, customer="Acme Corp", product="okta", program="okta-premier-plus", term_start=date(2026, 1, 15))],
        finding=[
            info("Read 4 line items of pipedrive_deal_products.csv with their deals in pipedrive_deals.csv by 'Deal ID'"),
            info("1 add-on line read as add-ons of their account's contract"),
        ],
        pending=False,
    )
    entry("pipedrive_deal_products.csv", also=("pipedrive_deals.csv",), **pipedrive)  # type: ignore[arg-type]
    entry("pipedrive_deals.csv", also=("pipedrive_deal_products.csv",), **pipedrive)  # type: ignore[arg-type]


def main() -> None:
    FILES.mkdir(parents=True, exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    for write in (
        companion,
        sf_report_xlsx,
        sf_report_csv,
        sf_grouped,
        sf_data_export,
        sf_contacts_export,
        hubspot,
        finance_regions,
        side_by_side,
        stacked,
        repeated_headers,
        checkmarks,
        formulas,
        latin1_semicolon,
        gb18030,
        utf16_tab,
        utf8_bom_japanese,
        day_month_across_columns,
        sf_cases_as_book,
        sf_lightning_grouped,
        template_stars,
        side_by_side_products,
        unknown_tiers,
        ambiguous_dates,
        cached_formulas,
        sf_report_latin1,
        tab_cp1252_contacts,
        zendesk_utc,
        zendesk_minutes,
        zendesk_shift_jis,
        jira,
        freshdesk,
        servicenow,
        dotted_cases,
        sf_case_report_csv,
        zendesk_pst,
        warehouse_pipe,
        unread_sheet,
        zendesk_300,
        sf_grouped_240,
        freshdesk_cest,
        zendesk_unicode_text,
        zone_abbreviations,
        refusals,
        jira_sla_only,
        hidden_sheets,
        merged_cells,
        misnamed_files,
        invisible_marks,
        macos_decomposed,
        xlsb_book,
        two_desks_dates,
        line_items,
        order_forms,
        outlines,
        languages,
        case_logs,
        other_helpdesks,
        crm_deals_and_items,
    ):
        write()
    fix_zip_times()
    missing = set(ENTRIES) - {p.name for p in FILES.iterdir()}
    if missing:
        raise SystemExit(f"not written: {sorted(missing)}")
    write_manifest()
    print(f"{len(ENTRIES)} files in {FILES}")


if __name__ == "__main__":
    main()
