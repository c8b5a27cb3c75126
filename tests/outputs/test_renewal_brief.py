"""The renewal brief, read back from its PDF with poppler; `explorer whatif` and the report's Upgrade Evidence sheet."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from explorer.cli import main
from explorer.outputs.report.upgrade_sheet import UPGRADE_COLUMNS
from tests.outputs.test_entitlement_sheet import pdf_pages, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils not installed")
AS_OF = "2026-12-06"


def sample_customers() -> list[str]:
    from datetime import date

    from explorer.app.session import open_session
    from explorer.paths import resource_path

    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 12, 6))
    return [str(name) for name in session.overview.customers["Customer"]]


def images(pdf: Path) -> list[str]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return listing.splitlines()[2:]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_sample_customer_fits_one_page_with_its_chart(tmp_path: Path, paper: str) -> None:
    names = sample_customers()
    out = tmp_path / "briefs.pdf"
    args = ["brief", "--sample", "--as-of", AS_OF, "--paper", paper, "-o", str(out)]
    assert main(args + [a for n in names for a in ("--customer", n)]) == 1  # the sample's error customers: DRAFT
    pages, _ = pdf_pages(out)
    assert pages == len(names) > 40  # a page break between customers, and none inside one
    text = pdf_text(out)
    assert text.count("Page 1 of 1") == len(names)
    # a chart on every page whose term had cases (the lapsed, unmatched and no-program customers have none)
    charted = {int(line.split()[0]) for line in images(out)}
    assert len(charted) >= len(names) - 6


@pytest.fixture(scope="module")
def zephyr(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("brief") / "zephyr.pdf"
    assert main(["brief", "--sample", "--as-of", AS_OF, "--customer", "zephyr logistics", "-o", str(out)]) == 0
    return pdf_text(out)


def test_brief_sections(zephyr: str) -> None:
    text = " ".join(zephyr.split())
    assert "Renewal brief · as of 2026-12-06 · catalog" in text
    assert "Zephyr Logistics: renewal brief" in text and "term in review: This term (2025-11-01 – 2026-12-06)" in text
    for title in (
        "The term in review and what it included",
        "First responses on time, by month",
        "By priority, in the term",
        "P1 and P2 breaches in the term",
        "Named contacts",
        "Key dates ahead",
        "What changed since the previous term",
        "Upgrade evidence: against Premier",
    ):
        assert title in text, title
    assert "Dec 2025 – Nov 2026" in text  # the chart's months, stated under it
    assert (
        "Under Premier, Okta P1 cases are due within 1 h around the clock; both of this customer's P1 cases waited "
        "longer than that (median 4 h, on Basic's business-hours clock all were on time)." in text
    )
    assert "Would add: Support hours: Business hours (under Premier: 24x7); Priority phone support" in text


def test_renewal_request_first_and_the_previous_term(tmp_path: Path) -> None:
    birch = tmp_path / "birch.pdf"
    assert main(["brief", "--sample", "--as-of", AS_OF, "--customer", "Birch Health", "-o", str(birch)]) == 0
    lines = [line for line in pdf_text(birch).splitlines() if "Due soon" in line or "Upcoming" in line]
    assert "Add-on renewal request deadline" in lines[0] and "Due soon" in lines[0]
    assert "Term end" in lines[1]
    text = " ".join(pdf_text(birch).split())
    # on the top program the brief shows what the next one down would take away
    assert "Okta: Premier Plus down to Premier Access" in text
    assert "Would lose: Priority phone support, toll-free, 24x7, unlimited calls: Yes, on a toll-free line reserved" in text
    assert "100% Dedicated MCSE (10 named contacts) (sold only with Okta Premier Plus)" in text
    outfitters = tmp_path / "outfitters.pdf"
    assert main(["brief", "--sample", "--as-of", AS_OF, "--customer", "Cascade Outfitters", "-o", str(outfitters)]) == 0
    assert "Okta: Basic → Premier (upgrade) (previous term 2025-07-01 – 2026-06-30)." in " ".join(pdf_text(outfitters).split())


def test_brief_refuses_a_program_the_customer_cannot_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.pdf"
    args = ["brief", "--sample", "--customer", "Birch Health", "--program", "Enterprise", "-o", str(out)]
    assert main(args) == 2 and not out.exists()
    assert capsys.readouterr().err.strip() == (
        "explorer: no program called 'Enterprise' for these customers' products "
        "(they have Basic, Premier, Premier Access, Premier Plus)"
    )


def test_whatif_prints_the_report_sheet_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whatif", "--sample", "--as-of", AS_OF, "--customer", "Zephyr Logistics", "--program", "premier"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "Against premier, as of 2026-12-06, the term in review of each customer:"
    assert printed[1].split()[:6] == ["Customer", "Product", "Pri", "Current", "Compared", "with"]
    spans, at = [], 0  # the columns, from the dashes under the header
    for dashes in printed[2].split("  "):
        spans.append((at, at + len(dashes)))
        at += len(dashes) + 2
    rows = [[line[a:b].strip() for a, b in spans] for line in printed[3:] if line.startswith("Zephyr")]
    report = tmp_path / "report.xlsx"
    main(["report", "--sample", "--as-of", AS_OF, "-o", str(report)])
    sheet = openpyxl.load_workbook(report)["Upgrade Evidence"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == UPGRADE_COLUMNS
    zephyr = [r for r in values[1:] if r[0] == "Zephyr Logistics"]
    # the same rows, in the same order: priority, cases, met now, would be late
    assert [(r[2], r[5], r[6], r[7]) for r in rows] == [(z[2], str(z[5]), str(z[6]), str(z[8])) for z in zephyr]
    assert [r[2] for r in rows] == ["P3", "P2", "P4", "P1"]
    # strongest case first: the verdicts the next program's promise turns, then the share late
    judged = [r for r in values[1:] if r[5]]
    turned = [r[8] - r[7] for r in judged]
    assert turned == sorted(turned, reverse=True) and turned[0] > 0
    quiet = values[1 + len(judged) :]  # then each term in review without cases, saying so
    assert quiet and all(r[5] == 0 and r[13] == "No cases in the term: nothing to compare" for r in quiet)
    assert all(r[3] != "Premier Plus" for r in values[1:])  # the top program has no next one


def test_whatif_downgrade_names_what_would_be_lost(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whatif", "--sample", "--as-of", AS_OF, "--customer", "birch health", "--program", "Basic"]) == 0
    out = capsys.readouterr().out
    assert "Birch Health, Okta Premier Plus -> Basic would lose: " in out
    assert "Add-on: 100% Dedicated MCSE (10 named contacts)" in out and "Customer Success Manager (CSM)" in out


def test_whatif_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whatif", "--sample", "--program", "Gold"]) == 2
    assert "no program called 'Gold' for the book's products" in capsys.readouterr().err
    assert main(["whatif", "--sample", "--customer", "Nobody", "--program", "Premier"]) == 2
    assert capsys.readouterr().err.strip() == "explorer: no customer named 'Nobody' in the book"


def test_brief_without_a_case_log_says_so(tmp_path: Path) -> None:
    from explorer.paths import resource_path

    out = tmp_path / "no-cases.pdf"
    book = str(resource_path("sample/contracts.xlsx"))
    assert main(["brief", book, "--as-of", AS_OF, "--customer", "Zephyr Logistics", "-o", str(out)]) == 0
    text = " ".join(pdf_text(out).split())
    assert "No case log loaded: the evidence is the term's real cases." in text
    assert "nothing to compare" not in text and "Would add: Support hours" in text
    assert "No cases in the term" not in text  # beside "No case log loaded.", it read as a fact about the cases
    assert pdf_pages(out)[0] == 1 and images(out) == []  # no chart without cases
    # said once, under one heading: three headings stood over a blank chart's place, 'No case log loaded.' twice
    assert text.count("No case log loaded: load the customer's case log beside the book") == 1
    assert "First responses on time, by month" not in text and "P1 and P2 breaches in the term" not in text


def test_a_row_that_replaces_its_term_mid_term_is_no_renewal(tmp_path: Path) -> None:
    """An upgrade or an add-on bought mid-term and co-termed, written as a new row inside the term: the brief called it
    'Premier Plus renewed (previous term ...)' of a term that had not ended (found by a tryout of renewal books)."""
    from tests.files import write_csv

    header = ["Customer", "Product", "Tier", "Term Start", "Term End", "Dedicated CSE", "Time Zone"]
    book = write_csv(
        tmp_path / "book.csv",
        header=header,
        rows=[
            ["Coho", "Okta", "Premier Plus", "2026-01-01", "2026-12-31", "", "UTC"],
            ["Coho", "Okta", "Premier Plus", "2026-04-01", "2026-12-31", "Yes", "UTC"],
            ["Adatum", "Okta", "Premier", "2025-07-01", "2027-06-30", "", "UTC"],
            ["Adatum", "Okta", "Premier Plus", "2026-03-01", "2027-06-30", "", "UTC"],
        ],
    )
    for name, said in (
        (
            "Coho",
            "Okta: Premier Plus changed on 2026-04-01, mid-term; add-on added: Dedicated Customer Success Executive (CSE) "
            "(the row it replaces 2026-01-01 – 2026-12-31).",
        ),
        (
            "Adatum",
            "Okta: Premier → Premier Plus (upgrade) on 2026-03-01, mid-term (the row it replaces 2025-07-01 – 2027-06-30).",
        ),
    ):
        out = tmp_path / f"{name}.pdf"
        assert main(["brief", str(book), "--customer", name, "--as-of", "2026-06-01", "-o", str(out)]) in (0, 1)
        text = " ".join(pdf_text(out).split())
        assert said in text and "renewed" not in text, name


def test_late_by_is_counted_on_the_contract_s_clock() -> None:
    # 'Late by 17 h' for a case answered one business hour past a business-hours due time: wall time, not the verdict's.
    from datetime import date

    from explorer.app.renewal import brief_for
    from explorer.app.session import open_session
    from explorer.durations import duration
    from explorer.outputs.renewal import brief_html
    from explorer.paths import resource_path

    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 12, 6))
    differs = 0
    for key in session.overview.customers["key"]:
        brief = brief_for(session, str(key))
        if brief is None or brief.breaches.empty:
            continue
        html = brief_html(brief, chart=False)
        for _, r in brief.breaches.head(5).iterrows():
            if r["first_response"] is None or str(r["first_response"]) == "NaT":
                continue
            on_clock = duration(float(r["late_minutes"]))
            assert float(r["late_minutes"]) == float(r["business_minutes"]) - float(r["target_minutes"])
            wall = duration((r["first_response"] - r["due"]).total_seconds() / 60)
            (row,) = [tr for tr in html.split("<tr>") if tr.startswith(f"<td>{r['case_id']}</td>")]
            assert re.findall(r"<td[^>]*>([^<]*)</td>", row)[-1] == on_clock, (key, r["case_id"], on_clock, wall)
            differs += on_clock != wall
    assert differs  # the sample has business-hours breaches, where the two readings part


def test_the_upgrade_sheet_says_the_same_promise_instead_of_its_figures() -> None:
    # The brief said 'Premier Access promises the same ...'; the report's sheet repeated a sentence per priority.
    from datetime import date

    from explorer.app import upgrade
    from explorer.app.session import open_session
    from explorer.outputs.report.upgrade_sheet import evidence_frame
    from explorer.paths import resource_path

    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 12, 6))
    compared = upgrade.against(session.book, session.catalog, session.as_of, session.sla.as_of, "Premier Access", sla=session.sla)
    same = [c for c in compared if c.same_promise and c.cases]
    assert same
    frame = evidence_frame(same)
    assert not frame.empty and frame["Evidence"].str.contains("promises the same first-response times").all()


def test_a_one_word_heading_never_breaks_in_a_narrow_pane() -> None:
    # The Renewal tab at 1400x900 drew 'Priorit/y' and 'Breache/d' in the By priority table.
    from datetime import date

    from PySide6.QtGui import QTextDocument

    from explorer.app.renewal import brief_for
    from explorer.app.session import open_session
    from explorer.outputs.renewal import brief_html
    from explorer.paths import resource_path

    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 11, 28))
    brief = brief_for(session, "birch health")
    assert brief is not None
    document = QTextDocument()
    document.setHtml(brief_html(brief, chart=False))
    document.setTextWidth(520)  # the Renewal tab's pane at 1400x900
    document.documentLayout().documentSize()  # lays it out
    broken = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        if text in ("Priority", "Breached", "Cases", "Target"):
            broken += [text] if layout is not None and layout.lineCount() > 1 else []
        block = block.next()
    assert broken == []


def test_a_rate_just_under_the_target_is_not_rounded_onto_it() -> None:
    # Tidewater's P3, 72 of 76 (94.7%), read a red '95%' beside a green '95%' under a 95% target (GUI tryout 3).
    from datetime import date

    from explorer.app.renewal import brief_for
    from explorer.app.session import open_session
    from explorer.outputs.renewal import brief_html
    from explorer.paths import resource_path

    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 11, 28))
    brief = brief_for(session, "tidewater airlines")
    assert brief is not None and brief.by_priority is not None
    html = brief_html(brief, chart=False)
    for rate in brief.by_priority["Compliance %"].dropna():
        assert f">{rate:.1%}</span>" in html
    assert any(0.945 <= r < 0.95 for r in brief.by_priority["Compliance %"].dropna())  # the case this is about
    assert '<span class="bad">95%</span>' not in html


def test_the_readme_s_whatif_example_is_what_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    # The README's block said 28 h 47 min where the command printed 28 h 48 min: its rounding changed, the text did not.
    import re as _re
    import shlex

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    found = _re.search(r"`explorer (whatif [^`]+)` prints:\n\n```\n(.*?)```", readme, _re.DOTALL)
    assert found is not None
    command, shown = " ".join(found[1].split()), found[2]
    assert main(shlex.split(command)) == 0
    assert capsys.readouterr().out == shown


def test_a_first_term_renewed_from_an_earlier_start_says_since_when(tmp_path: Path) -> None:
    """A renewals tracker gives only the current term and the Original Start Date: the brief said "First term in the
    book ... nothing earlier to compare with" of a customer of three years, as if new."""
    from tests.files import write_csv

    book = write_csv(
        tmp_path / "renewals.csv",
        header=["Customer", "Product", "Tier", "Original Start Date", "Current Term Start", "Current Term End", "Time Zone"],
        rows=[
            ["Globex", "Okta", "Premier", "2024-01-15", "2026-01-15", "2027-01-14", "UTC"],
            ["Initech", "Okta", "Premier", "2026-01-15", "2026-01-15", "2027-01-14", "UTC"],
        ],
    )
    for name, said in (
        (
            "Globex",
            "First term in the book: Okta (from 2026-01-15; held since 2024-01-15, its initial term start); nothing earlier "
            "to compare with.",
        ),
        ("Initech", "First term in the book: Okta (from 2026-01-15); nothing earlier to compare with."),
    ):
        out = tmp_path / f"{name}.pdf"
        assert main(["brief", str(book), "--customer", name, "--as-of", "2026-12-07", "-o", str(out)]) in (0, 1)
        assert said in " ".join(pdf_text(out).split()), name
