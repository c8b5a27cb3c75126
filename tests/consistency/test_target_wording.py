"""A target or a duration is worded by one function (explorer.sla.explain.duration) in every output: the entitlement
sheet's targets said 90 minutes as '90 min', `explorer terms` and the app's SLA tab as '1.5 h', explain as
'1 h 30 min' (review 37 #10). The catalog's targets are whole hours or 30 min today, so a 90-minute one is made here."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

from explorer.app.session import open_session
from explorer.catalog import parse_catalog
from explorer.gui.sla_tab import SlaTab
from explorer.outputs.entitlement import sheet_html
from explorer.outputs.terms import terms_text
from explorer.sla.explain import explain

from ..catalogs import catalog_data
from ..files import write_csv


def test_a_90_minute_target_reads_the_same_in_every_output(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(catalog_data())
    data["programs"]["okta-premier"]["targets"]["1"] = [90, "24x7"]
    catalog = parse_catalog(data, "a 90-minute target")
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Term Start", "Term End", "Time Zone"],
        rows=[["Chain Co", "Okta", "Premier", "2026-01-01", "2026-12-31", "UTC"]],
    )
    cases = write_csv(
        tmp_path / "cases.csv",
        header=["Case Number", "Account Name", "Product", "Priority", "Created Date (UTC)", "First Response (UTC)"],
        rows=[["C-1", "Chain Co", "Okta", "P1", "2026-11-02T10:00:00Z", "2026-11-02T12:00:00Z"]],
    )
    session = open_session([book, cases], date(2026, 12, 8), catalog)
    sheet = session.sheet("chain co")
    assert sheet is not None and session.sla is not None
    said = "1 h 30 min"

    terms = terms_text(catalog)
    (premier,) = [line for line in terms.splitlines() if re.match(r"Premier\s{2,}", line)][:1]
    assert premier.split()[1:4] == ["1", "h", "30"] and f"{said}  " in premier  # `explorer terms`

    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", sheet_html(sheet)))
    assert re.search(rf"Okta Premier {said} 2 h 2 h 8 h", page)  # the entitlement sheet's targets

    lines = explain(session.book, catalog, session.sla, "C-1").lines
    assert any(line.startswith(f"Target: first human response within {said} on the") for line in lines)  # explain

    tab = SlaTab()
    qtbot.addWidget(tab)
    tab.show_sheet(sheet)
    model = tab.targets
    shown = [model.index(0, c).data() for c in range(model.columnCount())]
    assert said in shown and "P1" in shown  # the app's SLA tab
