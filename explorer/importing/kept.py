"""The kept columns a per-row rule reads: a row's unrecognised columns (header -> text, the same headers in every
row of a table) whose header names what the rule looks for.

Each header is looked at once a layout, not on every row: a CRM export's 200 columns on 10,000 rows made six
rules (a status, the day a term ended early, an add-ons list, a renewal's evidence...) test 12 million headers.

Each rule reads its columns through its ``Use`` here, and `explorer map` and `check` say what a kept column is
read for from the same ``USES``: what the importer reads and what it says it reads cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from explorer.catalog import Catalog, TermStatusWords, fold
from explorer.importing.headers import spelled, spelled_as


def named(extra: Mapping[str, str], names: frozenset[str], key: Callable[[str], str] = fold) -> list[tuple[str, str]]:
    """(header, text) of the columns of ``extra`` whose header, as written or normalised (``header_keys``: API names,
    units, an object's name before it aside), is one of ``names`` as ``key`` folds it, in order."""
    return [(header, extra[header]) for header in _named(tuple(extra), names, key)]


@lru_cache(maxsize=1024)
def _named(headers: tuple[str, ...], names: frozenset[str], key: Callable[[str], str]) -> tuple[str, ...]:
    return tuple(h for h in headers if spelled(h, names, key))


@dataclass(frozen=True)
class Use:
    """A contract row's kept columns one rule reads: the catalog's headers for it, and what for in words."""

    what: str  # "term status: ended early, never ran or not signed yet"
    names: Callable[[Catalog], frozenset[str]]
    key: Callable[[str], str] = fold

    def named(self, extra: Mapping[str, str], catalog: Catalog) -> list[tuple[str, str]]:
        """(header, text) of the row's columns this rule reads, in order."""
        return named(extra, self.names(catalog), self.key)

    def reads(self, header: str, catalog: Catalog) -> bool:
        return spelled(header, self.names(catalog), self.key)

    def spelling(self, header: str, catalog: Catalog) -> str | None:
        """The catalog's spelling (as ``key`` folds it) the header is read by: 'SBQQ__Status__c' is 'status'."""
        return spelled_as(header, self.names(catalog), self.key)


@lru_cache(maxsize=8)
def _owners(columns: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(c) for c in columns)


STATUS = Use(
    "term status: ended early, never ran or not signed yet", lambda c: c.term_status.columns, TermStatusWords.key
)  # explorer.importing.term_status
ENDED_ON = Use(
    "the day the term ended early", lambda c: c.term_status.date_columns, TermStatusWords.key
)  # explorer.importing.term_status
ADDON_LIST = Use("the add-ons bought", lambda c: c.addon_list_columns)  # explorer.importing.contracts
RENEWED_TO = Use("the end the term was renewed to: one more term", lambda c: c.renewed_to)  # renewed_to
RENEWAL_EVIDENCE = Use("whether the row continues an earlier term (a renewal)", lambda c: c.renewal_evidence)  # renewal_evidence
ACCOUNT_ID = Use("the account id: two names sharing one are warned", lambda c: c.account_id_headers)  # spelling
OWNER = Use(
    "who looks after the account: the Owner column of the report's Actions",
    lambda c: _owners(c.settings.owner_columns),
)  # explorer.app.sheet.CustomerSheet.owner
USES = (STATUS, ENDED_ON, ADDON_LIST, RENEWED_TO, RENEWAL_EVIDENCE, ACCOUNT_ID, OWNER)


def read_for(header: str, catalog: Catalog) -> str | None:
    """What a contracts table's kept column is read for, by its header; None where no rule reads it."""
    return next((use.what for use in USES if use.reads(header, catalog)), None)
