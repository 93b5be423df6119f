"""Which open funding calls fit which projects (Fördermittelakquise).

A call fits a project when it is still open (or announced) and shares the
project's field (``areas``; a call without areas fits every field) or one of
its topics. Shared topics weigh more than the field. Calls a project already
uses are listed on its page as its funding, not as a match; calls an editor
excluded (``funding_excluded``) are not matched. A call's ``conditions`` drop
projects that cannot meet them (applicants, cooperation of several members, a
known runtime that is too short) and name what is still to be checked, so a
reader sees why a match is proposed and what it depends on. Computed once per
build from indexes by field and topic; only the pairs shown are kept, so memory
grows with the entries, not with projects × calls.
"""

from __future__ import annotations

import bisect
import math
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

    # Only the best LIMIT per project and LIMIT * 2 per call are kept while going through the
    # pairs: where many projects fit many calls, holding every pair would cost memory that grows
    # with projects × calls (a gigabyte at 10,000 entries). What a pair needs of a call or a
    # project is worked out once, not once per pair (3,000 entries: some 690,000 pairs).
    calls_of, projects_of = defaultdict(_Best), defaultdict(_Best)
    call_facts = {call.id: (frozenset(call.topics), frozenset(call.areas),
                            (call.deadline is None, call.deadline or call.reviewed, call.title))
                  for call in open_calls}
    for project in catalog.projects.values():
        if project.status in FINISHED_PROJECTS:
            continue
        candidates = {c.id: c for c in by_area[project.area] + any_area}
        for topic in project.topics:
            candidates.update((c.id, c) for c in by_topic[topic])
        topics, not_offered = frozenset(project.topics), {*project.funding, *project.funding_excluded}
        project_order = (project.title,)
        for call in candidates.values():
            if call.id in not_offered:
                continue
            if call.conditions is not None and not conditions_to_check(catalog, project, call)[0]:
                continue
            call_topics, areas, call_order = call_facts[call.id]
            first = -(2 * len(topics & call_topics) + (not areas or project.area in areas))  # as _score
            best_calls, best_projects = calls_of[project.id], projects_of[call.id]
            if best_calls.may_keep(first, call_order):  # most pairs end here
                best_calls.offer(first, call_order, call, LIMIT)
            if best_projects.may_keep(first, project_order):
                best_projects.offer(first, project_order, project, LIMIT * 2)

    return Matches(
        by_project={pid: [_match(catalog, catalog.projects[pid], call) for call in best.items()]
                    for pid, best in calls_of.items()},
        by_call={cid: [_match(catalog, project, catalog.funding[cid]) for project in best.items()]
                 for cid, best in projects_of.items()},
    )


class _Best:
    """The ``limit`` smallest keys offered so far, in order (ties: the first offered first)."""

    def __init__(self) -> None:
        self._kept: list[tuple] = []
        self._offered = 0
        # The worst key kept, once ``limit`` are kept, in its two parts: only a smaller key gets in.
        self._worst_first, self._worst_rest = math.inf, ()

    def may_keep(self, first, rest: tuple) -> bool:
        """Whether the key ``(first, *rest)`` would be kept (an equal key offered later is not)."""
        return first < self._worst_first or (first == self._worst_first and rest < self._worst_rest)

    def offer(self, first, rest: tuple, item: object, limit: int) -> None:
        """Offer ``item`` under the key ``(first, *rest)``."""
        kept = self._kept
        self._offered += 1
        entry = ((first, *rest), self._offered, item)
        if len(kept) == limit and entry[:2] >= kept[-1][:2]:
            return
        bisect.insort(kept, entry, key=lambda kept_entry: kept_entry[:2])
        del kept[limit:]
        if len(kept) == limit:
            self._worst_first, self._worst_rest = kept[-1][0][0], kept[-1][0][1:]

    def items(self) -> list:
        return [item for _, _, item in self._kept]


def _score(project, call) -> tuple[int, set[str], bool]:
    """How well a call fits a project: shared topics weigh twice, the field once; and why."""
    shared = set(project.topics).intersection(call.topics)
    area_fits = not call.areas or project.area in call.areas
    return 2 * len(shared) + area_fits, shared, area_fits


def _match(catalog, project, call) -> Match:
    """A kept pair with its score, the reasons a reader sees and what is left to check."""
    _, to_check = conditions_to_check(catalog, project, call)
    score, shared, area_fits = _score(project, call)
    reasons = ([f"Handlungsfeld {labels.AREAS[project.area]}"] if area_fits else []) + \
              [f"Thema {catalog.topic_name(t)}" for t in sorted(shared)]
    return Match(project, call, score, tuple(reasons), tuple(to_check + deadline_to_check(call)))


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
