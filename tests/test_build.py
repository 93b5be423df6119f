"""The starter site builds strictly and its pages say what they should."""

from __future__ import annotations

import json
import re

from macros.data.catalog import load_catalog
from macros.outputs.redirects import REDIRECT_MARKER
from tests.conftest import EXAMPLE_DATA, ROOT, pagefind_records, private_contact_strings, site_pages, soup


def text_of(html: str) -> str:
    return " ".join(soup(html).get_text(" ").split())


def test_every_entry_has_its_page(example_site):
    catalog = load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs")
    for section, entries in (("projekte", catalog.projects), ("foerderung", catalog.funding),
                             ("staedte", catalog.towns)):
        for entry_id in entries:
            page = soup(example_site.page(f"{section}/{entry_id}/"))
            assert len(page.find_all("h1")) == 1, f"{section}/{entry_id}"


def test_pages_are_german(example_site):
    for path, html in example_site.all_text_files():
        if path.suffix == ".html":
            assert '<html lang="de"' in html, path


def test_project_page_shows_facts_links_and_contacts(example_site):
    html = example_site.page("projekte/smarte-nahversorgungsraeume/")
    page = soup(html)
    assert page.title.get_text() == "Smarte Nahversorgungsräume der Zukunft - Digitalnetzwerk Kreis Höxter"
    text = text_of(html)
    assert "Gesamtvolumen 8.700.000 €" in text and "Davon Fördermittel 5.700.000 €" in text
    assert "seit 01.01.2022" in text
    assert "Noch nicht bestätigt" in text and "Stand: 25.11.2026" in text
    links = {a["href"] for a in page.select("article a[href]")}
    assert "../../foerderung/modellprojekte-smart-cities/" in links
    assert "../../staedte/brakel/" in links
    assert page.select_one("nav.hub-breadcrumb a")["href"] == "../"
    assert "geschaeftsstelle@digitalnetzwerk.example" in text


def test_project_overview_groups_by_area_and_status(example_site):
    page = soup(example_site.page("projekte/"))
    headings = [h.get_text(" ", strip=True) for h in page.select("article h2, article h3")]
    assert headings.index("E-Government (6)") < headings.index("Laufend") < headings.index("Smart Region (5)")
    smart = page.find(id="feld-smart-region").find_parent("section")
    assert smart.find("a", string="Smarte Nahversorgungsräume der Zukunft")["href"] == \
        "smarte-nahversorgungsraeume/"


def test_funding_overview_uses_the_derived_status(example_site):
    page = soup(example_site.page("foerderung/"))
    assert page.find(id="status-abgelaufen") is None  # expired calls live in the archive
    assert page.select_one('article a[href="archiv/"]').find_parent("p").get_text().endswith("(1).")
    archive = soup(example_site.page("foerderung/archiv/"))
    expired = archive.find(id="status-abgelaufen").find_parent("section")
    assert expired.find("a", string="Modellprojekte Smart Cities")["href"] == "../modellprojekte-smart-cities/"
    rolling = page.find(id="status-laufend").find_parent("section")
    assert rolling.find("a", string="Förderung interkommunaler Zusammenarbeit in NRW")
    assert "490.000\u00a0€" in rolling.get_text()  # no line break inside an amount


def test_expired_call_says_so(example_site):
    assert "Frist abgelaufen" in text_of(example_site.page("foerderung/modellprojekte-smart-cities/"))


def test_town_page_has_projects_contacts_and_decision(example_site):
    text = text_of(example_site.page("staedte/brakel/"))
    assert "Rat der Stadt Brakel" in text and "Beschluss geplant" in text
    assert "Gemeinsamer Aktenplan" in text
    assert "digitalisierung@brakel.example" in text


def test_members_overview_lists_all_eleven(example_site):
    page = soup(example_site.page("staedte/"))
    rows = page.select("table.hub-table tbody tr")
    assert len(rows) == 11
    assert rows[0].th.get_text(strip=True) == "Kreis Höxter"
    assert "Ein gefasster Beschluss zum Beitritt ist hier noch nicht eingetragen; geplant ist ein Beschluss " \
        "bei 11 Mitgliedern." in " ".join(page.get_text().split())


def test_contact_page_lists_public_contacts_by_organisation(example_site):
    page = soup(example_site.page("anlaufstelle/"))
    assert [h.get_text() for h in page.select("section.hub-group h3")][:2] == ["Kreis Höxter", "Stadt Bad Driburg"]
    assert page.find(id="kontakt-geschaeftsstelle")
    assert len(page.select(".hub-contact")) == 12


def test_home_page_says_what_who_and_whom_to_ask(real_site):
    text = text_of(real_site.page(""))
    for phrase in ("Kreis Höxter", "zehn Städte", "E-Government", "Smart Region",
                   "Beschlussvorlage der Stadt Brakel vom 07.03.2022", "info@kreis-hoexter.de"):
        assert phrase in text


def test_legal_pages_exist_and_are_linked_from_every_page(example_site):
    for url, phrase in (("impressum/", "§ 5 Digitale-Dienste-Gesetz"),
                        ("datenschutz/", "keine Cookies"),
                        ("barrierefreiheit/", "Ombudsstelle für barrierefreie Informationstechnik")):
        text = text_of(example_site.page(url))
        assert phrase in text and "Noch auszufüllen" in text
    for path, html in example_site.all_text_files():
        if path.suffix == ".html" and path.name != "404.html" and REDIRECT_MARKER not in html[:300]:
            footer = soup(html).select_one("nav.hub-legal")
            texts = [a.get_text() for a in footer.find_all("a")] if footer else []
            assert texts == ["Impressum", "Datenschutz", "Barrierefreiheit", "Leichte Sprache",
                             "Gebärdensprache"], path


def test_non_public_contact_appears_nowhere(example_site):
    private = private_contact_strings(example_site.project / "data")
    for path, content in example_site.all_text_files():
        for text in private:
            assert text not in content, (path, text)


def test_nothing_is_loaded_from_other_hosts(example_site):
    external = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")
    for path, html in example_site.all_text_files():
        if path.suffix != ".html":
            continue
        page = soup(html)
        for tag in page.find_all(["script", "link", "img", "iframe", "source"]):
            for attr in ("src", "href"):
                value = tag.get(attr, "")
                assert not external.match(f'{attr}="{value}') or tag.name == "link" and \
                    tag.get("rel") == ["canonical"], (path, tag)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path


def test_every_internal_link_resolves(example_site):
    site = example_site.site
    for path, html in example_site.all_text_files():
        if path.suffix != ".html":
            continue
        for a in soup(html).find_all("a", href=True):
            href = a["href"]
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            # 404.html is served at any depth, so MkDocs gives it root-relative links.
            base = site if href.startswith("/") else path.parent
            target = (base / href.split("#")[0].lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file() and site in target.parents, (path, href)


def test_pages_are_in_the_pagefind_index_and_material_indexes_nothing(example_site):
    site = example_site.site
    marked = {path.parent.relative_to(site).as_posix() + "/" for path in site_pages(site)
              if "data-pagefind-body" in path.read_text(encoding="utf-8")}
    assert {"projekte/e-akte/", "staedte/warburg/", "foerderung/", "glossar/"} <= marked
    # Forwarding pages, the editor and the 404 page are not pages to find.
    assert not {url for url in marked if url.startswith("redaktion/editor/")}
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["de"]["page_count"] == len(marked)
    assert (site / "pagefind" / "wasm.de.pagefind").is_file() and not (site / "pagefind" / "pagefind-ui.js").exists()
    # Material's box stays (its worker is ours), its own index holds nothing, its lunr files are not published.
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not (site / "assets" / "javascripts" / "workers").exists()  # held only Material's search worker
    config = soup(example_site.page("projekte/")).find("script", id="__config").get_text()
    assert json.loads(config)["search"] == "../javascripts/hub-search-worker.js"


def test_search_leaves_out_what_repeats_other_pages(example_site):
    """Sharing, sources and the lists of matching entries repeat other pages: searching them finds noise."""
    for url, heading_ids in (("projekte/smarte-nahversorgungsraeume/", ("teilen", "quellen", "passende-foerderung")),
                             ("foerderung/modellprojekte-smart-cities/", ("teilen", "quellen"))):
        page = soup(example_site.page(url))
        for heading_id in heading_ids:
            heading = page.find(id=heading_id)
            section = [heading, *heading.find_next_siblings()]
            section = section[:next((i for i, tag in enumerate(section[1:], 1) if tag.name == "h2"), len(section))]
            for tag in section:
                assert tag.has_attr("data-pagefind-ignore") or tag.find_parent(attrs={"data-pagefind-ignore": True}), \
                    (url, heading_id, str(tag)[:80])


def test_search_results_show_no_qr_code_as_the_page_picture(example_site):
    """Pagefind takes a page's first image as its picture; the share box is left out of it entirely."""
    records = pagefind_records(example_site.site).values()
    assert len(records) > 50 and "QR-Code der Adresse" in example_site.page("projekte/e-akte/")
    pictures = {record["url"]: record["meta"]["image"] for record in records if "image" in record["meta"]}
    assert pictures == {"/mitmachen/": "../assets/bilder/editor-login.png"}  # a screenshot of the editor


def test_the_word_list_reaches_the_search(example_site):
    groups = json.loads((example_site.site / "search" / "words.json").read_text(encoding="utf-8"))
    assert any("E-Akte" in names and "elektronische Akte" in names for names in groups)
    assert any(names[0] == "Förderung" and "Zuschuss" in names for names in groups)
    letters = {path.name: json.loads(path.read_text(encoding="utf-8"))
               for path in (example_site.site / "search" / "vocabulary").glob("*.json")}
    assert "Nahversorgung" in letters["n.json"] and "Zuschuss" in letters["z.json"]
    assert "Schulung" in letters["s.json"] and "Förderung" in letters["f.json"]
    assert all(word[0].lower().translate(str.maketrans("äöüß", "aous")) == name[0]
               for name, words in letters.items() for word in words)


def test_a_dirty_build_rewrites_only_the_pages_of_changed_data(project_copy):
    """`mkdocs serve --dirty` (large data sets): a changed YAML file rebuilds its own page and the
    hand-written pages (overviews), not the other entries' pages."""
    import os
    import subprocess
    import sys
    import time

    env = {**os.environ, "HUB_TODAY": "2026-11-25", "NO_MKDOCS_2_WARNING": "1"}

    def build(*options):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "site", *options],
                                cwd=project_copy, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr

    build()
    site = project_copy / "site" / "projekte"
    untouched, changed = site / "e-rechnung" / "index.html", site / "e-akte" / "index.html"
    before = untouched.stat().st_mtime_ns
    time.sleep(0.05)
    source = project_copy / "data" / "projects" / "e-akte.yml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: Einführung der elektronischen Akte (E-Akte)", "title: E-Akte, neu gefasst", 1), encoding="utf-8")
    build("--dirty", "--no-strict")
    assert "E-Akte, neu gefasst" in changed.read_text(encoding="utf-8")
    assert "E-Akte, neu gefasst" in (site / "index.html").read_text(encoding="utf-8")  # the overview
    assert untouched.stat().st_mtime_ns == before


def test_script_files_never_hold_up_the_first_paint(example_site):
    """The theme's and the hub's script files are deferred: the page paints before they run
    (Lighthouse counted Material's bundle as render-blocking), in the same order as written."""
    checked = 0
    for path in site_pages(example_site.site):
        for script in soup(path.read_text(encoding="utf-8")).select("script[src]"):
            checked += 1
            assert script.has_attr("defer"), (path, script)
    assert checked > 100
