"""Upgrade evidence: a term's real cases judged again against another program's promise (Qt-free).

The cases keep their real opening and first-response times; only the targets and the
clock change, and the same engine (explorer.sla.engine.evaluate) judges them at the same
as-of moment as every other verdict. The question is what the other program *promises*,
not how support would have behaved under it (domain §10).

The term in review is the term in force on the as-of day, else the last one ended (a
lapsed customer, or a product not renewed that ran into the term in force: history.ended_in_review);
its cases are those the engine judged under that term. Only programs
of the term's own product are compared. Everything is vectorised: the whole book is
judged once as it is and once per distinct promise a contract is compared with (Premier,
Premier Access and Premier Plus promise the same, so a Basic customer costs one run).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

import numpy as np
import pandas as pd

from explorer import history, rules
from explorer.catalog import Calendar, Catalog, Program
from explorer.durations import duration
from explorer.model import Book, Contract, customer_key
from explorer.sla import engine
from explorer.sla.calendars import NO_TIME
from explorer.sla.engine import Outcome, SlaResult, evaluate
from explorer.sla.engine import _seconds as engine_seconds  # the engine's own UTC-seconds reading
from explorer.sla.matching import match_cases

NOTHING_TO_COMPARE = "no cases in the term: nothing to compare"
DECIDED = tuple(o.value for o in engine.DECIDED)  # the engine's one definition, as the result column holds it
COUNTED = tuple(o.value for o in (Outcome.MET, Outcome.BREACHED, Outcome.PENDING, Outcome.AT_RISK))


class Direction(enum.StrEnum):
    UPGRADE = "Upgrade"
    DOWNGRADE = "Downgrade"


@dataclass(frozen=True)
class Promise:
    """A program's first-response target for one priority, and the clock it runs on."""

    program: Program
    minutes: int
    clock: Calendar

    def words(self) -> str:
        """'within 1 h around the clock', 'within 4 h on its business-hours clock'."""
        if self.clock.always_open:
            return f"within {duration(self.minutes)} around the clock"
        return f"within {duration(self.minutes)} ({self.clock.label})"

    def clock_name(self, whose: str) -> str:
        """ "Basic's business-hours clock", from the catalog's short name for the clock (else its label)."""
        return f"{whose}'s {self.clock.spoken or self.clock.label} clock"


@dataclass(frozen=True)
class PriorityEvidence:
    """One priority of a term's cases, judged under the program held and under the other one."""

    priority: int
    cases: int  # counted under the program held (met, breached, pending, at risk)
    met_now: int
    late_now: int
    within_other: int  # met under the other program's promise
    late_other: int  # breached under the other program's promise
    now: Promise
    other: Promise
    median_now: float | None  # minutes to first response on the held program's clock (answered cases)
    p90_now: float | None
    median_other: float | None  # the same responses on the other program's clock
    p90_other: float | None
    late_cases: tuple[str, ...]  # case IDs the other program would have breached, earliest first

    @property
    def changed(self) -> int:
        """Cases whose verdict the other promise turns: met now and late under it (or the reverse)."""
        return abs(self.late_other - self.late_now)

    def sentence(self, product: str) -> str:
        """The evidence in one sentence, as said in the renewal meeting."""
        p = f"P{self.priority}"
        head = f"Under {self.other.program.name}, {product} {p} cases are due {self.other.words()}"
        if not self.cases:
            return f"{head}; no {p} cases in the term."
        on_now = f"on {self.now.clock_name(self.now.program.name)}"
        if self.met_now == self.cases:
            on_now += " all were on time" if self.cases > 1 else " it was on time"
        elif self.cases == 1:  # not "0 were on time" about a single case; a case not yet due is not late
            on_now += " it was late" if self.late_now else " it is not due yet"
        else:
            on_now += f" {self.met_now} {'was' if self.met_now == 1 else 'were'} on time"
            if waiting := self.cases - self.met_now - self.late_now:
                on_now += f", {waiting} not due yet"
        which = f"this customer's only {p} case" if self.cases == 1 else f"this customer's {self.cases} {p} cases"
        if self.cases == 1:
            median = f"{duration(self.median_other)}, " if self.median_other is not None else ""
            verdict = "waited longer than that" if self.late_other else "was within it"
            return f"{head}; {which} {verdict} ({median}{on_now})."
        median = f"median {duration(self.median_other)}, " if self.median_other is not None else ""
        if self.late_other == self.cases:
            every = "both" if self.cases == 2 else f"all {self.cases}"
            return f"{head}; {every} of this customer's {p} cases waited longer than that ({median}{on_now})."
        if self.late_other:
            return f"{head}; {self.late_other} of {which} waited longer than that ({median}{on_now})."
        return f"{head}; all of {which} were within it ({median}{on_now})."


@dataclass(frozen=True)
class Comparison:
    """A term in review against another program of its product."""

    customer: str
    product: str  # the catalog's name
    term: Contract  # the term in review
    current: Program
    other: Program
    priorities: list[PriorityEvidence]  # every priority the product's targets name, in order
    lost: list[str]  # benefits, add-ons and the phone line the other program would not include
    gained: list[str]  # what it would add
    booked: tuple[Program, date] | None = None  # the program of the next term the book holds, and its start

    @property
    def settled(self) -> str:
        """Where the book already holds the program compared as the next term (or, for an upgrade, one above it):
        "Premier is already booked from 2027-01-01 (the next term): nothing to argue for"; "" where the comparison
        still argues for something to sell. Every view says it instead of the figures."""
        if self.booked is None:
            return ""
        tier, start = self.booked
        if not (tier.id == self.other.id or self.direction is Direction.UPGRADE and tier.rank > self.other.rank):
            return ""
        above = "" if tier.id == self.other.id else f", above {self.other.name},"
        return f"{tier.name}{above} is already booked from {start:%Y-%m-%d} (the next term): nothing to argue for."

    @property
    def direction(self) -> Direction:
        return Direction.UPGRADE if self.other.rank > self.current.rank else Direction.DOWNGRADE

    @property
    def cases(self) -> int:
        return sum(p.cases for p in self.priorities)

    @property
    def late_other(self) -> int:
        return sum(p.late_other for p in self.priorities)

    @property
    def same_promise(self) -> bool:
        return all(p.now.minutes == p.other.minutes and p.now.clock == p.other.clock for p in self.priorities)

    def sentences(self) -> list[str]:
        """What the cases say, one sentence per priority that had cases (or why there is nothing to say)."""
        if not self.cases:
            return [NOTHING_TO_COMPARE]
        if self.same_promise:
            cases = "the term's only case" if self.cases == 1 else f"none of the {self.cases} cases in the term"
            verb = "would not be" if self.cases == 1 else "would be"
            return [
                f"{self.other.name} promises the same first-response times as {self.current.name}: "
                f"{cases} {verb} judged differently."
            ]
        return [p.sentence(self.product) for p in self.priorities if p.cases]

    @property
    def late_case_ids(self) -> list[str]:
        return [case for p in self.priorities for case in p.late_cases]


# -- which terms, which programs -------------------------------------------------------
def term_began(contracts: Iterable[Contract], as_of: date) -> date | None:
    """When one customer's term in force began: the earliest start of its rows in force on the as-of day
    (history.rows_in_force); None where none runs (a lapsed customer, or one whose terms are all ahead)."""
    return min((c.term_start for c in history.rows_in_force(contracts, as_of) if c.term_start), default=None)


def terms_in_review(
    contracts: Sequence[Contract], as_of: date, keys: Iterable[str] | None = None, rows: Sequence[int] | None = None
) -> list[int]:
    """Indices (into ``contracts``) of each (customer, product)'s term in review: in force on the
    as-of day, else the last ended where ``history.ended_in_review`` keeps it. Customers by key (every customer when
    None), or ``rows``: the indices of one customer's contracts where the caller has them (the session's overview)."""
    return _reviewed(contracts, as_of, keys, rows)[0]


def _reviewed(
    contracts: Sequence[Contract], as_of: date, keys: Iterable[str] | None, rows: Sequence[int] | None
) -> tuple[list[int], set[int]]:
    """(terms_in_review, and the last ended terms out of review whose product has a next term booked): a comparison
    of one of those is said only where the booking settles it ("Premier is already booked from ..."), as the brief
    says it."""
    wanted = None if keys is None or rows is not None else set(keys)
    groups: dict[tuple[str, str], list[int]] = {}
    customers: dict[str, list[Contract]] = {}  # each customer's rows, whatever their product or program
    for i in range(len(contracts)) if rows is None else rows:
        c = contracts[i]
        who = customer_key(c.customer)
        if wanted is not None and who not in wanted:
            continue
        customers.setdefault(who, []).append(c)
        if c.product is None or c.program is None:
            continue
        groups.setdefault(c.key, []).append(i)
    began: dict[str, date | None] = {}  # made only for a customer with a product whose terms have all ended
    out, booked = [], set()
    for (who, _), group in groups.items():
        statuses = [history.status(contracts[i], as_of) for i in group]
        # As the engine matches: of rows starting on the same day, the later one in the book judges the cases.
        running = [i for i, s in zip(group, statuses, strict=True) if s is history.Status.IN_FORCE]
        ended = [i for i, s in zip(group, statuses, strict=True) if s is history.Status.ENDED]
        if running:
            out.append(max(running, key=lambda i: (history.first_day(contracts[i]), i)))
        elif ended:
            last = max(ended, key=lambda i: (history.last_day(contracts[i]), history.first_day(contracts[i]), i))
            if who not in began:
                began[who] = term_began(customers[who], as_of)
            if history.ended_in_review(contracts[last], began[who]):
                out.append(last)
            elif any(s is history.Status.NOT_STARTED for s in statuses):
                booked.add(last)
    return sorted(out), booked


def _to_compare(
    contracts: Sequence[Contract], as_of: date, keys: Iterable[str] | None = None, rows: Sequence[int] | None = None
) -> tuple[list[int], set[int]]:
    """The terms a comparison is made of (the terms in review, and those of ``_reviewed``'s booked set), and that set."""
    reviewed, booked = _reviewed(contracts, as_of, keys, rows)
    return sorted([*reviewed, *booked]), booked


def _said(comparisons: list[Comparison], pairs: Sequence[tuple[int, str]], booked: set[int]) -> list[Comparison]:
    """The comparisons said: of a term out of review (``booked``), only one its next term's booking settles."""
    return [c for c, (term, _) in zip(comparisons, pairs, strict=True) if term not in booked or c.settled]


def programs_by_rank(catalog: Catalog, contract: Contract) -> list[Program]:
    """The programs the contract's customer may hold for its product, lowest first."""
    if contract.product not in catalog.products:
        return []
    return [catalog.programs[p] for p in catalog.program_ids_by_rank(catalog.products[contract.product])]


def next_up(catalog: Catalog, contract: Contract) -> Program | None:
    held = catalog.programs.get(contract.program or "")
    return next((p for p in programs_by_rank(catalog, contract) if held and p.rank > held.rank), None)


def next_down(catalog: Catalog, contract: Contract) -> Program | None:
    held = catalog.programs.get(contract.program or "")
    return next((p for p in reversed(programs_by_rank(catalog, contract)) if held and p.rank < held.rank), None)


def higher(catalog: Catalog, contract: Contract) -> list[Program]:
    held = catalog.programs.get(contract.program or "")
    return [p for p in programs_by_rank(catalog, contract) if held and p.rank > held.rank]


def program_named(catalog: Catalog, contract: Contract, text: str) -> Program | None:
    """The contract's product's program spelled ``text`` ('Premier', 'premier+'); None if the product has none."""
    product = catalog.products.get(contract.product or "")
    if product is None or not text.strip():
        return None
    return catalog.program_for(product, text)


# -- what a change of program gives and takes ------------------------------------------------
def losses(catalog: Catalog, contract: Contract, other: Program) -> tuple[list[str], list[str]]:
    """(lost, gained): benefits, the phone line's terms and the add-ons held that ``other`` would not carry."""
    moved = contract.on_program(other.id)
    now = {b.label: b for b in rules.benefits(catalog, contract)}
    then = {b.label: b for b in rules.benefits(catalog, moved)}
    lost, gained = [], []
    for label, held in now.items():
        new = then.get(label)
        if new is None:
            continue
        if held.included and not new.included:  # what exactly is lost (the reserved line), gains by name only
            lost.append(label + (f" ({held.detail})" if held.detail else ""))
        elif new.included and not held.included:
            gained.append(label)
        elif held.included and held.detail != new.detail:
            change = f"{label}: {held.detail or 'yes'} (under {other.name}: {new.detail or 'yes'})"
            (lost if other.rank < (catalog.programs[contract.program or ""].rank) else gained).append(change)
    valid = rules.valid_addons(catalog, contract)  # one that is a contract error is not held, so not lost
    for held_addon in rules.held_addons(catalog, contract):
        if held_addon.addon.id in valid and not catalog.addon_allowed(held_addon.addon.id, contract.product, other.id):
            sold = ", ".join(catalog.addon_sold_with(held_addon.addon.id))
            lost.append(f"Add-on: {held_addon.label} (sold only with {sold})")
    return lost, gained


# -- the vectorised judgement ------------------------------------------------------------------
Signature = tuple[tuple[int, int, str], ...]
EVIDENCE_COLUMNS = [
    "pair",
    "priority",
    "cases",
    "met_now",
    "late_now",
    "within_other",
    "late_other",
    "median_now",
    "p90_now",
    "median_other",
    "p90_other",
]


def _signature(program: Program) -> Signature:
    """What a program promises: programs with the same targets and clocks judge every case alike."""
    return tuple(sorted((level, t.minutes, t.calendar) for level, t in program.targets.items()))


def case_table(
    book: Book,
    catalog: Catalog,
    moment: datetime,
    pairs: Sequence[tuple[int, str]],
    rows: Sequence[int] | None = None,
    sla: SlaResult | None = None,
) -> pd.DataFrame:
    """One row per (pair, counted case of its term): pair, priority, case ID, opened, verdict and wait under both.

    ``pairs`` are (term index into book.contracts, other program id); ``moment`` is the as-of instant of the
    session's SLA result (SlaResult.as_of), so both verdicts use the one clock. ``rows`` are the indices of
    every contract of the pairs' customers, where the caller has them: one customer's brief then matches only
    its own contracts and cases, not the whole book's. ``sla`` is the book's SLA result at ``moment``, where
    the caller has it: the cases' matching and their verdicts under the programs held are then read from it,
    not made again (0.3 s of the 10k report).
    """
    columns = {
        "pair": np.int64,
        "priority": np.int64,
        "case_id": object,
        "opened": "datetime64[ns, UTC]",
        "now": object,
        "other": object,
        "wait_now": float,
        "wait_other": float,
    }
    empty = pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in columns.items()})  # type: ignore[call-overload]
    cases = book.cases
    if not pairs or cases is None or cases.empty:
        return empty
    terms = sorted({t for t, _ in pairs})
    position = np.full(len(book.contracts) + 1, -1, dtype=np.int64)  # book index -> place in ``terms``
    position[terms] = np.arange(len(terms))
    held: pd.DataFrame | None = None  # the verdicts under the programs held, where the SLA result has them
    if sla is not None and sla.as_of == moment and sla.contracts is book.contracts and sla.case_log is book.cases:
        judged_by = sla.cases["contract"].to_numpy()
        mine = np.flatnonzero((position[judged_by] >= 0) & (engine_seconds(sla.cases["opened"]) != NO_TIME))
        held, cases, contract_of = sla.cases.iloc[mine], cases.iloc[sla.case_rows[mine]], judged_by[mine]
        picked = np.arange(len(mine))
    else:
        scope = np.arange(len(book.contracts)) if rows is None else np.asarray(sorted(rows), dtype=np.int64)
        if rows is not None:  # only these customers' cases, matched against only their contracts (the same groups)
            customers = {customer_key(book.contracts[i].customer) for i in scope}
            cases = cases[cases["customer_key"].isin(customers).to_numpy()]
            if isinstance(cases["customer_key"].dtype, pd.CategoricalDtype):  # matching walks the categories
                cases = cases.assign(customer_key=cases["customer_key"].cat.remove_unused_categories())
        seconds = engine_seconds(cases["opened"])
        known = np.flatnonzero((seconds != NO_TIME) & (seconds <= int(moment.timestamp())))
        contract_of = np.full(len(cases), -1, dtype=np.int64)
        local = match_cases([book.contracts[i] for i in scope], cases.iloc[known], seconds[known]).contract
        contract_of[known] = np.where(local >= 0, scope[np.maximum(local, 0)], -1)
        picked = np.flatnonzero(position[contract_of] >= 0)  # index -1 reads the sentinel slot
    if not len(picked):
        return empty
    subset, term_of = cases.iloc[picked], position[contract_of[picked]]

    def judge(programs: dict[int, str]) -> tuple[np.ndarray, pd.DataFrame]:
        """(subset rows, the engine's verdicts) for the terms in ``programs`` (place -> program id)."""
        places = np.array(sorted(programs), dtype=np.int64)
        rows = np.flatnonzero(np.isin(term_of, places))
        reduced = Book(
            contracts=[book.contracts[terms[p]].on_program(programs[p]) for p in places],
            holidays=book.holidays,
            cases=subset.iloc[rows],
        )
        return rows, evaluate(reduced, catalog, moment).cases

    if held is not None:
        base, at_base = held, np.arange(len(subset))
    else:
        base_rows, base = judge({p: str(book.contracts[t].program) for p, t in enumerate(terms)})
        at_base = np.full(len(subset), -1, dtype=np.int64)
        at_base[base_rows] = np.arange(len(base_rows))
    # Rounds: each term meets each distinct promise once; pairs with the same promise share the run.
    signature = {pid: _signature(catalog.programs[pid]) for pid in {p for _, p in pairs}}
    wanted: dict[int, list[tuple[Signature, str]]] = {}
    for term, pid in pairs:
        seen = wanted.setdefault(int(position[term]), [])
        if signature[pid] not in [s for s, _ in seen]:
            seen.append((signature[pid], pid))
    pair_place = np.array([position[t] for t, _ in pairs], dtype=np.int64)
    parts = []
    for round_ in range(max(len(v) for v in wanted.values())):
        programs = {place: sigs[round_][1] for place, sigs in wanted.items() if len(sigs) > round_}
        judged_rows, judged = judge(programs)
        in_round = np.array(
            [
                int(p) in programs and wanted[int(p)][round_][0] == signature[pid]
                for p, (_, pid) in zip(pair_place, pairs, strict=True)
            ],
            dtype=bool,
        )
        pair_ids = np.flatnonzero(in_round)
        order = np.argsort(pair_place[pair_ids], kind="stable")
        pair_ids = pair_ids[order]
        places = pair_place[pair_ids]
        # each judged case once per pair of its term in this round, without a Python loop per case
        place = term_of[judged_rows]
        first = np.searchsorted(places, place, side="left")
        count = np.searchsorted(places, place, side="right") - first
        repeat = np.repeat(np.arange(len(judged_rows)), count)
        offset = np.repeat(first, count) + (np.arange(len(repeat)) - np.repeat(np.cumsum(count) - count, count))
        now = base.iloc[at_base[judged_rows]]
        parts.append(
            pd.DataFrame(
                {
                    "pair": pair_ids[offset],
                    "priority": now["priority"].to_numpy(dtype="float64", na_value=np.nan)[repeat],
                    "case_id": now["case_id"].to_numpy()[repeat],
                    "opened": now["opened"].array[repeat],
                    "now": _outcomes(now["outcome"], repeat),  # categorical: compared by code, not by string
                    "other": _outcomes(judged["outcome"], repeat),
                    "wait_now": now["business_minutes"].to_numpy(dtype=float)[repeat],
                    "wait_other": judged["business_minutes"].to_numpy(dtype=float)[repeat],
                }
            )
        )
    table = pd.concat(parts, ignore_index=True)
    table = table[table["now"].isin(COUNTED) & table["priority"].notna()]
    return table.astype({"priority": np.int64})


def _outcomes(column: pd.Series, at: np.ndarray) -> pd.Categorical[str]:
    """The engine's outcome column taken at ``at``, still categorical."""
    return pd.Categorical.from_codes(column.cat.codes.to_numpy()[at], categories=column.cat.categories)


def evidence_table(table: pd.DataFrame) -> pd.DataFrame:
    """Per (pair, priority) with cases: EVIDENCE_COLUMNS, by one groupby over the case table."""
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in EVIDENCE_COLUMNS})
    keys = [table["pair"], table["priority"]]
    flags = pd.DataFrame(
        {
            "cases": 1,
            "met_now": table["now"].eq(Outcome.MET.value),
            "late_now": table["now"].eq(Outcome.BREACHED.value),
            "within_other": table["other"].eq(Outcome.MET.value),
            "late_other": table["other"].eq(Outcome.BREACHED.value),
        },
        index=table.index,
    )
    out = flags.groupby(keys).sum()
    waits = table[["wait_now", "wait_other"]].groupby(keys)
    medians, p90 = waits.median(), waits.quantile(0.9)
    out["median_now"], out["median_other"] = medians["wait_now"], medians["wait_other"]
    out["p90_now"], out["p90_other"] = p90["wait_now"], p90["wait_other"]
    return out.reset_index()[EVIDENCE_COLUMNS]


def compare(
    book: Book,
    catalog: Catalog,
    moment: datetime,
    pairs: Sequence[tuple[int, str]],
    rows: Sequence[int] | None = None,
    sla: SlaResult | None = None,
) -> list[Comparison]:
    """Each (term index into book.contracts, other program id) judged both ways, as Comparisons (``rows`` and
    ``sla``: see case_table)."""
    table = case_table(book, catalog, moment, pairs, rows, sla)
    evidence = evidence_table(table)
    at = {key: i for i, key in enumerate(zip(evidence["pair"].tolist(), evidence["priority"].tolist(), strict=True))}
    # each column as a list, its last item what a (pair, priority) without cases reads
    met = [[*evidence[c].astype(int).tolist(), 0] for c in ("cases", "met_now", "late_now", "within_other", "late_other")]
    waited = [[*map(_minutes, evidence[c].tolist()), None] for c in ("median_now", "p90_now", "median_other", "p90_other")]
    late = table[table["other"] == Outcome.BREACHED.value].sort_values("opened")
    late_ids: dict[tuple[int, int], list[str]] = {}
    for pair, priority, case in zip(late["pair"].tolist(), late["priority"].tolist(), late["case_id"].tolist(), strict=True):
        late_ids.setdefault((pair, priority), []).append(str(case))
    promises: dict[tuple[str, int], Promise] = {}  # a program's promise for a priority, made once

    def promise(program: Program, level: int) -> Promise:
        if (program.id, level) not in promises:
            target = program.targets[level]
            promises[program.id, level] = Promise(program, target.minutes, catalog.calendars[target.calendar])
        return promises[program.id, level]

    out = []
    for n, (term, pid) in enumerate(pairs):
        contract, other = book.contracts[term], catalog.programs[pid]
        current = catalog.programs[str(contract.program)]
        lines = []
        for level in sorted(set(current.targets) & set(other.targets)):
            i = at.get((n, level), -1)
            lines.append(
                PriorityEvidence(
                    level,
                    met[0][i],
                    met[1][i],
                    met[2][i],
                    met[3][i],
                    met[4][i],
                    promise(current, level),
                    promise(other, level),
                    waited[0][i],
                    waited[1][i],
                    waited[2][i],
                    waited[3][i],
                    tuple(late_ids.get((n, level), [])),
                )
            )
        lost, gained = losses(catalog, contract, other)
        name = rules.product_name(catalog, contract)
        out.append(Comparison(contract.customer.strip(), name, contract, current, other, lines, lost, gained))
    return out


def _minutes(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


# -- the questions the app, the report and the command line ask ---------------------------------
def against(
    book: Book,
    catalog: Catalog,
    as_of: date,
    moment: datetime,
    program: str,
    keys: Iterable[str] | None = None,
    sla: SlaResult | None = None,
) -> list[Comparison]:
    """Every term in review (of the customers by key, or all) against the program spelled ``program`` of its
    product; terms whose product has no such program, or that hold it already, are left out (``sla``: see
    case_table)."""
    pairs = []
    terms, out = _to_compare(book.contracts, as_of, keys)
    for term in terms:
        other = program_named(catalog, book.contracts[term], program)
        if other is not None and other.id != book.contracts[term].program:
            pairs.append((term, other.id))
    return _said(_with_booked(compare(book, catalog, moment, pairs, sla=sla), book, catalog, as_of), pairs, out)


def next_program_up(
    book: Book,
    catalog: Catalog,
    as_of: date,
    moment: datetime,
    keys: Iterable[str] | None = None,
    sla: SlaResult | None = None,
) -> list[Comparison]:
    """Every term in review against the next program up of its product (terms on the top program have none;
    ``sla``: see case_table)."""
    pairs = []
    terms, out = _to_compare(book.contracts, as_of, keys)
    for term in terms:
        up = next_up(catalog, book.contracts[term])
        if up is not None:
            pairs.append((term, up.id))
    return _said(_with_booked(compare(book, catalog, moment, pairs, sla=sla), book, catalog, as_of), pairs, out)


def every_higher(
    book: Book, catalog: Catalog, as_of: date, moment: datetime, sla: SlaResult | None = None
) -> tuple[list[tuple[int, str]], pd.DataFrame]:
    """The whole book: every term in review against every higher program of its product, as
    (pairs, evidence_table): the vectorised form, without a Python object per pair (``sla``: see case_table)."""
    pairs = [(term, p.id) for term in terms_in_review(book.contracts, as_of) for p in higher(catalog, book.contracts[term])]
    return pairs, evidence_table(case_table(book, catalog, moment, pairs, sla=sla))


def booked_after(contracts: Sequence[Contract], term: Contract, as_of: date) -> Contract | None:
    """The next term of the term's customer and product the book holds, signed and not started on the as-of day (a
    renewal or an upgrade booked), the soonest; None where none is."""
    ahead = [
        c for c in contracts if c.key == term.key and c.term_start and history.status(c, as_of) is history.Status.NOT_STARTED
    ]
    return min(ahead, key=lambda c: c.term_start or date.max, default=None)


def _with_booked(
    comparisons: list[Comparison], book: Book, catalog: Catalog, as_of: date, rows: Sequence[int] | None = None
) -> list[Comparison]:
    """Each comparison with the next term its product has booked, where the book holds one on a known program
    (``rows``: the contracts to look in, where the caller has them; else the book's, indexed once)."""
    by_key: dict[tuple[str, str], list[Contract]] = {}
    for contract in book.contracts if rows is None else [book.contracts[i] for i in rows]:
        by_key.setdefault(contract.key, []).append(contract)
    out = []
    for c in comparisons:
        ahead = booked_after(by_key.get(c.term.key, []), c.term, as_of)
        tier = catalog.programs.get(ahead.program or "") if ahead is not None else None
        out.append(replace(c, booked=(tier, ahead.term_start)) if tier and ahead and ahead.term_start else c)
    return out


def for_brief(
    book: Book,
    catalog: Catalog,
    as_of: date,
    moment: datetime,
    key: str,
    program: str | None = None,
    rows: Sequence[int] | None = None,
    sla: SlaResult | None = None,
) -> list[Comparison]:
    """One customer's terms in review against ``program`` (by name), else the next program up, else (on the top
    program) the next one down: what holding less would take away. ``rows``: the customer's contract indices,
    where the caller has them (a switch through a big book then judges only this customer's cases); ``sla``:
    see case_table."""
    pairs = []
    terms, out = _to_compare(book.contracts, as_of, [key], rows)
    for term in terms:
        contract = book.contracts[term]
        other = (
            program_named(catalog, contract, program) if program else next_up(catalog, contract) or next_down(catalog, contract)
        )
        if other is not None and other.id != contract.program:
            pairs.append((term, other.id))
    return _said(_with_booked(compare(book, catalog, moment, pairs, rows, sla), book, catalog, as_of, rows), pairs, out)
