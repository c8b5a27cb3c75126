"""Every control is reachable with Tab and has a name a screen reader can say; no view traps the Tab key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from explorer.gui.main_window import PAGES, MainWindow

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar, QPlainTextEdit, QTextEdit)


def _ours(widget: QWidget, window: MainWindow) -> bool:
    """A control of the window's own (not a part Qt builds inside a spin box, or a combo box's popup list)."""
    return widget.window() is window and not widget.objectName().startswith("qt_") and not isinstance(widget.parent(), QComboBox)


def controls(root: QWidget, window: MainWindow, visible: bool = False) -> list[QWidget]:
    found = [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, CONTROLS) and w.focusPolicy() & Qt.FocusPolicy.TabFocus and _ours(w, window)
    ]
    return [w for w in found if w.isVisible() and w.isEnabled()] if visible else found


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessible name, or a button's own text."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        face = QAccessible.queryAccessibleInterface(widget)
        return face.text(QAccessible.Text.Name) if face is not None else ""
    return ""


def test_every_control_has_a_name(window: MainWindow) -> None:
    for page in range(window.pages.count()):  # book pages build their contents when first shown
        window.pages.setCurrentIndex(page)
    window.pages.setCurrentIndex(0)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
    found = controls(window, window)
    assert len(found) > 40
    nameless = [f"{type(w).__name__} in {type(w.parent()).__name__}" for w in found if not spoken_name(w).strip()]
    assert not nameless, nameless
    assert window.tabs.tabBar().accessibleName() == "Customer tabs" and window.pages.tabBar().accessibleName() == "Pages"


def test_no_view_keeps_the_tab_key(window: MainWindow) -> None:
    views = [v for v in window.findChildren(QAbstractItemView) if _ours(v, window)]
    assert len(views) >= 10
    assert [v.accessibleName() for v in views if v.tabKeyNavigation()] == []


def _cycle(qtbot, start: QWidget, backwards: bool = False, limit: int = 80) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press Tab (or Shift+Tab) from ``start`` until the focus comes back to it; the widgets it passed."""
    start.setFocus()
    assert QApplication.focusWidget() is start
    passed: list[QWidget] = []
    for _ in range(limit):
        here = QApplication.focusWidget()
        assert here is not None
        if backwards:
            qtbot.keyClick(here, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(here, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start:
            return passed
        assert now is not None and now is not here, f"Tab is stuck on {type(here).__name__} {here.accessibleName()!r}"
        passed.append(now)
    raise AssertionError(
        f"Tab never came back to {start.accessibleName()!r}: trapped in {[w.accessibleName() for w in passed[-6:]]}"
    )


def test_tab_from_the_filter_reaches_the_list_each_tab_and_back(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 700)
    search = window.customers.search
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        shown = controls(window.tabs.currentWidget(), window, visible=True)
        assert shown, window.tabs.tabText(tab)  # every tab has something to reach
        passed = _cycle(qtbot, search)
        order = [window.customers.view, window.tabs.tabBar(), *shown, window.pages.tabBar(), window.as_of_edit]
        assert all(w in passed for w in order), [spoken_name(w) for w in order if w not in passed]
        at = passed.index
        inside = [at(w) for w in shown]  # the tab's own controls, between its bar and the pages
        assert at(window.customers.view) < at(window.tabs.tabBar()) < min(inside)
        assert max(inside) < at(window.pages.tabBar()) < at(window.as_of_edit), [spoken_name(w) for w in passed]
        # the filter row first, each control once per round
        assert passed[0] is window.customers.product and len(passed) == len(set(passed))
        back = _cycle(qtbot, search, backwards=True)  # Shift+Tab is no trap either, and meets the same controls
        assert set(back) == set(passed)


def test_tab_walks_each_book_page(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    for page in range(1, window.pages.count()):
        window.pages.setCurrentIndex(page)
        shown = controls(window.pages.currentWidget(), window, visible=True)
        if window.pages.currentWidget() is window.timeline:
            shown.append(window.timeline.canvas)  # its rows are walked with the arrow keys
        assert shown, window.pages.tabText(page)
        passed = _cycle(qtbot, window.pages.tabBar())
        assert all(w in passed for w in shown), (PAGES[page] if page < len(PAGES) else page, [spoken_name(w) for w in shown])
        assert window.as_of_edit in passed and len(passed) == len(set(passed))


def test_the_dialogs_name_their_controls(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from explorer.gui.explain_dialog import ExplanationDialog
    from explorer.gui.export_dialog import ExportDialog
    from explorer.gui.main_window import sample_files
    from explorer.gui.map_columns import MapColumnsDialog

    dialogs = [
        ExportDialog(window, 47, 12, 1),
        MapColumnsDialog(window, sample_files()[:1], window.catalog),
        ExplanationDialog(window),
    ]
    for dialog in dialogs:
        dialog.show()
        if isinstance(dialog, MapColumnsDialog):  # its file is read on a worker thread first
            qtbot.waitUntil(lambda d=dialog: d.ready, timeout=60_000)
        found = [
            w
            for w in dialog.findChildren(QWidget)
            if isinstance(w, CONTROLS)
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.window() is dialog
            and not w.objectName().startswith("qt_")
            and not isinstance(w.parent(), QComboBox)
        ]
        assert found, type(dialog).__name__
        nameless = [f"{type(w).__name__} in {type(dialog).__name__}" for w in found if not spoken_name(w).strip()]
        assert not nameless, nameless
        dialog.close()
        dialog.deleteLater()
