"""Contracts over time: which row of a contract's history is in force on a day.

Rows with the same (customer, product) are one contract's history (renewals,
upgrades, downgrades). The row in force on a day is the one whose term contains
that day; two rows are duplicates only when their terms overlap. A row whose term
start or end is missing or unreadable (an error finding) contains no day: it is
never in force. Only an open end (an export's 9999-12-31) is read as "never ends".
No Qt, no I/O.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from explorer.catalog import Catalog
from explorer.model import Contract, Finding, Severity

FIRST_DAY, LAST_DAY = date.min, date.max


class Status(enum.StrEnum):
    IN_FORCE = "In force"
    ENDED = "Ended"
    NOT_STARTED = "Not started"
    DATES_INVALID = "Dates invalid"  # the term ends before it starts: it runs on no day
    DATES_MISSING = "Dates missing"  # its term start or end is missing or unreadable: it runs on no day
    NEVER_RAN = "Never ran"  # the book's status says so (Lost, Void...): listed, it runs on no day
    SUPERSEDED = "Superseded"  # its term runs, but an overlapping row of the product that starts later is in force


CUSTOMER_STATUSES = (
    Status.IN_FORCE,
    Status.NOT_STARTED,
    Status.ENDED,
    Status.DATES_INVALID,
    Status.DATES_MISSING,
    Status.NEVER_RAN,
)
UNDATED = (Status.DATES_MISSING, Status.DATES_INVALID, Status.NEVER_RAN)  # rows that run on no day: findings say why


def first_day(contract: Contract) -> date:
    return contract.term_start or FIRST_DAY


def last_day(contract: Contract) -> date:
    """The last day the term runs: its end, or the day the book's status says it ended early."""
    return contract.runs_until or LAST_DAY


def status(contract: Contract, day: date) -> Status:
    if contract.dates_missing:
        return Status.DATES_MISSING  # never "In force": a term with no readable dates contains no day
    if contract.never_ran:
        return Status.NEVER_RAN
    if contract.term_start and contract.term_end and contract.term_end < contract.term_start:
        return Status.DATES_INVALID  # not "ended" on its end date: it never began (its error finding says so)
    if day < first_day(contract):
        return Status.NOT_STARTED
    if day > last_day(contract):
        return Status.ENDED
    return Status.IN_FORCE


def statuses(contracts: Sequence[Contract], day: date) -> list[Status]:
    """Each row's status on ``day`` among the customer's rows: a row whose term runs is Superseded where an
    overlapping row of the same product that starts later is in force (domain.md §8: the later one is)."""
    running = {id(row) for row in rows_in_force(contracts, day)}
    out = []
    for c in contracts:
        own = status(c, day)
        out.append(Status.SUPERSEDED if own is Status.IN_FORCE and id(c) not in running else own)
    return out


def by_start(contracts: Iterable[Contract]) -> list[Contract]:
    return sorted(contracts, key=first_day)


def in_force(contracts: Iterable[Contract], day: date) -> Contract | None:
    """The row in force on ``day``; where overlapping rows both run, the later-starting one, and of two starting
    the same day the later in the book (a corrected row below its original), as the SLA engine matches cases."""
    running = [c for c in contracts if status(c, day) is Status.IN_FORCE]
    return max(reversed(running), key=first_day, default=None)  # max keeps the first of equals: the book's last


def rows_in_force(contracts: Iterable[Contract], day: date) -> list[Contract]:
    """Per product (in the book's order), the row in force on ``day``: the terms whose limits, region,
    benefits and add-ons count that day. A product with no term running gives none."""
    by_product: dict[tuple[str, str], list[Contract]] = {}
    for c in contracts:
        by_product.setdefault(c.key, []).append(c)
    return [row for rows in by_product.values() if (row := in_force(rows, day)) is not None]


def current(contracts: Sequence[Contract], day: date) -> Contract | None:
    """The row to show for ``day``: in force, else the last one ended, else the next one to start."""
    found = in_force(contracts, day)
    if found is not None:
        return found
    ended = [c for c in contracts if status(c, day) is Status.ENDED]
    if ended:
        return max(ended, key=last_day)
    return min(contracts, key=first_day, default=None)


def follows(earlier: Contract, later: Contract) -> bool:
    """``later`` starts the day after ``earlier`` ends (or overlaps it): no gap of a day or more between them."""
    end = earlier.runs_until
    if end is None or later.term_start is None or later.term_start < first_day(earlier):
        return False
    return later.term_start <= end + timedelta(days=1)


def same_term(a: Contract, b: Contract) -> bool:
    """``b`` says the term ``a`` says: the same contract (customer, product) with dated terms and every field the
    rules read equal -- a term kept on two fiscal-year sheets, or on a master sheet and an owner's copy of it. A
    region one of them leaves out differs from none (a quarter's view copied from region sheets whose name gives it)."""
    regions = {" ".join(c.region.split()).casefold() for c in (a, b)} - {""}
    return (
        a.key == b.key
        and a.term_start is not None
        and a.term_end is not None
        and len(regions) <= 1
        and _term_fields(a) == _term_fields(b)
    )


def _term_fields(c: Contract) -> tuple[object, ...]:
    return (
        # a tier the catalog does not read is compared as written, in its product cell too (a line item's name)
        c.program or (" ".join(c.program_text.split()).casefold(), " ".join(c.product_text.split()).casefold()),
        c.term_start,
        c.term_end,
        c.initial_term_start,
        c.initial_rejected,
        tuple(sorted(c.addons.items(), key=lambda kv: kv[0])),
        tuple(sorted(c.addon_starts.items())),  # an add-on bought mid-term starts on its own day
        c.country,
        c.time_zone,
        c.subdivision,
        c.ended_on,
        # a row whose tier is not read may name what it sells in a kept column ('Dedicated CSE Add-On'): compared too
        () if c.program else tuple(sorted((k, " ".join(v.split()).casefold()) for k, v in c.extra.items())),
    )


def changes_mid_term(earlier: Contract, later: Contract) -> bool:
    """``later`` holds ``earlier``'s program and starts after it does and before it ends: it changes that term (an
    add-on bought and co-termed), it does not renew it."""
    return (
        later.program is not None
        and later.program == earlier.program
        and later.term_start is not None
        and first_day(earlier) < later.term_start <= last_day(earlier)
    )


def renews(earlier: Contract, later: Contract) -> bool:
    """``later`` is a next term of ``earlier``: it follows it and runs on after it ends (a row starting the same
    day and ending no later is a copy or a correction of the term, not its renewal)."""
    return follows(earlier, later) and last_day(later) > last_day(earlier)


def with_runs(contracts: Sequence[Contract]) -> list[Contract]:
    """The rows (same order) with what their history says (domain.md §5, §8): each add-on's ``addon_since``, the
    start of the unbroken run of terms of the same contract that held it (a row's own Initial Term Start where
    it gives one), so a renewal that keeps its CSE or MCSE starts no new mobilization; and ``renewed_addons``,
    the add-ons the next term keeps (``renewed``: the book holds a next term at all; rules.renewal_settles judges
    the renewal-request deadline from both); and ``mid_term``, a row that
    starts inside an earlier one of the same program (an add-on bought and co-termed), which begins no new term."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(contracts):
        if c.term_start is not None and not c.dates_missing and not c.never_ran:  # runs on no day: renews nothing
            by_key.setdefault(c.key, []).append(i)
    since: dict[int, dict[str, date]] = {}
    renewed: dict[int, frozenset[str]] = {}
    followed: set[int] = set()
    mid_term: set[int] = set()
    for rows in by_key.values():
        rows.sort(key=lambda i: first_day(contracts[i]))
        for n, i in enumerate(rows):
            row, start = contracts[i], contracts[i].term_start
            assert start is not None
            before = [j for j in rows[:n] if follows(contracts[j], row)]
            if any(changes_mid_term(contracts[j], row) for j in before):
                mid_term.add(i)
            own: dict[str, date] = {}
            for addon in row.addons:
                if addon in row.addon_starts:  # bought mid-term on a line of its own: its subscription starts then
                    own[addon] = row.addon_starts[addon]
                    continue
                said = [addon in (contracts[j].addons_recordable or ()) for j in before]
                shown = run_shown(since, before, addon, start, said)
                given = row.initial_term_start
                # a row's Initial Term Start (a 'Customer Since') counts, but never from before the book shows the
                # add-on's run began: a term the book holds without it, where its table could say it, says it was
                # bought later (README, Decision "An add-on bought at a later term")
                own[addon] = (max(given, shown) if shown else given) if given is not None else (shown or start)
            since[i] = own
            after = [j for j in rows[n + 1 :] if renews(row, contracts[j])]
            renewed[i] = frozenset(a for j in after for a in contracts[j].addons if a in row.addons)
            if after:
                followed.add(i)
    return [
        dataclasses.replace(
            c,
            addon_since=since.get(i, {}),
            renewed_addons=renewed.get(i, frozenset()),
            renewed=i in followed,
            mid_term=i in mid_term,
        )
        if since.get(i) or i in followed or i in mid_term
        else c
        for i, c in enumerate(contracts)
    ]


def run_shown(
    since: dict[int, dict[str, date]], before: Sequence[int], addon: str, start: date, said: Sequence[bool] = ()
) -> date | None:
    """Where the book shows the add-on's unbroken run began, for a row starting ``start`` that follows the rows
    ``before`` (``since``: their add-ons' run starts): the run of the latest one holding it; ``start`` where the
    rows it follows hold none of it and one of them could have said it (``said``, one per row of ``before``:
    its table records the add-on, Contract.addons_recordable), so it was bought at this term; None where it follows
    no row, or none that could say it (an older sheet with no column for it shows nothing of the add-on)."""
    held = [since[j][addon] for j in before if addon in since.get(j, {})]
    if held:
        return held[-1]
    return start if any(said) else None


def lost_but_renewed(contracts: Sequence[Contract]) -> list[Finding]:
    """A warning per row whose Renewal Status says the renewal was lost (Contract.renewal_lost) while the book holds
    the renewal (with_runs): the book's next row is read, so its deadline is Renewed, not Not renewing; the two
    statements of one fact are named side by side."""
    out = []
    for row in contracts:
        if not row.renewal_lost or row.not_renewing:
            continue
        after = [c for c in contracts if c is not row and c.key == row.key and renews(row, c)]
        if not after:
            continue
        nxt = min(after, key=first_day)
        where = nxt.source.seen_from(row.source)
        out.append(
            Finding(
                Severity.WARNING,
                f"{row.renewal_lost} says the renewal was lost, but the book holds it ({where}, from "
                f"{first_day(nxt):%Y-%m-%d}): the book's next term is read, so this term's add-on renewal request is "
                "settled by it. Correct whichever is wrong.",
                row.source,
                row.renewal_lost.split(" '")[0],
                row.customer,
                row.product or "",
            )
        )
    return out


def bought_after_initial(contracts: Sequence[Contract], catalog: Catalog) -> list[Finding]:
    """An info per row whose Initial Term Start (a 'Customer Since') is earlier than its add-on's run as the book
    shows it (with_runs): the term it follows holds none of the add-on, so it was bought with this term and its
    mobilization counts from this term's start, not from the customer's first (domain.md §5)."""
    out = []
    for row in contracts:
        given, start = row.initial_term_start, row.term_start
        if given is None or start is None or given >= start:
            continue
        fresh = [a for a, day in row.addon_since.items() if day == start and a not in row.addon_starts and a in catalog.addons]
        before = [c for c in contracts if c is not row and c.key == row.key and not c.never_ran and follows(c, row)]
        if not fresh or not before:
            continue
        names = " and ".join(catalog.addons[a].short for a in fresh)
        prior = max(before, key=first_day).source
        out.append(
            Finding(
                Severity.INFO,
                f"{row.initial_column or 'Initial Term Start'} {given:%Y-%m-%d} is earlier than the first term in the book "
                f"that holds the {names} "
                f"(this one, from {start:%Y-%m-%d}; the term before it, {prior.seen_from(row.source)}, "
                f"holds none): the {names} was bought with this term, so its mobilization counts from {start:%Y-%m-%d}.",
                row.source,
                row.initial_column or "Initial Term Start",
                row.customer,
                row.product or "",
            )
        )
    return out


def overlaps(a: Contract, b: Contract) -> bool:
    return first_day(a) <= last_day(b) and first_day(b) <= last_day(a)


@dataclass(frozen=True)
class CustomerState:
    """A customer on a day: in force when any product's term runs; ended on ``ended`` when none does."""

    status: Status
    ended: date | None = None  # the last term end, for an ended customer
    resumes: date | None = None  # for an ended customer, the start of a term the book has ahead (a renewal after a gap)

    @property
    def lapsed(self) -> bool:
        """Ended, with no term ahead in the book: the list greys it and shows nothing ahead."""
        return self.status is Status.ENDED and self.resumes is None

    @property
    def label(self) -> str:
        if self.status is Status.ENDED and self.ended is not None:
            ahead = f"; next term from {self.resumes:%Y-%m-%d}" if self.resumes else ""
            return f"Ended {self.ended:%Y-%m-%d}{ahead}"
        return self.status.value


def customer_state(contracts: Sequence[Contract], day: date) -> CustomerState:
    seen = {status(c, day) for c in contracts}
    if Status.IN_FORCE in seen or not contracts:
        return CustomerState(Status.IN_FORCE)
    if Status.ENDED in seen:
        ends = [last_day(c) for c in contracts if status(c, day) is Status.ENDED]
        ahead = [first_day(c) for c in contracts if status(c, day) is Status.NOT_STARTED]
        return CustomerState(Status.ENDED, max(ends), min(ahead, default=None))
    if Status.NOT_STARTED in seen:
        return CustomerState(Status.NOT_STARTED)
    return CustomerState(next(s for s in UNDATED if s in seen))  # no term of the customer can be placed in time


def history_line(catalog: Catalog, contracts: Sequence[Contract], day: date) -> str:
    """'Premier from 2026-07-01; Basic 2025-07-01 – 2026-06-30': the row in force first, then the others newest first
    (``contracts``: one product's rows)."""
    shown = in_force(contracts, day)
    parts = []
    if shown is not None:
        parts.append(f"{_program(catalog, shown)} from {_day(shown.term_start)}")
    said = {
        Status.NOT_STARTED: " (not started)",
        Status.DATES_INVALID: " (dates invalid)",
        Status.DATES_MISSING: " (dates missing)",
        Status.NEVER_RAN: " (never ran)",
        Status.SUPERSEDED: " (superseded)",
    }
    of = {id(c): s for c, s in zip(contracts, statuses(contracts, day), strict=True)}
    for c in sorted((c for c in contracts if c is not shown), key=first_day, reverse=True):
        early = f" (ended {c.ended_on:%Y-%m-%d})" if c.ended_on and not c.never_ran and of[id(c)] is Status.ENDED else ""
        parts.append(f"{_program(catalog, c)} {_day(c.term_start)} – {_day(c.term_end)}" + said.get(of[id(c)], early))
    return "; ".join(parts)


def _program(catalog: Catalog, contract: Contract) -> str:
    program = catalog.programs.get(contract.program or "")
    return program.name if program else (contract.program_text or "no tier")


def _day(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "?"


def ended_in_review(term: Contract, began: date | None) -> bool:
    """Whether a product's last ended term is in review (domain §10: "the last ended one for a lapsed customer"):
    where the customer has no term in force (``began`` None: upgrade.term_began's), or it ran into the term in force (a
    product not renewed beside one that runs). One that ended before that term began is out of review: nothing
    is argued about it, in the brief, the report's Upgrade Evidence or whatif; its cases since are a lapse."""
    return began is None or (term.runs_until is not None and term.runs_until >= began)
