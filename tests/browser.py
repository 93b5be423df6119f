"""Serve a built site on 127.0.0.1 and drive it with Debian's Chromium via Playwright."""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

# Debian's build of Chromium's headless shell: the engine of the `chromium` package without
# its windowing parts, as Playwright itself runs headless tests (a fifth faster per page).
# Screenshots for a look at the site work with either.
CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
# Without these Chromium tries to reach Google's hosts at every start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve(site: Path):
    """Serve ``site`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The rules whose result depends on colours: all that a colour scheme can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_context(browser, **options):
    """A browser context whose pages load axe-core before their own scripts (for many pages)."""
    context = browser.new_context(**options)
    # Through the DevTools protocol: the pages' own CSP (a <meta> tag) rightly refuses any
    # script tag a test would add.
    context.add_init_script(path=str(AXE))
    return context


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """Run axe-core on the loaded page: the WCAG 2.0/2.1 A and AA rules, or only ``rules``."""
    if page.evaluate("typeof axe") == "undefined":
        page.evaluate(_axe_source())
    # Colours as the visitor sees them once the page has settled: a transition still running
    # (Material fades parts of the menu in) would be measured half-way otherwise.
    page.evaluate("document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} })")
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    # resultTypes: every violation in full, the passes only counted (a third faster).
    result = page.evaluate("only => axe.run({runOnly: only, resultTypes: ['violations']})", only)
    return [{"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


def site_urls(site: Path) -> list[str]:
    """Site-relative URL of every page (404.html aside)."""
    from macros.outputs.redirects import REDIRECT_MARKER
    from macros.urls import EDITOR_DIR

    urls = []
    for page in sorted(site.rglob("index.html")):
        if REDIRECT_MARKER in page.read_text(encoding="utf-8")[:300]:
            continue  # forwards at once; its target is checked as a page of its own
        relative = page.parent.relative_to(site).as_posix()
        if relative == EDITOR_DIR:
            continue  # the browser editor: an app with its own tests (test_editor_browser.py)
        urls.append("" if relative == "." else relative + "/")
    return urls


def wait_for_search_ready(page, timeout: int = 10_000) -> None:
    """Until Material's search box shows its placeholder: the search is set up and the box empty."""
    page.wait_for_function(
        "() => /Suchbegriff/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=timeout)


def search_results(page, query: str, count: int = 5) -> list[tuple[str, str]]:
    """The first results for ``query`` as (address, text), read only once Material has answered it.

    Material searches on every keyup and keeps showing the last answer, so the box is first
    emptied by a key (Material then shows its placeholder) and the query then sent with a
    single keyup: the first answer after the placeholder is the answer to ``query``.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    wait_for_search_ready(page)
    box.fill(query[:-1])  # an input event, no keyup: nothing is searched yet
    page.keyboard.type(query[-1])
    page.wait_for_function(
        """q => { const meta = document.querySelector('.md-search-result__meta');
                  return document.querySelector('.md-search__input').value === q
                      && !/initialisiert|Suchbegriff/.test(meta.textContent)
                      && (document.querySelector('.md-search-result__item') || /Keine/.test(meta.textContent)); }""",
        arg=query, timeout=10_000)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return [(links.nth(i).get_attribute("href").split("?")[0], links.nth(i).inner_text())
            for i in range(min(links.count(), count))]


def page_layout(site: Path, url: str) -> str:
    """The page's markup without its texts, and with runs of same-shaped parts as one (a digest)."""
    from selectolax.lexbor import LexborHTMLParser

    def shape(node) -> str:
        parts, last, child = [], None, node.child
        while child is not None:
            if not child.tag.startswith("-"):  # elements only: no text, no comments
                part = shape(child)
                if part != last:
                    parts.append(part)
                last = part
            child = child.next
        has_text = bool((node.text(deep=False) or "").strip())
        attributes = node.attributes
        own = [node.tag, attributes.get("class") or "", attributes.get("role") or "", *sorted(attributes), str(has_text)]
        return hashlib.sha1(("|".join(own) + "(" + ",".join(parts) + ")").encode()).hexdigest()

    return shape(LexborHTMLParser((site / url / "index.html").read_text(encoding="utf-8")).body)


def distinct_layouts(site: Path, urls: list[str], seen: set[str] | None = None) -> list[str]:
    """One page of each layout not in ``seen``: pages whose markup differs only in text and in
    how often a part repeats (ten town cards or eleven) show axe the same structure, names and
    colours."""
    seen = set() if seen is None else seen
    chosen = []
    for url in urls:
        layout = page_layout(site, url)
        if layout not in seen:
            seen.add(layout)
            chosen.append(url)
    return chosen


NGINX_MAIN = """\
user root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


@contextmanager
def nginx(site: Path, tmp: Path, deploy_config: Path):
    """Debian's nginx on 127.0.0.1 with the project's deploy/nginx.conf; yields the base URL."""
    import socket
    import subprocess
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = deploy_config.read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("listen [::]:80;", "")
    server = server.replace("/srv/digitalnetzwerk/site", str(site))
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "site.conf").write_text(server, encoding="utf-8")
    (tmp / "nginx.conf").write_text(NGINX_MAIN.format(tmp=tmp), encoding="utf-8")
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([binary, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if process.poll() is not None:
                raise RuntimeError("nginx startete nicht:\n" + process.stdout.read().decode())
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
