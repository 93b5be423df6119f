"""YAML → plain Python values, with the line of every key kept aside.

PyYAML's ``safe_load`` silently accepts duplicate keys (last wins), anchors and
aliases, YAML 1.1 booleans (``no`` → False) and octal numbers (``0123``). Editors
do not expect any of that, so we compose the node tree ourselves and convert
scalars with a small, strict rule set: quoted values are always text, plain
values are text unless they are exactly ``true``/``false``, ``null``/``~``, a
decimal integer without leading zero or a decimal number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.data.hidden_text import hidden_characters, hidden_text_message
from macros.data.problems import Problem, dotted

Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_YAML11_BOOL = {"yes", "no", "on", "off", "y", "n"}
_NULL = {"null", "~", ""}
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
}


@dataclass
class Document:
    """One loaded YAML file: its values and where each value stands."""

    path: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, location: Path_) -> int:
        """The line of the deepest known key on ``location``, else 1."""
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return self.lines.get((), 1)


class _LoadError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


MAX_DEPTH = 20  # data files nest three or four levels; deeper is a mistake or an attack
MAX_DIGITS = 15  # no amount or count in the data has more digits
MAX_FILE_BYTES = 1_000_000


class _StrictComposer(Composer):
    """Refuses anchors and aliases: each value is written out where it is used."""

    _depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML signature
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _LoadError(self.peek_event().start_mark.line + 1,
                                 f"Die Werte sind mehr als {MAX_DEPTH} Ebenen tief verschachtelt; bitte "
                                 "die Einrückung prüfen.")
            return self._compose_checked(parent, index)
        finally:
            self._depth -= 1

    def _compose_checked(self, parent, index):  # noqa: ANN001 - PyYAML signature
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _LoadError(
                event.start_mark.line + 1,
                f"Verweise mit '*{event.anchor}' (YAML-Aliase) sind nicht erlaubt; "
                "bitte den Wert ausschreiben.",
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _LoadError(event.start_mark.line + 1,
                             f"Anker ('&{event.anchor}') sind nicht erlaubt; bitte Werte ausschreiben.")
        return super().compose_node(parent, index)


class _PythonLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _StrictComposer,
                    yaml.resolver.BaseResolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _StrictComposer.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _LibyamlLoader(_StrictComposer, CParser, yaml.resolver.BaseResolver):
        """libyaml scans and parses (about 18 times faster); our composer stays strict."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _StrictComposer.__init__(self)
            yaml.resolver.BaseResolver.__init__(self)

    _Loader = _LibyamlLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PythonLoader


# What reads YAML text into a document: load_text, or what keeps its answers (mkdocs serve).
Parse = Callable[[str, str], "tuple[Document | None, list[Problem]]"]


def load_text(text: str, path: str, known_tags: dict[str, str] | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text strictly; return the document or the problems.

    ``known_tags``: the only tags beyond YAML's own that may appear (tag → the text it stands for).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _LoadError as error:
        return None, [Problem(path, error.line, "", error.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        detail = error.problem or "Syntaxfehler"
        if "tab" in detail:
            return None, [Problem(path, line, "", "In dieser Zeile steht ein Tabulatorzeichen. YAML rückt nur mit "
                                  "Leerzeichen ein: bitte den Tabulator durch Leerzeichen ersetzen.")]
        if "nesting depth" in detail:
            return None, [Problem(path, line, "", f"Die Werte sind zu tief verschachtelt (mehr als {MAX_DEPTH} "
                                  "Ebenen); bitte die Einrückung und die Klammern prüfen.")]
        return None, [Problem(path, line, "", f"Die Datei ist kein gültiges YAML ({detail}). "
                              "Häufige Ursachen: Einrückung, fehlender Doppelpunkt, "
                              "Text mit ':' ohne Anführungszeichen.")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, "", f"Die Datei ist kein gültiges YAML ({error}).")]
    finally:
        loader.dispose()

    document = Document(path=path, data=None)
    if node is None:
        document.data = None
        return document, []
    problems: list[Problem] = []
    document.lines[()] = node.start_mark.line + 1
    document.data = _convert(node, (), document, problems, known_tags or {})
    return document, problems


def load_file(file: Path, shown_as: str, parse: Parse | None = None,
              known_tags: dict[str, str] | None = None) -> tuple[Document | None, list[Problem]]:
    """Read a file as strict UTF-8 and parse it; ``shown_as`` names it in messages; ``parse``:
    ``load_text`` or what stands in for it (kept answers under ``mkdocs serve``).

    Only a regular file inside the repository is read: never a link, a device or a folder.
    """
    if file.is_symlink() or not file.is_file():
        return None, [Problem(shown_as, 1, "", "ist keine gewöhnliche Datei (ein Ordner oder ein Verweis); "
                              "Daten stehen in .yml-Dateien.")]
    if file.stat().st_size > MAX_FILE_BYTES:
        return None, [Problem(shown_as, 1, "", f"Die Datei ist größer als {MAX_FILE_BYTES // 1_000_000} MB; "
                              "bitte in mehrere Dateien aufteilen.")]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown_as, line, "", "Die Datei ist nicht UTF-8-kodiert; bitte im "
                              "Editor als UTF-8 speichern (Umlaute sind sonst fehlerhaft).")]
    text = text.removeprefix("\ufeff")
    if known_tags:
        return load_text(text, shown_as, known_tags)
    return (parse or load_text)(text, shown_as)


def _convert(node: Node, location: Path_, document: Document, problems: list[Problem],
             known_tags: dict[str, str]) -> Any:
    line = node.start_mark.line + 1
    field = dotted(location)
    if node.tag in known_tags and isinstance(node, ScalarNode) and not node.value:
        return known_tags[node.tag]
    if node.tag not in _STANDARD_TAGS and not (isinstance(node, ScalarNode) and node.tag == "!"):
        problems.append(Problem(document.path, line, field,
                                f"Die YAML-Markierung '{node.tag}' ist nicht erlaubt."))
        return None
    if isinstance(node, MappingNode):
        return _convert_mapping(node, location, document, problems, known_tags)
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            document.lines[(*location, index)] = item.start_mark.line + 1
            items.append(_convert(item, (*location, index), document, problems, known_tags))
        return items
    return _convert_scalar(node, field, document, problems)


def _convert_mapping(node: MappingNode, location: Path_, document: Document,
                     problems: list[Problem], known_tags: dict[str, str]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode):
            problems.append(Problem(document.path, line, dotted(location),
                                    "Ein Feldname muss einfacher Text sein."))
            continue
        key = key_node.value
        if hidden := hidden_characters(key):
            problems.append(Problem(document.path, line, dotted(location), hidden_text_message(hidden)))
            continue
        if key in first_line:
            problems.append(Problem(document.path, line, dotted((*location, key)),
                                    f"Das Feld steht doppelt (zuerst in Zeile {first_line[key]}); "
                                    "bitte nur einmal angeben."))
            continue
        first_line[key] = line
        document.lines[(*location, key)] = line
        result[key] = _convert(value_node, (*location, key), document, problems, known_tags)
    return result


def _convert_scalar(node: ScalarNode, field: str, document: Document,
                    problems: list[Problem]) -> Any:
    value = node.value
    hidden = hidden_characters(value)
    if hidden:
        problems.append(Problem(document.path, node.start_mark.line + 1, field, hidden_text_message(hidden)))
        return None
    if node.style or node.tag == "!":  # plain style is None (PyYAML) or "" (libyaml)
        return value  # quoted or block scalar: always text
    line = node.start_mark.line + 1
    if value in ("true", "false"):
        return value == "true"
    if value in _NULL:
        return None
    if value.lower() in _YAML11_BOOL or value.lower() in ("true", "false", "null"):
        problems.append(Problem(document.path, line, field,
                                f"'{value}' ist mehrdeutig: für Ja/Nein bitte true oder false "
                                f"schreiben, für Text bitte in Anführungszeichen (\"{value}\")."))
        return value
    if _LEADING_ZERO.fullmatch(value):
        problems.append(Problem(document.path, line, field,
                                f"'{value}' ist keine eindeutige Zahl (führende Null); "
                                f"als Text bitte in Anführungszeichen schreiben (\"{value}\")."))
        return value
    if _INT.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_DIGITS:
            problems.append(Problem(document.path, line, field,
                                    f"Die Zahl hat mehr als {MAX_DIGITS} Stellen; bitte prüfen."))
            return None
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value

