"""Case and contact customers spelled a little differently from the contract's: "Contoso, Ltd." for Contoso Ltd.

Help desks keep their own organisation names, typed by agents, and a contacts list kept apart its own, while
the contract book keeps the CRM's. A case's or named contact's customer that matches no contract customer as
written is matched where the two names are the same words once accents, punctuation and trailing legal
suffixes (catalog values.legal_suffix) are set aside, and only where that names one customer of the book: a
looser guess would judge a case under another company's terms, or count a contact against its limit. A
trailing region or country in brackets or after a dash ("Globex (EMEA)", "Acme - Germany") tells one
customer's offices apart, not two companies: it is set aside too, but only where the name with it names no
customer (a book's "Globex EMEA Ltd" is closer to "Globex (EMEA)" than its "Globex GmbH" is). A name that
could be several customers, or one whose words begin another's ("Umbrella" for Umbrella Health), is not
matched; the finding that says so names them (could_be). A contract book's own names are never matched this
way; spellings that split one contract's history between two customers get a warning instead (name_variants).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

import pandas as pd
from rapidfuzz import fuzz, process

from explorer import history
from explorer.catalog import Catalog
from explorer.importing import kept
from explorer.importing.cases import categorical
from explorer.importing.places import region_of
from explorer.model import Book, Contract, Finding, Severity, Source, customer_key

SHOWN = 4  # names quoted in the finding
SUGGEST_SCORE = 70  # rapidfuzz's WRatio a customer's loose name needs to be suggested for a name that names none
# "Globex (EMEA)", "Acme - Germany": a name, then a trailing qualifier in brackets or after a spaced dash
# A cell naming several organisations: Jira joins a case's Organizations with ', ', HubSpot its associations with ';'
SEVERAL = re.compile(r"\s*[,;\n]\s*")
QUALIFIED = re.compile(r"^(?P<name>.*?\S)(?:\s*\((?P<paren>[^()]+)\)|\s+[-\u2013\u2014]\s+(?P<dash>[^()\-\u2013\u2014]+?))\s*$")


@functools.lru_cache(maxsize=1 << 16)  # a book's names, asked by the cases', the contacts' and the variants' checks
def loose_name(name: str, suffixes: frozenset[str]) -> str:
    """The name's words, case-folded, without accents, punctuation and trailing legal suffixes ("contoso" for
    "Contoso, Ltd."; "societe generale" for "Société Générale")."""
    bare = name.casefold()
    if not bare.isascii():
        bare = "".join(ch for ch in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(ch))
    words = re.sub(r"[^\w]+", " ", bare).split()
    tails, longest = _suffix_words(suffixes)
    cut = True
    while cut and len(words) > 1:  # the longest suffix first: "Kabushiki Kaisha", "s.r.o.", "Sp. z o.o.", then "Ltd"
        cut = False
        for n in range(min(longest, len(words) - 1), 0, -1):
            if tuple(words[-n:]) in tails:
                del words[-n:]
                cut = True
                break
    return " ".join(words)


@functools.lru_cache(maxsize=8)
def _suffix_words(suffixes: frozenset[str]) -> tuple[frozenset[tuple[str, ...]], int]:
    """The suffixes as the words a name is split into ('s.r.o.' is s, r, o), and the most words one has."""
    tails = frozenset(tuple(re.sub(r"[^\w]+", " ", s).split()) for s in suffixes) - {()}
    return tails, max((len(t) for t in tails), default=0)


def unqualified(name: str, catalog: Catalog) -> str:
    """``name`` without a trailing region or country in brackets or after a dash ("Globex" for "Globex (EMEA)",
    "Acme - Germany", "Initech (US)"); any other name, and any other qualifier ("(Labs)"), as it is."""
    match = QUALIFIED.match(name)
    if match is None:
        return name
    region, _ = region_of(match["paren"] or match["dash"], catalog)
    return match["name"] if region in catalog.regions.values() else name


class BookNames:
    """A book's customers by their loose names, to say which customer another file's spelling names."""

    def __init__(self, customers: Iterable[str], catalog: Catalog):
        self.catalog = catalog
        self.names = {customer_key(name): name.strip() for name in customers}
        self.loose: dict[str, set[str]] = {}
        self.bare: dict[str, set[str]] = {}  # without a region qualifier
        self.by_word: dict[str, dict[str, str]] = {}  # first word -> bare loose name -> key: where 'near' looks
        for key, name in self.names.items():
            self.loose.setdefault(self._loose(name), set()).add(key)
            bare = self._loose(unqualified(name, catalog))
            self.bare.setdefault(bare, set()).add(key)
            self.by_word.setdefault(bare.split(" ", 1)[0], {})[bare] = key

    def _loose(self, name: str) -> str:
        return loose_name(name, self.catalog.legal_suffixes)

    def alike(self, text: str) -> list[str]:
        """The customers ``text`` is spelled like (the one it names where there is one): the ones of its loose
        name, else of its loose name without a region qualifier."""
        keys = self.loose.get(self._loose(text)) or self.bare.get(self._loose(unqualified(text, self.catalog)), set())
        return sorted((self.names[k] for k in keys), key=str.casefold)

    def near(self, text: str) -> list[str]:
        """The customers whose loose name begins with ``text``'s words, or whose words ``text``'s begins with
        ("Umbrella" and Umbrella Health): the ones a person would ask about, never matched."""
        bare = self._loose(unqualified(text, self.catalog))
        found = [
            self.names[key]
            for other, key in self.by_word.get(bare.split(" ", 1)[0], {}).items()
            if other != bare and (other.startswith(f"{bare} ") or bare.startswith(f"{other} "))
        ]
        return sorted(found, key=str.casefold)

    def could_be(self, text: str) -> list[str]:
        """The customers an unmatched ``text`` could be: the several it is spelled like, else the near ones."""
        alike = self.alike(text)
        return alike if len(alike) > 1 else self.near(text)

    def named(self, text: str) -> str | None:
        """The customer ``text`` names: as written, else the one it is spelled like; None for none or several."""
        if (key := customer_key(text)) in self.names:
            return self.names[key]
        alike = self.alike(text)
        return alike[0] if len(alike) == 1 else None

    def several(self, text: str) -> list[str]:
        """The customers a cell naming several writes ("Acme Corp, Globex GmbH"), where each of its parts names one
        and they are two or more; else none ("Contoso, Ltd." is one name: 'Ltd.' names no customer)."""
        parts = [part for part in SEVERAL.split(text) if part]
        named = [self.named(part) for part in parts] if len(parts) > 1 else []
        if not named or None in named:
            return []
        distinct = list(dict.fromkeys(n for n in named if n is not None))
        return distinct if len(distinct) > 1 else []

    def closest(self, text: str) -> list[str]:
        """What to suggest for a name that names no one customer: the customers it could be, else the ones
        spelled most like it (rapidfuzz, on the loose names)."""
        if found := self.could_be(text):
            return found
        loose = {key: self._loose(name) for key, name in self.names.items()}
        near = process.extract(self._loose(text), loose, scorer=fuzz.WRatio, limit=SHOWN, score_cutoff=SUGGEST_SCORE)
        return [self.names[key] for _, _, key in near]


def could_be_said(names: list[str]) -> str:
    """'could be Umbrella Health or Umbrella Health Labs; it is matched to neither' (after the name quoted)."""
    if len(names) == 1:
        return f"could be {names[0]}; it is not matched to it (write the name as the contract book does)"
    listed = ", ".join(names[: SHOWN - 1] if len(names) > SHOWN else names[:-1])
    last = f"{len(names) - SHOWN + 1} more" if len(names) > SHOWN else names[-1]
    return f"could be {listed} or {last}; it is matched to {'neither' if len(names) == 2 else 'none of them'}"


def several_said(names: list[str], why: str = "") -> str:
    """'names 2 customers of the book, Acme Corp and Globex GmbH; it is matched to neither' (after the name quoted),
    with ``why`` ('both hold Okta') before the verdict."""
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    verdict = "neither" if len(names) == 2 else "none of them"
    return f"names {len(names)} customers of the book, {listed}{f', and {why}' if why else ''}; it is matched to {verdict}"


def spelled_alike(
    given: Iterable[str], contracts: list[Contract], catalog: Catalog
) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """(each given name that no contract names as written -> the one contract customer it is spelled like, each
    other such name's key -> what could_be_said of the customers it could be, where there are any, each name that
    names several customers -> those customers)."""
    known = {customer_key(c.customer) for c in contracts}
    unknown = [text for text in given if text and customer_key(text) not in known]
    found: dict[str, str] = {}
    could: dict[str, str] = {}
    several: dict[str, list[str]] = {}
    if not unknown:  # the usual book: every name as the contracts write it
        return found, could, several
    names = BookNames((c.customer for c in contracts), catalog)
    for text in unknown:
        alike = names.alike(text)
        if len(alike) == 1:
            found[text] = alike[0]
        elif named := names.several(text):  # before could_be: 'Acme Corp, Globex GmbH' begins Acme Corp's name
            several[text] = named
            could[customer_key(text)] = several_said(named)
        elif candidates := names.could_be(text):
            could[customer_key(text)] = could_be_said(candidates)
    return found, could, several


def _said(what: str, count: int, spelled: Iterable[str], found: dict[str, str], source: Source) -> Finding:
    """The info finding of one file's (or sheet's) matches, quoting each spelling and the customer it names."""
    spelled = list(dict.fromkeys(spelled))
    quoted = ", ".join(f"'{name}' as {found[name]}" for name in spelled[:SHOWN])
    more = f" and {len(spelled) - SHOWN} more" if len(spelled) > SHOWN else ""
    return Finding(
        Severity.INFO,
        f"{count} {what}{'s' if count != 1 else ''} matched to a customer whose name differs only in "
        f"punctuation, accents, a legal suffix or a region: {quoted}{more}" + ("" if (quoted + more).endswith(".") else "."),
        source,
    )


def match_by_spelling(cases: pd.DataFrame, book: Book, catalog: Catalog) -> list[Finding]:
    """Cases whose customer no contract names take the one contract customer of the same loose name.
    Changes ``cases`` in place and adds to ``book.could_be``; one info finding per file says which names were
    matched to which."""
    if cases.empty or not book.contracts:
        return []
    given = (str(n) for n in pd.unique(cases["customer"].to_numpy(dtype=object)))
    found, could, several = spelled_alike(given, book.contracts, catalog)
    book.could_be.update(could)
    findings = _by_product(cases, several, book, catalog) if several else []
    if not found:
        return findings
    was = cases["customer"].astype(object)
    hit = was.isin(list(found))
    cases["customer"] = was.where(~hit, was.map(found))
    cases["customer_key"] = categorical(cases["customer"], customer_key)
    for file, index in cases.index[hit].to_series().groupby(cases.loc[hit, "file"].astype(str), sort=False):
        source = Source(str(file), str(cases.at[index.iloc[0], "sheet"]))
        findings.append(_said("case", len(index), (str(was[i]) for i in index), found, source))
    return findings


def _by_product(cases: pd.DataFrame, several: dict[str, list[str]], book: Book, catalog: Catalog) -> list[Finding]:
    """Cases whose customer cell names several customers of the book, each matched to the one of them that holds its
    product where exactly one does (an info per cell and product); for the rest, ``book.could_be`` says why not.
    Changes ``cases`` in place."""
    holds = {(customer_key(c.customer), c.product) for c in book.contracts if c.product}
    findings = []
    for text, names in several.items():
        rows = cases.index[cases["customer"].astype(object) == text]
        left: dict[str | None, list[str]] = {}  # the case's product -> the customers holding it, where not one
        products = cases.loc[rows, "product"].astype(object).fillna("")
        for product, group in rows.to_series().groupby(products, sort=False):
            index = group.to_numpy()
            known = product if product in catalog.products else None
            holders = [n for n in names if known and (customer_key(n), known) in holds]
            if known is None or len(holders) != 1:
                left[known] = holders
                continue
            cases.loc[index, "customer"] = holders[0]
            first = cases.loc[index[0]]
            ids = [str(i) for i in cases.loc[index, "case_id"]]
            shown = ", ".join(ids[:SHOWN]) + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")
            said = (
                f"{'Cases' if len(ids) > 1 else 'Case'} {shown}: '{text}' names {len(names)} customers of the book, "
                f"{', '.join(names[:-1])} and {names[-1]}; only {holders[0]} holds {catalog.products[known].name}, so "
                f"{'they are' if len(ids) > 1 else 'it is'} matched to it."
            )
            where = Source(str(first["file"]), str(first["sheet"]), int(first["row"]))
            column = book.case_columns.get((where.file, where.sheet), {}).get("customer", "")
            findings.append(Finding(Severity.INFO, said, where, column, holders[0]))
        if left:
            book.could_be[customer_key(text)] = several_said(names, _why_not(left, len(names), catalog))
    if findings:
        cases["customer_key"] = categorical(cases["customer"], customer_key)
    return findings


def _why_not(left: dict[str | None, list[str]], count: int, catalog: Catalog) -> str:
    """Why cases naming ``count`` customers matched none: which of them hold the case's product (``left``)."""
    if len(left) > 1:
        return "not exactly one of them holds the case's product"
    ((product, holders),) = left.items()
    if product is None:
        return "the case names no product to tell them by"
    name = catalog.products[product].name
    if not holders:
        return f"{'neither' if count == 2 else 'none of them'} holds {name}"
    return f"{'both' if len(holders) == 2 == count else f'{len(holders)} of them'} hold {name}"


def contacts_by_spelling(book: Book, catalog: Catalog) -> list[Finding]:
    """Named contacts whose customer no contract names take the one contract customer of the same loose name, as
    cases do (a contacts table kept apart from the CRM: "Acme Corp" for Acme Corp.); one info finding per sheet.
    Changes ``book.contacts`` and ``book.could_be``."""
    contacts = book.contacts
    if not book.contracts:
        return []
    found, could, _ = spelled_alike(dict.fromkeys(c.customer for c in contacts), book.contracts, catalog)
    book.could_be.update(could)
    if not found:
        return []
    out = [replace(c, customer=found[c.customer]) if c.customer in found else c for c in contacts]
    by_sheet: dict[tuple[str, str], list[str]] = {}
    for c in contacts:
        if c.customer in found:
            by_sheet.setdefault((c.source.file, c.source.sheet), []).append(c.customer)
    book.contacts = out
    return [_said("named contact", len(names), names, found, Source(*where)) for where, names in by_sheet.items()]


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
        for _, value in kept.ACCOUNT_ID.named(c.extra, catalog):
            if value.strip():
                by_id.setdefault(value.strip(), {}).setdefault(customer_key(c.customer), c)
    for account, names in by_id.items():
        if len(names) > 1:
            out.append(_split(list(names.values()), f"share the account id {account}"))
    return out


def _split(rows: list[Contract], why: str) -> Finding:
    first = rows[0]

    named = [f"'{c.customer.strip()}' ({c.source.seen_from(first.source)})" for c in rows]
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
