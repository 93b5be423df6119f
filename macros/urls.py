"""One place decides every URL of the hub, so pages, links and exports agree.

URLs are site-relative with a trailing slash (MkDocs' ``use_directory_urls``).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

CONTACT_PAGE = "anlaufstelle/"
# Hand-written pages that generated HTML links to, by what they are for.
PAGES = {
    "contact": CONTACT_PAGE,
    "funding_archive": "foerderung/archiv/",
    "contribute": "mitmachen/",
    "maintenance": "redaktion/",
    "open_data": "daten/",
    "easy_language": "leichte-sprache/",
    "sign_language": "gebaerdensprache/",
    "arbeitskreis": "arbeitskreis/",
    "chronicle": "chronik/",
}
CALENDAR_DIR = "kalender"
NEWS_FEED = "aktuelles/feed.xml"
FUNDING_FEED = "foerderung/feed.xml"
MATERIALS = "schulungen/material"
EDITOR_DIR = "redaktion/editor"  # the browser editor (macros/outputs/editor.py)
NEWS_POSTS = "aktuelles/posts"  # blog_dir of mkdocs.yml + "/posts": where editors write news
# Hand-written pages and files inside a section that generated pages must not take over.
RESERVED_IDS = {"trainings": {"material", "konzept"}, "funding": {"archiv", "feed"}}


def sections() -> dict[str, str]:
    """kind → URL section, for every kind with pages of its own (from the registry)."""
    from macros.kinds import REGISTRY

    return {kind.key: kind.section for kind in REGISTRY.values() if kind.section}


def reserved_ids(kind: str) -> set[str]:
    """Ids an entry of ``kind`` may not have: its section's overview and fixed pages."""
    return {"index", *RESERVED_IDS.get(kind, ())} if kind in sections() else set()


def entry_url(kind: str, entry_id: str) -> str:
    """The URL of an entry's generated page, e.g. ``projekte/e-akte/``."""
    return f"{sections()[kind]}/{entry_id}/"


def entry_source(kind: str, entry_id: str) -> str:
    """The Markdown source path the generated page is registered under."""
    return f"{sections()[kind]}/{entry_id}.md"


def overview_url(kind: str) -> str:
    return f"{sections()[kind]}/"


def material_url(name: str) -> str:
    return f"{MATERIALS}/{name}/"


def anchor_url(page: str, anchor: str) -> str:
    """A place on a hand-written page, e.g. ``arbeitskreis/#sitzung-ak-2026-03``."""
    return f"{page}#{anchor}"


def contact_url(contact_id: str) -> str:
    return f"{CONTACT_PAGE}#kontakt-{contact_id}"


def address(kind: str, entry_id: str) -> str | None:
    """Where an entry of any kind is shown: its own page, or its place on a shared page."""
    if kind in sections():
        return entry_url(kind, entry_id)
    if kind == "contacts":  # the contact directory lists each public contact with an anchor
        return contact_url(entry_id)
    if kind == "chronicle":
        return milestone_url(entry_id)
    if kind == "grants":  # listed on the chronicle beside the milestones, with an anchor
        return anchor_url(PAGES["chronicle"], f"foerderbescheid-{entry_id}")
    return None


def milestone_url(milestone_id: str) -> str:
    return anchor_url(PAGES["chronicle"], f"meilenstein-{milestone_id}")


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    path, hash_, fragment = to_url.partition("#")
    if not path and hash_:
        return to_url
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = _relative_path(path, base)
    if relative == ".":
        relative = "./"
    elif path == "" or path.endswith("/"):
        relative += "/"
    return f"{relative}{hash_}{fragment}"


def _relative_path(path: str, base: str) -> str:
    """``posixpath.relpath("/" + path, "/" + base)``, without its normalising for the plain
    site paths the pages link between (a page links to dozens of entries; relpath was a sixth
    of the time an entry page takes)."""
    to_parts, from_parts = path.split("/"), base.split("/")
    if "." in to_parts or ".." in to_parts or "." in from_parts or ".." in from_parts:
        return posixpath.relpath("/" + path, "/" + base)
    to_parts = [part for part in to_parts if part]
    from_parts = [part for part in from_parts if part]
    common = 0
    for mine, theirs in zip(from_parts, to_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


def slugify(text: str, separator: str = "-") -> str:
    """URL part for a title, umlauts transliterated (used for news categories and posts)."""
    from macros.data.models import slug_from_title

    return slug_from_title(text).replace("-", separator)


def page(name: str) -> str:
    """The URL of a hand-written page, e.g. ``page("contact")`` → ``anlaufstelle/``."""
    return PAGES[name]


def calendar_url(name: str) -> str:
    """A calendar file: ``alle``, ``fristen``, ``schulungen``, ``sitzungen`` or a member's id."""
    return f"{CALENDAR_DIR}/{name}.ics"


def repository_host(repo_url: str | None) -> str | None:
    """'GitHub' or 'GitLab' (OpenCoDE is a GitLab), from the repository address."""
    host = urlsplit(repo_url or "").hostname or ""
    if host == "github.com" or host.endswith(".github.com"):
        return "GitHub"
    if "gitlab" in host or "opencode" in host:
        return "GitLab"
    return None


def repository_path(repo_url: str | None, action: str, branch: str = "main") -> str:
    """The path part for ``edit`` or ``tree`` links in the host's own form."""
    return f"-/{action}/{branch}/" if repository_host(repo_url) == "GitLab" else f"{action}/{branch}/"
