"""Every QSettings key the app uses, in one place (organization and application name are set once in app.py)."""

from __future__ import annotations

LAST_FOLDER = "last_folder"  # where Open… starts
LAST_EXPORT_FOLDER = "last_export_folder"  # where Export Report… starts
LAST_WORKSPACE_FOLDER = "last_workspace_folder"  # where Open/Save Workspace… start
RECENT = "recent"  # recently opened file sets, newest first: list[list[str]]
MY_ACCOUNTS = "filters/my_accounts"  # the saved "My accounts" filter text, e.g. "Account Owner: AM 3"
WINDOW_GEOMETRY = "window/geometry"
WINDOW_SPLITTER = "window/splitter"


def header_state(view_name: str) -> str:
    """A table's column widths and order, by the view's object name."""
    return f"headers/{view_name}"
