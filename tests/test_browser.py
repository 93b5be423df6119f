"""The built site in headless Chromium: search works, hostile data stays inert."""

from __future__ import annotations

import pytest

from tests.browser import search_results, serve

pytestmark = pytest.mark.browser


def open_page(chromium, url):
    page = chromium.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, dialogs, errors


@pytest.mark.parametrize("query, expected", [
    ("Nahversorgung", "projekte/smarte-nahversorgungsraeume/"),
    ("Brakel", "staedte/brakel/"),
    ("Onlinezugangsgesetz", "projekte/ozg-umsetzung/"),
])
def test_search_finds_generated_pages(chromium, example_site, query, expected):
    with serve(example_site.site) as base:
        page, dialogs, errors = open_page(chromium, base)
        hrefs = [href for href, _ in search_results(page, query)]
        assert any(href.endswith(expected) for href in hrefs[:3]), hrefs
        assert errors == []
        page.close()


def test_hostile_data_runs_no_script(chromium, hostile_site):
    with serve(hostile_site.site) as base:
        # All open at once: each gets its time for late scripts (network idle) beside the others.
        opened = {url: open_page(chromium, base + url)
                  for url in ("projekte/boese/", "projekte/", "foerderung/", "staedte/", "anlaufstelle/",
                              "staedte/boese-stadt/", "foerderung/boese-foerderung/")}
        for url, (page, dialogs, _) in opened.items():
            page.wait_for_load_state("networkidle")
            assert dialogs == [], url
            page.close()
        page, dialogs, errors = open_page(chromium, base)
        results = search_results(page, "Pipes")
        page.wait_for_timeout(300)
        assert dialogs == [] and errors == []
        # The hostile title is shown in the result list as text, tags and all.
        assert any("<script>alert(8)</script>" in text for _, text in results), results
        page.close()
