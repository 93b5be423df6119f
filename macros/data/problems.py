"""Problems found in the data: collected, then reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor has to fix, located by file and line."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def dotted(location: tuple) -> str:
    """A place in a data file as editors read it: ``sessions[2].date``."""
    text = ""
    for part in location:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class DataError(Exception):
    """The data has problems; the build must stop and list all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        # Data, pages, posts or configuration: each line names its file.
        head = "1 Problem gefunden" if count == 1 else f"{count} Probleme gefunden"
        lines = [f"{head} (bitte von oben nach unten beheben):"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)
