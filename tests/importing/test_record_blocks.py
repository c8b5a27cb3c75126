"""An account manager's sheet per customer: the contract written down a column (label beside value) above the
customer's contacts (tryout 9, k01). Read as the contract row it is, or said; never dropped silently."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from explorer.importing.book import load_book
from explorer.importing.safety import NoTable
from explorer.model import Book, Severity

from ..files import write_sheets


def _plan(customer: str, block: list[list[object]], contacts: list[list[object]]) -> list[list[object]]:
    """A sheet as an AM keeps one: a title, the block, then a 'Contacts' heading over the contacts table."""
    return [[f"{customer} - account plan"], [], *block, [], ["Contacts"], ["Name", "Email", "Role", "Region"], *contacts]


def _plans(path: Path) -> Path:
    contoso = [
        ["Customer", "Contoso Pharma"],
        ["Product", "Okta"],
        ["Support Tier", "Premier Plus"],
        ["Contract Start", date(2026, 2, 1)],
        ["Contract End", date(2027, 1, 31)],
        ["Add-ons", "50% Dedicated MCSE"],
        ["Region", "EMEA"],
        ["Time Zone", "Europe/Berlin"],
        ["AM", "J. Smith"],
    ]
    relecloud = [  # its labels with colons, a field left blank, no title above
        ["Customer:", "Relecloud"],
        ["Product:", "Auth0"],
        ["Tier:", "Premier"],
        ["Start:", date(2026, 4, 15)],
        ["End:", date(2027, 4, 14)],
        ["Add-ons:"],
        ["Time Zone:", "Australia/Sydney"],
    ]
    return write_sheets(
        path,
        {
            "Contoso Pharma": _plan(
                "Contoso Pharma",
                contoso,
                [
                    ["Anna Keller", "anna@contoso.test", "IT Director", "EMEA"],
                    ["Priya Natarajan", "priya@contoso.test", "Security", "APAC"],
                ],
            ),
            "Account 2": [*relecloud, [], ["Name", "Email", "Role", "Region"], ["Mia Chen", "mia@relecloud.test", "Dev", "APAC"]],
        },
    )


def _said(book: Book, severity: Severity) -> list[tuple[str, str, int | None, str]]:
    return [(f.source.file, f.source.sheet, f.source.row, f.message) for f in book.findings if f.severity is severity]


def test_a_sheet_per_customer_is_read_as_its_contract_and_the_contacts_below_it(tmp_path: Path) -> None:
    path = _plans(tmp_path / "am_tracker.xlsx")
    book = load_book([path])
    assert [(c.customer, c.product, c.program, c.term_start, c.term_end, c.region) for c in book.contracts] == [
        ("Contoso Pharma", "okta", "okta-premier-plus", date(2026, 2, 1), date(2027, 1, 31), "EMEA"),
        ("Relecloud", "auth0", "auth0-premier", date(2026, 4, 15), date(2027, 4, 14), ""),
    ]
    assert book.contracts[0].addons == {"mcse": "50"}
    assert [(c.source.sheet, c.source.row) for c in book.contracts] == [("Contoso Pharma", 3), ("Account 2", 2)]
    # the contacts below each block are its customer's, whatever the sheet is named
    assert [(c.customer, c.name) for c in book.contacts] == [
        ("Contoso Pharma", "Anna Keller"),
        ("Contoso Pharma", "Priya Natarajan"),
        ("Relecloud", "Mia Chen"),
    ]
    assert _said(book, Severity.ERROR) == []
    infos = [m for *_, m in _said(book, Severity.INFO)]
    assert (
        "Rows 3–11 of sheet 'Contoso Pharma' hold one record written down a column, each label beside its value: read "
        "as one contract row (Customer 'Contoso Pharma', Product 'Okta', Tier 'Premier Plus', Term start '2026-02-01', "
        "Term end '2027-01-31', Region 'EMEA', Time zone 'Europe/Berlin')." in infos
    )
    assert any(m.startswith("Rows 1–7 of sheet 'Account 2' hold one record") for m in infos)
    assert (
        "Sheet 'Account 2' has no customer column: its rows are read as the named contacts of Relecloud, the customer "
        "of the sheet's contract." in infos
    )
    # no advice to turn the sheet, and nothing said of a row the block does not hold
    assert not any("Transpose" in m or "lookup list" in m for *_, m in _said(book, Severity.WARNING) + _said(book, Severity.INFO))
    assert all(row != 2 for _, sheet, row, _ in _said(book, Severity.INFO) if sheet == "Contoso Pharma")


def test_beside_an_older_book_the_block_is_the_renewal_not_dropped(tmp_path: Path) -> None:
    """Given with an older contract book, the block was dropped with no finding and only the contacts read, so
    Contoso read as Ended."""
    old = tmp_path / "book_old.csv"
    old.write_text("Customer,Product,Tier,Start,End,Region\nContoso Pharma,Okta,Premier,2025-02-01,2026-01-31,EMEA\n")
    book = load_book([old, _plans(tmp_path / "am_tracker.xlsx")])
    contoso = [(c.source.file, c.term_start) for c in book.contracts if c.customer == "Contoso Pharma"]
    assert contoso == [(str(old), date(2025, 2, 1)), (str(tmp_path / "am_tracker.xlsx"), date(2026, 2, 1))]
    assert _said(book, Severity.ERROR) == []


def test_a_block_like_a_contract_that_is_not_read_is_a_warning_naming_its_rows(tmp_path: Path) -> None:
    """No product label; two labels for the customer: not guessed at, and said whatever else the sheet gives."""
    book_csv = tmp_path / "book.csv"
    book_csv.write_text("Customer,Product,Tier,Start,End\nContoso Pharma,Okta,Premier,2025-02-01,2026-01-31\n")
    contacts = [["Anna Keller", "anna@contoso.test", "IT", "EMEA"]]
    path = write_sheets(
        tmp_path / "plans.xlsx",
        {
            "Contoso Pharma": _plan(
                "Contoso Pharma", [["Customer", "Contoso Pharma"], ["Support Tier", "Premier"], ["Owner", "JS"]], contacts
            ),
            "Northwind": _plan(
                "Northwind",
                [
                    ["Account", "Northwind"],
                    ["Customer", "Northwind Traders"],
                    ["Product", "Okta"],
                    ["Tier", "Premier"],
                    ["Start", date(2026, 1, 1)],
                    ["End", date(2026, 12, 31)],
                ],
                [],
            ),
        },
    )
    book = load_book([book_csv, path])
    assert [c.customer for c in book.contracts] == ["Contoso Pharma"]  # the book's: no block was read
    assert [c.name for c in book.contacts] == ["Anna Keller"]  # the sheet is named after the book's customer
    warnings = [(f, s, r, m) for f, s, r, m in _said(book, Severity.WARNING) if m.startswith("Rows ")]
    assert warnings == [
        (
            str(path),
            "Contoso Pharma",
            3,
            "Rows 3–5 of sheet 'Contoso Pharma' hold one record written down a column, each label beside its value, "
            "like a contract ('Customer', 'Support Tier', 'Owner'), but it is not read as one: it has no label for "
            "product: add a row for it, label beside value.",
        ),
        (
            str(path),
            "Northwind",
            3,
            "Rows 3–8 of sheet 'Northwind' hold one record written down a column, each label beside its value, like a "
            "contract ('Account', 'Customer', 'Product', 'Tier', 'Start', 'End'), but it is not read as one: "
            "'Customer' and 'Account' both name its customer: keep one of the two rows (delete the other, or give it a "
            "label of its own).",
        ),
    ]


def test_a_reports_filters_above_its_table_are_no_contract(tmp_path: Path) -> None:
    """A report exported with its filters above the table ('Customer | All accounts', a product, the period) was read
    as a contract of a customer called 'All accounts', with an error (hostile tryout 4): a block whose customer is
    the catalog's word for every customer ([layout] filter_all) is passed over, and the table below read as always."""
    filters = [["Customer", "All accounts"], ["Product", "Okta"], ["Start", date(2026, 1, 1)], ["End", date(2026, 12, 31)]]
    table = [["Customer", "Product", "Tier", "Term Start", "Term End"]]
    table += [[f"Cust{n}", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)] for n in range(3)]
    book = load_book([write_sheets(tmp_path / "report.xlsx", {"Report": [*filters, [], *table]})])
    assert sorted(c.customer for c in book.contracts) == ["Cust0", "Cust1", "Cust2"]
    assert not [f for f in book.findings if f.severity is Severity.ERROR or "All accounts" in f.message]


def _contoso(
    tier: object = "Premier Plus", start: object = date(2026, 2, 1), end: object = date(2027, 1, 31)
) -> list[list[object]]:
    return [
        ["Customer", "Contoso"],
        ["Product", "Okta"],
        ["Support Tier", tier],
        ["Contract Start", start],
        ["Contract End", end],
    ]


CONTACTS: list[list[object]] = [[], ["Name", "Email", "Role", "Region"], ["Anna Keller", "anna@contoso.test", "IT", "EMEA"]]


def test_a_block_is_found_wherever_it_starts_past_row_200_or_across_it(tmp_path: Path) -> None:
    """Only the first 200 rows were looked at: a block below a long notes section, or straddling row 200, was lost
    and the sheet said to hold a contacts table (hostile tryout 4, b02 and b02b)."""
    notes = [[f"free text line {n}"] for n in range(229)]
    path = write_sheets(
        tmp_path / "plans.xlsx",
        {"At 230": [*notes, *_contoso(), *CONTACTS], "At 199": [*notes[:198], *_contoso("Premier"), *CONTACTS]},
    )
    book = load_book([path])
    assert [(c.source.sheet, c.source.row, c.customer, c.program) for c in book.contracts] == [
        ("At 230", 230, "Contoso", "okta-premier-plus"),
        ("At 199", 199, "Contoso", "okta-premier"),
    ]
    # the one person both sheets list for Contoso's Okta counts once, said on the second sheet
    assert [(c.source.sheet, c.customer) for c in book.contacts] == [("At 230", "Contoso")]
    assert [(s, m) for _, s, _, m in _said(book, Severity.INFO) if "listed already" in m] == [
        (
            "At 199",
            "1 named contact listed here is listed already at plans.xlsx, At 230 for the same customer and "
            "product: each person is counted once.",
        )
    ]
    assert [(s, r) for _, s, r, m in _said(book, Severity.INFO) if m.startswith("Rows ")] == [("At 230", 230), ("At 199", 199)]


def test_a_block_runs_into_a_long_list_its_first_rows_read(tmp_path: Path) -> None:
    """A block whose run of label-value rows goes on for 10,000 rows (b01): its contract read from its first 200, the
    rest left to be said as a list, as before blocks were looked for past row 200."""
    rows = [*_contoso(), *([f"Note {n}", f"value {n}"] for n in range(9995))]
    book = load_book([write_sheets(tmp_path / "long.xlsx", {"Plan": rows})])
    assert [(c.customer, c.term_end) for c in book.contracts] == [("Contoso", date(2027, 1, 31))]
    said = [m for *_, m in _said(book, Severity.INFO)]
    assert any(m.startswith("Rows 1–200 of sheet 'Plan' hold one record") for m in said)
    assert any("looks like a lookup list of two columns ('Note 195', 'value 195', 9799 rows below)" in m for m in said)


def test_a_blocks_formulas_saved_without_values_and_excel_errors_are_said_of_their_cells(tmp_path: Path) -> None:
    """A block whose values were formulas never calculated, or Excel's errors, was no block (its values read empty)
    and the sheet was told to be turned with Paste Special > Transpose (b03, b04): each such cell is now said as a
    table's cell is."""
    formulas = [["Customer", '="Con"&"toso"'], ["Product", "Okta"], ["Support Tier", '=UPPER("premier plus")']]
    formulas += [["Contract Start", "=DATE(2026,2,1)"], ["Contract End", "=EDATE(B4,12)-1"]]
    errors = _contoso("#REF!", "#VALUE!", "#N/A")
    path = write_sheets(tmp_path / "plans.xlsx", {"Formulas": [*formulas, *CONTACTS], "Errors": [*errors, *CONTACTS]})
    book = load_book([path])
    assert not [f for f in book.findings if "Transpose" in f.message]
    errors_said = [(f.source.sheet, f.source.row, f.column, f.message) for f in book.findings if f.severity is Severity.ERROR]
    assert errors_said == [
        ("Formulas", 2, "Customer", 'Customer: the cell holds the formula ="Con"&"toso", ' + FORMULA_NOTE),
        ("Formulas", 2, "Support Tier", 'Tier: the cell holds the formula =UPPER("premier plus"), ' + FORMULA_NOTE),
        ("Formulas", 2, "Contract Start", "Term start: the cell holds the formula =DATE(2026,2,1), " + FORMULA_NOTE),
        ("Formulas", 2, "Contract End", "Term end: the cell holds the formula =EDATE(B4,12)-1, " + FORMULA_NOTE),
        ("Errors", 2, "Support Tier", "Tier: the cell holds Excel's error #REF!."),
        ("Errors", 2, "Contract Start", "Term start: the cell holds Excel's error #VALUE!."),
        ("Errors", 2, "Contract End", "Term end: the cell holds Excel's error #N/A."),
    ]
    assert [c.name for c in book.contacts if c.customer == "Contoso"] == ["Anna Keller"]  # the Errors sheet's


FORMULA_NOTE = "calculated in Excel but never saved with its value: open and save the file in Excel or LibreOffice."


def test_a_block_not_read_is_given_advice_that_fits_never_to_transpose_it(tmp_path: Path) -> None:
    """Two records with no blank row between them (b07b), a customer labelled twice (b10): the file's error said to
    turn the sheet with Paste Special > Transpose, against the block's own warning. Both now say the block's why."""
    fabrikam = [["Customer", "Fabrikam"], ["Product", "Okta"], ["Support Tier", "Premier"]]
    fabrikam += [["Contract Start", date(2026, 5, 1)], ["Contract End", date(2027, 4, 30)]]
    for name, rows, why in [
        (
            "two.xlsx",
            [*_contoso(), *fabrikam],
            "rows 1–10 hold a contract written down a column, not read as one: row 6 'Customer' starts a second "
            "record right below the first: leave a blank row between the two, so each is read as a contract of its own",
        ),
        (
            "account.xlsx",
            [*_contoso(), ["Account", "Fabrikam"], *CONTACTS],
            "rows 1–6 hold a contract written down a column, not read as one: 'Customer' and 'Account' both name its "
            "customer: keep one of the two rows (delete the other, or give it a label of its own)",
        ),
    ]:
        said = _no_contract(write_sheets(tmp_path / name, {"Plan": rows}))
        assert f"(sheet 'Plan' {why})" in said
        assert "Transpose" not in said
    book = load_book([_book_csv(tmp_path), tmp_path / "two.xlsx"])
    warnings = [(s, r, m) for _, s, r, m in _said(book, Severity.WARNING)]
    on_plan = [(r, m) for s, r, m in warnings if s == "Plan"]  # the block's warning, no sheet warning
    assert len(on_plan) == 1 and on_plan[0][0] == 1
    assert "not read as one: row 6 'Customer' starts a second record" in on_plan[0][1]
    assert not [f for f in book.findings if "Transpose" in f.message or "lookup list" in f.message]


def _no_contract(path: Path) -> str:
    """Why no contract was read from ``path``: the file's error, raised or said."""
    try:
        book = load_book([path])
    except NoTable as error:
        return str(error)
    return next(f.message for f in book.findings if f.message.startswith("No contract was read"))


def _book_csv(tmp_path: Path) -> Path:
    path = tmp_path / "book.csv"
    path.write_text("Customer,Product,Tier,Start,End\nNorthwind,Okta,Premier,2026-01-01,2026-12-31\n")
    return path


def test_a_struck_row_inside_a_block_is_deleted(tmp_path: Path) -> None:
    """A row struck through inside a block is deleted, as a table's struck row is: its tier is no second tier (b13)."""
    path = write_sheets(tmp_path / "plan.xlsx", {"Plan": [*_contoso(), ["Support Tier", "Basic"], *CONTACTS]})
    wb = openpyxl.load_workbook(path)
    for cell in wb["Plan"][6]:
        cell.font = openpyxl.styles.Font(strike=True)
    wb.save(path)
    book = load_book([path])
    assert [(c.customer, c.program) for c in book.contracts] == [("Contoso", "okta-premier-plus")]
    assert [c.name for c in book.contacts] == ["Anna Keller"]
    assert [(r, m) for _, _, r, m in _said(book, Severity.WARNING) if "struck" in m] == [
        (6, "Row 6 is struck through ('Support Tier | Basic'): read as deleted, it gives the block above no field.")
    ]


def test_a_block_beside_a_table_past_an_empty_column_is_read_and_so_is_the_table(tmp_path: Path) -> None:
    """hostile round 4 (b08): a block in A:B beside a contracts table in D:I sharing its header row made the block's
    labels customers ('Product', 'Support Tier'...), lost the table's own Customer column and never read Contoso. The
    block ends at the empty column; the table beside it is read as written."""
    table = [["Customer", "Product", "Tier", "Term Start", "Term End"]] + [
        [f"Cust{i}", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31)] for i in range(6)
    ]
    block = [
        ["Customer", "Contoso"],
        ["Product", "Okta"],
        ["Support Tier", "Premier Plus"],
        ["Contract Start", date(2026, 2, 1)],
        ["Contract End", date(2027, 1, 31)],
    ]
    rows = [[*(block[i] if i < len(block) else ["", ""]), "", *table[i]] for i in range(len(table))]
    book = load_book([write_sheets(tmp_path / "mixed.xlsx", {"Mixed": rows})])
    read = {c.customer: (c.program, c.term_start) for c in book.contracts}
    assert read == {
        "Contoso": ("okta-premier-plus", date(2026, 2, 1)),
        **{f"Cust{i}": ("okta-premier", date(2026, 1, 1)) for i in range(6)},
    }
    assert not [f.message for f in book.findings if f.severity is Severity.ERROR]


def test_blocks_side_by_side_are_each_read_and_named_by_their_columns(tmp_path: Path) -> None:
    """hostile round 4 (b07c): two account plans side by side (A:B and D:E): the right one was 'a lookup list of two
    columns, not read' once the left one was read. Each is read; the right one's info names its columns."""
    left = [["Customer", "Contoso"], ["Product", "Okta"], ["Support Tier", "Premier Plus"]]
    left += [["Contract Start", date(2026, 2, 1)], ["Contract End", date(2027, 1, 31)]]
    right = [["Customer", "Fabrikam"], ["Product", "Okta"], ["Support Tier", "Premier"]]
    right += [["Contract Start", date(2026, 5, 1)], ["Contract End", date(2027, 4, 30)]]
    rows = [[*a, "", *b] for a, b in zip(left, right, strict=True)]
    book = load_book([write_sheets(tmp_path / "plans.xlsx", {"Plans": rows})])
    assert {c.customer: c.program for c in book.contracts} == {"Contoso": "okta-premier-plus", "Fabrikam": "okta-premier"}
    said = [f.message for f in book.findings if f.severity is Severity.INFO and "one record" in f.message]
    assert [m.split(" of sheet")[0] for m in said] == ["Rows 1\u20135", "Rows 1\u20135, columns D\u2013E"]
    assert not [f for f in book.findings if "lookup list" in f.message or f.severity is Severity.ERROR]
