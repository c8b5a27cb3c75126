"""A workspace saves to TOML and opens again; a missing file is reported and the rest opens."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from explorer import clock
from explorer.app.errors import WorkspaceError, user_message
from explorer.app.session import load_session
from explorer.app.workspace import DateKey, DateMark, Workspace, open_workspace
from explorer.atomic import OutputError
from explorer.cli import main
from explorer.paths import resource_path

AS_OF = date(2026, 11, 28)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(resource_path("sample/contracts.xlsx"), tmp_path / "contracts.xlsx")
    shutil.copy(resource_path("sample/cases.csv"), tmp_path / "cases.csv")
    return tmp_path


def test_save_and_reopen_with_a_missing_file(folder: Path) -> None:
    gone = folder / "gone.xlsx"
    workspace = Workspace(
        files=[str(folder / "contracts.xlsx"), str(gone)],
        case_files=[str(folder / "cases.csv")],
        mappings=[str(folder / "mapping.toml")],
        case_timezone="Europe/Berlin",
        as_of=AS_OF,
    )
    key = DateKey("cascade capital", "okta", date(2026, 2, 18), "action_deadline")
    workspace.set_mark(key, done=True, note="Asked on the QBR call")
    target = workspace.save(folder / "q4.explorer.toml")
    text = target.read_text(encoding="utf-8")
    assert 'books = [\n    "contracts.xlsx",\n    "gone.xlsx",\n]' in text  # relative inside the folder
    assert "as_of = 2026-11-28" in text and 'note = "Asked on the QBR call"' in text
    opened = open_workspace(target)
    assert opened.missing == [str(gone.resolve()), str((folder / "mapping.toml").resolve())]
    again = opened.workspace
    assert again.files == [str((folder / "contracts.xlsx").resolve())]
    assert again.case_files == [str((folder / "cases.csv").resolve())]
    assert (again.case_timezone, again.as_of, again.path) == ("Europe/Berlin", AS_OF, str(target))
    assert again.mark(key) == DateMark(True, "Asked on the QBR call", clock.today())  # the day it was marked
    session = load_session(again)  # the rest opens
    assert len(session.book.contracts) > 40 and session.sla is not None and session.as_of == AS_OF


def test_today_and_a_moved_folder(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    Workspace(files=[str(folder / "contracts.xlsx")]).save(folder / "w.explorer.toml")
    moved = tmp_path_factory.mktemp("moved") / "book"
    shutil.copytree(folder, moved)
    opened = open_workspace(moved / "w.explorer.toml")
    assert opened.missing == [] and opened.workspace.files == [str((moved / "contracts.xlsx").resolve())]
    assert opened.workspace.as_of is None and opened.workspace.day() == clock.today()


def test_marks_survive_a_renamed_event_and_a_reload(folder: Path) -> None:
    workspace = Workspace(files=[str(folder / "contracts.xlsx")], as_of=AS_OF)
    sheet = load_session(workspace).sheet("cascade capital")
    assert sheet is not None
    deadline = next(d for d in sheet.dates if d.date.role == "action_deadline")
    workspace.set_mark(deadline.key, done=True)
    target = workspace.save(folder / "w.explorer.toml")
    reopened = load_session(open_workspace(target).workspace).sheet("cascade capital")
    assert reopened is not None
    assert next(d for d in reopened.dates if d.date.role == "action_deadline").mark.done
    workspace.set_mark(deadline.key, done=False)
    undone = workspace.marks[deadline.key]  # kept as the moment it changed alone: a calendar export must update
    assert not undone.done and not undone.note and undone.changed == clock.now()
    again = open_workspace(workspace.save(folder / "w.explorer.toml")).workspace.marks[deadline.key]
    assert again.changed == undone.changed and not again.done


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not toml [", "w.explorer.toml: not a workspace file"),
        ("[workspace]\nversion = 99\n", "written by a newer Entitlement Explorer"),
        ('[files]\nbooks = "one.xlsx"\n', "files.books must be a list of file names"),
        ('[workspace]\nas_of = "soon"\n', "workspace.as_of must be a date"),
    ],
)
def test_bad_workspace_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "w.explorer.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkspaceError, match=message) as caught:
        open_workspace(path)
    shown = user_message(caught.value)
    assert shown is not None and shown.title == "Cannot open the workspace" and "\n" not in shown.line


def test_saving_over_an_input_file_is_refused(folder: Path) -> None:
    workspace = Workspace(files=[str(folder / "contracts.xlsx")])
    with pytest.raises(OutputError, match="one of the input files"):
        workspace.save(folder / "contracts.xlsx")


def test_cli_reads_a_workspace(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "contracts.xlsx").rename(folder / "book.xlsx")
    Workspace(
        files=[str(folder / "book.xlsx"), str(folder / "lost.csv")], case_files=[str(folder / "cases.csv")], as_of=AS_OF
    ).save(folder / "w.explorer.toml")
    out = folder / "report.xlsx"
    assert main(["report", "--workspace", str(folder / "w.explorer.toml"), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "lost.csv is named in the workspace but not found" in captured.err
    assert out.exists() and "5 error findings" in captured.out
    assert main(["check", "--workspace", str(folder / "w.explorer.toml"), "--json"]) == 1
    assert main(["check", "--workspace", str(folder / "missing.explorer.toml")]) == 2
    assert "missing.explorer.toml: cannot read the workspace" in capsys.readouterr().err
    assert main(["terms", "--workspace", str(folder / "w.explorer.toml"), "--product", "Auth0"]) == 0


def test_an_overdue_deadline_marked_done_travels_with_the_workspace(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    workspace = Workspace(files=[str(folder / "contracts.xlsx")], as_of=AS_OF)
    sheet = load_session(workspace).sheet("tardy telecom")
    assert sheet is not None
    deadline = next(d for d in sheet.dates if d.date.is_action)
    assert deadline.status == "Overdue"
    workspace.set_mark(deadline.key, done=True, marked=date(2026, 11, 20))
    target = workspace.save(folder / "w.explorer.toml")
    assert "marked = 2026-11-20" in target.read_text(encoding="utf-8")
    session = load_session(open_workspace(target).workspace)
    again = session.sheet("tardy telecom")
    assert again is not None
    assert next(d for d in again.dates if d.date.is_action).status == "Done (marked 2026-11-20)"
    assert not session.overview.customers.set_index("key").loc["tardy telecom", "overdue"]
    out = folder / "report.xlsx"
    assert main(["report", "--workspace", str(target), "-o", str(out)]) == 1  # the sample's deliberate errors
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out)["Key Dates"].iter_rows(min_row=2)]
    assert ["Tardy Telecom", "Okta", "Add-on renewal request deadline", "Done (marked 2026-11-20)"] in [
        [r[0], r[1], r[2], r[4]] for r in rows
    ]
    early = Workspace(files=[str(folder / "contracts.xlsx")], as_of=date(2026, 11, 18), marks=dict(workspace.marks))
    before = load_session(early).sheet("tardy telecom")  # the mark is the user's knowledge: it holds on any day
    assert before is not None and next(d for d in before.dates if d.date.is_action).status == "Done (marked 2026-11-20)"


def test_a_mark_written_as_the_outputs_name_its_date_applies_and_one_that_names_none_is_said(folder: Path) -> None:
    # By hand, with the names the report shows: accepted, matched nothing, no finding (the one-truth tryout's #3).
    sheet = load_session(Workspace(files=[str(folder / "contracts.xlsx")], as_of=AS_OF)).sheet("tardy telecom")
    assert sheet is not None
    start = next(d for d in sheet.dates if d.date.is_action).key.term_start
    assert start is not None
    target = folder / "w.explorer.toml"
    target.write_text(
        f'[files]\nbooks = ["contracts.xlsx"]\n\n[workspace]\nas_of = {AS_OF.isoformat()}\n\n'
        f'[[marks]]\ncustomer = "Tardy Telecom"\nproduct = "Okta"\nevent = "Add-on renewal request deadline"\n'
        f"term_start = {start.isoformat()}\ndone = true\nmarked = 2026-11-20\n\n"
        '[[marks]]\ncustomer = "Tardy Telecom"\nproduct = "Okta"\nevent = "Renewal call"\n'
        f"term_start = {start.isoformat()}\ndone = true\nmarked = 2026-11-20\n",
        encoding="utf-8",
    )
    session = load_session(open_workspace(target).workspace)
    again = session.sheet("tardy telecom")
    assert again is not None
    assert next(d for d in again.dates if d.date.is_action).status == "Done (marked 2026-11-20)"
    (lost,) = [f for f in session.findings if "done-mark" in f.message]
    assert lost.message.startswith(
        f"1 done-mark in the workspace matches no date of the book ('tardy telecom', Okta, Renewal call, the term from {start}"
    )
    assert lost.customer == "tardy telecom"  # the Findings page's Customer column


def test_the_readme_s_workspace_example_opens_and_marks_its_date(folder: Path) -> None:
    """The README shows a workspace written by hand (a new user had to read workspace.py to write one): it opens
    beside the sample, and its mark is the done-mark of Birch Health's add-on renewal request deadline."""
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    start = readme.index("  ```toml\n  [workspace]") + len("  ```toml\n")
    block = readme[start : readme.index("  ```\n", start)]
    (folder / "example.explorer.toml").write_text("".join(line[2:] + "\n" for line in block.splitlines()), "utf-8")
    opened = open_workspace(folder / "example.explorer.toml")
    assert opened.missing == [] and opened.workspace.as_of == date(2026, 12, 7)
    sheet = load_session(opened.workspace).sheet("birch health")
    assert sheet is not None
    (deadline,) = [d for d in sheet.dates if d.date.role == "action_deadline"]
    assert deadline.mark.done and deadline.mark.note == "Renewal request sent to legal"
    # the note is said wherever the date is (new user round 3: only the calendar gave it): the report's Key Dates
    from explorer.outputs.report.build import key_date_rows

    (row,) = [r for r in key_date_rows([sheet]) if r[2] == deadline.date.event]
    assert row[5] == deadline.note and row[5].endswith("Your note: Renewal request sent to legal")
    # ...and through the report the command line and the app's Export Report write (trust round 7: build_report took
    # the done-marks alone, so the workbook said Done with no note while the app and the calendar gave it)
    out = folder / "report.xlsx"
    assert main(["report", "--workspace", str(folder / "example.explorer.toml"), "-o", str(out)]) in (0, 1)
    sheet_rows = openpyxl.load_workbook(out, read_only=True)["Key Dates"].iter_rows(values_only=True)
    (written,) = [r for r in sheet_rows if r[0] == "Birch Health" and r[2] == deadline.date.event]
    assert written[5] == deadline.note


def test_a_done_mark_on_a_date_that_is_no_deadline_is_said_and_its_note_kept(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # trust round 7 #6: done = true on a plain key date was accepted and changed nothing, with no word said.
    sheet = load_session(Workspace(files=[str(folder / "contracts.xlsx")], as_of=AS_OF)).sheet("tardy telecom")
    assert sheet is not None
    plain = next(d for d in sheet.dates if d.date.role == "term_end")
    start = plain.key.term_start
    assert start is not None
    target = folder / "w.explorer.toml"
    target.write_text(
        f'[files]\nbooks = ["contracts.xlsx"]\n\n[workspace]\nas_of = {AS_OF.isoformat()}\n\n'
        f'[[marks]]\ncustomer = "Tardy Telecom"\nproduct = "okta"\nevent = "term_end"\n'
        f'term_start = {start.isoformat()}\ndone = true\nmarked = 2026-11-20\nnote = "Renewal signed"\n',
        encoding="utf-8",
    )
    session = load_session(open_workspace(target).workspace)
    again = session.sheet("tardy telecom")
    assert again is not None
    end = next(d for d in again.dates if d.date.role == "term_end")
    assert end.status == plain.status and end.note.endswith("Your note: Renewal signed")  # no status; the note said
    (said,) = [f for f in session.findings if "done-mark" in f.message]
    assert said.message == (
        "1 done-mark in the workspace is on a date nobody acts on: a done-mark applies only to an action deadline "
        "(the add-on renewal request deadline), so it changes no status; the mark on Tardy Telecom's Term end "
        f"(Okta, the term from {start}) is kept for its note."
    )
    assert said.customer == "tardy telecom"
    assert main(["check", "--workspace", str(target)]) == 1  # the sample's deliberate errors
    assert "a done-mark applies only to an action deadline" in capsys.readouterr().out
