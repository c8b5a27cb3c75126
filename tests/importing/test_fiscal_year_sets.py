"""A renewal book's fiscal-year sets side by side ('FY26 Tier | FY26 Start | FY26 End | FY27 Tier | ...'): each year's
set is a term of its own, so the one in force on the day is read whichever year it is (review 37, finding 4)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer import history
from explorer.history import Status
from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv, write_sheets

HEADER = ["Customer", "Product", "FY26 Tier", "FY26 Start", "FY26 End", "FY27 Tier", "FY27 Start", "FY27 End"]
DAY = date(2026, 12, 8)


def _terms(book) -> dict[tuple[str, date | None], str | None]:  # type: ignore[no-untyped-def]
    return {(c.customer, c.term_start): c.program for c in book.contracts}


def test_a_blank_latest_year_leaves_the_older_term_read_without_errors(tmp_path: Path) -> None:
    """The reviewer's t4_fy.csv: Beta's FY27 is blank, so its FY26 term is its one term and no cell is missing."""
    rows: list[list[object]] = [
        ["Acme", "Okta", "Premier", "2026-02-01", "2027-01-31", "Premier Plus", "2027-02-01", "2028-01-31"],
        ["Beta", "Okta", "Premier Access", "2026-02-01", "2027-01-31", "", "", ""],
    ]
    book = load_book([write_csv(tmp_path / "t4_fy.csv", rows=rows, header=HEADER)])
    assert _terms(book) == {
        ("Acme", date(2026, 2, 1)): "okta-premier",
        ("Acme", date(2027, 2, 1)): "okta-premier-plus",
        ("Beta", date(2026, 2, 1)): "okta-premier-access",
    }
    assert {c.source.row for c in book.contracts if c.customer == "Acme"} == {2}  # one row, two terms
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    assert not [f for f in book.findings if f.severity is Severity.WARNING and not f.customer]
    infos = [f.message for f in book.findings if f.severity is Severity.INFO]
    assert (
        "Columns of 2 fiscal years name the term: FY26 ('FY26 Tier', 'FY26 Start', 'FY26 End'); FY27 ('FY27 Tier', "
        "'FY27 Start', 'FY27 End'). Each year's is read as a term of its own, with the row's other columns; a year a "
        "row leaves blank is no term of that row."
    ) in infos
    assert not any(m.startswith("Columns kept as they are") for m in infos)  # FY26's columns are read
    by_day = {(c.customer, c.term_start): history.status(c, DAY) for c in book.contracts}
    assert by_day[("Acme", date(2026, 2, 1))] is Status.IN_FORCE
    assert by_day[("Acme", date(2027, 2, 1))] is Status.NOT_STARTED
    assert by_day[("Beta", date(2026, 2, 1))] is Status.IN_FORCE


def test_a_future_year_beside_the_running_one_keeps_the_add_on_s_first_start(tmp_path: Path) -> None:
    """FY26 runs on 2026-12-08 and FY27 is planned: FY26 is in force, FY27 not started, and FY27 renews FY26, so its
    CSE and MCSE mobilization counts from FY26's start, as a renewal on a row of its own does."""
    header = [*HEADER, "Dedicated CSE", "MCSE", "Region"]
    rows: list[list[object]] = [
        ["Coho Winery", "Okta", "Premier Plus", date(2026, 2, 1), date(2027, 1, 31)]
        + ["Premier Plus", date(2027, 2, 1), date(2028, 1, 31), "Yes", "50%", "EMEA"],
    ]
    book = load_book([write_sheets(tmp_path / "renewals.xlsx", {"Renewal Book": [header, *rows]})])
    fy26, fy27 = sorted(book.contracts, key=lambda c: c.term_start or date.min)
    assert (fy26.term_start, fy26.term_end, fy27.term_start, fy27.term_end) == (
        date(2026, 2, 1),
        date(2027, 1, 31),
        date(2027, 2, 1),
        date(2028, 1, 31),
    )
    assert (history.status(fy26, DAY), history.status(fy27, DAY)) == (Status.IN_FORCE, Status.NOT_STARTED)
    assert fy26.renewed and fy27.addons == fy26.addons == {"cse": None, "mcse": "50"}
    assert fy27.addon_since == {"cse": date(2026, 2, 1), "mcse": date(2026, 2, 1)}
    assert not [f for f in book.findings if f.severity is Severity.ERROR]


def test_a_year_s_findings_name_its_own_columns_and_a_row_with_every_year_blank_has_errors(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Acme", "Okta", "Premier", "next spring", "2027-01-31", "", "", ""],
        ["Beta", "Okta", "", "", "", "", "", ""],
    ]
    book = load_book([write_csv(tmp_path / "renewals.csv", rows=rows, header=HEADER)])
    errors = {(f.customer, f.column) for f in book.findings if f.severity is Severity.ERROR}
    assert ("Acme", "FY26 Start") in errors  # the FY26 term's own cell, on its row
    assert {c for who, c in errors if who == "Acme"} == {"FY26 Start"}
    assert {c for who, c in errors if who == "Beta"} == {"FY27 Tier", "FY27 Start", "FY27 End"}
    assert [c.customer for c in book.contracts].count("Beta") == 1


def test_the_renewal_book_with_an_upgrade_a_renewed_mcse_and_a_lapse(tmp_path: Path) -> None:
    """renew14's 02_side_by_side_fy26_fy27.xlsx: a Premier-to-Premier-Plus upgrade, an MCSE renewed, and a term
    that was not renewed (FY27 blank), each year a term history reads as rows."""
    header = [*HEADER, "MCSE", "Region", "Notes"]
    rows: list[list[object]] = [
        ["Blue Yonder Air", "Okta", "Premier", "2025-04-01", "2026-03-31", "Premier Plus", "2026-04-01", "2027-03-31"]
        + [None, "AMER", "upgrade at renewal"],
        ["Coho Winery", "Okta", "Premier Plus", "2025-02-01", "2026-01-31", "Premier Plus", "2026-02-01", "2027-01-31"]
        + ["50%", "EMEA", "MCSE renewed"],
        ["Alpine Ski House", "Auth0", "Enterprise", "2025-11-01", "2026-10-31", None, None, None, None, "APAC"]
        + ["Did not renew"],
    ]
    book = load_book([write_sheets(tmp_path / "side_by_side.xlsx", {"Renewal Book": [header, *rows]})])
    assert _terms(book) == {
        ("Blue Yonder Air", date(2025, 4, 1)): "okta-premier",
        ("Blue Yonder Air", date(2026, 4, 1)): "okta-premier-plus",
        ("Coho Winery", date(2025, 2, 1)): "okta-premier-plus",
        ("Coho Winery", date(2026, 2, 1)): "okta-premier-plus",
        ("Alpine Ski House", date(2025, 11, 1)): "auth0-enterprise",
    }
    on_day = {c.customer: s for c, s in zip(book.contracts, history.statuses(book.contracts, DAY), strict=True) if s}
    running = {
        c.customer for c, s in zip(book.contracts, history.statuses(book.contracts, DAY), strict=True) if s is Status.IN_FORCE
    }
    assert running == {"Blue Yonder Air", "Coho Winery"} and on_day["Alpine Ski House"] is Status.ENDED
    coho = max((c for c in book.contracts if c.customer == "Coho Winery"), key=lambda c: c.term_start or date.min)
    assert coho.addon_since == {"mcse": date(2025, 2, 1)}
    assert not [f for f in book.findings if f.severity is Severity.ERROR]


def test_an_add_on_column_without_a_year_goes_with_the_years_whose_program_carries_it(tmp_path: Path) -> None:
    """Renewals 14 file 02's Blue Yonder: FY26 Premier, FY27 Premier Plus, 'CSE: Yes' in a column of no year. The CSE
    goes with FY27 only (no contract error on FY26, which cannot carry it), and mobilizes from FY27's start."""
    from explorer import rules
    from explorer.catalog import default_catalog

    rows: list[list[object]] = [
        ["Blue Yonder", "Okta", "Premier", "2025-04-01", "2026-03-31", "Premier Plus", "2026-04-01", "2027-03-31", "Yes"],
        ["Coho", "Okta", "Premier Plus", "2025-04-01", "2026-03-31", "Premier Plus", "2026-04-01", "2027-03-31", "Yes"],
    ]
    book = load_book([write_csv(tmp_path / "fy.csv", rows=rows, header=[*HEADER, "CSE"])])
    held = {(c.customer, c.term_start): sorted(c.addons) for c in book.contracts}
    assert held == {
        ("Blue Yonder", date(2025, 4, 1)): [],
        ("Blue Yonder", date(2026, 4, 1)): ["cse"],
        ("Coho", date(2025, 4, 1)): ["cse"],  # both years carry it: both hold it, one mobilization
        ("Coho", date(2026, 4, 1)): ["cse"],
    }
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    said = [f for f in book.findings if "names no year" in f.message]
    assert [(f.customer, f.column) for f in said] == [("Blue Yonder", "CSE")]
    catalog = default_catalog()
    available = {
        (c.customer, k.day) for c in book.contracts for k in rules.key_dates(catalog, c, DAY) if k.role == "addon_available"
    }
    assert available == {("Blue Yonder", date(2026, 6, 30)), ("Coho", date(2025, 6, 30))}


def test_each_year_s_term_length_column_gives_that_year_s_end(tmp_path: Path) -> None:
    """Review 37b, B1 (f4_length.csv): the length column is taken by its cells (FY26's) while the tier and start are
    read from FY27's columns. Each year's set is grouped by its own year, so FY26's term is in force on the day and
    FY27's ends from FY27's own length."""
    header = ["Customer", "Product", "FY26 Tier", "FY26 Start", "FY26 Term (months)"]
    header += ["FY27 Tier", "FY27 Start", "FY27 Term (months)", "Time Zone"]
    rows: list[list[object]] = [["Acme", "Okta", "Premier", "2026-02-01", 12, "Premier Plus", "2027-02-01", 24, "UTC"]]
    book = load_book([write_csv(tmp_path / "f4_length.csv", rows=rows, header=header)])
    terms = {(c.term_start, c.term_end): c.program for c in book.contracts}
    assert terms == {
        (date(2026, 2, 1), date(2027, 1, 31)): "okta-premier",
        (date(2027, 2, 1), date(2029, 1, 31)): "okta-premier-plus",
    }
    by_day = {c.term_start: history.status(c, DAY) for c in book.contracts}
    assert by_day == {date(2026, 2, 1): Status.IN_FORCE, date(2027, 2, 1): Status.NOT_STARTED}
    assert not [f for f in book.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    infos = [f.message for f in book.findings if f.severity is Severity.INFO]
    named = "Columns of 2 fiscal years name the term: FY26 ('FY26 Tier', 'FY26 Start', 'FY26 Term (months)'); FY27"
    assert any(m.startswith(named) for m in infos)
    assert not any(m.startswith("Columns kept as they are") for m in infos)


def test_each_year_s_range_column_is_a_term(tmp_path: Path) -> None:
    """Review 37b (f2_range.csv): 'FY26 Term | FY27 Term', each cell a range of two dates, gives a term per year."""
    header = ["Customer", "Product", "Tier", "FY26 Term", "FY27 Term", "Time Zone"]
    rows: list[list[object]] = [["Acme", "Okta", "Premier", "2026-02-01 - 2027-01-31", "2027-02-01 - 2028-01-31", "UTC"]]
    book = load_book([write_csv(tmp_path / "f2_range.csv", rows=rows, header=header)])
    assert {(c.term_start, c.term_end) for c in book.contracts} == {
        (date(2026, 2, 1), date(2027, 1, 31)),
        (date(2027, 2, 1), date(2028, 1, 31)),
    }
    assert not [f for f in book.findings if f.severity in (Severity.ERROR, Severity.WARNING)]


def test_years_whose_headers_do_not_pair_up_are_warned(tmp_path: Path) -> None:
    """Two fiscal years' columns with different words after the year make no sets: the years not read as terms are
    named in a warning, never dropped in silence."""
    header = ["Customer", "Product", "FY26 Program", "FY26 Begin", "FY26 Finish", "FY27 Tier", "FY27 Start", "FY27 End"]
    rows: list[list[object]] = [
        ["Acme", "Okta", "Premier", "2026-02-01", "2027-01-31", "Premier Plus", "2027-02-01", "2028-01-31"]
    ]
    book = load_book([write_csv(tmp_path / "renewals.csv", rows=rows, header=header)])
    warned = [f.message for f in book.findings if f.severity is Severity.WARNING and not f.customer]
    assert len(warned) == 1 and warned[0].startswith(
        "Columns of 2 fiscal years: FY26 ('FY26 Program', 'FY26 Begin', 'FY26 Finish'); FY27 ('FY27 Tier', "
        "'FY27 Start', 'FY27 End'). Their headers do not pair up year by year"
    )


def test_no_year_s_columns_are_shown_as_other_columns_of_a_term(tmp_path: Path) -> None:
    """New user 6 D3: the Benefits tab listed FY26 Tier/Start/End under 'Other columns in the book' beside the FY27
    term, as if never read: each year's term is read from its own columns, and none of them is another's extra."""
    rows: list[list[object]] = [
        ["Acme", "Okta", "Premier", "2026-02-01", "2027-01-31", "Premier Plus", "2027-02-01", "2028-01-31", "Ana"],
    ]
    book = load_book([write_csv(tmp_path / "fy.csv", rows=rows, header=[*HEADER, "Owner"])])
    assert [sorted(c.extra) for c in book.contracts] == [["Owner"], ["Owner"]]
