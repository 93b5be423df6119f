"""Editing through pull requests: edit links, editor schemas, new entries, pipelines."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from datetime import date

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from macros.__main__ import build_parser, github_annotation
from macros.commands.new_entry import EntryExists, create_entry
from macros.commands.schemas import data_schemas, render_schema
from macros.data.catalog import load_catalog
from macros.data.load import load_file
from macros.data.models import slug_from_title
from macros.data.problems import Problem
from macros.outputs.redirects import REDIRECT_MARKER
from tests.conftest import EXAMPLE_DATA, GITLAB_REPOSITORY, ROOT, site_pages

REPOSITORY = "https://github.com/digitalnetzwerk-kreis-hoexter/wissensplattform/"
EDIT_BASE = REPOSITORY + "edit/main/"
FOLDER_BASE = REPOSITORY + "tree/main/"  # listings made from a whole folder (blog archive)


def test_every_page_has_an_edit_link_to_its_real_source(example_site):
    pages = [p for p in site_pages(example_site.site)
             if REDIRECT_MARKER not in p.read_text(encoding="utf-8")[:300]]
    assert len(pages) > 20
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = page.select("a[rel=edit]")
        assert len(links) == 1, path
        href = links[0]["href"]
        if href.startswith(FOLDER_BASE):
            assert (example_site.project / href.removeprefix(FOLDER_BASE)).is_dir(), (path, href)
        else:
            assert href.startswith(EDIT_BASE), (path, href)
            assert (example_site.project / href.removeprefix(EDIT_BASE)).is_file(), (path, href)


def test_generated_pages_edit_their_yaml(example_site):
    page = BeautifulSoup(example_site.page("projekte/e-akte/"), "html.parser")
    link = page.select_one("a[rel=edit]")
    assert link["href"] == EDIT_BASE + "data/projects/e-akte.yml"
    assert "Daten bearbeiten" in link.get_text()
    town = BeautifulSoup(example_site.page("staedte/brakel/"), "html.parser")
    assert town.select_one("a[rel=edit]")["href"] == EDIT_BASE + "data/towns.yml"


def test_repository_link_makes_no_api_request(example_site):
    for path, html in example_site.all_text_files():
        # Material fetches repository facts from the GitHub API for this component.
        assert 'data-md-component="source"' not in html, path


def test_committed_schemas_are_fresh():
    for name, schema in data_schemas().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == render_schema(schema), f"schemas/{name} ist veraltet: python -m macros schemas"


def test_field_reference_is_fresh_and_names_every_field():
    from macros.commands.field_reference import REFERENCE_FILE, field_reference
    from macros.kinds import REGISTRY

    committed = (ROOT / REFERENCE_FILE).read_text(encoding="utf-8")
    assert committed == field_reference(), "docs/redaktion/felder.md ist veraltet: python -m macros schemas"
    for kind in REGISTRY.values():
        for name in kind.model.model_fields:
            assert f"| `{name}` |" in committed, (kind.key, name)


def test_editor_settings_are_generated_from_the_registry():
    from macros.commands.schemas import EDITOR_SETTINGS, editor_settings
    from macros.kinds import REGISTRY

    assert (ROOT / EDITOR_SETTINGS).read_text(encoding="utf-8") == editor_settings(), \
        ".vscode/settings.json ist veraltet: python -m macros schemas"
    mapped = json.loads(editor_settings())["yaml.schemas"]
    for kind in REGISTRY.values():
        assert mapped[f"./schemas/{kind.schema_file}"] == kind.data_glob


def test_nothing_in_the_repository_points_outside_it():
    outside = "shared/" + "DATA-CONTRACT"  # spelled apart so that this file does not match itself
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path.suffix in (".py", ".md", ".yml", ".yaml", ".html", ".toml", ".json", ".txt") and path.is_file():
            assert outside not in path.read_text(encoding="utf-8", errors="replace"), name


def test_every_field_has_a_german_description():
    for name, schema in data_schemas().items():
        nodes = [schema, schema.get("items", {}), *schema.get("$defs", {}).values()]
        for node in nodes:
            for field, prop in node.get("properties", {}).items():
                assert prop.get("description"), f"{name}: {field}"
                assert not re.search(r"\b(the|of|and|is)\b", prop["description"]), f"{name}: {field}"


def data_files():
    for path in sorted((EXAMPLE_DATA).rglob("*.yml")):
        # schemas are named like the data: data/projects/*.yml → projects, data/towns.yml → towns
        kind = path.stem if path.parent.name == "data" else path.parent.name
        yield path, kind


@pytest.mark.parametrize("path, kind", list(data_files()), ids=lambda v: getattr(v, "name", v))
def test_data_file_names_its_schema_and_validates(path, kind):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first_line)
    assert match, path
    schema_path = (path.parent / match.group(1)).resolve()
    assert schema_path == ROOT / "schemas" / f"{kind}.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    document, problems = load_file(path, path.name)
    assert problems == []
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document.data)


def test_schema_rejects_what_the_check_rejects():
    schema = json.loads((ROOT / "schemas" / "projects.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    good = {"title": "T", "area": "e-government", "status": "idee", "summary": "S",
            "towns": ["brakel"], "reviewed": "2026-01-01"}
    assert validator.is_valid(good)
    for bad in ({**good, "status": "in Arbeit"}, {**good, "statsu": "x"}, {**good, "towns": ["Brakel"]},
                {k: v for k, v in good.items() if k != "summary"}, {**good, "reviewed": "15.01.2026"}):
        assert not validator.is_valid(bad), bad


@pytest.mark.parametrize("title, expected", [
    ("Smarte Nahversorgung für Höxter", "smarte-nahversorgung-fuer-hoexter"),
    ("Straße & Grünfläche – Übersicht", "strasse-gruenflaeche-uebersicht"),
    ("E-Akte 2.0 (Pilot)", "e-akte-2-0-pilot"),
    ("Café Élysée", "cafe-elysee"),
])
def test_ids_are_transliterated(title, expected):
    assert slug_from_title(title) == expected


@pytest.mark.parametrize("kind", ["projects", "funding", "trainings", "shared_services"])
def test_new_entry_passes_the_check_and_is_not_overwritten(tmp_path, kind):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    path = create_entry(data, kind, "Digitale Bürgerdienste: Straße \"Nord\"", date(2026, 11, 25))
    assert path.name == "digitale-buergerdienste-strasse-nord.yml"
    catalog = load_catalog(data, today=date(2026, 11, 25), docs_dir=ROOT / "docs")
    entry = getattr(catalog, kind)["digitale-buergerdienste-strasse-nord"]
    assert entry.title == "Digitale Bürgerdienste: Straße \"Nord\""
    assert entry.reviewed == date(2026, 11, 25)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(EntryExists):
        create_entry(data, kind, "Digitale Bürgerdienste: Straße Nord", date(2026, 11, 26))
    assert path.read_text(encoding="utf-8") == before


def test_github_annotation_marks_the_line():
    problem = Problem("data/projects/a,b.yml", 4, "status", "'x' ist nicht erlaubt: 100%")
    assert github_annotation(problem) == (
        "::error file=data/projects/a%2Cb.yml,line=4,title=Datenfehler::status: 'x' ist nicht erlaubt: 100%25")


def commands_in(text: str) -> list[list[str]]:
    """Shell commands from ``run:``/``script:``/``entry:`` values."""
    found = []
    for line in text.splitlines():
        line = line.strip().removeprefix("- ").strip()
        for key in ("run:", "entry:"):
            if line.startswith(key):
                line = line.removeprefix(key).strip()
        if line.startswith(("python ", "mkdocs ")):
            words = shlex.split(line)
            cut = next((i for i, w in enumerate(words) if w in (">", ">>", "|", "&&", ";")), len(words))
            found.append(words[:cut])  # the command itself, without what the shell does with its output
    return found


@pytest.mark.parametrize("path", [".github/workflows/site.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"])
def test_pipelines_are_valid_and_run_existing_commands(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict)
    commands = commands_in(text)
    assert any(c[:4] == ["python", "-m", "macros", "check"] for c in commands), commands
    if path != ".pre-commit-config.yaml":
        assert ["mkdocs", "build", "--strict"] in commands
    for command in commands:
        if command[:3] == ["python", "-m", "macros"]:
            build_parser().parse_args(command[3:])  # exits on an unknown subcommand or option


def test_github_workflow_checks_pull_requests_without_secrets_and_deploys_main():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key "on" as True
    assert "secrets." not in (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    assert "--format github" in (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    assert workflow["jobs"]["deploy"]["if"].endswith("refs/heads/main'")


def test_local_habits_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "build", "check", "test"):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
    assert (ROOT / ".editorconfig").is_file()
    codeowners = (ROOT / "CODEOWNERS").read_text(encoding="utf-8")  # the root: GitHub and GitLab read it
    assert re.search(r"^/macros/\s+\S*technik", codeowners, flags=re.M)
    assert re.search(r"^/data/\s+\S*redaktion", codeowners, flags=re.M)
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "- [ ]" in template
    assert (ROOT / ".gitlab/merge_request_templates/Default.md").read_text(encoding="utf-8") == template


def test_contributor_guide_is_in_the_navigation(example_site):
    page = BeautifulSoup(example_site.page("mitmachen/"), "html.parser")
    text = page.get_text()
    # The way through both web interfaces, in their own words, and the editor.
    assert "Propose changes" in text and "Merge Request erstellen" in text
    assert page.select_one('a[href="../redaktion/editor/"]')
    home = BeautifulSoup(example_site.page(""), "html.parser")
    assert home.select_one('nav a[href="mitmachen/"]')


def test_edit_links_take_the_form_of_the_configured_host(example_site, variant_site):
    """GitHub (the configured host of the example site) and GitLab (the variant site's)."""
    def links(build):
        page = BeautifulSoup(build.page("strategie/"), "html.parser").select_one("a[rel=edit]")["href"]
        archive = BeautifulSoup(build.page("aktuelles/archiv/2026/"), "html.parser").select_one("a[rel=edit]")["href"]
        return page, archive

    github = "https://github.com/digitalnetzwerk-kreis-hoexter/wissensplattform"
    assert links(example_site) == (f"{github}/edit/main/docs/strategie.md", f"{github}/tree/main/docs/aktuelles/posts")
    gitlab = GITLAB_REPOSITORY
    assert links(variant_site) == (f"{gitlab}/-/edit/main/docs/strategie.md", f"{gitlab}/-/tree/main/docs/aktuelles/posts")


def test_gitlab_gets_a_code_quality_report(project_copy):
    (project_copy / "data" / "projects" / "kaputt.yml").write_text("title: x\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--format", "gitlab", "--data",
                             str(project_copy / "data")], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "HUB_TODAY": "2026-11-25"})
    assert result.returncode == 1
    report = json.loads(result.stdout)  # stdout is the report alone; the German list goes to stderr
    issue = next(i for i in report if i["location"]["path"] == "data/projects/kaputt.yml")
    assert issue["location"]["lines"]["begin"] >= 1 and issue["severity"] and len(issue["fingerprint"]) == 64
    assert "Pflichtfeld fehlt" in result.stderr
