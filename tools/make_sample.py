"""Write the bundled sample book to resources/sample/ (deterministic: same rows every run)."""

from pathlib import Path

from explorer.synth import write_sample

if __name__ == "__main__":
    book, log = write_sample(Path(__file__).resolve().parent.parent / "resources" / "sample")
    print(f"wrote {book} and {log}")
