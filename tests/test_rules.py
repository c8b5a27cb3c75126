"""The rules engine on worked examples, properties of the date rules, and catalog edits."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from explorer import rules
from explorer.catalog import Catalog, parse_catalog
from explorer.model import Contact, Contract, Severity
from explorer.paths import resource_path
from explorer.rules import DateStatus


def premier_plus(cse: bool = True, mcse: str | None = "50", **kw) -> Contract:
    base = dict(
        customer="Acme",
        product="okta",
        program="okta-premier-plus",
        term_start=date(2026, 1, 15),
        term_end=date(2027, 1, 14),
        region="EMEA",
        addons=({"cse": None} if cse else {}) | ({"mcse": mcse} if mcse else {}),
    )
    base.update(kw)
    return Contract(**base)


def test_premier_plus_worked_example(catalog: Catalog) -> None:
    contract = premier_plus()
    dates = {k.event: k.day for k in rules.key_dates(catalog, contract, date(2026, 11, 1))}
    assert dates == {
        "Term start": date(2026, 1, 15),
        "Success kickoff (earliest)": date(2026, 1, 29),
        "Success kickoff (latest)": date(2026, 2, 5),
        "CSE available": date(2026, 4, 15),
        "MCSE available": date(2026, 4, 15),
        "Add-on renewal request deadline": date(2026, 11, 30),
        "Term end": date(2027, 1, 14),
    }
    assert rules.administrative_days(catalog, contract) == Decimal("7.0")
    assert rules.named_contact_limit(catalog, contract) == 5
    assert rules.named_contact_limit(catalog, premier_plus(mcse="100")) == 10
    assert rules.contract_findings(catalog, contract) == []


def test_eighteen_month_term_administrative_days(catalog: Catalog) -> None:
    contract = premier_plus(term_start=date(2025, 7, 1), term_end=date(2026, 12, 31))
    assert rules.term_days(contract) == 549
    assert rules.administrative_days(catalog, contract) == Decimal("10.5")
    assert rules.whole_days(Decimal("10.5")) == 11


def test_statuses_follow_as_of(catalog: Catalog) -> None:
    contract = premier_plus()
    status = {k.event: k.status for k in rules.key_dates(catalog, contract, date(2026, 11, 1))}
    assert status["CSE available"] is DateStatus.PAST
    assert status["Add-on renewal request deadline"] is DateStatus.DUE_SOON  # 29 days ahead
    assert status["Term end"] is DateStatus.UPCOMING
    later = {k.event: k.status for k in rules.key_dates(catalog, contract, date(2026, 12, 20))}
    assert later["Add-on renewal request deadline"] is DateStatus.OVERDUE  # passed while the term runs
    assert later["Term end"] is DateStatus.DUE_SOON


def test_key_dates_only_where_they_apply(catalog: Catalog) -> None:
    basic = Contract("Beta", "okta", "okta-basic", date(2026, 3, 1), date(2027, 2, 28))
    assert [k.event for k in rules.key_dates(catalog, basic, date(2026, 1, 1))] == ["Term start", "Term end"]
    access = Contract("Gamma", "okta", "okta-premier-access", date(2026, 3, 1), date(2027, 2, 28))
    events = [k.event for k in rules.key_dates(catalog, access, date(2026, 1, 1))]
    assert "Success kickoff (earliest)" in events and "CSE available" not in events
    cse_only = premier_plus(mcse=None)
    events = [k.event for k in rules.key_dates(catalog, cse_only, date(2026, 1, 1))]
    assert "CSE available" in events and "MCSE available" not in events
    assert "Add-on renewal request deadline" in events
    assert rules.administrative_days(catalog, basic) is None


def test_renewed_addon_keeps_initial_mobilization(catalog: Catalog) -> None:
    renewed = premier_plus(term_start=date(2027, 1, 15), term_end=date(2028, 1, 14), initial_term_start=date(2026, 1, 15))
    dates = {k.event: k.day for k in rules.key_dates(catalog, renewed, date(2027, 2, 1))}
    assert dates["CSE available"] == date(2026, 4, 15)  # no new mobilization period
    assert dates["Success kickoff (earliest)"] == date(2027, 1, 29)


def test_addon_on_wrong_program_is_an_error(catalog: Catalog) -> None:
    wrong = Contract("Delta", "okta", "okta-premier", date(2026, 1, 1), date(2026, 12, 31), addons={"mcse": "100"})
    found = rules.contract_findings(catalog, wrong)
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "only sold with Okta Premier Plus" in found[0].message and "Okta Premier" in found[0].message
    auth0 = Contract("Eps", "auth0", "auth0-premier", date(2026, 1, 1), date(2026, 12, 31), addons={"cse": None})
    assert [f.column for f in rules.contract_findings(catalog, auth0)] == ["CSE"]


def test_end_before_start(catalog: Catalog) -> None:
    bad = Contract("Zeta", "okta", "okta-basic", date(2026, 5, 1), date(2026, 4, 1))
    found = rules.contract_findings(catalog, bad)
    assert [(f.severity, f.column) for f in found] == [(Severity.ERROR, "Term End")]
    assert rules.term_days(bad) is None


def test_named_contacts_over_limit_and_wrong_region(catalog: Catalog) -> None:
    contract = premier_plus()
    contacts = [Contact("Acme", f"Person {i}", region="EMEA") for i in range(5)]
    contacts.append(Contact("ACME ", "Far Away", region="APAC"))
    contacts.append(Contact("Acme", "Not Named", region="APAC", named=False))
    found = rules.contact_findings(catalog, contract, contacts)
    assert [f.severity for f in found] == [Severity.WARNING, Severity.WARNING]
    assert found[0].message == "6 named contacts, but 50% Dedicated MCSE allows 5."
    assert "Far Away is in APAC" in found[1].message
    assert rules.named_contact_count(contract, contacts) == 6
    assert rules.contact_findings(catalog, contract, contacts[:5]) == []


def test_benefits_and_targets_read_the_catalog(catalog: Catalog) -> None:
    lines = {b.label: b for b in rules.benefits(catalog, premier_plus())}
    assert lines["Customer Success Manager (CSM)"].included
    assert lines["Success meetings and business reviews"].detail == "Custom Success Plan, Custom Business Review"
    basic = {b.label: b.included for b in rules.benefits(catalog, Contract("B", "okta", "okta-basic"))}
    assert basic["Customer Success Manager (CSM)"] is False
    assert "Phone support, 24x7x365" not in basic  # an Auth0 feature is not listed for Okta
    t = rules.targets(catalog, Contract("B", "okta", "okta-basic"))
    assert [(x.priority, x.minutes, x.calendar.id) for x in t][:2] == [(1, 240, "business-hours"), (2, 720, "business-hours")]
    assert rules.targets(catalog, Contract("U", None, None, product_text="Okta Gold")) == []


def test_decisions_shown_for_a_contract(catalog: Catalog) -> None:
    ids = [d.id for d in rules.decisions_for(catalog, Contract("B", "okta", "okta-basic"))]
    assert ids == ["business-hours"]
    auth0 = [d.id for d in rules.decisions_for(catalog, Contract("A", "auth0", "auth0-enterprise", program_text=""))]
    assert auth0 == ["auth0-blank-program"]


def test_catalog_edit_changes_behaviour_without_code(catalog: Catalog) -> None:
    with open(resource_path("catalog.toml"), "rb") as fh:
        data = tomllib.load(fh)
    data["programs"]["okta-premier-elite"] = {
        "name": "Premier Elite",
        "rank": 5,
        "aliases": ["elite"],
        "support_hours": "24x7",
        "targets": {"1": [15, "24x7"], "2": [30, "24x7"], "3": [60, "24x7"], "4": [240, "24x7"]},
        "benefits": {"online-cases": True, "csm": True, "success-kickoff": True},
        "addons": ["cse", "mcse"],
        "targets_wording": "Premier Elite Response Time for the Service during 24x7 Support hours",
        "wording": {"success-kickoff": "The Okta CSM will conduct a Premier Elite Success kickoff meeting virtually."},
    }
    data["products"]["okta"]["programs"].append("okta-premier-elite")
    data["key_dates"].append(
        {"event": "Elite review", "anchor": "term_start", "offset_days": 30, "programs": ["okta-premier-elite"]}
    )
    data["addons"]["renewal_notice_days"] = 60
    for rule in data["key_dates"]:
        if rule["event"] == "Add-on renewal request deadline":
            rule["offset_days"] = -60
    edited = parse_catalog(data)
    program = edited.program_for(edited.products["okta"], "ELITE")
    assert program is not None and program.id == "okta-premier-elite"
    contract = Contract("Acme", "okta", "okta-premier-elite", date(2026, 1, 15), date(2027, 1, 14), addons={"mcse": "50"})
    assert [t.minutes for t in rules.targets(edited, contract)] == [15, 30, 60, 240]
    assert rules.contract_findings(edited, contract) == []  # add-ons allowed on the new program
    dates = {k.event: k.day for k in rules.key_dates(edited, contract, date(2026, 1, 1))}
    assert dates["Elite review"] == date(2026, 2, 14)
    assert dates["Add-on renewal request deadline"] == date(2026, 11, 15)
    assert rules.highest_program(edited, [contract, premier_plus()]).name == "Premier Elite"  # type: ignore[union-attr]


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(start=days, length=st.integers(min_value=1, max_value=1500), as_of=days)
def test_date_rule_properties(catalog: Catalog, start: date, length: int, as_of: date) -> None:
    end = start + timedelta(days=length - 1)
    contract = premier_plus(term_start=start, term_end=end)
    dates = rules.key_dates(catalog, contract, as_of)
    by_event = {k.event: k.day for k in dates}
    assert by_event["Success kickoff (latest)"] - by_event["Success kickoff (earliest)"] == timedelta(days=7)
    assert by_event["CSE available"] == start + timedelta(days=90)
    assert by_event["Term end"] - by_event["Add-on renewal request deadline"] == timedelta(days=45)
    assert [k.day for k in dates] == sorted(k.day for k in dates)
    for k in dates:  # the status is a pure function of the day against as_of (and, for a deadline, the term)
        overdue = k.is_action and k.day < as_of <= end
        assert (k.status is DateStatus.OVERDUE) == overdue
        assert (k.status is DateStatus.PAST) == (k.day < as_of and not overdue)
        assert (k.status is DateStatus.DUE_SOON) == (as_of <= k.day <= as_of + timedelta(days=30))
    admin = rules.administrative_days(catalog, contract)
    assert admin is not None
    assert abs(float(admin) - 7 * length / 365) <= 0.05 + 1e-9
    assert rules.term_days(contract) == length


def test_initial_term_start_after_term_start_is_an_error(catalog: Catalog) -> None:
    found = rules.contract_findings(catalog, premier_plus(initial_term_start=date(2026, 2, 1)))
    assert [(f.severity, f.column) for f in found] == [(Severity.ERROR, "Initial Term Start")]
    assert rules.contract_findings(catalog, premier_plus(initial_term_start=date(2025, 1, 15))) == []


def test_an_addon_in_error_gets_no_derived_dates_or_limits(catalog: Catalog) -> None:
    wrong = Contract("Acme", "okta", "okta-premier", date(2026, 1, 15), date(2027, 1, 14), addons={"cse": None, "mcse": "50"})
    assert [f.severity for f in rules.contract_findings(catalog, wrong)] == [Severity.ERROR, Severity.ERROR]
    events = {k.event for k in rules.key_dates(catalog, wrong, date(2026, 11, 1))}
    assert events == {"Term start", "Term end"}
    assert rules.named_contact_limit(catalog, wrong) is None
    assert rules.administrative_days(catalog, wrong) is None


def test_region_synonyms_are_the_same_region(catalog: Catalog) -> None:
    contract = premier_plus(region="Americas")
    same = [
        Contact("Acme", name, region=region)
        for name, region in [("A", "AMER"), ("B", "NA"), ("C", "North America"), ("D", "latam"), ("E", "americas")]
    ]
    assert rules.contact_findings(catalog, contract, same) == []
    far = rules.contact_findings(catalog, premier_plus(region="EMEA"), [Contact("Acme", "F", region="Japan")])
    assert len(far) == 1 and "F is in Japan" in far[0].message
    assert {catalog.region_for(r) for r in ("Europe", "EU", "Middle East", "Africa", "emea")} == {"EMEA"}
    assert {catalog.region_for(r) for r in ("Asia Pacific", "APAC", "APJ", "Japan", "ANZ")} == {"APAC"}
    assert catalog.region_for(" Mars ") == "Mars"


def test_an_overdue_action_deadline_marked_done_and_not(catalog: Catalog) -> None:
    contract = premier_plus()  # term 2026-01-15 .. 2027-01-14; add-on renewal request deadline 2026-11-30

    def deadline(as_of: date, done: dict[str, date] | None = None) -> rules.KeyDate:
        found = [k for k in rules.key_dates(catalog, contract, as_of, done=done) if k.is_action]
        assert len(found) == 1
        return found[0]

    assert deadline(date(2026, 11, 1)).status is DateStatus.DUE_SOON
    assert deadline(date(2026, 11, 30)).status is DateStatus.DUE_SOON  # the day itself is not late yet
    late = deadline(date(2026, 12, 1))
    assert late.status is DateStatus.OVERDUE and late.status_text == "Overdue"
    assert deadline(date(2027, 1, 14)).status is DateStatus.OVERDUE  # until the term ends
    assert deadline(date(2027, 1, 15)).status is DateStatus.PAST
    marked = {late.key: date(2026, 12, 3)}
    done = deadline(date(2026, 12, 5), marked)
    assert done.status is DateStatus.DONE and done.status_text == "Done (marked 2026-12-03)"
    # the mark is the user's knowledge, not the book's: it holds on every as-of day, before it was made too
    assert deadline(date(2026, 12, 2), marked).status_text == "Done (marked 2026-12-03)"
    assert deadline(date(2027, 2, 1), marked).status_text == "Done (marked 2026-12-03)"
    # plain events keep their meaning; the key is stable across loads and names the term
    plain = {k.event: k.status for k in rules.key_dates(catalog, contract, date(2026, 12, 5), done=marked)}
    assert plain["Term start"] is DateStatus.PAST and plain["Term end"] is DateStatus.UPCOMING  # 40 days on
    assert late.key == rules.key_dates(catalog, premier_plus(), date(2026, 12, 1))[-2].key
    renewed = premier_plus(term_start=date(2027, 1, 15), term_end=date(2028, 1, 14))
    assert late.key not in {k.key for k in rules.key_dates(catalog, renewed, date(2027, 12, 1))}
