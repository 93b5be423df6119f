"""QR codes of page addresses, made at build time as small inline PNG images (zxing-cpp encodes them)."""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

import zxingcpp


@dataclass(frozen=True)
class QrCode:
    """A QR code on a square of ``size`` modules (quiet zone included), one pixel each, as a data: URL."""

    size: int
    image_url: str


@lru_cache(maxsize=20_000)  # kept across the rebuilds of `mkdocs serve`: addresses rarely change
def qr_code(url: str) -> QrCode:
    """The QR code of ``url`` (error correction M), shown by parts/common.html as an image with alt text."""
    # zxing-cpp (C++) encodes in a fifth of a millisecond. A PNG of one pixel per module, scaled up
    # without smoothing, is about 400 bytes and takes a quarter of that (zlib's fastest level: the
    # strongest takes four times as long for 20 % less); the SVG path it replaced was 4.5 KB a page
    # and took as long to write as the encoding.
    image = memoryview(zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image())
    size = image.shape[0]
    png = _greyscale_png(image.tobytes(), size)
    return QrCode(size, "data:image/png;base64," + base64.b64encode(png).decode("ascii"))


def _greyscale_png(pixels: bytes, size: int) -> bytes:
    """A square 8-bit greyscale PNG of ``pixels`` (row by row, 0 dark, 255 light)."""
    rows = b"".join(b"\x00" + pixels[start:start + size] for start in range(0, len(pixels), size))  # filter: none

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8 bits, greyscale, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")
