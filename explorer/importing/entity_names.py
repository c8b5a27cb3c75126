"""NetSuite's customer names: the entity number it puts before a name where auto-generated numbers are on
('1042 Acme Corp'), and a sub-customer written as its parent's path ('Globex Holdings : Globex GmbH'). Another
tool's case log or contacts list names 'Acme Corp' and 'Globex GmbH', so those are read, where the column writes
most of its names so: a book whose one name starts with a number ('1 800 Flowers') keeps it."""

from __future__ import annotations

import re
from collections.abc import Sequence

NUMBERED = re.compile(r"\d+\s+(.*[^\W\d_].*)")  # an entity number, a space, then a name with a letter in it
PATH = re.compile(r"\s+:\s+")  # NetSuite joins a parent and its child with ' : '
EXAMPLES = 2


def entity_name(written: str) -> str:
    """The customer a NetSuite name names: the last part of its path, without its entity number."""
    last = PATH.split(written.strip())[-1]
    numbered = NUMBERED.fullmatch(last)
    return numbered[1].strip() if numbered else last


def entity_names(written: Sequence[str], used: Sequence[bool]) -> tuple[list[str], str]:
    """(each distinct name of a customer column read as an entity's, what was read, for an info), or (the names
    as written, "") where most of the distinct names ``used`` by records are not written with a number before
    them or a parent's path."""
    filled = [w for w, u in zip(written, used, strict=True) if u and w.strip()]
    shaped = [w for w in filled if entity_name(w) != w.strip()]
    if not shaped or 2 * len(shaped) <= len(filled):
        return list(written), ""
    shown = "; ".join(f"'{w}' is {entity_name(w)}" for w in shaped[:EXAMPLES])
    rest = len(shaped) - EXAMPLES  # said as names, not as more customers the last example maps to
    more = f"; and {rest} more name{'s' if rest > 1 else ''} read so" if rest > 0 else ""
    said = (
        "Customer names read as NetSuite writes them, its entity number before the name and a sub-customer's parent "
        f"path (' : ') set aside, so they match the same customer in other files: {shown}{more}. The name as written "
        "is kept beside the row."
    )
    return [entity_name(w) if w.strip() else w for w in written], said
