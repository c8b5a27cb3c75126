"""Email addresses as people paste them: ``Jane Doe <jane@northwind.test>`` from Outlook, ``mailto:`` links.

The address is what matches a case's requester to a named contact and what the sheet shows;
the standard library's email.utils reads the display-name form.
"""

from __future__ import annotations


def address(text: str) -> tuple[str, str]:
    """(the address, the display name written with it) of ``text``; the text itself where it holds no other form."""
    raw = text.strip()
    if raw.casefold().startswith("mailto:"):
        raw = raw[len("mailto:") :].split("?", 1)[0].strip()
    if "<" not in raw:
        return raw, ""
    from email.utils import parseaddr  # only for the rare column that needs it: the email package costs a start-up

    name, found = parseaddr(raw)
    return (found, name.strip()) if "@" in found else (raw, "")
