"""A term row that gives no place (no time zone, country or state: a CRM's renewal export beside last year's hand-kept
book) takes it from the same customer's other terms of the product, where they agree: its clock runs in the
customer's own zone with their holidays, not the default UTC. Where none says one, or they disagree, the default
stays (contracts._place), and its warning says why."""

from __future__ import annotations

from dataclasses import replace

from explorer.catalog import Catalog
from explorer.model import Contract, Finding, Severity, Source, Unsaid


def borrowed_places(contracts: list[Contract], findings: list[Finding], catalog: Catalog) -> list[Contract]:
    """``contracts`` with each unsaid place taken from its contract's other rows that give one and agree on it (zone,
    country, state; the region too where the row leaves it out); the row's default-zone warning becomes one naming
    the row it came from, and, where they disagree, says so. A row given its region so drops its warning that the
    regional add-on's (MCSE's) region is not known: the taken place's finding names the region."""
    said: dict[tuple[str, str], list[Contract]] = {}
    for c in contracts:
        if not c.place_unsaid:
            said.setdefault(c.key, []).append(c)
    # each row's default-zone warning, whatever product it was said for
    defaults = {(source, customer): i for (source, customer, _), i in unsaid_warnings(findings, Unsaid.TIME_ZONE).items()}
    unknown = unsaid_warnings(findings, Unsaid.REGION)
    withdrawn: set[int] = set()
    out = []
    for c in contracts:
        given = said.get(c.key, []) if c.place_unsaid else []
        # a zone a row states goes before one worked out from a country (its most populous zone is a guess)
        others = [o for o in given if not o.zone_unsaid] or given
        places = {(o.time_zone, o.country, o.subdivision) for o in others}
        if not others:
            out.append(c)
            continue
        at = defaults.get((c.source, c.customer))
        if len(places) > 1:
            if at is not None:
                default = findings[at]
                shown = "; ".join(sorted({_place(*p) for p in places}))
                told = f"{default.message[:-1]}: the customer's other {_product(c, catalog)} terms disagree ({shown})."
                findings[at] = replace(default, message=told)
            out.append(c)
            continue
        first = others[0]
        regions = {o.region.strip() for o in others if o.region.strip()}
        region = c.region if c.region.strip() or len(regions) != 1 else next(iter(regions))
        zone, country, state = first.time_zone, first.country, first.subdivision
        # a zone its other term states is said: the customer's own, not a default
        out.append(replace(c, time_zone=zone, country=country, subdivision=state, region=region, zone_unsaid=first.zone_unsaid))
        taken = _place(first.time_zone, first.country, first.subdivision) + (f", region {region}" if region != c.region else "")
        message = (
            f"No time zone, country or state is given; {taken} is used, as the customer's other "
            f"{_product(c, catalog)} term{'s say' if len(others) > 1 else ' says'} "
            f"({first.source.describe()}{' and others' if len(others) > 1 else ''}); give the row's own time zone to be exact."
        )
        if at is not None:
            findings[at] = replace(findings[at], message=message)
        else:
            findings.append(Finding(Severity.WARNING, message, c.source, "", c.customer, c.product or ""))
        if region != c.region and (gone := unknown.get((c.source, c.customer, c.product or ""))) is not None:
            withdrawn.add(gone)
    findings[:] = [f for i, f in enumerate(findings) if i not in withdrawn]
    return out


def unsaid_warnings(findings: list[Finding], unsaid: Unsaid) -> dict[tuple[Source, str, str], int]:
    """(row, customer, product) -> the index of the row's warning that it leaves ``unsaid`` out (a default zone, a
    region not known), found once: a scan of every finding per row was rows x findings."""
    return {(f.source, f.customer, f.product): i for i, f in enumerate(findings) if f.unsaid is unsaid}


def _product(c: Contract, catalog: Catalog) -> str:
    """The product's name, not this row's own text ('Okta Premier Support (12 months)' is not last year's Basic)."""
    product = catalog.products.get(c.product or "")
    return product.name if product else c.product_text


def _place(zone: str, country: str, subdivision: str) -> str:
    where = f"{country}-{subdivision}" if subdivision else country
    return f"{zone} ({where})" if where else zone
