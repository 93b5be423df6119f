"""What an editor can get wrong in Markdown pages and news posts, found without building.

``python -m macros check`` reads every page under docs/ as text: the front
matter (known keys, valid values), the macro calls (known names, known kinds
and ids), links to other pages, and for news posts the category and topics.
Each problem names the file and line, in German, with a "meinten Sie …?" for
near misses. No template is run here; the build renders pages in its sandbox.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from pathlib import Path

from macros.data.hidden_text import HIDDEN, hidden_text_message
from macros.data.load import load_text
from macros.data.posts import FRONT_MATTER
from macros.data.problems import Problem

_CALL = re.compile(r"^\s*([A-Za-z_]\w*)\s*\((.*)\)\s*$", re.S)
_STRING = re.compile(r"""["']([^"']*)["']""")
# Bounded runs: on text like "](](](…" an unbounded run would rescan the rest from every start.
_LINK = re.compile(r"\]\(([^)\s#]{1,300}?\.md)(#[^)\s]{0,300})?\)")
MAX_PAGE_BYTES = 1_000_000
# Plain values a page may print: its own title and address (see build.plugin).
_PAGE_VALUES = re.compile(r"^\s*page\.(title|url|meta(\.\w+)?)\s*$")


def maybe(name: str, known) -> str:
    """' (meinten Sie 'x'?)' for a near miss, else nothing."""
    close = get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return f" (meinten Sie '{close[0]}'?)" if close else ""


def docs_problems(docs_dir: Path, macros: tuple[str, ...], catalog=None, posts_dir: str = "aktuelles/posts",
                  categories: tuple[str, ...] = ()) -> list[Problem]:
    """Every problem in every Markdown page under ``docs_dir``."""
    from macros.data.front_matter import front_matter_problems

    problems: list[Problem] = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        shown = f"docs/{relative}"
        if path.stat().st_size > MAX_PAGE_BYTES:
            problems.append(Problem(shown, 1, "", f"Die Seite ist größer als {MAX_PAGE_BYTES // 1_000_000} MB; "
                                    "bitte auf mehrere Seiten aufteilen."))
            continue
        text = path.read_text(encoding="utf-8")
        is_post = relative.startswith(posts_dir + "/")
        body_start = 0
        front = FRONT_MATTER.match(text)
        if front:
            body_start = front.end()
            document, loaded = load_text(front.group(1), shown)
            problems += [Problem(p.file, p.line + 1, p.field, p.message) for p in loaded]
            if document is not None and isinstance(document.data, dict):
                for message in front_matter_problems(document.data, is_post):
                    key = message.split("'")[1] if message.startswith("'") else message.split(":")[0]
                    line = document.line_of((key,)) + 1
                    problems.append(Problem(shown, line, "", f"Kopf der Seite: {message}"))
                if is_post:
                    problems += _post_problems(document, shown, catalog, categories)
        problems += _hidden_text_problems(text, body_start, shown)
        problems += _expression_problems(text, body_start, shown, macros, catalog)
        problems += _link_problems(text, path, docs_dir, shown)
    return problems


class _LineCounter:
    """Lines of increasing offsets, counted once (not from the start for each one)."""

    def __init__(self, text: str) -> None:
        self.text, self.offset, self.number = text, 0, 1

    def line(self, offset: int) -> int:
        self.number += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.number


def _hidden_text_problems(text: str, start: int, shown: str) -> list[Problem]:
    """Hidden characters in the page's text (the front matter's are the loader's), one problem per line."""
    problems: dict[int, list[str]] = {}
    lines = _LineCounter(text)
    for match in HIDDEN.finditer(text, start):
        problems.setdefault(lines.line(match.start()), []).append(f"U+{ord(match.group()):04X}")
    return [Problem(shown, line, "", hidden_text_message(list(dict.fromkeys(codes))))
            for line, codes in problems.items()]


def _expressions(text: str, start: int):
    """(offset, inner text) of every ``{{ … }}``, in one pass (a regex would rescan from each ``{{``)."""
    while (opening := text.find("{{", start)) != -1:
        closing = text.find("}}", opening + 2)
        if closing == -1:
            return
        yield opening, text[opening + 2:closing]
        start = closing + 2


def _expression_problems(text: str, start: int, shown: str, macros: tuple[str, ...], catalog) -> list[Problem]:
    problems = []
    lines = _LineCounter(text)
    for offset, expression in _expressions(text, start):
        line = lines.line(offset)
        call = _CALL.match(expression)
        if call is None:
            if _PAGE_VALUES.match(expression) or expression.strip().startswith(("'", '"')):
                continue
            name = expression.strip().split("(")[0].split(".")[0].split("|")[0].strip()
            problems.append(Problem(shown, line, "", f"'{{{{{expression}}}}}' ist kein Makroaufruf; Makros "
                                    f"werden mit Klammern aufgerufen, z. B. {{{{ projects_overview() }}}}"
                                    f"{maybe(name, macros)}. Geschweifte Klammern als Text bitte als "
                                    "{{ '{{' }} schreiben."))
            continue
        name, arguments = call.group(1), _STRING.findall(call.group(2))
        if name not in macros:
            problems.append(Problem(shown, line, "", f"Das Makro '{name}' gibt es nicht{maybe(name, macros)}."))
            continue
        if catalog is not None:
            problems += [Problem(shown, line, "", message) for message in _argument_problems(name, arguments, catalog)]
    return problems


def _argument_problems(name: str, arguments: list[str], catalog) -> list[str]:
    from macros.urls import sections

    if name == "entry_link" and len(arguments) >= 2:
        kind, entry_id = arguments[0], arguments[1]
        if kind not in sections():
            return [f"entry_link: die Art '{kind}' gibt es nicht{maybe(kind, sections())} "
                    f"(bekannt: {', '.join(sections())})"]
        known = set(getattr(catalog, kind)) | (set(catalog.page_topics()) if kind == "topics" else set())
        if entry_id not in known:
            return [f"entry_link: den Eintrag '{entry_id}' ({kind}) gibt es nicht{maybe(entry_id, known)}; "
                    "auf der Seite steht dann nur der Text"]
    if name == "contact_box" and arguments and arguments[0] not in catalog.contacts:
        return [f"contact_box: die öffentliche Ansprechstelle '{arguments[0]}' gibt es nicht"
                f"{maybe(arguments[0], catalog.contacts)}; die Seite verweist dann auf die Anlaufstelle"]
    if name == "count" and arguments:
        from macros.kinds import REGISTRY

        if arguments[0] not in REGISTRY:
            return [f"count: die Art '{arguments[0]}' gibt es nicht{maybe(arguments[0], REGISTRY)}"]
    return []


def _post_problems(document, shown: str, catalog, categories: tuple[str, ...]) -> list[Problem]:
    problems = []
    for index, category in enumerate(document.data.get("categories") or []):
        if categories and category not in categories:
            problems.append(Problem(shown, document.line_of(("categories", index)) + 1, "categories",
                                    f"Die Kategorie '{category}' gibt es nicht{maybe(str(category), categories)} "
                                    f"(erlaubt: {', '.join(categories)})"))
    topics = set(catalog.topics) if catalog is not None and catalog.topics else None
    for index, topic in enumerate(document.data.get("topics") or []):
        if topics is not None and topic not in topics:
            problems.append(Problem(shown, document.line_of(("topics", index)) + 1, "topics",
                                    f"Das Thema '{topic}' gibt es nicht{maybe(str(topic), topics)} "
                                    "(Themen stehen in data/topics.yml)"))
    return problems


def _link_problems(text: str, path: Path, docs_dir: Path, shown: str) -> list[Problem]:
    problems = []
    from macros.urls import sections

    generated = set(sections().values())  # entry pages exist only once the build makes them
    root = Path(docs_dir).resolve()
    lines = _LineCounter(text)
    for match in _LINK.finditer(text):
        target = match.group(1)
        if "://" in target:
            continue
        resolved = (path.parent / target).resolve()
        first = resolved.relative_to(root).parts[:1] if resolved.is_relative_to(root) else ()
        if not resolved.is_file() and not (first and first[0] in generated):
            problems.append(Problem(shown, lines.line(match.start()), "",
                                    f"Der Link auf '{target}' führt ins Leere: diese Seite gibt es nicht"))
    return problems
