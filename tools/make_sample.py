"""Write the bundled sample book to resources/sample/ (deterministic: same rows every run).

Run from the repository root: python -m tools.make_sample
"""

from pathlib import Path

from tools.synth import write_sample

if __name__ == "__main__":
    book, log = write_sample(Path(__file__).resolve().parent.parent / "resources" / "sample")
    print(f"wrote {book} and {log}")
