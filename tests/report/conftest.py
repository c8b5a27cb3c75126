from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli import main


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample's report as of 2026-11-28, its compliance over the last 90 days."""
    out = tmp_path_factory.mktemp("sample") / "sample.xlsx"
    assert main(["report", "--sample", "--as-of", "2026-11-28", "--period", "90d", "-o", str(out)]) == 1
    return out
