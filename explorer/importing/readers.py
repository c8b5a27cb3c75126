"""Read every sheet of a workbook or CSV file into rows of Python values.

Spreadsheets go through python-calamine (Rust; reads .xlsx/.xlsm/.xlsb/.xls/.ods and
cached formula values, about ten times faster than openpyxl). Merged ranges carry
their top-left value to every cell they cover, and each sheet says whether the
workbook hides it (the book reads hidden sheets only when asked). CSV files are
decoded by BOM, then UTF-8, then whatever charset-normalizer detects (Shift-JIS,
GB18030, Windows-1252...), and their delimiter is sniffed.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from explorer.filekinds import resolved
from explorer.importing.formulas import uncalculated_cells
from explorer.importing.ods import sheet_layout
from explorer.importing.safety import (
    EXCEL_COLUMNS,
    MARKUP_KINDS,
    MAX_CELL_CHARS,
    STREAMED_CHARS,
    UnreadableFile,
    check_text_budget,
    content_suffix,
    screen_file,
)
from explorer.importing.spreadsheet_xml import read_spreadsheet_xml
from explorer.importing.struck import struck_cells
from explorer.importing.web_table import Note, read_web_table
from explorer.importing.xlsx_parts import sheet_parts
from explorer.shown import shown

# Suffixes that name the same kind of file as the bytes ask for: anything else is a misleading name.
SAME_KIND = {
    ".xlsx": {".xlsx", ".xlsm"},
    ".xlsm": {".xlsx", ".xlsm"},
    ".xlsb": {".xlsb"},
    ".ods": {".ods"},
    ".xls": {".xls"},
    ".csv": {".csv", ".txt", ".tsv"},
    ".txt": {".csv", ".txt", ".tsv"},
    ".tsv": {".csv", ".txt", ".tsv"},
    ".html": {".html", ".htm"},  # a web page or an Excel 2003 XML spreadsheet named .xls is said so when read
    ".xml": {".xml"},
}
Cell = Any  # str, float, int, bool, date, datetime, time or timedelta; "" when empty


@dataclass
class RawSheet:
    file: str
    name: str
    rows: list[list[Cell]]  # rows[i] is spreadsheet row i + 1
    hidden: str = ""  # "hidden" or "very hidden" when the workbook does not show the sheet
    merged: int = 0  # merged ranges whose value was carried to the cells they cover
    misnamed: str = ""  # the suffix the file's bytes call for, when its name says another kind
    hidden_rows: tuple[int, ...] = ()  # 1-based rows the workbook hides (by hand, a filter or an outline); read all the same
    decoding: str = ""  # what of a text file could not be read as its encoding says ('line 5 is not UTF-8 ...')
    notes: tuple[Note, ...] = ()  # what its reader says of it (a web page's charset, a <style> never closed)
    cut: int = 0  # the 1-based row a <script> never closed cut short, said in its notes: not a title or note
    _formulas: dict[tuple[int, int], str] | None = field(default=None, repr=False)
    _struck: dict[int, set[int]] | None = field(default=None, repr=False)

    def uncalculated(self, row: int, column: int) -> str | None:
        """The formula of an empty cell that holds one saved without its value (row 1-based, column 0-based)."""
        if self._formulas is None:
            xlsx = self.file.lower().endswith((".xlsx", ".xlsm")) and not self.misnamed
            self._formulas = uncalculated_cells(self.file, self.name) if xlsx else {}
        return self._formulas.get((row, column))

    def struck(self) -> dict[int, set[int]]:
        """1-based row -> the 0-based columns of its cells drawn struck through (.xlsx; .ods and CSV say none)."""
        if self._struck is None:
            xlsx = self.file.lower().endswith((".xlsx", ".xlsm")) and not self.misnamed
            self._struck = struck_cells(self.file, self.name) if xlsx else {}
        return self._struck


def iter_sheets(path: Path | str) -> Iterator[RawSheet]:
    """The sheets of ``path`` in workbook order, each as soon as it is read; UnreadableFile if it cannot be.

    Sheets are parsed on reader threads, one a sheet up to four (calamine releases the GIL while it
    parses), so the caller can normalise one sheet while the next is read; a read ``prefetch``
    started is taken over.
    """
    path = Path(path)
    started = _PREFETCHED.pop(resolved(path), None)
    # changed since, or read under another name (a link to this file, which every finding would name): dropped
    if started is not None and (started[0] != fingerprint(path) or started[2] != path.absolute()):
        _drop(started[1])
        started = None
    reading = started[1].result() if started is not None else _Reading(path)
    try:
        yield from reading.sheets()
    finally:
        reading.close()


def prefetch(path: Path | str) -> None:
    """Start reading ``path`` in the background; iter_sheets takes the read over if the file is unchanged.

    The command line calls it before it imports pandas and the rules (about half a second), so the parse
    runs meanwhile. Only the first file: the raw rows of several would all be held at once. (Screening the
    file on the calling thread first, so the scan and the imports do not take turns at the GIL, started the
    10k book's parse earlier but left `explorer check` where it was: 4.14-4.63 s against 4.05-4.81 s.)
    """
    path = Path(path)
    started: Future[_Reading] = Future()

    def start() -> None:  # the budget checks and the sheet list, then the sheets go to the reader threads
        try:
            started.set_result(_Reading(path))
        except BaseException as exc:  # handed to the caller of iter_sheets, as a plain read would raise it
            started.set_exception(exc)

    _PREFETCHED[resolved(path)] = (fingerprint(path), started, path.absolute())
    threading.Thread(target=start, name="prefetch", daemon=True).start()


_PREFETCHED: dict[Path, tuple[tuple[int, int] | None, Future[_Reading], Path]] = {}


def forget_prefetched() -> None:
    """Drop every read prefetch started that nobody took over (the command failed before it read the book)."""
    while _PREFETCHED:
        _drop(_PREFETCHED.popitem()[1][1])


def _drop(started: Future[_Reading]) -> None:
    def close(done: Future[_Reading]) -> None:
        if done.exception() is None:
            done.result().close(wait=False)

    started.add_done_callback(close)


def fingerprint(path: Path) -> tuple[int, int] | None:
    """(size, mtime in ns) of the file, or None when it cannot be looked at: whether it changed between two looks."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class _Reading:
    """One file being read: checked against the budgets, then its sheets submitted to the reader threads.

    A failure (an unreadable or hostile file) is kept and raised when the sheets are asked for.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ready: list[RawSheet] = []  # a text file's or a markup file's sheets, read at once
        self.futures: list[Future[RawSheet]] = []
        self.pool: ThreadPoolExecutor | None = None
        self.failure: UnreadableFile | None = None
        self.misnamed = ""
        self.local = threading.local()  # each reader thread's open workbook
        self.lock = threading.Lock()
        self.opened: list[Any] = []  # every workbook the threads opened, closed with the read
        try:
            self._start()
        except UnreadableFile as exc:
            self.failure = exc

    def _start(self) -> None:
        path = self.path
        screened = screen_file(path)
        kind = screened.kind
        actual = content_suffix(path, kind)
        misnamed = self.misnamed = "" if path.suffix.lower() in SAME_KIND[actual] else actual
        if kind == "text":
            rows, note = read_csv(path)
            self.ready = [RawSheet(str(path), shown(path.stem), rows, misnamed=misnamed, decoding=note)]
            return
        if kind in MARKUP_KINDS:
            self.ready = _read_markup(path, kind, misnamed)
            return
        names = _guard(path, lambda: _worksheet_names(path, bool(misnamed)))
        if not names:
            raise UnreadableFile(path, "the workbook has no worksheets")
        # A thread per sheet (up to four): the largest sheet, often the last, starts at once instead of after
        # the first two, and the small ones are normalised while it is still being parsed.
        self.pool = ThreadPoolExecutor(max_workers=min(4, len(names)), thread_name_prefix="sheet-reader")
        hidden_rows = _hidden_rows(path, screened.hidden_rows)
        self.futures = [
            self.pool.submit(
                _guard, path, lambda n=name, h=hidden: _read_sheet(self._workbook(), path, n, h, misnamed, hidden_rows.get(n, ()))
            )
            for name, hidden in names
        ]

    def _workbook(self) -> Any:
        """This reader thread's open workbook: calamine parses the whole shared-string table on every open, so
        a thread opens the file once for all its sheets (30 sheets of a book of a million strings: 21 s, now 2 s)."""
        workbook = getattr(self.local, "workbook", None)
        if workbook is None:
            workbook = self.local.workbook = _open(self.path, bool(self.misnamed))
            with self.lock:
                self.opened.append(workbook)
        return workbook

    def sheets(self) -> Iterator[RawSheet]:
        if self.failure is not None:
            raise self.failure
        yield from self.ready
        for future in self.futures:
            yield future.result()

    def close(self, wait: bool = True) -> None:
        """Cancel what has not started and (by default) wait for what has, so no thread outlives the read."""
        for future in self.futures:
            future.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=wait)
        if wait:  # without waiting, a thread may still be reading: its workbook is left to the collector
            for workbook in self.opened:
                workbook.close()
            self.opened.clear()


def _read_markup(path: Path, kind: str, misnamed: str) -> list[RawSheet]:
    """A web page's tables as one sheet named after the file (as a CSV's), or an Excel 2003 XML spreadsheet's
    worksheets, merged cells carried as a workbook's are."""
    if kind == "html":
        page = read_web_table(path)
        merged = fill_merged(page.rows, page.ranges)
        hidden = tuple(page.hidden_rows)
        return [
            RawSheet(
                str(path),
                shown(path.stem),
                page.rows,
                "",
                merged,
                misnamed,
                hidden,
                page.decoding,
                tuple(page.notes),
                cut=page.cut,
            )
        ]
    sheets = []
    for sheet in read_spreadsheet_xml(path):
        merged = fill_merged(sheet.rows, sheet.ranges)
        hidden = tuple(sheet.hidden_rows)
        sheets.append(RawSheet(str(path), sheet.name, sheet.rows, sheet.hidden, merged, misnamed, hidden, _formulas=sheet.errors))
    return sheets


def _open(path: Path, misnamed: bool):  # type: ignore[no-untyped-def]
    """The workbook; calamine picks its parser by the suffix, so a misnamed one is opened by its bytes."""
    import python_calamine as calamine

    if not misnamed:
        return calamine.CalamineWorkbook.from_path(str(path))
    with open(path, "rb") as handle:
        return calamine.CalamineWorkbook.from_filelike(handle)


def _worksheet_names(path: Path, misnamed: bool = False) -> list[tuple[str, str]]:
    """(name, "" or "hidden" or "very hidden") of each worksheet; chart and macro sheets hold no table."""
    import python_calamine as calamine

    def shown(visible: object) -> str:  # the enum is not hashable
        if visible == calamine.SheetVisibleEnum.Hidden:
            return "hidden"
        return "very hidden" if visible == calamine.SheetVisibleEnum.VeryHidden else ""

    with _open(path, misnamed) as workbook:
        return [(m.name, shown(m.visible)) for m in workbook.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]


def _hidden_rows(path: Path, by_part: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """The hidden rows the checks found in each sheet part, by sheet name."""
    if not by_part:
        return {}
    try:
        with zipfile.ZipFile(path) as archive:
            parts = sheet_parts(archive)
    except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError):  # the reader says what is wrong, if anything
        return {}
    return {name: by_part[part] for name, part in parts.items() if part in by_part}


def _read_sheet(
    workbook: Any, path: Path, name: str, hidden: str = "", misnamed: str = "", hidden_rows: tuple[int, ...] = ()
) -> RawSheet:
    sheet = workbook.get_sheet_by_name(name)
    # Row by row in a Python loop, not to_python(skip_empty_area=False): the same rows, but to_python
    # holds the GIL for the whole conversion (1.8 s for 200,000 cases), freezing the window while a
    # book loads in the background; this loop lets the GUI thread in every few milliseconds, and is
    # no slower.
    rows: list[list[Cell]] = []
    try:
        for row in sheet.iter_rows():  # a loop in Python, not list.extend: extend holds the GIL to the end (above)
            rows.append(row)
    except BaseException as exc:  # a Rust panic is a BaseException: never a traceback, never the app's end
        if not _panicked(exc):
            raise
        raise UnreadableFile(
            path,
            f"sheet '{name}', row {len(rows) + 1:,}: a cell the reader cannot convert ({_first_line(exc)}; a date cell "
            "whose number is outside every calendar, say, which Excel shows as ####); clear or fix that cell and save "
            "the file again",
        ) from None
    ranges = sheet.merged_cell_ranges or ()
    if not ranges and (misnamed or path.suffix.lower()) == ".ods":  # calamine reports neither for OpenDocument
        ranges, hidden_rows = sheet_layout(path, name, len(rows))
    merged = fill_merged(rows, ranges)
    return RawSheet(str(path), name, rows, hidden, merged, misnamed, hidden_rows)


def fill_merged(rows: list[list[Cell]], ranges: Iterable[tuple[tuple[int, int], tuple[int, int]]]) -> int:
    """Carry each merged range's top-left value to the empty cells it covers; how many ranges carried one.

    Bounded by the rows and columns that hold data, so a range merged over a whole column costs nothing.
    """
    width = max((len(r) for r in rows), default=0)
    count = 0
    for (top, left), (bottom, right) in ranges:
        bottom, right = min(bottom, len(rows) - 1), min(right, width - 1)
        if top > bottom or left > right or (top, left) == (bottom, right) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        if value is None or value == "":
            continue
        for row in rows[top : bottom + 1]:
            if len(row) <= right:
                row.extend([""] * (right + 1 - len(row)))
            for column in range(left, right + 1):
                if row[column] is None or row[column] == "":
                    row[column] = value
        count += 1
    return count


T = TypeVar("T")


def _guard(path: Path, read: Callable[[], T]) -> T:
    """Run a calamine call, turning its exceptions into one-line UnreadableFile messages."""
    import python_calamine as calamine

    try:
        return read()
    except calamine.PasswordError:
        raise UnreadableFile(path, "the workbook is password-protected (encrypted); save an unprotected copy") from None
    except calamine.XmlError as exc:  # its text is often a bare tag name ('t'): say what it means
        raise UnreadableFile(
            path, f"the workbook is damaged: a part of it is cut short or is not well-formed XML (near '{_first_line(exc)}')"
        ) from None
    except (calamine.CalamineError, calamine.ZipError) as exc:
        raise UnreadableFile(path, f"the workbook is damaged or not a spreadsheet ({_first_line(exc)})") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise UnreadableFile(path, f"cannot be read ({_first_line(exc)})") from None
    except BaseException as exc:
        if _panicked(exc):
            raise UnreadableFile(path, f"the reader cannot read the workbook ({_first_line(exc)})") from None
        raise


def _panicked(exc: BaseException) -> bool:
    """Whether ``exc`` is a panic of the Rust reader (pyo3's PanicException, which its module only names at run time)."""
    return type(exc).__name__ == "PanicException"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def decode_text(data: bytes) -> str:
    """Decode by BOM, else UTF-16 by its zero bytes, else UTF-8, else by charset-normalizer's best guess."""
    return decoded(data)[0]


MIXED_LINES = 50  # more lines than this in another encoding, and as many as its UTF-8 characters: the file is in it


def decoded(data: bytes) -> tuple[str, str]:
    """(text, a note where some of it could not be read as its encoding says: '' when all could); see decode_text.

    A UTF-8 file with a few lines in another encoding (a line pasted from a Windows-1252 export) keeps its UTF-8
    and reads those lines as Windows-1252, naming them; decoding all of it as one code page would garble every
    accented name in the file."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    else:
        for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            if data.startswith(bom):
                return _replacing(data, "utf-16", "UTF-16")
    if (utf16 := _utf16_without_bom(data[:4096])) is not None:  # before UTF-8, which accepts the zero bytes
        return _replacing(data, utf16, "UTF-16")
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    if (mixed := _mostly_utf8(data)) is not None:
        return mixed
    return _legacy(data), ""


def _replacing(data: bytes, encoding: str, name: str) -> tuple[str, str]:
    """``data`` decoded, any undecodable bytes (a lone surrogate) replaced by U+FFFD, and a note saying how many."""
    try:
        return data.decode(encoding), ""
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    return text, f"{bad:,} character{'s' if bad != 1 else ''} could not be read as {name} and show as \ufffd"


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """The text of a UTF-8 file with some lines in Windows-1252, and a note naming them; None where the file is not
    UTF-8 at heart: more than MIXED_LINES such lines and no more UTF-8 characters than them elsewhere (a Windows
    file with an accent on every line), or no UTF-8 character at all.

    Decoded a block of whole lines at a time (a line break is never inside a UTF-8 character), and a block that fails
    line by line: each bad line costs its block, never the rest of the file (a 90 MB log with an accent on every
    line was decoded 51 times over, 7 s, before it was found not to be UTF-8)."""
    parts: list[str] = []
    lines: list[int] = []
    line = 0  # the 0-based number of the block's first line
    utf8 = 0  # valid multi-byte characters outside the lines in question: the file is UTF-8 at heart
    # what UTF-8 the whole file could hold: more bad lines than that, and the file is in another code page however
    # the rest reads (a Windows file with an accent on every line ends at its 51st)
    most = _utf8_characters(data)
    for block in _line_blocks(data):
        try:
            parts.append(block.decode("utf-8"))
            utf8 += len(_HIGH_RUN.findall(block))
            line += block.count(b"\n")
            continue
        except UnicodeDecodeError:
            pass
        for text in _lines(block):
            try:
                parts.append(text.decode("utf-8"))
                utf8 += len(_HIGH_RUN.findall(text))
            except UnicodeDecodeError:
                parts.append(text.decode("cp1252", errors="replace"))
                lines.append(line + 1)
                if len(lines) > MIXED_LINES and len(lines) > most:
                    return None
            line += text.count(b"\n")
    if not utf8 or (len(lines) > MIXED_LINES and len(lines) > utf8):
        return None
    listed = ", ".join(str(n) for n in lines[:10]) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
    said = f"line{'s' if len(lines) != 1 else ''} {listed} {'are' if len(lines) != 1 else 'is'}"
    return "".join(parts), f"{said} not UTF-8 like the rest of the file; read as Windows-1252"


def _lines(block: bytes) -> list[bytes]:
    """The block's lines, each with its "\\n" (a CR alone ends no line here: the lines are numbered by their LFs)."""
    lines = block.split(b"\n")
    return [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")  # in valid UTF-8, one or more characters beyond ASCII
_PIECE = 1 << 23  # bytes counted at once by _utf8_characters


def _utf8_characters(data: bytes) -> int:
    """About how many multi-byte UTF-8 characters ``data`` holds: a lead byte followed by a continuation byte (one
    array pass a piece: a pattern took 1.2 s over 90 MB)."""
    import numpy as np

    count = 0
    for start in range(0, max(len(data) - 1, 0), _PIECE):
        piece = np.frombuffer(data, dtype=np.uint8, count=min(len(data) - start, _PIECE + 1), offset=start)
        lead, follow = piece[:-1], piece[1:]
        count += int(np.count_nonzero((lead >= 0xC2) & (lead <= 0xF4) & (follow >= 0x80) & (follow <= 0xBF)))
    return count


_BLOCK = 1 << 20  # bytes decoded at once where the text is UTF-8


def _line_blocks(data: bytes) -> Iterator[bytes]:
    """``data`` in pieces of about _BLOCK bytes, each ending after a "\\n" (or at the end)."""
    pos = 0
    while pos < len(data):
        cut = data.find(b"\n", min(pos + _BLOCK, len(data)) - 1)
        end = len(data) if cut < 0 else cut + 1
        yield data[pos:end]
        pos = end


_GUESS_BYTES = 256 * 1024  # of a file's non-ASCII lines: what the code page is guessed from


def _legacy(data: bytes) -> str:
    """A file in one legacy code page, by charset-normalizer's best guess (Windows-1252 on a tie).

    The guess is made from the file's lines that hold non-ASCII bytes, up to _GUESS_BYTES of them: the other lines
    read alike in every code page, and a guess over a whole 90 MB log took 9 s."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(_telling_lines(data)))
    if not matches:
        return data.decode("cp1252", errors="replace")
    best = min(matches, key=lambda m: m.chaos)
    # Short Western text decodes equally well as several code pages: Windows-1252 (what Excel
    # writes on Western Windows) wins a tie, so "Crème" does not become "Crčme".
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    # Lines ended by a bare CR are a Mac's: Excel for Mac's CSV is Mac Roman, whose accented letters are
    # Windows-1252's quotes and dashes ("Café" would read "Cafˇ").
    if b"\r" in data and b"\n" not in data and any("mac_roman" in m.could_be_from_charset for m in tied):
        return data.decode("mac_roman", errors="replace")
    if any({"cp1252", "latin_1", "iso8859_15"} & set(m.could_be_from_charset) for m in tied):
        return data.decode("cp1252", errors="replace")
    return data.decode(best.encoding, errors="replace")


def _telling_lines(data: bytes) -> bytes:
    """``data`` where it is short, else its lines that hold non-ASCII bytes up to _GUESS_BYTES (lines end at CR or
    LF: a Mac's CSV has no LF)."""
    if len(data) <= _GUESS_BYTES:
        return data
    out: list[bytes] = []
    size = pos = 0
    while size < _GUESS_BYTES and (found := _HIGH_BYTE.search(data, pos)) is not None:
        at = found.start()
        start = data.rfind(b"\n", pos, at) + 1 or pos  # each search stops at the line's LF: never the whole file
        start = data.rfind(b"\r", start, at) + 1 or start
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        end = cr if (cr := data.find(b"\r", at, end)) >= 0 else end
        out.append(data[start:end])
        size += end - start + 1
        pos = end + 1
    return b"\n".join(out) if out else data[:_GUESS_BYTES]


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 of Western text: every other byte (the high byte of each letter) zero, and almost no other."""
    half = len(sample) // 2
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if half and odd > half * 0.9 and even < half * 0.1:
        return "utf-16-le"
    if half and even > half * 0.9 and odd < half * 0.1:
        return "utf-16-be"
    return None


def _dialect(text: str) -> type[csv.Dialect]:
    """The separator that splits the most sample lines into the same number (2+) of fields.

    csv.Sniffer is misled by title lines ("Support cases, Q1-Q2 2026" above a semicolon table);
    counting consistent lines is not.
    """
    lines = [line for line in text.splitlines()[:60] if line.strip()]  # text: the file's first SNIFF_CHARS
    best, best_score = ",", (0, 0)
    for delimiter in ",;\t|":
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        widths = [c for c in counts if c > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = (widths.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score

    class Guessed(csv.excel):
        delimiter = best

    return Guessed


def read_csv_rows(path: Path) -> list[list[Cell]]:
    return read_csv(path)[0]


def read_csv(path: Path) -> tuple[list[list[Cell]], str]:
    """The rows of a CSV file, and a note where some of its text could not be read as its encoding says."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be read ({exc.strerror or exc})") from None
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, note = decoded(data)
        if "\x00" in text:
            raise UnreadableFile(path, "this is a binary file, not a CSV text file")
    else:
        text, note = decoded(data)
    del data
    if "\x00" in text:  # past the first 4 KB (before it, a binary file): a damaged file, its zero bytes no text
        zeros = text.count("\x00")
        text = text.replace("\x00", "")
        removed = f"{zeros:,} zero byte{'s' if zeros != 1 else ''} (NUL) removed: the file may be damaged"
        note = f"{note}; {removed}" if note else removed
    if not text.strip():
        raise UnreadableFile(path, "the file is empty")
    dialect = _dialect(text[:SNIFF_CHARS])
    check_text_budget(path, text, dialect.delimiter)  # before the split: short fields cost most
    csv.field_size_limit(MAX_FIELD_CHARS)  # a long field is cut to Excel's 32,767 with a warning, as a cell is
    reader = csv.reader(text_lines(text), dialect)
    rows: list[list[Cell]] = []
    try:
        rows.extend(list(row) for row in reader)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise UnreadableFile(
                path,
                f"row {len(rows) + 1:,} (line {reader.line_num:,}) holds a field of more than {MAX_FIELD_CHARS:,} "
                f"characters (a cell holds at most {MAX_CELL_CHARS:,}): a quote left open, or not a table; not read",
            ) from None
        raise UnreadableFile(path, f"the CSV file is malformed ({exc})") from None
    if (unclosed := _unclosed_quote(text, dialect, rows, reader.line_num)) is not None:
        raise UnreadableFile(path, unclosed)
    width, row = max((len(r), -i) for i, r in enumerate(rows))
    if width > EXCEL_COLUMNS:  # no spreadsheet holds it, and every column's header is matched one by one
        raise UnreadableFile(
            path, f"row {1 - row:,} has {width:,} fields, more than a sheet's {EXCEL_COLUMNS:,} columns (A to XFD); not read"
        )
    return rows, note


SNIFF_CHARS = 64 * 1024  # the first 60 lines, as a rule: the delimiter is told from them
MAX_FIELD_CHARS = 4 * 1024 * 1024  # the csv module's buffer for a field is 4 bytes a character, doubled as it grows
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def text_lines(text: str) -> Iterable[str]:
    """The text's lines as the csv module wants them (newline="": \\r\\n, \\r and \\n end a line, and stay).

    io.StringIO copies the text at 4 bytes a character (1.9 GB for a 500 MB file) before the first line: fast,
    so kept for texts up to STREAMED_CHARS; a longer one is split line by line, each line made as it is read."""
    if len(text) <= STREAMED_CHARS:
        return io.StringIO(text, newline="")
    return (m.group() for m in _LINE.finditer(text))


def _unclosed_quote(text: str, dialect: type[csv.Dialect], rows: list[list[Cell]], lines_read: int) -> str | None:
    """Why a row with a line break in a cell is not a row: a quote it opens and never closes swallows the lines
    after it into one cell (a hand-edited '"Acme, Inc' missing its closing quote), to the file's end or to the
    next quote, which would silently drop those rows. A cell that truly spans lines closes its quote before the
    next delimiter or line end; a swallowing one does not, which Python's strict reading tells apart."""
    # a row spanning lines takes two or more of the reader's lines: where there are as many lines as rows, none does
    # (and the 7.6 million fields of a wide 200,000-case log are not searched for line breaks: 2 s)
    spanning = [] if lines_read == len(rows) else [i for i, row in enumerate(rows) if any("\n" in f or "\r" in f for f in row)]
    tail = text.rstrip("\r\n").rsplit("\n", 1)[-1]
    if rows and (len(rows) - 1) not in spanning and tail.count(str(dialect.quotechar)) % 2:
        spanning.append(len(rows) - 1)  # the last line opens a quote with no line end after it to swallow
    if not spanning:
        return None
    lines = list(text_lines(text))  # split once, as the reader splits them
    reader = csv.reader(lines, dialect)
    ends = [0] + [reader.line_num for _ in reader]  # ends[i + 1]: the line row i ends on

    class Strict(dialect):  # type: ignore[valid-type,misc]
        strict = True

    for index in spanning:
        first, last = ends[index] + 1, ends[index + 1]
        try:
            for _ in csv.reader(lines[first - 1 : last], Strict):
                pass
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                swallowed = sum(1 for line in lines[first:] if line.strip())  # lines that were rows of their own
                if not swallowed and dialect.delimiter not in str(rows[index][-1]):
                    return None  # the last cell's own quote, open to the end: nothing else is lost
                if not swallowed:
                    return (
                        f"row {index + 1:,} opens a quote that is never closed, so the rest of its line is read as one"
                        " cell; close the quote and save the file again"
                    )
                return (
                    f"row {index + 1:,} opens a quote that is never closed, so the {swallowed:,} line"
                    f"{'s' if swallowed != 1 else ''} after it would be read as one cell; close the quote and save the file again"
                )
            return (
                f"row {index + 1:,} opens a quote on line {first:,} that is closed only on line {last:,}, so those"
                f" {last - first + 1:,} lines would be read as one cell; close the quote where the cell ends and save the"
                " file again"
            )
    return None
