"""A Jinja sandbox for the template text in Markdown pages.

mkdocs-macros renders every page with a plain ``jinja2.Environment``: a page
holding ``{{ cycler.__init__.__globals__.os.popen(...) }}`` would run commands
on the build machine. Pages are edited through pull requests, so their
template text is untrusted. This environment only lets a page read attributes
of plain values (text, numbers, dates, lists, mappings) and of the types the
caller names, and never change anything.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import traceback
from contextlib import contextmanager
from datetime import date
from typing import Any

from jinja2 import BaseLoader, Template, TemplateError, TemplateSyntaxError, Undefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from macros.wording import thousands

_PLAIN = (str, int, float, bool, date, dict, list, tuple, type(None))
# A page's template text renders to at most this many characters, in at most this many seconds.
MAX_OUTPUT = 2_000_000
MAX_SECONDS = 10
_TOO_LARGE = (f"Die Vorlage auf dieser Seite erzeugt mehr als {thousands(MAX_OUTPUT)} Zeichen; "
              "bitte den Ausdruck prüfen.")


class _Timeout(SecurityError):
    pass


@contextmanager
def _time_limit(seconds: int):
    """SIGALRM in the main thread (mkdocs build); elsewhere (mkdocs serve's thread) no limit."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(_signum, _frame):
        raise _Timeout(f"Die Vorlage auf dieser Seite rechnet länger als {MAX_SECONDS} Sekunden; "
                       "bitte Schleifen und Ausdrücke prüfen.")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class _LimitedTemplate(Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        with _time_limit(MAX_SECONDS):
            output = super().render(*args, **kwargs)
        if len(output) > MAX_OUTPUT:
            raise SecurityError(_TOO_LARGE)
        return output


# A width or count this large only serves to allocate memory ("a".ljust(10**9), "%999999999s").
_HUGE_WIDTH = re.compile(r"[%:{][^a-zA-Z}]*?\d{7,}")
_TOO_MUCH = "Zahlen dieser Größe als Breite oder Anzahl sind in Seiten nicht erlaubt."


def _check_arguments(args: tuple, kwargs: dict) -> None:
    """Refuse arguments that would make a call allocate without bound."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > MAX_OUTPUT:
            raise SecurityError(_TOO_MUCH)
        if isinstance(value, str) and _HUGE_WIDTH.search(value):
            raise SecurityError(_TOO_MUCH)


def _bounded(function):
    """``function`` with its arguments checked first (filters, tests and globals of the sandbox)."""
    @functools.wraps(function)
    def call(*args, **kwargs):
        _check_arguments(args, kwargs)
        return function(*args, **kwargs)
    return call


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


class PageSandbox(ImmutableSandboxedEnvironment):
    """Attribute access only on plain values and allow-listed attributes; bounded work."""

    template_class = _LimitedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, allowed: dict[type, frozenset[str]], loader: BaseLoader | None,
                 undefined: type[Undefined], globals_: dict[str, Any], filters: dict[str, Any]):
        super().__init__(loader=loader, undefined=undefined, autoescape=False)
        self._allowed = allowed
        self.globals.update(globals_)
        self.filters.update(filters)
        # Jinja's own filters and globals take widths and counts too ("x"|center(10**9), lipsum(10**9)).
        for table in (self.filters, self.tests, self.globals):
            for name, value in list(table.items()):
                if callable(value) and not isinstance(value, type) and name not in globals_:
                    table[name] = _bounded(value)

    def wrap_str_format(self, value: Any):
        # Jinja replaces "…".format by a wrapper of its own, which call() cannot look into.
        _check_arguments((getattr(value, "__self__", None),), {})
        return super().wrap_str_format(value)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's
        # The string a method belongs to counts too: "{:>999999999}".format(1).
        _check_arguments((getattr(__obj, "__self__", None), *args), kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, _PLAIN):
            return True
        return any(isinstance(obj, kind) and attr in names for kind, names in self._allowed.items())

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        # Refuse what would build a huge value before building it ('a' * 100000000, 9 ** 999999).
        if operator == "%" and isinstance(left, str):
            _check_arguments((left,), {})
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise SecurityError("Potenzen mit so großen Exponenten sind in Seiten nicht erlaubt.")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if _size(sequence) is not None and isinstance(times, int) and _size(sequence) * times > MAX_OUTPUT:
                    raise SecurityError(_TOO_LARGE)
        if operator == "+" and _size(left) is not None and _size(right) is not None \
                and _size(left) + _size(right) > MAX_OUTPUT:
            raise SecurityError(_TOO_LARGE)
        return super().call_binop(context, operator, left, right)


# What rendering a page's template text raises for mistakes in that text (not for bugs of the hub).
RENDER_ERRORS = (TemplateError, ValueError, TypeError, KeyError)


# Python's words for a macro called with the wrong arguments, and the same in German.
_ARGUMENT_ERRORS = (
    (re.compile(r"(\w+)\(\) got an unexpected keyword argument '(\w+)'"),
     "Das Makro {0}() kennt keine Angabe '{1}'."),
    (re.compile(r"(\w+)\(\) missing \d+ required (?:positional|keyword-only) arguments?: (.+)"),
     "Dem Makro {0}() fehlt eine Angabe in den Klammern: {1}."),
    (re.compile(r"(\w+)\(\) takes (?:from \d+ to )?(\d+) positional arguments? but (\d+) (?:were|was) given"),
     "Das Makro {0}() nimmt höchstens {1} Angaben in den Klammern, hier stehen {2}."),
    (re.compile(r"(\w+)\(\) got multiple values for argument '(\w+)'"),
     "Das Makro {0}() bekommt die Angabe '{1}' zweimal."),
)


def _argument_error(text: str) -> str:
    for pattern, german in _ARGUMENT_ERRORS:
        found = pattern.search(text)
        if found:
            return german.format(*(part.replace(" and ", " und ") for part in found.groups()))
    return text


def template_error(error: Exception) -> tuple[int | None, str]:
    """(line in the template text, German message) of a mistake in a page's template text."""
    if isinstance(error, TemplateSyntaxError):
        line = error.lineno or 1
    else:  # where the rendering stopped
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
        line = frames[-1].lineno if frames else None
    text = str(error.message if isinstance(error, TemplateError) and error.message else error)
    if isinstance(error, TypeError):
        text = _argument_error(text)
    if "is undefined" in text:
        name = text.split("'")[1] if "'" in text else text
        text = (f"'{name}' ist hier unbekannt. Makros werden mit Klammern aufgerufen, z. B. "
                "{{ projects_overview() }}; geschweifte Klammern als Text bitte als {{ '{{' }} schreiben.")
    return line, text
