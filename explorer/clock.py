"""The one clock: every "now", "today" and as-of moment in the program comes from here (Qt-free).

Nothing else asks the wall clock (ruff's DTZ rules and a banned-API rule in pyproject.toml keep it
so), and tests set it (tests/conftest.py freezes it), so a test written today passes next year and
every view judges at the same moment.

The as-of moment (domain.md §8): with the as-of day today it is now, so a P1 opened ten minutes ago
is pending, not breached; any other day is seen as known at its end, 23:59:59 UTC (a past day never
later than now: what has not happened yet is not known).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time


def _system() -> datetime:
    return datetime.now(UTC)


_source: Callable[[], datetime] = _system


def now() -> datetime:
    """The present instant in UTC, to the second (the engine counts seconds)."""
    return _source().astimezone(UTC).replace(microsecond=0)


def today() -> date:
    """The user's calendar day: now in the machine's local zone."""
    return now().astimezone().date()


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), UTC)


def as_of_moment(day: date) -> datetime:
    """The instant a day is judged at: now for today, else the end of that day in UTC."""
    current = now()
    if day == today():
        return current
    end = end_of_day(day)
    return min(end, current) if day < today() else end


@contextmanager
def frozen(moment: datetime) -> Iterator[None]:
    """Set the clock to a fixed instant (tests, screenshots): now() answers ``moment`` until the block ends."""
    global _source
    if moment.tzinfo is None:
        raise ValueError("a frozen moment needs a zone")
    previous, _source = _source, (lambda: moment)
    try:
        yield
    finally:
        _source = previous


# The days the program judges: Excel's dates start in 1900, and nothing in a support contract
# reaches past 2200. A date outside is a finding on its row (or a one-line refusal), never a
# calculation that overflows (date.max + 1 day raises).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)


def in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def iso_day(text: str) -> date:
    """The day ``text`` names as YYYY-MM-DD; ValueError with the plain reason where it names none:
    "29 February 2026 does not exist", not just "not a date"."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12 and int(parts[2]) >= 1:
        year, month, day = map(int, parts)
        month_name = date(2000, month, 1).strftime("%B")  # the C locale's English names
        raise ValueError(f"{day} {month_name} {year} does not exist") from None
    raise ValueError(f"'{text}' is not a date like 2026-11-28") from None
