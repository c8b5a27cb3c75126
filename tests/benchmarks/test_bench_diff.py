"""Diff benchmark: two versions of a book of 10,000 contracts and 50,000 contacts, compared after loading.

Ours: explorer.app.diff.compare_books, from the two loaded Books to every change (renewals,
field changes with upgrade/downgrade, the key dates each moves, contacts by email else name).
Baseline, same run, same books: frames of the same fields made from the same Books, pandas
merge(indicator=True) on (customer, product) and on (customer, email), then a per-column
compare of the matched rows (it knows nothing of renewals, spellings or key dates).
Both warm (the app compares after loading), best of 3. Target: ours under 2 s.
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_diff.py
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import explorer

from .diff_data import diff_books
from .harness import CACHE, measure, report

pytestmark = pytest.mark.benchmark


def test_diff_speed() -> None:
    old, new = diff_books(CACHE, 10_000, 50_000)
    # the books as read, cached by the file and the model and importer that read them (a pickle of an older
    # Contract lacks the fields a newer one has)
    source = Path(explorer.__file__).parent
    version = hashlib.sha256(b"".join(p.read_bytes() for p in sorted([source / "model.py", *source.glob("importing/*.py")])))
    setup = f"""
import pickle
from pathlib import Path
import pandas as pd
from explorer.app.diff import compare_books
from explorer.catalog import default_catalog
from explorer.importing.book import load_book
catalog = default_catalog()
cached = Path({str(CACHE)!r}) / "diff-books-{old.stat().st_mtime_ns}-{version.hexdigest()[:12]}.pickle"
if cached.exists():
    a, b = pickle.loads(cached.read_bytes())
else:
    a, b = load_book([{str(old)!r}]), load_book([{str(new)!r}])
    cached.write_bytes(pickle.dumps((a, b)))
assert len(a.contracts) == 10_000 and len(a.contacts) == 50_000
CONTRACT = ["customer", "product", "program", "term_start", "term_end", "initial_term_start", "region", "country",
            "subdivision", "time_zone", "addons"]
CONTACT = ["customer", "name", "email", "region", "named"]
def frame(records, columns):
    out = pd.DataFrame({{c: [getattr(r, c) for r in records] for c in columns}})
    out["addons"] = out["addons"].map(repr) if "addons" in out else None
    return out
def baseline():
    frames = {{"contracts": (frame(a.contracts, CONTRACT), frame(b.contracts, CONTRACT), ["customer", "product"]),
              "contacts": (frame(a.contacts, CONTACT), frame(b.contacts, CONTACT), ["customer", "email"])}}
    changes = 0
    for old, new, keys in frames.values():
        both = old.merge(new, on=keys, how="outer", suffixes=("_old", "_new"), indicator=True)
        changes += int((both["_merge"] != "both").sum())
        matched = both[both["_merge"] == "both"]
        for column in old.columns.difference(keys):
            left, right = matched[f"{{column}}_old"], matched[f"{{column}}_new"]
            changes += int((left.ne(right) & ~(left.isna() & right.isna())).sum())
    return changes
"""
    ours = measure(
        "explorer compare_books (renewals, key dates, contacts)",
        setup,
        "diff = compare_books(a, b, catalog)\nassert 9_000 < len(diff.changes) < 10_000",
        repeat=3,
        warm=True,
    )
    base = measure("pandas merge(indicator=True) + per-column compare", setup, "assert baseline() > 0", repeat=3, warm=True)
    report("Diff: two books of 10k contracts + 50k contacts, after loading", ours, base)
    assert ours.seconds < 2.0
