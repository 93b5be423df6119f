"""Everything the site publishes besides its pages: open data, calendars, feeds, robots.txt."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from macros.data.catalog import Catalog
from macros.outputs import datapackage
from macros.outputs.calendars import calendar_files, to_ics
from macros.outputs.datasets import published_datasets
from macros.outputs.exports import collections, write_csv, write_json
from macros.outputs.feeds import FUNDING_FEED, NEWS_FEED, FeedItem, atom, chronicle_items, funding_items

DATA_PACKAGE = "daten/datapackage.json"


def write_all(catalog: Catalog, site_dir: Path, news: list[FeedItem]) -> None:
    """Open data (with its licence from data/site.yml), its catalog and data package, calendars, feeds."""
    # Imported here, not with the module: rdflib (≈0.2 s, ≈20 MB) is then loaded while Pagefind
    # indexes the pages on the other core, not before the first page is built.
    from macros.outputs import dcat

    site_url = catalog.site_url
    licence = catalog.open_data_licence
    published = collections(catalog, site_url)
    calendars = calendar_files(catalog, site_url)
    for collection in published:
        files = collection.files()
        with _opened(site_dir / files["JSON"]) as out:
            write_json(collection, catalog.today, licence, out)
        with _opened(site_dir / files["CSV"]) as out:
            write_csv(collection, out)
    written: dict[int, bytes] = {}  # each event's text, for the calendars it is in
    for calendar in calendars:
        _write(site_dir / calendar.path, to_ics(calendar, written))
    _write(site_dir / NEWS_FEED, atom("Digitalnetzwerk Kreis Höxter: Aktuelles", NEWS_FEED, "aktuelles/",
                                      [*news, *chronicle_items(catalog)], site_url,
                                      "Neuigkeiten aus dem Digitalnetzwerk"))
    _write(site_dir / FUNDING_FEED, atom("Digitalnetzwerk Kreis Höxter: Förderprogramme", FUNDING_FEED,
                                         "foerderung/", funding_items(catalog), site_url,
                                         "Neue und geänderte Förderprogramme"))
    _write(site_dir / DATA_PACKAGE, datapackage.data_package(published, site_url, licence, catalog.today).encode())
    datasets = published_datasets(published, calendars)
    operator = catalog.site.operator if catalog.site else None
    publisher = dcat.Publisher(operator.name if operator else "Digitalnetzwerk Kreis Höxter",
                               operator.email if operator else None, operator.website if operator else None)
    graph = dcat.catalog_graph(datasets, site_url, publisher, licence, catalog.today)
    for path, content in dcat.write_catalog(graph).items():
        _write(site_dir / path, content)
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
    _write(site_dir / "robots.txt", robots.encode())


def _opened(path: Path) -> TextIO:
    """A text file to write as it comes: UTF-8, line ends untouched (CSV: CRLF for Excel)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8", newline="")


def _write(path: Path, content: bytes) -> None:
    """Bytes as they are: UTF-8 text keeps its line ends (CSV: CRLF for Excel)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
