"""Cases judged under the contract row in force when they were opened, and as known on the as-of day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from explorer import clock, history
from explorer.catalog import Catalog
from explorer.model import Book, Contract
from explorer.sla.compliance import compliance
from explorer.sla.engine import evaluate

from ..files import case_log


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def log(cases: list[tuple]) -> pd.DataFrame:
    return case_log(cases)


# Denver: a Premier year after a Basic one; the renewal day is 2026-07-01 local time.
RENEWAL = [
    Contract("Acme", "okta", "okta-basic", date(2025, 7, 1), date(2026, 6, 30), time_zone="America/Denver", country="US"),
    Contract("Acme", "okta", "okta-premier", date(2026, 7, 1), date(2027, 6, 30), time_zone="America/Denver", country="US"),
]


def judged(book: Book, catalog: Catalog, as_of: date | datetime = date(2026, 11, 28)) -> pd.DataFrame:
    moment = as_of.replace(tzinfo=UTC) if isinstance(as_of, datetime) else clock.end_of_day(as_of)
    return evaluate(book, catalog, moment).cases.set_index("case_id")


def test_basic_to_premier_renewal_judges_each_case_under_its_own_year(catalog: Catalog) -> None:
    book = Book(
        contracts=RENEWAL,
        cases=log(
            [
                # 90 minutes to answer a P1: within Basic's 4 business hours, far past Premier's hour
                ("basic-year", "Acme", "okta", 1, ts("2026-06-02 16:00"), ts("2026-06-02 17:30")),
                ("premier-year", "Acme", "okta", 1, ts("2026-09-15 16:00"), ts("2026-09-15 17:30")),
                # 2026-07-01 03:00 UTC is still 2026-06-30 in Denver: the Basic year
                ("eve-local", "Acme", "okta", 1, ts("2026-07-01 03:00"), ts("2026-07-01 04:00")),
                ("day-local", "Acme", "okta", 1, ts("2026-07-01 07:00"), ts("2026-07-01 07:30")),
                ("no-product", "Acme", None, 1, ts("2026-09-15 16:00"), ts("2026-09-15 16:30")),
            ]
        ),
    )
    cases = judged(book, catalog)
    assert cases["outcome"].to_dict() == {
        "basic-year": "Met",
        "premier-year": "Breached",
        "eve-local": "Met",
        "day-local": "Met",
        "no-product": "Met",
    }
    assert cases["program"].to_dict() == {
        "basic-year": "Basic",
        "premier-year": "Premier",
        "eve-local": "Basic",
        "day-local": "Premier",
        "no-product": "Premier",
    }
    assert cases.loc["premier-year", "due"] == ts("2026-09-15 17:00")
    assert cases.loc["basic-year", "due"] == ts("2026-06-02 20:00")


def test_a_case_outside_every_term_is_listed_not_counted(catalog: Catalog) -> None:
    ended = [
        Contract("Faded", "okta", "okta-premier", date(2025, 6, 1), date(2026, 5, 31), time_zone="Europe/Paris", country="FR")
    ]
    book = Book(
        contracts=ended,
        cases=log(
            [
                ("before", "Faded", "okta", 2, ts("2026-03-10 08:00"), ts("2026-03-10 09:00")),
                ("after", "Faded", "okta", 2, ts("2026-08-10 08:00"), ts("2026-08-10 09:00")),
                ("last-local-day", "Faded", "okta", 2, ts("2026-05-31 21:00"), pd.NaT),  # 23:00 in Paris
                ("first-day-after", "Faded", "okta", 2, ts("2026-05-31 22:30"), pd.NaT),  # 00:30 on 1 June in Paris
            ]
        ),
    )
    result = evaluate(book, catalog, clock.end_of_day(date(2026, 11, 28)))
    cases = result.cases.set_index("case_id")
    assert cases["outcome"].to_dict() == {
        "before": "Met",
        "after": "No contract in force",
        "last-local-day": "Breached",
        "first-day-after": "No contract in force",
    }
    assert cases.loc["after", "customer"] == "Faded" and pd.isna(cases.loc["after", "due"])
    table = compliance(result.cases)
    assert table[["Cases", "Met", "Breached"]].iloc[0].tolist() == [2, 1, 1]  # listed, not counted
    found = [f.message for f in result.findings if "no Okta term of Faded was in force" in f.message]
    assert [m.split(":")[0] for m in found] == ["Case after", "Case first-day-after"]


def test_as_of_day_before_and_after_opening_and_response(catalog: Catalog) -> None:
    book = Book(
        contracts=RENEWAL,
        cases=log(
            [
                ("c", "Acme", "okta", 2, ts("2026-09-15 16:00"), ts("2026-09-16 16:00")),  # Premier P2: due in 2 hours
            ]
        ),
    )
    assert judged(book, catalog, date(2026, 9, 14)).empty  # not yet opened: neither shown nor counted
    opening_day = judged(book, catalog, date(2026, 9, 15))  # known at 23:59:59 UTC: opened, no answer yet
    assert opening_day.loc["c", "outcome"] == "Breached" and pd.isna(opening_day.loc["c", "first_response"])
    assert judged(book, catalog, datetime(2026, 9, 15, 16, 30)).loc["c", "outcome"] == "Pending"
    answered = judged(book, catalog, date(2026, 9, 16))
    assert answered.loc["c", "outcome"] == "Breached" and answered.loc["c", "first_response"] == ts("2026-09-16 16:00")


def test_cases_are_judged_by_the_row_the_list_calls_in_force(catalog: Catalog) -> None:
    """Where rows overlap, the engine's row and history.in_force's are one (domain.md §8): the later start, and of
    equal starts the later row in the book; a short row inside a long term hides it only while it runs."""
    long = Contract("Acme", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), time_zone="UTC")
    trial = Contract("Acme", "okta", "okta-premier-plus", date(2026, 6, 1), date(2026, 6, 30), time_zone="UTC")
    original = Contract("Brio", "okta", "okta-basic", date(2026, 1, 1), date(2026, 12, 31), time_zone="UTC")
    corrected = Contract("Brio", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31), time_zone="UTC")
    contracts = [long, trial, original, corrected]
    book = Book(
        contracts=contracts,
        cases=log(
            [
                ("before", "Acme", "okta", 1, ts("2026-05-10 10:00"), ts("2026-05-10 10:30")),
                ("during", "Acme", "okta", 1, ts("2026-06-10 10:00"), ts("2026-06-10 10:30")),
                ("after", "Acme", "okta", 1, ts("2026-08-10 10:00"), ts("2026-08-10 10:30")),
                ("corrected", "Brio", "okta", 1, ts("2026-08-10 10:00"), ts("2026-08-10 10:30")),
            ]
        ),
    )
    result = evaluate(book, catalog, clock.end_of_day(date(2026, 11, 28)))
    rows = dict(zip(result.cases["case_id"], result.cases["contract"], strict=True))
    assert rows == {"before": 0, "during": 1, "after": 0, "corrected": 3}
    for case_id, day in (("before", date(2026, 5, 10)), ("during", date(2026, 6, 10)), ("after", date(2026, 8, 10))):
        assert history.in_force(contracts[:2], day) is contracts[rows[case_id]], case_id
    assert history.in_force(contracts[2:], date(2026, 8, 10)) is corrected
    assert result.cases.set_index("case_id").loc["after", "outcome"] == "Met"  # not "No contract in force"


def test_a_case_before_a_trackers_current_term_says_the_book_lacks_the_earlier_term(tmp_path: Path) -> None:
    """A renewals tracker keeps the current term only, with the day the customer first bought it (Original Start):
    a case one minute before the term (Berlin's midnight) was 'no Okta term ... was in force', a warning, on a
    customer the book says held the product since 2024 (trust5 #4). It stays unjudged, and says why in an info."""
    from explorer.app.session import open_session
    from explorer.model import Severity

    from ..files import write_csv, write_sheets

    term = [date(2026, 10, 1), date(2027, 9, 30)]  # the current term, the only one the tracker holds

    header = ["Account", "Product", "Support Level", "Current Term Start", "Current Term End", "Original Start", "Time Zone"]
    tracker = write_sheets(
        tmp_path / "tracker.xlsx",
        {"Renewals": [header, ["Oscar", "Okta", "Premier Plus", *term, date(2024, 10, 1), "Europe/Berlin"]]},
    )
    cases = write_csv(
        tmp_path / "log.csv",
        header=["Case ID", "Customer", "Product", "Priority", "Opened (UTC)", "First Response (UTC)"],
        rows=[
            ["O1", "Oscar", "Okta", "P1", "2026-09-30 21:59", "2026-09-30 22:30"],  # 23:59 CEST, the day before
            ["O2", "Oscar", "Okta", "P1", "2026-09-30 22:00", "2026-09-30 22:30"],  # the term's first minute
            ["O0", "Oscar", "Okta", "P1", "2024-06-03 10:00", "2024-06-03 10:30"],  # before it was ever held
        ],
    )
    session = open_session([tracker, cases], date(2026, 12, 1))
    assert session.sla is not None
    outcomes = session.sla.cases.set_index("case_id")["outcome"].astype(str).to_dict()
    assert outcomes == {"O1": "No contract in force", "O2": "Met", "O0": "No contract in force"}
    said = {f.message.split(":")[0]: f for f in session.sla.findings if f.message.startswith("Case O")}
    assert said["Case O1"].severity is Severity.INFO
    assert said["Case O1"].message == (
        "Case O1: opened 2026-09-30 21:59 UTC, before the first Okta term of Oscar in the book (2026-10-01): no term "
        "of the book covers it; the book says the product was held since 2024-10-01 (its initial term start), so "
        "the earlier term is not in the book. Listed as No contract in force, not judged."
    )
    assert said["Case O0"].severity is Severity.WARNING and "when no Okta term of Oscar was in force" in said["Case O0"].message
