"""The Summary sheet: what a manager reads first, on one portrait page.

Headlines in words, the counts, compliance per priority against the target line,
how each clock in use counts time, the holiday data behind it, the assumptions
that apply to the exported customers, and the source files with their SHA-256.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from typing import Any

import pandas as pd

from explorer.outputs.report.build import ReportData
from explorer.outputs.report.cells import HEADLINE_POINTS, Formats, write_text
from explorer.outputs.report.glyphs import POINT_SIZE, merged_width, wrapped_lines
from explorer.outputs.report.layout import LINE_POINTS, catalog_footer
from explorer.shown import shown_name

WIDTHS = [24, 17, 10, 10, 10, 10, 13, 10]  # A: labels; B-H: values, the compliance table, merged text
TEXT_WIDTH = merged_width(WIDTHS[1:])  # text merged across B-H
PRIORITY_COLUMNS = ["Priority", "Cases", "Met", "Breached", "Pending", "At Risk", "Compliance %", "Target"]
GREEN, RED, BLUE = "#63BE7B", "#F8696B", "#1F4E78"
CHART_MET, CHART_BELOW = 9, 10  # hidden columns J and K: compliance at or above the target, and below it


def summary_sheet(book: Any, data: ReportData, f: Formats) -> None:
    ws = book.add_worksheet("Summary")
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    ws.write_string(0, 0, "SLA and entitlement report", f.title)
    row = 2
    facts: list[tuple[str, Any]] = [
        ("As of", data.as_of),
        ("Generated (UTC)", data.generated.replace(tzinfo=None)),
        ("Catalog version", data.catalog_version),
        ("Customers", ", ".join(data.customers) if data.customers else "All"),
    ]
    if data.compliance_by_priority is not None:
        facts.append(("Compliance window", data.window))
    for label, value in facts:
        ws.write_string(row, 0, label, f.label)
        if isinstance(value, datetime):
            ws.write_datetime(row, 1, value, f.datetime_left)
        elif isinstance(value, date):
            ws.write_datetime(row, 1, datetime(value.year, value.month, value.day), f.date_left)
        else:
            write_text(ws, row, 1, str(value), f.text, f.quoted)
        row += 1
    row = _section(ws, row + 1, "At a glance", f)
    for line in headlines(data):
        row = _text_row(ws, row, "", line, f, f.headline)
    row = _section(ws, row + 1, "Counts", f)
    for label, value in data.counts:
        ws.write_string(row, 0, label, f.text)
        ws.write_number(row, 1, value, f.integer_right)  # digits under digits
        row += 1
    if data.compliance_by_priority is not None:
        row = _compliance(book, ws, row + 1, data, f)
    if data.clocks:
        row = _section(ws, row + 1, "How the clocks count", f)
        for label, words, definition in data.clocks:
            said = f"{words[:1].upper()}{words[1:]}." if words else ""
            row = _text_row(ws, row, label, f"{said} Definition: {definition}.".strip(), f, f.wrap)
    if data.case_period is not None:
        row = _section(ws, row + 1, "Public holidays", f)
        row = _text_row(ws, row, "Data", holidays_line(data), f, f.wrap)
    row = _section(ws, row + 1, "Assumptions and definitions", f)
    for title, text in data.assumptions:
        row = _text_row(ws, row, title, text, f, f.wrap)
    row = _section(ws, row + 1, "Source files", f)
    for file, digest in data.sources:
        row = _source_rows(ws, row, shown_name(file), digest, f)
    ws.set_portrait()
    ws.fit_to_pages(1, 1)  # one page: the Actions sheet starts on the second
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_header(f"&L&8Entitlement Explorer: SLA report as of {data.as_of:%Y-%m-%d}&R&8Summary")
    ws.set_footer(catalog_footer(data.catalog_version))
    ws.activate()


def headlines(data: ReportData) -> list[str]:
    """The report in three or four sentences; the cases no figure counts first, as `explorer check` counts them
    (ReportData.uncounted): a report whose cases all missed the book must not read as fine."""
    out = []
    if data.uncounted is not None and (said := data.uncounted.sentence()):
        out.append(said)
    actions = data.sheets.get("Actions")
    if actions is not None and len(actions):
        listed = ", ".join(
            f"{issue[:1].lower() if issue[1:2].islower() else issue[:1]}{issue[1:]} {n}"
            for issue, n in _issue_counts(actions["Issue"].tolist())
        )
        out.append(
            f"{len(actions)} thing{'s' if len(actions) != 1 else ''} to act on ({listed}): "
            "the Actions sheet says who, what and where."
        )
    elif actions is not None:
        out.append("Nothing needs action: no recent P1 or P2 breach, no deadline due, no contract error.")
    table = data.compliance_by_priority
    if table is not None and len(table):
        met, breached = int(table["Met"].sum()), int(table["Breached"].sum())
        below = [
            str(p)
            for p, v in zip(table["priority"], table["Compliance %"], strict=True)
            if pd.notna(v) and v < data.compliance_target
        ]
        overall = f"{met / (met + breached):.1%}" if met + breached else "not yet measurable"
        out.append(
            f"First responses on time, {data.window[:1].lower()}{data.window[1:]}: {overall} against a "
            f"{data.compliance_target:.0%} target; "
            + (
                f"below target: {', '.join(below)}."
                if below
                else "every priority meets it."
                if met + breached
                else "no case is decided yet."
            )
        )
    elif next((v for k, v in data.counts if k == "Cases"), 0):  # cases, none in any priority's row: said, not a blank
        out.append(
            f"First responses on time, {data.window[:1].lower()}{data.window[1:]}: no case counts toward compliance "
            "(each is out of scope, matched to no contract, in no term in force or not evaluated: see the Cases sheet's "
            "Outcome)."
        )
    errors = data.contract_errors  # a case log's errors about cases not counted are that headline's, not these
    if errors:
        out.append(
            f"{errors} contract error{'s make' if errors != 1 else ' makes'} answers for the rows "
            f"{'they name' if errors != 1 else 'it names'} unreliable: see Findings."
        )
    return out


def _issue_counts(issues: list[str]) -> list[tuple[str, int]]:
    """Each issue with its count, in the Actions sheet's order of urgency; P1 before P2 where the sheet ranks them
    alike (late answers are listed newest first, whatever their priority)."""
    first: dict[str, int] = {}
    for position, issue in enumerate(issues):
        first.setdefault(_PRIORITY.sub("P", issue), position)
    return sorted(Counter(issues).items(), key=lambda item: (first[_PRIORITY.sub("P", item[0])], item[0]))


_PRIORITY = re.compile(r"\bP\d\b")


def holidays_line(data: ReportData) -> str:
    """Which holiday data judged the cases, and each calendar's count of holidays in the case period."""
    assert data.case_period is not None
    first, last = data.case_period
    calendars = "; ".join(
        f"{label}: {len(closed)} holiday{'s' if len(closed) != 1 else ''}"
        + (f", {len(opened)} opened by the book" if opened else "")
        for label, closed, opened in data.holidays_used
    )
    return (
        f"The holidays package {data.holidays_version}. From {first:%Y-%m-%d} to {last:%Y-%m-%d} (first case "
        f"opened to last due time) the business-hours clocks closed on "
        + (f"{calendars}; each day is listed on the Holidays sheet." if calendars else "no public holiday.")
    )


def _section(ws: Any, row: int, title: str, f: Formats) -> int:
    ws.merge_range(row, 0, row, len(WIDTHS) - 1, title, f.section)
    return row + 1


def _text_row(ws: Any, row: int, label: str, text: str, f: Formats, fmt: Any) -> int:
    """A label in A and text merged across B-H, the row as tall as the wrapped text needs."""
    size = HEADLINE_POINTS if fmt is f.headline else POINT_SIZE
    lines = max(wrapped_lines(text, TEXT_WIDTH, size=size), wrapped_lines(label, WIDTHS[0], bold=True))
    ws.set_row(row, LINE_POINTS * lines * size / POINT_SIZE)
    write_text(ws, row, 0, label, f.label_wrap, f.label_wrap)
    ws.merge_range(row, 1, row, len(WIDTHS) - 1, "", fmt)
    write_text(ws, row, 1, text, fmt, fmt)
    return row + 1


def _source_rows(ws: Any, row: int, name: str, digest: str, f: Formats) -> int:
    """A source file's name on a row of its own, whole (merged across B-H and wrapped, the row as tall as it takes),
    and its SHA-256 on the row below: a name in A alone was cut at the hash column on paper, and the name is the
    only link between the hash and the file."""
    lines = wrapped_lines(name, TEXT_WIDTH)
    if lines > 1:
        ws.set_row(row, LINE_POINTS * lines)
    ws.write_string(row, 0, "File", f.label)
    ws.merge_range(row, 1, row, len(WIDTHS) - 1, "", f.wrap)
    write_text(ws, row, 1, name, f.wrap, f.wrapped_quoted)
    ws.write_string(row + 1, 0, "SHA-256", f.label)
    ws.write_string(row + 1, 1, digest, f.small)
    return row + 2


def _compliance(book: Any, ws: Any, row: int, data: ReportData, f: Formats) -> int:
    table = data.compliance_by_priority
    assert table is not None
    row = _section(ws, row, f"First-response compliance by priority (target {data.compliance_target:.0%})", f)
    opened = (
        "All cases opened" + data.window[len("All cases") :]
        if data.window.startswith("All cases")
        else (f"Cases opened in {data.window[:1].lower()}{data.window[1:]}")
    )
    row = _text_row(ws, row, "Window", f"{opened}.", f, f.wrap)
    for c, h in enumerate(PRIORITY_COLUMNS):
        ws.write_string(row, c, h, f.header)
    first = row + 1
    for record in table.to_dict("records"):
        row += 1
        ws.write_string(row, 0, str(record["priority"]))
        for c, h in enumerate(PRIORITY_COLUMNS[1:6], start=1):
            ws.write_number(row, c, int(record[h]), f.integer)
        value = record["Compliance %"]
        if pd.notna(value):
            met = value >= data.compliance_target
            ws.write_number(row, 6, float(value), f.colour_percent["green" if met else "red"])
            ws.write_number(row, CHART_MET if met else CHART_BELOW, float(value))  # the chart's series, by colour
        else:
            ws.write_string(row, 6, "n/a", f.text)
        ws.write_number(row, 7, data.compliance_target, f.percent)
    last = row
    if last < first:
        return row + 2
    # One series per colour, so the legend's swatches are the bars' colours; their cells are hidden columns.
    ws.set_column(CHART_MET, CHART_BELOW, None, None, {"hidden": True})
    chart = book.add_chart({"type": "column"})
    for name, column, colour in (("At or above target", CHART_MET, GREEN), ("Below target", CHART_BELOW, RED)):
        chart.add_series(
            {
                "name": name,
                "categories": ["Summary", first, 0, last, 0],
                "values": ["Summary", first, column, last, column],
                "gap": 80,
                "overlap": 100,
                "fill": {"color": colour},
                "border": {"none": True},
                "data_labels": {"value": True, "num_format": "0.0%", "position": "inside_base"},
            }
        )
    chart.show_hidden_data()
    target = book.add_chart({"type": "line"})
    target.add_series(
        {
            "name": f"Target {data.compliance_target:.0%}",
            "categories": ["Summary", first, 0, last, 0],
            "values": ["Summary", first, 7, last, 7],
            "marker": {"type": "none"},
            "line": {"color": BLUE, "width": 2.25, "dash_type": "dash"},
        }
    )
    chart.combine(target)
    chart.set_title({"name": "On time, by priority", "name_font": {"size": 11, "bold": True}})
    chart.set_y_axis(
        {
            "min": 0,
            "max": 1,
            "num_format": "0%",
            "major_unit": 0.25,
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 600, "height": 260})
    ws.insert_chart(row + 2, 0, chart, {"x_offset": 4})
    return row + 2 + 14
