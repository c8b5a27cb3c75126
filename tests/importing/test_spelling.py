"""A help desk's spelling of a customer ("Contoso, Ltd.") matched to the contract's (Contoso Ltd), and only then."""

from __future__ import annotations

from pathlib import Path

import pytest

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
        ("Müller & Söhne GmbH", "müller söhne"),
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
        "2 cases matched to a customer whose name differs only in punctuation or a legal suffix: "
        "'Contoso, Ltd.' as Contoso Ltd, 'Northwind Traders Ltd.' as Northwind Traders."
    )
