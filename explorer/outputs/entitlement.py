"""The one-page entitlement sheet's content, as HTML for Qt's rich-text document (Qt-free).

Everything comes from the customer's CustomerSheet on the as-of day: the terms
shown are the ones in force (else the latest), so a renewal or an ended contract
reads as the app shows it. explorer.gui.entitlement_sheet lays it out on paper.
Text from the book is HTML-escaped: a customer called "<b>" prints as written.
"""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from explorer.app import periods
from explorer.app.sheet import ContractSheet, CustomerSheet, ZoneBasis, zone_basis
from explorer.app.tones import DATE_TONES, Tone
from explorer.durations import duration
from explorer.model import Contract
from explorer.sla.compliance import rate_label

STYLE = """
body { font-size: 8pt; color: #1a1a1a; }
h1 { font-size: 14pt; color: #1F4E78; margin: 0; }
h2 { font-size: 10pt; color: #1F4E78; margin-top: 5px; margin-bottom: 1px; border-bottom: 1px solid #1F4E78; }
p { margin-top: 1px; margin-bottom: 2px; }
p.sub { color: #555555; margin-top: 0; margin-bottom: 2px; }
table { border-collapse: collapse; }
th { background-color: #1F4E78; color: #ffffff; font-weight: bold; text-align: left; padding: 1px 5px; }
td { padding: 1px 5px; vertical-align: top; }
td.num { text-align: center; }
.bad { color: #9C0006; font-weight: bold; }
.warn { color: #9C5700; }
.muted { color: #777777; }
"""
PAPER_POINTS = 8  # STYLE's body text; its headings are in proportion
# The sheet's own spacing, tighter than the brief's: a customer on three products fills a page of Letter
# (18 mm shorter than A4) with no cell padding above and below its lines; what is left over shrinks (Page.fit).
SHEET_STYLE = STYLE + "td { padding: 0 5px; } h2 { margin-top: 3px; }"


def scaled(style: str, points: float) -> str:
    """``style`` with its body text ``points`` large (on screen, the app's font) and every other size as many points
    above it as on paper: headings stay a step up, not twice the text, in a pane a third of a screen wide."""
    return re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m[1]) + points - PAPER_POINTS:.3g}pt", style)


TICK, EMPTY = "\u2611", "\u2610"  # ballot boxes: included / not included
PHONE_BENEFITS = ("phone-support", "auth0-phone")  # the catalog's benefits that are a phone line


def _e(text: object) -> str:
    return escape(str(text))


def _table(headers: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()) -> str:
    """A table; cells are already HTML (escaped by the caller). Its header is a <thead>, which Qt's layout
    repeats at the top of every page the table runs onto."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f'<table width="100%" cellspacing="0"><thead><tr>{head}</tr></thead>{body}</table>'


def _shown(sheet: CustomerSheet) -> list[ContractSheet]:
    """Per product, the term in force (else the latest ended, else the next to start)."""
    return [p.shown for p in sheet.products()]


def _products(sheet: CustomerSheet, shown: list[ContractSheet]) -> str:
    rows = []
    for c in shown:
        contract = c.contract
        checked = bool(sheet.row_errors(contract))
        status = c.status_text + (" (check the book)" if checked else "")
        ends = f"{c.ends:%Y-%m-%d}" if c.ends else ""
        if c.ended_early and contract.term_end:
            ends += f" (contracted to {contract.term_end:%Y-%m-%d})"
        elif contract.never_ran and ends:
            ends += " (never ran)"
        cls = ' class="bad"' if checked else "" if c.in_force else ' class="warn"'
        rows.append(
            [
                f"<b>{_e(c.product)}</b>",
                _e(c.program),
                _e(f"{contract.term_start:%Y-%m-%d}") if contract.term_start else "",
                _e(ends),
                f"<span{cls}>{_e(status)}</span>",
            ]
        )
    ahead = "".join(f"<p>{_e(p.shown.product)}: {_e(p.booked_text)}.</p>" for p in sheet.products() if p.booked_text)
    return _table(["Product", "Program", "Term start", "Ends", "On the as-of day"], rows) + ahead


def _not_held(c: ContractSheet, internal: bool) -> str:
    """Why a term shown ticks nothing: "Okta Premier ended 2026-08-21", "... starts 2027-01-01". A term that never
    ran points the account team to the findings; the customer's copy, which has none, says it plainly."""
    contract = c.contract
    if c.never_ran and not internal:  # a status the customer's copy says in its own words
        return f"{c.product} {c.program}: this order did not go ahead"
    if c.undated:  # no day of it runs: its dates say no "starts" or "ended"; bad dates make a DRAFT naming its errors
        return f"{c.product} {c.program}: {c.status.value.lower()} (see the findings)"
    if c.ended and c.ends:
        return f"{c.product} {c.program} ended {c.ends:%Y-%m-%d}"
    if contract.term_start:
        return f"{c.product} {c.program} starts {contract.term_start:%Y-%m-%d}"
    return f"{c.product} {c.program} has no term dates"


def _benefits(shown: list[ContractSheet], internal: bool) -> str:
    parts = []
    for c in shown:
        if not c.benefits:
            continue
        held = c.in_force  # an ended (or not yet started) term ticks nothing, as in the app
        # a term not in force lists what its program included (unticked), not what it never had
        listed = c.benefits if held else [b for b in c.benefits if b.included]
        cells = [
            f"{TICK if b.included and held else EMPTY} "
            + (_e(b.label) if b.included and held else f'<span class="muted">{_e(b.label)}</span>')
            + (f' <span class="muted">({_e(b.detail)})</span>' if b.included and held and b.detail else "")
            for b in listed
        ]
        half = (len(cells) + 1) // 2
        rows = "".join(
            f"<tr><td width='50%'>{cells[i]}</td><td>{cells[i + half] if i + half < len(cells) else ''}</td></tr>"
            for i in range(half)
        )
        title = f"<p><b>{_e(c.product)} {_e(c.program)}</b></p>" if len(shown) > 1 else ""
        if not held:
            what = "would include" if c.undated else "will include" if not c.ended and c.contract.term_start else "included"
            title += f"<p class='warn'>{_e(_not_held(c, internal))}: nothing is included on this day. The program {what}:</p>"
        parts.append(f"{title}<table width='100%' cellspacing='0'>{rows}</table>")
    return "".join(parts) or "<p class='muted'>No program recognised.</p>"


def _targets(sheet: CustomerSheet) -> str:
    rows = []
    for c in sheet.target_terms():
        by_priority = {t.target.priority: t for t in c.targets}
        clock = c.clocks()
        words = list(dict.fromkeys(t.target.calendar.words for t in c.targets if t.target.calendar.words))
        # a term not in force says so where its targets are read: they do not apply on this day (as its benefits)
        held = "" if c.in_force else f'<br><span class="warn">{_e(c.on_the_day)}: these targets do not apply on this day</span>'
        rows.append(
            [
                f"<b>{_e(c.product)}</b> {_e(c.program)}{held}",
                *(_e(duration(by_priority[p].target.minutes)) if p in by_priority else "–" for p in (1, 2, 3, 4)),
                _e(clock) + (f'<br><span class="muted">{_e("; ".join(words))}</span>' if words else ""),
            ]
        )
    if not rows:
        return "<p class='muted'>No targets: no program recognised.</p>"
    return _table(["Product", "P1", "P2", "P3", "P4", "Clock"], rows, numeric=(1, 2, 3, 4))


def _addons(shown: list[ContractSheet]) -> str:
    rows = []
    for c in shown:
        deadlines = [d for d in c.dates if d.date.is_action]
        for a in c.addons:
            # an add-on line running past the term has its own deadline (rules.own_ends)
            deadline = next((d for d in deadlines if a.held.addon.id in d.date.covers), deadlines[0] if deadlines else None)
            if not a.valid:  # a contract error: no date, no limit, said where its dates would be
                rows.append([f"<b>{_e(a.label)}</b> ({_e(c.product)})", f"<span class='bad'>{_e(a.invalid)}</span>", ""])
                continue
            rows.append(
                [
                    f"<b>{_e(a.label)}</b> ({_e(c.product)})",
                    _e(a.available_text),
                    _e(a.renewal_text(deadline)),
                ]
            )
        if c.addons and c.administrative_days is not None:
            rows.append(["<span class='muted'>Administrative Days this term</span>", "", _e(f"{c.administrative_days}")])
    if not rows:
        return "<p class='muted'>No add-ons.</p>"
    return _table(["Add-on", "Available from", "Renewal request by"], rows)


def _dates(sheet: CustomerSheet, shown: list[ContractSheet], internal: bool = False) -> str:
    """The shown terms' key dates, and those of the next term booked after one (its start, its kickoff); the
    internal copy gives the user's workspace note after the status (the customer's copy never: notes are the
    account team's)."""
    rows = []
    booked = [t for p in sheet.products() if (t := p.booked) is not None]
    for d in sheet.dates_of(shown + booked):
        status = d.status  # a done-mark says itself: "Done (marked 2026-11-20)"
        cls = {Tone.RED: "bad", Tone.AMBER: "warn"}.get(DATE_TONES[d.date.status], "")
        own = d.mark.note.strip() if internal else ""
        rows.append(
            [
                _e(f"{d.date.day:%Y-%m-%d}"),
                _e(f"{d.product}: {d.date.event}"),
                (f'<span class="{cls}">{_e(status)}</span>' if cls else _e(status))
                + (f"<br><span class='muted'>Your note: {_e(own)}</span>" if own else ""),
            ]
        )
    for c in shown:  # no day to sort by: after the dated ones
        rows.extend(["unknown", _e(f"{c.product}: {u.event}"), f'<span class="bad">{_e(u.status)}</span>'] for u in c.unknown)
    return _table(["Date", "Key date", "Status"], rows) if rows else "<p class='muted'>No key dates.</p>"


def _contacts(sheet: CustomerSheet) -> str:
    """The limit in a line ("7 of 5 named contacts"), then every named contact by name and email, with who
    counts against an add-on's limit and who is outside its region."""
    limits = sheet.limits
    counting = {id(c) for limit in limits for c in limit.named}
    lines = [line for line in sheet.contacts if line.contact.named]
    parts = []
    for limit in limits:
        verdict = (
            f'<span class="bad">{limit.count} of {limit.limit} named contacts</span> — '
            f"{limit.count - limit.limit} over the {_e(limit.option.label)} limit"
            if limit.over
            else f"{limit.count} of {limit.limit} named contacts ({_e(limit.option.label)})"
        )
        region = f"; the {_e(limit.addon.short)} serves {_e(limit.contract.region)}" if limit.contract.region else ""
        parts.append(f"<p>{verdict}{region}</p>")
    if not limits:
        parts.append(f"<p>{len(lines)} named contact{'s' if len(lines) != 1 else ''}; no add-on limits them.</p>")
    if not lines:
        return "".join(parts)
    rows = []
    for line in lines:
        c = line.contact
        # the sheet's own words, as the app's Named Contacts tab and the report show them: every named contact
        # counts ("One of 7 named contacts; ... allows 5"), none is picked as the one over by its position
        note = f'<span class="{"bad" if line.flag == "over" else "warn"}">{_e(line.note)}</span>' if line.note else ""
        rows.append(
            [
                _e(c.name),
                _e(c.email),
                _e(c.region),
                TICK if id(c) in counting else ("" if limits else "–"),
                note,
            ]
        )
    return "".join(parts) + _table(["Name", "Email", "Region", "Counts", "Note"], rows, numeric=(3,))


def _help(sheet: CustomerSheet, shown: list[ContractSheet]) -> str:
    """How to get help, quoted from the terms: each product's support portal, the program's phone line and
    what opening a P1 commits the customer to; then who looks after the account and where the clock runs."""
    catalog = sheet.catalog
    quotes: dict[str, list[str]] = {}
    for c in shown:
        product = catalog.products.get(c.contract.product or "")
        if product is not None and product.help_wording:
            quotes.setdefault("Support portal", []).extend(product.help_wording)
        if c.tier is None or not c.in_force:
            continue
        for benefit in PHONE_BENEFITS:
            if c.tier.benefits.get(benefit):
                quotes.setdefault("Phone", []).extend(catalog.benefit_wording(c.tier, benefit))
        if c.tier.commitment is not None:
            title = f"When you open a P{c.tier.commitment.priority} case"
            quotes.setdefault(title, []).extend(c.tier.commitment.wording)
    rows = [(title, " ".join(f"“{_e(q)}”" for q in dict.fromkeys(texts))) for title, texts in quotes.items()]
    team = f"{_e(sheet.owner)}. " if sheet.owner else ""
    places = list(dict.fromkeys(_place(c.contract) for c in shown if c.contract.region or c.contract.time_zone))
    if places or team:
        where = f"Response times run in {_e('; '.join(places))}." if places else ""
        rows.append(("Your account team" if team else "Your time zone", f"{team}{where}"))
    if not rows:
        return "<p class='muted'>No program recognised.</p>"
    body = "".join(f"<tr><td width='18%'><b>{_e(title)}</b></td><td>{text}</td></tr>" for title, text in rows)
    return f"<table width='100%' cellspacing='0'>{body}</table>"


def _place(contract: Contract) -> str:
    """Where a term's clock runs, said as what the book gives: a zone the book does not give is no claim about the
    customer's own (a UTC default, or the main zone of its country), and the customer is asked to say theirs."""
    region = f"region {contract.region}, " if contract.region else ""
    basis = zone_basis(contract)
    if basis is ZoneBasis.GIVEN:
        return f"{region}{contract.time_zone} (your local time zone)"
    if basis is ZoneBasis.PLACE:
        return f"{region}{contract.time_zone} (taken from your country: tell your account team if yours differs)"
    return f"{region}{contract.time_zone} (the contract gives no time zone: tell your account team yours)"


def _rate(table: pd.DataFrame, priority: int) -> str:
    row = table[table["priority"] == priority]
    if row.empty:
        return "–"
    value, cases = row["Compliance %"].iloc[0], int(row["Cases"].iloc[0])
    decided = int(row["Met"].iloc[0]) + int(row["Breached"].iloc[0])  # what the % divides (README: Compliance %)
    still_open = cases - decided
    if pd.isna(value):
        return f"n/a ({still_open} open)"
    return f"{rate_label(value)} of {decided}" + (f" ({still_open} open)" if still_open else "")


def _compliance(sheet: CustomerSheet, days: int, internal: bool) -> str:
    """Compliance by priority in the last ``days`` days and this term, each column headed by its window. Without a
    case log the customer's copy leaves the section out (the app's words are for the account team)."""
    if sheet.cases is None:
        return "<h2>SLA compliance (first responses on time)</h2><p class='muted'>No case log loaded.</p>" if internal else ""
    chosen = (periods.recent(days), periods.TERM)
    tables = [sheet.compliance(p) for p in chosen]
    rows = [[f"P{p}", *(_e(_rate(t, p)) if t is not None else "–" for t in tables)] for p in (1, 2, 3, 4)]
    table = _table(["Priority", *(sheet.window(p).label for p in chosen)], rows, numeric=(1, 2))
    # a case counted here under a term whose targets "do not apply on this day" (it starts tomorrow): why it counts
    early = "".join(f"<p class='muted'>{_e(e.text)}</p>" for e in sheet.judged_before_start(chosen))
    return f"<h2>SLA compliance (first responses on time)</h2>{table}{early}"


def _findings(sheet: CustomerSheet) -> str:
    """The customer's findings for an internal copy, each once (a renewal repeats a row's notes), worst first."""
    unique = list(dict.fromkeys((f.severity.label, f.message) for f in sheet.findings))
    if not unique:
        return "<p class='muted'>None.</p>"
    shown = unique[:8]
    items = "".join(
        f"<li><span class='{'bad' if label == 'Error' else 'warn' if label == 'Warning' else 'muted'}'>{_e(label)}"
        f"</span>: {_e(message)}</li>"
        for label, message in shown
    )
    more = f"<p class='muted'>… and {len(unique) - len(shown)} more.</p>" if len(unique) > len(shown) else ""
    return f"<ul style='margin-top:0; margin-bottom:0'>{items}</ul>{more}"


def errors(sheet: CustomerSheet) -> list[str]:
    """The customer's error findings, each once: a sheet with any is a DRAFT that names them."""
    return sheet.errors


def _conditions(sheet: CustomerSheet, shown: list[ContractSheet]) -> str:
    """The decisions behind the answers, and a mobilization's stand-in until it ends (not once it has)."""
    seen: dict[str, str] = {}
    for c in shown:
        for d in c.assumptions:
            seen.setdefault(d.title, d.text)
        for a in c.addons:
            if a.valid and a.held.addon.during_mobilization and (a.available is None or a.available > sheet.as_of):
                seen.setdefault(
                    f"{a.held.addon.short} mobilization",
                    f"Until {a.available:%Y-%m-%d}: {a.held.addon.during_mobilization}"
                    if a.available
                    else a.held.addon.during_mobilization,
                )
    if not seen:
        return "<p class='muted'>None beyond the program's terms.</p>"
    return "<p>" + " ".join(f"<b>{_e(title)}.</b> {_e(_sentence(text))}" for title, text in seen.items()) + "</p>"


def _sentence(text: str) -> str:
    """A catalog text as a sentence of its own, so the next title does not run on from it."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?", ")")) else text + "."


def sheet_html(sheet: CustomerSheet, days: int | None = None, internal: bool = False) -> str:
    """The customer's entitlement sheet as an HTML document: the customer's copy, or with ``internal`` the
    findings too. A contract with errors makes it a DRAFT that says why."""
    days = days or sheet.catalog.settings.recent_days
    shown = _shown(sheet)
    state = sheet.state.label
    draft = f"<p class='bad'>{_e(sheet.draft)}</p>" if sheet.draft else ""  # each error a sentence of its own
    sections = [
        f"<h1>{_e(sheet.name)}</h1>",
        f"<p class='sub'>Support entitlements on {sheet.as_of:%Y-%m-%d} · {_e(state)}</p>",
        draft,
        "<h2>Products and programs</h2>",
        _products(sheet, shown),
        "<h2>Benefits</h2>",
        _benefits(shown, internal),
        "<h2>First-response targets</h2>",
        _targets(sheet),
        "<h2>Add-ons</h2>",
        _addons(shown),
        "<h2>Key dates</h2>",
        _dates(sheet, shown, internal),
        "<h2>How to get help</h2>",
        _help(sheet, shown),
        "<h2>Named contacts</h2>",
        _contacts(sheet),
        _compliance(sheet, days, internal),
        *(["<h2>Internal: findings in the contract book</h2>", _findings(sheet)] if internal else []),
        "<h2>Conditions that apply</h2>",
        _conditions(sheet, shown),
    ]
    return f"<html><head><style>{SHEET_STYLE}</style></head><body>{''.join(sections)}</body></html>"


INTERNAL = "INTERNAL: not for the customer"  # on every page of a sheet made with the findings


def header_text(sheet: CustomerSheet, internal: bool = False) -> str:
    draft = "DRAFT · " if errors(sheet) else ""
    marked = f"{INTERNAL} · " if internal else ""
    return f"{marked}{draft}Entitlement sheet · as of {sheet.as_of:%Y-%m-%d} · catalog {sheet.catalog.version}"


def footer_text(sheet: CustomerSheet, internal: bool = False) -> str:
    return f"{sheet.name} · {INTERNAL}" if internal else sheet.name
