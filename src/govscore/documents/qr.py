"""The verification QR code: the public verification URL as one PNG that both writers embed."""

from __future__ import annotations

import io
from functools import lru_cache

import segno

# Medium error correction still reads with a fold, a stain or a stamp across part of a printed code;
# segno raises the level further when the symbol has room to spare.
ERROR_LEVEL = "m"
# Eight pixels a module make about 400 pixels over the code's width, above 300 dpi on paper: no viewer
# or printer has to smooth an enlarged image into grey edges.
MODULE_PIXELS = 8
# The light border the QR standard requires around the symbol, in modules.
QUIET_ZONE = 4


def qr_code(url: str) -> segno.QRCode:
    # Never a Micro QR code, which many phone readers do not know.
    return segno.make_qr(url, error=ERROR_LEVEL)


@lru_cache(maxsize=8)
def qr_png(url: str) -> bytes:
    """The code as a black-and-white PNG; cached because the DOCX and the PDF of one period share it."""
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=MODULE_PIXELS, border=QUIET_ZONE)
    return buffer.getvalue()
