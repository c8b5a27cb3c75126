"""The one clock: the as-of moment (domain.md §8) and that nothing judges by the wall clock."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from explorer import clock
from explorer.app.session import open_session

NOW = datetime(2026, 12, 8, 15, 10, tzinfo=UTC)  # a Tuesday afternoon


def write_book(folder: Path) -> list[Path]:
    """A Premier customer with a P1 opened ten minutes before NOW and not yet answered."""
    contracts = folder / "contracts.csv"
    contracts.write_text(
        "Customer,Product,Tier,Term Start,Term End,Time Zone,Country\n"
        "Acme,Okta,Premier,2026-01-01,2026-12-31,America/New_York,US\n",
        encoding="utf-8",
    )
    cases = folder / "cases.csv"
    opened = NOW - timedelta(minutes=10)
    cases.write_text(
        f"Case ID,Customer,Product,Priority,Created (UTC),First Response (UTC)\nC-1,Acme,Okta,P1,{opened:%Y-%m-%d %H:%M},\n",
        encoding="utf-8",
    )
    return [contracts, cases]


def outcome(folder: Path, as_of: date) -> str:
    session = open_session(write_book(folder), as_of)
    assert session.sla is not None
    [value] = session.sla.cases["outcome"].astype(str).tolist()
    return value


def test_today_is_judged_now_and_another_day_at_its_end(tmp_path: Path) -> None:
    with clock.frozen(NOW):
        assert clock.as_of_moment(NOW.date()) == NOW
        assert outcome(tmp_path, NOW.date()) == "Pending"  # 50 minutes left
        assert outcome(tmp_path, NOW.date() + timedelta(days=1)) == "Breached"  # still unanswered at its end
        # a past day is known at its end, never later than now; the case did not exist yet
        assert clock.as_of_moment(date(2026, 12, 7)) == datetime(2026, 12, 7, 23, 59, 59, tzinfo=UTC)


def test_a_past_day_is_not_judged_after_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """East of UTC, yesterday ends in UTC after now: it is judged at now, as nothing later is known."""
    monkeypatch.setenv("TZ", "Australia/Sydney")
    time.tzset()
    try:
        early = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)  # 07:00 on the 8th in Sydney
        with clock.frozen(early):
            assert clock.today() == date(2026, 12, 8)
            assert clock.as_of_moment(date(2026, 12, 7)) == early
            assert clock.as_of_moment(date(2026, 12, 9)) == datetime(2026, 12, 9, 23, 59, 59, tzinfo=UTC)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_frozen_needs_a_zone() -> None:
    with pytest.raises(ValueError), clock.frozen(datetime(2026, 1, 1)):  # noqa: DTZ001
        pass
