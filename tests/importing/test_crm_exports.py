"""CRM and ERP contract exports as their tools write them (tryout 6): Dynamics 365, Copper, Zoho CRM, Salesforce
reports, NetSuite, Close."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv, write_sheets

DYNAMICS = ["(Do Not Modify) Entitlement", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On", "Customer"]


def _dynamics(path: Path, tier: bool) -> Path:
    """Dynamics 365's Export to Excel of entitlements: its hidden bookkeeping columns first, the tier in Entitlement
    Template ('Okta Premier Plus', with the product)."""
    header = [*DYNAMICS, *(["Entitlement Template"] if tier else []), "Product", "Start Date", "End Date", "Status"]
    rows: list[list[object]] = [header]
    for n, (customer, template, product) in enumerate(
        [("Acme Corp", "Okta Premier Plus", "Okta"), ("Globex GmbH", "Auth0 Premier", "Auth0")]
    ):
        guid = f"3f2504e0-4f89-11d3-9a0c-0305e82c330{n}"
        rows.append(
            [guid, f"kX{n}9Q+abc==", datetime(2026, 11, 2, 9, n), customer, *([template] if tier else []), product]
            + [datetime(2026, 1, 15), datetime(2027, 1, 14), "Active"]
        )
    return write_sheets(path, {"Aktive Berechtigungen": rows})


def test_dynamics_bookkeeping_columns_are_set_aside_and_the_entitlement_template_is_the_tier(tmp_path: Path) -> None:
    book = load_book([_dynamics(tmp_path / "entitlements.xlsx", tier=True)])
    assert {c.customer: c.program for c in book.contracts} == {"Acme Corp": "okta-premier-plus", "Globex GmbH": "auth0-premier"}
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    assert all(not any(h.startswith("(Do Not Modify)") for h in c.extra) for c in book.contracts)
    infos = [f.message for f in book.findings if f.severity is Severity.INFO]
    assert (
        infos.count(
            "Columns '(Do Not Modify) Entitlement', '(Do Not Modify) Row Checksum', '(Do Not Modify) Modified On' set "
            "aside: the exporting tool's own bookkeeping, not contract data."
        )
        == 1
    )
    assert not any("(Do Not Modify)" in m for m in infos if m.startswith("Columns kept"))


def test_a_sheet_without_a_tier_column_names_no_column_and_says_a_default_tier(tmp_path: Path) -> None:
    """Without the template column the GUID is no tier: the Okta row's error names no column (the file has none
    headed 'Program'), and the Auth0 row's Enterprise, the terms' tier for a blank one, is said, not silent."""
    book = load_book([_dynamics(tmp_path / "entitlements.xlsx", tier=False)])
    tier = {f.customer: f for f in book.findings if "no tier column" in f.message}
    assert (tier["Acme Corp"].severity, tier["Acme Corp"].column) == (Severity.ERROR, "")
    assert tier["Acme Corp"].message.startswith("This sheet has no tier column; Okta needs one of Basic")
    assert (tier["Globex GmbH"].severity, tier["Globex GmbH"].column) == (Severity.WARNING, "")
    assert tier["Globex GmbH"].message == (
        "This sheet has no tier column; Auth0 is read as Enterprise, its tier when none is written."
    )
    assert {c.customer: c.program for c in book.contracts} == {"Acme Corp": None, "Globex GmbH": "auth0-enterprise"}


def test_a_zoho_add_ons_column_lists_the_add_ons_bought(tmp_path: Path) -> None:
    """Zoho CRM's multi-select 'Add-ons' (tryout 6: Acme lost its CSE and MCSE): each part split by ';' or ',' is
    read by the add-ons' spellings; a part naming no add-on is a warning naming it, not silence."""
    header = ["Record Id", "Account Name", "Product", "Support Tier", "Add-ons", "Contract Start Date", "Contract End Date"]
    dates = ["2026-01-15", "2027-01-14"]
    rows = [
        ["zcrm_1", "Acme Corp", "Okta", "Premier Plus", "Dedicated CSE;Mission Critical Support - 50% Dedicated MCSE", *dates],
        ["zcrm_2", "Beta Bank", "Okta", "Premier Plus", "100% Dedicated MCSE, Premium Onboarding", *dates],
        ["zcrm_3", "Initech", "Okta", "Premier", "", *dates],
    ]
    book = load_book([write_csv(tmp_path / "zoho.csv", header=header, rows=rows)])
    assert {c.customer: c.addons for c in book.contracts} == {
        "Acme Corp": {"cse": None, "mcse": "50"},
        "Beta Bank": {"mcse": "100"},
        "Initech": {},
    }
    unread = [f for f in book.findings if f.column == "Add-ons"]
    assert [(f.severity, f.customer) for f in unread] == [(Severity.WARNING, "Beta Bank")]
    assert unread[0].message.startswith("Add-ons: 'Premium Onboarding' names no add-on (Dedicated Customer Success")
    kept = next(f.message for f in book.findings if f.message.startswith("Columns kept"))
    unused, _, read = kept.partition(" Also read: ")
    assert "Add-ons" not in unused and read == "'Add-ons' (the add-ons bought)."


def test_an_add_ons_list_and_the_add_ons_own_columns(tmp_path: Path) -> None:
    """Hostile tryout 2, item 5: a blank own cell leaves the list to decide (Own A kept no MCSE); a filled one that
    disagrees decides, and a warning names both (Own B read 50% silently where the list says 100%)."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Add-ons", "Dedicated CSE", "MCSE"]
    dates = ["2026-01-01", "2026-12-31"]
    rows = [
        ["Own A", "Okta", "Premier Plus", *dates, "Dedicated CSE;Mission Critical Support - 50% Dedicated MCSE", "No", ""],
        ["Own B", "Okta", "Premier Plus", *dates, "Mission Critical Support - 100% Dedicated MCSE", "", "50%"],
        ["Own C", "Okta", "Premier Plus", *dates, "Dedicated CSE; 100% Dedicated MCSE", "Yes", "100%"],
    ]
    book = load_book([write_csv(tmp_path / "zoho.csv", header=header, rows=rows)])
    assert {c.customer: c.addons for c in book.contracts} == {
        "Own A": {"mcse": "50"},
        "Own B": {"mcse": "50"},
        "Own C": {"cse": None, "mcse": "100"},
    }
    said = [(f.customer, f.severity, f.column, f.message) for f in book.findings if "names '" in f.message]
    assert said == [
        (
            "Own A",
            Severity.WARNING,
            "Dedicated CSE",
            "Add-ons names 'Dedicated CSE', but column 'Dedicated CSE' says 'No': the CSE is read from 'Dedicated CSE', "
            "the add-on's own column.",
        ),
        (
            "Own B",
            Severity.WARNING,
            "MCSE",
            "Add-ons names 'Mission Critical Support - 100% Dedicated MCSE', but column 'MCSE' says '50%': the MCSE is "
            "read from 'MCSE', the add-on's own column.",
        ),
    ]


def test_an_add_on_on_the_wrong_tier_names_its_column_as_the_file_writes_it(tmp_path: Path) -> None:
    """The sample's error said "column 'CSE'" for its 'Dedicated CSE' column (new user round 5): every other finding
    quotes the file's header, and an account manager looks for that."""
    from explorer.catalog import default_catalog
    from explorer.rules import contract_findings

    header = ["Customer", "Product", "Tier", "Start", "End", "Dedicated CSE", "Mission Critical"]
    rows = [["Own D", "Okta", "Premier", "2026-01-01", "2026-12-31", "Yes", "50%"]]
    (contract,) = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)]).contracts
    errors = [(f.column, f.message.split(" is only")[0]) for f in contract_findings(default_catalog(), contract)]
    assert errors == [
        ("Dedicated CSE", "Dedicated Customer Success Executive (CSE)"),
        ("Mission Critical", "Mission Critical Support (MCSE)"),
    ]


def test_an_add_ons_list_says_two_levels_a_thousand_unknown_parts_and_its_own_column(tmp_path: Path) -> None:
    """Hostile tryout 2, items 4, 15, 16: two levels of the MCSE in one cell are an error and neither is read (the
    last one won silently); a cell of a thousand unknown parts is one warning, not a thousand; an add-on the list
    gave a Basic contract is an error on the list's column, not on a 'CSE' or 'MCSE' the file does not have."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Add-ons"]
    dates = ["2026-01-01", "2026-12-31"]
    rows = [
        ["Add D", "Okta", "Premier Plus", *dates, ";".join(f"Unicorn {n}" for n in range(1000))],
        ["Add F", "Okta", "Premier Plus", *dates, "Dedicated CSE;50% Dedicated MCSE;100% Dedicated MCSE"],
        ["Add G", "Okta", "Basic", *dates, "Dedicated CSE;100% Dedicated MCSE"],
        ["Add H", "Okta", "Premier Plus", *dates, "@cmd;+1;-1;Unicorn"],
    ]
    book = load_book([write_csv(tmp_path / "zoho.csv", header=header, rows=rows)])
    assert {c.customer: c.addons for c in book.contracts} == {
        "Add D": {},
        "Add F": {"cse": None},
        "Add G": {"cse": None, "mcse": "100"},
        "Add H": {},
    }
    listed = [(f.customer, f.severity, f.message) for f in book.findings if f.column == "Add-ons"]
    known = "(Dedicated Customer Success Executive (CSE), Mission Critical Support (MCSE))"
    basic = "is only sold with Okta Premier Plus, but this contract is Okta Basic."
    assert listed == [
        (
            "Add D",
            Severity.WARNING,
            f"Add-ons: 'Unicorn 0', 'Unicorn 1', 'Unicorn 2' and 997 more name no add-on {known}; they are not read.",
        ),
        (
            "Add F",
            Severity.ERROR,
            "Add-ons: '50% Dedicated MCSE' and '100% Dedicated MCSE' are two levels of the MCSE; which one was bought "
            "is not known, so neither is read. Keep the one bought.",
        ),
        (
            "Add H",
            Severity.WARNING,
            f"Add-ons: '@cmd', '+1', '-1', 'Unicorn' name no add-on {known}; they are not read.",
        ),
        ("Add G", Severity.ERROR, f"Dedicated Customer Success Executive (CSE) {basic}"),
        ("Add G", Severity.ERROR, f"Mission Critical Support (MCSE) {basic}"),
    ]


def test_a_salesforce_report_grouped_by_account_then_product_carries_both_down(tmp_path: Path) -> None:
    """Each product's Subtotal line (in the Product column) closes a product, not the account: Initech's second
    product and Tyrell's second term take their account (tryout 6: two '(no customer name...)' customers)."""
    start, end = datetime(2026, 3, 1), datetime(2027, 2, 28)
    rows: list[list[object]] = [
        ["Account Name", "Product", "Support Tier", "Contract Start Date", "Contract End Date", "Annual Value"],
        ["Acme Corp", "Okta", "Premier Plus", start, end, 48000],
        [None, "Subtotal", None, None, None, 48000],
        ["Subtotal", None, None, None, None, 48000],
        ["Initech", "Okta", "Premier", start, end, 18500],
        [None, "Subtotal", None, None, None, 18500],
        [None, "Okta Access Gateway", "Premier", start, end, 9000],
        [None, "Subtotal", None, None, None, 9000],
        ["Subtotal", None, None, None, None, 27500],
        ["Tyrell Systems", "Okta", "Premier Access", start, end, 31000],
        [None, None, "Premier Plus", datetime(2027, 3, 1), datetime(2028, 2, 29), 45000],
        [None, "Subtotal", None, None, None, 76000],
        ["Subtotal", None, None, None, None, 76000],
        ["Grand Total (4 records)", None, None, None, None, 133500],
    ]
    book = load_book([write_sheets(tmp_path / "report.xlsx", {"Contracts by Account": rows})])
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [
        ("Acme Corp", "okta", "okta-premier-plus"),
        ("Initech", "okta", "okta-premier"),
        ("Initech", "okta-access-gateway", "okta-premier"),
        ("Tyrell Systems", "okta", "okta-premier-access"),
        ("Tyrell Systems", "okta", "okta-premier-plus"),
    ]
    assert not [f for f in book.findings if f.severity is Severity.ERROR]


def test_netsuite_items_and_close_leads_name_the_product_and_the_customer(tmp_path: Path) -> None:
    """NetSuite's contract items: the line's name in 'Item: Display Name' (its code in 'Item: Name'), or a bare
    'Item'; Close's opportunities: the company in 'lead_name', its Lost deal in 'status_label'."""
    item = "Okta Premier Plus Support (12 months)"
    for header in ("Item: Display Name", "Item"):
        rows = [["48211", "Acme Corp", "OKTA-PP-12", item, "1/15/2026", "1/14/2027"]]
        columns = ["Internal ID", "Customer", "Item: Name", header, "Start Date", "End Date"]
        book = load_book([write_csv(tmp_path / "netsuite.csv", header=columns, rows=rows)])
        assert [(c.customer, c.program) for c in book.contracts] == [("Acme Corp", "okta-premier-plus")], header
    header = ["id", "lead_name", "status_label", "status_type", "custom.Product", "custom.Support Tier"]
    header += ["custom.Term Start", "custom.Term End"]
    rows = [
        ["oppo_1", "Acme Corp", "Won", "won", "Okta", "Premier Plus", "2026-01-15", "2027-01-14"],
        ["oppo_2", "Initech", "Lost", "lost", "Okta", "Premier", "2026-03-01", "2027-02-28"],
    ]
    book = load_book([write_csv(tmp_path / "close.csv", header=header, rows=rows)])
    assert [(c.customer, c.never_ran) for c in book.contracts] == [("Acme Corp", False), ("Initech", True)]


SERVICENOW = ["name", "account", "product", "start_date", "end_date", "active", "per_unit", "channel"]


def _servicenow(path: Path, rows: list[list[object]]) -> Path:
    """ServiceNow CSM's Entitlements (service_entitlement) exported as CSV: the line item sold in 'name', the
    product in 'product', no tier column (tryout 8, b9)."""
    return write_csv(path, header=SERVICENOW, rows=[[*r, "true", "false", "Web"] for r in rows])


SN_ROWS: list[list[object]] = [
    ["Okta Premier Plus Support (12 months)", "Acme Corp", "Okta", "2026-01-15", "2027-01-14"],
    ["Dedicated CSE Add-On", "Acme Corp", "Okta", "2026-01-15", "2027-01-14"],
    ["Okta Premier Support (12 months)", "Initech", "Okta", "2026-03-01", "2027-02-28"],
    ["Auth0 Enterprise Support", "Soylent Foods", "Auth0", "2026-05-01", "2027-04-30"],
]


def test_servicenow_entitlements_read_the_tier_and_the_add_on_line_from_their_name(tmp_path: Path) -> None:
    """The line item's name was kept, not read: every Okta row lacked its tier, and the CSE's line was folded into
    the Premier Plus row as 'the same tier, dates and add-ons', so the CSE was lost without a word."""
    book = load_book([_servicenow(tmp_path / "service_entitlement.csv", SN_ROWS)])
    assert [(c.customer, c.program, c.addons) for c in book.contracts] == [
        ("Acme Corp", "okta-premier-plus", {"cse": None}),
        ("Initech", "okta-premier", {}),
        ("Soylent Foods", "auth0-enterprise", {}),
    ]
    assert not [f for f in book.findings if f.severity is Severity.ERROR or "read once" in f.message]
    said = [(f.column, f.message) for f in book.findings if f.severity is Severity.INFO]
    assert ("name", "Read 'name' as Tier: its values name a product's tier or an add-on (a line item's name).") in said
    assert any(m.startswith("1 add-on line read as add-ons of their account's contract") for _, m in said)


def test_a_mapped_tier_column_naming_an_add_on_is_that_add_ons_line(tmp_path: Path) -> None:
    """With 'program = name' mapped, the CSE's line was a second Okta contract in force (in error, no tier) and the
    Premier Plus row it belongs to had no CSE; the line is the add-on of the tier contract beside it, of its own
    product only (a CSE line beside Auth0 is no add-on of the Okta contract)."""
    from explorer.importing.mappings import ColumnMapping, Lookup

    columns = {"customer": "account", "product": "product", "program": "name"}
    mapping = ColumnMapping("contracts", tuple(SERVICENOW), {**columns, "term_start": "start_date", "term_end": "end_date"})
    auth0_line = ["Dedicated CSE Add-On", "Initech", "Auth0", "2026-03-01", "2027-02-28"]
    book = load_book([_servicenow(tmp_path / "entitlements.csv", [*SN_ROWS, auth0_line])], saved=Lookup([mapping]))
    assert [(c.customer, c.program, c.addons) for c in book.contracts] == [
        ("Acme Corp", "okta-premier-plus", {"cse": None}),
        ("Initech", "okta-premier", {}),
        ("Soylent Foods", "auth0-enterprise", {}),
    ]
    (error,) = [f for f in book.findings if f.severity is Severity.ERROR]
    assert (error.source.row, error.column, error.customer) == (6, "name", "Initech")
    assert error.message.startswith("Add-on line 'Dedicated CSE Add-On' of Initech for 2026-03-01 to 2027-02-28 has no")


def test_rows_whose_tier_is_not_read_are_not_one_term_where_their_kept_cells_differ(tmp_path: Path) -> None:
    """A 'name' column none of whose values a spelling reads is not the tier; its rows then lack a tier, and two of
    them are not 'the same term' where their kept 'name' differs: both stay, each in error, none silently read once."""
    rows = [
        ["Legacy Gold Entitlement", "Acme Corp", "Okta", "2026-01-15", "2027-01-14"],
        ["Legacy Silver Entitlement", "Acme Corp", "Okta", "2026-01-15", "2027-01-14"],
        ["Legacy Bronze Entitlement", "Initech", "Okta", "2026-03-01", "2027-02-28"],
    ]
    book = load_book([_servicenow(tmp_path / "entitlements.csv", rows)])
    assert [(c.customer, c.program, c.extra["name"]) for c in book.contracts] == [
        ("Acme Corp", None, "Legacy Gold Entitlement"),
        ("Acme Corp", None, "Legacy Silver Entitlement"),
        ("Initech", None, "Legacy Bronze Entitlement"),
    ]
    assert not [f for f in book.findings if "read once" in f.message]
    copy = _servicenow(tmp_path / "copy.csv", [rows[0], rows[2]])  # the same rows in an owner's copy: read once
    again = load_book([tmp_path / "entitlements.csv", copy])
    assert len(again.contracts) == 3
    assert [f.message for f in again.findings if "read once" in f.message] == [
        "This file repeats entitlements.csv: all 2 of its terms are listed there with the same tier, dates and add-ons; "
        "read once."
    ]


def test_an_entitlement_name_no_spelling_reads_is_named_and_the_column_still_read(tmp_path: Path) -> None:
    """One misspelled 'name' ('Suport') made every Okta row say "This sheet has no tier column", never named the
    value, and the CSE's line became a second Acme contract in force (the Premier Plus row then Superseded). The
    column is read by most of its values, the odd value named once with its rows, and the CSE line is an add-on."""
    odd = "Okta Premier Plus Suport (12 months)"
    rows = [*SN_ROWS, [odd, "Hooli", "Okta", "2026-01-01", "2026-12-31"], [odd, "Hooli", "Okta", "2027-01-01", "2027-12-31"]]
    book = load_book([_servicenow(tmp_path / "entitlements.csv", rows)])
    assert [(c.customer, c.program, c.addons) for c in book.contracts] == [
        ("Acme Corp", "okta-premier-plus", {"cse": None}),
        ("Initech", "okta-premier", {}),
        ("Soylent Foods", "auth0-enterprise", {}),
        ("Hooli", None, {}),
        ("Hooli", None, {}),
    ]
    assert not [f for f in book.findings if "no tier column" in f.message]
    (named,) = [f for f in book.findings if f.severity is Severity.WARNING and odd in f.message]
    assert (named.source.row, named.column, named.customer) == (6, "name", "Hooli")
    assert named.message.startswith(f"'{odd}' in 'name' (rows 6, 7) names no tier or add-on of the catalog")


def test_entitlements_of_add_on_lines_only_are_no_contracts(tmp_path: Path) -> None:
    """An export of add-on lines alone said "This sheet has no tier column" on each and read each as an Okta
    contract with no tier: each is an add-on line, with no contract of its account to belong to."""
    mcse = "Mission Critical Support - 100% Dedicated MCSE"
    rows: list[list[object]] = [SN_ROWS[1], [mcse, "Initech", "Okta", "2026-01-01", "2026-12-31"]]
    book = load_book([_servicenow(tmp_path / "entitlements.csv", rows)])
    assert book.contracts == []
    assert not [f for f in book.findings if "no tier column" in f.message]
    lines = [f for f in book.findings if f.severity is Severity.ERROR and f.message.startswith("Add-on line")]
    assert [(f.source.row, f.customer) for f in lines] == [(2, "Acme Corp"), (3, "Initech")]


def _with_tier(path: Path, rows: list[list[object]], tiers: list[str]) -> Path:
    """ServiceNow's Entitlements with a tier column added beside its 'name' (a custom field)."""
    header = [*SERVICENOW, "Support Tier"]
    return write_csv(path, header=header, rows=[[*r, "true", "false", "Web", t] for r, t in zip(rows, tiers, strict=True)])


def test_entitlements_beside_a_tier_column_keep_the_add_on_line(tmp_path: Path) -> None:
    """With a tier column beside 'name', the CSE's line (tier cell = the contract's tier, or blank) was folded into
    the Premier Plus row as 'the same tier, dates and add-ons; read once': the CSE lost, no finding. A row whose
    'name' is an add-on's line is that line, whatever its tier cell; a blank tier cell on a tier row is read from
    its 'name'; a tier column that disagrees with 'name' is read, with a warning naming both."""
    for blank in ("Premier Plus", ""):
        path = _with_tier(tmp_path / "entitlements.csv", SN_ROWS, ["Premier Plus", blank, "Premier", "Enterprise"])
        book = load_book([path])
        assert [(c.customer, c.program, c.addons) for c in book.contracts] == [
            ("Acme Corp", "okta-premier-plus", {"cse": None}),
            ("Initech", "okta-premier", {}),
            ("Soylent Foods", "auth0-enterprise", {}),
        ], blank
        assert not [f for f in book.findings if f.severity is Severity.ERROR or "read once" in f.message]
        assert "name" not in next(f.message for f in book.findings if f.message.startswith("Columns kept"))
    path = _with_tier(tmp_path / "blank.csv", SN_ROWS[:2], ["", ""])
    assert [(c.program, c.addons) for c in load_book([path]).contracts] == [("okta-premier-plus", {"cse": None})]
    path = _with_tier(tmp_path / "disagree.csv", SN_ROWS, ["Premier Plus", "Premier Plus", "Basic", "Enterprise"])
    book = load_book([path])
    assert [c.program for c in book.contracts] == ["okta-premier-plus", "okta-basic", "auth0-enterprise"]
    (warned,) = [f for f in book.findings if f.severity is Severity.WARNING and "tier column says" in f.message]
    assert (warned.source.row, warned.column, warned.customer) == (4, "Support Tier", "Initech")
    assert warned.message.startswith("'name' names Premier ('Okta Premier Support (12 months)'), but the tier column")


def test_a_territory_of_sales_regions_is_the_region_not_a_state(tmp_path: Path) -> None:
    """Freshsales' 'Territory' (EMEA, AMER, APAC) was read as the State/Province: "'EMEA' is not one of Germany's"
    and the MCSE's region then came from the country. A column of sales regions is the region whatever its header; a
    Territory of states stays the state, and one beside a Region column is kept."""
    header = ["Name", "Account name", "Product", "Contract Start Date", "Contract End Date", "Territory", "Country"]
    dates = ["2026-01-15", "2027-01-14"]
    mcse = "Mission Critical Support - 50% Dedicated MCSE"
    rows: list[list[object]] = [
        ["Acme 2026", "Acme Corp", "Okta Premier Plus Support (12 months)", *dates, "EMEA", "DE"],
        ["Acme MCSE", "Acme Corp", mcse, *dates, "EMEA", "DE"],
        ["Initech 2026", "Initech", "Okta Premier Support (12 months)", *dates, "North America", "US"],
        ["Tyrell 2026", "Tyrell", "Okta Premier Support (12 months)", *dates, "APAC-South", "AU"],
    ]
    book = load_book([write_csv(tmp_path / "freshsales_deals.csv", header=header, rows=rows)])
    assert [(c.customer, c.region, c.subdivision, c.addons) for c in book.contracts] == [
        ("Acme Corp", "EMEA", "", {"mcse": "50"}),
        ("Initech", "North America", "", {}),  # a region as written (AMER's spelling), as from a Region column
        ("Tyrell", "APAC", "NSW", {}),  # a sub-region read as its region; the state from the country's zone
    ]
    assert not [f for f in book.findings if f.severity is not Severity.INFO and "EMEA" in f.message]
    assert not [f for f in book.findings if "No region is given" in f.message]
    (said,) = [f for f in book.findings if f.column == "Territory" and f.severity is Severity.INFO and f.source.row == 1]
    assert said.message.startswith("Read 'Territory' as Region: every value in it is a sales region (")
    states = [[*r[:5], state, country] for r, state, country in zip(rows[2:], ["IL", "NSW"], ["US", "AU"], strict=True)]
    book = load_book([write_csv(tmp_path / "states.csv", header=header, rows=states)])
    assert [(c.region, c.subdivision) for c in book.contracts] == [("", "IL"), ("", "NSW")]
    beside = load_book([write_csv(tmp_path / "both.csv", header=[*header, "Region"], rows=[[*rows[0], "APAC"]])])
    assert [(c.region, c.subdivision, c.extra.get("Territory")) for c in beside.contracts] == [("APAC", "", "EMEA")]


def test_a_region_column_of_states_beside_sales_regions_is_the_state(tmp_path: Path) -> None:
    """A Region of states (Bavaria, California) beside a Sales Territory of EMEA/AMER was the region, silently: the
    sheet said 'region Bavaria' and the California customer had New York's zone and only national holidays. The
    territory is the region and the states are the State/Province (kept beside another), said in one info."""
    dates = ["2026-01-15", "2027-01-14"]
    rows: list[list[object]] = [
        ["Acme Corp", "Okta", "Premier Plus", *dates, "Bavaria", "EMEA", "DE"],
        ["Initech", "Okta", "Premier", *dates, "California", "AMER", "US"],
    ]
    for territory in ("Sales Territory", "Sales Geo"):  # headed as a state (Territory), or kept
        header = ["Customer", "Product", "Tier", "Start", "End", "Region", territory, "Country"]
        book = load_book([write_csv(tmp_path / "regions.csv", header=header, rows=rows)])
        assert [(c.region, c.subdivision, c.time_zone) for c in book.contracts] == [
            ("EMEA", "BY", "Europe/Berlin"),
            ("AMER", "CA", "America/Los_Angeles"),
        ], territory
        (said,) = [f for f in book.findings if f.message.startswith("Column 'Region' holds states or provinces")]
        assert (said.severity, said.column) == (Severity.INFO, territory)
        assert said.message.endswith(f"read from '{territory}', and 'Region' as the State/Province (for its public holidays).")
    header = ["Customer", "Product", "Tier", "Start", "End", "Region", "Sales Geo", "Country", "State"]
    beside = [[*r, state] for r, state in zip(rows, ["BW", "NY"], strict=True)]
    book = load_book([write_csv(tmp_path / "both.csv", header=header, rows=beside)])
    assert [(c.region, c.subdivision, c.extra.get("Region")) for c in book.contracts] == [
        ("EMEA", "BW", "Bavaria"),
        ("AMER", "NY", "California"),
    ]
    plain = [[*r[:5], "EMEA", "EMEA", r[7]] for r in rows]  # a Region of regions: as before
    book = load_book([write_csv(tmp_path / "plain.csv", header=header[:8], rows=plain)])
    assert not [f for f in book.findings if "holds states" in f.message]


def test_a_contacts_column_of_sales_regions_is_their_region(tmp_path: Path) -> None:
    """A contacts export headed 'Territory' or 'Theater' holds the region the MCSE's named contacts are checked in."""
    for column in ("Territory", "Theater"):
        contacts = write_csv(
            tmp_path / "contacts.csv",
            header=["Customer", "Name", "Email", column],
            rows=[["Acme Corp", "Ada Lovelace", "ada@acme.example", "EMEA"], ["Acme Corp", "Bob Li", "bob@acme.example", "APAC"]],
        )
        book = load_book([contacts])
        assert [(c.name, c.region) for c in book.contacts] == [("Ada Lovelace", "EMEA"), ("Bob Li", "APAC")], column


def test_dynamics_opportunities_potential_customer_and_an_open_status_not_signed(tmp_path: Path) -> None:
    """Dynamics 365's Export to Excel of opportunities (tryout 9, k06): its customer column is 'Potential Customer'
    (the export was refused), and its Status is the opportunity's (Open, Won, Lost): an Open renewal (Status Reason
    In Progress) read as a running term. Its very hidden 'hiddenSheet' is the tool's own lookup, named nowhere."""
    import openpyxl

    header = ["(Do Not Modify) Opportunity", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On", "Topic"]
    header += ["Potential Customer", "Status", "Status Reason", "Support Tier", "Contract Start Date", "Contract End Date"]
    header += ["Product Family"]
    deals = [
        ("Coho Winery", "Won", "Won", datetime(2025, 12, 1), datetime(2026, 11, 30)),
        ("Coho Winery", "Open", "In Progress", datetime(2026, 12, 1), datetime(2027, 11, 30)),
        ("Datum Corp", "Lost", "Out-Sold", datetime(2026, 6, 1), datetime(2027, 5, 31)),
    ]
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "Opportunities"
    sheet.append(header)
    for n, (customer, status, reason, start, end) in enumerate(deals):
        guid = f"3f2a9c1e-0d4b-4c7e-9a0{n}-5b6c7d8e9f0{n}"
        stamp = datetime(2026, 11, 30, 9, n)
        sheet.append([guid, f"QmFz{n}=", stamp, "FY", customer, status, reason, "Premier Plus", start, end, "Okta"])
    lookup = wb.create_sheet("hiddenSheet")
    lookup.append(["opportunity:Tv3YF0E1f2GyW0nT+x5Z+Q==:opportunityid=%28Do%20Not%20Modify%29%20Opportunity"])
    lookup.sheet_state = "veryHidden"
    path = tmp_path / "Opportunities.xlsx"
    wb.save(path)

    book = load_book([path])
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    runs = {(c.customer, c.term_start.year if c.term_start else 0): c.never_ran for c in book.contracts}
    assert runs == {("Coho Winery", 2025): False, ("Coho Winery", 2026): True, ("Datum Corp", 2026): True}
    said = {(f.customer, f.source.row): f.message for f in book.findings if f.column == "Status"}
    assert said[("Coho Winery", 3)].startswith("Status 'Open': the deal is not signed (not won)")
    assert not [f for f in book.findings if "hiddenSheet" in f.message or f.source.sheet == "hiddenSheet"]
    kept = next(f.message for f in book.findings if "read for a term the book says" in f.message)
    assert "or a deal not signed yet (Open)" in kept


def test_a_hidden_sheet_of_another_name_is_still_named(tmp_path: Path) -> None:
    """Only the tool's own sheet passes without a word: a hidden sheet of the book's may hold last year's terms."""
    import openpyxl

    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(["Customer", "Product", "Tier", "Start", "End"])
    sheet.append(["Acme", "Okta", "Premier", datetime(2026, 1, 1), datetime(2026, 12, 31)])
    backup = wb.create_sheet("hidden sheet 2025")
    backup.append(["Customer", "Product", "Tier", "Start", "End"])
    backup.sheet_state = "veryHidden"
    path = tmp_path / "book.xlsx"
    wb.save(path)
    book = load_book([path])
    assert [f.source.sheet for f in book.findings if "very hidden" in f.message] == ["hidden sheet 2025"]


def test_a_hidden_sheet_named_as_the_tools_own_that_holds_a_table_is_named(tmp_path: Path) -> None:
    """A book's own hidden sheet that happens to be called hiddenSheet, holding five contracts, was passed over
    without a word (hostile tryout 4): only the tool's lookup, no table in it, is."""
    import openpyxl

    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(["Customer", "Product", "Tier", "Start", "End"])
    sheet.append(["Acme", "Okta", "Premier", datetime(2026, 1, 1), datetime(2026, 12, 31)])
    kept = wb.create_sheet("HiddenSheet")
    kept.append(["Customer", "Product", "Tier", "Start", "End"])
    for n in range(5):
        kept.append([f"Old {n}", "Okta", "Premier", datetime(2025, 1, 1), datetime(2025, 12, 31)])
    kept.sheet_state = "hidden"
    path = tmp_path / "book.xlsx"
    wb.save(path)
    book = load_book([path])
    (said,) = [f.message for f in book.findings if f.source.sheet == "HiddenSheet"]
    assert said.startswith("Sheet 'HiddenSheet' is hidden in the workbook; its 5 rows under the header were not read.")


def test_line_items_and_their_deals_in_one_workbook_join_by_the_deals_id(tmp_path: Path) -> None:
    """HubSpot's deals and line items as two sheets of one workbook: each item takes its deal's company and stage; an
    item whose deal is not in the book, and a deal with no item, are each a warning naming its row."""
    deals = [
        ["Record ID", "Deal Name", "Deal Stage", "Associated Company"],
        [9001, "Acme renewal", "Closed won", "Acme Corp"],
        [9002, "Initech 2026", "Closed won", "Initech"],
    ]
    items = [
        ["Record ID", "Name", "SKU", "Term", "Billing start date", "Associated Deal IDs"],
        [8001, "Okta Premier Plus Support (12 months)", "OKTA-PP", "P12M", datetime(2026, 1, 15), 9001],
        [8002, "Dedicated CSE Add-On", "OKTA-CSE", "P12M", datetime(2026, 1, 15), 9001],
        [8003, "Okta Premier Support (12 months)", "OKTA-P", "P12M", datetime(2026, 3, 1), 9077],
    ]
    book = load_book([write_sheets(tmp_path / "hubspot.xlsx", {"Line items": items, "Deals": deals})])
    acme = [c for c in book.contracts if c.customer == "Acme Corp"]
    assert [(c.program, c.source.sheet, c.source.row) for c in acme] == [("okta-premier-plus", "Line items", 2)]
    assert "cse" in acme[0].addons
    lost = [f for f in book.findings if "is not in hubspot.xlsx" in f.message]
    assert [(f.severity, f.source.sheet, f.source.row, f.source.column) for f in lost] == [
        (Severity.WARNING, "Line items", 4, "Associated Deal IDs")
    ]
    alone = [f for f in book.findings if f.message.startswith("Deal '9002' has no line item")]
    assert [(f.source.sheet, f.source.row) for f in alone] == [("Deals", 3)]
    assert any(f.message.startswith("Read 2 line items of hubspot.xlsx with their deals") for f in book.findings)


def test_salesforce_entitlement_names_give_the_tier_beside_the_account(tmp_path: Path) -> None:
    """Salesforce's Entitlements report: the support bought is in Entitlement Name, written after (or before) the
    account's name, often shortened ('Acme' for 'Acme Corp'). The name set aside, the rest is the tier, said; a name
    that holds no tier beside the customer's is still the tier error, quoting the cell."""
    path = write_csv(
        tmp_path / "entitlements.csv",
        header=["Entitlement Name", "Account Name", "Type", "Start Date", "End Date", "Status", "Product"],
        rows=[
            ["Acme - Premier Support", "Acme Corp", "Phone Support", "3/1/2026", "2/28/2027", "Active", "Okta"],
            ["Enterprise (Globex GmbH)", "Globex GmbH", "Web Support", "1/15/2026", "1/14/2027", "Active", "Auth0"],
            ["Initech Gold", "Initech", "Web Support", "1/1/2026", "12/31/2026", "Active", "Okta"],
            ["Premier Plus", "Premier Plus Ltd", "Web Support", "1/1/2026", "12/31/2026", "Active", "Okta"],
        ],
    )
    book = load_book([path])
    tiers = {c.customer: c.program for c in book.contracts}
    assert tiers == {
        "Acme Corp": "okta-premier",
        "Globex GmbH": "auth0-enterprise",
        "Initech": None,
        "Premier Plus Ltd": "okta-premier-plus",
    }
    said = {f.customer: f for f in book.findings if f.column == "Entitlement Name" and f.customer}
    assert said["Acme Corp"].severity is Severity.INFO
    assert (
        said["Acme Corp"].message == "Tier Premier read from 'Acme - Premier Support', the customer's name beside it set aside."
    )
    assert said["Initech"].severity is Severity.ERROR
    assert said["Initech"].message.startswith("Tier 'Initech Gold' is not one of the Okta programs")
    assert "Premier Plus Ltd" not in said  # the tier as written: nothing set aside, nothing said


def test_an_entitlement_name_of_the_account_product_and_tier_gives_a_blank_products_both(tmp_path: Path) -> None:
    """Tryout 11: 'Acme Corp - Okta Premier Plus Support' with a blank product was 'The product is missing', though
    the account set aside leaves a line naming product and tier; one naming an ambiguous tier beside the account
    ('Umbrella Health - Premier Support': Okta's or Auth0's) is still the error."""
    path = write_csv(
        tmp_path / "entitlements.csv",
        header=["Account Name", "Entitlement Name", "Product", "Start Date", "End Date", "Status"],
        rows=[
            ["Acme Corp", "Acme Corp - Okta Premier Plus Support", "", "1/15/2026", "1/14/2027", "Active"],
            ["Globex GmbH", "Auth0 Enterprise (Globex)", "", "2/1/2026", "1/31/2027", "Active"],
            ["Umbrella Health", "Umbrella Health - Premier Support", "", "4/1/2026", "3/31/2028", "Active"],
        ],
    )
    book = load_book([path])
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [
        ("Acme Corp", "okta", "okta-premier-plus"),
        ("Globex GmbH", "auth0", "auth0-enterprise"),
        ("Umbrella Health", None, None),
    ]
    said = {f.customer: (f.severity, f.column, f.message) for f in book.findings if f.customer and f.column != ""}
    assert said["Acme Corp"] == (
        Severity.INFO,
        "Entitlement Name",
        "Product Okta and tier Premier Plus read from 'Acme Corp - Okta Premier Plus Support', the customer's name "
        "beside it set aside.",
    )
    assert said["Umbrella Health"][:2] == (Severity.ERROR, "Product")


def test_an_entitlements_report_with_no_product_column_reads_the_product_beside_the_account(tmp_path: Path) -> None:
    """Tryout 11: Salesforce's Entitlements report has no product field, so a report whose every Entitlement Name
    names product and tier beside the account was refused ('needs product'); one whose names do not all give a
    product ('Hooli - Enterprise': Enterprise alone names no product) is still refused, with the remedy."""
    header = ["Entitlement Name", "Account Name", "Type", "Start Date", "End Date", "Status"]
    rows = [
        ["Acme Corp - Okta Premier Plus Support", "Acme Corp", "Phone Support", "1/15/2026", "1/14/2027", "Active"],
        ["Globex - Auth0 Enterprise Support", "Globex GmbH", "Web Support", "2/1/2026", "1/31/2027", "Active"],
        ["Okta Basic Support", "Initech", "Web Support", "3/1/2026", "2/28/2027", "Active"],
    ]
    book = load_book([write_csv(tmp_path / "entitlements.csv", header=header, rows=rows)])
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [
        ("Acme Corp", "okta", "okta-premier-plus"),
        ("Globex GmbH", "auth0", "auth0-enterprise"),
        ("Initech", "okta", "okta-basic"),
    ]
    assert not [f for f in book.findings if f.severity is Severity.ERROR]
    assert (
        "This table has no product column: each row's product is read from 'Entitlement Name', which names it beside the tier."
    ) in [f.message for f in book.findings]
    rows.append(["Hooli - Enterprise", "Hooli", "Web Support", "6/1/2026", "5/31/2027", "Active"])
    book = load_book([write_csv(tmp_path / "entitlements2.csv", header=header, rows=rows)])
    assert not book.contracts
    assert [f.message for f in book.findings if f.severity is Severity.ERROR][0].startswith("No contract was read")


def test_a_crm_support_contact_checkbox_says_who_is_named(tmp_path: Path) -> None:
    """Salesforce's contacts report with the org's 'Support Contact' checkbox (true/false, TRUE, Yes): the column is
    Named, so a contact marked false is listed but not counted; where that header heads anything but yes and no, it
    is not taken for the flag."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Account Name", "Product", "Support Level", "Start Date", "End Date"],
        rows=[["Acme Corp", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )
    header = ["First Name", "Last Name", "Email", "Account Name", "Title", "Support Contact"]
    people = [
        ["Ada", "Lovelace", "ada@acme.example", "Acme Corp", "CTO", "true"],
        ["Bob", "Smith", "bob@acme.example", "Acme Corp", "IT Admin", "false"],
        ["Carol", "Jones", "carol@acme.example", "Acme Corp", "Engineer", "TRUE"],
    ]
    contacts = write_csv(tmp_path / "contacts.csv", header=header, rows=people)
    loaded = load_book([book, contacts])
    assert {c.name: c.named for c in loaded.contacts} == {"Ada Lovelace": True, "Bob Smith": False, "Carol Jones": True}
    said = [(f.severity, f.message) for f in loaded.findings if f.column == "Support Contact"]
    assert said == [
        (
            Severity.INFO,
            "Read 'Support Contact' as Named: every value in it is yes or no; a contact marked no is listed, not counted.",
        )
    ]
    odd = write_csv(tmp_path / "odd.csv", header=header, rows=[*people[:2], [*people[2][:5], "maybe"]])
    loaded = load_book([book, odd])  # one odd value (hostile round 5): still the flag, the odd row warned
    assert {c.name: c.named for c in loaded.contacts} == {"Ada Lovelace": True, "Bob Smith": False, "Carol Jones": False}
    assert [f.message for f in loaded.findings if f.severity is Severity.WARNING and f.column == "Support Contact"] == [
        "Named: 'maybe' is not yes or no; read as no."
    ]
    notes = write_csv(tmp_path / "notes.csv", header=header, rows=[[*p[:5], "ask Ada first"] for p in people])
    loaded = load_book([book, notes])
    assert all(c.named for c in loaded.contacts) and len(loaded.contacts) == 3
    assert "Support Contact" in loaded.contacts[0].extra


def test_a_support_contact_checkbox_under_its_api_name_says_who_is_named(tmp_path: Path) -> None:
    """Tryout 11: Data Loader heads the checkbox by its API name ('SUPPORT_CONTACT__C', or 'Support_Contact__c' as
    the API writes it): it was kept, every contact counted, and the book warned of 7 named contacts where 5 are."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Account Name", "Product", "Support Level", "Start Date", "End Date"],
        rows=[["Acme Corp", "Okta", "Premier", "2026-01-01", "2026-12-31"]],
    )
    people = [
        ["0035e00000Abc000AAA", "Acme Corp", "Ann", "Lee", "ann.lee@acme.test", "true"],
        ["0035e00000Abc001AAA", "Acme Corp", "Bo", "Chan", "bo.chan@acme.test", "true"],
        ["0035e00000Abc002AAA", "Acme Corp", "Cy", "Diaz", "cy.diaz@acme.test", "false"],
    ]
    for header in (
        ["ID", "ACCOUNT.NAME", "FIRSTNAME", "LASTNAME", "EMAIL", "SUPPORT_CONTACT__C"],
        ["Id", "Account.Name", "FirstName", "LastName", "Email", "Support_Contact__c"],
    ):
        loaded = load_book([book, write_csv(tmp_path / "contacts.csv", header=header, rows=people)])
        assert {c.name: c.named for c in loaded.contacts} == {"Ann Lee": True, "Bo Chan": True, "Cy Diaz": False}
        said = [f.message for f in loaded.findings if f.column == header[-1]]
        assert said == [
            f"Read '{header[-1]}' as Named: every value in it is yes or no; a contact marked no is listed, not counted."
        ]


def test_a_tier_beside_a_customer_whose_name_begins_with_a_tier_word_is_not_guessed(tmp_path: Path) -> None:
    """hostile round 5: 'Premier Plus Corp' on Plus Corp's row was read as Premier (the customer's name set aside)
    with only an info, though it reads as Premier Plus beside 'Corp' as well: said as an error naming both."""
    path = write_csv(
        tmp_path / "entitlements.csv",
        header=["Entitlement Name", "Account Name", "Product", "Start Date", "End Date"],
        rows=[
            ["Premier Plus Corp", "Plus Corp", "Okta", "2026-01-01", "2026-12-31"],
            ["Premier Health - Premier Plus", "Premier Health", "Okta", "2026-01-01", "2026-12-31"],
        ],
    )
    book = load_book([path])
    assert {c.customer: c.program for c in book.contracts} == {"Plus Corp": None, "Premier Health": "okta-premier-plus"}
    (error,) = [f for f in book.findings if f.severity is Severity.ERROR]
    assert error.message == (
        "Tier 'Premier Plus Corp' could be Premier beside the customer's name 'Plus Corp', or Premier Plus: write the "
        "tier in a cell of its own."
    )
