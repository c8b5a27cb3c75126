"""A contract is a (customer, product); its rows are its terms (domain.md §1, §8) — newuser5 F6: the customer header
said "2 contracts" for Tailspin Toys' one Okta contract renewed from Basic to Premier, and the status line and
`explorer check` counted rows. One count (view_model.contract_count) behind the header, the status line and check."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from explorer.app import view_model
from explorer.app.session import open_session
from explorer.cli import main

from ..files import write_csv

AS_OF = date(2026, 12, 8)
ROWS = [
    ["Tailspin Toys", "Okta", "Basic", "2025-01-01", "2025-12-31", "AMER", "America/New_York", "US", "", "", ""],
    ["Tailspin Toys", "Okta", "Premier", "2026-01-01", "2026-12-31", "AMER", "America/New_York", "US", "", "", ""],
    ["Tailspin Toys", "Auth0", "Premier", "2026-01-01", "2026-12-31", "AMER", "America/New_York", "US", "", "", ""],
    ["Proseware", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "AMER", "America/New_York", "US", "", "", ""],
]


def test_one_contract_of_two_terms_is_counted_so_everywhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = write_csv(tmp_path / "book.csv", rows=ROWS)
    session = open_session([book], AS_OF)
    assert view_model.contract_count(session.book.contracts) == (3, 4)
    tailspin, proseware = session.sheet("tailspin toys"), session.sheet("proseware")
    assert tailspin is not None and proseware is not None
    assert view_model.customer_summary(tailspin).startswith("2 contracts (3 terms) · ")
    assert view_model.customer_summary(proseware).startswith("1 contract · ")  # one term: said once
    assert "2 of 2 customers · 3 contracts (4 terms) · " in view_model.status_line(session, 2, 2)
    main(["check", str(book), "--as-of", f"{AS_OF}"])
    assert "2 customers, 3 contracts (4 terms)" in capsys.readouterr().out
    main(["check", str(book), "--as-of", f"{AS_OF}", "--json"])
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["contracts"], summary["terms"]) == (3, 4)
