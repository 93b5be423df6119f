"""The open data as a DCAT-AP.de 3.0 catalog, for Open.NRW and GovData to harvest.

One ``dcat:Dataset`` per published collection (JSON and CSV distributions), per
calendar (iCalendar) and per feed (Atom); each with publisher, contact point,
licence from the DCAT-AP.de licence list, German title and description, the
political geocoding of the Kreis Höxter, modification date and update
frequency. Written as Turtle (``daten/katalog.ttl``) and JSON-LD
(``daten/katalog.jsonld``). The tests validate it with pyshacl against GovData's
own shapes (tests/dcat-ap-de-shacl/).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from macros.data.licences import LICENCES
from macros.outputs.datasets import FORMATS, PublishedDataset

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
EU = "http://publications.europa.eu/resource/authority/"
# Kreis Höxter: Amtlicher Regionalschlüssel 05762 (Kreis level of the political geocoding).
DISTRICT_KEY = "05762"
GEOCODING_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/administrativeDistrict"
GEOCODING_URI = f"http://dcat-ap.de/def/politicalGeocoding/districtKey/{DISTRICT_KEY}"
CATALOG_FILES = ("daten/katalog.ttl", "daten/katalog.jsonld")


@dataclass(frozen=True)
class Publisher:
    name: str
    email: str | None
    website: str | None


def licence_uri(licence_id: str) -> str:
    """The DCAT-AP.de URI of a licence id; a licence the list does not have cannot be harvested."""
    if licence_id not in LICENCES:
        raise ValueError(f"Die Lizenz '{licence_id}' steht nicht in der Lizenzliste von DCAT-AP.de "
                         f"(bekannt: {', '.join(LICENCES)})")
    return LICENCES[licence_id]


def catalog_graph(datasets: list[PublishedDataset], site_url: str, publisher: Publisher, licence: dict,
                  today: date) -> Graph:
    """The catalog and its datasets as an RDF graph."""
    base = site_url.rstrip("/") + "/"
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    graph.bind("dcatde", DCATDE)
    modified = Literal(today.isoformat(), datatype=XSD.date)
    german = URIRef(f"{EU}language/DEU")

    agent = URIRef(base + "daten/#herausgeber")
    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, FOAF.name, Literal(publisher.name, lang="de")))
    if publisher.website:
        graph.add((agent, FOAF.homepage, URIRef(publisher.website)))
    contact = URIRef(base + "daten/#kontakt")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(publisher.name, lang="de")))
    if publisher.email:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{publisher.email}")))
    # The network's point of contact, also for questions about its data.
    graph.add((contact, VCARD.hasURL, URIRef(base + "anlaufstelle/")))

    catalog = URIRef(base + "daten/katalog")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal("Offene Daten des Digitalnetzwerks Kreis Höxter", lang="de")))
    graph.add((catalog, DCTERMS.description, Literal(
        "Projekte, Förderprogramme, Förderbescheide, Chronik, Mitglieder, Schulungen und Termine des "
        "Digitalnetzwerks von Kreis Höxter und seinen zehn Städten, täglich neu erzeugt.", lang="de")))
    graph.add((catalog, DCTERMS.publisher, agent))
    graph.add((catalog, DCTERMS.language, german))
    graph.add((catalog, DCTERMS.modified, modified))
    graph.add((catalog, FOAF.homepage, URIRef(base + "daten/")))
    # Without a licence (none in data/site.yml yet: check --release refuses that) no licence is claimed.
    licence_node = URIRef(licence_uri(licence["id"])) if licence.get("id") else None
    if licence_node is not None:
        graph.add((catalog, DCTERMS.license, licence_node))
    graph.add((URIRef(GEOCODING_URI), RDF.type, DCTERMS.Location))
    for dataset in datasets:
        node = URIRef(f"{base}daten/#{dataset.key}")
        graph.add((catalog, DCAT.dataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(f"{base}daten/#{dataset.key}")))
        graph.add((node, DCTERMS.title, Literal(dataset.title, lang="de")))
        graph.add((node, DCTERMS.description, Literal(dataset.description, lang="de")))
        graph.add((node, DCTERMS.publisher, agent))
        graph.add((node, DCAT.contactPoint, contact))
        graph.add((node, DCTERMS.modified, modified))
        graph.add((node, DCTERMS.language, german))
        graph.add((node, DCTERMS.accrualPeriodicity, URIRef(f"{EU}frequency/IRREG")))
        graph.add((node, DCAT.theme, URIRef(f"{EU}data-theme/GOVE")))
        graph.add((node, DCAT.landingPage, URIRef(base + "daten/")))
        graph.add((node, DCATDE.politicalGeocodingLevelURI, URIRef(GEOCODING_LEVEL)))
        # DCAT-AP.de 3.0: the area as dct:spatial (dcatde:politicalGeocodingURI is deprecated).
        graph.add((node, DCTERMS.spatial, URIRef(GEOCODING_URI)))
        for keyword in dataset.keywords:
            graph.add((node, DCAT.keyword, Literal(keyword, lang="de")))
        for path in dataset.files:
            suffix = path.rsplit(".", 1)[-1]
            file_type, media_type = FORMATS[suffix]
            distribution = URIRef(base + path)
            graph.add((node, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCTERMS.title, Literal(f"{dataset.title} ({file_type})", lang="de")))
            graph.add((distribution, DCAT.accessURL, URIRef(base + path)))
            graph.add((distribution, DCAT.downloadURL, URIRef(base + path)))
            graph.add((distribution, DCTERMS.format, URIRef(f"{EU}file-type/{file_type}")))
            graph.add((distribution, DCAT.mediaType,
                       URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
            if licence_node is not None:
                graph.add((distribution, DCTERMS.license, licence_node))
                graph.add((distribution, DCATDE.licenseAttributionByText, Literal(publisher.name, lang="de")))
            graph.add((distribution, DCTERMS.modified, modified))
    return graph


def write_catalog(graph: Graph) -> dict[str, bytes]:
    """Path → content of the catalog files."""
    turtle = graph.serialize(format="turtle", encoding="utf-8")
    context = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "vcard": str(VCARD),
               "dcatde": str(DCATDE), "xsd": str(XSD)}
    document = json.loads(graph.serialize(format="json-ld", context=context))
    # rdflib writes nodes and values in the order of its sets: sorted, every build writes the same bytes.
    document["@graph"] = sorted((_sorted_values(node) for node in document.get("@graph", [])),
                                key=lambda node: node.get("@id", ""))
    jsonld = (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    return dict(zip(CATALOG_FILES, (turtle, jsonld), strict=True))


def _sorted_values(node):
    if isinstance(node, dict):
        return {key: _sorted_values(value) for key, value in node.items()}
    if isinstance(node, list):
        return sorted((_sorted_values(value) for value in node), key=lambda v: json.dumps(v, sort_keys=True))
    return node


