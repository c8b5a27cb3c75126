"""Column mappings: explorer map writes one, --mapping uses it, the store keeps them per header layout."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from explorer.catalog import Catalog, default_catalog
from explorer.cli import main
from explorer.importing.book import load_book
from explorer.importing.mapper import proposed_mappings
from explorer.importing.mappings import (
    ColumnMapping,
    Lookup,
    MappingError,
    MappingStore,
    dump_mappings,
    load_mapping_file,
)
from explorer.model import Severity

from ..files import write_csv

LAYOUT = ["Kunde", "Erzeugnis", "Stufe", "Beginn", "Ende", "Zeitzone"]


def german(folder: Path) -> Path:
    return write_csv(
        folder / "vertraege.csv",
        header=LAYOUT,
        rows=[
            ["Acme", "Okta", "Premium", "2026-01-01", "2026-12-31", "Europe/Berlin"],
            ["Beta", "Auth0", "Enterprise", "2026-02-01", "2027-01-31", "Europe/Berlin"],
        ],
    )


GERMAN = ColumnMapping(
    "contracts",
    tuple(LAYOUT),
    {
        "customer": "Kunde",
        "product": "Erzeugnis",
        "program": "Stufe",
        "term_start": "Beginn",
        "term_end": "Ende",
        "time_zone": "Zeitzone",
    },
    {"program": {"Premium": "Premier"}},
)


def test_map_writes_a_mapping_to_edit_and_check_uses_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = german(tmp_path)
    assert main(["check", str(book)]) == 1  # nothing recognisable: no contract, an error naming the headers
    assert "ERROR   vertraege.csv: No contract was read" in (seen := capsys.readouterr().out)
    assert "'Kunde', 'Erzeugnis', 'Stufe'" in seen
    out = tmp_path / "mapping.toml"
    assert main(["map", str(book), "-o", str(out)]) == 0
    written = tomllib.loads(out.read_text("utf-8"))["mapping"][0]
    assert written["kind"] == "contracts" and written["layout"] == LAYOUT
    # the guesses it could make: German spellings of the catalog; 'Erzeugnis' (product) is nobody's
    guessed = {"customer": "Kunde", "program": "Stufe", "term_start": "Beginn", "term_end": "Ende", "time_zone": "Zeitzone"}
    assert written["columns"] == guessed
    assert "NOT READ" in out.read_text("utf-8") and "needed: product" in out.read_text("utf-8")
    text = out.read_text("utf-8").replace('term_start = "Beginn"', 'product = "Erzeugnis"\nterm_start = "Beginn"')
    out.write_text(text + '[mapping.values.program]\n"Premium" = "Premier"\n', "utf-8")
    assert main(["check", str(book), "--mapping", str(out)]) == 0
    report = capsys.readouterr().out
    assert "2 customers, 2 contracts" in report and "0 errors" in report


def test_map_of_a_sheet_not_read_proposes_every_field_it_sees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A mapping is read as written: a field it leaves out is not read. So the one map writes for a sheet it could not
    read offers its weaker guesses too (a tier column 83% sure), not only the fields the table needs, and says so;
    following it with the product added reads Tailspin's Auth0 Premier, not Enterprise by default."""
    header = ["Accounts Name", "SKU Label", "Support Tier Plan", "Start Date", "End Date", "Billing Country", "Time Zone"]
    rows = [["Tailspin Toys", "Auth0", "Premier", "2025-12-01", "2026-11-30", "AU", "Australia/Sydney"]]
    book = write_csv(tmp_path / "looker.csv", rows=rows, header=header)
    out = tmp_path / "mapping.toml"
    assert main(["map", str(book), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert tomllib.loads(text)["mapping"][0]["columns"] == {
        "customer": "Accounts Name",
        "program": "Support Tier Plan",
        "term_start": "Start Date",
        "term_end": "End Date",
        "country": "Billing Country",
        "time_zone": "Time Zone",
    }
    assert "#   program = 'Support Tier Plan': a close spelling, 83% sure; check it" in text
    assert "a field not listed is not read" in text
    out.write_text(text.replace('customer = "Accounts Name"', 'customer = "Accounts Name"\nproduct = "SKU Label"'), "utf-8")
    capsys.readouterr()
    assert main(["check", str(book), "--mapping", str(out), "--as-of", "2026-06-01"]) == 0
    catalog = default_catalog()
    contracts = load_book([book], catalog=catalog, saved=Lookup(load_mapping_file(out, catalog))).contracts
    assert [(c.program, c.time_zone) for c in contracts] == [("auth0-premier", "Australia/Sydney")]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace('program = "Stufe"', 'program = "Kunde"'),
            "mapping[0].columns.program: column 'Kunde' is already mapped to customer",
        ),
        (lambda t: t.replace('program = "Stufe"', 'program = "Stufen"'), "mapping[0].columns.program: no column 'Stufen'"),
        (lambda t: t.replace('program = "Stufe"', 'tier = "Stufe"'), "mapping[0].columns.tier: not a field of contracts"),
        (
            lambda t: t.replace('Premium = "Premier"', 'Premium = "Platinum"'),
            "mapping[0].values.program.Premium: 'Platinum' is not a known program",
        ),
        (lambda t: t.replace('kind = "contracts"', 'kind = "deals"'), "mapping[0].kind: expected one of contracts"),
        (lambda t: t.replace("[[mapping]]", "[[mapping]"), "not valid TOML"),
    ],
)
def test_bad_mapping_files_are_refused_naming_the_key(
    tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str], edit, message
) -> None:  # type: ignore[no-untyped-def]
    store = MappingStore(catalog, tmp_path)
    store.save(GERMAN)
    bad = tmp_path / "bad.toml"
    bad.write_text(edit(store.path.read_text("utf-8")), "utf-8")
    with pytest.raises(MappingError, match=re.escape(message)):
        load_mapping_file(bad, catalog)
    assert main(["check", str(german(tmp_path)), "--mapping", str(bad)]) == 2
    assert message in capsys.readouterr().err


def test_the_store_lists_removes_exports_and_imports(tmp_path: Path, catalog: Catalog) -> None:
    store = MappingStore(catalog, tmp_path / "mine")
    assert store.all() == []
    store.save(GERMAN)
    other = ColumnMapping("contacts", ("Firma", "Name", "Mail"), {"customer": "Firma", "name": "Name", "email": "Mail"})
    store.save(other)
    assert [m.kind for m in store.all()] == ["contracts", "contacts"]
    assert store.find(["kunde", "ERZEUGNIS", "Stufe", "Beginn", "Ende", "Zeitzone"]) == GERMAN  # spelling-insensitive
    shared = store.export(tmp_path / "team.toml")
    assert store.remove(LAYOUT) and [m.kind for m in store.all()] == ["contacts"]
    assert not store.remove(LAYOUT)
    colleague = MappingStore(catalog, tmp_path / "theirs")
    assert colleague.import_file(shared) == 2 and colleague.all() == [GERMAN, other]


def test_a_saved_mapping_reads_the_file_and_its_values(tmp_path: Path, catalog: Catalog) -> None:
    book = load_book([german(tmp_path)], catalog=catalog, saved=Lookup([GERMAN]))
    assert [(c.customer, c.product, c.program) for c in book.contracts] == [
        ("Acme", "okta", "okta-premier"),
        ("Beta", "auth0", "auth0-enterprise"),
    ]
    assert book.error_count == 0
    assert any("saved column mapping" in f.message for f in book.findings if f.severity is Severity.INFO)


def test_saved_mappings_are_used_by_the_app_layer(tmp_path: Path, catalog: Catalog) -> None:
    from explorer.app.session import load_session
    from explorer.app.workspace import Workspace

    MappingStore(catalog).save(GERMAN)  # the user's configuration folder (a fresh one per test)
    session = load_session(Workspace(files=[str(german(tmp_path))]), catalog)
    assert len(session.book.contracts) == 2


def test_saved_mappings_on_the_command_line(tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    MappingStore(catalog).save(GERMAN)
    assert main(["mappings", "list"]) == 0
    assert "1. contracts: Kunde | Erzeugnis | Stufe | Beginn | Ende | Zeitzone" in capsys.readouterr().out
    team = tmp_path / "team.toml"
    assert main(["mappings", "export", str(team)]) == 0 and load_mapping_file(team, catalog) == [GERMAN]
    assert main(["mappings", "remove", "2"]) == 2 and "(1-1)" in capsys.readouterr().err
    assert main(["mappings", "remove", "1"]) == 0 and MappingStore(catalog).all() == []
    assert main(["mappings", "import", str(team)]) == 0 and MappingStore(catalog).all() == [GERMAN]
    team.write_text("[[mapping]]\nkind = 'deals'\n", "utf-8")
    assert main(["mappings", "import", str(team)]) == 2
    assert "team.toml: mapping[0].kind" in capsys.readouterr().err


def test_exporting_mappings_never_writes_over_another_kind_of_file(
    tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    """probe6: 'mappings export' wrote TOML over a case log, a workspace or a name without a suffix."""
    MappingStore(catalog).save(GERMAN)
    log = tmp_path / "cases.csv"
    log.write_text("Case,Opened\n1,2026-01-01\n", "utf-8")
    workspace = tmp_path / "team.explorer.toml"
    workspace.write_text('[files]\nbooks = ["book.xlsx"]\n', "utf-8")
    assert main(["mappings", "export", str(log)]) == 2 and "writes a .toml file" in capsys.readouterr().err
    assert main(["mappings", "export", str(workspace)]) == 2
    assert "holds something other than column mappings" in capsys.readouterr().err
    assert log.read_text("utf-8").startswith("Case,Opened") and workspace.read_text("utf-8").startswith("[files]")
    team = tmp_path / "team.toml"
    assert main(["mappings", "export", str(team)]) == 0
    assert main(["mappings", "export", str(team)]) == 0  # an earlier export is replaced


def test_map_names_a_sheet_set_aside_for_its_name(tmp_path: Path) -> None:
    # the importer skips 'Do not use - old' with a warning; the proposed mapping says why its table would not be read
    from ..files import write_sheets

    book = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Contracts": [
                ["Customer", "Product", "Tier", "Start", "End"],
                ["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31"],
            ],
            "Do not use - old": [
                ["Account", "Product", "Tier", "Start Date", "End Date"],  # another layout: a mapping of its own
                ["Old Co", "Okta", "Basic", "2022-01-01", "2022-12-31"],
            ],
        },
    )
    out = tmp_path / "mapping.toml"
    assert main(["map", str(book), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "sheet 'Do not use - old' (its name says 'do not use': read only if read_hidden names it)" in text


@pytest.mark.parametrize("piece", [1, 2, 3, 20_000])
def test_a_columns_distinct_cells_are_the_same_whatever_the_piece(piece: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Map Columns takes a column's distinct cells a piece at a time (a worker's long call holds the GIL the window
    waits for): the same cells in the same order, TRUE told from 1 across the pieces, short rows read as blank."""
    from explorer.importing import mapper
    from explorer.importing.readers import RawSheet

    cells = ["b", "a", "b", 1, True, 1.0, "", False, 0, "a", None, True]
    rows: list[list[object]] = [["Head", "Other"], *([c, "x"] for c in cells), ["short"]]
    sheet = RawSheet("f.xlsx", "S", rows)  # type: ignore[arg-type]
    monkeypatch.setattr(mapper, "_PIECE", piece)
    found = mapper.distinct_cells(sheet, 0, 0)
    assert found == ["b", "a", 1, True, 1.0, "", False, 0, None, "short"]  # by type and value beside a TRUE
    assert [type(c) for c in found] == [str, str, int, bool, float, str, bool, int, type(None), str]
    assert mapper.distinct_cells(sheet, 0, 1) == ["x", ""]  # the short row's missing cell is blank
    assert mapper.distinct_cells(RawSheet("f.xlsx", "S", [["Head"], ["a"], ["b"], ["a"]]), 0, 0) == ["a", "b"]


def test_map_proposes_what_check_reads_a_requested_time_and_a_product_told_by_its_values(tmp_path: Path) -> None:
    """ServiceNow names the product 'Configuration item' and Zendesk the opening 'Requested': check read the first as
    Product by its values while map listed it as unused, and neither read the second (found by a tryout)."""
    log = write_csv(
        tmp_path / "incidents.csv",
        header=["Number", "Requested", "Company", "Configuration item", "Priority", "First reply"],
        rows=[["INC1", "2026-11-02 14:00", "Northwind", "Okta", "1 - Critical", "2026-11-02 14:40"]],
    )
    text, count = proposed_mappings([], [str(log)], default_catalog())
    assert count == 1 and "product = 'Configuration item': every value is a product's name" in text
    assert 'product = "Configuration item"' in text and 'opened = "Requested"' in text
    book = load_book([], [log])
    assert book.cases is not None and book.cases["product"].tolist() == ["okta"]


def test_a_product_value_can_mean_a_product_with_its_tier_or_an_add_on(tmp_path: Path, catalog: Catalog) -> None:
    # An order-line export names the product and the tier in one cell, in its own words, and has no tier column. The
    # value could be mapped to a product only, losing the tier; now to 'Okta Premier Plus', or to an add-on's line.
    from explorer.importing.mapper import canonical_values

    assert {"Okta Premier Plus", "Auth0 Premier", "100% Dedicated MCSE"} <= set(canonical_values(catalog, "product"))
    layout = ["Account", "Line", "From", "To"]
    path = write_csv(
        tmp_path / "lines.csv",
        header=layout,
        rows=[
            ["Acme", "WIC Support Tier 3", "2026-01-01", "2026-12-31"],
            ["Acme", "MCS full", "2026-01-01", "2026-12-31"],
            ["Beta", "CIC Support Gold", "2026-02-01", "2027-01-31"],
        ],
    )
    mapping = ColumnMapping(
        "contracts",
        tuple(layout),
        {"customer": "Account", "product": "Line", "term_start": "From", "term_end": "To"},
        {
            "product": {
                "WIC Support Tier 3": "Okta Premier Plus",
                "MCS full": "100% Dedicated MCSE",
                "CIC Support Gold": "Auth0 Premier",
            }
        },
    )
    # saved and read back as the app does: a meaning the dialog offers is one a saved mapping may give (it was refused
    # on reading, and every saved mapping with it set aside)
    saved = tmp_path / "mappings.toml"
    saved.write_text(dump_mappings([mapping]), encoding="utf-8")
    (reread,) = load_mapping_file(saved, catalog)
    assert reread.values == mapping.values
    book = load_book([path], catalog=catalog, saved=Lookup([reread]))
    assert [(c.customer, c.product, c.program, c.addons) for c in book.contracts] == [
        ("Acme", "okta", "okta-premier-plus", {"mcse": "100"}),
        ("Beta", "auth0", "auth0-premier", {}),
    ]
    assert book.error_count == 0


def test_a_product_naming_a_tier_against_another_tier_column_keeps_the_column_and_says_both(
    tmp_path: Path, catalog: Catalog
) -> None:
    # Hostile tryout 2, item 6: 'Okta Premier Plus' (written, or a value's meaning) on a row whose tier column says
    # Basic was read as Basic with no finding. The tier column is the field's own and decides; a warning names both.
    layout = ["Account", "Product", "Support Tier", "Start", "End"]
    dates = ["2026-01-01", "2026-12-31"]
    rows = [
        ["Map B", "ZX-1001", "Basic", *dates],
        ["Map P", "Okta Premier Plus", "Basic", *dates],
        ["Map S", "Okta Premier Plus", "Premier+", *dates],  # the same tier spelt another way: nothing to say
    ]
    path = write_csv(tmp_path / "book.csv", header=layout, rows=rows)
    mapping = ColumnMapping(
        "contracts",
        tuple(layout),
        {"customer": "Account", "product": "Product", "program": "Support Tier", "term_start": "Start", "term_end": "End"},
        {"product": {"ZX-1001": "Okta Premier Plus"}},
    )
    book = load_book([path], catalog=catalog, saved=Lookup([mapping]))
    assert [(c.customer, c.program) for c in book.contracts] == [
        ("Map B", "okta-basic"),
        ("Map P", "okta-basic"),
        ("Map S", "okta-premier-plus"),
    ]
    said = [(f.customer, f.severity, f.column, f.message) for f in book.findings if "names the tier" in f.message]
    then = "names the tier Premier Plus, but the tier column says 'Basic': Basic is read, from the tier column."
    assert said == [
        ("Map B", Severity.WARNING, "Support Tier", f"Product 'ZX-1001' (mapped to 'Okta Premier Plus') {then}"),
        ("Map P", Severity.WARNING, "Support Tier", f"Product 'Okta Premier Plus' {then}"),
    ]


def test_map_names_the_keys_it_takes_and_proposes_a_tier_told_by_its_values(tmp_path: Path, catalog: Catalog) -> None:
    """ServiceNow's Entitlements: 'not found: tier' named no key a mapping takes ('tier = ...' is refused: the key is
    'program'); the line items' column is the tier by its values, and its values are ones the tier may hold."""
    from explorer.importing.mapper import canonical_values
    from explorer.importing.mappings import value_known

    path = write_csv(
        tmp_path / "service_entitlement.csv",
        header=["name", "account", "product", "start_date", "end_date"],
        rows=[
            ["Okta Premier Plus Support (12 months)", "Acme Corp", "Okta", "2026-01-15", "2027-01-14"],
            ["Dedicated CSE Add-On", "Acme Corp", "Okta", "2026-01-15", "2027-01-14"],
        ],
    )
    text, _ = proposed_mappings([str(path)], [], catalog)
    assert 'program = "name"' in text and "program = 'name': every value names a product's tier or an add-on" in text
    assert (
        "#   not found: initial_term_start, renewed_on, term_months, region, country, time_zone, subdivision, "
        "cse (dedicated CSE), mcse" in text
    )
    assert value_known(catalog, "program", "Okta Premier Plus Support (12 months)")
    assert value_known(catalog, "program", "Dedicated CSE Add-On") and "50% Dedicated MCSE" in canonical_values(
        catalog, "program"
    )
    assert not value_known(catalog, "program", "Legacy Gold Entitlement")


def test_map_says_which_kept_columns_the_import_reads_and_what_for(tmp_path: Path, catalog: Catalog) -> None:
    """newuser2: `map` listed Status, Stage and Account Owner as "kept, not used" while `check` read the statuses and
    the report's Owner from them. The mapping now says each column some rule reads, from the list the import uses
    (column_reads), and `check` says the same columns are read."""
    from explorer.importing.column_reads import kept_reads
    from explorer.importing.readers import iter_sheets
    from explorer.importing.tables import find_tables

    path = write_csv(
        tmp_path / "deals.csv",
        header=[
            *("Customer", "Product", "Tier", "Start", "End", "Stage", "Cancelled on", "Account Owner", "Add-ons"),
            *("Previous end", "Account ID", "Named contacts", "Notes"),
        ],
        rows=[
            *[["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31", "Closed Lost", "", "Dana", "Dedicated CSE"]],
            *[["2025-12-31", "001A", "jo@acme.test", "vip"]],
        ],
    )
    text, _ = proposed_mappings([str(path)], [], catalog)
    said = [line.removeprefix("#   ") for line in text.splitlines() if line.startswith(("#   read: ", "#   kept"))]
    assert said == [
        "read: Stage (term status: ended early, never ran or not signed yet)",
        "read: Cancelled on (the day the term ended early)",
        "read: Account Owner (who looks after the account: the Owner column of the report's Actions)",
        "read: Add-ons (the add-ons bought)",
        "read: Previous end (whether the row continues an earlier term (a renewal))",
        "read: Account ID (the account id: two names sharing one are warned)",
        "read: Named contacts (the named contacts the row lists)",
        "kept, not used: Notes",
    ]
    book = load_book([path])
    (kept,) = [f.message for f in book.findings if f.message.startswith("Columns kept")]
    assert kept.startswith("Columns kept as they are (not used by the rules): Notes. 'Stage' and 'Cancelled on' are read")
    assert "Also read: 'Account Owner' (who looks after" in kept and "'Account ID' (the account id" in kept
    assert book.contracts[0].never_ran  # as it said: Closed Lost
    ((match,), _) = find_tables(next(iter_sheets(str(path))), catalog)
    assert [match.extra[i] for i in kept_reads(match, catalog)] == [s.split(" (")[0].removeprefix("read: ") for s in said[:-1]]


def test_map_says_a_column_read_as_the_term_range_is_read(tmp_path: Path, catalog: Catalog) -> None:
    """monday.com's Timeline holds the term as one range: the import reads it (ranges.term_range), so map says so."""
    path = write_csv(
        tmp_path / "board.csv",
        header=["Customer", "Product", "Tier", "Timeline", "Notes"],
        rows=[
            ["Acme", "Okta", "Premier", "2026-01-01 - 2026-12-31", ""],
            ["Beta", "Okta", "Basic", "2026-02-01 - 2027-01-31", ""],
        ],
    )
    text, _ = proposed_mappings([str(path)], [], catalog)
    assert "#   read: Timeline (the term: each cell a range of two dates)\n#   kept, not used: Notes" in text
    assert [c.term_end for c in load_book([path]).contracts] == [date(2026, 12, 31), date(2027, 1, 31)]


JIRA_DC = ["Key", "Organizations", "Product", "Priority", "Created", "Date of First Response"]  # dd/MM/yy HH:mm


def test_map_says_how_a_log_whose_dates_read_both_ways_writes_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check's error sends the user to explorer map for dates = "day first", but map wrote nothing about dates."""
    book = Path(__file__).resolve().parent.parent / "corpus" / "files" / "companion_contracts.csv"
    log = write_csv(
        tmp_path / "jira_dc.csv",
        header=JIRA_DC,
        rows=[
            ["HD-7", "Acme Corp", "Okta", "Highest", "02/11/26 09:05", "02/11/26 09:50"],
            ["HD-8", "Globex GmbH", "Auth0", "Medium", "03/11/26 10:00", "03/11/26 12:30"],
        ],
    )
    out = tmp_path / "mapping.toml"
    assert main(["map", str(book), "--cases", str(log), "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert (
        "# dates: no date has a day over 12, so 02/11/26 could be 2 November or 11 February (check refuses such dates "
        "unless another file of the book settles the order); say which by removing the '#' before one of these two "
        'lines\n# dates = "day first"\n# dates = "month first"\n'
    ) in text
    book_table, log_table = tomllib.loads(text)["mapping"]
    assert "dates" not in book_table and "dates" not in log_table  # the book's ISO dates say nothing; the log's are asked
    chosen = tmp_path / "chosen.toml"
    chosen.write_text(text.replace('# dates = "day first"', 'dates = "day first"'), "utf-8")
    capsys.readouterr()
    assert main(["check", str(book), "--cases", str(log), "--mapping", str(chosen), "--as-of", "2026-12-07"]) == 0
    assert "Dates are read day first, as its column mapping says: 02/11/26 is 2 November 2026." in capsys.readouterr().out
    again = tmp_path / "again.toml"  # mapped again with the chosen mapping, the choice is kept
    assert main(["map", str(book), "--cases", str(log), "--mapping", str(chosen), "-o", str(again)]) == 0
    assert tomllib.loads(again.read_text("utf-8"))["mapping"][1]["dates"] == "day first"


@pytest.mark.parametrize(
    ("header", "second", "said"),
    [
        (JIRA_DC, "13/11/26 10:00", "day first': as the file's own dates show (13/11/26 10:00 in row 3, column 'Created')"),
        (JIRA_DC, "11/13/26 10:00", "month first': as the file's own dates show (11/13/26 10:00 in row 3, column 'Created')"),
        (
            ["Ticket-ID", "Organisation", "Produkt", "Priorität", "Erstellt", "Erste Antwort"],
            "03/11/26 10:00",
            "day first': no date has a day over 12, and the headers are German, which writes so",
        ),
    ],
)
def test_map_writes_the_date_order_the_file_settles(tmp_path: Path, header: list[str], second: str, said: str) -> None:
    log = write_csv(
        tmp_path / "log.csv",
        header=header,
        rows=[["HD-7", "Acme Corp", "Okta", "Highest", "02/11/26 09:05", ""], ["HD-8", "Initech", "Okta", "Low", second, ""]],
    )
    text, _ = proposed_mappings([], [str(log)], default_catalog())
    assert f"# dates = '{said}\n" in text
    assert tomllib.loads(text)["mapping"][0]["dates"] == said.split("'")[0]


def test_map_names_the_other_sheets_date_that_settles_the_order(tmp_path: Path) -> None:
    """hostile round 6: map said 'as the file's own dates show (one has a part over 12)' where check names the date;
    a workbook's contracts sheet writes 30/01/2026, its case sheet's 02/11/2026 reads both ways: map names it too."""
    from tests.files import write_sheets

    book = write_sheets(
        tmp_path / "book.xlsx",
        {
            "Contracts": [
                ["Customer", "Product", "Support Tier", "Start Date", "End Date"],
                ["Acme Corp", "Okta", "Premier", "30/01/2026", "29/01/2027"],
            ],
            "Cases": [
                ["Key", "Organizations", "Product", "Priority", "Created"],
                ["HD-7", "Acme Corp", "Okta", "P1", "02/11/2026"],
            ],
        },
    )
    text, _ = proposed_mappings([str(book)], [], default_catalog())
    said = "as the file's own dates show (30/01/2026 on sheet 'Contracts', row 2, column 'Start Date')"
    assert f"# dates = 'day first': {said}\n" in text


def test_map_states_a_date_order_only_for_tables_with_such_dates_and_borrows_as_check_does(tmp_path: Path) -> None:
    """new user round 3: map asked for an order on a contacts table with no date (the file's other sheet had one
    ambiguous date), and told a case log's dates would be refused though the book named with it settles them."""
    book = write_csv(
        tmp_path / "book.csv",
        header=["Customer", "Product", "Tier", "Start", "End"],
        rows=[["Acme Corp", "Okta", "Premier", "25/01/2026", "24/01/2027"]],
    )
    log = write_csv(
        tmp_path / "cases.csv",
        header=["Ticket ID", "Organization", "Product", "Priority", "Created at", "First reply at"],
        rows=[[1, "Acme Corp", "Okta", "P1", "03/04/2026 09:00", "03/04/2026 09:30"]],
    )
    contacts = write_csv(
        tmp_path / "contacts.csv", header=["Customer", "Name", "Email"], rows=[["Acme Corp", "Ada", "ada@acme.test"]]
    )
    text, _ = proposed_mappings([str(log), str(contacts), str(book)], [], default_catalog())
    tables = {block.strip().split("\n")[0]: block for block in text.split("[[mapping]]")[1:]}
    (cases,) = [b for head, b in tables.items() if "cases.csv" in head]
    (people,) = [b for head, b in tables.items() if "contacts.csv" in head]
    assert "# dates = 'day first': as book.csv writes them (no date here has a part over 12)" in cases
    assert 'dates = "day first"' in cases
    assert "dates" not in people  # no date in it to state an order for
