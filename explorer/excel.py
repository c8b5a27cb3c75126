"""Facts of the Excel file format that reading and writing share."""

from __future__ import annotations

from datetime import date

# Day 0 of Excel's 1900 date system, as every reader and writer counts it (the fictitious 1900-02-29 included).
EXCEL_EPOCH = date(1899, 12, 30)
