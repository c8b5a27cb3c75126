"""Named contacts: who is named, the 'N of M named contacts' indicator, over-limit and wrong-region rows.

The limit and region check is rules.contact_limits, the same one the findings and the report use.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer import rules
from explorer.catalog import Catalog
from explorer.gui.frame_model import Column, FrameModel
from explorer.gui.tables import fit_columns, make_view
from explorer.model import Contact, Contract


class ContactsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicator = QLabel(self)
        self.indicator.setWordWrap(True)
        self.indicator.setTextFormat(Qt.TextFormat.RichText)
        self.model = FrameModel(self)
        self.view = make_view(self, self.model, "contacts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.indicator)
        layout.addWidget(self.view, 1)

    def show_contacts(self, catalog: Catalog, contracts: list[Contract], contacts: list[Contact]) -> None:
        checks = [check for contract in contracts for check in rules.contact_limits(catalog, contract, contacts)]
        lines = []
        for check in checks:
            product = rules.product_name(catalog, check.contract)
            region = f", region {check.contract.region}" if check.contract.region else ""
            colour = "#B02A37" if check.over else "#1E7B34"
            lines.append(f"<b style='color:{colour}'>{product} — {check.option.label}{region}: "
                         f"{check.count} of {check.limit} named contacts</b>")
        if lines:
            self.indicator.setText("<br>".join(lines))
        else:
            names = " or ".join(a.name for a in catalog.addons.values() if a.limits_contacts) or "add-on"
            self.indicator.setText(f"No {names}: named contacts are listed for reference, with no limit.")
        row_of = {id(c): i for i, c in enumerate(contacts)}
        notes = [""] * len(contacts)
        colours = [""] * len(contacts)

        def flag(contact: Contact, note: str, colour: str) -> None:
            i = row_of.get(id(contact))
            if i is not None:
                notes[i] = "; ".join(filter(None, [notes[i], note]))
                colours[i] = colours[i] or colour

        for check in checks:
            if check.over:
                for contact in check.named:
                    flag(contact, f"One of {check.count} named contacts; {check.option.label} allows {check.limit}",
                         "red")
            for contact in check.outside_region:
                flag(contact, f"Outside the {check.addon.short}'s region ({check.contract.region})", "amber")
        self.model.set_columns([
            Column("Name", [c.name for c in contacts]),
            Column("Email", [c.email for c in contacts]),
            Column("Region", [c.region for c in contacts]),
            Column("Named", ["Yes" if c.named else "No" for c in contacts]),
            Column("Finding", notes, tooltip=notes),
        ], colours)
        fit_columns(self.view, [180, 230, 80, 60, 300])
