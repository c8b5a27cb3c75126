"""Keep Python's cyclic garbage collector from freezing the window.

An open book is hundreds of thousands of long-lived objects (rows, contracts, contacts, frames).
Every full collection walks them all while holding the GIL: 0.3-0.9 s on the 10,000-contract book,
and it freezes the window even when the work that set it off runs on a worker thread. So work that
makes such objects (reading a book) runs without collections, and what it made is then moved out of
the collector's sight (gc.freeze) along with the book on show; reading the next book hands them all
back, so the old book's reference cycles are still freed.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_making = 0  # how many long_lived() blocks are running, on any thread


def settled() -> None:
    """What exists now is long-lived: full collections skip it from now on."""
    gc.freeze()


def reading() -> None:
    """Another book is being read: the old one's objects may become garbage, so the collector sees them again."""
    gc.unfreeze()


@contextmanager
def long_lived() -> Iterator[None]:
    """Make long-lived objects (a book's rows) with the collector paused, then keep them out of its sight."""
    global _making
    with _lock:
        _making += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _making -= 1
            if not _making:
                gc.freeze()
                gc.enable()
