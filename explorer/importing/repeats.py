"""A case listed more than once is one case: overlapping exports, a log loaded twice, a transcript export.

Case logs accumulate as exports of overlapping date ranges (October–November, then
November–December), and some help desks export a row per message. Counting each row
would count a breach twice and move compliance. Rows with the same case ID are one
case when they name the same customer (or one names none); of them the row kept is
the one naming its customer and its first response, else the one read last (the later
export knows more). Two customers under one ID are two systems' cases: both are kept.
Nothing is dropped unsaid: one finding per set of files names the cases folded.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from explorer.model import Finding, Severity, Source
from explorer.shown import shown_name

SHOWN = 5  # case IDs a finding names before "and N more"


def one_row_per_case(cases: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    """``cases`` with each repeated case folded onto one row (read order kept), and the findings that say so."""
    if not cases["case_id"].duplicated().any():  # the usual log: one plain look at the IDs as read (stripped)
        return cases, []
    ids = cases["case_id"].astype(str)
    repeated = ids.ne("") & ids.duplicated(keep=False)
    rows = np.flatnonzero(repeated.to_numpy())
    group = cases.iloc[rows].assign(_id=ids.iloc[rows].to_numpy(), _at=rows)
    group["_named"] = group["customer_key"].astype(str).ne("")
    customers = group[group["_named"]].groupby("_id")["customer_key"].nunique()
    folded = group[~group["_id"].isin(customers[customers > 1].index)]  # two customers, one ID: two cases
    if folded.empty:
        return cases, []
    rank = folded.assign(_answered=folded["first_response"].notna()).sort_values(
        ["_id", "_named", "_answered", "_at"], kind="stable"
    )
    kept = rank.drop_duplicates("_id", keep="last")
    dropped = folded["_at"][~folded["_at"].isin(kept["_at"])].to_numpy()
    findings = _findings(cases, folded, kept)
    return cases.drop(index=cases.index[dropped]).reset_index(drop=True), findings


def _findings(cases: pd.DataFrame, folded: pd.DataFrame, kept: pd.DataFrame) -> list[Finding]:
    """One finding per set of files the folded cases came from: identical rows are a note, differing ones a warning."""
    order = {f: i for i, f in enumerate(dict.fromkeys(cases["file"].astype(str)))}
    by_id = folded.groupby("_id", sort=False)
    files_of: dict[tuple[str, ...], list[str]] = {}
    for case_id, files in by_id["file"].unique().items():
        files_of.setdefault(tuple(sorted(map(str, files), key=order.__getitem__)), []).append(str(case_id))
    differs = (
        (by_id["opened"].nunique(dropna=False) > 1)
        | (by_id["priority"].nunique(dropna=False) > 1)
        | (by_id["first_response"].nunique() > 1)  # a response one export has and another not yet: no clash
    )
    differ = set(differs[differs].index.astype(str))
    keep = kept.set_index("_id")
    out = []
    for files, listed in files_of.items():
        names = [shown_name(f) for f in files]
        clash = [i for i in listed if i in differ]
        where = (
            f"more than once in {names[0]}"
            if len(names) == 1
            else f"in both {names[0]} and {names[1]} (overlapping exports)"
            if len(names) == 2
            else f"in several of {', '.join(names[:-1])} and {names[-1]}"
        )
        many = len(listed) != 1
        text = (
            f"{len(listed)} case{'s are' if many else ' is'} listed {where}: {'each is' if many else 'it is'} counted once, "
            f"keeping the row with its first response, else the one read last. {_ids(listed)}."
        )
        if clash:
            text += (
                f" {len(clash)} of them {'differs' if len(clash) == 1 else 'differ'} in opening time, priority or first "
                f"response between their rows (check the exports): {_ids(clash)}."
            )
        kept_row = keep.loc[listed[0]]
        where_kept = Source(str(kept_row["file"]), str(kept_row["sheet"]), int(str(kept_row["row"])))
        out.append(Finding(Severity.WARNING if clash else Severity.INFO, text, where_kept))
    return out


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN])
    more = len(ids) - SHOWN
    return f"Case{'s' if len(ids) != 1 else ''} {shown}" + (f" and {more} more" if more > 0 else "")
