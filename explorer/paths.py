"""One place that finds the files under resources/.

A wheel and an editable install map resources/ to the package
``explorer.resources``; the frozen bundle puts it beside the executable's
``_MEIPASS``. Everything that needs a shipped file asks here.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    """The path of a shipped resource, e.g. ``resource_path("catalog.toml")``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "explorer" / "resources" / name
    return Path(str(resources.files("explorer.resources").joinpath(name)))
