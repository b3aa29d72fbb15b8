"""The Flex QR drawn into a QPixmap (module by module, so it stays sharp at any size)."""

from __future__ import annotations

import logging

import qrcode
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

log = logging.getLogger(__name__)

__all__ = ["qr_pixmap"]


def qr_pixmap(payload: str, size: int = 200) -> QPixmap:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the quiet-zone border
    modules = len(matrix)
    scale = max(1, size // modules)
    side = scale * modules
    pixmap = QPixmap(side, side)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRect(x * scale, y * scale, scale, scale))
    painter.end()
    return pixmap
