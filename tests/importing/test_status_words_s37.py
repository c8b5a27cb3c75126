"""Session 37: a CRM's or CLM's words before signature, a Renewal Status that lost the renewal, rows with no readable
term, a --mapping file named, and a CLM repository's other agreements (tryout 14, renewals 14)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.app.session import mapping_lookup
from explorer.app.workspace import Workspace
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv, write_sheets


def _state(path: Path) -> tuple[dict[str, tuple[bool, date | None]], list[str]]:
    loaded = load_book([path])
    runs = {c.customer: (c.never_ran, c.ended_on) for c in loaded.contracts}
    return runs, [f"{f.severity.name} {f.column}: {f.message}" for f in loaded.findings]


def test_open_and_pre_signature_words_of_crms_and_clms_are_not_signed(tmp_path: Path) -> None:
    """Tryout 14 #1: Copper's Status Open (a deals table: Loss Reason), Close's status_type active, Insightly's
    Opportunity State OPEN and SUSPENDED, Juro's Signing, Agiloft's Out for Signature, SugarCRM's In Progress and
    inprogress, PandaDoc's Sent and Viewed were read as signed terms (Not started: "already booked")."""
    books = {
        "copper.csv": (
            [
                "Name",
                "Company",
                "Pipeline",
                "Stage",
                "Status",
                "Close Date",
                "Loss Reason",
                "Product",
                "Support Tier",
                "Contract Start Date",
                "Contract End Date",
            ],
            [
                [
                    "K upsell",
                    "K",
                    "Upsell",
                    "Negotiation",
                    "Open",
                    "01/15/2027",
                    "",
                    "Auth0",
                    "Premier",
                    "2027-01-01",
                    "2027-03-31",
                ]
            ],
        ),
        "close.csv": (
            [
                "lead_name",
                "custom.Product",
                "custom.Support Tier",
                "custom.Contract Start",
                "custom.Contract End",
                "status_label",
                "status_type",
            ],
            [["K", "Auth0", "Premier", "2027-01-01", "2027-03-31", "Contract Sent", "active"]],
        ),
        "insightly.csv": (
            ["Organization", "Product", "Support Tier", "Contract Start Date", "Contract End Date", "Opportunity State"],
            [
                ["N", "Okta", "Premier", "2027-01-01", "2027-12-31", "OPEN"],
                ["S", "Okta", "Premier", "2027-03-01", "2028-02-29", "SUSPENDED"],
            ],
        ),
        "juro.csv": (
            ["Counterparty", "Product", "Support tier", "Start date", "End date", "Status"],
            [["K", "Auth0", "Premier", "2027-01-01", "2027-03-31", "Signing"]],
        ),
        "agiloft.csv": (
            ["Company Name", "Product", "Support Level", "Contract Start Date", "Contract End Date", "Contract Status"],
            [["K", "Auth0", "Premier", "2027-01-01", "2027-03-31", "Out for Signature"]],
        ),
        "sugar.csv": (
            [
                "account_name",
                "Product",
                "Tier",
                "start_date",
                "end_date",
                "status",
                "customer_signed_date",
                "company_signed_date",
            ],
            [
                ["B", "Okta", "Premier Plus", "2026-12-20", "2027-12-19", "inprogress", "", ""],
                ["C", "Okta", "Premier Plus", "2026-12-20", "2027-12-19", "In Progress", "", ""],
            ],
        ),
        "pandadoc.csv": (
            [
                "Document name",
                "Customer",
                "Product",
                "Support tier",
                "Start date",
                "End date",
                "Status",
                "Date sent",
                "Date completed",
            ],
            [
                ["B 2027", "B", "Okta", "Premier Plus", "2026-12-20", "2027-12-19", "Viewed", "2026-11-03", ""],
                ["C 2027", "C", "Okta", "Premier Plus", "2026-12-20", "2027-12-19", "Sent", "2026-11-03", ""],
                ["D 2026", "D", "Okta", "Premier Plus", "2025-12-20", "2026-12-19", "Completed", "2025-11-21", "2025-12-12"],
            ],
        ),
    }
    for name, (header, rows) in books.items():
        runs, said = _state(write_csv(tmp_path / name, header=header, rows=rows))
        signed = {k for k, (never, _) in runs.items() if not never}
        assert signed == ({"D"} if name == "pandadoc.csv" else set()), (name, runs, said)
        warned = [s for s in said if s.startswith("WARNING") and "the deal is not signed" in s]
        assert len(warned) == len(rows) - (name == "pandadoc.csv"), (name, said)


@pytest.mark.parametrize(
    "kept",
    [
        [],
        ["Loss Reason"],
        ["Lost Reason"],
        ["Date sent"],
        ["Date completed"],
        ["Date sent", "Date completed"],
        ["Customer Signed Date", "Company Signed Date"],
        ["customer_signed_date"],
    ],
)
def test_the_same_words_in_a_hand_kept_tracker_change_nothing(tmp_path: Path, kept: list[str]) -> None:
    """Open, In Progress, InProgress and Sent in a plain Status of a table that is no export of deals or documents
    keep the term signed (a tracker's Open is a running term), and Close's 'active' is a running term in any other
    column. Review 37 #1 and #13: one column a deals or documents export has too (a Loss Reason, filled on a lost
    renewal's row; a Date sent; a signed date) made the tracker an export, and each Open term never ran."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Status", *kept]
    rows = [
        ["A", "Okta", "Premier", "2026-01-01", "2026-12-31", "Open"],
        ["B", "Okta", "Premier", "2026-01-01", "2026-12-31", "In Progress"],
        ["C", "Okta", "Premier", "2026-01-01", "2026-12-31", "Sent"],
        ["D", "Okta", "Premier", "2026-01-01", "2026-12-31", "active"],
        ["E", "Okta", "Premier", "2026-01-01", "2026-12-31", "InProgress"],
        ["F", "Okta", "Premier", "2026-01-01", "2026-12-31", "Signing complete"],
    ]
    filled = [
        [*r, *(["Price" if "Reason" in k else "2025-12-01" for k in kept] if r[0] == "A" else [""] * len(kept))] for r in rows
    ]
    runs, said = _state(write_csv(tmp_path / "tracker.csv", header=header, rows=filled))
    assert runs == {c: (False, None) for c in "ABCDEF"}, said
    assert not [s for s in said if "not signed" in s], said


def test_a_renewal_status_that_lost_the_renewal_keeps_the_running_term(tmp_path: Path) -> None:
    """Renewals 14 D1: Renewal Status 'Lost' made a running term Never ran, 'Churned' read it to its end and 'Did not
    renew' said nothing. Each now says the renewal was lost; the term runs to its contracted end. A plain Status
    keeps its reading: Lost on a renewal not started never ran."""
    book = write_sheets(
        tmp_path / "tracker.xlsx",
        {
            "Tracker": [
                ["Customer", "Product", "Tier", "Start", "End", "Renewal Status"],
                ["W", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), "Lost"],
                ["X", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), "Closed Lost"],
                ["Y", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), "Churned"],
                ["Z", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), "Did not renew"],
                ["V", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), "Not renewing"],
                ["U", "Okta", "Premier", date(2026, 1, 1), date(2026, 12, 31), "In negotiation"],
            ]
        },
    )
    loaded = load_book([book])
    assert {c.customer: (c.never_ran, c.ended_on) for c in loaded.contracts} == {k: (False, None) for k in "WXYZVU"}
    lost = [f for f in loaded.findings if f.column == "Renewal Status"]
    assert sorted(f.customer for f in lost) == sorted("WXYZV")
    assert all(f.severity is Severity.INFO for f in lost)
    assert next(f.message for f in lost if f.customer == "W") == (
        "Renewal Status 'Lost': the renewal was lost, so this term is not renewed; the column is about the next "
        "term, not this one, which is read to its contracted end (2026-12-31)."
    )
    plain = write_csv(
        tmp_path / "plain.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Status"],
        rows=[["L", "Okta", "Premier", "2027-01-01", "2027-12-31", "Lost"]],
    )
    assert _state(plain)[0] == {"L": (True, date(2026, 12, 31))}


def test_a_row_with_no_readable_term_overlaps_nothing(tmp_path: Path) -> None:
    """Renewals 14 D3: a renewal row whose dates are blank or unreadable was warned as a second row overlapping the
    one above; it runs on no day, and its missing-date errors say what is wrong."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[
            ["H", "Okta", "Premier", "2025-03-01", "2026-02-28"],
            ["H", "Okta", "Premier", "", ""],
            ["T", "Okta", "Premier", "Mar-25", "Feb-26"],
            ["T", "Okta", "Premier", "2026-03-01", "2027-02-28"],
        ],
    )
    _, said = _state(book)
    assert not [s for s in said if "overlaps" in s], said
    assert len([s for s in said if s.startswith("ERROR")]) == 4, said


def test_a_mapping_given_as_a_file_is_named_not_called_saved(tmp_path: Path) -> None:
    """Tryout 14 #12: 'Read by the saved column mapping' was said of a --mapping FILE (nothing saved)."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Kunde", "Produkt", "Stufe", "Beginn", "Ende"],
        rows=[["A", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )
    mapping = tmp_path / "my_map.toml"
    mapping.write_text(
        '[[mapping]]\nkind = "contracts"\nlayout = ["Kunde", "Produkt", "Stufe", "Beginn", "Ende"]\n'
        '[mapping.columns]\ncustomer = "Kunde"\nproduct = "Produkt"\nprogram = "Stufe"\nterm_start = "Beginn"\n'
        'term_end = "Ende"\n',
        encoding="utf-8",
    )
    catalog = default_catalog()
    lookup = mapping_lookup(Workspace(files=[str(book)], mappings=[str(mapping)]), catalog)
    loaded = load_book([book], catalog=catalog, saved=lookup)
    said = [f.message for f in loaded.findings if f.message.startswith("Read by")]
    assert said == ["Read by the column mapping in my_map.toml (5 columns)."], said


def test_a_clm_repositorys_other_agreements_are_set_aside(tmp_path: Path) -> None:
    """Tryout 14 #12: a LinkSquares repository's NDA (no product, no tier) was an error 'The product is missing'.
    Rows of an Agreement Type naming no order and no product or tier are set aside, one info a sheet; an order form
    with no product is still an error."""
    book = write_sheets(
        tmp_path / "linksquares.xlsx",
        {
            "Agreements": [
                ["Counterparty", "Agreement Type", "Effective Date", "Expiration Date", "Products", "Support Level"],
                ["T", "Order Form", date(2026, 2, 15), date(2027, 2, 14), "Auth0", "Premier"],
                ["T", "NDA", date(2025, 8, 1), date(2028, 7, 31), None, None],
                ["T", "Master Services Agreement", date(2025, 8, 1), date(2028, 7, 31), None, None],
                ["U", "Order Form", date(2026, 2, 15), date(2027, 2, 14), None, None],
            ]
        },
    )
    loaded = load_book([book])
    assert [(c.customer, c.product) for c in loaded.contracts if c.product] == [("T", "auth0")]
    aside = [f for f in loaded.findings if "other agreements" in f.message]
    assert [(f.severity, f.column, f.message) for f in aside] == [
        (
            Severity.INFO,
            "Agreement Type",
            "2 rows of other agreements (Agreement Type 'NDA', 'Master Services Agreement'; rows 3, 4) name no "
            "product and no tier: not support orders, so not read as contracts.",
        )
    ]
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    assert [(f.source.row, f.customer) for f in errors] == [(5, "U")], [f.message for f in errors]


def test_a_contract_type_naming_no_known_other_agreement_is_read_and_its_missing_product_an_error(tmp_path: Path) -> None:
    """Review 37 #3: a Contract Type naming no order (New Business, Upsell, Expansion) with a blank product was set
    aside as another agreement, its row dropped with an info note. Only a type naming a known other agreement (NDA,
    MSA, DPA, SOW...) and, outside it, no order is set aside; every other row is read and its missing product is an
    error, as in any table (an Amendment may be an order)."""
    book = write_csv(
        tmp_path / "clm.csv",
        header=["Customer", "Contract Type", "Product", "Tier", "Start", "End"],
        rows=[
            ["Acme", "New Business", "Okta", "Premier", "2026-01-01", "2026-12-31"],
            ["Beta", "Upsell", "", "", "2026-01-01", "2026-12-31"],
            ["Gamma", "Expansion", "", "", "2026-02-01", "2027-01-31"],
            ["Delta", "Amendment", "", "", "2026-02-01", "2027-01-31"],
            ["Eps", "Order Form under MSA", "", "", "2026-02-01", "2027-01-31"],
            ["Acme", "Mutual NDA", "", "", "2025-01-01", "2027-12-31"],
            ["Acme", "Master Subscription Agreement", "", "", "2025-01-01", "2027-12-31"],
            ["Acme", "Data Processing Addendum", "", "", "2025-01-01", "2027-12-31"],
            ["Acme", "Statement of Work", "", "", "2025-01-01", "2027-12-31"],
        ],
    )
    loaded = load_book([book])
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    assert [(f.source.row, f.customer, f.column) for f in errors] == [
        (3, "Beta", "Product"),
        (4, "Gamma", "Product"),
        (5, "Delta", "Product"),
        (6, "Eps", "Product"),
    ], [f.message for f in errors]
    aside = [f.message for f in loaded.findings if "other agreements" in f.message]
    assert aside == [
        "4 rows of other agreements (Contract Type 'Mutual NDA', 'Master Subscription Agreement', 'Data Processing "
        "Addendum', 'Statement of Work'; rows 7, 8, 9, 10) name no product and no tier: not support orders, so not "
        "read as contracts."
    ]
