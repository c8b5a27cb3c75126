"""The cases no figure counts because they could not be judged: matched to no contract, or matched and not evaluated
(no priority, no opening time, a response time not read). Each has its finding; the figure is computed here once,
from the SLA result and the customers chosen, and the report's headline, its Actions row and `explorer check`'s
Cases line ("Cases: 12 unmatched, 1 met, 1 not evaluated") all read it.

Out of scope (a non-production case) and No contract in force (a case in a lapse, the Actions' "Lapsed with cases")
are verdicts, not gaps in the reading: they are not counted here.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from explorer.model import customer_key
from explorer.sla.engine import Outcome, SlaResult

NAMES_SHOWN = 5


@dataclass(frozen=True)
class Uncounted:
    # every outcome the cases of the log (or of the chosen customers) have, with its count, most cases first
    outcomes: tuple[tuple[Outcome, int], ...]
    names: tuple[tuple[str, int], ...] = ()  # the unmatched cases' customers as the log writes them, most cases first
    # where each uncounted case is in its log (file, sheet, row): the Actions row speaks for their findings
    rows: frozenset[tuple[str, str, int]] = frozenset()

    @property
    def cases(self) -> int:
        return sum(n for _, n in self.outcomes)

    @property
    def unmatched(self) -> int:
        """Outcome.UNMATCHED: its customer or product is in no contract."""
        return dict(self.outcomes).get(Outcome.UNMATCHED, 0)

    @property
    def not_evaluated(self) -> int:
        """Outcome.NOT_EVALUATED: matched, but with no priority, opening or response time to judge by."""
        return dict(self.outcomes).get(Outcome.NOT_EVALUATED, 0)

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


def chosen_cases(cases: pd.DataFrame, chosen: Collection[str] | None) -> pd.DataFrame:
    """The cases of the chosen customers (by customer_key; all where None): the report's and its Actions'."""
    return cases if chosen is None else cases[cases["customer"].astype(str).map(customer_key).isin(chosen)]


def uncounted(sla: SlaResult, chosen: Collection[str] | None = None) -> Uncounted:
    """The cases of ``sla`` (all, or the ``chosen`` customers' by customer_key) by outcome, and those no figure
    counts by why."""
    cases = chosen_cases(sla.cases, chosen)
    outcome = cases["outcome"].astype(str)
    counted = cases["outcome"].value_counts()  # most cases first, as `explorer check` has always listed them
    unmatched = cases[outcome == Outcome.UNMATCHED.value]
    names = unmatched["customer"].astype(str).str.strip().replace("", "(no customer)").value_counts(sort=False)
    ordered = sorted(names.items(), key=lambda item: (-int(item[1]), str(item[0]).casefold()))
    gaps = cases[outcome.isin([Outcome.UNMATCHED.value, Outcome.NOT_EVALUATED.value])]
    return Uncounted(
        tuple((Outcome(str(k)), int(n)) for k, n in counted.items() if n),
        tuple((str(name), int(n)) for name, n in ordered),
        frozenset(
            (str(file), str(sheet), int(row))
            for file, sheet, row in zip(gaps["file"], gaps["sheet"], gaps["row"], strict=True)
            if pd.notna(row)
        ),
    )


def _cases(n: int) -> str:
    return "case" if n == 1 else "cases"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"
