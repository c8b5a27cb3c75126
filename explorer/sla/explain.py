"""Why a case is due when it is: the engine's reasoning for one case, step by step, as text.

Nothing here re-implements the clock. The case is matched to its contract row by
explorer.sla.matching, its hours come from engine.calendar_hours and its due time
from OpenHours.clock, exactly as in engine.evaluate; the explanation then walks
those same open intervals from opening to due and names every closed span between
them (weekend, the holiday's name, outside hours, a daylight-saving change).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from explorer import rules
from explorer.catalog import WEEKDAYS, Calendar, Catalog
from explorer.durations import duration, wall
from explorer.model import Book, Contract, Severity, customer_key
from explorer.shown import shown_name
from explorer.sla.calendars import NO_TIME, HolidayCalendar, OpenHours, day_range
from explorer.sla.engine import PAD_DAYS, SlaResult, calendar_hours, dated_terms, outside_terms
from explorer.sla.matching import match_cases


@dataclass(frozen=True)
class Span:
    """A stretch of time between opening and due: open (counted) or closed (skipped, with why)."""

    start: int  # UTC epoch seconds
    end: int
    open: bool
    reasons: tuple[str, ...] = ()

    @property
    def minutes(self) -> float:
        return (self.end - self.start) / 60


@dataclass
class Explanation:
    case_id: str
    found: bool
    lines: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    target_minutes: int = 0
    due: datetime | None = None  # from the same clock as the engine's

    @property
    def open_minutes(self) -> float:
        return sum(s.minutes for s in self.spans if s.open)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def explain(book: Book, catalog: Catalog, sla: SlaResult, case_id: str) -> Explanation:
    """The reasoning behind one case's due time and outcome, as known at ``sla.as_of``."""
    ids = sla.cases["case_id"].astype(str).to_numpy()
    hits = np.flatnonzero(ids == str(case_id).strip())
    if not len(hits):
        known = book.cases is not None and bool((book.cases["case_id"].astype(str).to_numpy() == str(case_id).strip()).any())
        if not known and (refused := _refused_logs(book)):  # the case may be in a log whose cases were never read
            return Explanation(case_id, False, [f"Case {case_id} is not among the cases read: {refused}"])
        why = (
            f"it was opened after the as-of moment ({sla.as_of:%Y-%m-%d %H:%M} UTC), so it is not known yet"
            if known
            else "it is not in the case log"
        )
        return Explanation(case_id, False, [f"Case {case_id}: {why}."])
    if len(hits) == 1:
        return _one(book, catalog, sla, sla.cases.iloc[int(hits[0])])
    return _each(book, catalog, sla, sla.cases.iloc[hits])


def _refused_logs(book: Book) -> str:
    """What the case logs that gave no case say about why (their errors), '' where every log gave cases."""
    read = set() if book.cases is None else {shown_name(str(f)) for f in pd.unique(book.cases["file"].astype(str))}
    said = []
    for log in book.case_files:
        if shown_name(log) in read:
            continue
        errors = [f.message for f in book.findings if f.severity is Severity.ERROR and f.source.file == log]
        why = " ".join(errors[:2]) if errors else "no case table was found in it."
        said.append(f"the cases of the case log {shown_name(log)} could not be read. {why}")
    return " ".join(said)


def _each(book: Book, catalog: Catalog, sla: SlaResult, rows: pd.DataFrame) -> Explanation:
    """One ID that two help desks gave two cases (two customers, two products): each explained, one after another,
    named by its customer, in an order of their own (customer, product, opening, file, row), never the order the
    logs were given in. The figures (spans, due) are the first one's."""
    shown = rows.assign(
        _customer=rows["customer"].astype(str).str.casefold(),
        _product=rows["product"].astype(str),
        _file=rows["file"].astype(str).map(lambda f: f.rsplit("/", 1)[-1]),
    ).sort_values(["_customer", "_product", "opened", "_file", "row"], na_position="last", kind="stable")
    each = [_one(book, catalog, sla, row, named=True) for _, row in shown.iterrows()]
    out = each[0]
    names = "; ".join(f"{row['customer']}, {row['product'] or 'no product'}" for _, row in shown.iterrows())
    lines = [
        f"Case {out.case_id} names {len(each)} cases ({names}): help desks number their tickets independently, "
        "so each is judged on its own."
    ]
    for one in each:
        lines += ["", *one.lines]
    out.lines = lines
    return out


def _one(book: Book, catalog: Catalog, sla: SlaResult, row: pd.Series, named: bool = False) -> Explanation:
    """The reasoning behind the case of one row of the SLA result (``named``: its customer said in its first line)."""
    log = book.cases
    assert log is not None  # explain returned before, without a case log
    source = log[(log["file"].astype(str) == str(row["file"])) & (log["row"].to_numpy() == int(row["row"]))].iloc[:1]
    out = Explanation(str(row["case_id"]), True)
    say = out.lines.append
    whose = f", {row['customer']}, {row['product'] or 'no product'}" if named else ""
    say(f"Case {row['case_id']}{whose} ({row['file'] and str(row['file']).rsplit('/', 1)[-1]}, row {int(row['row'])})")
    opened = _instant(row["opened"])
    if opened is None:
        say("Opened: no readable opening time, so no clock runs.")
        say(f"Outcome: {row['outcome']}")
        return out
    contract = _contract(book, source, opened)
    zone = ZoneInfo(contract.time_zone if contract else "UTC")
    # no term in force: the customer's local day against its terms around it, as the check warning says it
    around = (
        None
        if contract or row["outcome"] != "No contract in force"
        else outside_terms(
            dated_terms(catalog, book.contracts).get((customer_key(str(row["customer"])), str(row["product"])), []), opened
        )
    )
    if contract:
        say(f"Opened: {_utc(opened)}; {_local(opened, zone)} customer local time")
    else:
        say(f"Opened: {_utc(opened)}; {around.local} customer local time" if around else f"Opened: {_utc(opened)}")
    if "response_early" in source and len(source) and bool(source["response_early"].iloc[0]):
        early = _instant(source["first_response"].iloc[0])
        say(
            f"First human response: {_utc(early) if early else '?'}, earlier than the opening time: one of the two "
            "times is wrong, so no clock runs"
        )
        say(f"Outcome: {row['outcome']}")
        return out
    if contract is None:
        say(
            f"Contract: none in force. {row['customer']} holds no {row['product'] or 'such'} term containing the "
            "opening day (customer local time)" + (f", {around.day:%Y-%m-%d}: {around.where}" if around and around.where else "")
            if row["outcome"] == "No contract in force"
            else f"Contract: none matches customer '{row['customer']}' and product '{row['product'] or '(none)'}'."
        )
        say(f"Outcome: {row['outcome']} (listed, not counted in compliance)")
        return out
    program = rules.program_of(catalog, contract)
    product = rules.product_name(catalog, contract)
    say(
        f"Contract in force: {contract.customer.strip()}, {product} {program.name if program else '(no program)'}, "
        f"term {_day(contract.term_start)} – {_day(contract.term_end)} ({contract.source.describe()})"
    )
    priority = row["priority"]
    if program is None or pd.isna(priority):
        say(_no_priority(catalog, source) if pd.isna(priority) else "Program: not one the catalog knows, so no target applies.")
        say(f"Outcome: {row['outcome']}")
        return out
    level = int(priority)
    at_open = bool(source["priority_at_open"].iloc[0]) if "priority_at_open" in source and len(source) else False
    written = str(source["priority_text"].iloc[0]) if len(source) else f"P{level}"
    why = (
        "the priority at opening, which sets the target even if support lowered it later"
        if at_open
        else "the case's recorded priority"
    )
    say(f"Priority: P{level} ('{written}', {why})")
    target = program.targets[level]
    calendar = catalog.calendars[target.calendar]
    out.target_minutes = target.minutes
    say(f"Target: first human response within {duration(target.minutes)} on the {calendar.label} clock")
    where = f"{contract.time_zone}, country {contract.country or 'unknown'}"
    if contract.subdivision:
        where += f" ({contract.subdivision})"
    say(f"Calendar: {calendar.describe()}; zone {where}")
    if row["outcome"] == "Out of scope":
        say("Outcome: Out of scope (a non-production tenant; the program covers production only)")
        return out
    as_of_s = int(sla.as_of.timestamp())
    responded = _instant(row["first_response"])
    target_s = np.array([target.minutes * 60], dtype=np.int64)
    start = np.array([int(opened.timestamp())], dtype=np.int64)
    stop = np.array([int(responded.timestamp()) if responded else as_of_s], dtype=np.int64)
    if calendar.always_open:  # as the engine: no intervals, opening + target
        holidays, due_s, used = None, start + target_s, np.maximum(stop - start, 0)
        hours = OpenHours(start, start + target_s)
    else:
        hours, holidays = _hours(calendar, contract, book, opened, responded, as_of_s)
        due_s, used = hours.clock(start, target_s, stop)
    due = int(due_s[0])
    out.due = datetime.fromtimestamp(due, UTC) if due != NO_TIME else None
    out.spans = _walk(hours, int(opened.timestamp()), due, calendar, zone, holidays) if due != NO_TIME else []
    if calendar.always_open:
        say(f"Clock: runs without a break, so due = opened + {duration(target.minutes)}")
    else:
        say("Clock, from opening to due:")
        for span in out.spans:
            kind = "open, counted" if span.open else "closed, skipped"
            text = f"  {_local_span(span, zone)}  {duration(span.minutes)} {kind}"
            reasons = list(span.reasons) if not span.open else _clock_change(span, zone)
            say(text + (f": {'; '.join(reasons)}" if reasons else ""))
        say(f"  open time counted: {duration(out.open_minutes)} = the target")
    if out.due is None:
        say("Due: beyond the calendar's known days")
    else:
        say(f"Due: {_utc(out.due)}; {_local(out.due, zone)} customer local time")
    if responded is not None:
        say(
            f"First human response: {_utc(responded)}; {_local(responded, zone)} customer local time "
            f"({duration(float(used[0]) / 60)} of open time after opening)"
        )
    elif "response_unknown" in source and len(source) and bool(source["response_unknown"].iloc[0]):
        say(
            "First human response: at no time the log gives (it says one was sent, or a milestone export has no First "
            "Response milestone for the case); so it is not judged"
        )
        say(f"Outcome: {row['outcome']}")
        return out
    else:
        say(f"First human response: none known at the as-of moment ({sla.as_of:%Y-%m-%d %H:%M} UTC)")
    say(f"Outcome: {row['outcome']}")
    if out.due is not None:
        say(_margin(out.due, responded or sla.as_of, target.minutes - float(used[0]) / 60, responded is not None))
    return out


def _margin(due: datetime, end: datetime, left: float, answered: bool) -> str:
    """The margin on the contract's clock, as the verdict and every output say it (the result's late_minutes), with
    the wall time to or from the due time beside it where a closed clock makes them differ."""
    apart = (due - end).total_seconds() / 60
    if answered and abs(left) < 1:
        return "Margin: none, answered in the due minute"
    beside = ""
    if abs(apart - left) >= 1:
        when = "answered" if answered else "the as-of moment is"
        beside = f" ({when} {wall(abs(apart))} {'before' if apart > 0 else 'after'} its due time)"
    if answered:
        return f"Margin: {duration(abs(left))} {'early' if left > 0 else 'late'} on its clock{beside}"
    if left >= 0:
        return f"Margin: {duration(left)} left on its clock at the as-of moment{beside}"
    return f"Margin: {duration(-left)} late on its clock at the as-of moment, and still unanswered{beside}"


def _contract(book: Book, source: pd.DataFrame, opened: datetime) -> Contract | None:
    """The contract row in force at opening, by the engine's own matching."""
    if source.empty:
        return None
    seconds = np.array([int(opened.timestamp())], dtype=np.int64)
    index = int(match_cases(book.contracts, source, seconds).contract[0])
    return book.contracts[index] if index >= 0 else None


def _hours(
    calendar: Calendar, contract: Contract, book: Book, opened: datetime, responded: datetime | None, as_of_s: int
) -> tuple[OpenHours, HolidayCalendar | None]:
    moments = [int(opened.timestamp()), as_of_s] + ([int(responded.timestamp())] if responded else [])
    first, last = day_range(np.array(moments, dtype=np.int64))
    last = last + timedelta(days=PAD_DAYS)
    return calendar_hours(
        calendar, contract.time_zone, contract.country, contract.subdivision, book, (first.year, last.year), first, last
    )


def _walk(
    hours: OpenHours, opened: int, due: int, calendar: Calendar, zone: ZoneInfo, holidays: HolidayCalendar | None
) -> list[Span]:
    """The open pieces of the intervals between opening and due, and the closed gaps between them."""
    if calendar.always_open:
        return [Span(opened, due, True)]
    spans: list[Span] = []
    first = max(int(np.searchsorted(hours.ends, opened, side="right")), 0)
    cursor = opened
    for start, end in zip(hours.starts[first:].tolist(), hours.ends[first:].tolist(), strict=True):
        if start >= due:
            break
        begin = max(start, opened)
        if begin > cursor:
            spans.append(Span(cursor, begin, False, _reasons(cursor, begin, calendar, zone, holidays)))
        stop = min(end, due)
        if spans and spans[-1].open and spans[-1].end == begin:  # adjacent days of a 24-hour calendar: one span
            spans[-1] = Span(spans[-1].start, stop, True)
        else:
            spans.append(Span(begin, stop, True))
        cursor = stop
    return spans


def _reasons(start: int, end: int, calendar: Calendar, zone: ZoneInfo, holidays: HolidayCalendar | None) -> tuple[str, ...]:
    """Why the calendar is closed from start to end, one reason per kind of local day the gap covers."""
    local_start = datetime.fromtimestamp(start, zone)
    local_end = datetime.fromtimestamp(end, zone)
    last = local_end.date() - timedelta(days=1) if local_end.time() == datetime.min.time() else local_end.date()
    closures = {c.day: c for c in holidays.closures_between(local_start.date(), last)} if holidays else {}
    out: list[str] = []
    weekend: list[date] = []
    day = local_start.date()
    while day <= last:
        if day.weekday() not in calendar.days:
            weekend.append(day)
        else:
            _flush_weekend(weekend, out)
            if day in closures:
                out.append(f"{closures[day].describe()}, {WEEKDAYS[day.weekday()]} {day:%Y-%m-%d} (holiday)")
            elif "outside hours" not in out:
                out.append("outside hours")
        day += timedelta(days=1)
    _flush_weekend(weekend, out)
    before, after = local_start.utcoffset(), local_end.utcoffset()
    if before != after:
        out.append(f"a daylight-saving change (UTC{_offset(before)} to UTC{_offset(after)})")
    return tuple(out)


def _clock_change(span: Span, zone: ZoneInfo) -> list[str]:
    """An open span across a daylight-saving change lasts more or less than the local times suggest: say so."""
    before = datetime.fromtimestamp(span.start, zone).utcoffset()
    after = datetime.fromtimestamp(span.end, zone).utcoffset()
    if before == after:
        return []
    return [f"across a daylight-saving change (UTC{_offset(before)} to UTC{_offset(after)}); counted in real time"]


def _flush_weekend(days: list[date], out: list[str]) -> None:
    if days:
        names = f"{WEEKDAYS[days[0].weekday()]} {days[0]:%Y-%m-%d}" + (
            f" – {WEEKDAYS[days[-1].weekday()]} {days[-1]:%Y-%m-%d}" if len(days) > 1 else ""
        )
        out.append(f"weekend ({names})")
        days.clear()


def _instant(value: pd.Timestamp | None) -> datetime | None:
    if value is None or pd.isna(value):
        return None
    stamp = pd.Timestamp(value)
    return (stamp if stamp.tzinfo else stamp.tz_localize("UTC")).to_pydatetime()


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _local(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{WEEKDAYS[local.weekday()]} {local:%Y-%m-%d %H:%M} {local.tzname()}"


def _local_span(span: Span, zone: ZoneInfo) -> str:
    a = datetime.fromtimestamp(span.start, zone)
    b = datetime.fromtimestamp(span.end, zone)
    return f"{WEEKDAYS[a.weekday()]} {a:%Y-%m-%d %H:%M} → {WEEKDAYS[b.weekday()]} {b:%Y-%m-%d %H:%M}"


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _day(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "?"


def _no_priority(catalog: Catalog, source: pd.DataFrame) -> str:
    """Why a case has no target: its priority text is not a level, or it has none (decision no-priority)."""
    text = str(source["priority_text"].iloc[0]).strip() if len(source) and "priority_text" in source else ""
    if text and text.lower() != "nan":
        return f"Priority: '{text}' is not a level (P1-P4, Sev 1-4, Urgent/High/Normal/Low), so no target applies."
    decision = catalog.decisions.get("no-priority")
    why = f" ({decision.title}: listed, not judged)" if decision else ""
    return f"Priority: none given, so no target applies{why}."
