"""Repairs to Material's markup so every page passes the Nu HTML Checker and Lighthouse.

Each rewrite is narrow: it matches one pattern Material produces and changes
only what the checker rejects. Overriding Material's templates instead would
mean copying large files that change with every release.
"""

from __future__ import annotations

import re

# <label ... tabindex=""> in the navigation: an empty tabindex is not an integer.
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
# autocomplete is not allowed on checkboxes and radio buttons (Material's toggles).
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*?)\s+autocomplete="[^"]*"')
# autocorrect is a non-standard attribute on the search box.
_AUTOCORRECT = re.compile(r'(<input\b[^>]*?)\s+autocorrect="[^"]*"')
# Material's search overlay is a dialog without a name (Lighthouse: aria-dialog-name).
_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(>)')
# The theme's script files stand at the end of the page but still hold up its first paint
# (Lighthouse: render-blocking); deferred, they run in the same order once the page is parsed.
_SCRIPT_FILE = re.compile(r'<script src="([^"]+)"></script>')
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]+)"')
_ID = re.compile(r'\sid="([^"]+)"')


def element_ids(html: str) -> frozenset[str]:
    """The ids of the elements in ``html``."""
    return frozenset(_ID.findall(html))


def fix_material_markup(html: str, ids_elsewhere: frozenset[str] = frozenset()) -> str:
    """Return ``html`` with the known validation errors of Material's templates removed.

    ``ids_elsewhere``: ids of the rest of the page when ``html`` is a part of it (a page frame's content).
    """
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = _AUTOCORRECT.sub(r"\1", html)
    html = _SEARCH_DIALOG.sub(r'\1 aria-label="Suche"\2', html)
    html = _SCRIPT_FILE.sub(r'<script src="\1" defer></script>', html)
    ids = element_ids(html) | ids_elsewhere
    # A label pointing at a control the page does not have (the table of contents toggle).
    return _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)
