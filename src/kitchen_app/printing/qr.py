"""QR matrices for the Flex payload, shared by the PDF and the raster ESC/POS renderers."""

from __future__ import annotations

import logging
from functools import lru_cache

import qrcode

__all__ = ["qr_matrix"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def qr_matrix(data: str, border: int = 4) -> tuple[tuple[bool, ...], ...]:
    """Dark/light modules (quiet zone included), error correction M.

    The mask is fixed rather than searched: any of the eight masks is valid QR, and searching
    costs most of the encoding time (the same order's reprints also hit the cache).
    """
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=border, mask_pattern=0
    )
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())
