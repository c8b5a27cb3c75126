"""A table's body column by column: the one place blank and totals rows are told apart.

Each field becomes a Series; text is computed once per distinct value; blank rows
are dropped and totals rows set aside (with an info finding) in one vectorised pass.
Long tables (contacts, cases) work on the columns; contracts and holidays walk
them row by row through explorer.importing.rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from explorer.catalog import Catalog, fold
from explorer.importing.entity_names import contact_companies, entity_names, odoo_export
from explorer.importing.places import own_region, region_named
from explorer.importing.readers import RawSheet
from explorer.importing.record_lines import fill_lines
from explorer.importing.safety import MAX_CELL_CHARS
from explorer.importing.tables import TableMatch
from explorer.importing.values import CALM_FROM, calm, cell_text
from explorer.model import Finding, Severity, Source, clean_name, what_was_cleaned

# What a line that is not a record says, for the finding that quotes it (the rule itself is structural).
NOT_RECORDS = [
    (
        "a confidentiality line",
        re.compile(r".*\b(confidential|do not distribute|internal use only|proprietary)\b", re.IGNORECASE),
    ),
    ("a copyright line", re.compile(r"(copyright|\(c\)|©)", re.IGNORECASE)),
    ("a generated-by line", re.compile(r"(generated|exported|created|run|printed)\b.*\b(by|on|at)\b", re.IGNORECASE)),
    ("a footnote", re.compile(r"(\*|†|note\b|notes\b|source\b|\(\d\)|\[\d\])", re.IGNORECASE)),
]
TOTALS_LINE = "a totals line"
RECORD_COUNT = r".*\(\d[\d,]* (?:records?|rows?|items?)\)\s*$"  # "Grand Totals (24 records)"
TITLE = "a title or note"
GROUP_HEADING = "a group heading"
# A figure as a totals line holds them: 3, 1,250.00, $500,000, 12%, (1.5); the currency of a sum (SAP's 'EUR'); and
# a count of things (a hand-kept book's =COUNTA(B2:B4)&" products": '3 products', '12 accounts').
FIGURE = re.compile(r"[-+(]?\s*[$€£¥]?\s*\d[\d\s.,']*\s*%?\)?|[A-Z]{3}|\d[\d,]*\s+[^\W\d_]{2,}s")
LETTER = re.compile(r"[^\W\d_]")  # a letter of any script: text that is words, not a figure


@cache
def totals_patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a label that makes its row a totals line whatever else the row holds: a totals word alone, or followed by
    ':', '(', '-', '=' or a figure, or a record count; a label that only begins or ends with a totals word as a
    whole word, "Total EMEA" or Excel's own Data > Subtotal "EMEA Total" and "EMEA Count", which is a totals line
    where the rest of its row is figures). ``words``: the catalog's."""
    # A mark with no letter (SAP's ALV writes '*' or '**' beside a sum, others 'Σ') is a totals label only alone in
    # its cell and beside figures: '* see note' is a footnote, and a lone '*' beside a name a record.
    marks = "|".join(re.escape(w.strip()) for w in words if w.strip() and not any(c.isalnum() for c in w)) or r"(?!)"
    named = [w for w in words if any(c.isalnum() for c in w)]
    spelled = sorted({re.escape(" ".join(w.split())).replace(r"\ ", r"\s+") for w in named}, key=len, reverse=True)
    either = "|".join(spelled) or r"(?!)"
    strict = re.compile(rf"\s*(?:{either})\s*(?:$|[:(\-\u2013=]|\d)|{RECORD_COUNT}", re.IGNORECASE)
    # "Total EMEA" or "EMEA Total:", never "TotalEnergies" or "Headcount"
    loose = re.compile(rf"\s*(?:{either})(?![^\W_])|.*(?<![^\W_])(?:{either})\s*[:=]?\s*$|\s*(?:{marks})\s*$", re.IGNORECASE)
    return strict, loose


@cache
def _totals_ends(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the first word, the last word) of each totals word, case-folded: a label that begins with none, ends with
    none (or none and a colon) and ends in no record count in brackets is no totals label, whatever the patterns
    would say."""
    split = [w.split() for w in words if w.strip()]
    return tuple(sorted({w[0].casefold() for w in split})), tuple(sorted({w[-1].casefold() for w in split}))


@cache
def _last_letters(ends: tuple[str, ...]) -> frozenset[str]:
    """The characters a label may end in and still end with a totals word (either case), ')', ' ', ':' or '='."""
    return frozenset("".join(w[-1] + w[-1].upper() for w in ends if w) + ") :=")


@dataclass
class Columns:
    rows: np.ndarray  # the spreadsheet row number of each kept row
    raw: dict[str, pd.Series]  # field -> cells as read
    texts: dict[str, pd.Series]  # field -> cell text
    extra: dict[str, pd.Series]  # unrecognised column header -> cell text

    def __len__(self) -> int:
        return len(self.rows)

    def extras(self) -> list[dict[str, str]]:
        """Each row's unrecognised columns, as written."""
        if not self.extra:
            return [{} for _ in range(len(self))]
        headers = list(self.extra)
        return [
            dict(zip(headers, values, strict=True)) for values in zip(*(self.extra[h].tolist() for h in headers), strict=True)
        ]


def grid(body: Sequence[Sequence[Any]]) -> np.ndarray:
    """A table's body as one 2-D object array (short rows padded with ""): its columns are slices, not loops."""
    if not len(body):
        return np.empty((0, 0), dtype=object)
    widths = set(map(len, body))
    width = max(widths)
    if len(widths) > 1:  # CSV rows stop at their last field
        body = [[*r, *[""] * (width - len(r))] for r in body]
    out = np.empty((len(body), width), dtype=object)
    out[:] = body
    return out


def _column(cells: np.ndarray, index: int | None) -> pd.Series:
    if index is None or index >= cells.shape[1]:
        return pd.Series(np.full(len(cells), "", dtype=object), dtype=object)
    return pd.Series(cells[:, index], dtype=object)


def factorize(values: pd.Series | np.ndarray) -> tuple[np.ndarray, Any]:
    """pd.factorize keeping missing values as values of their own, without a null scan of the common column.

    (factorize(use_na_sentinel=False) tests every cell of an object column for null first: a fifth of
    the import's normalising; cells as read are rarely null, so that path is taken only when some are.)
    """
    codes, uniques = pd.factorize(values)
    if (codes < 0).any():
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, uniques


def texts_of(series: pd.Series) -> pd.Series:
    """cell_text over a column, computed once per distinct value (IDs are all distinct: fast paths for them)."""
    return _texts(series)[0]


DISTINCT_SAMPLE = 5000  # cells looked at to tell a column of distinct values (IDs) from one of repeated values


def _texts(series: pd.Series) -> tuple[pd.Series, tuple[int, int] | None]:
    """(texts_of the column with text longer than MAX_CELL_CHARS cut to it, (cells cut, position of the first) or None).

    A column of text in every cell, all but distinct, is stripped cell by cell; any other is read once per distinct value
    (numbers, dates and blanks mixed in, or a few values repeated), and its lengths measured on those.
    """
    cells = series.to_numpy(dtype=object)
    sample = cells[:DISTINCT_SAMPLE].tolist()
    if len(set(sample)) >= 0.99 * len(sample) and pd.api.types.infer_dtype(cells, skipna=False) == "string":
        # text in every cell (a CSV's), all but distinct (IDs, subjects, times): stripped each, for a strip costs less
        # than hashing the text to find the distinct values (a log's 30 such columns: 3.8 s of factorizing). A column
        # of repeated values (10,000 customers over 200,000 cases) keeps one text object a value: what reads it
        # later (hashing, comparing) works once per value
        stripped = np.fromiter((v.strip() for v in cells), dtype=object, count=len(cells))
        return _cut_long(stripped, None, series.index)
    codes, uniques = factorize(series)
    values = np.asarray(uniques, dtype=object)
    kind = pd.api.types.infer_dtype(values, skipna=False)
    numbers = values.astype(np.float64) if kind == "floating" else None
    if kind == "string":
        mapped = np.array([v.strip() for v in values], dtype=object)
    elif numbers is not None and bool((np.mod(numbers, 1) == 0).all()):  # numeric IDs read as floats
        mapped = numbers.astype(np.int64).astype(str).astype(object)
    else:
        mapped = np.array([cell_text(u) for u in values], dtype=object)
    return _cut_long(mapped, codes, series.index)


def _cut_long(mapped: np.ndarray, codes: np.ndarray | None, index: pd.Index) -> tuple[pd.Series, tuple[int, int] | None]:
    """The texts ``mapped[codes]`` (``mapped`` itself without codes), long ones calmed (values.calm) and any longer than
    MAX_CELL_CHARS cut to it, and (cells cut, position of the first)."""
    cut = None
    lengths = np.fromiter(map(len, mapped), dtype=np.int64, count=len(mapped))
    if (long_ish := lengths >= CALM_FROM).any():
        mapped[long_ish] = [calm(text) for text in mapped[long_ish]]
        lengths[long_ish] = [len(text) for text in mapped[long_ish]]
    too_long = lengths > MAX_CELL_CHARS
    if too_long.any():
        long = too_long if codes is None else too_long[codes]
        cut = (int(long.sum()), int(long.argmax()))
        mapped[too_long] = [text[:MAX_CELL_CHARS] for text in mapped[too_long]]
    return pd.Series(mapped if codes is None else mapped[codes], index=index, dtype=object), cut


def map_distinct(texts: pd.Series, fn: Callable[[str], Any]) -> pd.Series:
    codes, uniques = factorize(texts)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [fn(str(u)) for u in uniques]
    return pd.Series(mapped[codes], index=texts.index, dtype=object)


def _field_texts(
    raw: dict[str, pd.Series], raw_only: set[str], sheet: RawSheet, match: TableMatch, findings: list[Finding]
) -> dict[str, pd.Series]:
    """texts_of each field but the raw-only ones, text over Excel's cell limit cut with a warning per field."""
    texts = {}
    for field, series in raw.items():
        if field in raw_only:
            continue
        texts[field], cut = _texts(series)
        if cut is not None:
            findings.append(_cut(cut, sheet, match, match.headers.get(match.columns.get(field, -1), field)))
    return texts


def _cut(cut: tuple[int, int], sheet: RawSheet, match: TableMatch, header: str) -> Finding:
    """The warning for a column's cells cut to Excel's cell limit ((cells cut, position of the first))."""
    return Finding(
        Severity.WARNING,
        f"{cut[0]} cell{'s' if cut[0] != 1 else ''} longer than {MAX_CELL_CHARS:,} characters (Excel's limit) cut to "
        "that length.",
        Source(sheet.file, sheet.name, cut[1] + match.header_index + 2),
        header,
    )


def what_line(text: str, totals: re.Pattern[str]) -> str:
    """What a one- or two-cell line that is not a record is, by its words (``totals``: totals_patterns' first)."""
    if totals.match(text):
        return TOTALS_LINE
    for kind, pattern in NOT_RECORDS:
        if pattern.match(text):
            return kind
    return TITLE


def read_columns(
    sheet: RawSheet,
    match: TableMatch,
    fields: Iterable[str],
    findings: list[Finding],
    catalog: Catalog,
    raw_only: Iterable[str] = (),
    needed: Iterable[str] = (),
    lines: tuple[str, ...] = (),
) -> Columns:
    """The fields of a table's body; ``raw_only`` fields (timestamps: a distinct value per row) get no text.

    Not records, each reported with an info finding that quotes it: repeated header rows, totals rows
    (first filled cell says Total, Grand Totals (24 records), "Subtotal EMEA" beside figures only...),
    group headings (a label merged across the row, or alone above rows that name their own customers),
    and lines of one or two filled cells that leave a ``needed`` field empty (footers, footnotes, titles). A row
    filling only ``lines`` fields continues the record above and takes its fields (record_lines.fill_lines).
    """
    body = grid(match.body(sheet.rows))
    raw = {field: _column(body, match.columns.get(field)) for field in fields}
    texts = _field_texts(raw, set(raw_only), sheet, match, findings)
    _as_meant(texts, sheet, match, findings)
    extra = {}
    for index, header in match.extra.items():  # kept as they are, and shown: cut as the fields are, and said
        extra[header], cut = _texts(_column(body, index))
        if cut is not None:
            findings.append(_cut(cut, sheet, match, header))
    rows = np.arange(len(body), dtype=np.int64) + match.header_index + 2
    count = np.zeros(len(body), dtype=np.int16)
    cells: list[tuple[int, np.ndarray]] = []  # (column, filled text) for every column of the span
    for field, series in raw.items():
        if field in match.columns:
            values = texts.get(field, series).to_numpy(dtype=object)
            cells.append((match.columns[field], values))
    for index, header in match.extra.items():
        cells.append((index, extra[header].to_numpy(dtype=object)))
    # Cells under no header at all still make a row non-blank, and can hold its "Total" label.
    named = {*match.columns.values(), *match.extra}
    start, stop = match.span
    width = min(body.shape[1], stop)
    for i in range(start, width):
        if i not in named:
            values = texts_of(_column(body, i)).to_numpy(dtype=object)
            if (values != "").any():
                cells.append((i, values))
    cells.sort(key=lambda pair: pair[0])
    first_text = np.full(len(body), "", dtype=object)
    first_column = np.full(len(body), -1, dtype=np.int64)
    for column, values in cells:
        filled = values != ""
        count += filled
        take = (first_text == "") & filled
        first_text[take] = values[take]
        first_column[take] = column
    filled_row = count > 0
    skip = np.zeros(len(body), dtype=bool)
    reasons: dict[int, str] = {}
    # Repeated header rows (exports print one per page or per group).
    checks = [(texts[f].to_numpy(dtype=object), match.headers[match.columns[f]]) for f in texts if f in match.columns]
    if checks:
        same = np.zeros(len(body), dtype=np.int16)
        for values, header in checks:
            same += values == header
        repeated = same >= max(2, (len(checks) + 1) // 2)
        skip |= repeated
        reasons.update((int(i), "repeats the header row") for i in np.flatnonzero(repeated).tolist())
    _nested(texts, match, cells, filled_row, skip, reasons)
    _subtasks(match, cells, skip, reasons, catalog)
    _struck(sheet, match, cells, rows, filled_row, skip, findings)
    strict, _ = totals_patterns(catalog.totals_words)
    count, totals, headings = _totals_and_merged_labels(
        cells, count, first_text, first_column, filled_row, skip, reasons, bool(sheet.merged), catalog
    )
    _grouped(raw, texts, match, filled_row & ~skip, totals, sheet, findings)
    skip |= _outline(raw, texts, match, needed, filled_row & ~skip, sheet, findings)
    findings += fill_lines(raw, texts, match, lines, filled_row & ~skip, rows, sheet)
    # One or two cells and no needed field filled (or a footer's words in one): a footer, footnote,
    # section title or group header, not a record.
    empty = [texts[f].to_numpy(dtype=object) == "" for f in needed if f in texts and f in match.columns]
    empty += [_blank(raw[f].to_numpy(dtype=object)) for f in needed if f in match.columns and f not in texts]
    if empty:
        all_empty = np.logical_and.reduce(empty)
        some_empty = np.logical_or.reduce(empty)
        sparse = filled_row & ~skip & (count <= 2) & some_empty
        # A short line beside a blank row, a header row or another such line heads or closes a block (a
        # section title); short lines below the last full record are the table's footer.
        full = np.flatnonzero(filled_row & ~skip & (count > 2))
        last_full = int(full[-1]) if len(full) else -1
        apart = ~filled_row | skip
        heads = _group_labels(texts, match, count, filled_row & ~skip, apart, catalog)
        for i in np.flatnonzero(sparse).tolist():
            kind = what_line(str(first_text[i]), strict)
            beside = (i > 0 and apart[i - 1]) or (i + 1 < len(apart) and apart[i + 1]) or 0 <= last_full < i
            if all_empty[i] or kind != TITLE or beside or heads[i]:
                skip[i] = apart[i] = True
                headings[i] = kind == TITLE and bool(heads[i])
                reasons[i] = f"is {GROUP_HEADING if headings[i] else kind} ('{_quote(cells, i)}')"
    # a row cut short by a <script> never closed is not read as a record, as its reader's error says
    findings.extend(_not_records({i: r for i, r in reasons.items() if rows[i] != sheet.cut}, rows, sheet))
    keep = filled_row & ~skip
    _regions_of_groups(raw, texts, first_text, headings, totals, keep, rows, sheet, catalog, findings)
    _region_of_sheet(raw, texts, match, keep, rows, sheet, catalog, findings)
    if "customer" in texts and "customer" in match.columns:
        written = texts["customer"]
        texts["customer"], entities = _clean_customers(written, sheet, match, findings, keep, catalog)
        if entities:  # NetSuite's '1042 Acme Corp': the name as written stays in sight beside the row
            extra[f"{match.headers.get(match.columns['customer'], 'Customer')} as written"] = written
    return Columns(
        rows[keep],
        {k: v[keep].reset_index(drop=True) for k, v in raw.items()},
        {k: v[keep].reset_index(drop=True) for k, v in texts.items()},
        {k: v[keep].reset_index(drop=True) for k, v in extra.items()},
    )


ROW_NOTES = 100  # rows said one by one as not records; past them, one info counts the rest


def _not_records(reasons: dict[int, str], rows: np.ndarray, sheet: RawSheet) -> list[Finding]:
    """An info per row that is not a record, naming why; past ROW_NOTES of them (a span carried over 26,000 empty rows
    made each a group heading), one more counts the rest, its rows' span and their kinds."""
    order = sorted(reasons)
    out = [
        Finding(
            Severity.INFO,
            f"Row {rows[i]} {reasons[i]}; it is not read as a record.",
            Source(sheet.file, sheet.name, int(rows[i])),
        )
        for i in order[:ROW_NOTES]
    ]
    rest = order[ROW_NOTES:]
    if rest:
        kinds = Counter(reasons[i].split(" (")[0].removeprefix("is ").removeprefix("a ") for i in rest)
        said = "; ".join(f"{kind}: {n:,}" for kind, n in kinds.most_common(3))
        out.append(
            Finding(
                Severity.INFO,
                f"Rows {rows[rest[0]]}\u2013{rows[rest[-1]]}: {len(rest):,} more rows are not read as records ({said}); "
                f"the first {ROW_NOTES} are named one by one.",
                Source(sheet.file, sheet.name, int(rows[rest[0]])),
            )
        )
    return out


def _struck(
    sheet: RawSheet,
    match: TableMatch,
    cells: list[tuple[int, np.ndarray]],
    rows: np.ndarray,
    filled: np.ndarray,
    skip: np.ndarray,
    findings: list[Finding],
) -> None:
    """Rows struck through (every filled cell, or the customer's, in a struck font): the book's way of deleting a row
    while keeping it in sight. Not records; a warning names each, so one struck by mistake is found."""
    struck = sheet.struck()
    customer = match.columns.get("customer")
    for row in sorted(struck):
        i = row - int(rows[0]) if len(rows) else -1
        if not (0 <= i < len(filled)) or not filled[i] or skip[i]:
            continue
        written = {column for column, values in cells if values[i] != ""}
        if written <= struck[row] or (customer in written and customer in struck[row]):
            skip[i] = True
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"Row {row} is struck through ('{_quote(cells, i)}'): read as deleted, it is not read as a record.",
                    Source(sheet.file, sheet.name, row),
                )
            )


def _totals_and_merged_labels(
    cells: list[tuple[int, np.ndarray]],
    count: np.ndarray,
    first_text: np.ndarray,
    first_column: np.ndarray,
    filled_row: np.ndarray,
    skip: np.ndarray,
    reasons: dict[int, str],
    merged: bool,
    catalog: Catalog,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(the filled cells of each row, a label merged across it counted once; the totals lines; the group headings
    merged across), the rows they name skipped with their reasons.

    Totals rows: their first filled cell says so, whatever else they hold ("Total: 57"), or begins with a totals
    word and the rest of the row is figures ("Subtotal EMEA | 2"; "Total S.A." with its product is a customer).
    A label merged across the row (a merge carried to every cell it covers) is one cell, as the user sees it: a
    group heading ("UK & Ireland") unless its words say it is a totals line, a footnote..."""
    merged_label = np.zeros(len(count), dtype=bool)
    if merged and cells:
        same = np.logical_and.reduce([(values == "") | (values == first_text) for _, values in cells])
        merged_label = filled_row & (count >= max(2, min(3, len(cells)))) & same
        count = np.where(merged_label, 1, count).astype(np.int16)
    strict, loose = totals_patterns(catalog.totals_words)
    starts, ends = _totals_ends(catalog.totals_words)

    # A plain prefix and suffix test in one pass first (a log's 200,000 case IDs are all distinct: a function call
    # or two patterns each cost a third of a second), then the patterns on the few labels that pass it.
    texts = first_text.tolist()
    tails = _last_letters(ends)  # most labels end in none (a case ID's digit): the suffix test stops there
    prefixed = np.array(
        [
            t.lstrip()[:40].casefold().startswith(starts)
            or (t[-1:] in tails and ((end := t.rstrip(" :=")).endswith(")") or end[-40:].casefold().endswith(ends)))
            for t in texts
        ],
        dtype=bool,
    )
    labelled = filled_row & ~skip & prefixed.reshape(len(count))
    for i in np.flatnonzero(labelled).tolist():
        labelled[i] = bool(loose.match(texts[i]) or strict.match(texts[i]))
    figures = _figures_only(cells, first_column, labelled & ~merged_label, first_text if merged else None) | merged_label
    totals = np.zeros(len(count), dtype=bool)
    for i in np.flatnonzero(labelled).tolist():
        label = str(first_text[i])
        if (count[i] <= 4 and strict.match(label)) or (figures[i] and loose.match(label)):
            skip[i] = totals[i] = True
            reasons[i] = f"is {TOTALS_LINE} ('{_quote(cells, i)}')"
    merged_label &= ~skip
    for i in np.flatnonzero(merged_label).tolist():
        kind = what_line(str(first_text[i]), strict)
        skip[i] = True
        reasons[i] = f"is {GROUP_HEADING if kind == TITLE else kind} ('{first_text[i]}')"
    return count, totals, merged_label


def _figures_only(
    cells: list[tuple[int, np.ndarray]], first_column: np.ndarray, rows: np.ndarray, carried: np.ndarray | None = None
) -> np.ndarray:
    """Which of ``rows`` hold figures only (a count, a sum) in their filled cells after the first, as a totals
    line does; looked at only there (a totals word begins them), so a long case log costs nothing. In a sheet with
    merged cells, a cell holding the row's first text (``carried``) is that label merged across, not a figure's
    place ('Total' over the label columns, 10 beside it)."""
    only = rows.copy()
    at = np.flatnonzero(rows)
    if not len(at):
        return only
    for column, values in cells:
        picked = values[at]
        other = (picked != "") & (first_column[at] != column)
        if carried is not None:
            other &= picked != carried[at]
        bad = [j for j in np.flatnonzero(other).tolist() if not FIGURE.fullmatch(str(picked[j]).strip())]
        only[at[bad]] = False
    return only


def _group_labels(
    texts: dict[str, pd.Series], match: TableMatch, count: np.ndarray, live: np.ndarray, apart: np.ndarray, catalog: Catalog
) -> np.ndarray:
    """Rows holding only a label in the customer column, above rows that name customers of their own: a group
    heading ("EMEA", "Key accounts") where it opens a block (below the header, a blank row or a totals line) or
    names a region. (A label above rows with no customer is an outline's parent: _outline gives it to them.)"""
    heads = np.zeros(len(count), dtype=bool)
    if "customer" not in texts or "customer" not in match.columns:
        return heads
    customer = texts["customer"].to_numpy(dtype=object)
    records = np.flatnonzero(live & (count > 2) & (customer != ""))
    for i in np.flatnonzero(live & (count == 1) & (customer != "")).tolist():
        after = records[np.searchsorted(records, i + 1) :]
        nearest = np.flatnonzero(live[i + 1 :])
        if not len(after) or not len(nearest) or i + 1 + int(nearest[0]) != int(after[0]):
            continue  # the next row that holds anything is not a record with its own customer
        heads[i] = (i == 0 or bool(apart[i - 1])) or fold(str(customer[i])) in catalog.regions
    return heads


def _regions_of_groups(
    raw: dict[str, pd.Series],
    texts: dict[str, pd.Series],
    labels: np.ndarray,
    headings: np.ndarray,
    totals: np.ndarray,
    keep: np.ndarray,
    rows: np.ndarray,
    sheet: RawSheet,
    catalog: Catalog,
    findings: list[Finding],
) -> None:
    """A group heading that names a region ("EMEA", "ANZ") gives it to the records of its group that give none (up to
    the next heading or totals line), as the user meant by it; an info finding per heading says so."""
    if "region" not in texts or not headings.any():
        return
    region = texts["region"].to_numpy(dtype=object).copy()
    bounds = np.flatnonzero(headings | totals).tolist() + [len(keep)]
    for start, stop in zip(bounds, bounds[1:], strict=False):
        name = catalog.regions.get(fold(str(labels[start]))) if headings[start] else None
        if name is None:
            continue
        given = [j for j in range(start + 1, stop) if keep[j] and region[j] == ""]
        if not given:
            continue
        region[given] = name
        under = (
            f"the {len(given)} rows under it that give no region take it as their Region"
            if len(given) != 1
            else "the row under it that gives no region takes it as its Region"
        )
        findings.append(
            Finding(
                Severity.INFO,
                f"Group heading '{labels[start]}' (row {rows[start]}) names the region {name}: {under}.",
                Source(sheet.file, sheet.name, int(rows[start])),
            )
        )
    carried = region != texts["region"].to_numpy(dtype=object)
    texts["region"] = pd.Series(region, index=texts["region"].index, dtype=object)
    if "region" in raw:
        raw["region"] = raw["region"].where(~carried, texts["region"])


def _region_of_sheet(
    raw: dict[str, pd.Series],
    texts: dict[str, pd.Series],
    match: TableMatch,
    keep: np.ndarray,
    rows: np.ndarray,
    sheet: RawSheet,
    catalog: Catalog,
    findings: list[Finding],
) -> None:
    """A table with no Region column on a sheet named for a sales region (a tracker split into EMEA, AMER and APAC
    sheets): its records that give none (a group heading's came first) take the sheet's, said in an info finding.
    A record whose own Country or Time Zone lies in another region keeps its own, the more specific, with a
    warning naming both (the domain rules are silent on it: a row filed on the wrong sheet, or a sheet by owner)."""
    if "region" not in texts or "region" in match.columns or not (name := region_named(sheet.name, catalog)):
        return
    region = texts["region"].to_numpy(dtype=object)
    given = keep & (region == "")
    if not given.any():
        return
    region, taken = region.copy(), given.copy()
    blank = np.full(len(region), "", dtype=object)
    country = texts["country"].to_numpy(dtype=object) if "country" in match.columns else blank
    zone = texts["time_zone"].to_numpy(dtype=object) if "time_zone" in match.columns else blank
    customers = texts["customer"].to_numpy(dtype=object) if "customer" in texts else blank
    owns = {pair: own_region(*pair, catalog) for pair in dict.fromkeys(zip(country[given], zone[given], strict=True))}
    for i in np.flatnonzero(given).tolist():
        own, by = owns[(country[i], zone[i])]
        if own and own != name:
            given[i] = False
            region[i] = own
            header = match.headers[match.columns[by]]
            said = country[i] if by == "country" else zone[i]
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"Sheet '{sheet.name}' names the sales region {name}, but this row's {header} '{said}' lies in "
                    f"{own}: the row is read as {own}, its own {header} being the more specific. If it is {name}'s, "
                    "write the region in a Region column.",
                    Source(sheet.file, sheet.name, int(rows[i])),
                    header,
                    str(customers[i]),
                )
            )
    region = np.where(given, name, region)
    texts["region"] = pd.Series(region, index=texts["region"].index, dtype=object)
    if "region" in raw:
        raw["region"] = raw["region"].where(~taken, texts["region"])
    count = int(given.sum())
    if not count:
        return
    rows_ = f"its {count} rows take it as their Region" if count != 1 else "its row takes it as its Region"
    findings.append(
        Finding(
            Severity.INFO,
            f"Sheet '{sheet.name}' has no Region column and its name gives the sales region {name}: {rows_}"
            + (" (where no group heading gave one)." if int(taken.sum()) < int(keep.sum()) else "."),
            Source(sheet.file, sheet.name, match.header_row),
        )
    )


def _grouped(
    raw: dict[str, pd.Series],
    texts: dict[str, pd.Series],
    match: TableMatch,
    live: np.ndarray,
    totals: np.ndarray,
    sheet: RawSheet,
    findings: list[Finding],
) -> None:
    """A summary report grouped by its first columns (Salesforce's formatted export) names each group once, on
    the group's first row, and closes the group with a Subtotal line: the rows under that first one take its
    value, filled in place. A column qualifies only where every group's first row has a value and no later
    row of a group has one of its own; only groups a totals line closes count (a blank row ends a group too)."""
    if not totals.any():
        return
    read = sorted(((f, c) for f, c in match.columns.items() if f in texts), key=lambda fc: fc[1])
    # The column a totals line's label stands in is its level: grouped twice (Account, then Product), Salesforce
    # closes each product with a Subtotal in the Product column and each account with one in the Account column.
    level = np.full(len(totals), -1)
    for field, column in reversed(read):
        level = np.where(texts[field].to_numpy(dtype=object) != "", column, level)
    rows = live
    start = match.span[0]
    for field, column in read:
        if column != start:
            break  # grouping columns lead the table; the first that does not group ends them
        ends = totals & (level <= column)  # a group of this column is closed by its own level's totals or an outer one
        group = np.cumsum(ends | ~(rows | totals))  # each such totals line or blank row starts the next group
        live = rows & np.isin(group, group[ends] - 1)  # groups a totals line closes (not the footer's lines below)
        ids = group[live]
        first = np.ones(len(ids), dtype=bool)
        first[1:] = ids[1:] != ids[:-1]  # a group's first record
        values = texts[field].to_numpy(dtype=object)[live]
        empty = values == ""
        if empty[first].any() or not empty[~first].all() or not empty.any():
            break
        filled = pd.Series(values, dtype=object).where(first).ffill().to_numpy(dtype=object)
        full = texts[field].to_numpy(dtype=object).copy()
        full[live] = filled
        children = live & (texts[field].to_numpy(dtype=object) == "")
        texts[field] = pd.Series(full, index=texts[field].index, dtype=object)
        if field in raw:
            raw[field] = raw[field].where(~children, texts[field])
        header = match.headers.get(column, field)
        count = int(children.sum())
        findings.append(
            Finding(
                Severity.INFO,
                f"Column '{header}' names each group of this grouped report once, on its first row; that value was "
                f"carried down to the {count} row{'s' if count != 1 else ''} below it in its group.",
                Source(sheet.file, sheet.name, match.header_row),
                header,
            )
        )
        start += 1


def _nested(
    texts: dict[str, pd.Series],
    match: TableMatch,
    cells: list[tuple[int, np.ndarray]],
    filled: np.ndarray,
    skip: np.ndarray,
    reasons: dict[int, str],
) -> None:
    """A table nested under a record (monday.com's subitems): a row whose customer cell is one of this table's own
    headers and that names two or more of them, then the rows under it that name no customer. Not records."""
    if "customer" not in texts or "customer" not in match.columns:
        return
    customer = texts["customer"].to_numpy(dtype=object)
    headers = set(match.headers.values())
    for i in np.flatnonzero(np.isin(customer, list(headers)) & filled & ~skip).tolist():
        named = [str(values[i]) for _, values in cells if values[i] != ""]
        if sum(text in headers for text in named) < 2:
            continue
        end = i + 1
        while end < len(customer) and filled[end] and not skip[end] and customer[end] == "":
            end += 1
        skip[i:end] = True
        under = end - i - 1
        reasons[i] = (
            f"heads a table nested in this one ('{', '.join(named[:5])}', as monday.com exports subitems; "
            f"{'the row' if under == 1 else f'the {under} rows'} under it {'is' if under == 1 else 'are'} skipped too)"
        )


def _subtasks(
    match: TableMatch, cells: list[tuple[int, np.ndarray]], skip: np.ndarray, reasons: dict[int, str], catalog: Catalog
) -> None:
    """A task tracker's subtasks (Asana's 'Parent task' filled): a step of its parent's work, not a contract."""
    at = {c for c, h in match.extra.items() if fold(h) in catalog.subtask_columns}
    for column, values in cells:
        if column not in at:
            continue
        for i in np.flatnonzero((values != "") & ~skip).tolist():
            skip[i] = True
            reasons[i] = f"is a subtask of '{values[i]}' (its '{match.headers[column]}' column)"


def _outline(
    raw: dict[str, pd.Series],
    texts: dict[str, pd.Series],
    match: TableMatch,
    needed: Iterable[str],
    live: np.ndarray,
    sheet: RawSheet,
    findings: list[Finding],
) -> np.ndarray:
    """Parent rows of an outline or hierarchy (Excel outline levels, indents, Smartsheet parents): a row with a
    customer and no other needed field gives its customer to the rows under it that have none. Returns the
    parent rows, which are not records; the children's customer is filled in place."""
    others = [f for f in needed if f != "customer" and f in match.columns and f in texts]
    parents = np.zeros(len(live), dtype=bool)
    if "customer" not in match.columns or "customer" not in texts or not others:
        return parents
    customer = texts["customer"].to_numpy(dtype=object)
    bare: np.ndarray = np.logical_and.reduce([texts[f].to_numpy(dtype=object) == "" for f in others])
    parents = np.asarray(live & (customer != "") & bare, dtype=bool)
    if not parents.any():
        return parents
    # A parent whose children repeat its customer (Smartsheet keeps the column filled): the next row names it again.
    # Such a heading holds nothing but the customer (a contact with an email and no name is a record).
    alone: np.ndarray = np.logical_and.reduce(
        [texts[f].to_numpy(dtype=object) == "" for f in match.columns if f != "customer" and f in texts]
    )
    following = np.append(customer[1:], "")
    heads = parents & alone & np.append((live & ~bare)[1:], False) & (following == customer)
    # Each row without a customer takes the customer of the parent above it; a row with its own customer, or a
    # blank row, ends the parent's reach.
    ends = np.asarray((customer != "") | ~live, dtype=bool)
    anchor = pd.Series(customer, dtype=object).where(parents, pd.Series(np.full(len(live), "", dtype=object)).where(ends))
    given = anchor.ffill().fillna("").to_numpy(dtype=object)
    children = live & (customer == "") & (given != "")
    has_child = pd.Series(children).groupby(np.cumsum(parents)).transform("any").to_numpy(dtype=bool)
    parents &= has_child | heads
    if not parents.any():
        return parents
    texts["customer"] = pd.Series(np.where(children, given, customer), index=texts["customer"].index, dtype=object)
    raw["customer"] = raw["customer"].where(~children, texts["customer"])
    count, filled = int(parents.sum()), int(children.sum())
    given_to = (
        (
            f"; the {filled} rows under them that name no customer take theirs"
            if filled != 1
            else "; the row under them that names no customer takes its customer"
        )
        if filled
        else ""
    )
    findings.append(
        Finding(
            Severity.INFO,
            f"{count} row{'s hold' if count != 1 else ' holds'} only a customer (an outline's parent "
            f"row{'s' if count != 1 else ''}) and {'are' if count != 1 else 'is'} not read as "
            f"{'records' if count != 1 else 'a record'}{given_to}.",
            Source(sheet.file, sheet.name, match.header_row),
            match.headers.get(match.columns["customer"], "customer"),
        )
    )
    return parents


def _as_meant(texts: dict[str, pd.Series], sheet: RawSheet, match: TableMatch, findings: list[Finding]) -> None:
    """The user's value mappings applied ('Premium' means Premier)."""
    for field, meanings in match.values.items():
        if field in texts and meanings:
            texts[field] = map_distinct(texts[field], meanings.get).where(lambda v: v.notna(), texts[field])


def _clean_customers(
    texts: pd.Series, sheet: RawSheet, match: TableMatch, findings: list[Finding], records: np.ndarray, catalog: Catalog
) -> tuple[pd.Series, bool]:
    """Customer names in their canonical form (explorer.model.clean_name), one info finding naming what was removed
    from the names of ``records`` (a footer line skipped as no record is not quoted as a customer cleaned); and read
    as entities where the column writes NetSuite's names (entity_names) or an Odoo export's 'Company,
    Person' (contact_companies), each said in another. (The names, whether they were read as entities.)"""
    codes, uniques = factorize(texts)
    originals = [str(u) for u in uniques]
    cleaned = np.array([clean_name(u) for u in originals], dtype=object)
    counts = np.bincount(codes[records], minlength=len(originals))
    column = match.headers.get(match.columns["customer"], "customer")
    where = Source(sheet.file, sheet.name, match.header_row)
    used = (counts > 0).tolist()
    # Odoo's 'Company, Person'; elsewhere only the book's contacts prove a person after the comma (known_contacts)
    odoo = odoo_export(match.layout)
    companies, of_contacts = contact_companies([str(c) for c in cleaned], used, catalog) if odoo else ([], "")
    if of_contacts:
        findings.append(Finding(Severity.INFO, of_contacts, where, column))
        cleaned = np.array(companies, dtype=object)
    entities, said = entity_names([str(c) for c in cleaned], used)
    if said:
        findings.append(Finding(Severity.INFO, said, where, column))
        cleaned = np.array(entities, dtype=object)
    changed = [i for i, (a, b) in enumerate(zip(originals, cleaned, strict=True)) if a != b and counts[i] and what_was_cleaned(a)]
    if changed:
        named = [
            f"'{cleaned[i]}' ({', '.join(what_was_cleaned(originals[i]))}; {counts[i]} row{'s' if counts[i] != 1 else ''})"
            for i in changed[:5]
        ]
        more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        findings.append(
            Finding(
                Severity.INFO,
                f"Customer names put in their one canonical form, so they match the same customer elsewhere: "
                f"{'; '.join(named)}{more}.",
                where,
                column,
            )
        )
    return pd.Series(cleaned[codes], index=texts.index, dtype=object), bool(said or of_contacts)


def _blank(values: np.ndarray) -> np.ndarray:
    """Empty cells of a column as read: "" or a missing value (texts are never missing, so need no such test)."""
    blank = np.asarray(values == "", dtype=bool)
    rest = ~blank
    if rest.any():
        blank[rest] = pd.isna(values[rest])
    return blank


def _quote(cells: list[tuple[int, np.ndarray]], i: int) -> str:
    """Row i's filled cells, quoted; words repeated in the next cell once: a label merged across cells (a colspan)
    is carried to each, and 'Grand Totals | Grand Totals | ...' says nothing more (a number repeated may be two)."""
    texts = [str(values[i]) for _, values in cells if values[i] != ""]
    text = " | ".join(t for n, t in enumerate(texts) if not (n and t == texts[n - 1] and LETTER.search(t)))
    return text if len(text) <= 120 else text[:117] + "..."
