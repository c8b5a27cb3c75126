"""A report whose cases mostly matched no contract said "Nothing needs action" over an empty Actions table (tryout14
#4): the headline and the Actions sheet now say how many cases are not counted, with the figure `explorer check`
prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
