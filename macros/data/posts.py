"""News posts (``docs/<blog>/posts/*.md``): what the hub checks in their front matter.

The blog plugin reads the posts itself; this module only looks at the front
matter, with the same strict YAML loader as ``data/``, so that a post dated in
the future is refused with its file and line before anything is published.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from macros.data.load import load_text
from macros.data.problems import Problem
from macros.data.rules import Rule, shown

# The form editor checks the same rule (macros/outputs/editor.py).
PUBLISHED_RULE = Rule("not_future", "date", "Der Beitrag ist auf den {value} datiert, also in der Zukunft. "
                                            "Bitte das Datum der Veröffentlichung eintragen (JJJJ-MM-TT).")

# Front matter as MkDocs reads it (mkdocs.utils.meta): between --- and --- or ...
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)


def post_problems(posts_dir: Path, shown_dir: str, today: date) -> list[Problem]:
    """Problems in the front matter of every post under ``posts_dir``."""
    problems: list[Problem] = []
    for path in sorted(Path(posts_dir).rglob("*.md")):
        where = f"{shown_dir}/{path.relative_to(posts_dir).as_posix()}"
        match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        if not match:
            continue  # the blog plugin itself reports a post without front matter
        document, loaded = load_text(match.group(1), where)
        # The front matter starts on the file's second line.
        problems += [replace(p, line=p.line + 1) for p in loaded]
        if document is None or not isinstance(document.data, dict):
            continue
        value = document.data.get("date")
        location: tuple = ("date",)
        if isinstance(value, dict):  # date: {created: …, updated: …}
            value, location = value.get("created"), ("date", "created")
        published = _date(value)
        if published is None:
            problems.append(Problem(where, document.line_of(location) + 1, "date",
                                    f"'{value}' ist kein Datum im Format JJJJ-MM-TT (z. B. 2026-03-31)"
                                    if value is not None else "Pflichtfeld fehlt: das Datum der Veröffentlichung "
                                    "(JJJJ-MM-TT)"))
        elif published > today:
            problems.append(Problem(where, document.line_of(location) + 1, "date",
                                    PUBLISHED_RULE.message.format(value=shown(published))))
    return problems


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
