"""What a table's kept columns (TableMatch.extra) are read for: the one list `check`'s info and `explorer map`'s
mapping file both say, so a column a rule reads is never called "not used".

The per-row rules name their columns through explorer.importing.kept's USES; the named contacts listed in a row
and the line item kept beside a tier column are told by the table (row_contacts, tables.tier_by_values).
"""

from __future__ import annotations

from explorer.catalog import Catalog
from explorer.importing.headers import fiscal_sets
from explorer.importing.kept import read_for
from explorer.importing.row_contacts import contact_columns
from explorer.importing.tables import TableMatch

CONTACTS = "the named contacts the row lists"
LINE_ITEM = "each row's line item: an add-on's line, whatever the tier cell says"
TERM_RANGE = "the term: each cell a range of two dates"
TERM_LENGTH = "the term length: its cells are lengths"
FISCAL_TERM = "a fiscal year's term, read as a term of its own"  # year_columns.fiscal_rows


def kept_reads(match: TableMatch, catalog: Catalog) -> dict[int, str]:
    """Column index -> what it is read for, of the match's kept columns some rule reads (a contracts table's)."""
    if match.kind != "contracts":
        return {}
    out = dict.fromkeys(contact_columns(match, catalog), CONTACTS)
    for fiscal in fiscal_sets(match.headers, match.columns):
        out |= {i: FISCAL_TERM for i in fiscal.columns.values() if i in match.extra}
    if match.line_column is not None and match.line_column in match.extra:
        out[match.line_column] = LINE_ITEM
    for index, header in match.extra.items():
        if index not in out and (what := read_for(header, catalog)) is not None:
            out[index] = what
    return dict(sorted(out.items()))
