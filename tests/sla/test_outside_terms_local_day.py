"""A case no term contains, opened on the new term's first UTC day but the day before in the customer's zone, was
explained and warned with its UTC time only, which read as a date the term contains (renew14 D8): both now say the
customer's local time and where it falls against the terms around it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.app.session import open_session
from explorer.sla.explain import explain


def test_explain_and_the_warning_give_the_local_day_of_a_case_in_a_lapse(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Liberty Delightful,Okta,Premier Plus,2024-11-01,2025-10-31,America/Chicago,US\n"
        "Liberty Delightful,Okta,Premier Plus,2026-01-15,2027-01-14,America/Chicago,US\n",
        "utf-8",
    )
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case ID,Customer,Product,Priority,Opened (UTC),First Response (UTC)\n"
        "LD-1,Liberty Delightful,Okta,P1,2025-12-01 15:00:00,2025-12-01 15:20:00\n"
        "LD-3,Liberty Delightful,Okta,P2,2026-01-15 04:00:00,2026-01-15 05:30:00\n",  # 22:00 on Jan 14 in Chicago
        "utf-8",
    )
    session = open_session([book, log], date(2026, 12, 8))
    assert session.sla is not None
    lines = explain(session.book, session.catalog, session.sla, "LD-3").lines
    assert lines[1] == "Opened: 2026-01-15 04:00 UTC; Wed 2026-01-14 22:00 CST customer local time"
    assert lines[2] == (
        "Contract: none in force. Liberty Delightful holds no Okta term containing the opening day (customer local "
        "time), 2026-01-14: the day before the term starting 2026-01-15"
    )
    warned = {f.message.split(":", 1)[0]: f.message for f in session.findings if "was in force" in f.message}
    assert warned["Case LD-3"] == (
        "Case LD-3: opened 2026-01-15 04:00 UTC (Wed 2026-01-14 22:00 CST customer local time, the day before the term "
        "starting 2026-01-15), when no Okta term of Liberty Delightful was in force; listed as No contract in force, "
        "not counted."
    )
    # the same local day as the UTC one: the warning stays short; explain still says where it fell
    assert warned["Case LD-1"].startswith("Case LD-1: opened 2025-12-01 15:00 UTC, when no Okta term")
    assert (
        explain(session.book, session.catalog, session.sla, "LD-1")
        .lines[2]
        .endswith("2025-12-01: after the term ending 2025-10-31 and before the term starting 2026-01-15")
    )
