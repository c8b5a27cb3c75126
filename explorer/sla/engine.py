"""First-response due times and outcomes for every case of a book, vectorised.

Each case is matched to the contract row in force when it was opened (see
explorer.sla.matching), takes its target and clock from that row's program in the
catalog, and is evaluated as known at an as-of moment: cases opened after it are
left out, responses after it are not yet known. Cases on a calendar clock are grouped by (calendar, time zone,
country) so that one set of open intervals serves the whole group.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

import numpy as np
import pandas as pd

from explorer.catalog import WEEKDAYS, Calendar, Catalog
from explorer.model import Book, Contract, Finding, Severity, Source, case_named, customer_key
from explorer.rules import product_name
from explorer.sla.calendars import (
    NO_TIME,
    Closure,
    HolidayCalendar,
    OpenHours,
    day_range,
    has_holiday_data,
    holiday_calendar,
    open_hours,
)
from explorer.sla.matching import codes, match_cases


class Outcome(enum.StrEnum):
    MET = "Met"
    BREACHED = "Breached"
    AT_RISK = "At risk"
    PENDING = "Pending"
    OUT_OF_SCOPE = "Out of scope"
    UNMATCHED = "Unmatched"
    NO_CONTRACT = "No contract in force"
    NOT_EVALUATED = "Not evaluated"


OUTCOMES = list(Outcome)
COUNTED = (Outcome.MET, Outcome.BREACHED, Outcome.PENDING, Outcome.AT_RISK)  # what compliance counts
DECIDED = (Outcome.MET, Outcome.BREACHED)  # what compliance % divides by: the rest has not succeeded or failed yet
RESULT_COLUMNS = [
    "case_id",
    "customer",
    "product",
    "program",
    "priority",
    "target_minutes",
    "clock",
    "opened",
    "due",
    "first_response",
    "business_minutes",
    "late_minutes",
    "consumed",
    "outcome",
    "file",
    "sheet",
    "row",
    "zone",
    "holidays",
    "contract",
]
PAD_DAYS = 120  # open intervals reach this far past the last moment of interest


@dataclass
class SlaResult:
    cases: pd.DataFrame  # RESULT_COLUMNS, one row per case of the book's log opened by the as-of moment
    as_of: datetime
    findings: list[Finding] = field(default_factory=list)
    calendars_used: dict[str, str] = field(default_factory=dict)  # calendar id -> definition
    # The holiday calendars the clock closed on, by key ("AU-NSW", "US"), each built once per evaluation.
    holiday_calendars: dict[str, HolidayCalendar] = field(default_factory=dict)
    later: dict[str, int] = field(default_factory=dict)  # customer key -> cases of the log opened after the as-of moment
    contracts: list[Contract] = field(default_factory=list, repr=False)  # the rows the "contract" column indexes
    # The case log judged (the book's own frame), and each result row's position in it (cases opened after the
    # as-of moment are left out)
    case_log: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    case_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64), repr=False)

    def judged_under(self, rows: Iterable[Contract]) -> frozenset[int]:
        """The "contract" values of ``rows`` (the book's own Contract objects): the cases they judged."""
        index = self._index_of
        return frozenset(index[id(c)] for c in rows if id(c) in index)

    @cached_property
    def _index_of(self) -> dict[int, int]:
        return {id(c): i for i, c in enumerate(self.contracts)}

    @cached_property
    def products_folded(self) -> np.ndarray:
        """Each case's product, casefolded, as an array made once: the report asks for one customer's at a time, and
        the categorical column's to_numpy built all 200,000 each time (1.0 s of the 10k book's report)."""
        column = self.cases["product"]
        if isinstance(column.dtype, pd.CategoricalDtype):  # a code of -1 (no product) takes the last: 'nan', as str() reads it
            names = [str(c).casefold() for c in column.cat.categories] + [str(np.nan)]
            return np.array(names, dtype=object)[column.cat.codes.to_numpy()]
        return np.array([str(p).casefold() for p in column.to_numpy()], dtype=object)

    @cached_property
    def opened_days(self) -> np.ndarray:
        """Each case's opening day (UTC) as datetime64[D], for counts over one customer's rows that would
        otherwise convert the whole column once per customer."""
        from explorer.sla.compliance import opening_days

        return opening_days(self.cases["opened"])

    def holidays_skipped(self, cases: pd.DataFrame, catalog: Catalog) -> list[list[Closure]]:
        """For each row of ``cases`` (rows of self.cases), the holidays its clock skipped between opening and due."""
        out: list[list[Closure]] = []
        for clock, zone, key, opened, due in zip(
            cases["clock"].tolist(),
            cases["zone"].tolist(),
            cases["holidays"].tolist(),
            cases["opened"].tolist(),
            cases["due"].tolist(),
            strict=True,
        ):
            calendar = catalog.calendars.get(clock)
            holidays = self.holiday_calendars.get(key) if calendar and calendar.holidays == "country" else None
            if calendar is None or holidays is None or pd.isna(opened) or pd.isna(due):
                out.append([])
                continue
            out.append(holidays.skipped(calendar, zone, int(opened.timestamp()), int(due.timestamp())))
        return out


def _seconds(series: pd.Series) -> np.ndarray:
    """UTC timestamps as int64 epoch seconds; NO_TIME for NaT.

    Drops the zone first: numpy conversion of a zoned column goes through one
    Python object per value, which costs seconds on a million cases.
    """
    if isinstance(series.dtype, pd.DatetimeTZDtype):  # the UTC instants as they are stored: no copy, no objects
        values = np.asarray(series.array.asi8).view(f"M8[{series.dtype.unit}]")
    else:
        values = series.to_numpy(dtype="datetime64[ns]")
    out: np.ndarray = values.astype("datetime64[s]").astype(np.int64)  # NaT stays the int64 minimum, NO_TIME
    return out


def _from_seconds(seconds: np.ndarray) -> pd.Series:
    """Epoch seconds back to UTC timestamps; NO_TIME is numpy's NaT bit pattern, so a view suffices."""
    return pd.Series(seconds.view("M8[s]")).dt.tz_localize("UTC")


def _products(given: pd.Series, contracts: list[Contract], contract_of: np.ndarray) -> tuple[np.ndarray, list[object]]:
    """(codes, product ids) of each case's product: the log's, else the product of the contract that judges it. A log
    with no product column (Salesforce's Cases with Milestones) left every case's Product blank in the report and the
    app, so its filter found none, and an Auth0 case's non-production tenant went unseen."""
    found, ids = codes(given)
    blank = np.array([not isinstance(p, str) or not p for p in ids], dtype=bool)[found] if ids else np.zeros(len(found), bool)
    if not blank.any():
        return found, ids
    held = [c.product for c in contracts]
    extra = [p for p in dict.fromkeys(held) if p and p not in ids]
    at = {p: i for i, p in enumerate(ids) if isinstance(p, str) and p} | {p: len(ids) + i for i, p in enumerate(extra)}
    of_contract = np.array([at.get(p, -1) if p else -1 for p in held] + [-1], dtype=np.int64)[contract_of]
    return np.where(blank & (of_contract >= 0), of_contract, found), [*ids, *extra]


def _named(codes: np.ndarray, names: list[str]) -> pd.Categorical[str]:
    """A categorical from codes into ``names``, which may repeat (several codes can share a name)."""
    unique = list(dict.fromkeys(names))
    remap = np.array([unique.index(n) for n in names], dtype=np.int64)
    return pd.Categorical.from_codes(remap[codes] if len(remap) else codes, categories=pd.Index(unique))


def evaluate(book: Book, catalog: Catalog, as_of: datetime, at_risk_fraction: float | None = None) -> SlaResult:
    """Due time, business minutes to first response and outcome of every case in the book."""
    threshold = catalog.settings.at_risk_fraction if at_risk_fraction is None else at_risk_fraction
    cases = book.cases
    result = SlaResult(pd.DataFrame(columns=RESULT_COLUMNS), as_of)
    if cases is None or cases.empty:
        return result
    opened = _seconds(cases["opened"])
    as_of_s = int(as_of.timestamp())
    known = (opened <= as_of_s) | (opened == NO_TIME)  # as known at the as-of moment: later cases do not exist yet
    result.case_log, result.case_rows = cases, np.flatnonzero(known)
    if not known.all():
        keys = cases.loc[~known, "customer"].astype(str).map(customer_key)
        result.later = {str(k): int(v) for k, v in keys.value_counts().items()}
        cases, opened = cases[known], opened[known]
    n = len(cases)
    contracts = result.contracts = book.contracts
    matched_rows = match_cases(contracts, cases, opened)
    contract_of, grouped = matched_rows.contract, matched_rows.grouped
    program_ids = sorted(catalog.programs)
    calendar_ids = sorted(catalog.calendars)
    # per contract: program index, calendar-group inputs
    c_program = np.array([program_ids.index(c.program) if c.program else -1 for c in contracts] + [-1], dtype=np.int64)
    matched = contract_of >= 0
    program_of = c_program[contract_of]  # -1 for unmatched (index -1 picks the sentinel)
    priority = cases["priority"].to_numpy(dtype="float64", na_value=np.nan)
    has_priority = ~np.isnan(priority)
    prio = np.where(has_priority, priority, 1).astype(np.int64)
    # target minutes and calendar per (program, priority)
    minutes_table = np.zeros((len(program_ids) + 1, 5), dtype=np.int64)
    calendar_table = np.full((len(program_ids) + 1, 5), -1, dtype=np.int64)
    for pi, pid in enumerate(program_ids):
        for level, target in catalog.programs[pid].targets.items():
            minutes_table[pi, level] = target.minutes
            calendar_table[pi, level] = calendar_ids.index(target.calendar)
    target_min = minutes_table[program_of, prio]
    calendar_of = calendar_table[program_of, prio]
    responded = _seconds(cases["first_response"])
    responded = np.where(responded > as_of_s, NO_TIME, responded)  # not yet known at the as-of moment

    product_codes, product_ids = _products(cases["product"], contracts, contract_of)
    production_only = np.array(
        [bool(p) and p in catalog.products and catalog.products[p].production_only for p in product_ids], dtype=bool
    )[product_codes]
    out_of_scope = production_only & cases["environment"].eq("non-production").to_numpy(dtype=bool)
    evaluable = matched & (program_of >= 0) & has_priority & (opened != NO_TIME) & ~out_of_scope
    if "response_unknown" in cases:  # answered, the log says, at a time it does not give: no guess either way
        evaluable &= ~cases["response_unknown"].to_numpy(dtype=bool)
    if "response_early" in cases:  # a first response before the opening: one of the two times is wrong, not judged
        evaluable &= ~cases["response_early"].to_numpy(dtype=bool)

    target_s = target_min * 60
    # Clocks that never close: whole-array arithmetic, no gathering.
    always = evaluable & np.array([catalog.calendars[c].always_open for c in calendar_ids] + [False])[calendar_of]
    end = np.where(responded != NO_TIME, responded, as_of_s)  # the clock stops at the response, or runs to as-of
    due = np.where(always, opened + target_s, NO_TIME)
    spent = np.where(always, np.maximum(end - opened, 0), 0)  # open seconds from opening to response or as-of
    for ci, cid in enumerate(calendar_ids):
        calendar = catalog.calendars[cid]
        in_cal = np.flatnonzero(evaluable & (calendar_of == ci))
        if len(in_cal) == 0:
            continue
        result.calendars_used[cid] = calendar.describe()
        if not calendar.always_open:
            _evaluate_calendar(
                calendar, in_cal, contract_of, contracts, book, opened, responded, as_of_s, target_s, due, spent, result
            )

    has_response = responded != NO_TIME
    with np.errstate(divide="ignore", invalid="ignore"):
        consumed = np.where(target_s > 0, spent / np.maximum(target_s, 1), 0.0)
    code = {o: i for i, o in enumerate(OUTCOMES)}  # small integer codes, made categorical at the end
    outcome = np.full(n, code[Outcome.NOT_EVALUATED], dtype=np.int8)
    outcome[~grouped] = code[Outcome.UNMATCHED]
    outcome[grouped & ~matched & (opened != NO_TIME)] = code[Outcome.NO_CONTRACT]
    outcome[out_of_scope & matched] = code[Outcome.OUT_OF_SCOPE]
    ok = evaluable & (due != NO_TIME)
    outcome[ok & has_response & (responded <= due)] = code[Outcome.MET]
    outcome[ok & has_response & (responded > due)] = code[Outcome.BREACHED]
    waiting = ok & ~has_response
    outcome[waiting & (as_of_s > due)] = code[Outcome.BREACHED]
    outcome[waiting & (as_of_s <= due)] = code[Outcome.PENDING]
    outcome[waiting & (as_of_s <= due) & (consumed >= threshold)] = code[Outcome.AT_RISK]

    names = list(dict.fromkeys([catalog.programs[p].name for p in program_ids] + [""]))  # Okta and Auth0 share "Premier"
    name_code = np.array([names.index(catalog.programs[p].name) for p in program_ids] + [names.index("")])
    customer_names = np.array([c.customer for c in contracts] + [""], dtype=object)
    case_customer = cases["customer"].to_numpy(dtype=object)
    result.cases = pd.DataFrame(
        copy=False,
        data={
            "case_id": cases["case_id"].to_numpy(),
            "customer": np.where(matched, customer_names[contract_of], case_customer),
            "product": _named(
                product_codes,
                [catalog.products[p].name if isinstance(p, str) and p in catalog.products else "" for p in product_ids],
            ),
            "program": pd.Categorical.from_codes(
                name_code[np.where(matched, program_of, len(program_ids))], categories=pd.Index(names)
            ),
            "priority": cases["priority"].to_numpy(),
            "target_minutes": np.where(evaluable, target_min, 0),
            "clock": pd.Categorical.from_codes(
                np.where(evaluable, calendar_of, len(calendar_ids)), categories=pd.Index(calendar_ids + [""])
            ),
            "opened": cases["opened"].array,
            "due": _from_seconds(due).array,
            "first_response": _from_seconds(responded).array,
            "business_minutes": np.where(evaluable & has_response, spent / 60.0, np.nan),
            # how late a breach is, on the contract's clock as its verdict is (17 h past a business-hours due time may
            # be 1 h of it); an unanswered one by the as-of moment. Every output says this figure.
            "late_minutes": np.where(outcome == code[Outcome.BREACHED], (spent - target_s) / 60.0, np.nan),
            "consumed": np.where(evaluable, consumed, np.nan),
            "outcome": pd.Categorical.from_codes(outcome, categories=pd.Index([o.value for o in OUTCOMES])),
            "file": cases["file"].array,
            "sheet": cases["sheet"].array,
            "row": cases["row"].to_numpy(),
            # where the clock ran: the contract's zone, and the key of its holiday calendar in holiday_calendars
            "zone": _per_contract([c.time_zone for c in contracts], contract_of),
            "holidays": _per_contract([_holiday_key(c) for c in contracts], contract_of),
            "contract": contract_of,  # the row that judged the case (index into book.contracts), -1 for none
        },
    )
    held: dict[str, list[str]] = {}  # customer key -> the products of its contracts, for an unmatched case's finding
    for c in contracts:
        name = product_name(catalog, c)
        names = held.setdefault(customer_key(c.customer), [])
        if name and name not in names:
            names.append(name)
    since = _held_since(catalog, contracts)
    undated: dict[tuple[str, str], list[Contract]] = {}  # terms whose start or end the book does not give
    for c in contracts:
        if c.term_start is None or c.term_end is None:
            undated.setdefault((customer_key(c.customer), product_name(catalog, c)), []).append(c)
    emails = cases["requester_email"].to_numpy(dtype=object) if "requester_email" in cases else np.full(n, "", dtype=object)
    result.findings.extend(
        _case_findings(
            result.cases,
            grouped,
            matched,
            opened,
            out_of_scope,
            held,
            book.could_be,
            book.case_columns,
            emails,
            since,
            undated,
            dated_terms(catalog, contracts),
        )
    )
    return result


def _evaluate_calendar(  # type: ignore[no-untyped-def]
    calendar,
    in_cal,
    contract_of,
    contracts: list[Contract],
    book: Book,
    opened,
    responded,
    as_of_s: int,
    target_s,
    due,
    spent,
    result: SlaResult,
) -> None:
    """Due times on one calendar, one (zone, country, subdivision) group at a time."""
    # One group per (zone, holiday calendar): contracts are labelled, then cases take their contract's label.
    labels: dict[tuple[str, str, str], int] = {}
    with_holidays = calendar.holidays == "country"
    label_of_contract = np.array(
        [
            labels.setdefault(
                (c.time_zone, c.country if with_holidays else "", c.subdivision if with_holidays else ""), len(labels)
            )
            for c in contracts
        ]
        + [-1],
        dtype=np.int64,
    )
    case_label = label_of_contract[contract_of[in_cal]]
    order = np.argsort(case_label, kind="stable")
    bounds = np.searchsorted(case_label[order], np.arange(len(labels) + 1))
    reported: set[str] = {f.message for f in result.findings}
    valid = responded[in_cal] != NO_TIME
    first, last = day_range(np.concatenate([opened[in_cal], responded[in_cal][valid], [as_of_s]]))
    years = (first.year, (last + pd.Timedelta(days=PAD_DAYS).to_pytimedelta()).year)  # one calendar per key
    for (zone, country, subdivision), label in labels.items():
        idx = in_cal[order[bounds[label] : bounds[label + 1]]]
        if len(idx) == 0:
            continue
        o, r = opened[idx], responded[idx]
        lo, hi = day_range(np.concatenate([o, r[r != NO_TIME], [as_of_s]]))
        hi = hi + pd.Timedelta(days=PAD_DAYS).to_pytimedelta()
        hours, holidays = calendar_hours(calendar, zone, country, subdivision, book, years, lo, hi)
        if holidays is not None:
            result.holiday_calendars[holidays.key] = holidays
            if country and not has_holiday_data(country):
                message = f"No public-holiday data for country {country}; business hours there count every weekday as open."
                if message not in reported:
                    reported.add(message)
                    result.findings.append(Finding(Severity.WARNING, message))
        due[idx], spent[idx] = hours.clock(o, target_s[idx], np.where(r != NO_TIME, r, as_of_s))


def calendar_hours(
    calendar: Calendar, zone: str, country: str, subdivision: str, book: Book, years: tuple[int, int], first: date, last: date
) -> tuple[OpenHours, HolidayCalendar | None]:
    """The open intervals a calendar clock runs on for one customer place, and the holidays that closed it.

    The engine and the explanation of a case (explorer.sla.explain) both build their hours here.
    """
    holidays = holiday_calendar(country, subdivision, *years, book.holidays) if calendar.holidays == "country" else None
    return open_hours(calendar, zone, holidays.closed_days if holidays else frozenset(), first, last), holidays


def _holiday_key(contract: Contract) -> str:
    return f"{contract.country}-{contract.subdivision}" if contract.subdivision else contract.country


def _per_contract(values: list[str], contract_of: np.ndarray) -> pd.Categorical[str]:
    """A contract attribute for every case, as a categorical ("" for unmatched cases)."""
    codes, uniques = pd.factorize(pd.Series(values + [""], dtype=object))
    return pd.Categorical.from_codes(codes[contract_of], categories=pd.Index(uniques))


def _held_since(catalog: Catalog, contracts: list[Contract]) -> dict[tuple[str, str], Contract]:
    """(customer key, product name) -> its first term in the book, where its Initial Term Start is earlier: a
    renewals tracker of current terms says so, and the terms before are not in the book (domain.md §5)."""
    first: dict[tuple[str, str], Contract] = {}
    for c in contracts:
        key = (customer_key(c.customer), product_name(catalog, c))
        if c.term_start is not None and (key not in first or c.term_start < (first[key].term_start or c.term_start)):
            first[key] = c
    return {k: c for k, c in first.items() if c.initial_term_start and c.term_start and c.initial_term_start < c.term_start}


def _before_the_book(since: dict[tuple[str, str], Contract], customer: str, product: str, when: pd.Timestamp) -> Contract | None:
    """The first term of the book, where the case opened (the customer's local day) between the Initial Term Start
    it gives and that term's start."""
    first = since.get((customer_key(customer), product))
    if first is None or first.initial_term_start is None or first.term_start is None:
        return None
    try:
        day = when.tz_convert(first.time_zone).date() if first.time_zone else when.date()
    except (KeyError, ValueError):
        day = when.date()
    return first if first.initial_term_start <= day < first.term_start else None


def dated_terms(catalog: Catalog, contracts: Iterable[Contract]) -> dict[tuple[str, str], list[Contract]]:
    """(customer key, product name) -> its terms with both dates, as a case names them: where a case outside every
    term opened, on the customer's local day, is said against these (``outside_terms``)."""
    out: dict[tuple[str, str], list[Contract]] = {}
    for c in contracts:
        if c.term_start is not None and c.runs_until is not None and not c.dates_missing and not c.never_ran:
            out.setdefault((customer_key(c.customer), product_name(catalog, c)), []).append(c)
    return out


@dataclass(frozen=True)
class OutsideTerms:
    """Where a case no term contains opened on the customer's local day (domain.md §8: that day decides), between
    the customer's last term before it and the first after it: "Wed 2026-01-14 22:00 CST", "the day before the term
    starting 2026-01-15". The check warning and explain say it alike."""

    local: str  # the opening in the customer's local time, "Wed 2026-01-14 22:00 CST"
    day: date  # the customer's local day of opening
    utc_day: date
    where: str  # against the terms around it: "the day before the term starting 2026-01-15"; "" where none is dated


def outside_terms(terms: list[Contract], opened: datetime | pd.Timestamp) -> OutsideTerms | None:
    """Where ``opened`` (UTC) falls against one customer's ``terms`` of a product (``dated_terms``), in the zone of
    the next term to start (else of the last to end); None where the customer has no dated term of it."""
    when = pd.Timestamp(opened)
    when = when.tz_localize("UTC") if when.tzinfo is None else when
    after = [t for t in terms if t.term_start is not None and when.tz_convert(t.time_zone).date() < t.term_start]
    before = [t for t in terms if t.runs_until is not None and when.tz_convert(t.time_zone).date() > t.runs_until]
    nxt = min(after, key=lambda t: t.term_start or date.max, default=None)
    last = max(before, key=lambda t: t.runs_until or date.min, default=None)
    zoned = nxt or last
    if zoned is None:
        return None
    local = when.tz_convert(zoned.time_zone)
    day = local.date()
    parts = []
    if nxt is not None and nxt.term_start is not None and day == nxt.term_start - timedelta(days=1):
        parts.append(f"the day before the term starting {nxt.term_start:%Y-%m-%d}")
    elif last is not None and last.runs_until is not None and day == last.runs_until + timedelta(days=1):
        parts.append(f"the day after the term ending {last.runs_until:%Y-%m-%d}")
    else:
        if last is not None and last.runs_until is not None:
            parts.append(f"after the term ending {last.runs_until:%Y-%m-%d}")
        if nxt is not None and nxt.term_start is not None:
            parts.append(f"before the term starting {nxt.term_start:%Y-%m-%d}")
    said = f"{WEEKDAYS[day.weekday()]} {local:%Y-%m-%d %H:%M} {local.tzname()}"
    return OutsideTerms(said, day, when.tz_convert("UTC").date(), " and ".join(parts))


def _case_findings(
    frame: pd.DataFrame,
    grouped: np.ndarray,
    matched: np.ndarray,
    opened: np.ndarray,
    out_of_scope: np.ndarray,
    held: dict[str, list[str]],
    could_be: dict[str, str],
    columns: dict[tuple[str, str], dict[str, str]],
    emails: np.ndarray,
    since: dict[tuple[str, str], Contract] | None = None,
    undated: dict[tuple[str, str], list[Contract]] | None = None,
    dated: dict[tuple[str, str], list[Contract]] | None = None,
) -> list[Finding]:
    """Unmatched cases and cases outside every term (warnings), Auth0 non-production cases (info). ``held``: each
    customer's products, so a case naming none of a customer with several says why it is unmatched; ``could_be``
    (Book.could_be): the customers a name no contract writes could be; ``columns`` (Book.case_columns): each case
    table's headers, which the findings name; ``emails``: each case's requester email, which gave no customer where
    the case names none (importing.cases.match_by_email); ``since`` (_held_since): a product's first term in the
    book whose Initial Term Start says it was held before, so a case then is a term the book lacks; ``undated``: a
    customer's terms of a product with no start or end date, which may be the one a case outside every term fell in.

    Read from just those rows: a clean log of a million cases costs nothing here.
    """
    out = []
    kinds = (
        ("unmatched", ~grouped),
        ("no term", grouped & ~matched & (opened != NO_TIME)),
        ("out of scope", out_of_scope & matched),
    )
    for kind, mask in kinds:
        rows = np.flatnonzero(mask)
        if not len(rows):
            continue
        picked = frame.iloc[rows]
        for case_id, customer, product, when, file, sheet, row, email in zip(
            picked["case_id"].tolist(),
            picked["customer"].tolist(),
            picked["product"].tolist(),
            picked["opened"].tolist(),
            picked["file"].tolist(),
            picked["sheet"].tolist(),
            picked["row"].tolist(),
            emails[rows].tolist(),
            strict=True,
        ):
            source = Source(str(file), str(sheet), int(row))
            headed = columns.get((str(file), str(sheet)), {})
            named_by = headed.get("customer", "Customer")  # the column as the file heads it: Jira's 'Organizations'
            products = held.get(customer_key(str(customer)), []) if not product else []
            if kind == "unmatched" and len(products) > 1:  # a log without a product column (Intercom, Kayako)
                out.append(
                    Finding(
                        Severity.WARNING,
                        f"{case_named(case_id)}: {customer} holds {len(products)} products ({', '.join(products)}) and the case "
                        "names none, so it cannot be matched to one; the case is not counted. Add a product column "
                        "or map one (explorer map, or File \u2192 Map Columns\u2026).",
                        source,
                        named_by,
                        str(customer),
                    )
                )
            elif kind == "unmatched" and (could := could_be.get(customer_key(str(customer)))):
                out.append(
                    Finding(
                        Severity.WARNING,
                        f"{case_named(case_id)}: '{customer}' {could}, so the case is not counted.",
                        source,
                        named_by,
                        str(customer),
                    )
                )
            elif kind == "unmatched" and not str(customer).strip() and str(email or "").strip():
                out.append(
                    Finding(
                        Severity.WARNING,
                        f"{case_named(case_id)}: the case names no customer, and its requester '{str(email).strip()}' matches "
                        "none: no contact of the book has that email, and no one customer's contacts share its domain; "
                        "the case is not counted.",
                        source,
                        headed.get("requester_email", "Requester email"),
                    )
                )
            elif kind == "unmatched" and not str(customer).strip():
                blank = [f"'{headed[f]}'" for f in ("customer", "requester_email") if f in headed]
                said = f"its {' and '.join(blank)} cell{'s are' if len(blank) > 1 else ' is'} blank" if blank else ""
                if "customer" not in headed:
                    said = "the log has no customer column" + (f" and {said}" if said else "")
                out.append(
                    Finding(
                        Severity.WARNING,
                        f"{case_named(case_id)}: the case names no customer ({said}); the case is not counted.",
                        source,
                        named_by,
                    )
                )
            elif kind == "unmatched":
                out.append(
                    Finding(
                        Severity.WARNING,
                        f"{case_named(case_id)}: no contract for '{customer}' ({product or 'no product'}); the case is not "
                        "counted.",
                        source,
                        named_by,
                        str(customer),
                    )
                )
            elif kind == "no term" and (first := _before_the_book(since or {}, str(customer), str(product), when)):
                out.append(
                    Finding(
                        Severity.INFO,
                        f"{case_named(case_id)}: opened {when:%Y-%m-%d %H:%M} UTC, before the first {product} term of "
                        f"{customer} in the book ({first.term_start:%Y-%m-%d}): no term of the book covers it; the "
                        f"book says the product was held since {first.initial_term_start:%Y-%m-%d} (its initial term "
                        "start), so the earlier term is not in the book. Listed as No contract in force, not judged.",
                        source,
                        headed.get("opened", "Opened"),
                        str(customer),
                    )
                )
            elif kind == "no term" and (terms := (undated or {}).get((customer_key(str(customer)), str(product)))):
                why = "their errors say" if len(terms) > 1 else "its error says"
                listed = ", ".join(t.source.describe() for t in terms[:3]) + (
                    f" and {len(terms) - 3} more" if len(terms) > 3 else ""
                )
                out.append(
                    Finding(
                        Severity.WARNING,
                        f"{case_named(case_id)}: opened {when:%Y-%m-%d %H:%M} UTC, in no dated {product} term of "
                        f"{customer}; the book's {product} term{'s' if len(terms) > 1 else ''} at {listed} "
                        f"give{'' if len(terms) > 1 else 's'} no start or end date ({why} why), so which term "
                        "was in force is not known. Listed as No contract in force, not counted.",
                        source,
                        headed.get("opened", "Opened"),
                        str(customer),
                    )
                )
            elif kind == "no term":
                # the customer's local time where its day is not the UTC one: the day that decides (domain.md §8)
                around = outside_terms((dated or {}).get((customer_key(str(customer)), str(product)), []), when)
                local = (
                    f" ({around.local} customer local time, {around.where})".replace(", )", ")")
                    if around is not None and around.day != around.utc_day
                    else ""
                )
                out.append(
                    Finding(
                        Severity.WARNING,
                        f"{case_named(case_id)}: opened {when:%Y-%m-%d %H:%M} UTC{local}, when no "
                        f"{product or ''} term of {customer} was in force; listed as No contract in "
                        "force, not counted.".replace("  ", " "),
                        source,
                        headed.get("opened", "Opened"),
                        str(customer),
                    )
                )
            else:
                out.append(
                    Finding(
                        Severity.INFO,
                        f"{case_named(case_id)}: Auth0 non-production tenant; out of SLA scope.",
                        source,
                        headed.get("environment", "Environment"),
                        str(customer),
                        "auth0",
                    )
                )
    return out
