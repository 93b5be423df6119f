"""One test per rule of the data contract: each bad input names file, line and field."""

from __future__ import annotations

from datetime import date

import pytest

from macros.data.catalog import load_catalog
from tests.conftest import EXAMPLE_DATA, ROOT, append, data_problems

PROJECT = """\
title: Testprojekt
area: e-government
status: laufend
summary: Ein Projekt für Tests.
towns: [brakel]
reviewed: 2026-01-15
"""
FUNDING = """\
title: Testprogramm
funder: Land NRW
level: land
summary: Ein Programm für Tests.
url: https://www.land.nrw/
reviewed: 2026-01-15
"""






def test_starter_data_is_valid():
    assert data_problems(EXAMPLE_DATA) == []


# (file under data/, content, expected problem: exact "file:line: field:" prefix, then a fragment)
PROJECT_CASES = {
    "missing required field": (PROJECT.replace("title: Testprojekt\n", ""),
                               "data/projects/t.yml:1: title: ", "Pflichtfeld fehlt"),
    "unknown field": (PROJECT + "statsu: laufend\n", "data/projects/t.yml:7: statsu: ", "unbekanntes Feld"),
    "wrong type": (PROJECT + "budget_eur: viel\n", "data/projects/t.yml:7: budget_eur: ", "ganze Zahl"),
    "negative money": (PROJECT + "budget_eur: -5\n", "data/projects/t.yml:7: budget_eur: ", "mindestens 0"),
    "enum": (PROJECT.replace("status: laufend", "status: in Arbeit"),
             "data/projects/t.yml:3: status: ", "'in Arbeit' ist nicht erlaubt (erlaubt: idee, geplant, laufend, pausiert, abgeschlossen, unbekannt)"),
    "area enum": (PROJECT.replace("area: e-government", "area: egov"), "data/projects/t.yml:2: area: ", "erlaubt: smart-region, e-government"),
    "summary too long": (PROJECT.replace("Ein Projekt für Tests.", "x" * 301),
                         "data/projects/t.yml:4: summary: ", "höchstens 300"),
    "empty text": (PROJECT.replace("title: Testprojekt", "title: '   '"), "data/projects/t.yml:1: title: ", "darf nicht leer sein"),
    "control character": (PROJECT.replace("title: Testprojekt", 'title: "Test\\x07"'), "data/projects/t.yml:1: title: ", "Steuerzeichen"),
    "impossible date": (PROJECT.replace("2026-01-15", "2026-02-30"), "data/projects/t.yml:6: reviewed: ", "kein Datum, das es gibt"),
    "german date format": (PROJECT.replace("2026-01-15", "15.01.2026"), "data/projects/t.yml:6: reviewed: ", "Format JJJJ-MM-TT"),
    "end before start": (PROJECT + "start: 2026-05-01\nend: 2026-04-30\n", "data/projects/t.yml:8: end: ", "vor dem Beginn"),
    "no town": (PROJECT.replace("towns: [brakel]", "towns: []"), "data/projects/t.yml:5: towns: ", "mindestens 1"),
    "unknown town": (PROJECT.replace("towns: [brakel]", "towns:\n  - brakel\n  - atlantis"),
                     "data/projects/t.yml:7: towns: ", "Das Mitglied 'atlantis' gibt es nicht"),
    "unknown lead": (PROJECT + "lead: niemand\n", "data/projects/t.yml:7: lead: ", "Den Kontakt 'niemand' gibt es nicht"),
    "unknown contact": (PROJECT + "contacts: [geschaeftsstelle, niemand]\n", "data/projects/t.yml:7: contacts: ", "'niemand' gibt es nicht"),
    "unknown funding": (PROJECT + "funding: [goldesel]\n", "data/projects/t.yml:7: funding: ", "Das Förderprogramm 'goldesel' gibt es nicht"),
    "topic slug": (PROJECT + "topics: [Nahversorgung]\n", "data/projects/t.yml:7: topics[1]: ", "keine gültige Kennung"),
    "javascript link": (PROJECT + "links:\n  - title: x\n    url: javascript:alert(1)\n",
                        "data/projects/t.yml:9: links[1].url: ", "keine gültige Webadresse"),
    "link with space": (PROJECT + "links:\n  - title: x\n    url: https://a.de/b c\n",
                        "data/projects/t.yml:9: links[1].url: ", "keine Leerzeichen"),
    "id in file": (PROJECT + "id: anders\n", "data/projects/t.yml:7: id: ", "die Kennung ist der Dateiname"),
    "yaml 1.1 boolean": (PROJECT.replace("status: laufend", "status: off"), "data/projects/t.yml:3: status: ", "mehrdeutig"),
    "duplicate key": (PROJECT + "title: Nochmal\n", "data/projects/t.yml:7: title: ", "doppelt (zuerst in Zeile 1)"),
    "not a mapping": ("- a\n- b\n", "data/projects/t.yml:1: ", "Felder enthalten"),
}


@pytest.mark.parametrize("content, prefix, fragment", PROJECT_CASES.values(), ids=PROJECT_CASES.keys())
def test_project_rule(data, content, prefix, fragment):
    (data / "projects" / "t.yml").write_text(content, encoding="utf-8")
    found = data_problems(data)
    assert any(p.startswith(prefix) and fragment in p for p in found), found


FUNDING_CASES = {
    "level enum": (FUNDING.replace("level: land", "level: gemeinde"), "data/funding/t.yml:3: level: ", "erlaubt: eu, bund, land"),
    "http is not enough": (FUNDING.replace("https://", "http://"), "data/funding/t.yml:5: url: ", "https://"),
    "rate above 100": (FUNDING + "rate_percent: 120\n", "data/funding/t.yml:7: rate_percent: ", "höchstens 100"),
    "deadline before opening": (FUNDING + "opens: 2026-05-01\ndeadline: 2026-04-01\n", "data/funding/t.yml:8: deadline: ", "vor dem Beginn der Einreichung"),
    "area list enum": (FUNDING + "areas: [smart-city]\n", "data/funding/t.yml:7: areas[1]: ", "'smart-city' ist nicht erlaubt"),
}


@pytest.mark.parametrize("content, prefix, fragment", FUNDING_CASES.values(), ids=FUNDING_CASES.keys())
def test_funding_rule(data, content, prefix, fragment):
    (data / "funding" / "t.yml").write_text(content, encoding="utf-8")
    found = data_problems(data)
    assert any(p.startswith(prefix) and fragment in p for p in found), found


def test_file_name_must_be_an_id(data):
    (data / "projects" / "Höxter Projekt.yml").write_text(PROJECT, encoding="utf-8")
    assert any(p.startswith("data/projects/Höxter Projekt.yml:1: ") and "keine gültige Kennung" in p
               for p in data_problems(data))


def test_other_file_endings_are_not_ignored(data):
    (data / "projects" / "t.yaml").write_text(PROJECT, encoding="utf-8")
    assert any(p.startswith("data/projects/t.yaml:1: ") and ".yml" in p for p in data_problems(data))




def test_duplicate_ids_in_a_list_file(data):
    append(data / "towns.yml", "\n- id: brakel\n  name: Noch einmal Brakel\n  kind: stadt\n")
    lines = (data / "towns.yml").read_text(encoding="utf-8").splitlines()
    line = len(lines) - 2
    assert f"data/towns.yml:{line}: id: Die Kennung 'brakel' kommt in der Datei doppelt vor." in data_problems(data)


def test_town_kind_and_resolution_rules(data):
    append(data / "towns.yml", "\n- id: neu\n  name: Neu\n  kind: gemeinde\n"
                               "  resolution:\n    body: Rat\n    status: beschlossen\n")
    found = data_problems(data)
    assert any(": kind: 'gemeinde' ist nicht erlaubt" in p for p in found), found
    assert any(": resolution.date: ein gefasster Beschluss braucht ein Datum" in p for p in found), found


def test_contact_rules(data):
    append(data / "contacts.yml", "\n- id: x\n  name: X\n  role: Y\n  org: atlantis\n"
                                  "  email: keine-adresse\n  public: 'yes'\n")
    found = data_problems(data)
    assert any(": email: 'keine-adresse' ist keine gültige E-Mail-Adresse" in p for p in found), found
    assert any(": public: muss true oder false sein" in p for p in found), found
    assert any(": org: Die Organisation 'atlantis' gibt es nicht" in p for p in found), found


def test_all_problems_are_reported_together(data):
    (data / "projects" / "a.yml").write_text(PROJECT.replace("laufend", "kaputt"), encoding="utf-8")
    (data / "funding" / "b.yml").write_text(FUNDING.replace("land\n", "mond\n"), encoding="utf-8")
    found = data_problems(data)
    assert any(p.startswith("data/projects/a.yml:3:") for p in found)
    assert any(p.startswith("data/funding/b.yml:3:") for p in found)


def test_rules_between_fields_are_reported_beside_a_wrong_field(data):
    """One round of check: a too long summary does not hide an end before the start, a review
    date in the future or a deadline beside deadline_known: false (pydantic alone would check
    those only once every field is valid)."""
    (data / "projects" / "t.yml").write_text(
        PROJECT.replace("Ein Projekt für Tests.", "x" * 349).replace("reviewed: 2026-01-15", "reviewed: 2099-01-01")
        + "start: 2026-05-01\nend: 2026-03-01\n", encoding="utf-8")
    (data / "funding" / "t.yml").write_text(
        FUNDING.replace("level: land", "level: mond") + "deadline: 2027-03-01\ndeadline_known: false\n",
        encoding="utf-8")
    found = data_problems(data)
    assert "data/projects/t.yml:4: summary: ist zu lang: höchstens 300 Zeichen erlaubt, hier 349; bitte um 49 " \
           "Zeichen kürzen" in found, found
    assert any(p.startswith("data/projects/t.yml:8: end: ") and "vor dem Beginn" in p for p in found), found
    assert any(p.startswith("data/projects/t.yml:6: reviewed: ") and "in der Zukunft" in p for p in found), found
    assert any(p.startswith("data/funding/t.yml:3: level: ") for p in found), found
    assert any(p.startswith("data/funding/t.yml:8: deadline_known: ") for p in found), found
    assert not any("Einträge" in p for p in found), found


def test_missing_list_file(data):
    (data / "contacts.yml").unlink()
    assert "data/contacts.yml:1: Die Datei fehlt." in data_problems(data)


def test_plain_text_whitespace_is_folded(data):
    (data / "projects" / "t.yml").write_text(PROJECT.replace("summary: Ein Projekt für Tests.",
                                             "summary: |\n  Zeile eins\n\n  Zeile zwei"), encoding="utf-8")
    catalog = load_catalog(data, today=date(2026, 11, 25), docs_dir=ROOT / "docs")
    assert catalog.projects["t"].summary == "Zeile eins Zeile zwei"


def test_non_public_contacts_do_not_reach_the_catalog():
    catalog = load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs", today=date(2026, 11, 25))
    assert "arbeitskreis-it-vorsitz" not in catalog.contacts
    assert catalog.public_contacts(["arbeitskreis-it-vorsitz", "geschaeftsstelle"])[0].id == "geschaeftsstelle"
