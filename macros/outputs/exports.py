"""Open data: every public collection as JSON and as CSV for German Excel.

JSON keeps the structure; CSV is flat, UTF-8 with byte order mark and
semicolons, which is what Excel in German settings opens correctly by
double-click. Both carry stable ids and the absolute URL of each entry's page.
Contacts come from the catalog, which holds public contacts only.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from macros import urls
from macros.data.catalog import REFERENCES, Catalog
from macros.kinds import REGISTRY

FORMAT_VERSION = 1
DATA_DIR = "daten"


@dataclass(frozen=True)
class Field:
    name: str
    description: str


@dataclass(frozen=True)
class Collection:
    name: str            # file name without extension, e.g. "projekte"
    title: str
    rows: list[dict[str, Any]]
    fields: list[Field]

    def files(self) -> dict[str, str]:
        return {"JSON": f"{DATA_DIR}/{self.name}.json", "CSV": f"{DATA_DIR}/{self.name}.csv"}


# Not "url": funding calls already have a field of that name (the official call).
_URL = Field("page_url", "Adresse der Seite zu diesem Eintrag auf dieser Website")
_ID = Field("id", "Kennung; bleibt stabil und ist Teil der Adresse")


# Fields every record has (models._Record): listed after the record's own fields.
_RECORD_FIELDS = ("sources", "to_confirm")


def _fields(model: type[BaseModel], extra: list[Field], skip: set[str]) -> list[Field]:
    own = [Field(name, info.description or "") for name, info in model.model_fields.items()
           if name not in skip and name != "id"]
    own.sort(key=lambda f: f.name in _RECORD_FIELDS)  # stable: keeps the model's order otherwise
    return [_ID, _URL, *extra, *own]


def _public_references(kind: str, values: dict[str, Any], public_contacts: set[str]) -> dict[str, Any]:
    """Drop references to contacts that are not public: even their ids stay unpublished."""
    for (source_kind, field_name), (target_kind, _label) in REFERENCES.items():
        if source_kind != kind or target_kind != "contacts" or field_name not in values:
            continue
        value = values[field_name]
        if isinstance(value, list):
            values[field_name] = [ref for ref in value if ref in public_contacts]
        elif value not in public_contacts:
            values[field_name] = None
    return values


def _rows(entries, url_of, skip: set[str], derived=lambda entry: {}, kind: str = "",
          public_contacts: set[str] = frozenset()) -> list[dict[str, Any]]:
    rows = []
    for entry in entries:
        values = _public_references(kind, entry.model_dump(mode="json", exclude=skip), public_contacts)
        entry_id = values.pop("id")
        record = {name: values.pop(name) for name in _RECORD_FIELDS if name in values}
        rows.append({"id": entry_id, "page_url": url_of(entry), **derived(entry), **values, **record})
    return rows


def collections(catalog: Catalog, site_url: str) -> list[Collection]:
    """The public collections, in the order the data page lists them."""
    def absolute(path: str) -> str:
        return site_url.rstrip("/") + "/" + path

    public = set(catalog.contacts)

    def rows(kind, entries, url_of, skip=frozenset(), derived=lambda entry: {}):
        return _rows(sorted(entries, key=_id), url_of, set(skip), derived, kind, public)

    # Entries are exported in id order: stable diffs between builds; kinds in the registry's order.
    found = []
    for kind in REGISTRY.values():
        if not kind.export:
            continue
        extra, derived = _DERIVED.get(kind.key, ([], lambda catalog, entry: {}))
        skip = set(kind.unpublished)

        def url_of(entry, key=kind.key):
            return absolute(urls.address(key, entry.id))

        found.append(Collection(kind.export, kind.export_title or kind.plural,
                                rows(kind.key, getattr(catalog, kind.key).values(), url_of, skip,
                                     lambda entry, derived=derived: derived(catalog, entry)),
                                _fields(kind.model, extra, skip)))
    return found


# Values that are not stored but derived, per kind: (their field descriptions, how to compute them).
_DERIVED = {
    "funding": ([Field("status_heute", "Status am Tag der Veröffentlichung: angekuendigt, offen, endet-bald, "
                                       "abgelaufen, laufend (ohne Frist) oder unbekannt (Frist nicht bekannt)")],
                lambda catalog, call: {"status_heute": catalog.funding_status(call)}),
}


def _id(entry) -> str:
    return entry.id


def to_json(collection: Collection, today: date, licence: dict[str, str]) -> str:
    document = {
        "format_version": FORMAT_VERSION,
        "title": collection.title,
        "published": today.isoformat(),
        "licence": licence,
        "fields": {f.name: f.description for f in collection.fields},
        "items": collection.rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, list):
        separator = " | " if any(isinstance(v, dict) for v in value) else ", "
        return separator.join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")  # German decimal comma
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutral(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def to_csv(collection: Collection) -> str:
    """Semicolon-separated, one row per entry; lists and mappings joined into one cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    names = [f.name for f in collection.fields]
    writer.writerow(names)
    for row in collection.rows:
        writer.writerow([_neutral(_cell(row.get(name))) for name in names])
    return "\ufeff" + buffer.getvalue()
