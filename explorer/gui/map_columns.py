"""File → Map Columns…: say what a sheet's columns (and odd values) mean when the importer cannot tell.

Reads the chosen file on a worker thread (progress and Cancel in the dialog; a big
case log takes seconds), then shows the sheet's first 20 rows, lets the user pick the header row and the table kind,
gives each field a drop-down of the sheet's columns pre-filled with the importer's
guesses and their confidence, lists the columns kept but not used, and offers a
canonical value for each product, tier or priority spelling that does not normalise.
The result is a ColumnMapping (explorer.importing.mappings) the window saves and reloads with.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer import heap
from explorer.app.cancel import CancelToken
from explorer.catalog import Catalog
from explorer.gui import palette, plain
from explorer.gui.operations import Operations, Progress
from explorer.importing import mapper
from explorer.importing.headers import title
from explorer.importing.mappings import ColumnMapping
from explorer.importing.readers import Cell, RawSheet, iter_sheets
from explorer.importing.tables import SavedLookup
from explorer.importing.values import cell_text

NOT_USED = "(not used)"
Read = tuple[list[RawSheet], list[tuple[int, str]], dict[tuple[int, int, int], list[Cell]]]
AS_IT_IS = "(leave as it is)"


FIRST_READ_MS = 100  # after the first drawing (0 ms: held 129-154 ms, 50 ms: 43-62 ms, 100 ms: 44-56 ms)


DATE_ORDERS = (  # the dialog's choice of how a file writes dates: None leaves it to the file's own dates
    ("As the file's dates show", None),
    ("Day first (3 April)", True),
    ("Month first (March 4)", False),
)


class MapColumnsDialog(QDialog):
    """Signals: loaded() once the chosen file is read and shown; accept() leaves the mapping in ``mapping()``."""

    loaded = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        files: list[str],
        catalog: Catalog,
        saved: SavedLookup | None = None,
        file: str | None = None,
        sheet: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Map Columns")
        self.resize(960, 720)
        self.catalog, self.saved = catalog, saved
        self.sheets: list[RawSheet] = []
        self.starts: list[tuple[int, str]] = []  # each sheet's first header row and table kind
        self.distinct: dict[tuple[int, int, int], list[Cell]] = {}  # (sheet, header, column) -> its distinct cells
        self.ready = False  # the chosen file is read and shown
        self.proposal: mapper.Proposal | None = None
        self.file_box, self.sheet_box, self.kind_box = QComboBox(self), QComboBox(self), QComboBox(self)
        for name in files:
            self.file_box.addItem(Path(name).name, name)
        for spec in catalog.tables.values():
            self.kind_box.addItem(spec.label, spec.id)
        self.header_spin = QSpinBox(self)
        for widget, name in (
            (self.file_box, "File"),
            (self.sheet_box, "Sheet"),
            (self.kind_box, "Kind of table"),
            (self.header_spin, "Header row"),
        ):
            widget.setAccessibleName(name)
        self.header_spin.setMinimum(1)
        self.preview = QTableWidget(self)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setAccessibleName("Preview of the sheet")
        self.fields = QFormLayout()
        self.field_boxes: dict[str, QComboBox] = {}
        self.confidence: dict[str, QLabel] = {}
        self.field_notes: dict[str, QLabel] = {}  # a field the rules want but a product may do without: why
        self.unused = plain.label(QLabel(self))
        self.unused.setWordWrap(True)
        self.values = QFormLayout()
        # each value over its box: a long one (Odoo names a product at length) wraps in the panel's whole width, and
        # beside it pushed the boxes under the scroll bar
        self.values.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.value_boxes: dict[tuple[str, str], QComboBox] = {}
        self.hidden_box = QCheckBox("Read this hidden sheet", self)
        self.hidden_box.setToolTip("The workbook hides this sheet; it is read only when you ask")
        self.hidden_box.hide()  # until a hidden sheet is shown (_start_sheet)
        # how its nn/nn/yyyy dates are written, where no day over 12 tells (a mapping's dates = "day first")
        self.dates_box = QComboBox(self)
        for text, day_first in DATE_ORDERS:
            self.dates_box.addItem(text, day_first)
        self.dates_box.setAccessibleName("How the file writes dates")
        self.dates_box.setToolTip("Where every date could be read either way (03/04/2026), say which the file means")
        self.problem = plain.label(QLabel(self))
        self.problem.setStyleSheet(f"color: {palette.ink('error')}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton("Save and Read", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reading = QLabel(self)
        self.reading_bar = QProgressBar(self)
        self.reading_bar.setRange(0, 0)
        self.reading_bar.setAccessibleName("Reading the file")
        self.stop_button = QPushButton("Stop Reading", self)
        self.stop_button.setToolTip("Stop reading this file; pick another one")
        self.operations = Operations(self, self.reading.setText, self._set_busy, self._stopped)
        self.stop_button.clicked.connect(self._stop)
        self.finished.connect(self.operations.cancel)
        self._layout()
        self.sheet_box.currentIndexChanged.connect(self._start_sheet)
        self.header_spin.valueChanged.connect(self._propose)
        self.kind_box.currentIndexChanged.connect(self._propose)
        self._wanted_sheet = sheet  # the sheet to show first, once the file is read
        if file is not None and self.file_box.findData(file) >= 0:
            self.file_box.setCurrentIndex(self.file_box.findData(file))
        self.file_box.currentIndexChanged.connect(self._load_file)
        # The first read starts a little after the dialog has drawn itself (paintEvent). Started at once, the read's
        # budget scan (long pattern calls that hold the GIL) made each call into Python of the first drawing, the
        # dialog's and the window's behind it, wait: the window was held 117-171 ms on the 10k book, 44-62 ms so.
        self.ready, self._unread = False, True
        self._first_read = QTimer(self)  # started by the first paint; running, it is the read about to begin
        self._first_read.setSingleShot(True)
        self._first_read.setInterval(FIRST_READ_MS)
        self._first_read.timeout.connect(self._load_file)
        self.finished.connect(self._first_read.stop)  # closed before it ever read: it reads nothing
        self.reading.setText(f"Reading {Path(str(self.file_box.currentData())).name}…")
        self._set_busy(True)

    def _layout(self) -> None:
        top = QHBoxLayout()
        for text, widget in (
            ("File", self.file_box),
            ("Sheet", self.sheet_box),
            ("Header row", self.header_spin),
            ("Table", self.kind_box),
        ):
            top.addWidget(QLabel(text, self))
            top.addWidget(widget, 1)
        columns = QGroupBox("Columns: which column holds each field", self)
        inner = QVBoxLayout(columns)
        inner.addLayout(self.fields)
        inner.addWidget(self.unused)
        values = QGroupBox("Values the catalog does not know: what each one means", self)
        values.setLayout(self.values)
        # The fields scroll: a contracts table has twenty of them, and at 16 points the dialog could not shrink to a
        # laptop's screen, its Save and Cancel buttons below the screen's edge.
        choices = QWidget(self)
        lower_row = QHBoxLayout(choices)
        lower_row.setContentsMargins(0, 0, 0, 0)
        lower_row.addWidget(columns, 3)
        lower_row.addWidget(values, 2)
        lower = self.choices_area = QScrollArea(self)
        lower.setWidget(choices)
        lower.setWidgetResizable(True)
        lower.setFrameShape(QFrame.Shape.NoFrame)
        busy = QHBoxLayout()
        busy.addWidget(self.reading, 1)
        busy.addWidget(self.reading_bar)
        busy.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(busy)
        layout.addWidget(QLabel(f"The first {mapper.PREVIEW_ROWS} rows of the sheet (the header row is bold):", self))
        layout.addWidget(self.preview, 2)
        layout.addWidget(lower, 3)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("Dates such as 03/04/2026:", self))
        dates.addWidget(self.dates_box)
        dates.addStretch(1)
        layout.addLayout(dates)
        layout.addWidget(self.hidden_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    # -- what the user picks --------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._unread:
            self._unread = False
            self._first_read.start()  # the window behind draws again meanwhile

    def _stop(self) -> None:
        """Stop Reading: the read running, or the first one about to start."""
        if self._first_read.isActive():
            self._first_read.stop()
            self._set_busy(False)
            self._stopped()
        self.operations.cancel()

    def _load_file(self) -> None:
        """Read the chosen file in the background; the sheets show when it is read."""
        self.ready = False
        path = str(self.file_box.currentData())
        catalog, saved = self.catalog, self.saved

        def read(cancel: CancelToken, progress: Progress) -> Read:
            sheets, starts, distinct = [], [], {}
            with heap.long_lived():  # a big sheet's rows: see explorer.heap
                read_sheets = list(iter_sheets(path))
            for number, sheet in enumerate(read_sheets):
                cancel.check()
                progress(f"Reading {Path(path).name}: sheet '{sheet.name}'")
                sheets.append(sheet)
                header, kind = mapper.first_header(sheet, catalog, saved)
                starts.append((header, kind))
                for column in range(len(sheet.rows[header]) if sheet.rows else 0):  # what the first view asks
                    distinct[(number, header, column)] = mapper.distinct_cells(sheet, header, column)
            return sheets, starts, distinct

        self.operations.run(read, f"Reading {Path(path).name}…", self._show_file)

    def _show_file(self, read: Read) -> None:
        self.sheets, self.starts, self.distinct = read
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        for sheet in self.sheets:
            self.sheet_box.addItem(f"{sheet.name} ({sheet.hidden})" if sheet.hidden else sheet.name, sheet.name)
        if self._wanted_sheet is not None and self.sheet_box.findData(self._wanted_sheet) >= 0:
            self.sheet_box.setCurrentIndex(self.sheet_box.findData(self._wanted_sheet))
        self._wanted_sheet = None
        self.sheet_box.blockSignals(False)
        self._start_sheet()
        self.ready = True
        self.loaded.emit()

    def _distinct(self, column: int) -> list[Cell]:
        assert self.proposal is not None
        key = (max(0, self.sheet_box.currentIndex()), self.proposal.header_index, column)
        if key not in self.distinct:
            self.distinct[key] = mapper.distinct_cells(self.sheet, self.proposal.header_index, column)
        return self.distinct[key]

    def _set_busy(self, busy: bool) -> None:
        shown: tuple[QWidget, ...] = (self.reading, self.reading_bar, self.stop_button)
        for widget in shown:
            widget.setVisible(busy)
        inputs: tuple[QWidget, ...] = (self.sheet_box, self.header_spin, self.kind_box, self.save_button)
        for widget in inputs:
            widget.setEnabled(not busy)

    def _stopped(self) -> None:
        """Reading failed (a dialog said why) or was stopped: the dialog stays, for another file."""
        self.problem.setText(f"{Path(self.file).name} was not read; pick another file, or Cancel.")
        self.save_button.setEnabled(False)

    @property
    def sheet(self) -> RawSheet:
        return self.sheets[max(0, self.sheet_box.currentIndex())]

    def _start_sheet(self) -> None:
        sheet = self.sheet
        # A sheet named to be left alone ("Do not use - old") is read only when asked, as a hidden one is.
        aside = not sheet.hidden and self.catalog.set_aside(sheet.name) is not None
        self.hidden_box.setText("Read this sheet, whose name says to leave it alone" if aside else "Read this hidden sheet")
        self.hidden_box.setToolTip(
            "Its name says not to use it; it is read only when you ask"
            if aside
            else "The workbook hides this sheet; it is read only when you ask"
        )
        self.hidden_box.setVisible(bool(sheet.hidden) or aside)
        self.hidden_box.setChecked(bool(sheet.hidden) or aside)
        index, kind = self.starts[max(0, self.sheet_box.currentIndex())]
        for widget in (self.header_spin, self.kind_box):
            widget.blockSignals(True)
        self.header_spin.setMaximum(max(1, len(sheet.rows)))
        self.header_spin.setValue(index + 1)
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
        for widget in (self.header_spin, self.kind_box):
            widget.blockSignals(False)
        self._propose()

    def _propose(self) -> None:
        sheet = self.sheet
        index = min(self.header_spin.value() - 1, max(0, len(sheet.rows) - 1))
        self.proposal = mapper.propose(sheet, index, str(self.kind_box.currentData()), self.catalog, self.saved)
        saved = self.proposal.saved
        self.dates_box.setCurrentIndex([day_first for _, day_first in DATE_ORDERS].index(saved.day_first if saved else None))
        self._fill_preview(sheet, index)
        self._fill_fields()

    def _fill_preview(self, sheet: RawSheet, header: int) -> None:
        rows = sheet.rows[: mapper.PREVIEW_ROWS]
        width = max((len(r) for r in rows), default=0)
        self.preview.clear()
        self.preview.setRowCount(len(rows))
        self.preview.setColumnCount(width)
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(cell_text(value))
                if r == header:
                    item.setFont(bold)
                self.preview.setItem(r, c, item)

    def _fill_fields(self) -> None:
        proposal = self.proposal
        assert proposal is not None
        spec = self.catalog.tables[proposal.kind]
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.field_boxes.clear()
        self.confidence.clear()
        self.field_notes.clear()
        for name in spec.fields:
            box = QComboBox(self)
            box.setAccessibleName(f"Column for {title(name)}")
            box.addItem(NOT_USED, None)
            for column, header in sorted(proposal.headers.items()):
                box.addItem(header, column)
            if name in proposal.columns:
                box.setCurrentIndex(box.findData(proposal.columns[name]))
            sure = QLabel(proposal.confidence.get(name, ""), self)
            box.currentIndexChanged.connect(self._refresh)
            row = QHBoxLayout()
            row.addWidget(box, 1)
            row.addWidget(sure)
            needed = "*" if name in spec.required or name in spec.needed else ""
            self.fields.addRow(f"{title(name)}{needed}", row)
            self.field_boxes[name] = box
            self.confidence[name] = sure
            if note := mapper.field_note(self.catalog, proposal.kind, name):  # wanted, not starred: Auth0 defaults
                said = plain.label(QLabel(note, self))
                said.setWordWrap(True)
                said.setAccessibleName(f"{title(name)}: note")
                self.fields.addRow("", said)
                self.field_notes[name] = said
        self._refresh()

    def chosen(self) -> dict[str, int]:
        """Field -> column as the drop-downs say."""
        return {name: int(box.currentData()) for name, box in self.field_boxes.items() if box.currentData() is not None}

    def _refresh(self) -> None:
        proposal = self.proposal
        assert proposal is not None
        chosen = self.chosen()
        reads = mapper.chosen_reads(self.sheet, proposal, chosen, self.catalog)  # as `explorer map` says them
        unused = [h for c, h in sorted(proposal.headers.items()) if c not in chosen.values() and c not in reads]
        read = "".join(f"Read: {proposal.headers[c]} ({what})\n" for c, what in reads.items())
        self.unused.setText(read + "Kept, not used: " + (", ".join(unused) if unused else "none"))
        old = {key: box.currentText() for key, box in self.value_boxes.items()}  # kept across a column change
        self.value_boxes.clear()
        while self.values.rowCount():
            self.values.removeRow(0)
        known = dict(proposal.saved.values) if proposal.saved else {}
        odd = mapper.unknown_values(self.sheet, proposal.header_index, chosen, self.catalog, distinct=self._distinct)
        for name, texts in odd.items():
            for text in texts:
                box = QComboBox(self)
                box.setAccessibleName(f"{title(name)} '{text}' means")
                box.addItem(AS_IT_IS)
                box.addItems(mapper.canonical_values(self.catalog, name))
                pick = old.get((name, text)) or known.get(name, {}).get(text)
                if pick and box.findText(pick) >= 0:
                    box.setCurrentIndex(box.findText(pick))
                said = plain.label(QLabel(f"{title(name)} '{text}'", self))
                said.setWordWrap(True)
                self.values.addRow(said, box)
                self.value_boxes[(name, text)] = box
        if not odd:
            self.values.addRow(QLabel("Every product, tier and priority is known.", self))
        self.problem.setText(self._problem())
        self.save_button.setEnabled(not self.problem.text())

    def _problem(self) -> str:
        proposal = self.proposal
        assert proposal is not None
        spec = self.catalog.tables[proposal.kind]
        chosen = self.chosen()
        if len(set(chosen.values())) < len(chosen):
            return "Two fields use the same column; a column serves one field."
        unmet = spec.unmet(chosen)  # required, and needed by the rules (a contract's term dates)
        if unmet:
            return "Pick a column for each field marked *: " + ", ".join(title(r) for r in unmet)
        return ""

    # -- the result -----------------------------------------------------------------
    def mapping(self) -> ColumnMapping:
        proposal = self.proposal
        assert proposal is not None
        headers = proposal.headers
        values: dict[str, dict[str, str]] = {}
        for (name, text), box in self.value_boxes.items():
            if box.currentText() != AS_IT_IS:
                values.setdefault(name, {})[text] = box.currentText()
        hidden = set(proposal.saved.read_hidden) if proposal.saved else set()
        if self.hidden_box.isVisible() and self.hidden_box.isChecked():
            hidden.add(self.sheet.name)
        else:
            hidden.discard(self.sheet.name)
        return ColumnMapping(
            proposal.kind,
            tuple(headers[c] for c in sorted(headers)),
            {name: headers[c] for name, c in self.chosen().items()},
            values,
            tuple(sorted(hidden)),
            day_first=self.dates_box.currentData(),
        )

    @property
    def file(self) -> str:
        return str(self.file_box.currentData())
