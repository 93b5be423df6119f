"""Start a new data entry from a title: a valid, commented file to fill in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from macros.data.models import slug_from_title
from macros.kinds import REGISTRY


class EntryExists(Exception):
    pass


def _environment() -> Environment:
    # YAML, not HTML: values are written as JSON strings, which YAML reads literally.
    env = Environment(loader=PackageLoader("macros", "templates/new"), autoescape=False,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)
    return env


def create_entry(data_dir: Path, kind: str, title: str, today: date) -> Path:
    """Write ``data/<folder>/<id>.yml`` for ``title``; refuse to overwrite."""
    folder = REGISTRY[kind].source
    entry_id = slug_from_title(title)
    if not entry_id:
        raise ValueError("Aus dem Titel lässt sich keine Kennung bilden; bitte Buchstaben verwenden.")
    path = Path(data_dir) / folder / f"{entry_id}.yml"
    if path.exists():
        raise EntryExists(f"{path} gibt es schon; bitte die Datei bearbeiten oder einen anderen Titel wählen.")
    text = _environment().get_template(f"{kind}.yml").render(title=title, today=today.isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    return path
