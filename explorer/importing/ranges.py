"""A term written as one range in one cell: Notion's 'March 1, 2026 → February 28, 2027', a Timeline column's
'2026-03-01 - 2027-02-28', 'A to B'.

A contracts table missing a term start or end column takes, as its term, a kept column whose cells
hold two dates joined by a dash, an arrow or 'to' (as product_by_values takes a product column by its
values); each row's cell is then split into the start and the end, and a cell that is no range is that
row's error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import date

from explorer import clock
from explorer.importing import values
from explorer.importing.readers import Cell, RawSheet
from explorer.importing.tables import TableMatch

FIELD = "term_range"  # the pseudo-field of the column that holds both dates
# the joints between the two dates; spaces around them, so an ISO date's own dashes never split it
JOINT = re.compile(r"\s+(?:-|–|—|→|->|=>|~|〜|to|until|through|thru|bis|au|hasta|até)\s+|\s*(?:→|〜)\s*", re.IGNORECASE)
# A joint typed with no spaces ('3/1/2026-2/28/2027', '2026-03-01-2027-02-28', ISO 8601's '2026-03-01/2027-02-28'):
# the one place where both halves are whole dates
TIGHT = re.compile(r"[-–—~/]")
TIGHT_LONGEST = 40  # a range is 45 characters at most written out; longer text with dashes is no tight range
SAMPLE = 30  # filled cells of a kept column looked at
MISSES = 5  # cells of a column taken for ranges (or lengths) named that are not one
ORDERS = [values.DateOrder(day, year) for day in (True, False) for year in (False, True)]
NOT_A_RANGE = "'{}' is not a range of two dates (such as 2026-03-01 - 2027-02-28)"


def _a_date(text: str) -> bool:
    """Whether the text is a date in some order (the file's order settles which, later)."""
    return any(values.parse_date(text, order)[0] for order in ORDERS)


def _halves(text: str) -> list[str]:
    """The text split at its joint: a spaced one, else the one dash or slash with a whole date on either side."""
    parts = [p.strip() for p in JOINT.split(text.strip())]
    if len(parts) == 2 or len(text) > TIGHT_LONGEST:
        return parts
    cuts = [(text[: m.start()].strip(), text[m.end() :].strip()) for m in TIGHT.finditer(text)]
    whole = [list(cut) for cut in cuts if _a_date(cut[0]) and _a_date(cut[1])]
    return whole[0] if len(whole) == 1 else parts


def _alike(parts: list[str], order: values.DateOrder) -> tuple[date, date] | None:
    """The one reading of two nn/nn/nn dates the file leaves open between year first and year last (1/3/26–28/2/27:
    28/2/27 alone may be 2028-02-27) that writes both alike, in the app's years, the start not after the end."""
    readings = set()
    for year_first in (False, True):
        alike = values.DateOrder(order.day_first, year_first)
        start, end = (values.parse_date(p, alike)[0] for p in parts)
        if start and end and clock.in_range(start) and clock.in_range(end) and start <= end:
            readings.add((start, end))
    return readings.pop() if len(readings) == 1 else None


def split_range(text: str, order: values.DateOrder) -> tuple[date | None, date | None, str | None]:
    """(start, end, None) from 'A - B', or (None, None, problem) when the text is not two readable dates."""
    parts = _halves(text)
    if len(parts) != 2:
        return None, None, NOT_A_RANGE.format(text)
    order = values.settle_row(order, parts)  # 01/12/2025 to 30/11/2026 writes the day first
    (start, problem), (end, other) = (values.parse_date(p, order) for p in parts)
    if (problem or other) and order.year_first is None and (read := _alike(parts, order)):
        return *read, None
    if problem or other or start is None or end is None:
        return None, None, problem or other or NOT_A_RANGE.format(text)
    return start, end, None


def looks_like_range(text: str) -> bool:
    """Two parts that are dates in some order (the file's order settles which, later)."""
    parts = _halves(text)
    return len(parts) == 2 and all(_a_date(p) for p in parts)


def taken(hits: int, others: int, filled: int, bare: bool) -> bool:
    """Whether a kept column is read as what ``hits`` of its ``filled`` sampled cells are (ranges, lengths): most of
    them; for a bare 'Term' header, which may hold either, half where fewer are the other kind (``others``)."""
    return 2 * hits > filled or (bare and hits > others and 2 * hits >= filled)


def misses(
    body: Sequence[Sequence[Cell]], index: int, first_row: int, fits: Callable[[str], bool], header: str = ""
) -> list[int]:
    """The first MISSES rows, and one more if there are (1-based; the body's first is ``first_row``), whose filled
    cell at ``index`` is not what the column was taken for, to name them where it was taken. A cell that repeats the
    column's ``header`` (a header row repeated per group or page: skipped, not a row in error) is none."""
    out: list[int] = []
    for number, row in enumerate(body, first_row):
        text = values.cell_text(row[index]) if index < len(row) else ""
        if text and not fits(text) and text != header:
            out.append(number)
            if len(out) > MISSES:  # one more: to say there are more
                break
    return out


def term_range(
    sheet: RawSheet, match: TableMatch, bare: Collection[int] = (), is_length: Callable[[str], bool] = lambda _: False
) -> tuple[TableMatch, str, str, list[int]]:
    """(the match, the header read as the term range or "", its first range, the first rows whose cell is not one): a
    contracts table without a term start or without a term end column takes a kept column most of whose filled cells
    are two dates (monday.com's Timeline beside a Renewal date column: the range gives the start, the column its end);
    a ``bare`` 'Term' column half of them, where fewer are lengths (``is_length``)."""
    if match.kind != "contracts" or ("term_start" in match.columns and "term_end" in match.columns):
        return match, "", "", []
    body = match.body(sheet.rows)
    for index, header in sorted(match.extra.items()):
        texts = [values.cell_text(r[index]) for r in body if index < len(r) and values.cell_text(r[index])][:SAMPLE]
        ranges = [t for t in texts if looks_like_range(t)]
        lengths = sum(map(is_length, texts)) if index in bare else 0
        if texts and taken(len(ranges), lengths, len(texts), index in bare):
            extra = {i: h for i, h in match.extra.items() if i != index}
            fits = looks_like_range
            odd = misses(body, index, match.header_index + 2, fits, header) if len(ranges) < len(texts) else []
            return replace(match, columns={**match.columns, FIELD: index}, extra=extra), header, ranges[0], odd
    return match, "", "", []
