"""Search a book from one box: customer names, contact names and emails, case IDs and the book's extra columns.

Every searchable text is one entry in flat arrays (text, customer row, label), built
once per load, so a keystroke is one vectorised substring test over them; each
customer that matched other than by name says what matched ("contact: jane@coho.test").

``Column: value`` (e.g. ``Account Owner: AM 3``) matches that field's whole value only, so a saved
"My accounts" filter can name any column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer.model import Book, customer_key
from explorer.sla.engine import SlaResult


@dataclass
class SearchIndex:
    names: np.ndarray  # casefolded customer names, one per customer row
    text: np.ndarray  # casefolded entry texts
    field: np.ndarray  # casefolded field each entry comes from ("contact", "email", "case", "account owner"...)
    row: np.ndarray  # the customer row of each entry
    label: np.ndarray  # what a match shows: "contact: Jane Doe"

    def fields(self) -> list[str]:
        return sorted(set(self.field.tolist()))

    def match(self, query: str) -> tuple[np.ndarray, list[str]]:
        """(customer rows that match, per row the explanation: '' for a name match or no match)."""
        n = len(self.names)
        why = np.full(n, "", dtype=object)
        query = query.strip()
        if not query:
            return np.ones(n, dtype=bool), why.tolist()
        field, value = _split(query, set(self.field.tolist()))
        needle = value.casefold()
        keep = np.zeros(n, dtype=bool)
        if field is None:
            keep = pd.Series(self.names, dtype=object).str.contains(needle, regex=False).to_numpy(dtype=bool).copy()
        if field is None:
            entries = pd.Series(self.text, dtype=object).str.contains(needle, regex=False).to_numpy(dtype=bool).copy()
        else:  # a named field matches whole values: "Account Owner: AM 3" is not AM 30's
            entries = (self.field == field) & (self.text == needle)
        hit_rows, first = np.unique(self.row[entries], return_index=True)
        labels = self.label[entries][first]
        fresh = ~keep[hit_rows]  # a name match needs no explanation
        why[hit_rows[fresh]] = labels[fresh]
        keep[hit_rows] = True
        return keep, why.tolist()


def _split(query: str, fields: set[str]) -> tuple[str | None, str]:
    """'Account Owner: AM 3' -> ('account owner', 'AM 3') when that is a known field."""
    head, sep, tail = query.partition(":")
    if sep and head.strip().casefold() in fields:
        return head.strip().casefold(), tail.strip()
    return None, query


def build_index(book: Book, customers: pd.DataFrame, sla: SlaResult | None = None) -> SearchIndex:
    """``customers`` is the overview's frame (its row order is the row numbers used here)."""
    position = {k: i for i, k in enumerate(customers["key"].tolist())}
    text: list[str] = []
    field: list[str] = []
    row: list[int] = []
    label: list[str] = []

    def add(key: str, kind: str, value: str) -> None:
        where = position.get(key)
        if where is not None and value:
            text.append(value.casefold())
            field.append(kind.casefold())
            row.append(where)
            label.append(f"{kind}: {value}")

    for contact in book.contacts:
        key = customer_key(contact.customer)
        add(key, "contact", contact.name.strip())
        add(key, "email", contact.email.strip())
    for contract in book.contracts:
        key = customer_key(contract.customer)
        for column, value in contract.extra.items():
            add(key, column.strip(), str(value).strip())
    arrays = [
        np.asarray(text, dtype=object),
        np.asarray(field, dtype=object),
        np.asarray(row, dtype=np.int64),
        np.asarray(label, dtype=object),
    ]
    if sla is not None and not sla.cases.empty:  # case IDs: vectorised, there can be hundreds of thousands
        ids = sla.cases["case_id"].astype(str).str.strip()
        keys = sla.cases["customer"].astype(str).map(customer_key)
        where = keys.map(position)
        known = where.notna().to_numpy() & (ids != "").to_numpy()
        ids, where = ids[known], where[known]
        arrays = [
            np.concatenate([arrays[0], ids.str.casefold().to_numpy(dtype=object)]),
            np.concatenate([arrays[1], np.full(len(ids), "case", dtype=object)]),
            np.concatenate([arrays[2], where.to_numpy(dtype=np.int64)]),
            np.concatenate([arrays[3], ("case: " + ids).to_numpy(dtype=object)]),
        ]
    names = customers["Customer"].astype(str).str.casefold().to_numpy(dtype=object)
    return SearchIndex(names, *arrays)
