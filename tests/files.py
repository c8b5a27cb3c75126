"""Real files for the tests, written by several writers with the layouts people really use."""

from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

TITLE = ["Contract book FY27 — EMEA and AMER"]
HEADER = [
    "Account Name",
    "Product",
    "Support Tier",
    "Order Form Start",
    "Order Form End",
    "Region",
    "Time Zone",
    "Country",
    "Dedicated CSE",
    "MCSE",
    "Owner notes",
]
ROWS = [
    [
        "Acme Corp",
        "okta workforce",
        "Premier+",
        date(2026, 1, 15),
        date(2027, 1, 14),
        "EMEA",
        "Europe/Berlin",
        "DE",
        "Yes",
        "50%",
        "renewal talks",
    ],
    ["Beta\u00a0Bank ", "Auth0", "", "2026-02-01", "2027-01-31", "AMER", "America/New_York", "", "", "", ""],
    ["Gamma Games", "OAG", "prem access", "01.03.2026", "28.02.2027", "EMEA", "CET", "", "no", "", ""],
    [
        "Delta Health",
        "Okta",
        "PREMIER PLUS",
        "1 Feb 2026",
        "31 Jan 2027",
        "APAC",
        "Australia/Sydney",
        "Australia",
        "",
        "100% Dedicated MCSE",
        "",
    ],
    ["Epsilon", "Okta", "Gold", "2026-05-01", "2026-04-01", "AMER", "Mars/Base", "Narnia", "", "", ""],
]
CONTACT_HEADER = ["Company", "Full Name", "E-mail", "Region", "Named?"]
CONTACTS = [["Acme Corp", f"Person {i}", f"p{i}@acme.test", "EMEA" if i < 5 else "APAC", "yes"] for i in range(6)]
CASE_HEADER = ["Ticket ID", "Organization", "Product", "Priority", "Created at", "First reply at", "Environment"]
CASES = [
    [1001, "Acme Corp", "Okta", "P1", "2026-03-02 10:00:00 UTC", "2026-03-02 10:30:00 UTC", ""],
    [1002, "Beta Bank", "Auth0", "Urgent", "2026-03-02T10:00:00Z", "", "dev"],
    [1003, "Acme Corp", "Okta", "Sev 2", "2026-03-03 09:00", "2026-03-03 12:00", "production"],
]


def write_openpyxl(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "FY27"
    ws.append(TITLE)
    ws.append([])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    ws.append([])
    ws.append(["Total", 5])
    contacts = wb.create_sheet("People")
    contacts.append(CONTACT_HEADER)
    for row in CONTACTS:
        contacts.append(row)
    wb.create_sheet("Notes").append(["Remember to ask about renewals"])
    wb.save(path)
    return path


def write_xlsxwriter(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet("Book")
    ws.write_row(0, 0, TITLE)
    ws.write_row(3, 0, HEADER)
    for r, row in enumerate(ROWS, start=4):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), fmt)
            else:
                ws.write(r, c, value)
    wb.close()
    return path


def write_csv(
    path: Path,
    encoding: str = "utf-8",
    delimiter: str = ",",
    rows: list[list[object]] | None = None,
    header: list[str] | None = None,
) -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header or HEADER)
        for row in rows if rows is not None else ROWS:
            writer.writerow([v.isoformat() if isinstance(v, date) else v for v in row])
    return path


def soffice_convert(source: Path, suffix: str, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (tools/install-system-deps.sh installs it)")
    filters = {"ods": "ods", "xls": "xls:MS Excel 97", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder}/lo-profile",
            "--convert-to",
            filters[suffix],
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = folder / f"{source.stem}.{suffix}"
    assert out.exists(), f"LibreOffice did not write {out}"
    return out


def write_entity_bomb(path: Path) -> Path:
    write_openpyxl(path)
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>&lol3;</t></is></c></row></sheetData></worksheet>"
    )
    rewritten = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = bomb.encode() if item.filename == "xl/worksheets/sheet1.xml" else src.read(item.filename)
            dst.writestr(item, data)
    rewritten.replace(path)
    return path


def write_zip_bomb(path: Path, gigabytes: float = 1.0) -> Path:
    """A workbook whose one sheet part inflates to about a gigabyte of zeros (about 1 MB on disk)."""
    write_openpyxl(path)
    rewritten = path.with_suffix(".tmp")
    chunk = b"0" * (1 << 24)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        with dst.open("xl/worksheets/sheet9.xml", "w") as big:
            for _ in range(int(gigabytes * 64)):
                big.write(chunk)
    rewritten.replace(path)
    return path


CASE_COLUMNS = ["case_id", "customer", "product", "priority", "opened", "first_response"]


def case_log(rows: list[tuple], environment: str | None = "production") -> pd.DataFrame:
    """A case log as explorer.importing.cases gives one, from rows of (case_id, customer, product, priority,
    opened, first_response), and their environment last where ``environment`` is None."""
    frame = pd.DataFrame(rows, columns=CASE_COLUMNS + (["environment"] if environment is None else []))
    if environment is not None:
        frame["environment"] = environment
    frame["customer_key"] = frame["customer"].str.casefold()
    frame["priority"] = frame["priority"].astype("Int8")
    frame["priority_text"] = frame["priority"].astype(str)
    for c in ("opened", "first_response"):
        frame[c] = pd.to_datetime(frame[c], utc=True).astype("datetime64[ns, UTC]")
    frame["file"], frame["sheet"], frame["row"] = "cases.csv", "cases", range(2, 2 + len(frame))
    return frame


def write_formula_errors(path: Path) -> Path:
    """A hand-kept book as Excel saves it: a VLOOKUP tier whose lookup failed (cached #N/A), a term end whose
    reference was deleted (#REF!) and one computed from a text start (#VALUE!), each cell typed t="e"."""
    wb = xlsxwriter.Workbook(str(path))
    fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("Contracts")
    ws.write_row(0, 0, ["Customer", "Product", "Tier", "Term Start", "Term End"])
    rows = [
        ("Northwind Traders", "=VLOOKUP(A2,Tiers!A:B,2,FALSE)", "Premier Plus", "=EDATE(D2,12)-1", 46446),
        ("Contoso Ltd", "=VLOOKUP(A3,Tiers!A:B,2,FALSE)", "#N/A", "=EDATE(D3,12)-1", 46552),
        ("Fabrikam Inc", "=VLOOKUP(A4,Tiers!A:B,2,FALSE)", "Premier", "=#REF!+364", "#REF!"),
        ("Wingtip Bank", "=VLOOKUP(A5,Tiers!A:B,2,FALSE)", "Basic", "=EDATE(D5,12)-1", "#VALUE!"),
    ]
    for r, (customer, tier, tier_value, end, end_value) in enumerate(rows, start=1):
        ws.write_string(r, 0, customer)
        ws.write_string(r, 1, "Okta")
        ws.write_formula(r, 2, tier, None, tier_value)
        ws.write_datetime(r, 3, datetime(2026, 3, 1), fmt)
        ws.write_formula(r, 4, end, fmt, end_value)
    tiers = wb.add_worksheet("Tiers")
    tiers.write_row(0, 0, ["Customer", "Tier"])
    tiers.write_row(1, 0, ["Northwind Traders", "Premier Plus"])
    wb.close()
    return path


def write_sheets(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook of the given sheets, each a list of rows, written by openpyxl."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path
