"""Assemble a Book from contract files and case logs, with every finding.

Nothing is lost silently: a sheet with data and no table read is a warning that
says what it saw and how to map it (so a contract file of such sheets is read, and
its lack of contracts is the error), a file with neither a table nor rows of data,
or a case log with no case table, is refused with the headers it holds, and
contract files that yield no contract are an error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from explorer import heap, history, rules
from explorer.catalog import Catalog, TableSpec, TermStatusWords, default_catalog, unaccented, words_of
from explorer.filekinds import digest, lock_file, resolved
from explorer.importing import ranges, values
from explorer.importing.anniversary import is_anniversary
from explorer.importing.borrowed_place import borrowed_places
from explorer.importing.cases import empty_cases, match_by_email, people_by_email, read_cases
from explorer.importing.column_reads import CONTACTS, FISCAL_TERM, LINE_ITEM, kept_reads
from explorer.importing.contacts import read_contacts
from explorer.importing.contracts import read_contracts
from explorer.importing.copies import is_link, originals_first, same_bytes_said
from explorer.importing.entity_names import known_contacts
from explorer.importing.headers import Guess, label, spelled, title
from explorer.importing.holidays import read_holidays
from explorer.importing.joins import NO_JOIN, Joiner, sheets_of
from explorer.importing.kept import ENDED_ON, STATUS
from explorer.importing.outline import Outline, product_outline
from explorer.importing.ranges import term_range
from explorer.importing.readers import Cell, RawSheet, fingerprint
from explorer.importing.record_block import (
    Block,
    BlockRead,
    items_below,
    items_finding,
    lacking,
    not_read,
    read_blocks,
    what_to_add,
    without_blocks,
)
from explorer.importing.record_lines import row_spans
from explorer.importing.renewal_evidence import dropped_between, unheld_renewals
from explorer.importing.renewed_to import unless_held
from explorer.importing.repeats import one_row_per_case
from explorer.importing.rival_values import rivals_differ
from explorer.importing.row_contacts import once, people_by_values
from explorer.importing.safety import NoTable, UnreadableFile
from explorer.importing.sheet_shapes import summary_shape, turned_table
from explorer.importing.spelling import BookNames, contacts_by_spelling, match_by_spelling, name_variants
from explorer.importing.tables import (
    NearMiss,
    SavedLookup,
    TableMatch,
    find_tables,
    is_blank,
    is_filled,
    line_item_columns,
    named_by_values,
    product_by_values,
    region_by_values,
    states_in_region,
    tier_by_values,
)
from explorer.importing.term_length import bare_length_columns, length_column, months_in
from explorer.importing.term_status import deal_table
from explorer.importing.values import cell_text
from explorer.importing.year_columns import tier_like_columns, tier_year_columns
from explorer.model import Book, Contact, Contract, Finding, Severity, Source, Unread, customer_key
from explorer.shown import shown_name

Progress = Callable[[str], None]
# other ways to a first response
RESPONSE_FIELDS = {"first_response_minutes", "first_response_time", "milestone_completed", "first_response_sent"}
HOW = {
    "exact": "the catalog's spelling as written",
    "normalised": "its header without units or decorations",
    "saved": "the saved mapping",
    "title": "the title column monday.com, Notion and Airtable head 'Name' and Microsoft Lists 'Title'; the table has "
    "no column named for it",
    "subject": "its header after the table's subject, as a BI tool's view ('Contracts Product') or a CLM's counterparty "
    "('Counterparty Region') writes it",
    "summary": "its header after its summary, as a BI tool writes a summarized column ('Earliest', 'Max of')",
    "preferred": "an organisation's column, read over '{over}', which may name the person who asked",
    "levels": "its values are priority levels, read over '{over}', a yes/no flag",
    "times": "its values are dates and times, read over '{over}', which holds none",
}
# Tables read only beside contracts, as the no-contract error names them ("Cases are judged against ...").
BESIDE_CONTRACTS = {"cases": "Cases are", "contacts": "Named contacts are", "accounts": "Accounts are"}
RESHAPE = "reshape"  # a Held of a sheet that mapping its columns cannot read (laid out sideways; an order form lacking)
MAP_HINT = (
    "map its columns with 'explorer map FILE -o mapping.toml' and '--mapping mapping.toml', "
    "or File \u2192 Map Columns\u2026 in the app"
)


def _rivals_said(guess: Guess) -> str:
    """Which other columns name the field too and are kept as they are, and why this one went first; "" for none."""
    if not guess.rivals:
        return ""
    names = " and ".join(f"'{h}'" for h in guess.rivals)
    why = {
        "exact": "a header spelled as the catalog writes it goes before one that only comes to it",
        "title": "of two title columns, 'Name' goes first: beside it 'Title' may hold a person's job title",
    }.get(guess.how, "the header naming it most plainly goes first")
    one = len(guess.rivals) == 1
    kept = "names it too, is kept as it is" if one else "name it too, are kept as they are"
    return f" {names}, which {kept} ({why})."


def _sha(path: Path) -> str | None:
    """The file's SHA-256, None where it is no regular file or cannot be read (the reader says why: a FIFO read here
    would wait for a writer forever)."""
    try:
        return digest(path) if path.is_file() else None
    except OSError:
        return None


def _hashed(named: list[tuple[Path, bool]]) -> dict[tuple[Path, bool], tuple[tuple[int, int] | None, str | None]]:
    """Each file named (by its resolved path, and whether read as a case log): its fingerprint, taken before its bytes
    are hashed so a change from there on is warned of, and its SHA-256 where more than one file is named."""
    hashed: dict[tuple[Path, bool], tuple[tuple[int, int] | None, str | None]] = {}
    for path, is_case_log in named:
        if lock_file(path) is None and (key := (resolved(path), is_case_log)) not in hashed:
            before = fingerprint(path)
            hashed[key] = before, _sha(path) if len(named) > 1 else None
    return hashed


def _given_again(given: list[Path]) -> list[Finding]:
    """Infos for one file given more than once (``given``, the first the one read): each link to it by the link's
    name, and the count where it was named itself more than once."""
    read, found = given[0], []
    links = [p for p in given[1:] if is_link(p) and p.absolute() != read.absolute()]
    for link in dict.fromkeys(links):
        shown = read.name if read.name != link.name else str(read)
        how = f"is a link to {shown}" if not is_link(read) else f"and {shown} lead to the same file"
        found.append(Finding(Severity.INFO, f"This file {how}; it is read once.", Source(str(link))))
    if (count := len(given) - len(links)) > 1:
        found.append(Finding(Severity.INFO, f"This file was given {count} times; it is read once.", Source(str(read))))
    return found


def _record_digest(book: Book, path: Path, before: tuple[int, int] | None, sha: str | None = None) -> None:
    """The file's SHA-256 as it was read (the report's Summary names it; ``sha`` where the copy check took it before
    the read, unchanged since), and a warning if it changed meanwhile."""
    try:
        book.digests[str(path)] = sha or digest(path)
    except OSError:
        return
    if fingerprint(path) != before:
        book.findings.append(
            Finding(Severity.WARNING, "The file changed while it was read; reload it to see one version.", Source(str(path)))
        )


@heap.paused()
def load_book(
    files: Iterable[Path | str],
    case_files: Iterable[Path | str] = (),
    catalog: Catalog | None = None,
    case_timezone: str | None = None,
    progress: Progress | None = None,
    saved: SavedLookup | None = None,
    skip_unreadable: bool = False,
    case_dates: bool | None = None,
    case_dates_from: str = "--case-dates",
) -> Book:
    """Read every file into one Book. Raises UnreadableFile for a file that cannot be read at all.

    Files given as case logs are read as case logs whatever else their headers name.
    ``saved`` gives the mapping saved for a header layout, if any (explorer.importing.mappings).
    With ``skip_unreadable`` (the app) such a file becomes an error finding and the rest is read;
    only when every file fails, and none could be mapped, is the first failure raised. ``case_dates`` (True day
    first, False month first) is how the case logs write nn/nn/yyyy where their own dates leave it open;
    ``case_dates_from`` names who said so in the findings ("--case-dates", "case_dates in work.explorer.toml").
    """
    catalog = catalog or default_catalog()
    files, case_files = list(files), list(case_files)
    orders: dict[str, values.DateOrder] = {}  # file name -> the day/month order its dates settled, or left open
    stated = (case_dates, case_dates_from)
    book = _load(files, case_files, catalog, case_timezone, progress, saved, skip_unreadable, stated, orders)
    settled = {o.day_first for o in orders.values() if o.day_first is not None}
    if len(settled) == 1 and any(o.day_first is None for o in orders.values()):
        # a file whose dates read both ways was read before the file that settles them: its order must not hang on
        # the order the files were named in, so the book is read again with every settled order known from the start
        known = {name: order for name, order in orders.items() if order.day_first is not None}
        book = _load(files, case_files, catalog, case_timezone, progress, saved, skip_unreadable, stated, known)
    return book


def _load(
    files: list[Path | str],
    case_files: list[Path | str],
    catalog: Catalog,
    case_timezone: str | None,
    progress: Progress | None,
    saved: SavedLookup | None,
    skip_unreadable: bool,
    stated: tuple[bool | None, str],
    orders: dict[str, values.DateOrder],
) -> Book:
    """load_book's reading, ``orders`` the day/month orders the book's files settle (filled in as they are read)."""
    book = Book()
    case_frames: list[pd.DataFrame] = []
    held: dict[str, list[Held]] = {}  # contract file -> what its tables are, for the no-contract error
    seen: dict[tuple[Path, bool], list[Path]] = {}  # a file named twice (*.xlsx and its own name, a link to it)
    joiner = Joiner(catalog)  # line items and their deals, held until every file is read
    copies: dict[tuple[str, bool], Path] = {}  # (SHA-256, read as a case log) -> the file read with those bytes
    named = [*((Path(f), False) for f in files), *((Path(f), True) for f in case_files)]
    # a copy under another name (a re-download, "contracts (1).xlsx") would count every contact twice: each file is
    # hashed before any is read, so the one read of the same bytes is the original whichever order they came in
    hashed = _hashed(named)
    for path, is_case_log in originals_first(named, lambda p, c: hashed.get((resolved(p), c), (None, None))[1]):
        if (lock := lock_file(path)) is not None:  # the workbook it locks is read from its own name
            book.findings.append(Finding(Severity.INFO, f"Skipped: this is {lock}, not a workbook.", Source(str(path))))
            continue
        if (key := (resolved(path), is_case_log)) in seen:  # would overlap itself: read once, from the first
            seen[key].append(path)
            continue
        seen[key] = [path]
        before, sha = hashed[key]
        if sha is not None and (copied := copies.get((sha, is_case_log))) is not None:
            book.findings.append(Finding(Severity.INFO, same_bytes_said(path, copied), Source(str(path))))
            continue
        if sha is not None:
            copies[sha, is_case_log] = path
        if progress:
            progress(f"Reading {path.name}")
        (book.case_files if is_case_log else book.files).append(str(path))
        try:
            tables = read_file(
                path,
                is_case_log,
                catalog,
                book,
                case_frames,
                case_timezone,
                saved,
                orders,
                joiner,
                case_dates=stated[0],  # for its case tables: a log named as a book too (the app names none apart)
                case_dates_from=stated[1],
            )
            _record_digest(book, path, before, sha)
        except UnreadableFile as exc:
            if not skip_unreadable:
                raise
            book.findings.append(Finding(Severity.ERROR, f"Not read: {exc.cause}.", Source(str(path))))
            book.unread.append(Unread(str(path), "", exc.cause, isinstance(exc, NoTable)))
            tables = [Held("nothing readable")]
        if not is_case_log:
            held[path.name] = tables
    _read_held(joiner, held, catalog, book, case_frames, case_timezone, saved, orders)
    for given in seen.values():
        book.findings.extend(_given_again(given))
    failures = [u for u in book.unread if not u.sheet]
    if failures and len(failures) == len(book.files) + len(book.case_files) and not any(u.mappable for u in failures):
        raise UnreadableFile(failures[0].file, failures[0].reason)
    if progress:
        progress("Checking contracts")
    book.contracts, book.contacts, case_frames, of_contacts = known_contacts(  # 'Company, Person'
        book.contracts, book.contacts, case_frames, catalog
    )
    book.findings.extend(of_contacts)
    book.findings.extend(contacts_by_spelling(book, catalog))
    book.contacts, repeated, overruled, twice = once(book.contacts)
    book.findings.extend(_repeated_contacts(repeated))
    book.findings.extend(_listed_twice(twice))
    book.findings.extend(_overruled_marks(overruled, book.named_columns))
    book.cases = pd.concat(case_frames, ignore_index=True) if case_frames else None
    if book.cases is None and book.case_files:
        book.cases = empty_cases()
    if book.cases is not None and len(book.cases):
        book.cases, book.findings[:] = one_row_per_case(book.cases, book.findings)
        book.findings.extend(match_by_email(book.cases, book.contacts))
        book.findings.extend(match_by_spelling(book.cases, book, catalog))
        book.findings.extend(
            people_by_email(book.cases, book.contacts, book.contracts, _names_customer(book, catalog), book.case_columns)
        )
    if book.files and not book.contracts:
        what = "; ".join(f"{name} holds {', '.join(t.text for t in tables)}" for name, tables in held.items())
        advice = _no_contract_advice(held)
        book.findings.append(Finding(Severity.ERROR, f"No contract was read: {what}. {advice}.", Source(book.files[0])))
    book.contracts = joiner.accounts_onto(book.contracts, book.findings)  # an accounts sheet's zone, region, owner
    book.contracts = borrowed_places(book.contracts, book.findings, catalog)
    listing = _contact_columns(book.contacts)
    book.contracts = _read_once(unless_held(book.contracts, catalog, book.findings), catalog, book.findings, listing)
    book.contracts = history.with_runs(book.contracts)
    book.findings.extend(_check_book(book, catalog))
    return book


def _contacts_into(book: Book, sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[int, list[Finding]]:
    """A contacts table's people into the book, with the header of its Named column (a finding may name it)."""
    contacts, findings = read_contacts(sheet, match, catalog)
    book.contacts.extend(contacts)
    if "named" in match.columns:
        book.named_columns[(sheet.file, sheet.name)] = match.headers.get(match.columns["named"], "Named")
    return len(contacts), findings


def _repeated_contacts(repeated: list[Contact]) -> list[Finding]:
    """One info per file of the in-cell entries that went as repeats: that file, its customers named."""
    by_file: dict[str, list[Contact]] = {}
    for c in repeated:
        by_file.setdefault(c.source.file, []).append(c)
    out = []
    for file, listed in by_file.items():
        customers = list(dict.fromkeys(c.customer.strip() for c in listed))
        whose = customers[0] if len(customers) == 1 else f"{len(customers)} customers ({', '.join(customers[:3])}"
        whose += "" if len(customers) == 1 else (", ...)" if len(customers) > 3 else ")")
        many = len(listed) != 1
        said = (
            f"{len(listed)} named contact{'s' if many else ''} of {whose} read from a contract row or a cell listing "
            f"several people {'are' if many else 'is'} listed again (in a contacts table or another such row or cell) "
            "for the same customer and product; each person is counted once."
        )
        sheets = {c.source.sheet for c in listed}
        where = Source(file, sheets.pop() if len(sheets) == 1 else "")
        out.append(Finding(Severity.INFO, said, where, customer=customers[0] if len(customers) == 1 else ""))
    return out


def _listed_twice(twice: list[tuple[Contact, Contact]]) -> list[Finding]:
    """A person a contacts table lists again for the same customer and product, counted once: a warning on a sheet
    that lists them twice (one naming both rows, or one for the sheet naming the first few); an info for a sheet
    listing people another sheet or file lists already (last year's book beside this year's)."""
    groups: dict[tuple[str, str, str, str], list[tuple[Contact, Contact]]] = {}
    for kept, again in twice:
        groups.setdefault((again.source.file, again.source.sheet, kept.source.file, kept.source.sheet), []).append((kept, again))
    out = []
    for (file, sheet, kept_file, kept_sheet), pairs in groups.items():
        here = Source(file, sheet)
        if (file, sheet) != (kept_file, kept_sheet):
            customers = {a.customer for _, a in pairs}
            said = (
                f"{len(pairs)} named contact{'s' if len(pairs) != 1 else ''} listed here {'are' if len(pairs) != 1 else 'is'} "
                f"listed already at {Source(kept_file, kept_sheet).describe()} for the same customer and product: each "
                "person is counted once."
            )
            out.append(Finding(Severity.INFO, said, here, customer=next(iter(customers)) if len(customers) == 1 else ""))
        elif len(pairs) <= 3:  # each on its customer's tabs; more is a table kept so, said once for the sheet
            out += [_twice(kept, again) for kept, again in pairs]
        else:
            first = "; ".join(f"{k.name}, rows {k.source.row} and {a.source.row}" for k, a in pairs[:3])
            more = f" and {len(pairs) - 3} more" if len(pairs) > 3 else ""
            said = (
                f"{len(pairs)} people are listed twice on this sheet for the same customer and product ({first}{more}): "
                "each is counted once. Remove the repeats."
            )
            out.append(Finding(Severity.WARNING, said, here))
    return out


def _twice(kept: Contact, again: Contact) -> Finding:
    who = f"{kept.name} ({kept.email})" if kept.email and kept.email != kept.name else kept.name
    name = f"'{again.name}'" if again.name != kept.name else ""
    email = f"<{again.email}>" if again.email != kept.email else ""
    spelled = " ".join(v for v in (name, email) if v)
    rows = f"rows {kept.source.row} and {again.source.row}" + (f", here as {spelled}" if spelled else "")
    said = f"{who} is listed twice for this customer and product ({rows}): counted once. Remove the repeat."
    return Finding(Severity.WARNING, said, again.source, "", again.customer, again.product or "")


def _overruled_marks(overruled: list[tuple[Contact, Contact]], named_columns: dict[tuple[str, str], str]) -> list[Finding]:
    """A warning per contact a contacts table marks not named while a cell (a contract row's) names them: the book
    contradicts itself, and the listing is read (once.__doc__)."""
    out = []
    for row, entry in overruled:
        header = named_columns.get((row.source.file, row.source.sheet), "")
        marked = Source(row.source.file, row.source.sheet, row.source.row, header)
        who = f"{row.name} ({row.email})" if row.email and row.email != row.name else row.name
        said = (
            f"{who} is marked not named at {marked.describe()} but listed as a named contact at "
            f"{entry.source.describe()}: counted as named, as the listing says; correct the one that is wrong."
        )
        out.append(Finding(Severity.WARNING, said, row.source, header, row.customer.strip()))
    return out


def _read_held(
    joiner: Joiner,
    held: dict[str, list[Held]],
    catalog: Catalog,
    book: Book,
    case_frames: list[pd.DataFrame],
    case_timezone: str | None,
    saved: SavedLookup | None,
    orders: dict[str, values.DateOrder],
) -> None:
    """The sheets the joiner held (joins.py), joined where they could be, read as their files' sheets."""
    for name, sheets in joiner.joined(book.findings).items():
        held[Path(name).name] += read_file(
            Path(name), False, catalog, book, case_frames, case_timezone, saved, orders, NO_JOIN, sheets
        )


def _no_contract_advice(held: dict[str, list[Held]]) -> str:
    """What the no-contract error tells the user to do, by what the files were found to hold."""
    found = [t for tables in held.values() for t in tables if t.kind == "contracts"]
    beside = sorted({t.kind for tables in held.values() for t in tables if t.kind in BESIDE_CONTRACTS and t.rows})
    if found and not any(t.rows for t in found):  # its columns were recognised: mapping them again would not help
        advice = "Its header row was found, with no rows below it: add the contracts under it, or open the file that holds them"
    elif beside and not found:  # a case log or a contacts list given alone: the book it belongs to is missing
        advice = (
            f"{' and '.join(BESIDE_CONTRACTS[k] for k in beside)} judged against the contract book they belong "
            "to: give the book with them ('explorer check BOOK.xlsx " + " ".join(held) + "', or File \u2192 Add "
            f"Files\u2026 in the app); if a file holds contracts too, {MAP_HINT}"
        )
    elif all(t.kind == RESHAPE for tables in held.values() for t in tables):  # no mapping turns or fills a sheet
        advice = "Change the sheet as said, then load the file again"
    else:
        advice = f"A contract table needs customer, product, tier, start and end columns; {MAP_HINT}"
    return advice


def read_file(
    path: Path,
    is_case_log: bool,
    catalog: Catalog,
    book: Book,
    case_frames: list[pd.DataFrame],
    case_timezone: str | None = None,
    saved: SavedLookup | None = None,
    orders: dict[str, values.DateOrder] | None = None,
    joiner: Joiner = NO_JOIN,
    sheets: Iterable[RawSheet] | None = None,
    case_dates: bool | None = None,
    case_dates_from: str = "--case-dates",
) -> list[Held]:
    """Every table of one file into the book; says what each table is (kind and headers).

    Day/month order is settled once for the whole file, from every date column of every sheet; where the
    sheets disagree, each table settles its own (and a contract row its own, values.settle_row). Where no date
    of the file has a part over 12, its headers' language settles day first (French, German...: _spoken_order),
    else the order the book's other files settled (``orders``, which this file's joins) is taken; either is said.
    A sheet ``joiner`` holds (line items or deals, joins.py) is read later, as ``sheets``.
    """
    kinds = ("cases",) if is_case_log else None
    found: list[tuple[RawSheet, list[TableMatch], NearMiss | None]] = []
    pipelines: list[tuple[RawSheet, TableMatch]] = []  # deal tables that look like contracts: set aside, said below
    parts: set[str] = set()  # values.date_parts of every sheet so far
    early: dict[tuple[int, int], _TableRead] = {}
    aside = False  # a sheet was left alone for its name
    blocks_at: dict[int, int] = {}  # position in found of a label-value block read as a table -> its first row
    for whole in sheets_of(path, sheets):
        book.findings += [] if found else _file_notes(whole)
        book.findings += [
            Finding(s, said, Source(whole.file, whole.name if at else "", at or None)) for s, said, at in whole.notes
        ]
        sheet, tables, near, blocks = _tables_of(whole, catalog, kinds, saved, book, early)
        if joiner.holds(sheet, tables, blocks, kinds):
            continue
        if sheet.hidden and not _asked_for(sheet, tables, saved):
            book.findings += _hidden(sheet, tables, catalog)
            continue
        if (phrase := catalog.set_aside(sheet.name)) and not _asked_for(sheet, tables, saved):
            book.findings.append(_set_aside(sheet, tables, phrase))
            aside = True
            continue
        if sheet.merged:
            book.findings.append(_merged(sheet))
        if (hiding := _hidden_rows(sheet, tables)) is not None:
            book.findings.append(hiding)
        book.findings.extend(f for b in blocks for f in (_block_finding(b), *_struck_in_block(whole, b)))
        pipelines.extend((sheet, m) for m in tables if _deals(m, catalog))
        tables = [m for m in tables if not _deals(m, catalog)]
        entries = _with_blocks(blocks, (sheet, tables, near), len(found), blocks_at)
        for entry in entries:
            found.append(entry)
            _read_early(entry[0], entry[1], len(found) - 1, catalog, case_timezone, parts, early)
    if not found and not joiner.held_from(path):
        raise NoTable(
            path,
            f"every sheet of the workbook is hidden{' or named to be left alone' if aside else ''}; to read one, tick "
            "'Read this hidden sheet' in File \u2192 Map Columns\u2026 (or add read_hidden = [\"SHEET\"] to its mapping)",
        )
    has_data = any(_data_rows(sheet) >= 2 for sheet, _, _ in found)  # as _unread_sheet warns
    if found and not any(tables for _, tables, _ in found) and not pipelines and (is_case_log or not has_data):
        what = "no case table" if is_case_log else "no contract, contact, case or holiday table"
        raise NoTable(path, f"{what}: " + (_other_role(found, catalog, saved) or _not_read(found, catalog, is_case_log)))
    order = _spoken_order(path, values.order_of(parts), parts, [m for _, tables, _ in found for m in tables], catalog, book)
    order = _borrowed_order(path, order, parts, {} if orders is None else orders, book)
    held: list[Held] = []
    set_aside = {sheet.name for sheet, _ in pipelines}
    for position, (sheet, tables, near) in enumerate(found):
        if not tables and sheet.name not in set_aside:
            _unread_sheet(sheet, near, catalog, book)
        for index, match in enumerate(tables):
            if missing := _not_met(catalog.tables[match.kind], match):
                book.unread.append(
                    Unread(
                        str(path),
                        sheet.name,
                        f"the {catalog.tables[match.kind].label.lower()} "
                        f"table has no {', '.join(label(m) for m in missing)} column",
                    )
                )
            read = early[position, index]
            table_order = _stated_order(sheet, match, order, parts, (case_dates, case_dates_from), book, (found, catalog))
            if read.order != _settled(table_order, read.own):
                read = _read_apart(sheet, match, catalog, case_timezone, table_order, read.own)
            book.findings.extend(_order_clash(sheet, match, catalog, _settled(table_order, read.own)))
            book.contracts.extend(read.book.contracts)
            book.contacts.extend(read.book.contacts)
            book.named_columns.update(read.book.named_columns)
            book.holidays.extend(read.book.holidays)
            book.findings.extend(_on_block(read.book.findings, match, blocks_at.get(position)))
            case_frames.extend(read.case_frames)
            book.case_columns.update(_case_columns(sheet, match))
            seen = ", ".join(f"'{h}'" for h in match.layout)
            rows = f"{read.rows} row{'s' if read.rows != 1 else ''}"
            held.append(
                Held(
                    f"a {catalog.tables[match.kind].label.lower()} table of {rows} (sheet '{sheet.name}', "
                    f"header row {match.header_row}: {seen})",
                    match.kind,
                    read.rows,
                )
            )
    lone = not any(m.kind == "contracts" for _, tables, _ in found for m in tables)
    for sheet, match in pipelines:
        finding, text = _pipeline(sheet, match, catalog)
        book.findings.append(finding)
        held.append(Held(text, "pipeline"))
        if lone:  # the file's only contract-like table: the app offers to map it
            book.unread.append(Unread(str(path), sheet.name, "a deal pipeline, not read as contracts"))
    held += [
        Held(f"a list of accounts of {r} row{'s' if r != 1 else ''} (sheet '{n}')", "accounts", r)
        for n, r in joiner.accounts_from(path)
        if sheets is None
    ]
    if not held and found:  # sheets of unknown columns (each warned of): the no-contract error names the closest
        best = max(found, key=lambda f: len(f[2].found) if f[2] else -1)
        why, mappable = _unread_why(best[2], best[0], catalog)
        held.append(Held(f"no table (sheet '{best[0].name}' {why})", "" if mappable else RESHAPE))
    return held


def _on_the_anniversary(a: Contract, b: Contract) -> bool:
    """One term starts on the day the other ends, and they share no other day: an end written as the renewal date
    (HubSpot's Renewal Date, a term of 2026-03-01 to 2027-03-01), not a second contract."""
    first, then = sorted((a, b), key=history.first_day)
    start, end = first.term_start, first.runs_until
    # an anniversary as written: a column of them is read to the day before already (anniversary_ends), so a next
    # term starting on such a last day shares it, an overlap
    anniversary = start is not None and end is not None and is_anniversary(start, end)
    return anniversary and then.term_start is not None and end == then.term_start != start


def _anniversary(clash: Contract, contract: Contract) -> Finding:
    first, then = sorted((clash, contract), key=history.first_day)
    return Finding(
        Severity.INFO,
        f"The term from {then.term_start} starts on the day the one at {first.source.describe()} ends: read as its "
        "renewal (an end written as the renewal date), the new term in force from that day.",
        contract.source,
        "",
        contract.customer,
        contract.product or "",
    )


def _tables_of(
    sheet: RawSheet,
    catalog: Catalog,
    kinds: tuple[str, ...] | None,
    saved: SavedLookup | None,
    book: Book,
    early: dict[tuple[int, int], _TableRead],
) -> tuple[RawSheet, list[TableMatch], NearMiss | None, list[BlockRead]]:
    """The sheet's tables (find_tables) and its label-value blocks (record_block), those read as contracts emptied
    from the sheet; a contacts sheet with no customer column read as the customer's the one such block names, else
    as that of the customer the sheet is named after (said in an info finding)."""
    blocks = [] if kinds or sheet.hidden or catalog.set_aside(sheet.name) else read_blocks(sheet, catalog, saved)
    contracts = [b for b in blocks if b.match is not None]
    sheet = without_blocks(sheet, [b.block for b in contracts])
    owner = _block_customer(contracts[0]) if len(contracts) == 1 else None
    tables, near = find_tables(sheet, catalog, kinds, saved)
    if not tables and not kinds and (items := items_below(sheet, catalog, saved)) is not None:
        blocks = [b for b in blocks if b.block != items.block]  # the items' header, not a contract of its own
        lines, lines_near = find_tables(items.sheet, catalog, kinds, saved)
        if lines:
            book.findings.append(items_finding(items, lines[0], catalog))
            return items.sheet, lines, lines_near, blocks
    if not tables and (named := _named_for_customer(sheet, near, catalog, book, early, owner)) is not None:
        tables, near = find_tables(named, catalog, kinds, saved)
        if tables:
            book.findings.append(_customer_sheet(named, tables, owner))
            return named, tables, near, blocks
    if not tables and (headed := _customer_headings(sheet, near, catalog, book, early)) is not None:
        grouped, headings = headed
        tables, near = find_tables(grouped, catalog, kinds, saved)
        if tables:
            shown = ", ".join(f"row {r} '{name}'" for r, name in headings[:4]) + (" ..." if len(headings) > 4 else "")
            book.findings.append(
                Finding(
                    Severity.INFO,
                    f"Sheet '{sheet.name}' has no customer column: each customer's heading row names the contacts "
                    f"below it ({shown}).",
                    Source(sheet.file, sheet.name, tables[0].header_row),
                )
            )
            return grouped, tables, near, blocks
    if not tables and (outline := product_outline(sheet, near, catalog)) is not None:
        tables, near = find_tables(outline.sheet, catalog, kinds, saved)
        if tables:
            book.findings.append(_outlined(outline, tables[0]))
            book.findings.extend(_no_products(outline, tables[0]))
            return outline.sheet, tables, near, blocks
    return sheet, tables, near, blocks


def _no_products(outline: Outline, table: TableMatch) -> list[Finding]:
    """A warning on each heading row with no product below it: a customer the book names but holds no term of."""
    return [
        Finding(
            Severity.WARNING,
            f"Row {row} names the customer '{name}' but no product is listed below it, so it holds no contract here.",
            Source(outline.sheet.file, outline.sheet.name, row),
            outline.column,
            name,
        )
        for row, name in outline.empty
    ]


def _outlined(outline: Outline, table: TableMatch) -> Finding:
    shown = ", ".join(f"row {r} '{name}'" for r, name in outline.headings[:4]) + (" ..." if len(outline.headings) > 4 else "")
    return Finding(
        Severity.INFO,
        f"Sheet '{outline.sheet.name}' lists each customer's products below the customer's own row in column "
        f"'{outline.column}': read as the customer of each product below it ({shown}), and what that row holds "
        "(region, time zone) as each product's where the product's row leaves it blank.",
        Source(outline.sheet.file, outline.sheet.name, table.header_row),
    )


def _customer_headings(
    sheet: RawSheet, near: NearMiss | None, catalog: Catalog, book: Book, early: dict[tuple[int, int], _TableRead]
) -> tuple[RawSheet, list[tuple[int, str]]] | None:
    """A contacts list grouped under a heading row per customer ('Northwind Traders' alone on its row, its people
    below), with no customer column: the sheet with that column added, each row taking the heading above it, and
    the heading rows emptied; with the (1-based row, customer) of each heading. None where no row below the header
    is a lone cell naming a customer of the contracts read so far."""
    if near is None or near.kind != "contacts" or catalog.tables["contacts"].unmet(set(near.found)) != ["customer"]:
        return None
    contracts = [*book.contracts, *(c for read in early.values() for c in read.book.contracts)]
    customers = {customer_key(c.customer): c.customer.strip() for c in contracts if c.customer}
    header, width = near.row - 1, max((len(r) for r in sheet.rows), default=0)
    rows: list[list[Cell]] = []
    headings: list[tuple[int, str]] = []
    current: str | None = None
    for i, row in enumerate(sheet.rows):
        filled = [c for c in row if is_filled(c)]
        named = customers.get(customer_key(str(filled[0]))) if i > header and len(filled) == 1 else None
        if named is not None:
            current = named
            headings.append((i + 1, named))
            rows.append([""] * (width + 1))
            continue
        last = "Customer" if i == header else (current if i > header and filled else "")
        rows.append([*row, *[""] * (width - len(row)), last or ""])
    return (replace(sheet, rows=rows), headings) if headings else None


def _named_for_customer(
    sheet: RawSheet,
    near: NearMiss | None,
    catalog: Catalog,
    book: Book,
    early: dict[tuple[int, int], _TableRead],
    owner: str | None = None,
) -> RawSheet | None:
    """A contacts list kept on a sheet of its own per customer, with no customer column: the sheet with that column
    added (at its right, the other columns where they were), the customer being ``owner`` (the one the sheet's
    contract block names), else the one of the contracts read so far the sheet is named after; None otherwise."""
    if near is None or near.kind != "contacts" or catalog.tables["contacts"].unmet(set(near.found)) != ["customer"]:
        return None
    contracts = [*book.contracts, *(c for read in early.values() for c in read.book.contracts)]
    customer = owner or next((c.customer for c in contracts if customer_key(c.customer) == customer_key(sheet.name)), None)
    if customer is None:
        return None
    header = near.row - 1
    width = max((len(r) for r in sheet.rows), default=0)
    rows = [
        [*r, *[None] * (width - len(r)), ("Customer" if i == header else customer if i > header and not is_blank(r) else None)]
        for i, r in enumerate(sheet.rows)
    ]
    return replace(sheet, rows=rows)


def _customer_sheet(sheet: RawSheet, tables: list[TableMatch], owner: str | None) -> Finding:
    whose = f"{owner}, the customer of the sheet's contract" if owner else "the customer the sheet is named after"
    return Finding(
        Severity.INFO,
        f"Sheet '{sheet.name}' has no customer column: its rows are read as the named contacts of {whose}.",
        Source(sheet.file, sheet.name, tables[0].header_row),
    )


def _read_early(
    sheet: RawSheet,
    tables: list[TableMatch],
    position: int,
    catalog: Catalog,
    case_timezone: str | None,
    parts: set[str],
    early: dict[tuple[int, int], _TableRead],
) -> None:
    """Normalise each table while the later sheets are still being parsed (the reader's threads), in the day order
    the file has settled so far (``parts``, which its dates join); one whose order a later sheet changes is read
    again (read_file)."""
    for index, match in enumerate(tables):
        own = values.date_parts(date_columns([(sheet, [match], None)], catalog))
        parts |= own
        early[position, index] = _read_apart(sheet, match, catalog, case_timezone, values.order_of(parts), values.order_of(own))


def _with_blocks(
    blocks: list[BlockRead],
    entry: tuple[RawSheet, list[TableMatch], NearMiss | None],
    start: int,
    blocks_at: dict[int, int],
) -> list[tuple[RawSheet, list[TableMatch], NearMiss | None]]:
    """The sheet's tables to read: each block read as a contract (its position from ``start`` noted in
    ``blocks_at``), then the sheet's own, unless all that is left of it is a title above the block."""
    read = [b for b in blocks if b.match is not None]
    blocks_at.update((start + i, b.block.first) for i, b in enumerate(read))
    entries: list[tuple[RawSheet, list[TableMatch], NearMiss | None]] = [(b.sheet, [b.match], None) for b in read if b.match]
    sheet, tables, _ = entry
    return [*entries, entry] if tables or not read or _data_rows(sheet) else entries


def _on_block(findings: list[Finding], match: TableMatch, first: int | None) -> list[Finding]:
    """A block's findings on its made-up header row (the row above the block) moved onto the block's first row."""
    if first is None:
        return findings
    return [replace(f, source=replace(f.source, row=first)) if f.source.row == match.header_row else f for f in findings]


def _block_customer(read: BlockRead) -> str:
    assert read.match is not None
    return cell_text(read.block.values[read.match.columns["customer"]])


def _block_columns(block: Block) -> str:
    """', columns D\u2013E' for a block that does not start in column A (beside another block or a table)."""
    if block.column == 0:
        return ""
    from xlsxwriter.utility import xl_col_to_name as letter  # as headers.py names a column

    return f", columns {letter(block.column)}\u2013{letter(max(block.stop, block.column + 2) - 1)}"


def _block_finding(read: BlockRead) -> Finding:
    """What a label-value block was read as (each field it gave), or why one that looks like a contract was not."""
    block = read.block
    where = Source(read.sheet.file, read.sheet.name, block.first)
    shape = (
        f"Rows {block.first}\u2013{block.last}{_block_columns(block)} of sheet '{read.sheet.name}' hold one record "
        "written down a column, each label beside its value"
    )
    if read.match is None:
        labels = ", ".join(f"'{t}'" for t in block.labels[:6]) + (" ..." if len(block.labels) > 6 else "")
        said = f"{shape}, like a contract ({labels}), but it is not read as one: {read.why}."
        return Finding(Severity.WARNING, said, where)
    fields = sorted(read.match.columns.items(), key=lambda fc: fc[1])
    given = ", ".join(f"{title(f)} '{cell_text(block.values[c])}'" for f, c in fields if cell_text(block.values[c]))
    return Finding(Severity.INFO, f"{shape}: read as one contract row ({given}).", where)


def _struck_in_block(sheet: RawSheet, read: BlockRead) -> list[Finding]:
    """A warning for each row of a block struck through, deleted as a table's struck row is."""
    out = []
    for row in read.block.struck:
        text = " | ".join(cell_text(c) for c in sheet.rows[row - 1] if cell_text(c))
        said = f"Row {row} is struck through ('{text}'): read as deleted, it gives the block above no field."
        out.append(Finding(Severity.WARNING, said, Source(sheet.file, sheet.name, row)))
    return out


def _spoken_order(
    path: Path, order: values.DateOrder, parts: set[str], tables: list[TableMatch], catalog: Catalog, book: Book
) -> values.DateOrder:
    """The file's day/month order; where its dates leave it open, day first if the headers of its read columns are
    in a language that writes so (a French book's 01/03/2026), said once in an info finding."""
    settled, spoken = language_order(order, parts, tables, catalog)
    if spoken and settled != order and (example := values.either_way(parts)):
        text, day = example
        named = ", ".join(f"'{h}'" for h in spoken[1][:3])
        book.findings.append(
            Finding(
                Severity.INFO,
                f"Read {text} as {day:%-d %B}: the file's headers are {spoken[0]} ({named}), which writes the day "
                "first (no date in the file has a day over 12 to say otherwise).",
                Source(str(path)),
            )
        )
    return settled


def _names_customer(book: Book, catalog: Catalog) -> Callable[[str], bool]:
    """Whether a case's customer cell names a customer of the book: as written, or spelled alike (one, several, or
    one it could be): a company the book knows, not a person."""
    known = {customer_key(c.customer) for c in book.contracts}
    alike: list[BookNames] = []  # built once, for the first name not written as the contracts write it

    def names(text: str) -> bool:
        if customer_key(text) in known:
            return True
        if not alike:
            alike.append(BookNames((c.customer for c in book.contracts), catalog))
        return bool(alike[0].alike(text) or alike[0].several(text) or alike[0].could_be(text))

    return names


def _case_columns(sheet: RawSheet, match: TableMatch) -> dict[tuple[str, str], dict[str, str]]:
    """A case table's headers by field, for the findings made once its cases are judged (Book.case_columns)."""
    if match.kind != "cases":
        return {}
    return {(sheet.file, sheet.name): {f: match.headers[c] for f, c in match.columns.items() if c in match.headers}}


def language_order(
    order: values.DateOrder, parts: set[str], tables: list[TableMatch], catalog: Catalog
) -> tuple[values.DateOrder, tuple[str, list[str]] | None]:
    """values.spoken_order for a file's tables, and the day-first language of their read columns' headers, with
    those headers (None where none is)."""
    headers = [m.headers[i] for m in tables for i in m.columns.values() if i in m.headers]
    spoken = catalog.day_first_language(headers)
    return values.spoken_order(order, parts, spoken and spoken[0]), spoken


def _borrowed_order(
    path: Path, order: values.DateOrder, parts: set[str], orders: dict[str, values.DateOrder], book: Book
) -> values.DateOrder:
    """The file's day/month order; where its dates leave it open (no part over 12), the one every other file of the
    book that settles one agrees on (a case log exported in the contract book's locale), said in an info finding."""
    if order.day_first is not None:
        orders[path.name] = order
        return order
    others = {o.day_first for name, o in orders.items() if o.day_first is not None and name != path.name}
    if len(others) != 1 or not values.open_order(parts):
        if values.open_order(parts):  # left open: load_book reads again if a later file settles it
            orders.setdefault(path.name, order)
        return order
    day_first = others.pop()
    named = ", ".join(name for name, o in orders.items() if o.day_first is not None and name != path.name)
    book.findings.append(
        Finding(
            Severity.INFO,
            f"No date in this file has a day over 12, so its dates such as 03/04 could be read either way: read "
            f"{'day' if day_first else 'month'} first, as {named} writes them.",
            Source(str(path)),
        )
    )
    return values.DateOrder(day_first, order.year_first)


def _stated_order(
    sheet: RawSheet,
    match: TableMatch,
    order: values.DateOrder,
    parts: set[str],
    case_dates: tuple[bool | None, str],
    book: Book,
    file: tuple[list[tuple[RawSheet, list[TableMatch], NearMiss | None]], Catalog],
) -> values.DateOrder:
    """The table's day/month order where the user states one (its mapping's ``dates``, else for a case log
    ``case_dates``: the order and who stated it, the command line, a workspace or the app) and its file's dates leave
    it open, said in an info; where they settle the other order, a warning says the statement is not followed and
    names the date that settles it (``file``: the file's tables, and the catalog); where they settle both, the stated
    order is followed and each column whose dates show the other is warned of."""
    stated, how = (
        (match.day_first, "its column mapping says")
        if match.day_first is not None
        else (case_dates[0] if match.kind == "cases" else None, f"{case_dates[1]} says")
    )
    if stated is None:
        return order
    where = Source(sheet.file, sheet.name, match.header_row)
    said = "day first" if stated else "month first"
    own = values.order_of(parts).day_first  # a borrowed or spoken order gives way to the user's word; the dates do not
    if own is not None:
        if own != stated:
            book.findings.append(
                Finding(
                    Severity.WARNING,
                    f"Dates are read {'day' if own else 'month'} first, as the file's own dates show "
                    f"({deciding_date(sheet, own, *file)}), not {said} as {how}.",
                    where,
                )
            )
        return order
    if values.order_of(parts).clash:
        book.findings.extend(_against_stated(sheet, match, file[1], stated, how))
    if (example := values.either_way(parts)) is not None:
        text, day = example
        shown = day if stated else day.replace(month=day.day, day=day.month)
        book.findings.append(Finding(Severity.INFO, f"Dates are read {said}, as {how}: {text} is {shown:%-d %B %Y}.", where))
    return values.DateOrder(stated, order.year_first)


@dataclass(frozen=True)
class Held:
    """What one table of a file turned out to be, for the no-contract error: its words, its kind and rows."""

    text: str
    kind: str = ""
    rows: int = 0


@dataclass
class _TableRead:
    """One table read on its own, to be added to the book in sheet order: what it gave, in which day order."""

    book: Book
    case_frames: list[pd.DataFrame]
    rows: int
    order: values.DateOrder  # the order its dates were read in
    own: values.DateOrder  # the order its own date columns settle (used where the file's does not)


def _settled(file_order: values.DateOrder, own: values.DateOrder) -> values.DateOrder:
    """A table reads its dates in its file's order; where the sheets disagree, in its own."""
    return file_order if file_order.day_first is not None else own


def _read_apart(
    sheet: RawSheet,
    match: TableMatch,
    catalog: Catalog,
    case_timezone: str | None,
    file_order: values.DateOrder,
    own: values.DateOrder,
) -> _TableRead:
    """The table read into a book of its own, its dates in the file's order (else in its ``own``)."""
    order = _settled(file_order, own)
    apart, frames = Book(), list[pd.DataFrame]()
    rows = _read_table(sheet, match, catalog, apart, frames, case_timezone, order)
    return _TableRead(apart, frames, rows, order, own)


def _but_rows(rows: list[int], what: str) -> str:
    """The rows of a column read for what most of its cells hold that are not that: each is the row's error."""
    shown = ", ".join(map(str, rows[: ranges.MISSES])) + (" and more" if len(rows) > ranges.MISSES else "")
    return f"all but row{'s' if len(rows) > 1 else ''} {shown}, not {what} (an error on each)"


def _range_gives(match: TableMatch) -> str:
    """What a term range column is read as, beside the table's own term start or end column."""
    for field, other in (("term_start", "end"), ("term_end", "start")):
        if field in match.columns:
            return f"{other} (the {'start' if other == 'end' else 'end'} is '{match.headers[match.columns[field]]}')"
    return "start and end"


def _deals(match: TableMatch, catalog: Catalog) -> bool:
    """A contracts-like table that is a deal pipeline or forecast: deal columns (the catalog's contracts ``others``:
    Stage, Amount, Probability...) and neither a tier nor a term start, so its one date ('Renewal Date', 'Close
    Date') is a deal's, not a term's end. Read as contracts it would be a contract row of errors per deal."""
    spec = catalog.tables["contracts"]
    return (
        match.kind == "contracts"
        and not match.saved  # a mapping the user saved says what the table is
        and not {"program", "term_start", "initial_term_start", ranges.FIELD} & set(match.columns)
        and any(spelled(h, spec.others) for h in match.extra.values())
    )


def _pipeline(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[Finding, str]:
    """The info finding for a deal table set aside, and what it is for the no-contract error."""
    body = sum(1 for r in match.body(sheet.rows) if not is_blank(r))
    rows = f"{body} row{'s' if body != 1 else ''}"
    deals = ", ".join(f"'{h}'" for h in match.extra.values() if spelled(h, catalog.tables["contracts"].others))
    dated = "".join(f" beside '{match.headers[c]}'" for f, c in match.columns.items() if f == "term_end")
    why = f"deal columns ({deals}){dated} and no tier or term start column"
    finding = Finding(
        Severity.INFO,
        f"Sheet '{sheet.name}' looks like a deal pipeline or forecast: it has {why}; its {rows} "
        f"{'are' if body != 1 else 'is'} not read as contracts. If it does hold contracts, {MAP_HINT}.",
        Source(sheet.file, sheet.name, match.header_row),
    )
    return finding, f"a deal pipeline of {rows} (sheet '{sheet.name}', header row {match.header_row}: {why})"


def _asked_for(sheet: RawSheet, tables: list[TableMatch], saved: SavedLookup | None) -> bool:
    """Whether the user's mapping for one of a hidden sheet's tables asks for that sheet to be read."""
    mappings = [saved(m.layout) for m in tables] if saved else []
    return any(m is not None and sheet.name in m.read_hidden for m in mappings)


def _rows_left(sheet: RawSheet, tables: list[TableMatch]) -> str:
    """A sheet left unread: "its N rows under the header were not read", its rows being the records under its tables'
    headers (said so: a header and one row is "1 row"), or "its N filled rows" where no table was found."""
    bodies = [m.body(sheet.rows) for m in tables] or [sheet.rows]
    rows = sum(1 for body in bodies for r in body if not is_blank(r))
    which = f" under the header{'s' if len(tables) > 1 else ''}" if tables else ""
    counted = f"{rows}{'' if tables else ' filled'} row{'s' if rows != 1 else ''}{which}"
    return f"its {counted} {'were' if rows != 1 else 'was'} not read"


def _hidden(sheet: RawSheet, tables: list[TableMatch], catalog: Catalog) -> list[Finding]:
    """The info naming a hidden sheet left unread; none for a tool's own (Dynamics 365's 'hiddenSheet': its lookup
    data), unless it holds a table: then it is someone's sheet of that name, said as any other (hostile tryout 4)."""
    if sheet.name.casefold() in catalog.tool_sheets and not tables:
        return []
    return [
        Finding(
            Severity.INFO,
            f"Sheet '{sheet.name}' is {sheet.hidden} in the workbook; {_rows_left(sheet, tables)}. To read it, map it "
            "with File \u2192 Map Columns\u2026 and tick 'Read this hidden sheet' "
            f'(or add read_hidden = ["{sheet.name}"] to its mapping).',
            Source(sheet.file, sheet.name),
        )
    ]


def _set_aside(sheet: RawSheet, tables: list[TableMatch], phrase: str) -> Finding:
    """A sheet whose name says to leave it alone ("Do not use - old") is, like a hidden one; a warning, as a name
    is easier to give by mistake than a sheet is to hide."""
    return Finding(
        Severity.WARNING,
        f"Sheet '{sheet.name}' is named to be left alone ('{phrase}'); {_rows_left(sheet, tables)}. To read it, "
        "rename the sheet, or map it with File \u2192 Map Columns\u2026 and add "
        f'read_hidden = ["{sheet.name}"] to its mapping.',
        Source(sheet.file, sheet.name),
    )


def _merged(sheet: RawSheet) -> Finding:
    many = sheet.merged != 1
    return Finding(
        Severity.INFO,
        f"Sheet '{sheet.name}' has {sheet.merged} merged range{'s' if many else ''}: "
        f"{'each' if many else 'its'} value was carried down and across to every cell it covers.",
        Source(sheet.file, sheet.name),
    )


def _hidden_rows(sheet: RawSheet, tables: list[TableMatch]) -> Finding | None:
    """Rows the workbook hides (by hand, by a filter or in a collapsed group) are read like the rest. Said, so
    a row someone filtered out, meaning "ignore this", surprises nobody in the customer list."""
    bodies = [(m.header_index + 1, min(m.end_index, len(sheet.rows))) for m in tables]  # 1-based rows start < r <= stop
    rows = [r for r in sheet.hidden_rows if any(a < r <= b for a, b in bodies) and not is_blank(sheet.rows[r - 1])]
    if not rows:
        return None
    one = len(rows) == 1
    return Finding(
        Severity.INFO,
        f"Sheet '{sheet.name}' hides {len(rows)} row{'' if one else 's'} with data ({row_spans(rows)}; hidden by hand, "
        f"by a filter or in a collapsed group); {'it was' if one else 'they were'} read like every other row. "
        "To leave a row out, delete it from the book.",
        Source(sheet.file, sheet.name, rows[0]),
    )


def _file_notes(sheet: RawSheet) -> list[Finding]:
    """What the file's first sheet says of the whole file: a misleading name, text that is not in its encoding."""
    out = [_misnamed(sheet)] if sheet.misnamed else []
    if sheet.decoding:  # its names may be garbled there: said, not guessed at
        said = f"{sheet.decoding[:1].upper()}{sheet.decoding[1:]}; check the names there."
        out.append(Finding(Severity.WARNING, said, Source(sheet.file)))
    return out


_MARKUP = {  # what a web app's "Export to Excel" writes under an .xls name, and who writes it
    ".html": "a web page (an HTML table), as Jira's and many report servers' Excel exports are",
    ".xml": "an Excel 2003 XML spreadsheet, as Salesforce Classic's and NetSuite's Excel exports are",
}


def _misnamed(sheet: RawSheet) -> Finding:
    name = shown_name(sheet.file)
    if sheet.misnamed in _MARKUP:  # renaming would not help: Excel opens it by its name, the app by its bytes
        return Finding(
            Severity.INFO,
            f"{name} is named {Path(name).suffix or '(no suffix)'} but is {_MARKUP[sheet.misnamed]}; it was read as one "
            "(this is why Excel warns, when it opens the file, that its format and extension do not match).",
            Source(sheet.file),
        )
    what = "a CSV text file" if sheet.misnamed == ".csv" else f"a {sheet.misnamed} workbook"
    return Finding(
        Severity.INFO,
        f"{name} is named {Path(name).suffix or '(no suffix)'} but is {what}; it was read as one "
        f"(rename it to {Path(name).stem}{sheet.misnamed} to avoid confusion).",
        Source(sheet.file),
    )


def date_columns(found: Iterable[tuple[RawSheet, list[TableMatch], NearMiss | None]], catalog: Catalog) -> list[list[object]]:
    """The date fields of every table, and every other column whose first rows hold nn/nn/yyyy text
    (a 'Signed' date kept as it is settles the order as well as a term date)."""
    return [
        [r[c] for r in body if c < len(r)] for sheet, tables, _ in found for m in tables for c, body in _dated(sheet, m, catalog)
    ]


def _dated(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> Iterator[tuple[int, Sequence[Sequence[object]]]]:
    """date_columns of one table: each column's index, with the table's body."""
    spec = catalog.tables[match.kind]
    body = match.body(sheet.rows)
    dated = {c for name, c in match.columns.items() if spec.field_type(name) in ("date", "timestamp")}
    for column in sorted(dated | set(match.headers)):
        if column in dated or any(
            type(r[column]) is str and values.SLASHED.match(r[column]) for r in body[: values.SETTLE_SAMPLE] if column < len(r)
        ):
            yield column, body


def _shown_orders(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> dict[tuple[int, bool], tuple[int, str]]:
    """Where the table's dates settle an order: (column, True for day first) -> the first row (1-based) and date
    that shows it (25/03/2026 can only be day first)."""
    out: dict[tuple[int, bool], tuple[int, str]] = {}
    for column, body in _dated(sheet, match, catalog):
        for at, row in enumerate(body):
            if column < len(row) and (shown := values.shown_order(row[column])) is not None:
                out.setdefault((column, shown), (match.header_index + 2 + at, cell_text(row[column])))
    return out


def deciding_date(
    sheet: RawSheet | None,
    day_first: bool,
    found: Sequence[tuple[RawSheet, list[TableMatch], NearMiss | None]],
    catalog: Catalog,
) -> str:
    """The first date of the file that settles ``day_first`` and where it is, the sheet named where it is not
    ``sheet`` (a workbook's contracts sheet settles its case sheet's order): '30/01/2026 on sheet 'Contracts', row 2,
    column 'Start''. With no ``sheet`` (the file as a whole: explorer map) the sheet is named where there are more."""
    for other, tables, _ in found:
        for match in tables:
            for (column, shown), (row, text) in _shown_orders(other, match, catalog).items():
                if shown == day_first:
                    here = len(found) == 1 if sheet is None else (other.file, other.name) == (sheet.file, sheet.name)
                    on = " in" if here else f" on sheet '{other.name}',"
                    return f"{text}{on} row {row}, column '{match.headers.get(column, column + 1)}'"
    return "a part over 12"


def _order_clash(sheet: RawSheet, match: TableMatch, catalog: Catalog, order: values.DateOrder) -> list[Finding]:
    """Where the table's dates settle both orders (``order.clash``), nobody said which and a date reads both ways: one
    error naming each column's date that settles one, so no message leaves the user to believe no date had a day over
    12."""
    if order.clash is None or match.kind != "cases":  # a contract row settles its own (values.settle_row)
        return []
    if values.either_way(values.date_parts(date_columns([(sheet, [match], None)], catalog))) is None:
        return []  # every date reads one way only: nothing is left unread
    columns: dict[int, list[str]] = {}
    for (c, day_first), (row, text) in sorted(_shown_orders(sheet, match, catalog).items(), key=lambda kv: kv[1][0]):
        columns.setdefault(c, []).append(f"{text} (row {row}), {'day' if day_first else 'month'} first")
    said = "; ".join(
        f"column '{match.headers.get(c, c + 1)}' has {' and '.join(shown) if len(shown) == 1 else 'both ' + ' and '.join(shown)}"
        for c, shown in columns.items()
    )
    if not said:
        return []
    return [
        Finding(
            Severity.ERROR,
            f"The dates disagree on whether the day or the month comes first: {said}. A date that reads both ways "
            "(03/04) is not read until the order is stated.",
            Source(sheet.file, sheet.name, match.header_row),
        )
    ]


def _against_stated(sheet: RawSheet, match: TableMatch, catalog: Catalog, stated: bool, how: str) -> list[Finding]:
    """Where the file's dates settle both orders and the user states one: a warning for each column whose own dates
    show the other, as for a file whose dates settle the other order (_stated_order)."""
    said = "day first" if stated else "month first"
    return [
        Finding(
            Severity.WARNING,
            f"Column '{match.headers.get(c, c + 1)}' writes its dates {'day' if day_first else 'month'} first, as its "
            f"own dates show ({text}, row {row}), not {said} as {how}; its dates that read both ways are read {said}.",
            Source(sheet.file, sheet.name, row),
            match.headers.get(c, ""),
        )
        for (c, day_first), (row, text) in _shown_orders(sheet, match, catalog).items()
        if day_first != stated
    ]


def _data_rows(sheet: RawSheet, start: int = 0) -> int:
    """Rows of two or more filled cells from index ``start`` on."""
    return sum(1 for row in sheet.rows[start:] if sum(1 for c in row if c is not None and c != "") >= 2)


def _describe_near(near: NearMiss | None, sheet: RawSheet, catalog: Catalog) -> str:
    return _unread_why(near, sheet, catalog)[0]


def _unread_why(near: NearMiss | None, sheet: RawSheet, catalog: Catalog) -> tuple[str, bool]:
    """(what the sheet holds instead of a table, whether mapping its columns can help: not for one laid out
    sideways, which turned_table names, nor for a record block not read, which says why)."""
    if (block := not_read(sheet, catalog)) is not None:
        return block, False
    if (turned := turned_table(sheet, catalog)) is not None:
        return turned, False
    if (items := items_below(sheet, catalog, None)) is not None and (missing := lacking(items, catalog)):
        return what_to_add(items, missing), False
    return _nearest(near, sheet, catalog), True


def _quoted_headers(cells: Sequence[object], most: int = 300) -> str:
    """Header cells quoted, as many whole ones as fit in about ``most`` characters, then how many more: a header is
    never cut inside ('subscriptions.cancel')."""
    shown: list[str] = []
    for cell in cells:
        quoted = f"'{cell}'"
        if shown and sum(len(s) + 2 for s in shown) + len(quoted) > most:
            return ", ".join(shown) + f" and {len(cells) - len(shown)} more"
        shown.append(quoted)
    return ", ".join(shown)


def _not_met(spec: TableSpec, match: TableMatch) -> list[str]:
    """The fields the rules need that a table read gives in no form (a case log's customer: nor a requester's email)."""
    missing = [f for f in spec.needed if not spec.met(f, match.columns)]
    if match.kind == "cases" and RESPONSE_FIELDS & set(match.columns):  # a response in a form of its own
        missing = [f for f in missing if f != "first_response"]
    return missing


def _nearest(near: NearMiss | None, sheet: RawSheet, catalog: Catalog) -> str:
    if near is None:
        first = next((r for r in sheet.rows if not is_blank(r)), [])
        seen = _quoted_headers([c for c in first if str(c).strip()])
        return f"no row names a table's fields (the first row reads {seen})" if seen else "holds no cells"
    spec = catalog.tables[near.kind]
    seen = _quoted_headers(near.headers)
    wanted = [label(m) for m in near.missing]
    if not wanted:  # its required columns are there, too few columns in all: say which were read and which lack
        lacking = [label(n) for n in spec.needed if not spec.met(n, set(near.found))]
        wanted = [
            f"at least {spec.min_fields} recognised columns ({len(near.found)} found: "
            + ", ".join(label(f) for f in near.found)
            + (f"; not found: {', '.join(lacking)}" if lacking else "")
            + ")"
        ]
    return f"row {near.row} reads {seen}: closest to a {spec.label.lower()} table, which needs {', '.join(wanted)}"


def _other_role(
    found: list[tuple[RawSheet, list[TableMatch], NearMiss | None]], catalog: Catalog, saved: SavedLookup | None
) -> str | None:
    """Where a file given as a case log holds a whole contract or contacts table instead (every column it needs), what
    it holds and how to give it."""
    for sheet, _, _ in found:
        tables, _ = find_tables(sheet, catalog, None, saved)
        whole = (m for m in tables if m.kind != "cases" and set(catalog.tables[m.kind].needed) <= set(m.columns))
        if (match := next(whole, None)) is not None:
            as_what = "a contract book" if match.kind == "contracts" else "a file beside the contract book"
            return (
                f"sheet '{sheet.name}' holds a {catalog.tables[match.kind].label.lower()} table (header row "
                f"{match.header_row}: {_quoted_headers(match.layout)}); give it as {as_what}, not as a case log "
                "(without --cases)"
            )
    return None


def _not_read(found: list[tuple[RawSheet, list[TableMatch], NearMiss | None]], catalog: Catalog, is_case_log: bool) -> str:
    best = max(found, key=lambda f: len(f[2].found) if f[2] else -1)
    sheet, _, near = best
    if near is None and is_case_log:
        return "expected a case log header such as Case ID, Customer, Priority, Opened, First Response"
    return f"sheet '{sheet.name}' {_describe_near(near, sheet, catalog)}; {MAP_HINT}"


def _unread_sheet(sheet: RawSheet, near: NearMiss | None, catalog: Catalog, book: Book) -> None:
    rows = _data_rows(sheet)
    shape = summary_shape(sheet, near.kind if near is not None else None) if rows >= 2 else None
    if rows and not_read(sheet, catalog) is not None:  # its block's own warning says why, and what to do
        book.unread.append(Unread(sheet.file, sheet.name, "a contract written down a column, not read"))
    elif shape is not None:
        book.findings.append(Finding(Severity.INFO, shape, Source(sheet.file, sheet.name)))
    elif rows >= 2:
        below = _data_rows(sheet, near.row) if near is not None else rows  # not counting the header row it names
        held = f"{below} row{'s' if below != 1 else ''} of data"
        why, mappable = _unread_why(near, sheet, catalog)
        book.unread.append(Unread(sheet.file, sheet.name, f"{held} but no table was read"))
        book.findings.append(
            Finding(
                Severity.WARNING,
                f"Sheet '{sheet.name}' holds {held} but no table was read: {why}" + (f"; {MAP_HINT}." if mappable else "."),
                Source(sheet.file, sheet.name),
            )
        )
    elif rows or any(not is_blank(r) for r in sheet.rows):
        book.findings.append(
            Finding(
                Severity.INFO,
                f"Sheet '{sheet.name}' holds no contract, contact, case or holiday table; not read.",
                Source(sheet.file, sheet.name),
            )
        )


def _product_by_values(
    sheet: RawSheet, match: TableMatch, catalog: Catalog, where: Source, findings: list[Finding]
) -> TableMatch:
    """The table's product, tier and region columns as their values tell them, each choice said in an info finding."""
    match, by_values = product_by_values(sheet, match, catalog)
    if by_values:
        findings.append(
            Finding(Severity.INFO, f"Read '{by_values}' as Product (every value in it is a product name).", where, by_values)
        )
    tier_only = None
    if match.kind == "contracts" and "product" not in match.columns and "program" in match.columns:  # tables.match
        tier = match.headers[match.columns["program"]]
        said = f"This table has no product column: each row's product is read from '{tier}', which names it beside the tier."
        tier_only = Finding(Severity.INFO, said, where, tier)
        findings.append(tier_only)
    match, tiers = tier_by_values(sheet, match, catalog)
    if tiers and "program" in match.columns and match.columns["program"] == match.line_column:
        said = f"Read '{tiers}' as Tier: its values name a product's tier or an add-on (a line item's name)."
        findings.append(Finding(Severity.INFO, said, where, tiers))
    elif tiers:
        tier = match.headers[match.columns["program"]]
        said = (
            f"Read '{tiers}' as each row's line item, beside the tier column '{tier}': its values name a product's tier "
            "or an add-on. A row it names an add-on on is that add-on's line, whatever its tier cell says."
        )
        findings.append(Finding(Severity.INFO, said, where, tiers))
    match, people, unread = people_by_values(sheet, match, catalog)  # read: said with its contacts (read_finding)
    if unread:
        findings.append(Finding(Severity.WARNING, unread, where, people))
    match, flag = named_by_values(sheet, match, catalog)
    if flag:
        said = f"Read '{flag}' as Named: every value in it is yes or no; a contact marked no is listed, not counted."
        findings.append(Finding(Severity.INFO, said, where, flag))
    match, states = states_in_region(sheet, match, catalog)
    if states:
        findings.append(Finding(Severity.INFO, states, where, match.headers[match.columns["region"]]))
    match, regions, as_region = region_by_values(sheet, match, catalog)
    if regions:
        said = f"Read '{regions}' as Region" if as_region else f"Column '{regions}' kept (the table has a Region column)"
        named = ", ".join(dict.fromkeys(catalog.regions.values()))
        said += f": every value in it is a sales region ({named}), not a state or province."
        findings.append(Finding(Severity.INFO, said, where, regions))
    match, lines = line_item_columns(sheet, match, catalog)
    if lines:
        column = ""
        if tier_only is not None and "product" in match.columns:  # read as the product instead (Recurly's plan_name)
            findings.remove(tier_only)
            column = match.headers[match.columns["product"]]
        findings.append(Finding(Severity.INFO, lines, where, column))
    return match


def _renewal_read(match: TableMatch, where: Source) -> list[Finding]:
    """The info on a 'Last Renewal Date' read beside a start column (contracts._renewed applies it row by row)."""
    if "renewed_on" not in match.guesses or "term_start" not in match.guesses:
        return []
    renewal, start = match.guesses["renewed_on"].header, match.guesses["term_start"].header
    said = f"Read '{renewal}' as the current term's start where a row gives it, and '{start}' where it does not"
    if "initial_term_start" not in match.columns:  # a renewal keeps the first start: no new CSE/MCSE mobilization
        said += f"; a renewed row's '{start}' is its initial term start, which a renewal keeps"
    return [Finding(Severity.INFO, said + ".", where, renewal)]


def _read_table(
    sheet: RawSheet,
    match: TableMatch,
    catalog: Catalog,
    book: Book,
    case_frames: list[pd.DataFrame],
    case_timezone: str | None,
    order: values.DateOrder,
) -> int:
    where = Source(sheet.file, sheet.name, match.header_row)
    match = _product_by_values(sheet, match, catalog, where, book.findings)
    bare = bare_length_columns(match, catalog) if match.kind == "contracts" else {}
    match, ranged, example, odd = term_range(sheet, match, bare, lambda text: months_in(text, catalog) is not None)
    if ranged:
        said = f"Read '{ranged}' as the term {_range_gives(match)}: each cell holds both dates ('{example}')"
        said += f", {_but_rows(odd, 'a range of two dates')}." if odd else "."
        book.findings.append(Finding(Severity.INFO, said, where, ranged))
    match, length, example, odd = length_column(sheet, match, catalog)
    if length:
        said = f"Read '{length}' as the term length: its cells are lengths ('{example}')"
        said += f", {_but_rows(odd, 'a length')}." if odd else "."
        book.findings.append(Finding(Severity.INFO, said, where, length))
    if match.saved:
        by = (
            f"the column mapping in {match.mapping_file}"
            if match.mapping_file
            else "the saved column mapping for this header layout"
        )
        book.findings.append(Finding(Severity.INFO, f"Read by {by} ({len(match.columns)} columns).", where))
    for name, guess in match.guesses.items():
        if not guess.exact or guess.rivals:
            how = HOW.get(guess.how, f"a close spelling, {guess.score:.0f}% sure").format(over=guess.over)
            said = f"Read '{guess.header}' as {title(name)} ({how})."
            book.findings.append(Finding(Severity.INFO, said + _rivals_said(guess), where, guess.header))
        book.findings += rivals_differ(guess, sheet.rows, match, catalog, where, MAP_HINT)
    book.findings += _renewal_read(match, where)
    for name, guess in match.suggestions.items():
        if name in match.columns:  # a column read by its values (_product_by_values) since the guess
            continue
        book.findings.append(
            Finding(
                Severity.WARNING,
                f"Column '{guess.header}' may hold the {label(name)} ({guess.score:.0f}% match) but "
                f"was not used; to use it, {MAP_HINT}.",
                where,
                guess.header,
            )
        )
    for note in match.notes:
        book.findings.append(Finding(Severity.WARNING, note, where))
    if match.set_aside:
        aside = ", ".join(f"'{h}'" for h in match.set_aside)
        said = "Columns" if len(match.set_aside) > 1 else "Column"
        book.findings.append(
            Finding(Severity.INFO, f"{said} {aside} set aside: the exporting tool's own bookkeeping, not contract data.", where)
        )
    aside_rows: list[int] = []
    if match.kind == "contracts":
        sheet, aside_rows = _other_agreements(sheet, match, catalog, where, book.findings)
        contracts, findings, listed = read_contracts(sheet, match, catalog, order)
        book.contracts.extend(contracts)
        book.contacts.extend(listed)
        rows = len(contracts)
    elif match.kind == "contacts":
        rows, findings = _contacts_into(book, sheet, match, catalog)
    elif match.kind == "holidays":
        holidays, findings = read_holidays(sheet, match, catalog, order)
        book.holidays.extend(holidays)
        rows = len(holidays)
    else:
        frame, findings = read_cases(sheet, match, catalog, case_timezone, order)
        case_frames.append(frame)
        rows = len(frame)
    book.findings.extend(findings)
    if rows == 0 and not aside_rows and not any(f.severity >= Severity.WARNING for f in findings):
        label_ = catalog.tables[match.kind].label.lower()
        book.findings.append(
            Finding(Severity.WARNING, f"Sheet '{sheet.name}' has a {label_} header row but no rows below it.", where)
        )
    reads = kept_reads(match, catalog)  # what `explorer map` says of them too
    read = [h for i, h in match.extra.items() if i in reads and (STATUS.reads(h, catalog) or ENDED_ON.reads(h, catalog))]
    other = {h: reads[i] for i, h in match.extra.items() if i in reads and h not in read}
    by_year = _tier_columns(sheet, match, catalog, reads, where, book.findings)
    unused = [h for i, h in match.extra.items() if i not in reads and h not in by_year]
    also = {h: what for h, what in other.items() if what not in (CONTACTS, LINE_ITEM, FISCAL_TERM)}  # each: a finding of its own
    if unused or read or also:
        kept = f"Columns kept as they are (not used by the rules): {', '.join(unused)}." if unused else ""
        kept, read = _renewal_note(kept, read, catalog)
        if read:  # explorer.importing.term_status reads them
            kept += (" " if kept else "") + (
                f"{' and '.join(repr(h) for h in read)} {'are' if len(read) > 1 else 'is'} read for a term the book says "
                "ended early or never ran (Terminated, Cancelled, Lost...)"
                + _not_signed_note(read, match, catalog)
                + "; any other word is kept as written."
            )
        if also:
            kept += (" " if kept else "") + "Also read: " + "; ".join(f"'{h}' ({what})" for h, what in also.items()) + "."
        book.findings.append(Finding(Severity.INFO, kept, where))
    return rows


def _renewal_note(kept: str, read: list[str], catalog: Catalog) -> tuple[str, list[str]]:
    """``kept`` with what a Renewal Status is read for (the renewal lost: explorer.importing.term_status), and the
    other status columns read."""
    renewal = [h for h in read if STATUS.spelling(h, catalog) in catalog.term_status.next_term_columns]
    if not renewal:
        return kept, read
    kept += (" " if kept else "") + (
        f"{' and '.join(repr(h) for h in renewal)} {'are' if len(renewal) > 1 else 'is'} read for a renewal the "
        "book says was lost (Lost, Churned, Did not renew...): the term runs to its contracted end, not renewed."
    )
    return kept, [h for h in read if h not in renewal]


def _other_agreements(
    sheet: RawSheet, match: TableMatch, catalog: Catalog, where: Source, findings: list[Finding]
) -> tuple[RawSheet, list[int]]:
    """The sheet with its rows of other agreements blanked (a CLM repository's NDA, MSA, DPA: a row of an Agreement
    Type column naming one of the catalog's other_agreements and no order, with no product and no tier), and those
    rows (1-based); one info finding says so. A type naming neither (New Business, Upsell) is read: its missing
    product is an error, as in any table."""
    words = catalog.term_status
    typed = next((i for i, h in match.extra.items() if TermStatusWords.key(h) in words.agreement_type_columns), None)
    if typed is None:
        return sheet, []
    named = [match.columns[f] for f in ("product", "program") if f in match.columns]
    rows = sheet.rows
    aside: dict[int, str] = {}
    for index in range(match.header_index + 1, min(match.end_index, len(rows))):
        row = rows[index]
        kind = str(row[typed]).strip() if typed < len(row) and is_filled(row[typed]) else ""
        if not kind or any(c < len(row) and is_filled(row[c]) for c in named):
            continue
        if _other_agreement(words_of(unaccented(kind)), words):
            aside[index + 1] = kind
    if not aside:
        return sheet, []
    kinds = ", ".join(f"'{k}'" for k in dict.fromkeys(aside.values()))
    numbers = ", ".join(str(r) for r in aside)
    findings.append(
        Finding(
            Severity.INFO,
            f"{len(aside)} {'rows' if len(aside) != 1 else 'row'} of other agreements ({match.headers[typed]} {kinds}; "
            f"{'rows' if len(aside) != 1 else 'row'} {numbers}) {'name' if len(aside) != 1 else 'names'} no product and "
            "no tier: not support orders, so not read as contracts.",
            where,
            match.headers[typed],
        )
    )
    blank = [[""] * len(row) if i + 1 in aside else row for i, row in enumerate(rows)]
    return replace(sheet, rows=blank), list(aside)


def _other_agreement(said: tuple[str, ...], words: TermStatusWords) -> bool:
    """Whether an agreement type names another agreement (NDA, Master Subscription Agreement) and, outside it, no
    order ('Order Form under MSA' is an order)."""
    found = [(i, i + len(p)) for p in words.other_agreements for i in range(len(said)) if said[i : i + len(p)] == p]
    rest = [w if not any(i <= n < j for i, j in found) else "" for n, w in enumerate(said)]
    ordered = any(tuple(rest[i : i + len(p)]) == p for p in words.order_types for i in range(len(rest)))
    return bool(found) and not ordered


def _tier_columns(
    sheet: RawSheet, match: TableMatch, catalog: Catalog, reads: Mapping[int, str], where: Source, findings: list[Finding]
) -> list[str]:
    """Where a contracts table has no tier column: one warning naming its year columns of tiers ('2025 | FY26'), and
    one naming a kept column whose every filled cell is a tier (Catalyst's 'Segment'); the year columns' headers."""
    if by_year := tier_year_columns(sheet, match, catalog):
        findings.append(
            Finding(
                Severity.WARNING,
                f"Columns {', '.join(repr(h) for h in by_year)} hold a tier for each year and no column is the tier, "
                "so no tier was read from them (a product with a default tier was given its default): "
                f"{MAP_HINT}, and choose the column of the year the current terms run in as Tier.",
                where,
            )
        )
    unused = [h for i, h in match.extra.items() if i not in reads and h not in by_year]
    if tiered := tier_like_columns(sheet, match, catalog, unused):
        many = len(tiered) > 1
        findings.append(
            Finding(
                Severity.WARNING,
                f"{'Columns' if many else 'Column'} {', '.join(repr(h) for h in tiered)} {'hold' if many else 'holds'} "
                "a tier of the row's product in every filled cell and no column is the tier, so no tier was read "
                f"from {'them' if many else 'it'}: if {'one' if many else 'it'} is the tier, {MAP_HINT}, and choose "
                "it as Tier.",
                where,
            )
        )
    return by_year


def _not_signed_note(read: list[str], match: TableMatch, catalog: Catalog) -> str:
    """What the table's status columns read as a deal not signed yet: a deal's Open, an open pipeline stage."""
    words = catalog.term_status
    keys = [STATUS.spelling(h, catalog) or ENDED_ON.spelling(h, catalog) for h in read]
    deals = deal_table(match.layout, words)
    said = [
        *(["Open"] if any(k in words.not_signed_columns or deals and k in words.deal_table_status for k in keys) else []),
        *(["an open pipeline stage such as Negotiation/Review"] if any(k in words.stage_columns for k in keys) else []),
    ]
    return f" or a deal not signed yet ({', '.join(said)})" if said else ""


def _read_once(
    contracts: list[Contract], catalog: Catalog, findings: list[Finding], listing: Mapping[tuple[str, str], set[str]]
) -> list[Contract]:
    """The book's rows with each term read once: a row saying the term an earlier row says (history.same_term; one
    sheet per fiscal year, a master sheet and an owner's copy) is left out, and a warning names both places; the
    region only the later row gives is kept. A file whose every row repeats another file's (one book given twice,
    as a .csv and an .xlsx) is one warning. A row repeating the term to name one more contact (``listing``: a
    sheet's columns of named contacts; Salesforce's one contact a row) is no repeat to warn of, and an earlier row's
    repeats (a product cell listing its product again) are one warning, with a count."""
    kept: dict[tuple[str, str], list[Contract]] = {}
    out = []
    repeats: list[tuple[Contract, Contract]] = []  # (the row left out, the earlier row it repeats)
    for contract in contracts:
        earlier = kept.setdefault(contract.key, [])
        first = next((c for c in earlier if history.same_term(c, contract)), None)
        if first is None:
            earlier.append(contract)
            out.append(contract)
        else:
            repeats.append((contract, first))
            if contract.region.strip() and not first.region.strip():  # the copy that leaves it out came first
                given = replace(first, region=contract.region)
                earlier[:] = [given if c is first else c for c in earlier]
                out[:] = [given if c is first else c for c in out]
    rows, left = Counter(c.source.file for c in contracts), Counter(c.source.file for c, _ in repeats)
    copies: dict[str, set[str]] = {}  # a file -> the files its left-out rows repeat
    for contract, first in repeats:
        copies.setdefault(contract.source.file, set()).add(first.source.file)
    whole = {f: next(iter(of)) for f, of in copies.items() if len(of) == 1 and f not in of and left[f] == rows[f]}
    for name, of in whole.items():
        other = Path(of).name if Path(of).name != Path(name).name else of  # same-named files by their folders
        terms = f"all {rows[name]} of its terms are" if rows[name] != 1 else "its only term is"
        findings.append(
            Finding(
                Severity.WARNING,
                f"This file repeats {other}: {terms} listed there with the same tier, dates and add-ons; read once.",
                Source(name),
            )
        )
    by_row: dict[Source, Counter[tuple[str, str]]] = {}  # the earlier row -> (its term, where again) -> how often
    firsts: dict[Source, list[Contract]] = {}
    for contract, first in repeats:
        if contract.source.file in whole or _names_another(contract, first, listing):
            continue
        assert first.term_start is not None and first.term_end is not None
        where = contract.source if contract.source.file != first.source.file else replace(contract.source, file="")
        said_where = "this same row (its cell lists it again)" if contract.source == first.source else where.describe()
        term = f"{rules.product_name(catalog, first)} term ({first.term_start:%Y-%m-%d} – {first.term_end:%Y-%m-%d})"
        by_row.setdefault(first.source, Counter())[term, said_where] += 1
        firsts.setdefault(first.source, []).append(first)
    for row, again in by_row.items():
        products = {c.product or "" for c in firsts[row]}
        if sum(again.values()) == 1:
            (term, at), _ = again.popitem()
            said = f"This {term} is listed again at {at} with the same tier, dates and add-ons; read once."
        else:
            parts = [f"the {t} at {w}" + (f" ({n} times)" if n > 1 else "") for (t, w), n in again.most_common()]
            shown = "; ".join(parts[:3]) + (f"; and {len(parts) - 3} more" if len(parts) > 3 else "")
            said = (
                f"This row's terms are listed again {sum(again.values())} times with the same tier, dates and add-ons, "
                f"each read once: {shown}."
            )
        product = products.pop() if len(products) == 1 else ""
        findings.append(Finding(Severity.WARNING, said, row, "", firsts[row][0].customer, product))
    return out


def _contact_columns(contacts: Iterable[Contact]) -> dict[tuple[str, str], set[str]]:
    """(file, sheet) -> the columns its rows list named contacts in (row_contacts)."""
    out: dict[tuple[str, str], set[str]] = {}
    for contact in contacts:
        if contact.source.column:
            out.setdefault((contact.source.file, contact.source.sheet), set()).add(contact.source.column)
    return out


def _names_another(contract: Contract, first: Contract, listing: Mapping[tuple[str, str], set[str]]) -> bool:
    """Whether a row repeating a term names a contact the earlier row does not: one contact a row, each row its
    term's again (a placeholder 'TBD' too: a person still to come). A row naming the same person is a repeat."""
    columns = listing.get((contract.source.file, contract.source.sheet), set())
    mine = {h: " ".join(contract.extra.get(h, "").split()).casefold() for h in columns}
    theirs = {h: " ".join(first.extra.get(h, "").split()).casefold() for h in columns}
    return any(v and v != theirs[h] for h, v in mine.items())


def _check_book(book: Book, catalog: Catalog) -> list[Finding]:
    """Findings that need the whole book: duplicates, add-on rules, orphans. Named-contact limits and regions
    depend on the term in force, so they are judged with the as-of day (explorer.app.findings.term_findings)."""
    out: list[Finding] = []
    seen: dict[tuple[str, str], list[Contract]] = {}
    contacts = book.contacts_by_customer()
    said: dict[tuple[str, str, int | None, str], set[str]] = {}  # per row and product: a written renewal repeats its row
    for contract in book.contracts:
        where = (contract.source.file, contract.source.sheet, contract.source.row, contract.product or "")
        found = [f for f in rules.contract_findings(catalog, contract) if f.message not in said.get(where, set())]
        said.setdefault(where, set()).update(f.message for f in found)
        out.extend(found)
        if not contract.customer or contract.never_ran or contract.dates_missing:  # a lost deal, a row with no
            continue  # readable term (its error says so): each runs on no day and overlaps no term
        earlier = seen.setdefault(contract.key, [])
        clash = next((c for c in earlier if history.overlaps(c, contract)), None)  # renewals do not overlap
        earlier.append(contract)
        if clash is not None and _on_the_anniversary(clash, contract):
            out.append(_anniversary(clash, contract))
        elif clash is not None:
            name = " ".join(filter(None, ["a second", rules.product_name(catalog, contract), "contract row"]))
            out.append(
                Finding(
                    Severity.WARNING,
                    f"{contract.customer} has {name} whose term overlaps the one at {clash.source.describe()}; both are shown.",
                    contract.source,
                    "",
                    contract.customer,
                    contract.product or "",
                )
            )
    out.extend(name_variants(book.contracts, catalog))
    out.extend(unheld_renewals(book.contracts, catalog))
    out.extend(dropped_between(book.contracts, catalog))
    out.extend(history.bought_after_initial(book.contracts, catalog))
    out.extend(history.lost_but_renewed(book.contracts))
    known = {customer_key(c.customer) for c in book.contracts}
    for key, orphans in contacts.items():
        if key and key not in known:
            out.extend(
                Finding(
                    Severity.WARNING,
                    f"Contact {c.name}: customer '{c.customer}' {book.could_be.get(key, 'has no contract')}.",
                    replace(c.source, column=""),  # the row's customer cell, not the cell that listed the contact
                    "customer",
                    c.customer,
                )
                for c in orphans
            )
    return out
