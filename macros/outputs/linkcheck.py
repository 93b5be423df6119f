"""Link checks over a built site.

``internal_problems`` works offline: every link, image, script and stylesheet
inside the site must point at a file that exists, and every ``#anchor`` at an
id on the target page. ``external_problems`` asks the outside world and is
meant for a scheduled job, never for the tests.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_REFERENCE_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src",
                         "iframe": "src", "area": "href"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attributes[key])
        attribute = _REFERENCE_ATTRIBUTES.get(tag)
        if attribute and attributes.get(attribute) is not None:
            if tag == "link" and "canonical" in (attributes.get("rel") or ""):
                return  # the canonical URL is absolute by design
            self.links.append((self.getpos()[0], attributes[attribute]))


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _pages(site: Path) -> Iterator[Path]:
    yield from sorted(p for p in site.rglob("*.html") if ".nginx" not in p.parts)


def internal_problems(site_dir: Path) -> list[str]:
    """Broken internal links and anchors, as ``page.html:LINE: message``."""
    site = Path(site_dir).resolve()
    _parse.cache_clear()
    problems = []
    for page in _pages(site):
        shown = page.relative_to(site).as_posix()
        for line, link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
                continue
            if not parts.path:
                target = page
            else:
                base = site if parts.path.startswith("/") else page.parent
                target = (base / unquote(parts.path).lstrip("/")).resolve()
                if target.is_dir():
                    target = target / "index.html"
            if site not in target.parents and target != site:
                problems.append(f"{shown}:{line}: {link}: zeigt aus der Website hinaus")
            elif not target.is_file():
                problems.append(f"{shown}:{line}: {link}: Ziel gibt es nicht")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target).ids:
                problems.append(f"{shown}:{line}: {link}: Anker #{parts.fragment} gibt es auf der Zielseite nicht")
    return problems


def external_links(site_dir: Path) -> dict[str, list[str]]:
    """Outside URL → pages that link to it."""
    site = Path(site_dir).resolve()
    found: dict[str, list[str]] = {}
    for page in _pages(site):
        for _line, link in _parse(page).links:
            if urlsplit(link).scheme in ("http", "https"):
                found.setdefault(link, []).append(page.relative_to(site).as_posix())
    return found


def external_problems(site_dir: Path, timeout: float = 15.0, skip: re.Pattern | None = None) -> list[str]:
    """Outside links that do not answer with success (HEAD, then GET)."""
    problems = []
    for url, pages in sorted(external_links(site_dir).items()):
        if skip and skip.search(url):
            continue
        error = _fetch_error(url, timeout)
        if error:
            problems.append(f"{url}: {error} (verlinkt auf {', '.join(sorted(set(pages))[:3])})")
    return problems


def _fetch_error(url: str, timeout: float) -> str | None:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method,
                                         headers={"User-Agent": "Digitalnetzwerk-Linkpruefung/1.0"})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD
            return f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return f"nicht erreichbar ({getattr(error, 'reason', error)})"
    return None

