"""The generate stage: the whole site as plain Markdown pages and a configuration, for any engine.

``generate(project_dir, stage_dir)`` checks what a pull request can change (mkdocs.yml,
the folders, the data, the pages), then writes into ``stage_dir``:

- ``docs/``: every hand-written page with its page macros rendered in the sandbox,
  every entry page (front matter and its finished body), and the static files;
- ``mkdocs.yml``: the configuration for the engine, pointing at ``docs/``.

Macro output and entry bodies are finished HTML. They are written so that no
Markdown processor reads anything into them: blocks stand alone between blank
lines, and in their text every character Markdown would act on is a character
reference (``*`` → ``&#42;``), which a browser shows as the same character.
Titles and descriptions are escaped in the front matter, because engines print
them as they are. Only files whose content changed are written; files of an
earlier run that are no longer generated are removed.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import StrictUndefined

from macros import PAGE_MACROS
from macros.data import release
from macros.data.catalog import load_catalog
from macros.data.load import load_text
from macros.data.page_check import docs_problems
from macros.data.posts import FRONT_MATTER
from macros.data.problems import DataError, Problem
from macros.data.site_config import read_site_config
from macros.generate.navigation import with_entries
from macros.generate.page_macros import SiteSettings, page_macros
from macros.generate.page_sandbox import RENDER_ERRORS, PageSandbox, template_error
from macros.html import pages
from macros.html.render import html_text
from macros.outputs.redirects import Redirect, entry_redirects
from macros.urls import entry_source, entry_url

NEWS_POSTS = "aktuelles/posts"
# In text between tags: what Python-Markdown and its extensions read as syntax.
# (Character references already in the text stay as they are: "&#34;" is not a heading.)
_MARKDOWN_SIGNS = re.compile(r"(&#?[A-Za-z0-9]+;)|[\\`*_\[\]{}!~^=+|#:<>-]")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_SLOT = re.compile("\ue002(\\d+)\ue003")
_HUB_ONLY_KEYS = ("sources", "states_facts", "standing")


@dataclass
class StagedPage:
    """What a page's template text may read: its title, address and front matter."""

    title: str | None
    url: str
    meta: dict


@dataclass
class Stage:
    folder: Path
    catalog: object = None  # the data the pages were made from (the finish stage writes its files)
    redirects: tuple = ()   # old address → new page: renamed entries and extra.redirects
    site_values: dict = field(default_factory=dict)  # the checked mkdocs.yml
    written: list[str] = field(default_factory=list)  # paths under the stage rewritten in this run
    removed: list[str] = field(default_factory=list)

    @property
    def docs(self) -> Path:
        return self.folder / "docs"

    @property
    def config_file(self) -> Path:
        return self.folder / "mkdocs.yml"


def inert_html(html: str) -> str:
    """``html`` with every Markdown sign in its text written as a character reference.

    Not in scripts (JSON-LD data): their text is not HTML, a reference there stays as typed, and
    Markdown leaves a block with them alone.
    """
    parts, in_script = [], False
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            in_script = part.lower().startswith("<script") or (in_script and not part.lower().startswith("</script"))
            parts.append(part)
        else:
            parts.append(part if in_script else
                         _MARKDOWN_SIGNS.sub(lambda m: m.group(1) or f"&#{ord(m.group())};", part))
    return "".join(parts)


def page_url(relative: str) -> str:
    """The address MkDocs gives a source file with directory URLs: ``a/b.md`` → ``a/b/``."""
    stem = relative.removesuffix(".md")
    if stem == "index":
        return ""
    return (stem.removesuffix("/index") if stem.endswith("/index") else stem) + "/"


def generate(project_dir: Path, stage_dir: Path, today: date, site_dir: str | None = None) -> Stage:
    """Check the project and write its pages and engine configuration into ``stage_dir``."""
    project_dir = Path(project_dir).resolve()
    site_config, problems = read_site_config(project_dir)
    if problems:
        raise DataError(problems)
    problems = site_config.source_problems(project_dir)
    if problems:
        raise DataError(problems)
    docs = project_dir / site_config.docs_dir
    catalog = load_catalog(project_dir / "data", today=today, docs_dir=docs,
                           site_url=site_config.values.get("site_url") or "/")
    problems = docs_problems(docs, PAGE_MACROS, catalog, NEWS_POSTS, site_config.categories)
    if problems:
        raise DataError(problems)
    settings = SiteSettings(site_config.values.get("site_url") or "/", site_config.values.get("repo_url"))

    moved = tuple(Redirect(old, page_url(target)) for old, target in site_config.redirects.items())
    stage = Stage(Path(stage_dir), catalog, (*entry_redirects(catalog), *moved), site_config.values)
    wanted: dict[str, bytes] = {}
    renderer = _PageRenderer(catalog, settings)
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs).as_posix()
        if path.is_dir():
            continue
        if path.suffix == ".md":
            wanted[f"docs/{relative}"] = renderer.page(path.read_text(encoding="utf-8"), relative).encode()
        else:
            wanted[f"docs/{relative}"] = path.read_bytes()
    for entry in pages.entry_pages(catalog):
        body = pages.entry_content(catalog, entry.kind, entry.id, entry_url(entry.kind, entry.id))
        meta = {"title": html_text(entry.title), "description": html_text(entry.description)}
        wanted[f"docs/{entry_source(entry.kind, entry.id)}"] = _page_text(meta, _block(body)).encode()
    wanted["mkdocs.yml"] = _engine_config(site_config.values, site_dir, catalog).encode()
    _write_changed(stage, wanted)
    return stage


class _PageRenderer:
    """Hand-written pages: template text in the sandbox, macro output as inert HTML, the notes."""

    def __init__(self, catalog, settings: SiteSettings) -> None:
        self.catalog = catalog
        self.held: list[str] = []
        self.url = ""
        macros = page_macros(self._hold, lambda: catalog, lambda: settings)
        self.sandbox = PageSandbox(allowed={StagedPage: frozenset({"title", "url", "meta"})}, loader=None,
                                   undefined=StrictUndefined, globals_=macros, filters={})

    def _hold(self, make) -> str:
        self.held.append(make(self.catalog, self.url))
        return f"\ue002{len(self.held) - 1}\ue003"

    def page(self, text: str, relative: str) -> str:
        shown = f"docs/{relative}"
        front = FRONT_MATTER.match(text)
        meta: dict = {}
        body, offset = text, 0
        if front:
            document, _ = load_text(front.group(1), shown)  # checked by docs_problems
            meta = dict(document.data or {}) if document is not None else {}
            body, offset = text[front.end():], text[:front.end()].count("\n")
        self.url, self.held = page_url(relative), []
        if "{{" in body or "{%" in body or "{#" in body:
            try:
                body = self.sandbox.from_string(body).render(page=StagedPage(meta.get("title"), self.url, meta))
            except RENDER_ERRORS as error:
                line, message = template_error(error)
                raise DataError([Problem(shown, (line or 1) + offset, "", message)]) from None
        body = self._released(body)
        notes_before, notes_after = pages.page_notes(
            meta, self.url, bool(release.placeholders_in(text)) or release.GAP_MARKER in body)
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                meta[key] = html_text(meta[key])
        meta = {key: value for key, value in meta.items() if key not in _HUB_ONLY_KEYS}
        body = (_block(notes_before) if notes_before else "") + body + (_block(notes_after) if notes_after else "")
        return _page_text(meta, body)

    def _released(self, body: str) -> str:
        """Each macro's HTML in its place: alone on its line a block, else inline on one line."""
        lines = []
        for line in body.split("\n"):
            alone = _SLOT.fullmatch(line.strip())
            if alone:
                lines.append(_block(self.held[int(alone.group(1))]))
            else:
                lines.append(_SLOT.sub(lambda m: inert_html(" ".join(self.held[int(m.group(1))].split("\n"))),
                                       line))
        return "\n".join(lines)


def _block(html: str) -> str:
    """HTML that Markdown passes through as a block: alone between blank lines, its text inert."""
    return f"\n\n{inert_html(html.strip())}\n\n"


def _page_text(meta: dict, body: str) -> str:
    # JSON is YAML: every value stays text, whatever it contains (see pages.entry_source).
    head = f"---\n{json.dumps(meta, ensure_ascii=False, default=str)}\n---\n\n" if meta else ""
    return head + body.strip("\n") + "\n"


def _engine_config(values: dict, site_dir: str | None, catalog) -> str:
    """The configuration the engine builds with: the checked mkdocs.yml, its pages in the stage.

    Left out: the hub's and mkdocs-macros' plugins (the stage is their work), the theme folder
    (its templates are Jinja with Python methods, which not every engine renders) and the
    repository (see below).
    """
    # Not repo_url: without the theme folder the theme would show the repository widget, which asks
    # GitHub's API from every visitor's browser (the CSP blocks it; no third party is asked).
    config = {key: value for key, value in values.items()
              if key not in ("plugins", "docs_dir", "extra", "repo_url", "repo_name", "edit_uri")}
    config["docs_dir"] = "docs"
    config["site_dir"] = site_dir or "site"  # Zensical writes only inside the stage
    config["theme"] = {key: value for key, value in values["theme"].items() if key != "custom_dir"}
    config["plugins"] = ["search"]
    config["nav"] = with_entries(values.get("nav"), catalog)
    extensions = []
    glossary = {term.term: term.long for term in catalog.glossary.values() if term.long != term.term}
    for item in values.get("markdown_extensions") or []:
        name = item if isinstance(item, str) else next(iter(item))
        if name == "abbr":
            item = {"abbr": {"glossary": glossary}}
        extensions.append(item)
    config["markdown_extensions"] = extensions
    return json.dumps(config, ensure_ascii=False, indent=2) + "\n"


def _write_changed(stage: Stage, wanted: dict[str, bytes]) -> None:
    stage.folder.mkdir(parents=True, exist_ok=True)
    for relative, content in wanted.items():
        path = stage.folder / relative
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        stage.written.append(relative)
    for path in sorted(stage.docs.rglob("*"), reverse=True):  # the engine's own folders stay
        relative = path.relative_to(stage.folder).as_posix()
        if path.is_file() and relative not in wanted:
            path.unlink()
            stage.removed.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
