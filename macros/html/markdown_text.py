"""Markdown fields from data → safe HTML.

Editors may format descriptions with Markdown. Fields from data are read as
CommonMark with tables (markdown-it-py), the dialect of GitHub and of the
browser editor's preview, about four times faster than Python-Markdown, which
MkDocs keeps for the pages. The result is cleaned with nh3 (the Rust ``ammonia``
sanitizer) so scripts, event handlers, styles and ``javascript:`` links never
reach a page. Headings are moved down two levels: a description sits below the
page's own h1 and h2 headings. Glossary terms get their long form as a tooltip,
as on the pages.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import escape

_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "abbr", "del", "sup", "sub",
}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
_HEADINGS = {f"h{level}": f"h{min(level + 2, 6)}" for level in range(1, 7)}


def markdown_to_html(text: str, abbreviations: dict[str, str] | None = None) -> str:
    """Convert an editor's Markdown to sanitized HTML.

    ``abbreviations`` (term → long form, from the glossary) become <abbr> tooltips,
    as on the Markdown pages.
    """
    return _converted(text, tuple(sorted((abbreviations or {}).items())))


# Kept across the rebuilds of `mkdocs serve` (same process): an unchanged description is
# not converted again when one YAML file changes.
@lru_cache(maxsize=20_000)
def _converted(text: str, abbreviations: tuple[tuple[str, str], ...]) -> str:
    return nh3.clean(
        _converter(abbreviations).render(text),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=4)
def _converter(abbreviations: tuple[tuple[str, str], ...]) -> MarkdownIt:
    """One parser per glossary (its terms become one pattern)."""
    # Raw HTML passes the parser as in Python-Markdown; nh3 decides what of it stays.
    converter = MarkdownIt("commonmark", {"html": True}).enable("table")
    converter.core.ruler.push("demote_headings", _demote_headings)
    if abbreviations:
        converter.core.ruler.push("glossary_tooltips", _GlossaryTooltips(dict(abbreviations)))
    return converter


def _demote_headings(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADINGS[token.tag]


class _GlossaryTooltips:
    """Wraps each glossary term in running text (not in code) in <abbr title="long form">."""

    def __init__(self, long_forms: dict[str, str]) -> None:
        self._long_forms = long_forms
        # Whole words only, the longest term first (as the abbr extension of the pages does).
        terms = sorted(long_forms, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + r")(?!\w)")

    def __call__(self, state: StateCore) -> None:
        for block in state.tokens:
            if block.type == "inline" and block.children and self._pattern.search(block.content):
                block.children = [part for child in block.children for part in self._split(child)]

    def _split(self, token: Token) -> list[Token]:
        if token.type != "text":
            return [token]
        parts, start = [], 0
        for found in self._pattern.finditer(token.content):
            parts.append(_text(token.content[start:found.start()]))
            title = escape(self._long_forms[found.group()])
            parts += [_html(f'<abbr title="{title}">'), _text(found.group()), _html("</abbr>")]
            start = found.end()
        if not parts:
            return [token]
        parts.append(_text(token.content[start:]))
        return [part for part in parts if part.content]


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _html(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)
