"""The Renewal tab: the customer's renewal brief as it prints, with the program to compare with.

The page is the brief's own HTML and chart (explorer.gui.renewal_brief), shown as paper;
"Compare with" picks the program the evidence is judged against (the next one up by
default), and Export Renewal Brief… writes the page as shown. The tab asks a BriefSource
for the brief (the window's session), so a test can drive it without the window.

Signals: export_requested() when the user asks to export the brief shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from explorer.app import renewal
from explorer.app.renewal import NEXT_UP, RenewalBrief
from explorer.app.session import Session
from explorer.app.sheet import CustomerSheet
from explorer.gui import palette
from explorer.gui.flow_layout import FlowLayout
from explorer.gui.renewal_brief import chart_image
from explorer.outputs.renewal import CHART_URL, brief_html


class BriefSource(Protocol):
    def brief(self, sheet: CustomerSheet, program: str | None) -> RenewalBrief | None: ...
    def programs(self, key: str) -> list[str]: ...


class SessionBriefs:
    """Briefs from the session on show (None before a book is open)."""

    def __init__(self, session: Callable[[], Session | None]) -> None:
        self._session = session

    def brief(self, sheet: CustomerSheet, program: str | None) -> RenewalBrief | None:
        session = self._session()
        return None if session is None else renewal.brief_for(session, sheet.key, program, sheet)

    def programs(self, key: str) -> list[str]:
        session = self._session()
        return [] if session is None else renewal.program_choices(session, key)


def wire(tab: RenewalTab, session: Callable[[], Session | None], export: Callable[[str | None], None]) -> None:
    """The window's part: briefs from its session, and the tab's Export button to the export controller."""
    tab.source = SessionBriefs(session)
    tab.export_requested.connect(lambda: export(tab.program))


class RenewalTab(QWidget):
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: BriefSource | None = None
        self.sheet: CustomerSheet | None = None
        self.brief: RenewalBrief | None = None
        self.compare = QComboBox(self)
        self.compare.setAccessibleName("Compare with program")
        self.compare.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.compare.setMinimumContentsLength(len(NEXT_UP))  # the pane keeps its width at 16 pt
        self.compare.setToolTip("The program the term's real cases are judged against, on the same engine and as-of day")
        label = QLabel("Compare &with:", self)
        label.setBuddy(self.compare)
        self.export = QPushButton("Export Renewal Brief…", self)
        self.export.setAccessibleName("Export renewal brief")
        self.export.clicked.connect(self.export_requested)
        self.page = QTextBrowser(self)
        self.page.setAccessibleName("Renewal brief")
        self.page.setOpenLinks(False)
        paper = self.page.palette()  # the brief is paper, as it prints, whatever the screen's palette
        paper.setColor(QPalette.ColorRole.Base, QColor(palette.PAPER))
        paper.setColor(QPalette.ColorRole.Text, QColor(palette.PAPER_TEXT))
        self.page.setPalette(paper)
        pair = QWidget(self)
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.compare)
        bar = FlowLayout()  # wraps in a narrow pane or a large font instead of widening the window
        bar.addWidget(pair)
        bar.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(bar)
        layout.addWidget(self.page, 1)
        self.compare.currentIndexChanged.connect(self._refresh)

    @property
    def program(self) -> str | None:
        """The program chosen to compare with; None for the next program up (down from the top program)."""
        return None if self.compare.currentIndex() <= 0 else self.compare.currentText()

    def show_sheet(self, sheet: CustomerSheet) -> None:
        """The customer's brief, compared with the same program as before where the customer has it."""
        chosen = self.program
        self.sheet = sheet
        programs = self.source.programs(sheet.key) if self.source else []
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItems([NEXT_UP, *programs])
        self.compare.setCurrentIndex(max(self.compare.findText(chosen), 0) if chosen else 0)
        self.compare.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        sheet = self.sheet
        self.brief = self.source.brief(sheet, self.program) if self.source and sheet else None
        if self.brief is not None and self.program is None:  # say which way the default compares
            self.compare.setItemText(0, self.brief.default_choice)
        document = QTextDocument(self.page)
        document.setDocumentMargin(12)
        if self.brief is None:
            document.setPlainText("Open a contract book to see a customer's renewal brief.")
        else:
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), chart_image(self.brief, 2))
            document.setHtml(brief_html(self.brief, points=self.page.font().pointSizeF()))  # the reader's size
        self.page.setDocument(document)
        self.export.setEnabled(self.brief is not None)
