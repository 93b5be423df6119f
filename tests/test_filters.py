"""Filters on the overviews, in Chromium: narrowing, shareable links, no-JavaScript fallback."""

from __future__ import annotations

import pytest

from macros.data.catalog import load_catalog
from tests.browser import serve
from tests.conftest import EXAMPLE_DATA, ROOT

pytestmark = pytest.mark.browser


def visible_titles(page, selector: str) -> list[str]:
    return [el.inner_text().strip() for el in page.locator(selector).all() if el.is_visible()]


@pytest.fixture(scope="module")
def site(example_site):
    with serve(example_site.site) as base:
        yield base


def test_projects_filtered_by_status_from_the_address(chromium, site):
    catalog = load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs")
    page = chromium.new_page()
    page.goto(site + "projekte/?stand=laufend")
    shown = visible_titles(page, "[data-filter-container] .hub-card__title")
    assert sorted(shown) == sorted(p.title for p in catalog.projects.values() if p.status == "laufend")
    assert not page.locator("#feld-e-government-geplant").is_visible()  # empty group hidden
    assert page.locator("select[name=stand]").input_value() == "laufend"
    running = sum(1 for p in catalog.projects.values() if p.status == "laufend")
    assert running > 1
    assert f"{running} von {len(catalog.projects)} Einträgen werden angezeigt." in \
        page.locator(".hub-filter__count").inner_text()
    page.close()


def test_choosing_a_filter_updates_the_shareable_address(chromium, site):
    page = chromium.new_page()
    page.goto(site + "projekte/")
    page.select_option("select[name=feld]", "smart-region")
    assert page.url.endswith("projekte/?feld=smart-region")
    shared = chromium.new_page()
    shared.goto(page.url)  # someone opens the link
    assert "Smarte Nahversorgungsräume der Zukunft" in visible_titles(shared, "[data-filter-container] .hub-card__title")
    assert "Prozessmanagement" not in visible_titles(shared, "[data-filter-container] .hub-card__title")
    shared.click("form.hub-filter button[type=reset]")
    shared.wait_for_function("() => !location.search")
    assert len(visible_titles(shared, "[data-filter-container] .hub-card__title")) == 11
    page.close()
    shared.close()


def test_combined_filters_and_unknown_values(chromium, site):
    page = chromium.new_page()
    page.goto(site + "projekte/?stand=geplant&thema=e-akte")
    assert sorted(visible_titles(page, "[data-filter-container] .hub-card__title")) == \
        ["Einführung der elektronischen Akte (E-Akte)", "Gemeinsamer Aktenplan"]
    page.goto(site + "projekte/?stand=gibt-es-nicht")  # a stale link shows everything, not nothing
    assert len(visible_titles(page, "[data-filter-container] .hub-card__title")) == 11
    page.close()


def test_shared_services_by_participating_member(chromium, site):
    page = chromium.new_page()
    page.goto(site + "shared-services/?mitglied=kreis-hoexter")
    assert visible_titles(page, "table.hub-matrix tbody th a") == ["Gemeinsamer E-Rechnungseingang"]
    page.close()


def test_trainings_by_format(chromium, site):
    page = chromium.new_page()
    page.goto(site + "schulungen/?format=online")
    assert visible_titles(page, "#angebote ~ ul .hub-card__title") == ["Online-Dienste nach dem OZG einführen"]
    page.close()


def test_without_javascript_the_full_list_is_shown(chromium, example_site):
    with serve(example_site.site) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "projekte/?stand=laufend")
        assert not page.locator("form.hub-filter").is_visible()
        assert len(visible_titles(page, "[data-filter-container] .hub-card__title")) == 11
        page.goto(base + "shared-services/?mitglied=kreis-hoexter")
        assert len(visible_titles(page, "table.hub-matrix tbody th a")) == 6
        context.close()


def test_funding_deadline_window(chromium, soon_site):
    with serve(soon_site.site) as base:
        page = chromium.new_page()
        page.goto(base + "foerderung/?frist=30")
        assert visible_titles(page, "[data-filter-container] tbody td:first-child a") == ["Modellprojekte Smart Cities"]
        page.goto(base + "foerderung/?frist=365")
        assert sorted(visible_titles(page, "[data-filter-container] tbody td:first-child a")) == \
            ["Modellprojekte Smart Cities", "Programm später"]
        page.goto(base + "foerderung/?stand=endet-bald")
        assert visible_titles(page, "[data-filter-container] tbody td:first-child a") == ["Modellprojekte Smart Cities"]
        page.close()
