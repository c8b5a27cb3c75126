"""Write the bundled sample book to resources/sample/ (deterministic: the same bytes every run).

Run from the repository root: python -m tools.make_sample [FOLDER]   (FOLDER: elsewhere, to compare)
"""

import sys
from pathlib import Path

from tools.synth import write_sample

if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "resources" / "sample"
    book, log = write_sample(folder)
    print(f"wrote {book} and {log}")
