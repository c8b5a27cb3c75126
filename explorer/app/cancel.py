"""Cancelling long work: the caller sets a token, the core checks it between steps."""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """The user cancelled; nothing was written and nothing is left running."""


class CancelToken:
    """Set from any thread; ``check()`` raises Cancelled in the worker at its next step."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


NEVER = CancelToken()  # for callers that never cancel
