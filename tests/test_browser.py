"""The built site in headless Chromium: search works, hostile data stays inert."""

from __future__ import annotations

import pytest

from tests.browser import serve

pytestmark = pytest.mark.browser


def open_page(chromium, url):
    page = chromium.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, dialogs, errors


def search(page, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the search box; the first five results as (path, text)."""
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", state="visible", timeout=10_000)
    items = page.locator(".md-search-result__item > a")
    return [(items.nth(i).get_attribute("href").split("?")[0], items.nth(i).inner_text())
            for i in range(min(items.count(), 5))]


@pytest.mark.parametrize("query, expected", [
    ("Nahversorgung", "projekte/smarte-nahversorgungsraeume/"),
    ("Brakel", "staedte/brakel/"),
    ("Onlinezugangsgesetz", "projekte/ozg-umsetzung/"),
])
def test_search_finds_generated_pages(chromium, example_site, query, expected):
    with serve(example_site.site) as base:
        page, dialogs, errors = open_page(chromium, base)
        hrefs = [href for href, _ in search(page, query)]
        assert any(href.endswith(expected) for href in hrefs[:3]), hrefs
        assert errors == []
        page.close()


def test_hostile_data_runs_no_script(chromium, hostile_site):
    with serve(hostile_site.site) as base:
        for url in ("projekte/boese/", "projekte/", "foerderung/", "staedte/", "anlaufstelle/",
                    "staedte/boese-stadt/", "foerderung/boese-foerderung/"):
            page, dialogs, errors = open_page(chromium, base + url)
            page.wait_for_load_state("networkidle")
            assert dialogs == [], url
            page.close()
        page, dialogs, errors = open_page(chromium, base)
        results = search(page, "Pipes")
        page.wait_for_timeout(300)
        assert dialogs == [] and errors == []
        # The hostile title is shown in the result list as text, tags and all.
        assert any("<script>alert(8)</script>" in text for _, text in results), results
        page.close()
