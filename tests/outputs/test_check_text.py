"""`explorer check`'s text: one place, one column, per finding."""

from __future__ import annotations

from datetime import date

from explorer.app.session import open_session
from explorer.model import Finding, Severity, Source
from explorer.outputs.summary import as_text
from explorer.paths import resource_path


def test_a_finding_names_its_own_column_once_where_its_source_names_another() -> None:
    # A contact read from a cell listing people is sourced to that column; a finding about its region named both.
    session = open_session([resource_path("sample/contracts.xlsx")], date(2026, 11, 28))
    session.findings[:] = [
        Finding(
            Severity.WARNING, "Region 'Mars' is not a region.", Source("book.xlsx", "Contracts", 4, "Named contacts"), "Region"
        ),
        Finding(Severity.INFO, "Listed.", Source("book.xlsx", "Contracts", 5, "Named contacts")),
    ]
    lines = as_text(session, limit=None).splitlines()[-2:]
    assert lines == [
        "WARNING book.xlsx, Contracts, row 4, column 'Region': Region 'Mars' is not a region.",
        "INFO    book.xlsx, Contracts, row 5, column 'Named contacts': Listed.",
    ]
