"""Contract history: renewals, lapsed terms, duplicates only where terms overlap."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from explorer import history
from explorer.catalog import Catalog
from explorer.history import Status
from explorer.importing.book import load_book
from explorer.model import Contract, Source

from .files import write_csv

BASIC = Contract("Acme", "okta", "okta-basic", date(2025, 7, 1), date(2026, 6, 30))
PREMIER = Contract("Acme", "okta", "okta-premier", date(2026, 7, 1), date(2027, 6, 30))


def test_the_row_in_force_is_the_one_whose_term_contains_the_day() -> None:
    rows = [PREMIER, BASIC]
    assert history.in_force(rows, date(2026, 6, 30)) is BASIC
    assert history.in_force(rows, date(2026, 7, 1)) is PREMIER
    assert history.in_force(rows, date(2025, 6, 30)) is None
    assert history.current(rows, date(2025, 6, 30)) is BASIC  # nothing yet: the next to start
    assert history.current(rows, date(2028, 1, 1)) is PREMIER  # all over: the last one ended
    assert [history.status(c, date(2026, 3, 1)) for c in rows] == [Status.NOT_STARTED, Status.IN_FORCE]
    assert history.status(Contract("X", "okta", "okta-basic"), date(2026, 1, 1)) is Status.IN_FORCE  # no dates


def test_customer_state_and_history_line(catalog: Catalog) -> None:
    assert history.customer_state([BASIC], date(2026, 11, 28)).label == "Ended 2026-06-30"
    assert history.customer_state([BASIC], date(2025, 1, 1)).label == "Not started"
    assert history.customer_state([BASIC, PREMIER], date(2026, 11, 28)).status is Status.IN_FORCE
    assert history.history_line(catalog, [BASIC, PREMIER], date(2026, 11, 28)) == (
        "Premier from 2026-07-01; Basic 2025-07-01 – 2026-06-30"
    )
    assert history.history_line(catalog, [BASIC, PREMIER], date(2026, 1, 1)) == (
        "Basic from 2025-07-01; Premier 2026-07-01 – 2027-06-30 (not started)"
    )


def test_renewal_rows_are_history_and_only_overlaps_are_duplicates(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[
            ["Acme", "Okta", "Basic", "2025-07-01", "2026-06-30"],
            ["Acme", "Okta", "Premier", "2026-07-01", "2027-06-30"],
            ["Beta", "Okta", "Basic", "2025-07-01", "2026-06-30"],
            ["Beta", "Okta", "Premier", "2026-06-01", "2027-05-31"],
        ],
    )
    found = [f for f in load_book([book]).findings if "second Okta contract row" in f.message]
    assert [(f.customer, f.source.row) for f in found] == [("Beta", 5)]
    assert "overlaps the one at book.csv, book, row 4" in found[0].message


def test_a_term_ending_on_its_renewals_start_is_a_renewal_not_an_overlap(tmp_path: Path) -> None:
    """HubSpot's Renewal Date is the anniversary (2026-03-01 to 2027-03-01): the next year's deal starts that day, and
    every renewal was warned of as an overlapping second contract (found by a tryout of CRM exports)."""
    book = write_csv(
        tmp_path / "deals.csv",
        header=["Customer", "Product", "Tier", "Contract Start Date", "Renewal Date"],
        rows=[
            ["Acme", "Okta", "Premier", "2026-03-01", "2027-03-01"],
            ["Acme", "Okta", "Premier", "2027-03-01", "2028-03-01"],
            ["Beta", "Okta", "Premier", "2026-03-01", "2027-03-01"],
            ["Beta", "Okta", "Premier", "2027-02-28", "2028-02-28"],  # two days shared: still an overlap
        ],
    )
    loaded = load_book([book])
    overlaps = [f.customer for f in loaded.findings if "second Okta contract row" in f.message]
    # the column writes anniversaries: each term is read to the day before, so a renewal follows it
    said = [f.message for f in loaded.findings if "gives each term's anniversary" in f.message]
    assert overlaps == ["Beta"] and said == [
        "Column 'Renewal Date' gives each term's anniversary, the day the next term starts (2026-03-01 to 2027-03-01), "
        "as billing tools write a period's end: 4 terms are read to the day before (2027-02-28)."
    ]
    acme = [c for c in loaded.contracts if c.customer == "Acme"]
    assert [c.term_end for c in acme] == [date(2027, 2, 28), date(2028, 2, 29)]
    assert history.in_force(acme, date(2027, 3, 1)) is acme[1]  # the new term on the anniversary
    assert history.in_force(acme, date(2027, 2, 28)) is acme[0]


def test_a_term_ending_on_its_renewals_start_is_a_renewal_in_a_book_of_last_days_too(tmp_path: Path) -> None:
    # one anniversary among last days: not a column of them, so read as written, and its renewal on that day is said
    book = write_csv(
        tmp_path / "deals.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[
            ["Acme", "Okta", "Premier", "2026-03-01", "2027-03-01"],
            ["Acme", "Okta", "Premier", "2027-03-01", "2028-02-29"],
            ["Beta", "Okta", "Premier", "2026-01-01", "2026-12-31"],
            ["Gamma", "Okta", "Premier", "2026-01-01", "2026-12-31"],
        ],
    )
    loaded = load_book([book])
    assert not [f for f in loaded.findings if "gives each term's anniversary" in f.message]
    renewals = [f for f in loaded.findings if "read as its renewal" in f.message]
    assert [(f.customer, f.severity.label) for f in renewals] == [("Acme", "Info")]


def test_a_term_listed_twice_is_read_once_and_a_repeat_names_both_places(tmp_path: Path) -> None:
    """One sheet per fiscal year lists a July-June term on two sheets; a different term on the same day is no repeat."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Region"],
        rows=[
            ["Acme", "Okta", "Premier", "2025-07-01", "2026-06-30", "EMEA"],
            ["ACME ", "okta", "premier", "2025-07-01", "2026-06-30", "emea"],  # the same term, spelt otherwise
            ["Beta", "Okta", "Premier", "2025-07-01", "2026-06-30", "EMEA"],
            ["Beta", "Okta", "Premier", "2025-07-01", "2026-06-30", "APAC"],  # not the same term: both kept
        ],
    )
    loaded = load_book([book])
    assert [(c.customer, c.source.row) for c in loaded.contracts] == [("Acme", 2), ("Beta", 4), ("Beta", 5)]
    repeat = [f for f in loaded.findings if "listed again" in f.message]
    assert [(f.customer, f.source.row) for f in repeat] == [("Acme", 2)]
    assert repeat[0].message == (
        "This Okta term (2025-07-01 – 2026-06-30) is listed again at book, row 3 with the same tier, dates and add-ons; "
        "read once."
    )
    assert [f.source.row for f in loaded.findings if "second Okta contract row" in f.message] == [5]


def test_a_book_given_twice_is_one_warning_and_a_partial_copy_one_a_row(tmp_path: Path) -> None:
    """The same book as a .csv, its copy 'book (1).csv' and an owner's copy that adds a term: the whole copy is one
    warning naming the file it repeats, not one a row; the partial copy's repeated rows keep theirs."""
    header = ["Customer", "Product", "Tier", "Start", "End"]
    rows = [["Acme", "Okta", "Premier", "2026-01-15", "2027-01-14"], ["Beta", "Auth0", "Enterprise", "2026-03-01", "2027-02-28"]]
    book = write_csv(tmp_path / "book.csv", header=header, rows=rows)
    copy = write_csv(tmp_path / "book (1).csv", header=header, rows=rows)
    (tmp_path / "jane").mkdir()
    owners = write_csv(
        tmp_path / "jane" / "book.csv", header=header, rows=[*rows[:1], ["Gamma", "Okta", "Premier", "2026-05-01", "2027-04-30"]]
    )
    loaded = load_book([book, copy, owners])
    assert [(c.customer, Path(c.source.file).parent.name) for c in loaded.contracts] == [
        ("Acme", tmp_path.name),
        ("Beta", tmp_path.name),
        ("Gamma", "jane"),
    ]
    said = [(Path(f.source.file).name, f.source.row, f.message) for f in loaded.findings if "read once" in f.message]
    # byte for byte the same: skipped before it is read, so its contacts are not counted twice either
    assert said[0] == ("book (1).csv", None, "This file holds the same bytes as book.csv; it is read once.")
    assert [(name, row) for name, row, _ in said[1:]] == [("book.csv", 2)]  # the owner's copy: its repeated row alone
    assert said[1][2].startswith("This Okta term (2026-01-15 – 2027-01-14) is listed again at ")


def test_a_row_starting_the_same_day_and_ending_no_later_is_no_renewal() -> None:
    """Only a row that runs on after the term ends renews it: a copy or correction of the term settles no deadline."""
    cse = {"cse": None}
    term = Contract("Zulu", "okta", "okta-premier-plus", date(2026, 1, 1), date(2026, 12, 31), addons=cse, region="EMEA")
    copy = Contract("Zulu", "okta", "okta-premier-plus", date(2026, 1, 1), date(2026, 12, 31), addons=cse, region="AMER")
    renewal = Contract("Zulu", "okta", "okta-premier-plus", date(2027, 1, 1), date(2027, 12, 31), addons=cse)
    assert [c.renewed_addons for c in history.with_runs([term, copy])] == [frozenset(), frozenset()]
    assert history.with_runs([term, renewal])[0].renewed_addons == {"cse"}


def test_a_term_is_the_same_only_where_every_field_the_rules_read_is() -> None:
    term = Contract("Zulu", "okta", "okta-premier-plus", date(2026, 1, 1), date(2026, 12, 31), addons={"cse": None})
    assert history.same_term(term, dataclasses.replace(term, customer="ZULU ", extra={"Owner": "Raj"}))
    for change in (
        {"addon_starts": {"cse": date(2026, 4, 1)}},  # the CSE bought in April on a line of its own
        {"ended_on": date(2026, 6, 30)},  # terminated early
        {"addons": {"cse": None, "mcse": "50"}},
        {"time_zone": "Europe/Berlin"},
    ):
        assert not history.same_term(term, dataclasses.replace(term, **change)), change  # type: ignore[arg-type]
    assert not history.same_term(dataclasses.replace(term, term_end=None), dataclasses.replace(term, term_end=None))
    # a tier the catalog does not read is compared as written, in the product cell too (tryout 7: Zuora's Draft
    # Premier Plus and Active Premier Access rows, product unread, were 'read once')
    unread = Contract("Tyrell", None, None, date(2026, 7, 1), date(2027, 6, 30), product_text="Okta Premier Plus Support")
    assert not history.same_term(unread, dataclasses.replace(unread, product_text="Okta Premier Access Support"))
    assert history.same_term(unread, dataclasses.replace(unread, product_text=" okta premier plus  support"))


def test_a_case_under_a_term_without_readable_dates_has_no_contract_in_force(tmp_path: Path) -> None:
    """A term whose start or end cannot be read is in force on no day: the SLA engine judges no case under it."""
    from explorer.app.session import open_session
    from tools import synth

    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[
            ["Undated Ltd", "Okta", "Premier", "2026-01-01", "later"],
            ["Dated Ltd", "Okta", "Premier", "2026-01-01", "2026-12-31"],
        ],
    )
    cases = write_csv(
        tmp_path / "cases.csv",
        header=synth.CASE_HEADERS,
        rows=[
            ["U-1", "Undated Ltd", "Okta", "P2", "2026-05-04 14:00", "2026-05-04 14:30", "production"],
            ["D-1", "Dated Ltd", "Okta", "P2", "2026-05-04 14:00", "2026-05-04 14:30", "production"],
        ],
    )
    session = open_session([book, cases], date(2026, 11, 28))
    assert session.sla is not None
    outcomes = dict(zip(session.sla.cases["case_id"], session.sla.cases["outcome"], strict=True))
    assert outcomes == {"U-1": "No contract in force", "D-1": "Met"}


def test_a_contract_on_another_program_is_the_same_row_holding_it() -> None:

    row = Contract(
        "Acme",
        "okta",
        "premier",
        date(2025, 1, 1),
        date(2025, 12, 31),
        initial_term_start=date(2023, 1, 1),
        region="EMEA",
        country="DE",
        time_zone="Europe/Berlin",
        addons={"dse": None},
        program_text="Premier",
        source=Source("book.xlsx", "Contracts", 7),
        extra={"Owner": "Kim"},
        addon_starts={"dse": date(2025, 3, 1)},
        ended_on=date(2025, 6, 30),
        addon_since={"dse": date(2024, 3, 1)},
        renewed_addons=frozenset({"dse"}),
    )
    moved = row.on_program("premier_plus")
    assert moved == dataclasses.replace(row, program="premier_plus")  # every other field as it was
    assert row.program == "premier" and type(moved) is Contract
    with pytest.raises(dataclasses.FrozenInstanceError):
        moved.program = "premier"  # type: ignore[misc]


def test_an_add_on_bought_mid_term_on_a_row_of_its_own_begins_no_new_term(tmp_path: Path) -> None:
    """A CSE bought mid-term and co-termed, written as a second Premier Plus row from 2026-04-01: it got a second
    kickoff window and 'this term' started on 2026-04-01 (found by a tryout of renewal books). An upgrade mid-term
    (another program) still begins its program's kickoff."""
    from explorer.app.sheet import build_sheet
    from explorer.catalog import default_catalog

    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Dedicated CSE", "Time Zone"],
        rows=[
            ["Coho", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "", "UTC"],
            ["Coho", "Okta", "Premier Plus", "2026-04-01", "2026-12-31", "Yes", "UTC"],
            ["Adatum", "Okta", "Premier Access", "2025-07-01", "2027-06-30", "", "UTC"],
            ["Adatum", "Okta", "Premier Plus", "2026-03-01", "2027-06-30", "", "UTC"],
        ],
    )
    loaded = load_book([book])
    assert [c.mid_term for c in loaded.contracts] == [False, True, False, False]

    def sheet(name: str):  # type: ignore[no-untyped-def]
        mine = [c for c in loaded.contracts if c.customer == name]
        return build_sheet(default_catalog(), date(2026, 6, 1), mine, [], [])

    coho, adatum = sheet("Coho"), sheet("Adatum")
    kickoffs = sorted(d.date.day for d in coho.dates if d.date.role.startswith("kickoff"))
    assert kickoffs == [date(2026, 1, 15), date(2026, 1, 22)]  # the term's, once
    assert coho.term_span == (date(2026, 1, 1), date(2026, 12, 31))
    assert date(2026, 3, 15) in {d.date.day for d in adatum.dates if d.date.role.startswith("kickoff")}
