"""Synthetic data and pages for the benchmark, following docs/redaktion/felder.md."""

from __future__ import annotations

import functools
import itertools
import random
from pathlib import Path

import yaml

# The words every page shares (the heaviest case for a search: "Nahversorgung" is on all of them).
WORDS = ("Verwaltung Digitalisierung Bürgerinnen Bürger Kreis Stadt Netzwerk Förderung Projekt "
         "Antrag Online-Dienst Akte Rechnung Prozess Schulung Beteiligung Nahversorgung Mobilität "
         "Daten Sicherheit Portal Zusammenarbeit Strategie Ergebnis Umsetzung Planung Bericht "
         "Beschluss Rat Kreistag Mitglied Geschäftsstelle Fachbereich Bürgerbüro Zukunft Region "
         "gemeinsam digital einfach schnell sicher nachhaltig offen regional kommunal").split()
TOWNS = ["kreis-hoexter", "bad-driburg", "beverungen", "borgentreich", "brakel", "hoexter",
         "marienmuenster", "nieheim", "steinheim", "warburg", "willebadessen"]
# A real German vocabulary: Debian's word list (package wngerman), as a search meets it on a
# site of thousands of pages – many distinct words, inflected forms, compounds, names, numbers.
GERMAN_WORDS = Path("/usr/share/dict/ngerman")
VOCABULARY_SIZE = 40_000  # distinct words drawn from the list (a year of a council's documents)
SURNAMES = ("Becker Schäfer Hoffmann Krüger Wiegand Löneke Hartmann Brökel Meier Stüker Vössing "
            "Rüther Kleine Tewes Wolff Dreier Volmert Hesse Kuhlmann Göke").split()


class Vocabulary:
    """Words with the frequencies of real text (Zipf: the n-th most frequent word about 1/n as often)."""

    def __init__(self, rng: random.Random) -> None:
        if not GERMAN_WORDS.is_file():
            raise SystemExit(f"{GERMAN_WORDS} fehlt: apt-get install wngerman (Debians deutsche Wortliste)")
        listed = [w for w in GERMAN_WORDS.read_text(encoding="utf-8").split() if w.isalpha() and len(w) > 2]
        self.words = rng.sample(listed, VOCABULARY_SIZE)
        weights = [1 / rank for rank in range(1, len(self.words) + 1)]
        self._cumulative = list(itertools.accumulate(weights))

    def sentence(self, rng: random.Random, length: int) -> str:
        words = rng.choices(self.words, cum_weights=self._cumulative, k=length)
        # Every sentence: one word all pages share, and now and then a name or a number.
        words[rng.randrange(length)] = rng.choice(WORDS)
        roll = rng.random()
        if roll < 0.25:
            words.append(f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d} Euro")
        elif roll < 0.4:
            words.append(f"Drucksache {rng.randint(1, 400)}/{rng.randint(2015, 2027)}")
        elif roll < 0.55:
            words.append(f"Frau {rng.choice(SURNAMES)}")
        return " ".join(words)


@functools.cache
def _vocabulary() -> Vocabulary:
    return Vocabulary(random.Random(7))  # the same words for the hub and the floor, in every run


def text(rng: random.Random, words: int) -> str:
    vocabulary = _vocabulary()
    sentences, count = [], 0
    while count < words:
        length = rng.randint(8, 16)
        sentence = vocabulary.sentence(rng, length)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        count += length
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    return "\n\n".join(paragraphs)


def write_data(data: Path, entries: int, seed: int = 1) -> None:
    """``entries`` projects and funding calls (about 3:1) with ~400-word descriptions."""
    rng = random.Random(seed)
    (data / "projects").mkdir(parents=True)
    (data / "funding").mkdir()
    towns = [{"id": t, "name": f"Stadt {t.replace('-', ' ').title()}",
              "kind": "kreis" if t == "kreis-hoexter" else "stadt",
              "resolution": {"body": "Rat", "status": "geplant"}} for t in TOWNS]
    (data / "towns.yml").write_text(yaml.safe_dump(towns, allow_unicode=True), encoding="utf-8")
    contacts = [{"id": f"kontakt-{i}", "name": f"Ansprechstelle {i}", "role": "Digitalisierung",
                 "org": TOWNS[i % len(TOWNS)], "email": f"kontakt{i}@example.org", "public": i % 10 != 0}
                for i in range(40)]
    (data / "contacts.yml").write_text(yaml.safe_dump(contacts, allow_unicode=True), encoding="utf-8")
    calls = max(1, entries // 4)
    for i in range(calls):
        call = {"title": f"Förderprogramm {i}", "funder": "Land NRW", "level": "land",
                "summary": text(rng, 30)[:290], "description": text(rng, 400),
                "url": f"https://www.example.org/foerderung/{i}",
                "deadline": f"20{27 + i % 3}-0{1 + i % 9}-15", "areas": ["e-government"],
                "topics": ["foerdermittel"], "reviewed": "2026-11-01"}
        (data / "funding" / f"foerderung-{i}.yml").write_text(yaml.safe_dump(call, allow_unicode=True),
                                                              encoding="utf-8")
    for i in range(entries - calls):
        project = {"title": f"Projekt {i}: " + " ".join(rng.choice(WORDS) for _ in range(3)),
                   "area": rng.choice(["e-government", "smart-region"]),
                   "status": rng.choice(["idee", "geplant", "laufend", "pausiert", "abgeschlossen"]),
                   "summary": text(rng, 30)[:290], "description": text(rng, 400),
                   "towns": rng.sample(TOWNS, rng.randint(1, 4)), "lead": f"kontakt-{rng.randrange(40)}",
                   "funding": [f"foerderung-{rng.randrange(calls)}"], "topics": ["digitalisierung"],
                   "budget_eur": rng.randrange(10_000, 2_000_000), "reviewed": "2026-11-01"}
        (data / "projects" / f"projekt-{i}.yml").write_text(yaml.safe_dump(project, allow_unicode=True),
                                                            encoding="utf-8")


PLAIN_CONFIG = """\
site_name: Vergleich
site_url: https://example.org/
theme:
  name: material
  language: de
  font: false
  features: [navigation.prune, navigation.sections, navigation.indexes, navigation.top]
plugins:
  - search:
      lang: de
"""
# The fair floor: the pages are built but kept out of the navigation, as the hub keeps
# its entry pages; otherwise every page renders every other in its menu.
OUT_OF_NAV = """\
not_in_nav: |
  /seiten/
"""


def nav_files(nav) -> list[str]:
    """The Markdown files a ``nav:`` names, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [file for value in nav.values() for file in nav_files(value)]
    return [file for item in nav or [] for file in nav_files(item)]


def write_plain_site(project: Path, pages: int, seed: int = 1, in_nav: bool = False, nav=None) -> None:
    """A plain Material site of ``pages`` pages of similar size.

    ``nav``: the hub's menu, with a plain page of text for each of its files, so the floor
    renders the same menu on every page; the other pages stay out of it. ``in_nav``: all
    pages in the menu instead.
    """
    rng = random.Random(seed)
    docs = project / "docs"
    (docs / "seiten").mkdir(parents=True)
    menu = nav_files(nav) if nav and not in_nav else ["index.md"]
    config = PLAIN_CONFIG + ("" if in_nav else OUT_OF_NAV + yaml.safe_dump({"nav": nav or ["index.md"]},
                                                                             allow_unicode=True, sort_keys=False))
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for number, file in enumerate(menu):
        (docs / file).parent.mkdir(parents=True, exist_ok=True)
        (docs / file).write_text(f"# Menüseite {number}\n\n{text(rng, 200)}\n", encoding="utf-8")
    for i in range(pages - len(menu)):
        body = text(rng, 430)
        (docs / "seiten" / f"seite-{i}.md").write_text(f"# Seite {i}\n\n{body}\n", encoding="utf-8")
