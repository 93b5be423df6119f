"""The Jinja environment for the hub's own templates (``macros/templates``).

Autoescape is on for every template, so any value from data/ is HTML-escaped
unless a filter here has made it safe on purpose (``markdown``). Undefined
names fail loudly. Page text written by editors is rendered elsewhere, in a
sandbox (see ``page_sandbox``); these templates are code and trusted.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from macros import labels, urls, wording
from macros.html import structured_data
from macros.html.markdown_text import markdown_to_html
from macros.html.sharing import qr_code
from macros.wording import german_date, german_date_long, thousands


def date_text(value: date | None) -> str:
    """31.12.2025, or nothing for no date."""
    return german_date(value) if value else ""


def date_long_text(value: date | None) -> str:
    """31. Dezember 2025, or nothing for no date."""
    return german_date_long(value) if value else ""


_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def weekday(value: date) -> str:
    return _WEEKDAYS[value.weekday()]


def euro(value: int | None) -> str:
    """5.700.000 €"""
    return "" if value is None else f"{thousands(value)}\u00a0€"


def percent(value: float | None) -> str:
    if value is None:
        return ""
    number = f"{value:g}".replace(".", ",")
    return f"{number}\u00a0%"


_BREAK_AFTER = re.compile(r"(?<=[./])(?=\w)")


def breakable(text: str) -> Markup:
    """Text whose words joined by dots or slashes may wrap after them ("Dorf.Gesundheit.Digital"),
    not inside a word: each part escaped, a <wbr> between."""
    return Markup("<wbr>").join(escape(part) for part in _BREAK_AFTER.split(str(text)))


@pass_context
def markdown_filter(context, text: str | None) -> Markup:
    """Markdown from data → sanitized HTML, with the glossary's tooltips."""
    if not text:
        return Markup("")
    catalog = context.get("catalog")
    glossary = catalog.glossary.values() if catalog is not None else ()
    return Markup(markdown_to_html(text, {t.term: t.long for t in glossary if t.long != t.term}))


def html_text(text: str) -> str:
    """Text made safe for places where MkDocs or the theme print it unescaped.

    MkDocs' theme templates have no autoescape and print ``page.title`` and
    ``page.meta.description`` as they are; mkdocs-macros renders a page title
    that contains ``{{``. Braces become entities so nothing reads it as Jinja.
    """
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # The templates are part of the program: a change takes a new start, as one of the Python
        # code does (mkdocs serve does not watch them). Spares a file check each time one is used.
        auto_reload=False,
    )
    env.filters.update(
        date=date_text, date_long=date_long_text, euro=euro, percent=percent,
        markdown=markdown_filter, weekday=weekday, breakable=breakable,
    )
    env.globals.update(labels=labels, entry_url=urls.entry_url, overview_url=urls.overview_url,
                       contact_url=urls.contact_url, material_url=urls.material_url, qr=qr_code,
                       milestone_url=urls.milestone_url, address=urls.address,
                       days_left=wording.days_left, count=wording.count, page=urls.page,
                       calendar_url=urls.calendar_url, feeds={"news": urls.NEWS_FEED, "funding": urls.FUNDING_FEED},
                       structured=structured_data)
    return env


def render(template: str, page_url: str, **context: object) -> str:
    """Render ``template`` for the page at ``page_url`` (links come out relative)."""

    def href(target: str) -> str:
        return urls.relative_url(page_url, target)

    html = environment().get_template(template).render(href=href, page_url=page_url, **context)
    return _with_permalinks(html)


_HEADING = re.compile(r'(<h([23]) id="([^"]+)"([^>]*)>)(.*?)(</h\2>)', re.S)


def _with_permalinks(html: str) -> str:
    """Give headings with an id the same ¶ permalink Markdown headings get (toc extension)."""
    return _HEADING.sub(lambda m: f'{m.group(1)}{m.group(5)}<a class="headerlink" href="#{m.group(3)}" '
                                  f'title="Link zu diesem Abschnitt">¶</a>{m.group(6)}', html)
