"""Rows that say they renew a term the book does not hold: a book kept by editing each row at renewal.

Such a row's add-on runs, as far as the book can tell, from its own start (domain.md §5: the unbroken run of
terms in the book), so its CSE or MCSE would be mobilizing again. The row's own columns say otherwise ("Renewed
on", "Previous end"), so a warning asks for the Initial Term Start rather than letting a confident date stand.
"""

from __future__ import annotations

from datetime import date

from explorer.catalog import Catalog, fold
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
        said = next(((h, v) for h, v in c.extra.items() if fold(h) in catalog.renewal_evidence and v.strip()), None)
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
