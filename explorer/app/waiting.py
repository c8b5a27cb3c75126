"""P1 and P2 cases still waiting for their first response: what an account manager acts on first.

One selection (``unanswered``) serves the report's Actions sheet, the customer list's row colour and tooltip and
the customer's header, and one wording (``standing``) says where each case stands, so they never disagree: a case
past its due time turns the row red, one still inside its target (pending or at risk) amber.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from explorer.durations import wall
from explorer.sla.compliance import in_period
from explorer.sla.engine import Outcome

URGENT_PRIORITIES = (1, 2)
WAITING = (Outcome.BREACHED.value, Outcome.AT_RISK.value, Outcome.PENDING.value)


def urgent(cases: pd.DataFrame, as_of: date, days: int) -> pd.DataFrame:
    """The P1 and P2 cases opened in the ``days`` up to ``as_of`` (older ones are history, not actions)."""
    recent = in_period(cases, as_of - timedelta(days=days - 1), as_of)
    return recent[recent["priority"].isin(URGENT_PRIORITIES)]


def waiting(cases: pd.DataFrame) -> pd.DataFrame:
    """Those of ``cases`` with no first response at the as-of moment (pending, at risk or breached)."""
    return cases[cases["first_response"].isna() & cases["outcome"].isin(WAITING)]


def unanswered(cases: pd.DataFrame, as_of: date, days: int) -> pd.DataFrame:
    """The urgent cases of the last ``days`` with no first response at the as-of moment, oldest first: each is an
    action in the report ("ask support to answer case RK-1 now"), and a reason in the app's list and header."""
    return waiting(urgent(cases, as_of, days)).sort_values("opened", kind="stable")


def past_due(cases: pd.DataFrame, as_of: date, days: int) -> pd.DataFrame:
    """Those ``unanswered`` after their due time: the customer's row is red."""
    found = unanswered(cases, as_of, days)
    return found[overdue(found)]


def inside_target(cases: pd.DataFrame, as_of: date, days: int) -> pd.DataFrame:
    """Those ``unanswered`` still inside their target (pending or at risk): the customer's row is amber."""
    found = unanswered(cases, as_of, days)
    return found[~overdue(found)]


def overdue(cases: pd.DataFrame) -> pd.Series:
    """Which of ``cases`` (waiting ones) are past their due time."""
    return cases["outcome"] == Outcome.BREACHED.value


def standing(case: Mapping[Hashable, Any]) -> str:
    """Where a waiting case stands, as the report's action and the app's header say it:
    "past its due time (2026-12-05 00:20 UTC)", "still inside its target (due 2026-12-05 00:20 UTC)"."""
    due = case["due"]
    when = f"{pd.Timestamp(due):%Y-%m-%d %H:%M} UTC" if pd.notna(due) else ""
    if case["outcome"] == Outcome.BREACHED.value:
        return f"past its due time ({when})" if when else "past its due time"
    return f"still inside its target (due {when})" if when else "still inside its target"


def waited(opened: datetime | pd.Timestamp, moment: datetime) -> str:
    """How long a case has waited at the as-of moment, in words: "40 min", "5 h", "3 days"."""
    return span((pd.Timestamp(moment) - pd.Timestamp(opened)).total_seconds() / 60)


def span(minutes: float) -> str:
    """A wait in words: "40 min", "5 h 20 min", "3 days" (whole days waited): explain's wall-time form, whose
    ``duration`` every output says a span under two days in (never rounded to the hour)."""
    return wall(max(1.0, minutes))
