"""The book-wide case list: filters over column arrays, counts and compliance of what passes (Qt-free).

The case log is coded once per load (priorities as numbers, outcomes, products and
customers as integer codes, opening times as int64), so a filter change is a handful
of vectorised comparisons: milliseconds at 200,000 cases, where a row-by-row proxy
filter takes seconds. The date choices are explorer.app.periods' (one set of windows for the
app, the report and the sheet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from explorer.model import customer_key
from explorer.sla.compliance import opening_days, within
from explorer.sla.engine import COUNTED, Outcome

# A case's wait for its first response as every view and output titles it: minutes counted on its SLA clock,
# so a reply outside a business-hours clock's hours counts 0, which the title and its tip say.
RESPONSE_MINUTES = "Response Minutes (SLA clock)"
RESPONSE_MINUTES_TIP = (
    "Minutes to the first response counted on the case's SLA clock. On a business-hours clock, time outside "
    "business hours (nights, weekends, public holidays) does not count, so a reply then can show 0."
)


def _codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes and the texts they stand for."""
    codes, uniques = pd.factorize(column.astype(str))
    return np.asarray(codes), [str(u) for u in uniques]


@dataclass(frozen=True)
class CaseFilter:
    priority: int | None = None  # 1..4
    outcome: str = ""  # an Outcome value; "" for any
    product: str = ""
    customers: frozenset[str] | None = None  # customer keys; None for every customer
    opened_from: date | None = None  # inclusive, on the UTC day the case was opened
    opened_to: date | None = None  # inclusive


@dataclass(frozen=True)
class CaseCounts:
    cases: int
    met: int
    breached: int
    pending: int
    at_risk: int
    other: int  # out of scope, unmatched, no contract in force, not evaluated

    @property
    def compliance(self) -> float | None:
        decided = self.met + self.breached
        return self.met / decided if decided else None

    def text(self) -> str:
        share = "no decided case" if self.compliance is None else f"compliance {self.compliance:.1%}"
        return (
            f"{self.cases:,} {'case' if self.cases == 1 else 'cases'} · {self.met:,} met"
            f" · {self.breached:,} breached · {self.pending:,} pending · "
            f"{self.at_risk:,} at risk · {self.other:,} not counted · {share}"
        )


class CaseTable:
    """The SLA result's cases, coded for filtering; ``cases`` rows are addressed by position."""

    def __init__(self, cases: pd.DataFrame) -> None:
        self.cases = cases.reset_index(drop=True)
        self.priority = pd.to_numeric(self.cases["priority"], errors="coerce").to_numpy(dtype="float64")
        self.outcome_code, self.outcomes = _codes(self.cases["outcome"])
        self.product_code, self.products = _codes(self.cases["product"])
        self.customer_code, names = _codes(self.cases["customer"])
        self.customer_keys = [customer_key(name) for name in names]  # once per customer, not per case
        self.opened_days = opening_days(pd.to_datetime(self.cases["opened"], utc=True, errors="coerce"))
        self._met, self._breached = self._codes(Outcome.MET), self._codes(Outcome.BREACHED)
        self._pending, self._at_risk = self._codes(Outcome.PENDING), self._codes(Outcome.AT_RISK)

    def __len__(self) -> int:
        return len(self.cases)

    def _codes(self, outcome: Outcome) -> int:
        return self.outcomes.index(outcome.value) if outcome.value in self.outcomes else -1

    def mask(self, f: CaseFilter) -> np.ndarray:
        keep = np.ones(len(self.cases), dtype=bool)
        if f.priority is not None:
            keep &= self.priority == f.priority
        if f.outcome:
            keep &= self.outcome_code == (self.outcomes.index(f.outcome) if f.outcome in self.outcomes else -2)
        if f.product:
            keep &= self.product_code == (self.products.index(f.product) if f.product in self.products else -2)
        if f.customers is not None:
            allowed = np.fromiter((k in f.customers for k in self.customer_keys), dtype=bool, count=len(self.customer_keys))
            keep &= allowed[self.customer_code] if len(allowed) else False
        keep &= within(self.opened_days, f.opened_from, f.opened_to)
        return keep

    def counts(self, mask: np.ndarray) -> CaseCounts:
        tally = np.bincount(self.outcome_code[mask], minlength=len(self.outcomes)) if len(self.outcomes) else np.zeros(0, int)

        def of(code: int) -> int:
            return int(tally[code]) if code >= 0 else 0

        counted = sum(of(self._codes(o)) for o in COUNTED)
        total = int(mask.sum())
        return CaseCounts(total, of(self._met), of(self._breached), of(self._pending), of(self._at_risk), total - counted)

    def customer_of(self, row: int) -> str:
        return self.customer_keys[int(self.customer_code[row])]
