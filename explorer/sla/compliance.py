"""Compliance: met, breached, pending and at-risk counts, and the share met, by any grouping."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from explorer.sla.engine import COUNTED, Outcome

COMPLIANCE_COLUMNS = ["Cases", "Met", "Breached", "Pending", "At Risk", "Compliance %"]


def priority_label(level: object) -> str:
    """'P1' for a priority level however it is held (a nullable column read out as floats gives 1.0), '' for none."""
    return f"P{int(level)}" if pd.notna(level) else ""  # type: ignore[call-overload]


def rate_label(share: float) -> str:
    """A compliance rate as every output says it, to a tenth of a percent as the report and the app do: 72 of 76 is
    94.7%, never a '95%' beside a target of 95% it misses."""
    return f"{share:.1%}"


def in_period(cases: pd.DataFrame, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Cases opened on or after start and on or before end (UTC dates)."""
    return cases[within(opening_days(cases["opened"]), start, end)]


def opening_days(opened: pd.Series) -> np.ndarray:
    """Opening times as UTC days (datetime64[D]); a time without a zone is UTC."""
    return np.asarray(pd.to_datetime(opened, utc=True), dtype="datetime64[ns]").astype("datetime64[D]")


def within(days: np.ndarray, start: date | None = None, end: date | None = None) -> np.ndarray:
    """Which of ``days`` fall from start to end, both included: the one period rule. Without either bound every
    day is in, a case with no readable opening (NaT) too; with one, NaT compares false and falls out."""
    inside = np.ones(len(days), dtype=bool)
    if start is not None:
        inside &= days >= np.datetime64(start, "D")
    if end is not None:
        inside &= days <= np.datetime64(end, "D")
    return inside


def compliance(cases: pd.DataFrame, by: list[str] | None = None) -> pd.DataFrame:
    """Counts per group over counted cases (met, breached, pending, at risk).

    Compliance % = met / (met + breached): a case still within its target has not
    yet succeeded or failed. NaN where nothing has been decided yet.
    """
    counted = cases[cases["outcome"].isin([o.value for o in COUNTED])]
    flags = pd.DataFrame(
        {
            "Cases": 1,
            "Met": (counted["outcome"] == Outcome.MET.value).astype(int),
            "Breached": (counted["outcome"] == Outcome.BREACHED.value).astype(int),
            "Pending": (counted["outcome"] == Outcome.PENDING.value).astype(int),
            "At Risk": (counted["outcome"] == Outcome.AT_RISK.value).astype(int),
        },
        index=counted.index,
    )
    if by:
        keys = [counted[k] for k in by]
        table = flags.groupby(keys, sort=True, dropna=False, observed=True).sum().reset_index()
    else:
        table = flags.sum().to_frame().T
    decided = table["Met"] + table["Breached"]
    table["Compliance %"] = (table["Met"] / decided.where(decided > 0)).astype(float)
    return table
