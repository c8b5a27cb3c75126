"""Search a book from one box: customer names, contact names and emails, case IDs and the book's extra columns.

Every searchable text is one entry in flat arrays (text, customer row, label), built
once per load, so a keystroke is one vectorised substring test over them; each
customer that matched other than by name says what matched ("contact: jane@coho.test").

The substring test runs over all entries joined into one array of code points
(``Haystack``): numpy compares the needle's first character against every position
at once, then checks the following characters only where the match still holds.
pandas' ``str.contains`` on 300,000 entries takes ~300 ms, a keystroke too many.

``Column: value`` (e.g. ``Account Owner: AM 3``) matches that field's whole value only, so a saved
"My accounts" filter can name any column.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer.model import Book, customer_key
from explorer.sla.engine import SlaResult


class Haystack:
    """Which of many strings contain a substring, answered in one vectorised pass."""

    SEPARATOR = "\x00"  # never in a needle (queries are stripped text), so no match spans two entries

    def __init__(self, texts: np.ndarray) -> None:
        self.size = len(texts)
        joined = self.SEPARATOR.join(texts.tolist()) + self.SEPARATOR
        self.points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        lengths = np.fromiter(map(len, texts.tolist()), dtype=np.int64, count=self.size) + 1
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)

    def contains(self, needle: str) -> np.ndarray:
        """A bool per entry: does it contain ``needle``?"""
        found = np.zeros(self.size, dtype=bool)
        code = np.frombuffer(needle.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if not self.size or not len(code) or len(code) > len(self.points):
            return found if len(code) else np.ones(self.size, dtype=bool)
        last = len(self.points) - len(code)  # the last position a match can start at
        at = np.flatnonzero(self.points[: last + 1] == code[0])
        for k in range(1, len(code)):
            at = at[self.points[at + k] == code[k]]
        found[np.searchsorted(self.starts, at, side="right") - 1] = True
        return found


@dataclass
class SearchIndex:
    names: np.ndarray  # casefolded customer names, one per customer row
    text: np.ndarray  # casefolded entry texts
    field: np.ndarray  # casefolded field each entry comes from ("contact", "email", "case", "account owner"...)
    row: np.ndarray  # the customer row of each entry
    label: np.ndarray  # what a match shows: "contact: Jane Doe"
    _names: Haystack = dataclasses.field(init=False, repr=False)
    _text: Haystack = dataclasses.field(init=False, repr=False)
    _fields: set[str] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._names, self._text = Haystack(self.names), Haystack(self.text)
        self._fields = set(self.field.tolist())

    def fields(self) -> list[str]:
        return sorted(set(self.field.tolist()))

    def match(self, query: str) -> tuple[np.ndarray, list[str]]:
        """(customer rows that match, per row the explanation: '' for a name match or no match)."""
        n = len(self.names)
        why = np.full(n, "", dtype=object)
        query = query.strip()
        if not query:
            return np.ones(n, dtype=bool), why.tolist()
        field, value = _split(query, self._fields)
        needle = value.casefold()
        keep = np.zeros(n, dtype=bool)
        if field is None:
            keep = self._names.contains(needle)
            entries = self._text.contains(needle)
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
