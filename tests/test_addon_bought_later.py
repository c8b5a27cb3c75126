"""An add-on bought at a later renewal or mid-term, in a book that gives a 'Customer Since' or an add-on line of its
own: its mobilization, limits and Administrative Days count from when the book shows it held (domain.md §5)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from explorer import rules
from explorer.app.sheet import build_sheet
from explorer.catalog import default_catalog
from explorer.importing.book import load_book

from .files import write_csv

AS_OF = date(2026, 12, 8)


def _available(contracts, customer: str) -> list[tuple[str, date]]:  # type: ignore[no-untyped-def]
    """Each add-on availability date of the customer's rows, as the report's Key Dates and the calendar list them."""
    catalog = default_catalog()
    mine = [c for c in contracts if c.customer == customer]
    rows = [(c, k) for c in mine for k in rules.key_dates(catalog, c, AS_OF)]
    repeated = rules.repeated_mobilizations(rows)
    return sorted({(k.event, k.day) for i, (_, k) in enumerate(rows) if k.role == "addon_available" and i not in repeated})


def test_a_customer_since_older_than_the_add_on_counts_its_mobilization_from_the_term_that_bought_it(tmp_path: Path) -> None:
    """Fourth Coffee (renew14 D2): Premier from 2021, Premier Plus with a CSE from 2026-05-01, 'Customer Since'
    2021-05-01 on every row; the CSE was read as available since 2021-07-30."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Customer Since", "CSE", "MCSE", "Region", "Time Zone"],
        rows=[
            ["Fourth Coffee", "Okta", "Premier", "2021-05-01", "2026-04-30", "2021-05-01", "", "", "AMER", "UTC"],
            ["Fourth Coffee", "Okta", "Premier Plus", "2026-05-01", "2027-04-30", "2021-05-01", "Yes", "", "AMER", "UTC"],
            ["Fourth Coffee", "Okta", "Premier Plus", "2027-05-01", "2028-04-30", "2021-05-01", "Yes", "", "AMER", "UTC"],
            ["Datum Labs", "Okta", "Premier Plus", "2024-10-01", "2025-09-30", "2024-10-01", "Yes", "", "AMER", "UTC"],
            ["Datum Labs", "Okta", "Premier Plus", "2025-10-01", "2026-09-30", "2024-10-01", "Yes", "", "AMER", "UTC"],
            ["Datum Labs", "Okta", "Premier Plus", "2026-10-01", "2027-09-30", "2024-10-01", "Yes", "100%", "AMER", "UTC"],
        ],
    )
    loaded = load_book([book])
    # one CSE mobilization, from the term that bought it; its renewal keeps it (no second one)
    assert _available(loaded.contracts, "Fourth Coffee") == [("CSE available", date(2026, 7, 30))]
    # the CSE held from the customer's first term keeps its date; the MCSE bought in FY27 is still mobilizing
    assert _available(loaded.contracts, "Datum Labs") == [
        ("CSE available", date(2024, 12, 30)),
        ("MCSE available", date(2026, 12, 30)),
    ]
    said = [f for f in loaded.findings if f.customer == "Fourth Coffee" and "Customer Since 2021-05-01" in f.message]
    assert [(f.severity.label, f.source.row, f.column) for f in said] == [("Info", 3, "Customer Since")]  # the file's own
    assert "the CSE was bought with this term, so its mobilization counts from 2026-05-01" in said[0].message
    # the entitlement sheet (and the brief, which reads it) show the same day
    catalog = default_catalog()
    sheet = build_sheet(catalog, AS_OF, [c for c in loaded.contracts if c.customer == "Datum Labs"], [], [])
    assert ("MCSE available", date(2026, 12, 30)) in {(d.date.event, d.date.day) for d in sheet.dates}


def test_an_add_on_dropped_and_bought_again_mobilizes_a_second_time_though_the_row_gives_its_initial_start(
    tmp_path: Path,
) -> None:
    """Adatum (renew14 D2, file 03): the MCSE dropped for FY26 and bought again in FY27 with Initial Term Start
    2024-09-01: the warning said 'bought again', yet no second MCSE available date was scheduled."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Initial Term Start", "CSE", "MCSE", "Region", "Time Zone"],
        rows=[
            ["Adatum", "Okta", "Premier Plus", "2024-09-01", "2025-08-31", "2024-09-01", "Yes", "50%", "EMEA", "UTC"],
            ["Adatum", "Okta", "Premier Plus", "2025-09-01", "2026-08-31", "2024-09-01", "Yes", "", "EMEA", "UTC"],
            ["Adatum", "Okta", "Premier Plus", "2026-09-01", "2027-08-31", "2024-09-01", "Yes", "50%", "EMEA", "UTC"],
        ],
    )
    loaded = load_book([book])
    assert _available(loaded.contracts, "Adatum") == [
        ("CSE available", date(2024, 11, 30)),
        ("MCSE available", date(2024, 11, 30)),
        ("MCSE available", date(2026, 11, 30)),
    ]
    warned = next(f for f in loaded.findings if "bought again" in f.message)
    assert "a second MCSE mobilization is worked out from 2026-09-01" in warned.message


def _order_lines(tmp_path: Path) -> Path:
    """renew14's file 06: a Premier Plus term with a CSE line bought mid-term and co-termed, and an MCSE line bought
    mid-term for its own 12 months; the book holds the next term too."""
    return write_csv(
        tmp_path / "lines.csv",
        header=["Account", "Product", "Start Date", "End Date", "Region", "Time Zone"],
        rows=[
            ["VanArsdel Ltd", "Okta Premier Plus Support (12 months)", "2026-01-01", "2026-12-31", "AMER", "UTC"],
            ["VanArsdel Ltd", "Dedicated CSE Add-On", "2026-04-01", "2026-12-31", "AMER", "UTC"],
            ["VanArsdel Ltd", "Mission Critical Support - 50% Dedicated MCSE", "2026-06-01", "2027-05-31", "AMER", "UTC"],
            ["VanArsdel Ltd", "Okta Premier Plus Support (12 months)", "2027-01-01", "2027-12-31", "AMER", "UTC"],
            ["Bellows College", "Okta Premier Plus Support (12 months)", "2026-02-01", "2027-01-31", "EMEA", "UTC"],
            ["Bellows College", "Mission Critical Support - 50% Dedicated MCSE", "2024-06-01", "2025-05-31", "EMEA", "UTC"],
        ],
    )


def test_administrative_days_of_an_add_on_bought_mid_term_count_its_own_term(tmp_path: Path) -> None:
    """renew14 D4: a CSE from 2026-04-01 in a 2026 term showed 7 Administrative Days: 7 x 275 / 365 = 5.3."""
    from decimal import Decimal

    catalog = default_catalog()
    loaded = load_book([_order_lines(tmp_path)])
    term = next(c for c in loaded.contracts if c.customer == "VanArsdel Ltd" and c.term_start == date(2026, 1, 1))
    assert rules.held_days(catalog, term) == 275
    assert rules.administrative_days(catalog, term) == Decimal("5.3")
    bellows = next(c for c in loaded.contracts if c.customer == "Bellows College")
    assert rules.administrative_days(catalog, bellows) is None  # its MCSE line fits no term: no add-on, no days
    sheet = build_sheet(catalog, AS_OF, [term], [], [])
    assert sheet.contracts[0].administrative_days == Decimal("5.3")  # the report, the sheet and the app read it


def test_an_add_on_line_not_co_termed_folds_onto_the_term_it_starts_in_only(tmp_path: Path) -> None:
    """renew14 D11: an MCSE line 2026-06-01..2027-05-31 beside Premier Plus 2026 was refused as having no contract
    to belong to, and the report's Actions row for such an error named no product. Review 37 finding 5: carried onto
    the 2027 renewal it was held there for the whole term, after its own end; it now goes onto the 2026 term only."""
    loaded = load_book([_order_lines(tmp_path)])
    first, renewal = (c for c in loaded.contracts if c.customer == "VanArsdel Ltd")
    assert first.addons == {"cse": None, "mcse": "50"} and first.addon_starts["mcse"] == date(2026, 6, 1)
    assert renewal.addons == {} and renewal.addon_since == {}
    assert _available(loaded.contracts, "VanArsdel Ltd") == [
        ("CSE available", date(2026, 6, 30)),
        ("MCSE available", date(2026, 8, 30)),
    ]
    warned = [f for f in loaded.findings if "past the end of the term it starts in" in f.message]
    assert [(f.severity.label, f.source.row, f.product) for f in warned] == [("Warning", 4, "okta")]
    assert warned[0].message.startswith(
        "Add-on line 'Mission Critical Support - 50% Dedicated MCSE' runs 2026-06-01 to 2027-05-31, past the end of the "
        "term it starts in (2026-01-01 – 2026-12-31): the MCSE is read as held from 2026-06-01 to 2026-12-31 on that "
        "term (row 2) only, and its dates count from then. Its months after 2026-12-31 are not counted: the renewal "
        "from 2027-01-01 (row 5) shows no MCSE from it (no named-contact limit, no Administrative Days). Check the "
        "line's dates, or give its term on the contract's rows."
    )
    # review 37b B3: the co-termed CSE's request counts from the term's end (its renewal drops it), the MCSE's from
    # its own line's end, with no word of a renewal not holding it
    catalog = default_catalog()
    deadlines = [
        (k.day, k.status.value, k.note) for k in rules.key_dates(catalog, first, AS_OF) if k.role == rules.ACTION_DEADLINE
    ]
    assert deadlines == [
        (date(2026, 11, 16), "Overdue", f"{_ASK} Not renewed: the next term does not hold the CSE."),
        (date(2027, 4, 16), "Upcoming", f"{_ASK} The MCSE's own Order Form ends 2027-05-31, after the term."),
    ]
    # the entitlement sheet's "Renewal request by" gives each add-on its own deadline
    from explorer.outputs.entitlement import _addons

    sheet = build_sheet(catalog, AS_OF, [first], [], [])
    html = _addons(sheet.contracts)
    assert "<td>2026-11-16, overdue; not renewed: the next term does not hold it</td>" in html.split("MCSE (5")[0]
    assert "<td>2027-04-16, upcoming</td>" in html.split("MCSE (5")[1]
    assert not [f for f in loaded.findings if f.customer == "VanArsdel Ltd" and f.severity.label == "Error"]
    # a line no term holds is still an error, and it names the product the add-on is sold with (the Actions row's)
    refused = [f for f in loaded.findings if "to belong to" in f.message]
    assert [(f.customer, f.product) for f in refused] == [("Bellows College", "okta")]


def test_an_add_on_line_running_into_a_renewal_gives_that_renewal_nothing_after_its_own_end(tmp_path: Path) -> None:
    """Review 37 finding 5 (t10_line.csv): an MCSE line 2026-06-01..2027-05-31 beside Premier Plus 2026 and 2027 was
    put onto the 2027 term for its whole term: on 2027-07-01, after the line ended, that term still showed the MCSE,
    a named-contact limit of 5, 7 Administrative Days and an add-on renewal deadline of 2027-11-16. It is read on the
    2026 term only (its own days there: 7 x 214 / 365 = 4.1), and the warning says what that leaves out."""
    from decimal import Decimal

    book = write_csv(
        tmp_path / "t10_line.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Time Zone", "Region"],
        rows=[
            ["Nova", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "America/New_York", "AMER"],
            ["Nova", "Okta", "Premier Plus", "2027-01-01", "2027-12-31", "America/New_York", "AMER"],
            ["Nova", "Okta", "50% Dedicated MCSE", "2026-06-01", "2027-05-31", "America/New_York", "AMER"],
        ],
    )
    catalog = default_catalog()
    loaded = load_book([book])
    for as_of in (date(2026, 12, 8), date(2027, 7, 1)):
        sheet = build_sheet(catalog, as_of, loaded.contracts, [], [])
        first, renewal = sorted(sheet.contracts, key=lambda s: s.contract.term_start or date.min)
        assert [a.held.addon.id for a in first.addons] == ["mcse"]
        assert first.administrative_days == Decimal("4.1")
        assert rules.named_contact_limit(catalog, first.contract) == 5
        assert renewal.addons == [] and renewal.administrative_days is None and renewal.limits == []
        assert rules.named_contact_limit(catalog, renewal.contract) is None
        deadlines = [(d.date.day, d.contract.term_start) for d in sheet.dates if d.date.event.startswith("Add-on renewal")]
        assert deadlines == [(date(2027, 4, 16), date(2026, 1, 1))]  # the line's own end, on the term it is read on
    warned = [f for f in loaded.findings if "past the end of the term it starts in" in f.message]
    assert [(f.severity.label, f.source.row) for f in warned] == [("Warning", 4)]
    assert "Its months after 2026-12-31 are not counted: the renewal from 2027-01-01 (row 3) shows no MCSE" in warned[0].message
    assert "deadline" not in warned[0].message  # the deadline is the line's own: nothing to caveat


_ASK = "Ask at least 45 days before the Order Form end date to keep the same add-on resource."


def test_an_add_on_line_running_into_a_renewal_is_due_45_days_before_its_own_end_not_overdue_or_not_renewed(
    tmp_path: Path,
) -> None:
    """Review 37b B3 (t10_line.csv): on 2026-12-08 the MCSE line 2026-06-01..2027-05-31, read on the 2026 term, gave a
    red 'Deadline overdue' for 2026-11-16, 'Not renewed: the next term does not hold the MCSE', though the line runs
    into that term. Its own Order Form's request is due 2027-04-16 (domain.md §5: end - 45 days): Upcoming on
    2026-12-08, Overdue on 2027-04-20 while the line still runs, the same in the report's Key Dates and Actions."""
    from explorer.cli import main

    book = write_csv(
        tmp_path / "t10_line.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Time Zone", "Region"],
        rows=[
            ["Nova", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "America/New_York", "AMER"],
            ["Nova", "Okta", "Premier Plus", "2027-01-01", "2027-12-31", "America/New_York", "AMER"],
            ["Nova", "Okta", "50% Dedicated MCSE", "2026-06-01", "2027-05-31", "America/New_York", "AMER"],
        ],
    )
    loaded = load_book([book])
    first = next(c for c in loaded.contracts if c.term_start == date(2026, 1, 1))
    assert first.addon_until == {"mcse": date(2027, 5, 31)}
    assert rules.dropped_at_renewal(["mcse"], first) == []  # the next term lacks it, but the line runs into it
    note = f"{_ASK} The MCSE's own Order Form ends 2027-05-31, after the term."
    for as_of, status, action in ((date(2026, 12, 8), "Upcoming", []), (date(2027, 4, 20), "Overdue", ["Deadline overdue"])):
        sheet = build_sheet(default_catalog(), as_of, loaded.contracts, [], [])
        deadlines = [(d.date.day, d.date.status.value, d.date.note) for d in sheet.dates if d.date.is_action]
        assert deadlines == [(date(2027, 4, 16), status, note)]
        first_sheet = next(s for s in sheet.contracts if s.contract.term_start == date(2026, 1, 1))
        assert [a.renewal for a in first_sheet.addons] == [""]  # not 'not renewed'
        out = tmp_path / f"report-{as_of}.xlsx"
        assert main(["report", str(book), "--as-of", as_of.isoformat(), "-o", str(out)]) == 0
        workbook = openpyxl.load_workbook(out)
        key_dates = [r for r in workbook["Key Dates"].iter_rows(min_row=2, values_only=True) if r[2] == _EVENT]
        assert [(r[3].date(), r[4], r[5]) for r in key_dates] == [(date(2027, 4, 16), status, note)]
        actions = [r for r in workbook["Actions"].iter_rows(min_row=2, values_only=True) if r[0] == "Nova"]
        assert [r[2] for r in actions] == action
        assert all("Not renewed" not in str(r) for r in actions)
        if action:
            assert actions[0][3] == f"Add-on renewal request deadline on 2027-04-16. {note}"
            assert actions[0][4].date() == date(2027, 4, 16)


_EVENT = "Add-on renewal request deadline"


def _two_books(tmp_path: Path, older: list[str], cells: list[str], newer: list[str], now: list[str]) -> list[Path]:
    """Fourth's 2025 term on an older sheet (header ``older``, its own cells ``cells`` after the dates) and its 2026
    term, with the add-on, on this year's (``newer``, ``now``); both give Customer Since 2021-01-01."""
    dates = ["Customer", "Product", "Tier", "Start", "End", "Customer Since"]
    return [
        write_csv(
            tmp_path / "fy25.csv",
            header=[*dates, *older],
            rows=[["Fourth", "Okta", cells[0], "2025-01-01", "2025-12-31", "2021-01-01", *cells[1:]]],
        ),
        write_csv(
            tmp_path / "fy26.csv",
            header=[*dates, *newer],
            rows=[["Fourth", "Okta", now[0], "2026-01-01", "2026-12-31", "2021-01-01", *now[1:]]],
        ),
    ]


def test_an_older_row_that_could_not_record_the_add_on_keeps_the_rows_customer_since(tmp_path: Path) -> None:
    """Review 37 finding 6 (t5_addon.csv): the 'bought at a later term' rule overrode the rows' Customer Since
    wherever the term before lacked the add-on, also where that term's sheet has no column for it (an older sheet,
    an older export): mobilization restarted at 2026-01-01. Only a table that could say the add-on says it lacked it."""
    zone = ["Time Zone"]
    # the older sheet has no CSE column: it says nothing of the CSE, so the rows' Customer Since stands
    books = _two_books(tmp_path, zone, ["Premier Plus", "UTC"], ["Dedicated CSE", *zone], ["Premier Plus", "Yes", "UTC"])
    loaded = load_book(books)
    assert _available(loaded.contracts, "Fourth") == [("CSE available", date(2021, 4, 1))]
    assert not [f for f in loaded.findings if "bought with this term" in f.message]
    # its CSE column, blank: the 2025 term lacked the CSE, which was bought with the 2026 one
    books = _two_books(
        tmp_path, ["Dedicated CSE", *zone], ["Premier Plus", "", "UTC"], ["Dedicated CSE", *zone], ["Premier Plus", "Yes", "UTC"]
    )
    loaded = load_book(books)
    assert _available(loaded.contracts, "Fourth") == [("CSE available", date(2026, 4, 1))]
    said = [f for f in loaded.findings if "bought with this term" in f.message]
    assert [(Path(f.source.file).name, f.source.row) for f in said] == [("fy26.csv", 2)]
    # an Add-ons list blank there says the same
    listed = ["Add-ons", *zone]
    books = _two_books(tmp_path, listed, ["Premier Plus", "", "UTC"], ["Dedicated CSE", *zone], ["Premier Plus", "Yes", "UTC"])
    assert _available(load_book(books).contracts, "Fourth") == [("CSE available", date(2026, 4, 1))]


def test_an_older_sheet_naming_the_add_on_in_its_tier_cells_records_it(tmp_path: Path) -> None:
    """The tier cell form ('Premier Plus w/ 50% MCSE' on another row of the older sheet) says a row of that sheet
    would name the MCSE: a plain 'Premier Plus' there lacked it. A sheet that never names it says nothing."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Customer Since", "Time Zone"]
    newer = write_csv(
        tmp_path / "fy26.csv",
        header=[*header[:6], "MCSE", "Time Zone"],
        rows=[["Fourth", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "2021-01-01", "50%", "UTC"]],
    )
    fourth = ["Fourth", "Okta", "Premier Plus", "2025-01-01", "2025-12-31", "2021-01-01", "UTC"]
    other = ["Coho", "Okta", "Premier Plus w/ 50% MCSE", "2025-01-01", "2025-12-31", "2024-01-01", "UTC"]
    tiered = write_csv(tmp_path / "fy25.csv", header=header, rows=[fourth, other])
    assert _available(load_book([tiered, newer]).contracts, "Fourth") == [("MCSE available", date(2026, 4, 1))]
    plain = write_csv(tmp_path / "fy25.csv", header=header, rows=[fourth, [*other[:2], "Premier Plus", *other[3:]]])
    assert _available(load_book([plain, newer]).contracts, "Fourth") == [("MCSE available", date(2021, 4, 1))]
