"""The kept columns a per-row rule reads: a row's unrecognised columns (header -> text, the same headers in every
row of a table) whose header names what the rule looks for.

Each header is looked at once a layout, not on every row: a CRM export's 200 columns on 10,000 rows made six
rules (a status, the day a term ended early, an add-ons list, a renewal's evidence...) test 12 million headers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from explorer.catalog import fold


def named(extra: Mapping[str, str], names: frozenset[str], key: Callable[[str], str] = fold) -> list[tuple[str, str]]:
    """(header, text) of the columns of ``extra`` whose ``key`` (the folded header) is one of ``names``, in order."""
    return [(header, extra[header]) for header in _named(tuple(extra), names, key)]


@lru_cache(maxsize=1024)
def _named(headers: tuple[str, ...], names: frozenset[str], key: Callable[[str], str]) -> tuple[str, ...]:
    return tuple(h for h in headers if key(h) in names)
