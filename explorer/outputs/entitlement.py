"""The one-page entitlement sheet's content, as HTML for Qt's rich-text document (Qt-free).

Everything comes from the customer's CustomerSheet on the as-of day: the terms
shown are the ones in force (else the latest), so a renewal or an ended contract
reads as the app shows it. explorer.gui.entitlement_sheet lays it out on paper.
Text from the book is HTML-escaped: a customer called "<b>" prints as written.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from explorer.app import periods
from explorer.app.sheet import ContractSheet, CustomerSheet

STYLE = """
body { font-size: 8.5pt; color: #1a1a1a; }
h1 { font-size: 16pt; color: #1F4E78; margin: 0; }
h2 { font-size: 10pt; color: #1F4E78; margin-top: 7px; margin-bottom: 2px; border-bottom: 1px solid #1F4E78; }
p.sub { color: #555555; margin-top: 0; margin-bottom: 2px; }
table { border-collapse: collapse; }
th { background-color: #1F4E78; color: #ffffff; font-weight: bold; text-align: left; padding: 1px 5px; }
td { padding: 1px 5px; vertical-align: top; }
td.num { text-align: center; }
.bad { color: #9C0006; font-weight: bold; }
.warn { color: #9C5700; }
.muted { color: #777777; }
"""
TICK, EMPTY = "\u2611", "\u2610"  # ballot boxes: included / not included


def _e(text: object) -> str:
    return escape(str(text))


def _table(headers: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()) -> str:
    """A table; cells are already HTML (escaped by the caller)."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f'<table width="100%" cellspacing="0"><tr>{head}</tr>{body}</table>'


def _shown(sheet: CustomerSheet) -> list[ContractSheet]:
    """Per product, the term in force (else the latest ended, else the next to start)."""
    return [p.shown for p in sheet.products()]


def _products(sheet: CustomerSheet, shown: list[ContractSheet]) -> str:
    rows = []
    for c in shown:
        contract = c.contract
        status = c.status.value
        cls = "" if c.in_force else ' class="warn"'
        rows.append(
            [
                f"<b>{_e(c.product)}</b>",
                _e(c.program),
                _e(f"{contract.term_start:%Y-%m-%d}") if contract.term_start else "",
                _e(f"{contract.term_end:%Y-%m-%d}") if contract.term_end else "",
                f"<span{cls}>{_e(status)}</span>",
            ]
        )
    return _table(["Product", "Program", "Term start", "Ends", "On the as-of day"], rows)


def _benefits(shown: list[ContractSheet]) -> str:
    parts = []
    for c in shown:
        if not c.benefits:
            continue
        cells = [
            f"{TICK if b.included else EMPTY} "
            + (_e(b.label) if b.included else f'<span class="muted">{_e(b.label)}</span>')
            + (f' <span class="muted">({_e(b.detail)})</span>' if b.included and b.detail else "")
            for b in c.benefits
        ]
        half = (len(cells) + 1) // 2
        rows = "".join(
            f"<tr><td width='50%'>{cells[i]}</td><td>{cells[i + half] if i + half < len(cells) else ''}</td></tr>"
            for i in range(half)
        )
        title = f"<p><b>{_e(c.product)} {_e(c.program)}</b></p>" if len(shown) > 1 else ""
        parts.append(f"{title}<table width='100%' cellspacing='0'>{rows}</table>")
    return "".join(parts) or "<p class='muted'>No program recognised.</p>"


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h" if minutes % 60 == 0 else f"{minutes} min"


def _targets(shown: list[ContractSheet]) -> str:
    rows = []
    for c in shown:
        if not c.targets:
            continue
        by_priority = {t.target.priority: t for t in c.targets}
        clocks = list(dict.fromkeys(t.target.calendar.label for t in c.targets))
        clock = (
            clocks[0]
            if len(clocks) == 1
            else "; ".join(
                f"P{'–P'.join(str(p) for p in sorted({t.target.priority for t in c.targets if t.target.calendar.label == k}))}"
                f": {k}"
                for k in clocks
            )
        )
        words = list(dict.fromkeys(t.target.calendar.words for t in c.targets if t.target.calendar.words))
        rows.append(
            [
                f"<b>{_e(c.product)}</b> {_e(c.program)}",
                *(_e(_hours(by_priority[p].target.minutes)) if p in by_priority else "–" for p in (1, 2, 3, 4)),
                _e(clock) + (f'<br><span class="muted">{_e("; ".join(words))}</span>' if words else ""),
            ]
        )
    if not rows:
        return "<p class='muted'>No targets: no program recognised.</p>"
    return _table(["Product", "P1", "P2", "P3", "P4", "Clock"], rows, numeric=(1, 2, 3, 4))


def _addons(shown: list[ContractSheet]) -> str:
    rows = []
    for c in shown:
        deadline = next((d for d in c.dates if d.date.is_action), None)
        for a in c.addons:
            available = f"{a.available:%Y-%m-%d}" if a.available else ""
            rows.append(
                [
                    f"<b>{_e(a.label)}</b> ({_e(c.product)})",
                    _e(available),
                    _e(f"{deadline.date.day:%Y-%m-%d} ({deadline.status.lower()})") if deadline else "",
                ]
            )
        if c.addons and c.administrative_days is not None:
            rows.append(["<span class='muted'>Administrative Days this term</span>", "", _e(f"{c.administrative_days}")])
    if not rows:
        return "<p class='muted'>No add-ons.</p>"
    return _table(["Add-on", "Available from", "Renewal request by"], rows)


def _dates(sheet: CustomerSheet, shown: list[ContractSheet]) -> str:
    rows = []
    for c in shown:
        for d in c.dates:
            status = d.status + (" (marked done)" if d.mark.done else "")
            cls = "bad" if d.status == "Overdue" else "warn" if d.status == "Due soon" else ""
            rows.append(
                [
                    _e(f"{d.date.day:%Y-%m-%d}"),
                    _e(f"{c.product}: {d.date.event}"),
                    f'<span class="{cls}">{_e(status)}</span>' if cls else _e(status),
                ]
            )
    rows.sort(key=lambda r: r[0])
    return _table(["Date", "Key date", "Status"], rows) if rows else "<p class='muted'>No key dates.</p>"


def _contacts(sheet: CustomerSheet) -> str:
    limits = sheet.limits
    if not limits:
        named = sum(1 for line in sheet.contacts if line.contact.named)
        return f"<p>{named} named contact{'s' if named != 1 else ''}; no add-on limits them.</p>"
    parts = []
    for limit in limits:
        verdict = (
            f'<span class="bad">{limit.count} of {limit.limit} named contacts</span> — '
            f"{limit.count - limit.limit} over the {_e(limit.option.label)} limit"
            if limit.over
            else f"{limit.count} of {limit.limit} named contacts ({_e(limit.option.label)})"
        )
        parts.append(f"<p>{verdict}</p>")
        if limit.over:
            names = ", ".join(_e(c.name) for c in limit.named)
            parts.append(f"<p>Counting against the limit: {names}</p>")
        if limit.outside_region:
            names = ", ".join(f"{_e(c.name)} ({_e(c.region)})" for c in limit.outside_region)
            parts.append(
                f'<p><span class="warn">Outside the {_e(limit.addon.short)}\'s region '
                f"({_e(limit.contract.region)}):</span> {names}</p>"
            )
    return "".join(parts)


def _rate(table: pd.DataFrame, priority: int) -> str:
    row = table[table["priority"] == priority]
    if row.empty:
        return "–"
    value, cases = row["Compliance %"].iloc[0], int(row["Cases"].iloc[0])
    return f"{value:.0%} of {cases}" if pd.notna(value) else f"n/a ({cases} open)"


def _compliance(sheet: CustomerSheet, days: int) -> str:
    """Compliance by priority in the last ``days`` days and this term, each column headed by its window."""
    if sheet.cases is None:
        return "<p class='muted'>No case log loaded.</p>"
    chosen = (periods.recent(days), periods.TERM)
    tables = [sheet.compliance(p) for p in chosen]
    rows = [[f"P{p}", *(_e(_rate(t, p)) if t is not None else "–" for t in tables)] for p in (1, 2, 3, 4)]
    return _table(["Priority", *(sheet.window(p).label for p in chosen)], rows, numeric=(1, 2))


def _findings(sheet: CustomerSheet) -> str:
    if not sheet.findings:
        return "<p class='muted'>None.</p>"
    shown = sheet.findings[:6]
    items = "".join(
        f"<li><span class='{'bad' if f.severity.label == 'Error' else 'warn'}'>{_e(f.severity.label)}"
        f"</span>: {_e(f.message)}</li>"
        for f in shown
    )
    more = f"<p class='muted'>… and {len(sheet.findings) - len(shown)} more.</p>" if len(sheet.findings) > 6 else ""
    return f"<ul style='margin-top:0; margin-bottom:0'>{items}</ul>{more}"


def _conditions(shown: list[ContractSheet]) -> str:
    seen: dict[str, str] = {}
    for c in shown:
        for d in c.assumptions:
            seen.setdefault(d.title, d.text)
        for a in c.addons:
            if a.held.addon.during_mobilization:
                seen.setdefault(
                    f"{a.held.addon.short} mobilization",
                    f"Until {a.available:%Y-%m-%d}: {a.held.addon.during_mobilization}"
                    if a.available
                    else a.held.addon.during_mobilization,
                )
    if not seen:
        return "<p class='muted'>None beyond the program's terms.</p>"
    return "".join(f"<p><b>{_e(title)}.</b> {_e(text)}</p>" for title, text in seen.items())


def sheet_html(sheet: CustomerSheet, days: int | None = None) -> str:
    """The customer's one-page entitlement sheet as an HTML document."""
    days = days or sheet.catalog.settings.recent_days
    shown = _shown(sheet)
    state = sheet.state.label
    sections = [
        f"<h1>{_e(sheet.name)}</h1>",
        f"<p class='sub'>Support entitlements on {sheet.as_of:%Y-%m-%d} · {_e(state)}</p>",
        "<h2>Products and programs</h2>",
        _products(sheet, shown),
        "<h2>Benefits</h2>",
        _benefits(shown),
        "<h2>First-response targets</h2>",
        _targets(shown),
        "<h2>Add-ons</h2>",
        _addons(shown),
        "<h2>Key dates</h2>",
        _dates(sheet, shown),
        "<h2>Named contacts</h2>",
        _contacts(sheet),
        "<h2>SLA compliance (first responses on time)</h2>",
        _compliance(sheet, days),
        "<h2>Open findings</h2>",
        _findings(sheet),
        "<h2>Conditions that apply</h2>",
        _conditions(shown),
    ]
    return f"<html><head><style>{STYLE}</style></head><body>{''.join(sections)}</body></html>"


def header_text(sheet: CustomerSheet) -> str:
    return f"Entitlement sheet · as of {sheet.as_of:%Y-%m-%d} · catalog {sheet.catalog.version}"
