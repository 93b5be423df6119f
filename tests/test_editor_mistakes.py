"""Editor mistakes in pages, posts and data: each gets a German file:line message from check, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import BUILD_DATE, ROOT, append

# (file under the project, text to add or replace, expected fragment of the message, with the file:line prefix)
MISTAKES = {
    "misspelled macro": ("docs/strategie.md", "\n{{ projects_overviw() }}\n",
                         "docs/strategie.md:{end}: Das Makro 'projects_overviw' gibt es nicht (meinten Sie "
                         "'projects_overview'?)"),
    "variable in running text": ("docs/strategie.md", "\nHallo {{ Name }}!\n",
                                 "docs/strategie.md:{end}: '{{{{ Name }}}}' ist kein Makroaufruf"),
    "unknown id in entry_link": ("docs/strategie.md", '\n{{ entry_link("projects", "e-akt") }}\n',
                                 "docs/strategie.md:{end}: entry_link: den Eintrag 'e-akt' (projects) gibt es "
                                 "nicht (meinten Sie 'e-akte'?)"),
    "unknown kind in entry_link": ("docs/strategie.md", '\n{{ entry_link("projekt", "e-akte") }}\n',
                                   "docs/strategie.md:{end}: entry_link: die Art 'projekt' gibt es nicht"),
    "unknown contact": ("docs/strategie.md", '\n{{ contact_box("geschaeftstelle") }}\n',
                        "docs/strategie.md:{end}: contact_box: die öffentliche Ansprechstelle 'geschaeftstelle' "
                        "gibt es nicht (meinten Sie 'geschaeftsstelle'?)"),
    "broken link": ("docs/strategie.md", "\n[Projekte](projekt/index.md)\n",
                    "docs/strategie.md:{end}: Der Link auf 'projekt/index.md' führt ins Leere"),
    "unknown front matter key": ("docs/beratung.md", ("---\n", "---\nautor: Max\n"),
                                 "docs/beratung.md:2: Kopf der Seite: 'autor' ist im Kopf der Seite nicht erlaubt"),
    "unknown news category": ("docs/aktuelles/posts/digitalnetzwerk-gegruendet.md",
                              ("  - Netzwerk", "  - Netzwerke"),
                              "categories: Die Kategorie 'Netzwerke' gibt es nicht (meinten Sie 'Netzwerk'?)"),
    "German date in a post": ("docs/aktuelles/posts/digitalnetzwerk-gegruendet.md",
                              ("date: 2026-11-25", "date: 25.11.2026"),
                              "date: '25.11.2026' ist kein Datum im Format JJJJ-MM-TT"),
    "misspelled field in data": ("data/projects/e-akte.yml", ("lead: geschaeftsstelle", "laed: geschaeftsstelle"),
                                 "data/projects/e-akte.yml:10: laed: unbekanntes Feld"),
    "tab in data": ("data/projects/e-akte.yml", ("area: e-government", "area:\te-government\n\ttopics: []"),
                    "data/projects/e-akte.yml:5: In dieser Zeile steht ein Tabulatorzeichen"),
}


def _find_post(project):
    return project / "docs" / "aktuelles" / "posts" / "digitalnetzwerk-gegruendet.md"


@pytest.mark.parametrize("case", MISTAKES)
def test_each_mistake_gets_a_german_message_with_file_and_line(project_copy, case):
    file, change, expected = MISTAKES[case]
    path = project_copy / file if "posts" not in file else _find_post(project_copy)
    text = path.read_text(encoding="utf-8")
    if isinstance(change, tuple):
        assert change[0] in text, "the case no longer fits the example data"
        path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    else:
        append(path, change)
    end = len(path.read_text(encoding="utf-8").splitlines())
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project_copy / "data")],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "HUB_TODAY": BUILD_DATE})
    assert result.returncode == 1, result.stdout
    assert expected.format(end=end) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_misspelled_field_in_a_nested_section_gets_a_suggestion(data):
    from tests.conftest import data_problems

    append(data / "projects" / "e-akte.yml", "links:\n  - titel: Projektseite\n    url: https://example.org/\n")
    assert any("titel: unbekanntes Feld" in p and "meinten Sie 'title'?" in p for p in data_problems(data))


def test_a_new_entry_fails_the_check_until_its_template_text_is_replaced(project_copy):
    from datetime import date

    from macros.commands.new_entry import create_entry

    path = create_entry(project_copy / "data", "projects", "Neues Vorhaben", date.fromisoformat(BUILD_DATE))
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project_copy / "data")],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "HUB_TODAY": BUILD_DATE})
    assert result.returncode == 1
    assert f"data/projects/{path.name}:" in result.stderr and "Kurzbeschreibung folgt" in result.stderr


def test_extra_settings_in_mkdocs_yml_are_checked(project_copy):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    kontakt/: anlaufstelle.md", "    kontakt/: anlaufstele.md")
                      .replace("    - javascripts/filter.js\n", "    - javascripts/filtr.js\n", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "anlaufstele" in row)
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project_copy / "data")],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "HUB_TODAY": BUILD_DATE})
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}: extra.redirects: 'kontakt/' leitet auf 'anlaufstele.md' weiter" in result.stderr
    assert "extra.allowed_static_files: 'javascripts/filtr.js' gibt es unter docs/ nicht" in result.stderr


@pytest.mark.parametrize("call, expected", [
    ('{{ projects_overview(farbe="rot") }}', "Das Makro projects_overview() kennt keine Angabe 'farbe'."),
    ('{{ entry_link("projects") }}', "Dem Makro entry_link() fehlt eine Angabe in den Klammern"),
])
def test_a_macro_called_with_wrong_arguments_is_named_in_german(project_copy, call, expected):
    from tests.conftest import run_build

    page = project_copy / "docs" / "beratung.md"
    append(page, f"\n{call}\n")
    build = run_build(project_copy)
    assert build.returncode == 1
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert f"docs/beratung.md:{line}: {expected}" in build.output, build.output
    assert "argument" not in build.output
