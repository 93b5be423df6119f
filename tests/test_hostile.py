"""Pull requests are untrusted: hostile data comes out inert, page template code is sandboxed."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.conftest import private_contact_strings, run_build
from tests.hostile_data import CONTACT_NAME, FUNDING_TITLE, SUMMARY, TITLE, TOWN_NAME


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_no_active_markup_from_data_anywhere(hostile_site):
    for path, content in hostile_site.all_text_files():
        if path.suffix != ".html":
            continue
        page = soup(content)
        for tag in page.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not handlers, (path, tag)
            for attr in ("href", "src"):
                assert not str(tag.get(attr, "")).strip().lower().startswith("javascript:"), (path, tag)
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":  # data about the page: hostile names are data
                json.loads(script.get_text())
                assert "<" not in script.get_text(), path
            else:
                assert "alert(" not in script.get_text(), path
        assert not page.find("svg", attrs={"onload": True})
        assert not page.find("img", src="x") and not page.find("img", src="y"), path


def test_title_is_text_in_title_tag_and_heading(hostile_site):
    """(In the search results too: test_browser.py::test_hostile_data_runs_no_script.)"""
    page = soup(hostile_site.page("projekte/boese/"))
    assert page.title.get_text() == f"{TITLE} - Digitalnetzwerk Kreis Höxter"
    assert page.find("h1").get_text() == TITLE  # braces shown, not evaluated to 49
    assert page.find("meta", attrs={"name": "description"})["content"] == SUMMARY


def test_template_syntax_in_data_is_shown_literally(hostile_site):
    page = soup(hostile_site.page("projekte/boese/"))
    for menu in page.find_all("nav"):
        # The menus list other pages, one titled with the build's temporary path (pytest-242/…).
        menu.decompose()
    text = page.get_text(" ")
    assert "{{ 7*7 }}" in text and "{% raw %}" in text and "{{ 6*7 }}" in text
    assert "49" not in text and "42" not in text
    assert not (hostile_site.project / "HACKED").exists()


def test_markdown_keeps_formatting_but_loses_scripts(hostile_site):
    description = soup(hostile_site.page("projekte/boese/")).select_one(".hub-description")
    assert description.find("strong").get_text() == "fett"
    assert description.find("a", href="https://example.org/").get_text() == "ein Link"
    assert not description.find("script") and not description.find("img")
    assert all(not a.get("href", "").startswith("javascript") for a in description.find_all("a"))
    assert "root:x:0:0" not in str(description)  # no snippet inclusion


def test_pipes_do_not_break_tables(hostile_site):
    page = soup(hostile_site.page("foerderung/"))
    row = page.find("a", string=FUNDING_TITLE).find_parent("tr")
    assert len(row.find_all("td")) == 4
    assert row.find_all("td")[1].get_text() == "<b>Bund</b>"


def test_names_are_escaped_in_lists_and_cards(hostile_site):
    members = soup(hostile_site.page("staedte/"))
    assert members.find("a", string=TOWN_NAME)
    contacts = soup(hostile_site.page("anlaufstelle/"))
    assert contacts.find(id="kontakt-boeser-kontakt").find("h4").get_text() == CONTACT_NAME
    town = soup(hostile_site.page("staedte/boese-stadt/"))
    assert town.title.get_text().startswith(TOWN_NAME)


def test_query_strings_in_urls_stay_inside_the_attribute(hostile_site):
    page = soup(hostile_site.page("projekte/boese/"))
    link = page.find("a", string="<i>link</i>")
    assert link["href"] == 'https://example.org/?q="><script>'


def test_non_public_lead_leaks_nowhere(hostile_site):
    private = private_contact_strings(hostile_site.project / "data")
    for path, content in hostile_site.all_text_files():
        for text in private:
            assert text not in content, (path, text)


SANDBOX_ESCAPES = {
    "cycler globals": "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].popen('touch %s').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }} %s",
    "config object": "{{ config['plugins']['macros'].env.from_string(\"{{ cycler.__init__.__globals__.os.popen('touch %s') }}\").render() }}",
    "page internals": "{{ page.file.abs_src_path }}{{ page.read_source }} %s",
    "macro internals": "{{ count.__globals__['os'].popen('touch %s').read() }}",
    "mkdocs-macros helpers": "{{ context(page) }}{{ macros_info() }} %s",
}


@pytest.mark.parametrize("payload", SANDBOX_ESCAPES.values(), ids=SANDBOX_ESCAPES.keys())
def test_page_template_code_cannot_reach_python(project_copy, payload):
    marker = project_copy / "PWNED"
    (project_copy / "docs" / "index.md").write_text(
        "# Start\n\n" + payload % marker + "\n", encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0, build.output
    assert not marker.exists()
    assert not (project_copy / "site" / "index.html").exists()


def test_page_title_with_template_code_is_sandboxed(hostile_site):
    assert not (hostile_site.project / "PWNED").exists()
    # Nothing renders a title as a template: it stays text, braces and all.
    assert "cycler.__init__.__globals__" in soup(hostile_site.page("strategie/")).title.get_text()


@pytest.mark.parametrize("text", [TITLE, SUMMARY, "Zeile\u2028Trenner", "Steuer\x7fzeichen\x85", "Emoji 😀 „x“ \\ y",
                                  "Tab\tund\nNeu", "no", "0123", "- Liste: ja", "#Kommentar", "&anker *ref !tag"])
def test_generated_front_matter_reads_back_exactly(text):
    """Entry pages get their title and description as front matter (JSON, or YAML where JSON
    would be read otherwise): MkDocs must read back exactly what the data says."""
    from mkdocs.utils.meta import get_data

    from macros.html.pages import EntryPage, entry_source

    _, meta = get_data(entry_source(EntryPage("projects", "x", text, text, "data/projects/x.yml")))
    assert (meta["title"], meta["description"], meta["hub_entry"]) == (text, text, "projects/x")
