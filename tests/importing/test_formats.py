"""The same messy contract book, written by several writers, reads the same way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.app.findings import term_findings
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.safety import UnreadableFile
from explorer.model import Book, Severity

from ..files import CASE_HEADER, CASES, CONTACT_HEADER, CONTACTS, soffice_convert, write_csv, write_openpyxl, write_xlsxwriter


def contract_summary(book: Book) -> list[tuple]:
    return [
        (
            c.customer.strip(),
            c.product,
            c.program,
            c.term_start,
            c.term_end,
            c.time_zone,
            c.country,
            "cse" in c.addons,
            c.addons.get("mcse"),
        )
        for c in book.contracts
    ]


EXPECTED = [
    ("Acme Corp", "okta", "okta-premier-plus", date(2026, 1, 15), date(2027, 1, 14), "Europe/Berlin", "DE", True, "50"),
    ("Beta Bank", "auth0", "auth0-enterprise", date(2026, 2, 1), date(2027, 1, 31), "America/New_York", "US", False, None),
    (
        "Gamma Games",
        "okta-access-gateway",
        "okta-premier-access",
        date(2026, 3, 1),
        date(2027, 2, 28),
        "Europe/Berlin",
        "DE",
        False,
        None,
    ),
    ("Delta Health", "okta", "okta-premier-plus", date(2026, 2, 1), date(2027, 1, 31), "Australia/Sydney", "AU", False, "100"),
    ("Epsilon", "okta", None, date(2026, 5, 1), date(2026, 4, 1), "UTC", "", False, None),
]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    source = write_openpyxl(folder / "book.xlsx")
    return {
        "openpyxl": source,
        "xlsm": write_openpyxl(folder / "book.xlsm"),
        "xlsxwriter": write_xlsxwriter(folder / "writer.xlsx"),
        "ods": soffice_convert(source, "ods", folder),
        "xls": soffice_convert(source, "xls", folder),
        "csv-utf8": write_csv(folder / "utf8.csv"),
        "csv-bom": write_csv(folder / "bom.csv", "utf-8-sig"),
        "csv-utf16": write_csv(folder / "utf16.csv", "utf-16"),
        "csv-1252-semicolon": write_csv(folder / "win.csv", "cp1252", ";"),
        "tsv": write_csv(folder / "tabs.txt", "utf-8", "\t"),
    }


@pytest.mark.parametrize(
    "writer", ["openpyxl", "xlsm", "xlsxwriter", "ods", "xls", "csv-utf8", "csv-bom", "csv-utf16", "csv-1252-semicolon", "tsv"]
)
def test_every_writer_reads_the_same(written: dict[str, Path], writer: str) -> None:
    path = written[writer]
    before = path.read_bytes()
    book = load_book([path])
    assert contract_summary(book) == EXPECTED
    assert path.read_bytes() == before  # input files are never written to
    rows = [c.source.row for c in book.contracts]
    assert rows == sorted(rows) and len(set(rows)) == 5  # every row kept, with its spreadsheet row
    errors = {(f.source.row, f.column) for f in book.findings if f.severity is Severity.ERROR}
    epsilon = book.contracts[4].source.row
    assert (epsilon, "Support Tier") in errors and (epsilon, "Order Form End") in errors  # the column it is in
    assert book.contracts[0].extra == {"Owner notes": "renewal talks"}


def test_layout_details(written: dict[str, Path]) -> None:
    book = load_book([written["openpyxl"]])
    assert [c.source.row for c in book.contracts] == [4, 5, 6, 7, 8]  # two title rows above the header
    assert book.contracts[0].source.sheet == "FY27"
    messages = [f.message for f in book.findings]
    assert any("totals line" in m for m in messages)
    assert any("Sheet 'Notes' holds no contract" in m for m in messages)
    assert any(m.startswith("Columns kept as they are") and "Owner notes" in m for m in messages)
    assert len(book.contacts) == 6
    judged = term_findings(book, default_catalog(), date(2026, 11, 28))  # limits are the term's in force on a day
    over = [f for f in judged if "named contacts, but 50% Dedicated MCSE allows 5" in f.message]
    assert len(over) == 1 and over[0].severity is Severity.WARNING
    region = [f for f in judged if "outside the MCSE's region" in f.message]
    assert [(f.source.sheet, f.source.row) for f in region] == [("People", 7)]
    tz = [f for f in book.findings if f.column == "Time Zone" and f.severity is Severity.WARNING]
    assert {f.source.row for f in tz} == {6, 8}  # CET (abbreviation) and Mars/Base (unknown)
    assert book.customers()[1] == "Beta Bank"  # shown in its canonical form: the non-breaking space is a space


def test_several_files_form_one_book(written: dict[str, Path], tmp_path: Path) -> None:
    contacts = write_csv(tmp_path / "contacts.csv", header=CONTACT_HEADER, rows=CONTACTS)
    book = load_book([written["xlsxwriter"], contacts])
    assert len(book.contracts) == 5 and len(book.contacts) == 6
    assert {Path(c.source.file).name for c in book.contracts} == {"writer.xlsx"}
    assert {Path(c.source.file).name for c in book.contacts} == {"contacts.csv"}


def test_case_log(written: dict[str, Path], tmp_path: Path) -> None:
    log = write_csv(tmp_path / "tickets.csv", header=CASE_HEADER, rows=CASES)
    book = load_book([written["openpyxl"]], [log])
    cases = book.cases
    assert cases is not None
    assert cases["case_id"].tolist() == ["1001", "1002", "1003"]
    assert cases["priority"].tolist() == [1, 1, 2]
    assert cases["environment"].tolist() == ["production", "non-production", "production"]
    assert str(cases["opened"].iloc[2]) == "2026-03-03 09:00:00+00:00"  # naive text read as UTC
    berlin = load_book([written["openpyxl"]], [log], case_timezone="Europe/Berlin").cases
    assert berlin is not None and str(berlin["opened"].iloc[2]) == "2026-03-03 08:00:00+00:00"
    assert str(berlin["opened"].iloc[1]) == "2026-03-02 10:00:00+00:00"  # an explicit Z is kept


def test_case_log_problems(written: dict[str, Path], tmp_path: Path) -> None:
    rows = [
        [1, "Acme Corp", "Okta", "P9", "2026-03-02 10:00", "", ""],
        [2, "Acme Corp", "Okta", "P1", "yesterday", "", ""],
        [3, "Acme Corp", "Okta", "P1", "2026-03-02 10:00", "2026-03-02 09:00", ""],
        [4, "Acme Corp", "Okta", "P1", "03/04/2026 10:00", "", ""],
    ]
    log = write_csv(tmp_path / "bad.csv", header=CASE_HEADER, rows=rows)
    book = load_book([written["openpyxl"]], [log])
    found = {(f.source.row, f.column, f.severity) for f in book.findings if Path(f.source.file).name == "bad.csv"}
    assert found == {
        (2, "Priority", Severity.ERROR),
        (3, "Created at", Severity.ERROR),
        (4, "First reply at", Severity.ERROR),  # a response before the opening: not counted (issue 23)
        (None, "", Severity.INFO),  # 03/04 is read in the order the contract book settles, and said
    }
    assert book.cases is not None and str(book.cases["opened"].iloc[3]) == "2026-04-03 10:00:00+00:00"
    assert book.cases is not None and len(book.cases) == 4  # rows with problems are kept


def test_header_without_rows_is_reported(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "empty.csv", rows=[])
    book = load_book([path])
    assert book.contracts == []
    assert [(f.severity, f.source.row, f.message) for f in book.findings if f.severity is Severity.WARNING] == [
        (Severity.WARNING, 1, "Sheet 'empty' has a contracts header row but no rows below it.")
    ]


def test_totals_and_unlabelled_cells(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([None, "Customer", "Product", "Tier", "Start", "End"])
    ws.append([None, "Acme", "Okta", "Premier", "2026-01-01", "2026-12-31"])
    ws.append([None, None, "Total", 1])  # the label is not in the first column
    ws.append(["note: under no header", None, None, None, None, None])  # not a record, but quoted in a finding
    wb.save(tmp_path / "book.xlsx")
    book = load_book([tmp_path / "book.xlsx"])
    assert [c.source.row for c in book.contracts] == [2]
    assert any("Row 4 is a footnote ('note: under no header')" in f.message for f in book.findings)
    assert any("Row 3 is a totals line ('Total | 1')" in f.message for f in book.findings)


def test_stray_quote_in_csv_keeps_the_table(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    first = "Customer;Product;Tier;Start;End\nGlobex;Okta;Premier;2026-01-15;2027-01-14\n"
    path.write_text(first + '"Acme;Okta\n', encoding="utf-8")
    with pytest.raises(UnreadableFile, match="row 3 opens a quote that is never closed"):  # never 'Acme;Okta' as a name
        load_book([path])
    path.write_text(
        'Customer;Product;Tier;Start;End\nGlobex;Okta;Premier;2026-01-15;2027-01-14\nAcme "Inc;Okta\n', encoding="utf-8"
    )
    book = load_book([path])  # a quote inside a cell is no quoting: the sniffer gives up on it, the header's separator is used
    assert [c.customer for c in book.contracts] == ["Globex", 'Acme "Inc']


def test_a_csv_saved_by_excel_for_mac_reads_its_accents(tmp_path: Path) -> None:
    """Excel for Mac's CSV: Mac Roman, lines ended by a bare CR. Its é and ñ are Windows-1252's quotes and
    dashes, so read as Windows text 'Café' became 'Cafˇ', silently."""
    text = "Customer,Product,Tier,Start,End\rCafé Olé SARL,Okta,Premier,2026-01-15,2027-01-14\r"
    text += "Señor Frío SA,Auth0,Enterprise,2026-03-01,2027-02-28\r"
    path = tmp_path / "mac.csv"
    path.write_bytes(text.encode("mac_roman"))
    assert [c.customer for c in load_book([path]).contracts] == ["Café Olé SARL", "Señor Frío SA"]
    windows = tmp_path / "windows.csv"  # the same text from Windows keeps Windows-1252
    windows.write_bytes(text.replace("\r", "\r\n").encode("cp1252"))
    assert [c.customer for c in load_book([windows]).contracts] == ["Café Olé SARL", "Señor Frío SA"]


@pytest.mark.parametrize(("encoding", "end"), [("cp1252", "\r\n"), ("mac_roman", "\r")])
def test_a_long_legacy_csv_is_read_by_the_code_page_of_its_accented_lines(tmp_path: Path, encoding: str, end: str) -> None:
    """The code page is guessed from the lines that hold accents, wherever they are: a log whose first 300 KB are
    plain ASCII and whose accents come after reads them as its code page, not as the plain head suggests."""
    rows = [f"Plain {n},Okta,Premier,2026-01-15,2027-01-14" for n in range(8_000)]  # about 320 KB of ASCII first
    rows += ["Café Olé SARL,Okta,Premier,2026-01-15,2027-01-14", "Señor Frío SA,Auth0,Enterprise,2026-03-01,2027-02-28"]
    path = tmp_path / "long.csv"
    path.write_bytes(end.join(["Customer,Product,Tier,Start,End", *rows, ""]).encode(encoding))
    customers = [c.customer for c in load_book([path]).contracts]
    assert len(customers) == 8_002 and customers[-2:] == ["Café Olé SARL", "Señor Frío SA"]


def test_a_utf8_csv_with_a_few_windows_lines_past_the_first_block_names_them(tmp_path: Path) -> None:
    """UTF-8 with a pasted Windows-1252 line far down the file (decoded a block of lines at a time): the line is read
    as Windows-1252 and named by its number, the rest stays UTF-8."""
    rows = [f"Zoë {n},Okta,Premier,2026-01-15,2027-01-14".encode() for n in range(40_000)]  # past a 1 MB block
    rows.insert(30_000, "Crème Brûlée SA,Okta,Premier,2026-01-15,2027-01-14".encode("cp1252"))
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join([b"Customer,Product,Tier,Start,End", *rows, b""]))
    book = load_book([path])
    customers = [c.customer for c in book.contracts]
    assert customers[0] == "Zoë 0" and customers[30_000] == "Crème Brûlée SA" and len(customers) == 40_001
    assert any(f.message.startswith("Line 30002 is not UTF-8 like the rest of the file") for f in book.findings)


@pytest.mark.parametrize("first", [False, True])
def test_a_utf8_csv_with_more_than_fifty_windows_lines_stays_utf8(tmp_path: Path, first: bool) -> None:
    """51 Windows-1252 lines among 2,000 UTF-8 ones (at the top or spread out) are a UTF-8 file's pasted lines, not
    a file in another code page: 51 of them read the whole file as Korean (CP949), silently (hostile tryout 3)."""
    rows = [f"Cust {n:04d} Ünïcödé,Okta,Premier,2026-01-01,2026-12-31".encode() for n in range(2_000)]
    windows = range(51) if first else range(0, 2_000, 39)
    for n in windows:
        rows[n] = f"Cust {n:04d} Crédit,Okta,Premier,2026-01-01,2026-12-31".encode("cp1252")
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\r\n".join([b"Customer,Product,Tier,Start,End", *rows, b""]))
    book = load_book([path])
    customers = [c.customer for c in book.contracts]
    assert len(customers) == 2_000 and all(name.endswith(("Ünïcödé", "Crédit")) for name in customers)
    assert any(" more are not UTF-8 like the rest of the file" in f.message for f in book.findings)


def test_rows_not_read_as_records_are_named_up_to_a_hundred_then_counted(tmp_path: Path) -> None:
    """hostile round 5: a span carried over 26,000 empty rows made 26,003 'group heading' infos. An export that
    repeats its header row before every record names the first 100 such rows, then one info counts the rest."""
    header = "Customer,Product,Tier,Start,End"
    lines = [header]
    for i in range(120):
        lines += [f"Cust{i},Okta,Premier,2026-01-01,2026-12-31", header]
    path = tmp_path / "paged.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    book = load_book([path])
    assert len(book.contracts) == 120
    said = [f for f in book.findings if "not read as a record" in f.message or "not read as records" in f.message]
    assert len(said) == 101
    assert said[-1].message == (
        "Rows 203\u2013241: 20 more rows are not read as records (repeats the header row: 20); the first 100 are named "
        "one by one."
    )
