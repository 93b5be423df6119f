"""The whole validated data set, loaded once per build.

``load_catalog`` reads ``data/``, validates every entry, checks references
between entries and either returns a :class:`Catalog` or raises one
:class:`DataError` listing every problem. Non-public contacts are used to check
references and then dropped: nothing after this module can publish them.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel

from macros.data.load import Document, Parse, load_file
from macros.data.messages import validate, validate_all
from macros.data.models import _SLUG, Contact, FundingCall, Grant, Milestone, Project, SiteInfo, Town
from macros.data.problems import DataError, Problem, dotted
from macros.data.rules import broken_on
from macros.kinds import REGISTRY
from macros.urls import MATERIALS, reserved_ids
from macros.wording import first_heading, german_date

# The operator of the site (legal pages): one mapping, not a list.
SITE_FILE = "site.yml"
STALE_AFTER = timedelta(days=365)


def entry_kinds() -> dict[str, tuple[str, type[BaseModel]]]:
    """kind → (folder under data/, model): one entry per file, the file name is the id."""
    return {k.key: (k.source, k.model) for k in REGISTRY.values() if k.one_file_per_entry}


def list_kinds() -> dict[str, tuple[str, type[BaseModel]]]:
    """kind → (file under data/, model): a list of mappings with ids."""
    return {k.key: (k.source, k.model) for k in REGISTRY.values() if not k.one_file_per_entry}


def reviewed_kinds() -> tuple[str, ...]:
    return tuple(k.key for k in REGISTRY.values() if k.reviewed)


def tagged_kinds() -> tuple[str, ...]:
    return tuple(k.key for k in REGISTRY.values() if k.tagged and k.key != "topics")


def build_date() -> date:
    """The date the build assumes: ``HUB_TODAY`` (YYYY-MM-DD) or today."""
    value = os.environ.get("HUB_TODAY")
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataError([Problem("HUB_TODAY", 1, "", f"'{value}' ist kein Datum JJJJ-MM-TT")]) from None


@dataclass
class Catalog:
    """Validated entries by id, and the cross-reference indexes pages need.

    Each kind of the registry is an attribute: ``catalog.projects``,
    ``catalog.towns`` … (contacts: the public ones only).
    """

    today: date
    entries: dict[str, dict[str, BaseModel]]  # kind → id → entry
    materials: dict[str, str] = field(default_factory=dict)  # training material name → title
    sources: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) → data file
    site: SiteInfo | None = None  # data/site.yml; None: the legal pages show what is missing
    site_url: str = "/"  # where the site is published (mkdocs.yml site_url), for absolute addresses

    @property
    def open_data_licence(self) -> dict[str, str]:
        """The open data's licence from data/site.yml as plain values ({} while none is set)."""
        licence = self.site.open_data_licence if self.site else None
        return licence.model_dump() if licence else {}
    projects_by_town: dict[str, list[Project]] = field(default_factory=dict)
    projects_by_funding: dict[str, list[Project]] = field(default_factory=dict)
    contacts_by_org: dict[str, list[Contact]] = field(default_factory=dict)
    grants_by_project: dict[str, list[Grant]] = field(default_factory=dict)
    milestones_by_project: dict[str, list[Milestone]] = field(default_factory=dict)

    def __getattr__(self, name: str):
        entries = self.__dict__.get("entries")
        if entries is not None and name in REGISTRY:
            return entries.setdefault(name, {})
        raise AttributeError(name)

    def __post_init__(self) -> None:
        by_town, by_funding, by_org = defaultdict(list), defaultdict(list), defaultdict(list)
        for project in self.projects.values():
            for town in project.towns:
                by_town[town].append(project)
            for call in project.funding:
                by_funding[call].append(project)
        for contact in self.contacts.values():
            by_org[contact.org].append(contact)
        self.projects_by_town = dict(by_town)
        self.projects_by_funding = dict(by_funding)
        self.contacts_by_org = dict(by_org)
        grants, milestones = defaultdict(list), defaultdict(list)
        for grant in self.grants_in_order():
            for project in grant.projects:
                grants[project].append(grant)
        for milestone in self.chronicle_in_order():
            for project in milestone.projects:
                milestones[project].append(milestone)
        self.grants_by_project = dict(grants)
        self.milestones_by_project = dict(milestones)

    def grants_in_order(self) -> list[Grant]:
        """Every grant received, oldest first; grants without a date last."""
        return sorted(self.grants.values(), key=lambda g: (g.awarded is None, g.awarded.sort_key if g.awarded
                                                           else (), g.title.casefold()))

    def chronicle_in_order(self) -> list[Milestone]:
        """Every milestone, oldest first; on the same day (or month, or year) by title."""
        return sorted(self.chronicle.values(), key=lambda m: (m.date.sort_key, m.title.casefold()))

    @cached_property
    def funding_matches(self):
        """Open funding calls that fit each project, and the reverse (computed once)."""
        from macros.data.matching import match_funding

        return match_funding(self)

    def members_in_order(self) -> list[Town]:
        """The Kreis first, then the towns alphabetically, as in the founding resolution."""
        return sorted(self.towns.values(), key=lambda t: (t.kind != "kreis", t.name.casefold()))

    def topic_name(self, slug: str) -> str:
        """The topic's name from topics.yml, else one made from its id ('mobilitaet' → 'Mobilitaet')."""
        topic = self.topics.get(slug)
        return topic.name if topic else slug.replace("-", " ").capitalize()

    @cached_property
    def topic_counts(self) -> dict[str, int]:
        """Topic → how many projects, funding calls, trainings and services carry it."""
        counts: dict[str, int] = defaultdict(int)
        for kind in tagged_kinds():
            for entry in getattr(self, kind).values():
                for topic in entry.topics:
                    counts[topic] += 1
        return dict(counts)

    def used_topics(self) -> list[str]:
        """Every topic some entry is tagged with, sorted by name."""
        return sorted(self.topic_counts, key=lambda slug: self.topic_name(slug).casefold())

    def page_topics(self) -> list[str]:
        """Every topic that gets a page: the tagged ones and those named in topics.yml, by name."""
        return sorted(set(self.topic_counts) | set(self.topics), key=lambda slug: self.topic_name(slug).casefold())

    def public_contacts(self, ids: list[str | None]) -> list[Contact]:
        """The public contacts among ``ids``, in order; others are left out."""
        return [self.contacts[i] for i in ids if i in self.contacts]

    def funding_status(self, call: FundingCall):
        return call.status(self.today)

    def is_stale(self, entry) -> bool:
        """Not reviewed for more than twelve months."""
        return entry.reviewed < self.today - STALE_AFTER

    def reviewed_entries(self):
        """(kind, entry) for every entry that carries a ``reviewed`` date, oldest review first."""
        found = [(kind, entry) for kind in reviewed_kinds() for entry in getattr(self, kind).values()]
        return sorted(found, key=lambda pair: (pair[1].reviewed, pair[0], pair[1].id))

    def stale_entries(self):
        return [(kind, entry) for kind, entry in self.reviewed_entries() if self.is_stale(entry)]

    def stale_problems(self, data_dir: Path) -> list[Problem]:
        """Stale entries as problems at the line of their ``reviewed`` field."""
        problems = []
        for kind, entry in self.stale_entries():
            shown = self.sources[(kind, entry.id)]
            document, _ = load_file(Path(data_dir) / shown.removeprefix("data/"), shown)
            location = ("reviewed",)
            if isinstance(document.data, list):  # list files: find the entry by its id
                index = next(i for i, item in enumerate(document.data) if item.get("id") == entry.id)
                location = (index, "reviewed")
            problems.append(Problem(shown, document.line_of(location), "reviewed",
                                    f"seit mehr als zwölf Monaten nicht geprüft (zuletzt am "
                                    f"{german_date(entry.reviewed)}); bitte prüfen und das Datum "
                                    "aktualisieren"))
        return problems


def load_catalog(data_dir: Path, today: date | None = None, docs_dir: Path | None = None,
                 parse: Parse | None = None, site_url: str = "/") -> Catalog:
    """Load, validate and cross-check everything under ``data_dir``.

    ``docs_dir`` (default: ``docs`` beside ``data``) is where training materials live; ``parse``
    stands in for ``load.load_text`` (``mkdocs serve`` keeps what it parsed in the last build);
    ``site_url`` is the published address (QR codes, structured data, redirects need it absolute).
    """
    data_dir = Path(data_dir)
    docs_dir = Path(docs_dir) if docs_dir else data_dir.parent / "docs"
    today = today or build_date()
    problems: list[Problem] = []
    entries: dict[str, dict[str, BaseModel]] = {}
    sources: dict[tuple[str, str], str] = {}
    # (kind, id) → (document, location in it, raw values): references are checked on
    # the raw values, so an entry with a typo elsewhere still has its references checked.
    raw: dict[tuple[str, str], tuple[Document, tuple, dict]] = {}
    partials: dict[str, dict[str, BaseModel]] = {}  # entries with a wrong field: the fields that are valid

    def shown(path: Path) -> str:
        return f"data/{path.relative_to(data_dir).as_posix()}"

    for kind, (file_name, model) in list_kinds().items():
        entries[kind] = {}
        path = data_dir / file_name
        if not path.is_file():
            if REGISTRY[kind].required:
                problems.append(Problem(f"data/{file_name}", 1, "", "Die Datei fehlt."))
            continue
        document, loaded = load_file(path, shown(path), parse)
        problems += loaded
        if document is None:
            continue
        if document.data is None:
            continue  # an empty file: no entries yet
        if not isinstance(document.data, list):
            problems.append(Problem(document.path, 1, "", "Die Datei muss eine Liste sein "
                                    "(jeder Eintrag beginnt mit '- id: ...')."))
            continue
        for index, values in enumerate(document.data):
            entry, partial, found = validate_all(model, values, document, (index,))
            problems += _unless_reported(found, loaded)
            if isinstance(values, dict) and isinstance(values.get("id"), str):
                raw.setdefault((kind, values["id"]), (document, (index,), values))
            if entry is None:
                if partial is not None and isinstance(values.get("id"), str):
                    partials.setdefault(kind, {}).setdefault(values["id"], partial)
                continue
            if entry.id in entries[kind]:
                problems.append(Problem(document.path, document.line_of((index, "id")), "id",
                                        f"Die Kennung '{entry.id}' kommt in der Datei doppelt vor."))
                continue
            if entry.id in reserved_ids(kind):
                problems.append(Problem(document.path, document.line_of((index, "id")), "id",
                                        f"Die Kennung '{entry.id}' ist für eine feste Seite reserviert; "
                                        "bitte eine andere wählen."))
                continue
            entries[kind][entry.id] = entry
            sources[(kind, entry.id)] = document.path

    for kind, (folder, model) in entry_kinds().items():
        entries[kind] = {}
        directory = data_dir / folder
        for path in sorted(directory.iterdir()) if directory.is_dir() else []:
            if path.name.startswith("."):
                continue  # Git and editor housekeeping (.gitkeep, .DS_Store)
            if path.suffix != ".yml":
                problems.append(Problem(shown(path), 1, "", "Unbekannte Datei: Einträge brauchen "
                                        "die Endung .yml (nicht .yaml oder andere)."))
                continue
            entry_id = path.stem
            if not _SLUG.fullmatch(entry_id):
                problems.append(Problem(shown(path), 1, "", f"Der Dateiname '{path.name}' ist keine "
                                        "gültige Kennung: nur a–z, 0–9 und Bindestriche, "
                                        "Umlaute umschreiben (ö → oe, ß → ss)."))
                continue
            if entry_id in reserved_ids(kind):
                problems.append(Problem(shown(path), 1, "", f"Die Kennung '{entry_id}' ist für eine "
                                        "feste Seite reserviert; bitte die Datei umbenennen."))
                continue
            document, loaded = load_file(path, shown(path), parse)
            problems += loaded
            if document is None:
                continue
            if not isinstance(document.data, dict):
                problems.append(Problem(document.path, 1, "", "Die Datei muss Felder enthalten "
                                        "(Feldname: Wert), eines je Zeile."))
                continue
            if "id" in document.data:
                problems.append(Problem(document.path, document.line_of(("id",)), "id",
                                        "nicht angeben: die Kennung ist der Dateiname"))
                continue
            entry, partial, found = validate_all(model, {"id": entry_id, **document.data}, document)
            problems += _unless_reported(found, loaded)
            raw[(kind, entry_id)] = (document, (), document.data)
            if entry is not None:
                entries[kind][entry_id] = entry
                sources[(kind, entry_id)] = document.path
            else:  # its valid fields still get the plausibility checks: all problems at once
                partials.setdefault(kind, {})[entry_id] = partial

    site, found = _load_site(data_dir / SITE_FILE)
    problems += found
    problems += _check_references(raw, topics_defined=(data_dir / "topics.yml").is_file())
    problems += _check_aliases(raw)
    problems += _check_topic_slugs(raw)
    problems += _check_materials(raw, docs_dir)
    problems += _check_plausibility(entries, raw, today)
    for kind, found in partials.items():
        for entry_id, partial in found.items():
            try:
                problems += _check_plausibility({kind: {entry_id: partial}}, raw, today)
            except (AttributeError, TypeError):  # a check reading a field that is missing or invalid
                continue
    if problems:
        raise DataError(problems)

    entries["contacts"] = {i: c for i, c in entries["contacts"].items() if c.public}
    return Catalog(today=today, entries=entries, sources=sources, materials=_material_titles(docs_dir), site=site,
                   site_url=(site_url or "/").rstrip("/") + "/")


# (kind, field) → (kind the field refers to, how to name the missing thing)
REFERENCES = {
    ("contacts", "org"): ("towns", "Die Organisation"),
    ("projects", "towns"): ("towns", "Das Mitglied"),
    ("projects", "lead"): ("contacts", "Den Kontakt"),
    ("projects", "contacts"): ("contacts", "Den Kontakt"),
    ("projects", "funding"): ("funding", "Das Förderprogramm"),
    ("projects", "funding_excluded"): ("funding", "Das Förderprogramm"),
    ("shared_services", "lead"): ("contacts", "Den Kontakt"),
    ("shared_services", "participation"): ("towns", "Das Mitglied"),
    ("trainings", "trainers"): ("contacts", "Den Kontakt"),
    ("work_orders", "meeting"): ("meetings", "Die Sitzung"),
    ("work_orders", "projects"): ("projects", "Das Projekt"),
    ("grants", "call"): ("funding", "Das Förderprogramm"),
    ("grants", "projects"): ("projects", "Das Projekt"),
    ("chronicle", "projects"): ("projects", "Das Projekt"),
    ("chronicle", "grants"): ("grants", "Den Förderbescheid"),
    ("chronicle", "towns"): ("towns", "Das Mitglied"),
}


def _check_references(raw: dict[tuple[str, str], tuple[Document, tuple, dict]],
                      topics_defined: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    known: dict[str, set[str]] = defaultdict(set)
    for kind, entry_id in raw:
        known[kind].add(entry_id)
    references = dict(REFERENCES)
    if topics_defined:  # with a topic list, every tag must be on it (typos become errors)
        references.update({(kind, "topics"): ("topics", "Das Thema") for kind in tagged_kinds()})
    for (kind, _entry_id), (document, base, values) in raw.items():
        for (source_kind, field_name), (target_kind, label) in references.items():
            value = values.get(field_name) if source_kind == kind else None
            if isinstance(value, dict):  # a mapping keyed by ids, e.g. participation
                refs = [(key, key) for key in value]
            elif isinstance(value, list):
                refs = list(enumerate(value))
            else:
                refs = [(None, value)]
            for index, ref in refs:
                if not isinstance(ref, str) or ref in known[target_kind]:
                    continue
                loc = (*base, field_name) if index is None else (*base, field_name, index)
                choices = ", ".join(sorted(known[target_kind])[:12]) or "keine"
                problems.append(Problem(document.path, document.line_of(loc), field_name,
                                        f"{label} '{ref}' gibt es nicht (vorhanden: {choices})"))
    return problems


def _check_topic_slugs(raw: dict[tuple[str, str], tuple[Document, tuple, dict]]) -> list[Problem]:
    """Every topic gets a page: a tag may not take the address of the topics overview."""
    problems = []
    for (kind, _entry_id), (document, base, values) in raw.items():
        tags = values.get("topics") if kind in tagged_kinds() else None
        for index, tag in enumerate(tags if isinstance(tags, list) else []):
            if tag in reserved_ids("topics"):
                problems.append(Problem(document.path, document.line_of((*base, "topics", index)), "topics",
                                        f"'{tag}' ist als Thema reserviert (Adresse der Themenübersicht)"))
    return problems


def _check_aliases(raw: dict[tuple[str, str], tuple[Document, tuple, dict]]) -> list[Problem]:
    """An old id may not be in use, nor claimed twice: its address must lead to one place."""
    problems = []
    taken: dict[tuple[str, str], str] = {key: "id" for key in raw}
    for (kind, entry_id), (document, base, values) in sorted(raw.items()):
        aliases = values.get("aliases")
        for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
            if not isinstance(alias, str):
                continue
            if alias in reserved_ids(kind):
                problems.append(Problem(document.path, document.line_of((*base, "aliases", index)), "aliases",
                                        f"'{alias}' ist für eine feste Seite reserviert und kann keine alte "
                                        "Adresse sein"))
                continue
            if (kind, alias) in taken:
                owner = "ist noch die Kennung eines Eintrags" if taken[(kind, alias)] == "id" else \
                    f"wird schon von '{taken[(kind, alias)]}' als frühere Kennung verwendet"
                problems.append(Problem(document.path, document.line_of((*base, "aliases", index)), "aliases",
                                        f"'{alias}' {owner}; eine alte Adresse kann nur zu einer Seite führen"))
            taken[(kind, alias)] = entry_id
    return problems


def _load_site(path: Path) -> tuple[SiteInfo | None, list[Problem]]:
    if not path.is_file():
        return None, []
    document, problems = load_file(path, f"data/{path.name}")
    if document is None or document.data is None:
        return None, problems
    if not isinstance(document.data, dict):
        return None, [*problems, Problem(document.path, 1, "", "Die Datei muss Felder enthalten (Feldname: Wert).")]
    site, found = validate(SiteInfo, document.data, document)
    return site, problems + _unless_reported(found, problems)


def _check_plausibility(entries: dict[str, dict[str, BaseModel]],
                        raw: dict[tuple[str, str], tuple[Document, tuple, dict]], today: date) -> list[Problem]:
    """What is valid on its own but cannot be true on ``today``."""
    problems = []
    for kind, found in entries.items():
        for entry_id, entry in found.items():
            document, base, _values = raw[(kind, entry_id)]

            def at(*location, field_name, message, document=document, base=base):
                problems.append(Problem(document.path, document.line_of((*base, *location)), field_name, message))

            if isinstance(entry, Project) and entry.ends_before(today):
                at("end", field_name="end",
                   message=f"Das Projekt steht auf '{entry.status}', aber sein Ende ({german_date(entry.end)}) "
                           "ist vorbei. Bitte den Status anpassen (z. B. abgeschlossen) oder das Ende berichtigen.")
            for location, rule, part in broken_on(entry, today):
                at(*location, field_name=dotted(location), message=rule.text(part))
    return problems


def _check_materials(raw: dict[tuple[str, str], tuple[Document, tuple, dict]],
                     docs_dir: Path) -> list[Problem]:
    problems = []
    for (kind, _entry_id), (document, base, values) in raw.items():
        materials = values.get("materials") if kind == "trainings" else None
        for index, name in enumerate(materials if isinstance(materials, list) else []):
            if isinstance(name, str) and not (docs_dir / MATERIALS / f"{name}.md").is_file():
                problems.append(Problem(document.path, document.line_of((*base, "materials", index)),
                                        "materials", f"Die Unterlage 'docs/{MATERIALS}/{name}.md' "
                                        "gibt es nicht"))
    return problems


def _material_titles(docs_dir: Path) -> dict[str, str]:
    """Name → title (first '# ' heading) of each training material page."""
    titles = {}
    for path in sorted((docs_dir / MATERIALS).glob("*.md")):
        titles[path.stem] = first_heading(path.read_text(encoding="utf-8")) or path.stem
    return titles


def _unless_reported(found: list[Problem], reported: list[Problem]) -> list[Problem]:
    """Drop model problems on a spot where loading this file already explained what is wrong."""
    spots = {(p.file, p.line) for p in reported}
    return [p for p in found if (p.file, p.line) not in spots]
