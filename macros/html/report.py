"""The status report ("Recherche und Berichterstattung"), computed from the data.

Each figure is a list of (label, value) rows. ``bar_chart`` turns rows into the
geometry of a horizontal bar chart; the template draws it as inline SVG and
puts the same rows in a table, so the numbers are there without the picture.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from macros import labels
from macros.data.catalog import Catalog


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    shown: str   # the value as written next to the bar
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    unit: str
    bars: list[Bar]
    height: int
    empty: bool
    omitted: list[str]  # categories with nothing in them: named below the chart, not drawn as zero


_LABEL_WIDTH = 230
_BAR_SPACE = 300
_ROW = 30


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], unit: str = "",
              shown=str) -> Chart:
    """Geometry for a horizontal bar chart of ``rows``; rows of zero are left out and named."""
    omitted = [label for label, value in rows if not value]
    rows = [(label, value) for label, value in rows if value]
    largest = max((value for _, value in rows), default=0)
    bars = [Bar(label, value, shown(value), index * _ROW,
                (value / largest * _BAR_SPACE) if largest else 0)
            for index, (label, value) in enumerate(rows)]
    return Chart(chart_id, title, unit, bars, max(len(rows), 1) * _ROW, not rows, omitted)


def status_report(catalog: Catalog) -> list[Chart]:
    from macros.html.render import euro

    projects = list(catalog.projects.values())
    by_area = Counter(p.area for p in projects)
    by_status = Counter(p.status for p in projects)
    by_town = Counter(town for p in projects for town in p.towns)
    members = catalog.members_in_order()

    # Grants received (data/grants.yml), not the calls' caps: what was really granted.
    volume = [(g.title, g.amount_eur) for g in sorted(catalog.grants.values(), key=lambda g: g.title.casefold())
              if g.amount_eur]
    milestones = Counter(m.kind for m in catalog.chronicle.values())

    held = Counter()
    for training in catalog.trainings.values():
        for session in training.sessions:
            if session.date < catalog.today:
                held[training.title] += 1

    stages = Counter(s.stage for s in catalog.shared_services.values())
    decisions = Counter(t.resolution.status if t.resolution else "unbekannt" for t in catalog.towns.values())

    return [
        bar_chart("projekte-handlungsfeld", "Projekte nach Handlungsfeld",
                  [(label, by_area[key]) for key, label in labels.AREAS.items()], "Projekte"),
        bar_chart("projekte-stand", "Projekte nach Stand",
                  [(label, by_status[key]) for key, label in labels.PROJECT_STATUS.items()], "Projekte"),
        bar_chart("projekte-mitglied", "Projekte je Mitglied",
                  [(t.name, by_town[t.id]) for t in members], "Projekte"),
        bar_chart("foerdervolumen", "Erhaltene Förderungen laut Förderbescheid", volume, "Euro", shown=euro),
        bar_chart("chronik", "Meilensteine der Chronik nach Art",
                  [(label, milestones[key]) for key, label in labels.MILESTONE_KINDS.items()], "Meilensteine"),
        bar_chart("schulungen", "Vergangene Schulungstermine laut Terminliste", sorted(held.items()), "Termine"),
        bar_chart("shared-services", "Shared Services nach Stand",
                  [(label, stages[key]) for key, label in labels.STAGES.items()], "Leistungen"),
        bar_chart("beschluesse", "Beschlüsse der Mitglieder",
                  [(label, decisions[key]) for key, label in labels.RESOLUTION_STATUS.items()]
                  + [("Stand nicht bekannt", decisions["unbekannt"])], "Mitglieder"),
    ]
