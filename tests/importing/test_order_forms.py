"""An order form or quote exported to Excel (a CPQ's, a reseller's): a header block of labels beside values (Customer,
Order Start, Term, Status) above a table of line items with no customer column (tryout 9, k05). Every item takes the
block's fields and the items fold into one contract; a draft quote is not signed; a block lacking a term start is one
error naming its rows and what to add, never 'map its columns'."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from explorer.cli import main
from explorer.importing.book import load_book
from explorer.model import Book, Severity

from ..files import write_sheets

ITEMS = ["SKU", "Product", "Quantity", "List Price", "Discount %", "Net Price", "Start Date", "End Date"]


def _order_and_quote(path: Path) -> Path:
    """This year's signed order form and next year's draft renewal quote, a sheet each (k05's shape)."""

    def sheet(title: str, block: list[list[object]], lines: list[list[object]], total: int) -> list[list[object]]:
        footnote = ["Prices in USD. This Order Form is governed by the Okta Master Subscription Agreement."]
        return [[title], [], *block, [], ITEMS, *lines, ["", "", "", "", "Total", total], [], footnote]

    y26, y27 = (date(2026, 1, 1), date(2026, 12, 31)), (date(2027, 1, 1), date(2027, 12, 31))
    return write_sheets(
        path,
        {
            "Order Form": sheet(
                "Okta, Inc. - Order Form Q-00123",
                [
                    ["Customer", "Trey Research Inc."],
                    ["Order Form #", "Q-00123"],
                    ["Order Start Date", y26[0]],
                    ["Subscription Term", "12 months"],
                    ["Billing", "Annual in advance"],
                    ["Status", "Signed"],
                ],
                [
                    ["OKTA-WF-SSO", "Okta Workforce Identity - SSO (per user)", 1500, 36000, 0.2, 28800, *y26],
                    ["OKTA-SUP-PP", "Okta Premier Plus Support", 1, 18000, 0.1, 16200, *y26],
                    ["OKTA-PP-CSE", "Dedicated CSE Add-On", 1, 60000, 0.1, 54000, *y26],
                ],
                99000,
            ),
            "Renewal Quote FY27": sheet(
                "Okta, Inc. - Renewal Quote Q-00456 (DRAFT - not signed)",
                [
                    ["Customer", "Trey Research Inc."],
                    ["Quote #", "Q-00456"],
                    ["Quote Expires", date(2026, 12, 15)],
                    ["Order Start Date", y27[0]],
                    ["Subscription Term", "12 months"],
                    ["Status", "Draft"],
                ],
                [["OKTA-SUP-PP", "Okta Premier Plus Support", 1, 19000, 0.1, 17100, *y27]],
                17100,
            ),
        },
    )


def _said(book: Book, severity: Severity) -> list[tuple[str, int | None, str]]:
    return [(f.source.sheet, f.source.row, f.message) for f in book.findings if f.severity is severity]


def test_an_order_form_and_its_draft_renewal_quote_read_as_two_terms_the_quote_not_signed(tmp_path: Path) -> None:
    book = load_book([_order_and_quote(tmp_path / "order.xlsx")])
    assert [(c.customer, c.program, c.term_start, c.term_end, sorted(c.addons)) for c in book.contracts] == [
        ("Trey Research Inc.", "okta-premier-plus", date(2026, 1, 1), date(2026, 12, 31), ["cse"]),
        ("Trey Research Inc.", "okta-premier-plus", date(2027, 1, 1), date(2027, 12, 31), []),
    ]
    signed, quote = book.contracts
    assert signed.ended_on is None and quote.ended_on == date(2027, 1, 1) - timedelta(days=1)  # in force on no day
    infos, warnings = _said(book, Severity.INFO), _said(book, Severity.WARNING)
    assert (
        "Order Form",
        3,
        "Rows 3\u20138 of sheet 'Order Form' are the header block of the line items below (header row 10): each item "
        "is read with its Customer 'Trey Research Inc.', Order Form # 'Q-00123', Subscription Term '12 months', "
        "Billing 'Annual in advance', Status 'Signed'; the items' own columns are read over its 'Order Start Date'.",
    ) in infos
    assert any(s == "Renewal Quote FY27" and m.startswith("Status 'Draft': the deal is not signed") for s, _, m in warnings)
    # the totals line and the footnote take no customer: they are no items, as on a sheet without a block
    assert ("Order Form", 14, "Row 14 is a totals line ('Total | 99000'); it is not read as a record.") in infos
    assert any(s == "Order Form" and r == 16 and "is a title or note" in m for s, r, m in infos)
    assert not _said(book, Severity.ERROR)
    assert not any("map its columns" in f.message or "written down a column" in f.message for f in book.findings)


def test_the_report_and_the_sheet_agree_on_the_order_and_the_quote(tmp_path: Path) -> None:
    path = _order_and_quote(tmp_path / "order.xlsx")
    report = tmp_path / "r.xlsx"
    assert main(["report", str(path), "--as-of", "2026-12-07", "-o", str(report)]) == 0
    rows = [[c.value for c in r][:6] for r in openpyxl.load_workbook(report)["Contracts"].iter_rows(min_row=2)]
    assert [(r[0], r[2], r[3].date(), r[5]) for r in rows] == [
        ("Trey Research Inc.", "Premier Plus", date(2026, 1, 1), "In force"),
        ("Trey Research Inc.", "Premier Plus", date(2027, 1, 1), "Never ran"),
    ]
    sheet = tmp_path / "s.pdf"
    assert main(["sheet", str(path), "--customer", "Trey Research", "--as-of", "2026-12-07", "-o", str(sheet)]) == 0


def test_a_quote_whose_title_says_draft_is_not_signed_and_bill_to_names_its_customer(tmp_path: Path) -> None:
    """No status label: the title (or the sheet's name) calling it a draft quote gives it; 'Bill To' with its address
    in the cell names the customer; a German quote's labels read by the catalog's spellings."""
    items = [
        ["Artikelnummer", "Produkt", "Menge", "Listenpreis", "Rabatt", "Nettopreis"],
        ["OKTA-SUP-PP", "Okta Premier Plus Support", 1, 19000, 0.1, 17100],
    ]
    path = write_sheets(
        tmp_path / "angebot.xlsx",
        {
            "Angebot": [
                ["Angebot A-1042 (Entwurf)"],
                [],
                ["Bill To", "Fabrikam GmbH\nHafenstraße 1\n20457 Hamburg"],
                ["Angebotsnummer", "A-1042"],
                ["Vertragsbeginn", date(2027, 3, 1)],
                ["Laufzeit (Monate)", 12],
                [],
                *items,
            ],
            "Quote": [  # a quote accepted: signed
                ["Quote Q-7"],
                [],
                ["Bill To", "Fabrikam GmbH"],
                ["Subscription Start Date", date(2026, 3, 1)],
                ["Subscription End Date", date(2027, 2, 28)],
                ["Quote Status", "Accepted"],
                [],
                *items,
            ],
        },
    )
    book = load_book([path])
    assert [(c.customer, c.term_start, c.term_end, c.ended_on) for c in book.contracts] == [
        ("Fabrikam GmbH", date(2027, 3, 1), date(2028, 2, 29), date(2027, 2, 28)),
        ("Fabrikam GmbH", date(2026, 3, 1), date(2027, 2, 28), None),
    ]
    infos = [m for s, _, m in _said(book, Severity.INFO) if s == "Angebot"]
    assert any(
        "each item is read with its Bill To 'Fabrikam GmbH', Angebotsnummer 'A-1042', Vertragsbeginn '2027-03-01', "
        "Laufzeit (Monate) '12', and Quote Status 'Draft', as the title 'Angebot A-1042 (Entwurf)' calls it a draft "
        "quote." in m
        for m in infos
    )
    assert not _said(book, Severity.ERROR)


def test_a_header_block_with_no_term_start_is_told_what_to_add_not_to_map_columns(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "order.xlsx",
        {
            "Order Form": [
                ["Order Form"],
                [],
                ["Customer", "Fabrikam Ltd"],
                ["Order Form #", "Q-2207"],
                ["Subscription Term", "12 months"],
                ["Status", "Signed"],
                [],
                ["SKU", "Product", "Quantity", "Net Price"],
                ["OKTA-SUP-PREM", "Okta Premier Support", 1, 10800],
            ]
        },
    )
    book = load_book([path])
    told = (
        "rows 3\u20136 are the header block of the line items below (header row 8), whose fields each item takes, but "
        "neither gives a term start: add a row 'Term Start' (the day the order's term begins) to the block"
    )
    (error,) = [m for _, _, m in _said(book, Severity.ERROR)]
    assert error.startswith("No contract was read") and told in error
    assert any(s == "Order Form" and told in m for s, _, m in _said(book, Severity.WARNING))
    assert not any("map its columns" in f.message for f in book.findings)


def test_map_writes_the_order_forms_items_as_read_and_check_reads_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`explorer map` no longer asks for a customer column the items do not have: it writes the layout the import
    reads, the block's labels after the items' headers, and the mapping reads the file again."""
    path = _order_and_quote(tmp_path / "order.xlsx")
    out = tmp_path / "mapping.toml"
    assert main(["map", str(path), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    first = tomllib.loads(text)["mapping"][0]
    assert first["layout"] == [*ITEMS, "Customer", "Order Form #", "Subscription Term", "Billing", "Status"]
    assert first["columns"]["customer"] == "Customer" and "NOT READ" not in text
    assert "rows 3-8: the header block whose fields each item takes" in text
    capsys.readouterr()
    assert main(["check", str(path), "--mapping", str(out), "--as-of", "2026-12-07"]) == 0
    assert "1 customer, 1 contract (2 terms)" in capsys.readouterr().out  # this year's and the renewal quote
