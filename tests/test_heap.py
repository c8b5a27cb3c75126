"""explorer.heap: the collector is paused while a book is made, judged or reported on, and runs again after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer import heap
from explorer.importing import book as book_module
from explorer.importing.book import load_book
from tests.hostile.books import workbook


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


def test_a_paused_block_stops_the_collector_and_starts_it_again() -> None:
    with heap.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_in_the_block_still_starts_the_collector_again() -> None:
    with pytest.raises(ValueError), heap.paused():
        raise ValueError("bad row")
    assert gc.isenabled()


def test_a_caller_that_stopped_the_collector_keeps_it_stopped() -> None:
    gc.disable()
    with heap.paused():
        pass
    assert not gc.isenabled()


def test_the_collector_waits_for_the_last_block_on_any_thread() -> None:
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with heap.paused():
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait(10)
    with heap.long_lived():
        pass
    assert not gc.isenabled()  # the other thread's block still runs
    assert gc.get_freeze_count() == 0  # and what it makes is not frozen under it
    release.set()
    thread.join()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # the long-lived block's objects are frozen when the last block ends


def test_a_book_is_read_with_the_collector_paused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    read_file = book_module.read_file

    def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return read_file(*args, **kwargs)

    monkeypatch.setattr(book_module, "read_file", spying)
    book = load_book([workbook(tmp_path / "book.xlsx")])
    assert [c.customer for c in book.contracts] == ["Acme Corp"]
    assert seen == [False]
    assert gc.isenabled()


def test_a_command_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer import cli

    seen: list[bool] = []
    monkeypatch.setattr(cli, "_run", lambda argv: seen.append(gc.isenabled()) or 0)
    assert cli.main(["check", "book.xlsx"]) == 0
    assert seen == [False]
    assert gc.isenabled()
