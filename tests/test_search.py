"""German search in the built site: queries typed into the search box in headless Chromium.

Each query must return its page among the first three results.
"""

from __future__ import annotations

import pytest

from tests.browser import search_results, serve

pytestmark = pytest.mark.browser

QUERIES = [
    # umlauts and their transliterations
    ("Höxter", "staedte/hoexter/"),
    ("Hoexter", "staedte/hoexter/"),
    ("Hoxter", "staedte/hoexter/"),
    ("Marienmünster", "staedte/marienmuenster/"),
    ("Marienmuenster", "staedte/marienmuenster/"),
    ("Nahversorgungsräume", "projekte/smarte-nahversorgungsraeume/"),
    ("Nahversorgungsraeume", "projekte/smarte-nahversorgungsraeume/"),
    # word beginnings find compounds
    ("Nahversorg", "projekte/smarte-nahversorgungsraeume/"),
    ("Förder", "foerderung/"),
    ("Foerder", "foerderung/"),
    ("Schulungskonz", "schulungen/konzept/"),
    ("Datenschutzbeauf", "shared-services/datenschutzbeauftragte/"),
    # abbreviations and long forms, both ways
    ("OZG", "projekte/ozg-umsetzung/"),
    ("Onlinezugangsgesetz", "projekte/ozg-umsetzung/"),
    ("E-Akte", "projekte/e-akte/"),
    ("elektronische Akte", "projekte/e-akte/"),
    ("XRechnung", "projekte/e-rechnung/"),
    ("EfA", "glossar/"),
    ("ISMS", "themen/informationssicherheit/"),
    ("Informationssicherheitsmanagementsystem", "themen/informationssicherheit/"),
    ("Informationssicherheitsbeauftragte", "shared-services/informationssicherheit/"),
    # key facts of generated pages
    ("Brakel", "staedte/brakel/"),
    ("Willebadessen", "staedte/willebadessen/"),
    ("Modellprojekte Smart Cities", "foerderung/modellprojekte-smart-cities/"),
    ("interkommunale Zusammenarbeit", "foerderung/interkommunale-zusammenarbeit-nrw/"),
    ("Aktenplan", "projekte/aktenplan/"),
    ("Vergabestelle", "shared-services/vergabestelle/"),
    ("Geschäftsstelle", "anlaufstelle/"),
    ("Barrierefreiheit", "barrierefreiheit/"),
    ("Impressum", "impressum/"),
    # words visitors type for what the site calls otherwise (data/search-words.yml)
    ("Zuschuss", "foerderung/"),
    ("Fördergeld", "foerderung/"),
    ("Fortbildung", "schulungen/"),
    ("Weiterbildung", "schulungen/"),
    ("Ansprechpartner", "anlaufstelle/"),
]


@pytest.fixture(scope="module")
def search_page(chromium, example_site):
    with serve(example_site.site) as base:
        page = chromium.new_page()
        page.goto(base)
        page.wait_for_function("() => document.querySelector('.md-search__input') !== null")
        yield page
        page.close()


def top_results(page, query: str, count: int = 3) -> list[str]:
    """The addresses of the first results for ``query`` (see tests.browser.search_results)."""
    return [href.split("#")[0] for href, _ in search_results(page, query, count)]


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_page_in_top_three(search_page, query, expected):
    results = top_results(search_page, query)
    assert any(href.endswith("/" + expected) for href in results), (query, results)



TYPOS = [
    ("Nahversorung", "Nahversorgung", "projekte/smarte-nahversorgungsraeume/"),  # a letter missing
    ("Shculung", "Schulung", "schulungen/"),                                      # two letters swapped
    ("Fördermitteln", "Fördermittel", "themen/foerdermittel/"),                   # an ending no page has
    ("Smarte Nahversorung", "Smarte Nahversorgung", "projekte/smarte-nahversorgungsraeume/"),
]


@pytest.mark.parametrize("typed, suggested, expected", TYPOS, ids=[t for t, _, _ in TYPOS])
def test_a_typo_gets_a_suggestion_that_finds_the_page(search_page, typed, suggested, expected):
    top_results(search_page, typed)
    button = search_page.locator(".hub-suggest .hub-suggest__button")
    button.wait_for(timeout=5_000)
    assert search_page.locator(".hub-suggest").inner_text() == f"Meinten Sie {suggested}?"
    button.focus()
    search_page.keyboard.press("Enter")  # a real button: the keyboard works as the mouse does
    search_page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q && "
        "document.querySelectorAll('.md-search-result__item').length > 0", arg=suggested)
    links = search_page.locator(".md-search-result__item > a.md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href").split("?")[0] for i in range(min(links.count(), 3))]
    assert any(href.endswith("/" + expected) for href in hrefs), hrefs


@pytest.mark.parametrize("query", ["Brakel", "Zuschus", "E-Akte"])
def test_words_the_site_has_get_no_suggestion(search_page, query):
    top_results(search_page, query)
    search_page.wait_for_timeout(300)  # the vocabulary loads on the first query
    assert search_page.locator(".hub-suggest").count() == 0


def test_the_count_line_says_when_more_pages_match_than_are_listed(search_page):
    """The worker lists the best 20 pages; the count line must not pass them off as all hits."""
    import re

    top_results(search_page, "Kreis")
    search_page.wait_for_function(
        "() => /besten von/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=5_000)
    shown, total = re.fullmatch(r"Die (\d+) besten von (\d+) Treffern",
                                search_page.locator(".md-search-result__meta").inner_text()).groups()
    assert int(shown) == 20 < int(total)  # Material shows ten at first, the rest as the list scrolls
    assert search_page.locator(".md-search-result__item").count() == 10
    top_results(search_page, "Vergabestelle")  # fewer hits: Material's own line, the number of all of them
    search_page.wait_for_timeout(300)
    count = search_page.locator(".md-search-result__item").count()
    assert search_page.locator(".md-search-result__meta").inner_text() == f"{count} Suchergebnisse"


def _typed(page, query: str) -> list[str]:
    """Type ``query`` key by key as a person does; the files the search loads meanwhile."""
    from tests.browser import wait_for_search_ready

    box = page.locator("input.md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    wait_for_search_ready(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.keyboard.type(query, delay=90)
    page.wait_for_timeout(1_000)  # the worker's pause and Pagefind's answer
    return requested


@pytest.mark.parametrize("query", ["a", "Ak", "Fo"])  # ASCII: Playwright types ö without a keyup
def test_one_or_two_letters_load_no_index_and_say_why(chromium, example_site, query):
    with serve(example_site.site) as base:
        page = chromium.new_page()
        page.goto(base)
        requested = _typed(page, query)
        assert [url for url in requested if "/pagefind/" in url and not url.endswith((".js", ".json", ".wasm"))
                and "wasm." not in url and ".pf_meta" not in url] == []
        assert page.locator(".md-search-result__meta").inner_text() == "Bitte mindestens drei Buchstaben eingeben"
        page.close()


def test_typing_key_by_key_loads_the_texts_of_one_answer_only(chromium, example_site):
    """Material asks with every key; the worker answers once the visitor pauses, and loads the
    texts (fragments) of the best pages for that answer only, not for every prefix on the way."""
    with serve(example_site.site) as base:
        page = chromium.new_page()
        page.goto(base)
        requested = _typed(page, "Digitalisierung")
        fragments = {url for url in requested if "/pagefind/fragment/" in url}
        assert 0 < len(fragments) <= 20, len(fragments)
        page.close()


def test_a_short_term_of_the_word_list_is_searched(search_page):
    results = top_results(search_page, "IT")
    assert any(href.endswith("/arbeitskreis/") for href in results), results


EVERYDAY = [
    ("Bürgerbeteiligung", "beteiligung/"),
    ("Mitwirkung", "beteiligung/"),
    ("Termine", "schulungen/"),
    ("Open Data", "daten/"),
]


@pytest.mark.parametrize("query, expected", EVERYDAY, ids=[q for q, _ in EVERYDAY])
def test_everyday_words_find_the_page_a_person_means(search_page, query, expected):
    results = top_results(search_page, query, count=3)
    assert any(href.endswith("/" + expected) for href in results), (query, results)


def test_a_query_without_hits_points_to_the_anlaufstelle_and_the_overviews(search_page, example_site):
    search_results(search_page, "Glasfaser")
    hint = search_page.locator(".hub-search-hint")
    hint.wait_for(timeout=5_000)
    assert hint.inner_text().startswith("Nichts gefunden? Fragen Sie die Anlaufstelle")
    targets = [hint.locator("a").nth(i).get_attribute("href") for i in range(hint.locator("a").count())]
    assert [t.rsplit("/", 2)[-2] for t in targets] == ["anlaufstelle", "projekte", "foerderung", "themen",
                                                      "staedte"]
    # hub-suggest.js names these addresses itself: each must be a page of the site.
    missing = [t for t in targets if not (example_site.site / t.split("/", 3)[3] / "index.html").is_file()]
    assert missing == []
    search_results(search_page, "Brakel")  # hits again: the hint goes
    assert search_page.locator(".hub-search-hint").count() == 0


def test_the_index_holds_no_source_text(real_site):
    """Code blocks show what editors type (YAML, front matter, Markdown): their text is not the
    page's, and a result's snippet must never show it."""
    from tests.conftest import pagefind_records, soup

    records = pagefind_records(real_site.site)
    blocks = 0
    for url, record in records.items():
        page = soup(real_site.page(url.strip("/")) if url != "/" else real_site.page(""))
        for block in page.select("article pre"):
            lines = [line.strip() for line in block.get_text().splitlines() if len(line.strip()) > 12]
            blocks += 1
            assert not [line for line in lines if line in record["content"]], url
    assert blocks >= 3  # the editors' pages show examples
