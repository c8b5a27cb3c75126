"""Upgrade evidence, hand-computed: the same real cases judged against another program's promise."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from explorer.app import upgrade
from explorer.catalog import Catalog
from explorer.model import Book, Contract
from explorer.sla.engine import evaluate

from ..files import case_log

AS_OF = date(2026, 7, 31)
MOMENT = datetime(2026, 7, 31, 23, 59, 59, tzinfo=UTC)
NEW_YORK = dict(time_zone="America/New_York", country="US")
BERLIN = dict(time_zone="Europe/Berlin", country="DE")


def book(contracts: list[Contract], cases: list[tuple[str, str, str, int, str, str | None]]) -> Book:
    return Book(contracts=contracts, cases=case_log(cases))


def basic_customer() -> Book:
    # 2026-06-09 is a Tuesday; New York keeps EDT (UTC-4) in June.
    return book(
        [Contract("Acme", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK)],
        [
            # opened 13:00 local, answered 16:00: 3 business hours, inside Basic's 4
            ("tuesday", "Acme", "okta", 1, "2026-06-09 17:00", "2026-06-09 20:00"),
            # opened Friday 19:00 local, answered Saturday 10:00: Basic's clock has not started (Monday 09:00)
            ("friday", "Acme", "okta", 1, "2026-06-12 23:00", "2026-06-13 14:00"),
        ],
    )


def test_basic_p1_cases_against_premier(catalog: Catalog) -> None:
    data = basic_customer()
    [found] = upgrade.next_program_up(data, catalog, AS_OF, MOMENT)
    assert (found.current.name, found.other.name, found.direction) == ("Basic", "Premier", upgrade.Direction.UPGRADE)
    p1 = found.priorities[0]
    assert (p1.priority, p1.cases, p1.met_now, p1.within_other, p1.late_other) == (1, 2, 2, 0, 2)
    assert (p1.now.minutes, p1.other.minutes) == (240, 60)
    assert p1.late_cases == ("tuesday", "friday")
    # waits on Basic's clock: 180 and 0 business minutes; on Premier's 24x7 clock: 180 and 900 minutes
    assert p1.median_now == 90 and p1.median_other == 540
    assert p1.p90_other == pytest.approx(180 + 0.9 * (900 - 180))
    assert found.sentences() == [
        "Under Premier, Okta P1 cases are due within 1 h around the clock; both of this customer's P1 cases waited "
        "longer than that (median 9 h, on Basic's business-hours clock all were on time)."
    ]
    assert "Priority phone support, toll-free, 24x7, unlimited calls" in found.gained and not found.lost


def test_the_tuesday_case_alone(catalog: Catalog) -> None:
    data = basic_customer()
    assert data.cases is not None
    data.cases = data.cases.iloc[:1]
    [found] = upgrade.against(data, catalog, AS_OF, MOMENT, "Premier")
    assert found.sentences() == [
        "Under Premier, Okta P1 cases are due within 1 h around the clock; this customer's only P1 case waited "
        "longer than that (3 h, on Basic's business-hours clock it was on time)."
    ]


def test_a_case_not_due_yet_is_not_called_late(catalog: Catalog) -> None:
    """Unanswered and not yet due on Basic's clock (opened Friday 17:00 in New York, due Monday): not "it was late",
    as the report's Late Now column (0) and the brief say (trust round 6)."""
    data = book(
        [Contract("Acme", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK)],
        [("open", "Acme", "okta", 1, "2026-07-31 21:00", None)],
    )
    [found] = upgrade.against(data, catalog, AS_OF, MOMENT, "Premier")
    p1 = found.priorities[0]
    assert (p1.cases, p1.met_now, p1.late_now) == (1, 0, 0)
    assert found.sentences() == [
        "Under Premier, Okta P1 cases are due within 1 h around the clock; this customer's only P1 case waited "
        "longer than that (on Basic's business-hours clock it is not due yet)."
    ]


def test_auth0_enterprise_p2_over_a_weekend_against_premier(catalog: Catalog) -> None:
    # Saturday 2026-06-13 12:00 in Berlin (CEST, UTC+2), answered Monday 00:30 Berlin time: Enterprise's P2 clock
    # runs 24 hours a day Monday to Friday, so 30 of its 120 minutes were used; Premier's 1 h ran all weekend.
    data = book(
        [Contract("Zed GmbH", "auth0", "auth0-enterprise", date(2026, 1, 1), date(2026, 12, 31), **BERLIN)],
        [("weekend", "Zed GmbH", "auth0", 2, "2026-06-13 10:00", "2026-06-14 22:30")],
    )
    [found] = upgrade.against(data, catalog, AS_OF, MOMENT, "premier")
    p2 = found.priorities[1]
    assert (p2.priority, p2.cases, p2.met_now, p2.late_other) == (2, 1, 1, 1)
    assert (p2.now.minutes, p2.now.clock.id, p2.other.minutes, p2.other.clock.id) == (120, "weekdays-24h", 60, "24x7x365")
    assert (p2.median_now, p2.median_other) == (30, 36 * 60 + 30)
    assert found.sentences() == [
        "Under Premier, Auth0 P2 cases are due within 1 h around the clock; this customer's only P2 case waited longer "
        "than that (36 h 30 min, on Enterprise's weekday clock it was on time)."
    ]
    assert "Phone support, 24x7x365" in found.gained


def test_a_single_late_case_is_said_to_be_late(catalog: Catalog) -> None:
    # Monday 2026-06-15 10:00 in Berlin (08:00 UTC), answered at 13:00 Berlin time: 3 h against Enterprise's 2 h
    data = book(
        [Contract("Zed GmbH", "auth0", "auth0-enterprise", date(2026, 1, 1), date(2026, 12, 31), **BERLIN)],
        [("late", "Zed GmbH", "auth0", 2, "2026-06-15 08:00", "2026-06-15 11:00")],
    )
    [found] = upgrade.against(data, catalog, AS_OF, MOMENT, "premier")
    assert found.sentences() == [
        "Under Premier, Auth0 P2 cases are due within 1 h around the clock; this customer's only P2 case waited longer "
        "than that (3 h, on Enterprise's weekday clock it was late)."
    ]


def test_downgrade_from_premier_plus_with_mcse(catalog: Catalog) -> None:
    held = Contract(
        "Birch",
        "okta",
        "okta-premier-plus",
        date(2026, 1, 1),
        date(2026, 12, 31),
        addons={"mcse": "100", "cse": None},
        **NEW_YORK,
    )
    data = book(
        [held],
        [
            # Tuesday 10:00 local, answered 15:30: late on Premier Plus's 1 h and on Basic's 4 business hours
            ("slow", "Birch", "okta", 1, "2026-06-09 14:00", "2026-06-09 19:30"),
            ("quick", "Birch", "okta", 1, "2026-06-10 14:00", "2026-06-10 14:20"),
        ],
    )
    [premier] = upgrade.against(data, catalog, AS_OF, MOMENT, "Premier")
    assert premier.direction is upgrade.Direction.DOWNGRADE
    assert premier.same_promise
    assert premier.sentences() == [
        "Premier promises the same first-response times as Premier Plus: "
        "none of the 2 cases in the term would be judged differently."
    ]
    lost = "\n".join(premier.lost)
    assert "Add-on: 100% Dedicated MCSE (10 named contacts) (sold only with Okta Premier Plus)" in premier.lost
    assert "Add-on: Dedicated Customer Success Executive (CSE) (sold only with Okta Premier Plus)" in premier.lost
    assert "Priority phone support, toll-free, 24x7, unlimited calls: Yes, on a toll-free line reserved for Premier Plus" in lost
    assert "Customer Success Manager (CSM)" in lost and not premier.gained

    [basic] = upgrade.against(data, catalog, AS_OF, MOMENT, "Basic")
    p1 = basic.priorities[0]
    assert (p1.cases, p1.met_now, p1.late_now, p1.within_other, p1.late_other) == (2, 1, 1, 1, 1)
    assert basic.late_case_ids == ["slow"]
    assert any(line.startswith("Priority phone support") and "reserved" in line for line in basic.lost)


def test_no_cases_in_the_term(catalog: Catalog) -> None:
    data = book(
        [
            Contract("Quiet", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK),
            Contract("Busy", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK),
        ],
        [("other", "Busy", "okta", 1, "2026-06-09 17:00", "2026-06-09 20:00")],
    )
    quiet = upgrade.for_brief(data, catalog, AS_OF, MOMENT, "quiet")
    assert [c.customer for c in quiet] == ["Quiet"]
    assert quiet[0].cases == 0 and quiet[0].sentences() == [upgrade.NOTHING_TO_COMPARE]
    assert upgrade.NOTHING_TO_COMPARE == "no cases in the term: nothing to compare"


def test_only_programs_the_customer_may_hold(catalog: Catalog) -> None:
    data = book(
        [
            Contract("Zed GmbH", "auth0", "auth0-enterprise", date(2026, 1, 1), date(2026, 12, 31), **BERLIN),
            Contract("Zed GmbH", "okta", "okta-premier-plus", date(2026, 1, 1), date(2026, 12, 31), **BERLIN),
        ],
        [],
    )
    # Auth0 has no Premier Plus; the Okta term holds it already: nothing to compare
    assert upgrade.against(data, catalog, AS_OF, MOMENT, "Premier Plus") == []
    assert [(c.product, c.other.id) for c in upgrade.against(data, catalog, AS_OF, MOMENT, "Premier")] == [
        ("Auth0", "auth0-premier"),
        ("Okta", "okta-premier"),
    ]
    # on the top program the brief shows what the next one down would take away
    brief = upgrade.for_brief(data, catalog, AS_OF, MOMENT, "zed gmbh")
    assert [(c.product, c.other.id, c.direction) for c in brief] == [
        ("Auth0", "auth0-premier", upgrade.Direction.UPGRADE),
        ("Okta", "okta-premier-access", upgrade.Direction.DOWNGRADE),
    ]


def test_term_in_review_is_the_one_in_force_else_the_last_ended(catalog: Catalog) -> None:
    old = Contract("Acme", "okta", "okta-basic", date(2025, 1, 1), date(2025, 12, 31), **NEW_YORK)
    new = Contract("Acme", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK)
    lapsed = Contract("Gone", "okta", "okta-basic", date(2024, 1, 1), date(2024, 12, 31), **NEW_YORK)
    later = Contract("Gone", "okta", "okta-basic", date(2025, 1, 1), date(2025, 12, 31), **NEW_YORK)
    assert upgrade.terms_in_review([old, new, lapsed, later], AS_OF) == [1, 3]
    # the cases of the earlier term are not the term in review's
    data = book([old, new], [("last year", "Acme", "okta", 1, "2025-06-10 14:00", "2025-06-10 19:00")])
    [found] = upgrade.next_program_up(data, catalog, AS_OF, MOMENT)
    assert found.term is new and found.cases == 0


def test_a_product_that_ended_before_the_term_in_force_is_not_in_review() -> None:
    """Domain §10: the last ended term only for a lapsed customer, or a product not renewed that ran into the
    term in force; one that ended before it began is out of review (Woodgrove Bank, new user round 5)."""
    okta = Contract("Woodgrove", "okta", "okta-premier", date(2025, 6, 1), date(2026, 5, 31), **BERLIN)
    auth0 = Contract("Woodgrove", "auth0", "auth0-premier", date(2026, 6, 1), date(2027, 5, 31), **BERLIN)
    ran_into = Contract("Overlap", "okta", "okta-premier", date(2025, 6, 1), date(2026, 6, 30), **BERLIN)
    running = Contract("Overlap", "auth0", "auth0-premier", date(2026, 6, 1), date(2027, 5, 31), **BERLIN)
    lapsed = Contract("Gone", "okta", "okta-basic", date(2025, 1, 1), date(2025, 12, 31), **NEW_YORK)
    rows = [okta, auth0, ran_into, running, lapsed]
    assert upgrade.terms_in_review(rows, AS_OF) == [1, 2, 3, 4]
    assert upgrade.terms_in_review(rows, AS_OF, ["woodgrove"]) == [1]
    assert upgrade.terms_in_review(rows, AS_OF, rows=[0, 1]) == [1]
    assert upgrade.terms_in_review(rows, date(2026, 5, 31)) == [0, 2, 4]  # the day before Auth0's began


def test_same_engine_same_verdicts_as_the_session(catalog: Catalog) -> None:
    """'Met under the current program' is the verdict every other view shows: the same engine, the same moment."""
    data = basic_customer()
    judged = evaluate(data, catalog, MOMENT).cases
    [found] = upgrade.next_program_up(data, catalog, AS_OF, MOMENT)
    assert found.priorities[0].met_now == int((judged["outcome"] == "Met").sum())
    # a response after the as-of moment is not yet known: the case is pending under both promises, not counted late
    early = datetime(2026, 6, 13, 13, 0, tzinfo=UTC)
    [before] = upgrade.next_program_up(data, catalog, AS_OF, early)
    p1 = before.priorities[0]
    assert (p1.cases, p1.met_now, p1.late_other) == (2, 1, 2)  # the Friday case: still pending on Basic, late on Premier


def test_every_higher_program_matches_the_comparisons(catalog: Catalog) -> None:
    data = basic_customer()
    pairs, table = upgrade.every_higher(data, catalog, AS_OF, MOMENT)
    assert [catalog.programs[p].name for _, p in pairs] == ["Premier", "Premier Access", "Premier Plus"]
    assert table["late_other"].tolist() == [2, 2, 2] and table["cases"].tolist() == [2, 2, 2]


def test_one_customers_rows_give_the_same_evidence(catalog: Catalog) -> None:
    """The app passes the customer's contract indices so a switch judges only its cases: the answer is the same."""
    data = book(
        [
            Contract("Other", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK),
            Contract("Acme", "okta", "okta-basic", date(2025, 1, 1), date(2025, 12, 31), **NEW_YORK),
            Contract("Acme", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK),
        ],
        [
            ("mine", "Acme", "okta", 1, "2026-06-09 17:00", "2026-06-09 20:00"),
            ("last year", "Acme", "okta", 1, "2025-06-09 17:00", "2025-06-09 20:00"),
            ("theirs", "Other", "okta", 1, "2026-06-12 23:00", "2026-06-13 14:00"),
        ],
    )
    whole = upgrade.for_brief(data, catalog, AS_OF, MOMENT, "acme")
    scoped = upgrade.for_brief(data, catalog, AS_OF, MOMENT, "acme", rows=[1, 2])
    assert [c.term for c in scoped] == [c.term for c in whole] == [data.contracts[2]]
    assert scoped[0].priorities == whole[0].priorities and scoped[0].late_case_ids == ["mine"]


def test_the_sla_results_verdicts_are_the_ones_judged_again(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Given the book's SLA result at the same moment, the evidence reads the verdicts under the programs held from
    it instead of judging them again: the same table, one judgement fewer. At another moment it is not used."""
    data = book(
        [
            Contract("Acme", "okta", "okta-basic", date(2025, 1, 1), date(2025, 12, 31), **NEW_YORK),
            Contract("Acme", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK),
            Contract("Bolt", "okta", "okta-premier", date(2026, 3, 1), date(2027, 2, 28), **BERLIN),
            Contract("Bolt", "auth0", "auth0-enterprise", date(2026, 1, 1), date(2026, 12, 31), **BERLIN),
            Contract("Cato", "okta", "okta-premier-plus", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK),
        ],
        [
            ("a1", "Acme", "okta", 1, "2026-06-09 17:00", "2026-06-09 20:00"),
            ("a2", "Acme", "okta", 2, "2026-06-12 23:00", "2026-06-15 14:00"),
            ("a3", "Acme", "okta", 3, "2026-07-30 10:00", None),  # still waiting at the moment
            ("old", "Acme", "okta", 1, "2025-06-09 17:00", "2025-06-09 20:00"),  # the ended term's
            ("later", "Acme", "okta", 1, "2026-08-03 10:00", "2026-08-03 11:00"),  # after the moment: not yet known
            ("b1", "Bolt", "okta", 1, "2026-05-02 08:00", "2026-05-02 09:30"),
            ("b2", "Bolt", "auth0", 2, "2026-05-02 08:00", "2026-05-04 09:30"),
            ("b3", "Bolt", "okta", 4, None, None),  # no opening time
            ("z1", "Zeta", "okta", 1, "2026-05-02 08:00", "2026-05-02 09:00"),  # no contract
        ],
    )
    sla = evaluate(data, catalog, MOMENT)
    judged = []
    monkeypatch.setattr(upgrade, "evaluate", lambda *a, **k: judged.append(1) or evaluate(*a, **k))
    pairs = [(1, "okta-premier"), (1, "okta-premier-plus"), (2, "okta-premier-plus"), (3, "auth0-premier"), (4, "okta-premier")]

    def table(result: object) -> pd.DataFrame:
        judged.clear()
        found = upgrade.case_table(data, catalog, MOMENT, pairs, sla=result)  # type: ignore[arg-type]
        return found.sort_values(["pair", "case_id"]).reset_index(drop=True)

    fresh = table(None)
    rounds = len(judged) - 1  # the programs held, then one round per other promise
    assert rounds and set(fresh["case_id"]) == {"a1", "a2", "a3", "b1", "b2"}
    reused = table(sla)
    assert len(judged) == rounds
    pd.testing.assert_frame_equal(reused, fresh, check_categorical=False)
    assert len(table(evaluate(data, catalog, datetime(2026, 6, 10, tzinfo=UTC)))) and len(judged) == rounds + 1  # not now
    reordered = Book(contracts=data.contracts, cases=data.cases.iloc[::-1].reset_index(drop=True))  # another log
    judged.clear()
    found = upgrade.case_table(reordered, catalog, MOMENT, pairs, sla=sla)
    assert len(judged) == rounds + 1  # the result judged another frame: judged again
    pd.testing.assert_frame_equal(found.sort_values(["pair", "case_id"]).reset_index(drop=True), fresh, check_categorical=False)
    brief = upgrade.for_brief(data, catalog, AS_OF, MOMENT, "bolt", rows=[2, 3], sla=sla)
    assert brief == upgrade.for_brief(data, catalog, AS_OF, MOMENT, "bolt", rows=[2, 3])


def test_the_reports_sheet_says_a_term_without_cases_as_the_brief_does(catalog: Catalog) -> None:
    """Quiet's Okta had no cases: the brief and the app's Renewal tab say 'no cases in the term: nothing to compare';
    the report's Upgrade Evidence sheet left it out (trust tryout 4). Now a row says it, after the rows with cases,
    and whatif, which says it after its table, does not get it twice."""
    from explorer.outputs.report.upgrade_sheet import evidence_frame

    data = book(
        [
            Contract("Quiet", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK),
            Contract("Busy", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), **NEW_YORK),
        ],
        [("late", "Busy", "okta", 1, "2026-06-09 17:00", "2026-06-09 20:00")],
    )
    comparisons = upgrade.next_program_up(data, catalog, AS_OF, MOMENT)
    frame = evidence_frame(comparisons)
    assert frame[["Customer", "Cases"]].values.tolist() == [["Busy", 1], ["Quiet", 0]]
    assert frame["Evidence"].iloc[-1] == "No cases in the term: nothing to compare"
    assert pd.isna(frame["Priority"].iloc[-1]) and pd.isna(frame["Met Now"].iloc[-1])
    assert evidence_frame(comparisons, without_cases=False)["Customer"].tolist() == ["Busy"]
