"""The site's search: a Pagefind index behind Material's search box.

Material's own search loads one index of the whole site before the first result
(18 MB at 3,000 entries). Pagefind splits its index into small files and a query
loads only the parts for its words. The build

- marks what Pagefind reads: the article of each page (``data-pagefind-body``),
  without the parts marked ``data-pagefind-ignore`` (share box, sources, notes);
- points Material's search box at ``javascripts/hub-search-worker.js``, which speaks
  Material's worker protocol and asks Pagefind;
- writes the network's word list (``search/words.json``: glossary and search words,
  so "Zuschuss" also finds "Förderung") and the site's vocabulary, one file per first
  letter (``search/vocabulary/n.json``, for "Meinten Sie …?" in ``hub-suggest.js``: a
  correction loads the words of its own letter only, not all of them);
- hands the finished pages to Pagefind (``search_index``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from macros.data.models import GlossaryTerm, SearchWords

WORKER = "javascripts/hub-search-worker.js"
WORDS_FILE = "search/words.json"
VOCABULARY_DIR = "search/vocabulary"
# The file of a word: its first letter, without dots (hub-suggest.js spells it the same way).
_LETTER_FILE = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s"})
VOCABULARY_LIMIT = 20_000  # the most frequent words; enough for a site of 10,000 entries

_ARTICLE_CLASS = "md-content__inner"  # Material's article: the page's text, without the frame
_ARTICLE = re.compile(rf'<article class="{_ARTICLE_CLASS} md-typeset">')
# The element mark_searchable marks, as a CSS selector: Pagefind reads each page from there only
# (search_index.py; same index, byte for byte, with a fifth less of Pagefind's CPU time).
SEARCHABLE_ROOT = f"article.{_ARTICLE_CLASS}"
_BODY_MARK = " data-pagefind-body>"  # what mark_searchable adds to the article's tag
# Pagefind joins the text of adjacent cells and list terms ("HandlungsfelderSmart Region").
_ADJACENT_CELLS = re.compile(r"(</(?:dt|dd|th|td)>)(?=<(?:dt|dd|th|td)\b)")
_MATERIAL_WORKER = re.compile(r'("search": ")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_TAG = re.compile(r"<[^>]+>")
_VOCABULARY_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß-]{3,39}")


def word_groups(entries: Iterable[GlossaryTerm | SearchWords]) -> list[list[str]]:
    """Names that mean the same, one list each: term, long form, synonyms."""
    return [[entry.term, *([entry.long] if getattr(entry, "long", None) else []), *entry.synonyms]
            for entry in entries]


def mark_searchable(page_html: str) -> str:
    """Let Pagefind read the page's article (pages without the mark stay out of the index)."""
    marked = _ARTICLE.sub(lambda m: m.group(0)[:-1] + _BODY_MARK, page_html, count=1)
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


def page_words(page_html: str) -> Counter[str]:
    """The words of a page's text, counted."""
    return Counter(_VOCABULARY_WORD.findall(html.unescape(_TAG.sub(" ", page_html))))


class WordCounter:
    """Counts the words of every page as it is built, for the vocabulary."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    def add_page(self, page_html: str) -> None:
        self._counts.update(page_words(page_html))

    def vocabulary(self, groups: list[list[str]]) -> list[str]:
        """The site's words, most frequent first, each in its most frequent spelling.

        The names of the word list count too, so a typo of "Zuschuss" leads to "Zuschuss".
        """
        names = Counter(name for names in groups for name in names if _VOCABULARY_WORD.fullmatch(name))
        # Flat dictionaries, not a Counter per word (tens of thousands of small objects; measured at
        # 1,000 entries: 2 MB less in the build while Pagefind runs beside it, same files).
        by_spelling: Counter[str] = Counter()
        for counts in (self._counts, names):
            for word, count in counts.items():
                by_spelling[word.strip("-")] += count
        totals: dict[str, int] = {}
        chosen: dict[str, str] = {}
        for spelling, count in by_spelling.items():
            key = spelling.lower()
            totals[key] = totals.get(key, 0) + count
            if key not in chosen or count > by_spelling[chosen[key]]:
                chosen[key] = spelling
        ranked = sorted(totals, key=lambda key: -totals[key])
        return [chosen[key] for key in ranked[:VOCABULARY_LIMIT]]


def remove_material_search(site_dir: Path) -> None:
    """Material's lunr search (its worker and language files, 1.2 MB) is never loaded: not published."""
    javascripts = site_dir / "assets" / "javascripts"
    shutil.rmtree(javascripts / "lunr", ignore_errors=True)
    workers = javascripts / "workers"
    for worker in workers.glob("search.*"):
        worker.unlink()
    if workers.is_dir() and not any(workers.iterdir()):
        workers.rmdir()


def vocabulary_file(word: str) -> str:
    """The vocabulary file a word stands in: ``Nahversorgung`` → ``search/vocabulary/n.json``."""
    return f"{VOCABULARY_DIR}/{word[:1].lower().translate(_LETTER_FILE)}.json"


def write_word_files(site_dir: Path, groups: list[list[str]], vocabulary: list[str] | None) -> None:
    """``search/words.json`` and, unless ``None`` (a partial build), the vocabulary files, each
    with its words most frequent first."""
    (site_dir / WORDS_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / WORDS_FILE).write_text(json.dumps(groups, ensure_ascii=False), encoding="utf-8")
    if vocabulary is None:
        return
    by_file: dict[str, list[str]] = {}
    for word in vocabulary:
        by_file.setdefault(vocabulary_file(word), []).append(word)
    shutil.rmtree(site_dir / VOCABULARY_DIR, ignore_errors=True)
    (site_dir / VOCABULARY_DIR).mkdir(parents=True)
    for name, words in by_file.items():
        (site_dir / name).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
