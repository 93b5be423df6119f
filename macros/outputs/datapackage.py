"""The CSV files as a Frictionless Data Package (``daten/datapackage.json``).

Each CSV file gets a Table Schema made from the same models that check the
data: types, German titles and descriptions, allowed values, required fields and
the key. Lists and mappings are one text cell in the CSV (see exports.py), so
they are strings here; "ja"/"nein" are the booleans, the decimal comma is said.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from macros.data.models import json_schema
from macros.kinds import REGISTRY

_DIALECT = {"delimiter": ";", "header": True, "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True}


def _plain(prop: dict) -> tuple[dict, bool]:
    """(the non-null variant of a JSON-schema property, whether null is allowed)."""
    variants = prop.get("anyOf")
    if not variants:
        return prop, False
    kept = [v for v in variants if v.get("type") != "null"]
    return (kept[0] if len(kept) == 1 else {}), len(kept) < len(variants)


_TITLE_END = re.compile(r"[;(:,]")


def _title(name: str, description: str) -> str:
    """A short German title: the description up to its first explanation ("Stand: idee, …" → "Stand")."""
    return _TITLE_END.split(description, 1)[0].strip() or name


def _field(name: str, description: str, prop: dict | None, required: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "title": _title(name, description), "description": description}
    constraints: dict[str, Any] = {}
    plain, nullable = _plain(prop or {})
    kind = plain.get("type")
    if kind == "integer":
        field["type"] = "integer"
        for bound in ("minimum", "maximum"):
            if bound in plain:
                constraints[bound] = plain[bound]
    elif kind == "number":
        field.update(type="number", decimalChar=",")
    elif kind == "boolean":
        field.update(type="boolean", trueValues=["ja"], falseValues=["nein"])
    elif kind == "string" and plain.get("format") == "date":
        field.update(type="date", format="default")
    else:
        field["type"] = "string"
        if "enum" in plain:
            constraints["enum"] = list(plain["enum"])
        if name.endswith("url") and kind == "string":
            field["format"] = "uri"
    if required and not nullable:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(collection) -> dict[str, Any]:
    """The Table Schema of one collection's CSV file."""
    kind = next((k for k in REGISTRY.values() if k.export == collection.name), None)
    schema = json_schema(kind.model) if kind else {"properties": {}}
    required = set(schema.get("required", ())) | {"id"}
    fields = []
    for field in collection.fields:
        prop = schema["properties"].get(field.name)
        if field.name == "page_url":
            prop = {"type": "string"}
        fields.append(_field(field.name, field.description, prop, field.name in required or field.name == "page_url"))
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


def data_package(collections, site_url: str, licence: dict, today: date) -> str:
    """``datapackage.json`` for the CSV files beside it."""
    package = {
        "name": "digitalnetzwerk-kreis-hoexter",
        "title": "Offene Daten des Digitalnetzwerks Kreis Höxter",
        "description": "Projekte, Förderprogramme, Förderbescheide, Chronik, Mitglieder, Ansprechstellen, "
                       "Shared Services und Schulungen als CSV (Semikolon, UTF-8 mit BOM).",
        "homepage": site_url.rstrip("/") + "/daten/",
        "created": f"{today.isoformat()}T00:00:00Z",
        "licenses": [{"name": licence["id"], "path": licence["url"], "title": licence["name"]}] if licence else [],
        "resources": [{
            "name": collection.name,
            "title": collection.title,
            "path": f"{collection.name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": _DIALECT,
            "schema": table_schema(collection),
        } for collection in collections],
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
