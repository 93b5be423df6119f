"""Where a field's values come from, said to each audience.

The model descriptions say what a field means. Editors also need to know which
file holds the ids they may use; readers of the open data need to know which
published file does. Both hints come from the same references the build checks.
"""

from __future__ import annotations

from macros.data.catalog import REFERENCES
from macros.kinds import REGISTRY

# Input hints that only an editor needs (the open data already holds the typed value).
_EDITOR_ONLY = {
    ("projects", "budget_eur"): "ohne Punkt und Währungszeichen eintragen",
    ("projects", "grant_eur"): "ohne Punkt und Währungszeichen eintragen",
    ("funding", "max_eur"): "ohne Punkt und Währungszeichen eintragen",
    ("grants", "amount_eur"): "ohne Punkt und Währungszeichen eintragen",
    ("trainings", "materials"): "die Kennung ist der Dateiname unter docs/schulungen/material/ ohne .md",
}


def _target(kind: str, field: str) -> str | None:
    if (kind, field) in REFERENCES:
        return REFERENCES[(kind, field)][0]
    if field == "topics" and "topics" in REGISTRY and REGISTRY[kind].tagged:
        return "topics"
    return None


def editor_hint(kind: str, field: str) -> str | None:
    """Where an editor finds the allowed values, e.g. "zu finden in data/towns.yml"."""
    target = _target(kind, field)
    if target is None:
        return _EDITOR_ONLY.get((kind, field))
    source = REGISTRY[target].source
    if REGISTRY[target].one_file_per_entry:
        return f"die Kennung ist der Dateiname unter data/{source}/"
    return f"zu finden in data/{source}"


def open_data_hint(kind: str, field: str) -> str | None:
    """Which published file explains the ids, e.g. "siehe mitglieder.json"."""
    target = _target(kind, field)
    export = REGISTRY[target].export if target else None
    return f"siehe {export}.json" if export else None


def with_hint(description: str, hint: str | None) -> str:
    return f"{description}; {hint}" if hint else description
