"""Every customer's CustomerSheet at once, for the outputs that cover a book (Qt-free).

The report, the calendar export and the one-pagers read per-customer facts only
from sheets. Building them one by one would scan the book's contacts and the
case log once per customer; here the indexes are built once and shared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import numpy as np

from explorer.app import findings as pipeline
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.session import Session
from explorer.app.sheet import CustomerSheet, Done, Marks, build_sheet, marks_of
from explorer.catalog import Catalog
from explorer.model import Book, Contact, Contract, Finding, customer_key
from explorer.sla.engine import SlaResult

EVERY = None  # keys=EVERY: every customer of the book


def book_sheets(
    book: Book,
    catalog: Catalog,
    as_of: date,
    sla: SlaResult | None = None,
    keys: Iterable[str] | None = EVERY,
    findings: list[Finding] | None = None,
    done: Done | None = None,
    marks: Marks | None = None,
    cancel: CancelToken = NEVER,
) -> dict[str, CustomerSheet]:
    """The sheets of the customers named by key (every customer when None), by key in the book's order.

    ``findings`` are the pipeline's (collected here when not given); ``done`` and ``marks`` the user's.
    Raises Cancelled when ``cancel`` is set between customers.
    """
    by_key: dict[str, list[Contract]] = {}
    for contract in book.contracts:
        by_key.setdefault(customer_key(contract.customer), []).append(contract)
    return _sheets(
        catalog,
        as_of,
        by_key,
        book.contacts_by_customer(),
        pipeline.by_customer(pipeline.collect(book, catalog, as_of, sla) if findings is None else findings, book.contracts),
        sla,
        _case_rows(sla),
        keys,
        done,
        marks_of(done) if marks is None and done else marks,
        cancel,
    )


def session_sheets(session: Session, keys: Iterable[str] | None = EVERY, cancel: CancelToken = NEVER) -> dict[str, CustomerSheet]:
    """The session's sheets (with the workspace's marks and notes), read from the indexes it already holds."""
    book, overview = session.book, session.overview
    by_key = {key: [book.contracts[i] for i in rows] for key, rows in overview.contracts_by_key.items()}
    return _sheets(
        session.catalog,
        session.as_of,
        by_key,
        book.contacts_by_customer(),
        overview.findings_by_key,
        session.sla,
        overview.case_rows,
        keys,
        session.workspace.done_marks(),
        session.workspace.marks,
        cancel,
    )


def _case_rows(sla: SlaResult | None) -> dict[str, np.ndarray]:
    if sla is None or sla.cases.empty:
        return {}
    keys = sla.cases["customer"].astype(str).map(customer_key)
    return {str(k): np.asarray(v) for k, v in keys.groupby(keys, sort=False).indices.items()}


def _sheets(
    catalog: Catalog,
    as_of: date,
    contracts: Mapping[str, list[Contract]],
    contacts: Mapping[str, list[Contact]],
    findings: Mapping[str, list[Finding]],
    sla: SlaResult | None,
    case_rows: Mapping[str, np.ndarray],
    keys: Iterable[str] | None,
    done: Done | None,
    marks: Marks | None,
    cancel: CancelToken,
) -> dict[str, CustomerSheet]:
    wanted = contracts if keys is None else [k for k in dict.fromkeys(keys) if k in contracts]
    out = {}
    for key in wanted:
        cancel.check()
        out[key] = build_sheet(
            catalog,
            as_of,
            contracts[key],
            contacts.get(key, []),
            findings.get(key, []),
            sla,
            case_rows.get(key),
            done,
            marks,
        )
    return out
