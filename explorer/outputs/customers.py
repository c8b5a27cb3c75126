"""The customers an output covers: named ones, or every customer of the session, as CustomerSheets."""

from __future__ import annotations

from collections.abc import Sequence

from explorer.app.book_sheets import session_sheets
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.session import Session
from explorer.app.sheet import CustomerSheet
from explorer.model import customer_key


class UnknownCustomer(ValueError):
    """A named customer is not in the book; str() is the one-line message."""


def sheets_for(session: Session, names: Sequence[str] | None = None, cancel: CancelToken = NEVER) -> list[CustomerSheet]:
    """One sheet per named customer in the order given (duplicates once), or every customer by name."""
    known = dict(zip(session.overview.customers["key"], session.overview.customers["Customer"], strict=True))
    if names:
        keys = list(dict.fromkeys(customer_key(n) for n in names))
        missing = [n for n in names if customer_key(n) not in known]
        if missing:
            raise UnknownCustomer(f"no customer named {', '.join(repr(m) for m in missing)} in the book")
    else:
        keys = sorted(known, key=lambda k: str(known[k]).casefold())
    return list(session_sheets(session, keys, cancel).values())
