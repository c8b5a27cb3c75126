"""The main window: customer list and per-customer tabs, book-wide views, toolbar, menus.

It only wires widgets to the Qt-free core: loading and recomputing run as Tasks
off the GUI thread, and every view is filled from the Session.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QDate, QFileSystemWatcher, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from explorer import __version__
from explorer.app import view_model
from explorer.app.cancel import CancelToken
from explorer.app.errors import WorkspaceError
from explorer.app.session import Session, load_session
from explorer.app.sheet import CustomerSheet
from explorer.app.view_model import Scope
from explorer.app.workspace import SUFFIX as WORKSPACE_SUFFIX
from explorer.app.workspace import DateKey, Workspace, open_workspace
from explorer.atomic import OutputError
from explorer.catalog import Catalog, default_catalog
from explorer.gui import changes_page, keyboard, messages, palette, recent, settings
from explorer.gui.benefits_tab import STATUS_INKS, BenefitsTab
from explorer.gui.book_views import TimelineView, UpcomingView
from explorer.gui.cases_page import CasesPage
from explorer.gui.contacts_tab import ContactsTab
from explorer.gui.customer_list import CustomerList
from explorer.gui.explain_dialog import ExplanationDialog
from explorer.gui.export_dialog import CALENDAR, REPORT, SHEET, ExportDialog, ExportKind
from explorer.gui.findings_view import FindingsView
from explorer.gui.key_dates_tab import KeyDatesTab
from explorer.gui.map_columns import MapColumnsDialog
from explorer.gui.no_match import NoMatchPane
from explorer.gui.operations import Operations, show_error
from explorer.gui.sla_tab import SlaTab
from explorer.gui.tables import restore_header, save_header
from explorer.gui.terms_dialog import TermsDialog
from explorer.importing.safety import SPREADSHEET_SUFFIXES, TEXT_SUFFIXES
from explorer.logs import log_file
from explorer.model import customer_key
from explorer.paths import resource_path
from explorer.sla.explain import explain

PAGES = ["Customers", "Upcoming", "Findings", "Timeline", "Cases"]
CUSTOMER_TABS = ["Benefits", "Named Contacts", "Key Dates", "SLA", "Findings"]
OPEN_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv);;All files (*)"
WORKSPACE_FILTER = f"Workspaces (*{WORKSPACE_SUFFIX} *.toml);;All files (*)"
T = TypeVar("T")
NO_MATCH = "No customer matches the filter, so there is nothing to export."
Progress = Callable[[str], None]
Covered = tuple[Session, list[str] | None]  # the session, and the customers an export covers (None: all)


def make_action(text: str, parent: QObject, slot: Callable[[], object], shortcut: QKeySequence | None = None) -> QAction:
    made = QAction(text, parent)
    if shortcut is not None:
        made.setShortcut(shortcut)
    made.triggered.connect(lambda checked=False: slot())
    return made


def sample_files() -> list[str]:
    return [str(resource_path("sample/contracts.xlsx")), str(resource_path("sample/cases.csv"))]


class MainWindow(QMainWindow):
    """Signals: loaded() after a book is shown, busy_changed(bool)."""

    terms: TermsDialog | None = None  # Help ▸ Support Terms, made on first use

    loaded = Signal()
    tab_filled = Signal(str)  # a customer tab was filled for this customer key (marks go on after)
    busy_changed = Signal(bool)

    def __init__(self, catalog: Catalog | None = None, as_of: date | None = None, persist: bool = True) -> None:
        super().__init__()
        self.persist = persist  # False: neither restore nor save window and column state (screenshots, tests)
        self.catalog = catalog or default_catalog()
        self.session: Session | None = None
        self.map_dialog: MapColumnsDialog | None = None
        self._offered: set[tuple[str, str, str]] = set()  # unread data the Map Columns dialog was offered for
        # background work: the status line shows its progress and is restored after a failure or Cancel
        self.operations = Operations(self, lambda text: self.status_label.setText(text), self._set_busy, self._update_status)
        self.setWindowTitle("Entitlement Explorer")
        self.setAcceptDrops(True)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self._build_toolbar(as_of or date.today())
        self._build_pages()
        self.changes = changes_page.attach(self)
        self._build_menus()
        self._build_status()
        self._restore_settings()

    # -- layout -----------------------------------------------------------------
    def _build_toolbar(self, as_of: date) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.open_action = make_action("Open…", self, self.choose_files, QKeySequence(QKeySequence.StandardKey.Open))
        self.add_action = make_action("Add Files…", self, lambda: self.choose_files(add=True), QKeySequence("Ctrl+Shift+O"))
        self.map_action = make_action("Map Columns…", self, self.map_columns)
        self.reload_action = make_action("Reload", self, self.reload, QKeySequence(QKeySequence.StandardKey.Refresh))
        self.export_action = make_action("Export Report…", self, self.choose_export, QKeySequence("Ctrl+E"))
        self.calendar_action = make_action("Export Calendar…", self, self.choose_calendar_export)
        self.sheet_action = make_action("Export Entitlement Sheet…", self, self.choose_sheet_export)
        self.print_action = make_action("Print…", self, self.print_sheets, QKeySequence(QKeySequence.StandardKey.Print))
        for action in (self.open_action, self.add_action, self.reload_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(QLabel(" As of ", self))
        self.as_of_edit = keyboard.DateEdit(QDate(as_of.year, as_of.month, as_of.day), self)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.setToolTip("Every status and SLA outcome is judged on this date")
        self.as_of_edit.setAccessibleName("As-of date")
        self.as_of_edit.dateChanged.connect(self._as_of_changed)
        bar.addWidget(self.as_of_edit)
        today = QPushButton("Today", self)
        today.setAccessibleName("Set the as-of date to today")
        today.clicked.connect(lambda: self.as_of_edit.setDate(QDate.currentDate()))
        bar.addWidget(today)
        bar.addSeparator()
        bar.addAction(self.export_action)

    def _build_pages(self) -> None:
        self.customers = CustomerList(self)
        self.customers.customer_selected.connect(self.show_customer)
        self.customers.filter_changed.connect(self._update_status)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setContentsMargins(4, 2, 4, 2)
        self.title.setWordWrap(True)  # a long name wraps instead of widening the window
        self.benefits = BenefitsTab(self)
        self.contacts = ContactsTab(self)
        self.key_dates = KeyDatesTab(self)
        self.sla = SlaTab(self)
        self.sla.case_requested.connect(self.explain_case)
        self.key_dates.done_toggled.connect(self.mark_done)
        self.explanation: ExplanationDialog | None = None
        self.customer_findings = FindingsView(with_customer=False, parent=self)
        self.tabs = QTabWidget(self)
        for name, widget in zip(
            CUSTOMER_TABS, (self.benefits, self.contacts, self.key_dates, self.sla, self.customer_findings), strict=True
        ):
            self.tabs.addTab(widget, name)
        self._sheet: CustomerSheet | None = None  # the customer the tabs show
        self._tabs_filled: set[int] = set()
        self.tabs.currentChanged.connect(self._fill_tab)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.tabs, 1)
        self.no_match = NoMatchPane(self)
        self.no_match.clear_requested.connect(self.customers.clear_filters)
        self.detail = QStackedWidget(self)  # the customer's tabs, or the empty state when the filter hides all
        self.detail.addWidget(right)
        self.detail.addWidget(self.no_match)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.customers)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([600, 800])
        self.splitter.setStretchFactor(0, 1)  # a narrow window takes most of its loss from the detail pane,
        self.splitter.setStretchFactor(1, 3)  # so the list's main columns still fit at 1024 px

        self.empty = QWidget(self)
        empty_layout = QVBoxLayout(self.empty)
        hint = QLabel(
            "<h2>No contract book is open</h2><p>Open your contract spreadsheets (.xlsx, .xls, .ods, .csv) "
            "with <b>File ▸ Open</b>, drop them on this window, or look around in the bundled sample.</p>",
            self.empty,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        open_button = QPushButton("Open contract book…", self.empty)
        open_button.clicked.connect(lambda: self.choose_files())
        sample_button = QPushButton("Open the sample", self.empty)
        sample_button.clicked.connect(self.open_sample)
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(sample_button)
        buttons.addStretch(1)
        empty_layout.addStretch(1)
        empty_layout.addWidget(hint)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(2)
        self.customer_page = QStackedWidget(self)
        self.customer_page.addWidget(self.empty)
        self.customer_page.addWidget(self.splitter)

        self.upcoming = UpcomingView(self)
        self.book_findings = FindingsView(with_customer=True, parent=self)
        self.timeline = TimelineView(self)
        self.upcoming.customer_requested.connect(self.go_to_customer)
        self.timeline.customer_requested.connect(self.go_to_customer)
        self.cases_page = CasesPage(self)
        self.cases_page.customer_requested.connect(self._open_case_customer)
        self.cases_page.case_requested.connect(self.explain_case)
        self.customers.filter_changed.connect(self._list_filter_to_pages)
        for page in (self.upcoming, self.book_findings, self.timeline):
            page.note.clear_requested.connect(self.customers.clear_filters)
        self.book_findings.customer_requested.connect(lambda name: self.go_to_customer(customer_key(name)))
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        for name, widget in zip(
            PAGES, (self.customer_page, self.upcoming, self.book_findings, self.timeline, self.cases_page), strict=True
        ):
            self.pages.addTab(widget, name)
        for widget, name in ((self.tabs, "Customer tabs"), (self.pages, "Pages")):
            widget.tabBar().setAccessibleName(name)
            # The tab widget hands its focus to its bar (its focus proxy); where it sits in the focus chain it
            # would send Tab back to that bar from further on, and trap it between the bars. The bar alone takes Tab.
            widget.setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes None: no proxy
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            widget.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # Tab goes from the customer list to the customer's tab bar, into the tab shown, then on to the pages
        keyboard.chain(
            self.customers.view,
            self.tabs.tabBar(),
            self.benefits.tree,
            self.contacts.view,
            self.key_dates.view,
            self.sla.targets_view,
            self.sla.compliance_view,
            self.sla.cases_view,
            self.customer_findings.view,
            self.pages.tabBar(),
        )

        self.changed_bar = QFrame(self)
        self.changed_bar.setObjectName("changed_bar")
        self.changed_bar.setStyleSheet(palette.banner_style("QFrame#changed_bar"))
        bar_layout = QHBoxLayout(self.changed_bar)
        bar_layout.setContentsMargins(8, 4, 8, 4)
        self.changed_label = QLabel(self.changed_bar)
        reload_button = QPushButton("Reload", self.changed_bar)
        reload_button.setAccessibleName("Reload the changed files")
        reload_button.clicked.connect(self.reload)
        dismiss = QPushButton("Dismiss", self.changed_bar)
        dismiss.setAccessibleName("Dismiss the changed-files note")
        dismiss.clicked.connect(self.changed_bar.hide)
        bar_layout.addWidget(self.changed_label, 1)
        bar_layout.addWidget(reload_button)
        bar_layout.addWidget(dismiss)
        self.changed_bar.hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.changed_bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        menu.addAction(self.open_action)
        menu.addAction(self.add_action)
        menu.addAction(make_action("Open Sample", self, self.open_sample))
        menu.addAction(self.map_action)
        self.recent_menu = menu.addMenu("Open Recent")
        menu.addAction(self.reload_action)
        menu.addSeparator()
        menu.addAction(make_action("Open Workspace…", self, self.choose_workspace))
        self.save_workspace_action = make_action(
            "Save Workspace…", self, lambda: self.save_workspace(), QKeySequence(QKeySequence.StandardKey.Save)
        )
        menu.addAction(self.save_workspace_action)
        menu.addSeparator()
        menu.addAction(self.changes.compare_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.calendar_action)
        menu.addAction(self.sheet_action)
        menu.addAction(self.print_action)
        menu.addAction(self.changes.export_action)
        menu.addSeparator()
        menu.addAction(make_action("Quit", self, self.close, QKeySequence(QKeySequence.StandardKey.Quit)))
        view = self.menuBar().addMenu("&View")
        find = make_action("Filter Customers", self, self._focus_filter, QKeySequence(QKeySequence.StandardKey.Find))
        view.addAction(find)
        view.addSeparator()
        for i, name in enumerate(PAGES):
            page = make_action(name, self, partial(self.pages.setCurrentIndex, i), QKeySequence(f"Ctrl+{i + 1}"))
            if i < 9:
                page.setShortcuts([QKeySequence(f"Ctrl+{i + 1}"), QKeySequence(f"Alt+{i + 1}")])
            view.addAction(page)
        view.addSeparator()
        self.tab_keys = keyboard.install(self, self.pages, self.tabs)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(make_action("Support Terms", self, self.show_terms, QKeySequence("F1")))
        help_menu.addAction(make_action("About Entitlement Explorer", self, self.about))
        self._fill_recent()
        self._set_loaded_actions(False)

    def _build_status(self) -> None:
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)  # wraps at 16 pt in a 1024 px window instead of being cut
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(self.cancel)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self._set_busy(False)

    # -- opening ----------------------------------------------------------------
    def choose_files(self, add: bool = False) -> None:
        start = str(QSettings().value(settings.LAST_FOLDER, str(Path.home())))
        files, _ = QFileDialog.getOpenFileNames(
            self, "Add files to the book" if add else "Open contract book", start, OPEN_FILTER
        )
        if files:
            QSettings().setValue(settings.LAST_FOLDER, str(Path(files[0]).parent))
            self.open_files(files, add=add)

    def open_sample(self) -> None:
        self.open_files(sample_files())

    def open_files(self, files: list[str], add: bool = False) -> None:
        self.open_workspace(view_model.files_workspace(self.session, files, add, self.as_of_value()))

    def open_workspace(self, workspace: Workspace) -> None:
        """Open what a workspace names."""
        catalog = self.catalog if workspace.catalog is None else None

        def load(cancel: CancelToken, progress: Callable[[str], None]) -> Session:
            return load_session(workspace, catalog, progress, cancel, skip_unreadable=True)

        self._run(load, f"Opening {', '.join(Path(f).name for f in workspace.all_files)}", self._opened)

    def reload(self) -> None:
        self.changed_bar.hide()
        if self.session:
            self.open_workspace(self.session.workspace)

    # -- workspaces -------------------------------------------------------------
    def choose_workspace(self) -> None:
        start = str(QSettings().value(settings.LAST_WORKSPACE_FOLDER, str(Path.home())))
        name, _ = QFileDialog.getOpenFileName(self, "Open workspace", start, WORKSPACE_FILTER)
        if name:
            self.open_workspace_file(name)

    def open_workspace_file(self, path: str) -> None:
        try:
            opened = open_workspace(path)
        except WorkspaceError as exc:
            self._show_error(exc)
            return
        QSettings().setValue(settings.LAST_WORKSPACE_FOLDER, str(Path(path).parent))
        if opened.missing:
            messages.warning(
                self,
                "Some files are missing",
                "These files named in the workspace were not found; the rest is opened:\n\n" + "\n".join(opened.missing),
            )
        workspace = opened.workspace
        if not workspace.all_files:
            return
        self.as_of_edit.blockSignals(True)
        day = workspace.day()
        self.as_of_edit.setDate(QDate(day.year, day.month, day.day))
        self.as_of_edit.blockSignals(False)
        self.open_workspace(workspace)

    def save_workspace(self, target: str | None = None) -> None:
        session = self.session
        if session is None:
            return
        if target is None:
            start = session.workspace.path or str(
                Path(str(QSettings().value(settings.LAST_WORKSPACE_FOLDER, str(Path.home())))) / f"workspace{WORKSPACE_SUFFIX}"
            )
            target, _ = QFileDialog.getSaveFileName(self, "Save workspace", start, WORKSPACE_FILTER)
            if not target:
                return
        try:
            written = session.workspace.save(target)
        except OutputError as exc:
            self._show_error(exc)
            return
        QSettings().setValue(settings.LAST_WORKSPACE_FOLDER, str(written.parent))
        self.status_label.setText(f"Workspace saved: {written}")

    def _opened(self, session: Session) -> None:
        self._remember(session.files)
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.watcher.addPaths([f for f in session.files if Path(f).exists()])
        self.set_session(session)
        failed = [Path(u.file).name for u in session.book.unread if not u.sheet and not u.mappable]
        if failed:  # the rest of the book is open; the failure is in Findings too
            self.status_label.setText(f"Not read: {', '.join(failed)} (see Findings) · {self.status_label.text()}")
        offer = next((u for u in session.book.unread if u.mappable and (u.file, u.sheet, u.reason) not in self._offered), None)
        if offer is not None:
            self._offered.add((offer.file, offer.sheet, offer.reason))
            self.map_columns(offer.file, offer.sheet or None)

    # -- mapping columns ----------------------------------------------------------
    def map_columns(self, file: str | None = None, sheet: str | None = None) -> None:
        """File → Map Columns…, and after opening a file that holds data the importer could not read."""
        from explorer.app.session import mapping_lookup

        session = self.session
        if session is None:
            self.choose_files()
            return
        try:
            dialog = MapColumnsDialog(
                self,
                session.workspace.all_files,
                session.catalog,
                mapping_lookup(session.workspace, session.catalog),
                file,
                sheet,
            )
        except Exception as exc:  # _show_error re-raises anything that is not bad input
            self._show_error(exc)
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
        except Exception as exc:  # _show_error re-raises anything that is not bad input
            self._show_error(exc)
            return
        self.status_label.setText(f"Column mapping saved for {Path(dialog.file).name}; reading it again")
        self.open_workspace(session.workspace)

    def _file_changed(self, path: str) -> None:
        if not self.session or path not in self.session.files:
            return
        self.changed_label.setText(f"{Path(path).name} has changed on disk. Reload to see the new version.")
        self.changed_bar.show()
        if Path(path).exists() and path not in self.watcher.files():
            self.watcher.addPath(path)  # editors that save by replacing the file drop the watch

    # -- showing ----------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        keep = self.customers.selected_key() if self.session else ""
        self.session = session
        self.customer_page.setCurrentWidget(self.splitter)
        self.customers.set_overview(session.overview, keep)
        self.upcoming.set_session(session)
        self.book_findings.set_findings_later(session.findings)
        self.timeline.set_session(session)
        self.cases_page.set_session(session)
        self.setWindowTitle(view_model.window_title(session))
        self._set_loaded_actions(True)
        if not self.customers.selected_key() and self.customers.model.rowCount():
            self.customers.view.selectRow(0)
        else:
            self.show_customer(self.customers.selected_key())
        self._update_status()
        focus = self.focusWidget()
        if focus is None or focus is self.as_of_edit or not focus.isVisible():
            self.customers.search.setFocus(Qt.FocusReason.OtherFocusReason)  # not the as-of year
        self.loaded.emit()

    def show_customer(self, key: str) -> None:
        session = self.session
        sheet = session.sheet(key) if session is not None and key else None
        if sheet is None:
            self._sheet = None
            self.title.setText("")
            if session is not None and not self.customers.model.rowCount():
                self.no_match.show_filter(self.customers.filter_text())
                self.detail.setCurrentWidget(self.no_match)
            return
        self.detail.setCurrentIndex(0)
        self.title.setText(
            f"<span style='font-size:14pt; font-weight:600'>{html.escape(sheet.name)}</span>"
            f"&nbsp;&nbsp;{palette.span(view_model.customer_summary(sheet), 'muted')}"
            f"&nbsp;&nbsp;{palette.span(sheet.state.label, STATUS_INKS[sheet.state.status])}"
        )
        self._sheet, self._tabs_filled = sheet, set()
        self._fill_tab(self.tabs.currentIndex())
        for tab, text in view_model.tab_titles(sheet).items():
            self.tabs.setTabText(CUSTOMER_TABS.index(tab), text)

    def _fill_tab(self, index: int) -> None:
        """Fill one tab from the customer shown. Only the tab in view is filled on a switch, the others
        when they are opened: a switch through a 10,000-customer list stays under 100 ms."""
        sheet = self._sheet
        if sheet is None or index < 0 or index in self._tabs_filled:
            return
        self._tabs_filled.add(index)
        tab = self.tabs.widget(index)
        if tab is self.customer_findings:
            self.customer_findings.set_findings(sheet.findings)
        elif isinstance(tab, BenefitsTab | ContactsTab | KeyDatesTab | SlaTab):
            tab.show_sheet(sheet)
        self.tab_filled.emit(sheet.key)

    def explain_case(self, case_id: str) -> None:
        session = self.session
        if session is None or session.sla is None:
            return
        if self.explanation is None:
            self.explanation = ExplanationDialog(self)
        self.explanation.show_text(case_id, explain(session.book, session.catalog, session.sla, case_id).text)

    def mark_done(self, key: DateKey, done: bool) -> None:
        """A key date ticked or cleared: kept in the workspace, statuses follow at once."""
        if self.session is not None:
            self.session.workspace.set_mark(key, done=done)
            self.set_session(self.session.with_marks())

    def go_to_customer(self, key: str) -> None:
        self.pages.setCurrentIndex(0)
        if not self.customers.select(key):
            self.customers.clear_filters()
            self.customers.select(key)

    def _open_case_customer(self, key: str) -> None:
        self.go_to_customer(key)
        self.tabs.setCurrentIndex(CUSTOMER_TABS.index("SLA"))

    def _list_filter_to_pages(self) -> None:
        """Book pages that follow the customer list get the keys it shows (None when it shows everyone)."""
        shown, total = self.customers.model.rowCount(), self.customers.model.total_rows
        keys = None if shown == total else self.customers.visible_keys()
        for page in (self.upcoming, self.book_findings, self.timeline, self.cases_page):
            page.set_list_filter(keys, self.customers.filter_note())

    def as_of_value(self) -> date:
        value = self.as_of_edit.date()
        return date(value.year(), value.month(), value.day())

    def _as_of_changed(self) -> None:
        session = self.session
        if session is None or session.as_of == self.as_of_value():
            return
        as_of = self.as_of_value()
        self._run(lambda cancel, progress: session.with_as_of(as_of, cancel), f"Judging the book as of {as_of}", self.set_session)

    # -- export -----------------------------------------------------------------
    def choose_export(self) -> None:
        self._choose(REPORT, self.export_report)

    def choose_calendar_export(self) -> None:
        self._choose(CALENDAR, self.export_calendar)

    def choose_sheet_export(self) -> None:
        self._choose(SHEET, self.export_sheets, Scope.SELECTED)

    def _choose(self, kind: ExportKind, export: Callable[[str, Scope], None], default: Scope = Scope.ALL) -> None:
        """Ask where to write and for which customers (the export dialog), then export."""
        if self.session is None:
            return
        dialog = self._export_dialog(kind, default)
        if dialog.exec():
            export(dialog.target, dialog.scope)

    def covered(self, scope: Scope, hint: str = NO_MATCH, title: str = "Nothing to export") -> Covered | None:
        """The session and the customers ``scope`` covers (None: every customer); None without a book, or once
        the user is told (``title``, ``hint``) that the scope holds no customer."""
        session = self.session
        if session is None:  # the export actions are disabled until a book is open
            return None
        customers = self.customers_for(scope)
        if customers == []:
            messages.info(self, title, hint)
            return None
        return session, customers

    def export_sheets(self, target: str, scope: Scope = Scope.SELECTED) -> None:
        from explorer.gui.entitlement_sheet import write_pdf
        from explorer.outputs.customers import sheets_for

        covered = self.covered(scope, "Select the customers whose entitlement sheet you want.")
        if covered is None:
            return
        session, customers = covered
        try:  # one page per customer takes well under a second each: no background task needed
            written = write_pdf(sheets_for(session, customers), target, session.files)
        except Exception as exc:  # show_error re-raises anything that is not bad input
            self._show_error(exc)
            return
        self._exported(written, "Entitlement sheet")

    def print_sheets(self) -> None:
        from explorer.gui.entitlement_sheet import print_dialog
        from explorer.outputs.customers import sheets_for

        hint = "Select the customers whose entitlement sheet you want to print."
        covered = self.covered(Scope.SELECTED, hint, "Nothing to print")
        if covered is None:
            return
        sheets = sheets_for(*covered)
        if print_dialog(self, sheets):
            self.status_label.setText(f"Printed the entitlement sheet of {len(sheets)} customer(s)")

    def _export_dialog(self, kind: ExportKind, default: Scope = Scope.ALL) -> ExportDialog:
        return ExportDialog(
            self, len(self.customers.frame), self.customers.model.rowCount(), len(self.customers.selected_keys()), kind, default
        )

    def customers_for(self, scope: Scope) -> list[str] | None:
        return view_model.export_customers(self.session, scope, self.customers.visible_keys(), self.customers.selected_keys())

    def export_report(self, target: str, scope: Scope = Scope.ALL) -> None:
        def write(session: Session, customers: list[str] | None, cancel: CancelToken, progress: Progress) -> Path:
            from explorer.outputs.report.build import build_report
            from explorer.outputs.report.writer import write_report

            progress("Building the report")
            done = session.workspace.done_marks()
            data = build_report(session.book, session.catalog, session.as_of, session.sla, customers, cancel, done=done)
            progress("Writing the workbook")
            return write_report(data, target, session.files, cancel)

        self._export(target, scope, "Report", write)

    def export_calendar(self, target: str, scope: Scope = Scope.ALL) -> None:
        def write(session: Session, customers: list[str] | None, cancel: CancelToken, progress: Progress) -> Path:
            from explorer.outputs.calendar import write_calendar
            from explorer.outputs.customers import sheets_for

            progress("Collecting key dates")
            sheets = sheets_for(session, customers, cancel)
            cancel.check()
            return write_calendar(sheets, target, session.files)

        self._export(target, scope, "Calendar", write)

    def _export(
        self,
        target: str,
        scope: Scope,
        what: str,
        write: Callable[[Session, list[str] | None, CancelToken, Progress], Path],
    ) -> None:
        """Write ``what`` for the customers ``scope`` covers, in the background (Cancel leaves no file)."""
        covered = self.covered(scope)
        if covered is None:
            return
        session, customers = covered
        self._run(
            lambda cancel, progress: write(session, customers, cancel, progress),
            f"Exporting {Path(target).name}",
            lambda written: self._exported(written, what),
        )

    def _exported(self, target: Path, what: str = "Report") -> None:
        QSettings().setValue(settings.LAST_EXPORT_FOLDER, str(target.parent))
        self.status_label.setText(f"{what} written: {target}")
        messages.written(self, f"{what} written", f"The {what.lower()} was written to", target)

    # -- background work ----------------------------------------------------------
    def _run(self, work: Callable[[CancelToken, Callable[[str], None]], T], what: str, done: Callable[[T], None]) -> None:
        """Run ``work`` in the background; a newer operation supersedes (and cancels) a running one."""
        self.operations.run(work, what, done)

    def _show_error(self, error: BaseException) -> None:
        show_error(self, error)

    def cancel(self) -> None:
        self.operations.cancel()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.busy_changed.emit(busy)

    @property
    def busy(self) -> bool:
        return self.operations.running

    def _set_loaded_actions(self, loaded: bool) -> None:
        for action in (
            self.reload_action,
            self.export_action,
            self.calendar_action,
            self.sheet_action,
            self.print_action,
            self.add_action,
            self.save_workspace_action,
        ):
            action.setEnabled(loaded)

    def _update_status(self) -> None:
        self.status_label.setText(
            view_model.status_line(self.session, self.customers.model.rowCount(), len(self.customers.frame))
        )

    def _focus_filter(self) -> None:
        self.pages.setCurrentIndex(0)
        self.customers.focus_filter()

    # -- recent files, settings, drops, about ------------------------------------
    def _remember(self, files: list[str]) -> None:
        if files != sample_files():
            recent.remember(files)
            self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        entries = recent.recent()
        for files in entries:
            self.recent_menu.addAction(make_action(recent.label(files), self, partial(self.open_files, files)))
        self.recent_menu.setEnabled(bool(entries))

    def _restore_settings(self) -> None:
        if not self.persist:
            self.resize(1400, 900)
            return
        store = QSettings()
        geometry = store.value(settings.WINDOW_GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        splitter = store.value(settings.WINDOW_SPLITTER)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        for view in self._views():
            restore_header(view)

    def _views(self) -> list[QTableView]:
        return [
            self.customers.view,
            self.contacts.view,
            self.key_dates.view,
            self.sla.targets_view,
            self.sla.compliance_view,
            self.sla.cases_view,
            self.customer_findings.view,
            self.upcoming.view,
            self.book_findings.view,
        ]

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.persist:
            store = QSettings()
            store.setValue(settings.WINDOW_GEOMETRY, self.saveGeometry())
            store.setValue(settings.WINDOW_SPLITTER, self.splitter.saveState())
            for view in self._views():
                save_header(view)
        self.operations.cancel()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.open_files(files, add=self.session is not None)

    def show_terms(self) -> TermsDialog:
        """Help ▸ Support Terms for the catalog in use (one window, made again when the catalog changes)."""
        catalog = self.session.catalog if self.session is not None else self.catalog
        if self.terms is None or self.terms.catalog is not catalog:
            self.terms = TermsDialog(catalog, self)
        self.terms.show()
        return self.terms

    def about(self) -> None:
        messages.info(
            self,
            "About Entitlement Explorer",
            f"Entitlement Explorer {__version__}\nCatalog {self.catalog.version}: {self.catalog.title}\n\n"
            "Okta and Auth0 support entitlements, key dates and SLA compliance from your contract "
            "spreadsheets. Runs fully offline; nothing is sent anywhere.\n\n"
            f"Log file: {log_file()}",
        )


def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    suffixes = SPREADSHEET_SUFFIXES | TEXT_SUFFIXES
    return [u.toLocalFile() for u in urls if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in suffixes]
