"""The one-page entitlement sheet, read back from its PDF with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from html import unescape as html_unescape
from pathlib import Path

import pytest

from explorer.app.session import open_session
from explorer.cli import main
from explorer.model import customer_key
from explorer.outputs.entitlement import sheet_html

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


@pytest.fixture(scope="module")
def cascade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sheet") / "cascade.pdf"
    assert (
        main(["sheet", "--sample", "--as-of", "2026-11-28", "--customer", "cascade capital", "--paper", "a4", "-o", str(out)])
        == 0
    )
    return out


def test_a_customer_on_one_page(cascade: Path) -> None:
    pages, size = pdf_pages(cascade)
    print(f"\nCascade Capital's entitlement sheet: {pages} page(s), {size}")
    assert pages == 1 and "A4" in size
    text = pdf_text(cascade)
    assert "Entitlement sheet · as of 2026-11-28 · catalog 2026.11.1" in text and "Page 1 of 1" in text
    assert "Cascade Capital" in text and "Premier Plus" in text and "In force" in text
    for day, event in (
        ("2026-04-05", "Term start"),
        ("2026-04-19", "Success kickoff (earliest)"),
        ("2026-07-04", "MCSE available"),
        ("2027-02-18", "Add-on renewal request deadline"),
        ("2027-04-04", "Term end"),
    ):
        assert any(day in line and event in line for line in text.splitlines()), event
    assert "7 of 5 named contacts" in text and "2 over the 50% Dedicated MCSE limit" in text
    contacts = [line for line in text.splitlines() if "@" in line]  # each by name and email
    # every named contact counts, none is the one "over" by its position: the app's and the report's words
    assert len(contacts) == 7 and all(
        "☑" in line and "One of 7 named contacts; 50% Dedicated MCSE allows 5" in line for line in contacts
    )
    assert [line.split()[:3] for line in contacts if "Outside the MCSE's region" in line] == [
        ["Extra", "Named", "3"]
    ] and "extra3@example.com" in next(line for line in contacts if "Extra Named 3" in line)
    assert "How to get help" in text and "https://support.okta.com" in text and "reserved solely for Premier Plus" in text
    assert "continuous 24x7 availability" in text and "AM 2" in text and "America/Los_Angeles" in text
    assert "Dedicated Customer Success Executive (CSE)" in text
    targets = next(line for line in text.splitlines() if "Okta Premier Plus" in line)
    assert targets.replace(" ", "").endswith("1h2h2h8h24x7") and "every minute counts" in text  # clock in words
    assert "Last 90 days" in text and "This term (2026-04-05 – " in text
    assert "☑ Customer Success Manager (CSM)" in text


def test_several_customers_one_pdf_a_page_each(tmp_path: Path) -> None:
    out = tmp_path / "two.pdf"
    assert (
        main(
            [
                "sheet",
                "--sample",
                "--as-of",
                "2026-11-28",
                "--customer",
                "Birch Health",
                "--customer",
                "Umber Bank",
                "--paper",
                "letter",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    pages, size = pdf_pages(out)
    assert pages == 2 and "letter" in size.lower()
    assert "Birch Health" in pdf_text(out, 1) and "Umber Bank" in pdf_text(out, 2)
    birch = pdf_text(out, 1)
    assert "4 of 10 named contacts" in birch  # within the limit: still listed, each by name and email
    listed = [line for line in birch.splitlines() if "@" in line]
    assert len(listed) == 4 and all("☑" in line and "named contacts;" not in line for line in listed)


def sheet_of(tmp_path: Path, customer: str, *more: str) -> tuple[int, Path]:
    out = tmp_path / f"{customer}.pdf"
    args = ["sheet", "--sample", "--as-of", "2026-11-28", "--customer", customer, "--paper", "a4", *more, "-o", str(out)]
    return main(args), out


def test_ended_customer_ticks_nothing(tmp_path: Path) -> None:
    code, out = sheet_of(tmp_path, "Datum Logistics")  # its only term ended on 2026-08-21
    text = pdf_text(out)
    benefits = text.split("Benefits")[1].split("First-response")[0]
    assert code == 0 and "ended 2026-08-21: nothing is included on this day" in benefits
    assert "☐" in benefits and "☑" not in benefits
    targets = " ".join(text.split("First-response targets")[1].split("Add-ons")[0].split())
    assert "Ended 2026-08-21:" in targets and "these targets do not" in targets  # as its benefits, not as if held


def test_a_product_ended_beside_one_in_force_says_its_targets_do_not_apply(tmp_path: Path) -> None:
    """Okta ended in June, Auth0 runs: the sheet listed Okta's targets as if they held, and named Auth0's clocks
    "P2–P3–P4" (trust tryout 3); the app's SLA tab says the same of each product's term."""
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Birch Labs,Okta,Premier,2025-07-01,2026-06-30,America/New_York,US\n"
        "Birch Labs,Auth0,Enterprise,2026-01-01,2026-12-31,America/New_York,US\n",
        "utf-8",
    )
    sheet = open_session([book], date(2026, 9, 1)).sheet(customer_key("Birch Labs"))
    assert sheet is not None
    html = sheet_html(sheet)
    targets = re.sub(r"<[^>]+>", " ", html.split("First-response targets")[1].split("Add-ons")[0])
    targets = " ".join(targets.split())
    assert targets.count("these targets do not apply on this day") == 1
    assert "Okta Premier Ended 2026-06-30: these targets do not apply on this day" in targets
    assert "P1: 24x7x365; P2–P4: 24 hours a day" in targets and "P3–" not in targets
    assert [c.on_the_day for c in sheet.target_terms()] == ["Ended 2026-06-30", "In force"]  # the app's SLA tab too


def test_internal_notes_stay_off_the_customers_copy(tmp_path: Path) -> None:
    code, out = sheet_of(tmp_path, "Coho Insurance")  # 12 Info notes: non-production tenants, a renewal's time zone
    text = pdf_text(out)
    assert code == 0 and pdf_pages(out)[0] == 1
    assert "non-production" not in text and "Info" not in text and "findings" not in text.casefold()
    code, out = sheet_of(tmp_path, "Coho Insurance", "--internal")
    assert code == 0
    for page in range(1, pdf_pages(out)[0] + 1):  # asked for: listed, each once (per page: poppler also reads
        # the clipped half of a line cut at a page's foot)
        notes = [line.strip() for line in pdf_text(out, page).splitlines() if line.strip().startswith(("Info:", "Warning:"))]
        assert len(notes) == len(set(notes))
    assert "Info: Case 100044: Auth0 non-production tenant" in pdf_text(out)
    assert "Internal: findings in the contract book" in pdf_text(out)


def test_contract_with_errors_is_a_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = sheet_of(tmp_path, "Gilded Lily Hotels")
    assert code == 1  # written, and the errors named
    assert "Gilded Lily Hotels: marked DRAFT" in capsys.readouterr().err
    pages, _ = pdf_pages(out)
    for page in range(1, pages + 1):
        assert "DRAFT" in pdf_text(out, page)
    assert "Tier 'Premier Gold' is not one of the Okta programs" in pdf_text(out)
    assert "In force (check the book)" in pdf_text(out)
    code, out = sheet_of(tmp_path, "Birch Health")
    assert code == 0 and "DRAFT" not in pdf_text(out)


def test_bad_requests(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sheet", "--sample", "--customer", "Nobody", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "no customer named 'Nobody'" in capsys.readouterr().err
    existing = tmp_path / "keep.pdf"
    existing.write_bytes(b"old")
    assert main(["sheet", "--sample", "--customer", "<b>", "-o", str(existing)]) == 2
    assert existing.read_bytes() == b"old" and not (tmp_path / "x.pdf").exists()


def test_a_table_that_breaks_repeats_its_header(tmp_path: Path) -> None:
    from datetime import date

    from explorer.app.session import open_session
    from explorer.gui.entitlement_sheet import write_pdf
    from explorer.paths import resource_path

    session = open_session([resource_path("sample/contracts.xlsx")], date(2026, 11, 28))
    sheet = session.sheet("birch health")
    assert sheet is not None
    sheet.contacts = sheet.contacts * 15  # 60 rows: the named contacts table runs onto the next page
    out = write_pdf([sheet], tmp_path / "long.pdf", paper="a4")
    pages, _ = pdf_pages(out)
    assert pages == 2
    headers = [line.split() for line in pdf_text(out, 2).splitlines() if line.split()[:2] == ["Name", "Email"]]
    assert headers == [["Name", "Email", "Region", "Counts", "Note"]]  # repeated at the top of page 2


def sample_customers() -> list[str]:
    from datetime import date

    from explorer.app.session import open_session
    from explorer.paths import resource_path

    session = open_session([resource_path("sample/contracts.xlsx"), resource_path("sample/cases.csv")], date(2026, 11, 28))
    return [str(name) for name in session.overview.customers["Customer"]]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_sample_customer_fits_one_page_on_either_paper(tmp_path: Path, paper: str) -> None:
    # On Letter (18 mm shorter than A4) Cascade Capital's sheet put its SLA table's P4 row and the conditions alone
    # on a second page, and Tidewater Airlines (three products) ran onto a second page on both papers.
    names = sample_customers()
    out = tmp_path / "sheets.pdf"
    args = ["sheet", "--sample", "--as-of", "2026-11-28", "--paper", paper, "-o", str(out)]
    assert main(args + [a for n in names for a in ("--customer", n)]) in (0, 1)  # 1: a DRAFT among them
    pages, size = pdf_pages(out)
    assert pages == len(names) > 40 and paper in size.casefold()
    assert pdf_text(out).count("Page 1 of 1") == len(names)
    code, out = sheet_of(tmp_path, "Cascade Capital", "--internal", "--paper", paper)  # with its findings too
    assert code == 0 and pdf_pages(out)[0] == 1


def test_a_never_ran_term_and_no_case_log_in_the_customer_s_words(tmp_path: Path) -> None:
    # The customer's copy said 'never ran (see the findings)' (the findings are not on it) and 'No case log
    # loaded.' (the app's words); the internal copy looked like the customer's but for one section.
    from tests.files import write_csv

    book = write_csv(
        tmp_path / "lost.csv",
        header=["Customer", "Product", "Tier", "Start", "End", "Status"],
        rows=[["Lost Co", "Okta", "Premier", "2026-08-01", "2027-07-31", "Lost"]],
    )
    out = tmp_path / "lost.pdf"
    assert main(["sheet", str(book), "--as-of", "2026-11-28", "--customer", "Lost Co", "-o", str(out)]) == 0
    text = " ".join(pdf_text(out).split())
    assert "Okta Premier: this order did not go ahead: nothing is included" in text
    assert "2027-07-31 (never ran)" in text and "2026-07-31" not in text
    assert "findings" not in text.casefold() and "case log" not in text and "SLA compliance" not in text
    assert "INTERNAL" not in text
    internal = tmp_path / "lost-internal.pdf"
    assert main(["sheet", str(book), "--as-of", "2026-11-28", "--customer", "Lost Co", "--internal", "-o", str(internal)]) == 0
    text = " ".join(pdf_text(internal).split())
    assert "never ran (see the findings)" in text and "No case log loaded." in text
    for page in range(1, pdf_pages(internal)[0] + 1):
        lines = [line for line in pdf_text(internal, page).splitlines() if line.strip()]
        # in the header and the footer of every page
        assert lines[0].startswith("INTERNAL: not for the customer · Entitlement sheet")
        assert "Lost Co · INTERNAL: not for the customer" in lines[-1]


def test_a_zone_the_book_does_not_give_is_not_called_the_customer_s_own(tmp_path: Path) -> None:
    """The sheet told a customer whose row gives no zone that response times run in "UTC (your local time zone)":
    the default is no claim about them. A zone taken from the country is said so; a zone the row gives, as before."""
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Region,Time Zone,Country\n"
        "Given Ltd,Okta,Premier,2026-01-01,2026-12-31,EMEA,Europe/Berlin,DE\n"
        "Country Inc,Okta,Premier,2026-01-01,2026-12-31,,,US\n"
        "Nowhere BV,Okta,Premier,2026-01-01,2026-12-31,EMEA,,\n",
        "utf-8",
    )
    session = open_session([book], date(2026, 9, 1))

    def where(customer: str) -> str:
        sheet = session.sheet(customer_key(customer))
        assert sheet is not None
        return " ".join(re.sub(r"<[^>]+>", " ", sheet_html(sheet).split("Response times run in")[1].split(".")[0]).split())

    assert where("Given Ltd") == "region EMEA, Europe/Berlin (your local time zone)"
    assert where("Country Inc") == "America/New_York (taken from your country: tell your account team if yours differs)"
    assert where("Nowhere BV") == "region EMEA, UTC (the contract gives no time zone: tell your account team yours)"
    # the app's SLA tab says the same three cases in the account team's words, from the same ZoneBasis
    notes = {c: session.sheet(customer_key(c)).contracts[0].zone_note for c in ("Given Ltd", "Country Inc", "Nowhere BV")}  # type: ignore[union-attr]
    assert notes == {
        "Given Ltd": "Europe/Berlin: the book's time zone; region EMEA",
        "Country Inc": "America/New_York: the main zone of US (the book gives no time zone)",
        "Nowhere BV": "UTC: the default (the book gives no time zone, country or state); region EMEA",
    }


def test_a_case_judged_under_a_term_that_starts_tomorrow_is_said_under_the_compliance_table(tmp_path: Path) -> None:
    """Trust round 7 #4: as of the day before a term starts (Sydney), the sheet said its targets "do not apply on
    this day" while its compliance table counted a P1 opened on the start day in the customer's time zone. Both
    rules stand (domain.md §8); the sheet says why the case counts."""
    book = tmp_path / "book.csv"
    book.write_text(
        "Customer,Product,Tier,Start,End,Time Zone,Country\n"
        "Starts Tomorrow Co,Okta,Premier Access,2026-11-17,2027-11-16,Australia/Sydney,AU\n"
        "Tokyo Tomorrow KK,Okta,Premier,2026-11-17,2027-11-16,,JP\n",
        "utf-8",
    )
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "Ticket ID,Organization,Product,Priority,Created at,First reply at\n"
        "ST-1,Starts Tomorrow Co,Okta,P1,2026-11-16 14:00 UTC,2026-11-16 14:30 UTC\n"
        "TK-1,Tokyo Tomorrow KK,Okta,P2,2026-11-16 16:00 UTC,2026-11-16 16:30 UTC\n"
        "TK-2,Tokyo Tomorrow KK,Okta,P3,2026-11-16 17:00 UTC,\n",
        "utf-8",
    )

    def compliance(as_of: date, customer: str) -> str:
        sheet = open_session([book, cases], as_of).sheet(customer_key(customer))
        assert sheet is not None
        html = sheet_html(sheet)
        return html_unescape(" ".join(re.sub(r"<[^>]+>", " ", html.split("SLA compliance")[1].split("<h2>")[0]).split()))

    before = compliance(date(2026, 11, 16), "Starts Tomorrow Co")
    assert "P1 100.0% of 1" in before
    assert before.endswith(
        "1 case opened on 2026-11-17 in the customer's time zone (Australia/Sydney) is judged under the term that starts then."
    )
    assert "judged under" not in compliance(date(2026, 11, 17), "Starts Tomorrow Co")  # in force: nothing to explain
    tokyo = compliance(date(2026, 11, 16), "Tokyo Tomorrow KK")  # a zone from the country is no claim about theirs
    assert tokyo.endswith(
        "2 cases opened on 2026-11-17 in the contract's time zone (Asia/Tokyo) are judged under the term that starts then."
    )
