"""A term length where a book gives it instead of an end: Salesforce's Contract Term, a bare 'Term' of 12 or '1 yr',
HubSpot's ISO 8601 'P12M'.

A header that says it (`Term (Months)`, `Contract Term`) is the catalog's term_months spelling. A bare one
(`Term`, `Duration`: the catalog's contracts `by_values`) may as well hold a range of two dates or a word, so it
is read as the length only where the table has no term end or length column and most of its filled cells are
lengths (or half, where fewer are ranges), as ranges.term_range takes a range column by its cells.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date

from explorer.catalog import Catalog, unaccented
from explorer.importing import ranges, values
from explorer.importing.headers import spelled
from explorer.importing.readers import RawSheet
from explorer.importing.tables import TableMatch

FIELD = "term_months"
MONTHS = {"month": 1, "year": 12}  # the catalog's [units] a length is counted in, in months (their words are data)
BARE_RE = re.compile(r"\s*(\d+)(?:\.0+)?\s*")  # '36', Excel's 36.0: months
PART_COUNT = re.compile(r"\s*(\d+[.,]\d+)\s*")  # '1.5', '2,5': a part of a larger unit (years), whole in months
# Counts with their unit words, any of the catalog's languages: '36 Monate', '12 Mon.', '3-year', '2 years 6 months',
# '1,5 Jahre', '3年'
PART = r"(\d+(?:[.,]\d+)?)\s*-?\s*([^\W\d_]+)\.?"
PARTS_RE = re.compile(rf"\s*{PART}(?:(?:\s*,\s*|\s+and\s+|\s*){PART})*\s*", re.IGNORECASE)
# ISO 8601 as HubSpot's line items write a term: P12M, P1Y, P2Y6M (a zero day or time part is still whole months;
# a week or a day count is no number of months). No kept library reads durations with months.
ISO_RE = re.compile(r"P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:0+W)?(?:0+D)?(?:T(?:0+[HMS])*)?", re.IGNORECASE)
# A length that names its start, in the catalog's languages: '12 months from 1 March 2026', '36 Monate ab 01.03.2026',
# '1 an à partir du 1er mars 2026', '24 meses desde 1/3/2026', '2 anos a partir de 1 de março de 2026', '2 anni dal
# 1 marzo 2026'. Only a length and a date: '12 months from signature' is prose, no length.
FROM_RE = re.compile(r"\s*(.+?)\s+(?:from|ab|[àa] partir d[ue]|desde|da|dal)\s+(.+?)\s*", re.IGNORECASE)
# The unit a length column's header names: in brackets, or after 'in' ('Term (Years)', 'Term in years', 'Laufzeit (Jahre)')
UNIT_RE = re.compile(r"(?:\(\s*|\bin\s+)([^\W\d_]+)\.?\s*\)?\s*$", re.IGNORECASE)
MAX_MONTHS = 240
SAMPLE = 30  # filled cells of a kept column looked at


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, the month's last where it is shorter (Jan 31 + 1 month is Feb 28)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_in(text: str, catalog: Catalog, unit: int = 1) -> int | None:
    """The number of months a length says ('12', '36 mo', '2 years', '36 Monate', '3 ans', 'P2Y6M'), None where it says
    none, a part of a month or over 20 years; a bare count is of ``unit`` months (12 under 'Term (Years)': header_unit)."""
    count: float = 0
    if dated := _from(text):
        text = dated[0]
    if bare := BARE_RE.fullmatch(text):
        count = int(bare[1]) * unit
    elif unit > 1 and (part := PART_COUNT.fullmatch(text)):  # '1.5' under 'Term (Years)': 18 months
        count = float(part[1].replace(",", ".")) * unit
    elif PARTS_RE.fullmatch(text):
        per = catalog.unit_words(MONTHS)
        parts = [(float(n.replace(",", ".")), per.get(unaccented(u.casefold()))) for n, u in re.findall(PART, text)]
        count = _one_length([(n, p) for n, p in parts if p is not None]) if None not in (p for _, p in parts) else 0
    elif (iso := ISO_RE.fullmatch(text.strip())) and (iso[1] or iso[2]):
        count = 12 * int(iso[1] or 0) + int(iso[2] or 0)
    return int(count) if 0 < count <= MAX_MONTHS and count == int(count) else None  # inf: no length


def header_unit(header: str, catalog: Catalog) -> int:
    """The months a bare count counts under this header: 12 where its unit is a year ('Term (Years)', 'Contract Term
    in Years', 'Laufzeit (Jahre)', 'Durée (ans)', 'Years'), else 1 (a length column counts months, as Salesforce's does)."""
    unit = UNIT_RE.search(header)
    word = unit[1] if unit else header.strip().rstrip(".")  # a column headed by its unit alone: 'Years'
    return int(catalog.unit_words(MONTHS).get(unaccented(word.casefold()), 1))


def _one_length(parts: list[tuple[float, float]]) -> float:
    """The months of a length said in parts (count, months a unit): '2 years 6 months' is 30, each part smaller
    than the one before and under one of it; the same length said twice ('36 Monate 3 Jahre', '12 months 1 year')
    is that length, not their sum (72 was read, hostile tryout 4); any other mix ('1 yr 1 yr': a unit twice; '12 Jahre 12 Monate')
    says no one length: 0."""
    months = [n * per for n, per in parts]
    pers = [per for _, per in parts]
    if len(parts) > 1 and len(set(months)) == 1 and len(set(pers)) == len(pers):
        return months[0]
    if pers != sorted(set(pers), reverse=True):  # a unit repeated, or a smaller one first
        return 0
    if any(n * per >= before for (n, per), before in zip(parts[1:], pers, strict=False)):
        return 0  # '1 year 12 months': the smaller part is a whole larger unit or more
    return sum(months)


def named_start(text: str, order: values.DateOrder) -> tuple[date | None, str | None] | None:
    """The start a length names ('12 months from 1 March 2026': 2026-03-01, or why it cannot be read); None where the
    text is no length of that shape."""
    dated = _from(text)
    return values.parse_date(dated[1], order) if dated else None


def _from(text: str) -> tuple[str, str] | None:
    """(the length, the date) of a length that names its start; the date a date in some order (the row's settles)."""
    dated = FROM_RE.fullmatch(text)
    if dated is None or not any(values.parse_date(dated[2], order)[0] for order in ranges.ORDERS):
        return None
    return dated[1], dated[2]


def bare_length_columns(match: TableMatch, catalog: Catalog) -> dict[int, str]:
    """The kept columns whose bare header may name the term length (index -> header)."""
    spec = catalog.tables.get(match.kind)
    bare = spec.by_values.get(FIELD, frozenset()) if spec else frozenset()
    return {i: h for i, h in sorted(match.extra.items()) if spelled(h, bare)}


def length_column(sheet: RawSheet, match: TableMatch, catalog: Catalog) -> tuple[TableMatch, str, str, list[int]]:
    """(the match, the bare header read as the term length or "", its first length, the first rows whose cell is not
    one): a contracts table with no term end and no length column takes a 'Term' column most of whose filled cells
    are lengths, or half where fewer are ranges (ranges.taken)."""
    if match.kind != "contracts" or {"term_end", FIELD, ranges.FIELD} & set(match.columns):
        return match, "", "", []
    body = match.body(sheet.rows)

    def is_length(text: str) -> bool:
        return months_in(text, catalog) is not None

    for index, header in bare_length_columns(match, catalog).items():
        texts = [values.cell_text(r[index]) for r in body if index < len(r) and values.cell_text(r[index])][:SAMPLE]
        lengths = [t for t in texts if is_length(t)]
        spans = sum(map(ranges.looks_like_range, texts))
        if texts and ranges.taken(len(lengths), spans, len(texts), bare=True):
            extra = {i: h for i, h in match.extra.items() if i != index}
            odd = ranges.misses(body, index, match.header_index + 2, is_length, header) if len(lengths) < len(texts) else []
            return replace(match, columns={**match.columns, FIELD: index}, extra=extra), header, lengths[0], odd
    return match, "", "", []
