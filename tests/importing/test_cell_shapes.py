"""Values and sheet shapes real exports write (monday, Notion, Airtable, Excel's own errors), read as a person reads them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv, write_formula_errors, write_sheets


def test_excel_error_cells_are_named_with_their_formula(tmp_path: Path) -> None:
    book = load_book([write_formula_errors(tmp_path / "errors.xlsx")])
    errors = {(f.source.row, f.column): f.message for f in book.findings if f.severity is Severity.ERROR}
    assert errors == {
        (3, "Tier"): "Tier: the cell holds Excel's error #N/A (its formula =VLOOKUP(A3,Tiers!A:B,2,FALSE) failed).",
        (4, "Term End"): "Term end: the cell holds Excel's error #REF! (its formula =#REF!+364 failed).",
        (5, "Term End"): "Term end: the cell holds Excel's error #VALUE! (its formula =EDATE(D5,12)-1 failed).",
    }
    assert [c.program for c in book.contracts] == ["okta-premier-plus", None, "okta-premier", "okta-basic"]


def test_short_date_with_the_year_first_or_last_is_an_error_unless_the_file_says(tmp_path: Path) -> None:
    header = ["Customer", "Product", "Tier", "Term Start", "Term End"]
    rows = [
        ["Tokyo Trading", "Okta", "Premier", "26/03/01", "27/02/28"],
        ["Osaka Optics", "Okta", "Basic", "26-04-01", "27-03-31"],
    ]
    book = load_book([write_csv(tmp_path / "yy_mm_dd.csv", rows=rows, header=header)])
    errors = [f.message for f in book.findings if f.severity is Severity.ERROR]
    assert errors[0] == (
        "Term start: '26/03/01' is ambiguous: it could be 26 March 2001 (day/month/year) or 1 March 2026 "
        "(year/month/day); write it as 2001-03-26 or 2026-03-01."
    )
    assert len(errors) == 4 and all("ambiguous" in e for e in errors)
    assert [(c.term_start, c.term_end) for c in book.contracts] == [(None, None), (None, None)]

    settled = rows + [["Kyoto Kabushiki", "Okta", "Basic", "2026/05/01", "2027/04/30"]]  # the file writes years first
    book = load_book([write_csv(tmp_path / "settled.csv", rows=settled, header=header)])
    assert [(c.term_start, c.term_end) for c in book.contracts] == [
        (date(2026, 3, 1), date(2027, 2, 28)),
        (date(2026, 4, 1), date(2027, 3, 31)),
        (date(2026, 5, 1), date(2027, 4, 30)),
    ]
    assert not [f for f in book.findings if f.severity >= Severity.WARNING and not f.message.startswith("No time zone")]

    uk = rows + [["Leeds Ltd", "Okta", "Basic", "30/06/2026", "29/06/2027"]]  # ... or last
    book = load_book([write_csv(tmp_path / "uk.csv", rows=uk, header=header)])
    assert book.contracts[0].term_start == date(2001, 3, 26)


def test_a_term_before_2000_or_over_ten_years_is_a_warning(tmp_path: Path) -> None:
    header = ["Customer", "Product", "Tier", "Term Start", "Term End"]
    rows = [
        ["Old Co", "Okta", "Premier", "1999-12-01", "2026-11-30"],
        ["Long Co", "Okta", "Premier", "2026-03-01", "2037-03-01"],
        ["Ten Co", "Okta", "Premier", "2026-03-01", "2036-03-01"],
    ]
    book = load_book([write_csv(tmp_path / "terms.csv", rows=rows, header=header)])
    odd = [(f.customer, f.column, f.message) for f in book.findings if "check its dates" in f.message]
    assert odd == [
        (
            "Old Co",
            "Term Start",
            "The term starts on 1999-12-01, before 2000: check its dates (a short date such as "
            "26/03/01 or a mistyped year reads as another year).",
        ),
        (
            "Long Co",
            "Term End",
            "The term runs 11 years (2026-03-01 to 2037-03-01): check its dates (a short date "
            "such as 26/03/01 or a mistyped year reads as another year).",
        ),
    ]
    assert all(f.severity is Severity.WARNING for f in book.findings if "check its dates" in f.message)


def test_checkbox_exports_read_as_yes_and_no(tmp_path: Path) -> None:
    header = ["Customer", "Product", "Tier", "Term Start", "Term End", "Dedicated CSE"]
    rows = [
        ["Monday Co", "Okta", "Premier Plus", "2026-03-01", "2027-02-28", "v"],  # monday.com's ticked checkbox
        ["Airtable Co", "Okta", "Premier Plus", "2026-03-01", "2027-02-28", "checked"],  # Airtable's
        ["Unticked Co", "Okta", "Premier Plus", "2026-03-01", "2027-02-28", "unchecked"],
    ]
    book = load_book([write_csv(tmp_path / "checkboxes.csv", rows=rows, header=header)])
    assert [sorted(c.addons) for c in book.contracts] == [["cse"], ["cse"], []]
    assert not [f for f in book.findings if f.column == "Dedicated CSE"]


CONTRACTS = [
    ["Customer", "Product", "Tier", "Term Start", "Term End"],
    ["Northwind Traders", "Okta", "Premier Plus", date(2026, 3, 1), date(2027, 2, 28)],
    ["Contoso Ltd", "Okta", "Basic", date(2026, 6, 15), date(2027, 6, 14)],
]


def test_pivot_lookup_and_numbers_summary_sheets_are_named_not_asked_to_be_mapped(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "team.xlsx",
        {
            "Summary": [["Row Labels", "Count of Customer"], ["Basic", 1], ["Premier Plus", 1], ["Grand Total", 2]],
            "Data": CONTRACTS,
            "Lookup": [["Code", "Tier"], ["PP", "Premier Plus"], ["BA", "Basic"], ["PR", "Premier"]],
            "Export Summary": [  # as Numbers writes it
                [
                    "This document was exported from Numbers.  Each table was converted to an Excel worksheet. All other "
                    "objects on each Numbers sheet were placed on separate worksheets. Please be aware that formula "
                    "calculations may differ in Excel."
                ],
                [],
                ["Numbers Sheet Name", "Numbers Table Name", "Excel Worksheet Name"],
                ["Contracts", "Table 1", "Data"],
                ["Contracts", "Contacts", "Data"],
            ],
            "Renewals": [["Account", "Owner", "Next call"], ["Northwind", "Ann", "Q1"], ["Contoso", "Bob", "Q2"]],
        },
    )
    book = load_book([path])
    assert len(book.contracts) == 2
    by_sheet = {f.source.sheet: (f.severity, f.message) for f in book.findings if f.source.sheet != "Data"}
    assert by_sheet["Summary"] == (
        Severity.INFO,
        "Sheet 'Summary' looks like a pivot table ('Row Labels', 'Count of Customer', 'Grand Total'): a summary of "
        "other rows; not read.",
    )
    assert by_sheet["Lookup"] == (
        Severity.INFO,
        "Sheet 'Lookup' looks like a lookup list of two columns ('Code', 'Tier', 3 rows below), not a table of "
        "contracts, contacts, cases or holidays; not read.",
    )
    assert by_sheet["Export Summary"][0] is Severity.INFO
    assert "the summary sheet Apple Numbers adds to an export" in by_sheet["Export Summary"][1]
    assert by_sheet["Renewals"][0] is Severity.WARNING  # it looks like data: mapping it may read it
    assert "map its columns" in by_sheet["Renewals"][1]


def test_one_hidden_row_is_said_in_the_singular(tmp_path: Path) -> None:
    path = write_sheets(tmp_path / "hidden.xlsx", {"Data": CONTRACTS, "Old": CONTRACTS[:2]})
    wb = openpyxl.load_workbook(path)
    wb["Old"].sheet_state = "hidden"
    wb.save(path)
    notes = [f.message for f in load_book([path]).findings if f.source.sheet == "Old"]
    assert notes[0].startswith("Sheet 'Old' is hidden in the workbook; its 1 row under the header was not read.")


def test_a_name_column_is_the_customer_of_a_contracts_table_only(tmp_path: Path) -> None:
    header = ["Name", "Product", "Tier", "Term Start", "Term End"]  # a Notion database, Airtable's primary field
    rows = [["Northwind Traders", "Okta", "Premier Plus", "March 1, 2026", "February 28, 2027"]]
    book = load_book([write_csv(tmp_path / "notion.csv", rows=rows, header=header)])
    assert [(c.customer, c.term_start) for c in book.contracts] == [("Northwind Traders", date(2026, 3, 1))]
    infos = [f.message for f in book.findings if f.column == "Name"]
    assert infos == [
        "Read 'Name' as Customer (the title column monday.com, Notion and Airtable head 'Name' and Microsoft Lists "
        "'Title'; the table has no column named for it)."
    ]

    book = load_book(
        [
            write_csv(
                tmp_path / "contacts.csv",
                rows=[["Northwind Traders", "Jane Doe", "jane@nw.test"]],
                header=["Company", "Name", "Email"],
            )
        ]
    )
    assert [(c.customer, c.name) for c in book.contacts] == [("Northwind Traders", "Jane Doe")]

    with_account = ["Account", "Name", "Product", "Tier", "Term Start", "Term End"]  # 'Name' is then the deal's
    rows = [["Northwind Traders", "NW renewal 2026", "Okta", "Premier Plus", "2026-03-01", "2027-02-28"]]
    book = load_book([write_csv(tmp_path / "deals.csv", rows=rows, header=with_account)])
    assert [c.customer for c in book.contracts] == ["Northwind Traders"]
    assert not [f for f in book.findings if "title column" in f.message]

    no_term = [["Northwind Traders", "Okta", "Ann"], ["Contoso", "Okta", "Bob"]]  # no tier, no term: no contracts
    book = load_book([write_csv(tmp_path / "list.csv", rows=no_term, header=["Name", "Product", "Owner"])])
    assert not book.contracts


def test_a_term_written_as_one_range_is_read_as_start_and_end(tmp_path: Path) -> None:
    header = ["Name", "Product", "Tier", "Term", "Region"]  # a Notion date property with an end date
    rows = [
        ["Northwind Traders", "Okta", "Premier Plus", "March 1, 2026 → February 28, 2027", "EMEA"],
        ["Contoso Ltd", "Okta", "Basic", "2026-06-15 - 2027-06-14", "AMER"],
        ["Fabrikam Inc", "Okta", "Premier", "01/12/2025 to 30/11/2026", "AMER"],
        ["Wingtip Bank", "Okta", "Basic", "from spring", "AMER"],
    ]
    book = load_book([write_csv(tmp_path / "notion.csv", rows=rows, header=header)])
    assert [(c.customer, c.term_start, c.term_end) for c in book.contracts] == [
        ("Northwind Traders", date(2026, 3, 1), date(2027, 2, 28)),
        ("Contoso Ltd", date(2026, 6, 15), date(2027, 6, 14)),
        ("Fabrikam Inc", date(2025, 12, 1), date(2026, 11, 30)),
        ("Wingtip Bank", None, None),
    ]
    said = [(f.severity, f.column, f.message) for f in book.findings if f.column == "Term"]
    assert said == [
        (
            Severity.INFO,
            "Term",
            "Read 'Term' as the term start and end: each cell holds both dates ('March 1, 2026 → February 28, 2027'), "
            "all but row 5, not a range of two dates (an error on each).",
        ),
        (Severity.ERROR, "Term", "Term: 'from spring' is not a range of two dates (such as 2026-03-01 - 2027-02-28)."),
    ]
    assert not [f for f in book.findings if "has no term" in f.message]


@pytest.mark.parametrize(
    "typed",
    [
        ["3/1/2026-2/28/2027", "3/15/2026-3/14/2027"],  # US, a hyphen with no spaces (tryout 9: refused)
        ["01.03.2026-28.02.2027", "15.03.2026-14.03.2027"],
        ["2026-03-01-2027-02-28", "2026-03-15-2027-03-14"],  # ISO dates: split where both halves are whole dates
        ["2026-03-01/2027-02-28", "2026-03-15/2027-03-14"],  # an ISO 8601 interval
        ["1/3/26–28/2/27", "15/3/26–14/3/27"],  # an en dash; 28/2/27 alone may be year first, its start is not
    ],
)
def test_a_term_range_typed_with_no_spaces_is_split_where_both_halves_are_dates(tmp_path: Path, typed: list[str]) -> None:
    header = ["Customer", "Product", "Tier", "Contract Period"]
    rows = [["Proseware Inc", "Okta", "Premier", typed[0]], ["Qwerty Systems", "Okta", "Basic", typed[1]]]
    rows.append(["Relecloud", "Okta", "Basic", "2026-03-01-02"])  # no two whole dates: still an error
    book = load_book([write_csv(tmp_path / "terms.csv", rows=rows, header=header)])
    assert [(c.term_start, c.term_end) for c in book.contracts] == [
        (date(2026, 3, 1), date(2027, 2, 28)),
        (date(2026, 3, 15), date(2027, 3, 14)),
        (None, None),
    ]
    errors = [f.message for f in book.findings if f.severity is Severity.ERROR]
    assert errors == ["Term: '2026-03-01-02' is not a range of two dates (such as 2026-03-01 - 2027-02-28)."]


def test_a_timeline_beside_a_renewal_date_gives_the_term_its_start(tmp_path: Path) -> None:
    """A monday.com board with a Timeline and a Renewal date column: the renewal date was read as the end, the
    Timeline left unread, and every row was an error for want of a start (found by a tryout of board exports)."""
    header = ["Name", "Product", "Tier", "Timeline", "Renewal date", "Item ID"]
    rows = [
        ["Trey Research", "Okta", "Premier", "2026-02-01 - 2027-01-31", "2027-01-31", "1701"],
        ["Woodgrove", "Auth0", "Enterprise", "2026-03-15 - 2027-03-14", "2027-03-14", "1702"],
    ]
    book = load_book([write_csv(tmp_path / "board.csv", rows=rows, header=header)])
    assert [(c.term_start, c.term_end) for c in book.contracts] == [
        (date(2026, 2, 1), date(2027, 1, 31)),
        (date(2026, 3, 15), date(2027, 3, 14)),
    ]
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    assert "Read 'Timeline' as the term start (the end is 'Renewal date')" in " ".join(f.message for f in book.findings)


AIRTABLE = ["Name", "Products", "Start date", "End date", "Named Contacts", "MCSE Option", "Region", "Time zone"]


def test_several_products_in_one_cell_are_one_contract_each(tmp_path: Path) -> None:
    """An Airtable multi-select ('A,B'), a '; ' list and a line break: one contract per product, each with the row's
    customer, dates, contacts and source; the MCSE column goes with the product that may carry it."""
    people = "Ana Lima,Ben Ode,Cy Tran,Dee Moss,Eli Roy,Fay Lu"
    chicago = ["AMER", "America/Chicago"]
    rows = [
        ["Blue Yonder", "Okta Premier Plus,Auth0 Enterprise", "2/1/2026", "1/31/2027", people, "50% Dedicated MCSE", *chicago],
        ["Relecloud", "Okta Premier; Auth0 Premier", "3/1/2026", "2/28/2027", "", "", *chicago],
        ["Woodgrove", "Okta Premier Access\nOkta Access Gateway Premier", "6/1/2026", "5/31/2027", "", "", *chicago],
        ["Coho", "Auth0 (renewed, 2026)", "3/15/2026", "3/14/2027", "", "", "EMEA", "Europe/Paris"],
    ]
    book = load_book([write_csv(tmp_path / "airtable.csv", rows=rows, header=AIRTABLE)])
    assert [(c.customer, c.product, c.program, c.source.row, c.term_start) for c in book.contracts] == [
        ("Blue Yonder", "okta", "okta-premier-plus", 2, date(2026, 2, 1)),
        ("Blue Yonder", "auth0", "auth0-enterprise", 2, date(2026, 2, 1)),
        ("Relecloud", "okta", "okta-premier", 3, date(2026, 3, 1)),
        ("Relecloud", "auth0", "auth0-premier", 3, date(2026, 3, 1)),
        ("Woodgrove", "okta", "okta-premier-access", 4, date(2026, 6, 1)),
        ("Woodgrove", "okta-access-gateway", "okta-premier", 4, date(2026, 6, 1)),
        ("Coho", "auth0", "auth0-enterprise", 5, date(2026, 3, 15)),
    ]
    assert [c.addons for c in book.contracts[:2]] == [{"mcse": "50"}, {}]
    assert [f.message for f in book.findings if f.severity is Severity.ERROR] == []
    assert sorted({(c.customer, c.product) for c in book.contacts}) == [("Blue Yonder", "auth0"), ("Blue Yonder", "okta")]
    said = [f.message for f in book.findings if f.column == "Products"]
    assert said == [
        "Product 'Okta Premier Plus,Auth0 Enterprise' lists 2 products: each product is read as a contract of its own "
        "(Okta Premier Plus; Auth0 Enterprise), with the row's customer, dates and contacts. The MCSE column goes with "
        "Okta Premier Plus, as only it may carry it.",
        "Product 'Okta Premier; Auth0 Premier' lists 2 products: each product is read as a contract of its own "
        "(Okta Premier; Auth0 Premier), with the row's customer, dates and contacts.",
        "Product 'Okta Premier Access / Okta Access Gateway Premier' lists 2 products: each product is read as a "
        "contract of its own (Okta Premier Access; Okta Access Gateway Premier), with the row's customer, dates and "
        "contacts.",
    ]


def test_an_add_on_listed_beside_its_product_is_its_add_on(tmp_path: Path) -> None:
    rows = [["Nod", "Okta Premier Plus; Dedicated CSE", "2026-01-01", "2026-12-31", "", "", "EMEA", "Europe/Paris"]]
    book = load_book([write_csv(tmp_path / "with_cse.csv", rows=rows, header=AIRTABLE)])
    assert [(c.product, c.program, c.addons) for c in book.contracts] == [("okta", "okta-premier-plus", {"cse": None})]
    assert [f.message for f in book.findings if f.severity is Severity.ERROR] == []


def test_a_tier_list_beside_a_product_list_pairs_the_nth_with_the_nth(tmp_path: Path) -> None:
    """Totango's Product 'Okta; Auth0' beside Support Level 'Premier Plus; Enterprise': two contracts, each with its
    tier; an add-on beside them takes no tier of the list, and lists of two lengths are an error that says so."""
    header = ["Account Name", "Product", "Support Level", "Start", "End"]
    rows = [
        ["Northwind", "Okta; Auth0", "Premier Plus; Enterprise", "2026-03-01", "2027-02-28"],
        ["Fabrikam", "Auth0, Dedicated CSE, Okta", "Premier, Premier Plus", "2026-03-01", "2027-02-28"],
        ["Contoso", "Okta; Auth0", "Premier Plus; Enterprise; Basic", "2026-03-01", "2027-02-28"],
    ]
    book = load_book([write_csv(tmp_path / "totango.csv", rows=rows, header=header)])
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [
        ("Northwind", "okta", "okta-premier-plus"),
        ("Northwind", "auth0", "auth0-enterprise"),
        ("Fabrikam", "auth0", "auth0-premier"),
        ("Fabrikam", "okta", "okta-premier-plus"),
        ("Contoso", "okta", None),
        ("Contoso", "auth0", None),
    ]
    assert book.contracts[3].addons == {"cse": None}
    said = {f.source.row: f.message for f in book.findings if f.column == "Product"}
    assert said[2].endswith(
        "with the row's customer, dates and contacts, each with its tier from 'Premier Plus; Enterprise' in turn."
    )
    assert said[4].endswith("Its tier cell lists 3 tiers for 2 products, so none is paired with a product.")
    errors = [(f.source.row, f.column, f.message) for f in book.findings if f.severity is Severity.ERROR]
    assert errors == [  # one for the row's tier cell, not one per product (hostile round 6)
        (
            4,
            "Support Level",
            "Tier 'Premier Plus; Enterprise; Basic' lists 3 tiers for 2 products (Okta; Auth0), so none is paired with "
            "its product: they go with the products one for one (the first with the first) only where the product "
            "cell lists as many; Okta needs one of Basic, Premier, Premier Access, Premier Plus; Auth0 needs one of "
            "Enterprise, Premier.",
        )
    ]


def test_a_product_listed_twice_is_two_products_and_an_addon_waiting_on_an_unread_tier_is_no_second_error(
    tmp_path: Path,
) -> None:
    """'Okta; Okta' beside 'Premier; Premier Plus' makes two Okta contracts: the info said '1 product and 1 add-on'.
    An add-on listed among products whose tiers do not pair (3 tiers for 2 products) goes onto no contract, as the
    Okta one has no tier: the tier error is the row's one error, the add-on's is an info saying it waits on it."""
    header = ["Customer", "Product", "Tier", "Start Date", "End Date"]
    rows = [
        ["Acme Corp", "Okta; Okta", "Premier; Premier Plus", "2026-01-01", "2026-12-31"],
        ["Initech", "Okta; Dedicated CSE Add-On; Auth0", "Premier Plus; Premier Plus; Enterprise", "2026-01-01", "2026-12-31"],
    ]
    book = load_book([write_csv(tmp_path / "tiers.csv", rows=rows, header=header)])
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [
        ("Acme Corp", "okta", "okta-premier"),
        ("Acme Corp", "okta", "okta-premier-plus"),
        ("Initech", "okta", None),
        ("Initech", "auth0", None),
    ]
    said = [f.message for f in book.findings if f.source.row == 2 and f.column == "Product"]
    assert said == [
        "Product 'Okta; Okta' lists 2 products: each product is read as a contract of its own (Okta; Okta), with the "
        "row's customer, dates and contacts, each with its tier from 'Premier; Premier Plus' in turn."
    ]
    errors = [f.message for f in book.findings if f.severity is Severity.ERROR]
    assert len(errors) == 1 and errors[0].startswith("Tier 'Premier Plus; Premier Plus; Enterprise' lists 3 tiers for 2 products")
    assert (
        "Add-on line 'Dedicated CSE Add-On' is not read: the Okta contract it would go onto has no tier read (the error "
        "on its tier says why), so whether it may carry the CSE is not known."
    ) in [f.message for f in book.findings if f.severity is Severity.INFO]


def test_a_listed_product_no_spelling_reads_is_named_in_the_error(tmp_path: Path) -> None:
    rows = [["Nod", "Okta Premier Plus, Auth0 Enterprize", "2026-01-01", "2026-12-31", "", "", "EMEA", "Europe/Paris"]]
    book = load_book([write_csv(tmp_path / "typo.csv", rows=rows, header=AIRTABLE)])
    assert len(book.contracts) == 1
    [error] = [f.message for f in book.findings if f.severity is Severity.ERROR]
    assert error.startswith(
        "Product 'Okta Premier Plus, Auth0 Enterprize' lists several products, and 'Auth0 Enterprize' is not in the "
        "catalog (known: Okta, "
    )
    assert error.endswith("each with its tier): correct it, or write one row per product.")


def test_a_formula_saved_by_a_script_is_named_whatever_value_it_was_saved_with(tmp_path: Path) -> None:
    # XlsxWriter saves a formula with 0 unless told: the end read as a time of day ('1900-01-00'). One saved with an
    # empty value beside it ran the formula pattern into the next cell, so that one was only 'missing'.
    import xlsxwriter

    from explorer.importing.book import load_book

    path = tmp_path / "scripted.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Contracts")
    dated = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Customer", "Product", "Tier", "Start", "End"])
    for row, name in ((1, "Fourth Coffee"), (2, "Litware")):
        sheet.write_row(row, 0, [name, "Okta", "Premier"])
        sheet.write_datetime(row, 3, datetime(2026, 7, 1), dated)
    sheet.write_formula(1, 4, "=EDATE(D2,12)-1", dated)  # saved with 0
    sheet.write_formula(2, 4, "=EDATE(D3,12)-1", dated, "")  # saved with no value
    book.close()
    said = {f.source.row: f.message for f in load_book([path]).findings if f.column == "End"}
    assert said[2].startswith("Term end: the cell holds the formula =EDATE(D2,12)-1, saved with 0 as its value")
    assert said[3].startswith("Term end: the cell holds the formula =EDATE(D3,12)-1, calculated in Excel but never saved")


def test_a_hidden_sheet_with_no_table_counts_its_filled_rows(tmp_path: Path) -> None:
    """newuser3 read 'its 1 row was not read' for a header and one row as a miscount: the rows counted are said."""
    path = write_sheets(tmp_path / "hidden.xlsx", {"Data": CONTRACTS, "Notes": [["Call Jane in May"], [], ["Ask about SSO"]]})
    wb = openpyxl.load_workbook(path)
    wb["Notes"].sheet_state = "hidden"
    wb.save(path)
    notes = [f.message for f in load_book([path]).findings if f.source.sheet == "Notes"]
    assert notes[0].startswith("Sheet 'Notes' is hidden in the workbook; its 2 filled rows were not read.")
