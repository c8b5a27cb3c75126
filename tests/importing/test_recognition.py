"""The importer's mechanisms one by one: header layers, tables per sheet, non-records, units, dates, encodings."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from explorer.catalog import Catalog
from explorer.cli import main
from explorer.importing import values
from explorer.importing.book import load_book
from explorer.importing.headers import column_kinds, header_zone, recognise, variants
from explorer.importing.safety import UnreadableFile
from explorer.model import Severity

from ..files import write_csv, write_sheets


def messages(book, severity: Severity | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in book.findings if severity is None or f.severity is severity]


# -- header layers -------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Created at (UTC)", "Created at"),
        ("Tenant Environment [list]", "Tenant Environment"),
        ("Start Date*", "Start Date"),
        ("Support_Level__c", "Support_Level"),
        ("Account.Name", "Account Name"),
        ("SBQQ__Account__r.Name", "Account Name"),  # Salesforce CPQ's API names: a package namespace, a relationship
        ("SBQQ__StartDate__c", "StartDate"),
        ("blng__BillingAccount__r.Name", "BillingAccount Name"),
        ("Deal - Organization", "Organization"),  # Pipedrive names each column by its object
        ("👥 Named contacts", "Named contacts"),  # Notion, monday.com and Airtable head columns with an emoji
        ("🏷️ Support tier", "Support tier"),
        ("• Product", "Product"),
        ("# of Seats", "# of Seats"),  # a number sign says what the column counts: kept
    ],
)
def test_normalised_variants(header: str, expected: str) -> None:
    assert expected in variants(header)


def test_fuzzy_match_only_where_the_values_fit(catalog: Catalog) -> None:
    spec = catalog.tables["contracts"]
    headers = {0: "Custmer Name", 1: "Prodcut", 2: "Contract Strat Date"}
    dates = [["Acme", "Okta", date(2026, 1, 1)], ["Beta", "Auth0", date(2026, 2, 1)]]
    found = recognise(spec, headers, column_kinds(dates, [0, 1, 2]), catalog)
    assert found.columns == {"customer": 0, "product": 1, "term_start": 2}
    assert {g.how for g in found.guesses.values()} == {"fuzzy"}
    texts = [["Acme", "Okta", "renewal talks"], ["Beta", "Auth0", "ask legal"]]
    found = recognise(spec, headers, column_kinds(texts, [0, 1, 2]), catalog)
    assert "term_start" not in found.columns  # a column of notes is not a start date, however it is spelled


def test_one_column_per_field_best_score_wins(catalog: Catalog) -> None:
    spec = catalog.tables["contacts"]
    found = recognise(spec, {0: "Company", 1: "Name", 2: "Named Contact?"}, {}, catalog)
    assert found.columns == {"customer": 0, "name": 1, "named": 2}


@pytest.mark.parametrize(
    ("header", "zone"),
    [
        ("Created at (UTC)", "UTC"),
        ("Opened (PST)", "America/Los_Angeles"),
        ("Created (+02:00)", "+02:00"),
        ("Created (GMT-5)", "-05:00"),
        ("Created [Europe/Berlin]", "Europe/Berlin"),
        ("Created", None),
    ],
)
def test_units_in_headers(catalog: Catalog, header: str, zone: str | None) -> None:
    assert header_zone(header, catalog) == zone


# -- tables in a sheet -----------------------------------------------------------
def test_side_by_side_and_stacked_tables(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "multi.xlsx",
        {
            "Book": [
                ["Customer", "Product", "Tier", "Start", "End", None, "Company", "Full Name", "Email", "Named?"],
                ["Acme", "Okta", "Premier", "2026-01-01", "2027-01-01", None, "Acme", "Ann", "a@x.test", "✔"],
                ["Beta", "Auth0", "", "2026-01-01", "2026-12-31", None, "Acme", "Bob", "b@x.test", "✗"],
                [],
                ["APAC"],
                ["Customer", "Product", "Tier", "Start", "End"],
                ["Delta", "Okta", "Basic", "01.02.2026", "31.01.2027"],
                [],
                ["Holiday", "Date"],
                ["Company day", "2026-06-01"],
            ]
        },
    )
    book = load_book([path])
    assert [(c.customer, c.source.row) for c in book.contracts] == [("Acme", 2), ("Beta", 3), ("Delta", 7)]
    assert [(c.name, c.named) for c in book.contacts] == [("Ann", True), ("Bob", False)]
    assert [h.name for h in book.holidays] == ["Company day"]
    # the stacked table's title names a region: a group heading whose rows take it as their Region
    assert "Row 5 is a group heading ('APAC'); it is not read as a record." in messages(book, Severity.INFO)
    assert [c.region for c in book.contracts] == ["", "", "APAC"]
    assert "Row 6 repeats the header row; it is not read as a record." in messages(book, Severity.INFO)


def test_case_fields_make_a_case_table_even_with_account_columns(tmp_path: Path) -> None:
    header = ["Case Number", "Account Name", "Support Level", "Product", "Priority", "Date/Time Opened", "First Response"]
    rows = [[f"000{i}", "Acme", "Premier", "Okta", "P2", "2026-03-02 10:00", "2026-03-02 10:30"] for i in range(5)]
    contracts = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )
    book = load_book([contracts, write_csv(tmp_path / "cases.csv", header=header, rows=rows)])
    assert len(book.contracts) == 1 and book.cases is not None and len(book.cases) == 5


# -- what is not a record --------------------------------------------------------
def test_salesforce_report_footers_are_quoted_not_read(tmp_path: Path) -> None:
    header = ["Account Name", "Product", "Support Level", "Contract Start", "Contract End", "Time Zone"]
    path = write_sheets(
        tmp_path / "sf.xlsx",
        {
            "Report": [
                ["Support Contracts by Account"],
                ["Filtered By: Status equals Active"],
                [],
                header,
                ["Acme Corp", "Okta Workforce Identity Cloud", "Premier Plus", date(2026, 1, 15), date(2027, 1, 14), "UTC"],
                ["Beta Bank", "Auth0 by Okta", "Enterprise", date(2026, 2, 1), date(2027, 1, 31), "UTC"],
                header,
                ["Gamma", "Okta Customer Identity Cloud", "Premier", date(2026, 3, 1), date(2027, 2, 28), "UTC"],
                [],
                ["Grand Totals (3 records)"],
                ["Total: 3 contracts", 3],
                [],
                ["Confidential Information - Do Not Distribute"],
                ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
                ["Generated by Salesforce on 2026-11-28"],
                ["* Premier Plus includes a CSM"],
            ]
        },
    )
    book = load_book([path])
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [
        ("Acme Corp", "okta", "okta-premier-plus"),
        ("Beta Bank", "auth0", "auth0-enterprise"),
        ("Gamma", "auth0", "auth0-premier"),
    ]
    assert book.error_count == 0
    info = messages(book, Severity.INFO)
    for row, kind in [
        (7, "repeats the header row"),
        (10, "is a totals line ('Grand Totals (3 records)')"),
        (11, "is a totals line ('Total: 3 contracts | 3')"),
        (13, "is a confidentiality line"),
        (14, "is a copyright line"),
        (15, "is a generated-by line"),
        (16, "is a footnote"),
    ]:
        assert any(m.startswith(f"Row {row} {kind}") for m in info), (row, info)


def test_a_company_called_total_is_a_record(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "b.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[["Total Wine", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )
    assert [c.customer for c in load_book([path]).contracts] == ["Total Wine"]


# -- case logs ---------------------------------------------------------------------
def zendesk(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "zendesk.csv",
        header=[
            "Id",
            "Requester",
            "Organization",
            "Priority",
            "Created at (PST)",
            "First reply time in minutes",
            "First reply time in minutes within business hours",
            "Tenant Environment [list]",
            "Product",
        ],
        rows=[
            [1, "a", "Acme", "Urgent", "2026-03-02 10:00", "25", "10", "production", "Okta"],
            [2, "b", "Acme", "P1 - Critical", "2026-03-03 10:00", "", "", "dev", "Okta"],
            [3, "c", "Acme", "Highest", "2026-03-04 10:00", "90", "90", "", "Okta"],
        ],
    )


def test_zendesk_minutes_zone_unit_and_business_time(tmp_path: Path) -> None:
    book = load_book([], [zendesk(tmp_path)])
    assert book.cases is not None
    cases = book.cases
    assert cases["priority"].tolist() == [1, 1, 1]
    assert cases["opened"].iloc[0] == pd.Timestamp("2026-03-02 18:00", tz="UTC")  # PST from the header
    assert cases["first_response"].iloc[0] == pd.Timestamp("2026-03-02 18:25", tz="UTC")
    assert pd.isna(cases["first_response"].iloc[1])
    warnings = messages(book, Severity.WARNING)
    assert any("'First reply time in minutes within business hours' counts business time" in m for m in warnings)
    assert "Read 'Created at (PST)' as Opened (its header without units or decorations)." in messages(book)


def test_zendesk_api_metrics_in_seconds_are_read_in_seconds(tmp_path: Path) -> None:
    """Zendesk's ticket metrics API names its fields 'reply_time_in_seconds.calendar' and '...in_minutes.business':
    the log was refused for want of a first response, and mapped by hand its seconds counted as minutes."""
    log = write_csv(
        tmp_path / "metrics.csv",
        header=[
            "id",
            "created_at",
            "priority",
            "organization_name",
            "reply_time_in_seconds.calendar",
            "reply_time_in_minutes.business",
        ],
        rows=[[73001, "2026-11-03T09:15:00Z", "urgent", "Zurich Fintech", 1500, 25]],
    )
    book = load_book([], [log])
    assert book.cases is not None
    assert book.cases["first_response"].iloc[0] == pd.Timestamp("2026-11-03 09:40", tz="UTC")  # 1,500 s: 25 min
    assert any("'reply_time_in_minutes.business' counts business time" in m for m in messages(book, Severity.WARNING))


@pytest.mark.parametrize(
    "header",
    ["Time to First Response (Business Hours)", "Time to first response [working hours]", "time_to_first_response.business"],
)
def test_a_business_hours_clock_is_not_called_jsms_sla_field(tmp_path: Path, header: str) -> None:
    """Without its bracket 'Time to First Response (Business Hours)' is JSM's SLA field's name, but a column naming
    business hours counts business time: that is said, and not that it holds the time left to the target."""
    log = write_csv(
        tmp_path / "log.csv",
        header=["Case ID", "Customer", "Created", "Priority", "First Response", header],
        rows=[[1, "Acme", "2026-11-02 09:00", "P1", "2026-11-02 10:00", "45"]],
    )
    book = load_book([], [log])
    said = [m for m in messages(book, Severity.WARNING) if header in m]
    assert said == [f"Column '{header}' counts business time, not a time of day; it is not used as first response time."]


def test_case_log_without_first_response_is_an_error_not_breaches(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "c.csv", header=["Case ID", "Customer", "Priority", "Opened"], rows=[[1, "Acme", "P1", "2026-03-02 10:00"]]
    )
    book = load_book([], [log])
    assert book.cases is not None and book.cases.empty
    assert any("first responses cannot be judged" in m for m in messages(book, Severity.ERROR))


def test_dotted_and_zoned_case_times_follow_the_file(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "dots.csv",
        delimiter=";",
        header=["Ticket ID", "Company", "Priority", "Created", "First response"],
        rows=[
            [1, "Acme", "Sev 1", "03.04.2026 10:00", "03.04.2026 10:20"],
            [2, "Acme", "Sev 2", "04/03/2026 10:00", "04/03/2026 11:00 CET"],
            [3, "Acme", "Sev 2", "30/06/2026 10:00", "30/06/2026 11:00"],
        ],
    )
    cases = load_book([], [log]).cases
    assert cases is not None
    assert cases["opened"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2026-04-03 10:00",
        "2026-03-04 10:00",
        "2026-06-30 10:00",
    ]  # 30/06 settles the whole file day first
    assert cases["first_response"].iloc[1] == pd.Timestamp("2026-03-04 10:00", tz="UTC")  # 11:00 CET


def test_day_order_is_settled_per_file_across_columns(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "b.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[["Acme", "Okta", "Premier", "03/04/2026", "02/04/2027"], ["Beta", "Okta", "Premier", "01/05/2026", "30/04/2027"]],
    )
    book = load_book([path])
    assert [(c.term_start, c.term_end) for c in book.contracts] == [
        (date(2026, 4, 3), date(2027, 4, 2)),
        (date(2026, 5, 1), date(2027, 4, 30)),
    ]
    assert values.day_order([["03.04.2026 10:00", "04.13.2026 09:00"]]) == values.DateOrder(False)


# -- files -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("encoding", "name"),
    [("shift_jis", "株式会社山田製作所"), ("gb18030", "北京华为技术有限公司"), ("latin-1", "Café Crème SARL")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, name: str) -> None:
    path = write_csv(
        tmp_path / "b.csv",
        encoding=encoding,
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[
            [name, "Okta", "Premier", "2026-01-01", "2026-12-31"],
            ["Another " + name, "Okta", "Premier", "2026-01-01", "2026-12-31"],
        ],
    )
    assert load_book([path]).contracts[0].customer == name


def test_formula_without_a_cached_value_says_so(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "f.xlsx",
        {
            "Deals": [
                ["Customer", "Product", "Tier", "Start", "End"],
                ["Acme", "Okta", "Premier", "2026-01-01", "=DATE(2027,1,1)"],
            ]
        },
    )
    book = load_book([path])
    errors = [f for f in book.findings if f.severity is Severity.ERROR]
    assert [(f.column, f.customer) for f in errors] == [("End", "Acme")]
    assert "=DATE(2027,1,1), calculated in Excel but never saved with its value" in errors[0].message


# -- nothing unread in silence --------------------------------------------------------
def test_unread_sheet_is_a_warning_naming_what_it_saw(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "b.xlsx",
        {
            "EMEA": [["Customer", "Product", "Tier", "Start", "End"], ["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
            "APAC": [["Kunde", "Erzeugnis", "Stufe"], ["Delta", "Okta", "Premier"], ["Eta", "Okta", "Basic"]],
        },
    )
    book = load_book([path])
    warning = next(m for m in messages(book, Severity.WARNING) if m.startswith("Sheet 'APAC'"))
    assert "holds 2 rows of data but no table was read" in warning and "'Kunde', 'Erzeugnis', 'Stufe'" in warning
    assert "explorer map" in warning


def test_no_contract_is_an_error_and_check_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "people.csv", header=["Company", "Full Name", "Email"], rows=[["Acme", "Ann", "a@x.test"]])
    book = load_book([path])
    expected = "No contract was read: people.csv holds a named contacts table of 1 row "
    assert any(m.startswith(expected) for m in messages(book, Severity.ERROR))
    assert main(["check", str(path)]) == 1


def test_a_contracts_header_with_no_rows_is_not_sent_to_map_its_columns(tmp_path: Path) -> None:
    """Its columns were all recognised: the error says the rows are missing, not that columns need mapping."""
    path = write_csv(tmp_path / "header.csv", header=["Customer", "Product", "Tier", "Term Start", "Term End"], rows=[])
    (error,) = messages(load_book([path]), Severity.ERROR)
    assert error.startswith("No contract was read: header.csv holds a contracts table of 0 rows")
    assert "Its header row was found, with no rows below it" in error and "explorer map" not in error
    people = write_csv(tmp_path / "people.csv", header=["Company", "Full Name", "Email"], rows=[])  # no contracts table
    (error,) = messages(load_book([people]), Severity.ERROR)
    assert "A contract table needs customer, product, tier, start and end columns" in error


def test_file_of_unknown_columns_is_read_with_a_warning_and_no_contract_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "odd.csv", header=["Kunde", "Erzeugnis", "Stufe"], rows=[["Delta", "Okta", "Premier"]])
    book = load_book([path])
    assert any("Sheet 'odd' holds 1 row of data but no table was read" in m for m in messages(book, Severity.WARNING))
    assert any("'Kunde', 'Erzeugnis', 'Stufe'" in m for m in messages(book, Severity.WARNING))
    assert any(
        m.startswith("No contract was read: odd.csv holds no table (sheet 'odd' row 1 reads 'Kunde'")
        for m in messages(book, Severity.ERROR)
    )
    assert [(u.sheet, u.mappable) for u in book.unread] == [("odd", True)]  # the app offers Map Columns


def one_contract(tmp_path: Path) -> Path:
    """A contracts file of one row, for a case log to be read beside."""
    return write_csv(
        tmp_path / "b.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[["A", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )


def test_case_log_without_a_case_table_is_refused_with_its_headers(tmp_path: Path) -> None:
    book = one_contract(tmp_path)
    log = write_csv(tmp_path / "odd.csv", header=["Kunde", "Produkt", "Stufe"], rows=[["Delta", "Okta", "Premier"]])
    with pytest.raises(UnreadableFile, match="odd.csv: no case table: sheet 'odd' row 1 reads 'Kunde', 'Produkt', 'Stufe'"):
        load_book([book], [log])


def test_a_file_given_in_the_wrong_role_is_told_how_to_give_it(tmp_path: Path) -> None:
    """A contract book given as a case log is named a contract book; a case log or a contacts list given alone is
    told to come with its book, not sent to map its columns as contracts."""
    book = one_contract(tmp_path)
    with pytest.raises(UnreadableFile) as refused:
        load_book([book], [book])
    said = str(refused.value)
    assert "no case table: sheet 'b' holds a contracts table (header row 1: 'Customer', 'Product'" in said
    assert "give it as a contract book, not as a case log (without --cases)" in said and "closest to" not in said
    log = write_csv(
        tmp_path / "tickets.csv",
        header=["Case ID", "Customer", "Priority", "Opened", "First Response"],
        rows=[["1", "A", "P1", "2026-03-02 10:00", "2026-03-02 10:30"]],
    )
    people = write_csv(tmp_path / "people.csv", header=["Company", "Full Name", "Email"], rows=[["A", "Ann", "a@x.test"]])
    for alone, what in ((log, "Cases are"), (people, "Named contacts are")):
        (error,) = messages(load_book([alone]), Severity.ERROR)
        assert f"{what} judged against the contract book they belong to: give the book with them" in error
        assert f"'explorer check BOOK.xlsx {alone.name}'" in error and "A contract table needs" not in error


def test_a_case_log_of_too_few_columns_is_told_which_it_has_and_which_it_lacks(tmp_path: Path) -> None:
    """Its required columns are all there, so nothing is 'missing' as such: the message says what was read."""
    book = one_contract(tmp_path)
    log = write_csv(tmp_path / "cases.csv", header=["Case ID", "Opened", "Priority"], rows=[["1", "2026-01-01 10:00", "P1"]])
    with pytest.raises(UnreadableFile) as refused:
        load_book([book], [log])
    said = "needs at least 4 recognised columns (3 found: case ID, opened, priority; not found: first response, customer)"
    assert said in str(refused.value)


def test_check_names_the_customer_of_each_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(
        tmp_path / "b.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Time Zone"],
        rows=[["Acme Corp", "Okta", "Gold", "2026-01-01", "2026-12-31", "UTC"]],
    )
    assert main(["check", str(path)]) == 1
    assert "column 'Tier' [Acme Corp]: Tier 'Gold' is not one of the Okta programs" in capsys.readouterr().out


def test_a_later_sheet_settles_the_day_order_of_an_earlier_one(tmp_path: Path) -> None:
    # The contracts are normalised while the later sheet is still being parsed; its 13/04 must still count.
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Contracts": [
                ["Customer", "Product", "Tier", "Start", "End"],
                ["Acme", "Okta", "Premier", "03/04/2026", "02/04/2027"],
            ],
            "Cases": [
                ["Case ID", "Customer", "Priority", "Opened", "First Response"],
                ["C-1", "Acme", "P2", "13/04/2026 10:00", "13/04/2026 10:30"],
            ],
        },
    )
    book = load_book([path])
    assert [(c.term_start, c.term_end) for c in book.contracts] == [(date(2026, 4, 3), date(2027, 4, 2))]
    assert book.cases is not None
    assert book.cases["opened"].iloc[0] == pd.Timestamp("2026-04-13 10:00", tz="UTC")
    assert not [f for f in book.findings if f.severity is Severity.ERROR]


def test_crm_deal_exports_read_as_contracts(tmp_path: Path) -> None:
    """Pipedrive's deal export ('Deal - <field>') and HubSpot's (the company as Associated Company)."""
    pipedrive = write_csv(
        tmp_path / "pipedrive.csv",
        header=[
            f"Deal - {h}" for h in ("ID", "Title", "Organization", "Product", "Support tier", "Contract start", "Contract end")
        ],
        rows=[["412", "Northwind renewal", "Northwind Traders", "Okta", "Premier Plus", "2026-03-01", "2027-02-28"]],
    )
    hubspot = write_csv(
        tmp_path / "hubspot.csv",
        header=["Record ID", "Deal Name", "Deal Stage", "Associated Company", "Product", "Support Tier"]
        + ["Contract Start Date", "Contract End Date"],
        rows=[["18001", "Contoso renewal", "Closed won", "Contoso Ltd", "Okta", "Premier Access", "2026-06-15", "2027-06-14"]],
    )
    for path, customer, program in (
        (pipedrive, "Northwind Traders", "okta-premier-plus"),
        (hubspot, "Contoso Ltd", "okta-premier-access"),
    ):
        book = load_book([path])
        assert [(c.customer, c.product, c.program) for c in book.contracts] == [(customer, "okta", program)], path.name
        assert not messages(book, Severity.ERROR), path.name


def test_an_okta_user_export_gives_named_contacts_their_emails(tmp_path: Path) -> None:
    """Okta's admin user export: First name, Last name, Primary email (and a Secondary email, not used)."""
    path = write_csv(
        tmp_path / "users.csv",
        header=["Username", "First name", "Last name", "Primary email", "Secondary email", "Status", "Organization"]
        + ["Named Support Contact"],
        rows=[["anna@vega.test", "Anna", "Keller", "anna@vega.test", "anna.k@home.test", "ACTIVE", "Vega Pharma", "Yes"]],
    )
    book = load_book([path])
    assert [(c.customer, c.name, c.email) for c in book.contacts] == [("Vega Pharma", "Anna Keller", "anna@vega.test")]


def test_a_header_written_twice_is_a_warning_naming_both_columns(tmp_path: Path) -> None:
    """Two 'Start Date' columns (a previous term's beside the current): the first is read, and the warning says
    which columns and which is used, where before only an info note listed the second as not used."""
    path = write_csv(
        tmp_path / "twice.csv",
        header=["Customer", "Product", "Tier", "Start Date", "End Date", "Start Date"],
        rows=[["Fir Co", "Okta", "Premier", "2026-01-01", "2026-12-31", "2025-01-01"]],
    )
    book = load_book([path])
    assert [c.term_start for c in book.contracts] == [date(2026, 1, 1)]
    assert (
        "2 columns (D, F) are headed 'Start Date'; the first, column D, is read as term start and the others are not "
        "used. Rename or remove them." in messages(book, Severity.WARNING)
    )


def test_an_owner_column_is_said_to_name_the_owner_not_only_kept(tmp_path: Path) -> None:
    """'Account Owner' is no rule's field, but the report's Actions take the owner from it: the note says so."""
    path = write_csv(
        tmp_path / "owners.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Account Owner", "Notes"],
        rows=[["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31", "Dana", "vip"]],
    )
    (kept,) = [m for m in messages(load_book([path]), Severity.INFO) if m.startswith("Columns kept")]
    assert kept == (
        "Columns kept as they are (not used by the rules): Notes. Also read: 'Account Owner' (who looks after the "
        "account: the Owner column of the report's Actions)."
    )


def test_a_deals_stage_is_no_misspelt_state(tmp_path: Path) -> None:
    """Zoho CRM's deal export has Stage (Closed Won): 80% like 'state', the subdivision. The catalog lists the
    columns such exports carry beside the contract (tables.contracts.others): kept, never guessed at."""
    path = write_csv(
        tmp_path / "zoho.csv",
        header=["Deal Name", "Account Name", "Stage", "Product", "Support Tier", "Start Date", "End Date"],
        rows=[["Northwind FY27", "Northwind Traders", "Closed Won", "Okta", "Premier Plus", "2026-03-01", "2027-02-28"]],
    )
    book = load_book([path])
    assert [c.customer for c in book.contracts] == ["Northwind Traders"]
    assert not [m for m in messages(book, Severity.WARNING) if "may hold" in m]


def test_a_notion_export_reads_its_emoji_headers_and_linked_people(tmp_path: Path) -> None:
    """Notion heads columns with an emoji and writes a linked person as their name and the record's address; the
    contacts column went unread, and a name carried its address (both found by a tryout of such exports)."""
    book = tmp_path / "Contracts 3f2a.csv"
    book.write_text(
        "\ufeffName,📦 Product,🏷️ Support tier,🗓️ Term,✅ Auto renew,👥 Named contacts\n"
        'Adatum,Okta,Premier Plus,"March 1, 2026 → February 28, 2027",Yes,'
        '"Jane Park (https://www.notion.so/Jane-Park-3f2a9c1e), Omar Haddad (https://www.notion.so/Omar-Haddad-8c1d)"\n',
        encoding="utf-8",
    )
    loaded = load_book([book])
    (contract,) = loaded.contracts
    assert (contract.product, contract.program, str(contract.term_start)) == ("okta", "okta-premier-plus", "2026-03-01")
    assert sorted(c.name for c in loaded.contacts) == ["Jane Park", "Omar Haddad"]
    assert not [f for f in loaded.findings if f.severity is Severity.ERROR]


def test_german_and_english_validity_headers_name_the_term(tmp_path: Path) -> None:
    for start, end in (("Laufzeit von", "Laufzeit bis"), ("Gültig ab", "Gültig bis"), ("Valid from", "Valid until")):
        book = write_csv(
            tmp_path / "book.csv",
            header=["Kunde", "Produkt", "Supportstufe", start, end],
            rows=[["M", "Okta", "Premier", "01.03.26", "28.02.27"]],
        )
        (contract,) = load_book([book]).contracts
        assert (str(contract.term_start), str(contract.term_end)) == ("2026-03-01", "2027-02-28"), (start, end)


def test_a_case_log_whose_days_are_all_12_or_less_takes_the_contract_books_order(tmp_path: Path) -> None:
    """A Salesforce case report of early-month cases: nothing in it tells 11/3 from 3/11, and every case was
    refused. A contract book written month first settles it, said in an info finding; without such a book the
    refusal names both readings."""
    header = ["Case Number", "Account Name", "Product", "Priority", "Date/Time Opened", "First Response (Date/Time)"]
    log = write_csv(
        tmp_path / "cases.csv",
        header=header,
        rows=[[5001, "Contoso", "Okta", "P1", "11/3/2026 9:15:00 AM", "11/3/2026 9:50:00 AM"]],
    )

    def contracts(name: str, start: str, end: str) -> Path:
        header = ["Account Name", "Product", "Tier", "Start", "End"]
        return write_csv(tmp_path / name, header=header, rows=[["Contoso", "Okta", "Premier", start, end]])

    us, iso, day_first = (
        contracts("us.csv", "2/1/2026", "1/31/2027"),
        contracts("iso.csv", "2026-02-01", "2027-01-31"),
        contracts("uk.csv", "13/02/2026", "12/02/2027"),
    )
    book = load_book([us], [log])
    assert book.cases is not None
    assert book.cases["opened"].iloc[0] == pd.Timestamp("2026-11-03 09:15", tz="UTC")
    assert (
        "No date in this file has a day over 12, so its dates such as 03/04 could be read either way: read month first, "
        "as us.csv writes them."
    ) in messages(book, Severity.INFO)
    book = load_book([iso], [log])
    assert book.cases is not None and book.cases["opened"].isna().all()
    # one for the column, naming the remedy
    (error,) = [m for m in messages(book, Severity.ERROR) if m.startswith("Column 'Date/Time Opened'")]
    assert error.startswith(
        "Column 'Date/Time Opened': '11/3/2026 9:15:00 AM' is ambiguous: it could be 11 March or 3 November (no date "
        "in the file has a day over 12 to tell day from month); case 5001 is not counted. Say how the log writes"
    )
    book = load_book([us, day_first], [log])  # the books disagree: nothing is borrowed
    assert book.cases is not None and book.cases["opened"].isna().all()
    # the order the files are named in does not matter (new user round 3: the log named first was refused)
    case_log_first = write_csv(
        tmp_path / "log.csv",
        header=header,
        rows=[[5001, "Contoso", "Okta", "P1", "11/3/2026 9:15:00 AM", "11/3/2026 9:50:00 AM"]],
    )
    for given in ([case_log_first, us], [us, case_log_first]):
        book = load_book(given)
        assert book.cases is not None and book.cases["opened"].tolist() == [pd.Timestamp("2026-11-03 09:15", tz="UTC")]


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (["Client", "Produit", "Niveau de support", "Date de début", "Durée"], "French"),
        (["Kunde", "Produkt", "Supportstufe", "Vertragsbeginn", "Laufzeit"], "German"),
        (["Cliente", "Producto", "Nivel de soporte", "Fecha de inicio", "Duración"], "Spanish"),
        (["Cliente", "Prodotto", "Livello di supporto", "Data di inizio", "Durata"], "Italian"),
        (["Cliente", "Produto", "Nível de suporte", "Data de início", "Duração"], "Portuguese"),
        (["Customer", "Product", "Tier", "Date de début", "Term"], "French"),  # one French header is enough
    ],
)
def test_headers_in_a_language_that_writes_the_day_first_settle_an_open_day_order(
    tmp_path: Path, header: list[str], language: str
) -> None:
    """Tryout 9: a French book's 01/03/2026 was refused as ambiguous, though French writes the day first. The
    headers' language settles it where no date of the file has a day over 12, said once per file."""
    rows = [["A SA", "Okta", "Premier", "01/03/2026", "36"], ["B SA", "Okta", "Premier", "01/04/2026", "12"]]
    book = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)])
    assert messages(book, Severity.ERROR) == []
    assert [(c.term_start, c.term_end) for c in book.contracts] == [
        (date(2026, 3, 1), date(2029, 2, 28)),
        (date(2026, 4, 1), date(2027, 3, 31)),
    ]
    said = [m for m in messages(book, Severity.INFO) if m.startswith("Read 01/03/2026 as 1 March")]
    assert len(said) == 1 and f"the file's headers are {language} (" in said[0], messages(book)


def test_english_headers_settle_no_day_order_and_a_files_own_dates_outweigh_its_language(tmp_path: Path) -> None:
    """The US and the UK both write English: 01/03/2026 under English headers stays ambiguous. A French file whose
    dates write the month first (05/13/2026) is read so, with no word of its language."""
    english = ["Customer", "Product", "Tier", "Start Date", "Term", "Region"]  # 'Région' unaccented
    rows = [["A SA", "Okta", "Premier", "01/03/2026", "12", "EMEA"]]
    book = load_book([write_csv(tmp_path / "en.csv", header=english, rows=rows)])
    assert [c.term_start for c in book.contracts] == [None]
    assert any("'01/03/2026' is ambiguous" in m for m in messages(book, Severity.ERROR))
    us = [["A Inc", "Okta", "Premier", "3/1/2026", "12", "AMER"], ["B Inc", "Okta", "Premier", "12/15/2025", "12", "AMER"]]
    book = load_book([write_csv(tmp_path / "us.csv", header=english, rows=us)])
    assert [c.term_start for c in book.contracts] == [date(2026, 3, 1), date(2025, 12, 15)]
    assert not any(m.startswith("Read ") and "writes the day first" in m for m in messages(book))
    french = ["Client", "Produit", "Niveau de support", "Date de début", "Durée"]
    month_first = [["A SA", "Okta", "Premier", "01/03/2026", "12"], ["B SA", "Okta", "Premier", "05/13/2026", "12"]]
    book = load_book([write_csv(tmp_path / "fr.csv", header=french, rows=month_first)])
    assert [c.term_start for c in book.contracts] == [date(2026, 1, 3), date(2026, 5, 13)]
    assert not any("writes the day first" in m for m in messages(book))


@pytest.mark.parametrize(
    ("line", "zone", "opened"),
    [
        ("All times are in Pacific Time (US & Canada)", "America/Los_Angeles", "2026-11-02 14:00"),
        ("Time zone: (GMT+01:00) Europe/Berlin", "Europe/Berlin", "2026-11-02 05:00"),
        ("Timezone = UTC", "UTC", "2026-11-02 06:00"),
        ("Support tickets - November 2026", None, "2026-11-02 06:00"),  # a title naming no zone: the log's default
    ],
)
def test_a_title_line_naming_the_zone_sets_the_case_logs_zone(tmp_path: Path, line: str, zone: str | None, opened: str) -> None:
    """A help desk report's title block says the zone its times are in; read as UTC, a Pacific log's verdicts
    flipped without a word (found by a tryout of help-desk exports)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Support tickets - November 2026"])
    ws.append([line])
    ws.append([])
    ws.append(["Ticket ID", "Created", "Organization", "Product", "Priority", "First reply"])
    ws.append([1, datetime(2026, 11, 2, 6, 0), "Northwind", "Okta", "Urgent", datetime(2026, 11, 2, 6, 40)])
    log = tmp_path / "tickets.xlsx"
    wb.save(log)
    book = load_book([], [log])
    assert book.cases is not None and str(book.cases["opened"].iloc[0]) == f"{opened}:00+00:00"
    said = [m for m in messages(book, Severity.INFO) if "as the line above the header says" in m]
    assert said == (
        [f"Times without a zone of their own are read in {zone}, as the line above the header says ('{line}')."] if zone else []
    )


def test_servicenows_response_time_is_the_time_to_the_first_response(tmp_path: Path) -> None:
    """ServiceNow's incident export heads the time taken to respond 'Response time' ('2 Hours 30 Minutes'): the log was
    refused for want of a first response (found by a tryout of help-desk exports)."""
    log = write_csv(
        tmp_path / "incident.csv",
        header=["Number", "Opened", "Company", "Configuration item", "Priority", "Response time"],
        rows=[["INC1", "2026-11-02 14:00", "Northwind", "Okta", "1 - Critical", "2 Hours 30 Minutes"]],
    )
    book = load_book([], [log])
    assert book.cases is not None
    assert book.cases["first_response"].iloc[0] == pd.Timestamp("2026-11-02 16:30", tz="UTC")


def test_a_salesforce_cpq_export_headed_by_api_names_is_read(tmp_path: Path) -> None:
    """Data Loader and CPQ subscription exports head columns by API name: the namespace SBQQ__, the suffixes __c and
    __r and the relationship's .Name were read as words, and no table was found."""
    path = write_csv(
        tmp_path / "subscriptions.csv",
        header=[
            "Id",
            "SBQQ__Account__r.Name",
            "SBQQ__Product__r.Name",
            "SBQQ__StartDate__c",
            "SBQQ__EndDate__c",
            "Support_Tier__c",
            "SBQQ__Quantity__c",
        ],
        rows=[["a1X5e000001", "Acme Corp", "Okta Workforce Identity", "2026-03-01", "2027-02-28", "Premier Plus", "1500"]],
    )
    book = load_book([path])
    assert [(c.customer, c.product, c.program, str(c.term_start), str(c.term_end)) for c in book.contracts] == [
        ("Acme Corp", "okta", "okta-premier-plus", "2026-03-01", "2027-02-28")
    ]
    assert not [f for f in book.findings if f.severity is Severity.ERROR]


def test_a_bare_term_column_under_its_api_name_is_read_as_the_length(tmp_path: Path) -> None:
    """A custom 'Term__c' field beside the start (Data Loader's extract of contracts): the bare Term read by its
    values (the catalog's by_values) was compared as written, 'termc', so no term end was found (tryout 11)."""
    path = write_csv(
        tmp_path / "contracts.csv",
        header=["Id", "Account.Name", "Product__c", "Support_Level__c", "StartDate", "Term__c"],
        rows=[
            ["8005e000001", "Acme Corp", "Okta", "Premier", "2026-03-01", "12"],
            ["8005e000002", "Globex", "Okta", "Premier", "2026-04-01", "24 months"],
        ],
    )
    book = load_book([path])
    assert [(c.customer, str(c.term_end)) for c in book.contracts] == [("Acme Corp", "2027-02-28"), ("Globex", "2028-03-31")]
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
