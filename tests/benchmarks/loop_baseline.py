"""Baselines the SLA engine is measured against: the same rules, one case at a time in Python
(the term in force on the local opening day, then the clock).

day_by_day_loop is the clock as it is usually first written: per case, walk the
customer's local calendar a day at a time with datetime and zoneinfo. It is the
named baseline of the benchmark. interval_loop is a tuned per-case loop that
reuses the engine's precomputed UTC open intervals (bisect, then walk); it is
printed beside it so the reader sees how much comes from vectorising alone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from explorer.catalog import Calendar, Catalog
from explorer.model import Book, Contract, customer_key
from explorer.sla.calendars import open_hours, public_holidays

DueFn = Callable[[Contract, Calendar, int, int], int]


def _run(book: Book, catalog: Catalog, as_of: datetime, due_of: DueFn) -> list[str]:
    assert book.cases is not None
    contracts: dict[tuple[str, str | None], list[Contract]] = {}
    for c in book.contracts:
        contracts.setdefault((customer_key(c.customer), c.product), []).append(c)
    as_of_s = int(as_of.timestamp())
    cases = book.cases
    opened = cases["opened"].dt.tz_localize(None).to_numpy().astype("datetime64[s]").astype("int64").tolist()
    replied = cases["first_response"].dt.tz_localize(None).to_numpy().astype("datetime64[s]").astype("int64").tolist()
    outcomes = []
    for key, product, priority, environment, o, r in zip(
        cases["customer_key"].tolist(),
        cases["product"].tolist(),
        cases["priority"].tolist(),
        cases["environment"].tolist(),
        opened,
        replied,
        strict=True,
    ):
        if o > as_of_s:  # opened after the as-of moment: not known yet
            continue
        terms = contracts.get((key, product))
        if not terms:
            outcomes.append("Unmatched")
            continue
        day = datetime.fromtimestamp(o, ZoneInfo(terms[0].time_zone)).date()  # the customer's local opening day
        contract = next((c for c in terms if (c.term_start or date.min) <= day <= (c.term_end or date.max)), None)
        if contract is None or contract.program is None:
            outcomes.append("No contract in force" if contract is None else "Unmatched")
            continue
        if catalog.products[product].production_only and environment == "non-production":
            outcomes.append("Out of scope")
            continue
        target = catalog.programs[contract.program].targets[int(priority)]
        due = due_of(contract, catalog.calendars[target.calendar], o, target.minutes * 60)
        if r > 0 and r <= as_of_s:
            outcomes.append("Met" if r <= due else "Breached")
        else:
            outcomes.append("Breached" if as_of_s > due else "Pending")
    return outcomes


def day_by_day_loop(book: Book, catalog: Catalog, as_of: datetime) -> list[str]:
    holidays: dict[str, frozenset[date]] = {}

    def due_of(contract: Contract, calendar: Calendar, opened: int, seconds: int) -> int:
        if calendar.always_open:
            return opened + seconds
        if calendar.holidays == "country":
            closed = holidays.get(contract.country)
            if closed is None:
                closed = holidays[contract.country] = public_holidays(contract.country, 2024, 2028)
        else:
            closed = frozenset()
        zone = ZoneInfo(contract.time_zone)
        start = datetime.fromtimestamp(opened, UTC)
        day = start.astimezone(zone).date() - timedelta(days=1)
        left = timedelta(seconds=seconds)
        while True:
            if day.weekday() in calendar.days and day not in closed:
                midnight = datetime.combine(day, time())
                opens = (midnight + timedelta(minutes=calendar.open_minute)).replace(tzinfo=zone)
                closes = (midnight + timedelta(minutes=calendar.close_minute)).replace(tzinfo=zone)
                begin = max(opens.astimezone(UTC), start)
                end = closes.astimezone(UTC)
                if begin < end:
                    if left <= end - begin:
                        return int((begin + left).timestamp())
                    left -= end - begin
            day += timedelta(days=1)

    return _run(book, catalog, as_of, due_of)


def interval_loop(book: Book, catalog: Catalog, as_of: datetime) -> list[str]:
    cache: dict[tuple[str, str, str], tuple[list[int], list[int]]] = {}

    def due_of(contract: Contract, calendar: Calendar, opened: int, seconds: int) -> int:
        if calendar.always_open:
            return opened + seconds
        group = (calendar.id, contract.time_zone, contract.country)
        if group not in cache:
            closed = public_holidays(contract.country, 2024, 2028) if calendar.holidays == "country" else frozenset()
            hours = open_hours(calendar, contract.time_zone, closed, date(2024, 12, 1), date(2027, 12, 31))
            cache[group] = (hours.starts.tolist(), hours.ends.tolist())
        starts, ends = cache[group]
        i = max(bisect_right(starts, opened) - 1, 0)
        moment, left = max(opened, starts[i]), seconds
        while True:
            if moment >= ends[i]:
                i += 1
                moment = starts[i]
                continue
            step = min(left, ends[i] - moment)
            moment += step
            left -= step
            if left == 0:
                return moment

    return _run(book, catalog, as_of, due_of)
