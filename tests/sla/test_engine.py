"""Outcomes and compliance for a small book evaluated end to end."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from explorer import clock
from explorer.catalog import Catalog
from explorer.model import Book, Contract, Holiday
from explorer.sla.compliance import compliance, in_period
from explorer.sla.engine import Outcome, evaluate

from ..files import case_log


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def book_with(cases: list[tuple], holidays: list[Holiday] | None = None) -> Book:
    contracts = [
        Contract("Acme", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), time_zone="America/New_York", country="US"),
        Contract(
            "Zed GmbH", "auth0", "auth0-enterprise", date(2026, 1, 1), date(2026, 12, 31), time_zone="Europe/Berlin", country="DE"
        ),
        Contract(
            "Zed GmbH", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31), time_zone="Europe/Berlin", country="DE"
        ),
    ]
    return Book(contracts=contracts, cases=case_log(cases, environment=None), holidays=holidays or [])


AS_OF = datetime(2026, 7, 7, 12, 0, tzinfo=UTC)


def outcomes(book: Book, catalog: Catalog, as_of: datetime = AS_OF) -> dict[str, str]:
    result = evaluate(book, catalog, as_of)
    return dict(zip(result.cases["case_id"], result.cases["outcome"], strict=True))


def test_outcomes(catalog: Catalog) -> None:
    book = book_with(
        [
            ("met", "Acme", "okta", 1, ts("2026-07-02 20:00"), ts("2026-07-06 13:30"), "production"),
            ("late", "Acme", "okta", 1, ts("2026-07-02 20:00"), ts("2026-07-06 16:01"), "production"),
            ("at-risk", "Acme", "okta", 2, ts("2026-07-02 20:00"), pd.NaT, "production"),
            ("pending", "Acme", "okta", 3, ts("2026-07-06 20:00"), pd.NaT, "production"),
            ("overdue", "Zed GmbH", "auth0", 2, ts("2026-07-03 21:00"), pd.NaT, "production"),
            ("dev", "Zed GmbH", "auth0", 1, ts("2026-07-03 21:00"), pd.NaT, "non-production"),
            ("okta-dev", "Zed GmbH", "okta", 1, ts("2026-07-06 21:00"), ts("2026-07-06 21:30"), "non-production"),
            ("nobody", "Nobody Inc", "okta", 1, ts("2026-07-03 21:00"), pd.NaT, "production"),
            ("no-product", "Zed GmbH", None, 1, ts("2026-07-03 21:00"), pd.NaT, "production"),
            ("future-reply", "Acme", "okta", 4, ts("2026-07-06 14:00"), ts("2026-07-08 10:00"), "production"),
        ]
    )
    got = outcomes(book, catalog)
    assert got == {
        "met": "Met",
        "late": "Breached",
        "at-risk": "At risk",
        "pending": "Pending",
        "overdue": "Breached",
        "dev": "Out of scope",
        "okta-dev": "Met",  # only Auth0 is limited to production tenants
        "nobody": "Unmatched",
        "no-product": "Unmatched",  # Zed holds two products: which one is unknown
        "future-reply": "Pending",  # the reply comes after the as-of moment
    }


def test_due_and_minutes(catalog: Catalog) -> None:
    book = book_with([("c", "acme", "okta", 1, ts("2026-07-02 20:00"), ts("2026-07-06 13:30"), "production")])
    row = evaluate(book, catalog, AS_OF).cases.iloc[0]
    assert row["due"] == ts("2026-07-06 16:00")
    assert row["business_minutes"] == 90
    assert row["target_minutes"] == 240 and row["clock"] == "business-hours" and row["program"] == "Basic"
    assert row["customer"] == "Acme"  # shown as the contract writes it


def test_book_holidays_close_the_calendar(catalog: Catalog) -> None:
    cases = [("c", "Acme", "okta", 1, ts("2026-07-06 13:00"), pd.NaT, "production")]
    plain = evaluate(book_with(cases), catalog, AS_OF).cases.iloc[0]["due"]
    closed = evaluate(book_with(cases, [Holiday(date(2026, 7, 6), "Company day", "US")]), catalog, AS_OF)
    assert plain == ts("2026-07-06 17:00")
    assert closed.cases.iloc[0]["due"] == ts("2026-07-07 17:00")


def test_auth0_priority_1_runs_around_the_clock(catalog: Catalog) -> None:
    book = book_with([("c", "Zed GmbH", "auth0", 1, ts("2026-07-04 10:00"), pd.NaT, "production")])  # a Saturday
    assert evaluate(book, catalog, AS_OF).cases.iloc[0]["due"] == ts("2026-07-04 10:30")


def test_at_risk_threshold_is_a_setting(catalog: Catalog) -> None:
    book = book_with([("c", "Acme", "okta", 2, ts("2026-07-02 20:00"), pd.NaT, "production")])
    assert outcomes(book, catalog) == {"c": "At risk"}  # 540 of 720 minutes used
    assert evaluate(book, catalog, AS_OF, at_risk_fraction=0.8).cases.iloc[0]["outcome"] == Outcome.PENDING


def test_compliance_by_priority_and_period(catalog: Catalog) -> None:
    book = book_with(
        [
            ("a", "Acme", "okta", 1, ts("2026-07-02 20:00"), ts("2026-07-06 13:30"), "production"),
            ("b", "Acme", "okta", 1, ts("2026-07-02 20:00"), ts("2026-07-06 16:01"), "production"),
            ("c", "Acme", "okta", 1, ts("2026-06-02 14:00"), ts("2026-06-02 14:10"), "production"),
            ("d", "Acme", "okta", 3, ts("2026-07-06 20:00"), pd.NaT, "production"),
            ("x", "Nobody", "okta", 1, ts("2026-07-03 21:00"), pd.NaT, "production"),
        ]
    )
    cases = evaluate(book, catalog, AS_OF).cases
    table = compliance(cases, ["priority"]).set_index("priority")
    assert table.loc[1, ["Cases", "Met", "Breached"]].tolist() == [3, 2, 1]
    assert table.loc[1, "Compliance %"] == pytest.approx(2 / 3)
    assert table.loc[3, ["Cases", "Pending"]].tolist() == [1, 1]
    assert pd.isna(table.loc[3, "Compliance %"])
    july = compliance(in_period(cases, date(2026, 7, 1), date(2026, 7, 31)))
    assert july[["Cases", "Met", "Breached"]].iloc[0].tolist() == [3, 1, 1]


def test_as_of_is_end_of_day() -> None:
    assert clock.end_of_day(date(2026, 7, 7)) == datetime(2026, 7, 7, 23, 59, 59, tzinfo=UTC)


def test_a_period_keeps_a_case_without_an_opening_only_when_it_has_no_bound() -> None:
    # The one period rule (compliance.within) for the report, the SLA tab and the Cases page alike.
    cases = pd.DataFrame({"opened": pd.to_datetime(["2026-07-05 10:00", None, "2026-08-01 00:30"], utc=True)})
    assert len(in_period(cases)) == 3  # "All": a case whose opening could not be read is still listed
    assert list(in_period(cases, date(2026, 7, 1), date(2026, 7, 31)).index) == [0]
    assert list(in_period(cases, start=date(2026, 7, 6)).index) == [2]
    assert list(in_period(cases, end=date(2026, 7, 31)).index) == [0]


def test_an_unmatched_case_of_a_customer_with_several_products_says_why(catalog: Catalog) -> None:
    book = book_with(
        [
            ("Z1", "Zed GmbH", None, 2, "2026-07-06 09:00", "2026-07-06 10:00", "production"),
            ("N1", "Nobody Ltd", None, 2, "2026-07-06 09:00", "2026-07-06 10:00", "production"),
        ]
    )
    messages = [f.message for f in evaluate(book, catalog, AS_OF).findings if f.message.startswith("Case ")]
    assert messages == [
        "Case Z1: Zed GmbH holds 2 products (Auth0, Okta) and the case names none, so it cannot be matched to one; "
        "the case is not counted. Add a product column or map one (explorer map, or File \u2192 Map Columns\u2026).",
        "Case N1: no contract for 'Nobody Ltd' (no product); the case is not counted.",
    ]


def test_a_case_with_no_product_takes_the_product_of_the_contract_that_judges_it(catalog: Catalog) -> None:
    # Salesforce's Cases with Milestones has no product column: every case's Product was blank in the report and the
    # app (their Product filter found none), and an Auth0 case on a non-production tenant was judged as production.
    contracts = [
        Contract("Acme", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), time_zone="America/New_York", country="US"),
        Contract("Solo", "auth0", "auth0-enterprise", date(2026, 1, 1), date(2026, 12, 31), time_zone="Europe/Berlin"),
    ]
    rows = [
        ("A-1", "Acme", None, 2, "2026-07-01 14:00", "2026-07-01 15:00", "production"),
        ("S-1", "Solo", None, 2, "2026-07-01 14:00", "2026-07-01 15:00", "non-production"),
        ("S-2", "Solo", None, 2, "2026-07-01 14:00", "2026-07-01 15:00", "production"),
    ]
    result = evaluate(Book(contracts=contracts, cases=case_log(rows, environment=None)), catalog, AS_OF)
    said = {r.case_id: (r.product, r.outcome) for r in result.cases.itertuples()}
    assert said == {"A-1": ("Okta", "Met"), "S-1": ("Auth0", Outcome.OUT_OF_SCOPE.value), "S-2": ("Auth0", "Met")}
