"""A book's summary and findings as text or JSON, for `explorer check`."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from explorer.model import Book, Finding, Severity
from explorer.sla.engine import SlaResult


def finding_dict(f: Finding) -> dict[str, Any]:
    return {"severity": f.severity.label, "file": f.source.file, "sheet": f.source.sheet, "row": f.source.row,
            "column": f.column, "customer": f.customer, "message": f.message}


def counts(book: Book, sla: SlaResult | None) -> dict[str, Any]:
    severities = Counter(f.severity.label for f in all_findings(book, sla))
    out: dict[str, Any] = {
        "files": book.files + book.case_files,
        "customers": len(book.customers()),
        "contracts": len(book.contracts),
        "named_contacts": len(book.contacts),
        "holidays": len(book.holidays),
        "findings": {s.label: severities.get(s.label, 0) for s in reversed(Severity)},
    }
    if sla is not None:
        out["cases"] = len(sla.cases)
        out["outcomes"] = {str(k): int(v) for k, v in sla.cases["outcome"].value_counts().items() if v}
    return out


def all_findings(book: Book, sla: SlaResult | None) -> list[Finding]:
    found = book.findings + (sla.findings if sla else [])
    return sorted(found, key=lambda f: (-f.severity, f.source.file, f.source.sheet, f.source.row or 0))


def as_json(book: Book, sla: SlaResult | None) -> str:
    return json.dumps({"summary": counts(book, sla), "findings": [finding_dict(f) for f in all_findings(book, sla)]},
                      indent=2, ensure_ascii=False)


def as_text(book: Book, sla: SlaResult | None, limit: int | None = None) -> str:
    c = counts(book, sla)
    lines = [f"Read {', '.join(c['files'])}",
             f"{c['customers']} customers, {c['contracts']} contracts, {c['named_contacts']} named contacts"
             + (f", {c['cases']} cases" if "cases" in c else "")]
    if "outcomes" in c:
        lines.append("Cases: " + ", ".join(f"{v} {k.lower()}" for k, v in c["outcomes"].items()))
    lines.append("Findings: " + ", ".join(f"{v} {k.lower()}{'s' if v != 1 else ''}" for k, v in c["findings"].items()))
    findings = all_findings(book, sla)
    shown = findings if limit is None else findings[:limit]
    if shown:
        lines.append("")
    for f in shown:
        where = f.source.describe()
        column = f", column '{f.column}'" if f.column else ""
        customer = f" [{f.customer.strip()}]" if f.customer.strip() else ""
        lines.append(f"{f.severity.label.upper():<8}{where}{column}{customer}: {f.message}")
    if len(shown) < len(findings):
        lines.append(f"... and {len(findings) - len(shown)} more (use --all or --json)")
    return "\n".join(lines)
