"""Five everyday questions, each answered in at most four inputs from a freshly opened sample book.

An input is one thing a user does: a key press or shortcut, a click, typing a word, picking from a list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from explorer.gui.customer_pane import CUSTOMER_TABS
from explorer.gui.main_window import MainWindow

from .test_main_window import texts

MOST = 4


class Inputs:
    """Counts what the user does, and does it through the real widgets."""

    def __init__(self, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.window, self.qtbot, self.count = window, qtbot, 0

    def key(self, sequence: str) -> None:
        self.count += 1
        QTest.keySequence(self.window, sequence)

    def type(self, widget, text: str) -> None:  # type: ignore[no-untyped-def]
        self.count += 1
        widget.setFocus()
        self.qtbot.keyClicks(widget, text)

    def pick(self, combo, text: str) -> None:  # type: ignore[no-untyped-def]
        self.count += 1
        assert combo.findText(text) >= 0, text
        combo.setCurrentIndex(combo.findText(text))

    def tab(self, name: str) -> None:
        self.count += 1
        bar = self.window.tabs.tabBar()
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(CUSTOMER_TABS.index(name)).center())


def column(model, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    return texts(model, model.column_index(title))


def test_which_renewal_requests_are_due_in_30_days(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    do = Inputs(window, qtbot)
    do.key("Ctrl+2")  # Upcoming
    upcoming = window.upcoming
    upcoming.days.lineEdit().selectAll()  # the number is selected on focus, as Tab into it does
    do.type(upcoming.days.lineEdit(), "30")
    do.pick(upcoming.events, "Add-on renewal request deadline")
    assert do.count <= MOST
    model = upcoming.model
    assert set(column(model, "Event")) == {"Add-on renewal request deadline"}
    assert set(column(model, "Customer")) >= {"Birch Health", "Northwind Hotels", "Tardy Telecom"}
    days = column(model, "Date")
    assert days and all(day <= "2026-12-28" for day in days), days  # within 30 days of 2026-11-28 (or overdue)


def test_who_is_over_the_named_contact_limit_and_who_they_are(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    do = Inputs(window, qtbot)
    do.key("Ctrl+3")  # the book's findings
    do.type(window.book_findings.search, "named contacts, but")
    model = window.book_findings.model
    shown = " ".join(str(model.data(model.index(0, c)) or "") for c in range(model.columnCount()))
    assert model.rowCount() == 1 and "7 named contacts, but 50% Dedicated MCSE allows 5" in shown
    do.count += 1  # a double-click on the finding opens its customer
    window.book_findings.view.doubleClicked.emit(model.index(0, 0))
    do.tab("Named Contacts")
    assert do.count <= MOST
    assert window.customers.selected_key() == "cascade capital"
    contacts = window.contacts.model
    named = [name for name, flag in zip(column(contacts, "Name"), column(contacts, "Named"), strict=True) if flag == "Yes"]
    assert len(named) == 7 and "7 of 5 named contacts" in window.contacts.indicator.text()


def test_did_we_meet_p1_last_quarter_for_one_customer(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    do = Inputs(window, qtbot)
    do.type(window.customers.search, "Cascade Capital")
    do.tab("SLA")
    do.pick(window.sla.period.combo, "Last quarter")
    assert do.count <= MOST
    assert "last quarter (2026-07-01 – 2026-09-30)" in window.sla.window_label.text()
    model = window.sla.compliance
    row = texts(model, 0).index("P1")
    assert texts(model, model.column_index("Compliance %"))[row].endswith("%")
    assert texts(model, 7)[row] in ("met", "under target")  # the answer, against the 95% target


def test_when_does_the_mcse_become_available(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    do = Inputs(window, qtbot)
    do.type(window.customers.search, "Cascade Capital")
    assert do.count <= MOST
    assert window.tabs.currentIndex() == CUSTOMER_TABS.index("Benefits")  # the first tab answers it
    tree = window.benefits.tree
    lines = [tree.topLevelItem(0).child(i) for i in range(tree.topLevelItem(0).childCount())]
    addons = next(g for g in lines if g.text(0).endswith("Add-On Resources"))
    mcse = next(addons.child(i) for i in range(addons.childCount()) if "MCSE" in addons.child(i).text(0))
    assert mcse.text(2) == "Available since 2026-07-04"


def test_which_customers_lapsed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    do = Inputs(window, qtbot)
    do.pick(window.customers.status, "Ended")
    assert do.count <= MOST
    statuses = column(window.customers.model, "Status")
    assert len(statuses) == int(window.customers.frame["ended"].sum()) > 0
    assert all(s.startswith("Ended 20") for s in statuses)  # with the day each lapsed, in full
