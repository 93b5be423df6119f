"""Rules between the fields of one entry, and of a date against the build day.

Declared once, as data, on each model (``rules``) and used in three places: the model's
validation (``check`` and the build), the plausibility check on the build day
(``not_future``), and the form editor, which receives them with its configuration
(macros/outputs/editor.py) and applies them in the browser with the same messages
(macros/static/editor/rules.js). A rule of a new kind needs its test in both places.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from macros.wording import german_date, thousands

Test = Literal["not_before", "after", "not_above", "one_of", "given_unless", "only_without", "not_future"]
# Rules about one field alone: the form checks them at the field, wherever it stands.
SINGLE_FIELD: tuple[Test, ...] = ("not_future",)
# What the messages say about text length and number ranges; check (messages.py) and the
# form (formats.json) fill in the same templates.
LIMIT_MESSAGES = {
    "too_long": "ist zu lang: höchstens {max} Zeichen erlaubt",
    "too_long_by": ", hier {actual}; bitte um {over} Zeichen kürzen",
    "minimum": "muss mindestens {min} sein",
    "maximum": "darf höchstens {max} sein",
}


@dataclass(frozen=True)
class Rule:
    """One rule; the problem is reported at ``field``.

    not_before: ``field`` lies not before ``other`` (both given). after: strictly after.
    not_above: not more than ``other``. one_of: ``field`` or ``other`` is given.
    given_unless: ``field`` is given unless ``other`` equals ``unless``. only_without:
    ``field`` may be false only while ``other`` is empty (the editor derives it).
    not_future: the date lies not after the build day.
    ``message`` may name ``{value}`` and ``{other_value}``, shown as they read on the site.
    """

    test: Test
    field: str
    message: str
    other: str = ""
    unless: str = ""

    @property
    def single_field(self) -> bool:
        return self.test in SINGLE_FIELD

    def broken(self, entry: Any, today: date | None = None) -> bool:
        """Whether ``entry`` (a model, possibly built from its valid fields only) breaks the rule."""
        value, other = getattr(entry, self.field, None), getattr(entry, self.other, None) if self.other else None
        if self.test == "not_future":
            return today is not None and _given(value) and _first_day(value) > today
        if self.test == "one_of":
            return not _given(value) and not _given(other)
        if self.test == "given_unless":
            return not _given(value) and other is not None and other != self.unless
        if self.test == "only_without":
            return value is False and _given(other)
        if not (_given(value) and _given(other)):
            return False
        if self.test == "not_before":
            return value < other
        if self.test == "after":
            return value <= other
        return value > other  # not_above

    def text(self, entry: Any) -> str:
        """The message for ``entry``, its values written as the site writes them."""
        return self.message.format(value=shown(getattr(entry, self.field, None)),
                                   other_value=shown(getattr(entry, self.other, None) if self.other else None))

    def as_data(self) -> dict[str, str]:
        """The rule for the form editor (rules.js), without empty keys."""
        return {key: value for key, value in asdict(self).items() if value}


def _given(value: object) -> bool:
    return value is not None and value != "" and value is not False and value != []


def _first_day(value: object) -> date:
    return getattr(value, "first_day", value)  # PartialDate: its first day


def shown(value: object) -> str:
    """A value in a message: dates as on the site (31.12.2026, Februar 2023), sums with thousands dots."""
    if isinstance(value, date):
        return german_date(value)
    if hasattr(value, "german"):
        return value.german
    if isinstance(value, int) and not isinstance(value, bool):
        return thousands(value)
    return "" if value is None else str(value)


def rules_of(model: type[BaseModel]) -> tuple[Rule, ...]:
    return getattr(model, "rules", ())


def broken_between_fields(entry: BaseModel) -> list[Rule]:
    """The rules between fields that ``entry`` breaks (not its parts': they check themselves)."""
    return [rule for rule in rules_of(type(entry)) if not rule.single_field and rule.broken(entry)]


def broken_on(entry: BaseModel, today: date, location: tuple = ()) -> Iterator[tuple[tuple, Rule, BaseModel]]:
    """(location, rule, part) for every rule against the build day that ``entry`` or a part breaks."""
    for rule in rules_of(type(entry)):
        if rule.single_field and rule.broken(entry, today):
            yield (*location, rule.field), rule, entry
    for name in type(entry).model_fields:
        value = getattr(entry, name, None)
        if isinstance(value, BaseModel):
            yield from broken_on(value, today, (*location, name))
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from broken_on(item, today, (*location, name, index))
