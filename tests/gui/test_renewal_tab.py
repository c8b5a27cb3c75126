"""The Renewal tab: the customer's brief as it prints, compared with the program chosen, and exported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from explorer.app import renewal
from explorer.app.renewal import NEXT_DOWN, NEXT_UP
from explorer.gui import export_dialog, messages
from explorer.gui.main_window import MainWindow
from explorer.outputs.renewal import brief_html

from .conftest import open_tab, wait_idle


def text(window: MainWindow) -> str:
    return " ".join(window.pane.renewal.page.toPlainText().split())


def test_renewal_tab_shows_the_brief_and_follows_the_program(window: MainWindow, tmp_path: Path, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None and window.customers.select("zephyr logistics")
    open_tab(window, "Renewal")
    tab = window.pane.renewal
    shown = text(window)
    expected = renewal.brief_for(session, "zephyr logistics")
    assert expected is not None and tab.brief is not None
    assert brief_html(tab.brief) == brief_html(expected)  # what the PDF prints
    assert "Zephyr Logistics: renewal brief" in shown and "Upgrade evidence: against Premier" in shown
    assert "both of this customer's P1 cases waited longer than that" in shown
    assert [tab.compare.itemText(i) for i in range(tab.compare.count())] == [
        NEXT_UP,
        "Basic",
        "Premier",
        "Premier Access",
        "Premier Plus",
    ]
    tab.compare.setCurrentText("Premier Plus")
    assert tab.program == "Premier Plus" and "Upgrade evidence: against Premier Plus" in text(window)
    assert "Would add:" in text(window) and "May buy Dedicated Premier Plus Add-On Resources" in text(window)
    # another customer of the same product keeps the choice; one that cannot hold it falls back to the next one up
    assert window.customers.select("trey games")
    assert tab.program == "Premier Plus" and "Trey Games: renewal brief" in text(window)
    assert window.customers.select("proseware systems")  # Auth0 Premier: the top of Auth0
    assert tab.program is None and "Auth0: Premier down to Enterprise" in text(window)
    assert tab.compare.itemText(0) == NEXT_DOWN  # the choice says which way it compares, not "up"

    # the tab's button exports the brief as shown, through the export dialog
    target = tmp_path / "zephyr.pdf"
    assert window.customers.select("zephyr logistics")
    tab.compare.setCurrentText("Premier")

    def accept(dialog: export_dialog.ExportDialog) -> int:
        dialog.path.setText(str(target))
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", accept)
    tab.export.click()
    wait_idle(qtbot, window)  # written in the background
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert any("Renewal brief written" in m.title for m in messages.shown)


def test_file_menu_exports_renewal_briefs(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.exports.brief_action.text() == "Export Renewal Brief…" and window.exports.brief_action.isEnabled()
    target = tmp_path / "briefs.pdf"
    assert window.customers.select("birch health")
    window.exports.export_briefs(str(target))
    wait_idle(qtbot, window)
    assert target.exists() and any(m.title == "Renewal brief written" for m in messages.shown)


def test_the_brief_on_screen_is_as_large_as_the_apps_type(window: MainWindow) -> None:
    """The Renewal tab showed the printed page's 8-point text whatever the app's font size, while a user at 16
    points read everything else at 16 (found by a user's tryout); its headings stay a step above the text."""
    from PySide6.QtGui import QFont

    assert window.customers.select("zephyr logistics")
    open_tab(window, "Renewal")
    tab = window.pane.renewal
    font = QFont(tab.page.font())
    font.setPointSizeF(16)
    tab.page.setFont(font)
    tab._refresh()
    sizes = []
    block = tab.page.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            sizes.append(it.fragment().charFormat().fontPointSize())
            it += 1
        block = block.next()
    assert min(s for s in sizes if s) >= 16 and max(sizes) == 22  # the text 16, the title 14 + 8 as on paper


def test_a_top_program_term_not_started_compares_down_and_is_named_by_its_start(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """newuser5 F5: a customer on Premier Plus from 2027-01-01, as of 2026-12-08, read *Next program up* (there was no
    evidence to tell the direction by) and *This term (no term in force)*; the program decides the direction, and
    the term in review is named by its start."""
    from datetime import date

    from explorer.gui.main_window import MainWindow

    from ..files import write_csv

    row = ["Proseware", "Okta", "Premier Plus", "2027-01-01", "2027-12-31", "AMER", "America/New_York", "US", "", "", ""]
    book = write_csv(tmp_path / "book.csv", rows=[row])
    window = MainWindow(as_of=date(2026, 12, 8), persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book)])
    wait_idle(qtbot, window)
    assert window.customers.select("proseware")
    open_tab(window, "Renewal")
    tab = window.pane.renewal
    assert tab.program is None and tab.compare.itemText(0) == NEXT_DOWN
    shown = text(window)
    assert "term in review: The term starting 2027-01-01 (not started)" in shown and "no term in force" not in shown
