"""The check before Qt starts on Linux: a missing xcb library is one sentence and exit 2, never Qt's abort."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.gui import platform_check
from explorer.gui.platform_check import NO_DISPLAY, XCB_LIBRARIES, platform_plugin, prepare_platform

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb platform is Linux only")


def loader(*hidden: str, errors: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A dlopen() stand-in that refuses the hidden names (by file name) and records what was asked."""
    asked: list[str] = []

    def load(name: str) -> object:
        asked.append(name)
        base = Path(name).name
        if base in hidden:
            raise OSError(f"{base}: cannot open shared object file: No such file or directory")
        if errors and base in errors:
            raise OSError(errors[base])
        return object()

    load.asked = asked  # type: ignore[attr-defined]
    return load


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    """A plugin folder holding both platform plugins (the loader decides whether they load)."""
    (tmp_path / "platforms").mkdir()
    for name in ("libqxcb.so", "libqwayland.so"):
        (tmp_path / "platforms" / name).write_bytes(b"")
    return tmp_path


X11 = {"DISPLAY": ":0"}


@linux_only
def test_hidden_library_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    # A broken libxcb-cursor.so.0 first on the library path hides the real one from the loader, exactly
    # as Qt meets it; without the check, Qt prints its plugin warnings and aborts (status 134).
    (tmp_path / "libxcb-cursor.so.0").write_bytes(b"not a library")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":97", LD_LIBRARY_PATH=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "explorer", "--sample"], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 2
    assert out.stderr == (
        "explorer: cannot open a window: Qt's X11 platform needs libxcb-cursor.so.0, which is "
        "not installed. Install it with: sudo apt install libxcb-cursor0\n"
    )


def test_every_missing_library_is_named_once_with_its_packages(plugins: Path) -> None:
    env = dict(X11)
    message = prepare_platform(
        env,
        load=loader("libxcb-icccm.so.4", "libxcb-cursor.so.0", "libgthread-2.0.so.0", "libglib-2.0.so.0"),
        plugins=plugins,
        linux=True,
    )
    assert message == (
        "cannot open a window: Qt's X11 platform needs libxcb-cursor.so.0 and libxcb-icccm.so.4 and "
        "libglib-2.0.so.0 and libgthread-2.0.so.0, which are not installed. Install them with: "
        "sudo apt install libxcb-cursor0 libxcb-icccm4 libglib2.0-0"
    )
    assert "\n" not in message and env == X11


def test_all_there_means_qt_starts_on_xcb(plugins: Path) -> None:
    env = {**X11, "QT_QPA_PLATFORM": "xcb"}
    load = loader()
    assert prepare_platform(env, load=load, plugins=plugins, linux=True) is None
    assert env["QT_QPA_PLATFORM"] == "xcb"
    assert [Path(n).name for n in load.asked] == [soname for soname, _ in XCB_LIBRARIES] + ["libqxcb.so"]


def test_falls_back_to_wayland_only_when_its_plugin_loads(plugins: Path) -> None:
    wayland = {**X11, "WAYLAND_DISPLAY": "wayland-0"}
    env = dict(wayland)
    assert prepare_platform(env, load=loader("libxcb-cursor.so.0"), plugins=plugins, linux=True) is None
    assert env["QT_QPA_PLATFORM"] == "wayland"
    # The Wayland plugin cannot load (libwayland-cursor0 missing): the xcb message, not a second abort.
    env = dict(wayland)
    message = prepare_platform(env, load=loader("libxcb-cursor.so.0", "libqwayland.so"), plugins=plugins, linux=True)
    assert message is not None and message.endswith("sudo apt install libxcb-cursor0") and env == wayland
    # No Wayland session, or xcb asked for by name: no fallback.
    assert prepare_platform(dict(X11), load=loader("libxcb-cursor.so.0"), plugins=plugins, linux=True)
    env = {**wayland, "QT_QPA_PLATFORM": "xcb"}
    assert prepare_platform(env, load=loader("libxcb-cursor.so.0"), plugins=plugins, linux=True)
    assert env["QT_QPA_PLATFORM"] == "xcb"


def test_a_broken_dependency_is_named_not_every_library_needing_it(plugins: Path) -> None:
    # A broken libxcb.so.1 makes every xcb library fail, and the loader names libxcb.so.1 each time.
    load = loader(errors={soname: "/tmp/x/libxcb.so.1: file too short" for soname, _ in XCB_LIBRARIES[:14]})
    assert prepare_platform(dict(X11), load=load, plugins=plugins, linux=True) == (
        "cannot open a window: Qt's X11 platform needs libxcb.so.1, which is not installed. "
        "Install it with: sudo apt install libxcb1"
    )


def test_the_plugin_itself_names_a_library_the_list_lacks(plugins: Path) -> None:
    load = loader(errors={"libqxcb.so": "libxcb-ewmh.so.2: cannot open shared object file: No such file or directory"})
    assert prepare_platform(dict(X11), load=load, plugins=plugins, linux=True) == (
        "cannot open a window: Qt's X11 platform needs libxcb-ewmh.so.2, which is not installed. "
        "Install the package that provides it."
    )
    load = loader("libxcb-cursor.so.0", errors={"libxcb-ewmh.so.2": "libxcb-ewmh.so.2: cannot open shared object"})
    assert platform_check.missing_libraries([*XCB_LIBRARIES[:1], ("libxcb-ewmh.so.2", "?")], load) == [
        "libxcb-cursor.so.0",
        "libxcb-ewmh.so.2",
    ]
    load = loader("libxcb-cursor.so.0", errors={"libxcb-icccm.so.4": "libfoo.so.1: cannot open shared object file"})
    assert prepare_platform(dict(X11), load=load, plugins=plugins, linux=True) == (
        "cannot open a window: Qt's X11 platform needs libxcb-cursor.so.0 and libfoo.so.1, which are not installed. "
        "Install them with: sudo apt install libxcb-cursor0, and the package that provides libfoo.so.1."
    )
    load = loader(errors={"libqxcb.so": "/opt/x/libxcb-cursor.so.0: file too short"})
    assert prepare_platform(dict(X11), load=load, plugins=plugins, linux=True) == (
        "cannot open a window: Qt's X11 platform needs libxcb-cursor.so.0, which is not installed. "
        "Install it with: sudo apt install libxcb-cursor0"
    )
    load = loader(errors={"libqxcb.so": f"{plugins}/platforms/libqxcb.so: undefined symbol: xcb_foo"})
    assert prepare_platform(dict(X11), load=load, plugins=plugins, linux=True) == (
        f"cannot open a window: Qt's X11 platform plugin does not load ({plugins}/platforms/libqxcb.so: "
        "undefined symbol: xcb_foo)."
    )


def test_no_display_and_chosen_platforms() -> None:
    nothing = loader()
    assert prepare_platform({}, load=nothing, linux=True) == NO_DISPLAY
    assert prepare_platform({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, load=nothing, linux=True) == NO_DISPLAY
    assert prepare_platform({"WAYLAND_DISPLAY": "wayland-0"}, load=nothing, linux=True) is None
    assert prepare_platform({"QT_QPA_PLATFORM": "offscreen"}, load=nothing, linux=True) is None
    assert prepare_platform(dict(X11), load=loader("libxcb-cursor.so.0"), linux=False) is None
    assert nothing.asked == []  # nothing probed where Qt's choice is not xcb


@linux_only
def test_the_list_covers_what_the_installed_plugin_links() -> None:
    # ldd (part of libc) lists every library the plugin pulls in, found or not; each X11/xcb one must be
    # in the list, so a Qt upgrade that links a new one fails here instead of aborting on a user's desktop.
    plugin = platform_plugin("xcb")
    assert plugin is not None
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=60, check=True).stdout
    linked = set(re.findall(r"^\s*(lib(?:xcb|X11|xkbcommon)[\w.+-]*\.so\.\d+)", out, flags=re.MULTILINE))
    assert "libxcb-cursor.so.0" in linked
    assert linked <= {soname for soname, _ in XCB_LIBRARIES}


def test_the_loaders_own_message_survives_the_frozen_apps_ctypes(monkeypatch: pytest.MonkeyPatch) -> None:
    class FrozenCDLL:  # what PyInstaller's runtime puts in place of ctypes.CDLL
        def __init__(self, name: str) -> None:
            try:
                raise OSError("/tmp/x/libxcb.so.1: file too short")
            except OSError as error:
                raise OSError(f"Failed to load dynlib/dll '{name}'.") from error

    monkeypatch.setattr(platform_check.ctypes, "CDLL", FrozenCDLL)
    assert platform_check.missing_libraries(XCB_LIBRARIES[:2]) == ["libxcb.so.1"]
