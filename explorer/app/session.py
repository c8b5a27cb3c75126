"""What the app has open: the book, the catalog, the as-of date, and what follows from them (Qt-free)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from explorer.app.overview import Overview, build_overview
from explorer.catalog import Catalog, default_catalog
from explorer.importing.book import load_book
from explorer.model import Book
from explorer.sla.engine import SlaResult, as_of_moment, evaluate


class Cancelled(Exception):
    """The user cancelled a load."""


@dataclass
class Session:
    files: list[str]
    book: Book
    catalog: Catalog
    as_of: date
    sla: SlaResult | None
    overview: Overview

    def with_as_of(self, as_of: date) -> Session:
        """The same book judged on another day: statuses and SLA outcomes follow."""
        sla = evaluate(self.book, self.catalog, as_of_moment(as_of)) if self.book.cases is not None else None
        return Session(self.files, self.book, self.catalog, as_of, sla, build_overview(self.book, self.catalog, as_of, sla))


def open_session(files: Sequence[str | Path], as_of: date, catalog: Catalog | None = None,
                 progress: Callable[[str], None] | None = None, case_timezone: str | None = None) -> Session:
    """Load files (contract books and case logs alike: tables are told apart by their headers)."""
    catalog = catalog or default_catalog()
    book = load_book([str(f) for f in files], (), catalog, case_timezone=case_timezone, progress=progress)
    if progress:
        progress("Evaluating cases")
    sla = evaluate(book, catalog, as_of_moment(as_of)) if book.cases is not None else None
    if progress:
        progress("Preparing views")
    return Session([str(f) for f in files], book, catalog, as_of, sla, build_overview(book, catalog, as_of, sla))
