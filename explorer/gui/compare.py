"""Compare: the Changes page kept in step with the book on show, and the changes marked where they show.

The controller talks to the Changes page, the customer list and the customer's tabs through the small
interfaces below, never to the window: after a comparison the list gets its "changed" notes and the
customer's tabs their marks; a new book on show is compared again (a reload) or ends the comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject

from explorer.app.diff import BookDiff
from explorer.app.session import Session
from explorer.gui.benefits_tab import BenefitsTab
from explorer.gui.change_marks import mark_customer
from explorer.gui.changes_page import ChangesPage
from explorer.gui.contacts_tab import ContactsTab
from explorer.gui.key_dates_tab import KeyDatesTab


class ChangedList(Protocol):
    """What comparing needs of the customer list."""

    def selected_key(self) -> str: ...
    def set_changed(self, changed: dict[str, str]) -> None: ...


class MarkedTabs(Protocol):
    """The customer's tabs that show changed values."""

    benefits: BenefitsTab
    contacts: ContactsTab
    key_dates: KeyDatesTab


def change_notes(diff: BookDiff | None) -> dict[str, str]:
    """Per changed customer key: 'Changed since old.xlsx: Renewed, 2 contact added'."""
    changed: dict[str, str] = {}
    if diff is None:
        return changed
    since = ", ".join(Path(f).name for f in diff.old_files)
    for key, kinds in diff.changes.groupby("key", sort=False)["Change"]:
        counted = kinds.value_counts()
        changed[str(key)] = f"Changed since {since}: " + ", ".join(
            f"{n} {str(k).lower()}" if n > 1 else str(k) for k, n in counted.items()
        )
    return changed


class CompareController(QObject):
    def __init__(
        self, page: ChangesPage, session: Callable[[], Session | None], customers: ChangedList, tabs: MarkedTabs
    ) -> None:
        super().__init__(page)
        self.page, self._session, self._customers, self._tabs = page, session, customers, tabs
        page.compared.connect(self.compared)

    def mark(self, key: str) -> None:
        """Mark the customer's changes in its tabs (call after the tabs were filled for it)."""
        session = self._session()
        if session is not None:
            mark_customer(self.page.diff, key, session, self._tabs.benefits, self._tabs.contacts, self._tabs.key_dates)

    def compared(self) -> None:
        self._customers.set_changed(change_notes(self.page.diff))
        self.mark(self._customers.selected_key())

    def session_shown(self) -> None:
        """Another session is on show: the same book judged again keeps its marks, a reload is compared
        again, another book ends the comparison."""
        page, session = self.page, self._session()
        if page.diff is None or session is None:
            return
        if session.book is page.compared_book:
            self.mark(self._customers.selected_key())
        elif sorted(session.files) == sorted(page.diff.new_files):
            page.compare_with(page.other_files)
        else:
            page.clear()
