"""German wording: how dates and numbers read, and phrases that depend on a number or on today;
one place for each."""

from __future__ import annotations

from datetime import date

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")


def german_date(value: date) -> str:
    """31.12.2025: how dates read on the site and in messages."""
    return value.strftime("%d.%m.%Y")


def german_date_long(value: date) -> str:
    """31. Dezember 2025"""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def thousands(number: int) -> str:
    """5.700.000: whole numbers with dots between the thousands."""
    return f"{number:,}".replace(",", ".")


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
