"""Help-desk case logs as their tools write them: Dynamics 365, Zammad and HappyFox (tryout 6).

- Dynamics 365 Customer Service, a view of Cases exported to Excel: 'Created On', 'First Response By' (the SLA's
  due time of the first response, a KPI's failure time) and 'First Response Sent' (Yes/No); no time of the
  response itself.
- Zammad, its ticket export: Number, Priority ('1 low', '2 normal', '3 high'), Customer (the person who asked),
  Organization (their company), Created at, First response at, Escalation at, times written '... UTC'.
- HappyFox, its tickets export: Created On as 'Oct 05, 2026 02:00 PM', First Response Time as '0 hrs 45 mins',
  '20 mins', '1 day 3 hrs'; a Due Date beside it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from explorer.catalog import Catalog, default_catalog
from explorer.importing.book import load_book
from explorer.importing.cases import parse_durations
from explorer.model import Book, Severity
from explorer.sla.engine import evaluate

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "files"
BOOK = CORPUS / "companion_contracts.csv"
AS_OF = datetime(2026, 12, 7, tzinfo=UTC)


def read_log(tmp_path: Path, lines: list[str]) -> Book:
    """The companion book with ``lines`` (a header, then rows) as its case log."""
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return load_book([BOOK], case_files=[path])


def messages(book: Book, severity: Severity) -> list[str]:
    return [f.message for f in book.findings if f.severity is severity]


def outcomes(book: Book) -> dict[str, str]:
    result = evaluate(book, default_catalog(), AS_OF).cases
    return dict(zip(result["case_id"], result["outcome"].astype(str), strict=True))


DYNAMICS = [
    "(Do Not Modify) Case",
    "Case Number",
    "Case Title",
    "Customer",
    "Product",
    "Priority",
    "Created On",
    "First Response By",
    "First Response Sent",
    "Resolve By",
]


def dynamics_cases(tmp_path: Path) -> Path:
    """Four Initech and Globex cases as Dynamics 365's Export to Excel writes them (date cells)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "My Active Cases"
    sheet.append(DYNAMICS)
    for i, (customer, product, priority, opened, sent) in enumerate(
        [
            ("Initech", "Okta", "High", datetime(2026, 10, 5, 14), "Yes"),
            ("Initech", "Okta", "Normal", datetime(2026, 10, 6, 9), "No"),
            ("Globex GmbH", "Auth0", "High", datetime(2026, 10, 7, 8, 30), "Yes"),
            ("Initech", "Okta", "Low", datetime(2026, 12, 6, 23), "No"),
        ],
        1,
    ):
        due = opened + pd.Timedelta(hours=1)
        sheet.append([f"9a1b2c3d-{i}", f"CAS-0100{i}", "SSO", customer, product, priority, opened, due, sent, due])
    path = tmp_path / "dynamics_cases.xlsx"
    workbook.save(path)
    return path


def test_dynamics_first_response_by_is_the_due_time_and_first_response_sent_says_what_it_can(tmp_path: Path) -> None:
    book = load_book([BOOK], case_files=[dynamics_cases(tmp_path)])
    assert book.cases is not None and messages(book, Severity.ERROR) == []
    assert book.cases["first_response"].isna().all()  # 'First Response By' is when the answer was owed
    warnings = messages(book, Severity.WARNING)
    assert (
        "Column 'First Response By' is a due time or target ('by'), not when anything happened; it is not read as "
        "first response." in warnings
    )
    judged = outcomes(book)
    assert judged["CAS-01002"] == "Breached"  # No: unanswered, two months past its 2-hour P3 target
    assert judged["CAS-01004"] == "Pending"  # No, opened the evening before: P4 has a day
    assert judged["CAS-01001"] == judged["CAS-01003"] == "Not evaluated"  # Yes, at no time given: no guess
    unknown = [w for w in warnings if "says a first response was sent" in w]
    assert [w.split(":")[0] for w in unknown] == ["Case CAS-01001", "Case CAS-01003"]
    assert unknown[0] == (
        "Case CAS-01001: 'Yes' says a first response was sent, but the log gives no time of it; the case is listed, "
        "not judged (its response time is unknown)."
    )


@pytest.mark.parametrize(
    "header",
    ["First Response By", "Respond By", "First Response Due", "SLA due", "Due Date", "fr_due_by", "First Response Target"],
)
def test_a_due_time_or_target_is_never_the_first_response(tmp_path: Path, header: str) -> None:
    """Beside a real first response it is left alone; alone, the log is the usual error, never a log of Mets."""
    rows = [f"Case Number,Account Name,Priority,Created,{header},First response"]
    book = read_log(tmp_path, [*rows, "C1,Acme Corp,Urgent,2026-03-02 10:00,2026-03-02 11:00,2026-03-02 10:20"])
    assert book.cases is not None
    assert book.cases["first_response"].iloc[0] == pd.Timestamp("2026-03-02 10:20", tz="UTC")
    rows = [f"Case Number,Account Name,Priority,Created,{header}"]
    book = read_log(tmp_path, [*rows, "C1,Acme Corp,Urgent,2026-03-02 10:00,2026-03-02 11:00"])
    assert book.cases is None or book.cases.empty
    (error,) = messages(book, Severity.ERROR)
    assert "has no first-response column" in error


def test_a_first_response_sent_word_that_is_neither_yes_nor_no_is_not_judged(tmp_path: Path) -> None:
    rows = ["Case Number,Customer,Priority,Created On,First Response Sent"]
    book = read_log(tmp_path, [*rows, "C1,Acme Corp,Urgent,2026-03-02 10:00,Maybe", "C2,Acme Corp,Urgent,2026-03-02 10:00,"])
    assert outcomes(book) == {"C1": "Not evaluated", "C2": "Breached"}  # blank: not answered yet
    assert any("'Maybe' is neither yes nor no" in w for w in messages(book, Severity.WARNING))


ZAMMAD = [
    "Number,Title,State,Priority,Group,Owner,Customer,Organization,Created at,First response at",
    "26010001,SSO outage,closed,high,Okta,Amy A,Sam Nag,Initech,2026-10-05 14:00:00 UTC,2026-10-05 15:30:00 UTC",
    "26010004,Token errors,open,high,Auth0,Bo B,Gert Bauer,Globex GmbH,2026-10-07 08:30:00 UTC,2026-10-07 09:45:00 UTC",
]


def test_zammad_organization_is_the_customer_not_the_person_who_asked(tmp_path: Path) -> None:
    book = read_log(tmp_path, ZAMMAD)
    assert book.cases is not None and messages(book, Severity.ERROR) == []
    assert book.cases["customer"].tolist() == ["Initech", "Globex GmbH"]
    assert (
        "Read 'Organization' as Customer (an organisation's column, read over 'Customer', which may name the person "
        "who asked)." in messages(book, Severity.INFO)
    )
    assert outcomes(book) == {"26010001": "Met", "26010004": "Breached"}  # Initech Premier P2 2 h; Globex Auth0 P2 1 h


@pytest.mark.parametrize(
    ("person", "company"),
    [("Customer", "Account"), ("Customer Name", "Company"), ("Customer", "Account Name"), ("Client", "Organisation")],
)
def test_a_company_column_is_read_over_a_customer_column_in_either_order(tmp_path: Path, person: str, company: str) -> None:
    for first, second in ((person, company), (company, person)):
        people = {first: "Sam Nag", second: "Initech"} if first == person else {first: "Initech", second: "Sam Nag"}
        rows = [f"Ticket ID,{first},{second},Priority,Created,First response"]
        book = read_log(tmp_path, [*rows, f"T1,{people[first]},{people[second]},High,2026-10-05 14:00,2026-10-05 15:00"])
        assert book.cases is not None and book.cases["customer"].tolist() == ["Initech"], (first, second)


def test_an_empty_organization_column_is_not_read_over_a_filled_customer(tmp_path: Path) -> None:
    # A help desk whose customers are companies of one person leaves Organization blank: preferring it left every case
    # with no customer, all unmatched (hostile tryout 2)
    rows = ["Ticket ID,Organization,Customer,Priority,Created,First response", "T1,,Initech,High,2026-10-05 14:00,"]
    book = read_log(tmp_path, rows)
    assert book.cases is not None and book.cases["customer"].tolist() == ["Initech"]


def test_a_log_written_only_in_zammad_s_numbering_is_read_by_its_words(tmp_path: Path) -> None:
    # '1 low', '2 normal', '3 high' count up: every case was refused, its number and word naming two levels
    rows = ["Number,Organization,Priority,Created at,First response at"]
    rows += [f"Z{i},Initech,{p},2026-10-05 14:00," for i, p in enumerate(["1 low", "2 normal", "3 high", "2 normal"])]
    book = read_log(tmp_path, rows)
    assert book.cases is not None and book.cases["priority"].tolist() == [4, 3, 2, 3]
    assert messages(book, Severity.ERROR) == []
    assert (
        "Priorities are written as Zammad numbers them, counting up ('1 low', '2 normal', '3 high'): each is read by "
        "its word (low P4, normal P3, high P2), not its number." in messages(book, Severity.INFO)
    )


def test_a_customer_column_alone_is_still_the_customer(tmp_path: Path) -> None:
    book = read_log(tmp_path, ["Ticket ID,Customer,Priority,Created,First response", "T1,Initech,High,2026-10-05 14:00,"])
    assert book.cases is not None and book.cases["customer"].tolist() == ["Initech"]


HAPPYFOX = [
    "Ticket ID,Display ID,Subject,Status,Priority,Contact Name,Contact Email,Company,Product,Created On,"
    "First Response Time,Time Spent,Due Date",
    '1201,#SUP00001201,Login outage,Closed,Critical,Sam Nag,sam@initech.example,Initech,Okta,"Oct 05, 2026 02:00 PM",'
    '0 hrs 45 mins,1 hr 10 mins,"Oct 06, 2026"',
    '1202,#SUP00001202,SCIM sync,Closed,High,Sam Nag,sam@initech.example,Initech,Okta,"Oct 06, 2026 09:00 AM",'
    '2 hrs 30 mins,2 hrs,"Oct 07, 2026"',
    "1203,#SUP00001203,Tenant errors,Open,Critical,Gert Bauer,gert@globex.example,Globex GmbH,Auth0,"
    '"Oct 07, 2026 08:30 AM",20 mins,30 mins,"Oct 07, 2026"',
    '1204,#SUP00001204,Set policy,Closed,Low,Gavin B,gavin@hooli.example,Hooli,Okta,"Oct 08, 2026 11:00 AM",'
    '1 day 3 hrs,3 hrs,"Oct 12, 2026"',
]


def test_happyfox_durations_in_hrs_and_mins_are_read(tmp_path: Path) -> None:
    book = read_log(tmp_path, HAPPYFOX)
    assert book.cases is not None and messages(book, Severity.ERROR) == []
    taken = (book.cases["first_response"] - book.cases["opened"]).dt.total_seconds() / 60
    assert taken.tolist() == [45, 150, 20, 1620]
    # Initech Premier P1 1 h and P2 2 h (24x7); Globex Auth0 Premier P1 30 min; Hooli Basic P4 in business hours
    assert outcomes(book) == {"1201": "Met", "1202": "Breached", "1203": "Met", "1204": "Met"}


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("0 hrs 45 mins", 45),
        ("45 mins", 45),
        ("1 day 3 hrs", 1620),
        ("1 hr", 60),
        ("2 days 4 hrs 5 mins", 3125),
        ("45 min", 45),
        ("1d 3h 20m", 1640),
        ("3h", 180),
        ("2 hrs, 5 mins", 125),
        ("2 hours and 5 minutes", 125),
        ("1.5 hours", 90),
        ("2 Std. 30 Min.", 150),
        ("1 week", 10080),
        ("1,5 hrs", 90),  # a decimal comma (hostile tryout 2: unreadable, counted Breached)
    ],
)
def test_a_duration_reads_in_any_unit_words(written: str, minutes: int, catalog: Catalog) -> None:
    spans, bad = parse_durations(pd.Series([written], dtype=object), catalog)
    assert not bad.iloc[0] and spans.iloc[0] == pd.Timedelta(minutes=minutes)


# a unit given twice says no one time ('1 hr 1 hr' read 2 h); '1,500 mins' is no decimal comma
@pytest.mark.parametrize("written", ["3 months", "5 apples", "45", "-0 hrs 35 mins", "hrs 45", "1 hr 1 hr", "1,500 mins"])
def test_a_duration_with_no_unit_or_another_is_unreadable(written: str, catalog: Catalog) -> None:
    spans, bad = parse_durations(pd.Series([written], dtype=object), catalog)
    assert bad.iloc[0] and pd.isna(spans.iloc[0])


def test_zammad_priorities_whose_number_and_word_disagree_say_so(tmp_path: Path) -> None:
    """Zammad numbers its priorities upwards (1 low, 2 normal, 3 high): refused, naming both readings."""
    rows = [ZAMMAD[0], *(r.replace(",high,", f",{p},") for r, p in zip(ZAMMAD[1:], ["3 high", "1 low"], strict=True))]
    book = read_log(tmp_path, [*rows, rows[1].replace("26010001", "26010009").replace("3 high", "2 high")])
    errors = messages(book, Severity.ERROR)
    assert errors == [
        "Case 26010001: priority '3 high' names two levels: its number says P3 and its word says P2 (high). Zammad, "
        "for one, numbers its priorities upwards (1 low to 3 high), so the number may be no level; which was meant is "
        "not known, and the case is not counted. Write the level (P1-P4) or its word alone.",
        "Case 26010004: priority '1 low' names two levels: its number says P1 and its word says P4 (low). Zammad, for "
        "one, numbers its priorities upwards (1 low to 3 high), so the number may be no level; which was meant is not "
        "known, and the case is not counted. Write the level (P1-P4) or its word alone.",
    ]
    assert book.cases is not None and book.cases["priority"].iloc[2] == 2  # '2 high': both say P2


@pytest.mark.parametrize(
    ("written", "level", "why"),
    [
        ("3 high", None, "its number says P3 and its word says P2 (high)"),
        ("2 normal", None, "its number says P2 and its word says P3 (normal)"),
        ("Severity 2 - Urgent", None, "its number says P2 and its word says P1 (Urgent)"),
        ("4 low", 4, None),
        ("P1 - Production down", 1, None),
        ("3 users affected", None, None),  # a bare space takes only a priority's word
        ("Urgent", 1, None),
        ("-1", None, None),  # a negative number is no level: folding dropped its sign, and it read P1 (hostile tryout 2)
        ("P-1", 1, None),
    ],
)
def test_a_priority_number_and_word_are_read_together(written: str, level: int | None, why: str | None) -> None:
    catalog = default_catalog()
    assert (catalog.priority_for(written), catalog.priority_disagreement(written)) == (level, why)


def test_a_jira_slas_goal_is_never_offered_as_the_time_of_a_response(tmp_path: Path) -> None:
    """Jira Service Management's SLA columns 'Time to first response - Goal' / '- Elapsed': the warning offered to map
    the Goal, the target, as the first response clock (tryout 10); a target word in a header rules out every time
    field, clocks too, as 'First Response By' already did."""
    log = tmp_path / "jsm.csv"
    log.write_text(
        "Issue key,Priority,Created,Custom field (Organizations),Custom field (Product),"
        "Time to first response - Goal,Time to first response - Elapsed\n"
        "SUP-301,Highest,2026-11-02 09:00,Initech,Okta,1h,40m\n",
        "utf-8",
    )
    book = load_book([BOOK], case_files=[log])
    warnings = messages(book, Severity.WARNING)
    assert not [w for w in warnings if "may hold" in w and "Goal" in w]
    assert (
        "Column 'Time to first response - Goal' is a due time or target ('goal'), not when anything happened; it is "
        "not read as first response clock." in warnings
    )
