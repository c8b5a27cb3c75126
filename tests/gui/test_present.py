"""As of today, a window left open keeps up with the clock (domain.md §8, the as-of moment; probe5).

A P1 opened twenty minutes ago is Pending; once its hour is up it is Breached, its customer's row red,
without the user touching anything; after midnight the window is as of the new day.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from explorer import clock
from explorer.app.present import goes_stale
from explorer.gui.main_window import MainWindow

from ..conftest import NOW
from ..files import write_csv
from .conftest import wait_idle


def book(folder: Path) -> list[str]:
    contracts = write_csv(
        folder / "book.csv",
        header=["Customer", "Product", "Tier", "Term Start", "Term End", "Time Zone"],
        rows=[["Acme Corp", "Okta", "Premier", "2026-01-01", "2026-12-31", "UTC"]],
    )
    opened = (NOW - timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
    cases = write_csv(
        folder / "cases.csv",
        header=["Case Number", "Account Name", "Product", "Priority", "Created Date (UTC)", "First Response (UTC)"],
        rows=[["T1", "Acme Corp", "Okta", "P1", opened, ""]],
    )
    return [str(contracts), str(cases)]


def outcome(window: MainWindow) -> str:
    session = window.sessions.session
    assert session is not None and session.sla is not None
    return str(session.sla.cases.set_index("case_id").loc["T1", "outcome"])


def test_a_window_as_of_today_judges_again_when_a_case_falls_due_and_at_midnight(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(as_of=clock.today(), persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files(book(tmp_path))
    wait_idle(qtbot, window)
    assert outcome(window) == "Pending"
    # the judgement goes stale when the case turns At risk (45 of its 60 minutes), then when it falls due
    session = window.sessions.session
    assert session is not None and goes_stale(session) == NOW + timedelta(minutes=25)
    assert window.sessions.stale.isActive() and 25 * 60_000 <= window.sessions.stale.remainingTime() <= 25 * 60_000 + 2_000
    with clock.frozen(NOW + timedelta(minutes=41)):  # the timer fires; the app asks the clock
        window.sessions.catch_up()
        wait_idle(qtbot, window)
        assert outcome(window) == "Breached"
        row = window.sessions.session.overview.customers.set_index("key").loc["acme corp"]  # type: ignore[union-attr]
        assert int(row["unanswered"]) == 1  # the row turns red and the header names the case
    tomorrow = NOW.astimezone().replace(hour=0, minute=5) + timedelta(days=1)
    with clock.frozen(tomorrow):
        window.sessions.catch_up()
        wait_idle(qtbot, window)
        assert window.sessions.session is not None and window.sessions.session.as_of == tomorrow.date()
        assert window.as_of_value() == tomorrow.date()  # the toolbar follows, without a second judgement


def test_a_chosen_day_never_goes_stale(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(as_of=clock.today() - timedelta(days=3), persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files(book(tmp_path))
    wait_idle(qtbot, window)
    session = window.sessions.session
    assert session is not None and goes_stale(session) is None and not window.sessions.stale.isActive()


def test_a_customer_between_terms_is_shown_as_one_to_watch(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Lapse Co's 2024 term ended and its 2026 return is in the book: in 2025 its header's status is amber, not
    the red of a lapsed customer, and the list does not grey it."""
    from datetime import date

    from explorer.gui import palette

    from ..consistency.books import history_book

    window = MainWindow(as_of=date(2025, 12, 20), persist=False)
    qtbot.addWidget(window)
    window.show()
    window.open_files([str(f) for f in history_book(tmp_path)])
    wait_idle(qtbot, window)
    window.customers.select("lapse co")
    title = window.title.text()
    assert "Ended 2024-12-31; next term from 2026-01-01" in title and palette.ink("warning") in title
    assert palette.ink("error") not in title
