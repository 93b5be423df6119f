"""Security rules for the built site: no code from contributors, a CSP derived from the theme.

Two scans, one parser (lexbor, an HTML5 parser, as browsers read pages):

- ``content_problems``: the HTML that Markdown made of a page. Contributors
  write it, so it may carry no script of any type, no event handler, no
  ``javascript:``/``data:`` link, no refresh, frame, plugin object, form or
  base element.
- ``page_problems``: every finished page, theme included. Its inline scripts
  must be the theme's own (by hash), its script files the theme's or those
  listed in ``extra_javascript``; handlers, script links, refreshes, frames,
  plugin objects and foreign forms are refused wherever they come from.

The allowed inline scripts are taken from the theme's 404 page, which holds no
content, and expanded to every page depth (Material writes the relative path
to the site root into one of them). The Content Security Policy is therefore
the same for every site, whatever its pages contain.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re

from selectolax.lexbor import LexborHTMLParser

# Everything else in type="…" runs as script in some browser (text/ecmascript, module, importmap …).
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "cite"}
_URL_NOISE = re.compile(r"[\x00-\x20]")  # browsers drop these from URLs before reading the scheme
_FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
# Forms of the theme (palette switch, search) and of the hub (filters, feedback); no other form may appear.
OWN_FORM_CLASSES = {"md-header__option", "md-search__form", "hub-filter", "hub-feedback"}
MAX_DEPTH = 12  # deepest page the policy allows for; deeper pages fail the build


class _Scanner:
    """Walks a page as a browser parses it (lexbor, an HTML5 parser) and notes what could run code."""

    def __init__(self, content: bool) -> None:
        self.content = content
        self.problems: list[str] = []
        self.inline_scripts: list[str] = []
        self.script_sources: list[str] = []

    def element(self, tag: str, attributes: dict[str, str | None], text) -> None:
        attributes = {name.lower(): value or "" for name, value in attributes.items()}
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: Ereignis-Attribute (Skript) sind nicht erlaubt")
            if name in _URL_ATTRIBUTES or name == "srcset":
                self._check_url(tag, name, value)
            if name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc=…>: eingebettete Dokumente sind nicht erlaubt")
        if tag == "script":
            self._script(attributes, text)
        elif tag == "meta" and attributes.get("http-equiv", "").strip().lower() in ("refresh", "set-cookie") \
                or (self.content and tag == "meta"):
            self.problems.append("<meta http-equiv=…>: Weiterleitungen und Kopfzeilen im Inhalt sind nicht erlaubt")
        elif tag in _FRAMES:
            self.problems.append(f"<{tag}>: eingebettete Seiten und Plugins sind nicht erlaubt")
        elif tag == "base":
            self.problems.append("<base>: eine andere Basisadresse ist nicht erlaubt")
        elif tag == "form" and (self.content or not set(attributes.get("class", "").split()) & OWN_FORM_CLASSES):
            self.problems.append("<form>: Formulare im Seiteninhalt sind nicht erlaubt")

    def _check_url(self, tag: str, name: str, value: str) -> None:
        for url in (part.strip().split(" ")[0] for part in value.split(",")) if name == "srcset" else (value,):
            scheme = _URL_NOISE.sub("", url).lower().partition(":")[0]
            if scheme in ("javascript", "vbscript"):
                self.problems.append(f"<{tag} {name}=\"{scheme}:…\">: Skript-Links sind nicht erlaubt")
            elif scheme == "data" and not (tag == "img" and _URL_NOISE.sub("", url).lower().startswith("data:image/")):
                self.problems.append(f"<{tag} {name}=\"data:…\">: eingebettete Daten-Adressen sind nicht erlaubt")

    def _script(self, attributes: dict[str, str], text) -> None:
        kind = attributes.get("type", "").strip().lower()
        if self.content:
            self.problems.append("<script>: Skripte im Seiteninhalt sind nicht erlaubt")
        if kind in _DATA_SCRIPT_TYPES and "src" not in attributes:
            return
        if "src" in attributes:
            self.script_sources.append(attributes["src"])
        else:
            self.inline_scripts.append(text())


def _scan(html: str, content: bool) -> _Scanner:
    # An HTML5 parser reads the page as browsers do: an unclosed script is a script, a repeated
    # attribute counts once (the first), a tag name ends where the browser ends it.
    scanner = _Scanner(content)
    for node in LexborHTMLParser(html).root.traverse(include_text=False):  # elements only
        scanner.element(node.tag, node.attributes, lambda node=node: node.text(deep=True))
    return scanner


def content_problems(html: str) -> list[str]:
    """What in the HTML made from a page's Markdown could run code or leave the page."""
    return _scan(html, content=True).problems


def page_problems(html: str, page_url: str, allowed_hashes: set[str], allowed_scripts: set[str]) -> list[str]:
    """What in a finished page is not the theme's or the hub's own code.

    ``page_url``: the page's site-relative URL (``projekte/x/``), to resolve
    relative script addresses; ``allowed_scripts``: site-relative paths of the
    script files that may load.
    """
    scanner = _scan(html, content=False)
    problems = list(scanner.problems)
    for text in scanner.inline_scripts:
        if script_hash(text) not in allowed_hashes:
            problems.append(f"<script>{text[:40]}…</script>: ein eingebettetes Skript, das nicht vom Theme stammt")
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    for source in scanner.script_sources:
        if "//" in source or ":" in source.split("/")[0]:
            problems.append(f"<script src=\"{source}\">: Skripte von anderen Adressen sind nicht erlaubt")
            continue
        path = posixpath.normpath(posixpath.join("/" + base, source)).lstrip("/")
        if path not in allowed_scripts:
            problems.append(f"<script src=\"{source}\">: dieses Skript gehört nicht zur Website")
    return problems


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


_SCOPE = re.compile(r'__md_scope=new URL\("([^"]*)",location\)')


def theme_script_hashes(theme_page: str) -> set[str]:
    """Hashes of the theme's inline scripts, for a page at any depth up to ``MAX_DEPTH``.

    ``theme_page``: a page the theme made without content (404.html).
    """
    bases = [".", *("/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1))]
    hashes = set()
    for text in _scan(theme_page, content=False).inline_scripts:
        found = _SCOPE.search(text)
        variants = [text] + ([_SCOPE.sub(f'__md_scope=new URL("{b}",location)', text) for b in bases]
                             if found else [])
        hashes |= {script_hash(variant) for variant in variants}
    return hashes


def content_security_policy(script_hashes: set[str], for_meta: bool = False) -> str:
    """The policy; ``for_meta`` leaves out what only a response header can say."""
    directives = [
        "default-src 'none'",
        "script-src 'self' " + " ".join(sorted(script_hashes)),
        "style-src 'self'",
        "img-src 'self' data:",      # Material's CSS draws icons as data: SVG
        "font-src 'self'",
        "connect-src 'self'",        # the search index
        "worker-src 'self'",         # the search worker
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
        "object-src 'none'",
    ]
    if not for_meta:
        directives.append("frame-ancestors 'none'")  # ignored in <meta>: only the nginx header protects framing
    return "; ".join(directives)


_CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)


def with_meta_policy(html: str, script_hashes: set[str]) -> str:
    """The page with the policy as its first <meta> after the charset (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(script_hashes, True)}">'
    return _CHARSET.sub(lambda m: m.group(0) + "\n" + meta, html, count=1)


SECURITY_HEADERS_FILE = ".nginx/security-headers.conf"


def security_headers(script_hashes: set[str]) -> str:
    """nginx ``add_header`` lines for the built site, CSP hashes included."""
    return nginx_headers({
        "Content-Security-Policy": content_security_policy(script_hashes),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                              "interest-cohort=(), browsing-topics=()",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }, f"{len(script_hashes)} variants of the theme's inline scripts are allowed by hash.")


SEARCH_WORKER_HEADERS_FILE = ".nginx/search-worker-headers.conf"


def search_worker_headers() -> str:
    """nginx ``add_header`` lines for the search worker's script (outputs/search.py).

    A worker follows the policy its own script arrives with, not the page's. Pagefind's
    search runs as WebAssembly: ``'wasm-unsafe-eval'`` lets the worker compile it (and
    nothing else: no eval of text); the pages themselves keep the site's policy.
    """
    return nginx_headers({
        "Content-Security-Policy": "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }, "Only for javascripts/hub-search-worker.js: Pagefind compiles its WebAssembly there.")


def nginx_headers(headers: dict[str, str], note: str = "") -> str:
    """``add_header`` lines for an nginx ``include``; generated with the site, never edited by hand."""
    lines = ["# Generated by the build (macros/outputs): do not edit.", *([f"# {note}"] if note else [])]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "\n".join(lines) + "\n"
