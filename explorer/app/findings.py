"""The one findings pipeline: book, contract and SLA findings collected, ordered and counted in one place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from explorer import history, rules
from explorer.catalog import Catalog
from explorer.model import Book, Contract, Finding, Severity, customer_key
from explorer.sla.engine import SlaResult


def collect(book: Book, catalog: Catalog, as_of: date, sla: SlaResult | None) -> list[Finding]:
    """Every finding of the book, its terms on ``as_of`` and its case log, worst first, then by file, sheet and row."""
    found = book.findings + term_findings(book, catalog, as_of) + (sla.findings if sla is not None else [])
    # each once: a cell listing one product a thousand times made a thousand contracts, each with the row's same
    # "No time zone is given" warning
    return sorted(dict.fromkeys(found), key=order)


def term_findings(book: Book, catalog: Catalog, as_of: date) -> list[Finding]:
    """Findings that hang on the term in force on the as-of day: named contacts over its add-ons' limit or
    outside its MCSE's region. A term that is not in force limits nobody (domain.md §8)."""
    contacts = book.contacts_by_customer()
    by_key: dict[str, list[Contract]] = {}
    for contract in book.contracts:
        by_key.setdefault(customer_key(contract.customer), []).append(contract)
    out = []
    for key, contracts in by_key.items():
        for contract in history.rows_in_force(contracts, as_of):
            out.extend(rules.contact_findings(catalog, contract, contacts.get(key, [])))
    return out


def order(f: Finding) -> tuple[int, str, str, int]:
    return (-f.severity, f.source.file, f.source.sheet, f.source.row or 0)


def count(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings of each severity, worst first; every severity is present."""
    counted = Counter(f.severity for f in findings)
    return {s: counted.get(s, 0) for s in sorted(Severity, reverse=True)}


def errors(findings: Iterable[Finding]) -> int:
    return sum(f.severity is Severity.ERROR for f in findings)


def by_customer(findings: Iterable[Finding], contracts: Sequence[Contract] = ()) -> dict[str, list[Finding]]:
    """Findings that name a customer, grouped by customer key, in the pipeline's order. A finding said once for
    many rows (``Finding.rows``: a column the sheet lacks) is each of those rows' customers' too, found through
    ``contracts`` (the book's): the list, the tabs, the sheet and the calendar mark those rows as the report does."""
    out: dict[str, list[Finding]] = {}
    found = list(findings)
    rows = row_customers(found, contracts)
    for f in found:
        keys = [customer_key(f.customer)] if f.customer else []
        keys += [customer_key(name) for name in rows.get(id(f), [])]
        for key in dict.fromkeys(keys):
            out.setdefault(key, []).append(f)
    return out


def row_customers(findings: Iterable[Finding], contracts: Sequence[Contract]) -> dict[int, list[str]]:
    """For each finding said once for many rows (by id), the customers of those rows, as the book writes them."""
    index: dict[tuple[str, str, int | None], list[str]] | None = None
    out: dict[int, list[str]] = {}
    for f in findings:
        if not f.rows:
            continue
        if index is None:
            index = {}
            for c in contracts:
                index.setdefault((c.source.file, c.source.sheet, c.source.row), []).append(c.customer.strip())
        names = [n for row in (f.source.row, *f.rows) for n in index.get((f.source.file, f.source.sheet, row), [])]
        out[id(f)] = list(dict.fromkeys(names))
    return out
