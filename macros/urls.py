"""One place decides every URL of the hub, so pages, links and exports agree.

URLs are site-relative with a trailing slash (MkDocs' ``use_directory_urls``).
"""

from __future__ import annotations

import posixpath

SECTIONS = {"projects": "projekte", "funding": "foerderung", "towns": "staedte"}
CONTACT_PAGE = "anlaufstelle/"


def entry_url(kind: str, entry_id: str) -> str:
    """The URL of an entry's generated page, e.g. ``projekte/e-akte/``."""
    return f"{SECTIONS[kind]}/{entry_id}/"


def entry_source(kind: str, entry_id: str) -> str:
    """The Markdown source path the generated page is registered under."""
    return f"{SECTIONS[kind]}/{entry_id}.md"


def overview_url(kind: str) -> str:
    return f"{SECTIONS[kind]}/"


def contact_url(contact_id: str) -> str:
    return f"{CONTACT_PAGE}#kontakt-{contact_id}"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    path, hash_, fragment = to_url.partition("#")
    if not path and hash_:
        return to_url
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = posixpath.relpath("/" + path, "/" + base)
    if relative == ".":
        relative = "./"
    elif path == "" or path.endswith("/"):
        relative += "/"
    return f"{relative}{hash_}{fragment}"
