"""A P1/P2 case with no first response is one fact: the report's Actions ask support to answer it now, and the app's
customer list (count and colour) and the customer's header name it, in the same words (trust7 #3).

Before, the list and header named only the cases past their due time: a P2 *At risk* inside its target was the
report's most urgent action and no reason the app gave.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.app.book_sheets import session_sheets
from explorer.app.session import Session, open_session
from explorer.app.view_model import colour_reasons
from explorer.outputs.report.build import build_report

from ..files import CASE_HEADER, write_csv

README = (Path(__file__).parents[2] / "README.md").read_text("utf-8")

AS_OF = date(2026, 12, 4)  # a past day: seen at 23:59:59 UTC
CONTRACTS = [
    ["Risk Syd Co", "Okta", "Premier", "2026-01-01", "2026-12-31", "APAC", "Australia/Sydney", "AU", "", "", ""],
    ["Late Co", "Okta", "Premier", "2026-01-01", "2027-06-30", "AMER", "America/New_York", "US", "", "", ""],
    ["Fresh Co", "Okta", "Premier", "2026-01-01", "2027-06-30", "EMEA", "Europe/Berlin", "DE", "", "", ""],
    ["Quiet Co", "Okta", "Premier", "2026-01-01", "2027-06-30", "EMEA", "Europe/Berlin", "DE", "", "", ""],
]
CASES = [
    ["RK-1", "Risk Syd Co", "Okta", "P2", "2026-12-04 22:20", "", "production"],  # At risk: 100 of its 120 min
    ["LC-1", "Late Co", "Okta", "P1", "2026-12-04 10:00", "", "production"],  # Breached, unanswered
    ["LC-2", "Late Co", "Okta", "P2", "2026-12-04 22:15", "", "production"],  # At risk too: beside a breach
    ["FC-1", "Fresh Co", "Okta", "P1", "2026-12-04 23:30", "", "production"],  # Pending: 30 of its 60 min
    ["QC-1", "Quiet Co", "Okta", "P3", "2026-12-04 22:00", "", "production"],  # At risk, but a P3: no action
    ["QC-2", "Quiet Co", "Okta", "P1", "2026-06-01 10:00", "", "production"],  # unanswered, but months ago
    ["QC-3", "Quiet Co", "Okta", "P2", "2026-12-04 09:00", "2026-12-04 09:30", "production"],  # answered
]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    folder = tmp_path_factory.mktemp("unanswered")
    book = write_csv(folder / "book.csv", rows=CONTRACTS)
    cases = write_csv(folder / "cases.csv", rows=CASES, header=CASE_HEADER)
    return open_session([book, cases], AS_OF)


def test_the_list_and_header_name_every_case_the_report_asks_support_to_answer(session: Session) -> None:
    assert session.sla is not None
    outcomes = session.sla.cases.set_index("case_id")["outcome"].to_dict()
    assert [outcomes[c] for c in ("RK-1", "LC-1", "LC-2", "FC-1", "QC-1")] == [
        "At risk",
        "Breached",
        "At risk",
        "Pending",
        "At risk",
    ]
    actions = build_report(session.book, session.catalog, AS_OF, session.sla).sheets["Actions"]
    unanswered = actions[actions["Issue"].str.startswith("Unanswered")]
    acted = {(str(r["Customer"]), str(r["Where to Look"]).removeprefix("Cases: ")): r for r in unanswered.to_dict("records")}
    assert sorted(acted) == [("Fresh Co", "FC-1"), ("Late Co", "LC-1"), ("Late Co", "LC-2"), ("Risk Syd Co", "RK-1")]

    rows = session.overview.customers.set_index("Customer")
    sheets = session_sheets(session)
    named = set()
    for sheet in sheets.values():
        row = rows.loc[sheet.name]
        mine = {case: r for (customer, case), r in acted.items() if customer == sheet.name}
        late = {case for case, r in mine.items() if "past its due time" in str(r["What to Do"])}
        # the list: its red count and its amber count
        assert (row["unanswered"], row["inside_target"]) == (len(late), len(mine) - len(late)), sheet.name
        # the header: each case a reason linking to the SLA tab, in the report's words, red when past due
        said = [r for r in colour_reasons(sheet) if r.tab == "SLA"]
        assert sorted(r.text.split(" ")[2] for r in said) == sorted(mine), sheet.name
        for reason in said:
            case = reason.text.split(" ")[2]
            todo = str(mine[case]["What to Do"])
            assert reason.text.removeprefix(f"{mine[case]['Issue'].split(' ')[1]} case {case} ") == (
                todo[:1].lower() + todo[1:].split(": ask support")[0]
            )
            assert reason.ink == ("error" if case in late else "warning"), case
            named.add((sheet.name, case))
    assert named == set(acted)
    risk = [r.text for r in colour_reasons(sheets["risk syd co"]) if r.tab == "SLA"]
    assert risk == ["P2 case RK-1 unanswered for 1 h 40 min, still inside its target (due 2026-12-05 00:20 UTC)"]
    assert " ".join(README.split()).count(risk[0]) == 1  # README's example of the header, as the app says it
    # the red reasons before the amber ones, as the row's colour picks
    inks = [r.ink for r in colour_reasons(sheets["late co"]) if r.tab == "SLA"]
    assert inks == ["error", "warning"]
