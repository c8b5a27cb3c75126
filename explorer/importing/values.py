"""Turn spreadsheet cells into typed values, reporting what cannot be read.

Each parser returns the value and, where there is one, a plain-language problem
for a finding. Nothing here guesses silently: an ambiguous 03/04/2026 stays
unread unless its file settles which part is the day (day_order: one 30/06/2026
anywhere in the file settles 03/04/2026 everywhere in it; else spoken_order: headers in French
or German settle day first). Dotted dates
(03.04.2026) are day first unless the file shows otherwise.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd

from explorer.catalog import Catalog, fold
from explorer.excel import EXCEL_EPOCH

SERIAL_RANGE = (20_000, 80_000)  # 1954 .. 2119: numbers outside are not dates
MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
MONTHS |= {
    "sept": 9,
    "june": 6,
    "july": 7,
    "march": 3,
    "april": 4,
    "january": 1,
    "february": 2,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}

# Month names of the languages the catalog reads (German, French, Spanish, Portuguese, Dutch, Italian), full and
# abbreviated, as localized tools and hand-kept books write them: "1. März 2026", "1er mars 2026", "1 de marzo de 2026".
MONTH_WORDS = {**MONTHS}
for number, words in enumerate(
    [
        "januar jänner janvier janv enero ene janeiro januari gennaio gen",
        "februar février fevrier févr fevr febrero fevereiro fev februari febbraio",
        "märz maerz mrz mär mars marzo março marco maart mrt",
        "avril avr abril abr aprile",
        "mai mayo maio mei maggio mag",
        "juni juin junio junho giugno giu",
        "juli juillet juil julio julho luglio lug",
        "août aout agosto ago augustus",
        "septembre septiembre setiembre setembro set settembre",
        "oktober okt octobre octubre outubro out ottobre ott",
        "novembre noviembre novembro",
        "dezember dez décembre decembre déc diciembre dic dezembro dicembre",
    ],
    start=1,
):
    MONTH_WORDS |= dict.fromkeys(words.split(), number)
ENGLISH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FOREIGN_MONTH_RE = re.compile(
    r"(?i)(?<![^\W\d_])("
    + "|".join(sorted((w for w in MONTH_WORDS if w not in MONTHS), key=len, reverse=True))
    + r")\.?(?![^\W\d_])"
)


def english_months(texts: pd.Series) -> pd.Series:
    """Date-time texts with a foreign month word ("02/Okt/26 08:00") or CJK units (2026年3月1日) in the form the
    common parsers read ("02/Oct/26 08:00", 2026-3-1)."""
    # Only texts with a word of three letters or more can hold a month's name (AM and PM have two): the month
    # pattern, tried at every place of every text, took 3.5 s over 200,000 US times that hold none.
    worded = texts.str.contains(r"[^\W\d_]{3}", regex=True).fillna(False).astype(bool)
    if worded.any():
        texts = texts.copy()
        texts[worded] = texts[worded].str.replace(
            FOREIGN_MONTH_RE, lambda m: ENGLISH[MONTH_WORDS[m[1].casefold()] - 1], regex=True
        )
    cjk = texts.str.contains("年", regex=False).fillna(False).astype(bool)
    if cjk.any():
        texts = texts.copy()
        texts[cjk] = texts[cjk].str.replace(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", r"\1-\2-\3", regex=True)
    return texts


WORDED_RE = re.compile(r"(\d{1,2})(?:\.|er|º|°)?[\s/\-]+(?:de\s+)?([^\W\d_]{3,10})\.?,?[\s/\-]+(?:de\s+|del\s+)?(\d{4}|\d{2})")
CJK_RE = re.compile(r"(\d{4})\s*[年.]\s*(\d{1,2})\s*[月.]\s*(\d{1,2})\s*[日.]?")  # 2026年3月1日, Korean 2026. 3. 1.

ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
YMD_SLASH_RE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
# A year of two digits is read as Excel reads it (full_year): Excel's default short formats write m/d/yy and d-mmm-yy.
DOTTED_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
SLASH_RE = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})")
DAY_MONTH_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]([A-Za-z]{3,9})\.?,?[ \-](\d{4}|\d{2})")
MONTH_DAY_RE = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
WEEKDAY_RE = re.compile(r"(?i)(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")  # "Sun, 1 Mar 2026" (RFC 2822, mail tools)
COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")  # 20260301, as database and ERP exports write it
# A time of day after a date, as CRM exports write a date field: "3/4/2026 12:00:00 AM", "04.03.2026 00:00",
# "Mar 4, 2026, 12:00 AM"; a contract's day is the date's.
TIME_OF_DAY_RE = re.compile(
    r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$"
)
COMPACT_RANGE = (19000101, 21001231)


CALM_FROM = 200  # characters: a text this long may hold a run of spaces that no value's pattern should walk
_RUN = re.compile(r"\s{32,}")


def calm(text: str) -> str:
    """``text`` with each run of 32 or more blanks made one space, where it is long: the patterns that read values and
    headers (dates, lengths, zones: each searches for a run of blanks) take time growing with the square of such a run
    (a note of 10,000 spaces took 17 s to check, one of 32,000 minutes); no value or header means anything by one."""
    return _RUN.sub(" ", text) if len(text) >= CALM_FROM else text


def cell_text(value: Any) -> str:
    """A cell as the text a person sees; whole floats lose their .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return calm(str(value).strip())


NN_NN_YYYY = r"^\s*'?\s*(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?!\d)"  # after Excel's text mark, typed into a CSV
SLASHED = re.compile(NN_NN_YYYY)
TWO_WAY = re.compile(r"^\s*'?\s*(\d{1,2})[/-](\d{1,2})[/-](?:\d{4}|\d{2})(?!\d)")
YEAR_LAST = r"^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?!\d)"
YEAR_FIRST = r"^\s*\d{4}/\d{1,2}/\d{1,2}"  # slashed: ISO 2026-03-01 is every tool's default, it says nothing
SHORT = r"^\s*(\d{1,2})[/-](\d{1,2})[/-](\d{2})(?!\d)"
SETTLE_SAMPLE = 30  # rows of a column that is no date field looked at for nn/nn/yyyy text


@dataclass(frozen=True)
class DateOrder:
    """How a file writes nn/nn/yyyy and nn.nn.yyyy: day first, month first, or not settled."""

    day_first: bool | None
    # nn/nn/nn with a first part over 12 is dd/mm/yy or yy/mm/dd (26/03/01, a Japanese short date): True where
    # the file writes years first (2026/03/01, 45/03/01), False where last (30/06/2026, 15/03/45), else None.
    year_first: bool | None = None
    # where the file's dates settle both orders (25/03/2026 and 12/25/2026): one of each, so no message says that no
    # date has a day over 12; not compared, as it reads no date another way
    clash: tuple[str, str] | None = field(default=None, compare=False)


UNSETTLED = DateOrder(None)


def day_order(columns: Iterable[Iterable[Any]]) -> DateOrder:
    """Settle nn/nn/yyyy (and dotted) for a whole file from all its date columns: one 13/04 proves day first.

    Works on the distinct date parts only, so a column of 200,000 timestamps costs one slice.
    """
    return order_of(date_parts(columns))


def date_parts(columns: Iterable[Iterable[Any]]) -> set[str]:
    """The distinct leading ten characters of the text cells of date columns: what day_order settles from."""
    return {v[:10] for column in columns for v in column if type(v) is str}


def order_of(distinct: set[str]) -> DateOrder:
    """day_order from date_parts (a file read sheet by sheet keeps one set and settles it as it grows)."""
    if not distinct:
        return DateOrder(None)
    days = pd.Series(list(distinct), dtype=object)
    year_first = _year_first(days)
    parts = days.str.extract(NN_NN_YYYY).dropna().astype(int)
    if parts.empty:
        return DateOrder(None, year_first)
    day_first_at = (parts[0] > 12) & (parts[1] <= 12)
    month_first_at = (parts[1] > 12) & (parts[0] <= 12)
    day_first, month_first = bool(day_first_at.any()), bool(month_first_at.any())
    if day_first and month_first:
        shown = days[parts.index].str.strip().str.lstrip("'").str.strip()
        return DateOrder(None, year_first, (min(shown[day_first_at]), min(shown[month_first_at])))
    if day_first == month_first:
        return DateOrder(None, year_first)
    return DateOrder(day_first, year_first)


def both_readings(a: int, b: int, year: int) -> str:
    """'3 April or 4 March': nn/nn (a/b) read day first, then month first."""
    return f"{date(year, b, a):%-d %B} or {date(year, a, b):%-d %B}"


def shown_order(text: object) -> bool | None:
    """True where nn/nn/yyyy text can only be day first (25/03/2026), False where only month first, else None."""
    found = SLASHED.match(text) if type(text) is str else None
    if found is None or (int(found[1]) > 12) == (int(found[2]) > 12):
        return None
    return int(found[1]) > 12


def open_order(distinct: set[str]) -> bool:
    """Whether date_parts hold nn/nn/yyyy text none of whose parts is over 12: an order the file leaves open (which
    another file of the book may settle), not one its own dates contradict."""
    parts = pd.Series(list(distinct), dtype=object).str.extract(NN_NN_YYYY).dropna().astype(int)
    return not parts.empty and bool((parts <= 12).all().all())


def spoken_order(order: DateOrder, distinct: set[str], language: str | None) -> DateOrder:
    """A file's order where its dates leave it open (open_order): day first where its headers are in a language that
    writes the day first (Catalog.day_first_language: French, German...). English headers settle nothing."""
    if order.day_first is not None or language is None or not open_order(distinct):
        return order
    return DateOrder(True, order.year_first)


def either_way(distinct: set[str]) -> tuple[str, date] | None:
    """One slashed nn/nn/yyyy of date_parts that reads two ways (01/03/2026), with its day-first reading; None if
    none (a dotted 01.03.2026 is read day first whatever the headers)."""
    for text in sorted(distinct):
        match = TWO_WAY.match(text)
        if match is None or int(match[1]) == int(match[2]) or max(int(match[1]), int(match[2])) > 12:
            continue
        day, _ = _parse_date_text(match[0].strip().lstrip("'").strip(), DateOrder(True))
        if day is not None:
            return match[0].strip().lstrip("'").strip(), day
    return None


def _year_first(days: pd.Series) -> bool | None:
    """Whether the file writes its years first, last, or says neither (then a 26/03/01 stays unread)."""
    short = days.str.extract(SHORT).dropna().astype(int)
    if short.empty:  # only a two-digit year leaves the question open
        return None
    first = bool(days.str.contains(YEAR_FIRST).any()) or bool((short[0] > 31).any() | (short[0] == 0).any())
    last = bool(days.str.contains(YEAR_LAST).any()) or bool((short[2] > 31).any() | (short[2] == 0).any())
    return None if first == last else first


def settle_row(order: DateOrder, cells: Iterable[Any]) -> DateOrder:
    """The file's order, or where the file leaves it open, what a row's own dates say: 5/31/2026
    beside 6/1/2025 in one row writes the month first."""
    if order.day_first is not None:
        return order
    day_first = month_first = False
    for cell in cells:
        if type(cell) is str and (match := SLASHED.match(cell)):
            a, b = int(match[1]), int(match[2])
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    return DateOrder(day_first) if day_first != month_first else order


def parse_date(value: Any, order: DateOrder = UNSETTLED) -> tuple[date | None, str | None]:
    """A date from a date cell, an Excel serial number or text; (None, problem) when it cannot be read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime):
        if value == datetime.combine(EXCEL_EPOCH, time()):  # a workbook reader's answer for a serial of NaN
            return None, f"the cell holds Excel's day 0 ({EXCEL_EPOCH}), no day: its number is missing or not a number"
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, time):  # a date cell of 0, below 0 or under 1: the reader keeps only its time of day
        return None, f"the cell holds only a time of day ({value:%H:%M:%S}), no day: a date cell of 0 shows as 1900-01-00"
    if isinstance(value, bool):
        return None, f"'{value}' is not a date"
    if isinstance(value, (int, float)):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=int(value)), None
        if COMPACT_RANGE[0] <= value <= COMPACT_RANGE[1] and float(value).is_integer():
            with contextlib.suppress(ValueError):
                return _parse_date_text(str(int(value)), order)
        return None, f"the number {cell_text(value)} is not a date"
    text = str(value).strip()
    text = text[1:].lstrip() if text.startswith("'") else text  # Excel's mark for 'keep as text', typed into a CSV
    try:
        return _parse_date_text(text, order)
    except ValueError:
        return None, f"'{text}' is not a valid date"


def full_year(digits: str) -> int:
    """A year as written; two digits as Excel reads them: 00-29 in the 2000s, 30-99 in the 1900s."""
    year = int(digits)
    return year + (2000 if year < 30 else 1900) if len(digits) == 2 else year


def _parse_date_text(text: str, order: DateOrder) -> tuple[date | None, str | None]:
    if match := ISO_RE.fullmatch(text) or YMD_SLASH_RE.fullmatch(text) or COMPACT_RE.fullmatch(text):
        return date(int(match[1]), int(match[2]), int(match[3])), None
    if (time_of_day := TIME_OF_DAY_RE.search(text)) and time_of_day.start() > 0:
        day, problem = _parse_date_text(text[: time_of_day.start()], order)
        return day, problem and problem.replace(f"'{text[: time_of_day.start()]}'", f"'{text}'", 1)
    if match := DOTTED_RE.fullmatch(text):  # day first unless the file says otherwise
        a, b, year = int(match[1]), int(match[2]), full_year(match[3])
        if order.day_first is False and a <= 12:
            return date(year, a, b), None
        return date(year, b, a), None
    if match := SLASH_RE.fullmatch(text):
        a, b, year = int(match[1]), int(match[2]), full_year(match[3])
        open_question = order.year_first is None and 12 < a <= 31 and 0 < year % 100 <= 31
        if len(match[3]) == 2 and (order.year_first or open_question) and (read := _year_first_date(text, match, order)):
            return read
        if a > 12 or (order.day_first and b <= 12):
            return date(year, b, a), None
        if b > 12 or order.day_first is False or a == b:
            return date(year, a, b), None
        return None, (
            f"'{text}' is ambiguous: it could be {both_readings(a, b, year)}; "
            f"write it as {year}-{b:02d}-{a:02d} or {year}-{a:02d}-{b:02d}, or say how the whole file writes its dates "
            '(a mapping\'s dates = "day first" or "month first": explorer map, or File \u2192 Map Columns\u2026)'
        )
    if match := DAY_MONTH_RE.fullmatch(text):
        month = MONTHS.get(match[2].lower())
        if month:
            return date(full_year(match[3]), month, int(match[1])), None
    if match := MONTH_DAY_RE.fullmatch(text):
        month = MONTHS.get(match[1].lower())
        if month:
            return date(int(match[3]), month, int(match[2])), None
    if (match := WORDED_RE.fullmatch(text)) and (month := MONTH_WORDS.get(match[2].casefold())):
        return date(full_year(match[3]), month, int(match[1])), None
    if match := CJK_RE.fullmatch(text):
        return date(int(match[1]), int(match[2]), int(match[3])), None
    if re.fullmatch(r"\d{5}(\.\d+)?", text) and SERIAL_RANGE[0] <= float(text) <= SERIAL_RANGE[1]:
        return EXCEL_EPOCH + timedelta(days=int(float(text))), None
    if (weekday := WEEKDAY_RE.match(text)) and weekday.end() < len(text):
        return _parse_date_text(text[weekday.end() :], order)
    return None, f"'{text}' is not a date this app can read (use 2026-01-15, 15.01.2026 or 15 Jan 2026)"


def _year_first_date(text: str, match: re.Match[str], order: DateOrder) -> tuple[date | None, str | None] | None:
    """nn/nn/nn read year first where the file writes so; with a first part over 12 and nothing settling it,
    an error naming both readings (26/03/01 is 26 March 2001 or 1 March 2026); None where only the
    day-first reading is a date."""
    a, b, c = int(match[1]), int(match[2]), int(match[3])
    if order.year_first:
        return date(full_year(match[1]), b, c), None  # ValueError: not a valid date
    try:
        year_first, day_first = date(full_year(match[1]), b, c), date(full_year(match[3]), b, a)
    except ValueError:
        return None
    return None, (
        f"'{text}' is ambiguous: it could be {day_first:%-d %B %Y} (day/month/year) or {year_first:%-d %B %Y} "
        f"(year/month/day); write it as {day_first.isoformat()} or {year_first.isoformat()}"
    )


def parse_yes_no(value: Any, catalog: Catalog) -> tuple[bool, str | None]:
    if isinstance(value, bool):
        return value, None
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value), None
    key = fold(cell_text(value))
    if key in catalog.yes_words:
        return True, None
    if key in catalog.no_words:
        return False, None
    return False, f"'{cell_text(value)}' is not yes or no; read as no"
