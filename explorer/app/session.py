"""What the app has open: the workspace, its book and catalog, the as-of day, and what follows (Qt-free).

The desktop app, the command line and every output read a Session; none of them
rebuilds the load -> judge -> findings pipeline itself.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from explorer import clock, heap
from explorer.app import findings as pipeline
from explorer.app import mark_keys
from explorer.app.cancel import NEVER, Cancelled, CancelToken
from explorer.app.overview import Overview, build_overview, remark
from explorer.app.workspace import Workspace
from explorer.catalog import Catalog, default_catalog, load_catalog
from explorer.importing.book import load_book
from explorer.importing.mappings import Lookup, MappingStore, load_mapping_file, stated_order
from explorer.model import Book, Finding, Severity
from explorer.shown import shown_name
from explorer.sla.engine import SlaResult, evaluate

if TYPE_CHECKING:
    from explorer.app.sheet import CustomerSheet

__all__ = ["Cancelled", "Session", "load_session", "open_session"]

Progress = Callable[[str], None]
log = logging.getLogger(__name__)


@dataclass
class Session:
    workspace: Workspace
    book: Book
    catalog: Catalog
    as_of: date
    moment: datetime  # the instant cases are judged at (explorer.clock.as_of_moment of as_of)
    sla: SlaResult | None
    findings: list[Finding]  # book, contract and SLA findings, worst first (explorer.app.findings)
    views: Overview | None = None  # the overview once built (load_session builds it unless told not to)

    @property
    def overview(self) -> Overview:
        """The app's book-wide tables: built with the session for the app, on first use for the command line
        (check and report never use them: about a second of the 10,000-contract book's whole run)."""
        if self.views is None:
            done = self.workspace.done_marks()
            self.views = build_overview(self.book, self.catalog, self.as_of, self.sla, self.findings, done)
        return self.views

    @functools.cached_property
    def error_count(self) -> int:
        """Errors among all findings (book, contract and SLA); counted once, the status bar asks on every keystroke."""
        return pipeline.errors(self.findings)

    @property
    def files(self) -> list[str]:
        return self.workspace.all_files

    def with_as_of(self, as_of: date, cancel: CancelToken = NEVER) -> Session:
        """The same book judged on another day: statuses and SLA outcomes follow."""
        workspace = dataclasses.replace(self.workspace, as_of=None if as_of == clock.today() else as_of)
        return _judge(workspace, self.book, self.catalog, as_of, None, cancel)

    def with_marks(self, key: str | None = None) -> Session:
        """The same judgement with the workspace's done-marks applied again (statuses, colours, Upcoming): for
        one customer (by key) when only its mark changed, else for the whole book."""
        done = self.workspace.done_marks()
        if key is not None:
            again = dataclasses.replace(self, views=remark(self.overview, self.book, self.catalog, key, done))
            if "error_count" in self.__dict__:  # the findings are the same: their count is not taken again
                again.__dict__["error_count"] = self.error_count
            return again
        return dataclasses.replace(self, views=build_overview(self.book, self.catalog, self.as_of, self.sla, self.findings, done))

    def sheet(self, key: str) -> CustomerSheet | None:
        """Everything about one customer (by customer key) on the as-of day; None for an unknown key."""
        from explorer.app.sheet import customer_sheet

        return customer_sheet(self, key)


def load_session(
    workspace: Workspace,
    catalog: Catalog | None = None,
    progress: Progress | None = None,
    cancel: CancelToken = NEVER,
    skip_unreadable: bool = False,
    views: bool = True,
) -> Session:
    """Open what the workspace names. Raises UnreadableFile, CatalogError or Cancelled.

    ``catalog`` overrides the workspace's catalog (the app's, or a test's edited copy). With
    ``skip_unreadable`` (the app) a file that cannot be read is a finding and the rest opens.
    Without ``views`` the overview is built when first asked for (the command line).
    """

    def step(text: str) -> None:
        cancel.check()
        if progress:
            progress(text)

    if catalog is None:
        catalog = load_catalog(workspace.catalog) if workspace.catalog else default_catalog()
    log.info("opening %s", ", ".join(workspace.all_files))
    saved = mapping_lookup(workspace, catalog)
    book = load_book(
        workspace.files,
        workspace.case_files,
        catalog,
        case_timezone=workspace.case_timezone,
        case_dates=stated_order(workspace.case_dates) if workspace.case_dates else None,
        case_dates_from=workspace.case_dates_from or "the workspace's case_dates",
        progress=step,
        saved=saved,
        skip_unreadable=skip_unreadable,
    )
    book.findings.extend(Finding(Severity.WARNING, notice) for notice in saved.notices)
    if workspace.marks:  # as the program keys them, and the ones that name no date said
        workspace.marks = MappingProxyType(mark_keys.keyed(workspace.marks, catalog))
        book.findings.extend(mark_keys.unmatched(workspace.marks, book, catalog, workspace.path))
        book.findings.extend(mark_keys.done_on_no_deadline(workspace.marks, book, catalog, workspace.path))
    return _judge(workspace, book, catalog, workspace.day(), step, cancel, views)


def mapping_lookup(workspace: Workspace, catalog: Catalog) -> Lookup:
    """The workspace's mapping files first, then the mappings the user saved (raises MappingError)."""
    given = [
        dataclasses.replace(m, origin=shown_name(path)) for path in workspace.mappings for m in load_mapping_file(path, catalog)
    ]
    store = MappingStore(catalog)
    saved = store.all()
    return Lookup(given, saved, notices=[store.notice] if store.notice else [])


@heap.paused()
def _judge(
    workspace: Workspace,
    book: Book,
    catalog: Catalog,
    as_of: date,
    step: Progress | None,
    cancel: CancelToken,
    views: bool = True,
) -> Session:
    cancel.check()
    if step:
        step("Evaluating cases")
    moment = clock.as_of_moment(as_of)
    sla = evaluate(book, catalog, moment) if book.cases is not None else None
    cancel.check()
    if step:
        step("Preparing views")
    found = pipeline.collect(book, catalog, as_of, sla)
    overview = build_overview(book, catalog, as_of, sla, found, workspace.done_marks()) if views else None
    cancel.check()
    log.info(
        "judged %d contracts and %d cases as of %s: %d findings",
        len(book.contracts),
        0 if sla is None else len(sla.cases),
        as_of,
        len(found),
    )
    return Session(workspace, book, catalog, as_of, moment, sla, found, overview)


def open_session(
    files: Sequence[str | Path],
    as_of: date,
    catalog: Catalog | None = None,
    progress: Progress | None = None,
    case_timezone: str | None = None,
    cancel: CancelToken = NEVER,
) -> Session:
    """Load files (contract books and case logs alike: tables are told apart by their headers)."""
    workspace = Workspace(
        files=[str(f) for f in files], case_timezone=case_timezone, as_of=None if as_of == clock.today() else as_of
    )
    session = load_session(workspace, catalog, progress, cancel)
    if session.as_of != as_of:  # the day turned while loading: keep the day asked for
        session = session.with_as_of(as_of, cancel)
    return session
