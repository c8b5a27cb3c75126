"""Window-wide keys: Ctrl+Tab / Ctrl+Shift+Tab walk every tab, Alt+1…9 jump to the book pages.

Ctrl+Tab goes through the customer's tabs on the Customers page and then on through the
book pages, so one key reaches every tab from wherever the focus is (a table would
otherwise keep Ctrl+Tab to itself).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDateEdit, QTabWidget, QWidget


def _holds(pages: QTabWidget, page: int, tabs: QTabWidget) -> bool:
    widget = pages.widget(page)
    return widget is not None and widget.isAncestorOf(tabs)


def stops(pages: QTabWidget, tabs: QTabWidget) -> list[tuple[int, int]]:
    """Every (page, customer tab) a user can land on; the customer tabs live on the page that holds them."""
    out: list[tuple[int, int]] = []
    for page in range(pages.count()):
        if _holds(pages, page, tabs):
            out += [(page, tab) for tab in range(tabs.count()) if tabs.isTabEnabled(tab)]
        elif pages.isTabEnabled(page):
            out.append((page, -1))
    return out


def current_stop(pages: QTabWidget, tabs: QTabWidget) -> tuple[int, int]:
    page = pages.currentIndex()
    return (page, tabs.currentIndex()) if _holds(pages, page, tabs) else (page, -1)


def step(pages: QTabWidget, tabs: QTabWidget, delta: int) -> tuple[int, int]:
    """Move ``delta`` stops on (wrapping) and show that tab."""
    every = stops(pages, tabs)
    here = current_stop(pages, tabs)
    position = every.index(here) if here in every else 0
    page, tab = every[(position + delta) % len(every)]
    pages.setCurrentIndex(page)
    if tab >= 0:
        tabs.setCurrentIndex(tab)
    return page, tab


class DateEdit(QDateEdit):
    """A date edit that Tab leaves at once; QDateEdit would first walk its year, month and day
    (the arrow keys and typing still move between them)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002  (Qt's own name)
        return QWidget.focusNextPrevChild(self, next)


def bars_take_tab(*tab_widgets: tuple[QTabWidget, str]) -> None:
    """Tab reaches each tab widget's bar (named for screen readers), never the tab widget itself.

    A tab widget hands its focus to its bar (its focus proxy); where it sits in the focus chain it would
    send Tab back to that bar from further on, and trap it between the bars. The bar alone takes Tab.
    """
    for widget, name in tab_widgets:
        widget.tabBar().setAccessibleName(name)
        widget.setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes None: no proxy
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)


def chain(*widgets: QWidget) -> None:
    """Tab visits these widgets in this order (hidden ones, on other tabs, are passed over)."""
    for before, after in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(before, after)


def install(window: QWidget, pages: QTabWidget, tabs: QTabWidget) -> list[QShortcut]:
    made = []
    for keys, delta in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.activated.connect(lambda d=delta: step(pages, tabs, d))
        made.append(shortcut)
    return made
