"""Topic pages and the matching of open funding calls to projects."""

from __future__ import annotations

from datetime import date, timedelta

from bs4 import BeautifulSoup

from macros.data.catalog import load_catalog
from tests.conftest import BUILD_DATE, EXAMPLE_DATA, ROOT, copy_project, run_build


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_a_page_per_topic_gathers_everything_tagged(example_site):
    catalog = load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs")
    for slug in catalog.used_topics():
        assert (example_site.site / "themen" / slug / "index.html").is_file(), slug
    page = soup(example_site.page("themen/interkommunale-zusammenarbeit/"))
    assert page.h1.get_text() == "Interkommunale Zusammenarbeit"
    assert page.select_one("#projekte ~ ul a")["href"] == "../../projekte/aufbau-digitalnetzwerk/"
    assert page.select_one("#foerderung ~ ul a")["href"] == "../../foerderung/interkommunale-zusammenarbeit-nrw/"
    news = [a.get_text() for a in page.select("#aktuelles ~ ul a")]
    assert "Kreis und Städte gründen das Digitalnetzwerk" in news


def test_entry_pages_link_their_topics(example_site):
    page = soup(example_site.page("projekte/smarte-nahversorgungsraeume/"))
    topics = {a.get_text(): a["href"] for a in page.find("dt", string="Themen").find_next("dd").find_all("a")}
    assert topics["Nahversorgung"] == "../../themen/nahversorgung/"


def test_unknown_topic_is_an_error_when_topics_are_listed(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "projects" / "e-akte.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("topics: [e-akte", "topics: [eakte"), encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0
    assert "data/projects/e-akte.yml" in build.output and "Das Thema 'eakte' gibt es nicht" in build.output


def test_open_calls_are_matched_to_projects_and_back(tmp_path):
    """The entry pages as the build renders them (macros.html.pages), from a copy of the data."""
    import shutil

    from macros.html import pages

    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    soon = (date.fromisoformat(BUILD_DATE) + timedelta(days=60)).isoformat()
    (data / "funding" / "nahversorgung-digital.yml").write_text(
        "title: Digitale Nahversorgung\nfunder: Land\nlevel: land\nsummary: S\nurl: https://www.land.nrw/\n"
        f"deadline: {soon}\nareas: [smart-region]\ntopics: [nahversorgung]\nreviewed: {BUILD_DATE}\n",
        encoding="utf-8")
    catalog = load_catalog(data, docs_dir=ROOT / "docs", today=date.fromisoformat(BUILD_DATE))

    def page(kind: str, entry_id: str, url: str):
        return soup(pages.entry_html(catalog, kind, entry_id, url))

    project_page = page("projects", "smarte-nahversorgungsraeume", "projekte/smarte-nahversorgungsraeume/")
    match = project_page.select_one("#passende-foerderung ~ ul.hub-matches li")
    assert match.a.get_text() == "Digitale Nahversorgung"
    assert "Thema Nahversorgung" in match.get_text() and "Handlungsfeld Smart Region" in match.get_text()
    call_page = page("funding", "nahversorgung-digital", "foerderung/nahversorgung-digital/")
    assert call_page.select_one("#passende-projekte ~ ul a").get_text() == "Smarte Nahversorgungsräume der Zukunft"
    # an expired call is never offered, and a call a project already uses is listed as its funding
    assert not page("projects", "aktenplan", "projekte/aktenplan/").find("a", string="Modellprojekte Smart Cities")
    e_akte = page("projects", "e-akte", "projekte/e-akte/")
    assert [a.get_text() for a in e_akte.select("#passende-foerderung ~ ul.hub-matches > li > a")] == \
        ["Förderung interkommunaler Zusammenarbeit in NRW"]


def test_matches_are_computed_once_and_leave_out_calls_in_use():
    catalog = load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs")
    matches = catalog.funding_matches
    assert matches is catalog.funding_matches  # computed once per build
    assert all(m.call.id not in m.project.funding for ms in matches.by_project.values() for m in ms)


def test_pairs_skipped_before_offering_change_nothing():
    """match_funding asks may_keep before it offers a pair (most pairs end there): the kept items
    are those of offering every pair, ties included (an equal key offered later is not kept)."""
    import random

    from macros.data.matching import _Best

    rng = random.Random(14)
    for _ in range(200):
        every, asked = _Best(), _Best()
        for item in range(rng.randint(0, 60)):
            first, rest = -rng.randint(0, 3), (rng.random() < 0.5, rng.randint(0, 4))
            every.offer(first, rest, item, 5)
            if asked.may_keep(first, rest):
                asked.offer(first, rest, item, 5)
        assert asked.items() == every.items()
