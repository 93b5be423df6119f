"""QR codes of page addresses, drawn at build time as inline SVG (segno)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str) -> Markup:
    """An accessible inline SVG QR code for ``url`` (for posters and flyers)."""
    # A fixed mask: choosing the best of eight costs most of a build's time at
    # a thousand pages, and every mask gives a valid code that scans.
    code = segno.make(url, error="m", mask=0)
    svg = code.svg_inline(scale=3, dark="#000", light="#fff", title=f"QR-Code der Adresse {url}",
                          svgclass="hub-qr__code", omitsize=False)
    # segno writes a <title>; role="img" makes screen readers announce it as one image.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
