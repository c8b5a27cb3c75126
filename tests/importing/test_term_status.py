"""A contract row's own status (catalog [term_status]): which words end a term early or say it never ran."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from explorer.importing.book import load_book
from explorer.model import Severity, customer_key

from ..files import write_csv

HEADER = ["Customer", "Product", "Tier", "Start", "End", "Stage", "Cancelled on"]


def test_status_words_are_matched_tolerantly_and_only_they_change_a_term(tmp_path: Path) -> None:
    book = write_csv(
        tmp_path / "book.csv",
        header=HEADER,
        rows=[
            ["A", "Okta", "Premier", "2026-01-01", "2026-12-31", "closed-lost", ""],  # never ran
            ["B", "Okta", "Premier", "2026-01-01", "2026-12-31", "Canceled", "2026-03-15"],  # ended early
            ["C", "Okta", "Premier", "2026-01-01", "2026-12-31", "Terminated", "2027-02-01"],  # after its end: as written
            ["D", "Okta", "Premier", "2026-01-01", "2026-12-31", "Terminated", "soon"],  # not a date: as written, a warning
            ["E", "Okta", "Premier", "2026-01-01", "2026-12-31", "Active", "2026-03-15"],  # an active word: as written
            ["F", "Okta", "Premier", "2026-01-01", "2026-12-31", "", "2026-05-31"],  # a date alone inside the term
            ["G", "Okta", "Premier", "2026-01-01", "2026-12-31", "Negotiation", ""],  # an unknown word: as written
        ],
    )
    loaded = load_book([book])
    ended = {c.customer: (c.ended_on, c.never_ran, c.runs_until) for c in loaded.contracts}
    end = date(2026, 12, 31)
    assert ended == {
        "A": (date(2025, 12, 31), True, date(2025, 12, 31)),
        "B": (date(2026, 3, 15), False, date(2026, 3, 15)),
        "C": (None, False, end),
        "D": (None, False, end),
        "E": (None, False, end),
        "F": (date(2026, 5, 31), False, date(2026, 5, 31)),
        "G": (None, False, end),
    }
    warned = {f.customer: f for f in loaded.findings if f.severity is Severity.WARNING and f.column in HEADER[5:]}
    assert sorted(warned) == ["A", "B", "D", "E", "F"]
    assert (warned["A"].column, warned["A"].source.row) == ("Stage", 2)
    # an active term with a cancellation date inside it runs to its end (Stripe's cancel at period end), said: it was
    # silently read as running: an account manager planning the renewal never heard of the cancellation
    assert warned["E"].message.startswith(
        "Stage 'Active' and Cancelled on 2026-03-15: read as a cancellation asked for on that day that takes effect "
        "at the contracted end (2026-12-31), as billing tools write it: the term runs to its end."
    )
    assert warned["D"].message == "Cancelled on 'soon' is not a date; the term is read to its contracted end (2026-12-31)."
    assert warned["F"].message.startswith("Cancelled on 2026-05-31: the term ends on 2026-05-31")
    kept = next(f.message for f in loaded.findings if "read for a term the book says" in f.message)
    assert kept.startswith("'Stage' and 'Cancelled on' are read for a term the book says ended early or never ran")


def test_a_deals_status_beside_its_stage_is_read_won_lost_and_open(tmp_path: Path) -> None:
    """Pipedrive writes Deal - Status (Won, Lost, Open) beside Deal - Stage (tryout 4): the status is read, the stage
    is no status. A Lost renewal never ran; an Open one is not signed: in force on no day, and it leaves the earlier
    term's renewal deadline open (it said Renewed). A Renewal Status of Open asks about the next term: as written."""
    from explorer.app.session import open_session

    header = ["Deal - Organization", "Deal - Status", "Deal - Stage", "Deal - Product name", "Start", "End", "Renewal Status"]
    cse = "Okta Premier Plus Support, Dedicated CSE Add-On"
    rows = [
        ["Trey Research", "Won", "Closed", cse, "2026-01-15", "2027-01-14", ""],
        ["Trey Research", "Open", "Proposal made", cse, "2027-01-15", "2028-01-14", ""],
        ["Lucerne", "Won", "Closed", "Okta Premier Support", "2025-07-01", "2026-06-30", ""],
        ["Lucerne", "Lost", "Negotiation", "Okta Premier Support", "2026-07-01", "2027-06-30", ""],
        ["Alpine", "Won", "Closed", cse, "2026-01-01", "2026-12-31", "Open"],
        ["Alpine", "", "Closed won", cse, "2027-01-01", "2027-12-31", ""],
    ]
    session = open_session([write_csv(tmp_path / "deals.csv", header=header, rows=rows)], date(2026, 12, 7))
    runs = {(c.customer, c.term_start.year if c.term_start else 0): c.never_ran for c in session.book.contracts}
    assert runs == {
        ("Trey Research", 2026): False,
        ("Trey Research", 2027): True,
        ("Lucerne", 2025): False,
        ("Lucerne", 2026): True,
        ("Alpine", 2026): False,
        ("Alpine", 2027): False,
    }

    def deadline(customer: str) -> str:
        sheet = session.sheet(customer_key(customer))
        assert sheet is not None
        found = [d.date.status.value for d in sheet.dates if d.date.event == "Add-on renewal request deadline"]
        return found[0]

    assert (deadline("Trey Research"), deadline("Alpine")) == ("Overdue", "Renewed")
    lucerne = session.sheet(customer_key("Lucerne"))
    assert lucerne is not None and lucerne.state.label == "Ended 2026-06-30"
    warned = {f.customer: f for f in session.book.findings if f.severity is Severity.WARNING and f.column == "Deal - Status"}
    assert sorted(warned) == ["Lucerne", "Trey Research"]
    assert warned["Trey Research"].message.startswith(
        "Deal - Status 'Open': the deal is not signed (not won); its term (2027-01-15 – 2028-01-14) is listed, in force on no day"
    )


def test_a_plain_status_of_open_is_a_running_term(tmp_path: Path) -> None:
    # A hand-kept tracker's Status 'Open' means the term runs: read as 'not signed', every benefit would vanish.
    header = ["Customer", "Status", "Product", "Tier", "Start", "End"]
    rows = [["Acme", "Open", "Okta", "Premier", "2026-01-15", "2027-01-14"]]
    book = load_book([write_csv(tmp_path / "tracker.csv", header=header, rows=rows)])
    assert [c.never_ran for c in book.contracts] == [False]
    assert not [f for f in book.findings if "not signed" in f.message]


def test_crm_words_for_a_deal_that_never_ran(tmp_path: Path) -> None:
    """Copper's Status Abandoned (tryout 6: Hooli's abandoned Premier upsell became the term in force over its Basic),
    Zoho's 'Closed Lost - to competition', a pipeline's Dead or Declined deal: never ran. Won changes nothing."""
    header = ["Company", "Status", "Product", "Support Tier", "Term Start", "Term End"]
    rows = [
        ["Hooli", "Abandoned", "Okta", "Premier", "2026-10-01", "2027-05-31"],
        ["Hooli", "Won", "Okta", "Basic", "2026-06-01", "2027-05-31"],
        ["Zeta", "Closed Lost - to competition", "Okta", "Premier", "2026-01-01", "2026-12-31"],
        ["Eta", "Dead", "Okta", "Premier", "2026-01-01", "2026-12-31"],
        ["Theta", "Declined", "Okta", "Premier", "2026-01-01", "2026-12-31"],
    ]
    loaded = load_book([write_csv(tmp_path / "copper.csv", header=header, rows=rows)])
    assert [(c.customer, c.program, c.never_ran) for c in loaded.contracts] == [
        ("Hooli", "okta-premier", True),
        ("Hooli", "okta-basic", False),
        ("Zeta", "okta-premier", True),
        ("Eta", "okta-premier", True),
        ("Theta", "okta-premier", True),
    ]
    said = [f.message for f in loaded.findings if f.column == "Status" and f.customer == "Hooli"]
    assert said == [
        "Status 'Abandoned': this term (2026-10-01 – 2027-05-31) never ran; it is listed, in force on no day, and none "
        "of its key dates is scheduled."
    ]
    # a deal that never ran overlaps no term: no 'second contract row whose term overlaps' warning beside it
    assert not [f for f in loaded.findings if "whose term overlaps" in f.message]


def test_status_columns_and_words_in_the_books_other_languages(tmp_path: Path) -> None:
    """Tryout 7: an Oracle order-lines export in French keeps its status in 'Statut'; the cancelled Premier line
    listed after the Basic one was in force (24x7 Premier for a Basic customer). Words compare without accents."""
    header = ["Client", "Produit", "Date de début", "Date de fin", "Statut", "Date de résiliation"]
    rows = [
        ["Transports Lefèvre", "Okta Basic Support", "01/04/2026", "31/03/2027", "Clôturé", ""],
        ["Transports Lefèvre", "Okta Premier Support", "01/04/2026", "31/03/2027", "Annulé", ""],  # never ran
        ["Crédit Alpin", "Okta Premier Support", "01/04/2026", "31/03/2027", "ANNULEE", ""],  # no accents
        ["Boulangeries", "Okta Premier Support", "01/04/2026", "31/03/2027", "Résiliée", "15/09/2026"],  # ended early
    ]
    loaded = load_book([write_csv(tmp_path / "lignes.csv", header=header, rows=rows)])
    assert [(c.customer, c.program, c.never_ran, c.ended_on) for c in loaded.contracts] == [
        ("Transports Lefèvre", "okta-basic", False, None),
        ("Transports Lefèvre", "okta-premier", True, date(2026, 3, 31)),
        ("Crédit Alpin", "okta-premier", True, date(2026, 3, 31)),
        ("Boulangeries", "okta-premier", False, date(2026, 9, 15)),
    ]
    assert not [f for f in loaded.findings if "whose term overlaps" in f.message]
    kept = next(f.message for f in loaded.findings if "read for a term the book says" in f.message)
    assert "'Statut' and 'Date de résiliation' are read" in kept

    header = ["Cliente", "Producto", "Nivel", "Inicio", "Fin", "Estado"]  # Spanish, and Italian's Stato
    rows = [["Acme", "Okta", "Premier", "2026-01-01", "2026-12-31", "Cancelado"]]
    spanish = load_book([write_csv(tmp_path / "contratos.csv", header=header, rows=rows)])
    header[-1] = "Stato"
    rows[0][-1] = "Annullato"
    italian = load_book([write_csv(tmp_path / "contratti.csv", header=header, rows=rows)])
    assert [c.never_ran for c in spanish.contracts + italian.contracts] == [True, True]


def test_stripe_canceled_with_its_end_dates_ran_to_that_day(tmp_path: Path) -> None:
    """Tryout 7: a Stripe subscription 'canceled' with Canceled At / Ended At filled ran until that day (it was
    'Never ran'); one canceled at its period's end asked on an earlier day (Canceled At) ended on its Ended At;
    'incomplete_expired' (the first payment never completed) never ran, though Stripe fills its Ended At."""
    header = ["Customer Name", "Product", "Status", "Start (UTC)", "End (UTC)", "Canceled At (UTC)", "Ended At (UTC)"]
    premier = "Okta Premier Support"
    rows = [
        ["Initech", premier, "canceled", "2025-03-01 00:00", "2026-02-28 00:00", "2025-09-30 12:00", "2025-09-30 12:00"],
        ["Umbrella", premier, "canceled", "2025-03-01 00:00", "2026-02-28 00:00", "2025-05-02 08:00", "2025-11-30 00:00"],
        ["Hooli", premier, "incomplete_expired", "2026-06-01 00:00", "2027-05-31 00:00", "", "2026-06-02 09:00"],
        ["Vandelay", premier, "canceled", "2026-06-01 00:00", "2027-05-31 00:00", "", ""],  # no day: never ran
    ]
    loaded = load_book([write_csv(tmp_path / "subscriptions.csv", header=header, rows=rows)])
    assert [(c.customer, c.never_ran, c.ended_on) for c in loaded.contracts] == [
        ("Initech", False, date(2025, 9, 30)),
        ("Umbrella", False, date(2025, 11, 30)),
        ("Hooli", True, date(2026, 5, 31)),
        ("Vandelay", True, date(2026, 5, 31)),
    ]
    said = {f.customer: f for f in loaded.findings if f.severity is Severity.WARNING and f.customer == "Umbrella"}
    assert said["Umbrella"].column == "Ended At (UTC)"


def test_a_status_word_after_a_negation_or_of_another_object_is_not_the_rows_own(tmp_path: Path) -> None:
    """Hostile tryout 2 (item 7): 'Not cancelled', 'Non annulé', 'Cancellation withdrawn', 'Active; renewal
    cancelled' were Never ran, 'Active - draft amendment pending' not signed. A negation before a status word, a
    reversal after it, or another object beside it keeps it from being the row's own; a warning says which word was
    not read. Plain values read as before."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Status"]
    values = {
        "Not": "Not cancelled",
        "Non": "Non annulé",
        "Nicht": "Noch nicht gekündigt",
        "Withdrawn": "Cancellation withdrawn",
        "Renewal": "Active; renewal cancelled",
        "Amendment": "Active - draft amendment pending",
        "Upsell": "Upsell lost",
        "Cancelled": "Cancelled",
        "Annule": "Annulé",
        "Lost": "Closed Lost - to competitor",
        "NotSigned": "Not signed",
        "Draft": "Draft",
    }
    rows = [[name, "Okta", "Premier", "2026-01-01", "2026-12-31", v] for name, v in values.items()]
    loaded = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)])
    ran = {c.customer: c.never_ran for c in loaded.contracts}
    running = ["Not", "Non", "Nicht", "Withdrawn", "Renewal", "Amendment", "Upsell"]
    assert ran == {name: name not in running for name in values}
    said = {f.customer: f.message for f in loaded.findings if f.column == "Status"}
    assert said["Not"] == (
        "Status 'Not cancelled' is read as no status: 'cancelled' follows 'Not'. The term is read as if it had no "
        "status word; if it did end early or never run, write the status alone (Cancelled, Lost...)."
    )
    assert said["Non"].startswith("Status 'Non annulé' is read as no status: 'annulé' follows 'Non'.")
    assert said["Nicht"].startswith("Status 'Noch nicht gekündigt' is read as no status: 'gekündigt' follows 'nicht'.")
    assert said["Withdrawn"].startswith(
        "Status 'Cancellation withdrawn' is read as no status: 'Cancellation' is followed by 'withdrawn'."
    )
    assert "'cancelled' names the state of 'renewal', not of this row" in said["Renewal"]
    assert "'draft' names the state of 'amendment', not of this row" in said["Amendment"]
    assert said["Lost"].startswith("Status 'Closed Lost - to competitor': this term (2026-01-01 – 2026-12-31) never ran")
    assert all(f.severity is Severity.WARNING for f in loaded.findings if f.column == "Status")


def test_two_status_columns_that_disagree_are_said(tmp_path: Path) -> None:
    """Hostile tryout 2 (item 10): Status 'Active' beside Statut 'Annulé' was Never ran with only the cancelling
    column quoted. The column saying the term ended or never ran is still read, and a warning names both. A pipeline
    step (Negotiation) or a Renewal Status says nothing against a deal's status."""
    header = ["Customer", "Product", "Tier", "Start", "End", "Status", "Statut", "Stage", "Renewal Status"]
    rows = [
        ["Two A", "Okta", "Premier", "2026-01-01", "2026-12-31", "Active", "Annulé", "", ""],
        ["Two B", "Okta", "Premier", "2026-01-01", "2026-12-31", "Cancelled", "Actif", "", ""],
        ["Two C", "Okta", "Premier", "2026-01-01", "2026-12-31", "Lost", "", "Negotiation", "Active"],
        ["Two D", "Okta", "Premier", "2026-01-01", "2026-12-31", "Active", "Actif", "Closed Won", ""],
    ]
    loaded = load_book([write_csv(tmp_path / "book.csv", header=header, rows=rows)])
    assert [(c.customer, c.never_ran) for c in loaded.contracts] == [
        ("Two A", True),
        ("Two B", True),
        ("Two C", True),
        ("Two D", False),
    ]
    disagree = {f.customer: f for f in loaded.findings if "disagree" in f.message}
    assert sorted(disagree) == ["Two A", "Two B"]
    assert (disagree["Two A"].severity, disagree["Two A"].column, disagree["Two A"].source.row) == (Severity.WARNING, "Statut", 2)
    assert disagree["Two A"].message.startswith("Statut 'Annulé' and Status 'Active' disagree; Statut 'Annulé' is read")
    assert disagree["Two B"].message.startswith("Status 'Cancelled' and Statut 'Actif' disagree; Status 'Cancelled' is read")


def test_stripe_canceled_at_unreadable_or_after_the_term_is_said(tmp_path: Path) -> None:
    """Hostile tryout 2 (item 9): a canceled row whose Canceled At is not a date was Never ran with no word of the
    date; one canceled after its period's end stayed in force with no finding. The unreadable date is named in the
    warning (the status alone is read); a cancellation after the end changes nothing, and an info says so."""
    header = ["Customer Name", "Product", "Status", "Start (UTC)", "End (UTC)", "Canceled At (UTC)", "Ended At (UTC)"]
    premier = "Okta Premier Support"
    rows = [
        ["Stripe D", premier, "canceled", "2026-01-15 00:00", "2027-01-14 00:00", "2027-03-01 00:00", ""],
        ["Stripe F", premier, "canceled", "2026-01-15 00:00", "2027-01-14 00:00", "not a date", ""],
    ]
    loaded = load_book([write_csv(tmp_path / "subscriptions.csv", header=header, rows=rows)])
    assert [(c.customer, c.never_ran, c.ended_on) for c in loaded.contracts] == [
        ("Stripe D", False, None),
        ("Stripe F", True, date(2026, 1, 14)),
    ]
    said = {f.customer: f for f in loaded.findings if f.column in header[2:] and f.customer}
    assert (said["Stripe F"].severity, said["Stripe F"].column) == (Severity.WARNING, "Canceled At (UTC)")
    assert said["Stripe F"].message.startswith(
        "Status 'canceled', and Canceled At (UTC) 'not a date' is not a date, so the status alone is read: this term "
        "(2026-01-15 – 2027-01-14) never ran"
    )
    assert (said["Stripe D"].severity, said["Stripe D"].column) == (Severity.INFO, "Canceled At (UTC)")
    assert said["Stripe D"].message == (
        "Status 'canceled' and Canceled At (UTC) 2027-03-01: that day is not before the term's end (2027-01-14), so it "
        "changes nothing; the term is read to its contracted end."
    )


def test_a_salesforce_contract_in_approval_is_not_signed(tmp_path: Path) -> None:
    # A Salesforce Contracts report: 'In Approval Process' comes before 'Activated'; it was read as a signed term in force
    header = ["Account Name", "Status", "Product", "Support Level", "Contract Start Date", "Contract End Date"]
    rows = [
        ["Umbrella Health", "In Approval Process", "Okta", "Basic", "6/1/2026", "5/31/2027"],
        ["Acme Corp", "Activated", "Okta", "Premier Plus", "1/15/2026", "1/14/2027"],
    ]
    loaded = load_book([write_csv(tmp_path / "sf_contracts.csv", header=header, rows=rows)])
    said = [f.message for f in loaded.findings if f.column == "Status"]
    assert len(said) == 1 and said[0].startswith("Status 'In Approval Process': the deal is not signed")


def test_an_open_pipeline_stage_is_a_deal_not_signed(tmp_path: Path) -> None:
    """Zoho CRM's Deals and Salesforce's Opportunities have no status column, only a Stage (tryout 9): a deal at an
    open stage of a CRM's default pipeline is not signed, as a Deal Status of Open is. Closed Won and Closed Lost
    keep their meaning; a hand-kept tracker's own stages are in no list and change nothing."""
    stages = {
        "Zoho": "Negotiation/Review",
        "Salesforce": "Proposal/Price Quote",
        "Salesforce Id": "Id. Decision Makers",
        "Salesforce numbered": "2 - Qualification",
        "HubSpot": "Decision maker bought-in",
        "HubSpot id": "appointmentscheduled",
        "HubSpot pipeline": "Contract Sent (Sales Pipeline)",
        "Pipedrive": "Negotiations Started",
        "Dynamics": "Propose",
        "Dynamics phase": "1-Qualify",
        "Won": "Closed Won",
        "HubSpot won": "closedwon",
        "Lost": "Closed Lost",
        "HubSpot lost": "closedlost",
        "Onboarding": "Onboarding",
        "Adoption": "Adoption",
        "Renewal": "Renewal",
        "Live": "Live",
        "Negotiation": "Negotiation",  # a word, not a pipeline's stage: as written
    }
    header = ["Account Name", "Stage", "Product", "Support Tier", "Contract Start Date", "Contract End Date"]
    rows = [[name, stage, "Okta", "Premier", "2026-12-01", "2027-11-30"] for name, stage in stages.items()]
    loaded = load_book([write_csv(tmp_path / "deals.csv", header=header, rows=rows)])
    never = {c.customer for c in loaded.contracts if c.never_ran}
    assert never == {*list(stages)[:10], "Lost", "HubSpot lost"}
    unsigned = {f.customer: f.message for f in loaded.findings if f.column == "Stage" and "not signed" in f.message}
    assert sorted(unsigned) == sorted(list(stages)[:10])
    assert unsigned["Zoho"].startswith(
        "Stage 'Negotiation/Review': the deal is not signed (not won); its term (2026-12-01 – 2027-11-30) is listed, "
        "in force on no day"
    )
    kept = next(f.message for f in loaded.findings if "read for a term the book says" in f.message)
    assert "or a deal not signed yet (an open pipeline stage such as Negotiation/Review)" in kept


def test_a_renewal_at_an_open_stage_renews_nothing(tmp_path: Path) -> None:
    """Zoho's Deals (tryout 9, k07): Initech's renewal at Negotiation/Review left its CSE deadline Renewed and the
    brief called it booked; Cyberdyne's FY27 renewal at Proposal/Price Quote read In force."""
    from explorer.app.session import open_session

    header = ["Account Name", "Stage", "Probability (%)", "Product", "Support Tier", "Add-ons", "Start", "End"]
    rows = [
        ["Initech AG", "Closed Won", "100", "Okta", "Premier Plus", "Dedicated CSE", "2026-01-01", "2026-12-31"],
        ["Initech AG", "Negotiation/Review", "75", "Okta", "Premier Plus", "Dedicated CSE", "2027-01-01", "2027-12-31"],
        ["Cyberdyne Systems", "Closed Won", "100", "Okta", "Premier", "", "2025-12-01", "2026-11-30"],
        ["Cyberdyne Systems", "Proposal/Price Quote", "60", "Okta", "Premier", "", "2026-12-01", "2027-11-30"],
    ]
    session = open_session([write_csv(tmp_path / "zoho_deals.csv", header=header, rows=rows)], date(2026, 12, 7))
    initech = session.sheet(customer_key("Initech AG"))
    cyberdyne = session.sheet(customer_key("Cyberdyne Systems"))
    assert initech is not None and cyberdyne is not None
    deadline = [d.date.status.value for d in initech.dates if d.date.event == "Add-on renewal request deadline"]
    assert deadline == ["Overdue"]
    assert cyberdyne.state.label == "Ended 2026-11-30"


def test_a_deals_status_beside_an_open_stage_decides(tmp_path: Path) -> None:
    """A deal keeps the stage it was won or lost at (Pipedrive's Deal - Stage, Dynamics' Pipeline Phase): its
    status beside it is read, and the two are not said to disagree. An Open status beside an open stage agrees."""
    header = ["Deal - Organization", "Deal - Status", "Deal - Stage", "Deal - Product name", "Start", "End"]
    rows = [
        ["Won Co", "Won", "Negotiations Started", "Okta Premier Support", "2026-01-01", "2026-12-31"],
        ["Lost Co", "Lost", "Proposal Made", "Okta Premier Support", "2026-01-01", "2026-12-31"],
        ["Open Co", "Open", "Proposal Made", "Okta Premier Support", "2026-01-01", "2026-12-31"],
        ["Blank Co", "", "Proposal Made", "Okta Premier Support", "2026-01-01", "2026-12-31"],
    ]
    loaded = load_book([write_csv(tmp_path / "pipedrive.csv", header=header, rows=rows)])
    assert {c.customer: c.never_ran for c in loaded.contracts} == {
        "Won Co": False,
        "Lost Co": True,
        "Open Co": True,
        "Blank Co": True,
    }
    said = {f.customer: f.column for f in loaded.findings if f.severity is Severity.WARNING and f.column.startswith("Deal")}
    assert said == {"Lost Co": "Deal - Status", "Open Co": "Deal - Status", "Blank Co": "Deal - Stage"}
    assert not [f for f in loaded.findings if "disagree" in f.message]


def test_a_stage_naming_an_open_stage_among_other_words_is_read_as_signed_and_said(tmp_path: Path) -> None:
    """Hostile tryout 4 (s01): 'Not qualified', 'Qualification complete', 'Prospecting done' read as signed terms with
    no word. By the open_stages rule only a stage written alone is a deal not signed, so they still read as signed,
    but a warning says what was read; the stages the tryout found right stay right."""
    stages = {
        "Negated": "Not qualified",
        "Complete": "Qualification complete",
        "Done": "Prospecting done",
        "Won at": "Closed Won - Negotiation/Review",
        "Numbered": "2 - Qualification",
        "Bracketed": "Contract Sent (Sales Pipeline)",
        "Tracker": "Onboarding",
    }
    header = ["Account Name", "Product", "Support Tier", "Term Start", "Term End", "Stage"]
    rows = [[name, "Okta", "Premier", "2026-01-01", "2026-12-31", stage] for name, stage in stages.items()]
    loaded = load_book([write_csv(tmp_path / "deals.csv", header=header, rows=rows)])
    assert {c.customer for c in loaded.contracts if c.never_ran} == {"Numbered", "Bracketed"}
    said = {f.customer: f.message for f in loaded.findings if f.column == "Stage" and f.severity is Severity.WARNING}
    assert sorted(said) == ["Bracketed", "Complete", "Done", "Negated", "Numbered"]
    assert said["Complete"] == (
        "Stage 'Qualification complete' names the open pipeline stage 'qualification' among other words, and only a "
        "stage written alone is read as a deal not signed yet: the term is read as signed. If the deal is not won yet, "
        "write the stage alone ('qualification'); if it was won or lost, Closed Won or Closed Lost."
    )
    assert said["Negated"].startswith("Stage 'Not qualified' names the open pipeline stage 'qualified' among other words")
    assert said["Done"].startswith("Stage 'Prospecting done' names the open pipeline stage 'prospecting'")


def test_a_deals_open_status_that_also_says_won_says_won_was_set_aside(tmp_path: Path) -> None:
    """Hostile tryout 4 (s03): Dynamics' Status 'Open - won' and 'Open (Won)' read as not signed, the warning silent
    on the 'won' in them; 'Not open' keeps its negation warning."""
    header = ["(Do Not Modify) Opportunity", "Customer", "Product", "Support Tier", "Term Start", "Term End", "Status"]
    statuses = {"Dash": "Open - won", "Bracket": "Open (Won)", "Plain": "Open", "Negated": "Not open"}
    rows = [[f"guid-{n}", name, "Okta", "Premier", "2026-01-01", "2026-12-31", s] for n, (name, s) in enumerate(statuses.items())]
    loaded = load_book([write_csv(tmp_path / "opportunities.csv", header=header, rows=rows)])
    assert {c.customer for c in loaded.contracts if c.never_ran} == {"Dash", "Bracket", "Plain"}
    said = {f.customer: f.message for f in loaded.findings if f.column == "Status" and f.severity is Severity.WARNING}
    assert said["Dash"].startswith(
        "Status 'Open - won' ('won' set aside: the value also says the deal is open, so it is read as not won yet): "
        "the deal is not signed (not won)"
    )
    assert said["Bracket"].startswith("Status 'Open (Won)' ('Won' set aside: the value also says the deal is open")
    assert said["Plain"].startswith("Status 'Open': the deal is not signed")
    assert said["Negated"].startswith("Status 'Not open' is read as no status: 'open' follows 'Not'.")


def test_a_terminated_or_cancelled_date_under_a_crms_label_or_api_name_ends_the_term(tmp_path: Path) -> None:
    """Tryout 11: Salesforce CPQ's SBQQ__TerminatedDate__c (label 'Terminated Date', Data Loader's upper-case API
    name) was only kept, so a subscription terminated 2026-08-31 read In force to its contracted end; so were other
    tools' spellings of the day a term was cancelled."""
    spellings = ["SBQQ__TERMINATEDDATE__C", "SBQQ__TerminatedDate__c", "Terminated Date", "Cancelled Date", "Churned Date"]
    for header in spellings:
        path = write_csv(
            tmp_path / "subscriptions.csv",
            header=["SBQQ__ACCOUNT__R.NAME", "SBQQ__PRODUCTNAME__C", "SBQQ__STARTDATE__C", "SBQQ__ENDDATE__C", header],
            rows=[
                ["Initech", "Okta Premier Support", "2026-03-01", "2027-02-28", "2026-08-31"],
                ["Acme Corp", "Okta Premier Plus Support", "2026-01-15", "2027-01-14", ""],
            ],
        )
        loaded = load_book([path])
        assert [(c.customer, c.ended_on) for c in loaded.contracts] == [
            ("Initech", date(2026, 8, 31)),
            ("Acme Corp", None),
        ], header
        warned = [f for f in loaded.findings if f.column == header and f.severity is Severity.WARNING]
        assert [f.message.split(":")[0] for f in warned] == [f"{header} 2026-08-31"]


def test_conga_agreements_before_signature_are_not_signed_and_in_effect_runs(tmp_path: Path) -> None:
    """Conga (Apttus) CLM's statuses before signature were read as signed: an upgrade 'In Signatures' / 'Other Party
    Signatures' was booked, its kickoff scheduled (tryout 13)."""
    header = ["Apttus__Account__c", "Product", "Tier", "Apttus__Contract_Start_Date__c", "Apttus__Contract_End_Date__c"]
    header += ["Apttus__Status_Category__c", "Apttus__Status__c"]
    rows = [
        ["Corvid Systems", "Okta", "Premier", "2026-01-01", "2026-12-31", "In Effect", "Activated"],
        ["Corvid Systems", "Okta", "Premier Plus", "2027-01-01", "2027-12-31", "In Signatures", "Other Party Signatures"],
        ["Dunlin Labs", "Okta", "Premier", "2026-01-01", "2026-12-31", "In Authoring", "Author Contract"],
    ]
    loaded = load_book([write_csv(tmp_path / "agreements.csv", header=header, rows=rows)])
    never = {(c.customer, c.program): c.never_ran for c in loaded.contracts}
    assert never == {
        ("Corvid Systems", "okta-premier"): False,
        ("Corvid Systems", "okta-premier-plus"): True,
        ("Dunlin Labs", "okta-premier"): True,
    }
    said = [f.message for f in loaded.findings if f.severity is Severity.WARNING and "not signed" in f.message]
    assert len(said) == 2 and said[0].startswith("Apttus__Status__c 'Other Party Signatures': the deal is not signed")
