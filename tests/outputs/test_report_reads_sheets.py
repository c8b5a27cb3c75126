"""The report says what each customer's CustomerSheet says, and no output calls the rules itself."""

from __future__ import annotations

import ast
from collections import defaultdict
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import explorer.outputs
from explorer.app.book_sheets import book_sheets, session_sheets
from explorer.app.cancel import Cancelled, CancelToken
from explorer.app.session import Session, open_session
from explorer.app.sheet import CustomerSheet
from explorer.catalog import default_catalog
from explorer.model import customer_key
from explorer.outputs.report.build import build_report
from explorer.paths import resource_path

AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="module")
def session() -> Session:
    opened = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], AS_OF, default_catalog())
    # one action deadline marked done, so the sheets' and the report's statuses both carry the mark
    line = next(d for key in opened.overview.contracts_by_key if (s := opened.sheet(key)) for d in s.dates if d.overdue)
    opened.workspace.set_mark(line.key, done=True, marked=date(2026, 11, 20))
    return opened


@pytest.fixture(scope="module")
def sheets(session: Session) -> dict[str, CustomerSheet]:
    return session_sheets(session)  # the app's sheets, not the ones the report builds for itself


def by_customer(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for row in frame[["Customer", *columns]].itertuples(index=False):
        out[customer_key(str(row[0]))].append(tuple(None if pd.isna(v) else v for v in row[1:]))
    return {key: sorted(rows, key=repr) for key, rows in out.items()}


def test_report_rows_are_the_sheets(session: Session, sheets: dict[str, CustomerSheet]) -> None:
    data = build_report(session.book, session.catalog, session.as_of, session.sla, done=session.workspace.done_marks())
    contracts = by_customer(
        data.sheets["Contracts"],
        ["Product", "Tier", "Term Start", "Term End", "Status", "Named Contact Limit", "Named Contacts", "Administrative Days"],
    )
    key_dates = by_customer(data.sheets["Key Dates"], ["Product", "Event", "Date", "Status"])
    targets = by_customer(
        data.sheets["SLA Targets"],
        ["Product", "Tier", "Term Start", "Term End", "Priority", "First Response Target (h)", "Clock"],
    )
    assert len(sheets) == len(session.overview.customers) >= 20
    for key, sheet in sheets.items():
        rows = sheet.contracts
        assert contracts[key] == sorted(
            (
                (
                    c.product_name,
                    c.program_name,
                    c.contract.term_start,
                    c.contract.term_end,
                    c.status.value,
                    c.named_limit,
                    c.named_count,
                    None if c.administrative_days is None else float(c.administrative_days),
                )
                for c in rows
            ),
            key=repr,
        ), sheet.name
        assert key_dates.get(key, []) == sorted(
            ((c.product_name, d.date.event, d.date.day, d.status) for c in rows for d in c.dates), key=repr
        ), sheet.name
        assert targets.get(key, []) == sorted(
            (
                (
                    t.product,
                    t.program,
                    c.contract.term_start,
                    c.contract.term_end,
                    f"P{t.target.priority}",
                    t.target.hours,
                    t.target.calendar.short_label,
                )
                for c in rows
                for t in c.targets
            ),
            key=repr,
        ), sheet.name
    # the rows compared are real ones: every contract, the done mark and an over-limit add-on among them
    assert sum(map(len, contracts.values())) == len(session.book.contracts)
    assert any(status.startswith("Done (marked 2026-11-20)") for rows in key_dates.values() for *_, status in rows)
    assert any(c.named_limit is not None and c.named_count > c.named_limit for s in sheets.values() for c in s.contracts)


def test_the_books_sheets_are_the_sessions(session: Session, sheets: dict[str, CustomerSheet]) -> None:
    """The report's own sheets (from the book and the done-marks) and the app's (from the session's indexes) agree."""
    built = book_sheets(session.book, session.catalog, session.as_of, session.sla, done=session.workspace.done_marks())
    assert list(built) == list(sheets)
    for key, sheet in built.items():
        app = sheets[key]
        assert (sheet.name, sheet.contracts, sheet.contacts, sheet.findings) == (
            app.name,
            app.contracts,
            app.contacts,
            app.findings,
        )
        assert sheet.cases is not None and app.cases is not None and sheet.cases.equals(app.cases)
        one = session.sheet(key)
        assert one is not None and one.contracts == app.contracts and one.contacts == app.contacts


def test_building_sheets_stops_when_cancelled(session: Session) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        book_sheets(session.book, session.catalog, session.as_of, session.sla, cancel=token)


FORBIDDEN = ("explorer.rules", "explorer.history")


def rule_imports(source: str) -> list[str]:
    """The modules of explorer.rules and explorer.history a module's source imports directly."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith(FORBIDDEN)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names]
            found += [n for n in [node.module, *names] if n.startswith(FORBIDDEN) and n.count(".") == 1]
    return found


def test_outputs_never_call_the_rules() -> None:
    """Every output reads CustomerSheets; importing the rules or the history would judge a customer again."""
    assert rule_imports("from explorer import rules, atomic") == ["explorer.rules"]
    assert rule_imports("import explorer.history as h") == ["explorer.history"]
    assert rule_imports("from explorer.app.sheet import CustomerSheet") == []
    package = Path(explorer.outputs.__file__).parent
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 10
    assert {
        str(m.relative_to(package)): rule_imports(m.read_text(encoding="utf-8"))
        for m in modules
        if rule_imports(m.read_text(encoding="utf-8"))
    } == {}
