"""The timeline reads right: the kickoff window above the mobilization, ended terms grey, each term labelled
with its program, the as-of line unlike a deadline, wrong dates named as such, the axis never cut."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QApplication

from explorer.gui import book_views, palette
from explorer.gui.main_window import MainWindow
from explorer.gui.timeline import _small, text_left


def near(colour: QColor, ink: str) -> bool:
    want = palette.ink_colour(ink)
    return max(abs(colour.red() - want.red()), abs(colour.green() - want.green()), abs(colour.blue() - want.blue())) < 24


def test_the_book_timeline_reads_right(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.pages.setCurrentIndex(3)
    qtbot.waitExposed(window.timeline.scroll_area)
    QApplication.processEvents()
    canvas = window.timeline.canvas
    rows = {r.label: i for i, r in enumerate(canvas.rows)}
    image = canvas.grab().toImage()
    height = canvas.row_height
    bar = height * 0.62
    # Cascade Capital (Premier Plus): its kickoff window shows on the upper lane, its mobilization below
    i = rows["Cascade Capital · Okta"]
    row = canvas.rows[i]
    kickoff = next(s for s in row.spans if s.kind == "kickoff")
    x = round(canvas.x_of(kickoff.start + (kickoff.end - kickoff.start) / 2))
    top = canvas.row_top(i)
    assert near(image.pixelColor(x, round(top + (height - bar) / 2 + 1)), "kickoff")
    assert near(image.pixelColor(x, round(top + (height + bar) / 2 - 2)), "mobilization")
    term = next(s for s in row.spans if s.kind == "term")
    assert term.text == "Premier Plus" and term.label.startswith("Premier Plus ")
    # an ended term is grey, a live one in the term's ink
    for label, ink in (("Alpine Games · Okta", "muted"), ("Adatum Hotels · Okta", "term")):
        j = rows[label]
        span = next(s for s in canvas.rows[j].spans if s.kind == "term")
        x = round(canvas.x_of(span.start)) + 2
        assert near(image.pixelColor(x, canvas.row_top(j) + height // 2 + round(bar / 2) - 4), ink), label
    # wrong dates are named as wrong, missing ones as missing
    assert canvas.rows[rows["Backwards Bank · Okta"]].note.startswith("dates invalid")
    # ... and the list, the pane and the Benefits tab say so too, not "Ended" on the end date it never reached
    window.go_to_customer("backwards bank")
    listed = window.customers.frame.set_index("key").loc["backwards bank", "Status"]
    assert listed == "Dates invalid" and "Dates invalid" in window.title.text()
    notice = window.benefits.tree.topLevelItem(0).child(0).text(0)
    assert notice.startswith("The term ends (2026-03-31) before it starts (2026-09-01)"), notice
    # its term end reads (the list shows it); its start is ambiguous, so the row names the start, not "no dates"
    note = canvas.rows[rows["Ambiguous Airlines · Okta"]].note
    assert note == "no term start: missing or unreadable (see Findings)"  # a start is never left open on purpose
    # the as-of line is not the deadline's red
    assert palette.ink("as_of") != palette.ink("deadline")
    # every month's label on the axis stays inside it
    axis = window.timeline.scroll_area.axis
    metrics = QFontMetricsF(_small(axis.font()))
    for day, label in canvas.ticks(metrics):
        rect = axis.tick_label_rect(canvas.x_of(day) - axis.offset, label, metrics)
        if canvas.x_of(day) - axis.offset <= axis.width():
            assert rect.left() >= 0 and rect.right() <= axis.width(), label


def test_a_large_books_rows_are_made_on_a_worker_and_drawn_the_same(window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.pages.setCurrentIndex(3)
    view, canvas = window.timeline, window.timeline.canvas
    at_once, key = [(r.label, r.spans, r.marks, r.key) for r in canvas.rows], view.legend.text()
    assert len(at_once) == len(window.session.book.contracts)
    monkeypatch.setattr(book_views, "SYNC_CONTRACTS", 10)  # the sample's book is now a large one
    view.fill(window.session)
    view.fill(window.session)  # again before the first was ready: the first is dropped
    assert canvas.rows == [] and view.legend.text() == f"Drawing {len(at_once):,} contracts…"
    qtbot.waitUntil(lambda: bool(canvas.rows), timeout=30_000)
    assert [(r.label, r.spans, r.marks, r.key) for r in canvas.rows] == at_once and view.legend.text() == key
    assert view.preparing.task is not None and not view.preparing.running


def test_a_bars_program_starts_clear_of_the_marks_over_it() -> None:
    """Birch Health's 'Premier Plus' read 'Premier ◆us' under its CSE-available diamond."""
    assert text_left(10, 200, 60, []) == 10
    assert text_left(10, 200, 60, [(40, 50)]) == 53  # a diamond where the text would be: just past it
    assert text_left(10, 200, 60, [(100, 110)]) == 10  # one further along the bar is not in the way
    assert text_left(10, 200, 60, [(80, 90), (40, 50)]) == 93  # past the second, met once past the first
    assert text_left(10, 200, 60, [(250, 260)]) == 10  # beyond the bar's end


def test_a_term_without_readable_dates_is_in_force_on_no_day(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Blank and unreadable term dates (errors in the book): the list, the header, the Benefits tab and the report
    say "Dates missing", tick nothing as included, and never call the term "In force"."""
    from explorer.gui.benefits_tab import INCLUDED
    from explorer.outputs.report.build import build_report

    from ..files import write_csv
    from .conftest import open_window

    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[
            ["Blank Dates Ltd", "Okta", "Premier", "", ""],
            ["Bad Dates Ltd", "Okta", "Premier", "soon", "later"],
            ["Half Dates Ltd", "Okta", "Premier", "2026-01-01", ""],
            ["Ok Ltd", "Okta", "Premier", "2026-01-01", "2026-12-31"],
        ],
    )
    window = open_window(qtbot, [str(book)])
    session = window.session
    report = build_report(session.book, session.catalog, session.as_of, session.sla).sheets["Contracts"]
    for key in ("blank dates ltd", "bad dates ltd", "half dates ltd", "ok ltd"):
        expected = "In force" if key == "ok ltd" else "Dates missing"
        window.go_to_customer(key)
        sheet = session.sheet(key)
        assert sheet is not None and sheet.state.label == expected, key
        assert window.customers.frame.set_index("key").loc[key, "Status"] == expected, key
        assert expected in window.title.text(), key
        top = window.benefits.tree.topLevelItem(0)
        assert top.text(1) == expected, key
        marks = [top.child(i).child(j).text(1) for i in range(top.childCount()) for j in range(top.child(i).childCount())]
        assert (INCLUDED in marks) == (key == "ok ltd"), key
        assert report.loc[report["Customer"] == sheet.name, "Status"].tolist() == [expected], key
        if key != "ok ltd":
            assert top.child(0).text(0).startswith("The term's start or end date is missing or unreadable"), key
            assert not sheet.in_force and not sheet.limits, key


def test_a_term_the_books_status_ended_early_is_drawn_to_that_day_and_one_that_never_ran_says_so(catalog) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from explorer import rules
    from explorer.gui.timeline import row_from_dates
    from explorer.model import Contract

    def row(contract: Contract):  # type: ignore[no-untyped-def]
        dates = [(k.role, k.addon, k.event, k.day) for k in rules.key_dates(catalog, contract, date(2026, 11, 28))]
        return row_from_dates(catalog, contract, "Okta", dates)

    term = Contract("N", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31), ended_on=date(2026, 6, 30))
    [bar] = [s for s in row(term).spans if s.kind == "term"]
    assert (bar.start, bar.end) == (date(2026, 1, 1), date(2026, 6, 30)) and "contracted to 2026-12-31" in bar.label
    lost = Contract("P", "okta", "okta-premier", date(2027, 1, 1), date(2027, 12, 31), ended_on=date(2026, 12, 31))
    drawn = row(lost)
    assert not drawn.spans and not drawn.marks and drawn.note.startswith("never ran")


def test_a_refused_initial_term_start_leaves_its_add_on_date_unknown_in_key_dates(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Hops BV's "Customer since" is later than its term start (an error): its CSE's availability is listed in the
    Key Dates tab as unknown, never left out or guessed."""
    from explorer.gui.main_window import CUSTOMER_TABS

    from ..files import write_csv
    from .conftest import open_window

    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Contract Start", "Contract End", "Customer since", "Dedicated CSE"],
        rows=[["Hops BV", "Okta", "Premier Plus", "2026-04-01", "2027-03-31", "2026-06-01", "Yes"]],
    )
    window = open_window(qtbot, [str(book)])
    window.go_to_customer("hops bv")
    window.tabs.setCurrentIndex(CUSTOMER_TABS.index("Key Dates"))
    model = window.key_dates.model
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [{columns[c]: model.index(r, c).data() for c in range(model.columnCount())} for r in range(model.rowCount())]
    unknown = [r for r in rows if r["Event"] == "CSE available"]
    assert [(r["Date"] or "", r["Status"]) for r in unknown] == [("", "Unknown (see Findings)")]
    assert rows[0]["Date"] == "2026-04-01"  # the dated ones as dates, with no time of day
    assert rows[-1]["Event"] == "CSE available"  # after the dated ones
    assert unknown[0]["Note"].startswith("The Initial Term Start was refused")


def test_a_blank_in_a_date_column_shows_no_time_of_day() -> None:
    from datetime import date, datetime

    from explorer.gui.tables import date_text

    assert date_text([date(2026, 4, 1), None]) == ["2026-04-01", ""]
    assert date_text([datetime(2026, 4, 1, 10, 30), None], with_time=True) == ["2026-04-01 10:30", ""]


def test_a_renewal_s_mobilization_is_drawn_once_on_its_first_term() -> None:
    # Every term of a renewed add-on counts from the initial term start: three lanes drew one period three times.
    from explorer.gui.timeline import Mark, Span, TimelineRow, drawn_once

    def lane(start: date, end: date) -> TimelineRow:
        spans = [
            Span(start, end, "term", "Premier Plus"),
            Span(date(2024, 1, 15), date(2024, 4, 14), "mobilization", "CSE mobilization period"),
        ]
        return TimelineRow("Okta", spans, [Mark(date(2024, 4, 14), "event", "CSE available: 2024-04-14")])

    first, second = drawn_once([lane(date(2024, 1, 15), date(2025, 1, 14)), lane(date(2025, 1, 15), date(2026, 1, 14))])
    assert [s.kind for s in first.spans] == ["term", "mobilization"] and len(first.marks) == 1
    assert [s.kind for s in second.spans] == ["term"] and second.marks == []
    other = TimelineRow("Auth0", list(lane(date(2024, 1, 15), date(2025, 1, 14)).spans))
    assert [s.kind for s in drawn_once([lane(date(2024, 1, 15), date(2025, 1, 14)), other])[1].spans] == ["term", "mobilization"]
