"""Keep Python's cyclic garbage collector from walking a book again and again.

A book is hundreds of thousands of long-lived objects (rows, contracts, contacts, frames), and
reading, judging or reporting on it makes as many again. The collector runs a full collection
whenever the objects made since the last one reach a quarter of those it keeps, and each walks
them all while holding the GIL: six full collections while the 10,000-contract book loads
(0.45 s of 4 s), 2.5 s of the 18 s `explorer report` takes. In the app each also freezes the
window, even when the work that set it off runs on a worker thread.

So work that makes such objects runs with the collector paused (``paused``); the objects it
leaves behind are walked once, when the collector next runs. The app goes further: what a read
made is moved out of the collector's sight (``long_lived``, gc.freeze) along with the book on
show, and reading the next book hands them all back (``reading``), so the old book's reference
cycles are still freed.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pausing = 0  # how many paused() and long_lived() blocks are running, on any thread
_resume = False  # whether the collector ran when the first of them began (a caller's own gc.disable() stands)
_freeze = False  # whether one of them made long-lived objects: frozen when the last ends


def settled() -> None:
    """What exists now is long-lived: full collections skip it from now on."""
    gc.freeze()


def reading() -> None:
    """Another book is being read: the old one's objects may become garbage, so the collector sees them again."""
    gc.unfreeze()


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the collector paused; it runs again when the last paused block on any thread ends.

    Memory is not at risk: what the block frees without a reference cycle is freed at once, as ever,
    and the few cycles wait for the collector's next run (the 10k report's peak: 453 MB paused, 447 MB not).
    """
    with _holding(freeze=False):
        yield


@contextmanager
def long_lived() -> Iterator[None]:
    """Make long-lived objects (a book's rows) with the collector paused, then keep them out of its sight."""
    with _holding(freeze=True):
        yield


@contextmanager
def _holding(freeze: bool) -> Iterator[None]:
    global _pausing, _resume, _freeze
    with _lock:
        if not _pausing:
            _resume = gc.isenabled()
        _pausing += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _pausing -= 1
            _freeze = _freeze or freeze
            if not _pausing:
                if _freeze:
                    gc.freeze()
                _freeze = False
                if _resume:
                    gc.enable()
