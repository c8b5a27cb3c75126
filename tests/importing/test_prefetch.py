"""A read the command line starts early (readers.prefetch) gives what a plain read gives, or is not used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.importing import readers
from explorer.importing.book import load_book
from explorer.importing.safety import UnreadableFile

from ..files import write_csv, write_zip_bomb

HEADER = ["Customer", "Product", "Tier", "Start", "End"]


def test_a_prefetched_book_reads_as_a_plain_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "book.csv", header=HEADER, rows=[["Acme", "Okta", "Premier", "2026-01-15", "2027-01-14"]])
    plain = load_book([path])
    readers.prefetch(path)
    assert path.resolve() in readers._PREFETCHED  # started
    early = load_book([path])
    assert path.resolve() not in readers._PREFETCHED  # taken over, not left behind
    assert early.contracts == plain.contracts
    assert [f.message for f in early.findings] == [f.message for f in plain.findings]


def test_a_file_changed_after_the_prefetch_is_read_again(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "book.csv", header=HEADER, rows=[["Acme", "Okta", "Premier", "2026-01-15", "2027-01-14"]])
    readers.prefetch(path)
    write_csv(path, header=HEADER, rows=[["Initech", "Okta", "Premier Plus", "2026-02-01", "2027-01-31"]])
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    assert [c.customer for c in load_book([path]).contracts] == ["Initech"]


@pytest.mark.parametrize("kind", ["damaged", "bomb"])
def test_a_bad_file_is_refused_the_same_when_prefetched(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "book.xlsx"
    if kind == "bomb":
        write_zip_bomb(path)
    else:
        path.write_bytes(b"PK\x03\x04" + b"\x00" * 2000)  # a zip's signature, then nothing
    with pytest.raises(UnreadableFile) as plain:
        load_book([path])
    readers.prefetch(path)
    with pytest.raises(UnreadableFile) as early:
        load_book([path])
    assert str(early.value) == str(plain.value)
    assert path.resolve() not in readers._PREFETCHED
