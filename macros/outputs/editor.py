"""The browser editor under /redaktion/editor/: Decap CMS, configured from the models.

One source of truth: every kind in the registry becomes a collection, every model
field an editor field. The JSON schema pydantic makes of each model decides the
widget (enum → select, date → date picker, list of parts → list, reference → relation
to the collection it names), the German field description becomes the label and the
help text. Whatever the editor saves goes through ``editor.js`` (same folder), which
writes YAML the hub reads: the schema line on top, keys in model order, dates as
JJJJ-MM-TT, and through a pull or merge request (Decap's editorial workflow).

Why Decap and not Sveltia CMS: Decap's editorial workflow opens a pull request on
GitHub and a merge request on GitLab (Sveltia saves to the branch directly), GitLab
sign-in works with PKCE and no server, and its local backend (``decap-server``) lets
the tests drive the real editor against a Git repository on this machine.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args
from urllib.parse import urlsplit

from pydantic import BaseModel

from macros import labels, urls
from macros.data.catalog import REFERENCES, SITE_FILE
from macros.data.front_matter import PAGE_KEYS, POST_KEYS
from macros.data.models import EditorSettings, SiteInfo, Source, json_schema, shared_fields_last
from macros.data.posts import PUBLISHED_RULE
from macros.data.rules import LIMIT_MESSAGES, rules_of
from macros.kinds import REGISTRY, Kind

EDITOR_DIR = urls.EDITOR_DIR
EDITOR_HEADERS_FILE = ".nginx/editor-headers.conf"
# What of the Decap package the page loads (its code-split chunks and WebAssembly sit next to it).
DECAP_PACKAGE = Path("node_modules/decap-cms/dist")
YAML_PACKAGE = Path("node_modules/yaml/browser/dist")
STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "editor"
LIST_FIELD = "eintraege"  # the one field of a list file (towns.yml …) in the editor
DATE_FORMAT = "YYYY-MM-DD"
# Pages and news posts: Markdown with front matter, saved by editor.js so that a changed field
# changes its own line of the front matter and the text stays as it was.
PAGE_FORMAT = "hub-frontmatter"
LOCAL_BACKEND = "http://localhost:8081/api/v1"
# Lists of names that are not entries of a kind, offered as a choice (``known`` holds them).
CHOICES_FROM = {"materials": "materials"}
# How one item of a list of parts is called ("Quelle hinzufügen").
PART_NAMES = {"Source": "Quelle", "Link": "Link", "TrainingSession": "Termin", "Barrier": "Barriere"}
_TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
# Numbers as people in Germany type them: "25000", "25.000", "25 000 €", and for amounts with
# cents "25.000,50". A dot is only ever a thousands separator: "25.5" is refused, never read as
# 25 or 25.5 (editor.js turns the text into the number when it saves).
_WHOLE = r"(\d{1,3}([. ]\d{3})+|\d+)"
_UNIT = r"\s*(€|EUR|Euro)?\s*"
NUMBER_PATTERNS = {
    "int": [rf"^\s*{_WHOLE}{_UNIT}$", "Ganze Zahl, z. B. 25000 oder 25.000 (Punkte nur als Tausendertrennzeichen)"],
    "float": [rf"^\s*{_WHOLE}(,\d+)?{_UNIT}$",
              "Zahl, z. B. 25.000 oder 25.000,50 (Komma vor den Nachkommastellen, Punkte nur zwischen Tausendern)"],
}


@dataclass(frozen=True)
class Backend:
    """Where saving goes: the repository's host, found from ``repo_url`` and ``extra.editor``."""

    settings: dict
    api_hosts: tuple[str, ...]  # what the editor's CSP lets it talk to


def backend(repo_url: str | None, settings: EditorSettings) -> Backend:
    """Decap's backend block for the configured repository (GitHub or GitLab/OpenCoDE)."""
    parts = urlsplit(repo_url or "")
    repo = parts.path.strip("/").removesuffix(".git")
    if urls.repository_host(repo_url) == "GitLab":
        base = f"{parts.scheme}://{parts.netloc}"
        block = {"name": "gitlab", "repo": repo, "branch": settings.branch, "auth_type": "pkce",
                 "base_url": base, "api_root": f"{base}/api/v4", "auth_endpoint": "oauth/authorize"}
        if settings.gitlab_app_id:
            block["app_id"] = settings.gitlab_app_id
        return Backend(block, (base,))
    block = {"name": "github", "repo": repo, "branch": settings.branch}
    hosts = ["https://api.github.com"]
    if settings.oauth_base_url:
        block["base_url"] = settings.oauth_base_url
        hosts.append(settings.oauth_base_url.rstrip("/"))
    return Backend(block, tuple(hosts))


# --- fields from the models --------------------------------------------------------------


def _label(description: str | None, name: str) -> str:
    """The description up to its first explanation: 'Handlungsfeld: e-government …' → 'Handlungsfeld'."""
    text = (description or name).strip()
    short = re.split(r":\s|\s\(|,\s|;\s|\s–\s", text, maxsplit=1)[0]
    return short.rstrip(".") or name


def _option_labels(values: list[str]) -> list[dict[str, str]]:
    """German option labels where labels.py has a table for exactly these values."""
    for table in vars(labels).values():
        if isinstance(table, dict) and set(table) == set(values):
            return [{"label": str(table[value]), "value": value} for value in values]
    return [{"label": value, "value": value} for value in values]


def _given(prop: dict) -> dict:
    """The schema of a value that is given: ``X | None`` → ``X``."""
    return next((p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"), prop)


def _number_kind(prop: dict) -> str | None:
    """"int" or "float" for a number field (its key in NUMBER_PATTERNS), else None."""
    kind = _given(prop).get("type")
    return {"integer": "int", "number": "float"}.get(kind) if isinstance(kind, str) else None


def _relation(target: str, multiple: bool) -> dict:
    """A relation widget to another kind's collection: folder kinds by file name, list files by id."""
    kind = REGISTRY[target]
    shown = kind.label_field
    if kind.one_file_per_entry:
        block = {"widget": "relation", "collection": kind.key, "value_field": "{{slug}}",
                 "search_fields": [shown], "display_fields": [shown]}
    else:
        block = {"widget": "relation", "collection": kind.key, "file": kind.key,
                 "value_field": f"{LIST_FIELD}.*.id", "search_fields": [f"{LIST_FIELD}.*.{shown}"],
                 "display_fields": [f"{LIST_FIELD}.*.{shown}"]}
    if multiple:
        block["multiple"] = True
    return block


def references(kind: str) -> dict[str, str]:
    """Field → kind it refers to, for one kind (topics of every tagged kind included)."""
    found = {name: target for (source, name), (target, _label) in REFERENCES.items() if source == kind}
    if REGISTRY[kind].tagged and "topics" in REGISTRY:
        found.setdefault("topics", "topics")
    return found


@dataclass
class FieldMaker:
    """Turns a model's JSON schema into Decap fields; ``known`` are the ids a dict field is keyed by."""

    known: Mapping[str, list[tuple[str, str]]] = field(default_factory=dict)

    def fields(self, model: type[BaseModel], refs: Mapping[str, str], *, top_level: bool = True) -> list[dict]:
        """The fields of ``model``; ``top_level``: the entry's own (not the items of a list file)."""
        schema = json_schema(model)
        return self._properties(schema, schema.get("$defs", {}), refs, model, top_level, _part_models(model))

    def _properties(self, node: dict, defs: dict, refs: Mapping[str, str], model: type[BaseModel],
                    top_level: bool, parts: Mapping[str, type[BaseModel]]) -> list[dict]:
        required = set(node.get("required", []))
        made = []
        for name, prop in shared_fields_last(node.get("properties", {}).items()):
            description = prop.get("description") or ""
            label = _label(description, name)
            widget = self._widget(name, prop, defs, refs, parts)
            hint = _plain_hint(description, widget, label)
            if widget.get("widget") == "select" and any(
                    str(option["value"]) in description for option in widget.get("options", [])
                    if isinstance(option, dict)):
                hint = ""  # "Stand: idee, geplant, …" lists the stored values; the form shows their names
            made.append({"name": name, "label": label, "hint": hint, "required": name in required, **widget,
                         **_limits(prop), **_field_rules(model, name, top_level)})
        return made

    def part(self, model: type[BaseModel]) -> dict:
        """A model used as a part on its own (the sources in a page's front matter)."""
        schema = json_schema(model)
        return self._part_fields(model, schema, schema.get("$defs", {}), _part_models(model))

    def _part(self, part_name: str, defs: dict, parts: Mapping[str, type[BaseModel]]) -> dict:
        return self._part_fields(parts[part_name], defs[part_name], defs, parts)

    def _part_fields(self, model: type[BaseModel], node: dict, defs: dict,
                     parts: Mapping[str, type[BaseModel]]) -> dict:
        """The fields of a part (a source, a session …) and the rules between them, which the
        form checks on the part as a whole (its fields cannot see each other)."""
        return {"fields": self._properties(node, defs, {}, model, False, parts), **item_rules(model)}

    def _widget(self, name: str, prop: dict, defs: dict, refs: Mapping[str, str],
                parts: Mapping[str, type[BaseModel]]) -> dict:
        node = _given(prop)
        if "$ref" in node:
            return {"widget": "object", "collapsed": True,
                    **self._part(node["$ref"].rsplit("/", 1)[1], defs, parts)}
        kind = node.get("type")
        if name in refs and kind in ("string", "array"):
            return _relation(refs[name], multiple=kind == "array")
        if kind == "array" and name in CHOICES_FROM and CHOICES_FROM[name] in self.known:
            # Names of pages, not of entries: offered by their titles like a relation.
            return {"widget": "select", "multiple": True,
                    "options": [{"label": shown, "value": key} for key, shown in self.known[CHOICES_FROM[name]]]}
        if kind == "array":
            items = node["items"]
            if "$ref" in items:
                part_name = items["$ref"].rsplit("/", 1)[1]
                return {"widget": "list", "collapsed": True, "label_singular": PART_NAMES.get(part_name, "Eintrag"),
                        **self._part(part_name, defs, parts)}
            if "enum" in items:
                return {"widget": "select", "multiple": True, "options": _option_labels(items["enum"])}
            return {"widget": "list", "label_singular": "Eintrag", "field": {"name": "eintrag", "label": "Eintrag",
                                                **self._widget("eintrag", items, defs, {}, parts)}}
        if kind == "object":  # a mapping keyed by ids: one optional field per existing entry
            value = next(iter(node.get("patternProperties", {}).values()), {"type": "string"})
            target = refs.get(name)
            keys = self.known.get(target, []) if target else []
            return {"widget": "object", "collapsed": True,
                    "fields": [{"name": key, "label": shown, "required": False,
                                **self._widget(key, value, defs, {}, parts)}
                               for key, shown in keys]}
        if "enum" in node:
            return {"widget": "select", "options": _option_labels(node["enum"])}
        if kind == "boolean":
            return {"widget": "boolean", "default": prop.get("default", False)}
        if _number_kind(node):
            # Not Decap's number field: the browser reads "25.000" there as 25, without a word.
            return {"widget": "string", "pattern": NUMBER_PATTERNS[_number_kind(node)]}
        if node.get("format") == "date":
            return {"widget": "datetime", "format": DATE_FORMAT, "date_format": "DD.MM.YYYY",
                    "time_format": False, "picker_utc": True}
        if node.get("pattern") == _TIME:
            return {"widget": "string", "pattern": [_TIME, "Uhrzeit als HH:MM, z. B. 09:30"]}
        if node.get("pattern", "").startswith("^http"):
            return {"widget": "string", "pattern": [node["pattern"], "Webadresse, beginnt mit https://"]}
        if node.get("pattern") and name == "id":
            return {"widget": "string", "pattern": [node["pattern"], "Nur Kleinbuchstaben a–z, Ziffern und "
                                                    "einzelne Bindestriche (ö → oe, ß → ss)"]}
        if node.get("maxLength") is None or node["maxLength"] > 200:
            # Longer texts, Markdown included, in a plain text field: saved as written (Decap's
            # rich-text mode re-formats what it saves, and misses labels screen readers need).
            return {"widget": "text"}
        return {"widget": "string"}


# What a hint says for someone typing YAML that the form says itself: the ids behind a choice
# ("Mitglied (Kennung)"), the date format behind a date picker, true/false behind a switch,
# the YAML name of another field.
_ID_NOTE = re.compile(r"\s*\((Kennung|Kennungen)( der [^)]*)?\)|\s*\(Kennung: ([^)]*)\)")
_DATE_NOTE = re.compile(r"\s*\(JJJJ-MM-TT\)")
_FIELD_NAME_NOTE = re.compile(r"\s*\((true|false|[a-z]+_[a-z_]+|deadline|opens|start|end)\)")
_CHOICE_WIDGETS = ("relation", "select")


def _plain_hint(hint: str, widget: dict, label: str) -> str:
    """The field's description in the words of the form (felder.md keeps the YAML words); empty
    where it would only repeat the label."""
    kind = widget.get("widget")
    if kind in _CHOICE_WIDGETS or (kind == "object" and widget.get("fields")):
        hint = _ID_NOTE.sub(lambda match: f" ({match.group(3)})" if match.group(3) else "", hint)
        hint = hint.replace("Kennung des Programms: Grund", "je Programm der Grund")
        hint = re.sub(r",\s*z\. B\. [a-z0-9, -]+$", "", hint)  # examples of ids: the choice shows names
    if kind == "datetime":
        hint = _DATE_NOTE.sub("", hint)
    if kind == "boolean":
        hint = re.sub(r"\btrue\b", "an", re.sub(r"\bfalse\b", "aus", _FIELD_NAME_NOTE.sub("", hint)))
    hint = _FIELD_NAME_NOTE.sub("", hint).strip()
    return "" if hint == label else hint


def _limits(prop: dict) -> dict:
    """Length and range limits of a field, which the form checks (and counts) as it is typed."""
    node = _given(prop)
    limits = {}
    if node.get("type") == "string" and node.get("maxLength"):
        limits["hub_max_length"] = node["maxLength"]
    if _number_kind(node):
        for key, bound in (("minimum", "hub_min"), ("maximum", "hub_max")):
            if key in node:
                limits[bound] = node[key]
    return limits


def _field_rules(model: type[BaseModel], name: str, top_level: bool) -> dict:
    """The rules the form checks at field ``name``: those about it alone, and at the top level
    of an entry the rules between fields too (there the field sees the whole entry). A flag the
    editor derives (``only_without``) is set when it saves, never asked of the author."""
    found = [rule.as_data() for rule in _asked_in_form(model) if rule.field == name
             and (rule.single_field or top_level)]
    return {"hub_rules": found} if found else {}


def item_rules(model: type[BaseModel]) -> dict:
    """The rules between the fields of one part or one entry of a list file, for the list or
    section that holds it."""
    found = [rule.as_data() for rule in _asked_in_form(model) if not rule.single_field]
    return {"hub_item_rules": found} if found else {}


def _asked_in_form(model: type[BaseModel]) -> list:
    """The model's rules the form checks: all but the flags it derives itself (``only_without``)."""
    return [rule for rule in rules_of(model) if rule.test != "only_without"]


def _part_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model inside ``model`` by its name in the JSON schema's ``$defs``."""
    found: dict[str, type[BaseModel]] = {}
    for info in model.model_fields.values():
        part = _part_model(info.annotation)
        if part is not None and part.__name__ not in found:
            found[part.__name__] = part
            found.update(_part_models(part))
    return found


# --- collections -------------------------------------------------------------------------


def header(kind_or_site: Kind | None) -> str:
    """The lines every data file starts with: its schema (for editors' YAML support) and a pointer."""
    if kind_or_site is None:
        return (f"# yaml-language-server: $schema=../schemas/{SITE_FILE.removesuffix('.yml')}.schema.json\n"
                "# Wer die Website betreibt. Felder: docs/redaktion/felder.md\n")
    if kind_or_site.one_file_per_entry:
        return (f"# yaml-language-server: $schema=../../schemas/{kind_or_site.schema_file}\n"
                f"# {kind_or_site.name}. Felder: docs/redaktion/felder.md\n")
    return (f"# yaml-language-server: $schema=../schemas/{kind_or_site.schema_file}\n"
            f"# {kind_or_site.plural}. Felder: docs/redaktion/felder.md\n")


def _kind_collection(kind: Kind, maker: FieldMaker) -> dict:
    refs = references(kind.key)
    description = f"Felder und Bedeutung: Seite „Felder der Daten“, Abschnitt {kind.plural}."
    if kind.one_file_per_entry:
        identifier = kind.label_field
        fields = maker.fields(kind.model, refs)
        for made in fields:
            if made["name"] == "id":  # the file name: written once, never into the file (editor.js)
                made.update(label="Kennung (Dateiname, später nicht mehr änderbar)", required=False,
                            hint="Leer lassen: wird aus dem Titel gebildet. Sonst nur a–z, 0–9 und Bindestriche.")
        return {"name": kind.key, "label": kind.plural, "label_singular": kind.name,
                "description": description, "folder": f"data/{kind.source}", "extension": "yml",
                "format": f"hub-{kind.key}", "create": True, "slug": "{{id}}",
                "identifier_field": identifier, "summary": "{{" + identifier + "}}", "fields": fields}
    item_fields = maker.fields(kind.model, refs, top_level=False)
    return {"name": kind.key, "label": kind.plural, "label_singular": kind.name, "description": description,
            "format": f"hub-{kind.key}", "files": [{
                "name": kind.key, "label": f"{kind.plural} (data/{kind.source})", "file": f"data/{kind.source}",
                "fields": [{"name": LIST_FIELD, "label": kind.plural, "label_singular": kind.name,
                            "widget": "list", "collapsed": True, "required": False,
                            "summary": "{{fields." + kind.label_field + "}}",
                            "fields": item_fields, **item_rules(kind.model)}]}]}


def _site_collection(maker: FieldMaker) -> dict:
    return {"name": "site", "label": "Betreiber der Website", "format": "hub-site",
            "description": "Impressum, Datenschutz und Barrierefreiheit entstehen aus diesen Angaben.",
            "files": [{"name": "site", "label": f"Betreiber (data/{SITE_FILE})", "file": f"data/{SITE_FILE}",
                       "fields": maker.fields(SiteInfo, {})}]}


def _front_matter_fields(keys: Mapping[str, str], categories: list[str]) -> list[dict]:
    made = []
    for name, description in keys.items():
        block = {"name": name, "label": _label(FRONT_MATTER_LABELS.get(name, description), name),
                 "hint": description, "required": False}
        if name == "date":
            block.update(required=True, widget="datetime", format=DATE_FORMAT, date_format="DD.MM.YYYY",
                         time_format=False, picker_utc=True, hub_rules=[PUBLISHED_RULE.as_data()])
        elif name == "categories":
            block.update(widget="select", multiple=True, options=categories, required=True)
        elif name == "topics" and "topics" in REGISTRY:
            block.update(_relation("topics", multiple=True))
        elif name == "draft":
            block.update(widget="boolean", default=False, label="Noch nicht veröffentlichen",
                         hint="An: der Beitrag bleibt ein Entwurf und erscheint noch nicht")
        elif name == "pin":
            block.update(widget="boolean", default=False)
        elif name == "sources":
            block.update(widget="list", collapsed=True, label_singular="Quelle",
                         **FieldMaker().part(Source))
        elif name == "states_facts":
            # Set by the technical team for help pages and overviews made from data; kept as it is.
            block.update(widget="hidden")
        elif name == "standing":
            block.update(widget="select", label="Noch nicht beschlossen",
                         hint="Was die Seite beschreibt, ist ein Entwurf oder ein Vorschlag: oben steht ein Hinweis",
                         options=[{"label": "Entwurf", "value": "entwurf"},
                                  {"label": "Vorschlag", "value": "vorschlag"}])
        elif name == "readtime":
            block.update(widget="number", value_type="int", min=1, max=120)
        elif name == "hide":
            block.update(widget="select", multiple=True, hint="", options=[
                {"label": "Navigation", "value": "navigation"}, {"label": "Inhaltsverzeichnis", "value": "toc"},
                {"label": "Fußzeile", "value": "footer"}])
        elif name == "search":
            block.update(widget="object", collapsed=True, hint="", fields=[
                {"name": "exclude", "label": "Nicht in der Suche", "widget": "boolean", "required": False}])
        elif name == "title":
            block.update(widget="string", required=True)
        else:
            block.update(widget="string")
        block["hint"] = _plain_hint(block["hint"], block, block["label"])
        made.append(block)
    body = {"name": "body", "label": "Text", "widget": "text",
            # Decap shows hints as Markdown: the signs are escaped so the help shows what to type.
            "hint": "So tippen Sie Markdown: \\# Überschrift, \\*\\*fett\\*\\*, \\[Linktext\\](https://…). "
                    "Makros in {{ … }} stehen lassen, wie sie sind."}
    return [*made, body]


# Labels where the description speaks of files: "Kategorien aus mkdocs.yml" is the form's "Kategorien".
FRONT_MATTER_LABELS = {"categories": "Kategorien"}


def _news_collection(categories: list[str]) -> dict:
    keys = {key: text for key, text in POST_KEYS.items() if key not in ("slug", "hide", "search")}
    keys = {"title": "Überschrift des Beitrags", **{k: v for k, v in keys.items() if k != "title"}}
    fields = _front_matter_fields(keys, categories)
    for made in fields:
        if made["name"] == "title":
            # Posts may carry their heading as the text's first line ("# …"): then it stays empty.
            made.update(required=False, hint="Leer lassen, wenn der Text mit der Überschrift beginnt (# Überschrift)")
    return {"name": "news", "label": "Neuigkeiten", "label_singular": "Beitrag",
            "folder": f"docs/{urls.NEWS_POSTS}", "extension": "md", "format": PAGE_FORMAT, "create": True,
            "slug": "{{slug}}", "identifier_field": "title", "summary": "{{date}} – {{title}}",
            "fields": fields}


def _pages_collection(pages: list[tuple[str, str]]) -> dict:
    fields = _front_matter_fields(PAGE_KEYS, [])
    for made in fields:
        if made["name"] == "title":
            made["required"] = False
    return {"name": "pages", "label": "Seiten", "label_singular": "Seite", "format": PAGE_FORMAT,
            "description": "Die Texte der Website. Neue Seiten und die Navigation ändert das Technik-Team.",
            "files": [{"name": re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-"), "label": f"{title} ({path})",
                       "file": f"docs/{path}", "fields": fields} for path, title in pages]}


def editor_config(*, known: Mapping[str, list[tuple[str, str]]], categories: list[str],
                  pages: list[tuple[str, str]], chosen: Backend, local_backend: str | None,
                  site_url: str | None = None) -> dict:
    """Decap's config.yml as a dict: backend, German interface, one collection per kind, news and pages."""
    maker = FieldMaker(known)
    config = {
        "backend": chosen.settings,
        "publish_mode": "editorial_workflow",
        "locale": "de",
        "site_url": site_url or "../../",
        "logo_url": "../../assets/logo.svg",
        "media_folder": "docs/assets/bilder",
        "public_folder": "/assets/bilder",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "editor": {"preview": False},
        "collections": [*(_kind_collection(kind, maker) for kind in REGISTRY.values()),
                        _site_collection(maker), _news_collection(categories), _pages_collection(pages)],
    }
    if site_url:
        config["display_url"] = site_url
    if local_backend:
        config["local_backend"] = {"url": local_backend, "allowed_hosts": ["localhost", "127.0.0.1"]}
    return config


def _part_model(annotation) -> type[BaseModel] | None:
    """The model inside ``Part``, ``Part | None`` or ``list[Part]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _part_model(argument)
        if found is not None:
            return found
    return None


def _shape(model: type[BaseModel], skip: Iterable[str] = ()) -> dict:
    """Key order of a model and of the parts inside it, for writing keys in model order, and
    its number fields ("int" or "float"), which the form takes as text."""
    parts = {}
    for name, info in model.model_fields.items():
        part = _part_model(info.annotation)
        if part is not None:
            parts[name] = _shape(part)
    numbers = {name: _number_kind(prop) for name, prop in json_schema(model)["properties"].items()
               if _number_kind(prop)}
    order = [name for name, _ in shared_fields_last(model.model_fields.items()) if name not in skip]
    return {"order": order, "parts": parts, "numbers": numbers}


def save_formats() -> dict[str, dict]:
    """What editor.js needs per format: the header lines, the key order, list file or not."""
    formats = {}
    for kind in REGISTRY.values():
        drop = ["id"] if kind.one_file_per_entry else []
        formats[f"hub-{kind.key}"] = {"header": header(kind), "list": not kind.one_file_per_entry,
                                      "drop": drop, **_shape(kind.model, drop),
                                      # Flags the editor sets itself: "deadline_known" goes once a deadline is given.
                                      "derived": [{"field": rule.field, "other": rule.other}
                                                  for rule in rules_of(kind.model) if rule.test == "only_without"]}
    formats["hub-site"] = {"header": header(None), "list": False, "drop": [], "derived": [], **_shape(SiteInfo)}
    dates = sorted({name for model in _all_models() for name, prop in _flat_properties(model)
                    if prop.get("format") == "date"})
    for format_ in formats.values():
        format_["date_keys"] = dates
        # The grammar of typed numbers: the form's pattern is also what editor.js converts.
        format_["number_patterns"] = {kind: pattern for kind, (pattern, _message) in NUMBER_PATTERNS.items()}
        format_["limit_messages"] = LIMIT_MESSAGES  # the same words as check
    return formats


def _all_models() -> list[type[BaseModel]]:
    return [*(kind.model for kind in REGISTRY.values()), SiteInfo]


def _flat_properties(model: type[BaseModel]):
    """(name, schema) of every property of the model and its parts; optional ones unwrapped."""
    schema = json_schema(model)
    for node in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in node.get("properties", {}).items():
            yield name, _given(prop)


def editor_csp(chosen: Backend, local_backend: str | None) -> str:
    """The editor's own policy: its code only from this site; talks only to the Git host's API.

    Decap needs ``'unsafe-eval'`` (its form validation compiles JSON schemas at run time) and
    inline styles (its components style themselves); both only on this path. Inline scripts stay
    forbidden, so content the editor shows (entries from the repository) cannot run script.
    No ``'wasm-unsafe-eval'``: the WebAssembly that Decap ships only re-encodes uploaded images.
    """
    connect = ["'self'", *chosen.api_hosts]
    if local_backend:
        parts = urlsplit(local_backend)
        connect.append(f"{parts.scheme}://{parts.netloc}")
    return "; ".join([
        "default-src 'none'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        f"connect-src {' '.join(connect)}",
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "manifest-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def copy_editor_code(project_dir: Path, target: Path) -> list[str]:
    """Decap's files and the YAML library into ``target``; returns what is missing (npm ci not run)."""
    missing = []
    decap = project_dir / DECAP_PACKAGE
    if (decap / "decap-cms.js").is_file():
        for path in decap.iterdir():
            # Not the .wasm files (WebP encoding of uploads): WebAssembly would need 'wasm-unsafe-eval'.
            if path.name.endswith(".decap-cms.js") or path.name in ("decap-cms.js",
                                                                                 "decap-cms.js.LICENSE.txt"):
                shutil.copyfile(path, target / path.name)
    else:
        missing.append(str(DECAP_PACKAGE / "decap-cms.js"))
    yaml_dir = project_dir / YAML_PACKAGE
    if (yaml_dir / "index.js").is_file():
        shutil.copytree(yaml_dir, target / "yaml", dirs_exist_ok=True)
    else:
        missing.append(str(YAML_PACKAGE / "index.js"))
    for path in STATIC_DIR.iterdir():
        shutil.copyfile(path, target / path.name)
    return missing


def _safe_dumper():
    import yaml

    # libyaml's emitter when PyYAML has it: the same text, a tenth of the time (a large site's ids).
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class WithoutAliases(base):
        """Each value written out where it stands: no &id001 / *id001 for parts the config repeats."""

        def ignore_aliases(self, data) -> bool:
            return True

    return WithoutAliases


def write_editor(site_dir: Path, project_dir: Path, config: dict, csp: str) -> list[str]:
    """The editor's folder in the site: page, config.yml, formats.json and code. Returns what is missing."""
    import json

    import yaml

    from macros.html.render import environment

    target = site_dir / EDITOR_DIR
    target.mkdir(parents=True, exist_ok=True)
    missing = copy_editor_code(project_dir, target)
    # safe_dump: strings from the data (ids, names) are quoted as needed, never evaluated.
    (target / "config.yml").write_text(
        "# Erzeugt beim Bauen aus den Modellen (macros/outputs/editor.py): nicht von Hand ändern.\n"
        + yaml.dump(config, Dumper=_safe_dumper(), allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    (target / "formats.json").write_text(json.dumps(save_formats(), ensure_ascii=False, indent=1), encoding="utf-8")
    page = environment().get_template("editor/index.html").render(
        csp=csp, ready=not missing, missing=missing, contribute=urls.PAGES["contribute"])
    (target / "index.html").write_text(page, encoding="utf-8")
    return missing


def editor_headers(csp: str) -> str:
    """nginx ``add_header`` lines for the editor's folder (deploy/nginx.conf includes them there)."""
    from macros.outputs.content_policy import nginx_headers

    return nginx_headers({"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
                          "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY",
                          # GitHub's sign-in answers through a pop-up window that must reach this page.
                          "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
                          "X-Robots-Tag": "noindex, nofollow"}, "The browser editor's own policy.")
