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
import functools
import hashlib
import json
import posixpath
import re

from selectolax.lexbor import LexborHTMLParser

# Everything else in type="…" runs as script in some browser (text/ecmascript, module, importmap …).
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "cite"}
_URL_NOISE = re.compile(r"[\x00-\x20]")  # browsers drop these from URLs before reading the scheme
_SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
# Forms of the theme (palette switch, search) and of the hub (filters, feedback); no other form may appear.
OWN_FORM_CLASSES = {"md-header__option", "md-search__form", "hub-filter", "hub-feedback"}
MAX_DEPTH = 12  # deepest page the policy allows for; deeper pages fail the build

# What a page's Markdown may become: text, structure, links, pictures and media. Anything else,
# <template>, <slot>, <svg>, <math>, <link>, <style>, <meta> and the rest included, is refused: the
# list names what is harmless, not what is known to be harmful.
CONTENT_ELEMENTS = {
    "html", "head", "body",  # the parser's own frame around a fragment
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "picture", "pre",
    "q", "s", "samp", "section", "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr", "video", "audio", "track",
}
_GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "role", "hidden"}
CONTENT_ATTRIBUTES = {
    "a": {"href", "rel", "hreflang", "type", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "td": {"colspan", "rowspan", "headers", "align", "style"},  # Markdown tables align with style
    "th": {"colspan", "rowspan", "headers", "align", "style", "scope", "abbr"},
    "ol": {"start", "reversed", "type"}, "li": {"value"}, "time": {"datetime"}, "details": {"open"},
    "del": {"cite", "datetime"}, "ins": {"cite", "datetime"}, "q": {"cite"}, "blockquote": {"cite"},
    "col": {"span"}, "colgroup": {"span"},
    "video": {"src", "controls", "width", "height", "poster", "preload", "muted", "playsinline"},
    "audio": {"src", "controls", "preload"}, "source": {"src", "type", "srcset", "sizes", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
}
# What the theme and the hub's templates add around the content (see a finished page).
FRAME_ELEMENTS = {
    "html", "head", "body", "meta", "title", "link", "script", "main", "header", "footer", "nav", "aside",
    "article", "section", "form", "fieldset", "legend", "label", "input", "select", "option", "textarea",
    "button", "svg", "g", "path", "rect", "circle", "line", "polyline", "polygon", "text",
}
FRAME_ATTRIBUTES = {
    "alt", "autocapitalize", "autocomplete", "charset", "checked", "class", "content", "d", "datetime", "defer", "dir",
    "download", "for", "height", "hidden", "href", "http-equiv", "id", "lang", "name", "placeholder", "property",
    "rel", "required", "role", "rows", "rx", "scope", "spellcheck", "src", "tabindex", "text-anchor", "title",
    "type", "value", "viewbox", "width", "x", "y", "xmlns", "cx", "cy", "r", "x1", "x2", "y1", "y2", "points",
    "fill", "stroke", "stroke-width", "transform", "focusable", "open", "colspan", "rowspan", "start", "media",
    "sizes", "method", "minlength", "maxlength", "inputmode", "disabled", "selected", "multiple", "size",
    "stroke-linecap", "stroke-linejoin", "target",  # Zensical's theme: icons, its footer link
}
_PAGE_ELEMENTS = CONTENT_ELEMENTS | FRAME_ELEMENTS
_LINK_RELATIONS = {"stylesheet", "icon", "canonical", "alternate", "describedby", "prev", "next", "search",
                   "license"}


class _Scanner:
    """Walks a page as a browser parses it (lexbor, an HTML5 parser) and holds every element and
    attribute to an allow-list."""

    def __init__(self, content: bool) -> None:
        self.content = content
        self.problems: list[str] = []
        self.inline_scripts: list[str] = []
        self.script_sources: list[str] = []
        self.ids: dict[str, int] = {}

    def element(self, tag: str, attributes: dict[str, str | None], text) -> None:
        attributes = {name.lower(): value or "" for name, value in attributes.items()}
        self.problems += _shape_problems(tag, tuple(attributes), self.content)
        for name in _VALUE_CHECKED.intersection(attributes):
            value = attributes[name]
            if name == "id":
                self._check_id(tag, value)
            elif name == "class":
                if self.content and any(c.startswith("md-") for c in value.split()):
                    self.problems.append(f"<{tag} class=\"{value}\">: Klassen mit 'md-' gehören dem Theme")
            else:
                self._check_url(tag, name, value)
        if tag == "script":
            self._script(attributes, text)
        elif tag == "meta" and (self.content or attributes.get("http-equiv", "").strip().lower()
                                not in ("", "content-security-policy")):
            self.problems.append("<meta http-equiv=…>: Weiterleitungen und Kopfzeilen im Inhalt sind nicht erlaubt")
        elif tag == "form" and (self.content or not set(attributes.get("class", "").split()) & OWN_FORM_CLASSES):
            self.problems.append("<form>: Formulare im Seiteninhalt sind nicht erlaubt")
        elif tag == "link" and not self.content:
            self._link(attributes)

    def _check_id(self, tag: str, value: str) -> None:
        self.ids[value] = self.ids.get(value, 0) + 1
        if self.content and value.startswith("__"):
            self.problems.append(f"<{tag} id=\"{value}\">: Kennungen mit '__' gehören dem Theme")
        elif self.ids[value] == 2:
            self.problems.append(f"<{tag} id=\"{value}\">: die Kennung steht zweimal auf der Seite (eine "
                                 "ersetzt die andere für Skripte und Sprungmarken)")

    def _link(self, attributes: dict[str, str]) -> None:
        relations = set(attributes.get("rel", "").lower().split())
        if not relations or not relations <= _LINK_RELATIONS:
            self.problems.append(f"<link rel=\"{attributes.get('rel', '')}\">: diese Verknüpfung ist nicht erlaubt")
        href = _URL_NOISE.sub("", attributes.get("href", ""))
        if relations & {"stylesheet", "icon"} and _elsewhere(href):
            self.problems.append(f"<link href=\"{href}\">: Stile und Symbole nur von der eigenen Website")

    def _check_url(self, tag: str, name: str, value: str) -> None:
        for url in (part.strip().split(" ")[0] for part in value.split(",")) if name == "srcset" else (value,):
            clean = _URL_NOISE.sub("", url).lower()
            found = _SCHEME.match(clean)
            scheme = found.group(1) if found else ""
            if scheme in ("javascript", "vbscript"):
                self.problems.append(f"<{tag} {name}=\"{scheme}:…\">: Skript-Links sind nicht erlaubt")
            elif scheme == "data":
                if not (tag == "img" and clean.startswith("data:image/")):
                    self.problems.append(f"<{tag} {name}=\"data:…\">: eingebettete Daten-Adressen sind nicht erlaubt")
            elif scheme not in _SAFE_SCHEMES:
                self.problems.append(f"<{tag} {name}=\"{scheme}:…\">: Adressen dieser Art sind nicht erlaubt "
                                     "(erlaubt: https, http, mailto, tel und Adressen dieser Website)")

    def _script(self, attributes: dict[str, str], text) -> None:
        kind = attributes.get("type", "").strip().lower()
        if self.content:
            self.problems.append("<script>: Skripte im Seiteninhalt sind nicht erlaubt")
        if kind in _DATA_SCRIPT_TYPES and "src" not in attributes:
            # Data, never run: but only if it is data (JSON) from start to end.
            try:
                json.loads(text())
            except ValueError:
                self.problems.append(f"<script type=\"{kind}\">: der Datenblock ist kein gültiges JSON")
            return
        if "src" in attributes:
            self.script_sources.append(attributes["src"])
        else:
            self.inline_scripts.append(text())


_VALUE_CHECKED = frozenset({*_URL_ATTRIBUTES, "srcset", "id", "class"})
_OWN_MESSAGES = {"script", "meta", "form", "base", *_FRAMES}  # refused with a message of their own


@functools.lru_cache(maxsize=4096)
def _shape_problems(tag: str, names: tuple[str, ...], content: bool) -> tuple[str, ...]:
    """What an element's name and attribute names alone make wrong (pages repeat a few hundred shapes)."""
    where = "im Seiteninhalt" if content else "auf dieser Website"
    known = tag in (CONTENT_ELEMENTS if content else _PAGE_ELEMENTS)
    problems = []
    for name in names:
        if name.startswith("on"):
            problems.append(f"<{tag} {name}=…>: Ereignis-Attribute (Skript) sind nicht erlaubt")
        elif name == "srcdoc":
            problems.append(f"<{tag} srcdoc=…>: eingebettete Dokumente sind nicht erlaubt")
        elif known and not _allowed_attribute(tag, name, content):
            problems.append(f"<{tag} {name}=…>: dieses Attribut ist {where} nicht erlaubt")
    if tag in _FRAMES:
        problems.append(f"<{tag}>: eingebettete Seiten und Plugins sind nicht erlaubt")
    elif tag == "base":
        problems.append("<base>: eine andere Basisadresse ist nicht erlaubt")
    elif not known and tag not in _OWN_MESSAGES:
        problems.append(f"<{tag}>: dieses Element ist {where} nicht erlaubt (erlaubt sind Text, Überschriften, "
                        "Listen, Tabellen, Links, Bilder, Videos)")
    return tuple(problems)


def _allowed_attribute(tag: str, name: str, content: bool) -> bool:
    if name.startswith("aria-") or (not content and name.startswith("data-")):
        return True
    if name in _GLOBAL_ATTRIBUTES or name in CONTENT_ATTRIBUTES.get(tag, ()):
        return True
    return not content and name in FRAME_ATTRIBUTES


_TEMPLATE_TAGS = re.compile(r"\A<template\b[^>]*>|</template>\Z", re.I)


def _elsewhere(url: str) -> bool:
    """An address on another host or with a scheme: not a file of this site."""
    return "//" in url or ":" in url.split("/")[0]


def _scan(html: str, content: bool, scanner: _Scanner | None = None) -> _Scanner:
    # An HTML5 parser reads the page as browsers do: an unclosed script is a script, a repeated
    # attribute counts once (the first), a tag name ends where the browser ends it.
    scanner = scanner or _Scanner(content)
    for node in LexborHTMLParser(html).root.traverse(include_text=False):  # elements only
        if node.tag == "-comment":
            continue
        scanner.element(node.tag, node.attributes, lambda node=node: node.text(deep=True))
        if node.tag == "template":
            # Its content is a document of its own that the traversal does not enter; with a
            # shadow root (shadowrootmode) the browser makes it live. Judged like the page.
            _scan(_TEMPLATE_TAGS.sub("", node.html), content, scanner)
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
        if _elsewhere(source):
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


_NGINX_UNSAFE = re.compile(r"[^\x20-\x7e]|[\"\\$]")  # inside nginx's double quotes


def nginx_headers(headers: dict[str, str], note: str = "") -> str:
    """``add_header`` lines for an nginx ``include``; generated with the site, never edited by hand."""
    for value in (note, *headers, *headers.values()):
        if _NGINX_UNSAFE.search(value):
            # A line break, quote or $ would end the directive or expand a variable of the server
            # (a repo_url with a line break once served /etc/passwd through an include).
            raise ValueError(f"Kopfzeile mit unzulässigen Zeichen für die Serverkonfiguration: {value!r}")
    lines = ["# Generated by the build (macros/outputs): do not edit.", *([f"# {note}"] if note else [])]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "\n".join(lines) + "\n"
