"""A complete and lawful public point of contact: legal pages, feedback, Leichte Sprache and DGS."""

from __future__ import annotations

from datetime import date

import pytest

from macros.data.catalog import load_catalog
from macros.data.load import load_file
from macros.data.release import SITE_REQUIREMENTS, site_problems
from macros.wording import count, days_left
from tests.browser import serve
from tests.conftest import ROOT, data_problems, soup


def text(html: str) -> str:
    return " ".join(soup(html).get_text(" ").split())


# Every part an NRW Kreis needs on each page: (heading id, a phrase the part must hold).
REQUIRED_PARTS = {
    "impressum/": [("anbieter", "§ 5 Digitale-Dienste-Gesetz"), ("anbieter", "Vertreten durch"),
                   ("kontakt", "E-Mail"), ("verantwortlich", "§ 18 Abs. 2 Medienstaatsvertrag"),
                   ("aufsicht", ""), ("lizenz", "Offene Daten"), ("links", "Links zu Angeboten Dritter")],
    "datenschutz/": [("verantwortliche-stelle", "Datenschutz-Grundverordnung"), ("datenschutzbeauftragte-oder-datenschutzbeauftragter", ""),
                     ("was-beim-aufruf-verarbeitet-wird", "§ 3 Datenschutzgesetz Nordrhein-Westfalen"), ("was-beim-aufruf-verarbeitet-wird", "Protokolle"),
                     ("speicher-in-ihrem-browser", "__palette"), ("kontakt-per-e-mail", "Löschung"),
                     ("bearbeiten", "Benutzerkonto"), ("ihre-rechte", "Art. 15 DSGVO")],
    "barrierefreiheit/": [("stand-der-vereinbarkeit", "vereinbar"), ("nicht-barrierefreie-inhalte", "Gebärdensprache"),
                          ("erstellung", "erstellt"), ("rueckmeldung", "Wir antworten innerhalb von"),
                          ("durchsetzungsverfahren", "Ombudsstelle"), ("andere-formen", "Leichter Sprache")],
}


@pytest.mark.parametrize("url", REQUIRED_PARTS)
def test_legal_pages_have_every_required_part(real_site, url):
    page = soup(real_site.page(url))
    for heading, phrase in REQUIRED_PARTS[url]:
        section = page.find(id=heading)
        assert section is not None, (url, heading)
        following = []
        for sibling in section.find_next_siblings():
            if sibling.name == "h2":
                break
            following.append(sibling.get_text(" "))
        assert phrase in " ".join(" ".join(following).split()), (url, heading, phrase)


def test_every_gap_on_a_legal_page_is_refused_by_the_release_check(real_site):
    document, _ = load_file(ROOT / "data" / "site.yml", "data/site.yml")
    refused = {p.field for p in site_problems(document)}
    shown = " ".join(text(real_site.page(url)) for url in REQUIRED_PARTS)
    assert refused and "[Noch auszufüllen:" in shown
    for path, _what in SITE_REQUIREMENTS:
        value = document.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        assert (".".join(path) in refused) == (value is None), path


def test_the_accessibility_status_uses_the_words_of_the_law(data):
    (data / "site.yml").write_text("operator: {name: Kreis Höxter}\naccessibility:\n  status: weitgehend\n",
                                   encoding="utf-8")
    assert any("'weitgehend' ist nicht erlaubt (erlaubt: vollstaendig, teilweise, nicht)" in p
               for p in data_problems(data))


def test_real_site_states_the_status_with_reasons(real_site):
    page = text(real_site.page("barrierefreiheit/"))
    assert "Diese Website ist mit den Anforderungen teilweise vereinbar" in page
    assert "weitgehend" not in page
    assert "ombudsstelle-barrierefreie-it@mags.nrw.de" in page


@pytest.mark.browser
def test_feedback_form_composes_an_e_mail_without_a_server(chromium, real_site):
    with serve(real_site.site) as base:
        page = chromium.new_page()
        page.goto(base + "barrierefreiheit/")
        form = page.locator("form.hub-feedback")
        assert form.is_visible()
        page.select_option("#rueckmeldung-barrierefreiheit-art", "Barriere melden")
        page.fill("#rueckmeldung-barrierefreiheit-seite", "Förderung")
        page.focus("#rueckmeldung-barrierefreiheit-text")
        page.keyboard.type("Der Filter ist mit der Tastatur schwer zu erreichen.")
        page.keyboard.press("Tab")  # to the name field, then the button, by keyboard alone
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        mail = page.locator(".hub-feedback__mail a").first.get_attribute("href")
        assert mail.startswith("mailto:info@kreis-hoexter.de?subject=")
        assert "Barriere%20melden" in mail and "Seite%3A%20F%C3%B6rderung" in mail
        assert "Tastatur%20schwer%20zu%20erreichen" in mail
        assert "E-Mail-Programm öffnet sich" in page.locator(".hub-feedback__status").first.inner_text()
        page.close()
        contact = chromium.new_page()
        contact.goto(base + "anlaufstelle/")
        assert contact.locator("form.hub-feedback").is_visible()
        contact.close()
        static = chromium.new_context(java_script_enabled=False)
        plain = static.new_page()
        plain.goto(base + "barrierefreiheit/")
        assert plain.locator("form.hub-feedback").is_hidden()  # no form that cannot work
        assert plain.locator(".hub-feedback__mail a").first.get_attribute("href").startswith("mailto:")
        static.close()


def test_start_page_and_footer_link_leichte_sprache_and_dgs(real_site):
    home = soup(real_site.page(""))
    links = {a["href"] for a in home.select("article a[href]")}
    assert {"leichte-sprache/", "gebaerdensprache/"} <= links
    leicht = text(real_site.page("leichte-sprache/"))
    for heading in ("Was ist diese Website?", "Wie finden Sie etwas?", "Ist die Website barriere-frei?",
                    "Wie erreichen Sie uns?"):
        assert heading in leicht
    dgs = soup(real_site.page("gebaerdensprache/"))
    assert dgs.select_one(".hub-video-slot").find(id="dgs-video")
    items = [li.get_text(" ", strip=True) for li in dgs.select("article ol > li")]
    assert [item.split(":")[0] for item in items] == ["Informationen zum Inhalt", "Hinweise zur Navigation",
                                                      "Erklärung zur Barrierefreiheit", "Weitere Informationen"]


def test_german_404_page_with_search_and_main_links(real_site):
    page = soup((real_site.site / "404.html").read_text(encoding="utf-8"))
    assert page.h1.get_text() == "Seite nicht gefunden"
    assert page.title.get_text().startswith("Seite nicht gefunden")
    assert page.select_one("input.md-search__input")
    hrefs = [a["href"] for a in page.select("article a")]
    assert "/projekte/" in hrefs and "/anlaufstelle/" in hrefs and "/leichte-sprache/" in hrefs
    assert "Not found" not in page.get_text()


def test_every_task_of_the_resolution_has_a_place(real_site):
    page = soup(real_site.page("strategie/"))
    table = page.find("th", string="Aufgabe laut Vorlage").find_parent("table")
    rows = {tr.td.get_text(): tr.find_all("td")[1] for tr in table.select("tbody tr")}
    assert len(rows) == 13
    for task, cell in rows.items():
        assert cell.find("a"), task
    assert rows["Mitwirkung bei der Kreisentwicklung"].a["href"] == "../themen/kreisentwicklung/"
    assert "Aufbau des Digitalnetzwerks" in text(real_site.page("themen/kreisentwicklung/"))


def test_counts_read_right():
    assert [count(n, "Eintrag", "Einträge") for n in (0, 1, 2)] == ["keine Einträge", "1 Eintrag", "2 Einträge"]
    assert count(1, "Mitglied", "Mitglieder", none="kein Mitglied") == "1 Mitglied"
    assert [days_left(date(2026, 12, d), date(2026, 12, 1)) for d in (1, 2, 5)] == \
        ["endet heute", "endet morgen", "endet in 4 Tagen"]


def test_messages_read_right(real_site, data):
    funding = text(real_site.page("foerderung/interkommunale-zusammenarbeit-nrw/"))
    assert "Land Nordrhein-Westfalen (Land NRW)" not in funding and "Ebene Land NRW" in funding
    assert "keine Frist" not in funding
    (data / "projects" / "e-akte.yml").write_text(
        (data / "projects" / "e-akte.yml").read_text(encoding="utf-8").replace("lead: geschaeftsstelle",
                                                                              "lead: niemand"), encoding="utf-8")
    assert any("Den Kontakt 'niemand' gibt es nicht" in p for p in data_problems(data))


def test_glossary_explains_the_two_fields_and_shared_services():
    terms = {t.term for t in load_catalog(ROOT / "data", today=date.today()).glossary.values()}
    assert {"E-Government", "Smart Region", "Shared Services"} <= terms


def test_a_contact_card_shows_every_public_channel_with_its_source(example_site, real_site):
    card = soup(example_site.page("anlaufstelle/")).select_one("#kontakt-geschaeftsstelle")
    ways = [li.get_text(" ", strip=True) for li in card.select(".hub-contact__ways li")]
    assert ways == ["E-Mail: geschaeftsstelle@digitalnetzwerk.example", "Telefon: 05271 965-0",
                    "Post: Moltkestraße 12, 37671 Höxter", "Erreichbar: Mo–Do 8–16 Uhr, Fr 8–12 Uhr (Beispiel)"]
    assert card.select_one(".hub-contact__source").get_text(" ", strip=True) == "Angaben laut Beispieldaten"
    # The real data: what the Kreis publishes in its imprint, and where; no opening hours (no source names them).
    real = soup(real_site.page("anlaufstelle/")).select_one("#kontakt-kreisverwaltung-hoexter")
    text = real.get_text(" ", strip=True)
    assert "Post: Moltkestraße 12, 37671 Höxter" in text and "Telefon: 05271 965-0" in text
    assert "Erreichbar" not in text
    assert any("impressum" in a["href"] for a in real.select(".hub-contact__source a"))
