"""Everything about one customer on the as-of day, from the rules and the SLA result (Qt-free).

Every per-customer view reads a CustomerSheet: the app's tabs, the report, the
one-pager and the calendar export (explorer.app.book_sheets builds a whole book's).
None of them calls the rules again, so what each shows cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from explorer import history, rules
from explorer.app.periods import Period, Window
from explorer.app.workspace import DateKey, DateMark
from explorer.catalog import Calendar, Catalog, Decision, Program, fold
from explorer.importing.kept import OWNER
from explorer.model import Contact, Contract, Finding, Severity, customer_key
from explorer.sla.compliance import compliance, within
from explorer.sla.engine import COUNTED, SlaResult
from explorer.sla.subdivisions import calendar_label

if TYPE_CHECKING:
    from explorer.app.session import Session

Done = Mapping[rules.DoneKey, date | None]  # key dates marked done (Workspace.done_marks)
Marks = Mapping[DateKey, DateMark]  # the user's done-marks and notes (Workspace.marks)


@dataclass(frozen=True)
class AddOnLine:
    held: rules.HeldAddOn
    available: date | None  # end of its mobilization (an addon_available key date), if the catalog has one
    as_of: date | None = None  # the day it is read on: "available from" turns "available since"
    unknown: bool = False  # the Initial Term Start it hangs on was refused: nothing is derived from it
    renewal: str = ""  # "renewed" where the book's next term keeps it, rules.NOT_RENEWED where that term drops it
    invalid: str = ""  # where the add-on is itself a contract error: "Not valid on Okta Premier (see Findings)"

    @property
    def valid(self) -> bool:
        """The contract may carry it (rules.valid_addons): only a valid add-on has dates, a limit or a renewal."""
        return not self.invalid

    def held_text(self, running: bool = True) -> str:
        """Whether the customer holds it, as the Benefits tab and the brief say it: "✓ Purchased", "Purchased (not in
        force)" for a term not in force, and for one that is a contract error, that error and no purchase."""
        if self.invalid:
            return f"✗ {self.invalid}"
        return "✓ Purchased" if running else "Purchased (not in force)"

    def renewal_text(self, deadline: DateLine | None) -> str:
        """Its "Renewal request by" cell: the deadline's day and status, where the add-on's own renewal says more
        (the deadline stays open for one the next term drops, while another one is renewed)."""
        if deadline is None:
            return ""
        said = deadline.status[:1].lower() + deadline.status[1:]
        if self.renewal == rules.NOT_RENEWED:
            said = f"{said}; {self.renewal}"
        elif self.renewal and deadline.date.status not in (rules.DateStatus.DONE, rules.DateStatus.SUPERSEDED):
            said = self.renewal
        return f"{deadline.date.day:%Y-%m-%d}, {said}"

    @property
    def label(self) -> str:
        """Its name with the option bought and, for a valid one, the named contacts it allows ("50% Dedicated MCSE
        (5 named contacts)"); one that is a contract error allows none, so its label gives no number."""
        if self.invalid:
            return self.held.option.label if self.held.option is not None else self.held.addon.name
        return self.held.label

    @property
    def said(self) -> str:
        """Its label, and for one that is a contract error that error: a list of add-ons (the brief's Add-ons
        column) never shows it as held like the others."""
        return self.after(self.label)

    def after(self, text: str) -> str:
        """``text`` (its label, the report's "Yes" or option), with the error after it where it is one."""
        return f"{text} — {self.invalid[:1].lower()}{self.invalid[1:]}" if self.invalid else text

    @property
    def available_text(self) -> str:
        """The day its mobilization ends, as a table cell: "unknown (see Findings)" where it hangs on a refused
        Initial Term Start, blank where the add-on has none."""
        if self.unknown:
            return UNKNOWN[:1].lower() + UNKNOWN[1:]
        return f"{self.available:%Y-%m-%d}" if self.available else ""

    @property
    def detail(self) -> str:
        if self.invalid:
            return "No dates or named-contact limit: an add-on the contract cannot carry is a contract error."
        if self.unknown:
            return "Available: unknown (see Findings: the Initial Term Start was refused)"
        if self.available is None:
            return ""
        if self.as_of is not None and self.available <= self.as_of:
            return f"Available since {self.available:%Y-%m-%d}"
        return f"Available from {self.available:%Y-%m-%d}; until then: {self.held.addon.during_mobilization}"


DRAFT = "DRAFT — not to be sent"  # a printed page for a customer whose contracts have errors (CustomerSheet.draft)
TIER_UNKNOWN = "The tier is not known, so its benefits cannot be shown; see Findings."  # a term with no benefits
UNKNOWN = "Unknown (see Findings)"  # a key date that hangs on a refused Initial Term Start (domain.md §5)


@dataclass(frozen=True)
class UnknownDate:
    """A key date the book's refused Initial Term Start would give: listed beside the dated ones, never guessed."""

    contract: Contract
    product: str
    event: str  # the catalog's name for it ("CSE available")
    status: str = UNKNOWN
    note: str = "The Initial Term Start was refused, so the end of the mobilization cannot be worked out; correct the book."


@dataclass(frozen=True)
class DateLine:
    """A key date with its status on the as-of day and the user's mark on it."""

    contract: Contract
    product: str
    date: rules.KeyDate
    key: DateKey
    mark: DateMark

    @property
    def status(self) -> str:
        return self.date.status_text

    @property
    def note(self) -> str:
        """The date's note as every view shows it: the rule's, then the user's own from the workspace (the calendar
        gives it on its own line)."""
        own = self.mark.note.strip()
        return f"{self.date.note} Your note: {own}".strip() if own else self.date.note

    @property
    def overdue(self) -> bool:
        """An action deadline passed while its term runs (one marked done is not)."""
        return self.date.status is rules.DateStatus.OVERDUE

    @property
    def due_soon(self) -> bool:
        return self.date.status is rules.DateStatus.DUE_SOON

    @property
    def superseded(self) -> bool:
        """A date still ahead on a row an overlapping upgrade replaced (history.statuses): nothing to do on it."""
        return self.date.status is rules.DateStatus.SUPERSEDED

    @property
    def settled(self) -> bool:
        """Nothing left to do: marked done by the user, renewed by the next term in the book, its renewal lost, or on
        a superseded row."""
        return self.date.status in SETTLED

    @property
    def can_mark(self) -> bool:
        """An action deadline the user may tick done (or clear): one the book itself settles (renewed, not renewing,
        superseded) asks nothing, so it offers no Done box."""
        return self.date.is_action and (self.mark.done or not self.settled)


@dataclass(frozen=True)
class TargetRow:
    product: str
    program: str
    target: rules.TargetLine
    assumption: str  # the clock in words, with the decision behind it


SETTLED = (rules.DateStatus.DONE, rules.DateStatus.RENEWED, rules.DateStatus.NOT_RENEWING, rules.DateStatus.SUPERSEDED)


class ZoneBasis(enum.Enum):
    """How the book says the zone a term's clock runs in: business hours and Auth0's weekdays open and close in it."""

    GIVEN = "given"  # a time zone of its own (or its customer's, from an accounts sheet)
    PLACE = "place"  # none: the main zone of its country or state
    DEFAULT = "default"  # none, nor a country or state: the catalog's default (UTC)


def zone_basis(contract: Contract) -> ZoneBasis:
    if not contract.zone_unsaid:
        return ZoneBasis.GIVEN
    return ZoneBasis.PLACE if contract.country else ZoneBasis.DEFAULT


@dataclass(frozen=True)
class ContractSheet:
    """One row of the customer's book: a term of one product."""

    contract: Contract
    product: str  # the catalog's name, or the book's text where it matched none; "?" where the book has none
    program: str  # the program's name, or the book's text where it matched none; "no tier" where the book has none
    title: str  # "Okta — Premier Plus (2026-01-15 to 2027-01-14)"
    status: history.Status  # in force, ended, not started, superseded or dates invalid on the as-of day
    benefits: list[rules.BenefitLine]
    assumptions: list[Decision]
    addons: list[AddOnLine]
    administrative_days: Decimal | None
    limits: list[rules.ContactLimit]
    targets: list[TargetRow]
    dates: list[DateLine]
    unknown: list[UnknownDate]  # key dates a refused Initial Term Start leaves unknown
    extra: dict[str, str]  # the book's own columns, as written
    tier: Program | None  # the catalog's program, None where the book's text matched none
    support_hours: str  # the program's hours in its own words ("24x7"); blank without a program
    holiday_calendar: str  # whose public holidays the contract keeps: "New South Wales, Australia (AU-NSW)"
    named_count: int  # the customer's named contacts that count for this product (limited or not)

    @property
    def in_force(self) -> bool:
        return self.status is history.Status.IN_FORCE

    @property
    def zone_basis(self) -> ZoneBasis:
        return zone_basis(self.contract)

    @property
    def zone_note(self) -> str:
        """Where the term's clock runs and how the book says so, in the account team's words (the sheet words it for
        the customer from the same zone_basis)."""
        c, basis = self.contract, self.zone_basis
        region = f"; region {c.region}" if c.region else ""
        if basis is ZoneBasis.GIVEN:
            return f"{c.time_zone}: the book's time zone{region}"
        if basis is ZoneBasis.PLACE:
            place = "-".join(p for p in (c.country, c.subdivision) if p)
            return f"{c.time_zone}: the main zone of {place} (the book gives no time zone){region}"
        return f"{c.time_zone}: the default (the book gives no time zone, country or state){region}"

    @property
    def ended(self) -> bool:
        return self.status is history.Status.ENDED

    @property
    def undated(self) -> bool:
        """It runs on no day: its dates are invalid or missing, or the book says it never ran (a finding says why)."""
        return self.status in history.UNDATED

    @property
    def never_ran(self) -> bool:
        """The book's status says the term never ran (Lost, Void...)."""
        return self.status is history.Status.NEVER_RAN

    @property
    def on_the_day(self) -> str:
        """Whether its targets and benefits apply on the as-of day, with the day that says why: "In force",
        "Ended 2026-06-30", "Starts 2027-01-01"; a term that runs on no day says its status."""
        if self.in_force:
            return self.status.value
        if self.ended and self.ends:
            return f"Ended {self.ends:%Y-%m-%d}"
        if self.status is history.Status.NOT_STARTED and self.contract.term_start:
            return f"Starts {self.contract.term_start:%Y-%m-%d}"
        return self.status.value

    def clocks(self, short: bool = False) -> str:
        """The clocks its targets run on, each with its priorities where there are several ("P1: 24x7x365; P2–P4:
        24 hours a day, Monday-Friday...", or by their short labels "P1 24x7x365; P2–P4 Mon–Fri 24h local"); "" with
        no targets. The entitlement sheet and the report's Hours cell say it."""
        return _clocks_said(self.targets, short)

    @property
    def holidays(self) -> str:
        """Whose public holidays pause its clocks, as the report's Public Holidays cell says it: the calendar's
        label ("Japan (JP)") where every target's clock closes on holidays (the catalog's calendar observes them),
        "– (24x7: holidays do not pause the clock)" where none does, and where a program mixes clocks, the label
        for the priorities whose clock closes and the others' clocks said apart. Without targets (no program
        matched) the book's calendar as it stands."""
        closing = [t for t in self.targets if keeps_holidays(t.target.calendar)]
        open_ = [t for t in self.targets if not keeps_holidays(t.target.calendar)]
        if not open_:
            return self.holiday_calendar
        clocks = _clocks_said(open_, short=True, priorities=bool(closing))
        which = "the clock" if len({t.target.calendar.id for t in open_}) == 1 else "these clocks"
        said = f"{clocks}: holidays do not pause {which}"
        if not closing:
            return f"– ({said})"
        return f"{self.holiday_calendar} for {_clocks_said(closing, short=True, priorities=True)}; {said}"

    @property
    def ends(self) -> date | None:
        """The end every view prints: the last day the term runs (its end, or the day the book's status ended it
        early), or for a term that never ran its contracted end, as the report and the brief show it (not the day
        before its start that model.Contract.runs_until gives it to run on no day)."""
        return self.contract.term_end if self.contract.never_ran else self.contract.runs_until

    @property
    def ended_early(self) -> bool:
        """The book's status ended the term before its contracted end (Terminated with a date)."""
        return self.contract.ended_early

    @property
    def status_text(self) -> str:
        """The status as the views write it: 'Ended 2026-06-30' where the term ended early, its date being news."""
        if self.ended and self.ended_early and self.ends is not None:
            return f"{self.status.value} {self.ends:%Y-%m-%d}"
        return self.status.value

    @property
    def product_name(self) -> str:
        """As the book's tables write it: the catalog's name or the book's text, blank where the book has none."""
        return self.product if self.contract.product or self.contract.product_text else ""

    @property
    def program_name(self) -> str:
        """The program's name or the book's text, blank where the book has none."""
        return self.tier.name if self.tier else self.contract.program_text

    @property
    def named_limit(self) -> int | None:
        """How many named contacts the valid add-ons allow in all; None where none sets a limit."""
        return sum(limit.limit for limit in self.limits) if self.limits else None

    def addon(self, addon_id: str) -> AddOnLine | None:
        """The add-on held, with its option, by catalog id; None where the contract does not carry it."""
        return next((a for a in self.addons if a.held.addon.id == addon_id), None)


@dataclass(frozen=True)
class ProductTerms:
    """One product's history: the term to show on the as-of day, and every term as one line."""

    shown: ContractSheet  # in force, else the last one ended, else the next one to start
    terms: list[ContractSheet]  # every row of the product, in the book's order
    line: str  # "Premier from 2026-07-01; Basic 2025-07-01 – 2026-06-30"

    @property
    def booked(self) -> ContractSheet | None:
        """The next term the book holds after the one shown (a renewal or an upgrade signed, not yet started), the
        soonest; None where the shown term is itself the next to start, or none is booked."""
        if self.shown.status is history.Status.NOT_STARTED:
            return None
        ahead = [t for t in self.terms if t.status is history.Status.NOT_STARTED and t.contract.term_start]
        return min(ahead, key=lambda t: t.contract.term_start or date.max, default=None)

    @property
    def not_renewing(self) -> str:
        """ "Renewal Status 'Lost' says the renewal was lost" where the book says so of the term shown and holds no
        next term (the next row, where it holds one, is read: history.lost_but_renewed warns); blank otherwise."""
        contract = self.shown.contract
        return f"{contract.renewal_lost} says the renewal was lost" if contract.not_renewing else ""

    @property
    def booked_text(self) -> str:
        """'next term from 2027-01-01: Premier (to 2027-12-31)', as the customer list says it; blank where none."""
        t = self.booked
        if t is None or t.contract.term_start is None:
            return ""
        until = f" (to {t.contract.term_end:%Y-%m-%d})" if t.contract.term_end else ""
        return f"next term from {t.contract.term_start:%Y-%m-%d}: {t.program}{until}"


def keeps_holidays(calendar: Calendar) -> bool:
    """The catalog's calendar closes on the customer's public holidays (business hours), where 24x7 and Auth0's
    weekday clock do not: the one test the clock's words, the report's Public Holidays cell and its Summary use."""
    return calendar.holidays == "country"


def _clocks_said(targets: Iterable[TargetRow], short: bool, priorities: bool = False) -> str:
    """Targets' clocks, each with its priorities where there are several clocks (or ``priorities`` asks)."""
    by_label: dict[str, list[int]] = {}
    for t in targets:
        calendar = t.target.calendar
        by_label.setdefault(calendar.short_label if short else calendar.label, []).append(t.target.priority)
    if len(by_label) <= 1 and not priorities:
        return next(iter(by_label), "")
    mark = " " if short else ": "
    return "; ".join(f"{priorities_text(ps)}{mark}{label}" for label, ps in by_label.items())


def priorities_text(priorities: Iterable[int]) -> str:
    """ "P1", "P2–P4" for a run, "P1, P3" otherwise: how a clock's priorities are said."""
    ps = sorted(set(priorities))
    if len(ps) > 2 and ps == list(range(ps[0], ps[-1] + 1)):
        return f"P{ps[0]}–P{ps[-1]}"
    return ", ".join(f"P{p}" for p in ps)


@dataclass(frozen=True)
class ContactLine:
    contact: Contact
    note: str  # why it is flagged, "" when it is not
    flag: str  # "over" (over an add-on's limit), "region" (outside a regional add-on's region) or ""


@dataclass(frozen=True)
class Lapse:
    """Cases opened after a product's last term ended, none of its terms running or ahead (CustomerSheet.lapses)."""

    ended: date
    cases: int
    customer: str  # as the book writes it on the row that ended
    product: str = ""  # the catalog's name; blank for the cases of no product of a customer whose terms all ended
    named: bool = False  # the customer holds several products: the product is said

    @property
    def _of(self) -> str:
        return f"{self.product} " if self.named and self.product else ""

    @property
    def text(self) -> str:
        return (
            f"{self.cases} {self._of}case{'s' if self.cases != 1 else ''} opened since the last {self._of}term ended "
            f"on {self.ended:%Y-%m-%d}"
        )

    @property
    def to_do(self) -> str:
        product = f" to {self.product}" if self.named and self.product else ""
        return f"confirm the renewal or tell support the customer is no longer entitled{product}"


@dataclass(frozen=True)
class EarlyCases:
    """Cases judged under a term that has not started on the as-of day (CustomerSheet.judged_before_start): each
    opened on the term's first day in its zone, a day the as-of day (UTC) has not reached, east of UTC. A case is
    judged by its local opening day (domain.md §8) and the term's status by the as-of day: both rules stand, and the
    views that count the case beside "Starts 2026-11-17" say why."""

    cases: int
    starts: date
    zone: str
    zone_said: bool  # the book gives the zone (contract.zone_unsaid is False): it is the customer's own

    @property
    def text(self) -> str:
        whose = "the customer's time zone" if self.zone_said else "the contract's time zone"
        n = self.cases
        return (
            f"{n} case{'s' if n != 1 else ''} opened on {self.starts:%Y-%m-%d} in {whose} ({self.zone}) "
            f"{'is' if n == 1 else 'are'} judged under the term that starts then."
        )


@dataclass
class CustomerSheet:
    key: str
    name: str
    as_of: date
    contracts: list[ContractSheet]  # every row, in the book's order
    contacts: list[ContactLine]
    findings: list[Finding]  # worst first
    catalog: Catalog = field(repr=False)
    sla: SlaResult | None = field(default=None, repr=False)  # None without a case log
    case_rows: np.ndarray | None = field(default=None, repr=False)  # this customer's rows of sla.cases

    # The case rows and their holidays are taken on first use: a whole-book output (the report) builds
    # every customer's sheet and reads the cases of only a few.
    @cached_property
    def cases(self) -> pd.DataFrame | None:
        """The SLA result's rows for this customer; None without a case log."""
        if self.sla is None:
            return None
        return self.sla.cases.iloc[self.case_rows] if self.case_rows is not None else self.sla.cases.iloc[0:0]

    @cached_property
    def lapses(self) -> list[Lapse]:
        """Per product whose last term ended before the as-of day with none of its terms running or ahead, the cases
        of that product opened since, which no term judged; and, once every term has ended, the cases naming no
        product of the customer opened since the last end. The report's Actions and the renewal brief say them:
        an Okta not renewed beside an Auth0 still in force is a lapse too, not only a warning per case."""
        if self.sla is None or self.case_rows is None:
            return []
        by_product: dict[str, list[ContractSheet]] = {}
        for row in self.by_product():
            by_product.setdefault(row.product.casefold(), []).append(row)
        ended: dict[str, tuple[date, ContractSheet]] = {}  # each product lapsed: its last end and that row
        for product, rows in by_product.items():
            last = max((r.contract.runs_until for r in rows if r.contract.runs_until), default=None)
            ahead = any(r.status in (history.Status.IN_FORCE, history.Status.NOT_STARTED) for r in rows)
            if last is not None and not ahead and last < self.as_of:
                ended[product] = last, next(r for r in rows if r.contract.runs_until == last)
        if not ended:  # the usual customer: no case is looked at (the report asks every customer of the book)
            return []
        cases, at = self.sla.cases, self.case_rows
        # judged by no term (a case late on the term's last local day is the term's, whatever its UTC day); the
        # customer's rows only, never the whole log's column per customer (a casefold of 200,000 products: minutes)
        unjudged = cases["contract"].to_numpy()[at] < 0
        products = self.sla.products_folded[at]
        opened = self.sla.opened_days[at]
        named = len(by_product) > 1
        out: list[Lapse] = []
        for product, (last, row) in ended.items():
            if count := int((unjudged & (products == product) & within(opened, last)).sum()):
                out.append(Lapse(last, count, row.contract.customer.strip(), row.product, named))
        if len(ended) == len(by_product):  # every term ended: the cases naming none of its products too
            end = max(last for last, _ in ended.values())
            other = ~np.isin(products, list(by_product))
            if count := int((unjudged & other & within(opened, end)).sum()):
                if not named and out:  # one product: its lapse, one line
                    return [dataclasses.replace(out[0], cases=out[0].cases + count)]
                first = self.by_product()[0]
                out.append(Lapse(end, count, first.contract.customer.strip(), "" if named else first.product))
        return out

    @property
    def errors(self) -> list[str]:
        """The customer's error findings, each once: an entitlement sheet or renewal brief with any is a DRAFT that
        names them (``draft``), and `explorer sheet` and `explorer brief` exit 1."""
        return list(dict.fromkeys(f.message for f in self.findings if f.severity is Severity.ERROR))

    @property
    def draft(self) -> str:
        """The DRAFT line every printed page for the customer opens with where its contracts have errors; blank
        where none."""
        wrong = self.errors
        return f"{DRAFT}: the contract book has errors for this customer: {' '.join(wrong)}" if wrong else ""

    def row_errors(self, contract: Contract) -> list[str]:
        """The error findings about ``contract``'s row, each once: its dates may be wrong, so every output that
        shows them says "check the book" (the calendar, the entitlement sheet, the report's Key Dates)."""
        source = contract.source
        found = self._errors_by_row.get((source.file, source.sheet, source.row), [])
        # a row listing several products is a contract each: an error naming another product is not this one's
        return list(dict.fromkeys(m for p, m in found if not p or not contract.product or p == contract.product))

    @cached_property
    def _errors_by_row(self) -> dict[tuple[str, str, int | None], list[tuple[str, str]]]:
        out: dict[tuple[str, str, int | None], list[tuple[str, str]]] = {}
        for f in self.findings:
            if f.severity is Severity.ERROR and f.source.file:
                for row in (f.source.row, *f.rows):  # a finding said once for many rows is each row's
                    out.setdefault((f.source.file, f.source.sheet, row), []).append((f.product, f.message))
        return out

    @cached_property
    def holidays_skipped(self) -> list[str]:
        """Per row of cases, the holidays its clock skipped: "Boxing Day (observed), New South Wales"."""
        if self.sla is None or self.cases is None:
            return []
        return ["; ".join(c.describe() for c in skipped) for skipped in self.sla.holidays_skipped(self.cases, self.catalog)]

    @cached_property
    def in_force(self) -> list[ContractSheet]:
        """Per product, the term in force on the as-of day (history.rows_in_force: the one definition)."""
        rows = history.rows_in_force([c.contract for c in self.contracts], self.as_of)
        return [c for c in self.contracts if any(c.contract is row for row in rows)]

    @property
    def state(self) -> history.CustomerState:
        return history.customer_state([c.contract for c in self.contracts], self.as_of)

    @property
    def limits(self) -> list[rules.ContactLimit]:
        """Named-contact limits of the terms in force on the as-of day: only they limit anyone, and only their
        MCSE region counts. An ended customer has none."""
        return [limit for c in self.in_force for limit in c.limits]

    @property
    def dates(self) -> list[DateLine]:
        """Every key date of every contract, soonest first; a mobilization renewals share, once; a date two rows
        of a product give alike, once (``_once``)."""
        return self.dates_of(self.contracts)

    @property
    def all_dates(self) -> list[DateLine]:
        """``dates`` with the superseded twins ``_once`` leaves out: the calendar cancels the events it held."""
        return self.dates_of(self.contracts, twins=True)

    def dates_of(self, rows: list[ContractSheet], twins: bool = False) -> list[DateLine]:
        """The key dates of ``rows``, soonest first; a mobilization they share, once."""
        every = [d for c in rows for d in c.dates]
        repeated = rules.repeated_mobilizations([(d.contract, d.date) for d in every])
        lines = sorted((d for i, d in enumerate(every) if i not in repeated), key=lambda d: d.date.day)
        return lines if twins else _once(lines)

    @property
    def dates_ahead(self) -> list[DateLine]:
        """The key dates from the as-of day on, with the overdue ones: the report's Key Dates rows still to come
        (a next term's included), which the brief lists."""
        return [d for d in self.dates if d.date.day >= self.as_of or d.overdue]

    @cached_property
    def cut_dates(self) -> list[DateLine]:
        """The key dates a term's early end leaves out (the book's status: ended on a day, or never ran): an export
        made before the book said so holds them, so the calendar writes them as cancelled."""
        out = []
        for c in self.contracts:
            contract = c.contract
            if contract.ended_on is None:
                continue
            kept = {d.date.id for d in c.dates}
            whole = rules.key_dates(self.catalog, dataclasses.replace(contract, ended_on=None), self.as_of)
            product = rules.product_name(self.catalog, contract) or "?"
            out += [DateLine(contract, product, k, DateKey.of(contract, k.id), DateMark()) for k in whole if k.id not in kept]
        return out

    @property
    def unknown_dates(self) -> list[UnknownDate]:
        """The key dates a refused Initial Term Start leaves unknown, once per product and event."""
        seen: dict[tuple[tuple[str, str], str], UnknownDate] = {}
        for c in self.contracts:
            for u in c.unknown:
                seen.setdefault((u.contract.key, u.event), u)
        return list(seen.values())

    def target_terms(self) -> list[ContractSheet]:
        """Per product, the term whose first-response targets the views list: the one shown on the as-of day (in
        force, else the last ended, else the next to start), each view saying which it is (``on_the_day``); not every
        renewal's copy of the same targets."""
        return [p.shown for p in self.products() if p.shown.targets]

    def products(self) -> list[ProductTerms]:
        """Per product (in the book's order), its term on the as-of day and its history."""
        groups: dict[tuple[str, str], list[ContractSheet]] = {}
        for c in self.contracts:
            groups.setdefault(c.contract.key, []).append(c)
        out = []
        for rows in groups.values():
            shown = history.current([r.contract for r in rows], self.as_of)
            sheet = next(r for r in rows if r.contract is shown)
            out.append(ProductTerms(sheet, rows, history.history_line(self.catalog, [r.contract for r in rows], self.as_of)))
        return out

    def by_product(self) -> list[ContractSheet]:
        """Its rows by product name, then term start (the book's order among equals): the report's order."""
        return sorted(self.contracts, key=lambda c: (c.product_name.casefold(), c.contract.term_start or date.min))

    def product_of(self, contract: Contract) -> str:
        return next((c.product for c in self.contracts if c.contract is contract), "")

    @property
    def owner(self) -> str:
        """Who looks after the account: the first of the catalog's owner columns (settings.owner_columns) the
        book fills for this customer, from the terms in force first; blank where the book has none."""
        rank = {fold(c): i for i, c in enumerate(self.catalog.settings.owner_columns)}
        rows = self.in_force + [c for c in self.contracts if not c.in_force]
        filled = [
            (rank[OWNER.spelling(k, self.catalog) or ""], r, v.strip())
            for r, row in enumerate(rows)
            for k, v in OWNER.named(row.extra, self.catalog)
            if v.strip()
        ]
        return min(filled)[2] if filled else ""

    @cached_property  # a sheet's rows and as-of day never change; every window asks it, several times
    def term_rows(self) -> list[Contract]:
        """The customer's term for "this term" windows (explorer.app.periods): the rows in force (those with a
        start), the rows a mid-term change of theirs continues, and another product's last term that ran into them;
        for a customer whose terms have all ended, each product's last one."""
        running = [c.contract for c in self.in_force if c.contract.term_start]
        ended = [c.contract for c in self.contracts if c.status is history.Status.ENDED and c.contract.runs_until]
        last: dict[str, Contract] = {}  # each product's last term ended
        for c in sorted(ended, key=lambda c: c.runs_until or date.min):
            last[c.product or ""] = c
        if not running:  # every term has ended: each product's last (a customer of two products, one ended earlier)
            return list(last.values())
        # with the rows a row changed mid-term continues (an add-on co-termed): the term began with them; and another
        # product's last term that ran into this one (not renewed): its cases are this term's, as the brief lists it
        start = min(c.term_start for c in running if c.term_start)
        products = {c.product for c in running}
        gone = [c for p, c in last.items() if p not in products and history.ended_in_review(c, start)]
        return running + [c.contract for c in self.contracts if _continued(c.contract, running)] + gone

    @property
    def term_span(self) -> tuple[date | None, date | None]:
        """From the earliest start to the latest end of ``term_rows``."""
        starts = [c.term_start for c in self.term_rows if c.term_start]
        ends = [c.runs_until for c in self.term_rows if c.runs_until]  # a term the book's status ended early: then
        return min(starts, default=None), max(ends, default=None)

    def window(self, period: Period) -> Window:
        """``period`` on the as-of day, "this term" being the customer's (``term_span``), covering the cases its
        rows judged; for a customer with no term in force or ended, its first booked term's span, which
        explorer.app.periods names "The term starting 2027-01-01 (not started)" (holding no cases) in every view,
        not "This term (no term in force)"."""
        judged = self.sla.judged_under(self.term_rows) if self.sla is not None else None
        span = self.term_span if self.term_rows else self._booked_span()
        return period.window(self.as_of, span, judged, self._product_spans() if period.needs_term else None)

    def _booked_span(self) -> tuple[date | None, date | None]:
        """From the first start to the latest end of the terms not started on the as-of day; (None, None) where the
        book holds none with a start."""
        ahead = [c.contract for c in self.contracts if c.status is history.Status.NOT_STARTED and c.contract.term_start]
        starts = [c.term_start for c in ahead if c.term_start]
        return min(starts, default=None), max((c.runs_until for c in ahead if c.runs_until), default=None)

    def _product_spans(self) -> dict[str, tuple[date, date]]:
        """Each product's part of ``term_rows``: from its earliest start to its latest end, cut at the as-of day."""
        spans: dict[str, tuple[date, date]] = {}
        for c in self.term_rows:
            if c.term_start is None or c.runs_until is None:
                continue
            name = rules.product_name(self.catalog, c)
            start, end = spans.get(name, (c.term_start, c.runs_until))
            spans[name] = (min(start, c.term_start), max(end, c.runs_until))
        return {name: (start, min(end, self.as_of)) for name, (start, end) in spans.items()}

    def judged_before_start(self, periods: Iterable[Period | None] = (None,)) -> list[EarlyCases]:
        """Per term not started on the as-of day, the counted cases it judged among those opened in any of
        ``periods`` (every case for None): the cases a compliance table counts while the term's targets "do not
        apply on this day". Empty without a case log, or where no such case is counted."""
        if self.sla is None or self.cases is None:
            return []
        ahead = [c for c in self.contracts if c.status is history.Status.NOT_STARTED and c.contract.term_start]
        if not ahead:  # the usual customer: no case is looked at
            return []
        cases = self.cases[self.cases["outcome"].isin([o.value for o in COUNTED])]
        shown = {i for p in periods for i in (cases.index if p is None else self.window(p).cases(cases).index)}
        judged = cases.loc[cases.index.isin(list(shown)), "contract"].to_numpy()
        out = []
        for c in ahead:
            count = int(np.isin(judged, list(self.sla.judged_under([c.contract]))).sum())
            if count and c.contract.term_start is not None:
                out.append(EarlyCases(count, c.contract.term_start, c.contract.time_zone, not c.contract.zone_unsaid))
        return out

    def compliance(self, period: Period | None = None) -> pd.DataFrame | None:
        """Compliance by priority for the customer's cases opened in ``period`` (every case when None);
        None without a case log."""
        if self.cases is None:
            return None
        return compliance(self.cases if period is None else self.window(period).cases(self.cases), ["priority"])


def _once(lines: list[DateLine]) -> list[DateLine]:
    """A date two rows of one product give alike (an upgrade mid-term ends with the term it replaces: "Term end
    2026-12-31" on both), once: the row still running's, not the superseded twin's. A deadline on two rows that
    both run stays twice: each holds its own done-mark."""
    groups: dict[tuple[object, str, date], list[DateLine]] = {}
    for d in lines:
        groups.setdefault((d.contract.key, d.date.event, d.date.day), []).append(d)
    dropped: set[int] = set()
    for twins in groups.values():
        if len(twins) < 2:
            continue
        running = [d for d in twins if not d.superseded]
        keep = running if running and twins[0].date.is_action else (running or twins)[:1]
        dropped |= {id(d) for d in twins} - {id(d) for d in keep}
    return [d for d in lines if id(d) not in dropped]


def _continued(row: Contract, running: list[Contract]) -> bool:
    """``row`` is a term that a running row changed mid-term (as history.with_runs marks that row)."""
    return any(r.mid_term and r.key == row.key and history.changes_mid_term(row, r) for r in running)


def contract_sheet(
    catalog: Catalog,
    contract: Contract,
    contacts: list[Contact],
    as_of: date,
    done: Done | None = None,
    marks: Marks | None = None,
    status: history.Status | None = None,
) -> ContractSheet:
    """One row of the book judged on ``as_of``; ``done`` and ``marks`` are the user's (Workspace.done_marks, .marks);
    ``status`` the row's among its customer's rows (history.statuses), else its own."""
    product = rules.product_name(catalog, contract) or "?"
    program = rules.program_of(catalog, contract)
    program_name = program.name if program else contract.program_text or "no tier"
    term = (
        f" ({contract.term_start:%Y-%m-%d} to {contract.term_end:%Y-%m-%d})" if contract.term_start and contract.term_end else ""
    )
    key_dates = rules.key_dates(catalog, contract, as_of, done=done, superseded=status is history.Status.SUPERSEDED)
    available = {k.addon: k.day for k in key_dates if k.role == "addon_available"}
    dates = []
    for k in key_dates:
        key = DateKey.of(contract, k.id)
        mark = marks.get(key, DateMark()) if marks else DateMark()
        if mark.done and not k.is_action:  # only a deadline is done (a hand-edited workspace may mark any date): its note stays
            mark = dataclasses.replace(mark, done=False, marked=None)
        dates.append(DateLine(contract, product, k, key, mark))
    valid = rules.valid_addons(catalog, contract)
    dropped = rules.dropped_at_renewal(valid, contract)
    invalid = f"Not valid on {product} {program_name} (see Findings)"  # domain.md §7: an error, nothing derived from it
    addons = [
        AddOnLine(
            h,
            available.get(h.addon.id),
            as_of,
            _mobilizes(catalog, h) and not rules.initial_start_valid(contract),
            rules.NOT_RENEWED if h.addon.id in dropped else "renewed" if h.addon.id in contract.renewed_addons else "",
        )
        if h.addon.id in valid
        else AddOnLine(h, None, as_of, invalid=invalid)
        for h in rules.held_addons(catalog, contract)
    ]
    unknown = [
        UnknownDate(contract, product, rule.event)
        for a in addons
        if a.unknown
        for rule in catalog.key_dates
        if rule.role == "addon_available" and rule.addon == a.held.addon.id
    ]
    targets = []
    holiday_calendar = calendar_label(contract.country, contract.subdivision)
    holidays = f"\n\nPublic holidays: {holiday_calendar}"
    for t in rules.targets(catalog, contract):
        note = catalog.decisions.get(t.calendar.decision or "")
        targets.append(
            TargetRow(
                product,
                program_name,
                t,
                t.calendar.describe()
                + (holidays if keeps_holidays(t.calendar) else "")
                + (f"\n\n{note.title}: {note.text}" if note else ""),
            )
        )
    return ContractSheet(
        contract,
        product,
        program_name,
        f"{product} — {program_name}{term}",
        status or history.status(contract, as_of),
        rules.benefits(catalog, contract),
        rules.decisions_for(catalog, contract),
        addons,
        rules.administrative_days(catalog, contract),
        rules.contact_limits(catalog, contract, contacts),
        targets,
        dates,
        unknown,
        {k: v for k, v in contract.extra.items() if v},
        program,
        rules.support_hours(catalog, program) if program else "",
        holiday_calendar,
        rules.named_contact_count(contract, contacts),
    )


def _mobilizes(catalog: Catalog, held: rules.HeldAddOn) -> bool:
    """The add-on has an availability date hung on the Initial Term Start."""
    return any(
        r.role == "addon_available" and r.addon == held.addon.id and r.anchor == "initial_term_start" for r in catalog.key_dates
    )


def contact_lines(limits: list[rules.ContactLimit], contacts: list[Contact]) -> list[ContactLine]:
    """Each contact with why it is flagged: over an add-on's limit (every named contact counts, none is
    picked by position) or outside a regional add-on's region."""
    notes: dict[int, list[str]] = {}
    flags: dict[int, str] = {}
    for limit in limits:
        if limit.over:
            for c in limit.named:
                notes.setdefault(id(c), []).append(
                    f"One of {limit.count} named contacts; {limit.option.label} allows {limit.limit}"
                )
                flags.setdefault(id(c), "over")
        for c in limit.outside_region:
            notes.setdefault(id(c), []).append(f"Outside the {limit.addon.short}'s region ({limit.contract.region})")
            flags.setdefault(id(c), "region")
    return [ContactLine(c, "; ".join(notes.get(id(c), [])), flags.get(id(c), "")) for c in contacts]


def build_sheet(
    catalog: Catalog,
    as_of: date,
    contracts: list[Contract],
    contacts: list[Contact],
    findings: list[Finding],
    sla: SlaResult | None = None,
    case_rows: np.ndarray | None = None,
    done: Done | None = None,
    marks: Marks | None = None,
) -> CustomerSheet:
    """One customer's sheet from its contract rows (book order, at least one), contacts, findings and case rows."""
    status = history.statuses(contracts, as_of)  # among the customer's rows: an upgrade supersedes what it overlaps
    sheets = [contract_sheet(catalog, c, contacts, as_of, done, marks, s) for c, s in zip(contracts, status, strict=True)]
    sheet = CustomerSheet(
        customer_key(contracts[0].customer), contracts[0].customer.strip(), as_of, sheets, [], findings, catalog, sla, case_rows
    )
    sheet.contacts = contact_lines(sheet.limits, contacts)
    return sheet


def marks_of(done: Done) -> dict[DateKey, DateMark]:
    """The marks that done-marks alone say (no notes): for a book judged without its workspace."""
    return {DateKey(*key): DateMark(True, "", day) for key, day in done.items()}


def customer_sheet(session: Session, key: str) -> CustomerSheet | None:
    """One customer's sheet from the session's indexes (by customer key); None for an unknown key."""
    book, overview = session.book, session.overview
    contracts = [book.contracts[i] for i in overview.contracts_by_key.get(key, [])]
    if not contracts:
        return None
    return build_sheet(
        session.catalog,
        session.as_of,
        contracts,
        book.contacts_of(contracts[0].customer),
        overview.findings_by_key.get(key, []),
        session.sla,
        overview.case_rows.get(key),
        session.workspace.done_marks(),
        session.workspace.marks,
    )
