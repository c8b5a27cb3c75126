"""The import corpus (issue 10): files shaped like real exports, each read exactly as tests/corpus/expected.toml says.

The files and the manifest are written by tests/corpus/make_corpus.py. A file the importer cannot read yet is
marked ``pending = true`` there and runs as a non-strict xfail, so the suite stays green while the importer
learns; remove the key when the file passes.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from explorer.catalog import default_catalog
from explorer.importing.book import load_book
from explorer.importing.safety import UnreadableFile
from explorer.model import Book, Severity

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = CORPUS / "files"
MANIFEST: dict[str, dict[str, Any]] = tomllib.loads((CORPUS / "expected.toml").read_text("utf-8"))["files"]


def _params() -> list[Any]:
    return [
        pytest.param(
            name, id=name, marks=[pytest.mark.xfail(strict=False, reason="issue 10: importer")] if spec.get("pending") else []
        )
        for name, spec in MANIFEST.items()
    ]


def _load(name: str, spec: dict[str, Any]) -> Book:
    also = [FILES / other for other in spec.get("also", [])]
    if spec["role"] == "cases":
        return load_book(also, case_files=[FILES / name])
    return load_book([FILES / name, *also])


def _same(actual: Any, expected: Any) -> bool:
    """Manifest values against model values: "" stands for none (None, NaT)."""
    if expected == "":
        return actual == "" if isinstance(actual, str) else actual is None or bool(pd.isna(actual))  # NA: no priority
    if isinstance(expected, datetime):
        return not pd.isna(actual) and pd.Timestamp(actual) == pd.Timestamp(expected)
    if isinstance(expected, date):
        return actual == expected
    if isinstance(expected, int) and not isinstance(expected, bool):
        return not pd.isna(actual) and int(actual) == expected
    return actual == expected


def _check_record(kind: str, record: Any, expected: dict[str, Any], get: Any) -> None:
    wrong = {key: (get(record, key), value) for key, value in expected.items() if not _same(get(record, key), value)}
    assert not wrong, f"{kind} {expected}: (actual, expected) differ for {wrong}"


def _contract_value(contract: Any, key: str) -> Any:
    """A contract field; an add-on id (cse = true, mcse = "50") reads from Contract.addons."""
    addon = default_catalog().addons.get(key)
    if addon is None or hasattr(contract, key):
        return getattr(contract, key)
    return contract.addons.get(key) if addon.options else key in contract.addons


def _describe(book: Book) -> str:
    return "\n".join(f"  {f.severity.name} {f.source.describe()}: {f.message}" for f in book.findings)


def _check_refused(name: str, spec: dict[str, Any]) -> None:
    fragment = spec["refused"]
    try:
        book = _load(name, spec)
    except UnreadableFile as exc:
        messages = [str(exc)]
    else:
        messages = [f.message for f in book.findings if f.severity is Severity.ERROR]
    # The file's own name (and its stem, a CSV's sheet name) says nothing: "contract" must be in the words.
    fitting = [m for m in messages if fragment.casefold() in m.replace(name, "").replace(Path(name).stem, "").casefold()]
    assert fitting, f"no refusal mentioning {fragment!r}; got {messages}"
    assert any(all(h in m for h in spec["headers_seen"]) for m in fitting), (
        f"the refusal does not list the headers seen {spec['headers_seen']}: {fitting}"
    )
    assert all("\n" not in m for m in fitting), "a refusal is one line"


@pytest.mark.parametrize("name", _params())
def test_corpus_file(name: str) -> None:
    spec = MANIFEST[name]
    if "refused" in spec:
        _check_refused(name, spec)
        return
    book = _load(name, spec)
    cases = book.cases if book.cases is not None else pd.DataFrame({"case_id": []})
    counts = {
        "contracts": len(book.contracts),
        "contacts": len(book.contacts),
        "cases": len(cases),
        "holidays": len(book.holidays),
    }
    expected_counts = {key: spec[key] for key in counts}
    assert counts == expected_counts, f"counts differ; findings:\n{_describe(book)}"
    if "errors" in spec:
        errors = [f for f in book.findings if f.severity is Severity.ERROR]
        assert len(errors) == spec["errors"], f"{len(errors)} errors, expected {spec['errors']}:\n{_describe(book)}"

    for expected in spec.get("contract", []):
        expected = dict(expected)
        _check_record("contract", book.contracts[expected.pop("index")], expected, _contract_value)
    for expected in spec.get("contact", []):
        expected = dict(expected)
        _check_record("contact", book.contacts[expected.pop("index")], expected, getattr)
    for expected in spec.get("case", []):
        rows = cases[cases["case_id"] == expected["case_id"]]
        assert len(rows) == 1, f"case {expected['case_id']!r} found {len(rows)} times in {list(cases['case_id'])}"
        _check_record("case", rows.iloc[0], expected, lambda row, key: row[key])
    for expected in spec.get("finding", []):
        severity = Severity[expected["severity"]] if "severity" in expected else None
        found = [
            f
            for f in book.findings
            if (severity is None or f.severity is severity)
            and expected.get("contains", "") in f.message
            and ("row" not in expected or f.source.row == expected["row"])
        ]
        assert found, f"no finding like {expected}; findings:\n{_describe(book)}"


def test_corpus_is_complete() -> None:
    """Every file has its expectations and every expectation its file; issue 24 asks for at least 80."""
    on_disk = {p.name for p in FILES.iterdir()}
    assert on_disk == set(MANIFEST)
    assert len(MANIFEST) >= 80
    for spec in MANIFEST.values():
        assert all((FILES / other).exists() for other in spec.get("also", []))
