"""Case logs from more help desks, as their tools write them by default (tryout 14).

- HaloITSM: Ticket ID, Client, Priority ('P1 – Urgent'), Date Logged (the opening), Response Date.
- TOPdesk: Incident number, Call date (the opening), Caller branch (the caller's company), Object (the asset: here a
  product's name), Responded (Ja / Nee) beside Response date.
- SysAid: ID, Request time (the opening), First Response Time (the time of the first response, a date-time), 'Very
  High' among its priorities.
- Zammad: the ticket number under '#', priorities '1 low' .. '3 high' and an admin-added '4 urgent'.
- LiveAgent: its tags as priorities, 'Priority: Urgent'.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.mapper import proposed_mappings
from explorer.importing.mappings import Lookup, load_mapping_file
from explorer.model import Book, Severity
from explorer.sla.engine import evaluate

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "files"
BOOK = CORPUS / "companion_contracts.csv"
AS_OF = datetime(2026, 12, 7, tzinfo=UTC)


def write_log(tmp_path: Path, lines: list[str], name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def read_log(tmp_path: Path, lines: list[str]) -> Book:
    """The companion book with ``lines`` (a header, then rows) as its case log."""
    return load_book([BOOK], case_files=[write_log(tmp_path, lines)])


def messages(book: Book, severity: Severity) -> list[str]:
    return [f.message for f in book.findings if f.severity is severity]


def column(book: Book, name: str) -> list[object]:
    assert book.cases is not None, [f.message for f in book.findings]
    return [str(v) for v in book.cases[name].tolist()]


def outcomes(book: Book) -> dict[str, str]:
    result = evaluate(book, default_catalog(), AS_OF).cases
    return dict(zip(result["case_id"].astype(str), result["outcome"].astype(str), strict=True))


HALO = [
    "Ticket ID,Summary,Client,Site,User,Priority,Ticket Type,Date Logged,Response Date,Status,Team,Product",
    "4401,Okta issue,Initech,Head Office,Sam Nag,P1 – Urgent,Incident,2026-12-01 14:00:00,2026-12-01 14:45:00,Closed,"
    "Identity Team,Okta",
]


def test_haloitsm_date_logged_is_the_opening_and_response_date_the_first_response(tmp_path: Path) -> None:
    # the log was refused whole: 'closest to a cases table, which needs opened'
    book = read_log(tmp_path, HALO)
    assert column(book, "opened") == ["2026-12-01 14:00:00+00:00"]
    assert column(book, "first_response") == ["2026-12-01 14:45:00+00:00"]


TOPDESK = [
    "Incident number;Call date;Caller branch;Caller;Brief description;Category;Object;Priority;Responded;Response date;"
    "Operator group;Status",
    "I 2612 001;2026-12-01 15:00;Initech;Sam Nag;Okta issue;Identity;Okta;P1 - Critical;Ja;2026-12-01 15:45;2nd line;Afgemeld",
    "I 2612 002;2026-12-02 11:00;Initech;Sam Nag;Okta issue;Identity;Okta;P2 - High;Nee;;2nd line;Open",
]


def test_topdesk_call_date_caller_branch_and_response_date_are_read(tmp_path: Path) -> None:
    # 'Call date' was not known (the log refused whole); mapped, 'Responded' (Ja / Nee) was read as the first response
    # beside 'Response date', every case then said not answered
    book = read_log(tmp_path, TOPDESK)
    assert column(book, "opened") == ["2026-12-01 15:00:00+00:00", "2026-12-02 11:00:00+00:00"]
    assert column(book, "customer") == ["Initech", "Initech"]
    assert column(book, "product") == ["okta", "okta"]  # the catalog's product id
    assert column(book, "first_response") == ["2026-12-01 15:45:00+00:00", "NaT"]
    assert messages(book, Severity.ERROR) == []


def test_map_proposes_the_response_date_not_the_yes_no_column_beside_it(tmp_path: Path) -> None:
    text, _ = proposed_mappings([], [str(write_log(tmp_path, TOPDESK))], default_catalog())
    assert 'first_response = "Response date"' in text
    assert "first_response = 'Response date': its values are dates and times, read over 'Responded'" in text
    assert 'first_response = "Responded"' not in text


def test_a_yes_no_column_headed_as_a_first_response_is_still_read_where_no_column_holds_times(tmp_path: Path) -> None:
    # no date column beside it: the column its header names stays the first response, its cells each an error
    rows = ["Incident number;Call date;Caller branch;Priority;Responded", "I 1;2026-12-01 15:00;Initech;P1;Ja"]
    book = read_log(tmp_path, rows)
    assert book.cases is not None
    assert any("the first response 'Ja' cannot be read" in m for m in messages(book, Severity.ERROR))


def test_a_first_response_blank_in_every_row_is_not_replaced_by_another_time(tmp_path: Path) -> None:
    # a log where nothing is answered yet: its last response, update and close are no first response, and a column
    # that names the first response too ('Response Date') does not take over a blank one as it takes over yes / no words
    rows = ["Ticket ID,Company,Priority,Created At,First Response At,Last Response At,Updated At,Closed At,Response Date"]
    rows += [
        f"T{i},Initech,P{i + 1},2026-12-0{i + 1} 10:00,,2026-12-0{i + 1} 10:30,2026-12-0{i + 2} 09:00,"
        f"2026-12-0{i + 2} 09:30,2026-12-0{i + 1} 11:00"
        for i in range(3)
    ]
    book = read_log(tmp_path, rows)
    assert column(book, "first_response") == ["NaT", "NaT", "NaT"]
    assert not any("read over" in m for m in messages(book, Severity.INFO))
    assert set(outcomes(book).values()) == {"Breached"}  # unanswered past every target on the day


def test_sysaid_request_time_is_the_opening(tmp_path: Path) -> None:
    rows = [
        "ID,Title,Status,Priority,Company,Request user,Request time,First response,Product",
        "901,Okta issue,Closed,Highest,Initech,Sam Nag,2026-12-01 15:00:00,2026-12-01 15:45:00,Okta",
    ]
    assert column(read_log(tmp_path, rows), "opened") == ["2026-12-01 15:00:00+00:00"]


def test_zammad_s_number_under_hash_is_the_case_id(tmp_path: Path) -> None:
    # Zammad's lib/excel_sheet/ticket.rb heads the ticket number '#': the log was refused, 'which needs case ID'
    rows = [
        "#,Title,State,Priority,Group,Owner,Customer,Organization,Created At,First Response At,Product",
        "70001,Okta issue,closed,2 normal,Support,Agent,Sam Nag,Initech,2026-12-01 15:00:00,2026-12-01 15:45:00,Okta",
    ]
    book = read_log(tmp_path, rows)
    assert column(book, "case_id") == ["70001"]
    assert column(book, "customer") == ["Initech"]


SYSAID = [
    "ID,Title,Status,Priority,Company,Request user,Request time,First Response Time,Product",
    "901,Okta issue,Closed,Highest,Initech,Sam Nag,2026-12-01 15:00:00 CET,2026-12-01 15:45:00 CET,Okta",
    "902,Okta issue,Closed,High,Initech,Sam Nag,2026-12-02 11:00:00 CET,2026-12-02 13:30:00 CET,Okta",
    "909,Okta issue,Open,Normal,Initech,Sam Nag,2026-12-04 11:00:00 CET,,Okta",
]


def test_a_first_response_time_of_dates_and_times_is_the_time_of_the_first_response(tmp_path: Path) -> None:
    # SysAid's 'First Response Time' is a stamp: the whole log was refused, 'holds no durations'
    book = read_log(tmp_path, SYSAID)
    assert messages(book, Severity.ERROR) == []
    assert column(book, "first_response") == ["2026-12-01 14:45:00+00:00", "2026-12-02 12:30:00+00:00", "NaT"]
    assert (
        "Column 'First Response Time' holds dates and times ('2026-12-01 15:45:00 CET'), not durations: each is read "
        "as the time of the first response, as SysAid and ManageEngine write it." in messages(book, Severity.INFO)
    )
    assert outcomes(book)["901"] == "Met"


def test_a_first_response_time_mapped_as_a_duration_holding_stamps_is_read_as_stamps(tmp_path: Path) -> None:
    # the tryout's own mapping said first_response_time = "First Response Time": the log was refused whole
    log = write_log(tmp_path, SYSAID)
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[[mapping]]\nkind = "cases"\nlayout = ["ID", "Title", "Status", "Priority", "Company", "Request user", '
        '"Request time", "First Response Time", "Product"]\n[mapping.columns]\ncase_id = "ID"\ncustomer = "Company"\n'
        'priority = "Priority"\nopened = "Request time"\nfirst_response_time = "First Response Time"\nproduct = "Product"\n',
        "utf-8",
    )
    catalog = default_catalog()
    book = load_book([BOOK], case_files=[log], catalog=catalog, saved=Lookup(load_mapping_file(mapping, catalog)))
    assert messages(book, Severity.ERROR) == []
    assert column(book, "first_response")[:2] == ["2026-12-01 14:45:00+00:00", "2026-12-02 12:30:00+00:00"]


def test_durations_under_first_response_time_are_still_durations(tmp_path: Path) -> None:
    rows = ["Ticket ID,Company,Priority,Created,First Response Time", "T1,Initech,High,2026-12-01 15:00,1 day 3 hrs"]
    assert column(read_log(tmp_path, rows), "first_response") == ["2026-12-02 18:00:00+00:00"]


def test_a_priority_written_after_its_field_s_name_reads_as_its_word(tmp_path: Path) -> None:
    # LiveAgent's tags and GitHub's labels: every case was refused, 'Priority: Urgent' is not 1-4, P1-P4 ...
    rows = ["Ticket ID,Company,Priority,Created,First response"]
    written = ["Priority: Urgent", "priority: high", "priority/normal", "Severity: Low", "Priority: P2 - High"]
    rows += [f"T{i},Initech,{p},2026-12-01 15:00,2026-12-01 15:30" for i, p in enumerate(written)]
    book = read_log(tmp_path, rows)
    assert messages(book, Severity.ERROR) == []
    assert column(book, "priority") == ["1", "2", "3", "4", "2"]


def test_an_urgency_is_no_priority_and_stays_refused(tmp_path: Path) -> None:
    # ITIL's urgency is one input to the priority (impact x urgency): 'Urgency: High' with a low impact is P3 or P4, so
    # reading it as P2 judged the case against the wrong target
    rows = ["Ticket ID,Company,Priority,Created,First response"]
    written = ["Urgency: High", "urgency/urgent", "Severity: Urgent"]
    rows += [f"T{i},Initech,{p},2026-12-01 15:00,2026-12-01 15:30" for i, p in enumerate(written)]
    book = read_log(tmp_path, rows)
    refused = messages(book, Severity.ERROR)
    assert len(refused) == 2, refused
    assert "priority 'Urgency: High' is not 1-4" in refused[0]
    assert "priority 'urgency/urgent' is not 1-4" in refused[1]
    assert default_catalog().priority_for("Urgency: High") is None
    judged = outcomes(book)
    assert (judged["T0"], judged["T1"], judged["T2"]) == ("Not evaluated", "Not evaluated", "Met")


def test_a_field_s_name_before_a_level_still_lets_its_number_and_word_disagree() -> None:
    catalog = default_catalog()
    assert catalog.priority_for("Severity: 2 - Urgent") is None
    assert catalog.priority_disagreement("Severity: 2 - Urgent") == "its number says P2 and its word says P1 (Urgent)"
    assert catalog.priority_for("priority: -1") is None
    assert catalog.priority_for("priority:") is None


def zammad_log(priorities: list[str]) -> list[str]:
    rows = ["#,Title,Organization,Priority,Created At,First Response At"]
    return rows + [f"7000{i},Issue,Initech,{p},2026-12-01 15:00:00," for i, p in enumerate(priorities)]


def test_zammad_s_numbering_with_an_admin_added_level_is_read_by_its_words(tmp_path: Path) -> None:
    # '4 urgent' beside Zammad's own three: every case was refused, its number and word naming two levels
    book = read_log(tmp_path, zammad_log(["4 urgent", "3 high", "2 normal", "1 low", "3 high"]))
    assert messages(book, Severity.ERROR) == []
    assert column(book, "priority") == ["1", "2", "3", "4", "2"]
    assert (
        "Priorities are written as Zammad numbers them, counting up ('1 low', '2 normal', '3 high', '4 urgent'): each "
        "is read by its word (low P4, normal P3, high P2, urgent P1), not its number." in messages(book, Severity.INFO)
    )


def test_a_value_that_is_no_level_among_zammad_s_is_refused_alone(tmp_path: Path) -> None:
    book = read_log(tmp_path, zammad_log(["4 urgent", "3 high", "Whenever", "1 low"]))
    errors = messages(book, Severity.ERROR)
    assert len(errors) == 1 and "priority 'Whenever'" in errors[0]
    assert column(book, "priority") == ["1", "2", "<NA>", "4"]


def test_zammad_s_numbering_beside_another_scheme_or_out_of_order_is_still_refused(tmp_path: Path) -> None:
    # 'P1' beside '3 high': which level '3 high' means is not known; so with '4 low' out of the counting-up order
    for written in (["P1", "3 high", "2 normal"], ["3 high", "2 normal", "4 low"]):
        book = read_log(tmp_path, zammad_log(written))
        errors = messages(book, Severity.ERROR)
        assert any("priority '3 high' names two levels" in e for e in errors), written
        assert not any("counting up" in m for m in messages(book, Severity.INFO)), written
