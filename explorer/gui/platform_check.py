"""Before Qt starts on Linux: is there a screen, and can Qt's platform plugin load?

Qt aborts the process (no exception, no message of ours) when its xcb platform plugin
cannot be loaded, typically because `libxcb-cursor0` is not installed. So the app probes
the plugin's libraries with the dynamic loader first and either falls back to Wayland or
exits with one sentence naming the library and the package. Qt-free, so tests and the
command line can use it without a display.
"""

from __future__ import annotations

import ctypes
import importlib.util
import re
import sys
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path

# The system libraries PySide6's xcb platform links directly (`readelf -d` on
# plugins/platforms/libqxcb.so and lib/libQt6XcbQpa.so.6, PySide6 6.12) and QtGui's libEGL,
# with the Debian/Ubuntu package of each. The C and C++ runtimes are left out: Python needs them.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libX11.so.6", "libx11-6"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libgthread-2.0.so.0", "libglib2.0-0"),
)
PACKAGES = dict(XCB_LIBRARIES)

NO_DISPLAY = (
    "there is no display to open the app on. Use the command line instead "
    "('explorer report --sample -o report.xlsx', 'explorer check FILE'), or set "
    "QT_QPA_PLATFORM=offscreen with --screenshot."
)

Loader = Callable[[str], object]


def load_library(name: str) -> object:
    """dlopen() as Qt's plugin loader would: the same search path (LD_LIBRARY_PATH, ld.so.cache).

    ctypes.util.find_library would run ldconfig and only say a file exists, not that it loads.
    """
    try:
        return ctypes.CDLL(name)
    except OSError as error:
        # The frozen app's ctypes (PyInstaller) replaces the loader's message, which names the culprit.
        if isinstance(error.__cause__, OSError):
            raise OSError(str(error.__cause__)) from error
        raise


def culprit(error: OSError | str, fallback: str) -> str:
    """The library the loader's message names first ('libfoo.so.1: cannot open shared object file',
    '/some/libfoo.so.1: file too short'), else `fallback`."""
    match = re.match(r"([^:]+):", str(error))
    return Path(match.group(1)).name if match else fallback


def missing_libraries(libraries: Sequence[tuple[str, str]] = XCB_LIBRARIES, load: Loader = load_library) -> list[str]:
    """The libraries that cannot be loaded, in the order given, each named once.

    Where a library fails because one it needs is missing, the loader names that one (a broken
    libxcb.so.1 fails every xcb library), and so does this.
    """
    missing: list[str] = []
    for soname, _ in libraries:
        try:
            load(soname)
        except OSError as error:
            name = culprit(error, soname)
            if name not in missing:
                missing.append(name)
    return missing


def platform_plugin(name: str, plugins: Path | None = None) -> Path | None:
    """The platform plugin file (`xcb`, `wayland`) of the PySide6 in use, found without importing Qt."""
    if plugins is None:
        spec = importlib.util.find_spec("PySide6")
        if spec is None or not spec.submodule_search_locations:
            return None
        plugins = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins"
    path = plugins / "platforms" / f"libq{name}.so"
    return path if path.exists() else None


def plugin_error(plugin: Path, load: Loader = load_library) -> str | None:
    """Why the plugin itself does not load (the loader's message), or None when it does."""
    try:
        load(str(plugin))
    except OSError as error:
        return str(error)
    return None


def _missing_message(names: list[str]) -> str:
    """One sentence: the libraries, and the apt command for those whose package is known."""
    packages = " ".join(dict.fromkeys(PACKAGES[n] for n in names if n in PACKAGES))
    unknown = " and ".join(n for n in names if n not in PACKAGES)
    it, are = ("it", "is") if len(names) == 1 else ("them", "are")
    if not unknown:
        how = f"Install {it} with: sudo apt install {packages}"
    elif not packages:
        how = f"Install the package that provides {it}."
    else:
        how = f"Install them with: sudo apt install {packages}, and the package that provides {unknown}."
    return f"cannot open a window: Qt's X11 platform needs {' and '.join(names)}, which {are} not installed. {how}"


def prepare_platform(
    env: MutableMapping[str, str], *, load: Loader = load_library, plugins: Path | None = None, linux: bool | None = None
) -> str | None:
    """Check the platform Qt is about to use; None when it can start, else the message to print.

    Where xcb cannot load but a Wayland session is there and Qt's Wayland plugin loads, sets
    QT_QPA_PLATFORM=wayland in `env` (os.environ) so Qt starts on that instead.
    """
    if not (sys.platform.startswith("linux") if linux is None else linux):
        return None
    requested = env.get("QT_QPA_PLATFORM", "")
    if requested not in ("", "xcb"):
        return None  # offscreen, wayland...: the user chose, Qt reports on its own
    if not env.get("DISPLAY"):
        # Without an X display only a Wayland session can show the window; Qt picks it itself.
        return NO_DISPLAY if requested == "xcb" or not env.get("WAYLAND_DISPLAY") else None
    problem = None
    missing = missing_libraries(XCB_LIBRARIES, load)
    if missing:
        problem = _missing_message(missing)
    else:
        xcb = platform_plugin("xcb", plugins)
        error = plugin_error(xcb, load) if xcb else None
        if xcb and error:
            name = culprit(error, xcb.name)
            problem = (
                f"cannot open a window: Qt's X11 platform plugin does not load ({error})."
                if name == xcb.name
                else _missing_message([name])
            )
    if problem is None:
        return None
    wayland = platform_plugin("wayland", plugins)
    if not requested and env.get("WAYLAND_DISPLAY") and wayland and plugin_error(wayland, load) is None:
        env["QT_QPA_PLATFORM"] = "wayland"
        return None
    return problem
