"""A case log saved as Windows-1252 (Excel's "CSV" on Western Windows), not UTF-8: 200,000 rows, 25 MB, an accented
name on every line.

Ours: explorer.importing.readers.decoded, which finds the file is not UTF-8 a block of lines at a time and guesses
its code page from the lines that hold accents. Baseline, same run, same bytes: charset-normalizer's from_bytes over
the whole file, then decoding it, which is what the reader did (with a UTF-8 rescue that decoded the rest of the file
once per bad line: 32 s for a 90 MB log, where UTF-8 took 9 s; found by the speed tryout, 2026-12-07). Floor: 5x.
Run: python -m pytest -m benchmark -s tests/benchmarks/test_bench_encoding.py
"""

from __future__ import annotations

import pytest

from .harness import measure, report

pytestmark = pytest.mark.benchmark

SETUP = """
from explorer.importing.readers import decoded
names = ["Café Olé SARL", "Señor Frío SA", "Müller & Söhne GmbH", "Łódź Dev", "Ærø Fisk ApS"]
lines = ["Ticket ID;Organization;Priority;Created;First reply"]
times = [f"03.11.2026 09:{n:02d};03.11.2026 10:{n:02d}" for n in range(60)]
lines += [f"{n};{names[n % 5]} {n % 997};P{n % 4 + 1};{times[n % 60]}" for n in range(200_000)]
data = "\\r\\n".join(lines).encode("cp1252", errors="replace")
"""


def test_a_windows_1252_case_log_is_decoded() -> None:
    ours = measure(
        "explorer readers.decoded (blocks of lines, guess from the accented lines)",
        SETUP,
        "text, note = decoded(data)\nassert 'Señor Frío SA 1' in text and not note",
        repeat=3,
        warm=True,
    )
    baseline = measure(
        "charset_normalizer.from_bytes(whole file), then decode",
        SETUP,
        "from charset_normalizer import from_bytes\ntext = data.decode(from_bytes(data).best().encoding)\nassert 'SA 1' in text",
        warm=True,
    )
    assert report("A Windows-1252 case log, 200,000 rows", ours, baseline) >= 5
