"""The key-date calendar: parsed back with icalendar, and the RFC 5545 details strict clients check."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from explorer import clock
from explorer.app.session import open_session
from explorer.catalog import default_catalog
from explorer.cli import main
from explorer.outputs.calendar import build_calendar
from explorer.outputs.customers import sheets_for
from explorer.paths import resource_path

AS_OF = "2026-11-28"
SAMPLE = str(resource_path("sample/contracts.xlsx"))
ON_THE_DAY = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)  # exported on the as-of day itself: reminders count from it


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[datetime]:
    """This module's present is its as-of day (the suite's is a week later)."""
    with clock.frozen(ON_THE_DAY):
        yield ON_THE_DAY


def events(path: Path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


@pytest.fixture(scope="module")
def birch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cal") / "birch.ics"
    with clock.frozen(ON_THE_DAY):  # a module fixture is made before the test's clock is set
        assert main(["calendar", "--sample", "--as-of", AS_OF, "--customer", "birch health", "-o", str(out)]) == 0
    return out


def test_every_key_date_is_an_all_day_event(birch: Path) -> None:
    found = events(birch)
    assert sorted(found) == sorted(
        f"Birch Health · Okta · {e}"
        for e in (
            "Term start",
            "Success kickoff window",
            "CSE available",
            "MCSE available",
            "Add-on renewal request deadline",
            "Term end",
        )
    )
    deadline = found["Birch Health · Okta · Add-on renewal request deadline"]
    assert deadline["DTSTART"].dt == date(2026, 12, 10) and deadline["DTEND"].dt == date(2026, 12, 11)
    assert "45 days before the Order Form end date" in str(deadline["DESCRIPTION"])
    assert "Okta — Premier Plus (2026-01-25 to 2027-01-24)" in str(deadline["DESCRIPTION"])  # the contract
    kickoff = found["Birch Health · Okta · Success kickoff window"]
    assert (kickoff["DTSTART"].dt, kickoff["DTEND"].dt) == (date(2026, 2, 8), date(2026, 2, 16))  # the 15th included
    # an alarm 14 days before the action deadline only
    alarms = {summary: [a["TRIGGER"].dt for a in e.walk("VALARM")] for summary, e in found.items()}
    # due 2026-12-10, 12 days after the as-of day: the 14-day reminder's day has passed, so it reminds tomorrow (at
    # the start of its day: one on today's would fire on import)
    assert alarms.pop("Birch Health · Okta · Add-on renewal request deadline") == [timedelta(days=-11)]
    assert all(not a for a in alarms.values())


def test_rfc5545_details_strict_clients_need(birch: Path) -> None:
    raw = birch.read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF, and only CRLF
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets...
    assert any(line.startswith(b" ") for line in lines)  # ...and long lines are folded
    text = raw.decode("utf-8")  # folding never splits a character
    assert text.count("BEGIN:VEVENT") == text.count("DTSTAMP:") == 6
    assert text.count("DTSTART;VALUE=DATE:") == text.count("DTEND;VALUE=DATE:") == 6
    assert "PRODID:-//Entitlement Explorer//" in text and "VERSION:2.0" in text
    assert "TRIGGER:-P11D" in text
    assert text.count("SEQUENCE:") == text.count("LAST-MODIFIED:") == 6


def test_uids_are_stable_and_unique(tmp_path: Path) -> None:
    first, second, later = tmp_path / "a.ics", tmp_path / "b.ics", tmp_path / "c.ics"
    assert main(["calendar", "--sample", "--as-of", AS_OF, "-o", str(first)]) == 0
    assert main(["calendar", "--sample", "--as-of", AS_OF, "-o", str(second)]) == 0
    assert main(["calendar", "--sample", "--as-of", "2027-02-01", "-o", str(later)]) == 0

    def uids(path: Path) -> list[str]:
        return [str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]

    assert uids(first) == uids(second) and len(set(uids(first))) == len(uids(first)) > 100
    assert set(uids(later)) == set(uids(first))  # another as-of day updates, never duplicates


def test_done_deadlines_lose_their_alarm_and_the_lead_is_a_setting() -> None:
    session = open_session([SAMPLE], date(2026, 11, 28))
    sheet = session.sheet("birch health")
    assert sheet is not None
    deadline = next(d for d in sheet.dates if d.date.role == "action_deadline")
    mark = session.workspace.set_mark(deadline.key, done=True)
    cal = Calendar.from_ical(build_calendar(sheets_for(session, ["Birch Health"])))
    assert not cal.walk("VALARM")
    # the day it was marked, as the app, the report and the sheet say it (domain.md §8)
    said = [str(e["DESCRIPTION"]) for e in cal.walk("VEVENT") if "Entitlement Explorer." in str(e["DESCRIPTION"])]
    assert mark.marked is not None and any(f"Done (marked {mark.marked:%Y-%m-%d}) in Entitlement Explorer." in d for d in said)
    session.workspace.set_mark(deadline.key, done=False)
    catalog = default_catalog()
    catalog = dataclasses.replace(catalog, settings=dataclasses.replace(catalog.settings, alarm_days=7))
    week = open_session([SAMPLE], date(2026, 11, 28), catalog)
    assert "TRIGGER:-P7D" in build_calendar(sheets_for(week, ["Birch Health"])).decode()


def test_a_done_mark_on_a_date_that_is_no_deadline_is_read_as_none() -> None:
    """Only a deadline has a Done box, but a hand-edited or older workspace may mark any date: the calendar said
    "Due soon in Entitlement Explorer." on a plain date that the report, the sheet and the app showed unmarked
    (trust tryout 4). The mark's done is dropped where the dates are judged, its note kept."""
    session = open_session([SAMPLE], date(2026, 11, 28))
    sheet = session.sheet("birch health")
    assert sheet is not None
    plain = next(d for d in sheet.dates if not d.date.is_action)
    session.workspace.set_mark(plain.key, done=True, note="asked on the call")
    (again,) = [d for d in session.sheet("birch health").dates if d.key == plain.key]  # type: ignore[union-attr]
    assert not again.mark.done and again.mark.note == "asked on the call" and again.status == plain.status
    cal = Calendar.from_ical(build_calendar(sheets_for(session, ["Birch Health"])))
    (event,) = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).endswith(plain.date.event)]
    assert "in Entitlement Explorer." not in str(event["DESCRIPTION"]) and "Note: asked on the call" in str(event["DESCRIPTION"])


def test_bad_requests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--sample", "--customer", "Nobody", "-o", str(tmp_path / "x.ics")]) == 2
    assert "no customer named 'Nobody'" in capsys.readouterr().err
    assert main(["calendar", "--sample", "-o", SAMPLE]) == 2  # never over an input file (no input is an .ics)
    assert "contracts.xlsx: 'explorer calendar' writes a .ics file" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


def test_same_book_twice_is_identical_and_a_moved_date_updates(tmp_path: Path) -> None:
    import os

    from ..files import write_csv

    header = ["Customer", "Product", "Tier", "Term Start", "Term End", "MCSE"]
    book = write_csv(
        tmp_path / "book.csv", rows=[["Acme", "Okta", "Premier Plus", "2026-01-15", "2027-01-14", "50%"]], header=header
    )
    os.utime(book, (1_790_000_000, 1_790_000_000))
    first, again, moved = tmp_path / "1.ics", tmp_path / "2.ics", tmp_path / "3.ics"
    for out in (first, again):
        assert main(["calendar", str(book), "--as-of", AS_OF, "-o", str(out)]) == 0
    assert first.read_bytes() == again.read_bytes()  # nothing changed: the same events, to the byte
    write_csv(book, rows=[["Acme", "Okta", "Premier Plus", "2026-01-15", "2027-03-14", "50%"]], header=header)
    os.utime(book, (1_790_086_400, 1_790_086_400))  # saved a day later with a later end
    assert main(["calendar", str(book), "--as-of", AS_OF, "-o", str(moved)]) == 0
    before, after = (events(p)["Acme · Okta · Term end"] for p in (first, moved))
    assert before["UID"] == after["UID"]  # the same event...
    assert after["DTSTART"].dt == date(2027, 3, 14) and before["DTSTART"].dt == date(2027, 1, 14)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])  # ...a newer version (Outlook, Google)
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt and after["DTSTAMP"].dt > before["DTSTAMP"].dt  # (Apple)


def test_no_alarm_in_the_past(tmp_path: Path) -> None:
    """Reminders fire in real time: they follow the day of the export, not the as-of day judged."""
    out = tmp_path / "late.ics"
    with clock.frozen(datetime(2026, 12, 20, 9, 0, tzinfo=UTC)):
        assert main(["calendar", "--sample", "--customer", "birch health", "-o", str(out)]) == 0
    deadline = events(out)["Birch Health · Okta · Add-on renewal request deadline"]
    assert deadline["DTSTART"].dt == date(2026, 12, 10) and not deadline.walk("VALARM")  # overdue: no reminder
    with clock.frozen(datetime(2026, 12, 7, 9, 0, tzinfo=UTC)):
        assert main(["calendar", "--sample", "--as-of", "2026-12-20", "--customer", "birch health", "-o", str(out)]) == 0
    deadline = events(out)["Birch Health · Okta · Add-on renewal request deadline"]
    assert [a["TRIGGER"].dt for a in deadline.walk("VALARM")] == [timedelta(days=-2)]  # three days left: tomorrow's start


def test_contracts_with_errors_are_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "errors.ics"
    assert main(["calendar", "--sample", "--as-of", AS_OF, "--customer", "Backwards Bank", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "2 key dates of contracts with errors are marked '(check the book)': Backwards Bank (2)" in said
    found = events(out)
    assert sorted(found) == [
        "Backwards Bank · Okta · Term end (check the book)",
        "Backwards Bank · Okta · Term start (check the book)",
    ]
    assert all("The term ends (2026-03-31) before it starts (2026-09-01)" in str(e["DESCRIPTION"]) for e in found.values())


def test_reminders_never_lie_in_the_past_whatever_the_as_of_day() -> None:
    """A reminder fires in real time: exported a week after the as-of day, the deadline of 2026-12-10 reminds
    3 days ahead, on 2026-12-07 (not 12, nor 4, which would have fired at the start of today: on import)."""
    with clock.frozen(datetime(2026, 12, 6, 9, 0, tzinfo=UTC)):
        session = open_session([SAMPLE], date(2026, 11, 28))
        text = build_calendar(sheets_for(session, ["Birch Health"])).decode()
    assert "TRIGGER:-P3D" in text and "TRIGGER:-P12D" not in text and "TRIGGER:-P4D" not in text


def test_ticking_and_unticking_a_deadline_updates_its_event_the_same_day(tmp_path: Path) -> None:
    """The book saved at 09:00, Done ticked at 11:00, then unticked at 15:00: each export's event is a newer version
    (a mark counted as midnight of its day was older than the book, and Outlook and Google kept the old copy)."""
    import os
    import shutil

    book = tmp_path / "contracts.xlsx"
    shutil.copy(SAMPLE, book)
    saved = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    os.utime(book, (saved.timestamp(), saved.timestamp()))
    versions = []
    with clock.frozen(saved):
        session = open_session([str(book)], date(2026, 11, 28))
    sheet = session.sheet("birch health")
    assert sheet is not None
    deadline = next(d for d in sheet.dates if d.date.role == "action_deadline")
    for hour, done in ((10, None), (11, True), (15, False)):
        with clock.frozen(datetime(2026, 12, 6, hour, 0, tzinfo=UTC)):
            if done is not None:
                session.workspace.set_mark(deadline.key, done=done)
            cal = Calendar.from_ical(build_calendar(sheets_for(session, ["Birch Health"])))
        versions.append(next(e for e in cal.walk("VEVENT") if "Add-on renewal request deadline" in str(e["SUMMARY"])))
    untouched, ticked, unticked = versions
    assert int(untouched["SEQUENCE"]) < int(ticked["SEQUENCE"]) < int(unticked["SEQUENCE"])
    assert ticked["LAST-MODIFIED"].dt == datetime(2026, 12, 6, 11, 0, tzinfo=UTC)
    assert not ticked.walk("VALARM") and unticked.walk("VALARM")  # the reminder comes back with the untick


def test_a_date_an_upgrade_supersedes_is_cancelled_in_the_next_export(tmp_path: Path) -> None:
    """Exported before an overlapping upgrade began, the old row's term end and renewal deadline are events; exported
    after, they come again as cancelled, with a higher SEQUENCE, so the calendar holding them updates (probe5)."""
    import os

    from ..files import write_csv

    header = ["Customer", "Product", "Tier", "Term Start", "Term End", "MCSE"]
    rows = [
        ["Upsize Co", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "50%"],
        ["Upsize Co", "Okta", "Premier Plus", "2026-06-01", "2027-05-31", "100%"],  # the upgrade, overlapping
    ]
    book = write_csv(tmp_path / "book.csv", rows=rows, header=header)
    os.utime(book, (1_777_000_000, 1_777_000_000))  # saved 2026-04-24
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    with clock.frozen(datetime(2026, 5, 15, 12, tzinfo=UTC)):
        assert main(["calendar", str(book), "-o", str(before)]) == 0
    with clock.frozen(datetime(2026, 6, 2, 12, tzinfo=UTC)):
        assert main(["calendar", str(book), "-o", str(after)]) == 0
    old = {str(e["UID"]): e for e in Calendar.from_ical(before.read_bytes()).walk("VEVENT")}
    new = {str(e["UID"]): e for e in Calendar.from_ical(after.read_bytes()).walk("VEVENT")}
    ended = [uid for uid, e in old.items() if e["DTSTART"].dt == date(2026, 12, 31)]
    assert len(ended) == 1 and str(old[ended[0]]["SUMMARY"]) == "Upsize Co · Okta · Term end"
    gone = new[ended[0]]
    assert str(gone["STATUS"]) == "CANCELLED" and str(gone["SUMMARY"]).endswith("(superseded)")
    assert int(gone["SEQUENCE"]) > int(old[ended[0]]["SEQUENCE"])
    assert not gone.walk("VALARM") and "the row in force from 2026-06-01 supersedes" in str(gone["DESCRIPTION"])
    assert all("STATUS" not in e for e in new.values() if not str(e["SUMMARY"]).endswith("(superseded)"))  # the rest live


def test_dates_a_status_cancels_are_cancelled_in_the_next_export(tmp_path: Path) -> None:
    """Exported before the book said so, a terminated term's later dates and a lost renewal's dates are events;
    after the book is saved with the status, they come again as cancelled with a higher SEQUENCE."""
    import os

    from ..files import write_csv

    header = ["Customer", "Product", "Tier", "Term Start", "Term End", "CSE", "Status", "Termination date"]
    before_rows = [
        ["November Inc", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "Yes", "Active", ""],
        ["Papa Co", "Okta", "Premier Access", "2027-01-01", "2027-12-31", "", "Proposal", ""],
    ]
    after_rows = [
        ["November Inc", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "Yes", "Terminated", "2026-06-30"],
        ["Papa Co", "Okta", "Premier Access", "2027-01-01", "2027-12-31", "", "Closed Lost", ""],
    ]
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    book = write_csv(tmp_path / "book.csv", rows=before_rows, header=header)
    os.utime(book, (1_777_000_000, 1_777_000_000))  # saved 2026-04-24
    with clock.frozen(datetime(2026, 5, 15, 12, tzinfo=UTC)):
        assert main(["calendar", str(book), "-o", str(before)]) == 0
    book = write_csv(tmp_path / "book.csv", rows=after_rows, header=header)
    os.utime(book, (1_780_000_000, 1_780_000_000))  # saved again 2026-05-28
    with clock.frozen(datetime(2026, 6, 2, 12, tzinfo=UTC)):
        assert main(["calendar", str(book), "-o", str(after)]) == 0
    old = {str(e["UID"]): e for e in Calendar.from_ical(before.read_bytes()).walk("VEVENT")}
    new = {str(e["UID"]): e for e in Calendar.from_ical(after.read_bytes()).walk("VEVENT")}
    assert set(old) <= set(new)  # nothing an earlier export holds is left behind
    cancelled = {str(old[uid]["SUMMARY"]) for uid, e in new.items() if str(e.get("STATUS", "")) == "CANCELLED"}
    assert cancelled == {
        "November Inc · Okta · Add-on renewal request deadline",
        "November Inc · Okta · Term end",
        "Papa Co · Okta · Term start",
        "Papa Co · Okta · Success kickoff window",
        "Papa Co · Okta · Term end",
    }
    for uid, e in new.items():
        if str(e.get("STATUS", "")) == "CANCELLED":
            assert int(e["SEQUENCE"]) > int(old[uid]["SEQUENCE"]) and not e.walk("VALARM")
            assert str(e["SUMMARY"]).endswith("(cancelled)")
    assert "the book says this term ended on 2026-06-30" in str(
        next(e for e in new.values() if str(e["SUMMARY"]) == "November Inc · Okta · Term end (cancelled)")["DESCRIPTION"]
    )
    ended = next(e for e in new.values() if str(e["SUMMARY"]) == "November Inc · Okta · Term ended early")  # the real end
    assert ended.decoded("DTSTART") == date(2026, 6, 30) and "contracted to 2026-12-31" in str(ended["DESCRIPTION"])
