"""First-response due times and outcomes for every case of a book, vectorised.

Each case is matched to its contract by (customer, product), takes its target
and clock from the contract's program in the catalog, and is evaluated against
an as-of moment. Cases on a calendar clock are grouped by (calendar, time zone,
country) so that one set of open intervals serves the whole group.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd

from explorer.catalog import Catalog
from explorer.model import Book, Contract, Finding, Severity, Source, customer_key
from explorer.sla.calendars import NO_TIME, OpenHours, day_range, has_holiday_data, open_hours, public_holidays


class Outcome(enum.StrEnum):
    MET = "Met"
    BREACHED = "Breached"
    AT_RISK = "At risk"
    PENDING = "Pending"
    OUT_OF_SCOPE = "Out of scope"
    UNMATCHED = "Unmatched"
    NOT_EVALUATED = "Not evaluated"


COUNTED = (Outcome.MET, Outcome.BREACHED, Outcome.AT_RISK, Outcome.PENDING)
RESULT_COLUMNS = ["case_id", "customer", "product", "program", "priority", "target_minutes", "clock", "opened",
                  "due", "first_response", "business_minutes", "consumed", "outcome", "file", "sheet", "row"]
PAD_DAYS = 120  # open intervals reach this far past the last moment of interest


@dataclass
class SlaResult:
    cases: pd.DataFrame  # RESULT_COLUMNS, one row per case of the book's log
    as_of: datetime
    findings: list[Finding] = field(default_factory=list)
    calendars_used: dict[str, str] = field(default_factory=dict)  # calendar id -> definition


def as_of_moment(day: date | datetime | None = None) -> datetime:
    """The as-of instant: the end of the given day in UTC (now when None)."""
    if day is None:
        return datetime.now(UTC)
    if isinstance(day, datetime):
        return day if day.tzinfo else day.replace(tzinfo=UTC)
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=UTC)


def _seconds(series: pd.Series) -> np.ndarray:
    """UTC timestamps as int64 epoch seconds; NO_TIME for NaT."""
    values = series.to_numpy(dtype="datetime64[s]", na_value=np.datetime64("NaT"))
    out = values.astype(np.int64)
    out[np.isnat(values)] = NO_TIME
    return out


def _from_seconds(seconds: np.ndarray) -> pd.Series:
    values = seconds.astype("datetime64[s]")
    values[seconds == NO_TIME] = np.datetime64("NaT")
    return pd.Series(pd.to_datetime(values).tz_localize("UTC")).astype("datetime64[ns, UTC]")


def _contract_index(book: Book, cases: pd.DataFrame) -> np.ndarray:
    """For each case, the index of its contract in book.contracts, or -1."""
    by_key: dict[tuple[str, str], int] = {}
    by_customer: dict[str, list[int]] = {}
    for i, contract in enumerate(book.contracts):
        if contract.product is None or not contract.customer:
            continue
        key = customer_key(contract.customer)
        by_key.setdefault((key, contract.product), i)
        if i == by_key[(key, contract.product)]:
            by_customer.setdefault(key, []).append(i)
    cust_codes, cust_uniques = pd.factorize(cases["customer_key"], use_na_sentinel=False)
    prod_codes, prod_uniques = pd.factorize(cases["product"].fillna(""), use_na_sentinel=False)
    table = np.full((len(cust_uniques), len(prod_uniques)), -1, dtype=np.int64)
    for ci, cust in enumerate(cust_uniques):
        for pi, prod in enumerate(prod_uniques):
            if prod == "":  # no product on the case: the customer's only contract, if it has one
                only = by_customer.get(cust, [])
                table[ci, pi] = only[0] if len(only) == 1 else -1
            else:
                table[ci, pi] = by_key.get((cust, prod), -1)
    return table[cust_codes, prod_codes]


def evaluate(book: Book, catalog: Catalog, as_of: datetime, at_risk_fraction: float | None = None) -> SlaResult:
    """Due time, business minutes to first response and outcome of every case in the book."""
    threshold = catalog.settings.at_risk_fraction if at_risk_fraction is None else at_risk_fraction
    cases = book.cases
    result = SlaResult(pd.DataFrame(columns=RESULT_COLUMNS), as_of)
    if cases is None or cases.empty:
        return result
    n = len(cases)
    contract_of = _contract_index(book, cases)
    contracts = book.contracts
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
    opened = _seconds(cases["opened"])
    responded = _seconds(cases["first_response"])
    as_of_s = int(as_of.timestamp())
    responded = np.where(responded > as_of_s, NO_TIME, responded)  # not yet known at the as-of moment

    production_only = cases["product"].map({p.id: p.production_only for p in catalog.products.values()})\
        .fillna(False).to_numpy(dtype=bool)
    out_of_scope = production_only & (cases["environment"].to_numpy(dtype=object) == "non-production")
    evaluable = matched & (program_of >= 0) & has_priority & (opened != NO_TIME) & ~out_of_scope

    due = np.full(n, NO_TIME, dtype=np.int64)
    spent = np.zeros(n, dtype=np.int64)  # open seconds from opening to response (or to as-of)
    target_s = target_min * 60
    for ci, cid in enumerate(calendar_ids):
        calendar = catalog.calendars[cid]
        in_cal = np.flatnonzero(evaluable & (calendar_of == ci))
        if len(in_cal) == 0:
            continue
        result.calendars_used[cid] = calendar.describe()
        if calendar.always_open:
            o, r = opened[in_cal], responded[in_cal]
            due[in_cal] = o + target_s[in_cal]
            end = np.where(r != NO_TIME, r, as_of_s)
            spent[in_cal] = np.maximum(end - o, 0)
            continue
        _evaluate_calendar(calendar, in_cal, contract_of, contracts, book, opened, responded, as_of_s,
                           target_s, due, spent, result)

    has_response = responded != NO_TIME
    with np.errstate(divide="ignore", invalid="ignore"):
        consumed = np.where(target_s > 0, spent / np.maximum(target_s, 1), 0.0)
    outcome = np.full(n, Outcome.NOT_EVALUATED.value, dtype=object)
    outcome[~matched] = Outcome.UNMATCHED.value
    outcome[out_of_scope & matched] = Outcome.OUT_OF_SCOPE.value
    ok = evaluable & (due != NO_TIME)
    outcome[ok & has_response & (responded <= due)] = Outcome.MET.value
    outcome[ok & has_response & (responded > due)] = Outcome.BREACHED.value
    waiting = ok & ~has_response
    outcome[waiting & (as_of_s > due)] = Outcome.BREACHED.value
    outcome[waiting & (as_of_s <= due)] = Outcome.PENDING.value
    outcome[waiting & (as_of_s <= due) & (consumed >= threshold)] = Outcome.AT_RISK.value

    program_names = np.array([catalog.programs[p].name for p in program_ids] + [""], dtype=object)
    customer_names = np.array([c.customer for c in contracts] + [""], dtype=object)
    case_customer = cases["customer"].to_numpy(dtype=object)
    result.cases = pd.DataFrame({
        "case_id": cases["case_id"].to_numpy(),
        "customer": np.where(matched, customer_names[contract_of], case_customer),
        "product": cases["product"].map({p.id: p.name for p in catalog.products.values()}).fillna("").to_numpy(),
        "program": np.where(matched, program_names[program_of], ""),
        "priority": cases["priority"].to_numpy(),
        "target_minutes": np.where(evaluable, target_min, 0),
        "clock": np.where(evaluable, np.array(calendar_ids + [""], dtype=object)[calendar_of], ""),
        "opened": cases["opened"].to_numpy(),
        "due": _from_seconds(due).to_numpy(),
        "first_response": cases["first_response"].where(pd.Series(has_response)).to_numpy(),
        "business_minutes": np.where(evaluable & has_response, spent / 60.0, np.nan),
        "consumed": np.where(evaluable, consumed, np.nan),
        "outcome": outcome,
        "file": cases["file"].to_numpy(),
        "sheet": cases["sheet"].to_numpy(),
        "row": cases["row"].to_numpy(),
    })
    result.findings.extend(_case_findings(result.cases, matched, out_of_scope, catalog))
    return result


def _evaluate_calendar(calendar, in_cal, contract_of, contracts: list[Contract], book: Book,  # type: ignore[no-untyped-def]
                       opened, responded, as_of_s: int, target_s, due, spent, result: SlaResult) -> None:
    """Due times on one calendar, one (zone, country) group at a time."""
    groups: dict[tuple[str, str], list[int]] = {}
    for ci in np.unique(contract_of[in_cal]).tolist():
        c = contracts[ci]
        groups.setdefault((c.time_zone, c.country if calendar.holidays == "country" else ""), []).append(ci)
    reported: set[str] = {f.message for f in result.findings}
    for (zone, country), members in groups.items():
        idx = in_cal[np.isin(contract_of[in_cal], members)]
        o, r = opened[idx], responded[idx]
        lo, hi = day_range(np.concatenate([o, r[r != NO_TIME], [as_of_s]]))
        hi = hi + pd.Timedelta(days=PAD_DAYS).to_pytimedelta()
        closed: set[date] = set()
        if calendar.holidays == "country":
            closed |= public_holidays(country, lo.year, hi.year)
            closed |= {h.day for h in book.holidays if not h.country or h.country == country}
            if country and not has_holiday_data(country):
                message = (f"No public-holiday data for country {country}; business hours there count every "
                           "weekday as open.")
                if message not in reported:
                    reported.add(message)
                    result.findings.append(Finding(Severity.WARNING, message))
        hours: OpenHours = open_hours(calendar, zone, closed, lo, hi)
        due[idx] = hours.due(o, target_s[idx])
        end = np.where(r != NO_TIME, r, as_of_s)
        spent[idx] = hours.between(o, end)


def _case_findings(frame: pd.DataFrame, matched: np.ndarray, out_of_scope: np.ndarray,
                   catalog: Catalog) -> list[Finding]:
    out = []
    for i in np.flatnonzero(~matched).tolist():
        row = frame.iloc[i]
        product = row["product"] or "no product"
        out.append(Finding(Severity.WARNING, f"Case {row['case_id']}: no contract for '{row['customer']}' "
                           f"({product}); the case is not counted.",
                           Source(str(row["file"]), str(row["sheet"]), int(row["row"])), "Customer",
                           str(row["customer"])))
    for i in np.flatnonzero(out_of_scope & matched).tolist():
        row = frame.iloc[i]
        out.append(Finding(Severity.INFO, f"Case {row['case_id']}: Auth0 non-production tenant; out of SLA scope.",
                           Source(str(row["file"]), str(row["sheet"]), int(row["row"])), "Environment",
                           str(row["customer"]), "auth0"))
    return out
