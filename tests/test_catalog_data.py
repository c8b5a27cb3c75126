"""The rules are data: key-date roles and add-ons come from the catalog, not from names in code."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from explorer import rules
from explorer.app.findings import term_findings
from explorer.catalog import CatalogError, default_catalog, parse_catalog
from explorer.importing.book import load_book
from explorer.model import Contract
from explorer.outputs.report.build import build_report
from explorer.outputs.report.writer import write_report
from explorer.outputs.template import write_template

from .catalogs import catalog_data, with_renamed_events, with_third_addon
from .files import write_csv

AS_OF = date(2026, 11, 28)
HEADER = ["Customer", "Product", "Tier", "Start", "End", "Region", "Time Zone", "Country", "MCSE", "TAM"]
CONTACTS = [["Acme Corp", f"Person {i}", f"p{i}@acme.test", "EMEA", "yes"] for i in range(4)]


def test_every_key_date_has_a_role() -> None:
    roles = {rule.event: rule.role for rule in default_catalog().key_dates}
    assert roles == {
        "Term start": "term_start",
        "Success kickoff (earliest)": "kickoff_start",
        "Success kickoff (latest)": "kickoff_end",
        "CSE available": "addon_available",
        "MCSE available": "addon_available",
        "Add-on renewal request deadline": "action_deadline",
        "Term end": "term_end",
    }


def available(data: dict) -> dict:  # type: ignore[type-arg]
    return next(r for r in data["key_dates"] if r.get("role") == "addon_available")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["key_dates"][0].update(role="kick"), r"key_dates\[0\].role: expected one of term_start"),
        (lambda d: available(d).update(addon="any"), r"key_dates\[3\].role: an addon_available date names its add-on"),
        (
            lambda d: [d["tables"]["contracts"][part].pop("cse", None) for part in ("fields", "types")],
            "addons.cse: the contract table has no column for it",
        ),
    ],
)
def test_bad_roles_and_addons_are_rejected(edit, message: str) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(catalog_data())
    edit(data)
    with pytest.raises(CatalogError, match=message):
        parse_catalog(data)


def test_renamed_events_keep_their_roles() -> None:
    catalog = with_renamed_events()
    contract = Contract(
        "Acme", "okta", "okta-premier-plus", date(2026, 1, 15), date(2027, 1, 14), addons={"cse": None, "mcse": "50"}
    )
    by_role = {(k.role, k.addon): k.day for k in rules.key_dates(catalog, contract, AS_OF)}
    assert by_role == {
        ("term_start", ""): date(2026, 1, 15),
        ("kickoff_start", ""): date(2026, 1, 29),
        ("kickoff_end", ""): date(2026, 2, 5),
        ("addon_available", "cse"): date(2026, 4, 15),
        ("addon_available", "mcse"): date(2026, 4, 15),
        ("action_deadline", ""): date(2026, 11, 30),
        ("term_end", ""): date(2027, 1, 14),
    }


@pytest.fixture
def third_addon_book(tmp_path: Path):  # type: ignore[no-untyped-def]
    catalog = with_third_addon()
    book_file = write_csv(
        tmp_path / "book.csv",
        header=HEADER,
        rows=[
            ["Acme Corp", "Okta", "Premier Plus", "2026-01-15", "2027-01-14", "EMEA", "Europe/Berlin", "DE", "", "tam 3"],
            ["Basic Co", "Okta", "Basic", "2026-01-15", "2027-01-14", "EMEA", "Europe/Berlin", "DE", "", "3"],
        ],
    )
    contacts = write_csv(tmp_path / "contacts.csv", header=["Customer", "Name", "Email", "Region", "Named"], rows=CONTACTS)
    return catalog, load_book([book_file, contacts], (), catalog)


def test_third_addon_is_read_limited_and_checked(third_addon_book) -> None:  # type: ignore[no-untyped-def]
    catalog, book = third_addon_book
    acme, basic = book.contracts
    assert acme.addons == {"tam": "3"} and basic.addons == {"tam": "3"}
    [limit] = rules.contact_limits(catalog, acme, book.contacts)
    assert (limit.addon.short, limit.limit, limit.count, limit.over) == ("TAM", 3, 4, True)
    messages = [f.message for f in book.findings + term_findings(book, catalog, AS_OF)]
    assert "4 named contacts, but TAM for 3 named contacts allows 3." in messages
    assert any("Technical Account Manager (TAM) is only sold with Okta Premier Plus" in m for m in messages)
    dates = {k.event: (k.role, k.addon, k.day) for k in rules.key_dates(catalog, acme, AS_OF)}
    assert dates["TAM on board"] == ("addon_available", "tam", date(2026, 2, 14))
    assert "Add-on renewal request deadline" in dates  # "any" add-on counts the new one too
    assert [h.label for h in rules.held_addons(catalog, acme)] == ["TAM for 3 named contacts (3 named contacts)"]


def test_third_addon_in_the_report_and_template(third_addon_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    catalog, book = third_addon_book
    target = write_report(build_report(book, catalog, AS_OF), tmp_path / "report.xlsx")
    sheet = openpyxl.load_workbook(target)["Contracts"]
    header = [c.value for c in sheet[1]]
    assert header[8:12] == ["Public Holidays", "Dedicated CSE", "MCSE", "TAM Option"]
    acme = [c.value for c in sheet[2]]
    assert acme[11] == "TAM for 3 named contacts" and acme[header.index("Named Contact Limit")] == 3
    key_dates = {r[2].value for r in openpyxl.load_workbook(target)["Key Dates"].iter_rows(min_row=2)}
    assert "TAM on board" in key_dates
    template = openpyxl.load_workbook(write_template(tmp_path / "template.xlsx", catalog))
    assert [c.value for c in template["Contracts"][1]][-1] == "TAM Option"
    assert template["Lists"]["D1"].value == "TAM for 3 named contacts"
