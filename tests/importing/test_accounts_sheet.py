"""An 'Accounts' sheet beside the contracts (renew 14, D10): one row per customer with its region, country, time
zone and owner, no product. It was warned as 'closest to a contracts table, which needs product' and every renewal
row ran in UTC; it is read as an account lookup onto the contract rows of the same customer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity, Unsaid
from tests.files import write_sheets

RENEWALS = ["Customer", "Product", "Tier", "Start Date", "End Date", "MCSE"]
ACCOUNTS = ["Customer", "Region", "Country", "Time Zone", "Account Owner", "Customer Since"]


def test_an_accounts_sheet_gives_the_contract_rows_their_zone_region_and_owner(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Renewals": [
                RENEWALS,
                ["Fabrikam Games", "Auth0", "Enterprise", datetime(2025, 10, 1), datetime(2026, 9, 30), None],
                ["Fabrikam Games", "Auth0", "Premier", datetime(2026, 10, 1), datetime(2027, 9, 30), None],
                ["Contoso Retail", "Okta", "Premier Plus", datetime(2026, 7, 1), datetime(2027, 6, 30), "50%"],
            ],
            "Accounts": [
                ACCOUNTS,
                ["Fabrikam Games", "APAC", "AU", "Australia/Sydney", "Dana Ito", datetime(2025, 10, 1)],
                ["Contoso Retail", "EMEA", "GB", "Europe/London", "Sam Reyes", datetime(2025, 7, 1)],
                ["Litware Media", "EMEA", "DE", "Europe/Berlin", "Sam Reyes", datetime(2025, 1, 23)],
            ],
        },
    )
    book = load_book([path])
    got = [(c.customer, c.time_zone, c.country, c.region, c.extra.get("Account Owner")) for c in book.contracts]
    assert got == [
        ("Fabrikam Games", "Australia/Sydney", "AU", "APAC", "Dana Ito"),
        ("Fabrikam Games", "Australia/Sydney", "AU", "APAC", "Dana Ito"),
        ("Contoso Retail", "Europe/London", "GB", "EMEA", "Sam Reyes"),
    ]
    assert all(c.initial_term_start is None for c in book.contracts), "'Customer Since' is not applied"
    assert not [f for f in book.findings if f.severity is not Severity.INFO], book.findings
    said = [f for f in book.findings if "list of accounts" in f.message]
    assert [(f.source.sheet, f.source.row) for f in said] == [("Accounts", 1)]
    assert "Not applied: 'Customer Since'" in said[0].message and "1 of its customers" in said[0].message
    assert not book.unread


def test_a_rows_own_zone_wins_over_its_accounts_and_the_clash_is_a_warning(tmp_path: Path) -> None:
    head = [*RENEWALS, "Time Zone"]
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Renewals": [
                head,
                ["Fabrikam Games", "Auth0", "Premier", datetime(2026, 10, 1), datetime(2027, 9, 30), None, "Europe/Paris"],
            ],
            "Accounts": [ACCOUNTS, ["Fabrikam Games", "APAC", "AU", "Australia/Sydney", "Dana Ito", None]],
        },
    )
    book = load_book([path])
    assert [(c.time_zone, c.region) for c in book.contracts] == [("Europe/Paris", "")], "APAC goes with Sydney"
    clash = [f for f in book.findings if f.severity is Severity.WARNING and "Australia/Sydney" in f.message]
    assert [(f.source.sheet, f.source.row, f.column, f.customer) for f in clash] == [
        ("Renewals", 2, "Time Zone", "Fabrikam Games")
    ]
    assert clash[0].message == (
        "The row's Time Zone is Europe/Paris, but book.xlsx, Accounts, row 2 says Australia/Sydney for Fabrikam Games: "
        "the row's own is used; its Region APAC is not taken either (a region goes with its place)."
    )


def test_a_region_the_catalog_reads_as_the_accounts_is_no_clash_and_another_is(tmp_path: Path) -> None:
    """Review 37, finding 12: 'NA' on the row and 'Americas' on the account are both AMER (domain.md section 8)."""
    head = [*RENEWALS, "Region"]
    term = ["Okta", "Premier Plus", datetime(2026, 7, 1), datetime(2027, 6, 30), "50%"]
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Renewals": [head, ["Contoso Retail", *term, "NA"], ["Litware Media", *term, "EMEA"]],
            "Accounts": [
                ACCOUNTS,
                ["Contoso Retail", "Americas", "US", "America/Chicago", "Sam Reyes", None],
                ["Litware Media", "APAC", "DE", "Europe/Berlin", "Sam Reyes", None],
            ],
        },
    )
    book = load_book([path])
    assert [(c.customer, c.region) for c in book.contracts] == [("Contoso Retail", "NA"), ("Litware Media", "EMEA")]
    clash = [f for f in book.findings if "the row's own is used" in f.message]
    assert [(f.source.row, f.column, f.customer) for f in clash] == [(3, "Region", "Litware Media")]
    assert "book.xlsx, Accounts, row 3 says APAC" in clash[0].message


def test_the_warnings_an_account_fills_are_withdrawn_by_what_they_leave_unsaid_not_by_their_words(tmp_path: Path) -> None:
    """Review 37, finding 12: the default-zone and no-region warnings carry Unsaid; the accounts sheet withdraws those
    of the rows it fills."""
    renewals = [RENEWALS, ["Contoso Retail", "Okta", "Premier Plus", datetime(2026, 7, 1), datetime(2027, 6, 30), "50%"]]
    accounts = [ACCOUNTS, ["Contoso Retail", "EMEA", "GB", "Europe/London", "Sam Reyes", None]]
    path = write_sheets(tmp_path / "book.xlsx", {"Renewals": renewals, "Accounts": accounts})
    alone = write_sheets(tmp_path / "alone.xlsx", {"Renewals": renewals})
    unsaid = {f.unsaid for f in load_book([alone]).findings if f.unsaid is not None}
    assert unsaid == {Unsaid.TIME_ZONE, Unsaid.REGION}, "a row with no zone nor region says both, marked"
    book = load_book([path])
    assert [(c.time_zone, c.region) for c in book.contracts] == [("Europe/London", "EMEA")]
    assert not [f for f in book.findings if f.unsaid is not None or f.severity is Severity.WARNING], book.findings


def test_an_accounts_list_given_alone_asks_for_its_book_not_for_a_mapping(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "accounts.xlsx",
        {"Accounts": [ACCOUNTS, ["Fabrikam Games", "APAC", "AU", "Australia/Sydney", "Dana Ito", None]]},
    )
    book = load_book([path])
    error = [f.message for f in book.findings if f.severity is Severity.ERROR]
    assert len(error) == 1 and "a list of accounts of 1 row (sheet 'Accounts')" in error[0], error
    assert "give the book with them" in error[0] and "closest to a contracts table" not in error[0]


def test_an_accounts_row_spelled_as_a_case_log_would_be_is_the_customers_and_the_unplaced_are_named(
    tmp_path: Path,
) -> None:
    """Trust 8, finding 4: 'SPELLING CO.' on the accounts sheet is Spelling Co, as a case log's 'SPELLING CO.' is
    (domain.md section 9: one canonical form for every join); the info names the spelling read and each row of a
    customer with no contract row (sheet, row, name)."""
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Renewals": [RENEWALS, ["Spelling Co", "Okta", "Premier", datetime(2026, 1, 1), datetime(2026, 12, 31), None]],
            "Accounts": [
                ACCOUNTS,
                ["Nobody Co", "AMER", "US", "America/New_York", "Gus Hale", None],
                ["SPELLING CO.", "EMEA", "FR", "Europe/Paris", "Gus Hale", None],
            ],
        },
    )
    book = load_book([path])
    got = [(c.customer, c.time_zone, c.country, c.region, c.extra.get("Account Owner")) for c in book.contracts]
    assert got == [("Spelling Co", "Europe/Paris", "FR", "EMEA", "Gus Hale")]
    assert not [f for f in book.findings if f.severity is Severity.WARNING], book.findings
    said = [f.message for f in book.findings if "list of accounts" in f.message]
    assert len(said) == 1
    assert "'SPELLING CO.' (Accounts, row 3) as Spelling Co" in said[0], said[0]
    assert "1 of its customers has no contract row, so it gives nothing: 'Nobody Co' (Accounts, row 2)." in said[0]


def test_a_customer_with_an_accounts_row_of_its_own_spelling_keeps_it(tmp_path: Path) -> None:
    """The exact spelling wins over one that differs only in punctuation; the other row is named as placed nowhere."""
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Renewals": [RENEWALS, ["Spelling Co", "Okta", "Premier", datetime(2026, 1, 1), datetime(2026, 12, 31), None]],
            "Accounts": [
                ACCOUNTS,
                ["SPELLING CO.", "EMEA", "FR", "Europe/Paris", "Gus Hale", None],
                ["Spelling Co", "AMER", "US", "America/Chicago", "Ana Lopez", None],
            ],
        },
    )
    book = load_book([path])
    assert [(c.time_zone, c.region, c.extra.get("Account Owner")) for c in book.contracts] == [
        ("America/Chicago", "AMER", "Ana Lopez")
    ]
    said = next(f.message for f in book.findings if "list of accounts" in f.message)
    assert "'SPELLING CO.' (Accounts, row 2" in said and "no contract row" in said, said


def test_a_rows_own_country_is_kept_the_accounts_other_country_warned_and_its_region_not_taken(tmp_path: Path) -> None:
    """Trust 8, finding 5: a row giving only its Country DE, whose account says APAC, JP, Asia/Tokyo, keeps DE
    (Europe/Berlin), is warned naming the account's row, and takes no APAC region (a region goes with its place:
    domain.md sections 7 and 8); an account in the row's own country gives its region as before."""
    head = [*RENEWALS, "Country"]
    term = ["Okta", "Basic", datetime(2026, 1, 1), datetime(2026, 12, 31), None]
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Renewals": [head, ["Country Only Co", *term, "DE"], ["Same Land Co", *term, "US"]],
            "Accounts": [
                ACCOUNTS,
                ["Country Only Co", "APAC", "JP", "Asia/Tokyo", "Gus Hale", None],
                ["Same Land Co", "AMER", "US", "America/Denver", "Gus Hale", None],
            ],
        },
    )
    book = load_book([path])
    got = [(c.customer, c.country, c.time_zone, c.region, c.extra.get("Account Owner")) for c in book.contracts]
    assert got == [
        ("Country Only Co", "DE", "Europe/Berlin", "", "Gus Hale"),
        ("Same Land Co", "US", "America/New_York", "AMER", "Gus Hale"),
    ]
    clash = [f for f in book.findings if "the row's own is used" in f.message]
    assert [(f.severity, f.source.sheet, f.source.row, f.column, f.customer) for f in clash] == [
        (Severity.WARNING, "Renewals", 2, "Country", "Country Only Co")
    ]
    assert clash[0].message == (
        "The row's Country is DE, but book.xlsx, Accounts, row 2 says JP for Country Only Co: the row's own is used; "
        "its Region APAC is not taken either (a region goes with its place)."
    )


def test_a_rows_own_zone_in_another_country_than_its_accounts_country_is_warned(tmp_path: Path) -> None:
    """The account gives only a country: a row's zone in another country disagrees with it all the same."""
    head = [*RENEWALS, "Time Zone"]
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Renewals": [
                head,
                ["Fabrikam Games", "Auth0", "Premier", datetime(2026, 10, 1), datetime(2027, 9, 30), None, "Europe/Paris"],
            ],
            "Accounts": [["Customer", "Region", "Country"], ["Fabrikam Games", "APAC", "AU"]],
        },
    )
    book = load_book([path])
    assert [(c.time_zone, c.country, c.region) for c in book.contracts] == [("Europe/Paris", "FR", "")]
    clash = [f.message for f in book.findings if "the row's own is used" in f.message]
    assert clash == [
        "The row's Time Zone is Europe/Paris, but book.xlsx, Accounts, row 2 says AU for Fabrikam Games: the row's own "
        "is used; its Region APAC is not taken either (a region goes with its place)."
    ]


def test_a_zone_worked_out_from_the_accounts_country_is_said_as_the_rows_own_would_be(tmp_path: Path) -> None:
    """New user 6 D2: an Accounts sheet giving a country and no zone gave a Perth customer Sydney's business hours
    with nothing said, where the same country on the row is a warning ('the most populous of Australia's zones')."""
    path = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Renewals": [
                RENEWALS,
                ["Maple Mining", "Okta", "Basic", datetime(2026, 1, 1), datetime(2026, 12, 31), None],
                ["Nutmeg Travel", "Okta", "Basic", datetime(2026, 1, 1), datetime(2026, 12, 31), None],
            ],
            "Accounts": [
                ["Customer", "Region", "Country", "Account Owner"],
                ["Maple Mining", "APAC", "AU", "Dana Ito"],
                ["Nutmeg Travel", "APAC", "JP", "Sam Reyes"],
            ],
        },
    )
    book = load_book([path])
    assert [(c.customer, c.time_zone, c.zone_unsaid) for c in book.contracts] == [
        ("Maple Mining", "Australia/Sydney", True),
        ("Nutmeg Travel", "Asia/Tokyo", True),
    ]
    zones = {f.customer: f.message for f in book.findings if f.severity is Severity.WARNING and "time zone" in f.message}
    assert zones["Maple Mining"] == (
        "No time zone is given; Australia/Sydney (the most populous of Australia's zones; give the row's time zone to "
        "be exact; the country is book.xlsx, Accounts, row 2's) is used."
    )
    assert zones["Nutmeg Travel"].startswith("No time zone is given; Asia/Tokyo (the zone of Japan;")
