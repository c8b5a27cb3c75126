"""The report's sheets and columns. Pinned by tests and documented in the README:
people build on this workbook, so its shape changes only on purpose."""

from __future__ import annotations

from explorer.catalog import Catalog

ADDON_COLUMNS = "<add-ons>"  # stands for one column per catalog add-on, named by the add-on's column
SHEETS: dict[str, list[str]] = {
    "Summary": [],
    "Contracts": ["Customer", "Product", "Tier", "Term Start", "Term End", "Support Hours", "Time Zone",
                  ADDON_COLUMNS, "Named Contact Limit", "Named Contacts", "Administrative Days", "Findings"],
    "Key Dates": ["Customer", "Product", "Event", "Date", "Status"],
    "SLA Targets": ["Customer", "Product", "Tier", "Priority", "First Response Target (h)", "Clock"],
    "Named Contacts": ["Customer", "Name", "Email", "Region", "Named", "Finding"],
    "Cases": ["Case ID", "Customer", "Product", "Priority", "Opened (UTC)", "Due (UTC)", "First Response (UTC)",
              "Business Minutes to Response", "Outcome"],
    "Compliance": ["Customer", "Product", "Priority", "Cases", "Met", "Breached", "Pending", "At Risk",
                   "Compliance %"],
    "Findings": ["Severity", "File", "Sheet", "Row", "Column", "Message"],
}
CASE_SHEETS = ("Cases", "Compliance")  # only with a case log

DATE_COLUMNS = {"Term Start", "Term End", "Date"}
DATETIME_COLUMNS = {"Opened (UTC)", "Due (UTC)", "First Response (UTC)"}
PERCENT_COLUMNS = {"Compliance %"}
WRAPPED_COLUMNS = {"Findings", "Finding", "Message", "Support Hours", "Clock"}  # long text wraps inside its width
WIDTHS = {"Customer": 28, "Product": 20, "Tier": 15, "Support Hours": 22, "Time Zone": 20, "Findings": 60,
          "Message": 80, "File": 22, "Event": 30, "Email": 30, "Name": 24, "Clock": 50, "Finding": 60,
          "Case ID": 12, "Outcome": 12, "Status": 10, "Opened (UTC)": 17, "Due (UTC)": 17,
          "First Response (UTC)": 19, "Column": 18, "Row": 7, "Business Minutes to Response": 15, "Term Start": 12,
          "Term End": 12, "Date": 12, "Sheet": 16, "Named Contact Limit": 11, "Named Contacts": 10,
          "Administrative Days": 15, "First Response Target (h)": 14}


def sheet_columns(catalog: Catalog) -> dict[str, list[str]]:
    """Every sheet's columns, with the catalog's add-ons in place of ADDON_COLUMNS."""
    addons = [a.column for a in catalog.addons.values()]
    return {name: [c for h in headers for c in (addons if h == ADDON_COLUMNS else [h])] for name, headers in SHEETS.items()}
