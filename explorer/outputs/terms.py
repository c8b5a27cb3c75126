"""Plain-text tables of the catalog, for `explorer terms`."""

from __future__ import annotations

from datetime import date

from explorer.catalog import Catalog, Product


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*headers), line, *(fmt.format(*r) for r in rows)])


def format_minutes(minutes: int) -> str:
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min" if minutes < 60 else f"{minutes / 60:g} h"


def product_terms(catalog: Catalog, product: Product) -> str:
    programs = [catalog.programs[p] for p in catalog.program_ids_by_rank(product)]
    offered = [b for b in catalog.benefits if any(b in p.benefits for p in programs)]
    benefit_rows = []
    for bid in offered:
        cells = []
        for p in programs:
            value = p.benefits.get(bid, False)
            cells.append(value if isinstance(value, str) else ("yes" if value else "-"))
        label = catalog.benefits[bid].label
        benefit_rows.append([label if len(label) <= 60 else label[:59] + "…", *cells])
    target_rows = []
    for p in programs:
        for prio in sorted(p.targets):
            t = p.targets[prio]
            target_rows.append([p.name, f"P{prio}", format_minutes(t.minutes), catalog.calendars[t.calendar].label])
    parts = [
        f"{product.name}",
        "=" * len(product.name),
        "",
        table(["Benefit", *(p.name for p in programs)], benefit_rows),
        "",
        table(["Program", "Priority", "First response", "Clock"], target_rows),
        "",
        table(["Priority", "Meaning"], [[f"P{k}", v] for k, v in sorted(product.priority_descriptions.items())]),
    ]
    if product.default_program:
        parts += ["", f"A blank tier means {catalog.programs[product.default_program].name}."]
    if product.production_only:
        parts += ["Support covers production tenants only; other cases are out of SLA scope."]
    return "\n".join(parts)


def addon_terms(catalog: Catalog) -> str:
    rows = []
    for addon in catalog.addons.values():
        options = addon.options.values() or [None]
        for opt in options:
            rows.append(
                [
                    opt.label if opt else addon.name,
                    str(opt.named_contacts) if opt else "-",
                    f"initial term start + {addon.mobilization_days} days",
                    addon.during_mobilization,
                ]
            )
    return "\n".join(
        [
            "Dedicated Premier Plus Add-On Resources",
            "=======================================",
            "",
            table(["Add-on", "Named contacts", "Available from", "During mobilization"], rows),
            "",
            f"Renewal request deadline: Order Form end - {catalog.renewal_notice_days} days.",
            f"Administrative Days: {catalog.admin_days_per_year:g} per 12-month term, pro-rated.",
        ]
    )


def _decision_ids(catalog: Catalog, product: Product) -> list[str]:
    ids = [product.decision, product.default_program_decision]
    for pid in product.programs:
        ids += [catalog.calendars[t.calendar].decision for t in catalog.programs[pid].targets.values()]
    if _sells_addons(catalog, product):
        ids.append(catalog.admin_days_decision)
    return [i for i in dict.fromkeys(ids) if i]


def _sells_addons(catalog: Catalog, product: Product) -> bool:
    return any(catalog.addon_allowed(a, product.id, p) for a in catalog.addons for p in product.programs)


def catalog_terms(catalog: Catalog, product: Product | None = None) -> str:
    products = [product] if product else list(catalog.products.values())
    sections = [f"{catalog.title} (catalog {catalog.version})", ""]
    sections += [product_terms(catalog, p) + "\n" for p in products]
    if any(_sells_addons(catalog, p) for p in products):
        sections += [addon_terms(catalog), ""]
    decision_ids = list(catalog.decisions) if product is None else _decision_ids(catalog, product)
    if decision_ids:
        sections += ["Assumptions", "==========="]
        sections += [f"- {catalog.decisions[d].title}: {catalog.decisions[d].text}" for d in decision_ids]
    return "\n".join(sections)


def holiday_terms(country: str, subdivision: str, year: int) -> str:
    """The public holidays the business-hours clock closes on for one country (and state) in one year."""
    from explorer.sla.calendars import holiday_calendar, holidays_version
    from explorer.sla.subdivisions import calendar_label

    calendar = holiday_calendar(country, subdivision, year, year)
    title = f"Public holidays of {calendar_label(country, subdivision)}, {year}"
    rows = [[c.day.isoformat(), f"{c.day:%a}", c.name, c.where] for c in calendar.closures]
    weekdays = len({c.day for c in calendar.closures if c.day.weekday() < 5})
    return "\n".join(
        [
            title,
            "=" * len(title),
            "",
            table(["Date", "Day", "Holiday", "Whose"], rows),
            "",
            f"{len({c.day for c in calendar.closures})} days, {weekdays} of them Monday to Friday; "
            f"observed days included. Data: holidays {holidays_version()}.",
        ]
    )


def parse_holiday_place(text: str, catalog: Catalog) -> tuple[str, str, str | None]:
    """'AU-NSW', 'DE-Bavaria', 'US', 'Germany' -> (country, subdivision code, problem)."""
    from explorer.importing.values import parse_country
    from explorer.sla.calendars import has_holiday_data
    from explorer.sla.subdivisions import resolve_subdivision

    head, _, rest = text.strip().partition("-")
    country, problem = parse_country(head)
    if country is None and not rest:
        country, problem = parse_country(text)
    if country is None:
        return "", "", f"{problem or 'no country given'} (use a code such as AU or AU-NSW)"
    if not has_holiday_data(country):
        return "", "", f"the holidays package has no public holidays for {country}"
    code, problem = resolve_subdivision(country, rest, catalog) if rest else ("", None)
    return country, code, problem.split(";")[0] if problem else None


def this_year() -> int:
    return date.today().year
