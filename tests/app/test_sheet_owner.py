"""CustomerSheet facts the outputs read: who owns the account (the catalog's owner columns) and the term for "this term"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.app.session import open_session
from explorer.model import customer_key

from ..files import write_csv

HEADER = ["Customer", "Product", "Tier", "Term Start", "Term End", "AM", "Account Owner", "Owner notes"]
ROWS = [
    ["Acme", "Okta", "Premier", "2025-01-01", "2025-12-31", "", "Old Owner", ""],
    ["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31", "Ann Am", "Jo Owner", "call Fridays"],
    ["Beta", "Okta", "Basic", "2024-01-01", "2024-12-31", "", "", "not an owner"],
]


def test_owner_and_term_span(tmp_path: Path) -> None:
    book = write_csv(tmp_path / "book.csv", rows=ROWS, header=HEADER)
    session = open_session([book], date(2026, 6, 1))
    acme, beta = (session.sheet(customer_key(n)) for n in ("Acme", "Beta"))
    assert acme is not None and beta is not None
    # the catalog lists Account Owner before AM; the term in force is read before the ended one
    assert acme.owner == "Jo Owner" and beta.owner == ""
    assert acme.term_span == (date(2026, 1, 1), date(2026, 12, 31))
    assert beta.term_span == (date(2024, 1, 1), date(2024, 12, 31))  # ended: its last term
