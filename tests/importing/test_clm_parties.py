"""Contract books and case logs of tools whose 'customer' is spelled otherwise (tryout 13): a CLM's counterparty and
its document names, Recurly's subscriptions, a help desk whose customers are people."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.headers import column_kinds, recognise
from explorer.importing.mapper import proposed_mappings
from explorer.model import Severity

from ..files import write_csv, write_sheets

DOCUSIGN = ["Name", "Path", "Agreement Type", "Counterparty Name", "Effective Date", "Expiration Date"]
DOCUSIGN += ["Contract Status", "Product Line", "Support Level"]
DOCUSIGN_ROWS: list[list[object]] = [
    ["Juniper Ridge Bank - Okta Order Form.pdf", "/Agreements/Juniper Ridge Bank/", "Order Form", "Juniper Ridge Bank"]
    + ["2/15/2026 12:00:00 AM", "2/14/2027 12:00:00 AM", "Executed", "Okta", "Premier Plus"],
    ["Juniper Ridge Bank - Auth0 Order Form.pdf", "/Agreements/Juniper Ridge Bank/", "Order Form", "Juniper Ridge Bank"]
    + ["2/15/2026 12:00:00 AM", "2/14/2027 12:00:00 AM", "Executed", "Auth0", "Enterprise"],
    ["Solent Marine OAG Order.pdf", "/Agreements/Solent Marine/", "Order Form", "Solent Marine Ltd"]
    + ["10/1/2026 12:00:00 AM", "9/30/2027 12:00:00 AM", "Executed", "Okta Access Gateway", "Premier"],
]


def _errors(book) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in book.findings if f.severity is Severity.ERROR]


def test_a_clm_counterparty_is_the_customer_and_a_document_name_never_is(tmp_path: Path) -> None:
    """Tryout 13, defect 1: DocuSign CLM's 'Name' (the document's file name) was read as the customer, one bank split
    into two customers each named by a PDF, and 'Counterparty Name' kept. The counterparty is the customer; a column
    of file names is never read as the customer, not even as a title column where no other column names one."""
    book = load_book([write_csv(tmp_path / "docusign.csv", header=DOCUSIGN, rows=DOCUSIGN_ROWS)])
    assert [(c.customer, c.product) for c in book.contracts] == [
        ("Juniper Ridge Bank", "okta"),
        ("Juniper Ridge Bank", "auth0"),
        ("Solent Marine Ltd", "okta-access-gateway"),
    ]
    assert not [f for f in book.findings if "Read 'Name' as Customer" in f.message]
    assert not _errors(book)

    header = [h for h in DOCUSIGN if h != "Counterparty Name"]
    rows = [[v for h, v in zip(DOCUSIGN, r, strict=True) if h != "Counterparty Name"] for r in DOCUSIGN_ROWS]
    nameless = load_book([write_csv(tmp_path / "nameless.csv", header=header, rows=rows)])
    assert not [c for c in nameless.contracts if c.customer.endswith(".pdf")]
    assert not [f for f in nameless.findings if "Read 'Name' as Customer" in f.message]


def test_counterparty_spellings_name_the_customer_and_its_region_is_no_country(tmp_path: Path) -> None:
    """Tryout 13, defect 2: Ironclad's and ContractWorks' files were refused whole ('needs customer'), and map guessed
    'Counterparty Region' (AMER, EMEA) as the Country. 'Counterparty' and 'Counterparty Name' are the customer, the
    counterparty's Region and Time Zone read as the customer's, and a column of sales regions is offered as no Country."""
    header = ["Record ID", "Record Name", "Counterparty Name", "Effective Date", "Expiration Date", "Status"]
    header += ["Product (Custom)", "Support Tier (Custom)", "Counterparty Region", "Counterparty Time Zone"]
    rows: list[list[object]] = [
        ["IC-1041", "Larkspur Analytics - Order Form #3", "Larkspur Analytics", datetime(2026, 2, 1), datetime(2027, 1, 31)]
        + ["Active", "Okta", "Premier Plus", "AMER", "America/Chicago"],
        ["IC-1055", "Quillfeather Media Okta Subscription", "Quillfeather Media Ltd", datetime(2026, 4, 15)]
        + [datetime(2027, 4, 14), "Active", "Okta", "Basic", "EMEA", "Europe/London"],
    ]
    ironclad = write_sheets(tmp_path / "ironclad.xlsx", {"Records": [header, *rows]})
    book = load_book([ironclad])
    assert [(c.customer, c.region, c.time_zone) for c in book.contracts] == [
        ("Larkspur Analytics", "AMER", "America/Chicago"),
        ("Quillfeather Media Ltd", "EMEA", "Europe/London"),
    ]
    assert not _errors(book)
    text, _ = proposed_mappings([str(ironclad)], [], default_catalog())
    assert 'customer = "Counterparty Name"' in text and 'region = "Counterparty Region"' in text
    assert "country =" not in text

    works = ["Document Name", "Counterparty", "Effective Date", "Expiration Date", "Product", "Support Tier"]
    row: list[object] = ["SocGen Fintech – Okta OF.pdf", "Société Générale Fintech", "03/01/2026", "02/28/2027", "Okta"]
    contractworks = load_book([write_csv(tmp_path / "cw.csv", "cp1252", header=works, rows=[[*row, "Premier"]])])
    assert [c.customer for c in contractworks.contracts] == ["Société Générale Fintech"]

    catalog = default_catalog()
    spec = catalog.tables["contracts"]
    headers = {0: "Customer", 1: "Product", 2: "Start", 3: "End", 4: "Countries Region"}
    sample = [["A", "Okta", "2026-01-01", "2026-12-31", "EMEA"], ["B", "Okta", "2026-01-01", "2026-12-31", "AMER"]]
    found = recognise(spec, headers, column_kinds(sample, list(headers), catalog.flag_words, catalog), catalog)
    assert "country" not in found.columns and "country" not in found.suggestions


RECURLY = ["account_code", "account_email", "account_company_name", "subscription_uuid", "subscription_state"]
RECURLY += ["plan_code", "plan_name", "subscription_activated_at", "subscription_current_period_started_at"]
RECURLY += ["subscription_current_period_ends_at", "subscription_canceled_at", "subscription_expires_at"]
RECURLY_ROWS: list[list[object]] = [
    ["wrenfield", "it@wrenfield.test", "Wrenfield Studios", "5f8a", "active", "okta-pp-annual"]
    + ["Okta Premier Plus Support - Annual", "2026-05-20 15:04:11 UTC", "2026-05-20 15:04:11 UTC"]
    + ["2027-05-20 15:04:11 UTC", "", ""],
    ["wrenfield", "it@wrenfield.test", "Wrenfield Studios", "5f8b", "active", "okta-cse-annual"]
    + ["Dedicated CSE Add-On - Annual", "2026-05-20 15:04:11 UTC", "2026-05-20 15:04:11 UTC"]
    + ["2027-05-20 15:04:11 UTC", "", ""],
    ["brackenbury", "ap@brackenbury.test", "Brackenbury Foods", "6a7b", "canceled", "okta-premier-annual"]
    + ["Okta Premier Support - Annual", "2025-02-01 09:00:00 UTC", "2026-02-01 09:00:00 UTC"]
    + ["2027-02-01 09:00:00 UTC", "2026-06-10 11:22:33 UTC", "2027-02-01 09:00:00 UTC"],
    ["marisol", "it@marisol.test", "Marisol Travel", "7b8c", "expired", "auth0-ent-annual"]
    + ["Auth0 Enterprise Support (Annual)", "2025-03-15 08:00:00 UTC", "2025-03-15 08:00:00 UTC"]
    + ["2026-03-15 08:00:00 UTC", "2026-01-10 10:00:00 UTC", "2026-03-15 08:00:00 UTC"],
]


def test_a_recurly_export_reads_its_plan_as_the_line_item_and_its_state_as_the_status(tmp_path: Path) -> None:
    """Tryout 13, defect 9: Recurly's export was refused ('needs product'), and map guessed 'subscription_state'
    (active, canceled, expired) as the State/Province and 'subscription_canceled_at' as the term end. The current
    period is the term, the plan name its product and tier (the CSE add-on's line folding onto its account's Premier
    Plus), the state its status; a canceled subscription runs to its expires_at, the term's end."""
    book = load_book([write_csv(tmp_path / "recurly.csv", header=RECURLY, rows=RECURLY_ROWS)])
    got = [(c.customer, c.program, c.term_start, c.term_end, dict(c.addons), c.ended_on, c.subdivision) for c in book.contracts]
    assert sorted(got, key=lambda g: g[0]) == [
        ("Brackenbury Foods", "okta-premier", date(2026, 2, 1), date(2027, 1, 31), {}, None, ""),
        ("Marisol Travel", "auth0-enterprise", date(2025, 3, 15), date(2026, 3, 14), {}, None, ""),
        ("Wrenfield Studios", "okta-premier-plus", date(2026, 5, 20), date(2027, 5, 19), {"cse": None}, None, ""),
    ]
    assert not _errors(book)
    assert not [f for f in book.findings if "This table has no product column" in f.message]
    text, _ = proposed_mappings([str(tmp_path / "recurly.csv")], [], default_catalog())
    assert "subdivision =" not in text and 'term_end = "subscription_current_period_ends_at"' in text

    # Recurly's own headers, unprefixed: 'state' is the status, never a State/Province
    plain = ["account_code", "company_name", "state", "plan_code", "plan_name", "current_term_started_at"]
    plain += ["current_term_ends_at", "canceled_at", "expires_at"]
    rows = [[r[0], r[2], r[4], r[5], r[6], r[8], r[9], r[10], r[11]] for r in RECURLY_ROWS]
    again = load_book([write_csv(tmp_path / "recurly_plain.csv", header=plain, rows=rows)])
    assert sorted((c.customer, c.program, c.term_end, c.subdivision) for c in again.contracts) == [
        ("Brackenbury Foods", "okta-premier", date(2027, 1, 31), ""),
        ("Marisol Travel", "auth0-enterprise", date(2026, 3, 14), ""),
        ("Wrenfield Studios", "okta-premier-plus", date(2027, 5, 19), ""),
    ]
    assert not _errors(again)


def test_a_case_log_naming_people_is_matched_by_its_requesters_email_domain(tmp_path: Path) -> None:
    """Tryout 13, defect 13: Gorgias's customers are people ('Customer name' Mara Voss), so every case was 'no contract
    for Mara Voss'. Where none of a log's names is a customer of the book, each case is matched by its requester's
    email (here the domain the billing export's customers.email holds), said in an info finding; a case whose email
    finds no customer is warned of by its email."""
    header = ["subscriptions.id", "customers.company", "customers.email", "Plan Name", "subscriptions.status"]
    header += ["subscriptions.current_term_start", "subscriptions.current_term_end"]
    rows: list[list[object]] = [
        ["A1", "Hollowbrook Retail", "it-admin@hollowbrook.test", "Okta Premier Support - Annual", "active"]
        + ["2026-03-01 10:22:05", "2027-03-01 10:22:05"],
        ["A4", "Kestrel Bank AG", "cloud@kestrel.test", "Okta Basic Support - Monthly", "active"]
        + ["2026-12-01 00:00:00", "2027-01-01 00:00:00"],
    ]
    contracts = write_csv(tmp_path / "chargebee.csv", header=header, rows=rows)
    log_header = ["Ticket ID", "Priority", "Customer name", "Customer email", "Product", "Created date"]
    log_header += ["First response date"]
    log_rows: list[list[object]] = [
        ["88120041", "critical", "Mara Voss", "mara@hollowbrook.test", "Okta", "2026-11-10T03:00:00.000Z"]
        + ["2026-11-10T03:55:00.000Z"],
        ["88120046", "critical", "Lena Hoff", "lena@kestrel.test", "Okta", "2026-12-07T07:00:00.000Z"]
        + ["2026-12-07T11:45:00.000Z"],
        ["88120047", "low", "random person", "someone@gmail.com", "Okta", "2026-12-02T10:00:00.000Z", ""],
    ]
    log = write_csv(tmp_path / "gorgias.csv", header=log_header, rows=log_rows)
    book = load_book([contracts], [log])
    assert book.cases is not None
    assert list(book.cases.sort_values("case_id")["customer"]) == ["Hollowbrook Retail", "Kestrel Bank AG", ""]
    said = [f.message for f in book.findings if f.message.startswith("Column 'Customer name' names people")]
    assert len(said) == 1 and "'Customer email'" in said[0] and "2 of 3 matched" in said[0]

    # a log naming companies of the book is read by its names, as before
    named = [[r[0], r[1], "Kestrel Bank AG", *r[3:]] for r in log_rows]
    kept = load_book([contracts], [write_csv(tmp_path / "named.csv", header=log_header, rows=named)])
    assert kept.cases is not None and set(kept.cases["customer"]) == {"Kestrel Bank AG"}
    assert not [f for f in kept.findings if "names people" in f.message]
