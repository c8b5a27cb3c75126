"""Load resources/catalog.toml into frozen, typed objects.

The catalog is the one place the support terms live. A malformed catalog is
rejected with a message naming the key and the problem, so an account manager
who edits it learns what to fix instead of meeting a traceback later.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from explorer.filekinds import UnreadableFile, load_toml
from explorer.paths import resource_path

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ANCHORS = ("term_start", "term_end", "initial_term_start")
# What a key date is for: views and statuses read the role, never the event's display name.
ROLES = ("term_start", "term_end", "kickoff_start", "kickoff_end", "addon_available", "action_deadline", "event")
PRIORITIES = (1, 2, 3, 4)


class CatalogError(ValueError):
    """The catalog file is missing, unreadable or breaks a rule; names the key."""


# A priority written as a level number: an optional scheme prefix, the number (or its word), an optional word after
# a dash, colon or in brackets. Read where the whole spelling is not listed (Catalog.priority_for).
LEVEL_WRITTEN = re.compile(
    r"^\s*(?:(?:p|s|sev|severity|priority|prio|pri|level|lvl)\s*[.#:]?\s*)?(?P<number>[1-5]|one|two|three|four|five)"
    r"(?:\s*(?:[-\u2013\u2014:/|]|\()\s*(?P<word>[^()]+?)\s*\)?|\s+(?P<spaced>[^\W\d_][^()]*?))?\s*$",
    re.IGNORECASE,
)
NEGATIVE = re.compile(r"\s*[-\u2212]\s*\d")  # '-1', '− 2'
# A priority written after its field's name, as a tag or label writes it (LiveAgent's 'Priority: Urgent', a GitHub label
# 'priority: high' or 'priority/high'): the name is decoration, as a level's prefix is, and the rest is read. Urgency
# is no such name: in ITIL it is one input to the priority (impact x urgency), not its level, so 'Urgency: High' is
# left unread (refused) rather than read as P2.
FIELD_NAMED = re.compile(r"^\s*(?:priority|prio|severity|sev)\s*[:=/]\s*(?=\S)", re.IGNORECASE)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Spelling-insensitive key: lower case, without spaces, punctuation or underscores.

    ``Premier+`` keeps its plus (it tells Premier Plus from Premier).
    """
    return re.sub(r"[\s_\-/:()?]+", "", text.strip().lower())


Wording = tuple[str, ...]  # the source terms word for word, one text per bullet or sentence


@dataclass(frozen=True)
class Condition:
    """A term as the catalog applies it (title) with the source wording it came from."""

    title: str
    wording: Wording


@dataclass(frozen=True)
class Commitment:
    """What the customer commits to when opening a case of one priority (Okta P1: 24x7 availability)."""

    priority: int
    title: str
    wording: Wording
    decision: str | None = None


@dataclass(frozen=True)
class PriorityWording:
    """One priority level as the source terms word it, with Auth0's solution definition."""

    priority: int
    description: Wording
    examples: Wording = ()
    heading: str = ""
    solution: Wording = ()


@dataclass(frozen=True)
class PriorityTerms:
    """The source wording of a priority scheme."""

    intro: Wording
    levels: dict[int, PriorityWording]
    solution_heading: str = ""
    decision: str | None = None


@dataclass(frozen=True)
class Decision:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Calendar:
    id: str
    label: str
    kind: str  # "always" or "weekly"
    days: tuple[int, ...] = ()  # 0 = Monday
    open_minute: int = 0
    close_minute: int = 1440
    holidays: str = "none"  # "none" or "country"
    decision: str | None = None
    words: str = ""  # the clock explained to a reader ("every minute counts")
    short: str = ""  # a table's few characters ("Mon–Fri 9–17 local"); the label where the catalog gives none
    spoken: str = ""  # its name in a sentence ("Basic's business-hours clock"); the label where blank

    @property
    def short_label(self) -> str:
        return self.short or self.label

    @property
    def always_open(self) -> bool:
        return self.kind == "always"

    def describe(self) -> str:
        if self.always_open:
            return self.label
        days = ", ".join(WEEKDAYS[d] for d in self.days)
        hours = f"{_hhmm(self.open_minute)}-{_hhmm(self.close_minute)}"
        closed = "; public holidays of the customer's country and state closed" if self.holidays == "country" else ""
        return f"{self.label}: {days}, {hours} customer local time{closed}"


@dataclass(frozen=True)
class Benefit:
    id: str
    label: str
    group: str
    describes: str = ""  # "support_hours": the program's value states its support hours (tooltips show the calendar)
    wording: Wording = ()  # as the source terms word it; a program may quote its own


@dataclass(frozen=True)
class Target:
    priority: int
    minutes: int
    calendar: str


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    rank: int
    aliases: tuple[str, ...]
    support_hours: str
    targets: dict[int, Target]
    benefits: dict[str, bool | str]
    addons: tuple[str, ...] = ()
    targets_wording: Wording = ()  # the response-time table (and hours) its targets come from
    benefit_wording: dict[str, Wording] = field(default_factory=dict)  # () where the terms are silent
    decision: str | None = None  # the assumption taken where the terms are silent about the program
    commitment: Commitment | None = None


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    aliases: tuple[str, ...]
    programs: tuple[str, ...]
    priority_descriptions: dict[int, str]
    default_program: str | None = None
    default_program_decision: str | None = None
    production_only: bool = False
    decision: str | None = None
    source: str = ""  # the title of the source document its wording quotes
    response_wording: Wording = ()
    priority_terms: PriorityTerms | None = None
    default_program_wording: Wording = ()
    production_only_wording: Wording = ()
    help_wording: Wording = ()  # how the customer reaches support (the portal), quoted for the entitlement sheet


@dataclass(frozen=True)
class AddOnOption:
    id: str
    label: str
    named_contacts: int
    aliases: tuple[str, ...]
    wording: Wording = ()


@dataclass(frozen=True)
class AddOn:
    id: str
    name: str
    short: str
    mobilization_days: int
    during_mobilization: str
    regional: bool = False
    options: dict[str, AddOnOption] = field(default_factory=dict)
    products: tuple[str, ...] = ()  # empty: any product whose program lists the add-on
    column: str = ""  # its column in the contract book, the template and the report
    wording: Wording = ()  # what the add-on is, as the source terms word it
    conditions: tuple[Condition, ...] = ()

    @property
    def limits_contacts(self) -> bool:
        """Whether its options set a named-contact limit."""
        return any(o.named_contacts for o in self.options.values())


@dataclass(frozen=True)
class KeyDateRule:
    event: str
    anchor: str
    offset_days: int
    applies_all: bool
    programs: tuple[str, ...] = ()
    addon: str | None = None  # an add-on id, or "any"
    note: str = ""
    role: str = "event"  # one of ROLES
    id: str = ""  # stable across renames: done-marks and notes in a workspace are keyed by it


FIELD_TYPES = ("text", "date", "timestamp", "minutes", "duration", "clock", "number", "flag", "any")


@dataclass(frozen=True)
class TableSpec:
    id: str
    label: str
    required: tuple[str, ...]
    min_fields: int
    fields: dict[str, tuple[str, ...]]
    types: dict[str, str] = field(default_factory=dict)  # field -> one of FIELD_TYPES; text when absent
    precedence: int = 0  # the higher wins when a header names fields of several kinds...
    decisive: tuple[str, ...] = ()  # ...and one of these fields (none listed: always)
    combine: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a field several columns make up
    needed: tuple[str, ...] = ()  # fields the rules need: a table without one is offered for mapping
    # Headers that read like a field but hold something else (folded header -> (field, why)): never that field
    lookalikes: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Fields that stand in for a field (a first response given as minutes after opening): one found, the others
    # are not asked for, and a column that only looks like one of them is no warning
    instead: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Headers a table of this kind often has that are no field of it (a CRM deal's Stage): never guessed at
    others: frozenset[str] = frozenset()
    # A tool's title column (folded headers, per field): read as the field only where the table has no column for
    # it, gives every other field it requires and one of title_evidence (monday's, Notion's, Airtable's 'Name')
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # in the catalog's order: the first goes first
    title_evidence: tuple[str, ...] = ()  # ...one of which, besides its required fields, the table must give
    # Bare headers read as a field only where most of the column's values are of its kind (a 'Term' of 12, '1 yr')
    by_values: dict[str, frozenset[str]] = field(default_factory=dict)
    # Words that make a header a due time or a target (Dynamics' First Response By, Zoho's Due Date): a header
    # holding one is never read as a time of the table's records
    deadlines: frozenset[str] = frozenset()
    # Spellings of a field read over its other spellings where a table has columns of both (folded headers, per
    # field): a help desk's Organization over its Customer, which may be the person who asked
    prefer: dict[str, frozenset[str]] = field(default_factory=dict)
    # Words a BI tool's summarized column puts before a field's header (Power BI's 'Earliest Contract Start', 'Max of
    # End Date', 'First Product'; lower-case words): the header read as the field its rest spells
    summaries: tuple[str, ...] = ()
    # The table's subject, written before a field's header by a BI tool's view (Looker's 'Contracts Product',
    # 'Accounts Name'): each word (lower case) -> the subject as a spelling writes it ('accounts' -> 'account')
    subjects: dict[str, str] = field(default_factory=dict)
    # Words that make a date header the day of some other event (SugarCRM's 'customer_signed_date': a signature):
    # a header holding one is never read as a date field of the table, however close its spelling
    events: frozenset[str] = frozenset()

    def stand_ins(self, name: str) -> tuple[str, ...]:
        """The field and the fields that stand in for it, or for which it stands in ((name,) alone if none)."""
        for main, others in self.instead.items():
            if name == main or name in others:
                return (main, *others)
        return (name,)

    def field_type(self, name: str) -> str:
        return self.types.get(name, "text")

    def met(self, name: str, found: set[str] | Mapping[str, int]) -> bool:
        """Whether ``found`` gives the field: itself, a stand-in, or the parts that make it (First + Last Name)."""
        made = name in self.combine and all(p in found for p in self.combine[name])
        return made or any(n in found for n in self.stand_ins(name))

    def unmet(self, found: set[str] | Mapping[str, int]) -> list[str]:
        """The required and needed fields ``found`` lacks."""
        return [name for name in dict.fromkeys((*self.required, *self.needed)) if not self.met(name, found)]

    def has_required(self, found: set[str] | dict[str, int]) -> bool:
        return all(r in found or (r in self.combine and all(p in found for p in self.combine[r])) for r in self.required)


@dataclass(frozen=True)
class Environments:
    """Case environment spellings, matched by whole words (``Non-Prod tenant`` holds non, prod).

    Non-production phrases are tried first, so ``pre-production`` never reads as production.
    """

    production: tuple[tuple[str, ...], ...]
    non_production: tuple[tuple[str, ...], ...]

    def classify(self, text: str) -> str | None:
        """'production', 'non-production', or None for a value that says neither (blank is production)."""
        found = words_of(text)
        if not found:
            return "production"
        for kind, phrases in (("non-production", self.non_production), ("production", self.production)):
            if any(_contains(found, phrase) for phrase in phrases):
                return kind
        return None


def words_of(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", text.casefold()))


def unaccented(text: str) -> str:
    """The text without its accents ('Annulé' -> 'Annule', 'gekündigt' -> 'gekundigt'): a book typed on a keyboard
    without them, or a tool that drops them, writes the same word."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# A Salesforce API name's part: a managed package's namespace, the name, the custom field or relationship suffix
# (CPQ's SBQQ__StartDate__c, SBQQ__Account__r.Name)
API_PART = re.compile(r"(?:[A-Za-z][A-Za-z0-9]*__)?([A-Za-z][A-Za-z0-9_]*?)__(?:c|r|pc|x)", re.IGNORECASE)


def api_name(text: str) -> str:
    """A Salesforce API name with each dotted part's namespace and suffix set aside, as Data Loader and CPQ exports
    head their columns: 'SBQQ__Account__r.Name' is Account.Name, 'SBQQ__StartDate__c' StartDate; any other text as
    it is."""
    if "__" not in text:
        return text
    return ".".join(m[1] if (m := API_PART.fullmatch(part)) else part for part in text.split("."))


UNIT = re.compile(r"\s*[(\[][^)\]]*[)\]]")  # a unit or zone in brackets after a header: Stripe's 'Canceled At (UTC)'


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


@dataclass(frozen=True)
class TermStatusWords:
    """A contract row's own status (a CRM's Status or Stage column, kept as the book writes it): the words that
    say its term ended early, never ran or is not signed yet, matched by whole words like the environments; the
    words that keep a status word from being the row's own (a negation, a reversal, another object); and the
    columns that give the day it ended. Any other word (Active, Signed, Won, Closed Won, Renewed...) changes nothing."""

    columns: frozenset[str] = frozenset()  # folded headers of the status column
    date_columns: frozenset[str] = frozenset()  # folded headers of the day the term ended early
    ended: tuple[tuple[str, ...], ...] = ()  # "Terminated", "Churned": it ran, then ended (on the date given)
    never_ran: tuple[tuple[str, ...], ...] = ()  # "Lost", "Void": without a date, it never ran
    not_signed: tuple[tuple[str, ...], ...] = ()  # a CRM deal still "Open": no term in force until it is won
    not_signed_columns: frozenset[str] = frozenset()  # folded headers of a deal's own status, where "Open" is read
    draft: tuple[tuple[str, ...], ...] = ()  # "Draft" (a Zuora subscription): not signed, in any status column but...
    next_term_columns: frozenset[str] = frozenset()  # ...one about the next term (a Renewal Status)
    draft_alone: tuple[tuple[str, ...], ...] = ()  # "Signing": a draft word only as the whole value
    deal_exports: tuple[frozenset[str], ...] = ()  # casefolded headers, all of one together marking a table of deals...
    deal_table_status: frozenset[str] = frozenset()  # ...plain Status is the deal's own: "Open" is read there too
    open_stages: tuple[tuple[str, ...], ...] = ()  # "Negotiation/Review": a deal's open pipeline stage, not signed...
    stage_columns: frozenset[str] = frozenset()  # ...read as a whole value from these folded headers
    active: tuple[tuple[str, ...], ...] = ()  # "Active", "Won": the term runs (only to tell two columns disagree)
    negations: tuple[tuple[str, ...], ...] = ()  # "Not", "Non", "Nicht" before a status word: it does not apply
    reversals: tuple[tuple[str, ...], ...] = ()  # "withdrawn" after one: the status was undone
    objects: tuple[tuple[str, ...], ...] = ()  # "renewal" beside one: it is that object's state, not the row's
    quote_titles: tuple[tuple[str, ...], ...] = ()  # "Quote", "Angebot": a title or sheet naming one and a draft...
    states: tuple[tuple[str, ...], ...] = ()  # a subscription's other states (Recurly's expired, future): say nothing
    open_type_columns: frozenset[str] = frozenset()  # Close's status_type, whose...
    open_types: tuple[tuple[str, ...], ...] = ()  # ..."active" (the whole value) is an open opportunity: not signed
    not_renewed: tuple[tuple[str, ...], ...] = ()  # "Did not renew" in a next-term column: the renewal was lost
    agreement_type_columns: frozenset[str] = frozenset()  # a CLM's Agreement Type, where a row naming no product...
    order_types: tuple[tuple[str, ...], ...] = ()  # ...and none of these words...
    other_agreements: tuple[tuple[str, ...], ...] = ()  # ...but one of these (NDA, MSA) is another agreement: set aside

    def is_state(self, text: str) -> bool:
        """Whether a cell is, as a whole, a word a status column writes (Active, Canceled, Expired, Draft...): a
        column of these is a status column, never a place (Recurly's 'state' is no State/Province)."""
        said = words_of(unaccented(text))
        lists = (self.ended, self.never_ran, self.not_signed, self.draft, self.draft_alone, self.active, self.states)
        return bool(said) and any(said == phrase for phrases in lists for phrase in phrases)

    def draft_quote(self, title: str) -> bool:
        """Whether a title or sheet name calls its order a draft quote ('Renewal Quote Q-00456 (DRAFT)')."""
        words = words_of(unaccented(title))
        return any(_contains(words, p) for p in self.quote_titles) and any(_contains(words, p) for p in self.draft)

    @staticmethod
    @lru_cache(maxsize=4096)  # asked for each extra column of every row: a book has few headers
    def key(header: str) -> str:
        """A status or date column's header as the lists hold it: folded, without accents, a unit in brackets or a
        Salesforce API name's decorations ('État' is 'etat', 'Canceled At (UTC)' is 'canceledat', CPQ's
        'SBQQ__TerminatedDate__c' and Data Loader's 'SBQQ__TERMINATEDDATE__C' are 'terminateddate')."""
        return fold(unaccented(UNIT.sub("", api_name(header))))


@dataclass(frozen=True)
class Settings:
    due_soon_days: int
    at_risk_fraction: float
    case_timezone: str
    default_timezone: str
    compliance_target: float = 0.95  # the line the report's compliance chart is read against
    recent_days: int = 90  # the period the Actions sheet and the entitlement sheet look back over
    alarm_days: int = 14  # calendar alarms this many days before an action deadline
    owner_columns: tuple[str, ...] = ()  # the book's columns naming who looks after the account, first found wins


@dataclass(frozen=True)
class Catalog:
    version: str
    title: str
    settings: Settings
    decisions: dict[str, Decision]
    calendars: dict[str, Calendar]
    benefits: dict[str, Benefit]
    programs: dict[str, Program]
    products: dict[str, Product]
    addons: dict[str, AddOn]
    addons_title: str
    renewal_notice_days: int
    admin_days_per_year: float
    admin_days_decision: str | None
    key_dates: tuple[KeyDateRule, ...]
    tables: dict[str, TableSpec]
    priority_aliases: dict[str, int]
    yes_words: frozenset[str]
    no_words: frozenset[str]
    no_one_words: frozenset[str]  # a contact cell's 'TBD', 'Not Assigned': no one named yet (with no_words)
    environments: Environments
    regions: dict[str, str]  # folded spelling -> canonical region (AMER, EMEA, APAC)
    timezone_abbreviations: dict[str, str]
    source: str = ""
    country_main_zones: dict[str, str] = field(default_factory=dict)  # ISO country -> its most populous zone
    subdivision_main_zones: dict[str, str] = field(default_factory=dict)  # "US-WA" -> its most populous zone
    timezone_names: dict[str, str] = field(default_factory=dict)  # folded display name -> zone
    region_countries: dict[str, str] = field(default_factory=dict)  # ISO country -> region, where its continent misleads
    header_qualifiers: frozenset[str] = frozenset()  # words that do not change what a header names
    # Public holidays of states and provinces: zones wholly inside one ("Australia/Sydney" -> "AU-NSW"),
    # English names the holidays package lacks ("DE-BY" -> ("Bavaria",)), and holiday-table words for a worked day.
    subdivision_zones: dict[str, str] = field(default_factory=dict)
    subdivision_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    open_day_words: frozenset[str] = frozenset()
    addon_conditions: tuple[Condition, ...] = ()  # the conditions of every add-on, with their wording
    line_filler: tuple[str, ...] = ()  # words a line item's product name carries that name nothing ("Support")
    licence_words: tuple[tuple[str, ...], ...] = ()  # a line item naming one and no program or add-on sells a licence
    deal_references: frozenset[str] = frozenset()  # folded headers of a line item's column naming its deal
    deal_ids: frozenset[str] = frozenset()  # folded headers of a deals table's ID column
    term_status: TermStatusWords = TermStatusWords()
    priority_flag_words: frozenset[str] = frozenset()  # a yes/no "priority" flag's words (Intercom's not_priority)
    first_response_milestones: frozenset[str] = frozenset()  # folded names of a milestone export's first response
    # A help desk's own numbering that counts up ('1 low' .. '3 high', Zammad's): a log written only in it is read by
    # its words ([priority_counting_up], folded)
    priority_counting_up: frozenset[str] = frozenset()
    legal_suffixes: frozenset[str] = frozenset()  # "Ltd", "GmbH": a company's name is the same without them
    company_parts: frozenset[str] = frozenset()  # folded words of a region, division or address after a name's comma
    account_id_headers: frozenset[str] = frozenset()  # folded headers of a CRM's account id column
    renewal_evidence: frozenset[str] = frozenset()  # folded headers of a column saying a row renews an earlier term
    renewed_to: frozenset[str] = frozenset()  # folded headers of a column giving the end the row's term was renewed to
    totals_words: tuple[str, ...] = ()  # a row whose label begins with one ("Subtotal EMEA") may be a totals line
    set_aside_sheets: tuple[str, ...] = ()  # a sheet named with one ("Do not use - old") is not read unless asked
    tool_sheets: frozenset[str] = frozenset()  # casefolded names of a tool's own hidden sheet (D365's 'hiddenSheet')
    contact_list_columns: tuple[str, ...] = ()  # a contracts table's column listing the row's named contacts
    numbered_contact_columns: tuple[str, ...] = ()  # "Contact 1".."Contact N": one named contact a column
    addon_list_columns: frozenset[str] = frozenset()  # folded headers of a column listing the add-ons bought
    bookkeeping_columns: tuple[str, ...] = ()  # a header beginning with one is a tool's bookkeeping, never a field
    subtask_columns: frozenset[str] = frozenset()  # folded headers of a tracker's parent-task column ("Parent task")
    order_customer_labels: frozenset[str] = frozenset()  # folded labels naming an order form's customer ("Bill To")
    filter_all: frozenset[str] = frozenset()  # folded customer values of a report's filters ("All accounts")
    units: dict[str, frozenset[str]] = field(default_factory=dict)  # [units]: a unit -> its words, casefolded
    # [day_first_languages]: a language that writes the day first -> its header words, casefolded and unaccented
    day_first_words: dict[str, frozenset[str]] = field(default_factory=dict)

    def bookkeeping(self, header: str) -> bool:
        """Whether a header is a tool's bookkeeping column (Dynamics 365's '(Do Not Modify) Row Checksum')."""
        text = header.strip().casefold()
        return any(text.startswith(p) for p in self.bookkeeping_columns)

    def licence_word(self, text: str) -> str | None:
        """The licence word of [line_items] licences a line item's product name holds as whole words, if any."""
        words = words_of(text)
        return next((" ".join(p) for p in self.licence_words if p and _contains(words, p)), None)

    def set_aside(self, sheet_name: str) -> str | None:
        """The phrase of set_aside_sheets the sheet's name holds as whole words, if any."""
        words = words_of(sheet_name)
        return next((p for p in self.set_aside_sheets if _contains(words, words_of(p))), None)

    def benefit_wording(self, program: Program, benefit_id: str) -> Wording:
        """The source wording of a benefit as the program has it; () where the terms are silent."""
        if benefit_id in program.benefit_wording:
            return program.benefit_wording[benefit_id]
        return self.benefits[benefit_id].wording

    @cached_property
    def memo(self) -> dict[Hashable, Any]:
        """Answers the rules derive from the catalog alone, kept by them (a catalog never changes once loaded)."""
        return {}

    def unit_words(self, scale: Mapping[str, float]) -> dict[str, float]:
        """Each word of the units ``scale`` names -> how many of its base unit the word counts (scale {'month': 1,
        'year': 12}: 'jahre' -> 12): a reader takes only its own units, so 'm' is a minute in one and a month in
        another. Looked up casefolded and unaccented."""
        key = ("units", *scale.items())
        if key not in self.memo:
            self.memo[key] = {w: per for unit, per in scale.items() for w in self.units.get(unit, ())}
        return self.memo[key]  # type: ignore[no-any-return]

    def day_first_language(self, headers: Iterable[str]) -> tuple[str, list[str]] | None:
        """The day-first language most of these headers are written in, with those headers; None where none is."""
        spoken: dict[str, list[str]] = {}
        for header in headers:
            words = set(words_of(unaccented(header)))
            for language, own in self.day_first_words.items():
                if words & own:
                    spoken.setdefault(language, []).append(header)
        return max(spoken.items(), key=lambda lh: len(lh[1])) if spoken else None

    # -- lookups by spelling (the maps are built once, on first use) --------
    @cached_property
    def _product_spellings(self) -> dict[str, Product]:
        return {fold(s): p for p in reversed(self.products.values()) for s in (p.name, *p.aliases)}

    @cached_property
    def _program_spellings(self) -> dict[tuple[str, str], Program]:
        out = {}
        for product in self.products.values():
            for pid in reversed(product.programs):
                program = self.programs[pid]
                for spelling in (program.name, *program.aliases):
                    out[(product.id, fold(spelling))] = program
        return out

    @cached_property
    def _option_spellings(self) -> dict[tuple[str, str], AddOnOption]:
        return {(a.id, fold(s)): o for a in self.addons.values() for o in a.options.values() for s in (o.id, o.label, *o.aliases)}

    def product_for(self, text: str) -> Product | None:
        return self._product_spellings.get(fold(text))

    def program_for(self, product: Product, text: str) -> Program | None:
        """The product's program spelled ``text``; blank gives the product's default."""
        key = fold(text)
        if not key:
            return self.programs[product.default_program] if product.default_program else None
        return self._program_spellings.get((product.id, key))

    @property
    def flag_words(self) -> frozenset[str]:
        """The words of a yes/no column, a priority flag's too: a priority column of only these gives no level."""
        return self.yes_words | self.no_words | self.priority_flag_words

    def priority_for(self, text: str) -> int | None:
        """The level a case log's priority names: a listed spelling, else a level number with its scheme's
        prefix and a word ('Severity 3 - Normal', 'S3 (Normal)', 'Severity One', 'P1 - Production down'). A word
        naming another level ('Severity 2 - Urgent') leaves it unread: which one the log meant is not known. A
        negative number ('-1', a tool's 'none') is no level, though folding drops its sign. The field's name before it
        ('Priority: Urgent', a tag's) is no part of it (FIELD_NAMED)."""
        text = FIELD_NAMED.sub("", text, count=1)
        if NEGATIVE.match(text):
            return None
        found = self.priority_aliases.get(fold(text))
        if found is not None:
            return found
        level, said, _ = self._level_and_word(text)
        return None if said is not None and said != level else level

    def priority_disagreement(self, text: str) -> str | None:
        """Why a level number written with a word is not read where the two name different levels (Zammad numbers
        its priorities upwards: '3 high'): 'its number says P3 and its word says P2 (high)'; None otherwise."""
        text = FIELD_NAMED.sub("", text, count=1)
        if self.priority_aliases.get(fold(text)) is not None:
            return None
        level, said, word = self._level_and_word(text)
        if level is None or said is None or said == level:
            return None
        return f"its number says P{level} and its word says P{said} ({word})"

    def _level_and_word(self, text: str) -> tuple[int | None, int | None, str]:
        """(the level a priority's number names, the level its word names, the word) as LEVEL_WRITTEN reads it; a
        word after a bare space only where it is a priority's spelling ('2 normal', never '3 users affected')."""
        if (parts := LEVEL_WRITTEN.match(text)) is None:
            return None, None, ""
        number, word = parts.group("number").lower(), parts.group("word") or parts.group("spaced") or ""
        said = self.priority_aliases.get(fold(word)) if word else None
        if parts.group("spaced") and said is None:
            return None, None, ""
        return self.priority_aliases.get(str(NUMBER_WORDS.get(number, number))), said, word.strip()

    def region_for(self, text: str) -> str:
        """The canonical region a spelling names (``Americas`` -> AMER); unknown text stays as written, trimmed."""
        return self.regions.get(fold(text), text.strip())

    def addon_option_for(self, addon_id: str, text: str) -> AddOnOption | None:
        return self._option_spellings.get((addon_id, fold(text)))

    def key_date_events(self, role: str) -> list[str]:
        """The display names the catalog gives the key dates of one role (for legends and labels)."""
        return list(dict.fromkeys(rule.event for rule in self.key_dates if rule.role == role))

    def addon_allowed(self, addon_id: str, product_id: str | None, program_id: str | None) -> bool:
        addon = self.addons[addon_id]
        program = self.programs.get(program_id or "")
        return program is not None and addon_id in program.addons and (not addon.products or product_id in addon.products)

    def addon_sold_with(self, addon_id: str) -> list[str]:
        """'Okta Premier Plus' style names of every product and program that may carry the add-on."""
        return [
            f"{product.name} {self.programs[pid].name}"
            for product in self.products.values()
            for pid in product.programs
            if self.addon_allowed(addon_id, product.id, pid)
        ]

    def program_ids_by_rank(self, product: Product) -> list[str]:
        return sorted(product.programs, key=lambda p: self.programs[p].rank)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# -- validation helpers -------------------------------------------------------
def _get(table: dict[str, Any], key: str, kind: type | tuple[type, ...], path: str, default: Any = ...) -> Any:
    if key not in table:
        if default is ...:
            raise CatalogError(f"{path}.{key}: missing")
        return default
    value = table[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise CatalogError(f"{path}.{key}: expected {names}, found {value!r}")
    return value


def _section(data: dict[str, Any], key: str, path: str = "") -> dict[str, Any]:
    section: dict[str, Any] = _get(data, key, dict, path.rstrip(".") or "catalog")
    return section


def _clock_minutes(text: str, path: str) -> int:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match or int(match[1]) > 24 or int(match[2]) > 59 or int(match[1]) * 60 + int(match[2]) > 1440:
        raise CatalogError(f"{path}: expected a time such as 09:00, found {text!r}")
    return int(match[1]) * 60 + int(match[2])


def _priority(key: str, path: str) -> int:
    if not key.isdigit() or int(key) not in PRIORITIES:
        raise CatalogError(f"{path}: priority must be 1, 2, 3 or 4, found {key!r}")
    return int(key)


def _strings(value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogError(f"{path}: expected a list of texts")
    return tuple(value)


def _wording(table: dict[str, Any], key: str, path: str, required: bool = True) -> Wording:
    """Source wording: a text, or a list of texts (one per bullet); required ones may not be blank."""
    if key not in table:
        if required:
            raise CatalogError(f"{path}.{key}: missing (quote the source terms)")
        return ()
    value = table[key]
    texts = [value] if isinstance(value, str) else value
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise CatalogError(f"{path}.{key}: expected the source wording, a text or a list of texts, found {value!r}")
    if (required or texts != [""]) and not all(t.strip() for t in texts):
        raise CatalogError(f"{path}.{key}: the wording is blank")
    return tuple(t for t in texts if t.strip())


def _conditions(table: dict[str, Any], key: str, path: str, required: bool) -> tuple[Condition, ...]:
    raw = _get(table, key, list, path, ... if required else [])
    out = []
    for i, item in enumerate(raw):
        ipath = f"{path}.{key}[{i}]"
        if not isinstance(item, dict):
            raise CatalogError(f"{ipath}: expected {{ title = ..., wording = ... }}, found {item!r}")
        out.append(Condition(_get(item, "title", str, ipath), _wording(item, "wording", ipath)))
    return tuple(out)


def _decision_ref(table: dict[str, Any], key: str, path: str, decisions: dict[str, Decision]) -> str | None:
    ref: str | None = _get(table, key, str, path, None)
    if ref is not None and ref not in decisions:
        raise CatalogError(f"{path}.{key}: unknown decision {ref!r}")
    return ref


def _priority_terms(data: dict[str, Any], scheme_id: str, decisions: dict[str, Decision]) -> PriorityTerms:
    """[priority_wording.<scheme>]: the intro and every level's description; solutions for all levels or none."""
    path = f"priority_wording.{scheme_id}"
    raw = _get(_section(data, "priority_wording"), scheme_id, dict, "priority_wording")
    levels = {}
    for key, value in raw.items():
        if key in ("intro", "solution_heading", "decision"):
            continue
        level = _priority(key, f"{path}.{key}")
        if not isinstance(value, dict):
            raise CatalogError(f"{path}.{key}: expected {{ description = ... }}, found {value!r}")
        lpath = f"{path}.{key}"
        levels[level] = PriorityWording(
            level,
            _wording(value, "description", lpath),
            _wording(value, "examples", lpath, required=False),
            _get(value, "heading", str, lpath, ""),
            _wording(value, "solution", lpath, required=False),
        )
    missing = [p for p in PRIORITIES if p not in levels]
    if missing:
        raise CatalogError(f"{path}.{missing[0]}: missing (quote the terms' description of priority {missing[0]})")
    with_solution = [lv.priority for lv in levels.values() if lv.solution]
    if with_solution and len(with_solution) != len(levels):
        lacking = next(p for p in PRIORITIES if p not in with_solution)
        raise CatalogError(f"{path}.{lacking}.solution: missing (the other levels have a solution definition)")
    heading = _get(raw, "solution_heading", str, path, "")
    if with_solution and not heading:
        raise CatalogError(f"{path}.solution_heading: missing (quote the heading of the solution definitions)")
    return PriorityTerms(_wording(raw, "intro", path), levels, heading, _decision_ref(raw, "decision", path, decisions))


def _commitment(raw: dict[str, Any], path: str, decisions: dict[str, Decision]) -> Commitment | None:
    table = _get(raw, "customer_commitment", dict, path, None)
    if table is None:
        return None
    cpath = f"{path}.customer_commitment"
    return Commitment(
        _priority(str(_get(table, "priority", int, cpath)), f"{cpath}.priority"),
        _get(table, "title", str, cpath),
        _wording(table, "wording", cpath),
        _decision_ref(table, "decision", cpath, decisions),
    )


def _program_wording(raw: dict[str, Any], path: str, benefits: dict[str, Benefit], decision: str | None) -> dict[str, Wording]:
    """[programs.X.wording]: benefit id -> the program's own quote; "" where the terms are silent (needs a decision)."""
    out = {}
    for bid in _get(raw, "wording", dict, path, {}):
        wpath = f"{path}.wording"
        if bid not in benefits:
            raise CatalogError(f"{wpath}.{bid}: unknown benefit (declare it under [benefits])")
        out[bid] = _wording(raw["wording"], bid, wpath, required=False)
        if not out[bid] and decision is None:
            raise CatalogError(f"{wpath}.{bid}: blank wording needs the program's decision (where the terms are silent)")
    return out


def _check_benefit_wording(programs: dict[str, Program], benefits: dict[str, Benefit]) -> None:
    """Every benefit a program carries shows the source wording it came from (or the program's decision)."""
    for program in programs.values():
        for bid, value in program.benefits.items():
            if value is False or bid in program.benefit_wording or benefits[bid].wording:
                continue
            raise CatalogError(
                f"benefits.{bid}.wording: missing (quote the source terms there or under programs.{program.id}.wording.{bid})"
            )


def _calendars(data: dict[str, Any]) -> dict[str, Calendar]:
    out = {}
    for cid, raw in _section(data, "calendars").items():
        path = f"calendars.{cid}"
        kind = _get(raw, "kind", str, path)
        if kind == "always":
            out[cid] = Calendar(
                cid,
                _get(raw, "label", str, path),
                kind,
                words=_get(raw, "words", str, path, ""),
                short=_get(raw, "short", str, path, ""),
                spoken=_get(raw, "spoken", str, path, ""),
            )
            continue
        if kind != "weekly":
            raise CatalogError(f"{path}.kind: expected 'always' or 'weekly', found {kind!r}")
        days = _strings(_get(raw, "days", list, path), f"{path}.days")
        unknown = [d for d in days if d not in WEEKDAYS]
        if unknown or not days:
            raise CatalogError(f"{path}.days: use {', '.join(WEEKDAYS)}; found {unknown or 'none'}")
        opening = _clock_minutes(_get(raw, "open", str, path), f"{path}.open")
        closing = _clock_minutes(_get(raw, "close", str, path), f"{path}.close")
        if closing <= opening:
            raise CatalogError(f"{path}: close must be after open")
        holidays = _get(raw, "holidays", str, path, "none")
        if holidays not in ("none", "country"):
            raise CatalogError(f"{path}.holidays: expected 'none' or 'country', found {holidays!r}")
        out[cid] = Calendar(
            cid,
            _get(raw, "label", str, path),
            kind,
            tuple(WEEKDAYS.index(d) for d in days),
            opening,
            closing,
            holidays,
            _get(raw, "decision", str, path, None),
            _get(raw, "words", str, path, ""),
            _get(raw, "short", str, path, ""),
            _get(raw, "spoken", str, path, ""),
        )
    return out


def _programs(
    data: dict[str, Any], calendars: dict[str, Calendar], benefits: dict[str, Benefit], decisions: dict[str, Decision]
) -> dict[str, Program]:
    out = {}
    for pid, raw in _section(data, "programs").items():
        path = f"programs.{pid}"
        hours = _get(raw, "support_hours", str, path)
        if hours not in calendars:
            raise CatalogError(f"{path}.support_hours: unknown calendar {hours!r}")
        targets = {}
        raw_targets = _get(raw, "targets", dict, path)
        for key, value in raw_targets.items():
            tpath = f"{path}.targets.{key}"
            priority = _priority(key, tpath)
            if not (
                isinstance(value, list)
                and len(value) == 2
                and isinstance(value[0], int)
                and not isinstance(value[0], bool)
                and value[0] > 0
                and isinstance(value[1], str)
            ):
                raise CatalogError(f"{tpath}: expected [minutes, calendar] with minutes > 0, found {value!r}")
            if value[1] not in calendars:
                raise CatalogError(f"{tpath}: unknown calendar {value[1]!r}")
            targets[priority] = Target(priority, value[0], value[1])
        missing = [p for p in PRIORITIES if p not in targets]
        if missing:
            raise CatalogError(f"{path}.targets: no target for priority {missing[0]}")
        program_benefits = _get(raw, "benefits", dict, path)
        for bid, value in program_benefits.items():
            if bid not in benefits:
                raise CatalogError(f"{path}.benefits.{bid}: unknown benefit (declare it under [benefits])")
            if not isinstance(value, (bool, str)):
                raise CatalogError(f"{path}.benefits.{bid}: expected true/false or a text")
        decision = _decision_ref(raw, "decision", path, decisions)
        out[pid] = Program(
            pid,
            _get(raw, "name", str, path),
            _get(raw, "rank", int, path),
            _strings(_get(raw, "aliases", list, path, []), f"{path}.aliases"),
            hours,
            targets,
            dict(program_benefits),
            _strings(_get(raw, "addons", list, path, []), f"{path}.addons"),
            _wording(raw, "targets_wording", path),
            _program_wording(raw, path, benefits, decision),
            decision,
            _commitment(raw, path, decisions),
        )
    return out


def _products(data: dict[str, Any], programs: dict[str, Program], decisions: dict[str, Decision]) -> dict[str, Product]:
    schemes = _section(data, "priority_schemes")
    sources = _section(data, "sources")
    out = {}
    for pid, raw in _section(data, "products").items():
        path = f"products.{pid}"
        program_ids = _strings(_get(raw, "programs", list, path), f"{path}.programs")
        for program_id in program_ids:
            if program_id not in programs:
                raise CatalogError(f"{path}.programs: unknown program {program_id!r}")
        scheme_id = _get(raw, "priority_scheme", str, path)
        if scheme_id not in schemes:
            raise CatalogError(f"{path}.priority_scheme: unknown scheme {scheme_id!r}")
        descriptions = {_priority(k, f"priority_schemes.{scheme_id}.{k}"): str(v) for k, v in schemes[scheme_id].items()}
        default = _get(raw, "default_program", str, path, None)
        if default is not None and default not in program_ids:
            raise CatalogError(f"{path}.default_program: {default!r} is not one of the product's programs")
        for key in ("decision", "default_program_decision"):
            ref = raw.get(key)
            if ref is not None and ref not in decisions:
                raise CatalogError(f"{path}.{key}: unknown decision {ref!r}")
        source = _get(raw, "source", str, path)
        if not isinstance(sources.get(source), str):
            raise CatalogError(f"{path}.source: unknown source {source!r} (name its document under [sources])")
        production_only = _get(raw, "production_only", bool, path, False)
        out[pid] = Product(
            pid,
            _get(raw, "name", str, path),
            _strings(_get(raw, "aliases", list, path, []), f"{path}.aliases"),
            program_ids,
            descriptions,
            default,
            raw.get("default_program_decision"),
            production_only,
            raw.get("decision"),
            sources[source],
            _wording(raw, "response_wording", path),
            _priority_terms(data, scheme_id, decisions),
            _wording(raw, "default_program_wording", path, required=default is not None),
            _wording(raw, "production_only_wording", path, required=production_only),
            _wording(raw, "help_wording", path, required=False),
        )
    return out


def _addons(data: dict[str, Any]) -> tuple[dict[str, AddOn], dict[str, Any]]:
    raw_all = _section(data, "addons")
    out = {}
    for aid, raw in raw_all.items():
        if not isinstance(raw, dict):
            continue  # the scalar settings of [addons]
        path = f"addons.{aid}"
        options = {}
        for oid, opt in _get(raw, "options", dict, path, {}).items():
            opath = f"{path}.options.{oid}"
            limit = _get(opt, "named_contacts", int, opath)
            if limit < 0:
                raise CatalogError(f"{opath}.named_contacts: must not be negative")
            options[oid] = AddOnOption(
                oid,
                _get(opt, "label", str, opath),
                limit,
                _strings(_get(opt, "aliases", list, opath, []), f"{opath}.aliases"),
                _wording(opt, "wording", opath, required=False),
            )
        out[aid] = AddOn(
            aid,
            _get(raw, "name", str, path),
            _get(raw, "short", str, path),
            _get(raw, "mobilization_days", int, path),
            _get(raw, "during_mobilization", str, path, ""),
            _get(raw, "regional", bool, path, False),
            options,
            _strings(_get(raw, "products", list, path, []), f"{path}.products"),
            _get(raw, "column", str, path, "") or _get(raw, "short", str, path),
            _wording(raw, "wording", path),
            _conditions(raw, "conditions", path, required=False),
        )
    return out, raw_all


def _key_dates(data: dict[str, Any], programs: dict[str, Program], addons: dict[str, AddOn]) -> tuple[KeyDateRule, ...]:
    rules: list[KeyDateRule] = []
    raw_rules = _get(data, "key_dates", list, "catalog")
    for i, raw in enumerate(raw_rules):
        path = f"key_dates[{i}]"
        anchor = _get(raw, "anchor", str, path)
        if anchor not in ANCHORS:
            raise CatalogError(f"{path}.anchor: expected one of {', '.join(ANCHORS)}, found {anchor!r}")
        progs = _strings(_get(raw, "programs", list, path, []), f"{path}.programs")
        for p in progs:
            if p not in programs:
                raise CatalogError(f"{path}.programs: unknown program {p!r}")
        addon = _get(raw, "addon", str, path, None)
        if addon is not None and addon != "any" and addon not in addons:
            raise CatalogError(f"{path}.addon: unknown add-on {addon!r}")
        applies_all = _get(raw, "applies_to", str, path, "") == "all"
        if not (applies_all or progs or addon):
            raise CatalogError(f'{path}: say what it applies to (applies_to = "all", programs or addon)')
        role = _get(raw, "role", str, path, "event")
        if role not in ROLES:
            raise CatalogError(f"{path}.role: expected one of {', '.join(ROLES)}, found {role!r}")
        if role == "addon_available" and addon in (None, "any"):
            raise CatalogError(f'{path}.role: an addon_available date names its add-on (addon = "...")')
        event = _get(raw, "event", str, path)
        rule_id = _get(raw, "id", str, path, "") or _default_key_date_id(role, addon, event)
        if rule_id in (r.id for r in rules):
            raise CatalogError(f'{path}.id: {rule_id!r} is used twice; give the key date its own id = "..."')
        rules.append(
            KeyDateRule(
                event,
                anchor,
                _get(raw, "offset_days", int, path),
                applies_all,
                progs,
                addon,
                _get(raw, "note", str, path, ""),
                role,
                rule_id,
            )
        )
    return tuple(rules)


def _default_key_date_id(role: str, addon: str | None, event: str) -> str:
    """The role names the date (per add-on for availability); a plain event is named by its text."""
    if role == "addon_available":
        return f"{role}:{addon}"
    return role if role != "event" else f"event:{fold(event)}"


def _field_groups(raw: dict[str, Any], key: str, fields: Mapping[str, object], path: str) -> dict[str, tuple[str, ...]]:
    """A table's ``key`` section: field -> fields of the same table (combine, instead)."""
    groups = {k: _strings(v, f"{path}.{key}.{k}") for k, v in _get(raw, key, dict, path, {}).items()}
    for name, parts in groups.items():
        for part in (name, *parts):
            if part not in fields:
                raise CatalogError(f"{path}.{key}.{name}: {part!r} is not a field of the table")
    return groups


def _titles(raw: dict[str, Any], fields: Mapping[str, object], path: str, key: str = "titles") -> dict[str, tuple[str, ...]]:
    titles = {}
    for name, headers in _get(raw, key, dict, path, {}).items():
        if name not in fields:
            raise CatalogError(f"{path}.{key}.{name}: not a field of the table")
        titles[name] = tuple(dict.fromkeys(fold(h) for h in _strings(headers, f"{path}.{key}.{name}")))  # in order
    return titles


def _tables(data: dict[str, Any]) -> dict[str, TableSpec]:
    out = {}
    for tid, raw in _section(data, "tables").items():
        path = f"tables.{tid}"
        fields = {k: _strings(v, f"{path}.fields.{k}") for k, v in _get(raw, "fields", dict, path).items()}
        required = _strings(_get(raw, "required", list, path), f"{path}.required")
        for r in required:
            if r not in fields:
                raise CatalogError(f"{path}.required: {r!r} is not a field of the table")
        types = _get(raw, "types", dict, path, {})
        for name, kind in types.items():
            if name not in fields:
                raise CatalogError(f"{path}.types.{name}: not a field of the table")
            if kind not in FIELD_TYPES:
                raise CatalogError(f"{path}.types.{name}: expected one of {', '.join(FIELD_TYPES)}, found {kind!r}")
        combine = _field_groups(raw, "combine", fields, path)
        for key in ("decisive", "needed", "title_evidence"):
            for name in _get(raw, key, list, path, []):
                if name not in fields:
                    raise CatalogError(f"{path}.{key}: {name!r} is not a field of the table")
        instead = _field_groups(raw, "instead", fields, path)
        lookalikes = {}
        for header, raw_look in _get(raw, "lookalikes", dict, path, {}).items():
            lpath = f"{path}.lookalikes.{header!r}"
            if not isinstance(raw_look, dict):
                raise CatalogError(f"{lpath}: expected a table with field and why, found {raw_look!r}")
            target = _get(raw_look, "field", str, lpath)
            if target not in fields:
                raise CatalogError(f"{lpath}.field: {target!r} is not a field of the table")
            lookalikes[fold(header)] = (target, _get(raw_look, "why", str, lpath))
        out[tid] = TableSpec(
            tid,
            _get(raw, "label", str, path),
            required,
            _get(raw, "min_fields", int, path, len(required)),
            fields,
            dict(types),
            _get(raw, "precedence", int, path, 0),
            _strings(_get(raw, "decisive", list, path, []), f"{path}.decisive"),
            combine,
            _strings(_get(raw, "needed", list, path, []), f"{path}.needed"),
            lookalikes,
            instead,
            frozenset(fold(h) for h in _strings(_get(raw, "others", list, path, []), f"{path}.others")),
            _titles(raw, fields, path),
            _strings(_get(raw, "title_evidence", list, path, []), f"{path}.title_evidence"),
            {n: frozenset(h) for n, h in _titles(raw, fields, path, "by_values").items()},
            frozenset(w.casefold() for w in _strings(_get(raw, "deadlines", list, path, []), f"{path}.deadlines")),
            {n: frozenset(h) for n, h in _titles(raw, fields, path, "prefer").items()},
            tuple(" ".join(w.casefold().split()) for w in _strings(_get(raw, "summaries", list, path, []), f"{path}.summaries")),
            _subjects(raw, path),
            frozenset(w.casefold() for w in _strings(_get(raw, "events", list, path, []), f"{path}.events")),
        )
    return out


def _subjects(raw: dict[str, Any], path: str) -> dict[str, str]:
    out = {}
    for subject, forms in _get(raw, "subjects", dict, path, {}).items():
        for word in (subject, *_strings(forms, f"{path}.subjects.{subject}")):
            out[word.casefold().strip()] = subject.casefold().strip()
    return out


def _environments(data: dict[str, Any]) -> Environments:
    raw = _section(data, "environments")

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        out = tuple(words_of(s) for s in _strings(_get(raw, key, list, "environments"), f"environments.{key}"))
        if not all(out):
            raise CatalogError(f"environments.{key}: a spelling has no letters or digits")
        return out

    return Environments(phrases("production"), phrases("non_production"))


def _term_status(data: dict[str, Any]) -> TermStatusWords:
    raw = _get(data, "term_status", dict, "catalog", {})

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        out = tuple(words_of(unaccented(s)) for s in _strings(_get(raw, key, list, "term_status", []), f"term_status.{key}"))
        if not all(out):
            raise CatalogError(f"term_status.{key}: a spelling has no letters or digits")
        return out

    def strings(key: str) -> tuple[str, ...]:
        return _strings(_get(raw, key, list, "term_status", []), f"term_status.{key}")

    def headers(key: str) -> frozenset[str]:
        return frozenset(TermStatusWords.key(h) for h in strings(key))

    def deal_exports() -> tuple[frozenset[str], ...]:
        lists = _get(raw, "deal_exports", list, "term_status", [])
        out = tuple(frozenset(" ".join(h.casefold().split()) for h in _strings(one, "term_status.deal_exports")) for one in lists)
        if not all(out):
            raise CatalogError("term_status.deal_exports: each export is a list of its columns")
        return out

    return TermStatusWords(
        headers("columns"),
        headers("date_columns"),
        phrases("ended"),
        phrases("never_ran"),
        phrases("not_signed"),
        headers("not_signed_columns"),
        phrases("draft"),
        headers("next_term_columns"),
        phrases("draft_alone"),
        deal_exports(),
        headers("deal_table_status"),
        phrases("open_stages"),
        headers("stage_columns"),
        phrases("active"),
        phrases("negations"),
        phrases("reversals"),
        phrases("objects"),
        phrases("quote_titles"),
        phrases("states"),
        headers("open_type_columns"),
        phrases("open_types"),
        phrases("not_renewed"),
        headers("agreement_type_columns"),
        phrases("order_types"),
        phrases("other_agreements"),
    )


UNITS = ("millisecond", "second", "minute", "hour", "day", "week", "month", "year")


def _units(data: dict[str, Any]) -> dict[str, frozenset[str]]:
    """[units]: each unit's words, casefolded and also without accents ('années' is written 'annees' too)."""
    out = {}
    for unit, words in _get(data, "units", dict, "catalog", {}).items():
        if unit not in UNITS:
            raise CatalogError(f"units.{unit}: unknown unit (one of {', '.join(UNITS)})")
        folded = [w.strip().casefold() for w in _strings(words, f"units.{unit}")]
        out[unit] = frozenset(folded) | frozenset(unaccented(w) for w in folded)
    return out


def _day_first_words(data: dict[str, Any], tables: Mapping[str, TableSpec]) -> dict[str, frozenset[str]]:
    """[day_first_languages]: each language's header words, each a word of a header spelling (so the list says
    which spellings are in which language, and nothing else)."""
    spelt = {
        unaccented(w)
        for spec in tables.values()
        for group in (spec.fields, spec.by_values)
        for spellings in group.values()
        for spelling in spellings
        for w in words_of(spelling)
    }
    out = {}
    for language, words in _get(data, "day_first_languages", dict, "catalog", {}).items():
        own = frozenset(unaccented(w.strip().casefold()) for w in _strings(words, f"day_first_languages.{language}"))
        if stray := sorted(own - spelt):
            raise CatalogError(f"day_first_languages.{language}: {', '.join(stray)} is in no header spelling")
        out[language] = own
    return out


def _regions(data: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for region, spellings in _section(data, "regions").items():
        for spelling in (region, *_strings(spellings, f"regions.{region}")):
            if out.setdefault(fold(spelling), region) != region:
                raise CatalogError(f"regions.{region}: {spelling!r} already names {out[fold(spelling)]}")
    return out


SUBDIVISION_CODE = re.compile(r"[A-Z]{2}-[A-Za-z0-9 ]+")


def _subdivisions(data: dict[str, Any]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """[subdivisions]: zone -> "CC-CODE", and "CC-CODE" -> extra names. Codes are checked against the
    holidays package by the tests, not here: loading the catalog stays free of that package."""
    raw = _get(data, "subdivisions", dict, "catalog", {})
    zones = {str(k): v for k, v in _get(raw, "zones", dict, "subdivisions", {}).items()}
    for zone, code in zones.items():
        path = f"subdivisions.zones.{zone}"
        if not isinstance(code, str) or not SUBDIVISION_CODE.fullmatch(code):
            raise CatalogError(f'{path}: expected a code such as "AU-NSW", found {code!r}')
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise CatalogError(f"{path}: unknown time zone {zone!r}") from None
    names = {}
    for code, spellings in _get(raw, "names", dict, "subdivisions", {}).items():
        if not SUBDIVISION_CODE.fullmatch(code):
            raise CatalogError(f'subdivisions.names.{code}: expected a code such as "DE-BY"')
        names[code] = _strings(spellings, f"subdivisions.names.{code}")
    return zones, names


MAX_SETTING_DAYS = 3650


def _settings(data: dict[str, Any]) -> Settings:
    raw_settings = _section(data, "settings")
    settings = Settings(
        _get(raw_settings, "due_soon_days", int, "settings"),
        float(_get(raw_settings, "at_risk_fraction", (int, float), "settings")),
        _get(raw_settings, "case_timezone", str, "settings", "UTC"),
        _get(raw_settings, "default_timezone", str, "settings", "UTC"),
        float(_get(raw_settings, "compliance_target", (int, float), "settings", 0.95)),
        _get(raw_settings, "recent_days", int, "settings", 90),
        _get(raw_settings, "alarm_days", int, "settings", 14),
        tuple(_strings(_get(raw_settings, "owner_columns", list, "settings", []), "settings.owner_columns")),
    )
    if not 0 < settings.at_risk_fraction <= 1:
        raise CatalogError("settings.at_risk_fraction: must be above 0 and at most 1")
    if not 0 < settings.compliance_target <= 1:
        raise CatalogError("settings.compliance_target: must be above 0 and at most 1")
    for key in ("due_soon_days", "recent_days", "alarm_days"):
        if not 0 <= getattr(settings, key) <= MAX_SETTING_DAYS:  # a negative window is meaningless, a huge one overflows
            raise CatalogError(f"settings.{key}: must be a number of days from 0 to {MAX_SETTING_DAYS:,}")
    for key in ("case_timezone", "default_timezone"):
        try:
            ZoneInfo(getattr(settings, key))
        except (ZoneInfoNotFoundError, ValueError):
            raise CatalogError(f"settings.{key}: unknown time zone {getattr(settings, key)!r}") from None
    return settings


def _benefits(data: dict[str, Any]) -> dict[str, Benefit]:
    benefits = {
        bid: Benefit(
            bid,
            _get(raw, "label", str, f"benefits.{bid}"),
            _get(raw, "group", str, f"benefits.{bid}"),
            _get(raw, "describes", str, f"benefits.{bid}", ""),
            _wording(raw, "wording", f"benefits.{bid}", required=False),
        )
        for bid, raw in _section(data, "benefits").items()
    }
    for benefit in benefits.values():
        if benefit.describes not in ("", "support_hours"):
            raise CatalogError(f"benefits.{benefit.id}.describes: expected 'support_hours', found {benefit.describes!r}")
    return benefits


def _check_addons(
    addons: dict[str, AddOn], programs: dict[str, Program], products: dict[str, Product], tables: dict[str, TableSpec]
) -> None:
    """Every add-on names known products, is named by known programs, and has a contract column."""
    for addon in addons.values():
        for pid in addon.products:
            if pid not in products:
                raise CatalogError(f"addons.{addon.id}.products: unknown product {pid!r}")
    for program in programs.values():
        for aid in program.addons:
            if aid not in addons:
                raise CatalogError(f"programs.{program.id}.addons: unknown add-on {aid!r}")
    contract_fields = tables["contracts"].fields if "contracts" in tables else {}
    for aid in addons:
        if aid not in contract_fields:
            raise CatalogError(
                f"addons.{aid}: the contract table has no column for it "
                f"(list its header spellings as tables.contracts.fields.{aid})"
            )


def parse_catalog(data: dict[str, Any], source: str = "") -> Catalog:
    """Validate raw TOML data and build the catalog; raises CatalogError."""
    meta = _section(data, "catalog")
    settings = _settings(data)
    decisions = {
        did: Decision(did, _get(raw, "title", str, f"decisions.{did}"), _get(raw, "text", str, f"decisions.{did}"))
        for did, raw in _section(data, "decisions").items()
    }
    calendars = _calendars(data)
    for cal in calendars.values():
        if cal.decision and cal.decision not in decisions:
            raise CatalogError(f"calendars.{cal.id}.decision: unknown decision {cal.decision!r}")
    benefits = _benefits(data)
    programs = _programs(data, calendars, benefits, decisions)
    _check_benefit_wording(programs, benefits)
    products = _products(data, programs, decisions)
    addons, raw_addons = _addons(data)
    tables = _tables(data)
    _check_addons(addons, programs, products, tables)
    priority_aliases = {}
    for key, spellings in _section(data, "priority_aliases").items():
        level = _priority(key, f"priority_aliases.{key}")
        for s in _strings(spellings, f"priority_aliases.{key}"):
            priority_aliases[fold(s)] = level
    values = _section(data, "values")

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in _strings(_get(values, key, list, "values"), f"values.{key}"))

    abbreviations = {k.upper(): v for k, v in _section(data, "timezone_abbreviations").items()}
    main_zones = {k.upper(): v for k, v in _get(data, "country_main_zones", dict, "catalog", {}).items()}
    state_zones = {k.upper(): v for k, v in _get(data, "subdivision_main_zones", dict, "catalog", {}).items()}
    display_names = {fold(k): v for k, v in _get(data, "timezone_names", dict, "catalog", {}).items()}
    for table, entries in (
        ("timezone_abbreviations", abbreviations),
        ("country_main_zones", main_zones),
        ("subdivision_main_zones", state_zones),
        ("timezone_names", display_names),
    ):
        for key, zone in entries.items():
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError, TypeError):
                raise CatalogError(f"{table}.{key}: unknown time zone {zone!r}") from None
    zones, names = _subdivisions(data)
    layout = _get(data, "layout", dict, "catalog", {})
    return Catalog(
        version=_get(meta, "version", str, "catalog"),
        title=_get(meta, "title", str, "catalog", ""),
        settings=settings,
        decisions=decisions,
        calendars=calendars,
        benefits=benefits,
        programs=programs,
        products=products,
        addons=addons,
        addons_title=_get(raw_addons, "title", str, "addons", "Add-ons"),
        renewal_notice_days=_get(raw_addons, "renewal_notice_days", int, "addons"),
        admin_days_per_year=float(_get(raw_addons, "admin_days_per_year", (int, float), "addons")),
        admin_days_decision=raw_addons.get("admin_days_decision"),
        key_dates=_key_dates(data, programs, addons),
        tables=tables,
        priority_aliases=priority_aliases,
        priority_counting_up=frozenset(
            fold(w) for w in _strings(data.get("priority_counting_up", {}).get("spellings", []), "priority_counting_up.spellings")
        ),
        yes_words=words("yes"),
        no_words=words("no"),
        no_one_words=words("no_one") if "no_one" in values else frozenset(),
        environments=_environments(data),
        regions=_regions(data),
        timezone_abbreviations=abbreviations,
        country_main_zones=main_zones,
        subdivision_main_zones=state_zones,
        region_countries={
            code.upper(): region
            for region, codes in _get(data, "region_countries", dict, "catalog", {}).items()
            for code in _strings(codes, f"region_countries.{region}")
        },
        timezone_names=display_names,
        source=source,
        header_qualifiers=frozenset(
            w.casefold()
            for w in _strings(
                _get(_get(data, "header_words", dict, "catalog", {}), "qualifiers", list, "header_words", []),
                "header_words.qualifiers",
            )
        ),
        subdivision_zones=zones,
        subdivision_names=names,
        open_day_words=frozenset(fold(w) for w in _strings(values.get("open_day", []), "values.open_day")),
        addon_conditions=_conditions(raw_addons, "conditions", "addons", required=True),
        line_filler=_strings(
            _get(_get(data, "line_items", dict, "catalog", {}), "filler", list, "line_items", []), "line_items.filler"
        ),
        licence_words=tuple(
            words_of(w)
            for w in _strings(
                _get(_get(data, "line_items", dict, "catalog", {}), "licences", list, "line_items", []), "line_items.licences"
            )
        ),
        deal_references=frozenset(
            fold(w)
            for w in _strings(
                _get(_get(data, "line_items", dict, "catalog", {}), "deal_reference", list, "line_items", []),
                "line_items.deal_reference",
            )
        ),
        deal_ids=frozenset(
            fold(w)
            for w in _strings(
                _get(_get(data, "line_items", dict, "catalog", {}), "deal_id", list, "line_items", []), "line_items.deal_id"
            )
        ),
        priority_flag_words=frozenset(fold(w) for w in _strings(values.get("priority_flag", []), "values.priority_flag")),
        first_response_milestones=frozenset(
            fold(w) for w in _strings(values.get("first_response_milestones", []), "values.first_response_milestones")
        ),
        legal_suffixes=frozenset(w.casefold() for w in _strings(values.get("legal_suffix", []), "values.legal_suffix")),
        company_parts=frozenset(fold(w) for w in _strings(values.get("company_part", []), "values.company_part")),
        account_id_headers=frozenset(fold(w) for w in _strings(values.get("account_id", []), "values.account_id")),
        renewal_evidence=frozenset(fold(w) for w in _strings(values.get("renewal_evidence", []), "values.renewal_evidence")),
        renewed_to=frozenset(fold(w) for w in _strings(values.get("renewed_to", []), "values.renewed_to")),
        totals_words=_strings(layout.get("totals", []), "layout.totals"),
        term_status=_term_status(data),
        set_aside_sheets=_strings(layout.get("set_aside_sheets", []), "layout.set_aside_sheets"),
        tool_sheets=frozenset(w.casefold() for w in _strings(layout.get("tool_sheets", []), "layout.tool_sheets")),
        contact_list_columns=_strings(layout.get("contact_list_columns", []), "layout.contact_list_columns"),
        numbered_contact_columns=_strings(layout.get("numbered_contact_columns", []), "layout.numbered_contact_columns"),
        addon_list_columns=frozenset(
            fold(w) for w in _strings(layout.get("addon_list_columns", []), "layout.addon_list_columns")
        ),
        bookkeeping_columns=tuple(
            w.casefold() for w in _strings(layout.get("bookkeeping_columns", []), "layout.bookkeeping_columns")
        ),
        subtask_columns=frozenset(fold(w) for w in _strings(layout.get("subtask_columns", []), "layout.subtask_columns")),
        order_customer_labels=frozenset(
            fold(w) for w in _strings(layout.get("order_customer_labels", []), "layout.order_customer_labels")
        ),
        filter_all=frozenset(fold(w) for w in _strings(layout.get("filter_all", []), "layout.filter_all")),
        units=_units(data),
        day_first_words=_day_first_words(data, tables),
    )


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Read and validate a catalog file (the bundled one by default)."""
    target = Path(path) if path is not None else resource_path("catalog.toml")
    try:
        data = load_toml(target)
    except UnreadableFile as exc:
        toml = exc.cause.startswith("not valid TOML")
        raise CatalogError(f"{exc.path}: {exc.cause}" if toml else f"{exc.path}: cannot read the catalog ({exc.cause})") from None
    if not isinstance(data.get("catalog"), dict):  # a workspace or mapping file given as --catalog
        raise CatalogError(f"{target.name}: not a catalog file (it has no [catalog] table)")
    try:
        return parse_catalog(data, str(target))
    except CatalogError as exc:  # its key names the place; the file name says which file
        raise CatalogError(f"{target.name}: {exc}") from None


@cache
def default_catalog() -> Catalog:
    return load_catalog()
