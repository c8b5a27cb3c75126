"""Run one command with its output folder on a full disk, then describe that folder (JSON on stdout).

Called as ``unshare -m --propagation private python -m tests.hostile.full_disk FOLDER -- ARGS...``: the
tmpfs mounted on FOLDER lives only in this private mount namespace and is gone when
the command ends, so the folder is described from inside. Before the run the folder
holds the previous output (``previous.*``); the disk is then filled to the last page.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.hostile.harness import limit_memory

PREVIOUS = b"the previous output, which must survive\n"


def main() -> None:
    folder = Path(sys.argv[1])
    args = sys.argv[sys.argv.index("--") + 1 :]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], check=True)
    target = Path(args[args.index("-o") + 1])
    previous = folder / f"previous{target.suffix}"
    previous.write_bytes(PREVIOUS)
    target.write_bytes(PREVIOUS)
    filler = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:  # the disk is full to the last byte
        while os.write(filler, b"\0" * 512):
            pass
    except OSError:
        pass
    os.close(filler)
    done = subprocess.run(
        [sys.executable, "-m", "explorer", *args], capture_output=True, text=True, timeout=60, preexec_fn=limit_memory
    )
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.name != "filler"}
    json.dump({"code": done.returncode, "out": done.stdout, "err": done.stderr, "files": files}, sys.stdout)


if __name__ == "__main__":
    main()
