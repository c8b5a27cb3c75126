"""Each case to the contract row in force when it was opened, vectorised.

A case belongs to a contract group, (customer, product); a case without a product
takes the customer's only product. Within the group, the row that judges it is the
one whose term contains the case's opening day in the customer's local time:
each term becomes [local midnight of its start, local midnight after its end) in
UTC seconds, and one np.searchsorted over (group, term start) finds every case's
row at once. No Python runs per case.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer.model import Contract, customer_key
from explorer.sla.calendars import NO_TIME, Seconds

EARLIEST, LATEST = -(2**40), 2**40  # a missing start or end: open on that side (about 35,000 years)
SPAN = 2**41  # composite sort key = group * SPAN + (seconds - EARLIEST)
EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()


@dataclass
class Matched:
    contract: np.ndarray  # per case: index into the contracts in force at opening, or -1
    grouped: np.ndarray  # per case: the customer holds the product (so -1 means "no contract in force")


def codes(column: pd.Series) -> tuple[np.ndarray, list[object]]:
    """(codes, distinct values); a categorical column (as the importer makes) already has them."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        found = column.cat.codes.to_numpy()
        values = list(column.cat.categories)
        if (found < 0).any():  # missing values become one more distinct value
            found = np.where(found < 0, len(values), found)
            values.append(None)
        return found, values
    found, uniques = pd.factorize(column, use_na_sentinel=False)
    return found, list(uniques)


def term_bounds(contracts: list[Contract]) -> tuple[Seconds, Seconds]:
    """Per contract, its term as [first local midnight, local midnight after the last day) in UTC seconds."""
    starts = np.full(len(contracts), EARLIEST, dtype=np.int64)
    ends = np.full(len(contracts), LATEST, dtype=np.int64)
    by_zone: dict[str, list[int]] = {}
    for i, c in enumerate(contracts):
        by_zone.setdefault(c.time_zone, []).append(i)
    for zone, rows in by_zone.items():  # one vectorised conversion per zone
        for field, out, shift in (("term_start", starts, 0), ("runs_until", ends, 1)):  # an early end cuts the term
            present = [i for i in rows if getattr(contracts[i], field) is not None]
            if not present:
                continue
            ordinals = np.array([getattr(contracts[i], field).toordinal() for i in present], dtype=np.int64)
            days = (ordinals - EPOCH_ORDINAL + shift).astype("datetime64[D]")  # numpy is slow on date objects
            local = pd.DatetimeIndex(days.astype("datetime64[s]"))
            utc = local.tz_localize(zone, ambiguous=np.ones(len(local), dtype=bool), nonexistent="shift_forward")
            out[present] = utc.asi8
    undated = [i for i, c in enumerate(contracts) if c.dates_missing]  # in force on no day (history.status)
    starts[undated], ends[undated] = LATEST, EARLIEST
    return starts, ends


def match_cases(contracts: list[Contract], cases: pd.DataFrame, opened: Seconds) -> Matched:
    cust_codes, cust_uniques = codes(cases["customer_key"])
    prod_codes, prod_uniques = codes(cases["product"])
    cust_at = {c: i for i, c in enumerate(cust_uniques)}
    prod_at = {p: i for i, p in enumerate(prod_uniques) if isinstance(p, str) and p}
    blank = [i for i, p in enumerate(prod_uniques) if not (isinstance(p, str) and p)]
    table = np.full((len(cust_uniques), len(prod_uniques)), -1, dtype=np.int64)
    groups: dict[tuple[int, str], int] = {}
    group_of = np.full(len(contracts), -1, dtype=np.int64)
    products: dict[int, set[str]] = {}
    for i, contract in enumerate(contracts):
        ci = cust_at.get(customer_key(contract.customer)) if contract.customer else None
        if ci is None or contract.product is None:
            continue
        group_of[i] = groups.setdefault((ci, contract.product), len(groups))
        products.setdefault(ci, set()).add(contract.product)
        pi = prod_at.get(contract.product)
        if pi is not None:
            table[ci, pi] = group_of[i]
    for ci, held in products.items():
        if len(held) == 1:
            table[ci, blank] = groups[(ci, next(iter(held)))]
    case_group = table.ravel()[cust_codes.astype(np.intp) * table.shape[1] + prod_codes]  # flat: 3x a 2-D gather
    grouped = case_group >= 0
    n_groups = len(groups)
    if n_groups == 0:
        return Matched(np.full(len(opened), -1, dtype=np.int64), grouped)

    starts, ends = term_bounds(contracts)
    rows = np.flatnonzero(group_of >= 0)
    order = rows[np.lexsort((starts[rows], group_of[rows]))]  # by group, then term start
    sorted_group = group_of[order]
    first = np.searchsorted(sorted_group, np.arange(n_groups + 1))  # each group's slice of ``order``
    count = np.diff(first)
    # Per case: its group's first row (the last slot stands in for "no group"), then, only in groups with
    # history, the last row starting by the opening instant.
    at = np.append(first[:-1], 0)[case_group]
    multi = np.flatnonzero(np.append(count > 1, False)[case_group])
    if len(multi):
        keys = sorted_group * SPAN + (np.clip(starts[order], EARLIEST, LATEST) - EARLIEST)
        when = np.clip(np.where(opened[multi] == NO_TIME, LATEST - 1, opened[multi]), EARLIEST, LATEST - 1)
        found_at = np.searchsorted(keys, case_group[multi] * SPAN + (when - EARLIEST), side="right") - 1
        at[multi] = np.maximum(found_at, first[case_group[multi]])
    row_of = order[at]
    in_term = grouped & (starts[row_of] <= opened) & (opened < ends[row_of])  # NO_TIME is before every start
    if len(multi):
        _step_back(
            multi[~in_term[multi] & (opened[multi] != NO_TIME)],
            at,
            first[case_group],
            order,
            starts,
            ends,
            opened,
            row_of,
            in_term,
        )
    # A case without an opening time is not evaluated; it still shows under its group's latest row.
    undated = np.flatnonzero(grouped & (opened == NO_TIME))
    row_of[undated] = order[first[case_group[undated] + 1] - 1]
    return Matched(np.where(in_term | (grouped & (opened == NO_TIME)), row_of, -1), grouped)


def _step_back(
    todo: np.ndarray,
    at: np.ndarray,
    lo: np.ndarray,
    order: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    opened: Seconds,
    row_of: np.ndarray,
    in_term: np.ndarray,
) -> None:
    """For cases whose latest-starting row had ended by their opening, the latest-starting earlier row still running
    (a short upgrade inside a long term hides the long term after it ends): as history.in_force picks the row in force.

    ``at`` and ``lo`` are each case's slot in ``order`` and its group's first slot; ``row_of`` and ``in_term`` are
    updated in place. One step back per round, for the cases still unplaced: groups hold a few rows.
    """
    pos, lo = at[todo], lo[todo]
    while len(todo):
        pos = pos - 1
        alive = pos >= lo
        todo, pos, lo = todo[alive], pos[alive], lo[alive]
        rows = order[pos]
        hit = (starts[rows] <= opened[todo]) & (opened[todo] < ends[rows])
        row_of[todo[hit]] = rows[hit]
        in_term[todo[hit]] = True
        todo, pos, lo = todo[~hit], pos[~hit], lo[~hit]
