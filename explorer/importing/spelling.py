"""Case and contact customers spelled a little differently from the contract's: "Contoso, Ltd." for Contoso Ltd.

Help desks keep their own organisation names, typed by agents, and a contacts list kept apart its own, while
the contract book keeps the CRM's. A case's or named contact's customer that matches no contract customer as
written is matched where the two names are the same words once accents, punctuation and trailing legal
suffixes (catalog values.legal_suffix) are set aside, and only where that names one customer of the book: a
looser guess would judge a case under another company's terms, or count a contact against its limit. A
contract book's own names are never matched this way; spellings that split one contract's history between
two customers get a warning instead (name_variants).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

import pandas as pd

from explorer import history
from explorer.catalog import Catalog, fold
from explorer.importing.cases import categorical
from explorer.model import Contact, Contract, Finding, Severity, Source, customer_key

SHOWN = 4  # names quoted in the finding


@functools.lru_cache(maxsize=1 << 16)  # a book's names, asked by the cases', the contacts' and the variants' checks
def loose_name(name: str, suffixes: frozenset[str]) -> str:
    """The name's words, case-folded, without accents, punctuation and trailing legal suffixes ("contoso" for
    "Contoso, Ltd."; "societe generale" for "Société Générale")."""
    bare = name.casefold()
    if not bare.isascii():
        bare = "".join(ch for ch in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(ch))
    words = re.sub(r"[^\w]+", " ", bare).split()
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    if len(words) > 2 and " ".join(words[-2:]) in suffixes:  # "Kabushiki Kaisha"
        words = words[:-2]
    return " ".join(words)


def spelled_alike(given: Iterable[str], contracts: list[Contract], catalog: Catalog) -> dict[str, str]:
    """Each given name that no contract names as written -> the one contract customer of the same loose name."""
    names = {customer_key(c.customer): c.customer.strip() for c in contracts}
    unknown = [text for text in given if text and customer_key(text) not in names]
    if not unknown:  # the usual book: every name as the contracts write it
        return {}
    loose: dict[str, set[str]] = {}
    for key, name in names.items():
        loose.setdefault(loose_name(name, catalog.legal_suffixes), set()).add(key)
    found = {}
    for text in unknown:
        keys = loose.get(loose_name(text, catalog.legal_suffixes), set())
        if len(keys) == 1:
            found[text] = names[next(iter(keys))]
    return found


def _said(what: str, count: int, spelled: Iterable[str], found: dict[str, str], source: Source) -> Finding:
    """The info finding of one file's (or sheet's) matches, quoting each spelling and the customer it names."""
    spelled = list(dict.fromkeys(spelled))
    quoted = ", ".join(f"'{name}' as {found[name]}" for name in spelled[:SHOWN])
    more = f" and {len(spelled) - SHOWN} more" if len(spelled) > SHOWN else ""
    return Finding(
        Severity.INFO,
        f"{count} {what}{'s' if count != 1 else ''} matched to a customer whose name differs only in "
        f"punctuation, accents or a legal suffix: {quoted}{more}.",
        source,
    )


def match_by_spelling(cases: pd.DataFrame, contracts: list[Contract], catalog: Catalog) -> list[Finding]:
    """Cases whose customer no contract names take the one contract customer of the same loose name.
    Changes ``cases`` in place; one info finding per file says which names were matched to which."""
    if cases.empty or not contracts:
        return []
    found = spelled_alike((str(n) for n in pd.unique(cases["customer"].to_numpy(dtype=object))), contracts, catalog)
    if not found:
        return []
    was = cases["customer"].astype(object)
    hit = was.isin(list(found))
    cases["customer"] = was.where(~hit, was.map(found))
    cases["customer_key"] = categorical(cases["customer"], customer_key)
    findings = []
    for file, index in cases.index[hit].to_series().groupby(cases.loc[hit, "file"].astype(str), sort=False):
        source = Source(str(file), str(cases.at[index.iloc[0], "sheet"]))
        findings.append(_said("case", len(index), (str(was[i]) for i in index), found, source))
    return findings


def contacts_by_spelling(
    contacts: list[Contact], contracts: list[Contract], catalog: Catalog
) -> tuple[list[Contact], list[Finding]]:
    """Named contacts whose customer no contract names take the one contract customer of the same loose name, as
    cases do (a contacts table kept apart from the CRM: "Acme Corp" for Acme Corp.); one info finding per sheet."""
    found = spelled_alike(dict.fromkeys(c.customer for c in contacts), contracts, catalog) if contracts else {}
    if not found:
        return contacts, []
    out = [replace(c, customer=found[c.customer]) if c.customer in found else c for c in contacts]
    by_sheet: dict[tuple[str, str], list[str]] = {}
    for c in contacts:
        if c.customer in found:
            by_sheet.setdefault((c.source.file, c.source.sheet), []).append(c.customer)
    findings = [_said("named contact", len(names), names, found, Source(*where)) for where, names in by_sheet.items()]
    return out, findings


def name_variants(contracts: list[Contract], catalog: Catalog) -> list[Finding]:
    """A warning where one contract's history seems split between two spellings of its customer: rows of one
    product whose names differ only in case, punctuation or a legal suffix and whose terms follow one another
    (concurrent terms are more likely two companies of a group), or rows sharing a CRM account id under two
    names (a rename). Names are not merged: the book says which is right, the warning says where to look."""
    out: list[Finding] = []
    by_loose: dict[tuple[str, str], dict[str, Contract]] = {}
    for c in contracts:
        if c.customer and c.product:
            by_loose.setdefault((loose_name(c.customer, catalog.legal_suffixes), c.product), {}).setdefault(
                customer_key(c.customer), c
            )
    for spellings in by_loose.values():
        rows = list(spellings.values())
        if len(rows) > 1 and not any(history.overlaps(a, b) for i, a in enumerate(rows) for b in rows[i + 1 :]):
            out.append(_split(rows, "are spelled alike (punctuation, accents or a legal suffix apart)"))
    by_id: dict[str, dict[str, Contract]] = {}
    for c in contracts:
        for header, value in c.extra.items():
            if fold(header) in catalog.account_id_headers and value.strip():
                by_id.setdefault(value.strip(), {}).setdefault(customer_key(c.customer), c)
    for account, names in by_id.items():
        if len(names) > 1:
            out.append(_split(list(names.values()), f"share the account id {account}"))
    return out


def _split(rows: list[Contract], why: str) -> Finding:
    first = rows[0]

    def where(c: Contract) -> str:  # "row 3" on the first row's sheet, else its file and sheet too
        same = (c.source.file, c.source.sheet) == (first.source.file, first.source.sheet) and c.source.row is not None
        return f"row {c.source.row}" if same else c.source.describe()

    named = [f"'{c.customer.strip()}' ({where(c)})" for c in rows]
    return Finding(
        Severity.WARNING,
        f"{', '.join(named[:-1])} and {named[-1]} {why}, so they may be one customer whose rows are read as "
        f"{len(rows)} customers, each with its own history and mobilization dates. If they are one, write the "
        "name the same way on every row.",
        first.source,
        "",
        first.customer,
        first.product or "",
    )
