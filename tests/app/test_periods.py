"""One set of compliance windows (explorer.app.periods): their days, labels and spellings on any as-of day."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from explorer.app import periods

AS_OF = date(2026, 12, 6)


def test_labels_state_the_days() -> None:
    assert periods.recent().window(AS_OF).label == "Last 90 days (2026-09-08 – 2026-12-06)"
    assert periods.LAST_QUARTER.window(AS_OF).label == "Last quarter (2026-07-01 – 2026-09-30)"
    term = periods.TERM.window(AS_OF, (date(2026, 1, 15), date(2027, 1, 14)))
    assert (term.start, term.end, term.label) == (date(2026, 1, 15), AS_OF, "This term (2026-01-15 – 2026-12-06)")
    assert periods.ALL.window(AS_OF).label == "All cases (to 2026-12-06)"
    assert periods.chosen(date(2026, 7, 1), date(2026, 9, 30)).window(AS_OF).label == "2026-07-01 – 2026-09-30"


@pytest.mark.parametrize(
    ("kind", "as_of", "days"),
    [
        ("this-month", date(2026, 11, 28), (date(2026, 11, 1), date(2026, 11, 28))),  # never past the as-of day
        ("last-month", date(2026, 11, 28), (date(2026, 10, 1), date(2026, 10, 31))),
        ("this-quarter", date(2026, 11, 28), (date(2026, 10, 1), date(2026, 11, 28))),
        ("last-quarter", date(2026, 11, 28), (date(2026, 7, 1), date(2026, 9, 30))),
        ("last-quarter", date(2026, 2, 3), (date(2025, 10, 1), date(2025, 12, 31))),
        ("last-month", date(2026, 1, 9), (date(2025, 12, 1), date(2025, 12, 31))),
        ("last-quarter", date(2026, 1, 1), (date(2025, 10, 1), date(2025, 12, 31))),
    ],
)
def test_calendar_windows(kind: str, as_of: date, days: tuple[date, date]) -> None:
    window = periods.parse(kind).window(as_of)
    assert (window.start, window.end) == days


def test_term_of_an_ended_or_unstarted_customer() -> None:
    ended = periods.TERM.window(AS_OF, (date(2025, 1, 1), date(2025, 12, 31)))
    assert ended.label == "Last term (2025-01-01 – 2025-12-31)" and not ended.empty  # every term has ended
    running = periods.TERM.window(AS_OF, (date(2026, 1, 1), AS_OF))  # its last day is the as-of day: still this term
    assert running.label == f"This term (2026-01-01 – {AS_OF:%Y-%m-%d})"
    none = periods.TERM.window(AS_OF, (date(2027, 1, 1), date(2027, 12, 31)))
    assert none.empty and none.label == "The term starting 2027-01-01 (not started)"  # not "this term"
    assert periods.TERM.window(AS_OF).empty


def test_cases_in_a_window_by_utc_opening_day() -> None:
    cases = pd.DataFrame(
        {
            "opened": pd.to_datetime(
                ["2026-09-07T23:59:00Z", "2026-09-08T00:00:00Z", "2026-12-06T23:59:59Z", "2026-12-07T00:00:00Z"]
            )
        }
    )
    kept = periods.recent().window(AS_OF).cases(cases)
    assert kept.index.tolist() == [1, 2]
    assert periods.chosen(date(2027, 1, 1), date(2027, 2, 1)).window(AS_OF).cases(cases).empty
    assert periods.TERM.window(AS_OF).cases(cases).empty


@pytest.mark.parametrize(
    ("text", "spelling"),
    [
        ("90d", "90d"),
        ("30 days", "30d"),
        ("TERM", "term"),
        ("last-quarter", "last-quarter"),
        ("all", "all"),
        ("2026-07-01..2026-09-30", "2026-07-01..2026-09-30"),
        ("recent", "45d"),
    ],
)
def test_spellings_read_back(text: str, spelling: str) -> None:
    period = periods.parse(text, days=45)
    assert period.spelling == spelling and periods.parse(period.spelling) == periods.parse(spelling)


@pytest.mark.parametrize("text", ["fortnight", "0d", "2026-09-30..2026-07-01", "2026-02-30..2026-03-01"])
def test_bad_spellings_say_so_in_one_line(text: str) -> None:
    with pytest.raises(ValueError, match="period|range") as error:
        periods.parse(text)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("36500d", "period '36500d': at most 9,999 days; 'all' takes every case"),
        ("2026-02-29..2026-03-01", "period '2026-02-29..2026-03-01': 29 February 2026 does not exist"),
        ("2026-13-01..2026-12-31", "period '2026-13-01..2026-12-31': '2026-13-01' is not a date like 2026-11-28"),
    ],
)
def test_a_bad_window_says_what_is_wrong_with_it(text: str, said: str) -> None:
    with pytest.raises(ValueError) as error:
        periods.parse(text)
    assert str(error.value) == said


def test_the_days_a_window_may_span_are_the_ones_the_message_names() -> None:
    assert periods.parse(f"{periods.MAX_DAYS}d").spelling == f"{periods.MAX_DAYS}d"
    assert f"1 to {periods.MAX_DAYS:,} days" in periods.SPELLINGS
