"""Add-ons read from the shapes other tools write them in (tryout 13): a CLM's 'Add-On Resource' field, an add-on's
own column holding the add-on's name, findings placed on the column an add-on was read from, and a licence listed
beside the support tier in one multi-select cell."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from explorer import rules
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.model import Severity

from ..files import write_csv, write_sheets


def _icertis(path: Path, header: str) -> Path:
    """Icertis's agreements report (tryout 13, defect 3): title lines above, the add-on bought under the terms' own
    word 'Add-On Resource'."""
    term = [datetime(2026, 1, 20), datetime(2027, 1, 19)]
    rows: list[list[object]] = [
        ["Agreements Report"],
        ["Generated 2026-12-07"],
        [],
        ["Agreement Code", "Customer", "Product", "Okta Support Program", "Start Date", "End Date", "Region", header],
        ["ICA-0001", "Rhodium Logistics GmbH", "Okta", "Premier Plus", *term, "EMEA", "100% Dedicated MCSE"],
        ["ICA-0002", "Kairos Telecom", "Okta", "Premier", datetime(2026, 3, 1), datetime(2027, 2, 28), "APAC", ""],
    ]
    return write_sheets(path, {"Agreements": rows})


def test_an_icertis_add_on_resource_column_is_the_add_ons_bought(tmp_path: Path) -> None:
    """Tryout 13, defect 3: 'Add-On Resource' was kept as it is, so Rhodium's 100% MCSE and its overdue renewal
    request deadline (2027-01-19 - 45 = 2026-12-05) vanished."""
    book = load_book([_icertis(tmp_path / "icertis.xlsx", "Add-On Resource")])
    rhodium = next(c for c in book.contracts if c.customer == "Rhodium Logistics GmbH")
    assert rhodium.addons == {"mcse": "100"}
    assert rhodium.addon_columns == {"mcse": "Add-On Resource"}
    dates = {k.event: (k.day, k.status.value) for k in rules.key_dates(default_catalog(), rhodium, date(2026, 12, 8))}
    assert dates["MCSE available"][0] == date(2026, 4, 20)
    assert dates["Add-on renewal request deadline"][0] == date(2026, 12, 5)
    assert dates["Add-on renewal request deadline"][1] == "Overdue"
    kept = next(f.message for f in book.findings if f.message.startswith("Columns kept"))
    assert "'Add-On Resource' (the add-ons bought)" in kept


def test_a_kept_column_naming_add_ons_is_a_warning_never_silent(tmp_path: Path) -> None:
    """A column of add-on names under a header the catalog does not know as an add-ons list is not read; a warning
    names it and its values, so a held MCSE is never dropped without a word."""
    book = load_book([_icertis(tmp_path / "icertis.xlsx", "Resources Bought")])
    assert all(not c.addons for c in book.contracts)
    (warning,) = [f for f in book.findings if f.column == "Resources Bought"]
    assert warning.severity is Severity.WARNING
    assert warning.customer == "Rhodium Logistics GmbH"
    assert warning.message == (
        "Column 'Resources Bought' names add-ons ('100% Dedicated MCSE'), but its header is not one the add-ons "
        "bought are read from, so they are not read. Head it 'Add-ons' to read them."
    )


def test_a_kept_column_of_other_words_is_no_add_on_warning(tmp_path: Path) -> None:
    """Only a column whose every filled cell names add-ons is warned of: notes that mention one are notes."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Notes"]
    rows = [
        ["Acme Corp", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "Dedicated CSE"],
        ["Beta Bank", "Okta", "Premier", "2026-01-01", "2026-12-31", "asked about a Dedicated CSE"],
    ]
    book = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)])
    assert not [f for f in book.findings if f.column == "Notes"]


def test_an_add_on_column_holding_the_add_ons_own_name_means_held(tmp_path: Path) -> None:
    """Tryout 13, defect 6: 'Dedicated CSE' under 'Dedicated CSE' was "not yes or no; read as no", dropping the CSE
    and its dates. A cell naming its column's own add-on (as a line item or an Add-ons list names it) is a yes, and an
    MCSE cell naming its level with the add-on is that level; a cell naming another add-on is still not yes."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Dedicated CSE", "MCSE"]
    dates = ["2026-06-15", "2027-06-14"]
    rows = [
        ["Meridian Outdoor", "Okta", "Premier Plus", *dates, "Dedicated CSE", ""],
        ["Norwood Mills", "Okta", "Premier Plus", *dates, "Dedicated Customer Success Executive", ""],
        ["Oakham Rail", "Okta", "Premier Plus", *dates, "", "Mission Critical Support - 50% Dedicated MCSE"],
        ["Pelham Foods", "Okta", "Premier Plus", *dates, "50% Dedicated MCSE", ""],
    ]
    book = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)])
    assert {c.customer: c.addons for c in book.contracts} == {
        "Meridian Outdoor": {"cse": None},
        "Norwood Mills": {"cse": None},
        "Oakham Rail": {"mcse": "50"},
        "Pelham Foods": {},
    }
    said = [(f.customer, f.severity, f.message) for f in book.findings if f.column in ("Dedicated CSE", "MCSE")]
    assert said == [
        ("Pelham Foods", Severity.WARNING, "Dedicated CSE: '50% Dedicated MCSE' is not yes or no; read as no."),
    ]
    meridian = book.contracts[0]
    dates_ = {k.event: k.day for k in rules.key_dates(default_catalog(), meridian, date(2026, 12, 8))}
    assert dates_["CSE available"] == date(2026, 9, 13)
    assert dates_["Add-on renewal request deadline"] == date(2027, 4, 30)


def _board(path: Path) -> Path:
    """A monday.com board's shape (tryout 13, defect 10): the add-ons in an 'Add-ons' list, the named contacts in one
    cell, and no 'Dedicated CSE' or 'MCSE' column."""
    header = ["Name", "Product", "Tier", "Start", "End", "Region", "Add-ons", "Named contacts"]
    people = ", ".join(["Anke de Vries", "Joost Bakker", "Sven Maas", "Lotte Jansen", "Bram Visser", "Noor Smit"])
    rows = [
        [
            "Brightwater Energy",
            "Okta",
            "Premier Plus",
            "2026-03-01",
            "2027-02-28",
            "EMEA",
            "Dedicated CSE, 50% Dedicated MCSE",
            people,
        ],
        ["Cinderford Mills", "Okta", "Basic", "2026-03-01", "2027-02-28", "EMEA", "Dedicated CSE", ""],
    ]
    return write_csv(path, header=header, rows=rows)


def test_findings_about_an_add_on_from_a_list_name_the_lists_column(tmp_path: Path) -> None:
    """Tryout 13, defect 10: "6 named contacts, but 50% Dedicated MCSE allows 5" and the region note were placed on a
    column 'MCSE' the board does not have; they name 'Add-ons', where the MCSE was read, as the wrong-tier error does.
    The report's Contracts sheet still colours the MCSE cell the warning questions (and the CSE cell for its error)."""
    from types import SimpleNamespace

    from explorer.outputs.report.build import FindingsByRow, contract_marks

    catalog = default_catalog()
    book = load_book([_board(tmp_path / "board.csv")])
    bright, cinder = book.contracts
    assert bright.addons == {"cse": None, "mcse": "50"}
    assert bright.addon_columns == {"cse": "Add-ons", "mcse": "Add-ons"}
    said = [(f.severity, f.column, f.message) for f in rules.contact_findings(catalog, bright, book.contacts)]
    assert said == [
        (Severity.WARNING, "Add-ons", "6 named contacts, but 50% Dedicated MCSE allows 5."),
        (
            Severity.INFO,
            "Add-ons",
            "6 named contacts give no region (Anke de Vries, Joost Bakker, Sven Maas and 3 more), so whether they are "
            "in the MCSE's region EMEA is not checked.",
        ),
    ]
    (error,) = rules.contract_findings(catalog, cinder)
    assert (error.severity, error.column) == (Severity.ERROR, "Add-ons")
    findings = [*rules.contact_findings(catalog, bright, book.contacts), error]
    rows = [SimpleNamespace(contract=bright), SimpleNamespace(contract=cinder)]
    marks = {(m.row, m.column, m.colour) for m in contract_marks(catalog, rows, FindingsByRow(findings))}
    assert marks == {(0, "MCSE", "amber"), (1, "Dedicated CSE", "red")}


def test_an_add_on_read_from_the_tier_cell_names_the_tier_column(tmp_path: Path) -> None:
    """'Premier w/ Dedicated CSE' on an Okta Premier row: the CSE came from the tier cell, so its error names that
    column ('Support Level'), not a 'CSE' the file does not have."""
    header = ["Customer", "Product", "Support Level", "Start", "End"]
    rows = [["Dunmore Ports", "Okta", "Premier w/ Dedicated CSE", "2026-03-01", "2027-02-28"]]
    (contract,) = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)]).contracts
    assert (contract.program, contract.addons, contract.addon_columns) == (
        "okta-premier",
        {"cse": None},
        {"cse": "Support Level"},
    )
    (error,) = rules.contract_findings(default_catalog(), contract)
    assert error.column == "Support Level"


def test_an_add_on_dropped_for_one_renewal_names_the_lists_column(tmp_path: Path) -> None:
    """The warning on a renewal that holds no CSE between two terms that hold it names the column the CSE is read
    from in those terms ('Add-ons'), as every other finding about an add-on does."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Add-ons"]
    rows = [
        ["Eastleigh Port", "Okta", "Premier Plus", "2024-03-01", "2025-02-28", "Dedicated CSE"],
        ["Eastleigh Port", "Okta", "Premier Plus", "2025-03-01", "2026-02-28", ""],
        ["Eastleigh Port", "Okta", "Premier Plus", "2026-03-01", "2027-02-28", "Dedicated CSE"],
    ]
    book = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)])
    (dropped,) = [f for f in book.findings if "is read as dropped" in f.message]
    assert (dropped.severity, dropped.column, dropped.source.row) == (Severity.WARNING, "Add-ons", 3)


def test_a_licence_listed_beside_the_support_tier_is_set_aside(tmp_path: Path) -> None:
    """Tryout 13, defect 14: an Airtable multi-select 'Okta Premier,Okta Workforce Identity - SSO' lost the Okta
    Premier contract to an error on the licence. The licence part is set aside as a licence line is (a word of the
    catalog's [line_items] licences, no tier), the support product read; a part naming nothing stays an error."""
    header = ["Name", "Products", "Tier", "Contract Start", "Contract End"]
    dates = ["6/1/2026", "5/31/2027"]
    rows = [
        ["Fernhill Cooperative", "Okta Premier,Okta Workforce Identity - SSO", "", *dates],
        ["Gladwyn Farms", "Okta; Adaptive MFA - 500 seats", "Premier Plus", *dates],
        ["Hexham Books", "Okta Premier, Okta Premir Plus", "", *dates],
    ]
    book = load_book([write_csv(tmp_path / "airtable.csv", header=header, rows=rows)])
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [
        ("Fernhill Cooperative", "okta", "okta-premier"),
        ("Gladwyn Farms", "okta", "okta-premier-plus"),
        ("Hexham Books", None, None),
    ]
    errors = [(f.customer, f.message) for f in book.findings if f.severity is Severity.ERROR]
    assert [customer for customer, _ in errors] == ["Hexham Books"]
    assert "'Okta Premir Plus' is not in the catalog" in errors[0][1]
    aside = next(f.message for f in book.findings if "sell a licence" in f.message)
    assert aside.startswith(
        "2 lines (rows 2, 3) sell a licence, not support, and are set aside: 'Okta Workforce Identity - SSO', "
        "'Adaptive MFA - 500 seats'."
    )
    (listed,) = [f for f in book.findings if f.customer == "Fernhill Cooperative" and f.column == "Products"]
    assert listed.severity is Severity.INFO
    assert listed.message == (
        "Product 'Okta Premier,Okta Workforce Identity - SSO' lists 1 product beside 1 licence ('Okta Workforce "
        "Identity - SSO'): Okta Premier is read as a contract, with the row's customer, dates and contacts. The "
        "licence is set aside, as a licence line is."
    )
