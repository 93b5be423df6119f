"""A Jinja sandbox for the template text in Markdown pages.

mkdocs-macros renders every page with a plain ``jinja2.Environment``: a page
holding ``{{ cycler.__init__.__globals__.os.popen(...) }}`` would run commands
on the build machine. Pages are edited through pull requests, so their
template text is untrusted. This environment only lets a page read attributes
of plain values (text, numbers, dates, lists, mappings) and of the types the
caller names, and never change anything.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import BaseLoader, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

_PLAIN = (str, int, float, bool, date, dict, list, tuple, type(None))


class PageSandbox(ImmutableSandboxedEnvironment):
    """Attribute access only on plain values and allow-listed attributes."""

    def __init__(self, allowed: dict[type, frozenset[str]], loader: BaseLoader | None,
                 undefined: type[Undefined], globals_: dict[str, Any], filters: dict[str, Any]):
        super().__init__(loader=loader, undefined=undefined, autoescape=False)
        self._allowed = allowed
        self.globals.update(globals_)
        self.filters.update(filters)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, _PLAIN):
            return True
        return any(isinstance(obj, kind) and attr in names for kind, names in self._allowed.items())
