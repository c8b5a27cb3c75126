"""Named contacts: who is named, the 'N of M named contacts' indicator, over-limit and wrong-region rows.

The limit and region check is rules.contact_limits, read from the CustomerSheet like the findings and the report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.app import renewal
from explorer.app.sheet import CustomerSheet
from explorer.gui import palette
from explorer.gui.column_model import Column, ColumnTableModel
from explorer.gui.tables import fit_columns, make_view

FLAG_COLOURS = {"over": "violet", "region": "amber", "": ""}  # violet as in the customer list's legend
REGION_COLOUR = FLAG_COLOURS["region"]  # a contact outside the region, over a limit too: the fact that is its own


class ContactsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicator = QLabel(self)
        self.indicator.setWordWrap(True)
        self.indicator.setTextFormat(Qt.TextFormat.RichText)
        self.model = ColumnTableModel(self)
        self.view = make_view(self, self.model, "contacts")
        self.view.empty_text = "The book lists no contacts for this customer."
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.indicator)
        layout.addWidget(self.view, 1)

    def show_sheet(self, sheet: CustomerSheet) -> None:
        lines = []
        for limit in sheet.limits:
            product = sheet.product_of(limit.contract)
            region = f", region {limit.contract.region}" if limit.contract.region else ""
            text = f"{product} — {limit.option.label}{region}: {limit.count} of {limit.limit} named contacts"
            lines.append(palette.span(text, "over_limit" if limit.over else "ok", bold=True))
        if lines:
            self.indicator.setText("<br>".join(lines))
        else:
            names = " or ".join(a.name for a in sheet.catalog.addons.values() if a.limits_contacts) or "add-on"
            self.indicator.setText(f"No {names}: named contacts are listed for reference, with no limit.")
        # outside the region is told apart from over the limit (every named contact's state, said above in violet)
        outside = renewal.outside_region(sheet)
        away = [line.contact.name for line, where in zip(sheet.contacts, outside, strict=True) if where]
        if away:
            regions = " or ".join(dict.fromkeys(where for where in outside if where))
            said = f"Outside {regions} (amber rows): {', '.join(away)}"
            self.indicator.setText(self.indicator.text() + "<br>" + palette.span(said, "warning", bold=True))
        contacts = [line.contact for line in sheet.contacts]
        notes = [line.note for line in sheet.contacts]
        self.model.set_columns(
            [
                Column("Name", [c.name for c in contacts]),
                Column("Email", [c.email for c in contacts]),
                Column("Region", [c.region for c in contacts]),
                Column("Named", ["Yes" if c.named else "No" for c in contacts]),
                Column("Finding", notes, tooltip=notes),
                # where the book lists them: a contacts table's row, or a contract row's 'Named contacts' cell
                Column(
                    "Source",
                    [c.source.describe(file=False) for c in contacts],
                    tooltip=[c.source.describe() for c in contacts],
                ),
            ],
            [REGION_COLOUR if where else FLAG_COLOURS[line.flag] for line, where in zip(sheet.contacts, outside, strict=True)],
        )
        fit_columns(self.view)
