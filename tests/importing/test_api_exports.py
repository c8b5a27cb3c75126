"""Case logs as help desks' APIs and SLA exports write them (tryout 10).

- Intercom's REST API conversation model dumped to CSV (https://developers.intercom.com/docs/references/rest-api/
  api.intercom.io/conversations/conversation/): nested objects flattened to dotted paths, created_at and
  statistics.first_admin_reply_at in Unix seconds, `priority` the yes/no flag (priority / not_priority), the
  workspace's own level in custom_attributes.Priority, statistics.first_contact_reply_at the customer's reply.
- Jira Service Management's SLA field exported as 'Time to first response - Goal / - Elapsed / - Status': the
  Goal is the target, the Elapsed counts on the SLA's own calendar.
- Zoho Desk's tickets (no time of the first response): refused, and `explain` says so.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from explorer.catalog import default_catalog
from explorer.cli import main
from explorer.importing.book import load_book
from explorer.importing.headers import column_kinds, recognise
from explorer.model import Book, Severity
from explorer.sla.engine import evaluate

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "files"
BOOK = CORPUS / "companion_contracts.csv"
AS_OF = datetime(2026, 12, 7, tzinfo=UTC)

INTERCOM = (
    "id,created_at,updated_at,state,priority,custom_attributes.Priority,company.name,custom_attributes.Product,"
    "statistics.first_contact_reply_at,statistics.first_admin_reply_at,statistics.time_to_admin_reply,source.type"
)


def epoch(text: str) -> int:
    return int(pd.Timestamp(text, tz="UTC").timestamp())


def intercom_dump(tmp_path: Path, milliseconds: bool = False) -> Path:
    """Three Acme and Initech conversations; the customer writes again 5 minutes after opening, before any agent."""
    scale = 1000 if milliseconds else 1
    lines = [INTERCOM]
    for i, (customer, flag, level, opened, reply) in enumerate(
        [
            ("Acme Corp", "priority", "P1", "2026-03-02 10:00", "2026-03-02 10:25"),  # P1, 1 h: met
            ("Initech", "not_priority", "P2", "2026-03-03 14:00", "2026-03-03 17:30"),  # P2 Premier, 2 h: breached
            ("Acme Corp", "not_priority", "P3", "2026-03-04 09:00", ""),
        ]
    ):
        start = epoch(opened) * scale
        customer_reply = (epoch(opened) + 300) * scale
        admin = epoch(reply) * scale if reply else ""
        took = epoch(reply) - epoch(opened) if reply else ""
        lines.append(
            f"21548000000{i},{start},{start},closed,{flag},{level},{customer},Okta,{customer_reply},{admin},{took},email"
        )
    path = tmp_path / "intercom_api.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def messages(book: Book, severity: Severity) -> list[str]:
    return [f.message for f in book.findings if f.severity is severity]


@pytest.mark.parametrize("milliseconds", [False, True])
def test_an_intercom_api_dump_is_read_with_no_setup(tmp_path: Path, milliseconds: bool) -> None:
    """It was refused ('has no first-response column'), and its yes/no flag was taken for the priority."""
    book = load_book([BOOK], case_files=[intercom_dump(tmp_path, milliseconds)])
    assert not messages(book, Severity.ERROR)
    assert book.cases is not None and len(book.cases) == 3
    cases = book.cases.set_index("case_id")
    assert cases.loc["215480000000", "opened"] == pd.Timestamp("2026-03-02 10:00", tz="UTC")
    # the agent's reply, not the customer's (first_contact_reply_at, 5 minutes in)
    assert cases.loc["215480000000", "first_response"] == pd.Timestamp("2026-03-02 10:25", tz="UTC")
    assert pd.isna(cases.loc["215480000002", "first_response"])
    assert cases["priority"].tolist() == [1, 2, 3]  # the levels, not the flag (which would give none)
    infos = messages(book, Severity.INFO)
    assert (
        "Read 'custom_attributes.Priority' as Priority (its values are priority levels, read over 'priority', a yes/no "
        "flag)." in infos
    )
    unix = [m for m in infos if m.startswith("Read 'statistics.first_admin_reply_at' as Unix time")]
    assert unix and unix[0].endswith("is 2026-03-02 10:25 UTC.")
    result = evaluate(book, default_catalog(), AS_OF).cases.set_index("case_id")["outcome"].astype(str)
    assert result["215480000000"] == "Met" and result["215480000001"] == "Breached"


def test_a_dotted_path_s_last_part_names_a_field_only_where_no_other_path_ends_so() -> None:
    """author.email beside assignee.email: 'email' alone says neither is the requester's; alone it is."""
    spec = default_catalog().tables["cases"]
    base = {0: "id", 1: "created_at", 2: "organization.name", 3: "priority_level"}
    one = recognise(spec, {**base, 4: "author.email"}, {}, default_catalog())
    assert one.columns.get("requester_email") == 4
    two = recognise(spec, {**base, 4: "author.email", 5: "assignee.email"}, {}, default_catalog())
    assert "requester_email" not in two.columns


def test_unix_times_fit_a_time_field_only_by_its_header() -> None:
    """A column of Unix seconds is a time where its header names one (created_at), never by a fuzzy guess."""
    catalog = default_catalog()
    rows = [["1", "1772445600", "1772445600", "Acme Corp", "P1", "1772447100"]]
    headers = {0: "id", 1: "created_at", 2: "updated_at", 3: "company.name", 4: "priority", 5: "statistics.first_admin_reply_at"}
    found = recognise(catalog.tables["cases"], headers, column_kinds(rows, list(headers), catalog.flag_words), catalog)
    assert found.columns["opened"] == 1 and found.columns["first_response"] == 5
    assert 2 not in found.columns.values()


def test_the_jsm_sla_export_names_its_elapsed_column_and_what_to_export_instead(tmp_path: Path) -> None:
    """The refusal stands (the Elapsed counts on JSM's SLA calendar), but it now names the Elapsed column and says
    to export the time of the first response; before, nothing named it."""
    log = tmp_path / "jsm.csv"
    log.write_text(
        "Summary,Issue key,Priority,Created,Custom field (Organizations),Custom field (Product),"
        "Time to first response - Goal,Time to first response - Elapsed,Time to first response - Status\n"
        "SSO down,SUP-301,Highest,02/Nov/26 9:00 AM,Initech,Okta,1h,40m,Met\n",
        "utf-8",
    )
    book = load_book([BOOK], case_files=[log])
    (error,) = messages(book, Severity.ERROR)
    assert "has no first-response column" in error
    elapsed = [w for w in messages(book, Severity.WARNING) if "'Time to first response - Elapsed'" in w]
    assert len(elapsed) == 1
    assert "SLA's own calendar" in elapsed[0] and "export the date and time of the first response instead" in elapsed[0]
    assert not [w for w in messages(book, Severity.WARNING) if "Goal" in w and "may hold" in w]


def test_explain_on_a_refused_log_says_its_cases_were_not_read(capsys: pytest.CaptureFixture[str]) -> None:
    """It said 'Case 1 is not in the case log', as though the log had been read."""
    log = CORPUS / "refuse_zoho_desk_tickets.csv"
    assert main(["explain", "101", str(BOOK), "--cases", str(log), "--as-of", "2026-12-07"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Case 101 is not among the cases read: the cases of the case log refuse_zoho_desk_tickets.csv ")
    assert "could not be read" in out and "has no first-response column" in out


SERVICENOW = [
    "Number,Account,Product,Priority,Opened,Response time",  # ServiceNow CSM, London times, every day 12 or less
    "CS0012001,Acme Corp,Okta,1 - Critical,02/11/2026 14:00:00,40 Minutes",
    "CS0012002,Initech,Okta,2 - High,06/11/2026 09:00:00,1 Hour 30 Minutes",
    "CS0012003,Acme Corp,Okta,3 - Moderate,07/10/2026 16:00:00,2 Hours",
]


def servicenow_log(tmp_path: Path) -> Path:
    path = tmp_path / "servicenow_cases.csv"
    path.write_text("\n".join(SERVICENOW) + "\n", "utf-8")
    return path


def test_a_log_whose_every_date_reads_both_ways_is_one_error_naming_the_remedy(tmp_path: Path) -> None:
    """It was one error per row and column, and no way to say the order but editing the file."""
    book = load_book([BOOK], case_files=[servicenow_log(tmp_path)])
    (error,) = messages(book, Severity.ERROR)
    assert error.startswith("Column 'Opened': '02/11/2026 14:00:00' is ambiguous: it could be 2 November or 11 February")
    assert "and so are 2 more of its times; cases CS0012001, CS0012002, CS0012003 are not counted." in error
    assert "--case-dates day-first" in error and 'dates = "day first"' in error


def test_one_more_ambiguous_time_is_said_in_the_singular(tmp_path: Path) -> None:
    """newuser3: two ambiguous openings read 'and so are 1 more of its times'."""
    path = tmp_path / "two.csv"
    path.write_text("\n".join(SERVICENOW[:3]) + "\n", "utf-8")
    (error,) = messages(load_book([BOOK], case_files=[path]), Severity.ERROR)
    assert "and so is 1 more of its times; cases CS0012001, CS0012002 are not counted." in error


@pytest.mark.parametrize(("day_first", "opened"), [(True, "2026-11-02 14:00"), (False, "2026-02-11 14:00")])
def test_the_case_log_s_date_order_can_be_stated(tmp_path: Path, day_first: bool, opened: str) -> None:
    book = load_book([BOOK], case_files=[servicenow_log(tmp_path)], case_dates=day_first)
    assert not messages(book, Severity.ERROR)
    assert book.cases is not None
    assert book.cases.set_index("case_id").loc["CS0012001", "opened"] == pd.Timestamp(opened, tz="UTC")
    said = "day first" if day_first else "month first"
    assert any(m.startswith(f"Dates are read {said}, as --case-dates says") for m in messages(book, Severity.INFO))


def test_a_mapping_states_the_date_order_and_the_file_s_own_dates_still_win(tmp_path: Path) -> None:
    from explorer.importing.mappings import Lookup, MappingError, dump_mappings, load_mapping_file

    catalog = default_catalog()
    layout = SERVICENOW[0].split(",")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[[mapping]]\nkind = "cases"\ndates = "day first"\nlayout = [' + ", ".join(f'"{h}"' for h in layout) + "]\n"
        '[mapping.columns]\ncase_id = "Number"\ncustomer = "Account"\nproduct = "Product"\npriority = "Priority"\n'
        'opened = "Opened"\nfirst_response_time = "Response time"\n',
        "utf-8",
    )
    (read,) = load_mapping_file(mapping, catalog)
    assert read.day_first is True and 'dates = "day first"' in dump_mappings([read])
    book = load_book([BOOK], case_files=[servicenow_log(tmp_path)], catalog=catalog, saved=Lookup([read]))
    assert not messages(book, Severity.ERROR)
    assert book.cases is not None
    assert book.cases.set_index("case_id").loc["CS0012002", "opened"] == pd.Timestamp("2026-11-06 09:00", tz="UTC")
    # a date with a day over 12 settles the order: the statement gives way, said in a warning
    settled = tmp_path / "settled.csv"
    settled.write_text("\n".join([*SERVICENOW, "CS0012004,Initech,Okta,4 - Low,11/16/2026 10:00:00,1 Hour"]) + "\n", "utf-8")
    book = load_book([BOOK], case_files=[settled], catalog=catalog, saved=Lookup([read]))
    assert (
        "Dates are read month first, as the file's own dates show (11/16/2026 10:00:00 in row 5, column 'Opened'), "
        "not day first as its column mapping says." in messages(book, Severity.WARNING)
    )
    mapping.write_text(mapping.read_text("utf-8").replace('"day first"', '"yes"'), "utf-8")
    with pytest.raises(MappingError, match="dates: expected 'day first' or 'month first', found 'yes'"):
        load_mapping_file(mapping, catalog)


def test_case_dates_reach_a_case_log_named_among_the_books_and_no_contract(tmp_path: Path) -> None:
    """The app names no file a case log (tables are told apart), nor does `check BOOK LOG`: --case-dates was left
    unused there, the log's dates an error. It is for case tables only: a contract book's dates are its own."""
    log = tmp_path / "servicenow_cases.csv"
    log.write_text("\n".join(SERVICENOW) + "\n", "utf-8")
    contracts = tmp_path / "contracts.csv"
    contracts.write_text("Customer,Product,Support Tier,Term Start,Term End\nAcme Corp,Okta,Premier,01/02/2026,01/01/2027\n")
    book = load_book([BOOK, log], case_dates=True, case_dates_from="case_dates in q4.explorer.toml")
    assert not messages(book, Severity.ERROR)
    said = "Dates are read day first, as case_dates in q4.explorer.toml says: 02/11/2026 is 2 November 2026."
    assert said in messages(book, Severity.INFO)
    book = load_book([contracts], case_dates=True)
    assert any("'01/02/2026' is ambiguous" in e for e in messages(book, Severity.ERROR))


DISAGREEING = [  # Created day first (25/03), First Response month first (12/25): each column settles its own order
    "Number,Account,Product,Priority,Created,First Response",
    "CS1,Acme Corp,Okta,1 - Critical,25/03/2026 10:00,03/04/2026 10:30",
    "CS2,Acme Corp,Okta,1 - Critical,03/04/2026 10:00,12/25/2026 13:00",
]


def test_columns_that_settle_opposite_orders_are_named_not_said_to_have_no_day_over_12(tmp_path: Path) -> None:
    """Two columns each settling its own order leave the file's order open: the errors said 'no date in the file
    has a day over 12', which is false. One error names each column's deciding date, the ambiguous ones say why; with
    --case-dates, the column whose dates show the other order is warned of, as a whole file's is."""
    log = tmp_path / "log.csv"
    log.write_text("\n".join(DISAGREEING) + "\n", "utf-8")
    book = load_book([BOOK], case_files=[log])
    errors = messages(book, Severity.ERROR)
    assert not any("no date in the file has a day over 12" in e for e in errors)
    assert (
        "The dates disagree on whether the day or the month comes first: column 'Created' has 25/03/2026 10:00 (row 2), "
        "day first; column 'First Response' has 12/25/2026 13:00 (row 3), month first. A date that reads both ways (03/04) is "
        "not read until the order is stated."
    ) in errors
    assert any("(the file's dates settle neither order: 25/03/2026 is written day first, 12/25/2026 month" in e for e in errors)
    book = load_book([BOOK], case_files=[log], case_dates=False)
    assert not any("disagree" in e for e in messages(book, Severity.ERROR))
    (warned,) = [f for f in book.findings if f.severity is Severity.WARNING and "writes its dates" in f.message]
    assert warned.message == (
        "Column 'Created' writes its dates day first, as its own dates show (25/03/2026 10:00, row 2), not month first "
        "as --case-dates says; its dates that read both ways are read month first."
    )
    assert (warned.source.row, warned.column) == (2, "Created")


def test_a_stated_order_the_other_sheet_overrules_names_that_sheets_date(tmp_path: Path) -> None:
    """A workbook's contracts sheet writes 30/01/2026; its case sheet's dates read both ways: the file's order is day
    first whatever --case-dates says, and the warning names the sheet, row and column whose date settles it."""
    from tests.files import write_sheets

    book_file = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Contracts": [
                ["Customer", "Product", "Support Tier", "Start Date", "End Date"],
                ["Acme Corp", "Okta", "Premier", "30/01/2026", "29/01/2027"],
            ],
            "Cases": [line.split(",") for line in SERVICENOW],
        },
    )
    book = load_book([book_file], case_dates=False)
    assert (
        "Dates are read day first, as the file's own dates show (30/01/2026 on sheet 'Contracts', row 2, column "
        "'Start Date'), not month first as --case-dates says."
    ) in messages(book, Severity.WARNING)


def test_check_takes_case_dates_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = str(servicenow_log(tmp_path))
    assert main(["check", str(BOOK), "--cases", log, "--as-of", "2026-12-07", "--case-dates", "day-first"]) == 0
    assert "Dates are read day first, as --case-dates says: 02/11/2026 is 2 November 2026." in capsys.readouterr().out


def test_an_api_s_zero_is_not_yet_and_one_stray_time_is_its_row_s_error(tmp_path: Path) -> None:
    """hostile round 5: a first reply of 0 (the API's 'not answered yet') on one of ten conversations, or one row whose
    times are not Unix times, made the whole log 'has no first-response column'. 0 is a blank, a stray value its own
    row's error; the other cases are judged."""
    header = "id,created_at,priority_level,company.name,custom_attributes.Product,statistics.first_admin_reply_at"
    opened = [epoch(f"2026-03-0{d} 10:00") for d in range(1, 10)]
    rows = [f"{i},{t},P1,Acme Corp,Okta,{t + 600}" for i, t in enumerate(opened, 1)]
    unanswered = tmp_path / "zero.csv"
    unanswered.write_text("\n".join([header, *rows, f"10,{opened[0]},P1,Acme Corp,Okta,0"]) + "\n", "utf-8")
    book = load_book([BOOK], [unanswered])
    assert book.cases is not None and len(book.cases) == 10
    assert book.cases["first_response"].isna().sum() == 1  # the 0: not answered, not 1970
    assert not messages(book, Severity.ERROR)
    stray = tmp_path / "stray.csv"
    stray.write_text("\n".join([header, *rows, "10,0,P1,Acme Corp,Okta,600"]) + "\n", "utf-8")
    book = load_book([BOOK], [stray])
    assert book.cases is not None and len(book.cases) == 10
    errors = [f for f in book.findings if f.severity is Severity.ERROR]
    assert errors and {f.source.row for f in errors} == {11}  # the stray row alone


INTERCOM_REST = (
    "type,id,created_at,updated_at,source.author.type,source.author.email,admin_assignee_id,"
    "statistics.first_contact_reply_at,statistics.first_admin_reply_at,statistics.last_admin_reply_at,priority,"
    "custom_attributes.Priority,custom_attributes.Product,state"
)


def test_a_conversation_whose_requester_names_no_customer_says_so(tmp_path: Path) -> None:
    """Intercom's conversations name no company: the customer comes from the author's email. One whose email is no
    contact's and whose domain is no customer's was said as "no contract for '' (Okta)"."""
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("Customer,Name,Email\nGlobex GmbH,Uwe Kurz,uwe.kurz@globex.test\n", "utf-8")
    log = tmp_path / "conversations.csv"
    opened, reply = epoch("2026-11-02 09:05"), epoch("2026-11-02 09:40")
    log.write_text(
        "\n".join(
            [
                INTERCOM_REST,
                f"conversation,215470001,{opened},{reply},user,ann.lee@acme.test,5541,{opened},{reply},{reply},priority,P1,Okta,closed",
                f"conversation,215470002,{opened},{reply},lead,ops@globex.test,5541,{opened},{reply},{reply},not_priority,P2,Auth0,open",
                f"conversation,215470003,{opened},{reply},lead,,5541,{opened},{reply},{reply},not_priority,P3,Okta,open",
            ]
        )
        + "\n",
        "utf-8",
    )
    book = load_book([BOOK, contacts], case_files=[log])
    result = evaluate(book, default_catalog(), AS_OF)
    outcome = result.cases.set_index("case_id")["outcome"].astype(str)
    assert outcome["215470002"] != "Unmatched" and outcome["215470001"] == "Unmatched"  # globex.test is Globex's
    unmatched = {f.message.split(":", 1)[0]: f for f in result.findings if f.severity is Severity.WARNING}
    asked = unmatched["Case 215470001"]
    assert asked.message == (
        "Case 215470001: the case names no customer, and its requester 'ann.lee@acme.test' matches none: no contact "
        "of the book has that email, and no one customer's contacts share its domain; the case is not counted."
    )
    assert asked.column == "source.author.email" and asked.source.row == 2
    assert unmatched["Case 215470003"].message == (
        "Case 215470003: the case names no customer (the log has no customer column and its 'source.author.email' cell "
        "is blank); the case is not counted."
    )
