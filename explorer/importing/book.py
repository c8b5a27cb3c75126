"""Assemble a Book from contract files and case logs, with every finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from explorer import history, rules
from explorer.catalog import Catalog, default_catalog
from explorer.importing.cases import empty_cases, read_cases
from explorer.importing.contacts import read_contacts, read_holidays
from explorer.importing.contracts import read_contracts
from explorer.importing.readers import RawSheet, iter_sheets
from explorer.importing.safety import UnreadableFile
from explorer.importing.tables import find_table
from explorer.model import Book, Contract, Finding, Severity, Source, customer_key

Progress = Callable[[str], None]


def load_book(files: Iterable[Path | str], case_files: Iterable[Path | str] = (), catalog: Catalog | None = None,
              case_timezone: str | None = None, progress: Progress | None = None) -> Book:
    """Read every file into one Book. Raises UnreadableFile for a file that cannot be read at all."""
    catalog = catalog or default_catalog()
    book = Book()
    case_frames: list[pd.DataFrame] = []
    for path, is_case_log in [*((Path(f), False) for f in files), *((Path(f), True) for f in case_files)]:
        if progress:
            progress(f"Reading {path.name}")
        (book.case_files if is_case_log else book.files).append(str(path))
        found_any = False
        for sheet in iter_sheets(path):
            found_any |= _read_sheet(sheet, catalog, book, case_frames, case_timezone)
        if not found_any:
            expected = "Case ID, Customer, Priority, Opened" if is_case_log else "Customer, Product, Tier, Start, End"
            raise UnreadableFile(path, f"no recognisable table (expected a header row such as {expected})")
    if progress:
        progress("Checking contracts")
    book.cases = pd.concat(case_frames, ignore_index=True) if case_frames else None
    if book.cases is not None and not book.cases.empty and len(case_frames) > 1:
        book.cases = book.cases.reset_index(drop=True)
    if book.cases is None and book.case_files:
        book.cases = empty_cases()
    book.findings.extend(_check_book(book, catalog))
    return book


def _read_sheet(sheet: RawSheet, catalog: Catalog, book: Book, case_frames: list[pd.DataFrame],
                case_timezone: str | None) -> bool:
    match = find_table(sheet, catalog)
    if match is None:
        if any(any(str(c).strip() for c in row) for row in sheet.rows):
            book.findings.append(Finding(
                Severity.INFO, f"Sheet '{sheet.name}' holds no contract, contact, case or holiday table; not read.",
                Source(sheet.file, sheet.name)))
        return False
    if match.kind == "contracts":
        contracts, findings = read_contracts(sheet, match, catalog)
        book.contracts.extend(contracts)
        rows = len(contracts)
    elif match.kind == "contacts":
        contacts, findings = read_contacts(sheet, match, catalog)
        book.contacts.extend(contacts)
        rows = len(contacts)
    elif match.kind == "holidays":
        holidays, findings = read_holidays(sheet, match, catalog)
        book.holidays.extend(holidays)
        rows = len(holidays)
    else:
        frame, findings = read_cases(sheet, match, catalog, case_timezone)
        case_frames.append(frame)
        rows = len(frame)
    book.findings.extend(findings)
    if rows == 0 and not findings:
        label = catalog.tables[match.kind].label.lower()
        book.findings.append(Finding(Severity.WARNING, f"Sheet '{sheet.name}' has a {label} header row but no rows "
                                     "below it.", Source(sheet.file, sheet.name, match.header_row)))
    if match.extra:
        book.findings.append(Finding(
            Severity.INFO, f"Columns kept as they are (not used by the rules): {', '.join(match.extra.values())}.",
            Source(sheet.file, sheet.name, match.header_row)))
    return True


def _check_book(book: Book, catalog: Catalog) -> list[Finding]:
    """Findings that need the whole book: duplicates, add-on and contact rules, orphans."""
    out: list[Finding] = []
    seen: dict[tuple[str, str], list[Contract]] = {}
    contacts = book.contacts_by_customer()
    for contract in book.contracts:
        out.extend(rules.contract_findings(catalog, contract))
        out.extend(rules.contact_findings(catalog, contract, contacts.get(customer_key(contract.customer), [])))
        if not contract.customer:
            continue
        earlier = seen.setdefault(contract.key, [])
        clash = next((c for c in earlier if history.overlaps(c, contract)), None)  # renewals do not overlap
        earlier.append(contract)
        if clash is not None:
            name = rules.product_name(catalog, contract)
            out.append(Finding(Severity.WARNING, f"{contract.customer} has a second {name} contract row whose term "
                               f"overlaps the one at {clash.source.describe()}; both are shown.",
                               contract.source, "", contract.customer, contract.product or ""))
    known = {customer_key(c.customer) for c in book.contracts}
    for key, orphans in contacts.items():
        if key and key not in known:
            out.extend(Finding(Severity.WARNING, f"Contact {c.name}: customer '{c.customer}' has no contract.",
                               c.source, "customer", c.customer) for c in orphans)
    return out
