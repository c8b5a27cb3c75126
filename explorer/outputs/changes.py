"""A comparison of two books (explorer.app.diff) as text or JSON, for `explorer diff`."""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any, Protocol

import pandas as pd

from explorer.app.diff import CHANGE_COLUMNS
from explorer.outputs.report.build import sha256
from explorer.shown import shown, shown_name

# The Change values, in the order they are counted. Pinned by tests and documented in the README.
CHANGE_KINDS = [
    "Added",
    "Removed",
    "Renewed",
    "Changed",
    "Upgrade",
    "Downgrade",
    "Contact added",
    "Contact removed",
    "Contact changed",
]
CONTRACT_WIDE = {"Added", "Removed"}  # the row describes a whole contract
CONTACT_WIDE = {"Contact added", "Contact removed"}


class KeyDateMove(Protocol):
    event: str
    old: date | None
    new: date | None


class Comparison(Protocol):
    """What the outputs need of a comparison (explorer.app.diff.BookDiff)."""

    changes: pd.DataFrame  # CHANGE_COLUMNS, and moves: a tuple of KeyDateMove per row
    warnings: list[str]
    old_files: list[str]
    new_files: list[str]
    catalog_version: str

    def counts(self) -> dict[str, int]: ...


def sources(files: list[str]) -> list[dict[str, str]]:
    return [{"file": f, "sha256": sha256(f)} for f in files]


def as_json(diff: Comparison) -> str:
    changes = [
        {
            "customer": r["Customer"],
            "product": r["Product"],
            "change": r["Change"],
            "field": r["Field"],
            "old": r["Old"],
            "new": r["New"],
            "key_dates_affected": [
                {"event": m.event, "old": m.old.isoformat() if m.old else None, "new": m.new.isoformat() if m.new else None}
                for m in r["moves"]
            ],
        }
        for r in diff.changes.to_dict("records")
    ]
    return json.dumps(
        {
            "old": {"files": sources(diff.old_files)},
            "new": {"files": sources(diff.new_files)},
            "counts": diff.counts(),
            "warnings": diff.warnings,
            "changes": changes,
        },
        indent=2,
        ensure_ascii=False,
    )


def describe(row: dict[Any, Any]) -> str:
    """One change in words: 'Okta Tier: Basic → Premier', 'Auth0: Premier, 2026-05-01 – 2027-04-30'."""
    product = f"{row['Product']} · " if row["Product"] else ""
    if row["Change"] in CONTRACT_WIDE:
        return f"{row['Product']}: {row['Old'] or row['New']}"
    if row["Change"] in CONTACT_WIDE:
        return f"{product}{row['Old'] or row['New']}"
    if not row["Old"] and not row["New"]:  # dates a term's history moved, no field of its own
        return f"{product}{row['Field']}"
    return f"{product}{row['Field']}: {row['Old'] or 'none'} → {row['New'] or 'none'}"


def _names(files: list[str], others: list[str]) -> str:
    """The files by name; where the other side names a file the same (two exports both called contracts.csv), by
    their path from the folder the two share, so they can be told apart."""
    clash = {shown_name(f) for f in files} & {shown_name(f) for f in others}
    paths = [os.path.abspath(f) for f in (*files, *others) if shown_name(f) in clash]
    shared = os.path.commonpath(paths) if len(paths) > 1 else ""

    def name(f: str) -> str:
        if shown_name(f) not in clash:
            return shown_name(f)
        apart = os.path.relpath(os.path.abspath(f), shared)
        return shown_name(f) if apart == "." else shown(apart)  # the same file on both sides: its name, not "."

    return ", ".join(name(f) for f in files)


def as_text(diff: Comparison) -> str:
    counts = diff.counts()
    total = sum(counts.values())
    lines = [
        f"Old: {_names(diff.old_files, diff.new_files)}",
        f"New: {_names(diff.new_files, diff.old_files)}",
        f"{total} change{'s' if total != 1 else ''}" + (":" if total else " (the books say the same)"),
    ]
    width = max(len(k) for k in counts)
    lines += [f"  {kind:<{width}}  {n:>5}" for kind, n in counts.items() if total]
    lines += [f"WARNING  {w}" for w in diff.warnings]
    customer = None
    for row in diff.changes[[*CHANGE_COLUMNS, "moves"]].to_dict("records"):
        if row["Customer"] != customer:
            customer = row["Customer"]
            lines += ["", customer]
        lines.append(f"  {row['Change']:<{width}}  {describe(row)}")
        if row["Key Dates Affected"]:
            lines.append(f"  {'':<{width}}  key dates: {row['Key Dates Affected']}")
    return "\n".join(lines)
