"""What changed between two versions of a contract book (Qt-free).

Contracts pair by (customer key, product), the key the importer uses, so a
trailing or non-breaking space is not a change. Within a pair's group, rows of
the same term (identical or overlapping dates) are one contract revised; a new
row whose term starts after an old term ended is that contract *renewed*, not a
removal plus an addition. Contacts pair by email, else by name. All pairing is
done with joins over whole frames; only the changed pairs are looked at one by
one, to work out the key dates they move through the rules.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as default
from datetime import date
from operator import attrgetter
from pathlib import Path

import numpy as np
import pandas as pd

from explorer import history, rules
from explorer.app.errors import WorkspaceError
from explorer.app.session import mapping_lookup
from explorer.app.workspace import SUFFIX as WORKSPACE_SUFFIX
from explorer.app.workspace import Workspace, open_workspace
from explorer.catalog import Catalog
from explorer.importing.book import load_book
from explorer.importing.safety import UnreadableFile
from explorer.model import Book, Contact, Contract, customer_key, fold_text
from explorer.shown import shown_name

# The Changes sheet's columns (explorer.outputs.changes writes them). Pinned by tests and documented in the
# README: people filter and build on this sheet.
CHANGE_COLUMNS = ["Customer", "Product", "Change", "Field", "Old", "New", "Key Dates Affected"]


class ChangeKind(enum.Enum):
    """In the order they are counted and listed (the Change column's values, outputs.changes.CHANGE_KINDS)."""

    ADDED = "Added"
    REMOVED = "Removed"
    RENEWED = "Renewed"
    CHANGED = "Changed"
    UPGRADE = "Upgrade"
    DOWNGRADE = "Downgrade"
    CONTACT_ADDED = "Contact added"
    CONTACT_REMOVED = "Contact removed"
    CONTACT_CHANGED = "Contact changed"


KIND_ORDER = {k.value: i for i, k in enumerate(ChangeKind)}
# Besides CHANGE_COLUMNS, BookDiff.changes holds: key (customer key), old_row and new_row (index into the
# book's contracts or contacts, -1 for none), target ("contract" or "contact"), field (a field id, see below)
# and moves (a tuple of KeyDateMove).
_CUSTOMER = attrgetter("customer")
_NO_DAY = -(2**40)  # a missing start sorts before every term; a missing end after
_FAR_DAY = 2**40
_ANY_DAY = date(2000, 1, 1)  # key-date statuses play no part in a comparison; only the days do


@dataclass(frozen=True)
class KeyDateMove:
    event: str
    old: date | None
    new: date | None

    def text(self) -> str:
        return f"{self.event} {_day_text(self.old) or 'none'} → {_day_text(self.new) or 'none'}"


@dataclass
class BookDiff:
    changes: pd.DataFrame
    warnings: list[str]
    old_files: list[str]
    new_files: list[str]
    catalog_version: str = ""

    def counts(self) -> dict[str, int]:
        """Rows of each kind, every kind listed, in ChangeKind order."""
        found = self.changes["Change"].value_counts()
        return {k.value: int(found.get(k.value, 0)) for k in ChangeKind}

    def changed_customers(self) -> set[str]:
        """Customer keys with at least one change."""
        return set(self.changes["key"].tolist())

    def of_customer(self, name: str) -> pd.DataFrame:
        return self.changes[self.changes["key"] == customer_key(name)]


@dataclass
class Version:
    """One version of a book, as read for a comparison."""

    book: Book
    missing: list[str]  # files a workspace names that are not there (the rest was read)


def load_version(files: Sequence[str | Path], catalog: Catalog, progress: Callable[[str], None] | None = None) -> Version:
    """Read a version of the book from its files or from saved workspaces (their contract books).

    Read as the app and the other commands read: with the workspaces' column mappings and those the user
    saved. Case logs play no part in a comparison and are not read. Raises UnreadableFile or WorkspaceError.
    """
    version = Workspace()
    missing: list[str] = []
    for name in map(str, files):
        if name.endswith(WORKSPACE_SUFFIX):
            opened = open_workspace(name)
            version.files += opened.workspace.files
            version.mappings += opened.workspace.mappings
            missing += opened.missing
        else:
            version.files.append(name)
    if not version.files:
        raise WorkspaceError(f"{', '.join(shown_name(f) for f in files)}: names no contract book that can be found")
    book = load_book(version.files, (), catalog, progress=progress, saved=mapping_lookup(version, catalog))
    if not book.contracts:  # compared with nothing, every contract would read as added or removed
        said = next((f.message for f in book.findings if f.message.startswith("No contract was read")), "no contract was read")
        raise UnreadableFile(version.files[0], f"nothing to compare: {said[:1].lower()}{said[1:]}")
    return Version(book, missing)


# -- contract fields ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Field:
    id: str
    label: str
    value: Callable[[Contract], Hashable]  # equal values are no change
    show: Callable[[Contract], str]
    take: Callable[[Contract, Contract], Contract]  # the first contract with this field of the second
    text: bool = False  # compared as customer names are: trimmed, case-folded, stray spaces collapsed


def _attr_field(attr: str, label: str, show: Callable[[Contract], str], text: bool = False) -> _Field:
    return _Field(attr, label, attrgetter(attr), show, lambda a, b: replace(a, **{attr: getattr(b, attr)}), text)


def _with_addon(contract: Contract, addon_id: str, source: Contract) -> Contract:
    """``contract`` holding ``addon_id`` as ``source`` does (or not at all)."""
    held = {a: o for a, o in contract.addons.items() if a != addon_id}
    if addon_id in source.addons:
        held[addon_id] = source.addons[addon_id]
    return replace(contract, addons=held)


def _addon_field(catalog: Catalog, addon_id: str) -> _Field:
    """Any add-on the catalog defines: No, Yes, or the option bought."""
    addon = catalog.addons[addon_id]

    def show(c: Contract) -> str:
        if addon_id not in c.addons:
            return "No"
        option = addon.options.get(c.addons[addon_id] or "")
        return option.label if option else "Yes"

    return _Field(
        f"addon:{addon_id}", addon.short, lambda c: c.addons.get(addon_id, False), show, lambda a, b: _with_addon(a, addon_id, b)
    )


def _contract_fields(catalog: Catalog) -> list[_Field]:
    def tier(c: Contract) -> str:
        program = rules.program_of(catalog, c)
        return program.name if program else c.program_text.strip()

    def text(attr: str, label: str) -> _Field:
        return _attr_field(attr, label, lambda c: " ".join(str(getattr(c, attr)).split()), text=True)

    return [
        _Field(
            "program",
            "Tier",
            lambda c: c.program or "?" + fold_text(c.program_text),
            tier,
            lambda a, b: replace(a, program=b.program, program_text=b.program_text),
        ),
        _attr_field("term_start", "Term Start", lambda c: _day_text(c.term_start)),
        _attr_field("term_end", "Term End", lambda c: _day_text(c.term_end)),
        _attr_field("initial_term_start", "Initial Term Start", lambda c: _day_text(c.initial_term_start)),
        text("region", "Region"),
        text("country", "Country"),
        text("subdivision", "State/Province"),
        text("time_zone", "Time Zone"),
        *(_addon_field(catalog, a) for a in catalog.addons),
    ]


TERM_FIELDS = ("term_start", "term_end")  # a renewal's own row says how these moved


# -- the comparison --------------------------------------------------------------------------------------------
def compare_books(old: Book, new: Book, catalog: Catalog) -> BookDiff:
    """Every change from ``old`` to ``new``, one row each, grouped by customer."""
    fields = _contract_fields(catalog)
    codes = _Codes(_Coder(lambda text: customer_key(catalog.region_for(text))))
    old_frame, new_frame = _contract_frame(old.contracts, fields, codes), _contract_frame(new.contracts, fields, codes)
    warnings = _overlap_warnings(old_frame, old.contracts, "old", catalog) + _overlap_warnings(
        new_frame, new.contracts, "new", catalog
    )
    same_o, same_n = _pair_same_terms(old_frame, new_frame)
    renew_o, renew_n, added = _renewals(old_frame, new_frame, same_n)
    removed = _removed(old_frame, new_frame, same_o)
    days = _KeyDays(catalog)
    revised = _field_changes(old.contracts, new.contracts, old_frame, new_frame, same_o, same_n, fields, catalog, days, False)
    parts = [
        _history_moves(old.contracts, new.contracts, same_o, same_n, revised, catalog, days),
        _field_changes(old.contracts, new.contracts, old_frame, new_frame, renew_o, renew_n, fields, catalog, days, True),
        _renewed_rows(old.contracts, new.contracts, renew_o, renew_n, catalog, days),
        _whole_rows(new.contracts, added, ChangeKind.ADDED, fields, catalog),
        _whole_rows(old.contracts, removed, ChangeKind.REMOVED, fields, catalog),
        _contact_changes(old.contacts, new.contacts, codes, catalog),
    ]
    changes = pd.DataFrame([row for part in parts for row in part], columns=_ALL_COLUMNS).astype(_DTYPES)
    names = _customer_names(set(changes["key"]), codes, old, new, old_frame, new_frame)
    changes["Customer"] = [names.get(k) or " ".join(c.split()) for k, c in zip(changes["key"], changes["Customer"], strict=True)]
    order = pd.DataFrame(
        {
            "customer": [c.casefold() for c in changes["Customer"]],
            "contact": changes["target"] == "contact",
            "product": [p.casefold() for p in changes["Product"]],
            "kind": changes["Change"].map(_LIST_ORDER),
            "field": [
                _FIELD_ORDER.get(f, 99) if t == "contract" else _CONTACT_ORDER[f]
                for f, t in zip(changes["field"], changes["target"], strict=True)
            ],
            "row": np.maximum(changes["new_row"], changes["old_row"]),
        }
    )
    ordered = order.sort_values(list(order.columns), kind="stable").index
    changes = changes.loc[ordered].reset_index(drop=True)
    return BookDiff(changes, warnings, list(old.files), list(new.files), catalog.version)


_ALL_COLUMNS = [*CHANGE_COLUMNS, "key", "old_row", "new_row", "target", "field", "moves"]
_DTYPES = {**dict.fromkeys(_ALL_COLUMNS, object), "old_row": np.int64, "new_row": np.int64}
_LIST_ORDER = {**KIND_ORDER, "Upgrade": KIND_ORDER["Changed"], "Downgrade": KIND_ORDER["Changed"]}  # fields in order
_FIELD_ORDER = {
    f: i
    for i, f in enumerate(
        ["", "term", "program", "term_start", "term_end", "initial_term_start", "region", "country", "subdivision", "time_zone"]
    )
}


def _customer_names(
    keys: set[str], codes: _Codes, old: Book, new: Book, old_frame: pd.DataFrame, new_frame: pd.DataFrame
) -> dict[str, str]:
    """Customer key -> the name as the new book writes it (the old book's where the customer is gone)."""
    by_code = {codes.keys.table[k]: k for k in keys if k in codes.keys.table}
    names = {}
    for book, frame in ((old, old_frame), (new, new_frame)):
        firsts = frame[frame["key"].isin(list(by_code))].drop_duplicates("key")
        names.update(
            {
                by_code[k]: " ".join(book.contracts[r].customer.split())
                for k, r in zip(firsts["key"].tolist(), firsts["row"].tolist(), strict=True)
            }
        )
    return names


class _Coder:
    """Integer codes for texts after folding, so that joins and compares hash small integers, not strings.

    One coder serves both books, so equal folded texts get equal codes on either side.
    """

    def __init__(self, fold: Callable[[str], str]) -> None:
        self.fold = fold
        self.table: dict[str, int] = {}  # folded text -> code
        self.known: dict[str, int] = {}  # text as written -> code
        self._by_code: list[str] = []

    def folded(self, text: str) -> str:
        """The folded form of a text this coder has seen."""
        if len(self._by_code) != len(self.table):
            self._by_code = list(self.table)  # codes are given in insertion order
        return self._by_code[self.known[text]]

    def __call__(self, values: list[str]) -> np.ndarray:
        known, table, fold = self.known, self.table, self.fold
        for v in dict.fromkeys(values):  # each text is folded once, though both books repeat it many times
            if v not in known:
                known[v] = table.setdefault(fold(v), len(table))
        return np.fromiter(map(known.__getitem__, values), dtype=np.int64, count=len(values))

    @property
    def blank(self) -> int:
        return self.table.setdefault("", len(self.table))


@dataclass
class _Codes:
    regions: _Coder  # synonyms are one region: Americas is AMER
    keys: _Coder = default(default_factory=lambda: _Coder(customer_key))  # customer names, and names of people
    texts: _Coder = default(default_factory=lambda: _Coder(customer_key))
    emails: _Coder = default(default_factory=lambda: _Coder(fold_text))
    ids: _Coder = default(default_factory=lambda: _Coder(str))  # already folded: products, programs


def _contract_frame(contracts: list[Contract], fields: list[_Field], codes: _Codes) -> pd.DataFrame:
    """One row per contract: its key, its term as day numbers, and each field's value to compare."""
    frame = pd.DataFrame(
        {
            "key": codes.keys(list(map(_CUSTOMER, contracts))),
            "product": codes.ids([c.product or fold_text(c.product_text) for c in contracts]),
            "start": np.array([c.term_start.toordinal() if c.term_start else _NO_DAY for c in contracts], dtype=np.int64),
            "end": np.array([c.term_end.toordinal() if c.term_end else _FAR_DAY for c in contracts], dtype=np.int64),
            "program": codes.ids([c.program or "" for c in contracts]),
            "row": np.arange(len(contracts), dtype=np.int64),
        }
    )
    # a term written end-before-start (an error finding of its own) still spans the days between its dates
    frame["start"], frame["end"] = np.minimum(frame["start"], frame["end"]), np.maximum(frame["start"], frame["end"])
    frame["nth"] = frame.groupby(["key", "product"], sort=False).cumcount()
    for field in fields:
        values = list(map(field.value, contracts))
        coder = codes.regions if field.id == "region" else codes.texts
        frame[f"f:{field.id}"] = coder(values) if field.text else pd.Series(values, dtype=object)  # type: ignore[arg-type]
    return frame


_TERM_COLUMNS = ["key", "product", "start", "end", "program", "nth", "row"]


def _pair_same_terms(old: pd.DataFrame, new: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """One-to-one pairs of rows holding the same term: identical rows first, then identical dates, then overlaps.

    Overlap as history.overlaps has it (a missing start has always started, a missing end never ends), over frames.
    """
    cand = old[_TERM_COLUMNS].merge(new[_TERM_COLUMNS], on=["key", "product"], suffixes=("_o", "_n"))
    cand = cand[(cand["start_o"] <= cand["end_n"]) & (cand["start_n"] <= cand["end_o"])]
    same_dates = (cand["start_o"] == cand["start_n"]) & (cand["end_o"] == cand["end_n"])
    cand = cand.assign(
        score=np.where(same_dates, np.where(cand["program_o"] == cand["program_n"], 0, 1), 2),
        dist=(cand["nth_o"] - cand["nth_n"]).abs(),
    ).sort_values(["score", "dist", "row_o", "row_n"], kind="stable")
    pairs = []
    while not cand.empty:  # each round takes every row's best free partner; groups are a few rows deep
        best = cand.drop_duplicates("row_n").drop_duplicates("row_o")
        pairs.append(best[["row_o", "row_n"]])
        cand = cand[~cand["row_o"].isin(best["row_o"]) & ~cand["row_n"].isin(best["row_n"])]
    both = pd.concat(pairs) if pairs else pd.DataFrame({"row_o": [], "row_n": []}, dtype=np.int64)
    return both["row_o"].to_numpy(np.int64), both["row_n"].to_numpy(np.int64)


def _renewals(old: pd.DataFrame, new: pd.DataFrame, paired_new: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(old rows, new rows) of renewals, and the new rows that are plain additions.

    A new row with no same-term partner renews the latest old term of its contract that ended before it starts.
    """
    free = new.loc[~new["row"].isin(paired_new), _TERM_COLUMNS]
    cand = old[_TERM_COLUMNS].merge(free, on=["key", "product"], suffixes=("_o", "_n"))
    cand = cand[cand["end_o"] < cand["start_n"]].sort_values(["end_o", "row_o"], kind="stable")
    latest = cand.drop_duplicates("row_n", keep="last").sort_values("row_n")
    added = free.loc[~free["row"].isin(latest["row_n"]), "row"]
    return latest["row_o"].to_numpy(np.int64), latest["row_n"].to_numpy(np.int64), added.to_numpy(np.int64)


def _removed(old: pd.DataFrame, new: pd.DataFrame, paired_old: np.ndarray) -> np.ndarray:
    """Old rows with no same-term partner that no new term follows (a followed one was renewed or is history)."""
    free = old.loc[~old["row"].isin(paired_old), _TERM_COLUMNS]
    cand = free.merge(new[_TERM_COLUMNS], on=["key", "product"], suffixes=("_o", "_n"))
    followed = cand.loc[cand["start_n"] > cand["end_o"], "row_o"]
    return free.loc[~free["row"].isin(followed), "row"].to_numpy(np.int64)


def _overlap_warnings(frame: pd.DataFrame, contracts: list[Contract], which: str, catalog: Catalog) -> list[str]:
    """Duplicates in the history's sense: rows of one contract whose terms overlap (a renewal does not)."""
    groups = frame.loc[frame.duplicated(["key", "product"], keep=False), ["key", "product", "row"]]
    out = []
    for rows in groups.groupby(["key", "product"], sort=False)["row"]:
        members = [contracts[r] for r in rows[1].tolist()]
        clashing = [c for i, c in enumerate(members) if any(history.overlaps(c, d) for j, d in enumerate(members) if i != j)]
        if clashing:
            first = clashing[0]
            places = "; ".join(filter(None, (c.source.describe() for c in clashing)))
            out.append(
                f"The {which} book has {len(clashing)} {first.customer.strip()} "
                f"{rules.product_name(catalog, first)} rows with overlapping terms"
                f"{f' ({places})' if places else ''}; they are compared in row order."
            )
    return out


def _product(catalog: Catalog, contract: Contract) -> str:
    return rules.product_name(catalog, contract)


class _KeyDays:
    """Each contract's key dates by event, as rules.key_dates computes them; a book's rows once each."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.memo: dict[int, tuple[Contract, dict[str, date]]] = {}

    def __call__(self, contract: Contract) -> dict[str, date]:
        known = self.memo.get(id(contract))
        if known is not None and known[0] is contract:
            return known[1]
        days = {k.event: k.day for k in rules.key_dates(self.catalog, contract, _ANY_DAY)}
        self.memo[id(contract)] = (contract, days)
        return days


def _moves(days: _KeyDays, before: Contract, after: Contract) -> tuple[KeyDateMove, ...]:
    """Key dates that differ between two versions of a contract."""
    old, new = days(before), days(after)
    events = [*old, *(e for e in new if e not in old)]
    return tuple(KeyDateMove(e, old.get(e), new.get(e)) for e in events if old.get(e) != new.get(e))


def _new_term_text(moves: tuple[KeyDateMove, ...]) -> str:
    """A renewal's dates: the old term keeps its own, so the new term's are listed, not shown as moved
    ("new term: Term start 2027-01-01; ...; no MCSE available" where the new term has no MCSE)."""
    said = [f"{m.event} {_day_text(m.new)}" if m.new else f"no {m.event}" for m in moves]
    return "new term: " + "; ".join(said) if said else ""


def _moves_text(moves: tuple[KeyDateMove, ...]) -> str:
    return "; ".join(m.text() for m in moves)


Row = tuple[str, str, str, str, str, str, str, str, int, int, str, str, tuple[KeyDateMove, ...]]


def _field_changes(
    old: list[Contract],
    new: list[Contract],
    old_frame: pd.DataFrame,
    new_frame: pd.DataFrame,
    rows_o: np.ndarray,
    rows_n: np.ndarray,
    fields: list[_Field],
    catalog: Catalog,
    days: _KeyDays,
    renewal: bool,
) -> list[Row]:
    """A row per field that differs between paired contracts; tiers say Upgrade or Downgrade by program rank."""
    out: list[Row] = []
    if not len(rows_o):
        return out
    for field in fields:
        if renewal and field.id in TERM_FIELDS:
            continue
        before = old_frame[f"f:{field.id}"].to_numpy()[rows_o]
        after = new_frame[f"f:{field.id}"].to_numpy()[rows_n]
        for i in np.flatnonzero(before != after).tolist():
            o, n = old[rows_o[i]], new[rows_n[i]]
            kind = ChangeKind.CHANGED
            if field.id == "program":
                po, pn = rules.program_of(catalog, o), rules.program_of(catalog, n)
                if po is not None and pn is not None and po.rank != pn.rank:
                    kind = ChangeKind.UPGRADE if pn.rank > po.rank else ChangeKind.DOWNGRADE
            # a revised term: the old contract with the new value; a renewal: the new term with the old value
            moves = _moves(days, field.take(n, o), n) if renewal else _moves(days, o, field.take(o, n))
            out.append(
                (
                    n.customer,
                    _product(catalog, n),
                    kind.value,
                    field.label,
                    field.show(o),
                    field.show(n),
                    _moves_text(moves),
                    n.key[0],
                    int(rows_o[i]),
                    int(rows_n[i]),
                    "contract",
                    field.id,
                    moves,
                )
            )
    return out


def _history_moves(
    old: list[Contract],
    new: list[Contract],
    rows_o: np.ndarray,
    rows_n: np.ndarray,
    revised: list[Row],
    catalog: Catalog,
    days: _KeyDays,
) -> list[Row]:
    """``revised`` (a term's field changes), each term's key dates that moved and no single field change explains
    added: where several fields changed at once (a tier and an add-on), or the dates rest on the contract's history
    (an Initial Term Start given, an earlier term added, which moves the add-ons' mobilization). They go with the
    term's first change, or on a row of their own where no field of the term changed."""
    explained: dict[tuple[int, int], set[str]] = {}
    first: dict[tuple[int, int], int] = {}
    for i, row in enumerate(revised):
        pair = (row[8], row[9])
        explained.setdefault(pair, set()).update(m.event for m in row[12])
        first.setdefault(pair, i)
    out = list(revised)
    for o, n in zip(rows_o.tolist(), rows_n.tolist(), strict=True):
        rest = tuple(m for m in _moves(days, old[o], new[n]) if m.event not in explained.get((o, n), set()))
        if not rest:
            continue
        if (o, n) in first:
            row = out[first[o, n]]
            moves = (*row[12], *rest)
            out[first[o, n]] = (*row[:6], _moves_text(moves), *row[7:12], moves)
            continue
        c = new[n]
        field = "Key dates moved by the contract's history (an earlier term, or another row of it)"
        out.append(
            (c.customer, _product(catalog, c), ChangeKind.CHANGED.value, field, "", "", _moves_text(rest), c.key[0], o, n)
            + ("contract", "key_dates", rest)
        )
    return out


def _term_text(c: Contract) -> str:
    return f"{_day_text(c.term_start) or '?'} – {_day_text(c.term_end) or '?'}"


def _renewed_rows(
    old: list[Contract], new: list[Contract], rows_o: np.ndarray, rows_n: np.ndarray, catalog: Catalog, days: _KeyDays
) -> list[Row]:
    out: list[Row] = []
    for i, j in zip(rows_o.tolist(), rows_n.tolist(), strict=True):
        o, n = old[i], new[j]
        moves = _moves(days, o, n)
        out.append(
            (
                n.customer,
                _product(catalog, n),
                ChangeKind.RENEWED.value,
                "Term",
                _term_text(o),
                _term_text(n),
                _new_term_text(moves),
                n.key[0],
                i,
                j,
                "contract",
                "term",
                moves,
            )
        )
    return out


def _describe_contract(fields: list[_Field], catalog: Catalog, c: Contract) -> str:
    program = rules.program_of(catalog, c)
    tier = program.name if program else c.program_text.strip() or "no tier"
    addons = ", ".join(
        f.show(c) if f.show(c) not in ("Yes", "No") else f.label
        for f in fields
        if f.id.startswith("addon:") and f.show(c) != "No"
    )
    return f"{tier}, {_term_text(c)}" + (f", {addons}" if addons else "")


def _whole_rows(
    contracts: list[Contract], rows: np.ndarray, kind: ChangeKind, fields: list[_Field], catalog: Catalog
) -> list[Row]:
    out: list[Row] = []
    for i in rows.tolist():
        c = contracts[i]
        text = _describe_contract(fields, catalog, c)
        old, new = ("", text) if kind is ChangeKind.ADDED else (text, "")
        out.append(
            (
                c.customer,
                _product(catalog, c),
                kind.value,
                "Contract",
                old,
                new,
                "",
                c.key[0],
                -1 if kind is ChangeKind.ADDED else i,
                i if kind is ChangeKind.ADDED else -1,
                "contract",
                "",
                (),
            )
        )
    return out


# -- contacts -------------------------------------------------------------------------------------------------
_CONTACT_FIELDS: list[tuple[str, str]] = [("name", "Name"), ("email", "Email"), ("region", "Region"), ("named", "Named")]
_CONTACT_SHOWN: dict[str, Callable[[Contact], str]] = {
    "name": lambda c: " ".join(c.name.split()),
    "email": lambda c: c.email.strip(),
    "region": lambda c: " ".join(c.region.split()),
    "named": lambda c: "Yes" if c.named else "No",
}
_CONTACT_ORDER = {"": 0, **{f: i + 1 for i, (f, _) in enumerate(_CONTACT_FIELDS)}}


def _contact_frame(contacts: list[Contact], codes: _Codes) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": codes.keys(list(map(_CUSTOMER, contacts))),
            "email": codes.emails(list(map(attrgetter("email"), contacts))),
            "name": codes.keys(list(map(attrgetter("name"), contacts))),  # folded as customer names are
            "region": codes.regions(list(map(attrgetter("region"), contacts))),
            "named": list(map(attrgetter("named"), contacts)),
            "row": np.arange(len(contacts), dtype=np.int64),
        }
    )


def _pair_on(old: pd.DataFrame, new: pd.DataFrame, column: str, blank: int) -> pd.DataFrame:
    """One-to-one pairs with equal customer key and ``column`` (not blank), in row order within duplicates."""
    o = old.loc[old[column] != blank, ["key", column, "row"]]
    n = new.loc[new[column] != blank, ["key", column, "row"]]
    o = o.assign(nth=o.groupby(["key", column], sort=False).cumcount())
    n = n.assign(nth=n.groupby(["key", column], sort=False).cumcount())
    return o.merge(n, on=["key", column, "nth"], suffixes=("_o", "_n"))


def _contact_text(c: Contact) -> str:
    who = " ".join(c.name.split()) + (f" <{c.email.strip()}>" if c.email.strip() else "")
    region = " ".join(c.region.split())
    return f"{who} ({', '.join([*([region] if region else []), 'named' if c.named else 'not named'])})"


def _contact_changes(old: list[Contact], new: list[Contact], codes: _Codes, catalog: Catalog) -> list[Row]:
    fo, fn = _contact_frame(old, codes), _contact_frame(new, codes)
    by_email = _pair_on(fo, fn, "email", codes.emails.blank)
    by_name = _pair_on(fo[~fo["row"].isin(by_email["row_o"])], fn[~fn["row"].isin(by_email["row_n"])], "name", codes.keys.blank)
    pairs = pd.concat([by_email[["row_o", "row_n"]], by_name[["row_o", "row_n"]]])
    out: list[Row] = []
    key = codes.keys.folded

    def product(c: Contact) -> str:
        return catalog.products[c.product].name if c.product else ""

    for column, label in _CONTACT_FIELDS:
        before = fo[column].to_numpy()[pairs["row_o"].to_numpy(np.int64)]
        after = fn[column].to_numpy()[pairs["row_n"].to_numpy(np.int64)]
        for i, j in pairs[before != after].itertuples(index=False):
            o, n = old[i], new[j]
            who = n.email.strip() if column != "email" and n.email.strip() else " ".join(n.name.split())
            out.append(
                (
                    n.customer,
                    product(n),
                    ChangeKind.CONTACT_CHANGED.value,
                    f"{label} ({who})",
                    _CONTACT_SHOWN[column](o),
                    _CONTACT_SHOWN[column](n),
                    "",
                    key(n.customer),
                    int(i),
                    int(j),
                    "contact",
                    column,
                    (),
                )
            )
    for i in fo.loc[~fo["row"].isin(pairs["row_o"]), "row"].tolist():
        c = old[i]
        out.append(
            (
                c.customer,
                product(c),
                ChangeKind.CONTACT_REMOVED.value,
                "Contact",
                _contact_text(c),
                "",
                "",
                key(c.customer),
                i,
                -1,
                "contact",
                "",
                (),
            )
        )
    for j in fn.loc[~fn["row"].isin(pairs["row_n"]), "row"].tolist():
        c = new[j]
        out.append(
            (
                c.customer,
                product(c),
                ChangeKind.CONTACT_ADDED.value,
                "Contact",
                "",
                _contact_text(c),
                "",
                key(c.customer),
                -1,
                j,
                "contact",
                "",
                (),
            )
        )
    return out


def _day_text(day: date | None) -> str:
    return day.isoformat() if day else ""
