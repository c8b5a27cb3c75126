"""Every customer tab shows what the CustomerSheet says, for every customer of the sample."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.app import periods
from explorer.app.sheet import CustomerSheet
from explorer.gui.main_window import CUSTOMER_TABS, MainWindow

from .conftest import open_tab


def column(model, c: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, c).data() for r in range(model.rowCount())]


def benefit_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    tree, out = window.benefits.tree, []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out.append((top.text(0), "", ""))
        for j in range(top.childCount()):
            group = top.child(j)
            for k in range(group.childCount()):
                item = group.child(k)
                out.append((item.text(0), item.text(1), item.text(2)))
    return out


def expected_benefits(sheet: CustomerSheet) -> list[tuple[str, str, str]]:
    out = []
    for product in sheet.products():  # per product, the term shown on the as-of day
        c, running = product.shown, product.shown.in_force
        out.append((c.title, "", ""))
        out += [
            (b.label, ("✓ Included" if running else "Not in force") if b.included else "— Not included", b.detail)
            for b in c.benefits
        ]
        out += [(a.label, a.held_text(running), a.detail) for a in c.addons]  # an error: "✗ Not valid on ..."
        out += [(header, "", value) for header, value in c.extra.items()]
    return out


def test_every_tab_matches_the_sheet(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    for key in session.overview.customers["key"]:
        assert window.customers.select(key)
        sheet = session.sheet(key)
        assert sheet is not None and sheet.name in window.title.text()
        open_tab(window, "Benefits")
        assert benefit_rows(window) == expected_benefits(sheet), sheet.name
        open_tab(window, "Named Contacts")
        contacts = window.contacts.model
        order = [contacts.source_row(r) for r in range(contacts.rowCount())]
        assert column(contacts, 0) == [sheet.contacts[i].contact.name for i in order]
        assert column(contacts, 4) == [sheet.contacts[i].note for i in order]
        for limit in sheet.limits:
            assert f"{limit.count} of {limit.limit} named contacts" in window.contacts.indicator.text()
        open_tab(window, "Key Dates")
        dates = window.key_dates.model
        shown = sorted(zip(column(dates, 1), column(dates, 2), column(dates, 3), strict=True))
        assert shown == sorted((d.date.event, f"{d.date.day:%Y-%m-%d}", d.status) for d in sheet.dates), sheet.name
        assert len(window.key_dates.timeline.rows) == len(sheet.contracts)
        open_tab(window, "SLA")
        targets = [(c, t) for c in sheet.target_terms() for t in c.targets]
        assert column(window.sla.targets, 2) == [f"P{t.target.priority}" for _, t in targets]
        assert column(window.sla.targets, 5) == [c.contract.time_zone for c, _ in targets]
        zone_tips = [window.sla.targets.index(r, 5).data(Qt.ItemDataRole.ToolTipRole) for r in range(len(targets))]
        assert zone_tips == [c.zone_note for c, _ in targets]  # how the book says the zone, as the sheet's words
        assert column(window.sla.targets, 6) == [c.on_the_day for c, _ in targets]
        in_term = 0 if sheet.cases is None else len(sheet.window(periods.TERM).cases(sheet.cases))
        assert window.sla.cases.rowCount() == in_term  # the SLA tab starts on this term
        open_tab(window, "Findings")
        assert window.customer_findings.model.rowCount() == len(sheet.findings)
        findings_tab = window.tabs.tabText(CUSTOMER_TABS.index("Findings"))
        listed = int(window.session.overview.customers.set_index("key").loc[sheet.key, "Findings"])  # the list's count
        notes = len(sheet.findings) - listed  # Info notes, which the list counts apart
        assert findings_tab.startswith(f"Findings ({listed}") if listed else findings_tab.startswith("Findings"), sheet.name
        assert (f"{notes} note" in findings_tab) == bool(notes), sheet.name
