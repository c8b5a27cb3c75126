"""The report's content as plain DataFrames, one per sheet (no formatting, no I/O)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from explorer import rules
from explorer.app import findings as pipeline
from explorer.catalog import Catalog
from explorer.model import Book, Contract, Finding, Severity, customer_key
from explorer.outputs.report.schema import SHEETS, sheet_columns
from explorer.sla.compliance import compliance
from explorer.sla.engine import SlaResult


@dataclass
class ReportData:
    as_of: date
    generated: datetime
    catalog_version: str
    sheets: dict[str, pd.DataFrame]
    sources: list[tuple[str, str]]  # (file, sha256)
    counts: list[tuple[str, int]]
    compliance_by_priority: pd.DataFrame | None
    assumptions: list[tuple[str, str]] = field(default_factory=list)  # (title, text)
    customers: list[str] = field(default_factory=list)  # the filter used; empty = all
    severities: dict[Severity, int] = field(default_factory=dict)  # findings in the report, by severity


def sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _frame(sheet: str, rows: list[list[object]], catalog: Catalog) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=sheet_columns(catalog)[sheet])


def _findings_by_row(findings: list[Finding]) -> dict[tuple[str, str, int | None], list[str]]:
    out: dict[tuple[str, str, int | None], list[str]] = defaultdict(list)
    for f in findings:
        out[(f.source.file, f.source.sheet, f.source.row)].append(f.message)
    return out


def contract_rows(book: Book, catalog: Catalog, contracts: list[Contract],
                  by_row: dict[tuple[str, str, int | None], list[str]]) -> list[list[object]]:
    rows: list[list[object]] = []
    contacts = book.contacts_by_customer()
    for c in contracts:
        program = rules.program_of(catalog, c)
        product = rules.product_name(catalog, c)
        hours = rules.support_hours(catalog, program) if program else ""
        held = {h.addon.id: h for h in rules.held_addons(catalog, c)}
        addons = [_addon_cell(held.get(aid), bool(addon.options)) for aid, addon in catalog.addons.items()]
        admin = rules.administrative_days(catalog, c)
        rows.append([c.customer.strip(), product, program.name if program else c.program_text, c.term_start,
                     c.term_end, hours, c.time_zone, *addons,
                     rules.named_contact_limit(catalog, c),
                     rules.named_contact_count(c, contacts.get(customer_key(c.customer), [])),
                     float(admin) if admin is not None else None,
                     "; ".join(by_row.get((c.source.file, c.source.sheet, c.source.row), []))])
    return rows


def _addon_cell(held: rules.HeldAddOn | None, has_options: bool) -> str:
    """The option bought for an add-on with options (blank if none), else Yes or No."""
    if has_options:
        return held.option.label if held is not None and held.option is not None else ""
    return "Yes" if held is not None else "No"


def key_date_rows(catalog: Catalog, contracts: list[Contract], as_of: date) -> list[list[object]]:
    rows: list[list[object]] = []
    for c in contracts:
        product = rules.product_name(catalog, c)
        for k in rules.key_dates(catalog, c, as_of):
            rows.append([c.customer.strip(), product, k.event, k.day, k.status.value])
    return rows


def target_rows(catalog: Catalog, contracts: list[Contract]) -> list[list[object]]:
    rows: list[list[object]] = []
    for c in contracts:
        program = rules.program_of(catalog, c)
        if program is None or c.product is None:
            continue
        for t in rules.targets(catalog, c):
            rows.append([c.customer.strip(), catalog.products[c.product].name, program.name, f"P{t.priority}",
                         t.minutes / 60, t.calendar.label])
    return rows


def build_report(book: Book, catalog: Catalog, as_of: date, sla: SlaResult | None = None,
                 customers: list[str] | None = None) -> ReportData:
    wanted = {customer_key(c) for c in customers or []}

    def chosen(name: str) -> bool:
        return not wanted or customer_key(name) in wanted

    contracts = [c for c in book.contracts if chosen(c.customer)]
    findings = [f for f in pipeline.collect(book, sla) if not wanted or (f.customer and chosen(f.customer))]
    by_row = _findings_by_row(findings)
    contacts = [c for c in book.contacts if chosen(c.customer)]
    sheets = {
        "Contracts": _frame("Contracts", contract_rows(book, catalog, contracts, by_row), catalog),
        "Key Dates": _frame("Key Dates", key_date_rows(catalog, contracts, as_of), catalog),
        "SLA Targets": _frame("SLA Targets", target_rows(catalog, contracts), catalog),
        "Named Contacts": _frame("Named Contacts", [
            [c.customer.strip(), c.name, c.email, c.region, "Yes" if c.named else "No",
             "; ".join(by_row.get((c.source.file, c.source.sheet, c.source.row), []))] for c in contacts], catalog),
    }
    by_priority = None
    if sla is not None:
        cases = sla.cases if not wanted else sla.cases[sla.cases["customer"].map(chosen).astype(bool)]
        sheets["Cases"] = pd.DataFrame({
            "Case ID": cases["case_id"], "Customer": cases["customer"], "Product": cases["product"],
            "Priority": cases["priority"].map(lambda p: f"P{p}" if pd.notna(p) else ""),
            "Opened (UTC)": cases["opened"], "Due (UTC)": cases["due"],
            "First Response (UTC)": cases["first_response"],
            "Business Minutes to Response": cases["business_minutes"].round(1), "Outcome": cases["outcome"],
        })
        table = compliance(cases, ["customer", "product", "priority"])
        table["priority"] = table["priority"].map(lambda p: f"P{p}")
        sheets["Compliance"] = table.rename(columns={"customer": "Customer", "product": "Product",
                                                     "priority": "Priority"})[SHEETS["Compliance"]]
        by_priority = compliance(cases, ["priority"])
        by_priority["priority"] = by_priority["priority"].map(lambda p: f"P{p}")
    sheets["Findings"] = _frame("Findings", [
        [f.severity.label, Path(f.source.file).name if f.source.file else "", f.source.sheet, f.source.row,
         f.column, f.message] for f in findings], catalog)
    counts = [("Customers", len({customer_key(c.customer) for c in contracts})), ("Contracts", len(contracts)),
              ("Named contacts", len(contacts))]
    if sla is not None:
        counts.append(("Cases", len(sheets["Cases"])))
    severities = pipeline.count(findings)
    counts += [(f"{s.label} findings", n) for s, n in severities.items()]
    used = sla.calendars_used if sla else {cid: cal.describe() for cid, cal in catalog.calendars.items()}
    assumptions = [("Clock" if i == 0 else "", text) for i, text in enumerate(used.values())]
    assumptions += [(d.title, d.text) for d in catalog.decisions.values()]
    if sla is not None:
        assumptions.append(("At risk", f"A pending case is at risk once it has used "
                                       f"{catalog.settings.at_risk_fraction:.0%} of its first-response target."))
    assumptions.append(("Due soon", f"A key date within {catalog.settings.due_soon_days} days of the as-of date."))
    sources = [(f, sha256(f)) for f in book.files + book.case_files]
    return ReportData(as_of, datetime.now(UTC), catalog.version, sheets, sources, counts, by_priority,
                      assumptions, sorted(customers or []), severities)
