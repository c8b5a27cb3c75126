"""Contract headers of more tools (tryout 14, renewal book 14): Affinity, SugarCRM, ClientSuccess, Catalyst, Paddle,
PandaDoc, and a renewal book's fiscal-year columns."""

from __future__ import annotations

from pathlib import Path

from explorer.importing.book import load_book

from ..files import write_csv


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
