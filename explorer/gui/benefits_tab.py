"""Benefits: each contract's program as a readable checklist, with the assumptions as tooltips."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from explorer import rules
from explorer.catalog import Catalog
from explorer.model import Contract

INCLUDED, MISSING = "✓ Included", "— Not included"


def contract_title(catalog: Catalog, contract: Contract) -> str:
    product = rules.product_name(catalog, contract) or "?"
    program = catalog.programs[contract.program].name if contract.program else contract.program_text or "no tier"
    term = (f" ({contract.term_start:%Y-%m-%d} to {contract.term_end:%Y-%m-%d})"
            if contract.term_start and contract.term_end else "")
    return f"{product} — {program}{term}"


class BenefitsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Benefit", "Included", "Details"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 420)
        self.tree.setColumnWidth(1, 100)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def show_contracts(self, catalog: Catalog, contracts: list[Contract], as_of: date) -> None:
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for contract in contracts:
            top = QTreeWidgetItem([contract_title(catalog, contract), "", ""])
            top.setFont(0, bold)
            self.tree.addTopLevelItem(top)
            decisions = rules.decisions_for(catalog, contract)
            if decisions:
                top.setToolTip(0, "\n\n".join(f"{d.title}: {d.text}" for d in decisions))
            lines = rules.benefits(catalog, contract)
            if not lines:
                problem = QTreeWidgetItem(["The tier is not known, so its benefits cannot be shown; see Findings.",
                                           "", ""])
                problem.setForeground(0, QBrush(QColor("#B02A37")))
                top.addChild(problem)
            groups: dict[str, QTreeWidgetItem] = {}
            for line in lines:
                group = groups.get(line.group)
                if group is None:
                    group = groups[line.group] = QTreeWidgetItem([line.group, "", ""])
                    group.setFont(0, bold)
                    top.addChild(group)
                item = QTreeWidgetItem([line.label, INCLUDED if line.included else MISSING, line.detail])
                item.setToolTip(0, line.label)
                if line.detail:
                    item.setToolTip(2, line.detail)
                item.setForeground(1, QBrush(QColor("#1E7B34" if line.included else "#8A8A8A")))
                if not line.included:
                    item.setForeground(0, QBrush(QColor("#8A8A8A")))
                if line.assumption:
                    item.setToolTip(0, line.assumption)
                    item.setToolTip(2, line.assumption)
                group.addChild(item)
            self._addons(catalog, contract, as_of, top, bold)
            extra = {k: v for k, v in contract.extra.items() if v}
            if extra:  # columns the book has and the rules do not use: kept and shown as written
                group = QTreeWidgetItem(["Other columns in the book", "", ""])
                group.setFont(0, bold)
                top.addChild(group)
                for header, value in extra.items():
                    item = QTreeWidgetItem([header, "", value])
                    item.setToolTip(2, value)
                    group.addChild(item)
            top.setExpanded(True)
            self.tree.expandAll()

    def _addons(self, catalog: Catalog, contract: Contract, as_of: date, top: QTreeWidgetItem, bold: QFont) -> None:
        held = rules.held_addons(catalog, contract)
        if not held:
            return
        group = QTreeWidgetItem([catalog.addons_title, "", ""])
        group.setFont(0, bold)
        top.addChild(group)
        available = {k.addon: k.day for k in rules.key_dates(catalog, contract, as_of) if k.role == "addon_available"}
        admin = rules.administrative_days(catalog, contract)
        decision = catalog.decisions.get(catalog.admin_days_decision or "")
        for addon in held:
            day = available.get(addon.addon.id)
            detail = f"Available from {day:%Y-%m-%d}; until then: {addon.addon.during_mobilization}" if day else ""
            item = QTreeWidgetItem([addon.label, "✓ Purchased", detail])
            item.setToolTip(2, detail)
            item.setForeground(1, QBrush(QColor("#1E7B34")))
            if admin is not None:
                item.setToolTip(0, f"Non-Attendance Days include {admin} Administrative Days for this term"
                                   + (f"\n\n{decision.text}" if decision else ""))
            group.addChild(item)
