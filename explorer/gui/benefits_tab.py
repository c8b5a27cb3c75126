"""Benefits: each contract's program as a readable checklist, with the assumptions as tooltips."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from explorer import history
from explorer.app.sheet import TIER_UNKNOWN, ContractSheet, CustomerSheet
from explorer.gui import palette, plain

INCLUDED, MISSING, LAPSED = "✓ Included", "— Not included", "Not in force"
STATUS_INKS = {
    history.Status.IN_FORCE: "ok",
    history.Status.ENDED: "error",
    history.Status.NOT_STARTED: "warning",
    history.Status.DATES_INVALID: "error",
    history.Status.DATES_MISSING: "error",
    history.Status.NEVER_RAN: "muted",
    history.Status.SUPERSEDED: "muted",
}


class BenefitsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Benefits")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Benefit", "Included", "Details"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, self.fontMetrics().averageCharWidth() * 70)  # from the font, never pixels
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def show_sheet(self, sheet: CustomerSheet) -> None:
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for product in sheet.products():  # the term in force on the as-of day; the others as one line
            contract = product.shown
            top = QTreeWidgetItem([contract.title, contract.status_text, ""])
            top.setFont(0, bold)
            top.setForeground(1, _ink(STATUS_INKS[contract.status]))
            self.tree.addTopLevelItem(top)
            if contract.assumptions:
                top.setToolTip(0, plain.tip("\n\n".join(f"{d.title}: {d.text}" for d in contract.assumptions)))
            if len(product.terms) > 1:
                terms = QTreeWidgetItem([f"Terms: {product.line}", "", ""])
                terms.setToolTip(0, plain.tip(product.line))
                terms.setForeground(0, _ink("muted"))
                top.addChild(terms)
                terms.setFirstColumnSpanned(True)
            running = contract.status is history.Status.IN_FORCE
            if not running:
                end, start = contract.contract.term_end, contract.contract.term_start
                said = (
                    f"The term ends ({end:%Y-%m-%d}) before it starts ({start:%Y-%m-%d}): correct the book (see Findings)."
                    if contract.status is history.Status.DATES_INVALID and start and end
                    else "The term's start or end date is missing or unreadable, so it is in force on no day: "
                    "correct the book (see Findings)."
                    if contract.status is history.Status.DATES_MISSING
                    else "The book's status says this term never ran (see Findings); none of these benefits is in force."
                    if contract.status is history.Status.NEVER_RAN
                    else f"The entitlement ended on {ran:%Y-%m-%d}; none of these benefits is in force."
                    if contract.status is history.Status.ENDED and (ran := contract.contract.runs_until)
                    else f"This term starts on {start:%Y-%m-%d}; none of these benefits is in force yet."
                    if start
                    else "This term is not in force on the as-of date."
                )
                notice = QTreeWidgetItem([said, "", ""])
                notice.setToolTip(0, plain.tip(said))
                notice.setForeground(0, _ink("error"))
                notice.setFont(0, bold)
                top.addChild(notice)
                notice.setFirstColumnSpanned(True)
            if not contract.benefits:
                problem = QTreeWidgetItem([TIER_UNKNOWN, "", ""])
                problem.setForeground(0, _ink("error"))
                top.addChild(problem)
            groups: dict[str, QTreeWidgetItem] = {}
            for line in contract.benefits:
                group = groups.get(line.group)
                if group is None:
                    group = groups[line.group] = _group(line.group, bold)
                    top.addChild(group)
                mark = (INCLUDED if running else LAPSED) if line.included else MISSING
                item = QTreeWidgetItem([line.label, mark, line.detail])
                item.setToolTip(0, plain.tip(line.assumption or line.label))
                if line.detail or line.assumption:
                    item.setToolTip(2, plain.tip(line.assumption or line.detail))
                item.setForeground(1, _ink("ok" if line.included and running else "muted"))
                if not line.included or not running:
                    item.setForeground(0, _ink("muted"))
                group.addChild(item)
            self._addons(sheet, contract, top, bold, running)
            if contract.extra:  # columns the book has and the rules do not use: kept and shown as written
                group = _group("Other columns in the book", bold)
                top.addChild(group)
                for header, value in contract.extra.items():
                    item = QTreeWidgetItem([header, "", value])
                    item.setToolTip(2, plain.tip(value))
                    group.addChild(item)
            top.setExpanded(True)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        # the benefit column takes what the pane leaves beside "Included" and a glimpse of the details
        chars = self.tree.fontMetrics().averageCharWidth()
        room = self.tree.viewport().width() - self.tree.columnWidth(1) - chars * 12
        self.tree.setColumnWidth(0, max(chars * 28, min(chars * 70, room)))

    def _addons(self, sheet: CustomerSheet, contract: ContractSheet, top: QTreeWidgetItem, bold: QFont, running: bool) -> None:
        if not contract.addons:
            return
        group = _group(sheet.catalog.addons_title, bold)
        top.addChild(group)
        decision = sheet.catalog.decisions.get(sheet.catalog.admin_days_decision or "")
        for addon in contract.addons:
            item = QTreeWidgetItem([addon.label, addon.held_text(running), addon.detail])  # an error: no purchase
            item.setToolTip(1, plain.tip(addon.held_text(running)))
            item.setToolTip(2, plain.tip(addon.detail))
            item.setForeground(1, _ink("error" if not addon.valid else "ok" if running else "muted"))
            if contract.administrative_days is not None and addon.valid:
                item.setToolTip(
                    0,
                    f"Non-Attendance Days include {contract.administrative_days} Administrative Days "
                    "for this term" + (f"\n\n{decision.text}" if decision else ""),
                )
            group.addChild(item)


def _ink(name: str) -> QBrush:
    return QBrush(palette.ink_colour(name))


def _group(title: str, bold: QFont) -> QTreeWidgetItem:
    item = QTreeWidgetItem([title, "", ""])
    item.setFont(0, bold)
    return item
