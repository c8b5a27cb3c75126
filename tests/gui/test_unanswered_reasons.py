"""The customer list and header name a P1/P2 case the report asks support to answer now, even one still inside its
target (trust7 #3): Risk Syd Co's P2, At risk at the as-of moment, colours its row amber, says so in the row's
tooltip and is a reason in the header that opens the SLA tab."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from explorer.gui.customer_pane import CUSTOMER_TABS
from explorer.gui.main_window import MainWindow

from ..app.test_unanswered import AS_OF, CASES, CONTRACTS
from ..files import CASE_HEADER, write_csv
from .conftest import wait_idle


def tooltip(window: MainWindow, key: str) -> str:
    model = window.customers.model
    row = model.view_row(int(list(window.customers.frame["key"]).index(key)))
    return str(model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole))


def test_a_case_still_inside_its_target_is_named_in_the_list_and_header(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = write_csv(tmp_path / "book.csv", rows=CONTRACTS)
    cases = write_csv(tmp_path / "cases.csv", rows=CASES, header=CASE_HEADER)
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(book), str(cases)])
    wait_idle(qtbot, window)
    colours = dict(zip(window.customers.frame["key"], window.customers.model.colours, strict=True))
    # Risk Syd Co's term also ends within 30 days: amber either way; Fresh Co's only reason is its pending P1
    assert colours == {"risk syd co": "amber", "late co": "red", "fresh co": "amber", "quiet co": ""}
    assert "1 P1/P2 case unanswered, still inside the target" in tooltip(window, "risk syd co")
    assert tooltip(window, "fresh co") == "1 P1/P2 case unanswered, still inside the target"
    late = tooltip(window, "late co")
    assert "1 P1/P2 case unanswered past the due time" in late and "1 P1/P2 case unanswered, still inside" in late
    assert "case to answer" in window.customers.legend.text().replace("&nbsp;", " ")  # amber, in the legend

    window.customers.select("risk syd co")
    reasons = window.pane.reasons
    assert reasons.isVisible()
    assert (
        "<a href='tab:SLA'" in reasons.text()
        and "P2 case RK-1 unanswered for 1 h 40 min, still inside its target (due 2026-12-05 00:20 UTC)" in reasons.text()
    )
    reasons.linkActivated.emit("tab:SLA")  # as a click on the reason does
    assert window.tabs.currentIndex() == CUSTOMER_TABS.index("SLA")
    window.customers.select("quiet co")  # a P3 at risk and an old P1 are no action: nothing to name
    assert reasons.isHidden()
