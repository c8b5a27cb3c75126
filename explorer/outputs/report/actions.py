"""What needs a manager's action, one row per thing to do: who, what, by when, where to look.

Read from the same rules, key dates, findings and SLA outcomes as the rest of the
report; nothing here decides anything the other sheets do not show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

import numpy as np
import pandas as pd

from explorer.app import waiting
from explorer.app.sheet import ContractSheet, CustomerSheet
from explorer.app.uncounted import Uncounted, chosen_cases
from explorer.catalog import Catalog
from explorer.durations import duration
from explorer.model import Finding, Severity, customer_key
from explorer.shown import shown_name
from explorer.sla.engine import Outcome, SlaResult

ACTION_COLUMNS = ["Customer", "Owner", "Product", "Issue", "What to Do", "Date", "Where to Look"]
OWNER = "Owner"  # left out where the book has no owner column (settings.owner_columns)
CASE_IDS_SHOWN = 5
# Ranks, most urgent first: unanswered cases and overdue deadlines, due-soon deadlines, then late answers; the
# reading's gaps (contract errors, cases no figure counts) before lapsed products with cases.
NOW, SOON, BREACH, CONTACTS, REGION, ERROR, UNCOUNTED, LAPSED = range(8)
UNANSWERED, OVERDUE, DUE_SOON = "Unanswered", "Deadline overdue", "Deadline due soon"
# Row fills by urgency: an Issue beginning with the text fills its row (kept when the sheet is sorted or filtered)
ISSUE_FILLS = ((UNANSWERED, "red"), (OVERDUE, "red"), (DUE_SOON, "amber"))


@dataclass(frozen=True)
class Action:
    order: int  # the issue's rank (NOW ... LAPSED)
    customer: str
    product: str
    issue: str
    todo: str
    day: date | None
    where: str
    newest_first: bool = False  # within its rank: late answers newest first, everything else soonest first

    @property
    def sort_key(self) -> tuple[int, int]:
        day = (self.day or date.max).toordinal()
        return self.order, -day if self.newest_first else day


def _where(finding: Finding) -> str:
    source = finding.source
    parts = [
        shown_name(source.file),
        source.sheet,
        f"row {source.row}" if source.row is not None else "",
        f"column {finding.column}" if finding.column else "",
    ]
    return ", ".join(p for p in parts if p)


def _unanswered(unanswered: pd.DataFrame, moment: datetime) -> list[Action]:
    """Each P1/P2 case with no first response at the as-of moment (pending, at risk or breached: waiting.unanswered,
    the cases the app's customer list and header name)."""
    out = []
    for case in unanswered.to_dict("records"):
        opened = pd.Timestamp(case["opened"])
        state = waiting.standing(case)  # as the app's header says it
        out.append(
            Action(
                NOW,
                str(case["customer"]),
                str(case["product"]),
                f"{UNANSWERED} P{int(case['priority'])}",
                f"Unanswered for {waiting.waited(opened, moment)}, {state}: ask support to answer case {case['case_id']} now, "
                "and tell the customer when.",
                opened.date(),
                f"Cases: {case['case_id']}",
            )
        )
    return out


def _late(urgent: pd.DataFrame, days: int) -> list[Action]:
    """P1/P2 cases answered after their due time, one row per customer, product and priority."""
    late = urgent[(urgent["outcome"] == Outcome.BREACHED.value) & urgent["first_response"].notna()]
    if late.empty:
        return []
    # Sorted and measured once for the whole book, then cut into groups (not a sort per group).
    late = late.sort_values("opened", ascending=False, kind="stable")
    minutes = late["late_minutes"].to_numpy(dtype=float)  # on the contract's clock, as the verdict
    ids = late["case_id"].astype(str).to_numpy(dtype=object)
    opened = late["opened"].tolist()
    out = []
    groups = late.groupby(["customer", "product", "priority"], observed=True, sort=False).indices
    for keys, positions in groups.items():
        customer, product, priority = cast(tuple[Any, Any, Any], keys)
        rows = np.sort(positions)  # positions in the newest-first order
        shown_ids = ids[rows].tolist()
        n = len(shown_ids)
        worst = float(np.nanmax(minutes[rows])) if not np.isnan(minutes[rows]).all() else float("nan")
        shown = ", ".join(shown_ids[:CASE_IDS_SHOWN]) + (f" and {n - CASE_IDS_SHOWN} more" if n > CASE_IDS_SHOWN else "")
        said = (
            f"P{int(priority)} case {shown_ids[0]} answered {duration(worst)} late on its clock"
            if n == 1
            else f"{n} P{int(priority)} cases answered late (up to {duration(worst)} late on their clock)"
        )
        out.append(
            Action(
                BREACH,
                str(customer),
                str(product),
                f"P{int(priority)} answered late",
                f"Review {said} in the last {days} days with the support team, and tell the customer what changes.",
                pd.Timestamp(opened[rows[0]]).date(),
                f"Cases: {shown}",
                newest_first=True,
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
                NOW if line.overdue else SOON,
                row.contract.customer.strip(),
                row.product_name,
                OVERDUE if line.overdue else DUE_SOON,
                f"{k.event} on {k.day:%Y-%m-%d}. {k.note}".strip(),
                k.day,
                "Key Dates",
            )
        )
    return out


def _contacts(sheet: CustomerSheet) -> list[Action]:
    """Named contacts over the limit of, or outside the region of, the terms in force (CustomerSheet.limits)."""
    out = []
    for check in sheet.limits:
        contract = check.contract
        customer, product = contract.customer.strip(), sheet.product_of(contract)
        if check.over:
            out.append(
                Action(
                    CONTACTS,
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
                    REGION,
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


def _errors(
    catalog: Catalog, findings: list[Finding], sheets: list[CustomerSheet], said: frozenset[tuple[str, str, int]]
) -> list[Action]:
    """An action per error finding and customer: one said once for many rows (Finding.rows, no customer of its own)
    is an action for each customer whose rows it names (the sheets hold it: findings.by_customer), with its owner.
    One about a case the "Cases not counted" row counts (``said``: the case's place in its log) is that row's: a case
    is one action, with the case log's advice."""
    named: dict[int, list[tuple[str, str]]] = {}  # the finding -> (customer, product) of each row it names
    for sheet in sheets:
        for f in sheet.findings:
            if f.rows and not f.customer and f.severity is Severity.ERROR:
                at = {(f.source.file, f.source.sheet, row) for row in f.rows}
                products = (
                    r.product
                    for r in sheet.contracts
                    if (r.contract.source.file, r.contract.source.sheet, r.contract.source.row) in at
                )
                named.setdefault(id(f), []).extend((sheet.name, p) for p in dict.fromkeys(products))
    out = []
    for f in findings:
        if f.severity is not Severity.ERROR or (f.source.file, f.source.sheet, f.source.row) in said:
            continue
        product = catalog.products[f.product].name if f.product in catalog.products else f.product
        for customer, of in named.get(id(f)) or [(f.customer.strip(), product)]:
            out.append(Action(ERROR, customer, of, "Contract error", f"Correct the contract book: {f.message}", None, _where(f)))
    return out


def _uncounted(found: Uncounted) -> list[Action]:
    """One row for the cases matched to no contract or not evaluated (app.uncounted): without it an Actions sheet
    of a log whose cases all missed the book was an empty table that read as "nothing to do"."""
    if not found.total:
        return []
    named = (
        f" They name {found.names_text()}: write each name as the contract book does (or add its contract) and read "
        "the log again."
        if found.unmatched
        else ""
    )
    unread = (
        " Correct the case log where the Findings name a case's priority, opening or response time, and read it again."
        if found.not_evaluated
        else ""
    )
    return [Action(UNCOUNTED, "", "", "Cases not counted", found.sentence() + named + unread, None, "Findings; Cases (Outcome)")]


def _lapsed(sheet: CustomerSheet) -> list[Action]:
    """Cases opened after a product's last term ended (CustomerSheet.lapses)."""
    return [
        Action(
            LAPSED,
            lapse.customer,
            lapse.product,
            "Lapsed with cases",
            f"{lapse.text}: {lapse.to_do}.",
            lapse.ended,
            "Cases; Contracts",
        )
        for lapse in sheet.lapses
    ]


def actions(
    catalog: Catalog,
    sheets: list[CustomerSheet],
    findings: list[Finding],
    as_of: date,
    sla: SlaResult | None = None,
    chosen: set[str] | None = None,
    gaps: Uncounted | None = None,
) -> pd.DataFrame:
    """The Actions sheet from the customers' sheets, most urgent first (see the ranks above); an Owner column
    where the book names the customers' owners (CustomerSheet.owner). ``gaps``: the cases of ``sla`` (of the
    ``chosen`` customers) no figure counts, as the report's headline says them (app.uncounted)."""
    found: list[Action] = []
    days = catalog.settings.recent_days
    if sla is not None:
        found += _unanswered(chosen_cases(waiting.unanswered(sla.cases, as_of, days), chosen), sla.as_of)
        found += _late(chosen_cases(waiting.urgent(sla.cases, as_of, days), chosen), days)
    by_customer = sorted(sheets, key=lambda s: s.key)
    for sheet in by_customer:
        for row in sheet.by_product():
            found += _deadlines(row)
        found += _contacts(sheet)
    found += _errors(catalog, findings, sheets, gaps.rows if gaps is not None else frozenset())
    if gaps is not None:
        found += _uncounted(gaps)
    if sla is not None:
        for sheet in by_customer:
            found += _lapsed(sheet)
    found.sort(key=lambda a: (*a.sort_key, a.customer.casefold(), a.product))
    owners = {s.key: s.owner for s in sheets}
    frame = pd.DataFrame(
        [[a.customer, owners.get(customer_key(a.customer), ""), a.product, a.issue, a.todo, a.day, a.where] for a in found],
        columns=ACTION_COLUMNS,
    )
    return frame if any(owners.values()) else frame.drop(columns=[OWNER])
