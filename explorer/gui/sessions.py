"""Loading and sessions: opening books and workspaces, reloading, judging on another day, mapping columns, the
case logs' date order (File ▸ Case Log Dates), watching the open files, and the recent files.

The controller holds the Session on show. It needs no window: a parent widget for its dialogs, the
Operations its work runs through, the as-of date to open with, and where opened files are remembered.

Signals: changed(Session) whenever another session is to be shown (opened, re-judged, marked);
opened(Session) after files were read; as_of_set(date) when a workspace brings its own as-of date;
file_changed(str) when a file of the open book changed on disk; message(str) for the status line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QMimeData, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from explorer import clock, heap
from explorer.app import present, view_model
from explorer.app.cancel import CancelToken
from explorer.app.errors import WorkspaceError
from explorer.app.session import Session, load_session
from explorer.app.workspace import SUFFIX as WORKSPACE_SUFFIX
from explorer.app.workspace import Workspace, open_workspace
from explorer.atomic import OutputError
from explorer.catalog import Catalog
from explorer.filekinds import resolved
from explorer.gui import messages, settings
from explorer.gui.actions import action
from explorer.gui.case_dates import APP_SETTING, CaseDatesMenu
from explorer.gui.map_columns import MapColumnsDialog
from explorer.gui.operations import Operations, show_error
from explorer.importing.safety import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES
from explorer.paths import resource_path

OPEN_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv);;All files (*)"
WORKSPACE_FILTER = f"Workspaces (*{WORKSPACE_SUFFIX} *.toml);;All files (*)"


def sample_files() -> list[str]:
    return [str(resource_path("sample/contracts.xlsx")), str(resource_path("sample/cases.csv"))]


def dropped_files(mime: QMimeData) -> list[str]:
    """The local files in a drop that could be a contract book or a case log."""
    urls = mime.urls() if mime.hasUrls() else []
    suffixes = SPREADSHEET_SUFFIXES | TEXT_SUFFIXES
    return [u.toLocalFile() for u in urls if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in suffixes]


class SessionController(QObject):
    changed = Signal(object)
    opened = Signal(object)
    as_of_set = Signal(object)
    file_changed = Signal(str)
    message = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        operations: Operations,
        catalog: Catalog,
        as_of: Callable[[], date],
        remember: Callable[[list[str]], None],
    ) -> None:
        super().__init__(parent)
        self._parent, self._operations, self._as_of, self._remember = parent, operations, as_of, remember
        self.catalog = catalog
        self.session: Session | None = None
        self.map_dialog: MapColumnsDialog | None = None
        self._offered: set[tuple[str, str, str]] = set()  # unread data the Map Columns dialog was offered for
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        # As of today the verdicts run on the present minute: judged again when they would change by the clock alone
        self.stale = QTimer(self)
        self.stale.setSingleShot(True)
        self.stale.timeout.connect(self.catch_up)
        self.open_action = action("Open…", self, self.choose_files, QKeySequence(QKeySequence.StandardKey.Open))
        self.add_action = action("Add Files…", self, lambda: self.choose_files(add=True), QKeySequence("Ctrl+Shift+O"))
        self.sample_action = action("Open Sample", self, self.open_sample)
        self.map_action = action("Map Columns…", self, self.map_columns)
        self.reload_action = action("Reload", self, self.reload, QKeySequence(QKeySequence.StandardKey.Refresh))
        self.workspace_action = action("Open Workspace…", self, self.choose_workspace)
        self.save_workspace_action = action(
            "Save Workspace…", self, lambda: self.save_workspace(), QKeySequence(QKeySequence.StandardKey.Save)
        )
        self.loaded_actions = [self.reload_action, self.add_action, self.save_workspace_action]
        # how the case logs write 03/04/2026, and who said so: a new book takes it; the open book's shows
        self.case_dates: tuple[str | None, str | None] = (None, None)
        self.case_timezone: str | None = None  # the command line's --case-timezone, for books opened from files
        self.dates_menu = CaseDatesMenu(parent)
        self.dates_menu.chosen.connect(self.choose_case_dates)

    def set(self, session: Session) -> None:
        """Show ``session`` (the window and pages follow ``changed``)."""
        self.session = session
        self.case_dates = (session.workspace.case_dates, session.workspace.case_dates_from)
        self.dates_menu.show_order(session.workspace.case_dates)
        self.changed.emit(session)
        heap.settled()
        self.stale.stop()
        if (when := present.goes_stale(session)) is not None:
            self.stale.start(present.wait_ms(when))

    def catch_up(self) -> None:
        """Judge the book again at the present minute (and on the new day after midnight), in the background; a
        user's own operation goes first."""
        session = self.session
        if session is None or session.workspace.as_of is not None or not self._parent.isVisible():
            return
        if self._operations.running:
            self.stale.start(60_000)
            return
        today = clock.today()
        self._operations.run(
            lambda cancel, progress: session.with_as_of(today, cancel), "Bringing the verdicts up to the present", self._caught_up
        )

    def _caught_up(self, session: Session) -> None:
        if self.session is None or session.as_of != self.session.as_of:
            self.as_of_set.emit(session.as_of)  # the toolbar turns to the new day without judging again
        self.set(session)

    # -- opening ----------------------------------------------------------------
    def choose_files(self, add: bool = False) -> None:
        start = str(QSettings().value(settings.LAST_FOLDER, str(Path.home())))
        title = "Add files to the book" if add else "Open contract book"
        files, _ = QFileDialog.getOpenFileNames(self._parent, title, start, OPEN_FILTER)
        if files:
            QSettings().setValue(settings.LAST_FOLDER, str(Path(files[0]).parent))
            self.open_files(files, add=add)

    def open_sample(self) -> None:
        self.open_files(sample_files())

    def open_files(self, files: list[str], add: bool = False) -> None:
        workspace = view_model.files_workspace(self.session, files, add, self._as_of())
        if not add or self.session is None:  # a new book: the case-log date order in use, the command line's zone
            workspace.case_dates, workspace.case_dates_from = self.case_dates
            workspace.case_timezone = self.case_timezone
        self.open_workspace(workspace)

    def stopped(self) -> None:
        """An operation failed or was cancelled: the open book's case-log date order is still the one in use, so
        File ▸ Case Log Dates shows it again (a re-read that failed left the new choice checked)."""
        if self.session is not None:
            self.case_dates = (self.session.workspace.case_dates, self.session.workspace.case_dates_from)
            self.dates_menu.show_order(self.session.workspace.case_dates)

    def use_command_line(self, case_dates: str | None, case_timezone: str | None) -> None:
        """`explorer gui --case-dates --case-timezone`: for the books opened from files (a workspace given beside
        them takes them in open_workspace_file)."""
        self.case_timezone = case_timezone
        if case_dates:
            self.case_dates = (case_dates, "--case-dates")
            self.dates_menu.show_order(case_dates)

    def choose_case_dates(self, case_dates: str | None) -> None:
        """File ▸ Case Log Dates: the open book read again with the order stated (or left to the logs' dates)."""
        self.case_dates = (case_dates, APP_SETTING if case_dates else None)
        session = self.session
        if session is not None and session.workspace.case_dates != case_dates:
            workspace = dataclasses.replace(session.workspace, case_dates=case_dates, case_dates_from=self.case_dates[1])
            self.open_workspace(workspace)

    def open_workspace(self, workspace: Workspace) -> None:
        """Open what a workspace names, in the background."""
        catalog = self.catalog if workspace.catalog is None else None

        def load(cancel: CancelToken, progress: Callable[[str], None]) -> Session:
            heap.reading()
            with heap.long_lived():
                return load_session(workspace, catalog, progress, cancel, skip_unreadable=True)

        self._operations.run(load, f"Opening {', '.join(Path(f).name for f in workspace.all_files)}", self._opened)

    def reload(self) -> None:
        if self.session:
            self.open_workspace(self.session.workspace)

    def judge(self, as_of: date) -> None:
        """The open book judged on another day, in the background."""
        session = self.session
        if session is None or session.as_of == as_of:
            return
        self._operations.run(
            lambda cancel, progress: session.with_as_of(as_of, cancel), f"Judging the book as of {as_of}", self.set
        )

    def _opened(self, session: Session) -> None:
        if session.files != sample_files():
            self._remember(session.files)
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.watcher.addPaths([f for f in session.files if Path(f).exists()])
        self.set(session)
        self.opened.emit(session)
        offer = next((u for u in session.book.unread if u.mappable and (u.file, u.sheet, u.reason) not in self._offered), None)
        if offer is not None:
            self._offered.add((offer.file, offer.sheet, offer.reason))
            self.map_columns(offer.file, offer.sheet or None)

    def _file_changed(self, path: str) -> None:
        if not self.session or path not in self.session.files:
            return
        self.file_changed.emit(path)
        if Path(path).exists() and path not in self.watcher.files():
            self.watcher.addPath(path)  # editors that save by replacing the file drop the watch

    # -- workspaces -------------------------------------------------------------
    def choose_workspace(self) -> None:
        start = str(QSettings().value(settings.LAST_WORKSPACE_FOLDER, str(Path.home())))
        name, _ = QFileDialog.getOpenFileName(self._parent, "Open workspace", start, WORKSPACE_FILTER)
        if name:
            self.open_workspace_file(name)

    def open_workspace_file(
        self,
        path: str,
        as_of: date | None = None,
        files: Sequence[str] = (),
        case_dates: str | None = None,
        case_timezone: str | None = None,
    ) -> None:
        """Open a saved workspace; the command line's as-of day, files, case time zone and case-log date order, when
        given, win over it (as in the CLI)."""
        try:
            opened = open_workspace(path)
        except WorkspaceError as exc:
            show_error(self._parent, exc)
            return
        if as_of is not None:
            opened.workspace.as_of = None if as_of == clock.today() else as_of
        for name in (str(resolved(f)) for f in files):
            if name not in opened.workspace.all_files:
                opened.workspace.files.append(name)
        if case_timezone:
            opened.workspace.case_timezone = case_timezone
        if case_dates:
            opened.workspace.case_dates, opened.workspace.case_dates_from = case_dates, "--case-dates"
        QSettings().setValue(settings.LAST_WORKSPACE_FOLDER, str(Path(path).parent))
        if opened.missing:
            messages.warning(
                self._parent,
                "Some files are missing",
                "These files named in the workspace cannot be opened; the rest is opened:\n\n"
                + "\n".join(opened.missing_lines()),
            )
        if opened.workspace.all_files:
            self.as_of_set.emit(opened.workspace.day())
            self.open_workspace(opened.workspace)

    def save_workspace(self, target: str | None = None) -> None:
        session = self.session
        if session is None:
            return
        if target is None:
            folder = Path(str(QSettings().value(settings.LAST_WORKSPACE_FOLDER, str(Path.home()))))
            start = session.workspace.path or str(folder / f"workspace{WORKSPACE_SUFFIX}")
            target, _ = QFileDialog.getSaveFileName(self._parent, "Save workspace", start, WORKSPACE_FILTER)
            if not target:
                return
        try:
            written = session.workspace.save(target)
        except OutputError as exc:
            show_error(self._parent, exc)
            return
        QSettings().setValue(settings.LAST_WORKSPACE_FOLDER, str(written.parent))
        self.message.emit(f"Workspace saved: {written}")

    # -- mapping columns ----------------------------------------------------------
    def map_columns(self, file: str | None = None, sheet: str | None = None) -> None:
        """File → Map Columns…, and after opening a file that holds data the importer could not read."""
        from explorer.app.session import mapping_lookup

        session = self.session
        if session is None:
            self.choose_files()
            return
        try:
            lookup = mapping_lookup(session.workspace, session.catalog)
            dialog = MapColumnsDialog(self._parent, session.workspace.all_files, session.catalog, lookup, file, sheet)
        except Exception as exc:  # show_error re-raises anything that is not bad input
            show_error(self._parent, exc)
            return
        self.map_dialog = dialog
        dialog.accepted.connect(lambda: self._mapped(dialog))
        dialog.open()

    def _mapped(self, dialog: MapColumnsDialog) -> None:
        from explorer.importing.mappings import MappingStore

        session = self.session
        if session is None:
            return
        try:
            MappingStore(session.catalog).save(dialog.mapping())
        except Exception as exc:  # show_error re-raises anything that is not bad input
            show_error(self._parent, exc)
            return
        self.message.emit(f"Column mapping saved for {Path(dialog.file).name}; reading it again")
        self.open_workspace(session.workspace)
