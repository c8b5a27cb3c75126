"""The kept columns a rule reads by its header (add-ons, renewed to, renewal evidence, account id, owner, status)
under a CRM's API names (tryout 11): Salesforce's 'Account_ID__c', CPQ's 'SBQQ__RenewedContract__c', Data Loader's
'OWNER_NAME'. Each rule compares the header's normalised forms, as the main header matcher does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.app.session import open_session
from explorer.importing.book import load_book
from explorer.model import Severity, customer_key

from ..files import write_csv

BASE = ["SBQQ__Account__r.Name", "SBQQ__ProductName__c", "Support_Level__c", "SBQQ__StartDate__c", "SBQQ__EndDate__c"]


@pytest.mark.parametrize(
    ("account_id", "addons", "renewed_to", "renewal_of", "owner"),
    [
        ("Account_ID__c", "Add_Ons__c", "Renewed_To__c", "SBQQ__RenewedContract__c", "Owner.Name"),
        ("ACCOUNT_ID__C", "ADD_ONS__C", "RENEWED_TO__C", "SBQQ__RENEWEDCONTRACT__C", "OWNER_NAME"),
        ("AccountId", "Account: Add-ons", "Subscription: Renewed To", "Renewal_Of__c", "Account_Owner__c"),
    ],
)
def test_kept_columns_under_api_names_are_read(
    tmp_path: Path, account_id: str, addons: str, renewed_to: str, renewal_of: str, owner: str
) -> None:
    header = [*BASE, account_id, addons, renewed_to, renewal_of, owner]
    rows = [
        ["Acme Corp", "Okta", "Premier Plus", "2025-01-01", "2025-12-31", "001A", "Dedicated CSE", "2026-12-31", "", "Jo"],
        ["Acme Inc", "Auth0", "Premier", "2026-03-01", "2027-02-28", "001A", "", "", "", "Jo"],
        ["Globex", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "001G", "Dedicated CSE", "", "8000001", "Al"],
    ]
    path = write_csv(tmp_path / "cpq.csv", header=header, rows=rows)
    loaded = load_book([path])
    acme = [c for c in loaded.contracts if c.customer == "Acme Corp"]
    # the add-ons list, and the renewed-to date as one more term
    assert [(c.term_start, c.term_end, set(c.addons)) for c in acme] == [
        (date(2025, 1, 1), date(2025, 12, 31), {"cse"}),
        (date(2026, 1, 1), date(2026, 12, 31), {"cse"}),
    ]
    warned = [f.message for f in loaded.findings if f.severity is Severity.WARNING]
    assert any("share the account id 001A" in m for m in warned)
    # the renewal evidence: Globex's CSE would mobilize again from a term the book says renews an earlier one
    assert any(m.startswith(f"The row says it renews an earlier term ({renewal_of}: 8000001)") for m in warned)
    assert not any("Columns kept as they are" in f.message for f in loaded.findings)
    session = open_session([path], date(2026, 6, 1))
    sheet = session.sheet(customer_key("Globex"))
    assert sheet is not None and sheet.owner == "Al"
