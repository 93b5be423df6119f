"""Make the site's search work for German: spelling variants and the glossary.

Material's search worker indexes every field named in the index's
``config.fields``. We add a field ``terms`` to each document: words with
umlauts also written with ae/oe/ue/ss (Höxter → Hoexter), glossary expansions
both ways (OZG → Onlinezugangsgesetz, elektronische Akte → E-Akte) and the words
visitors type for what the site calls otherwise (data/search-words.yml:
Zuschuss → Förderung, Fortbildung → Schulung).
The field is searched but never shown, so results look as before.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from macros.data.models import GlossaryTerm, SearchWords

TERMS_FIELD = "terms"
TERMS_BOOST = 20  # below titles (1000), above running text (1)
TITLE_TERMS_FIELD = "title_terms"  # variants of the title weigh as much as the title
TITLE_TERMS_BOOST = 1000
_TAG = re.compile(r"<[^>]+>")
# Only words with an umlaut or ß have other spellings; the rest are skipped unread.
_UMLAUT_WORD = re.compile(r"(?<![\wÄÖÜäöüß-])[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß-]*[äöüÄÖÜß][\wÄÖÜäöüß-]*|"
                          r"(?<![\wÄÖÜäöüß-])[ÄÖÜ][\wÄÖÜäöüß-]*")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_DOTS_DROPPED = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"})


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text or ""))


def transliterations(text: str) -> set[str]:
    """'Förderung in Höxter' → {'Foerderung', 'Forderung', 'Hoexter', 'Hoxter'}: how people type it."""
    words = set(_UMLAUT_WORD.findall(text))
    return {word.translate(table) for word in words for table in (_UMLAUTS, _DOTS_DROPPED)}


_TOKEN = re.compile(r"[\wÄÖÜäöüß]+")


class GlossaryMatcher:
    """Finds glossary terms, long forms and synonyms in a text; built once per build.

    Each name's own pattern decides; only the names whose first word occurs in the text are
    tried, so a glossary of thousands of terms costs no more than the words of each text.
    """

    def __init__(self, glossary: Iterable[GlossaryTerm | SearchWords]):
        self._by_first_word: dict[str, list[tuple[list[str], re.Pattern]]] = {}
        self._always: list[tuple[list[str], re.Pattern]] = []
        for entry in glossary:  # glossary terms and the search words editors keep
            names = [entry.term, *([entry.long] if getattr(entry, "long", None) else []), *entry.synonyms]
            for name in names:
                pattern = re.compile(rf"(?<![\wÄÖÜäöüß]){re.escape(name)}(?![\wÄÖÜäöüß])",
                                     0 if name.isupper() else re.I)
                first = _TOKEN.search(name)
                target = self._by_first_word.setdefault(first.group(0).casefold(), []) if first else self._always
                target.append((names, pattern))

    def expansions(self, text: str) -> set[str]:
        found: set[str] = set()
        words = {word.casefold() for word in _TOKEN.findall(text)}
        candidates = [*self._always, *(c for word in words & self._by_first_word.keys()
                                         for c in self._by_first_word[word])]
        for names, pattern in candidates:
            if not found.issuperset(names) and pattern.search(text):
                found.update(names)
        return found


class IndexExpander:
    """Adds the ``terms`` fields to the search index's sections, one page at a time.

    The build hands it each page's sections as the search plugin makes them, so the
    index is never read back from disk or held twice (at 3,000 entries it is 20 MB).
    """

    def __init__(self, glossary: Iterable[GlossaryTerm | SearchWords]) -> None:
        self._matcher = GlossaryMatcher(glossary)

    @staticmethod
    def add_fields(fields: dict) -> None:
        """Tell the search worker to search the new fields, with their weights."""
        fields[TERMS_FIELD] = {"boost": TERMS_BOOST}
        fields[TITLE_TERMS_FIELD] = {"boost": TITLE_TERMS_BOOST}

    def expand(self, doc: dict) -> None:
        """Add the spellings, glossary expansions and search words of one section (in place)."""
        title = _plain(doc.get("title", ""))
        text = title + " " + _plain(doc.get("text", ""))
        extra = self._matcher.expansions(text)
        extra |= transliterations(text + " " + " ".join(extra))
        if extra:
            doc[TERMS_FIELD] = " ".join(sorted(extra))
        title_extra = self._matcher.expansions(title)
        title_extra |= transliterations(title + " " + " ".join(title_extra))
        if title_extra:
            doc[TITLE_TERMS_FIELD] = " ".join(sorted(title_extra))


VOCABULARY_FILE = "search/vocabulary.json"
VOCABULARY_LIMIT = 20_000  # the most frequent words; enough for a site of 10,000 entries
_VOCABULARY_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß-]{3,39}")


def vocabulary(docs: Iterable[dict]) -> list[str]:
    """The words the index holds, most frequent first, for "Meinten Sie …?" (hub-suggest.js).

    Each word in the spelling it has most often on the site; the added spellings and
    search words count too, so a typo of "Zuschuss" leads to "Zuschuss".
    """
    counts: dict[str, dict[str, int]] = {}
    for doc in docs:
        text = " ".join(_plain(doc.get(field, "")) for field in ("title", "text", TERMS_FIELD, TITLE_TERMS_FIELD))
        for word in _VOCABULARY_WORD.findall(text):
            word = word.strip("-")
            spellings = counts.setdefault(word.lower(), {})
            spellings[word] = spellings.get(word, 0) + 1
    ranked = sorted(counts.values(), key=lambda spellings: -sum(spellings.values()))
    return [max(spellings, key=spellings.get) for spellings in ranked[:VOCABULARY_LIMIT]]
