"""Old addresses keep working: redirect pages for renamed entries and moved pages.

A renamed entry lists its former ids under ``aliases``; a moved Markdown page
is listed in mkdocs.yml under ``extra.redirects`` (old address → new source
file). Each old address gets a small page that forwards at once (meta refresh,
no script, so the Content Security Policy stays strict) and links the new page.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros import urls
from macros.data.catalog import Catalog
from macros.html.render import render

REDIRECT_MARKER = "data-hub-redirect"


@dataclass(frozen=True)
class Redirect:
    old: str    # site-relative URL, e.g. "projekte/alte-kennung/"
    new: str
    title: str | None = None


def is_redirect_page(html: str) -> bool:
    """A forwarding page this build wrote (redirect.html), known by its marker near the top."""
    return REDIRECT_MARKER in html[:300]


def entry_redirects(catalog: Catalog) -> list[Redirect]:
    found = []
    for kind in ("projects", "funding", "shared_services", "trainings"):
        for entry in getattr(catalog, kind).values():
            found += [Redirect(urls.entry_url(kind, alias), urls.entry_url(kind, entry.id), entry.title)
                      for alias in entry.aliases]
    return found


def redirect_page(redirect: Redirect, site_url: str) -> str:
    return render("redirect.html", redirect.old, site_url=site_url,
                  target=urls.relative_url(redirect.old, redirect.new), new=redirect.new,
                  title=redirect.title, marker=REDIRECT_MARKER)


PUBLISHED_FILES = ("daten/*.json", "daten/*.csv", "daten/*.ttl", "daten/*.jsonld",
                    "kalender/*.ics", "*/feed.xml", "sitemap.xml", "robots.txt")


def published_urls(site_dir) -> list[str]:
    """Every address the site publishes, as paths from the site root ("/", "/projekte/e-akte/", …):
    its pages (not redirects), open data, calendars, feeds, sitemap and robots.txt."""
    from pathlib import Path

    site = Path(site_dir)
    found = set()
    for page in site.rglob("index.html"):
        if ".nginx" in page.parts or is_redirect_page(page.read_text(encoding="utf-8")):
            continue
        relative = page.parent.relative_to(site).as_posix()
        found.add("/" if relative == "." else f"/{relative}/")
    for pattern in PUBLISHED_FILES:
        found |= {"/" + path.relative_to(site).as_posix() for path in site.glob(pattern)}
    return sorted(found)
