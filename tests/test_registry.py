"""One registry record per kind: a new kind flows through to its page and its open-data file."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from macros.data.catalog import load_catalog
from macros.data.models import IsoDate, ShortText, Slug, Summary, _Record
from macros.html.pages import entry_html, entry_pages
from macros.kinds import REGISTRY, Kind, registered
from macros.outputs.exports import collections, to_csv
from macros.urls import entry_url, reserved_ids
from tests.conftest import BUILD_DATE, EXAMPLE_DATA, ROOT


class Event(_Record):
    """A public event of the network (only in this test)."""

    id: Slug = Field(description="Kennung = Dateiname")
    title: ShortText = Field(description="Titel")
    summary: Summary = Field(description="Kurzbeschreibung")
    date: IsoDate = Field(description="Tag")


EVENTS = Kind("events", Event, "events", "Veranstaltung", "Veranstaltungen", section="veranstaltungen",
              template="entries/generic.html", export="veranstaltungen")


def test_a_new_kind_is_a_record_a_model_and_a_template(data):
    (data / "events").mkdir()
    (data / "events" / "digitaltag.yml").write_text(
        "title: Digitaltag im Kreishaus\nsummary: Vorträge und Beratung.\ndate: 2027-06-18\n"
        "sources:\n  - title: Einladung\n    reference: Einladung vom 01.05.2027\n", encoding="utf-8")
    today = date.fromisoformat(BUILD_DATE)
    with registered(EVENTS):
        catalog = load_catalog(data, today=today, docs_dir=ROOT / "docs")
        assert catalog.events["digitaltag"].title == "Digitaltag im Kreishaus"
        page = next(p for p in entry_pages(catalog) if p.kind == "events")
        assert (page.id, page.title) == ("digitaltag", "Digitaltag im Kreishaus")
        assert entry_url("events", "digitaltag") == "veranstaltungen/digitaltag/"
        assert "index" in reserved_ids("events")
        body = entry_html(catalog, "events", "digitaltag", "veranstaltungen/digitaltag/")
        assert "<h1>Digitaltag im Kreishaus</h1>" in body and "Einladung vom 01.05.2027" in body
        exported = next(c for c in collections(catalog, "https://example.org/") if c.name == "veranstaltungen")
        assert next(exported.records())["page_url"] == "https://example.org/veranstaltungen/digitaltag/"
        assert "Digitaltag im Kreishaus" in to_csv(exported)
    assert "events" not in REGISTRY  # the temporary registry is gone again


def test_every_kind_with_pages_has_a_template_and_every_list_kind_a_file():
    from macros.html.render import environment

    for kind in REGISTRY.values():
        if kind.section:
            environment().get_template(kind.template)
        # The data lies as the kind says: a folder of files, or one list file.
        stored = EXAMPLE_DATA / kind.source
        if stored.exists():
            assert stored.is_dir() == kind.one_file_per_entry, kind.key
