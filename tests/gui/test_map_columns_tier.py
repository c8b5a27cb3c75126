"""Map Columns and a contract's tier: not starred (Auth0 does without one), said why, a column of tiers pre-filled."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout

from explorer.catalog import default_catalog
from explorer.gui.map_columns import MapColumnsDialog

from ..importing.test_map_tier_column import titled_book
from .test_map_columns import shown


def labels(dialog: MapColumnsDialog) -> list[str]:
    form = dialog.fields
    items = [form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(form.rowCount())]
    return [item.widget().text() for item in items if item is not None and item.widget() is not None]


def test_the_tier_is_not_starred_but_said_and_a_column_of_tiers_is_offered(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = MapColumnsDialog(None, [str(titled_book(tmp_path))], default_catalog())
    qtbot.addWidget(dialog)
    dialog.show()
    shown(qtbot, dialog)
    assert dialog.header_spin.value() == 3 and dialog.kind_box.currentData() == "contracts"
    said = labels(dialog)
    assert {"Customer*", "Product*", "Term start*", "Term end*", "Tier"} <= set(said)
    note = dialog.field_notes["program"]
    assert note.text() == "Without a tier column: Okta and Okta Access Gateway need one; without one Auth0 is read as Enterprise."
    assert dialog.field_boxes["program"].currentText() == "Plan level"  # every filled cell is a tier: to check
    assert dialog.confidence["program"].text() == "its cells are tiers?"
    dialog.field_boxes["customer"].setCurrentIndex(dialog.field_boxes["customer"].findText("Acct"))
    dialog.field_boxes["term_start"].setCurrentIndex(dialog.field_boxes["term_start"].findText("Commencement"))
    assert dialog.save_button.isEnabled()
    assert dialog.mapping().columns["program"] == "Plan level"
    dialog.field_boxes["program"].setCurrentIndex(0)  # no tier column: still savable (an Auth0-only book needs none)
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_a_sheet_without_a_column_of_tiers_leaves_the_tier_unpicked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = MapColumnsDialog(None, [str(titled_book(tmp_path, tier=False))], default_catalog())
    qtbot.addWidget(dialog)
    dialog.show()
    shown(qtbot, dialog)
    assert dialog.field_boxes["program"].currentData() is None and "program" in dialog.field_notes
    dialog.reject()
