"""The window with edited catalogs: renamed key-date events and an add-on no code knows about."""

from __future__ import annotations

from pathlib import Path

from explorer.gui.main_window import sample_files

from ..catalogs import third_addon_book, with_renamed_events, with_third_addon
from .conftest import open_tab, open_window


def test_timeline_reads_roles_not_event_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, sample_files(), with_renamed_events())
    win.customers.select("cascade capital")
    open_tab(win, "Key Dates")
    [row] = win.key_dates.timeline.rows
    assert sorted(s.kind for s in row.spans) == ["kickoff", "mobilization", "mobilization", "term"]
    assert {s.label for s in row.spans if s.kind == "mobilization"} == {"CSE mobilization period", "MCSE mobilization period"}
    [deadline] = [m for m in row.marks if m.kind == "deadline"]
    assert deadline.label == "Milestone 6: 2027-02-18"
    win.pages.setCurrentIndex(3)
    book_row = next(r for r in win.timeline.canvas.rows if r.label == "Cascade Capital · Okta")
    assert [(s.kind, s.start, s.end) for s in book_row.spans] == [(s.kind, s.start, s.end) for s in row.spans]
    assert "milestone 6" in win.timeline.legend.text().replace("&nbsp;", " ")


def test_third_addon_in_benefits_and_contacts(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, [str(f) for f in third_addon_book(tmp_path)], with_third_addon())
    win.customers.select("acme corp")
    top = win.benefits.tree.topLevelItem(0)
    groups = {top.child(i).text(0): top.child(i) for i in range(top.childCount())}
    addons = groups["Dedicated Premier Plus Add-On Resources"]
    assert addons.childCount() == 1
    item = addons.child(0)
    assert (item.text(0), item.text(1)) == ("TAM for 3 named contacts (3 named contacts)", "✓ Purchased")
    assert item.text(2) == "Available since 2026-02-14"  # as of 2026-11-28: the mobilization is over
    open_tab(win, "Named Contacts")
    assert "4 of 3 named contacts" in win.contacts.indicator.text()
    assert list(win.contacts.model.colours).count("violet") == 4
    open_tab(win, "Key Dates")
    assert [m.label for m in win.key_dates.timeline.rows[0].marks if m.kind == "event"] == ["TAM on board: 2026-02-14"]


def test_a_mid_term_add_on_mobilizes_from_its_own_start(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the CSE line starts in April, inside a January term: its mobilization bar runs April to June, as the date says
    from datetime import date

    from explorer.catalog import default_catalog

    book = tmp_path / "orders.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End\nLima Corp,Okta,Premier Plus,2026-01-01,2026-12-31\n"
        "Lima Corp,Dedicated CSE Add-On,,2026-04-01,2026-12-31\n",
        "utf-8",
    )
    win = open_window(qtbot, [str(book)], default_catalog())
    win.customers.select("lima corp")
    open_tab(win, "Key Dates")
    [row] = win.key_dates.timeline.rows
    assert [(s.start, s.end) for s in row.spans if s.kind == "mobilization"] == [(date(2026, 4, 1), date(2026, 6, 30))]
