from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from explorer.catalog import Catalog, default_catalog  # noqa: E402


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path
