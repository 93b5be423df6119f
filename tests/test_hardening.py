"""No pull request can publish the build machine's secrets, write outside site/, or run script on the site.

Each case is a small change a careless or hostile contributor could make; each
test fails without the rule it names.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.data.front_matter import front_matter_problems
from macros.data.load import load_text
from macros.data.source_files import source_problems
from macros.outputs.content_policy import content_problems, page_problems, script_hash, theme_script_hashes
from tests.conftest import (
    BUILD_DATE,
    DEEP_PAGE,
    GLOSSARY_SIZE,
    ROOT,
    append,
    copy_project,
    data_problems,
    run_build,
    soup,
)
from tests.hostile_data import STRAY_SLOT


def _allowed_static_files() -> set[str]:
    """extra.allowed_static_files of mkdocs.yml (read as text: the file carries Python tags)."""
    block = re.search(r"^  allowed_static_files:\n((?:    - .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                      re.M).group(1)
    return {line.split(" #")[0].strip()[2:] for line in block.splitlines()}


ALLOWED = _allowed_static_files()


# --- nothing outside the repository is read -------------------------------------------------

@pytest.mark.parametrize("where, target", [
    ("docs/umgebung.txt", "/proc/self/environ"),
    ("docs/x.txt", "../.git/config"),
    ("docs/baum", "/etc"),
    ("data/projects/fremd.yml", "/etc/hostname"),
    ("data/funding/null.yml", "/dev/zero"),
    ("overrides/partials/geheim.html", "/etc/hostname"),
])
def test_symlinks_are_refused_with_their_name(tmp_path, where, target):
    project = copy_project(tmp_path / "project")
    (project / where).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, project / where)
    problems = [str(p) for p in source_problems(project, ALLOWED)]
    assert any(p.startswith(f"{where}:1: ist ein symbolischer Verweis (Symlink)") for p in problems), problems


def test_a_special_file_and_a_folder_named_like_data_are_refused(tmp_path, data):
    project = copy_project(tmp_path / "project")
    os.mkfifo(project / "data" / "rohr.yml")
    assert any(str(p).startswith("data/rohr.yml:1: ist keine gewöhnliche Datei")
               for p in source_problems(project, ALLOWED))
    (data / "projects" / "ordner.yml").mkdir()
    assert any(p.startswith("data/projects/ordner.yml:1: ist keine gewöhnliche Datei") for p in data_problems(data))


def test_the_build_stops_before_reading_a_link(project_copy):
    os.symlink("/proc/self/environ", project_copy / "docs" / "umgebung.txt")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "docs/umgebung.txt:1: ist ein symbolischer Verweis" in build.output
    assert not (project_copy / "site" / "umgebung.txt").exists()
    check = subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project_copy / "data")],
                           cwd=ROOT, capture_output=True, text=True, env={**os.environ, "HUB_TODAY": BUILD_DATE})
    assert check.returncode == 1 and "docs/umgebung.txt:1: ist ein symbolischer Verweis" in check.stderr


# --- files that would run as the site's own code --------------------------------------------

@pytest.mark.parametrize("name", ["seite.html", "skript.js", "bild.svg", "assets/javascripts/x.mjs",
                                  # served as HTML, XHTML or XSLT by common server type tables
                                  "seite.shtml", "seite.xht", "seite.xhtml", "stil.xsl", "bild.svgz", "x.php",
                                  "ohne-endung"])
def test_active_static_files_need_to_be_listed(tmp_path, name):
    project = copy_project(tmp_path / "project")
    (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / name).write_text("<script>alert(1)</script>", encoding="utf-8")
    problems = [str(p) for p in source_problems(project, ALLOWED)]
    assert any(p.startswith(f"docs/{name}:1: Dateien der Art") for p in problems), problems
    assert source_problems(project, ALLOWED | {name}) == []  # listed in mkdocs.yml: published


def theme_bundle() -> Path:
    import material

    return next((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js"))


def test_a_file_named_like_the_theme_bundle_is_refused(project_copy):
    bundle = theme_bundle()
    target = project_copy / "docs" / "assets" / "javascripts" / bundle.name
    target.parent.mkdir(parents=True)
    target.write_text("alert(1)", encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert f"docs/assets/javascripts/{bundle.name}:1: hat denselben Namen wie eine Datei des Themes" in build.output


def test_a_post_file_name_with_a_quote_is_refused(project_copy):
    (project_copy / "docs" / "aktuelles" / "posts" / 'x" onmouseover="alert(1).md').write_text(
        "---\ndate: 2026-11-01\n---\n\n# X\n", encoding="utf-8")
    problems = [str(p) for p in source_problems(project_copy, ALLOWED)]
    assert any("Der Name enthält Zeichen, die in Adressen Ärger machen" in p for p in problems)


# --- no script in the output ------------------------------------------------------------------

@pytest.mark.parametrize("html, expected", [
    ('<script type="text/javascript ">alert(1)</script>', "<script>: Skripte im Seiteninhalt"),
    ('<script type="text/ecmascript">alert(1)</script>', "<script>: Skripte im Seiteninhalt"),
    ('<script type="module">alert(1)</script>', "<script>: Skripte im Seiteninhalt"),
    ('<script type="importmap">{}</script>', "<script>: Skripte im Seiteninhalt"),
    ('<meta http-equiv="refresh" content="0; url=https://example.org">', "<meta http-equiv=…>"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "srcdoc"),
    ('<form action="https://example.org"><input name="pin"></form>', "<form>"),
    ('<object data="x.swf"></object>', "<object>"),
    ('<embed src="x.swf">', "<embed>"),
    ('<base href="https://example.org/">', "<base>"),
    ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', "data:"),
    ('<img src=x onerror="alert(1)">', "Ereignis-Attribute"),
    ('<a href=" java&#9;script:alert(1)">x</a>', "Skript-Links"),
    # Browsers keep the first of two equal attributes; the scan reads the page as they do.
    ('<a href="javascript:alert(1)" href="https://example.org/">x</a>', "Skript-Links"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "Skript-Links"),
    ('<p>a<script>alert(1)', "<script>: Skripte im Seiteninhalt"),  # unclosed: still runs
])
def test_content_may_not_carry_code_or_leave_the_page(html, expected):
    problems = content_problems(f"<p>Text</p>{html}")
    assert any(expected in p for p in problems), problems


def test_content_without_code_passes():
    assert content_problems('<p><a href="https://example.org/">x</a> <img src="data:image/png;base64,AA==" '
                            'alt="x"></p><table><tr><td>1</td></tr></table>') == []


def test_finished_pages_allow_exactly_the_theme_scripts(example_site):
    theme = (example_site.site / "404.html").read_text(encoding="utf-8")
    allowed = theme_script_hashes(theme)
    page = example_site.page("projekte/e-akte/")
    assert page_problems(page, "projekte/e-akte/", allowed, {"assets/javascripts/x.js"}) != []  # unlisted files
    sources = {path for path in ALLOWED if path.endswith(".js")} | {f"assets/javascripts/{theme_bundle().name}"}
    assert page_problems(page, "projekte/e-akte/", allowed, sources) == []
    injected = page.replace("</body>", "<script>alert(1)</script></body>")
    assert any("nicht vom Theme" in p for p in page_problems(injected, "projekte/e-akte/", allowed, sources))
    handler = page.replace("<body", '<body onload="alert(1)"', 1)
    assert any("Ereignis-Attribute" in p for p in page_problems(handler, "projekte/e-akte/", allowed, sources))
    refresh = page.replace("</head>", '<meta http-equiv="refresh" content="0;url=https://example.org"></head>')
    assert page_problems(refresh, "projekte/e-akte/", allowed, sources) != []


def test_csp_is_the_theme_s_and_the_same_with_extra_pages(example_site, variant_site):
    def policy(site):
        conf = (site / ".nginx" / "security-headers.conf").read_text(encoding="utf-8")
        return re.search(r'Content-Security-Policy "([^"]+)"', conf).group(1)

    csp = policy(example_site.site)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
    theme = theme_script_hashes((example_site.site / "404.html").read_text(encoding="utf-8"))
    assert set(re.findall(r"'sha256-[^']+'", csp)) == theme
    used = set()
    for path in example_site.site.rglob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", path.read_text(encoding="utf-8"), re.S):
            used.add(script_hash(body))
    assert used <= theme
    # ... and a site with a page deeper than any of the example's has the same policy
    assert (variant_site.site / DEEP_PAGE / "index.html").exists()
    assert policy(variant_site.site) == csp


def test_every_page_carries_the_policy_as_meta(example_site):
    conf = (example_site.site / ".nginx" / "security-headers.conf").read_text(encoding="utf-8")
    header = re.search(r'Content-Security-Policy "([^"]+)"', conf).group(1)
    for url in ("", "projekte/e-akte/", "aktuelles/"):
        meta = soup(example_site.page(url)).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta["content"] == header.replace("; frame-ancestors 'none'", ""), url
        head = example_site.page(url).split("</head>")[0]
        assert head.index("Content-Security-Policy") < head.index("<script")  # before any script


# --- values that reach the theme are escaped ----------------------------------------------------

@pytest.mark.parametrize("key", ["author", "subtitle", "status", "revision_date", "template", "hub_entry", "icon"])
def test_front_matter_keys_the_theme_prints_raw_are_refused(key):
    assert front_matter_problems({"title": "x", key: "<img src=x onerror=alert(1)>"}, is_post=False)
    assert front_matter_problems({"title": "x", "description": "y", "hide": ["toc"]}, is_post=False) == []


def test_a_blog_slug_cannot_leave_the_site():
    problems = front_matter_problems({"date": "2026-11-01", "slug": "../../../../tmp/x/index"}, is_post=True)
    assert any(p.startswith("slug: '../../../../tmp/x/index' ist kein Adressteil") for p in problems)


def test_titles_are_escaped_in_every_place_the_theme_prints_them(hostile_site):
    raw = re.compile(r"<img src=x onerror|<script>alert")
    for path, text in hostile_site.all_text_files():
        if path.suffix in (".html", ".xml"):  # markup (the data files hold the strings as data, tested apart)
            assert not raw.search(text), path
    title = soup(hostile_site.page("boese2/")).title.get_text()
    assert title == "T2 </title><script>alert(2)</script> - Digitalnetzwerk Kreis Höxter"  # shown as text
    nav = soup(hostile_site.page("glossar/")).select_one("nav.md-nav--primary").get_text()
    assert "T1 <img src=x onerror=alert(1)>" in nav  # the other pages' navigation, as text
    blog = soup(hostile_site.page("aktuelles/")).get_text()
    assert "H1 <img src=x onerror=alert(22)>" in blog


def test_a_hand_written_page_cannot_switch_off_escaping(project_copy):
    (project_copy / "docs" / "strategie.md").write_text(
        '---\nhub_entry: projects/e-akte\ntitle: "<img src=x onerror=alert(3)>"\n---\n\n# x\n', encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "docs/strategie.md:2: Kopf der Seite: 'hub_entry' ist im Kopf der Seite nicht erlaubt" in build.output


def test_edit_links_are_whole_attributes(example_site):
    """Every edit link is one attribute that ends at the file it edits (a quote in a path or in
    repo_url would end it early, and the rest would become attributes of its own)."""
    repository = "https://github.com/digitalnetzwerk-kreis-hoexter/wissensplattform/"
    links = 0
    for path in example_site.site.rglob("index.html"):
        for link in soup(path.read_text(encoding="utf-8")).select("a[rel=edit]"):
            links += 1
            # A page's or an entry's source; the blog's overviews show the folder of the posts.
            assert re.fullmatch(re.escape(repository) + r"(edit/main/(docs/[a-z0-9/_.-]+\.md|data/[a-z0-9/_.-]+\.yml)"
                                r"|tree/main/docs/aktuelles/posts)", link["href"]), (path, link["href"])
            assert set(link.attrs) <= {"href", "title", "class", "rel"}, (path, link.attrs)
    assert links > 40


# --- addresses stay inside the site -------------------------------------------------------------

@pytest.mark.parametrize("kind, folder, entry_id", [
    ("projects", "projects", "index"), ("funding", "funding", "index"), ("funding", "funding", "archiv"),
    ("trainings", "trainings", "konzept"), ("shared_services", "shared-services", "index"),
])
def test_reserved_ids_are_refused(data, kind, folder, entry_id):
    source = next((data / folder).glob("*.yml"))
    (data / folder / f"{entry_id}.yml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    problems = data_problems(data)
    assert f"data/{folder}/{entry_id}.yml:1: Die Kennung '{entry_id}' ist für eine feste Seite reserviert; " \
           "bitte die Datei umbenennen." in problems


def test_reserved_ids_in_lists_aliases_and_topics(data):
    append(data / "towns.yml", "\n- id: index\n  name: Stadt Index\n  kind: stadt\n")
    append(data / "projects" / "e-akte.yml", "aliases: [index]\n")
    text = (data / "projects" / "aktenplan.yml").read_text(encoding="utf-8")
    (data / "projects" / "aktenplan.yml").write_text(text.replace("topics: [aktenplan, e-akte]",
                                                                  "topics: [aktenplan, index]"), encoding="utf-8")
    (data / "topics.yml").unlink()  # without a registry every tag becomes a page
    problems = data_problems(data)
    assert any(p.startswith("data/towns.yml:") and "Die Kennung 'index' ist für eine feste Seite reserviert" in p
               for p in problems)
    assert any(p.startswith("data/projects/e-akte.yml:") and "'index' ist für eine feste Seite reserviert" in p
               for p in problems)
    assert any(p.startswith("data/projects/aktenplan.yml:") and "'index' ist als Thema reserviert" in p
               for p in problems)


# --- bounded work and German messages for malformed input ---------------------------------------

@pytest.mark.parametrize("text, message", [
    ("x: " + "[" * 1200 + "]" * 1200 + "\n", "zu tief verschachtelt"),
    ("".join("  " * i + "a:\n" for i in range(1200)), "Ebenen tief verschachtelt"),
    ("budget_eur: " + "9" * 5000 + "\n", "Die Zahl hat mehr als 15 Stellen"),
])
def test_malformed_yaml_gets_a_german_message(text, message):
    _, problems = load_text(text, "data/projects/x.yml")
    assert any(message in p.message for p in problems), problems


@pytest.mark.parametrize("template, message", [
    ("{% if 'a' * 100000000 %}{% endif %}", "mehr als 2.000.000 Zeichen"),
    ("{% if 9 ** 99999999 %}{% endif %}", "Potenzen mit so großen Exponenten"),
    ("{{ 'a' * 100000000 }}", "mehr als 2.000.000 Zeichen"),
])
def test_template_text_in_a_page_has_bounds(project_copy, template, message):
    append(project_copy / "docs" / "strategie.md", f"\n{template}\n")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert message in build.output


def test_a_stray_slot_marker_stays_a_comment(hostile_site):
    assert STRAY_SLOT in hostile_site.page("")


def test_a_large_glossary_reaches_pages_as_configuration(variant_site):
    abbr = soup(variant_site.page("strategie/")).find("abbr", string=f"BGR{GLOSSARY_SIZE - 1}")
    assert abbr and abbr["title"] == f"Begriff {GLOSSARY_SIZE - 1}"


def test_template_mistakes_name_the_file_and_line(project_copy):
    page = project_copy / "docs" / "strategie.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join([*lines, "", "{{ projects_overviw() }}", ""]), encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert f"docs/strategie.md:{len(lines) + 2}: Das Makro 'projects_overviw' gibt es nicht (meinten Sie " \
           "'projects_overview'?)" in build.output
    assert "Traceback" not in build.output
