"""Done-marks as a workspace file holds them, read against the book and the catalog (Qt-free).

The app writes each mark under the keys it finds the date by (customer key, product id, term start, the
key-date rule's id). A mark written by hand names the date as the outputs show it ('Alpha Renewals', 'Okta',
'Add-on renewal request deadline'): it is read as the same keys. A mark that names no date of the book (a
typo, or a term the book no longer holds) applied to nothing, silently: a warning now names it. So does a done-mark
on a date that is no action deadline (a hand-edited workspace may mark any date): done applies only to a deadline
(rules.key_dates), so the mark changes no status and is kept for its note.
"""

from __future__ import annotations

from collections.abc import Mapping

from explorer.app.workspace import DateKey, DateMark
from explorer.catalog import Catalog, fold
from explorer.model import Book, Finding, Severity, Source
from explorer.rules import ACTION_DEADLINE

SHOWN = 5  # marks named in the warning


def keyed(marks: Mapping[DateKey, DateMark], catalog: Catalog) -> dict[DateKey, DateMark]:
    """The marks under the keys the program finds dates by: a product or an event written as the outputs name
    it is read as its id (the customer is case- and space-folded when the workspace is read)."""
    events = {fold(rule.event): rule.id for rule in catalog.key_dates}
    events.update({fold(rule.id): rule.id for rule in catalog.key_dates})
    out: dict[DateKey, DateMark] = {}
    for key, mark in marks.items():
        product = key.product
        if product not in catalog.products and (found := catalog.product_for(product)) is not None:
            product = found.id
        event = events.get(fold(key.event), key.event)
        out[DateKey(key.customer, product, key.term_start, event)] = mark
    return out


def unmatched(marks: Mapping[DateKey, DateMark], book: Book, catalog: Catalog, workspace_file: str | None) -> list[Finding]:
    """One warning naming the marks that match no date of the book: no term of that customer and product starting
    that day, or no key date of that name."""
    terms = {(*c.key, c.term_start) for c in book.contracts}
    events = {rule.id: rule.event for rule in catalog.key_dates}
    # an add-on line's own deadline beside its term's is kept as '<rule id>:<add-on ids>' (rules.key_dates)
    lost = [k for k in marks if (k.customer, k.product, k.term_start) not in terms or k.event.split(":")[0] not in events]
    if not lost:
        return []
    products = {p.id: p.name for p in catalog.products.values()}

    def said(k: DateKey) -> str:  # as the outputs name the date, not by the keys it is kept under
        term = f"the term from {k.term_start.isoformat()}" if k.term_start else "no term_start given"
        return f"'{k.customer}', {products.get(k.product, k.product)}, {events.get(k.event, k.event)}, {term}"

    named = "; ".join(said(k) for k in lost[:SHOWN])
    more = f" and {len(lost) - SHOWN:,} more" if len(lost) > SHOWN else ""
    count = f"{len(lost):,} done-mark{'s' if len(lost) != 1 else ''}"
    return [
        Finding(
            Severity.WARNING,
            f"{count} in the workspace match{'es' if len(lost) == 1 else ''} no date of the book ({named}{more}): no "
            "term of that customer and product starts that day, or no key date has that name; "
            f"{'it applies' if len(lost) == 1 else 'they apply'} to nothing. Tick the date in the app to mark it.",
            Source(workspace_file or ""),
            customer=lost[0].customer if len({k.customer for k in lost}) == 1 else "",
        )
    ]


def done_on_no_deadline(
    marks: Mapping[DateKey, DateMark], book: Book, catalog: Catalog, workspace_file: str | None
) -> list[Finding]:
    """One warning naming the done-marks on a date of the book that is no action deadline: done applies only to an
    action deadline, so the mark changes no status (its note is still said). A mark naming no date is unmatched's."""
    rules = {rule.id: rule for rule in catalog.key_dates}
    names = {(*c.key, c.term_start): c.customer for c in book.contracts}
    wrong = [
        (k, m)
        for k, m in marks.items()
        if m.done
        and k.event in rules
        and rules[k.event].role != ACTION_DEADLINE
        and (k.customer, k.product, k.term_start) in names
    ]
    if not wrong:
        return []
    products = {p.id: p.name for p in catalog.products.values()}
    deadlines = " or ".join(sorted({r.event.lower() for r in catalog.key_dates if r.role == ACTION_DEADLINE}))

    def said(k: DateKey, m: DateMark) -> str:
        term = f" ({products.get(k.product, k.product)}, the term from {k.term_start.isoformat()})" if k.term_start else ""
        kept = "is kept for its note" if m.note.strip() else "has no note and applies to nothing"
        return f"the mark on {names[(k.customer, k.product, k.term_start)]}'s {rules[k.event].event}{term} {kept}"

    named = "; ".join(said(k, m) for k, m in wrong[:SHOWN])
    more = f"; and {len(wrong) - SHOWN:,} more" if len(wrong) > SHOWN else ""
    count = f"{len(wrong):,} done-mark{'s' if len(wrong) != 1 else ''}"
    return [
        Finding(
            Severity.WARNING,
            f"{count} in the workspace {'is' if len(wrong) == 1 else 'are'} on a date nobody acts on: a done-mark "
            f"applies only to an action deadline (the {deadlines or 'catalog names none'}), so "
            f"{'it changes' if len(wrong) == 1 else 'they change'} no status; {named}{more}.",
            Source(workspace_file or ""),
            customer=wrong[0][0].customer if len({k.customer for k, _ in wrong}) == 1 else "",
        )
    ]
