"""Named contacts: who is named, the 'N of M named contacts' indicator, over-limit and wrong-region rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer import rules
from explorer.catalog import Catalog
from explorer.gui.frame_model import Column, FrameModel
from explorer.gui.tables import fit_columns, make_view
from explorer.model import Contact, Contract


def limit_lines(catalog: Catalog, contracts: list[Contract], contacts: list[Contact]) -> list[tuple[str, bool]]:
    """('Okta — 50% Dedicated MCSE: 7 of 5 named contacts', over the limit?) per MCSE contract."""
    out = []
    for contract in contracts:
        limit = rules.named_contact_limit(catalog, contract)
        if limit is None:
            continue
        count = rules.named_contact_count(contract, contacts)
        option = catalog.addons["mcse"].options[contract.mcse or ""]
        product = rules.product_name(catalog, contract)
        region = f", region {contract.region}" if contract.region else ""
        out.append((f"{product} — {option.label}{region}: {count} of {limit} named contacts", count > limit))
    return out


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
        lines = limit_lines(catalog, contracts, contacts)
        if lines:
            html = "<br>".join(f"<b style='color:{'#B02A37' if over else '#1E7B34'}'>{text}</b>" for text, over in lines)
        else:
            html = "No Mission Critical Support: named contacts are listed for reference, with no limit."
        self.indicator.setText(html)
        notes = [""] * len(contacts)
        colours = [""] * len(contacts)
        for contract in contracts:
            limit = rules.named_contact_limit(catalog, contract)
            if limit is None:
                continue
            named = [i for i, c in enumerate(contacts) if c.named and (c.product in (None, contract.product))]
            for position, i in enumerate(named):
                if position >= limit:
                    notes[i] = f"Over the limit: named contact {position + 1}, {limit} allowed"
                    colours[i] = "red"
                region = contacts[i].region.strip()
                if region and contract.region and region.casefold() != contract.region.strip().casefold():
                    notes[i] = "; ".join(filter(None, [notes[i], f"Outside the MCSE's region ({contract.region})"]))
                    colours[i] = colours[i] or "amber"
        self.model.set_columns([
            Column("Name", [c.name for c in contacts]),
            Column("Email", [c.email for c in contacts]),
            Column("Region", [c.region for c in contacts]),
            Column("Named", ["Yes" if c.named else "No" for c in contacts]),
            Column("Finding", notes, tooltip=notes),
        ], colours)
        fit_columns(self.view, [180, 230, 80, 60, 300])
