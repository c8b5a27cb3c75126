"""The report's Upgrade Evidence sheet, and the same table for `explorer whatif` (Qt-free).

One row per customer, product and priority: the program held, the program compared with
(the next one up in the report), the term's cases, how many were late under the program
held and how many would be late under the other's promise, and the median wait on each
program's clock beside its target. Sorted by the strength of the case: the verdicts the
other promise turns first (late under it, on time now), then the share that would be late.
The facts come from explorer.app.upgrade, judged by the same engine at the same moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from explorer.app import upgrade
from explorer.catalog import Catalog
from explorer.durations import duration
from explorer.model import Book
from explorer.outputs.terms import table
from explorer.sla.engine import SlaResult

NEXT = "Next Program"
PRINTED = 10  # the sheet holds every row; its print-out the strongest cases
UPGRADE_COLUMNS = [
    "Customer",
    "Product",
    "Priority",
    "Current Program",
    NEXT,
    "Cases",
    "Met Now",
    "Late Now",
    "Would Be Late",
    "Median Wait Now (min)",
    "Target Now (min)",
    "Median Wait Next (min)",
    "Target Next (min)",
    "Evidence",
]  # waits in whole minutes on each program's clock, as the Cases sheet counts them (0.67 h read as a fault)


def _minutes(minutes: float | None) -> int | None:
    """The whole minutes the sentences say ('28 h 48 min' is 1,728, not 1,727.6)."""
    return None if minutes is None else round(minutes)


def evidence_frame(comparisons: Iterable[upgrade.Comparison], without_cases: bool = True) -> pd.DataFrame:
    """UPGRADE_COLUMNS, one row per priority with cases, strongest case first; a term in review without cases, or
    whose program compared the book already holds ahead (Comparison.settled), after them, one row saying so (unless
    ``without_cases`` is False: whatif says them after its table)."""
    rows = []
    for c in comparisons:
        if c.settled:  # the book holds that program ahead: said, as the brief says it, not argued with figures
            if without_cases:
                rows.append([c.customer, c.product, None, c.current.name, c.other.name, c.cases, *[None] * 7, c.settled])
            continue
        if not c.cases:  # said, as the brief and the app's Renewal tab say it, not left out
            if without_cases:
                why = c.sentences()[0]
                rows.append(
                    [c.customer, c.product, None, c.current.name, c.other.name, 0, *[None] * 7, why[:1].upper() + why[1:]]
                )
            continue
        same = c.sentences()[0] if c.same_promise else None  # said once per row, not as figures that cannot differ
        for p in c.priorities:
            if not p.cases:
                continue
            rows.append(
                [
                    c.customer,
                    c.product,
                    f"P{p.priority}",
                    c.current.name,
                    c.other.name,
                    p.cases,
                    p.met_now,
                    p.late_now,
                    p.late_other,
                    _minutes(p.median_now),
                    _minutes(p.now.minutes),
                    _minutes(p.median_other),
                    _minutes(p.other.minutes),
                    same or p.sentence(c.product),
                ]
            )
    frame = pd.DataFrame(rows, columns=UPGRADE_COLUMNS)
    if frame.empty:
        return frame
    turned = frame["Would Be Late"] - frame["Late Now"]
    share = frame["Would Be Late"] / frame["Cases"]
    order = pd.DataFrame({"turned": -turned, "share": -share, "c": frame["Customer"].str.casefold(), "p": frame["Priority"]})
    return frame.loc[order.sort_values(["turned", "share", "c", "p"], kind="stable").index].reset_index(drop=True)


def upgrade_evidence(
    book: Book, catalog: Catalog, as_of: date, sla: SlaResult, keys: Iterable[str] | None = None
) -> pd.DataFrame:
    """The sheet: every term in review (of the customers by key, or all) against the next program up, judged at
    the SLA result's own as-of moment. A sheet with nothing to show says why in its first row."""
    comparisons = upgrade.next_program_up(book, catalog, as_of, sla.as_of, keys, sla)
    frame = evidence_frame(comparisons)
    if frame.empty:
        # in its first column, which prints on every page (the Evidence column may print on a page of its own)
        frame = pd.DataFrame([[NO_PROGRAM_UP] + [None] * (len(UPGRADE_COLUMNS) - 1)], columns=UPGRADE_COLUMNS)
    return frame


NO_PROGRAM_UP = "Nothing to compare: every term in review is on its product's top program, or on none the catalog knows."


def _said_why(frame: pd.DataFrame) -> bool:
    """The sheet is the one row saying why it is empty."""
    return len(frame) == 1 and bool(frame["Product"].isna().all())


NO_WAIT = "0 min: most of those cases were answered before their clock opened (outside business hours), or at once."


def printed(frame: pd.DataFrame) -> tuple[int, str]:
    """(rows printed, what the print-out holds) for the report's page header."""
    if _said_why(frame):
        return 1, "nothing to compare: its first row says why"
    shown = min(len(frame), PRINTED)
    return shown, f"printed: the {shown} strongest rows; the sheet holds all {len(frame):,}"


def as_text(frame: pd.DataFrame, other: str = NEXT) -> str:
    """The table for a terminal: waits as '3 h 10 min'; ``other`` heads the compared program's column."""
    headers = ["Customer", "Product", "Pri", "Current", other, "Cases", "Met now", "Would be late", "Median now", "Median then"]

    def wait(minutes: object, target: object) -> str:
        spent = duration(float(minutes)) if isinstance(minutes, int | float) and pd.notna(minutes) else "–"
        return f"{spent} / {duration(float(target))}"  # type: ignore[arg-type]

    rows = [
        [
            str(r["Customer"]),
            str(r["Product"]),
            str(r["Priority"]),
            str(r["Current Program"]),
            str(r[NEXT]),
            str(r["Cases"]),
            str(r["Met Now"]),
            str(r["Would Be Late"]),
            wait(r["Median Wait Now (min)"], r["Target Now (min)"]),
            wait(r["Median Wait Next (min)"], r["Target Next (min)"]),
        ]
        for _, r in frame.iterrows()
    ]
    text = "\n".join(line.rstrip() for line in table(headers, rows).splitlines())
    if frame[["Median Wait Now (min)", "Median Wait Next (min)"]].eq(0).any(axis=None):  # '0 min' reads like a fault
        text += f"\n{NO_WAIT}"
    return text
