"""A report whose cases mostly matched no contract said "Nothing needs action" over an empty Actions table (tryout14
#4): the headline and the Actions sheet now say how many cases are not counted, with the figure `explorer check`
prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from explorer.app.session import open_session
from explorer.outputs.report.build import build_report
from explorer.outputs.report.summary_sheet import headlines
from explorer.outputs.summary import as_text


def _session(tmp_path: Path):  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\nQuillfeather Media,Okta,Premier,2026-01-01,2026-12-31,UTC,GB\n",
        "utf-8",
    )
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case ID,Customer,Product,Priority,Opened (UTC),First Response (UTC)\n"
        "Q-1,Quillfeather Media,Okta,P3,2026-11-02 10:00:00,2026-11-02 11:00:00\n"
        "K-1,Kestrel Pay Ltd,Okta,P2,2026-11-03 10:00:00,2026-11-03 14:00:00\n"
        "K-2,Kestrel Pay Ltd,Okta,P1,2026-11-04 10:00:00,2026-11-04 10:30:00\n"
        "Z-1,Zephyr Analytics,Okta,P2,2026-11-05 10:00:00,2026-11-05 10:30:00\n",
        "utf-8",
    )
    return open_session([book, log], date(2026, 12, 8))


def test_unmatched_cases_are_said_in_the_headline_and_the_actions(tmp_path: Path) -> None:
    session = _session(tmp_path)
    assert session.sla is not None
    assert "Cases: 3 unmatched, 1 met" in as_text(session)  # the figure check prints
    data = build_report(session.book, session.catalog, session.as_of, session.sla)
    said = headlines(data)
    assert said[0] == "3 of 4 cases matched no contract and are not counted: see Findings."
    assert not any(line.startswith("Nothing needs action") for line in said)
    actions = data.sheets["Actions"]
    (row,) = actions[actions["Issue"] == "Cases not counted"].to_dict("records")
    assert row["What to Do"].startswith(
        "3 of 4 cases matched no contract and are not counted: see Findings. They name Kestrel Pay Ltd (2), "
        "Zephyr Analytics (1): write each name"
    )
    assert row["Where to Look"] == "Findings; Cases (Outcome)"


def test_a_report_for_one_customer_counts_only_its_cases(tmp_path: Path) -> None:
    session = _session(tmp_path)
    assert session.sla is not None
    data = build_report(session.book, session.catalog, session.as_of, session.sla, ["Quillfeather Media"])
    assert not any("matched no contract" in line for line in headlines(data))
    assert "Cases not counted" not in set(data.sheets["Actions"]["Issue"])


def _two_customers(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Acme has a case with no priority and one for a product it has no contract for; Beta's cases are judged;
    Zeta Corp is in no contract (the review's t6_book.csv and t7_cases.csv, with a second customer)."""
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone\n"
        "Acme,Okta,Premier,2026-01-01,2026-12-31,UTC\n"
        "Beta,Okta,Premier,2026-01-01,2026-12-31,UTC\n",
        "utf-8",
    )
    log = tmp_path / "cases.csv"
    log.write_text(
        "Ticket ID,Organization,Product,Priority,Created At,First Response At\n"
        "T-1,Acme,Okta,P1,2026-12-01 10:00,2026-12-01 10:30\n"
        "T-2,Zeta Corp,Okta,P2,2026-12-02 10:00,2026-12-02 10:30\n"
        "T-3,Zeta Corp,Okta,P2,2025-06-02 10:00,2025-06-02 10:30\n"
        "T-4,Acme,Okta,,2026-12-03 10:00,2026-12-03 10:30\n"
        "T-5,Acme,Auth0,P2,2026-12-04 10:00,2026-12-04 10:30\n"
        "T-6,Beta,Okta,P1,2026-12-05 10:00,2026-12-05 10:30\n",
        "utf-8",
    )
    return open_session([book, log], date(2026, 12, 8))


def _said(cases: pd.DataFrame) -> tuple[int, int, int]:
    """(cases, unmatched, not evaluated) counted from a report's Cases sheet, by hand."""
    outcome = cases["Outcome"].astype(str)
    return len(cases), int((outcome == "Unmatched").sum()), int((outcome == "Not evaluated").sum())


@pytest.mark.parametrize("customers", [None, ["acme"], ["Beta"], ["Acme", "Beta"]])
def test_check_the_headline_and_the_actions_row_give_one_figure(tmp_path: Path, customers: list[str] | None) -> None:
    session = _two_customers(tmp_path)
    assert session.sla is not None
    data = build_report(session.book, session.catalog, session.as_of, session.sla, customers)
    n, unmatched, not_evaluated = _said(data.sheets["Cases"])
    assert data.uncounted is not None
    assert (data.uncounted.cases, data.uncounted.unmatched, data.uncounted.not_evaluated) == (n, unmatched, not_evaluated)
    said = data.uncounted.sentence()
    actions = data.sheets["Actions"]
    rows = actions[actions["Issue"] == "Cases not counted"]["What to Do"].tolist()
    if not unmatched + not_evaluated:
        assert not said and not rows
        assert not any("not counted" in line for line in headlines(data))
        return
    assert headlines(data)[0] == said
    (row,) = rows
    assert row.startswith(said)
    if customers is None:  # `explorer check` reads the whole log
        line = next(line for line in as_text(session).splitlines() if line.startswith("Cases: "))
        assert f"{unmatched} unmatched" in line and f"{not_evaluated} not evaluated" in line
        assert line == "Cases: 3 unmatched, 2 met, 1 not evaluated"
        assert said == "3 of 6 cases matched no contract and 1 could not be evaluated; they are not counted: see Findings."


def test_a_case_with_no_priority_is_one_action_with_the_case_log_s_advice(tmp_path: Path) -> None:
    """T-4 has a blank priority: it was a "Contract error" row ("Correct the contract book") and, again, inside
    "Cases not counted"; the headline counted two things to act on for one case."""
    session = _two_customers(tmp_path)
    data = build_report(session.book, session.catalog, session.as_of, session.sla, ["Acme"])
    actions = data.sheets["Actions"]
    assert not actions["What to Do"].str.contains("T-4").any()
    assert "Contract error" not in set(actions["Issue"])
    (row,) = actions[actions["Issue"] == "Cases not counted"].to_dict("records")
    assert row["What to Do"].startswith("1 of 3 cases matched no contract and 1 could not be evaluated")
    assert "Correct the case log" in row["What to Do"] and "contract book" not in row["What to Do"].split("They name")[0]
    assert headlines(data)[1].startswith("1 thing to act on (cases not counted 1)")
    # nor is it a "contract error" in the last headline: the book's rows are sound (Counts still lists the error)
    assert data.contract_errors == 0 and not [h for h in headlines(data) if "contract error" in h]
    assert dict(data.counts)["Error findings"] == 1
    findings = data.sheets["Findings"]
    assert findings.apply(lambda r: r.astype(str).str.contains("Case T-4").any(), axis=1).any()  # still a finding
