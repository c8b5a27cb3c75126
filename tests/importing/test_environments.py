"""Case environments: every spelling of the catalog, and a warning naming an unknown one."""

from __future__ import annotations

from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv
from ..test_catalog import NON_PRODUCTION, PRODUCTION


def test_every_environment_spelling_and_an_unknown_one(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[["Zed", "Auth0", "", "2026-01-01", "2026-12-31"]],
    )
    values = [*NON_PRODUCTION, *PRODUCTION, "Tenant 7", "Tenant 7"]
    log = write_csv(
        tmp_path / "cases.csv",
        header=["Case ID", "Customer", "Product", "Priority", "Opened", "First Response", "Environment"],
        rows=[[i, "Zed", "Auth0", "P1", "2026-03-02 10:00", "", v] for i, v in enumerate(values)],
    )
    loaded = load_book([book], [log])
    assert loaded.cases is not None
    expected = ["non-production"] * len(NON_PRODUCTION) + ["production"] * (len(PRODUCTION) + 2)
    assert loaded.cases["environment"].tolist() == expected
    warned = [f for f in loaded.findings if f.column == "Environment"]
    assert [(f.severity, f.source.row) for f in warned] == [(Severity.WARNING, len(values))]
    assert warned[0].message.startswith("Environment 'Tenant 7' (2 cases) is neither")
