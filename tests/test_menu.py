"""The main menu names each member: a citizen looking for their town finds it there, on every
engine, and a name from the data is shown as text, never as markup."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import soup
from tests.hostile_data import TOWN_NAME


def _menu_members(html: str) -> dict[str, str]:
    """Address → text of the pages below the members' overview that its main menu links to."""
    menu = soup(html).select_one("nav.md-nav--primary")
    # "brakel/" from MkDocs, "./brakel/" from Zensical.
    return {link["href"].removeprefix("./"): link.get_text(" ", strip=True) for link in menu.select("a[href]")
            if re.fullmatch(r"(\./)?[a-z0-9-]+/", link["href"])}


def _towns(project) -> dict[str, str]:
    return {town["id"]: town["name"] for town in yaml.safe_load((project / "data" / "towns.yml").read_text())}


@pytest.mark.parametrize("site", ["real_site", "example_site"])
def test_every_member_is_in_the_main_menu_by_name(site, request):
    build = request.getfixturevalue(site)
    towns = _towns(build.project)
    assert len(towns) >= 2
    expected = {f"{town_id}/": name for town_id, name in towns.items()}
    # On the overview of the members, its section of the menu lists them all, in the data's order.
    assert _menu_members(build.page("staedte/")) == expected
    assert list(_menu_members(build.page("staedte/")).values()) == list(towns.values())
    # A member's page keeps the list open and marks itself.
    page = soup(build.page("staedte/brakel/"))
    assert page.select_one("nav.md-nav--primary a.md-nav__link--active").get_text(strip=True) == towns["brakel"]


def test_a_member_s_name_from_the_data_is_text_in_the_menu(hostile_site):
    menu = soup(hostile_site.page("staedte/")).select_one("nav.md-nav--primary")
    link = menu.select_one('a[href="boese-stadt/"]')
    assert link.get_text(" ", strip=True) == TOWN_NAME
    assert menu.select("svg[onload]") == []


@pytest.mark.browser
def test_a_citizen_finds_their_town_in_the_phone_menu(chromium, example_site):
    from tests.browser import serve

    towns = _towns(example_site.project)
    with serve(example_site.site) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page.goto(base + "staedte/")
        page.locator("label.md-header__button[for=__drawer]").click()  # the menu button
        drawer = page.locator("nav.md-nav--primary")
        for name in towns.values():
            assert drawer.get_by_role("link", name=name, exact=True).is_visible(), name
        drawer.get_by_role("link", name=towns["brakel"], exact=True).click()
        page.wait_for_url("**/staedte/brakel/")
        assert page.locator("h1").first.inner_text() == towns["brakel"]
        page.close()
