"""Every export says the same thing when its scope holds no customer, and writes nothing."""

from __future__ import annotations

from pathlib import Path

from explorer.app.view_model import Scope
from explorer.gui import messages
from explorer.gui.exports import NO_MATCH
from explorer.gui.main_window import MainWindow


def test_nothing_to_export(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.customers.search, "no customer is called this")
    assert window.customers.model.rowCount() == 0 and window.customers.selected_keys() == []
    messages.shown.clear()
    window.exports.export_report(str(tmp_path / "report.xlsx"), Scope.FILTERED)
    window.exports.export_calendar(str(tmp_path / "dates.ics"), Scope.FILTERED)
    window.exports.export_sheets(str(tmp_path / "sheet.pdf"), Scope.SELECTED)
    window.exports.print_sheets()
    assert not window.busy and list(tmp_path.iterdir()) == []
    assert [(m.kind, m.title, m.text) for m in messages.shown] == [
        ("info", "Nothing to export", NO_MATCH),
        ("info", "Nothing to export", NO_MATCH),
        ("info", "Nothing to export", "Select the customers whose entitlement sheet you want."),
        ("info", "Nothing to print", "Select the customers whose entitlement sheet you want to print."),
    ]
