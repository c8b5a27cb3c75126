"""Two versions of a 10,000-contract, 50,000-contact synthetic book, a quarter apart.

The new version renews a fifth of the contracts, re-tiers, moves, drops and adds
some, and edits, drops and adds contacts: every kind of change, in realistic numbers.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from tools.synth import CONTACT_HEADERS, CONTRACT_HEADERS, OKTA_TIERS, _add_months, make_contacts, make_contracts, write_xlsx


def _renew(row: list[Any]) -> list[Any]:
    start = row[4] + timedelta(days=1)
    return [row[0], row[1], row[2], start, _add_months(start, 12) - timedelta(days=1), *row[5:]]


def new_version(contracts: list[list[Any]], contacts: list[list[Any]]) -> tuple[list[list[Any]], list[list[Any]]]:
    new_contracts: list[list[Any]] = []
    for i, row in enumerate(contracts):
        row = list(row)
        if i % 50 == 7:
            continue  # removed
        if row[1] == "Okta" and i % 17 == 3:
            row[2] = OKTA_TIERS[(OKTA_TIERS.index(row[2]) + 1) % 4] if row[2] in OKTA_TIERS else "Premier"
        if i % 23 == 5:
            row[6] = "EMEA" if row[6] != "EMEA" else "APAC"
        if i % 31 == 9:
            row[4] = row[4] + timedelta(days=30)
        new_contracts.append(_renew(row) if i % 5 == 1 else row)
    new_contracts += [
        [f"Newco {k}", "Okta", "Premier", *contracts[k][3:6], "AMER", "US", "America/New_York", "", "", "AM 1"]
        for k in range(100)
    ]
    new_contacts: list[list[Any]] = []
    for k, row in enumerate(contacts):
        row = list(row)
        if k % 30 == 11:
            continue
        if k % 20 == 3:
            row[1] = row[1] + "-Smith"
        if k % 40 == 17:
            row[4] = "No" if row[4] == "Yes" else "Yes"
        new_contacts.append(row)
    new_contacts += [
        [contacts[k][0], f"New Person {k}", f"new{k}@example.com", "AMER", "Yes"] for k in range(0, len(contacts), 100)
    ]
    return new_contracts, new_contacts


def diff_books(folder: Path, n_contracts: int = 10_000, n_contacts: int = 50_000) -> tuple[Path, Path]:
    """The old and the new version as .xlsx files (cached by size)."""
    old, new = folder / f"diff-old-{n_contracts}-{n_contacts}.xlsx", folder / f"diff-new-{n_contracts}-{n_contacts}.xlsx"
    if old.exists() and new.exists():
        return old, new
    folder.mkdir(parents=True, exist_ok=True)
    contracts = make_contracts(int(n_contracts / 1.3) + 10, seed=1)[:n_contracts]
    customers = len({r[0] for r in contracts})
    contacts = make_contacts(contracts, per_customer=-(-n_contacts // customers))[:n_contacts]
    new_contracts, new_contacts = new_version(contracts, contacts)
    for path, rows, people in ((old, contracts, contacts), (new, new_contracts, new_contacts)):
        partial = path.with_suffix(".partial.xlsx")
        write_xlsx(partial, {"Contracts": (CONTRACT_HEADERS, rows), "Contacts": (CONTACT_HEADERS, people)})
        partial.replace(path)
    return old, new
