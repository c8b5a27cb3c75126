"""What a header cell names, in layers: a saved mapping, the catalog's spellings,
the same after normalising the header, then fuzzy word matching (rapidfuzz).

Fuzzy matching only considers fields whose type fits the column's values (a date
field takes a column of dates), each column serves at most one field, and the
best score wins. Only confident matches are used; weaker ones are kept as
suggestions for `explorer map` and the Map Columns dialog. Every match that was
not an exact spelling is reported, so nothing is guessed silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from explorer.catalog import Catalog, TableSpec, api_name, fold
from explorer.importing.places import sales_region

AUTO_SCORE = 85  # a fuzzy match this good is used without asking
SUGGEST_SCORE = 80  # below this a column is not even suggested
NORMALISED_SCORE = 95
TYPE_SHARE = 0.8  # this share of a column's sampled values must fit a typed field

BRACKETED = re.compile(r"\s*[(\[]([^)\]]*)[)\]]\s*")
UNIT_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?")
API_SUFFIX = re.compile(r"(?:__(?:c|r|pc|x)|(?<=[^\W_])_c)$", re.IGNORECASE)  # SugarCRM's custom fields end in '_c'
CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
DATE_TEXT = re.compile(
    r"\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[-/ ][A-Za-z]{3}[-/ ]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?[ -][A-Za-z]{3,9}\.?[ -,]|[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})"
)
NUMBER_TEXT = re.compile(r"\s*-?\d+(?:[.,]\d+)?\s*")
UNIX_TEXT = re.compile(r"\d{10}(?:\d{3})?(?:\.0+)?")
BUSINESS_WORDS = ("business", "working hours", "office hours")
CLOCK_PARTS = ("calendar", "business")  # the clock a Zendesk metric counts on, after its name
# a document's file name, as a CLM lists its agreements ('Juniper Ridge Bank - Order Form.pdf')
FILE_NAME = re.compile(r"\.(?:pdf|docx?|xlsx?|odt|rtf|txt|msg|eml|pptx?|png|jpe?g|tiff?|zip)\s*$", re.IGNORECASE)
CUSTOM_FIELD = re.compile(r"custom field \((.+)\)", re.IGNORECASE)
OBJECT_PREFIX = re.compile(r"[A-Za-z]+ - (.+)")  # Pipedrive names each column by its object: "Deal - Organization"
# Zuora's data sources and Salesforce's joined reports too, before a colon: "Subscription: Term Start Date"
OBJECT_FIELD = re.compile(r"[^\W\d_][^\W\d]*(?: [^\W\d]+){0,3}\s*:\s+([^\W\d_].*)")
BILINGUAL_SPLIT = re.compile(r"\s+/\s+|\s+\|\s+")  # 'Produit / Product', 'Kunde | Customer'
WORDY = re.compile(r"[^\W\d_]{3,}(?:[ '\-][^\W\d_]+)*")
ZONE_WORD = re.compile(r"[\s_]+(UTC|GMT)$", re.IGNORECASE)
# A renewal book's fiscal year before a field: 'FY27 Start', 'FY 2027 Tier', "FY'27 End", '2027 Start'
FISCAL = re.compile(r"(FY\s*'?(?:\d{4}|\d{2})|(?:19|20)\d{2})\s*[-:]?\s+([^\W\d].*)", re.IGNORECASE)


@dataclass(frozen=True)
class Guess:
    """A field read from a column: how (saved, exact, normalised, fuzzy) and how sure (0-100)."""

    field: str
    column: int
    header: str
    how: str
    score: float
    over: str = ""  # the header of the column it was preferred to (how == "preferred")
    rivals: tuple[str, ...] = ()  # other columns that name the field too, kept as they are (_rivals)

    @property
    def exact(self) -> bool:
        return self.how in ("exact", "saved")


@dataclass
class Recognition:
    columns: dict[str, int] = field(default_factory=dict)  # field -> column index
    guesses: dict[str, Guess] = field(default_factory=dict)  # field -> how it was matched
    suggestions: dict[str, Guess] = field(default_factory=dict)  # unmatched field -> its best weak candidate
    zones: dict[str, str] = field(default_factory=dict)  # timestamp field -> zone given by its header's unit
    notes: list[str] = field(default_factory=list)  # columns deliberately not used, and why


FIRST = re.compile(r"\b1st\b", re.IGNORECASE)
# An ERP export's path into a record's lines (Odoo: "Order Lines/Product", "Invoice Lines/Quantity")
LINE_PATH = re.compile(r"(.*\blines?)\s*/\s*(.+)", re.IGNORECASE)


def variants(header: str, qualifiers: frozenset[str] = frozenset()) -> list[str]:
    """The header as written, then without units, '*' and API decorations, then each dotted part, then
    without an object's name before ' - ', then without qualifier words ('Product Line' reads as Product)."""
    text = undecorated(header.strip())
    custom = CUSTOM_FIELD.fullmatch(text)  # Jira: "Custom field (Organizations)"
    plain = custom[1] if custom else BRACKETED.sub(" ", text).strip().rstrip("*").strip()
    plain = API_SUFFIX.sub("", api_name(plain)).replace("__", " ")
    plain = ZONE_WORD.sub("", plain).strip()  # CREATED_AT_UTC: the zone is a unit, not a word of the name
    out = [text, plain]
    if FIRST.search(plain):  # a help desk's '1st Reply At', '1st response time' is its first reply
        out.append(FIRST.sub("first", plain))
    parts = [p for p in plain.split(".") if p.strip()]
    if len(parts) > 1:  # Salesforce API paths: Account.Name reads as Account Name, then Name
        out += [" ".join(parts), parts[-1]]
        if parts[-1].strip().lower() in CLOCK_PARTS:  # Zendesk's metrics: reply_time_in_minutes.calendar
            out.append(".".join(parts[:-1]))
    if prefixed := OBJECT_PREFIX.fullmatch(plain):
        out.append(prefixed[1])
    if lined := LINE_PATH.fullmatch(plain):  # Odoo's one-to-many path: "Order Lines/Product" reads as Product
        out.append(lined[2])
    if fiscal := FISCAL.fullmatch(plain):  # 'FY27 Start' reads as Start (fiscal_sets: each year's set a term)
        out.append(fiscal[2])
    if qualifiers:
        kept = [w for w in words(out[-1]).split() if w not in qualifiers]
        if kept:
            out.append(" ".join(kept))
    out += bilingual(text)
    if (field_of := object_field(plain)) is not None:
        out.append(field_of)
    return list(dict.fromkeys(v for v in out if v))


def fiscal_year(header: str) -> tuple[int, str] | None:
    """The year a fiscal-year label before a header's field names, and the label as written ('FY27 Start' ->
    (2027, 'FY27'), 'FY 2027 Tier' -> (2027, 'FY 2027')); None for a header without one."""
    found = _fiscal(header)
    return None if found is None else (found[0], found[1])


def _fiscal(header: str) -> tuple[int, str, str] | None:
    """(The year, its label as written, the words after it) of a header with a fiscal year before its field."""
    found = FISCAL.fullmatch(" ".join(undecorated(header.strip()).split()))
    if found is None:
        return None
    digits = re.sub(r"\D", "", found[1])
    return (int(digits) + (2000 if len(digits) == 2 else 0), found[1], found[2])


def object_field(header: str) -> str | None:
    """The field after an object's name and a colon ('Subscription: Cancelled Date' -> 'Cancelled Date'); None for
    any other header. The last of a header's variants: read only where the header as a whole names no field, so a
    colon that carries meaning ('Term: months') keeps it."""
    found = OBJECT_FIELD.fullmatch(header.strip())
    return found[1].strip() if found else None


def undecorated(header: str) -> str:
    """The header without the emoji or marks before or after its words: Notion, monday.com and Airtable users head
    columns '👥 Named contacts', '🗓️ Term', '✅ Auto renew', '• Product'."""
    start, end = 0, len(header)
    while start < end and _decoration(header[start]):
        start += 1
    while end > start and _decoration(header[end - 1]):
        end -= 1
    return header[start:end].strip() or header


def _decoration(character: str) -> bool:
    kind = unicodedata.category(character)
    return kind in ("So", "Sk", "Mn", "Cf", "Zs", "Co") or character in "•·»–—"


def bilingual(header: str) -> list[str]:
    """Each language of a bilingual header, 'Produit / Product' or 'Kunde (Customer)'; [] for one language.

    A bracket that holds a unit or zone ('(UTC)', '(days)') is no second language: only words of three or
    more letters are taken.
    """
    parts = [p.strip() for p in BILINGUAL_SPLIT.split(header) if p.strip()]
    inside = [str(b).strip() for b in BRACKETED.findall(header)]
    named = [b for b in inside if WORDY.fullmatch(b) and b.upper() not in ("UTC", "GMT")]
    if named:
        parts = [BRACKETED.sub(" ", header).strip(), *named]
    return parts if len(parts) > 1 else []


def words(text: str) -> str:
    """Lower-case words of a header: camelCase and snake_case split, punctuation dropped."""
    spaced = CAMEL.sub(" ", text).replace("_", " ")
    return " ".join(re.sub(r"[^\w#]+", " ", spaced.lower()).split())


def value_kind(value: Any) -> str:
    """'date', 'number', 'text' or '' (blank) for one cell."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "text"
    if isinstance(value, (datetime, date)):
        return "date"
    if isinstance(value, (int, float)):
        return "number"
    text = str(value)
    if DATE_TEXT.match(text):
        return "date"
    if NUMBER_TEXT.fullmatch(text):
        return "number"
    return "text" if text.strip() else ""


def is_unix_time(value: Any) -> bool:
    """Whether a cell is Unix time as API dumps write it: 10 digits of seconds or 13 of milliseconds (2001-2103), as
    cases.read_stamps reads it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return False
    text = str(value).strip()
    if not UNIX_TEXT.fullmatch(text):
        return False
    number = float(text)
    return 1e9 <= number <= 4.2e9 or 1e12 <= number <= 4.2e12


def is_unix_zero(value: Any) -> bool:
    """A 0 where an API export writes Unix time: its "not yet" (a conversation with no reply), no instant."""
    return not isinstance(value, bool) and isinstance(value, (int, float, str)) and str(value).strip() in ("0", "0.0")


def column_kinds(
    rows: Sequence[Sequence[Any]],
    columns: Sequence[int],
    flags: frozenset[str] = frozenset(),
    catalog: Catalog | None = None,
) -> dict[int, dict[str, float]]:
    """For each column, the share of its filled sampled cells that are dates, numbers and text; and beside them
    ("epoch", "flag") those that are Unix time and those that are yes/no words (``flags``, folded). Given the
    catalog, also ("region", "state", "file") those that are sales regions (AMER, EMEA), a status column's words
    (Active, Canceled, Expired) and file names ('Order Form.pdf'): such a column names no place, and no customer."""
    out: dict[int, dict[str, float]] = {}
    for index in columns:
        counts = {"date": 0, "number": 0, "text": 0}
        epoch = flag = zeros = region = state = named = 0
        for row in rows:
            value = row[index] if index < len(row) else None
            kind = value_kind(value)
            if kind:
                counts[kind] += 1
                epoch += kind == "number" and is_unix_time(value)
                zeros += kind == "number" and is_unix_zero(value)
                flag += kind == "text" and fold(str(value)) in flags
                named += kind == "text" and bool(FILE_NAME.search(str(value)))
                if catalog is not None and kind == "text":
                    region += bool(sales_region(str(value), catalog))
                    state += catalog.term_status.is_state(str(value))
        total = sum(counts.values())
        # an API's 0 is its "not yet" (no first reply): not counted against a column of Unix times
        timed = epoch / (total - zeros) if total > zeros else 0.0
        said = {"epoch": timed, "flag": flag / total, "file": named / total} if total else {}
        if total and catalog is not None:
            said |= {"region": region / total, "state": state / total}
        out[index] = {k: v / total for k, v in counts.items()} | said if total else {}
    return out


def _not_its_kind(name: str, guess: Guess, shares: Mapping[str, float]) -> bool:
    """Whether a column's values rule out a field its header names: a column of status words (Recurly's
    'subscription_state': active, canceled, expired) is no State/Province or Country, a column of sales regions
    (AMER, EMEA) is offered as no Country unless headed so (an Ironclad 'Counterparty Region'), and a column of file
    names (a CLM's 'Name': 'Juniper Ridge Bank - Order Form.pdf') names no customer. Nor does a column of numbers
    whose header only resembles a customer's spelling (Affinity's 'Organization Id': 284001, 284002): an id is no
    name, so the table's title column ('Name') may be read as the customer instead."""
    if name == "customer" and guess.how == "fuzzy" and shares.get("number", 0) >= TYPE_SHARE:
        return True
    if name in ("subdivision", "country") and shares.get("state", 0) >= 1:
        return True
    if name == "country" and not guess.exact and shares.get("region", 0) >= 1:
        return True
    return name == "customer" and shares.get("file", 0) >= TYPE_SHARE


def fits(field_type: str, shares: Mapping[str, float], unix: bool = False) -> bool:
    """Whether a column with these value shares can hold a field of this type (an empty column can hold any). A
    column of Unix times holds a timestamp only with ``unix``: where its header names the field, never by a guess."""
    if not shares or field_type == "any":
        return True
    if field_type == "timestamp" and unix and shares.get("epoch", 0) >= TYPE_SHARE:  # a stray value is its row's error
        return True
    if field_type in ("date", "timestamp"):
        return shares.get("date", 0) + shares.get("number", 0) >= TYPE_SHARE and shares.get("date", 0) > 0
    if field_type in ("minutes", "number"):
        return shares.get("number", 0) >= TYPE_SHARE
    if field_type in ("duration", "clock", "flag"):  # 0:25:00, 1h 30m, 2:40 PM, a time cell: not a date, not a bare number
        return shares.get("text", 0) >= TYPE_SHARE
    return shares.get("date", 0) < 1 - TYPE_SHARE + 1e-9 or shares.get("text", 0) > 0.5


Aliases = tuple[dict[str, list[str]], list[tuple[str, str]], set[tuple[str, str]], dict[tuple[str, str], int]]
_ALIASES: dict[int, tuple[TableSpec, Aliases]] = {}


def _alias_index(spec: TableSpec) -> Aliases:
    """(folded spelling -> fields, [(spelling as words, field)], {(spelling as written, field)}, (folded spelling,
    field) -> where the catalog lists it among the field's spellings) of a table kind, built once per spec."""
    known = _ALIASES.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    folded: dict[str, list[str]] = {}
    spelled: list[tuple[str, str]] = []
    written: set[tuple[str, str]] = set()
    positions: dict[tuple[str, str], int] = {}
    for name, spellings in spec.fields.items():
        for i, spelling in enumerate((name, *spellings)):
            names = folded.setdefault(fold(spelling), [])
            if name not in names:
                names.append(name)
            spelled.append((words(spelling), name))
            written.add((_plain(spelling), name))
            positions.setdefault((fold(spelling), name), i)
    _ALIASES[id(spec)] = (spec, (folded, spelled, written, positions))
    return folded, spelled, written, positions


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def header_zone(header: str, catalog: Catalog) -> str | None:
    """The zone a unit in the header gives its column: '(UTC)', '(PST)', '(+02:00)', '[Europe/Berlin]', '_UTC'."""
    if ZONE_WORD.search(header.strip()):
        return "UTC"
    for found in BRACKETED.findall(header):
        unit: str = str(found).strip()
        upper = unit.upper()
        if upper in ("UTC", "GMT", "Z", "UTC+0", "GMT+0"):
            return "UTC"
        if upper in catalog.timezone_abbreviations:
            return str(catalog.timezone_abbreviations[upper])
        offset = UNIT_OFFSET.fullmatch(unit)
        if offset:
            return f"{offset[1]}{int(offset[2]):02d}:{offset[3] or '00'}"
        if "/" in unit:
            try:
                ZoneInfo(unit.replace(" ", "_"))
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return unit.replace(" ", "_")
    return None


def _is_business_time(header: str) -> bool:
    text = header.lower()
    return any(w in text for w in BUSINESS_WORDS)


def recognise(
    spec: TableSpec,
    headers: Mapping[int, str],
    shares: Mapping[int, Mapping[str, float]],
    catalog: Catalog,
    fixed: Mapping[str, int] | None = None,
) -> Recognition:
    """Which column holds which field of ``spec``; ``fixed`` (a saved or user mapping) comes first."""
    folded, spelled, written, positions = _alias_index(spec)
    result = Recognition()
    candidates: list[Guess] = []
    time_fields = {f for f in spec.fields if spec.field_type(f) in ("timestamp", "minutes", "duration", "clock")}
    listed: dict[tuple[str, int], int] = {}  # (field, column) -> where the catalog lists the spelling that matched
    if fixed is not None:  # the user's mapping decides alone: a column left out is meant to be left out
        for name, column in fixed.items():
            if name in spec.fields and column in headers:
                result.columns[name] = column
                result.guesses[name] = Guess(name, column, headers[column], "saved", 100)
        _zones(spec, headers, catalog, result)
        return result
    shared = _shared_tails(headers.values())
    for column, header in headers.items():
        found: dict[str, Guess] = {}
        forms = _forms(header, catalog, shared, folded)
        subject = _without_subject(spec, header, catalog.header_qualifiers)
        for depth, variant in enumerate([*forms, *(s for s in subject if s not in forms)]):
            for rank, name in enumerate(folded.get(fold(variant), [])):
                if name in found or (depth and not fits(spec.field_type(name), shares.get(column, {}), unix=True)):
                    continue  # a spelling two fields share goes first to the field listing it first
                exact = depth == 0 and (_plain(header), name) in written  # StartDate is Start Date, said aloud
                listed[name, column] = positions.get((fold(variant), name), 0)
                how = "exact" if exact else "subject" if depth >= len(forms) else "normalised"
                found[name] = Guess(name, column, header, how, (100 if depth == 0 else NORMALISED_SCORE) - rank * 0.1)
        found |= {n: g for n, g in _summary_guesses(spec, column, header, shares, folded).items() if n not in found}
        if not found and fold(header) not in spec.others:  # a deal's Stage is no misspelt State
            query = words(forms[1] if len(forms) > 1 else header)
            for _, score, index in process.extract(
                query, [s for s, _ in spelled], scorer=fuzz.token_sort_ratio, limit=None, score_cutoff=SUGGEST_SCORE
            ):
                name = spelled[index][1]
                kind = spec.field_type(name)  # a yes/no flag only by its own spellings: 'First response status' is none
                typo = _one_word_typo(query, spelled[index][0])
                if name not in found and kind != "flag" and typo and fits(kind, shares.get(column, {})):
                    found[name] = Guess(name, column, header, "fuzzy", float(score))
        found = {n: g for n, g in found.items() if not _not_its_kind(n, g, shares.get(column, {}))}
        candidates.extend(_set_aside(spec, header, found, spelled, time_fields, result.notes).values())
    # Each column serves one field and each field one column: the best score wins. Where two columns score the
    # same for a field (Salesforce's Id and CaseNumber), the spelling the catalog lists first wins.
    best: dict[str, float] = {}
    for g in candidates:
        best[g.field] = max(best.get(g.field, g.score), g.score)
    tied = Counter(g.field for g in candidates if g.score == best[g.field])
    # Of one spelling, the header written as it is goes before one that only folds to it ('Account Name' before
    # 'Account: Name'), whatever the column order.
    # Of columns a fiscal year apart ('FY26 Start', 'FY27 Start'), the latest year's goes first: it is the one
    # `explorer map` writes; every year's set is read as a term of its own (fiscal_sets, year_columns.fiscal_rows).
    candidates.sort(
        key=lambda g: (
            -g.score,
            listed.get((g.field, g.column), 0) if tied[g.field] > 1 else 0,
            not g.exact,
            -(fiscal_year(g.header) or (0, ""))[0],
            g.column,
        )
    )
    used: set[int] = set()
    for guess in candidates:
        if guess.field in result.columns or guess.column in used:
            continue
        if guess.how == "fuzzy" and guess.score < AUTO_SCORE:
            result.suggestions.setdefault(guess.field, guess)
            continue
        result.columns[guess.field] = guess.column
        result.guesses[guess.field] = guess
        used.add(guess.column)
    _preferred(spec, candidates, result, used, shares)
    _levels_over_flags(candidates, result, used, shares)
    _times_over_words(spec, candidates, result, used, shares)
    _twins(headers, result)
    _titles(spec, headers, shares, result)
    _renewal_as_start(spec, result)
    _rivals(candidates, headers, result)
    for name in list(result.suggestions):  # met already (Freshdesk's First response status is no time), or taken
        if spec.met(name, result.columns) or result.suggestions[name].column in used:
            del result.suggestions[name]
    _zones(spec, headers, catalog, result)
    return result


def _forms(header: str, catalog: Catalog, shared: set[str], folded: Mapping[str, list[str]]) -> list[str]:
    """The header's variants a table kind reads: not a dotted tail two headers share (contact.email beside
    organization.email names neither), nor the field after an object's colon where the header as a whole names one."""
    forms = variants(header, catalog.header_qualifiers)
    if (tail := _tail(header)) in shared:
        forms = [v for v in forms if fold(v) != tail or v == forms[0]]
    field_of = object_field(forms[1] if len(forms) > 1 else header)
    if field_of is not None and any(fold(v) in folded for v in forms if v != field_of):
        forms = [v for v in forms if v != field_of or v == forms[0]]
    return forms


def _preferred(
    spec: TableSpec, candidates: Sequence[Guess], result: Recognition, used: set[int], shares: Mapping[int, Mapping[str, float]]
) -> None:
    """A field read from the column the catalog prefers where another column was chosen for it: Zammad's Organization
    over its Customer (the person who asked), as the contracts name the company. Not an empty one (a help desk whose
    customers are people leaves Organization blank): every case would name no customer."""
    for name, spellings in spec.prefer.items():
        chosen = result.guesses.get(name)
        if chosen is None or chosen.how == "saved" or spelled(chosen.header, spellings):
            continue
        # not an empty column: the sample holds something in it
        wanted = lambda g, words=spellings: spelled(g.header, words) and bool(shares.get(g.column))  # noqa: E731
        _switch(candidates, result, used, chosen, wanted, "preferred")


def _one_word_typo(query: str, spelling: str) -> bool:
    """Whether a fuzzy match is no other word: one word against one word is a typo only a letter or two apart (one per
    six letters; a swap of two is one), as 'Phase' (a Planhat lifecycle) is not Italian's 'paese' (country), whatever
    share of letters they have in common. Several words are matched on their share alone."""
    if " " in query or " " in spelling:
        return True
    return OSA.distance(query, spelling) <= max(1, len(query) // 6)


def _without_subject(spec: TableSpec, header: str, qualifiers: frozenset[str]) -> list[str]:
    """A header a BI tool's view begins with the table's subject ('Accounts Name', 'Contracts Support Tier': Looker's
    "View Field") as the subject's spelling would write it ('Account Name'), then without it ('Support Tier');
    [] for no such header."""
    first, _, rest = words(BRACKETED.sub(" ", undecorated(header))).partition(" ")  # 'Contracts Start Date (UTC)'
    subject = spec.subjects.get(first)
    if subject is None or not rest:
        return []
    return [f"{subject} {rest}", *variants(rest, qualifiers)]


def _summary_guesses(
    spec: TableSpec, column: int, header: str, shares: Mapping[int, Mapping[str, float]], folded: Mapping[str, list[str]]
) -> dict[str, Guess]:
    """The fields a header names after a summary that begins it: Power BI's 'Earliest Contract Start' is a term start
    ('contract start'), its 'Max of End Date' a term end."""
    said = words(BRACKETED.sub(" ", undecorated(header)))
    rest = next((said[len(w) + 1 :] for w in spec.summaries if said.startswith(f"{w} ")), None)
    out: dict[str, Guess] = {}
    for variant in variants(rest) if rest else []:
        for name in folded.get(fold(variant), []):
            if name not in out and fits(spec.field_type(name), shares.get(column, {})):
                out[name] = Guess(name, column, header, "summary", NORMALISED_SCORE)
    return out


def _tail(header: str) -> str | None:
    """The last part of a dotted API path ('custom_attributes.Priority' -> 'priority'), folded; None for no path."""
    parts = [p for p in header.strip().split(".") if p.strip()]
    return fold(parts[-1]) if len(parts) > 1 else None


def _shared_tails(headers: Iterable[str]) -> set[str]:
    """The last parts two dotted headers share (contact.name, organization.name): read alone, they name neither."""
    tails = Counter(t for h in headers if (t := _tail(h)) is not None)
    return {t for t, n in tails.items() if n > 1}


def _levels_over_flags(
    candidates: Sequence[Guess], result: Recognition, used: set[int], shares: Mapping[int, Mapping[str, float]]
) -> None:
    """A priority read from a column of levels where the column chosen holds only yes/no words: an Intercom dump's
    'custom_attributes.Priority' (P1-P4) over its 'priority' flag (priority / not_priority)."""
    for name in ("priority", "priority_at_open"):
        chosen = result.guesses.get(name)
        if chosen is None or chosen.how == "saved" or shares.get(chosen.column, {}).get("flag", 0) < 1:
            continue
        levels = lambda g: bool(shares.get(g.column)) and shares[g.column].get("flag", 0) < 1  # noqa: E731
        _switch(candidates, result, used, chosen, levels, "levels")


def _times_over_words(
    spec: TableSpec, candidates: Sequence[Guess], result: Recognition, used: set[int], shares: Mapping[int, Mapping[str, float]]
) -> None:
    """A time of the case read from a column of dates and times where the column its header named holds none: TOPdesk's
    'Response date' over its 'Responded' (Ja / Nee, whether a response was sent), both spellings of a first response.
    A column blank in every row holds no words either: it is a log where nothing is answered yet, and it stays read,
    whatever times another column holds."""
    for name, chosen in list(result.guesses.items()):
        if spec.field_type(name) != "timestamp" or chosen.how == "saved":
            continue
        held = shares.get(chosen.column, {})  # empty where every sampled cell is blank
        if not held or fits("timestamp", held, unix=True):
            continue
        timed = lambda g: bool(shares.get(g.column)) and fits("timestamp", shares[g.column], unix=True)  # noqa: E731
        _switch(candidates, result, used, chosen, timed, "times")


def _switch(
    candidates: Sequence[Guess], result: Recognition, used: set[int], chosen: Guess, wanted: Callable[[Guess], bool], how: str
) -> None:
    """Read ``chosen``'s field from the first other confident candidate ``wanted`` takes, said as ``how`` over it."""
    name = chosen.field
    better = next(
        (g for g in candidates if g.field == name and g.column not in used and g.score >= AUTO_SCORE and wanted(g)), None
    )
    if better is not None:
        used.discard(chosen.column)
        used.add(better.column)
        result.columns[name] = better.column
        result.guesses[name] = replace(better, how=how, over=chosen.header)


def spelled(header: str, spellings: frozenset[str], key: Callable[[str], str] = fold) -> bool:
    """Whether a header, as written or normalised (units, API names, dotted paths aside: variants), is one of the
    folded ``spellings``: Data Loader's 'SUPPORT_CONTACT__C' is the label 'Support Contact'."""
    return spelled_as(header, spellings, key) is not None


def spelled_as(header: str, spellings: frozenset[str], key: Callable[[str], str] = fold) -> str | None:
    """The first of the header's forms (``header_keys``) that is one of ``spellings``; None where none is."""
    return next((k for k in header_keys(header, key) if k in spellings), None)


@lru_cache(maxsize=4096)  # asked for each kept column of each row: one answer a header
def header_keys(header: str, key: Callable[[str], str] = fold) -> tuple[str, ...]:
    """A header as written, then normalised (``variants``), each folded by ``key``: every rule that reads a column
    by its header compares these, so CPQ's 'SBQQ__Account_Owner__c', Data Loader's 'ACCOUNT_OWNER' and a report's
    'Account: Account Owner' are the catalog's 'Account Owner' to each of them."""
    return tuple(dict.fromkeys(k for v in variants(header) if (k := key(v))))


def _twins(headers: Mapping[int, str], result: Recognition) -> None:
    """A note for each field whose header the table writes twice or more: the first such column is read."""
    used = set(result.columns.values())
    for name, column in result.columns.items():
        twins = [c for c, h in headers.items() if c != column and c not in used and _plain(h) == _plain(headers[column])]
        if twins:
            # 0 -> A; imported only where a header repeats (the package costs a check 70 ms to load)
            from xlsxwriter.utility import xl_col_to_name as column_letter

            where = ", ".join(column_letter(c) for c in (column, *twins))
            result.notes.append(
                f"{len(twins) + 1} columns ({where}) are headed '{headers[column]}'; the first, column "
                f"{column_letter(column)}, is read as {label(name)} and the others are not used. Rename or remove them."
            )


@dataclass(frozen=True)
class FiscalSet:
    """A renewal book's columns of one fiscal year ('FY26 Tier | FY26 Start | FY26 End'): its label as written
    ('FY26'), the year it names, and the field each of its columns gives."""

    label: str
    year: int
    columns: dict[str, int]  # field -> column index
    read: bool = False  # its columns are the ones the table reads (the latest year's, unless mapped otherwise)

    def headers(self, headers: Mapping[int, str]) -> list[str]:
        return [headers[i] for i in sorted(self.columns.values())]


def fiscal_sets(headers: Mapping[int, str], columns: Mapping[str, int]) -> list[FiscalSet]:
    """The sets of columns a fiscal year apart, oldest first, where a table has two or more: the fields read from
    columns headed with a fiscal year ('FY27 Start' read as the term start), and every column headed with a year
    before the same words ('FY26 Start'), as that year's. Each year's set is grouped by its own year, so a table that
    read some fields from one year and some from another ('FY27 Tier', 'FY27 Start' and 'FY26 Term (months)': the
    length column is taken by its cells) still gives each year its own set; a set is ``read`` where its columns are
    the very ones the table reads; a year that gives no field another year gives too is none. Empty for a table with
    fewer than two such years."""
    words: dict[str, str] = {}  # the words after the year, folded -> the field read from them
    for field_, index in columns.items():
        if (found := _fiscal(headers.get(index, ""))) is not None:
            words.setdefault(fold(found[2]), field_)
    sets: dict[int, FiscalSet] = {}
    for index, header in sorted(headers.items()):
        if (found := _fiscal(header)) is None or (of := words.get(fold(found[2]))) is None:
            continue
        columns_ = sets.setdefault(found[0], FiscalSet(found[1], found[0], {})).columns
        if columns.get(of) == index or of not in columns_:  # the column read first; else a year's first (_twins')
            columns_[of] = index
    # a year's set is a term where another year gives one of its fields too ('FY26 Program' beside 'FY27 Start' and
    # 'FY27 End' is one term's columns, not two terms)
    given = Counter(f for s in sets.values() for f in s.columns)
    paired = [s for _, s in sorted(sets.items()) if any(given[f] > 1 for f in s.columns)]
    if len(paired) < 2:
        return []
    read = {i for f, i in columns.items() if f in words.values()}
    return [replace(s, read=set(s.columns.values()) == read) for s in paired]


def fiscal_unpaired(headers: Mapping[int, str], columns: Mapping[str, int]) -> dict[str, list[str]]:
    """Where a table reads a field from a column headed with a fiscal year and headers of two or more fiscal years
    exist, but no sets a year apart could be made of them (fiscal_sets: the years' words differ, 'FY26 Begin' beside
    'FY27 Start'): each year's label -> its headers, oldest first; empty otherwise."""
    if fiscal_sets(headers, columns) or not any(_fiscal(headers.get(i, "")) for i in columns.values()):
        return {}
    years: dict[int, tuple[str, list[str]]] = {}
    for _, header in sorted(headers.items()):
        if (found := _fiscal(header)) is not None:
            years.setdefault(found[0], (found[1], []))[1].append(header)
    return {label_: named for _, (label_, named) in sorted(years.items())} if len(years) > 1 else {}


def _rivals(candidates: Sequence[Guess], headers: Mapping[int, str], result: Recognition) -> None:
    """Name on each field's guess the other columns that name it too and are left unread ('Account: Name' beside
    'Account Name'), so the info saying which was read names the one not used. A header written twice is _twins'."""
    used = set(result.columns.values())
    for name, guess in result.guesses.items():
        others = [
            headers[g.column]
            for g in candidates
            if g.field == name
            and g.column not in used
            and g.how != "fuzzy"
            and g.score >= AUTO_SCORE
            and _plain(headers[g.column]) not in (_plain(guess.header), _plain(guess.over))  # 'over' says it already
            and not (fiscal_year(g.header) and fiscal_year(guess.header))  # another year's: a term of its own (fiscal_sets)
        ]
        if others:
            result.guesses[name] = replace(guess, rivals=tuple(dict.fromkeys((*guess.rivals, *others))))


def _renewal_as_start(spec: TableSpec, result: Recognition) -> None:
    """A 'Last Renewal Date' read as the term start where the sheet has no other start column: it is the current
    term's start (beside one, contracts.py reads that one as the initial term start and this where a row gives it)."""
    if "renewed_on" in result.columns and "term_start" in spec.fields and "term_start" not in result.columns:
        result.columns["term_start"] = result.columns.pop("renewed_on")
        result.guesses["term_start"] = replace(result.guesses.pop("renewed_on"), field="term_start")


def _titles(spec: TableSpec, headers: Mapping[int, str], shares: Mapping[int, Mapping[str, float]], result: Recognition) -> None:
    """A tool's title column ('Name': a monday item, a Notion page, Airtable's primary field) read as the field the
    catalog lists it for, only where no column gives that field and the table gives every other field it requires
    and one of its title evidence (a contracts table's product, and its tier or term): in a contacts table 'Name'
    stays the person's. Of two title columns the spelling the catalog lists first is read, whatever the column order:
    beside a 'Name', Microsoft Lists' 'Title' may hold a person's job title. A column of file names (a CLM's 'Name':
    'Juniper Ridge Bank - Order Form.pdf') is a document's title, never the customer."""
    used = set(result.columns.values())
    evident = any(spec.met(f, result.columns) for f in spec.title_evidence)
    for name, spellings in spec.titles.items():
        others = [f for f in spec.required if f != name]
        if name in result.columns or not evident or not all(spec.met(f, result.columns) for f in others):
            continue
        titled = sorted(
            (spellings.index(fold(h)), c)
            for c, h in headers.items()
            if c not in used and fold(h) in spellings and shares.get(c, {}).get("file", 0) < TYPE_SHARE
        )
        if titled:
            column = titled[0][1]
            rivals = tuple(headers[c] for _, c in titled[1:])
            result.columns[name] = column
            result.guesses[name] = Guess(name, column, headers[column], "title", 100, rivals=rivals)
            result.suggestions.pop(name, None)
            used.add(column)


def _set_aside(
    spec: TableSpec,
    header: str,
    found: dict[str, Guess],
    spelled: list[tuple[str, str]],
    time_fields: set[str],
    notes: list[str],
) -> dict[str, Guess]:
    """The column's guesses without what it only looks like: business time is no time of a response, and a
    catalog lookalike ('Agent Responded Time') is documented as something else; each is noted, saying why. The
    day of another event (a signature: the catalog's ``events``) is no date of the record: kept, and listed so."""
    business = _is_business_time(header)
    if business:  # "First reply time in minutes within business hours": business minutes
        near = [(fuzz.token_set_ratio(words(header), s), n) for s, n in spelled if n in time_fields]
        score, name = max(near, default=(0.0, ""))
        if score >= 90:
            notes.append(f"Column '{header}' counts business time, not a time of day; it is not used as {label(name)}.")
        found = {n: g for n, g in found.items() if n not in time_fields}
    owed = next((w for w in words(header).split() if w in spec.deadlines), None)
    timed = [n for n in found if n in time_fields]
    if owed and timed:  # "First Response By": when the answer was owed, never when it came
        notes.append(
            f"Column '{header}' is a due time or target ('{owed}'), not when anything happened; it is not read as "
            f"{label(timed[0])}."
        )
        found = {n: g for n, g in found.items() if n not in time_fields}
    if spec.events.intersection(words(header).split()):  # "customer_signed_date": a signature's day, no term's
        found = {n: g for n, g in found.items() if spec.field_type(n) != "date"}  # kept as it is, listed so
    # as written or undecorated: JSM's export writes "Custom field (Time to first response)"
    # said even where nothing else would read it (JSM's '- Elapsed'): the user looking for the column learns why not
    # a business-hours clock ('Time to First Response (Business Hours)') is no JSM SLA field: the note above says why
    looked = () if business else map(fold, variants(header))
    lookalike = next((spec.lookalikes[f] for f in looked if f in spec.lookalikes), None)
    if lookalike:  # documented as something else: no field it only looks like is offered either (JSM's time left
        # to the target is no first response clock, so a 'may hold' beside the 'not read' would contradict it)
        found = {n: g for n, g in found.items() if n != lookalike[0] and g.how != "fuzzy"}
        notes.append(f"Column '{header}' is not read as {label(lookalike[0])}: {lookalike[1]}.")
    return found


def _zones(spec: TableSpec, headers: Mapping[int, str], catalog: Catalog, result: Recognition) -> None:
    for name, column in result.columns.items():
        if spec.field_type(name) == "timestamp":
            zone = header_zone(headers[column], catalog)
            if zone:
                result.zones[name] = zone


def label(name: str) -> str:
    """A field id as people say it: first_response -> first response."""
    return {"case_id": "case ID", "program": "tier", "cse": "dedicated CSE", "mcse": "MCSE"}.get(name, name.replace("_", " "))


def title(name: str) -> str:
    """A field id as a column title: term_start -> Term start."""
    text = label(name)
    return text[:1].upper() + text[1:]
