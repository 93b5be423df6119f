"""The field reference for editors, generated from the models (docs/redaktion/felder.md).

One source of truth: the German field descriptions in ``macros.data.models``. The
committed page is checked for freshness by the tests, like the JSON schemas;
``python -m macros schemas`` writes both.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from macros.commands.schemas import MODEL_DESCRIPTIONS, SITE_TITLE
from macros.data.catalog import SITE_FILE
from macros.data.field_hints import editor_hint, with_hint
from macros.data.models import (
    Accessibility,
    Address,
    Barrier,
    FundingConditions,
    Hosting,
    Licence,
    Link,
    Operator,
    Reachable,
    Resolution,
    SiteInfo,
    Source,
    TrainingSession,
    shared_fields_last,
)
from macros.kinds import REGISTRY

REFERENCE_FILE = Path("docs/redaktion/felder.md")
# Parts that appear inside entries: documented once, after the kinds.
PARTS = (Source, Link, Resolution, TrainingSession, FundingConditions)
SITE_PARTS = (Operator, Reachable, Address, Hosting, Accessibility, Barrier, Licence)
PART_DESCRIPTIONS = {"Source": "Eine Quelle unter sources:",
                     "FundingConditions": "Fördervoraussetzungen unter conditions:"}


def _where(kind) -> str:
    if kind.one_file_per_entry:
        return f"`data/{kind.source}/<kennung>.yml` – eine Datei je Eintrag, der Dateiname ist die Kennung"
    return f"`data/{kind.source}` – eine Liste, jeder Eintrag beginnt mit `- id:`"


def _table(model: type[BaseModel], skip_id: bool, kind: str | None = None) -> list[str]:
    lines = ["| Feld | Pflicht | Bedeutung |", "|---|---|---|"]
    # The fields every record shares come last, as in the exports.
    for name, info in shared_fields_last(model.model_fields.items()):
        if skip_id and name == "id":
            continue
        description = info.description or ""
        if kind:
            description = with_hint(description, editor_hint(kind, name))
        description = description.replace("|", "\\|")
        lines.append(f"| `{name}` | {'ja' if info.is_required() else 'nein'} | {description} |")
    return lines


def field_reference() -> str:
    """The whole reference as Markdown."""
    lines = ["---", "description: Welche Felder die Daten des Digitalnetzwerks haben, welche Pflicht sind und "
             "was sie bedeuten.", "states_facts: false", "---", "", "# Felder der Daten", "",
             "Diese Seite wird aus dem Programmcode erzeugt (`python -m macros schemas`) und ist damit immer "
             "aktuell. Texte sind deutsch, Feldnamen englisch. Daten stehen als `JJJJ-MM-TT` (in Chronik und "
             "Förderbescheiden auch `JJJJ-MM` oder `JJJJ`, wenn die Quelle nicht genauer ist), Beträge in ganzen "
             "Euro ohne Punkt. Jede Angabe braucht eine Quelle (`sources`); was noch nicht bestätigt ist, "
             "gehört unter `to_confirm` und verhindert die Veröffentlichung, bis es geklärt ist.", "",
             "Wo „Markdown erlaubt“ steht, gilt Markdown wie auf GitHub (CommonMark mit Tabellen), so wie "
             "es auch die Vorschau des Editors zeigt: Absätze durch eine Leerzeile, `**fett**`, `*kursiv*`, "
             "Listen mit `-`, Links als `[Text](Adresse)`. Überschriften (`#`) stehen auf der Seite zwei "
             "Ebenen tiefer; HTML außer einfachen Auszeichnungen wird entfernt.", ""]
    for kind in REGISTRY.values():
        lines += [f"## {kind.plural}", "", f"Wo: {_where(kind)}.", "", MODEL_DESCRIPTIONS.get(kind.model.__name__, ""),
                  "", *_table(kind.model, kind.one_file_per_entry, kind.key), ""]
    lines += [f"## {SITE_TITLE}", "", f"Wo: `data/{SITE_FILE}` – eine Datei mit Abschnitten (keine Liste).", "",
              MODEL_DESCRIPTIONS["SiteInfo"], "", *_table(SiteInfo, False), ""]
    lines += ["## Teile von Einträgen", ""]
    for model in (*PARTS, *SITE_PARTS):
        description = PART_DESCRIPTIONS.get(model.__name__) or MODEL_DESCRIPTIONS.get(model.__name__, "")
        lines += [f"### {model.__name__}", "", description, "", *_table(model, False), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_reference(project_dir: Path) -> Path:
    path = Path(project_dir) / REFERENCE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(field_reference(), encoding="utf-8")
    return path
