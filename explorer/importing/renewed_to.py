"""A renewal written on the old row: a later end in a column of its own (`Renewed To`, `Extended To`, `New End Date`).

Books kept one row per contract often record an auto-renewal or an extension by writing its new end beside the old
one instead of adding a row. Read as it is, the term ends at its old end and the customer reads Ended. A date after
the row's end in such a column (catalog [values] renewed_to) is read as one more term of the same program and add-ons,
from the day after the end to that date: a Contract of its own, sourced to the same row and that column, so the
history (domain.md §8) settles the old term's deadline and keeps its add-ons' mobilization, as a renewal row would.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from explorer import clock, history
from explorer.catalog import Catalog
from explorer.importing import kept, values
from explorer.model import Contract, Finding, Severity


def with_renewals(
    contracts: list[Contract], catalog: Catalog, order: values.DateOrder, findings: list[Finding]
) -> list[Contract]:
    """The rows, each followed by the renewal term its renewed-to column gives (if any); a finding says what was read."""
    out = []
    for c in contracts:
        out.append(c)
        said = next(((h, v.strip()) for h, v in kept.RENEWED_TO.named(c.extra, catalog) if v.strip()), None)
        if said is not None and (renewal := _renewal(c, said[0], said[1], order, findings)) is not None:
            out.append(renewal)
    return out


def _renewal(c: Contract, header: str, text: str, order: values.DateOrder, findings: list[Finding]) -> Contract | None:
    def say(severity: Severity, message: str) -> None:
        findings.append(Finding(severity, message, c.source, header, c.customer, c.product or ""))

    day, problem = values.parse_date(text, order)
    end = c.term_end
    if day is None or problem:
        say(Severity.WARNING, f"{header}: {problem or f'{text!r} is no day'}; no renewal is read from it.")
        return None
    if end is None or c.term_start is None or c.dates_missing or c.never_ran:
        return None  # the term itself cannot be placed (its own finding says why): nothing to renew
    if c.ended_early:
        say(Severity.WARNING, f"{header} {day:%Y-%m-%d}, but the row's status ended the term early; no renewal is read.")
        return None
    if day <= end:
        say(
            Severity.WARNING,
            f"{header} {day:%Y-%m-%d} is not after the term end ({end:%Y-%m-%d}), so it renews nothing; no renewal is "
            f"read from it. Correct the date, or clear the '{header}' cell.",
        )
        return None
    if not clock.in_range(day):
        say(Severity.WARNING, f"{header} {day:%Y-%m-%d} is past the years a term can run to; no renewal is read from it.")
        return None
    start = end + timedelta(days=1)
    say(
        Severity.INFO,
        f"{header} {day:%Y-%m-%d}: read as a renewal term from {start:%Y-%m-%d} to {day:%Y-%m-%d}, with this row's tier "
        "and add-ons.",
    )
    return replace(
        c, term_start=start, term_end=day, addon_starts={}, addon_until={}, ended_on=None, source=replace(c.source, column=header)
    )


def is_written_renewal(contract: Contract, catalog: Catalog) -> bool:
    """A term read from a renewed-to column (with_renewals), not from a row of its own."""
    return bool(contract.source.column) and kept.RENEWED_TO.reads(contract.source.column, catalog)


def unless_held(contracts: list[Contract], catalog: Catalog, findings: list[Finding]) -> list[Contract]:
    """The book without the renewals written on an old row whose term a row of its own already holds (a tracker that
    keeps both): that row is the term, and an info says the column was read from there."""
    out = []
    for c in contracts:
        held = is_written_renewal(c, catalog) and next(
            (r for r in contracts if r.key == c.key and not is_written_renewal(r, catalog) and _holds(r, c)), None
        )
        if not held:
            out.append(c)
            continue
        row, header = replace(c.source, column=""), c.source.column
        said = [f for f in findings if (f.source, f.column, f.severity) == (row, header, Severity.INFO)]
        findings[:] = [f for f in findings if f not in said]  # not "read as a renewal term": it is not
        findings.append(
            Finding(
                Severity.INFO,
                f"{header} {c.term_end:%Y-%m-%d}: the book holds that renewal as a row of its own "
                f"({held.source.describe(file=held.source.file != c.source.file)}); read from there.",
                row,
                header,
                c.customer,
                c.product or "",
            )
        )
    return out


def _holds(row: Contract, renewal: Contract) -> bool:
    """``row`` is a term of its own that runs in the renewal's term (it starts within it)."""
    placed = row.term_start is not None and not row.dates_missing and not row.never_ran
    return placed and history.overlaps(row, renewal)
