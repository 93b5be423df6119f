"""Open data: every public collection as JSON and as CSV for German Excel.

JSON keeps the structure; CSV is flat, UTF-8 with byte order mark and
semicolons, which is what Excel in German settings opens correctly by
double-click. Both carry stable ids and the absolute URL of each entry's page.
Contacts come from the catalog, which holds public contacts only.

Records are made one at a time while a file is written: a whole collection of
records, and its JSON text in pieces, was the largest thing a build held (40 MB
at 3,000 projects).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, TextIO

from pydantic import BaseModel

from macros import urls
from macros.data.catalog import REFERENCES, Catalog
from macros.data.field_hints import open_data_hint, with_hint
from macros.kinds import REGISTRY

FORMAT_VERSION = 1
DATA_DIR = "daten"


@dataclass(frozen=True)
class Field:
    name: str
    description: str


def _as_is(entry: Any) -> dict[str, Any]:
    return entry


@dataclass(frozen=True)
class Collection:
    name: str            # file name without extension, e.g. "projekte"
    title: str
    entries: list[Any]   # in the order they are published
    fields: list[Field]
    record: Callable[[Any], dict[str, Any]] = _as_is  # an entry's published record

    def files(self) -> dict[str, str]:
        return {"JSON": f"{DATA_DIR}/{self.name}.json", "CSV": f"{DATA_DIR}/{self.name}.csv"}

    def records(self) -> Iterator[dict[str, Any]]:
        return map(self.record, self.entries)


# Not "url": funding calls already have a field of that name (the official call).
_URL = Field("page_url", "Adresse der Seite zu diesem Eintrag auf dieser Website")
_ID = Field("id", "Kennung; bleibt stabil und ist Teil der Adresse")


# Fields every record has (models._Record): listed after the record's own fields.
_RECORD_FIELDS = ("sources", "to_confirm")


def _fields(kind: str, model: type[BaseModel], extra: list[Field], skip: set[str]) -> list[Field]:
    own = [Field(name, with_hint(info.description or "", open_data_hint(kind, name)))
           for name, info in model.model_fields.items() if name not in skip and name != "id"]
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


def _record(entry, url_of, skip: set[str], derived, kind: str, public_contacts: set[str]) -> dict[str, Any]:
    values = _public_references(kind, entry.model_dump(mode="json", exclude=skip), public_contacts)
    entry_id = values.pop("id")
    record = {name: values.pop(name) for name in _RECORD_FIELDS if name in values}
    return {"id": entry_id, "page_url": url_of(entry), **derived(entry), **values, **record}


def collections(catalog: Catalog, site_url: str) -> list[Collection]:
    """The public collections, in the order the data page lists them."""
    def absolute(path: str) -> str:
        return site_url.rstrip("/") + "/" + path

    public = set(catalog.contacts)
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
                                sorted(getattr(catalog, kind.key).values(), key=_id),
                                _fields(kind.key, kind.model, extra, skip),
                                partial(_record, url_of=url_of, skip=skip, kind=kind.key, public_contacts=public,
                                        derived=lambda entry, derived=derived: derived(catalog, entry))))
    return found


# Values that are not stored but derived, per kind: (their field descriptions, how to compute them).
_DERIVED = {
    "funding": ([Field("status_heute", "Status am Tag der Veröffentlichung: angekuendigt, offen, endet-bald, "
                                       "abgelaufen, laufend (ohne Frist) oder unbekannt (Frist nicht bekannt)")],
                lambda catalog, call: {"status_heute": catalog.funding_status(call)}),
}


def _id(entry) -> str:
    return entry.id


def write_json(collection: Collection, today: date, licence: dict[str, str], out: TextIO) -> None:
    """The collection as one JSON document (``items`` last), written record by record."""
    head = json.dumps({
        "format_version": FORMAT_VERSION,
        "title": collection.title,
        "published": today.isoformat(),
        "licence": licence,
        "fields": {f.name: f.description for f in collection.fields},
        "items": None,
    }, ensure_ascii=False, indent=2)
    out.write(head.removesuffix("null\n}"))
    separator = "[\n"
    for record in collection.records():
        item = json.dumps(record, ensure_ascii=False, indent=2)
        out.write(separator + "    " + item.replace("\n", "\n    "))
        separator = ",\n"
    out.write("[]\n}\n" if separator == "[\n" else "\n  ]\n}\n")


def to_json(collection: Collection, today: date, licence: dict[str, str]) -> str:
    out = io.StringIO()
    write_json(collection, today, licence, out)
    return out.getvalue()


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
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection).

    Spreadsheets read full-width signs ("＝", "＋") as formula signs too, and some skip leading
    spaces: the first visible character counts in its compatibility form.
    """
    first = unicodedata.normalize("NFKC", cell.lstrip(" ")[:1])
    return "'" + cell if first.startswith(_FORMULA_START) else cell


def write_csv(collection: Collection, out: TextIO) -> None:
    """Semicolon-separated, one row per entry; lists and mappings joined into one cell."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    names = [f.name for f in collection.fields]
    writer.writerow(names)
    for record in collection.records():
        writer.writerow([_neutral(_cell(record.get(name))) for name in names])


def to_csv(collection: Collection) -> str:
    out = io.StringIO(newline="")
    write_csv(collection, out)
    return out.getvalue()
