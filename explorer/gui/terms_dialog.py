"""Help ▸ Support Terms: what the catalog applies, per product and program, searchable and printable.

The text is explorer.outputs.terms.catalog_terms, the same text `explorer terms` prints
and the README's rules section shows, so the app, the CLI and the docs cannot drift.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.catalog import Catalog
from explorer.outputs.terms import catalog_terms

EVERY_PRODUCT = "All products"


class TermsDialog(QDialog):
    """Non-modal, so the terms can stay open beside a customer."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setWindowTitle(f"Support Terms — {catalog.title}")
        self.resize(980, 680)
        self.product = QComboBox(self)
        self.product.addItems([EVERY_PRODUCT, *(p.name for p in catalog.products.values())])
        self.product.setAccessibleName("Product")
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Find in the terms (Enter: next match)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Find in the terms")
        self.found = QLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Support terms")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_terms)
        buttons.rejected.connect(self.close)
        for button in buttons.buttons():  # Enter in the find box finds the next match, never presses a button
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("Product", self))
        top.addWidget(self.product)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.found)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.product.currentIndexChanged.connect(self.show_terms)
        self.search_box.textChanged.connect(lambda _: self.find_next(from_start=True))
        self.search_box.returnPressed.connect(self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search_box.setFocus)
        self.show_terms()

    def terms_text(self) -> str:
        name = self.product.currentText()
        product = next((p for p in self.catalog.products.values() if p.name == name), None)
        return catalog_terms(self.catalog, product)

    def show_terms(self) -> None:
        self.text.setPlainText(self.terms_text())
        self.find_next(from_start=True)

    def find_next(self, from_start: bool = False) -> bool:
        """Select the next match of the find box (wrapping); the count of matches shows beside it."""
        needle = self.search_box.text()
        if not needle:
            self.found.setText("")
            return False
        count = self.text.toPlainText().casefold().count(needle.casefold())
        self.found.setText(f"{count} match{'es' if count != 1 else ''}")
        if from_start:
            cursor = self.text.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.text.setTextCursor(cursor)
        if self.text.find(needle):
            return True
        cursor = self.text.textCursor()  # wrap round
        cursor.movePosition(cursor.MoveOperation.Start)
        self.text.setTextCursor(cursor)
        return bool(self.text.find(needle, QTextDocument.FindFlag(0)))

    def print_terms(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec():
            self.print_to(printer)

    def print_to(self, printer) -> None:  # type: ignore[no-untyped-def]
        self.text.document().print_(printer)
