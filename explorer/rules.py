"""The support terms applied to one contract: benefits, targets, limits, key dates.

Every answer reads the catalog; no rule here names a tier. No Qt, no I/O.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from explorer.catalog import Calendar, Catalog, Decision, KeyDateRule, Program
from explorer.model import Contact, Contract, Finding, Severity, customer_key


class DateStatus(enum.Enum):
    PAST = "Past"
    DUE_SOON = "Due soon"
    UPCOMING = "Upcoming"


@dataclass(frozen=True)
class BenefitLine:
    label: str
    group: str
    included: bool
    detail: str = ""  # what exactly is included, where the catalog says more than yes


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
    family = catalog.products[contract.product].programs
    offered = {b for pid in family for b in catalog.programs[pid].benefits}
    lines = []
    for bid, benefit in catalog.benefits.items():
        if bid not in offered:
            continue
        value = program.benefits.get(bid, False)
        included = value is not False
        lines.append(BenefitLine(benefit.label, benefit.group, included, value if isinstance(value, str) else ""))
    return lines


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
    return (["cse"] if contract.cse else []) + (["mcse"] if contract.mcse else [])


def valid_addons(catalog: Catalog, contract: Contract) -> list[str]:
    """The add-ons the contract may carry; one that is itself an error gets no derived dates or limits."""
    return [a for a in addons_of(contract) if catalog.addon_allowed(a, contract.product, contract.program)]


def named_contact_limit(catalog: Catalog, contract: Contract) -> int | None:
    """The MCSE option's named-contact limit; None where the contract has no (valid) MCSE."""
    if not contract.mcse or "mcse" not in valid_addons(catalog, contract):
        return None
    option = catalog.addons["mcse"].options.get(contract.mcse)
    return option.named_contacts if option else None


def term_days(contract: Contract) -> int | None:
    """Days of the term, both ends counted."""
    if contract.term_start is None or contract.term_end is None or contract.term_end < contract.term_start:
        return None
    return (contract.term_end - contract.term_start).days + 1


def administrative_days(catalog: Catalog, contract: Contract) -> Decimal | None:
    """Pro-rated Administrative Days to one decimal, for contracts with an add-on."""
    days = term_days(contract)
    if days is None or not valid_addons(catalog, contract):
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


def _applies(catalog: Catalog, rule: KeyDateRule, contract: Contract) -> bool:
    if rule.applies_all:
        return True
    if rule.programs and contract.program in rule.programs:
        return True
    held = valid_addons(catalog, contract)
    return rule.addon == "any" and bool(held) or rule.addon in held


def key_dates(catalog: Catalog, contract: Contract, as_of: date, due_soon_days: int | None = None) -> list[KeyDate]:
    """The contract's key dates with their status against ``as_of``, in date order."""
    window = catalog.settings.due_soon_days if due_soon_days is None else due_soon_days
    anchors = {
        "term_start": contract.term_start,
        "term_end": contract.term_end,
        "initial_term_start": contract.initial_term_start or contract.term_start,
    }
    out = []
    for rule in catalog.key_dates:
        anchor = anchors[rule.anchor]
        if anchor is None or not _applies(catalog, rule, contract):
            continue
        day = anchor + timedelta(days=rule.offset_days)
        out.append(KeyDate(rule.event, day, date_status(day, as_of, window), rule.note))
    return sorted(out, key=lambda k: k.day)


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
        finding(Severity.ERROR, "Term End",
                f"The term ends ({contract.term_end:%Y-%m-%d}) before it starts ({contract.term_start:%Y-%m-%d}).")
    if contract.initial_term_start and contract.term_start and contract.initial_term_start > contract.term_start:
        finding(Severity.ERROR, "Initial Term Start",
                f"The initial term start ({contract.initial_term_start:%Y-%m-%d}) is later than the term start "
                f"({contract.term_start:%Y-%m-%d}); the initial term cannot begin after this one.")
    program = program_of(catalog, contract)
    for addon_id in addons_of(contract):
        if program is not None and not catalog.addon_allowed(addon_id, contract.product, contract.program):
            addon = catalog.addons[addon_id]
            product = product_name(catalog, contract)
            finding(Severity.ERROR, addon.short,
                    f"{addon.name} is only sold with {' or '.join(catalog.addon_sold_with(addon_id))}, "
                    f"but this contract is {product} {program.name}.")
    return out


def contact_findings(catalog: Catalog, contract: Contract, contacts: Iterable[Contact]) -> list[Finding]:
    """Named contacts over the MCSE limit, or outside the MCSE's region."""
    limit = named_contact_limit(catalog, contract)
    if limit is None:
        return []
    key = customer_key(contract.customer)
    named = [c for c in contacts if c.named and customer_key(c.customer) == key
             and (c.product is None or c.product == contract.product)]
    out = []
    option = catalog.addons["mcse"].options[contract.mcse or ""]
    if len(named) > limit:
        out.append(Finding(Severity.WARNING,
                           f"{len(named)} named contacts, but {option.label} allows {limit}.",
                           contract.source, "MCSE", contract.customer, contract.product or ""))
    if catalog.addons["mcse"].regional and contract.region.strip():
        region = catalog.region_for(contract.region).casefold()
        for c in named:
            if c.region.strip() and catalog.region_for(c.region).casefold() != region:
                out.append(Finding(Severity.WARNING,
                                   f"Named contact {c.name} is in {c.region}, outside the MCSE's region "
                                   f"{contract.region}; Mission Critical Support serves its own region.",
                                   c.source, "Region", contract.customer, contract.product or ""))
    return out


def named_contact_count(contract: Contract, contacts: Iterable[Contact]) -> int:
    key = customer_key(contract.customer)
    return sum(1 for c in contacts if c.named and customer_key(c.customer) == key
               and (c.product is None or c.product == contract.product))


def highest_program(catalog: Catalog, contracts: Iterable[Contract]) -> Program | None:
    programs = [catalog.programs[c.program] for c in contracts if c.program]
    return max(programs, key=lambda p: p.rank, default=None)
