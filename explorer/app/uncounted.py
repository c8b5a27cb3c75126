"""The cases no figure counts because they could not be judged: matched to no contract, or matched and not evaluated
(no priority, no opening time, a response time not read). Each has its warning in the findings; one wording here
says how many there are, so the report's headline and its Actions row give the figure `explorer check` prints
("Cases: 12 unmatched, ...").

Out of scope (a non-production case) and No contract in force (a case in a lapse, the Actions' "Lapsed with cases")
are verdicts, not gaps in the reading: they are not counted here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from explorer.sla.engine import Outcome

NAMES_SHOWN = 5


@dataclass(frozen=True)
class Uncounted:
    cases: int  # every case of the log (or of the chosen customers)
    unmatched: int  # Outcome.UNMATCHED: its customer or product is in no contract
    not_evaluated: int  # Outcome.NOT_EVALUATED: matched, but with no priority, opening or response time to judge by
    names: tuple[tuple[str, int], ...] = ()  # the unmatched cases' customers as the log writes them, most cases first

    @property
    def total(self) -> int:
        return self.unmatched + self.not_evaluated

    def sentence(self) -> str:
        """ "12 of 13 cases matched no contract and are not counted: see Findings."; "" where every case was judged."""
        u, k, n = self.unmatched, self.not_evaluated, self.cases
        if u and k:
            return (
                f"{u:,} of {n:,} cases matched no contract and {k:,} could not be evaluated; they are not counted: see Findings."
            )
        if u:
            return f"{u:,} of {n:,} {_cases(n)} matched no contract and {_are(u)} not counted: see Findings."
        if k:
            return f"{k:,} of {n:,} {_cases(n)} could not be evaluated and {_are(k)} not counted: see Findings."
        return ""

    def names_text(self) -> str:
        """The customers the unmatched cases name, most cases first: "Kestrel Pay Ltd (3), Zephyr Analytics (1)"."""
        shown = ", ".join(f"{name} ({n})" for name, n in self.names[:NAMES_SHOWN])
        more = len(self.names) - NAMES_SHOWN
        return shown + (f" and {more} more" if more > 0 else "")


def uncounted(cases: pd.DataFrame) -> Uncounted:
    """The SLA result's ``cases`` (all, or the chosen customers') that no figure counts, by why."""
    outcome = cases["outcome"].astype(str)
    unmatched = cases[outcome == Outcome.UNMATCHED.value]
    names = unmatched["customer"].astype(str).str.strip().replace("", "(no customer)").value_counts(sort=False)
    ordered = sorted(names.items(), key=lambda item: (-int(item[1]), str(item[0]).casefold()))
    return Uncounted(
        len(cases),
        len(unmatched),
        int((outcome == Outcome.NOT_EVALUATED.value).sum()),
        tuple((str(name), int(n)) for name, n in ordered),
    )


def _cases(n: int) -> str:
    return "case" if n == 1 else "cases"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"
