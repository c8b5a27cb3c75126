"""An add-on that is itself a contract error (domain.md §7: on a contract that is not Okta Premier Plus) is held as no
purchase, with no limit, in every view; a renewal brief of a customer whose contracts have errors is a DRAFT like
the entitlement sheet, and an unknown tier's benefits are not asserted (new user round 5 #2)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from explorer.app import renewal
from explorer.app.session import Session, open_session
from explorer.app.sheet import TIER_UNKNOWN
from explorer.cli import main
from explorer.model import customer_key
from explorer.outputs.entitlement import sheet_html
from explorer.outputs.renewal import brief_html, header_text
from explorer.outputs.report.build import NOT_VALID, FindingsByRow, contract_rows
from explorer.paths import resource_path

AS_OF = date(2026, 12, 8)


@pytest.fixture(scope="module")
def sample() -> Session:
    return open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], AS_OF)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_an_addon_that_is_an_error_gives_no_purchase_limit_or_loss(sample: Session) -> None:
    sheet = sample.sheet(customer_key("Overreach Media"))  # Okta Premier with a CSE and a 50% MCSE: two errors
    assert sheet is not None
    (term,) = sheet.contracts
    assert [(a.label, a.valid, a.held_text()) for a in term.addons] == [
        ("Dedicated Customer Success Executive (CSE)", False, "✗ Not valid on Okta Premier (see Findings)"),
        ("50% Dedicated MCSE", False, "✗ Not valid on Okta Premier (see Findings)"),  # no "(5 named contacts)"
    ]
    assert all(a.available is None and a.renewal == "" for a in term.addons) and term.named_limit is None

    brief = renewal.brief_for(sample, sheet.key)
    assert brief is not None
    text = _text(brief_html(brief, chart=False))
    assert "named contacts)" not in text and "✓" not in text
    assert (
        "Dedicated Customer Success Executive (CSE) — not valid on Okta Premier (see Findings), "
        "50% Dedicated MCSE — not valid on Okta Premier (see Findings)" in text
    )
    assert "Would lose: Add-on" not in text  # an upgrade loses nothing the contract cannot hold
    assert all(not line.startswith("Add-on:") for c in brief.evidence for line in c.lost)

    page = _text(sheet_html(sheet))
    assert "Dedicated Customer Success Executive (CSE) (Okta) Not valid on Okta Premier (see Findings)" in page
    assert "50% Dedicated MCSE (Okta) Not valid on Okta Premier (see Findings)" in page
    assert "mobilization" not in page  # no stand-in until an availability it does not have

    columns = [a.column for a in sample.catalog.addons.values()]
    (row,) = contract_rows(sheet.contracts, FindingsByRow(sheet.findings), sample.catalog)
    first = 9  # Customer ... Public Holidays, then the add-on columns
    assert dict(zip(columns, row[first : first + len(columns)], strict=True)) == dict.fromkeys(columns, NOT_VALID)


def test_a_valid_addon_still_reads_purchased_with_its_limit(sample: Session) -> None:
    sheet = sample.sheet(customer_key("Birch Health"))
    assert sheet is not None
    held = [a for c in sheet.in_force for a in c.addons]
    assert held and all(a.valid and a.held_text() == "✓ Purchased" for a in held)
    assert any("named contacts)" in a.label for a in held)


def test_a_brief_with_contract_errors_is_a_draft_and_exits_1(
    sample: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "brief.pdf"
    args = ["brief", "--sample", "--as-of", "2026-12-08", "-o", str(out)]
    assert main([*args, "--customer", "Gilded Lily Hotels"]) == 1  # as `explorer sheet` for the same customer
    err = capsys.readouterr().err
    assert "explorer: Gilded Lily Hotels: marked DRAFT, the contract book has errors: Tier 'Premier Gold'" in err
    assert main([*args, "--customer", "Zephyr Logistics"]) == 0  # no errors: no DRAFT

    brief = renewal.brief_for(sample, customer_key("Gilded Lily Hotels"))
    assert brief is not None
    text = _text(brief_html(brief, chart=False))
    assert "DRAFT — not to be sent: the contract book has errors for this customer: Tier 'Premier Gold'" in text
    assert header_text(brief).startswith("DRAFT · Renewal brief")
    assert TIER_UNKNOWN in text and "only what every Okta program has" not in text
    clean = renewal.brief_for(sample, customer_key("Zephyr Logistics"))
    assert clean is not None and "DRAFT" not in brief_html(clean, chart=False) and "DRAFT" not in header_text(clean)
