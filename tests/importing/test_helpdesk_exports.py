"""Intercom, Kayako, Zoho Desk and Help Scout case logs (issue 24), and a log that gives no priority level.

Each corpus file (tests/corpus/make_corpus.py, other_helpdesks) is written from the columns its tool documents:

- Intercom, reporting data export of the conversation dataset: the attributes Conversation ID, Conversation
  started at and Conversation first replied at (https://www.intercom.com/help/en/articles/7022438-reporting-
  metrics-attributes), company name and first_admin_reply_at (https://www.intercom.com/help/en/articles/
  6762778-reporting-metrics-for-rest-api-and-csv-exports, which also says its durations are in seconds and
  exclude office hours: none is used). The conversation's `priority` is "priority" or "not_priority"
  (https://developers.intercom.com/docs/references/2.3/rest-api/conversations/conversation-model/): a flag,
  no P1-P4 level.
- Kayako Classic, a report (KQL) exported to Excel: 'Tickets.Ticket Mask ID', 'Tickets.Creation Date',
  'Tickets.First Response Time', 'Tickets.Priority', 'User Organizations.Name' (https://classichelp.kayako.com/
  hc/en-us/articles/360006378620-Introduction-to-Kayako-Query-Language-KQL). In Kayako Classic's source the
  tickets KQL schema types firstresponsetime as seconds (the SLA-hours figure is a separate field, SWIFT-2210)
  and its report exporter writes seconds as Excel durations (seconds / 86400 under an elapsed format) and times
  as Excel dates (m/d/yyyy h:mm:ss); an unanswered ticket keeps 0.
- Zoho Desk, the Tickets module's standard fields (https://help.zoho.com/portal/en/kb/desk/customization/
  modules/articles/standard-help-desk-modules-and-fields: Account Name, Contact Name, Email, Priority, Product
  Name, Classifications, Due Date, Channel) and the system fields Ticket Id, Created Time, Time to Respond,
  Agent Responded Time, Ticket Closed Time. Zoho documents no calendar time of the first response: its
  reports give First Response Time in Business Hours (https://www.zoho.com/analytics/help/connectors/
  zoho-desk.html, in milliseconds of business time) and Agent Responded Time is not said to be the first.
- Help Scout, conversations through the Mailbox API (https://developer.helpscout.com/webhooks/objects/
  conversation/: id, number, status, subject, customer, createdAt, closedAt, ISO 8601 UTC). The first reply is
  one of the conversation's threads, not a field of it, and there is no priority.

So Intercom and Kayako are read with no setup; Zoho Desk and Help Scout are refused, naming what is missing.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pandas as pd
import pytest

from explorer import clock
from explorer.catalog import Catalog, CatalogError, default_catalog, parse_catalog
from explorer.importing.book import load_book
from explorer.importing.cases import parse_durations
from explorer.model import Book, Severity
from explorer.sla.engine import evaluate

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "files"
BOOK = CORPUS / "companion_contracts.csv"


def read(name: str) -> Book:
    return load_book([BOOK], case_files=[CORPUS / name])


def outcomes(book: Book) -> dict[str, str]:
    result = evaluate(book, default_catalog(), clock.now()).cases
    return dict(zip(result["case_id"], result["outcome"].astype(str), strict=True))


def messages(book: Book, severity: Severity) -> list[str]:
    return [f.message for f in book.findings if f.severity is severity]


def read_log(tmp_path: Path, lines: list[str]) -> Book:
    """The companion book with ``lines`` (a header, then rows) as its case log."""
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return load_book([BOOK], case_files=[path])


def utc(*parts: int) -> pd.Timestamp:
    return pd.Timestamp(datetime(*parts, tzinfo=UTC))  # type: ignore[misc]


def test_intercom_conversations_are_listed_matched_and_shown_but_not_judged() -> None:
    book = read("intercom_conversations.csv")
    assert book.cases is not None and len(book.cases) == 10
    assert messages(book, Severity.ERROR) == []
    warnings = [m for m in messages(book, Severity.WARNING) if "priority" in m]
    assert warnings == [
        "Sheet 'intercom_conversations': the case table (header row 1) has no priority column; its 10 cases are "
        "listed but not judged against a response target. Add a Priority column or map one (explorer map, or "
        "File \u2192 Map Columns\u2026)."
    ]
    first = book.cases.set_index("case_id").loc["215470000001"]
    assert (first["customer"], first["opened"], first["first_response"]) == (
        "Acme Corp",
        utc(2026, 3, 2, 10, 0),
        utc(2026, 3, 2, 10, 25),
    )
    result = evaluate(book, default_catalog(), clock.now()).cases.set_index("case_id")
    counted = result["outcome"].astype(str).value_counts().to_dict()
    assert counted == {"Not evaluated": 5, "No contract in force": 5}  # matched, no target chosen; or before a term
    assert result.loc["215470000001", "program"] == "Premier Plus"  # Acme Corp's contract: matched
    assert result.loc["215470000001", "first_response"] == utc(2026, 3, 2, 10, 25)


def test_intercom_priority_flag_is_no_level_and_is_said_once() -> None:
    book = read("intercom_priority_flag.csv")
    assert book.cases is not None and len(book.cases) == 10
    assert book.cases["priority"].isna().all()  # 'priority' / 'not_priority' is never read as P1-P4
    said = [m for m in messages(book, Severity.WARNING) if "priority" in m]
    assert len(said) == 1
    assert "its column 'Priority' is a yes/no flag ('not_priority', 'priority'), not a priority level" in said[0]
    assert messages(book, Severity.ERROR) == []


@pytest.mark.parametrize(
    ("values", "levels"),
    [
        (["1", "1", "1"], [1, 1, 1]),  # 1 is yes, and a level: a column of real levels keeps working
        (["Urgent", "Low", ""], [1, 4, None]),  # a blank among levels stays one case's error, as today
        (["yes", "no", "no"], [None, None, None]),  # a flag
        (["", "", ""], [None, None, None]),  # nothing at all
    ],
)
def test_a_priority_column_is_a_level_unless_it_gives_none(tmp_path: Path, values: list[str], levels: list) -> None:
    rows = ["Case Number,Account Name,Priority,Created,First response"]
    rows += [f"C{i},Acme Corp,{v},2026-03-0{i + 1} 10:00,2026-03-0{i + 1} 10:20" for i, v in enumerate(values)]
    book = read_log(tmp_path, rows)
    assert book.cases is not None
    assert [None if pd.isna(p) else int(p) for p in book.cases["priority"]] == levels
    no_column = [m for m in messages(book, Severity.WARNING) if "has no priority column" in m]
    per_case = [m for m in messages(book, Severity.ERROR) if "priority ''" in m]
    if all(level is None for level in levels):
        assert len(no_column) == 1 and per_case == []
    else:
        assert no_column == [] and len(per_case) == levels.count(None)


def test_kayako_first_response_time_is_a_duration_after_creation() -> None:
    book = read("kayako_classic_report.xlsx")
    assert book.cases is not None and len(book.cases) == 10
    assert messages(book, Severity.ERROR) == []
    cases = book.cases.set_index("case_id")
    assert cases.loc["KQX-511-40218", "first_response"] == utc(2026, 3, 2, 10, 25)  # 25 minutes
    assert cases.loc["KQX-517-40224", "first_response"] == utc(2026, 4, 7, 17, 45)  # 25 hours: [h]:mm:ss
    assert pd.isna(cases.loc["KQX-515-40222", "first_response"])  # 0: no response yet
    assert cases.loc["KQX-511-40218", "priority"] == 1  # Urgent
    judged = outcomes(book)
    assert judged["KQX-511-40218"] == "Met"  # Acme Corp, Premier Plus P1: 25 minutes of 60
    assert judged["KQX-512-40219"] == "Breached"  # Globex GmbH, Auth0 Premier P2: 95 minutes of 60
    assert judged["KQX-520-40227"] == "Met"  # Globex GmbH, Auth0 Premier P3: 4 hours of 8
    assert judged["KQX-515-40222"] == "No contract in force"  # Soylent Foods' term starts on 1 May


def test_zoho_desk_is_refused_and_its_lookalikes_are_not_read() -> None:
    book = read("refuse_zoho_desk_tickets.csv")
    assert book.cases is None or book.cases.empty
    errors = messages(book, Severity.ERROR)
    assert len(errors) == 1 and "has no first-response column" in errors[0]
    assert (
        "Column 'Agent Responded Time' is not read as first response: Zoho Desk does not document it as the first "
        "response (it may be a later one); map it in Map Columns if it is." in messages(book, Severity.WARNING)
    )


def test_help_scout_is_refused_naming_the_first_response() -> None:
    book = read("refuse_helpscout_conversations.csv")
    assert book.cases is None or book.cases.empty
    (error,) = messages(book, Severity.ERROR)
    assert "has no first-response column" in error and "'createdAt', 'closedAt'" in error


def test_durations_in_every_written_form(catalog: Catalog) -> None:
    cells = pd.Series(
        [timedelta(minutes=25), time(0, 25), "0:25:00", "25:30", "1h 30m", "90 min", "1 day, 1:00:00"]
        + [25, "25", "", None, "-0h 35m", "0:00:00", "soon"],
        dtype=object,
    )
    spans, bad = parse_durations(cells, catalog)
    minutes = [None if pd.isna(s) else s.total_seconds() / 60 for s in spans]
    assert minutes == [25, 25, 25, 1530, 90, 90, 1500, None, None, None, None, None, None, None]
    # bare numbers say no unit, a negative time is one left to a target, and 'soon' is no time: unreadable;
    # blank and 0:00:00 (no response yet) are not
    assert bad.tolist() == [False] * 7 + [True, True, False, False, True, False, True]


def test_a_lookalike_must_name_a_field_of_its_table() -> None:
    import tomllib

    data = tomllib.loads((Path(__file__).resolve().parents[2] / "resources" / "catalog.toml").read_text("utf-8"))
    data["tables"]["cases"]["lookalikes"]["Due Date"] = {"field": "due", "why": "a target"}
    with pytest.raises(CatalogError, match="lookalikes.'Due Date'.field: 'due' is not a field of the table"):
        parse_catalog(data)
    assert "no-priority" in default_catalog().decisions


def test_a_first_response_time_of_bare_numbers_is_refused_not_read_as_unanswered(tmp_path: Path) -> None:
    """Numbers under 'First Response Time' say no unit: one error for the table, never ten false breaches."""
    rows = ["Ticket Mask ID,Organization,Priority,Creation Date,First Response Time"]
    rows += [f"KQX-{i},Acme Corp,Urgent,2026-03-0{i} 10:00,{v}" for i, v in enumerate(["0.0174", "", "1500"], 1)]
    book = read_log(tmp_path, rows)
    assert book.cases is None or book.cases.empty
    (error,) = messages(book, Severity.ERROR)
    assert "column 'First Response Time' holds no durations ('0.0174' says no unit" in error


@pytest.mark.parametrize(("unit", "minutes"), [("(min)", 30), ("(hrs)", 1800), ("(days)", 43200), ("(in hrs)", 1800)])
def test_a_count_to_the_first_reply_is_in_the_unit_its_header_names(tmp_path: Path, unit: str, minutes: int) -> None:
    """Zendesk Explore's First reply time metric comes in (min), (hrs) and (days): a count in the header's unit."""
    path = tmp_path / "explore.csv"
    path.write_text(
        f"Ticket ID,Ticket organization name,Ticket priority,Ticket created - Timestamp,First reply time {unit}\n"
        "1,Acme Corp,urgent,2026-03-02T10:00:00Z,30\n2,Acme Corp,high,2026-03-03T10:00:00Z,\n",
        "utf-8",
    )
    book = load_book([BOOK], case_files=[path])
    assert book.cases is not None and messages(book, Severity.ERROR) == []
    assert book.cases["first_response"].iloc[0] == utc(2026, 3, 2, 10, 0) + pd.Timedelta(minutes=minutes)
    assert pd.isna(book.cases["first_response"].iloc[1])


def test_hubspot_time_to_first_agent_reply_is_the_first_response_time(tmp_path: Path) -> None:
    """HubSpot's default ticket property (knowledge.hubspot.com/properties/hubspots-default-ticket-properties), as
    h:mm:ss; in milliseconds (its API unit) the numbers say no unit and the table is one error naming the column."""
    lines = ["Ticket ID,Ticket name,Priority,Create date,Time to first agent reply,Associated Company"]
    book = read_log(tmp_path, [*lines, "1001,ticket 1001,Urgent,2026-03-02 10:00,00:25:00,Acme Corp"])
    assert book.cases is not None and messages(book, Severity.ERROR) == []
    assert book.cases["first_response"].iloc[0] == book.cases["opened"].iloc[0] + pd.Timedelta(minutes=25)
    book = read_log(tmp_path, [*lines, "1001,ticket 1001,Urgent,2026-03-02 10:00,1500000,Acme Corp"])
    (error,) = messages(book, Severity.ERROR)
    assert "column 'Time to first agent reply' holds no durations ('1500000' says no unit" in error


def test_a_first_response_too_far_away_is_unreadable_not_a_crash(tmp_path: Path, catalog: Catalog) -> None:
    """1e20 minutes or 99999999999 hours overflow a time: each is an unreadable first response on its row."""
    path = tmp_path / "huge.csv"
    path.write_text(
        "Id,Organization,Priority,Created at,First reply time in minutes\n"
        "1,Acme Corp,Urgent,2026-03-02T10:00:00Z,100000000000000000000\n2,Acme Corp,Urgent,2026-03-02T10:00:00Z,0\n",
        "utf-8",
    )
    book = load_book([BOOK], case_files=[path])
    assert book.cases is not None
    assert pd.isna(book.cases["first_response"].iloc[0])
    assert book.cases["first_response"].iloc[1] == utc(2026, 3, 2, 10, 0)  # Zendesk's 0 minutes: answered at once
    (error,) = messages(book, Severity.ERROR)
    assert "the first response '100000000000000000000' cannot be read" in error
    spans, bad = parse_durations(pd.Series([timedelta(days=200_000), "99999999999:00:00", "0:30:00"], dtype=object), catalog)
    assert bad.tolist() == [True, True, False] and spans.iloc[2] == pd.Timedelta(minutes=30)


def test_salesforce_data_loader_cases_are_known_by_their_case_number(tmp_path: Path) -> None:
    """A Data Loader export of Case has both Id (the record id) and CaseNumber, each a case-id spelling: the
    case is known by its number, the spelling the catalog lists first, as the Salesforce screen shows it."""
    rows = ["Id,CaseNumber,Account.Name,Priority,CreatedDate,First_Response__c"]
    rows += [
        "5003x00000AbCdE1,00001026,Acme Corp,High,2026-11-05T09:00:00.000+0000,2026-11-05T09:40:00.000+0000",
        "5003x00000AbCdE2,00001027,Initech,Medium,2026-11-06T13:00:00.000+0000,2026-11-06T16:10:00.000+0000",
    ]
    book = read_log(tmp_path, rows)
    assert book.cases is not None
    assert book.cases["case_id"].tolist() == ["00001026", "00001027"]
    assert book.cases["customer"].tolist() == ["Acme Corp", "Initech"]


def test_hubspot_tickets_read_with_no_setup(tmp_path: Path) -> None:
    """HubSpot's ticket export: its default properties Ticket ID, Priority, Create date and First agent email
    response date (knowledge.hubspot.com, 'HubSpot's default ticket properties'), the company as Associated
    Company."""
    rows = [
        "Ticket ID,Ticket name,Pipeline,Ticket status,Priority,Create date,First agent email response date,Associated Company"
    ]
    rows += [
        "9001,SSO down,Support Pipeline,Closed,Urgent,2026-11-02 08:00,2026-11-02 08:25,Acme Corp",
        "9002,MFA question,Support Pipeline,Closed,Low,2026-11-03 10:00,2026-11-03 15:00,Initech",
    ]
    book = read_log(tmp_path, rows)
    assert book.cases is not None
    assert book.cases["case_id"].tolist() == ["9001", "9002"]
    assert book.cases["customer"].tolist() == ["Acme Corp", "Initech"]
    assert book.cases["first_response"].notna().all()
    assert not [f for f in book.findings if "close spelling" in f.message]


def test_jsm_time_to_first_response_is_never_read_as_time_taken_however_decorated(tmp_path: Path) -> None:
    """A full JSM CSV export names it 'Custom field (Time to first response)': still the time left to the target
    (0:30 left, -0:01 breached), never a first response 30 minutes after opening, nor one minute before."""
    rows = ["Issue key,Priority,Created,Custom field (Organizations),Custom field (Time to first response)"]
    rows += ["SUP-1,High,2026-11-14 04:00,Acme Corp,0:30", "SUP-2,Highest,2026-11-14 15:00,Acme Corp,-0:01"]
    book = read_log(tmp_path, rows)
    assert book.cases is None or book.cases.empty
    warnings = messages(book, Severity.WARNING)
    assert any("'Custom field (Time to first response)' is not read as first response time" in w for w in warnings)
    assert any("has no first-response column" in e for e in messages(book, Severity.ERROR))


def test_jsm_time_to_first_response_beside_a_response_date_is_said_once_not_offered(tmp_path: Path) -> None:
    """JSM's HTML export with 'Time to first response' (-30m, 1h) beside 'First Response Date': the SLA field is said
    not to be read, and no warning also offers it as the first response clock to map (the two contradicted)."""
    rows = ["Key,Organizations,Priority,Created,Time to first response,First Response Date"]
    rows += ["SUP-101,Acme Corp,P1,2026-03-01 09:05,-30m,2026-03-01 10:35"]
    rows += ["SUP-102,Acme Corp,P3,2026-07-14 14:00,1h,2026-07-14 15:00"]
    book = read_log(tmp_path, rows)
    assert book.cases is not None and book.cases["first_response"].notna().all()
    said = [w for w in messages(book, Severity.WARNING) if "'Time to first response'" in w]
    assert said == [
        "Column 'Time to first response' is not read as first response time: Jira Service Management's SLA field "
        "holds the time left to the target (negative once breached), not the time taken."
    ]


def test_a_status_beside_the_first_response_is_no_warning(tmp_path: Path) -> None:
    """Freshdesk writes 'First response status' (Within SLA / SLA Violated) beside its first response: it only
    looks like 'First response time', which the table does not need once it has its first response."""
    rows = ["Ticket ID,Priority,Created time,Initial response time,First response status,Company Name"]
    rows += ["501,Urgent,2026-10-02 16:00:00,2026-10-02 16:30:00,Within SLA,Acme Corp"]
    book = read_log(tmp_path, rows)
    assert book.cases is not None and book.cases["first_response"].notna().all()
    assert not messages(book, Severity.WARNING)


def test_a_name_made_of_first_and_last_name_is_no_warning_about_the_owner(tmp_path: Path) -> None:
    """HubSpot's contact export has First Name and Last Name (which make the name) and a 'Contact owner' that
    only looks like a name: no 'may hold the name' warning once the name is made."""
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Last Name,Email,Associated Company,Contact owner\nAda,Lovelace,ada@acme.test,Acme Corp,Dana Whitfield\n",
        "utf-8",
    )
    book = load_book([BOOK, path])
    assert [(c.name, c.customer) for c in book.contacts] == [("Ada Lovelace", "Acme Corp")]
    assert not [m for m in messages(book, Severity.WARNING) if "may hold" in m]


@pytest.mark.parametrize("scale", [1, 1000])
def test_unix_time_of_an_api_export_is_read_as_utc(tmp_path: Path, scale: int) -> None:
    """API dumps (Intercom, Freshdesk, Zendesk, Zapier) write seconds or milliseconds since 1970 (probe4)."""
    opened, answered = int(utc(2026, 11, 2, 8, 0).timestamp()), int(utc(2026, 11, 2, 8, 25).timestamp())
    book = read_log(
        tmp_path,
        [
            "Ticket ID,Created at,First response at,Priority,Organization,Product",
            f"1001,{opened * scale},{answered * scale},P1,Northwind Traders,Okta",
        ],
    )
    assert book.cases is not None
    assert (book.cases["opened"].iloc[0], book.cases["first_response"].iloc[0]) == (
        utc(2026, 11, 2, 8, 0),
        utc(2026, 11, 2, 8, 25),
    )
    assert not messages(book, Severity.ERROR)


@pytest.mark.parametrize(
    ("person", "company"),
    [
        ("Contact Name", "Contact Group"),  # HappyFox: the requester's company is their contact group
        ("Customer", "Customer Company"),  # Help Scout
        ("Contact name", "Contact company"),  # Front
    ],
)
def test_a_help_desk_s_company_column_names_the_case_s_customer(tmp_path: Path, person: str, company: str) -> None:
    """A help desk that names the requester (a person) and their company: the company is the customer the contracts
    name, so the case matches though no contact of the book shares the requester's email domain (tryout 12)."""
    rows = [f"Ticket ID,Priority,Created On,First Response Time,{person},{company},Contact Email,Product"]
    rows += ["#SUP1,Critical,2026-11-02 14:00,0 hrs 40 mins,Ana Ruiz,Acme Corp,ana@acme.example,Okta"]
    book = read_log(tmp_path, rows)
    assert book.cases is not None
    assert book.cases["customer"].tolist() == ["Acme Corp"]
    assert outcomes(book) == {"#SUP1": "Met"}
