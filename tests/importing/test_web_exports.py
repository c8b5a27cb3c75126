"""The "Excel" files web apps really export, read as workbooks: an HTML page named .xls (Jira Server's
"Export > Excel", report servers) and an Excel 2003 XML spreadsheet (NetSuite's saved search "Export -
Microsoft Excel", Salesforce Classic's report export)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from datetime import time as time_of_day
from pathlib import Path

import pandas as pd
import pytest

from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.readers import iter_sheets
from explorer.importing.safety import UnreadableFile, check_file
from explorer.model import Book, Finding, Severity
from explorer.sla.engine import evaluate
from tests.hostile.harness import assert_refused, explorer

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "files"
BOOK = CORPUS / "companion_contracts.csv"

# Jira Server's issue navigator, "Export > Excel (all fields)": a page whose first small table says who and how many
JIRA = """<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><style>td {{ mso-number-format: "\\@"; }}</style><title>ACME Support JIRA</title></head>
<body>
<table border="1">
  <tr bgcolor="#0000ff"><td colspan="8"><font color="#ffffff"><b>ACME Support JIRA</b></font></td></tr>
  <tr><td colspan="8">Displaying 4 issues at 07/Dec/26 8:00 PM.</td></tr>
</table>
<table id="issuetable" border="1" cellpadding="3" cellspacing="1" width="100%">
  <tr bgcolor="#dddddd">
    <th>Issue Type</th><th>Key</th><th>Summary</th><th>Organizations</th><th>Product</th><th>Priority</th>
    <th>Created</th><th>First Response</th>
  </tr>
  <tr><td>Support</td><td>SUP-1</td><td>SSO &amp; login<br/>broken since   the upgrade</td><td>Acme Corp</td>
      <td>Okta</td><td>P1</td><td>01/Mar/26 9:05 AM</td><td>01/Mar/26 9:40 AM</td></tr>
  <tr><td>Support</td><td>SUP-2</td><td>Token expiry</td><td>{customer}</td><td>Auth0</td><td>P2</td>
      <td>02/Mar/26 10:00 AM</td><td>02/Mar/26 4:00 PM</td></tr>
  <tr style="DISPLAY: none"><td>Support</td><td>SUP-3</td><td>MFA</td><td>Initech</td><td>Okta</td><td>P9</td>
      <td>03/Mar/26 11:15 AM</td><td>&nbsp;</td></tr>
  <tr><td>Support</td><td>SUP-4</td><td>Audit log</td><td>Initech</td><td>Okta</td><td>P3</td>
      <td>31/Feb/26 11:15 AM</td><td>&nbsp;</td></tr>
</table>
</body></html>
"""


def jira(tmp_path: Path, customer: str = "Globex GmbH", charset: str = "UTF-8") -> Path:
    path = tmp_path / "jira.xls"
    path.write_bytes(JIRA.format(customer=customer, charset=charset).encode("cp1252" if charset != "UTF-8" else "utf-8"))
    return path


def findings(book: Book, severity: Severity) -> list[Finding]:
    return [f for f in book.findings if f.severity is severity]


def test_a_jira_html_export_is_read_as_a_case_log_by_check(tmp_path: Path) -> None:
    run = explorer("check", BOOK, "--cases", jira(tmp_path), "--as-of", "2026-12-07", temp=tmp_path / "temp")
    assert run.code == 1, run.err  # read, with errors in two of its rows
    assert "4 cases" in run.out
    assert "jira.xls is named .xls but is a web page (an HTML table)" in run.out
    # the title table above is a title; the bad cells are named by the sheet's own rows and headers
    assert "jira.xls, jira, row 7, column 'Priority' [Initech]: Case SUP-3: priority 'P9'" in run.out
    assert "jira.xls, jira, row 8, column 'Created' [Initech]: Case SUP-4: the opening time '31/Feb/26 11:15 AM'" in run.out
    assert "Sheet 'jira' hides 1 row with data (row 7;" in run.out


def test_a_jira_page_s_cells_and_dates_read_as_jira_writes_them(tmp_path: Path) -> None:
    (sheet,) = iter_sheets(jira(tmp_path))
    assert sheet.name == "jira" and sheet.misnamed == ".html" and sheet.hidden_rows == (7,) and sheet.merged == 2
    assert sheet.rows[0] == ["ACME Support JIRA"] * 8  # colspan carried as a merged cell's value is
    assert sheet.rows[2] == []  # the blank row between two tables
    assert sheet.rows[3][:3] == ["Issue Type", "Key", "Summary"]
    assert sheet.rows[4][2] == "SSO & login\nbroken since the upgrade"
    assert sheet.rows[6][7] == ""  # &nbsp; alone is an empty cell
    book = load_book([BOOK], case_files=[sheet.file])
    cases = book.cases.set_index("case_id")
    assert cases.loc["SUP-1", "opened"].to_pydatetime().replace(tzinfo=None) == datetime(2026, 3, 1, 9, 5)
    assert cases.loc["SUP-1", "first_response"].to_pydatetime().replace(tzinfo=None) == datetime(2026, 3, 1, 9, 40)
    assert (cases.loc["SUP-2", "customer"], cases.loc["SUP-2", "row"], cases.loc["SUP-2", "sheet"]) == ("Globex GmbH", 6, "jira")


def test_a_case_s_customer_findings_name_the_column_as_jira_heads_it(tmp_path: Path) -> None:
    """Jira's customer column is 'Organizations'; an unmatched case's warning named 'Customer', no header of the file."""
    book = load_book([BOOK], case_files=[jira(tmp_path, customer="Vandelay Industries")])
    result = evaluate(book, default_catalog(), datetime(2026, 12, 7, tzinfo=UTC))
    (unmatched,) = [f for f in result.findings if f.message.startswith("Case SUP-2:")]
    assert unmatched.message == "Case SUP-2: no contract for 'Vandelay Industries' (Auth0); the case is not counted."
    assert (unmatched.column, unmatched.source.row) == ("Organizations", 6)


def test_a_jira_cell_naming_two_organizations_is_matched_to_the_one_holding_the_product(tmp_path: Path) -> None:
    """Jira joins a case's Organizations with commas: 'Globex GmbH, Acme Corp' was said to be 'could be Acme Corp'."""
    book = load_book([BOOK], case_files=[jira(tmp_path, customer="Acme Corp, Globex GmbH")])  # SUP-2 is Auth0's
    (said,) = [f for f in findings(book, Severity.INFO) if f.message.startswith("Case SUP-2:")]
    assert said.message == (
        "Case SUP-2: 'Acme Corp, Globex GmbH' names 2 customers of the book, Acme Corp and Globex GmbH; only Globex "
        "GmbH holds Auth0, so it is matched to it."
    )
    assert (said.column, said.source.row, said.customer) == ("Organizations", 6, "Globex GmbH")
    result = evaluate(book, default_catalog(), datetime(2026, 12, 7, tzinfo=UTC)).cases.set_index("case_id")
    assert result.loc["SUP-2", "customer"] == "Globex GmbH" and result.loc["SUP-2", "outcome"] == "Breached"  # 6 h, P2


@pytest.mark.parametrize(
    ("customer", "why"),
    [
        ("Acme Corp, Initech", "neither holds Auth0"),
        ("Globex GmbH; Soylent Foods; Acme Corp", "2 of them hold Auth0"),  # HubSpot joins its associations with ';'
    ],
)
def test_a_cell_naming_several_customers_none_alone_holding_the_product_stays_unmatched(
    tmp_path: Path, customer: str, why: str
) -> None:
    book = load_book([BOOK], case_files=[jira(tmp_path, customer=customer)])
    result = evaluate(book, default_catalog(), datetime(2026, 12, 7, tzinfo=UTC))
    (warning,) = [f for f in result.findings if f.message.startswith("Case SUP-2:")]
    names = customer.replace(";", ",").split(", ")  # in the order the cell names them
    verdict = "neither" if len(names) == 2 else "none of them"
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    assert warning.message == (
        f"Case SUP-2: '{customer}' names {len(names)} customers of the book, {listed}, and {why}; it is matched to "
        f"{verdict}, so the case is not counted."
    )
    assert warning.column == "Organizations" and result.cases.set_index("case_id").loc["SUP-2", "outcome"] == "Unmatched"


def test_a_page_s_charset_is_read_from_its_meta(tmp_path: Path) -> None:
    (sheet,) = iter_sheets(jira(tmp_path, customer="Société Générale", charset="windows-1252"))
    assert sheet.rows[5][3] == "Société Générale" and not sheet.decoding


def test_spans_nested_tables_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "report.xls"
    path.write_text(
        "<html><body><table><tr><td>"  # a layout table holding the report
        "<table><tr><th>Customer</th><th>Product</th><th>Start</th></tr>"
        '<tr><td rowspan="2">Acme<br>Corp</td><td>Okta</td><td>2026-01-15</td></tr>'
        "<tr><td>Auth0</td><td>2026-02-01</td></tr>"
        '<tr><td colspan="2">Total</td><td>2</td></tr>'
        "</table></td></tr></table></body></html>"
    )
    (sheet,) = iter_sheets(path)
    assert sheet.rows == [
        ["Customer", "Product", "Start"],
        ["Acme\nCorp", "Okta", "2026-01-15"],
        ["Acme\nCorp", "Auth0", "2026-02-01"],
        ["Total", "Total", "2"],
    ]
    assert sheet.merged == 2


# Jira Data Center / JSM in a day-first locale: its default short format is dd/MM/yy HH:mm, the issue table nested in
# a layout table, a BOM before the page
JIRA_DC = """\ufeff<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<table width="100%" border="0"><tr><td>
  <table border="1"><tr><td colspan="6"><b>Service Desk Jira</b></td></tr>
  <tr><td colspan="6">Displaying 3 issues at {shown}.</td></tr></table>
</td></tr><tr><td>
<table id="issuetable" border="1">
<tr class="rowHeader"><th>Key</th><th>Organizations</th><th>Product</th><th>Priority</th><th>Created</th>
<th>Date of First Response</th></tr>
<tr class="issuerow"><td>HD-7</td><td>Acme Corp</td><td>Okta</td><td>Highest</td><td>{a} 09:05</td><td>{a} 09:50</td></tr>
<tr class="issuerow"><td>HD-8</td><td>Globex GmbH</td><td>Auth0</td><td>Medium</td><td>{b} 10:00</td><td>{b} 12:30</td></tr>
<tr class="issuerow"><td>HD-9</td><td>Initech</td><td>Okta</td><td>High</td><td>{c} 14:00</td><td>&nbsp;</td></tr>
</table></td></tr></table></body></html>
"""


def jira_dc(tmp_path: Path, a: str, b: str, c: str) -> Path:
    path = tmp_path / "SearchRequest-10400.xls"
    path.write_text(JIRA_DC.format(shown="07/12/26 20:02", a=a, b=b, c=c), "utf-8")
    return path


def test_a_two_digit_year_settles_no_day_month_order_in_a_case_log(tmp_path: Path) -> None:
    """Jira Data Center's 02/11/26 (2 November) was read as 11 February with no finding, where 02/11/2026 was the
    ambiguous-order error naming the remedy."""
    log = jira_dc(tmp_path, "02/11/26", "03/11/26", "04/11/26")
    book = load_book([BOOK], case_files=[log])
    errors = [f.message for f in findings(book, Severity.ERROR)]
    assert len(errors) == 2 and errors[0].startswith(
        "Column 'Created': '02/11/26 09:05' is ambiguous: it could be 2 November or 11 February (no date in the file "
        "has a day over 12 to tell day from month), and so are 2 more of its times; cases HD-7, HD-8, HD-9 are not counted."
    )
    assert "--case-dates day-first" in errors[0]
    assert book.cases is not None and book.cases["opened"].isna().all()
    stated = load_book([BOOK], case_files=[log], case_dates=True)
    assert stated.cases is not None and not findings(stated, Severity.ERROR)
    opened = stated.cases.set_index("case_id")["opened"]
    assert opened["HD-7"] == pd.Timestamp("2026-11-02 09:05", tz="UTC")


@pytest.mark.parametrize(
    ("dates", "hd7"),
    [
        (("02/11/26", "13/11/26", "04/11/26"), date(2026, 11, 2)),  # a day over 12 settles day first, as with 2026
        (("11/02/26", "11/13/26", "11/04/26"), date(2026, 11, 2)),  # and month first
        (("02.11.26", "03.11.26", "04.11.26"), date(2026, 11, 2)),  # dotted is day first (a German Jira's dd.MM.yy)
    ],
)
def test_a_two_digit_year_log_is_read_in_the_order_its_dates_settle(
    tmp_path: Path, dates: tuple[str, str, str], hd7: date
) -> None:
    book = load_book([BOOK], case_files=[jira_dc(tmp_path, *dates)])
    assert not findings(book, Severity.ERROR) and book.cases is not None
    assert book.cases.set_index("case_id").loc["HD-7", "opened"].date() == hd7


SAY = (  # the remedy a contract's ambiguous date names (new user round 3: it named only rewriting the cell)
    ', or say how the whole file writes its dates (a mapping\'s dates = "day first" or "month first": explorer map, '
    "or File \u2192 Map Columns\u2026)"
)


def test_a_contract_book_s_two_digit_year_reads_no_order_either(tmp_path: Path) -> None:
    book_file = tmp_path / "contracts.csv"
    book_file.write_text("Customer,Product,Tier,Start Date,End Date\nAcme Corp,Okta,Premier,02/11/26,01/11/27\n", "utf-8")
    errors = [f.message for f in findings(load_book([book_file]), Severity.ERROR)]
    assert errors == [
        f"Term start: '02/11/26' is ambiguous: it could be 2 November or 11 February; write it as 2026-11-02 or 2026-02-11{SAY}.",
        f"Term end: '01/11/27' is ambiguous: it could be 1 November or 11 January; write it as 2027-11-01 or 2027-01-11{SAY}.",
    ]


NS = (
    'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" '
    'xmlns:html="http://www.w3.org/TR/REC-html40"'
)


def text(value: str, **attributes: str) -> str:
    return cell("String", value, **attributes)


def cell(kind: str, value: str, **attributes: str) -> str:
    said = "".join(f' ss:{k}="{v}"' for k, v in attributes.items())
    return f'<Cell{said}><Data ss:Type="{kind}">{value}</Data></Cell>'


def spreadsheet_xml(path: Path, sheets: dict[str, str]) -> Path:
    worksheets = "".join(f'<Worksheet ss:Name="{name}">{body}</Worksheet>' for name, body in sheets.items())
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook {NS}>'
        '<Styles><Style ss:ID="Default" ss:Name="Normal"/><Style ss:ID="s21"><NumberFormat ss:Format="Short Date"/></Style>'
        f"</Styles>{worksheets}</Workbook>\n",
        encoding="utf-8",
    )
    return path


HEADERS = ["Customer", "Item: Display Name", "Support Tier", "Start Date", "End Date", "Amount", "Time Zone"]
HEADER = "".join(text(h) for h in HEADERS)


def netsuite(tmp_path: Path) -> Path:
    """A NetSuite saved search of contract items: a title row merged across, the header on row 3, a customer
    merged down over its two items, one item's row hidden, dates as DateTime cells and as text, an #N/A."""
    table = (
        '<Table ss:ExpandedColumnCount="7" ss:ExpandedRowCount="7" x:FullColumns="1" x:FullRows="1">'
        '<Column ss:Width="120"/>'
        f"<Row>{text('Support contract items (saved search)', MergeAcross='6')}</Row>"
        f'<Row ss:Index="3">{HEADER}</Row>'
        f"<Row>{text('Acme Corp', MergeDown='1')}{text('Okta')}{text('Premier Plus')}"
        f"{cell('DateTime', '2026-01-15T00:00:00.000', StyleID='s21')}{text('1/14/2027')}{cell('Number', '12000')}"
        f"{text('Europe/Berlin')}</Row>"
        f'<Row ss:Hidden="1">{text("Auth0", Index="2")}{text("Premier")}{cell("DateTime", "2026-02-01T00:00:00.000")}'
        f"{cell('DateTime', '2027-01-31T00:00:00.000')}{cell('Error', '#N/A')}{text('Europe/Berlin')}</Row>"
        f"<Row>{text('Initech')}{text('Okta')}{text('Premier')}{cell('DateTime', '2026-03-01T00:00:00.000')}"
        f"{cell('DateTime', '2027-02-28T00:00:00.000')}{cell('Number', '8000.5')}{text('America/Chicago')}</Row>"
        f'<Row ss:Index="7">{text("Hooli")}<Cell ss:Index="3"><Data ss:Type="String">Premier</Data></Cell>'
        f"{cell('DateTime', '2026-05-01T00:00:00.000')}{cell('DateTime', '2027-04-30T00:00:00.000')}"
        f"{cell('Boolean', '1')}{text('UTC')}</Row>"
        "</Table>"
        '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Selected/><ProtectObjects>False</ProtectObjects>'
        "</WorksheetOptions>"
    )
    hidden = (
        f"<Table><Row>{text('Customer')}{text('Product')}</Row><Row>{text('Old Co')}{text('Okta')}</Row></Table>"
        '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>'
    )
    return spreadsheet_xml(tmp_path / "Contract Items.xls", {"Contract Items": table, "Lookups": hidden})


def test_a_netsuite_spreadsheet_xml_reads_as_a_workbook(tmp_path: Path) -> None:
    sheets = list(iter_sheets(netsuite(tmp_path)))
    assert [(s.name, s.hidden, s.misnamed) for s in sheets] == [("Contract Items", "", ".xml"), ("Lookups", "hidden", ".xml")]
    items = sheets[0]
    assert items.rows[0] == ["Support contract items (saved search)"] * 7
    assert items.rows[1] == []
    assert items.rows[3] == ["Acme Corp", "Okta", "Premier Plus", date(2026, 1, 15), "1/14/2027", 12000.0, "Europe/Berlin"]
    assert items.rows[4][:2] == ["Acme Corp", "Auth0"]  # merged down
    assert items.rows[4][5] == ""  # an error reads empty, as calamine reads an .xlsx's
    assert items.rows[6] == ["Hooli", "", "Premier", date(2026, 5, 1), date(2027, 4, 30), True, "UTC"]
    assert (items.merged, items.hidden_rows) == (2, (5,))
    assert items.uncalculated(5, 5) == "the cell holds Excel's error #N/A"


def test_a_netsuite_book_s_findings_point_at_its_cells(tmp_path: Path) -> None:
    book = load_book([netsuite(tmp_path)])
    contracts = {(c.customer, c.product): c for c in book.contracts}
    acme = contracts["Acme Corp", "okta"]
    assert (acme.term_start, acme.term_end) == (date(2026, 1, 15), date(2027, 1, 14))
    assert (acme.source.sheet, acme.source.row) == ("Contract Items", 4)
    assert contracts["Acme Corp", "auth0"].term_end == date(2027, 1, 31)
    infos = [f.message for f in findings(book, Severity.INFO)]
    assert any("is named .xls but is an Excel 2003 XML spreadsheet" in m for m in infos)
    hidden = next(f for f in book.findings if "hides 1 row" in f.message)
    assert (hidden.source.sheet, hidden.source.row) == ("Contract Items", 5)
    product = next(f for f in book.findings if f.customer == "Hooli")
    assert (product.source.row, product.column) == (7, "Item: Display Name"), product


def test_netsuite_entity_numbers_and_parent_paths_are_set_aside_so_other_tools_cases_match(tmp_path: Path) -> None:
    """Tryout 11: NetSuite writes a customer '1042 Acme Corp' (its entity number first) and a sub-customer 'Globex
    Holdings : Globex GmbH' (its parent's path); a Jira log naming Acme Corp and Globex GmbH matched none of them.
    The name as written is kept beside the row; a column where few names are so written keeps them all."""
    names = ["1042 Acme Corp", "Globex Holdings : Globex GmbH", "1077 Initech"]
    table = "<Table>" + f"<Row>{text('Support contract items (saved search)', MergeAcross='4')}</Row><Row/>"
    table += "<Row>" + "".join(text(h) for h in ["Name", "Item", "Start Date", "End Date", "Amount"]) + "</Row>"
    for name, item in zip(names, ["Okta Premier Plus Support", "Auth0 Premier Support", "Okta Basic Support"], strict=True):
        table += f"<Row>{text(name)}{text(item)}{text('1/15/2026')}{text('1/14/2027')}{cell('Number', '1200')}</Row>"
    table += "</Table>"
    items = spreadsheet_xml(tmp_path / "ContractItems.xls", {"Support Contract Items": table})
    log = tmp_path / "jira.csv"
    log.write_text(
        "Issue key,Organizations,Product,Priority,Created,Date of First Response\n"
        "SUP-101,Acme Corp,Okta,P1,2026-03-02 10:00,2026-03-02 10:20\n"
        "SUP-102,Globex GmbH,Auth0,P2,2026-03-03 10:00,2026-03-03 11:00\n"
        "SUP-103,Initech,Okta,P3,2026-03-04 10:00,2026-03-04 12:00\n"
    )
    book = load_book([items], [log])
    assert [c.customer for c in book.contracts] == ["Acme Corp", "Globex GmbH", "Initech"]
    assert [c.extra["Name as written"] for c in book.contracts] == names
    assert book.cases is not None and sorted(book.cases["customer"]) == ["Acme Corp", "Globex GmbH", "Initech"]
    assert not [f for f in book.findings if f.severity is not Severity.INFO and "could be" in f.message]
    said = [f for f in book.findings if "as NetSuite writes them" in f.message]
    assert [(f.column, f.source.row) for f in said] == [("Name", 3)]
    shown = "'1042 Acme Corp' is Acme Corp; 'Globex Holdings : Globex GmbH' is Globex GmbH; and 1 more name read so."
    assert shown in said[0].message  # not '... is Globex GmbH and 1 more', as if Globex mapped to two customers
    few = tmp_path / "book.csv"
    few.write_text(
        "Customer,Product,Tier,Start,End\n1 800 Flowers,Okta,Premier,2026-01-01,2026-12-31\n"
        "Acme Corp,Okta,Premier,2026-01-01,2026-12-31\nGlobex GmbH,Okta,Premier,2026-01-01,2026-12-31\n"
    )
    assert [c.customer for c in load_book([few]).contracts] == ["1 800 Flowers", "Acme Corp", "Globex GmbH"]


def salesforce(tmp_path: Path) -> Path:
    """Salesforce Classic's report export: ss:-prefixed elements, a DateTime with a time, text and numbers, no title."""
    rows = [
        ["Account Name", "Product", "Support Level", "Contract Start Date", "Contract End Date", "Last Modified Date"],
        ["Acme Corp", "Okta", "Premier Plus", "2026-01-15T00:00:00", "2027-01-14T00:00:00", "2026-11-02T14:30:00"],
        ["Globex GmbH", "Auth0", "Premier", "2026-02-01T00:00:00", "2027-01-31T00:00:00", "2026-11-03T09:00:00"],
    ]

    def row(values: list[str], header: bool) -> str:
        cells = "".join(
            f'<ss:Cell><ss:Data ss:Type="{"DateTime" if not header and "T" in v[10:11] else "String"}">{v}</ss:Data></ss:Cell>'
            for v in values
        )
        return f"<ss:Row>{cells}</ss:Row>"

    body = "<ss:Table>" + "".join(row(r, i == 0) for i, r in enumerate(rows)) + "</ss:Table>"
    path = tmp_path / "report1733410000000.xls"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<ss:Worksheet ss:Name="Support Contracts">{body}</ss:Worksheet></ss:Workbook>'
    )
    return path


def test_a_salesforce_classic_report_reads(tmp_path: Path) -> None:
    path = salesforce(tmp_path)
    assert check_file(path) == "xml2003"
    (sheet,) = iter_sheets(path)
    assert sheet.rows[1][3:] == [date(2026, 1, 15), date(2027, 1, 14), datetime(2026, 11, 2, 14, 30)]
    book = load_book([path])
    assert sorted((c.customer, c.program, c.term_end) for c in book.contracts) == [
        ("Acme Corp", "okta-premier-plus", date(2027, 1, 14)),
        ("Globex GmbH", "auth0-premier", date(2027, 1, 31)),
    ]
    assert not findings(book, Severity.ERROR)


def test_a_totals_line_merged_across_the_report_is_quoted_once(tmp_path: Path) -> None:
    """Salesforce Classic's "Export Details" as an HTML table: its Grand Totals line spans every column, carried to
    each as a merged cell's value is, and was quoted once per column ('Grand Totals (2 records) | Grand Totals (2
    records) | ...', tryout 11); figures repeated in cells of their own are still each quoted."""
    path = tmp_path / "report1765137720000.xls"
    path.write_text(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><table border="1">'
        "<tr><th>Account Name</th><th>Product</th><th>Contract Start Date</th><th>Contract End Date</th>"
        "<th>Support Level</th><th>Seats</th><th>Licences</th></tr>"
        "<tr><td>Acme Corp</td><td>Okta</td><td>1/15/2026</td><td>1/14/2027</td><td>Premier Plus</td><td>5</td><td>5</td></tr>"
        "<tr><td>Initech</td><td>Okta</td><td>3/1/2026</td><td>2/28/2027</td><td>Basic</td><td>5</td><td>5</td></tr>"
        '<tr><td colspan="7">&nbsp;</td></tr>'
        '<tr><td colspan="7">Grand Totals (2 records)</td></tr>'
        "<tr><td>Total</td><td></td><td></td><td></td><td></td><td>10</td><td>10</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Acme Corp", "Initech"]
    totals = [f.message for f in book.findings if "totals line" in f.message]
    assert totals == [
        "Row 5 is a totals line ('Grand Totals (2 records)'); it is not read as a record.",
        "Row 6 is a totals line ('Total | 10 | 10'); it is not read as a record.",
    ]


def test_a_total_label_merged_over_the_label_columns_beside_its_figure_is_a_totals_line(tmp_path: Path) -> None:
    """'Total' spanning the five label columns with the seat count beside it was read as a contract of a customer
    named 'Total' (product 'Total', dates 'Total': three errors): the label merged across is one label, not cells of
    text where a totals line holds figures."""
    path = tmp_path / "seats.xls"
    path.write_text(
        "<table><tr><th>Customer</th><th>Product</th><th>Tier</th><th>Start Date</th><th>End Date</th><th>Seats</th></tr>"
        "<tr><td>Acme Corp</td><td>Okta</td><td>Premier</td><td>2026-01-01</td><td>2026-12-31</td><td>5</td></tr>"
        "<tr><td>Globex</td><td>Okta</td><td>Premier Plus</td><td>2026-02-01</td><td>2027-01-31</td><td>5</td></tr>"
        '<tr><td colspan="5">Total</td><td>10</td></tr></table>',
        encoding="utf-8",
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Acme Corp", "Globex"]
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    assert "Row 4 is a totals line ('Total | 10'); it is not read as a record." in [f.message for f in book.findings]


def test_a_time_of_day_and_an_xml_named_xml_read_as_calamine_would(tmp_path: Path) -> None:
    table = f"<Table><Row>{cell('DateTime', '1899-12-31T09:05:00.000')}</Row></Table>"
    path = spreadsheet_xml(tmp_path / "times.xml", {"T": table})
    (sheet,) = iter_sheets(path)
    assert sheet.rows == [[datetime(1899, 12, 31, 9, 5).time()]] and sheet.misnamed == ""


def refused(path: Path, *words: str) -> None:
    start = time.monotonic()
    with pytest.raises(UnreadableFile) as error:
        list(iter_sheets(path))
    assert time.monotonic() - start < 10  # about 5 s on a loaded machine; a hang took minutes
    for word in words:
        assert word in error.value.cause, error.value.cause


def read_soon(path: Path) -> list[list[object]]:
    start = time.monotonic()
    sheets = list(iter_sheets(path))
    assert time.monotonic() - start < 10
    return sheets[0].rows


def test_a_page_without_a_table_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<!DOCTYPE html><html><head><title>Log in - Jira</title></head><body><form>Username</form></body></html>")
    run = explorer("check", BOOK, "--cases", path, temp=tmp_path / "temp")
    assert_refused(run, "export.xls", "a web page with no table in it")


def test_a_giant_cell_is_read_cut_not_held(tmp_path: Path) -> None:
    path = tmp_path / "giant.xls"
    with path.open("w") as handle:
        handle.write("<html><body><table><tr><td>Customer</td></tr><tr><td>")
        for _ in range(100):
            handle.write("x" * 1_000_000)
        handle.write("</td></tr></table></body></html>")
    rows = read_soon(path)
    assert rows[0] == ["Customer"] and 32_767 < len(rows[1][0]) < 200_000  # cut to Excel's limit with a warning later


def test_tables_nested_ten_thousand_deep_are_read(tmp_path: Path) -> None:
    path = tmp_path / "nested.xls"
    path.write_text("<html><body>" + "<table><tr><td>" * 10_000 + "deep" + "</td></tr></table>" * 10_000)
    assert read_soon(path) == [["deep"]]


def test_huge_spans_are_clamped_as_a_browser_clamps_them(tmp_path: Path) -> None:
    path = tmp_path / "spans.xls"
    body = '<tr><td colspan="1000000">a</td><td>b</td></tr><tr><td rowspan="65535">c</td></tr><tr><td>d</td></tr>'
    path.write_text(f"<table>{body}</table>")
    rows = read_soon(path)
    assert len(rows) == 3 and len(rows[0]) == 1001 and rows[0][1000] == "b" and rows[2][:2] == ["c", "d"]
    path.write_text("<table><tr>" + '<td colspan="1000">a</td>' * 17 + "</tr></table>")
    refused(path, "past column 16,384 (XFD)")
    many = '<td colspan="1000" rowspan="65534">a</td>' * 16
    path.write_text(f"<table><tr>{many}</tr>" + "<tr><td>x</td></tr>" * 2_000 + "</table>")
    refused(path, "more than the memory budget")


XML_HEAD = f'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook {NS}><Worksheet ss:Name="S"><Table>'
XML_TAIL = "</Table></Worksheet></Workbook>"


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (f"<Row>{text('a', Index='16384')}{text('b', Index='1')}</Row>", "row 1: column 1 is placed after column 16,384"),
        (f"<Row>{text('a', Index='16384')}{text('b')}</Row>", "column 16,385 is past Excel's last column"),
        (f'<Row ss:Index="9"/><Row ss:Index="2">{text("a")}</Row>', "row 2 is placed after row 9"),
        (f'<Row ss:Index="1048577">{text("a")}</Row>', "row 1,048,577 is past Excel's last row"),
        (f"<Row>{text('a', MergeAcross='1000000')}{text('b')}</Row>", "past Excel's last column"),
        ("".join(f"<Row>{text('a', Index='16384')}</Row>" for _ in range(2_000)), "more than the memory budget"),
        (f"<Row>{text('a')}", "not well-formed XML"),
    ],
    ids=["index back", "index past XFD", "row back", "row past", "merge then a cell", "wide rows", "cut short"],
)
def test_a_hostile_spreadsheet_xml_is_refused(tmp_path: Path, rows: str, words: str) -> None:
    path = tmp_path / "hostile.xls"
    path.write_text(XML_HEAD + rows + XML_TAIL)
    refused(path, words)


def test_a_merge_of_a_million_is_bounded_by_the_data(tmp_path: Path) -> None:
    path = tmp_path / "merge.xls"
    path.write_text(XML_HEAD + f"<Row>{text('a', MergeAcross='1000000', MergeDown='1000000')}</Row><Row/>{XML_TAIL}")
    assert read_soon(path) == [["a"]]


def test_entity_declarations_are_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xls"
    entities = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    )
    path.write_text(
        f'<?xml version="1.0"?>{entities}]><?mso-application progid="Excel.Sheet"?><Workbook {NS}>'
        f'<Worksheet ss:Name="S"><Table><Row>{text("&lol9;")}</Row></Table></Worksheet></Workbook>'
    )
    assert_refused(explorer("check", path, temp=tmp_path / "temp"), "bomb.xls", "declares XML entities")


def test_a_page_too_large_to_parse_in_seconds_is_refused_at_once(tmp_path: Path) -> None:
    """html.parser takes 8 us a tag: a 40 MB page of 2 million one-cell rows took 55 s. Past MAX_TAGS the page is
    refused before it is parsed, saying what to do."""
    from explorer.importing.web_table import MAX_TAGS

    page = tmp_path / "huge.xls"
    page.write_text("<table>" + "<tr><td>1</td></tr>" * (MAX_TAGS // 4 + 1) + "</table>", "utf-8")
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="open it in Excel and save it as .xlsx"):
        load_book([page])
    assert time.perf_counter() - started < 5


CONTRACTS = (
    "<html><body><table><tr><th>Customer</th><th>Product</th><th>Support Tier</th><th>Term Start</th><th>Term End</th></tr>"
    "<tr><td>Acme Corp</td><td>Okta</td><td>Premier</td><td>2026-01-01</td><td>2026-12-31</td></tr>"
    "{middle}<tr><td>Initech</td><td>Okta</td><td>Premier</td><td>2026-02-01</td><td>2027-01-31</td></tr></table>{tail}"
)


@pytest.mark.parametrize(
    "tail",
    ["<a b" * 50_000, "</a " * 200_000, "<!--" * 50_000, "<!-- <td>" * 50_000, "<![CDATA[ >" * 50_000, "<![foo[ x" * 2],
    ids=["start tags", "end tags", "comments", "comments before tags", "sections", "unknown section"],
)
def test_malformed_markup_after_the_tables_reads_in_seconds(tmp_path: Path, tail: str) -> None:
    """html.parser rescanned from each '<' it could not close to the page's end: 20,000 '<a b' took a minute."""
    path = tmp_path / "junk.xls"
    path.write_text(CONTRACTS.format(middle="", tail=tail))
    rows = read_soon(path)
    assert [r[0] for r in rows] == ["Customer", "Acme Corp", "Initech"]


@pytest.mark.parametrize("charset", ["hex", "rot13", "undefined", "base64"])
def test_a_meta_charset_that_is_no_text_encoding_is_not_taken(tmp_path: Path, charset: str) -> None:
    (sheet,) = iter_sheets(jira(tmp_path, customer="Globex", charset=charset))
    assert sheet.rows[5][3] == "Globex"


def test_a_meta_saying_windows_1252_over_utf8_text_reads_utf8_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "jira.xls"
    path.write_bytes(JIRA.format(customer="Müller AG", charset="windows-1252").encode("utf-8"))
    book = load_book([BOOK], case_files=[path])
    assert "Müller AG" in set(book.cases["customer"])
    (said,) = [f for f in book.findings if "the text is UTF-8" in f.message]
    assert said.severity is Severity.INFO and "'windows-1252'" in said.message


def test_a_style_never_closed_inside_a_table_is_an_error_with_its_row(tmp_path: Path) -> None:
    """The contract after it is not read (a browser shows no more either): a dropped row, so an error, and check
    says the book is not clean."""
    path = tmp_path / "styled.xls"
    path.write_text(CONTRACTS.format(middle="<style>td{color:red}", tail="</body></html>"))
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Acme Corp"]
    (said,) = [f for f in book.findings if "never closes it" in f.message]
    assert said.severity is Severity.ERROR and said.source.row == 3 and "<style>" in said.message
    assert "so the table row after it was not read" in said.message
    run = explorer("check", path, temp=tmp_path / "temp")
    assert run.code == 1 and "1 error" in run.out, run.out


def test_a_script_never_closed_after_the_tables_swallowing_no_row_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "scripted.xls"
    path.write_text(CONTRACTS.format(middle="", tail="<script>if (a <b) { document.title = '<title>' }</body></html>"))
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Acme Corp", "Initech"]
    (said,) = [f for f in book.findings if "never closes it" in f.message]
    assert said.severity is Severity.WARNING and "so no row from there on was read" in said.message


@pytest.mark.parametrize("tag", ["script", "style"])
def test_a_script_never_closed_inside_a_cell_counts_its_own_row_as_lost(tmp_path: Path, tag: str) -> None:
    """'<td>Umbrella<script></td><td>Okta</td></tr>' and two rows after it: the error counted 2 rows lost, and
    Umbrella's row, cut short, was called a title or note. Its row is named as cut, in the count, and only there."""
    header = "".join(f"<th>{h}</th>" for h in ("Customer", "Product", "Tier", "Start Date", "End Date"))
    full = "".join(
        f"<tr><td>{name}</td><td>Okta</td><td>Premier</td><td>2026-01-01</td><td>2026-12-31</td></tr>"
        for name in ("Initech", "Hooli")
    )
    first = "<tr><td>Acme Corp</td><td>Okta</td><td>Premier</td><td>2026-01-01</td><td>2026-12-31</td></tr>"
    path = tmp_path / "cut.xls"
    path.write_text(
        f"<html><body><table><tr>{header}</tr>{first}<tr><td>Umbrella<{tag}></td><td>Okta</td></tr>{full}</table></body></html>"
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Acme Corp"]
    (said,) = [f for f in book.findings if "never closes it" in f.message]
    assert said.severity is Severity.ERROR and said.source.row == 3
    assert f"so row 3 is cut short there and the 2 table rows after it were not read (3 rows lost). Close it (</{tag}>)" in (
        said.message
    )
    assert not any("Umbrella" in f.message for f in book.findings)


def test_a_table_inside_a_textarea_is_text_not_data(tmp_path: Path) -> None:
    path = tmp_path / "form.xls"
    inner = "<textarea><table><tr><td>Customer</td></tr><tr><td>Textarea Co</td></tr></table></textarea>"
    path.write_text(CONTRACTS.format(middle="", tail=inner))
    assert [r[0] for r in read_soon(path)] == ["Customer", "Acme Corp", "Initech"]


def test_rows_up_to_the_last_placed_one_count_against_the_budget(tmp_path: Path) -> None:
    """Each row up to the last placed one is a row of the sheet: 25 sheets each with one cell at row 1,048,576
    took 2.2 GB. A sheet 50 columns wide to that row is counted as a workbook's extent is, and refused."""
    path = tmp_path / "far.xls"
    path.write_text(XML_HEAD + f"<Row>{text('a', Index='50')}</Row><Row ss:Index='1048576'>{text('b')}</Row>{XML_TAIL}")
    refused(path, "sheet 'S' reaches row 1,048,576 and column 50", "more than the memory budget")


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (f"{text('Stray')}<Row>{text('a')}</Row>", "sheet 'S': a <Cell> stands outside any <Row>"),
        (f"<Row>{text('a')}</Row>{text('Stray')}", "a <Cell> stands outside any <Row>, after row 1"),
    ],
    ids=["before any row", "after the rows"],
)
def test_a_cell_outside_a_row_is_refused_not_misplaced(tmp_path: Path, rows: str, words: str) -> None:
    path = tmp_path / "stray.xls"
    path.write_text(XML_HEAD + rows + XML_TAIL)
    refused(path, words)


def test_a_datetime_before_excel_s_first_day_is_that_day_not_a_time(tmp_path: Path) -> None:
    row = f"<Row>{cell('DateTime', '1899-06-01T00:00:00.000')}{cell('DateTime', '1899-12-31T00:00:00.000')}</Row>"
    path = spreadsheet_xml(tmp_path / "old.xls", {"S": f"<Table>{row}</Table>"})
    (sheet,) = iter_sheets(path)
    assert sheet.rows == [[date(1899, 6, 1), time_of_day(0, 0)]]


@pytest.mark.parametrize(
    ("before", "name"),
    [
        ("<!-- generated by the report server -->\n", "comment.xls"),  # was taken for a web page: "no table in it"
        ('<?xml version="1.0"?>\n<!-- ' + "banner " * 1000 + "-->\n", "banner.xls"),  # the namespace past 4 KB: text
    ],
)
def test_an_xml_spreadsheet_behind_a_comment_is_known_by_its_root(tmp_path: Path, before: str, name: str) -> None:
    """hostile round 5: what a writer puts before the Workbook root told the wrong story."""
    row = "".join(cell("String", v) for v in ("Acme Corp", "Okta", "Premier", "2026-01-01", "2026-12-31"))
    header = "".join(cell("String", h) for h in ("Customer", "Product", "Tier", "Term Start", "Term End"))
    body = f"<Table><Row>{header}</Row><Row>{row}</Row></Table>"
    path = tmp_path / name
    path.write_text(f'{before}<Workbook {NS}><Worksheet ss:Name="S">{body}</Worksheet></Workbook>\n', encoding="utf-8")
    assert check_file(path) == "xml2003"
    assert [c.customer for c in load_book([path]).contracts] == ["Acme Corp"]


def test_a_web_page_under_a_line_of_text_is_read(tmp_path: Path) -> None:
    """hostile round 5: a report server's 'Report generated ...' line above <html> made the page a CSV of markup."""
    path = tmp_path / "report.xls"
    path.write_text(
        "\ufeffReport generated 2026-12-01\r\n\r\n<html><body><table><tr><th>Customer</th><th>Product</th><th>Tier</th>"
        "<th>Term Start</th><th>Term End</th></tr><tr><td>Acme Corp</td><td>Okta</td><td>Premier</td><td>2026-01-01</td>"
        "<td>2026-12-31</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert check_file(path) == "html"
    assert [c.customer for c in load_book([path]).contracts] == ["Acme Corp"]
