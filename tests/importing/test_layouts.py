"""Books laid out by hand (probe 7): group headings, subtotal lines, rows and sheets the user set aside."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from explorer.importing.book import load_book
from explorer.model import Book, Severity

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
    # 'ANZ' is the catalog's spelling of APAC: the row under it takes it as its Region; 'UK & Ireland' names none
    assert [(c.customer, c.region) for c in book.contracts[1:]] == [("Uniform plc", ""), ("Yankee Pty", "APAC")]
    assert [f.message for f in book.findings if f.message.startswith("Group heading")] == [
        "Group heading 'ANZ' (row 8) names the region APAC: the row under it that gives no region takes it as its Region."
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
    """A table with a tier and no start column is contracts with an error, about that sheet (the book may have one)."""
    path = write_sheets(
        tmp_path / "ends.xlsx",
        {
            "Ends": [
                ["Customer", "Product", "Tier", "End", "Status"],
                ["Acme Corp", "Okta", "Premier", date(2026, 12, 31), "Open"],
            ]
        },
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Acme Corp"]
    assert _errors(book) == ["This sheet has no term start column."]
