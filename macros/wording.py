"""German wording that depends on a number or on today: one place for each phrase."""

from __future__ import annotations

from datetime import date


def count(number: int, one: str, many: str, none: str | None = None) -> str:
    """'kein Projekt', '1 Projekt', '3 Projekte' (``none`` defaults to 'keine' + ``many``)."""
    if number == 0:
        return none if none is not None else f"keine {many}"
    return f"1 {one}" if number == 1 else f"{number} {many}"


def days_left(deadline: date, today: date) -> str:
    """How a deadline reads on ``today``: 'endet in 12 Tagen', 'endet heute', 'abgelaufen'."""
    days = (deadline - today).days
    if days < 0:
        return "abgelaufen"
    if days == 0:
        return "endet heute"
    if days == 1:
        return "endet morgen"
    return f"endet in {days} Tagen"


def first_heading(markdown: str) -> str | None:
    """The text of a Markdown page's first '# ' heading (its title), if it has one."""
    return next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), None)
