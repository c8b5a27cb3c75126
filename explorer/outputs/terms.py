"""The Support Terms document (Help ▸ Support Terms, `explorer terms`, the README) and holiday tables.

One structure, built from the catalog, says per product and program what the app applies
and quotes the source wording each term came from; it renders as Markdown (the dialog and
the README) or as plain text (the terminal), so the three cannot drift apart.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from explorer import clock
from explorer.catalog import AddOn, Catalog, Commitment, Condition, Product, Program, Wording
from explorer.durations import duration


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*headers), line, *(fmt.format(*r) for r in rows)])


def wrapped_table(headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], most: int = 44) -> str:
    """An aligned table whose long cells wrap within their column (at most ``most`` characters wide)."""
    widths = [min(most, max(len(h), *(len(r[i]) for r in rows))) for i, h in enumerate(headers)]
    lines = [headers, tuple("-" * w for w in widths)]
    for row in rows:
        cells = [textwrap.wrap(cell, w) or [""] for cell, w in zip(row, widths, strict=True)]
        lines += [tuple(c[i] if i < len(c) else "" for c in cells) for i in range(max(map(len, cells)))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines)


# -- the Support Terms document ---------------------------------------------------
@dataclass(frozen=True)
class Heading:
    level: int  # 0 is the document's title; a renderer adds its top level
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    label: str = ""  # bold before the text


@dataclass(frozen=True)
class Quote:
    """Source wording, word for word: (our label or "", the quoted text) per paragraph."""

    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Quote | Table

INTRO = (
    "Catalog {version}. Per product and program: what the app applies, then the source wording it came "
    "from, quoted word for word (indented). A Decision is the assumption the app takes where the terms are silent."
)
SILENT = "The terms are silent here; the decision below applies."


def quote(wording: Wording, label: str = "") -> Quote:
    return Quote(tuple((label if i == 0 else "", text) for i, text in enumerate(wording)))


def terms_document(catalog: Catalog, product: Product | None = None, program: Program | None = None) -> list[Block]:
    """What the catalog applies, with the wording it came from: every product, one product, or one program."""
    products = [product] if product else list(catalog.products.values())
    doc: list[Block] = [Heading(0, catalog.title), Para(INTRO.format(version=catalog.version))]
    for item in products:
        programs = [catalog.programs[pid] for pid in catalog.program_ids_by_rank(item)]
        doc += _product_section(catalog, item, [p for p in programs if program is None or p.id == program.id])
    ids = list(catalog.decisions)
    if product is not None:
        chosen = [program] if program else [catalog.programs[pid] for pid in product.programs]
        ids = [d for d in ids if d in _decision_ids(catalog, product, chosen) or d not in _referenced(catalog)]
    doc.append(Heading(1, "Decisions where the terms are silent"))
    doc += [Para(catalog.decisions[d].text, catalog.decisions[d].title) for d in ids]
    return doc


def _product_section(catalog: Catalog, product: Product, programs: list[Program]) -> list[Block]:
    names = ", ".join(p.name for p in programs)
    title = product.name if len(programs) != 1 or len(product.programs) == 1 else f"{product.name} {programs[0].name}"
    out: list[Block] = [Heading(1, title), Para(f"Source: {product.source}. Programs: {names}.")]
    out += _scope(catalog, product)
    out += _priorities(catalog, product)
    out += _commitments(catalog, programs)
    out += _targets(catalog, product, programs)
    out += _solutions(catalog, product)
    out += _benefits(catalog, programs)
    out += _addons(catalog, product, programs)
    return out


def _decision(catalog: Catalog, decision_id: str | None) -> list[Block]:
    if not decision_id:
        return []
    decision = catalog.decisions[decision_id]
    return [Para(decision.text, f"Decision – {decision.title}")]


def _scope(catalog: Catalog, product: Product) -> list[Block]:
    out: list[Block] = []
    if product.default_program:
        out += [Para(f"A blank tier means {catalog.programs[product.default_program].name}.", "Program")]
        out += [quote(product.default_program_wording), *_decision(catalog, product.default_program_decision)]
    if product.production_only:
        out += [Para("Support covers production tenants only; cases on other tenants are out of SLA scope.", "Scope")]
        out.append(quote(product.production_only_wording))
    return [Heading(2, "Program and scope"), *out] if out else []


def _priorities(catalog: Catalog, product: Product) -> list[Block]:
    terms = product.priority_terms
    if terms is None:
        return []
    out: list[Block] = [Heading(2, "Priority levels"), quote(terms.intro)]
    for level, meaning in sorted(product.priority_descriptions.items()):
        wording = terms.levels[level]
        lines = [("", text) for text in ((wording.heading,) if wording.heading else ()) + wording.description]
        lines += [("Examples:" if i == 0 else "", text) for i, text in enumerate(wording.examples)]
        out += [Para(meaning, f"P{level}"), Quote(tuple(lines))]
    return out


def _commitments(catalog: Catalog, programs: list[Program]) -> list[Block]:
    groups: dict[Commitment, list[Program]] = {}
    for program in programs:
        if program.commitment:
            groups.setdefault(program.commitment, []).append(program)
    out: list[Block] = []
    for c, carriers in groups.items():
        out += [Heading(2, f"Customer commitment on P{c.priority}")]
        out += [Para(f"{c.title} ({', '.join(p.name for p in carriers)}).", f"P{c.priority}")]
        out += [quote(c.wording), *_decision(catalog, c.decision)]
    return out


def _clock(catalog: Catalog, program: Program) -> str:
    labels = [catalog.calendars[program.targets[k].calendar].label for k in sorted(program.targets)]
    if len(set(labels)) == 1:
        return labels[0]
    first = labels[0]
    rest = sorted(set(labels[1:]))
    return (
        f"P1: {first}; P2–P4: {rest[0]}"
        if len(rest) == 1 and first not in rest
        else "; ".join(f"P{k}: {label}" for k, label in zip(sorted(program.targets), labels, strict=True))
    )


def _targets(catalog: Catalog, product: Product, programs: list[Program]) -> list[Block]:
    rows = tuple((p.name, *(duration(p.targets[k].minutes) for k in sorted(p.targets)), _clock(catalog, p)) for p in programs)
    out: list[Block] = [Heading(2, "First-response targets and clocks"), quote(product.response_wording)]
    out.append(Para("First response within (P1 to P4), and the clock each target runs on:"))
    out.append(Table(("Program", *(f"P{k}" for k in sorted(programs[0].targets)), "Clock"), rows))
    groups: dict[Wording, list[str]] = {}
    for p in programs:
        groups.setdefault(p.targets_wording, []).append(p.name)
    for wording, names in groups.items():
        out += [Para("", ", ".join(names)), quote(wording)]
    calendars = dict.fromkeys(t.calendar for p in programs for t in p.targets.values())
    for cid in calendars:
        calendar = catalog.calendars[cid]
        out += [Para(f"{calendar.describe()} — {calendar.words}.", "Clock")]
        out += _decision(catalog, calendar.decision)
    return out + _decision(catalog, product.decision)


def _solutions(catalog: Catalog, product: Product) -> list[Block]:
    terms = product.priority_terms
    if terms is None:
        return []
    out: list[Block] = [Heading(2, "Solution definitions")]
    if terms.solution_heading:
        out.append(quote((terms.solution_heading,)))
        out.append(Para("Per severity (shown for reference; the app judges the first response only):"))
        rows = tuple(
            (f"P{level} {terms.levels[level].heading.split(' ', 1)[-1]}".strip(), " · ".join(terms.levels[level].solution))
            for level in sorted(terms.levels)
        )
        out.append(Table(("Severity", "Solution definition"), rows))
    else:
        out.append(Para(f"The {product.source} terms define no solution per priority level."))
    return out + _decision(catalog, terms.decision)


def _cell(value: bool | str) -> str:
    return value if isinstance(value, str) else ("yes" if value else "–")


def _benefits(catalog: Catalog, programs: list[Program]) -> list[Block]:
    offered = [b for b in catalog.benefits.values() if any(p.benefits.get(b.id, False) is not False for p in programs)]
    rows = tuple((b.label, *(_cell(p.benefits.get(b.id, False)) for p in programs)) for b in offered)
    out: list[Block] = [Heading(2, "Benefits"), Table(("Benefit", *(p.name for p in programs)), rows)]
    silent: list[str | None] = []
    for benefit in offered:
        groups: dict[Wording, list[Program]] = {}
        for p in programs:
            if p.benefits.get(benefit.id, False) is not False:
                groups.setdefault(catalog.benefit_wording(p, benefit.id), []).append(p)
        for wording, carriers in groups.items():
            out.append(Para(", ".join(p.name for p in carriers), benefit.label))
            out.append(quote(wording) if wording else Para(SILENT))
            silent += [p.decision for p in carriers if not wording]
    for decision_id in dict.fromkeys(silent):
        out += _decision(catalog, decision_id)
    return out


def _sold(catalog: Catalog, product: Product, programs: list[Program]) -> list[AddOn]:
    return [a for a in catalog.addons.values() if any(catalog.addon_allowed(a.id, product.id, p.id) for p in programs)]


def _addons(catalog: Catalog, product: Product, programs: list[Program]) -> list[Block]:
    addons = _sold(catalog, product, programs)
    if not addons:
        return []
    rows = []
    for addon in addons:
        for option in addon.options.values() or [None]:
            contacts = str(option.named_contacts) if option else "–"
            available = f"initial term start + {addon.mobilization_days} days"
            rows.append((option.label if option else addon.name, contacts, available, addon.during_mobilization))
    sold_with = sorted({name for a in addons for name in catalog.addon_sold_with(a.id)})
    out: list[Block] = [
        Heading(2, catalog.addons_title),
        Para(
            f"Sold with {', '.join(sold_with)}. Renewal request deadline: Order Form end − {catalog.renewal_notice_days} "
            f"days. Administrative Days: {catalog.admin_days_per_year:g} per 12-month term, pro-rated."
        ),
        Table(("Add-on", "Named contacts", "Available from", "During mobilization"), tuple(rows)),
    ]
    for addon in addons:
        out += [Heading(3, addon.name), quote(addon.wording)]
        for option in addon.options.values():
            if option.wording:
                out += [Para(f"{option.named_contacts} named contacts", option.label), quote(option.wording)]
        out += _conditions(addon.conditions)
    out += [Heading(3, "Conditions of every add-on"), *_conditions(catalog.addon_conditions)]
    return out + _decision(catalog, catalog.admin_days_decision)


def _conditions(conditions: tuple[Condition, ...]) -> list[Block]:
    return [block for c in conditions for block in (Para("", c.title), quote(c.wording))]


def _decision_ids(catalog: Catalog, product: Product, programs: list[Program]) -> set[str]:
    terms = product.priority_terms
    ids = {product.decision, product.default_program_decision, terms.decision if terms else None}
    for program in programs:
        ids |= {program.decision, program.commitment.decision if program.commitment else None}
        ids |= {catalog.calendars[t.calendar].decision for t in program.targets.values()}
    if _sold(catalog, product, programs):
        ids.add(catalog.admin_days_decision)
    return {i for i in ids if i}


def _referenced(catalog: Catalog) -> set[str]:
    """Decisions that belong to some product or program; the others apply to every product."""
    out: set[str] = set()
    for product in catalog.products.values():
        out |= _decision_ids(catalog, product, [catalog.programs[pid] for pid in product.programs])
    return out


# -- rendering --------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _md(text: str) -> str:
    """Escape Markdown syntax in catalog text; a leading '1.' would start a list."""
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", _MD_SPECIAL.sub(r"\\\1", text))


def render_markdown(doc: list[Block], top: int = 1) -> str:
    """GitHub-flavoured Markdown; the dialog shows it with QTextDocument.setMarkdown, the README holds it."""
    parts = []
    for block in doc:
        if isinstance(block, Heading):
            parts.append("#" * (top + block.level) + " " + _md(block.text))
        elif isinstance(block, Para):
            label = f"**{_md(block.label)}{':' if block.text else ''}**" if block.label else ""
            parts.append(" ".join(x for x in (label, _md(block.text)) if x))
        elif isinstance(block, Quote):
            parts.append("\n>\n".join(f"> {f'*{_md(label)}* ' if label else ''}{_md(text)}" for label, text in block.lines))
        else:
            lines = [block.headers, tuple("---" for _ in block.headers), *block.rows]
            parts.append("\n".join("| " + " | ".join(_md(cell) for cell in line) + " |" for line in lines))
    return "\n\n".join(parts) + "\n"


def render_text(doc: list[Block], width: int = 100) -> str:
    """Plain text for a terminal: underlined headings, aligned tables, quotes indented with '>'."""
    parts = []
    for block in doc:
        if isinstance(block, Heading):
            parts.append(f"{block.text}\n{'=-~'[min(max(block.level - 1, 0), 2)] * len(block.text)}")
        elif isinstance(block, Para):
            text = f"{block.label}: {block.text}" if block.label and block.text else block.label or block.text
            parts.append(textwrap.fill(text, width))
        elif isinstance(block, Quote):
            parts.append(
                "\n".join(
                    textwrap.fill(f"{label} {text}".strip(), width, initial_indent="  > ", subsequent_indent="    ")
                    for label, text in block.lines
                )
            )
        else:
            parts.append(wrapped_table(block.headers, block.rows))
    return "\n\n".join(parts) + "\n"


def terms_markdown(catalog: Catalog, product: Product | None = None, program: Program | None = None, top: int = 1) -> str:
    return render_markdown(terms_document(catalog, product, program), top)


def terms_text(catalog: Catalog, product: Product | None = None, program: Program | None = None) -> str:
    return render_text(terms_document(catalog, product, program))


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
    from explorer.importing.places import parse_country
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
    return clock.today().year
