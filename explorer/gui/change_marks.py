"""Marks a customer's tabs with what changed since the compared version: the changed values highlighted,
the old values in their tooltips.

Cells are found by what they show (product, event, date; name and email), so the marks
follow the tabs however they order their rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidgetItem

from explorer.app.diff import BookDiff
from explorer.app.session import Session
from explorer.gui import palette, plain
from explorer.gui.benefits_tab import BenefitsTab
from explorer.gui.column_model import ColumnTableModel
from explorer.gui.contacts_tab import ContactsTab
from explorer.gui.key_dates_tab import KeyDatesTab
from explorer.outputs.changes import describe

UNMARKED_TIP = Qt.ItemDataRole.UserRole + 7  # a benefits item's tooltip before it was marked
CONTACT_COLUMNS = {"name": "Name", "email": "Email", "region": "Region", "named": "Named"}


def mark_customer(
    diff: BookDiff | None, key: str, session: Session, benefits: BenefitsTab, contacts: ContactsTab, key_dates: KeyDatesTab
) -> None:
    """Highlight the customer's changed values in its tabs (or nothing, when it did not change)."""
    rows = diff.changes[diff.changes["key"] == key] if diff is not None and key else None
    if rows is None or rows.empty:
        return
    since = ", ".join(Path(f).name for f in diff.old_files) if diff is not None else ""
    records = rows.to_dict("records")
    _mark_contracts(records, session, key, benefits, since)
    _mark_contacts([r for r in records if r["target"] == "contact" and r["new_row"] >= 0], session, contacts.model, since)
    _mark_dates([r for r in records if r["target"] == "contract" and r["new_row"] >= 0], session, key_dates.model, since)


def _mark_contracts(records: list[dict[Any, Any]], session: Session, key: str, benefits: BenefitsTab, since: str) -> None:
    by_contract: dict[int, list[str]] = {}
    for r in records:
        if r["target"] == "contract" and r["new_row"] >= 0:
            by_contract.setdefault(int(r["new_row"]), []).append(f"{r['Change']}: {describe(r)}")
    mark = palette.swatch("mark")
    assert mark is not None
    brush, ink = QBrush(QColor(mark.background)), QBrush(QColor(mark.text))  # readable in either palette
    sheet = session.sheet(key)
    titles = {id(c.contract): c.title for c in sheet.contracts} if sheet is not None else {}
    for row, lines in by_contract.items():
        title = titles.get(id(session.book.contracts[row]), "")
        for i in range(benefits.tree.topLevelItemCount()):
            item = benefits.tree.topLevelItem(i)
            if item is not None and item.text(0) == title:
                item.setBackground(0, brush)
                item.setForeground(0, ink)
                before = item.data(0, UNMARKED_TIP)  # marking again (each time a tab is filled) must not repeat it
                if before is None:
                    before = plain.untip(item.toolTip(0))
                    item.setData(0, UNMARKED_TIP, before)
                item.setToolTip(0, plain.tip(f"Since {since}:\n" + "\n".join(lines) + (f"\n\n{before}" if before else "")))
                addons = [r for r in records if r["new_row"] == row and str(r["field"]).startswith("addon:")]
                for r in addons:  # the add-on's own line: labelled by its option, or by its name
                    names = [str(r["New"]), session.catalog.addons[str(r["field"])[6:]].name]
                    for child in _descendants(item):
                        if any(child.text(0).startswith(n) for n in names if n):
                            child.setBackground(0, brush)
                            child.setForeground(0, ink)
                            child.setToolTip(0, plain.tip(f"Was: {r['Old']} (in {since})"))


def _descendants(item: QTreeWidgetItem) -> Iterable[QTreeWidgetItem]:
    for i in range(item.childCount()):
        child = item.child(i)
        if child is not None:
            yield child
            yield from _descendants(child)


def _cells(model: ColumnTableModel, match: dict[str, str]) -> Iterable[int]:
    """Source rows whose cells show the given texts."""
    columns = {title: model.column_index(title) for title in match}
    if any(c < 0 for c in columns.values()):
        return []
    mask = pd.Series(True, index=range(model.total_rows))
    for title, text in match.items():
        mask &= pd.Series(model.columns[columns[title]].text, dtype=object).astype(str).str.strip() == text.strip()
    return mask[mask].index.tolist()


def _mark_contacts(records: list[dict[Any, Any]], session: Session, model: ColumnTableModel, since: str) -> None:
    marks = dict(model.marks)
    for r in records:
        contact = session.book.contacts[int(r["new_row"])]
        for row in _cells(model, {"Name": contact.name, "Email": contact.email}):
            if r["Change"] == "Contact added":
                marks.update({(row, c): f"Added since {since}" for c in range(len(model.columns))})
            else:
                column = model.column_index(CONTACT_COLUMNS.get(str(r["field"]), ""))
                if column >= 0:
                    marks[(row, column)] = f"Was: {r['Old'] or '(blank)'} (in {since})"
    model.set_marks(marks)


def _mark_dates(records: list[dict[Any, Any]], session: Session, model: ColumnTableModel, since: str) -> None:
    marks = dict(model.marks)
    column = model.column_index("Date")
    for r in records:
        product = str(r["Product"])
        for move in r["moves"] or ():
            if move.new is None:
                continue
            why = (
                "the contract was renewed"
                if r["Change"] == "Renewed"
                else f"{r['Field']} {r['Old']} → {r['New']}"
                if r["Old"] or r["New"]
                else str(r["Field"])  # no field of its own: dates the contract's history moved
            )
            was = f"Was {move.old:%Y-%m-%d}" if move.old else "New"
            for row in _cells(model, {"Product": product, "Event": move.event, "Date": f"{move.new:%Y-%m-%d}"}):
                marks[(row, column)] = f"{was} in {since} ({why})"
    model.set_marks(marks)
