"""What a contract row's own status says: a term that ended early, or one that never ran (catalog [term_status]).

A CRM's Status or Stage column is kept as the book writes it; these words are the only ones read from it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from explorer.catalog import Catalog, fold
from explorer.importing import values
from explorer.model import Contract, Finding, Severity


def apply_status(contract: Contract, catalog: Catalog, order: values.DateOrder, findings: list[Finding]) -> Contract:
    """``contract`` with ``ended_on`` set where its status says it ended early (on a date inside its term) or never
    ran (Lost, Void... with no such date); a finding names the row and says what was read."""
    words = catalog.term_status
    status = next(((h, v.strip()) for h, v in contract.extra.items() if fold(h) in words.columns and v.strip()), None)
    given = next(((h, v.strip()) for h, v in contract.extra.items() if fold(h) in words.date_columns and v.strip()), None)
    says = words.says(status[1]) if status else frozenset()
    if status is not None and not says or status is None and given is None:
        return contract  # an active or unknown word, or no status at all: as the row says
    start, end = contract.term_start, contract.term_end
    if start is None or contract.dates_missing:
        return contract  # the term's own dates are in question (an error finding); nothing to end
    said = f"Status '{status[1]}'" if status else ""
    day = values.parse_date(given[1], order)[0] if given else None

    def warn(message: str, column: str) -> None:
        findings.append(Finding(Severity.WARNING, message, contract.source, column, contract.customer, contract.product or ""))

    contracted = f"{end:%Y-%m-%d}" if end else "no end"
    if given is not None and day is not None and start <= day and (end is None or day < end):
        lead = f"{said} and {given[0]} {day:%Y-%m-%d}" if said else f"{given[0]} {day:%Y-%m-%d}"
        warn(
            f"{lead}: the term ends on {day:%Y-%m-%d}, not at its contracted end ({contracted}); no key date after it "
            "is scheduled and cases opened after it have no contract.",
            given[0],
        )
        return replace(contract, ended_on=day)
    if status is not None and "never_ran" in says and (day is None or day < start):
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
