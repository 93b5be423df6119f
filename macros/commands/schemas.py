"""JSON Schemas for editors, generated from the models.

Editors with YAML support (VS Code with the YAML extension, IntelliJ) read the
``# yaml-language-server: $schema=…`` line at the top of each data file and
offer completion, the German field descriptions and inline errors. The
committed files under ``schemas/`` are checked for freshness by the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from macros.data.catalog import SITE_FILE
from macros.data.field_hints import editor_hint, with_hint
from macros.data.models import SiteInfo
from macros.kinds import REGISTRY

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SITE_TITLE = "Betreiber der Website"


# Model docstrings are written for programmers; editors see these instead.
MODEL_DESCRIPTIONS = {
    "Project": "Ein Projekt des Digitalnetzwerks. Eine Datei je Projekt; der Dateiname ist die Kennung.",
    "FundingCall": "Ein Förderprogramm. Eine Datei je Programm; der Dateiname ist die Kennung. "
                   "Der Status wird beim Bauen aus den Fristen berechnet.",
    "Town": "Ein Mitglied des Netzwerks: der Kreis oder eine Stadt.",
    "Contact": "Eine Ansprechstelle. public: false hält sie aus der Website heraus.",
    "Resolution": "Beschluss des Rats oder Kreistags zum Beitritt und zur Finanzierung.",
    "Link": "Ein Link mit angezeigtem Text (title) und Adresse (url).",
    "SharedService": "Eine Leistung, die Mitglieder gemeinsam erbringen könnten. Eine Datei je Leistung.",
    "Training": "Ein Schulungsangebot mit Terminen. Eine Datei je Angebot.",
    "TrainingSession": "Ein Termin: Tag, Beginn, Ende und Ort oder online.",
    "Meeting": "Eine Sitzung des Arbeitskreises IT und Digitales.",
    "WorkOrder": "Ein Arbeitsauftrag des Arbeitskreises an das Netzwerk.",
    "GlossaryTerm": "Ein Begriff oder eine Abkürzung mit Erklärung; erscheint als Tooltip.",
    "Topic": "Ein Thema (Handlungsfeld); jedes Thema hat eine Seite mit allem, was dazu gehört.",
    "SiteInfo": "Wer die Website betreibt; daraus entstehen Impressum, Datenschutzerklärung und "
                "Erklärung zur Barrierefreiheit.",
}


def _for_editors(schema: dict, kind: str | None = None) -> dict:
    """German model descriptions with the editors' hints; no generated English property titles."""
    for node in [schema, *schema.get("$defs", {}).values()]:
        if node.get("title") in MODEL_DESCRIPTIONS:
            node["description"] = MODEL_DESCRIPTIONS[node["title"]]
        for name, prop in node.get("properties", {}).items():
            prop.pop("title", None)
            if kind and node is schema and "description" in prop:
                prop["description"] = with_hint(prop["description"], editor_hint(kind, name))
    return schema


def schema_file(kind: str) -> str:
    """Named like the data it describes: ``shared-services.schema.json``, ``towns.schema.json``."""
    return REGISTRY[kind].schema_file


def _entry_schema(kind: str, model: type[BaseModel]) -> dict:
    schema = _for_editors(model.model_json_schema(), kind)
    # In one-entry-per-file kinds the id is the file name, not a field.
    schema["properties"].pop("id", None)
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    return schema


def data_schemas() -> dict[str, dict]:
    """File name → JSON Schema, for every kind of data file."""
    schemas = {}
    for kind in REGISTRY.values():
        if kind.one_file_per_entry:
            schemas[kind.schema_file] = {"$schema": SCHEMA_DIALECT, **_entry_schema(kind.key, kind.model),
                                         "title": kind.schema_title}
            continue
        item = _for_editors(kind.model.model_json_schema(), kind.key)
        definitions = item.pop("$defs", {})
        schema = {"$schema": SCHEMA_DIALECT, "title": kind.schema_title, "type": "array", "items": item}
        if definitions:
            schema["$defs"] = definitions
        schemas[kind.schema_file] = schema
    schemas[SITE_FILE.replace(".yml", ".schema.json")] = {
        "$schema": SCHEMA_DIALECT, **_for_editors(SiteInfo.model_json_schema()), "title": SITE_TITLE}
    return schemas


def render_schema(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in data_schemas().items():
        path = directory / name
        path.write_text(render_schema(schema), encoding="utf-8")
        written.append(path)
    return written


EDITOR_SETTINGS = Path(".vscode/settings.json")


def editor_settings() -> str:
    """VS Code settings: which schema checks which data file (YAML extension)."""
    schemas = {f"./schemas/{kind.schema_file}": kind.data_glob for kind in REGISTRY.values()}
    schemas[f"./schemas/{SITE_FILE.removesuffix('.yml')}.schema.json"] = f"data/{SITE_FILE}"
    settings = {"yaml.schemas": schemas, "files.encoding": "utf8", "files.eol": "\n"}
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
