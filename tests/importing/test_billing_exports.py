"""Subscription and order exports of billing and finance tools (tryout 7): Zuora, Stripe, SAP, Oracle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv, write_sheets

PLUS = "Okta Premier Plus Support (12 months)"
MCSE = "Mission Critical Support - 50% Dedicated MCSE"


def test_zuora_rate_plan_is_the_line_item_and_a_draft_is_not_signed(tmp_path: Path) -> None:
    """Zuora's Data Source export: 'Product: Name' is a product family ('Okta Support Programs', every row an error),
    'Rate Plan: Name' the line item (never read). Tyrell's Draft Premier Plus and its Active Premier Access were merged
    as one term 'read once'; the draft is not signed, and a Renewal Status of Draft is the next term's."""
    header = ["Account: Name", "Subscription: Status", "Product: Name", "Rate Plan: Name", "Term Start Date", "Term End Date"]
    rows = [
        ["Acme Corp", "Active", "Okta Support Programs", PLUS, "2026-01-15", "2027-01-14"],
        ["Acme Corp", "Active", "Okta Support Add-Ons", MCSE, "2026-01-15", "2027-01-14"],
        ["Globex", "Active", "Auth0 Support", "Auth0 Premier Support", "2026-02-01", "2027-01-31"],
        ["Tyrell", "Draft", "Okta Support Programs", "Okta Premier Plus Support", "2026-07-01", "2027-06-30"],
        ["Tyrell", "Active", "Okta Support Programs", "Okta Premier Access Support", "2026-07-01", "2027-06-30"],
    ]
    loaded = load_book([write_csv(tmp_path / "zuora.csv", header=header, rows=rows)])
    assert [(c.customer, c.product, c.program, dict(c.addons), c.never_ran) for c in loaded.contracts] == [
        ("Acme Corp", "okta", "okta-premier-plus", {"mcse": "50"}, False),
        ("Globex", "auth0", "auth0-premier", {}, False),
        ("Tyrell", "okta", "okta-premier-plus", {}, True),
        ("Tyrell", "okta", "okta-premier-access", {}, False),
    ]
    assert not [f for f in loaded.findings if f.severity is Severity.ERROR]
    said = [f.message for f in loaded.findings if f.message.startswith("Read 'Rate Plan: Name' as Product")]
    assert said and "'Product: Name' names no product of the catalog ('Okta Support Programs') and is kept" in said[0]
    assert not [f for f in loaded.findings if "read once" in f.message or "Read 'Product: Name'" in f.message]

    header = ["Customer", "Product", "Tier", "Start", "End", "Renewal Status"]
    rows = [["Acme", "Okta", "Premier", "2026-01-15", "2027-01-14", "Draft"]]
    renewal = load_book([write_csv(tmp_path / "tracker.csv", header=header, rows=rows)])
    assert [c.never_ran for c in renewal.contracts] == [False]


def test_zuora_object_prefixed_headers_read_the_field_after_the_colon(tmp_path: Path) -> None:
    """Tryout 11: Zuora's data sources head every column 'Object: Field'. 'Subscription: Term Start Date' was a fuzzy
    guess, and 'Subscription: Cancelled Date' and 'Account: Account Number' were only kept: the cancelled term ran to
    its contracted end. The object's name is set aside where the rest is a known field; 'Term: months' (a whole
    header naming a field) keeps its colon."""
    header = ["Account: Name", "Account: Account Number", "Product: Name", "Rate Plan: Name"]
    header += ["Subscription: Term Start Date", "Subscription: Term End Date", "Subscription: Cancelled Date"]
    rows = [
        ["Acme Corp", "A-1", "Okta Support Programs", PLUS, "2026-01-15", "2027-01-14", ""],
        ["Acme Inc", "A-1", "Auth0 Support", "Auth0 Premier Support", "2026-02-01", "2027-01-31", ""],
        ["Initech", "A-3", "Okta Support Programs", PLUS, "2026-03-01", "2027-02-28", "2026-08-31"],
    ]
    loaded = load_book([write_csv(tmp_path / "zuora.csv", header=header, rows=rows)])
    assert [(c.customer, c.term_start, c.term_end, c.ended_on) for c in loaded.contracts] == [
        ("Acme Corp", date(2026, 1, 15), date(2027, 1, 14), None),
        ("Acme Inc", date(2026, 2, 1), date(2027, 1, 31), None),
        ("Initech", date(2026, 3, 1), date(2027, 2, 28), date(2026, 8, 31)),
    ]
    assert not [f for f in loaded.findings if "close spelling" in f.message]
    kept = next(f.message for f in loaded.findings if "kept as they are" in f.message)
    assert "'Account: Account Number' (the account id" in kept and "'Subscription: Cancelled Date' is read" in kept
    assert any("share the account id A-1" in f.message for f in loaded.findings)

    header = ["Customer", "Product", "Tier", "Start", "Term: months"]
    loaded = load_book(
        [write_csv(tmp_path / "months.csv", header=header, rows=[["Acme", "Okta", "Premier", "2026-01-01", "12"]])]
    )
    assert [c.term_end for c in loaded.contracts] == [date(2026, 12, 31)]


def test_stripe_price_ids_are_no_tier_beside_a_product_naming_its_tier(tmp_path: Path) -> None:
    """Stripe's 'Plan' holds price ids and its 'Product' the catalog's line names: the ids were read as the tier
    (an error on every row); the tier is read from the product."""
    header = ["Customer Name", "Plan", "Product", "Start (UTC)", "End (UTC)"]
    rows = [
        ["Acme Corp", "price_1PqOktaPPlus", PLUS, "2026-01-15", "2027-01-14"],
        ["Acme Corp", "price_1PqOktaCSE", "Dedicated CSE Add-On", "2026-01-15", "2027-01-14"],
        ["Globex", "price_1PqAuth0Prem", "Auth0 Premier Support", "2026-02-01", "2027-01-31"],
    ]
    loaded = load_book([write_csv(tmp_path / "stripe.csv", header=header, rows=rows)])
    assert [(c.customer, c.program, dict(c.addons)) for c in loaded.contracts] == [
        ("Acme Corp", "okta-premier-plus", {"cse": None}),
        ("Globex", "auth0-premier", {}),
    ]
    assert not [f for f in loaded.findings if f.severity is Severity.ERROR]
    said = next(f.message for f in loaded.findings if f.message.startswith("'Plan' is not read as the tier"))
    assert "('price_1PqOktaPPlus')" in said
    # a tier column that holds tiers still decides: 'Premier' beside a product naming Premier Plus is Premier
    rows = [["Acme Corp", "Premier", PLUS, "2026-01-15", "2027-01-14"]]
    kept = load_book([write_csv(tmp_path / "tiers.csv", header=header, rows=rows)])
    assert [c.program for c in kept.contracts] == ["okta-premier"]
    assert date(2026, 1, 15) == kept.contracts[0].term_start


def test_sap_alv_totals_row_of_marks_and_a_sum_is_no_customer(tmp_path: Path) -> None:
    """SAP's ALV grid exports its totals row as '*' in the first column and the sum (with its currency) under the
    amount: it became a customer '(no customer name…)' with four errors. A '*' beside a name is still a record."""
    header = ["Verkaufsbeleg", "Kunde", "Produkt", "Gültig ab", "Gültig bis", "Nettowert", "Währung"]
    rows: list[list[object]] = [
        ["40000102", "Globex GmbH", "Auth0 Premier Support", "01.02.2026", "31.01.2027", "45.000,00", "EUR"],
        ["*", "Wayne Logistics", "Auth0 Enterprise Support", "15.08.2026", "14.08.2027", "18.000,00", "GBP"],
        ["*", None, None, None, None, "63.000,00", "EUR"],
        ["**", None, None, None, None, "63.000,00", None],
        ["Σ", None, None, None, None, "63.000,00", None],
    ]
    loaded = load_book([write_sheets(tmp_path / "va45.xlsx", {"Sheet1": [header, *rows]})])
    assert [c.customer for c in loaded.contracts] == ["Globex GmbH", "Wayne Logistics"]
    assert not [f for f in loaded.findings if f.severity is Severity.ERROR]
    totals = [f.message for f in loaded.findings if "is a totals line" in f.message]
    assert totals == [
        "Row 4 is a totals line ('* | 63.000,00 | EUR'); it is not read as a record.",
        "Row 5 is a totals line ('** | 63.000,00'); it is not read as a record.",
        "Row 6 is a totals line ('Σ | 63.000,00'); it is not read as a record.",
    ]


def test_oracle_sap_and_stripe_headers_and_a_length_note_in_german(tmp_path: Path) -> None:
    """Tryout 7's header gaps: Oracle's French 'Description de l'article' and 'Date de début/fin du service', SAP's
    'Name des Auftraggebers' and 'Bezeichnung' with '(12 Monate)', Stripe's 'Current Period End (UTC)'."""
    header = ["Client", "Article", "Description de l'article", "Date de début du service", "Date de fin du service"]
    rows = [["Lefèvre", "OKTA-BASIC", "Okta Basic Support (12 mois)", "01/04/2026", "31/03/2027"]]
    oracle = load_book([write_csv(tmp_path / "oracle.csv", header=header, rows=rows)])
    header = ["Auftraggeber", "Name des Auftraggebers", "Bezeichnung", "Gültig ab", "Gültig bis"]
    rows = [["100101", "Acme Corp", "Okta Premier Plus Support (12 Monate)", "15.01.2026", "14.01.2027"]]
    sap = load_book([write_csv(tmp_path / "sap.csv", header=header, rows=rows)])
    header = ["Customer Name", "Product", "Start (UTC)", "Current Period End (UTC)"]
    rows = [["Globex", "Auth0 Premier Support", "2026-02-01 00:00", "2027-01-31 00:00"]]
    stripe = load_book([write_csv(tmp_path / "stripe.csv", header=header, rows=rows)])
    assert [(c.customer, c.program, c.term_start, c.term_end) for c in oracle.contracts + sap.contracts + stripe.contracts] == [
        ("Lefèvre", "okta-basic", date(2026, 4, 1), date(2027, 3, 31)),
        ("Acme Corp", "okta-premier-plus", date(2026, 1, 15), date(2027, 1, 14)),
        ("Globex", "auth0-premier", date(2026, 2, 1), date(2027, 1, 31)),
    ]
    assert not [f for f in oracle.findings + sap.findings + stripe.findings if f.severity is Severity.ERROR]


def test_a_chargebee_export_is_named_a_contracts_table_and_its_headers_are_quoted_whole(tmp_path: Path) -> None:
    # It was 'closest to a cases table, which needs opened', its header list cut inside 'subscriptions.cancel'.
    header = [
        "subscriptions.id",
        "subscriptions.customer_id",
        "customers.company",
        "customers.email",
        "subscriptions.status",
        "subscription_items.item_price_id",
        "subscription_items.item_type",
        "subscriptions.started_at",
        "subscriptions.current_term_start",
        "subscriptions.current_term_end",
        "subscriptions.cancelled_at",
        "subscriptions.billing_period",
        "subscriptions.billing_period_unit",
    ]
    row = ["AzZj5", "cus_acme", "Acme Corp", "it@acme.example", "active", "okta-premier-plus-support-USD-Yearly", "plan"]
    row += ["2026-01-15 00:00:00", "2026-01-15 00:00:00", "2027-01-15 00:00:00", "", "1", "year"]
    loaded = load_book([write_csv(tmp_path / "chargebee.csv", header=header, rows=[row])])
    (said,) = [f.message for f in loaded.findings if f.severity is Severity.ERROR]
    assert "closest to a contracts table, which needs product" in said
    assert "'subscriptions.current_term_end' and 3 more: closest to" in said  # whole headers, then how many more
