"""Email addresses as people paste them: ``Jane Doe <jane@northwind.test>`` from Outlook, ``mailto:`` links.

The address is what matches a case's requester to a named contact and what the sheet shows;
the standard library's email.utils reads the display-name form.
"""

from __future__ import annotations

import re

ANGLED = re.compile(r"(.*?)\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>")
# An address written beside its name by hand: "Liam Ortiz (liam@x.test)", "mia@x.test - Mia Chen", "Mia: mia@x"
BESIDE = re.compile(r"[^\s<>()\[\],;:@]+@[^\s<>()\[\],;:@]+\.[^\s<>()\[\],;:@]+")
JOINERS = " \t()[]-\u2013\u2014:|/,\"'"


def address(text: str) -> tuple[str, str]:
    """(the address, the display name written with it) of ``text``; the text itself where it holds no other form."""
    raw = text.strip()
    if raw.casefold().startswith("mailto:"):
        raw = raw[len("mailto:") :].split("?", 1)[0].strip()
    if "<" not in raw:
        return _beside(raw)
    from email.utils import parseaddr  # only for the rare column that needs it: the email package costs a start-up

    name, found = parseaddr(raw)
    if "@" in found:
        return found, name.strip()
    written = ANGLED.fullmatch(raw)  # a display name with an unquoted comma, "Smith, Jane <jane@x>", defeats parseaddr
    return (written.group(2), written.group(1).strip(' "')) if written else (raw, "")


def _beside(raw: str) -> tuple[str, str]:
    """(the address, the name written beside it) of a cell holding one address and words around it; the text itself
    where it holds no address, or the address alone."""
    found = BESIDE.findall(raw)
    if len(found) != 1 or raw == found[0]:
        return raw, ""
    name = " ".join(re.sub(r"(?i)mailto:", " ", raw.replace(found[0], " ")).split()).strip(JOINERS)
    return (found[0], name) if name and "@" not in name else (raw, "")
