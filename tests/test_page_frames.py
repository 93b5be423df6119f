"""Entry pages made from one frame per folder are the pages the theme would render one by one."""

from __future__ import annotations

import re
import shutil

from mkdocs.utils.meta import get_data

from macros.html import pages
from macros.mkdocs_adapter.page_frames import cut_frame, placeholder
from macros.outputs.search_index import write_index
from tests.conftest import pagefind_records, run_build

_COUNTS = re.compile(r"Eintragsseiten: (\d+) aus Seitenrahmen, (\d+) einzeln gerendert")


def test_framed_pages_equal_pages_rendered_in_full(hostile_site, tmp_path):
    # The hostile site: titles, descriptions and texts that try every way out of their place.
    framed, rendered = map(int, _COUNTS.search(hostile_site.output).groups())
    assert framed > rendered > 0
    project = tmp_path / "project"
    shutil.copytree(hostile_site.project, project, symlinks=True,
                    ignore=lambda folder, names: ["site"] if folder == str(hostile_site.project) else [])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hub\n", "  - hub:\n      page_frames: false\n"), encoding="utf-8")
    one_by_one = run_build(project)
    assert one_by_one.returncode == 0, one_by_one.output
    assert not _COUNTS.search(one_by_one.output)
    files = sorted(path.relative_to(hostile_site.site) for path in hostile_site.site.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(one_by_one.site) for path in one_by_one.site.rglob("*") if path.is_file())
    differing = [str(path) for path in files
                 if (hostile_site.site / path).read_bytes() != (one_by_one.site / path).read_bytes()]
    assert differing == []


def test_an_entry_page_source_reads_as_the_values_it_is_given():
    # GeneratedPage skips MkDocs' front matter parser: what it would read must be these values.
    for title in ('Titel: "zitiert" & {{ x }}', "Zeile\u2028Trenner", "yes", "0123", "- Liste", "#Kommentar"):
        page = pages.EntryPage("projects", "p", title, f"Beschreibung {title}", "data/projects/p.yml")
        markdown, meta = get_data(pages.entry_source(page))
        assert (markdown, meta) == (pages.ENTRY_MARKDOWN, pages.entry_meta(page))


def _page(title: str, content: str) -> str:
    return (f'<html><head><title>{title}</title><meta content="{title}"></head>'
            f'<body><div id="x">{content}</div></body></html>')


def test_a_frame_repeats_each_way_a_value_is_printed():
    stand_ins = {"title": placeholder("title"), "content": placeholder("content")}
    # as it is, and stripped of tags then escaped (Material's <title>)
    finished = _page(stand_ins["title"], stand_ins["content"]).replace(
        "<title>" + stand_ins["title"], "<title>hubframeslot{ title", 1)
    frame = cut_frame(finished, stand_ins)
    assert frame.ids == {"x"}
    page = frame.fill({"title": "A &amp; B&#123;  C", "content": "<p>Text</p>"})
    assert page == _page("A &amp; B&#123;  C", "<p>Text</p>").replace("<title>A &amp; B&#123;  C",
                                                                         "<title>A &amp; B{ C", 1)


def test_no_frame_when_a_value_is_printed_otherwise():
    stand_ins = {"title": placeholder("title"), "content": placeholder("content")}
    assert cut_frame(_page(stand_ins["title"].upper(), stand_ins["content"]), stand_ins) is None
    assert cut_frame(_page(stand_ins["title"][:20], stand_ins["content"]), stand_ins) is None
    assert cut_frame(_page(stand_ins["title"], ""), stand_ins) is None  # no place for the content


def test_a_value_that_would_leave_its_attribute_is_not_filled_in():
    stand_ins = {"title": placeholder("title"), "content": placeholder("content")}
    frame = cut_frame(_page(stand_ins["title"], stand_ins["content"]), stand_ins)
    assert frame.fill({"title": 'A" onload="x', "content": ""}) is None
    assert frame.fill({"title": "A <b>", "content": ""}) is None
    assert frame.fill({"title": "A", "content": "<b>x</b>"}) is not None


def test_the_search_index_follows_no_pagefind_settings_of_the_repository_or_the_site(hostile_site, tmp_path):
    # Pagefind reads a pagefind.yml from the folder it runs in; a pull request could place one that
    # indexes every page whole (menus, hidden text) or none. The build's own settings are the only ones.
    project = tmp_path / "project"
    site = project / "site"
    shutil.copytree(hostile_site.site, site)
    settings = 'root_selector: "html"\nexclude_selectors: []\nglob: "**/*.html"\n'
    for folder in (project, site):
        (folder / "pagefind.yml").write_text(settings, encoding="utf-8")
    write_index(site, "de")
    built, again = pagefind_records(hostile_site.site), pagefind_records(site)
    assert len(built) > 50
    assert built == again
    assert not any("¶" in record["content"] for record in again.values())  # the article's text only
