"""Finish a site an engine has written: what no engine knows about the hub.

``finish_site`` works on the files alone, after the engine is done:

1. the Content Security Policy from the theme's own 404 page (a page without
   content: its inline scripts are the theme's) and every page judged by the
   allow-list scan, with the policy as its first ``<meta>``;
2. ``finish_outputs``: the redirects of renamed entries and moved pages (never over
   a page), the server's header files, open data, calendars and feeds from the
   catalog, the search index (Pagefind) where the caller asks for it – the MkDocs
   build; Zensical's site keeps its own search (README, known differences) – and the
   check that the site holds only the types it publishes.

The MkDocs build does 1 while it renders (each folder's frame is rendered and scanned
once, see mkdocs_adapter/page_frames.py: a pass over the written pages would read,
scan and write every page a second time) and then calls ``finish_outputs`` as it is.
"""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from macros.data.catalog import Catalog
from macros.data.problems import DataError, Problem
from macros.outputs import publish
from macros.outputs.content_policy import (
    SEARCH_WORKER_HEADERS_FILE,
    SECURITY_HEADERS_FILE,
    page_problems,
    search_worker_headers,
    security_headers,
    theme_script_hashes,
    with_meta_policy,
)
from macros.outputs.feeds import FeedItem
from macros.outputs.file_types import OWN_RULES, unpublishable_files
from macros.outputs.html_fixes import fix_material_markup
from macros.outputs.redirects import Redirect, is_redirect_page, redirect_page
from macros.outputs.search_index import IndexRun, SearchIndexError


@dataclass(frozen=True)
class SiteToFinish:
    site_dir: Path
    catalog: Catalog  # with the published address (site_url)
    redirects: tuple[Redirect, ...] = ()
    news: tuple[FeedItem, ...] = ()
    extra_scripts: tuple[str, ...] = ()  # extra_javascript of mkdocs.yml: site paths


def finish_site(site: SiteToFinish) -> frozenset[str]:
    """Finish ``site.site_dir`` in place; returns the policy's script hashes. Stops with the pages'
    problems (file and reason) if a page carries what does not belong to the site."""
    site_dir = Path(site.site_dir)
    theme_page = site_dir / "404.html"
    if not theme_page.is_file():
        raise DataError([Problem("site/404.html", 1, "", "Die Engine hat keine 404-Seite geschrieben; ohne sie "
                                 "lässt sich die Content Security Policy nicht bestimmen.")])
    hashes = frozenset(theme_script_hashes(theme_page.read_text(encoding="utf-8")))
    allowed_scripts = frozenset(site.extra_scripts) | {
        path.relative_to(site_dir).as_posix() for path in (site_dir / "assets" / "javascripts").rglob("*.js")}
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(OWN_RULES):
            continue
        html = path.read_text(encoding="utf-8")
        if is_redirect_page(html) or 'http-equiv="Content-Security-Policy"' in html[:2000]:
            continue  # finished before (a second run over the same folder)
        url = posixpath.dirname(relative) + "/" if relative.endswith("/index.html") else ""
        html = fix_material_markup(html)
        found = page_problems(html, url, hashes, allowed_scripts)
        if found:
            problems += [Problem(f"site/{relative}", 1, "", problem) for problem in found]
            continue
        path.write_text(with_meta_policy(html, hashes), encoding="utf-8")
    if problems:
        raise DataError(problems)
    finish_outputs(site, hashes)
    return hashes


def finish_outputs(site: SiteToFinish, hashes: frozenset[str], search_language: str | None = None,
                   also: Callable[[Path], None] | None = None) -> None:
    """What a site gets after its pages are final: redirects, header files, open data, calendars
    and feeds, and ``also(site_dir)`` (the MkDocs build: the editor). With ``search_language``
    Pagefind indexes the pages meanwhile, on the other core. Stops with the problems (file and
    reason) if a redirect would overwrite a page, the index fails or the site holds a type it
    does not publish."""
    site_dir = Path(site.site_dir)
    write_redirects(site_dir, site.redirects, site.catalog.site_url)
    write_header_files(site_dir, hashes)
    with contextlib.ExitStack() as running:
        # Pagefind reads only the pages, so the data files can be written while it runs.
        index = running.enter_context(IndexRun(site_dir, search_language)) if search_language else None
        publish.write_all(site.catalog, site_dir, list(site.news))
        if also is not None:
            also(site_dir)
        if index is not None:
            try:
                index.wait()
            except SearchIndexError as error:
                raise DataError([Problem(f"site/{index.output.name}/", 1, "", f"Suchindex: {error}")]) from None
    unpublishable = unpublishable_files(site_dir)
    if unpublishable:
        raise DataError(unpublishable)


def write_redirects(site_dir: Path, redirects, site_url: str) -> None:
    """A forwarding page at each old address: inside the site, never over a page."""
    site_dir = Path(site_dir)
    for redirect in redirects:
        target = site_dir / redirect.old / "index.html"
        # Old addresses are checked in mkdocs.yml (site_config.py); this is the last word.
        if not target.resolve().is_relative_to(site_dir.resolve()) or (
                target.exists() and not is_redirect_page(target.read_text(encoding="utf-8"))):
            raise DataError([Problem("mkdocs.yml", 1, "extra.redirects", f"die Weiterleitung von '{redirect.old}' "
                                     "würde eine Seite überschreiben oder außerhalb der Website schreiben")])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(redirect, site_url), encoding="utf-8")


def write_header_files(site_dir: Path, hashes) -> None:
    """The nginx header files (deploy/nginx.conf includes them)."""
    headers = Path(site_dir) / SECURITY_HEADERS_FILE
    headers.parent.mkdir(parents=True, exist_ok=True)
    headers.write_text(security_headers(set(hashes)), encoding="utf-8")
    (Path(site_dir) / SEARCH_WORKER_HEADERS_FILE).write_text(search_worker_headers(), encoding="utf-8")
