"""Promises about the repository itself: README commands, CI, dependency pins."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    return [line for block in blocks[:2] for line in block.splitlines() if not line.startswith("#")]


def test_readme_starts_with_the_two_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert "mkdocs build" in commands[0] and "mkdocs serve" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_mkdocs_stays_below_2():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = {re.split(r"[<>=!~ ]", d)[0]: d for d in project["project"]["dependencies"]}
    assert pins["mkdocs"] == "mkdocs>=1.6,<2"
    assert all(re.search(r"<", d) for d in pins.values()), "jede Abhängigkeit braucht eine Obergrenze"


def test_code_passes_ruff():
    import subprocess
    import sys
    from pathlib import Path

    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "macros", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


PIPELINE_SCHEMAS = {".github/workflows/site.yml": "vendor.github-workflows",
                    ".github/workflows/maintenance.yml": "vendor.github-workflows",
                    ".gitlab-ci.yml": "vendor.gitlab-ci"}


def _schema_check(schema: str, path: Path) -> subprocess.CompletedProcess:
    binary = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run([str(binary), "--builtin-schema", schema, str(path)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("name, schema", PIPELINE_SCHEMAS.items())
def test_pipeline_files_pass_their_schema(name, schema):
    result = _schema_check(schema, ROOT / name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_pipeline_file_fails_its_schema(tmp_path):
    broken = tmp_path / "site.yml"
    broken.write_text((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8").replace(
        "timeout-minutes: 20", "timeout-minutes: zwanzig", 1), encoding="utf-8")
    assert _schema_check("vendor.github-workflows", broken).returncode == 1
    gitlab = tmp_path / "gitlab-ci.yml"
    gitlab.write_text((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8").replace(
        "interruptible: false", "interruptible: vielleicht", 1), encoding="utf-8")
    assert _schema_check("vendor.gitlab-ci", gitlab).returncode == 1
