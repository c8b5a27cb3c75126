"""The window's jobs driven without a window: loading and sessions, exports, marks, compare, settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from explorer.app.session import Session
from explorer.app.view_model import Scope
from explorer.catalog import default_catalog
from explorer.gui import messages, recent, settings
from explorer.gui.changes_page import ChangesPage
from explorer.gui.compare import CompareController
from explorer.gui.customer_pane import CustomerPane
from explorer.gui.export_dialog import SHEET
from explorer.gui.exports import ExportController
from explorer.gui.marks import MarksController
from explorer.gui.operations import Operations
from explorer.gui.sessions import SessionController, sample_files
from explorer.gui.window_state import WindowState

from ..diff_books import write_new, write_old
from .conftest import AS_OF


class Host:
    """A parent for dialogs, the Operations the controllers run through, and what they report."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.widget = QWidget()
        qtbot.addWidget(self.widget)
        self.progress: list[str] = []
        self.operations = Operations(self.widget, self.progress.append, lambda busy: None)
        self.remembered: list[list[str]] = []

    def sessions(self) -> SessionController:
        return SessionController(self.widget, self.operations, default_catalog(), lambda: AS_OF, self.remembered.append)


class Customers:
    """The customer list as exports see it."""

    def __init__(self, keys: list[str], selected: list[str]) -> None:
        self.keys, self.selected = keys, selected

    def total(self) -> int:
        return 47

    def shown(self) -> int:
        return len(self.keys)

    def visible_keys(self) -> list[str]:
        return self.keys

    def selected_keys(self) -> list[str]:
        return self.selected


def open_with(qtbot, controller: SessionController, files: list[str]) -> Session:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(controller.opened, timeout=60_000) as opened:
        controller.open_files(files)
    assert isinstance(opened.args[0], Session) and controller.session is opened.args[0]
    return opened.args[0]


@pytest.fixture
def host(qtbot) -> Host:  # type: ignore[no-untyped-def]
    return Host(qtbot)


def test_sessions_open_judge_remember_and_watch(host: Host, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sessions = host.sessions()
    session = open_with(qtbot, sessions, sample_files())
    assert len(session.book.contracts) > 40 and session.as_of == AS_OF
    assert host.remembered == []  # the bundled sample is not a recent file
    assert host.progress[0].startswith("Opening contracts.xlsx, cases.csv")
    with qtbot.waitSignal(sessions.changed, timeout=60_000) as judged:
        sessions.judge(AS_OF.replace(year=AS_OF.year + 1))
    assert judged.args[0].as_of == AS_OF.replace(year=AS_OF.year + 1) and judged.args[0].book is session.book

    copy = tmp_path / "book.xlsx"
    shutil.copy(sample_files()[0], copy)
    open_with(qtbot, sessions, [str(copy)])
    assert host.remembered == [[str(copy)]]
    with qtbot.waitSignal(sessions.file_changed, timeout=10_000) as changed:
        copy.write_bytes(copy.read_bytes())
    assert changed.args == [str(copy)]


def test_sessions_save_and_open_a_workspace(host: Host, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sessions = host.sessions()
    open_with(qtbot, sessions, sample_files())
    with qtbot.waitSignal(sessions.message) as said:
        sessions.save_workspace(str(tmp_path / "q4.explorer"))
    assert said.args[0].startswith("Workspace saved: ") and (tmp_path / "q4.explorer").exists()
    other = host.sessions()
    with qtbot.waitSignal(other.as_of_set) as day, qtbot.waitSignal(other.opened, timeout=60_000):
        other.open_workspace_file(str(tmp_path / "q4.explorer"))
    assert day.args[0] == AS_OF and other.session is not None and other.session.files == sessions.session.files  # type: ignore[union-attr]
    other.open_workspace_file(str(tmp_path / "missing.explorer"))
    assert messages.shown and "missing.explorer" in messages.shown[-1].text


def test_exports_cover_the_scope_asked_for(host: Host, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = open_with(qtbot, host.sessions(), sample_files())
    exports = ExportController(host.widget, host.operations, lambda: session, Customers(["trey traders"], []))
    assert exports.customers_for(Scope.FILTERED) == ["Trey Traders"] and exports.customers_for(Scope.ALL) is None
    with qtbot.waitSignal(exports.message, timeout=60_000) as said:
        exports.export_calendar(str(tmp_path / "dates.ics"), Scope.FILTERED)
    assert said.args[0] == f"Calendar written: {tmp_path / 'dates.ics'}"
    assert "Trey Traders" in (tmp_path / "dates.ics").read_text(encoding="utf-8")
    assert QSettings().value(settings.LAST_EXPORT_FOLDER) == str(tmp_path)
    exports.export_sheets(str(tmp_path / "sheet.pdf"), Scope.SELECTED)  # nobody selected: told so, nothing written
    assert messages.shown[-1].text == "Select the customers whose entitlement sheet you want."
    assert not (tmp_path / "sheet.pdf").exists()
    dialog = exports.dialog(SHEET, Scope.SELECTED)
    assert dialog.scope == Scope.ALL  # nobody is selected, so the dialog does not start on Selected
    dialog.deleteLater()


def test_report_export_names_the_window_chosen(host: Host, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from explorer.app import periods
    from explorer.gui.export_dialog import REPORT

    session = open_with(qtbot, host.sessions(), sample_files())
    exports = ExportController(host.widget, host.operations, lambda: session, Customers(["birch health"], []))
    dialog = exports.dialog(REPORT)
    assert [dialog.period.itemText(i) for i in range(dialog.period.count())] == [
        "This term",
        "Last 90 days",
        "Last quarter",
        "All cases",
    ]
    dialog.period.setCurrentText("Last 90 days")
    assert dialog.chosen_period == periods.recent() and not dialog.period.isHidden()
    dialog.deleteLater()
    target = tmp_path / "report.xlsx"
    with qtbot.waitSignal(exports.message, timeout=120_000):
        exports.export_report(str(target), Scope.FILTERED, periods.recent())
    summary = {r[0]: r[1] for r in openpyxl.load_workbook(target)["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Compliance window"] == periods.recent().window(session.as_of).label


def test_sheet_export_internal_copy_and_draft(host: Host, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    session = open_with(qtbot, host.sessions(), sample_files())
    exports = ExportController(host.widget, host.operations, lambda: session, Customers(["gilded lily hotels"], []))
    dialog = exports.dialog(SHEET, Scope.FILTERED)
    assert not dialog.internal.isHidden() and not dialog.internal.isChecked()  # the customer's copy unless asked
    dialog.deleteLater()
    for internal in (False, True):
        target = tmp_path / f"sheet-{internal}.pdf"
        with qtbot.waitSignal(exports.message, timeout=60_000):  # written in the background
            exports.export_sheets(str(target), Scope.FILTERED, internal)
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "DRAFT" in text and ("Internal: findings in the contract book" in text) == internal
        assert messages.shown[-1].title == "Marked DRAFT" and "Gilded Lily Hotels" in messages.shown[-1].text


def test_brief_export_says_which_are_marked_draft(host: Host, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The renewal brief of a customer with contract errors is a DRAFT, as the entitlement sheet: its export says so
    (the sheet's did, the brief's did not), and a clean customer's says nothing."""
    session = open_with(qtbot, host.sessions(), sample_files())
    exports = ExportController(host.widget, host.operations, lambda: session, Customers(["gilded lily hotels"], []))
    with qtbot.waitSignal(exports.message, timeout=60_000):  # written in the background
        exports.export_briefs(str(tmp_path / "brief.pdf"), Scope.FILTERED)
    assert messages.shown[-1].title == "Marked DRAFT" and "Gilded Lily Hotels" in messages.shown[-1].text
    assert "their briefs are marked DRAFT" in messages.shown[-1].text
    clean = ExportController(host.widget, host.operations, lambda: session, Customers(["birch health"], []))
    before = len(messages.shown)
    with qtbot.waitSignal(clean.message, timeout=60_000):
        clean.export_briefs(str(tmp_path / "clean.pdf"), Scope.FILTERED)
    assert not [m for m in messages.shown[before:] if m.title == "Marked DRAFT"]


def test_marks_judge_the_book_again(host: Host, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = open_with(qtbot, host.sessions(), sample_files())
    marks = MarksController(lambda: session)
    sheets = [session.sheet(k) for k in session.overview.customers["key"]]
    sheet = next(s for s in sheets if s is not None and any(d.date.is_action for d in s.dates))
    due = next(d for d in sheet.dates if d.date.is_action)
    with qtbot.waitSignal(marks.marked) as marked:
        marks.mark_done(due.key, True)
    again = marked.args[0]
    assert again.workspace.marks[due.key].done
    assert next(d for d in again.sheet(sheet.key).dates if d.key == due.key).mark.done


def test_compare_notes_the_changed_customers(host: Host, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sessions = host.sessions()
    old, new = write_old(tmp_path / "book-q3.xlsx"), write_new(tmp_path)
    open_with(qtbot, sessions, [str(f) for f in new])
    page = ChangesPage(lambda: sessions.session, host.widget)
    pane = CustomerPane(host.widget)

    class List:
        changed: dict[str, str] = {}

        def selected_key(self) -> str:
            return "beta bank"

        def set_changed(self, changed: dict[str, str]) -> None:
            List.changed = changed

    compare = CompareController(page, lambda: sessions.session, List(), pane)
    with qtbot.waitSignal(page.compared, timeout=60_000):
        page.compare_with([str(old)])
    assert List.changed["beta bank"] == "Changed since book-q3.xlsx: Upgrade" and len(List.changed) == 8
    open_with(qtbot, sessions, sample_files())  # another book: the comparison no longer applies
    compare.session_shown()
    assert page.diff is None and List.changed == {}


def test_window_state_that_does_not_persist_reads_and_writes_nothing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    splitter = QSplitter(window)
    window.resize(300, 200)
    QSettings().setValue(settings.WINDOW_GEOMETRY, window.saveGeometry())
    window.resize(640, 480)
    WindowState(persist=False).restore(window, splitter, [])
    assert (window.width(), window.height()) == (1400, 900)  # the default size, not the stored one
    state = WindowState(persist=False)
    state.remember([str(tmp_path / "kept.xlsx")])
    assert all(str(tmp_path / "kept.xlsx") not in files for files in recent.recent())
    kept = WindowState(persist=True)
    with qtbot.waitSignal(kept.recent_changed):
        kept.remember([str(tmp_path / "kept.xlsx")])
    assert recent.recent()[0] == [str((tmp_path / "kept.xlsx").resolve())]


def test_the_window_only_lays_out_and_wires() -> None:
    """Its jobs live in the controllers above; the window stays small enough to read."""
    import explorer.gui.main_window as main_window

    assert len(Path(main_window.__file__).read_text(encoding="utf-8").splitlines()) < 350
