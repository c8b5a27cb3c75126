"""Key dates as an iCalendar file (RFC 5545) for Outlook, Google Calendar and Apple Calendar.

Every key date of the chosen customers is an all-day event read from their
CustomerSheets (so the calendar says what the app says); the kickoff window is
one event spanning its days. Each event's UID is derived from customer, product,
term start and the catalog rule's id, so importing an updated file updates the
events instead of duplicating them. Action deadlines carry a reminder the
catalog's ``settings.alarm_days`` ahead (nearer where that day has passed; none once the
deadline has, or once it is marked done).
icalendar writes the file: CRLF line ends, lines folded at 75 octets, escaping.

Updates: Outlook takes an imported event as a newer version of one it holds (same UID)
only when its SEQUENCE is higher; Google Calendar keeps the copy it has unless SEQUENCE
rises; Apple Calendar compares LAST-MODIFIED (and DTSTAMP). So each event's LAST-MODIFIED
is when what it says last changed: its contract file's modification time, or the moment the
user last ticked or unticked its done-mark if that is later; DTSTAMP is the same moment and SEQUENCE counts the
minutes from 2000-01-01 to it. A moved date (the book saved again) rises in all three; the
same book exported twice gives byte-identical events.
Events of a contract with error findings say "(check the book)" and name the errors.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
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


SEQUENCE_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
CHECK = "(check the book)"  # ends the summary of an event whose contract has error findings


@dataclass(frozen=True)
class KeyEvent:
    uid: str
    summary: str
    description: str
    start: date
    end: date  # inclusive; the file's DTEND is the day after
    alarm_days: int | None  # remind this many days ahead, or no reminder
    modified: datetime | None = None  # when what the event says last changed (see the module's docstring)
    check: bool = False  # its contract has error findings
    cancelled: bool = False  # a date of a row an upgrade has superseded: STATUS:CANCELLED replaces the event held

    @property
    def sequence(self) -> int:
        """Minutes from 2000-01-01 to ``modified``: rises whenever the event's contract file is saved again."""
        return max(0, int((self.modified - SEQUENCE_EPOCH).total_seconds() // 60)) if self.modified else 0


def file_modified(path: str) -> datetime | None:
    """A contract file's modification time (UTC, whole seconds); None where it cannot be read."""
    try:
        return datetime.fromtimestamp(int(os.stat(path).st_mtime), tz=UTC)
    except (OSError, ValueError, OverflowError):
        return None


def _modified(line: DateLine, files: dict[str, datetime | None]) -> datetime | None:
    path = line.contract.source.file
    if path not in files:
        files[path] = file_modified(path) if path else None
    moments = [m for m in (files[path], line.mark.changed) if m is not None]  # the mark's own moment, ticked or not
    if line.mark.done and line.mark.marked is not None and line.mark.changed is None:  # a mark from before it was kept
        marked = line.mark.marked
        moments.append(datetime(marked.year, marked.month, marked.day, tzinfo=UTC))
    return max(moments, default=None)


def _alarm(line: DateLine, today: date, days: int) -> int | None:
    """Days ahead to remind of an action deadline: the setting, nearer where that day has begun already (a
    reminder fires in real time, whatever as-of day the export was judged on, at the start of its day: one on
    today's would fire at once, on import); none on the deadline's own day or after (it is due or overdue: the app
    and the report say so) or once it is settled (done, or renewed by the next term)."""
    if line.date.role != "action_deadline" or line.settled:
        return None
    left = (line.date.day - today).days
    return None if left < 1 else min(days, left - 1)


def uid(customer_key: str, product: str, term_start: date | None, event: str) -> str:
    """Stable across exports, renames of the event and re-sorting of the book."""
    text = "|".join([customer_key, product, term_start.isoformat() if term_start else "", event])
    return f"{hashlib.sha256(text.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


def _rule_text(catalog: Catalog, line: DateLine) -> str:
    """How the date follows from the contract, in words ("45 days before the Order Form end date")."""
    rule = next((r for r in catalog.key_dates if r.id == line.date.id), None)
    if rule is None:  # a date of the book's own (a term ended early): its note says why
        return line.date.note
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
    files: dict[str, datetime | None] = {}
    live = _events(sheet, [line for line in sheet.dates if not line.superseded], files)
    # A row an upgrade replaced: its dates ahead no longer apply. An export made before the upgrade began holds
    # them, so each is written once more as cancelled (its SEQUENCE risen to the upgrade's start), unless a row
    # in force gives the same event (a duplicate row).
    held = {event.uid for event in live}
    replaced: dict[tuple[str, str], list[DateLine]] = {}  # by (customer, product): one row in force supersedes them
    for line in sheet.all_dates:  # with the twins the views show once: the export may hold either
        if line.superseded:
            replaced.setdefault(line.contract.key, []).append(line)
    gone = []
    for key, lines in replaced.items():
        row = next((c for c in sheet.in_force if c.contract.key == key), None)
        start = row.contract.term_start if row else None
        why = f"the row in force from {start:%Y-%m-%d} supersedes this contract row" if start else "a later row supersedes it"
        began = datetime(start.year, start.month, start.day, tzinfo=UTC) if start else None
        gone += _cancelled(_events(sheet, lines, files), held, "superseded", why, began)
    # A term the book's status ended early, or says never ran: its dates after that will not come. An export made
    # before the book said so holds them, so each is written once more as cancelled.
    cut: dict[int, list[DateLine]] = {}
    for line in sheet.cut_dates:
        cut.setdefault(id(line.contract), []).append(line)
    for lines in cut.values():  # a contract's together: its kickoff window is one event
        ended = lines[0].contract.ended_on
        assert ended is not None
        why = (
            "the book says this term never ran"
            if lines[0].contract.never_ran
            else f"the book says this term ended on {ended:%Y-%m-%d}"
        )
        # the book said so when its file was saved last (the events' own modified time raises the SEQUENCE)
        gone += _cancelled(_events(sheet, lines, files), held, "cancelled", why)
    return _unique(live + gone)


def _cancelled(events: list[KeyEvent], held: set[str], tag: str, why: str, since: datetime | None = None) -> list[KeyEvent]:
    """``events`` no longer applying, written once more as cancelled (no reminder; modified no earlier than
    ``since``, so the SEQUENCE rises), except those a live event of the same UID still gives."""
    return [
        dataclasses.replace(
            event,
            summary=f"{event.summary} ({tag})",
            description=f"No longer applies: {why}.\n{event.description}",
            alarm_days=None,
            modified=max((m for m in (event.modified, since) if m), default=None),
            cancelled=True,
        )
        for event in events
        if event.uid not in held
    ]


def _events(sheet: CustomerSheet, dates: list[DateLine], files: dict[str, datetime | None]) -> list[KeyEvent]:
    """The events of ``dates`` (lines of the sheet), the kickoff window joined into one."""
    catalog = sheet.catalog
    out: list[KeyEvent] = []
    by_contract: dict[int, list[DateLine]] = {}
    for line in dates:
        by_contract.setdefault(id(line.contract), []).append(line)
    for lines in by_contract.values():
        kickoff_start = next((d for d in lines if d.date.role == "kickoff_start"), None)
        kickoff_end = next((d for d in lines if d.date.role == "kickoff_end"), None)
        for line in lines:
            contract = line.contract
            customer, product = contract.key
            base = f"{sheet.name} · {line.product}"
            contract_text = _contract_text(sheet, line)
            wrong = sheet.row_errors(contract)
            check = f" {CHECK}" if wrong else ""
            if wrong:
                contract_text += "\nThe contract book has errors for this contract, so this date may be wrong: " + "; ".join(
                    wrong
                )
            modified = _modified(line, files)
            if line.date.role in ("kickoff_start", "kickoff_end") and kickoff_start and kickoff_end:
                if line is kickoff_end:
                    continue
                first, last = kickoff_start.date.day, kickoff_end.date.day
                out.append(
                    KeyEvent(
                        uid(customer, product, contract.term_start, "kickoff-window"),
                        f"{base} · Success kickoff window{check}",
                        f"Hold the success kickoff meeting between {first:%Y-%m-%d} and {last:%Y-%m-%d} "
                        f"(from: {_rule_text(catalog, kickoff_start)[:-1].lower()}; "
                        f"by: {_rule_text(catalog, kickoff_end)[:-1].lower()}).\n{contract_text}",
                        first,
                        last,
                        None,
                        max((m for m in (modified, _modified(kickoff_end, files)) if m is not None), default=None),
                        bool(wrong),
                    )
                )
                continue
            done = line.mark.done
            description = _rule_text(catalog, line)
            if done:
                marked = line.mark.marked
                description += f" {line.status} in Entitlement Explorer." if marked else " Marked done in Entitlement Explorer."
            if line.mark.note.strip():
                description += f"\nNote: {line.mark.note.strip()}"
            out.append(
                KeyEvent(
                    uid(customer, product, contract.term_start, line.date.id or line.date.event),
                    f"{base} · {line.date.event}{check}",
                    f"{description}\n{contract_text}".strip(),
                    line.date.day,
                    line.date.day,
                    _alarm(line, clock.today(), catalog.settings.alarm_days),
                    modified,
                    bool(wrong),
                )
            )
    return out


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


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text(value: str) -> str:
    """TEXT as RFC 5545 allows it: no control characters but tab and newline (icalendar escapes the
    newline); each other one shows as U+FFFD, so a customer name cannot smuggle terminal codes."""
    return _CONTROL.sub("\ufffd", value)


def build_calendar(sheets: Iterable[CustomerSheet], name: str = "Entitlement key dates", stamp: datetime | None = None) -> bytes:
    """The iCalendar text of every key date of the sheets' customers; ``stamp`` is the DTSTAMP of an event whose
    contract file's time cannot be read (now by default)."""
    from icalendar import Alarm, Calendar, Event

    stamp = stamp or clock.now().replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _text(name))
    for sheet in sheets:
        for item in customer_events(sheet):
            event = Event()
            event.add("uid", item.uid)
            event.add("dtstamp", item.modified or stamp)
            if item.modified is not None:
                event.add("last-modified", item.modified)
                event.add("sequence", item.sequence)
            event.add("dtstart", item.start)  # a date: VALUE=DATE, an all-day event
            event.add("dtend", item.end + timedelta(days=1))  # all-day ends are exclusive
            event.add("summary", _text(item.summary))
            event.add("description", _text(item.description))
            event.add("transp", "TRANSPARENT")  # a date to know, not a busy block
            if item.cancelled:
                event.add("status", "CANCELLED")
            if item.alarm_days is not None:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                ahead = f"in {item.alarm_days} day{'s' if item.alarm_days != 1 else ''}" if item.alarm_days else "today"
                alarm.add("description", _text(f"{item.summary} {ahead}"))
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
