"""The desktop bundle: build it with PyInstaller from a clean venv and run the frozen programs.

Marked `bundle` (minutes, not seconds): run by .ci/run after the unit tests, or by hand with
`python -m pytest -m bundle`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "Entitlement Explorer"
LIMIT_MB = 230  # 217 MB measured with printing (QtPrintSupport) and the xcb libraries added


@pytest.fixture(scope="module")
def bundle() -> Path:
    out = subprocess.run(
        [sys.executable, str(ROOT / "build" / "build.py")], capture_output=True, text=True, timeout=1800, cwd=ROOT
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    print(out.stdout.strip().splitlines()[-1])
    return BUNDLE


def program(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if os.name == "nt" else name)


def test_scratch_files_stay_out_of_build_folder(bundle: Path) -> None:
    assert sorted(p.name for p in (ROOT / "build").iterdir() if p.name != "__pycache__") == [
        "build.py",
        "entry.py",
        "explorer.spec",
    ]


def test_bundle_size(bundle: Path) -> None:
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20
    print(f"bundle size: {size:.0f} MB unpacked")
    assert size < LIMIT_MB
    names = {p.name for p in bundle.rglob("*")}
    assert not any(n.startswith(("libQt6Network", "libQt6WaylandClient", "libgtk", "_tkinter")) for n in names)
    assert "catalog.toml" in names and "contracts.xlsx" in names  # resources travel inside


def test_frozen_version_and_report(bundle: Path, tmp_path: Path) -> None:
    out = subprocess.run([program(bundle, "explorer"), "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "Entitlement Explorer 0.1.0"
    report = tmp_path / "out.xlsx"
    out = subprocess.run(
        [program(bundle, "explorer"), "report", "--sample", "--as-of", "2026-11-28", "-o", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1, out.stderr  # the sample has deliberate errors; the report is still written
    # The frozen program writes the same report as the installed one (not a pinned count: the sample grows).
    reference = tmp_path / "reference.xlsx"
    subprocess.run(
        [sys.executable, "-m", "explorer", "report", "--sample", "--as-of", "2026-11-28", "-o", str(reference)],
        capture_output=True,
        timeout=300,
    )
    book, expected = openpyxl.load_workbook(report), openpyxl.load_workbook(reference)
    assert book.sheetnames == expected.sheetnames and book.sheetnames[0] == "Summary"
    assert book["Contracts"].max_row == expected["Contracts"].max_row > 40


def test_frozen_gui_screenshot(bundle: Path, tmp_path: Path) -> None:
    shot = tmp_path / "out.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [
            program(bundle, "Entitlement Explorer"),
            "--sample",
            "--screenshot",
            str(shot),
            "--tab",
            "SLA",
            "--customer",
            "Cascade Capital",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb platform is Linux only")


@linux_only
def test_bundle_carries_the_xcb_libraries(bundle: Path) -> None:
    from explorer.gui.platform_check import XCB_LIBRARIES

    # All but libxcb, libGL and libEGL, which PyInstaller leaves to the system's graphics stack by design.
    names = {p.name for p in (bundle / "_internal").iterdir()}
    assert [name for name, _ in XCB_LIBRARIES if name not in names] == ["libxcb.so.1", "libGL.so.1", "libEGL.so.1"]
    assert (bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so").exists()


@linux_only
def test_frozen_gui_screenshot_on_x_server(bundle: Path, tmp_path: Path) -> None:
    # Xvfb's X server, Qt's xcb platform, the picture taken through the window system (QScreen.grabWindow).
    shot = tmp_path / "x11.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    out = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1600x1200x24",
            program(bundle, "Entitlement Explorer"),
            "--sample",
            "--screenshot",
            str(shot),
            "--tab",
            "Timeline",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[16:24] == (1400).to_bytes(4, "big") + (900).to_bytes(4, "big")
    assert shot.stat().st_size > 50_000


@linux_only
def test_frozen_app_names_a_missing_system_library(bundle: Path, tmp_path: Path) -> None:
    # The bundle carries the xcb libraries but not libxcb.so.1 itself: a broken one first on the library
    # path hides the system's, and the frozen app says so instead of Qt aborting.
    (tmp_path / "libxcb.so.1").write_bytes(b"not a library")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":97", LD_LIBRARY_PATH=str(tmp_path))
    out = subprocess.run(
        [program(bundle, "Entitlement Explorer"), "--sample"], capture_output=True, text=True, timeout=60, env=env
    )
    assert out.returncode == 2
    assert out.stderr == (
        "explorer: cannot open a window: Qt's X11 platform needs libxcb.so.1, which is not "
        "installed. Install it with: sudo apt install libxcb1\n"
    )


def test_frozen_bad_file_is_one_line(bundle: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"%PDF-1.4")
    out = subprocess.run([program(bundle, "explorer"), "check", str(bad)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stderr.strip() == "explorer: bad.xlsx: this is a PDF document, not a spreadsheet"
