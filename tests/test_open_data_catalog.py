"""The DCAT-AP.de catalog of the open data, validated as GovData validates it (pyshacl, its shapes)."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, SH

from tests.conftest import ROOT, soup

SHAPES = ROOT / "tests" / "dcat-ap-de-shacl"


@functools.cache
def _shapes() -> Graph:
    graph = Graph()
    for path in sorted((SHAPES / "shapes").glob("*.ttl")):
        if path.name != "dcat-ap-de-imports.ttl":  # its owl:imports are the files below, offline
            graph.parse(path)
    return graph


@functools.cache
def _vocabularies() -> Graph:
    graph = Graph()
    graph.parse(SHAPES / "vocabularies.ttl")
    graph.parse(SHAPES / "mirror" / "vcard.ttl")
    graph.parse(SHAPES / "mirror" / "org.ttl")
    graph.parse(SHAPES / "mirror" / "foaf_0_1.rdf", format="xml")
    return graph


def shacl_results(catalog: Graph) -> list[tuple[str, str, str]]:
    """(severity, focus node, message) of every result, as GovData's validator reports them: the
    controlled vocabularies merged into the data, as its owl:imports do."""
    _, report, _ = validate(catalog + _vocabularies(), shacl_graph=_shapes(), inference="none",
                            advanced=True, allow_warnings=True)
    return sorted((str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                   str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultMessage)))
                  for result in report.subjects(object=SH.ValidationResult))


def catalog_of(site: Path) -> Graph:
    return Graph().parse(site / "daten" / "katalog.ttl")


@pytest.mark.parametrize("which", ["real_site", "example_site"])
def test_the_catalog_has_no_violation_and_no_warning_under_govdata_shapes(which, request):
    catalog = catalog_of(request.getfixturevalue(which).site)
    assert shacl_results(catalog) == []
    assert len(set(catalog.subjects(object=DCAT.Dataset))) > 10


def test_the_shapes_do_find_what_is_missing(example_site):
    """The validation can fail: a dataset without a title and a distribution with a foreign licence."""
    catalog = catalog_of(example_site.site)
    dataset = next(catalog.subjects(object=DCAT.Dataset))
    catalog.remove((dataset, DCTERMS.title, None))
    distribution = next(catalog.objects(dataset, DCAT.distribution))
    catalog.set((distribution, DCTERMS.format, URIRef("http://example.org/format/JSON")))
    found = shacl_results(catalog)
    assert any(severity == "Violation" and "dcterms:title" in message for severity, _, message in found), found
    assert any(severity == "Violation" and "dcterms:format" in message for severity, _, message in found), found


def test_the_json_ld_is_the_same_catalog(example_site):
    turtle = catalog_of(example_site.site)
    jsonld = Graph().parse(example_site.site / "daten" / "katalog.jsonld", format="json-ld")
    assert isomorphic(turtle, jsonld)


def test_every_published_file_is_in_the_catalog_and_every_download_exists(example_site):
    site = example_site.site
    catalog = catalog_of(site)
    base = "https://digitalnetzwerk.kreis-hoexter.example/"
    downloads = {str(url).removeprefix(base) for url in catalog.objects(predicate=DCAT.downloadURL)}
    published = {path.relative_to(site).as_posix() for pattern in ("daten/*.json", "daten/*.csv", "kalender/*.ics",
                                                                   "*/feed.xml") for path in site.glob(pattern)
                 if path.name != "datapackage.json"}  # metadata, like the catalog itself
    assert downloads == published
    licences = set(catalog.objects(predicate=DCTERMS.license))
    assert licences == {URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")}
    spatial = set(catalog.objects(predicate=DCTERMS.spatial))
    assert spatial == {URIRef("http://dcat-ap.de/def/politicalGeocoding/districtKey/05762")}  # Kreis Höxter


def test_the_catalog_is_linked_from_the_data_page_and_every_page(example_site):
    page = soup(example_site.page("daten/"))
    assert page.select_one('a[href="katalog.ttl"]') and page.select_one('a[href="katalog.jsonld"]')
    for url in ("", "projekte/e-akte/"):
        link = soup(example_site.page(url)).select_one('link[rel~=alternate][type="text/turtle"]')
        assert link and re.fullmatch(r"(\./|(\.\./)+)daten/katalog\.ttl", link["href"]), url


def test_the_licence_comes_from_site_yml_and_only_from_the_portal_list(project_copy):
    site = project_copy / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("id: dl-de/by-2-0", "id: mit", 1), encoding="utf-8")
    line = site.read_text(encoding="utf-8").splitlines().index("  id: mit") + 1
    result = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project_copy, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0 and f"data/site.yml:{line}: open_data_licence.id" in result.stderr, result.stderr
    assert "dl-de/by-2-0" in result.stderr
    config = project_copy / "mkdocs.yml"  # the former place is no longer read: a second source is refused
    config.write_text(config.read_text(encoding="utf-8").replace(
        "extra:\n", "extra:\n  open_data_licence: {name: x, id: dl-de/by-2-0, url: 'https://x.example/'}\n", 1),
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project_copy, capture_output=True,
                            text=True, timeout=120)
    assert "'open_data_licence' ist in mkdocs.yml nicht vorgesehen" in result.stderr, result.stderr


# --- the CSV files as a Frictionless Data Package ------------------------------------------------

def frictionless_errors(package: Path) -> list[str]:
    """What `frictionless validate` reports, as it runs for any data user."""
    result = subprocess.run([str(Path(sys.executable).parent / "frictionless"), "validate", "--json",
                             str(package)], capture_output=True, text=True, timeout=300, cwd=package.parent)
    report = json.loads(result.stdout)
    errors = [error["message"] for error in report.get("errors", [])]
    for task in report.get("tasks", []):
        errors += [f"{task['name']}: {error['message']}" for error in task.get("errors", [])]
    return errors


@pytest.mark.parametrize("which", ["real_site", "example_site"])
def test_the_data_package_validates_without_errors(which, request):
    site = request.getfixturevalue(which).site
    package = json.loads((site / "daten" / "datapackage.json").read_text(encoding="utf-8"))
    assert {resource["path"] for resource in package["resources"]} == \
        {path.name for path in (site / "daten").glob("*.csv")}
    assert frictionless_errors(site / "daten" / "datapackage.json") == []


def test_the_data_package_describes_types_values_and_keys(example_site):
    package = json.loads((example_site.site / "daten" / "datapackage.json").read_text(encoding="utf-8"))
    projects = next(r for r in package["resources"] if r["name"] == "projekte")["schema"]
    fields = {field["name"]: field for field in projects["fields"]}
    assert projects["primaryKey"] == ["id"]
    assert fields["budget_eur"]["type"] == "integer" and fields["reviewed"]["type"] == "date"
    assert "laufend" in fields["status"]["constraints"]["enum"] and fields["status"]["constraints"]["required"]
    assert fields["towns"]["description"].startswith("Beteiligte Mitglieder")
    assert (fields["status"]["title"], fields["budget_eur"]["title"], fields["id"]["title"]) == \
        ("Stand", "Gesamtvolumen in ganzen Euro", "Kennung")


def test_a_value_outside_the_schema_is_found(example_site, tmp_path):
    folder = tmp_path / "daten"
    shutil.copytree(example_site.site / "daten", folder)
    projects = folder / "projekte.csv"
    projects.write_text(projects.read_text(encoding="utf-8-sig").replace(";laufend;", ";fertig;", 1),
                        encoding="utf-8-sig", newline="")
    errors = frictionless_errors(folder / "datapackage.json")
    assert any("projekte" in error and "fertig" in error for error in errors), errors
