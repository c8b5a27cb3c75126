"""The Benefits tab holds an add-on that is a contract error as no purchase (new user round 5 #2), and the SLA tab
says why a case counts under a term that starts tomorrow in any window, as the entitlement sheet does (helper B)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QColor, QTextDocumentFragment

from explorer.gui import palette
from explorer.gui.main_window import MainWindow

from .conftest import open_tab, wait_idle
from .test_sheet_in_tabs import benefit_rows


def test_an_addon_that_is_an_error_is_not_purchased_in_the_benefits_tab(window: MainWindow) -> None:
    assert window.customers.select("overreach media")  # Okta Premier with a CSE and a 50% MCSE
    open_tab(window, "Benefits")
    rows = {label: (held, detail) for label, held, detail in benefit_rows(window)}
    assert rows["Dedicated Customer Success Executive (CSE)"][0] == "✗ Not valid on Okta Premier (see Findings)"
    assert rows["50% Dedicated MCSE"][0] == "✗ Not valid on Okta Premier (see Findings)"  # no "(5 named contacts)"
    assert not any("Purchased" in held for held, _ in rows.values())
    assert "No dates or named-contact limit" in rows["50% Dedicated MCSE"][1]
    tree = window.benefits.tree
    addons = next(
        tree.topLevelItem(0).child(j)
        for j in range(tree.topLevelItem(0).childCount())
        if tree.topLevelItem(0).child(j).text(0) == window.session.catalog.addons_title  # type: ignore[union-attr]
    )
    assert addons.child(0).foreground(1).color() == QColor(palette.ink_colour("error"))


def test_the_sla_tab_says_why_a_case_counts_under_a_term_that_starts_tomorrow(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Starts Tomorrow Co,Okta,Premier Access,2026-11-17,2027-11-16,Australia/Sydney,AU\n",
        "utf-8",
    )
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "Ticket ID,Organization,Product,Priority,Created at,First reply at\n"
        "ST-1,Starts Tomorrow Co,Okta,P1,2026-11-16 14:00 UTC,2026-11-16 14:30 UTC\n",
        "utf-8",
    )
    window = MainWindow(as_of=date(2026, 11, 16), persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book), str(cases)])
    wait_idle(qtbot, window)
    window.customers.select("starts tomorrow co")
    open_tab(window, "SLA")
    sla = window.sla
    sla.period.combo.setCurrentText("Last 90 days")
    said = "1 case opened on 2026-11-17 in the customer's time zone (Australia/Sydney) is judged under the term that starts then."
    shown = QTextDocumentFragment.fromHtml(sla.early.text()).toPlainText()
    assert sla.compliance.rowCount() and shown == said and sla.early.isVisible()
    sheet = window.session.sheet("starts tomorrow co")  # type: ignore[union-attr]
    assert [e.text for e in sheet.judged_before_start([sla.period.period()])] == [said]  # the sheet's one source
