"""Contracts over time: which row of a contract's history is in force on a day.

Rows with the same (customer, product) are one contract's history (renewals,
upgrades, downgrades). The row in force on a day is the one whose term contains
that day; two rows are duplicates only when their terms overlap. A missing start
is read as "always started", a missing end as "never ends" (the row already
carries an error finding), so such a row still judges what it can.
No Qt, no I/O.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from explorer.catalog import Catalog
from explorer.model import Contract

FIRST_DAY, LAST_DAY = date.min, date.max


class Status(enum.StrEnum):
    IN_FORCE = "In force"
    ENDED = "Ended"
    NOT_STARTED = "Not started"


def first_day(contract: Contract) -> date:
    return contract.term_start or FIRST_DAY


def last_day(contract: Contract) -> date:
    return contract.term_end or LAST_DAY


def status(contract: Contract, day: date) -> Status:
    if day < first_day(contract):
        return Status.NOT_STARTED
    if day > last_day(contract):
        return Status.ENDED
    return Status.IN_FORCE


def by_start(contracts: Iterable[Contract]) -> list[Contract]:
    return sorted(contracts, key=first_day)


def in_force(contracts: Iterable[Contract], day: date) -> Contract | None:
    """The row in force on ``day``; where overlapping rows both run, the later-starting one."""
    running = [c for c in contracts if status(c, day) is Status.IN_FORCE]
    return max(running, key=first_day, default=None)


def current(contracts: Sequence[Contract], day: date) -> Contract | None:
    """The row to show for ``day``: in force, else the last one ended, else the next one to start."""
    found = in_force(contracts, day)
    if found is not None:
        return found
    ended = [c for c in contracts if status(c, day) is Status.ENDED]
    if ended:
        return max(ended, key=last_day)
    return min(contracts, key=first_day, default=None)


def overlaps(a: Contract, b: Contract) -> bool:
    return first_day(a) <= last_day(b) and first_day(b) <= last_day(a)


@dataclass(frozen=True)
class CustomerState:
    """A customer on a day: in force when any product's term runs; ended on ``ended`` when none does."""

    status: Status
    ended: date | None = None  # the last term end, for an ended customer

    @property
    def label(self) -> str:
        if self.status is Status.ENDED and self.ended is not None:
            return f"Ended {self.ended:%Y-%m-%d}"
        return self.status.value


def customer_state(contracts: Sequence[Contract], day: date) -> CustomerState:
    statuses = {status(c, day) for c in contracts}
    if Status.IN_FORCE in statuses or not contracts:
        return CustomerState(Status.IN_FORCE)
    if Status.ENDED in statuses:
        ends = [last_day(c) for c in contracts if status(c, day) is Status.ENDED]
        return CustomerState(Status.ENDED, max(ends))
    return CustomerState(Status.NOT_STARTED)


def history_line(catalog: Catalog, contracts: Sequence[Contract], day: date) -> str:
    """'Premier from 2026-07-01; Basic 2025-07-01 – 2026-06-30': the row in force first, then the others newest first."""
    shown = in_force(contracts, day)
    parts = []
    if shown is not None:
        parts.append(f"{_program(catalog, shown)} from {_day(shown.term_start)}")
    for c in sorted((c for c in contracts if c is not shown), key=first_day, reverse=True):
        text = f"{_program(catalog, c)} {_day(c.term_start)} – {_day(c.term_end)}"
        parts.append(text + (" (not started)" if status(c, day) is Status.NOT_STARTED else ""))
    return "; ".join(parts)


def _program(catalog: Catalog, contract: Contract) -> str:
    program = catalog.programs.get(contract.program or "")
    return program.name if program else (contract.program_text or "no tier")


def _day(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "?"
