"""The main menu: the pages of some kinds by name, under their overview.

Citizens look for their town, not for "Mitglieder": each member's page is a menu item of its
own, beside the overview of all members. The items are page paths without titles, so every
engine names them by the page's own (escaped) title and a name from the data is never printed
raw in the menu.
"""

from __future__ import annotations

from macros.kinds import REGISTRY
from macros.urls import entry_source, sections

# Kinds whose entries the menu lists by name (few entries, each a place people look for).
IN_MENU = ("towns",)


def with_entries(nav: list | None, catalog) -> list | None:
    """``nav`` (as mkdocs.yml writes it) with the entry pages of IN_MENU under their overview."""
    if not nav:
        return nav
    overviews = {f"{sections()[key]}/index.md": key for key in IN_MENU if key in REGISTRY}
    return [_with_entries(item, overviews, catalog) for item in nav]


def _with_entries(item, overviews: dict[str, str], catalog):
    if isinstance(item, str):
        key = overviews.get(item)
        return {REGISTRY[key].plural: _section(item, key, catalog)} if key else item
    if isinstance(item, dict) and len(item) == 1:
        title, value = next(iter(item.items()))
        if isinstance(value, list):
            return {title: [_with_entries(inner, overviews, catalog) for inner in value]}
        key = overviews.get(value) if isinstance(value, str) else None
        return {title: _section(value, key, catalog)} if key else item
    return item


def _section(overview: str, key: str, catalog) -> list[str]:
    return [overview, *(entry_source(key, entry_id) for entry_id in getattr(catalog, key))]
