"""Deterministic fictional contract books and case logs: the bundled sample and benchmark books.

Everything here is made from a seeded random generator, so the same call always
gives the same rows. `python -m tools.make_sample` writes the bundled sample with it; the
benchmarks make their books with it. It is a tool, not part of the shipped package.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

PLACES = [  # (region, time zone, country)
    ("AMER", "America/New_York", "US"),
    ("AMER", "America/Chicago", "US"),
    ("AMER", "America/Los_Angeles", "US"),
    ("AMER", "America/Toronto", "CA"),
    ("AMER", "America/Sao_Paulo", "BR"),
    ("EMEA", "Europe/London", "GB"),
    ("EMEA", "Europe/Berlin", "DE"),
    ("EMEA", "Europe/Paris", "FR"),
    ("EMEA", "Europe/Amsterdam", "NL"),
    ("APAC", "Asia/Tokyo", "JP"),
    ("APAC", "Asia/Singapore", "SG"),
    ("APAC", "Australia/Sydney", "AU"),
    ("APAC", "Asia/Kolkata", "IN"),
]
FIRST = [
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Wingtip",
    "Litware",
    "Adatum",
    "Proseware",
    "Lucerne",
    "Alpine",
    "Blue Yonder",
    "Coho",
    "Datum",
    "Fourth Coffee",
    "Graphic",
    "Humongous",
    "Margie's",
    "Trey",
    "Woodgrove",
    "Southridge",
    "Relecloud",
    "VanArsdel",
    "Wide World",
    "Bellows",
    "Cascade",
    "Kestrel",
    "Meridian",
    "Orchid",
    "Pinnacle",
    "Quartz",
    "Redwood",
    "Summit",
    "Tidewater",
    "Umber",
    "Vertex",
    "Willow",
    "Yarrow",
    "Zephyr",
    "Aster",
    "Birch",
]
SECOND = [
    "Traders",
    "Bank",
    "Health",
    "Logistics",
    "Energy",
    "Retail",
    "Insurance",
    "Airlines",
    "Foods",
    "Media",
    "Systems",
    "Capital",
    "Pharma",
    "Motors",
    "Telecom",
    "University",
    "Hotels",
    "Games",
    "Labs",
    "Group",
]
OKTA_TIERS = ["Basic", "Premier", "Premier Access", "Premier Plus"]
TIER_SPELLINGS = {
    "Premier Plus": ["Premier Plus", "Premier+", "PREMIER PLUS", "prem plus"],
    "Premier Access": ["Premier Access", "prem access", "Premier Access"],
    "Premier": ["Premier", "premier"],
    "Basic": ["Basic", "basic"],
}
CONTRACT_HEADERS = [
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
    "Account Owner",
]
CONTACT_HEADERS = ["Account", "Full Name", "Email", "Region", "Named Contact?"]
CASE_HEADERS = ["Ticket ID", "Organization", "Product", "Priority", "Created at", "First reply at", "Environment"]
TARGET_MINUTES = {"Basic": (240, 720, 1440, 1440), "Premier": (60, 120, 120, 480), "Enterprise": (30, 120, 720, 1440)}


@dataclass
class SyntheticBook:
    contracts: list[list[Any]]
    contacts: list[list[Any]]
    cases: list[list[Any]]


def _customer_names(n: int, rng: random.Random) -> list[str]:
    names = [f"{a} {b}" for a in FIRST for b in SECOND]
    rng.shuffle(names)
    if n <= len(names):
        return names[:n]
    return [f"{names[i % len(names)]} {i // len(names) + 1}" for i in range(n)]


def make_contracts(n_customers: int, seed: int = 7, today: date = date(2026, 11, 28)) -> list[list[Any]]:
    """Contract rows (CONTRACT_HEADERS): every product, program and add-on, clean spellings mixed."""
    rng = random.Random(seed)
    rows: list[list[Any]] = []
    for i, name in enumerate(_customer_names(n_customers, rng)):
        region, zone, country = PLACES[i % len(PLACES)]
        products = ["Okta"] + (["Okta Access Gateway"] if i % 5 == 2 else []) + (["Auth0"] if i % 4 == 1 else [])
        if i % 9 == 4:
            products = ["Auth0"]
        start = today - timedelta(days=rng.randint(20, 560))
        months = rng.choice([12, 12, 12, 24, 36, 18])
        end = _add_months(start, months) - timedelta(days=1)
        for product in products:
            if product == "Auth0":
                tier = rng.choice(["Enterprise", "Premier", ""])
            else:
                tier = OKTA_TIERS[(i + len(product)) % 4] if product == "Okta" else rng.choice(OKTA_TIERS)
            cse = mcse = ""
            if product == "Okta" and tier == "Premier Plus":
                cse = rng.choice(["Yes", "Yes", "No"])
                mcse = rng.choice(["50%", "100%", "", "50% Dedicated MCSE", "0.5"])
            spelled = rng.choice(TIER_SPELLINGS.get(tier, [tier]))
            initial = _add_months(start, -12) if i % 6 == 0 and cse == "Yes" else None
            rows.append([name, product, spelled, start, end, initial, region, country, zone, cse, mcse, f"AM {i % 7 + 1}"])
    return rows


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, 28))


def make_contacts(contracts: list[list[Any]], per_customer: int = 5, seed: int = 11) -> list[list[Any]]:
    rng = random.Random(seed)
    rows = []
    seen = set()
    for row in contracts:
        name, region = row[0], row[6]
        if name in seen:
            continue
        seen.add(name)
        count = per_customer + (1 if row[10] else 0)
        for j in range(count):
            person = (
                f"{rng.choice(['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'])} "
                f"{rng.choice(['Ito', 'Kaur', 'Lopez', 'Meyer', 'Nguyen', 'Okafor', 'Park', 'Rossi', 'Silva'])}"
            )
            domain = name.lower().replace(" ", "").replace("'", "") + ".example"
            rows.append([name, person, f"{person.split()[0].lower()}.{j}@{domain}", region, "Yes" if j < count - 1 else "No"])
    return rows


def make_cases(
    contracts: list[list[Any]], n_cases: int, seed: int = 13, end: datetime = datetime(2026, 11, 27, 18, 0)
) -> list[list[Any]]:
    """A year of cases (CASE_HEADERS) spread over the contracts, each opened inside its contract's term
    (a day clear of either end, whatever the zone); times are UTC text like a ticketing export."""
    rng = random.Random(seed)
    start = end - timedelta(days=365)
    rows = []
    windows = []
    for r in contracts:
        if r[1] in ("Okta", "Auth0", "Okta Access Gateway") and isinstance(r[3], date) and isinstance(r[4], date):
            first = max(start, datetime(r[3].year, r[3].month, r[3].day) + timedelta(days=1))
            last = min(end, datetime(r[4].year, r[4].month, r[4].day))
            if last - first > timedelta(days=1):
                windows.append((r, first, int((last - first).total_seconds() // 60)))
    for k in range(n_cases):
        contract, first, span = windows[rng.randrange(len(windows))]
        priority = rng.choices([1, 2, 3, 4], weights=[5, 20, 50, 25])[0]
        opened = first + timedelta(minutes=rng.randrange(span))
        tier = str(contract[2]).lower()
        kind = "Enterprise" if contract[1] == "Auth0" else ("Basic" if "basic" in tier else "Premier")
        target = TARGET_MINUTES[kind][priority - 1]
        factor = rng.choice([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95, 1.5]) if kind != "Premier" else rng.random() * 1.06
        reply = opened + timedelta(minutes=max(1, int(target * factor * (2 if kind == "Basic" else 1))))
        reply_text = "" if reply > end else f"{reply:%Y-%m-%d %H:%M:%S} UTC"
        environment = "production" if contract[1] != "Auth0" or rng.random() > 0.1 else "development"
        label = f"P{priority}" if contract[1] != "Auth0" else ["Urgent", "High", "Normal", "Low"][priority - 1]
        rows.append([100000 + k, contract[0], contract[1], label, f"{opened:%Y-%m-%d %H:%M:%S} UTC", reply_text, environment])
    return rows


def make_book(n_customers: int, n_cases: int, contacts_per_customer: int = 5, seed: int = 7) -> SyntheticBook:
    contracts = make_contracts(n_customers, seed)
    return SyntheticBook(contracts, make_contacts(contracts, contacts_per_customer), make_cases(contracts, n_cases))


def write_xlsx(
    path: Path, sheets: dict[str, tuple[list[str], list[list[Any]]]], title: str = "", created: datetime | None = None
) -> None:
    """Write sheets fast with XlsxWriter's constant-memory mode (real date cells, optional title rows). ``created``:
    the document's created and modified properties (XlsxWriter writes both from it; else the time of writing). Its
    zip entries are always dated 1980-01-31, so with it the file is the same bytes on every run."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    if created is not None:
        workbook.set_properties({"created": created})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for name, (headers, rows) in sheets.items():
        sheet = workbook.add_worksheet(name)
        first = 0
        if title:
            sheet.write_string(0, 0, title)
            first = 2
        sheet.write_row(first, 0, headers)
        for r, row in enumerate(rows, start=first + 1):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write_datetime(r, c, datetime(value.year, value.month, value.day), date_format)
                elif value is None or value == "":
                    continue
                elif isinstance(value, (int, float)):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
    workbook.close()


# The sample book's document date, fixed so `python -m tools.make_sample` rewrites the same bytes (git sees no change)
SAMPLE_CREATED = datetime(2026, 11, 28, 9, 12, 3, tzinfo=UTC)


def write_sample(folder: Path) -> tuple[Path, Path]:
    """The bundled sample: about 40 customers with deliberate problems, and a year of cases."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    contracts = make_contracts(40, seed=2026)
    contacts = make_contacts(contracts, 4, seed=2026)
    cases = make_cases(contracts, 3000, seed=2026)
    _add_deliberate_problems(contracts, contacts, cases)
    holidays = [[date(2026, 12, 24), "Company shutdown", ""], [date(2026, 12, 31), "Company shutdown", ""]]
    book = folder / "contracts.xlsx"
    write_xlsx(
        book,
        {
            "Contracts": (CONTRACT_HEADERS, contracts),
            "Named contacts": (CONTACT_HEADERS, contacts),
            "Company holidays": (["Date", "Holiday", "Country"], holidays),
        },
        title="Contract book FY27 (fictional sample for Entitlement Explorer)",
        created=SAMPLE_CREATED,
    )
    log = folder / "cases.csv"
    with open(log, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CASE_HEADERS)
        writer.writerows(cases)
    return book, log


def _add_deliberate_problems(contracts: list[list[Any]], contacts: list[list[Any]], cases: list[list[Any]]) -> None:
    """A few of each finding an account manager should see, on otherwise clean rows."""
    contracts.append(
        [
            "Gilded Lily Hotels",
            "Okta",
            "Premier Gold",
            date(2026, 3, 1),
            date(2027, 2, 28),
            None,
            "EMEA",
            "GB",
            "Europe/London",
            "",
            "",
            "AM 2",
        ]
    )
    contracts.append(
        ["Backwards Bank", "Okta", "Premier", date(2026, 9, 1), date(2026, 3, 31), None, "AMER", "US", "PST", "", "", "AM 3"]
    )
    contracts.append(
        [
            "Overreach Media",
            "Okta",
            "Premier",
            date(2026, 2, 1),
            date(2027, 1, 31),
            None,
            "AMER",
            "US",
            "America/New_York",
            "Yes",
            "50%",
            "AM 4",
        ]
    )
    contracts.append(
        [
            "Ambiguous Airlines",
            "Okta",
            "Basic",
            "03/04/2026",
            "2027-04-02",
            None,
            "EMEA",
            "Frankreich",
            "Europe/Paris",
            "",
            "",
            "AM 5",
        ]
    )
    duplicate = next(r for r in contracts if r[1] == "Okta")
    contracts.append(list(duplicate))
    mcse_customer = next(r for r in contracts if r[10] in ("50%", "0.5") and r[2] in TIER_SPELLINGS["Premier Plus"])
    elsewhere = "APAC" if mcse_customer[6] != "APAC" else "EMEA"
    for k, region in enumerate([mcse_customer[6], mcse_customer[6], elsewhere]):
        contacts.append([mcse_customer[0], f"Extra Named {k + 1}", f"extra{k + 1}@example.com", region, "Yes"])
    cases.append([999001, "Unknown Prospect Ltd", "Okta", "P1", "2026-11-20 09:00:00 UTC", "", "production"])
    # History: a Basic -> Premier renewal (a P1 answered in 90 minutes meets Basic, breaches Premier), and a
    # customer whose only term ended (a case after the end has no contract in force).
    contracts.append(
        [
            "Cascade Outfitters",
            "Okta",
            "Basic",
            date(2025, 7, 1),
            date(2026, 6, 30),
            None,
            "AMER",
            "US",
            "America/Denver",
            "",
            "",
            "AM 6",
        ]
    )
    contracts.append(
        [
            "Cascade Outfitters",
            "Okta",
            "Premier",
            date(2026, 7, 1),
            date(2027, 6, 30),
            None,
            "AMER",
            "US",
            "America/Denver",
            "",
            "",
            "AM 6",
        ]
    )
    cases.append([999003, "Cascade Outfitters", "Okta", "P1", "2026-06-02 16:00:00 UTC", "2026-06-02 17:30:00 UTC", "production"])
    cases.append([999004, "Cascade Outfitters", "Okta", "P1", "2026-09-15 16:00:00 UTC", "2026-09-15 17:30:00 UTC", "production"])
    # An add-on renewal request that is late: the deadline (end - 45 days) passed while the term runs.
    contracts.append(
        [
            "Tardy Telecom",
            "Okta",
            "Premier Plus",
            date(2026, 1, 1),
            date(2026, 12, 31),
            None,
            "APAC",
            "AU",
            "Australia/Sydney",
            "Yes",
            "",
            "AM 1",
        ]
    )
    contracts.append(
        [
            "Faded Films",
            "Okta",
            "Premier",
            date(2025, 6, 1),
            date(2026, 5, 31),
            None,
            "EMEA",
            "FR",
            "Europe/Paris",
            "",
            "",
            "AM 7",
        ]
    )
    cases.append([999005, "Faded Films", "Okta", "P2", "2026-03-10 08:00:00 UTC", "2026-03-10 09:00:00 UTC", "production"])
    cases.append([999006, "Faded Films", "Okta", "P2", "2026-08-10 08:00:00 UTC", "2026-08-10 09:00:00 UTC", "production"])
    cases.append([999002, mcse_customer[0], "Okta", "P1", "2026-11-27 17:20:00 UTC", "", "production"])


def benchmark_book(folder: Path, n_contracts: int = 10_000, n_contacts: int = 50_000, n_cases: int = 200_000) -> Path:
    """One workbook with a contracts, a contacts and a cases sheet of the given sizes (cached by size)."""
    path = folder / f"bench-{n_contracts}-{n_contacts}-{n_cases}.xlsx"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    contracts = make_contracts(int(n_contracts / 1.3) + 10, seed=1)[:n_contracts]
    contacts = make_contacts(contracts, per_customer=max(1, n_contacts // max(1, len({r[0] for r in contracts}))))
    # more people than the customers' lists hold: further copies under their own addresses (a person listed twice
    # for one customer counts once, and the book would hold fewer than it says)
    copies = n_contacts // max(1, len(contacts)) + 1
    contacts = [[r[0], r[1], r[2].replace("@", f".{k}@", 1) if k else r[2], *r[3:]] for k in range(copies) for r in contacts]
    contacts = contacts[:n_contacts]
    cases = make_cases(contracts, n_cases, seed=2)
    partial = path.with_suffix(".partial.xlsx")
    write_xlsx(
        partial,
        {"Contracts": (CONTRACT_HEADERS, contracts), "Contacts": (CONTACT_HEADERS, contacts), "Cases": (CASE_HEADERS, cases)},
        title="Benchmark book",
    )
    partial.replace(path)
    return path
