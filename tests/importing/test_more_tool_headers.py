"""Contract headers of more tools (tryout 14, renewal book 14): Affinity, SugarCRM, ClientSuccess, Catalyst, Paddle,
PandaDoc, and a renewal book's fiscal-year columns."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from explorer.cli import main
from explorer.importing.book import load_book
from explorer.importing.headers import fiscal_sets
from explorer.model import Severity

from ..files import write_csv, write_sheets

CONTRACTS: list[list[object]] = [
    ["Customer", "Product", "Tier", "Term Start", "Term End"],
    ["Northwind Traders", "Okta", "Premier Plus", date(2026, 3, 1), date(2027, 2, 28)],
]


def test_an_affinity_organization_id_is_no_customer_and_name_is(tmp_path: Path) -> None:
    """Affinity's 'Organization Id' (284001...) only resembles 'Organization': a column of numbers names no
    customer, so the list's 'Name' is read as the customer."""
    header = ["Organization Id", "Name", "Status", "Product", "Support Tier", "Contract Start Date", "Contract End Date"]
    rows: list[list[object]] = [
        [284001, "Brightmoor Credit Union", "Customer", "Okta", "Premier Plus", "12/20/2025", "12/19/2026"],
        [284002, "Nordwind Energie GmbH", "Customer", "Okta", "Basic", "01/01/2026", "12/31/2026"],
    ]
    path = write_csv(tmp_path / "affinity_list_export.csv", rows=rows, header=header)
    book = load_book([path])
    assert sorted(c.customer for c in book.contracts) == ["Brightmoor Credit Union", "Nordwind Energie GmbH"]
    assert not any("'Organization Id' as Customer" in f.message for f in book.findings)


def test_sugarcrm_custom_fields_lose_their_c_and_a_signed_date_is_no_term_start(tmp_path: Path) -> None:
    """SugarCRM ends its custom fields in '_c' (time_zone_c, mcse_c), set aside as Salesforce's '__c' is; its
    'customer_signed_date' comes close to 'Customer Since' but a signature's day is never the initial term start."""
    header = ["name", "account_name", "product_c", "support_tier_c", "mcse_c", "time_zone_c", "start_date", "end_date"]
    header.append("customer_signed_date")
    rows: list[list[object]] = [
        ["Nordwind 2026", "Nordwind Energie GmbH", "Okta", "Premier Plus", "100", "Europe/Berlin"]
        + ["2025-12-20", "2026-12-19", "2025-12-12"],
    ]
    book = load_book([write_csv(tmp_path / "sugarcrm_contracts_export.csv", rows=rows, header=header)])
    (contract,) = book.contracts
    assert contract.time_zone == "Europe/Berlin"
    assert contract.addons == {"mcse": "100"}
    assert contract.initial_term_start in (None, contract.term_start)
    assert not any("customer_signed_date" in f.message and "Initial term start" in f.message for f in book.findings)


def test_clientsuccess_active_contract_dates_are_the_term(tmp_path: Path) -> None:
    header = ["Client Name", "Product", "Support Tier", "Active Contract Start Date", "Active Contract End Date"]
    rows: list[list[object]] = [["Tamarind Health Pty Ltd", "Okta", "Premier", "2026-02-01", "2027-01-31"]]
    book = load_book([write_csv(tmp_path / "clientsuccess_clients.csv", rows=rows, header=header)])
    (contract,) = book.contracts
    assert (contract.term_start, contract.term_end) == (date(2026, 2, 1), date(2027, 1, 31))
    assert not [f for f in book.findings if f.severity is Severity.ERROR]


def test_paddle_billing_period_is_the_term_and_its_business_name_the_customer(tmp_path: Path) -> None:
    header = ["Subscription ID", "Status", "Customer ID", "Business Name", "Product Name", "Started At"]
    header += ["Current Billing Period Starts At", "Current Billing Period Ends At"]
    rows: list[list[object]] = [
        ["sub_01hv8x1", "active", "ctm_01a", "Harbor Lane Logistics", "Okta Premier Plus Support"]
        + ["2026-03-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "2027-03-01T00:00:00.000Z"],
    ]
    book = load_book([write_csv(tmp_path / "paddle_subscriptions_export.csv", rows=rows, header=header)])
    (contract,) = book.contracts
    assert (contract.customer, contract.program) == ("Harbor Lane Logistics", "okta-premier-plus")
    assert (contract.term_start, contract.term_end) == (date(2026, 3, 1), date(2027, 2, 28))


PANDADOC = ["Document name", "Status", "Owner", "Recipient company", "Grand total", "Product", "Support tier"]


def test_pandadoc_grand_total_is_a_column_and_recipient_company_the_customer(tmp_path: Path) -> None:
    header = [*PANDADOC, "Start date", "End date"]
    rows: list[list[object]] = [
        ["Brightmoor - Okta 2026", "Completed", "Dana", "Brightmoor Credit Union", "250000.00", "Okta", "Premier Plus"]
        + ["2025-12-20", "2026-12-19"],
    ]
    book = load_book([write_csv(tmp_path / "pandadoc_documents_export.csv", rows=rows, header=header)])
    assert [c.customer for c in book.contracts] == ["Brightmoor Credit Union"]
    assert not any("pivot" in f.message for f in book.findings)


def test_a_grand_total_header_is_no_pivot_where_the_sheet_holds_no_table(tmp_path: Path) -> None:
    """Without dates or a customer the sheet is no table, and is said to be data to map, not a pivot's summary."""
    header = ["Document name", "Status", "Grand total", "Date sent"]
    rows: list[list[object]] = [["Brightmoor - Okta 2026", "Completed", "250000.00", "2025-11-21"]] * 2
    book = load_book([write_csv(tmp_path / "pandadoc_documents_export.csv", rows=rows, header=header)])
    assert not any("pivot" in f.message for f in book.findings)
    pivot = [["Customer", "2025", "Grand Total"], ["Brightmoor", 1, 1], ["Grand Total", 1, 1]]
    book = load_book([write_sheets(tmp_path / "pivot.xlsx", {"Summary": pivot, "Data": CONTRACTS})])
    assert any("looks like a pivot table" in f.message for f in book.findings if f.source.sheet == "Summary")


def test_a_fiscal_year_before_the_term_columns_is_set_aside(tmp_path: Path) -> None:
    """A renewal book's 'FY27 Start | FY27 End' and 'FY 2027 Tier' are the term's columns, said in an info."""
    header = ["Customer", "Product", "FY 2027 Tier", "FY27 Start", "FY27 End"]
    rows: list[list[object]] = [["Kiwi Telecom", "Okta", "Premier", "2026-07-01", "2027-06-30"]]
    book = load_book([write_csv(tmp_path / "renewals.csv", rows=rows, header=header)])
    (contract,) = book.contracts
    assert (contract.program, contract.term_start, contract.term_end) == ("okta-premier", date(2026, 7, 1), date(2027, 6, 30))
    assert not [f for f in book.findings if f.severity >= Severity.WARNING and f.customer != "Kiwi Telecom"]
    infos = [f.message for f in book.findings if f.severity is Severity.INFO]
    assert any(m.startswith("Read 'FY27 Start' as Term start") for m in infos)


def test_side_by_side_fiscal_years_are_each_a_term_of_the_row(tmp_path: Path) -> None:
    header = ["Customer", "Product", "FY26 Tier", "FY26 Start", "FY26 End", "FY27 Tier", "FY27 Start", "FY27 End"]
    rows: list[list[object]] = [
        ["Blue Yonder Air", "Okta", "Premier", "2025-04-01", "2026-03-31", "Premier Plus", "2026-04-01", "2027-03-31"],
        ["Coho Winery", "Okta", "Premier Plus", "2025-02-01", "2026-01-31", "Premier Plus", "2026-02-01", "2027-01-31"],
    ]
    book = load_book([write_csv(tmp_path / "renewal_book.csv", rows=rows, header=header)])
    assert sorted((c.customer, c.program, c.term_start) for c in book.contracts) == [
        ("Blue Yonder Air", "okta-premier", date(2025, 4, 1)),
        ("Blue Yonder Air", "okta-premier-plus", date(2026, 4, 1)),
        ("Coho Winery", "okta-premier-plus", date(2025, 2, 1)),
        ("Coho Winery", "okta-premier-plus", date(2026, 2, 1)),
    ]
    assert not [f for f in book.findings if f.severity is Severity.WARNING and not f.customer]


def test_fiscal_sets_keep_each_year_s_label_and_columns() -> None:
    """The sets are data (label as written, year, field -> column), not labels parsed back from a sentence."""
    headers = {0: "Customer", 1: "Notes", 2: "FY26 Tier", 3: "FY26 Start", 4: "FY 2027 Tier", 5: "FY 2027 Start"}
    sets = fiscal_sets(headers, {"customer": 0, "program": 4, "term_start": 5})
    assert [(s.label, s.year, s.columns, s.read) for s in sets] == [
        ("FY26", 2026, {"program": 2, "term_start": 3}, False),
        ("FY 2027", 2027, {"program": 4, "term_start": 5}, True),
    ]
    # read from two years (a length column taken by its cells): each year's columns still make that year's set
    mixed = fiscal_sets(headers, {"customer": 0, "program": 2, "term_start": 5})
    assert [(s.label, s.columns, s.read) for s in mixed] == [
        ("FY26", {"program": 2, "term_start": 3}, False),
        ("FY 2027", {"program": 4, "term_start": 5}, False),
    ]
    assert fiscal_sets({0: "FY27 Tier", 1: "FY27 Start"}, {"program": 0, "term_start": 1}) == []


def test_explorer_map_writes_a_fiscal_year_start_as_the_term_start(tmp_path: Path) -> None:
    header = ["Customer", "Product", "Tier", "FY27 Start", "FY27 End"]
    rows: list[list[object]] = [["Kiwi Telecom", "Okta", "Premier", "2026-07-01", "2027-06-30"]]
    path = write_csv(tmp_path / "renewals.csv", rows=rows, header=header)
    out = tmp_path / "map.toml"
    assert main(["map", str(path), "-o", str(out)]) == 0
    columns = tomllib.loads(out.read_text(encoding="utf-8"))["mapping"][0]["columns"]
    assert (columns["term_start"], columns["term_end"]) == ("FY27 Start", "FY27 End")


def test_a_catalyst_segment_of_tiers_is_named_where_no_column_is_the_tier(tmp_path: Path) -> None:
    header = ["Account Name", "Domain", "Product", "Segment", "Lifecycle Stage", "Contract Start", "Contract End"]
    rows: list[list[object]] = [
        ["Harbor Lane Logistics", "harborlane.test", "Okta", "Premier Plus", "Adoption", "2026-03-01", "2027-02-28"],
        ["Quillfeather Media", "quillfeather.test", "Okta", "Premier", "Onboarding", "2026-05-01", "2027-04-30"],
    ]
    book = load_book([write_csv(tmp_path / "catalyst_accounts_export.csv", rows=rows, header=header)])
    named = [f.message for f in book.findings if f.severity is Severity.WARNING and "'Segment'" in f.message]
    assert len(named) == 1
    assert named[0].startswith("Column 'Segment' holds a tier of the row's product in every filled cell")
    assert "choose it as Tier" in named[0]
    assert not any("'Lifecycle Stage'" in f.message or "'Domain' holds" in f.message for f in book.findings)
