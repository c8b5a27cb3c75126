"""Renewals whose add-on run the book may have broken by how it was written.

A row that says it renews a term the book does not hold (a book kept by editing each row at renewal): its add-on
runs, as far as the book can tell, from its own start (domain.md §5: the unbroken run of terms in the book), so its
CSE or MCSE would be mobilizing again. The row's own columns say otherwise ("Renewed on", "Previous end"), so a
warning asks for the Initial Term Start rather than letting a confident date stand.

A renewal row written sparsely (dates and tier, the add-on cells left blank) between two terms that hold an add-on:
by the rule a term's add-ons are its own row's (§8), so the add-on is read as dropped and bought again, with a
second mobilization. That is rarely what was meant, so a warning on the row says so.
"""

from __future__ import annotations

from datetime import date

from explorer import history
from explorer.catalog import Catalog
from explorer.importing import kept
from explorer.model import Contract, Finding, Severity


def unheld_renewals(contracts: list[Contract], catalog: Catalog) -> list[Finding]:
    """A warning per row holding an add-on whose run starts with the row itself, no Initial Term Start given,
    and a renewal column (catalog [values] renewal_evidence) filled in."""
    out = []
    earliest: dict[tuple[str, str], date] = {}  # each contract's first term start in the book
    for c in contracts:
        if c.term_start is not None:
            earliest[c.key] = min(earliest.get(c.key, c.term_start), c.term_start)
    for c in contracts:
        if c.initial_term_start is not None or c.term_start is None or earliest[c.key] < c.term_start:
            continue  # given, or the book holds an earlier term (a renewal that adds the add-on starts a run)
        fresh = [a for a, since in c.addon_since.items() if since == c.term_start and a in catalog.addons]
        said = next(((h, v) for h, v in kept.RENEWAL_EVIDENCE.named(c.extra, catalog) if v.strip()), None)
        if not fresh or said is None:
            continue
        names = " and ".join(catalog.addons[a].short for a in fresh)
        out.append(
            Finding(
                Severity.WARNING,
                f"The row says it renews an earlier term ({said[0]}: {said[1].strip()}) that the book does not hold, "
                f"so the {names}'s mobilization is counted from this term's start ({c.term_start:%Y-%m-%d}) and may "
                "have ended already. Give the row's Initial Term Start (customer since) to be exact.",
                c.source,
                said[0],
                c.customer,
                c.product or "",
            )
        )
    return out


def dropped_between(contracts: list[Contract], catalog: Catalog) -> list[Finding]:
    """A warning per renewal that holds none of an add-on both the term it renews and the term renewing it hold,
    where its tier may carry the add-on: read as dropped and bought again, the add-on mobilizes a second time."""
    by_key: dict[tuple[str, str], list[Contract]] = {}
    for c in contracts:
        if c.term_start is not None and not c.dates_missing and not c.never_ran:  # runs on no day: renews nothing
            by_key.setdefault(c.key, []).append(c)
    out = []
    for rows in by_key.values():
        rows.sort(key=history.first_day)
        for row in rows:
            before = [e for e in rows if e is not row and history.renews(e, row)]
            after = [n for n in rows if n is not row and history.renews(row, n)]
            around = {a for e in before for a in e.addons} & {a for n in after for a in n.addons}
            missing = [
                a
                for a in catalog.addons
                if a in around
                and a not in row.addons
                and (row.program is None or catalog.addon_allowed(a, row.product, row.program))
            ]
            if missing:
                out.append(_dropped_between(catalog, row, before, after, missing))
    return out


def _dropped_between(
    catalog: Catalog, row: Contract, before: list[Contract], after: list[Contract], missing: list[str]
) -> Finding:
    assert row.term_start is not None
    names = " or ".join(catalog.addons[a].short for a in missing)
    both = " and ".join(catalog.addons[a].short for a in missing)
    first, then = before[-1].source, after[0].source
    same = (first.file, first.sheet) == (then.file, then.sheet) == (row.source.file, row.source.sheet)
    where = f"rows {first.row} and {then.row}" if same else f"{first.describe()}; {then.describe()}"
    again: dict[date, list[str]] = {}  # where the next run starts over (no Initial Term Start says otherwise)
    for a in missing:
        since = next((n.addon_since.get(a) for n in after if a in n.addons), None)
        if since is not None and since > row.term_start:
            again.setdefault(since, []).append(catalog.addons[a].short)
    second = "; ".join(f"a second {' and '.join(s)} mobilization is worked out from {d:%Y-%m-%d}" for d, s in again.items())
    so = f", so {second}" if second else ""
    it = "them" if len(missing) > 1 else "it"
    return Finding(
        Severity.WARNING,
        f"This renewal ({row.term_start:%Y-%m-%d} – {history.last_day(row):%Y-%m-%d}) holds no {names}, while the "
        f"terms before and after it ({where}) hold the {both}: it is read as dropped for this term and bought "
        f"again{so}. If the {both} carried over, write {it} on this row.",
        row.source,
        _column(catalog, missing[0], [*before, *after]),
        row.customer,
        row.product or "",
    )


def _column(catalog: Catalog, addon: str, around: list[Contract]) -> str:
    """The column the terms around a renewal hold the add-on in (an Add-ons list's, as the file writes it), as
    rules.contract_findings names an add-on's column; else the add-on's short name."""
    return next((c.addon_columns[addon] for c in around if addon in c.addon_columns), catalog.addons[addon].short)
