"""Draw the application icon with Qt; run once when it changes.

It is drawn as vectors at every size it is shown at (explorer-16.png ... explorer-512.png), so a
high-DPI screen gets a sharp icon instead of a scaled one; explorer.png (256) and explorer.ico
are for the bundle and the desktop file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPen  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setBrush(QBrush(QColor("#1F4E78")))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    p.setBrush(QBrush(QColor("#FFFFFF")))  # a sheet
    p.drawRoundedRect(QRectF(52 * s, 40 * s, 128 * s, 168 * s), 12 * s, 12 * s)
    p.setPen(QPen(QColor("#9DB7D0"), max(1.5, 10 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (80, 112, 144) if size >= 32 else (88, 136):  # two lines where three would blur together
        p.drawLine(QPointF(76 * s, y * s), QPointF(156 * s, y * s))
    p.setPen(
        QPen(QColor("#5CB85C"), 22 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    )  # a check mark: entitled
    p.drawPolyline([QPointF(132 * s, 176 * s), QPointF(162 * s, 206 * s), QPointF(214 * s, 140 * s)])
    p.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    folder = Path(__file__).resolve().parent.parent / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size).save(str(folder / f"explorer-{size}.png"))
    draw(256).save(str(folder / "explorer.png"))
    ok = draw(256).save(str(folder / "explorer.ico"))
    print("wrote", folder / "explorer.png", "and explorer.ico" if ok else "(no .ico writer in this Qt)")
