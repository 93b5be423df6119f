"""Answers kept from one build of ``mkdocs serve`` to the next.

A rebuild after one changed file asks most questions the last build asked: the same
YAML text to parse, the same entry content to scan. ``LastBuildMemo`` answers those
from the last build and computes only what is new; what a build no longer asks for
is let go with the build after it, so it never holds more than two builds' answers.
Only for pure functions: the answer must depend on the arguments alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class LastBuildMemo:
    """``memo(*arguments)`` is ``compute(*arguments)``, taken from the last build where it asked the same."""

    def __init__(self, compute: Callable[..., Any]) -> None:
        self._compute = compute
        self._last: dict = {}
        self._now: dict = {}

    def next_build(self) -> None:
        """A new build begins: the answers of the one before it are let go."""
        self._last, self._now = self._now, {}

    def __call__(self, *arguments):
        if arguments in self._now:
            return self._now[arguments]
        if arguments in self._last:
            answer = self._last[arguments]
        else:
            answer = self._compute(*arguments)
        self._now[arguments] = answer
        return answer
