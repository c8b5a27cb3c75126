"""A contract row's own status (catalog [term_status]): which words end a term early or say it never ran."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv

HEADER = ["Customer", "Product", "Tier", "Start", "End", "Stage", "Cancelled on"]


def test_status_words_are_matched_tolerantly_and_only_they_change_a_term(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=HEADER,
        rows=[
            ["A", "Okta", "Premier", "2026-01-01", "2026-12-31", "closed-lost", ""],  # never ran
            ["B", "Okta", "Premier", "2026-01-01", "2026-12-31", "Canceled", "2026-03-15"],  # ended early
            ["C", "Okta", "Premier", "2026-01-01", "2026-12-31", "Terminated", "2027-02-01"],  # after its end: as written
            ["D", "Okta", "Premier", "2026-01-01", "2026-12-31", "Terminated", "soon"],  # not a date: as written, a warning
            ["E", "Okta", "Premier", "2026-01-01", "2026-12-31", "Active", "2026-03-15"],  # an active word: as written
            ["F", "Okta", "Premier", "2026-01-01", "2026-12-31", "", "2026-05-31"],  # a date alone inside the term
            ["G", "Okta", "Premier", "2026-01-01", "2026-12-31", "Negotiation", ""],  # an unknown word: as written
        ],
    )
    loaded = load_book([book])
    ended = {c.customer: (c.ended_on, c.never_ran, c.runs_until) for c in loaded.contracts}
    end = date(2026, 12, 31)
    assert ended == {
        "A": (date(2025, 12, 31), True, date(2025, 12, 31)),
        "B": (date(2026, 3, 15), False, date(2026, 3, 15)),
        "C": (None, False, end),
        "D": (None, False, end),
        "E": (None, False, end),
        "F": (date(2026, 5, 31), False, date(2026, 5, 31)),
        "G": (None, False, end),
    }
    warned = {f.customer: f for f in loaded.findings if f.severity is Severity.WARNING and f.column in HEADER[5:]}
    assert sorted(warned) == ["A", "B", "D", "F"]
    assert (warned["A"].column, warned["A"].source.row) == ("Stage", 2)
    assert warned["D"].message == "Cancelled on 'soon' is not a date; the term is read to its contracted end (2026-12-31)."
    assert warned["F"].message.startswith("Cancelled on 2026-05-31: the term ends on 2026-05-31")
    kept = next(f.message for f in loaded.findings if "read for a term the book says" in f.message)
    assert kept.startswith("'Stage' and 'Cancelled on' are read for a term the book says ended early or never ran")
