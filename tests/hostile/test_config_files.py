"""Hand-edited configuration files are checked strictly: one line naming the file, the key and what was expected.

done = "no" once marked an overdue deadline done; a header with newlines injected a whole
mapping into 'explorer map''s TOML; catalog = 5 was ignored; one corrupt saved-mappings
file blocked every command and the app.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from explorer.app.errors import WorkspaceError
from explorer.app.workspace import open_workspace
from explorer.catalog import CatalogError, default_catalog, load_catalog
from explorer.importing.mappings import ColumnMapping, MappingError, MappingStore, dump_mappings, load_mapping_file
from tests.hostile.books import workbook
from tests.hostile.harness import assert_refused, explorer, fingerprint

WRONG = {
    'done = "no"': ('[[marks]]\ncustomer = "Acme"\nproduct = "okta"\nevent = "addon_renewal_request"\ndone = "no"\n',
                    "marks[0].done must be true or false"),
    "catalog = 5": ("[workspace]\ncatalog = 5\n", "workspace.catalog must be a file name (text)"),
    "unknown zone": ('[workspace]\ncase_timezone = "Mars/Base"\n', "workspace.case_timezone must be an IANA time zone"),
    "as_of in 9999": ("[workspace]\nas_of = 9999-12-31\n", "workspace.as_of must be a date from 1900-01-01 to 2200-12-31"),
    "version text": ('[workspace]\nversion = "1"\n', "workspace.version must be a whole number"),
    "huge integer": ("[workspace]\nversion = " + "9" * 5000 + "\n", "not a workspace file (not valid TOML"),
    "deep nesting": ("x = " + "[" * 5000 + "]" * 5000 + "\n", "not a workspace file (not valid TOML"),
    "a long note": ('[[marks]]\ncustomer = "A"\nproduct = "okta"\nevent = "e"\nnote = "' + "n" * 20_000 + '"\n',
                    "marks[0].note must be text of at most 10,000 characters"),
    "files not a list": ("[files]\nbooks = 5\n", "files.books must be a list of file names"),
    "200,000 books": ("[files]\nbooks = [" + '"b.xlsx",' * 200_000 + "]\n", "files.books names 200,000 files; at most 1,000"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(WRONG))
def test_a_wrong_workspace_value_is_named(tmp_path: Path, case: str) -> None:
    text, expected = WRONG[case]
    path = tmp_path / "work.explorer.toml"
    path.write_text(text)
    with pytest.raises(WorkspaceError) as error:
        open_workspace(path)
    assert str(error.value).startswith(f"work.explorer.toml: {expected}"), str(error.value)
    assert "\n" not in str(error.value)


def test_a_wrong_workspace_on_the_command_line_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "work.toml"
    path.write_text('[[marks]]\ncustomer = "Acme"\nproduct = "okta"\nevent = "x"\ndone = "no"\n')
    before = fingerprint(tmp_path)
    run = explorer("check", "--workspace", path, temp=tmp_path / "temp")
    assert_refused(run, "work.toml", "marks[0].done must be true or false")
    (tmp_path / "temp").rmdir()
    assert fingerprint(tmp_path) == before


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    # *.xlsx and the book's own name, or a workspace listing it twice: its contracts would overlap themselves.
    book = tmp_path / "book.xlsx"
    workbook(book)
    (tmp_path / "work.toml").write_text('[files]\nbooks = ["book.xlsx", "./book.xlsx"]\n')
    run = explorer("check", "--workspace", tmp_path / "work.toml", book, "--as-of", "2026-11-28", temp=tmp_path / "temp")
    assert run.code == 0, run.err
    assert "1 customer, 1 contract," in run.out
    assert "book.xlsx: This file was given 3 times; it is read once." in run.out
    assert "overlaps" not in run.out


def test_a_copy_under_another_name_is_read_once(tmp_path: Path) -> None:
    """A re-download ('book (1).xlsx') beside the book: read twice, every named contact counted twice (over a limit
    that holds) and each contract warned as listed again. The same bytes are read once, said in an info."""
    import shutil

    from explorer.importing.book import load_book

    book = tmp_path / "book.xlsx"
    workbook(book)
    copy = shutil.copy(book, tmp_path / "book (1).xlsx")
    loaded = load_book([book, copy])
    assert loaded.files == [str(book)] and len(loaded.contracts) == 1
    infos = [f.message for f in loaded.findings if f.source.file == str(copy)]
    assert infos == ["This file holds the same bytes as book.xlsx; it is read once."]
    assert not any("listed again" in f.message for f in loaded.findings)


def test_a_hard_link_is_said_to_be_the_same_file(tmp_path: Path) -> None:
    """A hard link beside its file ('book (1).xlsx'): read once, from the original's name, and said to be the same
    file (as a symlink is said to be a link), not a copy holding the same bytes."""
    import os

    from explorer.importing.book import load_book

    book = workbook(tmp_path / "book.xlsx")
    link = tmp_path / "book (1).xlsx"
    os.link(book, link)
    for order in ([link, book], [book, link]):
        loaded = load_book(order)
        assert loaded.files == [str(book)]
        infos = [f.message for f in loaded.findings if f.source.file == str(link)]
        assert infos == ["This file is the same file as book.xlsx (a hard link); it is read once."]


COPY_NAMES = ["book (1).xlsx", "book(2).xlsx", "book - Copy.xlsx", "book - Copy (2).xlsx", "book copy.xlsx", "Copy of book.xlsx"]


@pytest.mark.parametrize("name", COPY_NAMES)
def test_the_original_is_read_whichever_order_a_copy_comes_in(tmp_path: Path, name: str) -> None:
    """A shell sorts 'book (1).xlsx' before 'book.xlsx': the one read is still the original, so every finding names
    it, and the copy's info names the original, whichever order the two are given in."""
    import shutil

    from explorer.importing.book import load_book

    book = tmp_path / "book.xlsx"
    workbook(book)
    copy = shutil.copy(book, tmp_path / name)
    for order in ([copy, book], [book, copy]):
        loaded = load_book(order)
        assert loaded.files == [str(book)]
        assert {c.source.file for c in loaded.contracts} == {str(book)}
        infos = [f.message for f in loaded.findings if f.source.file == str(copy)]
        assert infos == ["This file holds the same bytes as book.xlsx; it is read once."]


def test_of_two_copies_the_first_named_is_read(tmp_path: Path) -> None:
    """Neither name is the original's ('book (1).xlsx', 'book (2).xlsx'): the first named is read, and a file of
    other bytes between them keeps its place."""
    import shutil

    from explorer.importing.book import load_book

    first = tmp_path / "book (2).xlsx"
    workbook(first)
    second = shutil.copy(first, tmp_path / "book (1).xlsx")
    other = workbook(tmp_path / "other.xlsx", extra_rows="<row/>")  # other bytes
    loaded = load_book([first, other, second])
    assert loaded.files == [str(first), str(other)]


@pytest.mark.parametrize("name", ["d02_Copy of book.xlsx", "book.xlsx"])
def test_a_link_named_first_is_read_from_the_file_it_leads_to(tmp_path: Path, name: str) -> None:
    """A symlink a shell sorts first (its name need not be a copy's; here even the same name in another folder):
    the file it leads to is read, every finding names that, and the link's info says it is a link, not that the
    original was given twice. The command line's prefetch of the first named must not lend the link's name."""
    book = workbook(tmp_path / "book.xlsx")
    (tmp_path / "links").mkdir()
    link = tmp_path / "links" / name
    link.symlink_to(book)
    run = explorer("check", link, book, "--as-of", "2026-11-28", "--all", temp=tmp_path / "temp")
    assert run.code == 0, run.err
    assert f"Read {book}" in run.out and "1 customer, 1 contract," in run.out
    shown = "book.xlsx" if name != "book.xlsx" else str(book)
    assert f"INFO    {name}: This file is a link to {shown}; it is read once." in run.out
    assert "given 2 times" not in run.out and "Copy of" not in run.out.replace(f"INFO    {name}", "")


def test_done_true_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "work.toml"
    path.write_text('[[marks]]\ncustomer = "Acme"\nproduct = "okta"\nevent = "x"\ndone = true\nmarked = 2026-12-06\n')
    (mark,) = open_workspace(path).workspace.marks.values()
    assert mark.done and str(mark.marked) == "2026-12-06"


def test_a_header_with_newlines_stays_one_value() -> None:
    evil = 'Start"\n[[mapping]]\nkind = "contracts"\nlayout = ["x"]\n[mapping.columns]\nstart = "x'
    mapping = ColumnMapping("contracts", ("Account", evil, "End"), {"customer": "Account", "start": evil, "end": "End"}, {})
    text = dump_mappings([mapping], {mapping.key: [f"Unused column: {evil}"]})
    data = tomllib.loads(text)
    assert len(data["mapping"]) == 1
    assert data["mapping"][0]["columns"]["start"] == evil
    assert data["mapping"][0]["layout"][1] == evil


def test_a_corrupt_saved_mappings_file_is_set_aside_with_its_full_path(tmp_path: Path) -> None:
    store = MappingStore(default_catalog(), tmp_path)
    store.path.write_text("[[mapping]\nthis is not toml")
    assert store.all() == []
    aside = tmp_path / "mappings.unreadable-1.toml"
    assert aside.read_text() == "[[mapping]\nthis is not toml" and not store.path.exists()
    assert str(store.path) in store.notice and str(aside) in store.notice


def test_the_app_still_opens_books_past_a_corrupt_saved_mappings_file(tmp_path: Path, private_config: Path) -> None:
    folder = private_config / "Entitlement Explorer"
    folder.mkdir(parents=True)
    (folder / "mappings.toml").write_text("not = [valid")
    run = explorer("check", "--sample", "--as-of", "2026-06-01", temp=tmp_path / "temp")
    assert run.code == 1 and "Traceback" not in run.err, run.err
    assert f"{folder / 'mappings.toml'} could not be read" in run.out
    assert (folder / "mappings.unreadable-1.toml").exists()


def test_mapping_and_catalog_files_refuse_deep_nesting_and_huge_numbers(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(MappingError, match=r"^deep.toml: not valid TOML \(its values are nested too deeply\)$"):
        load_mapping_file(deep, default_catalog())
    huge = tmp_path / "huge.toml"
    huge.write_text("version = " + "9" * 5000 + "\n")
    with pytest.raises(CatalogError, match=r"huge.toml: not valid TOML \(Exceeds the limit"):
        load_catalog(huge)


WRONG_KIND = {  # a file of another kind given in a role: the line names the file and says what it is not
    "a workspace as the catalog": (
        "--catalog",
        "[files]\nbooks = []\n",
        "ws.toml: not a catalog file (it has no [catalog] table)",
    ),
    "a bare catalog": ("--catalog", "[catalog]\nversion = 1\n", "ws.toml: catalog.settings: missing"),
    "a workspace as a mapping": (
        "--mapping",
        "[files]\nbooks = []\n",
        "ws.toml: not a mapping file (it has no [[mapping]] tables)",
    ),
}


@pytest.mark.parametrize("case", list(WRONG_KIND))
def test_a_file_of_another_kind_is_named_and_refused(tmp_path: Path, case: str) -> None:
    option, text, line = WRONG_KIND[case]
    (tmp_path / "ws.toml").write_text(text)
    run = explorer("check", "resources/sample/contracts.xlsx", option, tmp_path / "ws.toml", temp=tmp_path / "temp")
    assert_refused(run, line)


def test_the_saved_mappings_may_hold_none(tmp_path: Path) -> None:
    store = MappingStore(default_catalog(), tmp_path)
    (tmp_path / store.path.name).write_text(dump_mappings([]))
    assert store.all() == [] and not store.notice
