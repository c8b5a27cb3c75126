"""Help ▸ Support Terms: what the catalog applies per product and program, with its source wording.

The page is explorer.outputs.terms.terms_markdown, the document `explorer terms` prints and
the README holds, so the app, the CLI and the docs cannot drift. Find highlights every
match and walks them (Enter / F3 next, Shift+Enter / Shift+F3 previous); Print and Save as
PDF print the same document.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.atomic import OutputError, write_atomically
from explorer.catalog import Catalog, Product, Program
from explorer.gui import messages, settings
from explorer.outputs.terms import terms_markdown

if TYPE_CHECKING:  # printing is loaded on first use, as the entitlement sheet does, to keep start-up quick
    from PySide6.QtPrintSupport import QPrinter

EVERY_PRODUCT = "All products"
EVERY_PROGRAM = "All programs"


class TermsDialog(QDialog):
    """Non-modal, so the terms can stay open beside a customer."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.matches: list[QTextCursor] = []
        self.setWindowTitle(f"Support Terms — {catalog.title}")
        self.resize(980, 680)
        self.product = QComboBox(self)
        self.product.addItems([EVERY_PRODUCT, *(p.name for p in catalog.products.values())])
        self.product.setAccessibleName("Product")
        self.program = QComboBox(self)
        self.program.setAccessibleName("Program")
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Find in the terms (Enter: next, Shift+Enter: previous)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Find in the terms")
        self.search_box.installEventFilter(self)
        self.previous_button = self._tool_button("▲", "Previous match (Shift+F3)", lambda: self.find_next(backward=True))
        self.next_button = self._tool_button("▼", "Next match (F3)", self.find_next)
        self.found = QLabel(self)
        self.found.setAccessibleName("Matches")
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(True)
        self.text.setAccessibleName("Support terms")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = buttons.addButton("Save as PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_terms)
        self.pdf_button.clicked.connect(self.choose_pdf)
        buttons.rejected.connect(self.close)
        for button in buttons.buttons():  # Enter in the find box finds the next match, never presses a button
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        top = QHBoxLayout()
        for label, widget in (("&Product", self.product), ("Pro&gram", self.program)):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addWidget(self.found)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.product.currentIndexChanged.connect(self._product_changed)
        self.program.currentIndexChanged.connect(self.show_terms)
        self.search_box.textChanged.connect(lambda _: self.find_next(from_start=True))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, lambda: self.find_next(backward=True))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_terms)
        self._product_changed()
        self.search_box.setFocus()

    def _tool_button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    # -- what is shown -------------------------------------------------------------
    def chosen(self) -> tuple[Product | None, Program | None]:
        product = next((p for p in self.catalog.products.values() if p.name == self.product.currentText()), None)
        if product is None:
            return None, None
        program = next(
            (
                self.catalog.programs[pid]
                for pid in product.programs
                if self.catalog.programs[pid].name == self.program.currentText()
            ),
            None,
        )
        return product, program

    def markdown(self) -> str:
        return terms_markdown(self.catalog, *self.chosen())

    def _product_changed(self) -> None:
        product, _ = self.chosen()
        self.program.blockSignals(True)
        self.program.clear()
        self.program.addItem(EVERY_PROGRAM)
        if product is not None:
            self.program.addItems([self.catalog.programs[pid].name for pid in self.catalog.program_ids_by_rank(product)])
        self.program.setEnabled(product is not None)
        self.program.blockSignals(False)
        self.show_terms()

    def show_terms(self) -> None:
        self.text.setMarkdown(self.markdown())
        self.find_next(from_start=True)

    # -- find --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Enter in the find box: next match; Shift+Enter: previous; Esc clears it before closing."""
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.find_next(backward=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return True
            if event.key() == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
        return super().eventFilter(watched, event)

    def _collect_matches(self, needle: str) -> list[QTextCursor]:
        document = self.text.document()
        found: list[QTextCursor] = []
        cursor = document.find(needle, 0)
        while not cursor.isNull():
            found.append(cursor)
            cursor = document.find(needle, cursor)
        return found

    def find_next(self, backward: bool = False, from_start: bool = False) -> bool:
        """Select the next (or previous) match, wrapping round; every match stays highlighted."""
        needle = self.search_box.text()
        self.matches = self._collect_matches(needle) if needle else []
        self._highlight()
        if not needle:
            self.found.setText("")
            return False
        if not self.matches:
            self.found.setText("no match")
            return False
        here = -1 if from_start else self.text.textCursor().selectionStart()
        if backward:
            before = [i for i, m in enumerate(self.matches) if m.selectionStart() < here]
            index = before[-1] if before else len(self.matches) - 1
        else:
            after = [i for i, m in enumerate(self.matches) if m.selectionStart() > here]
            index = after[0] if after else 0
        self.text.setTextCursor(self.matches[index])
        self.text.ensureCursorVisible()
        self.found.setText(f"{index + 1} of {len(self.matches)}")
        return True

    def current_match(self) -> int:
        """The 0-based index of the selected match, or -1."""
        start = self.text.textCursor().selectionStart()
        return next((i for i, m in enumerate(self.matches) if m.selectionStart() == start), -1)

    def _highlight(self) -> None:
        """Every match on a translucent highlight, readable on light and dark palettes."""
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(90)
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        selections = []
        for cursor in self.matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    # -- print and PDF -----------------------------------------------------------------
    def printable(self) -> QTextDocument:
        """A copy of the page in the default (light) colours, whatever the screen's palette."""
        document = QTextDocument(self)
        document.setDefaultFont(self.text.font())
        document.setMarkdown(self.markdown())
        return document

    def print_terms(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        # Screen resolution: Markdown's pixel indents and spacing print as on screen (text stays vector)
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        if dialog.exec():
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        self.printable().print_(printer)

    def choose_pdf(self) -> None:
        folder = QSettings().value(settings.LAST_EXPORT_FOLDER) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        product, program = self.chosen()
        name = " ".join(x for x in ("Support terms", product.name if product else "", program.name if program else "") if x)
        target, _ = QFileDialog.getSaveFileName(
            self, "Save the support terms as PDF", str(Path(str(folder)) / f"{name}.pdf"), "PDF (*.pdf)"
        )
        if target:
            self.save_pdf(Path(target).with_suffix(".pdf"))

    def save_pdf(self, target: Path) -> Path | None:
        """Write the page as a PDF (atomically); a problem is a message, never a traceback."""

        from PySide6.QtPrintSupport import QPrinter

        def write(temp: Path) -> None:
            printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setDocName(self.windowTitle())
            printer.setOutputFileName(str(temp))
            self.print_to(printer)
            if temp.stat().st_size == 0:
                raise OSError(f"{target.name}: the PDF came out empty")

        try:
            written = write_atomically(target, write)
        except (OutputError, OSError) as exc:
            messages.error(self, "Support terms not saved", str(exc))
            return None
        QSettings().setValue(settings.LAST_EXPORT_FOLDER, str(written.parent))
        messages.written(self, "Support terms saved", "The support terms were saved as a PDF:", written)
        return written
