"""Small hostile workbooks, written part by part so every byte is the test's choice."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="Contracts" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}
HEADER = ["Account Name", "Product", "Support Tier", "Order Form Start", "Order Form End"]
ROW = ["Acme Corp", "Okta", "Premier", "2026-01-15", "2027-01-14"]


def cells(row: int, values: list[str]) -> str:
    refs = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    inner = "".join(f'<c r="{refs[i]}{row}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{row}">{inner}</row>'


def workbook(
    path: Path, extra_rows: str = "", strings: tuple[int, int] = (1, 1), part: str = "xl/worksheets/sheet1.xml", sst: str = ""
) -> Path:
    """A one-sheet contract book (a header and one contract) with ``extra_rows`` after them, its sheet in ``part``
    and ``sst`` (if given) as the whole string table."""
    data = f"{cells(1, HEADER)}{cells(2, ROW)}{extra_rows}"
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>'
    count, unique = strings
    sst = sst or f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{unique}"><si><t>x</t></si></sst>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text.replace('Target="worksheets/sheet1.xml"', f'Target="/{part}"'))
        archive.writestr(part, sheet)
        archive.writestr("xl/sharedStrings.xml", sst)
    return path


# One cell far away: a dense reader would need rows x columns x 32 bytes for it.
FAR_CELL = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
TALL_CELL = '<row r="1048576"><c r="CV1048576"><v>1</v></c></row>'
PLACED_CELLS = '<row r="1048576">' + "<c><v>1</v></c>" * 16384 + "</row>"  # no references: placed by order
EMPTY_FAR_CELL = '<row r="1048576"><c r="XFD1048576" s="0"/></row>'  # styled, empty: not read
