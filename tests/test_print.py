"""A printed page says where it comes from: site, address and "Stand" on its first page, the QR
code of the address beside the heading (Chromium's print media)."""

from __future__ import annotations

import pytest

from tests.browser import serve

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("address", ["projekte/e-akte/", "staedte/brakel/", "strategie/"])
def test_a_printed_page_names_site_address_and_date_first(chromium, example_site, address):
    with serve(example_site.site) as base:
        page = chromium.new_page(viewport={"width": 800, "height": 1100})
        page.goto(base + address)
        head = page.locator(".hub-print-head")
        assert not head.is_visible()  # on screen the browser shows the address itself
        page.emulate_media(media="print")
        assert head.is_visible()
        text = head.inner_text()
        assert text.startswith("Digitalnetzwerk") and f"/{address} · Stand: " in text, text
        heading = page.locator("article h1").first.bounding_box()
        assert head.bounding_box()["y"] < heading["y"]
        code = page.locator(".hub-share img")
        if code.count():  # entry pages: the QR code beside the heading, not on a page of its own
            box, head_box = code.bounding_box(), head.bounding_box()
            assert box["y"] < head_box["y"] + head_box["height"]  # at the top, beside the print head
            assert box["x"] >= head_box["x"] + head_box["width"]  # not over it
            assert box["y"] + box["height"] <= heading["y"]  # and not over the title
        page.close()


def test_the_print_head_is_not_searched(example_site):
    page = example_site.page("projekte/e-akte/")
    assert '<p class="hub-print-head" data-pagefind-ignore="all">' in page
