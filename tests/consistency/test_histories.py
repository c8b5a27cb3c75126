"""Generated contract histories: the per-term rules hold for any run of renewals, gaps, upgrades and moves."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import history, rules
from explorer.app.overview import build_overview
from explorer.app.sheet import build_sheet
from explorer.catalog import Catalog, default_catalog
from explorer.model import Book, Contact, Contract

CATALOG: Catalog = default_catalog()
MCSE = [None, "50", "100"]
REGIONS = ["AMER", "EMEA", "APAC"]

term = st.tuples(
    st.integers(min_value=0, max_value=40),  # gap in days before this term (0: it follows the previous one)
    st.integers(min_value=90, max_value=500),  # length in days
    st.sampled_from(["okta-premier", "okta-premier-plus"]),
    st.booleans(),  # CSE
    st.sampled_from(MCSE),
    st.sampled_from(REGIONS),
)


def build(terms: list[tuple[int, int, str, bool, str | None, str]]) -> list[Contract]:
    start = date(2024, 1, 1)
    rows = []
    for gap, length, program, cse, mcse, region in terms:
        start += timedelta(days=gap)
        end = start + timedelta(days=length - 1)
        addons: dict[str, str | None] = {}
        if program == "okta-premier-plus":
            if cse:
                addons["cse"] = None
            if mcse:
                addons["mcse"] = f"{mcse}"
        rows.append(Contract("Acme", "okta", program, start, end, region=region, addons=addons, time_zone="UTC"))
        start = end + timedelta(days=1)
    return history.with_runs(rows)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(term, min_size=1, max_size=5),
    st.lists(st.sampled_from(REGIONS), min_size=0, max_size=12),
    st.integers(min_value=0, max_value=2000),
)
def test_generated_histories(terms, contact_regions, offset) -> None:  # type: ignore[no-untyped-def]
    contracts = build(terms)
    contacts = [Contact("Acme", f"P{i}", f"p{i}@acme.test", region) for i, region in enumerate(contact_regions)]
    day = date(2023, 12, 1) + timedelta(days=offset)
    book = Book(contracts=contracts, contacts=contacts)
    overview = build_overview(book, CATALOG, day, findings=[])
    sheet = build_sheet(CATALOG, day, contracts, contacts, [])
    row = overview.customers.iloc[0]

    in_force = history.rows_in_force(contracts, day)
    assert [c.contract for c in sheet.in_force] == in_force
    assert all(limit.contract in in_force for limit in sheet.limits)  # only the term in force limits anyone
    assert bool(row["over_limit"]) == any(limit.over for limit in sheet.limits)
    assert row["Status"] == sheet.state.label
    if not in_force:
        assert not sheet.limits and not any(line.flag for line in sheet.contacts)
    for limit in sheet.limits:  # the region is the term's in force
        assert all(not rules.same_region(CATALOG, c.region, limit.contract.region) for c in limit.outside_region)

    for i, c in enumerate(contracts):
        dates = {k.role + k.addon: k for k in rules.key_dates(CATALOG, c, day)}
        for addon in rules.valid_addons(CATALOG, c):
            # mobilization runs from the first term of the unbroken run that held the add-on
            run = c
            for earlier in reversed(contracts[:i]):
                if addon in earlier.addons and history.follows(earlier, run):
                    run = earlier
                else:
                    break
            assert dates["addon_available" + addon].day == run.term_start + timedelta(days=90)  # type: ignore[operator]
        deadline = dates.get("action_deadline")
        renewal = i + 1 < len(contracts) and history.follows(c, contracts[i + 1])
        kept = renewal and set(c.addons) <= set(contracts[i + 1].addons)  # every add-on: one dropped needs the request
        if deadline is not None:
            assert (deadline.status is rules.DateStatus.RENEWED) == bool(kept)
            assert not (kept and deadline.status is rules.DateStatus.OVERDUE)
            if renewal and not kept and c.term_end is not None and deadline.day < day <= c.term_end:
                assert deadline.status is rules.DateStatus.OVERDUE  # a renewal dropping an add-on settles nothing
