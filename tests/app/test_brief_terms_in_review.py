"""The renewal brief's terms agree with its window (new user round 5 #7), and a customer whose only term has not
started is named by that term in every view (helper C's leftover)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.app import periods, renewal
from explorer.app.session import open_session
from explorer.cli import main
from explorer.outputs.entitlement import sheet_html
from explorer.outputs.report.upgrade_sheet import NO_PROGRAM_UP, upgrade_evidence

from ..files import write_csv

HEADER = ["Customer", "Product", "Tier", "Term Start", "Term End", "Time Zone"]
CASE_HEADER = ["Case Number", "Account Name", "Product", "Priority", "Created Date (UTC)", "First Response (UTC)"]


def test_a_product_that_ended_before_the_term_is_not_reviewed(tmp_path: Path) -> None:
    """Woodgrove Bank: Okta Premier ended 2026-05-31, not renewed; Auth0 Premier from 2026-06-01. The brief's
    window is the Auth0 term, so the Okta term is neither listed nor argued about; its later case is a lapse."""
    book = write_csv(
        tmp_path / "book.csv",
        header=HEADER,
        rows=[
            ["Woodgrove Bank", "Okta", "Premier", "2025-06-01", "2026-05-31", "Europe/London"],
            ["Woodgrove Bank", "Auth0", "Premier", "2026-06-01", "2027-05-31", "Europe/London"],
        ],
    )
    cases = write_csv(
        tmp_path / "cases.csv",
        header=CASE_HEADER,
        rows=[
            ["W-1", "Woodgrove Bank", "Auth0", "P4", "2026-09-01T09:00:00Z", "2026-09-01T22:00:00Z"],
            ["W-2", "Woodgrove Bank", "Okta", "P3", "2026-10-01T09:00:00Z", "2026-10-01T10:00:00Z"],
        ],
    )
    session = open_session([book, cases], date(2026, 12, 8))
    brief = renewal.brief_for(session, "woodgrove bank")
    assert brief is not None
    assert brief.window.label == "This term (2026-06-01 – 2026-12-08)"
    assert [(t.product, t.program) for t in brief.terms] == [("Auth0", "Premier")]
    assert all(c.product == "Auth0" for c in brief.evidence)
    assert not any("Okta" in line for line in brief.changes)
    assert [lapse.product for lapse in brief.sheet.lapses] == ["Okta"]  # said under the breaches
    assert "Premier Access" not in renewal.program_choices(session, "woodgrove bank")  # Okta's only


def test_the_report_whatif_and_the_brief_agree_on_the_terms_in_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Woodgrove Bank: the report's Upgrade Evidence and whatif argued an upgrade of the Okta term that ended before
    the Auth0 term began ("no cases in the term: nothing to compare"); they follow the brief's rule
    (history.ended_in_review): Okta is out of review in all three."""
    book = write_csv(
        tmp_path / "book.csv",
        header=HEADER,
        rows=[
            ["Woodgrove Bank", "Okta", "Premier", "2025-06-01", "2026-05-31", "Europe/London"],
            ["Woodgrove Bank", "Auth0", "Premier", "2026-06-01", "2027-05-31", "Europe/London"],
        ],
    )
    cases = write_csv(
        tmp_path / "cases.csv",
        header=CASE_HEADER,
        rows=[["W-1", "Woodgrove Bank", "Auth0", "P4", "2026-09-01T09:00:00Z", "2026-09-01T22:00:00Z"]],
    )
    session = open_session([book, cases], date(2026, 12, 8))
    assert session.sla is not None
    brief = renewal.brief_for(session, "woodgrove bank")
    assert brief is not None
    assert [(c.product, c.current.name) for c in brief.evidence] == [("Auth0", "Premier")]  # Auth0's top: down
    sheet = upgrade_evidence(session.book, session.catalog, session.as_of, session.sla, ["woodgrove bank"])
    assert sheet["Customer"].tolist() == [NO_PROGRAM_UP]  # Auth0 Premier has no program up; no Okta row
    args = ["whatif", str(book), "--cases", str(cases), "--as-of", "2026-12-08", "--customer", "Woodgrove Bank"]
    assert main([*args, "--program", "Premier Plus"]) == 2  # Okta's only: no term of it in review
    assert "Okta" not in capsys.readouterr().out
    assert main([*args, "--program", "Enterprise"]) == 0
    out = capsys.readouterr().out
    assert "Auth0" in out and "Okta" not in out
    assert renewal.program_choices(session, "woodgrove bank") == ["Enterprise", "Premier"]


def test_a_product_that_ran_into_the_term_is_still_reviewed(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=HEADER,
        rows=[
            ["Overlap Co", "Okta", "Premier", "2025-06-01", "2026-06-30", "Europe/London"],
            ["Overlap Co", "Auth0", "Premier", "2026-06-01", "2027-05-31", "Europe/London"],
        ],
    )
    brief = renewal.brief_for(open_session([book], date(2026, 12, 8)), "overlap co")
    assert brief is not None and [t.product for t in brief.terms] == ["Okta", "Auth0"]
    assert brief.window.label == "This term (Okta 2025-06-01 – 2026-06-30; Auth0 2026-06-01 – 2026-12-08)"


def test_a_term_not_started_names_the_window_in_every_view(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=HEADER,
        rows=[["Proseware", "Okta", "Premier Plus", "2027-01-01", "2027-12-31", "America/New_York"]],
    )
    cases = write_csv(tmp_path / "cases.csv", header=CASE_HEADER, rows=[])
    session = open_session([book, cases], date(2026, 12, 8))
    sheet = session.sheet("proseware")
    assert sheet is not None
    said = "The term starting 2027-01-01 (not started)"
    assert sheet.window(periods.TERM).label == said  # the SLA tab's and the sheet's window
    assert said in sheet_html(sheet) and "no term in force" not in sheet_html(sheet)
    brief = renewal.brief_for(session, "proseware")
    assert brief is not None and brief.window.label == said
