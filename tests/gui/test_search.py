"""One filter box searches names, contacts, emails, case IDs and extra columns, and says what matched."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from explorer.gui import settings
from explorer.gui.main_window import MainWindow

from .test_main_window import texts


def match_texts(window: MainWindow) -> list[str]:
    return texts(window.customers.model, window.customers.model.column_index("Match"))


def test_search_by_contact_email(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    contact = next(c for c in window.session.book.contacts if c.email and c.customer.strip() == "Coho Insurance")
    qtbot.keyClicks(window.customers.search, contact.email[:12])
    names = texts(window.customers.model, 0)
    assert "Coho Insurance" in names
    row = names.index("Coho Insurance")
    assert match_texts(window)[row].startswith("email: ")
    assert contact.email[:12].casefold() in match_texts(window)[row].casefold()
    match = window.customers.model.column_index("Match")
    assert not window.customers.view.isColumnHidden(match)  # the explanation shows
    window.customers.search.setText("coho")  # a name match needs no explanation, and the column goes away
    assert texts(window.customers.model, 0) == ["Coho Insurance"]
    assert match_texts(window) == [""]
    assert window.customers.view.isColumnHidden(match)


def test_search_by_contact_name_and_case_id(window: MainWindow) -> None:
    contact = next(c for c in window.session.book.contacts if c.name)
    window.customers.search.setText(contact.name)
    assert contact.customer.strip() in texts(window.customers.model, 0)
    case = window.session.sla.cases.iloc[10]
    window.customers.search.setText(str(case["case_id"]))
    assert texts(window.customers.model, 0) == [str(case["customer"]).strip()]
    assert match_texts(window) == [f"case: {case['case_id']}"]


def test_search_by_an_extra_column_and_my_accounts(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    owners = {c.customer.strip() for c in window.session.book.contracts if c.extra.get("Account Owner") == "AM 3"}
    assert owners
    window.customers.search.setText("Account Owner: AM 3")
    assert set(texts(window.customers.model, 0)) == owners
    assert set(match_texts(window)) == {"Account Owner: AM 3"}
    QSettings().remove(settings.MY_ACCOUNTS)
    window.customers._show_my_accounts()
    assert not window.customers.my_accounts.isEnabled()
    qtbot.mouseClick(window.customers.save_mine, Qt.MouseButton.LeftButton)
    assert QSettings().value(settings.MY_ACCOUNTS) == "Account Owner: AM 3"  # kept between sessions
    assert window.customers.search.text() == "" and window.customers.my_accounts.isChecked()
    assert set(texts(window.customers.model, 0)) == owners
    window.customers.my_accounts.setChecked(False)
    assert window.customers.model.rowCount() == len(window.customers.frame)
    # a new window (a new session of the app) finds the saved filter
    again = MainWindow(persist=False)
    qtbot.addWidget(again)
    assert again.customers.my_accounts.isEnabled()
    assert "AM 3" in again.customers.my_accounts.toolTip()
    QSettings().remove(settings.MY_ACCOUNTS)


def test_book_pages_follow_the_customer_filter(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from explorer.gui.main_window import PAGES

    window.customers.search.setText("bank")
    shown = set(texts(window.customers.model, 0))
    total = len(window.customers.frame)
    window.pages.setCurrentIndex(PAGES.index("Upcoming"))
    window.upcoming.days.setValue(3650)
    customers = set(texts(window.upcoming.model, 1))
    assert customers and customers <= shown
    assert window.upcoming.note.isVisible()
    assert f"filtered: {len(shown)} of {total} customers" in window.upcoming.note.label.text()
    window.pages.setCurrentIndex(PAGES.index("Findings"))
    assert set(texts(window.book_findings.model, 1)) <= shown
    window.pages.setCurrentIndex(PAGES.index("Timeline"))
    assert {r.key for r in window.timeline.canvas.rows} <= {s.casefold() for s in shown}
    qtbot.mouseClick(window.timeline.note.button, Qt.MouseButton.LeftButton)
    assert window.customers.search.text() == "" and not window.timeline.note.isVisible()
    assert len({r.key for r in window.timeline.canvas.rows}) == total
