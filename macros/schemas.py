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

from macros.catalog import ENTRY_KINDS, LIST_KINDS, SITE_FILE
from macros.models import SiteInfo

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {"projects": "Projekt", "funding": "Förderprogramm", "towns": "Mitglieder",
          "contacts": "Ansprechstellen", "shared_services": "Shared Service", "trainings": "Schulung",
          "meetings": "Sitzungen des Arbeitskreises", "work_orders": "Arbeitsaufträge",
          "glossary": "Glossar", "topics": "Themen", "site": "Betreiber der Website"}


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


def _for_editors(schema: dict) -> dict:
    """German model descriptions; no generated English property titles."""
    for node in [schema, *schema.get("$defs", {}).values()]:
        if node.get("title") in MODEL_DESCRIPTIONS:
            node["description"] = MODEL_DESCRIPTIONS[node["title"]]
        for prop in node.get("properties", {}).values():
            prop.pop("title", None)
    return schema


def schema_file(kind: str) -> str:
    """Named like the data it describes: ``shared-services.schema.json``, ``towns.schema.json``."""
    if kind in ENTRY_KINDS:
        return f"{ENTRY_KINDS[kind][0]}.schema.json"
    return LIST_KINDS[kind][0].replace(".yml", ".schema.json")


def _entry_schema(model: type[BaseModel]) -> dict:
    schema = _for_editors(model.model_json_schema())
    # In one-entry-per-file kinds the id is the file name, not a field.
    schema["properties"].pop("id", None)
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    return schema


def data_schemas() -> dict[str, dict]:
    """File name → JSON Schema, for every kind of data file."""
    schemas = {}
    for kind, (_folder, model) in ENTRY_KINDS.items():
        schemas[schema_file(kind)] = {"$schema": SCHEMA_DIALECT, **_entry_schema(model),
                                      "title": TITLES[kind]}
    for kind, (_file, model) in LIST_KINDS.items():
        item = _for_editors(model.model_json_schema())
        definitions = item.pop("$defs", {})
        schema = {"$schema": SCHEMA_DIALECT, "title": TITLES[kind], "type": "array", "items": item}
        if definitions:
            schema["$defs"] = definitions
        schemas[schema_file(kind)] = schema
    schemas[SITE_FILE.replace(".yml", ".schema.json")] = {
        "$schema": SCHEMA_DIALECT, **_for_editors(SiteInfo.model_json_schema()), "title": TITLES["site"]}
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
