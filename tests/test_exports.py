"""Open data, calendars, feeds, sitemap: parsed with real parsers and checked against the data."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from macros.data.catalog import load_catalog
from tests.conftest import BUILD_DATE, EXAMPLE_DATA, ROOT

SITE_URL = "https://digitalnetzwerk.kreis-hoexter.example/"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs", today=date.fromisoformat(BUILD_DATE))


COLLECTIONS = {"mitglieder": "towns", "projekte": "projects", "foerderprogramme": "funding",
               "kontakte": "contacts", "schulungen": "trainings", "shared-services": "shared_services"}


@pytest.mark.parametrize("name, kind", COLLECTIONS.items())
def test_json_export_matches_the_data(example_site, catalog, name, kind):
    document = json.loads((example_site.site / "daten" / f"{name}.json").read_text(encoding="utf-8"))
    ids = [item["id"] for item in document["items"]]
    assert ids == sorted(getattr(catalog, kind))
    assert document["licence"]["id"] == "dl-de/by-2-0"
    assert set(document["fields"]) >= {"id", "page_url"} and all(document["fields"].values())
    for item in document["items"]:
        assert item["page_url"].startswith(SITE_URL)
        path = item["page_url"].removeprefix(SITE_URL).split("#")[0]
        assert (example_site.site / path / "index.html").is_file(), item["page_url"]


@pytest.mark.parametrize("name, kind", COLLECTIONS.items())
def test_csv_export_opens_in_german_excel(example_site, catalog, name, kind):
    raw = (example_site.site / "daten" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with byte order mark"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [row["id"] for row in rows] == sorted(getattr(catalog, kind))
    assert all(row["page_url"].startswith(SITE_URL) for row in rows)


def test_csv_cells_are_readable(example_site):
    raw = (example_site.site / "daten" / "foerderprogramme.csv").read_text(encoding="utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(raw), delimiter=";") if r["id"] == "modellprojekte-smart-cities")
    assert row["rate_percent"] == "65" and row["status_heute"] == "abgelaufen"
    assert row["url"] == "https://www.smart-city-dialog.de/modellprojekte-smart-cities"  # the call's own field
    assert row["areas"] == "smart-region" and row["deadline"] == "2021-05-14"


def test_contacts_export_has_public_contacts_only(example_site, catalog):
    document = json.loads((example_site.site / "daten" / "kontakte.json").read_text(encoding="utf-8"))
    assert "public" not in document["fields"]
    assert {item["id"] for item in document["items"]} == set(catalog.contacts)


def calendar(site, path) -> Calendar:
    return Calendar.from_ical((site / "kalender" / path).read_bytes())


def test_calendars_are_valid_and_complete(example_site, catalog):
    everything = calendar(example_site.site, "alle.ics")
    assert everything["VERSION"] == "2.0" and everything["PRODID"]
    assert [tz["TZID"] for tz in everything.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = everything.walk("VEVENT")
    for town_id in catalog.towns:  # the network's calendar and the members' own hold every event once
        events += calendar(example_site.site, f"{town_id}.ics").walk("VEVENT")
    deadlines = [c for c in catalog.funding.values() if c.deadline]
    sessions = [s for t in catalog.trainings.values() for s in t.sessions]
    assert len(events) == len(deadlines) + len(sessions) + len(catalog.meetings)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:  # RFC 5545: UID and DTSTAMP are required, DTSTART for VEVENT in a calendar without METHOD
        assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART")


def test_deadline_reminds_two_weeks_before(example_site):
    deadline = calendar(example_site.site, "fristen.ics").walk("VEVENT")[0]
    assert str(deadline["UID"]) == "frist-modellprojekte-smart-cities@digitalnetzwerk.kreis-hoexter.example"
    assert deadline.decoded("DTSTART") == date(2021, 5, 14)
    alarm = deadline.walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == -timedelta(days=14)


def test_training_dates_are_in_berlin_time(example_site):
    events = calendar(example_site.site, "schulungen.ics").walk("VEVENT")
    event = next(e for e in events if str(e["UID"]).startswith("schulung-e-akte-grundlagen-2027-02-10"))
    start = event.decoded("DTSTART")
    assert isinstance(start, datetime) and str(start.tzinfo) == "Europe/Berlin"
    assert (start.hour, start.minute) == (9, 0) and event["DTSTART"].params["TZID"] == "Europe/Berlin"


def test_one_calendar_per_town(example_site, catalog):
    for town_id in catalog.towns:
        assert calendar(example_site.site, f"{town_id}.ics")["VERSION"] == "2.0"
    town_page = BeautifulSoup(example_site.page("staedte/brakel/"), "html.parser")
    assert town_page.find("a", href="../../kalender/brakel.ics")


def test_town_and_network_calendars_never_share_an_event(data):
    from macros.outputs.calendars import calendar_files, to_ics

    local = data / "funding" / "stadtkasse.yml"
    local.write_text("title: Stadtkasse digital\nfunder: Land NRW\nlevel: land\nsummary: Für eine Stadt.\n"
                     "url: https://www.land.nrw/\ndeadline: 2027-03-31\nreviewed: 2026-11-25\n", encoding="utf-8")
    project = data / "projects" / "prozessmanagement.yml"
    project.write_text(project.read_text(encoding="utf-8").replace(
        "towns: [kreis-hoexter, bad-driburg, beverungen, borgentreich, brakel, hoexter, marienmuenster, nieheim, "
        "steinheim, warburg, willebadessen]", "towns: [brakel, nieheim]\nfunding: [stadtkasse]"), encoding="utf-8")
    catalog = load_catalog(data, docs_dir=ROOT / "docs", today=date.fromisoformat(BUILD_DATE))
    files = {f.path.rsplit("/", 1)[-1]: Calendar.from_ical(to_ics(f)) for f in calendar_files(catalog, SITE_URL)}

    def uids(name):
        return {str(e["UID"]) for e in files[name].walk("VEVENT")}
    assert uids("brakel.ics") == uids("nieheim.ics") != set()
    assert uids("warburg.ics") == set()
    for town in catalog.towns:
        assert not uids(f"{town}.ics") & uids("alle.ics"), town
    assert uids("brakel.ics") <= uids("fristen.ics")


def test_uids_are_stable_between_builds(example_site, catalog):
    """The network calendar of a second build (a fresh load of the same data) is the built one, byte for byte."""
    from macros.outputs.calendars import calendar_files, to_ics

    again = next(to_ics(file) for file in calendar_files(catalog, SITE_URL) if file.path == "kalender/alle.ics")
    assert again == (example_site.site / "kalender" / "alle.ics").read_bytes()
    assert len(calendar(example_site.site, "alle.ics").walk("VEVENT")) > 3


def test_calendars_are_what_icalendar_writes_for_them(example_site, catalog):
    """Events in several calendars are written once and joined (to_ics): every published calendar,
    byte for byte, is the one icalendar writes with the events inside (time zones included)."""
    from macros.outputs.calendars import calendar_files

    files = calendar_files(catalog, SITE_URL)
    assert any(event.get("DTSTART").params.get("TZID") for file in files for event in file.events)
    for file in files:
        whole = Calendar.from_ical((example_site.site / file.path).read_bytes())
        whole.subcomponents = [c for c in whole.subcomponents if c.name == "VTIMEZONE"]
        for event in file.events:
            whole.add_component(event)
        assert (example_site.site / file.path).read_bytes() == whole.to_ical(), file.path


def test_feeds_are_readable(example_site, catalog):
    news = feedparser.parse((example_site.site / "aktuelles" / "feed.xml").read_bytes())
    assert not news.bozo, news.bozo_exception
    assert news.feed.language == "de"
    milestones = [e for e in news.entries if any(t["term"] == "Chronik" for t in e.get("tags", []))]
    assert len(news.entries) - len(milestones) == len(list((example_site.project / "docs" / "aktuelles" / "posts")
                                                          .glob("*.md")))
    assert len(milestones) == 2  # the chronicle's news: true milestones
    assert all(entry.link.startswith((SITE_URL + "aktuelles/", SITE_URL + "chronik/#")) for entry in news.entries)
    funding = feedparser.parse((example_site.site / "foerderung" / "feed.xml").read_bytes())
    assert not funding.bozo
    current = {c.id for c in catalog.funding.values() if catalog.funding_status(c) != "abgelaufen"}
    assert {e.link.removeprefix(SITE_URL + "foerderung/").strip("/") for e in funding.entries} == current


def test_sitemap_and_robots(example_site):
    tree = ET.parse(example_site.site / "sitemap.xml")
    locations = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(loc.startswith(SITE_URL) for loc in locations)
    assert SITE_URL + "projekte/e-akte/" in locations and SITE_URL + "staedte/brakel/" in locations
    robots = (example_site.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_data_page_lists_files_fields_and_licence(example_site):
    page = BeautifulSoup(example_site.page("daten/"), "html.parser")
    links = {a["href"] for a in page.select("article a[href]")}
    for name in COLLECTIONS:
        assert f"{name}.json" in links and f"{name}.csv" in links
    assert "../kalender/fristen.ics" in links and "../aktuelles/feed.xml" in links
    assert "Datenlizenz Deutschland" in page.get_text()
    assert page.find(id="felder-projekte").find("code", string="budget_eur")


def test_stale_entries_are_marked_listed_and_checkable(example_site):
    from macros.html import pages

    later = "2028-01-10"  # more than twelve months after the starter data was reviewed
    catalog = load_catalog(EXAMPLE_DATA, docs_dir=ROOT / "docs", today=date.fromisoformat(later))
    project = BeautifulSoup(pages.entry_html(catalog, "projects", "e-akte", "projekte/e-akte/"), "html.parser")
    assert "Möglicherweise veraltet" in project.get_text()
    maintenance = BeautifulSoup(pages.maintenance_page(catalog, "redaktion/"), "html.parser")
    assert maintenance.find(id="veraltet").find_next("table").find("a", string="Einführung der elektronischen Akte (E-Akte)")
    fresh = BeautifulSoup(example_site.page("projekte/e-akte/"), "html.parser")  # built on the review's day
    assert "Möglicherweise veraltet" not in fresh.get_text()

    def check(today, *options):
        return subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(EXAMPLE_DATA),
                               "--docs", str(ROOT / "docs"), *options], cwd=ROOT, capture_output=True,
                              text=True, env={"HUB_TODAY": today, "PATH": ""})
    assert check(later).returncode == 0
    failing = check(later, "--stale")
    assert failing.returncode == 1
    assert "data/projects/e-akte.yml:14: reviewed: seit mehr als zwölf Monaten nicht geprüft" in failing.stderr
    assert check(BUILD_DATE, "--stale").returncode == 0


def test_expired_calls_move_to_the_archive_by_date(tmp_path):
    from macros.html import pages

    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    call = data / "funding" / "modellprojekte-smart-cities.yml"
    call.write_text(call.read_text(encoding="utf-8").replace("deadline: 2021-05-14", "deadline: 2026-12-31"),
                    encoding="utf-8")

    def overview(today: str, archive: bool):
        catalog = load_catalog(data, docs_dir=ROOT / "docs", today=date.fromisoformat(today))
        url = "foerderung/archiv/" if archive else "foerderung/"
        return BeautifulSoup(pages.funding_overview(catalog, url, archive=archive), "html.parser")

    assert overview(BUILD_DATE, False).find(id="status-offen").find_parent("section").find(
        "a", string="Modellprojekte Smart Cities")
    assert "Das Archiv ist leer." in overview(BUILD_DATE, True).get_text()
    assert overview("2027-01-05", True).find(id="status-abgelaufen").find_parent("section").find(
        "a", string="Modellprojekte Smart Cities")


def test_no_alternate_links_that_material_would_misread(example_site):
    # Material's JavaScript treats every <link rel="alternate"> as a language version
    # and fetches a sitemap.xml beside it: feed autodiscovery links cause 404s.
    # (It selects link[rel=alternate]: the attribute exactly "alternate"; the data catalog's link has
    # a second token and stays out of its way. The Chromium test behind nginx sees no 404.)
    head = BeautifulSoup(example_site.page("projekte/e-akte/"), "html.parser").head
    assert head.select('link[rel="alternate"]') == []
    assert head.select('link[rel="alternate describedby"][type="text/turtle"]')
    news = BeautifulSoup(example_site.page("aktuelles/"), "html.parser")
    assert news.select_one('.md-content a[href="feed.xml"]')


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"https://example.org\",\"Klick\")", "+49 5271 965-0",
                                       "-2+3", "@SUM(A1)", "\tTab", "\rZeile"])
def test_csv_cells_never_run_as_formulas(dangerous):
    from macros.outputs.exports import Collection, Field, to_csv

    collection = Collection("test", "Test", [{"id": "x", "page_url": "u", "summary": dangerous}],
                            [Field("id", ""), Field("page_url", ""), Field("summary", "")])
    rows = list(csv.reader(io.StringIO(to_csv(collection).removeprefix("\ufeff")), delimiter=";"))
    # What a spreadsheet reads from the cell: text that starts with an apostrophe, not a formula.
    assert rows[1][2] == "'" + dangerous
    assert rows[1][0] == "x"
