"""Text is text in the window: HTML, nested tables and file:// images in every field of a book show literally.

Qt takes a tooltip, a message box or an AutoText label for HTML when it looks like HTML;
a contract's region once loaded images and froze the app (issue 23). This book puts
markup into every field and checks what each view would show.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeWidget, QTreeWidgetItemIterator

from explorer.gui import messages
from explorer.gui.main_window import CUSTOMER_TABS, MainWindow

from .conftest import AS_OF, wait_idle

IMG = '<img src="file:///etc/hostname">'
TABLES = "<table><tr><td>" * 20 + "EMEA" + "</td></tr></table>" * 20
NAME = f"{IMG}Acme"
OTHER = "<h1>Big</h1> Co"


PAYLOADS = ("<img src=", "<table><tr>", "<table>APAC", "<b>owner", "<i>Okta", "<u>Gold", "<h1>Big", "<a href='file",
            "<marquee>", "<script>", "<p>DE", "<s>2027", "<z>/Zone", "<b>1</b>")  # fmt: skip


def hostile_book(folder: Path) -> list[str]:
    book = folder / "contracts.xlsx"
    workbook = xlsxwriter.Workbook(str(book), {"strings_to_formulas": False, "strings_to_urls": False})
    contracts = workbook.add_worksheet("Contracts")
    rows = [
        ["Account Name", "Product", "Support Tier", "Order Form Start", "Order Form End", "Region", "Time Zone",
         "Country", "MCSE", "Account Owner"],
        [NAME, "Okta", "Premier Plus", "2026-01-15", "2027-01-14", TABLES, "Europe/Berlin", "DE", "50% Dedicated MCSE",
         "<b>owner</b>"],
        [OTHER, "<i>Okta</i>", "<u>Gold</u>", "2026-02-01", "<s>2027</s>", "<marquee>EMEA</marquee>", "<z>/Zone",
         "<p>DE</p>", "", ""],
    ]  # fmt: skip
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            contracts.write_string(r, c, value)
    contacts = workbook.add_worksheet("Named contacts")
    people = [
        ["Account", "Full Name", "Email", "Region", "Named Contact?"],
        [NAME, '<img src="file:///etc/passwd">Ann', "<a href='file:///etc/passwd'>ann@x.test</a>", "<table>APAC", "Yes"],
    ]
    for r, row in enumerate(people):
        for c, value in enumerate(row):
            contacts.write_string(r, c, value)
    workbook.close()
    cases = folder / "cases.csv"
    cases.write_text(
        "Ticket ID,Organization,Product,Priority,Created at,First reply at,Environment\n"
        f'"<b>1</b>","{NAME}",Okta,P1,2026-11-04 08:22:00 UTC,2026-11-04 08:44:00 UTC,"<script>x</script>"\n'
    )
    return [str(book), str(cases)]


def shown(text: str, rich: bool | None) -> str:
    """What Qt draws for ``text``: rich True, plain False, None for Qt's guess (AutoText, tooltips)."""
    if rich is None:
        rich = QtGui.Qt.mightBeRichText(text)  # Qt's own guess (QtGui's Qt namespace holds it)
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def assert_literal(text: str, rich: bool | None, where: str) -> int:
    """Fails if a payload in ``text`` would be drawn as markup; returns 1 if a payload is drawn as written."""
    drawn = shown(text, rich) if text else ""
    for payload in PAYLOADS:
        if payload in text:
            assert payload in drawn, f"{where}: {text[:200]!r} is drawn as markup"
    return int(any(p in drawn for p in PAYLOADS))


def check_everything(window: MainWindow) -> int:
    seen = 0
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for row in range(min(model.rowCount(), 50)):
            for column in range(model.columnCount()):
                index = model.index(row, column, QModelIndex())
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and tip:
                    seen += assert_literal(tip, None, f"tooltip in {type(view).__name__}")
        if isinstance(view, QTreeWidget):
            items = QTreeWidgetItemIterator(view)
            while items.value():
                item = items.value()
                for column in range(view.columnCount()):
                    seen += assert_literal(item.toolTip(column), None, "tree tooltip")
                items += 1
    formats = {Qt.TextFormat.PlainText: False, Qt.TextFormat.RichText: True, Qt.TextFormat.AutoText: None}
    for label in window.findChildren(QLabel):
        rich = formats.get(label.textFormat())
        seen += assert_literal(label.text(), rich, f"label {label.objectName() or type(label.parent()).__name__}")
    for message in messages.shown:
        seen += assert_literal(message.text, False, "message box")
    return seen


def test_markup_in_every_field_shows_literally(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files(hostile_book(tmp_path))
    wait_idle(qtbot, window)
    assert window.session is not None
    seen = 0
    for page in range(window.pages.count()):
        window.pages.setCurrentIndex(page)
        seen += check_everything(window)
    window.pages.setCurrentIndex(0)
    for row in range(window.customers.model.rowCount()):
        window.customers.view.selectRow(row)
        for tab in range(len(CUSTOMER_TABS)):
            window.tabs.setCurrentIndex(tab)
            seen += check_everything(window)
    assert seen > 5  # the markup did reach tooltips and labels: the checks above had something to check


def test_a_long_name_without_spaces_wraps_and_keeps_the_window_narrow(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An email, a URL or a Salesforce ID pasted as the customer: the pane's heading wraps it; it once widened the
    window to 1,958 px for 100 characters (probe6), past a laptop's screen."""
    from ..files import write_csv

    name = "X" * 150
    book = write_csv(
        tmp_path / "long.csv", header=["Customer", "Product", "Tier", "Term Start", "Term End"],
        rows=[[name, "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )  # fmt: skip
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.open_files([str(book)])
    wait_idle(qtbot, window)
    window.customers.select(name.casefold())
    qtbot.wait(10)
    assert name in window.title.text().replace("\u200b", "")  # all of it, breakable
    assert window.minimumSizeHint().width() < 1200 and window.width() <= 1200
