"""One record per kind of entry: everything else that lists kinds reads it from here.

A kind says where its data lives, which model checks it, how it is called in
German, whether it has pages (URL section, template), which open-data file
exports it, and how editors create one from the command line. Loading, URLs,
pages, exports, schemas, the field reference, the command line and the editor
settings all loop over ``REGISTRY``; adding a kind is a record, a model and a
template.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pydantic import BaseModel

from macros.data.models import (
    Contact,
    FundingCall,
    GlossaryTerm,
    Grant,
    Meeting,
    Milestone,
    Project,
    SearchWords,
    SharedService,
    Topic,
    Town,
    Training,
    WorkOrder,
)


@dataclass(frozen=True)
class Kind:
    key: str                      # how the code names it: "projects"
    model: type[BaseModel]
    source: str                   # under data/: a folder (one file per entry) or a list file ("towns.yml")
    name: str                     # German, one entry: "Projekt"
    plural: str                   # German, the collection: "Projekte"
    section: str | None = None    # URL section of its pages: "projekte" (None: no pages of its own)
    template: str | None = None   # entry page template under macros/templates/
    variable: str = "entry"       # the entry's name in that template
    export: str | None = None     # open-data file under /daten/ (None: not exported)
    required: bool = False        # the data contract requires the file
    new_entry: bool = False       # python -m macros new <key> (template: templates/new/<key>.yml)
    aliases: tuple[str, ...] = ()  # other names on the command line
    export_title: str | None = None  # heading of its open data, if not the plural
    unpublished: tuple[str, ...] = ()  # fields that never leave the build (open data included)

    @property
    def one_file_per_entry(self) -> bool:
        return not self.source.endswith(".yml")

    @property
    def schema_file(self) -> str:
        """Named like the data it describes: ``shared-services.schema.json``, ``towns.schema.json``."""
        return self.source.removesuffix(".yml") + ".schema.json"

    @property
    def data_glob(self) -> str:
        """Where editors find its files, for the editor settings."""
        return f"data/{self.source}/*.yml" if self.one_file_per_entry else f"data/{self.source}"

    @property
    def label_field(self) -> str:
        """The field an entry is named by in lists, links and the editor."""
        return next(name for name in ("title", "name", "term", "id") if name in self.model.model_fields)

    @property
    def reviewed(self) -> bool:
        return "reviewed" in self.model.model_fields

    @property
    def tagged(self) -> bool:
        return "topics" in self.model.model_fields

    @property
    def schema_title(self) -> str:
        return self.name if self.one_file_per_entry else self.plural


KINDS: tuple[Kind, ...] = (
    Kind("towns", Town, "towns.yml", "Mitglied", "Mitglieder", section="staedte",
         template="entries/town.html", variable="town", export="mitglieder", required=True),
    Kind("contacts", Contact, "contacts.yml", "Ansprechstelle", "Ansprechstellen", export="kontakte",
         required=True, export_title="Öffentliche Ansprechstellen", unpublished=("public",)),
    Kind("projects", Project, "projects", "Projekt", "Projekte", section="projekte",
         template="entries/project.html", variable="project", export="projekte", new_entry=True,
         aliases=("projekt", "project")),
    Kind("funding", FundingCall, "funding", "Förderprogramm", "Förderprogramme", section="foerderung",
         template="entries/funding.html", variable="call", export="foerderprogramme", new_entry=True,
         aliases=("foerderung", "foerderprogramm")),
    Kind("shared_services", SharedService, "shared-services", "Shared Service", "Shared Services",
         section="shared-services", template="entries/shared_service.html", variable="service",
         export="shared-services", new_entry=True, aliases=("shared-service", "shared-services")),
    Kind("trainings", Training, "trainings", "Schulung", "Schulungen", section="schulungen",
         template="entries/training.html", variable="training", export="schulungen", new_entry=True,
         aliases=("schulung", "training")),
    Kind("grants", Grant, "grants.yml", "Förderbescheid", "Förderbescheide", export="foerderbescheide",
         export_title="Erhaltene Förderungen (Förderbescheide)"),
    Kind("chronicle", Milestone, "chronicle.yml", "Meilenstein", "Chronik", export="chronik",
         export_title="Chronik: Meilensteine des Netzwerks"),
    Kind("meetings", Meeting, "meetings.yml", "Sitzung", "Sitzungen des Arbeitskreises"),
    Kind("work_orders", WorkOrder, "work-orders.yml", "Arbeitsauftrag", "Arbeitsaufträge"),
    Kind("glossary", GlossaryTerm, "glossary.yml", "Begriff", "Glossar"),
    Kind("search_words", SearchWords, "search-words.yml", "Suchwort", "Suchwörter"),
    # Topic pages gather what is tagged; a tag without an entry here gets a page too (pages.py).
    Kind("topics", Topic, "topics.yml", "Thema", "Themen", section="themen", template="entries/topic.html"),
)
REGISTRY: dict[str, Kind] = {kind.key: kind for kind in KINDS}


@contextmanager
def registered(*extra: Kind) -> Iterator[None]:
    """Kinds added for a while (tests: a new kind flows through without touching other code)."""
    before = dict(REGISTRY)
    REGISTRY.update({kind.key: kind for kind in extra})
    try:
        yield
    finally:
        REGISTRY.clear()
        REGISTRY.update(before)
