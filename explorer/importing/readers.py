"""Read every sheet of a workbook or CSV file into rows of Python values.

Spreadsheets go through python-calamine (Rust; reads .xlsx/.xlsm/.xls/.ods and
cached formula values, about ten times faster than openpyxl). CSV files are
decoded by BOM, then UTF-8, then whatever charset-normalizer detects (Shift-JIS,
GB18030, Windows-1252...), and their delimiter is sniffed.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from explorer.importing.formulas import uncalculated_cells
from explorer.importing.safety import UnreadableFile, check_file

Cell = Any  # str, float, int, bool, date, datetime, time or timedelta; "" when empty


@dataclass
class RawSheet:
    file: str
    name: str
    rows: list[list[Cell]]  # rows[i] is spreadsheet row i + 1
    _formulas: dict[tuple[int, int], str] | None = field(default=None, repr=False)

    def uncalculated(self, row: int, column: int) -> str | None:
        """The formula of an empty cell that holds one saved without its value (row 1-based, column 0-based)."""
        if self._formulas is None:
            xlsx = self.file.lower().endswith((".xlsx", ".xlsm"))
            self._formulas = uncalculated_cells(self.file, self.name) if xlsx else {}
        return self._formulas.get((row, column))


def iter_sheets(path: Path | str) -> Iterator[RawSheet]:
    """The sheets of ``path`` in workbook order, each as soon as it is read; UnreadableFile if it cannot be.

    Sheets are parsed on a second thread (calamine releases the GIL while it
    parses), so the caller can normalise one sheet while the next is read.
    """
    path = Path(path)
    kind = check_file(path)
    if kind == "text":
        yield RawSheet(str(path), path.stem, read_csv_rows(path))
        return
    names = _guard(path, lambda: _worksheet_names(path))
    if not names:
        raise UnreadableFile(path, "the workbook has no worksheets")
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="sheet-reader") as pool:
        futures = [pool.submit(_guard, path, lambda name=name: _read_sheet(path, name)) for name in names]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def _worksheet_names(path: Path) -> list[str]:
    import python_calamine as calamine

    with calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        # chart sheets and macro sheets hold no table
        return [m.name for m in workbook.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]


def _read_sheet(path: Path, name: str) -> RawSheet:
    import python_calamine as calamine

    with calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        return RawSheet(str(path), name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))


T = TypeVar("T")


def _guard(path: Path, read: Callable[[], T]) -> T:
    """Run a calamine call, turning its exceptions into one-line UnreadableFile messages."""
    import python_calamine as calamine

    try:
        return read()
    except calamine.PasswordError:
        raise UnreadableFile(path, "the workbook is password-protected (encrypted); save an unprotected copy") from None
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError) as exc:
        raise UnreadableFile(path, f"the workbook is damaged or not a spreadsheet ({_first_line(exc)})") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise UnreadableFile(path, f"cannot be read ({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def decode_text(data: bytes) -> str:
    """Decode by BOM, else UTF-8, else UTF-16 by its zero bytes, else by charset-normalizer's best guess."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if sample.count(0) > len(sample) // 4:  # UTF-16 without a BOM: every other byte is zero
        return data.decode("utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be", errors="replace")
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return data.decode("cp1252", errors="replace")
    best = min(matches, key=lambda m: m.chaos)
    # Short Western text decodes equally well as several code pages: Windows-1252 (what Excel
    # writes on Western Windows) wins a tie, so "Crème" does not become "Crčme".
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    if any({"cp1252", "latin_1", "iso8859_15"} & set(m.could_be_from_charset) for m in tied):
        return data.decode("cp1252", errors="replace")
    return str(best)


def _dialect(text: str) -> type[csv.Dialect]:
    """The separator that splits the most sample lines into the same number (2+) of fields.

    csv.Sniffer is misled by title lines ("Support cases, Q1-Q2 2026" above a semicolon table);
    counting consistent lines is not.
    """
    lines = [line for line in text.splitlines()[:60] if line.strip()]
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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, f"cannot be read ({exc.strerror or exc})") from None
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = decode_text(data)
        if "\x00" in text:
            raise UnreadableFile(path, "this is a binary file, not a CSV text file")
    else:
        text = decode_text(data)
    if not text.strip():
        raise UnreadableFile(path, "the file is empty")
    dialect = _dialect(text)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise UnreadableFile(path, f"the CSV file is malformed ({exc})") from None
