"""The main window: its layout and wiring, and nothing else.

The jobs live in controllers that need no window: loading and sessions (gui/sessions.py), exports and
printing (gui/exports.py), marks (gui/marks.py), compare (gui/compare.py) and settings
(gui/window_state.py). The window lays out the pages, the customer pane and the menus, and connects
them; every view is filled from the Session the session controller holds.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from explorer import clock
from explorer.app import view_model
from explorer.app.findings import row_customers
from explorer.app.session import Session
from explorer.catalog import Catalog, default_catalog
from explorer.gui import keyboard, messages, palette
from explorer.gui.actions import action, fill_menu
from explorer.gui.as_of import AsOfEdit
from explorer.gui.book_views import TimelineView, UpcomingView
from explorer.gui.cases_page import CasesPage
from explorer.gui.changed_bar import ChangedFilesBar
from explorer.gui.changes_page import ChangesPage
from explorer.gui.compare import CompareController
from explorer.gui.customer_list import CustomerList
from explorer.gui.customer_pane import CUSTOMER_TABS, CustomerPane
from explorer.gui.explain_dialog import ExplanationDialog, explain_case
from explorer.gui.exports import ExportController
from explorer.gui.findings_view import FindingsView
from explorer.gui.marks import MarksController
from explorer.gui.no_book import NoBookPane
from explorer.gui.no_match import NoMatchPane
from explorer.gui.operations import Operations, stop_all
from explorer.gui.sessions import SessionController, dropped_files, sample_files
from explorer.gui.status_line import StatusLine
from explorer.gui.terms_dialog import TermsDialog
from explorer.gui.window_state import WindowState
from explorer.logs import log_file
from explorer.model import customer_key

PAGES = ["Customers", "Upcoming", "Findings", "Timeline", "Cases"]
__all__ = ["CUSTOMER_TABS", "PAGES", "MainWindow", "sample_files"]


class MainWindow(QMainWindow):
    """Signals: loaded() after a book is shown, tab_filled(str) after a customer tab was filled, busy_changed(bool)."""

    terms: TermsDialog | None = None  # Help ▸ Support Terms, made on first use
    explanation: ExplanationDialog | None = None  # a case's SLA explanation, made on first use

    loaded = Signal()
    tab_filled = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, catalog: Catalog | None = None, as_of: date | None = None, persist: bool = True) -> None:
        super().__init__()
        self.setStyleSheet(palette.control_sheet(self.fontMetrics().height()))  # check boxes follow the font
        self.catalog = catalog or default_catalog()
        self.state = WindowState(persist, self)  # persist=False: no settings read or written (screenshots, tests)
        self.setWindowTitle("Entitlement Explorer")
        self.setAcceptDrops(True)
        self.status = StatusLine(self.statusBar(), self.cancel)
        self.status_label = self.status.label
        # background work: the status line shows its progress and is restored after a failure or Cancel
        self.operations = Operations(self, self.status_label.setText, self._set_busy, self._stopped)
        self.sessions = SessionController(self, self.operations, self.catalog, self.as_of_value, self.state.remember)
        self._build_toolbar(as_of or clock.today())
        self._build_pages()
        self.exports = ExportController(self, self.operations, lambda: self.session, self.customers, self.pane.renewal)
        self.marks = MarksController(lambda: self.session, self)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.exports.report_action)
        self.changes = ChangesPage(lambda: self.session, self)
        self.compare = CompareController(self.changes, lambda: self.session, self.customers, self.pane)
        self._add_page(self.changes, "Changes")
        self._build_menus()
        self._wire()
        self.state.restore(self, self.splitter, self._views())

    @property
    def session(self) -> Session | None:
        return self.sessions.session

    # -- layout -----------------------------------------------------------------
    def _build_toolbar(self, as_of: date) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        for made in (self.sessions.open_action, self.sessions.add_action, self.sessions.reload_action):
            bar.addAction(made)
        bar.addSeparator()
        bar.addWidget(QLabel(" As of ", self))
        self.as_of_edit = AsOfEdit(as_of, self)
        bar.addWidget(self.as_of_edit)
        today = QPushButton("Today", self)
        today.setAccessibleName("Set the as-of date to today")
        today.clicked.connect(lambda: self.as_of_edit.setDate(QDate(*clock.today().timetuple()[:3])))
        bar.addWidget(today)
        self.toolbar = bar

    def _build_pages(self) -> None:
        self.customers = CustomerList(self)
        self.pane = CustomerPane(self)
        pane = self.pane
        self.title, self.tabs, self.benefits, self.contacts = pane.title, pane.tabs, pane.benefits, pane.contacts
        self.key_dates, self.sla, self.customer_findings = pane.key_dates, pane.sla, pane.findings
        self.no_match = NoMatchPane(self)
        self.detail = QStackedWidget(self)  # the customer's tabs, or the empty state when the filter hides all
        self.detail.addWidget(pane)
        self.detail.addWidget(self.no_match)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.customers)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([600, 800])
        self.splitter.setStretchFactor(0, 1)  # a narrow window takes most of its loss from the detail pane,
        self.splitter.setStretchFactor(1, 3)  # so the list's main columns still fit at 1024 px
        self.empty = NoBookPane(self)
        self.customer_page = QStackedWidget(self)
        self.customer_page.addWidget(self.empty)
        self.customer_page.addWidget(self.splitter)
        self.upcoming = UpcomingView(self)
        self.book_findings = FindingsView(with_customer=True, parent=self)
        self.timeline = TimelineView(self)
        self.cases_page = CasesPage(self)
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        for name, widget in zip(
            PAGES, (self.customer_page, self.upcoming, self.book_findings, self.timeline, self.cases_page), strict=True
        ):
            self.pages.addTab(widget, name)
        keyboard.bars_take_tab((self.tabs, "Customer tabs"), (self.pages, "Pages"))
        # Tab goes from the customer list to the customer's tab bar, into the tab shown, then on to the pages
        keyboard.chain(self.customers.view, pane.reasons, self.tabs.tabBar(), *pane.views(), self.pages.tabBar())
        self.changed_bar = ChangedFilesBar(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.changed_bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _add_page(self, page: QWidget, name: str) -> None:
        """A page after the first five; the View menu lists it, with Ctrl and Alt and its number, as it lists them."""
        self.pages.addTab(page, name)

    def _build_menus(self) -> None:
        sessions, exports = self.sessions, self.exports
        self.recent_menu = QMenu("Open Recent", self)
        quit_action = action("Quit", self, self.close, QKeySequence(QKeySequence.StandardKey.Quit))
        fill_menu(
            self.menuBar().addMenu("&File"),
            [sessions.open_action, sessions.add_action, sessions.dates_menu.menuAction(), sessions.sample_action]
            + [sessions.map_action, self.recent_menu.menuAction(), sessions.reload_action],
            [sessions.workspace_action, sessions.save_workspace_action],
            [self.changes.compare_action],
            [*exports.actions, self.changes.export_action],
            [quit_action],
        )
        view = self.menuBar().addMenu("&View")
        view.addAction(
            action("Filter Customers", self, lambda: self.go_to_customer(""), QKeySequence(QKeySequence.StandardKey.Find))
        )
        view.addSeparator()
        for i in range(self.pages.count()):  # PAGES, then the pages added after them (Changes)
            page = action(self.pages.tabText(i), self, partial(self.pages.setCurrentIndex, i))
            page.setShortcuts([QKeySequence(f"Ctrl+{i + 1}"), QKeySequence(f"Alt+{i + 1}")])
            view.addAction(page)
        view.addSeparator()
        self.tab_keys = keyboard.install(self, self.pages, self.tabs)
        terms = action("Support Terms", self, self.show_terms, QKeySequence("F1"))
        fill_menu(self.menuBar().addMenu("&Help"), [terms, action("About Entitlement Explorer", self, self.about)])
        self._fill_recent()
        self._set_loaded_actions(False)

    def _wire(self) -> None:
        sessions, customers = self.sessions, self.customers
        sessions.changed.connect(self.set_session)
        sessions.opened.connect(self._opened)
        sessions.message.connect(self.status_label.setText)
        sessions.file_changed.connect(self.changed_bar.show_file)
        sessions.as_of_set.connect(self.as_of_edit.set_quietly)
        sessions.opened.connect(self.changed_bar.hide)  # what changed on disk is what was just read
        self.state.recent_changed.connect(self._fill_recent)
        self.exports.message.connect(self.status_label.setText)
        self.marks.marked.connect(sessions.set)
        self.key_dates.done_toggled.connect(self.marks.mark_done)
        self.as_of_edit.dateChanged.connect(lambda: sessions.judge(self.as_of_value()))
        self.changed_bar.reload_requested.connect(sessions.reload)
        self.empty.open_requested.connect(lambda: sessions.choose_files())
        self.empty.sample_requested.connect(sessions.open_sample)
        customers.customer_selected.connect(self.show_customer)
        customers.filter_changed.connect(self._update_status)
        customers.filter_changed.connect(self._list_filter_to_pages)
        self.no_match.clear_requested.connect(customers.clear_filters)
        for page in (self.upcoming, self.book_findings, self.timeline):
            page.note.clear_requested.connect(customers.clear_filters)
        for source in (self.upcoming, self.timeline, self.changes):
            source.customer_requested.connect(self.go_to_customer)
        self.book_findings.customer_requested.connect(lambda name: self.go_to_customer(customer_key(name)))
        self.cases_page.customer_requested.connect(self._open_case_customer)
        self.cases_page.case_requested.connect(self.explain_case)
        self.sla.case_requested.connect(self.explain_case)
        self.pane.tab_filled.connect(self.tab_filled)
        self.tab_filled.connect(self.compare.mark)  # a tab is filled when opened; its marks go on then
        self.loaded.connect(self.compare.session_shown)

    # -- showing ----------------------------------------------------------------
    def open_files(self, files: list[str], add: bool = False) -> None:
        self.sessions.open_files(files, add)

    def set_session(self, session: Session) -> None:
        """Show ``session`` in every view (the session controller calls this whenever it holds another one)."""
        if self.sessions.session is not session:
            self.sessions.set(session)
            return
        keep = self.customers.selected_key()
        self.customer_page.setCurrentWidget(self.splitter)
        self.customers.set_overview(session.overview, keep)
        self.upcoming.set_session(session)
        self.book_findings.set_findings_later(session.findings, row_customers(session.findings, session.book.contracts))
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

    def _opened(self, session: Session) -> None:  # a file not read: the rest is open, the failure in Findings too
        if note := view_model.unread_note(session):
            self.status_label.setText(f"{note} · {self.status_label.text()}")

    def show_customer(self, key: str) -> None:
        session = self.session
        sheet = session.sheet(key) if session is not None and key else None
        if sheet is None and session is not None and not self.customers.model.rowCount():
            self.no_match.show_filter(self.customers.filter_text(), len(self.customers.frame))
            self.detail.setCurrentWidget(self.no_match)
        elif sheet is not None:
            self.detail.setCurrentWidget(self.pane)
        self.pane.show_sheet(sheet)

    def explain_case(self, case_id: str) -> None:
        self.explanation = explain_case(self, self.session, case_id, self.explanation)

    def go_to_customer(self, key: str) -> None:
        """The customer on the Customers page (the filter cleared if it hides it); no key: the filter."""
        self.pages.setCurrentIndex(0)
        if not key:
            self.customers.focus_filter()
        elif not self.customers.select(key):
            self.customers.clear_filters()
            self.customers.select(key)

    def _open_case_customer(self, key: str) -> None:
        self.go_to_customer(key)
        self.pane.show_tab("SLA")

    def _list_filter_to_pages(self) -> None:
        """Book pages that follow the customer list get the keys it shows (None when it shows everyone)."""
        keys = None if self.customers.shown() == self.customers.total() else self.customers.visible_keys()
        for page in (self.upcoming, self.book_findings, self.timeline, self.cases_page):
            page.set_list_filter(keys, self.customers.filter_note())

    def as_of_value(self) -> date:
        return self.as_of_edit.value()

    # -- busy, status -------------------------------------------------------------
    def cancel(self) -> None:
        self.operations.cancel()

    def _set_busy(self, busy: bool) -> None:
        self.status.set_busy(busy)
        self.busy_changed.emit(busy)

    @property
    def busy(self) -> bool:
        return self.operations.running

    def _set_loaded_actions(self, loaded: bool) -> None:
        for made in (*self.sessions.loaded_actions, *self.exports.actions):
            made.setEnabled(loaded)

    def _stopped(self) -> None:  # an operation failed or was cancelled: the controls show the open book again
        self.sessions.stopped()
        self._update_status()

    def _update_status(self) -> None:
        self.status_label.setText(view_model.status_line(self.session, self.customers.shown(), self.customers.total()))

    # -- recent files, settings, drops, about ------------------------------------
    def _fill_recent(self) -> None:
        self.state.fill_recent(self.recent_menu, self.sessions.open_files)

    def _views(self) -> list[QTableView]:
        return [self.customers.view, *self.pane.tables(), self.upcoming.view, self.book_findings.view]

    def closeEvent(self, event: QCloseEvent) -> None:
        self.state.save(self, self.splitter, self._views())
        self.sessions.stale.stop()  # no judging again for a window that is gone
        stop_all()  # the window's, its pages' and its dialogs' background work
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.sessions.open_files(files, add=self.session is not None)

    def show_terms(self) -> TermsDialog:
        """Help ▸ Support Terms for the catalog in use (one window, made again when the catalog changes)."""
        catalog = self.session.catalog if self.session is not None else self.catalog
        if self.terms is None or self.terms.catalog is not catalog:
            self.terms = TermsDialog(catalog, self)
        self.terms.show()
        return self.terms

    def about(self) -> None:
        messages.info(self, "About Entitlement Explorer", view_model.about_text(self.catalog, str(log_file())))
