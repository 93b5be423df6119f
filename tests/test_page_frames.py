"""Entry pages made from one frame per folder, with bodies from a second process, are the pages
the theme would render one by one in one process."""

from __future__ import annotations

import re
import shutil
import time
from collections import Counter

from mkdocs.utils.meta import get_data

from macros.build.page_frames import cut_frame, placeholder
from macros.build.second_process import SecondProcess
from macros.html import pages
from macros.outputs.search_index import write_index
from tests.conftest import pagefind_records, run_build

_COUNTS = re.compile(r"Eintragsseiten: (\d+) aus Seitenrahmen, (\d+) einzeln gerendert; (\d+) Inhalte aus dem "
                     r"zweiten Prozess")


def test_framed_pages_equal_pages_rendered_in_full(hostile_site, tmp_path):
    # The hostile site: titles, descriptions and texts that try every way out of their place.
    framed, rendered, from_second = map(int, _COUNTS.search(hostile_site.output).groups())
    assert framed > rendered > 0
    assert from_second == framed + rendered
    project = tmp_path / "project"
    shutil.copytree(hostile_site.project, project, symlinks=True,
                    ignore=lambda folder, names: ["site"] if folder == str(hostile_site.project) else [])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hub\n", "  - hub:\n      page_frames: false\n      second_process: false\n"), encoding="utf-8")
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


def _words(text: str) -> Counter:
    return Counter(text.split())


def _body(key: str) -> str:
    if key == "kaputt":
        raise ValueError("kaputt")
    return f"Inhalt {key}"


def test_the_second_process_hands_over_bodies_in_order_and_its_last_result():
    second = SecondProcess([str(i) for i in range(2000)], _body, _words, afterwards=lambda: ["fertig"])
    for i in range(2000):
        assert second.take(str(i)) == (f"Inhalt {i}", Counter({"Inhalt": 1, str(i): 1}))
    assert second.finish() == (True, ["fertig"])
    assert second.taken == 2000


def test_the_first_process_takes_over_when_the_second_fails_or_is_out_of_order():
    failing = SecondProcess(["a", "kaputt", "c"], _body, _words, afterwards=lambda: None)
    assert failing.take("a") == ("Inhalt a", Counter({"Inhalt": 1, "a": 1}))
    assert failing.take("kaputt") is None  # the caller makes it, and reports the error itself
    assert failing.take("c") is None
    assert failing.finish() == (False, None)
    shuffled = SecondProcess(["a", "b"], _body, _words, afterwards=lambda: None)
    assert shuffled.take("b") is None
    assert shuffled.finish() == (False, None)


def _hangs(key: str) -> str:
    if key == "haengt":
        time.sleep(60)
    return f"Inhalt {key}"


def test_the_first_process_takes_over_when_the_second_hangs(monkeypatch):
    from macros.build import second_process

    monkeypatch.setattr(second_process, "_WAIT_SECONDS", 1)
    started = time.monotonic()
    hanging = SecondProcess(["a", "haengt", "c"], _hangs, _words, afterwards=lambda: None)
    assert hanging.take("a") == ("Inhalt a", Counter({"Inhalt": 1, "a": 1}))
    assert hanging.take("haengt") is None and not hanging._process.is_alive()  # ended, not left running
    assert hanging.finish() == (False, None)
    assert time.monotonic() - started < 30
    late = SecondProcess(["a"], _body, _words, afterwards=lambda: time.sleep(60))
    assert late.take("a") is not None
    assert late.finish() == (False, None)  # the data files: made by the caller


def test_the_index_made_page_by_page_equals_pagefind_reading_the_folder(hostile_site, tmp_path):
    # The build hands Pagefind each page's title and article only; Pagefind reading the whole
    # finished pages from disk must record the same for every page.
    site = tmp_path / "site"
    shutil.copytree(hostile_site.site, site)
    write_index(site, "de")
    streamed, read = pagefind_records(hostile_site.site), pagefind_records(site)
    assert len(streamed) > 50
    assert streamed == read
