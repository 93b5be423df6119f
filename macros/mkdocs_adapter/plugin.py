"""The MkDocs side of the hub: one plugin object that holds what a build knows.

Registered as the ``hub`` plugin (entry point in pyproject.toml) and listed in
mkdocs.yml. The build's state lives on the instance, from ``on_config`` to
``on_post_build``; the core (data, pages, outputs) knows nothing of MkDocs.

Page template text (``{{ projects_overview() }}``) is rendered here, in a
sandbox, with the page macros that ``macros/__init__.py`` registers through
mkdocs-macros' documented ``define_env``; mkdocs-macros itself renders nothing
(``render_by_default: false``).
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, ChoiceLoader, DictLoader, StrictUndefined, TemplateNotFound
from markupsafe import Markup
from material.plugins.search.plugin import SearchIndex
from mkdocs.commands.build import get_context
from mkdocs.config import base, config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from macros import PAGE_MACROS, labels
from macros.data import release
from macros.data.catalog import build_date, load_catalog
from macros.data.front_matter import front_matter_problems
from macros.data.load import load_text
from macros.data.models import DEADLINE_SOON, EditorSettings
from macros.data.page_check import docs_problems
from macros.data.posts import post_problems
from macros.data.problems import DataError
from macros.data.site_config import read_site_config
from macros.data.source_files import theme_static_files
from macros.finish.site import SiteToFinish, finish_outputs
from macros.generate.navigation import with_entries
from macros.generate.page_sandbox import RENDER_ERRORS, PageSandbox, template_error
from macros.html import pages
from macros.html.render import html_text
from macros.kinds import REGISTRY
from macros.mkdocs_adapter.build_state import BuildState
from macros.mkdocs_adapter.page_frames import FrameBook, cut_frame, placeholder
from macros.mkdocs_adapter.rebuild_memo import LastBuildMemo
from macros.outputs import editor, search
from macros.outputs.content_policy import (
    content_problems,
    page_problems,
    theme_script_hashes,
    with_meta_policy,
)
from macros.outputs.feeds import FeedItem
from macros.outputs.html_fixes import element_ids, fix_material_markup
from macros.outputs.redirects import Redirect, entry_redirects
from macros.urls import NEWS_POSTS, entry_source, repository_path
from macros.wording import first_heading, german_date

log = logging.getLogger("mkdocs.plugins.hub")
_TAG = re.compile(r"<[^>]*>")
# What template text in a page may read of the page itself.
_PAGE_ATTRIBUTES = frozenset({"title", "url", "meta", "canonical_url", "abs_url", "is_homepage"})
# Entry pages are finished by the plugin (page frames); MkDocs renders this template, which prints the result.
FINISHED_TEMPLATE = "hub-finished-page.html"
_ENTRY_META = frozenset(pages.ENTRY_META_KEYS) | {"template"}


class HubConfig(base.Config):
    # Entry pages from one rendered frame per folder (page_frames.py); off: each rendered in full.
    page_frames = config_options.Type(bool, default=True)


class HubPlugin(BasePlugin[HubConfig]):
    """Loads the data once, checks every source, generates entry pages, fills in HTML, publishes."""

    def __init__(self) -> None:
        self.build: BuildState | None = None
        self.sandbox: PageSandbox | None = None
        self.page: Page | None = None  # the page whose template text is being rendered
        self.serving = False  # mkdocs serve: the editor talks to decap-server on this machine
        self.dirty = False  # --dirty: only pages whose source changed are rebuilt
        self.editable_pages: list[tuple[str, str]] = []  # hand-written pages: (docs path, title)
        self.words: search.WordCounter | None = None  # set when the site has a search box
        self.word_groups: list[list[str]] = []
        self.theme_env = None  # the theme's Jinja environment (on_env)
        self.nav = None  # the site's navigation (on_nav), for the theme's page without content
        self.frames = FrameBook()
        self.compiled_templates = _CompiledTemplates()  # the theme's, kept across rebuilds of mkdocs serve
        # mkdocs serve: the YAML parsed and the entry contents scanned in the last build (rebuild_memo.py)
        self.parsed = LastBuildMemo(load_text)
        self.scanned = LastBuildMemo(page_problems)

    # --- events, in the order MkDocs calls them ------------------------------------------

    @event_priority(-100)  # after mkdocs-macros has called define_env
    def on_config(self, config):
        project_dir = _project_dir(config)
        # Before anything is read: mkdocs.yml within its allow-list (python -m macros check reads it
        # before MkDocs does; here what MkDocs made of it is held to the same rules), no links out of
        # the repository, no unlisted active files in the folders it names.
        site_config, unsafe = read_site_config(project_dir, Path(config.config_file_path).name)
        if unsafe:
            raise PluginError(DataError(unsafe).report())
        theme_files = theme_static_files(config.theme.dirs, config.theme.custom_dir)
        unsafe = site_config.source_problems(project_dir, theme_files)
        if unsafe:
            raise PluginError(DataError(unsafe).report())
        try:
            today = build_date()
            if self.serving:
                self.parsed.next_build()
                self.scanned.next_build()
            self.build = BuildState(catalog=load_catalog(project_dir / "data", today=today,
                                                         parse=self.parsed if self.serving else None,
                                                         site_url=config.site_url or "/"))
            problems = []
        except DataError as error:
            problems = error.problems
            if problems[0].file == "HUB_TODAY":
                raise PluginError(error.report()) from None
        blog = config.plugins.get("material/blog")
        if blog is not None:
            posts = Path(config.docs_dir) / blog.config.blog_dir / "posts"
            shown = posts.resolve().relative_to(project_dir).as_posix()
            problems += post_problems(posts, shown, today)
        # Mistakes in pages, all at once and before any page is rendered (ids are the check's:
        # a page may name an entry that other data does not have, and then shows plain text).
        categories = tuple(blog.config.categories_allowed) if blog is not None else ()
        problems += docs_problems(Path(config.docs_dir), PAGE_MACROS, None, NEWS_POSTS, categories)
        if problems:
            raise PluginError(DataError(problems).report()) from None
        if config.edit_uri == f"{repository_path(None, 'edit')}docs/":
            # The edit links in the form of the configured host (GitHub's is the default).
            config.edit_uri = f"{repository_path(config.repo_url, 'edit')}docs/"
        build = self.build
        config.nav = with_entries(config.nav, build.catalog)
        # The glossary reaches every page through the abbr extension's own setting: no
        # definitions appended to each page for Markdown's block parser to re-read.
        config.mdx_configs.setdefault("abbr", {})["glossary"] = build.glossary_abbreviations()
        material_search = config.plugins.get("material/search")
        if material_search is not None and material_search.config.enabled:
            # Material's search box stays, its index stays empty: Pagefind answers the box.
            material_search.search_index = _NothingToIndex(**material_search.search_index.config)
            self.words = search.WordCounter()
            self.word_groups = search.word_groups([*build.catalog.glossary.values(),
                                                   *build.catalog.search_words.values()])
        build.allowed_scripts = frozenset({str(script) for script in config.extra_javascript} | {
            path for path in theme_files if path.startswith("assets/javascripts/") and path.endswith(".js")})
        # What the footer and hub-today.js read: the build's day and the rules that depend on it.
        config.extra["hub_build"] = {
            "date_text": german_date(today),
            "rules": {"built": today.isoformat(), "soon_days": DEADLINE_SOON.days,
                      "funding_labels": labels.FUNDING_STATUS},
        }
        macros_plugin = config.plugins.get("macros")
        if macros_plugin is None:
            raise PluginError("mkdocs.yml: das Plugin 'macros' fehlt.")
        # The page macros as mkdocs-macros collected them from define_env, and nothing else.
        own = {name: macros_plugin.macros[name] for name in PAGE_MACROS}
        self.sandbox = PageSandbox(allowed={Page: _PAGE_ATTRIBUTES}, loader=None, undefined=StrictUndefined,
                                   globals_=own, filters={})
        return config

    def on_startup(self, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty

    def on_serve(self, server, config, builder):
        # mkdocs serve watches docs/ only; data/ changes must rebuild the site too.
        server.watch(str(_project_dir(config) / "data"))
        return server

    def on_files(self, files, config):
        catalog = self.build.catalog
        project_dir = _project_dir(config)
        for entry in pages.entry_pages(catalog):
            file = EntryFile.generated(config, entry_source(entry.kind, entry.id),
                                       content=pages.entry_source(entry), inclusion=InclusionLevel.NOT_IN_NAV)
            file.data_path = project_dir / entry.source
            file.entry = (entry.kind, entry.id)
            # The edit link opens the YAML file the page comes from (edit_uri points into docs/).
            file.edit_uri = f"../{entry.source}"
            files.append(file)
            GeneratedPage(file, config, pages.entry_meta(entry))
        if self.dirty:
            _refresh_with_data(files, _newest_change(project_dir / "data"))
        self.build.redirects = _redirects(files, config, catalog)
        self.editable_pages = _editable_pages(files)
        return files

    @event_priority(-100)  # after the blog plugin has read its posts
    def on_nav(self, nav, config, files):
        self.build.news = _news(config)
        self.nav = nav
        return nav

    def on_env(self, env, config, files):
        self.theme_env = env
        self.frames = FrameBook()
        if self.serving:  # MkDocs makes a new environment for every build
            env.bytecode_cache = self.compiled_templates
        env.loader = ChoiceLoader([DictLoader({FINISHED_TEMPLATE: "{{ hub_finished_page }}"}), env.loader])
        self.build.script_hashes = self._theme_script_hashes(env, config, files)
        return env

    def _theme_script_hashes(self, env, config, files) -> frozenset[str]:
        """The inline scripts the theme writes into every page, from its page without content
        (404.html), rendered here as MkDocs renders it: the policy is known before any page is
        checked, whatever order the engine writes pages in."""
        try:
            template = env.get_template("404.html")
        except TemplateNotFound:
            raise PluginError("Das Theme hat keine 404-Seite; ohne sie lässt sich die Content Security "
                              "Policy nicht bestimmen.") from None
        template = config.plugins.on_pre_template(template, template_name="404.html", config=config)
        # As MkDocs renders its error pages: addresses from the site's root (mkdocs/commands/build.py).
        context = get_context(self.nav, files, config, base_url=urlsplit(config.site_url or "/").path)
        context = config.plugins.on_template_context(context, template_name="404.html", config=config)
        return frozenset(theme_script_hashes(self._theme_markup(template.render(context))))

    def _theme_markup(self, output: str) -> str:
        """A page of the theme as the site publishes it: Material's markup mended, and the hub's
        search worker in place of Material's (both on the 404 page the hashes come from)."""
        output = fix_material_markup(output)
        return search.use_hub_worker(output) if self.words is not None else output

    @event_priority(100)  # before the other plugins read the page
    def on_page_markdown(self, markdown, page, config, files):
        if page.file.generated_by is None:
            blog = config.plugins.get("material/blog")
            is_post = blog is not None and page.file.src_uri.startswith(f"{blog.config.blog_dir}/posts/")
            # What the author wrote, not page.meta: the blog plugin adds keys of its own there.
            _, written = get_data(page.file.content_string)
            problems = front_matter_problems(written, is_post)
            if problems:
                raise PluginError(f"docs/{page.file.src_uri}: Kopf der Seite (zwischen den Zeilen ---):\n  "
                                  + "\n  ".join(problems))
            markdown = self._render_template_text(markdown, page)
        if _entry_of(page) is None and release.placeholders_in(page.file.content_string):
            self.build.drafts.add(page.file.src_uri)  # entry pages: pages.entry_content
        return markdown

    def on_page_content(self, html, page, config, files):
        problems = content_problems(html)
        if problems:
            raise PluginError(f"docs/{page.file.src_uri}: Der Seiteninhalt enthält Code, der im Browser laufen "
                              "würde, oder Elemente, die die Seite verlassen; das ist nicht erlaubt:\n  "
                              + "\n  ".join(problems))
        _escape_for_the_theme(page)
        if self.config.page_frames and _entry_of(page) is not None:
            page.meta["template"] = FINISHED_TEMPLATE  # finished in _finish_entry_page
        if _entry_of(page) is not None and pages.ENTRY_MARKER in html:
            # MkDocs holds every page's content from reading all pages to writing the last;
            # an entry page's is large. It is filled just before it is written (on_page_context)
            # and let go once it is (on_post_page).
            return html
        return self._filled(page, html)

    @event_priority(100)  # set before other plugins see the page
    def _blog_edit_url(self, context, page, config, nav):
        blog = config.plugins.get("material/blog")
        if page.edit_url is None and config.repo_url and blog is not None:
            # The blog's archive and category listings are made from all posts: their
            # "source" is the posts folder, which the repository shows as a list.
            blog_dir = blog.config.blog_dir
            if page.file.src_uri.startswith(f"{blog_dir}/"):
                docs = Path(config.docs_dir).resolve().relative_to(_project_dir(config)).as_posix()
                tree = repository_path(config.repo_url, "tree")
                page.edit_url = f"{config.repo_url.rstrip('/')}/{tree}{docs}/{blog_dir}/posts"
        return context

    @event_priority(-100)  # once every plugin has set up the page's context
    def _finish_entry_page(self, context, page, config, nav):
        # An entry's body comes in last: no other plugin reads entry pages, and Material's search,
        # which would strip its own attributes from every page's content, reads the marker only.
        entry = _entry_of(page)
        if entry is not None and pages.ENTRY_MARKER in (page.content or ""):
            page.content = self._filled(page, page.content, entry)
        if page.meta.get("template") == FINISHED_TEMPLATE:
            context["hub_finished_page"] = Markup(self._finished_entry(context, page))
        return context

    on_page_context = CombinedEvent(_blog_edit_url, _finish_entry_page)

    @event_priority(-100)  # the last word: the page as it will be written
    def on_post_page(self, output, page, config):
        if _entry_of(page) is not None:
            page.content = None  # written below; nothing reads it again (see on_page_content)
        target = (Path(config.site_dir) / page.file.dest_uri).resolve()
        if not target.is_relative_to(Path(config.site_dir).resolve()):
            raise PluginError(f"docs/{page.file.src_uri}: die Adresse der Seite ({page.file.dest_uri}) liegt "
                              "außerhalb der Website; bitte slug bzw. Dateinamen prüfen.")
        if page.meta.get("template") != FINISHED_TEMPLATE:  # else finished in _finish_entry_page
            output = self._finished(output, page)
        return output

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self._checked(self._theme_markup(output_content), "", template_name)

    @event_priority(-100)  # after the other plugins have written their pages
    def on_post_build(self, config):
        build = self.build
        site_dir = Path(config.site_dir)
        for (folder, *_), why in self.frames.refusals().items():
            log.info("Seitenrahmen für %s/ nicht genutzt (%s); diese Seiten werden einzeln gerendert.", folder, why)
        if self.frames.framed or self.frames.rendered:
            log.info("Eintragsseiten: %d aus Seitenrahmen, %d einzeln gerendert",
                     self.frames.framed, self.frames.rendered)
        if self.words is not None:
            # A dirty build counted only the pages it rebuilt: the last vocabulary stays.
            vocabulary = None if self.dirty else self.words.vocabulary(self.word_groups)
            search.write_word_files(site_dir, self.word_groups, vocabulary)
            search.remove_material_search(site_dir)
        missing: list[str] = []
        # Its pages are finished already (page frames): no extra_scripts for a page pass.
        site = SiteToFinish(site_dir, build.catalog, tuple(build.redirects), tuple(build.news))
        try:
            finish_outputs(site, build.script_hashes,
                           search_language=config.theme["language"] if self.words is not None else None,
                           also=lambda site_dir: missing.extend(self._write_editor(config, site_dir)))
        except DataError as error:
            raise PluginError(error.report()) from None
        if missing:
            log.warning("Der Editor unter /%s/ fehlt in diesem Build: %s nicht gefunden (npm ci ausführen).",
                        editor.EDITOR_DIR, ", ".join(missing))

    # --- what page macros call (macros/__init__.py) ----------------------------------------

    def hold(self, make) -> str:
        """Run a page macro's ``make(catalog, page_url)`` and keep its HTML for after Markdown."""
        if self.page is None or self.build is None:
            raise RuntimeError("Seitenmakros laufen nur beim Bauen einer Seite.")
        return self.build.hold(self.page.file.src_uri, make(self.build.catalog, self.page.url))

    # --- helpers ----------------------------------------------------------------------------

    def _finished(self, output: str, page) -> str:
        """A page as the theme rendered it, with the markup fixes, the search marks and the scan."""
        output = fix_material_markup(output)
        if self.words is not None:
            output = search.use_hub_worker(output)
            if not (page.meta.get("search") or {}).get("exclude"):
                output = search.mark_searchable(output)
        return self._checked(output, page.url, f"docs/{page.file.src_uri}")

    def _finished_entry(self, context, page) -> str:
        """An entry page, finished: from its folder's frame (page_frames.py) or rendered in full."""
        template = self.theme_env.get_template("main.html")

        def full() -> str:
            return self._finished(template.render(context), page)

        values = {"title": page.title, "description": page.meta.get("description"),
                  "canonical_url": page.canonical_url, "edit_url": page.edit_url, "content": page.content}
        values = {slot: value for slot, value in values.items() if value}
        if page.toc.items or not set(page.meta) <= _ENTRY_META or page.meta.get("title") != page.title \
                or not isinstance(values.get("content"), str):
            return full()
        heading = "<h1" in values["content"]
        key = (posixpath.dirname(page.url.rstrip("/")), heading, *sorted(values))

        def frame():
            stand_ins = {slot: placeholder(slot, heading and slot == "content") for slot in values}
            with _values_in_page(page, stand_ins):
                return cut_frame(self._finished(template.render(context), page), stand_ins)

        def finished_content(content: str, frame) -> str:
            content = fix_material_markup(content, frame.ids)
            if self.words is not None:
                content = search.separate_cells(content)
            scan = self.scanned if self.serving else page_problems
            problems = scan(content, page.url, self.build.script_hashes, self.build.allowed_scripts)
            if problems:
                raise PluginError(f"docs/{page.file.src_uri}: Die fertige Seite enthält Code oder Elemente, die "
                                  "nicht zur Website gehören:\n  " + "\n  ".join(problems))
            return content

        return self.frames.page(key, values, full, frame, finished_content)

    def _filled(self, page, html: str, entry: tuple[str, str] | None = None) -> str:
        """The page's HTML with the entry's body and the macros' output in their places."""
        build = self.build
        markdown_html = html
        if entry is not None:
            html = html.replace(pages.ENTRY_MARKER, pages.entry_content(build.catalog, *entry, page.url, build.news), 1)
        filled = build.release(page.file.src_uri, html)
        if entry is None:
            # Unfinished: open items in the page's source, or a gap a macro printed (entry pages: their content).
            before, after = pages.page_notes(page.meta, page.url,
                                             page.file.src_uri in build.drafts or release.GAP_MARKER in filled)
            filled = before + filled + after
        if filled is not markdown_html and page.present_anchor_ids is not None:
            # MkDocs checks links to anchors against ids it saw in Markdown; add ours.
            page.present_anchor_ids |= element_ids(filled)
        if self.words is not None:
            self.words.add_page(filled)
        return filled

    def _write_editor(self, config, site_dir: Path) -> list[str]:
        """The browser editor under /redaktion/editor/, configured from the models and today's ids;
        returns the editor's files that are missing (``npm ci`` not run)."""
        settings = EditorSettings(**(config.extra.get("editor") or {}))
        local = settings.local_backend or (editor.LOCAL_BACKEND if self.serving else None)
        chosen = editor.backend(config.repo_url, settings)
        catalog = self.build.catalog
        known = {kind: [(entry_id, str(getattr(entry, REGISTRY[kind].label_field)))
                        for entry_id, entry in entries.items()]
                 for kind, entries in catalog.entries.items()}
        known["materials"] = list(catalog.materials.items())  # training materials: pages, by title
        blog = config.plugins.get("material/blog")
        categories = list(blog.config.categories_allowed) if blog is not None else []
        settings_ = editor.editor_config(known=known, categories=categories, pages=self.editable_pages,
                                         chosen=chosen, local_backend=local, site_url=config.site_url)
        csp = editor.editor_csp(chosen, local)
        missing = editor.write_editor(site_dir, _project_dir(config), settings_, csp)
        headers = site_dir / editor.EDITOR_HEADERS_FILE
        headers.parent.mkdir(parents=True, exist_ok=True)
        headers.write_text(editor.editor_headers(csp), encoding="utf-8")
        return missing

    def _render_template_text(self, markdown: str, page) -> str:
        """The page's template text, rendered in the sandbox; errors name the file and line."""
        if "{{" not in markdown and "{%" not in markdown and "{#" not in markdown:
            return markdown
        shown = f"docs/{page.file.src_uri}"
        source = page.file.content_string
        # Lines before the Markdown MkDocs hands over (front matter, blank lines after it).
        offset = source[:len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
        self.page = page
        try:
            return self.sandbox.from_string(markdown).render(page=page)
        except RENDER_ERRORS as error:
            line, message = template_error(error)
            where = f"{shown}:{line + offset}" if line else shown
            raise PluginError(f"{where}: {message}") from None
        finally:
            self.page = None

    def _checked(self, html_text_: str, url: str, shown: str) -> str:
        """The finished page with its meta CSP, or a build error naming what does not belong."""
        build = self.build
        problems = page_problems(html_text_, url, build.script_hashes, build.allowed_scripts)
        if problems:
            raise PluginError(f"{shown}: Die fertige Seite enthält Code oder Elemente, die nicht zur Website "
                              "gehören:\n  " + "\n  ".join(problems))
        return with_meta_policy(html_text_, build.script_hashes)


@contextmanager
def _values_in_page(page, values: dict[str, str]):
    """The page with ``values`` (slot → text) in place of its own for as long as the block runs."""
    saved = (page.title, dict(page.meta), page.canonical_url, page.edit_url, page.content)
    try:
        if "title" in values:
            page.title = page.meta["title"] = values["title"]
        if "description" in values:
            page.meta["description"] = values["description"]
        page.canonical_url = values.get("canonical_url", page.canonical_url)
        page.edit_url = values.get("edit_url", page.edit_url)
        page.content = values["content"]
        yield
    finally:
        page.title, meta, page.canonical_url, page.edit_url, page.content = saved
        page.meta.clear()
        page.meta.update(meta)


def _entry_of(page) -> tuple[str, str] | None:
    """(kind, id) of a generated entry page, else None."""
    entry = page.meta.get("hub_entry")
    if page.file.generated_by and isinstance(entry, str):
        kind, _, entry_id = entry.partition("/")
        return kind, entry_id
    return None


class _NothingToIndex(SearchIndex):
    """Material's search index, left empty: the site's search is Pagefind's (outputs/search.py)."""

    def add_entry_from_context(self, page) -> None:
        return None


class EntryFile(File):
    """A generated entry page; ``mkdocs serve --dirty`` rebuilds it only when its data file changed."""

    data_path: Path | None = None
    entry: tuple[str, str] = ("", "")  # (kind, id)

    def is_modified(self) -> bool:
        dest = Path(self.abs_dest_path)
        if self.data_path is None or not dest.is_file() or not self.data_path.is_file():
            return True
        return dest.stat().st_mtime < self.data_path.stat().st_mtime


class GeneratedPage(Page):
    """An entry page: its front matter is known as values and its Markdown is the entry marker,
    so neither MkDocs' front matter parser nor Markdown runs for it (what they would make of the
    page's source is made directly; ``test_page_frames`` compares the two)."""

    def __init__(self, file: File, config, meta: dict) -> None:
        super().__init__(None, file, config)
        self._known_meta = meta

    def read_source(self, config) -> None:
        if config.plugins.on_page_read_source(page=self, config=config) is not None:
            return super().read_source(config)  # a plugin has its own source for the page
        self.markdown, self.meta = pages.ENTRY_MARKDOWN, dict(self._known_meta)

    def render(self, config, files) -> None:
        if self.markdown != pages.ENTRY_MARKDOWN:  # a plugin changed it: Markdown reads it
            return super().render(config, files)
        self.content = pages.ENTRY_MARKER
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


class _CompiledTemplates(BytecodeCache):
    """Compiled theme templates in memory; Jinja compares each template's source before it uses one."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _newest_change(data_dir: Path) -> float:
    """When a data file last changed (links were refused before anything was read)."""
    return max((path.stat().st_mtime for path in data_dir.rglob("*.yml") if path.is_file()), default=0.0)


def _refresh_with_data(files, data_changed: float) -> None:
    """``--dirty``: hand-written pages show the data (overviews, counts, the start page) although
    their own Markdown rarely changes, so they are rebuilt whenever a data file is newer than
    the page. Entry pages follow their own file (EntryFile); lists on other entries' pages
    wait for the next full build."""
    for file in files.documentation_pages():
        if isinstance(file, EntryFile) or file.generated_by:
            continue
        dest = Path(file.abs_dest_path)
        if dest.is_file() and dest.stat().st_mtime < data_changed:
            file.is_modified = _always_modified  # this page only: MkDocs asks the file


def _always_modified() -> bool:
    return True


def _editable_pages(files) -> list[tuple[str, str]]:
    """Hand-written Markdown pages an editor may change in the browser (no posts, nothing generated)."""
    found = []
    for file in files.documentation_pages():
        path = file.src_uri
        if file.generated_by or path.startswith(f"{NEWS_POSTS}/") or path == "redaktion/felder.md":
            continue
        found.append((path, first_heading(file.content_string) or path))
    return sorted(found)


def _redirects(files, config, catalog) -> list[Redirect]:
    """Entry aliases and mkdocs.yml's extra.redirects, checked against the site's pages."""
    found = entry_redirects(catalog)
    problems = []
    for old, target in (config.extra.get("redirects") or {}).items():
        file = files.get_file_from_path(str(target))
        if file is None or not file.is_documentation_page():
            problems.append(f"mkdocs.yml: extra.redirects: '{old}' zeigt auf '{target}', diese Seite gibt es nicht")
            continue
        found.append(Redirect(str(old).strip("/") + "/", file.url))
    live = {file.url for file in files.documentation_pages()}
    for redirect in found:
        if redirect.old in live:
            problems.append(f"Weiterleitung von '{redirect.old}': unter dieser Adresse steht noch eine Seite")
    if problems:
        raise PluginError("\n".join(problems))
    return found


def _escape_for_the_theme(page) -> None:
    """Titles and descriptions as escaped text, before any template prints them.

    The theme prints ``page.title`` (also in the navigation of every other page
    and in the search index) and ``page.meta.description`` without escaping.
    All pages have gone through here before the first template renders.
    """
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = page.title = html_text(title)
    elif page.title:
        # From the first heading: HTML of the heading's text; kept as its plain text, escaped.
        page.title = html_text(html.unescape(_TAG.sub("", page.title)))
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = html_text(page.meta["description"])


def _news(config) -> list[FeedItem]:
    """The blog's posts as plain values for feeds and topic pages."""
    blog = config.plugins.get("material/blog")
    if blog is None:
        return []
    items = []
    for post in blog.blog.posts:
        title = str(post.meta.get("title") or first_heading(post.markdown) or post.file.name)
        topics = post.meta.get("topics") or []
        items.append(FeedItem(title=title, url=post.url, updated=post.config.date.created.date(),
                              summary=str(post.meta.get("description") or title),
                              categories=tuple(post.config.categories),
                              topics=tuple(str(t) for t in topics) if isinstance(topics, list) else ()))
    return items


def _project_dir(config) -> Path:
    """The folder of mkdocs.yml (absolute, also when MkDocs was given a relative -f)."""
    return Path(config.config_file_path).resolve().parent
