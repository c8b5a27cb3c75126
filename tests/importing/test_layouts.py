"""Books laid out by hand (probe 7): group headings, subtotal lines, rows and sheets the user set aside."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.places import region_named
from explorer.importing.struck import struck_cells
from explorer.model import Book, Severity
from explorer.outputs.report.build import FindingsByRow

from ..files import write_sheets

HEADER = ["Customer", "Product", "Tier", "Start", "End", "MCSE", "Time Zone"]


def _errors(book: Book) -> list[str]:
    return [f.message for f in book.findings if f.severity is Severity.ERROR]


def _about_rows(book: Book, sheet: str) -> list[tuple[int | None, str]]:
    return [(f.source.row, f.message) for f in book.findings if f.source.sheet == sheet and f.message.startswith("Row ")]


def region_sheets(path: Path) -> Path:
    """One sheet per region as an AM keeps it: a merged title, the header, group labels merged across the table, the
    group's customers, a subtotal line per group and one for the sheet (its count as Excel caches a COUNTA)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "EMEA"
    ws.append(["EMEA accounts - FY27"])
    ws.append(HEADER)
    ws.append(["UK & Ireland"])
    ws.append(["Tango Ltd", "Okta", "Premier Plus", date(2026, 2, 1), date(2027, 1, 31), "100%", "Europe/London"])
    ws.append(["Uniform plc", "Okta", "Premier", date(2026, 4, 1), date(2027, 3, 31), "", "Europe/Dublin"])
    ws.append(["Total UK & Ireland", 2])
    ws.append([])
    ws.append(["ANZ"])
    ws.append(["Yankee Pty", "Okta", "Premier Plus", date(2026, 8, 1), date(2027, 7, 31), "50%", "Australia/Sydney"])
    ws.append(["Grand Total", 3, "", "", "", "", ""])
    for row in (1, 3, 8):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
    wb.save(path)
    return path


def test_group_labels_merged_across_and_subtotal_lines_are_not_contracts(tmp_path: Path) -> None:
    book = load_book([region_sheets(tmp_path / "regions.xlsx")])
    assert [c.customer for c in book.contracts] == ["Tango Ltd", "Uniform plc", "Yankee Pty"]
    assert _errors(book) == []
    assert _about_rows(book, "EMEA") == [
        (3, "Row 3 is a group heading ('UK & Ireland'); it is not read as a record."),
        (6, "Row 6 is a totals line ('Total UK & Ireland | 2'); it is not read as a record."),
        (8, "Row 8 is a group heading ('ANZ'); it is not read as a record."),
        (10, "Row 10 is a totals line ('Grand Total | 3'); it is not read as a record."),
    ]
    # 'ANZ' is the catalog's spelling of APAC: the row under it takes it as its Region; 'UK & Ireland' names none,
    # so its rows take the sheet's name, EMEA
    assert [(c.customer, c.region) for c in book.contracts[1:]] == [("Uniform plc", "EMEA"), ("Yankee Pty", "APAC")]
    assert [f.message for f in book.findings if f.message.startswith(("Group heading", "Sheet 'EMEA' has no Region"))] == [
        "Group heading 'ANZ' (row 8) names the region APAC: the row under it that gives no region takes it as its Region.",
        "Sheet 'EMEA' has no Region column and its name gives the sales region EMEA: its 2 rows take it as their Region "
        "(where no group heading gave one).",
    ]


def test_a_sheet_named_for_a_region_gives_it_to_rows_with_no_region_column(tmp_path: Path) -> None:
    """Tryout 9, k09: a tracker split into EMEA / AMER / APAC sheets with no Region column lost the MCSE region
    check. A quarter's view repeating rows of them (given first here, and leaving the region out) is read once, the
    region kept; a sheet with a Region column, or whose name gives two regions, gives none."""
    header = ["Customer", "Product", "Tier", "Term Start", "Term End", "MCSE"]
    globex = ["Globex GmbH", "Okta", "Premier Plus", date(2026, 3, 1), date(2027, 2, 28), "100% Dedicated MCSE"]
    relecloud = ["Relecloud", "Okta", "Premier Plus", date(2026, 7, 1), date(2027, 6, 30), "50% Dedicated MCSE"]
    path = write_sheets(
        tmp_path / "regions.xlsx",
        {
            "Q1 FY28 renewals": [header, globex],
            "EMEA": [header, globex, ["Soylent SA", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)]],
            "Renewals - APAC": [header, relecloud],
            "EMEA + APAC": [header, ["Initech AG", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)]],
            "AMER": [[*header, "Region"], ["Acme Corp", "Okta", "Premier", date(2026, 2, 1), date(2027, 1, 31), "", ""]],
            "MCSE contacts": [
                ["Customer", "Name", "Email", "Region"],
                ["Globex GmbH", "Kim Lee", "kim@globex.test", "APAC"],
                ["Relecloud", "Bob Stone", "bob@relecloud.test", "AMER"],
            ],
        },
    )
    book = load_book([path])
    assert [(c.customer, c.region, c.source.sheet) for c in book.contracts] == [
        ("Globex GmbH", "EMEA", "Q1 FY28 renewals"),
        ("Soylent SA", "EMEA", "EMEA"),
        ("Relecloud", "APAC", "Renewals - APAC"),
        ("Initech AG", "", "EMEA + APAC"),
        ("Acme Corp", "", "AMER"),
    ]
    assert [(f.source.sheet, f.source.row, f.message) for f in book.findings if "its name gives" in f.message] == [
        (
            "EMEA",
            1,
            "Sheet 'EMEA' has no Region column and its name gives the sales region EMEA: its 2 rows take it as their Region.",
        ),
        (
            "Renewals - APAC",
            1,
            "Sheet 'Renewals - APAC' has no Region column and its name gives the sales region APAC: its row takes it "
            "as its Region.",
        ),
    ]
    assert any("is listed again at EMEA, row 2" in f.message for f in book.findings)
    from explorer.app.session import open_session

    session = open_session([path], date(2026, 12, 7))
    outside = sorted(f.message for f in session.findings if "outside the MCSE's region" in f.message)
    assert [m.split(";")[0] for m in outside] == [
        "Named contact Bob Stone is in AMER, outside the MCSE's region APAC",
        "Named contact Kim Lee is in APAC, outside the MCSE's region EMEA",
    ]


def test_a_label_alone_above_rows_with_their_own_customers_heads_a_group(tmp_path: Path) -> None:
    """Unmerged: 'EMEA' alone in the customer column, then rows that name their customers, then 'Subtotal EMEA | 2'
    (a COUNTA's cached value). A region's label gives the rows their Region where their own cell is blank."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Region"]
    path = write_sheets(
        tmp_path / "by_region.xlsx",
        {
            "By region": [
                header,
                ["EMEA"],
                ["Dove Ltd", "Okta", "Premier", date(2026, 5, 1), date(2027, 4, 30)],
                ["Egret plc", "Okta", "Basic", date(2026, 6, 1), date(2027, 5, 31), "APAC"],
                ["Subtotal EMEA", 2],
                ["AMER"],
                ["Finch Inc", "Auth0", "Enterprise", date(2026, 1, 1), date(2026, 12, 31)],
                ["Total: 3 records"],
            ]
        },
    )
    book = load_book([path])
    assert [(c.customer, c.region) for c in book.contracts] == [
        ("Dove Ltd", "EMEA"),
        ("Egret plc", "APAC"),
        ("Finch Inc", "AMER"),
    ]
    assert _errors(book) == []
    assert _about_rows(book, "By region") == [
        (2, "Row 2 is a group heading ('EMEA'); it is not read as a record."),
        (5, "Row 5 is a totals line ('Subtotal EMEA | 2'); it is not read as a record."),
        (6, "Row 6 is a group heading ('AMER'); it is not read as a record."),
        (8, "Row 8 is a totals line ('Total: 3 records'); it is not read as a record."),
    ]


def test_names_that_begin_with_a_totals_word_stay_customers(tmp_path: Path) -> None:
    """Only a row whose other cells are figures is a totals line: a customer with its product, tier and dates never."""
    path = write_sheets(
        tmp_path / "names.xlsx",
        {
            "Book": [
                ["Customer", "Product", "Tier", "Start", "End"],
                ["TotalEnergies", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)],
                ["Total S.A.", "Okta", "Premier Plus", date(2026, 2, 1), date(2027, 1, 31)],
                ["Total Wine & More", "Auth0", "Enterprise", date(2026, 3, 1), date(2027, 2, 28)],
                ["Sum Capital", "Okta", "Basic", date(2026, 3, 1), date(2027, 2, 28)],
                ["Total", 4],
            ]
        },
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["TotalEnergies", "Total S.A.", "Total Wine & More", "Sum Capital"]
    assert _errors(book) == []
    assert _about_rows(book, "Book") == [(6, "Row 6 is a totals line ('Total | 4'); it is not read as a record.")]


def test_excels_own_subtotal_lines_in_the_middle_are_totals_not_customers(tmp_path: Path) -> None:
    """Excel's Data > Subtotal writes '<group> Total' (or '<group> Count') under each group and 'Grand Total' last,
    with sums beside: none is a customer. A name that ends with such a word keeps its row with its product."""
    path = write_sheets(
        tmp_path / "subtotals.xlsx",
        {
            "2026": [
                ["Customer", "Product", "Tier", "Start", "End", "ARR (EUR)", "Region"],
                ["Tailspin Toys", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), 21000, "EMEA"],
                ["Nod Publishers", "Okta", "Premier Plus", date(2026, 6, 1), date(2027, 5, 31), 62000, "EMEA"],
                ["EMEA Total", "", "", "", "", 83000],
                ["Wine Total", "Okta", "Basic", date(2026, 2, 1), date(2027, 1, 31), 18000, "AMER"],
                ["Mountain Count", "Auth0", "Premier", date(2026, 3, 1), date(2027, 2, 28), 9000, "AMER"],
                ["AMER Count:", 2],
                ["UK & Ireland Total", "", "", "", "", "€ 1,250.00"],
                ["Grand Total", "", "", "", "", 110250],
            ]
        },
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Tailspin Toys", "Nod Publishers", "Wine Total", "Mountain Count"]
    assert _errors(book) == []
    assert _about_rows(book, "2026") == [
        (4, "Row 4 is a totals line ('EMEA Total | 83000'); it is not read as a record."),
        (7, "Row 7 is a totals line ('AMER Count: | 2'); it is not read as a record."),
        (8, "Row 8 is a totals line ('UK & Ireland Total | € 1,250.00'); it is not read as a record."),
        (9, "Row 9 is a totals line ('Grand Total | 110250'); it is not read as a record."),
    ]


def test_two_overlapping_rows_with_no_product_are_said_in_one_spaced_sentence(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "twice.xlsx",
        {
            "Book": [
                ["Customer", "Product", "Tier", "Start", "End"],
                ["Acme Corp", "", "Premier", date(2026, 1, 1), date(2026, 12, 31)],
                ["Acme Corp", "", "Premier", date(2026, 2, 1), date(2027, 1, 31)],
            ]
        },
    )
    [overlap] = [f.message for f in load_book([path]).findings if "overlaps" in f.message]
    assert overlap.startswith("Acme Corp has a second contract row whose term overlaps the one at ")


def test_a_label_between_records_stays_a_record_with_its_errors(tmp_path: Path) -> None:
    """A customer whose row is not filled in yet, between two records, heads no group: its missing fields are errors."""
    path = write_sheets(
        tmp_path / "pending.xlsx",
        {
            "Book": [
                ["Customer", "Product", "Tier", "Start", "End"],
                ["Acme Corp", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)],
                ["Beta Bank"],
                ["Cobalt", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)],
            ]
        },
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Acme Corp", "Beta Bank", "Cobalt"]
    assert any("product is missing" in e for e in _errors(book))


def test_a_customer_written_once_for_its_group_is_not_carried_down_but_the_error_says_so(tmp_path: Path) -> None:
    """Hand-kept: the name on the group's first row only, blank below (not merged, no Subtotal lines). Nothing is
    guessed; each blank row's error names the customer above and the fix."""
    path = write_sheets(
        tmp_path / "fill_down.xlsx",
        {
            "Accounts": [
                ["Customer", "Product", "Tier", "Start", "End"],
                ["Alpine Ski House", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)],
                ["", "Auth0", "Enterprise", date(2026, 1, 1), date(2026, 12, 31)],
                ["", "Okta Access Gateway", "Premier", date(2026, 1, 1), date(2026, 12, 31)],
                ["City Power & Light", "Okta", "Basic", date(2026, 2, 1), date(2027, 1, 31)],
            ]
        },
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts][1:3] == [
        "(no customer name: fill_down.xlsx, Accounts, row 3)",
        "(no customer name: fill_down.xlsx, Accounts, row 4)",
    ]
    hint = (
        "The customer name is missing; the nearest row above names 'Alpine Ski House'. If the name is meant to carry "
        "down, write it on every row (or merge its cells down the rows it covers)."
    )
    assert [(f.source.row, f.message) for f in book.findings if f.severity is Severity.ERROR] == [(3, hint), (4, hint)]


def test_a_contacts_table_skips_its_group_labels_and_totals_line(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "contacts.xlsx",
        {
            "Contracts": [
                ["Customer", "Product", "Tier", "Start", "End", "MCSE", "Region"],
                ["Acme Corp", "Okta", "Premier Plus", date(2026, 1, 1), date(2026, 12, 31), "50%", "EMEA"],
            ],
            "Contacts": [
                ["Customer", "Name", "Email", "Named"],
                ["EMEA"],
                ["Acme Corp", "Ann A", "ann@acme.test", "Yes"],
                ["Acme Corp", "Bob B", "bob@acme.test", "Yes"],
                ["Total: 2 records"],
            ],
        },
    )
    book = load_book([path])
    assert [(c.name, c.region) for c in book.contacts] == [("Ann A", "EMEA"), ("Bob B", "EMEA")]
    assert _errors(book) == []
    assert [row for row, _ in _about_rows(book, "Contacts")] == [2, 5]


PIPELINE = [
    ["Customer", "Product", "Renewal Date", "Stage", "Amount", "Owner"],
    ["Topaz Inc", "Okta", date(2026, 12, 31), "Negotiation", 98000, "Jane"],
    ["Sable Ltd", "Okta", date(2027, 2, 28), "Discovery", 240000, "Raj"],
]


def test_a_deal_pipeline_beside_the_contracts_is_not_read_as_contracts(tmp_path: Path) -> None:
    """Its 'Renewal Date' is a term end alias, but a table of deal columns with neither a tier nor a term start is a
    pipeline: no contract rows of errors, no 'overlap' with the real terms, one info naming the sheet."""
    path = write_sheets(
        tmp_path / "one_workbook.xlsx",
        {
            "Contracts": [
                ["Customer", "Product", "Tier", "Start", "End", "Time Zone"],
                ["Sable Ltd", "Okta", "Premier Plus", date(2026, 3, 1), date(2027, 2, 28), "Europe/London"],
                ["Topaz Inc", "Okta", "Premier Access", date(2026, 1, 1), date(2026, 12, 31), "America/New_York"],
            ],
            "Renewal pipeline": PIPELINE,
        },
    )
    book = load_book([path])
    assert [(c.customer, c.source.sheet) for c in book.contracts] == [("Sable Ltd", "Contracts"), ("Topaz Inc", "Contracts")]
    assert [f.message for f in book.findings if f.severity >= Severity.WARNING] == []
    said = [f for f in book.findings if f.source.sheet == "Renewal pipeline"]
    assert [(f.severity, f.message.split(". If")[0]) for f in said] == [
        (
            Severity.INFO,
            "Sheet 'Renewal pipeline' looks like a deal pipeline or forecast: it has deal columns ('Stage', 'Amount') "
            "beside 'Renewal Date' and no tier or term start column; its 2 rows are not read as contracts",
        )
    ]
    assert book.unread == []  # the app does not offer to map it: the book's contracts are elsewhere


def test_a_file_that_is_only_a_pipeline_has_no_contract_and_says_why(tmp_path: Path) -> None:
    book = load_book([write_sheets(tmp_path / "pipeline.xlsx", {"Renewal pipeline": PIPELINE})])
    assert book.contracts == []
    assert [e.split(". A contract")[0] for e in _errors(book)] == [
        "No contract was read: pipeline.xlsx holds a deal pipeline of 2 rows (sheet 'Renewal pipeline', header row 1: "
        "deal columns ('Stage', 'Amount') beside 'Renewal Date' and no tier or term start column)"
    ]
    assert [(u.sheet, u.mappable) for u in book.unread] == [("Renewal pipeline", True)]


def test_a_missing_term_start_column_is_said_of_its_sheet(tmp_path: Path) -> None:
    """A table with a tier and no start column is contracts with an error, about that sheet (the book may have one):
    one error naming the rows it leaves without a start, not one per row (tryout 12: 5 for a Gainsight report), and
    still each row's in the report's Findings column."""
    path = write_sheets(
        tmp_path / "ends.xlsx",
        {
            "Ends": [
                ["Customer", "Product", "Tier", "End", "Status"],
                ["Acme Corp", "Okta", "Premier", date(2026, 12, 31), "Open"],
                ["Initech", "Okta", "Basic", date(2026, 12, 31), "Open"],
                ["Globex", "Auth0", "Premier", date(2026, 12, 31), "Open"],
            ]
        },
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Acme Corp", "Initech", "Globex"]
    assert _errors(book) == [
        "Sheet 'Ends' has no term start column. 3 rows have no term start date (rows 2–4), so they run on no day. Map "
        "the column that holds the term start (explorer map, or File → Map Columns…)."
    ]
    (said,) = [f for f in book.findings if f.severity is Severity.ERROR]
    assert said.source.row == 1 and said.rows == (2, 3, 4)
    by_row = FindingsByRow(book.findings)
    assert all(said in by_row.of(c.source, c.customer, c.product) for c in book.contracts)


def struck_book(path: Path) -> Path:
    """The AM's way of deleting a row: strike it through. Row 3 is struck whole, row 5 in its customer cell only; row
    4 has one struck cell (a tier corrected in place), which deletes nothing. A sheet named 'Do not use - old'."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(["Customer", "Product", "Tier", "Start", "End", "Status"])
    ws.append(["Juliet Ltd", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), "Active"])
    ws.append(["Juliet Ltd", "Okta", "Basic", date(2026, 1, 1), date(2026, 12, 31), "Active"])
    ws.append(["Kestrel Inc", "Okta", "Premier Plus", date(2026, 3, 1), date(2027, 2, 28), "Active"])
    ws.append(["Lynx AG", "Okta", "Premier", date(2025, 1, 1), date(2025, 12, 31), "Inactive"])
    strike = openpyxl.styles.Font(strike=True)
    for cell in ws[3]:
        cell.font = strike
    ws["F4"].font = strike
    ws["A5"].font = strike
    old = wb.create_sheet("Do not use - old")
    old.append(["Customer", "Product", "Tier", "Start", "End"])
    old.append(["Nightjar Ltd", "Okta", "Premier", date(2022, 1, 1), date(2026, 12, 31)])
    wb.save(path)
    return path


def test_rows_struck_through_are_read_as_deleted_and_named(tmp_path: Path) -> None:
    book = load_book([struck_book(tmp_path / "formatting.xlsx")])
    assert [(c.customer, c.program) for c in book.contracts] == [
        ("Juliet Ltd", "okta-premier"),
        ("Kestrel Inc", "okta-premier-plus"),
    ]
    struck = [(f.severity, f.source.row, f.message) for f in book.findings if "struck" in f.message]
    assert struck == [
        (
            Severity.WARNING,
            3,
            "Row 3 is struck through ('Juliet Ltd | Okta | Basic | 2026-01-01 | 2026-12-31 | Active'): read as deleted, "
            "it is not read as a record.",
        ),
        (
            Severity.WARNING,
            5,
            "Row 5 is struck through ('Lynx AG | Okta | Premier | 2025-01-01 | 2025-12-31 | Inactive'): read as deleted, "
            "it is not read as a record.",
        ),
    ]


def test_a_sheet_named_do_not_use_is_not_read_and_is_named(tmp_path: Path) -> None:
    book = load_book([struck_book(tmp_path / "formatting.xlsx")])
    assert "Nightjar Ltd" not in {c.customer for c in book.contracts}
    said = [(f.severity, f.source.sheet, f.message) for f in book.findings if f.source.sheet == "Do not use - old"]
    assert said == [
        (
            Severity.WARNING,
            "Do not use - old",
            "Sheet 'Do not use - old' is named to be left alone ('do not use'); its 1 row under the header was not read. "
            "To read it, "
            'rename the sheet, or map it with File \u2192 Map Columns\u2026 and add read_hidden = ["Do not use - old"] '
            "to its mapping.",
        )
    ]


def test_sheets_named_old_or_archive_hold_real_history_and_are_read(tmp_path: Path) -> None:
    row = ["Acme Corp", "Okta", "Premier", date(2024, 1, 1), date(2024, 12, 31)]
    header = ["Customer", "Product", "Tier", "Start", "End"]
    path = write_sheets(
        tmp_path / "history.xlsx",
        {"Old": [header, row], "Archive 2025": [header, row[:3] + [date(2025, 1, 1), date(2025, 12, 31)]]},
    )
    book = load_book([path])
    assert [c.source.sheet for c in book.contracts] == ["Old", "Archive 2025"]


def test_damaged_styles_strike_nothing_and_break_nothing(tmp_path: Path) -> None:
    """The styles part is read by bounded patterns: cut short or not XML at all, it strikes no row."""
    import zipfile

    path = struck_book(tmp_path / "formatting.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            cut_short = b"<styleSheet><fonts><font><strike/>" + b"<" * 100_000
            dst.writestr(item, cut_short if item.filename == "xl/styles.xml" else src.read(item.filename))
    assert struck_cells(str(damaged), "Accounts") == {}
    assert struck_cells(str(path), "Accounts") == {3: {0, 1, 2, 3, 4, 5}, 4: {5}, 5: {0}}


def test_years_typed_as_numbers_over_columns_are_headers(tmp_path: Path) -> None:
    # Excel stores '2024' typed over a column as the number 2024: three such headers made the header row look like
    # data ('no row names a table's fields'), and one was dropped from the kept columns without a word.
    path = write_sheets(
        tmp_path / "years.xlsx",
        {
            "Book": [
                ["Customer", "Product", "Tier", "Start", "End", 2024, 2025, 2026],
                [
                    "Adatum",
                    "Okta",
                    "Premier Plus",
                    date(2026, 1, 1),
                    date(2026, 12, 31),
                    "Premier",
                    "Premier Plus",
                    "Premier Plus",
                ],
            ]
        },
    )
    book = load_book([path])
    assert [(c.customer, c.program) for c in book.contracts] == [("Adatum", "okta-premier-plus")]
    assert book.contracts[0].extra == {"2024": "Premier", "2025": "Premier Plus", "2026": "Premier Plus"}
    assert _errors(book) == []


def test_a_contacts_sheet_grouped_under_customer_headings_reads_each_group_as_its_customers(tmp_path: Path) -> None:
    # A hand-kept contacts list: the customer alone on a row, its people below, no customer column. Read as no table
    # at all: 0 named contacts, so the 11-of-10 MCSE limit and the out-of-region contact went unsaid.
    people = [[f"Person {n} (p{n}@northwind.test)", "EMEA"] for n in range(11)]
    path = write_sheets(
        tmp_path / "grouped.xlsx",
        {
            "Contracts": [
                ["Customer", "Product", "Tier", "Start", "End", "MCSE", "Region", "Time Zone"],
                [
                    "Northwind Traders",
                    "Okta",
                    "Premier Plus",
                    date(2026, 1, 1),
                    date(2026, 12, 31),
                    "100%",
                    "EMEA",
                    "Europe/Berlin",
                ],
                ["Contoso Ltd", "Okta", "Premier Plus", date(2026, 3, 1), date(2027, 2, 28), "", "AMER", "America/New_York"],
            ],
            "Contacts": [
                ["Contact", "Region"],
                ["Northwind Traders"],
                *people,
                [],
                ["Contoso Ltd"],
                ["Liam Ortiz <liam@contoso.test>", "AMER"],
            ],
        },
    )
    book = load_book([path])
    counts: dict[str, int] = {}
    for c in book.contacts:
        counts[c.customer] = counts.get(c.customer, 0) + 1
    assert counts == {"Northwind Traders": 11, "Contoso Ltd": 1}
    assert _errors(book) == []
    from explorer.app.session import open_session

    session = open_session([path], date(2026, 6, 1))
    assert any("11 named contacts, but 100% Dedicated MCSE allows 10" in f.message for f in session.findings)


def test_a_sheet_laid_out_sideways_is_told_to_be_turned_not_mapped(tmp_path: Path) -> None:
    # Fields down column A, a customer per column: 'closest to a contracts table, which needs product; map its
    # columns' (no mapping turns a sheet).
    path = write_sheets(
        tmp_path / "sideways.xlsx",
        {
            "Accounts": [
                ["Customer", "Adatum", "Litware"],
                ["Product", "Okta", "Auth0"],
                ["Tier", "Premier", "Enterprise"],
                ["Start", date(2026, 1, 1), date(2026, 2, 1)],
                ["End", date(2026, 12, 31), date(2027, 1, 31)],
            ]
        },
    )
    messages = [f.message for f in load_book([path]).findings]
    assert any("its fields run down a column ('Customer', 'Product', 'Tier', 'Start', 'End')" in m for m in messages)
    assert all("map its columns" not in m for m in messages if m.startswith("Sheet 'Accounts'"))


def _outline(tmp_path: Path) -> Path:
    """A hand-kept book as an outline in one column: the customer alone on its row (with its region and zone), its
    products below it, indented by spaces or by Excel's indent (which the reader does not see)."""
    return write_sheets(
        tmp_path / "outline.xlsx",
        {
            "Book": [
                ["Account / Product", "Tier", "Start", "End", "MCSE", "Region", "Time Zone"],
                ["Blue Yonder Airlines", "", "", "", "", "AMER", "America/New_York"],
                ["    Okta", "Premier Plus", date(2026, 2, 1), date(2027, 1, 31), "100%", "", ""],
                ["    Auth0", "Premier", date(2026, 2, 1), date(2027, 1, 31), "", "", "America/Chicago"],
                [],
                ["Coho Winery", "", "", "", "", "EMEA", "Europe/Berlin"],
                ["Okta", "Premier", date(2026, 5, 1), date(2027, 4, 30), "", "", ""],
                ["Okta Access Gateway", "", "", "", "", "", ""],
                ["Okta Workflows", "Premier", date(2026, 5, 1), date(2027, 4, 30), "", "", ""],
                ["Fourth Coffee", "", "", "", "", "AMER", "America/Chicago"],
            ]
        },
    )


def test_customers_outlined_over_their_products_in_one_column_are_read_as_customer_and_product(tmp_path: Path) -> None:
    # Refused before as 'closest to a contracts table, which needs product', and no mapping could read it: a column
    # serves one field.
    book = load_book([_outline(tmp_path)])
    read = [(c.customer, c.product, c.program, c.term_start, c.region, c.time_zone, c.source.row) for c in book.contracts]
    assert read[:3] == [
        ("Blue Yonder Airlines", "okta", "okta-premier-plus", date(2026, 2, 1), "AMER", "America/New_York", 3),
        ("Blue Yonder Airlines", "auth0", "auth0-premier", date(2026, 2, 1), "AMER", "America/Chicago", 4),
        ("Coho Winery", "okta", "okta-premier", date(2026, 5, 1), "EMEA", "Europe/Berlin", 7),
    ]
    # A product's row with nothing else filled is still a product (its errors say what is missing), not a heading;
    # a product the catalog does not know is refused by name, under its customer.
    assert [(r[0], r[6]) for r in read[3:]] == [("Coho Winery", 8), ("Coho Winery", 9)]
    errors = [(f.source.row, f.message) for f in book.findings if f.severity is Severity.ERROR]
    assert (8, "The term start date is missing.") in errors
    assert any(row == 9 and "Product 'Okta Workflows' is not in the catalog" in message for row, message in errors)
    assert not any(row in (2, 6) for row, _ in errors)  # the heading rows are no contracts
    said = [f.message for f in book.findings if "below the customer's own row" in f.message]
    assert said == [
        "Sheet 'Book' lists each customer's products below the customer's own row in column 'Account / Product': read "
        "as the customer of each product below it (row 2 'Blue Yonder Airlines', row 6 'Coho Winery', row 10 'Fourth "
        "Coffee'), and what that "
        "row holds (region, time zone) as each product's where the product's row leaves it blank."
    ]
    # a heading with no product below it is a customer the sheet holds no term of: said, not dropped (hostile tryout 2)
    assert [(f.source.row, f.severity, f.message) for f in book.findings if "no product is listed below" in f.message] == [
        (
            10,
            Severity.WARNING,
            "Row 10 names the customer 'Fourth Coffee' but no product is listed below it, so it holds no contract here.",
        )
    ]


def test_a_table_without_products_under_its_names_is_no_outline(tmp_path: Path) -> None:
    # Customer rows and lone labels, but nothing below a label names a product: still the sheet the mapping is for.
    path = write_sheets(
        tmp_path / "no_outline.xlsx",
        {
            "Sheet1": [
                ["Customer", "Tier", "Start", "End"],
                ["EMEA"],
                ["Tango Ltd", "Premier Plus", "2026-02-01", "2027-01-31"],
                ["Uniform plc", "Premier", "2026-04-01", "2027-03-31"],
            ]
        },
    )
    book = load_book([path])
    assert book.contracts == []
    assert any("closest to a contracts table, which needs product" in f.message for f in book.findings)


def test_tiers_kept_a_column_per_year_are_named_once_with_how_to_map_one(tmp_path: Path) -> None:
    # Each row said 'The tier is missing' and the year columns were 'kept as they are': nothing said where the tiers were.
    path = write_sheets(
        tmp_path / "years.xlsx",
        {
            "Tiers by year": [
                ["Customer", "Product", "Start", "End", 2024, 2025, "FY26", "Region"],
                ["Adatum", "Okta", date(2026, 1, 1), date(2026, 12, 31), "Premier", "Premier Plus", "Premier Plus", "AMER"],
                ["Woodgrove", "Auth0", date(2025, 10, 1), date(2026, 9, 30), "Enterprise", "", "Premier", "EMEA"],
            ]
        },
    )
    book = load_book([path])
    warned = [f for f in book.findings if "hold a tier for each year" in f.message]
    assert [(f.severity, f.source.row) for f in warned] == [(Severity.WARNING, 1)]
    assert warned[0].message.startswith("Columns '2024', '2025', 'FY26' hold a tier for each year and no column is the tier")
    assert "choose the column of the year the current terms run in as Tier" in warned[0].message
    kept = [f.message for f in book.findings if "kept as they are" in f.message]
    assert kept == []  # the year columns are said once, above


def test_year_columns_of_figures_are_no_tiers(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "revenue.xlsx",
        {
            "Accounts": [
                ["Customer", "Product", "Tier", "Start", "End", 2025, 2026],
                ["Adatum", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), 120000, 135000],
            ]
        },
    )
    assert not any("hold a tier for each year" in f.message for f in load_book([path]).findings)


def test_a_record_of_text_dates_is_never_tried_as_a_header() -> None:
    # An outline of 3,000 customers in a CSV took 8 s: each product row after an emptied heading was matched against
    # every table's spellings as a possible header, its dates being text. A row with two text dates is a record.
    from explorer.importing.tables import _header_like

    assert not _header_like(["Okta", "Premier", "2026-01-01", "2026-12-31"])
    assert not _header_like(["Okta", "Premier", "1/3/2026", "28.02.2027 00:00"])
    assert _header_like(["Customer", "Product", "Start", "End"])
    assert _header_like(["Customer", "Tier", 2024, 2025])  # years typed over columns are headers


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("EMEA", "EMEA"),
        ("Asia Pacific", "APAC"),
        ("Renewals - APAC", "APAC"),
        ("FY27 AMER", "AMER"),
        ("NA", "AMER"),
        ("EMEA + APAC", ""),
        # a name that leaves a region out, or names one only by a chance two letters (hostile tryout 4)
        ("Not EMEA", ""),
        ("Non-EMEA", ""),
        ("ex-APAC", ""),
        ("N/A", ""),
        ("N-A", ""),
        ("Sheet EU", ""),
        ("Data NA 2026", ""),
    ],
)
def test_the_region_a_sheets_name_gives(name: str, region: str) -> None:
    assert region_named(name, default_catalog()) == region


def test_a_rows_own_country_or_zone_wins_over_its_sheets_region_with_a_warning(tmp_path: Path) -> None:
    """hostile4 r02: a sheet named EMEA gave EMEA to a row whose Country is Japan and Time Zone Asia/Tokyo, unsaid.
    The row's own place is the more specific (the domain rules are silent): it is read as APAC, warned naming both."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Country", "Time Zone"]
    term = [date(2026, 1, 1), date(2026, 12, 31)]
    path = write_sheets(
        tmp_path / "regions.xlsx",
        {
            "EMEA": [
                header,
                ["Kyoto KK", "Okta", "Premier", *term, "Japan", "Asia/Tokyo"],
                ["Osaka KK", "Okta", "Premier", *term, "", "Asia/Tokyo"],  # the zone alone says it
                ["Berlin GmbH", "Okta", "Premier", *term, "Germany", "Europe/Berlin"],
                ["Dubai LLC", "Okta", "Premier", *term, "", "Asia/Dubai"],  # Asia, but the Middle East is EMEA's
            ]
        },
    )
    book = load_book([path])
    regions = [(c.customer, c.region) for c in book.contracts]
    assert regions == [("Kyoto KK", "APAC"), ("Osaka KK", "APAC"), ("Berlin GmbH", "EMEA"), ("Dubai LLC", "EMEA")]
    warned = [(f.source.row, f.column, f.customer, f.message) for f in book.findings if f.severity is Severity.WARNING]
    assert warned == [
        (
            2,
            "Country",
            "Kyoto KK",
            "Sheet 'EMEA' names the sales region EMEA, but this row's Country 'Japan' lies in APAC: the row is read as "
            "APAC, its own Country being the more specific. If it is EMEA's, write the region in a Region column.",
        ),
        (
            3,
            "Time Zone",
            "Osaka KK",
            "Sheet 'EMEA' names the sales region EMEA, but this row's Time Zone 'Asia/Tokyo' lies in APAC: the row is "
            "read as APAC, its own Time Zone being the more specific. If it is EMEA's, write the region in a Region column.",
        ),
    ]
    assert "its 2 rows take it as their Region." in next(f.message for f in book.findings if "its name gives" in f.message)
