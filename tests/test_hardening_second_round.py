"""The second round of attacks: what the browser builds, what the theme re-inserts, mkdocs.yml as
untrusted input, work without bounds and text that is not what it seems.

Each test names one class of attack and fails without the rule that stops it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import urllib.request
from pathlib import Path

import markdown
import pytest
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError

from macros.data.hidden_text import ALLOWED, BLANK_LETTERS, HIDDEN, contains_hidden, hidden_characters
from macros.data.load import load_text
from macros.data.source_files import source_problems
from macros.generate.page_sandbox import PageSandbox
from macros.outputs.content_policy import content_problems, nginx_headers, page_problems
from macros.outputs.exports import Collection, Field, write_csv
from macros.outputs.file_types import COMPRESSED_TYPES, PUBLISHED_TYPES
from tests.browser import nginx, serve
from tests.conftest import ROOT, append, copy_project, data_problems, run_build


def check(project) -> subprocess.CompletedProcess:
    """``python -m macros check`` in ``project``; its report is on stderr."""
    # A bound on a hang, not a speed goal: linear work is done in a second or two.
    return subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project, capture_output=True, text=True,
                          timeout=120)


# --- work without bounds ------------------------------------------------------------------------

# Each took quadratic time in the page check: about 12 s for 60 KB, hours for the pages below.
ADVERSARIAL_PAGES = {"unclosed-expressions": "{{ " * 300_000, "nested-links": "](" * 450_000}


@pytest.mark.parametrize("text", ADVERSARIAL_PAGES.values(), ids=ADVERSARIAL_PAGES.keys())
def test_the_page_check_takes_linear_time_on_adversarial_pages(project_copy, text):
    (project_copy / "docs" / "gross.md").write_text("# Groß\n\n" + text, encoding="utf-8")
    result = check(project_copy)
    assert result.returncode == 0, result.stderr


def test_a_page_over_the_size_limit_is_named(project_copy):
    (project_copy / "docs" / "riesig.md").write_text("# Riesig\n\n" + "Wort " * 220_000, encoding="utf-8")
    result = check(project_copy)
    assert result.returncode != 0 and "docs/riesig.md:1: Die Seite ist größer als 1 MB" in result.stderr


@pytest.fixture(scope="module")
def sandbox() -> PageSandbox:
    return PageSandbox(allowed={}, loader=None, undefined=StrictUndefined, globals_={}, filters={})


@pytest.mark.parametrize("template", [
    '{{ "a".ljust(10**9) }}',
    '{{ "a".center(1000000000) }}',
    '{{ "a"|center(1000000000) }}',
    '{{ "x"|indent(10**9, true) }}',
    '{{ "%999999999s" % 1 }}',
    '{{ "{:>999999999}".format(1) }}',
    '{{ "{0:>{1}}".format(1, 999999999) }}',
    '{{ lipsum(10**8) }}',
])
def test_the_sandbox_refuses_to_allocate_without_bound(sandbox, template):
    # Without the rule the first ones allocate a gigabyte and only then fail on the output size.
    with pytest.raises(SecurityError, match="als Breite oder Anzahl"):
        sandbox.from_string(template).render()


def test_the_sandbox_still_formats_ordinary_text(sandbox):
    assert sandbox.from_string('{{ "ab".ljust(4) }}|{{ "%3s" % 1 }}|{{ "x"|center(3) }}|{{ "{:>2}".format(5) }}'
                               ).render() == "ab  |  1| x | 5"


def test_a_page_that_allocates_stops_the_build_with_its_message(project_copy):
    append(project_copy / "docs" / "strategie.md", '\n{{ "a".ljust(10**9) }}\n')
    build = run_build(project_copy)
    assert build.returncode != 0 and "als Breite oder Anzahl" in build.output


# --- text that is not what it seems ---------------------------------------------------------------

def test_hidden_characters_cover_every_format_and_control_character():
    missed = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if (unicodedata.category(chr(code)) in ("Cf", "Cc") or chr(code) in BLANK_LETTERS)
              and chr(code) not in ALLOWED and not HIDDEN.fullmatch(chr(code))]
    assert missed == []
    assert hidden_characters("Stra\u00dfe mit wei\u00adchem Trenn\u00adstrich\tund Zeile\n") == []


def test_the_quick_check_for_hidden_characters_misses_none_the_expression_finds():
    # contains_hidden answers "none" without the expression for printable text: each character
    # the expression finds must make it look (between letters, beside an allowed line break).
    missed = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if HIDDEN.fullmatch(chr(code)) and not contains_hidden(f"Netz{chr(code)}werk\n")]
    assert missed == []
    assert not contains_hidden("Straße mit wei\u00adchem Trenn\u00adstrich\tund Zeile\r\n")
    assert contains_hidden("5\u00a0000\u202e€") and not contains_hidden("5\u00a0000 €")  # left to the expression


@pytest.mark.parametrize("title, code", [
    ("Digital\u200bnetzwerk", "U+200B"),           # zero-width space inside a word
    ("Projekt \u202eelif.exe", "U+202E"),          # right-to-left override
    ("Netz\u2060werk", "U+2060"),                  # word joiner
    ("Titel\U000e0041\U000e0042", "U+E0041"),      # tag characters: text no one sees
])
def test_hidden_characters_in_data_are_refused_with_the_line(data, title, code):
    path = data / "projects" / "versteckt.yml"
    path.write_text(f'title: "{title}"\narea: e-government\nstatus: idee\nsummary: Kurz.\ntowns: [brakel]\n'
                    "reviewed: 2026-11-01\n", encoding="utf-8")
    problems = data_problems(data)
    assert any(p.startswith("data/projects/versteckt.yml:1") and code in p for p in problems), problems


def test_hidden_characters_in_keys_are_refused():
    _, problems = load_text("ti\u200btle: x\n", "data/x.yml")
    assert problems and "U+200B" in problems[0].message


def test_bidi_controls_in_a_page_title_and_body_are_refused(project_copy):
    page = project_copy / "docs" / "strategie.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", '---\ntitle: "Strategie \u202eneztuhcsnetaD"\n', 1)
                    + "\nEin Satz mit \u2066versteckter\u2069 Richtung.\n", encoding="utf-8")
    result = check(project_copy)
    body_line = len(page.read_text(encoding="utf-8").splitlines())
    assert result.returncode != 0
    assert re.search(r"docs/strategie.md:2: .*U\+202E", result.stderr), result.stderr
    assert re.search(rf"docs/strategie.md:{body_line}: .*U\+2066", result.stderr), result.stderr


def test_file_names_that_differ_only_in_case_are_refused(tmp_path):
    for name in ("Bericht.pdf", "bericht.pdf"):
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / name).write_bytes(b"%PDF-1.4\n")
    problems = [str(p) for p in source_problems(tmp_path)]
    assert any("docs/bericht.pdf" in p and "Groß- und Kleinschreibung" in p and "Bericht.pdf" in p
               for p in problems), problems


@pytest.mark.parametrize("cell", ["\uff1dHYPERLINK(\"https://x.example\")", "\uff0b1+1", "\uff0d2", "\uff20SUM(A1)",
                                  " =1+1", "=1+1"])
def test_formula_signs_in_any_width_stay_text_in_csv(cell):
    out = io.StringIO(newline="")
    write_csv(Collection("x", "X", [{"id": "a", "titel": cell}], [Field("id", ""), Field("titel", "")],
                         lambda record: record), out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert rows[1][1] == "'" + cell


# --- the theme never turns escaped text into markup ---------------------------------------------

LURE = '<a id="lure" href="https://boese.example/">Jetzt klicken</a><img id="lure-img" src="x">'


@pytest.fixture(scope="module")
def lure_site(tmp_path_factory):
    """The example site with markup in a glossary long form, a link title and a long project title."""
    project = copy_project(tmp_path_factory.mktemp("lure") / "project")
    append(project / "data" / "glossary.yml",
           f"\n- id: lure\n  term: LURE\n  long: {json.dumps(LURE)}\n  definition: Köder.\n")
    append(project / "docs" / "strategie.md", f'\nDie LURE und [ein Link](https://example.org/ {json.dumps(LURE)}).\n')
    path = project / "data" / "projects" / "e-akte.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Einführung der elektronischen Akte (E-Akte)",
        f"title: {json.dumps('Ein sehr langer Titel, der im Kopf gekürzt wird ' + LURE)}", 1), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


@pytest.mark.browser
def test_text_from_data_and_pages_stays_text_on_hover_and_focus(chromium, lure_site):
    with serve(lure_site.site) as base:
        page = chromium.new_page()
        for url, targets in (("strategie/", ["abbr", "article a[title]"]),
                             ("projekte/e-akte/", ["[data-md-component=header-title]", "h1"])):
            page.goto(base + url)
            for selector in targets:
                element = page.locator(selector).filter(has_text=re.compile(".")).first
                element.hover()
                element.focus()
                page.wait_for_timeout(300)  # Material shows its tooltips after a short delay
                assert page.locator("#lure, #lure-img").count() == 0, (url, selector)
                assert page.locator(".md-tooltip, .md-tooltip2").count() == 0, (url, selector)
            assert LURE.split(">")[0] in page.locator("body").inner_text() or url == "strategie/"
        page.close()


def test_the_theme_features_that_render_titles_as_html_are_refused(project_copy):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    - content.action.edit\n", "    - content.action.edit\n    - content.tooltips\n", 1), encoding="utf-8")
    result = check(project_copy)
    assert result.returncode != 0 and re.search(r"mkdocs.yml:\d+: theme.features\[\d+\]: 'content.tooltips'",
                                                result.stderr), result.stderr


# --- the scan judges what the browser builds, by allow-list -----------------------------------

@pytest.mark.parametrize("html, expected", [
    ('<template shadowrootmode="open"><script src="../javascripts/filter.js"></script></template>', "<template>"),
    ('<div><template shadowrootmode="open"><img src=x onerror=alert(1)></template></div>', "Ereignis-Attribute"),
    ('<link rel="stylesheet" href="../stylesheets/hub.css">', "<link>"),
    ("<style>body{display:none}</style>", "<style>"),
    ('<div id="__config">{"base": "https://boese.example/"}</div>', "Kennungen mit '__'"),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "<svg>"),
    ("<math><mi>x</mi></math>", "<math>"),
    ('<a href="ftp://boese.example/">x</a>', "Adressen dieser Art"),
    ('<p data-filter-item="x">x</p>', "data-filter-item"),
    ('<p class="md-header">x</p>', "Klassen mit 'md-'"),
    ('<p popover id="x">x</p>', "popover"),
    ('<p style="position:fixed;inset:0">x</p>', "style"),
    ("<slot>x</slot>", "<slot>"),
])
def test_content_is_held_to_an_allow_list(html, expected):
    problems = content_problems(f"<p>Text</p>{html}")
    assert any(expected in p for p in problems), problems


def test_ordinary_markdown_passes_the_allow_list():
    html = markdown.markdown(
        "# Titel {#titel}\n\n| A | B |\n|:--|--:|\n| 1 | 2 |\n\n!!! note \"Hinweis\"\n    Text\n\n"
        "[Link](https://example.org/ \"Titel\") ![Bild](bild.png){ width=\"20\" }\n\n*[OZG]: Onlinezugangsgesetz\n\n"
        "Das OZG gilt.[^1]\n\n[^1]: Fußnote\n",
        extensions=["toc", "tables", "admonition", "attr_list", "abbr", "footnotes", "def_list", "md_in_html"])
    assert content_problems(html) == []


def test_a_page_with_a_shadow_root_stops_the_build(project_copy):
    append(project_copy / "docs" / "strategie.md",
           '\n<div><template shadowrootmode="open"><script src="../javascripts/filter.js"></script></template></div>\n')
    build = run_build(project_copy)
    assert build.returncode != 0 and "docs/strategie.md" in build.output and "<template>" in build.output


def test_a_finished_page_with_a_second_theme_id_is_refused(example_site):
    page = example_site.page("projekte/e-akte/")
    ids = re.findall(r'\sid="(__[^"]+)"', page)
    assert "__config" in ids
    forged = page.replace("</article>", '<div id="__config">{}</div></article>', 1)
    problems = page_problems(forged, "projekte/e-akte/", {"x"}, set())
    assert any('id="__config"' in p and "zweimal" in p for p in problems), problems


# --- published files by allow-list of passive types ---------------------------------------------

def test_the_server_sends_exactly_the_published_types():
    block = re.search(r"^    types \{\n(.*?)^    \}", (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"),
                      re.M | re.S).group(1)
    served = {f".{suffix}": line.split()[0] for line in block.replace(";", "").splitlines() if line.strip()
              for suffix in line.split()[1:]}
    assert served == PUBLISHED_TYPES
    assert "default_type application/octet-stream;" in (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def test_the_server_compresses_every_published_text_type():
    # The types block said text/javascript while gzip_types said application/javascript: every
    # script (Material's bundle: 114 KB) went out uncompressed, and Lighthouse counted it.
    listed = re.search(r"^    gzip_types ([^;]*);", (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"),
                       re.M).group(1).split()
    assert set(listed) == COMPRESSED_TYPES
    assert {"text/javascript", "text/css", "application/json", "image/svg+xml"} <= COMPRESSED_TYPES


@pytest.mark.browser
def test_an_unknown_type_is_a_download_behind_nginx(example_site, tmp_path):
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx fehlt: apt-get install nginx (siehe .ci/system-packages)")
    site = tmp_path / "site"
    shutil.copytree(example_site.site, site)
    for name in ("seite.shtml", "seite.xht", "stil.xsl"):
        (site / name).write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    with nginx(site, tmp_path / "nginx", ROOT / "deploy" / "nginx.conf") as base:
        for name in ("seite.shtml", "seite.xht", "stil.xsl"):
            response = urllib.request.urlopen(base + name)
            assert response.headers["Content-Type"] == "application/octet-stream", name
            assert response.headers["X-Content-Type-Options"] == "nosniff", name
        for name, kind in (("daten/projekte.csv", "text/csv; charset=utf-8"), ("", "text/html; charset=utf-8"),
                           ("kalender/alle.ics", "text/calendar; charset=utf-8")):
            assert urllib.request.urlopen(base + name).headers["Content-Type"] == kind, name
        bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
        for name in (bundle, "javascripts/filter.js", "stylesheets/hub.css", "daten/projekte.json"):
            request = urllib.request.Request(base + name, headers={"Accept-Encoding": "gzip"})
            assert urllib.request.urlopen(request).headers["Content-Encoding"] == "gzip", name


def test_a_theme_folder_file_of_an_active_type_stops_the_build(project_copy):
    (project_copy / "overrides" / "seite.shtml").write_text("<script>alert(1)</script>", encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0 and "site/seite.shtml:1: Dateien der Art '.shtml'" in build.output, build.output


# --- mkdocs.yml is checked like data --------------------------------------------------------------

def _config(project, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text, old
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


CONFIG_ATTACKS = {
    "python tag": ("site_name: Digitalnetzwerk Kreis Höxter",
                   'site_name: !!python/object/apply:os.system ["touch HACKED"]', "site_name",
                   "YAML-Markierung"),
    "environment": ("site_name: Digitalnetzwerk Kreis Höxter", "site_name: !ENV GITHUB_TOKEN", "site_name",
                    "YAML-Markierung"),
    "hooks": ("docs_dir: docs\n", "docs_dir: docs\nhooks:\n  - boese.py\n", "hooks", "nicht vorgesehen"),
    "docs outside": ("docs_dir: docs\n", "docs_dir: ../../\n", "docs_dir", "innerhalb des Repositorys"),
    "docs absolute": ("docs_dir: docs\n", "docs_dir: /etc\n", "docs_dir", "innerhalb des Repositorys"),
    "theme folder outside": ("custom_dir: overrides", "custom_dir: ../overrides", "theme.custom_dir",
                             "innerhalb des Repositorys"),
    "snippets": ("  - pymdownx.details\n", "  - pymdownx.details\n  - pymdownx.snippets:\n      base_path: /\n",
                 "markdown_extensions", "pymdownx.snippets' ist nicht freigegeben"),
    "redirect outside": ("    ueber-uns/: strategie.md", "    ../../../tmp/x/: strategie.md", "extra.redirects",
                         "keine Adresse dieser Website"),
    "redirect dot": ("    ueber-uns/: strategie.md", "    a/./: strategie.md", "extra.redirects",
                     "keine Adresse dieser Website"),
    "repo_url newline": ("repo_url: https://github.com/digitalnetzwerk-kreis-hoexter/wissensplattform",
                         'repo_url: "https://github.com/x/y\\n}\\nlocation / { alias /etc/; }"', "repo_url",
                         "Leerzeichen"),
    "repo_url quote": ("repo_url: https://github.com/digitalnetzwerk-kreis-hoexter/wissensplattform",
                       "repo_url: https://github.com/x/y\"onmouseover=alert(1)", "repo_url", "Zeichen wie"),
    "site_name markup": ("site_name: Digitalnetzwerk Kreis Höxter", "site_name: '<img src=x onerror=alert(1)>'",
                         "site_name", "Zeichen wie"),
    "nav script link": ("  - Start: index.md", "  - Start: index.md\n  - Böse: javascript:alert(1)", "nav",
                        "keine Seite"),
    "nav title markup": ("  - Start: index.md", "  - '<b>Start</b>': index.md", "nav", "Menütitel"),
    "outside font": ("extra_css:\n", "extra_css:\n  - https://fonts.googleapis.com/css2?family=Roboto\n",
                     "extra_css", "innerhalb des Repositorys"),
    "macros include": ("      module_name: macros\n", "      module_name: macros\n      include_dir: /\n",
                       "plugins.macros.include_dir", "nicht vorgesehen"),
    "unknown plugin": ("  - hub\n", "  - hub\n  - mkdocs-simple-hooks\n", "plugins", "nicht freigegeben"),
    "site_dir": ("docs_dir: docs\n", "docs_dir: docs\nsite_dir: /tmp/anderswo\n", "site_dir", "nicht vorgesehen"),
}


@pytest.mark.parametrize("old, new, field, message", CONFIG_ATTACKS.values(), ids=CONFIG_ATTACKS.keys())
def test_mkdocs_yml_is_checked_like_data(project_copy, old, new, field, message):
    _config(project_copy, old, new)
    result = check(project_copy)
    assert result.returncode != 0
    first_new = next(text for text in new.splitlines() if text not in old.splitlines())
    line = next(number for number, text in enumerate(
        (project_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if first_new in text)
    assert re.search(rf"mkdocs.yml:\d+: {re.escape(field)}", result.stderr), result.stderr
    assert message in result.stderr, result.stderr
    assert f"mkdocs.yml:{line}:" in result.stderr, (line, result.stderr)
    assert not (project_copy / "HACKED").exists()


def test_the_build_stops_on_a_refused_setting_too(project_copy):
    # What MkDocs accepts and runs the build with; hooks and Python tags it runs while loading the file,
    # before any plugin: only `python -m macros check`, which the pipelines run first, sees those.
    _config(project_copy, "  - pymdownx.details\n", "  - pymdownx.details\n  - pymdownx.snippets:\n      base_path: /\n")
    build = run_build(project_copy)
    assert build.returncode != 0 and "'pymdownx.snippets' ist nicht freigegeben" in build.output


def test_a_redirect_over_an_existing_page_is_refused(project_copy):
    _config(project_copy, "    ueber-uns/: strategie.md", "    projekte/: strategie.md")
    build = run_build(project_copy)
    assert build.returncode != 0 and "projekte/" in build.output and "steht noch eine Seite" in build.output
    assert "Projekte" in (project_copy / "docs" / "projekte" / "index.md").read_text(encoding="utf-8")


def test_the_checks_run_on_the_folder_mkdocs_yml_names(project_copy):
    (project_copy / "docs").rename(project_copy / "seiten")
    _config(project_copy, "docs_dir: docs\n", "docs_dir: seiten\n")
    (project_copy / "seiten" / "geheim.txt").symlink_to("/etc/passwd")
    result = check(project_copy)
    assert result.returncode != 0 and "seiten/geheim.txt:1: ist ein symbolischer Verweis" in result.stderr


def test_a_header_value_cannot_break_the_server_configuration():
    with pytest.raises(ValueError):
        nginx_headers({"Content-Security-Policy": "connect-src https://x.example\n}\nlocation / { alias /etc/; }"})
    with pytest.raises(ValueError):
        nginx_headers({"Content-Security-Policy": "connect-src https://$host"})
    assert 'add_header X "a; b" always;' in nginx_headers({"X": "a; b"})
