from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from explorer.catalog import Catalog
from explorer.importing import places, values
from explorer.importing.book import load_book
from explorer.importing.values import DateOrder

from ..files import HEADER, write_csv


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (date(2026, 1, 15), date(2026, 1, 15)),
        (datetime(2026, 1, 15, 10, 30), date(2026, 1, 15)),
        (46037.0, date(2026, 1, 15)),
        ("46037", date(2026, 1, 15)),
        ("2026-01-15", date(2026, 1, 15)),
        ("2026-01-15T00:00:00", date(2026, 1, 15)),
        ("15.01.2026", date(2026, 1, 15)),
        ("1 Feb 2026", date(2026, 2, 1)),
        ("1st February 2026", date(2026, 2, 1)),
        ("Feb 1, 2026", date(2026, 2, 1)),
        ("15/01/2026", date(2026, 1, 15)),
        ("01/15/2026", date(2026, 1, 15)),
        ("2026/01/15", date(2026, 1, 15)),
        ("04/04/2026", date(2026, 4, 4)),
        # Excel's default short formats write two-digit years, read as Excel reads them
        ("1/31/27", date(2027, 1, 31)),
        ("1-Mar-26", date(2026, 3, 1)),
        ("15.01.26", date(2026, 1, 15)),
        ("12/31/99", date(1999, 12, 31)),
        # database exports, and mail tools' dated lines
        ("20260301", date(2026, 3, 1)),
        (20260301, date(2026, 3, 1)),
        ("Sun, 1 Mar 2026", date(2026, 3, 1)),
        ("Sunday, March 1, 2026", date(2026, 3, 1)),
        # a date field with its time of day, as CRM reports write it (Salesforce, Dynamics, HubSpot)
        ("1/15/2026 12:00:00 AM", date(2026, 1, 15)),
        ("1/15/2026 12:00 AM", date(2026, 1, 15)),
        ("15/01/2026 00:00:00", date(2026, 1, 15)),
        ("15.01.2026 00:00", date(2026, 1, 15)),
        ("Jan 15, 2026, 12:00 AM", date(2026, 1, 15)),
        ("15 Jan 2026 09:30 UTC", date(2026, 1, 15)),
        ("2026/01/15 00:00:00", date(2026, 1, 15)),
    ],
)
def test_dates(cell: object, expected: date) -> None:
    assert values.parse_date(cell) == (expected, None)


def test_ambiguous_date_needs_the_column() -> None:
    day, problem = values.parse_date("03/04/2026")
    assert day is None and problem is not None and "ambiguous" in problem and "2026-04-03" in problem
    column = ["03/04/2026", "25/04/2026"]
    order = values.day_order([column])
    assert order == DateOrder(True)
    assert values.parse_date("03/04/2026", order) == (date(2026, 4, 3), None)
    assert values.parse_date("03/04/2026", values.day_order([["03/04/2026", "12/31/2026"]])) == (date(2026, 3, 4), None)
    assert values.day_order([["13/01/2026", "01/13/2026"]]) == DateOrder(None)  # contradictory: stays unsettled
    assert values.day_order([["13/01/2026", "01/13/2026"]]).clash == ("13/01/2026", "01/13/2026")  # said, not 'no day over 12'
    assert values.day_order([["2/1/26", "1/31/27"]]) == DateOrder(False)  # a two-digit year settles it as well
    day, problem = values.parse_date("03/04/2026 12:00:00 AM")  # with a time of day: the same question, the cell quoted
    assert day is None and problem is not None and problem.startswith("'03/04/2026 12:00:00 AM' is ambiguous")
    assert values.parse_date("03/04/2026 12:00:00 AM", values.day_order([["3/3/2027 12:00:00 AM", "2/20/2026"]])) == (
        date(2026, 3, 4),
        None,
    )


@pytest.mark.parametrize(
    "cell", ["soon", "31.02.2026", 12.5, True, "2026-13-01", "20261345", "Sunday", "Mar-26", "12:00 AM", "31.02.2026 00:00"]
)
def test_bad_dates_say_why(cell: object) -> None:
    day, problem = values.parse_date(cell)
    assert day is None and problem


def test_blank_date_is_not_a_problem() -> None:
    assert values.parse_date("  ") == (None, None)


@pytest.mark.parametrize(
    ("text", "zone", "warns"),
    [
        ("Europe/Berlin", "Europe/Berlin", False),
        ("europe/berlin", "Europe/Berlin", False),
        ("America/New York", "America/New_York", False),
        ("PST", "America/Los_Angeles", True),
        ("CET", "Europe/Berlin", True),
        ("Mars/Olympus", None, True),
        ("", None, False),
        # display names, as CRM and help-desk exports write them: exact, so no warning
        ("Pacific Time (US & Canada)", "America/Los_Angeles", False),  # Rails, as Zendesk stores it
        ("(GMT-06:00) Central Time (US & Canada)", "America/Chicago", False),  # the same, as a picker shows it
        ("(GMT+01:00) Central European Standard Time (Europe/Berlin)", "Europe/Berlin", False),  # Salesforce
        ("W. Europe Standard Time", "Europe/Berlin", False),  # Windows (Outlook, Dynamics)
        ("AUS Eastern Standard Time", "Australia/Sydney", False),
        ("London", "Europe/London", False),  # a city of the tz database
        ("Brasilia", "America/Sao_Paulo", False),
        ("Mumbai", "Asia/Kolkata", False),
        # offsets say nothing of daylight saving: a warning
        ("UTC+10", "Etc/GMT-10", True),
        ("GMT-5", "Etc/GMT+5", True),
        ("+05:30", None, True),  # no whole hour and no country to pick a zone
    ],
)
def test_time_zones(catalog: Catalog, text: str, zone: str | None, warns: bool) -> None:
    got, problem = places.parse_timezone(text, catalog)
    assert got == zone and bool(problem) == warns


@pytest.mark.parametrize(
    ("text", "country", "zone"),
    [("UTC+10", "AU", "Australia/Sydney"), ("GMT+5:30", "IN", "Asia/Kolkata"), ("UTC-3", "BR", "America/Sao_Paulo")],
)
def test_an_offset_is_read_as_the_countrys_zone_at_it(catalog: Catalog, text: str, country: str, zone: str) -> None:
    got, problem = places.parse_timezone(text, catalog, country)
    assert got == zone and problem is not None and "UTC offset" in problem


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DE", "DE"),
        ("Germany", "DE"),
        ("united states", "US"),
        ("USA", "US"),
        ("UK", "GB"),
        ("Britain (UK)", "GB"),
        ("gb", "GB"),
        ("U.K.", "GB"),
        ("U.S.", "US"),
        ("DEU", "DE"),  # ISO alpha-3, as some CRMs export
        ("Korea, Republic of", "KR"),  # ISO's official names
        ("Russian Federation", "RU"),
        ("Türkiye", "TR"),
    ],
)
def test_countries(text: str, code: str) -> None:
    assert places.parse_country(text) == (code, None)


def test_country_and_zone_tables(catalog: Catalog) -> None:
    assert places.country_of_zone("Europe/Berlin") == "DE"
    assert places.country_of_zone("Australia/Sydney") == "AU"
    assert places.zone_of_country("JP", catalog) == "Asia/Tokyo"
    # a country spanning zones is read in its most populous, not the tz database's first (east to west)
    assert [places.zone_of_country(c, catalog) for c in ("CA", "AU", "BR", "RU", "UA")] == [
        "America/Toronto",
        "Australia/Sydney",
        "America/Sao_Paulo",
        "Europe/Moscow",
        "Europe/Kyiv",
    ]
    assert places.parse_country("Narnia")[0] is None


def test_a_state_without_a_zone_is_read_in_the_states_zone(tmp_path: Path) -> None:
    # a CRM account export: Billing Country and Billing State, no zone (probe8): Seattle is not New York
    book_file = tmp_path / "accounts.csv"
    book_file.write_text(
        "Customer,Product,Tier,Start,End,Billing Country,Billing State\n"
        "Seattle Co,Okta,Basic,2026-01-01,2026-12-31,US,WA\n"
        "Perth Pty,Okta,Basic,2026-01-01,2026-12-31,Australia,Western Australia\n"
        "Van Ltd,Okta,Basic,2026-01-01,2026-12-31,Canada,British Columbia\n"
        "NY Inc,Okta,Basic,2026-01-01,2026-12-31,US,\n",
        "utf-8",
    )
    book = load_book([book_file])
    assert [(c.time_zone, c.subdivision) for c in book.contracts] == [
        ("America/Los_Angeles", "WA"),
        ("Australia/Perth", "WA"),
        ("America/Vancouver", "BC"),
        ("America/New_York", ""),
    ]
    said = [f.message for f in book.findings if f.message.startswith("No time zone") and f.customer == "Seattle Co"]
    assert said == [
        "No time zone is given; America/Los_Angeles (the zone of Washington, US-WA; give the row's time zone to be "
        "exact) is used."
    ]


def test_every_state_zone_is_a_subdivision_the_holidays_package_knows(catalog: Catalog) -> None:
    from explorer.sla.subdivisions import subdivisions

    for full in catalog.subdivision_main_zones:
        country, _, code = full.partition("-")
        assert code in subdivisions(country), full


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("Yes", True), ("y", True), ("X", True), (1.0, True), ("TRUE", True), ("no", False), ("", False), ("-", False), (0, False)],
)
def test_yes_no(catalog: Catalog, cell: object, expected: bool) -> None:
    assert values.parse_yes_no(cell, catalog) == (expected, None)


def test_yes_no_unknown(catalog: Catalog) -> None:
    assert values.parse_yes_no("maybe", catalog)[1] == "'maybe' is not yes or no; read as no"


def test_cell_text() -> None:
    assert values.cell_text(1001.0) == "1001"
    assert values.cell_text("  Acme ") == "Acme"
    assert values.cell_text(date(2026, 1, 2)) == "2026-01-02"


@pytest.mark.parametrize(
    ("text", "region", "country"),
    [
        ("EMEA", "EMEA", False),
        ("Americas", "AMER", False),
        ("NA", "AMER", False),  # the catalog's synonym, before Namibia
        ("Germany", "EMEA", True),
        ("UK", "EMEA", True),
        ("United States", "AMER", True),
        ("Australia", "APAC", True),
        ("UAE", "EMEA", True),  # the Middle East is EMEA though its zones are Asia's
        ("Israel", "EMEA", True),
        ("EU-West", "EMEA", True),  # a sub-region of a synonym
        ("US East", "AMER", True),  # of a country
        ("Sector 7", "Sector 7", False),  # neither: kept as written, and judged so
    ],
)
def test_a_region_cell_holding_a_country_is_read_as_its_region(catalog: Catalog, text: str, region: str, country: bool) -> None:
    assert places.region_of(text, catalog) == (region, country)


def test_contacts_whose_region_is_a_country_are_in_the_mcse_region(tmp_path: Path) -> None:
    from explorer.app.session import open_session
    from explorer.importing.book import load_book

    from ..files import write_csv

    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Term Start", "Term End", "Region", "MCSE"],
        rows=[["Northwind", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "Germany", "50% Dedicated MCSE"]],
    )
    people = write_csv(
        tmp_path / "people.csv",
        header=["Customer", "Name", "Email", "Region", "Named"],
        rows=[["Northwind", "Jane Doe", "jane@nw.test", "UK", "yes"], ["Northwind", "Tom Berg", "tom@nw.test", "USA", "yes"]],
    )
    loaded = load_book([book, people])
    assert loaded.contracts[0].region == "EMEA" and [c.region for c in loaded.contacts] == ["EMEA", "AMER"]
    sheet = open_session([book, people], date(2026, 6, 1)).sheet("northwind")
    assert sheet is not None
    assert [c.name for limit in sheet.limits for c in limit.outside_region] == ["Tom Berg"]  # not Jane, in the UK


@pytest.mark.parametrize(
    "text",
    ["1. März 2026", "1er mars 2026", "1 de marzo de 2026", "1 de março de 2026", "1 maart 2026", "1 marzo 2026",
     "01/Mär/26", "2026年3月1日", "2026. 3. 1."],
)  # fmt: skip
def test_dates_with_month_names_of_other_languages(text: str) -> None:
    """German, French, Spanish, Portuguese, Dutch and Italian month names, and CJK dates (probe4)."""
    assert values.parse_date(text) == (date(2026, 3, 1), None)


def test_case_times_with_a_foreign_month_are_read() -> None:
    import pandas as pd

    from explorer.importing.cases import parse_timestamps

    read, bad, _ = parse_timestamps(pd.Series(["02/Okt/26 08:00", "15 déc. 2026 10:00", "2026年3月1日 9:00"]), "UTC")
    assert not bad.any()
    assert [t.isoformat() for t in read] == [
        "2026-10-02T08:00:00+00:00",
        "2026-12-15T10:00:00+00:00",
        "2026-03-01T09:00:00+00:00",
    ]


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2026-11-03 09:15 UTC+1", "2026-11-03T08:15:00+00:00"),
        ("2026-11-03 16:00 GMT-03:00", "2026-11-03T19:00:00+00:00"),  # was read three hours ahead, as POSIX's GMT-3
        ("2026-11-03 16:00 GMT-0500", "2026-11-03T21:00:00+00:00"),
        ("2026-11-03 16:00 utc+05:30", "2026-11-03T10:30:00+00:00"),
        ("Tue Nov 03 2026 16:00:00 GMT-0300 (Brasilia Standard Time)", "2026-11-03T19:00:00+00:00"),  # JavaScript's Date
        ("2026-11-03 16:00 -03:00", "2026-11-03T19:00:00+00:00"),
        ("2026-11-03T16:00:00+01:00[Europe/Paris]", "2026-11-03T15:00:00+00:00"),  # Java's zoned time: the offset says it
        ("2026-11-03 09:15 America/New_York", "2026-11-03T14:15:00+00:00"),  # a zone's name: its offset on that day
        ("2026-07-03 09:15 america/new_york", "2026-07-03T13:15:00+00:00"),
        ("2026-11-03T09:15[Asia/Kolkata]", "2026-11-03T03:45:00+00:00"),
    ],
)
def test_an_offset_after_utc_or_gmt_is_the_offset_the_cell_says(text: str, utc: str) -> None:
    import pandas as pd

    from explorer.importing.cases import parse_timestamps

    read, bad, _ = parse_timestamps(pd.Series([text, "2026-11-03 16:00"]), "Asia/Tokyo")
    assert not bad.any() and read[0].isoformat() == utc
    assert read[1].isoformat() == "2026-11-03T07:00:00+00:00"  # the plain one still in the log's zone


def test_a_zone_the_reader_would_guess_is_an_unreadable_cell_not_a_traceback(tmp_path: Path) -> None:
    """'UTC+1' stopped the whole case log with a pandas TypeError; a zone the general parser knows but the importer
    does not ('EST5EDT') is now that cell's own error, the rest read."""
    import pandas as pd

    from explorer.importing.cases import parse_timestamps

    read, bad, _ = parse_timestamps(pd.Series(["2026-11-03 09:15 EST5EDT", "2026-11-03 10:00", "2026-11-03 11:00 UTC+1"]), "UTC")
    assert list(bad) == [True, False, False] and read[2].isoformat() == "2026-11-03T10:00:00+00:00"
    book = write_csv(tmp_path / "book.csv", rows=[["Contoso", "Okta", "Premier", "2026-01-01", "2026-12-31"]], header=HEADER[:5])
    log = tmp_path / "cases.csv"
    log.write_text(
        "Ticket ID,Organization,Product,Priority,Created at,First reply at\n"
        "9101,Contoso,Okta,Urgent,2026-11-03 09:15 UTC+1,2026-11-03 09:50 UTC+1\n"
        "9102,Contoso,Okta,Urgent,2026-11-03 09:15 EST5EDT,2026-11-03 09:50 EST5EDT\n",
        encoding="utf-8",
    )
    loaded = load_book([book], [log])
    assert loaded.cases is not None and len(loaded.cases) == 2
    assert loaded.cases["opened"].iloc[0].isoformat() == "2026-11-03T08:15:00+00:00"
    assert any(f.source.row == 3 and "Created at" in (f.column or "") for f in loaded.findings)


def test_date_cells_that_hold_no_day_say_what_they_hold(tmp_path: Path) -> None:
    # A date-formatted 0 or -1 reaches the reader as a bare time of day, a NaN serial as Excel's day 0;
    # a text 0001-01-01 is shown with its four-digit year.
    import zipfile

    import openpyxl

    sheet = openpyxl.Workbook()
    ws = sheet.active
    ws.append(["Account Name", "Product", "Support Tier", "Order Form Start", "Order Form End"])
    for name, start in (("Zero Co", 0), ("Minus Co", -1), ("NaN Co", 777777), ("Year One Co", "0001-01-01")):
        ws.append([name, "Okta", "Premier", start, "2027-01-14"])
        ws.cell(ws.max_row, 4).number_format = "yyyy-mm-dd"
    sheet.save(tmp_path / "built.xlsx")
    with zipfile.ZipFile(tmp_path / "built.xlsx") as built, zipfile.ZipFile(tmp_path / "book.xlsx", "w") as book_file:
        for part in built.infolist():
            data = built.read(part)
            book_file.writestr(part, data.replace(b"<v>777777</v>", b"<v>NaN</v>") if "worksheets" in part.filename else data)
    book = load_book([tmp_path / "book.xlsx"])
    said = {f.customer: f.message for f in book.findings if f.column == "Order Form Start"}
    assert said == {
        "Zero Co": "Term start: the cell holds only a time of day (00:00:00), no day: a date cell of 0 shows as 1900-01-00.",
        "Minus Co": "Term start: the cell holds only a time of day (00:00:00), no day: a date cell of 0 shows as 1900-01-00.",
        "NaN Co": "Term start: the cell holds Excel's day 0 (1899-12-30), no day: its number is missing or not a number.",
        "Year One Co": "Term start: 0001-01-01 is outside the years 1900–2200 that contracts are judged in; check the book.",
    }


def test_a_date_typed_with_excel_s_text_mark_into_a_csv_is_its_day() -> None:
    # "'2026-03-01" (the apostrophe Excel hides) was refused as "''2026-03-01' is not a valid date".
    assert values.parse_date("'2026-03-01") == (date(2026, 3, 1), None)
    assert values.parse_date("' 1 March 2026") == (date(2026, 3, 1), None)


def test_excel_s_text_mark_leaves_a_row_s_day_order_to_its_dates(tmp_path: Path) -> None:
    path = tmp_path / "marked.csv"
    path.write_text("Customer,Product,Tier,Start,End\nQuebec Ltd,Okta,Premier,'01/03/2026,'28/02/2027\n")
    (contract,) = load_book([path]).contracts
    assert (contract.term_start, contract.term_end) == (date(2026, 3, 1), date(2027, 2, 28))
