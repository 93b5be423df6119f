"""The release gate: what may be previewed but must not reach the public.

A normal build is a preview: unfinished pages carry an "Entwurf" note. Before
the site is published, ``python -m macros check --release`` (and the deploy
jobs) refuse every placeholder, template default, open ``to_confirm`` item and
record without a source, each with its file and line, so an editor can work
through the list from top to bottom.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.data.load import Document, load_file, load_text
from macros.data.posts import FRONT_MATTER
from macros.data.problems import Problem, dotted

# The repository address the project was started with: an untouched template default.
PLACEHOLDER_REPO_URL = "https://github.com/digitalnetzwerk-kreis-hoexter/wissensplattform"


@dataclass(frozen=True)
class Placeholder:
    pattern: re.Pattern[str]
    message: str  # {found} is replaced by the text found


GAP_MARKER = "[Noch auszufüllen"  # how a visible gap starts, in sources and on generated pages
PLACEHOLDERS = (
    Placeholder(re.compile(re.escape(GAP_MARKER) + r"[^\]]*\]"),
                "Platzhalter „{found}“: bitte die fehlende Angabe eintragen"),
    Placeholder(re.compile(r"(?<![\w.-])(?:[\w-]+\.)*example\.(?:org|com|net)\b", re.I),
                "Beispieladresse „{found}“: bitte durch die echte Adresse ersetzen"),
    Placeholder(re.compile(r"(?<![\w.-])(?:[\w-]+\.)+example\b(?![\w-])", re.I),
                "„{found}“ liegt auf der Platzhalter-Domain .example: bitte die echte Adresse eintragen"),
    Placeholder(re.compile(r"\bBitte eintragen\b", re.I),
                "unveränderte Vorlage („{found}“): bitte die Angabe eintragen"),
    Placeholder(re.compile(r"\b(?:Kurzbeschreibung|Beschreibung|Angaben?|Text) folgt\b", re.I),
                "unveränderte Vorlage („{found}“): bitte den Text schreiben"),
)


# What `python -m macros new` writes for the editor to replace: the normal check reports these too.
TEMPLATE_DEFAULTS = PLACEHOLDERS[3:]


def template_default_problems(data_dir: Path) -> list[Problem]:
    """Template text a new entry still carries ("Kurzbeschreibung folgt", "Bitte eintragen")."""
    problems = []
    for path in sorted(Path(data_dir).rglob("*.yml")):
        shown = f"data/{path.relative_to(data_dir).as_posix()}"
        document, _ = load_file(path, shown)
        if document is None:
            continue
        for location, text in _strings(document.data, ()):
            problems += [Problem(shown, document.line_of(location), dotted(location),
                                 p.message.format(found=m.group(0)))
                         for p in TEMPLATE_DEFAULTS for m in p.pattern.finditer(text)]
    return problems


def placeholders_in(text: str) -> list[str]:
    """Messages for every placeholder in one piece of text."""
    return [message for _, message in _placeholders_at(text)]


def _placeholders_at(text: str) -> list[tuple[int, str]]:
    """(offset, message) for every placeholder; a placeholder may run over several lines."""
    return sorted((m.start(), p.message.format(found=" ".join(m.group(0).split())))
                  for p in PLACEHOLDERS for m in p.pattern.finditer(text))


# What the legal pages of a public body in NRW must say: (path in data/site.yml, what is missing).
SITE_REQUIREMENTS = (
    (("operator", "address"), "die Postanschrift des Anbieters (Impressum, § 5 DDG)"),
    (("operator", "representative"), "die vertretungsberechtigte Person (Impressum, § 5 DDG)"),
    (("operator", "email"), "die E-Mail-Adresse des Anbieters (Impressum, § 5 DDG)"),
    (("content_responsible",), "wer für den Inhalt verantwortlich ist (Impressum, § 18 Abs. 2 MStV)"),
    (("supervisory_authority",), "die Aufsichtsbehörde (Impressum, § 5 DDG)"),
    (("content_licence",), "die Lizenz der Texte (Impressum)"),
    (("open_data_licence",), "die Lizenz der offenen Daten (Seite „Offene Daten“, Datenkatalog)"),
    (("data_protection_officer",), "die oder der Datenschutzbeauftragte (Datenschutz, Art. 13 DSGVO)"),
    (("data_protection_officer", "email"), "die E-Mail-Adresse der oder des Datenschutzbeauftragten"),
    (("data_protection_authority",), "die Datenschutz-Aufsichtsbehörde (Datenschutz, Art. 13 DSGVO)"),
    (("hosting",), "wer den Webserver betreibt (Datenschutz)"),
    (("hosting", "log_retention_days"), "wie lange die Protokolle des Webservers aufbewahrt werden (Datenschutz)"),
    (("contact_retention",), "wann Anfragen per E-Mail gelöscht werden (Datenschutz)"),
    (("accessibility", "status"), "der Stand der Vereinbarkeit (Barrierefreiheit, § 10b BGG NRW)"),
    (("accessibility", "statement_date"), "das Datum der Erklärung zur Barrierefreiheit"),
    (("accessibility", "contact"), "der Kontakt für Rückmeldungen zur Barrierefreiheit"),
    (("accessibility", "response_weeks"), "innerhalb welcher Frist auf Rückmeldungen geantwortet wird"),
    (("accessibility", "enforcement"), "die Ombudsstelle (Durchsetzungsverfahren)"),
)


def site_problems(document: Document | None) -> list[Problem]:
    """What data/site.yml still lacks for lawful legal pages."""
    if document is None or not isinstance(document.data, dict):
        return [Problem("data/site.yml", 1, "", "Die Datei fehlt: Impressum, Datenschutzerklärung und Erklärung "
                                                "zur Barrierefreiheit entstehen aus ihr.")]
    problems = []
    for path, what in SITE_REQUIREMENTS:
        value: Any = document.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value in (None, "", [], {}):
            problems.append(Problem(document.path, document.line_of(path), ".".join(path),
                                    f"fehlt: {what}"))
    accessibility = document.data.get("accessibility") or {}
    if isinstance(accessibility, dict) and accessibility.get("status") in ("teilweise", "nicht") \
            and not accessibility.get("barriers"):
        problems.append(Problem(document.path, document.line_of(("accessibility", "status")), "accessibility.barriers",
                                "fehlt: welche Inhalte nicht barrierefrei sind und warum"))
    return problems


def release_problems(project_dir: Path, data_dir: Path | None = None,
                     docs_dir: Path | None = None) -> list[Problem]:
    """Everything that keeps the project at ``project_dir`` from being published."""
    project_dir = Path(project_dir)
    data_dir = Path(data_dir) if data_dir else project_dir / "data"
    docs_dir = Path(docs_dir) if docs_dir else project_dir / "docs"
    problems: list[Problem] = []
    site = None
    for path in sorted(data_dir.rglob("*.yml")):
        shown = f"data/{path.relative_to(data_dir).as_posix()}"
        document, _ = load_file(path, shown)
        if document is None:
            continue  # a file that does not load is reported by the normal check
        if shown == "data/site.yml":
            site = document
            problems += _data_problems(document, is_list=False)
        else:
            problems += _data_problems(document, is_list=path.parent == data_dir)
    problems += site_problems(site)
    for path in sorted(docs_dir.rglob("*.md")):
        shown = f"docs/{path.relative_to(docs_dir).as_posix()}"
        text = path.read_text(encoding="utf-8")
        problems += _text_problems(text, shown)
        problems += unsourced_page_problems(text, shown)
    config = project_dir / "mkdocs.yml"
    if config.is_file():
        problems += _config_problems(config.read_text(encoding="utf-8"))
    return problems


def unsourced_page_problems(text: str, shown: str) -> list[Problem]:
    """A public page that names no source and does not say it states no facts of the network.

    The network decides page by page: sources in the front matter, or ``states_facts: false``.
    """
    meta: Any = {}
    front = FRONT_MATTER.match(text)
    if front:
        document, _ = load_text(front.group(1), shown)
        meta = document.data if document is not None and isinstance(document.data, dict) else {}
    if meta.get("sources") or meta.get("states_facts") is False:
        return []
    return [Problem(shown, 1, "sources", "Die Seite nennt keine Quelle für ihre Angaben: bitte im Kopf der Seite "
                                         "unter sources angeben, woher sie stammen – oder states_facts: false "
                                         "eintragen, wenn die Seite keine eigenen Angaben über das Netzwerk macht")]


def record_is_unfinished(values: dict[str, Any]) -> bool:
    """Whether one record (as loaded from YAML) would be refused at release."""
    return bool(values.get("to_confirm")) or not values.get("sources") or \
        any(placeholders_in(text) for _, text in _strings(values, ()))


def _records(document: Document, is_list: bool) -> Iterator[tuple[tuple, dict]]:
    if is_list:
        for index, values in enumerate(document.data if isinstance(document.data, list) else []):
            if isinstance(values, dict):
                yield (index,), values
    elif isinstance(document.data, dict):
        yield (), document.data


def _data_problems(document: Document, is_list: bool) -> list[Problem]:
    problems = []
    for base, values in _records(document, is_list):
        name = f"Der Eintrag '{values['id']}'" if isinstance(values.get("id"), str) else "Der Eintrag"
        if not values.get("sources"):
            problems.append(Problem(document.path, document.line_of((*base, "id")) if base else 1, "sources",
                                    f"{name} nennt keine Quelle: bitte unter sources angeben, woher "
                                    "die Angaben stammen (title und url oder reference)"))
        for index, item in enumerate(values.get("to_confirm") or []):
            problems.append(Problem(document.path, document.line_of((*base, "to_confirm", index)), "to_confirm",
                                    f"noch zu bestätigen: „{item}“ – bitte klären, die Angabe "
                                    "berichtigen und den Punkt löschen"))
        for location, text in _strings(values, base):
            problems += [Problem(document.path, document.line_of(location), dotted(location[len(base):]), message)
                         for message in placeholders_in(text)]
    return problems


def _strings(value: Any, location: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "to_confirm":  # reported once, as an open item
                yield from _strings(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*location, index))


def _text_problems(text: str, shown: str) -> list[Problem]:
    return [Problem(shown, text.count("\n", 0, offset) + 1, "", message)
            for offset, message in _placeholders_at(text)]


def _config_problems(text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.split(" #", 1)[0]
        if code.lstrip().startswith("#"):
            continue  # comments explain placeholders; they are not published
        problems += [Problem("mkdocs.yml", number, "", message) for message in placeholders_in(code)]
        if code.strip().startswith("repo_url:") and PLACEHOLDER_REPO_URL in code:
            problems.append(Problem("mkdocs.yml", number, "repo_url",
                                    "noch die Vorgabe-Adresse: bitte die Adresse des echten Repositorys eintragen"))
    return problems

