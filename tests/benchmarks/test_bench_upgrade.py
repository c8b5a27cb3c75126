"""Upgrade evidence benchmark: 200,000 cases, every term against every higher program of its product.

Beside it, in the same run and on the same cases: the plain evaluation (one engine run over
the book, as the app makes on loading) and a naive what-if that re-evaluates the whole book
once per higher program with every contract moved to it. Ours judges only the terms in
review's cases, and once per distinct promise (Premier, Premier Access and Premier Plus
promise the same). Target: under 1 s.
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_upgrade.py
"""

from __future__ import annotations

import pytest

from .harness import measure, report

pytestmark = pytest.mark.benchmark

SETUP = """
import dataclasses
from datetime import date, datetime, timezone
from explorer.app import upgrade
from explorer.catalog import default_catalog
from explorer.model import Book
from explorer.sla.calendars import public_holidays
from explorer.sla.engine import evaluate
from tests.benchmarks.sla_data import ZONES, million_case_book
catalog = default_catalog()
book = million_case_book(200_000, 2_000)
as_of = date(2026, 6, 1)
moment = datetime(2026, 6, 1, 23, 59, 59, tzinfo=timezone.utc)
for _, country in ZONES:  # holiday tables load once per process; not part of any figure
    public_holidays(country, 2024, 2028)

def naive():
    for program in ("okta-premier", "okta-premier-access", "okta-premier-plus", "auth0-premier"):
        product = "auth0" if program.startswith("auth0") else None
        moved = [
            dataclasses.replace(c, program=program) if (c.product == "auth0") == (product == "auth0") else c
            for c in book.contracts
        ]
        evaluate(Book(contracts=moved, holidays=book.holidays, cases=book.cases), catalog, moment)
"""


def test_upgrade_evidence_speed() -> None:
    ours = measure(
        "every term vs every higher program (vectorised)",
        SETUP,
        "pairs, table = upgrade.every_higher(book, catalog, as_of, moment)\nassert len(pairs) > 2_000 and len(table)",
        repeat=5,
        warm=True,
    )
    plain = measure("plain evaluation of the book (reference)", SETUP, "evaluate(book, catalog, moment)", repeat=5, warm=True)
    naive = measure("whole book re-evaluated per higher program", SETUP, "naive()", repeat=3, warm=True)
    ratio = report("Upgrade evidence: 200,000 cases, 2,000 customers, every higher program", ours, naive)
    print(f"  reference: {plain.name} {plain.seconds:.2f} s ({ours.seconds / plain.seconds:.1f}x of it)")
    assert ours.seconds < 1.0
    assert ratio > 1
