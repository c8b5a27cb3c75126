"""What a contract row's own status says: a term that ended early, one that never ran, or a deal not signed yet
(catalog [term_status]).

A CRM's Status or Stage column is kept as the book writes it; these words are the only ones read from it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from explorer.catalog import Catalog, TermStatusWords
from explorer.importing import values
from explorer.model import Contract, Finding, Severity

NOT_SIGNED = frozenset({"not_signed"})
DRAFT = frozenset({"draft"})


def apply_status(contract: Contract, catalog: Catalog, order: values.DateOrder, findings: list[Finding]) -> Contract:
    """``contract`` with ``ended_on`` set where its status says it ended early (on a date inside its term) or never
    ran (Lost, Void... with no such date); a finding names the row and says what was read."""
    words = catalog.term_status
    status, says = _status(contract, words)
    given, day = _day_ended(contract, words, order)
    if status is not None and not says or status is None and given is None:
        return contract  # an active or unknown word (Won, Active, a stage such as Negotiation), or no status at all
    start, end = contract.term_start, contract.term_end
    if start is None or contract.dates_missing:
        return contract  # the term's own dates are in question (an error finding); nothing to end
    said = f"{status[0]} '{status[1]}'" if status else ""
    # A word that only says "never ran" (Stripe's incomplete_expired, Lost) is not undone by a date: Stripe fills
    # Ended At on the day it gave up collecting the first payment.
    ends = status is None or "ended" in says

    def warn(message: str, column: str) -> None:
        findings.append(Finding(Severity.WARNING, message, contract.source, column, contract.customer, contract.product or ""))

    contracted = f"{end:%Y-%m-%d}" if end else "no end"
    if status is not None and "not_signed" in says:
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
        warn(
            f"{said}: this term ({start:%Y-%m-%d} – {contracted}) never ran; it is listed, in force on no day, "
            "and none of its key dates is scheduled.",
            status[0],
        )
        return replace(contract, ended_on=start - timedelta(days=1))
    if status is not None and given is None:
        findings.append(
            Finding(
                Severity.INFO,
                f"{said} gives no day the term ended (no termination date); the term is read "
                f"to its contracted end ({contracted}).",
                contract.source,
                status[0],
                contract.customer,
                contract.product or "",
            )
        )
    elif given is not None and day is None:
        warn(f"{given[0]} '{given[1]}' is not a date; the term is read to its contracted end ({contracted}).", given[0])
    return contract


def _day_ended(contract: Contract, words: TermStatusWords, order: values.DateOrder) -> tuple[tuple[str, str] | None, date | None]:
    """(the date column and value read, its day): of a row's filled end-early columns, the one of the latest day.
    Stripe fills Canceled At on the day a cancellation was asked for (at the period's end, it may be months before)
    and Ended At on the day the subscription ended."""
    given = [(h, v.strip()) for h, v in contract.extra.items() if words.key(h) in words.date_columns and v.strip()]
    days = [(values.parse_date(v, order)[0], (h, v)) for h, v in given]
    read = [(day, g) for day, g in days if day is not None]
    if read:
        day, taken = max(read, key=lambda d: d[0])
        return taken, day
    return (given[0], None) if given else (None, None)


def _status(contract: Contract, words: TermStatusWords) -> tuple[tuple[str, str] | None, frozenset[str]]:
    """(the status column and value read, what it says): of a row's status columns (Pipedrive's Deal - Status beside
    its Deal - Stage), the first whose word says something, else the first filled; "Open" only in a deal's own
    status column (a Renewal Status of Open asks about the next term); "Draft" in any but a column about the next
    term (Zuora's Subscription: Status)."""
    found = []
    for header, value in contract.extra.items():
        key = words.key(header)
        if key in words.columns and value.strip():
            says = words.says(value)
            if key not in words.not_signed_columns:
                says -= NOT_SIGNED
            if "draft" in says and key not in words.next_term_columns:
                says |= NOT_SIGNED
            found.append(((header, value.strip()), says - DRAFT))
    return next((f for f in found if f[1]), found[0] if found else (None, frozenset()))
