"""Exports and printing: the report, the calendar, the entitlement sheets and the renewal briefs, for the
customers a scope covers.

The controller needs no window: a parent for its dialogs, the Operations its background writes run
through, the session on show and the customer list (which customers are shown and selected).

Signals: message(str) for the status line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from explorer.app import periods, view_model
from explorer.app.cancel import CancelToken
from explorer.app.periods import Period
from explorer.app.session import Session
from explorer.app.view_model import Scope
from explorer.gui import messages, renewal_tab, settings
from explorer.gui.actions import action
from explorer.gui.export_dialog import BRIEF, CALENDAR, REPORT, SHEET, ExportDialog, ExportKind
from explorer.gui.operations import Operations
from explorer.gui.renewal_tab import RenewalTab

NO_MATCH = "No customer matches the filter, so there is nothing to export."
Progress = Callable[[str], None]
Covered = tuple[Session, list[str] | None]  # the session, and the customers an export covers (None: all)


class Customers(Protocol):
    """What exports need of the customer list."""

    def total(self) -> int: ...
    def shown(self) -> int: ...
    def visible_keys(self) -> list[str]: ...
    def selected_keys(self) -> list[str]: ...


class ExportController(QObject):
    message = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        operations: Operations,
        session: Callable[[], Session | None],
        customers: Customers,
        renewal: RenewalTab | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent, self._operations, self._session, self._customers = parent, operations, session, customers
        if renewal is not None:  # the Renewal tab: briefs from the session on show, its Export button to here
            renewal_tab.wire(renewal, session, self.choose_briefs)
        self.report_action = action("Export Report…", self, self.choose_report, QKeySequence("Ctrl+E"))
        self.calendar_action = action("Export Calendar…", self, self.choose_calendar)
        self.sheet_action = action("Export Entitlement Sheet…", self, self.choose_sheets)
        self.brief_action = action("Export Renewal Brief…", self, self.choose_briefs)
        self.print_action = action("Print…", self, self.print_sheets, QKeySequence(QKeySequence.StandardKey.Print))
        self.actions: list[QAction] = [
            self.report_action,
            self.calendar_action,
            self.sheet_action,
            self.brief_action,
            self.print_action,
        ]

    def choose_report(self) -> None:
        if self._session() is None:
            return
        dialog = self.dialog(REPORT)
        if dialog.exec():
            self.export_report(dialog.target, dialog.scope, dialog.chosen_period)

    def choose_calendar(self) -> None:
        self._choose(CALENDAR, self.export_calendar)

    def choose_sheets(self) -> None:
        if self._session() is None:
            return
        dialog = self.dialog(SHEET, Scope.SELECTED)
        if dialog.exec():
            self.export_sheets(dialog.target, dialog.scope, dialog.internal.isChecked())

    def choose_briefs(self, program: str | None = None) -> None:
        """The renewal briefs, compared with ``program`` (the Renewal tab's choice) or the next program up."""
        self._choose(BRIEF, lambda target, scope: self.export_briefs(target, scope, program), Scope.SELECTED)

    def _choose(self, kind: ExportKind, export: Callable[[str, Scope], None], default: Scope = Scope.ALL) -> None:
        """Ask where to write and for which customers (the export dialog), then export."""
        if self._session() is None:
            return
        dialog = self.dialog(kind, default)
        if dialog.exec():
            export(dialog.target, dialog.scope)

    def dialog(self, kind: ExportKind, default: Scope = Scope.ALL) -> ExportDialog:
        shown, selected = self._customers.shown(), len(self._customers.selected_keys())
        return ExportDialog(self._parent, self._customers.total(), shown, selected, kind, default)

    def customers_for(self, scope: Scope) -> list[str] | None:
        visible, selected = self._customers.visible_keys(), self._customers.selected_keys()
        return view_model.export_customers(self._session(), scope, visible, selected)

    def covered(self, scope: Scope, hint: str = NO_MATCH, title: str = "Nothing to export") -> Covered | None:
        """The session and the customers ``scope`` covers (None: every customer); None without a book, or once
        the user is told (``title``, ``hint``) that the scope holds no customer."""
        session = self._session()
        if session is None:  # the export actions are disabled until a book is open
            return None
        customers = self.customers_for(scope)
        if customers == []:
            messages.info(self._parent, title, hint)
            return None
        return session, customers

    def export_sheets(self, target: str, scope: Scope = Scope.SELECTED, internal: bool = False) -> None:
        """The customers' entitlement sheets as one PDF, in the background (about 20 ms a customer): the
        customer's copy, or with ``internal`` the findings too."""
        covered = self.covered(scope, "Select the customers whose entitlement sheet you want.")
        if covered is None:
            return
        session, customers = covered

        def write(cancel: CancelToken, progress: Progress) -> tuple[Path, list[str]]:
            from explorer.gui.entitlement_sheet import write_pdf
            from explorer.outputs.customers import LazySheets
            from explorer.outputs.entitlement import errors

            drafts: dict[str, None] = {}  # customers whose sheet is marked DRAFT, noted as their sheets are made
            progress("Collecting the customers' entitlements")
            sheets = LazySheets(session, customers, cancel, made=lambda s: drafts.update({s.name: None} if errors(s) else {}))
            written = write_pdf(sheets, target, session.files, internal=internal, cancel=cancel, progress=progress)
            return written, list(drafts)

        self._operations.run(write, f"Exporting {Path(target).name}", lambda result: self._drafted(result, "Entitlement sheet"))

    def _drafted(self, result: tuple[Path, list[str]], kind: str) -> None:
        """An export of entitlement sheets or renewal briefs written: said, and where any customer's is marked DRAFT
        (the contract book has errors for it), which, and why: written, but not to be sent (each names the errors)."""
        written, drafts = result
        self._exported(written, kind)
        if drafts:
            whose = "sheets" if kind == "Entitlement sheet" else "briefs"
            messages.warning(
                self._parent,
                "Marked DRAFT",
                f"The contract book has errors for {', '.join(drafts)}: their {whose} are marked DRAFT and name the "
                "errors. Correct the book (see Findings) before sending them.",
            )

    def export_briefs(self, target: str, scope: Scope = Scope.SELECTED, program: str | None = None) -> None:
        """The customers' renewal briefs as one PDF, in the background, compared with ``program`` (None: the next
        program up)."""
        covered = self.covered(scope, "Select the customers whose renewal brief you want.")
        if covered is None:
            return
        session, customers = covered

        def write(cancel: CancelToken, progress: Progress) -> tuple[Path, list[str]]:
            from explorer.app.renewal import brief_for
            from explorer.gui.renewal_brief import write_pdf
            from explorer.outputs.customers import sheets_for
            from explorer.outputs.entitlement import errors

            sheets = sheets_for(session, customers, cancel)
            briefs = []
            for number, sheet in enumerate(sheets):
                cancel.check()
                progress(f"Renewal brief {number + 1:,} of {len(sheets):,}: {sheet.name}")
                if (brief := brief_for(session, sheet.key, program, sheet)) is not None:
                    briefs.append(brief)
            drafts = list(dict.fromkeys(b.sheet.name for b in briefs if errors(b.sheet)))  # marked DRAFT, as the sheet
            return write_pdf(briefs, target, session.files, cancel=cancel), drafts

        self._operations.run(write, f"Exporting {Path(target).name}", lambda result: self._drafted(result, "Renewal brief"))

    def print_sheets(self) -> None:
        from explorer.gui.entitlement_sheet import print_dialog
        from explorer.outputs.customers import sheets_for

        hint = "Select the customers whose entitlement sheet you want to print."
        covered = self.covered(Scope.SELECTED, hint, "Nothing to print")
        if covered is None:
            return
        sheets = sheets_for(*covered)
        if print_dialog(self._parent, sheets):
            self.message.emit(f"Printed the entitlement sheet of {view_model.plural(len(sheets), 'customer')}")

    def export_report(self, target: str, scope: Scope = Scope.ALL, period: Period = periods.ALL) -> None:
        """The SLA report; compliance counts the cases opened in ``period`` (explorer.app.periods)."""

        def write(session: Session, customers: list[str] | None, cancel: CancelToken, progress: Progress) -> Path:
            from explorer.outputs.report.build import build_report
            from explorer.outputs.report.writer import write_report

            progress("Building the report")
            done = session.workspace.done_marks()
            marks = session.workspace.marks
            data = build_report(session.book, session.catalog, session.as_of, session.sla, customers, cancel, done, period, marks)
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
        self._operations.run(
            lambda cancel, progress: write(session, customers, cancel, progress),
            f"Exporting {Path(target).name}",
            lambda written: self._exported(written, what),
        )

    def _exported(self, target: Path, what: str = "Report") -> None:
        QSettings().setValue(settings.LAST_EXPORT_FOLDER, str(target.parent))
        self.message.emit(f"{what} written: {target}")
        messages.written(self._parent, f"{what} written", f"The {what.lower()} was written to", target)
