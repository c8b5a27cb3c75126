"""End dates written as the term's anniversary: the day the next term starts, not the last day of this one.

Billing tools (Stripe's Current Period End, Chargebee's current_term_end, Zuora's Term End Date) and some CRMs
give a period's end as the instant it ends: a year's term from 2026-01-15 "ends" 2027-01-15 00:00. Read as
written, every term ran a day long, its renewal overlapped it, and its renewal-request deadline came a day late.
Where most of a column's ends fall on their start's day a whole number of months later, the column writes
anniversaries: each such end is read as the day before, and one info finding says so.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from explorer.importing.term_length import add_months
from explorer.model import Contract, Finding, Severity, Source

SHARE = 0.8  # of a column's dated terms, at least, written as anniversaries (a billing export writes them all)


def is_anniversary(start: date, end: date) -> bool:
    """``end`` is ``start``'s day a whole number of months (one or more) later: 2026-01-15 to 2027-01-15."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months >= 1 and add_months(start, months) == end


def anniversary_ends(contracts: list[Contract], column: str, where: Source) -> tuple[list[Contract], Finding | None]:
    """The terms with an anniversary end read to the day before, where the column writes anniversaries; the
    finding that says so (None where it does not)."""
    dated = [c for c in contracts if c.term_start is not None and c.term_end is not None and c.term_end > c.term_start]
    marked = [c for c in dated if is_anniversary(c.term_start, c.term_end)]  # type: ignore[arg-type]
    if not marked or len(marked) < SHARE * len(dated):
        return contracts, None
    first = marked[0]
    assert first.term_start is not None and first.term_end is not None
    said = (
        f"Column '{column}' gives each term's anniversary, the day the next term starts ({first.term_start} to "
        f"{first.term_end}), as billing tools write a period's end: {len(marked)} "
        f"term{'s are' if len(marked) > 1 else ' is'} read to the day before ({first.term_end - timedelta(days=1)})."
    )
    shifted = {id(c) for c in marked}
    out = [replace(c, term_end=c.term_end - timedelta(days=1)) if id(c) in shifted and c.term_end else c for c in contracts]
    return out, Finding(Severity.INFO, said, where, column)
