"""Text that is not what it seems: an unclosed quote, a long field, UTF-16 without a BOM, a web page named .xls."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from explorer.app.errors import user_message
from explorer.importing import readers, safety
from explorer.importing.book import load_book
from explorer.importing.readers import read_csv_rows
from explorer.importing.safety import UnreadableFile, check_file
from explorer.model import Severity
from tests.hostile.harness import assert_refused, explorer

HEADER = "Account Name,Product,Support Tier,Order Form Start,Order Form End\n"


def rows(first: int, count: int) -> str:
    return "".join(f"Acme {n},Okta,Premier,2026-01-15,2027-01-14\n" for n in range(first, first + count))


def test_an_unclosed_quote_names_its_row_and_the_lines_it_swallows(tmp_path: Path) -> None:
    # A hand-edited name missing its closing quote: every later row became one cell, an exit-0 'note'.
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER + rows(0, 100) + '"Broken Co,Okta,Premier,2026-01-15,2027-01-14\n' + rows(100, 100))
    with pytest.raises(UnreadableFile, match=r"row 102 opens a quote that is never closed, so the 100 lines after it"):
        read_csv_rows(path)
    assert_refused(explorer("check", path, temp=tmp_path / "temp"), "contracts.csv", "row 102 opens a quote")


def test_an_unclosed_quote_on_the_header_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_text('"' + HEADER + rows(0, 5))
    assert_refused(explorer("check", path, temp=tmp_path / "temp"), "row 1 opens a quote", "the 5 lines after it")


@pytest.mark.parametrize(
    "last",
    ['Acme 9,Okta,Premier,2026-01-15,"2027-01-14\nsecond line"\n', 'Acme 9,Okta,Premier,2026-01-15,"2027-01-14'],
    ids=["closed over two lines", "open on the last line"],
)
def test_a_quote_that_swallows_no_row_is_read(tmp_path: Path, last: str) -> None:
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER + rows(0, 3) + last)
    assert len(read_csv_rows(path)) == 5


def test_a_line_break_quoted_in_a_message_keeps_it_one_line() -> None:
    message = user_message(UnreadableFile("cases.csv", "the first row reads 'Case\nCustomer\r\nOpened'"))
    assert message is not None and message.line == "cases.csv: the first row reads 'Case ⏎ Customer ⏎ Opened'"


def test_the_delimiter_is_sniffed_from_the_file_s_start_after_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Splitting every line of a 480 MB file just to look at the first 60 took 6 GB before the budget refused it.
    seen: list[int] = []
    sniff = readers._dialect
    monkeypatch.setattr(readers, "_dialect", lambda text: seen.append(len(text)) or sniff(text))
    path = tmp_path / "cases.csv"
    path.write_text("Case,Customer\n" + "a,b\n" * 100_000)
    assert len(read_csv_rows(path)) == 100_001
    assert seen == [readers.SNIFF_CHARS]
    monkeypatch.setattr(safety, "MEMORY_BUDGET", 2**20)
    with pytest.raises(UnreadableFile, match="memory budget"):
        read_csv_rows(path)


def test_a_field_longer_than_the_csv_module_s_default_is_cut_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER + rows(0, 1) + '"' + "y" * 200_000 + '",Okta,Premier,2026-01-15,2027-01-14\n')
    run = explorer("check", path, "--as-of", "2026-11-28", temp=tmp_path / "temp")
    assert run.code == 0, run.err
    assert "row 3, column 'Account Name': 1 cell longer than 32,767 characters (Excel's limit) cut to that length" in run.out


def test_utf16_without_a_bom_is_text(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_bytes((HEADER + rows(0, 1)).encode("utf-16-le"))
    assert read_csv_rows(path)[1][0] == "Acme 0"


WEB_EXPORTS = {  # what a CRM's or a report server's "Export to Excel" writes under an .xls name
    "html with a BOM": ("\ufeff<html><body><table><tr><td>Account Name</td></tr></table></body></html>", "html"),
    "html as UTF-16": ("<html><body><table><tr><td>Account Name</td></tr></table></body></html>", "utf-16"),
    "a bare table": ("<table><tr><td>Account Name</td><td>Product</td></tr></table>", "html"),
    "meta first": ('<meta http-equiv="Content-Type" content="text/html"><table><tr><td>Account Name</td></tr></table>', "html"),
    "xml spreadsheet 2003": (
        '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">Account Name</Data></Cell></Row></Table>'
        "</Worksheet></Workbook>",
        "xml2003",
    ),
}


@pytest.mark.parametrize("case", list(WEB_EXPORTS))
def test_a_web_export_named_xls_is_read_by_what_it_is(tmp_path: Path, case: str) -> None:
    text, kind = WEB_EXPORTS[case]
    path = tmp_path / "export.xls"
    path.write_text(text, encoding="utf-16" if kind == "utf-16" else "utf-8")
    assert check_file(path) == ("html" if kind == "utf-16" else kind)
    (sheet,) = readers.iter_sheets(path)
    assert sheet.rows[0][0] == "Account Name" and sheet.misnamed == (".xml" if kind == "xml2003" else ".html")


def test_a_csv_wider_than_a_sheet_is_one_line(tmp_path: Path) -> None:
    # 50,000 columns took 34 s of header matching and then said its data row was not there.
    path = tmp_path / "wide.csv"
    path.write_text(HEADER.strip() + ",x" * 20_000 + "\n" + rows(0, 1))
    with pytest.raises(UnreadableFile, match=r"row 1 has 20,005 fields, more than a sheet's 16,384 columns \(A to XFD\)"):
        read_csv_rows(path)
    path.write_text(HEADER.strip() + ",x" * 16_379 + "\n" + rows(0, 1))
    assert len(read_csv_rows(path)[0]) == 16_384


def test_a_quote_closed_only_by_the_next_row_s_quote_is_refused(tmp_path: Path) -> None:
    # '"Acme' left open up to the next row's '"Beta"': the two rows were read as one customer, and check said 0 errors.
    path = tmp_path / "contracts.csv"
    broken = '"Broken Co,Okta,Premier,2026-01-15,2027-01-14\n"Beta",Okta,Premier,2026-01-15,2027-01-14\n'
    path.write_text(HEADER + rows(0, 2) + broken)
    with pytest.raises(UnreadableFile, match=r"row 4 opens a quote on line 4 that is closed only on line 5, so those 2 lines"):
        read_csv_rows(path)


def test_notes_over_several_lines_are_read_as_cells(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    note = '"Renewal call booked, see thread.\r\nOwner: J. Smith, EMEA"'
    first = "Acme,Okta,Premier,2026-01-15,2027-01-14," + note + "\n"
    path.write_text(HEADER.rstrip("\n") + ",Notes\n" + first + rows(1, 2), newline="")
    read = read_csv_rows(path)
    assert len(read) == 4 and read[1][5] == "Renewal call booked, see thread.\r\nOwner: J. Smith, EMEA"


@pytest.mark.parametrize("end", ["\n", ""], ids=["line end", "no line end"])
def test_a_quote_left_open_on_the_last_row_is_refused_where_it_swallows_its_row(tmp_path: Path, end: str) -> None:
    # The whole last row became one cell, then an info 'a title or note': a contract dropped with exit 0.
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER + rows(0, 2) + '"Gamma Co,Okta,Premier,2026-01-15,2027-01-14' + end)
    with pytest.raises(UnreadableFile, match=r"row 4 opens a quote that is never closed, so the rest of its line is read"):
        read_csv_rows(path)


def test_a_utf8_file_with_a_line_in_windows_1252_keeps_both(tmp_path: Path) -> None:
    # One pasted Windows-1252 line sent the whole file to one code page: 'ZÃ¼rich Bank' in every output, no finding.
    path = tmp_path / "contracts.csv"
    text = HEADER + "Zürich Bank,Okta,Premier,2026-01-15,2027-01-14\n"
    path.write_bytes(text.encode("utf-8") + "Müller GmbH,Okta,Premier,2026-01-15,2027-01-14\n".encode("cp1252"))
    book = load_book([path])
    assert sorted(c.customer for c in book.contracts) == ["Müller GmbH", "Zürich Bank"]
    said = [f.message for f in book.findings if f.severity is Severity.WARNING and "UTF-8" in f.message]
    assert said == ["Line 3 is not UTF-8 like the rest of the file; read as Windows-1252; check the names there."]


def test_a_windows_1252_file_is_read_as_one_with_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_bytes(
        (HEADER + "Müller GmbH,Okta,Premier,2026-01-15,2027-01-14\nCafé Ltd,Okta,Premier,2026-01-15,2027-01-14\n").encode(
            "cp1252"
        )
    )
    book = load_book([path])
    assert sorted(c.customer for c in book.contracts) == ["Café Ltd", "Müller GmbH"]
    assert not [f for f in book.findings if "UTF" in f.message]


def test_a_lone_surrogate_in_utf16_is_one_replaced_character_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    body = (HEADER + "Acme,Okta,Premier,2026-01-15,2027-01-14\n").encode("utf-16-le")
    broken = "Be".encode("utf-16-le") + b"\x00\xd8" + "ta,Okta,Premier,2026-01-15,2027-01-14\n".encode("utf-16-le")
    path.write_bytes(codecs.BOM_UTF16_LE + body + broken)
    book = load_book([path])
    assert sorted(c.customer for c in book.contracts) == ["Acme", "Be\ufffdta"]
    assert [f.message for f in book.findings if "UTF-16" in f.message] == [
        "1 character could not be read as UTF-16 and show as \ufffd; check the names there."
    ]


def test_a_long_cell_in_a_column_kept_as_it_is_is_cut_with_a_warning_too(tmp_path: Path) -> None:
    # The Account Owner (no field: kept as it is, shown in the report's Actions) was cut silently.
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER.rstrip("\n") + ",Account Owner\n" + "Acme,Okta,Premier,2026-01-15,2027-01-14," + "z" * 40_000 + "\n")
    book = load_book([path])
    (cut,) = [f for f in book.findings if "cut to that length" in f.message]
    assert (cut.source.row, cut.column) == (2, "Account Owner")
    assert len(book.contracts[0].extra["Account Owner"]) == 32_767


def test_a_field_too_long_for_any_cell_is_refused_before_it_is_copied(tmp_path: Path) -> None:
    # One 500 MB field peaked at 5.6 GB (io.StringIO's copy at 4 bytes a character, the csv buffer doubling),
    # accepted, against the 2 GB budget; a field is cut to 32,767 characters anyway.
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER + '"' + "x" * (readers.MAX_FIELD_CHARS + 1) + '",Okta,Premier,2026-01-15,2027-01-14\n')
    with pytest.raises(UnreadableFile, match=r"row 2 \(line 2\) holds a field of more than 4,194,304 characters"):
        read_csv_rows(path)


def test_a_long_text_is_split_into_lines_as_io_stringio_splits_them(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'a,b\r\nc,"d\ne"\rf,g\n\nh,\x0ci\r\n"j\r\nk",l'
    monkeypatch.setattr(readers, "STREAMED_CHARS", 4)  # the long path, on a short text
    assert list(readers.text_lines(text)) == io.StringIO(text, newline="").readlines()
    assert [list(r) for r in csv.reader(readers.text_lines(text))] == [list(r) for r in csv.reader(io.StringIO(text, newline=""))]


def test_zero_bytes_past_the_first_4_kb_are_removed_with_a_warning(tmp_path: Path) -> None:
    # Read into the names and written to the report as _x0000_, with no finding.
    path = tmp_path / "contracts.csv"
    path.write_text(HEADER + rows(0, 100) + "Ac\x00me Zero,Okta,Premier,2026-01-15,2027-01-14\n")
    book = load_book([path])
    assert "Acme Zero" in {c.customer for c in book.contracts}
    assert [f.message for f in book.findings if "NUL" in f.message] == [
        "1 zero byte (NUL) removed: the file may be damaged; check the names there."
    ]
