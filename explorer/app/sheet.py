"""Everything about one customer on the as-of day, from the rules and the SLA result (Qt-free).

Every per-customer view reads a CustomerSheet: the app's tabs, the report, the
one-pager, the calendar export and the book diff. None of them calls the rules
again, so what each shows cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd

from explorer import history, rules
from explorer.app.workspace import DateKey, DateMark, Workspace
from explorer.catalog import Catalog, Decision
from explorer.model import Contact, Contract, Finding
from explorer.sla.compliance import compliance
from explorer.sla.subdivisions import calendar_label

if TYPE_CHECKING:
    from explorer.app.session import Session


@dataclass(frozen=True)
class AddOnLine:
    held: rules.HeldAddOn
    available: date | None  # end of its mobilization (an addon_available key date), if the catalog has one

    @property
    def label(self) -> str:
        return self.held.label

    @property
    def detail(self) -> str:
        if self.available is None:
            return ""
        return f"Available from {self.available:%Y-%m-%d}; until then: {self.held.addon.during_mobilization}"


@dataclass(frozen=True)
class DateLine:
    """A key date with its status on the as-of day and the user's mark on it."""

    contract: Contract
    product: str
    date: rules.KeyDate
    key: DateKey
    mark: DateMark

    @property
    def status(self) -> str:
        return self.date.status_text


@dataclass(frozen=True)
class TargetRow:
    product: str
    program: str
    target: rules.TargetLine
    assumption: str  # the clock in words, with the decision behind it


@dataclass(frozen=True)
class ContractSheet:
    """One row of the customer's book: a term of one product."""

    contract: Contract
    product: str
    program: str  # the program's name, or the book's text where it matched none
    title: str  # "Okta — Premier Plus (2026-01-15 to 2027-01-14)"
    status: history.Status  # in force, ended or not started on the as-of day
    benefits: list[rules.BenefitLine]
    assumptions: list[Decision]
    addons: list[AddOnLine]
    administrative_days: Decimal | None
    limits: list[rules.ContactLimit]
    targets: list[TargetRow]
    dates: list[DateLine]
    extra: dict[str, str]  # the book's own columns, as written

    @property
    def in_force(self) -> bool:
        return self.status is history.Status.IN_FORCE


@dataclass(frozen=True)
class ProductTerms:
    """One product's history: the term to show on the as-of day, and every term as one line."""

    shown: ContractSheet  # in force, else the last one ended, else the next one to start
    terms: list[ContractSheet]  # every row of the product, in the book's order
    line: str  # "Premier from 2026-07-01; Basic 2025-07-01 – 2026-06-30"


@dataclass(frozen=True)
class ContactLine:
    contact: Contact
    note: str  # why it is flagged, "" when it is not
    flag: str  # "over" (over an add-on's limit), "region" (outside a regional add-on's region) or ""


@dataclass
class CustomerSheet:
    key: str
    name: str
    as_of: date
    contracts: list[ContractSheet]  # every row, in the book's order
    contacts: list[ContactLine]
    cases: pd.DataFrame | None  # the SLA result's rows for this customer; None without a case log
    findings: list[Finding]  # worst first
    catalog: Catalog = field(repr=False)
    holidays_skipped: list[str] = field(default_factory=list)  # per row of cases: "Boxing Day (observed), New South Wales"

    @property
    def in_force(self) -> list[ContractSheet]:
        return [c for c in self.contracts if c.in_force]

    @property
    def state(self) -> history.CustomerState:
        return history.customer_state([c.contract for c in self.contracts], self.as_of)

    @property
    def limits(self) -> list[rules.ContactLimit]:
        """Named-contact limits of the terms in force (of every term when none is)."""
        judged = self.in_force or self.contracts
        return [limit for c in judged for limit in c.limits]

    @property
    def dates(self) -> list[DateLine]:
        """Every key date of every contract, soonest first."""
        return sorted((d for c in self.contracts for d in c.dates), key=lambda d: d.date.day)

    @property
    def targets(self) -> list[TargetRow]:
        return [t for c in self.contracts for t in c.targets]

    def products(self) -> list[ProductTerms]:
        """Per product (in the book's order), its term on the as-of day and its history."""
        groups: dict[tuple[str, str], list[ContractSheet]] = {}
        for c in self.contracts:
            groups.setdefault(c.contract.key, []).append(c)
        out = []
        for rows in groups.values():
            shown = history.current([r.contract for r in rows], self.as_of)
            sheet = next(r for r in rows if r.contract is shown)
            out.append(ProductTerms(sheet, rows, history.history_line(self.catalog, [r.contract for r in rows], self.as_of)))
        return out

    def product_of(self, contract: Contract) -> str:
        return next((c.product for c in self.contracts if c.contract is contract), "")

    def compliance(self) -> pd.DataFrame | None:
        """Compliance by priority for the customer's cases; None without a case log."""
        return None if self.cases is None else compliance(self.cases, ["priority"])


def contract_sheet(
    catalog: Catalog, contract: Contract, contacts: list[Contact], as_of: date, workspace: Workspace | None = None
) -> ContractSheet:
    product = rules.product_name(catalog, contract) or "?"
    program = rules.program_of(catalog, contract)
    program_name = program.name if program else contract.program_text or "no tier"
    term = (
        f" ({contract.term_start:%Y-%m-%d} to {contract.term_end:%Y-%m-%d})" if contract.term_start and contract.term_end else ""
    )
    key_dates = rules.key_dates(catalog, contract, as_of, done=workspace.done_marks() if workspace else None)
    available = {k.addon: k.day for k in key_dates if k.role == "addon_available"}
    dates = []
    for k in key_dates:
        key = DateKey.of(contract, k.id)
        dates.append(DateLine(contract, product, k, key, workspace.mark(key) if workspace else DateMark()))
    targets = []
    holidays = f"\n\nPublic holidays: {calendar_label(contract.country, contract.subdivision)}"
    for t in rules.targets(catalog, contract):
        note = catalog.decisions.get(t.calendar.decision or "")
        targets.append(
            TargetRow(
                product,
                program_name,
                t,
                t.calendar.describe()
                + (holidays if t.calendar.holidays == "country" else "")
                + (f"\n\n{note.title}: {note.text}" if note else ""),
            )
        )
    return ContractSheet(
        contract,
        product,
        program_name,
        f"{product} — {program_name}{term}",
        history.status(contract, as_of),
        rules.benefits(catalog, contract),
        rules.decisions_for(catalog, contract),
        [AddOnLine(h, available.get(h.addon.id)) for h in rules.held_addons(catalog, contract)],
        rules.administrative_days(catalog, contract),
        rules.contact_limits(catalog, contract, contacts),
        targets,
        dates,
        {k: v for k, v in contract.extra.items() if v},
    )


def contact_lines(limits: list[rules.ContactLimit], contacts: list[Contact]) -> list[ContactLine]:
    """Each contact with why it is flagged: over an add-on's limit (every named contact counts, none is
    picked by position) or outside a regional add-on's region."""
    notes: dict[int, list[str]] = {}
    flags: dict[int, str] = {}
    for limit in limits:
        if limit.over:
            for c in limit.named:
                notes.setdefault(id(c), []).append(
                    f"One of {limit.count} named contacts; {limit.option.label} allows {limit.limit}"
                )
                flags.setdefault(id(c), "over")
        for c in limit.outside_region:
            notes.setdefault(id(c), []).append(f"Outside the {limit.addon.short}'s region ({limit.contract.region})")
            flags.setdefault(id(c), "region")
    return [ContactLine(c, "; ".join(notes.get(id(c), [])), flags.get(id(c), "")) for c in contacts]


def customer_sheet(session: Session, key: str) -> CustomerSheet | None:
    book, catalog, overview = session.book, session.catalog, session.overview
    contracts = [book.contracts[i] for i in overview.contracts_by_key.get(key, [])]
    if not contracts:
        return None
    contacts = book.contacts_of(contracts[0].customer)
    sheets = [contract_sheet(catalog, c, contacts, session.as_of, session.workspace) for c in contracts]
    cases = None
    if session.sla is not None:
        rows = overview.case_rows.get(key)
        cases = session.sla.cases.iloc[rows] if rows is not None else session.sla.cases.iloc[0:0]
    sheet = CustomerSheet(
        key, contracts[0].customer.strip(), session.as_of, sheets, [], cases, overview.findings_by_key.get(key, []), catalog
    )
    sheet.contacts = contact_lines(sheet.limits, contacts)
    if session.sla is not None and cases is not None:
        sheet.holidays_skipped = [
            "; ".join(c.describe() for c in skipped) for skipped in session.sla.holidays_skipped(cases, catalog)
        ]
    return sheet
