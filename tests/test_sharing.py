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
            qr = page.select_one("figure.hub-qr svg[role=img]")
            assert qr is not None and qr.find("title").get_text().startswith("QR-Code der Adresse https://"), path
            assert page.select_one("figure.hub-qr figcaption a")["href"].startswith(SITE_URL), path
            count += 1
    assert count > 40


def _decoded(svg) -> str | None:
    """Draw the QR code's SVG path as pixels (4 per module) and read it with a barcode reader."""
    import re

    import zxingcpp

    size = int(svg["viewbox"].split()[2])
    scale = 4
    pixels = bytearray([255]) * (size * scale) ** 2
    for x, y, width, height in re.findall(r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+Z", svg.find("path")["d"]):
        for row in range(int(y) * scale, (int(y) + int(height)) * scale):
            start = row * size * scale + int(x) * scale
            pixels[start:start + int(width) * scale] = bytes(int(width) * scale)
    image = memoryview(pixels).cast("B", (size * scale, size * scale))
    found = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return found.text if found else None


def test_the_qr_code_on_a_page_reads_back_as_its_address(example_site):
    page = BeautifulSoup(example_site.page("projekte/e-akte/"), "html.parser")
    svg = page.select_one("figure.hub-qr svg")
    assert _decoded(svg) == SITE_URL + "projekte/e-akte/"
    svg.find("path")["d"] = svg.find("path")["d"].split("Z", 40)[-1]  # most modules gone: no code
    assert _decoded(svg) is None


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
        assert page.locator("figure.hub-qr svg").is_visible()
        after = page.evaluate("""() => getComputedStyle(
            document.querySelector('.hub-description a[href^="http"], dl.hub-facts a[href^="http"], article a[href^="http"]:not(.hub-qr a)'),
            '::after').content""")
        assert after.startswith('" ("') or "attr" in after or after.startswith('" (')
        page.close()
