"""QR codes of page addresses, drawn at build time as inline SVG (zxing-cpp encodes them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import zxingcpp

_SIZE = re.compile(r'<svg width="(\d+)"')
_PATH = re.compile(r'<path d="([MmHhVvZz0-9 .-]+)"')


@dataclass(frozen=True)
class QrCode:
    """The dark modules of a QR code as SVG path data, on a square of ``size`` modules (quiet zone included)."""

    size: int
    path: str


@lru_cache(maxsize=20_000)  # kept across the rebuilds of `mkdocs serve`: addresses rarely change
def qr_code(url: str) -> QrCode:
    """The QR code of ``url`` (error correction M), drawn by parts/common.html as an accessible SVG."""
    # zxing-cpp (C++) encodes in a fifth of a millisecond; the pure-Python encoder it replaces took
    # a tenth of a 1,000-page build.
    svg = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_svg()
    size, path = _SIZE.search(svg), _PATH.search(svg)
    if size is None or path is None:
        raise ValueError(f"QR-Code für {url} ließ sich nicht zeichnen")
    return QrCode(int(size.group(1)), path.group(1))
