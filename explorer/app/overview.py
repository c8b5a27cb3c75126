"""Book-wide tables the desktop app shows, computed once per load or as-of change (Qt-free).

The GUI's models are thin adapters over these frames: one row per customer for
the list, one row per key date for Upcoming and Timeline, and per-customer row
indices into the SLA result so switching customers never scans the case log.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from explorer import history, rules
from explorer.app import findings as pipeline
from explorer.app import waiting
from explorer.app.search import SearchIndex, build_index
from explorer.app.tones import DATE_TONES
from explorer.catalog import Catalog
from explorer.model import Book, Contract, Finding, Severity, customer_key
from explorer.sla.engine import SlaResult

CUSTOMER_COLUMNS = [
    "Customer",
    "Products",
    "Programs",
    "Highest Program",
    "Next Key Date",
    "Next Event",
    "Term End",
    "Findings",
    "Status",
]


@dataclass
class Overview:
    as_of: date
    # CUSTOMER_COLUMNS plus key, rank, errors, info, program list, due_soon, overdue, unanswered, inside_target, ended,
    # over_limit
    customers: pd.DataFrame
    key_dates: pd.DataFrame  # customer, key, product, event, date, status, note, contract, role, addon, overdue
    case_rows: dict[str, np.ndarray] = field(default_factory=dict)  # customer key -> rows of sla.cases
    sla: SlaResult | None = None
    contracts_by_key: dict[str, list[int]] = field(default_factory=dict)  # customer key -> contract indices
    findings_by_key: dict[str, list[Finding]] = field(default_factory=dict)  # book and case findings
    due_soon_days: int = 30  # the catalog's "due soon" window, named wherever due soon is shown
    search: SearchIndex | None = None  # the filter box's index: names, contacts, emails, case IDs, extra columns


def build_overview(
    book: Book,
    catalog: Catalog,
    as_of: date,
    sla: SlaResult | None = None,
    findings: list[Finding] | None = None,
    done: Mapping[rules.DoneKey, date | None] | None = None,
) -> Overview:
    """``findings`` are the pipeline's (explorer.app.findings.collect); collected here when not given.
    ``done`` holds the key dates the user marked done (Workspace.done_marks)."""
    found = pipeline.collect(book, catalog, as_of, sla) if findings is None else findings
    key_dates = pd.DataFrame(_date_rows(book, catalog, as_of, range(len(book.contracts)), done), columns=KEY_DATE_COLUMNS)
    findings_by_key = pipeline.by_customer(found, book.contracts)
    # "Findings" counts what needs attention (errors and warnings); Info notes are counted apart
    finding_counts = {key: sum(f.severity is not Severity.INFO for f in items) for key, items in findings_by_key.items()}
    info_counts = {key: sum(f.severity is Severity.INFO for f in items) for key, items in findings_by_key.items()}
    # the book's own errors (a contract to correct), each once as the Findings tab lists it
    own = {f for f in book.findings if f.severity is Severity.ERROR}
    errors = Counter({key: n for key, items in findings_by_key.items() if (n := sum(f in own for f in items))})
    next_by_key, soon, late = _date_facts(key_dates)
    # P1/P2 cases with no first response (app.waiting.unanswered, the report's Actions): past their due time, and
    # still inside their target (pending or at risk)
    unanswered: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    if sla is not None and not sla.cases.empty:
        cases = waiting.unanswered(sla.cases, as_of, catalog.settings.recent_days)
        keys, past = cases["customer"].astype(str).map(customer_key), waiting.overdue(cases)
        unanswered, inside = Counter(keys[past]), Counter(keys[~past])

    by_key: dict[str, list[Contract]] = {}
    for contract in book.contracts:
        by_key.setdefault(customer_key(contract.customer), []).append(contract)
    contacts_by_key = book.contacts_by_customer()  # indexed once, not scanned per customer
    table = []
    for key, contracts in by_key.items():
        shown = _current_rows(contracts, as_of)  # per product, the term in force (else the last or next one)
        best = rules.highest_program(catalog, shown)
        products = [rules.product_name(catalog, c) for c in shown]
        ends = [c.term_end for c in shown if c.term_end]
        state = history.customer_state(contracts, as_of)
        ended = state.lapsed  # ended with nothing ahead: a renewal after a gap keeps its next date
        nxt = next_by_key.get(key) if not ended else None
        in_force = history.rows_in_force(contracts, as_of)
        # the programs in force (README), not an ended product's beside them; where none is, those the status names
        programs = list(dict.fromkeys(_program_label(catalog, c) for c in in_force or shown))
        contacts = contacts_by_key.get(key, [])
        over = any(limit.over for c in in_force for limit in rules.contact_limits(catalog, c, contacts))
        table.append(
            {
                "Customer": contracts[0].customer.strip(),
                "key": key,
                "Products": ", ".join(dict.fromkeys(products)),
                "Programs": " · ".join(p for p in programs if p),
                "program list": [p for p in programs if p],
                "info": info_counts.get(key, 0),
                "over_limit": over,
                "Highest Program": best.name if best else "",
                "rank": best.rank if best else 0,
                "Next Key Date": nxt[0] if nxt is not None else None,
                "Next Event": nxt[1] if nxt is not None else "",
                "Term End": max(ends) if ends else None,
                "Findings": finding_counts.get(key, 0),
                "Status": state.label,
                "errors": errors.get(key, 0),
                "due_soon": key in soon,
                "overdue": key in late,
                "unanswered": unanswered.get(key, 0),
                "inside_target": inside.get(key, 0),
                "ended": ended,
            }
        )
    frame = pd.DataFrame(
        table,
        columns=[
            *CUSTOMER_COLUMNS,
            "key",
            "rank",
            "errors",
            "info",
            "program list",
            "due_soon",
            "overdue",
            "unanswered",
            "inside_target",
            "ended",
            "over_limit",
        ],
    )
    for column in ("Next Key Date", "Term End"):
        _date_text(frame, column)
    case_rows: dict[str, np.ndarray] = {}
    if sla is not None and not sla.cases.empty:
        keys = sla.cases["customer"].astype(str).map(customer_key)
        case_rows = {str(k): np.asarray(v) for k, v in keys.groupby(keys, sort=False).indices.items()}
    contracts_by_key: dict[str, list[int]] = {}
    for index, contract in enumerate(book.contracts):  # indices, for the views that address contracts by number
        contracts_by_key.setdefault(customer_key(contract.customer), []).append(index)
    return Overview(
        as_of,
        frame,
        key_dates,
        case_rows,
        sla,
        contracts_by_key,
        findings_by_key,
        catalog.settings.due_soon_days,
        build_index(book, frame, sla),
    )


KEY_DATE_COLUMNS = [
    "customer",
    "key",
    "product",
    "event",
    "date",
    "status",
    "note",
    "contract",
    "role",
    "addon",
    "overdue",
    "tone",
]


def _date_rows(
    book: Book, catalog: Catalog, as_of: date, indices: Iterable[int], done: Mapping[rules.DoneKey, date | None] | None
) -> list[tuple[object, ...]]:
    """KEY_DATE_COLUMNS rows of the contracts at ``indices``, judged on ``as_of`` with the user's done-marks."""
    rows: list[tuple[object, ...]] = []
    indices = list(indices)
    superseded = _superseded(book.contracts, indices, as_of)
    dated = [
        (index, k)
        for index in indices
        for k in rules.key_dates(catalog, book.contracts[index], as_of, done=done, superseded=index in superseded)
    ]
    repeated = rules.repeated_mobilizations([(book.contracts[index], k) for index, k in dated])  # as the sheet
    for position, (index, k) in enumerate(dated):
        if position in repeated:
            continue
        contract = book.contracts[index]
        product = rules.product_name(catalog, contract)
        rows.append(
            (
                contract.customer.strip(),
                customer_key(contract.customer),
                product,
                k.event,
                k.day,
                k.status_text,
                k.note,
                index,
                k.role,
                k.addon,
                k.status is rules.DateStatus.OVERDUE,
                DATE_TONES[k.status],
            )
        )
    return rows


def _superseded(contracts: list[Contract], indices: list[int], as_of: date) -> set[int]:
    """Which of the rows at ``indices`` an overlapping upgrade supersedes on ``as_of``, judged among their customer's
    rows as the customer's sheet judges them (history.statuses)."""
    by_key: dict[str, list[int]] = {}
    for i in indices:
        by_key.setdefault(customer_key(contracts[i].customer), []).append(i)
    out: set[int] = set()
    for rows in by_key.values():
        if len(rows) > 1:  # one row supersedes nothing
            statuses = history.statuses([contracts[i] for i in rows], as_of)
            out.update(i for i, s in zip(rows, statuses, strict=True) if s is history.Status.SUPERSEDED)
    return out


def _date_facts(key_dates: pd.DataFrame) -> tuple[dict[str, tuple[date, str]], set[str], set[str]]:
    """Per customer key: its next date still ahead (or overdue), and which keys have a date due soon or overdue."""
    ahead = key_dates[
        key_dates["status"].isin(
            [rules.DateStatus.OVERDUE.value, rules.DateStatus.DUE_SOON.value, rules.DateStatus.UPCOMING.value]
        )
    ]
    first = ahead.sort_values("date", kind="stable").drop_duplicates("key")
    next_by_key = dict(zip(first["key"], zip(first["date"], first["event"], strict=True), strict=True))
    soon = set(key_dates.loc[key_dates["status"] == rules.DateStatus.DUE_SOON.value, "key"])
    late = set(key_dates.loc[key_dates["overdue"].astype(bool), "key"])
    return next_by_key, soon, late


def _date_text(frame: pd.DataFrame, column: str) -> None:
    """A date column's display text and sort key, made here, off the GUI thread."""
    days = pd.to_datetime(frame[column], errors="coerce").to_numpy(dtype="datetime64[D]")
    frame[f"{column} text"] = np.where(np.isnat(days), "", np.datetime_as_string(days, unit="D").astype(str))
    frame[f"{column} key"] = np.where(np.isnat(days), np.inf, days.astype(np.int64).astype("float64"))
    if column == "Next Key Date":
        frame.loc[frame["ended"].astype(bool), "Next Key Date text"] = "ended"  # a lapsed customer has nothing ahead


def remark(overview: Overview, book: Book, catalog: Catalog, key: str, done: Mapping[rules.DoneKey, date | None]) -> Overview:
    """The overview with one customer's key dates judged again after a done-mark changed; every other row is
    kept as it was (a tick re-judges one customer, not the book). A mark changes statuses, never the dates.

    The tables are copied shallowly (copy-on-write) and only the customer's cells are set, column by column:
    at 10,000 contracts a tick costs a few milliseconds, not a copy and a masked set of the whole book."""
    key_dates = overview.key_dates.copy(deep=False)
    mine = np.flatnonzero(key_dates["key"].to_numpy() == key)
    fresh = _date_rows(book, catalog, overview.as_of, overview.contracts_by_key.get(key, []), done)
    if len(fresh) != len(mine):  # not one of this overview's customers: nothing of its own to judge again
        return dataclasses.replace(overview, key_dates=key_dates)
    for j, (name, values) in enumerate(zip(KEY_DATE_COLUMNS, zip(*fresh, strict=True), strict=True)):
        if list(key_dates[name].iloc[mine]) != list(values):  # statuses, notes, tones: the rest stays shared
            key_dates.isetitem(j, _with(key_dates[name], mine, list(values)))
    customers = overview.customers.copy(deep=False)
    row = np.flatnonzero(customers["key"].to_numpy() == key)
    next_by_key, soon, late = _date_facts(key_dates.iloc[mine])
    state = history.customer_state([book.contracts[i] for i in overview.contracts_by_key.get(key, [])], overview.as_of)
    ended = state.lapsed
    nxt = next_by_key.get(key) if not ended else None
    one = customers.iloc[row].copy()
    one["Next Key Date"] = [nxt[0] if nxt is not None else None] * len(one)
    one["Next Event"] = nxt[1] if nxt is not None else ""
    one["due_soon"] = key in soon
    one["overdue"] = key in late
    _date_text(one, "Next Key Date")
    for name in ("Next Key Date", "Next Event", "due_soon", "overdue", "Next Key Date text", "Next Key Date key"):
        customers[name] = _with(customers[name], row, one[name].tolist())
    return dataclasses.replace(overview, customers=customers, key_dates=key_dates)


def _with(column: pd.Series, rows: np.ndarray, values: list[object]) -> ExtensionArray:
    """A copy of ``column``'s values with ``values`` at positions ``rows``, in the column's own dtype."""
    array: ExtensionArray = column.array.copy()
    array[rows] = values
    return array


def _program_label(catalog: Catalog, contract: Contract) -> str:
    """'Okta Premier Plus': the program with its product, so Okta's and Auth0's Premier are told apart."""
    program = rules.program_of(catalog, contract)
    product = rules.product_name(catalog, contract)
    if program is None:
        return f"{product} {contract.program_text}".strip()
    return program.name if program.name.startswith(product) else f"{product} {program.name}"


def upcoming(overview: Overview, days: int) -> pd.DataFrame:
    """Overdue action deadlines first (oldest first), then key dates from the as-of date to ``days`` ahead."""
    frame = overview.key_dates
    dates = pd.to_datetime(frame["date"])
    start = pd.Timestamp(overview.as_of)
    overdue = frame["overdue"].astype(bool)
    mask = (dates >= start) & (dates <= start + pd.Timedelta(days=days)) | overdue
    return (
        frame[mask]
        .assign(_late=~overdue[mask])
        .sort_values(["_late", "date", "customer"], kind="stable")
        .drop(columns="_late")
        .reset_index(drop=True)
    )


def _current_rows(contracts: list[Contract], as_of: date) -> list[Contract]:
    by_product: dict[tuple[str, str], list[Contract]] = {}
    for c in contracts:
        by_product.setdefault(c.key, []).append(c)
    return [row for rows in by_product.values() if (row := history.current(rows, as_of)) is not None]
