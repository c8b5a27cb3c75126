"""The renewal brief's facts: a customer's term in review on one page (Qt-free).

Everything is read from the customer's CustomerSheet (terms, cases, contacts, key dates)
and from the upgrade evidence (explorer.app.upgrade), so the brief says what the tabs,
the report and the entitlement sheet say. explorer.outputs.renewal writes it as HTML;
explorer.gui.renewal_brief draws its chart and puts it on paper and in the Renewal tab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from explorer import history, rules
from explorer.app import periods, upgrade
from explorer.app.periods import Window
from explorer.app.session import Session
from explorer.app.sheet import ContractSheet, CustomerSheet, DateLine
from explorer.catalog import Catalog
from explorer.sla.engine import Outcome

CHART_MONTHS = 12  # the chart shows the term's latest months, at most this many
BREACHES_SHOWN = 6
NEXT_UP = "Next program up"  # the default comparison (upgrade.for_brief), in words
NEXT_DOWN = "Next program down"  # on the top program: what holding less would take away


@dataclass(frozen=True)
class Month:
    """First responses of the cases opened in one calendar month (UTC days) of the term."""

    start: date
    met: int
    breached: int
    open: int  # pending or at risk on the as-of day

    @property
    def decided(self) -> int:
        return self.met + self.breached

    @property
    def rate(self) -> float | None:
        return self.met / self.decided if self.decided else None

    @property
    def label(self) -> str:
        return f"{self.start:%b}"


@dataclass
class RenewalBrief:
    sheet: CustomerSheet
    window: Window  # this term, to the as-of day
    terms: list[ContractSheet]  # per product, the term in review
    included: list[list[str]]  # per term, the benefits it has that not every program of its product has
    months: list[Month]  # the term's months with cases, oldest first (at most CHART_MONTHS)
    by_priority: pd.DataFrame | None  # compliance by priority in the window; None without a case log
    breaches: pd.DataFrame  # P1 and P2 cases breached in the window, latest first
    dates_ahead: list[DateLine]  # the report's key dates still ahead (CustomerSheet.dates_ahead), soonest first
    changes: list[str]  # what changed since each product's previous term
    evidence: list[upgrade.Comparison]  # none against a program the book already holds ahead (booked)
    booked: list[str] = field(default_factory=list)  # per product, the next term the book holds: "Okta: next term ..."
    no_evidence: str = ""  # why no comparison is made, where none is
    elsewhere: str = ""  # cases dated in the term in UTC that another term judged (periods.elsewhere_words)
    not_renewing: list[str] = field(default_factory=list)  # per product whose renewal the book says was lost

    @property
    def target(self) -> float:
        return self.sheet.catalog.settings.compliance_target

    @property
    def default_choice(self) -> str:
        """The default comparison in words: *Next program down* where every term in review is on its product's top
        program (its own program decides, so a term not started yet, with no evidence to show, reads so too)."""
        return NEXT_DOWN if compares_down(self.sheet.catalog, self.terms) else NEXT_UP

    @property
    def months_note(self) -> str:
        if self.by_priority is None:  # said once, beside: 'No case log loaded.'
            return ""
        if not self.months:  # a case dated in the term in UTC but another's by the customer's day says why
            return " ".join(["No cases in the term.", *([self.elsewhere] if self.elsewhere else [])])
        return f"{self.months[0].start:%b %Y} – {self.months[-1].start:%b %Y}"


def months(cases: pd.DataFrame | None, limit: int = CHART_MONTHS) -> list[Month]:
    """Met, breached and open counts per calendar month of opening (UTC), oldest first, the latest ``limit``."""
    if cases is None or cases.empty:
        return []
    opened = pd.to_datetime(cases["opened"], utc=True)
    month = opened.dt.tz_localize(None).dt.to_period("M").dt.start_time
    outcome = cases["outcome"].astype(str)
    counted = outcome.isin([Outcome.MET.value, Outcome.BREACHED.value, Outcome.PENDING.value, Outcome.AT_RISK.value])
    flags = pd.DataFrame(
        {
            "met": outcome.eq(Outcome.MET.value),
            "breached": outcome.eq(Outcome.BREACHED.value),
            "open": outcome.isin([Outcome.PENDING.value, Outcome.AT_RISK.value]),
        }
    )[counted.to_numpy()]
    table = flags.groupby(month[counted.to_numpy()].to_numpy()).sum().sort_index()
    rows = [
        Month(pd.Timestamp(start).date(), int(met), int(breached), int(waiting))
        for start, met, breached, waiting in zip(table.index, table["met"], table["breached"], table["open"], strict=True)
    ]
    return rows[-limit:]


def compares_down(catalog: Catalog, terms: list[ContractSheet]) -> bool:
    """Whether the default comparison goes down: every term whose program the catalog knows is on the top of its
    product's programs, with one below (upgrade.for_brief: the next one up, else the next one down)."""
    ranked = [t.contract for t in terms if t.tier is not None]
    return bool(ranked) and all(upgrade.next_up(catalog, c) is None and upgrade.next_down(catalog, c) is not None for c in ranked)


def outside_region(sheet: CustomerSheet) -> list[str]:
    """Per line of ``sheet.contacts``, the region a named contact is outside of ("the MCSE's region (EMEA)"), ""
    for one inside: from the sheet's limits, as its contact lines' notes read them. A contact over a limit and
    outside the region is flagged "over" there, like every other named contact of that limit; this tells it apart
    (the brief stars it, the Named Contacts tab tones its row)."""
    outside: dict[int, str] = {}
    for limit in sheet.limits:
        for c in limit.outside_region:
            outside.setdefault(id(c), f"the {limit.addon.short}'s region ({limit.contract.region})")
    return [outside.get(id(line.contact), "") for line in sheet.contacts]


def not_booked(evidence: list[upgrade.Comparison]) -> tuple[list[upgrade.Comparison], list[str]]:
    """The comparisons that argue for something still to sell, and a line for each one the book has settled by
    booking that program ahead (Comparison.settled, which the report and whatif say too)."""
    return [c for c in evidence if not c.settled], [f"{c.product}: {c.settled}" for c in evidence if c.settled]


def why_no_evidence(sheet: CustomerSheet, terms: list[ContractSheet]) -> str:
    """Why a brief compares no program: the terms never ran (or run on no day), none has started, or the product
    has one program only."""
    if not terms:
        return "No term in the book to compare."
    if all(t.undated for t in terms):
        never_ran = all(t.never_ran for t in terms)
        return f"The term {'never ran' if never_ran else 'runs on no day'}, so there is nothing to compare."
    if all(t.status is history.Status.NOT_STARTED for t in terms):
        return "The term has not started, so there are no cases to compare."
    if all(len(upgrade.programs_by_rank(sheet.catalog, t.contract)) < 2 for t in terms):
        return "No other program of its products to compare with."
    return "No program recognised to compare with."


def in_review(sheet: CustomerSheet) -> list[ContractSheet]:
    """Per product, the term the brief reviews: the one shown on the as-of day (in force, else the last ended, else
    the next to start), but a product's last term that ended before the customer's term in review began (not
    renewed, it never ran into it) only where every term has ended: history.ended_in_review, the rule the report's
    Upgrade Evidence and whatif follow, and the window (``CustomerSheet.term_rows``) agrees. Its cases since it
    ended are said as a lapse."""
    began = upgrade.term_began([c.contract for c in sheet.contracts], sheet.as_of)
    return [p.shown for p in sheet.products() if not p.shown.ended or history.ended_in_review(p.shown.contract, began)]


def changes(sheet: CustomerSheet, terms: list[ContractSheet] | None = None) -> list[str]:
    """Per product, the term in review (``terms``: ``in_review``'s) against the term before it (from the contract's
    history)."""
    terms = in_review(sheet) if terms is None else terms
    out, first = [], []
    for product in sheet.products():
        review = product.shown
        if not any(review is t for t in terms):
            continue
        start = review.contract.term_start
        earlier = [
            t for t in product.terms if t is not review and t.contract.term_start and start and t.contract.term_start < start
        ]
        name = review.product
        if not earlier:
            initial = review.contract.initial_term_start
            # a renewal book gives only the current term, with the day the customer first bought it (domain.md §5)
            held = f"; held since {initial:%Y-%m-%d}, its initial term start" if initial and start and initial < start else ""
            first.append(f"{name} (from {start:%Y-%m-%d}{held})" if start else name)
            continue
        before = max(earlier, key=lambda t: t.contract.term_start or date.min)
        # a row that starts inside the one before replaces it mid-term (an upgrade, an add-on bought and co-termed):
        # no renewal
        mid_term = history.overlaps(before.contract, review.contract)
        # a term that starts a day or more after the one before ended is a new purchase, not a renewal (README
        # Renewals): history.follows decides the gap, as it does for the add-ons' mobilization and the deadlines
        ended = before.contract.runs_until
        lapse = not mid_term and ended is not None and not history.follows(before.contract, review.contract)
        again = ""
        if lapse and start and ended:
            days = (start - ended).days - 1
            again = (
                f" bought again on {start:%Y-%m-%d} after a lapse (previous term ended {ended:%Y-%m-%d}; "
                f"{days} day{'' if days == 1 else 's'} without a contract)"
            )
        parts = []
        if before.program != review.program:
            moved = ""
            if before.tier and review.tier:
                moved = " (upgrade)" if review.tier.rank > before.tier.rank else " (downgrade)"
            parts.append(
                f"{before.program} → {review.program}{moved}"
                + (f" on {start:%Y-%m-%d}, mid-term" if mid_term else f",{again}" if again else "")
            )
        elif mid_term:
            parts.append(f"{review.program} changed on {start:%Y-%m-%d}, mid-term")
        else:
            parts.append(f"{review.program}{again}" if again else f"{review.program} renewed")
        parts += _addon_changes(before, review)
        if again:
            parts += _mobilized_again(before, review)
        if before.named_limit != review.named_limit:
            parts.append(f"named-contact limit {before.named_limit or 'none'} → {review.named_limit or 'none'}")
        if before.contract.region != review.contract.region and review.contract.region:
            parts.append(f"region {before.contract.region or 'blank'} → {review.contract.region}")
        old_span = (
            f"{before.contract.term_start:%Y-%m-%d} – {before.contract.term_end:%Y-%m-%d}" if before.contract.term_end else ""
        )
        tail = "" if again else f" ({'the row it replaces' if mid_term else 'previous term'} {old_span})"
        out.append(f"{name}: {'; '.join(parts)}{tail}.")
    if first:
        out.append(f"First term in the book: {', '.join(first)}; nothing earlier to compare with.")
    return out


def _addon_changes(before: ContractSheet, review: ContractSheet) -> list[str]:
    """Add-ons added, dropped, or kept with another option ("MCSE 50% → 100%"), told apart by the add-on's id: a
    change of option keeps the add-on (its deadline reads Renewed, no new mobilization), so it is no drop."""
    old = {a.held.addon.id: a for a in before.addons}
    new = {a.held.addon.id: a for a in review.addons}
    out = [f"add-on added: {new[i].said}" for i in new if i not in old]  # one that is an error says so (no limit)
    out += [f"add-on dropped: {old[i].label}" for i in old if i not in new]
    for i in (i for i in new if i in old and old[i].held.option != new[i].held.option):
        was, now = _told_apart(_option(old[i].held), _option(new[i].held))
        held = new[i].held.addon
        out.append(f"{held.short or held.name} {was or 'none'} → {now or 'none'}")
    return out


def _mobilized_again(before: ContractSheet, review: ContractSheet) -> list[str]:
    """The add-ons a term bought again after a lapse keeps from the term before that start a new mobilization with it
    (their run begins on the new term's start: history.with_runs), as the report's "available" dates say."""
    start, since = review.contract.term_start, review.contract.addon_since
    held = {a.held.addon.id for a in before.addons if a.valid}
    again = [
        a for a in review.addons if a.valid and a.held.addon.id in held and start and since.get(a.held.addon.id, start) >= start
    ]
    if not again:
        return []
    names = " and ".join(a.held.addon.short or a.held.addon.name for a in again)
    days = {a.available for a in again}
    if len(days) == 1 and (day := next(iter(days))) is not None:
        return [f"{names} mobilized again (available {day:%Y-%m-%d})"]
    return [f"{names} mobilized again"]


def _option(held: rules.HeldAddOn) -> str:
    return held.option.label if held.option else ""


def _told_apart(one: str, other: str) -> tuple[str, str]:
    """Two options' labels without the words they share at either end: "50% Dedicated MCSE", "100% Dedicated
    MCSE" -> "50%", "100%"."""
    a, b = one.split(), other.split()
    while len(a) > 1 and len(b) > 1 and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    while len(a) > 1 and len(b) > 1 and a[0] == b[0]:
        a, b = a[1:], b[1:]
    return " ".join(a), " ".join(b)


def beyond_the_basics(catalog: Catalog, term: ContractSheet) -> list[str]:
    """The term's included benefits that some program of its product lacks (what sets the program apart)."""
    others = [rules.benefits(catalog, term.contract.on_program(p.id)) for p in upgrade.programs_by_rank(catalog, term.contract)]
    everyone = {b.label for b in term.benefits if all(any(o.label == b.label and o.included for o in lines) for lines in others)}
    return [b.label + (f" ({b.detail})" if b.detail else "") for b in term.benefits if b.included and b.label not in everyone]


def build_brief(sheet: CustomerSheet, evidence: list[upgrade.Comparison]) -> RenewalBrief:
    terms = in_review(sheet)
    # no argument about a product's term out of review (ended before the term, not renewed); one whose next term is
    # booked says so, as the report's Upgrade Evidence and whatif do (the Booked line gives that term)
    evidence = [c for c in evidence if c.settled or any(c.term is t.contract for t in terms)]
    window = sheet.window(periods.TERM)  # a customer whose first term is still ahead: "The term starting ..."
    cases = window.cases(sheet.cases) if sheet.cases is not None else None
    if cases is not None:
        late = cases[cases["outcome"].astype(str).eq(Outcome.BREACHED.value) & cases["priority"].isin([1, 2]).to_numpy()]
        breaches = late.sort_values("opened", ascending=False)
    else:
        breaches = pd.DataFrame()
    kept, settled = not_booked(evidence)
    ahead = [f"{p.shown.product}: {p.booked_text}" for p in sheet.products() if p.booked_text]
    return RenewalBrief(
        sheet,
        window,
        terms,
        [beyond_the_basics(sheet.catalog, t) for t in terms],
        months(cases),
        sheet.compliance(periods.TERM),
        breaches,
        sheet.dates_ahead,  # the report's Key Dates rows still ahead, soonest first
        changes(sheet, terms),
        kept,
        ahead,
        " ".join(settled) or ("" if kept else why_no_evidence(sheet, terms)),
        periods.elsewhere_words(window, sheet.cases, "the term's dates") if sheet.cases is not None else "",
        [f"{p.shown.product}: {p.not_renewing}" for p in sheet.products() if p.not_renewing],
    )


def brief_for(session: Session, key: str, program: str | None = None, sheet: CustomerSheet | None = None) -> RenewalBrief | None:
    """One customer's brief (by customer key), its evidence against ``program`` (by name) or the next program up;
    None for an unknown key. The evidence is judged at the session's as-of moment (the one clock's). ``sheet`` is the
    customer's sheet where the caller has it already (the app's customer pane)."""
    sheet = sheet if sheet is not None and sheet.key == key else session.sheet(key)
    if sheet is None:
        return None
    rows = session.overview.contracts_by_key.get(key)
    evidence = upgrade.for_brief(session.book, session.catalog, session.as_of, session.moment, key, program, rows, session.sla)
    return build_brief(sheet, evidence)


def program_choices(session: Session, key: str) -> list[str]:
    """The program names a customer's terms could be compared with (their products' programs), lowest first: of its
    terms in review as the brief has them (not a product that ended before the term, history.ended_in_review)."""
    names: list[str] = []
    for i in upgrade.terms_in_review(session.book.contracts, session.as_of, [key], session.overview.contracts_by_key.get(key)):
        names += [p.name for p in upgrade.programs_by_rank(session.catalog, session.book.contracts[i])]
    return list(dict.fromkeys(names))
