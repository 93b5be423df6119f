"""Nothing untrue or stale reaches the public: sources, plausibility, the release gate, running dates."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from macros.commands.new_entry import create_entry
from macros.data.catalog import load_catalog
from macros.data.matching import match_funding
from macros.data.posts import post_problems
from macros.data.release import release_problems
from macros.html import pages
from tests.browser import serve
from tests.conftest import BUILD_DATE, ROOT, append, copy_project, data_problems, run_build, soup

TODAY = date.fromisoformat(BUILD_DATE)


def text(html: str) -> str:
    return " ".join(soup(html).get_text(" ").split())


# --- plausibility at build time: one case per rule ------------------------------------------

PLAUSIBILITY_CASES = {
    "running project whose end has passed": (
        "projects/e-akte.yml", "status: geplant\n", "status: laufend\nend: 2026-06-30\n",
        "data/projects/e-akte.yml:", "end: Das Projekt steht auf 'laufend', aber sein Ende (30.06.2026) ist vorbei"),
    "planned project whose end has passed": (
        "projects/e-akte.yml", "status: geplant\n", "status: geplant\nend: 2025-12-31\n",
        "data/projects/e-akte.yml:", "end: Das Projekt steht auf 'geplant', aber sein Ende (31.12.2025) ist vorbei"),
    "review date in the future": (
        "projects/e-akte.yml", "reviewed: 2026-11-25", "reviewed: 2026-12-24",
        "data/projects/e-akte.yml:", "reviewed: Das Prüfdatum 24.12.2026 liegt in der Zukunft"),
    "review date far beyond any sense": (
        "projects/e-akte.yml", "reviewed: 2026-11-25", "reviewed: 9999-12-31",
        "data/projects/e-akte.yml:", "reviewed: '9999-12-31' liegt außerhalb des sinnvollen Zeitraums (1990 bis 2100)"),
    "grant larger than the total": (
        "projects/e-akte.yml", "status: geplant\n", "status: geplant\nbudget_eur: 100000\ngrant_eur: 250000\n",
        "data/projects/e-akte.yml:", "grant_eur: die Fördermittel (250.000 €) sind höher als das Gesamtvolumen"),
    "absurd amount": (
        "funding/modellprojekte-smart-cities.yml", "rate_percent: 65\n", "rate_percent: 65\nmax_eur: 90000000000\n",
        "data/funding/modellprojekte-smart-cities.yml:", "max_eur: darf höchstens 1000000000 sein"),
    "year outside any sensible range": (
        "projects/e-akte.yml", "status: geplant\n", "status: geplant\nstart: 1899-01-01\n",
        "data/projects/e-akte.yml:", "start: '1899-01-01' liegt außerhalb des sinnvollen Zeitraums"),
    "deadline before the opening": (
        "funding/modellprojekte-smart-cities.yml", "deadline: 2021-05-14", "opens: 2021-06-01\ndeadline: 2021-05-14",
        "data/funding/modellprojekte-smart-cities.yml:", "deadline: die Frist endet vor dem Beginn der Einreichung"),
    "source dated in the future": (
        "projects/e-akte.yml", "status: geplant\n",
        "status: geplant\nsources:\n  - title: Pressemitteilung\n    reference: PM 12/2027\n    date: 2027-02-01\n",
        "data/projects/e-akte.yml:", "sources[1].date: Die Quelle ist auf den 01.02.2027 datiert, also in der Zukunft"),
    "source that cannot be found": (
        "projects/e-akte.yml", "status: geplant\n", "status: geplant\nsources:\n  - title: Irgendwo gelesen\n",
        "data/projects/e-akte.yml:", "sources[1].url: bitte eine Webadresse oder eine Fundstelle angeben"),
    "bidirectional override in a title": (
        "projects/e-akte.yml", "title: Einführung der elektronischen Akte (E-Akte)\n",
        'title: "Einf\\u202Ehrung der elektronischen Akte"\n',
        "data/projects/e-akte.yml:", "title: Der Text enthält Steuerzeichen für die Schreibrichtung (U+202E)"),
}


@pytest.mark.parametrize("case", PLAUSIBILITY_CASES)
def test_plausibility_rule(case, data):
    file, old, new, where, message = PLAUSIBILITY_CASES[case]
    path = data / file
    content = path.read_text(encoding="utf-8")
    assert old in content, "the case no longer fits the example data"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    problems = data_problems(data)
    assert any(p.startswith(where) and message in p for p in problems), problems
    line = int(next(p for p in problems if message in p).split(":")[1])
    assert line > 1  # the line of the field, not the file


def test_a_news_post_dated_in_the_future_is_refused(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "morgen.md").write_text("---\ndate: 2026-12-01\ncategories: [Netzwerk]\n---\n\n# Morgen\n",
                                     encoding="utf-8")
    (posts / "gestern.md").write_text("---\ndate:\n  created: 2026-11-01\n---\n\n# Gestern\n", encoding="utf-8")
    assert [str(p) for p in post_problems(posts, "docs/aktuelles/posts", TODAY)] == [
        "docs/aktuelles/posts/morgen.md:2: date: Der Beitrag ist auf den 01.12.2026 datiert, also in der Zukunft. "
        "Bitte das Datum der Veröffentlichung eintragen (JJJJ-MM-TT)."]


def test_the_build_stops_on_a_future_post_with_file_and_line(project_copy):
    post = project_copy / "docs" / "aktuelles" / "posts" / "vorschau.md"
    post.write_text("---\ndate: 2027-03-01\ncategories: [Netzwerk]\n---\n\n# Vorschau\n", encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode != 0
    assert "docs/aktuelles/posts/vorschau.md:2: date: Der Beitrag ist auf den 01.03.2027 datiert" in build.output


# --- sources --------------------------------------------------------------------------------

def test_every_record_in_the_real_data_names_its_sources():
    catalog = load_catalog(ROOT / "data", today=date.today())
    kinds = ("towns", "contacts", "projects", "funding", "shared_services", "trainings", "meetings",
             "work_orders", "glossary", "topics")
    records = [(kind, entry) for kind in kinds for entry in getattr(catalog, kind).values()]
    assert len(records) > 30
    assert [(kind, entry.id) for kind, entry in records if not entry.sources] == []


def test_real_data_holds_no_invented_records():
    """Meetings, work orders, trainings and shared services wait for real data: no samples in data/."""
    catalog = load_catalog(ROOT / "data", today=date.today())
    assert catalog.meetings == {} and catalog.work_orders == {}
    assert catalog.trainings == {} and catalog.shared_services == {}
    assert not any(c.email and c.email.endswith(".example") for c in catalog.contacts.values())


def test_entry_pages_show_their_sources_and_exports_carry_them(real_site):
    page = soup(real_site.page("projekte/smarte-nahversorgungsraeume/"))
    sources = page.find(id="quellen").find_next("ul")
    titles = [li.get_text(" ", strip=True) for li in sources.find_all("li")]
    assert any(t.startswith("Beschlussvorlage der Stadt Brakel vom 07.03.2022") for t in titles)
    assert sources.find("a", href="https://www.gkdpb.de/de/aktuelles/meldungen/Smart-citiy-Hoexter.php")
    facts = text(real_site.page("projekte/smarte-nahversorgungsraeume/"))
    assert "Gesamtvolumen 8.700.000 €" in facts and "Davon Fördermittel 5.700.000 €" in facts
    import json
    exported = json.loads((real_site.site / "daten" / "projekte.json").read_text(encoding="utf-8"))
    item = next(i for i in exported["items"] if i["id"] == "smarte-nahversorgungsraeume")
    assert any(source["date"] == "2022-03-07" for source in item["sources"])
    assert "sources" in exported["fields"]
    csv_text = (real_site.site / "daten" / "projekte.csv").read_text(encoding="utf-8-sig")
    assert "owl-journal.de" in csv_text


def test_strategy_members_and_report_agree(real_site):
    catalog = load_catalog(ROOT / "data", today=date.today())
    decided = sum(1 for t in catalog.towns.values() if t.resolution and t.resolution.status == "beschlossen")
    planned = sum(1 for t in catalog.towns.values() if t.resolution and t.resolution.status == "geplant")
    unknown = sum(1 for t in catalog.towns.values() if not t.resolution)
    strategy = text(real_site.page("strategie/"))
    if not decided:
        assert "beschlossen haben" not in strategy.replace("Gremien die Gründung beschlossen haben", "")
        assert "was davon belegt ist, zeigt die Seite Mitglieder" in strategy
    members = text(real_site.page("staedte/"))
    if not decided:
        assert "Ein gefasster Beschluss zum Beitritt ist hier noch nicht eingetragen" in members
    if unknown:
        assert f"für {unknown} Mitglieder ist der Stand nicht bekannt" in members
    report = soup(real_site.page("bericht/")).find(id="beschluesse").find_parent("section")
    rows = {tr.th.get_text(): tr.td.get_text() for tr in report.select("tbody tr")}
    counted = {"Beschlossen": decided, "Beschluss geplant": planned, "Abgelehnt": 0, "Stand nicht bekannt": unknown}
    assert rows == {label: str(number) for label, number in counted.items() if number}  # no rows of zeros
    empty = [label for label, number in counted.items() if not number]
    omitted = report.select_one(".hub-chart__omitted")
    assert (omitted.get_text() if omitted else "") == (f"Ohne Eintrag: {', '.join(empty)}." if empty else "")


# --- the release gate -----------------------------------------------------------------------

def test_release_check_refuses_the_starter_site_naming_each_placeholder():
    found = {str(p) for p in release_problems(ROOT)}
    expected_lines = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "[Noch auszufüllen" in line:
                expected_lines.append(f"{path.relative_to(ROOT).as_posix()}:{number}: Platzhalter")
    assert expected_lines, "the starter site has placeholders in its legal pages"
    for prefix in expected_lines:
        assert any(p.startswith(prefix) for p in found), prefix
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    site_url_line = next(i for i, line in enumerate(config, start=1) if line.startswith("site_url:"))
    repo_url_line = next(i for i, line in enumerate(config, start=1) if line.startswith("repo_url:"))
    assert any(p.startswith(f"mkdocs.yml:{site_url_line}: ") and ".example" in p for p in found)
    assert f"mkdocs.yml:{repo_url_line}: repo_url: noch die Vorgabe-Adresse: bitte die Adresse des echten " \
           "Repositorys eintragen" in found
    assert any(p.startswith("data/projects/aufbau-digitalnetzwerk.yml:") and "to_confirm: noch zu bestätigen" in p
               for p in found)


def test_release_check_on_the_command_line_exits_1_with_file_and_line():
    env = {k: v for k, v in os.environ.items() if k != "HUB_TODAY"}
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--release"], cwd=ROOT,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert re.search(r"^  data/site\.yml:\d+: content_responsible: fehlt: wer für den Inhalt verantwortlich ist",
                     result.stderr, re.M)
    assert "Die Website ist so noch nicht zur Veröffentlichung bereit (--release)." in result.stderr
    plain = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=ROOT, capture_output=True, text=True,
                           env=env)
    assert plain.returncode == 0, plain.stderr  # a preview build is allowed


def _fill_every_placeholder(project: Path) -> None:
    """What the network does before publishing, done mechanically."""
    for path in [*project.joinpath("docs").rglob("*.md"), project / "mkdocs.yml"]:
        content = path.read_text(encoding="utf-8")
        content = re.sub(r"\[Noch auszufüllen[^\]]*\]", "Angabe der Redaktion", content)
        content = re.sub(r"(?:[\w-]+\.)+example\b", "kreis-hoexter.de", content)
        content = content.replace("digitalnetzwerk-kreis-hoexter/wissensplattform", "kreis-hoexter/digitalnetzwerk")
        path.write_text(content, encoding="utf-8")
    for path in project.joinpath("data").rglob("*.yml"):
        content = path.read_text(encoding="utf-8")
        content = re.sub(r"^(\s*)to_confirm:\n(?:\1  - .*\n)+", "", content, flags=re.M)
        path.write_text(content, encoding="utf-8")
    append(project / "data" / "site.yml", SITE_COMPLETION)
    site = project / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "accessibility:\n  status: teilweise\n",
        "accessibility:\n  status: teilweise\n  statement_date: 2026-11-20\n  response_weeks: 4\n"), encoding="utf-8")


SITE_COMPLETION = """
content_responsible:
  name: Leitung der Geschäftsstelle
  address: {street: Musterweg 1, postal_code: "37671", city: Höxter}
data_protection_officer:
  name: Datenschutzbeauftragte des Kreises
  email: datenschutz@kreis-hoexter.de
hosting:
  provider: Rechenzentrum des Kreises
  log_retention_days: 7
contact_retention: Anfragen werden sechs Monate nach ihrer Erledigung gelöscht.
content_licence:
  name: CC BY 4.0
  url: https://creativecommons.org/licenses/by/4.0/deed.de
"""


def test_release_check_accepts_the_site_once_everything_is_filled(tmp_path):
    project = copy_project(tmp_path / "project", examples=False)
    assert release_problems(project) != []
    _fill_every_placeholder(project)
    assert [str(p) for p in release_problems(project)] == []
    assert data_problems_of(project) == []  # still valid data


def data_problems_of(project: Path) -> list[str]:
    from macros.data.problems import DataError

    try:
        load_catalog(project / "data", today=date.today(), docs_dir=project / "docs")
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


def test_release_check_refuses_records_without_sources_and_untouched_templates(tmp_path):
    project = copy_project(tmp_path / "project", examples=False)
    _fill_every_placeholder(project)
    append(project / "data" / "glossary.yml", "\n- id: egov\n  term: EGOV\n  long: E-Gov\n  definition: Kurz.\n")
    created = create_entry(project / "data", "projects", "Neues Vorhaben", TODAY)
    found = [str(p) for p in release_problems(project)]
    assert any(p.startswith("data/glossary.yml:") and "Der Eintrag 'egov' nennt keine Quelle" in p for p in found)
    shown = f"data/projects/{created.name}"
    assert any(p.startswith(shown) and "unveränderte Vorlage („Kurzbeschreibung folgt“)" in p for p in found), found
    assert any(p.startswith(shown) and "to_confirm: noch zu bestätigen" in p for p in found)


def test_unfinished_pages_carry_a_draft_note(real_site):
    def draft(url):
        return soup(real_site.page(url)).select_one("article .hub-draft") is not None
    assert draft("impressum/")                       # [Noch auszufüllen …]
    assert draft("projekte/aufbau-digitalnetzwerk/")  # open to_confirm items
    assert not draft("glossar/")
    assert not draft("themen/aktenplan/")             # sourced, nothing open
    note = soup(real_site.page("impressum/")).select_one("article .hub-draft")
    assert note.select_one(".admonition-title").get_text() == "Entwurf"


# --- time that keeps running ------------------------------------------------------------------

def test_every_page_says_when_it_was_built(example_site):
    for url in ("", "foerderung/", "projekte/e-akte/"):
        assert "Stand der Website: erstellt am 25.11.2026" in text(example_site.page(url))


def test_both_pipelines_rebuild_daily_and_release_check_before_deploying():
    github = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert github[True]["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # every day
    steps = github["jobs"]["check-and-build"]["steps"]
    release = next(s for s in steps if "--release" in s.get("run", ""))
    assert release["if"] == "github.event_name != 'pull_request'"
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in gitlab["pages"]["rules"]
    assert "python -m macros check --release" in gitlab["release-check"]["script"]
    assert gitlab["release-check"]["stage"] == "check" and gitlab["pages"]["stage"] == "deploy"


@pytest.mark.browser
def test_a_call_reads_as_expired_a_month_after_the_build(chromium, soon_site):
    from datetime import datetime

    url = "foerderung/modellprojekte-smart-cities/"
    built = soup(soon_site.page(url))
    assert built.select_one("[data-hub-call]").get_text() == "Endet bald"
    assert "(endet in 10 Tagen)" in built.get_text()
    with serve(soon_site.site) as base:
        context = chromium.new_context()
        page = context.new_page()
        page.clock.set_fixed_time(datetime(2026, 12, 26, 10, 0))
        page.goto(base + url)
        assert page.locator("[data-hub-call]").first.inner_text() == "Abgelaufen"
        assert page.locator(".hub-days-left").first.inner_text() == "(abgelaufen)"
        assert page.locator(".hub-expired").is_visible()
        page.goto(base + "foerderung/")
        row = page.locator('tr[data-filter-item][data-deadline="2026-12-05"]')
        assert row.get_attribute("data-stand") == "abgelaufen"
        assert "(abgelaufen)" in row.inner_text()
        page.select_option("#filter-foerderung-stand", "endet-bald")
        assert row.is_hidden()  # the filter counts from the visitor's day too
        context.close()
        # On the build's own day nothing changes; without JavaScript the build-time text stands.
        for options in ({}, {"java_script_enabled": False}):
            context = chromium.new_context(**options)
            page = context.new_page()
            page.clock.set_fixed_time(datetime(2026, 11, 25, 10, 0))
            page.goto(base + url)
            assert page.locator("[data-hub-call]").first.inner_text() == "Endet bald"
            assert page.locator(".hub-expired").is_hidden()
            context.close()


# --- matching that explains itself --------------------------------------------------------------

IKZ = """\
title: Neue Kooperationen
funder: Land NRW
level: land
summary: Für neue Zusammenarbeit.
url: https://www.land.nrw/
areas: [e-government]
conditions:
  applicants: [kreis, stadt]
  cooperation: neue-interkommunale
  min_years: 5
  notes: [Beschlüsse aller Räte]
reviewed: 2026-11-25
"""


def test_matches_name_their_reasons_and_the_conditions_to_check(data):
    (data / "funding" / "kooperation.yml").write_text(IKZ, encoding="utf-8")
    append(data / "projects" / "e-akte.yml", "funding_excluded:\n  kooperation: Die E-Akte ist keine neue Kooperation\n")
    single = (data / "projects" / "e-rechnung.yml")
    single.write_text(single.read_text(encoding="utf-8").replace(
        "towns: [kreis-hoexter, bad-driburg, beverungen, borgentreich, brakel, hoexter, marienmuenster, nieheim, "
        "steinheim, warburg, willebadessen]", "towns: [brakel]"), encoding="utf-8")
    short = data / "projects" / "aktenplan.yml"
    short.write_text(short.read_text(encoding="utf-8").replace("status: geplant\n",
                     "status: geplant\nstart: 2027-01-01\nend: 2028-12-31\n"), encoding="utf-8")
    catalog = load_catalog(data, today=TODAY, docs_dir=ROOT / "docs")
    matched = {m.project.id: m for m in match_funding(catalog).by_call["kooperation"]}
    assert "e-akte" not in matched            # excluded by an editor
    assert "e-rechnung" not in matched        # one member is no cooperation
    assert "aktenplan" not in matched         # two years, five required
    match = matched["prozessmanagement"]
    assert match.reasons == ("Handlungsfeld E-Government",)
    assert match.to_check == ("gefördert wird nur eine neu begründete Zusammenarbeit mehrerer Kommunen",
                              "Laufzeit von mindestens 5 Jahren", "Beschlüsse aller Räte")
    html = text(pages.entry_html(catalog, "projects", "prozessmanagement", "projekte/prozessmanagement/"))
    assert "Passt zu: Handlungsfeld E-Government" in html
    assert "Noch zu prüfen: gefördert wird nur eine neu begründete Zusammenarbeit mehrerer Kommunen; " \
           "Laufzeit von mindestens 5 Jahren; Beschlüsse aller Räte" in html
    excluded = text(pages.entry_html(catalog, "projects", "e-akte", "projekte/e-akte/"))
    assert "Von der Redaktion als nicht passend ausgeschlossen: Neue Kooperationen" in excluded
    assert "Die E-Akte ist keine neue Kooperation" in excluded


def test_an_excluded_call_must_exist(data):
    append(data / "projects" / "e-akte.yml", "funding_excluded:\n  gibt-es-nicht: passt nicht\n")
    assert any(p.startswith("data/projects/e-akte.yml:") and "Das Förderprogramm 'gibt-es-nicht' gibt es nicht" in p
               for p in data_problems(data))


def test_examples_never_reach_the_real_site(real_site):
    assert not (real_site.site / "projekte" / "e-akte").exists()
    assert not (real_site.site / "schulungen" / "e-akte-grundlagen").exists()
    assert not any("examples" in p.parts for p in real_site.site.rglob("*"))


def test_the_maintenance_page_lists_every_open_point(real_site):
    page = soup(real_site.page("redaktion/"))
    items = " ".join(li.get_text(" ", strip=True) for li in page.find(id="zu-bestaetigen").find_next("ul").find_all("li"))
    catalog = load_catalog(ROOT / "data", today=date.today())
    for kind in ("towns", "contacts", "projects", "funding"):
        for entry in getattr(catalog, kind).values():
            for item in entry.to_confirm:
                assert item in items, (kind, entry.id, item)
    for item in catalog.site.to_confirm:
        assert item in items
    # Each open point links to where the entry is shown: its page, or its place in the directory.
    links = {a["href"] for a in page.find(id="zu-bestaetigen").find_next("ul").find_all("a")}
    assert "../anlaufstelle/#kontakt-kreisverwaltung-hoexter" in links, links
    assert "../projekte/smarte-nahversorgungsraeume/" in links, links
