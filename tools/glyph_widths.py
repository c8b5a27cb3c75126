"""Write resources/glyph_widths.json: each character's advance width in Carlito, Calibri's metric twin.

The report sizes its rows from how its wrapped text breaks into lines. Counting characters misjudged it by
a line in three (a sentence of 118 characters took two lines in a 53-character column, and its row three), so
the report measures text as the font draws it. Carlito has Calibri's advance widths, glyph for glyph, and is
free to read. Run once, by hand, where fontTools and the font are installed (Debian: fonts-crosextra-carlito):

    pip install fonttools && python -m tools.glyph_widths
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FONTS = Path("/usr/share/fonts/truetype/crosextra")
OUT = Path(__file__).resolve().parent.parent / "resources" / "glyph_widths.json"
# Latin, Greek, Cyrillic and the punctuation, currency, arrows and operators a contract note may hold.
RANGES = [(0x20, 0x52F), (0x2000, 0x22FF)]


def widths(style: str) -> tuple[int, dict[str, int]]:
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / f"Carlito-{style}.ttf")
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    kept = {str(code): metrics[cmap[code]][0] for first, last in RANGES for code in range(first, last + 1) if code in cmap}
    return font["head"].unitsPerEm, kept


def main() -> int:
    em, regular = widths("Regular")
    _, bold = widths("Bold")
    data = {
        "about": "Advance widths of Carlito (metrically compatible with Calibri) in font units, by code point; "
        "written by tools/glyph_widths.py",
        "units_per_em": em,
        "regular": regular,
        "bold": bold,
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(regular)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
