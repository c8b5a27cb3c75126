"""Edited copies of the bundled catalog, for tests that prove the rules are data."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from explorer.catalog import Catalog, parse_catalog
from explorer.paths import resource_path

from .files import write_csv


def catalog_data() -> dict[str, Any]:
    with open(resource_path("catalog.toml"), "rb") as handle:
        return tomllib.load(handle)


def with_third_addon() -> Catalog:
    """The bundled catalog plus a Technical Account Manager add-on that no code knows about."""
    data = copy.deepcopy(catalog_data())
    data["addons"]["tam"] = {
        "name": "Technical Account Manager (TAM)",
        "short": "TAM",
        "column": "TAM Option",
        "products": ["okta"],
        "mobilization_days": 30,
        "during_mobilization": "The CSM covers technical questions",
        "wording": "A Technical Account Manager is assigned to the Customer.",
        "options": {"3": {"label": "TAM for 3 named contacts", "named_contacts": 3, "aliases": ["3", "tam 3"]}},
    }
    data["tables"]["contracts"]["fields"]["tam"] = ["tam", "tam option", "technical account manager"]
    data["programs"]["okta-premier-plus"]["addons"].append("tam")
    data["key_dates"].append(
        {"event": "TAM on board", "role": "addon_available", "anchor": "initial_term_start", "offset_days": 30, "addon": "tam"}
    )
    return parse_catalog(data, "third add-on")


def with_renamed_events() -> Catalog:
    """The bundled catalog with every key-date event renamed: only the roles stay."""
    data = copy.deepcopy(catalog_data())
    for i, rule in enumerate(data["key_dates"]):
        rule["event"] = f"Milestone {i + 1}"
    return parse_catalog(data, "renamed events")


def third_addon_book(folder: Path) -> list[Path]:
    """A book for ``with_third_addon``: Acme Corp holds 'TAM 3' (three named contacts) and names four."""
    book = write_csv(
        folder / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Region", "TAM"],
        rows=[["Acme Corp", "Okta", "Premier Plus", "2026-01-15", "2027-01-14", "EMEA", "3"]],
    )
    contacts = write_csv(
        folder / "contacts.csv",
        header=["Customer", "Name", "Email", "Region", "Named"],
        rows=[["Acme Corp", f"Person {i}", f"p{i}@acme.test", "EMEA", "yes"] for i in range(4)],
    )
    return [book, contacts]
