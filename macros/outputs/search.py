"""The site's search: a Pagefind index behind Material's search box.

Material's own search loads one index of the whole site before the first result
(18 MB at 3,000 entries). Pagefind splits its index into small files and a query
loads only the parts for its words. The build

- marks what Pagefind reads: the article of each page (``data-pagefind-body``),
  without the parts marked ``data-pagefind-ignore`` (share box, sources, notes);
- points Material's search box at ``javascripts/hub-search-worker.js``, which speaks
  Material's worker protocol and asks Pagefind;
- writes the network's word list (``search/words.json``: glossary and search words,
  so "Zuschuss" also finds "Förderung") and the site's vocabulary
  (``search/vocabulary.json``, for "Meinten Sie …?" in ``hub-suggest.js``);
- runs Pagefind over the finished site (:func:`write_index`).
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
import shutil
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from macros.data.models import GlossaryTerm, SearchWords

PAGEFIND_DIR = "pagefind"
WORKER = "javascripts/hub-search-worker.js"
WORDS_FILE = "search/words.json"
VOCABULARY_FILE = "search/vocabulary.json"
VOCABULARY_LIMIT = 20_000  # the most frequent words; enough for a site of 10,000 entries
# Pagefind's bundle holds ready-made search interfaces too; the hub uses Material's box.
_PAGEFIND_KEPT = r"pagefind\.js|pagefind-entry\.json|.*\.pf_meta|wasm\.{language}\.pagefind|index|fragment|filter"

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
# Pagefind joins the text of adjacent cells and list terms ("HandlungsfelderSmart Region").
_ADJACENT_CELLS = re.compile(r"(</(?:dt|dd|th|td)>)(?=<(?:dt|dd|th|td)\b)")
# What the article shows around its text: the ¶ of each heading, the edit button, the page's dates.
_NOT_TEXT = [".headerlink", ".md-content__button", ".md-source-file"]
_MATERIAL_WORKER = re.compile(r'("search": ")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_TAG = re.compile(r"<[^>]+>")
_VOCABULARY_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß-]{3,39}")


def word_groups(entries: Iterable[GlossaryTerm | SearchWords]) -> list[list[str]]:
    """Names that mean the same, one list each: term, long form, synonyms."""
    return [[entry.term, *([entry.long] if getattr(entry, "long", None) else []), *entry.synonyms]
            for entry in entries]


def mark_searchable(page_html: str) -> str:
    """Let Pagefind read the page's article (pages without the mark stay out of the index)."""
    marked = _ARTICLE.sub(lambda m: m.group(0)[:-1] + " data-pagefind-body>", page_html, count=1)
    return separate_cells(marked)


def separate_cells(html_text: str) -> str:
    """A space between adjacent cells and list terms, which Pagefind would read as one word."""
    return _ADJACENT_CELLS.sub(r"\1 ", html_text)


def use_hub_worker(page_html: str) -> str:
    """Point Material's search box at the hub's worker, at the same depth as Material's own."""
    changed, count = _MATERIAL_WORKER.subn(lambda m: f'{m.group(1)}{m.group(2)}{WORKER}"', page_html, count=1)
    if count == 0 and 'id="__config"' in page_html:
        raise RuntimeError("Materials Suchkonfiguration (__config) hat sich geändert: "
                           "macros/outputs/search.py anpassen.")
    return changed


class WordCounter:
    """Counts the words of every page as it is built, for the vocabulary."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def add_page(self, page_html: str) -> None:
        self._counts.update(_VOCABULARY_WORD.findall(html.unescape(_TAG.sub(" ", page_html))))

    def vocabulary(self, groups: list[list[str]]) -> list[str]:
        """The site's words, most frequent first, each in its most frequent spelling.

        The names of the word list count too, so a typo of "Zuschuss" leads to "Zuschuss".
        """
        counts = self._counts.copy()
        counts.update(name for names in groups for name in names if _VOCABULARY_WORD.fullmatch(name))
        spellings: dict[str, Counter[str]] = {}
        for word, count in counts.items():
            word = word.strip("-")
            spellings.setdefault(word.lower(), Counter())[word] += count
        ranked = sorted(spellings.values(), key=lambda found: -sum(found.values()))
        return [found.most_common(1)[0][0] for found in ranked[:VOCABULARY_LIMIT]]


def remove_material_search(site_dir: Path) -> None:
    """Material's lunr search (its worker and language files, 1.2 MB) is never loaded: not published."""
    javascripts = site_dir / "assets" / "javascripts"
    shutil.rmtree(javascripts / "lunr", ignore_errors=True)
    workers = javascripts / "workers"
    for worker in workers.glob("search.*"):
        worker.unlink()
    if workers.is_dir() and not any(workers.iterdir()):
        workers.rmdir()


def write_word_files(site_dir: Path, groups: list[list[str]], vocabulary: list[str] | None) -> None:
    """``search/words.json`` and, unless ``None`` (a partial build), ``search/vocabulary.json``."""
    (site_dir / WORDS_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / WORDS_FILE).write_text(json.dumps(groups, ensure_ascii=False), encoding="utf-8")
    if vocabulary is not None:
        (site_dir / VOCABULARY_FILE).write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")


class BackgroundIndex:
    """Pagefind after each build of ``mkdocs serve``, in a thread of its own.

    The changed page shows at once and the search catches up a moment later. A build that
    ends while Pagefind is still reading asks for one more run instead of waiting for it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._job: tuple[Path, str] | None = None

    def request(self, site_dir: Path, language: str) -> None:
        with self._lock:
            self._job = (site_dir, language)
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._run, name="pagefind", daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                write_index(*self._job)
            except Exception as error:  # the preview goes on; the next build tries again
                logging.getLogger("mkdocs").warning("Suchindex (Pagefind) nicht geschrieben: %s", error)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False


def write_index(site_dir: Path, language: str) -> int:
    """Run Pagefind over the built site; return how many pages it indexed."""
    return asyncio.run(_write_index(site_dir.resolve(), language))


async def _write_index(site_dir: Path, language: str) -> int:
    from pagefind.index import IndexConfig, PagefindIndex  # the indexer starts a binary: only when writing

    output = site_dir / PAGEFIND_DIR
    shutil.rmtree(output, ignore_errors=True)
    config = IndexConfig(force_language=language, output_path=str(output), exclude_selectors=_NOT_TEXT)
    async with PagefindIndex(config=config) as index:
        indexed = await index.add_directory(str(site_dir))
    for path in output.iterdir():
        if not re.fullmatch(_PAGEFIND_KEPT.format(language=re.escape(language)), path.name):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return int(indexed.get("page_count", 0))
