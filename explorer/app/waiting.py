"""P1 and P2 cases still waiting for their first response: what an account manager acts on first.

One selection serves the report's Actions sheet (every urgent case waiting), the customer list's row colour
and the customer's header (those already past their due time), so they never disagree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

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


def past_due(cases: pd.DataFrame, as_of: date, days: int) -> pd.DataFrame:
    """The urgent cases of the last ``days`` still unanswered after their due time: the customer's row is red."""
    found = waiting(urgent(cases, as_of, days))
    return found[found["outcome"] == Outcome.BREACHED.value]


def waited(opened: datetime | pd.Timestamp, moment: datetime) -> str:
    """How long a case has waited at the as-of moment, in words: "40 min", "5 h", "3 days"."""
    return span((pd.Timestamp(moment) - pd.Timestamp(opened)).total_seconds() / 60)


def span(minutes: float) -> str:
    """A wait in words: "40 min", "5 h", "3 days" (whole days waited)."""
    if minutes < 60:
        return f"{max(1, round(minutes))} min"
    if minutes < 48 * 60:
        return f"{round(minutes / 60)} h"
    return f"{int(minutes // 1440)} days"
