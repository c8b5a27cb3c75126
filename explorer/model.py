"""Plain typed records that flow from importing to rules, SLA, views and report."""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from explorer.shown import shown_name

if TYPE_CHECKING:  # pandas is heavy; importing the model must stay fast
    import pandas as pd


class Severity(enum.IntEnum):
    """Ordered so that max() gives the worst."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True)
class Source:
    """Where a value came from: file, sheet and 1-based spreadsheet row (and the column, where one cell of a row
    gave it: a named contact listed in a contract row's 'Named contacts' cell, or in a contacts table's cell
    listing several people)."""

    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def describe(self, file: bool = True) -> str:
        """'book.xlsx, Contracts, row 2' (without the file's name where ``file`` is False)."""
        parts = [p for p in (shown_name(self.file) if self.file and file else "", self.sheet) if p]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def seen_from(self, other: Source) -> str:
        """Where this is, said beside ``other``: 'row 3' on the same file's sheet, else all of describe()."""
        if (self.file, self.sheet) == (other.file, other.sheet) and self.row is not None:
            return f"row {self.row}"
        return self.describe()


class Unsaid(enum.Enum):
    """What a row left out that a warning says a default stands in for, until the book gives it (an accounts sheet,
    the customer's other terms): the step that fills it withdraws or rewords that warning, found by this, not by
    its words."""

    TIME_ZONE = "time zone"  # no zone, country or state: the default zone is used (contracts._place)
    REGION = "region"  # no region: a regional add-on's (MCSE's) named contacts are not checked (contracts._regional)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    message: str
    source: Source = Source()
    column: str = ""
    customer: str = ""
    product: str = ""
    # the rows it is about where it is said once for many (a column the sheet lacks): each is still that row's finding
    # in the report's and the app's row marks, while the findings list says it once
    rows: tuple[int, ...] = ()
    unsaid: Unsaid | None = None  # a warning a later step withdraws or rewords once the book gives what it names


@dataclass(frozen=True)
class Contract:
    """One contract row: a customer's subscription of one product.

    product and program hold catalog ids, or None when the row's text matched
    nothing (the row is kept; a finding says why).
    """

    customer: str
    product: str | None
    program: str | None
    term_start: date | None = None
    term_end: date | None = None
    initial_term_start: date | None = None
    region: str = ""
    country: str = ""  # ISO 3166 alpha-2, or "" when unknown
    time_zone: str = "UTC"  # IANA name, after fallbacks
    subdivision: str = ""  # the holidays package's state/province code ("NSW"), given or from the zone; "" = national
    addons: dict[str, str | None] = field(default_factory=dict)  # add-on id -> option id (None: no options)
    # add-on id -> the file's header it was read from (its own column's, or an Add-ons list's), as the file writes it
    addon_columns: dict[str, str] = field(default_factory=dict)
    product_text: str = ""
    program_text: str = ""
    source: Source = Source()
    extra: dict[str, str] = field(default_factory=dict)  # unrecognised columns, as written
    initial_rejected: bool = False  # the row gave an Initial Term Start that was refused (an error finding)
    addon_starts: dict[str, date] = field(default_factory=dict)  # add-on id -> its own line's start, bought mid-term
    # add-on id -> its own line's last day, where the line runs past the term it is folded onto (bought mid-term for
    # an Order Form term of its own): its renewal request counts from this day (rules.key_dates), not the term's end
    addon_until: dict[str, date] = field(default_factory=dict)
    # the add-ons the row's table could say it holds (their own column, an Add-ons list, the tier cell form or an
    # add-on line): a blank there says the term lacked one; None (a row made otherwise) could say none
    addons_recordable: frozenset[str] | None = None
    dates_missing: bool = False  # its term start or end is missing or unreadable (an error finding): it runs on no day
    end_column: str = ""  # the header the term end was read from (its own column, a range's, a length's): findings name it
    initial_column: str = ""  # the header the Initial Term Start was read from ('Customer Since'): findings name it
    # a next-term column saying the renewal was lost ("Renewal Status 'Lost'", explorer.importing.term_status): the
    # term runs to its end and its add-on renewal request asks nothing (rules.DateStatus.NOT_RENEWING)
    renewal_lost: str = ""
    # The book's own status ended the term early on this day (explorer.importing.term_status, a warning says so);
    # the day before its start for a row that never ran (a lost renewal). The contracted term_end is kept to show.
    ended_on: date | None = None
    # Read from the contract's history (explorer.history.with_runs), not from the row alone:
    addon_since: dict[str, date] = field(default_factory=dict)  # add-on id -> start of its unbroken run of terms
    renewed_addons: frozenset[str] = frozenset()  # add-ons the next term (starting the day after) keeps
    renewed: bool = False  # the book holds a next term (history.renews): an add-on it does not keep is dropped
    # it starts inside an earlier row of the same program (an add-on bought and co-termed): no new term begins
    mid_term: bool = False
    # the row gives no time zone, country or state: its place is the default until the customer's other terms of the
    # product say one (explorer.importing.borrowed_place)
    place_unsaid: bool = False
    zone_unsaid: bool = False  # no time zone given: the zone is the country's or state's (or the default)

    @property
    def key(self) -> tuple[str, str]:
        return (customer_key(self.customer), self.product or fold_text(self.product_text))

    def on_program(self, program: str | None) -> Contract:
        """This row holding ``program`` instead: the what-if an upgrade's evidence and a renewal ask thousands of
        times. dataclasses.replace passes every field through __init__ again (6.9 µs); a copy of the fields, 0.8 µs."""
        moved = object.__new__(type(self))
        moved.__dict__.update(self.__dict__, program=program)
        return moved

    @property
    def not_renewing(self) -> bool:
        """The book says the term's renewal was lost (renewal_lost) and holds no renewal of it (renewed, from
        history.with_runs): the one test of the add-on request's Not renewing and the brief's line. A later term
        after a gap is a new purchase: the renewal was lost all the same (the brief also books that term)."""
        return bool(self.renewal_lost) and not self.renewed

    @property
    def never_ran(self) -> bool:
        """The book's status says the row never ran (Lost, Void...): listed, in force on no day."""
        return self.ended_on is not None and self.term_start is not None and self.ended_on < self.term_start

    @property
    def ended_early(self) -> bool:
        """The book's status ended the term before its contracted end (Terminated with a date; not a row that never
        ran)."""
        return not self.never_ran and self.ended_on is not None and (self.term_end is None or self.ended_on < self.term_end)

    @property
    def runs_until(self) -> date | None:
        """The last day the term runs: its end, or the day the book's status says it ended early."""
        if self.ended_on is not None and (self.term_end is None or self.ended_on < self.term_end):
            return self.ended_on
        return self.term_end


@dataclass(frozen=True)
class Contact:
    customer: str
    name: str
    email: str = ""
    region: str = ""
    named: bool = True
    product: str | None = None
    source: Source = Source()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def person(self) -> tuple[str, str]:
        """Who the contact is, whatever product they are named for: the customer and the address, else the name (a
        row naming 'Okta, Auth0' lists its people once per product)."""
        return customer_key(self.customer), self.email.casefold() or " ".join(self.name.split()).casefold()


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str
    country: str = ""  # "" = applies to every customer
    source: Source = Source()
    subdivision: str = ""  # the holidays package's code; "" = the whole country
    opens: bool = False  # the customer works that day: a public holiday the package lists is removed


@dataclass(frozen=True)
class Unread:
    """Data that was not read, or a table that lacks a field it needs: a reason to map columns."""

    file: str
    sheet: str  # "" when the whole file was refused
    reason: str
    mappable: bool = True  # False: damaged or not a spreadsheet; mapping cannot help


@dataclass
class Book:
    """Everything loaded: contracts, contacts, holidays, cases and the findings.

    cases is a DataFrame (see explorer.importing.cases for its columns) because
    case logs run to hundreds of thousands of rows and are handled vectorised.
    """

    contracts: list[Contract] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    holidays: list[Holiday] = field(default_factory=list)
    cases: pd.DataFrame | None = None
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    case_files: list[str] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)  # what the user may want to map (Map Columns)
    digests: dict[str, str] = field(default_factory=dict)  # file -> SHA-256 of the bytes read, taken as it was read
    # the key of a case's or contact's customer no contract names -> what it could be, said in its finding
    # ("could be Umbrella Health or Umbrella Health Labs; it is matched to neither": importing.spelling)
    could_be: dict[str, str] = field(default_factory=dict)
    # (file, sheet) of a contacts table -> its Named column's header, named where a contract row's listing overrules it
    named_columns: dict[tuple[str, str], str] = field(default_factory=dict)
    # (file, sheet) of a case table -> field -> its column's header as the file writes it ('Organizations' for the
    # customer), for the findings made once the cases are judged
    case_columns: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    _contact_index: dict[str, list[Contact]] | None = field(default=None, repr=False, compare=False)

    def customers(self) -> list[str]:
        """Customer names as first written, in order of first appearance."""
        seen: dict[str, str] = {}
        for c in self.contracts:
            seen.setdefault(customer_key(c.customer), c.customer.strip())
        return list(seen.values())

    def contacts_of(self, customer: str) -> list[Contact]:
        return self.contacts_by_customer().get(customer_key(customer), [])

    def contacts_by_customer(self) -> dict[str, list[Contact]]:
        """Contacts grouped by customer key, built on first use (rebuilt if contacts were added since)."""
        index = self._contact_index
        if index is None or sum(map(len, index.values())) != len(self.contacts):
            index = {}
            for contact in self.contacts:
                index.setdefault(customer_key(contact.customer), []).append(contact)
            self._contact_index = index
        return index

    @property
    def error_count(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)


# Characters a name can carry that nobody sees: bidi marks and controls, zero-width characters, stray BOMs.
INVISIBLE = {
    "\u200e": "a left-to-right mark",
    "\u200f": "a right-to-left mark",
    "\u061c": "an Arabic letter mark",
    **dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "a bidi control"),
    **dict.fromkeys("\u200b\u200c\u200d\u2060", "a zero-width character"),
    "\ufeff": "a stray byte-order mark",
}
# A joiner between two letters of a script that writes it (Persian's ZWNJ, an emoji sequence's ZWJ: 👩‍💻) is part of
# the name; one beside a space, an ASCII letter or an end is pasted junk.
_JOINERS = "\u200c\u200d"
_DROPPED = re.compile(
    f"[{''.join(c for c in INVISIBLE if c not in _JOINERS)}]|(?<![^\\x00-\\x7f\\s])[{_JOINERS}]|[{_JOINERS}](?![^\\x00-\\x7f\\s])"
)


_NO_JOINERS = str.maketrans(dict.fromkeys(_JOINERS, None))


def clean_name(name: str) -> str:
    """A name in its one canonical form, as the app shows it: Unicode NFC, bidi marks, zero-width
    characters and stray BOMs removed, any run of spaces (non-breaking too) one space, trimmed."""
    if name.isascii():  # no mark, zero-width character, BOM or combining accent can be in it
        return " ".join(name.split())
    return " ".join(unicodedata.normalize("NFC", _DROPPED.sub("", name)).split())


def what_was_cleaned(name: str) -> list[str]:
    """What clean_name removes from ``name``, in words ([] when it is already clean)."""
    found = list(dict.fromkeys(INVISIBLE[m.group()] for m in _DROPPED.finditer(name)))
    if unicodedata.normalize("NFC", name) != name:
        found.append("decomposed accents, as macOS writes them")
    if " ".join(name.split()) != name.strip(" ") or "\u00a0" in name:
        found.append("extra or non-breaking spaces")
    return found


@functools.lru_cache(maxsize=1 << 16)  # a book names each customer thousands of times (cases, contacts)
def customer_key(name: str) -> str:
    """Customer names match in their canonical form (clean_name), case-folded, and with no joiner: one a name keeps
    for its display (Persian's ZWNJ) is left out by one export and kept by another."""
    if name.isascii():
        return " ".join(name.split()).casefold()
    return unicodedata.normalize("NFC", clean_name(name).translate(_NO_JOINERS).casefold())


def fold_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def case_named(case_id: object) -> str:
    """How a message names a case: 'Case 00059001', or 'A case with no ID' where its ID cell is blank (the finding's
    row says which)."""
    text = "" if case_id is None else str(case_id).strip()
    return f"Case {text}" if text else "A case with no ID"
