"""The hub says what the public record says: grants apart from calls, a sourced chronicle,
sourced pages, visitor-facing empty sections, and page macros that stay inline."""

from __future__ import annotations

import json
import re

import markdown
import pytest

from macros.data.models import Milestone, PartialDate
from macros.data.release import release_problems, unsourced_page_problems
from macros.mkdocs_adapter.build_state import BuildState
from tests.conftest import ROOT, append, data_problems, site_pages, soup

# Where editors' instructions belong.
EDITOR_PAGES = ("redaktion/", "mitmachen/")
EDITOR_INSTRUCTIONS = re.compile(r"data/[\w<>.-]+|python -m macros|\.ya?ml\b|<kennung>")


def test_a_grant_received_is_no_call_and_no_cap(real_site):
    funding = soup(real_site.page("foerderung/")).select_one("article").get_text(" ")
    call = soup(real_site.page("foerderung/interkommunale-zusammenarbeit-nrw/")).select_one("article")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in call.select("dl.hub-facts dt")}
    assert "490.000" not in funding  # the overview lists calls, not what was granted
    assert "Höchstbetrag" not in facts  # the programme pays by formula, not up to the network's grant
    assert "175.000" in call.get_text() and "35.000" in call.get_text()

    project = soup(real_site.page("projekte/aufbau-digitalnetzwerk/"))
    granted = project.select_one("#erhaltene-foerderung").find_next_sibling("ul").get_text(" ")
    assert "490.000\xa0€" in granted and "Februar 2023" in granted

    row = soup(real_site.page("chronik/")).select_one("#foerderbescheid-ikz-digitalnetzwerk")
    assert "490.000\xa0€" in row.get_text() and row.select("td a[href^='http']"), "a grant names its source"
    report = soup(real_site.page("bericht/")).select_one("#foerdervolumen").find_parent("section")
    assert "490.000\xa0€" in report.get_text()


def test_the_chronicle_is_in_order_with_a_source_each(real_site):
    page = soup(real_site.page("chronik/"))
    items = page.select("li.hub-chronicle__item")
    assert len(items) >= 10
    when = [PartialDate(*(int(p) for p in item.time["datetime"].split("-"))) for item in items]
    assert [w.sort_key for w in when] == sorted(w.sort_key for w in when)
    for item in items:
        assert item.select(".hub-chronicle__sources"), item.get("id")
        assert "Quelle" in item.select_one(".hub-chronicle__sources").get_text()
    # Imprecise dates read as what they are.
    texts = [item.time.get_text() for item in items]
    assert "Februar 2023" in texts and "2022" in texts

    # Projects link to their milestones, and every link lands on one.
    ids = {item["id"] for item in items}
    project = soup(real_site.page("projekte/dorf-gesundheit-digital/"))
    links = [a["href"] for a in project.select("ol.hub-chronicle--short a")]
    assert links and all(link.split("#")[1] in ids for link in links)

    chronicle = json.loads((real_site.site / "daten" / "chronik.json").read_text(encoding="utf-8"))
    records = chronicle["items"]
    assert {r["id"] for r in records} == {i.removeprefix("meilenstein-") for i in ids}
    assert all(r["sources"] for r in records) and any(r["date"] == "2023-02" for r in records)
    feed = (real_site.site / "aktuelles" / "feed.xml").read_text(encoding="utf-8")
    assert "Das Land fördert das Digitalnetzwerk mit 490.000 Euro" in feed


def test_dates_as_precise_as_their_source(data):
    assert PartialDate(2023, 2).german == "Februar 2023" and PartialDate(2021).iso == "2021"
    assert PartialDate(2022).sort_key > PartialDate(2022, 12, 31).sort_key  # the year's end, not its start
    source = [{"title": "Quelle", "url": "https://example.de/"}]
    for value in ("2023-02", 2021, "2019-03-20"):
        Milestone.model_validate({"id": "m", "date": value, "title": "T", "kind": "start", "sources": source})
    with pytest.raises(ValueError, match="kein Datum, das es gibt"):
        Milestone.model_validate({"id": "m", "date": "2023-13", "title": "T", "kind": "start", "sources": source})
    with pytest.raises(ValueError, match="sources"):
        Milestone.model_validate({"id": "m", "date": "2023", "title": "T", "kind": "start", "sources": []})

    append(data / "chronicle.yml", "\n- id: kuenftig\n  date: 2027-05\n  title: Noch nicht geschehen\n"
                                   "  kind: start\n  sources:\n    - title: Q\n      url: https://example.de/\n")
    problems = data_problems(data)
    assert any("data/chronicle.yml" in p and "Mai 2027 liegt in der Zukunft" in p for p in problems), problems


def test_release_lists_pages_without_sources(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ohne.md").write_text("# Ohne Quelle\n\nDas Netzwerk hat 12 Stellen.\n", encoding="utf-8")
    (docs / "hilfe.md").write_text("---\nstates_facts: false\n---\n\n# Hilfe\n", encoding="utf-8")
    (docs / "belegt.md").write_text("---\nsources:\n  - title: Vorlage\n    reference: Nr. 1\n---\n\n# B\n",
                                    encoding="utf-8")
    (tmp_path / "data").mkdir()
    listed = [p for p in release_problems(tmp_path) if p.file.startswith("docs/")]
    assert [(p.file, p.field) for p in listed] == [("docs/ohne.md", "sources")]
    assert "states_facts: false" in listed[0].message

    # The network has decided for each of its own pages.
    undecided = [path for path in sorted((ROOT / "docs").rglob("*.md"))
                 if unsourced_page_problems(path.read_text(encoding="utf-8"), path.name)]
    assert undecided == []


def test_page_sources_and_standing_are_shown(real_site):
    strategy = soup(real_site.page("strategie/"))
    sources = strategy.select_one("#quellen").find_next_sibling("ul")
    assert "Ratsinformationssystem Brakel" in sources.get_text()
    assert "OZG-Änderungsgesetz" in strategy.get_text() and "24.07.2024" in strategy.get_text()
    advice = soup(real_site.page("beratung/"))
    assert "Vorschlag, nicht beschlossen" in advice.select_one(".hub-standing").get_text()
    assert "innerhalb einer Woche" not in advice.get_text()
    material = soup(real_site.page("schulungen/material/e-akte/"))
    assert "Entwurf, nicht beschlossen" in material.select_one(".hub-standing").get_text()
    assert "gemeinsamen Aktenplan" not in material.get_text()


def test_bad_page_sources_stop_the_check(tmp_path):
    from macros.data.page_check import docs_problems

    (tmp_path / "seite.md").write_text("---\nsources:\n  - title: Ohne Fundstelle\nstanding: fertig\n---\n\n# S\n",
                                       encoding="utf-8")
    messages = [p.message for p in docs_problems(tmp_path, ())]
    assert any("Quelle 1" in m and "Webadresse oder eine Fundstelle" in m for m in messages), messages
    assert any("standing: 'fertig' ist nicht erlaubt" in m for m in messages), messages


@pytest.mark.parametrize("which", ["real_site", "example_site"])
def test_public_pages_carry_no_editor_instructions(which, request):
    build = request.getfixturevalue(which)
    found = {}
    for path in site_pages(build.site):
        url = path.parent.relative_to(build.site).as_posix() + "/"
        article = soup(path.read_text(encoding="utf-8")).select_one("article")
        if article is None or url.startswith(EDITOR_PAGES):
            continue
        hits = EDITOR_INSTRUCTIONS.findall(article.get_text(" "))
        if hits:
            found[url] = hits
    assert found == {}


def test_a_macro_at_the_start_of_a_line_stays_in_its_paragraph():
    state = BuildState(catalog=None)
    marker = state.hold("seite.md", '<a href="x/">Handel</a>')
    block = state.hold("seite.md", "<div>Liste</div>")
    text = f"Felder wie Mobilität,\n{marker} oder Gesundheit. Weiter im Satz.\n\n{block}\n"
    html = state.release("seite.md", markdown.markdown(text))
    assert html == ('<p>Felder wie Mobilität,\n<a href="x/">Handel</a> oder Gesundheit. Weiter im Satz.</p>\n'
                    "<div>Liste</div>")


def test_the_strategy_page_reads_as_one_sentence(real_site):
    paragraph = next(p for p in soup(real_site.page("strategie/")).select("article p")
                     if "Handlungsfeldern wie" in p.get_text())
    assert re.search(r"Mobilität, Handel oder Gesundheit\.", " ".join(paragraph.get_text().split()))


def test_current_state_is_on_the_start_and_member_pages(real_site):
    start = soup(real_site.page("")).select_one("article").get_text(" ")
    assert "490.000 Euro" in start and "Chronik" in start
    members = soup(real_site.page("staedte/")).select_one("article").get_text(" ")
    assert "Beschluss geplant" not in members and "Februar 2023" in members
    smart = soup(real_site.page("projekte/smarte-nahversorgungsraeume/")).select_one("article").get_text(" ")
    assert "Stand nicht bekannt" in smart and "BMWSB" in smart and "Nah.Versorgt.Digital" in smart
    assert "Laufend" not in smart
