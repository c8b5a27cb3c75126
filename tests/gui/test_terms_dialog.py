"""Help ▸ Support Terms: the catalog's terms with their source wording, searchable, printable, per program."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from explorer.gui import messages
from explorer.gui.main_window import MainWindow
from explorer.gui.terms_dialog import TermsDialog
from explorer.outputs.terms import terms_markdown

P1_COMMITMENT = "they commit to continuous 24x7 availability for engagement with Okta support until issue resolution"


def open_terms(window: MainWindow) -> TermsDialog:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text() == "Support Terms")
    assert action.shortcut() == QKeySequence("F1")
    action.trigger()
    dialog = window.terms
    assert dialog is not None and dialog.isVisible()
    return dialog


def pdf_text(pdf: Path) -> str:
    """The PDF's text on one line, its ligatures (ﬁ) undone."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())


def shown(dialog: TermsDialog) -> str:
    return " ".join(dialog.text.toPlainText().split())


def test_terms_show_the_source_wording(window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = open_terms(window)
    catalog = window.session.catalog
    assert dialog.markdown() == terms_markdown(catalog)
    text = shown(dialog)
    assert P1_COMMITMENT in text  # the customer's 24x7 availability on P1, word for word
    assert "Decision – A P1 customer who is not available:" in text
    regional = "Mission Critical Support is a regional-based offering and will be available only to the named Customer contacts"
    assert f"{regional} Monday through Friday, during standard business hours" in text
    assert "The purchase of Add-On Resources is non-cancelable, non-transferable, and fees paid are nonrefundable." in text
    assert "will be separately invoiced to, and reimbursed by, the Customer" in text
    for decision in catalog.decisions.values():
        assert decision.title in text and " ".join(decision.text.split()) in text
    dialog.product.setCurrentText("Auth0")
    text = shown(dialog)
    assert "Solution Definition (one or more of the following)" in text
    assert "P4 (Low) Minor Problem / Enhancement Request Answer to question is provided · Enhancement request logged" in text
    assert "Okta Access Gateway" not in text and P1_COMMITMENT not in text
    dialog.close()


def test_program_chooser_narrows_the_terms(window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = open_terms(window)
    assert not dialog.program.isEnabled()  # all products: every program
    dialog.product.setCurrentText("Okta")
    assert dialog.program.isEnabled()
    assert [dialog.program.itemText(i) for i in range(dialog.program.count())] == [
        "All programs",
        "Basic",
        "Premier",
        "Premier Access",
        "Premier Plus",
    ]
    dialog.program.setCurrentText("Basic")
    text = shown(dialog)
    assert "Okta Basic" in text and "Decision – Basic benefits:" in text
    assert "Basic Response Time for the Service during Business Support hours" in text
    assert "Mission Critical" not in text and P1_COMMITMENT not in text  # no add-ons, no P1 commitment on Basic
    dialog.program.setCurrentText("Premier Plus")
    text = shown(dialog)
    assert "reserved solely for Premier Plus customers" in text and "Mission Critical Support" in text
    assert P1_COMMITMENT in text and "Decision – Basic benefits" not in text
    dialog.close()


def test_find_highlights_and_walks_the_matches(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_terms(window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.text.setFocus()
    qtbot.keyClick(dialog.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F: the find box
    assert dialog.search_box.hasFocus()
    qtbot.keyClicks(dialog.search_box, "non-attendance")
    total = shown(dialog).casefold().count("non-attendance")
    assert total >= 4 and len(dialog.matches) == total
    assert len(dialog.text.extraSelections()) == total  # every match highlighted
    assert dialog.text.textCursor().selectedText() == "Non-Attendance"
    assert dialog.found.text() == f"1 of {total}"
    first = dialog.text.textCursor().selectionStart()
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)  # Enter: next
    assert dialog.found.text() == f"2 of {total}" and dialog.text.textCursor().selectionStart() > first
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_F3)  # F3: next
    assert dialog.current_match() == 2
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # Shift+F3: previous
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # Shift+Enter: previous
    assert dialog.current_match() == 0 and dialog.found.text() == f"1 of {total}"
    dialog.previous_button.click()  # wraps round to the last
    assert dialog.found.text() == f"{total} of {total}"
    dialog.next_button.click()
    assert dialog.found.text() == f"1 of {total}"
    qtbot.keyClicks(dialog.search_box, "xyzzy")
    assert dialog.found.text() == "no match" and not dialog.text.extraSelections()
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Escape)  # Esc clears the find box, the dialog stays
    assert dialog.search_box.text() == "" and dialog.isVisible()
    dialog.close()


def test_save_as_pdf_writes_the_terms(window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_terms(window)
    dialog.product.setCurrentText("Okta")
    target = tmp_path / "terms.pdf"
    assert dialog.save_pdf(target) == target
    assert target.read_bytes().startswith(b"%PDF")
    assert [m.title for m in messages.shown] == ["Support terms saved"]
    text = pdf_text(target)
    assert P1_COMMITMENT in text
    assert "Non-Attendance Days" in text and "Decision – Business hours" in text
    pages = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) > 3
    assert dialog.save_pdf(tmp_path / "no such folder" / "terms.pdf") is None  # a message, never a traceback
    assert messages.shown[-1].title == "Support terms not saved" and "does not exist" in messages.shown[-1].text
    dialog.close()


def test_print_goes_through_the_print_dialog(window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    target = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:  # the user picks a PDF printer and presses Print
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(target))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    dialog = open_terms(window)
    dialog.product.setCurrentText("Auth0")
    dialog.print_button.click()
    text = pdf_text(target)
    assert "Solution Definition (one or more of the following)" in text and "Support Terms" in dialog.windowTitle()
    dialog.close()
