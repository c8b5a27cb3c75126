"""A help desk's spelling of a customer ("Contoso, Ltd.") matched to the contract's (Contoso Ltd), and only then."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explorer.app.findings import term_findings
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.spelling import loose_name
from explorer.model import Severity

from ..files import write_csv

CONTRACTS = [
    ["Contoso Ltd", "Okta", "Premier", "2026-01-01", "2026-12-31"],
    ["Northwind Traders", "Okta", "Premier", "2026-01-01", "2026-12-31"],
    ["Globex", "Okta", "Premier", "2026-01-01", "2026-12-31"],
    ["Globex GmbH", "Auth0", "Premier", "2026-01-01", "2026-12-31"],
]


@pytest.mark.parametrize(
    ("name", "loose"),
    [
        ("Contoso, Ltd.", "contoso"),
        ("Northwind Traders Inc", "northwind traders"),
        ("Müller & Söhne GmbH", "muller sohne"),
        ("Ltd", "ltd"),  # a name is never emptied
        ("Sony Kabushiki Kaisha", "sony"),
        ("Co-operative Bank", "co operative bank"),  # only trailing words are set aside
    ],
)
def test_loose_names(name: str, loose: str) -> None:
    assert loose_name(name, default_catalog().legal_suffixes) == loose


def test_a_case_customer_spelled_differently_matches_only_one_customer(tmp_path: Path) -> None:
    book_file = write_csv(tmp_path / "book.csv", header=["Customer", "Product", "Tier", "Start", "End"], rows=CONTRACTS)
    log = write_csv(
        tmp_path / "log.csv",
        header=["Ticket ID", "Organization", "Priority", "Product", "Created at", "First reply at"],
        rows=[
            [str(i), org, "urgent", "Okta", "2026-11-02 08:00:00", "2026-11-02 08:30:00"]
            for i, org in enumerate(["CONTOSO LTD", "Contoso, Ltd.", "Northwind Traders Ltd.", "Globex AG", "Initech"], 1)
        ],
    )
    book = load_book([book_file], case_files=[log])
    assert book.cases is not None
    # capitals were matched before; punctuation and a suffix now; Globex AG could be Globex or Globex GmbH: not
    # guessed; Initech names no customer at all
    assert book.cases["customer"].tolist() == ["CONTOSO LTD", "Contoso Ltd", "Northwind Traders", "Globex AG", "Initech"]
    (said,) = [f for f in book.findings if "differs only in" in f.message]
    assert said.severity is Severity.INFO and said.source.file.endswith("log.csv")
    assert said.message == (
        "2 cases matched to a customer whose name differs only in punctuation, accents or a legal suffix: "
        "'Contoso, Ltd.' as Contoso Ltd, 'Northwind Traders Ltd.' as Northwind Traders."
    )


def test_a_contacts_tables_customer_spelled_differently_matches_only_one_customer(tmp_path: Path) -> None:
    """A contacts list kept apart from the CRM (tryout 3, b07): a dot, a comma, a legal suffix or accents apart, its
    contacts count against the contract's limit and region; a name that could be two customers is not guessed."""
    header = ["Customer", "Product", "Tier", "MCSE", "Start", "End", "Region"]
    term = ["Okta", "Premier Plus", "50%", "2026-01-01", "2026-12-31"]
    book_file = write_csv(
        tmp_path / "book.csv",
        header=header,
        rows=[
            ["Acme Corp.", *term, "EMEA"],
            ["Fabrikam Inc", *term, "AMER"],
            ["Société Générale Assurances", *term, "EMEA"],
            ["Globex", *term, "EMEA"],
            ["Globex GmbH", *term, "EMEA"],
        ],
    )
    people = [
        *(("Acme Corp", f"a{i}@acme.test", "EMEA") for i in range(3)),
        *(("ACME Corporation", f"b{i}@acme.test", "EMEA") for i in range(3)),
        ("Fabrikam, Inc.", "raj@fabrikam.test", "APAC"),
        ("Societe Generale Assurances", "jean@sga.test", "EMEA"),
        ("Globex AG", "g@globex.test", "EMEA"),
    ]
    contacts = write_csv(
        tmp_path / "contacts.csv",
        header=["Customer", "Name", "Email", "Region"],
        rows=[[customer, email.split("@")[0], email, region] for customer, email, region in people],
    )
    book = load_book([book_file, contacts])
    assert [c.customer for c in book.contacts] == [
        *["Acme Corp."] * 6,
        "Fabrikam Inc",
        "Société Générale Assurances",
        "Globex AG",
    ]
    (said,) = [f for f in book.findings if "differs only in" in f.message]
    assert said.severity is Severity.INFO and said.source.file.endswith("contacts.csv")
    assert said.message == (
        "8 named contacts matched to a customer whose name differs only in punctuation, accents or a legal suffix: "
        "'Acme Corp' as Acme Corp., 'ACME Corporation' as Acme Corp., 'Fabrikam, Inc.' as Fabrikam Inc, "
        "'Societe Generale Assurances' as Société Générale Assurances."
    )
    orphans = [f.message for f in book.findings if "has no contract" in f.message]
    assert orphans == ["Contact g: customer 'Globex AG' has no contract."]
    limits = [f"{f.customer}: {f.message}" for f in term_findings(book, default_catalog(), date(2026, 12, 7))]
    assert limits == [
        "Acme Corp.: 6 named contacts, but 50% Dedicated MCSE allows 5.",
        "Fabrikam Inc: Named contact raj is in APAC, outside the MCSE's region AMER; Mission Critical Support (MCSE) "
        "serves its own region.",
    ]


def test_a_case_customer_written_without_its_accents_matches(tmp_path: Path) -> None:
    book_file = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[["Société Générale Assurances", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )
    log = write_csv(
        tmp_path / "log.csv",
        header=["Ticket ID", "Organization", "Priority", "Product", "Created at", "First reply at"],
        rows=[["1", "Societe Generale Assurances", "urgent", "Okta", "2026-11-02 08:00:00", "2026-11-02 08:30:00"]],
    )
    book = load_book([book_file], case_files=[log])
    assert book.cases is not None
    assert book.cases["customer"].tolist() == ["Société Générale Assurances"]
