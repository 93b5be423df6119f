"""Facets of the overviews: what each list can be narrowed by, and each entry's values.

The names are the URL parameters of a filtered view (``?stand=laufend&mitglied=brakel``),
so they are German and stay stable: shared links depend on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros import labels
from macros.data.catalog import Catalog

DEADLINE_WINDOWS = [("30", "in den nächsten 30 Tagen"), ("90", "in den nächsten 3 Monaten"),
                    ("365", "in den nächsten 12 Monaten")]
_PARTICIPATING = ("nutzt", "beteiligt", "interessiert")


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    options: list[tuple[str, str]]  # (value, label); "" means all


def _present(values, names: dict[str, str]) -> list[tuple[str, str]]:
    """Options in the order of ``names``, only those some entry has."""
    present = set(values)
    return [(key, label) for key, label in names.items() if key in present]


def _towns(catalog: Catalog) -> list[tuple[str, str]]:
    return [(t.id, t.name) for t in catalog.members_in_order()]


def _topics(catalog: Catalog, entries) -> Facet:
    used = {t for entry in entries for t in entry.topics}
    return Facet("thema", "Thema", [(t, catalog.topic_name(t)) for t in catalog.used_topics() if t in used])


def project_facets(catalog: Catalog) -> list[Facet]:
    projects = list(catalog.projects.values())
    return [
        Facet("feld", "Handlungsfeld", _present((p.area for p in projects), labels.AREAS)),
        Facet("stand", "Stand", _present((p.status for p in projects), labels.PROJECT_STATUS)),
        Facet("mitglied", "Mitglied", _towns(catalog)),
        _topics(catalog, projects),
    ]


def project_values(project) -> dict[str, str]:
    return {"feld": project.area, "stand": project.status, "mitglied": " ".join(project.towns),
            "thema": " ".join(project.topics)}


def funding_facets(catalog: Catalog, calls) -> list[Facet]:
    return [
        Facet("stand", "Status", _present((catalog.funding_status(c) for c in calls), labels.FUNDING_STATUS)),
        Facet("ebene", "Fördergeber", _present((c.level for c in calls), labels.FUNDING_LEVELS)),
        Facet("feld", "Handlungsfeld", _present((a for c in calls for a in c.areas), labels.AREAS)),
        Facet("frist", "Frist endet", DEADLINE_WINDOWS),
        _topics(catalog, calls),
    ]


def funding_values(catalog: Catalog, call) -> dict[str, str]:
    values = {"stand": catalog.funding_status(call), "ebene": call.level, "feld": " ".join(call.areas),
              "thema": " ".join(call.topics)}
    if call.deadline:
        values["deadline"] = call.deadline.isoformat()
    if call.opens:
        values["opens"] = call.opens.isoformat()
    return values


def training_facets(catalog: Catalog) -> list[Facet]:
    trainings = list(catalog.trainings.values())
    return [
        Facet("format", "Format", _present((t.format for t in trainings), labels.TRAINING_FORMATS)),
        Facet("feld", "Handlungsfeld", _present((t.area for t in trainings), labels.AREAS)),
        _topics(catalog, trainings),
    ]


def training_values(training) -> dict[str, str]:
    return {"format": training.format, "feld": training.area, "thema": " ".join(training.topics)}


def service_facets(catalog: Catalog) -> list[Facet]:
    services = list(catalog.shared_services.values())
    return [
        Facet("stufe", "Stand", _present((s.stage for s in services), labels.STAGES)),
        Facet("potenzial", "Potenzial", _present((s.potential for s in services), labels.LEVELS)),
        Facet("feld", "Handlungsfeld", _present((s.area for s in services), labels.AREAS)),
        Facet("mitglied", "Mitglied macht mit", _towns(catalog)),
        _topics(catalog, services),
    ]


def service_values(service) -> dict[str, str]:
    taking_part = [town for town, status in service.participation.items() if status in _PARTICIPATING]
    return {"stufe": service.stage, "potenzial": service.potential, "feld": service.area,
            "mitglied": " ".join(taking_part), "thema": " ".join(service.topics)}
