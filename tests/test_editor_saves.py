"""How the editor writes a file it read (macros/static/editor/yaml-edit.js, run in Node): unchanged
values stay byte for byte, a changed field changes its own lines only, comments survive."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

EDIT = ROOT / "macros" / "static" / "editor" / "yaml-edit.js"
YAML = ROOT / "node_modules" / "yaml" / "browser" / "dist"
RUN = """
import { withChanges } from "./yaml-edit.js";
import { parse } from "./yaml/index.js";
import { readFileSync } from "node:fs";
const cases = JSON.parse(readFileSync(0, "utf8"));
const results = cases.map(({ source, change }) => {
  const after = parse(source) ?? [];
  for (const [path, value] of change) {
    let place = after;
    for (const key of path.slice(0, -1)) place = place[key];
    const last = path[path.length - 1];
    if (value === null) delete place[last]; else if (last === "+") place.push(value); else place[last] = value;
  }
  return withChanges(source, after, (x) => x);
});
process.stdout.write(JSON.stringify(results));
"""


@pytest.fixture(scope="module")
def patch(tmp_path_factory):
    node = shutil.which("node") or shutil.which("nodejs")
    assert node and YAML.is_dir(), "node und das Paket yaml fehlen: npm ci ausführen (siehe README)"
    folder = tmp_path_factory.mktemp("yaml-edit")
    shutil.copy(EDIT, folder)
    shutil.copytree(YAML, folder / "yaml")
    (folder / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    (folder / "run.mjs").write_text(RUN, encoding="utf-8")

    def run(cases: list[tuple[str, list]]) -> list[str | None]:
        done = subprocess.run([node, "run.mjs"], cwd=folder, input=json.dumps(
            [{"source": source, "change": change} for source, change in cases]), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_an_unchanged_file_is_written_as_it_was(patch):
    files = sorted([*(ROOT / "data").rglob("*.yml"), *(ROOT / "examples" / "data").rglob("*.yml")])
    sources = [path.read_text(encoding="utf-8") for path in files]
    assert patch([(source, []) for source in sources]) == sources


def test_a_changed_field_changes_its_lines_only_and_comments_stay(patch):
    source = (ROOT / "examples" / "data" / "projects" / "smarte-nahversorgungsraeume.yml").read_text(encoding="utf-8")
    source = source.replace("lead: geschaeftsstelle\n", "# Federführung laut Förderbescheid\nlead: geschaeftsstelle\n")
    title, summary, budget, gone, added, flow = patch([
        (source, [(["title"], "Smarte Nahversorgung")]),
        (source, [(["summary"], "no")]),  # YAML 1.1 would read it as false: quoted
        (source, [(["budget_eur"], 9000000)]),
        (source, [(["grant_eur"], None)]),
        (source, [(["end"], "2025-12-31")]),
        (source, [(["topics", "+"], "handel")]),
    ])
    assert _changed_lines(source, title) == ["-title: Smarte Nahversorgungsräume der Zukunft",
                                             "+title: Smarte Nahversorgung"]
    assert _changed_lines(source, summary)[-1] == '+summary: "no"' and summary.count("\n") < source.count("\n")
    assert _changed_lines(source, budget) == ["-budget_eur: 8700000", "+budget_eur: 9000000"]
    assert _changed_lines(source, gone) == ["-grant_eur: 5700000"]
    assert _changed_lines(source, added) == ['+end: "2025-12-31"']  # editor.js unquotes the models' dates
    assert _changed_lines(source, flow) == ["-topics: [nahversorgung, mobilitaet, smart-region]",
                                            "+topics: [nahversorgung, mobilitaet, smart-region, handel]"]
    for written in (title, summary, budget, gone, added, flow):
        assert "# Federführung laut Förderbescheid\nlead: geschaeftsstelle\n" in written


def test_a_new_item_of_a_list_file_comes_after_the_others(patch):
    towns = (ROOT / "data" / "towns.yml").read_text(encoding="utf-8")
    meetings = (ROOT / "data" / "meetings.yml").read_text(encoding="utf-8")  # comments only so far
    town, meeting = patch([(towns, [(["+"], {"id": "neu", "name": "Neue Stadt", "kind": "stadt"})]),
                           (meetings, [(["+"], {"id": "ak-1", "title": "Sitzung", "place": "Kreishaus"})])])
    assert _changed_lines(towns, town) == ["+- id: neu", "+  name: Neue Stadt", "+  kind: stadt"]
    assert meeting.startswith(meetings.rstrip("\n") + "\n")
    assert _changed_lines(meetings, meeting) == ["+- id: ak-1", "+  title: Sitzung", "+  place: Kreishaus"]
