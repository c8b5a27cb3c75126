"""The customers an output covers: named ones, or every customer of the session, as CustomerSheets."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import overload

from explorer.app.book_sheets import session_sheets
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.session import Session
from explorer.app.sheet import CustomerSheet
from explorer.catalog import Catalog
from explorer.importing.spelling import BookNames
from explorer.model import customer_key


class UnknownCustomer(ValueError):
    """A named customer is not in the book; str() is the one-line message."""


SHOWN_NAME = 80  # characters of an unknown --customer name the error repeats


def customer_keys(session: Session, names: Sequence[str] | None = None) -> list[str]:
    """The keys of the named customers in the order given (duplicates once), or of every customer by name."""
    known = dict(zip(session.overview.customers["key"], session.overview.customers["Customer"], strict=True))
    if names and not session.book.contracts:  # a case log or a contacts list alone: the book is what is missing
        raise UnknownCustomer("no contract was read, so the book names no customer ('explorer check' says why)")
    if names:
        return named_keys(map(str, known.values()), names, session.catalog)
    return sorted(known, key=lambda k: str(known[k]).casefold())


def named_keys(customers: Iterable[str], names: Sequence[str], catalog: Catalog) -> list[str]:
    """The keys of the customers ``names`` name, in their order (duplicates once): as the book writes them, else
    spelled as the importer matches another file's spelling ('Globex' for Globex GmbH, 'acme corp.' for Acme
    Corp), where that names one. UnknownCustomer names the others and suggests the closest customers."""
    book = BookNames(customers, catalog)
    found = {name: book.named(name) for name in names}
    missing = [name for name, customer in found.items() if customer is None]
    if missing:
        said = []
        for name in missing:
            near = book.closest(name)
            shown = name if len(name) <= SHOWN_NAME else f"{name[:SHOWN_NAME]}..."  # a pasted page is not echoed whole
            said.append(f"no customer named {shown!r} in the book" + (f" (did you mean {' or '.join(near)}?)" if near else ""))
        raise UnknownCustomer("; ".join(said))
    return list(dict.fromkeys(customer_key(str(found[name])) for name in names))


def sheets_for(session: Session, names: Sequence[str] | None = None, cancel: CancelToken = NEVER) -> list[CustomerSheet]:
    """One sheet per named customer in the order given (duplicates once), or every customer by name."""
    return list(session_sheets(session, customer_keys(session, names), cancel).values())


class LazySheets(Sequence[CustomerSheet]):
    """The same sheets as sheets_for, made a chunk at a time as they are walked.

    A PDF of every customer of a large book then holds a few hundred sheets at once, not ten thousand
    (whose objects make each garbage collection, which holds the GIL, long enough to freeze the window).
    """

    def __init__(
        self,
        session: Session,
        names: Sequence[str] | None = None,
        cancel: CancelToken = NEVER,
        chunk: int = 200,
        made: Callable[[CustomerSheet], None] | None = None,
    ):
        """``made`` hears of each sheet as it is made (what the caller must know of every customer)."""
        self._session, self._cancel, self._chunk, self._made = session, cancel, chunk, made
        self._keys = customer_keys(session, names)
        self._start, self._held = -1, list[CustomerSheet]()

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> CustomerSheet: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[CustomerSheet]: ...
    def __getitem__(self, index: int | slice) -> CustomerSheet | Sequence[CustomerSheet]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        start = index - index % self._chunk
        if start != self._start:
            self._held = []  # the previous chunk goes before the next is made
            keys = self._keys[start : start + self._chunk]
            self._held, self._start = list(session_sheets(self._session, keys, self._cancel).values()), start
            if self._made is not None:
                for sheet in self._held:
                    self._made(sheet)
        return self._held[index - start]
