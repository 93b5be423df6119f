"""Every task of the network has its section: shared services, trainings, Arbeitskreis,
news, report, consulting and participation, glossary."""

from __future__ import annotations

import shutil

import pytest

from macros.data.catalog import load_catalog
from tests.conftest import BUILD_DATE, EXAMPLE_DATA, ROOT, append, copy_project, data_problems, run_build, soup


def text(html: str) -> str:
    return " ".join(soup(html).get_text(" ").split())


# --- validation of the new kinds -------------------------------------------------------

SERVICE = ("title: S\nsummary: S\narea: e-government\nstage: idee\npotential: hoch\neffort: gering\n"
           "reviewed: 2026-01-01\n")
TRAINING = ("title: T\nsummary: S\nformat: online\naudience: alle\narea: e-government\n"
            "reviewed: 2026-01-01\n")






CASES = {
    "stage enum": ("shared-services/t.yml", SERVICE.replace("stage: idee", "stage: fertig"),
                   "data/shared-services/t.yml:4: stage: ", "erlaubt: idee, analyse, pilot, betrieb"),
    "participation town": ("shared-services/t.yml", SERVICE + "participation:\n  atlantis: nutzt\n",
                           "data/shared-services/t.yml:9: participation: ", "Das Mitglied 'atlantis' gibt es nicht"),
    "participation value": ("shared-services/t.yml", SERVICE + "participation:\n  brakel: vielleicht\n",
                            "data/shared-services/t.yml:9: participation.brakel: ", "'vielleicht' ist nicht erlaubt"),
    "session place": ("trainings/t.yml", TRAINING + "sessions:\n  - date: 2027-01-01\n    start: '09:00'\n    end: '10:00'\n",
                      "data/trainings/t.yml:8: sessions[1].place: ", "Ort angeben oder den Termin als online"),
    "session times": ("trainings/t.yml", TRAINING + "sessions:\n  - date: 2027-01-01\n    start: '11:00'\n    end: '10:00'\n    online: true\n",
                      "data/trainings/t.yml:10: sessions[1].end: ", "nicht nach dem Beginn"),
    "clock format": ("trainings/t.yml", TRAINING + "sessions:\n  - date: 2027-01-01\n    start: 9 Uhr\n    end: '10:00'\n    online: true\n",
                     "data/trainings/t.yml:9: sessions[1].start: ", "Format HH:MM"),
    "missing material": ("trainings/t.yml", TRAINING + "materials: [gibt-es-nicht]\n",
                         "data/trainings/t.yml:7: materials: ", "docs/schulungen/material/gibt-es-nicht.md"),
    "unknown trainer": ("trainings/t.yml", TRAINING + "trainers: [niemand]\n",
                        "data/trainings/t.yml:7: trainers: ", "Den Kontakt 'niemand' gibt es nicht"),
    "reserved id": ("trainings/material.yml", TRAINING, "data/trainings/material.yml:1: ", "reserviert"),
}


@pytest.mark.parametrize("file, content, prefix, fragment", CASES.values(), ids=CASES.keys())
def test_rules_of_the_new_kinds(data, file, content, prefix, fragment):
    (data / file).write_text(content, encoding="utf-8")
    found = data_problems(data)
    assert any(p.startswith(prefix) and fragment in p for p in found), found




def test_work_order_rules(data):
    append(data / "work-orders.yml", "\n- id: x\n  title: X\n  meeting: ak-1999\n  issued: 2026-01-01\n"
                                     "  status: fertig\n  reviewed: 2026-01-01\n")
    found = data_problems(data)
    assert any(": meeting: Die Sitzung 'ak-1999' gibt es nicht" in p for p in found), found
    assert any(": status: 'fertig' ist nicht erlaubt" in p for p in found), found


def test_glossary_term_format(data):
    append(data / "glossary.yml", "\n- id: x\n  term: '<b>'\n  long: L\n  definition: D\n")
    assert any(": term: '<b>' hat nicht das erwartete Format" in p for p in data_problems(data))


def test_contract_only_data_still_builds(tmp_path):
    """Data written only to contract v1 (no trainings, services, meetings, glossary) is complete."""
    project = copy_project(tmp_path / "project")
    for name in ("shared-services", "trainings"):
        shutil.rmtree(project / "data" / name)
    for name in ("meetings.yml", "work-orders.yml", "glossary.yml", "grants.yml", "chronicle.yml"):
        (project / "data" / name).unlink()
    shutil.rmtree(project / "data" / "projects")
    (project / "data" / "projects").mkdir()
    build = run_build(project)
    assert build.returncode == 0, build.output
    home = text(build.page(""))
    assert "Smarte Nahversorgungsräume der Zukunft" in home  # the link falls back to text
    # Sections without data say so to visitors and where to ask; how to add the first entry
    # is on the editors' page, which lists each file.
    editors = text(build.page("redaktion/"))
    for url, message, where in (("projekte/", "Noch ist kein Projekt eingetragen.", "data/projects/<kennung>.yml"),
                                ("shared-services/", "Noch ist keine gemeinsame Leistung erfasst.",
                                 "data/shared-services/<kennung>.yml"),
                                ("schulungen/", "Noch ist keine Schulung mit Terminen eingetragen.",
                                 "data/trainings/<kennung>.yml"),
                                ("arbeitskreis/", "Noch ist keine Sitzung eingetragen.", "data/meetings.yml"),
                                ("arbeitskreis/", "Noch ist kein Arbeitsauftrag eingetragen.", "data/work-orders.yml"),
                                ("chronik/", "Noch ist kein Meilenstein eingetragen.", "data/chronicle.yml")):
        page = text(build.page(url))
        assert message in page and "Anlaufstelle" in page and where not in page, url
        assert where in editors, where


# --- the built sections ---------------------------------------------------------------

def test_every_section_is_in_the_navigation(example_site):
    nav = soup(example_site.page("")).select_one("nav.md-nav--primary")
    labels = {a.get_text(" ", strip=True) for a in nav.find_all("a")}
    for label in ("Shared Services", "Schulungen", "Arbeitskreis IT und Digitales", "Aktuelles",
                  "Statusbericht", "Beratung", "Beteiligung", "Anlaufstelle", "Glossar", "Mitmachen"):
        assert any(label in item for item in labels), label


def test_home_page_links_consulting_participation_and_contact(example_site):
    links = {a["href"] for a in soup(example_site.page("")).select("article a[href]")}
    assert {"beratung/", "beteiligung/", "anlaufstelle/"} <= links


def test_shared_services_matrix(example_site):
    page = soup(example_site.page("shared-services/"))
    matrix = page.select_one("table.hub-matrix")
    assert matrix.caption.get_text() == "Beteiligung der Mitglieder an den Shared Services"
    assert len(matrix.select("thead th[scope=col]")) == 12  # service column + 11 members
    catalog = load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs")
    rows = matrix.select("tbody tr")
    assert len(rows) == len(catalog.shared_services)
    row = next(r for r in rows if r.th.get_text(strip=True) == "Gemeinsamer E-Rechnungseingang")
    cells = row.find_all("td")
    assert "hub-matrix__cell--beteiligt" in cells[0]["class"]  # Kreis Höxter first
    assert cells[0].get_text(" ", strip=True) == "◐ beteiligt"  # symbol and word, not colour alone
    assert cells[1].get_text(" ", strip=True) == "? offen"
    assert "Hoher Nutzen bei vertretbarem Aufwand" in page.get_text()


def test_shared_service_page(example_site):
    page = soup(example_site.page("shared-services/e-rechnungseingang/"))
    assert page.h1.get_text() == "Gemeinsamer E-Rechnungseingang"
    assert len(page.select("#beteiligung ~ .hub-table-wrap table tbody tr")) == 11


def test_training_dates_split_by_build_date():
    """The overview as the page macro renders it, for two build days (no site needed)."""
    from datetime import date

    from macros.html import pages

    def overview(today: str):
        catalog = load_catalog(EXAMPLE_DATA, today=date.fromisoformat(today), docs_dir=ROOT / "docs")
        return soup(pages.trainings_overview(catalog, "schulungen/"))

    def dates(page, section):
        following = page.find(id=section).find_next_sibling()
        return following.get_text(" ") if following.name == "ul" else ""

    early, late = overview(BUILD_DATE), overview("2027-12-31")
    assert "10.02.2027" in dates(early, "kommende-termine")
    assert "10.02.2027" not in dates(early, "vergangene-termine")
    assert "10.02.2027" in dates(late, "vergangene-termine")
    assert late.find(id="kommende-termine").find_next_sibling().get_text() == "Zurzeit sind keine Termine geplant."


def test_training_page_links_its_materials(example_site):
    page = soup(example_site.page("schulungen/e-akte-grundlagen/"))
    material = page.find("a", string="E-Akte: Grundlagen")
    assert material["href"] == "../material/e-akte/"
    assert "Anmeldung" in page.get_text()
    assert "Mittwoch, 10.02.2027, 09:00–12:00 Uhr" in page.get_text()


def test_training_concept_and_materials_exist(example_site):
    for url in ("schulungen/konzept/", "schulungen/material/e-akte/", "schulungen/material/ozg-online-dienste/",
                "schulungen/material/informationssicherheit/"):
        assert soup(example_site.page(url)).h1


def test_arbeitskreis_meetings_and_work_orders(example_site):
    page = soup(example_site.page("arbeitskreis/"))
    assert page.find(id="sitzung-ak-2027-01").find_parent("ul").find_previous("h3").get_text() == "Kommende Sitzungen"
    assert page.find(id="sitzung-ak-2026-10").find_parent("ul").find_previous("h3").get_text() == "Vergangene Sitzungen"
    order = page.find(id="auftrag-e-rechnung-workflow")
    assert "Offen" in order.get_text() and order.find("a", href="../projekte/e-rechnung/")


def test_news_blog_with_categories_and_archive(example_site):
    index = soup(example_site.page("aktuelles/"))
    posts = index.select("article.md-post")
    assert len(posts) == 2
    assert (example_site.site / "aktuelles" / "kategorie" / "beschluesse" / "index.html").is_file()
    assert (example_site.site / "aktuelles" / "archiv" / "2026" / "index.html").is_file()
    assert "25. November 2026" in index.get_text()


def test_report_numbers_match_the_data(example_site):
    catalog = load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs")
    page = soup(example_site.page("bericht/"))
    section = page.find(id="projekte-handlungsfeld").find_parent("section")
    svg = section.find("svg")
    assert svg["role"] == "img" and svg.find("title")
    rows = {tr.th.get_text(): tr.td.get_text() for tr in section.select("table tbody tr")}
    expected = sum(1 for p in catalog.projects.values() if p.area == "e-government")
    assert rows["E-Government"] == str(expected)
    assert len(svg.find_all("rect")) == len(rows)
    decisions = page.find(id="beschluesse").find_parent("section")
    assert {tr.th.get_text(): tr.td.get_text() for tr in decisions.select("tbody tr")}["Beschluss geplant"] == "11"
    # The charts are SVG drawn at build time: the report loads no script beyond those of every page.
    scripts = {s["src"].rsplit("/", 1)[-1] for s in page.find_all("script", src=True)}
    assert scripts == {s["src"].rsplit("/", 1)[-1] for s in soup(example_site.page("")).find_all("script", src=True)}


def test_glossary_and_tooltips(example_site):
    glossary = soup(example_site.page("glossar/"))
    assert glossary.find(id="ozg").get_text() == "OZG – Onlinezugangsgesetz"
    strategy = soup(example_site.page("strategie/"))
    abbr = strategy.find("abbr", string="OZG")
    assert abbr and abbr["title"] == "Onlinezugangsgesetz"


def test_hostile_glossary_and_new_kinds_stay_inert(tmp_path):
    project = copy_project(tmp_path / "project")
    append(project / "data" / "glossary.yml",
           '\n- id: boese\n  term: BOESE\n  long: \'"><script>alert(1)</script>\'\n  definition: "{{ 7*7 }}"\n')
    append(project / "docs" / "strategie.md", "\nBOESE steht hier.\n")
    (project / "data" / "shared-services" / "boese.yml").write_text(
        SERVICE.replace("title: S", "title: '<img src=x onerror=alert(1)>'"), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    strategy = soup(build.page("strategie/"))
    assert strategy.find("abbr", string="BOESE")["title"] == '"><script>alert(1)</script>'
    assert not any("alert" in s.get_text() for s in strategy.find_all("script"))
    assert soup(build.page("glossar/")).find(id="boese").find_next("dd").get_text().startswith("{{ 7*7 }}")
    matrix = soup(build.page("shared-services/")).select_one("table.hub-matrix")
    assert matrix.find("a", string="<img src=x onerror=alert(1)>") and not matrix.find("img")


def test_glossary_tooltips_in_descriptions_from_data(example_site):
    description = soup(example_site.page("projekte/ozg-umsetzung/")).select_one(".hub-description")
    abbr = description.find("abbr", string="OZG")
    assert abbr and abbr["title"] == "Onlinezugangsgesetz"


def test_a_project_page_shows_its_next_dates_from_the_build_day(tmp_path):
    from datetime import date

    from macros.html import pages

    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    (data / "funding" / "frist.yml").write_text(
        "title: Programm mit Frist\nfunder: Land NRW\nlevel: land\nsummary: Ein Programm.\n"
        "url: https://www.land.nrw/\nopens: 2026-01-01\ndeadline: 2027-02-15\nreviewed: 2026-11-01\n",
        encoding="utf-8")
    (data / "projects" / "kuenftig.yml").write_text(
        "title: Künftiges Projekt\narea: e-government\nstatus: geplant\nsummary: Ein Projekt.\n"
        "towns: [brakel]\nstart: 2027-03-01\nend: 2028-12-31\nfunding: [frist]\nreviewed: 2026-11-01\n",
        encoding="utf-8")
    catalog = load_catalog(data, today=date.fromisoformat(BUILD_DATE), docs_dir=ROOT / "docs")
    page = soup(pages.entry_content(catalog, "projects", "kuenftig", "projekte/kuenftig/"))
    box = page.select_one("section.hub-upcoming")
    items = [li.get_text(" ", strip=True) for li in box.select("li")]
    assert items == ["15.02.2027 : Frist im Förderprogramm „Programm mit Frist“", "01.03.2027 : Beginn des Projekts",
                     "31.12.2028 : Ende des Projekts"]  # the opening on 01.01.2026 has passed
    assert box.select_one("a")["href"] == "../../foerderung/frist/"
    assert [t["datetime"] for t in box.select("time")] == ["2027-02-15", "2027-03-01", "2028-12-31"]
    # Without dates ahead, no box.
    assert soup(pages.entry_content(catalog, "projects", "e-akte", "projekte/e-akte/")).select_one(
        "section.hub-upcoming") is None
