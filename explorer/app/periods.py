"""Compliance windows: which opening days a compliance figure covers, and the label that says so (Qt-free).

Every compliance figure states its window, and one set of windows serves the app, the
report and the entitlement sheet (domain.md §8, "Windows"). A window is chosen as a
``Period`` (what the user picked) and becomes a ``Window`` (the days, with a label) on an
as-of day; "this term" also needs the customer's term. No window reaches past the as-of
day: cases opened after it are not known.

    period = periods.parse("90d")                  # what --period and the app's choices give
    window = period.window(as_of)                  # Window(start, end, label)
    window.label                                   # "Last 90 days (2026-09-08 – 2026-12-06)"
    periods.TERM.window(as_of, term=(start, end))  # "This term (2026-01-15 – 2026-12-06)"
    window.cases(df)                               # the rows of a case table opened in it (UTC days)

"This term" covers the cases the term's rows judged (the engine's ``contract`` column), not
UTC opening days: a case is judged by the term in force on its opening day in the customer's
local time (domain.md §8), so one opened at 00:30 on a term's first local day belongs to it
though its UTC day is the day before.

Kinds (``Period.kind``, also the spellings ``parse`` reads; ``90d`` takes 1 to 9,999 days):
``term``, ``90d``, ``last-quarter``, ``this-quarter``, ``last-month``, ``this-month``,
``all`` and a chosen range ``2026-07-01..2026-09-30``. ``CUSTOMER_CHOICES`` and
``BOOK_CHOICES`` are the periods to offer, in order, where a customer's term is known and
where it is not (a book-wide list). Quarters and months are calendar ones; days are the UTC
days the cases were opened on, as everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from explorer import clock
from explorer.sla.compliance import in_period

RECENT_DAYS = 90  # the catalog's settings.recent_days, where no catalog is at hand
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|to)\s*(\d{4}-\d{2}-\d{2})$")
MAX_DAYS = 9_999  # "last N days": 27 years, past any case log
_DAYS = re.compile(r"^(?:last-)?(\d+)\s*(?:d|days?)$")
_NAMES = {
    "term": "This term",
    "last-quarter": "Last quarter",
    "this-quarter": "This quarter",
    "last-month": "Last month",
    "this-month": "This month",
    "all": "All cases",
}


def _span(start: date, end: date) -> str:
    return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


@dataclass(frozen=True)
class Window:
    """The opening days a figure covers: ``start`` to ``end`` inclusive (``start`` None: from the first
    case); ``empty`` when it covers no day (a range after the as-of day, a customer with no term)."""

    start: date | None
    end: date | None
    label: str  # "Last 90 days (2026-09-08 – 2026-12-06)"
    judged_by: frozenset[int] | None = None  # "this term": the rows (engine "contract" values) whose cases it covers

    @property
    def empty(self) -> bool:
        return self.end is None or (self.start is not None and self.start > self.end)

    def cases(self, cases: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``cases`` (with an ``opened`` column; with ``contract`` for a term's window) in the window."""
        if self.empty:
            return cases.iloc[0:0]
        if self.judged_by is not None:  # the term's cases by the row that judged them (its customer's local days),
            # not by UTC days: a case opened late on the term's last local day is the term's; later ones are unknown
            return cases[cases["contract"].isin(self.judged_by).to_numpy()]
        return in_period(cases, self.start, self.end)

    def elsewhere(self, cases: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``cases`` opened on the window's days in UTC that a term's window does not cover: another
        term judged them, by the customer's own day (none for a window of UTC days)."""
        if self.empty or self.judged_by is None:
            return cases.iloc[0:0]
        dated = in_period(cases, self.start, self.end)
        return dated[~dated["contract"].isin(self.judged_by).to_numpy()]

    def contains(self, day: date) -> bool:
        return not self.empty and self.end is not None and (self.start is None or self.start <= day) and day <= self.end


@dataclass(frozen=True)
class Period:
    """A window as chosen, before it meets an as-of day: ``kind`` is a key of ``parse``'s spellings,
    ``days`` the length of a ``days`` window, ``start``/``end`` a chosen range's days."""

    kind: str
    days: int = RECENT_DAYS
    start: date | None = None
    end: date | None = None

    @property
    def name(self) -> str:
        """The choice in words, without dates: "Last 90 days", "This term", "2026-07-01 – 2026-09-30"."""
        if self.kind == "days":
            return f"Last {self.days} days"
        if self.kind == "range" and self.start and self.end:
            return _span(self.start, self.end)
        return _NAMES.get(self.kind, self.kind)

    @property
    def spelling(self) -> str:
        """What ``parse`` reads back into this period ("90d", "term", "2026-07-01..2026-09-30")."""
        if self.kind == "days":
            return f"{self.days}d"
        if self.kind == "range" and self.start and self.end:
            return f"{self.start:%Y-%m-%d}..{self.end:%Y-%m-%d}"
        return self.kind

    @property
    def needs_term(self) -> bool:
        return self.kind == "term"

    def window(
        self,
        as_of: date,
        term: tuple[date | None, date | None] | None = None,
        judged_by: frozenset[int] | None = None,
        parts: Mapping[str, tuple[date, date]] | None = None,
    ) -> Window:
        """The days on ``as_of``; ``term`` is the customer's term (start, end) for "this term": the term in
        force, or the last one ended for a customer whose terms have all ended; ``judged_by`` its rows, whose
        cases the window covers (SlaResult.judged_under); ``parts`` each product's part of the term, named in the
        label where they differ (one span from the earliest start would take in days of a product's earlier term
        whose cases the window does not count)."""
        if self.kind == "term":
            start, end = term or (None, None)
            if start is None:
                return Window(None, None, "This term (no term in force)")
            if start > as_of:  # booked ahead: named by its start, not as "this term"
                return Window(None, None, f"The term starting {start:%Y-%m-%d} (not started)")
            name = "Last term" if end is not None and end < as_of else "This term"  # every term has ended
            end = min(end or as_of, as_of)
            days = _span(start, end)
            if parts and len(set(parts.values())) > 1:
                ordered = sorted(parts.items(), key=lambda part: (part[1], part[0]))  # the earliest start first
                days = "; ".join(f"{product} {_span(*span)}" for product, span in ordered)
            return Window(start, end, f"{name} ({days})", judged_by)
        if self.kind == "all":
            return Window(None, as_of, f"All cases (to {as_of:%Y-%m-%d})")
        start, end = self._days(as_of)
        clipped = min(end, as_of)
        if self.kind == "range":
            return Window(start, clipped, _span(start, clipped) if start <= clipped else f"{self.name} (after the as-of day)")
        return Window(start, clipped, f"{self.name} ({_span(start, clipped)})")

    def _days(self, as_of: date) -> tuple[date, date]:
        month = as_of.replace(day=1)
        quarter = date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
        if self.kind == "days":
            return as_of - timedelta(days=self.days - 1), as_of
        if self.kind == "this-month":
            return month, _add_months(month, 1) - timedelta(days=1)
        if self.kind == "last-month":
            return _add_months(month, -1), month - timedelta(days=1)
        if self.kind == "this-quarter":
            return quarter, _add_months(quarter, 3) - timedelta(days=1)
        if self.kind == "last-quarter":
            return _add_months(quarter, -3), quarter - timedelta(days=1)
        if self.kind == "range" and self.start and self.end:
            return self.start, self.end
        raise ValueError(f"unknown period {self.kind!r}")


def elsewhere_words(window: Window, cases: pd.DataFrame, dates: str = "these dates") -> str:
    """Why cases dated in a term's window are not its own, for a text that would otherwise read "no case was opened
    in this window" (trust7 #5): "1 case opened on these dates in UTC belongs to the previous term: it opened
    2026-11-30 in the customer's time zone (America/New_York)." ("" when every case dated in it is its own).
    ``dates`` names the window's days where its label is not just before ("the term's dates")."""
    found = window.elsewhere(cases)
    if found.empty or window.start is None or window.end is None:
        return ""
    opened = pd.to_datetime(found["opened"], utc=True)
    zones = ["" if pd.isna(z) else str(z) for z in found["zone"].tolist()]  # the judging row's zone ("" for none)
    groups: dict[tuple[str, str], list[date]] = {}  # (whose, zone) -> the local opening days
    for when, zone, contract in zip(opened, zones, found["contract"].tolist(), strict=True):
        local, zone = _local_day(when, zone)
        if pd.isna(contract) or int(contract) < 0:
            whose = "no term (see its Outcome)"
        elif local < window.start:
            whose = "the previous term"
        elif local > window.end:
            whose = "the next term"
        else:
            whose = "another term"
        groups.setdefault((whose, zone), []).append(local)
    said = []
    for (whose, zone), days in groups.items():
        n, shown = len(days), [f"{d:%Y-%m-%d}" for d in sorted(set(days))]
        on = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
        where = f"in the customer's time zone ({zone})" if zone else "in UTC"
        verb = "belongs" if n == 1 else "belong"
        said.append(
            f"{n} case{'s' if n != 1 else ''} opened on {dates} in UTC {verb} to {whose}: "
            f"{'it' if n == 1 else 'they'} opened {on} {where}."
        )
    return " ".join(said)


def _local_day(when: pd.Timestamp, zone: str) -> tuple[date, str]:
    """``when``'s day in ``zone``, and the zone (its UTC day, and "", where there is no zone to read)."""
    if zone:
        try:
            return when.tz_convert(zone).date(), zone
        except (KeyError, ValueError):
            pass
    return when.date(), ""


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def recent(days: int = RECENT_DAYS) -> Period:
    return Period("days", days)


def chosen(start: date, end: date) -> Period:
    """A chosen range, both days included."""
    if end < start:
        raise ValueError(f"the range ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d})")
    return Period("range", start=start, end=end)


TERM = Period("term")
ALL = Period("all")
LAST_QUARTER = Period("last-quarter")
CUSTOMER_CHOICES = (TERM, recent(), LAST_QUARTER, ALL)
BOOK_CHOICES = (ALL, recent(), Period("this-month"), Period("last-month"), Period("this-quarter"), LAST_QUARTER)
SPELLINGS = f"term, 90d (1 to {MAX_DAYS:,} days), last-quarter, this-quarter, last-month, this-month, all, or FROM..TO"


def parse(text: str, days: int = RECENT_DAYS) -> Period:
    """A period from its spelling (``--period``); ``days`` is the length "recent" means. Raises ValueError
    with one line naming the valid spellings."""
    spelled = text.strip().casefold()
    if spelled in _NAMES:
        return Period(spelled)
    if spelled in ("recent", "last-days"):
        return recent(days)
    if match := _DAYS.match(spelled):
        count = int(match.group(1))
        if count < 1:
            raise ValueError(f"period {text!r}: a window of at least one day is needed")
        if count > MAX_DAYS:
            raise ValueError(f"period {text!r}: at most {MAX_DAYS:,} days; 'all' takes every case")
        return recent(count)
    if match := _RANGE.match(spelled):
        try:
            start, end = (clock.iso_day(match.group(i)) for i in (1, 2))
        except ValueError as exc:
            raise ValueError(f"period {text!r}: {exc}") from None
        return chosen(start, end)
    raise ValueError(f"unknown period {text!r}; use {SPELLINGS}")
