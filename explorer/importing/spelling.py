"""Case customers spelled a little differently from the contract's: "Contoso, Ltd." for Contoso Ltd.

Help desks keep their own organisation names, typed by agents, while the contract book keeps the CRM's. A
case whose customer matches no contract customer as written is matched where the two names are the same
words once punctuation and trailing legal suffixes (catalog values.legal_suffix) are set aside, and only
where that names one customer of the book: a looser guess would judge a case under another company's terms.
"""

from __future__ import annotations

import re

import pandas as pd

from explorer.catalog import Catalog
from explorer.importing.cases import categorical
from explorer.model import Contract, Finding, Severity, Source, customer_key

SHOWN = 4  # names quoted in the finding


def loose_name(name: str, suffixes: frozenset[str]) -> str:
    """The name's words, case-folded, without punctuation and trailing legal suffixes ("contoso" for "Contoso, Ltd.")."""
    words = re.sub(r"[^\w]+", " ", name.casefold()).split()
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    if len(words) > 2 and " ".join(words[-2:]) in suffixes:  # "Kabushiki Kaisha"
        words = words[:-2]
    return " ".join(words)


def match_by_spelling(cases: pd.DataFrame, contracts: list[Contract], catalog: Catalog) -> list[Finding]:
    """Cases whose customer no contract names take the one contract customer of the same loose name.
    Changes ``cases`` in place; one info finding per file says which names were matched to which."""
    if cases.empty or not contracts:
        return []
    names = {customer_key(c.customer): c.customer.strip() for c in contracts}
    loose: dict[str, set[str]] = {}
    for key, name in names.items():
        loose.setdefault(loose_name(name, catalog.legal_suffixes), set()).add(key)
    given = pd.unique(cases["customer"].to_numpy(dtype=object))
    found = {}
    for name in given:
        text = str(name)
        if not text or customer_key(text) in names:
            continue
        keys = loose.get(loose_name(text, catalog.legal_suffixes), set())
        if len(keys) == 1:
            found[text] = names[next(iter(keys))]
    if not found:
        return []
    was = cases["customer"].astype(object)
    hit = was.isin(list(found))
    cases["customer"] = was.where(~hit, was.map(found))
    cases["customer_key"] = categorical(cases["customer"], customer_key)
    findings = []
    for file, index in cases.index[hit].to_series().groupby(cases.loc[hit, "file"].astype(str), sort=False):
        spelled = dict.fromkeys(str(was[i]) for i in index)
        quoted = ", ".join(f"'{name}' as {found[name]}" for name in list(spelled)[:SHOWN])
        more = f" and {len(spelled) - SHOWN} more" if len(spelled) > SHOWN else ""
        count = len(index)
        findings.append(
            Finding(
                Severity.INFO,
                f"{count} case{'s' if count != 1 else ''} matched to a customer whose name differs only in "
                f"punctuation or a legal suffix: {quoted}{more}.",
                Source(str(file), str(cases.at[index.iloc[0], "sheet"])),
            )
        )
    return findings
