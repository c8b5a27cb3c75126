"""A term's last local day is the term's, whatever its UTC day: the term window and the lapsed action agree with
the case verdicts (probe8 #1: a Los Angeles case at 23:30 local on the last day is 06:30 UTC the day after); the
report's Actions and the renewal brief say the same of the case after the lapse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.app import periods
from explorer.app.renewal import brief_for
from explorer.app.session import open_session
from explorer.app.sheet import priorities_text
from explorer.model import customer_key
from explorer.outputs.renewal import brief_html
from explorer.outputs.report.build import build_report


def test_a_case_late_on_the_terms_last_local_day_counts_in_the_term(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Westco,Auth0,Enterprise,2026-02-01,2026-06-30,America/Los_Angeles,US\n",
        "utf-8",
    )
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case ID,Customer,Product,Priority,Opened (UTC),First Response (UTC)\n"
        "W1,Westco,Auth0,P3,2026-06-30 18:00:00,2026-06-30 20:00:00\n"
        "W2,Westco,Auth0,P3,2026-07-01 06:30:00,2026-07-01 08:00:00\n"  # 23:30 on June 30 in Los Angeles
        "W3,Westco,Auth0,P3,2026-07-02 18:00:00,2026-07-02 19:00:00\n",  # after the term
        "utf-8",
    )
    session = open_session([book, log], date(2026, 11, 28))
    assert session.sla is not None
    outcomes = dict(zip(session.sla.cases["case_id"], session.sla.cases["outcome"], strict=True))
    assert outcomes == {"W1": "Met", "W2": "Met", "W3": "No contract in force"}
    sheet = session.sheet(customer_key("Westco"))
    assert sheet is not None and sheet.cases is not None
    term = sheet.window(periods.TERM)
    assert term.label == "Last term (2026-02-01 – 2026-06-30)"  # ended: not "This term"
    assert sorted(term.cases(sheet.cases)["case_id"]) == ["W1", "W2"]
    report = build_report(session.book, session.catalog, session.as_of, session.sla, period=periods.TERM)
    compliance = report.sheets["Compliance"]
    assert compliance["Cases"].sum() == 2
    lapsed = report.sheets["Actions"]
    said = [w for w in lapsed["What to Do"] if "since the last term ended" in w]
    assert said == [
        "1 case opened since the last term ended on 2026-06-30: confirm the renewal or tell support the customer is "
        "no longer entitled."
    ]
    brief = brief_for(session, customer_key("Westco"))
    assert brief is not None and brief.window.label == term.label
    assert "After the term: 1 case opened since the last term ended on 2026-06-30, under no contract." in brief_html(brief)


def test_a_product_not_renewed_keeps_its_cases_in_the_customers_term(tmp_path: Path) -> None:
    """Okta ended in June and was not renewed, Auth0 ran to December: the brief reviews both products' terms, so its
    compliance counts both products' cases, in force and once every term has ended (the brief left Okta's case out
    and called its own upgrade evidence's 'only case' none, hostile tryout 3)."""
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Lapsed Co,Okta,Premier,2025-01-01,2025-06-30,America/New_York,US\n"
        "Lapsed Co,Auth0,Enterprise,2025-01-01,2025-12-31,America/New_York,US\n",
        "utf-8",
    )
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case Number,Account Name,Product,Priority,Created,First Response\n"
        "L-1,Lapsed Co,Okta,P1,2025-05-02 10:00,2025-05-02 10:30\n"
        "L-5,Lapsed Co,Auth0,P2,2025-10-01 10:00,2025-10-01 23:30\n",
        "utf-8",
    )
    okta = "Okta 2025-01-01 – 2025-06-30"  # each product's part named: one span would hide that Okta's ended in June
    for as_of, label in (
        (date(2025, 11, 1), f"This term ({okta}; Auth0 2025-01-01 – 2025-11-01)"),
        (date(2026, 6, 1), f"Last term ({okta}; Auth0 2025-01-01 – 2025-12-31)"),
    ):
        session = open_session([book, log], as_of)
        sheet = session.sheet(customer_key("Lapsed Co"))
        assert sheet is not None and sheet.cases is not None
        window = sheet.window(periods.TERM)
        assert window.label == label and sorted(window.cases(sheet.cases)["case_id"]) == ["L-1", "L-5"]
        brief = brief_for(session, customer_key("Lapsed Co"))
        assert brief is not None and brief.by_priority is not None
        assert dict(zip(brief.by_priority["priority"], brief.by_priority["Cases"], strict=True)) == {1: 1, 2: 1}


def _lapse_book(tmp_path: Path) -> tuple[Path, Path]:
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Birch Labs,Okta,Premier,2025-07-01,2026-06-30,America/New_York,US\n"
        "Birch Labs,Auth0,Enterprise,2026-01-01,2026-12-31,America/New_York,US\n"
        "Gap Co,Okta,Premier,2025-01-01,2025-12-31,America/New_York,US\n"
        "Gap Co,Okta,Premier,2026-10-01,2027-09-30,America/New_York,US\n",
        "utf-8",
    )
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case Number,Account Name,Product,Priority,Created,First Response\n"
        "B-1,Birch Labs,Okta,P1,2026-05-10 10:00,2026-05-10 10:20\n"
        "B-2,Birch Labs,Okta,P1,2026-08-10 10:00,2026-08-10 10:20\n"  # Okta ended in June, not renewed
        "B-3,Birch Labs,Auth0,P2,2026-08-11 10:00,2026-08-11 11:00\n"
        "G-1,Gap Co,Okta,P2,2026-03-11 10:00,2026-03-11 11:00\n",  # between terms, the next one booked: no lapse
        "utf-8",
    )
    return book, log


def test_a_product_not_renewed_with_cases_after_it_is_a_lapse_beside_a_product_in_force(tmp_path: Path) -> None:
    """Okta ended in June and nothing of it runs or is booked, Auth0 is in force: Okta's case in August was only a
    warning (trust tryout 3); the report's Actions and the brief now say it, naming the product, in one sentence."""
    book, log = _lapse_book(tmp_path)
    session = open_session([book, log], date(2026, 9, 1))
    sheet = session.sheet(customer_key("Birch Labs"))
    assert sheet is not None
    said = "1 Okta case opened since the last Okta term ended on 2026-06-30"
    assert [(lapse.product, lapse.cases, lapse.text) for lapse in sheet.lapses] == [("Okta", 1, said)]
    report = build_report(session.book, session.catalog, session.as_of, session.sla, period=periods.TERM)
    actions = report.sheets["Actions"]
    lapsed = actions[actions["Issue"] == "Lapsed with cases"]
    assert lapsed[["Customer", "Product"]].values.tolist() == [["Birch Labs", "Okta"]]  # Gap Co's next term is booked
    assert lapsed["What to Do"].tolist() == [
        f"{said}: confirm the renewal or tell support the customer is no longer entitled to Okta."
    ]
    brief = brief_for(session, customer_key("Birch Labs"))
    assert brief is not None
    assert (
        f"After the term: {said}, under no contract.</span> Confirm the renewal or tell support the customer is no "
        "longer entitled to Okta.</p>"
    ) in brief_html(brief)
    # Before Okta's end nothing has lapsed; once Auth0 ends too, each product's lapse is its own.
    assert open_session([book, log], date(2026, 6, 1)).sheet(customer_key("Birch Labs")).lapses == []  # type: ignore[union-attr]
    later = open_session([book, log], date(2027, 2, 1)).sheet(customer_key("Birch Labs"))
    assert later is not None and [(lapse.product, lapse.cases) for lapse in later.lapses] == [("Okta", 1)]


def test_a_case_naming_no_product_counts_once_every_term_has_ended(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\nCedar Co,Okta,Premier,2025-01-01,2025-12-31,America/New_York,US\n",
        "utf-8",
    )
    log = tmp_path / "cases.csv"
    log.write_text(
        "Case Number,Account Name,Product,Priority,Created,First Response\n"
        "C-1,Cedar Co,Okta,P2,2026-03-11 10:00,2026-03-11 11:00\n"
        "C-2,Cedar Co,,P2,2026-03-12 10:00,2026-03-12 11:00\n",
        "utf-8",
    )
    sheet = open_session([book, log], date(2026, 9, 1)).sheet(customer_key("Cedar Co"))
    assert sheet is not None
    # one product: the product is not said, and a case of no product is counted in its lapse, one line
    assert [(lapse.product, lapse.text) for lapse in sheet.lapses] == [
        ("Okta", "2 cases opened since the last term ended on 2025-12-31")
    ]


def test_priorities_are_said_as_a_run_or_a_list() -> None:
    assert priorities_text([1]) == "P1"
    assert priorities_text([4, 2, 3]) == "P2–P4"
    assert priorities_text([2, 3]) == "P2, P3"
    assert priorities_text([1, 3]) == "P1, P3"  # not "P1–P3": P2 runs on another clock


def test_an_upgrades_term_end_is_listed_once(tmp_path: Path) -> None:
    """An upgrade mid-term ends with the term it replaces: the brief listed 'Term end 2026-12-31 Superseded' beside
    'Term end 2026-12-31 Due soon', the sheet two 'Term end Upcoming' before the upgrade began (tryout 9). Once
    in every view; the calendar still cancels the replaced row's events."""
    from explorer.outputs.calendar import build_calendar

    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Contoso,Okta,Premier,2026-01-01,2026-12-31,America/New_York,US\n"
        "Contoso,Okta,Premier Plus,2026-07-01,2026-12-31,America/New_York,US\n",
        "utf-8",
    )
    for day, status in ((date(2026, 6, 15), "Upcoming"), (date(2026, 12, 7), "Due soon")):
        session = open_session([book], day)
        sheet = session.sheet(customer_key("Contoso"))
        assert sheet is not None
        ends = [d for d in sheet.dates if d.date.event == "Term end"]
        assert [(d.date.day, d.status) for d in ends] == [(date(2026, 12, 31), status)], day
        assert len([d for d in sheet.all_dates if d.date.event == "Term end"]) == 2
        report = build_report(session.book, session.catalog, session.as_of, session.sla)
        key_dates = report.sheets["Key Dates"]
        assert (key_dates["Event"] == "Term end").sum() == 1
    calendar = build_calendar([sheet]).decode()
    assert calendar.count("STATUS:CANCELLED") >= 1  # the replaced row's events, held by an export before July
