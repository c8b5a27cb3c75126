from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from explorer import clock  # noqa: E402
from explorer.catalog import Catalog, default_catalog  # noqa: E402

# The present every test runs in, whatever the wall clock says (the suite also runs under faketime).
NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="session", autouse=True)
def one_application(qapp):  # type: ignore[no-untyped-def]
    """One QApplication for the whole run, made first: a headless PDF export made in a core test would otherwise
    leave a bare QGuiApplication behind for the widget tests that happen to run after it (random order)."""
    return qapp


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[datetime]:
    """explorer.clock answers NOW; a test that needs another present nests clock.frozen."""
    with clock.frozen(NOW):
        yield NOW


@pytest.fixture(autouse=True)
def collectable_heap() -> Iterator[None]:
    """explorer.heap freezes the book on show out of the garbage collector's sight, for as long as the app
    keeps it; a test's books are handed back after the test, so the run's memory stays what it was."""
    yield
    gc.unfreeze()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved column mappings and the log (platformdirs' user folders) go to a fresh folder per test, never the user's."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(folder / "state"))  # the log file (explorer.logs)
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    """A test that leaves a thread of its own running fails (napari's conftest does the same).

    Threads that are ending get a few seconds; Qt's pool threads show up as dummy threads
    and are checked by the GUI tests' own fixture instead.
    """
    before = set(threading.enumerate())
    yield

    def leaked() -> list[threading.Thread]:
        return [
            t for t in threading.enumerate() if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
        ]

    deadline = time.monotonic() + 5
    while leaked() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not leaked(), f"threads left running: {[t.name for t in leaked()]}"


_exit_status = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _exit_status
    _exit_status = int(exitstatus)


def pytest_unconfigure(config: pytest.Config) -> None:
    """After the run has reported, leave without the interpreter's final garbage collection when Qt was used.

    PySide6 6.12 drops a reference to True/False somewhere in the widget tests; the count
    only reaches zero while the interpreter tears down (after every test has passed and
    been reported), and CPython 3.11 then aborts with 'bool_dealloc' (exit 134). The
    app itself quits through QApplication, not this teardown. Leaving with the run's own
    status keeps a red run red and a green one green.
    """
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status)
