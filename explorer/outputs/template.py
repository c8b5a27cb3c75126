"""An empty contract book with the canonical columns, drop-downs and instructions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from explorer.atomic import write_atomically
from explorer.catalog import AddOn, Catalog

BASE_COLUMNS = [
    ("Customer", 28),
    ("Product", 22),
    ("Tier", 16),
    ("Start", 12),
    ("End", 12),
    ("Initial Term Start", 18),
    ("Region", 10),
    ("Country", 14),
    ("Time Zone", 22),
    ("State/Province", 16),
]
CONTACT_COLUMNS = [("Customer", 28), ("Name", 24), ("Email", 30), ("Region", 10), ("Named", 10)]
HOLIDAY_COLUMNS = [("Date", 12), ("Holiday", 28), ("Country", 12), ("State/Province", 16), ("Status", 10)]
ROWS_WITH_CHECKS = 2000


def contract_columns(catalog: Catalog) -> list[tuple[str, int]]:
    """The canonical contract columns: the fixed ones, then one per catalog add-on."""
    return BASE_COLUMNS + [
        (a.column, max([len(a.column) + 2, *(len(o.label) + 3 for o in a.options.values())])) for a in catalog.addons.values()
    ]


def write_template(target: Path, catalog: Catalog) -> Path:
    def write(path: Path) -> None:
        from xlsxwriter.utility import xl_col_to_name

        from explorer.outputs.report.writer import new_workbook

        book = new_workbook(path)  # catalog names are data: written as text, never a live formula
        header = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        lists = book.add_worksheet("Lists")
        products = [p.name for p in catalog.products.values()]
        programs = list(
            dict.fromkeys(
                catalog.programs[p].name for prod in catalog.products.values() for p in catalog.program_ids_by_rank(prod)
            )
        )
        addons = list(catalog.addons.values())
        choices = [
            products,
            programs,
            *([o.label for o in a.options.values()] for a in addons if a.options),
            ["Yes", "No"],
            ["Closed", "Open"],
        ]
        for col, values in enumerate(choices):
            for row, value in enumerate(values):
                lists.write_string(row, col, value)
        lists.hide()

        def source(col: int, count: int) -> str:
            letter = xl_col_to_name(col)
            return f"=Lists!${letter}$1:${letter}${count}"

        def sheet(name: str, columns: list[tuple[str, int]]) -> Any:
            ws = book.add_worksheet(name)
            for c, (title, width) in enumerate(columns):
                ws.write_string(0, c, title, header)
                ws.set_column(c, c, width)
            ws.freeze_panes(1, 0)
            return ws

        contracts = sheet("Contracts", contract_columns(catalog))
        yes_no, status = len(choices) - 2, len(choices) - 1
        checks = {1: source(0, len(products)), 2: source(1, len(programs))}
        option_list = 2
        for i, addon in enumerate(addons, start=len(BASE_COLUMNS)):
            if addon.options:
                checks[i] = source(option_list, len(addon.options))
                option_list += 1
            else:
                checks[i] = source(yes_no, 2)
        for col, allowed in checks.items():
            contracts.data_validation(
                1,
                col,
                ROWS_WITH_CHECKS,
                col,
                {
                    "validate": "list",
                    "source": allowed,
                    "error_type": "warning",
                    "error_message": "Not a value the catalog knows; the app will report it.",
                },
            )
        for col in (3, 4, 5):
            contracts.set_column(col, col, 12, day)
            contracts.data_validation(
                1,
                col,
                ROWS_WITH_CHECKS,
                col,
                {
                    "validate": "date",
                    "criteria": ">",
                    "minimum": date(2000, 1, 1),
                    "error_type": "warning",
                    "error_message": "Enter a date, e.g. 2026-01-15.",
                },
            )
        contacts = sheet("Named contacts", CONTACT_COLUMNS)
        contacts.data_validation(1, 4, ROWS_WITH_CHECKS, 4, {"validate": "list", "source": source(yes_no, 2)})
        holidays = sheet("Holidays", HOLIDAY_COLUMNS)
        holidays.set_column(0, 0, 12, day)
        holidays.data_validation(1, 4, ROWS_WITH_CHECKS, 4, {"validate": "list", "source": source(status, 2)})
        _instructions(book, catalog, products, programs, addons)
        book.close()

    return write_atomically(target, write)


def _addon_line(addon: AddOn, catalog: Catalog) -> str:
    sold = " or ".join(catalog.addon_sold_with(addon.id))
    values = " or ".join(o.label for o in addon.options.values()) if addon.options else "Yes or No"
    return f"{addon.column}: {values}" + (f" ({sold} only)" if sold else "")


def _instructions(book: Any, catalog: Catalog, products: list[str], programs: list[str], addons: list[AddOn]) -> None:
    ws = book.add_worksheet("Instructions")
    title = book.add_format({"bold": True, "font_size": 14})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 110)
    shorts = " and ".join(a.short for a in addons)
    limited = [a.short for a in addons if a.limits_contacts]
    lines = [
        ("Entitlement Explorer contract book", title),
        (
            "One row per contract (customer and product) on the Contracts sheet. Title rows above the header and "
            "extra columns of your own are fine; they are kept and shown.",
            wrap,
        ),
        (f"Product: one of {', '.join(products)}.", wrap),
        (f"Tier: one of {', '.join(programs)} (Auth0: Enterprise or Premier; blank means Enterprise).", wrap),
        (
            "Start / End: the Order Form dates. Initial Term Start: only for renewals of add-ons, the start of the "
            f"first term (it sets the {shorts} mobilization dates).",
            wrap,
        ),
        (
            "Dates: real date cells are best; 2026-01-15, 15.01.2026 and 15 Jan 2026 are read too. "
            "03/04/2026 is ambiguous unless another row of the column shows which part is the day.",
            wrap,
        ),
        (
            "Time Zone: an IANA name such as Europe/Berlin or America/New_York. Country: a name or ISO code; "
            "it selects the public holidays of business-hours support. Blank country: taken from the time zone.",
            wrap,
        ),
        (
            "State/Province: for state, provincial or cantonal holidays, a code (NSW, AU-NSW, BY, CA) or a name "
            "(New South Wales, Bavaria, California). Blank: taken from the time zone where it lies in one state "
            "(Australia/Sydney is New South Wales), else the national holidays only.",
            wrap,
        ),
        (". ".join(_addon_line(a, catalog) for a in addons) + ".", wrap),
        (
            "Named contacts: one row per person; Named = Yes for the "
            + (" and ".join(f"{s}'s" for s in limited) or "add-ons'")
            + " named contacts.",
            wrap,
        ),
        (
            "Holidays: company closing days that stop the business-hours clock (blank country = every customer; "
            "blank state = the whole country). Status Open: the customer works that day, so a public holiday on it "
            "does not stop the clock.",
            wrap,
        ),
        (f"Rules: catalog {catalog.version}. Run 'explorer terms' to see them.", wrap),
    ]
    for row, (text, fmt) in enumerate(lines):
        ws.write_string(row, 0, text, fmt)
    ws.activate()
