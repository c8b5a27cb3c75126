"""The table model passes Qt's model checks and sorts and filters by arrays."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from explorer.gui.column_model import RAW_ROLE, Column, ColumnTableModel
from explorer.gui.main_window import MainWindow


def test_column_model_checks(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ColumnTableModel()
    model.set_columns(
        [Column("Name", ["b", "a", "c"]), Column("N", ["2", "10", "1"], np.array([2, 10, 1]), align_right=True)],
        ["red", "", "amber"],
    )
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["c", "b", "a"]
    model.set_mask(np.array([True, True, False]))
    assert [model.index(r, 0).data() for r in range(2)] == ["b", "a"]  # the sort is kept
    assert model.index(0, 0).data(RAW_ROLE) == 0
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    qtmodeltester.check(model)


def test_window_models_pass_checks(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window.customers.select("cascade capital")
    for model in (
        window.customers.model,
        window.contacts.model,
        window.key_dates.model,
        window.sla.cases,
        window.upcoming.model,
        window.book_findings.model,
    ):
        qtmodeltester.check(model)


def shown(model: ColumnTableModel, column: int = 0) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_filter_keeps_the_sort_and_new_texts_resort() -> None:
    model = ColumnTableModel()
    model.set_columns([Column("Name", ["delta", "alpha", "charlie", "bravo", "echo"]), Column("Match", [""] * 5)])
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(model) == ["echo", "delta", "charlie", "bravo", "alpha"]
    model.set_mask(np.array([True, True, False, True, False]))  # delta, alpha, bravo
    assert shown(model) == ["delta", "bravo", "alpha"]
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.set_texts(1, ["z", "y", "x", "a", "w"])  # the sorted column's texts change (the Match column does)
    model.set_mask(np.array([True, True, False, True, False]))
    assert shown(model) == ["bravo", "alpha", "delta"]
    assert model.index(0, 0).data(RAW_ROLE) == 3
