"""Two versions of a known book compared: each kind of change, renewals, tiers, contacts, whitespace, duplicates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from explorer.app.diff import BookDiff, ChangeKind, KeyDateMove, compare_books
from explorer.catalog import Catalog
from explorer.importing.book import load_book
from explorer.model import Book, Contract
from explorer.outputs.changes import CHANGE_KINDS

from ..catalogs import with_third_addon
from ..diff_books import EXPECTED, write_new, write_old


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, Book]:
    folder = tmp_path_factory.mktemp("diff")
    return load_book([write_old(folder / "book-q3.xlsx")]), load_book(write_new(folder))


@pytest.fixture(scope="module")
def diff(books: tuple[Book, Book], catalog: Catalog) -> BookDiff:
    return compare_books(*books, catalog)


def test_every_change_row_by_row(diff: BookDiff) -> None:
    found = [tuple(r) for r in diff.changes[["Customer", "Product", "Change", "Field", "Old", "New"]].itertuples(index=False)]
    assert found == EXPECTED
    assert diff.warnings == []


def test_counts_list_every_kind(diff: BookDiff) -> None:
    assert [k.value for k in ChangeKind] == CHANGE_KINDS == list(diff.counts())
    assert diff.counts() == {
        "Added": 1,
        "Removed": 1,
        "Renewed": 2,
        "Changed": 3,
        "Upgrade": 2,
        "Downgrade": 1,
        "Contact added": 1,
        "Contact removed": 1,
        "Contact changed": 3,
    }
    assert diff.changed_customers() == {
        "acme corp",
        "beta bank",
        "delta health",
        "epsilon energy",
        "gamma games",
        "iota air",
        "theta labs",
        "zeta foods",
    }  # not Eta Media: whitespace only


def test_key_dates_affected_come_from_the_rules(diff: BookDiff) -> None:
    delta = diff.of_customer("delta health")
    end = delta[delta["Field"] == "Term End"].iloc[0]
    assert end["moves"] == (
        KeyDateMove("Add-on renewal request deadline", date(2026, 11, 16), date(2026, 12, 17)),
        KeyDateMove("Term end", date(2026, 12, 31), date(2027, 1, 31)),
    )
    assert end["Key Dates Affected"] == (
        "Add-on renewal request deadline 2026-11-16 → 2026-12-17; Term end 2026-12-31 → 2027-01-31"
    )
    mcse = delta[delta["Field"] == "MCSE"].iloc[0]
    assert mcse["Key Dates Affected"] == ""  # the option changes no date
    region = diff.of_customer("Iota Air").iloc[0]
    assert region["Key Dates Affected"] == ""
    renewal = diff.of_customer("Acme Corp").iloc[0]
    assert [m.event for m in renewal["moves"]] == ["Term start", "Term end"]
    # an upgrade at renewal is judged on the new term: Premier Access would add the kickoff window
    theta = diff.of_customer("Theta Labs")
    assert theta.iloc[1]["Key Dates Affected"] == ""


def test_upgrade_that_adds_key_dates(catalog: Catalog) -> None:
    old = Contract("Kappa", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31))
    new = Contract("Kappa", "okta", "okta-premier-access", date(2026, 1, 1), date(2026, 12, 31))
    diff = compare_books(Book(contracts=[old]), Book(contracts=[new]), catalog)
    row = diff.changes.iloc[0]
    assert (row["Change"], row["Old"], row["New"]) == ("Upgrade", "Premier", "Premier Access")
    assert row["Key Dates Affected"] == (
        "Success kickoff (earliest) none → 2026-01-15; Success kickoff (latest) none → 2026-01-22"
    )


def test_a_book_against_itself_has_no_changes(books: tuple[Book, Book], catalog: Catalog) -> None:
    for book in books:
        diff = compare_books(book, book, catalog)
        assert diff.changes.empty and diff.warnings == []
        assert set(diff.counts().values()) == {0}


def test_renewal_versus_removal(catalog: Catalog) -> None:
    old = [Contract("Acme", "okta", "okta-premier", date(2025, 1, 1), date(2025, 12, 31))]
    renewed = [Contract("Acme", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31))]
    earlier = [Contract("Acme", "okta", "okta-premier", date(2024, 1, 1), date(2024, 12, 31))]
    assert compare_books(Book(contracts=old), Book(contracts=renewed), catalog).changes["Change"].tolist() == ["Renewed"]
    # a term before the old one does not follow it: the old contract is gone and an earlier one appeared
    assert sorted(compare_books(Book(contracts=old), Book(contracts=earlier), catalog).changes["Change"]) == ["Added", "Removed"]
    # a renewal in the old book kept with its predecessor: dropping last year's row is not a removal
    both = old + renewed
    assert compare_books(Book(contracts=both), Book(contracts=renewed), catalog).changes.empty


def test_downgrade_at_renewal(catalog: Catalog) -> None:
    old = [Contract("Acme", "okta", "okta-premier-plus", date(2025, 1, 1), date(2025, 12, 31), addons={"mcse": "50"})]
    new = [Contract("Acme", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31))]
    rows = compare_books(Book(contracts=old), Book(contracts=new), catalog).changes
    assert rows[["Change", "Field", "Old", "New"]].values.tolist() == [
        ["Renewed", "Term", "2025-01-01 – 2025-12-31", "2026-01-01 – 2026-12-31"],
        ["Downgrade", "Tier", "Premier Plus", "Premier"],
        ["Changed", "MCSE", "50% Dedicated MCSE", "No"],
    ]
    # the new term has no MCSE, so its dates are gone; the renewal row says so
    # ... and lists the new term's dates as its own, not as the old term's moved
    said = rows.iloc[0]["Key Dates Affected"]
    assert said.startswith("new term: Term start 2026-01-01; ") and "no MCSE available" in said and "→" not in said
    gone = [m for m in rows.iloc[0]["moves"] if m.new is None]
    assert [m.event for m in gone] == [
        "Success kickoff (earliest)",
        "Success kickoff (latest)",
        "MCSE available",
        "Add-on renewal request deadline",
    ]


def test_duplicates_with_overlapping_terms_warn(catalog: Catalog) -> None:
    row = Contract("Acme", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31))
    upgraded = Contract("Acme", "okta", "okta-premier-plus", date(2026, 1, 1), date(2026, 12, 31))
    diff = compare_books(Book(contracts=[row, row]), Book(contracts=[row, upgraded]), catalog)
    assert diff.changes[["Change", "Old", "New"]].values.tolist() == [["Upgrade", "Premier", "Premier Plus"]]
    # identical rows pair first: the third row is the one added
    diff = compare_books(Book(contracts=[row, row]), Book(contracts=[row, upgraded, row]), catalog)
    assert diff.changes[["Change", "New"]].values.tolist() == [["Added", "Premier Plus, 2026-01-01 – 2026-12-31"]]
    assert len(diff.warnings) == 2
    assert diff.warnings[0].startswith("The old book has 2 Acme Okta rows with overlapping terms")
    assert diff.warnings[1].startswith("The new book has 3 Acme Okta rows with overlapping terms")


def test_a_third_addon_needs_no_code() -> None:
    catalog = with_third_addon()
    old = Contract("Acme", "okta", "okta-premier-plus", date(2026, 1, 1), date(2026, 12, 31))
    new = replace(old, addons={"tam": "3"})
    row = compare_books(Book(contracts=[old]), Book(contracts=[new]), catalog).changes.iloc[0]
    assert (row["Change"], row["Field"], row["Old"], row["New"]) == ("Changed", "TAM", "No", "TAM for 3 named contacts")
    assert row["Key Dates Affected"] == ("TAM on board none → 2026-01-31; Add-on renewal request deadline none → 2026-11-16")


def test_region_synonyms_are_no_change(catalog: Catalog) -> None:
    old = Contract("Acme", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31), region="AMER")
    new = Contract("Acme", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31), region="Americas")
    assert compare_books(Book(contracts=[old]), Book(contracts=[new]), catalog).changes.empty


def test_undated_and_backwards_terms_pair_up(catalog: Catalog) -> None:
    undated = Contract("Acme", "okta", "okta-premier")
    backwards = Contract("Beta", "okta", "okta-basic", date(2026, 9, 1), date(2026, 3, 31))
    fixed = Contract("Beta", "okta", "okta-basic", date(2025, 9, 1), date(2026, 3, 31))
    diff = compare_books(
        Book(contracts=[undated, backwards]),
        Book(contracts=[Contract("Acme", "okta", "okta-premier", date(2026, 1, 1)), fixed]),
        catalog,
    )
    assert diff.changes[["Customer", "Change", "Field", "Old", "New"]].values.tolist() == [
        ["Acme", "Changed", "Term Start", "", "2026-01-01"],
        ["Beta", "Changed", "Term Start", "2026-09-01", "2025-09-01"],
    ]


def test_files_are_kept(diff: BookDiff, books: tuple[Book, Book]) -> None:
    assert [Path(f).name for f in diff.old_files] == ["book-q3.xlsx"]
    assert [Path(f).name for f in diff.new_files] == ["contracts-q4.csv", "contacts-q4.csv"]


def test_dates_moved_by_history_or_by_several_fields_at_once_are_said(tmp_path: Path, catalog: Catalog) -> None:
    # probe8: a given Initial Term Start moves the MCSE's mobilization (through the add-on's run, not the field
    # alone); an earlier term added moves a later term's CSE; a tier and its CSE changed in one edit
    head = "Customer,Product,Tier,Start,End,Initial Term Start,CSE,MCSE\n"
    old = tmp_path / "old.csv"
    old.write_text(
        head + "Init,Okta,Premier Plus,2026-01-01,2026-12-31,,,50%\n"
        "Backfill,Okta,Premier Plus,2026-01-01,2026-12-31,,Yes,\n"
        "ToPP,Okta,Premier,2026-01-01,2026-12-31,,,\n",
        "utf-8",
    )
    new = tmp_path / "new.csv"
    new.write_text(
        head + "Init,Okta,Premier Plus,2026-01-01,2026-12-31,2025-06-01,,50%\n"
        "Backfill,Okta,Premier Plus,2025-01-01,2025-12-31,,Yes,\n"
        "Backfill,Okta,Premier Plus,2026-01-01,2026-12-31,,Yes,\n"
        "ToPP,Okta,Premier Plus,2026-01-01,2026-12-31,,Yes,\n",
        "utf-8",
    )
    diff = compare_books(load_book([old]), load_book([new]), catalog)
    said = {(r["Customer"], r["Field"]): r["Key Dates Affected"] for r in diff.changes.to_dict("records")}
    assert said[("Init", "Initial Term Start")] == "MCSE available 2026-04-01 → 2025-08-30"
    assert said[("Backfill", "Key dates moved by the contract's history (an earlier term, or another row of it)")] == (
        "CSE available 2026-04-01 → 2025-04-01"
    )
    assert "CSE available none → 2026-04-01" in said[("ToPP", "Tier")]
    assert "Add-on renewal request deadline none → 2026-11-16" in said[("ToPP", "Tier")]
