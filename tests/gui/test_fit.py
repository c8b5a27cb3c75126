"""The fit test: at 1024x700 and 1400x900, in the light and the dark palette, at 10 and 16 pt, no date, status
or program cell in the customer list, Key Dates, Upcoming, Cases or Changes is elided (measured with the view's
font metrics, a highlighted cell with its highlight font), no control of the window is clipped, and the Key Dates
timeline shows every lane."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QTableView, QWidget

from explorer.gui import messages, palette
from explorer.gui.column_model import ColumnTableModel
from explorer.gui.columns import kept_whole
from explorer.gui.main_window import MainWindow

from ..diff_books import write_new, write_old
from .conftest import AS_OF, open_tab

A_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
PADDING = 8  # px the item delegate keeps beside the text


@pytest.fixture(params=[(10.0, False), (16.0, False), (10.0, True), (16.0, True)], ids=["10pt", "16pt", "10pt-dark", "16pt-dark"])
def look(request, qapp) -> Iterator[tuple[float, bool]]:  # type: ignore[no-untyped-def]
    font_before, palette_before = QFont(qapp.font()), qapp.palette()
    size, dark = request.param
    font = QFont(font_before)
    font.setPointSizeF(size)
    qapp.setFont(font)
    if dark:
        qapp.setPalette(palette.dark_palette())
    yield request.param
    qapp.setFont(font_before)
    qapp.setPalette(palette_before)


def elided(view: QTableView) -> list[str]:
    """The value cells (dates, statuses, programs) the column is too narrow for, as 'Column: text'."""
    model = view.model()
    assert isinstance(model, ColumnTableModel)
    cut = []
    for c, column in enumerate(model.columns):
        if view.isColumnHidden(c):
            continue
        whole_column = kept_whole(column.title)
        width = view.columnWidth(c)
        for r in range(model.rowCount()):
            index = model.index(r, c)
            text = str(model.data(index) or "")
            if not text or not (whole_column or A_DATE.match(text)):
                continue
            font = model.data(index, Qt.ItemDataRole.FontRole)  # not index.data: PySide6 6.12 drops its None
            metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
            if metrics.horizontalAdvance(text) + PADDING > width:
                cut.append(f"{column.title}: {text} ({metrics.horizontalAdvance(text) + PADDING} > {width})")
    return sorted(set(cut))


def clipped(root: QWidget) -> list[str]:
    """Shown controls cut by their parent or narrower than their text asks."""
    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QLabel):
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
            continue
        parent = widget.parentWidget()
        if parent is None or isinstance(parent, QTableView) or not parent.isVisibleTo(root):
            continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton | QLabel | QLineEdit) else "")
        inside = parent.rect().contains(widget.geometry())
        if not inside and widget.geometry().intersects(parent.rect()):
            out.append(f"{name}: outside its parent")
        if isinstance(widget, QAbstractButton | QLabel) and widget.width() < widget.minimumSizeHint().width():
            out.append(f"{name}: {widget.width()} < {widget.minimumSizeHint().width()}")
    return out


def lanes_cut(window: MainWindow) -> list[str]:
    """The Key Dates timeline's lanes, when its pane is too short to show them all without scrolling, and an
    Overdue date the table opens scrolled away from (the header's 'overdue since' link leads here)."""
    area = window.key_dates.timeline_area
    shown, lanes = area.viewport().height(), window.key_dates.timeline.height()
    out = [f"timeline: {lanes} px of lanes in {shown} px"] if lanes > shown else []
    view, model = window.key_dates.view, window.key_dates.model
    status = model.column_index("Status")
    for r in range(model.rowCount()):
        if model.data(model.index(r, status)) == "Overdue" and not view.viewport().rect().contains(
            view.visualRect(model.index(r, model.column_index("Date")))
        ):
            out.append(f"key dates: the Overdue row {r} is out of view")
    return out


def overlapping(root: QWidget) -> list[str]:
    """Shown texts drawn over one another (a pane squeezed below its texts' lines), or cut short of their lines."""
    labels = [w for w in root.findChildren(QLabel) if w.isVisibleTo(root) and w.text()]
    out = []
    for i, a in enumerate(labels):
        box = a.geometry().translated(a.parentWidget().mapTo(root, a.parentWidget().rect().topLeft()))
        if a.wordWrap() and a.height() < a.heightForWidth(a.width()):
            out.append(f"{a.text()[:40]}: {a.height()} px for {a.heightForWidth(a.width())}")
        for b in labels[i + 1 :]:
            other = b.geometry().translated(b.parentWidget().mapTo(root, b.parentWidget().rect().topLeft()))
            if box.intersects(other):
                out.append(f"{a.text()[:40]} over {b.text()[:40]}")
    return out


def show(window: MainWindow, page: str) -> None:
    names = [window.pages.tabText(i) for i in range(window.pages.count())]
    window.pages.setCurrentIndex(names.index(page))
    QApplication.processEvents()


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)], ids=["1024x700", "1400x900"])
def test_nothing_that_matters_is_cut(look, size, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = write_old(tmp_path / "book-q3.xlsx"), write_new(tmp_path)
    window = MainWindow(as_of=AS_OF, persist=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    from explorer.gui.sessions import sample_files

    window.open_files(sample_files())
    qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
    assert window.session is not None, [m.text for m in messages.shown]
    qtbot.waitUntil(lambda: window.width() == size[0])
    QApplication.processEvents()
    found: dict[str, list[str]] = {}
    found["list"] = elided(window.customers.view) + clipped(window.customers)
    for key in ("tardy telecom", "cascade capital", "faded films", "adatum hotels"):
        window.customers.select(key)
        open_tab(window, "Key Dates")
        QApplication.processEvents()
        found[f"key dates {key}"] = elided(window.key_dates.view) + lanes_cut(window)
        open_tab(window, "SLA")
        QApplication.processEvents()
        found[f"sla {key}"] = elided(window.sla.cases_view) + clipped(window.sla) + overlapping(window.sla)
    show(window, "Upcoming")
    found["upcoming"] = elided(window.upcoming.view)
    show(window, "Cases")
    found["cases"] = elided(window.cases_page.view) + clipped(window.cases_page)
    # a compared book: the Changes page and the changed dates highlighted (bold) in Key Dates
    window.open_files([str(f) for f in new])
    qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
    with qtbot.waitSignal(window.changes.compared, timeout=60_000):
        window.changes.compare_with([str(old)])
    show(window, "Changes")
    found["changes"] = elided(window.changes.view) + clipped(window.changes)
    show(window, "Customers")
    for key in window.changes.changed_keys():
        window.customers.select(key)
        open_tab(window, "Key Dates")
        QApplication.processEvents()
        found[f"marked key dates {key}"] = elided(window.key_dates.view)
    QApplication.processEvents()
    if (window.width(), window.height()) != size:  # a page or tab whose least size is larger pushed the window
        found["window"] = [f"{window.width()}x{window.height()}, not {size[0]}x{size[1]}"]
    found = {k: v for k, v in found.items() if v}
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
