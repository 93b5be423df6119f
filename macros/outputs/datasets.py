"""The datasets the site publishes, once: for the DCAT catalog and the schema.org description."""

from __future__ import annotations

from dataclasses import dataclass

from macros.outputs.feeds import FUNDING_FEED, NEWS_FEED

FORMATS = {  # suffix → (EU file type, IANA media type)
    "json": ("JSON", "application/json"),
    "csv": ("CSV", "text/csv"),
    "ics": ("ICS", "text/calendar"),
    "xml": ("ATOM", "application/atom+xml"),
    "ttl": ("RDF_TURTLE", "text/turtle"),
}
FEEDS = {NEWS_FEED: "Aktuelles aus dem Digitalnetzwerk", FUNDING_FEED: "Neue und geänderte Förderprogramme"}


@dataclass(frozen=True)
class PublishedDataset:
    """One dataset of the site: what it is and its files (site-relative paths)."""

    key: str
    title: str
    description: str
    files: tuple[str, ...]
    keywords: tuple[str, ...] = ()

    def media_types(self) -> dict[str, str]:
        """Each file → its IANA media type."""
        return {path: FORMATS[path.rsplit(".", 1)[-1]][1] for path in self.files}


def published_datasets(collections, calendars) -> list[PublishedDataset]:
    """The site's datasets: each open-data collection, each calendar, each feed."""
    found = [PublishedDataset(collection.name, collection.title,
                              f"{collection.title} des Digitalnetzwerks Kreis Höxter, ein Eintrag je Zeile (CSV) "
                              "oder Objekt (JSON); die Felder beschreibt die Seite „Offene Daten“.",
                              tuple(collection.files().values()), (collection.title,))
             for collection in collections]
    found += [PublishedDataset(calendar.path.rsplit("/", 1)[-1].removesuffix(".ics"), calendar.title,
                               f"{calendar.title}: Termine und Fristen zum Abonnieren (iCalendar).",
                               (calendar.path,), ("Termine",))
              for calendar in calendars]
    found += [PublishedDataset(path.split("/")[0] + "-feed", title, f"{title}: neue Einträge als Atom-Feed.",
                               (path,), ("Neuigkeiten",))
              for path, title in FEEDS.items()]
    return found
