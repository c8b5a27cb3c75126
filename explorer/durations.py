"""Spans of time in words: the one form every output says a duration or a wait in. A module of its own, importing
nothing heavy, so `explorer terms` (which says each target) starts without pandas or numpy."""

from __future__ import annotations

import math


def duration(minutes: float | None) -> str:
    """A span of minutes in words: '45 min', '1 h', '1 h 30 min' (to the minute, never rounded to the hour); '–'
    where there is nothing to measure. Targets in every output, explain's Margin, the report's Actions ('answered
    1 h 30 min late'), the renewal brief's Late by and the upgrade evidence read it."""
    if minutes is None or math.isnan(minutes):
        return "–"
    whole = round(minutes)
    if whole < 60:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def wall(minutes: float) -> str:
    """Wall time in words, whole days past two of them ('3 days'), else as ``duration`` says it: how the app, the
    report's Actions ('Unanswered for 3 days') and explain say a wait."""
    return f"{int(minutes // 1440)} days" if minutes >= 48 * 60 else duration(minutes)
