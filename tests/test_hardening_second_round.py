"""The second round of attacks: what the browser builds, what the theme re-inserts, mkdocs.yml as
untrusted input, work without bounds and text that is not what it seems.

Each test names one class of attack and fails without the rule that stops it.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import unicodedata

import pytest
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError

from macros.build.page_sandbox import PageSandbox
from macros.data.hidden_text import ALLOWED, BLANK_LETTERS, HIDDEN, hidden_characters
from macros.data.load import load_text
from macros.data.source_files import source_problems
from macros.outputs.exports import Collection, Field, write_csv
from tests.conftest import append, data_problems, run_build


def check(project) -> subprocess.CompletedProcess:
    """``python -m macros check`` in ``project``; its report is on stderr."""
    # A bound on a hang, not a speed goal: linear work is done in a second or two.
    return subprocess.run([sys.executable, "-m", "macros", "check"], cwd=project, capture_output=True, text=True,
                          timeout=120)


# --- work without bounds ------------------------------------------------------------------------

# Each took quadratic time in the page check: about 12 s for 60 KB, hours for the pages below.
ADVERSARIAL_PAGES = {"unclosed-expressions": "{{ " * 300_000, "nested-links": "](" * 450_000}


@pytest.mark.parametrize("text", ADVERSARIAL_PAGES.values(), ids=ADVERSARIAL_PAGES.keys())
def test_the_page_check_takes_linear_time_on_adversarial_pages(project_copy, text):
    (project_copy / "docs" / "gross.md").write_text("# Groß\n\n" + text, encoding="utf-8")
    result = check(project_copy)
    assert result.returncode == 0, result.stderr


def test_a_page_over_the_size_limit_is_named(project_copy):
    (project_copy / "docs" / "riesig.md").write_text("# Riesig\n\n" + "Wort " * 220_000, encoding="utf-8")
    result = check(project_copy)
    assert result.returncode != 0 and "docs/riesig.md:1: Die Seite ist größer als 1 MB" in result.stderr


@pytest.fixture(scope="module")
def sandbox() -> PageSandbox:
    return PageSandbox(allowed={}, loader=None, undefined=StrictUndefined, globals_={}, filters={})


@pytest.mark.parametrize("template", [
    '{{ "a".ljust(10**9) }}',
    '{{ "a".center(1000000000) }}',
    '{{ "a"|center(1000000000) }}',
    '{{ "x"|indent(10**9, true) }}',
    '{{ "%999999999s" % 1 }}',
    '{{ "{:>999999999}".format(1) }}',
    '{{ "{0:>{1}}".format(1, 999999999) }}',
    '{{ lipsum(10**8) }}',
])
def test_the_sandbox_refuses_to_allocate_without_bound(sandbox, template):
    # Without the rule the first ones allocate a gigabyte and only then fail on the output size.
    with pytest.raises(SecurityError, match="als Breite oder Anzahl"):
        sandbox.from_string(template).render()


def test_the_sandbox_still_formats_ordinary_text(sandbox):
    assert sandbox.from_string('{{ "ab".ljust(4) }}|{{ "%3s" % 1 }}|{{ "x"|center(3) }}|{{ "{:>2}".format(5) }}'
                               ).render() == "ab  |  1| x | 5"


def test_a_page_that_allocates_stops_the_build_with_its_message(project_copy):
    append(project_copy / "docs" / "strategie.md", '\n{{ "a".ljust(10**9) }}\n')
    build = run_build(project_copy)
    assert build.returncode != 0 and "als Breite oder Anzahl" in build.output


# --- text that is not what it seems ---------------------------------------------------------------

def test_hidden_characters_cover_every_format_and_control_character():
    missed = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if (unicodedata.category(chr(code)) in ("Cf", "Cc") or chr(code) in BLANK_LETTERS)
              and chr(code) not in ALLOWED and not HIDDEN.fullmatch(chr(code))]
    assert missed == []
    assert hidden_characters("Stra\u00dfe mit wei\u00adchem Trenn\u00adstrich\tund Zeile\n") == []


@pytest.mark.parametrize("title, code", [
    ("Digital\u200bnetzwerk", "U+200B"),           # zero-width space inside a word
    ("Projekt \u202eelif.exe", "U+202E"),          # right-to-left override
    ("Netz\u2060werk", "U+2060"),                  # word joiner
    ("Titel\U000e0041\U000e0042", "U+E0041"),      # tag characters: text no one sees
])
def test_hidden_characters_in_data_are_refused_with_the_line(data, title, code):
    path = data / "projects" / "versteckt.yml"
    path.write_text(f'title: "{title}"\narea: e-government\nstatus: idee\nsummary: Kurz.\ntowns: [brakel]\n'
                    "reviewed: 2026-11-01\n", encoding="utf-8")
    problems = data_problems(data)
    assert any(p.startswith("data/projects/versteckt.yml:1") and code in p for p in problems), problems


def test_hidden_characters_in_keys_are_refused():
    _, problems = load_text("ti\u200btle: x\n", "data/x.yml")
    assert problems and "U+200B" in problems[0].message


def test_bidi_controls_in_a_page_title_and_body_are_refused(project_copy):
    page = project_copy / "docs" / "strategie.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", '---\ntitle: "Strategie \u202eneztuhcsnetaD"\n', 1)
                    + "\nEin Satz mit \u2066versteckter\u2069 Richtung.\n", encoding="utf-8")
    result = check(project_copy)
    body_line = len(page.read_text(encoding="utf-8").splitlines())
    assert result.returncode != 0
    assert re.search(r"docs/strategie.md:2: .*U\+202E", result.stderr), result.stderr
    assert re.search(rf"docs/strategie.md:{body_line}: .*U\+2066", result.stderr), result.stderr


def test_file_names_that_differ_only_in_case_are_refused(tmp_path):
    for name in ("Bericht.pdf", "bericht.pdf"):
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / name).write_bytes(b"%PDF-1.4\n")
    problems = [str(p) for p in source_problems(tmp_path)]
    assert any("docs/bericht.pdf" in p and "Groß- und Kleinschreibung" in p and "Bericht.pdf" in p
               for p in problems), problems


@pytest.mark.parametrize("cell", ["\uff1dHYPERLINK(\"https://x.example\")", "\uff0b1+1", "\uff0d2", "\uff20SUM(A1)",
                                  " =1+1", "=1+1"])
def test_formula_signs_in_any_width_stay_text_in_csv(cell):
    out = io.StringIO(newline="")
    write_csv(Collection("x", "X", [{"id": "a", "titel": cell}], [Field("id", ""), Field("titel", "")],
                         lambda record: record), out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert rows[1][1] == "'" + cell
