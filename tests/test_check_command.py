"""Editors' check command and the build stop on bad data with the same messages."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, run_build

BAD_PROJECT = "title: X\narea: e-government\nstatus: in Arbeit\nsummary: S\ntowns: [brakel]\nreviewed: 2026-01-01\n"
EXPECTED = ("data/projects/kaputt.yml:3: status: 'in Arbeit' ist nicht erlaubt "
            "(erlaubt: idee, geplant, laufend, pausiert, abgeschlossen)")


def check(data_dir) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(data_dir)],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "HUB_TODAY": "2026-11-25"})


def test_check_passes_on_the_starter_data():
    result = check(ROOT / "data")
    assert result.returncode == 0, result.stderr
    assert "Daten in Ordnung: 11 Mitglieder" in result.stdout


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
