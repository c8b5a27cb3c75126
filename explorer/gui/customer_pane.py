"""The customer on show: its title line and its tabs (Benefits, Named Contacts, Key Dates, SLA, Findings, Renewal).

Only the tab in view is filled when another customer is shown, the others when they are opened: a
switch through a 10,000-customer list stays under 100 ms.

Signals: tab_filled(str) after a tab was filled for this customer key (marks go on after).
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QTableView, QTabWidget, QVBoxLayout, QWidget

from explorer.app import view_model
from explorer.app.sheet import CustomerSheet
from explorer.gui import palette
from explorer.gui.benefits_tab import STATUS_INKS, BenefitsTab
from explorer.gui.contacts_tab import ContactsTab
from explorer.gui.findings_view import FindingsView
from explorer.gui.key_dates_tab import KeyDatesTab
from explorer.gui.renewal_tab import RenewalTab
from explorer.gui.sla_tab import SlaTab

CUSTOMER_TABS = ["Benefits", "Named Contacts", "Key Dates", "SLA", "Findings", "Renewal"]


def _link(reason: view_model.Reason) -> str:
    """A reason in its ink, underlined as a link to its tab."""
    return (
        f"<a href='tab:{reason.tab}' style='color:{palette.ink(reason.ink)}; text-decoration: underline'>"
        f"{html.escape(reason.text)}</a>"
    )


class CustomerPane(QWidget):
    tab_filled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setContentsMargins(4, 2, 4, 2)
        self.title.setWordWrap(True)  # a long name wraps instead of widening the window ...
        # ... and one without a space (an email, a Salesforce ID) never sets the window's minimum width either
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # why the customer's row is coloured, each reason a link to the tab that shows it
        self.reasons = QLabel(self)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setContentsMargins(4, 0, 4, 2)
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.reasons.setAccessibleName("Why the customer is marked")
        self.reasons.linkActivated.connect(lambda link: self.show_tab(link.removeprefix("tab:")))
        self.benefits = BenefitsTab(self)
        self.contacts = ContactsTab(self)
        self.key_dates = KeyDatesTab(self)
        self.sla = SlaTab(self)
        self.findings = FindingsView(with_customer=False, parent=self)
        self.renewal = RenewalTab(self)  # its brief comes from renewal.source, which the window sets
        self.tabs = QTabWidget(self)
        for name, widget in zip(
            CUSTOMER_TABS, (self.benefits, self.contacts, self.key_dates, self.sla, self.findings, self.renewal), strict=True
        ):
            self.tabs.addTab(widget, name)
        self.sheet: CustomerSheet | None = None  # the customer the tabs show
        self._filled: set[int] = set()
        self.tabs.currentChanged.connect(self._fill_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.reasons)
        layout.addWidget(self.tabs, 1)

    def tables(self) -> list[QTableView]:
        """The tabs' tables (their column widths are kept between runs)."""
        sla = self.sla
        return [
            self.contacts.view,
            self.key_dates.view,
            sla.targets_view,
            sla.compliance_view,
            sla.cases_view,
            self.findings.view,
        ]

    def views(self) -> list[QWidget]:
        """Every control in the tabs, in the order Tab visits them."""
        tabs = [self.benefits.tree, self.contacts.view, self.key_dates.view, *self.sla.focus_order(), self.findings.view]
        return [*tabs, self.renewal.compare, self.renewal.export, self.renewal.page]

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(CUSTOMER_TABS.index(name))

    def show_sheet(self, sheet: CustomerSheet | None) -> None:
        self.sheet, self._filled = sheet, set()
        if sheet is None:
            self.title.setText("")
            self.reasons.hide()
            return
        size = self.font().pointSizeF() * 1.4  # larger than the text beside it at any font size
        # "1 note" kept whole by no-break spaces (characters: span() escapes what it is given, so no entity)
        summary = " · ".join(part.replace(" ", "\u00a0") for part in view_model.customer_summary(sheet).split(" · "))
        self.title.setText(
            f"<span style='font-size:{size:.1f}pt; font-weight:600'>{breakable(html.escape(sheet.name))}</span>"
            f"&nbsp;&nbsp;{palette.span(summary, 'muted')}"
            f"&nbsp;&nbsp;{palette.span(sheet.state.label, _status_ink(sheet))}"
        )
        reasons = view_model.colour_reasons(sheet)
        self.reasons.setText(" · ".join(_link(r) for r in reasons))
        self.reasons.setVisible(bool(reasons))
        self._fill_tab(self.tabs.currentIndex())
        for tab, text in view_model.tab_titles(sheet).items():
            self.tabs.setTabText(CUSTOMER_TABS.index(tab), text)

    def _fill_tab(self, index: int) -> None:
        sheet = self.sheet
        if sheet is None or index < 0 or index in self._filled:
            return
        self._filled.add(index)
        tab = self.tabs.widget(index)
        if tab is self.findings:
            self.findings.set_findings(sheet.findings)
        elif isinstance(tab, BenefitsTab | ContactsTab | KeyDatesTab | SlaTab | RenewalTab):
            tab.show_sheet(sheet)
        self.tab_filled.emit(sheet.key)


def _status_ink(sheet: CustomerSheet) -> str:
    """The status's ink: a customer between terms (a renewal ahead) is a thing to watch, not a lapse."""
    return "warning" if sheet.state.resumes is not None else STATUS_INKS[sheet.state.status]


LONG_WORD = re.compile(r"[^\s&;]{24}(?=[^\s])")  # 24 characters of a word, with more of it to come


def breakable(text: str) -> str:
    """``text`` (escaped HTML) with a zero-width space after every 24 characters of a word that long, so rich text
    can wrap it (a name without spaces would otherwise run past the pane). Entities are never split."""
    return LONG_WORD.sub(lambda m: m.group(0) + "\u200b", text)
