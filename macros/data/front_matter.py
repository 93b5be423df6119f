"""The front matter a hand-written page or a news post may carry.

Material prints several front-matter keys into the page as they are (author,
subtitle, status, revision_date …), and some switch behaviour (``template``,
``hub_entry``). Pages therefore get a short list of known keys with checked
values; anything else stops the build with the file and a German message.
"""

from __future__ import annotations

import re

PAGE_KEYS = {
    "title": "Seitentitel",
    "description": "Beschreibung für Suchmaschinen und Link-Vorschauen",
    "hide": "Teile der Seite ausblenden (navigation, toc, footer)",
    "search": "Suche steuern (exclude: true)",
    "sources": "Quellen der Angaben auf der Seite: je Quelle ein Titel und eine Webadresse oder eine Fundstelle, "
               "dazu das Datum",
    "states_facts": "false = die Seite macht selbst keine Angaben über das Netzwerk (Hilfe, Übersicht aus Daten)",
    "standing": "entwurf oder vorschlag: was die Seite beschreibt, ist noch nicht beschlossen (Hinweis oben)",
}
STANDINGS = ("entwurf", "vorschlag")
POST_KEYS = {
    **PAGE_KEYS,
    "date": "Datum der Veröffentlichung (JJJJ-MM-TT)",
    "categories": "Kategorien aus mkdocs.yml",
    "topics": "Themen der Seite (aus der Themenliste)",
    "slug": "Teil der Adresse (a–z, 0–9, -)",
    "draft": "true = noch nicht veröffentlichen",
    "pin": "Oben anheften (ja oder nein)",
    "readtime": "Lesezeit in Minuten",
}
_HIDE = {"navigation", "toc", "footer", "feedback", "tags", "path"}
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def front_matter_problems(meta: dict, is_post: bool) -> list[str]:
    """German messages for every key or value a page's front matter may not have."""
    allowed = POST_KEYS if is_post else PAGE_KEYS
    problems = []
    for key, value in meta.items():
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            problems.append(f"'{key}' ist im Kopf der Seite nicht erlaubt (erlaubt: {known})")
        elif key in ("title", "description") and not isinstance(value, str):
            problems.append(f"{key}: muss Text sein")
        elif key == "hide" and not (isinstance(value, list) and set(value) <= _HIDE):
            problems.append(f"hide: eine Liste aus {', '.join(sorted(_HIDE))}")
        elif key == "search" and not (isinstance(value, dict) and set(value) <= {"exclude", "boost"}):
            problems.append("search: nur exclude (true/false) oder boost (Zahl)")
        elif key == "slug" and not (isinstance(value, str) and _SLUG.fullmatch(value)):
            problems.append(f"slug: '{value}' ist kein Adressteil; erlaubt sind a–z, 0–9 und einzelne Bindestriche")
        elif key == "sources":
            problems += _source_problems(value)
        elif key == "states_facts" and value is not False:
            problems.append("states_facts: nur false (die Seite macht keine eigenen Angaben); sonst weglassen "
                            "und Quellen unter sources nennen")
        elif key == "standing" and value not in STANDINGS:
            problems.append(f"standing: '{value}' ist nicht erlaubt (erlaubt: {', '.join(STANDINGS)})")
        elif key in ("draft", "pin") and not isinstance(value, bool):
            problems.append(f"{key}: muss true oder false sein")
        elif key in ("categories", "topics") and not (isinstance(value, list)
                                                       and all(isinstance(v, str) for v in value)):
            problems.append(f"{key}: muss eine Liste sein (jede Zeile mit '- ' beginnen)")
    return problems


def _source_problems(value: object) -> list[str]:
    from pydantic import ValidationError

    from macros.data.messages import german_error
    from macros.data.models import Source

    if not isinstance(value, list) or not value:
        return ["sources: eine Liste von Quellen (jede beginnt mit '- title: ...')"]
    problems = []
    for number, item in enumerate(value, start=1):
        try:
            Source.model_validate(item)
        except ValidationError as error:
            problems += [f"sources, Quelle {number}: {german_error(e)}" for e in error.errors()]
    return problems


def page_sources(meta: dict) -> list:
    """The checked sources of a page's front matter (front_matter_problems has refused bad ones)."""
    from macros.data.models import Source

    return [Source.model_validate(item) for item in meta.get("sources") or ()]
