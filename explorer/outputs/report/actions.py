"""What needs a manager's action, one row per thing to do: who, what, by when, where to look.

Read from the same rules, key dates, findings and SLA outcomes as the rest of the
report; nothing here decides anything the other sheets do not show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from explorer.app.sheet import ContractSheet, CustomerSheet
from explorer.catalog import Catalog
from explorer.model import Finding, Severity, customer_key
from explorer.sla.compliance import in_period
from explorer.sla.engine import Outcome, SlaResult

ACTION_COLUMNS = ["Customer", "Product", "Issue", "What to Do", "Date", "Where to Look"]
URGENT_PRIORITIES = (1, 2)  # breaches of these priorities are listed
CASE_IDS_SHOWN = 5


@dataclass(frozen=True)
class Action:
    order: int  # the issue's rank: breaches first, then deadlines, contacts, errors, lapsed customers
    customer: str
    product: str
    issue: str
    todo: str
    day: date | None
    where: str


def _where(finding: Finding) -> str:
    source = finding.source
    parts = [
        Path(source.file).name if source.file else "",
        source.sheet,
        f"row {source.row}" if source.row is not None else "",
        f"column {finding.column}" if finding.column else "",
    ]
    return ", ".join(p for p in parts if p)


def _breaches(sla: SlaResult, chosen: set[str] | None, as_of: date, days: int) -> list[Action]:
    recent = in_period(sla.cases, as_of - timedelta(days=days - 1), as_of)
    breached = recent[(recent["outcome"] == Outcome.BREACHED.value) & recent["priority"].isin(URGENT_PRIORITIES)]
    if chosen is not None:
        breached = breached[breached["customer"].astype(str).map(customer_key).isin(chosen)]
    out = []
    for keys, group in breached.groupby(["customer", "product", "priority"], observed=True, sort=False):
        customer, product, _ = keys
        priority = int(group["priority"].iloc[0])
        group = group.sort_values("opened", ascending=False)
        ids = [str(i) for i in group["case_id"].tolist()]
        shown = ", ".join(ids[:CASE_IDS_SHOWN]) + (f" and {len(ids) - CASE_IDS_SHOWN} more" if len(ids) > CASE_IDS_SHOWN else "")
        n = len(ids)
        out.append(
            Action(
                priority - 1,
                str(customer),
                str(product),
                f"P{priority} breach",
                f"Review {n} P{priority} case{'s' if n != 1 else ''} answered late in the last "
                f"{days} days with the support team, and tell the customer what changes.",
                pd.Timestamp(group["opened"].iloc[0]).date(),
                f"Cases: {shown}",
            )
        )
    return out


def _deadlines(row: ContractSheet) -> list[Action]:
    out = []
    for line in row.dates:
        k = line.date
        if not k.is_action or not (line.overdue or line.due_soon):  # one marked done is neither
            continue
        out.append(
            Action(
                2 if line.overdue else 3,
                row.contract.customer.strip(),
                row.product_name,
                "Deadline overdue" if line.overdue else "Deadline due soon",
                f"{k.event} on {k.day:%Y-%m-%d}. {k.note}".strip(),
                k.day,
                "Key Dates",
            )
        )
    return out


def _contacts(row: ContractSheet) -> list[Action]:
    contract = row.contract
    customer, product = contract.customer.strip(), row.product_name
    out = []
    for check in row.limits:
        if check.over:
            out.append(
                Action(
                    4,
                    customer,
                    product,
                    "Named contacts over limit",
                    f"{check.count} of {check.limit} named contacts ({check.option.label}): ask the "
                    f"customer which {check.count - check.limit} to drop, or offer a larger option.",
                    None,
                    "Named Contacts",
                )
            )
        for contact in check.outside_region:
            out.append(
                Action(
                    5,
                    customer,
                    product,
                    "Contact out of region",
                    f"Named contact {contact.name} is in {contact.region}, outside the {check.addon.short}'s "
                    f"region {contract.region}: replace the contact or agree support from their region.",
                    None,
                    f"Named Contacts; {_where(Finding(Severity.WARNING, '', contact.source, 'Region'))}",
                )
            )
    return out


def _errors(catalog: Catalog, findings: list[Finding]) -> list[Action]:
    out = []
    for f in findings:
        if f.severity is not Severity.ERROR:
            continue
        product = catalog.products[f.product].name if f.product in catalog.products else f.product
        out.append(
            Action(6, f.customer.strip(), product, "Contract error", f"Correct the contract book: {f.message}", None, _where(f))
        )
    return out


def _lapsed(sheet: CustomerSheet, as_of: date) -> list[Action]:
    """Cases opened after the customer's last term ended."""
    ended = [row.contract for row in sheet.by_product() if row.contract.term_end is not None]
    end = max((c.term_end for c in ended if c.term_end is not None), default=None)
    if end is None or end >= as_of:
        return []
    n = sheet.opened_between(end + timedelta(days=1), as_of)
    if not n:
        return []
    return [
        Action(
            7,
            ended[0].customer.strip(),
            "",
            "Lapsed with cases",
            f"{n} case{'s' if n != 1 else ''} opened since the last term ended on {end:%Y-%m-%d}: "
            "confirm the renewal or tell support the customer is no longer entitled.",
            end,
            "Cases; Contracts",
        )
    ]


def actions(
    catalog: Catalog,
    sheets: list[CustomerSheet],
    findings: list[Finding],
    as_of: date,
    sla: SlaResult | None = None,
    chosen: set[str] | None = None,
) -> pd.DataFrame:
    """The Actions sheet from the customers' sheets: most urgent issue first, then by date and customer."""
    found: list[Action] = []
    if sla is not None:
        found += _breaches(sla, chosen, as_of, catalog.settings.recent_days)
    by_customer = sorted(sheets, key=lambda s: s.key)
    for sheet in by_customer:
        for row in sheet.by_product():
            found += _deadlines(row)
            found += _contacts(row)
    found += _errors(catalog, findings)
    if sla is not None:
        for sheet in by_customer:
            found += _lapsed(sheet, as_of)
    found.sort(key=lambda a: (a.order, a.day or date.max, a.customer.casefold(), a.product))
    return pd.DataFrame([[a.customer, a.product, a.issue, a.todo, a.day, a.where] for a in found], columns=ACTION_COLUMNS)
