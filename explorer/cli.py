"""Command line: explorer [FILE...] | check | report | calendar | sheet | brief | whatif | diff | template | terms.

Runs headless: nothing here imports Qt unless the GUI is asked for, and heavy
libraries load only inside the subcommand that needs them.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import difflib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from explorer import __version__
from explorer.shown import shown, shown_name

if TYPE_CHECKING:  # only for annotations: the CLI loads pandas and the app layer lazily
    from explorer.app.session import Session
    from explorer.app.sheet import CustomerSheet
    from explorer.catalog import Catalog

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
SUBCOMMANDS = (
    "check",
    "report",
    "calendar",
    "sheet",
    "brief",
    "whatif",
    "diff",
    "explain",
    "map",
    "mappings",
    "template",
    "terms",
    "gui",
)


class _Parser(argparse.ArgumentParser):
    """argparse with a usage error as one line and a pointer to --help, not the usage block."""

    missing_hint = ""  # said instead of argparse's "the following arguments are required: ..."

    def error(self, message: str) -> NoReturn:
        if self.missing_hint and message.startswith("the following arguments are required"):
            message = self.missing_hint
        self.exit(EXIT_UNREADABLE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


# Each -o command writes one format: (suffix, the file name suggested when -o is a folder).
OUTPUTS = {
    "report": (".xlsx", "report.xlsx"),
    "calendar": (".ics", "key-dates.ics"),
    "sheet": (".pdf", "entitlement-sheet.pdf"),
    "brief": (".pdf", "renewal-brief.pdf"),
    "diff": (".xlsx", "changes.xlsx"),
    "map": (".toml", "mapping.toml"),
    "template": (".xlsx", "contract-book.xlsx"),
    "mappings export": (".toml", "team-mappings.toml"),
}


def _output_problem(command: str, output: str | None) -> str | None:
    """Why -o cannot be this command's output (a folder or another format), before any work is done."""
    if output is None or command not in OUTPUTS:
        return None
    try:
        return _target_problem(command, Path(output))
    except OSError as exc:  # a name over 255 bytes: is_dir's own stat fails
        from explorer.atomic import unwritable

        return unwritable(Path(output), exc)


def _target_problem(command: str, target: Path) -> str | None:
    suffix, name = OUTPUTS[command]
    output = str(target)
    if target.is_dir():
        return f"{shown(output)}: this is a folder; give a file name such as {shown(Path(output) / name)}"
    if target.suffix.lower() != suffix:
        return f"{shown_name(target)}: 'explorer {command}' writes a {suffix} file; name the output like {name}"
    if not target.parent.is_dir():  # said before the book is read and judged, not after
        return f"{shown(target.parent)}: the folder does not exist"
    return None


def _export_problem(target: Path, catalog: Catalog) -> str | None:
    """Why the saved mappings cannot be exported to ``target``: a folder, another format, or a file that holds
    something else (a case log, a workspace); replacing an earlier export is fine."""
    from explorer.importing.mappings import load_mapping_file

    if problem := _output_problem("mappings export", str(target)):
        return problem
    if target.exists():
        from explorer.filekinds import load_toml

        try:
            other = set(load_toml(target)) - {"mapping"}  # a workspace or a catalog has tables of its own
            load_mapping_file(target, catalog, given=False)  # an earlier export may hold none
        except Exception:  # whatever it holds, it is no mapping file to replace
            other = {"?"}
        if other:
            return f"{shown_name(target)}: this file holds something other than column mappings; choose another name"
    return None


def _fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    print(f"explorer: {message}", file=sys.stderr)
    return code


def _explained(error: Exception) -> int:
    """Bad input as one line (explorer.app.errors, shared with the app); anything else is a bug and propagates."""
    from explorer.app.errors import user_message

    message = user_message(error)
    if message is None:
        raise error
    return _fail(message.line)


def _workspace(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The --workspace file (if any) with the command line's files and options added on top."""
    from explorer.app.workspace import Workspace, open_workspace
    from explorer.paths import resource_path

    workspace = Workspace()
    if args.workspace:
        opened = open_workspace(args.workspace)
        for line in opened.missing_lines():
            print(f"explorer: warning: {line}; the rest is read", file=sys.stderr)
        workspace = opened.workspace
    files, cases = list(getattr(args, "files", None) or []), list(getattr(args, "cases", None) or [])
    if getattr(args, "sample", False):
        files.append(str(resource_path("sample/contracts.xlsx")))
        cases = cases or [str(resource_path("sample/cases.csv"))]
    workspace.files += files
    workspace.case_files += cases
    workspace.mappings += list(getattr(args, "mapping", None) or [])
    if getattr(args, "as_of", None) is not None:
        workspace.as_of = args.as_of
    if getattr(args, "case_timezone", None):
        workspace.case_timezone = args.case_timezone
    if getattr(args, "case_dates", None):
        workspace.case_dates = args.case_dates.replace("-", " ")
        workspace.case_dates_from = "--case-dates"
    if args.catalog:
        workspace.catalog = args.catalog
    return workspace


def _inputs(args: argparse.Namespace, workspace) -> list[str]:  # type: ignore[no-untyped-def]
    """Every file the command reads (the workspace file and all it names): none may be its output."""
    return [*workspace.inputs, *([args.workspace] if getattr(args, "workspace", None) else [])]


def _catalog(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from explorer.catalog import default_catalog, load_catalog

    workspace = _workspace(args)
    return load_catalog(workspace.catalog) if workspace.catalog else default_catalog()


def _terms(args: argparse.Namespace) -> int:
    from explorer.outputs.terms import terms_markdown, terms_text

    try:
        catalog = _catalog(args)
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    if args.holidays:
        from explorer.outputs.terms import holiday_terms, parse_holiday_place, this_year

        country, subdivision, problem = parse_holiday_place(args.holidays, catalog)
        if problem:
            return _fail(problem)
        print(holiday_terms(country, subdivision, args.year or this_year()))
        return EXIT_OK
    product = program = None
    if args.product:
        product = catalog.product_for(args.product)
        if product is None:
            names = ", ".join(p.name for p in catalog.products.values())
            return _fail(f"unknown product {args.product!r}; the catalog has {names}")
    if args.program:
        if product is None:
            return _fail("--program needs --product (Premier is a program of Okta and of Auth0)")
        program = catalog.program_for(product, args.program)
        if program is None or not args.program.strip():
            names = ", ".join(catalog.programs[p].name for p in catalog.program_ids_by_rank(product))
            return _fail(f"unknown program {args.program!r} for {product.name}; it has {names}")
    if args.markdown:
        print(terms_markdown(catalog, product, program, top=args.markdown), end="")
    else:
        print(terms_text(catalog, product, program), end="")
    return EXIT_OK


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The session the command line's workspace names."""
    workspace = _workspace(args)
    if not workspace.files:
        raise _NoFiles()
    from explorer.importing.readers import prefetch

    prefetch(workspace.files[0])  # the book is parsed while pandas and the rules import (about 0.5 s)
    from explorer.app.session import load_session

    return load_session(workspace, views=False)  # the app's tables are built only by a command that shows them


class _NoFiles(Exception):
    pass


def _session_or_exit(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    try:
        return _open(args), EXIT_OK
    except _NoFiles:
        return None, _fail("no contract files given (name one or more, use --sample or --workspace)")
    except Exception as exc:  # _explained re-raises anything that is not bad input
        from explorer.importing.readers import forget_prefetched

        forget_prefetched()  # a workspace, mapping or catalog refused before the book was read
        return None, _explained(exc)


def _map(args: argparse.Namespace) -> int:
    from explorer.app.session import mapping_lookup
    from explorer.atomic import write_atomically
    from explorer.importing.mapper import proposed_mappings
    from explorer.importing.mappings import write_text

    try:
        workspace = _workspace(args)
        catalog = _catalog(args)
        text, count = proposed_mappings(workspace.files, workspace.case_files, catalog, mapping_lookup(workspace, catalog))
        target = write_atomically(args.output, lambda temp: write_text(temp, text), _inputs(args, workspace))
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    print(f"wrote {shown(target)} ({count} table{'s' if count != 1 else ''}; edit it, then use --mapping {shown_name(target)})")
    return EXIT_OK


def _mappings(args: argparse.Namespace) -> int:
    """The saved column mappings: list, remove, export, import."""
    from explorer.importing.mappings import MappingStore

    try:
        store = MappingStore(_catalog(args))
        saved = store.all()
        if store.notice:
            print(f"explorer: warning: {store.notice}", file=sys.stderr)
        if args.action == "list":
            print(f"{store.path}: {len(saved)} saved mapping{'s' if len(saved) != 1 else ''}")
            for number, mapping in enumerate(saved, 1):
                print(f"{number:>3}. {mapping.kind}: {' | '.join(mapping.layout)}")
        elif args.action == "remove":
            if not args.target or not args.target.isdigit() or not 1 <= int(args.target) <= len(saved):
                if not saved:
                    return _fail(f"no saved mappings ({store.path} holds none)")
                return _fail(f"name the mapping to remove by its number in 'explorer mappings list' (1-{len(saved)})")
            store.remove(saved[int(args.target) - 1].layout)
            print(f"removed mapping {args.target}")
        elif args.action == "export":
            if not args.target:
                return _fail("name the file to export to: explorer mappings export TEAM.toml")
            if problem := _export_problem(Path(args.target), store.catalog):
                return _fail(problem)
            print(f"wrote {shown(store.export(args.target))} ({len(saved)} mappings)")
        else:
            if not args.target:
                return _fail("name the file to import: explorer mappings import TEAM.toml")
            print(f"imported {store.import_file(args.target)} mappings into {store.path}")
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    session, code = _session_or_exit(args)  # first: the book is read while the libraries import
    if session is None:
        return int(code)
    from explorer.app import findings
    from explorer.outputs.summary import as_json, as_text

    print(as_json(session) if args.json else as_text(session, None if args.all else 200))
    return EXIT_FINDINGS if findings.errors(session.findings) else EXIT_OK


def _report(args: argparse.Namespace) -> int:
    session, code = _session_or_exit(args)  # first: the book is read while the libraries import
    if session is None:
        return int(code)
    from explorer.model import Severity
    from explorer.outputs.customers import UnknownCustomer, named_keys
    from explorer.outputs.report.build import build_report
    from explorer.outputs.report.writer import write_report

    book = session.book
    try:
        keys = named_keys(book.customers(), args.customer, session.catalog) if args.customer else None
    except UnknownCustomer as exc:
        return _fail(str(exc))
    from explorer.app import periods

    data = build_report(
        book,
        session.catalog,
        session.as_of,
        session.sla,
        keys,
        done=session.workspace.done_marks(),
        period=args.period or periods.ALL,
        marks=session.workspace.marks,
    )
    try:
        target = write_report(data, Path(args.output), _inputs(args, session.workspace))
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    errors = data.severities.get(Severity.ERROR, 0)
    said = "1 error finding is" if errors == 1 else f"{errors} error findings are"
    print(f"wrote {shown(target)}" + (f" ({said} listed in it)" if errors else ""))
    return EXIT_FINDINGS if errors else EXIT_OK


def _customer_sheets(args: argparse.Namespace) -> tuple[Session, list[CustomerSheet]] | int:
    """(session, CustomerSheets of --customer) for the per-customer outputs, or the exit code."""
    from explorer.outputs.customers import UnknownCustomer, sheets_for

    session, code = _session_or_exit(args)
    if session is None:
        return int(code)
    try:
        return session, sheets_for(session, args.customer)
    except UnknownCustomer as exc:
        return _fail(str(exc))


def _calendar(args: argparse.Namespace) -> int:
    from explorer.outputs.calendar import customer_events, write_calendar

    found = _customer_sheets(args)
    if isinstance(found, int):
        return found
    session, sheets = found
    try:
        target = write_calendar(sheets, Path(args.output), _inputs(args, session.workspace))
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    per_customer = [(s.name, customer_events(s)) for s in sheets]
    events = sum(len(found) for _, found in per_customer)
    print(f"wrote {shown(target)} ({events} key dates of {len(sheets)} customer{'s' if len(sheets) != 1 else ''})")
    marked = [(name, sum(e.check for e in found)) for name, found in per_customer if any(e.check for e in found)]
    if marked:
        names = ", ".join(f"{name} ({n})" for name, n in marked)
        print(f"{sum(n for _, n in marked)} key dates of contracts with errors are marked '(check the book)': {names}")
    return EXIT_OK


def _sheet(args: argparse.Namespace) -> int:
    found = _customer_sheets(args)
    if isinstance(found, int):
        return found
    session, sheets = found
    from explorer.gui.entitlement_sheet import write_pdf  # Qt's PDF writer, offscreen: loaded only here

    try:
        target = write_pdf(sheets, Path(args.output), _inputs(args, session.workspace), args.paper, args.internal)
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    print(f"wrote {shown(target)} ({len(sheets)} customer{'s' if len(sheets) != 1 else ''})")
    return _drafts(sheets)


def _drafts(sheets: Iterable[CustomerSheet]) -> int:
    """Names each customer whose page was marked DRAFT (CustomerSheet.errors), with its errors: the entitlement
    sheet and the renewal brief alike exit 1 where any was, else 0."""
    drafts = [(s.name, s.errors) for s in sheets if s.errors]
    for name, wrong in drafts:
        print(f"explorer: {name}: marked DRAFT, the contract book has errors: {' '.join(wrong)}", file=sys.stderr)
    return EXIT_FINDINGS if drafts else EXIT_OK


def _program_problem(session: Session, keys: list[str] | None, program: str) -> str | None:
    """Why ``program`` names no program the customers (by key; all when None) could hold, or None."""
    from explorer.app import upgrade

    terms = upgrade.terms_in_review(session.book.contracts, session.as_of, keys)
    if not terms:  # Backwards Bank: its term ends before it starts, so no term is in review
        whose = "these customers have" if keys else "the book has"
        return f"{whose} no term to compare on {session.as_of:%Y-%m-%d} (term dates invalid or missing: see 'explorer check')"
    if any(upgrade.program_named(session.catalog, session.book.contracts[t], program) for t in terms):
        return None
    held = {p.name for t in terms for p in upgrade.programs_by_rank(session.catalog, session.book.contracts[t])}
    whose = "these customers' products" if keys else "the book's products"
    return f"no program called '{program}' for {whose} (they have {', '.join(sorted(held)) or 'no program'})"


def _brief(args: argparse.Namespace) -> int:
    """The renewal brief: a page per customer, its evidence against --program or the next program up."""
    found = _customer_sheets(args)
    if isinstance(found, int):
        return found
    session, sheets = found
    from explorer.app.renewal import brief_for

    if args.program and (problem := _program_problem(session, [s.key for s in sheets], args.program)):
        return _fail(problem)
    briefs = [b for s in sheets if (b := brief_for(session, s.key, args.program)) is not None]
    from explorer.gui.renewal_brief import write_pdf  # Qt's PDF writer, offscreen: loaded only here

    try:
        target = write_pdf(briefs, Path(args.output), _inputs(args, session.workspace), args.paper)
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    print(f"wrote {shown(target)} ({len(briefs)} customer{'s' if len(briefs) != 1 else ''})")
    return _drafts([b.sheet for b in briefs])


def _whatif(args: argparse.Namespace) -> int:
    """The upgrade evidence table: the terms in review against --program, as the report's sheet has it."""
    from explorer import rules
    from explorer.app import upgrade
    from explorer.outputs.report.upgrade_sheet import as_text, evidence_frame

    keys: list[str] | None = None
    if args.customer:
        found = _customer_sheets(args)
        if isinstance(found, int):
            return found
        session, keys = found[0], [s.key for s in found[1]]
    else:
        session, code = _session_or_exit(args)
        if session is None:
            return int(code)
    if session.sla is None:
        return _fail("no case log given: name one with --cases (the evidence is the customers' real cases)")
    if problem := _program_problem(session, keys, args.program):
        return _fail(problem)
    comparisons = upgrade.against(session.book, session.catalog, session.as_of, session.moment, args.program, keys, session.sla)
    frame = evidence_frame(comparisons, without_cases=False)
    print(f"Against {args.program}, as of {session.as_of:%Y-%m-%d}, the term in review of each customer:")
    if len(frame):
        print(as_text(frame, "Compared with"))
    for c in comparisons:  # after the table, as the report's sheet says them in a row of their own
        if c.settled or not c.cases:
            print(f"{c.customer} ({c.product} {c.current.name}): {c.settled or upgrade.NOTHING_TO_COMPARE}")
    for c in comparisons:
        if c.lost:
            print(f"{c.customer}, {c.product} {c.current.name} -> {c.other.name} would lose: {'; '.join(c.lost)}")
    if not comparisons:  # each term in review holds the program, or its product has none of that name
        for t in upgrade.terms_in_review(session.book.contracts, session.as_of, keys):
            term = session.book.contracts[t]
            other = upgrade.program_named(session.catalog, term, args.program)
            why = "holds it already" if other is not None else f"has no program called '{args.program}'"
            print(f"No term to compare: {term.customer.strip()} ({rules.product_name(session.catalog, term)}) {why}.")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from explorer.app.diff import compare_books, load_version
    from explorer.catalog import default_catalog, load_catalog
    from explorer.outputs.changes import as_json, as_text

    old, new = list(args.old), list(args.against or [])
    if not new:  # the short form: explorer diff OLD NEW
        if len(old) != 2:
            return _fail(
                "name the old and the new book (explorer diff OLD NEW), or several files of each "
                "(explorer diff OLD... --against NEW...)"
            )
        old, new = old[:1], old[1:]
    try:
        catalog = load_catalog(args.catalog) if args.catalog else default_catalog()
        versions = [load_version(files, catalog) for files in (old, new)]
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    from explorer.app.workspace import missing_line

    for missing in (m for v in versions for m in v.missing):
        print(f"explorer: warning: {missing_line(missing)}; the rest is read", file=sys.stderr)
    diff = compare_books(versions[0].book, versions[1].book, catalog)
    with contextlib.suppress(AttributeError, ValueError):  # arrows survive a pipe in a legacy code page
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    if args.output:
        from explorer.outputs.changes_workbook import write_changes

        try:  # never over an input: a workspace's own books included
            read = [*old, *new, *diff.old_files, *diff.new_files, *([args.catalog] if args.catalog else [])]
            target = write_changes(diff, Path(args.output), read)
        except Exception as exc:
            return _explained(exc)
    print(as_json(diff) if args.json else as_text(diff))
    if args.output and not args.json:
        print(f"\nwrote {shown(target)}")
    return EXIT_FINDINGS if len(diff.changes) else EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from explorer.sla.explain import explain

    session, code = _session_or_exit(args)
    if session is None:
        return int(code)
    if session.sla is None:
        return _fail("no case log given (name one with --cases, or a file holding a case table)")
    found = explain(session.book, session.catalog, session.sla, args.case_id)
    print(found.text)
    return EXIT_OK if found.found else EXIT_FINDINGS


def _template(args: argparse.Namespace) -> int:
    from explorer.atomic import check_target
    from explorer.outputs.template import write_template

    try:
        check_target(Path(args.output), _inputs(args, _workspace(args)))  # the catalog it reads, too
        target = write_template(Path(args.output), _catalog(args))
    except Exception as exc:  # _explained re-raises anything that is not bad input
        return _explained(exc)
    print(f"wrote {shown(target)}")
    return EXIT_OK


def _date(text: str):  # type: ignore[no-untyped-def]

    from explorer import clock

    try:
        day = clock.iso_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not clock.in_range(day):
        raise argparse.ArgumentTypeError(f"'{text}' is outside the days judged, {clock.FIRST_DAY} to {clock.LAST_DAY}")
    return day


def _period(text: str):  # type: ignore[no-untyped-def]
    from explorer.app import periods

    try:
        return periods.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _year(text: str) -> int:
    if not (text.isdigit() and 1900 <= int(text) <= 2200):
        raise argparse.ArgumentTypeError(f"'{text}' is not a year like 2026")
    return int(text)


def _zone(text: str) -> str:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(text)
    except (KeyError, ValueError):
        raise argparse.ArgumentTypeError(f"'{text}' is not an IANA time zone such as Europe/Berlin") from None
    return text


def _book_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="contract books (.xlsx .xlsm .xls .ods .csv)")
    parser.add_argument("--cases", action="append", metavar="FILE", help="a case log (ticketing export); repeatable")
    parser.add_argument("--sample", action="store_true", help="use the bundled sample book and case log")
    parser.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="date statuses are judged on (today)")
    parser.add_argument("--case-timezone", type=_zone, metavar="ZONE", help="zone of case times written without one (UTC)")
    parser.add_argument(
        "--case-dates",
        choices=["day-first", "month-first"],
        help="how case logs write 02/11/2026 where no date of theirs has a day over 12 to tell",
    )
    parser.add_argument(
        "--mapping", action="append", metavar="FILE.toml", help="column mappings to use (written by 'explorer map'); repeatable"
    )
    _common_arguments(parser)


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalog", help="use this catalog file instead of the bundled one")
    parser.add_argument(
        "--workspace",
        metavar="FILE",
        help="open a saved workspace (its files, case time zone, as-of day and catalog); "
        "files and options given here are added on top",
    )


def _brief_arguments(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    brief = sub.add_parser(
        "brief",
        help="write the one-page renewal brief of customers (PDF)",
        description="A page per customer for the renewal meeting: the term in review and what it included, "
        "first-response compliance by month (a chart) and by priority, the P1/P2 breaches, named contacts, "
        "key dates ahead, what changed since the previous term and the upgrade evidence against --program "
        "(default: the next program up). A customer whose contracts have errors gets a brief marked DRAFT. "
        "Exit status: 0 written, 1 written with a DRAFT (the errors are named), 2 not written.",
    )
    _book_arguments(brief)
    brief.add_argument(
        "--customer", action="append", required=True, metavar="NAME", help="this customer; repeat for several (a page each)"
    )
    brief.add_argument("--program", metavar="P", help="compare with this program of the customer's products (Premier...)")
    brief.add_argument(
        "--paper",
        choices=["a4", "letter"],
        type=str.lower,
        help="paper size (default: Letter where the locale uses US units, else A4)",
    )
    brief.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write (.pdf)")
    brief.set_defaults(func=_brief)


def _whatif_arguments(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    whatif = sub.add_parser(
        "whatif",
        help="what another program would have promised the customers' real cases",
        description="Judges the real cases of each customer's term in review against another program of the "
        "same product (its targets and clock, the same engine and as-of moment) and prints, per customer and "
        "priority: cases, met now, would be late, and the median wait against both promises, strongest case "
        "first (the report's Upgrade Evidence sheet). Exit status: 0 printed, 2 bad input.",
    )
    _book_arguments(whatif)
    whatif.add_argument("--customer", action="append", metavar="NAME", help="only this customer; repeatable")
    whatif.add_argument("--program", required=True, metavar="P", help="the program to compare with (Premier, Premier Plus...)")
    whatif.set_defaults(func=_whatif)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="explorer",
        description="Okta and Auth0 support entitlements from contract spreadsheets.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="open the desktop app:\n"
        "  explorer [FILE...]                       open contract books and case logs\n"
        "  explorer --sample                        open the bundled sample\n"
        "  explorer --sample --screenshot OUT.png   render the window to a PNG, then exit\n"
        "  ('explorer gui --help' lists every app option)",
    )
    parser.add_argument("--version", action="version", version=f"Entitlement Explorer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    terms = sub.add_parser("terms", help="print the support terms held in the catalog")
    terms.add_argument("--product", help="only this product (Okta, Okta Access Gateway, Auth0)")
    terms.add_argument("--program", help="only this program of the product (Basic, Premier Plus, Enterprise...)")
    terms.add_argument(
        "--markdown",
        nargs="?",
        type=int,
        choices=(1, 2, 3),
        const=1,
        default=0,
        metavar="LEVEL",
        help="print Markdown, the title at this heading level (1; the README's section uses 3)",
    )
    terms.add_argument(
        "--holidays",
        metavar="COUNTRY[-STATE]",
        help="print the public holidays the clock closes on instead (AU-NSW, DE-BY, US-CA, GB)",
    )
    terms.add_argument("--year", type=_year, metavar="YYYY", help="the year for --holidays (this year)")
    _common_arguments(terms)
    terms.set_defaults(func=_terms)

    check = sub.add_parser(
        "check",
        help="read contract books (and a case log) and list every finding",
        description="Exit status: 0 no errors, 1 error findings, 2 a file cannot be read.",
    )
    _book_arguments(check)
    check.add_argument("--json", action="store_true", help="print the summary and findings as JSON")
    check.add_argument("--all", action="store_true", help="list every finding (default: the first 200)")
    check.set_defaults(func=_check)

    report = sub.add_parser(
        "report",
        help="write the Excel SLA report",
        description="Exit status: 0 written, 1 written with error findings in it, 2 not written.",
    )
    _book_arguments(report)
    report.add_argument("--customer", action="append", metavar="NAME", help="only this customer; repeatable")
    report.add_argument(
        "--period",
        type=_period,
        metavar="WINDOW",
        help="the cases compliance counts: term, 90d (1 to 9,999 days), last-quarter, this-quarter, last-month, "
        "this-month, all (the default) or FROM..TO; the Summary and the Compliance sheet name it",
    )
    report.add_argument("-o", "--output", required=True, metavar="OUT.xlsx", help="the report workbook to write (.xlsx)")
    report.set_defaults(func=_report)

    calendar = sub.add_parser(
        "calendar",
        help="write the key dates as a calendar file (.ics)",
        description="Every key date of the customers as an all-day event, with a reminder "
        "before each action deadline; re-importing an updated file updates the "
        "events. Exit status: 0 written, 2 not written.",
    )
    _book_arguments(calendar)
    calendar.add_argument("--customer", action="append", metavar="NAME", help="only this customer; repeatable")
    calendar.add_argument("-o", "--output", required=True, metavar="OUT.ics", help="the calendar file to write (.ics)")
    calendar.set_defaults(func=_calendar)

    sheet = sub.add_parser(
        "sheet",
        help="write the one-page entitlement sheet of customers (PDF)",
        description="One page per customer (a second only when needed), the customer's copy: programs in force, "
        "benefits, targets and clocks, add-ons and key dates, how to get help, named contacts, SLA "
        "compliance and the conditions that apply. A customer whose contracts have errors gets a sheet "
        "marked DRAFT. Exit status: 0 written, 1 written with a DRAFT (the errors are named), 2 not written.",
    )
    _book_arguments(sheet)
    sheet.add_argument(
        "--customer",
        action="append",
        required=True,
        metavar="NAME",
        help="this customer; repeat for several (one PDF, a page break between them)",
    )
    sheet.add_argument(
        "--paper",
        choices=["a4", "letter"],
        type=str.lower,
        help="paper size (default: Letter where the locale uses US units, else A4)",
    )
    sheet.add_argument(
        "--internal", action="store_true", help="also list the contract book's findings (for the account team, not the customer)"
    )
    sheet.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write (.pdf)")
    sheet.set_defaults(func=_sheet)

    _brief_arguments(sub)
    _whatif_arguments(sub)

    diff = sub.add_parser(
        "diff",
        help="what changed between two versions of a contract book",
        usage="explorer diff OLD NEW [-o OUT.xlsx] [--json]\n       explorer diff OLD... --against NEW... [-o OUT.xlsx] [--json]",
        description="Contracts added, removed, renewed, changed, upgraded or downgraded, and named "
        "contacts added, removed or changed. Exit status: 0 no changes, 1 changes, "
        "2 a file cannot be read.",
    )
    diff.add_argument(
        "old", nargs="+", metavar="OLD", help="the earlier book's files or saved workspace (or OLD NEW: one of each)"
    )
    diff.add_argument("--against", nargs="+", metavar="NEW", help="the later book's files or saved workspace")
    diff.add_argument("-o", "--output", metavar="OUT.xlsx", help="also write the changes as a workbook")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    diff.add_argument("--catalog", help="use this catalog file instead of the bundled one")
    diff.set_defaults(func=_diff)

    mapper = sub.add_parser(
        "map",
        help="write the column mapping the importer would use, to edit and pass back",
        description="Writes, for each table (and each sheet it could not read), the header "
        "layout, the table kind and the column of each field, with confidence and "
        "unused columns as comments. Edit it and pass it with --mapping. Exit "
        "status: 0 written, 2 not written.",
    )
    mapper.add_argument("files", nargs="+", metavar="FILE", help="the files to map")
    mapper.add_argument("--cases", action="append", metavar="FILE", help="a case log; repeatable")
    mapper.add_argument("--mapping", action="append", metavar="FILE.toml", help="start from these mappings")
    mapper.add_argument("-o", "--output", required=True, metavar="MAPPING.toml", help="the mapping file to write (.toml)")
    _common_arguments(mapper)
    mapper.set_defaults(func=_map)

    explain = sub.add_parser(
        "explain",
        help="why a case is due when it is, step by step",
        description="Exit status: 0 the case is found, 1 it is not, 2 a file cannot be read.",
    )
    explain.add_argument("case_id", metavar="CASE_ID", help="the case's ID as the case log writes it (e.g. 999004)")
    explain.missing_hint = "give CASE_ID, then FILE... or --sample"
    _book_arguments(explain)
    explain.set_defaults(func=_explain)

    saved = sub.add_parser(
        "mappings",
        help="list, remove, export or import the saved column mappings",
        description="The column mappings saved by the app (Map Columns), kept per header layout "
        "in the user configuration folder.",
    )
    saved.add_argument("action", choices=("list", "remove", "export", "import"))
    saved.add_argument(
        "target", nargs="?", metavar="NUMBER|FILE.toml", help="remove: the number 'list' shows; export/import: the TOML file"
    )
    _common_arguments(saved)
    saved.set_defaults(func=_mappings)

    template = sub.add_parser("template", help="write an empty contract book with drop-downs and instructions")
    template.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="the empty contract book to write (.xlsx)")
    _common_arguments(template)
    template.set_defaults(func=_template)

    # Listed for --help only: main() hands 'gui' to the app's own parser before this one runs.
    sub.add_parser("gui", help="open the desktop app (the same as 'explorer [FILE...]')", add_help=False)
    return parser


# What people call a command by another name: the outputs' own names, and neighbouring tools' words
COMMAND_WORDS = {
    "renewal": "brief",
    "renew": "brief",
    "entitlement": "sheet",
    "entitlements": "sheet",
    "ics": "calendar",
    "ical": "calendar",
    "upgrade": "whatif",
    "compare": "whatif",
    "validate": "check",
    "lint": "check",
    "xlsx": "report",
    "export": "report",
    "mapping": "map",
}


def unknown_command(argv: Sequence[str]) -> str | None:
    """Why the first argument is refused: a word like a command ('renewal') that names no command and no file is
    a mistyped command, not a book for the app to open. None where it is a command, an option or a file."""
    first = argv[0] if argv else ""
    if first in SUBCOMMANDS or not re.fullmatch(r"[A-Za-z][A-Za-z_-]*", first) or Path(first).exists():
        return None
    word = first.casefold()
    near = COMMAND_WORDS.get(word) or next(iter(difflib.get_close_matches(word, SUBCOMMANDS, n=1, cutoff=0.75)), None)
    hint = f"; did you mean '{near}'?" if near else " and no file of that name"
    return f"no command '{first}'{hint} (see explorer --help)"


def wants_gui(argv: Sequence[str]) -> bool:
    """`explorer`, `explorer FILE...` and `explorer --sample ...` open the app; subcommands stay headless."""
    if not argv:
        return True
    first = argv[0]
    return first not in SUBCOMMANDS and first not in ("-h", "--help", "--version")


def run() -> NoReturn:
    """The `explorer` command (and the bundle's): main, then a headless command's process ends at once.

    Python's own ending frees every module and what it holds one object at a time: 0.2-0.35 s of the 10k book's
    `explorer check`, for memory the system takes back whole anyway. So the exit handlers run (the log's flush,
    temporary folders) and the process ends there. The app ends as usual: Qt saves its settings as it closes.
    """
    argv = sys.argv[1:]
    if wants_gui(argv) or argv[:1] == ["gui"]:
        raise SystemExit(main(argv))
    code = main(argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # as main: the reader closed the pipe
        pass
    atexit._run_exitfuncs()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if (mistyped := unknown_command(argv)) is not None:
        return _fail(mistyped)
    if wants_gui(argv) or argv[:1] == ["gui"]:
        from explorer.gui.app import run_gui

        return run_gui(argv[1:] if argv[:1] == ["gui"] else argv)
    from explorer.atomic import remove_on_signals

    remove_on_signals()  # SIGTERM/SIGINT remove half-written outputs first
    from explorer import heap

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(out), _Printable(err)
    try:
        # A command makes the book and its outputs and then ends: the collector would only walk them again
        # and again (3 s of the 10k book's 20 s calendar), for the few reference cycles the exit frees anyway.
        with heap.paused():
            return _run(argv)
    except BrokenPipeError:
        # The reader closed the pipe (explorer check | head): Python's docs' recipe, so the
        # interpreter's final flush of stdout does not fail again with a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS
    finally:
        sys.stdout, sys.stderr = out, err


class _Printable:
    """A terminal stream that drops control characters: a customer named with ESC [2J must not
    clear the screen or retitle the terminal. Tabs and newlines stay."""

    CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(self.CONTROL.sub("", text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _command_parser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser:
    """The sub-command's parser ("explorer report"), or the top-level one where no command was given."""
    for action in parser._actions:  # argparse keeps its sub-parsers in the sub-parsers action's choices
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            chosen: argparse.ArgumentParser = action.choices[command]
            return chosen
    return parser


def _run(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # said by the command's own parser, so the message names the command and its --help
            _command_parser(parser, getattr(args, "command", None)).error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:  # --help, --version and usage errors: their exit code, not an exception
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    if getattr(args, "func", None) is None:
        build_parser().print_help()
        return EXIT_OK
    problem = _output_problem(args.command, getattr(args, "output", None))
    if problem:
        return _fail(problem)
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # inside the BrokenPipeError handler
        return code
    except KeyboardInterrupt:
        return 130
