"""What one build knows: the catalog, and HTML waiting to be put into pages.

The MkDocs plugin (``macros.mkdocs_adapter.plugin.HubPlugin``) holds one of these on its
instance for the length of a build; nothing here is a module global.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.data.catalog import Catalog

# A macro's place in the Markdown: private-use characters around a number. Markdown leaves them
# alone wherever they stand; an HTML comment at the start of a line would end the paragraph.
SLOT_OPEN, SLOT_CLOSE = "\ue000", "\ue001"
# Alone in a paragraph (a block macro), the paragraph goes with it; inside text, the marker alone.
_SLOT = re.compile(f"<p>{SLOT_OPEN}(\\d+){SLOT_CLOSE}</p>|{SLOT_OPEN}(\\d+){SLOT_CLOSE}")


@dataclass
class BuildState:
    catalog: Catalog
    # page source path → HTML fragments that macros produced for that page
    slots: dict[str, list[str]] = field(default_factory=dict)
    news: list = field(default_factory=list)  # FeedItem per blog post, set once the posts are known
    redirects: list = field(default_factory=list)  # old address → new page, set in on_files
    drafts: set = field(default_factory=set)  # source paths of pages with unfinished content
    script_hashes: frozenset = frozenset()  # the theme's inline scripts, from its 404 page (on_env)
    allowed_scripts: frozenset = frozenset()  # site paths of the script files that may load

    def glossary_abbreviations(self) -> dict[str, str]:
        """Term → long form, for the abbr extension (tooltips on every page)."""
        return {t.term: t.long for t in self.catalog.glossary.values() if t.long != t.term}

    def hold(self, page_source: str, html: str) -> str:
        """Keep ``html`` aside and return the marker to put in the Markdown.

        Macro output is inserted after Markdown has run, so Markdown never
        reads (and never reinterprets) text that came from data/.
        """
        held = self.slots.setdefault(page_source, [])
        held.append(html)
        return f"{SLOT_OPEN}{len(held) - 1}{SLOT_CLOSE}"

    def release(self, page_source: str, html: str) -> str:
        """Replace the markers in a page's HTML with the fragments held for it."""
        held = self.slots.pop(page_source, [])
        # A marker that no macro set (typed into a page by hand) stays as it is.
        def fragment(match: re.Match) -> str:
            index = int(match.group(1) or match.group(2))
            return held[index] if index < len(held) else match.group(0)

        return _SLOT.sub(fragment, html) if held else html
