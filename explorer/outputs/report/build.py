"""The report's content as plain DataFrames, one per sheet (no formatting, no I/O)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from explorer import history, rules
from explorer.app import findings as pipeline
from explorer.app.cancel import NEVER, CancelToken
from explorer.catalog import Catalog
from explorer.model import Book, Contract, Finding, Severity, customer_key
from explorer.outputs.report.actions import actions
from explorer.outputs.report.schema import SHEETS, sheet_columns
from explorer.sla.calendars import Closure, holidays_version
from explorer.sla.compliance import compliance, in_period
from explorer.sla.engine import SlaResult
from explorer.sla.subdivisions import calendar_label, subdivisions


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
    clocks: list[tuple[str, str, str]] = field(default_factory=list)  # (label, in words, definition) in use
    compliance_target: float = 0.95
    printed_rows: dict[str, int] = field(default_factory=dict)  # sheet -> leading rows printed (default: all)
    notes: dict[str, str] = field(default_factory=dict)  # sheet -> what its print-out holds, for the page header
    holidays_version: str = ""  # the `holidays` package whose data judged the cases
    # per holiday calendar the cases ran on ("New South Wales, Australia (AU-NSW)"): its days in the case period
    holidays_used: list[tuple[str, list[Closure], list[Closure]]] = field(default_factory=list)  # closed, opened
    case_period: tuple[date, date] | None = None  # first case opened to last due time (UTC days)


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


PRINTED_CASE_DAYS, PRINTED_CASES = 30, 200  # the Cases sheet holds every case; its print-out the latest few pages


def by_customer(contracts: list[Contract], catalog: Catalog) -> list[Contract]:
    """Customer, then product, then term: the order every per-contract sheet uses."""
    return sorted(
        contracts, key=lambda c: (customer_key(c.customer), rules.product_name(catalog, c).casefold(), c.term_start or date.min)
    )


def contract_rows(
    book: Book, catalog: Catalog, contracts: list[Contract], by_row: dict[tuple[str, str, int | None], list[str]], as_of: date
) -> list[list[object]]:
    rows: list[list[object]] = []
    contacts = book.contacts_by_customer()
    for c in contracts:
        program = rules.program_of(catalog, c)
        product = rules.product_name(catalog, c)
        hours = rules.support_hours(catalog, program) if program else ""
        held = {h.addon.id: h for h in rules.held_addons(catalog, c)}
        addons = [_addon_cell(held.get(aid), bool(addon.options)) for aid, addon in catalog.addons.items()]
        admin = rules.administrative_days(catalog, c)
        rows.append(
            [
                c.customer.strip(),
                product,
                program.name if program else c.program_text,
                c.term_start,
                c.term_end,
                history.status(c, as_of).value,
                hours,
                c.time_zone,
                calendar_label(c.country, c.subdivision),
                *addons,
                rules.named_contact_limit(catalog, c),
                rules.named_contact_count(c, contacts.get(customer_key(c.customer), [])),
                float(admin) if admin is not None else None,
                "; ".join(by_row.get((c.source.file, c.source.sheet, c.source.row), [])),
            ]
        )
    return rows


def _addon_cell(held: rules.HeldAddOn | None, has_options: bool) -> str:
    """The option bought for an add-on with options (blank if none), else Yes or No."""
    if has_options:
        return held.option.label if held is not None and held.option is not None else ""
    return "Yes" if held is not None else "No"


def key_date_rows(
    catalog: Catalog, contracts: list[Contract], as_of: date, done: Mapping[rules.DoneKey, date | None] | None = None
) -> list[list[object]]:
    rows: list[list[object]] = []
    for c in contracts:
        product = rules.product_name(catalog, c)
        for k in rules.key_dates(catalog, c, as_of, done=done):
            rows.append([c.customer.strip(), product, k.event, k.day, k.status_text, k.note])
    rows.sort(key=lambda r: (r[3], customer_key(str(r[0])), str(r[1]).casefold()))
    return rows


def target_rows(catalog: Catalog, contracts: list[Contract]) -> list[list[object]]:
    rows: list[list[object]] = []
    for c in contracts:
        program = rules.program_of(catalog, c)
        if program is None or c.product is None:
            continue
        for t in rules.targets(catalog, c):
            rows.append(
                [
                    c.customer.strip(),
                    catalog.products[c.product].name,
                    program.name,
                    f"P{t.priority}",
                    t.minutes / 60,
                    t.calendar.label,
                ]
            )
    return rows


def _product_label(catalog: Catalog, product: str) -> str:
    return catalog.products[product].name if product in catalog.products else product


def finding_rows(catalog: Catalog, findings: list[Finding]) -> list[list[object]]:
    """Customer, then product, the worst first; findings about no customer (a whole file) lead."""
    ordered = sorted(
        findings,
        key=lambda f: (
            customer_key(f.customer),
            _product_label(catalog, f.product).casefold(),
            -f.severity,
            f.source.file,
            f.source.sheet,
            f.source.row or 0,
        ),
    )
    return [
        [
            f.customer.strip(),
            _product_label(catalog, f.product),
            f.severity.label,
            f.message,
            Path(f.source.file).name if f.source.file else "",
            f.source.sheet,
            f.source.row,
            f.column,
        ]
        for f in ordered
    ]


def case_frame(catalog: Catalog, cases: pd.DataFrame) -> pd.DataFrame:
    """The Cases sheet (and the app's case table): newest first, minutes counted on each case's clock."""
    cases = cases.sort_values("opened", ascending=False, kind="stable")
    labels = {cid: cal.label for cid, cal in catalog.calendars.items()}
    return pd.DataFrame(
        {
            "Case ID": cases["case_id"],
            "Customer": cases["customer"],
            "Product": cases["product"],
            "Priority": cases["priority"].map(lambda p: f"P{p:.0f}" if pd.notna(p) else ""),
            "Opened (UTC)": cases["opened"],
            "Due (UTC)": cases["due"],
            "First Response (UTC)": cases["first_response"],
            "Clock": cases["clock"].astype(str).map(lambda c: labels.get(c, "")),
            "Minutes to Response": cases["business_minutes"].round(1),
            "Outcome": cases["outcome"],
        }
    ).reset_index(drop=True)


def clocks_in_use(catalog: Catalog, contracts: list[Contract]) -> list[tuple[str, str, str]]:
    """(label, in words, definition) of each clock the contracts' targets run on, in catalog order."""
    used = {t.calendar for c in contracts if (p := rules.program_of(catalog, c)) for t in p.targets.values()}
    return [(cal.label, cal.words, cal.describe()) for cid, cal in catalog.calendars.items() if cid in used]


def assumptions_for(catalog: Catalog, contracts: list[Contract], with_cases: bool) -> list[tuple[str, str]]:
    """Only the decisions behind these contracts' answers, then the report's own definitions."""
    decisions = {d.id: d for c in contracts for d in rules.decisions_for(catalog, c)}
    out = [(d.title, d.text) for did, d in catalog.decisions.items() if did in decisions]
    if with_cases:
        out.append(
            (
                "At risk",
                f"A pending case is at risk once it has used "
                f"{catalog.settings.at_risk_fraction:.0%} of its first-response target.",
            )
        )
        out.append(("Compliance %", "Met / (met + breached): a case still inside its target counts neither way."))
    out.append(("Due soon", f"A key date within {catalog.settings.due_soon_days} days of the as-of date."))
    return out


def build_report(
    book: Book,
    catalog: Catalog,
    as_of: date,
    sla: SlaResult | None = None,
    customers: list[str] | None = None,
    cancel: CancelToken = NEVER,
    done: Mapping[rules.DoneKey, date | None] | None = None,
) -> ReportData:
    """The report's sheets as of the end of ``as_of``; ``done`` holds the key dates marked done (rules.done_key)."""
    wanted = {customer_key(c) for c in customers or []}

    def chosen(name: str) -> bool:
        return not wanted or customer_key(name) in wanted

    contracts = by_customer([c for c in book.contracts if chosen(c.customer)], catalog)
    findings = [f for f in pipeline.collect(book, sla) if not wanted or (f.customer and chosen(f.customer))]
    by_row = _findings_by_row(findings)
    contacts = sorted(
        (c for c in book.contacts if chosen(c.customer)), key=lambda c: (customer_key(c.customer), c.name.casefold())
    )
    sheets = {
        "Actions": actions(book, catalog, contracts, findings, as_of, sla, wanted or None, done),
        "Contracts": _frame("Contracts", contract_rows(book, catalog, contracts, by_row, as_of), catalog),
        "Key Dates": _frame("Key Dates", key_date_rows(catalog, contracts, as_of, done), catalog),
        "SLA Targets": _frame("SLA Targets", target_rows(catalog, contracts), catalog),
        "Named Contacts": _frame(
            "Named Contacts",
            [
                [
                    c.customer.strip(),
                    c.name,
                    c.email,
                    c.region,
                    "Yes" if c.named else "No",
                    "; ".join(by_row.get((c.source.file, c.source.sheet, c.source.row), [])),
                ]
                for c in contacts
            ],
            catalog,
        ),
    }
    cancel.check()
    by_priority = None
    printed: dict[str, int] = {}
    notes: dict[str, str] = {}
    if sla is not None:
        cases = sla.cases if not wanted else sla.cases[sla.cases["customer"].map(chosen).astype(bool)]
        table = compliance(cases, ["customer", "product", "priority"])
        table["priority"] = table["priority"].map(lambda p: f"P{p}")
        sheets["Compliance"] = table.rename(columns={"customer": "Customer", "product": "Product", "priority": "Priority"})[
            SHEETS["Compliance"]
        ]
        sheets["Cases"] = case_frame(catalog, cases)
        recent = len(in_period(cases, as_of - timedelta(days=PRINTED_CASE_DAYS - 1), as_of))
        printed["Cases"] = min(recent, PRINTED_CASES)
        if recent <= PRINTED_CASES:
            shown = f"the {recent:,} cases opened in the {PRINTED_CASE_DAYS} days to {as_of:%Y-%m-%d}"
        else:
            first = pd.Timestamp(sheets["Cases"]["Opened (UTC)"].iloc[PRINTED_CASES - 1])
            shown = f"the latest {PRINTED_CASES:,} cases, opened since {first:%Y-%m-%d}"
        notes["Cases"] = f"printed: {shown}; the sheet holds all {len(cases):,}"
        by_priority = compliance(cases, ["priority"])
        by_priority["priority"] = by_priority["priority"].map(lambda p: f"P{p}")
    cancel.check()
    sheets["Findings"] = _frame("Findings", finding_rows(catalog, findings), catalog)
    counts = [
        ("Customers", len({customer_key(c.customer) for c in contracts})),
        ("Contracts", len(contracts)),
        ("Named contacts", len(contacts)),
    ]
    if sla is not None:
        counts.append(("Cases", len(sheets["Cases"])))
    severities = pipeline.count(findings)
    counts += [(f"{s.label} findings", n) for s, n in severities.items()]
    sources = [(f, sha256(f)) for f in book.files + book.case_files]
    period, holiday_days = holidays_in_period(catalog, sla, cases if sla is not None else None)
    if period is not None:
        sheets["Holidays"] = _frame("Holidays", holiday_rows(holiday_days), catalog)
    return ReportData(
        as_of,
        datetime.now(UTC),
        catalog.version,
        sheets,
        sources,
        counts,
        by_priority,
        assumptions_for(catalog, contracts, sla is not None) + holiday_assumptions(catalog, contracts),
        sorted(customers or []),
        severities,
        clocks_in_use(catalog, contracts),
        catalog.settings.compliance_target,
        printed,
        notes,
        holidays_version(),
        holiday_days,
        period,
    )


def holiday_assumptions(catalog: Catalog, contracts: list[Contract]) -> list[tuple[str, str]]:
    """How the contracts' public holidays were chosen, and which keep a national calendar (business-hours clocks only)."""
    with_holidays = [
        c
        for c in contracts
        if (p := rules.program_of(catalog, c))
        and any(catalog.calendars[t.calendar].holidays == "country" for t in p.targets.values())
    ]
    if not with_holidays:
        return []
    out = [
        (
            "Public holidays",
            "A contract's State/Province (a code such as AU-NSW or a name such as Bavaria) adds "
            "that state's public holidays to its country's; without one, a time zone that lies in "
            "a single state (Australia/Sydney: New South Wales) selects it. The book's holiday "
            "table adds days, or opens them where its status says the customer works.",
        )
    ]
    national = sorted(
        {
            f"{c.customer.strip()} ({c.country}, {c.time_zone})"
            for c in with_holidays
            if c.country and not c.subdivision and subdivisions(c.country)
        },
        key=str.casefold,
    )
    if national:
        shown = ", ".join(national[:20]) + (f" and {len(national) - 20} more" if len(national) > 20 else "")
        out.append(
            (
                "National holidays only",
                f"No state given nor told by the time zone, so the national calendar is used for: {shown}.",
            )
        )
    return out


def holidays_in_period(
    catalog: Catalog, sla: SlaResult | None, cases: pd.DataFrame | None
) -> tuple[tuple[date, date] | None, list[tuple[str, list[Closure], list[Closure]]]]:
    """The case period (first opening to last due time, UTC days) and, per holiday calendar the business-hours
    cases ran on, its label, the holidays in the period and the days the book's table opened."""
    if sla is None or cases is None or cases.empty or cases["opened"].isna().all():
        return None, []
    first = cases["opened"].min().date()
    last = max(cases["opened"].max(), cases["due"].max() if cases["due"].notna().any() else pd.NaT).date()
    with_holidays = {cid for cid, cal in catalog.calendars.items() if cal.holidays == "country"}
    keys = cases.loc[cases["clock"].astype(str).isin(with_holidays), "holidays"].astype(str).unique()
    used = []
    for key in sorted(keys):
        calendar = sla.holiday_calendars.get(key)
        if calendar is not None:
            used.append(
                (
                    calendar_label(calendar.country, calendar.subdivision),
                    calendar.closures_between(first, last),
                    [c for c in calendar.opened if first <= c.day <= last],
                )
            )
    return (first, last), used


def holiday_rows(used: list[tuple[str, list[Closure], list[Closure]]]) -> list[list[object]]:
    """The Holidays sheet: each calendar's days in the case period, closed ones and those the book opened."""
    return [
        [label, c.day, c.name, c.where, status]
        for label, closed, opened in used
        for c, status in sorted(
            [(c, "Closed") for c in closed] + [(c, "Open (holiday table)") for c in opened], key=lambda pair: pair[0].day
        )
    ]
