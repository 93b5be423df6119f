"""schema.org JSON-LD on the pages where it means something, read by a JSON-LD processor (rdflib)."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from macros.outputs.content_policy import page_problems
from tests.hostile_data import TOWN_NAME

SCHEMA = Namespace("https://schema.org/")
_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def blocks(html: str) -> list[str]:
    return _BLOCK.findall(html)


def graph_of(html: str) -> Graph:
    """Every JSON-LD block of a page as RDF (the context is @vocab: nothing is fetched)."""
    graph = Graph()
    for block in blocks(html):
        graph.parse(data=block, format="json-ld")
    return graph


def test_trainings_are_events_with_dates_place_and_organiser(example_site):
    graph = graph_of(example_site.page("schulungen/e-akte-grundlagen/"))
    events = list(graph.subjects(RDF.type, SCHEMA.Event))
    assert len(events) == 2
    for event in events:
        start = str(graph.value(event, SCHEMA.startDate))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00", start), start
        assert graph.value(event, SCHEMA.endDate) and graph.value(event, SCHEMA.eventAttendanceMode)
        assert graph.value(event, SCHEMA.location) is not None
        organiser = graph.value(event, SCHEMA.organizer)
        assert str(graph.value(organiser, SCHEMA.name)) == "Digitalnetzwerk Kreis Höxter"


def test_meetings_are_events(example_site):
    graph = graph_of(example_site.page("arbeitskreis/"))
    assert len(list(graph.subjects(RDF.type, SCHEMA.Event))) >= 2


def test_the_network_and_its_members_are_government_organisations(example_site):
    graph = graph_of(example_site.page("staedte/"))
    network = next(s for s in graph.subjects(RDF.type, SCHEMA.GovernmentOrganization)
                   if list(graph.objects(s, SCHEMA.member)))
    assert len(list(graph.objects(network, SCHEMA.member))) == 11
    town = graph_of(example_site.page("staedte/brakel/"))
    brakel = next(town.subjects(RDF.type, SCHEMA.GovernmentOrganization))
    assert str(town.value(brakel, SCHEMA.name)) == "Stadt Brakel" and town.value(brakel, SCHEMA.memberOf)


def test_the_open_data_page_is_a_data_catalog(example_site):
    graph = graph_of(example_site.page("daten/"))
    catalog = next(graph.subjects(RDF.type, SCHEMA.DataCatalog))
    datasets = list(graph.objects(catalog, SCHEMA.dataset))
    assert len(datasets) > 10
    downloads = {str(graph.value(d, SCHEMA.contentUrl)) for dataset in datasets
                 for d in graph.objects(dataset, SCHEMA.distribution)}
    assert "https://digitalnetzwerk.kreis-hoexter.example/daten/projekte.csv" in downloads


def names(value) -> set[str]:
    """Every "name" in a JSON value, at any depth."""
    if isinstance(value, dict):
        own = {value["name"]} if isinstance(value.get("name"), str) else set()
        return own | {n for v in value.values() for n in names(v)}
    if isinstance(value, list):
        return {n for v in value for n in names(v)}
    return set()


def test_hostile_names_stay_data_inside_their_block(hostile_site):
    for url in ("staedte/", "staedte/boese-stadt/"):
        html = hostile_site.page(url)
        found = blocks(html)
        assert found, url
        values = [json.loads(block) for block in found]  # each block ends where it should
        assert TOWN_NAME in names(values), url
        assert all("<" not in block and ">" not in block for block in found), url


@pytest.mark.parametrize("block, expected", [
    ('<script type="application/ld+json">{"name": "x"</script>', "kein gültiges JSON"),
    ('<script type="application/ld+json">{"a": 1}</script><script>alert(1)</script>', "nicht vom Theme"),
    ('<script type="application/ld+json" src="boese.js"></script>', "gehört nicht zur Website"),
])
def test_a_data_block_is_admitted_as_data_only(example_site, block, expected):
    page = example_site.page("daten/").replace("</article>", block + "</article>", 1)
    problems = page_problems(page, "daten/", set(), set())
    assert any(expected in problem for problem in problems), problems


def test_real_data_blocks_pass_the_scan(example_site):
    page = example_site.page("daten/")
    assert blocks(page)
    assert not [p for p in page_problems(page, "daten/", set(), set()) if "JSON" in p]
