"""Markdown fields from data → safe HTML.

Editors may format descriptions with Markdown; the result is cleaned with nh3
(the Rust ``ammonia`` sanitizer) so scripts, event handlers, styles and
``javascript:`` links never reach a page. Headings are moved down two levels:
a description sits below the page's own h1 and h2 headings.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "abbr", "del", "sup", "sub",
}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}


class _DemoteHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


class _DemoteHeadingsExtension(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown API name
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 0)


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
    html = _converter(abbreviations).reset().convert(text)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def forget_converted() -> None:
    """Let go of the descriptions converted so far (a build's second process needs each once)."""
    _converted.cache_clear()


@lru_cache(maxsize=4)
def _converter(abbreviations: tuple[tuple[str, str], ...]) -> markdown.Markdown:
    """One Markdown instance per glossary: setting up the extensions costs more than converting."""
    # The glossary goes in as the abbr extension's setting, not as text for Markdown to parse.
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "fenced_code", "abbr", _DemoteHeadingsExtension()],
        extension_configs={"abbr": {"glossary": dict(abbreviations)}},
        output_format="html",
    )
