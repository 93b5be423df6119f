"""Editors' check command and the build stop on bad data with the same messages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE_DATA, ROOT, run_build

BAD_PROJECT = "title: X\narea: e-government\nstatus: in Arbeit\nsummary: S\ntowns: [brakel]\nreviewed: 2026-01-01\n"
EXPECTED = ("data/projects/kaputt.yml:3: status: 'in Arbeit' ist nicht erlaubt "
            "(erlaubt: idee, geplant, laufend, pausiert, abgeschlossen, unbekannt)")


def check(data_dir, *options, today: str | None = "2026-11-25") -> subprocess.CompletedProcess:
    env = {**os.environ, "HUB_TODAY": today} if today else {k: v for k, v in os.environ.items() if k != "HUB_TODAY"}
    return subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(data_dir), *options],
                          capture_output=True, text=True, cwd=ROOT, env=env)


def test_check_passes_on_the_real_and_the_example_data():
    result = check(ROOT / "data", today=None)
    assert result.returncode == 0, result.stderr
    assert "Daten in Ordnung: 11 Mitglieder" in result.stdout
    assert check(EXAMPLE_DATA, "--docs", str(ROOT / "docs")).returncode == 0


def test_check_fails_with_file_line_and_german_message(project_copy):
    (project_copy / "data" / "projects" / "kaputt.yml").write_text(BAD_PROJECT, encoding="utf-8")
    result = check(project_copy / "data")
    assert result.returncode == 1
    assert EXPECTED in result.stderr


def test_build_stops_on_bad_data_with_the_same_message(project_copy):
    (project_copy / "data" / "projects" / "kaputt.yml").write_text(BAD_PROJECT, encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert EXPECTED in build.output
    assert not (project_copy / "site" / "index.html").exists()


@pytest.mark.parametrize("command", [["-c", "import macros.data.catalog"], ["-m", "macros", "check"]])
def test_the_core_and_the_check_import_no_generator(command):
    """The core runs without MkDocs, Jinja or exporters: a move to another generator stays cheap."""
    result = subprocess.run([sys.executable, "-X", "importtime", *command], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "HUB_TODAY": "2026-11-26"})
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "macros.data.catalog" in loaded
    heavy = {"mkdocs", "jinja2", "icalendar", "feedgen", "zxingcpp", "nh3", "markdown", "material"}
    assert not loaded & heavy, loaded & heavy
