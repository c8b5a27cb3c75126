"""'This term' holds the cases its term judged (domain.md §8, §10), in every view and output.

A case is judged by the term in force on its opening day in the customer's local time, so around
a term's first local midnight its UTC day can belong to the neighbouring term. The brief's figures,
its breach list, its upgrade evidence, the sheet, the report and the SLA tab's table count alike.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.app import periods, renewal
from explorer.app.session import open_session
from explorer.outputs.entitlement import sheet_html
from explorer.outputs.renewal import brief_html
from explorer.outputs.report.build import build_report

from ..files import write_csv

CONTRACTS = [
    # renewed at midnight in Berlin: 2026-03-31 00:30 local is 2026-03-30 22:30 UTC
    ["Chain Co", "Okta", "Premier", "2025-03-31", "2026-03-30", "Europe/Berlin"],
    ["Chain Co", "Okta", "Premier", "2026-03-31", "2027-03-30", "Europe/Berlin"],
    # upgraded from 2026-10-01 in Los Angeles: 2026-10-01 03:00 UTC is still 2026-09-30 there, under Premier
    ["Overlap Up", "Okta", "Premier", "2026-01-01", "2026-12-31", "America/Los_Angeles"],
    ["Overlap Up", "Okta", "Premier Plus", "2026-10-01", "2027-09-30", "America/Los_Angeles"],
]
CASES = [
    ["E015", "Chain Co", "Okta", "P2", "2026-03-30T22:30:00Z", "2026-03-31T02:00:00Z"],  # the new term's, breached
    ["E012", "Overlap Up", "Okta", "P1", "2026-10-01T03:00:00Z", "2026-10-01T05:00:00Z"],  # the old term's, breached
    ["E020", "Overlap Up", "Okta", "P4", "2026-10-05T12:00:00Z", "2026-10-05T13:00:00Z"],  # the new term's, met
]


def book(folder: Path) -> list[Path]:
    return [
        write_csv(
            folder / "terms.csv", header=["Customer", "Product", "Tier", "Term Start", "Term End", "Time Zone"], rows=CONTRACTS
        ),
        write_csv(
            folder / "cases.csv",
            header=["Case Number", "Account Name", "Product", "Priority", "Created Date (UTC)", "First Response (UTC)"],
            rows=CASES,
        ),
    ]


def test_this_term_counts_the_cases_its_term_judged(tmp_path: Path) -> None:
    files = book(tmp_path)
    for customer, day, counted, breached in (
        ("chain co", date(2026, 4, 10), ["E015"], ["E015"]),
        ("overlap up", date(2026, 12, 6), ["E020"], []),
    ):
        session = open_session(files, day)
        sheet = session.sheet(customer)
        assert sheet is not None and sheet.cases is not None
        window = sheet.window(periods.TERM)
        assert window.cases(sheet.cases)["case_id"].tolist() == counted, customer
        by_priority = sheet.compliance(periods.TERM)
        assert by_priority is not None and int(by_priority["Cases"].sum()) == len(counted), customer
        brief = renewal.brief_for(session, customer)
        assert brief is not None
        assert brief.breaches["case_id"].tolist() == breached, customer
        assert sum(c.cases for c in brief.evidence) == len(counted), customer  # the evidence's own term cases
        assert "No cases in the term." not in brief_html(brief, chart=False), customer
        report = build_report(session.book, session.catalog, day, session.sla, period=periods.TERM)
        rows = report.sheets["Compliance"]
        mine = rows[rows["Customer"].str.casefold() == customer]
        assert int(mine["Cases"].sum()) == len(counted), customer
        assert f"{window.label}" in sheet_html(sheet), customer


def test_a_term_without_cases_says_so_once(tmp_path: Path) -> None:
    session = open_session(book(tmp_path), date(2025, 6, 1))  # Chain Co's first term: no case yet
    brief = renewal.brief_for(session, "chain co")
    assert brief is not None and not brief.months
    page = brief_html(brief)
    assert "No cases in the term.</p>" in page and "cases opened each month" not in page  # no caption for no chart


def test_an_upgrade_the_book_already_holds_ahead_is_said_alike_in_every_output(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """trust round 5: Auth0 Enterprise ended 2026-11-30 with Premier booked from 2027-01-01 (a month's gap). The brief
    and the Renewal tab said 'Premier is already booked ...: nothing to argue for'; the report's Upgrade Evidence and
    whatif argued the same upgrade with the ended term's cases. One sentence now, in each."""
    from explorer.cli import main

    contracts = [
        ["Sierra Both", "Okta", "Basic", "2025-12-01", "2026-11-30", "Asia/Tokyo"],
        ["Sierra Both", "Okta", "Premier", "2026-12-01", "2027-11-30", "Asia/Tokyo"],
        ["Sierra Both", "Auth0", "Enterprise", "2025-12-01", "2026-11-30", "Asia/Tokyo"],
        ["Sierra Both", "Auth0", "Premier", "2027-01-01", "2027-12-31", "Asia/Tokyo"],
    ]
    cases = [
        ["A1", "Sierra Both", "Auth0", "P1", "2026-11-10T01:00:00Z", "2026-11-10T01:21:00Z"],
        ["A5", "Sierra Both", "Auth0", "P2", "2026-11-29T01:00:00Z", "2026-11-29T02:30:00Z"],
    ]
    files = [
        write_csv(
            tmp_path / "terms.csv", header=["Customer", "Product", "Tier", "Term Start", "Term End", "Time Zone"], rows=contracts
        ),
        write_csv(
            tmp_path / "cases.csv",
            header=["Case Number", "Account Name", "Product", "Priority", "Created Date (UTC)", "First Response (UTC)"],
            rows=cases,
        ),
    ]
    said = "Premier is already booked from 2027-01-01 (the next term): nothing to argue for."
    day = date(2026, 12, 15)
    session = open_session(files, day)
    brief = renewal.brief_for(session, "sierra both")
    assert brief is not None and f"Auth0: {said}" in brief.no_evidence
    assert [c.product for c in brief.evidence] == ["Okta"]  # Premier in force against Premier Access, still argued
    report = build_report(session.book, session.catalog, day, session.sla, period=periods.TERM)
    evidence = report.sheets["Upgrade Evidence"]
    auth0 = evidence[evidence["Product"] == "Auth0"]
    assert auth0["Evidence"].tolist() == [said] and auth0["Priority"].isna().all()
    assert main(["whatif", *map(str, files[:1]), "--cases", str(files[1]), "--as-of", "2026-12-15", "--program", "Premier"]) == 0
    printed = capsys.readouterr().out
    assert f"Sierra Both (Auth0 Enterprise): {said}" in printed and "Would be late" not in printed
