"""The YAML loader refuses what PyYAML would let through silently."""

from __future__ import annotations

import pytest

from macros.data.load import load_file, load_text


def problems_of(text: str) -> list[str]:
    _, problems = load_text(text, "data/x.yml")
    return [str(p) for p in problems]


def test_plain_values_and_lines():
    document, problems = load_text("a: 1\nb:\n  - x\n  - 'no'\nc: true\nd: 2026-01-02\ne: 1.5\n", "f.yml")
    assert problems == []
    assert document.data == {"a": 1, "b": ["x", "no"], "c": True, "d": "2026-01-02", "e": 1.5}
    assert document.lines[("b", 1)] == 4
    assert document.line_of(("b", 1, "deeper")) == 4


def test_duplicate_key_is_reported_with_both_lines():
    assert problems_of("title: A\nsummary: B\ntitle: C\n") == [
        "data/x.yml:3: title: Das Feld steht doppelt (zuerst in Zeile 1); bitte nur einmal angeben."]


def test_alias_is_refused():
    assert problems_of("a: foo\nb: *x\n") == [
        "data/x.yml:2: Verweise mit '*x' (YAML-Aliase) sind nicht erlaubt; bitte den Wert ausschreiben."]


def test_anchor_is_refused():
    found = problems_of("a: &x foo\n")
    assert found == ["data/x.yml:1: Anker ('&x') sind nicht erlaubt; bitte Werte ausschreiben."]


@pytest.mark.parametrize("word", ["no", "No", "yes", "on", "off", "y", "n", "TRUE", "False"])
def test_yaml11_booleans_are_ambiguous(word):
    found = problems_of(f"public: {word}\n")
    assert found and "mehrdeutig" in found[0] and found[0].startswith("data/x.yml:1: public:")


@pytest.mark.parametrize("number", ["0123", "0o17", "0x1F", "-007"])
def test_numbers_with_leading_zero_are_refused(number):
    found = problems_of(f"budget_eur: {number}\n")
    assert found and "führende Null" in found[0]


def test_quoted_values_are_text():
    document, problems = load_text("a: 'no'\nb: \"0123\"\nc: '2026-01-01'\n", "f.yml")
    assert problems == [] and document.data == {"a": "no", "b": "0123", "c": "2026-01-01"}


def test_python_tags_are_refused():
    found = problems_of("a: !!python/object/apply:os.system ['true']\n")
    assert found and "Markierung" in found[0]


def test_syntax_error_names_the_line():
    found = problems_of("title: A\nsummary: [unclosed\nstatus: x\n")
    assert found and found[0].startswith("data/x.yml:") and "kein gültiges YAML" in found[0]


def test_non_utf8_bytes_name_the_line(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes("title: ok\nsummary: Stra\xdfe\n".encode("latin-1"))
    document, problems = load_file(path, "data/x.yml")
    assert document is None
    assert [str(p) for p in problems] == [
        "data/x.yml:2: Die Datei ist nicht UTF-8-kodiert; bitte im Editor als UTF-8 speichern "
        "(Umlaute sind sonst fehlerhaft)."]


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes("\ufefftitle: Höxter\n".encode())
    document, problems = load_file(path, "data/x.yml")
    assert problems == [] and document.data == {"title": "Höxter"}


def test_both_yaml_backends_agree():
    """libyaml (fast) and pure-Python PyYAML give the same values, lines and problems."""
    from macros.data import load

    text = "a: 1\nb: 'no'\nc: no\nd: |\n  x\ne: [0123, 2.5, true, null]\nf: 2026-01-02\n"
    results = []
    for loader in {load._PythonLoader, load._Loader}:
        original, load._Loader = load._Loader, loader
        try:
            document, problems = load.load_text(text, "x.yml")
        finally:
            load._Loader = original
        results.append((document.data, document.lines, [str(p) for p in problems]))
    assert all(result == results[0] for result in results)
    assert results[0][0]["a"] == 1 and results[0][0]["b"] == "no"
