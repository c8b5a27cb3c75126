"""The support terms applied to one contract: benefits, targets, limits, key dates.

Every answer reads the catalog; no rule here names a tier. No Qt, no I/O.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from explorer.catalog import AddOn, AddOnOption, Calendar, Catalog, Decision, KeyDateRule, Program
from explorer.model import Contact, Contract, Finding, Severity, customer_key


class DateStatus(enum.Enum):
    PAST = "Past"
    DUE_SOON = "Due soon"
    UPCOMING = "Upcoming"
    OVERDUE = "Overdue"  # an action deadline that passed while its term still runs
    DONE = "Done"  # an action deadline the user marked done
    RENEWED = "Renewed"  # an action deadline settled: the next term keeps the add-on
    NOT_RENEWING = "Not renewing"  # an action deadline settled: the book says the renewal was lost (Contract.renewal_lost)
    SUPERSEDED = "Superseded"  # a date still ahead on a row an overlapping upgrade replaced: nothing to do on it


ACTION_DEADLINE = "action_deadline"  # the catalog role of a date that asks someone to act
DoneKey = tuple[str, str, date | None, str]  # customer key, product, term start, key-date rule id


@dataclass(frozen=True)
class BenefitLine:
    label: str
    group: str
    included: bool
    detail: str = ""  # what exactly is included, where the catalog says more than yes
    assumption: str = ""  # the calendar and decision behind it, where the catalog has one


@dataclass(frozen=True)
class TargetLine:
    priority: int
    minutes: int
    calendar: Calendar
    description: str  # what the priority means for this product

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class KeyDate:
    event: str
    day: date
    status: DateStatus
    note: str = ""
    role: str = "event"  # what the date is for (catalog.ROLES); views read this, not the event's name
    addon: str = ""  # the add-on id of an addon_available date
    id: str = ""  # the catalog rule's stable id
    key: DoneKey | None = None  # stable across loads: what a done mark is kept under (see done_key)
    marked: date | None = None  # when the user marked it done (status DONE), where known
    covers: tuple[str, ...] = ()  # the add-on ids an action deadline asks to keep (own_ends: each its own day)

    @property
    def status_text(self) -> str:
        if self.status is DateStatus.DONE and self.marked is not None:
            return f"Done (marked {self.marked:%Y-%m-%d})"
        return self.status.value

    @property
    def is_action(self) -> bool:
        return self.role == ACTION_DEADLINE


@dataclass(frozen=True)
class HeldAddOn:
    """An add-on a contract carries, with the option bought where the add-on has options."""

    addon: AddOn
    option: AddOnOption | None

    @property
    def label(self) -> str:
        if self.option is None:
            return self.addon.name
        if self.option.named_contacts:
            return f"{self.option.label} ({self.option.named_contacts} named contacts)"
        return self.option.label


@dataclass(frozen=True)
class ContactLimit:
    """One add-on's named-contact limit on one contract, checked against the customer's contacts."""

    contract: Contract
    addon: AddOn
    option: AddOnOption
    named: tuple[Contact, ...]  # the named contacts that count against it
    outside_region: tuple[Contact, ...]  # named contacts outside the contract's region (regional add-ons)
    unplaced: tuple[Contact, ...] = ()  # named contacts giving no region, so not checked against it (regional add-ons)

    @property
    def limit(self) -> int:
        return self.option.named_contacts

    @property
    def count(self) -> int:
        return len(self.named)

    @property
    def over(self) -> bool:
        return self.count > self.limit


def product_name(catalog: Catalog, contract: Contract) -> str:
    """The catalog's name for the contract's product, or the book's own text where it matched none."""
    return catalog.products[contract.product].name if contract.product else contract.product_text


def program_of(catalog: Catalog, contract: Contract) -> Program | None:
    return catalog.programs.get(contract.program) if contract.program else None


def benefits(catalog: Catalog, contract: Contract) -> list[BenefitLine]:
    """Every benefit the product family offers, marked included or not for this program."""
    program = program_of(catalog, contract)
    if program is None or contract.product is None:
        return []
    key = ("benefits", contract.product, program.id)  # the same for every contract of the pair: made once
    if key not in catalog.memo:
        family = catalog.products[contract.product].programs
        offered = {b for pid in family for b in catalog.programs[pid].benefits}
        lines = []
        for bid, benefit in catalog.benefits.items():
            if bid not in offered:
                continue
            value = program.benefits.get(bid, False)
            included = value is not False
            assumption = support_hours_assumption(catalog, program) if benefit.describes == "support_hours" else ""
            lines.append(BenefitLine(benefit.label, benefit.group, included, value if isinstance(value, str) else "", assumption))
        catalog.memo[key] = tuple(lines)
    return list(catalog.memo[key])


def support_hours(catalog: Catalog, program: Program) -> str:
    """The program's own words for its hours ("24x7", "Business hours"), else its calendar's label."""
    said = next((program.benefits.get(b.id) for b in catalog.benefits.values() if b.describes == "support_hours"), None)
    return said if isinstance(said, str) else catalog.calendars[program.support_hours].label


def support_hours_assumption(catalog: Catalog, program: Program) -> str:
    """The support-hours calendar in words, with the decision behind it."""
    calendar = catalog.calendars[program.support_hours]
    note = catalog.decisions.get(calendar.decision or "")
    return calendar.describe() + (f"\n\n{note.title}: {note.text}" if note else "")


def targets(catalog: Catalog, contract: Contract) -> list[TargetLine]:
    program = program_of(catalog, contract)
    if program is None or contract.product is None:
        return []
    descriptions = catalog.products[contract.product].priority_descriptions
    return [
        TargetLine(t.priority, t.minutes, catalog.calendars[t.calendar], descriptions.get(t.priority, ""))
        for t in sorted(program.targets.values(), key=lambda t: t.priority)
    ]


def addons_of(contract: Contract) -> list[str]:
    return list(contract.addons)


def held_addons(catalog: Catalog, contract: Contract) -> list[HeldAddOn]:
    """The contract's add-ons with their options, in catalog order."""
    out = []
    for addon_id, option_id in contract.addons.items():
        addon = catalog.addons.get(addon_id)
        if addon is not None:
            out.append(HeldAddOn(addon, addon.options.get(option_id) if option_id else None))
    order = list(catalog.addons)
    return sorted(out, key=lambda h: order.index(h.addon.id))


def valid_addons(catalog: Catalog, contract: Contract) -> list[str]:
    """The add-ons the contract may carry; one that is itself an error gets no derived dates or limits."""
    return [a for a in addons_of(contract) if catalog.addon_allowed(a, contract.product, contract.program)]


def _limiting(catalog: Catalog, contract: Contract) -> list[HeldAddOn]:
    """The valid held add-ons whose option sets a named-contact limit."""
    valid = valid_addons(catalog, contract)
    return [h for h in held_addons(catalog, contract) if h.addon.id in valid and h.option is not None and h.addon.limits_contacts]


def named_contact_limit(catalog: Catalog, contract: Contract) -> int | None:
    """How many named contacts the contract's valid add-ons allow in all; None where none sets a limit."""
    limits = [check.option.named_contacts for check in _limiting(catalog, contract) if check.option is not None]
    return sum(limits) if limits else None


def term_days(contract: Contract) -> int | None:
    """Days of the term, both ends counted."""
    if contract.term_start is None or contract.term_end is None or contract.term_end < contract.term_start:
        return None
    return (contract.term_end - contract.term_start).days + 1


def held_days(catalog: Catalog, contract: Contract) -> int | None:
    """Days of the term an add-on is held, both ends counted: from the first valid add-on's start (an add-on line
    bought mid-term starts on its own day, Contract.addon_starts) to the term end; None with no add-on or term."""
    days, valid = term_days(contract), valid_addons(catalog, contract)
    if days is None or not valid or contract.term_start is None or contract.term_end is None:
        return None
    first = min(contract.addon_starts.get(a, contract.term_start) for a in valid)
    return days if first <= contract.term_start else max((contract.term_end - first).days + 1, 0)


def administrative_days(catalog: Catalog, contract: Contract) -> Decimal | None:
    """Pro-rated Administrative Days to one decimal, for contracts with an add-on: over the add-on's subscription
    term within the row's (domain.md §5, "the pro-rated number of days for the applicable subscription term"), so a
    CSE bought mid-term on a line of its own counts from its own start (held_days)."""
    days = held_days(catalog, contract)
    if days is None:
        return None
    exact = Decimal(str(catalog.admin_days_per_year)) * days / 365
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def whole_days(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def date_status(day: date, as_of: date, due_soon_days: int) -> DateStatus:
    if day < as_of:
        return DateStatus.PAST
    if day <= as_of + timedelta(days=due_soon_days):
        return DateStatus.DUE_SOON
    return DateStatus.UPCOMING


def _applies(rule: KeyDateRule, contract: Contract, held: list[str]) -> bool:
    """Whether the key-date rule applies to the contract, which holds the valid add-ons ``held``."""
    if rule.applies_all:
        return True
    if rule.programs and contract.program in rule.programs:
        return True
    return rule.addon == "any" and bool(held) or rule.addon in held


def done_key(contract: Contract, rule_id: str) -> DoneKey:
    """Names one key date of one contract row, the same in every load of the book (done marks are kept by it):
    (customer key, product, term start, the key-date rule's id), as the workspace's DateKey."""
    customer, product = contract.key
    return (customer, product, contract.term_start, rule_id)


def _run_start(contract: Contract, addon: str | None) -> date | None:
    """Where the contract's history says the add-on's unbroken run began (history.with_runs)."""
    if addon == "any":
        return min(contract.addon_since.values(), default=None)
    return contract.addon_since.get(addon) if addon else None


def initial_start_valid(contract: Contract) -> bool:
    """False where the row's Initial Term Start was refused or is later than its term start: it derives nothing."""
    if contract.initial_rejected:
        return False
    given, start = contract.initial_term_start, contract.term_start
    return not (given and start and given > start)


def renewal_settles(held: Sequence[str], contract: Contract) -> bool:
    """The renewal-request deadline is settled by the book (domain.md §8): a next term keeps every add-on ``held``
    (the term's valid add-ons). One the renewal drops still needs the request, so the deadline is not."""
    return bool(held) and set(held) <= contract.renewed_addons


def dropped_at_renewal(held: Sequence[str], contract: Contract) -> list[str]:
    """The add-ons ``held`` that the book's next term does not hold (none where the book holds no next term). An
    add-on whose own line runs on past the term (Contract.addon_until) is not dropped there: its Order Form still runs."""
    if not contract.renewed:
        return []
    return [a for a in held if a not in contract.renewed_addons and a not in contract.addon_until]


def own_ends(held: Sequence[str], contract: Contract) -> list[tuple[date | None, list[str]]]:
    """The add-ons ``held`` grouped by the last day of their Order Form, the term's end first: an add-on line running
    past the term it is folded onto (Contract.addon_until) ends on its own day, and its renewal request counts from
    that (domain.md §5: 45 days before the Order Form end date)."""
    if not held:
        return [(contract.term_end, [])]  # a rule that applies to the term without an add-on
    ends: dict[date | None, list[str]] = {}
    for a in held:
        ends.setdefault(contract.addon_until.get(a, contract.term_end), []).append(a)
    return sorted(ends.items(), key=lambda e: (e[0] != contract.term_end, e[0] or date.min))


NOT_RENEWED = "not renewed: the next term does not hold it"  # an add-on the book's renewal drops


def dropped_text(catalog: Catalog, dropped: Sequence[str]) -> str:
    """'Not renewed: the next term does not hold the MCSE.', the deadline's note on why a renewal leaves it open."""
    names = " or the ".join(catalog.addons[a].short if a in catalog.addons else a for a in dropped)
    return f"Not renewed: the next term does not hold the {names}."


def action_status(
    day: date,
    as_of: date,
    term_end: date | None,
    due_soon_days: int,
    done: bool,
    renewed: bool = False,
    lost: bool = False,
) -> DateStatus:
    """An action deadline: Done once the user marked it (on every as-of day: the mark is the user's knowledge,
    not the book's), Renewed where the next term keeps every add-on (renewal_settles), Not renewing where the
    book says the renewal was lost and holds no next term (there is nothing to ask to keep), Overdue from the day
    after it until the term ends, otherwise as a plain date."""
    if done:
        return DateStatus.DONE
    if renewed:
        return DateStatus.RENEWED
    if lost:
        return DateStatus.NOT_RENEWING
    running = term_end is None or as_of <= term_end
    if day < as_of and running:
        return DateStatus.OVERDUE
    return date_status(day, as_of, due_soon_days)


def key_dates(
    catalog: Catalog,
    contract: Contract,
    as_of: date,
    due_soon_days: int | None = None,
    done: Mapping[DoneKey, date | None] | None = None,
    superseded: bool = False,
) -> list[KeyDate]:
    """The contract's key dates with their status against ``as_of``, in date order.

    ``done`` maps done_key of an action deadline marked done to the day it was marked (None: not recorded).
    ``superseded``: the row is replaced on ``as_of`` by an overlapping later-starting one (history.statuses), so
    what is still ahead or overdue on it is Superseded, not due (its term end is no renewal to prepare).
    """
    window = catalog.settings.due_soon_days if due_soon_days is None else due_soon_days
    if contract.never_ran:
        return []  # the book's status says it never ran: nothing to schedule (a warning says so)
    anchors = {
        "term_start": contract.term_start,
        "term_end": contract.term_end,
        "initial_term_start": contract.initial_term_start or contract.term_start,
    }
    held = valid_addons(catalog, contract)  # once, not once per rule
    out = []
    for rule in catalog.key_dates:
        anchor = anchors[rule.anchor]
        if rule.anchor == "initial_term_start":
            if not initial_start_valid(contract):
                continue  # a refused Initial Term Start derives nothing (the add-on says "unknown (see Findings)")
            anchor = _run_start(contract, rule.addon) or anchor  # a renewal keeps its add-on's first start
        if anchor is None or not _applies(rule, contract, held):
            continue
        if contract.mid_term and rule.anchor == "term_start" and rule.role != "term_start":
            continue  # the same program changed mid-term (an add-on co-termed): no new term, so no new kickoff
        if rule.role != ACTION_DEADLINE:
            day = anchor + timedelta(days=rule.offset_days)
            if contract.ended_on is not None and day > contract.ended_on:
                continue  # after the day the book's status says the term ended early: it will not come
            addon = rule.addon if rule.role == "addon_available" and rule.addon else ""
            status = date_status(day, as_of, window)
            if superseded and status in (DateStatus.DUE_SOON, DateStatus.UPCOMING, DateStatus.OVERDUE):
                status = DateStatus.SUPERSEDED
            out.append(KeyDate(rule.event, day, status, rule.note, rule.role, addon, rule.id, done_key(contract, rule.id)))
            continue
        covered = held if rule.addon == "any" else [a for a in held if a == rule.addon]
        ends = own_ends(covered, contract) if rule.anchor == "term_end" else [(anchor, covered)]
        for end, group in ends:
            # one deadline keeps the rule's id (and its done-mark); beside the term's own, a line's names its add-ons
            rule_id = rule.id if len(ends) == 1 or end == contract.term_end else f"{rule.id}:{'+'.join(group)}"
            out.extend(_deadline(catalog, rule, rule_id, contract, end or anchor, group, as_of, window, done, superseded))
    if contract.ended_early and (ended := contract.ended_on) is not None and contract.term_end is not None:
        # the day the book's status ended the term: the real last day, in every list of dates, the calendar too
        status = date_status(ended, as_of, window)
        note = f"The book's status ended the term; it was contracted to {contract.term_end.isoformat()}."
        out.append(KeyDate(ENDED_EARLY, ended, status, note, "event", "", "ended_early", done_key(contract, "ended_early")))
    return sorted(out, key=lambda k: k.day)


ENDED_EARLY = "Term ended early"


def _deadline(
    catalog: Catalog,
    rule: KeyDateRule,
    rule_id: str,
    contract: Contract,
    anchor: date,
    covered: list[str],
    as_of: date,
    window: int,
    done: Mapping[DoneKey, date | None] | None,
    superseded: bool,
) -> list[KeyDate]:
    """An action deadline of the contract for the add-ons ``covered`` ([] for a rule that applies to the term
    without one), counted from ``anchor``: the term's end, or the own end of an add-on line running past the term
    (own_ends), which runs on its own and is done under ``rule_id``."""
    own = rule.anchor == "term_end" and anchor != contract.term_end
    day = anchor + timedelta(days=rule.offset_days)
    if contract.ended_on is not None and day > contract.ended_on:
        return []  # after the day the book's status says the term ended early: it will not come
    key = done_key(contract, rule_id)
    settled = renewal_settles(covered, contract)
    lost = contract.not_renewing  # the book's next term, where it holds one, wins
    # Overdue from the day after it while the Order Form runs: the term, or the add-on line running past it
    runs = anchor if own and contract.ended_on is None else contract.runs_until
    status = action_status(day, as_of, runs, window, key in (done or {}), settled, lost)
    note = rule.note
    if own:
        names = " and the ".join(catalog.addons[a].short if a in catalog.addons else a for a in covered)
        note = f"{note} The {names}'s own Order Form ends {anchor:%Y-%m-%d}, after the term.".strip()
    if dropped := dropped_at_renewal(covered, contract):
        note = f"{note} {dropped_text(catalog, dropped)}".strip()
    elif lost:
        note = f"Not renewing: {contract.renewal_lost} says the renewal was lost, so there is no add-on to ask to keep."
    if superseded and status in (DateStatus.DUE_SOON, DateStatus.UPCOMING, DateStatus.OVERDUE):
        status = DateStatus.SUPERSEDED
    marked = (done or {}).get(key) if status is DateStatus.DONE else None
    return [KeyDate(rule.event, day, status, note, rule.role, "", rule_id, key, marked, tuple(covered))]


def repeated_mobilizations(rows: Sequence[tuple[Contract, KeyDate]]) -> set[int]:
    """Positions in ``rows`` of add-on availability dates another row repeats: the renewals of a run that keeps an
    add-on share its one mobilization (domain.md §5), shown once, on the earliest-starting row of the run."""
    first: dict[tuple[tuple[str, str], str, date], tuple[date, int]] = {}
    for i, (contract, k) in enumerate(rows):
        if k.role == "addon_available":
            key, start = (contract.key, k.addon, k.day), contract.term_start or date.min
            if key not in first or start < first[key][0]:
                first[key] = (start, i)
    kept = {i for _, i in first.values()}
    return {i for i, (_, k) in enumerate(rows) if k.role == "addon_available" and i not in kept}


def decisions_for(catalog: Catalog, contract: Contract) -> list[Decision]:
    """The assumptions behind this contract's answers, to show beside them."""
    ids: list[str] = []
    program = program_of(catalog, contract)
    if program is not None:
        for target in program.targets.values():
            ids.append(catalog.calendars[target.calendar].decision or "")
    if contract.product:
        product = catalog.products[contract.product]
        ids.append(product.decision or "")
        if not contract.program_text.strip():
            ids.append(product.default_program_decision or "")
    if valid_addons(catalog, contract):
        ids.append(catalog.admin_days_decision or "")
    seen = dict.fromkeys(i for i in ids if i)
    return [catalog.decisions[i] for i in seen if i in catalog.decisions]


def contract_findings(catalog: Catalog, contract: Contract) -> list[Finding]:
    """Problems with one contract on its own terms (dates, add-ons)."""
    out = []

    def finding(severity: Severity, column: str, message: str) -> None:
        out.append(Finding(severity, message, contract.source, column, contract.customer, contract.product or ""))

    if contract.term_start and contract.term_end and contract.term_end < contract.term_start:
        finding(
            Severity.ERROR,
            contract.end_column or "Term End",
            f"The term ends ({contract.term_end:%Y-%m-%d}) before it starts ({contract.term_start:%Y-%m-%d}).",
        )
    if (odd := _odd_term(contract)) is not None:
        finding(Severity.WARNING, odd[0], odd[1])
    if contract.initial_term_start and contract.term_start and contract.initial_term_start > contract.term_start:
        finding(
            Severity.ERROR,
            contract.initial_column or "Initial Term Start",
            f"The initial term start ({contract.initial_term_start:%Y-%m-%d}) is later than the term start "
            f"({contract.term_start:%Y-%m-%d}); the initial term cannot begin after this one.",
        )
    program = program_of(catalog, contract)
    for addon_id in addons_of(contract):
        if program is not None and not catalog.addon_allowed(addon_id, contract.product, contract.program):
            addon = catalog.addons[addon_id]
            product = product_name(catalog, contract)
            finding(
                Severity.ERROR,
                contract.addon_columns.get(addon_id, addon.short),  # the column it was read from
                f"{addon.name} is only sold with {' or '.join(catalog.addon_sold_with(addon_id))}, "
                f"but this contract is {product} {program.name}.",
            )
    return out


EARLIEST_TERM_YEAR = 2000  # a term starting earlier is most likely a date read the wrong way
LONGEST_TERM_YEARS = 10  # longer than any Order Form term: most likely a mistyped or misread year


def _odd_term(contract: Contract) -> tuple[str, str] | None:
    """(column, message) for a term whose dates are valid but unlikely: a start before 2000 or a term over ten
    years, the marks of a two-digit year read the wrong way (26/03/01) or a mistyped year."""
    start, end = contract.term_start, contract.term_end
    check = "check its dates (a short date such as 26/03/01 or a mistyped year reads as another year)"
    if start is not None and start.year < EARLIEST_TERM_YEAR:
        return "Term Start", f"The term starts on {start:%Y-%m-%d}, before {EARLIEST_TERM_YEAR}: {check}."
    if start is not None and end is not None and end > _years_later(start, LONGEST_TERM_YEARS):
        years = (end - start).days // 365
        return contract.end_column or "Term End", f"The term runs {years} years ({start:%Y-%m-%d} to {end:%Y-%m-%d}): {check}."
    return None


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def same_region(catalog: Catalog, a: str, b: str) -> bool:
    """Regions match by the catalog's synonyms (Americas = AMER), else case-insensitively."""
    return catalog.region_for(a).casefold() == catalog.region_for(b).casefold()


def _named_for(contract: Contract, contacts: Iterable[Contact]) -> list[Contact]:
    key = customer_key(contract.customer)
    return [
        c
        for c in contacts
        if c.named and customer_key(c.customer) == key and (c.product is None or c.product == contract.product)
    ]


def contact_limits(catalog: Catalog, contract: Contract, contacts: Iterable[Contact]) -> list[ContactLimit]:
    """Each held add-on option that limits named contacts, with who counts and who is out of region."""
    named: list[Contact] | None = None
    out = []
    for held in _limiting(catalog, contract):
        assert held.option is not None
        named = _named_for(contract, contacts) if named is None else named
        region = contract.region.strip()
        outside = [
            c for c in named if held.addon.regional and region and c.region.strip() and not same_region(catalog, c.region, region)
        ]
        unplaced = [c for c in named if held.addon.regional and region and not c.region.strip()]
        out.append(ContactLimit(contract, held.addon, held.option, tuple(named), tuple(outside), tuple(unplaced)))
    return out


def contact_findings(catalog: Catalog, contract: Contract, contacts: Iterable[Contact]) -> list[Finding]:
    """Named contacts over an add-on's limit, or outside a regional add-on's region."""
    out = []
    for check in contact_limits(catalog, contract, contacts):
        short = check.addon.short
        column = contract.addon_columns.get(check.addon.id, short)  # the column it was read from (an Add-ons list)
        if check.over:
            out.append(
                Finding(
                    Severity.WARNING,
                    f"{check.count} named contacts, but {check.option.label} allows {check.limit}.",
                    contract.source,
                    column,
                    contract.customer,
                    contract.product or "",
                )
            )
        if check.unplaced:  # not checked, and said: a contact listed in the contract's own row, say, carries no region
            unplaced, region = [c.name for c in check.unplaced], contract.region.strip()
            shown = ", ".join(unplaced[:3]) + (f" and {len(unplaced) - 3} more" if len(unplaced) > 3 else "")
            one = len(unplaced) == 1
            out.append(
                Finding(
                    Severity.INFO,
                    f"{len(unplaced)} named contact{'' if one else 's'} {'gives' if one else 'give'} no region ({shown}), "
                    f"so whether {'it is' if one else 'they are'} in the {short}'s region {region} is not checked.",
                    contract.source,
                    column,
                    contract.customer,
                    contract.product or "",
                )
            )
        for c in check.outside_region:
            out.append(
                Finding(
                    Severity.WARNING,
                    f"Named contact {c.name} is in {c.region}, outside the {short}'s region "
                    f"{contract.region}; {check.addon.name} serves its own region.",
                    replace(c.source, column=""),  # the row's Region cell, not the cell that listed the contact
                    "Region",
                    contract.customer,
                    contract.product or "",
                )
            )
    return out


def named_contact_count(contract: Contract, contacts: Iterable[Contact]) -> int:
    return len(_named_for(contract, contacts))


def highest_program(catalog: Catalog, contracts: Iterable[Contract]) -> Program | None:
    programs = [catalog.programs[c.program] for c in contracts if c.program]
    return max(programs, key=lambda p: p.rank, default=None)
