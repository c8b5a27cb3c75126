"""A term bought again after a lapse is a new purchase (README Renewals): the renewal brief called it "renewed"
(renew14 D7), hiding the lapse the report's dates show (the old deadline Past, a second mobilization)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.app.renewal import brief_for
from explorer.app.session import open_session
from explorer.model import customer_key

HEADER = "Customer,Product,Tier,Start,End,Dedicated CSE,MCSE,Time Zone,Country\n"


def _changes(tmp_path: Path, rows: str) -> list[str]:
    book = tmp_path / "book.csv"
    book.write_text(HEADER + rows, "utf-8")
    session = open_session([book], date(2026, 12, 8))
    brief = brief_for(session, customer_key("Liberty Delightful"))
    assert brief is not None
    return brief.changes


def test_a_term_after_a_gap_is_bought_again_not_renewed(tmp_path: Path) -> None:
    said = _changes(
        tmp_path,
        "Liberty Delightful,Okta,Premier Plus,2024-11-01,2025-10-31,Yes,50%,America/Chicago,US\n"
        "Liberty Delightful,Okta,Premier Plus,2026-01-15,2027-01-14,Yes,50%,America/Chicago,US\n",
    )
    assert said == [
        "Okta: Premier Plus bought again on 2026-01-15 after a lapse (previous term ended 2025-10-31; 75 days without "
        "a contract); CSE and MCSE mobilized again (available 2026-04-15)."
    ]


def test_a_term_the_day_after_is_renewed_and_a_one_day_gap_is_a_lapse(tmp_path: Path) -> None:
    renewed = _changes(
        tmp_path,
        "Liberty Delightful,Okta,Premier Plus,2025-01-15,2026-01-14,Yes,,America/Chicago,US\n"
        "Liberty Delightful,Okta,Premier Plus,2026-01-15,2027-01-14,Yes,,America/Chicago,US\n",
    )
    assert renewed == ["Okta: Premier Plus renewed (previous term 2025-01-15 – 2026-01-14)."]
    lapsed = _changes(
        tmp_path,
        "Liberty Delightful,Okta,Premier,2025-01-14,2026-01-13,,,America/Chicago,US\n"
        "Liberty Delightful,Okta,Premier Plus,2026-01-15,2027-01-14,Yes,,America/Chicago,US\n",
    )
    assert lapsed == [
        "Okta: Premier → Premier Plus (upgrade), bought again on 2026-01-15 after a lapse (previous term ended "
        "2026-01-13; 1 day without a contract); add-on added: Dedicated Customer Success Executive (CSE)."
    ]
