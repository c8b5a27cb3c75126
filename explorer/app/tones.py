"""What each status, outcome and severity looks like: one tone per enum member, read by every view (Qt-free).

The app's palette, the report's fills and the entitlement sheet's classes turn a tone into a colour; none of
them matches display words to choose one (a renamed word would silently lose its colour).
"""

from __future__ import annotations

import enum

from explorer.history import Status
from explorer.model import Severity
from explorer.rules import DateStatus
from explorer.sla.engine import Outcome


class Tone(enum.StrEnum):
    NONE = ""
    RED = "red"  # act now: an error, a breach, an overdue deadline
    AMBER = "amber"  # soon or at risk
    GREEN = "green"  # met, done, settled
    GREY = "grey"  # past, out of scope, not in force


DATE_TONES = {
    DateStatus.PAST: Tone.GREY,
    DateStatus.DUE_SOON: Tone.AMBER,
    DateStatus.UPCOMING: Tone.NONE,
    DateStatus.OVERDUE: Tone.RED,
    DateStatus.DONE: Tone.GREEN,
    DateStatus.RENEWED: Tone.GREEN,
    DateStatus.NOT_RENEWING: Tone.GREY,
    DateStatus.SUPERSEDED: Tone.GREY,
}
OUTCOME_TONES = {
    Outcome.MET: Tone.GREEN,
    Outcome.BREACHED: Tone.RED,
    Outcome.AT_RISK: Tone.AMBER,
    Outcome.PENDING: Tone.NONE,
    Outcome.OUT_OF_SCOPE: Tone.GREY,
    Outcome.UNMATCHED: Tone.GREY,
    Outcome.NO_CONTRACT: Tone.GREY,
    Outcome.NOT_EVALUATED: Tone.GREY,
}
SEVERITY_TONES = {Severity.ERROR: Tone.RED, Severity.WARNING: Tone.AMBER, Severity.INFO: Tone.NONE}
TERM_TONES = {
    Status.IN_FORCE: Tone.NONE,
    Status.ENDED: Tone.GREY,
    Status.NOT_STARTED: Tone.GREY,
    Status.DATES_INVALID: Tone.RED,
    Status.DATES_MISSING: Tone.RED,
    Status.NEVER_RAN: Tone.GREY,
}


def outcome_tone(value: str) -> Tone:
    """The tone of an outcome as the SLA result's column holds it (an Outcome's value)."""
    try:
        return OUTCOME_TONES[Outcome(value)]
    except ValueError:
        return Tone.NONE
