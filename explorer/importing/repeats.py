"""A case listed more than once is one case: overlapping exports, a log loaded twice, a transcript export.

Case logs accumulate as exports of overlapping date ranges (October–November, then
November–December), and some help desks export a row per message. Counting each row
would count a breach twice and move compliance. Rows with the same case ID are one
case when they name the same customer and product (or one names none). Two customers or products under one ID
are two systems' cases: both are kept.

What the folded case holds must not hang on the order the files were given in: a case is
received once and first confirmed by a person once (domain.md §4), so its opening and its
first response are the earliest any of its rows gives (EARLIEST, the one home of that rule;
cases.py folds a milestone export by it too). The priority at opening, where a row gives
it, beats a priority recorded later; where none does and the rows differ, the oldest
export's (the file whose latest case opened first; in one file, its first row's) is kept,
nearest the opening. A product or requester one row leaves blank is taken from the rows
that agree on it. The rest (the customer as written, the source) comes from the row naming
its customer and the earliest first response, else the one read last (the later export
knows more). Nothing is dropped unsaid: one finding per set of files names the cases
folded and, where their rows differ, the values kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from explorer.model import Finding, Severity, Source
from explorer.shown import shown_name

SHOWN = 5  # case IDs a finding names before "and N more"
EARLIEST = ("opened", "first_response")  # order-free: the first of each that any row gives
SEP = "\x1f"  # between the parts of a case's key: ID, customer, product
SPLIT = ("customer_key", "product")  # rows of one ID that fill these differently are different cases
FILLED = ("product", "requester_email")  # a blank is filled where the other rows agree on one value
COMPARED = {"opened": "opening", "priority": "priority", "first_response": "first response"}


def earliest(frame: pd.DataFrame, by: str | pd.Series, column: str) -> pd.Series:
    """Per ``by`` group, the earliest ``column`` any row gives (NaT where none does)."""
    return frame.groupby(by, sort=False)[column].min()


def one_row_per_case(cases: pd.DataFrame, said: Sequence[Finding] = ()) -> tuple[pd.DataFrame, list[Finding]]:
    """``cases`` with each repeated case folded onto one row (read order kept), and ``said`` (the findings so far)
    with those that say so: a row finding that calls a case not counted, where its other rows count it, says so."""
    if not cases["case_id"].duplicated().any():  # the usual log: one plain look at the IDs as read (stripped)
        return cases, list(said)
    ids = cases["case_id"].astype(str)
    repeated = ids.ne("") & ids.duplicated(keep=False)
    rows = np.flatnonzero(repeated.to_numpy())
    group = cases.iloc[rows].assign(_case=ids.iloc[rows].to_numpy(), _at=rows)
    group["_named"] = group["customer_key"].astype(str).ne("")
    group["_id"] = _case_keys(group)
    apart = _apart(group)
    folded = group[group["_id"].duplicated(keep=False)]
    if folded.empty:
        return cases, [*said, *apart]
    folded = folded.assign(_usable=~_early(folded))  # a response before its opening: neither time is the case's
    rank = folded.assign(_answered=folded["first_response"].notna()).sort_values(  # the best row last
        ["_id", "_usable", "_named", "_answered", "first_response", "_at"],
        ascending=[True, True, True, True, False, True],
        kind="stable",
    )
    kept = rank.drop_duplicates("_id", keep="last")
    dropped = folded["_at"][~folded["_at"].isin(kept["_at"])].to_numpy()
    merged = _order_free(cases, rank, kept)
    held = merged.iloc[kept["_at"].to_numpy()].assign(_id=kept["_id"].to_numpy())
    findings = _findings(cases, folded, held)
    said = _counted_elsewhere(said, folded, held)
    return merged.drop(index=merged.index[dropped]).reset_index(drop=True), [*said, *apart, *findings]


def _early(frame: pd.DataFrame) -> pd.Series:
    """Rows whose first response is before their opening (cases.py refuses the pair)."""
    if "response_early" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["response_early"].fillna(False).astype(bool)


NOT_COUNTED = "; the case is not counted."  # how a row finding of cases.py ends where the row cannot be judged


def _counted_elsewhere(said: Sequence[Finding], folded: pd.DataFrame, held: pd.DataFrame) -> list[Finding]:
    """``said`` with each row finding that calls a folded case not counted, where the fold reads it whole (an
    opening, no response before it, a priority, a known product), saying instead that the row's value is not
    used: a warning, not an error, as the case is counted."""
    refused = {(f.source.file, f.source.sheet, f.source.row) for f in said if f.message.endswith(NOT_COUNTED)}
    if not refused:  # the usual fold (overlapping clean exports): no row finding to look at
        return list(said)
    whole = held["opened"].notna() & ~_early(held) & held["priority"].notna() & held["product"].astype(object).ne("?")
    counted = folded[folded["_id"].isin(set(held.loc[whole, "_id"]))]
    places = list(zip(counted["file"].astype(str), counted["sheet"].astype(str), counted["row"].astype(int), strict=True))
    cases = counted["_id"].tolist()
    wanted = {cases[i] for i, place in enumerate(places) if place in refused}  # only the cases a finding names
    rows_of: dict[str, list[tuple[str, str, int]]] = {}
    for case, place in zip(cases, places, strict=True):
        if case in wanted:
            rows_of.setdefault(case, []).append(place)
    others = {
        place: ", ".join(f"{shown_name(p[0])} row {p[2]}" for p in group if p != place)
        for group in rows_of.values()
        for place in group
    }
    out = []
    for finding in said:
        where = finding.source
        other = others.get((where.file, where.sheet, where.row or 0)) if finding.message.endswith(NOT_COUNTED) else None
        if other:
            finding = replace(
                finding,
                severity=Severity.WARNING,
                message=finding.message.removesuffix(NOT_COUNTED)
                + f"; this row's value is not used, and the case is counted from its other rows ({other}).",
            )
        out.append(finding)
    return out


def _text(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), "").astype(str)


def _case_keys(group: pd.DataFrame) -> pd.Series:
    """Each repeated row's case: its ID, customer and product (SPLIT), a blank one taking the only value the ID's
    other rows give. Help desks number their tickets independently: one ID naming two customers, or two products,
    is two cases, never folded into one."""
    key = group["_case"].astype(str)
    for column in SPLIT:
        text = _text(group[column])
        filled = text.ne("")
        given = text[filled].groupby(group["_case"][filled]).agg(["nunique", "first"])
        only = given.loc[given["nunique"] == 1, "first"]
        text = text.where(filled, _text(group["_case"].map(only)))
        key = key + SEP + text
    return key


def _apart(group: pd.DataFrame) -> list[Finding]:
    """One info naming the IDs that stand for more than one case (SPLIT): each is counted on its own."""
    cases = group.groupby("_case", sort=False)["_id"].nunique()
    shared = [str(i) for i in cases[cases > 1].index]
    if not shared:
        return []
    said = []
    for case_id in shared[:SHOWN]:
        rows = group[group["_case"] == case_id]
        where = ", ".join(f"{shown_name(str(f))} row {r}" for f, r in zip(rows["file"], rows["row"], strict=True))
        said.append(f"{case_id} ({where})")
    more = f"; and {len(shared) - SHOWN} more" if len(shared) > SHOWN else ""
    many = len(shared) != 1
    text = (
        f"{len(shared)} case ID{'s name' if many else ' names'} more than one case: {'their' if many else 'its'} rows "
        "name different customers or products, and help desks number their tickets independently, so each case is "
        f"counted on its own: {'; '.join(said)}{more}."
    )
    first = group[group["_case"] == shared[0]].iloc[0]
    return [Finding(Severity.INFO, text, Source(str(first["file"]), str(first["sheet"]), int(str(first["row"]))))]


def _order_free(cases: pd.DataFrame, rank: pd.DataFrame, kept: pd.DataFrame) -> pd.DataFrame:
    """``cases`` with each kept row given the values of its case that no order of files or rows can change."""
    out = cases.copy()
    labels = cases.index[kept["_at"].to_numpy()]
    by_id = pd.Series(kept["_id"].to_numpy(), index=labels)  # each kept row's case ID

    def put(column: str, values: pd.Series) -> None:
        """``values`` (per case ID) onto the kept rows of the cases they give one for."""
        given = by_id[by_id.isin(values.index)]
        out.loc[given.index, column] = given.map(values)

    usable = rank[rank["_usable"]]
    for column in EARLIEST:  # a case whose every row has a response before its opening keeps its own row's
        first = earliest(usable, "_id", column)
        known = by_id[by_id.isin(usable["_id"])]
        out.loc[known.index, column] = known.map(first)
    if "response_early" in out:  # rows that each hold together can still: the earliest response, the earliest opening
        out.loc[labels, "response_early"] = _early(out.loc[labels]) | (
            out.loc[labels, "first_response"] < out.loc[labels, "opened"]
        )
    said = rank.groupby("_id", sort=False)["response_unknown"].any()  # answered at an unknown time, one row says
    out.loc[labels, "response_unknown"] = out.loc[labels, "first_response"].isna() & by_id.map(said).astype(bool)
    at_open = rank[rank["priority_at_open"] & rank["priority"].notna()].drop_duplicates("_id", keep="last")
    for column in ("priority", "priority_text", "priority_at_open"):
        put(column, at_open.set_index("_id")[column])
    # Rows that differ with none at opening: the oldest export's (the file whose latest case opened first), its first
    # row's, is nearest the opening, whatever order the files came in; a later export or row may show it lowered,
    # which does not move the target (domain.md §4). Files as old as each other go by name: one answer, any order.
    differ = rank.groupby("_id", sort=False)["priority"].nunique() > 1
    rows = rank[rank["_id"].isin(differ.index[differ]) & ~rank["_id"].isin(at_open["_id"]) & rank["priority"].notna()]
    if not rows.empty:
        age = rows["file"].map(cases.groupby("file", sort=False)["opened"].max())
        oldest = rows.assign(_age=age).sort_values(["_id", "_age", "file", "_at"], kind="stable").drop_duplicates("_id")
        for column in ("priority", "priority_text", "priority_at_open"):
            put(column, oldest.set_index("_id")[column])
    for column in FILLED:
        texts = out.loc[labels, column].astype(str)
        blank = by_id[out.loc[labels, column].isna() | texts.eq("")]
        given = rank[rank["_id"].isin(blank) & rank[column].notna() & rank[column].astype(str).ne("")]
        values = given.groupby("_id")[column].agg(["nunique", "first"])
        put(column, values.loc[values["nunique"] == 1, "first"])
    return out


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
            "with the earliest opening and first response its rows give (the first confirmation by a person), the rest "
            f"from the row with that response, else the one read last. {_ids([i.split(SEP)[0] for i in listed])}."
        )
        if clash:
            shown = "; ".join(_kept(folded[folded["_id"] == i], keep.loc[[i]].iloc[0]) for i in clash[:SHOWN])
            more = f"; and {len(clash) - SHOWN} more" if len(clash) > SHOWN else ""
            text += (
                f" {len(clash)} of them {'differs' if len(clash) == 1 else 'differ'} in opening time, priority or first "
                f"response between their rows (check the exports): {shown}{more}."
            )
        kept_row = keep.loc[listed[0]]
        where_kept = Source(str(kept_row["file"]), str(kept_row["sheet"]), int(str(kept_row["row"])))
        out.append(Finding(Severity.WARNING if clash else Severity.INFO, text, where_kept))
    return out


def _kept(rows: pd.DataFrame, kept: pd.Series) -> str:
    """'Case 77: first response 2026-09-01 02:40 UTC (zd.csv row 2) kept, not 2026-09-01 04:00 UTC (sf.csv row 2)'."""
    said = []
    for column, label in COMPARED.items():
        given = rows[rows[column].notna()] if column == "first_response" else rows  # not yet answered: no clash
        if given[column].nunique(dropna=False) < 2:
            continue
        value = kept[column]
        holds = given[column].isna() if pd.isna(value) else given[column].eq(value)
        others = given[~holds]
        blank = others[column].isna()
        text = f"{label} {_value(value, given[holds].iloc[0], label)} kept"
        if not blank.all():
            text += ", not " + ", ".join(_value(row[column], row, label) for _, row in others[~blank].iterrows())
        if blank.any():  # a row giving none (a blank cell, or one not read): said so, not as a value "none"
            none = [_where(row) for _, row in others[blank].iterrows()]
            text += f", where {' and '.join(none)} {'give' if len(none) > 1 else 'gives'} no {label}"
        said.append(text)
    return f"Case {str(kept.name).split(SEP)[0]}: {', '.join(said)}"


def _where(row: pd.Series) -> str:
    """The row a compared value is read from: 'zd.csv row 2'."""
    refused = ", whose response is before its opening: not used" if bool(row.get("response_early", False)) else ""
    return f"{shown_name(str(row['file']))} row {row['row']}{refused}"


def _value(value: object, row: pd.Series, label: str) -> str:
    """A compared value and the row it is read from: '2026-09-01 02:40 UTC (zd.csv row 2)', 'P1 (log.csv row 3)'."""
    where = f"({_where(row)})"
    if pd.isna(value):  # type: ignore[call-overload]
        return f"no {label} {where}"
    return f"{value:%Y-%m-%d %H:%M} UTC {where}" if isinstance(value, pd.Timestamp) else f"P{value} {where}"


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN])
    more = len(ids) - SHOWN
    return f"Case{'s' if len(ids) != 1 else ''} {shown}" + (f" and {more} more" if more > 0 else "")
