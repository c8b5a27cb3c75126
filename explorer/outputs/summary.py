"""A session's summary and findings as text or JSON, for `explorer check`."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from explorer.app import findings as pipeline
from explorer.app.session import Session
from explorer.app.uncounted import uncounted
from explorer.app.view_model import contract_count, contracts_text
from explorer.model import Finding
from explorer.shown import shown


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "severity": f.severity.label,
        "file": shown(f.source.file),
        "sheet": f.source.sheet,
        "row": f.source.row,
        "column": f.column,
        "customer": f.customer,
        "message": f.message,
    }


def counts(session: Session) -> dict[str, Any]:
    book, sla = session.book, session.sla
    contracts, terms = contract_count(book.contracts)  # a contract is a (customer, product), its rows its terms
    out: dict[str, Any] = {
        "files": [shown(f) for f in book.files + book.case_files],
        "customers": len(book.customers()),
        "contracts": contracts,
        "terms": terms,
        "named_contacts": len({c.person for c in book.contacts}),  # people: one named for two products is one
        "holidays": len(book.holidays),
        "findings": {s.label: n for s, n in pipeline.count(session.findings).items()},
    }
    if sla is not None:
        found = uncounted(sla)  # the figure the report's headline and Actions row give
        out["cases"] = found.cases
        out["outcomes"] = {str(k): n for k, n in found.outcomes}
    return out


def as_json(session: Session) -> str:
    return json.dumps(
        {"summary": counts(session), "findings": [finding_dict(f) for f in session.findings]}, indent=2, ensure_ascii=False
    )


WORDS = (("customers", "customer"), ("contracts", "contract"), ("named_contacts", "named contact"), ("cases", "case"))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def as_text(session: Session, limit: int | None = None) -> str:
    c = counts(session)
    lines = [
        f"Read {', '.join(c['files'])}",
        ", ".join(
            [
                _count(c["customers"], "customer"),
                contracts_text(session.book.contracts),  # as the app's status line counts them
                *(_count(c[key], word) for key, word in (("named_contacts", "named contact"), ("cases", "case")) if key in c),
            ]
        ),
    ]
    if "outcomes" in c:  # a case log given, its cases judged (none read: the findings say why)
        later = sum(session.sla.later.values()) if session.sla is not None else 0
        none = f"none opened by the as-of day, {later} later" if later else "none read"
        judged = ", ".join(f"{v} {k.lower()}" for k, v in c["outcomes"].items())
        after = f"; {later} opened after the as-of moment, not yet known (not counted)" if later and judged else ""
        lines.append("Cases: " + (judged or none) + after)
    lines.append("Findings: " + ", ".join(f"{v} {k.lower()}{'s' if v != 1 else ''}" for k, v in c["findings"].items()))
    findings = session.findings
    shown = findings if limit is None else findings[:limit]
    if shown:
        lines.append("")
    for f in shown:
        where = dataclasses.replace(f.source, column="").describe() if f.column else f.source.describe()  # one column
        column = f", column '{f.column}'" if f.column else ""
        customer = f" [{f.customer.strip()}]" if f.customer.strip() else ""
        lines.append(f"{f.severity.label.upper():<8}{where}{column}{customer}: {f.message}")
    if len(shown) < len(findings):
        lines.append(f"... and {len(findings) - len(shown)} more (use --all or --json)")
    return "\n".join(lines)
