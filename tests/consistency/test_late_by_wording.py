"""How late a case was answered is one figure in one wording: the report's Actions said "answered 2 h late" where the
renewal brief's Late by and explain's Margin said "1 h 30 min" (renew14 D6: the Actions rounded to whole hours, and
150 minutes rounded to "2 h" as well)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from explorer.app.renewal import brief_for
from explorer.app.session import open_session
from explorer.durations import duration
from explorer.model import customer_key
from explorer.outputs.renewal import brief_html
from explorer.outputs.report.build import build_report
from explorer.sla.explain import explain


@pytest.mark.parametrize(("answered", "said"), [("17:30", "1 h 30 min"), ("18:30", "2 h 30 min"), ("17:05", "1 h 5 min")])
def test_actions_brief_and_explain_say_the_same_late_by(tmp_path: Path, answered: str, said: str) -> None:
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Northwind Bank,Okta,Premier Plus,2026-01-15,2027-01-14,Europe/London,GB\n",
        "utf-8",
    )
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case ID,Customer,Product,Priority,Opened (UTC),First Response (UTC)\n"
        f"N-401,Northwind Bank,Okta,P2,2026-11-30 14:00:00,2026-11-30 {answered}:00\n",  # due 16:00 (2 h, 24x7)
        "utf-8",
    )
    session = open_session([book, log], date(2026, 12, 8))
    assert session.sla is not None
    (late,) = session.sla.cases["late_minutes"].tolist()
    assert duration(late) == said

    report = build_report(session.book, session.catalog, session.as_of, session.sla)
    actions = [str(a) for a in report.sheets["Actions"]["What to Do"]]
    assert any(f"P2 case N-401 answered {said} late on its clock" in a for a in actions), actions

    margin = [line for line in explain(session.book, session.catalog, session.sla, "N-401").lines if line.startswith("Margin: ")]
    assert margin == [f"Margin: {said} late on its clock"]

    brief = brief_for(session, customer_key("Northwind Bank"))
    assert brief is not None
    (row,) = [tr for tr in brief_html(brief, chart=False).split("<tr>") if tr.startswith("<td>N-401</td>")]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[-1] == said
