"""Counts that mean something, colours that explain themselves, programs per product, columns from the font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from explorer.gui import columns, palette
from explorer.gui.customer_list import HIDDEN_BY_DEFAULT
from explorer.gui.main_window import MainWindow
from explorer.model import Severity

from .test_main_window import texts


def row_of(window: MainWindow, name: str) -> int:
    return texts(window.customers.model, 0).index(name)


def test_findings_count_errors_and_warnings_only(window: MainWindow) -> None:
    frame = window.customers.frame
    by_key = window.session.overview.findings_by_key
    for key, findings, info in zip(frame["key"], frame["Findings"], frame["info"], strict=True):
        items = by_key.get(key, [])
        assert findings == sum(f.severity is not Severity.INFO for f in items)
        assert info == sum(f.severity is Severity.INFO for f in items)
    coho = frame[frame["Customer"] == "Coho Insurance"].iloc[0]
    assert coho["Findings"] == 0 and coho["info"] > 0  # its non-production-tenant notes are Info
    window.customers.with_findings.setChecked(True)
    assert "Coho Insurance" not in texts(window.customers.model, 0)
    assert window.customers.model.rowCount() == int((frame["Findings"] > 0).sum()) < 19


def test_due_soon_names_the_catalog_window(window: MainWindow) -> None:
    days = window.session.catalog.settings.due_soon_days
    assert window.customers.due_soon.text() == f"Due soon ({days} days)"
    assert f"within {days} days" in window.customers.legend.text().replace("&nbsp;", " ")


def test_over_limit_colours_the_customer_with_a_reason(window: MainWindow) -> None:
    row = row_of(window, "Cascade Capital")  # 7 named contacts where its MCSE allows 5
    model = window.customers.model
    assert model.colours[model.source_row(row)] in ("violet", "red")
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "more named contacts than an add-on allows" in tip.casefold()
    # every coloured row says why; uncoloured rows say nothing
    for r in range(model.rowCount()):
        coloured = bool(model.colours[model.source_row(r)])
        assert bool(model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)) == coloured
        if coloured:
            assert model.index(r, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_programs_per_product_and_filter(window: MainWindow) -> None:
    programs = texts(window.customers.model, 2)
    assert any(" · " in p and "Okta" in p and "Auth0" in p for p in programs)
    items = [window.customers.program.itemText(i) for i in range(window.customers.program.count())]
    assert "Okta Premier" in items and "Auth0 Premier" in items  # no longer lumped together
    window.customers.program.setCurrentText("Auth0 Premier")
    shown = texts(window.customers.model, 2)
    assert shown and all("Auth0 Premier" in p.split(" · ") for p in shown)


def test_columns_follow_the_font_and_a_header_menu_chooses_them(window: MainWindow) -> None:
    view = window.customers.view
    model = window.customers.model
    hidden = {model.columns[c].title for c in range(model.columnCount()) if view.isColumnHidden(c)}
    assert hidden == set(HIDDEN_BY_DEFAULT)
    findings = model.column_index("Findings")
    small = columns.text_width(view, findings)
    font = QFont(view.font())
    font.setPointSize(16)
    view.setFont(font)
    view.horizontalHeader().setFont(font)
    big = columns.text_width(view, findings)
    assert big > small * 1.3
    metrics = view.horizontalHeader().fontMetrics()
    assert big >= metrics.horizontalAdvance("Findings")  # the header is not cut
    menu = columns.column_menu(view)
    actions = {a.text(): a for a in menu.actions()}
    assert not actions["Customer"].isEnabled()
    actions["Term End"].setChecked(True)
    assert not view.isColumnHidden(model.column_index("Term End"))
    assert view.columnWidth(model.column_index("Term End")) >= metrics.horizontalAdvance("Term End")


def test_important_columns_fit_at_1024(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    QApplication.processEvents()
    view = window.customers.view
    model = window.customers.model
    for title in ("Customer", "Next Key Date", "Findings", "Status"):
        c = model.column_index(title)
        assert not view.isColumnHidden(c)
        x = view.columnViewportPosition(c)
        assert x >= 0 and x + view.columnWidth(c) <= view.viewport().width() + 1, title
    # Programs comes last and whole (never "Okta Prem…"): it starts in view and reads on to the right
    programs = model.column_index("Programs")
    assert 0 < view.columnViewportPosition(programs) < view.viewport().width() - 8 * view.fontMetrics().averageCharWidth()
    widest = max(view.fontMetrics().horizontalAdvance(t) for t in texts(model, programs))
    assert view.columnWidth(programs) >= widest


def test_row_colours_readable_in_both_palettes() -> None:
    for state, pair in palette.STATES.items():
        for swatch in pair:
            assert palette.contrast(swatch.text, swatch.background) >= palette.MIN_CONTRAST, state
    assert palette.is_dark(palette.dark_palette())


def test_the_status_shows_its_lapse_date_in_full(window: MainWindow) -> None:
    model, view = window.customers.model, window.customers.view
    status = model.column_index("Status")
    shown = [model.index(r, status).data() for r in range(model.rowCount())]
    ended = next(t for t in shown if t.startswith("Ended 20"))
    assert view.columnWidth(status) >= view.fontMetrics().horizontalAdvance(ended) + 2 * view.fontMetrics().averageCharWidth()
