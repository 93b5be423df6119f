"""Every page on a phone (360 and 390 px wide, in Chromium): nothing scrolls sideways but a table
in its own region (the hub's focusable regions, Material's wrapper of Markdown tables), and no
name is broken inside a word."""

from __future__ import annotations

import pytest

from tests.browser import serve

pytestmark = pytest.mark.browser

# What a page shows wider than the screen, outside a scrolling region of its own; words split
# over two lines in tables (names) and in the heading, unless the word alone is wider than its line.
_LAYOUT = """() => {
  const width = window.innerWidth;
  const content = document.querySelector('.md-content');
  const outside = [...content.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1
      && !e.closest('[role=region][tabindex="0"], .md-typeset__scrollwrap, pre, .highlight'))
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  const broken = [];
  for (const block of content.querySelectorAll('table.hub-table th, table.hub-table td, h1')) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[A-Za-zÄÖÜäöüß]{3,}/g;
      let m;
      while ((m = words.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const lines = new Set(rects.map(r => Math.round(r.top)));
        const wide = rects.reduce((sum, r) => sum + r.width, 0);
        if (lines.size > 1 && wide <= block.clientWidth) broken.push(m[0]);
      }
    }
  }
  return {sideways: document.documentElement.scrollWidth - width, outside: outside.slice(0, 5), broken: broken};
}"""


def _pages(site):
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).parent.as_posix()
        if relative.startswith(("redaktion/editor", "pagefind")) or b'http-equiv="refresh"' in path.read_bytes()[:800]:
            continue
        yield "" if relative == "." else relative + "/"


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("which", ["example_site", "real_site"])
def test_no_page_scrolls_sideways_and_no_name_breaks_on_a_phone(chromium, request, which, width):
    site = request.getfixturevalue(which).site
    problems = {}
    with serve(site) as base:
        context = chromium.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True,
                                       locale="de-DE")
        page = context.new_page()
        for address in _pages(site):
            page.goto(base + address)
            found = page.evaluate(_LAYOUT)
            if found["sideways"] > 0 or found["outside"] or found["broken"]:
                problems[address] = found
        context.close()
    assert problems == {}, "\n".join(f"{a}: {f}" for a, f in problems.items())
