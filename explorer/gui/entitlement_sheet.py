"""The entitlement sheet on paper, with Qt's own PDF writer and printer (no other dependency).

The content is explorer.outputs.entitlement's HTML; here a QTextDocument lays it
out page by page inside a header (as-of day, catalog version) and a footer
(customer, page n of N). Each customer starts on a new page; a typical customer
fits one. A customer whose contracts have errors gets DRAFT across every page.
The renewal brief (explorer.gui.renewal_brief) prints through here too, as Pages.
The paper follows the locale (Letter where US units are the norm, else A4)
unless a size is given.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from explorer import heap
from explorer.app.cancel import NEVER, CancelToken
from explorer.app.sheet import CustomerSheet
from explorer.atomic import write_atomically
from explorer.gui import palette
from explorer.outputs.entitlement import errors, footer_text, header_text, sheet_html

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(14, 12, 14, 12)
RESOLUTION = 300  # dots per inch of the PDF's coordinate space
MIN_FIT = 0.8  # a page that must fit one sheet of paper is shrunk at most this far
_app: QApplication | None = None


def default_paper() -> str:
    return "letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def ensure_app() -> None:
    """Qt's text layout needs an application; the command line makes an offscreen one."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication([])  # a widgets application, so a later window in the same process can use it


def page_layout(paper: str | None = None) -> QPageLayout:
    size = QPageSize(PAPERS[(paper or default_paper()).lower()])
    return QPageLayout(size, QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter)


def _font(points: float) -> QFont:
    """Calibri's metrics (Carlito where Calibri is missing), without ligatures: "fi" and "ti" stay two letters
    when the PDF's text is copied or searched."""
    font = QFont(["Calibri", "Carlito", "Arial"])
    font.setPointSizeF(points)
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


@dataclass(frozen=True)
class Page:
    """One customer's document for paper: its HTML, the images it names, and the header and footer text."""

    html: str
    header: str
    name: str  # the customer, in the footer
    images: Mapping[str, QImage] = field(default_factory=dict)  # <img src=...> url -> image
    points: float = 8  # the body text's size
    fit: bool = False  # shrink (down to MIN_FIT) rather than run onto a second page
    draft: bool = False  # DRAFT across every page


def sheet_page(sheet: CustomerSheet, internal: bool = False) -> Page:
    return Page(
        sheet_html(sheet, internal=internal),
        header_text(sheet, internal),
        footer_text(sheet, internal),
        draft=bool(errors(sheet)),
        fit=True,  # a sheet a few lines over one page (on Letter) shrinks to fit, as the brief does
    )


Progress = Callable[[str], None]


class _SheetPages(Sequence[Page]):
    """Each sheet's Page, made as it is painted: a long list of sheets may itself be made as it is walked
    (explorer.outputs.customers.LazySheets)."""

    def __init__(self, sheets: Sequence[CustomerSheet], internal: bool) -> None:
        self._sheets, self._internal = sheets, internal

    def __len__(self) -> int:
        return len(self._sheets)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return [sheet_page(s, self._internal) for s in self._sheets[index]]
        return sheet_page(self._sheets[index], self._internal)


def render(
    sheets: Sequence[CustomerSheet],
    device: QPagedPaintDevice,
    internal: bool = False,
    cancel: CancelToken = NEVER,
    progress: Progress | None = None,
) -> int:
    """Paint the sheets onto a PDF writer or printer (``internal``: with the book's findings); returns the
    number of pages."""
    return render_pages(_SheetPages(sheets, internal), device, cancel, progress)


def render_pages(
    pages: Sequence[Page], device: QPagedPaintDevice, cancel: CancelToken = NEVER, progress: Progress | None = None
) -> int:
    """Paint the pages; runs on a worker thread too (QPainter on a PDF writer and QTextDocument need no GUI
    thread). ``cancel`` is checked and ``progress`` told between documents."""
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError(errno.EIO, "the page device could not be opened for painting")
    try:
        count = _paint(pages, device, painter, cancel, progress)
    finally:
        ended = painter.end()
    if not ended:  # Qt's PDF writer reports a failed write only here, never by raising
        raise OSError(errno.EIO, "the pages could not be finished")
    return count


def _draft_mark(painter: QPainter, width: float, height: float) -> None:
    """DRAFT across the page, light enough to read the sheet through."""
    painter.save()
    font = _font(96)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(palette.PAPER_DRAFT))
    painter.translate(width / 2, height / 2)
    painter.rotate(-35)
    painter.drawText(QRectF(-width, -height / 4, 2 * width, height / 2), Qt.AlignmentFlag.AlignCenter, "DRAFT")
    painter.restore()


def _paint(
    documents: Sequence[Page],
    device: QPagedPaintDevice,
    painter: QPainter,
    cancel: CancelToken = NEVER,
    progress: Progress | None = None,
) -> int:
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    width, height = float(area.width()), float(area.height())
    small = _font(7)
    painter.setFont(small)
    line = painter.fontMetrics().height()
    header, footer = line * 2.0, line * 2.0
    body = QRectF(0, 0, width, height - header - footer)
    total = 0
    for number, item in enumerate(documents):
        cancel.check()
        if progress is not None:
            progress(f"Entitlement sheet {number + 1:,} of {len(documents):,}: {item.name}")
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)  # point sizes at the device's resolution
        doc.setDocumentMargin(0)
        doc.setDefaultFont(_font(item.points))
        for url, image in item.images.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        doc.setHtml(item.html)
        doc.setPageSize(body.size())
        scale = 1.0
        while item.fit and doc.pageCount() > 1 and scale > MIN_FIT:
            scale -= 0.025  # lay out on a larger page, then paint it smaller
            doc.setPageSize(body.size() / scale)
        if doc.pageCount() > 1 and scale < 1:  # too long for one page even shrunk: two pages in full size
            scale = 1.0
            doc.setPageSize(body.size())
        pages = doc.pageCount()
        for page in range(pages):
            if number or page:
                device.newPage()
            total += 1
            if item.draft:
                _draft_mark(painter, width, height)
            painter.setFont(small)
            painter.setPen(QColor(palette.PAPER_INK))
            painter.drawText(QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignLeft, item.header)
            painter.drawText(QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignRight, "Entitlement Explorer")
            painter.drawLine(0, int(line * 1.3), int(width), int(line * 1.3))
            bottom = height - line
            painter.drawText(QRectF(0, bottom, width, line), Qt.AlignmentFlag.AlignLeft, item.name)
            painter.drawText(QRectF(0, bottom, width, line), Qt.AlignmentFlag.AlignRight, f"Page {page + 1} of {pages}")
            painter.save()
            painter.translate(0, header)
            painter.scale(scale, scale)
            page_height = body.height() / scale
            painter.translate(0, -page * page_height)
            doc.drawContents(painter, QRectF(0, page * page_height, body.width() / scale, page_height))
            painter.restore()
    return total


def write_pdf(
    sheets: Sequence[CustomerSheet],
    target: Path | str,
    inputs: Sequence[Path | str] = (),
    paper: str | None = None,
    internal: bool = False,
    cancel: CancelToken = NEVER,
    progress: Progress | None = None,
) -> Path:
    """The sheets as one PDF, written atomically (``internal``: with the book's findings, for the account
    team rather than the customer); raises OutputError with a one-line message, Cancelled (leaving no file)
    when ``cancel`` is set."""
    ensure_app()
    return write_pages(_SheetPages(sheets, internal), target, _title(sheets), inputs, paper, cancel, progress)


def _title(sheets: Sequence[CustomerSheet]) -> str:
    """The PDF's title: the customers' names, the first few of a long list (which is made as it is printed)."""
    shown = [sheets[i].name for i in range(min(3, len(sheets)))]
    more = f" and {len(sheets) - len(shown):,} more" if len(sheets) > len(shown) else ""
    return f"Entitlement sheet: {', '.join(shown)}{more}"


@heap.paused()  # each sheet is made as it is printed: its objects set off full collections that held the window
def write_pages(
    pages: Sequence[Page],
    target: Path | str,
    title: str,
    inputs: Sequence[Path | str] = (),
    paper: str | None = None,
    cancel: CancelToken = NEVER,
    progress: Progress | None = None,
) -> Path:
    """Pages as one PDF, written atomically; raises OutputError with a one-line message, Cancelled (leaving
    no file) when ``cancel`` is set."""
    ensure_app()
    layout = page_layout(paper)

    def write(path: Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(layout)
        writer.setTitle(title)
        writer.setCreator("Entitlement Explorer")
        render_pages(pages, writer, cancel, progress)

    return write_atomically(target, write, inputs)


def print_dialog(parent: QWidget, sheets: Sequence[CustomerSheet]) -> bool:
    """File > Print: the system's print dialog, then the sheets on the chosen printer. False if cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(f"Entitlement sheet: {', '.join(s.name for s in sheets)}")
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        render(sheets, printer)
    except OSError as exc:
        from explorer.gui import messages

        messages.error(parent, "Cannot print", f"The printer did not accept the pages: {exc.strerror or exc}.")
        return False
    return True
