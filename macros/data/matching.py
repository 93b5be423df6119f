"""Which open funding calls fit which projects (Fördermittelakquise).

A call fits a project when it is still open (or announced) and shares the
project's field (``areas``; a call without areas fits every field) or one of
its topics. Shared topics weigh more than the field. Calls a project already
uses are listed on its page as its funding, not as a match; calls an editor
excluded (``funding_excluded``) are not matched. A call's ``conditions`` drop
projects that cannot meet them (applicants, cooperation of several members, a
known runtime that is too short) and name what is still to be checked, so a
reader sees why a match is proposed and what it depends on. Computed once per
build from indexes by field and topic, so the work grows with the matches,
not with projects × calls.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from macros import labels

OPEN = {"offen", "endet-bald", "laufend", "angekuendigt", "unbekannt"}
FINISHED_PROJECTS = {"abgeschlossen"}
LIMIT = 5


@dataclass(frozen=True)
class Match:
    project: object
    call: object
    score: int
    reasons: tuple[str, ...]
    to_check: tuple[str, ...] = ()


@dataclass
class Matches:
    by_project: dict[str, list[Match]]
    by_call: dict[str, list[Match]]


def match_funding(catalog) -> Matches:
    open_calls = [c for c in catalog.funding.values() if catalog.funding_status(c) in OPEN]
    by_area, by_topic, any_area = defaultdict(list), defaultdict(list), []
    for call in open_calls:
        for area in call.areas:
            by_area[area].append(call)
        if not call.areas:
            any_area.append(call)
        for topic in call.topics:
            by_topic[topic].append(call)

    by_project, by_call = defaultdict(list), defaultdict(list)
    for project in catalog.projects.values():
        if project.status in FINISHED_PROJECTS:
            continue
        candidates = {c.id: c for c in by_area[project.area] + any_area}
        for topic in project.topics:
            candidates.update((c.id, c) for c in by_topic[topic])
        for call in candidates.values():
            if call.id in project.funding or call.id in project.funding_excluded:
                continue
            possible, to_check = conditions_to_check(catalog, project, call)
            to_check += deadline_to_check(call)
            if not possible:
                continue
            shared = sorted(set(project.topics) & set(call.topics))
            area_fits = not call.areas or project.area in call.areas
            reasons = ([f"Handlungsfeld {labels.AREAS[project.area]}"] if area_fits else []) + \
                      [f"Thema {catalog.topic_name(t)}" for t in shared]
            match = Match(project, call, 2 * len(shared) + area_fits, tuple(reasons), tuple(to_check))
            by_project[project.id].append(match)
            by_call[call.id].append(match)

    def nearest_deadline_first(m: Match):
        return (-m.score, m.call.deadline is None, m.call.deadline or m.call.reviewed, m.call.title)

    return Matches(
        by_project={k: sorted(v, key=nearest_deadline_first)[:LIMIT] for k, v in by_project.items()},
        by_call={k: sorted(v, key=lambda m: (-m.score, m.project.title))[:LIMIT * 2] for k, v in by_call.items()},
    )


def conditions_to_check(catalog, project, call) -> tuple[bool, list[str]]:
    """Whether ``project`` can meet the call's conditions, and what is left to check by hand."""
    conditions = call.conditions
    if conditions is None:
        return True, []
    to_check: list[str] = []
    if conditions.applicants:
        kinds = {catalog.towns[town].kind for town in project.towns if town in catalog.towns}
        if not kinds & set(conditions.applicants):
            return False, []
    if conditions.cooperation != "keine":
        if len(project.towns) < 2:
            return False, []
        if conditions.cooperation == "neue-interkommunale":
            to_check.append("gefördert wird nur eine neu begründete Zusammenarbeit mehrerer Kommunen")
    if conditions.min_years:
        if project.start and project.end:
            if (project.end - project.start).days < conditions.min_years * 365:
                return False, []
        else:
            to_check.append(f"Laufzeit von mindestens {conditions.min_years} Jahren")
    return True, to_check + list(conditions.notes)


def deadline_to_check(call) -> list[str]:
    return [] if call.deadline_known or call.deadline else ["Frist beim Fördergeber erfragen"]
