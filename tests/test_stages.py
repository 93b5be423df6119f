"""The generate stage on its own, and Zensical as a second engine building what it wrote."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from html import escape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.data.catalog import load_catalog
from macros.data.problems import DataError
from macros.finish.site import SiteToFinish, finish_outputs, finish_site
from macros.generate.stage import Stage, generate, inert_html, page_url
from macros.outputs.redirects import REDIRECT_MARKER
from tests.browser import serve
from tests.conftest import BUILD_DATE, EXAMPLE_DATA, ROOT, append, copy_project

TODAY = date.fromisoformat(BUILD_DATE)
ZENSICAL = Path(sys.executable).parent / "zensical"
# What only MkDocs makes: the blog plugin's pages (Zensical has no blog: a post is a page under
# its source path, topic pages list no news). Redirect pages are the hub's, written after the build.
ONLY_MKDOCS = re.compile(r"aktuelles/(\d{4}/|archiv/|kategorie/|page/)")
ONLY_ZENSICAL = re.compile(r"aktuelles/posts/")


def zensical_build(stage) -> subprocess.CompletedProcess:
    return subprocess.run([str(ZENSICAL), "build", "-f", str(stage.config_file)], cwd=stage.folder,
                          capture_output=True, text=True, timeout=600)


def site_pages(site: Path) -> set[str]:
    """The site's pages (not the editor's app, not redirects)."""
    return {path.parent.relative_to(site).as_posix() for path in site.rglob("index.html")
            if "redaktion/editor" not in path.as_posix()
            and REDIRECT_MARKER not in path.read_text(encoding="utf-8")[:300]}


def article_text(page: Path) -> str:
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
    # The theme's own parts of the article; the print head comes from the theme folder, which the
    # second engine does not read (README, known differences).
    for part in article.select("a.md-content__button, a.headerlink, .md-source-file, .hub-print-head"):
        part.decompose()
    return " ".join(article.get_text(" ").split())


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    """The example project built with `python -m macros build`: generate → Zensical → finish."""
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--engine", "zensical"], cwd=project,
                            env={**os.environ, "HUB_TODAY": BUILD_DATE}, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return Stage(project / ".stage")


def test_the_stage_holds_markdown_pages_without_template_text(zensical_site):
    docs = zensical_site.docs
    assert (docs / "projekte" / "e-akte.md").is_file() and (docs / "foerderung" / "index.md").is_file()
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text and "\ue002" not in text, page
    overview = (docs / "projekte" / "index.md").read_text(encoding="utf-8")
    assert 'href="e-akte/"' in overview  # the macro's HTML, at the page's own address
    config = json.loads(zensical_site.config_file.read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs" and config["plugins"] == ["search"] and "custom_dir" not in config["theme"]
    assert "repo_url" not in config  # no repository widget asking GitHub from visitors' browsers


def test_a_second_run_writes_nothing_and_a_change_writes_its_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    stage = generate(project, tmp_path / "stage", TODAY)
    assert len(stage.written) > 50
    assert generate(project, tmp_path / "stage", TODAY).written == []
    source = project / "data" / "projects" / "e-akte.yml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: Einführung der elektronischen Akte (E-Akte)", "title: E-Akte, neu gefasst", 1), encoding="utf-8")
    source.rename(source.with_name("e-akte-neu.yml"))
    again = generate(project, tmp_path / "stage", TODAY)
    assert "docs/projekte/e-akte-neu.md" in again.written and "docs/projekte/e-akte.md" in again.removed
    assert "docs/strategie.md" not in again.written  # pages that do not show the entry stay untouched


def test_bad_input_stops_the_stage_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    append(project / "docs" / "strategie.md", "\n{{ projects_overviw() }}\n")
    with pytest.raises(Exception) as error:
        generate(project, tmp_path / "stage", TODAY)
    assert "docs/strategie.md:" in str(error.value) and "projects_overview" in str(error.value)


@pytest.mark.parametrize("text", ["*kursiv* und __fett__", "[Link](javascript:alert(1))", "`code` {: .x } ==m==",
                                  "# Überschrift", "<b>&amp;</b>"])
def test_html_from_data_is_inert_for_markdown(text):
    import markdown

    html = f'<p class="a_b*c">{escape(text)}</p>'
    converted = markdown.markdown(f"Vor {inert_html(html)} nach.", extensions=["attr_list", "toc"])
    shown = BeautifulSoup(converted, "html.parser")
    assert shown.select_one("p.a_b\\*c").get_text() == text
    assert not shown.select("em, strong, code, a, h1, b")


def test_page_addresses_follow_directory_urls():
    assert [page_url(p) for p in ("index.md", "strategie.md", "projekte/index.md", "projekte/e-akte.md")] == \
        ["", "strategie/", "projekte/", "projekte/e-akte/"]


def test_zensical_builds_the_pages_mkdocs_builds(zensical_site, example_site):
    mkdocs = {url for url in site_pages(example_site.site) if not ONLY_MKDOCS.match(url)}
    zensical = {url for url in site_pages(zensical_site.folder / "site") if not ONLY_ZENSICAL.match(url)}
    assert zensical == mkdocs
    different = []
    for url in sorted(mkdocs):
        first = url.split("/")[0]
        if first not in ("projekte", "foerderung", "staedte", "shared-services", "schulungen") or url.count("/") != 1:
            continue
        if article_text(example_site.site / url / "index.html") != \
                article_text(zensical_site.folder / "site" / url / "index.html"):
            different.append(url)
    assert different == []


def test_markup_from_data_stays_text_in_the_second_engine(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "projects" / "e-akte.yml"
    title = "E-Akte *sofort* [hier](javascript:alert(1)) <img src=x onerror=alert(2)>"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Einführung der elektronischen Akte (E-Akte)", f"title: {json.dumps(title)}", 1), encoding="utf-8")
    stage = generate(project, tmp_path / "stage", TODAY)
    assert zensical_build(stage).returncode == 0
    site = tmp_path / "stage" / "site"
    for url in ("projekte/", "projekte/e-akte/"):
        page = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert not page.select('a[href^="javascript"], img[onerror], article em'), url
        assert title in " ".join(page.get_text(" ").split()) or url == "projekte/", url
    head = (site / "projekte" / "e-akte" / "index.html").read_text(encoding="utf-8").split("</title>")[0]
    assert "<img" not in head and "&lt;img" in head


# --- the finish stage on the second engine's output ----------------------------------------------

def test_the_finish_stage_completes_the_second_engine_s_site(zensical_site, example_site):
    site = zensical_site.folder / "site"
    for path in site.rglob("*.html"):
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        if REDIRECT_MARKER not in head:
            assert 'http-equiv="Content-Security-Policy"' in head, path
    assert {p.name for p in (site / "daten").iterdir()} == {p.name for p in (example_site.site / "daten").iterdir()}
    assert (site / "kalender" / "alle.ics").is_file() and (site / "aktuelles" / "feed.xml").is_file()
    assert (site / ".nginx" / "security-headers.conf").is_file()
    for old in ("projekte/e-rechnungs-workflow/", "ueber-uns/", "kontakt/"):
        assert REDIRECT_MARKER in (site / old / "index.html").read_text(encoding="utf-8"), old


def test_the_finish_stage_refuses_what_the_engine_should_not_have_written(zensical_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(zensical_site.folder / "site", site)
    for path in site.rglob("*.html"):  # unfinished again: as the engine wrote them
        path.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "",
                               path.read_text(encoding="utf-8")), encoding="utf-8")
    page = site / "strategie" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<template shadowrootmode="open"><script src="../x.js"></script></template></article>', 1),
        encoding="utf-8")
    catalog = load_catalog(EXAMPLE_DATA, today=TODAY, docs_dir=ROOT / "docs")
    with pytest.raises(DataError) as error:
        finish_site(SiteToFinish(site, catalog, {}))
    assert any(p.file == "site/strategie/index.html" and "<template>" in p.message for p in error.value.problems)


def test_the_shared_finish_step_stops_when_pagefind_writes_no_index(tmp_path):
    # finish_outputs is what both engines run after their pages; here Pagefind (the real program)
    # finds no page to read, and the build stops with the folder and Pagefind's reason.
    catalog = load_catalog(EXAMPLE_DATA, today=TODAY, docs_dir=ROOT / "docs")
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(DataError) as error:
        finish_outputs(SiteToFinish(site, catalog), frozenset(), search_language="de")
    [problem] = error.value.problems
    assert problem.file == "site/pagefind/"
    assert problem.message.startswith("Suchindex: Pagefind hat keinen Index geschrieben")
    assert (site / "daten" / "katalog.ttl").is_file()  # the data files were written meanwhile


@pytest.mark.browser
def test_the_second_engine_s_site_runs_under_the_policy(chromium, zensical_site):
    with serve(zensical_site.folder / "site") as base:
        context = chromium.new_context()
        context.add_init_script("""window.__violations = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));""")
        page = context.new_page()
        outside = []
        page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)
        for url in ("", "projekte/", "projekte/e-akte/", "daten/"):
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            # Zensical's search dialog adds its styles inline; the policy refuses them (README).
            assert {v.split()[0] for v in page.evaluate("window.__violations")} <= {"style-src-elem"}, url
        assert outside == []
        context.close()


def test_the_second_engine_s_menu_names_the_members(zensical_site, example_site):
    from tests.test_menu import _menu_members

    site = zensical_site.folder / "site"
    mkdocs_menu = _menu_members(example_site.page("staedte/"))
    assert len(mkdocs_menu) >= 2
    assert _menu_members((site / "staedte" / "index.html").read_text(encoding="utf-8")) == mkdocs_menu
