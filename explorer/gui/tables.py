"""Small helpers shared by the table views: a configured QTableView and text columns from frames."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip, QWidget

from explorer.gui import clipboard, columns, palette, plain, settings
from explorer.gui.column_model import Column, ColumnTableModel


def _stamps(values: list[Any]) -> np.ndarray | None:
    """The values as datetime64[m] (UTC wall time), or None when some value is not a date at all."""
    raw = pd.Series(values, dtype=object)
    try:
        series = pd.to_datetime(raw, errors="coerce", utc=True)
    except (ValueError, TypeError):
        return None
    stamps = series.dt.tz_localize(None).to_numpy(dtype="datetime64[m]")
    if int((~np.isnat(stamps)).sum()) != int(raw.notna().sum()):
        return None
    return stamps


# Rows turned into text per numpy call: each call holds the GIL throughout, and a worker preparing 200,000 rows
# (the Cases page) held it 100 ms at a time in one call per column, freezing the window that long.
CHUNK = 16_384


def date_text(values: Iterable[Any], stamps: np.ndarray | None = None, *, with_time: bool = False) -> list[str]:
    """Days as 2026-01-15, or, for a timestamp column (``with_time``), every value as 2026-01-15 10:30, midnight
    as 00:00 too: the column's kind decides, never its values (a case opened at 00:00 UTC keeps its time)."""
    values = list(values)
    if not values:
        return []
    stamps = _stamps(values) if stamps is None else stamps
    if stamps is None:
        return _date_text_slow(values, with_time)  # something was not a date: show it as it is
    return _stamp_text(stamps, with_time)


def _stamp_text(stamps: np.ndarray, with_time: bool) -> list[str]:
    """Each value with its time of day (a timestamp column) or as its day alone (a date column); blanks as ""."""
    shown: list[str] = []
    for start in range(0, len(stamps), CHUNK):
        part = stamps[start : start + CHUNK]
        text = np.datetime_as_string(part, unit="m" if with_time else "D")  # fixed width: "2026-01-15T10:30"
        if with_time and text.dtype.itemsize == 16 * 4:  # years 1-9999: the T becomes a space in place, on the codes
            text.view(np.uint32).reshape(len(text), -1)[:, 10] = ord(" ")
        elif with_time:
            text = np.char.replace(text, "T", " ")
        shown.extend(np.where(np.isnat(part), "", text).tolist())
    return shown


def _date_text_slow(values: Iterable[Any], with_time: bool) -> list[str]:
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
            out.append("")
        elif isinstance(v, pd.Timestamp):
            out.append("" if pd.isna(v) else v.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d"))
        elif isinstance(v, datetime):
            out.append(v.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d"))
        elif isinstance(v, date):
            out.append(v.strftime("%Y-%m-%d"))
        else:
            out.append(str(v))
    return out


def date_key(values: Sequence[Any]) -> np.ndarray:
    """Sort key for dates: blanks last."""
    series = pd.to_datetime(pd.Series(list(values), dtype=object), errors="coerce", utc=False)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    numbers = series.to_numpy(dtype="datetime64[s]").astype("int64").astype("float64")
    numbers[series.isna().to_numpy()] = np.inf
    return numbers


def number_column(title: str, values: Sequence[Any], fmt: str = "{:g}", header_tip: str = "") -> Column:
    try:
        numbers = np.asarray(values, dtype="float64")  # numbers and None (NaN): no pandas round trip
    except (TypeError, ValueError):
        numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(dtype="float64")
    whole = np.isfinite(numbers) & (numbers == np.round(numbers))
    if fmt in ("{:g}", "{:.0f}") and whole.all():  # counts: one vectorised conversion
        text = list(map(str, numbers.astype(np.int64).tolist()))
    else:  # Python floats, not numpy scalars: 200,000 cells format in a third of the time
        text = ["" if v != v else fmt.format(v) for v in numbers.tolist()]  # v != v: NaN
    key = np.where(np.isnan(numbers), np.inf, numbers)
    return Column(title, text, key, align_right=True, header_tip=header_tip)


def date_column(title: str, values: Sequence[Any] | pd.Series) -> Column:
    """A column of days (a term's start, a key date): each as 2026-01-15, never with a time of day."""
    return _dated_column(title, values, with_time=False)


def stamp_column(title: str, values: Sequence[Any] | pd.Series) -> Column:
    """A column of moments (a case's opening, due and first response times, in UTC): each with its time of day,
    midnight as 00:00 too, so a case opened on the hour of midnight reads as on the Cases page and every view."""
    return _dated_column(title, values, with_time=True)


def _dated_column(title: str, values: Sequence[Any] | pd.Series, with_time: bool) -> Column:
    """Values as date_text shows them, sorted by time with blanks last; a datetime64 Series (a case log's
    timestamps) is read as it is, not as a list of Timestamps made and parsed again (0.3 s per 200,000)."""
    if isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values.dtype):
        moments = values.dt.tz_convert("UTC").dt.tz_localize(None) if values.dt.tz is not None else values
        stamps: np.ndarray | None = moments.to_numpy(dtype="datetime64[m]")  # UTC wall time, as _stamps
    else:
        values = list(values)
        stamps = _stamps(values) if values else None
        if stamps is None:
            return Column(title, date_text(values, with_time=with_time), date_key(values))
    assert stamps is not None
    key = stamps.astype(np.int64).astype("float64")
    key[np.isnat(stamps)] = np.inf  # blanks sort last
    return Column(title, _stamp_text(stamps, with_time), key)


class TableView(QTableView):
    """A table that says why it is empty (``empty_text``) instead of showing a blank grid, and shows a cut
    cell's whole text on hover (a prose column gives way in a narrow window)."""

    empty_text = ""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index, model = self.indexAt(event.pos()), self.model()
            # model.data, not index.data: PySide6 6.12's QModelIndex.data drops a reference to a None it returns
            if index.isValid() and not model.data(index, Qt.ItemDataRole.ToolTipRole):
                text = str(model.data(index) or "")
                if self.fontMetrics().horizontalAdvance(text) + 8 > self.columnWidth(index.column()):
                    QToolTip.showText(event.globalPos(), plain.tip(text), self.viewport(), self.visualRect(index))
                    return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self.empty_text or model is None or model.rowCount() or not model.columnCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(palette.ink_colour("muted"))
        margin = self.fontMetrics().averageCharWidth() * 2
        area = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        painter.drawText(
            area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), self.empty_text
        )
        painter.end()


def make_view(parent: QWidget | None, model: ColumnTableModel, settings_key: str, sort_column: int = -1) -> TableView:
    """A read-only, row-selecting, sortable table; sort_column -1 keeps the order the rows were given in."""
    view = TableView(parent)
    view.setObjectName(settings_key)
    view.setModel(model)
    view.horizontalHeader().setSortIndicator(sort_column, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # Ctrl+C copies several rows
    view.setTabKeyNavigation(False)  # Tab leaves the table instead of walking its cells
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setHighlightSections(False)
    # a header wider than its column (prose gives way in a narrow pane) ends in "…", not cut at both sides
    view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAccessibleName(settings_key.replace("_", " ").capitalize())
    clipboard.install(view)
    model.marks_changed.connect(lambda: columns.fit_marked(view))
    return view


def fit_columns(view: QTableView) -> None:
    """Columns as wide as the font needs for their header and longest texts (never fixed pixels)."""
    columns.fit(view)


def save_header(view: QTableView) -> None:
    QSettings().setValue(settings.header_state(view.objectName()), view.horizontalHeader().saveState())


def restore_header(view: QTableView) -> None:
    state = QSettings().value(settings.header_state(view.objectName()))
    if state is not None:
        view.horizontalHeader().restoreState(state)
