"""One truth per term: on every as-of day, every view and output says what the customer's sheet says.

The customer list (Overview), the report's Contracts, Key Dates, Named Contacts and Actions sheets, the
entitlement sheet's text, the calendar and the findings are each held to the CustomerSheet of the same
(customer, as-of moment), on the sample, a synthetic book and a history book built to break per-term rules.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from explorer import clock
from explorer.app import waiting
from explorer.app.book_sheets import session_sheets
from explorer.app.session import Session, open_session
from explorer.app.sheet import CustomerSheet
from explorer.app.view_model import colour_reasons
from explorer.model import Severity
from explorer.outputs.calendar import customer_events
from explorer.outputs.entitlement import EMPTY, TICK, sheet_html
from explorer.outputs.report.build import CHECK_THE_BOOK, build_report
from explorer.paths import resource_path
from explorer.rules import NOT_RENEWED, DateStatus
from tools import synth

from .books import contacts_book, history_book, multiselect_book, repeats_book, status_book

DAYS = [
    date(2024, 6, 1),
    date(2025, 6, 1),
    date(2025, 12, 20),
    date(2026, 3, 1),
    date(2026, 9, 1),
    date(2026, 11, 28),
    date(2027, 2, 1),
]


def sample_book(folder: Path) -> list[Path]:
    return [resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")]


def synthetic_book(folder: Path) -> list[Path]:
    book = synth.make_book(60, 600, seed=3)
    path = folder / "synthetic.xlsx"
    synth.write_xlsx(
        path,
        {
            "Contracts": (synth.CONTRACT_HEADERS, book.contracts),
            "Contacts": (synth.CONTACT_HEADERS, book.contacts),
            "Cases": (synth.CASE_HEADERS, book.cases),
        },
    )
    return [path]


BOOKS = {
    "sample": sample_book,
    "synthetic": synthetic_book,
    "history": history_book,
    "repeats": repeats_book,
    "status": status_book,
    "multiselect": multiselect_book,
    "contacts": contacts_book,
}


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


def check_customer(session: Session, sheet: CustomerSheet, report: dict[str, list[dict[str, object]]]) -> None:
    name, key = sheet.name, sheet.key
    row = session.overview.customers.set_index("key").loc[key]
    # the list row
    assert row["Status"] == sheet.state.label, name
    # each product's program in force, an ended one's not beside it (trust5 #6); none in force: the status's terms
    terms = sheet.in_force or [p.shown for p in sheet.products()]
    programs = [c.program_name if c.program_name.startswith(c.product) else f"{c.product} {c.program_name}" for c in terms]
    assert sorted(row["program list"]) == sorted({p.strip() for p in programs if p.strip()}), name
    assert bool(row["over_limit"]) == any(limit.over for limit in sheet.limits), name
    assert row["Findings"] == sum(f.severity is not Severity.INFO for f in sheet.findings), name
    assert bool(row["overdue"]) == any(d.overdue for d in sheet.dates), name
    assert bool(row["ended"]) == (not sheet.in_force and sheet.state.ended is not None and sheet.state.resumes is None), name
    # an ended customer: nothing limits anyone, nothing is ticked
    if row["ended"]:
        assert not sheet.limits and not any(line.flag for line in sheet.contacts), name
    # the limits of the terms in force only
    for limit in sheet.limits:
        assert any(limit.contract is c.contract for c in sheet.in_force), name
    flagged = {line.contact.name for line in sheet.contacts if line.flag}
    over = {c.name for limit in sheet.limits if limit.over for c in limit.named}
    outside = {c.name for limit in sheet.limits for c in limit.outside_region}
    assert flagged == over | outside, name
    # P1/P2 cases unanswered, past their due time (red) or still inside their target (amber): the list's counts and
    # colour, the header, the report's Actions (trust7 #3)
    cases = sheet.cases
    days = sheet.catalog.settings.recent_days
    late = [] if cases is None else waiting.past_due(cases, sheet.as_of, days)["case_id"].tolist()
    inside = [] if cases is None else waiting.inside_target(cases, sheet.as_of, days)["case_id"].tolist()
    assert (row["unanswered"], row["inside_target"]) == (len(late), len(inside)), name
    said = [r.text for r in colour_reasons(sheet) if r.tab == "SLA"]
    assert [t.split(" ")[2] for t in said] == [str(c) for c in late[:3] + inside[:3]], name
    acted = [r for r in report["Actions"] if r["Customer"] == name and str(r["Issue"]).startswith("Unanswered")]
    assert sorted(str(r["Where to Look"]) for r in acted) == sorted(f"Cases: {c}" for c in late + inside), name
    assert sum("past its due time" in str(r["What to Do"]) for r in acted) == len(late), name
    # the findings say the same: a warning per limit over, one per contact out of region
    words = [f.message for f in sheet.findings if f.severity is Severity.WARNING]
    assert sum("named contacts, but" in w for w in words) == sum(limit.over for limit in sheet.limits), name
    assert sum(", outside the " in w for w in words) == sum(len(limit.outside_region) for limit in sheet.limits), name

    # the report: one row per contract row, key date and contact, with the sheet's words
    mine = [r for r in report["Contracts"] if r["Customer"] == name]
    assert sorted(str(r["Status"]) for r in mine) == sorted(c.status_text for c in sheet.contracts), name
    statuses = sorted(str(r["Status"]) for r in report["Key Dates"] if r["Customer"] == name)
    assert statuses == sorted([d.status for d in sheet.dates] + [u.status for u in sheet.unknown_dates]), name
    named = {str(r["Name"]) for r in report["Named Contacts"] if r["Customer"] == name and r["Finding"]}
    assert named >= flagged, name  # every flagged contact carries its note (orphans aside, nobody else)
    assert not (named - flagged) or all(  # else only what the book says of the contact's own row
        "has no contract" in str(r["Finding"]) or "marked not named" in str(r["Finding"])
        for r in report["Named Contacts"]
        if r["Name"] in named - flagged
    )
    actions = [
        str(r["What to Do"]) for r in report["Actions"] if r["Customer"] == name and r["Issue"] == "Named contacts over limit"
    ]
    assert sorted(actions) == sorted(
        f"{limit.count} of {limit.limit} named contacts ({limit.option.label}): ask the customer which "
        f"{limit.count - limit.limit} to drop, or offer a larger option."
        for limit in sheet.limits
        if limit.over
    ), name
    overdue = [r for r in report["Actions"] if r["Customer"] == name and r["Issue"] == "Deadline overdue"]
    assert len(overdue) == sum(d.overdue for d in sheet.dates), name

    # the entitlement sheet
    page = text(sheet_html(sheet))
    # a term that never ran ends where the report's Contracts and the brief say: its contracted end, never the day
    # before its start that it runs until
    for p in sheet.products():
        c = p.shown.contract
        if c.never_ran and c.term_end is not None:
            ended = [r["Term End"] for r in mine if r["Status"] == "Never ran" and r["Term Start"] == c.term_start]
            assert c.term_end in ended and f"{c.term_end:%Y-%m-%d} (never ran)" in page, name
            assert c.ended_on is not None and f"{c.ended_on:%Y-%m-%d}" not in page, name
    # each add-on says its own renewal; the deadline is Renewed only where the next term keeps every add-on
    shown = {id(p.shown) for p in sheet.products()}  # the sheet's Add-ons table: the term it shows per product
    for c in sheet.contracts:
        deadline = next((d for d in c.dates if d.date.is_action), None)
        if deadline is None:
            continue
        said = [a.renewal for a in c.addons]
        if NOT_RENEWED in said:
            assert deadline.date.status is not DateStatus.RENEWED and "Not renewed" in deadline.date.note, name
        if deadline.date.status is DateStatus.RENEWED:
            assert said and all(s == "renewed" for s in said), name
        for a in c.addons if id(c) in shown else ():
            assert a.renewal_text(deadline) in page, name
    for limit in sheet.limits:
        assert f"{limit.count} of {limit.limit} named contacts" in page, name
    if row["ended"]:
        assert TICK not in page and EMPTY in page or "No program recognised" in page, name

    # the calendar: every dated key date is an event; an alarm only where something is still to do
    events = {e.uid: e for e in customer_events(sheet)}
    for line in sheet.dates:
        if line.date.is_action and line.superseded:  # a row an upgrade replaced: its deadline is cancelled, never due
            same = [e for e in events.values() if e.start == line.date.day and line.date.event in e.summary]
            live = any(not d.superseded and (d.date.day, d.date.event) == (line.date.day, line.date.event) for d in sheet.dates)
            assert live or (same and all(e.cancelled and e.alarm_days is None for e in same)), name
        elif line.date.is_action:
            event = next(e for e in events.values() if e.start == line.date.day and line.date.event in e.summary)
            # a reminder fires in real time, at the start of its day: none for a deadline due today or gone by,
            # whatever the as-of day
            to_do = line.date.status not in (DateStatus.DONE, DateStatus.RENEWED) and line.date.day > clock.today()
            assert (event.alarm_days is not None) == to_do, name


@pytest.mark.parametrize("book", sorted(BOOKS))
def test_every_view_agrees_with_the_sheet_on_every_day(book: str, tmp_path: Path) -> None:
    files = BOOKS[book](tmp_path)
    session = open_session(files, DAYS[0])
    for day in DAYS:
        session = session.with_as_of(day)
        sheets = session_sheets(session)
        data = build_report(session.book, session.catalog, day, session.sla, done=session.workspace.done_marks())
        report = {name: frame.to_dict("records") for name, frame in data.sheets.items()}
        for sheet in sheets.values():
            check_customer(session, sheet, report)


def test_history_book_answers_by_the_term_in_force(tmp_path: Path) -> None:
    """The hand-worked answers behind the history book (domain.md §5, §8)."""
    session = open_session(history_book(tmp_path), date(2026, 3, 1))

    def sheet(name: str, day: date) -> CustomerSheet:
        found = session.with_as_of(day).sheet(name.casefold())
        assert found is not None
        return found

    # a renewal keeping its CSE: one mobilization from the first term's start; its deadline settled
    renew = sheet("Renew Co", date(2026, 3, 1))
    available = [d.date.day for d in renew.dates if d.date.role == "addon_available"]
    assert available == [date(2025, 4, 1)]  # once, though both terms carry it (the report and calendar follow)
    listed = session.overview.key_dates
    assert len(listed[(listed["key"] == "renew co") & (listed["role"] == "addon_available")]) == 1  # the Upcoming page
    first, second = renew.contracts
    assert [d.status for d in first.dates if d.date.is_action] == ["Renewed"]
    assert [a.detail for a in second.addons] == ["Available since 2025-04-01"]
    assert [d.status for d in sheet("Renew Co", date(2026, 12, 20)).contracts[1].dates if d.date.is_action] == ["Overdue"]
    # a renewal that drops the MCSE does not settle the deadline: Overdue while the term runs, in every output
    dropped = sheet("Drop Co", date(2025, 12, 20))
    first = dropped.contracts[0]
    assert [d.status for d in first.dates if d.date.is_action] == ["Overdue"]
    assert [a.renewal_text(next(d for d in first.dates if d.date.is_action)) for a in first.addons] == [
        "2025-11-16, renewed",
        "2025-11-16, overdue; not renewed: the next term does not hold it",
    ]
    assert "50% Dedicated MCSE (5 named contacts) (Okta) 2025-04-01 2025-11-16, overdue; not renewed" in text(sheet_html(dropped))
    later = sheet("Drop Co", date(2026, 3, 1)).contracts[0]
    assert [d.status for d in later.dates if d.date.is_action] == ["Past"]
    # 50% -> 100% MCSE mid-year: 7 of 5 before the upgrade, 7 of 10 after
    assert [(x.count, x.limit, x.over) for x in sheet("Upgrade Co", date(2026, 3, 1)).limits] == [(7, 5, True)]
    assert [(x.count, x.limit, x.over) for x in sheet("Upgrade Co", date(2026, 9, 1)).limits] == [(7, 10, False)]
    # lapsed: no limit, nothing flagged; back without the add-on: still none
    assert sheet("Lapse Co", date(2025, 6, 1)).state.label == "Ended 2024-12-31; next term from 2026-01-01"
    assert not sheet("Lapse Co", date(2025, 6, 1)).limits and not sheet("Lapse Co", date(2026, 6, 1)).limits
    # the MCSE moved from EMEA to APAC: APAC contacts are in region now, out of region last year
    assert [len(x.outside_region) for x in sheet("Move Co", date(2026, 6, 1)).limits] == [0]
    assert [len(x.outside_region) for x in sheet("Move Co", date(2025, 6, 1)).limits] == [3]
    # an overlapping upgrade: the later row is in force from its start, the earlier one superseded, in every output
    for day, expected in (
        (date(2026, 3, 1), ["In force", "Not started"]),
        (date(2026, 9, 1), ["Superseded", "In force"]),
        (date(2027, 2, 1), ["Ended", "In force"]),
    ):
        overlap = sheet("Overlap Co", day)
        assert [c.status.value for c in overlap.contracts] == expected, day
        assert [c.program for c in overlap.in_force] == ["Premier" if day.month == 3 else "Premier Plus"], day
    # ... and what lay ahead on the replaced row is Superseded: its term end is no renewal to prepare
    replaced = sheet("Overlap Co", date(2026, 9, 1)).contracts[0]
    assert {(d.date.event, d.status) for d in replaced.dates if d.date.day >= date(2026, 9, 1)} == {("Term end", "Superseded")}
    line = sheet("Overlap Co", date(2026, 9, 1)).products()[0].line
    assert line == "Premier Plus from 2026-07-01; Premier 2026-01-01 – 2026-12-31 (superseded)"
    # a refused Initial Term Start derives nothing
    rejected = sheet("Rejected Co", date(2026, 3, 1))
    assert not [d for d in rejected.dates if d.date.role == "addon_available"]
    assert rejected.contracts[0].addons[0].detail.startswith("Available: unknown (see Findings")
    # ... and says so where its date would be: Key Dates (app and report) and the entitlement sheet
    assert [(u.event, u.status) for u in rejected.unknown_dates] == [("CSE available", "Unknown (see Findings)")]
    as_of = session.with_as_of(date(2026, 3, 1))
    data = build_report(as_of.book, as_of.catalog, date(2026, 3, 1), as_of.sla)
    rows = data.sheets["Key Dates"].query("Customer == 'Rejected Co' and Event == 'CSE available'")
    assert rows["Status"].tolist() == ["Unknown (see Findings)"] and rows["Date"].isna().all()
    page = text(sheet_html(rejected))
    assert "(CSE) (Okta) unknown (see Findings)" in page and "unknown Okta: CSE available Unknown (see Findings)" in page
    assert any(f.severity is Severity.ERROR and "Initial term start" in f.message for f in rejected.findings)


def test_a_done_mark_rejudges_its_customer_as_the_whole_book_would() -> None:
    """A tick re-judges one customer (Session.with_marks(key)); the list and Upcoming end as a full judgement would."""
    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2027, 1, 20))
    late = session.overview.key_dates[session.overview.key_dates["overdue"].astype(bool)]
    assert len(late) >= 2
    for _, row in late.head(2).iterrows():
        sheet = session.sheet(str(row["key"]))
        assert sheet is not None
        line = next(d for d in sheet.dates if d.overdue and d.date.event == row["event"])
        session.workspace.set_mark(line.key, done=True)
        quick, full = session.with_marks(line.key.customer).overview, session.with_marks().overview
        assert quick.key_dates.equals(full.key_dates)
        assert quick.customers.drop(columns="program list").equals(full.customers.drop(columns="program list"))
        session = session.with_marks(line.key.customer)
    assert sum(session.overview.key_dates["overdue"].astype(bool)) == len(late) - 2


def test_a_term_that_ends_before_it_starts_is_called_so_everywhere() -> None:
    """Backwards Bank's only term ends (2026-03-31) before it starts (2026-09-01): on no day is it "Ended" or
    "In force"; the list, the sheet, the report, the entitlement sheet and the history line all say its dates
    are invalid, and the book's error finding says why."""
    files = sample_book(Path())
    session = open_session(files, DAYS[0])
    for day in DAYS:
        session = session.with_as_of(day)
        sheet = session.sheet("backwards bank")
        assert sheet is not None
        assert sheet.state.label == "Dates invalid" and not sheet.in_force, day
        assert [c.status.value for c in sheet.contracts] == ["Dates invalid"], day
        assert session.overview.customers.set_index("key").loc["backwards bank", "Status"] == "Dates invalid", day
        page = text(sheet_html(sheet))
        assert "Dates invalid (check the book)" in page, day
        # not "starts 2026-09-01" of a term that never runs, on a day its key dates call that start Past
        assert "Okta Premier: dates invalid (see the findings): nothing is included" in page, day
        assert "Okta Premier starts" not in page, day
        data = build_report(session.book, session.catalog, day, session.sla, done=session.workspace.done_marks())
        contracts = data.sheets["Contracts"]
        assert contracts.loc[contracts["Customer"] == "Backwards Bank", "Status"].tolist() == ["Dates invalid"], day
        # its dates are marked as the calendar marks them "(check the book)" (probe8 E)
        notes = data.sheets["Key Dates"].loc[data.sheets["Key Dates"]["Customer"] == "Backwards Bank", "Note"]
        assert len(notes) and all(n.startswith(CHECK_THE_BOOK) for n in notes), day
        others = data.sheets["Key Dates"].loc[data.sheets["Key Dates"]["Customer"] != "Backwards Bank", "Note"]
        assert sum(str(n).startswith(CHECK_THE_BOOK) for n in others) < len(others) // 2, day
    assert any(f.severity is Severity.ERROR for f in sheet.findings)


def test_a_customer_between_terms_is_not_called_lapsed(tmp_path: Path) -> None:
    """Lapse Co's 2024 term ended; the book holds its 2026 return. In 2025 it has ended, but something lies ahead:
    the list shows the next term's start and does not grey it, and the header says it is between terms."""
    session = open_session(history_book(tmp_path), date(2025, 12, 20))
    sheet = session.sheet("lapse co")
    assert sheet is not None
    assert sheet.state.label == "Ended 2024-12-31; next term from 2026-01-01" and not sheet.state.lapsed
    row = session.overview.customers.set_index("key").loc["lapse co"]
    assert (row["Status"], row["Next Key Date text"], bool(row["ended"])) == (sheet.state.label, "2026-01-01", False)
    reasons = [r.text for r in colour_reasons(sheet)]
    assert "Between terms: Ended 2024-12-31; next term from 2026-01-01" in reasons
    assert not [r for r in reasons if r.startswith("Every term has ended")]
    later = session.with_as_of(date(2027, 6, 1)).sheet("lapse co")  # after its last term: lapsed, nothing ahead
    assert later is not None and later.state.lapsed and later.state.label == "Ended 2026-12-31"


def test_a_term_listed_twice_is_one_term_in_every_view(tmp_path: Path) -> None:
    """Kappa's 2025-26 term is on the FY25 and FY26 sheets, Zulu's on the master sheet and Jane's copy: each is
    one term, so the list, the Key Dates tab, the Upcoming page, the report and the calendar show each date once,
    and Zulu's renewal-request deadline, with no renewal in the book, is Overdue (not Renewed by its own copy)."""
    day = date(2026, 11, 28)
    session = open_session(repeats_book(tmp_path), day)
    assert len(session.book.contracts) == 5  # Kappa 3, Zulu 1, Yankee 1
    said = sorted(f.message for f in session.book.findings if "listed again" in f.message)
    same = "with the same tier, dates and add-ons; read once."
    assert said == [
        f"This Okta term (2025-07-01 – 2026-06-30) is listed again at FY26, row 2 {same}",
        f"This Okta term (2026-01-01 – 2026-12-31) is listed again at Jane, row 2 {same}",
    ]
    assert not [f for f in session.book.findings if "overlaps" in f.message]
    data = build_report(session.book, session.catalog, day, session.sla, done=session.workspace.done_marks())
    upcoming = session.overview.key_dates
    for name, terms in (("Kappa Ltd", 3), ("Zulu Ltd", 1)):
        sheet = session.sheet(name.casefold())
        assert sheet is not None
        assert len(sheet.contracts) == terms
        dates = [(d.date.day, d.date.event, d.status) for d in sheet.dates]
        assert len(dates) == len(set(dates)), name
        report = data.sheets["Key Dates"]
        rows = report[report["Customer"] == name]
        assert sorted(zip(rows["Date"], rows["Event"], rows["Status"], strict=True)) == sorted(dates), name
        assert len(data.sheets["Contracts"].query("Customer == @name")) == terms, name
        assert len(upcoming[upcoming["key"] == sheet.key]) == len(dates), name  # the Upcoming page
        events = customer_events(sheet)
        assert len({(e.summary, e.start) for e in events}) == len(events), name
        shown = [(d, event.split(" (")[0]) for d, event, _ in dates]  # the kickoff's earliest and latest are one window
        assert all(any(e.start <= d <= e.end and event in e.summary for e in events) for d, event in shown), name
    zulu = session.sheet("zulu ltd")
    assert zulu is not None
    deadline = [d.status for d in zulu.dates if d.date.is_action]
    assert deadline == ["Overdue"]


def test_a_status_that_ends_a_term_early_or_says_it_never_ran_is_read_everywhere(tmp_path: Path) -> None:
    """A Status column's words (catalog [term_status]): Terminated with a date inside the term ends it then, Lost and
    Cancelled with no date never ran, Churned with no date and Active words change nothing."""
    day = date(2026, 11, 28)
    session = open_session(status_book(tmp_path), day)
    data = build_report(session.book, session.catalog, day, session.sla, done=session.workspace.done_marks())
    contracts, key_dates = data.sheets["Contracts"], data.sheets["Key Dates"]

    def sheet(name: str) -> CustomerSheet:
        found = session.sheet(name.casefold())
        assert found is not None
        return found

    def warned(name: str) -> list[str]:
        return [f.message for f in sheet(name).findings if f.severity is Severity.WARNING and "Status" in f.message]

    # Terminated on 2026-06-30: ended then (its contracted end still shown), its deadline after it gone, not Overdue
    november = sheet("November Inc")
    assert november.state.label == "Ended 2026-06-30" and not november.in_force and not november.limits
    assert [c.contract.term_end for c in november.contracts] == [date(2026, 12, 31)]
    assert november.term_span == (date(2026, 1, 1), date(2026, 6, 30))  # "this term" windows end with it
    # one day it ended, in the list, the report and the sheet a customer receives (the sheet said its contracted end)
    assert contracts.loc[contracts["Customer"] == "November Inc", "Status"].tolist() == ["Ended 2026-06-30"]
    html = sheet_html(november)
    assert "ended 2026-06-30: nothing is included" in html and "2026-06-30 (contracted to 2026-12-31)" in html
    assert "ended 2026-12-31" not in html
    ended = [d for d in november.dates if d.date.event == "Term ended early"]  # a key date everywhere dates are listed
    assert [(d.date.day, d.date.status.value) for d in ended] == [(date(2026, 6, 30), "Past")]
    assert [str(d) for d in key_dates.loc[key_dates["Event"] == "Term ended early", "Date"]] == ["2026-06-30"]
    assert not any(d.overdue for d in november.dates) and max(d.date.day for d in november.dates) <= date(2026, 6, 30)
    assert session.overview.customers.set_index("key").loc["november inc", "Status"] == "Ended 2026-06-30"
    # no deadline after the end; its case after the end is a lapse from the day it ended, not its contracted end
    assert [
        (r["Issue"], r["What to Do"].split(":")[0])
        for r in data.sheets["Actions"].to_dict("records")
        if r["Customer"] == "November Inc"
    ] == [("Lapsed with cases", "1 case opened since the last term ended on 2026-06-30")]
    assert warned("November Inc") == [
        "Status 'Terminated' and Termination Date 2026-06-30: the term ends on 2026-06-30, not at its contracted end "
        "(2026-12-31); no key date after it is scheduled and cases opened after it have no contract."
    ]
    cases = november.cases
    assert cases is not None
    outcomes = dict(zip(cases["case_id"], cases["outcome"], strict=True))
    assert outcomes["N-2"] == "No contract in force" and outcomes["N-1"] != "No contract in force"
    # a lost renewal never ran: listed with its status, no key date of it, and it settles nothing
    papa = sheet("Papa Co")
    assert [c.status.value for c in papa.contracts] == ["In force", "Never ran"]
    assert not papa.contracts[1].dates and not [d for d in papa.dates if d.date.day >= date(2027, 1, 1)]
    assert [d.status for d in papa.dates if d.date.is_action] == ["Overdue"]  # not Renewed by a lost renewal
    assert sorted(contracts.loc[contracts["Customer"] == "Papa Co", "Status"]) == ["In force", "Never ran"]
    assert len(key_dates[key_dates["Customer"] == "Papa Co"]) == len(papa.dates)
    assert papa.products()[0].line == "Premier Plus from 2026-01-01; Premier Plus 2027-01-01 – 2027-12-31 (never ran)"
    assert len(warned("Papa Co")) == 1 and "never ran" in warned("Papa Co")[0]
    # a cancelled order alone: the customer never ran, in the list too
    quebec = sheet("Quebec Ltd")
    assert quebec.state.label == "Never ran" and not quebec.dates and not quebec.in_force
    # its sheet printed 'Ends 2026-02-28', the day before its start; the report says its contracted end
    assert "2027-02-28 (never ran)" in sheet_html(quebec) and "2026-02-28" not in sheet_html(quebec)
    assert [str(d) for d in contracts.loc[contracts["Customer"] == "Quebec Ltd", "Term End"]] == ["2027-02-28"]
    # its brief said 'No other program of its products to compare with', false for Okta Premier
    from explorer.app.renewal import brief_for
    from explorer.outputs.renewal import brief_html

    brief = brief_for(session, "quebec ltd")
    assert brief is not None and not brief.evidence
    page = text(brief_html(brief, chart=False))
    assert "The term never ran, so there is nothing to compare." in page and "No other program" not in page
    assert session.overview.customers.set_index("key").loc["quebec ltd", "Status"] == "Never ran"
    # churned after its term ended, and an active word: as the dates say, with no warning
    assert sheet("Oscar SARL").state.label == "Ended 2025-12-31" and not warned("Oscar SARL")
    assert sheet("Romeo SA").state.label == "In force" and not warned("Romeo SA")


def test_how_late_a_breach_is_has_one_answer_in_the_brief_the_actions_and_explain() -> None:
    # The brief said 'Late by (on its clock) 1 h', the report's Actions 'answered 17 h late' and explain 'Margin: 17 h
    # late' for one case answered the next morning past a business-hours due time. All now say the result's figure.
    from explorer.app.renewal import brief_for
    from explorer.durations import duration
    from explorer.model import customer_key
    from explorer.outputs.renewal import brief_html
    from explorer.sla.explain import explain

    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 12, 6))
    cases = session.sla.cases
    late = cases[(cases["outcome"] == "Breached") & cases["first_response"].notna() & (cases["priority"] <= 2)]
    wall = (late["first_response"] - late["due"]).dt.total_seconds() / 60
    parted = late[wall - late["late_minutes"] >= 60]
    assert len(parted) >= 1  # the sample holds breaches where wall time and the clock part
    report = build_report(session.book, session.catalog, date(2026, 12, 6), session.sla).sheets["Actions"]
    actions = [str(a) for a in report["What to Do"]]
    briefed = acted = 0
    for _, r in parted.iterrows():
        minutes = float(r["late_minutes"])
        margin = [
            line
            for line in explain(session.book, session.catalog, session.sla, str(r["case_id"])).lines
            if line.startswith("Margin: ")
        ]
        assert margin[0].startswith(f"Margin: {duration(minutes)} late on its clock (answered ")
        said = [a for a in actions if f"case {r['case_id']} answered " in a]
        assert not said or f"answered {duration(minutes)} late on its clock" in said[0]
        acted += bool(said)
        brief = brief_for(session, customer_key(str(r["customer"])))
        if brief is not None and r["case_id"] in set(brief.breaches["case_id"].head(5)):
            (row,) = [tr for tr in brief_html(brief, chart=False).split("<tr>") if tr.startswith(f"<td>{r['case_id']}</td>")]
            assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[-1] == duration(minutes)
            briefed += 1
    assert briefed and acted


BOOKED_ROWS = [
    # an upgrade already signed: Basic to the end of 2026, Premier booked from 2027-01-01
    ["Booked Co", "Okta", "Basic", "2026-01-01", "2026-12-31", "", "AMER", "America/New_York", "", ""],
    ["Booked Co", "Okta", "Premier", "2027-01-01", "2027-12-31", "", "AMER", "America/New_York", "", ""],
    # a renewal booked two days ahead: its start and kickoff are due soon
    ["Renewed Co", "Okta", "Premier Plus", "2025-12-01", "2026-11-30", "", "AMER", "America/New_York", "yes", ""],
    ["Renewed Co", "Okta", "Premier Plus", "2026-12-01", "2027-11-30", "", "AMER", "America/New_York", "yes", ""],
    # two steps up booked: Premier to the end of 2026, Premier Plus from 2027-01-01 (the next program up is between)
    ["Leaping Co", "Okta", "Premier", "2026-01-01", "2026-12-31", "", "AMER", "America/New_York", "", ""],
    ["Leaping Co", "Okta", "Premier Plus", "2027-01-01", "2027-12-31", "", "AMER", "America/New_York", "", ""],
]


def test_a_booked_next_term_is_in_the_brief_and_the_sheet_as_in_the_report(tmp_path: Path) -> None:
    # The brief listed only '2026-11-30 Term end' while the report's Key Dates marked the next term's start and
    # kickoff Due soon, and argued for Premier with Premier booked from 2027-01-01; the sheet said nothing of either.
    from explorer.app.renewal import brief_for
    from explorer.outputs.renewal import brief_html

    from ..files import write_csv
    from .books import CONTRACT_HEADER

    day = date(2026, 11, 28)
    session = open_session([write_csv(tmp_path / "booked.csv", header=CONTRACT_HEADER, rows=BOOKED_ROWS)], day)
    key_dates = build_report(session.book, session.catalog, day, session.sla).sheets["Key Dates"]
    for name, booked in (
        ("Booked Co", "Okta: next term from 2027-01-01: Premier (to 2027-12-31)"),
        ("Renewed Co", "Okta: next term from 2026-12-01: Premier Plus (to 2027-11-30)"),
    ):
        brief = brief_for(session, name.casefold())
        assert brief is not None
        mine = key_dates[key_dates["Customer"] == name]
        ahead = mine[(mine["Date"] >= day) | (mine["Status"] == "Overdue")]
        said = [(d.date.day, d.date.event, d.status) for d in brief.dates_ahead]
        assert said == list(zip(ahead["Date"], ahead["Event"], ahead["Status"], strict=True)), name
        assert brief.booked == [booked], name
        page = text(brief_html(brief, chart=False))
        assert f"Booked: {booked}" in page, name
        sheet = session.sheet(name.casefold())
        assert sheet is not None and f"{booked}." in text(sheet_html(sheet)), name
    renewed = brief_for(session, "renewed co")
    assert renewed is not None
    soon = [(f"{d.date.day}", d.date.event) for d in renewed.dates_ahead if d.due_soon]
    assert ("2026-12-01", "Term start") in soon and ("2026-12-15", "Success kickoff (earliest)") in soon
    assert "2026-12-15 Okta: Success kickoff (earliest) Due soon" in text(sheet_html(renewed.sheet))
    # the brief does not argue for the program the book already holds ahead
    upgraded = brief_for(session, "booked co")
    assert upgraded is not None and not [c for c in upgraded.evidence if c.other.name == "Premier"]
    page = text(brief_html(upgraded, chart=False))
    assert "Okta: Premier is already booked from 2027-01-01 (the next term): nothing to argue for." in page
    assert "Would add" not in page
    # nor for an upgrade short of the program booked (GUI tryout 3: it argued for Premier Access, Premier Plus booked)
    leaping = brief_for(session, "leaping co")
    assert leaping is not None and leaping.evidence == []
    page = text(brief_html(leaping, chart=False))
    assert "Okta: Premier Plus, above Premier Access, is already booked from 2027-01-01 (the next term)" in page
    assert "Would add" not in page


def test_a_contact_the_row_lists_and_the_crm_unmarks_is_counted_and_warned_everywhere(tmp_path: Path) -> None:
    """Cy is FALSE on the contacts sheet's Support Contact checkbox but written on the renewal row's Named contacts
    cell (trust5 #2): the two sources disagree, a warning names each place, the row's listing wins, and the report,
    the entitlement sheet, the brief and the app all count 7 of 10 (it was 6 of 10, Cy silently 'No')."""
    from explorer.app.renewal import brief_for
    from explorer.app.view_model import tab_titles
    from explorer.outputs.renewal import brief_html

    day = date(2026, 12, 15)
    session = open_session(contacts_book(tmp_path), day)
    warned = [f for f in session.book.findings if f.severity is Severity.WARNING and "marked not named" in f.message]
    assert [(f.message, f.source.describe(file=False), f.customer) for f in warned] == [
        (
            "Cy (cy@t.test) is marked not named at contacts.xlsx, Contacts, row 7, column 'Support Contact' but listed "
            "as a named contact at contacts.xlsx, Contracts, row 3, column 'Named contacts': counted as named, as the "
            "listing says; correct the one that is wrong.",
            "Contacts, row 7",
            "Tango Three",
        )
    ]
    sheet = session.sheet("tango three")
    assert sheet is not None
    assert [(x.count, x.limit) for x in sheet.limits] == [(7, 10)]
    said = "7 of 10 named contacts"
    assert said in text(sheet_html(sheet))
    brief = brief_for(session, "tango three", sheet=sheet)
    assert brief is not None and said in text(brief_html(brief, chart=False))
    assert tab_titles(sheet)["Named Contacts"] == "Named Contacts (7)"
    data = build_report(session.book, session.catalog, day, session.sla)
    contracts = data.sheets["Contracts"]
    assert contracts.loc[contracts["Term Start"] == date(2026, 12, 1), "Named Contacts"].tolist() == [7]
    people = data.sheets["Named Contacts"].set_index("Name")
    assert people.loc["Cy", "Named"] == "Yes" and "marked not named" in str(people.loc["Cy", "Finding"])
    assert people.loc["Hal", "Named"] == "No"  # marked no and listed nowhere: listed, not counted
    # the other repeats are the usual note, about the file and customer that hold them
    noted = [f for f in session.book.findings if "listed again" in f.message]
    assert [(f.message.split(" read ")[0], f.source.describe(), f.customer) for f in noted] == [
        ("2 named contacts of Tango Three", "contacts.xlsx, Contracts", "Tango Three")  # Al, on both rows
    ]


def test_an_add_on_renewed_with_another_option_is_changed_not_dropped(tmp_path: Path) -> None:
    """Upgrade Co's MCSE goes 50% -> 100% at its renewal (trust5 #5): the sheet, report and calendar read the add-on as
    kept (its deadline Renewed), and the brief said 'add-on added: 100% ...; add-on dropped: 50% ...'. It says the
    option changed, by the add-on's id."""
    from explorer.app.renewal import changes

    session = open_session(history_book(tmp_path), date(2026, 9, 1))
    sheet = session.sheet("upgrade co")
    assert sheet is not None
    first = sheet.contracts[0]
    assert [a.renewal for a in first.addons] == ["renewed"]
    assert [d.status for d in first.dates if d.date.is_action] == ["Renewed"]
    assert changes(sheet) == [
        "Okta: Premier Plus renewed; MCSE 50% → 100%; named-contact limit 5 → 10 (previous term 2026-01-01 – 2026-06-30)."
    ]
    dropped = session.with_as_of(date(2026, 3, 1)).sheet("drop co")  # a real drop still says so
    assert dropped is not None
    assert changes(dropped)[0].startswith("Okta: Premier Plus renewed; add-on dropped: 50% Dedicated MCSE (5 named contacts)")


def test_the_list_shows_the_program_in_force_not_an_ended_products(tmp_path: Path) -> None:
    """Sierra's Auth0 Enterprise ended 2026-11-30 and comes back as Premier from 2027-01-01; its Okta runs on (trust5
    #6). On 12-15 the list's Programs read 'Okta Premier · Auth0 Enterprise' beside 'In force', and the program filter
    found Sierra under Auth0 Enterprise."""
    from ..files import write_csv

    header = ["Customer", "Product", "Tier", "Start", "End", "Time Zone"]
    book = write_csv(
        tmp_path / "sierra.csv",
        header=header,
        rows=[
            ["Sierra Both", "Okta", "Basic", "2025-12-01", "2026-11-30", "Asia/Tokyo"],
            ["Sierra Both", "Okta", "Premier", "2026-12-01", "2027-11-30", "Asia/Tokyo"],
            ["Sierra Both", "Auth0", "Enterprise", "2025-12-01", "2026-11-30", "Asia/Tokyo"],
            ["Sierra Both", "Auth0", "Premier", "2027-01-01", "2027-12-31", "Asia/Tokyo"],
        ],
    )
    session = open_session([book], date(2026, 11, 30))
    for day, expected in (
        (date(2026, 11, 30), "Okta Basic · Auth0 Enterprise"),
        (date(2026, 12, 15), "Okta Premier"),
        (date(2027, 1, 1), "Okta Premier · Auth0 Premier"),
        (date(2028, 6, 1), "Okta Premier · Auth0 Premier"),  # every term ended: the last ones, by the status
    ):
        session = session.with_as_of(day)
        row = session.overview.customers.set_index("key").loc["sierra both"]
        assert row["Programs"] == expected, day
        sheet = session.sheet("sierra both")
        assert sheet is not None
        data = build_report(session.book, session.catalog, day, session.sla)
        check_customer(session, sheet, {name: frame.to_dict("records") for name, frame in data.sheets.items()})
