"""When a judgement "as of today" goes stale (Qt-free).

As of today the verdicts run on the present minute (domain.md §8): a P1 opened ten minutes
ago is Pending. A window left open must not keep saying so once its due time has passed,
nor keep yesterday's date after midnight. ``goes_stale`` is the next instant at which the
judgement would change on its own: the soonest due time of a case still waiting, the moment
one would turn At risk, and the user's next midnight. The app judges again then.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import numpy as np
import pandas as pd

from explorer import clock
from explorer.app.session import Session
from explorer.sla.engine import Outcome

WAITING = (Outcome.PENDING.value, Outcome.AT_RISK.value)


def goes_stale(session: Session) -> datetime | None:
    """The next instant the session's verdicts change by the clock alone; None where they never do (a chosen day)."""
    if session.workspace.as_of is not None:
        return None
    now = clock.now()
    local = now.astimezone()
    moments = [datetime.combine(local.date() + timedelta(days=1), time(0), local.tzinfo)]  # the day rolls over
    cases = session.sla.cases if session.sla is not None else None
    if cases is not None and not cases.empty:
        waiting = cases[cases["outcome"].astype(str).isin(WAITING).to_numpy()]
        if not waiting.empty:
            due = pd.to_datetime(waiting["due"], utc=True)
            # At risk from the threshold on: due - (1 - threshold) x target, on a 24x7 clock; a calendar clock
            # reaches it no sooner, so judging then is early at worst, never late.
            margin = pd.to_timedelta((1 - session.catalog.settings.at_risk_fraction) * waiting["target_minutes"], unit="m")
            ahead = [t for t in (*due, *(due - margin.to_numpy())) if pd.notna(t) and t > now]
            if ahead:
                moments.append(min(ahead).to_pydatetime())
    return min(moments).astimezone(now.tzinfo)


def wait_ms(when: datetime) -> int:
    """Milliseconds from now until ``when`` plus a second (the verdict is taken just after), within a timer's range."""
    span = (when - clock.now()).total_seconds() + 1
    return int(np.clip(span * 1000, 1_000, 2**31 - 1))
