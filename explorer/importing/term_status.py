"""What a contract row's own status says: a term that ended early, one that never ran, or a deal not signed yet (a
deal's Open, an open stage of a CRM's pipeline) (catalog [term_status]).

A CRM's Status or Stage column is kept as the book writes it; these words are the only ones read from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from explorer.catalog import UNIT, Catalog, TermStatusWords, unaccented, words_of
from explorer.importing import kept, values
from explorer.model import Contract, Finding, Severity

NOT_SIGNED = frozenset({"not_signed"})
DRAFT = frozenset({"draft"})
ACTIVE = frozenset({"active"})
CHURN = frozenset({"ended", "never_ran"})
# The parts of a value a negation or reversal reaches: "Active; renewal cancelled", "Closed Lost - to competitor".
# A dash inside a word ("closed-lost") splits nothing.
PARTS = re.compile(r"[;,/|()\[\]]|\s[-–—]+|[-–—]+\s")
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Reading:
    """What one status value says (ended, never_ran, not_signed, draft, active), and why each status word in it
    that is not the row's own was set aside ("'cancelled' follows 'Not'")."""

    says: frozenset[str]
    declined: tuple[str, ...] = ()
    running: tuple[str, ...] = ()  # the words it says the term runs with, as written ('Won' in 'Open (Won)')


@lru_cache(maxsize=4096)  # a book writes a few status values on thousands of rows: 66 us a reading, 2 us a look-up
def read_value(text: str, words: TermStatusWords) -> Reading:
    """A status value read by whole words, accents aside ('Annulé' is 'annule'). A status word is not the row's own
    after a negation or before a reversal in the same part ('Not cancelled', 'Cancellation withdrawn'; the reversal
    is then no status itself), or next to another object ('renewal cancelled', 'draft amendment'). A reversal in a
    part of its own is not one: 'Closed Lost - Withdrawn' may give the reason it was lost. A draft_alone word is a
    draft only as the whole value ('Signing', not 'Signing complete')."""
    kinds = (
        ("ended", words.ended),
        ("never_ran", words.never_ran),
        ("not_signed", words.not_signed),
        ("draft", words.draft),
        ("active", words.active),
    )
    found: tuple[str, ...] = ()  # the value's words, and the words as written (for the message)
    shown: list[str] = []
    parts: list[int] = []  # where each word's part of the value begins
    for part in PARTS.split(text):
        words_ = words_of(unaccented(part))
        as_written = WORD.findall(part)
        parts += [len(found)] * len(words_)
        found += words_
        shown += as_written if len(as_written) == len(words_) else list(words_)
    spans = [
        (kind, i, i + len(p))
        for kind, phrases in kinds
        for p in phrases
        for i in _at(found, p)
        if parts[i] == parts[i + len(p) - 1]
    ]
    reversals = [(i, i + len(p)) for p in words.reversals for i in _at(found, p) if parts[i] == parts[i + len(p) - 1]]
    reversals = [(i, j) for i, j in reversals if _beside(found, parts, i, j, words) is None]  # 'renewal withdrawn'
    says: set[str] = set()
    declined: dict[str, None] = {}
    running: dict[str, None] = {}
    for kind, i, j in spans:
        if (i, j) in reversals and any(b <= i and parts[a] == parts[i] for _, a, b in spans):
            continue  # 'withdrawn' in 'Cancellation withdrawn' undoes the word before it
        said = " ".join(shown[i:j])
        neg = next((n for n in range(parts[i], i) for p in words.negations if found[n : n + len(p)] == p), None)
        rev = next(((a, b) for a, b in reversals if a >= j and parts[a] == parts[i]), None)
        obj = _beside(found, parts, i, j, words)
        if neg is None and rev is None and obj is None:
            says.add(kind)
            running.update({said: None} if kind == "active" else {})
        elif kind != "active":
            why = (
                f"'{said}' follows '{shown[neg]}'"
                if neg is not None
                else f"'{said}' is followed by '{' '.join(shown[rev[0] : rev[1]])}'"
                if rev is not None
                else f"'{said}' names the state of '{obj}', not of this row"
            )
            declined[why] = None
    if found in words.draft_alone:  # Juro's 'Signing'; 'Signing complete' is signed
        says.add("draft")
    return Reading(frozenset(says), tuple(declined), tuple(running))


def _at(found: tuple[str, ...], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(found) - n + 1) if found[i : i + n] == phrase]


def _beside(found: tuple[str, ...], parts: list[int], i: int, j: int, words: TermStatusWords) -> str | None:
    """The object word just before or after found[i:j] in its part ('renewal' in 'renewal cancelled'), if any."""
    part = parts[i]
    for p in words.objects:
        n = len(p)
        if i - n >= part and found[i - n : i] == p or j + n <= len(found) and parts[j + n - 1] == part and found[j : j + n] == p:
            return " ".join(p)
    return None


@lru_cache(maxsize=256)  # asked for each row of a table: one answer a header layout
def deal_table(layout: tuple[str, ...], words: TermStatusWords) -> bool:
    """Whether a table is a CRM's or document tool's export of deals by its tool's fixed columns together
    (Dynamics 365's '(Do Not Modify) Opportunity'; Copper's Pipeline, Close Date and Loss Reason), whose plain
    Status is then the deal's own: Open is a deal not won yet. One optional column a hand-kept tracker may keep too
    (a Loss Reason) is not enough: a tracker's Open is a running term."""
    held = {" ".join(h.casefold().split()) for h in layout}
    return any(export <= held for export in words.deal_exports)


@lru_cache(maxsize=1024)
def open_stage(text: str, words: TermStatusWords) -> bool:
    """Whether a stage value, whole, is an open stage of a CRM's default pipeline ('Negotiation/Review'), a step
    number before it or a bracket after it aside ('2 - Qualification', 'Contract Sent (Sales Pipeline)')."""
    found = words_of(unaccented(UNIT.sub("", text)))
    while found and found[0].isdigit():
        found = found[1:]
    return found in words.open_stages


@lru_cache(maxsize=1024)
def stage_among_words(text: str, words: TermStatusWords) -> str:
    """The open pipeline stage a stage value names among other words of its own ('Qualification complete', 'Not
    qualified', 'Prospecting done'), which open_stage, reading only a whole value, does not take; "" for none."""
    found = words_of(unaccented(UNIT.sub("", text)))
    if open_stage(text, words):
        return ""
    return next((" ".join(p) for p in sorted(words.open_stages, key=len, reverse=True) if _at(found, p)), "")


def apply_status(
    contract: Contract, catalog: Catalog, order: values.DateOrder, findings: list[Finding], deals: bool = False
) -> Contract:
    """``contract`` with ``ended_on`` set where its status says it ended early (on a date inside its term), never
    ran (Lost, Void... with no such date) or is a deal not signed yet (a deal's Open, an open pipeline stage); a
    finding names the row and says what was read. ``deals``: the row's table is an export of deals (deal_table)."""
    words = catalog.term_status
    found = _columns(contract, catalog, deals)
    lost = next((f for f in found if f.renewal_lost), None)  # a Renewal Status of Lost: about the next term
    found = [f for f in found if not f.renewal_lost]
    read = _status(found)
    status, says = ((read.header, read.value), read.says) if read else (None, frozenset[str]())
    given, day = _day_ended(contract, catalog, order)

    def warn(message: str, column: str, severity: Severity = Severity.WARNING) -> None:
        findings.append(Finding(severity, message, contract.source, column, contract.customer, contract.product or ""))

    start, end = contract.term_start, contract.term_end
    contracted = f"{end:%Y-%m-%d}" if end else "no end"
    if not says:
        for f in found:
            if f.reading.declined:
                warn(
                    f"{f.header} '{f.value}' is read as no status: {'; '.join(f.reading.declined)}. The term is read "
                    "as if it had no status word; if it did end early or never run, write the status alone "
                    "(Cancelled, Lost...).",
                    f.header,
                )
            elif f.stage_among:
                warn(
                    f"{f.header} '{f.value}' names the open pipeline stage '{f.stage_among}' among other words, and "
                    "only a stage written alone is read as a deal not signed yet: the term is read as signed. If the "
                    f"deal is not won yet, write the stage alone ('{f.stage_among}'); if it was won or lost, Closed "
                    "Won or Closed Lost.",
                    f.header,
                )
    if status is not None and not says or status is None and given is None:
        if read is not None and read.reading.says & ACTIVE and given is not None and day is not None:
            _cancel_asked(contract, f"{read.header} '{read.value}'", given[0], day, warn)
        # an active or unknown word (Won, Active, a tracker's stage such as Onboarding), or none: the term runs
        return _not_renewed(contract, lost, findings)
    if start is None or contract.dates_missing:
        return contract  # the term's own dates are in question (an error finding); nothing to end
    said = f"{status[0]} '{status[1]}'" if status else ""
    if read is not None and (others := _disagreeing(read, found, words)):
        against = " and ".join(f"{f.header} '{f.value}'" for f in others)
        warn(
            f"{said} and {against} disagree; {said} is read (the first status column saying the term ended, never "
            "ran or is not signed is read before one saying it runs). Check which is right and correct the other.",
            read.header,
        )
    # A word that only says "never ran" (Stripe's incomplete_expired, Lost) is not undone by a date: Stripe fills
    # Ended At on the day it gave up collecting the first payment.
    ends = status is None or "ended" in says
    if status is not None and "not_signed" in says:
        aside = read.reading.running if read is not None else ()
        if aside:  # 'Open - won': the deal's Open is read, its Won set aside
            shown = " and ".join(f"'{w}'" for w in aside)
            said += f" ({shown} set aside: the value also says the deal is open, so it is read as not won yet)"
        warn(
            f"{said}: the deal is not signed (not won); its term ({start:%Y-%m-%d} – {contracted}) is listed, in force "
            "on no day, none of its key dates is scheduled, and it renews no earlier term (that term's renewal "
            "deadline stays open). Once it is won, the book's status says so.",
            status[0],
        )
        return replace(contract, ended_on=start - timedelta(days=1))  # held as a row that never ran: it runs on no day
    if ends and given is not None and day is not None and start <= day and (end is None or day < end):
        lead = f"{said} and {given[0]} {day:%Y-%m-%d}" if said else f"{given[0]} {day:%Y-%m-%d}"
        warn(
            f"{lead}: the term ends on {day:%Y-%m-%d}, not at its contracted end ({contracted}); no key date after it "
            "is scheduled and cases opened after it have no contract.",
            given[0],
        )
        return replace(contract, ended_on=day)
    if status is not None and "never_ran" in says and (not ends or day is None or day < start):
        lead, column = said, status[0]
        if ends and given is not None and day is None:  # Stripe's Canceled At 'not a date': the status alone is read
            lead, column = f"{said}, and {given[0]} '{given[1]}' is not a date, so the status alone is read", given[0]
        warn(
            f"{lead}: this term ({start:%Y-%m-%d} – {contracted}) never ran; it is listed, in force on no day, "
            "and none of its key dates is scheduled.",
            column,
        )
        return replace(contract, ended_on=start - timedelta(days=1))
    if ends and given is not None and day is not None and end is not None and day >= end:
        lead = f"{said} and {given[0]} {day:%Y-%m-%d}" if said else f"{given[0]} {day:%Y-%m-%d}"
        warn(
            f"{lead}: that day is not before the term's end ({contracted}), so it changes nothing; the term is read "
            "to its contracted end.",
            given[0],
            Severity.INFO,
        )
    elif status is not None and given is None:
        warn(
            f"{said} gives no day the term ended (no termination date); the term is read to its contracted end ({contracted}).",
            status[0],
            Severity.INFO,
        )
    elif given is not None and day is None:
        warn(f"{given[0]} '{given[1]}' is not a date; the term is read to its contracted end ({contracted}).", given[0])
    # A row's own status read here (Terminated with no day, or on a day past the end) has had its finding,
    # which says what became of this term; the lost renewal's note would say it a second time. With only an end-date
    # column read, that note is the only word of the lost renewal.
    return _not_renewed(contract, lost if status is None else None, findings)


def _not_renewed(contract: Contract, lost: _Column | None, findings: list[Finding]) -> Contract:
    """``contract`` as it is, and where a next-term column (Renewal Status) says the renewal was lost, an info that
    says so: the row's own term runs to its contracted end."""
    if lost is not None and contract.term_start is not None and not contract.dates_missing:
        end = f"{contract.term_end:%Y-%m-%d}" if contract.term_end else "no end"
        findings.append(
            Finding(
                Severity.INFO,
                f"{lost.header} '{lost.value}': the renewal was lost, so this term is not renewed; the column is about "
                f"the next term, not this one, which is read to its contracted end ({end}).",
                contract.source,
                lost.header,
                contract.customer,
                contract.product or "",
            )
        )
        return replace(contract, renewal_lost=f"{lost.header} '{lost.value}'")
    return contract


def _cancel_asked(contract: Contract, status: str, column: str, day: date, warn) -> None:  # type: ignore[no-untyped-def]
    """A status saying the term runs beside a cancellation date inside it: read as billing tools write it (Stripe's
    active subscription with a Canceled At: cancelled at the period's end), so the term runs to its end, and said,
    since it will not renew; a date the term ended on needs the status to say so."""
    start, end = contract.term_start, contract.term_end
    if start is None or day < start or end is None or day >= end:
        return
    warn(
        f"{status} and {column} {day:%Y-%m-%d}: read as a cancellation asked for on that day that takes effect at "
        f"the contracted end ({end:%Y-%m-%d}), as billing tools write it: the term runs to its end. If it ended on "
        f"{day:%Y-%m-%d}, write the status as ended (Cancelled, Terminated).",
        column,
    )


def _day_ended(contract: Contract, catalog: Catalog, order: values.DateOrder) -> tuple[tuple[str, str] | None, date | None]:
    """(the date column and value read, its day): of a row's filled end-early columns, the one of the latest day.
    Stripe fills Canceled At on the day a cancellation was asked for (at the period's end, it may be months before)
    and Ended At on the day the subscription ended."""
    given = [(h, v.strip()) for h, v in kept.ENDED_ON.named(contract.extra, catalog) if v.strip()]
    days = [(values.parse_date(v, order)[0], (h, v)) for h, v in given]
    read = [(day, g) for day, g in days if day is not None]
    if read:
        day, taken = max(read, key=lambda d: d[0])
        return taken, day
    return (given[0], None) if given else (None, None)


@dataclass(frozen=True)
class _Column:
    header: str
    value: str
    says: frozenset[str]  # what the row reads from it (active aside)
    reading: Reading
    open_stage: bool = False  # an open pipeline stage (says not_signed) unless another status column speaks
    stage_among: str = ""  # the open stage a stage value names among other words: said, read as no status
    key: str = ""  # the catalog's spelling of a status column the header is read by (TermStatusWords.key)
    renewal_lost: bool = False  # a next-term column (Renewal Status) saying the renewal was lost: not this term's


def _columns(contract: Contract, catalog: Catalog, deals: bool) -> list[_Column]:
    """A row's filled status columns: "Open" is read only in a deal's own status column (a Renewal Status of Open
    asks about the next term; a plain Status in a table of deals); "Draft" in any but a column about the
    next term (Zuora's Subscription: Status); an open pipeline stage only in a stage column, and only where no
    other status column of the row says Won, Lost or the like: a deal keeps the stage it was won or lost at."""
    found = []
    words = catalog.term_status
    for header, value in kept.STATUS.named(contract.extra, catalog):
        key = kept.STATUS.spelling(header, catalog) or ""
        if value.strip():
            reading = read_value(value, words)
            if key in words.open_type_columns and words_of(unaccented(value)) in words.open_types:
                reading = Reading(NOT_SIGNED)  # Close's status_type 'active': an open opportunity
            says = reading.says
            if key in words.next_term_columns and (
                says & CHURN or any(_at(words_of(unaccented(value)), p) for p in words.not_renewed)
            ):
                found.append(_Column(header, value.strip(), frozenset(), Reading(frozenset()), key=key, renewal_lost=True))
                continue
            if key not in words.not_signed_columns | words.open_type_columns and not (deals and key in words.deal_table_status):
                says -= NOT_SIGNED
            if "draft" in says and key not in words.next_term_columns:
                says |= NOT_SIGNED
            stage = key in words.stage_columns and open_stage(value, words)
            among = stage_among_words(value, words) if key in words.stage_columns and not reading.says else ""
            says = (says | NOT_SIGNED if stage else says) - DRAFT - ACTIVE
            found.append(_Column(header, value.strip(), says, reading, stage, among, key))
    others = [f for f in found if not (f.open_stage or f.stage_among) and f.key not in words.next_term_columns]
    spoken = any(f.says or f.reading.says & ACTIVE for f in others)
    aside = [replace(f, says=f.says - NOT_SIGNED, open_stage=False, stage_among="") for f in found]
    return [a if spoken and (f.open_stage or f.stage_among) else f for f, a in zip(found, aside, strict=True)]


def _status(found: list[_Column]) -> _Column | None:
    """Of a row's status columns (Pipedrive's Deal - Status beside its Deal - Stage), the first whose word says
    something, else the first filled."""
    return next((f for f in found if f.says), found[0] if found else None)


def _disagreeing(read: _Column, found: list[_Column], words: TermStatusWords) -> list[_Column]:
    """The row's other status columns that say otherwise than the one read: a word the term runs (Active, Won,
    Not cancelled) or another status; a tracker's stage (Onboarding) says neither, and a Renewal Status is about the
    next term."""
    return [
        f
        for f in found
        if f is not read
        and f.key not in words.next_term_columns
        and (f.says != read.says if f.says else bool(f.reading.says & ACTIVE or f.reading.declined))
    ]
