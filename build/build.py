"""Build the desktop bundle: a clean virtual environment, then PyInstaller with build/explorer.spec.

    python build/build.py            # writes dist/Entitlement Explorer/
    python build/build.py --reuse    # keep the build venv from the last run (faster)

PyInstaller's scratch files go to ./pyinstaller-work (never build/), the bundle
to ./dist. A clean venv keeps stray packages (a matplotlib, a second Qt) out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "pyinstaller-work" / "venv"
WORK = ROOT / "pyinstaller-work" / "build"
DIST = ROOT / "dist"
NAME = "Entitlement Explorer"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", action="store_true", help="reuse the build venv if it exists")
    args = parser.parse_args()
    if not (args.reuse and venv_python().exists()):
        shutil.rmtree(VENV, ignore_errors=True)
        venv.create(VENV, with_pip=True)
        run(venv_python(), "-m", "pip", "install", "-q", "--upgrade", "pip")
        run(venv_python(), "-m", "pip", "install", "-q", f"{ROOT}[bundle]")
    shutil.rmtree(DIST / NAME, ignore_errors=True)
    run(
        venv_python(),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--workpath",
        WORK,
        "--distpath",
        DIST,
        ROOT / "build" / "explorer.spec",
    )
    bundle = DIST / NAME
    strip = shutil.which("strip")
    if sys.platform.startswith("linux") and strip:
        # CPython's own library and extension modules carry debug symbols (most of their size); wheels'
        # libraries are left alone, as stripping breaks auditwheel-patched ones such as numpy's OpenBLAS.
        internal = bundle / "_internal"
        for lib in [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so")]:
            run(strip, "--strip-debug", lib)
    size = folder_size(bundle)
    print(f"bundle: {bundle} ({size / 2**20:.0f} MB unpacked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
