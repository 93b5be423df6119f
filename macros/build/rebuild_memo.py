"""Answers kept from one build of ``mkdocs serve`` to the next.

A rebuild after one changed file asks most questions the last build asked: the same
YAML text to parse, the same entry content to scan. ``LastBuildMemo`` answers those
from the last build and computes only what is new; what a build no longer asks for
is let go with the build after it, so it never holds more than two builds' answers.
Only for pure functions: the answer must depend on the arguments alone (and on the
``context`` that a build names, such as the allowed scripts).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class LastBuildMemo:
    """``memo(*arguments)`` is ``compute(*arguments)``, taken from the last build where it asked the same."""

    def __init__(self, compute: Callable[..., Any]) -> None:
        self._compute = compute
        self._context: Hashable = None
        self._last: dict = {}
        self._now: dict = {}
        self.reused = 0

    def next_build(self, context: Hashable = None) -> None:
        """A new build begins; answers of another ``context`` are not reused."""
        self._last = self._now if context == self._context else {}
        self._now, self._context, self.reused = {}, context, 0

    def __call__(self, *arguments):
        if arguments in self._now:
            return self._now[arguments]
        if arguments in self._last:
            self.reused += 1
            answer = self._last[arguments]
        else:
            answer = self._compute(*arguments)
        self._now[arguments] = answer
        return answer
