"""Links that last: published addresses keep resolving, renamed entries and moved pages redirect."""

from __future__ import annotations

import posixpath
from itertools import product

from bs4 import BeautifulSoup

from macros.urls import relative_url
from tests.conftest import ROOT, copy_project, run_build

PUBLISHED = (ROOT / "tests" / "published-urls.txt").read_text(encoding="utf-8").split()


def resolves(site, url: str) -> bool:
    path = site / url.lstrip("/")
    return (path / "index.html").is_file() if url.endswith("/") else path.is_file()


def test_every_published_address_still_resolves(example_site):
    """Fails when a published address disappears without a redirect.

    After adding pages on purpose: python -m macros urls site > tests/published-urls.txt
    """
    assert len(PUBLISHED) > 100
    missing = [url for url in PUBLISHED if not resolves(example_site.site, url)]
    assert missing == [], "Adressen ohne Weiterleitung verschwunden (aliases oder extra.redirects ergänzen)"


def test_links_between_pages_are_the_relative_paths_posixpath_makes():
    # relative_url skips posixpath.relpath's normalising for plain site paths (speed); the links
    # must be the same as relpath's, also for odd paths that take the slow way.
    pages = ["", "projekte/", "projekte/e-akte/", "aktuelles/2026/03/beitrag/", "daten/katalog.ttl",
             "index.html", "a//b/", "./", "../x/", "projekte/./e-akte/"]
    targets = [*pages, "projekte/e-akte", "chronik/#meilenstein-1", "#oben", "kalender/alle.ics"]
    for from_url, to_url in product(pages, targets):
        path, hash_, fragment = to_url.partition("#")
        if not path and hash_:
            expected = to_url
        else:
            base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
            expected = posixpath.relpath("/" + path, "/" + base)
            expected = "./" if expected == "." else expected + "/" if path == "" or path.endswith("/") else expected
            expected += hash_ + fragment
        assert relative_url(from_url, to_url) == expected, (from_url, to_url)


def test_renaming_without_alias_is_caught_and_with_alias_redirects(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "projects"
    (data / "e-akte.yml").rename(data / "elektronische-akte.yml")
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert not resolves(build.site, "/projekte/e-akte/")  # the published-URL test would fail

    text = (data / "elektronische-akte.yml").read_text(encoding="utf-8")
    (data / "elektronische-akte.yml").write_text(text.replace("reviewed:", "aliases: [e-akte]\nreviewed:"),
                                                 encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    redirect = BeautifulSoup((build.site / "projekte" / "e-akte" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
    assert redirect.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../elektronische-akte/"
    assert redirect.find("link", rel="canonical")["href"].endswith("/projekte/elektronische-akte/")
    assert not redirect.find("script")  # no inline script: the CSP stays strict


def test_starter_alias_and_moved_pages_redirect(example_site):
    for old, new in (("projekte/e-rechnungs-workflow/", "../e-rechnung/"), ("kontakt/", "../anlaufstelle/"),
                     ("ueber-uns/", "../strategie/")):
        page = BeautifulSoup(example_site.page(old), "html.parser")
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"


def test_alias_that_is_still_an_id_is_an_error(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "projects" / "aktenplan.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed:", "aliases: [e-akte]\nreviewed:"),
                    encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0
    assert "data/projects/aktenplan.yml" in build.output and "'e-akte' ist noch die Kennung eines Eintrags" in build.output


def test_redirect_over_a_live_page_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("    kontakt/: anlaufstelle.md",
                                                       "    kontakt/: anlaufstelle.md\n    strategie/: index.md"),
                                        encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0 and "unter dieser Adresse steht noch eine Seite" in build.output


def test_generated_headings_have_permalinks(example_site):
    page = BeautifulSoup(example_site.page("projekte/e-akte/"), "html.parser")
    heading = page.find("h2", id="passende-foerderung")
    assert heading.find("a", class_="headerlink")["href"] == "#passende-foerderung"
