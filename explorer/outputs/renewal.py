"""The renewal brief's content, as HTML for Qt's rich-text document (Qt-free).

One page for the renewal meeting, from explorer.app.renewal's RenewalBrief (itself read
from the CustomerSheet and the upgrade evidence). The monthly compliance chart is an
image the caller draws and names CHART_URL (explorer.gui.renewal_brief paints it with
Qt's painter). Text from the book is HTML-escaped.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from explorer.app.renewal import BREACHES_SHOWN, RenewalBrief, outside_region
from explorer.app.sheet import TIER_UNKNOWN
from explorer.app.upgrade import Comparison, Direction
from explorer.durations import duration
from explorer.outputs.entitlement import PAPER_POINTS, STYLE, scaled
from explorer.sla.compliance import rate_label

CHART_URL = "chart://compliance-by-month"
DATES_SHOWN = 7  # key dates ahead on the page; the report's Key Dates lists them all
CHART_SIZE = (330, 120)  # points on the page: the chart's box beside the table by priority
BRIEF_STYLE = (
    STYLE
    + "body { font-size: 8pt; } h2 { margin-top: 5px; } p { margin-top: 0; margin-bottom: 1px; } li { margin-bottom: 0; }"
    + " .good { color: #1E6B34; }"
)


def _e(text: object) -> str:
    return escape(str(text))


def _table(headers: list[str], rows: list[list[str]], numeric: tuple[int, ...] = (), widths: tuple[int, ...] = ()) -> str:
    """A table; ``widths`` in percent of the page, where Qt's own share would cut a word (a date) in a narrow pane."""

    # a heading breaks between its words, never inside one: 'Priorit/y' and 'Breache/d' in a narrow pane
    def th(i: int, h: str) -> str:
        width = f" width='{widths[i]}%'" if widths else ""
        whole = " style='white-space:nowrap'" if " " not in h else ""
        return f"<th{width}{whole}>{_e(h)}</th>"

    head = "".join(th(i, h) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f'<table width="100%" cellspacing="0"><tr>{head}</tr>{body}</table>'


def _terms(brief: RenewalBrief) -> str:
    rows = []
    for c in brief.terms:
        contract = c.contract
        span = (
            f"{contract.term_start:%Y-%m-%d} – {contract.term_end:%Y-%m-%d}" if contract.term_start and contract.term_end else ""
        )
        addons = ", ".join(a.said for a in c.addons) or "–"  # one that is a contract error says so, with no limit
        cls = "" if c.in_force else ' class="warn"'
        rows.append([f"<b>{_e(c.product)}</b>", _e(c.program), _e(span), f"<span{cls}>{_e(c.status_text)}</span>", _e(addons)])
    if not rows:
        return "<p class='muted'>No term in the book.</p>"
    included = []
    for c, names in zip(brief.terms, brief.included, strict=True):
        prefix = f"<b>{_e(c.product)} {_e(c.program)}:</b> " if len(brief.terms) > 1 else "<b>Beyond the basics:</b> "
        if not c.benefits:  # no program matched: nothing to say of its benefits, as the Benefits tab says
            named = prefix if len(brief.terms) > 1 else ""
            included.append(f"<p>{named}<span class='bad'>{_e(TIER_UNKNOWN)}</span></p>")
            continue
        basics = f"only what every {c.product} program has"
        included.append(f"<p>{prefix}{_e('; '.join(names) or basics)}</p>")
    columns = ["Product", "Program", "Term", "On the as-of day", "Add-ons"]
    ahead = "".join(f"<p><b>Booked:</b> {_e(line)}</p>" for line in brief.booked)
    ahead += "".join(f"<p><b>Not renewing:</b> {_e(line)}.</p>" for line in brief.not_renewing)
    return _table(columns, rows, widths=(15, 18, 22, 15, 30)) + ahead + "".join(included)


def _rate(value: object) -> str:
    return rate_label(value) if isinstance(value, float) and pd.notna(value) else "–"


def _by_priority(brief: RenewalBrief) -> str:
    table = brief.by_priority
    if table is None:
        return "<p class='muted'>No case log loaded.</p>"
    if table.empty:
        return "<p class='muted'>No cases in the term.</p>"
    targets = {t.target.priority: t.target.minutes for c in brief.terms for t in c.targets}
    rows = []
    for _, r in table.iterrows():
        rate = r["Compliance %"]
        cls = "bad" if pd.notna(rate) and rate < brief.target else "good"
        rows.append(
            [
                f"P{int(r['priority'])}",
                _e(int(r["Cases"])),
                _e(int(r["Met"])),
                _e(int(r["Breached"])),
                f'<span class="{cls}">{_rate(rate)}</span>' if pd.notna(rate) else "–",
                _e(duration(targets[int(r["priority"])])) if len(brief.terms) == 1 and int(r["priority"]) in targets else "",
            ]
        )
    note = f"<p class='muted'>Against the {brief.target:.0%} compliance target.</p>"
    headers = ["Priority", "Cases", "Met", "Breached", "On time", "Target" if len(brief.terms) == 1 else ""]
    return _table(headers, rows, numeric=(1, 2, 3, 4, 5)) + note


def _breaches(brief: RenewalBrief) -> str:
    late = brief.breaches
    if brief.by_priority is None:
        return "<p class='muted'>No case log loaded.</p>"
    if late.empty:
        return "<p class='good'>None in the term.</p>"
    rows = []
    for _, r in late.head(BREACHES_SHOWN).iterrows():
        response = r["first_response"]
        waited = f"{response:%Y-%m-%d %H:%M}" if pd.notna(response) else "no response yet"
        over = duration(float(r["late_minutes"])) + ("" if pd.notna(response) else " so far")  # the result's one figure
        rows.append(
            [
                _e(r["case_id"]),
                _e(r["product"]),
                f"P{int(r['priority'])}",
                _e(f"{r['opened']:%Y-%m-%d %H:%M}"),
                _e(f"{r['due']:%Y-%m-%d %H:%M}") if pd.notna(r["due"]) else "",
                _e(waited),
                _e(over),
            ]
        )
    more = len(late) - BREACHES_SHOWN
    tail = f"<p class='muted'>… and {more} more (the SLA tab lists them all).</p>" if more > 0 else ""
    headers = ["Case", "Product", "Pri", "Opened (UTC)", "Due (UTC)", "First response", "Late by (on its clock)"]
    return _table(headers, rows) + tail


def _contacts(brief: RenewalBrief) -> str:
    sheet = brief.sheet
    named = [line for line in sheet.contacts if line.contact.named]
    if sheet.limits:
        parts = []
        for limit in sheet.limits:
            text = f"{limit.count} of {limit.limit} named contacts ({limit.option.label})"
            parts.append(f"<p><span class='bad'>{_e(text)}</span></p>" if limit.over else f"<p>{_e(text)}</p>")
    else:
        parts = [f"<p>{len(named)} named contact{'s' if len(named) != 1 else ''}; no add-on limits them.</p>"]
    # the limit's line above says over the limit (it is every named contact's state); a star marks only who is
    # outside the add-on's region, as the Named Contacts tab tones them
    where = dict(zip((id(line) for line in sheet.contacts), outside_region(sheet), strict=True))
    picked = {id(line) for line in sorted(named, key=lambda line: not where[id(line)])[:6]}  # outside: never "more"
    shown = [line for line in named if id(line) in picked]  # in the book's order
    if shown:
        names = ", ".join(_e(line.contact.name) + (" *" if where[id(line)] else "") for line in shown)
        more = f" and {len(named) - len(shown)} more" if len(named) > len(shown) else ""
        regions = list(dict.fromkeys(where[id(line)] for line in shown if where[id(line)]))
        starred = f" (* outside {' or '.join(regions)})" if regions else ""
        parts.append(f"<p class='muted'>{names}{more}{_e(starred)}</p>")
    return "".join(parts)


def _dates(brief: RenewalBrief) -> str:
    if not brief.dates_ahead:
        return "<p class='muted'>No key dates ahead.</p>"
    several = len(brief.terms) > 1
    rows = []
    for d in brief.dates_ahead[:DATES_SHOWN]:
        cls = "bad" if d.overdue else "warn" if d.due_soon else ""
        status = f'<span class="{cls}">{_e(d.status)}</span>' if cls else _e(d.status)
        event = f"{d.product}: {d.date.event}" if several else d.date.event
        rows.append([_e(f"{d.date.day:%Y-%m-%d}"), f"<b>{_e(event)}</b>" if d.date.is_action else _e(event), status])
    more = len(brief.dates_ahead) - DATES_SHOWN
    tail = f"<p class='muted'>… and {more} more (the report's Key Dates lists them all).</p>" if more > 0 else ""
    return _table(["Date", "Key date", "Status"], rows) + tail


def _evidence(comparison: Comparison, with_cases: bool) -> str:
    verb = "up to" if comparison.direction is Direction.UPGRADE else "down to"
    title = f"<p><b>{_e(comparison.product)}: {_e(comparison.current.name)} {verb} {_e(comparison.other.name)}</b></p>"
    sentences = comparison.sentences() if with_cases else ["No case log loaded: the evidence is the term's real cases."]
    said = "".join(f"<li>{_e(s)}</li>" for s in sentences)
    moves = []
    if comparison.gained:
        moves.append(f"<p><span class='good'>Would add:</span> {_e('; '.join(comparison.gained))}</p>")
    if comparison.lost:
        moves.append(f"<p><span class='bad'>Would lose:</span> {_e('; '.join(comparison.lost))}</p>")
    if comparison.direction is Direction.DOWNGRADE and comparison.late_case_ids and not comparison.same_promise:
        ids = ", ".join(comparison.late_case_ids[:10])
        moves.append(f"<p>Cases {_e(comparison.other.name)} would have breached: {_e(ids)}</p>")
    return f"{title}<ul style='margin-top:0; margin-bottom:0'>{said}</ul>{''.join(moves)}"


def _evidence_all(brief: RenewalBrief) -> str:
    why = f"<p class='muted'>{_e(brief.no_evidence)}</p>" if brief.no_evidence else ""
    return "".join(_evidence(c, brief.by_priority is not None) for c in brief.evidence) + why


def evidence_title(brief: RenewalBrief) -> str:
    others = list(dict.fromkeys(c.other.name for c in brief.evidence))
    if not others:
        return "Another program"
    ups = all(c.direction is Direction.UPGRADE for c in brief.evidence)
    return f"{'Upgrade' if ups else 'Program'} evidence: against {' / '.join(others)}"


NO_CASE_LOG = (
    "<h2>First responses</h2><p class='muted'>No case log loaded: load the customer's case log beside the book "
    "(--cases LOG, or Add Files in the app) for its first responses on time by month and by priority, and its P1 "
    "and P2 breaches.</p>"
)


def brief_html(brief: RenewalBrief, chart: bool = True, points: float = PAPER_POINTS) -> str:
    """The customer's renewal brief as one HTML page; the chart is the image CHART_URL when ``chart``. Its text is
    ``points`` large (the page's 8; on screen, the app's font size), headings and chart in proportion."""
    sheet = brief.sheet
    width, height = (round(size * points / PAPER_POINTS) for size in CHART_SIZE)
    if not brief.months:
        picture = f"<p class='muted'>{_e(brief.months_note)}</p>" if brief.months_note else ""
    else:
        drawn = f"<img src='{CHART_URL}' width='{width}' height='{height}'>" if chart else ""
        picture = f"{drawn}<p class='muted'>{_e(brief.months_note)}; cases opened each month, met / (met + breached).</p>"
    side_by_side = (
        "<table width='100%' cellspacing='0'><tr>"
        f"<td width='55%' style='padding:0 8px 0 0'><h2>First responses on time, by month</h2>{picture}</td>"
        f"<td style='padding:0'><h2>By priority, in the term</h2>{_by_priority(brief)}</td>"
        "</tr></table>"
    )
    people_and_dates = (
        "<table width='100%' cellspacing='0'><tr>"
        f"<td width='45%' style='padding:0 8px 0 0'><h2>Named contacts</h2>{_contacts(brief)}</td>"
        f"<td style='padding:0'><h2>Key dates ahead</h2>{_dates(brief)}</td>"
        "</tr></table>"
    )
    sections = [
        f"<h1>{_e(sheet.name)}: renewal brief</h1>",
        f"<p class='sub'>As of {sheet.as_of:%Y-%m-%d} · {_e(sheet.state.label)} · term in review: {_e(brief.window.label)}</p>",
        f"<p class='bad'>{_e(sheet.draft)}</p>" if sheet.draft else "",  # as the entitlement sheet: errors named
        "<h2>The term in review and what it included</h2>",
        _terms(brief),
        *(
            [side_by_side, "<h2>P1 and P2 breaches in the term</h2>", _breaches(brief), _lapsed(brief)]
            if brief.by_priority is not None
            else [NO_CASE_LOG]  # said once, not under three empty headings
        ),
        people_and_dates,
        "<h2>What changed since the previous term</h2>",
        "".join(f"<p>{_e(line)}</p>" for line in brief.changes) or "<p class='muted'>No previous term.</p>",
        f"<h2>{_e(evidence_title(brief))}</h2>",
        _evidence_all(brief),
    ]
    return f"<html><head><style>{scaled(BRIEF_STYLE, points)}</style></head><body>{''.join(sections)}</body></html>"


def _lapsed(brief: RenewalBrief) -> str:
    """Cases opened since a product's last term ended, which no term judged: the meeting's first question (the
    report's Actions list them too)."""
    return "".join(
        f"<p><span class='bad'>After the term: {_e(lapse.text)}, under no contract.</span> "
        f"{_e(lapse.to_do[:1].upper() + lapse.to_do[1:])}.</p>"
        for lapse in brief.sheet.lapses
    )


def header_text(brief: RenewalBrief) -> str:
    draft = "DRAFT · " if brief.sheet.errors else ""
    return f"{draft}Renewal brief · as of {brief.sheet.as_of:%Y-%m-%d} · catalog {brief.sheet.catalog.version}"
