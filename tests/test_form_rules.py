"""The form applies the rules check applies (macros/static/editor/rules.js, run in Node, against
macros/data/rules.py): for every rule the models declare, the same values break it in both, with
the same message; and every rule reaches the form's configuration."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from types import SimpleNamespace

import pytest

from macros.data.models import PartialDate
from macros.data.posts import PUBLISHED_RULE
from macros.data.rules import Rule, rules_of
from macros.kinds import REGISTRY
from macros.outputs.editor import _part_models
from tests.conftest import ROOT

RULES_JS = ROOT / "macros" / "static" / "editor" / "rules.js"
TODAY = date(2026, 12, 2)
RUN = """
import { broken, message } from "./rules.js";
import { readFileSync } from "node:fs";
const number = (value) => typeof value === "number" ? value
  : typeof value === "string" && /^\\s*(\\d{1,3}([. ]\\d{3})+|\\d+)(,\\d+)?\\s*(€|EUR|Euro)?\\s*$/.test(value)
    ? Number(value.replace(/€|EUR|Euro|[\\s.]/g, "").replace(",", ".")) : undefined;
const cases = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(({ rule, values, day }) => {
  const isBroken = broken(rule, values, day, number);
  return [isBroken, isBroken ? message(rule, values, number) : null];
})));
"""


def _all_rules() -> set[Rule]:
    models = set()
    for kind in REGISTRY.values():
        models.add(kind.model)
        models.update(_part_models(kind.model).values())
    return {rule for model in models for rule in rules_of(model)} | {PUBLISHED_RULE}


# Values of each kind as the model holds them and as the form holds them.
DATES = [(date(2026, 4, 30), "2026-04-30"), (date(2026, 5, 1), "2026-05-01"), (date(2026, 12, 3), "2026-12-03"),
         (PartialDate(2027), "2027"), (PartialDate(2026, 12), "2026-12"), (None, "")]
DAYS = [pair for pair in DATES if not isinstance(pair[0], PartialDate)]  # what start, end, deadline hold
CLOCKS = [("09:00", "09:00"), ("10:00", "10:00"), (None, "")]
AMOUNTS = [(10_000, "10.000"), (25_000, "25 000 €"), (None, "")]
TEXTS = [("Vorlage 1/2026", "Vorlage 1/2026"), (None, "")]
SWITCHES = [(True, True), (False, False), (None, None)]
CHOICES = [("geplant", "geplant"), ("beschlossen", "beschlossen"), (None, None)]


def _values_for(name: str) -> list[tuple[object, object]]:
    if name in ("start", "end", "opens", "deadline"):
        return DAYS + CLOCKS
    if name.endswith("_eur"):
        return AMOUNTS
    if name in ("online", "deadline_known"):
        return SWITCHES
    if name == "status":
        return CHOICES
    if name in ("url", "reference", "place"):
        return TEXTS
    return DATES


def _cases():
    for rule in sorted(_all_rules(), key=repr):
        others = _values_for(rule.other) if rule.other else [(None, None)]
        for value, shown_value in _values_for(rule.field):
            for other, shown_other in others:
                if rule.test in ("not_before", "after") and None not in (value, other) \
                        and type(value) is not type(other):
                    continue  # a clock beside a date, a month beside a day: no model holds that
                entry = SimpleNamespace(**{rule.field: value, **({rule.other: other} if rule.other else {})})
                form = {rule.field: shown_value, **({rule.other: shown_other} if rule.other else {})}
                yield rule, entry, form


@pytest.fixture(scope="module")
def in_the_form(tmp_path_factory):
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "node fehlt: npm ci und die Systempakete einrichten (siehe README)"
    folder = tmp_path_factory.mktemp("rules")
    shutil.copy(RULES_JS, folder)
    (folder / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    (folder / "run.mjs").write_text(RUN, encoding="utf-8")

    def run(cases: list[tuple[Rule, dict]]) -> list[list]:
        done = subprocess.run([node, "run.mjs"], cwd=folder, capture_output=True, text=True, input=json.dumps(
            [{"rule": rule.as_data(), "values": values, "day": TODAY.isoformat()} for rule, values in cases]))
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


def test_the_form_and_check_break_the_same_rules_with_the_same_message(in_the_form):
    cases = list(_cases())
    assert len({rule.test for rule, _entry, _form in cases}) == 7  # every kind of rule is tried
    results = in_the_form([(rule, form) for rule, _entry, form in cases])
    differ = []
    for (rule, entry, form), (broken_in_form, message_in_form) in zip(cases, results, strict=True):
        broken = rule.broken(entry, TODAY)
        expected = [broken, rule.text(entry) if broken else None]
        if [broken_in_form, message_in_form] != expected:
            differ.append((rule.field, rule.test, form, expected, [broken_in_form, message_in_form]))
    assert differ == []
    assert any(broken for broken, _message in results) and not all(broken for broken, _message in results)


def test_every_rule_reaches_the_form():
    from macros.data.models import EditorSettings
    from macros.outputs.editor import backend, editor_config

    config = json.dumps(editor_config(known={}, categories=[], pages=[], local_backend=None,
                                      chosen=backend("https://github.com/o/r", EditorSettings())), ensure_ascii=False)
    missing = [rule for rule in _all_rules() if rule.test != "only_without" and rule.message not in config]
    assert missing == []
