"""What the user has open, as a small TOML file they can save and open again (Qt-free).

A workspace names the contract books and case logs, the saved column mappings in
use, the zone of case times written without one, the as-of day (or "today"), the
catalog, and the user's done-marks and notes on key dates. Paths inside the
workspace's own folder are stored relative to it, so a folder can be moved or
shared whole. Opening reports missing files and opens the rest.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from explorer import clock
from explorer.app.errors import WorkspaceError
from explorer.atomic import write_atomically
from explorer.filekinds import UnreadableFile, load_toml, resolved
from explorer.importing.mappings import stated_order
from explorer.model import Contract, customer_key
from explorer.shown import shown, shown_name

VERSION = 1
SUFFIX = ".explorer.toml"


@dataclass(frozen=True)
class DateKey:
    """A key date, stable across reloads, renames of its event and re-sorting of the book."""

    customer: str  # customer key (trimmed, case-folded)
    product: str  # product id, or the book's folded text where it matched none
    term_start: date | None
    event: str  # the catalog key-date rule's id

    @classmethod
    def of(cls, contract: Contract, event_id: str) -> DateKey:
        customer, product = contract.key
        return cls(customer, product, contract.term_start, event_id)


@dataclass(frozen=True)
class DateMark:
    """The user's knowledge of a key date: done (since the day it was marked) and a note.

    A done-mark is not the book's: it applies on every as-of day, before the day it was made too."""

    done: bool = False
    note: str = ""
    marked: date | None = None  # the day it was marked done (shown as "Done (marked <date>)")
    # The moment the user last changed it: a calendar takes an event's update only when its LAST-MODIFIED and
    # SEQUENCE rise, so an unticked mark is kept with this alone (explorer.outputs.calendar).
    changed: datetime | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return not self.done and not self.note.strip()

    @property
    def kept(self) -> bool:
        """Worth keeping in the workspace: done, a note, or a change a calendar export must show."""
        return not self.empty or self.changed is not None


@dataclass
class Workspace:
    files: list[str] = field(default_factory=list)  # contract books (and case logs: tables are told apart)
    case_files: list[str] = field(default_factory=list)  # files named as case logs
    mappings: list[str] = field(default_factory=list)  # saved column-mapping files in use
    case_timezone: str | None = None  # None: the catalog's setting
    case_dates: str | None = None  # "day first" or "month first": how case logs write 02/11/2026; None: their dates say
    case_dates_from: str | None = None  # who set case_dates, as a finding names it: "--case-dates"; not stored
    as_of: date | None = None  # None: today, on every opening
    catalog: str | None = None  # None: the bundled catalog
    # Replaced, never changed in place: a worker thread judging with one snapshot never sees it move.
    marks: Mapping[DateKey, DateMark] = field(default_factory=lambda: MappingProxyType({}))
    path: str | None = None  # where it was last saved or opened; not stored in the file

    def day(self) -> date:
        return self.as_of or clock.today()

    @property
    def all_files(self) -> list[str]:
        return [*self.files, *self.case_files]

    @property
    def inputs(self) -> list[str]:
        """Every file read for this workspace (books, case logs, mapping files, the catalog): never an output."""
        return [*self.all_files, *self.mappings, *([self.catalog] if self.catalog else [])]

    def mark(self, key: DateKey) -> DateMark:
        return self.marks.get(key, DateMark())

    def set_mark(self, key: DateKey, done: bool | None = None, note: str | None = None, marked: date | None = None) -> DateMark:
        """Mark or unmark a key date done (dated ``marked``, by default the clock's today: the day the user
        knew, whatever as-of day is in view) and/or set its note."""
        mark = self.marks.get(key, DateMark())
        now_done = mark.done if done is None else done
        when = (marked or (mark.marked if mark.done else None) or clock.today()) if now_done else None
        mark = DateMark(now_done, mark.note if note is None else note, when, clock.now())
        marks = {k: v for k, v in self.marks.items() if k != key}
        if mark.kept:
            marks[key] = mark
        self.marks = MappingProxyType(marks)
        return mark

    def done_marks(self) -> dict[tuple[str, str, date | None, str], date | None]:
        """The key dates marked done, as rules.key_dates takes them (rules.done_key -> the day marked)."""
        return {(k.customer, k.product, k.term_start, k.event): m.marked for k, m in self.marks.items() if m.done}

    def save(self, target: Path | str) -> Path:
        """Write the workspace atomically as TOML; raises OutputError with a one-line message."""
        import tomli_w

        target = Path(target)
        text = tomli_w.dumps(self._to_toml(resolved(target).parent))

        def write(path: Path) -> None:
            path.write_text(text, encoding="utf-8")

        written = write_atomically(target, write, self.inputs)
        self.path = str(written)
        return written

    def _to_toml(self, folder: Path) -> dict[str, Any]:
        data: dict[str, Any] = {"workspace": {"version": VERSION}}
        head = data["workspace"]
        head["as_of"] = self.as_of if self.as_of else "today"
        if self.case_timezone:
            head["case_timezone"] = self.case_timezone
        if self.case_dates:
            head["case_dates"] = self.case_dates
        if self.catalog:
            head["catalog"] = _relative(self.catalog, folder)
        data["files"] = {
            "books": [_relative(f, folder) for f in self.files],
            "case_logs": [_relative(f, folder) for f in self.case_files],
            "mappings": [_relative(f, folder) for f in self.mappings],
        }
        marks = []
        for key, mark in sorted(
            self.marks.items(), key=lambda kv: (kv[0].customer, kv[0].product, kv[0].term_start or date.min, kv[0].event)
        ):
            entry: dict[str, Any] = {"customer": key.customer, "product": key.product, "event": key.event}
            if key.term_start:
                entry["term_start"] = key.term_start
            if mark.done:
                entry["done"] = True
                if mark.marked:
                    entry["marked"] = mark.marked
            if mark.note.strip():
                entry["note"] = mark.note
            if mark.changed is not None:
                entry["changed"] = mark.changed
            marks.append(entry)
        if marks:
            data["marks"] = marks
        return data


@dataclass
class Opened:
    workspace: Workspace
    missing: list[str]  # files named in the workspace that are not there; the rest opens

    def describe_missing(self) -> str:
        return "; ".join(self.missing)

    def missing_lines(self) -> list[str]:
        """One line per missing file: its name and why it cannot be opened."""
        return [missing_line(name) for name in self.missing]


def missing_line(name: str) -> str:
    """'book.xlsx is named in the workspace but not found', or what stands in its place (a link loop)."""
    try:
        os.stat(name)
        why = "not found"  # it came back between the check and now
    except FileNotFoundError:
        why = "not found"
    except OSError as exc:
        loop = exc.errno == errno.ELOOP
        why = "is a symbolic link that leads round in a loop" if loop else f"cannot be reached ({exc.strerror or exc})"
    except ValueError:  # a NUL in the name
        why = "not found"
    return f"{shown(name)} is named in the workspace but {why}"


def open_workspace(path: Path | str) -> Opened:
    """Read a workspace file; raises WorkspaceError naming the file, the key and what was expected.

    Hand-edited files are checked strictly: ``done = "no"`` is not true, ``catalog = 5`` is not
    ignored, a time zone must exist, and no text or list is larger than a workspace needs.
    """
    path = Path(path)
    try:
        data = load_toml(path)
    except UnreadableFile as exc:
        toml = exc.cause.startswith("not valid TOML")
        raise WorkspaceError(
            f"{shown_name(path)}: not a workspace file ({exc.cause})"
            if toml
            else f"{shown_name(path)}: cannot read the workspace ({exc.cause})"
        ) from None
    check = _Check(path)
    folder = resolved(path).parent
    head = _table(data, "workspace", path)
    version = head.get("version", VERSION)
    if type(version) is not int or version < 1:
        raise check.wrong("workspace.version", "a whole number such as 1")
    if version > VERSION:
        raise WorkspaceError(f"{shown_name(path)}: written by a newer Entitlement Explorer (version {version})")
    files = _table(data, "files", path)
    workspace = Workspace(path=str(path))
    missing: list[str] = []
    for key, target in (("books", workspace.files), ("case_logs", workspace.case_files), ("mappings", workspace.mappings)):
        names = _texts(files.get(key, []), f"files.{key}", path)
        if len(names) > MAX_FILES:  # each is read: a workspace someone sends must not hold the app for hours
            raise WorkspaceError(f"{shown_name(path)}: files.{key} names {len(names):,} files; at most {MAX_FILES:,}")
        for name in names:
            full = _absolute(check.path(name, f"files.{key}"), folder)
            (target if Path(full).exists() else missing).append(full)
    as_of = head.get("as_of", "today")
    if isinstance(as_of, date) and not isinstance(as_of, datetime) and clock.in_range(as_of):
        workspace.as_of = as_of
    elif as_of != "today":
        raise check.wrong("workspace.as_of", f'a date from {clock.FIRST_DAY} to {clock.LAST_DAY}, or "today"')
    zone = head.get("case_timezone")
    if zone is not None:
        if not isinstance(zone, str) or not known_zone(zone):
            raise check.wrong("workspace.case_timezone", "an IANA time zone such as Europe/Berlin")
        workspace.case_timezone = zone
    dates = head.get("case_dates")
    if dates is not None:
        if not isinstance(dates, str) or stated_order(dates) is None:
            raise check.wrong("workspace.case_dates", '"day first" or "month first"')
        workspace.case_dates = dates
        workspace.case_dates_from = f"case_dates in {shown_name(path)}"
    catalog = head.get("catalog")
    if catalog is not None:
        workspace.catalog = _absolute(check.path(catalog, "workspace.catalog"), folder)
        if not Path(workspace.catalog).exists():
            missing.append(workspace.catalog)
            workspace.catalog = None  # the bundled catalog stands in; the user is told
    workspace.marks = MappingProxyType(_marks(data.get("marks", []), check))
    return Opened(workspace, missing)


MAX_MARKS = 100_000
MAX_FILES = 1_000  # in each list of [files]
MAX_TEXT = 1_000  # a customer, product, event or file name
MAX_NOTE = 10_000


class _Check:
    """One-line errors naming the file, the key and what was expected."""

    def __init__(self, path: Path) -> None:
        self.name = shown_name(path)

    def wrong(self, key: str, expected: str) -> WorkspaceError:
        return WorkspaceError(f"{self.name}: {key} must be {expected}")

    def text(self, value: Any, key: str, limit: int = MAX_TEXT) -> str:
        if not isinstance(value, str) or len(value) > limit:
            raise self.wrong(key, f"text of at most {limit:,} characters")
        return value

    def path(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value or len(value) > MAX_TEXT or "\x00" in value:
            raise self.wrong(key, "a file name (text)")
        return value


def _marks(entries: Any, check: _Check) -> dict[DateKey, DateMark]:
    if not isinstance(entries, list) or len(entries) > MAX_MARKS:
        raise check.wrong("marks", f"a list of at most {MAX_MARKS:,} [[marks]] tables")
    marks: dict[DateKey, DateMark] = {}
    for i, entry in enumerate(entries):
        where = f"marks[{i}]"
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("customer", "product", "event")):
            raise WorkspaceError(f"{check.name}: {where} needs customer, product and event")
        for key in ("customer", "product", "event"):
            check.text(entry[key], f"{where}.{key}")
        start, marked = entry.get("term_start"), entry.get("marked")
        for key, day in (("term_start", start), ("marked", marked)):
            if day is not None and not (isinstance(day, date) and not isinstance(day, datetime) and clock.in_range(day)):
                raise check.wrong(f"{where}.{key}", f"a date from {clock.FIRST_DAY} to {clock.LAST_DAY}")
        done = entry.get("done", False)
        if not isinstance(done, bool):  # "no" is a non-empty string, and would have counted as done
            raise check.wrong(f"{where}.done", "true or false")
        note = check.text(entry.get("note", ""), f"{where}.note", MAX_NOTE)
        date_key = DateKey(customer_key(entry["customer"]), entry["product"], start, entry["event"])
        changed = entry.get("changed")
        if changed is not None and not (isinstance(changed, datetime) and clock.in_range(changed.date())):
            raise check.wrong(f"{where}.changed", "a date and time")
        if changed is not None and changed.tzinfo is None:  # written without its zone: the clock's UTC
            changed = changed.replace(tzinfo=UTC)
        mark = DateMark(done, note, marked if done else None, changed)  # a mark without its day stays undated
        if mark.kept:
            marks[date_key] = mark
    return marks


def known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return False
    return True


def _table(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise WorkspaceError(f"{shown_name(path)}: [{key}] must be a table")
    return value


def _texts(value: Any, where: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise WorkspaceError(f"{shown_name(path)}: {where} must be a list of file names")
    return value


def _relative(name: str, folder: Path) -> str:
    full = resolved(name)
    return full.relative_to(folder).as_posix() if full.is_relative_to(folder) else str(full)


def _absolute(name: str, folder: Path) -> str:
    return str(resolved(folder / Path(name).expanduser()))
