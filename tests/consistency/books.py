"""A contract book whose history exercises every per-term rule (domain.md §5, §8)."""

from __future__ import annotations

from pathlib import Path

from ..files import write_csv, write_sheets

CONTRACT_HEADER = [
    "Customer",
    "Product",
    "Tier",
    "Term Start",
    "Term End",
    "Initial Term Start",
    "Region",
    "Time Zone",
    "Dedicated CSE",
    "MCSE",
]
EUROPE, SYDNEY, NEW_YORK = "Europe/Berlin", "Australia/Sydney", "America/New_York"

CONTRACTS = [
    # a renewal keeping its CSE, Initial Term Start left blank as hand-kept books do: one mobilization, the
    # first term's renewal-request deadline is settled by the renewal
    ["Renew Co", "Okta", "Premier Plus", "2025-01-01", "2025-12-31", "", "AMER", NEW_YORK, "yes", ""],
    ["Renew Co", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "", "AMER", NEW_YORK, "yes", ""],
    # a mid-year upgrade from 50% to 100% MCSE: the limit is the term's in force
    ["Upgrade Co", "Okta", "Premier Plus", "2026-01-01", "2026-06-30", "", "EMEA", EUROPE, "", "50% Dedicated MCSE"],
    ["Upgrade Co", "Okta", "Premier Plus", "2026-07-01", "2027-06-30", "", "EMEA", EUROPE, "", "100% Dedicated MCSE"],
    # a lapse of a year, then a return without the add-on
    ["Lapse Co", "Okta", "Premier Plus", "2024-01-01", "2024-12-31", "", "AMER", NEW_YORK, "", "50% Dedicated MCSE"],
    ["Lapse Co", "Okta", "Premier", "2026-01-01", "2026-12-31", "", "AMER", NEW_YORK, "", ""],
    # the MCSE moves from EMEA to APAC at the renewal
    ["Move Co", "Okta", "Premier Plus", "2025-01-01", "2025-12-31", "", "EMEA", EUROPE, "", "100% Dedicated MCSE"],
    ["Move Co", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "", "APAC", SYDNEY, "", "100% Dedicated MCSE"],
    # an upgrade mid-term, its row overlapping the old one: from its start the later row is in force, the old one
    # superseded (not "In force" beside it)
    ["Overlap Co", "Okta", "Premier", "2026-01-01", "2026-12-31", "", "AMER", NEW_YORK, "", ""],
    ["Overlap Co", "Okta", "Premier Plus", "2026-07-01", "2027-06-30", "", "AMER", NEW_YORK, "", ""],
    # a renewal keeping the CSE but dropping the MCSE: the deadline is not settled (the MCSE still needs the
    # request), Overdue while the term runs; the sheet says the CSE renewed and the MCSE not
    ["Drop Co", "Okta", "Premier Plus", "2025-01-01", "2025-12-31", "", "AMER", NEW_YORK, "yes", "50% Dedicated MCSE"],
    ["Drop Co", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "", "AMER", NEW_YORK, "yes", ""],
    # an Initial Term Start that cannot be read: nothing is derived from it
    ["Rejected Co", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "2026-13-45", "AMER", NEW_YORK, "yes", ""],
]


def contacts() -> list[list[str]]:
    rows = [["Upgrade Co", f"Uma {i}", f"uma{i}@upgrade.test", "EMEA", "yes"] for i in range(7)]
    rows += [["Lapse Co", f"Lee {i}", f"lee{i}@lapse.test", "AMER", "yes"] for i in range(7)]
    rows += [["Move Co", f"Mo {i}", f"mo{i}@move.test", "APAC", "yes"] for i in range(3)]
    return rows


def history_book(folder: Path) -> list[Path]:
    book = write_csv(folder / "history.csv", header=CONTRACT_HEADER, rows=CONTRACTS)
    people = write_csv(folder / "history-contacts.csv", header=["Customer", "Name", "Email", "Region", "Named"], rows=contacts())
    return [book, people]


# A book kept the way account managers keep one for years: a sheet per fiscal year listing every term that runs in
# it (so a July-June term sits on two sheets), and a master sheet with an owner's copy of some of its rows.
FY25 = [
    ["Kappa Ltd", "Okta", "Premier Plus", "2024-07-01", "2025-06-30", "", "EMEA", EUROPE, "yes", ""],
    ["Kappa Ltd", "Okta", "Premier Plus", "2025-07-01", "2026-06-30", "", "EMEA", EUROPE, "yes", ""],
]
FY26 = [
    ["Kappa Ltd", "Okta", "Premier Plus", "2025-07-01", "2026-06-30", "", "EMEA", EUROPE, "yes", ""],
    ["Kappa Ltd", "Okta", "Premier Plus", "2026-07-01", "2027-06-30", "", "EMEA", EUROPE, "yes", ""],
]
MASTER = [
    ["Zulu Ltd", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "", "AMER", NEW_YORK, "yes", ""],
    ["Yankee Inc", "Okta", "Premier", "2026-03-01", "2027-02-28", "", "AMER", NEW_YORK, "", ""],
]
JANE = [MASTER[0]]  # her copy of the accounts she looks after


def repeats_book(folder: Path) -> list[Path]:
    from tools import synth

    path = folder / "repeats.xlsx"
    sheets = {"FY25": FY25, "FY26": FY26, "Master": MASTER, "Jane": JANE}
    synth.write_xlsx(path, {name: (CONTRACT_HEADER, rows) for name, rows in sheets.items()})
    return [path]


# A CRM-style book whose rows carry their own Status (and the day a term was terminated): a term that ended early,
# a renewal that was lost, a churned customer, a cancelled order that never ran, and active words that change nothing.
STATUS_HEADER = [*CONTRACT_HEADER, "Status", "Termination Date"]
STATUS_ROWS = [
    [
        "November Inc",
        "Okta",
        "Premier Plus",
        "2026-01-01",
        "2026-12-31",
        "",
        "AMER",
        NEW_YORK,
        "yes",
        "",
        "Terminated",
        "2026-06-30",
    ],
    ["Papa Co", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "", "AMER", NEW_YORK, "yes", "", "Closed Won", ""],
    ["Papa Co", "Okta", "Premier Plus", "2027-01-01", "2027-12-31", "", "AMER", NEW_YORK, "yes", "", "Closed - Lost", ""],
    ["Oscar SARL", "Okta", "Premier", "2025-01-01", "2025-12-31", "", "EMEA", EUROPE, "", "", "Churned", ""],
    ["Quebec Ltd", "Okta", "Premier", "2026-03-01", "2027-02-28", "", "EMEA", EUROPE, "", "", "CANCELLED", ""],
    ["Romeo SA", "Okta", "Premier", "2026-03-01", "2027-02-28", "", "EMEA", EUROPE, "", "", "Active", ""],
]
STATUS_CASES = [
    ["N-1", "November Inc", "Okta", "P2", "2026-05-04 14:00", "2026-05-04 14:30", "production"],  # while it ran
    ["N-2", "November Inc", "Okta", "P2", "2026-09-01 14:00", "2026-09-01 14:30", "production"],  # after it ended
]


def status_book(folder: Path) -> list[Path]:
    from tools import synth

    book = write_csv(folder / "status.csv", header=STATUS_HEADER, rows=STATUS_ROWS)
    cases = write_csv(folder / "status-cases.csv", header=synth.CASE_HEADERS, rows=STATUS_CASES)
    return [book, cases]


# An Airtable grid: products as a multi-select in one cell ("Okta Premier Plus,Auth0 Enterprise"), the named contacts
# as linked records in one cell, the MCSE option once for the row. Each product is a contract of its own; the
# MCSE and its limit belong to the Premier Plus only.
MULTISELECT_HEADER = ["Name", "Products", "Start date", "End date", "Named Contacts", "MCSE Option", "Region", "Time zone"]
MULTISELECT_ROWS = [
    [
        "Sierra Air",
        "Okta Premier Plus,Auth0 Enterprise",
        "2026-02-01",
        "2027-01-31",
        "Ana Lima,Ben Ode,Cy Tran,Dee Moss,Eli Roy,Fay Lu",
        "50% Dedicated MCSE",
        "AMER",
        NEW_YORK,
    ],
    ["Tango Ltd", "Okta Premier; Auth0 Premier", "2025-03-01", "2026-02-28", "Gil Ash", "", "EMEA", EUROPE],
    ["Tango Ltd", "Okta Premier Plus\nOkta Access Gateway Premier", "2026-03-01", "2027-02-28", "", "", "EMEA", EUROPE],
]


def multiselect_book(folder: Path) -> list[Path]:
    return [write_csv(folder / "airtable.csv", header=MULTISELECT_HEADER, rows=MULTISELECT_ROWS)]


# Named contacts from three places (trust5 #2): each term's row lists people in its cell, and a CRM's contacts sheet
# marks each with a Support Contact checkbox. Cy is FALSE there but written on the renewal row: the book contradicts
# itself, and the row's listing is read (a warning names both places), so the 100% term counts 7 of 10.
TANGO = ["Tango Three", "Okta", "Premier Plus"]
CONTACTS_CONTRACTS = [
    [*CONTRACT_HEADER, "Named contacts"],
    [*TANGO, "2025-12-01", "2026-11-30", "", "AMER", NEW_YORK, "", "50% Dedicated MCSE", "Al <al@t.test>; Eve <eve@t.test>"],
    [*TANGO, "2026-12-01", "2027-11-30", "", "AMER", NEW_YORK, "", "100% Dedicated MCSE", "Al <al@t.test>; Cy <cy@t.test>"],
]
CONTACTS_SHEET = [
    ["Customer", "Name", "Email", "Region", "Support Contact"],
    *(["Tango Three", name, f"{name.lower()}@t.test", "AMER", True] for name in ("Al", "Bo", "Dee", "Fay", "Gil")),
    ["Tango Three", "Cy", "cy@t.test", "AMER", False],  # named on the renewal row
    ["Tango Three", "Hal", "hal@t.test", "AMER", False],  # marked no and listed nowhere: not counted
]


def contacts_book(folder: Path) -> list[Path]:
    path = folder / "contacts.xlsx"
    return [write_sheets(path, {"Contracts": CONTACTS_CONTRACTS, "Contacts": CONTACTS_SHEET})]
