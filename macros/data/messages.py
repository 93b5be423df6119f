"""Pydantic's validation errors, told in German and located in the file."""

from __future__ import annotations

from difflib import get_close_matches
from functools import lru_cache
from typing import Annotated, Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from macros.data.load import Document
from macros.data.problems import Problem, dotted
from macros.data.rules import LIMIT_MESSAGES, broken_between_fields
from macros.wording import count


def validate(model: type[BaseModel], values: Any, document: Document,
             location: tuple = ()) -> tuple[BaseModel | None, list[Problem]]:
    """Validate ``values`` (found at ``location`` in ``document``) as ``model``."""
    entry, _partial, problems = validate_all(model, values, document, location)
    return entry, problems


def validate_all(model: type[BaseModel], values: Any, document: Document,
                 location: tuple = ()) -> tuple[BaseModel | None, BaseModel | None, list[Problem]]:
    """``validate``, and for values that fail the entry made of their valid fields (or None).

    All problems at once: pydantic checks the rules between fields (an end before the start)
    only once every field is valid, so with a wrong field they are checked here on the fields
    that are valid (``_partial_entry``) – a second round of ``check`` finds nothing new. The
    partial entry is returned for the checks that follow (plausibility on the build day).
    """
    try:
        return model.model_validate(values), None, []
    except ValidationError as error:
        items = error.errors()
    partial = _partial_entry(model, values)
    # The entry's own rules are told from the partial entry, all of them (pydantic stops at the first).
    problems = [_problem(item, document, location, model) for item in items
                if partial is None or not _own_rule(item)]
    if partial is not None:
        problems += [_problem({"type": "value_error", "loc": (), "msg": message, "ctx": {"error": message}},
                              document, location, model) for message in _rule_messages(partial)]
    return None, partial, problems


def _own_rule(item: dict) -> bool:
    return item["type"] == "value_error" and not item["loc"]


def _partial_entry(model: type[BaseModel], values: Any) -> BaseModel | None:
    """The fields of ``values`` that are valid on their own, as an unchecked ``model`` (for the
    rules between fields and the plausibility checks); None if ``values`` has no fields."""
    if not isinstance(values, dict):
        return None
    valid = {}
    for name in model.model_fields:
        if name in values:
            try:
                valid[name] = _field_adapter(model, name).validate_python(values[name])
            except ValidationError:
                continue
    return model.model_construct(**valid)


@lru_cache(maxsize=512)
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, info])


def _rule_messages(partial: BaseModel) -> list[str]:
    """The messages of the model's rules between fields (macros/data/rules.py) for ``partial``."""
    return [f"{rule.field}: {rule.text(partial)}" for rule in broken_between_fields(partial)]


def _problem(item: dict, document: Document, location: tuple, model: type[BaseModel]) -> Problem:
    loc = tuple(item["loc"])
    message = _german(item)
    if item["type"] == "extra_forbidden":
        message += _near_miss(model, loc)
    # Model-level rules name their field at the start of the message ("end: ...").
    field_name, sep, rest = message.partition(": ")
    if item["type"] == "value_error" and sep and " " not in field_name:
        loc, message = (*loc, field_name), rest
    full = (*location, *loc)
    line = document.line_of(full)
    return Problem(document.path, line, dotted(loc), message)



def _near_miss(model: type[BaseModel], loc: tuple) -> str:
    """' – meinten Sie 'lead'?' for a misspelled field, found in the (nested) model it belongs to."""
    owner = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = owner.model_fields.get(part) if isinstance(owner, type) and issubclass(owner, BaseModel) else None
        owner = _inner_model(field.annotation) if field else None
        if owner is None:
            return ""
    close = get_close_matches(str(loc[-1]), sorted(owner.model_fields), n=1, cutoff=0.7)
    return f" – meinten Sie '{close[0]}'?" if close else ""


def _inner_model(annotation) -> type[BaseModel] | None:
    """The model inside ``X | None`` or ``list[X]``, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def german_error(item: dict) -> str:
    """One pydantic error as a German sentence, with the field it is about."""
    where = ".".join(str(part) for part in item.get("loc", ()) if not isinstance(part, int))
    return f"{where}: {_german(item)}" if where else _german(item)


def _german(item: dict) -> str:
    kind = item["type"]
    ctx = item.get("ctx") or {}
    value = item.get("input")
    if kind == "missing":
        return "Pflichtfeld fehlt"
    if kind == "extra_forbidden":
        return "unbekanntes Feld (Tippfehler? Erlaubte Felder stehen in docs/redaktion/felder.md)"
    if kind == "literal_error":
        allowed = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"'{value}' ist nicht erlaubt (erlaubt: {allowed})"
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    if kind in ("string_type", "string_sub_type"):
        return "muss Text sein (bei Zahlen oder Ja/Nein-Werten bitte in Anführungszeichen)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "muss eine ganze Zahl sein (ohne Punkt, Komma oder Einheit)"
    if kind in ("float_type", "float_parsing"):
        return "muss eine Zahl sein"
    if kind in ("bool_type", "bool_parsing"):
        return "muss true oder false sein"
    if kind == "list_type":
        return "muss eine Liste sein (jede Zeile mit '- ' beginnen)"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "muss ein Abschnitt mit Feldern sein (Feldname: Wert)"
    if kind == "too_short":
        return f"braucht mindestens {count(int(ctx.get('min_length', 1)), 'Eintrag', 'Einträge')}"
    if kind == "string_too_long" or (kind == "too_long" and isinstance(item.get("input"), str)):
        # Text: characters (a BeforeValidator makes pydantic report text as "too_long", as for lists).
        actual = len(item["input"]) if isinstance(item.get("input"), str) else None
        limit = ctx.get("max_length")
        return (LIMIT_MESSAGES["too_long"].format(max=limit)
                + (LIMIT_MESSAGES["too_long_by"].format(actual=actual, over=actual - int(limit))
                   if actual and limit else ""))
    if kind == "too_long":
        return (f"hat zu viele Einträge: höchstens {ctx.get('max_length')} erlaubt, "
                f"hier {ctx.get('actual_length')}")
    if kind in ("greater_than_equal", "greater_than"):
        return LIMIT_MESSAGES["minimum"].format(min=ctx.get("ge", ctx.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return LIMIT_MESSAGES["maximum"].format(max=ctx.get("le", ctx.get("lt")))
    if kind == "string_pattern_mismatch":
        return f"'{value}' hat nicht das erwartete Format"
    return f"ungültiger Wert ({item['msg']})"
