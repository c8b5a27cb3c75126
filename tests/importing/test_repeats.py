"""A case listed more than once (overlapping exports, a log loaded twice, a transcript export) is one case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer import clock
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.model import Severity
from explorer.sla.compliance import compliance
from explorer.sla.engine import evaluate
from explorer.sla.explain import explain

from ..files import write_csv

CONTRACTS = [
    ["Northwind Traders", "Okta", "Premier", "2026-01-01", "2026-12-31"],
    ["Contoso", "Okta", "Premier", "2026-01-01", "2026-12-31"],
]
HEADER = ["Ticket ID", "Created", "Priority", "Organization", "Product", "First response at"]


def contracts(folder: Path) -> Path:
    return write_csv(folder / "book.csv", header=["Customer", "Product", "Tier", "Term Start", "Term End"], rows=CONTRACTS)


def test_overlapping_exports_count_each_case_once(tmp_path: Path) -> None:
    october = write_csv(
        tmp_path / "oct_nov.csv",
        header=HEADER,
        rows=[
            ["5001", "2026-11-02 08:00", "P2", "Northwind Traders", "Okta", "2026-11-02 08:25"],
            ["5002", "2026-11-03 10:00", "P2", "Northwind Traders", "Okta", ""],  # not answered when exported
        ],
    )
    november = write_csv(
        tmp_path / "nov_dec.csv",
        header=HEADER,
        rows=[
            ["5002", "2026-11-03 10:00", "P2", "Northwind Traders", "Okta", "2026-11-03 13:00"],  # answered late since
            ["5003", "2026-11-20 10:00", "P2", "Northwind Traders", "Okta", "2026-11-20 10:30"],
        ],
    )
    for order in ([october, november], [november, october]):  # the row that knows the response, whichever comes first
        book = load_book([contracts(tmp_path)], order)
        assert book.cases is not None
        assert sorted(book.cases["case_id"]) == ["5001", "5002", "5003"]
        result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 11, 28)))
        table = compliance(result.cases, ["priority"])
        assert (int(table["Cases"].sum()), int(table["Met"].sum()), int(table["Breached"].sum())) == (3, 2, 1)
        notes = [f for f in book.findings if "listed" in f.message]
        first, second = (p.name for p in order)
        assert [(f.severity, f.message) for f in notes] == [
            (
                Severity.INFO,
                f"1 case is listed in both {first} and {second} (overlapping exports): it is counted once, with the "
                "earliest opening and first response its rows give (the first confirmation by a person), the rest from "
                "the row with that response, else the one read last. Case 5002.",
            )
        ]
        assert notes[0].source.file.endswith("nov_dec.csv")  # where the row kept was read


def test_rows_of_one_case_that_disagree_are_a_warning_and_two_customers_two_cases(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "log.csv",
        header=HEADER,
        rows=[
            ["7001", "2026-11-02 08:00", "P1", "Northwind Traders", "Okta", "2026-11-02 08:25"],
            ["7001", "2026-11-02 08:00", "P3", "Northwind Traders", "Okta", "2026-11-02 08:25"],  # lowered later
            ["7002", "2026-11-04 09:00", "P2", "Northwind Traders", "Okta", "2026-11-04 09:10"],
            ["7002", "2026-11-04 09:00", "P2", "", "Okta", "2026-11-04 09:10"],  # a message row naming no company
            ["42", "2026-11-05 09:00", "P2", "Northwind Traders", "Okta", "2026-11-05 09:10"],
            ["42", "2026-11-06 09:00", "P4", "Contoso", "Okta", "2026-11-06 09:10"],  # another system's 42
        ],
    )
    book = load_book([contracts(tmp_path)], [log])
    assert book.cases is not None
    assert sorted(zip(book.cases["case_id"], book.cases["customer"], book.cases["priority"], strict=True)) == [
        ("42", "Contoso", 4),
        ("42", "Northwind Traders", 2),
        ("7001", "Northwind Traders", 1),  # the first row's, nearest the opening: a lowering moves no target
        ("7002", "Northwind Traders", 2),
    ]
    notes = [f for f in book.findings if "listed" in f.message]
    assert [(f.severity, f.source.row, f.message) for f in notes] == [
        (
            Severity.WARNING,
            3,
            "2 cases are listed more than once in log.csv: each is counted once, with the earliest opening and first "
            "response its rows give (the first confirmation by a person), the rest from the row with that response, "
            "else the one read last. Cases 7001, 7002. 1 of them differs in opening time, priority or first response "
            "between their rows (check the exports): Case 7001: priority P1 (log.csv row 2) kept, not P3 (log.csv row 3).",
        )
    ]


def test_two_help_desks_that_disagree_on_a_case_give_one_verdict_in_either_order(tmp_path: Path) -> None:
    """The first response is the first confirmation by a person (domain.md §4): the earliest any log gives, as is the
    opening, whichever log is read last; a product only one log names is kept either way."""
    zendesk = write_csv(
        tmp_path / "zendesk.csv",
        header=["Id", "Organization", "Priority", "Created at (UTC)", "First reply at (UTC)"],
        rows=[["9001", "Northwind Traders", "Urgent", "2026-11-02 08:00:00", "2026-11-02 08:40:00"]],
    )
    salesforce = write_csv(
        tmp_path / "salesforce.csv",
        header=["Case Number", "Account Name", "Product", "Priority", "Date/Time Opened", "First Response (Date/Time)"],
        rows=[["9001", "Northwind Traders", "Okta", "P1 - Critical", "2026-11-02 07:50", "2026-11-02 09:30"]],
    )
    for order in ([zendesk, salesforce], [salesforce, zendesk]):
        book = load_book([contracts(tmp_path)], order)
        assert book.cases is not None
        case = book.cases.iloc[0]
        assert len(book.cases) == 1 and case["product"] == "okta"
        assert (f"{case['opened']:%H:%M}", f"{case['first_response']:%H:%M}") == ("07:50", "08:40")
        result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 11, 28)))
        table = compliance(result.cases, ["priority"])
        assert (int(table["Met"].sum()), int(table["Breached"].sum())) == (1, 0)  # 50 min of P1's hour
        notes = [f for f in book.findings if "listed" in f.message]
        assert len(notes) == 1 and notes[0].severity is Severity.WARNING
        assert notes[0].message.endswith(
            "Case 9001: opening 2026-11-02 07:50 UTC (salesforce.csv row 2) kept, not 2026-11-02 08:00 UTC "
            "(zendesk.csv row 2), first response 2026-11-02 08:40 UTC (zendesk.csv row 2) kept, not 2026-11-02 09:30 UTC "
            "(salesforce.csv row 2)."
        )
        assert (notes[0].source.file, notes[0].source.row) == (str(zendesk), 2)  # the row whose response is kept


def test_a_log_giving_no_opening_for_a_repeated_case_is_said_to_give_none(tmp_path: Path) -> None:
    """newuser3: 'opening 2026-04-03 09:00 UTC (cases_df.csv row 2) kept, not none (cases.csv row 2)': the other
    log's row gives no opening (a blank cell, or one not read); it is said so, not as a value."""
    header = ["Ticket ID", "Organization", "Product", "Priority", "Created at", "First reply at"]
    given = write_csv(tmp_path / "a.csv", header=header, rows=[["1", "Contoso", "Okta", "P1", "2026-04-03 09:00", ""]])
    blank = write_csv(tmp_path / "b.csv", header=header, rows=[["1", "Contoso", "Okta", "P1", "", "2026-04-03 09:30"]])
    for order in ([given, blank], [blank, given]):
        book = load_book([contracts(tmp_path)], order)
        (said,) = [f.message for f in book.findings if "listed in both" in f.message]
        assert said.endswith("Case 1: opening 2026-04-03 09:00 UTC (a.csv row 2) kept, where b.csv row 2 gives no opening.")


def test_the_priority_at_opening_one_log_gives_sets_the_target_in_either_order(tmp_path: Path) -> None:
    """Okta may lower a case's priority; a log recording the priority at opening knows the target (domain.md §4)."""
    lowered = write_csv(
        tmp_path / "current.csv",
        header=HEADER,
        rows=[["9101", "2026-11-02 08:00", "P3", "Northwind Traders", "Okta", "2026-11-02 09:30"]],
    )
    at_open = write_csv(
        tmp_path / "at_open.csv",
        header=[*HEADER, "Initial Priority"],
        rows=[["9101", "2026-11-02 08:00", "P3", "Northwind Traders", "Okta", "2026-11-02 09:30", "P1"]],
    )
    for order in ([lowered, at_open], [at_open, lowered]):
        book = load_book([contracts(tmp_path)], order)
        assert book.cases is not None and book.cases["priority"].tolist() == [1]
        result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 11, 28)))
        assert int(compliance(result.cases, ["priority"])["Breached"].sum()) == 1  # 90 min of P1's hour


def test_two_exports_that_differ_on_a_priority_keep_the_older_exports_in_either_order(tmp_path: Path) -> None:
    """No row gives the priority at opening: the October export says P1, the December one P3 (lowered since). The
    verdict hung on the order of --cases (P3 Met one way, P1 Breached the other: tryout 10); the oldest export's, the
    file whose latest case opened first, is nearest the opening and is kept either way."""
    older = write_csv(
        tmp_path / "oct_nov.csv",
        header=HEADER,
        rows=[
            ["9201", "2026-11-02 08:00", "P1", "Northwind Traders", "Okta", "2026-11-02 09:20"],
            ["9202", "2026-10-05 08:00", "P2", "Northwind Traders", "Okta", "2026-10-05 08:30"],
        ],
    )
    newer = write_csv(
        tmp_path / "nov_dec.csv",
        header=HEADER,
        rows=[
            ["9201", "2026-11-02 08:00", "P3", "Northwind Traders", "Okta", "2026-11-02 09:20"],
            ["9203", "2026-12-01 08:00", "P2", "Northwind Traders", "Okta", "2026-12-01 08:30"],
        ],
    )
    for order in ([older, newer], [newer, older]):
        book = load_book([contracts(tmp_path)], order)
        assert book.cases is not None
        priorities = dict(zip(book.cases["case_id"], book.cases["priority"], strict=True))
        assert priorities == {"9201": 1, "9202": 2, "9203": 2}, order
        result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 12, 6)))
        assert int(compliance(result.cases, ["priority"])["Breached"].sum()) == 1  # 80 min of P1's hour


def test_emails_pasted_with_a_name_or_as_a_link_are_read_as_the_address(tmp_path: Path) -> None:
    """Outlook's 'Jane Doe <jane@x>' and 'mailto:' links: the address is what matches a requester and what the sheet
    shows; the display name stands in for a contact the book names no other way."""
    people = write_csv(
        tmp_path / "people.csv",
        header=["Customer", "Name", "Email"],
        rows=[
            ["Northwind Traders", "", "Jane Doe <jane@northwind.test>"],
            ["Northwind Traders", "Omar Haddad", "mailto:omar@northwind.test"],
            ["Northwind Traders", "Ivo Silva", "ivo@northwind.test"],
        ],
    )
    log = write_csv(
        tmp_path / "log.csv",
        header=["Ticket ID", "Created", "Priority", "Requester Email", "Product", "First response at"],
        rows=[["8001", "2026-11-02 08:00", "P2", "Omar Haddad <OMAR@northwind.test>", "Okta", "2026-11-02 08:25"]],
    )
    book = load_book([contracts(tmp_path), people], [log])
    assert [(c.name, c.email) for c in book.contacts] == [
        ("Jane Doe", "jane@northwind.test"),
        ("Omar Haddad", "omar@northwind.test"),
        ("Ivo Silva", "ivo@northwind.test"),
    ]
    notes = [f.message for f in book.findings if "read as the address alone" in f.message]
    assert notes == [
        "2 emails written with a name or as a mailto: link ('Jane Doe <jane@northwind.test>', ...) were read as the "
        "address alone."
    ]
    assert book.cases is not None and book.cases["customer"].tolist() == ["Northwind Traders"]  # by its requester


def test_one_id_naming_two_products_in_two_logs_is_two_cases(tmp_path: Path) -> None:
    """Two help desks number their tickets independently: an Okta R-4 and an Auth0 R-4 of one customer are two
    cases, each judged on its own product's clock; a row naming no product joins the ID's only product."""
    book_file = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Term Start", "Term End"],
        rows=[[*CONTRACTS[0]], ["Northwind Traders", "Auth0", "Enterprise", "2026-01-01", "2026-12-31"]],
    )
    okta = write_csv(
        tmp_path / "okta.csv",
        header=HEADER,
        rows=[
            ["R-4", "2026-03-04 10:00", "P1", "Northwind Traders", "Okta", "2026-03-04 10:50"],
            ["R-5", "2026-03-05 10:00", "P1", "Northwind Traders", "Okta", "2026-03-05 10:20"],
        ],
    )
    auth0 = write_csv(
        tmp_path / "auth0.csv",
        header=HEADER,
        rows=[
            ["R-4", "2026-03-04 09:55", "P1", "Northwind Traders", "Auth0", "2026-03-04 10:05"],
            ["R-5", "2026-03-05 10:00", "P1", "Northwind Traders", "", "2026-03-05 10:20"],  # the same case, unnamed
        ],
    )
    for order in ([okta, auth0], [auth0, okta]):
        book = load_book([book_file], order)
        assert book.cases is not None
        assert sorted(zip(book.cases["case_id"], book.cases["product"], strict=True)) == [
            ("R-4", "auth0"),
            ("R-4", "okta"),
            ("R-5", "okta"),
        ]
        result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 6, 1)))
        assert sorted(result.cases["outcome"].astype(str)) == ["Met", "Met", "Met"]  # Okta's 50 min of its hour
        notes = [f for f in book.findings if "more than one case" in f.message]
        first, second = (p.name for p in order)
        assert [(f.severity, f.message) for f in notes] == [
            (
                Severity.INFO,
                "1 case ID names more than one case: its rows name different customers or products, and help desks "
                "number their tickets independently, so each case is counted on its own: "
                f"R-4 ({first} row 2, {second} row 2).",
            )
        ]


def test_a_row_refused_for_a_response_before_its_opening_gives_the_folded_case_neither_time(tmp_path: Path) -> None:
    """The row whose first response is before its opening is refused on its row; the folded case takes neither of its
    times, shows its readable opening as written, and its row findings say the case is counted from the other rows."""
    first = write_csv(
        tmp_path / "first.csv",
        header=HEADER,
        rows=[
            ["R-2", "2026-03-02 12:00+02:00", "P1", "Northwind Traders", "Okta", "2026-03-02 11:30+02:00"],
            ["R-6", "", "P1", "Northwind Traders", "Okta", "2026-03-06 10:30"],
            ["R-9", "2026-03-09 10:00", "P1", "Northwind Traders", "Okta", "2026-03-09 09:00"],  # alone: not judged
        ],
    )
    second = write_csv(
        tmp_path / "second.csv",
        header=HEADER,
        rows=[
            ["R-2", "2026-03-02 09:00 UTC", "P1", "Northwind Traders", "Okta", "2026-03-02 10:20 UTC"],
            ["R-6", "2026-03-06 10:00", "P1", "Northwind Traders", "Okta", ""],
        ],
    )
    for order in ([first, second], [second, first]):
        book = load_book([contracts(tmp_path)], order)
        assert book.cases is not None
        times = {
            c: (f"{o:%H:%M}", f"{r:%H:%M}")
            for c, o, r in zip(book.cases["case_id"], book.cases["opened"], book.cases["first_response"], strict=True)
        }
        assert times == {"R-2": ("09:00", "10:20"), "R-6": ("10:00", "10:30"), "R-9": ("10:00", "09:00")}
        result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 6, 1)))
        outcomes = dict(zip(result.cases["case_id"], result.cases["outcome"].astype(str), strict=True))
        assert outcomes == {"R-2": "Breached", "R-6": "Met", "R-9": "Not evaluated"}
        rows = {(f.source.row, f.message.split(":")[0]): f for f in book.findings if f.source.file == str(first)}
        assert rows[(2, "Case R-2")].severity is Severity.WARNING
        assert rows[(2, "Case R-2")].message == (
            "Case R-2: the first response '2026-03-02 11:30+02:00' is earlier than the opening time; this row's value is "
            "not used, and the case is counted from its other rows (second.csv row 2)."
        )
        assert rows[(3, "Case R-6")].message == (
            "Case R-6: the opening time is missing; this row's value is not used, and the case is counted from its other "
            "rows (second.csv row 3)."
        )
        assert rows[(4, "Case R-9")].severity is Severity.ERROR  # alone, it is not counted, and says so
        assert rows[(4, "Case R-9")].message.endswith("the case is not counted.")
        folded = next(f.message for f in book.findings if "listed in both" in f.message)
        assert (
            "Case R-2: opening 2026-03-02 09:00 UTC (second.csv row 2) kept, not 2026-03-02 10:00 UTC (first.csv row 2, "
            "whose response is before its opening: not used), first response 2026-03-02 10:20 UTC (second.csv row 2) "
            "kept, not 2026-03-02 09:30 UTC (first.csv row 2, whose response is before its opening: not used)"
        ) in folded
    alone = explain(book, default_catalog(), result, "R-9").lines
    assert alone[1:] == [
        "Opened: 2026-03-09 10:00 UTC; Mon 2026-03-09 10:00 UTC customer local time",
        "First human response: 2026-03-09 09:00 UTC, earlier than the opening time: one of the two times is wrong, so "
        "no clock runs",
        "Outcome: Not evaluated",
    ]


MILESTONES = ["Case Number", "Account Name", "Product", "Priority", "Date/Time Opened", "Milestone", "Completion Date"]


def test_a_milestone_export_judges_no_case_whose_first_response_milestone_it_lacks(tmp_path: Path) -> None:
    """A case with only a Resolution row, and an org whose First Response milestone is named 'Customer
    Acknowledgement', were judged Breached as unanswered with no finding (tryout 10). Such a case is not judged, a
    warning names the export's milestones, and a name the catalog lists (values.first_response_milestones) reads."""
    rows = [
        ["00001", "Northwind Traders", "Okta", "P2", "2026-11-02 08:00", "First Response", "2026-11-02 08:30"],
        ["00001", "Northwind Traders", "Okta", "P2", "2026-11-02 08:00", "Resolution", ""],
        ["00002", "Northwind Traders", "Okta", "P2", "2026-11-03 08:00", "Resolution", "2026-11-04 08:00"],
    ]
    log = write_csv(tmp_path / "milestones.csv", header=MILESTONES, rows=rows)
    book = load_book([contracts(tmp_path)], [log])
    result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 12, 6)))
    outcomes = dict(zip(result.cases["case_id"], result.cases["outcome"].astype(str), strict=True))
    assert outcomes == {"00001": "Met", "00002": "Not evaluated"}
    (said,) = [f.message for f in book.findings if f.message.startswith("No First Response milestone")]
    assert "1 case has none (00002)" in said and "'First Response', 'Resolution'" in said
    named = [[*r[:5], "Customer Acknowledgement" if r[5] == "First Response" else r[5], r[6]] for r in rows]
    other = load_book([contracts(tmp_path)], [write_csv(tmp_path / "ack.csv", header=MILESTONES, rows=named)])
    assert any("no case has one" in f.message and "'Customer Acknowledgement'" in f.message for f in other.findings)
    judged = evaluate(other, default_catalog(), clock.end_of_day(date(2026, 12, 6))).cases["outcome"].astype(str)
    assert set(judged) == {"Not evaluated"}  # not Breached: the export does not say when anyone answered


def test_a_milestone_report_writing_each_case_once_continues_it_on_the_blank_rows_below(tmp_path: Path) -> None:
    """Salesforce's Case Milestones report grouped by case and exported 'details only' writes a case's columns on its
    first milestone's row only (tryout 12): the rows below with blank case columns are that case's milestones, not a
    phantom case with no ID (Unmatched, an error per row)."""
    rows = [
        ["00001", "Northwind Traders", "Okta", "P2", "2026-11-02 08:00", "First Response", "2026-11-02 08:30"],
        ["", "", "", "", "", "Resolution", "2026-11-03 08:00"],
        ["00002", "Contoso", "Okta", "P2", "2026-11-03 08:00", "Resolution", "2026-11-04 08:00"],
        ["", "", "", "", "", "First Response", "2026-11-03 12:00"],
    ]
    book = load_book([contracts(tmp_path)], [write_csv(tmp_path / "milestones.csv", header=MILESTONES, rows=rows)])
    log = [f for f in book.findings if f.source.file.endswith("milestones.csv")]
    assert [f.message for f in log if f.severity >= Severity.WARNING] == []
    result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 12, 6)))
    outcomes = dict(zip(result.cases["case_id"], result.cases["outcome"].astype(str), strict=True))
    assert outcomes == {"00001": "Met", "00002": "Breached"}  # 00002's First Response is on its continuation row
    assert [f.message for f in book.findings if "continue" in f.message] == [
        "Rows 3, 5 continue the case above them, as a report grouped by case with a row per 'Milestone' writes them: "
        "they take its 'Case Number', 'Account Name', 'Product', 'Priority', 'Date/Time Opened'."
    ]


def test_a_case_with_no_id_is_named_so(tmp_path: Path) -> None:
    """A case whose ID cell is blank (and not under a case it continues) is 'A case with no ID', not 'Case :' or
    'Case (no id)', and a list of cases names it in words, not as '()'."""
    rows = [
        ["", "", "Okta", "P9", "2026-11-02 08:00", "Resolution", "2026-11-03 08:00"],
        ["00002", "Contoso", "Okta", "P2", "2026-11-03 08:00", "First Response", "2026-11-03 09:00"],
    ]
    book = load_book([contracts(tmp_path)], [write_csv(tmp_path / "milestones.csv", header=MILESTONES, rows=rows)])
    result = evaluate(book, default_catalog(), clock.end_of_day(date(2026, 12, 6)))
    said = [f.message for f in [*book.findings, *result.findings] if f.source.row == 2]
    bad = "A case with no ID: priority 'P9' is not 1-4, P1-P4, Sev 1-4 or Urgent/High/Normal/Low; the case is not counted."
    assert bad in said
    (missing,) = [f.message for f in book.findings if f.message.startswith("No First Response milestone")]
    assert "1 case has none (one with no ID)" in missing
    assert not any(m.startswith(("Case :", "Case (no id)")) or "()" in m for m in [f.message for f in book.findings])
