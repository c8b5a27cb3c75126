"""Two versions of one known contract book, with one change of each kind between them.

The old version is an .xlsx with a title row, the new one a CSV with other header
spellings and stray whitespace: the comparison must see through both.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from .files import write_csv

HEADER = [
    "Account Name",
    "Product",
    "Support Tier",
    "Order Form Start",
    "Order Form End",
    "Initial Term Start",
    "Region",
    "Country",
    "Time Zone",
    "Dedicated CSE",
    "MCSE",
]
NEW_HEADER = [
    "Customer",
    "Product",
    "Tier",
    "Start",
    "End",
    "Initial Term Start",
    "Region",
    "Country",
    "Time Zone",
    "CSE",
    "MCSE",
]
CONTACT_HEADER = ["Account", "Full Name", "Email", "Region", "Named Contact?"]

OLD_CONTRACTS = [
    ["Acme Corp", "Okta", "Premier", date(2025, 7, 1), date(2026, 6, 30), None, "EMEA", "DE", "Europe/Berlin", "", ""],
    ["Beta Bank", "Okta", "Basic", date(2026, 1, 1), date(2026, 12, 31), None, "AMER", "US", "America/New_York", "", ""],
    [
        "Gamma Games",
        "Okta Access Gateway",
        "Premier Plus",
        date(2026, 3, 1),
        date(2027, 2, 28),
        None,
        "EMEA",
        "FR",
        "Europe/Paris",
        "",
        "",
    ],
    [
        "Delta Health",
        "Okta",
        "Premier Plus",
        date(2026, 2, 1),
        date(2026, 12, 31),
        None,
        "APAC",
        "AU",
        "Australia/Sydney",
        "Yes",
        "50%",
    ],
    [
        "Epsilon Energy",
        "Auth0",
        "Enterprise",
        date(2026, 1, 1),
        date(2026, 12, 31),
        None,
        "AMER",
        "US",
        "America/Chicago",
        "",
        "",
    ],
    ["Eta Media", "Okta", "Premier", date(2026, 4, 1), date(2027, 3, 31), None, "EMEA", "GB", "Europe/London", "", ""],
    ["Theta Labs", "Okta", "Basic", date(2025, 9, 1), date(2026, 8, 31), None, "AMER", "CA", "America/Toronto", "", ""],
    ["Iota Air", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), None, "AMER", "US", "America/New_York", "", ""],
]
NEW_CONTRACTS = [
    # Acme: the renewal row follows the old term (the old row is gone from this export)
    ["Acme Corp", "Okta", "Premier", "2026-07-01", "2027-06-30", "", "EMEA", "DE", "Europe/Berlin", "", ""],
    ["Beta Bank", "Okta", "Premier", "2026-01-01", "2026-12-31", "", "AMER", "US", "America/New_York", "", ""],
    ["Gamma Games", "OAG", "Premier", "2026-03-01", "2027-02-28", "", "EMEA", "FR", "Europe/Paris", "", ""],
    # Delta: the term ends a month later and the MCSE doubles
    ["Delta Health", "Okta", "Premier+", "2026-02-01", "2027-01-31", "", "APAC", "AU", "Australia/Sydney", "yes", "100%"],
    # Epsilon is gone; Zeta is new
    ["Zeta Foods", "Auth0", "Premier", "2026-05-01", "2027-04-30", "", "APAC", "JP", "Asia/Tokyo", "", ""],
    # Eta: only whitespace and spelling differ, which is no change
    ["Eta\u00a0Media ", "okta", "premier", "2026-04-01", "2027-03-31", "", " EMEA", "GB", "Europe/London", "", ""],
    # Theta: last year's row kept, and a renewal that is also an upgrade
    ["Theta Labs", "Okta", "Basic", "2025-09-01", "2026-08-31", "", "AMER", "CA", "America/Toronto", "", ""],
    ["Theta Labs", "Okta", "Premier", "2026-09-01", "2027-08-31", "", "AMER", "CA", "America/Toronto", "", ""],
    ["Iota Air", "Okta", "Premier", "2026-01-01", "2026-12-31", "", "EMEA", "US", "America/New_York", "", ""],
]
OLD_CONTACTS = [
    ["Acme Corp", "Ana Ito", "ana@acme.test", "EMEA", "Yes"],
    ["Acme Corp", "Bo Lund", "bo@acme.test", "EMEA", "Yes"],
    ["Delta Health", "Dee Jones", "dee@delta.test", "APAC", "Yes"],
    ["Delta Health", "Raj Rao", "", "APAC", "No"],
]
NEW_CONTACTS = [
    ["Acme Corp", "Ana Ito-Berg", "ANA@acme.test ", "EMEA", "Yes"],  # matched by email; the name changed
    ["Acme Corp", "Cy Moss", "cy@acme.test", "EMEA", "Yes"],
    ["Delta Health", "Dee  Jones", "dee@delta.test", "EMEA", "Yes"],  # region changed, not the name
    ["Delta Health", "Raj Rao", "", "APAC", "Yes"],  # matched by name; now named
]

# What the comparison must find, in the order it lists them: (customer, product, change, field, old, new).
EXPECTED = [
    ("Acme Corp", "Okta", "Renewed", "Term", "2025-07-01 – 2026-06-30", "2026-07-01 – 2027-06-30"),
    ("Acme Corp", "", "Contact added", "Contact", "", "Cy Moss <cy@acme.test> (EMEA, named)"),
    ("Acme Corp", "", "Contact removed", "Contact", "Bo Lund <bo@acme.test> (EMEA, named)", ""),
    ("Acme Corp", "", "Contact changed", "Name (ANA@acme.test)", "Ana Ito", "Ana Ito-Berg"),
    ("Beta Bank", "Okta", "Upgrade", "Tier", "Basic", "Premier"),
    ("Delta Health", "Okta", "Changed", "Term End", "2026-12-31", "2027-01-31"),
    ("Delta Health", "Okta", "Changed", "MCSE", "50% Dedicated MCSE", "100% Dedicated MCSE"),
    ("Delta Health", "", "Contact changed", "Region (dee@delta.test)", "APAC", "EMEA"),
    ("Delta Health", "", "Contact changed", "Named (Raj Rao)", "No", "Yes"),
    ("Epsilon Energy", "Auth0", "Removed", "Contract", "Enterprise, 2026-01-01 – 2026-12-31", ""),
    ("Gamma Games", "Okta Access Gateway", "Downgrade", "Tier", "Premier Plus", "Premier"),
    ("Iota Air", "Okta", "Changed", "Region", "AMER", "EMEA"),
    ("Theta Labs", "Okta", "Renewed", "Term", "2025-09-01 – 2026-08-31", "2026-09-01 – 2027-08-31"),
    ("Theta Labs", "Okta", "Upgrade", "Tier", "Basic", "Premier"),
    ("Zeta Foods", "Auth0", "Added", "Contract", "", "Premier, 2026-05-01 – 2027-04-30"),
]


def write_old(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Contracts"
    ws.append(["Contract book Q3"])
    ws.append([])
    ws.append(HEADER)
    for row in OLD_CONTRACTS:
        ws.append(row)
    people = wb.create_sheet("Contacts")
    people.append(CONTACT_HEADER)
    for row in OLD_CONTACTS:
        people.append(row)
    wb.save(path)
    return path


def write_new(folder: Path) -> list[Path]:
    """The new version as two CSV files: contracts and contacts."""
    return [
        write_csv(folder / "contracts-q4.csv", rows=NEW_CONTRACTS, header=NEW_HEADER),  # type: ignore[arg-type]
        write_csv(folder / "contacts-q4.csv", rows=NEW_CONTACTS, header=CONTACT_HEADER),
    ]  # type: ignore[arg-type]
