"""The report's content as plain DataFrames, one per sheet (no formatting, no I/O)."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from explorer import clock, heap
from explorer.app import findings as pipeline
from explorer.app import periods
from explorer.app.book_sheets import book_sheets
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.case_filter import RESPONSE_MINUTES
from explorer.app.periods import Period
from explorer.app.sheet import AddOnLine, ContractSheet, CustomerSheet, Done, Marks, keeps_holidays
from explorer.app.uncounted import Uncounted, chosen_cases, uncounted
from explorer.catalog import Catalog, fold
from explorer.model import Book, Contract, Finding, Severity, Source, customer_key
from explorer.outputs.report.actions import actions
from explorer.outputs.report.schema import SHEETS, sheet_columns
from explorer.outputs.report.upgrade_sheet import printed as upgrade_printed
from explorer.outputs.report.upgrade_sheet import upgrade_evidence
from explorer.shown import shown_name
from explorer.sla.calendars import Closure, holidays_version
from explorer.sla.compliance import compliance, in_period, priority_label
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
    window: str = ""  # the compliance figures' window: "Last 90 days (2026-09-08 – 2026-12-06)"
    marks: dict[str, list[CellMark]] = field(default_factory=dict)  # sheet -> cells coloured for their own finding
    uncounted: Uncounted | None = None  # the cases no figure counts (with a case log): the headline's and Actions' figure
    # error findings about the book's rows: not those about a case the uncounted figure counts (a blank priority)
    contract_errors: int = 0


UNHASHED = "not recorded: the file was moved or removed after it was read"


def sha256(path: str) -> str:
    """The file's SHA-256, or UNHASHED where it is gone (a sync client replaced it while a long export ran)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return UNHASHED


def _frame(sheet: str, rows: list[list[object]], catalog: Catalog) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=sheet_columns(catalog)[sheet])


class FindingsByRow:
    """The findings of each row of the book, worst first, told apart by the customer they are about: two tables side
    by side share their sheet rows, and a finding about one's record is not the other's. A finding of a row that
    names no customer is every record's on that row."""

    def __init__(self, findings: list[Finding]) -> None:
        self._of: dict[tuple[str, str, int | None, str], list[Finding]] = defaultdict(list)
        for f in sorted(findings, key=lambda f: -f.severity):
            for row in (f.source.row, *f.rows):  # a finding said once for many rows is each row's
                self._of[(f.source.file, f.source.sheet, row, customer_key(f.customer))].append(f)

    def of(self, source: Source, customer: str, product: str | None = None) -> list[Finding]:
        """``product``: a row listing several products is a contract each; a finding naming another is not this one's.
        A contact a contract row lists (``source.column`` set) has only the findings about its own column."""
        where = (source.file, source.sheet, source.row)
        own, anyone = self._of.get((*where, customer_key(customer)), []), self._of.get((*where, ""), [])
        found = sorted([*own, *anyone], key=lambda f: -f.severity) if own and anyone else own or anyone
        if product:
            found = [f for f in found if not f.product or f.product == product]
        return [f for f in found if f.column == source.column] if source.column else found


SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "amber"}  # Info notes are not coloured, as in the app
# The Contracts sheet's column for each contract field a finding can name (add-ons: their own column)
FIELD_COLUMNS = {
    "customer": "Customer",
    "product": "Product",
    "program": "Tier",
    "term_start": "Term Start",
    "term_end": "Term End",
    "time_zone": "Time Zone",
    "country": "Public Holidays",
    "subdivision": "Public Holidays",
}


def findings_cell(found: list[Finding]) -> str:
    """A row's findings in one cell, worst first, each led by its severity ("Warning: …; Info: …"), so the
    cell's colour (by its first word) is its worst finding's."""
    return "; ".join(dict.fromkeys(f"{f.severity.label}: {f.message}" for f in found))


def findings_count(found: list[Finding]) -> str:
    """A row's findings counted by severity, worst first ("1 error, 2 notes"): the Contracts sheet prints
    across pages, where a long cell would pad its row on every page; the Findings sheet has the words."""
    counts: dict[Severity, int] = {}
    for f in found:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    return ", ".join(f"{n} {words.get(s, s.label.lower())}{'s' if n != 1 else ''}" for s, n in counts.items())


@dataclass(frozen=True)
class CellMark:
    """A cell coloured for a finding about its value alone (the row's other cells are not in question)."""

    row: int  # 0-based data row
    column: str
    colour: str


def contract_marks(catalog: Catalog, rows: list[ContractSheet], by_row: FindingsByRow) -> list[CellMark]:
    """Per contract row, the cells its error and warning findings name (by the book's header), worst kept."""
    spec = catalog.tables.get("contracts")
    fields = {fold(a): f for f, aliases in (spec.fields.items() if spec else []) for a in (f, *aliases)}
    columns = {**FIELD_COLUMNS, **{aid: addon.column for aid, addon in catalog.addons.items()}}
    out: dict[tuple[int, str], str] = {}
    for i, row in enumerate(rows):
        c = row.contract
        for f in by_row.of(c.source, c.customer, c.product):
            column = columns.get(fields.get(fold(f.column), "") or _addon_read_from(catalog, c, f), "")
            if column and f.severity in SEVERITY_COLOURS:
                out.setdefault((i, column), SEVERITY_COLOURS[f.severity])
    return [CellMark(r, column, colour) for (r, column), colour in out.items()]


def _addon_read_from(catalog: Catalog, contract: Contract, finding: Finding) -> str:
    """The add-on a finding on the column it was read from (an Add-ons list) is about: the one of the add-ons read
    from that column whose short name the message names as a word ('... but 50% Dedicated MCSE allows 5'); "" where
    none or several is."""
    named = [
        aid
        for aid, header in contract.addon_columns.items()
        if header == finding.column
        and aid in catalog.addons
        and re.search(rf"\b{re.escape(catalog.addons[aid].short)}\b", finding.message)
    ]
    return named[0] if len(named) == 1 else ""


PRINTED_CASE_DAYS, PRINTED_CASES = 30, 200  # the Cases sheet holds every case; its print-out the latest few pages


def in_report_order(sheets: Iterable[CustomerSheet]) -> list[ContractSheet]:
    """Customer, then product, then term: the order every per-contract sheet uses."""
    return [row for sheet in sorted(sheets, key=lambda s: s.key) for row in sheet.by_product()]


def contract_rows(rows: list[ContractSheet], by_row: FindingsByRow, catalog: Catalog) -> list[list[object]]:
    out: list[list[object]] = []
    for row in rows:
        c = row.contract
        admin = row.administrative_days
        out.append(
            [
                c.customer.strip(),
                row.product_name,
                row.program_name,
                c.term_start,
                c.term_end,
                row.status_text,
                hours_cell(row),
                c.time_zone,
                row.holidays,
                *[_addon_cell(row.addon(aid), bool(addon.options)) for aid, addon in catalog.addons.items()],
                row.named_limit,
                row.named_count,
                float(admin) if admin is not None else None,
                findings_count(by_row.of(c.source, c.customer, c.product)),
            ]
        )
    return out


def hours_cell(row: ContractSheet) -> str:
    """The support hours in a table's few characters: each clock's short label, with its priorities where the
    program runs several ("P1 24x7x365; P2–P4 Mon–Fri 24h local"); the program's words where it has no targets."""
    return row.clocks(short=True) or row.support_hours


def _addon_cell(held: AddOnLine | None, has_options: bool) -> str:
    """The option bought for an add-on with options (blank if none), else Yes or No; "Not valid" for one that is a
    contract error (AddOnLine.valid), held as no purchase, as the Benefits tab and the sheet say it: in few words,
    the column staying narrow, the row's Findings saying which and why."""
    if held is not None and not held.valid:
        return NOT_VALID
    if has_options:
        return held.held.option.label if held is not None and held.held.option is not None else ""
    return "Yes" if held is not None else "No"


NOT_VALID = "Not valid"


CHECK_THE_BOOK = "Check the book: the contract row has errors (see Findings), so this date may be wrong."


def key_date_rows(sheets: list[CustomerSheet]) -> list[list[object]]:
    """Each customer's key dates as its sheet gives them (a mobilization renewals share, once)."""
    out: list[list[object]] = []
    for sheet in sheets:
        for line in sheet.dates:
            k = line.date
            product = line.product if line.contract.product or line.contract.product_text else ""  # as Contracts
            note = f"{CHECK_THE_BOOK} {line.note}".strip() if sheet.row_errors(line.contract) else line.note
            out.append([line.contract.customer.strip(), product, k.event, k.day, k.status_text, note])
        for u in sheet.unknown_dates:  # no day to give: after the dated ones, saying why
            product = u.product if u.contract.product or u.contract.product_text else ""
            out.append([u.contract.customer.strip(), product, u.event, None, u.status, u.note])
    out.sort(key=lambda r: (r[3] or date.max, customer_key(str(r[0])), str(r[1]).casefold()))
    return out


def target_rows(rows: list[ContractSheet]) -> list[list[object]]:
    return [
        [
            row.contract.customer.strip(),
            t.product,
            t.program,
            row.contract.term_start,
            row.contract.term_end,
            f"P{t.target.priority}",
            t.target.hours,
            t.target.calendar.short_label,
        ]
        for row in rows
        for t in row.targets
    ]


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
            shown_name(f.source.file),
            f.source.sheet,
            f.source.row,
            f.column,
        ]
        for f in ordered
    ]


def case_frame(catalog: Catalog, cases: pd.DataFrame) -> pd.DataFrame:
    """The Cases sheet (and the app's case table): newest first, minutes counted on each case's clock."""
    cases = cases.sort_values("opened", ascending=False, kind="stable")
    labels = {cid: cal.short_label for cid, cal in catalog.calendars.items()}  # the Summary words them in full
    words = {p: f"P{p:.0f}" for p in cases["priority"].dropna().unique()}  # a few priorities: not a call per case
    return pd.DataFrame(
        {
            "Case ID": cases["case_id"],
            "Customer": cases["customer"],
            "Product": cases["product"],
            "Priority": cases["priority"].map(words).fillna("").astype(str),
            "Opened (UTC)": cases["opened"],
            "Due (UTC)": cases["due"],
            "First Response (UTC)": cases["first_response"],
            "Clock": cases["clock"].astype(str).map(labels).fillna(""),
            RESPONSE_MINUTES: cases["business_minutes"].round(1),
            "Outcome": cases["outcome"],
        }
    ).reset_index(drop=True)


def clocks_in_use(catalog: Catalog, rows: list[ContractSheet]) -> list[tuple[str, str, str]]:
    """(label, in words, definition) of each clock the contracts' targets run on, in catalog order."""
    used = {t.target.calendar.id for row in rows for t in row.targets}
    return [(cal.short_label, cal.words, cal.describe()) for cid, cal in catalog.calendars.items() if cid in used]


def assumptions_for(catalog: Catalog, rows: list[ContractSheet], with_cases: bool) -> list[tuple[str, str]]:
    """Only the decisions behind these contracts' answers, then the report's own definitions."""
    decisions = {d.id for row in rows for d in row.assumptions}
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


@heap.paused()
def build_report(
    book: Book,
    catalog: Catalog,
    as_of: date,
    sla: SlaResult | None = None,
    customers: list[str] | None = None,
    cancel: CancelToken = NEVER,
    done: Done | None = None,
    period: Period = periods.ALL,
    marks: Marks | None = None,
) -> ReportData:
    """The report's sheets as of the end of ``as_of``; ``done`` holds the key dates marked done (rules.done_key),
    ``marks`` the user's marks with their notes (Workspace.marks: the Key Dates sheet's Note gives them, as the app);
    compliance counts the cases opened in ``period`` (each customer's own term for "this term").

    Every per-customer fact comes from the customers' CustomerSheets, built once here (book_sheets).
    """
    wanted = {customer_key(c) for c in customers or []}
    window = window_label(period, as_of)

    def chosen(name: str) -> bool:
        return not wanted or customer_key(name) in wanted

    all_findings = pipeline.collect(book, catalog, as_of, sla)
    findings = [f for f in all_findings if not wanted or (f.customer and chosen(f.customer))]
    covered = list(book_sheets(book, catalog, as_of, sla, wanted or None, all_findings, done, marks, cancel).values())
    rows = in_report_order(covered)
    by_row = FindingsByRow(findings)
    contacts = sorted(
        (c for c in book.contacts if chosen(c.customer)), key=lambda c: (customer_key(c.customer), c.name.casefold())
    )
    # who is over a limit or out of region is the sheet's answer (the terms in force), as in the app's tab
    flagged = {id(line.contact): line.note for sheet in covered for line in sheet.contacts if line.note}
    gaps = uncounted(sla, wanted or None) if sla is not None else None
    sheets_out = {
        "Actions": actions(catalog, covered, findings, as_of, sla, wanted or None, gaps),
        "Contracts": _frame("Contracts", contract_rows(rows, by_row, catalog), catalog),
        "Key Dates": _frame("Key Dates", key_date_rows(covered), catalog),
        "SLA Targets": _frame("SLA Targets", target_rows(rows), catalog),
        "Named Contacts": _frame(
            "Named Contacts",
            [
                [
                    c.customer.strip(),
                    # which product's contact: a row naming 'Okta, Auth0' lists each person once per product
                    catalog.products[c.product].name if c.product in catalog.products else "",
                    c.name,
                    c.email,
                    c.region,
                    "Yes" if c.named else "No",
                    f"Warning: {flagged[id(c)]}" if id(c) in flagged else findings_cell(by_row.of(c.source, c.customer)),
                    c.source.describe(file=False),
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
        cases = chosen_cases(sla.cases, wanted or None)
        counted, labels = cases_in_window(covered, cases, period, as_of)
        table = compliance(counted, ["customer", "product", "priority"])
        table["priority"] = table["priority"].map(priority_label)
        table["Window"] = table["customer"].astype(str).map(lambda c: labels.get(customer_key(c), window))
        sheets_out["Compliance"] = table.rename(columns={"customer": "Customer", "product": "Product", "priority": "Priority"})[
            SHEETS["Compliance"]
        ]
        notes["Compliance"] = window
        sheets_out["Upgrade Evidence"] = upgrade_evidence(book, catalog, as_of, sla, wanted or None)
        printed["Upgrade Evidence"], notes["Upgrade Evidence"] = upgrade_printed(sheets_out["Upgrade Evidence"])
        sheets_out["Cases"] = case_frame(catalog, cases)
        recent = len(in_period(cases, as_of - timedelta(days=PRINTED_CASE_DAYS - 1), as_of))
        printed["Cases"] = min(recent, PRINTED_CASES)
        if recent <= PRINTED_CASES:
            shown = f"the {recent:,} cases opened in the {PRINTED_CASE_DAYS} days to {as_of:%Y-%m-%d}"
        else:
            first = pd.Timestamp(sheets_out["Cases"]["Opened (UTC)"].iloc[PRINTED_CASES - 1])
            shown = f"the latest {PRINTED_CASES:,} cases, opened since {first:%Y-%m-%d}"
        notes["Cases"] = f"printed: {shown}; the sheet holds all {len(cases):,}"
        by_priority = compliance(counted, ["priority"])
        by_priority["priority"] = by_priority["priority"].map(priority_label)
    cancel.check()
    sheets_out["Findings"] = _frame("Findings", finding_rows(catalog, findings), catalog)
    counts = [
        ("Customers", len(covered)),
        ("Contracts", len(rows)),
        ("Named contacts", len(contacts)),
    ]
    if sla is not None:
        counts.append(("Cases", len(sheets_out["Cases"])))
    severities = pipeline.count(findings)
    counts += [(f"{s.label} findings", n) for s, n in severities.items()]
    sources = [(f, book.digests.get(f) or sha256(f)) for f in book.files + book.case_files]  # as read, not as now
    case_period, holiday_days = holidays_in_period(catalog, sla, cases if sla is not None else None)
    if case_period is not None:
        sheets_out["Holidays"] = _frame("Holidays", holiday_rows(holiday_days), catalog)
    return ReportData(
        as_of,
        clock.now(),
        catalog.version,
        sheets_out,
        sources,
        counts,
        by_priority,
        assumptions_for(catalog, rows, sla is not None) + holiday_assumptions(rows),
        (sorted((s.name for s in covered), key=str.casefold) if wanted else [])
        or sorted(customers or []),  # as the book writes them, not the keys
        severities,
        clocks_in_use(catalog, rows),
        catalog.settings.compliance_target,
        printed,
        notes,
        holidays_version(),
        holiday_days,
        case_period,
        window,
        {"Contracts": contract_marks(catalog, rows, by_row)},
        gaps,
        pipeline.count(
            [f for f in findings if (f.source.file, f.source.sheet, f.source.row) not in (gaps.rows if gaps else ())]
        ).get(Severity.ERROR, 0),
    )


def window_label(period: Period, as_of: date) -> str:
    """The report's compliance window in words; "this term" differs by customer, so it says whose."""
    if period.needs_term:
        return f"This term (each customer's term in force on {as_of:%Y-%m-%d}, or its last one)"
    return period.window(as_of).label


def cases_in_window(
    sheets: list[CustomerSheet], cases: pd.DataFrame, period: Period, as_of: date
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The cases compliance counts and, for "this term", each customer's own window label (by customer key)."""
    if not period.needs_term:
        return period.window(as_of).cases(cases), {}
    labels, parts = {}, []
    for sheet in sheets:
        window = sheet.window(period)
        labels[sheet.key] = window.label
        if sheet.cases is not None:
            parts.append(window.cases(sheet.cases))
    return (pd.concat(parts) if parts else cases.iloc[0:0]), labels


def holiday_assumptions(rows: list[ContractSheet]) -> list[tuple[str, str]]:
    """How the contracts' public holidays were chosen, and which keep a national calendar (business-hours clocks only)."""
    with_holidays = [row.contract for row in rows if any(keeps_holidays(t.target.calendar) for t in row.targets)]
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
    with_holidays = {cid for cid, cal in catalog.calendars.items() if keeps_holidays(cal)}
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
