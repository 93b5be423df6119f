"""Sharing: description and Open Graph tags on every page, QR codes, a clean print view."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from macros.outputs.redirects import REDIRECT_MARKER
from tests.browser import serve
from tests.conftest import QUOTED_DESCRIPTION, site_pages
from tests.hostile_data import SUMMARY, TITLE

SITE_URL = "https://digitalnetzwerk.kreis-hoexter.example/"


def pages(site):
    for path in site_pages(site):
        html = path.read_text(encoding="utf-8")
        if REDIRECT_MARKER not in html[:300]:
            yield path, BeautifulSoup(html, "html.parser")


def meta(page, **attrs):
    tag = page.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_every_page_has_description_and_open_graph_tags(example_site):
    for path, page in pages(example_site.site):
        assert meta(page, name="description"), path
        assert meta(page, property="og:title") and meta(page, property="og:description"), path
        assert meta(page, property="og:url").startswith(SITE_URL), path
        assert meta(page, name="twitter:card") == "summary", path


def test_entry_pages_share_their_data_and_carry_a_qr_code(example_site):
    page = BeautifulSoup(example_site.page("projekte/e-akte/"), "html.parser")
    assert meta(page, property="og:title") == "Einführung der elektronischen Akte (E-Akte)"
    assert meta(page, property="og:description").startswith("Die Verwaltungen führen ihre Akten künftig")
    assert meta(page, property="og:url") == SITE_URL + "projekte/e-akte/"
    count = 0
    for path, page in pages(example_site.site):
        if page.select_one("nav.hub-breadcrumb"):  # every generated entry page, and only those
            qr = page.select_one("figure.hub-qr img.hub-qr__code")
            assert qr is not None and qr["alt"].startswith("QR-Code der Adresse https://"), path
            assert qr["src"].startswith("data:image/png;base64,"), path
            assert page.select_one("figure.hub-qr figcaption a")["href"].startswith(SITE_URL), path
            count += 1
    assert count > 40


def _pixels(img) -> tuple[bytearray, int]:
    """The QR code's PNG (from its data: URL) as rows of grey values, one byte per module."""
    import base64
    import struct
    import zlib

    png = base64.b64decode(img["src"].removeprefix("data:image/png;base64,"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    chunks, position = {}, 8
    while position < len(png):
        (length,), kind = struct.unpack(">I", png[position:position + 4]), png[position + 4:position + 8]
        data = png[position + 8:position + 8 + length]
        assert struct.unpack(">I", png[position + 8 + length:position + 12 + length])[0] == zlib.crc32(kind + data)
        chunks[kind] = data
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert width == height and (depth, colour) == (8, 0) and set(chunks) == {b"IHDR", b"IDAT", b"IEND"}
    rows = zlib.decompress(chunks[b"IDAT"])
    assert all(rows[row * (width + 1)] == 0 for row in range(height))  # each row unfiltered
    return bytearray(b"".join(rows[row * (width + 1) + 1:(row + 1) * (width + 1)] for row in range(height))), width


def _decoded(pixels: bytearray, size: int) -> str | None:
    """Read the modules, 4 pixels each, with a barcode reader."""
    import zxingcpp

    scale = 4
    enlarged = bytearray()
    for row in range(size):
        line = bytes(value for value in pixels[row * size:(row + 1) * size] for _ in range(scale))
        enlarged += line * scale
    image = memoryview(enlarged).cast("B", (size * scale, size * scale))
    found = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return found.text if found else None


def test_the_qr_code_on_a_page_reads_back_as_its_address(example_site):
    page = BeautifulSoup(example_site.page("projekte/e-akte/"), "html.parser")
    pixels, size = _pixels(page.select_one("figure.hub-qr img"))
    assert _decoded(pixels, size) == SITE_URL + "projekte/e-akte/"
    pixels[:len(pixels) // 2] = bytes([255]) * (len(pixels) // 2)  # the upper half gone: no code
    assert _decoded(pixels, size) is None


def test_hostile_data_stays_inert_in_share_tags(hostile_site):
    page = BeautifulSoup(hostile_site.page("projekte/boese/"), "html.parser")
    assert meta(page, property="og:title") == TITLE
    assert meta(page, property="og:description") == SUMMARY


def test_quotes_in_front_matter_stay_inside_the_attribute(variant_site):
    page = BeautifulSoup(variant_site.page("strategie/"), "html.parser")
    assert meta(page, name="description").startswith(QUOTED_DESCRIPTION)
    assert meta(page, property="og:description").startswith(QUOTED_DESCRIPTION)


@pytest.mark.browser
def test_print_view_shows_content_only_and_writes_links_out(chromium, example_site):
    with serve(example_site.site) as base:
        page = chromium.new_page()
        page.goto(base + "projekte/smarte-nahversorgungsraeume/")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "a.hub-edit"):
            assert not page.locator(hidden).first.is_visible(), hidden
        qr = page.locator("figure.hub-qr img")
        assert qr.is_visible()
        # The browser reads the PNG (its own decoder) and draws it at three pixels a module, unsmoothed.
        natural, shown, rendering = qr.evaluate("i => [i.naturalWidth, i.getBoundingClientRect().width, "
                                                "getComputedStyle(i).imageRendering]")
        # Printed: 28 mm wide beside the print head (test_print.py), still unsmoothed.
        assert natural > 20 and abs(shown - 28 / 25.4 * 96) < 1 and rendering == "pixelated"
        after = page.evaluate("""() => getComputedStyle(
            document.querySelector('.hub-description a[href^="http"], dl.hub-facts a[href^="http"], article a[href^="http"]:not(.hub-qr a)'),
            '::after').content""")
        assert after.startswith('" ("') or "attr" in after or after.startswith('" (')
        page.close()
