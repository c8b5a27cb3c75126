"""Help ▸ Support Terms: the catalog's terms in the app, searchable and printable, the same text as the CLI's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from explorer.gui.main_window import MainWindow
from explorer.outputs.terms import catalog_terms


def test_terms_from_the_help_menu(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text() == "Support Terms")
    action.trigger()
    dialog = window.terms
    assert dialog is not None and dialog.isVisible()
    assert dialog.text.toPlainText() == catalog_terms(window.session.catalog)
    assert "Premier Plus" in dialog.text.toPlainText() and "Assumptions" in dialog.text.toPlainText()
    dialog.product.setCurrentText("Auth0")
    auth0 = next(p for p in window.session.catalog.products.values() if p.name == "Auth0")
    assert dialog.text.toPlainText() == catalog_terms(window.session.catalog, auth0)
    qtbot.keyClicks(dialog.search_box, "P1")
    assert dialog.text.textCursor().selectedText() == "P1"
    count = dialog.text.toPlainText().count("P1")
    assert dialog.found.text() == f"{count} matches"
    first = dialog.text.textCursor().position()
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)
    assert dialog.text.textCursor().position() > first  # the next match
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "terms.pdf"
    printer.setOutputFileName(str(out))
    dialog.print_to(printer)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 2000
    dialog.close()
