"""Key dates as an iCalendar file (RFC 5545) for Outlook, Google Calendar and Apple Calendar.

Every key date of the chosen customers is an all-day event read from their
CustomerSheets (so the calendar says what the app says); the kickoff window is
one event spanning its days. Each event's UID is derived from customer, product,
term start and the catalog rule's id, so importing an updated file updates the
events instead of duplicating them. Action deadlines carry a reminder the
catalog's ``settings.alarm_days`` ahead, unless the deadline is marked done.
icalendar writes the file: CRLF line ends, lines folded at 75 octets, escaping.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from explorer import __version__, clock
from explorer.app.sheet import CustomerSheet, DateLine
from explorer.atomic import write_atomically
from explorer.catalog import Catalog

PRODID = f"-//Entitlement Explorer//Key dates {__version__}//EN"
UID_DOMAIN = "entitlement-explorer"
ANCHORS = {
    "term_start": "the term start",
    "term_end": "the Order Form end date",
    "initial_term_start": "the initial subscription term start",
}


@dataclass(frozen=True)
class KeyEvent:
    uid: str
    summary: str
    description: str
    start: date
    end: date  # inclusive; the file's DTEND is the day after
    alarm_days: int | None  # remind this many days ahead, or no reminder


def uid(customer_key: str, product: str, term_start: date | None, event: str) -> str:
    """Stable across exports, renames of the event and re-sorting of the book."""
    text = "|".join([customer_key, product, term_start.isoformat() if term_start else "", event])
    return f"{hashlib.sha256(text.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


def _rule_text(catalog: Catalog, line: DateLine) -> str:
    """How the date follows from the contract, in words ("45 days before the Order Form end date")."""
    rule = next((r for r in catalog.key_dates if r.id == line.date.id), None)
    if rule is None:
        return ""
    anchor = ANCHORS.get(rule.anchor, rule.anchor.replace("_", " "))
    if rule.offset_days == 0:
        when = f"On {anchor}."
    else:
        days = abs(rule.offset_days)
        when = f"{days} day{'s' if days != 1 else ''} {'after' if rule.offset_days > 0 else 'before'} {anchor}."
    return f"{when} {line.date.note}".strip()


def _contract_text(sheet: CustomerSheet, line: DateLine) -> str:
    contract = next((c for c in sheet.contracts if c.contract is line.contract), None)
    title = contract.title if contract else line.product
    source = line.contract.source.describe()
    return f"Contract: {sheet.name}, {title}" + (f" ({source})" if source else "") + "."


def customer_events(sheet: CustomerSheet) -> list[KeyEvent]:
    """The customer's key dates as events, the kickoff window joined into one."""
    catalog = sheet.catalog
    out: list[KeyEvent] = []
    by_contract: dict[int, list[DateLine]] = {}
    for line in sheet.dates:
        by_contract.setdefault(id(line.contract), []).append(line)
    for lines in by_contract.values():
        kickoff_start = next((d for d in lines if d.date.role == "kickoff_start"), None)
        kickoff_end = next((d for d in lines if d.date.role == "kickoff_end"), None)
        for line in lines:
            contract = line.contract
            customer, product = contract.key
            base = f"{sheet.name} · {line.product}"
            contract_text = _contract_text(sheet, line)
            if line.date.role in ("kickoff_start", "kickoff_end") and kickoff_start and kickoff_end:
                if line is kickoff_end:
                    continue
                first, last = kickoff_start.date.day, kickoff_end.date.day
                out.append(
                    KeyEvent(
                        uid(customer, product, contract.term_start, "kickoff-window"),
                        f"{base} · Success kickoff window",
                        f"Hold the success kickoff meeting between {first:%Y-%m-%d} and {last:%Y-%m-%d} "
                        f"(from: {_rule_text(catalog, kickoff_start)[:-1].lower()}; "
                        f"by: {_rule_text(catalog, kickoff_end)[:-1].lower()}).\n{contract_text}",
                        first,
                        last,
                        None,
                    )
                )
                continue
            action = line.date.role == "action_deadline"
            done = line.mark.done
            description = _rule_text(catalog, line)
            if done:
                description += " Marked done in Entitlement Explorer."
            if line.mark.note.strip():
                description += f"\nNote: {line.mark.note.strip()}"
            out.append(
                KeyEvent(
                    uid(customer, product, contract.term_start, line.date.id or line.date.event),
                    f"{base} · {line.date.event}",
                    f"{description}\n{contract_text}".strip(),
                    line.date.day,
                    line.date.day,
                    catalog.settings.alarm_days if action and not done else None,
                )
            )
    return _unique(out)


def _unique(events: list[KeyEvent]) -> list[KeyEvent]:
    """A duplicated contract row (same customer, product and term start) gives its events once; where its
    dates differ, the second event's UID also names its days."""
    seen: dict[str, KeyEvent] = {}
    out = []
    for event in events:
        first = seen.get(event.uid)
        if first is not None and (first.start, first.end) == (event.start, event.end):
            continue
        if first is not None:
            event = dataclasses.replace(event, uid=event.uid.replace("@", f"-{event.start:%Y%m%d}{event.end:%Y%m%d}@"))
        seen.setdefault(event.uid, event)
        out.append(event)
    return out


def build_calendar(sheets: Iterable[CustomerSheet], name: str = "Entitlement key dates", stamp: datetime | None = None) -> bytes:
    """The iCalendar text of every key date of the sheets' customers."""
    from icalendar import Alarm, Calendar, Event

    stamp = stamp or clock.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for sheet in sheets:
        for item in customer_events(sheet):
            event = Event()
            event.add("uid", item.uid)
            event.add("dtstamp", stamp)
            event.add("dtstart", item.start)  # a date: VALUE=DATE, an all-day event
            event.add("dtend", item.end + timedelta(days=1))  # all-day ends are exclusive
            event.add("summary", item.summary)
            event.add("description", item.description)
            event.add("transp", "TRANSPARENT")  # a date to know, not a busy block
            if item.alarm_days is not None:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", f"{item.summary} in {item.alarm_days} days")
                alarm.add("trigger", timedelta(days=-item.alarm_days))
                event.add_component(alarm)
            cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_calendar(sheets: Iterable[CustomerSheet], target: Path | str, inputs: Iterable[Path | str] = ()) -> Path:
    """Write the .ics atomically; raises OutputError with a one-line message."""
    data = build_calendar(list(sheets))

    def write(path: Path) -> None:
        path.write_bytes(data)

    return write_atomically(target, write, inputs)
