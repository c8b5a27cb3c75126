"""The report's sheets and columns. Pinned by tests and documented in the README:
people build on this workbook, so its shape changes only on purpose.

The app's tables use these names too (one column, one name, wherever it is shown).
"""

from __future__ import annotations

from explorer.app.case_filter import RESPONSE_MINUTES
from explorer.catalog import Catalog
from explorer.outputs.report.actions import ACTION_COLUMNS
from explorer.outputs.report.upgrade_sheet import UPGRADE_COLUMNS

ADDON_COLUMNS = "<add-ons>"  # stands for one column per catalog add-on, named by the add-on's column
CASE_COLUMNS = [
    "Case ID",
    "Customer",
    "Product",
    "Priority",
    "Opened (UTC)",
    "Due (UTC)",
    "First Response (UTC)",
    "Clock",
    RESPONSE_MINUTES,
    "Outcome",
]  # minutes counted on the case's own clock
COMPLIANCE_COLUMNS = [
    "Customer",
    "Product",
    "Priority",
    "Cases",
    "Met",
    "Breached",
    "Pending",
    "At Risk",
    "Compliance %",
    "Window",  # the opening days counted: "Last 90 days (2026-09-08 – 2026-12-06)"
]

SHEETS: dict[str, list[str]] = {
    "Summary": [],
    "Actions": ACTION_COLUMNS,
    "Contracts": [
        "Customer",
        "Product",
        "Tier",
        "Term Start",
        "Term End",
        "Status",
        "Support Hours",
        "Time Zone",
        "Public Holidays",
        ADDON_COLUMNS,
        "Named Contact Limit",
        "Named Contacts",
        "Administrative Days",
        "Findings",
    ],
    "Key Dates": ["Customer", "Product", "Event", "Date", "Status", "Note"],
    # each term's targets, dated: a book of renewals lists a customer's targets once per term
    "SLA Targets": ["Customer", "Product", "Tier", "Term Start", "Term End", "Priority", "First Response Target (h)", "Clock"],
    # Source: the contacts table's row, or the contract row and column that lists the contact ("Named contacts")
    "Named Contacts": ["Customer", "Product", "Name", "Email", "Region", "Named", "Finding", "Source"],
    "Compliance": COMPLIANCE_COLUMNS,
    "Upgrade Evidence": UPGRADE_COLUMNS,  # each customer's term against the next program up, strongest case first
    "Findings": ["Customer", "Product", "Severity", "Message", "File", "Sheet", "Row", "Column"],
    "Cases": CASE_COLUMNS,
    "Holidays": ["Calendar", "Date", "Holiday", "Whose", "Status"],  # each calendar's days in the case period
}
CASE_SHEETS = ("Cases", "Compliance", "Upgrade Evidence", "Holidays")  # only with a case log

DATE_COLUMNS = {"Term Start", "Term End", "Date"}
DATETIME_COLUMNS = {"Opened (UTC)", "Due (UTC)", "First Response (UTC)"}
PERCENT_COLUMNS = {"Compliance %"}
TENTHS_COLUMNS = {"Administrative Days"}  # pro-rated days, shown to one decimal (domain.md §5) as the sheet shows them
# Long text wraps inside a capped width (characters); every other column is as wide as its content.
WRAPPED_COLUMNS = {
    "Customer": 32,  # a legal name of 85 characters made every sheet print across three pages
    "Findings": 40,
    "Finding": 40,
    "Message": 60,
    "Support Hours": 24,
    "Clock": 30,
    "Note": 45,
    "What to Do": 50,
    "Where to Look": 24,
    "Issue": 14,
    "Public Holidays": 26,
    "Key Dates Affected": 30,
    "Old": 22,
    "New": 22,
    "Evidence": 60,
}
# Text that is the sheet's point wraps even where the sheet prints across pages (where nothing else wraps):
# cut at the column's edge, the upgrade evidence's sentence stopped mid-word on paper.
ALWAYS_WRAPPED = {"Evidence", "Public Holidays"}  # and whether holidays pause a clock: its point is at its end


# Narrower caps on sheets that must print a whole record on one page width (Cases, Findings).
SHEET_WRAPS: dict[str, dict[str, int]] = {
    "Cases": {"Customer": 16, "Product": 12, "Outcome": 12},
    "Findings": {"Customer": 16, "Product": 12, "Message": 40, "File": 16, "Sheet": 12, "Column": 14},
}


def wraps_for(sheet: str) -> dict[str, int]:
    """The columns that wrap on a sheet, with their caps in characters."""
    return {**WRAPPED_COLUMNS, **SHEET_WRAPS.get(sheet, {})}


def sheet_columns(catalog: Catalog) -> dict[str, list[str]]:
    """Every sheet's columns, with the catalog's add-ons in place of ADDON_COLUMNS."""
    addons = [a.column for a in catalog.addons.values()]
    return {name: [c for h in headers for c in (addons if h == ADDON_COLUMNS else [h])] for name, headers in SHEETS.items()}
