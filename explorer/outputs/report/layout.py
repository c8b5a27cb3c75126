"""Column widths, row heights and print setup worked out from a sheet's content.

Spreadsheet apps do not size columns or rows on opening, and LibreOffice draws
a number that fills its cell right against the next cell's text. So every width
is the longest value or the header (wrapped onto at most two lines), plus
padding; long text wraps inside a capped width; and the print setup keeps type
at 8 pt or more on paper, splitting a wide sheet across pages rather than
shrinking it below that.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

from explorer.outputs.report.glyphs import wrapped_lines
from explorer.outputs.report.schema import DATE_COLUMNS, DATETIME_COLUMNS, PERCENT_COLUMNS, WRAPPED_COLUMNS

PADDING = 2.5  # characters beyond the content: a gap on both sides of centred numbers
MIN_WIDTH = 6.0
HEADER_LINES = 2
LINE_POINTS = 15  # an 11-pt Calibri row
MAX_ROW_LINES = 12
# Printable widths in points with 0.4-inch margins, for whichever of A4 and Letter is narrower.
PORTRAIT_POINTS = 595 - 58
LANDSCAPE_POINTS = 792 - 58
MIN_SCALE = 73  # percent: 11-pt cells print at 8 pt or larger
PORTRAIT_MIN_SCALE = MIN_SCALE  # portrait whenever it stays legible: it holds more rows per page
ACROSS_ROOM = LANDSCAPE_POINTS * 100 / MIN_SCALE - 12  # a page across of a split sheet; a little slack for rounding


def text_lengths(series: pd.Series) -> np.ndarray:
    """Characters of each value as displayed (blanks 0), vectorised; categories measured once."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        per_category = np.append(series.cat.categories.astype(str).str.len().to_numpy(), 0)
        codes = series.cat.codes.to_numpy()
        return np.asarray(per_category[np.where(codes < 0, len(per_category) - 1, codes)], dtype=np.int64)
    if series.empty:
        return np.zeros(0, dtype=np.int64)
    text = series.astype(object).where(series.notna(), "")
    return np.asarray(text.astype(str).str.len().to_numpy(), dtype=np.int64)


def number_length(series: pd.Series, decimals: int = 2) -> int:
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    values = values[np.isfinite(values)]
    if not len(values):
        return 0
    return max(
        len(f"{values.max():,.{decimals}f}".rstrip("0").rstrip(".")), len(f"{values.min():,.{decimals}f}".rstrip("0").rstrip("."))
    )


def header_width(header: str, content: float) -> float:
    """The narrowest width at least ``content`` that shows the header on at most two lines."""
    width = max(content, float(max(len(w) for w in header.split())) if header.strip() else 0.0, MIN_WIDTH)
    while len(textwrap.wrap(header, max(1, int(width)))) > HEADER_LINES:
        width += 1
    return width


def header_lines(header: str, width: float) -> int:
    return max(1, len(textwrap.wrap(header, max(1, int(width - PADDING)))))


def column_width(series: pd.Series, header: str, content: int | None = None, cap: int | None = None) -> float:
    """Content (given, or measured) capped for wrapped text, then widened for the header, then padded."""
    if content is None:
        lengths = text_lengths(series)
        content = int(lengths.max()) if len(lengths) else 0
    if cap is not None:
        content = min(content, cap)
    return header_width(header, float(content)) + PADDING


def column_widths(frame: pd.DataFrame, wraps: dict[str, int] | None = None) -> list[float]:
    """Each column's width in character units, from its content and header (see layout); ``wraps`` caps the
    columns that wrap (default WRAPPED_COLUMNS)."""
    wraps = WRAPPED_COLUMNS if wraps is None else wraps
    widths = []
    for header in frame.columns:
        series = frame[header]
        content: int | None = None
        if header in DATE_COLUMNS:
            content = 10
        elif header in DATETIME_COLUMNS:
            content = 16
        elif header in PERCENT_COLUMNS:
            content = 6
        elif pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
            content = number_length(series)
        widths.append(column_width(series, str(header), content, wraps.get(str(header))))
    return widths


def row_lines(frame: pd.DataFrame, wrapped: dict[str, float]) -> np.ndarray | None:
    """Lines each row needs for its wrapped columns (name -> column width), capped; None if nothing wraps.
    Each distinct text is measured once (glyphs.wrapped_lines)."""
    present = {h: w for h, w in wrapped.items() if h in frame.columns}
    if not present or frame.empty:
        return None
    lines = np.ones(len(frame), dtype=np.int64)
    for header, width in present.items():
        series = frame[header]
        codes, uniques = pd.factorize(series.astype(object).where(series.notna(), ""))
        counted = np.fromiter((wrapped_lines(str(u), width) for u in uniques), dtype=np.int64, count=len(uniques))
        lines = np.maximum(lines, np.where(codes >= 0, counted[codes] if len(counted) else 1, 1))
    return np.asarray(np.minimum(lines, MAX_ROW_LINES))


def points(width: float) -> float:
    """A column's printed width: Excel's character units to pixels (7 per unit + 5) to points, plus the 6-7%
    LibreOffice draws wider (measured on its PDF with Carlito, Calibri's metric twin)."""
    return int(width * 7 + 5) * 0.75 * 1.07


@dataclass(frozen=True)
class PrintLayout:
    landscape: bool
    scale: int | None  # a fixed print scale (columns then run onto further pages across), or None: fit to width
    breaks: tuple[int, ...] = ()  # columns that start a further page across (the first column repeats on it)


def print_layout(widths: list[float]) -> PrintLayout:
    """Portrait if the sheet stays large on it, else landscape one page wide, else split across pages."""
    sizes = [points(w) for w in widths]
    total = sum(sizes)
    if total * PORTRAIT_MIN_SCALE / 100 <= PORTRAIT_POINTS:
        return PrintLayout(False, None)
    if total * MIN_SCALE / 100 <= LANDSCAPE_POINTS:
        return PrintLayout(True, None)
    room = ACROSS_ROOM
    breaks, used = [], sizes[0]
    for column, size in enumerate(sizes[1:], start=1):
        if used + size > room:
            breaks.append(column)
            used = sizes[0]  # the repeated first column
        used += size
    return PrintLayout(True, MIN_SCALE, tuple(breaks))


def fill_pages(widths: list[float], wrapped: set[int]) -> list[float]:
    """On a sheet printed across pages, each wrapped column (``wrapped``: indices; never the first, repeated on
    every page) widened by what its page leaves spare: its text takes fewer lines, so the rows on the other
    pages, as tall as it, carry fewer blank ones. The pages break where they did."""
    breaks = print_layout(widths).breaks
    if not breaks:
        return widths
    out = list(widths)
    for start, end in zip((1, *breaks), (*breaks, len(widths)), strict=True):
        grow = [c for c in range(start, end) if c in wrapped and c > 0]
        if not grow:
            continue
        spare = ACROSS_ROOM - sum(points(out[c]) for c in (0, *range(start, end)))
        extra = spare / (7 * 0.75 * 1.07) / len(grow) - 1  # character units; one spare for points()'s rounding
        for c in grow:
            out[c] += max(0.0, extra)
    return out


def escape(text: str) -> str:
    """Text for a print header or footer, where & starts a code."""
    return text.replace("&", "&&")


def catalog_footer(version: str) -> str:
    return "&L&8Catalog " + escape(version) + "&R&8Page &P of &N"
