"""What the main window shows, worked out without Qt: the window's view model.

The window keeps widgets and wiring; this module slices the session into what
they display (titles, the status line, which customers an export covers, the
workspace a user action opens), so it is tested headless and the window stays thin.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Sequence
from datetime import date

from explorer import __version__, clock, history
from explorer.app import findings as pipeline
from explorer.app import waiting
from explorer.app.session import Session
from explorer.app.sheet import CustomerSheet
from explorer.app.workspace import Workspace
from explorer.catalog import Catalog
from explorer.model import Contract, Severity
from explorer.shown import shown_name


class Scope(enum.Enum):
    """Which customers an export covers."""

    ALL = "all"
    FILTERED = "filtered"
    SELECTED = "selected"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def contract_count(contracts: Iterable[Contract]) -> tuple[int, int]:
    """(contracts, terms): a contract is a (customer, product), its book rows are its terms (domain.md §1, §8), so
    Basic 2025 then Premier 2026 of one customer's Okta is 1 contract of 2 terms, not 2 contracts."""
    rows = list(contracts)
    return len({c.key for c in rows}), len(rows)


def contracts_text(contracts: Iterable[Contract]) -> str:
    """'10 contracts (12 terms)', or '10 contracts' where each has one term: the one way the customer header, the
    status line and `explorer check` count them."""
    n, terms = contract_count(contracts)
    return plural(n, "contract") + (f" ({plural(terms, 'term')})" if terms != n else "")


def window_title(session: Session | None) -> str:
    if session is None:
        return "Entitlement Explorer"
    return f"{', '.join(shown_name(f) for f in session.files)} — Entitlement Explorer"


def customer_summary(sheet: CustomerSheet) -> str:
    """'1 contract (2 terms) · 1 warning · 4 notes' beside the customer's name (contracts_text): findings by
    severity, so the list's Findings column (errors and warnings) and this line never seem to disagree."""
    counts = pipeline.count(sheet.findings)
    found = [
        plural(counts[severity], word)
        for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note"))
        if counts.get(severity)
    ]
    return " · ".join([contracts_text(c.contract for c in sheet.contracts), *(found or ["no findings"])])


def tab_titles(sheet: CustomerSheet) -> dict[str, str]:
    """The per-customer tabs whose titles carry a count: what the tab's own header counts (the named contacts
    the indicator counts, "7 of 5" when over a limit), so a title and its tab never disagree."""
    # as the list's Findings column counts: what needs attention (errors, warnings); Info notes apart
    attention = sum(f.severity is not Severity.INFO for f in sheet.findings)
    notes = len(sheet.findings) - attention
    counted = [f"{attention}"] if attention else []
    counted += [f"{notes} note{'s' if notes != 1 else ''}"] if notes else []
    named = sum(line.contact.named for line in sheet.contacts)
    over = next((limit for limit in sheet.limits if limit.over), None)
    return {
        "Findings": f"Findings ({' + '.join(counted)})" if counted else "Findings",
        "Named Contacts": f"Named Contacts ({over.count} of {over.limit})" if over else f"Named Contacts ({named})",
    }


@dataclasses.dataclass(frozen=True)
class Reason:
    """Why the customer's row is coloured, in words, with the tab that shows it and the ink it is in."""

    text: str
    tab: str  # a customer tab: "Key Dates", "Named Contacts", "Findings", "Benefits"
    ink: str  # a palette ink: "error", "over_limit", "warning", "muted"


def colour_reasons(sheet: CustomerSheet) -> list[Reason]:
    """Every reason the customer list colours this customer's row, worst first (as the row's colour picks)."""
    reasons = []
    errors = sum(f.severity is Severity.ERROR for f in sheet.findings)
    if errors:
        reasons.append(Reason(plural(errors, "error finding"), "Findings", "error"))
    for line in sheet.dates:
        if line.overdue:
            event = line.date.event.removesuffix(" deadline")
            reasons.append(Reason(f"{event} overdue since {line.date.day:%Y-%m-%d}", "Key Dates", "error"))
    # P1/P2 cases with no first response, each an action in the report (waiting.unanswered): past due in red here,
    # those still inside their target in amber below
    late, inside = _unanswered(sheet)
    reasons += late
    for limit in sheet.limits:
        if limit.over:
            reasons.append(Reason(f"{limit.count} of {limit.limit} named contacts", "Named Contacts", "over_limit"))
    lapsed = sheet.state.lapsed
    if lapsed:
        reasons.append(Reason(f"Every term has ended ({sheet.state.label})", "Benefits", "muted"))
    elif sheet.state.status is history.Status.ENDED:
        reasons.append(Reason(f"Between terms: {sheet.state.label}", "Key Dates", "muted"))
    reasons += inside
    soon = [line for line in sheet.dates if line.due_soon]
    if soon and not lapsed:
        first = soon[0].date
        more = f" and {plural(len(soon) - 1, 'more date')}" if len(soon) > 1 else ""
        text = f"{first.event} on {first.day:%Y-%m-%d}{more} (within {sheet.catalog.settings.due_soon_days} days)"
        reasons.append(Reason(text, "Key Dates", "warning"))
    return reasons


def _unanswered(sheet: CustomerSheet) -> tuple[list[Reason], list[Reason]]:
    """The customer's P1/P2 cases with no first response, as reasons linking to the SLA tab, in the report's words:
    (past their due time, still inside their target), the first 3 of each (the list's counts say how many)."""
    cases = sheet.cases  # None without a case log (sheet.sla)
    if sheet.sla is None or cases is None or cases.empty:
        return [], []
    found = waiting.unanswered(cases, sheet.as_of, sheet.catalog.settings.recent_days)
    late = waiting.overdue(found)
    out: tuple[list[Reason], list[Reason]] = ([], [])
    for reasons, ink, part in ((out[0], "error", found[late]), (out[1], "warning", found[~late])):
        for case in part.head(3).to_dict("records"):
            since = waiting.waited(case["opened"], sheet.sla.as_of)  # as the report's Actions sheet says it
            text = f"P{int(case['priority'])} case {case['case_id']} unanswered for {since}, {waiting.standing(case)}"
            reasons.append(Reason(text, "SLA", ink))
    return out


def status_line(session: Session | None, shown: int, total: int) -> str:
    if session is None:
        return "Open a contract book to begin"
    parts = [f"{shown} of {plural(total, 'customer')}", contracts_text(session.book.contracts)]
    if session.sla is not None:
        parts.append(plural(len(session.sla.cases), "case"))
    parts.append(plural(session.error_count, "error"))
    parts.append(f"as of {session.as_of:%Y-%m-%d}")
    return " · ".join(parts)


def export_customers(session: Session | None, scope: Scope, visible: Iterable[str], selected: Iterable[str]) -> list[str] | None:
    """Customer names for an export of ``scope`` (None: all); ``visible`` and ``selected`` are customer keys."""
    if scope is Scope.ALL or session is None:
        return None
    frame = session.overview.customers
    names = dict(zip(frame["key"], frame["Customer"], strict=True))
    keys = list(visible) if scope is Scope.FILTERED else list(selected)
    return [names[k] for k in keys if k in names]


def files_workspace(session: Session | None, files: Sequence[str], add: bool, as_of: date) -> Workspace:
    """The workspace that opening (or adding) files makes: added files join the open ones; a new book keeps
    the user's marks; the as-of day is stored as "today" when it is today."""
    if add and session is not None:
        merged = list(dict.fromkeys([*session.workspace.files, *files]))
        return dataclasses.replace(session.workspace, files=merged)
    return Workspace(
        files=list(files),
        as_of=None if as_of == clock.today() else as_of,
        marks=session.workspace.marks if session is not None else {},
    )


def unread_note(session: Session) -> str:
    """'Not read: a.xlsx (see Findings)' for files nothing could be read from ("" when every file was read)."""
    failed = [shown_name(u.file) for u in session.book.unread if not u.sheet and not u.mappable]
    return f"Not read: {', '.join(failed)} (see Findings)" if failed else ""


def about_text(catalog: Catalog, log_file: str) -> str:
    return (
        f"Entitlement Explorer {__version__}\nCatalog {catalog.version}: {catalog.title}\n\n"
        "Okta and Auth0 support entitlements, key dates and SLA compliance from your contract "
        "spreadsheets. Runs fully offline; nothing is sent anywhere.\n\n"
        f"Log file: {log_file}"
    )
