"""A deadline the book settles asks nothing, so the Key Dates tab offers it no Done box (new user 6 D5): a lost
renewal's add-on request (Not renewing) and a renewed one; a live one and one the user marked keep theirs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from explorer.model import customer_key

from .conftest import open_tab, open_window


def test_a_deadline_the_book_settles_has_no_done_box(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "renewals.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,CSE,Renewal Status\n"
        "Lost Co,Okta,Premier Plus,2026-01-01,2026-12-31,Yes,Lost\n"
        "Kept Co,Okta,Premier Plus,2026-01-01,2026-12-31,Yes,\n"
        "Renewed Co,Okta,Premier Plus,2025-01-01,2025-12-31,Yes,\n"
        "Renewed Co,Okta,Premier Plus,2026-01-01,2026-12-31,Yes,\n",
        "utf-8",
    )
    window = open_window(qtbot, [str(book)])

    def boxes(customer: str) -> dict[str, object]:
        """Each action deadline's Status -> its Done cell's check state (None: no box)."""
        assert window.customers.select(customer_key(customer))
        open_tab(window, "Key Dates")
        model = window.key_dates.model
        status, done, event = (model.column_index(n) for n in ("Status", "Done", "Event"))
        return {
            model.index(r, status).data(): model.index(r, done).data(Qt.ItemDataRole.CheckStateRole)
            for r in range(model.rowCount())
            if "renewal request" in str(model.index(r, event).data())
        }

    assert boxes("Lost Co") == {"Not renewing": None}
    assert list(boxes("Kept Co").values()) == [Qt.CheckState.Unchecked]  # still asks: a box to tick
    renewed = boxes("Renewed Co")
    assert renewed.get("Renewed", "no such row") is None and len(renewed) == 2
