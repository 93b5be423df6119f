"""Markdown fields from data (descriptions): CommonMark with tables, cleaned, with the glossary's tooltips."""

from bs4 import BeautifulSoup

from macros.html.markdown_text import markdown_to_html

GLOSSARY = {"OZG": "Onlinezugangsgesetz", "IT": 'Informations"<technik>', "E-Akte": "elektronische Akte"}


def html(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown_to_html(text, GLOSSARY), "html.parser")


def test_headings_sit_two_levels_below_the_page():
    page = html("# Eins\n\n## Zwei\n\n##### Fünf\n")
    assert [h.name for h in page.find_all(True)] == ["h3", "h4", "h6"]


def test_glossary_terms_get_their_long_form_in_running_text_only():
    page = html("Das OZG, die E-Akte und IT-Sicherheit; BITKOM, OZGs, `OZG` und [OZG](https://example.org/).\n")
    titles = [(abbr.get_text(), abbr["title"]) for abbr in page.find_all("abbr")]
    assert titles == [("OZG", "Onlinezugangsgesetz"), ("E-Akte", "elektronische Akte"),
                      ("IT", 'Informations"<technik>'), ("OZG", "Onlinezugangsgesetz")]
    assert page.find("code").get_text() == "OZG" and not page.find("code").find("abbr")
    assert page.find("a").find("abbr")  # a link's text is running text


def test_tables_and_lists_as_on_github():
    page = html("Schritte:\n- eins\n- zwei\n\n| Stadt | Dienste |\n|---|--:|\n| Brakel | 3 |\n")
    assert [li.get_text() for li in page.find_all("li")] == ["eins", "zwei"]
    assert [td.get_text() for td in page.select("tbody td")] == ["Brakel", "3"]


def test_what_could_run_or_leave_the_page_is_removed():
    page = html('<script>alert(1)</script><b onclick="x()">fett</b> [Link](javascript:alert(2)) '
                '<img src=x onerror=alert(3)> <a href="https://example.org/" style="color:red">gut</a>\n')
    assert not page.find_all(["script", "img"]) and page.find("b").attrs == {}
    (link,) = page.find_all("a")  # the javascript: link stays text
    assert link["href"] == "https://example.org/" and link["rel"] == ["noopener", "noreferrer"]
    assert "style" not in link.attrs and "javascript:" not in str(page.find_all(href=True))
